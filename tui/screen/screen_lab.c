/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lab.c - the lab screen: questions, tries, the score page
 * (see screen_lab.h).
 *
 *   title bar: lesson, student, seed
 *   question k of N (kind), tries used; the question text
 *   Answer: field; what the last try did (right / not right, no answer)
 *   the questions' states; status line; key hints
 */
#include "screen/screen_lab.h"
#include "screen/keybar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct lab_screen {
	struct lab *lab;            /* borrowed from cmd_lab.c */
	char out_shown[600];
	size_t cur;                 /* the question shown */
	bool typing;
	struct input input;
	bool over;                  /* the score page */
	bool confirm;               /* q pressed once with questions open */
	int scroll;                 /* score page, wrapped lines */
	int qscroll;                /* a long question's text, wrapped lines */
	int64_t shown_ms;           /* when the current question was shown */
	char note[600];             /* what the last try did */
	enum role note_role;
	char error[1200];           /* the hand-in failed: why ("" when it did not) */
};

static struct lab_screen *ls_of(const struct app *app)
{
	return app->lab;
}

/* Add the time on the current question to it; restart the clock. */
static void clock_stop(struct lab_screen *s)
{
	int64_t now = app_now_ms();

	if (!s->over && now > s->shown_ms)
		s->lab->q[s->cur].ms += (uint64_t)(now - s->shown_ms);
	s->shown_ms = now;
}

static void go_to(struct lab_screen *s, size_t k)
{
	clock_stop(s);
	s->cur = k;
	s->qscroll = 0;
	s->typing = false;
	s->input.len = 0;
	s->input.buf[0] = '\0';
	s->note[0] = '\0';
}

/* The lab is over: hand it in (the journal records it, the result is
 * written) and show the score page. */
static void finish(struct app *app)
{
	struct lab_screen *s = ls_of(app);
	struct diag d;

	clock_stop(s);
	s->over = true;
	s->typing = false;
	s->scroll = 0;
	app->status[0] = '\0';
	if (lab_hand_in(s->lab, (int64_t)time(NULL), PAGEWALK_VERSION, &d) < 0) {
		diag_format(&d, s->error, sizeof s->error);
		app_status(app, ROLE_ERROR, TR(app, "The result could not be written: %s",
					       "結果を書き込めません: %s"), s->error);
	}
}

/* ---- drawing ---------------------------------------------------------- */

static const char *mark(const struct app *app, const struct lab_question *q)
{
	bool u = app->theme.utf8;

	if (!q->closed)
		return q->tries ? "~" : (u ? "·" : ".");
	return q->right ? (u ? "✓" : "+") : (u ? "✗" : "x");
}

/* The title bar: the lesson's title on the left, the student and the seed
 * whole on the right (a cut seed would be another number); a title that
 * does not fit beside them is cut and ends in "...". */
static void draw_title(const struct app *app, WINDOW *w)
{
	const struct lab_screen *s = ls_of(app);
	const struct theme *th = &app->theme;
	attr_t at = theme_attr(th, ROLE_TITLE);
	char title[600], right[160];
	int rw = 0, room;

	draw_clear(w, (struct rect){ 0, 0, 1, COLS }, at);
	snprintf(title, sizeof title, TR(app, "Lab: %s", "ラボ: %s"),
		 text_get(&s->lab->lesson->title, app->lang));
	for (int form = 0; form < 2; form++) {
		snprintf(right, sizeof right,
			 form == 0 ? TR(app, "student %s  |  seed %llu ", "学生 %s  |  シード %llu ")
				   : TR(app, "%s  |  seed %llu ", "%s  |  シード %llu "),
			 s->lab->student, (unsigned long long)s->lab->seed);
		rw = draw_text_width(right, th);
		if (draw_text_width(title, th) <= COLS - rw - 4)
			break;
	}
	room = COLS - rw - 4;
	if (draw_text_width(title, th) <= room) {
		draw_str(w, 0, 1, room, title, at, th);
	} else if (room > 3) {
		int x = 1 + draw_str_clip(w, 0, 1, room - 3, title, at, th);
		draw_str(w, 0, x, 3, "...", at, th);
	}
	draw_str(w, 0, COLS - rw, rw, right, at, th);
}

/* Columns of question i's state in the row: "17 ✓" and two spaces. */
static int state_cols(size_t i)
{
	int n = 1;

	for (size_t v = i + 1; v >= 10; v /= 10)
		n++;
	return n + 2 + 2;
}

