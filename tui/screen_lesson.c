/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson.c - the lesson player: one step at a time, walks animated
 * level by level, quizzes typed and graded by the engine.
 *
 *   title bar: lesson title, step k/N, arch, animation speed
 *   top:       the step's picture (address bar, walk diagram, fault, ...)
 *   heading + narrative (scrollable), quiz field; code pane below or beside
 *   status line, key hints
 */
#include "app.h"
#include "catalog.h"
#include "draw_tables.h"
#include "keybar.h"
#include "screen_replay.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const struct step *cur_step(const struct app *app)
{
	const struct lesson *l = app->ls.lesson;

	return l ? &l->steps[app->ls.step] : NULL;
}

/* The arch a step is about (for the title bar and its pictures). */
static const struct arch *step_arch(const struct app *app, const struct step *s)
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

	an->frames = step_frames(cur_step(app));
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

static void save_progress(struct app *app)
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
static struct progress_quiz *quiz_record(struct app *app)
{
	return progress_quiz_of(&app->ls.prog, (unsigned)app->ls.step + 1);
}

static void enter_step(struct app *app, size_t idx)
{
	struct lesson_state *ls = &app->ls;
	const struct step *s;

	quiz_reset(app);
	ls->ended = false;
	ls->step = idx;
	ls->scroll = 0;
	ls->focus = FOCUS_NONE;
	ls->input.len = 0;
	ls->input.buf[0] = '\0';
	ls->have_fields = false;
	s = cur_step(app);
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
		if (quiz_instance(s, ls->seed + idx, &ls->quiz.qi, &d) == 0) {
			/* tries, hints and the result stay with the quiz across
			 * visits and runs; typing starts with a digit or Enter */
			const struct progress_quiz *r = quiz_record(app);
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
	save_progress(app);
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
				       "ステップ %u から再開しました（g 1 Enter で最初から）。"), p.step);
		}
	}
	app->ls.prog.have_seed = true;
	app->ls.prog.seed = app->ls.seed;
	enter_step(app, start);
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
static unsigned lesson_ctx(const struct app *app)
{
	return app->ls.focus == FOCUS_NONE ? CTX_LESSON : CTX_INPUT;
}

/* ---- layout ----------------------------------------------------------- */

struct layout {
	struct rect top;       /* the step's picture */
	struct rect heading;   /* one row: heading and scroll mark */
	struct rect text;      /* narrative */
	struct rect quiz;      /* quiz field, feedback, hints (inside the text column) */
	struct rect code;      /* code pane; h == 0 when none */
};

/* The boxed walk diagram when the terminal has room for it (e.g. 132x43);
 * the one-row-per-level diagram otherwise (80x24). */
static bool want_boxes(void)
{
	return LINES >= 40 && COLS >= 100;
}

/* Point v at the failure reason in the player's language (the engine's
 * walk carries it in English); buf holds the text. */
static void view_reason(const struct app *app, struct walk_view *v, char *buf, size_t len)
{
	if (app->lang != LANG_EN && v->walk->status != WALK_OK) {
		replay_walk_reason(v->walk, app->lang, buf, len);
		v->reason = buf;
	}
}

/* Rows a walk diagram takes at width (boxed when want_boxes and it fits). */
static int walk_rows_at(enum lang lang, const struct arch *a, const struct walk *w,
			int width, bool note)
{
	struct walk_view v = { .arch = a, .walk = w, .revealed = -1, .current = -1,
			       .mark = note ? 0 : -1, .mark_note = note ? "" : NULL,
			       .boxes = want_boxes(), .lang = lang };

	return draw_walk_rows(&v, width);
}

/* The retried walk's step that the sync wrote (marked), or -1. */
static int sync_mark(const struct step_fault *f)
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
	return 3 + walk_rows_at(lang, r->arch, &r->walk, width, false) + (int)r->nwrites +
	       (r->nwrites_all > r->nwrites) + 1;
}

/* Rows the step's picture wants at width w. */
static int top_rows(const struct app *app, const struct step *s, int width)
{
	const struct lesson_state *ls = &app->ls;
	struct addr_view av = { .arch = step_arch(app, s), .f = &ls->fields, .highlight = -1,
				.lang = app->lang };
	int addr = ls->have_fields ? draw_addr_height(&av, width) : 0;

	switch (s->kind) {
	case STEP_SPLIT:
		return addr + 1;
	case STEP_WALK:
		return addr + walk_rows_at(app->lang, s->u.walk.setup.arch, &s->u.walk.walk, width, false) + 1;
	case STEP_FAULT: {
		const struct step_fault *f = &s->u.fault;
		int brows = walk_rows_at(app->lang, f->setup.arch, &f->before, width, false);
		if (f->synced && brows < draw_tables_height())
			brows = draw_tables_height();
		return addr + 2 + brows +
		       (f->retried ? walk_rows_at(app->lang, f->setup.arch, &f->after, width,
						  sync_mark(f) >= 0) : f->synced) + 1;
	}
	case STEP_REPLAY:
		return addr + replay_rows(app->lang, &s->u.replay, width) + 1;
	case STEP_COMPARE: {
		int rows = 1;
		for (size_t i = 0; i < s->u.compare.narch; i++) {
			struct addr_view cv = { .arch = s->u.compare.arch[i],
						.f = &s->u.compare.fields[i], .highlight = -1,
						.lang = app->lang };
			rows += 1 + (s->u.compare.fits[i] ? draw_addr_height(&cv, width)
				     : text_lines_plain(s->u.compare.why[i], width - 2, &app->theme));
		}
		return rows;
	}
	default:
		return 0;
	}
}

