/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz.c - concrete quiz questions from a seed, answered and graded by the
 * engine (see quiz.h). */
#include "quiz.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "placeholder.h"
#include "num.h"

#define MAX_TRIES 2000

uint64_t quiz_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform value in [lo, hi]. */
static uint64_t rand_in(uint64_t *st, uint64_t lo, uint64_t hi)
{
	uint64_t span = hi - lo;

	if (span == UINT64_MAX)
		return quiz_rand(st);
	return lo + quiz_rand(st) % (span + 1);
}

void quiz_instance_clear(struct quiz_instance *qi)
{
	if (!qi)
		return;
	text_clear(&qi->question);
	for (size_t i = 0; i < qi->nhints; i++)
		text_clear(&qi->hints[i]);
	qi->nhints = 0;
}

/* ---- building an instance ---------------------------------------------------------- */

/* Does addr give this kind of quiz something to ask? Fills the answer. */
static bool compute(const struct step_quiz *q, struct quiz_instance *qi)
{
	const struct arch *a = qi->arch;

	if (addr_split(a, qi->addr, &qi->fields, NULL) < 0)
		return false;
	switch (qi->kind) {
	case QUIZ_INDEX:
		qi->type = ANSWER_NUMBER;
		qi->answer = qi->fields.index[qi->level];
		snprintf(qi->answer_text, sizeof qi->answer_text, "%llu (0x%llx)",
			 (unsigned long long)qi->answer, (unsigned long long)qi->answer);
		return true;
	case QUIZ_OFFSET:
		qi->type = ANSWER_NUMBER;
		qi->answer = qi->fields.offset;
		snprintf(qi->answer_text, sizeof qi->answer_text, "0x%llx",
			 (unsigned long long)qi->answer);
		return true;
	case QUIZ_SPLIT: {
		size_t used = 0;
		qi->type = ANSWER_FIELDS;
		qi->answer_text[0] = '\0';
		for (int lv = 0; lv < LEVEL_COUNT; lv++) {
			if (a->level[lv].folded)
				continue;
			used += (size_t)snprintf(qi->answer_text + used, sizeof qi->answer_text - used,
						 "%u ", qi->fields.index[lv]);
		}
		snprintf(qi->answer_text + used, sizeof qi->answer_text - used, "0x%llx",
			 (unsigned long long)qi->fields.offset);
		return true;
	}
	case QUIZ_ENTRY:
	case QUIZ_PHYS:
	case QUIZ_ERROR_CODE:
		walk_run(a, q->setup.mem, q->setup.cr3, qi->addr, q->access, &qi->walk);
		qi->type = ANSWER_NUMBER;
		if (qi->kind == QUIZ_PHYS) {
			if (qi->walk.status != WALK_OK)
				return false;
			qi->answer = qi->walk.phys;
		} else if (qi->kind == QUIZ_ERROR_CODE) {
			if (qi->walk.status == WALK_OK || qi->walk.status == WALK_BAD_ADDRESS)
				return false;
			qi->answer = qi->walk.error_code;
		} else {
			int found = -1;
			for (int i = 0; i < qi->walk.nsteps; i++)
				if (qi->walk.step[i].level == qi->level)
					found = i;
			if (found < 0)
				return false;
			qi->answer = qi->walk.step[found].entry_pa;
		}
		snprintf(qi->answer_text, sizeof qi->answer_text, "0x%llx",
			 (unsigned long long)qi->answer);
		return true;
	case QUIZ_FAULT_PATH: {
		struct fault_in in = { .addr = qi->addr, .error_code = qi->error_code,
				       .task_size = q->task_size, .vmas = q->vmas,
				       .nvmas = q->nvmas };
		qi->type = ANSWER_WORD;
		const struct fault_path_info *pi;
		qi->path = fault_route(&in);
		pi = fault_path_info(qi->path);
		/* the branch asked for, then the route the kernel takes from there */
		if (strcmp(fault_branch_name(pi->branch), pi->name) == 0)
			snprintf(qi->answer_text, sizeof qi->answer_text, "%s", pi->name);
		else
			snprintf(qi->answer_text, sizeof qi->answer_text, "%s (%s)",
				 fault_branch_name(pi->branch), pi->name);
		return true;
	}
	default:
		return false;
	}
}

/* The address range a random address is drawn from for arch a. full64:
 * the whole canonical space of a 64-bit arch (drawn by sign extension). */
static void pick_range(const struct addr_constraint *c, const struct arch *a, uint64_t *lo,
		       uint64_t *hi, bool *full64)
{
	*full64 = false;
	if (c->has_range) {
		*lo = c->lo;
		*hi = c->hi;
	} else if (c->kernel || c->user) {
		arch_half(a, c->kernel, lo, hi);
	} else if (a->va_bits <= 32) {
		*lo = 0;
		*hi = 0xffffffffULL;
	} else {
		*lo = 0;
		*hi = UINT64_MAX;
		*full64 = true;
	}
}

/* Draw an address meeting q's constraints for which compute() succeeds. */
static int pick_addr(const struct step_quiz *q, struct quiz_instance *qi, uint64_t *st)
{
	const struct addr_constraint *c = &q->random;
	const struct arch *a = qi->arch;
	uint64_t lo, hi;
	bool full64;

	pick_range(c, a, &lo, &hi, &full64);
	for (int t = 0; t < MAX_TRIES; t++) {
		uint64_t v, rlo = lo, rhi = hi;
		bool ok = true;

		if (c->mapped) {
			const uint64_t *r = q->mapped[quiz_rand(st) % q->nmapped];
			rlo = r[0] > lo ? r[0] : lo;
			rhi = r[1] - 1 < hi ? r[1] - 1 : hi;
			if (rlo > rhi)
				continue;
			v = rand_in(st, rlo, rhi);
		} else if (full64) {
			unsigned sh = 64 - a->va_bits;
			v = (uint64_t)((int64_t)(quiz_rand(st) << sh) >> sh);
		} else {
			v = rand_in(st, lo, hi);
		}
		v &= ~(c->align - 1);
		for (int lv = 0; lv < LEVEL_COUNT && ok; lv++) {
			uint64_t bit;
			if (c->parity[lv] < 0)
				continue;
			if (a->level[lv].folded) {
				ok = c->parity[lv] == 0;   /* a folded index is always 0 */
				continue;
			}
			bit = 1ULL << a->level[lv].shift;
			if (((v & bit) != 0) != (c->parity[lv] == 1))
				v ^= bit;
			if (bit < c->align)
				ok = c->parity[lv] == 0;   /* alignment clears the bit */
		}
		if (!ok || v < rlo || v > rhi)
			continue;
		qi->addr = v;
		if (compute(q, qi))
			return 0;
	}
	return -1;
}

