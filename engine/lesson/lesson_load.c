/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_load.c - YAML lesson files to the checked lesson model.
 *
 * The file becomes a node tree (yamlnode.c: limits, no aliases, marks),
 * then each part is checked against the schema of docs/lesson-format.md.
 * Walks, splits and faults are computed here with the engine, authors'
 * `expect:` values are compared with the results and `{placeholders}` are
 * filled; quizzes are instantiated with 64 fixed seeds to prove they can
 * always be asked and answered. The first problem rejects the file.
 */
#include "lesson_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quiz.h"
#include "yamlnode.h"

#define QUIZ_CHECK_SEEDS 64
#define DEFAULT_TABLES_AT 0x100000ULL
#define DEFAULT_TASK_SIZE 0xc0000000ULL

struct ld {
	const char *path;
	struct diag *d;
	struct lesson *l;
	size_t excap;            /* capacity of l->excerpts (never reallocated) */
};

static const struct ynode_limits lesson_limits = {
	.max_bytes = LESSON_MAX_FILE,
	.max_depth = LESSON_MAX_DEPTH,
	.max_string = LESSON_MAX_STRING,
	.max_nodes = 200000,
};

/* Fill the diag at node n's mark; returns -1 for `return FAILN(...)`. */
static int failn(struct ld *ld, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int failn(struct ld *ld, const struct ynode *n, const char *fmt, ...)
{
	char msg[sizeof ld->d->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(ld->d, ld->path, n ? n->line : 0, n ? n->col : 0, "%s", msg);
	return -1;
}
#define FAILN(ld, n, ...) failn((ld), (n), __VA_ARGS__)

static bool key_eq(const struct ynode *k, const char *s)
{
	size_t n = strlen(s);
	return k->kind == YNODE_SCALAR && k->len == n && memcmp(k->str, s, n) == 0;
}

/* ---- basic values ------------------------------------------------------------ */

static int get_text(struct ld *ld, const struct ynode *n, bool newlines,
		    const char *what, struct text *out)
{
	static const char *const langs[] = { "en", "ja", NULL };

	if (n->kind == YNODE_SCALAR)
		return ynode_string(n, newlines, what, ld->path, ld->d, &out->s[LANG_EN]);
	if (n->kind != YNODE_MAP)
		return FAILN(ld, n, "%s must be a string or a map {en: ..., ja: ...}, not %s",
			     what, ynode_kind_name(n->kind));
	if (ynode_known_keys(n, langs, what, ld->path, ld->d) < 0 ||
	    ynode_require(n, "en", what, ld->path, ld->d) < 0)
		return -1;
	for (int i = 0; i < LANG_COUNT; i++) {
		const struct ynode *v = ynode_get(n, langs[i]);
		if (v && ynode_string(v, newlines, what, ld->path, ld->d, &out->s[i]) < 0)
			return -1;
	}
	return 0;
}

static int get_arch(struct ld *ld, const struct ynode *n, const struct arch **out)
{
	char q[64];

	if (n->kind != YNODE_SCALAR)
		return FAILN(ld, n, "arch must be a string, not %s", ynode_kind_name(n->kind));
	if (!memchr(n->str, '\0', n->len) && (*out = arch_by_name(n->str)))
		return 0;
	ynode_quote(n, q, sizeof q);
	return FAILN(ld, n, "unknown arch %s (x86-32, x86-32-pae, x86-64, x86-64-la57)", q);
}

/* The step's arch: its own `arch:` or the lesson's. */
static int step_arch(struct ld *ld, const struct ynode *m, const struct arch **out)
{
	const struct ynode *n = ynode_get(m, "arch");

	*out = ld->l->arch;
	return n ? get_arch(ld, n, out) : 0;
}

static int get_u64(struct ld *ld, const struct ynode *n, uint64_t max, const char *what,
		   uint64_t *out)
{
	return ynode_u64(n, max, what, ld->path, ld->d, out);
}

/* A linear address that fits arch a (canonical on x86-64). */
static int get_addr(struct ld *ld, const struct ynode *n, const struct arch *a,
		    const char *what, uint64_t *out)
{
	struct addr_fields f;
	char why[200];

	if (get_u64(ld, n, UINT64_MAX, what, out) < 0)
		return -1;
	if (addr_split(a, *out, &f, why, sizeof why) < 0)
		return FAILN(ld, n, "%s: %s", what, why);
	return 0;
}

static uint64_t pa_max(const struct arch *a)
{
	return a->pa_bits >= 64 ? UINT64_MAX : (1ULL << a->pa_bits) - 1;
}

static uint64_t entry_max(const struct arch *a)
{
	return a->entry_size == 4 ? 0xffffffffULL : UINT64_MAX;
}

static const char *const level_words[] = { "pgd", "p4d", "pud", "pmd", "pte", NULL };

static int get_level(struct ld *ld, const struct ynode *n, enum level *out)
{
	int i;

	if (ynode_enum(n, level_words, "level", ld->path, ld->d, &i) < 0)
		return -1;
	*out = (enum level)i;
	return 0;
}

static int get_access(struct ld *ld, const struct ynode *m, struct access *out)
{
	static const char *const kinds[] = { "read", "write", "exec", NULL };
	const struct ynode *n;
	int k;

	out->kind = ACCESS_READ;
	out->user = false;
	if ((n = ynode_get(m, "access"))) {
		if (ynode_enum(n, kinds, "access", ld->path, ld->d, &k) < 0)
			return -1;
		out->kind = (enum access_kind)k;
	}
	if ((n = ynode_get(m, "user")) && ynode_bool(n, "user", ld->path, ld->d, &out->user) < 0)
		return -1;
	return 0;
}

/* ---- code excerpts ------------------------------------------------------------ */

/* Split source into escaped lines with tabs expanded to 8-column stops. */
static int excerpt_lines(struct ld *ld, const struct ynode *src, struct excerpt *e)
{
	const char *s = src->str, *end = src->str + src->len;
	size_t n = 0;

	if (src->kind != YNODE_SCALAR)
		return FAILN(ld, src, "source must be a string, not %s", ynode_kind_name(src->kind));
	/* drop the final newline(s) of a block scalar */
	while (end > s && end[-1] == '\n')
		end--;
	if (end == s)
		return FAILN(ld, src, "source is empty");
	for (const char *p = s; p < end; p++)
		n += *p == '\n';
	n++;
	if (n > LESSON_MAX_LINES)
		return FAILN(ld, src, "source has %zu lines (at most %d)", n, LESSON_MAX_LINES);
	e->lines = calloc(n, sizeof *e->lines);
	if (!e->lines)
		return FAILN(ld, src, "out of memory");
	for (const char *p = s; p <= end && e->nlines < n;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char exp[LESSON_MAX_STRING + 1];
		size_t o = 0, colw = 0;

		for (size_t i = 0; i < len && o < sizeof exp - 9; i++) {
			if (p[i] == '\t') {
				do {
					exp[o++] = ' ';
					colw++;
				} while (colw % 8);
			} else {
				exp[o++] = p[i];
				if (((unsigned char)p[i] & 0xc0) != 0x80)
					colw++;
			}
		}
		e->lines[e->nlines] = text_escape(exp, o, false);
		if (!e->lines[e->nlines])
			return FAILN(ld, src, "out of memory");
		e->nlines++;
		p += len + 1;
	}
	return 0;
}

static const char *const excerpt_keys[] = { "file", "version", "first_line", "lang",
					    "source", NULL };

/* Fill e from an excerpt map (keys checked by the caller). */
static int get_excerpt(struct ld *ld, const struct ynode *m, struct excerpt *e)
{
	static const char *const langs[] = { "c", "asm", NULL };
	const struct ynode *n;
	uint64_t v = 1;
	int li = 0;

	if (ynode_require(m, "file", "a code excerpt", ld->path, ld->d) < 0 ||
	    ynode_require(m, "version", "a code excerpt", ld->path, ld->d) < 0 ||
	    ynode_require(m, "source", "a code excerpt", ld->path, ld->d) < 0)
		return -1;
	if (ynode_string(ynode_get(m, "file"), false, "file", ld->path, ld->d, &e->file) < 0 ||
	    ynode_string(ynode_get(m, "version"), false, "version", ld->path, ld->d,
			 &e->version) < 0)
		return -1;
	if ((n = ynode_get(m, "first_line")) && get_u64(ld, n, 1000000, "first_line", &v) < 0)
		return -1;
	if (v == 0)
		return FAILN(ld, n, "first_line starts at 1");
	e->first_line = (unsigned)v;
	if ((n = ynode_get(m, "lang")) && ynode_enum(n, langs, "lang", ld->path, ld->d, &li) < 0)
		return -1;
	e->lang = strdup(langs[li]);
	if (!e->lang)
		return FAILN(ld, m, "out of memory");
	return excerpt_lines(ld, ynode_get(m, "source"), e);
}

static struct excerpt *new_excerpt(struct ld *ld, const struct ynode *at)
{
	if (ld->l->nexcerpts >= ld->excap) {
		FAILN(ld, at, "too many code excerpts");
		return NULL;
	}
	return &ld->l->excerpts[ld->l->nexcerpts++];
}

static int load_code_table(struct ld *ld, const struct ynode *m)
{
	if (ynode_want(m, YNODE_MAP, "code", ld->path, ld->d) < 0)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		struct excerpt *e;

		if (ynode_want(v, YNODE_MAP, "a code excerpt", ld->path, ld->d) < 0 ||
		    ynode_known_keys(v, excerpt_keys, "a code excerpt", ld->path, ld->d) < 0)
			return -1;
		if (!(e = new_excerpt(ld, k)))
			return -1;
		if (ynode_string(k, false, "excerpt name", ld->path, ld->d, &e->id) < 0)
			return -1;
		if (get_excerpt(ld, v, e) < 0)
			return -1;
	}
	return 0;
}

/* One highlight item: N or "A-B", inside the excerpt. */
static int get_range(struct ld *ld, const struct ynode *n, const struct excerpt *e,
		     struct line_range *r)
{
	uint64_t a, b;
	char q[64];
	const char *dash;

	if (n->kind != YNODE_SCALAR)
		return FAILN(ld, n, "a highlight must be a line number or \"A-B\", not %s",
			     ynode_kind_name(n->kind));
	dash = memchr(n->str, '-', n->len);
	bool ov;
	if (dash) {
		if (ynode_parse_u64(n->str, (size_t)(dash - n->str), &a, &ov) < 0 ||
		    ynode_parse_u64(dash + 1, n->len - (size_t)(dash - n->str) - 1, &b, &ov) < 0)
			goto bad;
	} else {
		if (ynode_parse_u64(n->str, n->len, &a, &ov) < 0)
			goto bad;
		b = a;
	}
	if (a > b)
		goto bad;
	if (a < e->first_line || b >= e->first_line + e->nlines)
		return FAILN(ld, n, "highlighted line %llu is outside the excerpt (lines %u-%zu)",
			     (unsigned long long)(a < e->first_line ? a : b), e->first_line,
			     e->first_line + e->nlines - 1);
	r->first = (unsigned)a;
	r->last = (unsigned)b;
	return 0;
bad:
	ynode_quote(n, q, sizeof q);
	return FAILN(ld, n, "a highlight must be a line number or \"A-B\", not %s", q);
}

static int load_code_view(struct ld *ld, const struct ynode *m, struct code_view *v)
{
	static const char *const keys[] = { "ref", "highlight", "file", "version",
					    "first_line", "lang", "source", NULL };
	const struct ynode *ref, *hl;

	if (ynode_want(m, YNODE_MAP, "code", ld->path, ld->d) < 0 ||
	    ynode_known_keys(m, keys, "code", ld->path, ld->d) < 0)
		return -1;
	if ((ref = ynode_get(m, "ref"))) {
		const struct ynode *other;
		for (size_t i = 2; excerpt_keys[i - 2]; i++)
			if ((other = ynode_key(m, excerpt_keys[i - 2])))
				return FAILN(ld, other, "code with ref takes only highlight, not \"%s\"",
					     excerpt_keys[i - 2]);
		if (ref->kind != YNODE_SCALAR)
			return FAILN(ld, ref, "ref must be a string, not %s",
				     ynode_kind_name(ref->kind));
		for (size_t i = 0; i < ld->l->nexcerpts; i++) {
			const struct excerpt *e = &ld->l->excerpts[i];
			if (e->id && strlen(e->id) == ref->len && memcmp(e->id, ref->str, ref->len) == 0)
				v->ex = e;
		}
		if (!v->ex) {
			char q[64];
			ynode_quote(ref, q, sizeof q);
			return FAILN(ld, ref, "no code excerpt named %s (define it under code:)", q);
		}
	} else {
		struct excerpt *e = new_excerpt(ld, m);
		if (!e || get_excerpt(ld, m, e) < 0)
			return -1;
		v->ex = e;
	}
	if ((hl = ynode_get(m, "highlight"))) {
		if (hl->kind == YNODE_SCALAR) {
			v->hl = calloc(1, sizeof *v->hl);
			if (!v->hl)
				return FAILN(ld, hl, "out of memory");
			v->nhl = 1;
			return get_range(ld, hl, v->ex, &v->hl[0]);
		}
		if (ynode_want(hl, YNODE_SEQ, "highlight", ld->path, ld->d) < 0)
			return -1;
		v->hl = calloc(hl->n ? hl->n : 1, sizeof *v->hl);
		if (!v->hl)
			return FAILN(ld, hl, "out of memory");
		for (size_t i = 0; i < hl->n; i++, v->nhl++)
			if (get_range(ld, hl->items[i], v->ex, &v->hl[i]) < 0)
				return -1;
	}
	return 0;
}

/* ---- tables ------------------------------------------------------------------- */

struct tb {
	struct ld *ld;
	const struct arch *a;
	struct table_setup *s;
	uint64_t next;           /* next free page */
	size_t cap;
};

static bool page_taken(const struct tb *t, uint64_t pa)
{
	for (size_t i = 0; i < t->s->npages; i++)
		if (t->s->pages[i].pa == pa)
			return true;
	return false;
}

static int add_page(struct tb *t, const struct ynode *at, uint64_t pa, enum level lv,
		    bool master)
{
	if (t->s->npages == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 8;
		struct table_page *p = realloc(t->s->pages, ncap * sizeof *p);
		if (!p)
			return FAILN(t->ld, at, "out of memory");
		t->s->pages = p;
		t->cap = ncap;
	}
	t->s->pages[t->s->npages++] = (struct table_page){ pa, lv, master };
	return 0;
}

/* A fresh zeroed table page for level lv. */
static int alloc_page(struct tb *t, const struct ynode *at, enum level lv, bool master,
		      uint64_t *pa)
{
	while (page_taken(t, t->next))
		t->next += 4096;
	if (t->next > pa_max(t->a) - 4095 || t->s->npages >= LESSON_MAX_ENTRIES)
		return FAILN(t->ld, at, "no room for another table page above tables_at");
	*pa = t->next;
	t->next += 4096;
	return add_page(t, at, *pa, lv, master);
}

/* The real level below lv, or LEVEL_COUNT. */
static enum level next_real(const struct arch *a, enum level lv)
{
	for (int i = (int)lv + 1; i < LEVEL_COUNT; i++)
		if (!a->level[i].folded)
			return (enum level)i;
	return LEVEL_COUNT;
}

static uint64_t table_entry_flags(const struct arch *a, enum level lv)
{
	/* PAE PDPT entries may set only P (and PWT/PCD) */
	if (a->entry_size == 8 && a->word_bits == 32 && lv == LEVEL_PGD)
		return PTE_P;
	return PTE_P | PTE_RW | PTE_US;
}

/* Map va -> pa with a leaf at level leaf under the pgd at pgd_pa. */
static int map_one(struct tb *t, const struct ynode *at, uint64_t pgd_pa, uint64_t va,
		   uint64_t pa, enum level leaf, uint64_t flags, bool master)
{
	const struct arch *a = t->a;
	struct addr_fields f;
	char why[200];
	uint64_t table = pgd_pa;

	if (addr_split(a, va, &f, why, sizeof why) < 0)
		return FAILN(t->ld, at, "va: %s", why);
	for (enum level lv = LEVEL_PGD; lv < LEVEL_COUNT; lv = next_real(a, lv)) {
		uint64_t epa = table + (uint64_t)f.index[lv] * a->entry_size;
		uint64_t e = physmem_read(t->s->mem, epa, a->entry_size);

		if (lv == leaf) {
			uint64_t v = pa | flags | PTE_P | (lv == LEVEL_PTE ? 0 : PTE_PS);
			if (e != 0)
				return FAILN(t->ld, at, "mapping 0x%llx overlaps another mapping "
					     "(the %s entry at 0x%llx is taken)",
					     (unsigned long long)va, level_name(lv),
					     (unsigned long long)epa);
			if (physmem_write(t->s->mem, epa, v, a->entry_size) < 0)
				return FAILN(t->ld, at, "out of memory");
			return 0;
		}
		if (e == 0) {
			uint64_t np;
			if (alloc_page(t, at, next_real(a, lv), master, &np) < 0)
				return -1;
			e = np | table_entry_flags(a, lv);
			if (physmem_write(t->s->mem, epa, e, a->entry_size) < 0)
				return FAILN(t->ld, at, "out of memory");
		} else if (e & PTE_PS) {
			return FAILN(t->ld, at, "mapping 0x%llx overlaps a large page",
				     (unsigned long long)va);
		}
		table = walk_entry_addr(a, e);
	}
	return FAILN(t->ld, at, "internal: no leaf level");
}

static const char *const size_words[] = { "4k", "2m", "4m", "1g", NULL };

/* The leaf level and size for a size word on a. */
static int size_level(struct tb *t, const struct ynode *n, int w, enum level *leaf,
		      uint64_t *size)
{
	const struct arch *a = t->a;
	static const unsigned shifts[] = { 12, 21, 22, 30 };
	unsigned sh = shifts[w];

	if (sh == 12) {
		*leaf = LEVEL_PTE;
		*size = 4096;
		return 0;
	}
	for (int lv = LEVEL_PGD; lv < LEVEL_PTE; lv++) {
		if (a->level[lv].folded || a->level[lv].shift != sh)
			continue;
		/* large pages: 4M in a 2-level pgd, 2M in a pmd, 1G in a pud (x86-64) */
		if ((a->entry_size == 4 && lv == LEVEL_PGD) || lv == LEVEL_PMD ||
		    (lv == LEVEL_PUD && a->word_bits == 64)) {
			*leaf = (enum level)lv;
			*size = 1ULL << sh;
			return 0;
		}
	}
	return FAILN(t->ld, n, "size %s pages do not exist on %s", size_words[w], a->name);
}

static int get_flags(struct tb *t, const struct ynode *n, uint64_t *out)
{
	static const struct { const char *w; uint64_t bit; } words[] = {
		{ "rw", PTE_RW }, { "us", PTE_US }, { "nx", PTE_NX }, { "g", PTE_G },
		{ "a", PTE_A }, { "d", PTE_D }, { "pwt", PTE_PWT }, { "pcd", PTE_PCD },
	};
	const char *p = n->str, *end = n->str + n->len;

	*out = 0;
	if (n->kind != YNODE_SCALAR)
		return FAILN(t->ld, n, "flags must be a string like \"rw us\", not %s",
			     ynode_kind_name(n->kind));
	while (p < end) {
		size_t len, i;
		while (p < end && (*p == ' ' || *p == ','))
			p++;
		if (p >= end)
			break;
		for (len = 0; p + len < end && p[len] != ' ' && p[len] != ','; len++)
			;
		for (i = 0; i < sizeof words / sizeof words[0]; i++)
			if (strlen(words[i].w) == len && memcmp(words[i].w, p, len) == 0)
				break;
		if (i == sizeof words / sizeof words[0]) {
			char *e = text_escape(p, len > 20 ? 20 : len, false);
			FAILN(t->ld, n, "unknown flag \"%s\" (rw us nx g a d pwt pcd)", e ? e : "?");
			free(e);
			return -1;
		}
		if (words[i].bit == PTE_NX && t->a->entry_size != 8)
			return FAILN(t->ld, n, "nx needs 64-bit entries (not on %s)", t->a->name);
		*out |= words[i].bit;
		p += len;
	}
	return 0;
}

enum map_in { IN_PROCESS, IN_MASTER, IN_BOTH };

/* Build setup from a step map: mappings, entries, cr3 (and master for
 * faults). ranges (optional) collects [va, va+size). */
static int build_tables(struct ld *ld, const struct ynode *m, const struct arch *a,
			struct table_setup *s, bool fault, uint64_t (**ranges)[2],
			size_t *nranges)
{
	static const char *const map_keys[] = { "va", "pa", "size", "flags", "in", NULL };
	static const char *const map_keys_nf[] = { "va", "pa", "size", "flags", NULL };
	static const char *const in_words[] = { "process", "master", "both", NULL };
	struct tb t = { .ld = ld, .a = a, .s = s };
	const struct ynode *n, *maps = ynode_get(m, "mappings"), *ents = ynode_get(m, "entries");
	uint64_t tables_at = DEFAULT_TABLES_AT, pgd = 0, mpgd = 0;

	s->arch = a;
	s->mem = physmem_new();
	if (!s->mem)
		return FAILN(ld, m, "out of memory");
	if ((n = ynode_get(m, "tables_at"))) {
		if (get_u64(ld, n, pa_max(a), "tables_at", &tables_at) < 0)
			return -1;
		if (tables_at & 4095)
			return FAILN(ld, n, "tables_at must be 4 KiB aligned");
	}
	t.next = tables_at;
	if (fault) {
		if (alloc_page(&t, m, LEVEL_PGD, true, &mpgd) < 0)
			return -1;
		s->master_cr3 = mpgd;
	}
	if ((n = ynode_get(m, "cr3"))) {
		uint64_t cr3;
		if (get_u64(ld, n, pa_max(a), "cr3", &cr3) < 0)
			return -1;
		pgd = walk_cr3_base(a, cr3);
		if (pgd != cr3)
			return FAILN(ld, n, "cr3 0x%llx is not aligned for %s's top table",
				     (unsigned long long)cr3, a->name);
		if (!page_taken(&t, pgd & ~4095ULL) && add_page(&t, n, pgd, LEVEL_PGD, false) < 0)
			return -1;
		if (fault && pgd == mpgd)
			return FAILN(ld, n, "cr3 is the master table's page");
	} else if (maps || fault) {
		if (alloc_page(&t, m, LEVEL_PGD, false, &pgd) < 0)
			return -1;
	} else if (!ents) {
		return FAILN(ld, m, "tables need mappings:, entries: or cr3:");
	} else {
		return FAILN(ld, m, "with only entries:, give cr3: too");
	}
	s->cr3 = pgd;
	if (maps) {
		if (ynode_want(maps, YNODE_SEQ, "mappings", ld->path, ld->d) < 0)
			return -1;
		if (maps->n > LESSON_MAX_ENTRIES)
			return FAILN(ld, maps, "too many mappings (at most %d)", LESSON_MAX_ENTRIES);
		if (ranges) {
			*ranges = calloc(maps->n ? maps->n : 1, sizeof **ranges);
			if (!*ranges)
				return FAILN(ld, maps, "out of memory");
		}
		for (size_t i = 0; i < maps->n; i++) {
			const struct ynode *mp = maps->items[i];
			uint64_t va, pa, size = 4096, flags = PTE_RW | PTE_US;
			enum level leaf = LEVEL_PTE;
			int w = 0, in = IN_PROCESS;

			if (ynode_want(mp, YNODE_MAP, "a mapping", ld->path, ld->d) < 0 ||
			    ynode_known_keys(mp, fault ? map_keys : map_keys_nf, "a mapping",
					     ld->path, ld->d) < 0 ||
			    ynode_require(mp, "va", "a mapping", ld->path, ld->d) < 0 ||
			    ynode_require(mp, "pa", "a mapping", ld->path, ld->d) < 0)
				return -1;
			if ((n = ynode_get(mp, "size")) &&
			    (ynode_enum(n, size_words, "size", ld->path, ld->d, &w) < 0 ||
			     size_level(&t, n, w, &leaf, &size) < 0))
				return -1;
			if ((n = ynode_get(mp, "flags")) && get_flags(&t, n, &flags) < 0)
				return -1;
			if ((n = ynode_get(mp, "in")) &&
			    ynode_enum(n, in_words, "in", ld->path, ld->d, &in) < 0)
				return -1;
			n = ynode_get(mp, "va");
			if (get_addr(ld, n, a, "va", &va) < 0)
				return -1;
			if (va & (size - 1))
				return FAILN(ld, n, "va 0x%llx is not aligned to the page size 0x%llx",
					     (unsigned long long)va, (unsigned long long)size);
			n = ynode_get(mp, "pa");
			if (get_u64(ld, n, pa_max(a), "pa", &pa) < 0)
				return -1;
			if (pa & (size - 1))
				return FAILN(ld, n, "pa 0x%llx is not aligned to the page size 0x%llx",
					     (unsigned long long)pa, (unsigned long long)size);
			if (in != IN_PROCESS) {
				if (map_one(&t, mp, mpgd, va, pa, leaf, flags, true) < 0)
					return -1;
			}
			if (in == IN_PROCESS) {
				if (map_one(&t, mp, pgd, va, pa, leaf, flags, false) < 0)
					return -1;
			} else if (in == IN_BOTH) {
				/* pgd_alloc: the process's pgd entry copies the master's */
				struct addr_fields f;
				uint64_t off, me, pe;
				addr_split(a, va, &f, NULL, 0);
				off = (uint64_t)f.index[LEVEL_PGD] * a->entry_size;
				me = physmem_read(s->mem, mpgd + off, a->entry_size);
				pe = physmem_read(s->mem, pgd + off, a->entry_size);
				if (pe && pe != me)
					return FAILN(ld, mp, "the process's pgd entry for 0x%llx is "
						     "already used: it cannot share the master's",
						     (unsigned long long)va);
				if (physmem_write(s->mem, pgd + off, me, a->entry_size) < 0)
					return FAILN(ld, mp, "out of memory");
			}
			if (ranges) {
				(*ranges)[i][0] = va;
				(*ranges)[i][1] = va + size;
				*nranges = i + 1;
			}
		}
	}
	if (ents) {
		if (ynode_want(ents, YNODE_MAP, "entries", ld->path, ld->d) < 0)
			return -1;
		if (ents->n > LESSON_MAX_ENTRIES)
			return FAILN(ld, ents, "too many entries (at most %d)", LESSON_MAX_ENTRIES);
		for (size_t i = 0; i < ents->n; i++) {
			const struct ynode *k = ents->items[2 * i], *v = ents->items[2 * i + 1];
			uint64_t pa, val;
			if (get_u64(ld, k, pa_max(a), "entry address", &pa) < 0)
				return -1;
			if (pa % a->entry_size)
				return FAILN(ld, k, "entry address 0x%llx is not a multiple of the "
					     "entry size %u", (unsigned long long)pa, a->entry_size);
			if (get_u64(ld, v, entry_max(a), "entry value", &val) < 0)
				return -1;
			if (physmem_write(s->mem, pa, val, a->entry_size) < 0)
				return FAILN(ld, v, "out of memory");
		}
	}
	return 0;
}

/* ---- placeholders for split / walk / fault ------------------------------------ */

struct ph_ctx {
	const struct arch *a;
	uint64_t addr;
	const struct addr_fields *f;
	const struct walk *w;          /* NULL for split */
	uint64_t cr3;
	const struct step_fault *fault;
};

static int ph_level(const char *name, size_t len, enum level *lv, const char **rest)
{
	for (int i = 0; i < LEVEL_COUNT; i++)
		if (len >= 3 && memcmp(name, level_words[i], 3) == 0) {
			*lv = (enum level)i;
			*rest = name + 3;
			return 0;
		}
	return -1;
}

static bool is_name(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(name, s, len) == 0;
}

static const char *status_word(enum walk_status s)
{
	static const char *const w[] = { "ok", "not-present", "protection", "reserved",
					 "bad-address" };
	return (unsigned)s < 5 ? w[s] : "?";
}

/* {sync.entry} {sync.master_entry} {sync.value} {sync.old} {sync.index} of a
 * fault step: what vmalloc_sync_one read and wrote. */
static int ph_sync(const struct step_fault *f, const char *name, size_t len,
		   struct ph_value *out, char *why, size_t whylen)
{
	const struct sync_report *r = &f->sync;
	uint64_t v;

	if (is_name(name, len, "sync.entry"))
		v = r->pmd_pa;
	else if (is_name(name, len, "sync.master_entry"))
		v = r->pmd_k_pa;
	else if (is_name(name, len, "sync.value"))
		v = r->new_value;
	else if (is_name(name, len, "sync.old"))
		v = r->old_value;
	else if (is_name(name, len, "sync.index"))
		v = r->index;
	else {
		snprintf(why, whylen, "unknown placeholder {%.*s} (sync.entry, sync.master_entry, "
			 "sync.value, sync.old, sync.index)", (int)len, name);
		return -1;
	}
	if (!f->synced || r->result == SYNC_NO_MASTER) {
		snprintf(why, whylen, "placeholder {%.*s}: vmalloc_sync_one %s here", (int)len,
			 name, f->synced ? "finds no master entry" : "does not run");
		return -1;
	}
	*out = (struct ph_value){ .is_num = true, .num = v, .hex = !is_name(name, len, "sync.index") };
	return 0;
}

static int ph_resolve(void *vctx, const char *name, size_t len, struct ph_value *out,
		      char *why, size_t whylen)
{
	const struct ph_ctx *c = vctx;
	const struct walk *w = c->w;
	enum level lv;
	const char *rest;

	if (is_name(name, len, "addr")) {
		*out = (struct ph_value){ .is_num = true, .num = c->addr, .hex = true };
		return 0;
	}
	if (is_name(name, len, "arch")) {
		*out = (struct ph_value){ .str = c->a->name };
		return 0;
	}
	if (is_name(name, len, "offset")) {
		*out = (struct ph_value){ .is_num = true, .num = c->f->offset, .hex = true };
		return 0;
	}
	if (ph_level(name, len, &lv, &rest) == 0) {
		size_t rl = len - 3;
		if (rl == 0) {
			*out = (struct ph_value){ .is_num = true, .num = c->f->index[lv] };
			return 0;
		}
		if (!w || (!is_name(rest, rl, ".entry") && !is_name(rest, rl, ".value") &&
			   !is_name(rest, rl, ".table")))
			goto unknown;
		for (int i = 0; i < w->nsteps; i++) {
			const struct walk_step *s = &w->step[i];
			if (s->level != lv)
				continue;
			uint64_t v = rest[1] == 'e' && rest[2] == 'n' ? s->entry_pa :
				     rest[1] == 'v' ? s->entry : s->table;
			*out = (struct ph_value){ .is_num = true, .num = v, .hex = true };
			return 0;
		}
		snprintf(why, whylen, "placeholder {%.*s}: the walk does not reach the %s level",
			 (int)len, name, level_name(lv));
		return -1;
	}
	if (w) {
		if (is_name(name, len, "cr3")) {
			*out = (struct ph_value){ .is_num = true, .num = c->cr3, .hex = true };
			return 0;
		}
		if (is_name(name, len, "status")) {
			*out = (struct ph_value){ .str = status_word(w->status) };
			return 0;
		}
		if (is_name(name, len, "error_code")) {
			uint64_t ec = c->fault ? c->fault->error_code : w->error_code;
			*out = (struct ph_value){ .is_num = true, .num = ec, .hex = true };
			return 0;
		}
		if (is_name(name, len, "phys") || is_name(name, len, "frame") ||
		    is_name(name, len, "page_size")) {
			const struct walk *r = w;
			if (c->fault && c->fault->synced)
				r = &c->fault->after;
			if (r->status != WALK_OK) {
				snprintf(why, whylen, "placeholder {%.*s}: the walk of 0x%llx does not "
					 "reach a page (%s)", (int)len, name,
					 (unsigned long long)c->addr, status_word(r->status));
				return -1;
			}
			out->is_num = true;
			out->hex = true;
			out->num = name[0] == 'p' && name[1] == 'h' ? r->phys :
				   name[0] == 'f' ? r->frame : r->page_size;
			return 0;
		}
	}
	if (c->fault) {
		if (is_name(name, len, "path")) {
			*out = (struct ph_value){ .str = c->fault->faulted ?
				fault_path_name(c->fault->path) : "none" };
			return 0;
		}
		if (is_name(name, len, "sync")) {
			*out = (struct ph_value){ .str = c->fault->synced ?
				sync_result_name(c->fault->sync.result) : "none" };
			return 0;
		}
		if (is_name(name, len, "master_cr3")) {
			*out = (struct ph_value){ .is_num = true, .hex = true,
						  .num = c->fault->setup.master_cr3 };
			return 0;
		}
		if (len > 5 && memcmp(name, "sync.", 5) == 0)
			return ph_sync(c->fault, name, len, out, why, whylen);
	}
unknown:
	snprintf(why, whylen, "unknown placeholder {%.*s} (write {{ for a brace)", (int)len, name);
	return -1;
}

static int expand_step_text(struct ld *ld, const struct ynode *m, struct step *s,
			    struct ph_ctx *c)
{
	char why[300];
	const struct ynode *tn = ynode_get(m, "text");
	int rc;

	if (!tn)
		return 0;
	rc = text_expand_all(&s->body, ph_resolve, c, why, sizeof why);
	if (rc == -2)
		return FAILN(ld, tn, "out of memory");
	if (rc < 0)
		return FAILN(ld, tn, "%s", why);
	return 0;
}

/* ---- expect ------------------------------------------------------------------- */

static int expect_num(struct ld *ld, const struct ynode *n, const char *what, uint64_t got)
{
	uint64_t want;

	if (get_u64(ld, n, UINT64_MAX, what, &want) < 0)
		return -1;
	if (want != got)
		return FAILN(ld, n, "expect %s: the engine computes 0x%llx (%llu), not 0x%llx (%llu)",
			     what, (unsigned long long)got, (unsigned long long)got,
			     (unsigned long long)want, (unsigned long long)want);
	return 0;
}

static int expect_word(struct ld *ld, const struct ynode *n, const char *what,
		       const char *got)
{
	if (n->kind == YNODE_SCALAR && strlen(got) == n->len && memcmp(n->str, got, n->len) == 0)
		return 0;
	char q[64];
	if (n->kind != YNODE_SCALAR)
		return FAILN(ld, n, "expect %s must be a word, not %s", what, ynode_kind_name(n->kind));
	ynode_quote(n, q, sizeof q);
	return FAILN(ld, n, "expect %s: the engine says %s, not %s", what, got, q);
}

/* Index and offset keys shared by split, walk and compare expects. */
static int expect_field(struct ld *ld, const struct ynode *k, const struct ynode *v,
			const struct addr_fields *f, bool *handled)
{
	*handled = true;
	for (int i = 0; i < LEVEL_COUNT; i++)
		if (key_eq(k, level_words[i])) {
			char what[32];
			snprintf(what, sizeof what, "%s index", level_words[i]);
			return expect_num(ld, v, what, f->index[i]);
		}
	if (key_eq(k, "offset"))
		return expect_num(ld, v, "offset", f->offset);
	*handled = false;
	return 0;
}

static int expect_fields(struct ld *ld, const struct ynode *e, const struct addr_fields *f)
{
	static const char *const keys[] = { "pgd", "p4d", "pud", "pmd", "pte", "offset", NULL };
	bool h;

	if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0 ||
	    ynode_known_keys(e, keys, "expect", ld->path, ld->d) < 0)
		return -1;
	for (size_t i = 0; i < e->n; i++)
		if (expect_field(ld, e->items[2 * i], e->items[2 * i + 1], f, &h) < 0)
			return -1;
	return 0;
}

