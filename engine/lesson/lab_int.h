/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_int.h - the lab's parts, shared by lab*.c. Not for the front end
 * (which uses lab.h).
 *
 *   lab.c          sessions in memory: questions, tries, ids, seeds, times
 *   lab_journal.c  the journal: records appended and synced, read back,
 *                  lab_open (start, resume, retake) and lab_hand_in
 *   lab_read.c     reading an exact JSON shape (keys, types, strings)
 *   lab_result.c   the result file written and read back
 *   lab_grade.c    one result re-graded, and checked against its journal
 *   lab_class.c    a class: its lesson, shared seeds and answers, statistics
 *   lab_roster.c   the roster a teacher gives grade
 */
#ifndef PAGEWALK_LAB_INT_H
#define PAGEWALK_LAB_INT_H

#include "lesson/lab.h"
#include "util/json.h"

/* ---- lab.c ---- */
/* Count a graded try on q (recorded elsewhere, or replayed from a journal). */
void lab_count_try(struct lab_question *q, const char *typed, bool right, uint64_t ms,
		   const char *at);

/* ---- lab_journal.c ---- */
/* Append question i's try to the journal and sync it; 0 or -1 with d. */
int lab_journal_try(struct lab_journal *j, size_t i, const char *typed, bool right,
		    uint64_t ms, const char *at, struct diag *d);
/* Unlock and close (NULL: nothing). */
void lab_journal_close(struct lab_journal *j);
/* A lab rebuilt from a journal session: its questions for l, its tries
 * counted again (each graded again by the engine: a try whose grade is not
 * the recorded one, or that no lab could have made, fails at its line). */
struct lab *lab_of_session(const struct lesson *l, const struct lab_jsession *s,
			   const char *path, struct diag *d);

/* ---- lab_read.c: one exact JSON shape ---- */
struct lab_rd {
	const char *path;
	struct diag *d;
};
/* d filled at the value's mark; -1. */
int lab_rd_bad(struct lab_rd *rd, const struct json *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Every key of obj is in allowed[] ("unknown key "x" in WHAT" otherwise). */
int lab_rd_keys(struct lab_rd *rd, const struct json *obj, const char *const *allowed,
		const char *what);
/* The member key of obj, of type t; NULL with d filled when absent or of
 * another type. */
const struct json *lab_rd_member(struct lab_rd *rd, const struct json *obj, const char *key,
				 enum json_type t);
int lab_rd_u64(struct lab_rd *rd, const struct json *obj, const char *key, uint64_t max,
	       uint64_t *out);
int lab_rd_bool(struct lab_rd *rd, const struct json *obj, const char *key, bool *out);
/* A string member: safe text (newlines only when allowed), at most max
 * bytes, copied (the caller frees). */
int lab_rd_str(struct lab_rd *rd, const struct json *obj, const char *key, size_t max,
	       bool newlines, char **out);
/* A time member in lab_time_format's form, copied into out. */
int lab_rd_time(struct lab_rd *rd, const struct json *obj, const char *key,
		char out[LAB_TIME_LEN]);

#endif
