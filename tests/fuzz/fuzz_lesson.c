/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_lesson.c - libFuzzer harness for the lesson loader.
 *
 * Input: a lesson file's bytes. lesson_load_buffer() either rejects it with
 * a located, terminal-safe message, or returns a model whose every string
 * is terminal-safe; quizzes in it are instantiated (two seeds) and graded
 * against their own answer and a fixed wrong one.
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "lesson/lesson.h"
#include "lesson/quiz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_quiz(const struct step *s)
{
	for (uint64_t seed = 1; seed <= 2; seed++) {
		struct quiz_instance qi;
		struct grade g;
		struct diag d = { 0 };

		memset(&qi, 0, sizeof qi);
		if (quiz_instance(s, seed, &qi, &d) != 0) {
			fuzz_check_diag(&d);
			quiz_instance_clear(&qi);
			continue;
		}
		fuzz_safe_text("quiz question", &qi.question, 1);
		for (size_t h = 0; h < qi.nhints; h++)
			fuzz_safe_text("quiz hint", &qi.hints[h], 1);
		if (qi.type == ANSWER_NUMBER) {
			char typed[32];
			snprintf(typed, sizeof typed, "0x%llx", (unsigned long long)qi.answer);
			quiz_grade(&qi, typed, &g);
			if (g.result != GRADE_RIGHT) {
				fprintf(stderr, "fuzz: quiz's own answer %s graded wrong\n", typed);
				abort();
			}
		}
		fuzz_safe("answer text", qi.answer_text, 0);
		quiz_grade(&qi, "0x12 3 zz", &g);
		for (int i = 0; i < LANG_COUNT; i++)
			fuzz_safe("grade feedback", g.feedback[i], 1);
		quiz_instance_clear(&qi);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 };
	struct lesson *l = lesson_load_buffer("fuzz.yaml", (const char *)data, size, &d);

	if (!l) {
		fuzz_check_diag(&d);
		return 0;
	}
	fuzz_safe_text("title", &l->title, 0);
	fuzz_safe_text("summary", &l->summary, 0);
	for (size_t i = 0; i < l->nexcerpts; i++) {
		const struct excerpt *e = &l->excerpts[i];
		fuzz_safe("excerpt file", e->file, 0);
		fuzz_safe("excerpt version", e->version, 0);
		for (size_t k = 0; k < e->nlines; k++)
			fuzz_safe("code line", e->lines[k], 0);
	}
	for (size_t i = 0; i < l->nsteps; i++) {
		const struct step *s = &l->steps[i];
		fuzz_safe_text("heading", &s->heading, 0);
		fuzz_safe_text("body", &s->body, 1);
		if (s->kind == STEP_QUIZ) {
			for (size_t h = 0; h < s->u.quiz.nhints; h++)
				fuzz_safe_text("hint", &s->u.quiz.hints[h], 1);
			check_quiz(s);
		}
	}
	lesson_free(l);
	return 0;
}