/* Rows of the quiz block: the field, the feedback, the hints shown. */
static int quiz_rows(const struct app *app, int width)
{
	const struct quiz_state *q = &app->ls.quiz;
	const struct step *s = cur_step(app);
	int rows = 1;

	if (s->kind != STEP_QUIZ)
		return 0;
	if (!q->have)
		return text_lines(q->error, width, &app->theme);
	if (*quiz_base_text(&q->qi, app->lang) && !q->solved && !q->revealed)
		rows += text_lines(quiz_base_text(&q->qi, app->lang), width, &app->theme);
	if (q->graded)
		rows += text_lines(q->grade.feedback[app->lang], width - 2, &app->theme);
	else if (q->solved || q->revealed)
		rows++;
	if (q->revealed || q->solved)
		rows++;
	if (q->revealed) {
		char sol[1600];
		quiz_solution(&q->qi, app->lang, sol, sizeof sol);
		rows += text_lines_plain(sol, width - 2, &app->theme);
	}
	for (int i = 0; i < q->hints && (size_t)i < s->u.quiz.nhints; i++)
		rows += text_lines(text_get(&s->u.quiz.hints[i], app->lang), width - 8,
				   &app->theme);
	return rows;
}

static int narrative_lines(const struct app *app, int width);

static void layout_of(const struct app *app, struct layout *lo)
{
	const struct step *s = cur_step(app);
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
	textw = side ? (COLS - 3) * 5 / 11 : COLS - 2;
	if (code && !side) {
		int want = (int)(s->code.ex->nlines ? s->code.ex->nlines : 4) + 1, h = avail / 2;
		if (want < h)
			h = want;
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
		int n = narrative_lines(app, textw), room = avail - n - 1;
		qrows = qrows < room ? qrows : room > avail / 2 ? room : avail / 2;
	}
	lo->text = (struct rect){ y, 1, avail - qrows - (qrows ? 1 : 0), textw };
	if (lo->text.h < 0)
		lo->text.h = 0;
	if (qrows) {
		/* the quiz block right under the question when the text is short */
		int n = narrative_lines(app, textw);
		if (n < lo->text.h)
			lo->text.h = n;
		lo->quiz = (struct rect){ y + lo->text.h + (lo->text.h ? 1 : 0), 1, qrows, textw };
	}
}

/* The narrative: the step's body, and a quiz's question after it.
 * Returns a malloc'd string (NULL when out of memory). */
static char *narrative(const struct app *app)
{
	const struct step *s = cur_step(app);
	const char *body = text_get(&s->body, app->lang);
	const char *q = s->kind == STEP_QUIZ && app->ls.quiz.have
			? text_get(&app->ls.quiz.qi.question, app->lang) : "";
	size_t n = strlen(body) + strlen(q) + 3;
	char *out = malloc(n);

	if (out)
		snprintf(out, n, "%s%s%s", body, *body && *q ? "\n\n" : "", q);
	return out;
}

static int narrative_lines(const struct app *app, int width)
{
	char *t = narrative(app);
	int n = t ? text_lines(t, width, &app->theme) : 0;

	free(t);
	return n;
}

/* ---- drawing ---------------------------------------------------------- */

static void draw_title(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct lesson *l = app->ls.lesson;
	attr_t at = theme_attr(th, ROLE_TITLE);
	char right[160];
	int rw;

	const char *title = text_get(&l->title, app->lang);
	int tw = text_width(title, th);

	draw_clear(w, (struct rect){ 0, 0, 1, COLS }, at);
	/* the title comes first: the speed, then the arch make room for it */
	for (int form = 0; form < 3; form++) {
		if (form == 0)
			snprintf(right, sizeof right, TR(app, "step %zu/%zu  %s  speed %d/%d ",
							 "ステップ %zu/%zu  %s  速度 %d/%d "),
				 app->ls.step + 1, l->nsteps, step_arch(app, cur_step(app))->name,
				 app->anim.speed, ANIM_SPEEDS);
		else if (form == 1)
			snprintf(right, sizeof right, TR(app, "step %zu/%zu  %s ", "ステップ %zu/%zu  %s "),
				 app->ls.step + 1, l->nsteps, step_arch(app, cur_step(app))->name);
		else
			snprintf(right, sizeof right, TR(app, "step %zu/%zu ", "ステップ %zu/%zu "),
				 app->ls.step + 1, l->nsteps);
		rw = text_width(right, th);
		if (tw <= COLS - rw - 3)
			break;
	}
	draw_str(w, 0, 1, COLS - rw - 3, title, at, th);
	draw_str(w, 0, COLS - rw, rw, right, at, th);
}

