/* SPDX-License-Identifier: GPL-2.0-only */
/* app_loop.c - the main loop: curses set-up, keys and timer ticks to the
 * current screen (through the screen table app_init was given), KEY_RESIZE,
 * the too-small message, the help overlay, and restoring the terminal on
 * every way out. It prints nothing: a terminal it cannot use is said in
 * app->error for the command to print. */
#include "screen/app.h"
#include "lesson/progress.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Set by the signal handlers; the loop notices them after getch returns
 * (a signal interrupts the read; the loop also wakes at least once a second
 * in case one came just before the read began). Nothing else happens in a
 * handler: the terminal is restored by the loop, with endwin(). */
static volatile sig_atomic_t got_signal;   /* a fatal one: quit */
static volatile sig_atomic_t got_stop;     /* SIGTSTP: suspend */
static volatile sig_atomic_t got_cont;     /* SIGCONT: take the terminal back */

/* Signals that would kill us with the terminal raw, on the alternate screen
 * and the cursor hidden: each one quits through the loop instead. */
static const int fatal_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
};

static void on_signal(int sig)
{
	got_signal = sig;
}

static void on_stop(int sig)
{
	(void)sig;
	got_stop = 1;
}

static void on_cont(int sig)
{
	(void)sig;
	got_cont = 1;
}

void app_init(struct app *app, const struct app_setup *s)
{
	struct diag d;

	memset(app, 0, sizeof *app);
	app->lang = s->lang;
	app->lang_note = s->lang_note;
	app->utf8 = s->utf8;
	app->env = s->env;
	app->screens = s->screens;
	app->anim.speed = 4;
	if (progress_dir(app->state_dir, sizeof app->state_dir, &d) < 0) {
		app->state_dir[0] = '\0';
		app_status(app, ROLE_ERROR, "%s", d.msg);
	}
}

static const struct screen *cur(const struct app *app)
{
	return app->screens[app->screen];
}

void app_free(struct app *app)
{
	app_source_stop(app);
	while (app->depth > 0)
		app->screens[app->stack[--app->depth]]->close(app);
}

static bool too_small(void)
{
	return COLS < APP_MIN_COLS || LINES < APP_MIN_LINES;
}

static void draw_too_small(const struct app *app, WINDOW *w)
{
	char msg[300];
	int width = COLS - 2 > 0 ? COLS - 2 : 1, n, y;

	snprintf(msg, sizeof msg,
		 TR(app, "Terminal too small: %dx%d. pagewalk needs at least %dx%d. "
		    "Enlarge the window (q quits).",
		    "端末が小さすぎます: %dx%d。pagewalk には %dx%d 以上が必要です。"
		    "ウィンドウを広げてください (q で終了)。"),
		 COLS, LINES, APP_MIN_COLS, APP_MIN_LINES);
	n = draw_text_lines(msg, width, &app->theme);
	y = (LINES - n) / 2;
	if (y < 0)
		y = 0;
	draw_text(w, (struct rect){ y, 1, LINES - y, width }, msg, 0,
		  theme_attr(&app->theme, ROLE_ERROR), &app->theme);
}

/* The contexts whose keys the help overlay lists. */
static unsigned help_ctx(const struct app *app)
{
	return cur(app)->help_ctx[0] | cur(app)->help_ctx[1];
}

/* Does the help overlay list binding b under contexts ctx: b works there,
 * has a line of help, and is offered on the screen as it is now
 * (keys_offered)? */
static bool help_lists(const struct app *app, const struct keybind *b, unsigned ctx)
{
	return (b->ctx & ctx) && b->help[LANG_EN] && keys_offered(b, cur(app)->ctx(app));
}

/* Rows of the help overlay's body (bindings plus section lines). */
static int help_rows(const struct app *app)
{
	size_t n;
	const struct keybind *t = keys_table(&n);
	int rows = 2;

	for (size_t i = 0; i < n; i++)
		if (help_lists(app, &t[i], help_ctx(app)))
			rows++;
	return rows;
}

