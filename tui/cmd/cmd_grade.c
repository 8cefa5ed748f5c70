/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_grade.c - `pagewalk grade DIR [--csv FILE] [--lesson L]`: re-grade
 * every lab result DIR/ *.json with the engine (lab_regrade), print the
 * class as a table and write it as CSV (default DIR/grades.csv).
 *
 * Bad files are reported as FILE:LINE:COL: message and left out; results
 * the engine does not reproduce are flagged. Exit 0 when every file is
 * good and unflagged, 1 otherwise, 2 for bad usage.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "catalog/catalog.h"
#include "cmd/cmd_file.h"
#include "lesson/lab.h"

#define GRADE_MAX_FILES 5000
#define GRADE_WIDTH 80

struct graded {
	struct lab_result *r;
	struct lab_check c;
};

struct class {
	struct lesson *lesson;
	struct graded *g;
	size_t n;
	size_t bad;                 /* files that could not be read */
};

/* One question cell: 1 or 2 (right at that try), x wrong, . open, ! edited. */
static char cell(const struct lab_check *c, size_t k)
{
	switch (c->qstate[k]) {
	case LABQ_RIGHT: return (char)('0' + c->qtries[k]);
	case LABQ_WRONG: return 'x';
	case LABQ_OPEN: return '.';
	default: return '!';
	}
}

static const char *cell_word(const struct lab_check *c, size_t k)
{
	static const char *const right[] = { "right", "right1", "right2", "right3" };

	switch (c->qstate[k]) {
	case LABQ_RIGHT: return right[c->qtries[k] < 4 ? c->qtries[k] : 0];
	case LABQ_WRONG: return "wrong";
	case LABQ_OPEN: return "open";
	default: return "edited";
	}
}

/* The table, its question columns in blocks that fit GRADE_WIDTH; each
 * block repeats the student column, the last one adds score and status. */
static void print_table(const struct class *cl)
{
	size_t nq = cl->g[0].c.nq, sw = 7, per, from = 0;

	for (size_t i = 0; i < cl->n; i++)
		if (strlen(cl->g[i].r->student) > sw)
			sw = strlen(cl->g[i].r->student);
	per = (GRADE_WIDTH - sw - 2 - 16) / 4;
	if (per < 1)
		per = 1;
	do {
		size_t to = from + per < nq ? from + per : nq;
		bool last = to == nq;
		printf("%-*s ", (int)sw, "student");
		for (size_t k = from; k < to; k++)
			printf(" Q%-2zu", k + 1);
		printf("%s\n", last ? "   score  status" : "");
		for (size_t i = 0; i < cl->n; i++) {
			const struct graded *g = &cl->g[i];
			printf("%-*s ", (int)sw, g->r->student);
			for (size_t k = from; k < to; k++)
				printf("  %c ", cell(&g->c, k));
			if (last)
				printf("  %3zu/%-3zu %s", g->c.score, g->c.max,
				       g->c.nflags ? "FLAGGED" : "ok");
			putchar('\n');
		}
		from = to;
		if (!last)
			putchar('\n');
	} while (from < nq);
	printf("\n1/2: right at try 1/2   x: wrong   .: not answered   !: edited (not counted)\n");
}

static void print_flags(const struct class *cl)
{
	for (size_t i = 0; i < cl->n; i++) {
		const struct graded *g = &cl->g[i];
		char *safe = text_escape(g->r->path, strlen(g->r->path), false);
		for (size_t f = 0; f < g->c.nflags; f++)
			printf("%s: flagged: %s\n", safe ? safe : "?", g->c.flag[f]);
		free(safe);
	}
}