static int field_highlight(const struct step *s, const struct walk *wk, int frame)
{
	if (s->kind == STEP_SPLIT) {
		const struct arch *a = s->u.split.arch;
		int k = 0;
		for (int lv = 0; lv < LEVEL_COUNT; lv++) {
			if (a->level[lv].folded)
				continue;
			if (++k == frame)
				return lv;
		}
		return frame == k + 1 ? LEVEL_COUNT : -1;
	}
	if (wk && frame >= 1 && frame <= wk->nsteps) {
		const struct walk_step *st = &wk->step[frame - 1];
		return st->folded ? -1 : (int)st->level;
	}
	return -1;
}

/* Entries of a fault step's memory: the process's table after the sync
 * once it has copied, the master's as it was (the sync never writes it). */
struct sync_mem {
	const struct step_fault *f;
	bool written;
};

static bool sync_read(const void *ctx, bool left, uint64_t pa, uint64_t *val)
{
	const struct sync_mem *m = ctx;
	const struct physmem *pm = left && m->written ? m->f->mem_after : m->f->setup.mem;

	*val = physmem_read(pm, pa, m->f->setup.arch->entry_size);
	return true;
}

/* vmalloc_sync_one as the replayer draws it: the process's table beside
 * the master's, the slot's value in flight on the sync frame, then marked
 * copied; when the master has no entry, nothing moves. */
static void draw_sync_tables(const struct app *app, WINDOW *w, struct rect r, int frame)
{
	const struct step_fault *f = &cur_step(app)->u.fault;
	bool flight = app->anim.running && frame == f->before.nsteps + 3;
	struct sync_mem m = { f, f->copied && !flight };
	struct tables_view tv;
	char lt[80], rt[80], note[80];

	tables_view_place(&tv, f->setup.arch, f->sync.pmd_pa, f->sync.pmd_k_pa, sync_read, &m);
	tables_view_name(&tv, app->lang, -1, f->addr, (int)f->setup.arch->word_bits / 4, lt, rt,
			 sizeof lt, note, sizeof note);
	tv.no_master = f->sync.result == SYNC_NO_MASTER;
	tv.value = f->copied ? f->sync.new_value
		   : physmem_read(f->setup.mem, f->sync.pmd_k_pa, f->setup.arch->entry_size);
	tv.phase = !f->copied ? TV_BEFORE : flight ? TV_COPYING : TV_COPIED;
	draw_tables(w, r, &tv, &app->theme);
}

/* The fault step's first line: the error code in words and where
 * do_page_fault sends it (the bit names only when narrow). */
static void draw_fault_route(const struct app *app, WINDOW *w, struct rect r, int y,
			     const struct theme *th)
{
	const struct step_fault *f = &cur_step(app)->u.fault;
	char buf[300], line[500];

	replay_error_words(f->error_code, app->lang, buf, sizeof buf);
	snprintf(line, sizeof line, TR(app, "do_page_fault: error code 0x%" PRIx32 " (%s) -> %s",
				       "do_page_fault: エラーコード 0x%" PRIx32 "（%s）-> %s"),
		 f->error_code, buf, fault_path_name(f->path));
	if (text_width(line, th) > r.w) {
		pf_names(f->error_code, buf, sizeof buf);
		snprintf(line, sizeof line, TR(app, "do_page_fault: error code 0x%" PRIx32
					       " (%s) -> %s", "do_page_fault: エラーコード 0x%"
					       PRIx32 "（%s）-> %s"),
			 f->error_code, buf, fault_path_name(f->path));
	}
	draw_str(w, y, r.x, r.w, line, theme_attr(th, ROLE_HEADING), th);
}

/* The vmalloc_sync_one line: the slot, the result, and the copy or the two
 * values (a shorter form when narrow). */
static void draw_fault_sync(const struct app *app, WINDOW *w, struct rect r, int y,
			    const struct theme *th)
{
	const struct step_fault *f = &cur_step(app)->u.fault;
	attr_t a = theme_attr(th, f->retried ? ROLE_GOOD : ROLE_ERROR);
	const char *res = sync_result_words(f->sync.result, app->lang);
	char full[300], short_[300];
	const char *forms[] = { full, short_, NULL };

	if (f->copied) {
		snprintf(full, sizeof full, "vmalloc_sync_one [%u]: %s; pmd 0x%" PRIx64
			 " <- init_mm 0x%" PRIx64 " = 0x%" PRIx64, f->sync.index, res,
			 f->sync.pmd_pa, f->sync.pmd_k_pa, f->sync.new_value);
		snprintf(short_, sizeof short_, "vmalloc_sync_one [%u]: %s; 0x%" PRIx64
			 " <- 0x%" PRIx64, f->sync.index, res, f->sync.pmd_pa, f->sync.pmd_k_pa);
	} else {
		snprintf(full, sizeof full, "vmalloc_sync_one [%u]: %s; pmd 0x%" PRIx64
			 " = 0x%" PRIx64 ", init_mm 0x%" PRIx64, f->sync.index, res,
			 f->sync.pmd_pa, f->sync.old_value, f->sync.pmd_k_pa);
		snprintf(short_, sizeof short_, "vmalloc_sync_one [%u]: %s; 0x%" PRIx64
			 " = 0x%" PRIx64, f->sync.index, res, f->sync.pmd_pa, f->sync.old_value);
	}
	draw_first_fit(w, y, r.x, r.w, a, th, forms);
}

