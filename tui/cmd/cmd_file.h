/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_file.h - write a command's output file whole, or not at all.
 *
 * new-lesson, replay --cast, exercise, lab and grade write through here;
 * the writing and its refusals are engine/util/file_write.h's (mode is
 * FILE_NEW, FILE_KEEP or FILE_REPLACE for --force). This only prints a
 * refusal as "pagewalk: CMD: PATH: why" with the path escaped; the return
 * value is 0 or EXIT_BADINPUT.
 */
#ifndef PAGEWALK_FILE_OUT_H
#define PAGEWALK_FILE_OUT_H

#include <stddef.h>

#include "util/file_write.h"

/* The refusals of cmd_file_out() alone, before the work that makes the bytes. */
int cmd_file_check(const char *cmd, const char *path, enum file_replace mode);
int cmd_file_out(const char *cmd, const char *path, const char *data, size_t len,
	     enum file_replace mode);

#endif
