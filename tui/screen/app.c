/* SPDX-License-Identifier: GPL-2.0-only */
/* app.c - what the screens ask of the app: the clock and the one speed
 * scale, the status line, switching screens, handing a key on. The main
 * loop that calls the screens is app_loop.c; the screens themselves come
 * from the table app_init was given. */
#include "screen/app.h"
#include "screen/keybar.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t app_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void app_status(struct app *app, enum role r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->status, sizeof app->status, fmt, ap);
	va_end(ap);
	app->status_role = r;
}

int app_speed_ms(int speed)
{
	static const int ms[ANIM_SPEEDS] = { 2000, 1200, 800, 500, 300, 150, 60 };

	return ms[speed < 1 ? 0 : speed > ANIM_SPEEDS ? ANIM_SPEEDS - 1 : speed - 1];
}

int app_speed_step(struct app *app, int dir)
{
	int s = app->anim.speed + (dir > 0 ? 1 : dir < 0 ? -1 : 0);

	app->anim.speed = s < 1 ? 1 : s > ANIM_SPEEDS ? ANIM_SPEEDS : s;
	return app->anim.speed;
}

static const struct screen *screen_of(const struct app *app, enum app_screen s)
{
	return app->screens[s];
}

bool app_open_below(const struct app *app, enum app_screen s)
{
	for (int i = 0; i < app->depth; i++)
		if (app->stack[i] == s)
			return true;
	return false;
}

void app_switch(struct app *app, enum app_screen to)
{
	bool below = app_open_below(app, to);
	bool same = app->depth > 0 && app->stack[app->depth - 1] == to;

	/* back down to `to`: close the screens above it, top first */
	while (below && app->stack[app->depth - 1] != to)
		screen_of(app, app->stack[--app->depth])->close(app);
	if (below && !same) {
		app->screen = to;
		if (screen_of(app, to)->resume)
			screen_of(app, to)->resume(app);
		return;
	}
	/* `to` is current: it closes and opens afresh; the stack cannot
	 * overflow (three kinds of screen, each open once) */
	if (same || app->depth == SCREEN_DEPTH)
		screen_of(app, app->stack[--app->depth])->close(app);
	app->stack[app->depth++] = to;
	app->screen = to;
}

size_t app_bar_leave(const struct app *app, struct bar_item *items, size_t n)
{
	enum app_screen below = app->depth >= 2 ? app->stack[app->depth - 2] : SCREEN_COUNT;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		struct bar_item it = items[i];
		if (it.act[0] == ACT_MENU && below == SCREEN_HOME)
			continue;          /* q says "menu" already */
		if (it.act[0] == ACT_QUIT) {
			it.what[LANG_EN] = below == SCREEN_HOME ? "menu" : below == SCREEN_LESSON ?
					   "lesson" : "quit";
			it.what[LANG_JA] = below == SCREEN_HOME ? "メニューへ" : below == SCREEN_LESSON ?
					   "レッスンへ" : "終了";
		}
		items[k++] = it;
	}
	return k;
}

enum reaction app_leave(struct app *app, bool menu)
{
	const struct screen *home = screen_of(app, SCREEN_HOME);

	if (menu && app_open_below(app, SCREEN_HOME)) {
		app_switch(app, SCREEN_HOME);
		return REACT_REDRAW;
	}
	if (menu && home && home->open) {
		/* opened alone: the menu takes the place of what was open */
		while (app->depth > 0)
			screen_of(app, app->stack[--app->depth])->close(app);
		home->open(app);
		return REACT_REDRAW;
	}
	if (menu)
		return REACT_IGNORED;
	if (app->depth < 2)
		return REACT_QUIT;
	app_switch(app, app->stack[app->depth - 2]);
	return REACT_REDRAW;
}

enum reaction app_key(struct app *app, int key)
{
	return app->depth > 0 ? screen_of(app, app->screen)->key(app, key) : REACT_IGNORED;
}

void app_draw_status(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	int rows;

	if (!app->status[0])
		return;
	rows = draw_text_lines_plain(app->status, COLS - 2, th) > 1 ? 2 : 1;
	draw_clear(w, (struct rect){ LINES - 1 - rows, 0, rows, COLS }, A_NORMAL);
	draw_text_plain(w, (struct rect){ LINES - 1 - rows, 1, rows, COLS - 2 }, app->status, 0,
			theme_attr(th, app->status_role), th);
}

