/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson_layout.c - where the lesson screen's parts go: the rows the step's
 * picture, the quiz block and the narrative want at a width, and the
 * rectangles screen_lesson_layout_of gives them at the terminal's size. Reads the app,
 * changes nothing; the drawing (screen_lesson_draw*.c) fills what it places.
 */
#include "screen_lesson_int.h"
#include "draw/draw_tables.h"
#include "trace/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The least the narrative column keeps beside code, the least rows a code
 * pane under the text keeps when the text is long, the rows the text keeps
 * below a picture. */
#define LAYOUT_MIN_COLS LESSON_MIN_TEXT_COLS
#define LAYOUT_MIN_CODE 6
#define LAYOUT_MIN_TEXT 8
/* a blank row under the picture, when the terminal has rows to spare */
#define SPACER (LINES >= 30)

/* The boxed walk diagram when the terminal has room for it (e.g. 132x43);
 * the one-row-per-level diagram otherwise (80x24). */
bool screen_lesson_want_boxes(void)
{
	return LINES >= 40 && COLS >= 100;
}

/* Point v at the failure reason in the player's language (the engine's
 * walk carries it in English); buf holds the text. */
void screen_lesson_view_reason(const struct app *app, struct walk_view *v, char *buf, size_t len)
{
	if (app->lang != LANG_EN && v->walk->status != WALK_OK) {
		replay_walk_reason(v->walk, app->lang, buf, len);
		v->reason = buf;
	}
}

/* Rows a walk diagram takes at width (boxed when want_boxes and it fits). */
int screen_lesson_walk_rows_at(enum lang lang, const struct arch *a, const struct walk *w,
			int width, bool note)
{
	struct walk_view v = { .arch = a, .walk = w, .revealed = -1, .current = -1,
			       .mark = note ? 0 : -1, .mark_note = note ? "" : NULL,
			       .boxes = screen_lesson_want_boxes(), .lang = lang };

	return draw_walk_rows(&v, width);
}

/* The retried walk's step that the sync wrote (marked), or -1. */
int screen_lesson_sync_mark(const struct step_fault *f)
{
	int m = -1;

	for (int i = 0; i < f->after.nsteps; i++)
		if (f->after.step[i].entry_pa == f->sync.pmd_pa && !f->after.step[i].folded)
			m = i;
	return m;
}

/* A replay step's summary: source, access, route, the walk, the writes,
 * the key line. */
static int replay_rows(enum lang lang, const struct step_replay *r, int width)
{
	return 3 + screen_lesson_walk_rows_at(lang, r->arch, &r->walk, width, false) + (int)r->nwrites +
	       (r->nwrites_all > r->nwrites) + 1;
}

