/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay_int.h - what the trace replayer's files share. Not for the
 * other screens: they open a trace with screen_replay_open() and move it
 * with screen_replay_goto_event() (screen_replay.h).
 *
 *   screen_replay.c        state: open and close, the engine's replay
 *                          cursor, play and pause, the keys; the screen row
 *   screen_replay_input.c  the typed fields: go to event (g), search (/)
 *   screen_replay_draw.c   every row of the screen, from a const app
 *   screen_replay_calls.c  a Linux trace's call chain and the source of
 *                          its current frame (struct calls_view)
 *   screen_replay_predict.c  predict mode: a fault's route guessed before
 *                          its handler is shown
 *
 * The state is struct replay_screen, app->replay while the screen is
 * open: it owns the trace, the engine's cursor over it and the code
 * panes' copies. Only screen_replay.c and screen_replay_input.c change it;
 * the drawing files read it (and screen_replay_predict.c, its predict fields and
 * the cursor when a guess lets the handler run). Calls go down this list's order's reverse:
 * screen_replay.c uses the three others, screen_replay_draw.c uses
 * screen_replay_calls.c, nothing uses screen_replay.c.
 */
#ifndef PAGEWALK_SCREEN_REPLAY_INT_H
#define PAGEWALK_SCREEN_REPLAY_INT_H

#include <curses.h>

#include "draw/draw.h"
#include "screen/screen_replay.h"
#include "trace/replay.h"
#include "trace/trace.h"

/* ---- screen_replay_calls.c: a Linux trace's call chains ---- */

/* Ownership: struct calls_view owns the engine's replay_lxsrc and the
 * tab-expanded copies of its files; screen_replay_calls_free releases
 * them. It borrows the trace it was loaded from (files[] and the
 * replay_lxsrc's names point into it), so the trace must outlive it: free
 * the view first. screen_replay_calls_free itself reads nothing of the
 * trace. */
struct calls_view {
	bool used;                    /* the trace has calls */
	int state;                    /* replay_lxsrc_new's: 0, 1 not installed, 2 being
					 extracted (app_source.c), -1 */
	bool refetched;               /* a second extraction was started */
	char err[600];                /* why (state 1 and -1) */
	struct replay_lxsrc *src;     /* owned, state 0 */
	const char *files[64];        /* replay_lxsrc_files */
	char **lines[64];             /* each file's lines, tabs expanded (NULL: none) */
	size_t nlines[64];            /* how many lines[i] holds */
	size_t nfiles;
	char **prog_lines;            /* the trace's program source by line (format 5), or NULL */
	size_t prog_nlines;
};

/* A line with its tabs expanded to TEXT_TAB (8) columns, as the lesson's
 * code pane shows them (malloc'd; NULL when out of memory): the
 * replayer's code panes show source this way. */
char *screen_replay_expand_tabs(const char *s);

/* Set v up for t: used when t has calls, then its files read through src
 * (NULL: not installed; how: REPLAY_LXSRC_CACHED when opening, _AS_IS when
 * an extraction ended, cause its error). -1 when out of memory. */
struct linuxsrc;
int screen_replay_calls_load(struct calls_view *v, const struct trace *t, enum replay_lxsrc_how how,
			     struct linuxsrc *src, const char *cause);
void screen_replay_calls_free(struct calls_view *v);

/* The current stack (breadcrumb, one row) or the whole chain, one frame a
 * row with the current one marked (list), of the current event into r. */
void screen_replay_calls_chain(const struct app *app, WINDOW *w, struct rect r, const struct replay *rp,
		      bool list);
/* Rows the whole chain list takes for the current event (with its heading). */
int screen_replay_calls_rows(const struct replay *rp);

/* A line with its tabs expanded to TEXT_TAB (8) columns, as the lesson's
 * code pane shows them (malloc'd; NULL when out of memory): the
 * replayer's code panes show source this way. */
char *screen_replay_expand_tabs(const char *s);
/* Set v up for t: used when t has calls, then its files read through src
 * (NULL: not installed; how: REPLAY_LXSRC_CACHED when opening, _AS_IS when
 * an extraction ended, cause its error). -1 when out of memory. */
int screen_replay_calls_load(struct calls_view *v, const struct trace *t,
			     enum replay_lxsrc_how how, struct linuxsrc *src, const char *cause);
void screen_replay_calls_free(struct calls_view *v);
/* The current stack (breadcrumb, one row) or the whole chain, one frame a
 * row with the current one marked (list), of the current event into r. */
void screen_replay_calls_chain(const struct app *app, WINDOW *w, struct rect r,
			       const struct replay *rp, bool list);
/* Rows the whole chain list takes for the current event (with its heading). */
int screen_replay_calls_rows(const struct replay *rp);
/* The code pane: the current frame's file, on its line, highlighted (the
 * first frame's, not highlighted, before the handler runs; a frame with no
 * line lit: its function from the start, nothing highlighted, and why);
 * without the source, the chain's functions and file:line and how to get
 * it. scroll: lines the reader scrolled from there (shown within the
 * file). */
