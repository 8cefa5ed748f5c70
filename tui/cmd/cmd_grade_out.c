/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_grade_out.c - a graded class laid out (see cmd_grade_int.h): the
 * table (a row per student: question cells, score, time, status), the
 * flags and notes, per-question statistics, the summary, and the CSV with
 * the same rows, bad files, missing and skipped students included. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cmd/cmd.h"
#include "cmd/cmd_file.h"
#include "cmd_grade_int.h"

#define GRADE_WIDTH 80
#define NAME_COLS 18             /* the name column at most */

/* ---- cells and words ---- */

/* One question cell: 1 or 2 (right at that try), ~ wrong with a try left
 * unused, x wrong, . not answered, ! edited. */
static char cell(const struct lab_check *c, size_t k)
{
	switch (c->qstate[k]) {
	case LABQ_RIGHT: return (char)('0' + (c->qtries[k] < 10 ? c->qtries[k] : 9));
	case LABQ_WRONG: return 'x';
	case LABQ_WRONG_SO_FAR: return '~';
	case LABQ_OPEN: return '.';
	default: return '!';
	}
}

static const char *cell_word(const struct lab_check *c, size_t k)
{
	switch (c->qstate[k]) {
	case LABQ_RIGHT: return c->qtries[k] == 1 ? "right1" : "right2";
	case LABQ_WRONG: return "wrong";
	case LABQ_WRONG_SO_FAR: return "wrong_so_far";
	case LABQ_OPEN: return "open";
	default: return "edited";
	}
}

/* The row's status: one word, the most serious. */
static const char *row_status(const struct lab_row *w)
{
	if (w->missing)
		return "missing";
	if (!w->graded)
		return "BAD";
	if (w->c.nflags_all)
		return "FLAGGED";
	if (w->c.open)
		return w->late ? "late" : "open";
	if (w->late)
		return "late";
	return w->c.retake ? "retake" : "ok";
}

static const char *row_name(const struct lab_row *w)
{
	if (w->name && w->name[0])
		return w->name;
	return w->r && w->r->name ? w->r->name : "";
}

/* "m:ss", "h:mm:ss", or "-" when unknown. */
static const char *duration(int64_t s, char *buf, size_t len)
{
	if (s < 0)
		snprintf(buf, len, "-");
	else if (s < 3600)
		snprintf(buf, len, "%d:%02d", (int)(s / 60), (int)(s % 60));
	else
		snprintf(buf, len, "%lld:%02d:%02d", (long long)(s / 3600), (int)(s / 60 % 60),
			 (int)(s % 60));
	return buf;
}

/* ---- names in columns (display width, UTF-8) ---- */

static int cp_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);

	if (w >= 0)
		return w;
	/* a locale that does not know it: wide in the CJK blocks */
	return cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) ||
				(cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
				(cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6))
	       ? 2 : 1;
}

static int text_cols(const char *s)
{
	int cols = 0;
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k)
			k = 1, cp = '?';
		cols += cp_width(cp);
		i += k;
	}
	return cols;
}

/* s in exactly cols columns: cut with ~ when longer, padded with spaces. */
static void put_cols(const char *s, int cols)
{
	size_t n = strlen(s);
	int used = 0;
	bool cut = text_cols(s) > cols;

	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode((const unsigned char *)s + i, n - i, &cp);
		int w;
		if (!k)
			k = 1, cp = '?';
		w = cp_width(cp);
		if (used + w > cols - (cut ? 1 : 0))
			break;
		fwrite(s + i, 1, k, stdout);
		used += w;
		i += k;
	}
	if (cut) {
		putchar('~');
		used++;
	}
	printf("%*s", cols - used, "");
}

/* ---- the table ---- */

struct layout {
	int sw, nw;                     /* student and name columns (nw 0: no names) */
	size_t nq;
};

static void header(const struct layout *ly, size_t from, size_t to, bool last)
{
	printf("%-*s ", ly->sw, "student");
	if (ly->nw)
		put_cols("name", ly->nw), putchar(' ');
	for (size_t k = from; k < to; k++)
		printf(" Q%-2zu", k + 1);
	printf("%s\n", last ? "   score     time  status" : "");
}

