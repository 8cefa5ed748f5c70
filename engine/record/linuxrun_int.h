/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxrun_int.h - what linuxrun.c shares with linuxprog.c (the Linux
 * recorder's own files, engine/record): running a host tool. */
#ifndef PAGEWALK_LINUXRUN_INT_H
#define PAGEWALK_LINUXRUN_INT_H

#include "util/diag.h"
#include "record/record.h"

/* Run argv (in dir, or the current directory when NULL; stdout to out,
 * stderr to err) to its end within 60 s; 0 when it exited 0, else -1
 * with d ("what failed: the first line of err"). */
int linuxrun_tool(const struct record_opts *o, char *const *argv, const char *dir,
		  const char *out, const char *err, const char *what, struct diag *d);

#endif
