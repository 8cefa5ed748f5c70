/* SPDX-License-Identifier: GPL-2.0-only */
/* keybar.c - key hint bars from the key table. */
#include "screen/keybar.h"
#include "draw/draw.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define BAR_MAX 16

/* The short name of a key in a bar: arrows as arrows when UTF-8 works. */
static const char *bar_key_name(int key, const struct theme *th, char *buf, size_t len)
{
	if (key == KEY_LEFT)
		return th->utf8 ? "←" : "<-";
	if (key == KEY_RIGHT)
		return th->utf8 ? "→" : "->";
	if (key == KEY_UP)
		return th->utf8 ? "↑" : "Up";
	if (key == KEY_DOWN)
		return th->utf8 ? "↓" : "Dn";
	return keys_key_name(key, buf, len);
}

/* The item's key label ("j/k") and words into key/what; false when one of
 * its keys does not do its action in ctx or is not offered there (the item
 * is then not shown). */
static bool item_text(const struct bar_item *it, unsigned ctx, enum lang lang,
		      const struct theme *th, char *key, size_t keylen, const char **what)
{
	const struct keybind *first = NULL;
	size_t k = 0;

	key[0] = '\0';
	for (int i = 0; i < 2 && (i == 0 || it->act[i] != ACT_NONE); i++) {
		const struct keybind *b = keys_binding(ctx, it->key[i]);
		char one[8];
		const char *name = bar_key_name(it->key[i], th, one, sizeof one);
		if (!b || b->action != it->act[i] || !keys_offered(b, ctx) || !name)
			return false;
		if (!first)
			first = b;
		k += (size_t)snprintf(key + k, keylen - k, "%s%s", k ? "/" : "", name);
		if (k >= keylen)
			return false;
	}
	*what = it->what[lang] ? it->what[lang] : first->bar[lang];
	return *what != NULL;
}

static bool is_first(const struct bar_item *it)
{
	return it->act[0] == ACT_HELP || it->act[0] == ACT_QUIT;
}

int keybar_draw(WINDOW *w, int y, int width, unsigned ctx, const char *lead,
		const struct bar_item *items, size_t n, enum lang lang,
		const struct theme *th)
{
	bool shown[BAR_MAX] = { false };
	char key[BAR_MAX][32];
	const char *what[BAR_MAX];
	int used = 1, x = 1;

	if (n > BAR_MAX)
		n = BAR_MAX;
	if (lead)
		used += draw_text_width(lead, th) + 2;
	/* help and quit first, then the others in order, each only if it fits */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			int iw;
			if (is_first(&items[i]) != (pass == 0) ||
			    !item_text(&items[i], ctx, lang, th, key[i], sizeof key[i], &what[i]))
				continue;
			iw = draw_text_width(key[i], th) + 1 + draw_text_width(what[i], th) + 2;
			if (used + iw - 2 > width)
				continue;
			shown[i] = true;
			used += iw;
		}
	if (lead)
		x += draw_fmt(w, y, x, width - x, theme_attr(th, ROLE_HINT), th, "%s  ", lead);
	for (size_t i = 0; i < n; i++) {
		if (!shown[i])
			continue;
		x += draw_str(w, y, x, width - x, key[i], theme_attr(th, ROLE_HINT) | A_BOLD, th);
		x += draw_fmt(w, y, x, width - x, theme_attr(th, ROLE_HINT), th, " %s  ", what[i]);
	}
	return x;
}