static void draw_fault(const struct app *app, WINDOW *w, struct rect r, int y,
		       const struct theme *th)
{
	const struct step_fault *f = &cur_step(app)->u.fault;
	int frame = app->anim.running ? app->anim.frame : app->anim.frames;
	int nb = f->before.nsteps;
	int end = r.y + r.h;
	bool after = f->retried && frame >= nb + 4;
	int brows = walk_rows_at(app->lang, f->setup.arch, &f->before, r.w, false);
	int arows = f->retried ? walk_rows_at(app->lang, f->setup.arch, &f->after, r.w, sync_mark(f) >= 0) : 0;
	bool both = f->retried && brows + arows + 2 <= end - y;
	/* from the sync on, the two tables stand where the first walk was */
	bool tables = f->synced && frame >= nb + 3;
	int trows = draw_tables_height();
	bool both_t = f->retried && trows + arows + 2 <= end - y;
	struct walk_view bv = { .arch = f->setup.arch, .walk = &f->before,
				.revealed = frame < nb + 1 ? frame : nb + 1,
				.current = frame >= 1 && frame <= nb ? frame - 1 : -1,
				.mark = -1, .title = TR(app, "access", "アクセス"),
				.boxes = want_boxes(),
				.lang = app->lang };

	if (frame >= nb + 2 && f->faulted && y < end)
		draw_fault_route(app, w, r, y, th);
	y++;
	if (f->synced && frame >= nb + 3 && y < end)
		draw_fault_sync(app, w, r, y, th);
	y++;
	if (tables && after && !both_t && app->anim.running)
		tables = false;   /* the retry animates in the tables' room */
	if (tables) {
		draw_sync_tables(app, w, (struct rect){ y, r.x, trows, r.w }, frame);
		y += trows;
	} else if (!after || both) {
		{
			char why[200];
			view_reason(app, &bv, why, sizeof why);
			draw_walk(w, (struct rect){ y, r.x, after ? brows : end - y, r.w }, &bv, th);
		}
		y += brows;
	}
	if (f->synced && !f->retried && frame >= nb + 4 && y < end)
		draw_str(w, y, r.x, r.w, TR(app, "vmalloc_fault returns -1: no retry; no_context: "
					    "the kernel oopses",
					    "vmalloc_fault は -1 を返す: 再試行なし。no_context: "
					    "カーネルは oops"),
			 theme_attr(th, ROLE_ERROR), th);
	if (after && y < end && (!tables || both_t)) {
		int fr = frame - (nb + 4);
		struct walk_view av = { .arch = f->setup.arch, .walk = &f->after,
					.revealed = fr, .current = fr >= 1 && fr <= f->after.nsteps ? fr - 1 : -1,
					.mark = sync_mark(f), .title = TR(app, "retry", "再試行"),
					.boxes = want_boxes(),
				.lang = app->lang };
		av.mark_note = f->copied ? TR(app, "copied from init_mm", "init_mm からコピー")
					 : TR(app, "already equal to init_mm's", "init_mm のものと同じ");
		if (!app->anim.running)
			av.revealed = -1;
		{
			char why[200];
			view_reason(app, &av, why, sizeof why);
			draw_walk(w, (struct rect){ y, r.x, end - y, r.w }, &av, th);
		}
	}
}

/* The route line: our guest's traces name do_page_fault's route; a trace
 * of Linux gives the recorded call chain, shortened to its deepest frame
 * when the row is narrow. */
static void draw_replay_route(const struct app *app, WINDOW *w, struct rect r,
			      const struct step_replay *rp, const struct theme *th)
{
	const char *out = rp->outcome ? trace_outcome_name(rp->outcome) : "";
	char full[760], mid[400], route[200];
	const char *forms[] = { full, mid, route, NULL };

	snprintf(route, sizeof route, "%s%s%s", fault_path_name(rp->path), *out ? "; " : "", out);
	if (!rp->calls[0]) {
		draw_fmt(w, r.y, r.x, r.w, A_NORMAL, th, "do_page_fault -> %s", route);
		return;
	}
	snprintf(full, sizeof full, "%s: %s", route, rp->calls);
	snprintf(mid, sizeof mid, TR(app, "%s: ... > %s", "%s: … > %s"), route, rp->deepest);
	draw_first_fit(w, r.y, r.x, r.w, A_NORMAL, th, forms);
}