struct qctx {
	const struct quiz_instance *qi;
	enum lang lang;
};

/* The walk step of qi's level (entry quizzes), or NULL. */
static const struct walk_step *level_step(const struct quiz_instance *qi)
{
	const struct walk_step *found = NULL;

	for (int i = 0; i < qi->walk.nsteps; i++)
		if (qi->walk.step[i].level == qi->level)
			found = &qi->walk.step[i];
	return found;
}

/* The placeholders that state a quiz's tables: {cr3}, {table} (the base of
 * the {level} table an entry quiz reads), {frame} (the page's frame, phys
 * quizzes) and {present} (whether the walk found the page present). 1 when
 * name is not one of them. */
static int walk_resolve(const struct quiz_instance *qi, enum lang lang, const char *name,
			size_t len, struct ph_value *out, struct diag *d)
{
	static const char *const present_words[LANG_COUNT][2] = {
		{ "not present", "present" }, { "存在しない", "存在する" } };
	const struct step_quiz *q = &qi->step->u.quiz;
	const struct walk_step *ws;

	if (!ph_name_is(name, len, "cr3") && !ph_name_is(name, len, "table") &&
	    !ph_name_is(name, len, "frame") && !ph_name_is(name, len, "present"))
		return 1;
	if (!q->has_tables || qi->walk.nsteps == 0) {
		diag_set(d, NULL, 0, 0, "{%.*s} needs a quiz with tables (entry, phys, "
			 "error-code)", (int)len, name);
		return -1;
	}
	if (ph_name_is(name, len, "cr3")) {
		*out = (struct ph_value){ .is_num = true, .num = qi->walk.cr3, .hex = true };
	} else if (ph_name_is(name, len, "table")) {
		if (qi->kind != QUIZ_ENTRY || !(ws = level_step(qi))) {
			diag_set(d, NULL, 0, 0, "{table} is for entry quizzes");
			return -1;
		}
		*out = (struct ph_value){ .is_num = true, .num = ws->table, .hex = true };
	} else if (ph_name_is(name, len, "frame")) {
		if (qi->walk.status != WALK_OK) {
			diag_set(d, NULL, 0, 0, "{frame}: the walk does not reach a page");
			return -1;
		}
		*out = (struct ph_value){ .is_num = true, .num = qi->walk.frame, .hex = true };
	} else {
		bool present = qi->walk.status == WALK_OK || qi->walk.status == WALK_PROTECTION ||
			       qi->walk.status == WALK_RESERVED;
		*out = (struct ph_value){ .str = present_words[lang][present] };
	}
	return 0;
}

static int quiz_resolve(void *vctx, const char *name, size_t len, struct ph_value *out,
			struct diag *d)
{
	const struct qctx *c = vctx;
	const struct quiz_instance *qi = c->qi;
	int r = walk_resolve(qi, c->lang, name, len, out, d);

	if (r <= 0)
		return r;
#define IS(s) (strlen(s) == len && memcmp(name, s, len) == 0)
	if (IS("addr")) {
		*out = (struct ph_value){ .is_num = true, .num = qi->addr, .hex = true };
	} else if (IS("arch")) {
		*out = (struct ph_value){ .str = qi->arch->name };
	} else if (IS("level")) {
		*out = (struct ph_value){ .str = level_name(qi->level) };
	} else if (IS("macro")) {
		*out = (struct ph_value){ .str = qi->macro ? qi->macro : "" };
	} else if (IS("error_code")) {
		*out = (struct ph_value){ .is_num = true, .num = qi->error_code, .hex = true };
	} else {
		diag_set(d, NULL, 0, 0, "unknown placeholder {%.*s}", (int)len, name);
		return -1;
	}
#undef IS
	return 0;
}

/* A copy of t with placeholders filled for qi. */
static int fill_text(const struct text *t, const struct quiz_instance *qi, struct text *out,
		     struct diag *d)
{
	struct qctx c = { qi, LANG_EN };

	for (int i = 0; i < LANG_COUNT; i++) {
		if (!t->s[i])
			continue;
		c.lang = (enum lang)i;
		if (text_expand(t->s[i], quiz_resolve, &c, &out->s[i], d) < 0) {
			text_clear(out);
			return -1;
		}
	}
	return 0;
}

int quiz_instance(const struct step *step, uint64_t seed, struct quiz_instance *out,
		  struct diag *d)
{
	const struct step_quiz *q = &step->u.quiz;
	uint64_t st = seed ^ 0x70616765776b6c6bULL;  /* "pagewalk" */
	struct diag pd = { 0 };

	memset(out, 0, sizeof *out);
	if (step->kind != STEP_QUIZ) {
		diag_set(d, NULL, step->line, step->col, "not a quiz step");
		return -1;
	}
	out->step = step;
	out->kind = q->kind;
	quiz_rand(&st);
	out->arch = q->archs[q->narchs > 1 ? quiz_rand(&st) % q->narchs : 0];
	if (q->nlevels)
		out->level = q->levels[q->nlevels > 1 ? quiz_rand(&st) % q->nlevels : 0];
	if (q->nmacros)
		out->macro = q->macros[q->nmacros > 1 ? quiz_rand(&st) % q->nmacros : 0];
	if (q->nerror_codes)
		out->error_code = q->error_codes[q->nerror_codes > 1 ?
						 quiz_rand(&st) % q->nerror_codes : 0];

