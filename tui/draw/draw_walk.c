/* SPDX-License-Identifier: GPL-2.0-only */
/* draw_walk.c - the walk diagram: cr3 -> pgd -> ... -> pte -> frame.
 *
 *   cr3   0x00101000
 *    └─▶ pgd  table 0x00101000 [ 768] = 0x00102067  P RW US A D
 *    └─▶ pud  folded — pud_offset(p4d) == p4d
 *    └─▶ pte  table 0x00102000 [   1] = 0x00204063  P RW A D
 *    └─▶ frame 0x00204000 + 0x234 = 0x00204234 (4 KiB page)
 *
 * An arm64 walk starts from the base register bit 55 picked (TTBR0_EL1 or
 * TTBR1_EL1), shows each descriptor's type and bits (table PXNT, page AF
 * nG AP=01 UXN ...) and ends in the abort's ESR and its fault:
 *    └─▶ ESR 0x9200004f: the pte entry 1 has AP[2:1] = 11 (read-only): a level 3 ...
 */
#include "draw/draw.h"
#include "paging/arm64.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static bool arm64(const struct walk_view *v)
{
	return v->arch->family == FAMILY_ARM64;
}

/* What the walk starts from: "cr3", or arm64's base register. */
static const char *base_name(const struct walk_view *v)
{
	if (!arm64(v))
		return "cr3";
	return v->walk->ttbr == 1 ? "TTBR1_EL1" : v->walk->ttbr == 0 ? "TTBR0_EL1" : "TTBR0/TTBR1";
}

static void draw_walk_boxes(WINDOW *w, struct rect r, const struct walk_view *v,
			    const struct theme *th);

int draw_walk_height(const struct walk_view *v)
{
	return 2 + v->walk->nsteps;
}

/* Hex digits for a physical address: 8 with 32-bit entries, else 9 (36
 * bits, enough for most lessons) or 13 (52 bits) when the value needs it. */
static int pa_digits(const struct arch *a, uint64_t v)
{
	return a->entry_size == 4 ? 8 : v >> 36 ? 13 : 9;
}

static int entry_digits(const struct arch *a)
{
	return a->entry_size == 8 ? 16 : 8;
}

/* The arrow at the start of a step row. */
static const char *arrow(const struct theme *th)
{
	return th->utf8 ? " └─▶ " : " `-> ";
}

/* An entry's flags as a walk row shows them: walk_step_flags, with an
 * arm64 descriptor's kind in the reader's language ("page" -> ページ). */
static void flags_of(const struct arch *a, const struct walk_step *s, enum lang lang, char *buf,
		     size_t len)
{
	static const char *const kinds[][2] = {
		{ "page", "ページ" }, { "block", "ブロック" }, { "table", "テーブル" },
		{ "invalid", "無効" }, { "reserved", "予約" },
	};
	char rest[96];

	walk_step_flags(a, s, false, buf, len);
	if (lang != LANG_JA || a->family != FAMILY_ARM64)
		return;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i][0]);
		if (!strncmp(buf, kinds[i][0], n) && (buf[n] == ' ' || !buf[n])) {
			snprintf(rest, sizeof rest, "%s", buf + n);
			snprintf(buf, len, "%s%s", kinds[i][1], rest);
			return;
		}
	}
}