/* Rows the step's picture wants at width w. */
static int top_rows(const struct app *app, const struct step *s, int width)
{
	const struct lesson_state *ls = app->ls;
	struct addr_view av = { .arch = screen_lesson_step_arch(app, s), .f = &ls->fields, .highlight = -1,
				.lang = app->lang };
	int addr = ls->have_fields ? draw_addr_height(&av, width) : 0;

	switch (s->kind) {
	case STEP_SPLIT:
		return addr + SPACER;
	case STEP_WALK:
		return addr + screen_lesson_walk_rows_at(app->lang, s->u.walk.setup.arch, &s->u.walk.walk, width, false) +
		       SPACER;
	case STEP_FAULT: {
		/* the first walk (or, once synced, the two tables in its place)
		 * and the retried walk: one above the other when the screen has
		 * room for both and the text, else one at a time in the same
		 * rows (lesson_draw_step.c's draw_fault decides the same way) */
		const struct step_fault *f = &s->u.fault;
		int first = screen_lesson_walk_rows_at(app->lang, f->setup.arch, &f->before, width, false);
		int after = f->retried ? screen_lesson_walk_rows_at(app->lang, f->setup.arch, &f->after, width,
							     screen_lesson_sync_mark(f) >= 0) : f->synced;
		int tables = LINES >= 30 ? DRAW_TABLES_ROWS : DRAW_TABLES_ROWS_MIN;
		if (f->synced && first < tables)
			first = tables;
		if (addr + 2 + first + after + SPACER > LINES - 2 - 1 - LAYOUT_MIN_TEXT)
			return addr + 2 + (first > after ? first : after) + SPACER;
		return addr + 2 + first + after + SPACER;
	}
	case STEP_REPLAY:
		return addr + replay_rows(app->lang, &s->u.replay, width) + SPACER;
	case STEP_COMPARE: {
		int rows = 1;
		for (size_t i = 0; i < s->u.compare.narch; i++) {
			struct addr_view cv = { .arch = s->u.compare.arch[i],
						.f = &s->u.compare.fields[i], .highlight = -1,
						.lang = app->lang };
			char why[300];
			addr_fit_words(s->u.compare.arch[i], s->u.compare.addr, app->lang, why, sizeof why);
			rows += 1 + (s->u.compare.fits[i] ? draw_addr_height(&cv, width)
				     : draw_text_lines_plain(why, width - 2, &app->theme));
		}
		return rows;
	}
	default:
		return 0;
	}
}

/* Rows the code pane wants at width: its title (and note), then every
 * line, or the wrapped message that stands for them. */
static int code_rows(const struct app *app, const struct step *s, int width)
{
	const struct excerpt *ex = s->code.ex;

	if (!ex)
		return 0;
	if (ex->nlines)
		return 1 + (ex->moved_in[0] != 0) + (int)ex->nlines;
	return 1 + draw_text_lines_plain(ex->missing ? ex->missing : app_source_note(app), width,
				    &app->theme);
}

/* Columns the code pane wants: the widest line, its number and a space. */
static int code_cols(const struct app *app, const struct excerpt *ex)
{
	int w = 0, numw = snprintf(NULL, 0, "%u", ex->first_line + (unsigned)ex->nlines + 1) + 1;

	for (size_t i = 0; i < ex->nlines; i++) {
		int n = draw_text_width(ex->lines[i], &app->theme);
		if (n > w)
			w = n;
	}
	return w + numw + 1;
}

/* Rows of the quiz block: the field, the feedback, the hints shown. */
static int quiz_rows(const struct app *app, int width)
{
	const struct quiz_state *q = &app->ls->quiz;
	const struct step *s = screen_lesson_cur_step(app);
	int rows = 1;

	if (s->kind != STEP_QUIZ)
		return 0;
	if (!q->have)
		return draw_text_lines(q->error, width, &app->theme);
	if (*quiz_base_text(&q->qi, app->lang) && !q->solved && !q->revealed)
		rows += draw_text_lines(quiz_base_text(&q->qi, app->lang), width, &app->theme);
	if (q->graded)
		rows += draw_text_lines(q->grade.feedback[app->lang], width - 2, &app->theme);
	else if (q->solved || q->revealed)
		rows++;
	if (q->revealed || q->solved)
		rows++;
	if (q->revealed) {
		char sol[1600];
		quiz_solution(&q->qi, app->lang, sol, sizeof sol);
		rows += draw_text_lines_plain(sol, width - 2, &app->theme);
	}
	for (int i = 0; i < q->hints && (size_t)i < s->u.quiz.nhints; i++) {
		/* beside its label, as screen_lesson_draw_quiz draws it */
		char label[40];
		snprintf(label, sizeof label, TR(app, "Hint %d: ", "ヒント %d: "), i + 1);
		rows += draw_text_lines(text_get(&s->u.quiz.hints[i], app->lang),
					width - draw_text_width(label, &app->theme), &app->theme);
	}
	return rows;
}

