/* SPDX-License-Identifier: GPL-2.0-only */
/* load_arm64.c - arm64 in lessons: the two trees a step builds, the walk
 * step, its expect: keys and its placeholders (docs/lesson-format.md,
 * "arm64").
 *
 * Trees. `ttbr0:` and `ttbr1:` name the top tables (TTBR0_EL1, the user
 * half; TTBR1_EL1, the kernel half); without them the builder takes the
 * first table page from `tables_at:` for TTBR0's and the second for
 * TTBR1's, then lower tables as mappings reach them, one granule apart. A
 * mapping goes into the tree bit 55 of its va picks. Table descriptors are
 * what Linux 6.1 writes (arch/arm64/include/asm/pgalloc.h): PXNTable under
 * TTBR0 (pmd_populate), UXNTable under TTBR1 (pmd_populate_kernel). A
 * mapping's `flags:` are words for its page or block descriptor:
 *   user   AP[1] (EL0 may access)     ro     AP[2] (read-only)
 *   uxn    no EL0 execution           pxn    no EL1 execution
 *   ng     not global (ASID-tagged)   old    AF clear (the next access
 *                                            takes an access flag fault)
 *   cont   the contiguous hint        dbm    DBM (Linux's PTE_WRITE)
 *   dirty  Linux's software PTE_DIRTY (bit 55)
 * AF and SH (inner shareable) are always set unless `old`; AttrIndx is 0
 * (MT_NORMAL). Default flags: `user`. `size:` is the granule ("4k",
 * "16k", "64k") or a block the granule allows: 4K "2m" and "1g", 16K
 * "32m", 64K "512m".
 */
#include "load_int.h"
#include "paging/arm64.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ld_status_word_arm64(enum walk_status s)
{
	switch (s) {
	case WALK_OK: return "ok";
	case WALK_NOT_PRESENT: return "translation-fault";
	case WALK_ACCESS_FLAG: return "access-flag-fault";
	case WALK_PROTECTION: return "permission-fault";
	case WALK_BAD_ADDRESS: return "neither-range";
	default: return "?";
	}
}

/* ---- the trees --------------------------------------------------------------------- */

static const struct {
	const char *word;
	unsigned shift;
} sizes[] = {
	{ "4k", 12 }, { "16k", 14 }, { "64k", 16 }, { "2m", 21 }, { "32m", 25 },
	{ "512m", 29 }, { "1g", 30 },
};

/* The level a mapping of size word n sits at, and its size. */
static int size_level(struct tb *t, const struct ynode *n, enum level *leaf, uint64_t *size)
{
	const struct arch *a = t->a;
	char q[64];

	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		if (n->kind != YNODE_SCALAR || strlen(sizes[i].word) != n->len ||
		    memcmp(sizes[i].word, n->str, n->len) != 0)
			continue;
		*size = 1ULL << sizes[i].shift;
		if (sizes[i].shift == a->page_shift) {
			*leaf = LEVEL_PTE;
			return 0;
		}
		for (int lv = LEVEL_PGD; lv < LEVEL_PTE; lv++)
			if (!a->level[lv].folded && a->level[lv].shift == sizes[i].shift &&
			    arm64_block_ok(a, (enum level)lv)) {
				*leaf = (enum level)lv;
				return 0;
			}
		return FAILN(t->ld, n, "size %s does not exist on %s: its pages are %uK and its "
			     "blocks those arm64_block_ok allows", sizes[i].word, a->name,
			     1u << (a->page_shift - 10));
	}
	ynode_quote(n, q, sizeof q);
	return FAILN(t->ld, n, "unknown size %s (arm64: 4k, 16k, 64k, 2m, 32m, 512m, 1g)", q);
}

static int get_flags(struct tb *t, const struct ynode *n, uint64_t *out)
{
	static const struct { const char *w; uint64_t bit; } words[] = {
		{ "user", A64_AP1 }, { "ro", A64_AP2 }, { "uxn", A64_UXN }, { "pxn", A64_PXN },
		{ "ng", A64_NG }, { "old", A64_AF }, { "cont", A64_CONT }, { "dbm", A64_DBM },
		{ "dirty", A64_SW_DIRTY },
	};
	const char *p = n->str, *end = n->str + n->len;

	*out = A64_AF | A64_SH_INNER;
	if (n->kind != YNODE_SCALAR)
		return FAILN(t->ld, n, "flags must be a string like \"user ro\", not %s",
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
			FAILN(t->ld, n, "unknown flag \"%s\" (arm64: user ro uxn pxn ng old cont dbm "
			      "dirty)", e ? e : "?");
			free(e);
			return -1;
		}
		if (words[i].bit == A64_AF)
			*out &= ~A64_AF;
		else
			*out |= words[i].bit;
		p += len;
	}
	return 0;
}

