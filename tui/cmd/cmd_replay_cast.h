/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_replay_cast.h - `pagewalk replay FILE --cast OUT`: the replay as asciicast v2.
 *
 * The replayer's own screens (replay_draw, the same code the terminal
 * shows) are drawn by curses into a terminal of the given size that writes
 * to a temporary file instead of a tty (newterm with TERM=xterm-256color,
 * the type asciinema's player emulates); every stage of every event asked
 * for becomes one output event holding the bytes curses wrote for it,
 * stage_ms apart (a second by default). The last frame is held for hold_ms
 * (three seconds by default); then one more event ends the cast as the
 * replayer ends in a terminal: curses' own end (endwin: attributes reset,
 * the cursor shown again, the alternate screen left), so a cast written
 * to a terminal (asciinema cat) leaves it as it found it. The cast is
 * written atomically (engine/util/file_write.c).
 */
#ifndef PAGEWALK_CAST_REPLAY_H
#define PAGEWALK_CAST_REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/cmd.h"

#define CAST_STAGE_MS 1000
#define CAST_HOLD_MS 3000
#define CAST_MS_MAX 600000           /* --stage-time and --hold at most (ten minutes) */
#define CAST_TERM "xterm-256color"

struct cast_opts {
	const char *trace;           /* the trace file */
	const char *out;             /* the .cast to write */
	size_t first, last;          /* events, 1-based, inclusive; 0: all */
	unsigned width, height;      /* 80x24 unless --size */
	unsigned stage_ms;           /* between frames: --stage-time, CAST_STAGE_MS */
	unsigned hold_ms;            /* the last frame before the end: --hold, CAST_HOLD_MS */
	bool force;                  /* replace an existing regular file */
};

/* Seconds ("2", "0.5", "1.25": at most three decimals) as milliseconds in
 * *ms, from min to CAST_MS_MAX. 0, or -1 when s is not such a number. */
int cmd_cast_seconds(const char *s, unsigned min, unsigned *ms);

/* Load the trace, render, write. Returns the exit status (0, or 1 with
 * the reason printed: a bad trace, events outside it, an unusable
 * terminal type, a file that cannot or may not be written). */
int cmd_replay_cast(const struct globals *g, const struct cast_opts *o);

#endif
