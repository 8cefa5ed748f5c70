/* SPDX-License-Identifier: GPL-2.0-only */
/* record.h - the recorder: boot the guest under an emulator, turn its
 * records into a verified trace, write it. The group's contract.
 *
 * The group (engine/record/):
 *   record.c     this pipeline: check every option, run, convert, write
 *   emu.c        one emulator run (QEMU or Bochs): its files, its version
 *   emu_qemu.c   the QEMU run, under gdb (guest/walkwitness.py)
 *   elfsym.c     a symbol's address in the guest ELF (Bochs's breakpoint)
 *   emu_config.c the emulators' configuration, from guest/'s templates
 *   recproc.c    a child process in a scope that catches every descendant
 *   recfile.c    bounded reads of run files, the -o target, atomic write
 *   guestrec.c   the guest's records -> a trace (pure parsing)
 *   witness.c    the emulator logs' page faults
 *   witness_stop.c  the debuggers' stops at each #PF entry (QEMU: walks)
 *   witness_verify.c  the verify step and the header's verified sentence
 * and the Linux recorder (`record --kernel linux`, linuxrun.h):
 *   linuxrun.c   its pipeline: guest/linux/record.sh under QEMU and gdb,
 *                verify, convert, write
 *   linuxrec.c   the tracer's records, parsed and checked against QEMU
 *   linuxtrace.c the checked records -> a trace
 *
 * Ownership: the caller owns struct record_opts and everything it points
 * to; the engine keeps no state between calls. A run directory is made
 * under $TMPDIR and removed before record_run() returns, on every path,
 * unless keep is set (then its path is in the result).
 * Errors: every function returns 0 or -1 with a struct diag filled; the
 * messages are sentences without a "record:" prefix, any outside value in
 * them escaped (text_escape). Nothing here prints.
 * Signals: the engine installs no handler. The caller sets *stop (from its
 * own SIGINT/SIGTERM/SIGHUP handler, installed before record_check());
 * every step polls it and a stopped run cleans up and fails with
 * "interrupted". The calling process must have no other children: the
 * recorder reaps every descendant (waitpid(-1)).
 * Cost: a QEMU run under gdb takes about 0.3 s, a Bochs run 1-2 s plus
 * 0.2 s for the boot ISO (docs/performance.md); converting reads each run file once (at most
 * RECORD_FILE_MAX bytes) and is linear in its size. Progress reads only
 * the bytes the guest added since the last call.
 */
#ifndef PAGEWALK_RECORD_H
#define PAGEWALK_RECORD_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"
#include "record/emu.h"

struct trace;

/* The largest run file (records, emulator log) the recorder reads. */
#define RECORD_FILE_MAX (64u << 20)
/* The longest $TMPDIR or --from directory name (bytes). */
#define RECORD_DIR_MAX 900

enum record_phase { RECORD_PREPARE, RECORD_RUN, RECORD_CONVERT };

struct record_progress {
	enum record_phase phase;
	unsigned faults;         /* "fault" records the guest wrote so far */
	double elapsed;          /* seconds since the emulator started */
};

struct record_opts {
	enum emu_kind kind;
	const char *mode, *scenario;   /* checked by record_check() */
	const char *out;               /* -o: a regular file or a new path */
	const char *guest;             /* the guest ELF; for the Linux recorder
					  (linuxrun.h) the directory holding
					  record.sh and trace.py instead */
	const char *extra;             /* more kernel command-line words, or NULL */
	const char *from;              /* convert this kept run dir instead */
	double timeout;                /* seconds; 0: the kind's default */
	bool force, keep;
	volatile sig_atomic_t *stop;   /* set by the caller's signal handler */
	/* called about 5 times a second while the emulator runs */
	void (*progress)(void *ctx, const struct record_progress *p);
	void *ctx;
	/* filled by record_check() */
	char guest_path[4096];         /* the guest ELF, absolute; for the
					  Linux recorder the directory of
					  record.sh and trace.py, absolute */
	char tmpdir[4096];             /* $TMPDIR (or /tmp), absolute */
};

struct record_result {
	size_t events, faults;
	char verified[512];      /* the verify sentence */
	char kept[RECORD_DIR_MAX + 32];        /* the run directory when keep was set */
	struct diag cause;       /* a located error behind a failure, or empty */
};

/* The scenarios a recording can name (NULL-terminated). */
extern const char *const record_scenarios[];

/* Check the -o target: a regular file (only with force) or a new name in
 * an existing directory; never a device, FIFO, directory or symbolic link.
 * 0, or -1 with d filled ("PATH exists (use --force ...)", ...). */
int record_check_target(const struct record_opts *o, struct diag *d);

/* Check the words: mode, scenario (one of record_scenarios, or the
 * test-only "stall"), the extra kernel words. 0, or -1 with d filled. */
int record_check_words(const struct record_opts *o, struct diag *d);

/* Check every other option and the environment before anything starts:
 * mode, scenario, guest arguments, the guest kernel, the emulator's
 * programs, $TMPDIR and its free space; for --from the run directory.
 * Fills o->guest_path and o->tmpdir. 0, or -1 with d filled. */
int record_check(struct record_opts *o, struct diag *d);

/* Run the emulator (or take o->from), build the trace from the guest's
 * records, verify every fault against the emulator's log and its
 * debugger's stops (under QEMU every walk against its memory), stamp, validate
 * and write o->out atomically. 0, or -1 with d filled (and r->cause when a
 * located error came first). */
int record_run(const struct record_opts *o, struct record_result *r, struct diag *d);

/* The last step of record_run() and linuxrun_run(): validate t (a located
 * error in r->cause), stop if o->stop is set, write o->out atomically,
 * count r->events and r->faults. 0, or -1 with d filled. */
int record_publish(struct trace *t, const struct record_opts *o, struct record_result *r,
		   struct diag *d);

#endif
