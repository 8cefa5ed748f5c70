/* SPDX-License-Identifier: GPL-2.0-only */
/* draw_addr.c - the address bar: a linear address split into its fields.
 *
 *   0xc0801234  11 000000100 000000001 001000110100
 *               pgd 3 pmd 4  pte 1     offset 0x234   (pud folded)
 */
#include "draw/draw.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The fields shown, high bits first: real levels, then the offset
 * (LEVEL_COUNT). Returns the count. */
static int fields_of(const struct arch *a, enum level out[LEVEL_COUNT + 1])
{
	int n = 0;

	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++)
		if (!a->level[lv].folded)
			out[n++] = (enum level)lv;
	out[n++] = LEVEL_COUNT;
	return n;
}

static int hex_digits(const struct arch *a)
{
	return a->va_bits > 32 ? 16 : 8;
}

/* Columns of the full form: hex, two spaces, the bits with a space between
 * fields. */
static int full_width(const struct arch *a)
{
	enum level f[LEVEL_COUNT + 1];
	int n = fields_of(a, f);

	return 2 + hex_digits(a) + 2 + (int)a->va_bits + (n - 1);
}

int draw_addr_height(const struct addr_view *v, int width)
{
	return full_width(v->arch) <= width ? 2 : 1;
}

static uint64_t field_value(const struct addr_view *v, enum level lv)
{
	return lv == LEVEL_COUNT ? v->f->offset : v->f->index[lv];
}

static attr_t field_attr(const struct addr_view *v, enum level lv, int nth,
			 const struct theme *th)
{
	if (v->highlight >= 0 && (enum level)v->highlight == lv)
		return theme_attr(th, ROLE_CURRENT);
	return theme_field(th, lv, nth);
}

static void label(const struct addr_view *v, enum level lv, char *buf, size_t len)
{
	if (lv == LEVEL_COUNT)
		snprintf(buf, len, "offset 0x%" PRIx64, v->f->offset);
	else
		snprintf(buf, len, "%s %" PRIu64, level_name(lv), field_value(v, lv));
}

/* "(p4d, pud folded)" ("(p4d, pud は折りたたみ)") or ""; on arm64 with the
 * base register first: "(TTBR1; p4d, pud folded)". */
static void folded_note(const struct addr_view *v, enum lang lang, char *buf, size_t len)
{
	const struct arch *a = v->arch;
	size_t k = 0;
	int n = 0;

	buf[0] = '\0';
	if (a->family == FAMILY_ARM64) {
		k = (size_t)snprintf(buf, len, "(TTBR%u", v->f->ttbr);
		n = -1;
	}
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++) {
		if (!a->level[lv].folded)
			continue;
		k += (size_t)snprintf(buf + k, len - k, "%s%s", n > 0 ? ", " : n < 0 ? "; " : "(",
				      level_name((enum level)lv));
		n = n < 0 ? 1 : n + 1;
		if (k >= len)
			return;
	}
	if (n > 0)
		snprintf(buf + k, len - k, lang == LANG_JA ? " は折りたたみ)" : " folded)");
	else if (n < 0)
		snprintf(buf + k, len - k, ")");
}

void draw_addr(WINDOW *w, struct rect r, const struct addr_view *v,
	       const struct theme *th)
{
	const struct arch *a = v->arch;
	enum level f[LEVEL_COUNT + 1];
	int n = fields_of(a, f), x, lx;
	char buf[64], note[64];

	draw_clear(w, r, A_NORMAL);
	if (r.h < 1 || r.w < 1)
		return;
	folded_note(v, v->lang, note, sizeof note);
	if (r.h < 2 || full_width(a) > r.w) {
		/* compact: 0x... = pgd 3 . pmd 4 . pte 1 . offset 0x234 */
		x = r.x + draw_fmt(w, r.y, r.x, r.w, A_BOLD, th, "0x%0*" PRIx64 " =",
				   hex_digits(a), v->f->addr);
		for (int i = 0; i < n; i++) {
			label(v, f[i], buf, sizeof buf);
			x += draw_str(w, r.y, x, r.x + r.w - x, " ", A_NORMAL, th);
			x += draw_str(w, r.y, x, r.x + r.w - x, buf,
				      field_attr(v, f[i], i, th), th);
		}
		/* the note only where it fits: the walk shows the folded levels too */
		if (*note && 2 + draw_text_width(note, th) <= r.x + r.w - x)
			x += draw_fmt(w, r.y, x, r.x + r.w - x, theme_attr(th, ROLE_DIM), th,
				      "  %s", note);
		return;
	}
	x = r.x + draw_fmt(w, r.y, r.x, r.w, A_BOLD, th, "0x%0*" PRIx64 "  ",
			   hex_digits(a), v->f->addr);
	lx = x;
	for (int i = 0; i < n; i++) {
		unsigned lo, hi;
		int start = x;
		addr_bits(a, f[i], &lo, &hi);
		attr_t at = field_attr(v, f[i], i, th);
		for (int b = (int)hi; b >= (int)lo; b--)
			buf[hi - (unsigned)b] = (v->f->addr >> b) & 1 ? '1' : '0';
		buf[hi - lo + 1] = '\0';
		x += draw_str(w, r.y, x, r.x + r.w - x, buf, at, th);
		x += draw_str(w, r.y, x, r.x + r.w - x, " ", A_NORMAL, th);
		/* the label under the field, pushed right past the previous one */
		label(v, f[i], buf, sizeof buf);
		if (lx < start)
			lx = start;
		lx += draw_str(w, r.y + 1, lx, r.x + r.w - lx, buf, at, th) + 1;
	}
	if (*note && draw_text_width(note, th) <= r.x + r.w - lx - 1)
		draw_fmt(w, r.y + 1, lx + 1, r.x + r.w - lx - 1, theme_attr(th, ROLE_DIM),
			 th, "%s", note);
}
