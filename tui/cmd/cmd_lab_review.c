/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_lab_review.c - `pagewalk lab --review FILE [--lesson L]`: a graded
 * lab result shown to its student again, as plain text: each question as
 * the engine makes it from the recorded seed (in the chosen language),
 * the answers given with the engine's word on each, and the worked
 * solution (quiz_solution). The grading is the engine's (lab_regrade),
 * with its journal when one lies beside the file; what does not reproduce
 * is said first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cmd/cmd.h"
#include "cmd_lab_int.h"

/* The journal beside a result FILE.json (NULL when none or unreadable). */
static struct lab_jfile *journal_of(const char *file)
{
	size_t n = strlen(file);
	char *p = malloc(n + 9);
	struct lab_jfile *j = NULL;
	struct diag d;

	if (!p)
		return NULL;
	memcpy(p, file, n + 1);
	if (n > 5 && strcmp(p + n - 5, ".json") == 0)
		p[n - 5] = '\0';
	strcat(p, ".journal");
	j = lab_journal_load(p, &d);
	free(p);
	return j;
}

/* Print text indented by ind spaces on every line. */
static void indented(const char *text, int ind)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		printf("%*s%.*s\n", ind, "", (int)n, text);
		text += n;
		if (*text == '\n')
			text++;
	}
}

static const char *state_word(enum lab_qstate s, int tries, bool ja)
{
	static char buf[64];

	switch (s) {
	case LABQ_RIGHT:
		snprintf(buf, sizeof buf, ja ? "%d 回目で正解" : "right at try %d", tries);
		return buf;
	case LABQ_WRONG: return ja ? "不正解" : "wrong";
	case LABQ_WRONG_SO_FAR: return ja ? "不正解 (1 回残して提出)" : "wrong (a try left unused)";
	case LABQ_OPEN: return ja ? "未解答" : "not answered";
	default: return ja ? "記録が再現しない (数えません)" : "does not reproduce (not counted)";
	}
}

/* One question k (lesson step s) of r. */
static int review_one(const struct lesson *l, size_t s, const struct lab_result *r, size_t k,
		      const struct lab_check *c, enum lang lang)
{
	bool ja = lang == LANG_JA;
	struct quiz_instance qi;
	char sol[2048];
	struct diag d;

	if (quiz_instance(&l->steps[s], lab_question_seed(r->seed, s), &qi, &d) < 0) {
		cmd_print_diag(&d);
		return -1;
	}
	printf("\n%s %zu / %zu (%s): %s\n", ja ? "問題" : "Question", k + 1, c->nq,
	       quiz_kind_title(qi.kind, lang), state_word(c->qstate[k], c->qtries[k], ja));
	indented(text_get(&qi.question, lang), 2);
	if (k < r->nq && r->q[k].nattempt) {
		printf("  %s\n", ja ? "あなたの答え:" : "Your answers:");
		for (size_t a = 0; a < r->q[k].nattempt; a++) {
			struct grade g;
			quiz_grade(&qi, r->q[k].attempt[a].answer, &g);
			printf("    %zu. %s: %s\n", a + 1, r->q[k].attempt[a].answer,
			       g.result == GRADE_RIGHT ? (ja ? "正解" : "right") :
			       g.feedback[lang]);
		}
	} else {
		printf("  %s\n", ja ? "あなたの答え: (なし)" : "Your answers: (none)");
	}
	quiz_solution(&qi, lang, sol, sizeof sol);
	printf("  %s %s\n", ja ? "正解:" : "Answer:", qi.answer_text);
	if (sol[0]) {
		printf("  %s\n", ja ? "解き方:" : "Worked solution:");
		indented(sol, 4);
	}
	quiz_instance_clear(&qi);
	return 0;
}

int cmd_lab_review(const struct globals *g, const char *file, const char *lesson)
{
	struct lab_result *r = NULL;
	struct lab_jfile *j = NULL;
	struct lesson *l = NULL;
	struct lab_check c = { 0 };
	char lpath[1024];
	struct diag d;
	bool ja = g->lang == LANG_JA;
	int rc = EXIT_BADINPUT;
	size_t k = 0;

	if (!(r = lab_result_load(file, &d)) ||
	    catalog_lesson_find(lesson ? lesson : r->lesson, lpath, sizeof lpath, &d) < 0 ||
	    !(l = lesson_load(lpath, &d))) {
		cmd_print_diag(&d);
		goto out;
	}
	j = journal_of(file);
	if (lab_regrade(l, r, j, &c, &d) < 0) {
		cmd_print_diag(&d);
		goto out;
	}
	printf(ja ? "ラボの復習: %s (%s)、学生 %s%s%s%s、シード %llu\n"
		  : "Lab review: %s (%s), student %s%s%s%s, seed %llu\n", l->name,
	       text_get(&l->title, g->lang), r->student, r->name[0] ? " (" : "", r->name,
	       r->name[0] ? ")" : "", (unsigned long long)r->seed);
	printf(ja ? "%s 提出: %zu / %zu 問正解 (エンジンの採点)\n"
		  : "Handed in %s: %zu of %zu right (the engine's grading)\n", r->handed_in,
	       c.score, c.max);
	for (size_t f = 0; f < c.nflags; f++)
		printf(ja ? "注意: この結果は再現しません: %s\n"
			  : "Note: this result does not reproduce: %s\n", c.flag[f]);
	for (size_t s = 0; s < l->nsteps; s++) {
		if (l->steps[s].kind != STEP_QUIZ)
			continue;
		if (review_one(l, s, r, k++, &c, g->lang) < 0)
			goto out;
	}
	rc = cmd_finish_stdout();
out:
	lab_check_clear(&c);
	lab_jfile_free(j);
	lab_result_free(r);
	lesson_free(l);
	return rc;
}