/* The recorded fault of a replay step, all from the trace. */
static void draw_replay_step(const struct app *app, WINDOW *w, struct rect r, int y,
			     const struct theme *th)
{
	const struct step_replay *rp = &cur_step(app)->u.replay;
	int end = r.y + r.h, ad = (int)rp->arch->word_bits / 4, ed = (int)rp->arch->entry_size * 2;
	char words[200], line[600];
	struct walk_view wv = { .arch = rp->arch, .walk = &rp->walk, .revealed = -1,
				.current = -1, .mark = -1, .title = TR(app, "recorded", "記録"),
				.boxes = want_boxes(),
				.lang = app->lang };

	if (y < end) {
		char full[600], short_[600];
		const char *forms[] = { full, short_, NULL };
		snprintf(full, sizeof full, TR(app, "Recorded fault: %s, event %llu of %zu (%s, pid %u)",
					       "記録されたフォルト: %s のイベント %llu / %zu（%s、pid %u）"),
			 rp->trace_shown, (unsigned long long)rp->seq, rp->nevents, rp->source,
			 (unsigned)rp->pid);
		snprintf(short_, sizeof short_, TR(app, "Recorded fault: %s, event %llu of %zu",
						   "記録されたフォルト: %s のイベント %llu / %zu"),
			 rp->trace_shown, (unsigned long long)rp->seq, rp->nevents);
		draw_first_fit(w, y, r.x, r.w, theme_attr(th, ROLE_HEADING), th, forms);
	}
	y++;
	replay_error_words(rp->error_code, app->lang, words, sizeof words);
	snprintf(line, sizeof line, TR(app, "cr2 0x%0*" PRIx64 "  cr3 0x%0*" PRIx64 "  error code 0x%"
				       PRIx32 " (%s)", "cr2 0x%0*" PRIx64 "  cr3 0x%0*" PRIx64
				       "  エラーコード 0x%" PRIx32 "（%s）"),
		 ad, rp->cr2, ad, rp->cr3, rp->error_code, words);
	if (text_width(line, th) > r.w) {
		pf_names(rp->error_code, words, sizeof words);
		snprintf(line, sizeof line, "cr2 0x%0*" PRIx64 "  cr3 0x%0*" PRIx64 "  error 0x%"
			 PRIx32 " (%s)", ad, rp->cr2, ad, rp->cr3, rp->error_code, words);
	}
	if (y < end)
		draw_str(w, y, r.x, r.w, line, A_BOLD, th);
	y++;
	if (y < end)
		draw_replay_route(app, w, (struct rect){ y, r.x, 1, r.w }, rp, th);
	y++;
	if (y < end)
		{
			char why[200];
			view_reason(app, &wv, why, sizeof why);
			draw_walk(w, (struct rect){ y, r.x, end - y, r.w }, &wv, th);
		}
	y += walk_rows_at(app->lang, rp->arch, &rp->walk, r.w, false);
	for (size_t i = 0; i < rp->nwrites && y < end; i++, y++) {
		const struct trace_write *wr = &rp->writes[i];
		int x = r.x + draw_fmt(w, y, r.x, r.w, A_NORMAL, th, "set 0x%0*" PRIx64 ": ", ad,
				       wr->pa);
		x += draw_fmt(w, y, x, r.x + r.w - x, A_BOLD, th, "0x%0*" PRIx64 " -> 0x%0*" PRIx64,
			      ed, wr->old_value, ed, wr->new_value);
		if (wr->from != TRACE_NO_ADDR) {
			char full[200], mid[200];
			const char *forms[] = { full, mid, TR(app, "  copied", "  コピー"), NULL };
			snprintf(full, sizeof full, TR(app, "  copied from init_mm entry 0x%0*" PRIx64
						      " (init_mm.pgd 0x%0*" PRIx64 ")",
						      "  init_mm のエントリ 0x%0*" PRIx64 " からコピー（init_mm.pgd 0x%0*"
						      PRIx64 "）"), ad, wr->from, ad, rp->master_pgd);
			snprintf(mid, sizeof mid, TR(app, "  copied from init_mm 0x%0*" PRIx64,
						     "  init_mm 0x%0*" PRIx64 " からコピー"), ad, wr->from);
			draw_first_fit(w, y, x, r.x + r.w - x, theme_attr(th, ROLE_GOOD), th, forms);
		}
	}
	if (rp->nwrites_all > rp->nwrites && y < end)
		draw_fmt(w, y++, r.x, r.w, theme_attr(th, ROLE_DIM), th,
			 TR(app, "... %zu more writes", "… ほかに %zu 件の書き込み"),
			 rp->nwrites_all - rp->nwrites);
	if (y < end)
		draw_str(w, y, r.x, r.w, TR(app, "r or Enter: open this fault in the replayer (q there comes back here)",
					    "r か Enter: このフォルトをリプレイヤーで開く（そこで q を押すとここへ戻る）"),
			 theme_attr(th, ROLE_HINT), th);
}

static void draw_compare(const struct app *app, WINDOW *w, struct rect r,
			 const struct theme *th)
{
	const struct step_compare *c = &cur_step(app)->u.compare;
	int y = r.y, end = r.y + r.h;

	for (size_t i = 0; i < c->narch && y < end; i++) {
		struct addr_view av = { .arch = c->arch[i], .f = &c->fields[i], .highlight = -1,
					.lang = app->lang };
		int h;
		draw_str(w, y++, r.x, r.w, c->arch[i]->title, theme_attr(th, ROLE_HEADING), th);
		if (!c->fits[i]) {
			int n = text_lines_plain(c->why[i], r.w - 2, th);
			if (n > end - y)
				n = end - y;
			if (n > 0)
				draw_text_plain(w, (struct rect){ y, r.x + 2, n, r.w - 2 }, c->why[i], 0,
						theme_attr(th, ROLE_DIM), th);
			y += n;
			continue;
		}
		h = draw_addr_height(&av, r.w - 2);
		if (h > end - y)
			h = end - y;
		draw_addr(w, (struct rect){ y, r.x + 2, h, r.w - 2 }, &av, th);
		y += h;
	}
}