	if (q->kind == QUIZ_MACRO) {
		out->type = ANSWER_NUMBER;
		if (arch_macro_value(out->arch, out->macro, &out->answer) < 0) {
			diag_set(d, NULL, step->line, step->col, "unknown macro %s on %s", out->macro,
				 out->arch->name);
			return -1;
		}
		snprintf(out->answer_text, sizeof out->answer_text,
			 strstr(out->macro, "SHIFT") || strstr(out->macro, "PTRS_PER") ?
			 "%llu" : "0x%llx", (unsigned long long)out->answer);
	} else if (q->kind == QUIZ_ERROR_BITS) {
		out->type = ANSWER_BITS;
		out->answer = out->error_code;
		pf_names(out->error_code, out->answer_text, sizeof out->answer_text);
	} else if (q->fixed_addr) {
		out->addr = q->addr;
		if (!compute(q, out)) {
			const char *what = q->kind == QUIZ_PHYS ? "is not mapped" :
				q->kind == QUIZ_ERROR_CODE ? "does not fault" :
				q->kind == QUIZ_ENTRY ? "is not walked down to that level" :
				"does not fit the arch";
			diag_set(d, NULL, step->line, step->col, "address 0x%llx %s on %s",
				 (unsigned long long)out->addr, what, out->arch->name);
			return -1;
		}
	} else if (pick_addr(q, out, &st) < 0) {
		diag_set(d, NULL, step->line, step->col,
			 "no address on %s meets the random: constraints%s", out->arch->name,
			 q->kind == QUIZ_PHYS ? " and is mapped" :
			 q->kind == QUIZ_ERROR_CODE ? " and faults" :
			 q->kind == QUIZ_ENTRY ? " and is walked to that level" : "");
		return -1;
	}
	if (fill_text(&q->question, out, &out->question, &pd) < 0)
		goto fail;
	for (size_t i = 0; i < q->nhints && i < LESSON_MAX_HINTS; i++) {
		out->nhints = i + 1;
		if (fill_text(&q->hints[i], out, &out->hints[i], &pd) < 0)
			goto fail;
	}
	return 0;
fail:
	diag_set(d, NULL, step->line, step->col, "%s", pd.msg);
	quiz_instance_clear(out);
	return -1;
}

/* ---- grading ----------------------------------------------------------------------- */

static void say(struct grade *g, enum lang l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(struct grade *g, enum lang l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->feedback[l], sizeof g->feedback[l], fmt, ap);
	va_end(ap);
}

/* Trim spaces around typed into buf (lower-cased when lower). */
static void trim(const char *typed, char *buf, size_t len, bool lower)
{
	size_t n;

	while (*typed && isspace((unsigned char)*typed))
		typed++;
	snprintf(buf, len, "%s", typed);
	n = strlen(buf);
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	if (lower)
		for (char *p = buf; *p; p++)
			*p = (char)tolower((unsigned char)*p);
}

/* A typed number. Files use num.h's strict grammar; a learner may put '_'
 * anywhere after the 0x (as in 0x_c000_0000): those are dropped first, then
 * the same parser reads what is left. */
static int parse_num(const char *s, uint64_t *v)
{
	char buf[256];
	size_t o = 0, i = 0, n = strlen(s);

	if (num_is_hex(s, n)) {
		buf[o++] = s[i++];
		buf[o++] = s[i++];
	}
	for (; i < n; i++) {
		if (s[i] == '_')
			continue;
		if (o == sizeof buf)
			return -1;
		buf[o++] = s[i];
	}
	return num_parse_u64(buf, o, v, NULL) == NUM_OK ? 0 : -1;
}

/* Bits lo..hi of v. */
static uint64_t bits_of(uint64_t v, unsigned lo, unsigned hi)
{
	unsigned w = hi - lo + 1;
	return (v >> lo) & (w >= 64 ? UINT64_MAX : (1ULL << w) - 1);
}

/* The first field (pgd .. pte, then offset) in which x and y differ when
 * both are cut like a linear address of a; LEVEL_COUNT for the offset,
 * -1 when they are equal in every field. */
static int first_field_diff(const struct arch *a, uint64_t x, uint64_t y)
{
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		unsigned lo, hi;
		if (a->level[lv].folded)
			continue;
		addr_bits(a, (enum level)lv, &lo, &hi);
		if (lv == LEVEL_PGD)
			hi = 63;  /* anything above the pgd field counts as pgd */
		if (bits_of(x, lo, hi) != bits_of(y, lo, hi))
			return lv;
	}
	return bits_of(x, 0, a->page_shift - 1) != bits_of(y, 0, a->page_shift - 1) ?
	       LEVEL_COUNT : -1;
}

static const char *field_name(int lv)
{
	return lv == LEVEL_COUNT ? "offset" : level_name((enum level)lv);
}

static void grade_index(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	const struct arch *a = qi->arch;
	enum level lv = qi->level;
	unsigned lo, hi;

	g->wrong_level = lv;
	if (a->level[lv].folded) {
		say(g, LANG_EN, "On %s the %s level is folded: %s is 1, so its index "
		    "is always 0.", a->name, level_name(lv), level_ptrs_macro(lv));
		say(g, LANG_JA, "%s では %s は折りたたまれています (%s は 1)。インデックス"
		    "は常に 0 です。", a->name, level_name(lv), level_ptrs_macro(lv));
		return;
	}
	addr_bits(a, lv, &lo, &hi);
	if (v >= a->level[lv].ptrs) {
		say(g, LANG_EN, "A %s index is below %s = %u: it is bits %u..%u of "
		    "the address.", level_name(lv), level_ptrs_macro(lv), a->level[lv].ptrs, hi, lo);
		say(g, LANG_JA, "%s インデックスは %s = %u 未満です。アドレスのビット "
		    "%u..%u を見てください。", level_name(lv), level_ptrs_macro(lv), a->level[lv].ptrs,
		    hi, lo);
		return;
	}
	for (int o = 0; o < LEVEL_COUNT; o++) {
		if (o == (int)lv || a->level[o].folded || qi->fields.index[o] != v)
			continue;
		say(g, LANG_EN, "That is the %s index. The %s index is bits %u..%u.",
		    level_name((enum level)o), level_name(lv), hi, lo);
		say(g, LANG_JA, "それは %s のインデックスです。%s のインデックスはビット %u..%u "
		    "です。", level_name((enum level)o), level_name(lv), hi, lo);
		return;
	}
	say(g, LANG_EN, "Not the %s index: take bits %u..%u of the address (shift right by "
	    "%u, keep %u bits).", level_name(lv), hi, lo, lo, hi - lo + 1);
	say(g, LANG_JA, "%s のインデックスではありません。アドレスのビット %u..%u (右へ %u "
	    "シフトして下位 %u ビット) です。", level_name(lv), hi, lo, lo, hi - lo + 1);
}

