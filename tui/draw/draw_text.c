/* SPDX-License-Identifier: GPL-2.0-only */
/* draw_text.c - UTF-8 text measured by display width: clipped lines and
 * wrapped paragraphs with `code` spans. */
#include "draw/draw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/text.h"

/* One character as drawn: its code point, columns, and whether it is in a
 * `code` span. */
struct cell {
	wchar_t ch;
	signed char width;
	bool code;
};

/* Decode the UTF-8 character at s into *cp; returns its length (>= 1). A
 * malformed byte decodes as '?' of length 1. */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
	size_t n = utf8_decode(s, strnlen((const char *)s, 4), cp);

	if (n == 0) {
		*cp = '?';
		return 1;
	}
	return n;
}

/* The cell for code point cp: control characters (and, should one get past
 * the loaders, an invisible or bidi one) and, outside a UTF-8
 * locale, anything non-ASCII become '?'. */
static struct cell cell_of(unsigned cp, const struct theme *th)
{
	struct cell c = { .ch = (wchar_t)cp, .width = 1 };

	if (cp == '\n') {
		c.width = 0;
		return c;
	}
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || text_is_invisible(cp)) {
		c.ch = '?';
		return c;
	}
	if (cp >= 0x80) {
		int wd = th->utf8 ? wcwidth((wchar_t)cp) : -1;
		if (wd < 0) {
			c.ch = '?';
			wd = 1;
		}
		c.width = (signed char)wd;
	}
	return c;
}

/* Japanese punctuation and brackets (U+3001..U+3011, the full-width
 * forms of ! ( ) , . : ; ?): no space joins a line to them. */
static bool cjk_punct(unsigned cp)
{
	return (cp >= 0x3001 && cp <= 0x3011) || cp == 0xff01 || cp == 0xff08 ||
	       cp == 0xff09 || cp == 0xff0c || cp == 0xff0e || cp == 0xff1a ||
	       cp == 0xff1b || cp == 0xff1f;
}

/* Does the line starting at p continue the paragraph before it? Not when
 * it is empty (a paragraph break), indented, or a list item ("- ", "* ",
 * "• ", "1. "): those keep their line break. */
static bool joins_line(const unsigned char *p)
{
	const unsigned char *q = p;

	if (*p == '\0' || *p == '\n' || *p == ' ')
		return false;
	if ((p[0] == '-' || p[0] == '*') && p[1] == ' ')
		return false;
	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xa2)   /* U+2022 bullet */
		return false;
	while (*q >= '0' && *q <= '9')
		q++;
	return !(q > p && q[0] == '.' && q[1] == ' ');
}

/* Decode s into a malloc'd cell array; with spans (narrative text),
 * backquotes toggle code and are dropped, and lines are reflowed: a single
 * line break inside a paragraph joins the lines. *n gets the count. NULL when out of memory. */
static struct cell *decode(const char *s, bool spans, const struct theme *th, size_t *n)
{
	size_t len = strlen(s), k = 0;
	struct cell *cells = malloc((len + 1) * sizeof *cells);
	const unsigned char *p = (const unsigned char *)s;
	bool code = false;

	if (!cells)
		return NULL;
	while (*p) {
		unsigned cp;
		p += utf8_next(p, &cp);
		if (spans && cp == '`') {
			code = !code;
			continue;
		}
		cells[k] = cell_of(cp, th);
		cells[k].code = code;
		/* a blank line ends a paragraph: the next one starts on a new
		 * line (no blank row, no leading space) */
		if (spans && cp == '\n' && k > 0 && cells[k - 1].ch == '\n' && joins_line(p))
			continue;
		if (spans && cp == '\n' && joins_line(p)) {
			/* reflow: a single line break inside a paragraph is a space,
			 * or nothing between two wide (CJK) characters */
			unsigned next;
			utf8_next(p, &next);
			if (k > 0 && cells[k - 1].width == 2 && cell_of(next, th).width == 2)
				continue;
			/* nor after Japanese punctuation or before it: "22、PTRS_PER_PMD",
			 * "たどります。cr3" (a space there is a typo on screen) */
			if (k > 0 && (cjk_punct((unsigned)cells[k - 1].ch) || cjk_punct(next)))
				continue;
			cells[k] = cell_of(' ', th);
			cells[k].code = code;
		}
		k++;
	}
	*n = k;
	return cells;
}

