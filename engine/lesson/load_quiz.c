/* SPDX-License-Identifier: GPL-2.0-only */
/* load_quiz.c - the quiz schema, and the proof that a quiz can always be
 * asked and answered (64 fixed seeds). */
#include "load_int.h"
#include "lesson/quiz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* "an" before a word that starts with a vowel ("an \"entry\" quiz"), else "a". */
static const char *article(const char *word)
{
	return word[0] && strchr("aeiou", word[0]) ? "an" : "a";
}

static const char *const ask_words[] = { "index", "entry", "phys", "offset", "split", "macro",
					 "fault-path", "error-bits", "error-code", "esr", "ttbr",
					 NULL };

/* Placeholders a question may use, typed as quiz.c fills them (values are
 * filled per instance): a format :x/:d on a string is caught here. */
static int quiz_ph_check(void *ctx, const char *name, size_t len, struct ph_value *out,
			 struct diag *d)
{
	static const char *const words[] = { "arch", "level", "macro", "present", "vmas", "fault",
					     NULL };
	static const char *const nums[] = { "addr", "error_code", "cr3", "table", "frame", "ttbr0",
					    "ttbr1", NULL };

	(void)ctx;
	for (int i = 0; words[i]; i++)
		if (ph_name_is(name, len, words[i])) {
			*out = (struct ph_value){ .str = "" };
			return 0;
		}
	for (int i = 0; nums[i]; i++)
		if (ph_name_is(name, len, nums[i])) {
			*out = (struct ph_value){ .is_num = true, .hex = true };
			return 0;
		}
	diag_set(d, NULL, 0, 0, "unknown placeholder {%.*s} in a quiz (addr, arch, level, "
		 "macro, error_code, cr3, table, frame, present, vmas; arm64: ttbr0, ttbr1, fault; "
		 "write {{ for a brace)", (int)len, name);
	return -1;
}

static int check_quiz_text(struct ld *ld, const struct ynode *n, const struct text *t)
{
	struct diag pd = { 0 };
	char *o;

	for (int i = 0; i < LANG_COUNT; i++) {
		if (!t->s[i])
			continue;
		if (text_expand(t->s[i], quiz_ph_check, NULL, &o, &pd) < 0)
			return FAILN(ld, n, "%s", pd.msg);
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
		if (ld_u64(ld, n->items[0], UINT64_MAX, "range", &c->lo) < 0 ||
		    ld_u64(ld, n->items[1], UINT64_MAX, "range", &c->hi) < 0)
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
		if (ld_u64(ld, n, 1ULL << 30, "align", &c->align) < 0)
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
			if (ld_level(ld, n->items[i], &lv) < 0)
				return -1;
			if (c->parity[lv] >= 0 && c->parity[lv] != par)
				return FAILN(ld, n->items[i], "%s cannot be both odd and even",
					     level_name(lv));
			c->parity[lv] = (signed char)par;
		}
	}
	return 0;
}

/* What a kind of quiz takes. */
struct qwant {
	int k;                   /* index in ask_words */
	bool level, addr, tables, macro, code;
	bool has_tables;         /* the step gives tables */
};

/* Which keys go with which question. */
static int quiz_keys(struct ld *ld, const struct ynode *m, const struct qwant *w)
{
	static const char *const tkeys[] = { "access", "user", "mappings", "entries", "cr3",
					     "ttbr0", "ttbr1", "tables_at", NULL };
	bool fp = w->k == QUIZ_FAULT_PATH;

	if (only_for(ld, m, "level", w->level, "index and entry") < 0 ||
	    only_for(ld, m, "levels", w->level, "index and entry") < 0 ||
	    only_for(ld, m, "macro", w->macro, "macro") < 0 ||
	    only_for(ld, m, "macros", w->macro, "macro") < 0 ||
	    only_for(ld, m, "error_code", w->code, "fault-path and error-bits") < 0 ||
	    only_for(ld, m, "error_codes", w->code, "fault-path and error-bits") < 0 ||
	    only_for(ld, m, "task_size", fp, "fault-path") < 0 ||
	    only_for(ld, m, "vmas", fp, "fault-path") < 0 ||
	    only_for(ld, m, "names", fp, "fault-path") < 0 ||
	    only_for(ld, m, "addr", w->addr, "address") < 0 ||
	    only_for(ld, m, "random", w->addr, "address") < 0)
		return -1;
	for (int i = 0; tkeys[i]; i++)
		if (only_for(ld, m, tkeys[i], w->tables, "entry, phys, error-code and esr") < 0)
			return -1;
	if (w->tables && !w->has_tables)
		return FAILN(ld, m, "%s \"%s\" quiz needs tables (mappings:, entries: or cr3:; "
			     "arm64: ttbr0:, ttbr1:)", article(ask_words[w->k]), ask_words[w->k]);
	return 0;
}