/* Map va -> pa with a leaf at level leaf in the tree bit 55 of va picks. */
static int map_one(struct tb *t, const struct ynode *at, uint64_t va, uint64_t pa,
		   enum level leaf, uint64_t flags)
{
	const struct arch *a = t->a;
	struct addr_fields f;
	struct diag ad = { 0 };
	uint64_t table, tflags;

	if (addr_split(a, va, &f, &ad) < 0)
		return FAILN(t->ld, at, "va: %s", ad.msg);
	table = arm64_ttbr_base(a, f.ttbr ? t->s->ttbr1 : t->s->cr3);
	tflags = A64_VALID | A64_TABLE | (f.ttbr ? A64_UXNTABLE : A64_PXNTABLE);
	for (enum level lv = LEVEL_PGD; lv < LEVEL_COUNT; lv = ld_next_real(a, lv)) {
		uint64_t epa = table + (uint64_t)f.index[lv] * 8;
		uint64_t e = physmem_read(t->s->mem, epa, 8);

		if (lv == leaf) {
			uint64_t v = pa | flags | A64_VALID | (lv == LEVEL_PTE ? A64_TABLE : 0);
			if (e != 0)
				return FAILN(t->ld, at, "mapping 0x%llx overlaps another mapping "
					     "(the %s entry at 0x%llx is taken)",
					     (unsigned long long)va, level_name(lv),
					     (unsigned long long)epa);
			if (physmem_write(t->s->mem, epa, v, 8) < 0)
				return FAILN(t->ld, at, "out of memory");
			return 0;
		}
		if (e == 0) {
			uint64_t np;
			if (ld_tb_alloc(t, at, ld_next_real(a, lv), f.ttbr != 0, &np) < 0)
				return -1;
			e = np | tflags;
			if (physmem_write(t->s->mem, epa, e, 8) < 0)
				return FAILN(t->ld, at, "out of memory");
		} else if (arm64_desc_type(a, lv, e) != A64_DESC_TABLE) {
			return FAILN(t->ld, at, "mapping 0x%llx overlaps a block",
				     (unsigned long long)va);
		}
		table = arm64_desc_addr(a, e);
	}
	return FAILN(t->ld, at, "internal: no leaf level");
}

/* A number of mapping mp at key, aligned to size. */
static int map_num(struct tb *t, const struct ynode *mp, const char *key, uint64_t size,
		   uint64_t *out)
{
	struct ld *ld = t->ld;
	const struct ynode *n = ynode_get(mp, key);

	if (key[0] == 'v' ? ld_addr(ld, n, t->a, "va", out) < 0 :
	    ld_u64(ld, n, ld_pa_max(t->a), "pa", out) < 0)
		return -1;
	if (*out & (size - 1))
		return FAILN(ld, n, "%s 0x%llx is not aligned to the mapping's size 0x%llx", key,
			     (unsigned long long)*out, (unsigned long long)size);
	return 0;
}

static int map_all(struct tb *t, const struct ynode *maps, uint64_t (**ranges)[2],
		   size_t *nranges)
{
	static const char *const keys[] = { "va", "pa", "size", "flags", NULL };
	struct ld *ld = t->ld;

	if (ynode_want(maps, YNODE_SEQ, "mappings", ld->path, ld->d) < 0)
		return -1;
	if (maps->n > LESSON_MAX_ENTRIES)
		return FAILN(ld, maps, "too many mappings (at most %d)", LESSON_MAX_ENTRIES);
	if (ranges && !(*ranges = calloc(maps->n ? maps->n : 1, sizeof **ranges)))
		return FAILN(ld, maps, "out of memory");
	for (size_t i = 0; i < maps->n; i++) {
		const struct ynode *mp = maps->items[i], *n;
		uint64_t va, pa, size = 1ULL << t->a->page_shift, flags = 0;
		enum level leaf = LEVEL_PTE;

		if (ynode_want(mp, YNODE_MAP, "a mapping", ld->path, ld->d) < 0 ||
		    ynode_known_keys(mp, keys, "a mapping", ld->path, ld->d) < 0 ||
		    ynode_require(mp, "va", "a mapping", ld->path, ld->d) < 0 ||
		    ynode_require(mp, "pa", "a mapping", ld->path, ld->d) < 0)
			return -1;
		if ((n = ynode_get(mp, "size")) && size_level(t, n, &leaf, &size) < 0)
			return -1;
		if ((n = ynode_get(mp, "flags"))) {
			if (get_flags(t, n, &flags) < 0)
				return -1;
		} else {
			flags = A64_AF | A64_SH_INNER | A64_AP1;
		}
		if (map_num(t, mp, "va", size, &va) < 0 || map_num(t, mp, "pa", size, &pa) < 0 ||
		    map_one(t, mp, va, pa, leaf, flags) < 0)
			return -1;
		if (ranges) {
			(*ranges)[i][0] = va;
			(*ranges)[i][1] = va + size;
			*nranges = i + 1;
		}
	}
	return 0;
}

