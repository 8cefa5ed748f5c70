/* SPDX-License-Identifier: GPL-2.0-only */
/* app.h - the state of the interactive program and its screens.
 *
 * One struct app is passed to every screen function; nothing is global
 * except the "a signal arrived" flag in app.c. Each screen is one row of a
 * table (struct screen: draw, key, tick, close, ...), defined in its
 * screen_*.c. The main loop (app_run) reads a key or a timer tick, hands it
 * to the current screen's key / tick function (which change state and
 * return a reaction), then draws the current screen from a const app.
 *
 * Screens stack: the home menu, a lesson opened from it, the replayer
 * opened from the lesson's replay step. app_switch is the one place that
 * changes the current screen and closes screens.
 */
#ifndef PAGEWALK_APP_H
#define PAGEWALK_APP_H

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "draw/draw.h"
#include "screen/keys.h"
#include "lesson/lesson.h"
#include "lesson/progress.h"
#include "lesson/quiz.h"
#include "draw/theme.h"

/* The smallest terminal the screens work in; 80x24 is fully usable. */
#define APP_MIN_COLS 60
#define APP_MIN_LINES 20

/* What a key or tick handler asks of the main loop (like htop's
 * HANDLED|REDRAW|RESIZE). */
enum reaction {
	REACT_IGNORED = 0,      /* nothing changed: keep the screen as it is */
	REACT_REDRAW  = 1 << 0, /* state changed: draw the screen again */
	REACT_QUIT    = 1 << 1, /* leave the program (progress is saved) */
};

enum app_screen { SCREEN_HOME, SCREEN_LESSON, SCREEN_REPLAY, SCREEN_LAB, SCREEN_COUNT };

struct app;
struct linuxsrc_job;

/* One screen: its functions, called only by the main loop and app_switch. */
struct screen {
	void (*draw)(const struct app *app, WINDOW *w);
	enum reaction (*key)(struct app *app, int key);
	enum reaction (*tick)(struct app *app);     /* animation timer fired */
	void (*close)(struct app *app);             /* free the screen's state */
	void (*resume)(struct app *app);            /* shown again: the screen above closed */
	unsigned (*ctx)(const struct app *app);     /* key-binding contexts now (CTX_*) */
	/* The help overlay's two sections: the screen's keys, then its input field's. */
	unsigned help_ctx[2];
	const char *help_title[2][LANG_COUNT];
};

extern const struct screen screen_home, screen_lesson, screen_replay, screen_lab;

#define SCREEN_DEPTH 3

/* One speed scale for lesson animations and replays: 1 (slow) .. 7, the
 * same milliseconds a frame or a stage (app_speed_ms), one setting shared. */
#define ANIM_SPEEDS 7

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
	enum { FOCUS_NONE, FOCUS_ANSWER, FOCUS_GOTO, FOCUS_SEARCH } focus;
	struct input input;
	struct quiz_state quiz;
	struct addr_fields fields;  /* of the step's address, when it has one */
	bool have_fields;
	uint64_t seed;              /* quiz seeds: PAGEWALK_SEED, the saved one, or the clock */
	struct progress prog;       /* saved progress, quizzes' records included */
	bool ended;                 /* past the last step: the summary is shown */
	char last_search[96];       /* the last / search, for / Enter */
	bool stepping;              /* s: the walk shown up to anim.frame, one level a press */
	char next_path[1024];       /* the next lesson's file; "" when none */
	char next_title[300];       /* ... and its title */
};

struct home_state {
	struct catalog *cat;        /* the lessons and traces listed (owned) */
	struct progress *prog;      /* one per lesson */
	int sel;                    /* selected row: lessons, then traces */
	int top;                    /* first list row shown (rows: items and headings) */
};

