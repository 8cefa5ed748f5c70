/* SPDX-License-Identifier: GPL-2.0-only */
/* test_shipped_lessons.c - the shipped lessons (lessons/NN-*.yaml) as a learner
 * meets them: each loads (so every walk `expect:` held), every text has an
 * English and a Japanese version, every macro value a text states as
 * `NAME = VALUE` (or `ARCH: NAME = VALUE`) is the engine's value for the arch
 * named last before it in the same sentence or list item (else the
 * lesson's), every quiz
 * builds fresh instances for seeds 1..50 whose answers the grader accepts
 * (and rejects when perturbed), and every lesson ends with quizzes.
 *
 * Run from the repository top (tests/run.sh does); $PAGEWALK_ROOT, when
 * set, names the top instead. One cmocka test per lesson and check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include "paging/arch.h"
#include "paging/fault.h"
#include "lesson/lesson.h"
#include "lesson/quiz.h"

#define MAX_LESSONS 64
#define SEEDS 50

static char lesson_dir[4096];
static char *paths[MAX_LESSONS];
static size_t npaths;

static struct lesson *load(const char *path)
{
	struct diag d = { 0 };
	struct lesson *l = lesson_load(path, &d);

	if (!l)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	return l;
}

/* ---- both languages --------------------------------------------------- */

/* True when s holds at least one byte outside ASCII (Japanese text). */
static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static void want_both(const struct lesson *l, const struct text *t, const char *what,
		      size_t step, int required)
{
	if (!t->s[LANG_EN]) {
		if (required)
			fail_msg("%s: step %zu: %s has no text", l->path, step, what);
		return;
	}
	if (!t->s[LANG_JA])
		fail_msg("%s: step %zu: %s has English but no Japanese: \"%.60s\"", l->path,
			 step, what, t->s[LANG_EN]);
	if (!t->s[LANG_EN][0] || !t->s[LANG_JA][0])
		fail_msg("%s: step %zu: %s is empty in one language", l->path, step, what);
	if (!has_non_ascii(t->s[LANG_JA]))
		fail_msg("%s: step %zu: %s: the Japanese text is all ASCII: \"%.60s\"",
			 l->path, step, what, t->s[LANG_JA]);
	/* one register per course: です・ます, never plain である/だ endings */
	if (strstr(t->s[LANG_JA], "である。") || strstr(t->s[LANG_JA], "だ。"))
		fail_msg("%s: step %zu: %s: Japanese text leaves the です・ます style: \"%.80s\"",
			 l->path, step, what, t->s[LANG_JA]);
}

static void test_languages(void **state)
{
	const char *path = *state;
	struct lesson *l = load(path);

	want_both(l, &l->title, "title", 0, 1);
	want_both(l, &l->summary, "summary", 0, 1);
	for (size_t i = 0; i < l->nsteps; i++) {
		const struct step *s = &l->steps[i];

		want_both(l, &s->heading, "heading", i, 0);
		want_both(l, &s->body, "text", i, s->kind != STEP_QUIZ);
		if (s->kind == STEP_QUIZ) {
			want_both(l, &s->u.quiz.question, "question", i, 1);
			for (size_t h = 0; h < s->u.quiz.nhints; h++)
				want_both(l, &s->u.quiz.hints[h], "hint", i, 1);
		}
	}
	lesson_free(l);
}

/* ---- macro values stated in text --------------------------------------- */

static int is_macro_name(const char *name)
{
	static const char *const stems[] = { "PAGE_", "PMD_", "PUD_", "P4D_", "PGDIR_",
					     "PTRS_PER_", NULL };
	for (size_t i = 0; stems[i]; i++)
		if (strncmp(name, stems[i], strlen(stems[i])) == 0)
			return 1;
	return 0;
}

/* The arch named last in text[0..at) within the sentence or list item
 * holding at, else def. */