/* The row of question states: "1 ✓  2 ·  3 ✗", the current one in
 * reverse. When they do not all fit, the row scrolls to keep the current
 * one in view with the next two after it, a < or > saying more are off
 * either end. */
static void draw_states(const struct app *app, WINDOW *w, int y)
{
	const struct lab_screen *s = ls_of(app);
	const struct theme *th = &app->theme;
	int x = 1 + draw_str(w, y, 1, COLS - 2, TR(app, "Questions: ", "問題: "), A_BOLD, th);
	int avail = COLS - 1 - x, total = 0, need;
	size_t from = 0, nq = s->lab->nq, upto = s->cur + 2 < nq ? s->cur + 2 : nq - 1;

	for (size_t i = 0; i < nq; i++)
		total += state_cols(i);
	if (total > avail) {
		/* room for "< " and " >"; drop questions from the left until the
		 * current one and the two after it fit */
		for (;;) {
			need = 2 + 2;
			for (size_t i = from; i <= upto; i++)
				need += state_cols(i);
			if (need <= avail || from == s->cur)
				break;
			from++;
		}
	}
	if (from > 0)
		x += draw_str(w, y, x, 2, "< ", theme_attr(th, ROLE_DIM), th);
	for (size_t i = from; i < nq; i++) {
		const struct lab_question *q = &s->lab->q[i];
		attr_t at = i == s->cur ? A_REVERSE : A_NORMAL;
		bool more = i + 1 < nq;
		if (x + state_cols(i) - 2 > COLS - 1 - (more && total > avail ? 2 : 0)) {
			draw_str(w, y, x, 1, ">", theme_attr(th, ROLE_DIM), th);
			break;
		}
		x += draw_fmt(w, y, x, COLS - 1 - x, at, th, "%zu %s", i + 1, mark(app, q));
		x += 2;
	}
}

static void draw_field(const struct app *app, WINDOW *w, int y)
{
	const struct lab_screen *s = ls_of(app);
	const struct theme *th = &app->theme;
	const struct lab_question *q = &s->lab->q[s->cur];
	attr_t at = theme_attr(th, s->typing ? ROLE_INPUT : ROLE_DIM);
	int x = 1 + draw_str(w, y, 1, COLS - 2, TR(app, "Answer: ", "答え: "), A_BOLD, th);

	if (q->closed) {
		draw_str(w, y, x, COLS - 1 - x,
			 q->right ? TR(app, "right (answered)", "正解 (解答済み)")
				  : TR(app, "no tries left: the answer is shown at the end",
					"残り回数なし: 答えは最後に表示"),
			 theme_attr(th, q->right ? ROLE_GOOD : ROLE_ERROR), th);
		return;
	}
	draw_clear(w, (struct rect){ y, x, 1, 30 }, at);
	x += draw_input(w, y, x, 30, s->input.buf, at, th);
	if (s->typing)
		draw_str(w, y, x, 1, "_", at | A_BLINK, th);
	draw_fmt(w, y, 1 + 40, COLS - 42, theme_attr(th, ROLE_DIM), th,
		 TR(app, "try %d of %d", "%d / %d 回目"), q->tries + 1, LAB_TRIES);
}

/* Rows the question's text gets, and its wrapped lines. */
static int question_rows(const struct app *app, int *total)
{
	const struct lab_screen *s = ls_of(app);

	*total = draw_text_lines(text_get(&s->lab->q[s->cur].qi.question, app->lang), COLS - 4,
				 &app->theme);
	return LINES - 10;
}

/* Is the current question longer than its rows (j/k scroll it)? */
static bool question_long(const struct app *app)
{
	int total, rows = question_rows(app, &total);

	return total > rows;
}

static void draw_question(const struct app *app, WINDOW *w)
{
	const struct lab_screen *s = ls_of(app);
	const struct theme *th = &app->theme;
	const struct lab_question *q = &s->lab->q[s->cur];
	const char *text = text_get(&q->qi.question, app->lang);
	int total, rows = question_rows(app, &total), h;

	draw_fmt(w, 2, 1, COLS - 2, theme_attr(th, ROLE_HEADING), th,
		 TR(app, "Question %zu of %zu (%s)", "問題 %zu / %zu (%s)"), s->cur + 1,
		 s->lab->nq, quiz_kind_title(q->qi.kind, app->lang));
	if (total <= rows) {
		h = draw_text(w, (struct rect){ 4, 2, rows, COLS - 4 }, text, 0, A_NORMAL, th);
	} else {
		/* a long question scrolls: its last row says where the view is */
		int view = rows - 1, top = s->qscroll;

		draw_text_scroll(w, (struct rect){ 4, 2, view, COLS - 4 }, text, top, A_NORMAL, th);
		draw_fmt(w, 4 + view, 2, COLS - 4, theme_attr(th, ROLE_DIM), th,
			 TR(app, "-- lines %d-%d of %d: j/k scroll --", "-- %d-%d 行目 / %d 行: j/k でスクロール --"),
			 top + 1, top + view, total);
		h = rows;
	}
	h = 4 + (h < rows ? h : rows) + 1;
	draw_field(app, w, h);
	if (s->note[0])
		draw_text_plain(w, (struct rect){ h + 1, 1, 2, COLS - 2 }, s->note, 0,
				theme_attr(th, s->note_role), th);
	draw_states(app, w, LINES - 4);
}

