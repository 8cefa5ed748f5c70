/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_source.h - waiting for Linux's source on the command line (`check`,
 * `replay --cast`): a progress line on stderr, and signals that cancel the
 * extraction instead of leaving its threads' work and its temporary
 * directory behind.
 *
 * While cmd_source_catch() is in force, SIGINT, SIGTERM, SIGHUP and
 * SIGQUIT (those not ignored when it began: `nohup` ignores SIGHUP, a
 * shell's background job SIGINT) only set the flag it returns, which
 * linuxsrc_fetch_wait polls;
 * cmd_source_release() puts the old handlers back and, when a signal came,
 * raises it again, so the process ends as that signal would have ended it,
 * after the cleanup.
 */
#ifndef PAGEWALK_CMD_SOURCE_H
#define PAGEWALK_CMD_SOURCE_H

#include <signal.h>
#include <stdbool.h>

#include "source/linuxsrc.h"

/* What the progress line said last. */
struct cmd_source_line {
	char last[400];
	bool tty;        /* stderr is a terminal: one line updated in place */
	double start;    /* when the wait began (monotonic seconds) */
};

/* Start saying progress on stderr. */
void cmd_source_line_init(struct cmd_source_line *l);
/* linuxsrc_fetch_wait's progress callback (ctx: a struct cmd_source_line):
 * "pagewalk: Indexing linux-source-6.1 6.1.192-3 (once per upload) ...".
 * On a terminal one line with its percentage, updated in place and erased
 * at the end; otherwise a line per phase: at once for the full pass (and
 * for waiting on another pagewalk's), for reading some blocks only when it
 * has taken a second (it usually takes less: a good lesson checks
 * silently). */
void cmd_source_progress(void *ctx, const struct linuxsrc_progress *p);
/* The wait is over: erase the line on a terminal. */
void cmd_source_line_end(struct cmd_source_line *l);

/* Catch the signals; the flag to poll. */
const volatile sig_atomic_t *cmd_source_catch(void);
/* Restore the handlers; raise the signal that came, if one did. */
void cmd_source_release(void);

#endif
