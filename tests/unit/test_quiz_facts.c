/* SPDX-License-Identifier: GPL-2.0-only */
/* test_quiz_facts.c - every shipped quiz states what its answer depends on,
 * and grades as the lesson teaches.
 *
 * For every quiz step of lessons/NN-*.yaml and seeds 1..50, quiz_facts()
 * lists the inputs the engine used (arch, address, level, macro, error code,
 * the table an entry is read from, the page's frame, access, mode, whether
 * the page is present, the vmas); each must be visible in the rendered
 * question or hints, in English and in Japanese: a number by its value in
 * any spelling, a word literally. The lesson's own arch is a premise and may
 * stay unstated when it is the quiz's only arch. Then: a kernel-address
 * fault that vmalloc_fault does not take is graded right for
 * `bad_area_nosemaphore`, the label lesson 07 shows it jumping to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>
#include <cmocka.h>

#include "lesson/lesson.h"
#include "lesson/quiz.h"

#define SEEDS 50

/* Does text hold the number v (decimal or 0x hex, '_' allowed)? */
static int has_number(const char *t, uint64_t v)
{
	for (const char *p = t; *p; p++) {
		char buf[40];
		size_t n = 0;
		if (!(*p >= '0' && *p <= '9') || (p > t && (p[-1] == '_' ||
		    (p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'))))
			continue;
		while ((p[n] >= '0' && p[n] <= '9') || (p[n] >= 'a' && p[n] <= 'f') ||
		       (p[n] >= 'A' && p[n] <= 'F') || p[n] == 'x' || p[n] == 'X' || p[n] == '_') {
			n++;
		}
		size_t k = 0;
		for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
			if (p[i] != '_')
				buf[k++] = p[i];
		buf[k] = '\0';
		if (strtoull(buf, NULL, 0) == v)
			return 1;
		p += n ? n - 1 : 0;
	}
	return 0;
}

/* What the learner sees before asking for a hint: the question alone.
 * Hints help; they never hold what the answer depends on. */
static void visible(const struct quiz_instance *qi, enum lang l, char *buf, size_t len)
{
	snprintf(buf, len, "%s\n", text_get(&qi->question, l));
}

static int stated(const struct quiz_fact *f, const char *vis, enum lang l)
{
	if (f->kind == FACT_NUMBER)
		return has_number(vis, f->num);
	for (int i = 0; i < 3 && f->words[l][i]; i++)
		if (strstr(vis, f->words[l][i]))
			return 1;
	return 0;
}

static void test_facts_on_screen(void **state)
{
	glob_t g;
	size_t quizzes = 0, checked = 0;

	(void)state;
	assert_int_equal(glob("lessons/[0-9][0-9]-*.yaml", 0, NULL, &g), 0);
	for (size_t f = 0; f < g.gl_pathc; f++) {
		struct diag d = { 0 };
		struct lesson *l = lesson_load(g.gl_pathv[f], &d);
		if (!l)
			fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
		for (size_t s = 0; s < l->nsteps; s++) {
			if (l->steps[s].kind != STEP_QUIZ)
				continue;
			quizzes++;
			for (uint64_t seed = 1; seed <= SEEDS; seed++) {
				struct quiz_instance qi;
				struct quiz_fact facts[QUIZ_MAX_FACTS];
				char vis[8192];
				assert_int_equal(quiz_instance(&l->steps[s], seed, &qi, &d), 0);
				size_t n = quiz_facts(&qi, facts);
				for (int lang = 0; lang < LANG_COUNT; lang++) {
					visible(&qi, (enum lang)lang, vis, sizeof vis);
					for (size_t i = 0; i < n; i++) {
						if (facts[i].premise && qi.arch == l->arch)
							continue;
						checked++;
						if (!stated(&facts[i], vis, (enum lang)lang))
							fail_msg("%s:%d: quiz (step %zu, seed %llu, %s) does "
								 "not state its %s:\n%s", l->path,
								 l->steps[s].line, s + 1,
								 (unsigned long long)seed,
								 lang_code((enum lang)lang), facts[i].name, vis);
					}
				}
				quiz_instance_clear(&qi);
			}
		}
		lesson_free(l);
	}
	globfree(&g);
	print_message("%zu quizzes, %zu facts checked on screen\n", quizzes, checked);
	assert_true(quizzes >= 30);
	assert_true(checked > quizzes * SEEDS);
}

/* Lesson 07's kernel-address fault-path quiz: the step's code shows
 * `goto bad_area_nosemaphore` for every kernel-address fault that is not a
 * vmalloc fault; that label is graded right, and so is the final route. */
static void test_kernel_fault_grades_as_taught(void **state)
{
	struct diag d = { 0 };
	glob_t g;
	struct lesson *l;
	size_t seen = 0, vmalloc = 0;

	(void)state;
	assert_int_equal(glob("lessons/07-*.yaml", 0, NULL, &g), 0);
	l = lesson_load(g.gl_pathv[0], &d);
	globfree(&g);
	assert_non_null(l);
	for (size_t s = 0; s < l->nsteps; s++) {
		const struct step *st = &l->steps[s];
		if (st->kind != STEP_QUIZ || st->u.quiz.kind != QUIZ_FAULT_PATH ||
		    !st->u.quiz.random.kernel)
			continue;
		for (uint64_t seed = 1; seed <= SEEDS; seed++) {
			struct quiz_instance qi;
			struct grade gr;
			assert_int_equal(quiz_instance(st, seed, &qi, &d), 0);
			quiz_grade(&qi, "bad_area_nosemaphore", &gr);
			if (qi.path == FAULT_VMALLOC_SYNC) {
				assert_int_not_equal(gr.result, GRADE_RIGHT);
				vmalloc++;
			} else {
				assert_int_equal(gr.result, GRADE_RIGHT);
				quiz_grade(&qi, "bad_area", &gr);
				assert_int_equal(gr.result, GRADE_RIGHT);
				quiz_grade(&qi, qi.path == FAULT_OOPS ? "no_context" : "sigsegv", &gr);
				assert_int_equal(gr.result, GRADE_RIGHT);
				quiz_grade(&qi, "handle_mm_fault", &gr);
				assert_int_equal(gr.result, GRADE_WRONG);
				seen++;
			}
			quiz_instance_clear(&qi);
		}
	}
	lesson_free(l);
	assert_true(seen > 0);
	assert_true(vmalloc > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facts_on_screen),
		cmocka_unit_test(test_kernel_fault_grades_as_taught),
	};
	const char *root = getenv("PAGEWALK_ROOT");

	if (root && chdir(root) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
