/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay.c - the trace replayer: one fault at a time, in stages.
 * This file holds its state (the trace, the engine's cursor, the code
 * panes' sources), opening and closing, play and pause, and the keys;
 * the typed fields, the drawing and the call view are in the files
 * screen_replay_int.h lists.
 */
#include "screen_replay_int.h"
#include "source/linuxsrc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- opening and closing ---- */

static void code_free(struct code_copy *c)
{
	if (c->lines)
		for (size_t i = 0; i < c->ex->nlines; i++)
			free(c->lines[i]);
	free(c->lines);
	c->lines = NULL;
}

static int code_load(struct code_copy *c, const struct replay_excerpt *ex, enum lang lang)
{
	c->ex = ex;
	c->lines = calloc(ex->nlines ? ex->nlines : 1, sizeof *c->lines);
	if (!c->lines)
		return -1;
	for (size_t i = 0; i < ex->nlines; i++)
		if (!(c->lines[i] = screen_replay_expand_tabs(replay_code_text(ex, i, lang))))
			return -1;
	return 0;
}

/* Everything that borrows the trace (the replay cursor, the call view and
 * its replay_lxsrc) goes before the trace itself. */
static void screen_free(struct replay_screen *rs)
{
	screen_replay_calls_free(&rs->calls);
	free(rs->hits);
	replay_free(rs->r);
	for (int i = 0; i < CODE_COUNT; i++)
		code_free(&rs->code[i]);
	replay_guest_free(rs->guest);
	replay_linux_free(rs->lx_fault);
	replay_linux_free(rs->lx_mm);
	trace_free(rs->trace);
	free(rs);
}

/* Linux v6.1's fault.c and memory.c from linux-source-6.1 through src
 * (NULL: not installed), else, for the pane, why not. */
static int linux_load(struct replay_screen *rs, enum lang lang, struct linuxsrc *src)
{
	struct diag d;

	rs->lx_state = replay_linux_new(src, false, &rs->lx_fault, &rs->lx_mm, &d);
	if (rs->lx_state < 0)
		diag_format(&d, rs->lx_err, sizeof rs->lx_err);
	if (rs->lx_state != 0)
		return 0;
	if (code_load(&rs->code[CODE_LX_FAULT], rs->lx_fault, lang) < 0 ||
	    code_load(&rs->code[CODE_LX_MM], rs->lx_mm, lang) < 0)
		return -1;
	return 0;
}

/* The guest's own source, for traces our guest recorded (else a note). */
static int guest_load(struct replay_screen *rs, enum lang lang)
{
	struct diag d;

	if (!replay_is_guest(rs->trace) && rs->trace->ncalls) {
		snprintf(rs->guest_err, sizeof rs->guest_err, "%s", lang == LANG_JA
			 ? "Linux 6.1 のトレースです。コード欄は記録された呼び出しの連鎖をたどります。"
			 : "A trace of Linux 6.1: the code pane follows its recorded call chain.");
		return 0;
	}
	if (!replay_is_guest(rs->trace)) {
		snprintf(rs->guest_err, sizeof rs->guest_err, "%s",
			 lang == LANG_JA
			 ? "このトレースはゲストの記録ではないため、Linux v6.1 のコードのみ表示します。"
			 : "Not a trace of pagewalk's guest: only Linux v6.1's code is shown.");
		return 0;
	}
	rs->guest = replay_guest_new(&d);
	if (!rs->guest) {
		char msg[sizeof d.msg + 64];
		diag_format(&d, msg, sizeof msg);
		snprintf(rs->guest_err, sizeof rs->guest_err, "%s%s", lang == LANG_JA
			 ? "ゲストのソースを表示できません: " : "The guest's source cannot be shown: ", msg);
		return 0;
	}
	return code_load(&rs->code[CODE_GUEST], rs->guest, lang);
}

static void replay_close(struct app *app)
{
	struct replay_screen *rs = app->replay;

	if (!rs)
		return;
	screen_free(rs);
	app->replay = NULL;
	app->anim.running = false;
}

int screen_replay_open_trace(struct app *app, struct trace *t, const char *path)
{
	struct replay_screen *rs = calloc(1, sizeof *rs);
	struct linuxsrc *src = NULL;   /* one handle: each file read once */

	if (!rs) {
		trace_free(t);
		return -1;
	}
	rs->trace = t;
	snprintf(rs->path, sizeof rs->path, "%s", path);
	rs->r = replay_new(t);
	(void)linuxsrc_open(&src, &(struct diag){ 0 });
	if (!rs->r || linux_load(rs, app->lang, src) < 0 || guest_load(rs, app->lang) < 0 ||
	    screen_replay_calls_load(&rs->calls, t, REPLAY_LXSRC_CACHED, src, "") < 0) {
		linuxsrc_close(src);
		screen_free(rs);
		return -1;
	}
	linuxsrc_close(src);
	screen_replay_predict_load(app, rs);
	app_switch(app, SCREEN_REPLAY);
	app->replay = rs;
	if (rs->lx_state == 2 || (rs->calls.used && rs->calls.state == 2))
		app_source_fetch(app, NULL);
	return 0;
}

static size_t replay_source_files(const struct app *app, const char **files, size_t max)
{
	const struct replay_screen *rs = screen_replay_state(app);

	return rs ? replay_lxsrc_files(rs->trace, files, max) : 0;
}

/* The chain's files after an extraction: once more from the cache, and
 * when some are still missing (an extraction another screen started
 * before this trace was open), one more extraction. */
static int calls_ready(struct app *app, struct replay_screen *rs, struct linuxsrc *src)
{
	if (!rs->calls.used || rs->calls.state != 2)
		return 0;
	if (screen_replay_calls_load(&rs->calls, rs->trace, REPLAY_LXSRC_CACHED, src, "") < 0)
		return -1;
	if (rs->calls.state == 2 && !rs->calls.refetched && !app->srcjob && !app->src_err[0]) {
		rs->calls.refetched = true;
		app_source_fetch(app, NULL);
		if (app->srcjob)
			return 0;
	}
	/* the pane says why a file did not come (the extraction's error) */
	return rs->calls.state == 2 ? screen_replay_calls_load(&rs->calls, rs->trace,
							       REPLAY_LXSRC_AS_IS, src, app->src_err) : 0;
}

static void replay_source_ready(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);
	struct linuxsrc *src = NULL;

	if (!rs || (rs->lx_state != 2 && !(rs->calls.used && rs->calls.state == 2)))
		return;      /* nothing was waiting for the source */
	(void)linuxsrc_open(&src, &(struct diag){ 0 });
	if ((rs->lx_state == 2 && linux_load(rs, app->lang, src) < 0) || calls_ready(app, rs, src) < 0)
		app_status(app, ROLE_ERROR, "out of memory");
	linuxsrc_close(src);
}