static void draw_step(WINDOW *w, int y, struct rect r, const struct walk_view *v,
		      int i, const struct theme *th)
{
	const struct arch *a = v->arch;
	const struct walk_step *s = &v->walk->step[i];
	bool shown = v->revealed < 0 || i < v->revealed;
	bool cur = shown && i == v->current;
	bool failed = shown && v->walk->fail == i;
	bool marked = shown && i == v->mark;
	attr_t base = cur ? theme_attr(th, ROLE_CURRENT) : A_NORMAL;
	int x = r.x, end = r.x + r.w;
	char flags[64];

	x += draw_str(w, y, x, end - x, arrow(th), A_NORMAL, th);
	if (!shown) {
		draw_fmt(w, y, x, end - x, theme_attr(th, ROLE_DIM), th, "%-4s ...",
			 level_name(s->level));
		return;
	}
	if (s->folded) {
		char how[64];
		level_fold_text(s->level, FOLD_SHORT, how, sizeof how);
		draw_fmt(w, y, x, end - x, cur ? base : theme_attr(th, ROLE_DIM), th,
			 v->lang == LANG_JA ? "%s: 折りたたみ %s %s" : "%s: folded %s %s",
			 level_name(s->level), th->utf8 ? "—" : "-", how);
		return;
	}
	char head[120], entry[40], note[120], fail[40];
	if (arm64(v))   /* no "table": the room goes to the descriptor's bits */
		snprintf(head, sizeof head, " 0x%0*" PRIx64 "[%4u] = ", pa_digits(a, s->table),
			 s->table, s->index);
	else
		snprintf(head, sizeof head, v->lang == LANG_JA ? " テーブル 0x%0*" PRIx64 " [%4u] = "
			 : " table 0x%0*" PRIx64 " [%4u] = ", pa_digits(a, s->table), s->table,
			 s->index);
	snprintf(entry, sizeof entry, "0x%0*" PRIx64, entry_digits(a), s->entry);
	flags_of(a, s, v->lang, flags, sizeof flags);
	snprintf(note, sizeof note, "  %s", marked && v->mark_note ? v->mark_note : "");
	snprintf(fail, sizeof fail, failed ? (v->lang == LANG_JA ? "  %s ここで失敗" : "  %s failed here")
		 : "%.0s", th->utf8 ? "✗" : "X");
	/* what does not fit goes, least needed first: the words after the ✗,
	 * then the flags, then the note; on the failing entry the flags are
	 * the point (the right that is missing), so the table's base goes
	 * before them */
	{
		int fixed = x - r.x + 4 + draw_text_width(head, th) + draw_text_width(entry, th);
		int fw = 2 + draw_text_width(flags, th), nw = marked && v->mark_note ? draw_text_width(note, th) : 0;
		if (fixed + fw + nw + draw_text_width(fail, th) > r.w && failed)
			snprintf(fail, sizeof fail, "  %s", th->utf8 ? "✗" : "X");
		if (fixed + fw + nw + draw_text_width(fail, th) > r.w && failed) {
			fixed -= draw_text_width(head, th);
			snprintf(head, sizeof head, " [%4u] = ", s->index);
			fixed += draw_text_width(head, th);
		}
		if (fixed + fw + nw + draw_text_width(fail, th) > r.w)
			flags[0] = '\0';
		if (fixed + nw + draw_text_width(fail, th) > r.w)
			note[2] = '\0';
	}
	x += draw_fmt(w, y, x, end - x, base | A_BOLD, th, "%-4s", level_name(s->level));
	x += draw_str(w, y, x, end - x, head, base, th);
	x += draw_str(w, y, x, end - x, entry, marked ? theme_attr(th, ROLE_MARK) : base | A_BOLD, th);
	if (flags[0])
		x += draw_fmt(w, y, x, end - x, base, th, "  %s", flags);
	if (marked && v->mark_note && note[2])
		x += draw_str(w, y, x, end - x, note, theme_attr(th, ROLE_MARK), th);
	if (failed)
		draw_str(w, y, x, end - x, fail, theme_attr(th, ROLE_ERROR), th);
}

/* arm64's abort as the result line: the ESR and why, the longest form that
 * fits (the words of the reason go before the fault's name). */
static void draw_abort(WINDOW *w, int y, int x, int width, const struct walk_view *v,
		       const struct theme *th)
{
	const struct walk *wk = v->walk;
	const char *why = v->reason ? v->reason : wk->reason, *semi = strrchr(why, ';');
	char forms[5][320], kind[64];
	const char *fit[6];
	int n = 0;

	if (v->lang == LANG_JA) {
		snprintf(kind, sizeof kind, "%s", arm64_fsc_name_ja(wk->esr & ESR_FSC) ?
			 arm64_fsc_name_ja(wk->esr & ESR_FSC) : "?");
		snprintf(forms[n++], sizeof forms[0], "アボート、ESR 0x%08" PRIx32 ": %s", wk->esr, why);
		snprintf(forms[n++], sizeof forms[0], "ESR 0x%08" PRIx32 ": %s", wk->esr, why);
	} else {
		snprintf(kind, sizeof kind, "%s", arm64_fsc_name(wk->esr & ESR_FSC) ?
			 arm64_fsc_name(wk->esr & ESR_FSC) : "?");
		snprintf(forms[n++], sizeof forms[0], "abort, ESR 0x%08" PRIx32 ": %s", wk->esr, why);
		if (semi)   /* "the pte entry 3 has ...: a level 3 permission fault." */
			snprintf(forms[n++], sizeof forms[0], "ESR 0x%08" PRIx32 ": %s", wk->esr,
				 semi + 2);
		else        /* without the parenthesis: "(at 0x...)", "(bit 0 clear)" */
			snprintf(forms[n++], sizeof forms[0], "ESR 0x%08" PRIx32 ": %s", wk->esr,
				 why);
		if (n == 2 && strchr(forms[1], '(')) {
			char *p, *q;
			snprintf(forms[2], sizeof forms[0], "%s", forms[1]);
			while ((p = strstr(forms[2], " (")) && (q = strchr(p, ')')))
				memmove(p, q + 1, strlen(q + 1) + 1);
			n = 3;
		}
	}
	snprintf(forms[n++], sizeof forms[0], "ESR 0x%08" PRIx32 ": %s", wk->esr, kind);
	for (int i = 0; i < n; i++)
		fit[i] = forms[i];
	fit[n] = NULL;
	draw_first_fit(w, y, x, width, theme_attr(th, ROLE_ERROR), th, fit);
}

