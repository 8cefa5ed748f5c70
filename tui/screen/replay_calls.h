/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_calls.h - the replayer's view of a Linux trace's call chain
 * (private to screen_replay.c): the chain as a breadcrumb or a stack list,
 * and the code pane on the current frame's line of the user's own
 * linux-source-6.1 (engine: replay.h, replay_lxsrc_*).
 *
 * Ownership: struct calls_view owns the engine's replay_lxsrc and the
 * tab-expanded copies of its files; calls_view_free releases them. It
 * borrows the trace it was loaded from (files[] and the replay_lxsrc's
 * names point into it), so the trace must outlive it: free the view
 * first. calls_view_free itself reads nothing of the trace.
 */
#ifndef PAGEWALK_REPLAY_CALLS_H
#define PAGEWALK_REPLAY_CALLS_H

#include <curses.h>

#include "screen/app.h"
#include "draw/draw.h"
#include "trace/replay.h"

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
};

/* A line with its tabs expanded to TEXT_TAB (8) columns, as the lesson's
 * code pane shows them (malloc'd; NULL when out of memory): the
 * replayer's code panes show source this way. */
char *code_expand_tabs(const char *s);

/* Set v up for t: used when t has calls, then its files read through src
 * (NULL: not installed; how: REPLAY_LXSRC_CACHED when opening, _AS_IS when
 * an extraction ended, cause its error). -1 when out of memory. */
int calls_view_load(struct calls_view *v, const struct trace *t, enum replay_lxsrc_how how,
		    struct linuxsrc *src, const char *cause);
void calls_view_free(struct calls_view *v);

/* The current stack (breadcrumb, one row) or the whole chain, one frame a
 * row with the current one marked (list), of the current event into r. */
void calls_draw_chain(const struct app *app, WINDOW *w, struct rect r, const struct replay *rp,
		      bool list);
/* Rows the whole chain list takes for the current event (with its heading). */
int calls_list_rows(const struct replay *rp);
/* The code pane: the current frame's file, on its line, highlighted (the
 * first frame's, not highlighted, before the handler runs); without the
 * source, the chain's functions and file:line and how to get it. */
void calls_draw_code(const struct app *app, WINDOW *w, struct rect r, const struct calls_view *v,
		     const struct replay *rp);

#endif
