/* SPDX-License-Identifier: GPL-2.0-only */
/* lab.h - graded lab mode: a lesson's quizzes as a test, the journal every
 * try is recorded in, the result file, and re-grading a class.
 *
 * A lab is every quiz step of a lesson, instantiated for one seed
 * (quiz_instance with lab_question_seed(seed, step)). A sitting (a
 * "session") draws a random nonce when it starts; the seed is
 * lab_session_seed(student, nonce) unless the teacher gives one (--seed).
 * So each student gets other addresses, a practice run elsewhere gets
 * other questions than the real one, and grade can still tell a result
 * whose "student" was changed (its seed is not that student's).
 *
 * The journal (lab_journal.c), DIR/ID.journal beside the result, records
 * the session's start, every graded try as it is made and the hand-in,
 * one JSON object a line, appended and fsync'd before the try counts. An
 * interrupted lab (Ctrl-C, a closed terminal, kill -9) is resumed from it
 * by lab_open() with its tries spent; a retake (--force after a hand-in)
 * is a new session in the same journal, which grade reports.
 *
 * Each question allows LAB_TRIES wrong answers; lab_answer() records every
 * graded try. Answers the engine cannot read (GRADE_UNPARSED) cost no try
 * and are not recorded. A question is closed when answered right or out of
 * tries; the lab is over when every question is closed or it is handed in.
 *
 * The result (lab_result_write) is JSON, docs/lab-format.md. Reading one
 * back (lab_result_load) checks its exact shape and rejects it whole with
 * path:line:col. lab_regrade() re-instantiates every question from the
 * recorded seed, grades every recorded answer again and compares the
 * result with its journal; what it cannot reproduce becomes a flag (struct
 * lab_check). lab_class.c looks across a class: the lesson most results
 * name, shared seeds, identical answer sets, per-question statistics.
 *
 * Ownership: struct lab borrows its lesson (which must outlive it) and owns
 * its instances and its open journal; struct lab_result, struct lab_jfile
 * and struct lab_roster own their strings; struct lab_check owns its
 * arrays (lab_check_clear). x_free(NULL) is a no-op. Errors: -1 or NULL
 * with the caller's struct diag filled; nothing prints.
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
#define LAB_NAME_MAX 64             /* bytes of a display name (UTF-8) */
#define LAB_ANSWER_MAX 95           /* bytes of one typed answer */
#define LAB_PROMPT_MAX LESSON_MAX_STRING  /* bytes of a question (the loader's bound) */
/* A result holds at most LESSON_MAX_STEPS questions of at most
 * LAB_PROMPT_MAX bytes, each written escaped (at most twice as long): the
 * largest result a lesson `check` accepts fits. */
#define LAB_RESULT_MAX (40u << 20)
#define LAB_JOURNAL_MAX (8u << 20)  /* bytes of a journal */
#define LAB_SESSIONS_MAX 100        /* sessions (the first and retakes) per journal */
#define LAB_FORMAT "pagewalk-lab-result"
#define LAB_FORMAT_VERSION 2
#define LAB_JOURNAL_FORMAT "pagewalk-lab-journal"
#define LAB_TIME_LEN 21             /* "2026-11-30T15:25:25Z" and its NUL */
#define LAB_NONCE_LEN 16            /* hex digits */

struct lab_attempt {
	char answer[LAB_ANSWER_MAX + 1];
	bool right;
	uint64_t ms;                    /* time on the question when submitted */
	char at[LAB_TIME_LEN];          /* UTC, when submitted */
};

struct lab_question {
	size_t step;                    /* 0-based index of the quiz step */
	struct quiz_instance qi;        /* owned */
	struct lab_attempt attempt[LAB_TRIES];
	int tries;                      /* attempts recorded */
	bool right, closed;
	uint64_t ms;                    /* time spent on it (the front end adds) */
};

struct lab_journal;                 /* an open journal (lab_journal.c) */

