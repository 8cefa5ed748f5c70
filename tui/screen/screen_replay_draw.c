/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay_draw.c - the trace replayer's screen, drawn from a const
 * app (the state is screen_replay_int.h's):
 *
 *   row 0     title: file, arch, source
 *   row 1     timeline: event k/N, fault markers, the position
 *   rows 2-3  the event: cr2, eip (rip), error code in words, TASK_SIZE side
 *   rows 4-5  the stage: what is happening now (wrapped)
 *   picture   the walk (levels revealed stage by stage), or for a vmalloc
 *             sync the process's table beside the master's, or the retry
 *   code      the handler's code with the current lines highlighted (to the
 *             right of the picture on wide terminals, below it otherwise):
 *             our guest's own guest/fault.c (the 2.6 design) or Linux v6.1's
 *             lines from the installed linux-source-6.1, `c` switching;
 *             both, one above the other, when the terminal is large
 *   H-3       the event's writes, old -> new, the current one marked
 *   H-2       status line or input field (search, goto)
 *   H-1       key hints, play state and speed
 */
#include "screen_replay_int.h"
#include "paging/arm64.h"
#include "draw/draw_tables.h"
#include "screen/keybar.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int addr_digits(const struct trace *t)
{
	return (int)t->h.arch->word_bits / 4;
}

static int entry_digits(const struct trace *t)
{
	return (int)t->h.arch->entry_size * 2;
}

static char mark_char(enum replay_mark m)
{
	static const char c[RM_COUNT] = { '-', 'd', 'v', 's', 'o' };

	return c[m];
}

/* A program's trace (format 5): the first fault after the C library's
 * start-up, where main starts; n when none. */
static size_t main_starts(const struct trace *t)
{
	bool startup = false;

	for (size_t k = 0; k < t->nevents; k++) {
		const struct trace_event *ev = &t->events[k];
		if (ev->kind != TRACE_FAULT || !trace_place_of(t, ev)->has)
			continue;
		if (trace_place_of(t, ev)->startup)
			startup = true;
		else if (startup)
			return k;
	}
	return t->nevents;
}

/* What the timeline's characters stand for (M where a program's main
 * starts, when it has one). */
static const char *timeline_legend(const struct app *app)
{
	const struct trace *t = screen_replay_state(app)->trace;

	if (main_starts(t) < t->nevents)
		return TR(app, "M main starts d demand s SIGSEGV o oops . other",
			  "M main 開始 d デマンド s SIGSEGV o oops . その他");
	return TR(app, "d demand v vmalloc s SIGSEGV o oops . other",
		  "d デマンド v vmalloc s SIGSEGV o oops . その他");
}

static void draw_timeline(const struct app *app, WINDOW *w, int y)
{
	const struct theme *th = &app->theme;
	const struct replay_screen *rs = screen_replay_state(app);
	size_t n = rs->trace->nevents, k = replay_event(rs->r), stages;
	size_t mainev = main_starts(rs->trace);
	int x = 0, barw;
	char lead[64];

	replay_stages(rs->r, &stages);
	snprintf(lead, sizeof lead, TR(app, " event %zu/%zu  stage %zu/%zu ",
				       " イベント %zu/%zu  段階 %zu/%zu "), k + 1, n,
		 replay_stage(rs->r) + 1, stages);
	x += draw_str(w, y, x, COLS, lead, A_BOLD, th);
	/* wide: room for the legend beside the bar */
	barw = COLS - x - 2 - (COLS >= 110 ? draw_text_width(timeline_legend(app), th) + 2 : 0);
	if (barw < 10)
		return;
	if ((size_t)barw > n)
		barw = (int)n;
	x += draw_str(w, y, x, 1, "[", A_NORMAL, th);
	for (int c = 0; c < barw; c++) {
		size_t k0 = n * (size_t)c / (size_t)barw, k1 = n * (size_t)(c + 1) / (size_t)barw;
		enum replay_mark m = RM_NONE;
		bool here = k >= k0 && (k < k1 || (k1 == k0 && k == k0));
		char ch[2] = { 0, 0 };
		attr_t at;
		if (k1 == k0)
			k1 = k0 + 1;
		/* the most notable marker in the column: oops, segv, vmalloc, demand */
		for (int mk = RM_COUNT - 1; mk > RM_NONE; mk--)
			if (replay_mark_in(rs->r, (enum replay_mark)mk, k0, k1)) {
				m = (enum replay_mark)mk;
				break;
			}
		ch[0] = here ? '|' : m == RM_NONE ? (th->utf8 ? ' ' : ' ') : mark_char(m);
		at = here ? theme_attr(th, ROLE_CURRENT) | A_BOLD
		     : m == RM_OOPS || m == RM_BAD_AREA ? theme_attr(th, ROLE_ERROR)
		     : m == RM_VMALLOC ? theme_attr(th, ROLE_MARK)
		     : theme_attr(th, ROLE_DIM);
		/* the events the active search matches, in reverse */
		for (size_t h = k0; rs->hits && h < k1 && h < n; h++)
			if (rs->hits[h]) {
				at = (at & ~A_DIM) | A_REVERSE;
				break;
			}
		if (m == RM_NONE && !here)
			ch[0] = '.';
		if (!here && mainev >= k0 && mainev < k1) {   /* main starts here */
			ch[0] = 'M';
			at = theme_attr(th, ROLE_MARK) | A_BOLD;
		}
		draw_str(w, y, x + c, 1, ch, at, th);
	}
	x += barw;
	x += draw_str(w, y, x, 1, "]", A_NORMAL, th);
	{   /* the legend beside it where it fits (else on the status row) */
		const char *legend = timeline_legend(app);
		if (COLS >= 110 && x + 1 + draw_text_width(legend, th) <= COLS - 1)
			draw_str(w, y, x + 1, COLS - x - 1, legend, theme_attr(th, ROLE_DIM), th);
	}
}

/* Has the current stage reached the handler (so the route may be named),
 * or the end of the event (so its outcome)? The header says no more than
 * the stages have shown. */
