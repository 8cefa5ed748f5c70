/* SPDX-License-Identifier: GPL-2.0-only */
/* app.h - tui/screen, the group: the interactive program's state, its
 * main loop, its keys and its screens. The group's contract.
 *
 * The group (tui/screen/), each file a layer over the ones after it:
 *   screen_home.c       the home menu (screen_home.h)
 *   screen_lesson*.c    the lesson player (screen_lesson.h; its files:
 *                       screen_lesson_int.h)
 *   screen_lab.c        lab mode (screen_lab.h)
 *   screen_replay*.c    the trace replayer (screen_replay.h; its files:
 *                       screen_replay_int.h)
 *   app_loop.c          app_init, app_run (curses, the loop, signals, the
 *                       help overlay; its parts app_draw, app_input,
 *                       app_tick for tests/tui/headless.c), app_free,
 *                       app_offscreen_open (a curses screen of its own)
 *   app_source.c        Linux's source extracted in the background
 *   app.c               what screens ask of the app: status line, speed,
 *                       switching screens
 *   keybar.c, keys.c    the key hint bars, and the one key table
 * A screen may open another (home opens lessons and traces, a lesson's
 * replay step the replayer), never one it was opened from; nothing in the
 * group calls a screen but through its row (struct screen) or its open
 * function. The group calls tui/draw and the engine, never tui/cmd.
 *
 * Names: app_*, keys_*, keybar_*, and screen_NAME_* for a screen's (its
 * row is screen_NAME_ops); no name is shared with the engine's.
 *
 * State: one struct app is passed to every function; each open screen's
 * state hangs off it (app->home, app->ls, app->replay, app->lab), owned by
 * the screen: made when it opens, freed by its close hook. The only
 * globals are app_loop.c's three signal flags (a fatal signal, SIGTSTP,
 * SIGCONT), set by handlers that do nothing else, and draw_check.c's open
 * report. Each screen is a row of the table the command hands to app_init
 * (struct screen: draw, key, tick, close, ...). The main loop (app_run)
 * reads a key or a timer tick, hands it to the current screen's key /
 * tick function (which change state and return a reaction), then draws
 * the current screen from a const app: drawing never changes state.
 *
 * Screens stack: the home menu, a lesson opened from it, the replayer
 * opened from the lesson's replay step. app_switch is the one place that
 * changes the current screen and closes screens.
 *
 * Errors: what a screen cannot do (a file that does not load, out of
 * memory) it says on the status line and stays as it was; nothing in the
 * group prints: app_run reports a terminal it cannot use in app->error.
 * Cost: a key is handled and the screen drawn in time linear in what is
 * shown; loading (a lesson, a trace) is the engine's and happens on open.
 */
#ifndef PAGEWALK_APP_H
#define PAGEWALK_APP_H

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "draw/draw.h"
#include "draw/theme.h"
#include "lesson/lesson.h"
#include "screen/keys.h"
#include "util/env.h"

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

enum app_screen { SCREEN_HOME, SCREEN_LESSON, SCREEN_REPLAY, SCREEN_LAB, SCREEN_SANDBOX,
		  SCREEN_COUNT };

struct app;
struct linuxsrc_job;
struct home_state;
struct lesson_state;

/* One screen: its functions, called only by the main loop (app_loop.c),
 * app_switch and app_source.c, through the table app_init was given. NULL
 * hooks are skipped. */
struct screen {
	void (*draw)(const struct app *app, WINDOW *w);
	enum reaction (*key)(struct app *app, int key);
	enum reaction (*tick)(struct app *app);     /* animation timer fired */
	void (*close)(struct app *app);             /* free the screen's state */
	void (*resume)(struct app *app);            /* shown again: the screen above closed */
	unsigned (*ctx)(const struct app *app);     /* key-binding contexts now (CTX_*) */
	/* What the screen shows, for PAGEWALK_DRAWCHECK reports ("lesson 07 step 9"). */
	void (*where)(const struct app *app, char *buf, size_t len);
	/* Linux's source files the screen shows (pointers it owns, at most max),
	 * extracted with the rest (app_source.c). */
	size_t (*source_files)(const struct app *app, const char **files, size_t max);
	/* Linux's source has been extracted: read the lines again. */
	void (*source_ready)(struct app *app);
	/* Open the screen afresh with nothing under it (the home menu, when m
	 * is pressed on a screen opened alone): 0, or -1 (the status says why). */
	int (*open)(struct app *app);
	/* The help overlay's two sections: the screen's keys, then its input field's. */
	unsigned help_ctx[2];
	const char *help_title[2][LANG_COUNT];
};

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

/* A one-line text field (ASCII: answers are numbers and words, a file
 * name in the sandbox). */
struct input {
	char buf[256];
	size_t len;
};