static void draw_result(WINDOW *w, int y, struct rect r, const struct walk_view *v,
			const struct theme *th)
{
	const struct walk *wk = v->walk;
	int x = r.x, end = r.x + r.w;

	x += draw_str(w, y, x, end - x, arrow(th), A_NORMAL, th);
	if (wk->status != WALK_OK && arm64(v)) {
		draw_abort(w, y, x, end - x, v, th);
	} else if (wk->status == WALK_OK) {
		uint64_t off = wk->phys - wk->frame;
		draw_fmt(w, y, x, end - x, theme_attr(th, ROLE_GOOD), th,
			 v->lang == LANG_JA ? "フレーム 0x%0*" PRIx64 " + 0x%" PRIx64 " = 0x%0*" PRIx64 "(%s ページ)"
			 : "frame 0x%0*" PRIx64 " + 0x%" PRIx64 " = 0x%0*" PRIx64 " (%s page)",
			 pa_digits(v->arch, wk->frame), wk->frame, off, pa_digits(v->arch, wk->phys), wk->phys,
			 walk_size_name(wk->page_size));
	} else {
		char line[300];
		const char *why = v->reason ? v->reason : wk->reason;
		snprintf(line, sizeof line, v->lang == LANG_JA ? "ページフォルト、エラーコード 0x%" PRIx32 ": %s"
			 : "page fault, error code 0x%" PRIx32 ": %s", wk->error_code, why);
		if (draw_text_width(line, th) > end - x)
			snprintf(line, sizeof line, "#PF 0x%" PRIx32 ": %s", wk->error_code, why);
		/* still too wide: the reason's last clause ("the pte entry 72 has
		 * RW clear (read-only)") says what is wrong; the rule before it
		 * is in the lesson text */
		if (draw_text_width(line, th) > end - x && strrchr(why, ';'))
			snprintf(line, sizeof line, "#PF 0x%" PRIx32 ": %s", wk->error_code,
				 strrchr(why, ';') + 2);
		/* ... or without its closing remark in parentheses */
		if (draw_text_width(line, th) > end - x && strstr(line, " (a "))
			*strstr(line, " (a ") = '\0';
		/* ... or without the entry's value "(0x...)", shown on its row */
		if (draw_text_width(line, th) > end - x && strstr(line, " (0x")) {
			char *p = strstr(line, " (0x"), *q = strchr(p, ')');
			if (q)
				memmove(p, q + 1, strlen(q + 1) + 1);
		}
		draw_str(w, y, x, end - x, line, theme_attr(th, ROLE_ERROR), th);
	}
}

void draw_walk(WINDOW *w, struct rect r, const struct walk_view *v,
	       const struct theme *th)
{
	const struct walk *wk = v->walk;
	int y = r.y, x = r.x;

	draw_clear(w, r, A_NORMAL);
	if (r.h < 1 || r.w < 1)
		return;
	if (v->boxes) {
		int bh = draw_walk_box_height(v, r.w);
		if (bh && bh <= r.h) {
			draw_walk_boxes(w, r, v, th);
			return;
		}
	}
	if (v->title)
		x += draw_fmt(w, y, x, r.w, theme_attr(th, ROLE_HEADING), th, "%s  ", v->title);
	x += draw_fmt(w, y, x, r.x + r.w - x, A_BOLD, th, "%s", base_name(v));
	if (!arm64(v) || wk->ttbr >= 0)
		draw_fmt(w, y, x, r.x + r.w - x, A_NORMAL, th, "  0x%0*" PRIx64,
			 pa_digits(v->arch, wk->cr3), wk->cr3);
	else
		draw_fmt(w, y, x, r.x + r.w - x, A_NORMAL, th, v->lang == LANG_JA ?
			 ": 0x%016" PRIx64 " はどちらの範囲にもありません" :
			 ": 0x%016" PRIx64 " is in neither range", wk->addr);
	y++;
	for (int i = 0; i < wk->nsteps && y < r.y + r.h; i++, y++)
		draw_step(w, y, r, v, i, th);
	if (y < r.y + r.h && (v->revealed < 0 || v->revealed > wk->nsteps))
		draw_result(w, y, r, v, th);
}

