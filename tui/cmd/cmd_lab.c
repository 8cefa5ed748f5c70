/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_lab.c - `pagewalk lab LESSON --student ID [--seed N] --out DIR`: play
 * a lesson's quizzes as a graded test and write DIR/ID.json (atomically,
 * after curses ends; never over an earlier result unless --force). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "catalog/catalog.h"
#include "cmd/cmd.h"
#include "cmd/cmd_file.h"
#include "lesson/lab.h"
#include "screen/screen_lab.h"

struct lab_opts {
	const char *lesson, *student, *out;
	uint64_t seed;
	bool seed_given, force;
};

static void lab_usage(FILE *f)
{
	fprintf(f, "usage: pagewalk lab LESSON --student ID [--seed N] --out DIR [--force]\n"
		"\n"
		"Play the quizzes of LESSON (a file or a name, as for `lesson`) as a test:\n"
		"%d tries per question, right or not right after each try, the answers and\n"
		"the score at the end. The questions come from the seed; by default it is\n"
		"derived from the student id (each student gets other addresses, the same\n"
		"student the same ones). ID: 1-%d characters of A-Z a-z 0-9 . _ -,\n"
		"starting with a letter or digit. The result is written to DIR/ID.json\n"
		"when the student leaves the score page (--force: over an earlier one);\n"
		"`pagewalk grade DIR` grades a class.\n", LAB_TRIES, LAB_STUDENT_MAX);
}

/* CMD_CONTINUE, or the exit status (help shown: 0; usage error: 2). */
static int parse(int argc, char **argv, struct lab_opts *o)
{
	static const struct option longs[] = {
		{ "student", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "seed", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;
	struct diag d;
	int c;

	cmd_opt_begin(&p, "lab", argc, argv, "fh", longs, lab_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		switch (c) {
		case 'f':
			o->force = true;
			break;
		case 'o':
			o->out = p.arg;
			break;
		case 't':
			o->student = p.arg;
			break;
		case 's':
			if (addr_parse(p.arg, &o->seed, &d) < 0)
				return cmd_error(EXIT_USAGE, "lab: --seed wants a number (decimal or 0x hex)");
			o->seed_given = true;
			break;
		case CMD_OPT_ARG:
			if (o->lesson)
				return cmd_error(EXIT_USAGE, "lab: one LESSON only");
			o->lesson = p.arg;
			break;
		default:
			return p.status;
		}
	}
	if (!o->lesson || !o->student || !o->out)
		return cmd_error(EXIT_USAGE, "usage: pagewalk lab LESSON --student ID [--seed N] "
				 "--out DIR [--force]");
	if (!lab_student_valid(o->student))
		return cmd_error(EXIT_USAGE, "lab: bad student id (1-%d characters of A-Z a-z 0-9 "
				 ". _ -, starting with a letter or digit)", LAB_STUDENT_MAX);
	return CMD_CONTINUE;
}

/* Write the result; 0 or EXIT_BADINPUT (printed). */
static int write_result(const struct lab *lab, const char *path, const char *started,
			bool force)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct diag d;
	int rc;

	if (!f)
		return cmd_error(EXIT_BADINPUT, "lab: out of memory");
	rc = lab_result_write(lab, PAGEWALK_VERSION, started, f, &d);
	fclose(f);
	rc = rc < 0 ? (cmd_print_diag(&d), EXIT_BADINPUT)
		    : cmd_file_out("lab", path, buf, len, force ? FILE_REPLACE : FILE_KEEP);
	free(buf);
	return rc;
}

/* Where the result goes: DIR/ID.json, DIR an existing directory. */
static int out_path(const struct lab_opts *o, char *path, size_t len)
{
	struct stat st;
	char *safe;

	if (stat(o->out, &st) < 0 || !S_ISDIR(st.st_mode)) {
		safe = text_escape(o->out, strlen(o->out), false);
		cmd_error(EXIT_BADINPUT, "lab: %s: not a directory (create it first)",
			  safe ? safe : "?");
		free(safe);
		return EXIT_BADINPUT;
	}
	if ((size_t)snprintf(path, len, "%s/%s.json", o->out, o->student) >= len)
		return cmd_error(EXIT_BADINPUT, "lab: --out path too long");
	return cmd_file_check("lab", path, o->force ? FILE_REPLACE : FILE_KEEP);
}

static int run(const struct globals *g, const struct lab_opts *o, struct lab *lab,
	       const char *path)
{
	char started[32], *shown = text_escape(path, strlen(path), false);
	time_t now = time(NULL);
	struct app app;
	int rc;
	bool over;

	strftime(started, sizeof started, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	cmd_app_init(&app, g);
	app.status[0] = '\0';   /* progress files are not used in a lab */
	if (screen_lab_open(&app, lab, shown ? shown : "?") < 0) {
		free(shown);
		app_free(&app);
		return cmd_error(EXIT_BADINPUT, "lab: out of memory");
	}
	rc = cmd_app_run(&app);
	over = screen_lab_over(&app);
	app_free(&app);
	if (rc == 0 && over) {
		rc = write_result(lab, path, started, o->force);
		if (rc == 0)
			printf("lab: %s, seed %" PRIu64 ": %zu of %zu right; result written to %s\n",
			       lab->student, lab->seed, lab_score(lab), lab->nq, shown ? shown : "?");
	} else if (rc != 1) {
		cmd_error(rc ? rc : EXIT_BADINPUT, "lab: interrupted before the end: nothing written");
		rc = rc ? rc : EXIT_BADINPUT;
	}
	free(shown);
	return rc;
}

int cmd_lab(const struct globals *g, int argc, char **argv)
{
	struct lab_opts o = { 0 };
	char lpath[1024], path[4096];
	struct diag d;
	struct lesson *l = NULL;
	struct lab *lab = NULL;
	int rc = parse(argc, argv, &o);

	if (rc != CMD_CONTINUE)
		return rc;
	if (!o.seed_given)
		o.seed = lab_default_seed(o.student);
	if ((rc = out_path(&o, path, sizeof path)) != 0)
		return rc;
	if (catalog_lesson_find(o.lesson, lpath, sizeof lpath, &d) < 0 ||
	    !(l = lesson_load(lpath, &d)) ||
	    !(lab = lab_new(l, o.student, o.seed, o.seed_given, &d))) {
		cmd_print_diag(&d);
		lesson_free(l);
		return EXIT_BADINPUT;
	}
	rc = run(g, &o, lab, path);
	lab_free(lab);
	lesson_free(l);
	return rc;
}
