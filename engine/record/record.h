/* SPDX-License-Identifier: GPL-2.0-only */
/* record.h - the recorder: boot the guest under an emulator, turn its
 * records into a verified trace, write it. The group's contract.
 *
 * Two kernels: our guest (guest/, under QEMU or Bochs) and Linux 6.1
 * (the kernels `make linux` builds, under QEMU with the gdb tracer). The
 * caller says which in record_opts.kernel; every entry point below
 * dispatches on it.
 *
 * The group (engine/record/):
 *   record.c     this pipeline: check every option, run, convert, write;
 *                the stamp-validate-publish tail both kernels share
 *   emu.c        one emulator run (QEMU or Bochs): its files, its version
 *   emu_qemu.c   the QEMU run, under gdb (guest/walkwitness.py)
 *   elfsym.c     a symbol's address in the guest ELF (Bochs's breakpoint)
 *   emu_config.c the emulators' configuration, from guest/'s templates
 *   recproc.c    a child process in a scope that catches every descendant
 *   recfile.c    bounded reads of run files, the -o target, atomic write,
 *                run directories (named after their owner; stale ones swept)
 *   guestrec.c   the guest's records -> a trace (pure parsing)
 *   witness.c    the emulator logs' page faults
 *   witness_stop.c  the debuggers' stops at each #PF entry (QEMU: walks)
 *   witness_verify.c  the verify step and the header's verified sentence
 *   linuxtab.c   guest/linux/linux.tab: Linux's modes, variants, scenarios
 *   linuxrun.c   a Linux recording: kernel, init, QEMU under gdb
 *                (guest/linux/trace.py), verify, convert
 *   linuxrec.c   the Linux tracer's records, checked against QEMU's log
 *   linuxtrace.c the Linux records -> a trace
 *
 * Ownership: the caller owns struct record_opts and everything it points
 * to; the engine keeps no state between calls. A run directory is made
 * under $TMPDIR (pagewalk-rec.PID.XXXXXX, pagewalk-linux.PID.XXXXXX: PID
 * is the recorder's) and removed before record_run() returns, on every
 * path, unless keep is set (then its path is in the result); one whose
 * recorder is gone (killed by SIGKILL, say) is removed by the next run.
 * Every process a run starts dies with the recorder: it is the recorder's
 * child with PR_SET_PDEATHSIG, or QEMU under gdb, which exits when gdb's
 * end of its stdio gdbstub closes.
 * Errors: every function returns 0 or -1 with a struct diag filled; the
 * messages are sentences without a "record:" prefix, any outside value in
 * them escaped (text_escape). Nothing here prints.
 * Signals: the engine installs no handler. The caller sets *stop (from its
 * own SIGINT/SIGTERM/SIGHUP handler, installed before record_check());
 * every step polls it and a stopped run cleans up and fails with
 * "interrupted". The calling process must have no other children: the
 * recorder reaps every descendant (waitpid(-1)).
 * Cost: a QEMU run of our guest under gdb takes about 0.3 s, a Bochs run
 * 1-2 s plus 0.2 s for the boot ISO (docs/performance.md), a Linux run
 * about twice the kernel's bare boot (docs/linux.md, make bench);
 * converting reads each run file once (at most
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

/* Which kernel a recording runs. */
enum record_kernel {
	RECORD_GUEST,            /* our guest (guest/), under QEMU or Bochs */
	RECORD_LINUX,            /* Linux 6.1 from the `make linux` cache, under QEMU */
};

struct record_opts {
	enum record_kernel kernel;
	enum emu_kind kind;            /* RECORD_GUEST: QEMU or Bochs (Linux: QEMU) */
	const char *mode, *scenario;   /* checked by record_check_words() */
	const char *out;               /* -o: a regular file or a new path */
	const char *guest;             /* RECORD_GUEST: the guest ELF (unused for Linux) */
	const char *extra;             /* RECORD_GUEST: more kernel command-line words, or NULL */
	const char *from;              /* convert this kept run dir instead (either kernel) */
	double timeout;                /* seconds; 0: the kind's default */
	bool force, keep;
	/* RECORD_LINUX: the learner's program (--program FILE: C source or a
	 * static ELF; NULL for a scenario) and its arguments (linuxprog.h) */
	const char *program;
	char *const *program_args;
	size_t nprogram_args;
	volatile sig_atomic_t *stop;   /* set by the caller's signal handler */
	/* called about 5 times a second while the emulator runs */
	void (*progress)(void *ctx, const struct record_progress *p);
	void *ctx;
	/* filled by record_check() */
	char guest_path[4096];         /* RECORD_GUEST: the guest ELF, absolute;
					* RECORD_LINUX: the kernel's build tree in the
					* cache (build-VARIANT), absolute */
	char tmpdir[4096];             /* $TMPDIR (or /tmp), absolute */
};