static void grade_entry(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	const struct arch *a = qi->arch;
	const struct walk *w = &qi->walk;
	const struct walk_step *want = NULL;
	uint64_t table;

	for (int i = 0; i < w->nsteps; i++)
		if (w->step[i].level == qi->level)
			want = &w->step[i];
	if (!want)
		return;
	g->wrong_level = qi->level;
	table = want->table;
	/* a small number is an index, not an address */
	for (int o = 0; o < LEVEL_COUNT && v < 4096; o++) {
		if (a->level[o].folded || qi->fields.index[o] != v)
			continue;
		say(g, LANG_EN, "%llu is the %s index, not an address: the entry is at the %s "
		    "table's base + index * %u bytes.", (unsigned long long)v,
		    level_name((enum level)o), level_name(qi->level), a->entry_size);
		say(g, LANG_JA, "%llu は %s のインデックスで、アドレスではありません。エントリは "
		    "%s テーブルの先頭 + インデックス * %u バイトにあります。", (unsigned long long)v,
		    level_name((enum level)o), level_name(qi->level), a->entry_size);
		return;
	}
	if (v < 4096 && table >= 4096) {
		say(g, LANG_EN, "%llu looks like an index; the question asks for the entry's physical "
		    "address: table base + index * %u.", (unsigned long long)v, a->entry_size);
		say(g, LANG_JA, "%llu はインデックスのようです。問われているのはエントリの物理アドレス "
		    "(テーブルの先頭 + インデックス * %u) です。", (unsigned long long)v, a->entry_size);
		return;
	}
	if (v < table || v >= table + (uint64_t)a->entry_size * 4096 / a->entry_size) {
		for (int i = 0; i < w->nsteps; i++) {
			const struct walk_step *s = &w->step[i];
			if (s->table == table || v < s->table || v >= s->table + 4096)
				continue;
			say(g, LANG_EN, "That address is in the %s table (at 0x%llx). The %s table is "
			    "the one the entry above it points to%s.", level_name(s->level),
			    (unsigned long long)s->table, level_name(qi->level),
			    qi->level == LEVEL_PGD ? " (cr3)" : "");
			say(g, LANG_JA, "そのアドレスは %s テーブル (0x%llx) の中です。%s テーブルは"
			    "一つ上のエントリ%sが指すテーブルです。", level_name(s->level),
			    (unsigned long long)s->table, level_name(qi->level),
			    qi->level == LEVEL_PGD ? " (cr3)" : "");
			return;
		}
		say(g, LANG_EN, "The table base is wrong: the %s table starts where %s points.",
		    level_name(qi->level), qi->level == LEVEL_PGD ? "cr3" : "the entry above");
		say(g, LANG_JA, "テーブルの先頭が違います。%s テーブルは %s が指す場所から始まります。",
		    level_name(qi->level), qi->level == LEVEL_PGD ? "cr3" : "一つ上のエントリ");
		return;
	}
	if ((v - table) % a->entry_size) {
		say(g, LANG_EN, "Entries are %u bytes on %s: the entry is at table + index * %u.",
		    a->entry_size, a->name, a->entry_size);
		say(g, LANG_JA, "%s のエントリは %u バイトです。エントリのアドレスは テーブル + "
		    "インデックス * %u です。", a->name, a->entry_size, a->entry_size);
		return;
	}
	uint64_t idx = (v - table) / a->entry_size;
	for (int o = 0; o < LEVEL_COUNT; o++) {
		if (o == (int)qi->level || a->level[o].folded || qi->fields.index[o] != idx)
			continue;
		say(g, LANG_EN, "Right table, but you used the %s index (%llu). Use the %s index.",
		    level_name((enum level)o), (unsigned long long)idx, level_name(qi->level));
		say(g, LANG_JA, "テーブルは正しいですが、%s のインデックス (%llu) を使っています。"
		    "%s のインデックスを使ってください。", level_name((enum level)o),
		    (unsigned long long)idx, level_name(qi->level));
		return;
	}
	say(g, LANG_EN, "Right table, wrong index: entry %llu is not the %s index of the "
	    "address.", (unsigned long long)idx, level_name(qi->level));
	say(g, LANG_JA, "テーブルは正しいですが、インデックスが違います。%llu 番はアドレスの "
	    "%s インデックスではありません。", (unsigned long long)idx, level_name(qi->level));
}

static void grade_phys(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	const struct walk *w = &qi->walk;
	uint64_t psz = w->page_size, omask = psz - 1;
	const struct walk_step *leaf = &w->step[w->nsteps - 1];
	int f;

	if ((v & omask) != (w->phys & omask)) {
		g->wrong_level = LEVEL_COUNT;
		say(g, LANG_EN, "The offset is wrong: the low bits of the address (%llu KiB page: "
		    "bits %d..0) carry over unchanged.", (unsigned long long)(psz >> 10),
		    __builtin_ctzll(psz) - 1);
		say(g, LANG_JA, "オフセットが違います。アドレスの下位ビット (%llu KiB ページなら "
		    "ビット %d..0) はそのまま物理アドレスに入ります。", (unsigned long long)(psz >> 10),
		    __builtin_ctzll(psz) - 1);
		return;
	}
	g->wrong_level = leaf->level;
	if (v == qi->addr) {
		say(g, LANG_EN, "That is the linear address itself: the frame comes from the "
		    "%s entry.", level_name(leaf->level));
		say(g, LANG_JA, "それは線形アドレスそのものです。フレームは %s エントリから取り"
		    "ます。", level_name(leaf->level));
		return;
	}
	for (int i = 0; i < w->nsteps - 1; i++) {
		const struct walk_step *s = &w->step[i];
		if ((v & ~omask) != (s->next & ~omask) || s->folded)
			continue;
		say(g, LANG_EN, "That uses the table the %s entry points to, not the page: the "
		    "walk goes on to the %s entry.", level_name(s->level), level_name(leaf->level));
		say(g, LANG_JA, "それは %s エントリが指すテーブルで、ページではありません。%s "
		    "エントリまで進んでください。", level_name(s->level), level_name(leaf->level));
		return;
	}
	f = first_field_diff(qi->arch, v, w->phys);
	say(g, LANG_EN, "The frame is wrong (first differing field: %s): take it from the %s "
	    "entry%s.", field_name(f), level_name(leaf->level),
	    leaf->leaf && leaf->level != LEVEL_PTE ? " (a large page)" : "");
	say(g, LANG_JA, "フレームが違います (最初に違うフィールド: %s)。%s エントリ%sから"
	    "取ります。", field_name(f), level_name(leaf->level),
	    leaf->leaf && leaf->level != LEVEL_PTE ? " (大きなページ)" : "");
}