static const struct arch *arch_in_scope(const char *text, const char *at,
					const struct arch *def)
{
	static const char *const names[] = { "x86-64-la57", "x86-32-pae", "x86-64", "x86-32" };
	const char *from = text;

	for (const char *q = at; q > text; q--)
		if ((q[-1] == '\n' && (q[0] == '\n' || q[0] == '-')) ||
		    (q - text >= 2 && q[-2] == '.' && (q[-1] == ' ' || q[-1] == '\n')) ||
		    (q - text >= 3 && memcmp(q - 3, "。", 3) == 0)) {
			from = q;
			break;
		}
	for (const char *q = at - 1; q >= from; q--)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if ((size_t)(at - q) >= strlen(names[i]) &&
			    strncmp(q, names[i], strlen(names[i])) == 0 && q[strlen(names[i])] != '-')
				return arch_by_name(names[i]);
	return def;
}

/* Check one backquoted span; returns 1 when it stated a macro value. */
static int check_span(const struct lesson *l, size_t step, const char *text, const char *span,
		      size_t len)
{
	char buf[160], *eq, *name, *val, *colon;
	const struct arch *a = arch_in_scope(text, span, l->arch);
	uint64_t want, got;
	struct diag ad = { 0 };

	if (len >= sizeof buf)
		return 0;
	memcpy(buf, span, len);
	buf[len] = '\0';
	eq = strstr(buf, " = ");
	if (!eq)
		return 0;
	*eq = '\0';
	name = buf;
	val = eq + 3;
	colon = strstr(buf, ": ");
	if (colon) {
		*colon = '\0';
		a = arch_by_name(buf);
		if (!a)
			return 0;
		name = colon + 2;
	}
	if (!is_macro_name(name) || strchr(name, ' ') || strchr(name, '('))
		return 0;
	if (addr_parse(val, &want, &ad) < 0)
		fail_msg("%s: step %zu: `%.*s`: value: %s", l->path, step, (int)len, span, ad.msg);
	if (arch_macro_value(a, name, &got) < 0)
		fail_msg("%s: step %zu: `%.*s`: the engine knows no macro %s", l->path, step,
			 (int)len, span, name);
	if (got != want)
		fail_msg("%s: step %zu: `%.*s`: the engine computes %s = 0x%llx on %s", l->path,
			 step, (int)len, span, name, (unsigned long long)got, a->name);
	return 1;
}

static size_t check_spans(const struct lesson *l, size_t step, const char *s)
{
	const char *text = s;
	size_t n = 0;

	while (s && (s = strchr(s, '`'))) {
		const char *end = strchr(s + 1, '`');

		if (!end)
			break;
		n += (size_t)check_span(l, step, text, s + 1, (size_t)(end - s - 1));
		s = end + 1;
	}
	return n;
}

static size_t macro_spans_total;

static void test_macro_values(void **state)
{
	const char *path = *state;
	struct lesson *l = load(path);
	size_t en = 0, ja = 0;

	for (size_t i = 0; i < l->nsteps; i++) {
		const struct step *s = &l->steps[i];

		en += check_spans(l, i, s->body.s[LANG_EN]);
		ja += check_spans(l, i, s->body.s[LANG_JA]);
	}
	/* the Japanese text states the same values as the English one */
	if (en != ja)
		fail_msg("%s: %zu macro values in English, %zu in Japanese", l->path, en, ja);
	macro_spans_total += en;
	lesson_free(l);
}

/* ---- quizzes --------------------------------------------------------- */

/* The answer as a learner would type it, from the instance's own fields;
 * perturb != 0 makes it wrong in one place. */
static void typed_answer(const struct quiz_instance *qi, int perturb, char *out, size_t len)
{
	size_t n = 0;

	switch (qi->type) {
	case ANSWER_NUMBER:
		snprintf(out, len, "0x%llx",
			 (unsigned long long)(perturb ? qi->answer ^ 1 : qi->answer));
		return;
	case ANSWER_FIELDS:
		out[0] = '\0';
		for (int lv = 0; lv < LEVEL_COUNT; lv++) {
			if (qi->arch->level[lv].folded)
				continue;
			n += (size_t)snprintf(out + n, len - n, "%u ", qi->fields.index[lv]);
		}
		snprintf(out + n, len - n, "0x%llx",
			 (unsigned long long)(perturb ? qi->fields.offset ^ 1 : qi->fields.offset));
		return;
	case ANSWER_WORD: {
		/* wrong: a route of another branch of do_page_fault (a route of
		 * the same branch is right by its branch's name) */
		enum fault_path p = qi->path;
		while (perturb && fault_path_info(p)->branch == fault_path_info(qi->path)->branch)
			p = (enum fault_path)((p + 1) % FAULT_PATH_COUNT);
		snprintf(out, len, "%s", fault_path_name(p));
		return;
	}
	case ANSWER_BITS:
		pf_names((uint32_t)(perturb ? qi->answer ^ PF_WRITE : qi->answer), out, len);
		return;
	}
	fail_msg("unknown answer type %d", (int)qi->type);
}