/* The most of a program's output a recording keeps (the guest's init cuts
 * there and says how much more there was). */
#define RECORD_OUTPUT_MAX 16384

struct record_result {
	size_t events, faults;
	/* a --program run: what it wrote (stdout and stderr, raw bytes, at
	 * most RECORD_OUTPUT_MAX), how many bytes were cut, how it ended
	 * ("status 0", "signal 11"; "" when it did not end); detail: text to
	 * show before a failure (the compiler's messages), "" none */
	char output[RECORD_OUTPUT_MAX];
	size_t output_len;
	unsigned long long output_cut;
	char program_exit[32];
	/* a --program run: the program's faults in the trace by where they
	 * came from (user mode before main, user mode from main on, kernel
	 * mode on a user address: its system calls), the run's faults in all
	 * (the init's and the boot's too), and what to know about its lines
	 * (an ELF without source or without DWARF; "" nothing) */
	size_t prog_startup, prog_main, prog_kernel, run_faults;
	bool prog_no_main;       /* no main in its symbols: prog_main counts all
				  * its user-mode faults, start-up not told */
	char program_note[1024];
	/* its last fault that ended in SIGSEGV: "segv.c:17 main(), cr2
	 * 0x00000010" ("" none) */
	char program_segv[400];
	char detail[8192];
	char verified[512];      /* the verify sentence */
	char kept[RECORD_DIR_MAX + 64];        /* the run directory when keep was set */
	struct diag cause;       /* a located error behind a failure, or empty */
};

/* The scenarios a recording of our guest can name (NULL-terminated);
 * Linux's are the scenario rows of guest/linux/linux.tab. */
extern const char *const record_scenarios[];

/* Check the -o target: a regular file (only with force) or a new name in
 * an existing directory; never a device, FIFO, directory or symbolic link.
 * 0, or -1 with d filled ("PATH exists (use --force ...)", ...). */
int record_check_target(const struct record_opts *o, struct diag *d);

/* Check the words: mode, scenario (the guest: one of record_scenarios, or
 * the test-only "stall"; Linux: a mode and a scenario row that runs in it),
 * the extra kernel words. 0, or -1 with d filled. */
int record_check_words(const struct record_opts *o, struct diag *d);

/* Check every other option and the environment before anything starts:
 * mode, scenario, guest arguments, the kernel (the guest ELF, or Linux's
 * build in the cache), the programs the run needs, $TMPDIR and its free
 * space; for --from the run directory. Fills o->guest_path and o->tmpdir.
 * 0, or -1 with d filled. */
int record_check(struct record_opts *o, struct diag *d);

/* Run the emulator (or take o->from), build the trace from the guest's
 * records, verify every fault against the emulator's log and its
 * debugger's stops (under QEMU every walk against its memory), stamp, validate
 * and write o->out atomically. 0, or -1 with d filled (and r->cause when a
 * located error came first). */
int record_run(const struct record_opts *o, struct record_result *r, struct diag *d);

/* What the header says about a run beyond what the records hold. */
struct record_stamp {
	const char *emulator;    /* "qemu", "bochs" */
	const char *version;     /* the emulator's version line ("" unknown) */
	const char *command;     /* the emulator's command line, shell-quoted */
	const char *verified;    /* the verify sentence */
};

/* The last step of both kernels' recordings: stamp t's header (s, and
 * recorded-at now), validate t (a located error in r->cause), stop if
 * o->stop is set, write o->out atomically, count r->events and r->faults.
 * 0, or -1 with d filled. */
int record_finish(struct trace *t, const struct record_stamp *s, const struct record_opts *o,
		  struct record_result *r, struct diag *d);

#endif
