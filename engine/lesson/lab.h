/* SPDX-License-Identifier: GPL-2.0-only */
/* lab.h - graded lab mode: a lesson's quizzes as a test, its result file,
 * and re-grading a result with the engine.
 *
 * A lab is every quiz step of a lesson, instantiated for one seed
 * (quiz_instance with lab_question_seed(seed, step)). The seed defaults to
 * lab_default_seed(student): a stable hash of the student id, so each
 * student gets other addresses and the same student the same ones. Each
 * question allows LAB_TRIES wrong answers; lab_answer() records every
 * graded try with its time. Answers the engine cannot read (GRADE_UNPARSED)
 * cost no try and are not recorded. A question is closed when answered
 * right or out of tries; the lab is over when every question is closed
 * (or the student hands it in).
 *
 * The result (lab_result_write) is JSON, docs/lab-format.md. Reading one
 * back (lab_result_load) checks its shape strictly and rejects it whole
 * with path:line:col. lab_regrade() re-instantiates every question from the
 * recorded seed and grades every recorded answer again; what it cannot
 * reproduce becomes a flag (struct lab_check). It cannot tell a wrong
 * answer replaced by the right one together with its "right" flag: there
 * is no secret in an offline tool to sign with.
 *
 * Ownership: struct lab borrows its lesson (which must outlive it) and owns
 * its instances; struct lab_result owns its strings. x_free(NULL) is a no-op.
 */
#ifndef PAGEWALK_LAB_H
#define PAGEWALK_LAB_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "lesson/lesson.h"
#include "lesson/quiz.h"

#define LAB_TRIES 2                 /* wrong answers allowed per question */
#define LAB_STUDENT_MAX 32          /* bytes of a student id */
#define LAB_ANSWER_MAX 95           /* bytes of one typed answer */
#define LAB_RESULT_MAX (256 * 1024) /* bytes of a result file */
#define LAB_FORMAT "pagewalk-lab-result"
#define LAB_FORMAT_VERSION 1

struct lab_attempt {
	char answer[LAB_ANSWER_MAX + 1];
	bool right;
	uint64_t ms;                    /* since the question was first shown */
};

struct lab_question {
	size_t step;                    /* 0-based index of the quiz step */
	struct quiz_instance qi;        /* owned */
	struct lab_attempt attempt[LAB_TRIES];
	int tries;                      /* attempts recorded */
	bool right, closed;
	uint64_t ms;                    /* time spent on it (the front end adds) */
};

struct lab {
	const struct lesson *lesson;    /* borrowed */
	char student[LAB_STUDENT_MAX + 1];
	uint64_t seed;
	bool seed_given;                /* --seed, not lab_default_seed(student) */
	char lesson_hash[32];           /* "fnv1a64:<16 hex>" of the lesson file */
	struct lab_question *q;
	size_t nq;
};

/* Whether id is a usable student id: 1..LAB_STUDENT_MAX bytes of
 * [A-Za-z0-9._-], starting with a letter or digit (it becomes a file name). */
bool lab_student_valid(const char *id);
/* The default seed of a student: FNV-1a 64 of the id, folded to 32 bits. */
uint64_t lab_default_seed(const char *student);
/* The quiz seed of a lesson step in a lab of seed. */
uint64_t lab_question_seed(uint64_t seed, size_t step);
/* "fnv1a64:<hex>" of the file at path into out (32 bytes); 0 or -1 with d. */
int lab_file_hash(const char *path, char out[32], struct diag *d);

/* A lab of every quiz step of l. NULL with d filled (no quiz steps, a quiz
 * that cannot be instantiated, bad student id, unreadable file, memory). */
struct lab *lab_new(const struct lesson *l, const char *student, uint64_t seed,
		    bool seed_given, struct diag *d);
void lab_free(struct lab *lab);

/* Grade typed for question i and record it (ms: time on the question so
 * far). Fills *g (feedback the front end keeps until the end). Returns the
 * grade's result; a closed question is not graded (GRADE_UNPARSED, g's
 * feedback says so). */
enum grade_result lab_answer(struct lab *lab, size_t i, const char *typed, uint64_t ms,
			     struct grade *g);
/* Questions answered right; closed questions. */
size_t lab_score(const struct lab *lab);
size_t lab_closed(const struct lab *lab);

/* Write the result as JSON (pagewalk version, start time as given). 0, or
 * -1 with d filled on a write error. */
int lab_result_write(const struct lab *lab, const char *version, const char *started,
		     FILE *f, struct diag *d);

/* ---- a result file read back ---- */

struct lab_rattempt {
	char *answer;
	bool right;
	uint64_t ms;
	int line, col;
};

struct lab_rquestion {
	uint64_t step;
	char *kind, *prompt;
	struct lab_rattempt *attempt;
	size_t nattempt;
	uint64_t tries;
	bool right;
	uint64_t ms;
	int line, col;
};

struct lab_result {
	char *path;
	char *student, *lesson, *lesson_hash, *version, *started;
	uint64_t seed;
	bool seed_given;
	uint64_t tries_allowed, score, max, ms;
	struct lab_rquestion *q;
	size_t nq;
	int seed_line, seed_col;
};

/* Read and check a result file. NULL with d filled (path:line:col). */
struct lab_result *lab_result_load(const char *path, struct diag *d);
/* The same from len bytes at buf; path is only used for messages. */
struct lab_result *lab_result_load_buffer(const char *path, const char *buf, size_t len,
					  struct diag *d);
void lab_result_free(struct lab_result *r);

/* ---- re-grading ---- */

#define LAB_CHECK_MAX_FLAGS 8
enum lab_qstate { LABQ_RIGHT, LABQ_WRONG, LABQ_OPEN, LABQ_EDITED };

struct lab_check {
	size_t score, max;              /* recomputed by the engine */
	enum lab_qstate *qstate;        /* owned: per quiz step of the lesson, in order */
	size_t nq;
	int *qtries;                    /* owned: attempts per question */
	char flag[LAB_CHECK_MAX_FLAGS][200];  /* why the file cannot be trusted */
	size_t nflags;
	bool lesson_changed;            /* the hash differs (also a flag) */
};

/* Re-grade r against lesson l (already loaded by the caller from r->lesson).
 * Fills *c (free with lab_check_clear). 0, or -1 with d filled (memory, a
 * quiz that no longer instantiates). */
int lab_regrade(const struct lesson *l, const struct lab_result *r, struct lab_check *c,
		struct diag *d);
void lab_check_clear(struct lab_check *c);

#endif