/* expect entry:/value:/table: {LEVEL: N}. */
static int expect_per_level(struct ld *ld, const struct ynode *m, const struct walk *w,
			    int which)
{
	static const char *const names[] = { "entry", "value", "table" };

	if (ynode_want(m, YNODE_MAP, names[which], ld->path, ld->d) < 0 ||
	    ynode_known_keys(m, level_words, names[which], ld->path, ld->d) < 0)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		enum level lv = LEVEL_PGD;
		int found = -1;
		char what[40];

		get_level(ld, k, &lv);
		for (int j = 0; j < w->nsteps; j++)
			if (w->step[j].level == lv)
				found = j;
		if (found < 0)
			return FAILN(ld, k, "expect %s: the walk does not reach the %s level",
				     names[which], level_name(lv));
		const struct walk_step *s = &w->step[found];
		snprintf(what, sizeof what, "%s %s", level_name(lv), names[which]);
		if (expect_num(ld, v, what, which == 0 ? s->entry_pa : which == 1 ? s->entry :
			       s->table) < 0)
			return -1;
	}
	return 0;
}

/* Walk expects; `after` is the walk phys/frame/page_size refer to. */
static int expect_walk_key(struct ld *ld, const struct ynode *k, const struct ynode *v,
			   const struct addr_fields *f, const struct walk *w,
			   const struct walk *after, uint32_t error_code, bool *handled)
{
	if (expect_field(ld, k, v, f, handled) < 0)
		return -1;
	if (*handled)
		return 0;
	*handled = true;
	if (key_eq(k, "entry"))
		return expect_per_level(ld, v, w, 0);
	if (key_eq(k, "value"))
		return expect_per_level(ld, v, w, 1);
	if (key_eq(k, "table"))
		return expect_per_level(ld, v, w, 2);
	if (key_eq(k, "status"))
		return expect_word(ld, v, "status", status_word(w->status));
	if (key_eq(k, "error_code"))
		return expect_num(ld, v, "error_code", error_code);
	if (key_eq(k, "levels"))
		return expect_num(ld, v, "levels", (uint64_t)w->nsteps);
	if (key_eq(k, "phys") || key_eq(k, "frame") || key_eq(k, "page_size")) {
		if (after->status != WALK_OK)
			return FAILN(ld, k, "expect %.*s: the walk does not reach a page (%s: %s)",
				     (int)k->len, k->str, status_word(after->status), after->reason);
		return expect_num(ld, v, key_eq(k, "phys") ? "phys" : key_eq(k, "frame") ?
				  "frame" : "page_size", key_eq(k, "phys") ? after->phys :
				  key_eq(k, "frame") ? after->frame : after->page_size);
	}
	*handled = false;
	return 0;
}

