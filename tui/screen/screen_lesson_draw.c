/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson_draw.c - the lesson screen as a whole: the title bar, the heading
 * and narrative, the code pane, the status line, the key hint bars, and the
 * summary at the end of the lesson. The step's picture and the quiz block
 * come from screen_lesson_draw_step.c and screen_lesson_draw_quiz.c. Draws only.
 */
#include "screen_lesson_int.h"
#include "screen/keybar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void draw_title(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct lesson *l = app->ls->lesson;
	attr_t at = theme_attr(th, ROLE_TITLE);
	char right[160];
	int rw;

	const char *title = text_get(&l->title, app->lang);
	int tw = draw_text_width(title, th);

	draw_clear(w, (struct rect){ 0, 0, 1, COLS }, at);
	/* the title comes first: the speed, then the arch make room for it */
	for (int form = 0; form < 3; form++) {
		if (form == 0)
			snprintf(right, sizeof right, TR(app, "step %zu/%zu  %s  speed %d/%d ",
							 "ステップ %zu/%zu  %s  速度 %d/%d "),
				 app->ls->step + 1, l->nsteps, screen_lesson_step_arch(app, screen_lesson_cur_step(app))->name,
				 app->anim.speed, ANIM_SPEEDS);
		else if (form == 1)
			snprintf(right, sizeof right, TR(app, "step %zu/%zu  %s ", "ステップ %zu/%zu  %s "),
				 app->ls->step + 1, l->nsteps, screen_lesson_step_arch(app, screen_lesson_cur_step(app))->name);
		else
			snprintf(right, sizeof right, TR(app, "step %zu/%zu ", "ステップ %zu/%zu "),
				 app->ls->step + 1, l->nsteps);
		rw = draw_text_width(right, th);
		if (tw <= COLS - rw - 3)
			break;
	}
	draw_str(w, 0, 1, COLS - rw - 3, title, at, th);
	draw_str(w, 0, COLS - rw, rw, right, at, th);
}

static bool code_hl(const void *ctx, unsigned line)
{
	return code_view_highlighted(ctx, line);
}

static void draw_code_pane(const struct app *app, WINDOW *w, struct rect r)
{
	const struct code_view *cv = &screen_lesson_cur_step(app)->code;
	char title[300], note[200] = "";
	struct code_lines cl;

	if (r.h <= 0 || !cv->ex)
		return;
	if (!strcmp(cv->ex->version, "guest"))
		snprintf(title, sizeof title, TR(app, "%s lines %u-%u (our guest kernel's own code)",
						 "%s %u-%u 行目（ゲストカーネル自身のコード）"),
			 cv->ex->file, cv->ex->first_line, cv->ex->last_line);
	else
		snprintf(title, sizeof title, TR(app, "%s lines %ld-%ld (Linux %s, %s)",
						 "%s %ld-%ld 行目（Linux %s、%s）"),
			 cv->ex->file, (long)cv->ex->first_line + cv->ex->shift,
			 (long)cv->ex->last_line + cv->ex->shift, cv->ex->version, cv->ex->symbol);
	/* read from another upload where the lines moved (lesson_excerpt.c) */
	if (cv->ex->moved_in[0])
		snprintf(note, sizeof note, TR(app, "lines moved in %s: now %ld-%ld (the lesson: %u-%u)",
					       "%s で行が移動: 現在 %ld-%ld 行目（レッスンでは %u-%u）"),
			 cv->ex->moved_in, (long)cv->ex->first_line + cv->ex->shift,
			 (long)cv->ex->last_line + cv->ex->shift, cv->ex->first_line, cv->ex->last_line);
	cl = (struct code_lines){ .title = title, .note = note[0] ? note : NULL, .lines = cv->ex->lines,
				  .nlines = cv->ex->nlines, .first_line = cv->ex->first_line,
				  .number_shift = cv->ex->shift, .highlighted = code_hl, .ctx = cv,
				  .message = cv->ex->lines ? NULL : cv->ex->missing
					     ? cv->ex->missing : app_source_note(app) };
	draw_code(w, r, &cl, draw_code_top(&cl, r.h), &app->theme);
}

/* The key hint bars: typing an answer, typing a step number, a replay
 * step, any other step. Keys and words come from the key table. */
