/* SPDX-License-Identifier: GPL-2.0-only */
/* keybar.h - key hint bars generated from the key table (keys.c).
 *
 * A screen lists which actions its bar names and which of their keys to
 * show; the words come from the table's `bar` column and every key is
 * looked up in the table in the screen's current contexts, so a bar can
 * only name a key that does what it says there (an item whose key is not
 * bound to its action now is left out).
 */
#ifndef PAGEWALK_KEYBAR_H
#define PAGEWALK_KEYBAR_H

#include <curses.h>
#include <stddef.h>

#include "screen/keys.h"
#include "util/text.h"
#include "draw/theme.h"

/* One hint: "n next", or a pair shown as "j/k scroll" (act[1] != ACT_NONE). */
struct bar_item {
	enum action act[2];
	int key[2];                     /* the key shown for each action */
	const char *what[LANG_COUNT];   /* NULL: the first action's `bar` words */
};

/* Draw the bar on row y of w, width columns from column 0: the lead text
 * (NULL: none), then the items, as many as fit (an item fits when its text
 * ends by column width). Items of ACT_HELP and
 * ACT_QUIT are placed first; an item that does not fit is left out whole.
 * ctx: the CTX_* bits the keys are looked up in. Returns the columns used. */
int keybar_draw(WINDOW *w, int y, int width, unsigned ctx, const char *lead,
		const struct bar_item *items, size_t n, enum lang lang,
		const struct theme *th);

#endif