static void grade_want(const struct lesson *l, size_t step, uint64_t seed,
		       const struct quiz_instance *qi, const char *typed, enum grade_result want)
{
	struct grade g;

	quiz_grade(qi, typed, &g);
	if (g.result != want)
		fail_msg("%s: step %zu, seed %llu (%s): \"%s\" graded %d, wanted %d: %s", l->path,
			 step, (unsigned long long)seed, text_get(&qi->question, LANG_EN), typed,
			 (int)g.result, (int)want, g.feedback[LANG_EN]);
}

static void test_quizzes(void **state)
{
	const char *path = *state;
	struct lesson *l = load(path);
	size_t nquiz = 0;

	for (size_t i = 0; i < l->nsteps; i++) {
		const struct step *s = &l->steps[i];
		uint64_t first_addr = 0;
		int fresh = 0;

		if (s->kind != STEP_QUIZ)
			continue;
		nquiz++;
		for (uint64_t seed = 1; seed <= SEEDS; seed++) {
			struct quiz_instance qi;
			struct diag d = { 0 };
			char typed[200];

			if (quiz_instance(s, seed, &qi, &d) < 0)
				fail_msg("%s:%d:%d: seed %llu: %s", d.path, d.line, d.col,
					 (unsigned long long)seed, d.msg);
			/* the question names its address, filled in both languages */
			if (strchr(text_get(&qi.question, LANG_EN), '{') ||
			    strchr(text_get(&qi.question, LANG_JA), '{'))
				fail_msg("%s: step %zu: unfilled placeholder in \"%s\"", l->path,
					 i, text_get(&qi.question, LANG_EN));
			/* answer_text is for display ("285 (0x11d)"): not graded */
			if (!qi.answer_text[0])
				fail_msg("%s: step %zu: no answer text", l->path, i);
			typed_answer(&qi, 0, typed, sizeof typed);
			grade_want(l, i, seed, &qi, typed, GRADE_RIGHT);
			typed_answer(&qi, 1, typed, sizeof typed);
			grade_want(l, i, seed, &qi, typed, GRADE_WRONG);
			/* an index answer is the address's own field */
			if (qi.kind == QUIZ_INDEX)
				assert_int_equal(qi.answer, qi.fields.index[qi.level]);
			if (seed == 1)
				first_addr = qi.addr;
			else if (qi.addr != first_addr)
				fresh = 1;
			quiz_instance_clear(&qi);
		}
		/* random quizzes really draw fresh addresses */
		if (!s->u.quiz.fixed_addr && (s->u.quiz.kind != QUIZ_MACRO &&
		    s->u.quiz.kind != QUIZ_ERROR_BITS) && !fresh)
			fail_msg("%s: step %zu: %d seeds gave the same address", l->path, i, SEEDS);
	}
	if (nquiz < 2)
		fail_msg("%s: %zu quizzes; every lesson ends with at least two", l->path, nquiz);
	if (l->steps[l->nsteps - 1].kind != STEP_QUIZ)
		fail_msg("%s: the last step is not a quiz", l->path);
	lesson_free(l);
}

/* ---- structure ------------------------------------------------------- */