int screen_replay_goto_event(struct app *app, size_t k)
{
	struct replay_screen *rs = screen_replay_state(app);

	return rs ? replay_seek(rs->r, k, 0) : -1;
}

int screen_replay_open(struct app *app, const char *path, struct diag *d)
{
	struct trace *t = trace_load(path, d);

	if (!t)
		return -1;
	if (!t->nevents) {
		diag_set(d, path, 0, 0, "the trace has no events to replay");
		trace_free(t);
		return -1;
	}
	if (screen_replay_open_trace(app, t, path) < 0) {
		diag_set(d, path, 0, 0, "out of memory");
		return -1;
	}
	return 0;
}

/* ---- moving ---- */

static void play_arm(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);

	app->anim.running = rs->playing;
	app->anim.next_ms = app_now_ms() + app_speed_ms(app->anim.speed);
}

static enum reaction replay_tick(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);

	if (!rs || !rs->playing)
		return REACT_IGNORED;
	if (screen_replay_predict_gate(app))
		return REACT_REDRAW;
	if (replay_step(rs->r, 1) < 0) {
		rs->playing = false;
		app_status(app, ROLE_STATUS, "%s", TR(app, "End of the trace.", "トレースの終わりです。"));
	}
	play_arm(app);
	return REACT_REDRAW;
}

static unsigned replay_ctx(const struct app *app)
{
	const struct replay_screen *rs = screen_replay_state(app);

	if (!rs)
		return CTX_REPLAY;
	if (rs->focus != RF_NONE)
		return CTX_RINPUT;
	return (rs->query[0] ? CTX_REPLAY | CTX_RSEARCH : CTX_REPLAY) | (rs->guest ? CTX_RCODE : 0);
}

/* Lines of what the code pane shows now: the current frame's file (a
 * Linux trace), else the longest of the excerpts; the bound of a scroll. */
static size_t code_lines(const struct replay_screen *rs)
{
	size_t n = rs->calls.used ? screen_replay_calls_nlines(&rs->calls, rs->r) : 0;

	if (n)
		return n;
	for (int k = 0; k < CODE_COUNT; k++)
		if (rs->code[k].ex && rs->code[k].ex->nlines > n)
			n = rs->code[k].ex->nlines;
	return n;
}

static enum reaction replay_key(struct app *app, int key)
{
	struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t = rs->trace;
	enum action a;

