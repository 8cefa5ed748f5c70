/* SPDX-License-Identifier: GPL-2.0-only */
/* file_write.h - write an output file whole, or not at all.
 *
 * The one place where pagewalk creates or replaces a file: new-lesson,
 * replay --cast, exercise, lab, grade, record -o and lesson progress. The
 * bytes go to PATH.tmpXXXXXX in the target's directory, are fsync'd, and
 * only then take the target's name, so a reader never sees half a file and
 * a failure leaves the target as it was. The temporary file is removed on
 * every error path.
 *
 * Refused always: a target that exists and is not a regular file (device,
 * FIFO, socket, directory, symbolic link). Refused unless mode is
 * FILE_REPLACE (what --force means): an existing regular file. Without
 * FILE_REPLACE the last step is link(), which fails if the name appeared
 * meanwhile (a file system without hard links: rename() if still absent).
 *
 * Errors: -1 with d filled as (path, reason) and errno set: EEXIST for an
 * existing file, EINVAL for a target that is not a regular file, ECANCELED
 * when *stop was set before publishing, else the failing call's errno.
 * Signals: a handler only sets *stop (sig_atomic_t); the write checks it
 * after the fsync and before the rename, then removes its temporary file.
 */
#ifndef PAGEWALK_FILE_WRITE_H
#define PAGEWALK_FILE_WRITE_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "util/diag.h"

enum file_replace {
	FILE_NEW,                /* never replace (the command has no --force) */
	FILE_KEEP,               /* refuse an existing file: "use --force" */
	FILE_REPLACE,            /* --force given: replace a regular file */
};

/* Writes the file's bytes to f: 0, or -1 (errno set when known). */
typedef int file_fill_fn(FILE *f, const void *arg);

/* The refusals alone, for a caller to check before the work that makes the
 * bytes: 0, or -1 with d and errno as above. */
int file_target_check(const char *path, enum file_replace mode, struct diag *d);

/* Write fill's bytes to path (permissions perm); stop may be NULL. */
int file_write_atomic(const char *path, enum file_replace mode, mode_t perm,
		      file_fill_fn *fill, const void *arg, volatile sig_atomic_t *stop,
		      struct diag *d);

/* The same for the len bytes at data. */
int file_write_bytes(const char *path, enum file_replace mode, mode_t perm,
		     const char *data, size_t len, struct diag *d);

#endif
