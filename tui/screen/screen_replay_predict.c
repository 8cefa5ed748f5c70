/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay_predict.c - predict mode in the replayer: before a fault's
 * handler is shown (its first code point, or a Linux trace's first frame),
 * stepping or playing stops and the learner types where do_page_fault
 * goes; the engine grades the guess as the lesson's route quiz would
 * (quiz_grade_route), then the handler runs. Each fault is asked once per
 * visit. P turns the mode on and off; the choice is kept in the progress
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
			   TR(app, "Predict mode: each fault asks for its route first. P: off.",
			      "予想モード: フォルトごとに先に経路を聞きます。P で終了。"));
	else
		app_status(app, ROLE_STATUS, "%s", TR(app, "Predict mode off.", "予想モードを終えました。"));
}

/* Is the next stage the first of the current fault's handler (a code
 * point or a frame), with a route to guess? */
static bool before_handler(const struct replay_screen *rs)
{
	const struct trace_event *ev = &rs->trace->events[replay_event(rs->r)];
	size_t n, at = replay_stage(rs->r);
	const struct replay_stage *st = replay_stages(rs->r, &n);

	if (ev->kind != TRACE_FAULT || !fault_path_info(ev->path) || at + 1 >= n)
		return false;
	for (size_t i = 0; i <= at; i++)
		if (st[i].kind == RS_PATH || st[i].kind == RS_CALL)
			return false;
	return st[at + 1].kind == RS_PATH || st[at + 1].kind == RS_CALL;
}

bool screen_replay_predict_gate(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);

	if (!rs->predict || rs->focus != RF_NONE || rs->predict_asked == replay_event(rs->r) ||
	    !before_handler(rs))
		return false;
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

	rs->focus = RF_NONE;
	rs->predict_asked = replay_event(rs->r);
	replay_step(rs->r, 1);
	if (rs->predict_resume) {
		rs->playing = true;
		app->anim.running = true;
		app->anim.next_ms = app_now_ms() + app_speed_ms(app->anim.speed);
	}
}

void screen_replay_predict_submit(struct app *app)
{
	struct replay_screen *rs = screen_replay_state(app);
	const struct trace_event *ev = &rs->trace->events[replay_event(rs->r)];
	struct grade g;

	if (!rs->input.len)
		return;
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
	return TR(app, "Predict: where does do_page_fault go? ",
		  "予想: do_page_fault の行き先は? ");
}