static void row(const struct layout *ly, const struct lab_row *w, size_t from, size_t to,
		bool last)
{
	char buf[32];

	printf("%-*s ", ly->sw, w->id);
	if (ly->nw)
		put_cols(row_name(w), ly->nw), putchar(' ');
	for (size_t k = from; k < to; k++)
		printf("  %c ", w->graded ? cell(&w->c, k) : '-');
	if (!last) {
		putchar('\n');
		return;
	}
	if (w->graded)
		snprintf(buf, sizeof buf, "%3zu/%-3zu", w->c.score, w->c.max);
	else
		snprintf(buf, sizeof buf, "%5s  ", "-");
	printf("  %s", buf);
	printf(" %7s  %s\n", duration(w->taken, buf, sizeof buf), row_status(w));
}

/* The question columns in blocks that fit GRADE_WIDTH; each block repeats
 * the student (and name) column, the last adds score, time and status. */
static void print_table(const struct lab_class *cl, size_t nq)
{
	struct layout ly = { .sw = 7, .nq = nq };
	size_t per, from = 0;

	for (size_t i = 0; i < cl->n; i++) {
		int w = (int)strlen(cl->rows[i].id), nc = text_cols(row_name(&cl->rows[i]));
		ly.sw = w > ly.sw ? w : ly.sw;
		if (nc)
			ly.nw = nc > ly.nw ? nc : ly.nw;
	}
	if (ly.nw) {
		/* what one question and the score, time and status (7) leave */
		int room = GRADE_WIDTH - ly.sw - 1 - 1 - 4 - 26;
		ly.nw = ly.nw < 4 ? 4 : ly.nw > NAME_COLS ? NAME_COLS : ly.nw;
		ly.nw = ly.nw > room ? room : ly.nw;
		ly.nw = ly.nw < 4 ? 0 : ly.nw;
	}
	per = (size_t)((GRADE_WIDTH - ly.sw - 1 - (ly.nw ? ly.nw + 1 : 0) - 26) / 4);
	if (per < 1)
		per = 1;
	do {
		size_t to = from + per < nq ? from + per : nq;
		bool last = to == nq;
		header(&ly, from, to, last);
		for (size_t i = 0; i < cl->n; i++)
			row(&ly, &cl->rows[i], from, to, last);
		from = to;
		if (!last)
			putchar('\n');
	} while (from < nq);
	printf("\n1/2: right at try 1/2   ~: wrong, a try left unused   x: wrong   "
	       ".: not answered\n!: edited (not counted)   -: no result\n");
}

/* ---- flags, notes ---- */

/* "WHERE: WHAT: TEXT", TEXT escaped (a flag may quote a path from outside). */
static void print_escaped(const char *where, const char *what, const char *text)
{
	char *safe = text_escape(text, strlen(text), false);

	printf("%s: %s: %s\n", where, what, safe ? safe : "?");
	free(safe);
}

static void print_lines(const struct lab_class *cl)
{
	for (size_t i = 0; i < cl->n; i++) {
		const struct lab_row *w = &cl->rows[i];
		char *safe = w->file ? text_escape(w->file, strlen(w->file), false) : NULL;
		const char *where = safe ? safe : w->id;
		if (w->missing)
			printf("%s: missing: on the roster, no result\n", w->id);
		if (!w->graded) {
			free(safe);
			continue;
		}
		for (size_t f = 0; f < w->c.nflags; f++)
			print_escaped(where, "flagged", w->c.flag[f]);
		if (w->c.nflags_all > w->c.nflags)
			printf("%s: flagged: and %zu more\n", where, w->c.nflags_all - w->c.nflags);
		for (size_t k = 0; k < w->c.nnotes; k++)
			print_escaped(where, "note", w->c.note[k]);
		free(safe);
	}
}

/* ---- statistics ---- */

/* text (English: a byte a column) wrapped at GRADE_WIDTH, after the
 * first columns already printed; later lines indented by ind. */
static void wrapped(const char *text, int first, int ind)
{
	int col = first;
	bool start = true;

	while (*text) {
		size_t word = strcspn(text, " ");
		if (!start && col + 1 + (int)word > GRADE_WIDTH) {
			printf("\n%*s", ind, "");
			col = ind;
		} else if (!start) {
			putchar(' ');
			col++;
		}
		fwrite(text, 1, word, stdout);
		col += (int)word;
		text += word;
		start = false;
		while (*text == ' ')
			text++;
	}
	putchar('\n');
}

