/* SPDX-License-Identifier: GPL-2.0-only */
/* file_out.h - write a command's output file whole, or not at all.
 *
 * The one place where new-lesson, replay --cast and dump --format md create
 * files. The bytes go to a temporary file in the target's directory, are
 * flushed to disk, and only then take the target's name, so a reader never
 * sees half a file and a failure leaves nothing behind.
 *
 * An existing target is refused unless mode is FILE_OUT_REPLACE (then it is
 * replaced atomically); a target that exists and is not a regular file (a device,
 * FIFO, directory or symbolic link) is always refused. Otherwise the
 * final step is link(), which fails if another process created the name in
 * the meantime. Errors are printed as "pagewalk: CMD: ..." with the path
 * escaped; the return value is 0 or EXIT_BADINPUT.
 */
#ifndef PAGEWALK_FILE_OUT_H
#define PAGEWALK_FILE_OUT_H

#include <stdbool.h>
#include <stddef.h>

enum file_out_mode {
	FILE_OUT_NEW,            /* never replace (the command has no --force) */
	FILE_OUT_KEEP,           /* refuse an existing file: "use --force" */
	FILE_OUT_REPLACE,        /* --force given: replace a regular file */
};

/* The refusals of file_out() alone, before the work that makes the bytes:
 * 0, or EXIT_BADINPUT with the reason printed. */
int file_out_check(const char *cmd, const char *path, enum file_out_mode mode);
int file_out(const char *cmd, const char *path, const char *data, size_t len,
	     enum file_out_mode mode);

#endif
