/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson_input.c - the lesson's typed fields: a quiz answer (graded by the
 * engine, its tries, hints and result kept in the progress file), a step
 * number to go to, and words to find in the steps.
 */
#include "screen_lesson_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void quiz_note(struct app *app);

void screen_lesson_show_hint(struct app *app)
{
	const struct step *s = screen_lesson_cur_step(app);
	struct quiz_state *q = &app->ls->quiz;

	if (s->kind != STEP_QUIZ || !q->have)
		return;
	if ((size_t)q->hints < s->u.quiz.nhints) {
		q->hints++;
		quiz_note(app);
	} else
		app_status(app, ROLE_STATUS, "%s",
			   s->u.quiz.nhints ? TR(app, "No more hints.", "ヒントはこれで全部です。")
					    : TR(app, "This quiz has no hints.", "このクイズにヒントはありません。"));
}

/* Keep the current quiz's tries, hints and result in the progress file. */
static void quiz_note(struct app *app)
{
	const struct quiz_state *q = &app->ls->quiz;
	struct progress_quiz *r = screen_lesson_quiz_record(app);

	if (!r)
		return;
	r->tries = (unsigned)q->tries;
	r->hints = (unsigned)q->hints;
	/* the first attempt's outcome is kept for the score (progress.h) */
	progress_quiz_end(r, q->solved ? QUIZ_RIGHT : q->revealed ? QUIZ_SHOWN : QUIZ_OPEN);
	screen_lesson_save_progress(app);
}

/* Does hay contain needle, ASCII letters compared without case? */
static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && (hay[i] == needle[i] ||
		       ((unsigned char)hay[i] < 0x80 && (hay[i] | 0x20) == (needle[i] | 0x20) &&
			((hay[i] | 0x20) >= 'a' && (hay[i] | 0x20) <= 'z'))))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* / Enter: the next step after this one (wrapping round) whose heading,
 * text or question holds the words typed (or the last ones, when none). */
static void search_lesson(struct app *app)
{
	struct lesson_state *ls = app->ls;
	const struct lesson *l = ls->lesson;

	if (ls->input.len)
		snprintf(ls->last_search, sizeof ls->last_search, "%s", ls->input.buf);
	ls->input.len = 0;
	ls->input.buf[0] = '\0';
	if (!ls->last_search[0])
		return;
	for (size_t k = 1; k <= l->nsteps; k++) {
		size_t i = (ls->step + k) % l->nsteps;
		const struct step *s = &l->steps[i];
		if (contains_nocase(text_get(&s->heading, app->lang), ls->last_search) ||
		    contains_nocase(text_get(&s->body, app->lang), ls->last_search) ||
		    (s->kind == STEP_QUIZ && contains_nocase(text_get(&s->u.quiz.question, app->lang),
							      ls->last_search))) {
			screen_lesson_enter_step(app, i);
			app_status(app, ROLE_STATUS, TR(app, "\"%s\" in step %zu of %zu (/ Enter: the next one).",
							"「%s」: ステップ %zu / %zu(/ Enter で次)。"),
				   ls->last_search, i + 1, l->nsteps);
			return;
		}
	}
	app_status(app, ROLE_ERROR, TR(app, "No step mentions \"%s\".", "「%s」を含むステップはありません。"),
		   ls->last_search);
}

static void submit(struct app *app)
{
	struct lesson_state *ls = app->ls;
	struct quiz_state *q = &ls->quiz;

	if (ls->focus == FOCUS_SEARCH) {
		ls->focus = FOCUS_NONE;
		search_lesson(app);
		return;
	}
	if (ls->focus == FOCUS_PREDICT) {
		screen_lesson_predict_submit(app);
		return;
	}
	if (ls->focus == FOCUS_GOTO) {
		char *end;
		unsigned long n = strtoul(ls->input.buf, &end, 10);
		ls->focus = FOCUS_NONE;
		if (ls->input.len == 0 || *end || n < 1 || n > ls->lesson->nsteps) {
			app_status(app, ROLE_ERROR, TR(app, "No step \"%s\": the steps are 1-%zu.",
						       "ステップ「%s」はありません: 1-%zu です。"),
				   ls->input.buf, ls->lesson->nsteps);
			ls->input.len = 0;
			ls->input.buf[0] = '\0';
			return;
		}
		screen_lesson_enter_step(app, n - 1);
		return;
	}
	if (!q->have || ls->input.len == 0)
		return;
	if (q->solved || q->revealed)
		return;
	quiz_grade(&q->qi, ls->input.buf, &q->grade);
	q->graded = true;
	if (q->grade.result == GRADE_RIGHT) {
		q->solved = true;
		ls->focus = FOCUS_NONE;
	} else if (q->grade.result == GRADE_WRONG) {
		q->tries++;
		if (q->tries >= QUIZ_REVEAL_AFTER) {
			q->revealed = true;
			ls->focus = FOCUS_NONE;
		}
	}
	/* GRADE_UNPARSED and GRADE_OTHER_BASE use no try. Enter leaves the
	 * field either way: n, p and the other keys act on the lesson again,
	 * and a digit or Enter starts the next answer afresh. */
	ls->focus = FOCUS_NONE;
	ls->input.len = 0;
	ls->input.buf[0] = '\0';
	quiz_note(app);
}

enum reaction screen_lesson_input_key(struct app *app, int key)
{
	struct lesson_state *ls = app->ls;
	enum action a = keys_action(CTX_INPUT, key);

	switch (a) {
	case ACT_SUBMIT:
		submit(app);
		break;
	case ACT_HINT:
		if (ls->focus == FOCUS_ANSWER)
			screen_lesson_show_hint(app);
		break;
	case ACT_ERASE:
		if (ls->input.len)
			ls->input.buf[--ls->input.len] = '\0';
		break;
	case ACT_LEAVE:
		if (ls->focus == FOCUS_PREDICT) {
			screen_lesson_predict_skip(app);
			break;
		}
		ls->focus = FOCUS_NONE;
		if (screen_lesson_cur_step(app)->kind != STEP_QUIZ || ls->quiz.solved) {
			ls->input.len = 0;
			ls->input.buf[0] = '\0';
		}
		break;
	default:
		/* a search takes any text (UTF-8 arrives a byte at a time) */
		if (((key >= 0x20 && key < 0x7f) || (ls->focus == FOCUS_SEARCH && key >= 0x80 &&
						       key < 0x100)) &&
		    ls->input.len + 1 < sizeof ls->input.buf &&
		    (ls->focus != FOCUS_GOTO || (key >= '0' && key <= '9'))) {
			ls->input.buf[ls->input.len++] = (char)key;
			ls->input.buf[ls->input.len] = '\0';
		}
		break;
	}
	return REACT_REDRAW;
}
