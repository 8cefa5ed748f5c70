/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_calls.h - the call chains of a version-3 trace (trace.h's
 * struct trace_call): checks and words shared by the loader, `dump` and
 * the replayer. Nothing here reads source text; the files named are
 * checked against the package's listing only.
 */
#ifndef PAGEWALK_TRACE_CALLS_H
#define PAGEWALK_TRACE_CALLS_H

#include "trace/trace.h"

/* Check ev's chain: only a fault has one, it needs the header's
 * kernel-source, each frame a function name, a relative file, a line from
 * 1 (version 4: or none, with a why), a depth of 0 first and at most one
 * deeper than the frame before. 0, or -1 with d at the frame's line:col. */
int trace_calls_check(const struct trace *t, const struct trace_event *ev, const char *path,
		      struct diag *d);
/* Is every file t's calls name a regular file of linux-source-6.1? Told
 * by the package's listing when one is known (linuxsrc_listing_open: a
 * member map or make linux's tree; nothing is extracted), each file once;
 * else 0. 0, or -1 with d at the first frame naming a directory, a link,
 * or (when the listing is of the upload the header's kernel-source names)
 * a name the package does not hold. */
int trace_calls_check_files(const struct trace *t, const char *path, struct diag *d);
/* Check what ev's writes say about who wrote them (version 4): only a
 * fault's; a real level of the arch, an index in its range, the entry at
 * that index of a table (the walk's table when the walk reads that
 * level), a call of the fault's chain. 0, or -1 with d at the write. */
int trace_writes_check_origin(const struct trace *t, const struct trace_event *ev,
			      const char *path, struct diag *d);
/* Free t's calls (trace_free calls this). */
void trace_calls_free(struct trace *t);
/* The index in t->calls of ev's deepest frame (the last one at the
 * greatest depth); ev->call0 when it has none. */
size_t trace_calls_deepest(const struct trace *t, const struct trace_event *ev);
/* Does frame k of ev's chain (0-based) go on in the frame before it: the
 * same function at the same depth, reached at a new line? Such a frame is
 * one call moving on (bad_area_access_error at 879, then at 912), not a
 * deeper call. */
bool trace_calls_moves_on(const struct trace *t, const struct trace_event *ev, size_t k);
/* "exc_page_fault > ... > do_wp_page (mm/memory.c:3350)": the chain down
 * to the deepest frame, into buf ("" when ev has none). */
void trace_calls_format(const struct trace *t, const struct trace_event *ev, char *buf,
			size_t len);

#endif
