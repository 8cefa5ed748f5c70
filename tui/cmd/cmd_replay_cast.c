/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_replay_cast.c - render the replayer into an asciicast (see cmd_replay_cast.h). */
#include "cmd/cmd_replay_cast.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "screen/app.h"
#include "util/asciicast.h"
#include "cmd/cmd.h"
#include "cmd/cmd_file.h"
#include "cmd/cmd_source.h"
#include "screen/screen_replay.h"

/* A private curses screen writing to a temporary file (app_offscreen). */
struct offscreen {
	struct app_offscreen s;
	off_t done;                  /* bytes of its output already taken */
};

static int offscreen_open(struct offscreen *os, unsigned w, unsigned h)
{
	os->done = 0;
	return app_offscreen_open(&os->s, w, h, CAST_TERM, tmpfile());
}

/* Append what curses wrote since the last event to the cast as one event
 * at ms. */
static int bytes_take(struct offscreen *os, FILE *cast, uint64_t ms)
{
	struct stat st;
	char *buf;
	ssize_t n;

	if (fflush(os->s.out) != 0 || fstat(fileno(os->s.out), &st) < 0)
		return -1;
	if (st.st_size <= os->done)
		return asciicast_output_write(cast, ms, "", 0);
	buf = malloc((size_t)(st.st_size - os->done));
	if (!buf)
		return -1;
	n = pread(fileno(os->s.out), buf, (size_t)(st.st_size - os->done), os->done);
	if (n != st.st_size - os->done) {
		free(buf);
		return -1;
	}
	os->done = st.st_size;
	n = asciicast_output_write(cast, ms, buf, (size_t)n);
	free(buf);
	return (int)n;
}

/* Draw the replayer as the main loop does and append what curses wrote
 * for it to the cast as one event at ms. */
static int frame_take(struct offscreen *os, const struct app *app, FILE *cast, uint64_t ms)
{
	werase(stdscr);
	screen_replay_ops.draw(app, stdscr);        /* the replayer's own drawing */
	wnoutrefresh(stdscr);
	doupdate();
	return bytes_take(os, cast, ms);
}

/* Every stage of events first..last (0-based), one frame each, stage_ms
 * apart; then the last frame held for hold_ms and curses' end. */
static int frames_take(struct offscreen *os, struct app *app, const struct cast_opts *o,
		       size_t first, size_t last, FILE *cast)
{
	uint64_t ms = 0, shown = 0;

	for (size_t k = first; k <= last; k++) {
		size_t ev, stage, nstages;
		if (screen_replay_goto_event(app, k) < 0)
			return -1;
		for (;;) {
			if (frame_take(os, app, cast, ms) < 0)
				return -1;
			shown = ms;
			ms += o->stage_ms;
			if (screen_replay_position(app, &ev, &stage, &nstages) < 0 || stage + 1 >= nstages)
				break;
			screen_replay_ops.key(app, KEY_RIGHT);   /* the replayer's own step */
		}
	}
	/* the end, as in a terminal: endwin() resets the attributes, shows the
	 * cursor and leaves the alternate screen */
	endwin();
	return bytes_take(os, cast, shown + o->hold_ms);
}

/* Render into a memory buffer: *buf (malloc'd) and *len. */
static int cast_render(struct app *app, const struct cast_opts *o, size_t first, size_t last,
		       char **buf, size_t *len)
{
	struct offscreen os;
	char title[1200];
	const char *base = strrchr(o->trace, '/');
	FILE *cast = open_memstream(buf, len);
	int rc = -1;

	if (!cast)
		return cmd_error(EXIT_BADINPUT, "replay: out of memory");
	snprintf(title, sizeof title, "pagewalk replay %s, events %zu-%zu",
		 base ? base + 1 : o->trace, first + 1, last + 1);
	struct asciicast_header h = { o->width, o->height, (int64_t)time(NULL), title, CAST_TERM };
	if (asciicast_header_write(cast, &h) < 0)
		goto out;
	if (offscreen_open(&os, o->width, o->height) < 0) {
		app_offscreen_close(&os.s);
		fclose(cast);
		free(*buf);
		return cmd_error(EXIT_BADINPUT, "replay: cannot set up a %ux%u %s terminal for "
				 "the cast (is ncurses-base installed?)", o->width, o->height,
				 CAST_TERM);
	}
	/* the cast is played in a UTF-8 terminal, drawn in C.UTF-8 */
	theme_init(&app->theme, true, app->env->no_color);
	rc = frames_take(&os, app, o, first, last, cast);
	app_offscreen_close(&os.s);
out:
	if (fclose(cast) != 0)
		rc = -1;
	if (rc < 0) {
		free(*buf);
		return cmd_error(EXIT_BADINPUT, "replay: cannot render the cast (out of memory)");
	}
	return 0;
}

int cmd_cast_seconds(const char *s, unsigned min, unsigned *ms)
{
	uint64_t v = 0;
	int frac = -1;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || frac == 3 || v > CAST_MS_MAX)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
		if (frac >= 0)
			frac++;
	}
	if (frac == 0)
		return -1;           /* "2." */
	for (int i = frac < 0 ? 0 : frac; i < 3; i++)
		v *= 10;
	if (v < min || v > CAST_MS_MAX)
		return -1;
	*ms = (unsigned)v;
	return 0;
}

int cmd_replay_cast(const struct globals *g, const struct cast_opts *o)
{
	struct diag d;
	struct app app;
	struct trace *t;
	struct cmd_source_line line;
	const volatile sig_atomic_t *stop;
	size_t first, last, len = 0;
	char *buf = NULL;
	int rc;

	if (cmd_file_check("replay", o->out, o->force ? FILE_REPLACE : FILE_KEEP) != 0)
		return EXIT_BADINPUT;
	if (!(t = trace_load(o->trace, &d))) {
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	first = o->first ? o->first - 1 : 0;
	last = o->last ? o->last - 1 : t->nevents ? t->nevents - 1 : 0;
	if (!t->nevents || last >= t->nevents) {
		rc = cmd_error(EXIT_BADINPUT, "replay: --events %zu-%zu: the trace has %zu events",
			       first + 1, last + 1, t->nevents);
		trace_free(t);
		return rc;
	}
	cmd_app_init(&app, g);
	app.status[0] = '\0';
	/* caught before opening the trace starts an extraction: a signal at
	 * any point of it cancels it, nothing left behind */
	stop = cmd_source_catch();
	if (screen_replay_open_trace(&app, t, o->trace) < 0) {
		app_free(&app);
		cmd_source_release();
		return cmd_error(EXIT_BADINPUT, "replay: out of memory");
	}
	/* a cast shows the lines, not "Reading ...": wait, saying how it goes */
	cmd_source_line_init(&line);
	rc = app_source_finish(&app, stop, cmd_source_progress, &line);
	cmd_source_line_end(&line);
	if (rc < 0) {
		app_free(&app);
		cmd_source_release();   /* ends the process as the signal would */
		return cmd_error(EXIT_BADINPUT, "replay: interrupted");
	}
	cmd_source_release();
	app.status[0] = '\0';
	rc = cast_render(&app, o, first, last, &buf, &len);
	app_free(&app);
	if (rc != 0)
		return rc;
	rc = cmd_file_out("replay", o->out, buf, len, o->force ? FILE_REPLACE : FILE_KEEP);
	free(buf);
	return rc;
}