static void draw_top(const struct app *app, WINDOW *w, struct rect r)
{
	const struct theme *th = &app->theme;
	const struct step *s = cur_step(app);
	const struct lesson_state *ls = &app->ls;
	int frame = app->anim.running || ls->stepping ? app->anim.frame : -1;
	const struct walk *wk = s->kind == STEP_WALK ? &s->u.walk.walk
				: s->kind == STEP_FAULT ? &s->u.fault.before : NULL;
	int y = r.y;

	if (r.h <= 0)
		return;
	if (s->kind == STEP_COMPARE) {
		draw_compare(app, w, r, th);
		return;
	}
	if (ls->have_fields) {
		struct addr_view av = { .arch = step_arch(app, s), .f = &ls->fields,
					.highlight = frame >= 0 ? field_highlight(s, wk, frame) : -1,
					.lang = app->lang };
		int h = draw_addr_height(&av, r.w);
		if (h > r.h)
			h = r.h;
		draw_addr(w, (struct rect){ y, r.x, h, r.w }, &av, th);
		y += h;
	}
	if (s->kind == STEP_WALK) {
		struct walk_view wv = { .arch = s->u.walk.setup.arch, .walk = wk,
					.revealed = frame, .current = frame >= 1 ? frame - 1 : -1,
					.mark = -1, .boxes = want_boxes(),
				.lang = app->lang };
		if (frame > wk->nsteps)
			wv.current = -1;
		{
			char why[200];
			view_reason(app, &wv, why, sizeof why);
			draw_walk(w, (struct rect){ y, r.x, r.y + r.h - y, r.w }, &wv, th);
		}
	} else if (s->kind == STEP_FAULT) {
		draw_fault(app, w, r, y, th);
	} else if (s->kind == STEP_REPLAY) {
		draw_replay_step(app, w, r, y, th);
	}
}

