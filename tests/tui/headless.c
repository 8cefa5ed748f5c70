/* SPDX-License-Identifier: GPL-2.0-only */
/* headless.c - the screens driven without a terminal: every step of a
 * lesson and every stage of a trace, drawn by the program's own screens
 * into a curses screen of its own (app_offscreen: ncurses newterm on a
 * terminal type writing to /dev/null, as `replay --cast` draws), read back from curses's
 * picture of the terminal (curscr) and from the draw-check witness.
 *
 *   headless [--lang en|ja] [--size WxH] [--label TEXT] lesson FILE|NAME
 *   headless [--lang en|ja] [--size WxH] [--label TEXT] replay FILE
 *   headless [--lang en|ja] [--size WxH] [--label TEXT] sandbox ARCHES
 *   headless [--lang en|ja] [--size WxH] [--label TEXT] lab FILE|NAME
 *   --predict before lesson or replay: predict mode on (P) first
 *   --print-row N (replay): row N (0 the top) of every stage, "# row: TEXT"
 *
 * Keys go through the main loop's own handling (app_input: the help
 * overlay, the too-small screen, the current screen's key table) and the
 * animation timer through app_tick, without waiting for it: every frame of
 * every animation is drawn. PAGEWALK_DRAWCHECK=FILE must be set (a new
 * file): the witness writes there what could not be shown whole.
 *
 * A lesson: at each step its counter ("step K/N"), no loader or quiz error
 * (FILE:LINE:COL) and no size complaint on the screen; the animation run
 * frame by frame, then '.' (its end); a quiz: Enter, an answer typed, Enter
 * graded (a mark), Tab a hint, Escape; 'n' to the next step. At the last
 * step the help overlay ('?', Escape), then 'n' shows the end of the
 * lesson and 'q' quits. A trace: the help overlay, then Right from the
 * first stage to the last stage of the last event. With --predict, each
 * question predict mode asks is answered with a word it cannot read (asked
 * again), then a guess, and the sweep goes on. The sandbox: ARCHES times,
 * on each arch in turn ('a'), a cell typed right-looking and wrong, the
 * walk step by step and to its end, then the help. A lab (`pagewalk lab`,
 * its journal and result in $XDG_STATE_HOME/lab): its opening note, then
 * each question with a word it cannot read, a wrong answer and a right one
 * (its second try), the help, q and q again (the question about open ones),
 * the score page scrolled to its end. Prints TAP lines (what
 * tests/tui/fit.sh and play_every_lesson.sh checked in tmux, and the
 * witness's reports); exits 0, 2 on bad usage.
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "cmd/cmd.h"
#include "lesson/lesson.h"
#include "lesson/lab.h"
#include "screen/app.h"
#include "screen/screen_home.h"
#include "screen/screen_lab.h"
#include "screen/screen_lesson.h"
#include "screen/screen_replay.h"

#define KEY_ESC 27
#define MAX_KEYS 200000          /* a bound on a sweep, far above any lesson or trace */

static char label[400];
static bool predict;             /* --predict: P first, each question answered */
static int print_row = -1;       /* --print-row N: row N of each replay stage, as "# row: " */
static unsigned asked;           /* predict mode's questions answered */

/* The screen as the terminal would show it: rows joined by '\n', trailing
 * blanks cut (as tmux capture-pane gives it). */
static void screen_text(char *buf, size_t len)
{
	size_t n = 0;
	int cy, cx;

	getyx(curscr, cy, cx);
	buf[0] = '\0';
	for (int y = 0; y < LINES; y++) {
		wchar_t row[1024];
		char line[4096];
		size_t k = 0;
		mbstate_t st;

		if (mvwinnwstr(curscr, y, 0, row, COLS < 1023 ? COLS : 1023) == ERR)
			row[0] = L'\0';
		memset(&st, 0, sizeof st);
		for (const wchar_t *p = row; *p && k + MB_CUR_MAX < sizeof line; p++) {
			size_t m = wcrtomb(line + k, *p, &st);
			if (m != (size_t)-1)
				k += m;
		}
		while (k > 0 && line[k - 1] == ' ')
			k--;
		line[k] = '\0';
		n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s\n", line);
		if (n >= len)
			break;
	}
	wmove(curscr, cy, cx);
}

/* Whether text is on the screen now. */
static bool on_screen(const char *text)
{
	static char buf[1 << 16];

	screen_text(buf, sizeof buf);
	return strstr(buf, text) != NULL;
}

