/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson.c - the lesson player: one step at a time, walks animated
 * level by level, quizzes typed and graded by the engine. This file opens
 * and closes it, ticks its animation, holds the keys on a step and the end
 * of the lesson, and is its row of the screen table; the state, typing
 * and drawing are in the files screen_lesson_int.h lists.
 *
 *   title bar: lesson title, step k/N, arch, animation speed
 *   top:       the step's picture (address bar, walk diagram, fault, ...)
 *   heading + narrative (scrollable), quiz field; code pane below or beside
 *   status line, key hints
 */
#include "screen_lesson_int.h"
#include "catalog/catalog.h"
#include "screen/screen_replay.h"
#include "trace/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum reaction lesson_tick(struct app *app)
{
	struct anim *an = &app->anim;
	int64_t now = app_now_ms();

	if (!an->running)
		return REACT_IGNORED;
	if (screen_lesson_predict_gate(app, an->frame + 1))
		return REACT_REDRAW;     /* stopped for the learner's guess */
	an->frame++;
	if (an->frame >= an->frames) {
		screen_lesson_anim_finish(app);
	} else {
		an->next_ms += app_speed_ms(an->speed);
		if (an->next_ms < now)
			an->next_ms = now + app_speed_ms(an->speed);
	}
	return REACT_REDRAW;
}

int screen_lesson_open(struct app *app, struct lesson *l)
{
	struct lesson_state *ls = calloc(1, sizeof *ls);
	struct progress p;
	struct diag d;
	const char *seed = env_nonempty(app->env->seed);
	size_t start = 0;

	if (!ls) {
		lesson_free(l);
		return -1;
	}
	app_switch(app, SCREEN_LESSON);   /* a lesson open before is closed */
	app->ls = ls;
	/* Linux's lines from the installed linux-source-6.1 (or, per excerpt,
	 * why not and how to get them): drawn by draw_code_pane; the first
	 * time, extracted in the background while the lesson runs */
	if (lesson_excerpts_resolve_cached(l, &d) == 2)
		app_source_fetch(app, l);
	app->ls->lesson = l;
	app->ls->seed = seed ? strtoull(seed, NULL, 0) : (uint64_t)app_now_ms();
	if (app->state_dir[0]) {
		enum progress_status st = progress_load(app->state_dir, l->name, &p, &d);
		if (st == PROGRESS_OK && p.nsteps == l->nsteps) {
			/* the same lesson: its quizzes and their questions too */
			app->ls->prog = p;
			if (p.have_seed && !seed)
				app->ls->seed = p.seed;
		} else if (st == PROGRESS_OK) {
			app->ls->prog.done = p.done;
		}
		if (st == PROGRESS_CORRUPT) {
			char buf[1200];
			diag_format(&d, buf, sizeof buf);
			app_status(app, ROLE_ERROR, "%s", buf);
		} else if (st == PROGRESS_OK && !p.done && p.step > 1 && p.step <= l->nsteps) {
			start = p.step - 1;
			app_status(app, ROLE_STATUS,
				    TR(app, "Resumed at step %u (g 1 Enter starts over).",
				       "ステップ %u から再開しました(g 1 Enter で最初から)。"), p.step);
		}
	}
	app->ls->prog.have_seed = true;
	app->ls->prog.seed = app->ls->seed;
	screen_lesson_enter_step(app, start);
	return 0;
}

/* Linux's source has been extracted: read the excerpts' lines. */
static void lesson_source_ready(struct app *app)
{
	struct diag d;

	if (app->ls && lesson_excerpts_resolve_cached(app->ls->lesson, &d) == 2 &&
	    !app->src_err[0])
		app_source_fetch(app, app->ls->lesson);   /* a file the catalog's lessons do not name */
}

static void lesson_close(struct app *app)
{
	screen_lesson_state_free(app);
	app->anim.running = false;
}

/* ---- keys ------------------------------------------------------------- */

static void scroll_by(struct app *app, int d)
{
	struct layout lo;
	int max;

	screen_lesson_layout_of(app, &lo);
	max = screen_lesson_narrative_lines(app, lo.text.w) - lo.text.h;
	app->ls->scroll += d;
	if (app->ls->scroll > max)
		app->ls->scroll = max;
	if (app->ls->scroll < 0)
		app->ls->scroll = 0;
}

/* Open the replay step's trace in the replayer at its event. The lesson
 * stays loaded underneath (app->ls); leaving the replayer resumes it. */
