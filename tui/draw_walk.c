/* draw_walk.c - the walk diagram: cr3 -> pgd -> ... -> pte -> frame.
 *
 *   cr3   0x00101000
 *    └─▶ pgd  table 0x00101000 [ 768] = 0x00102067  P RW US A D
 *    └─▶ pud  folded — pud_offset(p4d) == p4d
 *    └─▶ pte  table 0x00102000 [   1] = 0x00204063  P RW A D
 *    └─▶ frame 0x00204000 + 0x234 = 0x00204234 (4 KiB page)
 */
#include "draw.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

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

static const char *size_name(uint64_t size)
{
	switch (size) {
	case 1ULL << 12: return "4 KiB";
	case 1ULL << 21: return "2 MiB";
	case 1ULL << 22: return "4 MiB";
	case 1ULL << 30: return "1 GiB";
	default: return "?";
	}
}

/* The arrow at the start of a step row. */
static const char *arrow(const struct theme *th)
{
	return th->utf8 ? " └─▶ " : " `-> ";
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
		const char *up = i > 0 ? level_name(v->walk->step[i - 1].level) : "pgd";
		draw_fmt(w, y, x, end - x, cur ? base : theme_attr(th, ROLE_DIM), th,
			 "%s: folded %s %s_offset(%s) == %s", level_name(s->level),
			 th->utf8 ? "—" : "-", level_name(s->level), up, up);
		return;
	}
	x += draw_fmt(w, y, x, end - x, base | A_BOLD, th, "%-4s", level_name(s->level));
	x += draw_fmt(w, y, x, end - x, base, th, " table 0x%0*" PRIx64 " [%4u] = ",
		      pa_digits(a, s->table), s->table, s->index);
	x += draw_fmt(w, y, x, end - x, marked ? theme_attr(th, ROLE_MARK) : base | A_BOLD,
		      th, "0x%0*" PRIx64, entry_digits(a), s->entry);
	walk_flags_format(a, s->entry, flags, sizeof flags);
	x += draw_fmt(w, y, x, end - x, base, th, "  %s", flags);
	if (marked && v->mark_note)
		x += draw_fmt(w, y, x, end - x, theme_attr(th, ROLE_MARK), th, "  %s",
			      v->mark_note);
	if (failed)
		draw_fmt(w, y, x, end - x, theme_attr(th, ROLE_ERROR), th, "  %s failed here",
			 th->utf8 ? "✗" : "X");
}

static void draw_result(WINDOW *w, int y, struct rect r, const struct walk_view *v,
			const struct theme *th)
{
	const struct walk *wk = v->walk;
	int x = r.x, end = r.x + r.w;

	x += draw_str(w, y, x, end - x, arrow(th), A_NORMAL, th);
	if (wk->status == WALK_OK) {
		uint64_t off = wk->phys - wk->frame;
		draw_fmt(w, y, x, end - x, theme_attr(th, ROLE_GOOD), th,
			 "frame 0x%0*" PRIx64 " + 0x%" PRIx64 " = 0x%0*" PRIx64 " (%s page)",
			 pa_digits(v->arch, wk->frame), wk->frame, off, pa_digits(v->arch, wk->phys), wk->phys,
			 size_name(wk->page_size));
	} else {
		char line[300];
		snprintf(line, sizeof line, "page fault, error code 0x%" PRIx32 ": %s",
			 wk->error_code, wk->reason);
		if (text_width(line, th) > end - x)
			snprintf(line, sizeof line, "#PF 0x%" PRIx32 ": %s", wk->error_code,
				 wk->reason);
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
	if (v->title)
		x += draw_fmt(w, y, x, r.w, theme_attr(th, ROLE_HEADING), th, "%s  ", v->title);
	x += draw_fmt(w, y, x, r.x + r.w - x, A_BOLD, th, "cr3");
	draw_fmt(w, y, x, r.x + r.w - x, A_NORMAL, th, "  0x%0*" PRIx64,
		 pa_digits(v->arch, wk->cr3), wk->cr3);
	y++;
	for (int i = 0; i < wk->nsteps && y < r.y + r.h; i++, y++)
		draw_step(w, y, r, v, i, th);
	if (y < r.y + r.h && (v->revealed < 0 || v->revealed > wk->nsteps))
		draw_result(w, y, r, v, th);
}