/* question: and hints:, their placeholders checked. */
static int quiz_texts(struct ld *ld, const struct ynode *m, struct step_quiz *q)
{
	const struct ynode *n;

	if (ld_text(ld, ynode_get(m, "question"), true, "question", &q->question) < 0 ||
	    check_quiz_text(ld, ynode_get(m, "question"), &q->question) < 0)
		return -1;
	if (!(n = ynode_get(m, "hints")))
		return 0;
	if (ynode_want(n, YNODE_SEQ, "hints", ld->path, ld->d) < 0)
		return -1;
	if (n->n > LESSON_MAX_HINTS)
		return FAILN(ld, n, "too many hints (at most %d)", LESSON_MAX_HINTS);
	q->hints = calloc(n->n ? n->n : 1, sizeof *q->hints);
	if (!q->hints)
		return FAILN(ld, n, "out of memory");
	for (size_t i = 0; i < n->n; i++) {
		q->nhints = i + 1;
		if (ld_text(ld, n->items[i], true, "a hint", &q->hints[i]) < 0 ||
		    check_quiz_text(ld, n->items[i], &q->hints[i]) < 0)
			return -1;
	}
	return 0;
}

/* arch: or archs: (the lesson's arch by default). */
static int quiz_archs(struct ld *ld, const struct ynode *m, struct step_quiz *q,
		      const struct qwant *w)
{
	const struct ynode *n;

	if (ynode_key(m, "arch") && ynode_key(m, "archs"))
		return FAILN(ld, ynode_key(m, "archs"), "give arch or archs, not both");
	if ((n = ynode_get(m, "archs"))) {
		if (ynode_want(n, YNODE_SEQ, "archs", ld->path, ld->d) < 0)
			return -1;
		if (n->n < 1 || n->n > ARCH_COUNT)
			return FAILN(ld, n, "archs lists 1 to %d archs", ARCH_COUNT);
		for (size_t i = 0; i < n->n; i++) {
			if (ld_arch(ld, n->items[i], &q->archs[i]) < 0)
				return -1;
			for (size_t j = 0; j < i; j++)
				if (q->archs[j] == q->archs[i])
					return FAILN(ld, n->items[i], "arch %s is listed twice",
						     q->archs[i]->name);
			q->narchs = i + 1;
		}
	} else {
		if (ld_step_arch(ld, m, &q->archs[0]) < 0)
			return -1;
		q->narchs = 1;
	}
	if (w->has_tables && q->narchs > 1)
		return FAILN(ld, ynode_get(m, "archs"), "a quiz with tables has one arch");
	/* ESR and TTBR are arm64's; an error code and do_page_fault's route x86's */
	for (size_t i = 0; i < q->narchs; i++) {
		bool arm64 = q->archs[i]->family == FAMILY_ARM64;
		const struct ynode *at = ynode_get(m, "archs") ? ynode_get(m, "archs")->items[i] :
					 ynode_get(m, "arch") ? ynode_get(m, "arch") : m;
		if ((q->kind == QUIZ_ESR || q->kind == QUIZ_TTBR) && !arm64)
			return FAILN(ld, at, "a \"%s\" quiz is arm64's: %s has no %s", ask_words[w->k],
				     q->archs[i]->name, q->kind == QUIZ_ESR ? "ESR_EL1 (it pushes "
				     "an error code)" : "TTBR0_EL1 and TTBR1_EL1 (one cr3)");
		if ((q->kind == QUIZ_ERROR_CODE || q->kind == QUIZ_FAULT_PATH ||
		     q->kind == QUIZ_ERROR_BITS) && arm64)
			return FAILN(ld, at, "a \"%s\" quiz is x86's: %s reports an abort in ESR_EL1 "
				     "(ask: esr)", ask_words[w->k], q->archs[i]->name);
	}
	return 0;
}

/* An entry quiz asks for the entry read at a level. A level the arch
 * folds has no entry of its own (p4d_offset(pgd, addr) is the pgd entry):
 * listed beside real levels it teaches folding (lesson 03 does), but a
 * quiz whose every level is folded on one of its archs only asks for the
 * entry above under another name, a slip (n: level: or levels:). */
static int quiz_level_real(struct ld *ld, const struct ynode *n, const struct step_quiz *q)
{
	if (q->kind != QUIZ_ENTRY)
		return 0;
	for (size_t i = 0; i < q->narchs; i++) {
		const struct arch *a = q->archs[i];
		size_t real = 0;
		for (size_t k = 0; k < q->nlevels; k++)
			real += !a->level[q->levels[k]].folded;
		if (!real)
			return FAILN(ld, n, "%s is folded on %s (its entry is the %s entry): an entry "
				     "quiz asks about a level the arch has, or lists the folded one "
				     "beside real ones to teach folding", level_name(q->levels[0]),
				     a->name, level_name(a->level[q->levels[0]].into));
	}
	return 0;
}