static bool route_reached(const struct replay *r)
{
	size_t n, cur = replay_stage(r);
	const struct replay_stage *s = replay_stages(r, &n);

	for (size_t i = 0; i < n && i <= cur; i++)
		if (s[i].kind == RS_PATH || s[i].kind == RS_CALL)
			return true;
	return false;
}

static bool outcome_reached(const struct replay *r)
{
	size_t n;
	const struct replay_stage *s = replay_stages(r, &n);
	enum replay_stage_kind k = replay_cur(r)->kind;

	(void)s;
	return replay_stage(r) + 1 == n || k == RS_RETRY || k == RS_END;
}

/* Rows 2-3 of an arm64 abort: FAR in place of cr2, ELR, ESR and the base
 * register that translated FAR; then ESR decoded (EC, WnR, DFSC/IFSC). */
static void draw_abort(const struct app *app, WINDOW *w, int y, const struct trace *t,
		       const struct trace_event *ev, const char *route)
{
	const struct theme *th = &app->theme;
	const char *kind = ev->vector == 3 ? TR(app, "Instruction abort", "命令アボート")
					   : TR(app, "Data abort", "データアボート");
	char line[400], esr[200];

	(void)t;
	snprintf(line, sizeof line, "%s pid %u  FAR 0x%016" PRIx64 "  ELR 0x%016" PRIx64
		 "  TTBR%u  %s", kind, ev->pid, ev->cr2, ev->ip, ev->ttbr, route);
	if (draw_text_width(line, th) > COLS - 2)   /* 80 columns: ELR gives way */
		snprintf(line, sizeof line, "%s pid %u FAR 0x%" PRIx64 " TTBR%u %s", kind,
			 ev->pid, ev->cr2, ev->ttbr, route);
	if (draw_text_width(line, th) > COLS - 2)
		snprintf(line, sizeof line, "%s FAR 0x%" PRIx64 " TTBR%u %s", kind, ev->cr2,
			 ev->ttbr, route);
	if (draw_text_width(line, th) > COLS - 2)   /* a long route: FAR gives way */
		snprintf(line, sizeof line, "%s TTBR%u %s", kind, ev->ttbr, route);
	draw_str(w, y, 1, COLS - 2, line, A_BOLD, th);
	{   /* ESR decoded: the class, WnR for a data abort, the fault status */
		unsigned ec = ESR_EC(ev->error_code), fsc = ev->error_code & ESR_FSC;
		const char *ecn = arm64_ec_name(ec);
		const char *fsn = app->lang == LANG_JA ? arm64_fsc_name_ja(fsc) : arm64_fsc_name(fsc);
		if (ev->vector == 3)
			snprintf(esr, sizeof esr, "IFSC 0x%02x %s", fsc, fsn ? fsn : "?");
		else
			snprintf(esr, sizeof esr, "WnR %u  DFSC 0x%02x %s",
				 (ev->error_code & ESR_WNR) ? 1u : 0u, fsc, fsn ? fsn : "?");
		/* the class's Linux name (esr_class_str) is English: not in Japanese */
		if (app->lang == LANG_JA || !ecn)
			snprintf(line, sizeof line, "ESR 0x%08x  EC 0x%02x  %s", ev->error_code, ec, esr);
		else
			snprintf(line, sizeof line, "ESR 0x%08x  EC 0x%02x %s  %s", ev->error_code, ec,
				 ecn, esr);
		if (draw_text_width(line, th) > COLS - 2 && app->lang != LANG_JA && ecn)
			snprintf(line, sizeof line, "ESR 0x%08x  %s  %s", ev->error_code, ecn, esr);
		if (draw_text_width(line, th) > COLS - 2)   /* the class's name gives way */
			snprintf(line, sizeof line, "ESR 0x%08x  %s", ev->error_code, esr);
		draw_str(w, y + 1, 1, COLS - 2, line, A_NORMAL, th);
	}
}

