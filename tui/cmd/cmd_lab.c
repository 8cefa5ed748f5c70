/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_lab.c - `pagewalk lab LESSON --student ID [--name NAME] [--seed N]
 * --out DIR [--force]`: play a lesson's quizzes as a graded test, every
 * try recorded in DIR/ID.journal as it is made, the result DIR/ID.json
 * written at the hand-in (engine/lesson/lab_journal.c). The same command
 * after an interruption resumes the lab with its tries spent; --force
 * after a hand-in starts a retake.
 *
 * `pagewalk lab --review FILE [--lesson L]`: a student's graded result
 * again, question by question: their answers, the engine's word on each
 * and the worked solution.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "catalog/catalog.h"
#include "cmd/cmd.h"
#include "cmd_lab_int.h"
#include "lesson/lab.h"
#include "screen/screen_lab.h"

struct lab_opts {
	const char *lesson, *student, *name, *out, *review;
	uint64_t seed;
	bool seed_given, force;
};

static void lab_usage(FILE *f)
{
	fprintf(f, "usage: pagewalk lab LESSON --student ID [--name NAME] [--seed N] --out DIR "
		"[--force]\n"
		"       pagewalk lab --review FILE [--lesson FILE|NAME]\n"
		"\n"
		"Play the quizzes of LESSON (a file or a name, as for `lesson`) as a test:\n"
		"%d tries per question, right or not right after each try, the answers and\n"
		"the score at the end. Every try is recorded in DIR/ID.journal as it is\n"
		"made: the same command after an interruption (Ctrl-C, a closed terminal)\n"
		"goes on where it stopped, with the tries already spent. The result is\n"
		"written to DIR/ID.json at the hand-in; --force then starts a retake (new\n"
		"questions; `pagewalk grade DIR` shows it). Each sitting draws new\n"
		"questions; --seed N gives everyone the same. ID: 1-%d characters of\n"
		"A-Z a-z 0-9 . _ -, starting with a letter or digit; NAME: how the student\n"
		"is shown (any text, at most %d bytes). --review FILE shows a result again,\n"
		"each question with the answers given and the worked solution.\n",
		LAB_TRIES, LAB_STUDENT_MAX, LAB_NAME_MAX);
}

/* CMD_CONTINUE, or the exit status (help shown: 0; usage error: 2). */
static int parse(int argc, char **argv, struct lab_opts *o)
{
	static const struct option longs[] = {
		{ "student", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "seed", required_argument, NULL, 's' },
		{ "name", required_argument, NULL, 'N' },
		{ "review", required_argument, NULL, 'R' },
		{ "lesson", required_argument, NULL, 'L' },
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
		case 't':
			o->student = p.arg;
			break;
		case 'o':
			o->out = p.arg;
			break;
		case 'N':
			o->name = p.arg;
			break;
		case 'R':
			o->review = p.arg;
			break;
		case 's':
			if (addr_parse(p.arg, &o->seed, &d) < 0)
				return cmd_error(EXIT_USAGE, "lab: --seed wants a number (decimal or 0x hex)");
			o->seed_given = true;
			break;
		case 'L':
		case CMD_OPT_ARG:
			if (o->lesson)
				return cmd_error(EXIT_USAGE, "lab: one LESSON only");
			o->lesson = p.arg;
			break;
		default:
			return p.status;
		}
	}
	if (o->review) {
		if (o->student || o->out || o->seed_given || o->force || o->name)
			return cmd_error(EXIT_USAGE, "lab: --review takes only --lesson");
		return CMD_CONTINUE;
	}
	if (!o->lesson || !o->student || !o->out)
		return cmd_error(EXIT_USAGE, "usage: pagewalk lab LESSON --student ID [--name NAME] "
				 "[--seed N] --out DIR [--force]");
	if (!lab_student_valid(o->student))
		return cmd_error(EXIT_USAGE, "lab: bad student id (1-%d characters of A-Z a-z 0-9 "
				 ". _ -, starting with a letter or digit)", LAB_STUDENT_MAX);
	if (o->name && !lab_name_valid(o->name))
		return cmd_error(EXIT_USAGE, "lab: bad --name (1-%d bytes of printable text, no "
				 "space at either end)", LAB_NAME_MAX);
	return CMD_CONTINUE;
}

/* DIR must be an existing directory. */
static int out_dir(const char *dir)
{
	struct stat st;
	char *safe;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	safe = text_escape(dir, strlen(dir), false);
	cmd_error(EXIT_BADINPUT, "lab: %s: not a directory (create it first)", safe ? safe : "?");
	free(safe);
	return EXIT_BADINPUT;
}