static const struct bar_item answer_bar[] = {
	{ { ACT_SUBMIT }, { '\n' }, { NULL } },
	{ { ACT_HINT }, { '\t' }, { NULL } },
	{ { ACT_LEAVE }, { '\033' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
};
static const struct bar_item search_bar[] = {
	{ { ACT_SUBMIT }, { '\n' }, { "find", "検索" } },
	{ { ACT_LEAVE }, { '\033' }, { "cancel", "取り消し" } },
};
static const struct bar_item goto_bar[] = {
	{ { ACT_SUBMIT }, { '\n' }, { "go", "移動" } },
	{ { ACT_LEAVE }, { '\033' }, { "cancel", "取り消し" } },
};
static const struct bar_item replay_step_bar[] = {
	{ { ACT_OPEN_TRACE, ACT_ANSWER }, { 'r', '\n' }, { NULL } },
	{ { ACT_NEXT }, { 'n' }, { NULL } },
	{ { ACT_BACK }, { 'p' }, { NULL } },
	{ { ACT_GOTO }, { 'g' }, { NULL } },
	{ { ACT_SCROLL_DOWN, ACT_SCROLL_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
static const struct bar_item step_bar[] = {
	{ { ACT_NEXT }, { 'n' }, { NULL } },
	{ { ACT_BACK }, { 'p' }, { NULL } },
	{ { ACT_GOTO }, { 'g' }, { NULL } },
	{ { ACT_REPLAY }, { 'a' }, { NULL } },
	{ { ACT_STEP_LEVEL }, { 's' }, { NULL } },
	{ { ACT_FINISH }, { '.' }, { NULL } },
	{ { ACT_FASTER, ACT_SLOWER }, { '+', '-' }, { NULL } },
	{ { ACT_SCROLL_DOWN, ACT_SCROLL_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
static const struct bar_item summary_bar[] = {
	{ { ACT_ANSWER }, { '\n' }, { NULL } },
	{ { ACT_BACK }, { 'p' }, { NULL } },
	{ { ACT_MENU }, { 'm' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
#define BAR(b) b, sizeof b / sizeof b[0]

static void draw_hints(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	unsigned ctx = screen_lesson_ctx(app);

	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	if (app->ls->focus == FOCUS_ANSWER)
		keybar_draw(w, LINES - 1, COLS, ctx, TR(app, "type the answer", "答えを入力"),
			    BAR(answer_bar), app->lang, th);
	else if (app->ls->focus == FOCUS_GOTO)
		keybar_draw(w, LINES - 1, COLS, ctx, TR(app, "type a step number", "ステップ番号を入力"),
			    BAR(goto_bar), app->lang, th);
	else if (app->ls->focus == FOCUS_SEARCH)
		keybar_draw(w, LINES - 1, COLS, ctx, TR(app, "type words to find", "探す言葉を入力"),
			    BAR(search_bar), app->lang, th);
	else if (screen_lesson_cur_step(app)->kind == STEP_REPLAY)
		keybar_draw(w, LINES - 1, COLS, ctx, NULL, BAR(replay_step_bar), app->lang, th);
	else
		keybar_draw(w, LINES - 1, COLS, ctx, NULL, BAR(step_bar), app->lang, th);
}

static void draw_status(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;

	if (app->ls->focus == FOCUS_GOTO) {
		draw_fmt(w, LINES - 2, 1, COLS - 2, A_BOLD, th,
			 TR(app, "Go to step (1-%zu): %s_", "移動先のステップ (1-%zu): %s_"),
			 app->ls->lesson->nsteps, app->ls->input.buf);
	} else if (app->ls->focus == FOCUS_SEARCH) {
		draw_fmt(w, LINES - 2, 1, COLS - 2, A_BOLD, th, "/%s_", app->ls->input.buf);
	} else {
		app_draw_status(app, w);
	}
}

/* The end of the lesson: how the quizzes went, what it covered, the next
 * lesson. A malloc'd paragraph text; NULL when out of memory. */
static char *summary_text(const struct app *app)
{
	const struct lesson_state *ls = app->ls;
	const struct lesson *l = ls->lesson;
	unsigned nq = 0, first = 0, tries = 0, shown = 0, open = 0;
	size_t len = 4096, k = 0;
	char *out;

	for (size_t i = 0; i < l->nsteps; i++) {
		const struct progress_quiz *r = NULL;
		if (l->steps[i].kind != STEP_QUIZ)
			continue;
		nq++;
		for (size_t j = 0; j < ls->prog.nquiz; j++)
			if (ls->prog.quiz[j].step == i + 1)
				r = &ls->prog.quiz[j];
		if (!r || r->result == QUIZ_OPEN) {
			open++;
			if (r)
				tries += r->tries;
			continue;
		}
		tries += r->tries + (r->result == QUIZ_RIGHT);
		first += r->result == QUIZ_RIGHT && r->tries == 0;
		shown += r->result == QUIZ_SHOWN;
	}
	for (size_t i = 0; i < l->nsteps; i++)
		len += strlen(text_get(&l->steps[i].heading, app->lang)) + 8;
	out = malloc(len);
	if (!out)
		return NULL;
#define ADD(...) (k += (size_t)snprintf(out + k, k < len ? len - k : 0, __VA_ARGS__))
	ADD(TR(app, "You reached the end of \"%s\".\n\n", "「%s」の終わりまで来ました。\n\n"),
	    text_get(&l->title, app->lang));
	if (nq)
		ADD(TR(app, "Quizzes: %u. Right at the first try: %u. Tries used: %u. Answers shown: %u. "
		       "Not answered: %u.\n\n",
		       "クイズ: %u 問。1 回目で正解: %u。使った回数: %u。答えを表示: %u。未回答: %u。\n\n"),
		    nq, first, tries, shown, open);
	ADD("%s%s", TR(app, "What it covered: ", "扱った内容: "), text_get(&l->summary, app->lang));
	for (size_t i = 0; i < l->nsteps; i++) {
		const char *h = text_get(&l->steps[i].heading, app->lang);
		if (*h)
			ADD("%s%s", TR(app, "; ", "、"), h);
	}
	ADD("%s", TR(app, ".\n\n", "。\n\n"));
	if (ls->next_path[0])
		ADD(TR(app, "Next: \"%s\". Enter or n opens it; p goes back to the last step, "
		       "m to the menu, q quits.",
		       "次は「%s」です。Enter か n で開きます。p で最後のステップへ戻り、m でメニュー、q で終了。"),
		    ls->next_title);
	else
		ADD("%s", TR(app, "This was the last lesson. p goes back to the last step, m to the menu, q quits.",
			     "これが最後のレッスンです。p で最後のステップへ戻り、m でメニュー、q で終了。"));
#undef ADD
	return out;
}

static void draw_summary(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	char *text = summary_text(app);
	struct rect r = { 2, 1, LINES - 5, COLS - 2 };

	draw_str(w, 1, 1, COLS - 2, TR(app, "End of the lesson", "レッスンの終わり"),
		 theme_attr(th, ROLE_HEADING), th);
	if (text)
		draw_text_scroll(w, r, text, app->ls->scroll, A_NORMAL, th);
	free(text);
	app_draw_status(app, w);
	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	keybar_draw(w, LINES - 1, COLS, CTX_LESSON, NULL, BAR(summary_bar), app->lang, th);
}

void screen_lesson_draw(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct step *s = screen_lesson_cur_step(app);
	struct layout lo;
	char *text;
	const char *heading = text_get(&s->heading, app->lang);
	int total = 0;

	if (app->ls->ended) {
		draw_title(app, w);
		draw_summary(app, w);
		return;
	}
	screen_lesson_layout_of(app, &lo);
	draw_title(app, w);
	screen_lesson_draw_top(app, w, lo.top);
	text = screen_lesson_narrative(app);
	if (text)
		total = draw_text_scroll(w, lo.text, text, app->ls->scroll, A_NORMAL, th);
	free(text);
	if (!*heading)
		heading = s->kind == STEP_QUIZ ? TR(app, "Quiz", "クイズ") : "";
	draw_clear(w, lo.heading, A_NORMAL);
	draw_str(w, lo.heading.y, lo.heading.x, lo.heading.w - 12, heading,
		 theme_attr(th, ROLE_HEADING), th);
	if (total > lo.text.h)
		draw_fmt(w, lo.heading.y, lo.heading.x + lo.heading.w - 11, 11,
			 theme_attr(th, ROLE_DIM), th, "%s %d/%d",
			 app->ls->scroll + lo.text.h < total ? "j" : "k",
			 app->ls->scroll + 1, total - lo.text.h + 1);
	screen_lesson_draw_quiz(app, w, lo.quiz);
	draw_code_pane(app, w, lo.code);
	draw_status(app, w);
	draw_hints(app, w);
}