/* The score page as text: one paragraph per question. Caller frees. */
static char *score_text(const struct app *app)
{
	const struct lab_screen *s = ls_of(app);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	for (size_t i = 0; i < s->lab->nq; i++) {
		const struct lab_question *q = &s->lab->q[i];
		char expect[LAB_ANSWER_MAX + 1];
		quiz_answer_typed(&q->qi, expect, sizeof expect);
		char *typed = NULL, ans[400], res[200];
		size_t tlen = 0;
		FILE *t = open_memstream(&typed, &tlen);
		if (!t)
			break;
		for (int k = 0; k < q->tries; k++)
			fprintf(t, "%s%s", k ? ", " : "", q->attempt[k].answer);
		if (!q->tries)
			fputs(TR(app, "(none)", "(なし)"), t);
		fclose(t);
		snprintf(ans, sizeof ans, "   %s %s", TR(app, "your answers:", "あなたの答え:"),
			 typed ? typed : "");
		free(typed);
		snprintf(res, sizeof res, "   %s %s   %s %s", TR(app, "answer:", "正解:"),
			 q->qi.answer_text, mark(app, q), q->right ? TR(app, "right", "正解") :
			 q->tries ? TR(app, "wrong", "不正解") : TR(app, "not answered", "未解答"));
		/* the answer beside the answers typed when the line fits, else
		 * under them (never "✓" ending one line and "right" the next) */
		fprintf(f, "%zu. %s\n%s%s%s\n", i + 1, text_get(&q->qi.question, app->lang), ans,
			draw_text_width(ans, &app->theme) + draw_text_width(res, &app->theme) > COLS - 2 ? "\n" : "",
			res);
		if (!q->right && q->tries) {
			struct grade g;
			quiz_grade(&q->qi, q->attempt[q->tries - 1].answer, &g);
			fprintf(f, "   %s\n", g.feedback[app->lang]);
		}
		fputc('\n', f);
	}
	if (s->error[0])
		fprintf(f, TR(app, "The result could not be written: %s. Every try is in the "
			      "journal: run the same command again to write it.",
			      "結果を書き込めませんでした: %s。解答はすべてジャーナルにあります。"
			      "同じコマンドをもう一度実行すると書き込みます。"), s->error);
	else
		fprintf(f, TR(app, "Handed in: the result is in %s.",
			      "提出しました: 結果は %s にあります。"), s->out_shown);
	fclose(f);
	return buf;
}

static void draw_score(const struct app *app, WINDOW *w)
{
	const struct lab_screen *s = ls_of(app);
	const struct theme *th = &app->theme;
	size_t score = lab_score(s->lab);
	char *text = score_text(app);

	draw_fmt(w, 2, 1, COLS - 2, theme_attr(th, ROLE_HEADING), th,
		 TR(app, "Score: %zu of %zu right (%zu%%)", "得点: %zu / %zu 問正解 (%zu%%)"),
		 score, s->lab->nq, score * 100 / s->lab->nq);
	if (text)
		draw_text_plain_scroll(w, (struct rect){ 4, 1, LINES - 7, COLS - 2 }, text,
				       s->scroll, A_NORMAL, th);
	free(text);
}

static const struct bar_item question_bar[] = {
	{ { ACT_ANSWER }, { '\n' }, { NULL } },
	{ { ACT_NEXT, ACT_BACK }, { 'n', 'p' }, { "question", "問題" } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_HAND_IN }, { 'q' }, { NULL } },
};
static const struct bar_item long_question_bar[] = {
	{ { ACT_ANSWER }, { '\n' }, { NULL } },
	{ { ACT_SCROLL_DOWN, ACT_SCROLL_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_NEXT, ACT_BACK }, { 'n', 'p' }, { "question", "問題" } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_HAND_IN }, { 'q' }, { NULL } },
};
static const struct bar_item typing_bar[] = {
	{ { ACT_SUBMIT }, { '\n' }, { NULL } },
	{ { ACT_LEAVE }, { '\033' }, { NULL } },
};
static const struct bar_item score_bar[] = {
	{ { ACT_SCROLL_DOWN, ACT_SCROLL_UP }, { 'j', 'k' }, { NULL } },
	{ { ACT_HAND_IN }, { 'q' }, { "quit", "終了" } },
};
#define BAR(b) b, sizeof b / sizeof b[0]