/* Rows 2-3: the event itself. */
static void draw_event(const struct app *app, WINDOW *w, int y)
{
	const struct theme *th = &app->theme;
	const struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t = rs->trace;
	const struct trace_event *ev = &t->events[replay_event(rs->r)];
	int ad = addr_digits(t);
	char words[300];

	if (ev->kind != TRACE_FAULT) {
		draw_fmt(w, y, 1, COLS - 2, theme_attr(th, ROLE_HEADING), th, "%s  (pid %u)",
			 ev->kind == TRACE_MAP ? TR(app, "map: entries written outside a fault",
						    "map: フォルトの外で書かれたエントリ")
			 : ev->kind == TRACE_SWITCH && t->h.arch->family == FAMILY_ARM64
			 ? TR(app, "switch: a new TTBR0_EL1 is loaded (TTBR1_EL1, the kernel's, stays)",
			      "switch: 新しい TTBR0_EL1 (カーネルの TTBR1_EL1 はそのまま)")
			 : ev->kind == TRACE_SWITCH ? TR(app, "switch: a new cr3 is loaded",
							 "switch: 新しい cr3 が読み込まれます")
			 : ev->kind == TRACE_ACCESSED ? TR(app, "accessed: the CPU set Accessed/Dirty bits",
							   "accessed: CPU が Accessed/Dirty ビットを立てました")
			 : ev->kind == TRACE_FLUSH && ev->x->cr3_write
			 ? TR(app, "flush: a cr3 write empties the TLB, global entries aside",
			      "flush: cr3 への書き込みで TLB を空にします(global は残す)")
			 : ev->kind == TRACE_FLUSH ? TR(app, "flush: the kernel flushes TLB entries",
							"flush: カーネルが TLB エントリをフラッシュします")
			 : TR(app, "note", "note: ゲストのメモ"), ev->pid);
		/* a note's text is quoted whole in the narration below */
		if (ev->kind == TRACE_SWITCH)
			draw_fmt(w, y + 1, 1, COLS - 2, A_NORMAL, th, "%s 0x%0*" PRIx64,
				 t->h.arch->family == FAMILY_ARM64 ? "TTBR0_EL1" : "cr3", ad, ev->cr3);
		if (ev->kind == TRACE_FLUSH && ev->x->cr3_write)
			draw_fmt(w, y + 1, 1, COLS - 2, A_NORMAL, th, "%s  %s  cr3 0x%0*" PRIx64 " -> 0x%0*"
				 PRIx64, ev->x->flush_fn, trace_flush_reason_name(ev->x->reason), ad,
				 ev->x->old_cr3, ad, ev->cr3);
		else if (ev->kind == TRACE_FLUSH && ev->x->end == TRACE_FLUSH_ALL)
			draw_fmt(w, y + 1, 1, COLS - 2, A_NORMAL, th, "%s  %s  %s", ev->x->flush_fn,
				 trace_flush_reason_name(ev->x->reason), TR(app, "all addresses", "全アドレス"));
		else if (ev->kind == TRACE_FLUSH)
			draw_fmt(w, y + 1, 1, COLS - 2, A_NORMAL, th, "%s  %s  0x%0*" PRIx64 "-0x%0*" PRIx64,
				 ev->x->flush_fn, trace_flush_reason_name(ev->x->reason), ad, ev->x->start, ad,
				 ev->x->end);
		return;
	}
	{
		bool kside = ev->cr2 >= t->h.task_size;
		const char *ip = arch_ip_name(t->h.arch);   /* rip on x86-64 */
		char line[400], route[200];

		/* the route once the handler runs, the outcome once it is over:
		 * at stage 1 the header gives nothing away */
		if (!route_reached(rs->r))
			snprintf(route, sizeof route, "%s", TR(app, "route: ?", "経路: ?"));
		else if (!outcome_reached(rs->r) || !ev->outcome)
			snprintf(route, sizeof route, "%s", trace_path_name(t, ev->path));
		else
			snprintf(route, sizeof route, "%s%s%s", trace_path_name(t, ev->path),
				 TR(app, ": ", "、"), replay_outcome_words(ev->outcome, app->lang));
		if (t->h.arch->family == FAMILY_ARM64) {
			draw_abort(app, w, y, t, ev, route);
			return;
		}
		snprintf(line, sizeof line, TR(app, "#PF pid %u  cr2 0x%0*" PRIx64 "  %s 0x%0*" PRIx64
					       "  error 0x%04x  %s  %s",
					       "#PF pid %u  cr2 0x%0*" PRIx64 "  %s 0x%0*" PRIx64
					       "  エラー 0x%04x  %s  %s"),
			 ev->pid, ad, ev->cr2, ip, ad, ev->ip, ev->error_code,
			 kside ? TR(app, "kernel side", "カーネル側") : TR(app, "user side", "ユーザー側"),
			 route);
		if (draw_text_width(line, th) > COLS - 2)   /* 80 columns: the compact form */
			snprintf(line, sizeof line, TR(app, "#PF pid %u cr2 0x%0*" PRIx64 " %s 0x%0*" PRIx64
						       " err 0x%x %s %s",
						       "#PF pid %u cr2 0x%0*" PRIx64 " %s 0x%0*" PRIx64
						       " エラー 0x%x %s %s"),
				 ev->pid, ad, ev->cr2, ip, ad, ev->ip, ev->error_code,
				 kside ? TR(app, "kernel", "カーネル") : TR(app, "user", "ユーザー"), route);
		if (draw_text_width(line, th) > COLS - 2)   /* still too wide: the side is on the next line */
			snprintf(line, sizeof line, TR(app, "#PF pid %u cr2 0x%0*" PRIx64 " %s 0x%0*" PRIx64
						       " err 0x%x %s",
						       "#PF pid %u cr2 0x%0*" PRIx64 " %s 0x%0*" PRIx64
						       " エラー 0x%x %s"),
				 ev->pid, ad, ev->cr2, ip, ad, ev->ip, ev->error_code, route);
		if (draw_text_width(line, th) > COLS - 2)   /* a long route: the ip gives way */
			snprintf(line, sizeof line, TR(app, "#PF pid %u cr2 0x%0*" PRIx64 " err 0x%x %s",
						       "#PF pid %u cr2 0x%0*" PRIx64 " エラー 0x%x %s"),
				 ev->pid, ad, ev->cr2, ev->error_code, route);
		if (draw_text_width(line, th) > COLS - 2)   /* then the code (its bits are the next line) */
			snprintf(line, sizeof line, "#PF pid %u cr2 0x%0*" PRIx64 " %s", ev->pid, ad, ev->cr2,
				 route);
		if (draw_text_width(line, th) > COLS - 2)   /* a huge-page route: the pid too */
			snprintf(line, sizeof line, "#PF cr2 0x%0*" PRIx64 " %s", ad, ev->cr2, route);
		if (draw_text_width(line, th) > COLS - 2)   /* and the outcome (the retry says it) */
			snprintf(line, sizeof line, "#PF cr2 0x%0*" PRIx64 " %s", ad, ev->cr2,
				 route_reached(rs->r) ? trace_path_name(t, ev->path) : route);
		draw_str(w, y, 1, COLS - 2, line, A_BOLD, th);
	}
	replay_error_words(ev->error_code, app->lang, words, sizeof words);
	{   /* the TASK_SIZE comparison, shorter where it does not fit */
		char line[400];
		const char *cmp = ev->cr2 >= t->h.task_size ? ">=" : "<";
		snprintf(line, sizeof line, "%s (cr2 %s TASK_SIZE 0x%0*" PRIx64 ")", words, cmp, ad,
			 t->h.task_size);
		if (draw_text_width(line, th) > COLS - 2)
			snprintf(line, sizeof line, "%s (cr2 %s TASK_SIZE)", words, cmp);
		if (draw_text_width(line, th) > COLS - 2)
			snprintf(line, sizeof line, "%s", words);
		draw_str(w, y + 1, 1, COLS - 2, line, A_NORMAL, th);
	}
}

/* Is the current stage one the tables view shows (a vmalloc sync, from
 * vmalloc_sync_one on, up to the retry)? */
static bool show_tables(const struct replay_screen *rs)
{
	const struct replay_stage *s = replay_cur(rs->r);
	enum replay_code c = replay_code_now(rs->r);
	size_t i;

	if (replay_sync_write(rs->r) < 0)
		return false;
	if (s->kind == RS_COPY || s->kind == RS_WRITE)
		return true;
	if (s->kind == RS_CALL) {   /* a Linux chain: from vmalloc_sync_one on */
		const struct trace_call *f = replay_call_now(rs->r, &i);
		return replay_applied(rs->r) > 0 || (f && !strncmp(f->fn, "vmalloc_sync_one", 16));
	}
	return s->kind == RS_PATH && (c == RC_SYNC_ONE || c == RC_SET_PMD || c == RC_SYNC_PTE);
}