static void grade_bits(uint32_t want, uint32_t got, struct grade *g, bool numeric)
{
	size_t n;
	const struct pf_bit *b = pf_bits(&n);
	char miss[100] = "", extra[100] = "";
	size_t um = 0, ue = 0;

	for (size_t i = 0; i < n; i++) {
		if ((want & b[i].mask) && !(got & b[i].mask))
			um += (size_t)snprintf(miss + um, sizeof miss - um, "%s%s", um ? " " : "",
					       b[i].name);
		else if (!(want & b[i].mask) && (got & b[i].mask))
			ue += (size_t)snprintf(extra + ue, sizeof extra - ue, "%s%s", ue ? " " : "",
					       b[i].name);
		if (um >= sizeof miss || ue >= sizeof extra)
			break;
	}
	if ((got & ~want) && !ue)
		snprintf(extra, sizeof extra, "unknown bits");
	say(g, LANG_EN, "%s%s%s%s%s%s", numeric ? "Check each bit. " : "",
	    miss[0] ? "Missing: " : "", miss, miss[0] && extra[0] ? "; " : "",
	    extra[0] ? "not set: " : "", extra);
	say(g, LANG_JA, "%s%s%s%s%s%s", numeric ? "ビットごとに確かめてください。" : "",
	    miss[0] ? "足りないビット: " : "", miss, miss[0] && extra[0] ? "、" : "",
	    extra[0] ? "立っていないビット: " : "", extra);
}

/* A kernel-address fault that vmalloc_fault does not take goes first to
 * `goto bad_area_nosemaphore` (lesson 07 shows that line), whose U test then
 * picks SIGSEGV or no_context: for "where does it go first", that label (or
 * the bad_area it sits under) is right as well as the final route. */
static bool first_label_right(const struct quiz_instance *qi, const char *s)
{
	if (qi->addr < qi->step->u.quiz.task_size || qi->path == FAULT_VMALLOC_SYNC)
		return false;
	return strcmp(s, "bad_area_nosemaphore") == 0 || strcmp(s, "bad_area") == 0 ||
	       strcmp(s, "bad_area (sigsegv)") == 0;
}

/* Parse bit names ("W U", "w,u", "-"), or a number. */
static int parse_bits(const char *s, uint32_t *out)
{
	size_t n;
	const struct pf_bit *b = pf_bits(&n);
	uint64_t v;

	*out = 0;
	if (strcmp(s, "-") == 0 || strcmp(s, "none") == 0)
		return 0;
	if (parse_num(s, &v) == 0) {
		if (v > 0xffffffffULL)
			return -1;
		*out = (uint32_t)v;
		return 1;
	}
	while (*s) {
		size_t len, i;
		while (*s && strchr(" ,+|", *s))
			s++;
		if (!*s)
			break;
		for (len = 0; s[len] && !strchr(" ,+|", s[len]); len++)
			;
		for (i = 0; i < n; i++)
			if (strlen(b[i].name) == len && strncasecmp(b[i].name, s, len) == 0)
				break;
		if (i == n)
			return -1;
		*out |= b[i].mask;
		s += len;
	}
	return 0;
}

static void grade_split(const struct quiz_instance *qi, const char *s, struct grade *g)
{
	const struct arch *a = qi->arch;
	uint64_t got[LEVEL_COUNT + 2];
	size_t n = 0, real = a->real_levels + 1;
	char buf[200], *p, *save = NULL;
	char wrong[120] = "";
	size_t used = 0;

	snprintf(buf, sizeof buf, "%s", s);
	for (p = strtok_r(buf, " ,/:\t", &save); p; p = strtok_r(NULL, " ,/:\t", &save)) {
		if (n == LEVEL_COUNT + 1 || parse_num(p, &got[n]) < 0)
			goto unparsed;
		n++;
	}
	if (n != real && n != LEVEL_COUNT + 1)
		goto unparsed;
	g->wrong_mask = 0;
	for (int lv = 0, k = 0; lv <= LEVEL_COUNT; lv++) {
		uint64_t want;
		bool skip = lv < LEVEL_COUNT && a->level[lv].folded;
		if (skip && n == real)
			continue;
		want = lv == LEVEL_COUNT ? qi->fields.offset : qi->fields.index[lv];
		if (got[k++] != want) {
			g->wrong_mask |= 1u << lv;
			if (g->wrong_level < 0)
				g->wrong_level = lv;
			used += (size_t)snprintf(wrong + used, sizeof wrong - used, "%s%s",
						 used ? ", " : "", field_name(lv));
		}
	}
	if (!g->wrong_mask) {
		g->result = GRADE_RIGHT;
		say(g, LANG_EN, "Right: %s.", qi->answer_text);
		say(g, LANG_JA, "正解: %s。", qi->answer_text);
		return;
	}
	g->result = GRADE_WRONG;
	say(g, LANG_EN, "Wrong field%s: %s.", strchr(wrong, ',') ? "s" : "", wrong);
	say(g, LANG_JA, "間違っているフィールド: %s。", wrong);
	return;
unparsed:
	g->result = GRADE_UNPARSED;
	{
		char form[80] = "";
		size_t u = 0;
		for (int lv = 0; lv < LEVEL_COUNT; lv++)
			if (!a->level[lv].folded)
				u += (size_t)snprintf(form + u, sizeof form - u, "%s ",
						      level_name((enum level)lv));
		snprintf(form + u, sizeof form - u, "offset");
		say(g, LANG_EN, "Type %zu numbers: %s.", real, form);
		say(g, LANG_JA, "%zu 個の数を入力してください: %s。", real, form);
	}
}

/* ---- worked solutions ------------------------------------------------------ */

#define SAY(...) (k += (size_t)snprintf(buf + k, k < len ? len - k : 0, __VA_ARGS__))
#define LJ(en, ja) (lang == LANG_JA ? (ja) : (en))

static const char *const upper_name[LEVEL_COUNT] = { "PGD", "P4D", "PUD", "PMD", "PTE" };

static size_t solve_index(const struct quiz_instance *qi, enum level lv, enum lang lang,
			  char *buf, size_t len, size_t k)
{
	const struct arch *a = qi->arch;
	unsigned lo, hi;

	if (a->level[lv].folded)
		return SAY(LJ("%s: folded on %s, PTRS_PER_%s = 1: index 0\n",
			      "%s: %s では折りたたまれていて PTRS_PER_%s = 1: インデックス 0\n"),
			   level_name(lv), a->name, upper_name[lv]), k;
	addr_bits(a, lv, &lo, &hi);
	SAY(LJ("%s: 0x%llx >> %u = 0x%llx, & %u (PTRS_PER_%s - 1) = %u (0x%x): bits %u..%u\n",
	       "%s: 0x%llx >> %u = 0x%llx、& %u (PTRS_PER_%s - 1) = %u (0x%x): ビット %u..%u\n"),
	    level_name(lv), (unsigned long long)qi->addr, lo, (unsigned long long)(qi->addr >> lo),
	    a->level[lv].ptrs - 1, upper_name[lv], qi->fields.index[lv], qi->fields.index[lv], hi, lo);
	return k;
}