/* The screen as "# " diagnostic lines. */
static void show_screen(void)
{
	static char buf[1 << 16];
	char *line, *save;

	screen_text(buf, sizeof buf);
	puts("# screen:");
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		printf("# %s\n", line);
}

/* "K/N" after "step " (or "ステップ ") on the first line; 0 when absent. */
static int step_counter(enum lang lang, int *n)
{
	static char buf[1 << 16];
	const char *word = lang == LANG_JA ? "ステップ " : "step ";
	char *p;
	int k = 0;

	screen_text(buf, sizeof buf);
	if ((p = strchr(buf, '\n')))
		*p = '\0';
	*n = 0;
	for (p = strstr(buf, word); p; p = strstr(p + 1, word))
		if (sscanf(p + strlen(word), "%d/%d", &k, n) == 2)
			return k;
	return 0;
}

/* What is wrong with the screen now, or NULL. */
static const char *bad_screen(void)
{
	static char buf[1 << 16];
	const char *p;

	screen_text(buf, sizeof buf);
	for (p = strstr(buf, ".yaml:"); p; p = strstr(p + 1, ".yaml:"))
		if (p[6] >= '0' && p[6] <= '9')
			return "an error location is on screen";
	if (strstr(buf, "too small") || strstr(buf, "小さすぎ"))
		return "terminal too small";
	return NULL;
}

/* Every frame of the running animation, drawn. */
static void animate(struct app *app)
{
	for (int i = 0; app->anim.running && i < MAX_KEYS; i++)
		app_tick(app);
}

/* Key k as the main loop hands it over, then the animation it starts. */
static void key(struct app *app, int k)
{
	app_input(app, k);
	animate(app);
}

/* Each character of s as a key. */
static void keys(struct app *app, const char *s)
{
	for (; *s; s++)
		key(app, (unsigned char)*s);
}