static bool replay_read(const void *ctx, bool left, uint64_t pa, uint64_t *val)
{
	(void)left;   /* one memory: the trace's, as replayed so far */
	return replay_entry(ctx, pa, val);
}

static void fill_tables(const struct app *app, struct tables_view *v, char *note, size_t notelen,
			char *ltitle, char *rtitle, size_t tlen)
{
	const struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t = rs->trace;
	const struct trace_event *ev = &t->events[replay_event(rs->r)];
	int j = replay_sync_write(rs->r);
	const struct trace_write *x = &t->writes[ev->write0 + (uint32_t)j];
	const struct replay_stage *s = replay_cur(rs->r);
	bool written;
	uint64_t cur;

	draw_tables_place(v, t->h.arch, x->pa, x->from, replay_read, rs->r);
	v->value = x->new_value;
	written = replay_entry(rs->r, x->pa, &cur) && cur == x->new_value && x->old_value != x->new_value;
	v->phase = s->kind == RS_COPY ? TV_COPYING : written ? TV_COPIED : TV_BEFORE;
	draw_tables_name(v, app->lang, (long)ev->pid, ev->cr2, addr_digits(t), ltitle, rtitle, tlen,
			 note, notelen);
}

/* Writes of a non-fault event, old -> new, applied ones normal, the rest dim. */
static void draw_writes_list(const struct app *app, WINDOW *w, struct rect r)
{
	const struct theme *th = &app->theme;
	const struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t = rs->trace;
	const struct trace_event *ev = &t->events[replay_event(rs->r)];
	size_t applied = replay_applied(rs->r);
	int y = r.y;

	draw_clear(w, r, A_NORMAL);
	if (ev->nframes && y < r.y + r.h)
		draw_fmt(w, y++, r.x, r.w, theme_attr(th, ROLE_DIM), th,
			 TR(app, "%u frame%s allocated", "%u 個のフレームを確保%s"),
			 ev->nframes, app->lang == LANG_JA || ev->nframes == 1 ? "" : "s");
	for (uint32_t j = 0; j < ev->nwrites && y < r.y + r.h; j++, y++) {
		const struct trace_write *x = &t->writes[ev->write0 + j];
		char flags[64];
		bool done = j < applied, now = j + 1 == applied;
		char line[300];
		walk_flags_format(t->h.arch, x->new_value, flags, sizeof flags);
		snprintf(line, sizeof line, "%s 0x%0*" PRIx64 ": 0x%0*" PRIx64 " -> 0x%0*" PRIx64 "  %s",
			 done ? TR(app, "set", "済 ") : "   ", addr_digits(t), x->pa, entry_digits(t),
			 x->old_value, entry_digits(t), x->new_value, flags);
		if (draw_text_width(line, th) > r.w)   /* 64-bit entries at 80 columns: no flags */
			snprintf(line, sizeof line, "%s 0x%0*" PRIx64 ": 0x%0*" PRIx64 " -> 0x%0*" PRIx64,
				 done ? TR(app, "set", "済 ") : "   ", addr_digits(t), x->pa,
				 entry_digits(t), x->old_value, entry_digits(t), x->new_value);
		draw_str(w, y, r.x, r.w, line, now ? theme_attr(th, ROLE_MARK)
			 : done ? A_NORMAL : theme_attr(th, ROLE_DIM), th);
	}
}

struct hl_ctx {
	const struct replay_excerpt *ex;
	unsigned mask;              /* line bits that highlight */
};

static bool code_hl(const void *ctx, unsigned line)
{
	const struct hl_ctx *h = ctx;
	size_t i = line - h->ex->first_line;

	if (i >= h->ex->nlines)
		return false;
	return h->ex->lines[i].codes & h->mask;
}

/* Linux v6.1's pane when its lines are not available: which function of
 * which file runs here, and how to get the source. */
static void draw_linux_missing(const struct app *app, WINDOW *w, struct rect r, enum replay_code c,
			       uint32_t error_code)
{
	const struct replay_screen *rs = screen_replay_state(app);
	const char *func = replay_linux_func(c, error_code);
	const char *file = replay_linux_file(c, error_code);
	char msg[1200];

	if (rs->lx_state == 2)
		snprintf(msg, sizeof msg, TR(app, "Here Linux v6.1 runs %s() in %s. %s",
					     "ここで Linux v6.1 は %s の %s() を実行します。%s"),
			 app->lang == LANG_JA ? file : func, app->lang == LANG_JA ? func : file,
			 app_source_note(app));
	else if (rs->lx_state < 0)
		snprintf(msg, sizeof msg, TR(app, "Here Linux v6.1 runs %s() in %s, but its lines "
					     "cannot be shown: %s", "ここで Linux v6.1 は %s の %s() を"
					     "実行しますが、その行を表示できません: %s"),
			 app->lang == LANG_JA ? file : func, app->lang == LANG_JA ? func : file, rs->lx_err);
	else
		snprintf(msg, sizeof msg, TR(app, "Here Linux v6.1 runs %s() in %s. Its lines are read "
					     "from the Debian package linux-source-6.1, which is not "
					     "installed. Get it with: apt-get install linux-source-6.1",
					     "ここで Linux v6.1 は %s の %s() を実行します。その行は Debian "
					     "パッケージ linux-source-6.1 から読みますが、インストールされて"
					     "いません。入手するには: apt-get install linux-source-6.1"),
			 app->lang == LANG_JA ? file : func, app->lang == LANG_JA ? func : file);
	draw_code(w, r, &(struct code_lines){ .title = TR(app, "Linux v6.1", "Linux v6.1"),
					     .message = msg }, 0, &app->theme);
}

