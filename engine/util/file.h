/* SPDX-License-Identifier: GPL-2.0-only */
/* file.h - opening input files safely: regular files only, bounded reads.
 *
 * Every loader (lessons, traces, progress, the home menu's scans) opens its
 * input through here, so a FIFO, a device, a socket or a directory named as
 * a file is refused at once instead of blocking the open or the read, and a
 * file that keeps growing is never read past the caller's limit. Opening
 * never blocks (O_NONBLOCK, cleared after the type check) and never makes a
 * terminal the controlling one (O_NOCTTY).
 *
 * Errors fill the caller's struct diag as "path: message"; errno is left as
 * the failing call set it (ENOENT for a missing file, EINVAL for a file that
 * is not regular, EFBIG for one over the limit).
 */
#ifndef PAGEWALK_FILE_H
#define PAGEWALK_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "util/diag.h"

/* Open path read-only if it is a regular file (after following symlinks);
 * st (may be NULL) gets its fstat. Returns the descriptor (O_CLOEXEC, in
 * blocking mode), or -1 with d filled: "cannot open: ...", "is a directory,
 * not a file", "not a regular file (a FIFO)". */
int file_open_regular(const char *path, struct stat *st, struct diag *d);

/* The same with path relative to the directory dfd (AT_FDCWD: the current
 * one); with nofollow a symbolic link at path is refused too (ELOOP). */
int file_open_regular_at(int dfd, const char *path, bool nofollow, struct stat *st,
			 struct diag *d);

/* The regular file open at fd (path names it in d) read from its current
 * offset: what file_read_regular() reads when whole, else what
 * file_read_prefix() reads. fd stays open. */
char *file_read_fd(int fd, const char *path, size_t max, bool whole, size_t *len,
		   struct diag *d);

/* The whole regular file at path in a malloc'd, NUL-terminated buffer of at
 * most max bytes (*len its length); NULL with d filled otherwise, also
 * "file too large (N bytes, at most MAX)" and "file changed while reading". */
char *file_read_regular(const char *path, size_t max, size_t *len, struct diag *d);

/* The same for a file that may still grow or shrink (a log being written):
 * what it holds of the size it had when opened, never more; no "changed". */
char *file_read_prefix(const char *path, size_t max, size_t *len, struct diag *d);

#endif
