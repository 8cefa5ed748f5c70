/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson.c - the lesson player: one step at a time, walks animated
 * level by level, quizzes typed and graded by the engine. This file holds
 * its state (the step shown, the animation, the progress file, the end of
 * the lesson) and the keys on a step; drawing and typing are in the files
 * screen_lesson_int.h lists.
 *
 *   title bar: lesson title, step k/N, arch, animation speed
 *   top:       the step's picture (address bar, walk diagram, fault, ...)
 *   heading + narrative (scrollable), quiz field; code pane below or beside
 *   status line, key hints
 */
#include "screen_lesson_int.h"
#include "catalog/catalog.h"
#include "screen/screen_replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct step *lesson_cur_step(const struct app *app)
{
	const struct lesson *l = app->ls.lesson;

	return l ? &l->steps[app->ls.step] : NULL;
}

/* The arch a step is about (for the title bar and its pictures). */
const struct arch *lesson_step_arch(const struct app *app, const struct step *s)
{
	switch (s->kind) {
	case STEP_SPLIT: return s->u.split.arch;
	case STEP_WALK: return s->u.walk.setup.arch;
	case STEP_FAULT: return s->u.fault.setup.arch;
	case STEP_REPLAY: return s->u.replay.arch;
	case STEP_QUIZ:
		if (app->ls.quiz.have && app->ls.quiz.qi.arch)
			return app->ls.quiz.qi.arch;
		break;
	default:
		break;
	}
	return app->ls.lesson->arch;
}

/* ---- animation -------------------------------------------------------- */

static int split_fields(const struct arch *a)
{
	int n = 1;

	for (int lv = 0; lv < LEVEL_COUNT; lv++)
		n += !a->level[lv].folded;
	return n;
}

/* Frames of a fault step: the first walk (nsteps + result), the route,
 * then, when vmalloc_sync_one ran, the sync and either the retried walk
 * or (vmalloc_fault failed) the oops line. */
static int fault_frames(const struct step_fault *f)
{
	int n = f->before.nsteps + 1;

	if (!f->faulted)
		return n;
	n++;
	if (f->synced)
		n += 1 + (f->retried ? f->after.nsteps + 1 : 1);
	return n;
}

static int step_frames(const struct step *s)
{
	switch (s->kind) {
	case STEP_SPLIT: return split_fields(s->u.split.arch) + 1;
	case STEP_WALK: return s->u.walk.walk.nsteps + 1;
	case STEP_FAULT: return fault_frames(&s->u.fault);
	default: return 0;
	}
}

static void anim_start(struct app *app)
{
	struct anim *an = &app->anim;

	an->frames = step_frames(lesson_cur_step(app));
	an->frame = 0;
	app->ls.stepping = false;
	an->running = an->frames > 0;
	an->next_ms = app_now_ms() + app_speed_ms(an->speed);
}

static void anim_finish(struct app *app)
{
	app->anim.frame = app->anim.frames;
	app->anim.running = false;
	app->ls.stepping = false;
}

static enum reaction lesson_tick(struct app *app)
{
	struct anim *an = &app->anim;
	int64_t now = app_now_ms();

	if (!an->running)
		return REACT_IGNORED;
	if (lesson_predict_gate(app, an->frame + 1))
		return REACT_REDRAW;     /* stopped for the learner's guess */
	an->frame++;
	if (an->frame >= an->frames) {
		anim_finish(app);
	} else {
		an->next_ms += app_speed_ms(an->speed);
		if (an->next_ms < now)
			an->next_ms = now + app_speed_ms(an->speed);
	}
	return REACT_REDRAW;
}

/* ---- entering a step, progress ---------------------------------------- */

void lesson_save_progress(struct app *app)
{
	const struct lesson *l = app->ls.lesson;
	struct progress *p = &app->ls.prog;
	struct diag d;

	if (!app->state_dir[0])
		return;
	p->step = (unsigned)app->ls.step + 1;
	p->nsteps = (unsigned)l->nsteps;
	p->done = p->done || app->ls.step + 1 == l->nsteps;
	if (progress_save(app->state_dir, l->name, p, &d) < 0) {
		char buf[1200];
		diag_format(&d, buf, sizeof buf);
		app_status(app, ROLE_ERROR, "%s", buf);
		app->state_dir[0] = '\0';   /* say it once, then stop trying */
	}
}