/* One code pane: the guest's own source, or Linux v6.1's. */
static void draw_code_pane(const struct app *app, WINDOW *w, struct rect r, bool guest)
{
	const struct replay_screen *rs = screen_replay_state(app);
	const struct trace_event *ev = &rs->trace->events[replay_event(rs->r)];
	enum replay_code c = replay_code_now(rs->r);
	const struct code_copy *cc;
	struct hl_ctx h;
	struct code_lines cl;

	if (guest && rs->guest) {
		cc = &rs->code[CODE_GUEST];
		h.mask = c < RC_COUNT ? 1u << c : 0;
	} else if (rs->lx_state != 0) {
		draw_linux_missing(app, w, r, c, ev->error_code);
		return;
	} else {
		cc = &rs->code[c == RC_HANDLE_MM || c == RC_ANON_PAGE || c == RC_WP_PAGE
			       ? CODE_LX_MM : CODE_LX_FAULT];
		h.mask = replay_linux_marks(c, ev->error_code);
	}
	h.ex = cc->ex;
	cl = (struct code_lines){
		.title = cc->ex->title[app->lang], .lines = cc->lines, .nlines = cc->ex->nlines,
		.first_line = cc->ex->first_line, .highlighted = code_hl, .ctx = &h,
	};
	{   /* where the stage puts it, plus the reader's scroll, within the excerpt */
		int top = (c < RC_COUNT ? draw_code_top(&cl, r.h) : 0) + screen_replay_scroll(rs);
		if (top > (int)cc->ex->nlines - r.h)
			top = (int)cc->ex->nlines - r.h;
		draw_code(w, r, &cl, top < 0 ? 0 : top, &app->theme);
	}
}

/* PTI's kernel half (RS_USER_TOP): pgd[256..511] of both copies side by
 * side, a row an entry both hold, a run of those one copy holds alone in
 * one row; what does not fit is counted. Cells are drawn at their
 * columns (Japanese words are two columns a character). Stage arg 0 marks
 * the user copy's own entry, 1 the shared one and the kernel copy's own. */
static void draw_user_top(const struct app *app, WINDOW *w, struct rect r, int arg)
{
	const struct theme *th = &app->theme;
	const struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t = rs->trace;
	const struct trace_event *ev = &t->events[replay_event(rs->r)];
	struct trace_top_row rows[TRACE_TOP_LAST - TRACE_TOP_FIRST + 1];
	size_t n = trace_top_rows(ev, rows, sizeof rows / sizeof rows[0]), fit;
	int ed = entry_digits(t), c1 = 11, c2 = c1 + ed + 4, c3 = c2 + ed + 4;
	char line[120], idx[32], kv[40], uv[40];

	if (r.h < 3 || r.w < c3)
		return;
	draw_str(w, r.y, r.x, r.w, TR(app, "kernel half pgd[256..511] of both copies (PTI)",
				      "両コピーのカーネル側 pgd[256..511](PTI)"),
		 theme_attr(th, ROLE_HEADING), th);
	draw_str(w, r.y + 1, r.x, c1, TR(app, "index", "番号"), theme_attr(th, ROLE_DIM), th);
	draw_str(w, r.y + 1, r.x + c1, c2 - c1, TR(app, "kernel (cr3)", "カーネル用 cr3"),
		 theme_attr(th, ROLE_DIM), th);
	draw_str(w, r.y + 1, r.x + c2, r.w - c2, TR(app, "user (user-cr3)", "ユーザー用 user-cr3"),
		 theme_attr(th, ROLE_DIM), th);
	fit = n <= (size_t)r.h - 2 ? n : (size_t)r.h - 3;
	for (size_t i = 0; i < fit; i++) {
		const struct trace_top_row *x = &rows[i];
		uint32_t cnt = x->last - x->first + 1;
		const char *note = "";
		attr_t a = A_NORMAL;
		int y = r.y + 2 + (int)i;

		if (x->last > x->first)
			snprintf(idx, sizeof idx, "[%u..%u]", x->first, x->last);
		else
			snprintf(idx, sizeof idx, "[%u]", x->first);
		if (x->kernel && cnt > 1)
			snprintf(kv, sizeof kv, TR(app, "%u entries", "%u 個"), cnt);
		else
			snprintf(kv, sizeof kv, x->kernel ? "0x%0*" PRIx64 : "-", ed, x->kernel);
		if (x->user && cnt > 1)
			snprintf(uv, sizeof uv, TR(app, "%u entries", "%u 個"), cnt);
		else
			snprintf(uv, sizeof uv, x->user ? "0x%0*" PRIx64 : "-", ed, x->user);
		if (x->kind == TOP_SAME)
			note = TR(app, "same table", "同じ表");
		else if (x->kind == TOP_DIFFER)
			note = x->user & PTE_US ? TR(app, "own table", "自分の表")
			       : TR(app, "own table, no US", "自分の表、US なし");
		if (arg == 0 ? x->kind == TOP_DIFFER : arg == 1 && x->kind != TOP_DIFFER)
			a = theme_attr(th, ROLE_MARK);
		else if (x->kind == TOP_KERNEL_ONLY || x->kind == TOP_USER_ONLY)
			a = theme_attr(th, ROLE_DIM);
		draw_clear(w, (struct rect){ y, r.x, 1, r.w }, A_NORMAL);
		draw_str(w, y, r.x, c1, idx, a, th);
		draw_str(w, y, r.x + c1, c2 - c1, kv, a, th);
		draw_str(w, y, r.x + c2, c3 - c2, uv, a, th);
		if (note[0] && draw_text_width(note, th) <= r.w - c3)   /* narrow: the note goes */
			draw_str(w, y, r.x + c3, r.w - c3, note, a, th);
	}
	if (fit < n) {
		snprintf(line, sizeof line, TR(app, "... %zu more rows", "... ほか %zu 行"), n - fit);
		draw_str(w, r.y + 2 + (int)fit, r.x, r.w, line, theme_attr(th, ROLE_DIM), th);
	}
}