struct app {
	enum lang lang;
	struct theme theme;
	enum app_screen screen;     /* the current screen: stack[depth - 1] */
	enum app_screen stack[SCREEN_DEPTH];  /* open screens, bottom first (app_switch) */
	int depth;                  /* 0: none open yet */
	bool help;                  /* help overlay shown */
	int help_scroll;
	bool quit;
	char status[700];           /* one message, shown until the next key */
	enum role status_role;
	char state_dir[1024];       /* progress directory; "" when unknown */
	struct home_state home;
	struct lesson_state ls;
	struct anim anim;
	struct replay_screen *replay;  /* the trace replayer (screen_replay.h); NULL when closed */
	struct lab_screen *lab;        /* lab mode (screen_lab.h); NULL when closed */
	struct linuxsrc_job *srcjob;   /* Linux's source being extracted (app_source.c) */
	char src_err[600];             /* why the last extraction failed; "" */
	char src_note[400];            /* the running extraction's progress, in words */
	bool src_status;               /* the status line shows src_note */
};

/* Translated UI string. */
#define TR(app, en, ja) ((app)->lang == LANG_JA ? (ja) : (en))

/* Milliseconds a frame (lesson) or a stage (replay) at speed 1 .. ANIM_SPEEDS. */
int app_speed_ms(int speed);
/* Monotonic milliseconds. */
int64_t app_now_ms(void);
/* Set the status line (printf-style) in a role. */
void app_status(struct app *app, enum role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Draw app->status just above the key-hint line: one row, or two (over
 * the screen's last content row) when it is too long for one. */
void app_draw_status(const struct app *app, WINDOW *w);

/* The one transition: make `to` the current screen. When `to` is open
 * underneath, the screens above it are closed (their close hooks run, top
 * first) and its resume hook runs; otherwise `to` opens on top of the
 * current screen, which stays loaded (the current screen itself being `to`:
 * it is closed and opened afresh). The caller fills the new screen's state
 * after the switch. */
void app_switch(struct app *app, enum app_screen to);
/* Whether screen s is open (current or underneath). */
bool app_open_below(const struct app *app, enum app_screen s);

/* Start curses, run the loop until quit, restore the terminal. Returns the
 * exit status (0, or 1 when the terminal cannot be used). */
int app_run(struct app *app);
/* Prepare app (language, progress directory) before any screen opens. */
void app_init(struct app *app, enum lang lang);
/* Free everything the screens hold. */
void app_free(struct app *app);

/* screen_home.c: open the home menu and fill its lists. Returns 0, or -1
 * out of memory (the status line says so). */
int home_open(struct app *app);

/* screen_lesson.c: take ownership of l and open it at its saved step. */
void lesson_open(struct app *app, struct lesson *l);
/* screen_lesson.c: Linux's source has been extracted: read the lines. */
void lesson_source_ready(struct app *app);

/* app_source.c: extract in the background, in one job (linuxsrc.h: the
 * xz blocks that hold them, or the full pass the first time for an
 * upload), every Linux file the replayer and the catalog's lessons (and
 * `also`) show that cannot be read yet, unless a job runs or the package
 * is not installed; the status line says so when it is free. */
void app_source_fetch(struct app *app, const struct lesson *also);
/* The main loop, while app->srcjob: has it ended? Then the open screens
 * have read their lines. True: redraw (it ended, or its progress moved). */
bool app_source_poll(struct app *app);
/* Wait for a running extraction (no terminal to keep alive: replay
 * --cast), progress (may be NULL) told how it goes, then let the open
 * screens read their lines. -1 when *stop was set (the caller's signal
 * handler): the job is cancelled, nothing is left behind. */
struct linuxsrc_progress;
int app_source_finish(struct app *app, const volatile sig_atomic_t *stop,
		      void (*progress)(void *ctx, const struct linuxsrc_progress *p), void *ctx);
/* Stop a running extraction; nothing partial stays in the cache. */
void app_source_stop(struct app *app);
/* What the panes say while Linux's lines are not there yet: the job's
 * progress ("Indexing ... 43% ...", "Reading ... ") while it runs, else
 * why it failed ("" when it did not). */
const char *app_source_note(const struct app *app);

#endif
