/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay.h - the trace replayer screen (`pagewalk replay FILE`,
 * traces opened from the home menu, a lesson's replay step).
 *
 * The screen's state (struct replay_screen, screen_replay_int.h) owns the
 * loaded trace and the engine's replay cursor over it (trace/replay.h);
 * struct app points to it while the screen is open. Drawing reads only;
 * keys and timer ticks move the cursor. While paused nothing ticks: the
 * main loop sleeps in getch. Opened over a lesson, q and m go back to it.
 */
#ifndef PAGEWALK_SCREEN_REPLAY_H
#define PAGEWALK_SCREEN_REPLAY_H

#include <stddef.h>

#include "screen/app.h"
#include "trace/trace.h"

/* The replayer's row of the screen table. */
extern const struct screen screen_replay_ops;

/* Load the trace at path and open the replay screen on it, over the
 * current screen (app_switch). Returns 0, or -1 with d filled (the file's
 * FILE:LINE:COL error, or out of memory); the screen is then unchanged. */
int screen_replay_open(struct app *app, const char *path, struct diag *d);
/* Open the screen on a loaded trace (taking ownership of t, even on
 * failure). Returns 0, or -1 when out of memory. */
int screen_replay_open_trace(struct app *app, struct trace *t, const char *path);
/* Move the open replayer to the first stage of event k (0-based), e.g. a
 * lesson's replay step opening it at its fault. Returns 0, or -1 when no
 * replayer is open, k is out of range or memory ran out. */
int screen_replay_goto_event(struct app *app, size_t k);
/* Where the open replayer is: event and stage (0-based) and the event's
 * number of stages (for exports). -1 when no replayer is open. */
int screen_replay_position(const struct app *app, size_t *event, size_t *stage, size_t *nstages);

#endif