static int print_stats(const struct lab_class *cl, const struct lesson *l, size_t nq)
{
	struct lab_qstats *st = calloc(nq ? nq : 1, sizeof *st);
	struct diag d;
	size_t k = 0;

	if (!st)
		return cmd_error(EXIT_BADINPUT, "grade: out of memory");
	if (lab_class_stats(cl, l, st, &d) < 0) {
		free(st);
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	printf("\nQuestions: how the class did, and the commonest wrong answers with the "
	       "engine's\ndiagnosis:\n");
	for (size_t s = 0; s < l->nsteps; s++) {
		const struct lab_qstats *q = &st[k];
		if (l->steps[s].kind != STEP_QUIZ)
			continue;
		printf("Q%zu (step %zu, %s): right at try 1: %zu, at try 2: %zu; wrong: %zu, wrong "
		       "so far: %zu; not answered: %zu%s", k + 1, s + 1,
		       quiz_kind_name(l->steps[s].u.quiz.kind), q->right1, q->right2, q->wrong,
		       q->wrong_so_far, q->open, q->edited ? "; edited: " : "");
		if (q->edited)
			printf("%zu", q->edited);
		putchar('\n');
		for (size_t c = 0; c < q->ncommon; c++) {
			const struct lab_common *m = &q->common[c];
			char head[200];
			int n = q->common[c].by_answer
				? snprintf(head, sizeof head, "   \"%s\" (%zu): ", m->answer, m->count)
				: snprintf(head, sizeof head, "   %zu like \"%s\": ", m->count, m->answer);
			fputs(head, stdout);
			wrapped(m->feedback, n, 5);
		}
		k++;
	}
	free(st);
	return 0;
}

/* ---- CSV ---- */

static void csv_flags(FILE *f, const struct lab_row *w, bool notes)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	size_t n = notes ? w->c.nnotes : w->c.nflags;

	if (!m)
		return;
	for (size_t i = 0; i < n; i++)
		fprintf(m, "%s%s", i ? "; " : "", notes ? w->c.note[i] : w->c.flag[i]);
	if (!notes && w->c.nflags_all > w->c.nflags)
		fprintf(m, "; and %zu more", w->c.nflags_all - w->c.nflags);
	if (fclose(m) == 0 && buf) {
		char *safe = text_escape(buf, strlen(buf), false);
		cmd_csv_cell(f, safe ? safe : "?");
		free(safe);
	}
	free(buf);
}

static void csv_row(FILE *f, const struct lab_row *w, size_t nq)
{
	char num[64];

	cmd_csv_cell(f, w->id);
	fputc(',', f);
	cmd_csv_cell(f, row_name(w));
	if (!w->graded) {
		char line[1200] = "";
		char *safe;
		if (w->bad_set)
			diag_format(&w->bad, line, sizeof line);
		else if (w->jbad_set)
			diag_format(&w->jbad, line, sizeof line);
		fputs(",,,,", f);
		for (size_t k = 0; k < nq; k++)
			fputc(',', f);
		fprintf(f, ",%s,,,,", w->missing ? "missing" : "bad");
		safe = text_escape(line, strlen(line), false);
		cmd_csv_cell(f, w->missing ? "on the roster, no result" : safe ? safe : "?");
		free(safe);
		fputs(",\n", f);
		return;
	}
	snprintf(num, sizeof num, "%" PRIu64, w->r->seed);
	fputc(',', f);
	cmd_csv_cell(f, num);
	fprintf(f, ",%s,%zu,%zu", w->r->seed_given ? "given" : "session", w->c.score, w->c.max);
	for (size_t k = 0; k < nq; k++)
		fprintf(f, ",%s", k < w->c.nq ? cell_word(&w->c, k) : "");
	fputc(',', f);
	for (const char *p = row_status(w); *p; p++)   /* lower case in the CSV */
		fputc(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p, f);
	fputc(',', f);
	if (w->taken >= 0)
		fprintf(f, "%lld", (long long)w->taken);
	fputc(',', f);
	cmd_csv_cell(f, w->r->started);
	fputc(',', f);
	cmd_csv_cell(f, w->r->handed_in);
	fputc(',', f);
	csv_flags(f, w, false);
	fputc(',', f);
	csv_flags(f, w, true);
	fputc('\n', f);
}

