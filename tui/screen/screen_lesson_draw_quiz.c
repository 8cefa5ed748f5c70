/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson_draw_quiz.c - the quiz block under a quiz step's question: the
 * answer field, the base expected, the engine's feedback, the answer and
 * its worked solution once shown, and the hints asked for. Draws only;
 * screen_lesson_input.c types and grades.
 */
#include "screen_lesson_int.h"

#include <string.h>

void screen_lesson_draw_quiz(const struct app *app, WINDOW *w, struct rect r)
{
	const struct theme *th = &app->theme;
	const struct quiz_state *q = &app->ls->quiz;
	const struct step *s = screen_lesson_cur_step(app);
	int y = r.y, end = r.y + r.h, x;
	bool focus = app->ls->focus == FOCUS_ANSWER;

	if (r.h <= 0)
		return;
	if (!q->have) {
		draw_text(w, r, q->error, 0, theme_attr(th, ROLE_ERROR), th);
		return;
	}
	if (q->solved || q->revealed) {
		/* answered: the answer once, where the field was (no empty field,
		 * no second "Answer:" line) */
		const char *mark = q->solved ? (th->utf8 ? "✓ " : "+ ") : "";
		x = r.x + draw_fmt(w, y, r.x, r.w, theme_attr(th, q->solved ? ROLE_GOOD : ROLE_HEADING) | A_BOLD,
				   th, "%s%s %s", mark, q->solved ? TR(app, "Right:", "正解:") :
				   TR(app, "The answer:", "答え:"), q->qi.answer_text);
		if (x + 2 < r.x + r.w)
			draw_str(w, y, x + 2, r.x + r.w - x - 2,
				 TR(app, "n: next step  r: a new question", "n: 次へ  r: 別の問題"),
				 theme_attr(th, ROLE_DIM), th);
		y++;
		if (!q->graded && y < end)   /* back on a quiz answered earlier */
			draw_fmt(w, y++, r.x, r.w, theme_attr(th, ROLE_DIM), th,
				 q->solved ? TR(app, "Answered right after %d wrong tr%s.",
						"%d 回間違えた後に正解しました%s。")
				 : TR(app, "The answer was shown after %d wrong tr%s.",
				      "%d 回間違えて答えを表示しました%s。"),
				 q->tries, app->lang == LANG_JA ? "" : q->tries == 1 ? "y" : "ies");
		/* the grader's words when they say more than "Right: ..." (a hex
		 * note), or why the last try was wrong before the answer was shown */
		char plain[200];
		snprintf(plain, sizeof plain, TR(app, "Right: %s.", "正解: %s。"), q->qi.answer_text);
		if (q->graded && y < end && (q->revealed || strcmp(q->grade.feedback[app->lang], plain)))
			y += draw_text(w, (struct rect){ y, r.x + 2, end - y, r.w - 2 },
				       q->grade.feedback[app->lang], 0,
				       theme_attr(th, q->solved ? ROLE_GOOD : ROLE_ERROR), th);
	} else {
		x = r.x + draw_str(w, y, r.x, r.w, TR(app, "Answer: ", "答え: "), A_BOLD, th);
		draw_clear(w, (struct rect){ y, x, 1, r.x + r.w - x > 30 ? 30 : r.x + r.w - x },
			   focus ? theme_attr(th, ROLE_INPUT) : theme_attr(th, ROLE_DIM));
		x += draw_input(w, y, x, 30, app->ls->input.buf,
				focus ? theme_attr(th, ROLE_INPUT) : theme_attr(th, ROLE_DIM), th);
		if (focus)
			draw_str(w, y, x, 1, "_", theme_attr(th, ROLE_INPUT) | A_BLINK, th);
		else if (!app->ls->input.len)
			/* a digit starts a number's field; words and bit names need Enter */
			draw_str(w, y, x, r.x + r.w - x < 29 ? r.x + r.w - x : 29,
				 q->qi.type == ANSWER_NUMBER || q->qi.type == ANSWER_FIELDS
				 ? TR(app, "a digit or Enter", "数字か Enter で入力")
				 : TR(app, "Enter to type", "Enter で入力"), theme_attr(th, ROLE_DIM), th);
		x = r.x + 32 + (int)strlen(TR(app, "Answer: ", "答え: "));
		if (x < r.x + r.w)
			draw_fmt(w, y, x, r.x + r.w - x, theme_attr(th, ROLE_DIM), th,
				 TR(app, "try %d, answer shown after %d", "%d 回目、%d 回で答えを表示"),
				 q->tries + 1 > QUIZ_REVEAL_AFTER ? QUIZ_REVEAL_AFTER : q->tries + 1,
				 QUIZ_REVEAL_AFTER);
		y++;
		if (*quiz_base_text(&q->qi, app->lang) && y < end)
			y += draw_text(w, (struct rect){ y, r.x, 1, r.w }, quiz_base_text(&q->qi, app->lang),
				       0, theme_attr(th, ROLE_DIM), th);
		if (q->graded && y < end) {
			bool wrong = q->grade.result == GRADE_WRONG;
			/* not read, or right in the other base: no try used, no ✗ */
			const char *mark = wrong ? (th->utf8 ? "✗" : "X") : (th->utf8 ? "•" : "*");
			attr_t at = theme_attr(th, wrong ? ROLE_ERROR : ROLE_HEADING);
			draw_str(w, y, r.x, 2, mark, at, th);
			y += draw_text(w, (struct rect){ y, r.x + 2, end - y, r.w - 2 },
				       q->grade.feedback[app->lang], 0, at, th);
		}
	}
	if (q->revealed && y < end) {
		/* after the last try: how the engine got there, step by step */
		char sol[1600];
		quiz_solution(&q->qi, app->lang, sol, sizeof sol);
		y += draw_text_plain(w, (struct rect){ y, r.x + 2, end - y, r.w - 2 }, sol, 0,
				     A_NORMAL, th);
	}
	for (int i = 0; i < q->hints && (size_t)i < s->u.quiz.nhints && y < end; i++) {
		int xx = r.x + draw_fmt(w, y, r.x, r.w, theme_attr(th, ROLE_HEADING), th,
				      TR(app, "Hint %d: ", "ヒント %d: "), i + 1);
		y += draw_text(w, (struct rect){ y, xx, end - y, r.x + r.w - xx },
			       text_get(&s->u.quiz.hints[i], app->lang), 0, A_NORMAL, th);
	}
}
