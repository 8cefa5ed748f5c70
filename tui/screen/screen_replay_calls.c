/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_replay_calls.c - a Linux trace's call chain in the replayer: the chain
 * and the real source line of its current frame (screen_replay_int.h). */
#include "screen_replay_int.h"
#include "source/linuxsrc.h"
#include "trace/trace_calls.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FRAMES 64   /* frames of one stack drawn */

char *screen_replay_expand_tabs(const char *s)
{
	return text_expand_tabs(s, strlen(s));
}

/* ---- loading ---- */

static void lines_free(char **lines, size_t n)
{
	if (!lines)
		return;
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

void screen_replay_calls_free(struct calls_view *v)
{
	for (size_t i = 0; i < v->nfiles; i++) {
		lines_free(v->lines[i], v->nlines[i]);
		v->lines[i] = NULL;
		v->nlines[i] = 0;
	}
	replay_lxsrc_free(v->src);
	v->src = NULL;
	lines_free(v->prog_lines, v->prog_nlines);
	v->prog_lines = NULL;
	v->prog_nlines = 0;
}

/* The program's source (the learner's, format 5) split into lines. 0, or
 * -1 out of memory. */
static int prog_load(struct calls_view *v, const struct trace *t)
{
	const struct trace_program *p = t->h.program;
	size_t n = 0;

	if (!p || !p->source || !p->nlines)
		return 0;
	if (!(v->prog_lines = calloc(p->nlines, sizeof *v->prog_lines)))
		return -1;
	for (const char *s = p->source; *s && n < p->nlines; n++) {
		size_t k = strcspn(s, "\n");
		if (!(v->prog_lines[n] = text_expand_tabs(s, k)))
			return -1;
		v->prog_nlines = n + 1;
		s += k + (s[k] == '\n');
	}
	return 0;
}

int screen_replay_calls_load(struct calls_view *v, const struct trace *t, enum replay_lxsrc_how how,
			     struct linuxsrc *src, const char *cause)
{
	struct diag d;

	screen_replay_calls_free(v);
	v->used = t->ncalls > 0;
	if (!v->used)
		return 0;
	if (prog_load(v, t) < 0)
		return -1;
	v->nfiles = replay_lxsrc_files(t, v->files, sizeof v->files / sizeof v->files[0]);
	v->state = replay_lxsrc_new(src, t, how, cause, &v->src, &d);
	v->err[0] = '\0';
	if (v->state == 1 || v->state < 0)
		snprintf(v->err, sizeof v->err, "%s", d.msg);
	if (v->state != 0)
		return 0;
	for (size_t i = 0; i < v->nfiles; i++) {
		const struct replay_excerpt *ex = replay_lxsrc_file(v->src, v->files[i]);
		if (!ex)
			continue;
		if (!(v->lines[i] = calloc(ex->nlines ? ex->nlines : 1, sizeof *v->lines[i])))
			return -1;
		v->nlines[i] = ex->nlines;
		for (size_t k = 0; k < ex->nlines; k++)
			if (!(v->lines[i][k] = screen_replay_expand_tabs(replay_code_text(ex, k, LANG_EN))))
				return -1;
	}
	return 0;
}

/* ---- the chain ---- */

/* The frame shown: the current one (*live true), or before the handler
 * runs the first (*live false). NULL when the event has no chain. */
static const struct trace_call *frame_shown(const struct replay *rp, size_t *i, bool *live)
{
	const struct trace *t = replay_trace(rp);
	const struct trace_event *ev = &t->events[replay_event(rp)];
	const struct trace_call *c = replay_call_now(rp, i);

	*live = c != NULL;
	if (c || !replay_has_calls(ev))
		return c;
	*i = 0;
	return &t->calls[ev->call0];
}

/* Rows of the chain's list: a frame that moves on in the one before it
 * (the same function reached again at a new line) shares its row. */
static size_t list_rows(const struct trace *t, const struct trace_event *ev)
{
	size_t n = 0;

	for (size_t k = 0; k < ev->ncalls; k++)
		n += !trace_calls_moves_on(t, ev, k);
	return n;
}

int screen_replay_calls_rows(const struct replay *rp)
{
	const struct trace *t = replay_trace(rp);

	return 1 + (int)list_rows(t, &t->events[replay_event(rp)]);
}

static void fn_of(const struct trace_call *c, char *buf, size_t len)
{
	replay_call_base(c->fn, buf, len);
}

/* One row: the current stack's names, the current one marked; the
 * outermost ones give way to "... >" when it is too wide. */
static void draw_breadcrumb(const struct app *app, WINDOW *w, struct rect r, const struct replay *rp)
{
	const struct theme *th = &app->theme;
	const struct trace *t = replay_trace(rp);
	const struct trace_event *ev = &t->events[replay_event(rp)];
	const char *sep = " > ", *more = th->utf8 ? "… > " : "... > ";
	size_t st[MAX_FRAMES], n, i, from = 0;
	bool live;
	int x = r.x, total;
	char fn[128];

	draw_clear(w, (struct rect){ r.y, r.x, 1, r.w }, A_NORMAL);
	if (!frame_shown(rp, &i, &live))
		return;
	/* before the handler runs, its first frame only: the chain would give
	 * its route away */
	n = live ? replay_call_stack(t, ev, i, st, MAX_FRAMES) : 1;
	if (!live)
		st[0] = 0;
	for (;; from++) {
		total = from ? draw_text_width(more, th) : 0;
		for (size_t k = from; k < n; k++) {
			fn_of(&t->calls[ev->call0 + st[k]], fn, sizeof fn);
			total += draw_text_width(fn, th) + (k > from ? draw_text_width(sep, th) : 0);
		}
		if (total <= r.w || from + 1 >= n)
			break;
	}
	if (from)
		x += draw_str(w, r.y, x, r.w, more, theme_attr(th, ROLE_DIM), th);
	for (size_t k = from; k < n && x < r.x + r.w; k++) {
		bool cur = live && k + 1 == n;
		if (k > from)
			x += draw_str(w, r.y, x, r.x + r.w - x, sep, theme_attr(th, ROLE_DIM), th);
		fn_of(&t->calls[ev->call0 + st[k]], fn, sizeof fn);
		x += draw_str(w, r.y, x, r.x + r.w - x, fn, cur ? theme_attr(th, ROLE_CURRENT) | A_BOLD
			      : live ? A_NORMAL : theme_attr(th, ROLE_DIM), th);
	}
}

/* "FILE:LINE", or "FILE" alone for a frame with no line lit, into buf. */
static const char *place(const struct trace_call *c, const char *file, char *buf, size_t len)
{
	if (c->line)
		snprintf(buf, len, "%s:%u", file, c->line);
	else
		snprintf(buf, len, "%s", file);
	return buf;
}

/* A frame's row of the list, in the first form that fits w; from: the
 * line the same call was at before it moved on to c's (0: none). */
static void list_row(const struct app *app, WINDOW *w, int y, struct rect r,
		     const struct trace_call *c, unsigned from, int indent, bool cur, attr_t at)
{
	const struct theme *th = &app->theme;
	const char *base = strrchr(c->file, '/') ? strrchr(c->file, '/') + 1 : c->file;
	char fn[128], forms[3][800], where[2][300], moved[40] = "";
	const char *list[4] = { forms[0], forms[1], forms[2], NULL };
	const char *mark = cur ? (th->utf8 ? "▶ " : "> ") : "  ";

	fn_of(c, fn, sizeof fn);
	if (from)
		snprintf(moved, sizeof moved, " (%u %s %u)", from, th->utf8 ? "→" : "->", c->line);
	snprintf(forms[0], sizeof forms[0], "%*s%s%s  %s%s", indent, "", mark, fn,
		 place(c, c->file, where[0], sizeof where[0]), moved);
	snprintf(forms[1], sizeof forms[1], "%*s%s%s  %s%s", indent, "", mark, fn,
		 place(c, base, where[1], sizeof where[1]), moved);
	snprintf(forms[2], sizeof forms[2], "%*s%s%s", indent, "", mark, fn);
	if (draw_text_width(forms[2], th) > r.w)    /* no room to indent */
		snprintf(forms[2], sizeof forms[2], "%s%s", mark, fn);
	draw_first_fit(w, y, r.x, r.w, at, th, list);
}

/* Every call of the event, one a row, indented by depth: a frame that is
 * the call before it moving on (trace_calls_moves_on: the same function
 * at a new line) shares that row, which shows the line the call has
 * reached ("879 -> 912"), not a deeper call. The current call marked, its
 * callers normal, the rest dim. A window around the current call when
 * they do not all fit. */
static void draw_list(const struct app *app, WINDOW *w, struct rect r, const struct replay *rp)
{
	const struct theme *th = &app->theme;
	const struct trace *t = replay_trace(rp);
	const struct trace_event *ev = &t->events[replay_event(rp)];
	size_t st[MAX_FRAMES], n = 0, i, first = 0, rows = r.h > 1 ? (size_t)r.h - 1 : 0;
	uint32_t maxd = 0;
	int step = 2;
	bool live;

	draw_clear(w, r, A_NORMAL);
	if (!frame_shown(rp, &i, &live) || r.h < 1)
		return;
	if (live)
		n = replay_call_stack(t, ev, i, st, MAX_FRAMES);
	for (uint32_t k = 0; k < ev->ncalls; k++)
		maxd = t->calls[ev->call0 + k].depth > maxd ? t->calls[ev->call0 + k].depth : maxd;
	while (step && (int)maxd * step + 30 > r.w)
		step--;
	if (!live) {
		/* before the handler runs: its route is not given away */
		draw_str(w, r.y, r.x, r.w, TR(app, "call chain (Linux 6.1): the handler has not run yet",
					      "呼び出しの連鎖 (Linux 6.1): ハンドラはまだ動いていません"),
			 theme_attr(th, ROLE_HEADING), th);
		return;
	}
	draw_fmt(w, r.y, r.x, r.w, theme_attr(th, ROLE_HEADING), th,
		 TR(app, "call chain, %zu calls (Linux 6.1)", "呼び出しの連鎖 %zu 個 (Linux 6.1)"),
		 list_rows(t, ev));
	{
		size_t nrows = list_rows(t, ev), cur_row = 0, row = 0;
		for (size_t k = 0; k <= i && k < ev->ncalls; k++)
			cur_row += k > 0 && !trace_calls_moves_on(t, ev, k);
		if (rows < nrows && live && cur_row >= rows / 2)
			first = cur_row - rows / 2;
		if (rows < nrows && first + rows > nrows)
			first = nrows - rows;
		for (size_t k = 0, y = 1; k < ev->ncalls && y <= rows; k++) {
			size_t e = k, shown;
			bool cur, in_stack = false;
			/* the run of frames that are one call moving on: k .. e */
			while (e + 1 < ev->ncalls && trace_calls_moves_on(t, ev, e + 1))
				e++;
			/* the line the call has reached: the current frame's when it is
			 * in the run, the run's last once past it, its first before */
			shown = live && i >= k && i <= e ? i : live && i > e ? e : k;
			cur = live && i >= k && i <= e;
			for (size_t s = 0; s < n; s++)
				in_stack |= st[s] >= k && st[s] <= e;
			if (row++ >= first) {
				list_row(app, w, r.y + (int)y, r, &t->calls[ev->call0 + shown],
					 shown > k ? t->calls[ev->call0 + k].line : 0,
					 (int)t->calls[ev->call0 + k].depth * step, cur,
					 cur ? theme_attr(th, ROLE_CURRENT) | A_BOLD
					 : in_stack ? A_NORMAL : theme_attr(th, ROLE_DIM));
				y++;
			}
			k = e;
		}
	}
}

void screen_replay_calls_chain(const struct app *app, WINDOW *w, struct rect r, const struct replay *rp,
		      bool list)
{
	if (list)
		draw_list(app, w, r, rp);
	else
		draw_breadcrumb(app, w, r, rp);
}

/* ---- the code pane ---- */

struct line_hl {
	unsigned line;                /* 0: none */
};

static bool hl_line(const void *ctx, unsigned line)
{
	return line == ((const struct line_hl *)ctx)->line;
}

/* The pane's title: file, function, and which source, in the first form
 * that fits. */
static void draw_title(const struct app *app, WINDOW *w, struct rect r, const struct trace_call *c,
		       const char *version)
{
	const char *base = strrchr(c->file, '/') ? strrchr(c->file, '/') + 1 : c->file;
	char fn[128], forms[5][400];
	const char *list[6] = { forms[0], forms[1], forms[2], forms[3], forms[4], NULL };

	fn_of(c, fn, sizeof fn);
	snprintf(forms[0], sizeof forms[0], TR(app, "%s  %s()  Linux 6.1 (%s%s%s)",
					       "%s  %s()  Linux 6.1 (%s%s%s)"),
		 c->file, fn, LINUXSRC_PACKAGE, version[0] ? " " : "", version);
	if (version[0])   /* the package's name gives way first, then the version */
		snprintf(forms[1], sizeof forms[1], TR(app, "%s  %s()  Linux 6.1 (%s)",
						       "%s  %s()  Linux 6.1 (%s)"), c->file, fn, version);
	else
		snprintf(forms[1], sizeof forms[1], "%s  %s()  Linux 6.1", c->file, fn);
	snprintf(forms[2], sizeof forms[2], "%s  %s()  Linux 6.1", c->file, fn);
	snprintf(forms[3], sizeof forms[3], "%s  %s()", c->file, fn);
	snprintf(forms[4], sizeof forms[4], "%s  %s()", base, fn);
	draw_first_fit(w, r.y, r.x, r.w, theme_attr(&app->theme, ROLE_HEADING), &app->theme, list);
}

/* A program's fault (format 5): where in the learner's program it came
 * from, as the first words of the pane's note ("" none). Its length. */
static size_t program_note(const struct app *app, const struct trace *t,
			   const struct trace_event *ev, char *buf, size_t len)
{
	char place[300];
	int n;

	const struct trace_place *pl = trace_place_of(t, ev);

	if (!pl->has)
		return 0;
	trace_event_place(t, ev, place, sizeof place);
	if (pl->syscall)
		n = snprintf(buf, len, TR(app, "Your program: in the system call %s%s%s%s. ",
					  "あなたのプログラム: システムコール %s の中%s%s%s。"),
			     pl->syscall, place[0] ? TR(app, ", from ", " (") : "", place,
			     place[0] && app->lang == LANG_JA ? " から)" : "");
	else
		n = snprintf(buf, len, TR(app, "Your program: %s%s. ", "あなたのプログラム: %s%s。"),
			     place[0] ? place : "?", pl->startup
			     ? TR(app, ", the C library's start-up before main",
				  " (main の前、C ライブラリの開始処理)") : "");
	return n < 0 ? 0 : (size_t)n;
}

/* What the reader should know about the lines shown: another upload than
 * the kernel's, why this line is lit or why none is (the tracer's why), a
 * line outside its function. "" when nothing. */
static void caveat(const struct app *app, const struct calls_view *v, const struct trace *t,
		   const struct trace_event *ev, size_t ci, char *buf, size_t len)
{
	const struct trace_call *c = &t->calls[ci];
	unsigned first, last;
	int in = replay_lxsrc_check(v->src, ci, &first, &last);
	char theirs[64], fn[128], why[600];
	size_t k = 0;

	buf[0] = '\0';
	fn_of(c, fn, sizeof fn);
	k = program_note(app, t, ev, buf, len);
	if (k >= len)
		return;
	replay_lxsrc_trace_version(t, theirs, sizeof theirs);
	if (replay_lxsrc_differs(v->src, t))
		k += (size_t)snprintf(buf + k, len - k, TR(app, "Your %s is %s, the kernel was built from %s: "
						  "lines may be off. ",
						  "お使いの %s は %s、カーネルは %s から作られています。"
						  "行がずれているかもしれません。"),
				     LINUXSRC_PACKAGE, replay_lxsrc_version(v->src), theirs);
	if (k >= len)
		return;
	replay_call_why(c, app->lang, why, sizeof why);
	if (why[0])
		k += (size_t)snprintf(buf + k, len - k, "%s%s", why, c->line ? " " : "");
	else if (!c->line)   /* no line and no word why: still say so */
		k += (size_t)snprintf(buf + k, len - k, "%s", TR(app, "No line is lit.",
								  "行は示しません。"));
	if (k >= len || !c->line)
		return;
	if (in == 1)
		snprintf(buf + k, len - k, TR(app, "Line %u is not inside %s() here (lines %u-%u).",
					      "ここでは %u 行目は %s() (%u-%u 行)の中にありません。"),
			 c->line, fn, first, last);
	else if (in < 0)
		snprintf(buf + k, len - k, TR(app, "No %s() found in this %s.",
					      "この %s には %s() が見つかりません。"),
			 app->lang == LANG_JA ? c->file : fn, app->lang == LANG_JA ? fn : c->file);
}

/* Without the lines: the stack's functions and file:line, then why, and
 * how to get them. */
static void draw_missing(const struct app *app, WINDOW *w, struct rect r, const struct calls_view *v,
			 const struct replay *rp, size_t i, bool live, const char *why)
{
	const struct theme *th = &app->theme;
	const struct trace *t = replay_trace(rp);
	const struct trace_event *ev = &t->events[replay_event(rp)];
	size_t st[MAX_FRAMES], n;
	char msg[1400], fn[128];
	const struct trace_call *c = &t->calls[ev->call0 + i];
	int mh, y = r.y + 1;

	fn_of(c, fn, sizeof fn);
	{
		const char *base = strrchr(c->file, '/') ? strrchr(c->file, '/') + 1 : c->file;
		char forms[3][800], at[2][300];
		const char *list[4] = { forms[0], forms[1], forms[2], NULL };
		place(c, c->file, at[0], sizeof at[0]);
		place(c, base, at[1], sizeof at[1]);
		snprintf(forms[0], sizeof forms[0], "Linux 6.1  %s()  %s", fn, at[0]);
		snprintf(forms[1], sizeof forms[1], "%s()  %s", fn, at[0]);
		snprintf(forms[2], sizeof forms[2], "%s()  %s", fn, at[1]);
		draw_first_fit(w, r.y, r.x, r.w, theme_attr(th, ROLE_HEADING), th, list);
	}
	if (v->state == 1)
		snprintf(msg, sizeof msg, "%s", TR(app,
			 "Linux 6.1's lines are read from the Debian package " LINUXSRC_PACKAGE
			 ", which is not installed. Get it with: apt-get install " LINUXSRC_PACKAGE
			 " (pagewalk extracts the files it shows on first use).",
			 "Linux 6.1 の行は Debian パッケージ " LINUXSRC_PACKAGE " から読みますが、"
			 "インストールされていません。入手するには: apt-get install " LINUXSRC_PACKAGE
			 "(表示するファイルは初回に pagewalk が展開します)"));
	else if (v->state == 2)
		snprintf(msg, sizeof msg, "%s", app_source_note(app));
	else
		snprintf(msg, sizeof msg, TR(app, "Its lines cannot be shown: %s", "その行を表示できません: %s"),
			 why);
	mh = draw_text_lines_plain(msg, r.w, th);
	if (mh > r.h - 1)
		mh = r.h - 1;
	/* the stack, innermost last, in the rows the message leaves (before
	 * the handler runs, its first frame only) */
	n = live ? replay_call_stack(t, ev, i, st, MAX_FRAMES) : 1;
	if (!live)
		st[0] = 0;
	for (size_t k = n > (size_t)(r.h - 1 - mh) ? n - (size_t)(r.h - 1 - mh) : 0;
	     k < n && y < r.y + r.h - mh; k++, y++)
		list_row(app, w, y, r, &t->calls[ev->call0 + st[k]], 0, 0, live && k + 1 == n,
			 live && k + 1 == n ? theme_attr(th, ROLE_CURRENT) | A_BOLD : A_NORMAL);
	draw_text_plain(w, (struct rect){ y, r.x, r.y + r.h - y, r.w }, msg, 0,
			theme_attr(th, ROLE_DIM), th);
}

/* Before the handler runs, a program's fault (format 5) with a line: the
 * learner's source on that line, highlighted. */
static bool prog_shown(const struct calls_view *v, const struct trace *t,
		       const struct trace_event *ev, bool live)
{
	const struct trace_place *pl = trace_place_of(t, ev);

	return !live && pl->has && pl->line &&
	       (pl->line <= v->prog_nlines || (!v->prog_nlines && t->h.program->source_file));
}

static void draw_program(const struct app *app, WINDOW *w, struct rect r, const struct calls_view *v,
			 const struct trace *t, const struct trace_event *ev, int scroll)
{
	const struct theme *th = &app->theme;
	char forms[3][400], note[600];
	const char *list[4] = { forms[0], forms[1], forms[2], NULL };
	const struct trace_place *pl = trace_place_of(t, ev);
	struct line_hl hl = { pl->line };
	struct code_lines cl;
	int rows, top, nh = 0;

	const char *file = trace_program_file(t->h.program);
	bool text = v->prog_nlines > 0;

	snprintf(forms[0], sizeof forms[0], TR(app, "%s:%u  %s()  your program",
					       "%s:%u  %s()  あなたのプログラム"),
		 file, pl->line, pl->fn ? pl->fn : "?");
	snprintf(forms[1], sizeof forms[1], "%s:%u  %s()", file, pl->line, pl->fn ? pl->fn : "?");
	snprintf(forms[2], sizeof forms[2], "%s:%u", file, pl->line);
	draw_first_fit(w, r.y, r.x, r.w, theme_attr(th, ROLE_HEADING), th, list);
	if (!text)   /* an ELF given without its source: the line, never its text */
		snprintf(note, sizeof note, TR(app, "Line %u of %s faulted. Its text is not in this "
					       "trace: the program was given as an ELF, without "
					       "its source. Linux's handler follows.",
					       "%2$s の %1$u 行目でフォルトしました。プログラムは"
					       "ソースなしの ELF として渡されたので、その行の"
					       "テキストはトレースにありません。続いて Linux の"
					       "ハンドラーを見ます。"), pl->line, file);
	else if (pl->startup)
		snprintf(note, sizeof note, "%s", TR(app, "Before main: the C library's start-up.",
						      "main の前: C ライブラリの開始処理です。"));
	else
		snprintf(note, sizeof note, "%s", TR(app, "The line that faulted; Linux's handler "
						      "follows.", "フォルトした行です。続いて Linux "
						      "のハンドラーを見ます。"));
	nh = draw_text_lines_plain(note, r.w, th);
	nh = nh > r.h - (text ? 2 : 1) ? r.h - (text ? 2 : 1) : nh;
	draw_text_plain(w, (struct rect){ r.y + 1, r.x, nh, r.w }, note, 0,
			theme_attr(th, ROLE_STATUS), th);
	if (!text)
		return;
	rows = r.h - 1 - nh;
	top = (int)pl->line - 1 - rows / 3 + scroll;
	if (top > (int)v->prog_nlines - rows)
		top = (int)v->prog_nlines - rows;
	if (top < 0)
		top = 0;
	cl = (struct code_lines){ .lines = v->prog_lines, .nlines = v->prog_nlines, .first_line = 1,
				  .highlighted = hl_line, .ctx = &hl };
	draw_code(w, (struct rect){ r.y + 1 + nh, r.x, rows, r.w }, &cl, top, th);
}

void screen_replay_calls_code(const struct app *app, WINDOW *w, struct rect r, const struct calls_view *v,
		     const struct replay *rp, int scroll)
{
	const struct theme *th = &app->theme;
	const struct trace *t = replay_trace(rp);
	const struct trace_event *ev = &t->events[replay_event(rp)];
	const struct replay_excerpt *ex = NULL;
	const struct trace_call *c;
	struct line_hl hl;
	struct code_lines cl;
	char note[1000];
	size_t i, f = 0;
	bool live;
	unsigned first, last;
	int nh = 0, rows, top, base;

	draw_clear(w, r, A_NORMAL);
	if (r.h < 2 || r.w < 8 || !(c = frame_shown(rp, &i, &live)))
		return;
	if (prog_shown(v, t, ev, live)) {
		draw_program(app, w, r, v, t, ev, scroll);
		return;
	}
	for (; v->state == 0 && f < v->nfiles; f++)
		if (!strcmp(v->files[f], c->file))
			break;
	if (v->state == 0 && f < v->nfiles && v->lines[f])
		ex = replay_lxsrc_file(v->src, c->file);
	if (!ex) {
		draw_missing(app, w, r, v, rp, i, live, v->state == 0
			     ? replay_lxsrc_why(v->src, c->file) : v->err);
		return;
	}
	draw_title(app, w, r, c, replay_lxsrc_version(v->src));
	caveat(app, v, t, ev, ev->call0 + i, note, sizeof note);
	for (size_t n = strlen(note); n && note[n - 1] == ' ';)
		note[--n] = '\0';
	if (note[0]) {
		nh = draw_text_lines_plain(note, r.w, th);
		nh = nh > r.h - 2 ? r.h - 2 : nh;
		draw_text_plain(w, (struct rect){ r.y + 1, r.x, nh, r.w }, note, 0,
				theme_attr(th, ROLE_STATUS), th);
	}
	rows = r.h - 1 - nh;
	hl.line = live ? c->line : 0;   /* no line lit: nothing highlighted */
	/* the line a third of the way down, its function's start above it;
	 * with no line lit, the function from its start */
	if (c->line)
		base = (int)c->line - 1 - rows / 3;
	else
		base = replay_lxsrc_check(v->src, ev->call0 + i, &first, &last) < 0 ? 0 : (int)first - 2;
	/* the reader's scroll (replay_screen), shown within the file */
	top = base + scroll;
	if (top > (int)ex->nlines - rows)
		top = (int)ex->nlines - rows;
	if (top < 0)
		top = 0;
	cl = (struct code_lines){ .lines = v->lines[f], .nlines = ex->nlines, .first_line = 1,
				  .highlighted = hl_line, .ctx = &hl };
	draw_code(w, (struct rect){ r.y + 1 + nh, r.x, rows, r.w }, &cl, top, th);
}

size_t screen_replay_calls_nlines(const struct calls_view *v, const struct replay *rp)
{
	const struct trace_call *c;
	size_t i;
	bool live;

	if (!(c = frame_shown(rp, &i, &live)))
		return 0;
	if (prog_shown(v, replay_trace(rp), &replay_trace(rp)->events[replay_event(rp)], live))
		return v->prog_nlines;
	if (v->state != 0)
		return 0;
	for (size_t f = 0; f < v->nfiles; f++)
		if (!strcmp(v->files[f], c->file))
			return v->lines[f] ? v->nlines[f] : 0;
	return 0;
}
