/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay_input.c - the replayer's typed fields: g and an event
 * number, / and a search (an address, or a kind: vmalloc, segv ...) that
 * n and N then step through. The engine finds the events (replay_seek,
 * replay_search); this file keeps the field and says what happened on the
 * status line. */
#include "screen_replay_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void screen_replay_go(struct app *app, size_t k, const char *what)
{
	struct replay_screen *rs = screen_replay_state(app);

	if (replay_seek(rs->r, k, 0) < 0)
		app_status(app, ROLE_ERROR, "%s", TR(app, "Out of memory.", "メモリが足りません。"));
	else if (what)
		app_status(app, ROLE_STATUS, "%s", what);
}

/* Mark the events matching the active search, for the timeline (its
 * hits are drawn in reverse) and the "match i of n" count. */
static void mark_hits(struct replay_screen *rs)
{
	size_t n = rs->trace->nevents;

	free(rs->hits);
	rs->nhits = 0;
	rs->hits = calloc(n ? n : 1, 1);
	for (size_t k = 0; rs->hits && k < n; k++)
		rs->nhits += rs->hits[k] = replay_match(rs->r, k, rs->query);
}

void screen_replay_search(struct app *app, int dir)
{
	struct replay_screen *rs = screen_replay_state(app);
	long k = replay_search(rs->r, rs->query, dir);
	size_t i = 0;

	if (k < 0) {
		app_status(app, ROLE_ERROR, TR(app, "No event matches \"%s\".",
					      "\"%s\" に一致するイベントはありません。"), rs->query);
		return;
	}
	screen_replay_go(app, (size_t)k, NULL);
	if (rs->hits)
		for (long j = 0; j <= k; j++)
			i += rs->hits[j];
	app_status(app, ROLE_STATUS, TR(app, "/%s: match %zu of %zu, event %ld (n next, N previous, "
				       "Esc ends the search)",
				       "/%s: %zu / %zu 件目、イベント %ld (n 次、N 前、Esc で検索終了)"),
		   rs->query, i, rs->nhits, k + 1);
}

static void submit(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t = rs->trace;
	int focus = rs->focus;
	char *end;
	unsigned long long n;

	if (focus == RF_PREDICT) {
		screen_replay_predict_submit(app);
		return;
	}
	rs->focus = RF_NONE;
	if (focus == RF_SEARCH) {
		if (!rs->input.len)
			return;
		snprintf(rs->query, sizeof rs->query, "%s", rs->input.buf);
		mark_hits(rs);
		screen_replay_search(app, 1);
		return;
	}
	n = strtoull(rs->input.buf, &end, 10);
	if (!rs->input.len || *end || n < 1 || n > t->nevents) {
		app_status(app, ROLE_ERROR, TR(app, "No event \"%s\": give a number from 1 to %zu.",
					      "イベント \"%s\" はありません: 1 から %zu の番号を入力してください。"),
			   rs->input.buf, t->nevents);
		return;
	}
	screen_replay_go(app, (size_t)n - 1, NULL);
}

enum reaction screen_replay_input_key(struct app *app, int key)
{
	struct replay_screen *rs = screen_replay_state(app);
	struct input *in = &rs->input;

	switch (keys_action(CTX_RINPUT, key)) {
	case ACT_SUBMIT:
		submit(app);
		return REACT_REDRAW;
	case ACT_ERASE:
		if (in->len)
			in->buf[--in->len] = '\0';
		return REACT_REDRAW;
	case ACT_LEAVE:
		if (rs->focus == RF_PREDICT)
			screen_replay_predict_skip(app);
		rs->focus = RF_NONE;
		return REACT_REDRAW;
	default:
		break;
	}
	/* typing: printable ASCII only (numbers, addresses, kind words) */
	if (key >= ' ' && key < 127 && in->len + 1 < sizeof in->buf) {
		in->buf[in->len++] = (char)key;
		in->buf[in->len] = '\0';
	}
	return REACT_REDRAW;
}

void screen_replay_input_open(struct replay_screen *rs, int focus)
{
	rs->focus = focus;
	rs->input.len = 0;
	rs->input.buf[0] = '\0';
}

/* A key in the replayer: one case per action of the key table, in one
 * switch so every action's effect is found in one place (hence its length). */
