/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_home.c - the home menu: lessons with their progress, then traces. */
#include "app.h"
#include "keybar.h"
#include "screen_replay.h"

#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line about trace e into buf: "vmalloc  x86-32  qemu  4 faults", or
 * why it is not described. Returns the role to draw it in. */
static enum role trace_summary(const struct app *app, const struct catalog_trace *e,
			       char *buf, size_t len)
{
	switch (e->state) {
	case TRACE_INFO_NOT_FILE:
		snprintf(buf, len, "%s", TR(app, "not a regular file", "通常のファイルではありません"));
		return ROLE_ERROR;
	case TRACE_INFO_LARGE:
		snprintf(buf, len, TR(app, "large trace (%llu MiB)", "大きなトレース（%llu MiB）"),
			 (unsigned long long)(e->bytes >> 20));
		return ROLE_DIM;
	case TRACE_INFO_BROKEN:
		snprintf(buf, len, TR(app, "does not load: %s", "読み込めません: %s"), e->diag.msg);
		return ROLE_ERROR;
	case TRACE_INFO_OK:
	default:
		snprintf(buf, len, TR(app, "%-10s %-10s %-6s %zu faults", "%-10s %-10s %-6s フォルト %zu 件"),
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
	struct home_state *h = &app->home;
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
	{ { ACT_OPEN }, { '\n' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};

/* The list's rows: y is the next screen row, row the next item (lessons,
 * then traces), top the first item shown, end the row below the list. */
struct list_pos {
	int y, row, top, end;
};

/* The lessons, each with its title and progress. */
static void draw_lessons(const struct app *app, WINDOW *w, struct list_pos *p)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = &app->home;
	const struct catalog *c = h->cat;
	int namew = 0;
	char buf[200];

	for (size_t i = 0; i < c->nlessons; i++) {
		int n = text_width(c->lessons[i].name, th);
		if (n > namew)
			namew = n;
	}
	if (namew > COLS / 3)
		namew = COLS / 3;
	draw_str(w, 1, 1, COLS - 2, TR(app, "Lessons", "レッスン"), theme_attr(th, ROLE_HEADING), th);
	if (!c->nlessons)
		draw_fmt(w, p->y++, 3, COLS - 4, theme_attr(th, ROLE_DIM), th,
			 TR(app, "No lessons found (looked in $PAGEWALK_LESSONS, ./lessons, %s/lessons).",
			    "レッスンが見つかりません（$PAGEWALK_LESSONS, ./lessons, %s/lessons）。"),
			 datadir_installed());
	for (size_t i = 0; i < c->nlessons; i++, p->row++) {
		const struct catalog_lesson *e = &c->lessons[i];
		const struct progress *pr = &h->prog[i];
		bool sel = p->row == h->sel;
		attr_t at = sel ? theme_attr(th, ROLE_SELECT) : A_NORMAL;
		int x = 1, rw;
		if (p->row < p->top || p->y >= p->end)
			continue;
		if (!e->ok)
			snprintf(buf, sizeof buf, "%s", TR(app, "broken", "読めない"));
		else if (pr->done)
			snprintf(buf, sizeof buf, "%s", TR(app, "done", "完了"));
		else if (pr->step)
			snprintf(buf, sizeof buf, TR(app, "step %u of %u", "%u/%u ステップ"),
				 pr->step, pr->nsteps);
		else
			snprintf(buf, sizeof buf, "%s", TR(app, "new", "未着手"));
		rw = text_width(buf, th);
		if (sel)
			draw_clear(w, (struct rect){ p->y, 1, 1, COLS - 2 }, at);
		x += draw_str(w, p->y, x, 2, sel ? "> " : "  ", at, th);
		draw_str(w, p->y, x, namew, e->name, at | A_BOLD, th);
		x += namew + 2;
		draw_str(w, p->y, x, COLS - x - rw - 3, text_get(&e->title, app->lang), at, th);
		draw_str(w, p->y, COLS - rw - 2, rw, buf,
			 sel ? at : theme_attr(th, pr->done ? ROLE_GOOD : e->ok ? ROLE_DIM : ROLE_ERROR), th);
		p->y++;
	}
}

/* The traces, each with a line about it. */
static void draw_traces(const struct app *app, WINDOW *w, struct list_pos *p)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = &app->home;
	const struct catalog *c = h->cat;
	char info[700];

	if (p->y < p->end) {
		p->y++;
		if (c->trace_dir)
			draw_fmt(w, p->y++, 1, COLS - 2, theme_attr(th, ROLE_HEADING), th, "%s (%s)",
				 TR(app, "Traces", "トレース"), c->trace_dir);
		else
			draw_str(w, p->y++, 1, COLS - 2, TR(app, "Traces", "トレース"),
				 theme_attr(th, ROLE_HEADING), th);
	}
	if (!c->ntraces && p->y < p->end)
		draw_fmt(w, p->y++, 3, COLS - 4, theme_attr(th, ROLE_DIM), th,
			 TR(app, "No traces found (looked in $PAGEWALK_TRACES, ./traces, %s/traces).",
			    "トレースがありません（$PAGEWALK_TRACES, ./traces, %s/traces）。"),
			 datadir_installed());
	for (size_t i = 0; i < c->ntraces; i++, p->row++) {
		const struct catalog_trace *e = &c->traces[i];
		bool sel = p->row == h->sel;
		attr_t at = sel ? theme_attr(th, ROLE_SELECT) : A_NORMAL;
		enum role role;
		int x;
		if (p->row < p->top || p->y >= p->end)
			continue;
		if (sel)
			draw_clear(w, (struct rect){ p->y, 1, 1, COLS - 2 }, at);
		x = 1 + draw_fmt(w, p->y, 1, COLS - 2, at | A_BOLD, th, "%s%-28s",
				 sel ? "> " : "  ", e->name);
		role = trace_summary(app, e, info, sizeof info);
		if (x < COLS - 2)
			draw_str(w, p->y, x + 1, COLS - x - 2, info, sel ? at : theme_attr(th, role), th);
		p->y++;
	}
}

static void home_draw(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = &app->home;
	struct list_pos p = { .y = 2, .end = 2 + LINES - 5 };

	draw_clear(w, (struct rect){ 0, 0, 1, COLS }, theme_attr(th, ROLE_TITLE));
	draw_str(w, 0, 1, COLS - 2,
		 TR(app, "pagewalk - Linux/x86 page tables, step by step",
		    "pagewalk - Linux/x86 のページテーブルを一歩ずつ"),
		 theme_attr(th, ROLE_TITLE), th);
	/* keep the selection in view: rows are the headings plus the items */
	if (h->sel + 3 > LINES - 5)
		p.top = h->sel + 3 - (LINES - 5);
	if (h->cat) {
		draw_lessons(app, w, &p);
		draw_traces(app, w, &p);
	}
	app_draw_status(app, w);
	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	keybar_draw(w, LINES - 1, COLS, CTX_HOME, NULL, home_bar,
		    sizeof home_bar / sizeof home_bar[0], app->lang, th);
}

static void open_selected(struct app *app)
{
	struct home_state *h = &app->home;
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
		lesson_open(app, l);
		return;
	}
	if (h->sel - (int)h->cat->nlessons < (int)h->cat->ntraces &&
	    replay_open(app, h->cat->traces[h->sel - h->cat->nlessons].path, &d) < 0) {
		diag_format(&d, buf, sizeof buf);
		app_status(app, ROLE_ERROR, "%s", buf);
	}
}

static enum reaction home_key(struct app *app, int key)
{
	struct home_state *h = &app->home;
	int n = rows_total(h);

	switch (keys_action(CTX_HOME, key)) {
	case ACT_DOWN:
		if (h->sel + 1 < n)
			h->sel++;
		return REACT_REDRAW;
	case ACT_UP:
		if (h->sel > 0)
			h->sel--;
		return REACT_REDRAW;
	case ACT_OPEN:
		if (n)
			open_selected(app);
		return REACT_REDRAW;
	case ACT_QUIT:
		return REACT_QUIT;
	default:
		return REACT_IGNORED;
	}
}

int home_open(struct app *app)
{
	app_switch(app, SCREEN_HOME);
	if (home_load(app) < 0)
		return -1;
	/* the first time, Linux's lines are extracted while the menu is read,
	 * so the first lesson opens with them */
	app_source_fetch(app, NULL);
	return 0;
}

static void home_close(struct app *app)
{
	home_free(&app->home);
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

const struct screen screen_home = {
	.draw = home_draw,
	.key = home_key,
	.close = home_close,
	.resume = home_resume,
	.ctx = home_ctx,
	.help_ctx = { CTX_HOME, 0 },
	.help_title = { { "Home menu:", "ホームメニュー:" } },
};
