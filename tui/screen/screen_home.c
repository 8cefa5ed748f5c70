/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_home.c - the home menu: lessons with their progress, then traces. */
#include "screen/screen_home.h"
#include "catalog/catalog.h"
#include "lesson/progress.h"
#include "screen/keybar.h"
#include "screen/screen_lesson.h"
#include "screen/screen_replay.h"
#include "screen/screen_sandbox.h"

#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The menu's state, app->home while it is open. */
struct home_state {
	struct catalog *cat;        /* the lessons and traces listed (owned) */
	struct progress *prog;      /* one per lesson */
	int sel;                    /* selected row: lessons, then traces */
	int top;                    /* first list row shown (rows: items and headings) */
};

/* One line about trace e into buf: "vmalloc  x86-32  qemu  4 faults" (the
 * arch column fits x86-64-la57), or
 * why it is not described. Returns the role to draw it in. */
static enum role trace_summary(const struct app *app, const struct catalog_trace *e,
			       char *buf, size_t len)
{
	switch (e->state) {
	case TRACE_INFO_NOT_FILE:
		snprintf(buf, len, "%s", TR(app, "not a regular file", "通常のファイルではありません"));
		return ROLE_ERROR;
	case TRACE_INFO_LARGE:
		snprintf(buf, len, TR(app, "large trace (%llu MiB)", "大きなトレース(%llu MiB)"),
			 (unsigned long long)(e->bytes >> 20));
		return ROLE_DIM;
	case TRACE_INFO_BROKEN:
		snprintf(buf, len, TR(app, "does not load: %s", "読み込めません: %s"), e->diag.msg);
		return ROLE_ERROR;
	case TRACE_INFO_OK:
	default:
		snprintf(buf, len, TR(app, "%-10s %-11s %-6s %zu faults", "%-10s %-11s %-6s フォルト %zu 件"),
			 e->scenario ? e->scenario : "-", e->arch,
			 e->emulator ? e->emulator : "-", e->faults);
		return ROLE_DIM;
	}
}

static void home_free(struct home_state *h)
{
	catalog_free(h->cat);
	free(h->prog);
	memset(h, 0, sizeof *h);
}

/* (Re)fill the lists, keeping the selection. Returns 0, -1 out of memory. */
static int home_load(struct app *app)
{
	struct home_state *h = app->home;
	int sel = h->sel;
	struct diag d;

	home_free(h);
	h->sel = sel;
	h->cat = catalog_new(&d);
	if (!h->cat || !(h->prog = calloc(h->cat->nlessons + 1, sizeof *h->prog))) {
		app_status(app, ROLE_ERROR, "pagewalk: out of memory listing lessons");
		return -1;
	}
	for (size_t i = 0; i < h->cat->nlessons; i++) {
		if (!app->state_dir[0])
			break;
		if (progress_load(app->state_dir, h->cat->lessons[i].name, &h->prog[i], &d) ==
		    PROGRESS_CORRUPT && !app->status[0]) {
			char buf[1200];
			diag_format(&d, buf, sizeof buf);
			app_status(app, ROLE_ERROR, "%s", buf);
		}
	}
	if (h->sel >= (int)(h->cat->nlessons + h->cat->ntraces))
		h->sel = 0;
	return 0;
}

static int rows_total(const struct home_state *h)
{
	return h->cat ? (int)(h->cat->nlessons + h->cat->ntraces) : 0;
}