void screen_replay_calls_code(const struct app *app, WINDOW *w, struct rect r,
			      const struct calls_view *v, const struct replay *rp, int scroll);
/* Lines of the file the code pane shows for the current frame (0: none). */
size_t screen_replay_calls_nlines(const struct calls_view *v, const struct replay *rp);

/* ---- the state (screen_replay.c) ---- */

/* A code excerpt in one language with its tabs expanded, as struct
 * code_lines wants it. */
struct code_copy {
	const struct replay_excerpt *ex;
	char **lines;
};
enum { CODE_LX_FAULT, CODE_LX_MM, CODE_GUEST, CODE_COUNT };

struct replay_screen {
	struct trace *trace;        /* owned */
	struct replay *r;           /* owned */
	char path[1024];
	bool playing;
	enum { RF_NONE, RF_GOTO, RF_SEARCH, RF_PREDICT } focus;
	struct input input;
	char query[256];            /* the active search; "" when none */
	unsigned char *hits;        /* owned: per event, 1 when it matches query (the
				       timeline marks them); NULL when no search */
	size_t nhits;               /* how many match */
	struct code_copy code[CODE_COUNT];  /* v6.1 fault.c, memory.c, guest/fault.c */
	struct replay_excerpt *guest;      /* owned; NULL: not a guest trace, or not found */
	struct replay_excerpt *lx_fault, *lx_mm;  /* owned; NULL: Linux's lines not available */
	int lx_state;               /* replay_linux_new's result: 0, 1 not installed,
				       2 being extracted (app_source.c), -1 */
	char lx_err[700];           /* when -1: why */
	char guest_err[700];        /* why the guest's source cannot be shown */
	bool guest_view;            /* the code pane shows the guest's own source */
	struct calls_view calls;    /* a Linux trace's call chains and their source */
	/* the code pane scrolled by the reader, at one stage: lines from where
	 * the stage puts it (another key or a new stage goes back to its own
	 * line); the keys keep it within the pane's file, the drawing within
	 * the rows */
	int code_scroll;
	size_t scroll_event, scroll_stage;
	/* predict mode (screen_replay_predict.c) */
	bool predict;               /* on: each fault stops before its handler (kept) */
	bool predict_resume;        /* it was playing when it stopped to ask */
	size_t predict_asked;       /* the event last asked about; (size_t)-1 none */
	uint64_t predict_done;      /* ... bit k: the question before its stage k asked */
	int predict_at;             /* the question open: a walk step, or the route (-2) */
	unsigned predict_right, predict_total;  /* guesses this visit */
	char predict_said[400];     /* why the last guess was not read ("" none) */
};

/* The reader's scroll of the code pane at the current stage: 0 when the
 * stage changed since it was set. */
static inline int screen_replay_scroll(const struct replay_screen *rs)
{
	return rs->scroll_event == replay_event(rs->r) && rs->scroll_stage == replay_stage(rs->r)
	       ? rs->code_scroll : 0;
}

/* The open replayer's state; NULL when it is closed. */
static inline struct replay_screen *screen_replay_state(const struct app *app)
{
	return app->replay;
}

/* ---- screen_replay_input.c: go to an event, search ---- */

/* Open the field for a number (RF_GOTO) or a search (RF_SEARCH), empty. */
void screen_replay_input_open(struct replay_screen *rs, int focus);
/* A key while the field is open: typing, Enter, Backspace, Esc. */
enum reaction screen_replay_input_key(struct app *app, int key);
/* Move to the first stage of event k; what (or NULL): a status line. */
void screen_replay_go(struct app *app, size_t k, const char *what);
/* The next (dir 1) or previous (-1) event matching the active search. */
void screen_replay_search(struct app *app, int dir);

/* ---- screen_replay_predict.c: predict mode ---- */

/* Read the mode from the progress directory (at opening). */
void screen_replay_predict_load(struct app *app, struct replay_screen *rs);
/* P: turn it on or off, and keep the choice. */
void screen_replay_predict_toggle(struct app *app);
/* Before a step forwards: in predict mode, when the next stage shows a
 * real level of the fault's walk or is the first of its handler, and its
 * question was not asked on this visit, stop (pausing play) and open the
 * field (RF_PREDICT); true then. */
bool screen_replay_predict_gate(struct app *app);
/* Enter in the field: grade the guess (not read: ask again), say how it
 * went, and go on into the handler. */
void screen_replay_predict_submit(struct app *app);
/* Esc in the field: go on without a guess. */
void screen_replay_predict_skip(struct app *app);
/* The field's prompt (a static buffer for a level's question). */
const char *screen_replay_predict_prompt(const struct app *app);
/* Is the open question the route (else a level of the walk)? */
bool screen_replay_predict_route(const struct app *app);

/* ---- screen_replay_draw.c ---- */

/* The whole screen from the state, changing nothing. */
void screen_replay_draw(const struct app *app, WINDOW *w);

#endif
