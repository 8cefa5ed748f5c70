/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_msg.c - what every command prints besides its results: lines with
 * outside names in them (cmd_say), error lines and diagnostics on stderr,
 * all escaped, and the final check of stdout. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

/* The language of error lines (cmd_msg_lang). */
static enum lang msg_lang = LANG_EN;

void cmd_msg_lang(enum lang lang)
{
	msg_lang = lang;
}

/* Error lines in Japanese: the same conversions in the same order. A
 * format not listed stays English (a file's own message, FILE:LINE:COL:,
 * quotes the file and is not translated). */
static const char *const ja_msgs[][2] = {
	{ "unknown command %s", "不明なコマンド %s" },
	{ "unknown command %s; did you mean %s? (pagewalk --help lists the commands)",
	  "不明なコマンド %s です。%s のことですか? (コマンドの一覧は pagewalk --help)" },
	{ "--lang wants en or ja, not %s", "--lang には en か ja を指定します (%s ではなく)" },
	{ "out of memory", "メモリが足りません" },
	{ "cannot write the output: %s", "出力を書き込めません: %s" },
	{ "usage: pagewalk lesson FILE|NAME", "使い方: pagewalk lesson FILE|NAME" },
	{ "lesson: one FILE|NAME only", "lesson: FILE|NAME は 1 つだけです" },
	{ "translate: missing ADDR", "translate: ADDR がありません" },
	{ "translate: %s", "translate: %s" },
	/* the pieces of an option's usage error (cmd_opt.c) */
	{ "unknown option ", "不明なオプション " },
	{ "ambiguous option ", "あいまいなオプション " },
	{ " takes no value", " は値をとりません" },
	{ " wants a value", " には値が必要です" },
};

const char *cmd_msg(const char *en)
{
	if (msg_lang != LANG_JA)
		return en;
	for (size_t i = 0; i < sizeof ja_msgs / sizeof ja_msgs[0]; i++)
		if (strcmp(ja_msgs[i][0], en) == 0)
			return ja_msgs[i][1];
	return en;
}

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
	/* the Japanese form when the language is Japanese and the format has
	 * one (same conversions, so the arguments fit) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	n = vsnprintf(buf, sizeof buf, cmd_msg(fmt), ap);
#pragma GCC diagnostic pop
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

void cmd_lang_note(const struct globals *g)
{
	if (g->lang_note)
		cmd_error(0, "%s", g->lang_note);
}
