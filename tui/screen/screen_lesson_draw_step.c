/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson_draw_step.c - the step's picture at the top of the lesson screen:
 * the address bar with the field being read, the walk diagram, a fault step
 * (route, vmalloc_sync_one and its tables, the retried walk), a recorded
 * fault of a replay step, and the arches a compare step sets side by side.
 * Animated by app->anim's frame; draws only.
 */
#include "screen_lesson_int.h"
#include "draw/draw_tables.h"
#include "trace/replay.h"

#include <inttypes.h>
#include <stdio.h>

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
	const struct step_fault *f = &screen_lesson_cur_step(app)->u.fault;
	bool flight = app->anim.running && frame == f->before.nsteps + 3;
	struct sync_mem m = { f, f->copied && !flight };
	struct tables_view tv;
	char lt[80], rt[80], note[80];

	draw_tables_place(&tv, f->setup.arch, f->sync.pmd_pa, f->sync.pmd_k_pa, sync_read, &m);
	draw_tables_name(&tv, app->lang, -1, f->addr, (int)f->setup.arch->word_bits / 4, lt, rt,
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
	const struct step_fault *f = &screen_lesson_cur_step(app)->u.fault;
	char buf[300], line[500];

	replay_error_words(f->error_code, app->lang, buf, sizeof buf);
	snprintf(line, sizeof line, TR(app, "do_page_fault: error code 0x%" PRIx32 " (%s) -> %s",
				       "do_page_fault: エラーコード 0x%" PRIx32 "(%s)-> %s"),
		 f->error_code, buf, fault_path_name(f->path));
	if (draw_text_width(line, th) > r.w) {
		pf_names(f->error_code, buf, sizeof buf);
		snprintf(line, sizeof line, TR(app, "do_page_fault: error code 0x%" PRIx32
					       " (%s) -> %s", "do_page_fault: エラーコード 0x%"
					       PRIx32 "(%s)-> %s"),
			 f->error_code, buf, fault_path_name(f->path));
	}
	draw_str(w, y, r.x, r.w, line, theme_attr(th, ROLE_HEADING), th);
}

/* The vmalloc_sync_one line: the slot, the result, and the copy or the two
 * values (a shorter form when narrow). */
static void draw_fault_sync(const struct app *app, WINDOW *w, struct rect r, int y,
			    const struct theme *th)
{
	const struct step_fault *f = &screen_lesson_cur_step(app)->u.fault;
	attr_t a = theme_attr(th, f->retried ? ROLE_GOOD : ROLE_ERROR);
	const char *res = sync_result_words(f->sync.result, app->lang);
	const char *sep = TR(app, "; ", "、");
	char full[300], short_[300];
	const char *forms[] = { full, short_, NULL };

	if (f->copied) {
		snprintf(full, sizeof full, "vmalloc_sync_one [%u]: %s%spmd 0x%" PRIx64
			 " <- init_mm 0x%" PRIx64 " = 0x%" PRIx64, f->sync.index, res, sep,
			 f->sync.pmd_pa, f->sync.pmd_k_pa, f->sync.new_value);
		snprintf(short_, sizeof short_, "vmalloc_sync_one [%u]: %s%s0x%" PRIx64
			 " <- 0x%" PRIx64, f->sync.index, res, sep, f->sync.pmd_pa, f->sync.pmd_k_pa);
	} else {
		snprintf(full, sizeof full, "vmalloc_sync_one [%u]: %s%spmd 0x%" PRIx64
			 " = 0x%" PRIx64 ", init_mm 0x%" PRIx64, f->sync.index, res, sep,
			 f->sync.pmd_pa, f->sync.old_value, f->sync.pmd_k_pa);
		snprintf(short_, sizeof short_, "vmalloc_sync_one [%u]: %s%s0x%" PRIx64
			 " = 0x%" PRIx64, f->sync.index, res, sep, f->sync.pmd_pa, f->sync.old_value);
	}
	draw_first_fit(w, y, r.x, r.w, a, th, forms);
}

