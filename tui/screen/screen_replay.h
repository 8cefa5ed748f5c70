/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay.h - the trace replayer screen (`pagewalk replay FILE`, and traces
 * opened from the home menu).
 *
 * The screen's state lives in struct replay_screen (screen_replay.c), which
 * owns the loaded trace and the engine's replay cursor (engine/replay.h);
 * struct app holds a pointer to it while the screen is open; its row of
 * the screen table is screen_replay_ops (app.h). Drawing reads only; keys and
 * timer ticks move the cursor. While paused nothing ticks:
 * the main loop sleeps in getch.
 */
#ifndef PAGEWALK_REPLAY_SCREEN_H
#define PAGEWALK_REPLAY_SCREEN_H

#include <curses.h>

#include "screen/app.h"
#include "cmd/cmd.h"
#include "draw/draw.h"
/* the engine's replay.h, not this file (same name, other directory) */
#include "trace/replay.h"
#include "trace/trace.h"

/* Load the trace at path and open the replay screen on it, over the
 * current screen (app_switch). Returns 0, or -1 with d filled (the file's
 * FILE:LINE:COL error, or out of memory); the screen is then unchanged. */
int screen_replay_open(struct app *app, const char *path, struct diag *d);
/* Open the screen on a loaded trace (taking ownership of t, even on
 * failure). Returns 0, or -1 when out of memory. */
int screen_replay_open_trace(struct app *app, struct trace *t, const char *path);
/* Linux's source has been extracted: read the v6.1 panes' lines. */
void screen_replay_source_ready(struct app *app);
/* The source files the open replayer's trace's call chains point into
 * (pointers into the trace, at most max): extracted with the rest. */
size_t screen_replay_source_files(const struct app *app, const char **files, size_t max);
/* Move the open replayer to the first stage of event k (0-based), e.g. a
 * lesson's replay step opening it at its fault. Returns 0, or -1 when no
 * replayer is open, k is out of range or memory ran out. */
int screen_replay_goto_event(struct app *app, size_t k);
/* Where the open replayer is: event and stage (0-based) and the event's
 * number of stages (for exports). -1 when no replayer is open. */
int screen_replay_position(const struct app *app, size_t *event, size_t *stage, size_t *nstages);
/* "TRACE event E stage S", for PAGEWALK_DRAWCHECK reports. */
void screen_replay_where(const struct app *app, char *buf, size_t len);
/* `pagewalk replay FILE` as a function: load (errors printed as
 * FILE:LINE:COL: message before curses starts), run, return the exit
 * status (0, or 1 for a bad file or an unusable terminal). */
int screen_replay_run(enum lang lang, const char *path);

/* draw_tables.c (the process's table beside the master) is draw_tables.h,
 * shared with lesson fault steps. */
#include "draw/draw_tables.h"

#endif