/* ---- the boxed layout ---------------------------------------------------- */

#define BOX_H 5        /* top border, three lines, bottom border */
#define ARROW_W 3      /* "──▶" between two boxes */
#define MAX_SEGS (LEVEL_COUNT + 2)

enum seg_kind { SEG_CR3, SEG_LEVEL, SEG_BRIDGE, SEG_FRAME };

/* One piece of the chain: cr3, a real level, a run of folded levels, the frame. */
struct seg {
	enum seg_kind kind;
	int i0, i1;        /* walk steps [i0, i1) it stands for */
	int w;             /* columns */
	int row, col;      /* placement: row of boxes, column in the rect */
};

static int bridge_label(const struct walk *wk, int i, char *buf, size_t len)
{
	level_fold_text(wk->step[i].level, FOLD_TIGHT, buf, len);
	return (int)strlen(buf);
}

static int level_inner(const struct arch *a, const struct walk_step *s, enum lang lang)
{
	int w = 6 + 2 + pa_digits(a, s->table), e = 2 + entry_digits(a);
	char title[32], flags[96];
	int t = snprintf(title, sizeof title, "%s [%u] X", level_name(s->level), s->index);

	w = w > e ? w : e;
	if (a->family == FAMILY_ARM64) {   /* "page AF nG AP=01 PXN UXN": room for the bits */
		flags_of(a, s, lang, flags, sizeof flags);
		if ((int)strlen(flags) > w)   /* bytes: at least its width */
			w = (int)strlen(flags);
	}
	return w > t ? w : t;
}

/* Split the walk into segments; returns how many. */
static int build_segs(const struct walk_view *v, struct seg *sg)
{
	const struct walk *wk = v->walk;
	const struct arch *a = v->arch;
	int n = 0, t = v->title ? (int)strlen(v->title) : 0;
	int c = 2 + pa_digits(a, wk->cr3), b = (int)strlen(base_name(v)) + 2;

	t = t > b ? t : b;

	sg[n++] = (struct seg){ SEG_CR3, 0, 0, 4 + (c > t ? c : t), 0, 0 };
	for (int i = 0; i < wk->nsteps;) {
		if (wk->step[i].folded) {
			int j = i, w = 0;
			char lab[64];
			while (j < wk->nsteps && wk->step[j].folded) {
				int l = bridge_label(wk, j, lab, sizeof lab);
				w = w > l ? w : l;
				j++;
			}
			/* the top border reads "p4d, pud, pmd: folded" */
			int top = 5 * (j - i) - 2 + (v->lang == LANG_JA ? 12 : 8);
			w = w > top ? w : top;
			sg[n++] = (struct seg){ SEG_BRIDGE, i, j, w + 2, 0, 0 };
			i = j;
		} else {
			sg[n++] = (struct seg){ SEG_LEVEL, i, i + 1, 4 + level_inner(a, &wk->step[i], v->lang),
						0, 0 };
			i++;
		}
	}
	if (wk->status == WALK_OK)
		sg[n++] = (struct seg){ SEG_FRAME, wk->nsteps, wk->nsteps,
					4 + 6 + 2 + pa_digits(a, wk->phys), 0, 0 };
	return n;
}

/* Place segments left to right, wrapping; returns rows of boxes, 0 when a
 * segment does not fit the width at all. */
static int place_segs(struct seg *sg, int n, int width)
{
	int row = 0, x = 0;

	for (int i = 0; i < n; i++) {
		int need = (i ? ARROW_W : 0) + sg[i].w;
		if (ARROW_W + sg[i].w > width)
			return 0;
		if (i && x + need > width) {
			row++;
			x = 0;
			need = ARROW_W + sg[i].w;   /* the arrow continues on the new row */
		}
		sg[i].row = row;
		sg[i].col = x + need - sg[i].w;
		x += need;
	}
	return row + 1;
}