static void draw_fault(const struct app *app, WINDOW *w, struct rect r, int y,
		       const struct theme *th)
{
	const struct step_fault *f = &screen_lesson_cur_step(app)->u.fault;
	int frame = app->anim.running || app->ls->stepping ? app->anim.frame : app->anim.frames;
	int nb = f->before.nsteps;
	int end = r.y + r.h;
	bool after = f->retried && frame >= nb + 4;
	int brows = screen_lesson_walk_rows_at(app->lang, f->setup.arch, &f->before, r.w, false);
	int arows = f->retried ? screen_lesson_walk_rows_at(app->lang, f->setup.arch, &f->after, r.w, screen_lesson_sync_mark(f) >= 0) : 0;
	bool both = f->retried && brows + arows + 2 <= end - y;
	/* from the sync on, the two tables stand where the first walk was */
	bool tables = f->synced && frame >= nb + 3;
	int trows = LINES >= 30 ? DRAW_TABLES_ROWS : DRAW_TABLES_ROWS_MIN;
	bool both_t = f->retried && trows + arows + 2 <= end - y;
	struct walk_view bv = { .arch = f->setup.arch, .walk = &f->before,
				.revealed = frame < nb + 1 ? frame : nb + 1,
				.current = frame >= 1 && frame <= nb ? frame - 1 : -1,
				.mark = -1, .title = TR(app, "access", "アクセス"),
				.boxes = screen_lesson_want_boxes(),
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
			screen_lesson_view_reason(app, &bv, why, sizeof why);
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
					.mark = screen_lesson_sync_mark(f), .title = TR(app, "retry", "再試行"),
					.boxes = screen_lesson_want_boxes(),
				.lang = app->lang };
		av.mark_note = f->copied ? TR(app, "copied from init_mm", "init_mm からコピー")
					 : TR(app, "already equal to init_mm's", "init_mm のものと同じ");
		if (!app->anim.running)
			av.revealed = -1;
		{
			char why[200];
			screen_lesson_view_reason(app, &av, why, sizeof why);
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
	const char *out = rp->outcome ? replay_outcome_words(rp->outcome, app->lang) : "";
	char full[760], mid[400], route[200];
	const char *forms[] = { full, mid, route, NULL };

	/* a trace of Linux names the route by Linux's own function */
	snprintf(route, sizeof route, "%s%s%s", rp->calls[0] ? fault_path_kernel_name(rp->path)
		 : fault_path_name(rp->path), *out ? TR(app, "; ", "、") : "", out);
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
	const struct step_replay *rp = &screen_lesson_cur_step(app)->u.replay;
	int end = r.y + r.h, ad = (int)rp->arch->word_bits / 4, ed = (int)rp->arch->entry_size * 2;
	char words[200], line[600];
	struct walk_view wv = { .arch = rp->arch, .walk = &rp->walk, .revealed = -1,
				.current = -1, .mark = -1, .title = TR(app, "recorded", "記録"),
				.boxes = screen_lesson_want_boxes(),
				.lang = app->lang };

	if (y < end) {
		char full[600], short_[600];
		const char *forms[] = { full, short_, NULL };
		snprintf(full, sizeof full, TR(app, "Recorded fault: %s, event %llu of %zu (%s, pid %u)",
					       "記録されたフォルト: %s のイベント %llu / %zu (%s、pid %u)"),
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
				       "  エラーコード 0x%" PRIx32 " (%s)"),
		 ad, rp->cr2, ad, rp->cr3, rp->error_code, words);
	if (draw_text_width(line, th) > r.w) {
		pf_names(rp->error_code, words, sizeof words);
		snprintf(line, sizeof line, TR(app, "cr2 0x%0*" PRIx64 "  cr3 0x%0*" PRIx64 "  error 0x%"
					       PRIx32 " (%s)", "cr2 0x%0*" PRIx64 "  cr3 0x%0*" PRIx64
					       "  エラー 0x%" PRIx32 " (%s)"),
			 ad, rp->cr2, ad, rp->cr3, rp->error_code, words);
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
			screen_lesson_view_reason(app, &wv, why, sizeof why);
			draw_walk(w, (struct rect){ y, r.x, end - y, r.w }, &wv, th);
		}
	y += screen_lesson_walk_rows_at(app->lang, rp->arch, &rp->walk, r.w, false);
	for (size_t i = 0; i < rp->nwrites && y < end; i++, y++) {
		const struct trace_write *wr = &rp->writes[i];
		int x = r.x + draw_fmt(w, y, r.x, r.w, A_NORMAL, th, TR(app, "set 0x%0*" PRIx64 ": ",
									  "書込 0x%0*" PRIx64 ": "), ad, wr->pa);
		x += draw_fmt(w, y, x, r.x + r.w - x, A_BOLD, th, "0x%0*" PRIx64 " -> 0x%0*" PRIx64,
			      ed, wr->old_value, ed, wr->new_value);
		if (wr->from != TRACE_NO_ADDR) {
			char full[200], mid[200];
			const char *forms[] = { full, mid, TR(app, "  copied", "  コピー"), NULL };
			snprintf(full, sizeof full, TR(app, "  copied from init_mm entry 0x%0*" PRIx64
						      " (init_mm.pgd 0x%0*" PRIx64 ")",
						      "  init_mm のエントリ 0x%0*" PRIx64 " からコピー (init_mm.pgd 0x%0*"
						      PRIx64 ")"), ad, wr->from, ad, rp->master_pgd);
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
					    "r か Enter: このフォルトをリプレイヤーで開く (そこで q を押すとここへ戻る)"),
			 theme_attr(th, ROLE_HINT), th);
}

static void draw_compare(const struct app *app, WINDOW *w, struct rect r,
			 const struct theme *th)
{
	const struct step_compare *c = &screen_lesson_cur_step(app)->u.compare;
	int y = r.y, end = r.y + r.h;

	for (size_t i = 0; i < c->narch && y < end; i++) {
		struct addr_view av = { .arch = c->arch[i], .f = &c->fields[i], .highlight = -1,
					.lang = app->lang };
		int h;
		draw_str(w, y++, r.x, r.w, arch_title(c->arch[i], app->lang), theme_attr(th, ROLE_HEADING), th);
		if (!c->fits[i]) {
			char why[300];
			int n;
			addr_fit_words(c->arch[i], c->addr, app->lang, why, sizeof why);
			n = draw_text_lines_plain(why, r.w - 2, th);
			if (n > end - y)
				n = end - y;
			if (n > 0)
				draw_text_plain(w, (struct rect){ y, r.x + 2, n, r.w - 2 }, why, 0,
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

void screen_lesson_draw_top(const struct app *app, WINDOW *w, struct rect r)
{
	const struct theme *th = &app->theme;
	const struct step *s = screen_lesson_cur_step(app);
	const struct lesson_state *ls = app->ls;
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
		struct addr_view av = { .arch = screen_lesson_step_arch(app, s), .f = &ls->fields,
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
					.mark = -1, .boxes = screen_lesson_want_boxes(),
				.lang = app->lang };
		if (frame > wk->nsteps)
			wv.current = -1;
		{
			char why[200];
			screen_lesson_view_reason(app, &wv, why, sizeof why);
			draw_walk(w, (struct rect){ y, r.x, r.y + r.h - y, r.w }, &wv, th);
		}
	} else if (s->kind == STEP_FAULT) {
		draw_fault(app, w, r, y, th);
	} else if (s->kind == STEP_REPLAY) {
		draw_replay_step(app, w, r, y, th);
	}
}