/* ---- steps ------------------------------------------------------------------------ */

static const char *const common_keys[] = { "kind", "heading", "text", "code" };
#define NCOMMON 4

/* Check m's keys: the common ones plus extra[]. */
static int step_keys(struct ld *ld, const struct ynode *m, const char *const *extra,
		     const char *kind)
{
	const char *all[40];
	size_t n = 0;
	char what[40];

	for (size_t i = 0; i < NCOMMON; i++)
		all[n++] = common_keys[i];
	for (size_t i = 0; extra && extra[i] && n < 39; i++)
		all[n++] = extra[i];
	all[n] = NULL;
	snprintf(what, sizeof what, "a %s step", kind);
	return ynode_known_keys(m, all, what, ld->path, ld->d);
}

static int need(struct ld *ld, const struct ynode *m, const char *key, const char *kind)
{
	char what[40];

	snprintf(what, sizeof what, "a %s step", kind);
	return ynode_require(m, key, what, ld->path, ld->d);
}

static int load_split(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "arch", "addr", "expect", NULL };
	struct step_split *sp = &s->u.split;
	const struct ynode *e;
	struct ph_ctx c = { 0 };

	if (step_keys(ld, m, keys, "split") < 0 || need(ld, m, "addr", "split") < 0 ||
	    step_arch(ld, m, &sp->arch) < 0 ||
	    get_addr(ld, ynode_get(m, "addr"), sp->arch, "addr", &sp->addr) < 0)
		return -1;
	addr_split(sp->arch, sp->addr, &sp->fields, NULL, 0);
	if ((e = ynode_get(m, "expect")) && expect_fields(ld, e, &sp->fields) < 0)
		return -1;
	c.a = sp->arch;
	c.addr = sp->addr;
	c.f = &sp->fields;
	return expand_step_text(ld, m, s, &c);
}

