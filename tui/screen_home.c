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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The traces directory: $PAGEWALK_TRACES, else ./traces. */
static const char *traces_dir(void)
{
	const char *d = getenv("PAGEWALK_TRACES");

	return d && *d ? d : "traces";
}

/* List DIR/\*.yaml into h->traces (sorted). Returns 0, -1 out of memory. */
static int list_traces(struct home_state *h)
{
	const char *dir = traces_dir();
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	if (!dp)
		return 0;
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		char *path;
		if (e->d_name[0] == '.' || n < 6 || strcmp(e->d_name + n - 5, ".yaml") != 0)
			continue;
		if (h->ntraces == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char **t = realloc(h->traces, ncap * sizeof *t);
			if (!t)
				goto fail;
			h->traces = t;
			cap = ncap;
		}
		path = malloc(strlen(dir) + n + 2);
		if (!path)
			goto fail;
		sprintf(path, "%s/%s", dir, e->d_name);
		h->traces[h->ntraces++] = path;
		if (h->ntraces >= 1000)
			break;
	}
	closedir(dp);
	if (h->ntraces)
		qsort(h->traces, h->ntraces, sizeof *h->traces, cmp_str);
	return 0;
fail:
	closedir(dp);
	return -1;
}

/* The largest trace the menu opens to describe it (bigger ones are only named). */
#define INFO_MAX_BYTES (4u << 20)

/* A malloc'd line about the trace at path: "vmalloc  x86-32  qemu  4 faults",
 * or why it cannot be loaded. NULL when out of memory. */
static char *trace_summary(const struct app *app, const char *path, bool *ok)
{
	struct stat sb;
	struct diag d;
	struct trace *t;
	char buf[700];
	size_t faults = 0;

	*ok = false;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return strdup(TR(app, "not a regular file", "通常のファイルではありません"));
	if (sb.st_size > (off_t)INFO_MAX_BYTES) {
		*ok = true;
		snprintf(buf, sizeof buf, TR(app, "large trace (%lld MiB)", "大きなトレース（%lld MiB）"),
			 (long long)(sb.st_size >> 20));
		return strdup(buf);
	}
	t = trace_load(path, &d);
	*ok = t != NULL;
	if (!t) {
		snprintf(buf, sizeof buf, TR(app, "does not load: %s", "読み込めません: %s"), d.msg);
		return strdup(buf);
	}
	for (size_t i = 0; i < t->nevents; i++)
		faults += t->events[i].kind == TRACE_FAULT;
	snprintf(buf, sizeof buf, TR(app, "%-10s %-10s %-6s %zu faults", "%-10s %-10s %-6s フォルト %zu 件"),
		 t->h.scenario ? t->h.scenario : "-", t->h.arch->name,
		 t->h.emulator ? t->h.emulator : "-", faults);
	trace_free(t);
	return strdup(buf);
}

static void home_free(struct home_state *h)
{
	lesson_list_free(&h->lessons);
	free(h->prog);
	for (size_t i = 0; i < h->ntraces; i++) {
		free(h->traces[i]);
		if (h->trace_info)
			free(h->trace_info[i]);
	}
	free(h->traces);
	free(h->trace_info);
	free(h->trace_ok);
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
	if (lesson_list(&h->lessons, &d) < 0 || list_traces(h) < 0) {
		app_status(app, ROLE_ERROR, "pagewalk: out of memory listing lessons");
		return -1;
	}
	h->prog = calloc(h->lessons.n + 1, sizeof *h->prog);
	h->trace_info = calloc(h->ntraces + 1, sizeof *h->trace_info);
	h->trace_ok = calloc(h->ntraces + 1, sizeof *h->trace_ok);
	if (!h->prog || !h->trace_info || !h->trace_ok)
		return -1;
	for (size_t i = 0; i < h->ntraces; i++)
		h->trace_info[i] = trace_summary(app, h->traces[i], &h->trace_ok[i]);
	for (size_t i = 0; i < h->lessons.n; i++) {
		if (!app->state_dir[0])
			break;
		if (progress_load(app->state_dir, h->lessons.items[i].name, &h->prog[i], &d) ==
		    PROGRESS_CORRUPT && !app->status[0]) {
			char buf[1200];
			diag_format(&d, buf, sizeof buf);
			app_status(app, ROLE_ERROR, "%s", buf);
		}
	}
	if (h->sel >= (int)(h->lessons.n + h->ntraces))
		h->sel = 0;
	h->loaded = true;
	return 0;
}

static int rows_total(const struct home_state *h)
{
	return (int)(h->lessons.n + h->ntraces);
}

