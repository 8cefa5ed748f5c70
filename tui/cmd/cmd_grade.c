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
#include "cmd/cmd_file.h"
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

/* CMD_CONTINUE, or the exit status (help shown: 0; usage error: 2). */
static int parse(int argc, char **argv, struct grade_opts *o)
{
	static const struct option longs[] = {
		{ "csv", required_argument, NULL, 'c' },
		{ "lesson", required_argument, NULL, 'l' },
		{ "roster", required_argument, NULL, 'r' },
		{ "deadline", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;
	int c;

	o->deadline = -1;
	cmd_opt_begin(&p, "grade", argc, argv, "h", longs, grade_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		switch (c) {
		case 'c':
			o->csv = p.arg;
			break;
		case 'l':
			o->lesson = p.arg;
			break;
		case 'r':
			o->roster = p.arg;
			break;
		case 'd':
			if (lab_time_parse(p.arg, &o->deadline) < 0)
				return cmd_error(EXIT_USAGE, "grade: --deadline wants a time like "
						 "2026-11-30T17:00Z or 2026-11-30T17:00+09:00");
			break;
		case CMD_OPT_ARG:
			if (o->dir)
				return cmd_error(EXIT_USAGE, "grade: one DIR only");
			o->dir = p.arg;
			break;
		default:
			return p.status;
		}
	}
	if (!o->dir)
		return cmd_error(EXIT_USAGE, "usage: pagewalk grade DIR [--csv FILE] [--lesson "
				 "FILE|NAME] [--roster FILE] [--deadline TIME]");
	return CMD_CONTINUE;
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

/* The CSV replaces only a CSV of grades: a file that exists and does not
 * start with grade's header (a student's result, a lesson, a roster given
 * as --csv by mistake) is refused before any work. 0, or EXIT_BADINPUT. */
static int csv_target(const char *path)
{
	static const char head[] = "student,name,seed,seed_from,";
	char first[sizeof head] = "";
	FILE *f;
	size_t n;

	if (cmd_file_check("grade", path, FILE_REPLACE))
		return EXIT_BADINPUT;
	if (!(f = fopen(path, "r")))
		return 0;                   /* not there yet (or cmd_file_out says why) */
	n = fread(first, 1, sizeof head - 1, f);
	fclose(f);
	if (n == 0 || (n == sizeof head - 1 && memcmp(first, head, n) == 0))
		return 0;
	return cmd_error(EXIT_BADINPUT, "grade: %s: exists and is not a CSV of grades (its first "
			 "line is not grade's); not replacing it (--csv names the file to write)",
			 path);
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
	if (rc != CMD_CONTINUE)
		return rc;
	if (!o.csv) {
		if ((size_t)snprintf(csv_buf, sizeof csv_buf, "%s/grades.csv", o.dir) >=
		    sizeof csv_buf)
			return cmd_error(EXIT_BADINPUT, "grade: directory name too long");
		o.csv = csv_buf;
	}
	rc = EXIT_BADINPUT;
	if (csv_target(o.csv))
		goto out;
	if (o.roster && !(ro = lab_roster_load(o.roster, &d))) {
		cmd_print_diag(&d);
		goto out;
	}
	if (!(cl = lab_class_read(o.dir, &d))) {
		cmd_print_diag(&d);
		goto out;
	}
	cmd_grade_bad_files(cl);
	if (!(l = class_lesson(cl, o.lesson)))
		goto out;
	if (lab_class_grade(cl, l, &d) < 0 || (ro && lab_class_roster(cl, ro, &d) < 0)) {
		cmd_print_diag(&d);
		goto out;
	}
	lab_class_times(cl, o.deadline);
	rc = cmd_grade_report(cl, l, o.csv);
out:
	lab_class_free(cl);
	lab_roster_free(ro);
	lesson_free(l);
	return rc;
}