struct app {
	enum lang lang;
	struct theme theme;
	const struct screen *const *screens;   /* app_init's table, by enum app_screen */
	const struct env *env;      /* the environment, read once (PAGEWALK_SEED, ...) */
	const char *lang_note;      /* shown on the status line when the loop starts; NULL */
	bool utf8;                  /* the locale's codeset is UTF-8 */
	enum app_screen screen;     /* the current screen: stack[depth - 1] */
	enum app_screen stack[SCREEN_DEPTH];  /* open screens, bottom first (app_switch) */
	int depth;                  /* 0: none open yet */
	bool help;                  /* help overlay shown */
	int help_scroll;
	bool quit;
	char status[700];           /* one message, shown until the next key */
	enum role status_role;
	char state_dir[1024];       /* progress directory; "" when unknown */
	struct home_state *home;       /* the home menu (screen_home.c); NULL when closed */
	struct lesson_state *ls;       /* the lesson player (screen_lesson_int.h); NULL when closed */
	struct anim anim;
	struct replay_screen *replay;  /* the trace replayer (screen_replay.h); NULL when closed */
	struct lab_screen *lab;        /* lab mode (screen_lab.h); NULL when closed */
	struct sandbox_screen *sandbox; /* the sandbox (screen_sandbox.h); NULL when closed */
	struct linuxsrc_job *srcjob;   /* Linux's source being extracted (app_source.c) */
	char src_err[600];             /* why the last extraction failed; "" */
	char src_note[400];            /* the running extraction's progress, in words */
	bool src_status;               /* the status line shows src_note */
	bool src_more;                 /* after srcjob, a job for every lesson's files */
	char error[300];               /* app_run could not use the terminal: why */
};

/* Translated UI string. */
#define TR(app, en, ja) ((app)->lang == LANG_JA ? (ja) : (en))

/* Milliseconds a frame (lesson) or a stage (replay) at speed 1 .. ANIM_SPEEDS. */
int app_speed_ms(int speed);
/* The one speed handler of every screen: one step faster (dir > 0) or
 * slower (dir < 0), kept within 1 .. ANIM_SPEEDS; returns the new speed. */
int app_speed_step(struct app *app, int dir);
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
/* q and m on a screen opened over others: q (menu false) goes back to
 * the screen underneath, or quits when there is none (a lesson or a trace
 * opened from the command line); m goes to the home menu, opening it in
 * place of the open screens when it was never open. */
enum reaction app_leave(struct app *app, bool menu);
/* A key bar's q and m items as app_leave does them: q's words say where
 * it goes (menu, lesson, quit), m's item is dropped when q goes to the
 * menu already. Rewrites items[0..n) in place; returns the new count. */
struct bar_item;
size_t app_bar_leave(const struct app *app, struct bar_item *items, size_t n);
/* Whether screen s is open (current or underneath). */
bool app_open_below(const struct app *app, enum app_screen s);

/* ---- app_loop.c: the program's life ---- */

/* What the command decided before any screen opens (tui/cmd/cmd_app.c). */
struct app_setup {
	enum lang lang;
	const char *lang_note;     /* why Japanese is not shown: on the status line; NULL */
	bool utf8;                 /* the locale's codeset is UTF-8 */
	const struct env *env;     /* the environment, read once at start-up */
	/* the screens it can open: one row per enum app_screen (a NULL row
	 * cannot be opened); this layer names no screen itself */
	const struct screen *const *screens;
};

/* Prepare app before any screen opens: what s says, and the progress
 * directory (from the environment). */
void app_init(struct app *app, const struct app_setup *s);
/* Start curses, run the loop until quit, restore the terminal. Returns the
 * exit status: 0, 128 + the signal that ended it, or 1 when the terminal
 * cannot be used (app->error then says why; nothing is printed here). */
int app_run(struct app *app);
/* The loop's parts, for app_run and for a test harness that drives the
 * screens on a curses screen of its own (tests/tui/headless.c):
 * app_curses_setup sets the terminal's modes, the theme and the draw check
 * on the current curses screen; app_draw draws the current screen and the
 * help overlay; app_input hands one key (KEY_RESIZE included) to the help
 * overlay or the current screen and draws when it asks (app->quit: it
 * asked to quit); app_tick fires the animation timer now, whatever its
 * deadline. */
void app_curses_setup(struct app *app);
/* A curses screen of the program's own, not the terminal's: W x H of
 * terminal type term, writing to out (replay --cast takes the bytes from
 * it, tests/tui/headless.c gives /dev/null), reading nothing, drawing in
 * UTF-8 whatever the caller's locale, made the current screen. Returns 0,
 * or -1 (out NULL, or no such terminal type); either way
 * app_offscreen_close ends it, closes out and puts the locale and the
 * environment back. */
struct app_offscreen {
	SCREEN *scr;
	FILE *out, *in;
	char *locale;                /* LC_CTYPE before, restored at the end */
};
int app_offscreen_open(struct app_offscreen *os, unsigned w, unsigned h, const char *term,
		       FILE *out);
void app_offscreen_close(struct app_offscreen *os);
void app_draw(const struct app *app);
void app_input(struct app *app, int key);
void app_tick(struct app *app);
/* Free everything the screens hold. */
void app_free(struct app *app);

/* ---- app.c: what the screens ask of the app ---- */

/* Hand a key to the current screen, as the main loop does (a screen that
 * gives way to the one below it passes the key on). */
enum reaction app_key(struct app *app, int key);

/* app_source.c: extract in the background (linuxsrc.h: the xz blocks
 * that hold them, or the full pass the first time for an upload) the
 * Linux files the open screens and `also` show that cannot be read yet,
 * then in a second job every file the catalog's lessons show, unless a
 * job runs or the package is not installed; the status line says so
 * when it is free. */
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