static void draw_help(const struct app *app, WINDOW *w)
{
	const struct theme *th = &app->theme;
	size_t n;
	const struct keybind *t = keys_table(&n);
	int bw = COLS - 4 < 76 ? COLS - 4 : 76;
	int body = help_rows(app), bh = body + 4 > LINES - 2 ? LINES - 2 : body + 4;
	int by = (LINES - bh) / 2, bx = (COLS - bw) / 2, row = 0, y, kw = 18;
	WINDOW *box = derwin(w, bh, bw, by, bx);

	if (!box)
		return;
	werase(box);
	box(box, 0, 0);
	draw_fmt(box, 0, 2, bw - 4, theme_attr(th, ROLE_HEADING), th, " %s ",
		 TR(app, "Keys (j/k scroll; any other key closes)",
		    "キー (j/k でスクロール、ほかのキーで閉じる)"));
	/* the key column: as wide as the longest list of keys shown */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			char names[64];
			unsigned ctx = cur(app)->help_ctx[pass];
			if (!ctx || !help_lists(app, &t[i], ctx))
				continue;
			keys_names(&t[i], names, sizeof names);
			if (draw_text_width(names, th) > kw && draw_text_width(names, th) <= bw / 3)
				kw = draw_text_width(names, th);
		}
	y = 1;
	for (int pass = 0; pass < 2; pass++) {
		unsigned ctx = cur(app)->help_ctx[pass];
		if (!ctx)
			continue;
		if (row++ >= app->help_scroll && y < bh - 1)
			draw_str(box, y++, 2, bw - 4, cur(app)->help_title[pass][app->lang],
				 theme_attr(th, ROLE_HEADING), th);
		for (size_t i = 0; i < n; i++) {
			char names[64];
			if (!help_lists(app, &t[i], ctx))
				continue;
			if (row++ < app->help_scroll || y >= bh - 1)
				continue;
			keys_names(&t[i], names, sizeof names);
			draw_fmt(box, y, 3, kw, A_BOLD, th, "%s", names);
			draw_str(box, y, kw + 4, bw - kw - 6, t[i].help[app->lang], A_NORMAL, th);
			y++;
		}
	}
	wnoutrefresh(box);
	delwin(box);
}

void app_draw(const struct app *app)
{
	WINDOW *w = stdscr;

	werase(w);
	if (app->theme.check) {
		char where[160];
		where[0] = '\0';
		if (app->depth > 0 && cur(app)->where)
			cur(app)->where(app, where, sizeof where);
		drawcheck_where(app->theme.check, where);
		drawcheck_frame(app->theme.check, LINES, COLS);
	}
	if (too_small()) {
		draw_too_small(app, w);
	} else if (app->depth > 0) {
		cur(app)->draw(app, w);
	}
	wnoutrefresh(w);
	if (app->help && !too_small()) {
		drawcheck_frame(app->theme.check, LINES, COLS);   /* a layer on top */
		draw_help(app, w);
	}
	doupdate();
}

/* A key while the help overlay is shown: scroll or close. */
static enum reaction help_key(struct app *app, int key)
{
	enum action a = keys_action(CTX_HELP, key);
	int max = help_rows(app) - (LINES - 6);

	if (a == ACT_SCROLL_DOWN)
		app->help_scroll += app->help_scroll < max ? 1 : 0;
	else if (a == ACT_SCROLL_UP)
		app->help_scroll -= app->help_scroll > 0 ? 1 : 0;
	else
		app->help = false;
	return REACT_REDRAW;
}

static enum reaction dispatch_key(struct app *app, int key)
{
	unsigned ctx;

	/* Ctrl-L anywhere (typing too): forget what the terminal shows and
	 * paint every cell again, as in less, htop or tig */
	if (keys_action(CTX_HOME, key) == ACT_REDRAW) {
		clearok(curscr, TRUE);
		return REACT_REDRAW;
	}
	if (app->help)
		return help_key(app, key);
	if (too_small() || app->depth == 0)
		return keys_action(CTX_HOME, key) == ACT_QUIT ||
		       keys_action(CTX_HOME, key) == ACT_EXIT ? REACT_QUIT : REACT_IGNORED;
	ctx = cur(app)->ctx(app);
	/* ? is help while typing an answer too (answers never contain it) */
	if (!(ctx & CTX_RINPUT) && keys_action(ctx, key) == ACT_HELP) {
		app->help = true;
		app->help_scroll = 0;
		return REACT_REDRAW;
	}
	app->status[0] = '\0';
	/* Ctrl-C quits from any screen (q and m are the screens' own:
	 * app_leave) */
	if (keys_action(ctx, key) == ACT_EXIT)
		return REACT_QUIT;
	return cur(app)->key(app, key);
}

/* Do what a handler asked. */
static void react(struct app *app, enum reaction r)
{
	if (r & REACT_QUIT)
		app->quit = true;
	else if (r & REACT_REDRAW)
		app_draw(app);
}

void app_input(struct app *app, int key)
{
	if (key == KEY_RESIZE)
		app_draw(app);
	else
		react(app, dispatch_key(app, key));
}

void app_tick(struct app *app)
{
	if (app->anim.running && app->depth > 0 && cur(app)->tick)
		react(app, cur(app)->tick(app));
}

void app_curses_setup(struct app *app)
{
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);   /* the cursor is hidden: do not move it after each update */
	theme_init(&app->theme, app->utf8, app->env->no_color);
	if (env_nonempty(app->env->drawcheck))
		app->theme.check = drawcheck_open(app->env->drawcheck);
	if (app->theme.check && env_nonempty(app->env->drawtext))
		drawcheck_log_text(app->theme.check, app->env->drawtext);
	if (app->lang_note)   /* main decided the language; this is the one notice */
		app_status(app, ROLE_ERROR, "%s.", app->lang_note);
}

