/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay_predict.c - predict mode in the replayer: before each real
 * level of a fault's walk is shown, stepping or playing stops and the
 * learner types that level's index or its entry's address (graded by
 * quiz_grade_walk, known mistakes named); before the handler is shown (its
 * first code point, or a Linux trace's first frame), where do_page_fault
 * goes (graded as the lesson's route quiz, quiz_grade_route). Then the
 * stage is shown. Each question is asked once per visit to the fault. P turns the mode on and off; the choice is kept in the progress
 * directory as "replay" (progress.h), like a lesson's.
 */
#include "screen_replay_int.h"

#include <stdio.h>
#include <string.h>

#include "lesson/progress.h"
#include "lesson/quiz.h"

/* The name of the replayer's progress file (lessons use their stems). */
#define REPLAY_PROGRESS "replay"

void screen_replay_predict_load(struct app *app, struct replay_screen *rs)
{
	struct progress p;
	struct diag d;

	rs->predict_asked = (size_t)-1;
	if (app->state_dir[0] &&
	    progress_load(app->state_dir, REPLAY_PROGRESS, &p, &d) == PROGRESS_OK)
		rs->predict = p.predict;
}

void screen_replay_predict_toggle(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);
	struct progress p;
	struct diag d;

	rs->predict = !rs->predict;
	rs->predict_asked = (size_t)-1;
	if (app->state_dir[0]) {
		memset(&p, 0, sizeof p);
		if (progress_load(app->state_dir, REPLAY_PROGRESS, &p, &d) != PROGRESS_OK)
			memset(&p, 0, sizeof p);
		p.predict = rs->predict;
		p.step = p.nsteps = 1;    /* one "step": the file holds the choice only */
		if (progress_save(app->state_dir, REPLAY_PROGRESS, &p, &d) < 0) {
			char buf[1200];
			diag_format(&d, buf, sizeof buf);
			app_status(app, ROLE_ERROR, "%s", buf);
			return;
		}
	}
	if (rs->predict)
		app_status(app, ROLE_STATUS, "%s",
			   TR(app, "Predict mode: each fault asks its levels and route first. P: off.",
			      "予想モード: フォルトごとに各段と経路を先に聞きます。P で終了。"));
	else
		app_status(app, ROLE_STATUS, "%s", TR(app, "Predict mode off.", "予想モードを終えました。"));
}

/* What the next stage reveals that can be guessed: the walk's step index
 * (a real level, 0..), PREDICT_ROUTE (the first stage of the handler: a
 * code point or a frame), or -1 (nothing). */
#define PREDICT_ROUTE (-2)
static int next_question(const struct replay_screen *rs)
{
	const struct trace_event *ev = &rs->trace->events[replay_event(rs->r)];
	const struct walk *w = replay_walk(rs->r);
	size_t n, at = replay_stage(rs->r);
	const struct replay_stage *st = replay_stages(rs->r, &n);

	if (ev->kind != TRACE_FAULT || at + 1 >= n)
		return -1;
	if (st[at + 1].kind == RS_WALK && st[at + 1].arg >= 0 && st[at + 1].arg < w->nsteps &&
	    !w->step[st[at + 1].arg].folded)
		return st[at + 1].arg;
	if (!fault_path_info(ev->path))
		return -1;
	for (size_t i = 0; i <= at; i++)
		if (st[i].kind == RS_PATH || st[i].kind == RS_CALL)
			return -1;
	return st[at + 1].kind == RS_PATH || st[at + 1].kind == RS_CALL ? PREDICT_ROUTE : -1;
}

/* Was the question before stage k of the current event asked on this visit? */
static bool asked(const struct replay_screen *rs, size_t k)
{
	return rs->predict_asked == replay_event(rs->r) && (k >= 64 || (rs->predict_done >> k & 1));
}

bool screen_replay_predict_gate(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);
	int q;

	if (!rs->predict || rs->focus != RF_NONE || asked(rs, replay_stage(rs->r) + 1) ||
	    (q = next_question(rs)) == -1)
		return false;
	rs->predict_at = q;
	rs->predict_resume = rs->playing;
	rs->playing = false;
	app->anim.running = false;
	rs->predict_said[0] = '\0';
	/* the field opened here, not through screen_replay_input.c (which
	 * calls this file: no cycle) */
	rs->focus = RF_PREDICT;
	rs->input.len = 0;
	rs->input.buf[0] = '\0';
	return true;
}