static void test_structure(void **state)
{
	const char *path = *state;
	struct lesson *l = load(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	/* NN-short-name.yaml */
	if (!(base[0] >= '0' && base[0] <= '9' && base[1] >= '0' && base[1] <= '9' &&
	      base[2] == '-'))
		fail_msg("%s: name is not NN-short-name.yaml", path);
	/* 5-15 minutes: enough steps to teach, not a wall */
	if (l->nsteps < 8 || l->nsteps > 40)
		fail_msg("%s: %zu steps", path, l->nsteps);
	/* every excerpt is a reference into Linux v6.1 (file, lines, symbol),
	 * never text, and resolves against the installed linux-source-6.1 */
	for (size_t i = 0; i < l->nexcerpts; i++) {
		const struct excerpt *e = &l->excerpts[i];

		if (!e->file || !e->file[0] || !e->version || strcmp(e->version, "v6.1") ||
		    !e->symbol || !e->symbol[0] || e->first_line == 0 || e->last_line < e->first_line)
			fail_msg("%s: excerpt %s: file, v6.1, lines and symbol required", path,
				 e->id ? e->id : "(inline)");
		if (e->nlines || e->lines)
			fail_msg("%s: excerpt %s holds text before it is resolved", path,
				 e->id ? e->id : "(inline)");
	}
	if (l->nexcerpts) {
		struct diag d;
		int rc = lesson_excerpts_resolve(l, &d);
		char msg[1200];

		diag_format(&d, msg, sizeof msg);
		if (rc == 1)
			fail_msg("%s: linux-source-6.1 is not installed (make check installs it)", path);
		if (rc != 0)
			fail_msg("%s", msg);
		for (size_t i = 0; i < l->nexcerpts; i++) {
			const struct excerpt *e = &l->excerpts[i];
			bool has = false;
			if (e->nlines != e->last_line - e->first_line + 1)
				fail_msg("%s: excerpt %s: %zu lines resolved", path, e->id, e->nlines);
			for (size_t k = 0; k < e->nlines; k++)
				has |= strstr(e->lines[k], e->symbol) != NULL;
			if (!has)
				fail_msg("%s: excerpt %s: %s not in its lines", path, e->id, e->symbol);
		}
	}
	lesson_free(l);
}

static void test_course(void **state)
{
	static const char *const want[] = { "01-", "02-", "03-", "04-", "05-", "06-",
					    "07-", "08-", "09-", NULL };
	(void)state;
	for (size_t i = 0; want[i]; i++) {
		int found = 0;

		for (size_t j = 0; j < npaths; j++) {
			const char *b = strrchr(paths[j], '/') + 1;

			if (strncmp(b, want[i], 3) == 0)
				found = 1;
		}
		if (!found)
			fail_msg("no lesson %s* in %s", want[i], lesson_dir);
	}
}

static void test_macro_count(void **state)
{
	(void)state;
	/* the course states macro values in several lessons (checked above) */
	if (macro_spans_total < 30)
		fail_msg("only %zu macro values checked", macro_spans_total);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	static struct CMUnitTest tests[4 * MAX_LESSONS + 2];
	static char names[4 * MAX_LESSONS][96];
	const char *root = getenv("PAGEWALK_ROOT");
	struct dirent *de;
	size_t nt = 0;
	DIR *dir;

	snprintf(lesson_dir, sizeof lesson_dir, "%s%slessons", root ? root : "",
		 root ? "/" : "");
	dir = opendir(lesson_dir);
	if (!dir) {
		printf("not ok - cannot open %s\n", lesson_dir);
		return 1;
	}
	while ((de = readdir(dir)) && npaths < MAX_LESSONS) {
		size_t n = strlen(de->d_name);

		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		paths[npaths] = malloc(strlen(lesson_dir) + n + 2);
		if (!paths[npaths])
			return 1;
		sprintf(paths[npaths], "%s/%s", lesson_dir, de->d_name);
		npaths++;
	}
	closedir(dir);
	qsort(paths, npaths, sizeof paths[0], by_name);

	tests[nt++] = (struct CMUnitTest){ "curriculum has lessons 01..09", test_course,
					  NULL, NULL, NULL };
	for (size_t i = 0; i < npaths; i++) {
		static const struct { const char *what; CMUnitTestFunction f; } checks[] = {
			{ "structure", test_structure },
			{ "en+ja", test_languages },
			{ "macro values", test_macro_values },
			{ "quizzes seeds 1-50", test_quizzes },
		};
		for (size_t c = 0; c < 4; c++) {
			char *nm = names[4 * i + c];

			snprintf(nm, sizeof names[0], "%s: %s", strrchr(paths[i], '/') + 1,
				 checks[c].what);
			tests[nt++] = (struct CMUnitTest){ nm, checks[c].f, NULL, NULL, paths[i] };
		}
	}
	tests[nt++] = (struct CMUnitTest){ "curriculum states >= 30 checked macro values",
					  test_macro_count, NULL, NULL, NULL };
	return _cmocka_run_group_tests("curriculum", tests, nt, NULL, NULL);
}