/* Row y of the screen as "# row: TEXT". */
static void print_screen_row(int y)
{
	static char buf[1 << 16];
	char *p = buf, *e;

	screen_text(buf, sizeof buf);
	for (int i = 0; i < y && p; i++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	if (!p)
		return;
	e = strchr(p, '\n');
	printf("# row: %.*s\n", e ? (int)(e - p) : (int)strlen(p), p);
}

/* Does the field row (the last but one) start with prefix? */
static bool field_row_is(const char *prefix)
{
	static char buf[1 << 16];
	char *p = buf;

	screen_text(buf, sizeof buf);
	for (int y = 0; y < LINES - 2 && p; y++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	return p && !strncmp(p + 1, prefix, strlen(prefix));
}

/* Predict mode's question in the field row (lesson or replayer)? */
static bool predict_asks(void)
{
	return field_row_is("Predict") || field_row_is("予想");
}

/* Answer predict mode's questions while it asks (at most 64): a word it
 * cannot read, then a guess; its animation run on. */
static void predict_answer(struct app *app)
{
	for (int i = 0; i < 64 && predict_asks(); i++) {
		keys(app, "zz\n");
		if (!predict_asks()) {
			printf("not ok - %s: a word predict mode cannot read is asked again\n", label);
			show_screen();
			return;
		}
		keys(app, field_row_is("Predict:") || field_row_is("予想:") ? "oops\n" : "1\n");
		asked++;
		key(app, '.');
	}
}

/* The witness's reports, most frequent first, as diagnostics; ok when none. */
static void witness_verdict(const char *what)
{
	const char *path = getenv("PAGEWALK_DRAWCHECK");
	char cmd[1300];
	FILE *f = path ? fopen(path, "r") : NULL;
	int c = f ? fgetc(f) : EOF;

	if (f)
		fclose(f);
	if (!path) {
		printf("not ok - %s: PAGEWALK_DRAWCHECK is not set\n", label);
		return;
	}
	if (c == EOF) {
		printf("ok - %s (%s): nothing cut or overlapping\n", label, what);
		return;
	}
	printf("not ok - %s (%s): text cut or overlapping\n", label, what);
	fflush(stdout);
	snprintf(cmd, sizeof cmd, "sort '%s' | uniq -c | sort -rn | head -25 | cut -c1-300 | sed 's/^/# /'",
		 path);
	if (system(cmd) != 0)
		printf("# (could not list the reports in %s)\n", path);
}

/* Play lesson name (a file or a NAME) from its first step to its end and
 * quit, printing "plays all N steps" and "quits cleanly"; returns N, or -1
 * when it did not open (said). */
static int lesson_sweep(struct app *app, const char *name)
{
	char path[1024], why[300] = "";
	struct diag d;
	struct lesson *l;
	const char *ans = app->lang == LANG_JA ? "答え: " : "Answer: ";
	const char *end = app->lang == LANG_JA ? "レッスンの終わり" : "End of the lesson";
	int n = 0, k;

	if (catalog_lesson_find(name, path, sizeof path, &d) < 0 || !(l = lesson_load(path, &d))) {
		printf("not ok - %s: opens\n# %s:%d:%d: %s\n", label, d.path, d.line, d.col, d.msg);
		return -1;
	}
	if (screen_lesson_open(app, l) < 0) {
		printf("not ok - %s: opens (out of memory)\n", label);
		return -1;
	}
	app_source_finish(app, NULL, NULL, NULL); /* its code panes show Linux's lines, as a warm cache does */
	app_draw(app);
	animate(app);
	if (predict)
		key(app, 'P');
	if (step_counter(app->lang, &n) != 1 || n < 1) {
		printf("not ok - %s: opens at step 1\n", label);
		show_screen();
		return -1;
	}
	for (k = 1; k <= n && !why[0]; k++) {
		const char *bad;
		int kk, nn, tries;

		if ((kk = step_counter(app->lang, &nn)) != k || nn != n) {
			snprintf(why, sizeof why, "step %d/%d never shown (the counter says %d/%d)", k, n, kk, nn);
			break;
		}
		if ((bad = bad_screen())) {
			snprintf(why, sizeof why, "step %d: %s", k, bad);
			break;
		}
		key(app, '.');
		if (predict && predict_asks()) {
			predict_answer(app);
			key(app, KEY_ESC);     /* the last guess's feedback gives way (it may quote an answer) */
		}
		if (on_screen(ans)) {          /* a quiz: an answer graded, a hint, leave the field */
			keys(app, "\n0\n");
			if (!on_screen("✗") && !on_screen("✓") && !on_screen("•")) {
				snprintf(why, sizeof why, "step %d: quiz answer not graded", k);
				break;
			}
			key(app, '\t');
			key(app, KEY_ESC);
		}
		key(app, KEY_ESC);
		if (k == n)
			break;
		for (tries = 0; tries < 4 && step_counter(app->lang, &nn) != k + 1; tries++)
			key(app, 'n');
	}
	if (!why[0]) {
		key(app, '?');
		key(app, KEY_ESC);
		key(app, 'n');
		if (!on_screen(end))
			snprintf(why, sizeof why, "last step: no end-of-lesson message");
	}
	if (!why[0]) {
		printf("ok - %s: plays all %d steps\n", label, n);
	} else {
		printf("not ok - %s: plays to the end\n# %s\n", label, why);
		show_screen();
	}
	key(app, 'q');
	printf("%s - %s: quits cleanly\n", app->quit ? "ok" : "not ok", label);
	return n;
}

/* The first two "A/B" of the screen's second line: the replayer's event
 * and stage counters (any language); 0 when absent. */
static int replay_counters(size_t *ev, size_t *nev, size_t *st, size_t *nst)
{
	static char buf[1 << 16];
	char *p = buf, *q;
	size_t v[4];
	int got = 0;

	screen_text(buf, sizeof buf);
	if (!(p = strchr(buf, '\n')))
		return 0;
	if ((q = strchr(++p, '\n')))
		*q = '\0';
	while (*p && got < 4) {
		char *e1, *e2;
		unsigned long a = strtoul(p, &e1, 10), b;
		if (e1 > p && *e1 == '/' && e1[1] >= '0' && e1[1] <= '9') {
			b = strtoul(e1 + 1, &e2, 10);
			v[got++] = a;
			v[got++] = b;
			p = e2;
		} else {
			p = e1 > p ? e1 : p + 1;
		}
	}
	if (got < 4)
		return 0;
	*ev = v[0], *nev = v[1], *st = v[2], *nst = v[3];
	return 1;
}

/* Step the trace at path from its first stage to the last stage of its
 * last event, printing "every stage ... to the last"; 0, or -1 when it did
 * not open (said). */
static int replay_sweep(struct app *app, const char *path)
{
	struct diag d;
	size_t ev, stage, nst, stages = 1, nev = 0, sst = 0;
	int i;

	if (screen_replay_open(app, path, &d) < 0) {
		printf("not ok - %s: opens\n# %s:%d:%d: %s\n", label, d.path, d.line, d.col, d.msg);
		return -1;
	}
	app_source_finish(app, NULL, NULL, NULL); /* the panes show Linux's lines, as a warm cache does */
	app_draw(app);
	key(app, '?');
	key(app, KEY_ESC);
	if (predict)
		key(app, 'P');
	screen_replay_position(app, &ev, &stage, &nst);
	/* Right until it moves no further: the last stage of the last event */
	for (i = 0; i < MAX_KEYS; i++) {
		size_t e2, s2, n2;
		key(app, KEY_RIGHT);
		if (predict && predict_asks()) {
			predict_answer(app);
			key(app, KEY_ESC);
		}
		if (screen_replay_position(app, &e2, &s2, &n2) < 0 || (e2 == ev && s2 == stage))
			break;
		if (print_row >= 0)
			print_screen_row(print_row);
		ev = e2, stage = s2, stages++;
	}
	if (i < MAX_KEYS && replay_counters(&ev, &nev, &stage, &sst) && ev == nev && stage == sst) {
		printf("ok - %s: every stage of %zu events (%zu stages) to the last\n", label, nev, stages);
	} else {
		printf("not ok - %s: every stage to the last one\n", label);
		show_screen();
	}
	return 0;
}

/* The sandbox from the home menu ('w'), n times on each arch in turn: a
 * cell typed (an index, an entry address) and checked, the walk one level
 * ('s') and whole ('.'), the next arch ('a'); the help at the end. 0, or
 * -1 when it did not open (said). */
static int sandbox_sweep(struct app *app, int n)
{
	const char *title = app->lang == LANG_JA ? "サンドボックス" : "Sandbox";

	app_draw(app);
	key(app, 'w');
	if (!on_screen("cr3")) {
		printf("not ok - %s: opens from the home menu (w)\n", label);
		show_screen();
		return -1;
	}
	for (int i = 0; i < n; i++) {
		keys(app, "1\n0x123\n");
		key(app, KEY_ESC);
		keys(app, "j0x100000\n");
		key(app, KEY_ESC);
		keys(app, "s.a");
	}
	key(app, '?');
	key(app, KEY_ESC);
	printf("%s - %s: %d archs shown (%s)\n", on_screen("cr3") || on_screen("_EL1") ? "ok" : "not ok",
	       label, n, title);
	return 0;
}

/* A lab of lesson name for student "sweep" in $XDG_STATE_HOME/lab, played
 * as above. 0, or -1 when it did not open (said). */
static int lab_sweep(struct app *app, const char *name)
{
	const char *state = getenv("XDG_STATE_HOME");
	char path[1024], dir[1024], nonce[LAB_NONCE_LEN + 1];
	const char *score = app->lang == LANG_JA ? "得点" : "Score";
	struct lesson *l = NULL;
	struct lab *lab = NULL;
	enum lab_how how;
	struct diag d;
	int rc = -1;

	snprintf(dir, sizeof dir, "%s/lab", state ? state : "/nonexistent");
	struct lab_open_args a = { .dir = dir, .student = "sweep", .seed = 1, .seed_given = true,
				   .nonce = nonce, .now = 0, .version = "headless" };
	if ((state && (mkdir(state, 0700), mkdir(dir, 0700) < 0)) || !state) {
		printf("not ok - %s: a lab directory under XDG_STATE_HOME\n", label);
		return -1;
	}
	if (lab_nonce_random(nonce, &d) < 0 ||
	    catalog_lesson_find(name, path, sizeof path, &d) < 0 ||
	    !(l = lesson_load(path, &d)) || !(lab = lab_open(l, &a, &how, &d))) {
		printf("not ok - %s: opens\n# %s:%d:%d: %s\n", label, d.path, d.line, d.col, d.msg);
		goto out;
	}
	if (screen_lab_open(app, lab, dir) < 0) {
		printf("not ok - %s: opens (out of memory)\n", label);
		goto out;
	}
	app_status(app, ROLE_STATUS, "%s", app->lang == LANG_JA ? "ラボを始めます" : "lab started");
	app_draw(app);
	for (size_t i = 0; i < lab->nq; i++) {
		char right[sizeof lab->q[i].qi.answer_text + 2];
		key(app, '\n');
		keys(app, "zz\n");                 /* not read: no try */
		key(app, KEY_BACKSPACE);
		key(app, KEY_BACKSPACE);
		keys(app, "999999\n");             /* a wrong try (its note) */
		for (int k = 0; k < 6; k++)
			key(app, KEY_BACKSPACE);
		/* the second try: the answer when it is a number (a word typed
		 * would be the learner's text among the screen's words), else
		 * wrong again (the question closed with its tries used up) */
		snprintf(right, sizeof right, "%s\n", lab->q[i].qi.answer_text);
		keys(app, right[0] >= '0' && right[0] <= '9' ? right : "0x1\n");
		key(app, KEY_ESC);
		if (i + 1 < lab->nq)
			key(app, 'n');
		if (i == 0) {
			key(app, '?');
			key(app, KEY_ESC);
		}
	}
	key(app, 'q');
	key(app, 'q');
	for (int k = 0; k < 200; k++)
		key(app, 'j');
	if (!on_screen(score)) {
		printf("not ok - %s: the score page after q\n", label);
		show_screen();
		goto out;
	}
	printf("ok - %s: %zu questions, the score page\n", label, lab->nq);
	key(app, 'q');
	rc = 0;
out:
	lab_free(lab);
	lesson_free(l);
	return rc;
}

static void usage(void)
{
	fputs("usage: headless [--lang en|ja] [--size WxH] [--label TEXT] lesson FILE|NAME\n"
	      "       headless [--lang en|ja] [--size WxH] [--label TEXT] replay FILE\n"
	      "       headless [--lang en|ja] [--size WxH] [--label TEXT] sandbox ARCHES\n"
	      "       headless [--lang en|ja] [--size WxH] [--label TEXT] lab FILE|NAME\n"
	      "       (--predict before lesson or replay: predict mode on)\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	enum lang lang = LANG_EN;
	unsigned w = 80, h = 24;
	const char *lbl = NULL;
	struct app_offscreen os;
	struct globals g;
	struct app app;
	int i;

	for (i = 1; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--predict")) {
			predict = true;
			i--;
		} else if (!strcmp(argv[i], "--print-row")) {
			print_row = atoi(argv[i + 1]);
		} else if (!strcmp(argv[i], "--lang") && (!strcmp(argv[i + 1], "en") || !strcmp(argv[i + 1], "ja")))
			lang = argv[i + 1][0] == 'j' ? LANG_JA : LANG_EN;
		else if (!strcmp(argv[i], "--size") && sscanf(argv[i + 1], "%ux%u", &w, &h) == 2)
			;
		else if (!strcmp(argv[i], "--label"))
			lbl = argv[i + 1];
		else
			usage();
	}
	if (argc - i != 2 || (strcmp(argv[i], "lesson") && strcmp(argv[i], "replay") &&
			      strcmp(argv[i], "sandbox") && strcmp(argv[i], "lab")))
		usage();
	setlocale(LC_ALL, "");
	/* the tmux tests' terminal: screen-256color, at the size asked, in UTF-8 */
	if (app_offscreen_open(&os, w, h, "screen-256color", fopen("/dev/null", "w")) < 0) {
		printf("not ok - a %ux%u screen-256color curses screen (is ncurses-base installed?)\n", w, h);
		app_offscreen_close(&os);
		return 0;
	}
	/* as main and the lesson and replay commands set the app up */
	g = (struct globals){ .lang = lang, .utf8 = true, .env = env_read(), .argv0 = "headless" };
	cmd_app_init(&app, &g);
	app.status[0] = '\0';         /* the progress directory is the test's own */
	app_curses_setup(&app);
	if (!strcmp(argv[i], "lesson")) {
		int n;
		snprintf(label, sizeof label, "%s", lbl ? lbl : argv[i + 1]);
		n = lesson_sweep(&app, argv[i + 1]);
		if (n >= 0) {
			char what[40];
			snprintf(what, sizeof what, "every step of %d", n);
			witness_verdict(what);
		}
	} else if (!strcmp(argv[i], "sandbox")) {
		snprintf(label, sizeof label, "%s", lbl ? lbl : "sandbox");
		if (screen_home_open(&app) < 0)
			printf("not ok - %s: the home menu opens\n", label);
		else if (sandbox_sweep(&app, atoi(argv[i + 1])) == 0)
			witness_verdict("every arch");
	} else if (!strcmp(argv[i], "lab")) {
		snprintf(label, sizeof label, "%s", lbl ? lbl : argv[i + 1]);
		if (lab_sweep(&app, argv[i + 1]) == 0)
			witness_verdict("every question and the score page");
	} else {
		snprintf(label, sizeof label, "%s", lbl ? lbl : argv[i + 1]);
		if (replay_sweep(&app, argv[i + 1]) == 0)
			witness_verdict("every stage");
	}
	if (predict)
		printf("%s - %s: predict mode asked (%u questions answered)\n", asked ? "ok" : "not ok",
		       label, asked);
	app_free(&app);
	app_offscreen_close(&os);
	drawcheck_close(app.theme.check);
	return 0;
}