static void draw_quiz(const struct app *app, WINDOW *w, struct rect r)
{
	const struct theme *th = &app->theme;
	const struct quiz_state *q = &app->ls.quiz;
	const struct step *s = cur_step(app);
	int y = r.y, end = r.y + r.h, x;
	bool focus = app->ls.focus == FOCUS_ANSWER;

	if (r.h <= 0)
		return;
	if (!q->have) {
		draw_text(w, r, q->error, 0, theme_attr(th, ROLE_ERROR), th);
		return;
	}
	x = r.x + draw_str(w, y, r.x, r.w, TR(app, "Answer: ", "答え: "), A_BOLD, th);
	draw_clear(w, (struct rect){ y, x, 1, r.x + r.w - x > 30 ? 30 : r.x + r.w - x },
		   focus ? theme_attr(th, ROLE_INPUT) : theme_attr(th, ROLE_DIM));
	x += draw_str(w, y, x, 29, app->ls.input.buf,
		      focus ? theme_attr(th, ROLE_INPUT) : theme_attr(th, ROLE_DIM), th);
	if (focus)
		draw_str(w, y, x, 1, "_", theme_attr(th, ROLE_INPUT) | A_BLINK, th);
	else if (!q->solved && !q->revealed && !app->ls.input.len)
		draw_str(w, y, x, r.x + r.w - x < 29 ? r.x + r.w - x : 29,
			 TR(app, "a digit or Enter", "数字か Enter で入力"), theme_attr(th, ROLE_DIM), th);
	x = r.x + 32 + (int)strlen(TR(app, "Answer: ", "答え: "));
	if (x < r.x + r.w && !q->solved && !q->revealed)
		draw_fmt(w, y, x, r.x + r.w - x, theme_attr(th, ROLE_DIM), th,
			 TR(app, "try %d, answer shown after %d", "%d 回目、%d 回で答えを表示"),
			 q->tries + 1 > QUIZ_REVEAL_AFTER ? QUIZ_REVEAL_AFTER : q->tries + 1,
			 QUIZ_REVEAL_AFTER);
	y++;
	if (*quiz_base_text(&q->qi, app->lang) && !q->solved && !q->revealed && y < end)
		y += draw_text(w, (struct rect){ y, r.x, 1, r.w }, quiz_base_text(&q->qi, app->lang), 0,
			       theme_attr(th, ROLE_DIM), th);
	if (!q->graded && (q->solved || q->revealed) && y < end) {
		/* back on a quiz answered earlier */
		draw_fmt(w, y++, r.x, r.w, theme_attr(th, ROLE_DIM), th,
			 q->solved ? TR(app, "Answered right after %d wrong tr%s.",
					"%d 回間違えた後に正解しました%s。")
			 : TR(app, "The answer was shown after %d wrong tr%s.",
			      "%d 回間違えて答えを表示しました%s。"),
			 q->tries, app->lang == LANG_JA ? "" : q->tries == 1 ? "y" : "ies");
	}
	if (q->graded && y < end) {
		bool right = q->grade.result == GRADE_RIGHT, wrong = q->grade.result == GRADE_WRONG;
		/* not read, or right in the other base: no try used, no ✗ */
		const char *mark = right ? (th->utf8 ? "✓" : "+") : wrong ? (th->utf8 ? "✗" : "X")
				   : (th->utf8 ? "•" : "*");
		attr_t at = theme_attr(th, right ? ROLE_GOOD : wrong ? ROLE_ERROR : ROLE_HEADING);
		draw_str(w, y, r.x, 2, mark, at, th);
		y += draw_text(w, (struct rect){ y, r.x + 2, end - y, r.w - 2 },
			       q->grade.feedback[app->lang], 0, at, th);
	}
	if ((q->revealed || q->solved) && y < end) {
		draw_fmt(w, y, r.x, r.w, theme_attr(th, q->solved ? ROLE_GOOD : ROLE_HEADING), th,
			 "%s %s%s", TR(app, "Answer:", "正解:"), q->qi.answer_text,
			 TR(app, "   (n: next step)", "   （n: 次へ）"));
		y++;
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

static bool code_hl(const void *ctx, unsigned line)
{
	return code_view_highlighted(ctx, line);
}

static void draw_code_pane(const struct app *app, WINDOW *w, struct rect r)
{
	const struct code_view *cv = &cur_step(app)->code;
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
	unsigned ctx = lesson_ctx(app);

	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	if (app->ls.focus == FOCUS_ANSWER)
		keybar_draw(w, LINES - 1, COLS, ctx, TR(app, "type the answer", "答えを入力"),
			    BAR(answer_bar), app->lang, th);
	else if (app->ls.focus == FOCUS_GOTO)
		keybar_draw(w, LINES - 1, COLS, ctx, TR(app, "type a step number", "ステップ番号を入力"),
			    BAR(goto_bar), app->lang, th);
	else if (app->ls.focus == FOCUS_SEARCH)
		keybar_draw(w, LINES - 1, COLS, ctx, TR(app, "type words to find", "探す言葉を入力"),
			    BAR(search_bar), app->lang, th);
	else if (cur_step(app)->kind == STEP_REPLAY)
		keybar_draw(w, LINES - 1, COLS, ctx, NULL, BAR(replay_step_bar), app->lang, th);
	else
		keybar_draw(w, LINES - 1, COLS, ctx, NULL, BAR(step_bar), app->lang, th);
}

static void draw_status(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;

	if (app->ls.focus == FOCUS_GOTO) {
		draw_fmt(w, LINES - 2, 1, COLS - 2, A_BOLD, th,
			 TR(app, "Go to step (1-%zu): %s_", "移動先のステップ (1-%zu): %s_"),
			 app->ls.lesson->nsteps, app->ls.input.buf);
	} else if (app->ls.focus == FOCUS_SEARCH) {
		draw_fmt(w, LINES - 2, 1, COLS - 2, A_BOLD, th, "/%s_", app->ls.input.buf);
	} else {
		app_draw_status(app, w);
	}
}

/* The end of the lesson: how the quizzes went, what it covered, the next
 * lesson. A malloc'd paragraph text; NULL when out of memory. */
static char *summary_text(const struct app *app)
{
	const struct lesson_state *ls = &app->ls;
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
		draw_text_scroll(w, r, text, app->ls.scroll, A_NORMAL, th);
	free(text);
	app_draw_status(app, w);
	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	keybar_draw(w, LINES - 1, COLS, CTX_LESSON, NULL, BAR(summary_bar), app->lang, th);
}

static void lesson_draw(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct step *s = cur_step(app);
	struct layout lo;
	char *text;
	const char *heading = text_get(&s->heading, app->lang);
	int total = 0;

	if (app->ls.ended) {
		draw_title(app, w);
		draw_summary(app, w);
		return;
	}
	layout_of(app, &lo);
	draw_title(app, w);
	draw_top(app, w, lo.top);
	text = narrative(app);
	if (text)
		total = draw_text_scroll(w, lo.text, text, app->ls.scroll, A_NORMAL, th);
	free(text);
	if (!*heading)
		heading = s->kind == STEP_QUIZ ? TR(app, "Quiz", "クイズ") : "";
	draw_clear(w, lo.heading, A_NORMAL);
	draw_str(w, lo.heading.y, lo.heading.x, lo.heading.w - 12, heading,
		 theme_attr(th, ROLE_HEADING), th);
	if (total > lo.text.h)
		draw_fmt(w, lo.heading.y, lo.heading.x + lo.heading.w - 11, 11,
			 theme_attr(th, ROLE_DIM), th, "%s %d/%d",
			 app->ls.scroll + lo.text.h < total ? "j" : "k",
			 app->ls.scroll + 1, total - lo.text.h + 1);
	draw_quiz(app, w, lo.quiz);
	draw_code_pane(app, w, lo.code);
	draw_status(app, w);
	draw_hints(app, w);
}

/* ---- keys ------------------------------------------------------------- */


static void scroll_by(struct app *app, int d)
{
	struct layout lo;
	int max;

	layout_of(app, &lo);
	max = narrative_lines(app, lo.text.w) - lo.text.h;
	app->ls.scroll += d;
	if (app->ls.scroll > max)
		app->ls.scroll = max;
	if (app->ls.scroll < 0)
		app->ls.scroll = 0;
}

static void quiz_note(struct app *app);

static void show_hint(struct app *app)
{
	const struct step *s = cur_step(app);
	struct quiz_state *q = &app->ls.quiz;

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
	const struct quiz_state *q = &app->ls.quiz;
	struct progress_quiz *r = quiz_record(app);

	if (!r)
		return;
	r->tries = (unsigned)q->tries;
	r->hints = (unsigned)q->hints;
	r->result = q->solved ? QUIZ_RIGHT : q->revealed ? QUIZ_SHOWN : QUIZ_OPEN;
	save_progress(app);
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
	struct lesson_state *ls = &app->ls;
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
			enter_step(app, i);
			app_status(app, ROLE_STATUS, TR(app, "\"%s\" in step %zu of %zu (/ Enter: the next one).",
							"「%s」: ステップ %zu / %zu（/ Enter で次）。"),
				   ls->last_search, i + 1, l->nsteps);
			return;
		}
	}
	app_status(app, ROLE_ERROR, TR(app, "No step mentions \"%s\".", "「%s」を含むステップはありません。"),
		   ls->last_search);
}

