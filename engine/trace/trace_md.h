/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_md.h - one recorded fault as a Markdown write-up (handouts, slides).
 *
 * trace_md_write() writes, for fault event k of a loaded trace: the access
 * (cr2, error code in words, instruction, process, cr3), each level's entry
 * of the recorded walk, the route through the handler as the replayer
 * narrates it stage by stage, the entry writes old -> new (and the master
 * entry a vmalloc sync copied), the retried walk, and the code: lines of our
 * guest's own guest/fault.c for traces it recorded, and for Linux only the
 * file and function (never Linux's text).
 *
 * All values come from the trace and the replay cursor (engine/trace/replay.h),
 * the same model the replayer draws. Text is English. Strings from the
 * trace come escaped for the terminal (trace_load), the name is escaped
 * here (text_escape); all of them, and the narration that quotes them, are
 * written so that Markdown and HTML read them as text only (code spans, or
 * backslash escapes and character references): a trace cannot add a link,
 * a tag, emphasis or a table cell to the write-up. Every function named is
 * given with the file that holds it: Linux v6.1's (replay_linux_file) and
 * our guest's (guest/fault.c, with the function of each quoted run).
 */
#ifndef PAGEWALK_TRACE_MD_H
#define PAGEWALK_TRACE_MD_H

#include <stdio.h>

#include "util/diag.h"
#include "trace/trace.h"

/* Write event k (0-based) of t, shown under the name `name`, to f. Returns
 * 0, or -1 with d filled ("pagewalk: message") when k is out of range or
 * not a fault, memory ran out, or writing failed. */
int trace_md_write(const struct trace *t, size_t k, const char *name, FILE *f,
		   struct diag *d);

#endif