static void open_trace(struct app *app)
{
	const struct step_replay *rp = &screen_lesson_cur_step(app)->u.replay;
	struct diag d;
	struct trace *t = trace_load(rp->trace_path, &d);
	char buf[1200];

	if (!t) {
		diag_format(&d, buf, sizeof buf);
		app_status(app, ROLE_ERROR, "%s", buf);
		return;
	}
	/* the replayer opens over this screen: the lesson stays loaded */
	if (screen_replay_open_trace(app, t, rp->trace_path) < 0) {
		app_status(app, ROLE_ERROR, "%s", TR(app, "Out of memory.", "メモリが足りません。"));
		return;
	}
	if (screen_replay_goto_event(app, rp->event) < 0) {
		app_switch(app, SCREEN_LESSON);
		app_status(app, ROLE_ERROR, "%s",
			   TR(app, "The trace changed since the lesson was loaded: reopen the lesson.",
			      "レッスンを読み込んだ後でトレースが変わりました。レッスンを開き直してください。"));
		return;
	}
	app_status(app, ROLE_STATUS, TR(app, "Event %llu of %s. q returns to the lesson.",
					"%2$s のイベント %1$llu です。q でレッスンへ戻ります。"),
		   (unsigned long long)rp->seq, rp->trace_shown);
}

/* Back from the replayer opened over a replay step: at that step, still. */
static void lesson_resume(struct app *app)
{
	screen_lesson_anim_finish(app);
}

static enum reaction lesson_key(struct app *app, int key);

/* s: the walk one level per press (the timer stops), saying at each level
 * which entry is read, where, and what it holds; a folded level reads the
 * same entry again. */
static void step_level(struct app *app)
{
	const struct step *s = screen_lesson_cur_step(app);
	struct anim *an = &app->anim;
	const struct walk *wk;
	const struct walk_step *st;

	if (s->kind != STEP_WALK) {
		app_status(app, ROLE_STATUS, "%s", TR(app, "s steps through a walk: this step has none.",
						      "s はページウォークを 1 段ずつ進めるキーですが、このステップにはありません。"));
		return;
	}
	wk = &s->u.walk.walk;
	an->running = false;
	app->ls->stepping = true;
	if (an->frame >= an->frames)
		an->frame = 0;   /* from the start again */
	an->frame++;
	if (an->frame <= wk->nsteps) {
		st = &wk->step[an->frame - 1];
		if (st->folded)
			app_status(app, ROLE_STATUS, TR(app, "%s: folded: %s_offset() returns its argument, so the "
							"same entry at 0x%llx is read again: 0x%llx. (s: next level)",
							"%s: 折りたたみ: %s_offset() は引数をそのまま返すので、同じ 0x%llx の"
							"エントリをもう一度読みます: 0x%llx(s で次の段)"),
				   level_name(st->level), level_name(st->level),
				   (unsigned long long)st->entry_pa, (unsigned long long)st->entry);
		else
			app_status(app, ROLE_STATUS, TR(app, "%s: index %u, the entry at 0x%llx (0x%llx + %u * %u) "
							"holds 0x%llx. (s: next level)",
							"%s: インデックス %u、0x%llx(0x%llx + %u * %u)のエントリは 0x%llx"
							"(s で次の段)"),
				   level_name(st->level), st->index, (unsigned long long)st->entry_pa,
				   (unsigned long long)st->table, st->index, s->u.walk.setup.arch->entry_size,
				   (unsigned long long)st->entry);
		return;
	}
	if (wk->status == WALK_OK)
		app_status(app, ROLE_GOOD, TR(app, "Result: frame 0x%llx + offset 0x%llx = 0x%llx. (s: again)",
					      "結果: フレーム 0x%llx + オフセット 0x%llx = 0x%llx(s でもう一度)"),
			   (unsigned long long)wk->frame, (unsigned long long)(wk->phys - wk->frame),
			   (unsigned long long)wk->phys);
	else {
		char why[200];
		replay_walk_reason(wk, app->lang, why, sizeof why);
		if (wk->esr)    /* arm64: the abort's syndrome, not an error code */
			app_status(app, ROLE_ERROR, TR(app, "Abort, ESR 0x%08x: %s (s: again)",
						       "アボート、ESR 0x%08x: %s(s でもう一度)"),
				   wk->esr, why);
		else
			app_status(app, ROLE_ERROR, TR(app, "#PF, error code 0x%x: %s. (s: again)",
						       "#PF、エラーコード 0x%x: %s(s でもう一度)"),
				   wk->error_code, why);
	}
}

/* Past the last step: the summary, and the next lesson found by number
 * ("03-..." -> "04"). */