static const char *const walk_expect_keys[] = {
	"pgd", "p4d", "pud", "pmd", "pte", "offset", "entry", "value", "table", "status",
	"phys", "frame", "page_size", "error_code", "levels", NULL
};

static int load_walk(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "arch", "tables_at", "cr3", "mappings", "entries",
					    "addr", "access", "user", "expect", NULL };
	struct step_walk *w = &s->u.walk;
	const struct arch *a;
	const struct ynode *e;
	struct addr_fields f;
	struct ph_ctx c = { 0 };

	if (step_keys(ld, m, keys, "walk") < 0 || need(ld, m, "addr", "walk") < 0 ||
	    step_arch(ld, m, &a) < 0)
		return -1;
	if (build_tables(ld, m, a, &w->setup, false, NULL, NULL) < 0 ||
	    get_addr(ld, ynode_get(m, "addr"), a, "addr", &w->addr) < 0 ||
	    get_access(ld, m, &w->access) < 0)
		return -1;
	walk_run(a, w->setup.mem, w->setup.cr3, w->addr, w->access, &w->walk);
	addr_split(a, w->addr, &f, NULL, 0);
	if ((e = ynode_get(m, "expect"))) {
		if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0 ||
		    ynode_known_keys(e, walk_expect_keys, "expect", ld->path, ld->d) < 0)
			return -1;
		for (size_t i = 0; i < e->n; i++) {
			bool h;
			if (expect_walk_key(ld, e->items[2 * i], e->items[2 * i + 1], &f, &w->walk,
					    &w->walk, w->walk.error_code, &h) < 0)
				return -1;
		}
	}
	c.a = a;
	c.addr = w->addr;
	c.f = &f;
	c.w = &w->walk;
	c.cr3 = w->setup.cr3;
	return expand_step_text(ld, m, s, &c);
}