int draw_walk_box_height(const struct walk_view *v, int width)
{
	struct seg sg[MAX_SEGS];
	int rows;

	if (width < 60)
		return 0;
	rows = place_segs(sg, build_segs(v, sg), width);
	if (!rows)
		return 0;
	return rows * BOX_H + 1 + (v->mark >= 0 && v->mark_note ? 1 : 0);
}

int draw_walk_rows(const struct walk_view *v, int width)
{
	int bh = v->boxes ? draw_walk_box_height(v, width) : 0;

	return bh ? bh : draw_walk_height(v);
}

struct glyphs {
	const char *tl, *tr, *bl, *br, *h, *vl, *arrow, *bridge;
};

static const struct glyphs *glyphs(const struct theme *th)
{
	static const struct glyphs u = { "┌", "┐", "└", "┘", "─", "│", "▶", "═" };
	static const struct glyphs a = { "+", "+", "+", "+", "-", "|", ">", "=" };

	return th->utf8 ? &u : &a;
}

/* An empty box w wide at y, x with a title in its top border. */
static void draw_box(WINDOW *w, int y, int x, int bw, const char *title, attr_t border,
		     attr_t tattr, const struct theme *th)
{
	const struct glyphs *g = glyphs(th);
	int cx;

	draw_str(w, y, x, 1, g->tl, border, th);
	for (cx = x + 1; cx < x + bw - 1; cx++) {
		draw_str(w, y, cx, 1, g->h, border, th);
		draw_str(w, y + BOX_H - 1, cx, 1, g->h, border, th);
	}
	draw_str(w, y, x + bw - 1, 1, g->tr, border, th);
	for (int r = 1; r < BOX_H - 1; r++) {
		draw_str(w, y + r, x, 1, g->vl, border, th);
		draw_str(w, y + r, x + bw - 1, 1, g->vl, border, th);
	}
	draw_str(w, y + BOX_H - 1, x, 1, g->bl, border, th);
	draw_str(w, y + BOX_H - 1, x + bw - 1, 1, g->br, border, th);
	if (title)
		draw_fmt(w, y, x + 1, bw - 2, tattr, th, " %s ", title);
}