/* ttbr0: / ttbr1: as given (aligned for the top table; the ASID in bits
 * 63..48 allowed), else fresh top tables, TTBR0's first. */
static int roots(struct tb *t, const struct ynode *m)
{
	static const char *const keys[2] = { "ttbr0", "ttbr1" };
	struct ld *ld = t->ld;
	const struct arch *a = t->a;
	uint64_t *reg[2] = { &t->s->cr3, &t->s->ttbr1 };
	const struct ynode *n;
	bool given[2] = { false, false };

	if ((n = ynode_get(m, "cr3")))
		return FAILN(ld, n, "%s has no cr3: give ttbr0: (TTBR0_EL1) and ttbr1: (TTBR1_EL1)",
			     a->name);
	for (int i = 0; i < 2; i++) {
		uint64_t base;
		if (!(n = ynode_get(m, keys[i])))
			continue;
		if (ld_u64(ld, n, UINT64_MAX, keys[i], reg[i]) < 0)
			return -1;
		base = arm64_ttbr_base(a, *reg[i]);
		if ((*reg[i] & 0x0000ffffffffffffULL) != base)
			return FAILN(ld, n, "%s 0x%llx is not aligned for %s's top table (%llu bytes)",
				     keys[i], (unsigned long long)*reg[i], a->name,
				     (unsigned long long)(arm64_top_table_size(a) < 64 ? 64 :
							  arm64_top_table_size(a)));
		if (!ld_tb_taken(t, base) && ld_tb_add(t, n, base, LEVEL_PGD, i == 1) < 0)
			return -1;
		given[i] = true;
	}
	if (given[0] && given[1] && arm64_ttbr_base(a, *reg[0]) == arm64_ttbr_base(a, *reg[1]))
		return FAILN(ld, ynode_get(m, "ttbr1"), "ttbr1 and ttbr0 name the same table");
	if (!ynode_get(m, "mappings")) {
		if (!ynode_get(m, "entries") && !given[0] && !given[1])
			return FAILN(ld, m, "tables need mappings:, entries: or ttbr0:/ttbr1:");
		if (!given[0] || !given[1])
			return FAILN(ld, m, "without mappings:, give ttbr0: and ttbr1:");
	}
	for (int i = 0; i < 2; i++)
		if (!given[i] && ld_tb_alloc(t, m, LEVEL_PGD, i == 1, reg[i]) < 0)
			return -1;
	return 0;
}

int ld_tables_arm64(struct ld *ld, const struct ynode *m, const struct arch *a,
		    struct table_setup *s, uint64_t (**ranges)[2], size_t *nranges)
{
	struct tb t = { .ld = ld, .a = a, .s = s, .page = 1ULL << a->page_shift };
	const struct ynode *maps = ynode_get(m, "mappings"), *ents = ynode_get(m, "entries"), *n;
	uint64_t at = DEFAULT_TABLES_AT;

	s->arch = a;
	if (!(s->mem = physmem_new()))
		return FAILN(ld, m, "out of memory");
	if ((n = ynode_get(m, "tables_at"))) {
		if (ld_u64(ld, n, ld_pa_max(a), "tables_at", &at) < 0)
			return -1;
		if (at & (t.page - 1))
			return FAILN(ld, n, "tables_at must be aligned to the %lluK granule",
				     (unsigned long long)(t.page >> 10));
	}
	t.next = at;
	if (roots(&t, m) < 0)
		return -1;
	if (maps && map_all(&t, maps, ranges, nranges) < 0)
		return -1;
	return ents ? ld_tb_entries(&t, ents) : 0;
}