static int load_compare(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "addr", "archs", "expect", NULL };
	struct step_compare *cp = &s->u.compare;
	const struct ynode *archs, *e, *n;
	struct ph_ctx c = { 0 };

	if (step_keys(ld, m, keys, "compare") < 0 || need(ld, m, "addr", "compare") < 0 ||
	    need(ld, m, "archs", "compare") < 0)
		return -1;
	n = ynode_get(m, "addr");
	if (get_u64(ld, n, UINT64_MAX, "addr", &cp->addr) < 0)
		return -1;
	archs = ynode_get(m, "archs");
	if (ynode_want(archs, YNODE_SEQ, "archs", ld->path, ld->d) < 0)
		return -1;
	if (archs->n < 2 || archs->n > COMPARE_MAX)
		return FAILN(ld, archs, "compare needs 2 to %d archs, not %zu", COMPARE_MAX,
			     archs->n);
	for (size_t i = 0; i < archs->n; i++) {
		if (get_arch(ld, archs->items[i], &cp->arch[i]) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (cp->arch[j] == cp->arch[i])
				return FAILN(ld, archs->items[i], "arch %s is listed twice",
					     cp->arch[i]->name);
		cp->fits[i] = addr_split(cp->arch[i], cp->addr, &cp->fields[i], cp->why[i],
					 sizeof cp->why[i]) == 0;
		cp->narch++;
	}
	if (!cp->fits[0] && !cp->fits[1] && (cp->narch < 3 || !cp->fits[2]) &&
	    (cp->narch < 4 || !cp->fits[3]))
		return FAILN(ld, n, "addr 0x%llx fits none of the archs",
			     (unsigned long long)cp->addr);
	if ((e = ynode_get(m, "expect"))) {
		if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0)
			return -1;
		for (size_t i = 0; i < e->n; i++) {
			const struct ynode *k = e->items[2 * i];
			const struct arch *a;
			size_t j;
			if (get_arch(ld, k, &a) < 0)
				return -1;
			for (j = 0; j < cp->narch && cp->arch[j] != a; j++)
				;
			if (j == cp->narch)
				return FAILN(ld, k, "expect: %s is not one of the compared archs",
					     a->name);
			if (!cp->fits[j])
				return FAILN(ld, k, "expect %s: %s", a->name, cp->why[j]);
			if (expect_fields(ld, e->items[2 * i + 1], &cp->fields[j]) < 0)
				return -1;
		}
	}
	/* only {addr} and {arch} (the first) make sense for several archs */
	c.a = cp->arch[0];
	c.addr = cp->addr;
	struct addr_fields none = { 0 };
	c.f = &none;
	{
		const struct ynode *tn = ynode_get(m, "text");
		char why[300];
		int rc;
		if (!tn)
			return 0;
		rc = text_expand_all(&s->body, ph_resolve, &c, why, sizeof why);
		if (rc == 0)
			return 0;
		if (rc == -2)
			return FAILN(ld, tn, "out of memory");
		return FAILN(ld, tn, "%s", why);
	}
}

static int get_vmas(struct ld *ld, const struct ynode *n, struct vma **out, size_t *nout,
		    const struct arch *a)
{
	static const char *const keys[] = { "start", "end", "perm", NULL };

	if (ynode_want(n, YNODE_SEQ, "vmas", ld->path, ld->d) < 0)
		return -1;
	if (n->n > 256)
		return FAILN(ld, n, "too many vmas (at most 256)");
	*out = calloc(n->n ? n->n : 1, sizeof **out);
	if (!*out)
		return FAILN(ld, n, "out of memory");
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *v = n->items[i], *p;
		struct vma *vm = &(*out)[i];
		if (ynode_want(v, YNODE_MAP, "a vma", ld->path, ld->d) < 0 ||
		    ynode_known_keys(v, keys, "a vma", ld->path, ld->d) < 0 ||
		    ynode_require(v, "start", "a vma", ld->path, ld->d) < 0 ||
		    ynode_require(v, "end", "a vma", ld->path, ld->d) < 0 ||
		    get_addr(ld, ynode_get(v, "start"), a, "start", &vm->start) < 0 ||
		    get_u64(ld, ynode_get(v, "end"), UINT64_MAX, "end", &vm->end) < 0)
			return -1;
		if (vm->end <= vm->start || ((vm->start | vm->end) & 4095))
			return FAILN(ld, v, "a vma needs page-aligned start < end");
		if (i > 0 && vm->start < (*out)[i - 1].end)
			return FAILN(ld, v, "vmas must be sorted and must not overlap");
		vm->read = true;
		if ((p = ynode_get(v, "perm"))) {
			if (p->kind != YNODE_SCALAR || p->len != 3 ||
			    (p->str[0] != 'r' && p->str[0] != '-') ||
			    (p->str[1] != 'w' && p->str[1] != '-') ||
			    (p->str[2] != 'x' && p->str[2] != '-'))
				return FAILN(ld, p, "perm must look like \"rw-\" or \"r-x\"");
			vm->read = p->str[0] == 'r';
			vm->write = p->str[1] == 'w';
			vm->exec = p->str[2] == 'x';
		}
		*nout = i + 1;
	}
	return 0;
}

static const char *const path_words[] = { "vmalloc_fault", "handle_mm_fault", "bad_area",
					  "oops", NULL };
static const char *const sync_words[] = { "copied", "already", "no-master", "no-master-pte",
					  "bug", NULL };

static int load_fault(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "arch", "tables_at", "cr3", "mappings", "entries",
					    "addr", "access", "user", "task_size", "vmas",
					    "expect", NULL };
	static const char *const fault_expect_keys[] = {
		"pgd", "p4d", "pud", "pmd", "pte", "offset", "entry", "value", "table",
		"status", "phys", "frame", "page_size", "error_code", "levels", "path",
		"sync", NULL
	};
	struct step_fault *f = &s->u.fault;
	const struct arch *a;
	const struct ynode *e, *n;
	struct addr_fields fl;
	struct ph_ctx c = { 0 };

	if (step_keys(ld, m, keys, "fault") < 0 || need(ld, m, "addr", "fault") < 0 ||
	    step_arch(ld, m, &a) < 0)
		return -1;
	if (a->word_bits != 32)
		return FAILN(ld, ynode_get(m, "arch") ? ynode_get(m, "arch") : m,
			     "fault steps model the i386 fault path: x86-32 or x86-32-pae, not %s",
			     a->name);
	if (build_tables(ld, m, a, &f->setup, true, NULL, NULL) < 0 ||
	    get_addr(ld, ynode_get(m, "addr"), a, "addr", &f->addr) < 0 ||
	    get_access(ld, m, &f->access) < 0)
		return -1;
	f->task_size = DEFAULT_TASK_SIZE;
	if ((n = ynode_get(m, "task_size")) &&
	    get_u64(ld, n, arch_word_mask(a), "task_size", &f->task_size) < 0)
		return -1;
	if ((n = ynode_get(m, "vmas")) && get_vmas(ld, n, &f->vmas, &f->nvmas, a) < 0)
		return -1;
	walk_run(a, f->setup.mem, f->setup.cr3, f->addr, f->access, &f->before);
	f->mem_after = f->setup.mem;
	f->faulted = f->before.status != WALK_OK;
	if (f->faulted) {
		struct fault_in in = { .addr = f->addr, .error_code = f->before.error_code,
				       .task_size = f->task_size, .vmas = f->vmas,
				       .nvmas = f->nvmas };
		f->error_code = f->before.error_code;
		f->path = fault_route(&in);
		if (f->path == FAULT_VMALLOC_SYNC) {
			f->mem_after = physmem_clone(f->setup.mem);
			if (!f->mem_after) {
				f->mem_after = f->setup.mem;
				return FAILN(ld, m, "out of memory");
			}
			f->synced = true;
			fault_vmalloc_sync(a, f->mem_after, f->setup.cr3, f->setup.master_cr3,
					   f->addr, &f->sync);
			walk_run(a, f->mem_after, f->setup.cr3, f->addr, f->access, &f->after);
		}
	}
	addr_split(a, f->addr, &fl, NULL, 0);
	if ((e = ynode_get(m, "expect"))) {
		if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0 ||
		    ynode_known_keys(e, fault_expect_keys, "expect", ld->path, ld->d) < 0)
			return -1;
		for (size_t i = 0; i < e->n; i++) {
			const struct ynode *k = e->items[2 * i], *v = e->items[2 * i + 1];
			bool h;
			if (key_eq(k, "path")) {
				if (expect_word(ld, v, "path", f->faulted ?
						path_words[f->path] : "none") < 0)
					return -1;
				continue;
			}
			if (key_eq(k, "sync")) {
				if (expect_word(ld, v, "sync", f->synced ?
						sync_words[f->sync.result] : "none") < 0)
					return -1;
				continue;
			}
			if (expect_walk_key(ld, k, v, &fl, &f->before,
					    f->synced ? &f->after : &f->before, f->error_code,
					    &h) < 0)
				return -1;
		}
	}
	c.a = a;
	c.addr = f->addr;
	c.f = &fl;
	c.w = &f->before;
	c.cr3 = f->setup.cr3;
	c.fault = f;
	return expand_step_text(ld, m, s, &c);
}

/* ---- replay: one fault event of a recorded trace ---------------------------------------- */

