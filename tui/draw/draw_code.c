/* SPDX-License-Identifier: GPL-2.0-only */
/* draw_code.c - the code pane: a source excerpt with highlighted lines. */
#include "draw/draw.h"

#include <stdio.h>
#include <string.h>

int draw_code_top(const struct code_lines *c, int h)
{
	int rows = h - (c->title ? 1 : 0) - (c->note ? 1 : 0);

	for (size_t i = 0; i < c->nlines; i++) {
		if (c->highlighted && c->highlighted(c->ctx, c->first_line + (unsigned)i)) {
			int top = (int)i - 2;
			int maxtop = (int)c->nlines - rows;
			if (top > maxtop)
				top = maxtop;
			return top < 0 ? 0 : top;
		}
	}
	return 0;
}

void draw_code(WINDOW *w, struct rect r, const struct code_lines *c, int top,
	       const struct theme *th)
{
	int y = r.y, numw;
	char num[16];
	unsigned last;

	draw_clear(w, r, A_NORMAL);
	if (r.h < 1 || r.w < 8)
		return;
	if (c->title) {
		/* a title too wide loses its remark in parentheses, then the
		 * directories of its path */
		char mid[300], shortest[300];
		const char *forms[] = { c->title, mid, shortest, NULL };
		const char *base = mid;
		char *p;
		snprintf(mid, sizeof mid, "%s", c->title);
		if ((p = strstr(mid, " (")) || (p = strstr(mid, "（")))
			*p = '\0';
		for (const char *q = mid; *q && *q != ' '; q++)
			if (*q == '/')
				base = q + 1;
		snprintf(shortest, sizeof shortest, "%s", base);
		draw_first_fit(w, y, r.x, r.w, theme_attr(th, ROLE_HEADING), th, forms);
		y++;
	}
	if (c->note && y < r.y + r.h) {
		draw_str(w, y, r.x, r.w, c->note, theme_attr(th, ROLE_STATUS), th);
		y++;
	}
	if (!c->nlines && c->message) {
		draw_text(w, (struct rect){ y, r.x, r.y + r.h - y, r.w }, c->message, 0,
			  theme_attr(th, ROLE_DIM), th);
		return;
	}
	last = c->first_line + (unsigned)(c->nlines ? c->nlines - 1 : 0);
	numw = snprintf(num, sizeof num, "%ld", (long)last + c->number_shift);
	if (top < 0)
		top = 0;
	drawcheck_code(th->check, true);
	for (size_t i = (size_t)top; i < c->nlines && y < r.y + r.h; i++, y++) {
		unsigned ln = c->first_line + (unsigned)i;
		bool hl = c->highlighted && c->highlighted(c->ctx, ln);
		attr_t at = theme_attr(th, hl ? ROLE_CODE_HL : ROLE_CODE);
		int x = r.x, textw = r.w - numw - 1, used;

		x += draw_fmt(w, y, x, r.w, theme_attr(th, ROLE_LINENO), th, "%*ld ", numw,
			      (long)ln + c->number_shift);
		if (hl)
			draw_clear(w, (struct rect){ y, x, 1, textw }, at);
		/* a line too long for the pane ends in '>' (as less -S does) */
		if (draw_text_width(c->lines[i], th) > textw) {
			used = draw_str_clip(w, y, x, textw - 1, c->lines[i], at, th);
			draw_str(w, y, x + used, 1, ">", theme_attr(th, ROLE_DIM), th);
		} else {
			draw_str(w, y, x, textw, c->lines[i], at, th);
		}
	}
	drawcheck_code(th->check, false);
}