int app_offscreen_open(struct app_offscreen *os, unsigned w, unsigned h, const char *term,
		       FILE *out)
{
	char num[16];
	const char *old = setlocale(LC_CTYPE, NULL);

	memset(os, 0, sizeof *os);
	os->out = out;
	os->locale = old ? strdup(old) : NULL;
	/* a cast is played in a UTF-8 terminal: draw in UTF-8 whatever the
	 * caller's locale (C.UTF-8 is in every glibc since 2.35, and Debian's) */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	snprintf(num, sizeof num, "%u", h);
	setenv("LINES", num, 1);
	snprintf(num, sizeof num, "%u", w);
	setenv("COLUMNS", num, 1);
	use_env(TRUE);
	os->in = fopen("/dev/null", "r");
	if (!os->out || !os->in)
		return -1;
	os->scr = newterm(term, os->out, os->in);
	if (!os->scr)
		return -1;
	set_term(os->scr);
	cbreak();
	noecho();
	curs_set(0);
	leaveok(stdscr, TRUE);
	return 0;
}

void app_offscreen_close(struct app_offscreen *os)
{
	if (os->scr) {
		if (!isendwin())
			endwin();
		delscreen(os->scr);
	}
	if (os->out)
		fclose(os->out);
	if (os->in)
		fclose(os->in);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	if (os->locale)
		setlocale(LC_CTYPE, os->locale);
	free(os->locale);
	memset(os, 0, sizeof *os);
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;           /* no SA_RESTART: getch returns at once */
	sigaction(sig, &sa, NULL);
}

/* Before newterm(): curses then leaves these signals to us. */
static void install_signals(void)
{
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		set_handler(fatal_signals[i], on_signal);
	set_handler(SIGTSTP, on_stop);
	set_handler(SIGCONT, on_cont);
}

/* Ctrl-Z (SIGTSTP): give the terminal back as the shell had it, stop, and
 * on SIGCONT take it again and repaint everything. */
static void suspend(const struct app *app)
{
	got_stop = 0;
	endwin();
	fflush(stdout);
	set_handler(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);            /* stops here until SIGCONT */
	set_handler(SIGTSTP, on_stop);
	got_cont = 0;
	reset_prog_mode();
	clearok(curscr, TRUE);
	app_draw(app);
}

/* SIGCONT without our own stop (SIGSTOP, or a shell that changed the modes
 * while we were stopped): set our terminal modes again and repaint. */
static void resume(const struct app *app)
{
	got_cont = 0;
	reset_prog_mode();
	clearok(curscr, TRUE);
	app_draw(app);
}

/* The terminal cannot be used: say why in app->error; returns 1. */
static int app_fail(struct app *app, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->error, sizeof app->error, fmt, ap);
	va_end(ap);
	return 1;
}

int app_run(struct app *app)
{
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return app_fail(app, "the lesson player needs a terminal (stdin and stdout must "
				"be a tty)");
	install_signals();
	scr = newterm(NULL, stdout, stdin);
	if (!scr)
		return app_fail(app, "cannot use the terminal (TERM=%s)",
				app->env->term ? app->env->term : "");
	set_term(scr);
	/* TERM=dumb and the like cannot place the cursor: the screen would be
	 * blank or garbled, so say so instead. */
	if (!tigetstr("cup") || tigetstr("cup") == (char *)-1) {
		endwin();
		delscreen(scr);
		return app_fail(app, "TERM=%s cannot move the cursor; the player needs a "
				 "full-screen terminal (e.g. TERM=xterm-256color)",
				 app->env->term ? app->env->term : "");
	}
	app_curses_setup(app);
	app_draw(app);
	while (!app->quit && !got_signal) {
		int key, timeout;

		if (got_stop || got_cont) {
			if (got_stop)
				suspend(app);
			else
				resume(app);
			continue;
		}
		timeout = 1000;
		if (app->anim.running) {
			int64_t left = app->anim.next_ms - app_now_ms();
			timeout = left < 0 ? 0 : left > 1000 ? 1000 : (int)left;
		}
		if (app->srcjob && (timeout < 0 || timeout > 100))
			timeout = 100;   /* notice the end of an extraction */
		wtimeout(stdscr, timeout);
		key = wgetch(stdscr);
		if (got_signal)
			break;
		if (app->srcjob && app_source_poll(app))
			app_draw(app);
		if (key == ERR) {
			if (app->anim.running && app_now_ms() >= app->anim.next_ms)
				app_tick(app);
			continue;
		}
		app_input(app, key);
	}
	endwin();
	delscreen(scr);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		set_handler(fatal_signals[i], SIG_DFL);
	set_handler(SIGTSTP, SIG_DFL);
	set_handler(SIGCONT, SIG_DFL);
	drawcheck_close(app->theme.check);
	app->theme.check = NULL;
	/* interrupted: the shell's convention, 128 + the signal */
	return got_signal ? 128 + got_signal : 0;
}
