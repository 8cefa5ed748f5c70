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

void cmd_lang_note(const struct globals *g)
{
	if (g->lang_note)
		cmd_error(0, "%s", g->lang_note);
}
