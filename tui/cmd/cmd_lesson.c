/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_lesson.c - `pagewalk lesson FILE|NAME` and the home menu (`pagewalk`). */
#include <stdio.h>
#include <string.h>

#include "screen/app.h"
#include "cmd/cmd.h"

int cmd_lesson(const struct globals *g, int argc, char **argv)
{
	char path[1024];
	struct diag d;
	struct lesson *l;
	struct app app;
	int rc;

	if (argc != 2 || argv[1][0] == '-' ) {
		if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			puts("usage: pagewalk [--lang en|ja] lesson FILE|NAME");
			return 0;
		}
		return cmd_error(EXIT_USAGE, "usage: pagewalk lesson FILE|NAME");
	}
	/* every error about the file is found before curses starts */
	if (catalog_lesson_find(argv[1], path, sizeof path, &d) < 0) {
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	l = lesson_load(path, &d);
	if (!l) {
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	app_init(&app, g->lang);
	lesson_open(&app, l);
	rc = app_run(&app);
	app_free(&app);
	return rc;
}

int cmd_home(const struct globals *g, int argc, char **argv)
{
	struct app app;
	int rc;

	(void)argv;
	if (argc > 1)
		return cmd_error(EXIT_USAGE, "usage: pagewalk");
	app_init(&app, g->lang);
	if (home_open(&app) < 0) {
		app_free(&app);
		return cmd_error(EXIT_BADINPUT, "out of memory");
	}
	rc = app_run(&app);
	app_free(&app);
	return rc;
}
