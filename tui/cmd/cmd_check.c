/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_check.c - `pagewalk check [-v] FILE...`: validate lesson and trace files.
 *
 * Each file is loaded by the engine exactly as the player would load it; a
 * bad file prints its errors as "FILE:LINE:COL: message" on stderr, a
 * lesson every independent one (lesson_load_all: the lesson's keys, then
 * each step's first), at most CHECK_MAX_ERRORS a file. Whether
 * a file is a trace or a lesson is the engine's one decision,
 * trace_is_trace(), the same that dump, replay and lesson make.
 * Exit status: 0 all good, 1 any file bad, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/cmd_source.h"
#include "lesson/lesson.h"
#include "source/linuxsrc.h"
#include "trace/replay.h"
#include "trace/trace.h"
#include "util/file.h"

#define CHECK_MAX_ERRORS 50

/* Excerpts read from another upload than the lessons were written
 * against, whose lines moved there: a warning each (the lesson still
 * shows the right lines; its ranges are for LINUXSRC_PINNED). */
static void warn_moved(const struct lesson *l, const char *safe_path)
{
	for (size_t i = 0; i < l->nexcerpts; i++) {
		const struct excerpt *e = &l->excerpts[i];
		char *sym;
		if (!e->moved_in[0])
			continue;
		sym = text_escape(e->symbol, strlen(e->symbol), false);
		fprintf(stderr, "%s:%d:%d: warning: %s lines %u-%u (%s) moved in %s %s: now %ld-%ld "
			"(the lessons' lines are for %s)\n", safe_path, e->line, e->col, e->file,
			e->first_line, e->last_line, sym ? sym : "?", LINUXSRC_PACKAGE, e->moved_in,
			(long)e->first_line + e->shift, (long)e->last_line + e->shift, LINUXSRC_PINNED);
		free(sym);
	}
}

/* A trace is streamed from its file (as replay and dump read it: never
 * whole in memory); a lesson is small and read whole. */
static int check_one(const char *path, bool verbose)
{
	struct diag d = { 0 };
	bool ok;
	const char *what = "lesson";
	/* the name comes from outside: escaped, like every error line */
	char *safe = text_escape(path, strlen(path), false);

	if (trace_file_is_trace(path)) {
		struct trace *t = trace_load(path, &d);
		what = "trace";
		ok = t != NULL;
		trace_free(t);
	} else {
		struct diag errs[CHECK_MAX_ERRORS];
		size_t nerrs = 0, len;
		char *buf = file_read_regular(path, LESSON_MAX_FILE, &len, &d);
		struct lesson *l = buf ? lesson_load_all(path, buf, len, errs, CHECK_MAX_ERRORS,
							 &nerrs) : NULL;
		/* excerpts: range inside the file and holding its symbol, when
		 * linux-source-6.1 is installed (else not verifiable here) */
		int src = l ? lesson_excerpts_resolve(l, &d) : 0;
		if (!buf) {
			free(safe);
			cmd_print_diag(&d);
			return 1;
		}
		if (!l) {
			for (size_t i = 0; i < nerrs && i < CHECK_MAX_ERRORS; i++)
				cmd_print_diag(&errs[i]);
			if (nerrs > CHECK_MAX_ERRORS)
				fprintf(stderr, "%s: %zu more errors not shown\n", safe ? safe : "?",
					nerrs - CHECK_MAX_ERRORS);
			free(buf);
			free(safe);
			return 1;
		}
		free(buf);
		ok = src >= 0;
		if (ok && src == 1 && verbose)
			printf("%s: code excerpts not verified: %s is not installed\n",
			       safe ? safe : "?", LINUXSRC_PACKAGE);
		if (ok && src == 0)
			warn_moved(l, safe ? safe : "?");
		lesson_free(l);
	}
	if (ok && verbose)
		printf("%s: ok (%s)\n", safe ? safe : "?", what);
	free(safe);
	if (!ok) {
		cmd_print_diag(&d);
		return 1;
	}
	return 0;
}

/* Extract the Linux source files every lesson among the arguments names,
 * and the replayer's, in one job (one full pass over the tarball the
 * first time, else only the blocks that hold them), so checking many
 * lessons on a cold cache extracts once and leaves the cache warm for the
 * player. Progress goes to stderr; a signal cancels it and ends the
 * process as the signal would (after the cleanup). Errors are reported
 * later, per lesson, by check_one. */
static void prefetch(int n, const char **paths)
{
	static const char *const replayer[] = { REPLAY_LX_FAULT_FILE, REPLAY_LX_MM_FILE };
	char *names[LINUXSRC_MAX_FETCH];
	const char *files[LINUXSRC_MAX_FETCH];
	size_t nn = 0;
	struct linuxsrc *src;
	struct linuxsrc_job *job = NULL;
	struct cmd_source_line line;
	const volatile sig_atomic_t *stop;
	struct diag d;

	if (linuxsrc_open(&src, &d) < 0)
		return;
	for (int k = 0; k < n; k++) {
		struct lesson *l = NULL;
		if (!trace_file_is_trace(paths[k]))
			l = lesson_load(paths[k], &d);
		int nf = l ? lesson_excerpts_files(l, files, LINUXSRC_MAX_FETCH) : 0;
		for (int j = 0; j < nf; j++) {
			bool seen = false;
			for (size_t q = 0; q < nn; q++)
				seen |= !strcmp(names[q], files[j]);
			if (!seen && nn < LINUXSRC_MAX_FETCH && (names[nn] = strdup(files[j])))
				nn++;
		}
		lesson_free(l);
	}
	for (size_t q = 0; nn && q < 2; q++)   /* lessons: warm the player's cache too */
		if (nn < LINUXSRC_MAX_FETCH && (names[nn] = strdup(replayer[q])))
			nn++;
	/* caught before the job starts: a signal at any point cancels it */
	stop = cmd_source_catch();
	if (nn && linuxsrc_fetch_start(src, (const char *const *)names, nn, &job, &d) == 0 && job) {
		cmd_source_line_init(&line);
		(void)linuxsrc_fetch_wait(job, stop, cmd_source_progress, &line, &d);
		cmd_source_line_end(&line);
	}
	cmd_source_release();
	linuxsrc_close(src);
	for (size_t q = 0; q < nn; q++)
		free(names[q]);
}

static void check_usage(FILE *f)
{
	fputs("usage: pagewalk check [-v] FILE...\n"
	      "Validate lesson and trace files; print each error as FILE:LINE:COL: "
	      "message.\nExit status 0 when every file is good, 1 otherwise.\n", f);
}

int cmd_check(const struct globals *g, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;
	const char **files = calloc((size_t)argc, sizeof *files);
	bool verbose = false;
	int n = 0, bad = 0, c;

	(void)g;
	if (!files)
		return cmd_error(EXIT_BADINPUT, "check: out of memory");
	cmd_opt_begin(&p, "check", argc, argv, "hv", longs, check_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		if (c == 'v') {
			verbose = true;
		} else if (c == CMD_OPT_ARG) {
			files[n++] = p.arg;
		} else {
			free(files);
			return p.status;
		}
	}
	if (n == 0) {
		free(files);
		return cmd_error(EXIT_USAGE, "usage: pagewalk check [-v] FILE...");
	}
	prefetch(n, files);
	for (int i = 0; i < n; i++)
		bad |= check_one(files[i], verbose);
	free(files);
	if (cmd_finish_stdout() != 0)
		return EXIT_BADINPUT;
	return bad ? EXIT_BADINPUT : 0;
}
