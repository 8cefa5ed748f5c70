/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson_int.h - what the lesson player's files share. Not for the
 * other screens: they open a lesson with lesson_open() (app.h).
 *
 *   screen_lesson.c     state: the step shown, animation, progress, the
 *                       end of the lesson; keys on a step; the screen
 *   lesson_input.c      typed fields: quiz answer, step number, search
 *   lesson_layout.c     where each part goes and the rows it wants
 *   lesson_draw.c       title bar, narrative, code pane, status, key hints,
 *                       the end-of-lesson summary
 *   lesson_draw_step.c  the step's picture (address bar, walk, fault, ...)
 *   lesson_draw_quiz.c  the quiz block
 *
 * The lesson's state is app->ls (app.h). Only screen_lesson.c and
 * lesson_input.c change it; lesson_layout.c and lesson_draw*.c read it.
 */
#ifndef PAGEWALK_SCREEN_LESSON_INT_H
#define PAGEWALK_SCREEN_LESSON_INT_H

#include "screen/app.h"

/* The least the narrative column keeps beside a code pane. */
#define LESSON_MIN_TEXT_COLS 46

/* Where the parts of a step's screen go (lesson_layout_of). */
struct layout {
	struct rect top;       /* the step's picture */
	struct rect heading;   /* one row: heading and scroll mark */
	struct rect text;      /* narrative */
	struct rect quiz;      /* quiz field, feedback, hints (inside the text column) */
	struct rect code;      /* code pane; h == 0 when none */
};

/* ---- screen_lesson.c ---- */
/* The step shown; NULL when no lesson is open. */
const struct step *lesson_cur_step(const struct app *app);
/* The arch step s is about (for the title bar and its pictures). */
const struct arch *lesson_step_arch(const struct app *app, const struct step *s);
/* Write the progress file (step reached, quizzes); on failure say so once
 * on the status line and stop saving. */
void lesson_save_progress(struct app *app);
/* The saved record of the current quiz step, created when it has none;
 * NULL when the progress is full. */
struct progress_quiz *lesson_quiz_record(struct app *app);
/* Show step idx from the start: its fields, its quiz instance, its
 * animation; saves the progress. */
void lesson_enter_step(struct app *app, size_t idx);
/* Key-binding context now: CTX_LESSON, or CTX_INPUT in a field. */
unsigned lesson_ctx(const struct app *app);

/* ---- lesson_input.c ---- */
/* A key while a field has the focus (ls.focus != FOCUS_NONE). */
enum reaction lesson_input_key(struct app *app, int key);
/* Show the current quiz's next hint, or say there is none. */
void lesson_show_hint(struct app *app);

/* ---- lesson_predict.c ---- */
/* P: predict mode on or off (kept in the progress file). */
void lesson_predict_toggle(struct app *app);
/* Before the animation shows frame `next`: when predict mode wants a
 * guess first (a real level of the step's walk, a fault's route), stop
 * there, open the field and return true. */
bool lesson_predict_gate(struct app *app, int next);
/* Enter in the prediction field: grade the guess, show the level (or the
 * route) and go on. Esc: show it without a guess. */
void lesson_predict_submit(struct app *app);
void lesson_predict_skip(struct app *app);
/* The prompt of the prediction field ("Predict pmd: its index or its
 * entry's address"), into buf. */
void lesson_predict_prompt(const struct app *app, char *buf, size_t len);

/* ---- lesson_layout.c ---- */
/* Boxed walk diagrams when the terminal has room for them. */
bool lesson_want_boxes(void);
/* Point v's failure reason at buf, in the player's language. */
void lesson_view_reason(const struct app *app, struct walk_view *v, char *buf, size_t len);
/* Rows a walk diagram takes at width (note: a marked entry's note row). */
int lesson_walk_rows_at(enum lang lang, const struct arch *a, const struct walk *w,
			int width, bool note);
/* The retried walk's step that the sync wrote, or -1. */
int lesson_sync_mark(const struct step_fault *f);
/* Place the current step's parts at the terminal's size. */
void lesson_layout_of(const struct app *app, struct layout *lo);
/* The step's body and a quiz's question: malloc'd, NULL when out of memory. */
char *lesson_narrative(const struct app *app);
/* Lines the narrative takes at width. */
int lesson_narrative_lines(const struct app *app, int width);

/* ---- lesson_draw*.c ---- */
/* The lesson screen (a step, or the summary past the last step). */
void lesson_draw(const struct app *app, WINDOW *w);
/* The step's picture in r (lesson_draw_step.c). */
void lesson_draw_top(const struct app *app, WINDOW *w, struct rect r);
/* The quiz block in r (lesson_draw_quiz.c); nothing when r.h <= 0. */
void lesson_draw_quiz(const struct app *app, WINDOW *w, struct rect r);

#endif