/* The picture: walk, tables or retry. */
static void draw_picture(const struct app *app, WINDOW *w, struct rect r)
{
	const struct theme *th = &app->theme;
	const struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t = rs->trace;
	const struct replay_stage *s = replay_cur(rs->r);
	const struct walk *wk = replay_walk(rs->r);
	struct walk_view wv = { .arch = t->h.arch, .walk = wk, .current = -1, .mark = -1,
				.lang = app->lang };
	char why[200];

	if (show_tables(rs)) {
		struct tables_view tv;
		char note[120], lt[80], rt[80];
		fill_tables(app, &tv, note, sizeof note, lt, rt, sizeof lt);
		draw_tables(w, r, &tv, th);
		return;
	}
	if (s->kind == RS_USER_TOP) {
		draw_user_top(app, w, r, s->arg);
		return;
	}
	if (s->kind == RS_USER_WALK) {   /* PTI: the copy the CPU walked in user mode */
		wv.walk = replay_user_walk(rs->r);
		wv.revealed = wv.walk->nsteps + 1;
		wv.mark = wv.walk->fail;
		replay_walk_reason(wv.walk, app->lang, why, sizeof why);
		wv.reason = why;
		wv.title = TR(app, "walk from the user copy (PTI)", "ユーザー用コピーからのウォーク(PTI)");
		draw_walk(w, r, &wv, th);
		return;
	}
	if (s->kind == RS_RETRY) {
		wv.walk = replay_retry_walk(rs->r);
		wv.revealed = -1;
		replay_walk_reason(wv.walk, app->lang, why, sizeof why);
		wv.reason = why;
		wv.title = TR(app, "retry", "再実行");
		draw_walk(w, r, &wv, th);
		return;
	}
	switch (s->kind) {
	case RS_ACCESS:
		wv.revealed = 0;
		break;
	case RS_WALK:
		wv.revealed = s->arg + 1;
		wv.current = s->arg;
		break;
	default:
		wv.revealed = wk->nsteps + 1;
		wv.mark = wk->fail;
		break;
	}
	wv.title = TR(app, "walk", "ウォーク");
	replay_walk_reason(wk, app->lang, why, sizeof why);
	wv.reason = why;
	draw_walk(w, r, &wv, th);
}