struct lab {
	const struct lesson *lesson;    /* borrowed */
	char student[LAB_STUDENT_MAX + 1];
	char name[LAB_NAME_MAX + 1];    /* display name; "" when none */
	uint64_t seed;
	bool seed_given;                /* --seed, not lab_session_seed() */
	char nonce[LAB_NONCE_LEN + 1];  /* the session's random nonce */
	char lesson_hash[32];           /* "fnv1a64:<16 hex>" of the lesson file */
	unsigned session;               /* 1 for the first sitting, 2.. for retakes */
	unsigned resumed;               /* times this session was resumed */
	char started[LAB_TIME_LEN];     /* the session's start (UTC) */
	char handed_in[LAB_TIME_LEN];   /* "" until handed in */
	struct lab_question *q;
	size_t nq;
	struct lab_journal *journal;    /* owned; NULL: tries are not recorded */
	char *result_path;              /* owned; where lab_hand_in() writes */
};

/* Whether id is a usable student id: 1..LAB_STUDENT_MAX bytes of
 * [A-Za-z0-9._-], starting with a letter or digit (it becomes a file name). */
bool lab_student_valid(const char *id);
/* Whether name is a usable display name: 1..LAB_NAME_MAX bytes of valid,
 * printable UTF-8 (commas and accents welcome), no control character, no
 * leading or trailing space. */
bool lab_name_valid(const char *name);
/* The seed of a session: FNV-1a 64 of the student id and the nonce,
 * folded to 32 bits. */
uint64_t lab_session_seed(const char *student, const char *nonce);
/* The quiz seed of a lesson step in a lab of seed. */
uint64_t lab_question_seed(uint64_t seed, size_t step);
/* "fnv1a64:<hex>" of the file at path into out (32 bytes); 0 or -1 with d. */
int lab_file_hash(const char *path, char out[32], struct diag *d);
/* LAB_NONCE_LEN random hex digits (getrandom) into out; 0 or -1 with d. */
int lab_nonce_random(char out[LAB_NONCE_LEN + 1], struct diag *d);
/* Whether s is LAB_NONCE_LEN lower-case hex digits. */
bool lab_nonce_valid(const char *s);
/* Unix seconds t as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into out. */
void lab_time_format(int64_t t, char out[LAB_TIME_LEN]);
/* Read a time: "YYYY-MM-DDTHH:MM[:SS]" followed by Z or +HH:MM / -HH:MM
 * (a space may stand for the T). 0 with Unix seconds in *t, else -1. */
int lab_time_parse(const char *s, int64_t *t);
/* Whether a lesson's name can be recorded (a result names its lesson by
 * it): not empty, no '/', not starting with '.' or '-', safe text. */
bool lab_lesson_name_valid(const char *name);

/* An unrecorded lab of every quiz step of l for seed (nonce: the
 * session's, or NULL for none). NULL with d filled (no quiz steps, a quiz
 * that cannot be instantiated, a bad student id or name, an unreadable
 * lesson file, memory). */
struct lab *lab_new(const struct lesson *l, const char *student, const char *name,
		    uint64_t seed, bool seed_given, const char *nonce, struct diag *d);
void lab_free(struct lab *lab);

/* Grade typed for question i (ms: time on the question so far; now: Unix
 * seconds) and, when the engine could read it, record it: appended to the
 * journal (and synced) before it counts. Fills *g: g->result is
 * GRADE_RIGHT or GRADE_WRONG for a counted try, else the try was not
 * counted (unreadable, another base, or the question is closed; g's
 * feedback says which). Returns 0, or -1 with d filled when the journal
 * could not record the try (then it does not count either). */
int lab_answer(struct lab *lab, size_t i, const char *typed, uint64_t ms, int64_t now,
	       struct grade *g, struct diag *d);
/* Questions answered right; closed questions. */
size_t lab_score(const struct lab *lab);
size_t lab_closed(const struct lab *lab);