static const struct bar_item home_bar[] = {
	{ { ACT_DOWN, ACT_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_PAGE_DOWN, ACT_PAGE_UP }, { KEY_NPAGE, KEY_PPAGE }, { NULL } },
	{ { ACT_FIRST, ACT_LAST }, { 'g', 'G' }, { NULL } },
	{ { ACT_OPEN }, { '\n' }, { NULL } },
	{ { ACT_SANDBOX }, { 'w' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};

/* The list scrolls as visual rows under the fixed "Lessons" heading: the
 * lessons (or a "none found" line), a blank row, the "Traces" heading, the
 * traces (or "none found"). Items are numbered lessons first. */
static int nlessons(const struct home_state *h)
{
	return h->cat ? (int)h->cat->nlessons : 0;
}

static int ntraces(const struct home_state *h)
{
	return h->cat ? (int)h->cat->ntraces : 0;
}

static int lesson_rows(const struct home_state *h)
{
	return nlessons(h) ? nlessons(h) : 1;
}

static int visual_total(const struct home_state *h)
{
	return lesson_rows(h) + 2 + (ntraces(h) ? ntraces(h) : 1);
}

static int visual_of(const struct home_state *h, int item)
{
	return item < nlessons(h) ? item : item - nlessons(h) + lesson_rows(h) + 2;
}

/* Rows the list has (below the title and heading, above status and hints). */
static int list_height(void)
{
	return LINES - 5;
}

/* The first visual row shown: h->top, moved just enough to show the
 * selection (the first trace with its heading) and no empty rows at the end. */
static int top_row(const struct home_state *h)
{
	int listh = list_height(), top = h->top, v = visual_of(h, h->sel);
	int vtop = h->sel == nlessons(h) ? v - 1 : v;

	if (vtop < top)
		top = vtop;
	if (v >= top + listh)
		top = v - listh + 1;
	if (top > visual_total(h) - listh)
		top = visual_total(h) - listh;
	return top < 0 ? 0 : top;
}

/* The name shown for a lesson: its number ("03" of 03-x86-32-two-level),
 * which `pagewalk lesson 03` takes, so the title gets the room; the whole
 * name when it has no number. */
static void short_name(const char *name, char *buf, size_t len)
{
	size_t k = strspn(name, "0123456789");

	if (k > 0 && name[k] == '-')
		snprintf(buf, len, "%.*s", (int)k, name);
	else
		snprintf(buf, len, "%s", name);
}

static void draw_lesson_row(const struct app *app, WINDOW *w, int y, size_t i, int namew)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = app->home;
	const struct catalog_lesson *e = &h->cat->lessons[i];
	const struct progress *pr = &h->prog[i];
	struct progress_score sc;
	bool sel = (int)i == h->sel;
	attr_t at = sel ? theme_attr(th, ROLE_SELECT) : A_NORMAL;
	char buf[200], name[200];
	int x = 1, rw;

	short_name(e->name, name, sizeof name);
	progress_score(pr, &sc);
	/* the score once a quiz is answered (right at the first try, of the
	 * lesson's quizzes); paging to the end alone is not "done" */
	if (!e->ok)
		snprintf(buf, sizeof buf, "%s", TR(app, "broken", "読めない"));
	else if (sc.answered || (pr->done && e->nquiz))
		snprintf(buf, sizeof buf, TR(app, "%u/%zu right", "正解 %u/%zu"), sc.first_right,
			 e->nquiz);
	else if (pr->done)
		snprintf(buf, sizeof buf, "%s", TR(app, "done", "完了"));
	else if (pr->step)
		snprintf(buf, sizeof buf, TR(app, "step %u of %u", "%u/%u ステップ"), pr->step, pr->nsteps);
	else
		snprintf(buf, sizeof buf, "%s", TR(app, "new", "未着手"));
	rw = draw_text_width(buf, th);
	if (sel)
		draw_clear(w, (struct rect){ y, 1, 1, COLS - 2 }, at);
	x += draw_str(w, y, x, 2, sel ? "> " : "  ", at, th);
	draw_str(w, y, x, namew, name, at | A_BOLD, th);
	x += namew + 2;
	draw_str(w, y, x, COLS - x - rw - 3, text_get(&e->title, app->lang), at, th);
	draw_str(w, y, COLS - rw - 2, rw, buf,
		 sel ? at : theme_attr(th, sc.answered && sc.first_right == e->nquiz ? ROLE_GOOD
					: e->ok ? ROLE_DIM : ROLE_ERROR), th);
}

static void draw_trace_row(const struct app *app, WINDOW *w, int y, size_t i)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = app->home;
	const struct catalog_trace *e = &h->cat->traces[i];
	bool sel = (int)h->cat->nlessons + (int)i == h->sel;
	attr_t at = sel ? theme_attr(th, ROLE_SELECT) : A_NORMAL;
	char info[700];
	enum role role;
	int x;

	if (sel)
		draw_clear(w, (struct rect){ y, 1, 1, COLS - 2 }, at);
	x = 1 + draw_fmt(w, y, 1, COLS - 2, at | A_BOLD, th, "%s%-28s", sel ? "> " : "  ", e->name);
	role = trace_summary(app, e, info, sizeof info);
	if (x < COLS - 2)
		draw_str(w, y, x + 1, COLS - x - 2, info, sel ? at : theme_attr(th, role), th);
}