	if (rs->focus != RF_NONE)
		return screen_replay_input_key(app, key);
	a = keys_action(replay_ctx(app), key);
	if (a != ACT_SCROLL_DOWN && a != ACT_SCROLL_UP)
		rs->code_scroll = 0;     /* any other key: the pane goes back to its line */
	switch (a) {
	case ACT_PLAY:
		rs->playing = !rs->playing;
		if (rs->playing && replay_event(rs->r) + 1 == t->nevents) {
			size_t n;
			replay_stages(rs->r, &n);
			if (replay_stage(rs->r) + 1 == n)
				screen_replay_go(app, 0, NULL);    /* at the very end: from the start */
		}
		play_arm(app);
		break;
	case ACT_STEP_FWD:
		if (screen_replay_predict_gate(app))
			break;
		if (replay_step(rs->r, 1) < 0)
			app_status(app, ROLE_STATUS, "%s", TR(app, "End of the trace.", "トレースの終わりです。"));
		break;
	case ACT_STEP_BACK:
		if (replay_step(rs->r, -1) < 0)
			app_status(app, ROLE_STATUS, "%s", TR(app, "Start of the trace.", "トレースの始まりです。"));
		break;
	case ACT_EVENT_NEXT:
		if (replay_step_event(rs->r, 1) < 0)
			app_status(app, ROLE_STATUS, "%s", TR(app, "This is the last event.", "最後のイベントです。"));
		break;
	case ACT_EVENT_PREV:
		if (replay_step_event(rs->r, -1) < 0)
			app_status(app, ROLE_STATUS, "%s", TR(app, "This is the first event.", "最初のイベントです。"));
		break;
	case ACT_MARK_NEXT:
	case ACT_MARK_PREV:
		if (replay_step_marker(rs->r, a == ACT_MARK_NEXT ? 1 : -1) < 0)
			app_status(app, ROLE_STATUS, "%s", a == ACT_MARK_NEXT
				   ? TR(app, "No fault after this event.", "この後にフォルトはありません。")
				   : TR(app, "No fault before this event.", "この前にフォルトはありません。"));
		break;
	case ACT_TENTH:
		screen_replay_go(app, t->nevents * (size_t)keys_arg(CTX_REPLAY, key) / 10, NULL);
		break;
	case ACT_GOTO:
		screen_replay_input_open(rs, RF_GOTO);
		break;
	case ACT_SEARCH:
		screen_replay_input_open(rs, RF_SEARCH);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		screen_replay_search(app, a == ACT_SEARCH_NEXT ? 1 : -1);
		break;
	case ACT_SEARCH_CLEAR:
		rs->query[0] = '\0';
		free(rs->hits);
		rs->hits = NULL;
		rs->nhits = 0;
		app_status(app, ROLE_STATUS, "%s", TR(app, "Search ended: n and p step events.",
						      "検索を終了: n と p でイベントを移動。"));
		break;
	case ACT_PREDICT:
		screen_replay_predict_toggle(app);
		break;
	case ACT_CODE_VIEW:
		if (!rs->guest) {
			app_status(app, ROLE_STATUS, "%s", rs->guest_err);
			break;
		}
		rs->guest_view = !rs->guest_view;
		app_status(app, ROLE_STATUS, "%s", rs->guest_view
			   ? TR(app, "Code: the guest's own guest/fault.c, the 2.6 design (c: Linux v6.1).",
				"コード: ゲスト自身の guest/fault.c、2.6 の設計 (c で Linux v6.1)。")
			   : TR(app, "Code: Linux v6.1, from linux-source-6.1 (c: the guest's own source).",
				"コード: Linux v6.1、linux-source-6.1 より (c でゲスト自身のソース)。"));
		break;
	case ACT_SCROLL_DOWN:
	case ACT_SCROLL_UP: {   /* the code pane, within its file; PgDn/PgUp: ten lines */
		int n = keys_arg(replay_ctx(app), key), lim = (int)code_lines(rs);
		int sc = screen_replay_scroll(rs) + (a == ACT_SCROLL_DOWN ? n : -n);
		rs->code_scroll = sc > lim ? lim : sc < -lim ? -lim : sc;
		rs->scroll_event = replay_event(rs->r);
		rs->scroll_stage = replay_stage(rs->r);
		break;
	}
	case ACT_FASTER:
	case ACT_SLOWER:
		app_speed_step(app, a == ACT_FASTER ? 1 : -1);
		app_status(app, ROLE_STATUS, TR(app, "Speed %d/%d: %d ms a stage.",
					       "速度 %d/%d: 1 段階 %d ms。"),
			   app->anim.speed, ANIM_SPEEDS, app_speed_ms(app->anim.speed));
		if (rs->playing)
			play_arm(app);
		break;
	case ACT_MENU:
	case ACT_QUIT:
		return app_leave(app, a == ACT_MENU);
	default:
		return REACT_IGNORED;
	}
	return REACT_REDRAW;
}

static void replay_where(const struct app *app, char *buf, size_t len)
{
	const struct replay_screen *rs = screen_replay_state(app);

	if (!rs) {
		snprintf(buf, len, "replay");
		return;
	}
	snprintf(buf, len, "%s event %zu stage %zu", rs->path, replay_event(rs->r) + 1,
		 replay_stage(rs->r) + 1);
}

const struct screen screen_replay_ops = {
	.draw = screen_replay_draw,
	.key = replay_key,
	.tick = replay_tick,
	.close = replay_close,
	.ctx = replay_ctx,
	.where = replay_where,
	.source_files = replay_source_files,
	.source_ready = replay_source_ready,
	.help_ctx = { CTX_REPLAY | CTX_RSEARCH, CTX_RINPUT },
	.help_title = { { "Replay:", "再生:" },
			{ "While typing an event number (g) or a search (/):",
			  "イベント番号 (g)・検索 (/)の入力中:" } },
};

int screen_replay_position(const struct app *app, size_t *event, size_t *stage, size_t *nstages)
{
	const struct replay_screen *rs = screen_replay_state(app);

	if (!rs)
		return -1;
	*event = replay_event(rs->r);
	*stage = replay_stage(rs->r);
	replay_stages(rs->r, nstages);
	return 0;
}
