/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_replay.c - `pagewalk replay FILE`: the trace replayer. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "screen_replay.h"

int cmd_replay(const struct globals *g, int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("usage: pagewalk [--lang en|ja] replay FILE\n"
		     "Replay a recorded page-fault trace stage by stage (? in the replayer lists the keys).");
		return 0;
	}
	if (argc != 2 || (argv[1][0] == '-' && argv[1][1]))
		return cmd_error(EXIT_USAGE, "usage: pagewalk replay FILE");
	/* the file is loaded and checked before curses starts: a bad trace
	 * prints FILE:LINE:COL: message and leaves the terminal alone */
	return replay_run(g->lang, argv[1]);
}
