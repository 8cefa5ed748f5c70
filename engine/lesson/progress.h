/* SPDX-License-Identifier: GPL-2.0-only */
/* progress.h - a learner's progress per lesson, kept between runs.
 *
 * One small text file per lesson, $XDG_STATE_HOME/pagewalk/NAME.progress
 * (default ~/.local/state/pagewalk), NAME being the lesson's file stem:
 *
 *   pagewalk-progress 1
 *   step 4          the step last shown, 1-based
 *   steps 12        how many steps the lesson had then
 *   done yes        the last step was reached at least once
 *
 * Version 2 ("pagewalk-progress 2") adds, after those four lines:
 *
 *   seed 1234       the quiz seed, so a resumed lesson asks the same questions
 *   quiz 5 2 1 right   per quiz step: its number, wrong tries, hints shown,
 *                   and open / right / shown (the answer was shown)
 *
 * Version 3 ("pagewalk-progress 3") adds to each quiz line the attempt (0
 * for the first address, 1 after one retry with a fresh address ...) and
 * the first attempt's outcome and wrong tries, kept through retries, and a
 * line "predict yes" when the learner chose to predict each level:
 *
 *   quiz 5 0 0 right 1 shown 2
 *   predict yes
 *
 * The replayer keeps its own predict choice the same way, as NAME "replay"
 * (step 1 of 1; no lesson file is named so).
 *
 * Versions 1 and 2 still load (no seed, no quiz lines; no attempts: the
 * outcome on file is the first).
 *
 * Writes are atomic (temp file in the same directory, fsync, rename), so a
 * crash leaves the old file or the new one. A file that does not parse is
 * "corrupt": progress_load reports it in the caller's diag and the caller
 * carries on as if there were none; the next save replaces it.
 */
#ifndef PAGEWALK_PROGRESS_H
#define PAGEWALK_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

#include <stdint.h>

/* The most quiz steps one lesson's progress keeps. */
#define PROGRESS_QUIZZES 64

enum quiz_result { QUIZ_OPEN, QUIZ_RIGHT, QUIZ_SHOWN };

struct progress_quiz {
	unsigned step;             /* 1-based step number of the quiz */
	unsigned tries;            /* wrong answers (this attempt) */
	unsigned hints;            /* hints shown (this attempt) */
	enum quiz_result result;   /* this attempt */
	unsigned attempt;          /* 0, then 1.. after retries with a fresh address */
	enum quiz_result first;    /* the first attempt's outcome (OPEN until it has one) */
	unsigned first_tries;      /* its wrong answers */
};

struct progress {
	unsigned step;     /* 1-based; 0 = never opened */
	unsigned nsteps;
	bool done;
	bool have_seed;
	uint64_t seed;
	size_t nquiz;
	struct progress_quiz quiz[PROGRESS_QUIZZES];
	bool predict;      /* the learner predicts each level before it is shown */
};

/* The record of quiz step `step` (1-based) in p, added (zeroed) when it has
 * none; NULL when p is full. */
struct progress_quiz *progress_quiz_of(struct progress *p, unsigned step);

/* A wrong answer to q's current attempt. */
void progress_quiz_wrong(struct progress_quiz *q);
/* q's current attempt ended: right, or the answer shown. The first
 * attempt's outcome and tries are kept as `first` once set. */
void progress_quiz_end(struct progress_quiz *q, enum quiz_result r);
/* A new attempt at q with a fresh address: the current one's outcome is
 * kept as the first when it had none yet (an attempt left open after a
 * wrong answer counts as missed, QUIZ_SHOWN); tries, hints and result
 * start again. */
void progress_quiz_retry(struct progress_quiz *q);
/* Right at the first try: the first attempt right with no wrong answer. */
bool progress_quiz_first_right(const struct progress_quiz *q);

/* A lesson's score: of its quizzes that have a first outcome (answered),
 * how many were right at the first try; and how many were retried. */
struct progress_score {
	unsigned first_right;
	unsigned answered;
	unsigned retried;
};
void progress_score(const struct progress *p, struct progress_score *out);

/* The directory: $XDG_STATE_HOME/pagewalk if XDG_STATE_HOME is an absolute
 * path, else $HOME/.local/state/pagewalk. Returns 0, or -1 (d filled) when
 * neither is set or the path does not fit. */
int progress_dir(char *out, size_t len, struct diag *d);

enum progress_status { PROGRESS_OK, PROGRESS_NONE, PROGRESS_CORRUPT };

/* Read NAME's progress from dir. PROGRESS_NONE when there is no file (out
 * zeroed); PROGRESS_CORRUPT with d filled (FILE:LINE: why, out zeroed) when
 * it does not parse or cannot be read. */
enum progress_status progress_load(const char *dir, const char *name,
				   struct progress *out, struct diag *d);

/* Write NAME's progress atomically, creating dir (and its parents) if
 * needed. Returns 0, or -1 with d filled. */
int progress_save(const char *dir, const char *name, const struct progress *p,
		  struct diag *d);

#endif
