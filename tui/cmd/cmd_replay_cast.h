/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_replay_cast.h - `pagewalk replay FILE --cast OUT`: the replay as asciicast v2.
 *
 * The replayer's own screens (replay_draw, the same code the terminal
 * shows) are drawn by curses into a terminal of the given size that writes
 * to a temporary file instead of a tty (newterm with TERM=xterm-256color,
 * the type asciinema's player emulates); every stage of every event asked
 * for becomes one output event holding the bytes curses wrote for it, a
 * second apart. The cast is written atomically (engine/util/file_write.c).
 */
#ifndef PAGEWALK_CAST_REPLAY_H
#define PAGEWALK_CAST_REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "cmd/cmd.h"

#define CAST_STAGE_MS 1000
#define CAST_TERM "xterm-256color"

struct cast_opts {
	const char *trace;           /* the trace file */
	const char *out;             /* the .cast to write */
	size_t first, last;          /* events, 1-based, inclusive; 0: all */
	unsigned width, height;      /* 80x24 unless --size */
	bool force;                  /* replace an existing regular file */
};

/* Load the trace, render, write. Returns the exit status (0, or 1 with
 * the reason printed: a bad trace, events outside it, an unusable
 * terminal type, a file that cannot or may not be written). */
int cmd_replay_cast(const struct globals *g, const struct cast_opts *o);

#endif