static void end_lesson(struct app *app)
{
	struct lesson_state *ls = app->ls;
	const char *name = ls->lesson->name;
	size_t k = strspn(name, "0123456789");
	char want[32];
	struct diag d;

	screen_lesson_anim_finish(app);
	ls->ended = true;
	ls->scroll = 0;
	ls->next_path[0] = ls->next_title[0] = '\0';
	if (k > 0 && k < 10) {
		unsigned long n = strtoul(name, NULL, 10) + 1;
		snprintf(want, sizeof want, "%0*lu-", (int)k, n);
		if (catalog_lesson_find(want, ls->next_path, sizeof ls->next_path, &d) == 0) {
			struct lesson *nl = lesson_load(ls->next_path, &d);
			if (nl) {
				snprintf(ls->next_title, sizeof ls->next_title, "%s",
					 text_get(&nl->title, app->lang));
				lesson_free(nl);
			} else {
				ls->next_path[0] = '\0';
			}
		} else {
			ls->next_path[0] = '\0';
		}
	}
	ls->prog.done = true;
	screen_lesson_save_progress(app);
}

/* r on a quiz: the same question with a fresh address; the first
 * attempt's result stays counted (progress_quiz_retry). */
static void retry_quiz(struct app *app)
{
	struct progress_quiz *r = screen_lesson_quiz_record(app);

	if (!r) {
		app_status(app, ROLE_ERROR, "%s", TR(app, "Too many quizzes to keep: no retry.",
						      "記録できるクイズの数を超えました。"));
		return;
	}
	progress_quiz_retry(r);
	screen_lesson_enter_step(app, app->ls->step);
	if (screen_lesson_cur_step(app)->u.quiz.fixed_addr)
		app_status(app, ROLE_STATUS, "%s",
			   TR(app, "The question again (the lesson fixes its address); the first result "
			      "stays counted.",
			      "同じ問題をもう一度 (アドレスはレッスンで固定)。最初の結果は記録に残ります。"));
	else
		app_status(app, ROLE_STATUS, "%s",
			   TR(app, "A new question with a fresh address; the first result stays counted.",
			      "新しいアドレスでの問題です。最初の結果は記録に残ります。"));
}

/* The first quiz step after `from` (wrapping) not right at the first try,
 * or -1 when every quiz was. */
static long missed_after(const struct app *app, size_t from)
{
	const struct lesson *l = app->ls->lesson;

	for (size_t k = 1; k <= l->nsteps; k++) {
		size_t i = (from + k) % l->nsteps;
		bool first = false;
		if (l->steps[i].kind != STEP_QUIZ)
			continue;
		for (size_t j = 0; j < app->ls->prog.nquiz; j++)
			if (app->ls->prog.quiz[j].step == i + 1)
				first = progress_quiz_first_right(&app->ls->prog.quiz[j]);
		if (!first)
			return (long)i;
	}
	return -1;
}

static enum reaction summary_key(struct app *app, int key)
{
	struct lesson_state *ls = app->ls;
	enum action a = keys_action(screen_lesson_ctx(app), key);
	struct diag d;

	switch (a) {
	case ACT_ANSWER:
	case ACT_NEXT:
		if (ls->next_path[0]) {
			struct lesson *nl = lesson_load(ls->next_path, &d);
			char buf[1200];
			if (!nl) {
				diag_format(&d, buf, sizeof buf);
				app_status(app, ROLE_ERROR, "%s", buf);
				return REACT_REDRAW;
			}
			if (screen_lesson_open(app, nl) < 0)
				app_status(app, ROLE_ERROR, "%s",
					   TR(app, "Out of memory.", "メモリが足りません。"));
		}
		return REACT_REDRAW;
	case ACT_BACK:
		ls->ended = false;
		return REACT_REDRAW;
	case ACT_REVIEW: {
		long i = missed_after(app, ls->lesson->nsteps - 1);
		if (i < 0) {
			app_status(app, ROLE_GOOD, "%s", TR(app, "Nothing to review: every quiz was right at the first try.",
							    "見直す問題はありません。どのクイズも 1 回目で正解でした。"));
			return REACT_REDRAW;
		}
		screen_lesson_enter_step(app, (size_t)i);
		app_status(app, ROLE_STATUS, "%s", TR(app, "A quiz you missed: r asks it again with a fresh address.",
						      "間違えたクイズです。r で新しいアドレスの問題になります。"));
		return REACT_REDRAW;
	}
	case ACT_MENU:
	case ACT_QUIT:
		ls->ended = false;
		return lesson_key(app, key);
	default:
		return REACT_IGNORED;
	}
}

/* A key on a lesson step: one case per action of the key table, kept in one
 * switch (as keys.c keeps one table) so every action's effect is found in
 * one place; longer than 80 lines for that reason. */
static enum reaction lesson_key(struct app *app, int key)
{
	struct lesson_state *ls = app->ls;
	const struct step *s = screen_lesson_cur_step(app);

