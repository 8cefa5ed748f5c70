/* SPDX-License-Identifier: GPL-2.0-only */
/* draw_check.c - a witness for text that does not fit (PAGEWALK_DRAWCHECK).
 *
 * With PAGEWALK_DRAWCHECK=FILE set, the drawing functions report to FILE,
 * one line each, every string they were given but could not show whole
 * (WHERE, first on each line, says what the frame showed):
 *
 *   [WHERE] cut ROW COL WIDTH: TEXT       draw_str dropped the end of TEXT (WIDTH
 *                                  columns were given), or put it past the
 *                                  right edge of the screen
 *   below ROW COL: TEXT            wrapped text has lines below its rectangle
 *                                  and the caller offers no scrolling
 *   overlap ROW COL: NEW | OLD     NEW was drawn over the visible characters
 *                                  of OLD, another string of the same frame
 *                                  (without a clear in between)
 *
 * With PAGEWALK_DRAWTEXT=FILE2 as well, every string drawn that is not a
 * line of source code goes to FILE2 as "[WHERE] TEXT", so that a test can
 * read every word a screen showed (the Japanese sweep: tests/tui/fit.sh).
 *
 * The test suite visits every screen with it set and fails on any line. A
 * frame starts with drawcheck_frame(); draw_clear() gives the cells back.
 * Drawing that clips on purpose and shows it (the code pane's '>') uses
 * draw_str_clip(), which is not reported.
 */
#include "draw/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct drawcheck {
	FILE *f;
	int lines, cols;
	unsigned op;            /* the current string's number in the frame */
	unsigned *owner;        /* lines x cols: the op that drew the cell, 0: none */
	wchar_t *ch;            /* ... and the character it drew */
	char (*text)[160];      /* the start of each op's string, by op % NTEXT */
	char where[160];        /* what the frame shows ("lesson 07 step 9") */
	FILE *textf;            /* PAGEWALK_DRAWTEXT: every string drawn, or NULL */
	bool code;              /* source lines being drawn: not logged as text */
};

#define NTEXT 4096

/* The open witness: draw_clear() has no theme to find it through. */
static struct drawcheck *current;

struct drawcheck *drawcheck_current(void)
{
	return current;
}

struct drawcheck *drawcheck_open(const char *path)
{
	struct drawcheck *dc = calloc(1, sizeof *dc);

	if (!dc)
		return NULL;
	dc->f = fopen(path, "a");
	dc->text = calloc(NTEXT, sizeof *dc->text);
	if (!dc->f || !dc->text) {
		drawcheck_close(dc);
		return NULL;
	}
	current = dc;
	return dc;
}

void drawcheck_close(struct drawcheck *dc)
{
	if (!dc)
		return;
	if (current == dc)
		current = NULL;
	if (dc->f)
		fclose(dc->f);
	if (dc->textf)
		fclose(dc->textf);
	free(dc->owner);
	free(dc->ch);
	free(dc->text);
	free(dc);
}

int drawcheck_log_text(struct drawcheck *dc, const char *path)
{
	if (!dc || !(dc->textf = fopen(path, "a")))
		return -1;
	return 0;
}

void drawcheck_code(struct drawcheck *dc, bool on)
{
	if (dc)
		dc->code = on;
}

void drawcheck_where(struct drawcheck *dc, const char *where)
{
	if (dc)
		snprintf(dc->where, sizeof dc->where, "%s", where);
}

void drawcheck_frame(struct drawcheck *dc, int lines, int cols)
{
	size_t n = (size_t)(lines > 0 ? lines : 1) * (size_t)(cols > 0 ? cols : 1);

	if (!dc)
		return;
	if (lines != dc->lines || cols != dc->cols) {
		free(dc->owner);
		free(dc->ch);
		dc->owner = calloc(n, sizeof *dc->owner);
		dc->ch = calloc(n, sizeof *dc->ch);
		dc->lines = lines;
		dc->cols = cols;
	} else if (dc->owner) {
		memset(dc->owner, 0, n * sizeof *dc->owner);
	}
	dc->op = 0;
}

void drawcheck_report(struct drawcheck *dc, const char *what, int y, int x, int width,
		      const char *s)
{
	if (!dc)
		return;
	if (width >= 0)
		fprintf(dc->f, "[%s] %s %d %d %d: %s\n", dc->where, what, y, x, width, s);
	else
		fprintf(dc->f, "[%s] %s %d %d: %s\n", dc->where, what, y, x, s);
	fflush(dc->f);
}

unsigned drawcheck_begin(struct drawcheck *dc, const char *s)
{
	if (!dc)
		return 0;
	dc->op++;
	snprintf(dc->text[dc->op % NTEXT], sizeof dc->text[0], "%s", s ? s : "");
	if (dc->textf && !dc->code && s && *s)
		fprintf(dc->textf, "[%s] %s\n", dc->where, s);
	return dc->op;
}

void drawcheck_cell(struct drawcheck *dc, int y, int x, wchar_t c)
{
	size_t i;
	unsigned old;

	if (!dc || !dc->owner || y < 0 || x < 0 || y >= dc->lines || x >= dc->cols)
		return;
	i = (size_t)y * (size_t)dc->cols + (size_t)x;
	old = dc->owner[i];
	/* box-drawing rules (U+2500..U+257F) are decoration: a label may sit on them */
	if (old && old != dc->op && dc->ch[i] != L' ' && dc->ch[i] != c &&
	    !(dc->ch[i] >= 0x2500 && dc->ch[i] <= 0x257f)) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s | %s", dc->text[dc->op % NTEXT], dc->text[old % NTEXT]);
		drawcheck_report(dc, "overlap", y, x, -1, msg);
		/* one report per pair of strings: the old one's cells are taken over */
		for (size_t k = 0; k < (size_t)dc->lines * (size_t)dc->cols; k++)
			if (dc->owner[k] == old)
				dc->owner[k] = dc->op;
	}
	dc->owner[i] = dc->op;
	dc->ch[i] = c;
}

void drawcheck_clear(struct drawcheck *dc, struct rect r)
{
	if (!dc || !dc->owner)
		return;
	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			if (y >= 0 && x >= 0 && y < dc->lines && x < dc->cols)
				dc->owner[(size_t)y * (size_t)dc->cols + (size_t)x] = 0;
}