void screen_lesson_layout_of(const struct app *app, struct layout *lo)
{
	const struct step *s = screen_lesson_cur_step(app);
	int y = 1, bottom = LINES - 2;    /* title row 0; status, hints at the end */
	int avail = bottom - y, top, textw, qrows;
	bool code = s->code.ex != NULL;
	bool side = code && COLS >= 120;

	memset(lo, 0, sizeof *lo);
	top = top_rows(app, s, COLS - 2);
	if (top > avail - 5)
		top = avail - 5 > 0 ? avail - 5 : 0;
	lo->top = (struct rect){ y, 1, top, COLS - 2 };
	y += top;
	avail = bottom - y;
	/* beside the text, the code pane as wide as its widest line when the
	 * text keeps LAYOUT_MIN_COLS; else the text 5/11 of the width */
	textw = COLS - 2;
	if (side) {
		int cw = s->code.ex->nlines ? code_cols(app, s->code.ex) : 0;
		textw = (COLS - 3) * 5 / 11;
		if (cw && COLS - 3 - cw < textw)
			textw = COLS - 3 - cw > LAYOUT_MIN_COLS ? COLS - 3 - cw : LAYOUT_MIN_COLS;
	}
	if (code && !side) {
		/* the rows go where they are needed: the text (heading,
		 * narrative, quiz) whole when the code then keeps
		 * LAYOUT_MIN_CODE rows, the code whole when the text then fits,
		 * the rows left over to the code */
		int need = 1 + screen_lesson_narrative_lines(app, textw), want = code_rows(app, s, COLS - 2);
		int h, least = want < LAYOUT_MIN_CODE ? want : LAYOUT_MIN_CODE;
		qrows = quiz_rows(app, textw);
		need += qrows ? qrows + 1 : 0;
		h = avail - need;
		if (h < least)   /* neither fits whole: half each, the code's half no more than it wants */
			h = want < avail / 2 ? want : avail / 2;
		if (h > avail - 3)
			h = avail - 3 > 0 ? avail - 3 : 0;
		lo->code = (struct rect){ bottom - h, 1, h, COLS - 2 };
		avail -= h;
	} else if (code) {
		lo->code = (struct rect){ y, textw + 2, avail, COLS - textw - 3 };
	}
	lo->heading = (struct rect){ y, 1, 1, textw };
	y++;
	avail--;
	qrows = quiz_rows(app, textw);
	if (qrows > avail / 2) {
		/* the quiz may take what a short question leaves */
		int n = screen_lesson_narrative_lines(app, textw), room = avail - n - 1;
		qrows = qrows < room ? qrows : room > avail / 2 ? room : avail / 2;
	}
	lo->text = (struct rect){ y, 1, avail - qrows - (qrows ? 1 : 0), textw };
	if (lo->text.h < 0)
		lo->text.h = 0;
	if (qrows) {
		/* the quiz block right under the question when the text is short */
		int n = screen_lesson_narrative_lines(app, textw);
		if (n < lo->text.h)
			lo->text.h = n;
		lo->quiz = (struct rect){ y + lo->text.h + (lo->text.h ? 1 : 0), 1, qrows, textw };
	}
}

/* The narrative: the step's body, and a quiz's question after it.
 * Returns a malloc'd string (NULL when out of memory). */
char *screen_lesson_narrative(const struct app *app)
{
	const struct step *s = screen_lesson_cur_step(app);
	const char *body = text_get(&s->body, app->lang);
	const char *q = s->kind == STEP_QUIZ && app->ls->quiz.have
			? text_get(&app->ls->quiz.qi.question, app->lang) : "";
	size_t n = strlen(body) + strlen(q) + 3;
	char *out = malloc(n);

	if (out)
		snprintf(out, n, "%s%s%s", body, *body && *q ? "\n\n" : "", q);
	return out;
}

int screen_lesson_narrative_lines(const struct app *app, int width)
{
	char *t = screen_lesson_narrative(app);
	int n = t ? draw_text_lines(t, width, &app->theme) : 0;

	free(t);
	return n;
}