/* Write the result as JSON (version: the pagewalk writing it). 0, or -1
 * with d filled on a write error. */
int lab_result_write(const struct lab *lab, const char *version, FILE *f, struct diag *d);

/* ---- sessions: the journal (lab_journal.c) ---- */

struct lab_open_args {
	const char *dir;                /* where ID.json and ID.journal live */
	const char *student;
	const char *name;               /* NULL or "": none (a resume keeps the journal's) */
	uint64_t seed;
	bool seed_given;
	bool force;                     /* a retake over a handed-in session */
	const char *nonce;              /* for a new session (lab_nonce_random) */
	int64_t now;
	const char *version;            /* pagewalk's, recorded */
};

enum lab_how {
	LAB_NEW,                        /* session 1 started */
	LAB_RESUMED,                    /* an interrupted session goes on */
	LAB_RETAKE,                     /* a new session after a handed-in one */
	LAB_REWRITE,                    /* handed in, the result missing: write it again */
};

/* Start, resume or retake the lab of a->student in a->dir (see the top of
 * this file); the journal is created or appended to and stays locked
 * (flock) until lab_free(). Refused with d filled: a session already
 * handed in whose result exists (a retake needs force), a journal another
 * lab holds, a journal that is not this lesson's or does not reproduce,
 * a seed other than the session's, an unreadable or unwritable journal. */
struct lab *lab_open(const struct lesson *l, const struct lab_open_args *a,
		     enum lab_how *how, struct diag *d);
/* Hand the lab in at now: the hand-in is appended to the journal (unless
 * it is already there) and the result written to lab->result_path
 * atomically. 0, or -1 with d filled (the journal still has every try). */
int lab_hand_in(struct lab *lab, int64_t now, const char *version, struct diag *d);

/* A journal read back. */
struct lab_jtry {
	uint64_t question;              /* 1-based */
	char *answer;
	bool right;
	uint64_t ms;
	char at[LAB_TIME_LEN];
	int line;
};

struct lab_jsession {
	unsigned session;
	char *version, *student, *name, *lesson, *lesson_hash, *nonce;
	uint64_t seed;
	bool seed_given;
	char started[LAB_TIME_LEN];
	unsigned resumed;
	struct lab_jtry *tries;
	size_t ntries;
	bool handed_in;
	char handed_in_at[LAB_TIME_LEN];
	uint64_t score;
	int line;                       /* of its start record */
};

struct lab_jfile {
	char *path;
	struct lab_jsession *s;
	size_t ns;
	size_t good_len;                /* bytes of whole records */
	bool torn;                      /* a last record cut short (a crash) */
};

/* Read the journal at path: every record checked (shape, order, sessions
 * numbered from 1); a last line without its newline is a record cut short
 * by a crash and left out (torn). NULL with d filled (FILE:LINE:COL). */
struct lab_jfile *lab_journal_load(const char *path, struct diag *d);
struct lab_jfile *lab_journal_load_buffer(const char *path, const char *buf, size_t len,
					  struct diag *d);
void lab_jfile_free(struct lab_jfile *j);

/* ---- a result file read back ---- */

struct lab_rattempt {
	char *answer;
	bool right;
	uint64_t ms;
	char at[LAB_TIME_LEN];
	int line, col;
};

struct lab_rquestion {
	uint64_t step;
	char *kind, *prompt, *expected;
	struct lab_rattempt *attempt;
	size_t nattempt;
	uint64_t tries;
	bool right;
	uint64_t ms;
	int line, col;
};

struct lab_result {
	char *path;
	char *student, *name, *lesson, *lesson_hash, *version, *nonce;
	char started[LAB_TIME_LEN], handed_in[LAB_TIME_LEN];
	uint64_t seed;
	bool seed_given;
	uint64_t session, resumed;
	uint64_t tries_allowed, score, max, ms;
	struct lab_rquestion *q;
	size_t nq;
	bool from_journal;              /* made from a journal (no result file) */
	int seed_line, seed_col;
};

