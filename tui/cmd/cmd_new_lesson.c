/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_new_lesson.c - `pagewalk new-lesson FILE`: start a lesson from a template.
 *
 * Writes docs/new-lesson.yaml (compiled in by the Makefile as
 * new_lesson_yaml): a small x86-32 lesson with one step of each kind that
 * passes `pagewalk check`. Never overwrites a file.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/file_out.h"

extern const char new_lesson_yaml[];

static void new_lesson_usage(FILE *f)
{
	fputs("usage: pagewalk new-lesson FILE\n"
	      "\n"
	      "Write a small lesson to FILE (which must not exist) with one step of\n"
	      "each kind: text, split, walk, compare, code, quiz, fault and replay.\n"
	      "Edit it, run `pagewalk check FILE`, then `pagewalk lesson FILE`.\n"
	      "The format: docs/lesson-format.md.\n", f);
}

int cmd_new_lesson(const struct globals *g, int argc, char **argv)
{
	const char *path = NULL;

	(void)g;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			new_lesson_usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--") == 0 && i + 1 < argc && !path) {
			path = argv[++i];
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error(EXIT_USAGE, "new-lesson: unknown option %s", argv[i]);
			new_lesson_usage(stderr);
			return EXIT_USAGE;
		}
		if (path)
			return cmd_error(EXIT_USAGE, "new-lesson: one FILE only");
		path = argv[i];
	}
	if (!path) {
		cmd_error(EXIT_USAGE, "new-lesson: missing FILE");
		new_lesson_usage(stderr);
		return EXIT_USAGE;
	}
	if (file_out("new-lesson", path, new_lesson_yaml, strlen(new_lesson_yaml),
		     FILE_NEW) != 0)
		return EXIT_BADINPUT;
	cmd_say(stdout, "wrote %s: edit it, then run pagewalk check on it", path);
	return 0;
}
