/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_predict.c - predict mode: before the animation shows a level of a
 * walk (a walk step, or the first walk of a fault step) the learner types
 * that level's index or its entry's address; before a fault step shows
 * do_page_fault's route, the route. The guess is graded by the engine as
 * the quiz asking the same thing would be (quiz_grade_walk,
 * quiz_grade_route), then the level or the route is shown. Folded levels
 * pass through without a question. P turns the mode on and off; the
 * choice is kept in the progress file.
 */
#include "screen_lesson_int.h"

#include <stdio.h>
#include <string.h>

void screen_lesson_predict_toggle(struct app *app)
{
	struct lesson_state *ls = app->ls;

	ls->prog.predict = !ls->prog.predict;
	screen_lesson_save_progress(app);
	if (ls->prog.predict)
		app_status(app, ROLE_STATUS, "%s",
			   TR(app, "Predict mode: the walk stops before each level for your guess "
			      "(its index or its entry's address), a fault before its route. P: off.",
			      "予想モード: 変換は各段の前で止まり、予想 (インデックスかエントリのアドレス) "
			      "を待ちます。フォルトは経路の前で止まります。P で終了。"));
	else
		app_status(app, ROLE_STATUS, "%s", TR(app, "Predict mode off.", "予想モードを終えました。"));
	screen_lesson_enter_step(app, ls->step);
}

/* The step's walk that predictions are about, its first frame's offset
 * (frame k shows walk step k - 1), and for a fault the route's frame. */
static const struct walk *step_walk(const struct step *s, int *route_frame)
{
	*route_frame = -1;
	if (s->kind == STEP_WALK)
		return &s->u.walk.walk;
	if (s->kind == STEP_FAULT) {
		if (s->u.fault.faulted)
			*route_frame = s->u.fault.before.nsteps + 2;
		return &s->u.fault.before;
	}
	return NULL;
}

bool screen_lesson_predict_gate(struct app *app, int next)
{
	struct lesson_state *ls = app->ls;
	const struct step *s = screen_lesson_cur_step(app);
	int route;
	const struct walk *w = step_walk(s, &route);

	if (!ls->prog.predict || !w || ls->focus != FOCUS_NONE)
		return false;
	if (next == route) {
		ls->predict.at = PREDICT_ROUTE;
	} else if (next >= 1 && next <= w->nsteps && !w->step[next - 1].folded) {
		ls->predict.at = next - 1;
	} else {
		return false;
	}
	ls->predict.frame = next;
	ls->predict.walk = w;
	app->anim.running = false;
	ls->stepping = true;       /* the picture shows the frames before it */
	ls->focus = FOCUS_PREDICT;
	ls->input.len = 0;
	ls->input.buf[0] = '\0';
	return true;
}

/* Show the frame the guess was about and let the animation go on. */
static void go_on(struct app *app)
{
	struct lesson_state *ls = app->ls;
	struct anim *an = &app->anim;

	ls->focus = FOCUS_NONE;
	ls->input.len = 0;
	ls->input.buf[0] = '\0';
	an->frame = ls->predict.frame;
	ls->predict.at = -1;
	if (an->frame >= an->frames) {
		an->running = false;
		ls->stepping = false;
		return;
	}
	ls->stepping = false;
	an->running = true;
	an->next_ms = app_now_ms() + app_speed_ms(an->speed);
}

void screen_lesson_predict_submit(struct app *app)
{
	struct lesson_state *ls = app->ls;
	const struct step *s = screen_lesson_cur_step(app);
	const struct arch *a = screen_lesson_step_arch(app, s);
	struct grade *g = &ls->predict.grade;

	if (!ls->input.len)
		return;
	if (ls->predict.at == PREDICT_ROUTE) {
		const struct step_fault *f = &s->u.fault;
		quiz_grade_route(f->path, f->addr, f->task_size, ls->input.buf, g);
	} else {
		const struct walk_step *st = &ls->predict.walk->step[ls->predict.at];
		uint64_t v = 0;
		/* a number below the level's PTRS_PER is its index, else an address */
		bool index = sscanf(ls->input.buf, "%llu", (unsigned long long *)&v) == 1 &&
			     strchr(ls->input.buf, 'x') == NULL && v < a->level[st->level].ptrs;
		quiz_grade_walk(a, ls->predict.walk, s->kind == STEP_WALK ? s->u.walk.setup.mem :
				s->u.fault.setup.mem, ls->predict.at,
				index ? WALK_FIELD_INDEX : WALK_FIELD_ENTRY, ls->input.buf, g);
	}
	ls->predict.graded = true;
	if (g->result == GRADE_UNPARSED || g->result == GRADE_OTHER_BASE) {
		/* not read (or right in the other base): ask again, no guess used */
		ls->input.len = 0;
		ls->input.buf[0] = '\0';
		snprintf(ls->predict.said, sizeof ls->predict.said, "%s", g->feedback[app->lang]);
		ls->predict.said_role = ROLE_HEADING;
		return;
	}
	ls->predict.total++;
	ls->predict.right += g->result == GRADE_RIGHT;
	snprintf(ls->predict.said, sizeof ls->predict.said, "%s %s  (%s %u/%u)",
		 g->result == GRADE_RIGHT ? (app->theme.utf8 ? "✓" : "+") : (app->theme.utf8 ? "✗" : "X"),
		 g->feedback[app->lang], TR(app, "guesses right:", "予想の正解:"), ls->predict.right,
		 ls->predict.total);
	ls->predict.said_role = g->result == GRADE_RIGHT ? ROLE_GOOD : ROLE_ERROR;
	app_status(app, ls->predict.said_role, "%s", ls->predict.said);
	go_on(app);
}

void screen_lesson_predict_skip(struct app *app)
{
	app->ls->predict.graded = false;
	go_on(app);
}

void screen_lesson_predict_prompt(const struct app *app, char *buf, size_t len)
{
	const struct lesson_state *ls = app->ls;

	if (ls->predict.at == PREDICT_ROUTE) {
		snprintf(buf, len, "%s", TR(app, "Predict: where does do_page_fault go?",
					    "予想: do_page_fault の行き先は?"));
		return;
	}
	snprintf(buf, len, TR(app, "Predict %s: its index, or its entry's address?",
			      "予想 %s: インデックスか、エントリのアドレスは?"),
		 level_name(ls->predict.walk->step[ls->predict.at].level));
}