/* Draw cells[0..n) at y, x in attribute a (code cells in ROLE_CODE_SPAN). */
static void put_cells(WINDOW *w, int y, int x, const struct cell *cells, size_t n,
		      attr_t a, const struct theme *th)
{
	int col = x;

	wmove(w, y, x);
	for (size_t i = 0; i < n; i++) {
		const struct cell *c = &cells[i];
		attr_t at = c->code ? theme_attr(th, ROLE_CODE_SPAN) | (a & A_REVERSE) : a;
		if (c->ch == '\n')
			continue;
		for (int k = 0; k < c->width; k++)
			drawcheck_cell(th->check, y + getbegy(w), col + k + getbegx(w),
				       k ? L' ' : c->ch);
		col += c->width;
		wattrset(w, (int)at);
		if (c->ch < 0x80) {
			waddch(w, (chtype)c->ch | at);
		} else {
			wchar_t wc[2] = { c->ch, 0 };
			waddnwstr(w, wc, 1);
		}
	}
	wattrset(w, A_NORMAL);
}

void draw_clear(WINDOW *w, struct rect r, attr_t a)
{
	drawcheck_clear(drawcheck_current(), (struct rect){ r.y + getbegy(w), r.x + getbegx(w),
							     r.h, r.w });
	for (int i = 0; i < r.h; i++) {
		wattrset(w, (int)a);
		wmove(w, r.y + i, r.x);
		for (int j = 0; j < r.w; j++)
			waddch(w, ' ' | a);
	}
	wattrset(w, A_NORMAL);
}

/* draw_str; report says whether a cut is reported to PAGEWALK_DRAWCHECK. */
static int str_at(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a,
		  const struct theme *th, bool report)
{
	size_t n, k = 0;
	int used = 0;
	struct cell *cells;

	if (!s)
		return 0;
	if (maxw <= 0) {
		if (report && *s && th->check)
			drawcheck_report(th->check, "cut", y, x, maxw, s);
		return 0;
	}
	cells = decode(s, false, th, &n);
	if (!cells)
		return 0;
	for (; k < n; k++) {
		if (cells[k].ch == '\n') {
			cells[k].ch = ' ';
			cells[k].width = 1;
		}
		if (used + cells[k].width > maxw)
			break;
		used += cells[k].width;
	}
	if (th->check) {
		bool cut = false;
		for (size_t j = k; j < n; j++)   /* trailing blanks are no loss */
			cut |= cells[j].ch != ' ';
		if (report && (cut || x + used > getmaxx(w)))
			drawcheck_report(th->check, "cut", y, x, maxw, s);
		drawcheck_begin(th->check, s);
	}
	put_cells(w, y, x, cells, k, a, th);
	free(cells);
	return used;
}

int draw_str(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a,
	     const struct theme *th)
{
	return str_at(w, y, x, maxw, s, a, th, true);
}

int draw_str_clip(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a,
		  const struct theme *th)
{
	return str_at(w, y, x, maxw, s, a, th, false);
}

int draw_fmt(WINDOW *w, int y, int x, int maxw, attr_t a, const struct theme *th,
	     const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return draw_str(w, y, x, maxw, buf, a, th);
}

int draw_first_fit(WINDOW *w, int y, int x, int maxw, attr_t a, const struct theme *th,
		   const char *const *forms)
{
	size_t i = 0;

	while (forms[i + 1] && draw_text_width(forms[i], th) > maxw)
		i++;
	return draw_str(w, y, x, maxw, forms[i], a, th);
}

int draw_text_width(const char *s, const struct theme *th)
{
	size_t n;
	int wd = 0;
	struct cell *cells = decode(s, false, th, &n);

	if (!cells)
		return 0;
	for (size_t i = 0; i < n; i++)
		wd += cells[i].ch == '\n' ? 1 : cells[i].width;
	free(cells);
	return wd;
}

char *draw_tail_fit(const char *s, int maxw, const struct theme *th, char *out, size_t n)
{
	const char *more = th->utf8 ? "…" : "...";
	int mw = th->utf8 ? 1 : 3;
	const char *t = s;

	if (!n)
		return out;
	if (draw_text_width(s, th) > maxw) {
		/* drop characters from the front (never a UTF-8 continuation
		 * byte) until the rest fits beside the mark */
		do {
			t++;
			while ((*t & 0xc0) == 0x80)
				t++;
		} while (*t && draw_text_width(t, th) > maxw - mw);
		snprintf(out, n, "%s%s", maxw >= mw ? more : "", t);
		return out;
	}
	snprintf(out, n, "%s", s);
	return out;
}