static size_t solve_walk(const struct quiz_instance *qi, enum lang lang, char *buf, size_t len,
			 size_t k)
{
	const struct arch *a = qi->arch;
	const struct walk *w = &qi->walk;
	char flags[64];

	SAY("cr3 = 0x%llx\n", (unsigned long long)w->cr3);
	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *st = &w->step[i];
		if (st->folded) {
			SAY(LJ("%s: folded, the same entry again: 0x%llx\n",
			       "%s: 折りたたみ、同じエントリをもう一度: 0x%llx\n"),
			    level_name(st->level), (unsigned long long)st->entry_pa);
			continue;
		}
		walk_flags_format(a, st->entry, flags, sizeof flags);
		SAY(LJ("%s: index %u, entry at 0x%llx + %u * %u = 0x%llx, holds 0x%llx (%s)\n",
		       "%s: インデックス %u、エントリは 0x%llx + %u * %u = 0x%llx、値 0x%llx (%s)\n"),
		    level_name(st->level), st->index, (unsigned long long)st->table, st->index,
		    a->entry_size, (unsigned long long)st->entry_pa, (unsigned long long)st->entry, flags);
	}
	if (w->status == WALK_OK)
		SAY(LJ("frame 0x%llx + offset 0x%llx = 0x%llx\n", "フレーム 0x%llx + オフセット 0x%llx = 0x%llx\n"),
		    (unsigned long long)w->frame, (unsigned long long)(w->phys - w->frame),
		    (unsigned long long)w->phys);
	else
		SAY(LJ("#PF, error code 0x%x: %s\n", "#PF、エラーコード 0x%x: %s\n"), w->error_code, w->reason);
	return k;
}

/* "PMD_SHIFT = 12 + 9 = 21": a macro from the field widths. */
static size_t solve_macro(const struct quiz_instance *qi, enum lang lang, char *buf, size_t len,
			  size_t k)
{
	const struct arch *a = qi->arch;
	static const char *const pre[] = { "PGDIR", "P4D", "PUD", "PMD", "PTE" };
	int lv = -1;

	for (int i = 0; i < LEVEL_COUNT; i++)
		if (strncmp(qi->macro, pre[i], strlen(pre[i])) == 0 && qi->macro[strlen(pre[i])] == '_')
			lv = i;
	if (strncmp(qi->macro, "PTRS_PER_", 9) == 0) {
		for (int i = 0; i < LEVEL_COUNT; i++)
			if (strcmp(qi->macro + 9, i == 0 ? "PGD" : pre[i]) == 0)
				lv = i;
		if (lv >= 0 && a->level[lv].folded)
			return SAY(LJ("%s is folded on %s: one entry, %s = 1\n",
				      "%s は %s では折りたたまれています: エントリは 1 つ、%s = 1\n"),
				   level_name((enum level)lv), a->name, qi->macro), k;
		if (lv >= 0) {
			unsigned lo, hi;
			addr_bits(a, (enum level)lv, &lo, &hi);
			return SAY(LJ("the %s index is bits %u..%u, %u bits: %s = 1 << %u = %llu\n",
				      "%s のインデックスはビット %u..%u の %u ビット: %s = 1 << %u = %llu\n"),
				   level_name((enum level)lv), hi, lo, hi - lo + 1, qi->macro, hi - lo + 1,
				   (unsigned long long)qi->answer), k;
		}
	}
	if (lv >= 0 && strstr(qi->macro, "_SHIFT")) {
		SAY(LJ("%s = the address bits below the %s index: PAGE_SHIFT %u",
		       "%s = %s インデックスより下のアドレスのビット数: PAGE_SHIFT %u"),
		    qi->macro, level_name((enum level)lv), a->page_shift);
		for (int i = LEVEL_PTE; i > lv; i--) {
			unsigned lo, hi;
			if (a->level[i].folded)
				continue;
			addr_bits(a, (enum level)i, &lo, &hi);
			SAY(" + %s %u", level_name((enum level)i), hi - lo + 1);
		}
		if (a->level[lv].folded)
			SAY(LJ(" (folded: the same as the level above)", "（折りたたみ: 上の段と同じ）"));
		return SAY(" = %llu\n", (unsigned long long)qi->answer), k;
	}
	if (strstr(qi->macro, "_SIZE"))
		return SAY("%s = 1 << SHIFT = 0x%llx\n", qi->macro, (unsigned long long)qi->answer), k;
	if (strstr(qi->macro, "_MASK"))
		return SAY("%s = ~(SIZE - 1) = 0x%llx\n", qi->macro, (unsigned long long)qi->answer), k;
	return SAY("%s = %s\n", qi->macro, qi->answer_text), k;
}

void quiz_solution(const struct quiz_instance *qi, enum lang lang, char *buf, size_t len)
{
	size_t k = 0;
	char words[200];

	if (!len)
		return;
	buf[0] = '\0';
	switch (qi->kind) {
	case QUIZ_INDEX:
		k = solve_index(qi, qi->level, lang, buf, len, k);
		break;
	case QUIZ_OFFSET:
		SAY(LJ("offset: 0x%llx & ~PAGE_MASK (0x%llx) = 0x%llx: bits %u..0\n",
		       "オフセット: 0x%llx & ~PAGE_MASK (0x%llx) = 0x%llx: ビット %u..0\n"),
		    (unsigned long long)qi->addr, (unsigned long long)((1ULL << qi->arch->page_shift) - 1),
		    (unsigned long long)qi->fields.offset, qi->arch->page_shift - 1);
		break;
	case QUIZ_SPLIT:
		for (int lv = 0; lv < LEVEL_COUNT; lv++)
			if (!qi->arch->level[lv].folded)
				k = solve_index(qi, (enum level)lv, lang, buf, len, k);
		SAY(LJ("offset: bits %u..0 = 0x%llx\n", "オフセット: ビット %u..0 = 0x%llx\n"),
		    qi->arch->page_shift - 1, (unsigned long long)qi->fields.offset);
		break;
	case QUIZ_ENTRY:
	case QUIZ_PHYS:
	case QUIZ_ERROR_CODE:
		k = solve_walk(qi, lang, buf, len, k);
		break;
	case QUIZ_MACRO:
		k = solve_macro(qi, lang, buf, len, k);
		break;
	case QUIZ_FAULT_PATH:
	case QUIZ_ERROR_BITS:
		pf_describe(qi->error_code, words, sizeof words);
		SAY(LJ("error code 0x%x: %s\n", "エラーコード 0x%x: %s\n"), qi->error_code, words);
		if (qi->kind == QUIZ_FAULT_PATH)
			SAY(LJ("address 0x%llx, so do_page_fault goes to %s\n",
			       "アドレス 0x%llx なので do_page_fault は %s へ進みます\n"),
			    (unsigned long long)qi->addr, qi->answer_text);
		break;
	default:
		break;
	}
	if (k && k <= len && buf[k - 1] == '\n')
		buf[k - 1] = '\0';
}