static void draw_seg(WINDOW *w, int y, int x, const struct seg *sg, const struct walk_view *v,
		     const struct theme *th)
{
	const struct walk *wk = v->walk;
	const struct arch *a = v->arch;
	int in = sg->w - 4;            /* text columns inside a box */
	bool result = v->revealed < 0 || v->revealed > wk->nsteps;
	char title[64], flags[96];

	if (sg->kind == SEG_CR3) {
		draw_box(w, y, x, sg->w, base_name(v), A_NORMAL, A_BOLD, th);
		if (v->title)
			draw_str(w, y + 1, x + 2, in, v->title, theme_attr(th, ROLE_HEADING), th);
		if (!arm64(v) || wk->ttbr >= 0)
			draw_fmt(w, y + 2, x + 2, in, A_BOLD, th, "0x%0*" PRIx64,
				 pa_digits(a, wk->cr3), wk->cr3);
		return;
	}
	if (sg->kind == SEG_FRAME) {
		attr_t at = result ? theme_attr(th, ROLE_GOOD) : theme_attr(th, ROLE_DIM);
		draw_box(w, y, x, sg->w, v->lang == LANG_JA ? "フレーム" : "frame", at,
			 at | A_BOLD, th);
		if (!result) {
			draw_str(w, y + 2, x + 2, in, "...", at, th);
			return;
		}
		draw_fmt(w, y + 1, x + 2, in, at, th, "0x%0*" PRIx64, pa_digits(a, wk->frame),
			 wk->frame);
		draw_fmt(w, y + 2, x + 2, in, at, th, "+ 0x%" PRIx64, wk->phys - wk->frame);
		draw_fmt(w, y + 3, x + 2, in, at, th, v->lang == LANG_JA ? "%s ページ" : "%s page",
			 walk_size_name(wk->page_size));
		return;
	}
	if (sg->kind == SEG_BRIDGE) {
		bool shown = v->revealed < 0 || sg->i0 < v->revealed;
		bool cur = shown && v->current >= sg->i0 && v->current < sg->i1;
		attr_t at = cur ? theme_attr(th, ROLE_CURRENT) : theme_attr(th, ROLE_DIM);
		int k = 0, tx = x + 1;
		const int label_rows[] = { 1, 3, 4 };
		for (int i = sg->i0; i < sg->i1; i++)
			tx += draw_fmt(w, y, tx, x + sg->w - tx, at, th, "%s%s",
				       i > sg->i0 ? ", " : "", level_name(wk->step[i].level));
		draw_str(w, y, tx, x + sg->w - tx, v->lang == LANG_JA ? ": 折りたたみ" : ": folded",
			 at, th);
		for (int cx = x; cx < x + sg->w; cx++)
			draw_str(w, y + 2, cx, 1, glyphs(th)->bridge, at, th);
		for (int i = sg->i0; i < sg->i1 && k < 3; i++, k++) {
			char lab[64];
			bridge_label(wk, i, lab, sizeof lab);
			draw_str(w, y + label_rows[k], x + 1, sg->w - 1, shown ? lab : "...", at, th);
		}
		return;
	}
	{
		int i = sg->i0;
		const struct walk_step *s = &wk->step[i];
		bool shown = v->revealed < 0 || i < v->revealed;
		bool cur = shown && i == v->current;
		bool failed = shown && wk->fail == i;
		bool marked = shown && i == v->mark;
		attr_t border = cur ? theme_attr(th, ROLE_CURRENT) | A_BOLD
				: failed ? theme_attr(th, ROLE_ERROR)
				: shown ? A_NORMAL : theme_attr(th, ROLE_DIM);

		if (!shown) {
			draw_box(w, y, x, sg->w, level_name(s->level), border, border, th);
			draw_str(w, y + 2, x + 2, in, "...", theme_attr(th, ROLE_DIM), th);
			return;
		}
		snprintf(title, sizeof title, "%s [%u]%s", level_name(s->level), s->index,
			 failed ? (th->utf8 ? " ✗" : " X") : "");
		draw_box(w, y, x, sg->w, title, border, border | A_BOLD, th);
		draw_fmt(w, y + 1, x + 2, in, cur ? theme_attr(th, ROLE_CURRENT) : A_NORMAL, th,
			 "table 0x%0*" PRIx64, pa_digits(a, s->table), s->table);
		draw_fmt(w, y + 2, x + 2, in, marked ? theme_attr(th, ROLE_MARK) : A_BOLD, th,
			 "0x%0*" PRIx64, entry_digits(a), s->entry);
		flags_of(a, s, v->lang, flags, sizeof flags);
		draw_str(w, y + 3, x + 2, in, flags, A_NORMAL, th);
	}
}

/* The boxed layout; the caller checked that it fits r. */
static void draw_walk_boxes(WINDOW *w, struct rect r, const struct walk_view *v,
			    const struct theme *th)
{
	const struct glyphs *g = glyphs(th);
	struct seg sg[MAX_SEGS];
	int n = build_segs(v, sg), rows = place_segs(sg, n, r.w);
	int y = r.y + rows * BOX_H;

	for (int i = 0; i < n; i++) {
		int by = r.y + sg[i].row * BOX_H, bx = r.x + sg[i].col;
		if (i) {
			/* the arrow into this box, on its middle row */
			for (int cx = bx - ARROW_W; cx < bx - 1; cx++)
				draw_str(w, by + 2, cx, 1, g->h, A_NORMAL, th);
			draw_str(w, by + 2, bx - 1, 1, g->arrow, A_NORMAL, th);
		}
		draw_seg(w, by, bx, &sg[i], v, th);
	}
	if (v->revealed < 0 || v->revealed > v->walk->nsteps)
		draw_result(w, y, (struct rect){ y, r.x, 1, r.w }, v, th);
	y++;
	if (v->mark >= 0 && v->mark_note && (v->revealed < 0 || v->mark < v->revealed)) {
		const struct walk_step *s = &v->walk->step[v->mark];
		draw_fmt(w, y, r.x, r.w, theme_attr(th, ROLE_MARK), th,
			 v->lang == LANG_JA ? "%s エントリ 0x%0*" PRIx64 " = 0x%0*" PRIx64 ": %s"
			 : "%s entry 0x%0*" PRIx64 " = 0x%0*" PRIx64 ": %s", level_name(s->level),
			 pa_digits(v->arch, s->entry_pa), s->entry_pa, entry_digits(v->arch),
			 s->entry, v->mark_note);
	}
}