/* ---- placeholders --------------------------------------------------------------------- */

#define PH_HEX(v) ((struct ph_value){ .is_num = true, .num = (v), .hex = true })

/* {esr} {far} {ec} {fsc} {wnr} {fault} {route}: what the abort reports. */
static int ph_abort(const struct ph_ctx *c, const char *name, size_t len,
		    struct ph_value *out, struct diag *d)
{
	const struct walk *w = c->w;
	static const char *const names[] = { "esr", "far", "ec", "fsc", "wnr", "fault", "route" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (ph_name_is(name, len, names[i]))
			break;
	if (i == sizeof names / sizeof names[0])
		return 1;
	if (!w) {
		diag_set(d, NULL, 0, 0, "placeholder {%.*s}: a split step walks nothing", (int)len,
			 name);
		return -1;
	}
	if (w->status == WALK_OK) {
		diag_set(d, NULL, 0, 0, "placeholder {%.*s}: the walk of 0x%llx does not abort",
			 (int)len, name, (unsigned long long)c->addr);
		return -1;
	}
	switch (i) {
	case 0: *out = PH_HEX(w->esr); break;
	case 1: *out = PH_HEX(w->far); break;
	case 2: *out = PH_HEX(ESR_EC(w->esr)); break;
	case 3:   /* two digits, as esr.h writes them and translate prints them */
		*out = (struct ph_value){ .is_num = true, .num = w->esr & ESR_FSC, .hex = true,
					  .digits = 2 };
		break;
	case 4: *out = (struct ph_value){ .is_num = true, .num = (w->esr & ESR_WNR) ? 1 : 0 }; break;
	case 5:
		if (c->lang == LANG_JA)
			*out = (struct ph_value){ .str = arm64_fsc_name_ja(w->esr & ESR_FSC) };
		else
			*out = (struct ph_value){ .str = arm64_fsc_name(w->esr & ESR_FSC) };
		break;
	default: *out = (struct ph_value){ .str = arm64_abort_route(c->a, w->esr, w->far) }; break;
	}
	return 0;
}

/* {pgd.level} ...: the translation level of a real level. */
static int ph_hw_level(const struct ph_ctx *c, const char *name, size_t len,
		       struct ph_value *out, struct diag *d)
{
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		char want[16];
		snprintf(want, sizeof want, "%s.level", level_name((enum level)lv));
		if (!ph_name_is(name, len, want))
			continue;
		if (c->a->level[lv].folded) {
			diag_set(d, NULL, 0, 0, "placeholder {%.*s}: %s is folded on %s: no hardware "
				 "level reads it", (int)len, name, level_name((enum level)lv),
				 c->a->name);
			return -1;
		}
		*out = (struct ph_value){ .is_num = true, .num = c->a->level[lv].hw_level };
		return 0;
	}
	return 1;
}

int ld_ph_resolve_arm64(void *vctx, const char *name, size_t len, struct ph_value *out,
			struct diag *d)
{
	struct ph_ctx *c = vctx;
	int rc;

	if (ph_name_is(name, len, "va_bits") || ph_name_is(name, len, "page_shift") ||
	    ph_name_is(name, len, "levels")) {
		*out = (struct ph_value){ .is_num = true, .num = name[0] == 'v' ? c->a->va_bits :
					  name[0] == 'p' ? c->a->page_shift : c->a->real_levels };
		return 0;
	}
	if (ph_name_is(name, len, "ttbr")) {
		if (!c->f) {
			diag_set(d, NULL, 0, 0, "placeholder {ttbr}: 0x%llx is in neither range",
				 (unsigned long long)c->addr);
			return -1;
		}
		*out = (struct ph_value){ .str = c->f->ttbr ? "TTBR1_EL1" : "TTBR0_EL1" };
		return 0;
	}
	if (c->w && (ph_name_is(name, len, "ttbr0") || ph_name_is(name, len, "ttbr1"))) {
		*out = PH_HEX(name[4] == '0' ? c->cr3 : c->ttbr1);
		return 0;
	}
	if (c->w && ph_name_is(name, len, "status")) {
		*out = (struct ph_value){ .str = ld_status_word_arm64(c->w->status) };
		return 0;
	}
	if (ph_name_is(name, len, "cr3") || ph_name_is(name, len, "error_code")) {
		diag_set(d, NULL, 0, 0, "placeholder {%.*s}: arm64 has none (its walks start at "
			 "{ttbr0} or {ttbr1}, {ttbr} says which; an abort reports {esr} and {far})",
			 (int)len, name);
		return -1;
	}
	if ((rc = ph_abort(c, name, len, out, d)) <= 0 || (rc = ph_hw_level(c, name, len, out, d)) <= 0)
		return rc;
	if (!c->f && !ph_name_is(name, len, "addr") && !ph_name_is(name, len, "arch")) {
		diag_set(d, NULL, 0, 0, "placeholder {%.*s}: 0x%llx is in neither range: it has no "
			 "indices and no walk", (int)len, name, (unsigned long long)c->addr);
		return -1;
	}
	return ld_ph_resolve(vctx, name, len, out, d);
}

