/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_replay.c - `pagewalk replay FILE`: the trace replayer, or with
 * --cast OUT its screens as an asciicast v2 file (cmd_replay_cast.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "screen/app.h"
#include "cmd/cmd_replay_cast.h"
#include "cmd/cmd.h"
#include "screen/screen_replay.h"

static void replay_usage(FILE *f)
{
	fputs("usage: pagewalk [--lang en|ja] replay FILE\n"
	      "       pagewalk [--lang en|ja] replay FILE --cast OUT.cast [--events A-B]\n"
	      "                [--size WxH] [--stage-time SECONDS] [--hold SECONDS] [--force]\n"
	      "Replay a recorded page-fault trace stage by stage (? in the replayer lists the keys).\n"
	      "\n"
	      "--cast writes the replayer's screens, one per stage (--stage-time apart,\n"
	      "default 1 s), as an asciicast v2 file for asciinema (asciinema play\n"
	      "OUT.cast): all events, or events A to B (numbers as `pagewalk dump` prints\n"
	      "them; N alone is one event), at 80x24 or --size WxH. The last frame stays\n"
	      "for --hold seconds (default 3), then the cast ends as the replayer does,\n"
	      "the terminal restored. An existing OUT is replaced only with --force, and\n"
	      "never when it is not a regular file.\n", f);
}

/* "A-B" or "N" (1-based) into *a, *b; -1 when malformed. */
static int events_parse(const char *s, size_t *a, size_t *b)
{
	char *end;
	unsigned long long x, y;

	if (!(s[0] >= '1' && s[0] <= '9'))
		return -1;
	x = strtoull(s, &end, 10);
	y = x;
	if (*end == '-') {
		if (!(end[1] >= '1' && end[1] <= '9'))
			return -1;
		y = strtoull(end + 1, &end, 10);
	}
	if (*end || x > y || y > (size_t)-1 / 2)
		return -1;
	*a = (size_t)x;
	*b = (size_t)y;
	return 0;
}

static int size_parse(const char *s, unsigned *w, unsigned *h)
{
	unsigned x, y;
	char c;

	if (sscanf(s, "%3ux%3u%c", &x, &y, &c) != 2 || x < APP_MIN_COLS || y < APP_MIN_LINES ||
	    x > 400 || y > 200)
		return -1;
	*w = x;
	*h = y;
	return 0;
}

/* The replayer on the trace at path: loaded and checked before curses
 * starts (a bad trace prints FILE:LINE:COL: message and leaves the
 * terminal alone), then run. Returns the exit status. */
static int replay_run(const struct globals *g, const char *path)
{
	struct diag d;
	struct app app;
	int rc;

	cmd_app_init(&app, g);
	app.status[0] = '\0';       /* progress files do not matter here */
	if (screen_replay_open(&app, path, &d) < 0) {
		app_free(&app);
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		app_free(&app);
		return cmd_error(EXIT_BADINPUT, "the replayer needs a terminal "
				 "(stdin and stdout must be a tty); `pagewalk dump %s` prints the trace",
				 path);
	}
	rc = cmd_app_run(&app);
	app_free(&app);
	return rc;
}

int cmd_replay(const struct globals *g, int argc, char **argv)
{
	struct cast_opts o = { .width = 80, .height = 24, .stage_ms = CAST_STAGE_MS,
			       .hold_ms = CAST_HOLD_MS };
	bool events = false, size = false, timing = false;
	static const struct option longs[] = {
		{ "cast", required_argument, NULL, 'c' },
		{ "events", required_argument, NULL, 'e' },
		{ "size", required_argument, NULL, 's' },
		{ "hold", required_argument, NULL, 'H' },
		{ "stage-time", required_argument, NULL, 'T' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;
	int c;

	cmd_opt_begin(&p, "replay", argc, argv, "h", longs, replay_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		switch (c) {
		case 'f':
			o.force = true;
			break;
		case 'H':
		case 'T':
			timing = true;
			if (cmd_cast_seconds(p.arg, c == 'H' ? 0 : 50,
					     c == 'H' ? &o.hold_ms : &o.stage_ms) < 0)
				return cmd_error(EXIT_USAGE, "replay: %s wants SECONDS (like 2 or 0.5; "
						 "%s to %d)", p.name, c == 'H' ? "0" : "0.05",
						 CAST_MS_MAX / 1000);
			break;
		case 'c':
			o.out = p.arg;
			break;
		case 'e':
			events = true;
			if (events_parse(p.arg, &o.first, &o.last) < 0)
				return cmd_error(EXIT_USAGE, "replay: --events wants A-B or N "
						 "(event numbers, A <= B)");
			break;
		case 's':
			size = true;
			if (size_parse(p.arg, &o.width, &o.height) < 0)
				return cmd_error(EXIT_USAGE, "replay: --size wants WxH, from "
						 "%dx%d to 400x200", APP_MIN_COLS, APP_MIN_LINES);
			break;
		case CMD_OPT_ARG:
			if (o.trace)
				return cmd_error(EXIT_USAGE, "replay: one FILE only");
			o.trace = p.arg;
			break;
		default:
			return p.status;
		}
	}
	if (!o.trace) {
		replay_usage(stderr);
		return EXIT_USAGE;
	}
	if (!o.out && (events || size || o.force || timing))
		return cmd_error(EXIT_USAGE, "replay: --events, --size, --hold, --stage-time and "
				 "--force go with --cast");
	if (o.out) {
		cmd_lang_note(g);   /* a file, not a screen: the note goes to stderr */
		return cmd_replay_cast(g, &o);
	}
	return replay_run(g, o.trace);
}
