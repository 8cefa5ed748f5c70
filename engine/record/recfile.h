/* SPDX-License-Identifier: GPL-2.0-only */
/* recfile.h - the recorder's files: bounded reads of a run's files, the
 * live fault count, the -o target, the atomic write, the run directory.
 *
 * Reads go through file.h (regular files only, never blocking, at most a
 * stated limit) and the write through file_write.h; this file only words
 * their errors for the recorder. Errors come back in a struct diag with
 * the path escaped; nothing prints.
 */
#ifndef PAGEWALK_RECFILE_H
#define PAGEWALK_RECFILE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/diag.h"
#include "trace/trace.h"

/* Read the regular file path (at most limit bytes) into a new
 * NUL-terminated buffer the caller frees. 0, or -1 with d filled;
 * *missing (if not NULL) is set when the file does not exist. */
int recfile_read(const char *path, size_t limit, char **text, size_t *len, bool *missing,
		 struct diag *d);

/* Counts the "fault " records in a growing file, reading only what was
 * added since the last call (at most 16 MiB a call). */
struct recfile_tail {
	off_t pos;
	int state;               /* chars of "fault " matched on this line; -1 none */
	unsigned faults;
};
void recfile_tail_poll(struct recfile_tail *t, const char *path);

/* The -o target: absent in an existing directory, or a regular file
 * (then only with force). 0, or -1 with d filled. */
int recfile_check_target(const char *path, bool force, struct diag *d);

/* Write t to path with file_write_atomic() (PATH.tmpXXXXXX beside it,
 * fsync'd; with force rename() over a regular file, else link()), after
 * recfile_check_target(). The temporary file is gone on every return; when
 * *stop is set before the rename, nothing is written and -1 returned. */
int recfile_write_trace(const struct trace *t, const char *path, bool force,
			volatile sig_atomic_t *stop, struct diag *d);

/* Remove dir and everything under it (not following links). */
void recfile_remove_tree(const char *dir);

/* A new run directory tmpdir/PREFIX.PID.XXXXXX (PID: this process) into
 * buf, after removing every tmpdir/PREFIX.PID.* of ours whose PID is no
 * longer a running process (a recorder killed by SIGKILL left it). With
 * keep, tmpdir/PREFIX.kept.XXXXXX instead: the user's to remove, never
 * swept. 0, or -1 with d filled. */
int recfile_run_dir(const char *tmpdir, const char *prefix, bool keep, char *buf, size_t len,
		    struct diag *d);

/* A short escaped copy of s (text_escape) in buf, for messages. */
const char *recfile_quote(const char *s, char *buf, size_t len);

#endif