static void quiz_reset(struct app *app)
{
	struct quiz_state *q = &app->ls.quiz;

	if (q->have)
		quiz_instance_clear(&q->qi);
	memset(q, 0, sizeof *q);
}

/* The saved record of the current quiz step, created when it has none;
 * NULL when the progress is full. */
struct progress_quiz *lesson_quiz_record(struct app *app)
{
	return progress_quiz_of(&app->ls.prog, (unsigned)app->ls.step + 1);
}

void lesson_enter_step(struct app *app, size_t idx)
{
	struct lesson_state *ls = &app->ls;
	const struct step *s;

	quiz_reset(app);
	ls->ended = false;
	ls->step = idx;
	ls->predict.at = -1;
	ls->predict.graded = false;
	ls->scroll = 0;
	ls->focus = FOCUS_NONE;
	ls->input.len = 0;
	ls->input.buf[0] = '\0';
	ls->have_fields = false;
	s = lesson_cur_step(app);
	if (s->kind == STEP_SPLIT) {
		ls->fields = s->u.split.fields;
		ls->have_fields = true;
	} else if (s->kind == STEP_WALK) {
		ls->have_fields = addr_split(s->u.walk.setup.arch, s->u.walk.addr,
					     &ls->fields, NULL) == 0;
	} else if (s->kind == STEP_FAULT) {
		ls->have_fields = addr_split(s->u.fault.setup.arch, s->u.fault.addr,
					     &ls->fields, NULL) == 0;
	} else if (s->kind == STEP_REPLAY) {
		ls->have_fields = addr_split(s->u.replay.arch, s->u.replay.cr2, &ls->fields,
					     NULL) == 0;
	} else if (s->kind == STEP_QUIZ) {
		struct diag d;
		const struct progress_quiz *r = lesson_quiz_record(app);
		/* each retry (r) asks with another seed: a fresh address */
		uint64_t seed = ls->seed + idx + (r ? (uint64_t)r->attempt * 1000003u : 0);
		if (quiz_instance(s, seed, &ls->quiz.qi, &d) == 0) {
			/* tries, hints and the result stay with the quiz across
			 * visits and runs; typing starts with a digit or Enter */
			ls->quiz.have = true;
			if (r) {
				ls->quiz.tries = (int)r->tries;
				ls->quiz.hints = (int)r->hints;
				ls->quiz.solved = r->result == QUIZ_RIGHT;
				ls->quiz.revealed = r->result == QUIZ_SHOWN;
			}
		} else {
			diag_format(&d, ls->quiz.error, sizeof ls->quiz.error);
		}
	}
	anim_start(app);
	lesson_save_progress(app);
}