static int write_csv(const struct lab_class *cl, size_t nq, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (!f)
		return cmd_error(EXIT_BADINPUT, "grade: out of memory");
	fputs("student,name,seed,seed_from,score,max", f);
	for (size_t k = 0; k < nq; k++)
		fprintf(f, ",q%zu", k + 1);
	fputs(",status,seconds,started,handed_in,flags,notes\n", f);
	for (size_t i = 0; i < cl->n; i++)
		csv_row(f, &cl->rows[i], nq);
	for (size_t i = 0; i < cl->nskipped_ids; i++) {
		cmd_csv_cell(f, cl->skipped_ids[i]);
		fputs(",,,,,", f);
		for (size_t k = 0; k < nq; k++)
			fputc(',', f);
		fprintf(f, ",skipped,,,,more than %d students: not read,\n", LAB_CLASS_MAX);
	}
	fclose(f);
	rc = buf ? cmd_file_out("grade", path, buf, len, FILE_REPLACE)
		 : cmd_error(EXIT_BADINPUT, "grade: out of memory");
	free(buf);
	return rc;
}

/* ---- all of it ---- */

void cmd_grade_bad_files(const struct lab_class *cl)
{
	for (size_t i = 0; i < cl->n; i++) {
		if (cl->rows[i].bad_set)
			cmd_print_diag(&cl->rows[i].bad);
		if (cl->rows[i].jbad_set)
			cmd_print_diag(&cl->rows[i].jbad);
	}
	if (cl->skipped)
		cmd_error(EXIT_BADINPUT, "grade: more than %d students: the first %d by name are "
			  "graded, %zu skipped (the first skipped: %s)", LAB_CLASS_MAX, LAB_CLASS_MAX,
			  cl->skipped, cl->nskipped_ids ? cl->skipped_ids[0] : "?");
}

int cmd_grade_report(const struct lab_class *cl, const struct lesson *l, const char *csv)
{
	size_t nq = 0, graded = 0, flagged = 0, bad = 0, missing = 0, late = 0, open = 0;
	size_t retakes = 0, sum = 0;
	char *safe;
	int rc;

	for (size_t s = 0; s < l->nsteps; s++)
		nq += l->steps[s].kind == STEP_QUIZ;
	for (size_t i = 0; i < cl->n; i++) {
		const struct lab_row *w = &cl->rows[i];
		/* a journal that became no result while grading (another lesson) */
		if (!w->graded && !w->bad_set && w->jbad_set && w->j && !w->has_result)
			cmd_print_diag(&w->jbad);
		missing += w->missing;
		bad += !w->graded && !w->missing;
		if (!w->graded)
			continue;
		graded++;
		sum += w->c.score;
		flagged += w->c.nflags_all > 0;
		late += w->late;
		open += w->c.open;
		retakes += w->c.retake;
	}
	if (graded == 0 && bad + missing == 0) {
		cmd_error(EXIT_BADINPUT, "grade: no lab result could be graded");
		return EXIT_BADINPUT;
	}
	print_table(cl, nq);
	print_lines(cl);
	if (graded && (rc = print_stats(cl, l, nq)) != 0)
		return rc;
	rc = write_csv(cl, nq, csv);
	safe = text_escape(csv, strlen(csv), false);
	printf("\n%zu student(s), lesson %s: mean %.1f of %zu; %zu flagged, %zu bad file(s)",
	       graded, l->name, graded ? (double)sum / (double)graded : 0.0, nq, flagged, bad);
	if (missing)
		printf(", %zu missing", missing);
	if (open)
		printf(", %zu not handed in", open);
	if (late)
		printf(", %zu late", late);
	if (retakes)
		printf(", %zu retake(s)", retakes);
	if (cl->skipped)
		printf(", %zu skipped (over %d)", cl->skipped, LAB_CLASS_MAX);
	printf("%s%s\n", rc ? "" : "; CSV: ", rc ? "" : (safe ? safe : "?"));
	free(safe);
	if (cmd_finish_stdout() != 0)
		return EXIT_BADINPUT;
	return rc ? rc : (flagged || bad || !graded) ? EXIT_BADINPUT : 0;
}
