/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson_int.h - what the lesson player's files share. Not for the
 * other screens: they open a lesson with screen_lesson_open()
 * (screen_lesson.h).
 *
 *   screen_lesson.c            open and close, the animation's tick, the
 *                              keys on a step, the end of the lesson;
 *                              the screen's row
 *   screen_lesson_input.c      typed fields: quiz answer, step number, search
 *   screen_lesson_draw.c       title bar, narrative, code pane, status, key
 *                              hints, the end-of-lesson summary
 *   screen_lesson_draw_step.c  the step's picture (address bar, walk, fault, ...)
 *   screen_lesson_draw_quiz.c  the quiz block
 *   screen_lesson_predict.c    predict mode: the guess before a level or a route
 *   screen_lesson_layout.c     where each part goes and the rows it wants
 *   screen_lesson_state.c      the state: the step shown, entering a step,
 *                              the animation's frames, the saved progress
 *
 * A file calls only the files listed below it (screen_lesson.c calls the
 * others, the drawing calls the layout, everything the state; the state
 * none). The state is app->ls while the screen is open: only
 * screen_lesson.c, screen_lesson_input.c and screen_lesson_state.c change
 * it; the layout and drawing files read it.
 */
#ifndef PAGEWALK_SCREEN_LESSON_INT_H
#define PAGEWALK_SCREEN_LESSON_INT_H

#include "lesson/progress.h"
#include "lesson/quiz.h"
#include "screen/screen_lesson.h"

/* The player's state, app->ls while it is open (allocated by
 * screen_lesson_open, freed when the screen closes). */
struct quiz_state {
	bool have;                  /* qi is filled */
	struct quiz_instance qi;
	struct grade grade;
	bool graded;                /* grade holds the last answer's result */
	int tries;                  /* wrong answers so far */
	int hints;                  /* hints shown */
	bool solved, revealed;
	char error[600];            /* quiz_instance failed: why */
};

#define QUIZ_REVEAL_AFTER 3
#define PREDICT_ROUTE (-2)          /* predict.at: do_page_fault's route */

struct lesson_state {
	struct lesson *lesson;      /* owned */
	size_t step;                /* 0-based */
	int scroll;                 /* narrative scroll, wrapped lines */
	enum { FOCUS_NONE, FOCUS_ANSWER, FOCUS_GOTO, FOCUS_SEARCH, FOCUS_PREDICT } focus;
	struct input input;
	struct quiz_state quiz;
	struct addr_fields fields;  /* of the step's address, when it has one */
	bool have_fields;
	uint64_t seed;              /* quiz seeds: PAGEWALK_SEED, the saved one, or the clock */
	struct progress prog;       /* saved progress, quizzes' records included */
	bool ended;                 /* past the last step: the summary is shown */
	char last_search[256];       /* the last / search, for / Enter */
	bool stepping;              /* s: the walk shown up to anim.frame, one level a press */
	/* predict mode (prog.predict): the walk stops before each real level
	 * and a fault before its route, for the learner's guess */
	struct {
		int at;             /* the walk step index asked, or PREDICT_ROUTE; -1 none */
		int frame;          /* the frame that shows it once answered */
		const struct walk *walk;  /* the walk asked about (the step's) */
		bool graded;        /* grade holds the last guess's result */
		struct grade grade;
		char said[520];     /* the last guess's feedback line, shown above the field */
		enum role said_role;
		unsigned right, total;  /* guesses this lesson: right ones, all */
	} predict;
	char next_path[1024];       /* the next lesson's file; "" when none */
	char next_title[300];       /* ... and its title */
};

/* The least the narrative column keeps beside a code pane. */
#define LESSON_MIN_TEXT_COLS 46

/* Where the parts of a step's screen go (screen_lesson_layout_of). */
struct layout {
	struct rect top;       /* the step's picture */
	struct rect heading;   /* one row: heading and scroll mark */
	struct rect text;      /* narrative */
	struct rect quiz;      /* quiz field, feedback, hints (inside the text column) */
	struct rect code;      /* code pane; h == 0 when none */
};