/* level: or levels: of an index or entry quiz. */
static int quiz_levels(struct ld *ld, const struct ynode *m, struct step_quiz *q,
		       const struct qwant *w)
{
	const struct ynode *n;

	if (ynode_key(m, "level") && ynode_key(m, "levels"))
		return FAILN(ld, ynode_key(m, "levels"), "give level or levels, not both");
	if ((n = ynode_get(m, "level"))) {
		if (ld_level(ld, n, &q->levels[0]) < 0)
			return -1;
		q->nlevels = 1;
		return quiz_level_real(ld, n, q);
	}
	if (!(n = ynode_get(m, "levels")))
		return FAILN(ld, m, "%s \"%s\" quiz needs level or levels", article(ask_words[w->k]),
			     ask_words[w->k]);
	if (ynode_want(n, YNODE_SEQ, "levels", ld->path, ld->d) < 0)
		return -1;
	if (n->n < 1 || n->n > LEVEL_COUNT)
		return FAILN(ld, n, "levels lists 1 to %d levels", LEVEL_COUNT);
	for (size_t i = 0; i < n->n; i++)
		if (ld_level(ld, n->items[i], &q->levels[q->nlevels++]) < 0)
			return -1;
	return quiz_level_real(ld, n, q);
}

/* macro: or macros: of a macro quiz, each known on the first arch. */
static int quiz_macros(struct ld *ld, const struct ynode *m, struct step_quiz *q)
{
	const struct ynode *one = ynode_get(m, "macro"), *many = ynode_get(m, "macros");
	size_t cnt;

	if (one && many)
		return FAILN(ld, ynode_key(m, "macros"), "give macro or macros, not both");
	if (!one && !many)
		return FAILN(ld, m, "a macro quiz needs macro or macros");
	if (many && ynode_want(many, YNODE_SEQ, "macros", ld->path, ld->d) < 0)
		return -1;
	cnt = one ? 1 : many->n;
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
	return 0;
}

/* error_code: or error_codes: of a fault-path or error-bits quiz. */
static int quiz_error_codes(struct ld *ld, const struct ynode *m, struct step_quiz *q,
			    const struct qwant *w)
{
	const struct ynode *one = ynode_get(m, "error_code"), *many = ynode_get(m, "error_codes");
	size_t cnt;

	if (one && many)
		return FAILN(ld, ynode_key(m, "error_codes"),
			     "give error_code or error_codes, not both");
	if (!one && !many)
		return FAILN(ld, m, "%s \"%s\" quiz needs error_code or error_codes",
			     article(ask_words[w->k]), ask_words[w->k]);
	if (many && ynode_want(many, YNODE_SEQ, "error_codes", ld->path, ld->d) < 0)
		return -1;
	cnt = one ? 1 : many->n;
	if (cnt < 1 || cnt > 64)
		return FAILN(ld, many, "error_codes lists 1 to 64 values");
	q->error_codes = calloc(cnt, sizeof *q->error_codes);
	if (!q->error_codes)
		return FAILN(ld, m, "out of memory");
	for (size_t i = 0; i < cnt; i++) {
		uint64_t v;
		if (ld_u64(ld, one ? one : many->items[i], 0xffff, "error_code", &v) < 0)
			return -1;
		q->error_codes[i] = (uint32_t)v;
		q->nerror_codes = i + 1;
	}
	return 0;
}

/* Tables (first: random: mapped needs their ranges), then the address and
 * the fault-path facts. */
static int quiz_where(struct ld *ld, const struct ynode *m, struct step_quiz *q,
		      const struct qwant *w)
{
	const struct ynode *n, *an = ynode_get(m, "addr"), *rn = ynode_get(m, "random");

	if (w->has_tables) {
		q->has_tables = true;
		if (ld_tables(ld, m, q->archs[0], &q->setup, false, &q->mapped, &q->nmapped) < 0 ||
		    ld_access(ld, m, &q->access) < 0)
			return -1;
	}
	if (w->addr) {
		if (an && rn)
			return FAILN(ld, ynode_key(m, "random"), "give addr or random, not both");
		if (!an && !rn)
			return FAILN(ld, m, "%s \"%s\" quiz needs addr or random",
				     article(ask_words[w->k]), ask_words[w->k]);
		if (an) {
			q->fixed_addr = true;
			for (size_t i = 0; i < q->narchs; i++)
				if (ld_addr(ld, an, q->archs[i], "addr", &q->addr) < 0)
					return -1;
		} else if (load_random(ld, rn, &q->random, q->nmapped > 0) < 0) {
			return -1;
		}
	}
	if (q->kind != QUIZ_FAULT_PATH)
		return 0;
	q->task_size = DEFAULT_TASK_SIZE;
	if ((n = ynode_get(m, "task_size")) &&
	    ld_u64(ld, n, UINT64_MAX, "task_size", &q->task_size) < 0)
		return -1;
	if ((n = ynode_get(m, "vmas")) && ld_vmas(ld, n, &q->vmas, &q->nvmas, q->archs[0]) < 0)
		return -1;
	if ((n = ynode_get(m, "names"))) {
		static const char *const names[] = { "linux-6.1", NULL };
		int k;
		if (ynode_enum(n, names, "names", ld->path, ld->d, &k) < 0)
			return -1;
		q->linux61 = true;
	}
	return 0;
}

