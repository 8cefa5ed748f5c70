/* SPDX-License-Identifier: GPL-2.0-only */
/* recproc.h - run one program for the recorder, in a scope that catches
 * every process it starts.
 *
 * The child dies with the recorder (PR_SET_PDEATHSIG: SIGKILL when the
 * recorder ends, however it ends) and gets its own session; the recorder becomes a child subreaper
 * (PR_SET_CHILD_SUBREAPER), so a descendant that calls setsid() or
 * setpgid() and is orphaned comes back to us. When the program ends, times
 * out or *stop is set, its session is sent SIGTERM, then every remaining
 * descendant SIGKILL, and all are reaped: nothing outlives the call.
 * Reaping uses waitpid(-1): the caller must have no other children.
 */
#ifndef PAGEWALK_RECPROC_H
#define PAGEWALK_RECPROC_H

#include <signal.h>

#include "util/diag.h"

enum recproc_end {
	RECPROC_EXITED,          /* *status holds the wait status */
	RECPROC_TIMEOUT,         /* ran longer than limit: stopped */
	RECPROC_STOPPED,         /* *stop was set: stopped */
	RECPROC_ERROR,           /* could not start it: d filled */
};

struct recproc {
	char *const *argv;       /* argv[0] is looked up on PATH */
	const char *dir;         /* working directory (absolute; also the
	                            program's TMPDIR, so its temporary files
	                            go where the run is cleaned up), or NULL */
	const char *out, *err;   /* files for stdout, stderr (created) */
	double limit;            /* seconds */
	volatile sig_atomic_t *stop;
	void (*tick)(void *ctx, double elapsed);   /* about 5 times a second */
	void *ctx;
};

enum recproc_end recproc_run(const struct recproc *p, int *status, struct diag *d);

/* Seconds on the monotonic clock. */
double recproc_now(void);

#endif