/* ---- screen_lesson_state.c ---- */
/* The step shown; NULL when no lesson is open. */
const struct step *screen_lesson_cur_step(const struct app *app);
/* The arch step s is about (for the title bar and its pictures). */
const struct arch *screen_lesson_step_arch(const struct app *app, const struct step *s);
/* Write the progress file (step reached, quizzes); on failure say so once
 * on the status line and stop saving. */
void screen_lesson_save_progress(struct app *app);
/* The saved record of the current quiz step, created when it has none;
 * NULL when the progress is full. */
struct progress_quiz *screen_lesson_quiz_record(struct app *app);
/* Show step idx from the start: its fields, its quiz instance, its
 * animation; saves the progress. */
void screen_lesson_enter_step(struct app *app, size_t idx);
/* Key-binding context now: CTX_LESSON, or CTX_INPUT in a field. */
unsigned screen_lesson_ctx(const struct app *app);
/* Start the current step's animation from its first frame (nothing runs
 * when the step has none). */
void screen_lesson_anim_start(struct app *app);
/* Show the animation's last frame and stop it. */
void screen_lesson_anim_finish(struct app *app);
/* Free the state (its lesson, its quiz); app->ls is NULL after. */
void screen_lesson_state_free(struct app *app);

/* ---- screen_lesson_input.c ---- */
/* A key while a field has the focus (ls->focus != FOCUS_NONE). */
enum reaction screen_lesson_input_key(struct app *app, int key);
/* Show the current quiz's next hint, or say there is none. */
void screen_lesson_show_hint(struct app *app);

/* ---- screen_lesson_predict.c ---- */
/* P: predict mode on or off (kept in the progress file). */
void screen_lesson_predict_toggle(struct app *app);
/* Before the animation shows frame `next`: when predict mode wants a
 * guess first (a real level of the step's walk, a fault's route), stop
 * there, open the field and return true. */
bool screen_lesson_predict_gate(struct app *app, int next);
/* Enter in the prediction field: grade the guess, show the level (or the
 * route) and go on. Esc: show it without a guess. */
void screen_lesson_predict_submit(struct app *app);
void screen_lesson_predict_skip(struct app *app);
/* The prompt of the prediction field ("Predict pmd: its index or its
 * entry's address"), into buf. */
void screen_lesson_predict_prompt(const struct app *app, char *buf, size_t len);

/* ---- screen_lesson_layout.c ---- */
/* Boxed walk diagrams when the terminal has room for them. */
bool screen_lesson_want_boxes(void);
/* Point v's failure reason at buf, in the player's language. */
void screen_lesson_view_reason(const struct app *app, struct walk_view *v, char *buf, size_t len);
/* Rows a walk diagram takes at width (note: a marked entry's note row). */
int screen_lesson_walk_rows_at(enum lang lang, const struct arch *a, const struct walk *w,
			int width, bool note);
/* The retried walk's step that the sync wrote, or -1. */
int screen_lesson_sync_mark(const struct step_fault *f);
/* Place the current step's parts at the terminal's size. */
void screen_lesson_layout_of(const struct app *app, struct layout *lo);
/* The step's body and a quiz's question: malloc'd, NULL when out of memory. */
char *screen_lesson_narrative(const struct app *app);
/* Lines the narrative takes at width. */
int screen_lesson_narrative_lines(const struct app *app, int width);

/* ---- screen_lesson_draw*.c ---- */
/* The lesson screen (a step, or the summary past the last step). */
void screen_lesson_draw(const struct app *app, WINDOW *w);
/* The step's picture in r (screen_lesson_draw_step.c). */
void screen_lesson_draw_top(const struct app *app, WINDOW *w, struct rect r);
/* The quiz block in r (screen_lesson_draw_quiz.c); nothing when r.h <= 0. */
void screen_lesson_draw_quiz(const struct app *app, WINDOW *w, struct rect r);

#endif