/* Visual row v of the list at screen row y. */
static void draw_visual_row(const struct app *app, WINDOW *w, int y, int v, int namew)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = app->home;
	const struct catalog *c = h->cat;
	int lr = lesson_rows(h);

	if (v < lr && c->nlessons)
		draw_lesson_row(app, w, y, (size_t)v, namew);
	else if (v < lr)
		draw_fmt(w, y, 3, COLS - 4, theme_attr(th, ROLE_DIM), th,
			 TR(app, "No lessons found (looked in $PAGEWALK_LESSONS, ./lessons, %s/lessons).",
			    "レッスンが見つかりません($PAGEWALK_LESSONS, ./lessons, %s/lessons)。"),
			 datadir_installed());
	else if (v == lr + 1 && c->trace_dir)
		draw_fmt(w, y, 1, COLS - 2, theme_attr(th, ROLE_HEADING), th, "%s (%s)",
			 TR(app, "Traces", "トレース"), c->trace_dir);
	else if (v == lr + 1)
		draw_str(w, y, 1, COLS - 2, TR(app, "Traces", "トレース"), theme_attr(th, ROLE_HEADING), th);
	else if (v > lr + 1 && c->ntraces)
		draw_trace_row(app, w, y, (size_t)(v - lr - 2));
	else if (v > lr + 1)
		draw_fmt(w, y, 3, COLS - 4, theme_attr(th, ROLE_DIM), th,
			 TR(app, "No traces found (looked in $PAGEWALK_TRACES, ./traces, %s/traces).",
			    "トレースがありません($PAGEWALK_TRACES, ./traces, %s/traces)。"),
			 datadir_installed());
}

/* "items 10-25 of 25 ▲" at the right of the heading row, when the list
 * scrolls: which items are on screen, and arrows where more are. */
static void draw_scroll_note(const struct app *app, WINDOW *w, int top)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = app->home;
	int listh = list_height(), n = rows_total(h), first = -1, last = -1, nw;
	bool up = top > 0, down = top + listh < visual_total(h);
	char buf[80];

	if (!up && !down)
		return;
	for (int i = 0; i < n; i++) {
		int v = visual_of(h, i);
		if (v >= top && v < top + listh) {
			if (first < 0)
				first = i;
			last = i;
		}
	}
	snprintf(buf, sizeof buf, TR(app, "items %d-%d of %d %s%s", "%d-%d 件目 / %d 件 %s%s"),
		 first + 1, last + 1, n, up ? (th->utf8 ? "▲" : "^") : " ",
		 down ? (th->utf8 ? "▼" : "v") : " ");
	nw = draw_text_width(buf, th);
	draw_str(w, 1, COLS - nw - 2, nw, buf, theme_attr(th, ROLE_DIM), th);
}

static void home_draw(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = app->home;
	int listh = list_height(), namew = 0, top = top_row(h);

	draw_clear(w, (struct rect){ 0, 0, 1, COLS }, theme_attr(th, ROLE_TITLE));
	draw_str(w, 0, 1, COLS - 2,
		 TR(app, "pagewalk - Linux page tables, x86 and arm64, step by step",
		    "pagewalk - Linux のページテーブル(x86 と arm64)を一歩ずつ"),
		 theme_attr(th, ROLE_TITLE), th);
	/* the fixed heading names the part of the list its first row is in
	 * (G shows traces under "Traces", not under "Lessons"); the traces'
	 * own heading row is not drawn again right under it */
	if (h->cat && top > lesson_rows(h)) {
		if (top == lesson_rows(h) + 1)
			top++;
		if (h->cat->trace_dir)
			draw_fmt(w, 1, 1, COLS - 2, theme_attr(th, ROLE_HEADING), th, "%s (%s)",
				 TR(app, "Traces", "トレース"), h->cat->trace_dir);
		else
			draw_str(w, 1, 1, COLS - 2, TR(app, "Traces", "トレース"),
				 theme_attr(th, ROLE_HEADING), th);
	} else {
		draw_str(w, 1, 1, COLS - 2, TR(app, "Lessons", "レッスン"), theme_attr(th, ROLE_HEADING),
			 th);
	}
	if (h->cat) {
		for (size_t i = 0; i < h->cat->nlessons; i++) {
			char name[200];
			int n;
			short_name(h->cat->lessons[i].name, name, sizeof name);
			n = draw_text_width(name, th);
			if (n > namew)
				namew = n;
		}
		if (namew > COLS / 3)
			namew = COLS / 3;
		draw_scroll_note(app, w, top);
		for (int r = 0; r < listh && top + r < visual_total(h); r++)
			draw_visual_row(app, w, 2 + r, top + r, namew);
	}
	app_draw_status(app, w);
	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	keybar_draw(w, LINES - 1, COLS, CTX_HOME, NULL, home_bar,
		    sizeof home_bar / sizeof home_bar[0], app->lang, th);
}