/* The key hint bars, without and with an active search. */
static const struct bar_item normal_bar[] = {
	{ { ACT_PLAY }, { ' ' }, { NULL } },
	{ { ACT_STEP_BACK, ACT_STEP_FWD }, { KEY_LEFT, KEY_RIGHT }, { NULL } },
	{ { ACT_EVENT_NEXT, ACT_EVENT_PREV }, { 'n', 'p' }, { NULL } },
	{ { ACT_GOTO }, { 'g' }, { NULL } },
	{ { ACT_SEARCH }, { '/' }, { NULL } },
	{ { ACT_MARK_PREV, ACT_MARK_NEXT }, { '[', ']' }, { NULL } },
	{ { ACT_CODE_VIEW }, { 'c' }, { NULL } },
	{ { ACT_SCROLL_UP, ACT_SCROLL_DOWN }, { KEY_UP, KEY_DOWN }, { NULL } },
	{ { ACT_MENU }, { 'm' }, { NULL } },
	{ { ACT_PREDICT }, { 'P' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
/* typing a guess in predict mode */
static const struct bar_item predict_bar[] = {
	{ { ACT_SUBMIT }, { '\n' }, { "guess", "予想する" } },
	{ { ACT_LEAVE }, { '\033' }, { "show it", "表示" } },
};
static const struct bar_item search_bar[] = {
	{ { ACT_PLAY }, { ' ' }, { NULL } },
	{ { ACT_STEP_BACK, ACT_STEP_FWD }, { KEY_LEFT, KEY_RIGHT }, { NULL } },
	{ { ACT_SEARCH_NEXT, ACT_SEARCH_PREV }, { 'n', 'N' }, { NULL } },
	{ { ACT_SEARCH_CLEAR }, { '\033' }, { NULL } },
	{ { ACT_MARK_PREV, ACT_MARK_NEXT }, { '[', ']' }, { NULL } },
	{ { ACT_GOTO }, { 'g' }, { NULL } },
	{ { ACT_CODE_VIEW }, { 'c' }, { NULL } },
	{ { ACT_SCROLL_UP, ACT_SCROLL_DOWN }, { KEY_UP, KEY_DOWN }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};

static void draw_hints(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct replay_screen *rs = screen_replay_state(app);
	/* over a lesson's replay step, q goes back to it (screen_replay.c) */
	struct bar_item items[sizeof normal_bar / sizeof normal_bar[0]];
	const struct bar_item *bar = rs->query[0] ? search_bar : normal_bar;
	size_t n = rs->query[0] ? sizeof search_bar / sizeof search_bar[0]
				: sizeof normal_bar / sizeof normal_bar[0];
	unsigned ctx = (rs->query[0] ? CTX_REPLAY | CTX_RSEARCH : CTX_REPLAY) |
		       (rs->guest ? CTX_RCODE : 0);
	char right[80];
	int rw;

	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	if (rs->focus == RF_PREDICT) {
		keybar_draw(w, LINES - 1, COLS - 2, CTX_RINPUT,
			    screen_replay_predict_route(app)
			    ? TR(app, "vmalloc_fault, handle_mm_fault, bad_area, oops",
				 "vmalloc_fault、handle_mm_fault、bad_area、oops")
			    : TR(app, "an index, or an address (0x...)", "インデックスかアドレス (0x...)"),
			    predict_bar, sizeof predict_bar / sizeof predict_bar[0], app->lang, th);
		return;
	}
	memcpy(items, bar, n * sizeof *items);
	n = app_bar_leave(app, items, n);
	/* narrow: the speed without its word, so the keys keep their room */
	snprintf(right, sizeof right, COLS >= 110 ? TR(app, "%s  speed %d/%d ", "%s  速度 %d/%d ")
		 : "%s %d/%d ",
		 rs->playing ? TR(app, "> playing", "> 再生中") : TR(app, "|| paused", "|| 一時停止"),
		 app->anim.speed, ANIM_SPEEDS);
	rw = draw_text_width(right, th);
	keybar_draw(w, LINES - 1, COLS - rw - 2, ctx, NULL, items, n, app->lang, th);
	draw_str(w, LINES - 1, COLS - rw, rw, right, theme_attr(th, ROLE_HINT) | A_BOLD, th);
}

/* Rows the picture wants: the walk's levels, or the tables. */
static int picture_rows(const struct replay_screen *rs)
{
	const struct walk *shown = replay_cur(rs->r)->kind == RS_RETRY
				   ? replay_retry_walk(rs->r) : replay_walk(rs->r);

	if (replay_cur(rs->r)->kind == RS_USER_TOP && !show_tables(rs))   /* title, head, rows */
		return (int)trace_top_rows(&rs->trace->events[replay_event(rs->r)], NULL, 0) + 2;
	return show_tables(rs) ? draw_tables_height() : shown->nsteps + 2;
}

/* A fault with a recorded Linux call chain: the picture, the chain and the
 * frame's source. Wide and tall: picture and the chain's list side by side,
 * the code below them full width; wide: picture and list on the left, the
 * code on the right, full height. Narrow: stacked, the chain as a list when
 * the code keeps 10 rows, else as a one-row breadcrumb. */
static void draw_calls_panes(const struct app *app, WINDOW *w, int top, int bottom)
{
	const struct replay_screen *rs = screen_replay_state(app);
	int ph = picture_rows(rs), lh = screen_replay_calls_rows(rs->r);

	if (COLS >= 120 && bottom - top - (ph > lh ? ph : lh) - 1 >= 12) {
		/* room below a band of picture and chain: the code full width */
		int lw = COLS * 11 / 20, band = ph > lh ? ph : lh;
		draw_picture(app, w, (struct rect){ top, 1, ph, lw - 2 });
		screen_replay_calls_chain(app, w, (struct rect){ top, lw, lh, COLS - lw - 1 }, rs->r, true);
		screen_replay_calls_code(app, w, (struct rect){ top + band + 1, 1, bottom - top - band - 1,
						      COLS - 2 }, &rs->calls, rs->r, screen_replay_scroll(rs));
		return;
	}
	if (COLS >= 120) {
		int lw = COLS * 11 / 20, left = bottom - top;
		if (ph > left - 3)
			ph = left - 3;
		draw_picture(app, w, (struct rect){ top, 1, ph, lw - 2 });
		screen_replay_calls_chain(app, w, (struct rect){ top + ph + 1, 1, left - ph - 1, lw - 2 }, rs->r,
				 true);
		screen_replay_calls_code(app, w, (struct rect){ top, lw, bottom - top, COLS - lw - 1 },
				&rs->calls, rs->r, screen_replay_scroll(rs));
		return;
	}
	if (ph > bottom - top - 6)
		ph = bottom - top - 6;
	draw_picture(app, w, (struct rect){ top, 1, ph, COLS - 2 });
	top += ph;
	if (bottom - top - lh - 1 >= 10) {
		screen_replay_calls_chain(app, w, (struct rect){ top + 1, 1, lh, COLS - 2 }, rs->r, true);
		top += lh + 1;
	} else {
		screen_replay_calls_chain(app, w, (struct rect){ top, 1, 1, COLS - 2 }, rs->r, false);
		top += 1;
	}
	screen_replay_calls_code(app, w, (struct rect){ top, 1, bottom - top, COLS - 2 }, &rs->calls, rs->r,
				 screen_replay_scroll(rs));
}

/* The fault's picture and code pane: side by side when wide, else stacked. */
static void draw_fault_panes(const struct app *app, WINDOW *w, int top, int bottom)
{
	const struct replay_screen *rs = screen_replay_state(app);
	bool wide = COLS >= 120;

	if (rs->calls.used && replay_has_calls(&rs->trace->events[replay_event(rs->r)])) {
		draw_calls_panes(app, w, top, bottom);
		return;
	}

	if (wide && rs->guest && COLS >= 160 && LINES >= 40) {
		/* room for both: the guest (2.6 design) above Linux v6.1 */
		int lw = COLS * 2 / 5, h = (bottom - top) / 2;
		draw_picture(app, w, (struct rect){ top, 1, bottom - top, lw - 2 });
		draw_code_pane(app, w, (struct rect){ top, lw, h, COLS - lw - 1 }, true);
		draw_code_pane(app, w, (struct rect){ top + h, lw, bottom - top - h, COLS - lw - 1 }, false);
	} else if (wide) {
		int lw = COLS * 11 / 20;
		draw_picture(app, w, (struct rect){ top, 1, bottom - top, lw - 2 });
		draw_code_pane(app, w, (struct rect){ top, lw, bottom - top, COLS - lw - 1 }, rs->guest_view);
	} else {
		int ph = picture_rows(rs);
		if (ph > bottom - top - 4)
			ph = bottom - top - 4;
		draw_picture(app, w, (struct rect){ top, 1, ph, COLS - 2 });
		draw_code_pane(app, w, (struct rect){ top + ph + 1, 1, bottom - top - ph - 1, COLS - 2 },
			       rs->guest_view);
	}
}

/* One write of the H-3 line: " [0xPA] 0xOLD->0xNEW", or, when the trace
 * says which entry it is (format 4), " pte[43] 0xOLD->0xNEW". */
static void write_item(const struct trace *t, const struct trace_write *wr, char *buf, size_t len)
{
	if (wr->level != LEVEL_COUNT)
		snprintf(buf, len, " %s[%" PRIu32 "] 0x%" PRIx64 "->0x%" PRIx64,
			 level_name((enum level)wr->level), wr->index, wr->old_value, wr->new_value);
	else
		snprintf(buf, len, " [0x%0*" PRIx64 "] 0x%" PRIx64 "->0x%" PRIx64, addr_digits(t),
			 wr->pa, wr->old_value, wr->new_value);
}

/* The current fault's writes in one row, applied ones normal, the current
 * one marked, the rest dim; as many as fit, from one that keeps the
 * current one in view, the others counted ("+N"). */
static void draw_writes_line(const struct app *app, WINDOW *w, int y)
{
	const struct theme *th = &app->theme;
	const struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t = rs->trace;
	const struct trace_event *ev = &t->events[replay_event(rs->r)];
	size_t applied = replay_applied(rs->r);
	uint32_t from = 0, j;
	char item[128], more[32];
	int x = 1, room = COLS - 2 - 8;    /* 8: the count of those left out */

	x += draw_str(w, y, x, COLS - 2, TR(app, "writes:", "書き込み:"), theme_attr(th, ROLE_DIM), th);
	/* the first shown: the current one must fit after it */
	for (int used = x; applied && from + 1 < applied; from++, used = x) {
		for (j = from; j < applied; j++) {
			write_item(t, &t->writes[ev->write0 + j], item, sizeof item);
			used += draw_text_width(item, th);
		}
		if (used <= room)
			break;
	}
	if (from)
		x += draw_fmt(w, y, x, COLS - 1 - x, theme_attr(th, ROLE_DIM), th, " +%u", from);
	/* only the writes made so far: the ones to come would give the
	 * outcome away before the stages reach it */
	for (j = from; j < applied && j < ev->nwrites; j++) {
		attr_t at = j + 1 == applied ? theme_attr(th, ROLE_MARK) : A_NORMAL;
		write_item(t, &t->writes[ev->write0 + j], item, sizeof item);
		if (x + draw_text_width(item, th) > (j + 1 == applied ? COLS - 2 : room))
			break;
		x += draw_str(w, y, x, COLS - 1 - x, item, at, th);
	}
	if (j < applied) {
		snprintf(more, sizeof more, " +%u", (unsigned)(applied - j));
		draw_str(w, y, x, COLS - 1 - x, more, theme_attr(th, ROLE_DIM), th);
	}
}

void screen_replay_draw(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct replay_screen *rs = screen_replay_state(app);
	const struct trace *t;
	const struct trace_event *ev;
	char buf[1200];
	int top = 6, bottom = LINES - 3;

	if (!rs)
		return;
	t = rs->trace;
	ev = &t->events[replay_event(rs->r)];
	draw_clear(w, (struct rect){ 0, 0, 1, COLS }, theme_attr(th, ROLE_TITLE));
	{   /* the title: the whole path if it fits, else the file name, then less */
		char title[1200];
		const char *base = strrchr(rs->path, '/') ? strrchr(rs->path, '/') + 1 : rs->path;
		for (int form = 0; form < 4; form++) {
			snprintf(title, sizeof title, form == 0 ? " pagewalk replay  %s  %s  %s/%s  %s"
				 : form == 1 ? " pagewalk replay  %s  %s  %s/%s  %s" : form == 2
				 ? " %s  %s  %s/%s  %s" : " %s  %s  %.0s%s  %s",
				 form == 0 ? rs->path : base, t->h.arch->name, t->h.source,
				 t->h.emulator, t->h.scenario);
			if (draw_text_width(title, th) <= COLS)
				break;
		}
		draw_str(w, 0, 0, COLS, title, theme_attr(th, ROLE_TITLE), th);
	}
	draw_timeline(app, w, 1);
	draw_event(app, w, 2);
	replay_stage_text(rs->r, app->lang, buf, sizeof buf);
	if (ev->kind != TRACE_FAULT) {
		/* no picture below: the narration takes the rows it needs */
		int nh = draw_text_lines(buf, COLS - 2, th);
		nh = nh < 2 ? 2 : nh > bottom - 6 ? bottom - 6 : nh;
		draw_text(w, (struct rect){ 4, 1, nh, COLS - 2 }, buf, 0, theme_attr(th, ROLE_HEADING), th);
		top = 4 + nh + 1;
		draw_writes_list(app, w, (struct rect){ top, 1, bottom - top, COLS - 2 });
	} else {
		/* two rows, a third when the sentence needs it (a Linux frame's) */
		int nh = draw_text_lines(buf, COLS - 2, th) > 2 ? 3 : 2;
		draw_text(w, (struct rect){ 4, 1, nh, COLS - 2 }, buf, 0, theme_attr(th, ROLE_HEADING), th);
		draw_fault_panes(app, w, top + nh - 2, bottom);
	}
	/* H-3: the event's writes in one line, the current one marked */
	if (ev->kind == TRACE_FAULT && ev->nwrites && replay_applied(rs->r))
		draw_writes_line(app, w, LINES - 3);
	/* H-2: input field or status */
	if (rs->focus == RF_PREDICT && rs->predict_said[0]) {
		/* why the last guess was not read, above the field */
		int rows = draw_text_lines_plain(rs->predict_said, COLS - 2, th) > 1 ? 2 : 1;
		draw_clear(w, (struct rect){ LINES - 2 - rows, 0, rows, COLS }, A_NORMAL);
		draw_text_plain(w, (struct rect){ LINES - 2 - rows, 1, rows, COLS - 2 }, rs->predict_said,
				0, theme_attr(th, ROLE_HEADING), th);
	}
	if (rs->focus == RF_NONE && rs->predict_said[0] && !strcmp(app->status, rs->predict_said)) {
		/* a level's guess just graded: its feedback whole, in the rows
		 * above the status row too, until the next key */
		int rows = draw_text_lines_plain(rs->predict_said, COLS - 2, th);
		rows = rows > 3 ? 3 : rows;
		draw_clear(w, (struct rect){ LINES - 1 - rows, 0, rows, COLS }, A_NORMAL);
		draw_text_plain(w, (struct rect){ LINES - 1 - rows, 1, rows, COLS - 2 }, rs->predict_said,
				0, theme_attr(th, app->status_role), th);
	} else if (rs->focus != RF_NONE) {
		int x = draw_str(w, LINES - 2, 1, COLS - 2,
				 rs->focus == RF_SEARCH ? "/" : rs->focus == RF_PREDICT
				 ? screen_replay_predict_prompt(app) : TR(app, "go to event: ", "イベント番号: "),
				 A_BOLD, th);
		draw_input(w, LINES - 2, 1 + x, COLS - 2 - x, rs->input.buf, theme_attr(th, ROLE_INPUT), th);
	} else if (app->status[0]) {
		draw_str(w, LINES - 2, 1, COLS - 2, app->status, theme_attr(th, app->status_role), th);
	} else if (COLS < 110) {
		/* narrow: the timeline's legend where the status goes when it is empty */
		draw_fmt(w, LINES - 2, 1, COLS - 2, theme_attr(th, ROLE_DIM), th, "%s %s",
			 TR(app, "timeline:", "タイムライン:"), timeline_legend(app));
	}
	draw_hints(app, w);
}
