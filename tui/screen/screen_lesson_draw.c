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
	/* the title comes first: the speed, then the arch make room for it;
	 * "predict" says predict mode is on */
	const char *pm = app->ls->prog.predict ? TR(app, "predict  ", "予想  ") : "";
	for (int form = 0; form < 4; form++) {
		if (form == 3)    /* a long title: predict mode's word gives way last */
			pm = "";
		if (form == 0)
			snprintf(right, sizeof right, TR(app, "%sstep %zu/%zu  %s  speed %d/%d ",
							 "%sステップ %zu/%zu  %s  速度 %d/%d "),
				 pm, app->ls->step + 1, l->nsteps,
				 screen_lesson_step_arch(app, screen_lesson_cur_step(app))->name, app->anim.speed, ANIM_SPEEDS);
		else if (form == 1)
			snprintf(right, sizeof right, TR(app, "%sstep %zu/%zu  %s ", "%sステップ %zu/%zu  %s "),
				 pm, app->ls->step + 1, l->nsteps, screen_lesson_step_arch(app, screen_lesson_cur_step(app))->name);
		else   /* forms 2 and 3 */
			snprintf(right, sizeof right, TR(app, "%sstep %zu/%zu ", "%sステップ %zu/%zu "),
				 pm, app->ls->step + 1, l->nsteps);
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
						 "%s %u-%u 行目(ゲストカーネル自身のコード)"),
			 cv->ex->file, cv->ex->first_line, cv->ex->last_line);
	else
		snprintf(title, sizeof title, TR(app, "%s lines %ld-%ld (Linux %s, %s)",
						 "%s %ld-%ld 行目(Linux %s、%s)"),
			 cv->ex->file, (long)cv->ex->first_line + cv->ex->shift,
			 (long)cv->ex->last_line + cv->ex->shift, cv->ex->version, cv->ex->symbol);
	/* read from another upload where the lines moved (lesson_excerpt.c) */
	if (cv->ex->moved_in[0])
		snprintf(note, sizeof note, TR(app, "lines moved in %s: now %ld-%ld (the lesson: %u-%u)",
					       "%s で行が移動: 現在 %ld-%ld 行目(レッスンでは %u-%u)"),
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
static const struct bar_item predict_bar[] = {
	{ { ACT_SUBMIT }, { '\n' }, { "guess", "予想する" } },
	{ { ACT_LEAVE }, { '\033' }, { "show it", "表示" } },
	{ { ACT_HELP }, { '?' }, { NULL } },
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
	{ { ACT_MENU }, { 'm' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
static const struct bar_item step_bar[] = {
	{ { ACT_NEXT }, { 'n' }, { NULL } },
	{ { ACT_BACK }, { 'p' }, { NULL } },
	{ { ACT_GOTO }, { 'g' }, { NULL } },
	{ { ACT_MENU }, { 'm' }, { NULL } },
	{ { ACT_PREDICT }, { 'P' }, { NULL } },
	{ { ACT_STEP_LEVEL }, { 's' }, { NULL } },
	{ { ACT_FINISH }, { '.' }, { NULL } },
	{ { ACT_REPLAY }, { 'a' }, { NULL } },
	{ { ACT_SCROLL_DOWN, ACT_SCROLL_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_FASTER, ACT_SLOWER }, { '+', '-' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
/* a quiz answered (right, or the answer shown): what is left to do */
static const struct bar_item quiz_done_bar[] = {
	{ { ACT_NEXT }, { 'n' }, { NULL } },
	{ { ACT_BACK }, { 'p' }, { NULL } },
	{ { ACT_RETRY }, { 'r' }, { NULL } },
	{ { ACT_GOTO }, { 'g' }, { NULL } },
	{ { ACT_MENU }, { 'm' }, { NULL } },
	{ { ACT_SCROLL_DOWN, ACT_SCROLL_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
/* a quiz step: r asks again with a fresh address */
static const struct bar_item quiz_bar[] = {
	{ { ACT_NEXT }, { 'n' }, { NULL } },
	{ { ACT_BACK }, { 'p' }, { NULL } },
	{ { ACT_ANSWER }, { '\n' }, { NULL } },
	{ { ACT_HINT }, { '\t' }, { NULL } },
	{ { ACT_RETRY }, { 'r' }, { NULL } },
	{ { ACT_GOTO }, { 'g' }, { NULL } },
	{ { ACT_MENU }, { 'm' }, { NULL } },
	{ { ACT_SCROLL_DOWN, ACT_SCROLL_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
/* past the last step: Enter opens the next lesson (its item is left out
 * when there is none), r goes to the first quiz missed */
static const struct bar_item summary_bar[] = {
	{ { ACT_ANSWER }, { '\n' }, { "next lesson", "次のレッスン" } },
	{ { ACT_REVIEW }, { 'r' }, { NULL } },
	{ { ACT_BACK }, { 'p' }, { "last step", "最後のステップ" } },
	{ { ACT_MENU }, { 'm' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
#define BAR_MAX_ITEMS 16

/* keybar_draw with the bar's q and m made what they do here (app_bar_leave). */
static void bar(const struct app *app, WINDOW *w, unsigned ctx, const char *lead,
		const struct bar_item *items, size_t n, const struct theme *th)
{
	struct bar_item copy[BAR_MAX_ITEMS];

	if (n > BAR_MAX_ITEMS)
		n = BAR_MAX_ITEMS;
	memcpy(copy, items, n * sizeof *copy);
	n = app_bar_leave(app, copy, n);
	keybar_draw(w, LINES - 1, COLS, ctx, lead, copy, n, app->lang, th);
}
#define BAR_N(b) (sizeof b / sizeof b[0])
#define BAR(b) b, BAR_N(b)

static void draw_hints(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	unsigned ctx = screen_lesson_ctx(app);

	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	if (app->ls->focus == FOCUS_ANSWER)
		bar(app, w, ctx, TR(app, "type the answer", "答えを入力"), BAR(answer_bar), th);
	else if (app->ls->focus == FOCUS_GOTO)
		bar(app, w, ctx, TR(app, "type a step number", "ステップ番号を入力"), BAR(goto_bar), th);
	else if (app->ls->focus == FOCUS_PREDICT)
		bar(app, w, ctx, TR(app, "type your guess", "予想を入力"), BAR(predict_bar), th);
	else if (app->ls->focus == FOCUS_SEARCH)
		bar(app, w, ctx, TR(app, "type words to find", "探す言葉を入力"), BAR(search_bar), th);
	else if (screen_lesson_cur_step(app)->kind == STEP_REPLAY)
		bar(app, w, ctx, NULL, BAR(replay_step_bar), th);
	else if (screen_lesson_cur_step(app)->kind == STEP_QUIZ && (app->ls->quiz.solved || app->ls->quiz.revealed))
		bar(app, w, ctx, NULL, BAR(quiz_done_bar), th);
	else if (screen_lesson_cur_step(app)->kind == STEP_QUIZ)
		bar(app, w, ctx, NULL, BAR(quiz_bar), th);
	else
		bar(app, w, ctx, NULL, BAR(step_bar), th);
}

/* The status line's text field: prompt, what is typed (its end when long)
 * and the cursor. */
static void draw_prompt(const struct app *app, WINDOW *w, const char *prompt)
{
	const struct theme *th = &app->theme;
	int x = 1 + draw_str(w, LINES - 2, 1, COLS - 2, prompt, A_BOLD, th);

	x += draw_input(w, LINES - 2, x, COLS - 1 - x, app->ls->input.buf, A_BOLD, th);
	draw_str(w, LINES - 2, x, 1, "_", A_BOLD, th);
}

static void draw_status(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;

	if (app->ls->focus == FOCUS_GOTO) {
		char prompt[100];

		snprintf(prompt, sizeof prompt, TR(app, "Go to step (1-%zu): ", "移動先のステップ (1-%zu): "),
			 app->ls->lesson->nsteps);
		draw_prompt(app, w, prompt);
	} else if (app->ls->focus == FOCUS_SEARCH) {
		draw_prompt(app, w, "/");
	} else if (app->ls->focus == FOCUS_PREDICT) {
		char prompt[200];
		size_t n;

		screen_lesson_predict_prompt(app, prompt, sizeof prompt);
		n = strlen(prompt);
		if (n + 1 < sizeof prompt)
			memcpy(prompt + n, " ", 2);
		if (app->ls->predict.graded) {   /* the last guess's feedback, above the field */
			const char *said = app->ls->predict.said;
			int rows = draw_text_lines_plain(said, COLS - 2, th);
			rows = rows > 3 ? 3 : rows;   /* a wrong route's why takes three at 80 columns */
			draw_clear(w, (struct rect){ LINES - 2 - rows, 0, rows, COLS }, A_NORMAL);
			draw_text_plain(w, (struct rect){ LINES - 2 - rows, 1, rows, COLS - 2 },
					said, 0, theme_attr(th, app->ls->predict.said_role), th);
		}
		draw_clear(w, (struct rect){ LINES - 2, 0, 1, COLS }, A_NORMAL);
		draw_prompt(app, w, prompt);
	} else if (app->ls->predict.graded && app->ls->predict.said[0] &&
		   !strcmp(app->status, app->ls->predict.said)) {
		/* a guess's feedback just given: whole, in the rows above the
		 * status row too, until another message takes its place */
		const char *said = app->ls->predict.said;
		int rows = draw_text_lines_plain(said, COLS - 2, th);
		rows = rows > 3 ? 3 : rows;
		draw_clear(w, (struct rect){ LINES - 1 - rows, 0, rows, COLS }, A_NORMAL);
		draw_text_plain(w, (struct rect){ LINES - 1 - rows, 1, rows, COLS - 2 },
				said, 0, theme_attr(th, app->ls->predict.said_role), th);
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
	unsigned nq = 0, first = 0, answered = 0, nmissed = 0;
	size_t len = 4096, k = 0;
	char *out;

	for (size_t i = 0; i < l->nsteps; i++)
		len += strlen(text_get(&l->steps[i].heading, app->lang)) + 80;
	out = malloc(len);
	if (!out)
		return NULL;
#define ADD(...) (k += (size_t)snprintf(out + k, k < len ? len - k : 0, __VA_ARGS__))
	ADD(TR(app, "You reached the end of \"%s\".\n\n", "「%s」の終わりまで来ました。\n\n"),
	    text_get(&l->title, app->lang));
	for (size_t i = 0; i < l->nsteps; i++) {
		const struct progress_quiz *r = NULL;
		if (l->steps[i].kind != STEP_QUIZ)
			continue;
		nq++;
		for (size_t j = 0; j < ls->prog.nquiz; j++)
			if (ls->prog.quiz[j].step == i + 1)
				r = &ls->prog.quiz[j];
		answered += r && r->first != QUIZ_OPEN;
		if (r && progress_quiz_first_right(r)) {
			first++;
			continue;
		}
		/* a quiz missed: how, and where it is */
		if (nmissed++ == 0)
			ADD("%s", TR(app, "To review (r goes to the first, g NUMBER Enter to any):\n",
				     "見直す問題 (r で最初の問題へ、g 番号 Enter でどれへでも):\n"));
		if (!r || r->first == QUIZ_OPEN)
			ADD(TR(app, "- step %zu: not answered\n", "- ステップ %zu: 未回答\n"), i + 1);
		else if (r->first == QUIZ_SHOWN)
			ADD(TR(app, "- step %zu: the answer was shown after %u wrong tries\n",
			       "- ステップ %zu: %u 回間違えて答えを表示\n"), i + 1, r->first_tries);
		else
			ADD(TR(app, "- step %zu: right after %u wrong tr%s\n",
			       "- ステップ %zu: %u 回間違えた後に正解%s\n"), i + 1, r->first_tries,
			    app->lang == LANG_JA ? "" : r->first_tries == 1 ? "y" : "ies");
	}
	if (nmissed)
		ADD("\n");
	if (nq)
		ADD(TR(app, "Score: %u of %u quizzes right at the first try (%u answered).\n\n",
		       "得点: クイズ %u 問のうち 1 回目で正解 %u 問 (回答 %u 問)。\n\n"),
		    app->lang == LANG_JA ? nq : first, app->lang == LANG_JA ? first : nq, answered);
	if (ls->predict.total)
		ADD(TR(app, "Predictions: %u of %u right.\n\n", "予想: %u / %u 問正解。\n\n"),
		    ls->predict.right, ls->predict.total);
	ADD("%s%s", TR(app, "What it covered: ", "扱った内容: "), text_get(&l->summary, app->lang));
	for (size_t i = 0; i < l->nsteps; i++) {
		const char *h = text_get(&l->steps[i].heading, app->lang);
		if (*h)
			ADD("%s%s", TR(app, "; ", "、"), h);
	}
	ADD("%s", TR(app, ".\n\n", "。\n\n"));
	if (ls->next_path[0])
		ADD(TR(app, "Next: \"%s\". Enter opens it.", "次は「%s」です。Enter で開きます。"),
		    ls->next_title);
	else
		ADD("%s", TR(app, "This was the last lesson.", "これが最後のレッスンです。"));
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
	bar(app, w, CTX_LESSON | CTX_SUMMARY, NULL, app->ls->next_path[0] ? summary_bar : summary_bar + 1,
	    app->ls->next_path[0] ? BAR_N(summary_bar) : BAR_N(summary_bar) - 1, th);
}

/* For the draw-check witness (PAGEWALK_DRAWCHECK): the code pane cut
 * (fewer rows than its lines, or lines cut at '>') while the narrative
 * leaves rows or columns unused, or the narrative scrolling while the code
 * pane has blank rows: the layout did not use the room there is. */
static void check_room(const struct app *app, const struct layout *lo, int total)
{
	const struct excerpt *ex = screen_lesson_cur_step(app)->code.ex;
	struct drawcheck *dc = app->theme.check;
	int free_text = lo->quiz.h ? 0 : lo->text.h - total, code_rows;
	char msg[200];

	if (!dc || !ex || !ex->nlines || lo->code.h <= 0)
		return;
	code_rows = lo->code.h - 1 - (ex->moved_in[0] != 0);
	if (lo->code.x == 1 && code_rows < (int)ex->nlines && free_text > 0) {   /* stacked */
		snprintf(msg, sizeof msg, "code shows %d of %zu lines, %d text rows unused", code_rows,
			 ex->nlines, free_text);
		drawcheck_report(dc, "room", lo->code.y, lo->code.x, -1, msg);
	}
	if (lo->code.x > 1 && lo->text.w > LESSON_MIN_TEXT_COLS) {
		/* beside the text: a line cut at '>' while the text could be narrower */
		int numw = snprintf(NULL, 0, "%u", ex->first_line + (unsigned)ex->nlines) + 1;
		for (size_t i = 0; i < ex->nlines; i++)
			if (draw_text_width(ex->lines[i], &app->theme) > lo->code.w - numw - 1) {
				snprintf(msg, sizeof msg, "code line %zu cut at '>' beside a text column of "
					 "%d", ex->first_line + i, lo->text.w);
				drawcheck_report(dc, "room", lo->code.y, lo->code.x, -1, msg);
				break;
			}
	}
	if (lo->code.x == 1 && total > lo->text.h && code_rows > (int)ex->nlines) {
		snprintf(msg, sizeof msg, "text scrolls (%d of %d lines), code has %d rows blank",
			 lo->text.h, total, code_rows - (int)ex->nlines);
		drawcheck_report(dc, "room", lo->text.y, lo->text.x, -1, msg);
	}
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
	check_room(app, &lo, total);
	draw_status(app, w);
	draw_hints(app, w);
}