/* What the student is told when the lab opens (NULL: nothing). */
static const char *opening(enum lab_how how, const struct lab *lab, enum lang lang,
			   char *buf, size_t len)
{
	size_t tries = 0;

	for (size_t i = 0; i < lab->nq; i++)
		tries += (size_t)lab->q[i].tries;
	if (how == LAB_RESUMED)
		snprintf(buf, len, lang == LANG_JA ? "中断したラボの続きです: %zu 回の解答は記録済みです。"
			 : tries == 1 ? "Resumed where it stopped: %zu try already made counts."
			 : "Resumed where it stopped: %zu tries already made count.", tries);
	else if (how == LAB_RETAKE)
		snprintf(buf, len, lang == LANG_JA ? "再受験 (%u 回目): 新しい問題です。grade に表示されます。"
			 : "A retake (session %u): new questions; grade shows it.", lab->session);
	else
		return NULL;
	return buf;
}

static int run(const struct globals *g, struct lab *lab, enum lab_how how)
{
	char *shown = text_escape(lab->result_path, strlen(lab->result_path), false);
	char note[200], err[1200] = "";
	struct app app;
	int rc;

	cmd_app_init(&app, g);
	app.status[0] = '\0';   /* progress files are not used in a lab */
	if (screen_lab_open(&app, lab, shown ? shown : "?") < 0) {
		free(shown);
		app_free(&app);
		return cmd_error(EXIT_BADINPUT, "lab: out of memory");
	}
	if (opening(how, lab, app.lang, note, sizeof note))
		app_status(&app, ROLE_STATUS, "%s", note);
	rc = cmd_app_run(&app);
	screen_lab_error(&app, err, sizeof err);
	app_free(&app);
	if (err[0]) {
		cmd_error(EXIT_BADINPUT, "lab: %s", err);
		rc = rc ? rc : EXIT_BADINPUT;
	} else if (lab->handed_in[0] && rc != 1) {
		printf("lab: %s, seed %" PRIu64 ": %zu of %zu right; handed in, result written to "
		       "%s\n", lab->student, lab->seed, lab_score(lab), lab->nq, shown ? shown : "?");
	} else if (rc != 1) {
		size_t tries = 0;
		for (size_t i = 0; i < lab->nq; i++)
			tries += (size_t)lab->q[i].tries;
		cmd_error(rc ? rc : EXIT_BADINPUT, "lab: interrupted before the hand-in: %zu %s "
			  "recorded in the journal; the same command goes on from there", tries,
			  tries == 1 ? "try is" : "tries are");
		rc = rc ? rc : EXIT_BADINPUT;
	}
	free(shown);
	return rc;
}

/* A lab handed in whose result is gone: write it again. */
static int rewrite(struct lab *lab)
{
	char *shown = text_escape(lab->result_path, strlen(lab->result_path), false);
	struct diag d;
	int rc = 0;

	if (lab_hand_in(lab, (int64_t)time(NULL), PAGEWALK_VERSION, &d) < 0) {
		cmd_print_diag(&d);
		rc = EXIT_BADINPUT;
	} else {
		printf("lab: %s handed this lab in at %s; its result was missing and is written "
		       "again from the journal to %s\n", lab->student, lab->handed_in,
		       shown ? shown : "?");
	}
	free(shown);
	return rc;
}

int cmd_lab(const struct globals *g, int argc, char **argv)
{
	struct lab_opts o = { 0 };
	char lpath[1024], nonce[LAB_NONCE_LEN + 1];
	struct diag d;
	struct lesson *l = NULL;
	struct lab *lab = NULL;
	enum lab_how how;
	int rc = parse(argc, argv, &o);

	if (rc != CMD_CONTINUE)
		return rc;
	if (o.review)
		return cmd_lab_review(g, o.review, o.lesson);
	if ((rc = out_dir(o.out)) != 0)
		return rc;
	struct lab_open_args a = {
		.dir = o.out, .student = o.student, .name = o.name, .seed = o.seed,
		.seed_given = o.seed_given, .force = o.force, .nonce = nonce,
		.now = (int64_t)time(NULL), .version = PAGEWALK_VERSION,
	};
	if (lab_nonce_random(nonce, &d) < 0 ||
	    catalog_lesson_find(o.lesson, lpath, sizeof lpath, &d) < 0 ||
	    !(l = lesson_load(lpath, &d)) || !(lab = lab_open(l, &a, &how, &d))) {
		cmd_print_diag(&d);
		lesson_free(l);
		return EXIT_BADINPUT;
	}
	rc = how == LAB_REWRITE ? rewrite(lab) : run(g, lab, how);
	lab_free(lab);
	lesson_free(l);
	return rc;
}
