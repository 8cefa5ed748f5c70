/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxrun.h - `pagewalk record --kernel linux`: run a scenario on Linux
 * 6.1 under QEMU with the gdb tracer, verify, convert, write the trace.
 *
 * What runs comes from guest/linux/linux.tab (linuxtab.h: the mode's,
 * scenario's and variant's rows); the kernel from the cache `make linux`
 * fills ($PAGEWALK_CACHE, else $XDG_CACHE_HOME/pagewalk, else
 * ~/.cache/pagewalk: linux-DEBIANVERSION/build-VARIANT). Everything else is
 * compiled in, so an installed pagewalk records from any directory: the
 * init (guest/linux/init.c, built once per ABI into the kernel's cache with
 * guest/linux/init.args and packed with initramfs.list), the QEMU command
 * (guest/linux/qemu.args) and the shell that runs it (qemu.sh.in), gdb's
 * (guest/gdb.args) and the tracer (guest/linux/trace.py). In a run
 * directory under $TMPDIR gdb runs the tracer, which starts QEMU through a
 * pipe (its gdbstub on stdio) and writes records.txt; the one time limit
 * is the recorder's (recproc: every descendant stopped and reaped on
 * return, timeout or *stop). gdb dies with the recorder (PR_SET_PDEATHSIG)
 * and QEMU with gdb (qemu.sh watches it), however the recorder ends. The records are parsed (linuxrec.h), checked one to
 * one against QEMU's -d int log, joined with the console's layout line,
 * turned into a trace (linuxtrace.h) and written by record_finish():
 * any failure leaves o->out as it was.
 *
 * The run directory's files (kept with --keep; `record --from DIR`
 * converts them again): params.txt (what the tracer is told, and the
 * plan), trace.py, qemu.sh, command.txt, version.txt, records.txt,
 * int.log, serial.txt, qemu.status, qemu.err, gdb.out, gdb.err.
 *
 * Uses from struct record_opts: mode, scenario, out, force, keep, timeout,
 * stop, progress, from; fills guest_path with the kernel's build tree.
 * Errors as record.h.
 */
#ifndef PAGEWALK_LINUXRUN_H
#define PAGEWALK_LINUXRUN_H

#include "util/diag.h"
#include "record/record.h"

/* Mode and scenario: rows of linux.tab, the scenario allowed in the mode.
 * 0, or -1 with d filled. */
int linuxrun_check_words(const struct record_opts *o, struct diag *d);

/* The words, the programs the run needs on PATH (QEMU, gdb, addr2line,
 * gcc), and the kernel built in the cache (o->guest_path). 0, or -1 with
 * d filled (saying `make linux` when the kernel is missing). */
int linuxrun_check(struct record_opts *o, struct diag *d);

/* Run, verify, convert, write. 0, or -1 with d filled (and r->cause when
 * a located error came first). */
int linuxrun_run(const struct record_opts *o, struct record_result *r, struct diag *d);

/* Verify, convert and write the run in dir (a finished run, or a kept one
 * for --from). 0, or -1 with d filled. */
int linuxrun_convert(const struct record_opts *o, const char *dir, struct record_result *r,
		     struct diag *d);

#endif