/* A CSV field: quoted when needed; a leading = + - @ is defused with '. */
static void csv_field(FILE *f, const char *s)
{
	bool quote = strpbrk(s, ",\"\n\r") != NULL || strchr("=+-@", s[0]) != NULL;

	if (!s[0]) {
		return;
	}
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (strchr("=+-@", s[0]))
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_row(FILE *f, const struct graded *g)
{
	char num[64], flags[LAB_CHECK_MAX_FLAGS * 202] = "";

	csv_field(f, g->r->student);
	snprintf(num, sizeof num, ",%" PRIu64 ",%s,%zu,%zu", g->r->seed,
		 g->r->seed_given ? "given" : "student", g->c.score, g->c.max);
	fputs(num, f);
	for (size_t k = 0; k < g->c.nq; k++)
		fprintf(f, ",%s", cell_word(&g->c, k));
	fprintf(f, ",%s,", g->c.nflags ? "flagged" : "ok");
	for (size_t i = 0; i < g->c.nflags; i++) {
		if (i)
			strcat(flags, "; ");
		strcat(flags, g->c.flag[i]);
	}
	csv_field(f, flags);
	fputc('\n', f);
}

static int write_csv(const struct class *cl, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (!f)
		return cmd_error(EXIT_BADINPUT, "grade: out of memory");
	fputs("student,seed,seed_from,score,max", f);
	for (size_t k = 0; k < cl->g[0].c.nq; k++)
		fprintf(f, ",q%zu", k + 1);
	fputs(",status,flags\n", f);
	for (size_t i = 0; i < cl->n; i++)
		csv_row(f, &cl->g[i]);
	fclose(f);
	rc = buf ? cmd_file_out("grade", path, buf, len, FILE_REPLACE)
		 : cmd_error(EXIT_BADINPUT, "grade: out of memory");
	free(buf);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json names in dir (sorted; dot files left out) into *names. */
static int list_dir(const char *dir, char ***names, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char *safe;

	*names = NULL;
	*n = 0;
	if (!dp) {
		safe = text_escape(dir, strlen(dir), false);
		cmd_error(EXIT_BADINPUT, "grade: %s: cannot open the directory", safe ? safe : "?");
		free(safe);
		return -1;
	}
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		char **more;
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		if (*n == GRADE_MAX_FILES) {
			cmd_error(EXIT_BADINPUT, "grade: more than %d result files", GRADE_MAX_FILES);
			break;
		}
		more = realloc(*names, (*n + 1) * sizeof *more);
		if (!more || !(more[*n] = strdup(e->d_name))) {
			*names = more ? more : *names;
			break;
		}
		*names = more;
		(*n)++;
	}
	closedir(dp);
	qsort(*names, *n, sizeof **names, cmp_str);
	return 0;
}

/* The class's lesson: lesson_arg, else the first result's lesson by name. */
static int load_lesson(struct class *cl, const char *lesson_arg, const struct lab_result *r)
{
	char path[1024];
	struct diag d;

	if (cl->lesson)
		return 0;
	if (catalog_lesson_find(lesson_arg ? lesson_arg : r->lesson, path, sizeof path, &d) < 0 ||
	    !(cl->lesson = lesson_load(path, &d))) {
		cmd_print_diag(&d);
		if (!lesson_arg)
			cmd_error(EXIT_BADINPUT, "grade: the results' lesson cannot be loaded "
				  "(give it with --lesson FILE)");
		return -1;
	}
	return 0;
}

/* Read and re-grade one file into the class. -1 only when the lesson
 * itself cannot be loaded (nothing can be graded then). */
static int grade_file(struct class *cl, const char *lesson_arg, const char *path)
{
	struct diag d;
	struct lab_result *r = lab_result_load(path, &d);
	struct graded *g;

	if (!r) {
		cmd_print_diag(&d);
		cl->bad++;
		return 0;
	}
	if (load_lesson(cl, lesson_arg, r) < 0) {
		lab_result_free(r);
		return -1;
	}
	g = &cl->g[cl->n];
	if (lab_regrade(cl->lesson, r, &g->c, &d) < 0) {
		cmd_print_diag(&d);
		lab_result_free(r);
		cl->bad++;
		return 0;
	}
	g->r = r;
	cl->n++;
	return 0;
}

static void grade_usage(FILE *f)
{
	fputs("usage: pagewalk grade DIR [--csv FILE] [--lesson FILE|NAME]\n"
	      "\n"
	      "Re-grade every lab result DIR/*.json (written by `pagewalk lab`): each\n"
	      "question is made again from the recorded seed and every recorded answer\n"
	      "is graded again by the engine. Prints the class as a table (per student,\n"
	      "per question) and writes it as CSV to FILE (default DIR/grades.csv,\n"
	      "replaced). A result the engine does not reproduce is FLAGGED and its\n"
	      "edited questions do not count. The lesson is the one named in the\n"
	      "results (--lesson: another file). Exit 1 when a file is bad or flagged.\n", f);
}

static void class_free(struct class *cl, char **names, size_t n)
{
	for (size_t i = 0; i < cl->n; i++) {
		lab_check_clear(&cl->g[i].c);
		lab_result_free(cl->g[i].r);
	}
	free(cl->g);
	lesson_free(cl->lesson);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Table, flags, summary and CSV of a graded class; the exit status. */
static int report(const struct class *cl, const char *csv)
{
	size_t flagged = 0, sum = 0;
	char *safe;
	int rc;

	if (cl->n == 0) {
		cmd_error(EXIT_BADINPUT, "grade: no lab result could be graded");
		return EXIT_BADINPUT;
	}
	print_table(cl);
	print_flags(cl);
	for (size_t i = 0; i < cl->n; i++) {
		flagged += cl->g[i].c.nflags > 0;
		sum += cl->g[i].c.score;
	}
	rc = write_csv(cl, csv);
	safe = text_escape(csv, strlen(csv), false);
	printf("%zu student(s), lesson %s: mean %.1f of %zu; %zu flagged, %zu bad file(s)%s%s\n",
	       cl->n, cl->lesson->name, (double)sum / (double)cl->n, cl->g[0].c.max, flagged,
	       cl->bad, rc ? "" : "; CSV: ", rc ? "" : (safe ? safe : "?"));
	free(safe);
	return rc ? rc : (flagged || cl->bad) ? EXIT_BADINPUT : 0;
}

int cmd_grade(const struct globals *g, int argc, char **argv)
{
	const char *dir = NULL, *csv = NULL, *lesson = NULL;
	char csv_buf[4096], path[4096], **names = NULL;
	struct class cl = { 0 };
	size_t n = 0;
	int rc = EXIT_BADINPUT, c;
	static const struct option longs[] = {
		{ "csv", required_argument, NULL, 'c' },
		{ "lesson", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;

	(void)g;
	cmd_opt_begin(&p, "grade", argc, argv, "h", longs, grade_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		if (c == 'c') {
			csv = p.arg;
		} else if (c == 'l') {
			lesson = p.arg;
		} else if (c == CMD_OPT_ARG) {
			if (dir)
				return cmd_error(EXIT_USAGE, "grade: one DIR only");
			dir = p.arg;
		} else {
			return p.status;
		}
	}
	if (!dir)
		return cmd_error(EXIT_USAGE, "usage: pagewalk grade DIR [--csv FILE] [--lesson FILE|NAME]");
	if (!csv) {
		if ((size_t)snprintf(csv_buf, sizeof csv_buf, "%s/grades.csv", dir) >= sizeof csv_buf)
			return cmd_error(EXIT_BADINPUT, "grade: directory name too long");
		csv = csv_buf;
	}
	if (list_dir(dir, &names, &n) < 0)
		return EXIT_BADINPUT;
	cl.g = calloc(n ? n : 1, sizeof *cl.g);
	if (!cl.g) {
		cmd_error(EXIT_BADINPUT, "grade: out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path) {
			cl.bad++;
			continue;
		}
		if (grade_file(&cl, lesson, path) < 0)
			goto out;
	}
	rc = report(&cl, csv);
out:
	class_free(&cl, names, n);
	return rc;
}