/* Into the handler (playing again if it was). */
static void go_on(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);

	size_t k = replay_stage(rs->r) + 1;

	rs->focus = RF_NONE;
	if (rs->predict_asked != replay_event(rs->r)) {   /* a new fault: nothing asked yet */
		rs->predict_asked = replay_event(rs->r);
		rs->predict_done = 0;
	}
	if (k < 64)
		rs->predict_done |= 1ULL << k;
	replay_step(rs->r, 1);
	if (rs->predict_resume) {
		rs->playing = true;
		app->anim.running = true;
		app->anim.next_ms = app_now_ms() + app_speed_ms(app->anim.speed);
	}
}

/* Enter on a level's question: a number below the level's PTRS_PER is
 * its index, else its entry's address; graded as the index or entry quiz
 * about this walk, the feedback (a known mistake named) kept whole above
 * the status row until the next key. */
static void walk_submit(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);
	const struct arch *a = rs->trace->h.arch;
	const struct walk *w = replay_walk(rs->r);
	const struct walk_step *st = &w->step[rs->predict_at];
	unsigned long long v = 0;
	bool index = sscanf(rs->input.buf, "%llu", &v) == 1 && !strchr(rs->input.buf, 'x') &&
		     v < a->level[st->level].ptrs;
	struct grade g;

	quiz_grade_walk(a, w, NULL, rs->predict_at, index ? WALK_FIELD_INDEX : WALK_FIELD_ENTRY,
			rs->input.buf, &g);
	if (g.result == GRADE_UNPARSED || g.result == GRADE_OTHER_BASE) {
		/* not read (or right in the other base): ask again, no guess used */
		snprintf(rs->predict_said, sizeof rs->predict_said, "%s", g.feedback[app->lang]);
		rs->input.len = 0;
		rs->input.buf[0] = '\0';
		return;
	}
	rs->predict_total++;
	rs->predict_right += g.result == GRADE_RIGHT;
	snprintf(rs->predict_said, sizeof rs->predict_said, "%s %s  (%s %u/%u)",
		 g.result == GRADE_RIGHT ? (app->theme.utf8 ? "✓" : "+") : (app->theme.utf8 ? "✗" : "X"),
		 g.feedback[app->lang], TR(app, "guesses right:", "予想の正解:"), rs->predict_right,
		 rs->predict_total);
	app_status(app, g.result == GRADE_RIGHT ? ROLE_GOOD : ROLE_ERROR, "%s", rs->predict_said);
	go_on(app);
}

void screen_replay_predict_submit(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);
	const struct trace_event *ev = &rs->trace->events[replay_event(rs->r)];
	struct grade g;

	if (!rs->input.len)
		return;
	if (rs->predict_at != PREDICT_ROUTE) {
		walk_submit(app);
		return;
	}
	quiz_grade_route(ev->path, ev->cr2, rs->trace->h.task_size, rs->input.buf, &g);
	if (g.result == GRADE_UNPARSED) {
		/* not read: ask again, no guess used */
		snprintf(rs->predict_said, sizeof rs->predict_said, "%s", g.feedback[app->lang]);
		rs->input.len = 0;
		rs->input.buf[0] = '\0';
		return;
	}
	rs->predict_total++;
	rs->predict_right += g.result == GRADE_RIGHT;
	/* one row: the count and the route taken (the narration that follows
	 * says why); the guess as typed, cut to fit beside it */
	if (g.result == GRADE_RIGHT)
		app_status(app, ROLE_GOOD, TR(app, "%s Guesses right: %u/%u. Right: it went %s.",
					      "%s 予想の正解: %u/%u。正解: %s へ進みます。"),
			   app->theme.utf8 ? "✓" : "+", rs->predict_right, rs->predict_total,
			   trace_path_name(rs->trace, ev->path));
	else
		app_status(app, ROLE_ERROR, TR(app, "%s Guesses right: %u/%u. Not %.20s: it went %s.",
					       "%s 予想の正解: %u/%u。%.20s ではなく %s へ進みます。"),
			   app->theme.utf8 ? "✗" : "X", rs->predict_right, rs->predict_total,
			   rs->input.buf, trace_path_name(rs->trace, ev->path));
	go_on(app);
}

void screen_replay_predict_skip(struct app *app)
{
	go_on(app);
}

const char *screen_replay_predict_prompt(const struct app *app)
{
	static char buf[120];
	const struct replay_screen *rs = screen_replay_state(app);

	if (rs->predict_at == PREDICT_ROUTE)
		return TR(app, "Predict: where does do_page_fault go? ",
			  "予想: do_page_fault の行き先は? ");
	snprintf(buf, sizeof buf, TR(app, "Predict %s: its index, or its entry's address? ",
				     "予想 %s: インデックスか、エントリのアドレスは? "),
		 level_name(replay_walk(rs->r)->step[rs->predict_at].level));
	return buf;
}

bool screen_replay_predict_route(const struct app *app)
{
	return screen_replay_state(app)->predict_at == PREDICT_ROUTE;
}
