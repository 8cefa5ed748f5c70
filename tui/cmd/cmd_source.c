/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_source.c - waiting for Linux's source on the command line (see
 * cmd_source.h). */
#include "cmd/cmd_source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/text.h"

static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static volatile sig_atomic_t got;   /* the signal that came, 0 when none */
static struct sigaction saved[sizeof caught / sizeof caught[0]];

static void on_signal(int sig)
{
	got = sig;
}

const volatile sig_atomic_t *cmd_source_catch(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	got = 0;
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++) {
		sigaction(caught[i], &sa, &saved[i]);
		/* ignored when we began (nohup, a background job): it stays so */
		if (saved[i].sa_handler == SIG_IGN)
			sigaction(caught[i], &saved[i], NULL);
	}
	return &got;
}

void cmd_source_release(void)
{
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
		sigaction(caught[i], &saved[i], NULL);
	if (got)
		raise(got);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cmd_source_line_init(struct cmd_source_line *l)
{
	l->last[0] = '\0';
	l->tty = isatty(STDERR_FILENO);
	l->start = seconds();
}

void cmd_source_progress(void *ctx, const struct linuxsrc_progress *p)
{
	struct cmd_source_line *l = ctx;
	char line[sizeof l->last];
	char *safe;

	if (!p->phases)
		return;      /* it has not yet seen which way it goes */
	if (!l->tty && p->phase == LINUXSRC_EXTRACTING && seconds() - l->start < 1)
		return;
	linuxsrc_progress_text(p, LANG_EN, l->tty, line, sizeof line);
	if (!strcmp(line, l->last))
		return;
	snprintf(l->last, sizeof l->last, "%s", line);
	/* the tarball's path comes from the environment: escaped */
	safe = text_escape(line, strlen(line), false);
	fprintf(stderr, l->tty ? "\rpagewalk: %s\033[K" : "pagewalk: %s\n", safe ? safe : "?");
	fflush(stderr);
	free(safe);
}

void cmd_source_line_end(struct cmd_source_line *l)
{
	if (l->tty && l->last[0])
		fputs("\r\033[K", stderr);
	l->last[0] = '\0';
}
