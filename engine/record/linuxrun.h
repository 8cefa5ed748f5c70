/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxrun.h - `pagewalk record --kernel linux`: run a scenario on Linux
 * 6.1 under QEMU with the gdb tracer, verify, convert, write the trace.
 *
 * The run is guest/linux/record.sh (QEMU + gdb with guest/linux/trace.py,
 * on the kernels `make linux` put in the cache; docs/linux.md), started
 * through recproc (its own session; every descendant stopped and reaped
 * on return, timeout or *stop). Its records are parsed (linuxrec.h),
 * checked one to one against QEMU's -d int log, turned into a trace
 * (linuxtrace.h), stamped, validated and written atomically
 * (recfile_write_trace): any failure leaves o->out as it was.
 *
 * Uses from struct record_opts: mode (2level, pae, 4level, 5level),
 * scenario, out, force, keep, timeout, stop, progress; o->guest names the
 * directory holding record.sh (default guest/linux). Errors as record.h.
 */
#ifndef PAGEWALK_LINUXRUN_H
#define PAGEWALK_LINUXRUN_H

#include "util/diag.h"
#include "record/record.h"

/* The scenarios of the Linux init (NULL-terminated). */
extern const char *const linuxrun_scenarios[];

/* Mode and scenario (vmalloc only on 2level). 0, or -1 with d filled. */
int linuxrun_check_words(const struct record_opts *o, struct diag *d);

/* The words, record.sh and trace.py in o->guest (or guest/linux), and
 * $TMPDIR (into o->tmpdir). 0, or -1 with d filled. */
int linuxrun_check(struct record_opts *o, struct diag *d);

/* Run, verify, convert, write. 0, or -1 with d filled (and r->cause when
 * a located error came first). */
int linuxrun_run(const struct record_opts *o, struct record_result *r, struct diag *d);

#endif
