/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_new_lesson.c - `pagewalk new-lesson FILE`: start a lesson from a template.
 *
 * Writes docs/new-lesson.yaml (compiled in by the Makefile as
 * new_lesson_yaml): a small x86-32 lesson with one step of each kind that
 * passes `pagewalk check` where it is written. The template is loaded at
 * FILE's name first, as check will load it: its replay step needs a
 * recorded trace, and where none can be found from there (no
 * $PAGEWALK_TRACES, no ./traces, pagewalk not installed) that step is
 * written commented out, with a line saying how to bring it back. Never
 * overwrites a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/cmd_file.h"
#include "lesson/lesson.h"

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

/* The template with its replay step commented out (malloc'd), or NULL. */
static char *without_replay(void)
{
	const char *at = strstr(new_lesson_yaml, "  - kind: replay\n");
	static const char why[] =
		"  # A replay step opens a recorded trace, and none was found from here\n"
		"  # (PAGEWALK_TRACES, ./traces, or pagewalk's installed traces). Point\n"
		"  # PAGEWALK_TRACES at a traces/ directory, or name a trace by its path,\n"
		"  # and remove the '# ' in front of the lines below.\n";
	char *out, *o;

	if (!at)
		return NULL;
	out = malloc(strlen(new_lesson_yaml) * 2 + sizeof why);
	if (!out)
		return NULL;
	o = out + (at - new_lesson_yaml);
	memcpy(out, new_lesson_yaml, (size_t)(at - new_lesson_yaml));
	o += sprintf(o, "%s", why);
	for (const char *p = at; *p;) {
		size_t n = strcspn(p, "\n");
		o += sprintf(o, "  # %.*s\n", (int)(n > 2 ? n - 2 : 0), p + 2);
		p += n + (p[n] == '\n');
	}
	*o = '\0';
	return out;
}

/* Whether text loads as a lesson named path (where check will read it). */
static bool loads_at(const char *path, const char *text)
{
	struct diag d;
	struct lesson *l = lesson_load_buffer(path, text, strlen(text), &d);

	lesson_free(l);
	return l != NULL;
}

int cmd_new_lesson(const struct globals *g, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = NULL;
	struct cmd_opt p;
	int c;
	char *alt = NULL;
	const char *text = new_lesson_yaml;
	int rc;

	(void)g;
	cmd_opt_begin(&p, "new-lesson", argc, argv, "h", longs, new_lesson_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		if (c != CMD_OPT_ARG)
			return p.status;
		if (path)
			return cmd_error(EXIT_USAGE, "new-lesson: one FILE only");
		path = p.arg;
	}
	if (!path) {
		cmd_error(EXIT_USAGE, "new-lesson: missing FILE");
		new_lesson_usage(stderr);
		return EXIT_USAGE;
	}
	if (cmd_file_check("new-lesson", path, FILE_NEW) != 0)
		return EXIT_BADINPUT;
	if (!loads_at(path, text)) {
		alt = without_replay();
		if (!alt || !loads_at(path, alt)) {
			free(alt);
			return cmd_error(EXIT_BADINPUT, "new-lesson: internal: the template does not "
					 "pass check");
		}
		text = alt;
	}
	rc = cmd_file_out("new-lesson", path, text, strlen(text), FILE_NEW);
	if (rc == 0)
		cmd_say(stdout, "wrote %s: edit it, then run pagewalk check on it%s", path,
			alt ? " (its replay step is commented out: no recorded trace was found "
			"from there; the file says how to bring it back)" : "");
	free(alt);
	return rc ? EXIT_BADINPUT : 0;
}
