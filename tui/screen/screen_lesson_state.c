/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson_state.c - the lesson player's state as every one of its
 * files sees it: the step shown, its animation's frames, entering a step
 * (fields, quiz instance, animation), the saved progress. The bottom of
 * the player's files: it calls none of them. */
#include "screen_lesson_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct step *screen_lesson_cur_step(const struct app *app)
{
	return app->ls ? &app->ls->lesson->steps[app->ls->step] : NULL;
}

/* The arch a step is about (for the title bar and its pictures). */
const struct arch *screen_lesson_step_arch(const struct app *app, const struct step *s)
{
	switch (s->kind) {
	case STEP_SPLIT: return s->u.split.arch;
	case STEP_WALK: return s->u.walk.setup.arch;
	case STEP_FAULT: return s->u.fault.setup.arch;
	case STEP_REPLAY: return s->u.replay.arch;
	case STEP_QUIZ:
		if (app->ls->quiz.have && app->ls->quiz.qi.arch)
			return app->ls->quiz.qi.arch;
		break;
	default:
		break;
	}
	return app->ls->lesson->arch;
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

void screen_lesson_anim_start(struct app *app)
{
	struct anim *an = &app->anim;

	an->frames = step_frames(screen_lesson_cur_step(app));
	an->frame = 0;
	app->ls->stepping = false;
	an->running = an->frames > 0;
	an->next_ms = app_now_ms() + app_speed_ms(an->speed);
}

void screen_lesson_anim_finish(struct app *app)
{
	app->anim.frame = app->anim.frames;
	app->anim.running = false;
	app->ls->stepping = false;
}

/* ---- entering a step, progress ---------------------------------------- */

void screen_lesson_save_progress(struct app *app)
{
	const struct lesson *l = app->ls->lesson;
	struct progress *p = &app->ls->prog;
	struct diag d;

	if (!app->state_dir[0])
		return;
	p->step = (unsigned)app->ls->step + 1;
	p->nsteps = (unsigned)l->nsteps;
	p->done = p->done || app->ls->step + 1 == l->nsteps;
	if (progress_save(app->state_dir, l->name, p, &d) < 0) {
		char buf[1200];
		diag_format(&d, buf, sizeof buf);
		app_status(app, ROLE_ERROR, "%s", buf);
		app->state_dir[0] = '\0';   /* say it once, then stop trying */
	}
}

static void quiz_reset(struct app *app)
{
	struct quiz_state *q = &app->ls->quiz;

	if (q->have)
		quiz_instance_clear(&q->qi);
	memset(q, 0, sizeof *q);
}

/* The saved record of the current quiz step, created when it has none;
 * NULL when the progress is full. */
struct progress_quiz *screen_lesson_quiz_record(struct app *app)
{
	return progress_quiz_of(&app->ls->prog, (unsigned)app->ls->step + 1);
}

void screen_lesson_enter_step(struct app *app, size_t idx)
{
	struct lesson_state *ls = app->ls;
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
	s = screen_lesson_cur_step(app);
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
		const struct progress_quiz *r = screen_lesson_quiz_record(app);
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
	screen_lesson_anim_start(app);
	screen_lesson_save_progress(app);
}

/* Key-binding context now: CTX_INPUT in a field; else CTX_LESSON, with
 * CTX_QUIZ on a quiz step and CTX_SUMMARY past the last step; a lesson
 * gives hints (CTX_HINT). */
unsigned screen_lesson_ctx(const struct app *app)
{
	if (app->ls->focus != FOCUS_NONE)
		return CTX_INPUT | CTX_HINT;
	if (app->ls->ended)
		return CTX_LESSON | CTX_SUMMARY | CTX_HINT;
	return (screen_lesson_cur_step(app)->kind == STEP_QUIZ ? CTX_LESSON | CTX_QUIZ : CTX_LESSON) |
	       CTX_HINT;
}

void screen_lesson_state_free(struct app *app)
{
	if (!app->ls)
		return;
	quiz_reset(app);
	lesson_free(app->ls->lesson);
	free(app->ls);
	app->ls = NULL;
}