static void open_selected(struct app *app)
{
	struct home_state *h = app->home;
	struct diag d;
	char buf[1200];

	if (h->sel < (int)h->cat->nlessons) {
		const struct catalog_lesson *e = &h->cat->lessons[h->sel];
		struct lesson *l = lesson_load(e->path, &d);
		if (!l) {
			diag_format(&d, buf, sizeof buf);
			app_status(app, ROLE_ERROR, "%s", buf);
			return;
		}
		if (screen_lesson_open(app, l) < 0)
			app_status(app, ROLE_ERROR, "%s", TR(app, "Out of memory.", "メモリが足りません。"));
		return;
	}
	if (h->sel - (int)h->cat->nlessons < (int)h->cat->ntraces &&
	    screen_replay_open(app, h->cat->traces[h->sel - h->cat->nlessons].path, &d) < 0) {
		diag_format(&d, buf, sizeof buf);
		app_status(app, ROLE_ERROR, "%s", buf);
	}
}

/* Select item sel (clamped) and scroll so that it shows. */
static void home_select(struct home_state *h, int sel)
{
	int n = rows_total(h);

	h->sel = sel >= n ? n - 1 : sel < 0 ? 0 : sel;
	h->top = top_row(h);
}

static enum reaction home_key(struct app *app, int key)
{
	struct home_state *h = app->home;
	int n = rows_total(h), page = list_height() - 1;

	switch (keys_action(CTX_HOME, key)) {
	case ACT_DOWN:
		home_select(h, h->sel + 1);
		return REACT_REDRAW;
	case ACT_UP:
		home_select(h, h->sel - 1);
		return REACT_REDRAW;
	case ACT_PAGE_DOWN:
		home_select(h, h->sel + (page > 1 ? page : 1));
		return REACT_REDRAW;
	case ACT_PAGE_UP:
		home_select(h, h->sel - (page > 1 ? page : 1));
		return REACT_REDRAW;
	case ACT_FIRST:
		home_select(h, 0);
		return REACT_REDRAW;
	case ACT_LAST:
		home_select(h, n - 1);
		return REACT_REDRAW;
	case ACT_OPEN:
		if (n)
			open_selected(app);
		return REACT_REDRAW;
	case ACT_SANDBOX:
		if (screen_sandbox_open(app, NULL, 0xc0101234, NULL, NULL) < 0)
			app_status(app, ROLE_ERROR, "%s", TR(app, "Out of memory.", "メモリが足りません。"));
		return REACT_REDRAW;
	case ACT_QUIT:
		return REACT_QUIT;
	default:
		return REACT_IGNORED;
	}
}

int screen_home_open(struct app *app)
{
	struct home_state *h = calloc(1, sizeof *h);

	if (!h) {
		app_status(app, ROLE_ERROR, "pagewalk: out of memory listing lessons");
		return -1;
	}
	app_switch(app, SCREEN_HOME);
	app->home = h;
	if (home_load(app) < 0)
		return -1;
	/* the first time, Linux's lines are extracted while the menu is read,
	 * so the first lesson opens with them */
	app_source_fetch(app, NULL);
	return 0;
}

static void home_close(struct app *app)
{
	if (!app->home)
		return;
	home_free(app->home);
	free(app->home);
	app->home = NULL;
}

static void home_resume(struct app *app)
{
	home_load(app);
}

static unsigned home_ctx(const struct app *app)
{
	(void)app;
	return CTX_HOME;
}

static void home_where(const struct app *app, char *buf, size_t len)
{
	(void)app;
	snprintf(buf, len, "home");
}

const struct screen screen_home_ops = {
	.draw = home_draw,
	.key = home_key,
	.close = home_close,
	.resume = home_resume,
	.ctx = home_ctx,
	.where = home_where,
	.open = screen_home_open,
	.help_ctx = { CTX_HOME, 0 },
	.help_title = { { "Home menu:", "ホームメニュー:" } },
};
