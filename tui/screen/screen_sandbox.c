/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_sandbox.c - the sandbox: the learner's own address, walked step
 * by step, with a fill-in table checked field by field (engine/lesson/
 * sandbox.h does the walk and the grading).
 *
 *   title bar: "Sandbox", the arch, the access, the memory (built or FILE)
 *   Address: 0x... and cr3 (arm64: bit 55 and the TTBR it picks), its
 *   bits split (address bar)
 *   the walk, one level more per s (. all of it)
 *   the table: a row per real level the walk read (index, entry address,
 *   entry value), then the physical address; the selected cell boxed
 *   the last check's feedback, then the status line and the key bar
 *
 * Keys (the key table's CTX_SANDBOX): e the address, o a memory image
 * (a file as translate --mem reads), a the arch (x86's four, then arm64's
 * eight profiles), t the access, u user or
 * kernel mode, arrows / h j k l move between cells, Enter or a digit types
 * into the cell, s and . reveal the walk; typing (CTX_INPUT): Enter
 * checks the cell (or takes the address / the file), Esc leaves.
 */
#include "screen/screen_sandbox.h"
#include "screen/keybar.h"
#include "trace/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum sb_focus { SB_NONE, SB_CELL, SB_ADDR, SB_FILE };

struct cell {
	char typed[100];
	bool checked;
	enum grade_result result;
};

struct sandbox_screen {
	struct sandbox *sb;           /* owned */
	struct memimage *img;         /* owned; NULL: tables built */
	char img_shown[300];          /* its file name, escaped */
	enum arch_id arch;
	struct access access;
	uint64_t addr;
	int revealed;                 /* walk steps shown (s, .); -1: all */
	int row, col;                 /* the selected cell: row nrows is the physical address */
	struct cell cells[LEVEL_COUNT + 1][WALK_FIELDS];
	enum sb_focus focus;
	struct input input;
	struct grade grade;           /* the last check */
	bool graded;
	unsigned right, checked;      /* cells right / checked since the walk was made */
};

static struct sandbox_screen *ss_of(const struct app *app)
{
	return app->sandbox;
}

/* (Re)make the walk for the screen's address, arch and access (over the
 * image when one is loaded): the table starts empty. 0, or -1 with the
 * reason on the status line (the old walk kept). */
static int rebuild(struct app *app)
{
	struct sandbox_screen *ss = ss_of(app);
	struct diag d = { 0 };
	struct sandbox *sb = sandbox_new(ss->img ? NULL : arch_get(ss->arch), ss->addr, ss->access,
					 ss->img, &d);

	if (!sb) {
		app_status(app, ROLE_ERROR, "%s", d.msg);
		return -1;
	}
	sandbox_free(ss->sb);
	ss->sb = sb;
	memset(ss->cells, 0, sizeof ss->cells);
	ss->revealed = 0;
	ss->row = ss->col = 0;
	ss->graded = false;
	ss->right = ss->checked = 0;
	return 0;
}

int screen_sandbox_open(struct app *app, const struct arch *a, uint64_t addr,
			struct memimage *img, const char *img_shown)
{
	struct sandbox_screen *ss = calloc(1, sizeof *ss);

	if (!ss) {
		memimage_free(img);
		return -1;
	}
	app_switch(app, SCREEN_SANDBOX);
	app->sandbox = ss;
	ss->img = img;
	snprintf(ss->img_shown, sizeof ss->img_shown, "%s", img_shown ? img_shown : "");
	ss->arch = img ? img->arch->id : a ? a->id : ARCH_X86_32;
	ss->addr = addr;
	if (rebuild(app) < 0) {
		/* an address the arch cannot hold: the arch's first kernel address */
		uint64_t lo, hi;
		arch_half(arch_get(ss->arch), true, &lo, &hi);
		ss->addr = lo;
		if (rebuild(app) < 0)
			return -1;
	}
	app_status(app, ROLE_STATUS, "%s",
		   TR(app, "Fill in the table: Enter or a digit types into a cell, Enter checks it. "
		      "s shows the walk one level at a time; e: another address.",
		      "表を埋めてください: Enter か数字でセルに入力し、Enter で確かめます。"
		      "s で変換を 1 段ずつ表示、e で別のアドレス。"));
	return 0;
}

static void sandbox_close(struct app *app)
{
	struct sandbox_screen *ss = ss_of(app);

	if (!ss)
		return;
	sandbox_free(ss->sb);
	memimage_free(ss->img);
	free(ss);
	app->sandbox = NULL;
}

static unsigned sandbox_ctx(const struct app *app)
{
	return ss_of(app)->focus == SB_NONE ? CTX_SANDBOX : CTX_INPUT;
}

static int rows_of(const struct sandbox_screen *ss)
{
	return ss->sb->nrows + (ss->sb->walk.status == WALK_OK);
}

/* Grade the typed text for the selected cell. */
static void check_cell(struct app *app)
{
	struct sandbox_screen *ss = ss_of(app);
	struct cell *c = &ss->cells[ss->row][ss->col];

	if (ss->row == ss->sb->nrows)
		sandbox_check_phys(ss->sb, ss->input.buf, &ss->grade);
	else
		sandbox_check(ss->sb, ss->row, (enum walk_field)ss->col, ss->input.buf, &ss->grade);
	ss->graded = true;
	if (ss->grade.result == GRADE_UNPARSED || ss->grade.result == GRADE_OTHER_BASE)
		return;      /* not read: the field stays open */
	snprintf(c->typed, sizeof c->typed, "%.*s", (int)sizeof c->typed - 1, ss->input.buf);
	c->checked = true;
	c->result = ss->grade.result;
	ss->checked++;
	ss->right += ss->grade.result == GRADE_RIGHT;
	ss->focus = SB_NONE;
	/* on to the next cell when right */
	if (ss->grade.result == GRADE_RIGHT) {
		if (ss->row < ss->sb->nrows && ss->col + 1 < WALK_FIELDS)
			ss->col++;
		else if (ss->row + 1 < rows_of(ss)) {
			ss->row++;
			ss->col = 0;
		}
	}
}

/* Take the typed file name as the memory image (an empty name: back to
 * tables built for the address). */
static void load_image(struct app *app)
{
	struct sandbox_screen *ss = ss_of(app);
	struct diag d = { 0 };
	struct memimage *img;
	char buf[1200], shown[400], *e;

	if (!ss->input.len) {
		memimage_free(ss->img);
		ss->img = NULL;
		ss->img_shown[0] = '\0';
		rebuild(app);
		return;
	}
	img = memimage_load(ss->input.buf, &d);
	if (!img) {
		diag_format(&d, buf, sizeof buf);
		app_status(app, ROLE_ERROR, "%s", buf);
		return;
	}
	memimage_free(ss->img);
	ss->img = img;
	ss->arch = img->arch->id;
	e = text_escape(ss->input.buf, strlen(ss->input.buf), false);
	snprintf(ss->img_shown, sizeof ss->img_shown, "%s", e ? e : "?");
	free(e);
	if (rebuild(app) < 0)
		return;
	/* the path fits the status line's first row beside "Memory image "
	 * (a long one keeps its end), the rest of the message the second */
	draw_tail_fit(ss->img_shown, COLS - 20, &app->theme, shown, sizeof shown);
	if (img->arch->family == FAMILY_ARM64)
		app_status(app, ROLE_STATUS, TR(app, "Memory image %s: %s, TTBR0_EL1 0x%llx, TTBR1_EL1 0x%llx.",
						"メモリイメージ %s: %s、TTBR0_EL1 0x%llx、TTBR1_EL1 0x%llx。"),
			   shown, img->arch->name, (unsigned long long)img->cr3,
			   (unsigned long long)img->ttbr1);
	else
		app_status(app, ROLE_STATUS, TR(app, "Memory image %s: %s, cr3 0x%llx.",
						"メモリイメージ %s: %s、cr3 0x%llx。"),
			   shown, img->arch->name, (unsigned long long)img->cr3);
}

/* Take the typed address (the walk made again over the same memory). */
static void take_address(struct app *app)
{
	struct sandbox_screen *ss = ss_of(app);
	struct diag d = { 0 };
	uint64_t old = ss->addr;

	if (!ss->input.len)
		return;
	if (addr_parse(ss->input.buf, &ss->addr, &d) < 0) {
		app_status(app, ROLE_ERROR, "%s", d.msg);
		return;
	}
	if (rebuild(app) < 0)
		ss->addr = old;
}

static void open_field(struct sandbox_screen *ss, enum sb_focus f, int first)
{
	ss->focus = f;
	ss->input.len = 0;
	ss->input.buf[0] = '\0';
	if (first) {
		ss->input.buf[ss->input.len++] = (char)first;
		ss->input.buf[ss->input.len] = '\0';
	}
}

static enum reaction input_key(struct app *app, int key)
{
	struct sandbox_screen *ss = ss_of(app);

	switch (keys_action(CTX_INPUT, key)) {
	case ACT_SUBMIT: {
		enum sb_focus f = ss->focus;
		if (f == SB_CELL) {
			if (ss->input.len)
				check_cell(app);
			break;
		}
		ss->focus = SB_NONE;
		if (f == SB_ADDR)
			take_address(app);
		else
			load_image(app);
		break;
	}
	case ACT_ERASE:
		if (ss->input.len)
			ss->input.buf[--ss->input.len] = '\0';
		break;
	case ACT_LEAVE:
		ss->focus = SB_NONE;
		break;
	default:
		/* a file name may be long; a number or an address is short */
		if (key >= 0x20 && key < 0x7f && ss->input.len + 1 < sizeof ss->input.buf &&
		    (ss->focus == SB_FILE || ss->input.len + 1 < sizeof ss->cells[0][0].typed)) {
			ss->input.buf[ss->input.len++] = (char)key;
			ss->input.buf[ss->input.len] = '\0';
		}
		break;
	}
	return REACT_REDRAW;
}

static enum reaction sandbox_key(struct app *app, int key)
{
	struct sandbox_screen *ss = ss_of(app);
	const struct walk *w = &ss->sb->walk;
	enum action a;

	if (ss->focus != SB_NONE)
		return input_key(app, key);
	a = keys_action(CTX_SANDBOX, key);
	switch (a) {
	case ACT_TYPE:
		open_field(ss, SB_CELL, key);
		break;
	case ACT_ANSWER:
		open_field(ss, SB_CELL, 0);
		break;
	case ACT_SB_ADDR:
		open_field(ss, SB_ADDR, 0);
		break;
	case ACT_SB_FILE:
		open_field(ss, SB_FILE, 0);
		break;
	case ACT_SB_ARCH:
		if (ss->img) {
			app_status(app, ROLE_STATUS, "%s",
				   TR(app, "The memory image fixes the arch (o with an empty name: built tables).",
				      "メモリイメージがアーキテクチャを決めています (o で空の名前: 作ったテーブル)。"));
			break;
		}
		/* every arch in turn: x86's four, then arm64's eight profiles */
		ss->arch = (enum arch_id)((ss->arch + 1) % ARCH_COUNT);
		if (rebuild(app) < 0) {
			uint64_t lo, hi;
			arch_half(arch_get(ss->arch), true, &lo, &hi);
			ss->addr = lo;
			rebuild(app);
			app_status(app, ROLE_STATUS, TR(app, "On %s the address becomes 0x%llx.",
							"%s ではアドレスを 0x%llx にします。"),
				   arch_get(ss->arch)->name, (unsigned long long)ss->addr);
		}
		break;
	case ACT_SB_ACCESS:
		ss->access.kind = (enum access_kind)((ss->access.kind + 1) % 3);
		rebuild(app);
		break;
	case ACT_SB_USER:
		ss->access.user = !ss->access.user;
		rebuild(app);
		break;
	case ACT_STEP_LEVEL:
		if (ss->revealed < 0 || ss->revealed > w->nsteps)
			ss->revealed = 0;
		ss->revealed++;
		break;
	case ACT_FINISH:
		ss->revealed = -1;
		break;
	case ACT_DOWN:
		if (ss->row + 1 < rows_of(ss))
			ss->row++;
		if (ss->row == ss->sb->nrows)
			ss->col = 0;
		break;
	case ACT_UP:
		if (ss->row > 0)
			ss->row--;
		break;
	case ACT_NEXT:
		if (ss->row < ss->sb->nrows && ss->col + 1 < WALK_FIELDS)
			ss->col++;
		break;
	case ACT_BACK:
		if (ss->col > 0)
			ss->col--;
		break;
	case ACT_MENU:
	case ACT_QUIT:
		return app_leave(app, a == ACT_MENU);
	default:
		return REACT_IGNORED;
	}
	return REACT_REDRAW;
}

/* ---- drawing ---------------------------------------------------------- */

static const char *access_words(const struct app *app, const struct access *ac)
{
	static const char *const en[] = { "read", "write", "fetch" }, *const ja[] = { "読み出し", "書き込み", "命令フェッチ" };

	return app->lang == LANG_JA ? ja[ac->kind] : en[ac->kind];
}

static void draw_title(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct sandbox_screen *ss = ss_of(app);
	attr_t at = theme_attr(th, ROLE_TITLE);
	const char *title = TR(app, "Sandbox: your own walk", "サンドボックス: 自分で変換");
	char left[200], right[700], img[400];
	int rw, room;

	draw_clear(w, (struct rect){ 0, 0, 1, COLS }, at);
	snprintf(left, sizeof left, TR(app, "%s  %s, %s  ", "%s  %s、%s  "),
		 arch_get(ss->arch)->name, access_words(app, &ss->access),
		 ss->access.user ? TR(app, "user", "ユーザー") : TR(app, "kernel", "カーネル"));
	/* a memory image's long path keeps its end (the file name); the
	 * whole path is in the status line once it is loaded */
	room = COLS - draw_text_width(title, th) - 4 - draw_text_width(left, th) - 1;
	draw_tail_fit(ss->img ? ss->img_shown : TR(app, "tables built for it", "作ったテーブル"),
		      room, th, img, sizeof img);
	snprintf(right, sizeof right, "%s%s ", left, img);
	rw = draw_text_width(right, th);
	if (rw > COLS - 12)
		rw = COLS - 12;
	draw_str(w, 0, 1, COLS - rw - 3, title, at, th);
	draw_str(w, 0, COLS - rw, rw, right, at, th);
}

/* One cell: "[0x100c00  ✓]", the selected one in ROLE_SELECT, the one
 * being typed in ROLE_INPUT with its cursor. */
static void draw_cell(const struct app *app, WINDOW *w, int y, int x, int cw, int row, int col)
{
	const struct theme *th = &app->theme;
	const struct sandbox_screen *ss = ss_of(app);
	const struct cell *c = &ss->cells[row][col];
	bool sel = row == ss->row && col == ss->col, typing = sel && ss->focus == SB_CELL;
	attr_t at = typing ? theme_attr(th, ROLE_INPUT) : sel ? theme_attr(th, ROLE_SELECT) : A_NORMAL;
	char buf[120];

	if (typing)
		snprintf(buf, sizeof buf, "%.100s_", ss->input.buf);
	else if (c->checked)
		snprintf(buf, sizeof buf, "%s %s", c->typed, c->result == GRADE_RIGHT ?
			 (th->utf8 ? "✓" : "+") : (th->utf8 ? "✗" : "X"));
	else
		snprintf(buf, sizeof buf, "%s", sel ? "?" : ".");
	draw_clear(w, (struct rect){ y, x, 1, cw - 1 }, at);
	draw_str(w, y, x, cw - 1, buf, c->checked && !typing ? at | theme_attr(th, c->result == GRADE_RIGHT ?
		 ROLE_GOOD : ROLE_ERROR) : at, th);
}

static void draw_table(const struct app *app, WINDOW *w, int y, int end)
{
	const struct theme *th = &app->theme;
	const struct sandbox_screen *ss = ss_of(app);
	const struct sandbox *sb = ss->sb;
	int lw = 8, cw = (COLS - 2 - lw) / 3;

	if (cw > 22)
		cw = 22;
	if (y >= end)
		return;
	draw_str(w, y, 1, lw, TR(app, "level", "段"), theme_attr(th, ROLE_HEADING), th);
	draw_str(w, y, 1 + lw, cw, TR(app, "index", "インデックス"), theme_attr(th, ROLE_HEADING), th);
	draw_str(w, y, 1 + lw + cw, cw, TR(app, "entry address", "エントリのアドレス"),
		 theme_attr(th, ROLE_HEADING), th);
	draw_str(w, y, 1 + lw + 2 * cw, cw, TR(app, "entry value", "エントリの値"),
		 theme_attr(th, ROLE_HEADING), th);
	y++;
	for (int r = 0; r < sb->nrows && y < end; r++, y++) {
		draw_str(w, y, 1, lw, level_name(sb->walk.step[sb->rows[r]].level), A_BOLD, th);
		for (int c = 0; c < WALK_FIELDS; c++)
			draw_cell(app, w, y, 1 + lw + c * cw, cw, r, c);
	}
	if (sb->walk.status == WALK_OK && y < end) {
		draw_str(w, y, 1, lw, TR(app, "phys", "物理"), A_BOLD, th);
		draw_cell(app, w, y, 1 + lw, cw, sb->nrows, 0);
		y++;
	} else if (y < end) {
		draw_fmt(w, y++, 1, COLS - 2, theme_attr(th, ROLE_DIM), th,
			 TR(app, "The walk faults at the %s level: no physical address to find.",
			    "変換は %s の段でフォルトします: 物理アドレスはありません。"),
			 level_name(sb->walk.step[sb->walk.fail >= 0 ? sb->walk.fail : 0].level));
	}
	if (ss->graded && y < end) {
		bool right = ss->grade.result == GRADE_RIGHT, wrong = ss->grade.result == GRADE_WRONG;
		attr_t at = theme_attr(th, right ? ROLE_GOOD : wrong ? ROLE_ERROR : ROLE_HEADING);
		draw_str(w, y, 1, 2, right ? (th->utf8 ? "✓" : "+") : wrong ? (th->utf8 ? "✗" : "X")
			 : (th->utf8 ? "•" : "*"), at, th);
		draw_text(w, (struct rect){ y, 3, end - y, COLS - 4 }, ss->grade.feedback[app->lang], 0,
			  at, th);
	}
}

static const struct bar_item cells_bar[] = {
	{ { ACT_ANSWER }, { '\n' }, { "fill in", "入力" } },
	{ { ACT_SB_ADDR }, { 'e' }, { NULL } },
	{ { ACT_SB_ARCH }, { 'a' }, { NULL } },
	{ { ACT_SB_ACCESS }, { 't' }, { NULL } },
	{ { ACT_SB_USER }, { 'u' }, { NULL } },
	{ { ACT_STEP_LEVEL }, { 's' }, { NULL } },
	{ { ACT_SB_FILE }, { 'o' }, { NULL } },
	{ { ACT_MENU }, { 'm' }, { NULL } },
	{ { ACT_HELP }, { '?' }, { NULL } },
	{ { ACT_QUIT }, { 'q' }, { NULL } },
};
static const struct bar_item typing_bar[] = {
	{ { ACT_SUBMIT }, { '\n' }, { "check", "確かめる" } },
	{ { ACT_LEAVE }, { '\033' }, { "cancel", "取り消し" } },
	{ { ACT_HELP }, { '?' }, { NULL } },
};

static void sandbox_draw(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	const struct sandbox_screen *ss = ss_of(app);
	const struct sandbox *sb = ss->sb;
	struct addr_view av = { .arch = sb->arch, .f = &sb->fields, .highlight = -1,
				.lang = app->lang };
	struct walk_view wv = { .arch = sb->arch, .walk = &sb->walk,
				.revealed = ss->revealed, .current = ss->revealed > 0 &&
				ss->revealed <= sb->walk.nsteps ? ss->revealed - 1 : -1, .mark = -1,
				.boxes = false, .lang = app->lang };
	struct bar_item items[16];
	int y = 1, end = LINES - 3, ah = draw_addr_height(&av, COLS - 2), wh, n;
	char why[200];

	draw_title(app, w);
	if (ss->focus == SB_ADDR || ss->focus == SB_FILE) {
		attr_t in = theme_attr(th, ROLE_INPUT);
		int x = 1 + draw_fmt(w, y, 1, COLS - 2, in, th, "%s ", ss->focus == SB_ADDR
				     ? TR(app, "Address:", "アドレス:")
				     : TR(app, "Memory image file (YAML: arch, cr3, entries):",
					  "メモリイメージのファイル (YAML: arch, cr3, entries):"));
		x += draw_input(w, y, x, COLS - 2 - x, ss->input.buf, in, th);
		draw_str(w, y, x, 1, "_", in, th);
	} else if (sb->arch->family == FAMILY_ARM64)
		/* the base register bit 55 picked, as the walk starts from it */
		draw_fmt(w, y, 1, COLS - 2, A_BOLD, th, TR(app, "Address: 0x%llx   bit 55 = %u: TTBR%u_EL1: 0x%llx",
							  "アドレス: 0x%llx   ビット 55 = %u: TTBR%u_EL1: 0x%llx"),
			 (unsigned long long)ss->addr, sb->fields.ttbr, sb->fields.ttbr,
			 (unsigned long long)(sb->fields.ttbr ? sb->ttbr1 : sb->cr3));
	else
		draw_fmt(w, y, 1, COLS - 2, A_BOLD, th, TR(app, "Address: 0x%llx   cr3: 0x%llx",
							  "アドレス: 0x%llx   cr3: 0x%llx"),
			 (unsigned long long)ss->addr, (unsigned long long)sb->cr3);
	y++;
	draw_addr(w, (struct rect){ y, 1, ah, COLS - 2 }, &av, th);
	y += ah;
	/* the walk as far as revealed (s), then the table under it */
	wh = draw_walk_rows(&wv, COLS - 2);
	if (wh > end - y - (sb->nrows + 4))
		wh = end - y - (sb->nrows + 4);
	if (wh > 0) {
		if (app->lang != LANG_EN && sb->walk.status != WALK_OK) {
			replay_walk_reason(&sb->walk, app->lang, why, sizeof why);
			wv.reason = why;
		}
		draw_walk(w, (struct rect){ y, 1, wh, COLS - 2 }, &wv, th);
		y += wh;
	}
	draw_table(app, w, y, end);
	app_draw_status(app, w);
	draw_clear(w, (struct rect){ LINES - 1, 0, 1, COLS }, theme_attr(th, ROLE_HINT));
	if (ss->focus == SB_NONE) {
		n = (int)(sizeof cells_bar / sizeof cells_bar[0]);
		memcpy(items, cells_bar, sizeof cells_bar);
		n = (int)app_bar_leave(app, items, (size_t)n);
		keybar_draw(w, LINES - 1, COLS, CTX_SANDBOX, NULL, items, (size_t)n, app->lang, th);
	} else {
		keybar_draw(w, LINES - 1, COLS, CTX_INPUT, TR(app, "typing", "入力中"), typing_bar,
			    sizeof typing_bar / sizeof typing_bar[0], app->lang, th);
	}
}

static void sandbox_where(const struct app *app, char *buf, size_t len)
{
	(void)app;
	snprintf(buf, len, "sandbox");
}

const struct screen screen_sandbox_ops = {
	.draw = sandbox_draw,
	.key = sandbox_key,
	.close = sandbox_close,
	.ctx = sandbox_ctx,
	.where = sandbox_where,
	.help_ctx = { CTX_SANDBOX, CTX_INPUT },
	.help_title = { { "Sandbox:", "サンドボックス:" },
			{ "While typing:", "入力中:" } },
};