/* Read and check a result file. NULL with d filled (path:line:col). */
struct lab_result *lab_result_load(const char *path, struct diag *d);
/* The same from len bytes at buf; path is only used for messages. */
struct lab_result *lab_result_load_buffer(const char *path, const char *buf, size_t len,
					  struct diag *d);
/* The result a journal session would have given at this point (a session
 * not handed in: what a teacher sees of a student who has not finished),
 * its questions made from l; path names it. NULL with d filled. */
struct lab_result *lab_result_of_session(const struct lesson *l,
					 const struct lab_jsession *s, const char *path,
					 struct diag *d);
void lab_result_free(struct lab_result *r);

/* ---- re-grading one result ---- */

#define LAB_CHECK_MAX_FLAGS 8
#define LAB_CHECK_MAX_NOTES 4
#define LAB_FLAG_LEN 220
enum lab_qstate {
	LABQ_RIGHT,                     /* right (qtries: at which try) */
	LABQ_WRONG,                     /* every try used, none right */
	LABQ_WRONG_SO_FAR,              /* tried, wrong, a try left unused */
	LABQ_OPEN,                      /* not answered */
	LABQ_EDITED,                    /* the record does not reproduce: not counted */
};

struct lab_check {
	size_t score, max;              /* recomputed by the engine */
	enum lab_qstate *qstate;        /* owned: per quiz step of the lesson, in order */
	size_t nq;
	int *qtries;                    /* owned: attempts per question */
	char flag[LAB_CHECK_MAX_FLAGS][LAB_FLAG_LEN];  /* why the file cannot be trusted */
	size_t nflags;
	size_t nflags_all;              /* flags raised, also those not kept */
	char note[LAB_CHECK_MAX_NOTES][LAB_FLAG_LEN];  /* what a teacher should know */
	size_t nnotes;
	bool lesson_changed;            /* the hash differs (also a flag) */
	bool retake;                    /* the result is a session after the first */
	bool open;                      /* not handed in (made from a journal) */
};

