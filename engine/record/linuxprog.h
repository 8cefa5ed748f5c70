/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxprog.h - the learner's own program under Linux (`pagewalk record
 * --kernel linux --mode M --program FILE [-- ARGS...]`).
 *
 * FILE is C source (a name ending in ".c": compiled static, -g, -O0 with
 * the system gcc for the mode's ABI, the variant's cc= of linux.tab) or a
 * static ELF executable of the mode's class and machine. It goes into the
 * initramfs as /prog, its arguments as /args, with its own init,
 * guest/linux/progrun.c (not the scenarios' init.c), which runs it and
 * relays its output and exit to the console. The tracer stops once at main (params.txt's main=)
 * so the trace can tell the C library's start-up faults from main's.
 * After the run every fault of the program gets its place: the function
 * and source line of its instruction (addr2line -f -i over the program;
 * the C library's functions have no line), or, for a kernel-mode fault on
 * a user address, the system call the program was in and the place of
 * the instruction that made it. The trace's header carries the program's
 * name, sha256, arguments, exit and source text (the learner's own); an
 * ELF given without its source gets its lines from its DWARF (the file
 * main is in: the header's source-file, no text), or functions only.
 *
 * The run directory's files (kept with --keep, read again by --from):
 * prog (the ELF run), source (the source as the trace holds it: tabs
 * expanded), args (NUL-separated, argv[0] first), program.txt (name=,
 * sha256=, main=, file=: the file whose lines the places name, "" none),
 * cc.out, cc.err, nm.out, a2l.out.
 *
 * Errors: 0, or -1 with d filled (one sentence, outside values escaped).
 * Nothing here prints. Processes (gcc, nm, addr2line) run under recproc
 * with the recorder's stop flag and a 60 s limit each.
 */
#ifndef PAGEWALK_LINUXPROG_H
#define PAGEWALK_LINUXPROG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "record/linuxrec.h"
#include "record/record.h"
#include "trace/trace.h"

/* The largest program file taken (source or ELF). */
#define LINUXPROG_FILE_MAX (64u << 20)
/* The arguments the guest's init takes: at most this many (argv[0]
 * included) and bytes in all (each with its NUL). */
#define LINUXPROG_ARGS_MAX 64
#define LINUXPROG_ARGS_BYTES 4000

/* Before anything runs: o->program is a regular file (at most
 * LINUXPROG_FILE_MAX bytes) that is C source by its name or starts as an
 * ELF, and its arguments fit the init's /args. 0, or -1 with d. */
int linuxprog_check(const struct record_opts *o, struct diag *d);

/* Make the program's files in the run directory run (see above): compile
 * the source with cross's gcc ("" the host's; arm64's "aarch64-linux-gnu-")
 * for cc ("-m32", "-m64", "-mabi=lp64"; the compiler's messages into
 * r->detail when it fails) or copy the ELF, refuse an ELF that is not a
 * static executable for cc's ABI, find main. 0, or -1 with d. */
int linuxprog_prepare(const struct record_opts *o, const char *cc, const char *cross,
		      const char *run, struct record_result *r, struct diag *d);

/* The lines of the initramfs list that add /prog and /args (paths
 * relative to the run directory, where gen_init_cpio runs). */
const char *linuxprog_cpio_lines(void);

/* Is run a --program run (program.txt there)? */
bool linuxprog_is_program_run(const char *run);

/* The tracer's params for a program run (main=ADDR when the program has
 * a main) into buf ("" when none). 0, or -1 with d. */
int linuxprog_params(const char *run, char *buf, size_t len, struct diag *d);

/* After the run: the program's output, cut and exit from the console
 * (serial, sn bytes: the init's "pagewalk: out" lines) into r; the
 * header's program and each program fault's place into t (built from lr
 * by linuxtrace_build: its faults in the order of linuxtrace_keeps); the
 * program's fault counts, the run's, the note on its lines and the fault
 * that killed it into r. 0, or -1 with d. */
int linuxprog_finish(const struct record_opts *o, const char *run, const char *serial,
		     size_t sn, const struct linuxrec *lr, struct trace *t,
		     struct record_result *r, struct diag *d);

/* The trace's `verified` sentence for a program run: which of the run's
 * faults the trace holds (r's counts, from linuxprog_finish), then
 * verified (every fault of the run's check). */
void linuxprog_verified(const struct record_result *r, const char *verified, char *buf,
			size_t len);

#endif