struct rp_ctx {
	const struct step_replay *r;
	struct addr_fields f;
};

static int rp_resolve(void *vctx, const char *name, size_t len, struct ph_value *out,
		      char *why, size_t whylen)
{
	const struct rp_ctx *c = vctx;
	const struct step_replay *r = c->r;
	struct ph_ctx pc = { .a = r->arch, .addr = r->cr2, .f = &c->f, .w = &r->walk,
			     .cr3 = r->cr3 };
	uint64_t v;
	bool hex = true;

	if (is_name(name, len, "cr2"))
		v = r->cr2;
	else if (is_name(name, len, "cr3"))
		v = r->cr3;
	else if (is_name(name, len, "ip"))
		v = r->ip;
	else if (is_name(name, len, "error_code"))
		v = r->error_code;
	else if (is_name(name, len, "master_cr3"))
		v = r->master_pgd;
	else if (is_name(name, len, "event")) {
		v = r->seq;
		hex = false;
	} else if (is_name(name, len, "pid")) {
		v = r->pid;
		hex = false;
	} else if (is_name(name, len, "path")) {
		*out = (struct ph_value){ .str = fault_path_name(r->path) };
		return 0;
	} else if (is_name(name, len, "trace")) {
		*out = (struct ph_value){ .str = r->trace_shown };
		return 0;
	} else if (len > 5 && memcmp(name, "sync.", 5) == 0) {
		const struct trace_write *w = &r->sync;
		if (is_name(name, len, "sync.entry"))
			v = w->pa;
		else if (is_name(name, len, "sync.master_entry"))
			v = w->from;
		else if (is_name(name, len, "sync.value"))
			v = w->new_value;
		else if (is_name(name, len, "sync.old"))
			v = w->old_value;
		else
			goto unknown;
		if (!r->synced) {
			snprintf(why, whylen, "placeholder {%.*s}: event %llu copies no master entry "
				 "(its path is %s)", (int)len, name, (unsigned long long)r->seq,
				 trace_path_name(r->path));
			return -1;
		}
	} else if (is_name(name, len, "phys") || is_name(name, len, "frame") ||
		   is_name(name, len, "page_size") || is_name(name, len, "sync")) {
		goto unknown;   /* the recorded walk faulted: nothing to say */
	} else {
		return ph_resolve(&pc, name, len, out, why, whylen);
	}
	*out = (struct ph_value){ .is_num = true, .num = v, .hex = hex };
	return 0;
unknown:
	snprintf(why, whylen, "unknown placeholder {%.*s} in a replay step (cr2, cr3, error_code, "
		 "path, event, pid, master_cr3, sync.entry, sync.master_entry, sync.value, "
		 "sync.old, pgd, pgd.entry ...)", (int)len, name);
	return -1;
}

static int load_replay(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = { "trace", "event", "first", "path", NULL };
	const char *pwords[5];
	struct step_replay *r = &s->u.replay;
	const struct ynode *tn, *en, *fn, *pn;
	struct trace *t = NULL;
	struct diag td = { 0 };
	char *name = NULL, found[4096], msg[1100];
	const struct trace_event *ev = NULL;
	struct rp_ctx c = { .r = r };
	int want = -1, rc = -1;

	for (int i = 0; i < 4; i++)
		pwords[i] = trace_path_name((enum fault_path)i);
	pwords[4] = NULL;
	if (step_keys(ld, m, keys, "replay") < 0 || need(ld, m, "trace", "replay") < 0)
		return -1;
	tn = ynode_get(m, "trace");
	en = ynode_get(m, "event");
	fn = ynode_get(m, "first");
	pn = ynode_get(m, "path");
	if (en && fn)
		return FAILN(ld, ynode_key(m, "first"), "give event or first, not both");
	if (!en && !fn)
		return FAILN(ld, m, "a replay step needs event: N or first: KIND "
			     "(demand, vmalloc-sync, bad-area, oops)");
	if (pn && !en)
		return FAILN(ld, ynode_key(m, "path"), "path checks an event: N; first: names "
			     "the kind itself");
	if ((fn && ynode_enum(fn, pwords, "first", ld->path, ld->d, &want) < 0) ||
	    (pn && ynode_enum(pn, pwords, "path", ld->path, ld->d, &want) < 0))
		return -1;
	if (ynode_string(tn, false, "trace", ld->path, ld->d, &name) < 0)
		return -1;
	if (!*name) {
		FAILN(ld, tn, "trace is empty: name a trace file (traces/NAME.yaml)");
		goto out;
	}
	if (lesson_trace_find(ld->path, name, found, sizeof found) < 0) {
		FAILN(ld, tn, "trace %s: no such file (tried %s, then $PAGEWALK_TRACES, ./traces "
		      "and the installed traces)", name, found);
		goto out;
	}
	if (!(t = trace_load(found, &td))) {
		diag_format(&td, msg, sizeof msg);
		FAILN(ld, tn, "trace %s does not load: %s", name, msg);
		goto out;
	}
	if (en) {
		uint64_t seq;
		if (get_u64(ld, en, UINT64_MAX, "event", &seq) < 0)
			goto out;
		for (size_t k = 0; k < t->nevents; k++)
			if (t->events[k].seq == seq) {
				ev = &t->events[k];
				r->event = k;
			}
		if (!ev) {
			FAILN(ld, en, "trace %s has no event %llu (its events are %llu-%llu)", name,
			      (unsigned long long)seq,
			      (unsigned long long)(t->nevents ? t->events[0].seq : 0),
			      (unsigned long long)(t->nevents ? t->events[t->nevents - 1].seq : 0));
			goto out;
		}
		if (ev->kind != TRACE_FAULT) {
			FAILN(ld, en, "event %llu of %s is a %s event, not a fault",
			      (unsigned long long)seq, name, trace_kind_name(ev->kind));
			goto out;
		}
		if (want >= 0 && ev->path != (enum fault_path)want) {
			FAILN(ld, pn, "event %llu of %s took the %s path, not %s",
			      (unsigned long long)seq, name, trace_path_name(ev->path), pwords[want]);
			goto out;
		}
	} else {
		for (size_t k = 0; k < t->nevents && !ev; k++)
			if (t->events[k].kind == TRACE_FAULT &&
			    t->events[k].path == (enum fault_path)want) {
				ev = &t->events[k];
				r->event = k;
			}
		if (!ev) {
			FAILN(ld, fn, "trace %s has no %s fault", name, pwords[want]);
			goto out;
		}
	}
	r->trace_path = strdup(found);
	r->trace_shown = name;
	name = NULL;
	snprintf(msg, sizeof msg, "%s%s%s", t->h.source ? t->h.source : "?",
		 t->h.emulator ? " under " : "", t->h.emulator ? t->h.emulator : "");
	r->source = strdup(msg);
	if (!r->trace_path || !r->source) {
		FAILN(ld, tn, "out of memory");
		goto out;
	}
	r->arch = t->h.arch;
	r->seq = ev->seq;
	r->nevents = t->nevents;
	r->pid = ev->pid;
	r->cr2 = ev->cr2;
	r->cr3 = ev->cr3;
	r->ip = ev->ip;
	r->error_code = ev->error_code;
	r->cpl = ev->cpl;
	r->path = ev->path;
	r->outcome = ev->outcome;
	r->master_pgd = t->h.master_pgd;
	trace_walk_recorded(t, r->event, &r->walk);
	r->nwrites_all = ev->nwrites;
	for (uint32_t i = 0; i < ev->nwrites; i++) {
		const struct trace_write *w = &t->writes[ev->write0 + i];
		if (i < REPLAY_STEP_MAX_WRITES)
			r->writes[r->nwrites++] = *w;
		if (!r->synced && w->from != TRACE_NO_ADDR) {
			r->synced = true;
			r->sync = *w;
		}
	}
	addr_split(r->arch, r->cr2, &c.f, NULL, 0);
	if (ynode_get(m, "text")) {
		char why[300];
		int er = text_expand_all(&s->body, rp_resolve, &c, why, sizeof why);
		if (er == -2) {
			FAILN(ld, ynode_get(m, "text"), "out of memory");
			goto out;
		}
		if (er < 0) {
			FAILN(ld, ynode_get(m, "text"), "%s", why);
			goto out;
		}
	}
	rc = 0;
out:
	free(name);
	trace_free(t);
	return rc;
}

/* ---- quiz ---------------------------------------------------------------------------- */

static const char *const ask_words[] = { "index", "entry", "phys", "offset", "split", "macro",
					 "fault-path", "error-bits", "error-code", NULL };

/* Placeholders a question may use (values are filled per instance). */
static int quiz_ph_check(void *ctx, const char *name, size_t len, struct ph_value *out,
			 char *why, size_t whylen)
{
	static const char *const ok[] = { "addr", "arch", "level", "macro", "error_code", NULL };

	(void)ctx;
	for (int i = 0; ok[i]; i++)
		if (is_name(name, len, ok[i])) {
			*out = (struct ph_value){ .str = "" };
			return 0;
		}
	snprintf(why, whylen, "unknown placeholder {%.*s} in a quiz (addr, arch, level, macro, "
		 "error_code; write {{ for a brace)", (int)len, name);
	return -1;
}

static int check_quiz_text(struct ld *ld, const struct ynode *n, const struct text *t)
{
	char why[300], *o;

	for (int i = 0; i < LANG_COUNT; i++) {
		int rc;
		if (!t->s[i])
			continue;
		/* numeric formats are checked against a string dummy: skip them */
		rc = text_expand(t->s[i], quiz_ph_check, NULL, &o, why, sizeof why);
		if (rc == -2)
			return FAILN(ld, n, "out of memory");
		if (rc < 0 && !strstr(why, "is not a number"))
			return FAILN(ld, n, "%s", why);
		if (rc == 0)
			free(o);
	}
	return 0;
}

/* A key only some kinds of quiz take. */
static int only_for(struct ld *ld, const struct ynode *m, const char *key, bool allowed,
		    const char *kinds)
{
	const struct ynode *k = ynode_key(m, key);

	if (k && !allowed)
		return FAILN(ld, k, "\"%s\" is only for %s quizzes", key, kinds);
	return 0;
}