/* Prove it: every instance can be built and answered by the engine. */
static int quiz_prove(struct ld *ld, const struct ynode *m, const struct step *s)
{
	const struct step_quiz *q = &s->u.quiz;

	for (uint64_t seed = 0; seed < QUIZ_CHECK_SEEDS; seed++) {
		struct quiz_instance qi;
		struct diag qd = { 0 };
		if (quiz_instance(s, seed, &qi, &qd) < 0)
			return FAILN(ld, m, "quiz cannot be asked: %s", qd.msg);
		for (int lg = 0; lg < LANG_COUNT; lg++) {
			size_t len = strlen(text_get(&qi.question, (enum lang)lg));
			if (len > LESSON_MAX_STRING) {
				quiz_instance_clear(&qi);
				/* a lab records the question: it must stay within a string's bound */
				return FAILN(ld, ynode_get(m, "question"), "the question is %zu bytes "
					     "with its placeholders filled, at most %d", len,
					     LESSON_MAX_STRING);
			}
		}
		quiz_instance_clear(&qi);
		if (q->fixed_addr && q->narchs == 1 && q->nlevels <= 1 && q->nmacros <= 1 &&
		    q->nerror_codes <= 1)
			break; /* nothing random: one instance says all */
	}
	return 0;
}

/* expect: the answer as typed, graded right, for a quiz with nothing random. */
static int quiz_expect(struct ld *ld, const struct ynode *m, const struct ynode *n,
		       const struct step *s, const struct qwant *w)
{
	const struct step_quiz *q = &s->u.quiz;
	struct quiz_instance qi;
	struct grade g;
	struct diag qd = { 0 };
	char typed[200], *esc;

	if (!(q->fixed_addr || !w->addr) || q->narchs != 1 || q->nlevels > 1 ||
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
	return 0;
}

int ld_quiz(struct ld *ld, const struct ynode *m, struct step *s)
{
	static const char *const keys[] = {
		"ask", "question", "hints", "arch", "archs", "level", "levels", "addr", "random",
		"macro", "macros", "error_code", "error_codes", "access", "user", "tables_at",
		"cr3", "ttbr0", "ttbr1", "mappings", "entries", "task_size", "vmas", "expect", "names",
		NULL
	};
	struct step_quiz *q = &s->u.quiz;
	const struct ynode *n;
	struct qwant w = { 0 };

	if (ld_step_keys(ld, m, keys, "quiz") < 0 || ld_need(ld, m, "ask", "quiz") < 0 ||
	    ld_need(ld, m, "question", "quiz") < 0)
		return -1;
	if (ynode_enum(ynode_get(m, "ask"), ask_words, "ask", ld->path, ld->d, &w.k) < 0)
		return -1;
	q->kind = (enum quiz_kind)w.k;
	w.level = q->kind == QUIZ_INDEX || q->kind == QUIZ_ENTRY;
	w.tables = q->kind == QUIZ_ENTRY || q->kind == QUIZ_PHYS || q->kind == QUIZ_ERROR_CODE ||
		   q->kind == QUIZ_ESR;
	w.macro = q->kind == QUIZ_MACRO;
	w.code = q->kind == QUIZ_FAULT_PATH || q->kind == QUIZ_ERROR_BITS;
	w.addr = !w.macro && q->kind != QUIZ_ERROR_BITS;
	w.has_tables = ynode_key(m, "mappings") || ynode_key(m, "entries") ||
		       ynode_key(m, "cr3") || ynode_key(m, "tables_at") ||
		       ynode_key(m, "ttbr0") || ynode_key(m, "ttbr1");
	if (quiz_keys(ld, m, &w) < 0 || quiz_texts(ld, m, q) < 0 || quiz_archs(ld, m, q, &w) < 0 ||
	    (w.level && quiz_levels(ld, m, q, &w) < 0) || (w.macro && quiz_macros(ld, m, q) < 0) ||
	    (w.code && quiz_error_codes(ld, m, q, &w) < 0) || quiz_where(ld, m, q, &w) < 0 ||
	    quiz_prove(ld, m, s) < 0)
		return -1;
	if ((n = ynode_get(m, "expect")))
		return quiz_expect(ld, m, n, s, &w);
	return 0;
}