static const struct bar_item home_bar[] = {
	{ { ACT_DOWN, ACT_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_OPEN }, { '\n' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};

static void home_draw(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct home_state *h = &app->home;
	int y = 2, listh = LINES - 5, namew = 0, row = 0, top = 0;
	char buf[200];

	draw_clear(w, (struct rect){ 0, 0, 1, COLS }, theme_attr(th, ROLE_TITLE));
	draw_str(w, 0, 1, COLS - 2,
		 TR(app, "pagewalk - Linux/x86 page tables, step by step",
		    "pagewalk - Linux/x86 のページテーブルを一歩ずつ"),
		 theme_attr(th, ROLE_TITLE), th);
	for (size_t i = 0; i < h->lessons.n; i++) {
		int n = text_width(h->lessons.items[i].name, th);
		if (n > namew)
			namew = n;
	}
	if (namew > COLS / 3)
		namew = COLS / 3;
	/* keep the selection in view: rows are the headings plus the items */
	if (h->sel + 3 > listh)
		top = h->sel + 3 - listh;
	draw_str(w, 1, 1, COLS - 2, TR(app, "Lessons", "レッスン"), theme_attr(th, ROLE_HEADING), th);
	if (!h->lessons.n)
		draw_str(w, y++, 3, COLS - 4,
			 TR(app, "No lessons found (looked in $PAGEWALK_LESSONS, ./lessons, "
			    PAGEWALK_DATADIR "/lessons).",
			    "レッスンが見つかりません（$PAGEWALK_LESSONS, ./lessons, "
			    PAGEWALK_DATADIR "/lessons）。"),
			 theme_attr(th, ROLE_DIM), th);
	for (size_t i = 0; i < h->lessons.n; i++, row++) {
		const struct lesson_entry *e = &h->lessons.items[i];
		const struct progress *p = &h->prog[i];
		bool sel = row == h->sel;
		attr_t at = sel ? theme_attr(th, ROLE_SELECT) : A_NORMAL;
		int x = 1, rw;
		if (row < top || y >= 2 + listh)
			continue;
		if (!e->ok)
			snprintf(buf, sizeof buf, "%s", TR(app, "broken", "読めない"));
		else if (p->done)
			snprintf(buf, sizeof buf, "%s", TR(app, "done", "完了"));
		else if (p->step)
			snprintf(buf, sizeof buf, TR(app, "step %u of %u", "%u/%u ステップ"),
				 p->step, p->nsteps);
		else
			snprintf(buf, sizeof buf, "%s", TR(app, "new", "未着手"));
		rw = text_width(buf, th);
		if (sel)
			draw_clear(w, (struct rect){ y, 1, 1, COLS - 2 }, at);
		x += draw_str(w, y, x, 2, sel ? "> " : "  ", at, th);
		draw_str(w, y, x, namew, e->name, at | A_BOLD, th);
		x += namew + 2;
		draw_str(w, y, x, COLS - x - rw - 3, text_get(&e->title, app->lang), at, th);
		draw_str(w, y, COLS - rw - 2, rw, buf,
			 sel ? at : theme_attr(th, p->done ? ROLE_GOOD : e->ok ? ROLE_DIM : ROLE_ERROR), th);
		y++;
	}
	if (y < 2 + listh) {
		y++;
		draw_fmt(w, y++, 1, COLS - 2, theme_attr(th, ROLE_HEADING), th, "%s (%s)",
			 TR(app, "Traces", "トレース"), traces_dir());
	}
	if (!h->ntraces && y < 2 + listh)
		draw_str(w, y++, 3, COLS - 4, TR(app, "No traces found.", "トレースがありません。"),
			 theme_attr(th, ROLE_DIM), th);
	for (size_t i = 0; i < h->ntraces; i++, row++) {
		bool sel = row == h->sel;
		attr_t at = sel ? theme_attr(th, ROLE_SELECT) : A_NORMAL;
		if (row < top || y >= 2 + listh)
			continue;
		if (sel)
			draw_clear(w, (struct rect){ y, 1, 1, COLS - 2 }, at);
		{
			const char *name = strrchr(h->traces[i], '/');
			const char *info = h->trace_info ? h->trace_info[i] : NULL;
			int x = 1 + draw_fmt(w, y, 1, COLS - 2, at | A_BOLD, th, "%s%-28s",
					     sel ? "> " : "  ", name ? name + 1 : h->traces[i]);
			if (info && x < COLS - 2)
				draw_str(w, y, x + 1, COLS - x - 2, info,
					 sel ? at : theme_attr(th, h->trace_ok[i] ? ROLE_DIM : ROLE_ERROR), th);
			y++;
		}
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

	if (h->sel < (int)h->lessons.n) {
		const struct lesson_entry *e = &h->lessons.items[h->sel];
		struct lesson *l = lesson_load(e->path, &d);
		if (!l) {
			diag_format(&d, buf, sizeof buf);
			app_status(app, ROLE_ERROR, "%s", buf);
			return;
		}
		lesson_open(app, l);
		return;
	}
	if (h->sel - (int)h->lessons.n < (int)h->ntraces &&
	    replay_open(app, h->traces[h->sel - h->lessons.n], &d) < 0) {
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
	return home_load(app);
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