/* ---- the walk step --------------------------------------------------------------------- */

static const char *const walk_expect_keys[] = {
	"pgd", "p4d", "pud", "pmd", "pte", "offset", "entry", "value", "table", "status",
	"phys", "frame", "page_size", "levels", "ttbr", "esr", "far", NULL
};

static int expect_hex(struct ld *ld, const struct ynode *n, const char *what, uint64_t got)
{
	uint64_t want;

	if (ld_u64(ld, n, UINT64_MAX, what, &want) < 0)
		return -1;
	if (want != got)
		return FAILN(ld, n, "expect %s: the engine computes 0x%llx, not 0x%llx", what,
			     (unsigned long long)got, (unsigned long long)want);
	return 0;
}

/* One expect: key of an arm64 walk; f NULL when addr is in neither range. */
static int expect_key(struct ld *ld, const struct ynode *k, const struct ynode *v,
		      const struct addr_fields *f, const struct walk *w)
{
	bool h;

	if (ld_key_eq(k, "status"))
		return ld_expect_word(ld, v, "status", ld_status_word_arm64(w->status));
	if (ld_key_eq(k, "esr") || ld_key_eq(k, "far")) {
		if (w->status == WALK_OK)
			return FAILN(ld, k, "expect %.*s: the walk does not abort", (int)k->len, k->str);
		return expect_hex(ld, v, k->str[0] == 'e' ? "esr" : "far",
				  k->str[0] == 'e' ? w->esr : w->far);
	}
	if (!f)
		return FAILN(ld, k, "expect %.*s: the address is in neither range (the walk ends "
			     "before the tables)", (int)k->len, k->str);
	if (ld_key_eq(k, "ttbr"))
		return expect_hex(ld, v, "ttbr", f->ttbr);
	return ld_expect_walk_key(ld, k, v, f, w, w, 0, &h);
}

int ld_walk_arm64(struct ld *ld, const struct ynode *m, struct step *s, const struct arch *a)
{
	struct step_walk *w = &s->u.walk;
	const struct ynode *e;
	struct addr_fields f;
	struct ph_ctx c = { 0 };
	bool in_range;

	/* an address in neither range is a walk too: a level 0 translation fault */
	if (ld_tables(ld, m, a, &w->setup, false, NULL, NULL) < 0 ||
	    ld_u64(ld, ynode_get(m, "addr"), UINT64_MAX, "addr", &w->addr) < 0 ||
	    ld_access(ld, m, &w->access) < 0)
		return -1;
	walk_run_any(a, w->setup.mem, w->setup.cr3, w->setup.ttbr1, w->addr, w->access, &w->walk);
	in_range = addr_split(a, w->addr, &f, NULL) == 0;
	if ((e = ynode_get(m, "expect"))) {
		if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0 ||
		    ynode_known_keys(e, walk_expect_keys, "expect", ld->path, ld->d) < 0)
			return -1;
		for (size_t i = 0; i < e->n; i++)
			if (expect_key(ld, e->items[2 * i], e->items[2 * i + 1], in_range ? &f : NULL,
				       &w->walk) < 0)
				return -1;
	}
	c.a = a;
	c.addr = w->addr;
	c.f = in_range ? &f : NULL;
	c.w = &w->walk;
	c.cr3 = w->setup.cr3;
	c.ttbr1 = w->setup.ttbr1;
	return ld_expand_text(ld, m, s, ld_ph_resolve_arm64, &c);
}