void lesson_open(struct app *app, struct lesson *l)
{
	struct progress p;
	struct diag d;
	const char *seed = getenv("PAGEWALK_SEED");
	size_t start = 0;

	app_switch(app, SCREEN_LESSON);
	/* Linux's lines from the installed linux-source-6.1 (or, per excerpt,
	 * why not and how to get them): drawn by draw_code_pane; the first
	 * time, extracted in the background while the lesson runs */
	if (lesson_excerpts_resolve_cached(l, &d) == 2)
		app_source_fetch(app, l);
	app->ls.lesson = l;
	app->ls.seed = seed && *seed ? strtoull(seed, NULL, 0) : (uint64_t)app_now_ms();
	if (app->state_dir[0]) {
		enum progress_status st = progress_load(app->state_dir, l->name, &p, &d);
		if (st == PROGRESS_OK && p.nsteps == l->nsteps) {
			/* the same lesson: its quizzes and their questions too */
			app->ls.prog = p;
			if (p.have_seed && !(seed && *seed))
				app->ls.seed = p.seed;
		} else if (st == PROGRESS_OK) {
			app->ls.prog.done = p.done;
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
	app->ls.prog.have_seed = true;
	app->ls.prog.seed = app->ls.seed;
	lesson_enter_step(app, start);
}

void lesson_source_ready(struct app *app)
{
	struct diag d;

	if (app->ls.lesson && lesson_excerpts_resolve_cached(app->ls.lesson, &d) == 2 &&
	    !app->src_err[0])
		app_source_fetch(app, app->ls.lesson);   /* a file the catalog's lessons do not name */
}

static void lesson_close(struct app *app)
{
	quiz_reset(app);
	lesson_free(app->ls.lesson);
	memset(&app->ls, 0, sizeof app->ls);
	app->anim.running = false;
}

/* Key-binding context now: CTX_LESSON, or CTX_INPUT in a field. */
unsigned lesson_ctx(const struct app *app)
{
	if (app->ls.focus != FOCUS_NONE)
		return CTX_INPUT;
	if (app->ls.ended)
		return CTX_LESSON | CTX_SUMMARY;
	return lesson_cur_step(app)->kind == STEP_QUIZ ? CTX_LESSON | CTX_QUIZ : CTX_LESSON;
}

/* ---- keys ------------------------------------------------------------- */

static void scroll_by(struct app *app, int d)
{
	struct layout lo;
	int max;

	lesson_layout_of(app, &lo);
	max = lesson_narrative_lines(app, lo.text.w) - lo.text.h;
	app->ls.scroll += d;
	if (app->ls.scroll > max)
		app->ls.scroll = max;
	if (app->ls.scroll < 0)
		app->ls.scroll = 0;
}

/* Open the replay step's trace in the replayer at its event. The lesson
 * stays loaded underneath (app->ls); leaving the replayer resumes it. */
static void open_trace(struct app *app)
{
	const struct step_replay *rp = &lesson_cur_step(app)->u.replay;
	struct diag d;
	struct trace *t = trace_load(rp->trace_path, &d);
	char buf[1200];

	if (!t) {
		diag_format(&d, buf, sizeof buf);
		app_status(app, ROLE_ERROR, "%s", buf);
		return;
	}
	/* the replayer opens over this screen: the lesson stays loaded */
	if (replay_open_trace(app, t, rp->trace_path) < 0) {
		app_status(app, ROLE_ERROR, "%s", TR(app, "Out of memory.", "メモリが足りません。"));
		return;
	}
	if (replay_goto_event(app, rp->event) < 0) {
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
	anim_finish(app);
}

static enum reaction lesson_key(struct app *app, int key);

/* s: the walk one level per press (the timer stops), saying at each level
 * which entry is read, where, and what it holds; a folded level reads the
 * same entry again. */
static void step_level(struct app *app)
{
	const struct step *s = lesson_cur_step(app);
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
	app->ls.stepping = true;
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
		app_status(app, ROLE_ERROR, TR(app, "#PF, error code 0x%x: %s. (s: again)",
					       "#PF、エラーコード 0x%x: %s(s でもう一度)"), wk->error_code, why);
	}
}

/* Past the last step: the summary, and the next lesson found by number
 * ("03-..." -> "04"). */
static void end_lesson(struct app *app)
{
	struct lesson_state *ls = &app->ls;
	const char *name = ls->lesson->name;
	size_t k = strspn(name, "0123456789");
	char want[32];
	struct diag d;

	anim_finish(app);
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
	lesson_save_progress(app);
}

/* r on a quiz: the same question with a fresh address; the first
 * attempt's result stays counted (progress_quiz_retry). */
static void retry_quiz(struct app *app)
{
	struct progress_quiz *r = lesson_quiz_record(app);

	if (!r) {
		app_status(app, ROLE_ERROR, "%s", TR(app, "Too many quizzes to keep: no retry.",
						      "記録できるクイズの数を超えました。"));
		return;
	}
	progress_quiz_retry(r);
	lesson_enter_step(app, app->ls.step);
	if (lesson_cur_step(app)->u.quiz.fixed_addr)
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
	const struct lesson *l = app->ls.lesson;

	for (size_t k = 1; k <= l->nsteps; k++) {
		size_t i = (from + k) % l->nsteps;
		bool first = false;
		if (l->steps[i].kind != STEP_QUIZ)
			continue;
		for (size_t j = 0; j < app->ls.prog.nquiz; j++)
			if (app->ls.prog.quiz[j].step == i + 1)
				first = progress_quiz_first_right(&app->ls.prog.quiz[j]);
		if (!first)
			return (long)i;
	}
	return -1;
}

static enum reaction summary_key(struct app *app, int key)
{
	struct lesson_state *ls = &app->ls;
	enum action a = keys_action(lesson_ctx(app), key);
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
			lesson_open(app, nl);
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
		lesson_enter_step(app, (size_t)i);
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
	struct lesson_state *ls = &app->ls;
	const struct step *s = lesson_cur_step(app);

	if (ls->focus != FOCUS_NONE)
		return lesson_input_key(app, key);
	if (ls->ended)
		return summary_key(app, key);
	/* on an open quiz a digit starts the answer (Enter or i opens the
	 * field empty); every other key keeps its meaning */
	if (s->kind == STEP_QUIZ && ls->quiz.have && !ls->quiz.solved && !ls->quiz.revealed &&
	    key >= '0' && key <= '9') {
		ls->focus = FOCUS_ANSWER;
		ls->input.len = 0;
		ls->input.buf[ls->input.len++] = (char)key;
		ls->input.buf[ls->input.len] = '\0';
		return REACT_REDRAW;
	}
	switch (keys_action(lesson_ctx(app), key)) {
	case ACT_FINISH:
		anim_finish(app);
		return REACT_REDRAW;
	case ACT_NEXT:
		if (ls->step + 1 < ls->lesson->nsteps)
			lesson_enter_step(app, ls->step + 1);
		else
			end_lesson(app);
		return REACT_REDRAW;
	case ACT_BACK:
		if (ls->step > 0)
			lesson_enter_step(app, ls->step - 1);
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
		anim_start(app);
		if (!app->anim.running)
			app_status(app, ROLE_STATUS, "%s", TR(app, "Nothing to animate in this step.",
							      "このステップにアニメーションはありません。"));
		return REACT_REDRAW;
	case ACT_FASTER:
	case ACT_SLOWER:
		app->anim.speed += keys_action(lesson_ctx(app), key) == ACT_FASTER ? 1 : -1;
		if (app->anim.speed < 1)
			app->anim.speed = 1;
		if (app->anim.speed > ANIM_SPEEDS)
			app->anim.speed = ANIM_SPEEDS;
		app_status(app, ROLE_STATUS, TR(app, "Animation speed %d/%d.",
						"アニメーション速度 %d/%d。"),
			   app->anim.speed, ANIM_SPEEDS);
		return REACT_REDRAW;
	case ACT_SCROLL_DOWN:
		scroll_by(app, key == KEY_NPAGE ? 5 : 1);
		return REACT_REDRAW;
	case ACT_SCROLL_UP:
		scroll_by(app, key == KEY_PPAGE ? -5 : -1);
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
		lesson_show_hint(app);
		return REACT_REDRAW;
	case ACT_RETRY:
		if (ls->quiz.have)
			retry_quiz(app);
		return REACT_REDRAW;
	case ACT_PREDICT:
		lesson_predict_toggle(app);
		return REACT_REDRAW;
	case ACT_MENU:
	case ACT_QUIT:
		lesson_save_progress(app);
		return app_leave(app, keys_action(lesson_ctx(app), key) == ACT_MENU);
	default:
		return REACT_IGNORED;
	}
}

const struct screen screen_lesson = {
	.draw = lesson_draw,
	.key = lesson_key,
	.tick = lesson_tick,
	.close = lesson_close,
	.resume = lesson_resume,
	.ctx = lesson_ctx,
	.help_ctx = { CTX_LESSON | CTX_QUIZ | CTX_SUMMARY, CTX_INPUT },
	.help_title = { { "Lesson:", "レッスン:" },
			{ "While typing an answer or a step number:", "答え・ステップ番号の入力中:" } },
};