static int load_random(struct ld *ld, const struct ynode *r, struct addr_constraint *c,
		       bool have_maps)
{
	static const char *const keys[] = { "range", "kernel", "user", "align", "mapped",
					    "odd", "even", NULL };
	const struct ynode *n;

	for (int i = 0; i < LEVEL_COUNT; i++)
		c->parity[i] = -1;
	c->align = 1;
	if (ynode_want(r, YNODE_MAP, "random", ld->path, ld->d) < 0 ||
	    ynode_known_keys(r, keys, "random", ld->path, ld->d) < 0)
		return -1;
	if ((n = ynode_get(r, "range"))) {
		if (ynode_want(n, YNODE_SEQ, "range", ld->path, ld->d) < 0)
			return -1;
		if (n->n != 2)
			return FAILN(ld, n, "range is [LOW, HIGH]");
		if (get_u64(ld, n->items[0], UINT64_MAX, "range", &c->lo) < 0 ||
		    get_u64(ld, n->items[1], UINT64_MAX, "range", &c->hi) < 0)
			return -1;
		if (c->lo > c->hi)
			return FAILN(ld, n, "range: LOW is above HIGH");
		c->has_range = true;
	}
	if ((n = ynode_get(r, "kernel")) && ynode_bool(n, "kernel", ld->path, ld->d, &c->kernel) < 0)
		return -1;
	if ((n = ynode_get(r, "user")) && ynode_bool(n, "user", ld->path, ld->d, &c->user) < 0)
		return -1;
	if (c->kernel && c->user)
		return FAILN(ld, r, "random: kernel and user exclude each other");
	if (c->has_range && (c->kernel || c->user))
		return FAILN(ld, r, "random: give range or kernel/user, not both");
	if ((n = ynode_get(r, "align"))) {
		if (get_u64(ld, n, 1ULL << 30, "align", &c->align) < 0)
			return -1;
		if (c->align == 0 || (c->align & (c->align - 1)))
			return FAILN(ld, n, "align must be a power of two");
	}
	if ((n = ynode_get(r, "mapped"))) {
		if (ynode_bool(n, "mapped", ld->path, ld->d, &c->mapped) < 0)
			return -1;
		if (c->mapped && !have_maps)
			return FAILN(ld, n, "random: mapped needs mappings:");
	}
	for (int par = 0; par < 2; par++) {
		if (!(n = ynode_get(r, par ? "odd" : "even")))
			continue;
		if (ynode_want(n, YNODE_SEQ, par ? "odd" : "even", ld->path, ld->d) < 0)
			return -1;
		for (size_t i = 0; i < n->n; i++) {
			enum level lv;
			if (get_level(ld, n->items[i], &lv) < 0)
				return -1;
			if (c->parity[lv] >= 0 && c->parity[lv] != par)
				return FAILN(ld, n->items[i], "%s cannot be both odd and even",
					     level_name(lv));
			c->parity[lv] = (signed char)par;
		}
	}
	return 0;
}

static int load_quiz(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = {
		"ask", "question", "hints", "arch", "archs", "level", "levels", "addr", "random",
		"macro", "macros", "error_code", "error_codes", "access", "user", "tables_at",
		"cr3", "mappings", "entries", "task_size", "vmas", "expect", NULL
	};
	struct step_quiz *q = &s->u.quiz;
	const struct ynode *n, *ask;
	int k;
	bool want_level, want_addr, want_tables, want_macro, want_code, tables;

	if (step_keys(ld, m, keys, "quiz") < 0 || need(ld, m, "ask", "quiz") < 0 ||
	    need(ld, m, "question", "quiz") < 0)
		return -1;
	ask = ynode_get(m, "ask");
	if (ynode_enum(ask, ask_words, "ask", ld->path, ld->d, &k) < 0)
		return -1;
	q->kind = (enum quiz_kind)k;
	want_level = q->kind == QUIZ_INDEX || q->kind == QUIZ_ENTRY;
	want_tables = q->kind == QUIZ_ENTRY || q->kind == QUIZ_PHYS || q->kind == QUIZ_ERROR_CODE;
	want_macro = q->kind == QUIZ_MACRO;
	want_code = q->kind == QUIZ_FAULT_PATH || q->kind == QUIZ_ERROR_BITS;
	want_addr = !want_macro && q->kind != QUIZ_ERROR_BITS;
	tables = ynode_key(m, "mappings") || ynode_key(m, "entries") || ynode_key(m, "cr3") ||
		 ynode_key(m, "tables_at");

	/* which keys go with which question */
	if (only_for(ld, m, "level", want_level, "index and entry") < 0 ||
	    only_for(ld, m, "levels", want_level, "index and entry") < 0 ||
	    only_for(ld, m, "macro", want_macro, "macro") < 0 ||
	    only_for(ld, m, "macros", want_macro, "macro") < 0 ||
	    only_for(ld, m, "error_code", want_code, "fault-path and error-bits") < 0 ||
	    only_for(ld, m, "error_codes", want_code, "fault-path and error-bits") < 0 ||
	    only_for(ld, m, "task_size", q->kind == QUIZ_FAULT_PATH, "fault-path") < 0 ||
	    only_for(ld, m, "vmas", q->kind == QUIZ_FAULT_PATH, "fault-path") < 0 ||
	    only_for(ld, m, "addr", want_addr, "address") < 0 ||
	    only_for(ld, m, "random", want_addr, "address") < 0 ||
	    only_for(ld, m, "access", want_tables, "entry, phys and error-code") < 0 ||
	    only_for(ld, m, "user", want_tables, "entry, phys and error-code") < 0 ||
	    only_for(ld, m, "mappings", want_tables, "entry, phys and error-code") < 0 ||
	    only_for(ld, m, "entries", want_tables, "entry, phys and error-code") < 0 ||
	    only_for(ld, m, "cr3", want_tables, "entry, phys and error-code") < 0 ||
	    only_for(ld, m, "tables_at", want_tables, "entry, phys and error-code") < 0)
		return -1;
	if (want_tables && !tables)
		return FAILN(ld, m, "a \"%s\" quiz needs tables (mappings:, entries: or cr3:)",
			     ask_words[k]);

	if (get_text(ld, ynode_get(m, "question"), true, "question", &q->question) < 0 ||
	    check_quiz_text(ld, ynode_get(m, "question"), &q->question) < 0)
		return -1;
	if ((n = ynode_get(m, "hints"))) {
		if (ynode_want(n, YNODE_SEQ, "hints", ld->path, ld->d) < 0)
			return -1;
		if (n->n > LESSON_MAX_HINTS)
			return FAILN(ld, n, "too many hints (at most %d)", LESSON_MAX_HINTS);
		q->hints = calloc(n->n ? n->n : 1, sizeof *q->hints);
		if (!q->hints)
			return FAILN(ld, n, "out of memory");
		for (size_t i = 0; i < n->n; i++) {
			q->nhints = i + 1;
			if (get_text(ld, n->items[i], true, "a hint", &q->hints[i]) < 0 ||
			    check_quiz_text(ld, n->items[i], &q->hints[i]) < 0)
				return -1;
		}
	}

	/* archs */
	if (ynode_key(m, "arch") && ynode_key(m, "archs"))
		return FAILN(ld, ynode_key(m, "archs"), "give arch or archs, not both");
	if ((n = ynode_get(m, "archs"))) {
		if (ynode_want(n, YNODE_SEQ, "archs", ld->path, ld->d) < 0)
			return -1;
		if (n->n < 1 || n->n > ARCH_COUNT)
			return FAILN(ld, n, "archs lists 1 to %d archs", ARCH_COUNT);
		for (size_t i = 0; i < n->n; i++) {
			if (get_arch(ld, n->items[i], &q->archs[i]) < 0)
				return -1;
			for (size_t j = 0; j < i; j++)
				if (q->archs[j] == q->archs[i])
					return FAILN(ld, n->items[i], "arch %s is listed twice",
						     q->archs[i]->name);
			q->narchs = i + 1;
		}
	} else {
		if (step_arch(ld, m, &q->archs[0]) < 0)
			return -1;
		q->narchs = 1;
	}
	if (tables && q->narchs > 1)
		return FAILN(ld, ynode_get(m, "archs"), "a quiz with tables has one arch");

	/* levels */
	if (want_level) {
		if (ynode_key(m, "level") && ynode_key(m, "levels"))
			return FAILN(ld, ynode_key(m, "levels"), "give level or levels, not both");
		if ((n = ynode_get(m, "level"))) {
			if (get_level(ld, n, &q->levels[0]) < 0)
				return -1;
			q->nlevels = 1;
		} else if ((n = ynode_get(m, "levels"))) {
			if (ynode_want(n, YNODE_SEQ, "levels", ld->path, ld->d) < 0)
				return -1;
			if (n->n < 1 || n->n > LEVEL_COUNT)
				return FAILN(ld, n, "levels lists 1 to %d levels", LEVEL_COUNT);
			for (size_t i = 0; i < n->n; i++)
				if (get_level(ld, n->items[i], &q->levels[q->nlevels++]) < 0)
					return -1;
		} else {
			return FAILN(ld, m, "a \"%s\" quiz needs level or levels", ask_words[k]);
		}
	}

	/* macros */
	if (want_macro) {
		const struct ynode *one = ynode_get(m, "macro"), *many = ynode_get(m, "macros");
		if (one && many)
			return FAILN(ld, ynode_key(m, "macros"), "give macro or macros, not both");
		if (!one && !many)
			return FAILN(ld, m, "a macro quiz needs macro or macros");
		if (many && ynode_want(many, YNODE_SEQ, "macros", ld->path, ld->d) < 0)
			return -1;
		size_t cnt = one ? 1 : many->n;
		if (cnt < 1 || cnt > 32)
			return FAILN(ld, many, "macros lists 1 to 32 names");
		q->macros = calloc(cnt, sizeof *q->macros);
		if (!q->macros)
			return FAILN(ld, m, "out of memory");
		for (size_t i = 0; i < cnt; i++) {
			const struct ynode *mn = one ? one : many->items[i];
			uint64_t v;
			if (ynode_string(mn, false, "macro", ld->path, ld->d, &q->macros[i]) < 0)
				return -1;
			q->nmacros = i + 1;
			if (arch_macro_value(q->archs[0], q->macros[i], &v) < 0) {
				char qq[64];
				ynode_quote(mn, qq, sizeof qq);
				return FAILN(ld, mn, "unknown macro %s (PAGE_SHIFT, PMD_MASK, "
					     "PTRS_PER_PTE ...)", qq);
			}
		}
	}

	/* error codes */
	if (want_code) {
		const struct ynode *one = ynode_get(m, "error_code"),
				   *many = ynode_get(m, "error_codes");
		if (one && many)
			return FAILN(ld, ynode_key(m, "error_codes"),
				     "give error_code or error_codes, not both");
		if (!one && !many)
			return FAILN(ld, m, "a \"%s\" quiz needs error_code or error_codes",
				     ask_words[k]);
		if (many && ynode_want(many, YNODE_SEQ, "error_codes", ld->path, ld->d) < 0)
			return -1;
		size_t cnt = one ? 1 : many->n;
		if (cnt < 1 || cnt > 64)
			return FAILN(ld, many, "error_codes lists 1 to 64 values");
		q->error_codes = calloc(cnt, sizeof *q->error_codes);
		if (!q->error_codes)
			return FAILN(ld, m, "out of memory");
		for (size_t i = 0; i < cnt; i++) {
			uint64_t v;
			if (get_u64(ld, one ? one : many->items[i], 0xffff, "error_code", &v) < 0)
				return -1;
			q->error_codes[i] = (uint32_t)v;
			q->nerror_codes = i + 1;
		}
	}

	/* tables first: random: mapped needs their ranges */
	if (tables) {
		q->has_tables = true;
		if (build_tables(ld, m, q->archs[0], &q->setup, false, &q->mapped, &q->nmapped) < 0 ||
		    get_access(ld, m, &q->access) < 0)
			return -1;
	}

	/* the address */
	if (want_addr) {
		const struct ynode *an = ynode_get(m, "addr"), *rn = ynode_get(m, "random");
		if (an && rn)
			return FAILN(ld, ynode_key(m, "random"), "give addr or random, not both");
		if (!an && !rn)
			return FAILN(ld, m, "a \"%s\" quiz needs addr or random", ask_words[k]);
		if (an) {
			q->fixed_addr = true;
			for (size_t i = 0; i < q->narchs; i++)
				if (get_addr(ld, an, q->archs[i], "addr", &q->addr) < 0)
					return -1;
		} else if (load_random(ld, rn, &q->random, q->nmapped > 0) < 0) {
			return -1;
		}
	}
	if (q->kind == QUIZ_FAULT_PATH) {
		q->task_size = DEFAULT_TASK_SIZE;
		if ((n = ynode_get(m, "task_size")) &&
		    get_u64(ld, n, UINT64_MAX, "task_size", &q->task_size) < 0)
			return -1;
		if ((n = ynode_get(m, "vmas")) &&
		    get_vmas(ld, n, &q->vmas, &q->nvmas, q->archs[0]) < 0)
			return -1;
	}

	/* prove it: every instance can be built and answered by the engine */
	for (uint64_t seed = 0; seed < QUIZ_CHECK_SEEDS; seed++) {
		struct quiz_instance qi;
		struct diag qd = { 0 };
		if (quiz_instance(s, seed, &qi, &qd) < 0)
			return FAILN(ld, m, "quiz cannot be asked: %s", qd.msg);
		quiz_instance_clear(&qi);
		if (q->fixed_addr && q->narchs == 1 && q->nlevels <= 1 && q->nmacros <= 1 &&
		    q->nerror_codes <= 1)
			break; /* nothing random: one instance says all */
	}
	if ((n = ynode_get(m, "expect"))) {
		struct quiz_instance qi;
		struct grade g;
		struct diag qd = { 0 };
		char typed[200], *esc;
		if (!(q->fixed_addr || !want_addr) || q->narchs != 1 || q->nlevels > 1 ||
		    q->nmacros > 1 || q->nerror_codes > 1)
			return FAILN(ld, n, "expect is only for a quiz with nothing random "
				     "(one arch, level, macro, error code and a fixed addr)");
		if (n->kind != YNODE_SCALAR)
			return FAILN(ld, n, "expect must be the answer as typed, not %s",
				     ynode_kind_name(n->kind));
		if (quiz_instance(s, 0, &qi, &qd) < 0)
			return FAILN(ld, m, "quiz cannot be asked: %s", qd.msg);
		snprintf(typed, sizeof typed, "%.*s", (int)(n->len < 199 ? n->len : 199), n->str);
		quiz_grade(&qi, typed, &g);
		if (g.result != GRADE_RIGHT) {
			esc = text_escape(typed, strlen(typed), false);
			FAILN(ld, n, "expect: the engine's answer is %s, not \"%s\"", qi.answer_text,
			      esc ? esc : "?");
			free(esc);
			quiz_instance_clear(&qi);
			return -1;
		}
		quiz_instance_clear(&qi);
	}
	return 0;
}