#undef SAY
#undef LJ

enum quiz_base quiz_base(const struct quiz_instance *qi)
{
	if (qi->type != ANSWER_NUMBER)
		return QUIZ_BASE_NONE;
	return strncmp(qi->answer_text, "0x", 2) == 0 ? QUIZ_BASE_HEX : QUIZ_BASE_DEC;
}

const char *quiz_base_text(const struct quiz_instance *qi, enum lang lang)
{
	switch (quiz_base(qi)) {
	case QUIZ_BASE_HEX:
		return lang == LANG_JA ? "16 進で、0x を付けて答えてください（例 0x1f）。"
				       : "Answer in hex, with 0x (e.g. 0x1f).";
	case QUIZ_BASE_DEC:
		return lang == LANG_JA ? "10 進で答えてください（16 進なら 0x を付けて）。"
				       : "Answer in decimal (or in hex with 0x).";
	default:
		return "";
	}
}

/* s (trimmed) read as bare hex digits without 0x: 0 with *v, -1 when it is
 * not that (a prefix, a sign, another character, too long). */
static int bare_hex(const char *s, uint64_t *v)
{
	size_t n = 0;

	*v = 0;
	if (!*s || (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
		return -1;
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
			: *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
		if (d < 0 || ++n > 16)
			return -1;
		*v = *v << 4 | (uint64_t)d;
	}
	return 0;
}

/* A bare number: digits only is decimal; with a-f it can only be hex. Fills
 * g and returns true when the grading is done here: right read as hex but
 * typed without 0x, where decimal was wrong (no try used). */
static bool grade_bare(const struct quiz_instance *qi, const char *s, uint64_t *v,
		       bool *have, struct grade *g)
{
	uint64_t h;

	if (bare_hex(s, &h) < 0)
		return false;
	if (parse_num(s, v) < 0) {   /* 1ff: hex letters, so hex it is */
		*v = h;
		*have = true;
		return false;
	}
	*have = true;
	if (*v == qi->answer || h != qi->answer)
		return false;
	g->result = GRADE_OTHER_BASE;
	say(g, LANG_EN, "%s read as decimal is %llu, which is not it; read as hex, 0x%s = %llu is right. "
	    "A bare number is decimal: type 0x%s. (This did not count as a try.)", s,
	    (unsigned long long)*v, s, (unsigned long long)h, s);
	say(g, LANG_JA, "%s は 10 進として読むと %llu で、正解ではありません。16 進の 0x%s = %llu なら正解です。"
	    "0x のない数は 10 進です: 0x%s と入力してください（回数には数えません）。", s,
	    (unsigned long long)*v, s, (unsigned long long)h, s);
	return true;
}

/* The rule for a QUIZ_MACRO when the wrong number matches no other macro. */
static void grade_macro_rule(const struct quiz_instance *qi, struct grade *g)
{
	if (strstr(qi->macro, "_SHIFT")) {
		/* not "from the SHIFT": the SHIFT is what is asked */
		say(g, LANG_EN, "Not %s on %s. A SHIFT counts the address bits below that "
		    "level's index: PAGE_SHIFT (%u) plus the index bits of each real level "
		    "below it.", qi->macro, qi->arch->name, qi->arch->page_shift);
		say(g, LANG_JA, "%s の %s ではありません。SHIFT はその段のインデックスより下の "
		    "アドレスのビット数です: PAGE_SHIFT (%u) に、下にある実在の段のインデックスの"
		    "ビット数を足します。", qi->arch->name, qi->macro, qi->arch->page_shift);
	} else if (strncmp(qi->macro, "PTRS_PER_", 9) == 0) {
		say(g, LANG_EN, "Not %s on %s. PTRS_PER_X is how many entries a table holds: "
		    "1 << (the bits of the X index); 1 when X is folded.", qi->macro,
		    qi->arch->name);
		say(g, LANG_JA, "%s の %s ではありません。PTRS_PER_X はテーブル 1 つのエントリ数で、"
		    "1 << (X インデックスのビット数) です。折りたたまれた段は 1 です。",
		    qi->arch->name, qi->macro);
	} else {
		say(g, LANG_EN, "Not %s on %s. Work it out from the SHIFT: SIZE = 1 << SHIFT, "
		    "MASK = ~(SIZE - 1).", qi->macro, qi->arch->name);
		say(g, LANG_JA, "%s の %s ではありません。SHIFT から SIZE = 1 << SHIFT、"
		    "MASK = ~(SIZE - 1) と求めてください。", qi->arch->name, qi->macro);
	}
}

/* An ANSWER_WORD quiz: the fault path (or its branch) the handler takes. */
static void grade_word(const struct quiz_instance *qi, const char *s, struct grade *g)
{
	int p = fault_path_parse(s), b = fault_branch_parse(s);
	const struct fault_path_info *pi = fault_path_info(qi->path);

	if (first_label_right(qi, s)) {
		g->result = GRADE_RIGHT;
		say(g, LANG_EN, "Right: goto bad_area_nosemaphore, which leads to %s.",
		    qi->answer_text);
		say(g, LANG_JA, "正解: goto bad_area_nosemaphore で、その先は %s です。",
		    qi->answer_text);
		return;
	}
	if (p < 0 && b < 0) {
		g->result = GRADE_UNPARSED;
		say(g, LANG_EN, "Answer with one of: vmalloc_fault, handle_mm_fault, bad_area, "
		    "oops.");
		say(g, LANG_JA, "vmalloc_fault, handle_mm_fault, bad_area, oops のどれかで"
		    "答えてください。");
		return;
	}
	if (p == (int)qi->path || (p < 0 && b == (int)pi->branch)) {
		g->result = GRADE_RIGHT;
		say(g, LANG_EN, "Right: %s.", qi->answer_text);
		say(g, LANG_JA, "正解: %s。", qi->answer_text);
		return;
	}
	g->result = GRADE_WRONG;
	if (qi->addr >= qi->step->u.quiz.task_size) {
		say(g, LANG_EN, "0x%llx is at or above TASK_SIZE: check the U, P and RSVD bits "
		    "of the error code.", (unsigned long long)qi->addr);
		say(g, LANG_JA, "0x%llx は TASK_SIZE 以上です。エラーコードの U, P, RSVD "
		    "ビットを確かめてください。", (unsigned long long)qi->addr);
	} else {
		say(g, LANG_EN, "0x%llx is a user address: look for its vma and whether "
		    "the access is allowed there.", (unsigned long long)qi->addr);
		say(g, LANG_JA, "0x%llx はユーザーアドレスです。vma があるか、そのアクセスが"
		    "許されるかを確かめてください。", (unsigned long long)qi->addr);
	}
}

/* An ANSWER_BITS quiz: the names of the set error-code bits. */
static void grade_bitnames(const struct quiz_instance *qi, const char *s, struct grade *g)
{
	uint32_t got;

	if (parse_bits(s, &got) < 0) {
		g->result = GRADE_UNPARSED;
		say(g, LANG_EN, "Name the set bits (P W U RSVD I PK SHSTK SGX), or - for none.");
		say(g, LANG_JA, "立っているビットの名前 (P W U RSVD I PK SHSTK SGX) を、"
		    "無ければ - を入力してください。");
		return;
	}
	if (got == qi->answer) {
		g->result = GRADE_RIGHT;
		say(g, LANG_EN, "Right: %s.", qi->answer_text);
		say(g, LANG_JA, "正解: %s。", qi->answer_text);
		return;
	}
	g->result = GRADE_WRONG;
	grade_bits((uint32_t)qi->answer, got, g, false);
}

/* A wrong number for a QUIZ_MACRO: name the macro or arch it belongs to, else the rule. */
static void grade_macro(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	struct macro ms[ARCH_MACROS_MAX];
	int n = arch_macros(qi->arch, ms);
	uint64_t wm = arch_word_mask(qi->arch);

	for (int i = 0; i < n; i++)
		if (ms[i].value == v && strcmp(ms[i].name, qi->macro) != 0) {
			say(g, LANG_EN, "That is %s on %s, not %s.", ms[i].name, qi->arch->name,
			    qi->macro);
			say(g, LANG_JA, "それは %s の %s です。%s ではありません。",
			    qi->arch->name, ms[i].name, qi->macro);
			return;
		}
	if (strstr(qi->macro, "MASK") && v == (~qi->answer & wm)) {
		say(g, LANG_EN, "That is SIZE - 1, the inverse: a MASK keeps the high bits, "
		    "~(SIZE - 1).");
		say(g, LANG_JA, "それは SIZE - 1 (反転したもの) です。MASK は上位ビットを残す "
		    "~(SIZE - 1) です。");
		return;
	}
	for (int id = 0; id < ARCH_COUNT; id++) {
		const struct arch *o = arch_get((enum arch_id)id);
		uint64_t ov;
		if (o != qi->arch && arch_macro_value(o, qi->macro, &ov) == 0 && ov == v) {
			say(g, LANG_EN, "That is %s on %s, not on %s.", qi->macro, o->name,
			    qi->arch->name);
			say(g, LANG_JA, "それは %s の %s です。%s の値ではありません。", o->name,
			    qi->macro, qi->arch->name);
			return;
		}
	}
	grade_macro_rule(qi, g);
}

/* A number answer: parse it, then say why a wrong one is wrong for this quiz kind. */
static void grade_number(const struct quiz_instance *qi, const char *s, struct grade *g)
{
	bool have = false;
	uint64_t v;

	if (grade_bare(qi, s, &v, &have, g))
		return;
	if (!have && parse_num(s, &v) < 0) {
		g->result = GRADE_UNPARSED;
		say(g, LANG_EN, "Type a number: hex with 0x (0x1f) or decimal (31).");
		say(g, LANG_JA, "数を入力してください: 16進は 0x 付き (0x1f)、10進 (31)。");
		return;
	}
	if (v == qi->answer) {
		g->result = GRADE_RIGHT;
		say(g, LANG_EN, "Right: %s.", qi->answer_text);
		say(g, LANG_JA, "正解: %s。", qi->answer_text);
		return;
	}
	g->result = GRADE_WRONG;
	switch (qi->kind) {
	case QUIZ_INDEX:
		grade_index(qi, v, g);
		break;
	case QUIZ_ENTRY:
		grade_entry(qi, v, g);
		break;
	case QUIZ_PHYS:
		grade_phys(qi, v, g);
		break;
	case QUIZ_OFFSET:
		g->wrong_level = LEVEL_COUNT;
		say(g, LANG_EN, "The offset is the low %u bits of the address (& ~PAGE_MASK).",
		    qi->arch->page_shift);
		say(g, LANG_JA, "オフセットはアドレスの下位 %u ビット (& ~PAGE_MASK) です。",
		    qi->arch->page_shift);
		break;
	case QUIZ_ERROR_CODE:
		grade_bits((uint32_t)qi->answer, (uint32_t)v, g, true);
		break;
	case QUIZ_MACRO:
		grade_macro(qi, v, g);
		break;
	default:
		break;
	}
}

void quiz_grade(const struct quiz_instance *qi, const char *typed, struct grade *g)
{
	char s[200];

	memset(g, 0, sizeof *g);
	g->wrong_level = -1;
	trim(typed ? typed : "", s, sizeof s, qi->type == ANSWER_WORD);
	switch (qi->type) {
	case ANSWER_FIELDS:
		grade_split(qi, s, g);
		return;
	case ANSWER_WORD:
		grade_word(qi, s, g);
		return;
	case ANSWER_BITS:
		grade_bitnames(qi, s, g);
		return;
	case ANSWER_NUMBER:
		break;
	}
	grade_number(qi, s, g);
}

void quiz_answer_typed(const struct quiz_instance *qi, char *buf, size_t len)
{
	const char *paren = strstr(qi->answer_text, " (");
	int n = paren ? (int)(paren - qi->answer_text) : (int)strlen(qi->answer_text);

	snprintf(buf, len, "%.*s", n, qi->answer_text);
}