int draw_input(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a,
	       const struct theme *th)
{
	char tail[1024];

	if (maxw < 2)
		return 0;
	return draw_str(w, y, x, maxw - 1, draw_tail_fit(s, maxw - 1, th, tail, sizeof tail), a, th);
}

/* May a line break between cells a and b (b goes to the next line)? After
 * a space, or on either side of a wide character (CJK has no spaces), but
 * never before a zero-width (combining) character, and never against the
 * Japanese line-breaking rules (b may not begin a line: 。、」ー small kana;
 * a may not end one: 「（). */
static bool can_break(const struct cell *a, const struct cell *b)
{
	if (b->width == 0)
		return false;
	if (!text_may_start_line((unsigned)b->ch) || !text_may_end_line((unsigned)a->ch))
		return false;
	return a->ch == ' ' || a->width == 2 || b->width == 2;
}

struct line {
	size_t start, end;   /* cells[start..end) */
};

/* Wrap cells to width; calls out for each line (if lines is not NULL and
 * there is room) and returns the number of lines. */
static int wrap(const struct cell *cells, size_t n, int width, struct line *lines,
		int maxlines)
{
	int count = 0;
	size_t i = 0;

	if (width < 1)
		width = 1;
	while (i <= n) {
		size_t start = i, brk = 0;
		int used = 0;
		bool have_brk = false;

		/* a continuation line starts at a non-space */
		while (i < n && cells[i].ch == ' ' && count > 0 && i > 0 && cells[i - 1].ch != '\n')
			i++, start = i;
		while (i < n && cells[i].ch != '\n') {
			int cw = cells[i].width;
			if (used + cw > width) {
				if (have_brk && brk > start)
					i = brk;
				else if (i == start)
					i++;   /* a character wider than the line */
				break;
			}
			if (i > start && can_break(&cells[i - 1], &cells[i]))
				brk = i, have_brk = true;
			used += cw;
			i++;
		}
		if (lines && count < maxlines) {
			size_t end = i;
			while (end > start && cells[end - 1].ch == ' ')
				end--;
			lines[count].start = start;
			lines[count].end = end;
		}
		count++;
		if (i < n && cells[i].ch == '\n') {
			i++;
			continue;
		}
		if (i >= n)
			break;
	}
	return count;
}

static int lines_of(const char *s, int width, bool spans, const struct theme *th)
{
	size_t n;
	struct cell *cells;
	int count;

	if (!s || !*s)
		return 0;
	cells = decode(s, spans, th, &n);
	if (!cells)
		return 0;
	count = wrap(cells, n, width, NULL, 0);
	free(cells);
	return count;
}

int draw_text_lines(const char *s, int width, const struct theme *th)
{
	return lines_of(s, width, true, th);
}

int draw_text_lines_plain(const char *s, int width, const struct theme *th)
{
	return lines_of(s, width, false, th);
}

static int wrapped(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
		   bool spans, bool scrolls, const struct theme *th)
{
	size_t n;
	struct cell *cells;
	struct line *lines;
	int count;

	draw_clear(w, r, base);
	if (!s || !*s || r.w < 1)
		return 0;
	cells = decode(s, spans, th, &n);
	if (!cells)
		return 0;
	count = wrap(cells, n, r.w, NULL, 0);
	lines = calloc((size_t)count + 1, sizeof *lines);
	if (lines) {
		wrap(cells, n, r.w, lines, count);
		if (th->check) {
			if (!scrolls && count - scroll > r.h)
				drawcheck_report(th->check, "below", r.y + r.h - 1, r.x, -1, s);
			drawcheck_begin(th->check, s);
		}
		for (int i = 0; i < r.h && scroll + i < count; i++) {
			const struct line *ln = &lines[scroll + i];
			put_cells(w, r.y + i, r.x, cells + ln->start, ln->end - ln->start,
				  base, th);
		}
	}
	free(lines);
	free(cells);
	return count;
}

int draw_text(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
	      const struct theme *th)
{
	return wrapped(w, r, s, scroll, base, true, false, th);
}

int draw_text_scroll(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
		     const struct theme *th)
{
	return wrapped(w, r, s, scroll, base, true, true, th);
}

int draw_text_plain(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
		    const struct theme *th)
{
	return wrapped(w, r, s, scroll, base, false, false, th);
}

int draw_text_plain_scroll(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
			   const struct theme *th)
{
	return wrapped(w, r, s, scroll, base, false, true, th);
}
