/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_replay.c - `pagewalk replay FILE`: the trace replayer, or with
 * --cast OUT its screens as an asciicast v2 file (tui/cast_replay.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/app.h"
#include "cmd/cast_replay.h"
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

int cmd_replay(const struct globals *g, int argc, char **argv)
{
	struct cast_opts o = { .width = 80, .height = 24, .stage_ms = CAST_STAGE_MS,
			       .hold_ms = CAST_HOLD_MS };
	bool events = false, size = false, timing = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			replay_usage(stdout);
			return 0;
		} else if (strcmp(a, "--force") == 0) {
			o.force = true;
		} else if (strcmp(a, "--hold") == 0 || strcmp(a, "--stage-time") == 0) {
			timing = true;
			if (!v || cast_seconds_parse(v, a[2] == 'h' ? 0 : 50,
						     a[2] == 'h' ? &o.hold_ms : &o.stage_ms) < 0)
				return cmd_error(EXIT_USAGE, "replay: %s wants SECONDS (like 2 or 0.5; "
						 "%s to %d)", a, a[2] == 'h' ? "0" : "0.05",
						 CAST_MS_MAX / 1000);
			i++;
		} else if (strcmp(a, "--cast") == 0 || strcmp(a, "--events") == 0 ||
			   strcmp(a, "--size") == 0) {
			if (!v)
				return cmd_error(EXIT_USAGE, "replay: %s wants a value", a);
			i++;
			if (a[2] == 'c') {
				o.out = v;
			} else if (a[2] == 'e') {
				events = true;
				if (events_parse(v, &o.first, &o.last) < 0)
					return cmd_error(EXIT_USAGE, "replay: --events wants A-B or N "
							 "(event numbers, A <= B)");
			} else {
				size = true;
				if (size_parse(v, &o.width, &o.height) < 0)
					return cmd_error(EXIT_USAGE, "replay: --size wants WxH, from "
							 "%dx%d to 400x200", APP_MIN_COLS, APP_MIN_LINES);
			}
		} else if (a[0] == '-' && a[1]) {
			cmd_error(EXIT_USAGE, "replay: unknown option %s", a);
			replay_usage(stderr);
			return EXIT_USAGE;
		} else if (o.trace) {
			return cmd_error(EXIT_USAGE, "replay: one FILE only");
		} else {
			o.trace = a;
		}
	}
	if (!o.trace) {
		replay_usage(stderr);
		return EXIT_USAGE;
	}
	if (!o.out && (events || size || o.force || timing))
		return cmd_error(EXIT_USAGE, "replay: --events, --size, --hold, --stage-time and "
				 "--force go with --cast");
	if (o.out)
		return cast_replay(g->lang, &o);
	/* the file is loaded and checked before curses starts: a bad trace
	 * prints FILE:LINE:COL: message and leaves the terminal alone */
	return replay_run(g->lang, o.trace);
}
