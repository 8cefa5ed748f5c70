/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_grade.c - re-grade a lab result with the engine (see lab.h): every
 * question instantiated again from the recorded seed, every recorded answer
 * graded again, the result compared with its journal; what does not
 * reproduce is flagged, what a teacher should know (a retake, a resumed
 * lab) is noted. */
#include "lab_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void add(char (*arr)[LAB_FLAG_LEN], size_t max, size_t *n, const char *fmt,
		va_list ap) __attribute__((format(printf, 4, 0)));
static void add(char (*arr)[LAB_FLAG_LEN], size_t max, size_t *n, const char *fmt,
		va_list ap)
{
	if (*n == max)
		return;
	vsnprintf(arr[(*n)++], LAB_FLAG_LEN, fmt, ap);
}

void lab_check_flag(struct lab_check *c, const char *fmt, ...)
{
	va_list ap;

	c->nflags_all++;
	va_start(ap, fmt);
	add(c->flag, LAB_CHECK_MAX_FLAGS, &c->nflags, fmt, ap);
	va_end(ap);
}

void lab_check_note(struct lab_check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(c->note, LAB_CHECK_MAX_NOTES, &c->nnotes, fmt, ap);
	va_end(ap);
}

/* Re-grade the recorded attempts of rq against qi; k is the 1-based
 * question number for messages. Returns the question's state. */
static enum lab_qstate regrade_attempts(const struct quiz_instance *qi,
					const struct lab_rquestion *rq, size_t k,
					struct lab_check *c)
{
	bool right = false, edited = false;
	char expect[LAB_ANSWER_MAX + 1];
	struct grade g;