/* ---- step dispatch and the top level ------------------------------------------------ */

static const char *const kind_words[] = { "text", "split", "walk", "compare", "code", "quiz",
					  "fault", "replay", NULL };

static int load_step(struct ld *ld, const struct ynode *m, struct step *s)
{
	const struct ynode *n;
	int k;

	if (ynode_want(m, YNODE_MAP, "a step", ld->path, ld->d) < 0 ||
	    ynode_require(m, "kind", "a step", ld->path, ld->d) < 0)
		return -1;
	if (ynode_enum(ynode_get(m, "kind"), kind_words, "step kind", ld->path, ld->d, &k) < 0)
		return -1;
	s->kind = (enum step_kind)k;
	s->line = m->line;
	s->col = m->col;
	if ((n = ynode_get(m, "heading")) && get_text(ld, n, false, "heading", &s->heading) < 0)
		return -1;
	if ((n = ynode_get(m, "text")) && get_text(ld, n, true, "text", &s->body) < 0)
		return -1;
	if ((n = ynode_get(m, "code")) && load_code_view(ld, n, &s->code) < 0)
		return -1;
	switch (s->kind) {
	case STEP_TEXT:
		if (step_keys(ld, m, NULL, "text") < 0 || need(ld, m, "text", "text") < 0)
			return -1;
		return 0;
	case STEP_CODE:
		if (step_keys(ld, m, NULL, "code") < 0 || need(ld, m, "code", "code") < 0)
			return -1;
		return 0;
	case STEP_SPLIT:
		return load_split(ld, m, s);
	case STEP_WALK:
		return load_walk(ld, m, s);
	case STEP_COMPARE:
		return load_compare(ld, m, s);
	case STEP_QUIZ:
		return load_quiz(ld, m, s);
	case STEP_FAULT:
		return load_fault(ld, m, s);
	case STEP_REPLAY:
		return load_replay(ld, m, s);
	default:
		break;
	}
	return FAILN(ld, m, "internal: step kind");
}

/* The file stem of path: "lessons/03-x.yaml" -> "03-x". */
static char *path_stem(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(b + n - 4, ".yml") == 0)
		n -= 4;
	return text_escape(b, n, false);
}

static struct lesson *load_tree(const char *path, const struct ynode *root, struct diag *d)
{
	static const char *const top_keys[] = { "title", "summary", "arch", "code", "steps", NULL };
	struct ld ld = { .path = path, .d = d };
	const struct ynode *n, *steps, *code;
	struct lesson *l = calloc(1, sizeof *l);

	if (!l) {
		diag_set(d, path, 0, 0, "out of memory");
		return NULL;
	}
	ld.l = l;
	l->path = strdup(path);
	l->name = path_stem(path);
	if (!l->path || !l->name) {
		diag_set(d, path, 0, 0, "out of memory");
		goto fail;
	}
	if (root->kind != YNODE_MAP) {
		FAILN(&ld, root, "a lesson is a map with title, arch and steps, not %s",
		      ynode_kind_name(root->kind));
		goto fail;
	}
	if (ynode_known_keys(root, top_keys, "a lesson", path, d) < 0 ||
	    ynode_require(root, "title", "a lesson", path, d) < 0 ||
	    ynode_require(root, "arch", "a lesson", path, d) < 0 ||
	    ynode_require(root, "steps", "a lesson", path, d) < 0)
		goto fail;
	if (get_text(&ld, ynode_get(root, "title"), false, "title", &l->title) < 0)
		goto fail;
	if ((n = ynode_get(root, "summary")) && get_text(&ld, n, false, "summary", &l->summary) < 0)
		goto fail;
	if (get_arch(&ld, ynode_get(root, "arch"), &l->arch) < 0)
		goto fail;
	steps = ynode_get(root, "steps");
	if (ynode_want(steps, YNODE_SEQ, "steps", path, d) < 0)
		goto fail;
	if (steps->n == 0) {
		FAILN(&ld, steps, "steps is empty: a lesson has at least one step");
		goto fail;
	}
	if (steps->n > LESSON_MAX_STEPS) {
		FAILN(&ld, steps->items[LESSON_MAX_STEPS], "too many steps (at most %d)",
		      LESSON_MAX_STEPS);
		goto fail;
	}
	code = ynode_get(root, "code");
	ld.excap = steps->n + (code && code->kind == YNODE_MAP ? code->n : 0);
	l->excerpts = calloc(ld.excap, sizeof *l->excerpts);
	l->steps = calloc(steps->n, sizeof *l->steps);
	if (!l->excerpts || !l->steps) {
		diag_set(d, path, 0, 0, "out of memory");
		goto fail;
	}
	if (code && load_code_table(&ld, code) < 0)
		goto fail;
	for (size_t i = 0; i < steps->n; i++) {
		l->nsteps = i + 1;
		if (load_step(&ld, steps->items[i], &l->steps[i]) < 0)
			goto fail;
	}
	return l;
fail:
	lesson_free(l);
	return NULL;
}

struct lesson *lesson_load_buffer(const char *path, const char *buf, size_t len,
				  struct diag *d)
{
	struct ynode *root;
	struct lesson *l;

	if (len > LESSON_MAX_FILE) {
		diag_set(d, path, 0, 0, "file too large (%zu bytes, at most %d)", len,
			 LESSON_MAX_FILE);
		return NULL;
	}
	root = ynode_parse(path, buf, len, &lesson_limits, d);
	if (!root)
		return NULL;
	l = load_tree(path, root, d);
	ynode_free(root);
	return l;
}

struct lesson *lesson_load(const char *path, struct diag *d)
{
	size_t len;
	char *buf = ynode_read_file(path, LESSON_MAX_FILE, &len, d);
	struct lesson *l;

	if (!buf)
		return NULL;
	l = lesson_load_buffer(path, buf, len, d);
	free(buf);
	return l;
}
