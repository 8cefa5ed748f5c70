/* SPDX-License-Identifier: GPL-2.0-only */
/* main.c - pagewalk's entry point: global options, then one command. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

struct command {
	const char *name;
	cmd_fn *run;
	const char *args;
	const char *help;
	bool tui;            /* full screen: the app falls back to English itself */
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

int cmd_say(FILE *f, const char *fmt, ...)
{
	char *buf, *safe;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(buf = malloc((size_t)n + 1)))
		return -1;
	va_start(ap, fmt);
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	va_end(ap);
	safe = text_escape(buf, (size_t)n, false);
	free(buf);
	if (!safe)
		return -1;
	fprintf(f, "%s\n", safe);
	free(safe);
	return 0;
}

int cmd_error(int status, const char *fmt, ...)
{
	char buf[2048], *safe;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		buf[0] = '\0';
	safe = text_escape(buf, strlen(buf), false);
	fprintf(stderr, "pagewalk: %s\n", safe ? safe : "out of memory");
	free(safe);
	return status;
}

int cmd_finish_stdout(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	return cmd_error(EXIT_BADINPUT, "cannot write the output: %s",
			 errno ? strerror(errno) : "write error");
}

void cmd_print_diag(const struct diag *d)
{
	char buf[1200], *safe;

	/* The path comes from the user and the message may quote a file: escape
	 * both so no control sequence reaches the terminal. */
	diag_format(d, buf, sizeof buf);
	safe = text_escape(buf, strlen(buf), false);
	fprintf(stderr, "%s\n", safe ? safe : "pagewalk: out of memory");
	free(safe);
}

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
static enum lang lang_from_locale(void)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "ja", 2) == 0 ? LANG_JA : LANG_EN;
	}
	return LANG_EN;
}

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* The locale variable in force, for the message ("LANG=C"). */
static const char *locale_name(void)
{
	static char buf[80];
	const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			snprintf(buf, sizeof buf, "%s=%.60s", vars[i], v);
			return text_is_safe(buf, false) ? buf : vars[i];
		}
	}
	return "unset, C";
}

int main(int argc, char **argv)
{
	struct globals g = { .lang = lang_from_locale(), .argv0 = argv[0] };
	int i = 1;

	setlocale(LC_ALL, "");
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("pagewalk %s\n", PAGEWALK_VERSION);
			return 0;
		} else if (strcmp(a, "--lang") == 0 || strncmp(a, "--lang=", 7) == 0) {
			const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
			int l = lang_parse(v);
			if (l < 0)
				return cmd_error(EXIT_USAGE, "--lang wants en or ja%s%s",
						 v ? ", not " : "", v ? v : "");
			g.lang = (enum lang)l;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			cmd_error(EXIT_USAGE, "unknown option %s", a);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	/* Japanese needs a UTF-8 locale: under LANG=C every character would be
	 * a '?'. Say so and carry on in English rather than show "?????". */
	if (g.lang == LANG_JA && !locale_is_utf8()) {
		fprintf(stderr, "pagewalk: --lang ja: the locale (%s) is not UTF-8, so Japanese "
			"cannot be shown: English instead (try LANG=C.UTF-8)\n", locale_name());
	}
	if (i >= argc)
		return cmd_home(&g, 1, argv + i - 1);
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (strcmp(argv[i], commands[c].name) == 0) {
			if (g.lang == LANG_JA && !locale_is_utf8() && !commands[c].tui)
				g.lang = LANG_EN;
			return commands[c].run(&g, argc - i, argv + i);
		}
	cmd_error(EXIT_USAGE, "unknown command %s", argv[i]);
	usage(stderr);
	return EXIT_USAGE;
}
