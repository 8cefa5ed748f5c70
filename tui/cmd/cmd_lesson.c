/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_lesson.c - `pagewalk lesson FILE|NAME` and the home menu (`pagewalk`). */
#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cmd/cmd.h"
#include "screen/screen_home.h"
#include "screen/screen_lesson.h"

static void lesson_usage(FILE *f)
{
	fputs("usage: pagewalk [--lang en|ja] lesson FILE|NAME\n", f);
}

int cmd_lesson(const struct globals *g, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL;
	char path[1024];
	struct cmd_opt p;
	struct diag d;
	struct lesson *l;
	struct app app;
	int rc, c;

	cmd_opt_begin(&p, "lesson", argc, argv, "h", longs, lesson_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		if (c != CMD_OPT_ARG)
			return p.status;
		if (name)
			return cmd_error(EXIT_USAGE, "lesson: one FILE|NAME only");
		name = p.arg;
	}
	if (!name)
		return cmd_error(EXIT_USAGE, "usage: pagewalk lesson FILE|NAME");
	/* every error about the file is found before curses starts */
	if (catalog_lesson_find(name, path, sizeof path, &d) < 0) {
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	l = lesson_load(path, &d);
	if (!l) {
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	cmd_app_init(&app, g);
	if (screen_lesson_open(&app, l) < 0) {
		app_free(&app);
		return cmd_error(EXIT_BADINPUT, "out of memory");
	}
	rc = cmd_app_run(&app);
	app_free(&app);
	return rc;
}

int cmd_home(const struct globals *g, int argc, char **argv)
{
	struct app app;
	int rc;

	(void)argv;
	if (argc > 1)   /* main gives the home menu no arguments */
		return cmd_error(EXIT_USAGE, "usage: pagewalk");
	cmd_app_init(&app, g);
	if (screen_home_open(&app) < 0) {
		app_free(&app);
		return cmd_error(EXIT_BADINPUT, "out of memory");
	}
	rc = cmd_app_run(&app);
	app_free(&app);
	return rc;
}
