/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_grade.c - re-grade a lab result with the engine (see lab.h): every
 * question instantiated again from the recorded seed, every recorded answer
 * graded again; what does not reproduce is flagged. */
#include "lesson/lab.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void flag(struct lab_check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void flag(struct lab_check *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nflags == LAB_CHECK_MAX_FLAGS)
		return;
	va_start(ap, fmt);
	vsnprintf(c->flag[c->nflags++], sizeof c->flag[0], fmt, ap);
	va_end(ap);
}

/* Re-grade the recorded attempts of rq against qi; k is the 1-based
 * question number for messages. Returns the question's state. */
static enum lab_qstate regrade_attempts(const struct quiz_instance *qi,
					const struct lab_rquestion *rq, size_t k,
					struct lab_check *c)
{
	bool right = false, edited = false;
	struct grade g;

	if (rq->nattempt > LAB_TRIES) {
		flag(c, "question %zu: %zu attempts, only %d allowed", k, rq->nattempt, LAB_TRIES);
		edited = true;
	}
	if (rq->tries != rq->nattempt) {
		flag(c, "question %zu: \"tries\" is %llu but %zu attempts are recorded", k,
		     (unsigned long long)rq->tries, rq->nattempt);
		edited = true;
	}
	for (size_t i = 0; i < rq->nattempt && i < LAB_TRIES; i++) {
		const struct lab_rattempt *a = &rq->attempt[i];
		quiz_grade(qi, a->answer, &g);
		if (right) {
			flag(c, "question %zu: an attempt after the right answer", k);
			edited = true;
		}
		if (g.result == GRADE_UNPARSED || (g.result == GRADE_RIGHT) != a->right) {
			flag(c, "question %zu: attempt %zu is recorded as %s, the engine grades it %s",
			     k, i + 1, a->right ? "right" : "wrong",
			     g.result == GRADE_RIGHT ? "right" :
			     g.result == GRADE_WRONG ? "wrong" : "unreadable");
			edited = true;
		}
		right = right || g.result == GRADE_RIGHT;
	}
	if (rq->right != right) {
		flag(c, "question %zu: recorded as %s, the engine grades it %s", k,
		     rq->right ? "right" : "wrong", right ? "right" : "wrong");
		edited = true;
	}
	if (edited)
		return LABQ_EDITED;
	return right ? LABQ_RIGHT : rq->nattempt >= LAB_TRIES ? LABQ_WRONG : LABQ_OPEN;
}

/* Question k (0-based) of the lesson's quiz steps, at lesson step s. */
static int regrade_one(const struct lesson *l, size_t s, const struct lab_result *r,
		       size_t k, struct lab_check *c, struct diag *d)
{
	const struct lab_rquestion *rq = k < r->nq ? &r->q[k] : NULL;
	struct quiz_instance qi;

	c->qtries[k] = rq ? (int)rq->nattempt : 0;
	if (!rq) {
		c->qstate[k] = LABQ_OPEN;
		return 0;
	}
	if (rq->step != s + 1 || strcmp(rq->kind, quiz_kind_name(l->steps[s].u.quiz.kind)) != 0) {
		flag(c, "question %zu: recorded as step %llu (%s), the lesson has step %zu (%s)",
		     k + 1, (unsigned long long)rq->step, rq->kind, s + 1,
		     quiz_kind_name(l->steps[s].u.quiz.kind));
		c->qstate[k] = LABQ_EDITED;
		return 0;
	}
	if (quiz_instance(&l->steps[s], lab_question_seed(r->seed, s), &qi, d) < 0)
		return -1;
	if (strcmp(text_get(&qi.question, LANG_EN), rq->prompt) != 0) {
		flag(c, "question %zu: the prompt is not the one seed %llu gives", k + 1,
		     (unsigned long long)r->seed);
		c->qstate[k] = LABQ_EDITED;
	} else {
		c->qstate[k] = regrade_attempts(&qi, rq, k + 1, c);
	}
	quiz_instance_clear(&qi);
	return 0;
}

static void check_header(const struct lesson *l, const struct lab_result *r,
			 struct lab_check *c)
{
	char hash[32];
	const char *base;

	if (lab_file_hash(l->path, hash, NULL) == 0 && strcmp(hash, r->lesson_hash) != 0) {
		flag(c, "the lesson file changed since the lab (%s, now %s)", r->lesson_hash, hash);
		c->lesson_changed = true;
	}
	base = strrchr(r->path, '/');
	base = base ? base + 1 : r->path;
	if (strncmp(base, r->student, strlen(r->student)) != 0 ||
	    strcmp(base + strlen(r->student), ".json") != 0)
		flag(c, "the file name is not the student id's (%s.json)", r->student);
	if (strcmp(r->lesson, l->name) != 0)
		flag(c, "the result is for lesson %s, not %s", r->lesson, l->name);
	if (!r->seed_given && r->seed != lab_default_seed(r->student))
		flag(c, "seed %llu is not the one of student %s (%llu)",
		     (unsigned long long)r->seed, r->student,
		     (unsigned long long)lab_default_seed(r->student));
	if (r->tries_allowed != LAB_TRIES)
		flag(c, "tries_allowed is %llu, labs allow %d", (unsigned long long)r->tries_allowed,
		     LAB_TRIES);
}

int lab_regrade(const struct lesson *l, const struct lab_result *r, struct lab_check *c,
		struct diag *d)
{
	size_t nquiz = 0, k = 0;

	memset(c, 0, sizeof *c);
	for (size_t s = 0; s < l->nsteps; s++)
		nquiz += l->steps[s].kind == STEP_QUIZ;
	c->qstate = calloc(nquiz ? nquiz : 1, sizeof *c->qstate);
	c->qtries = calloc(nquiz ? nquiz : 1, sizeof *c->qtries);
	if (!c->qstate || !c->qtries) {
		diag_set(d, r->path, 0, 0, "out of memory");
		goto fail;
	}
	c->nq = nquiz;
	c->max = nquiz;
	check_header(l, r, c);
	if (r->nq != nquiz)
		flag(c, "%zu questions recorded, the lesson has %zu", r->nq, nquiz);
	for (size_t s = 0; s < l->nsteps; s++) {
		if (l->steps[s].kind != STEP_QUIZ)
			continue;
		if (regrade_one(l, s, r, k, c, d) < 0)
			goto fail;
		c->score += c->qstate[k] == LABQ_RIGHT;
		k++;
	}
	if (r->score != c->score || r->max != c->max)
		flag(c, "recorded score %llu/%llu, the engine's %zu/%zu",
		     (unsigned long long)r->score, (unsigned long long)r->max, c->score, c->max);
	return 0;
fail:
	lab_check_clear(c);
	return -1;
}

void lab_check_clear(struct lab_check *c)
{
	free(c->qstate);
	free(c->qtries);
	c->qstate = NULL;
	c->qtries = NULL;
	c->nq = 0;
}
