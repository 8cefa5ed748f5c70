/* SPDX-License-Identifier: GPL-2.0-only */
/* app.h - the state of the interactive program and its screens.
 *
 * One struct app is passed to every screen function; nothing is global
 * except the "a signal arrived" flag in app.c. The main loop (app_run)
 * reads a key or a timer tick, hands it to the current screen's *_key /
 * *_tick function (which change state and return what to redraw), then
 * draws the current screen with its *_draw function from a const app.
 */
#ifndef PAGEWALK_APP_H
#define PAGEWALK_APP_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "draw.h"
#include "keys.h"
#include "lesson.h"
#include "progress.h"
#include "quiz.h"
#include "theme.h"

/* The smallest terminal the screens work in; 80x24 is fully usable. */
#define APP_MIN_COLS 60
#define APP_MIN_LINES 20

/* What a handler asks of the loop. */
enum { H_NONE = 0, H_REDRAW = 1 };

enum app_screen { SCREEN_HOME, SCREEN_LESSON, SCREEN_REPLAY };

#define ANIM_SPEEDS 5

struct anim {
	bool running;
	int frame;              /* frames shown: 0 .. frames */
	int frames;             /* frames of the current step (0: nothing to animate) */
	int64_t next_ms;        /* monotonic deadline of the next frame */
	int speed;              /* 1 (slow) .. ANIM_SPEEDS (fast) */
};

/* A one-line text field (ASCII: answers are numbers and words). */
struct input {
	char buf[96];
	size_t len;
};

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

struct lesson_state {
	struct lesson *lesson;      /* owned */
	size_t step;                /* 0-based */
	int scroll;                 /* narrative scroll, wrapped lines */
	enum { FOCUS_NONE, FOCUS_ANSWER, FOCUS_GOTO } focus;
	struct input input;
	struct quiz_state quiz;
	struct addr_fields fields;  /* of the step's address, when it has one */
	bool have_fields;
	uint64_t seed;              /* quiz seeds: PAGEWALK_SEED or the clock */
};

struct home_state {
	struct lesson_list lessons;
	struct progress *prog;      /* one per lesson */
	char **traces;              /* paths */
	char **trace_info;          /* one line about each: scenario, arch, source,
	                               faults, or why it does not load */
	bool *trace_ok;             /* false: the trace does not load */
	size_t ntraces;
	int sel;                    /* selected row: lessons, then traces */
	int top;                    /* first row shown */
	bool loaded;
};

struct app {
	enum lang lang;
	struct theme theme;
	enum app_screen screen;
	bool from_home;             /* the lesson was opened from the menu */
	bool help;                  /* help overlay shown */
	int help_scroll;
	bool quit;
	char status[700];           /* one message, shown until the next key */
	enum role status_role;
	char state_dir[1024];       /* progress directory; "" when unknown */
	struct home_state home;
	struct lesson_state ls;
	struct anim anim;
	struct replay_screen *replay;  /* the trace replayer (tui/replay.h); NULL when closed */
	bool replay_over_lesson;    /* the replayer was opened from a lesson's replay
	                               step: app->ls still holds the lesson, q returns to it */
};

/* Translated UI string. */
#define TR(app, en, ja) ((app)->lang == LANG_JA ? (ja) : (en))

/* Monotonic milliseconds. */
int64_t app_now_ms(void);
/* Set the status line (printf-style) in a role. */
void app_status(struct app *app, enum role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Draw app->status just above the key-hint line: one row, or two (over
 * the screen's last content row) when it is too long for one. */
void app_draw_status(const struct app *app, WINDOW *w);

/* Start curses, run the loop until quit, restore the terminal. Returns the
 * exit status (0, or 1 when the terminal cannot be used). */
int app_run(struct app *app);
/* Prepare app (language, progress directory) before any screen opens. */
void app_init(struct app *app, enum lang lang);
/* Free everything the screens hold. */
void app_free(struct app *app);

/* screen_home.c */
int home_load(struct app *app);                 /* fill the lists */
void home_draw(const struct app *app, WINDOW *w);
int home_key(struct app *app, int key);
void home_free(struct home_state *h);

/* screen_lesson.c */
/* Take ownership of l and open it at its saved step. */
void lesson_open(struct app *app, struct lesson *l);
void lesson_close(struct app *app);
void lesson_draw(const struct app *app, WINDOW *w);
int lesson_key(struct app *app, int key);
int lesson_tick(struct app *app);               /* animation timer fired */
/* Leave a replayer opened from a replay step: back to the lesson at that step. */
void lesson_back_from_replay(struct app *app);
/* Key-binding context of the lesson screen now (CTX_LESSON or CTX_INPUT). */
unsigned lesson_ctx(const struct app *app);

#endif