static unsigned lab_ctx(const struct app *app)
{
	return ls_of(app)->typing ? CTX_INPUT : CTX_LAB;
}

static void lab_draw(const struct app *app, WINDOW *w)
{
	const struct lab_screen *s = ls_of(app);
	const struct theme *th = &app->theme;
	unsigned ctx = lab_ctx(app);

	draw_title(app, w);
	if (s->over)
		draw_score(app, w);
	else
		draw_question(app, w);
	app_draw_status(app, w);
	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	if (s->over)
		keybar_draw(w, LINES - 1, COLS, ctx, NULL, BAR(score_bar), app->lang, th);
	else if (s->typing)
		keybar_draw(w, LINES - 1, COLS, ctx, TR(app, "type the answer", "答えを入力"),
			    BAR(typing_bar), app->lang, th);
	else if (question_long(app))
		keybar_draw(w, LINES - 1, COLS, ctx, NULL, BAR(long_question_bar), app->lang, th);
	else
		keybar_draw(w, LINES - 1, COLS, ctx, NULL, BAR(question_bar), app->lang, th);
}

/* ---- keys ------------------------------------------------------------- */

/* The next open question after the current one (wrapping), or nq. */
static size_t next_open(const struct lab *lab, size_t from)
{
	for (size_t k = 1; k <= lab->nq; k++) {
		size_t i = (from + k) % lab->nq;
		if (!lab->q[i].closed)
			return i;
	}
	return lab->nq;
}

static void submit(struct app *app)
{
	struct lab_screen *s = ls_of(app);
	struct lab_question *q = &s->lab->q[s->cur];
	int64_t now = app_now_ms();
	uint64_t ms = q->ms + (uint64_t)(now > s->shown_ms ? now - s->shown_ms : 0);
	struct grade g;
	struct diag d;
	enum grade_result r;

	if (s->input.len == 0)
		return;
	if (lab_answer(s->lab, s->cur, s->input.buf, ms, (int64_t)time(NULL), &g, &d) < 0) {
		/* not recorded, not counted: the answer stays for another Enter */
		snprintf(s->note, sizeof s->note, TR(app, "Not recorded (so not counted): %s",
						      "記録できません (数えません): %s"), d.msg);
		s->note_role = ROLE_ERROR;
		return;
	}
	r = g.result;
	s->input.len = 0;
	s->input.buf[0] = '\0';
	if (r != GRADE_RIGHT && r != GRADE_WRONG) {
		snprintf(s->note, sizeof s->note, "%s %s", TR(app, "Not counted:", "数えません:"),
			 g.feedback[app->lang]);
		s->note_role = ROLE_ERROR;
		return;
	}
	s->typing = !q->closed;
	if (r == GRADE_RIGHT)
		snprintf(s->note, sizeof s->note, "%s", TR(app, "Right.", "正解です。"));
	else if (!q->closed)
		snprintf(s->note, sizeof s->note, TR(app, "Not right. %d try left.",
						     "正しくありません。あと %d 回。"),
			 LAB_TRIES - q->tries);
	else
		snprintf(s->note, sizeof s->note, "%s",
			 TR(app, "Not right. No tries left: the answer is shown at the end.",
			    "正しくありません。残り回数なし: 答えは最後に表示します。"));
	s->note_role = r == GRADE_RIGHT ? ROLE_GOOD : ROLE_ERROR;
	if (lab_closed(s->lab) == s->lab->nq) {
		finish(app);
		return;
	}
	if (q->closed)
		app_status(app, ROLE_STATUS, TR(app, "n: question %zu", "n: 問題 %zu"),
			   next_open(s->lab, s->cur) + 1);
}

static enum reaction input_key(struct app *app, int key)
{
	struct lab_screen *s = ls_of(app);