/* Add a flag or a note to c (printf-style); kept up to the arrays' size. */
void lab_check_flag(struct lab_check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void lab_check_note(struct lab_check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Re-grade r against lesson l, and against its journal j (NULL: none was
 * found beside it: a note, the tries then cannot be compared). Fills
 * *c (free with lab_check_clear). 0, or -1 with d filled (memory, a quiz
 * that no longer instantiates). */
int lab_regrade(const struct lesson *l, const struct lab_result *r, const struct lab_jfile *j,
		struct lab_check *c, struct diag *d);
void lab_check_clear(struct lab_check *c);

/* ---- a roster (lab_roster.c) ---- */

/* A roster: the students a teacher expects, with their names. */
struct lab_roster_entry {
	char id[LAB_STUDENT_MAX + 1];
	char name[LAB_NAME_MAX + 1];    /* "" when the roster gives none */
	int line;
};
struct lab_roster {
	struct lab_roster_entry *e;
	size_t n;
};
/* Read a roster: one student a line, `ID` or `ID,NAME` (NAME may be
 * "quoted" with "" for a quote, as a spreadsheet exports it); blank lines
 * and lines starting with # are skipped; a first line `student` or
 * `student,name` is a header. NULL with d filled (FILE:LINE:COL). */
struct lab_roster *lab_roster_load(const char *path, struct diag *d);
void lab_roster_free(struct lab_roster *r);
/* The entry of id, or NULL. */
const struct lab_roster_entry *lab_roster_find(const struct lab_roster *r, const char *id);

/* ---- a class (lab_class.c) ---- */

#define LAB_CLASS_MAX 5000          /* students graded; more are skipped, by name */
#define LAB_CLASS_LIST_MAX 200000   /* names listed (the rest only counted) */

/* One student of a class: a result DIR/ID.json and its journal
 * DIR/ID.journal, either of which may be missing or bad. */
struct lab_row {
	char *id;                       /* the file name's stem, escaped (text_escape) */
	char *file;                     /* DIR/ID.json, or DIR/ID.journal without a result */
	bool has_result, has_journal;   /* the files exist */
	struct lab_result *r;           /* NULL: none, or bad (why in bad) */
	struct lab_jfile *j;            /* NULL: none, or bad (why in jbad) */
	struct diag bad, jbad;          /* why a file that exists could not be read */
	bool bad_set, jbad_set;
	bool missing;                   /* on the roster, no file */
	bool not_on_roster;
	const char *name;               /* the roster's, else the result's; "" none */
	bool graded;                    /* c is filled */
	struct lab_check c;
	bool late;                      /* handed in (or not yet) after the deadline */
	int64_t taken;                  /* seconds from the start to the hand-in; -1 unknown */
};

struct lab_class {
	char *dir;
	struct lab_row *rows;           /* sorted by id */
	size_t n;
	size_t skipped;                 /* students beyond LAB_CLASS_MAX (not read) */
	char **skipped_ids;             /* the first LAB_CLASS_LIST_MAX of them, sorted, escaped */
	size_t nskipped_ids;
};

/* Read every DIR/ *.json and *.journal (not dot files) into rows, a row
 * per id, sorted; beyond LAB_CLASS_MAX ids, the rest (by name) are
 * skipped and counted. Bad files are rows too, with the reason. NULL with
 * d filled only when DIR cannot be listed or memory runs out. */
struct lab_class *lab_class_read(const char *dir, struct diag *d);
void lab_class_free(struct lab_class *cl);
/* The lesson name most rows name (a result's, else its journal's last
 * session's), pointing into the class; the count in *votes; *tie is set
 * when another name has as many. NULL when no row names one. */
const char *lab_class_lesson(const struct lab_class *cl, size_t *votes, bool *tie);
/* Grade every readable row against l: results re-graded with their
 * journals, a journal without a result graded as its last session so far
 * (not handed in), then what only a class shows: a seed shared with
 * another result (unless every result sharing it was given the seed) and
 * an identical set of answers holding a wrong one (two or more
 * questions). 0, or -1 with d filled (memory, a lesson that no longer
 * instantiates). */
int lab_class_grade(struct lab_class *cl, const struct lesson *l, struct diag *d);
/* Match the graded class with a roster: a row for each student on it
 * without a file (missing), each row not on it flagged; names from the
 * roster. 0, or -1 (memory) with d. */
int lab_class_roster(struct lab_class *cl, const struct lab_roster *ro, struct diag *d);
/* Time taken (start to hand-in) per row, and late for a hand-in after
 * deadline (or none yet), with a note. deadline < 0: no check. */
void lab_class_times(struct lab_class *cl, int64_t deadline);

#define LAB_COMMON_MAX 3
struct lab_common {
	size_t count;                   /* tries in this group */
	char answer[LAB_ANSWER_MAX + 1]; /* one of them as typed */
	char feedback[400];             /* the engine's diagnosis of it (English) */
	bool by_answer;                 /* grouped by the answer (the same question for all) */
};
struct lab_qstats {
	size_t right1, right2, wrong, wrong_so_far, open, edited;
	struct lab_common common[LAB_COMMON_MAX]; /* commonest wrong tries, most first */
	size_t ncommon;
};
/* Per question of l: how the graded rows did, and their commonest wrong
 * tries, grouped by the answer when every row has the same question, else
 * by the engine's diagnosis (its feedback with the numbers taken out).
 * out: l's quiz count long. 0, or -1 with d filled. */
int lab_class_stats(const struct lab_class *cl, const struct lesson *l, struct lab_qstats *out,
		    struct diag *d);

#endif
