/* SPDX-License-Identifier: GPL-2.0-only */
/* main.c - pagewalk's entry point, the top of tui/: read the environment
 * once, parse the global options, decide the language once, and hand the
 * rest of argv to one command (tui/cmd, cmd.h). Layers below it: tui/cmd ->
 * tui/screen -> tui/draw -> the engine; none calls back up. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "util/suggest.h"

struct command {
	const char *name;
	cmd_fn *run;
	const char *args;
	const char *help;
	bool tui;            /* full screen: the language note goes on its status line */
};

static const struct command commands[] = {
	{ "translate", cmd_translate, "[--arch A] [--mem F] ADDR",
	  "print the walk fields of ADDR (--mem: walk it)", false },
	{ "macros", cmd_macros, "[--arch A]", "print PAGE_SHIFT .. PTRS_PER_* for an arch", false },
	{ "lesson", cmd_lesson, "FILE|NAME", "play a lesson (NAME: a file in lessons/, e.g. 03)", true },
	{ "replay", cmd_replay, "FILE [--cast OUT]",
	  "replay a recorded trace (--cast: as an asciinema file)", true },
	{ "dump", cmd_dump, "FILE [--format md --event N]",
	  "print a trace as text (md: one fault, Markdown)", false },
	{ "record", cmd_record, "[options] -o FILE", "boot our kernel or Linux 6.1, record a trace", false },
	{ "exercise", cmd_exercise, "[--arch A] [--seed N] [-c]",
	  "a paper exercise: tables, addresses (-c: answers)", false },
	{ "lab", cmd_lab, "LESSON --student ID ...",
	  "a lesson's quizzes as a graded test (--out DIR)", true },
	{ "grade", cmd_grade, "DIR [--csv FILE]", "re-grade a class's lab results: table + CSV", false },
	{ "new-lesson", cmd_new_lesson, "FILE", "write a small lesson to start from (never overwrites)", false },
	{ "check", cmd_check, "[-v] FILE...", "validate lesson and trace files, report errors", false },
};

static void usage(FILE *f)
{
	fputs("usage: pagewalk [--lang en|ja] [COMMAND [ARGS]]\n"
	      "\n"
	      "Learn how Linux and x86 translate addresses: lessons that show Linux 6.1's\n"
	      "own code (read from your linux-source-6.1), and replays of page faults\n"
	      "really taken by Linux 6.1 (built from that package, run under QEMU) and\n"
	      "by our small Linux-like kernel (guest/, under QEMU and Bochs).\n"
	      "\n"
	      "With no command, opens the home menu. Commands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-10s %-28s %s\n", commands[i].name, commands[i].args,
			commands[i].help);
	fputs("\nArchs: x86-32 (2-level), x86-32-pae, x86-64, x86-64-la57.\n"
	      "Exit status: 0 ok, 1 bad input, 2 bad usage. See pagewalk(1).\n", f);
}

/* The language from the locale: Japanese when LC_ALL, LC_MESSAGES or LANG
 * (the first one set) starts with "ja", English otherwise. */
static enum lang lang_from_locale(const struct env *e)
{
	const char *vars[] = { e->lc_all, e->lc_messages, e->lang };

	for (size_t i = 0; i < 3; i++)
		if (vars[i] && *vars[i])
			return strncmp(vars[i], "ja", 2) == 0 ? LANG_JA : LANG_EN;
	return LANG_EN;
}

/* The locale's codeset is UTF-8 (after setlocale): the one place asked. */
static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* The locale variable in force, for the message ("LANG=C"). */
static const char *locale_name(const struct env *e, char *buf, size_t len)
{
	const char *names[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *vars[] = { e->lc_all, e->lc_ctype, e->lang };

	for (size_t i = 0; i < 3; i++)
		if (vars[i] && *vars[i]) {
			snprintf(buf, len, "%s=%.60s", names[i], vars[i]);
			return text_is_safe(buf, false) ? buf : names[i];
		}
	return "unset, C";
}

/* The language, decided once for the whole run: Japanese needs a UTF-8
 * locale (under LANG=C every character would be a '?'), so without one it
 * is English, and g->lang_note says why; the command shows the note once
 * (stderr, or the status line of a full screen). */
static void lang_decide(struct globals *g, enum lang want)
{
	static char note[200];
	char name[80];

	g->utf8 = locale_is_utf8();
	g->lang = want;
	if (want != LANG_JA || g->utf8)
		return;
	snprintf(note, sizeof note, "--lang ja: the locale (%s) is not UTF-8, so Japanese cannot "
		 "be shown: English instead (try LANG=C.UTF-8)", locale_name(g->env, name, sizeof name));
	g->lang = LANG_EN;
	g->lang_note = note;
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct globals g = { .env = env_read(), .argv0 = argv[0] };
	enum lang want = lang_from_locale(g.env);
	struct cmd_opt p;
	int c, i = argc;

	setlocale(LC_ALL, "");
	cmd_opt_begin(&p, NULL, argc, argv, "hV", longs, usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END && c != CMD_OPT_ARG) {
		int l;
		switch (c) {
		case 'V':
			printf("pagewalk %s\n", PAGEWALK_VERSION);
			return 0;
		case 'l':
			if ((l = lang_parse(p.arg)) < 0)
				return cmd_error(EXIT_USAGE, "--lang wants en or ja, not %s", p.arg);
			want = (enum lang)l;
			break;
		default:
			return p.status;
		}
	}
	if (c == CMD_OPT_ARG)   /* the command: argv[i], its arguments after it */
		i = p.next - 1;
	/* a global option after the command (pagewalk lesson 03 --lang ja) is
	 * the same global option: taken out before the command sees its own
	 * (up to a "--", after which everything is an argument) */
	for (int k = i + 1, o = i + 1; k <= argc; k++) {
		const char *a = k < argc ? argv[k] : NULL;
		if (a && !strcmp(a, "--")) {
			while (k < argc)
				argv[o++] = argv[k++];
			argv[o] = NULL;
			argc = o;
			break;
		}
		if (a && (!strcmp(a, "--lang") || !strncmp(a, "--lang=", 7))) {
			const char *v = a[6] == '=' ? a + 7 : k + 1 < argc ? argv[++k] : NULL;
			int l = v ? lang_parse(v) : -1;
			if (l < 0)
				return cmd_error(EXIT_USAGE, "--lang wants en or ja, not %s", v ? v : "nothing");
			want = (enum lang)l;
			continue;
		}
		if (k == argc) {
			argv[o] = NULL;
			argc = o;
			break;
		}
		argv[o++] = argv[k];
	}
	lang_decide(&g, want);
	cmd_msg_lang(g.lang);
	if (i >= argc)
		return cmd_home(&g, 1, argv + argc - 1);
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (strcmp(argv[i], commands[k].name) == 0) {
			if (!commands[k].tui)   /* a full screen shows it itself */
				cmd_lang_note(&g);
			return commands[k].run(&g, argc - i, argv + i);
		}
	{
		/* a typo of a command: name it (lesosn -> lesson) */
		const char *names[sizeof commands / sizeof commands[0]];
		const char *near;
		for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
			names[k] = commands[k].name;
		near = suggest_word(argv[i], names, sizeof commands / sizeof commands[0]);
		if (near)
			return cmd_error(EXIT_USAGE, "unknown command %s; did you mean %s? (pagewalk "
					 "--help lists the commands)", argv[i], near);
	}
	cmd_error(EXIT_USAGE, "unknown command %s", argv[i]);
	usage(stderr);
	return EXIT_USAGE;
}