static void submit(struct app *app)
{
	struct lesson_state *ls = &app->ls;
	struct quiz_state *q = &ls->quiz;

	if (ls->focus == FOCUS_SEARCH) {
		ls->focus = FOCUS_NONE;
		search_lesson(app);
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
		enter_step(app, n - 1);
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

static enum reaction input_key(struct app *app, int key)
{
	struct lesson_state *ls = &app->ls;
	enum action a = keys_action(CTX_INPUT, key);

	switch (a) {
	case ACT_SUBMIT:
		submit(app);
		break;
	case ACT_HINT:
		if (ls->focus == FOCUS_ANSWER)
			show_hint(app);
		break;
	case ACT_ERASE:
		if (ls->input.len)
			ls->input.buf[--ls->input.len] = '\0';
		break;
	case ACT_LEAVE:
		ls->focus = FOCUS_NONE;
		if (cur_step(app)->kind != STEP_QUIZ || ls->quiz.solved) {
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

/* Open the replay step's trace in the replayer at its event. The lesson
 * stays loaded underneath (app->ls); leaving the replayer resumes it. */
static void open_trace(struct app *app)
{
	const struct step_replay *rp = &cur_step(app)->u.replay;
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
	const struct step *s = cur_step(app);
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
							"エントリをもう一度読みます: 0x%llx（s で次の段）"),
				   level_name(st->level), level_name(st->level),
				   (unsigned long long)st->entry_pa, (unsigned long long)st->entry);
		else
			app_status(app, ROLE_STATUS, TR(app, "%s: index %u, the entry at 0x%llx (0x%llx + %u * %u) "
							"holds 0x%llx. (s: next level)",
							"%s: インデックス %u、0x%llx（0x%llx + %u * %u）のエントリは 0x%llx"
							"（s で次の段）"),
				   level_name(st->level), st->index, (unsigned long long)st->entry_pa,
				   (unsigned long long)st->table, st->index, s->u.walk.setup.arch->entry_size,
				   (unsigned long long)st->entry);
		return;
	}
	if (wk->status == WALK_OK)
		app_status(app, ROLE_GOOD, TR(app, "Result: frame 0x%llx + offset 0x%llx = 0x%llx. (s: again)",
					      "結果: フレーム 0x%llx + オフセット 0x%llx = 0x%llx（s でもう一度）"),
			   (unsigned long long)wk->frame, (unsigned long long)(wk->phys - wk->frame),
			   (unsigned long long)wk->phys);
	else {
		char why[200];
		replay_walk_reason(wk, app->lang, why, sizeof why);
		app_status(app, ROLE_ERROR, TR(app, "#PF, error code 0x%x: %s. (s: again)",
					       "#PF、エラーコード 0x%x: %s（s でもう一度）"), wk->error_code, why);
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
	save_progress(app);
}

static enum reaction summary_key(struct app *app, int key)
{
	struct lesson_state *ls = &app->ls;
	enum action a = keys_action(CTX_LESSON, key);
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
	const struct step *s = cur_step(app);

	if (ls->focus != FOCUS_NONE)
		return input_key(app, key);
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
	switch (keys_action(CTX_LESSON, key)) {
	case ACT_FINISH:
		anim_finish(app);
		return REACT_REDRAW;
	case ACT_NEXT:
		if (ls->step + 1 < ls->lesson->nsteps)
			enter_step(app, ls->step + 1);
		else
			end_lesson(app);
		return REACT_REDRAW;
	case ACT_BACK:
		if (ls->step > 0)
			enter_step(app, ls->step - 1);
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
		app->anim.speed += keys_action(CTX_LESSON, key) == ACT_FASTER ? 1 : -1;
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
		show_hint(app);
		return REACT_REDRAW;
	case ACT_MENU:
		if (app_open_below(app, SCREEN_HOME)) {
			app_switch(app, SCREEN_HOME);
		} else {
			app_status(app, ROLE_STATUS, "%s",
				   TR(app, "Opened directly: q quits (run pagewalk alone for the menu).",
				      "直接開いたレッスンです: q で終了（メニューは引数なしの pagewalk）。"));
		}
		return REACT_REDRAW;
	case ACT_QUIT:
		return REACT_QUIT;
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
	.help_ctx = { CTX_LESSON, CTX_INPUT },
	.help_title = { { "Lesson:", "レッスン:" },
			{ "While typing an answer or a step number:", "答え・ステップ番号の入力中:" } },
};
