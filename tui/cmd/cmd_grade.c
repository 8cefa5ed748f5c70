/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_grade.c - `pagewalk grade DIR [--csv FILE] [--lesson L] [--roster FILE]
 * [--deadline TIME]`: re-grade a class's lab results with the engine
 * (engine/lesson/lab_class.c), print the table, what is flagged and noted,
 * how the class did per question and a summary, and write the CSV
 * (cmd_grade_out.c lays these out).
 *
 * The lesson is --lesson, else the one most results name (the others are
 * flagged). Bad files are reported as FILE:LINE:COL: message and get a row
 * saying so; results the engine does not reproduce are flagged. Exit 0
 * when every file is good and unflagged, 1 otherwise, 2 for bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cmd/cmd.h"
#include "cmd_grade_int.h"

static void grade_usage(FILE *f)
{
	fputs("usage: pagewalk grade DIR [--csv FILE] [--lesson FILE|NAME] [--roster FILE]\n"
	      "                      [--deadline TIME]\n"
	      "\n"
	      "Re-grade every lab result DIR/ID.json and its journal DIR/ID.journal\n"
	      "(written by `pagewalk lab`): each question is made again from the\n"
	      "recorded seed, every recorded answer is graded again by the engine and\n"
	      "the result is compared with its journal. Prints the class (per student,\n"
	      "per question), what is flagged or noted, per-question statistics with\n"
	      "the commonest wrong answers, and writes it all as CSV to FILE (default\n"
	      "DIR/grades.csv, replaced). A result the engine does not reproduce is\n"
	      "FLAGGED and its edited questions do not count. The lesson is the one\n"
	      "most results name (--lesson: this one). --roster FILE lists the class\n"
	      "(ID or ID,NAME a line): who is missing, who is not on it. --deadline\n"
	      "TIME (2026-11-30T17:00Z, or with +09:00) marks labs handed in later.\n"
	      "Exit 1 when a file is bad or a result flagged.\n", f);
}

struct grade_opts {
	const char *dir, *csv, *lesson, *roster;
	int64_t deadline;              /* -1: none */
};

/* 0, or the exit status (usage printed; -1 for --help). */
static int parse(int argc, char **argv, struct grade_opts *o)
{
	static const char *const valued[] = { "--csv", "--lesson", "--roster", "--deadline", NULL };

	o->deadline = -1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		size_t k;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			grade_usage(stdout);
			return -1;
		}
		for (k = 0; valued[k] && strcmp(a, valued[k]) != 0; k++)
			;
		if (valued[k]) {
			if (!v)
				return cmd_error(EXIT_USAGE, "grade: %s wants a value", a);
			i++;
			if (k == 0)
				o->csv = v;
			else if (k == 1)
				o->lesson = v;
			else if (k == 2)
				o->roster = v;
			else if (lab_time_parse(v, &o->deadline) < 0)
				return cmd_error(EXIT_USAGE, "grade: --deadline wants a time like "
						 "2026-11-30T17:00Z or 2026-11-30T17:00+09:00");
		} else if (a[0] == '-' || o->dir) {
			grade_usage(stderr);
			return EXIT_USAGE;
		} else {
			o->dir = a;
		}
	}
	if (!o->dir)
		return cmd_error(EXIT_USAGE, "usage: pagewalk grade DIR [--csv FILE] [--lesson "
				 "FILE|NAME] [--roster FILE] [--deadline TIME]");
	return 0;
}

/* The class's lesson: --lesson, else the majority's (a tie is an error). */
static struct lesson *class_lesson(const struct lab_class *cl, const char *arg)
{
	char path[1024];
	const char *name = arg;
	struct lesson *l;
	struct diag d;
	size_t votes;
	bool tie;

	if (!name) {
		name = lab_class_lesson(cl, &votes, &tie);
		if (!name) {
			cmd_error(EXIT_BADINPUT, "grade: no lab result could be graded");
			return NULL;
		}
		if (tie) {
			cmd_error(EXIT_BADINPUT, "grade: the results name more than one lesson as "
				  "often as %s (%zu each): say which with --lesson", name, votes);
			return NULL;
		}
	}
	if (catalog_lesson_find(name, path, sizeof path, &d) < 0 || !(l = lesson_load(path, &d))) {
		cmd_print_diag(&d);
		if (!arg)
			cmd_error(EXIT_BADINPUT, "grade: the results' lesson cannot be loaded "
				  "(give it with --lesson FILE)");
		return NULL;
	}
	return l;
}

int cmd_grade(const struct globals *g, int argc, char **argv)
{
	struct grade_opts o = { 0 };
	char csv_buf[4096];
	struct lab_class *cl = NULL;
	struct lab_roster *ro = NULL;
	struct lesson *l = NULL;
	struct diag d;
	int rc = parse(argc, argv, &o);

	(void)g;
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!o.csv) {
		if ((size_t)snprintf(csv_buf, sizeof csv_buf, "%s/grades.csv", o.dir) >=
		    sizeof csv_buf)
			return cmd_error(EXIT_BADINPUT, "grade: directory name too long");
		o.csv = csv_buf;
	}
	rc = EXIT_BADINPUT;
	if (o.roster && !(ro = lab_roster_load(o.roster, &d))) {
		cmd_print_diag(&d);
		goto out;
	}
	if (!(cl = lab_class_read(o.dir, &d))) {
		cmd_print_diag(&d);
		goto out;
	}
	grade_bad_files(cl);
	if (!(l = class_lesson(cl, o.lesson)))
		goto out;
	if (lab_class_grade(cl, l, &d) < 0 || (ro && lab_class_roster(cl, ro, &d) < 0)) {
		cmd_print_diag(&d);
		goto out;
	}
	lab_class_times(cl, o.deadline);
	rc = grade_report(cl, l, o.csv);
out:
	lab_class_free(cl);
	lab_roster_free(ro);
	lesson_free(l);
	return rc;
}