	if (ls->focus != FOCUS_NONE)
		return screen_lesson_input_key(app, key);
	if (ls->ended)
		return summary_key(app, key);
	switch (keys_action(screen_lesson_ctx(app), key)) {
	case ACT_TYPE:
		/* on an open quiz a digit starts the answer, typed (Enter or i
		 * opens the field empty); elsewhere it means nothing */
		if (s->kind != STEP_QUIZ || !ls->quiz.have || ls->quiz.solved || ls->quiz.revealed)
			return REACT_IGNORED;
		ls->focus = FOCUS_ANSWER;
		ls->input.len = 0;
		return screen_lesson_input_key(app, key);
	case ACT_FINISH:
		screen_lesson_anim_finish(app);
		return REACT_REDRAW;
	case ACT_NEXT:
		if (ls->step + 1 < ls->lesson->nsteps)
			screen_lesson_enter_step(app, ls->step + 1);
		else
			end_lesson(app);
		return REACT_REDRAW;
	case ACT_BACK:
		if (ls->step > 0)
			screen_lesson_enter_step(app, ls->step - 1);
		return REACT_REDRAW;
	case ACT_STEP_LEVEL:
		step_level(app);
		return REACT_REDRAW;
	case ACT_SEARCH:
		ls->focus = FOCUS_SEARCH;
		ls->input.len = 0;
		ls->input.buf[0] = '\0';
		return REACT_REDRAW;
	case ACT_GOTO:
		ls->focus = FOCUS_GOTO;
		ls->input.len = 0;
		ls->input.buf[0] = '\0';
		return REACT_REDRAW;
	case ACT_REPLAY:
		screen_lesson_anim_start(app);
		if (!app->anim.running)
			app_status(app, ROLE_STATUS, "%s", TR(app, "Nothing to animate in this step.",
							      "このステップにアニメーションはありません。"));
		return REACT_REDRAW;
	case ACT_FASTER:
	case ACT_SLOWER:
		app_speed_step(app, keys_action(screen_lesson_ctx(app), key) == ACT_FASTER ? 1 : -1);
		app_status(app, ROLE_STATUS, TR(app, "Animation speed %d/%d.",
						"アニメーション速度 %d/%d。"),
			   app->anim.speed, ANIM_SPEEDS);
		return REACT_REDRAW;
	case ACT_SCROLL_DOWN:
		scroll_by(app, keys_arg(CTX_LESSON, key));
		return REACT_REDRAW;
	case ACT_SCROLL_UP:
		scroll_by(app, -keys_arg(CTX_LESSON, key));
		return REACT_REDRAW;
	case ACT_OPEN_TRACE:
		if (s->kind == STEP_REPLAY)
			open_trace(app);
		else
			app_status(app, ROLE_STATUS, "%s",
				   TR(app, "r opens a recorded fault: this step has none.",
				      "r は記録されたフォルトを開くキーですが、このステップにはありません。"));
		return REACT_REDRAW;
	case ACT_ANSWER:
		if (s->kind == STEP_REPLAY) {
			open_trace(app);
			return REACT_REDRAW;
		}
		if (s->kind == STEP_QUIZ && ls->quiz.have && !ls->quiz.solved && !ls->quiz.revealed)
			ls->focus = FOCUS_ANSWER;
		return REACT_REDRAW;
	case ACT_HINT:
		screen_lesson_show_hint(app);
		return REACT_REDRAW;
	case ACT_RETRY:
		if (ls->quiz.have)
			retry_quiz(app);
		return REACT_REDRAW;
	case ACT_PREDICT:
		screen_lesson_predict_toggle(app);
		return REACT_REDRAW;
	case ACT_MENU:
	case ACT_QUIT:
		screen_lesson_save_progress(app);
		return app_leave(app, keys_action(screen_lesson_ctx(app), key) == ACT_MENU);
	default:
		return REACT_IGNORED;
	}
}

/* "lesson NAME step K", for PAGEWALK_DRAWCHECK reports. */
static void lesson_where(const struct app *app, char *buf, size_t len)
{
	snprintf(buf, len, "lesson %s step %zu", app->ls->lesson ? app->ls->lesson->name : "-",
		 app->ls->step + 1);
}

const struct screen screen_lesson_ops = {
	.draw = screen_lesson_draw,
	.key = lesson_key,
	.tick = lesson_tick,
	.close = lesson_close,
	.resume = lesson_resume,
	.ctx = screen_lesson_ctx,
	.where = lesson_where,
	.source_ready = lesson_source_ready,
	.help_ctx = { CTX_LESSON | CTX_QUIZ | CTX_SUMMARY, CTX_INPUT },
	.help_title = { { "Lesson:", "レッスン:" },
			{ "While typing an answer or a step number:", "答え・ステップ番号の入力中:" } },
};