	if (rq->nattempt > LAB_TRIES) {
		lab_check_flag(c, "question %zu: %zu attempts, only %d allowed", k, rq->nattempt,
			       LAB_TRIES);
		edited = true;
	}
	if (rq->tries != rq->nattempt) {
		lab_check_flag(c, "question %zu: \"tries\" is %llu but %zu attempts are recorded",
			       k, (unsigned long long)rq->tries, rq->nattempt);
		edited = true;
	}
	quiz_answer_typed(qi, expect, sizeof expect);
	if (rq->expected && strcmp(rq->expected, expect) != 0) {
		lab_check_flag(c, "question %zu: \"expected\" is not the engine's answer", k);
		edited = true;
	}
	for (size_t i = 0; i < rq->nattempt && i < LAB_TRIES; i++) {
		const struct lab_rattempt *a = &rq->attempt[i];
		quiz_grade(qi, a->answer, &g);
		if (right) {
			lab_check_flag(c, "question %zu: an attempt after the right answer", k);
			edited = true;
		}
		if ((g.result != GRADE_RIGHT && g.result != GRADE_WRONG) ||
		    (g.result == GRADE_RIGHT) != a->right) {
			lab_check_flag(c, "question %zu: attempt %zu is recorded as %s, the engine "
				       "grades it %s", k, i + 1, a->right ? "right" : "wrong",
				       g.result == GRADE_RIGHT ? "right" :
				       g.result == GRADE_WRONG ? "wrong" : "unreadable");
			edited = true;
		}
		right = right || g.result == GRADE_RIGHT;
	}
	if (rq->right != right) {
		lab_check_flag(c, "question %zu: recorded as %s, the engine grades it %s", k,
			       rq->right ? "right" : "wrong", right ? "right" : "wrong");
		edited = true;
	}
	if (edited)
		return LABQ_EDITED;
	if (right)
		return LABQ_RIGHT;
	return rq->nattempt >= LAB_TRIES ? LABQ_WRONG : rq->nattempt ? LABQ_WRONG_SO_FAR
								      : LABQ_OPEN;
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
		lab_check_flag(c, "question %zu: recorded as step %llu (%s), the lesson has step "
			       "%zu (%s)", k + 1, (unsigned long long)rq->step, rq->kind, s + 1,
			       quiz_kind_name(l->steps[s].u.quiz.kind));
		c->qstate[k] = LABQ_EDITED;
		return 0;
	}
	if (quiz_instance(&l->steps[s], lab_question_seed(r->seed, s), &qi, d) < 0)
		return -1;
	if (strcmp(text_get(&qi.question, LANG_EN), rq->prompt) != 0) {
		lab_check_flag(c, "question %zu: the prompt is not the one seed %llu gives", k + 1,
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
	uint64_t ms = 0;

	if (lab_file_hash(l->path, hash, NULL) == 0 && strcmp(hash, r->lesson_hash) != 0) {
		lab_check_flag(c, "the lesson file changed since the lab (%s, now %s)",
			       r->lesson_hash, hash);
		c->lesson_changed = true;
	}
	base = strrchr(r->path, '/');
	base = base ? base + 1 : r->path;
	if (strncmp(base, r->student, strlen(r->student)) != 0 ||
	    (strcmp(base + strlen(r->student), ".json") != 0 &&
	     strcmp(base + strlen(r->student), ".journal") != 0))
		lab_check_flag(c, "the file name is not the student id's (%s.json)", r->student);
	if (strcmp(r->lesson, l->name) != 0)
		lab_check_flag(c, "the result is for lesson %s, not %s", r->lesson, l->name);
	if (!r->seed_given && r->seed != lab_session_seed(r->student, r->nonce))
		lab_check_flag(c, "seed %llu is not the one of student %s's session (%llu)",
			       (unsigned long long)r->seed, r->student,
			       (unsigned long long)lab_session_seed(r->student, r->nonce));
	if (r->tries_allowed != LAB_TRIES)
		lab_check_flag(c, "tries_allowed is %llu, labs allow %d",
			       (unsigned long long)r->tries_allowed, LAB_TRIES);
	for (size_t i = 0; i < r->nq; i++)
		ms += r->q[i].ms;
	if (ms != r->ms)
		lab_check_flag(c, "\"ms\" is %llu, the questions' add up to %llu",
			       (unsigned long long)r->ms, (unsigned long long)ms);
	for (size_t i = 0; i < r->nq; i++)
		for (size_t k = 0; k < r->q[i].nattempt; k++) {
			const char *at = r->q[i].attempt[k].at;
			/* the same fixed form: strings compare as times */
			if (strcmp(at, r->started) < 0 || (r->handed_in[0] &&
							   strcmp(at, r->handed_in) > 0)) {
				lab_check_flag(c, "question %zu: attempt %zu at %s is outside the "
					       "session (%s to %s)", i + 1, k + 1, at, r->started,
					       r->handed_in[0] ? r->handed_in : "now");
				return;
			}
		}
}

/* The result's attempts against the journal's tries of its session. */
static void check_tries(const struct lab_result *r, const struct lab_jsession *s,
			const char *jpath, struct lab_check *c)
{
	size_t *seen = calloc(r->nq ? r->nq : 1, sizeof *seen);
	bool *bad = calloc(r->nq ? r->nq : 1, sizeof *bad);

	if (!seen || !bad) {
		lab_check_flag(c, "out of memory comparing with the journal");
		goto out;
	}
	for (size_t i = 0; i < s->ntries; i++) {
		const struct lab_jtry *t = &s->tries[i];
		size_t q = (size_t)t->question - 1, n;
		const struct lab_rattempt *a;
		if (q >= r->nq) {
			lab_check_flag(c, "%s:%d: a try at question %llu, which the result does not "
				       "have", jpath, t->line, (unsigned long long)t->question);
			continue;
		}
		n = seen[q]++;
		a = n < r->q[q].nattempt ? &r->q[q].attempt[n] : NULL;
		if (!bad[q] && (!a || strcmp(a->answer, t->answer) != 0 || a->right != t->right ||
				a->ms != t->ms || strcmp(a->at, t->at) != 0)) {
			lab_check_flag(c, "question %zu: attempt %zu is not the one the journal "
				       "recorded (%s:%d)", q + 1, n + 1, jpath, t->line);
			bad[q] = true;
		}
	}
	for (size_t q = 0; q < r->nq; q++)
		if (!bad[q] && seen[q] != r->q[q].nattempt)
			lab_check_flag(c, "question %zu: %zu attempts recorded, the journal has %zu",
				       q + 1, r->q[q].nattempt, seen[q]);
out:
	free(seen);
	free(bad);
}

/* The result against its journal j (NULL: none beside it). */
static void check_journal(const struct lab_result *r, const struct lab_jfile *j,
			  struct lab_check *c)
{
	const struct lab_jsession *s;
	size_t earlier = 0;

	c->retake = r->session > 1;
	if (r->resumed)
		lab_check_note(c, "resumed %llu time(s) after an interruption",
			       (unsigned long long)r->resumed);
	if (!j) {
		lab_check_note(c, "no journal beside it (%s.journal): retakes and the tries "
			       "cannot be checked", r->student);
		if (c->retake)
			lab_check_note(c, "retake: session %llu", (unsigned long long)r->session);
		return;
	}
	if (r->session > j->ns) {
		lab_check_flag(c, "session %llu, but the journal has %zu",
			       (unsigned long long)r->session, j->ns);
		return;
	}
	s = &j->s[r->session - 1];
	if (strcmp(s->student, r->student) != 0 || strcmp(s->lesson, r->lesson) != 0 ||
	    strcmp(s->lesson_hash, r->lesson_hash) != 0 || s->seed != r->seed ||
	    s->seed_given != r->seed_given || strcmp(s->nonce, r->nonce) != 0 ||
	    strcmp(s->name, r->name) != 0 || strcmp(s->started, r->started) != 0)
		lab_check_flag(c, "its session is not the one the journal started at line %d "
			       "(student, name, lesson, seed, nonce or start time differ)", s->line);
	if (!r->from_journal) {
		if (!s->handed_in)
			lab_check_flag(c, "the journal has no hand-in of session %u", s->session);
		else if (strcmp(s->handed_in_at, r->handed_in) != 0 || s->score != r->score)
			lab_check_flag(c, "handed in at %s with %llu right, the journal says %s "
				       "with %llu", r->handed_in, (unsigned long long)r->score,
				       s->handed_in_at, (unsigned long long)s->score);
	}
	if (s->resumed != r->resumed)
		lab_check_flag(c, "resumed %llu time(s), the journal says %u",
			       (unsigned long long)r->resumed, s->resumed);
	check_tries(r, s, j->path, c);
	for (size_t i = r->session; i < j->ns; i++) {
		if (j->s[i].handed_in)
			lab_check_flag(c, "a later session (%u) was handed in at %s: this result "
				       "is not the last", j->s[i].session, j->s[i].handed_in_at);
		else if (!r->from_journal)
			lab_check_note(c, "a retake (session %u) was started at %s and not handed "
				       "in", j->s[i].session, j->s[i].started);
	}
	for (size_t i = 0; i + 1 < r->session; i++)
		earlier += j->s[i].handed_in;
	if (c->retake)
		lab_check_note(c, "retake: session %llu; before it %zu handed in, %llu "
			       "abandoned (the first began %s)", (unsigned long long)r->session,
			       earlier, (unsigned long long)(r->session - 1 - earlier),
			       j->s[0].started);
}

int lab_regrade(const struct lesson *l, const struct lab_result *r, const struct lab_jfile *j,
		struct lab_check *c, struct diag *d)
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
	c->open = r->from_journal && !r->handed_in[0];
	check_header(l, r, c);
	if (r->nq != nquiz)
		lab_check_flag(c, "questions recorded: %zu, the lesson has %zu", r->nq, nquiz);
	for (size_t s = 0; s < l->nsteps; s++) {
		if (l->steps[s].kind != STEP_QUIZ)
			continue;
		if (regrade_one(l, s, r, k, c, d) < 0)
			goto fail;
		c->score += c->qstate[k] == LABQ_RIGHT;
		k++;
	}
	if (r->score != c->score || r->max != c->max)
		lab_check_flag(c, "recorded score %llu/%llu, the engine's %zu/%zu",
			       (unsigned long long)r->score, (unsigned long long)r->max, c->score,
			       c->max);
	check_journal(r, j, c);
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
