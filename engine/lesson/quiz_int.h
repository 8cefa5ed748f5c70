/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz_int.h - the quiz grader's parts, shared by quiz_grade.c and
 * quiz_grade_number.c. Not for the front end (which uses quiz.h).
 *
 *   quiz.c               instances from a seed (quiz_instance, quiz_rand)
 *   quiz_grade.c         quiz_grade: split, word and bit-name answers
 *   quiz_grade_number.c  number answers and why a wrong one is wrong
 *   quiz_diagnose.c      the known mistakes behind a wrong index or entry
 *   quiz_walk.c          predictions about a walk and a route, as quizzes
 *   quiz_answer.c        worked solution, expected base, typed answer
 *   quiz_facts.c         the facts an answer depends on
 */
#ifndef PAGEWALK_QUIZ_INT_H
#define PAGEWALK_QUIZ_INT_H

#include "lesson/quiz.h"

/* Set g's feedback in language l (printf-style, cut to fit). */
void quiz_say(struct grade *g, enum lang l, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A typed number (hex 0x.. with '_' anywhere after the 0x, or decimal)
 * into *v: 0, or -1 when it is not one. */
int quiz_parse_num(const char *s, uint64_t *v);
/* s read as bare hex digits without 0x (at most 16): 0 with *v, -1 when
 * it is not that. */
int quiz_bare_hex(const char *s, uint64_t *v);
/* "pgd" .. "pte" for a level, "offset" for LEVEL_COUNT. */
const char *quiz_field_name(int lv);
/* Feedback for a wrong error code: the bits missing and those not set
 * (numeric: the answer was typed as a number). */
void quiz_grade_bits(uint32_t want, uint32_t got, struct grade *g, bool numeric);
/* Grade s (trimmed) for an ANSWER_NUMBER instance into g. */
void quiz_grade_number(const struct quiz_instance *qi, const char *s, struct grade *g);

/* A wrong index v of level lv (real) of addr on a: when it is what a known
 * mistake gives (the entry's byte offset, the mask forgotten, the wrong
 * shift), fill g's feedback naming it and return true. */
bool quiz_diagnose_index(const struct arch *a, enum level lv, uint64_t addr, uint64_t v,
			 struct grade *g);
/* A wrong entry address v for level lv of walk w on a: when it is what a
 * known mistake gives (entries of the other size, the byte offset without
 * the base, the index without the size, the wrong base, a folded level
 * taken as its own table, the wrong shift), fill g and return true. */
bool quiz_diagnose_entry(const struct arch *a, const struct walk *w, enum level lv,
			 uint64_t v, struct grade *g);

#endif