	switch (keys_action(CTX_INPUT, key)) {
	case ACT_SUBMIT:
		submit(app);
		break;
	case ACT_HINT:
		app_status(app, ROLE_STATUS, "%s", TR(app, "A lab has no hints.",
						      "ラボにヒントはありません。"));
		break;
	case ACT_ERASE:
		if (s->input.len)
			s->input.buf[--s->input.len] = '\0';
		break;
	case ACT_LEAVE:
		s->typing = false;
		break;
	default:
		if (key >= 0x20 && key < 0x7f && s->input.len + 1 < sizeof s->input.buf &&
		    s->input.len < LAB_ANSWER_MAX) {
			s->input.buf[s->input.len++] = (char)key;
			s->input.buf[s->input.len] = '\0';
		}
		break;
	}
	return REACT_REDRAW;
}

static enum reaction hand_in(struct app *app)
{
	struct lab_screen *s = ls_of(app);
	size_t open = s->lab->nq - lab_closed(s->lab);

	if (s->over)
		return REACT_QUIT;
	if (open && !s->confirm) {
		s->confirm = true;
		app_status(app, ROLE_ERROR, TR(app, "%zu question(s) still open. q again hands in "
					       "now (they count as wrong); any other key goes on.",
					       "未解答が %zu 問あります。もう一度 q で提出"
					       " (不正解扱い)、他のキーで続けます。"), open);
		return REACT_REDRAW;
	}
	finish(app);
	return REACT_REDRAW;
}

static enum reaction lab_key(struct app *app, int key)
{
	struct lab_screen *s = ls_of(app);
	enum action a;
	bool confirm = s->confirm;

	if (s->typing)
		return input_key(app, key);
	a = keys_action(CTX_LAB, key);
	s->confirm = false;
	if (a == ACT_HAND_IN) {
		s->confirm = confirm;
		return hand_in(app);
	}
	if (s->over) {
		if (a == ACT_SCROLL_DOWN)
			s->scroll++;
		else if (a == ACT_SCROLL_UP && s->scroll > 0)
			s->scroll--;
		return REACT_REDRAW;
	}
	if (a == ACT_SCROLL_DOWN || a == ACT_SCROLL_UP) {
		int total, rows = question_rows(app, &total);

		if (a == ACT_SCROLL_DOWN && s->qscroll + rows - 1 < total)
			s->qscroll++;
		else if (a == ACT_SCROLL_UP && s->qscroll > 0)
			s->qscroll--;
	} else if (a == ACT_NEXT)
		go_to(s, (s->cur + 1) % s->lab->nq);
	else if (a == ACT_BACK)
		go_to(s, (s->cur + s->lab->nq - 1) % s->lab->nq);
	else if ((a == ACT_ANSWER || a == ACT_TYPE) && !s->lab->q[s->cur].closed) {
		s->typing = true;
		if (a == ACT_TYPE)   /* the digit is the answer's first character */
			input_key(app, key);
	}
	return REACT_REDRAW;
}

static void lab_close(struct app *app)
{
	free(ls_of(app));
	app->lab = NULL;
}

/* "lab question K" or "lab score", for PAGEWALK_DRAWCHECK reports. */
static void lab_where(const struct app *app, char *buf, size_t len)
{
	const struct lab_screen *s = ls_of(app);

	if (!s || s->over)
		snprintf(buf, len, "lab score");
	else
		snprintf(buf, len, "lab question %zu", s->cur + 1);
}

const struct screen screen_lab_ops = {
	.draw = lab_draw,
	.key = lab_key,
	.close = lab_close,
	.ctx = lab_ctx,
	.where = lab_where,
	.help_ctx = { CTX_LAB, CTX_INPUT },
	.help_title = { { "Lab:", "ラボ:" },
			{ "While typing an answer:", "答えの入力中:" } },
};

int screen_lab_open(struct app *app, struct lab *lab, const char *out_shown)
{
	struct lab_screen *s = calloc(1, sizeof *s);

	if (!s)
		return -1;
	app_switch(app, SCREEN_LAB);
	app->lab = s;
	s->lab = lab;
	snprintf(s->out_shown, sizeof s->out_shown, "%s", out_shown);
	s->shown_ms = app_now_ms();
	/* a resumed lab opens at its first open question; one whose every
	 * question closed before the hand-in could be recorded is handed in */
	if (lab_closed(lab) == lab->nq)
		finish(app);
	else if (lab->q[0].closed)
		s->cur = next_open(lab, 0);
	return 0;
}

bool screen_lab_over(const struct app *app)
{
	return app->lab && app->lab->over;
}

void screen_lab_error(const struct app *app, char *buf, size_t len)
{
	snprintf(buf, len, "%s", app->lab ? app->lab->error : "");
}
