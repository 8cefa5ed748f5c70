/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxrec.h - read the records of pagewalk's Linux tracer and check them
 * against QEMU's own exception log.
 *
 * guest/linux/trace.py (gdb against QEMU's gdbstub) writes one line per
 * fact: each page fault's registers, its walk before and after the handler
 * (folded levels as such), the entries the handler wrote, the handler
 * functions hit with their call chains as function names and file:line.
 * The format is docs/linux.md ("Records"). Nothing here assumes 32-bit
 * addresses or our guest's layout.
 *
 * Pure parsing: the caller reads the files and passes their text; nothing
 * here opens, runs or prints anything.
 *
 * Ownership: linuxrec_parse() returns a new struct linuxrec the caller
 * frees with linuxrec_free() (NULL is a no-op); it owns every array and
 * string it points to.
 */
#ifndef PAGEWALK_LINUXREC_H
#define PAGEWALK_LINUXREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "record/witness.h"

/* Linux's level names, from the top. */
enum linuxrec_level { LX_PGD, LX_P4D, LX_PUD, LX_PMD, LX_PTE, LX_LEVELS };
/* Which walk a step belongs to. */
enum linuxrec_when { LX_BEFORE, LX_AFTER, LX_MASTER, LX_USER };

struct linuxrec_step {
	uint8_t when;            /* enum linuxrec_when */
	uint8_t level;           /* enum linuxrec_level */
	bool folded;             /* a folded level: no table, no entry */
	uint64_t table, pa, value;
	uint32_t index;
};

/* An entry the handler wrote, as a watchpoint caught it: its level and
 * index, old and new value, and the stop (hit) whose chain wrote it. Or
 * known: an entry the walk after the handler read under a table the
 * handler linked, that no write changed (its value, old not recorded). */
struct linuxrec_write {
	uint64_t pa, old_value, new_value;
	bool known;
	uint8_t level;           /* enum linuxrec_level (not for known) */
	uint32_t index;
	uint32_t hit;            /* index into linuxrec.hits (not for known) */
};

/* One frame of a call chain: "handle_mm_fault", "mm/memory.c:5293"; line 0
 * ("FILE:0") when no line can be lit, why saying why (or, with a line,
 * how it was found; NULL when nothing to say). */
struct linuxrec_frame {
	char *fn;
	char *at;
	char *why;
};

/* A stop inside the fault with its chain (outermost first: exc_page_fault
 * ... the writing instruction's function, or the route function): a route
 * breakpoint (fn, the function), or a write watchpoint (fn NULL; the write
 * points back at it). */
struct linuxrec_hit {
	char *fn;
	int32_t si_code;         /* arm64_force_sig_fault's si_code; -1 when none */
	uint32_t frame0, nframes;
};

/* PTI: one entry of the kernel half (pgd[256..511]) of a user-mode
 * fault's two copies of the top table, as read at its entry ("top"
 * record): index and both raw values, 0 where that copy has none. */
struct linuxrec_top {
	uint32_t index;
	uint64_t kernel, user;
};

struct linuxrec_fault {
	uint64_t seq, cr2, cr3, cr4, ip;
	uint32_t pid;            /* current_task->pid when the fault came in */
	uint32_t error_code, cs, cpl;
	/* arm64 ("far=" records): cr2 is FAR_EL1, error_code ESR_EL1, ip the
	 * ELR (regs->pc), cpl the exception level taken from (0 user, 1
	 * kernel), cr3 the base register that translated FAR (ttbr: 0 or 1),
	 * cr4 TCR_EL1; cs is 0 */
	uint32_t ttbr;
	uint64_t ttbr0, ttbr1;
	bool finished;           /* the handler was seen to finish */
	bool closed;             /* its "end" or "unfinished" record was read */
	int line;                /* of the "fault" record */
	/* a kernel-mode fault on a user address in a --program run: the
	 * system call the task was in ("syscall" record), "" when none */
	char syscall[32];
	uint64_t syscall_ip;     /* the user instruction after the call */
	uint32_t step0, nsteps, write0, nwrites, hit0, nhits;
	uint32_t top0, ntops;    /* PTI: its "top" records (r->tops) */
};

/* A TLB flush the tracer saw (flush_tlb_mm_range): after the first
 * `after` faults had come in, inside fault `fault` (0: none), by task
 * pid, of [start, end) (end UINT64_MAX: all); via its callers' function
 * names, outermost first, joined by " > " (NULL when none).
 * Or (fn[0] set: a "cr3" record, x86) a cr3 write by function fn, which
 * loaded new_cr3 over old_cr3: a full flush of the non-global entries. The
 * array is in the order things happened: a cr3 write came after the first
 * `flushes` flush_tlb_mm_range records (its record says so). */
struct linuxrec_flush {
	uint64_t after, fault, start, end;
	uint32_t pid;
	char *via;
	int line;
	char fn[40];
	uint64_t old_cr3, new_cr3;
};

/* The kernel's layout, as its own macros said at boot (our driver's
 * console line). vmalloc_end is exclusive here: x86-64's VMALLOC_END (the
 * area's last byte) plus one, x86-32's as it is. */
struct linuxrec_layout {
	uint64_t vmalloc_start, vmalloc_end, task_size;
	uint64_t master_pgd;     /* __pa(init_mm.pgd) */
};

/* A --program run: a task of the program entered main after `after`
 * faults had come in ("main" record). */
struct linuxrec_main {
	uint32_t pid;
	uint64_t after;
};

struct linuxrec {
	char mode[16];           /* "2level", "pae", "4level", "5level", "arm64-4k-39" ... */
	bool arm64;              /* an arm64 mode: far/esr records, the log's aborts */
	char *kernel;            /* "Linux version 6.1.192 ..." */
	uint64_t master_pa;      /* swapper_pg_dir's symbol, as a physical address */
	bool has_master;         /* (i386 kernels: a "master" record) */
	/* page-table isolation on (a "pti" record): a user-mode fault's
	 * registers are the kernel copy's (cr3 without bit 12), QEMU logs the
	 * user copy's cr3 (with it), and the tracer walked both copies */
	bool pti;
	char *source_package;    /* "linux-source-6.1" */
	char *source_version;    /* "6.1.192-3" (Debian's version) */
	char *variant;           /* build variant: "2level", "pae", "x86_64" */
	char *config_key;        /* its pagewalk.key (guest/linux/build.sh) */
	struct linuxrec_layout layout;
	bool has_layout;
	unsigned duplicate_stops;
	struct linuxrec_fault *faults;
	size_t nfaults;
	struct linuxrec_step *steps;
	size_t nsteps;
	struct linuxrec_write *writes;
	size_t nwrites;
	struct linuxrec_hit *hits;
	size_t nhits;
	struct linuxrec_frame *frames;
	size_t nframes;
	struct linuxrec_flush *flushes;
	size_t nflushes;
	struct linuxrec_main *mains;
	size_t nmains;
	struct linuxrec_top *tops;
	size_t ntops;
	bool program;            /* a --program run: the trace keeps only its faults */
};

/* Parse the records in text (len bytes; name is used in messages). Fails
 * with d filled ("name:line:col: message") on an unknown or malformed
 * record (a fault without a pid), a record out of place, a run without its
 * kernel record, or one that did not end with its "end faults=N" line (N
 * must match). */
struct linuxrec *linuxrec_parse(const char *text, size_t len, const char *name,
				struct diag *d);
void linuxrec_free(struct linuxrec *r);

/* The console (QEMU's serial log) of the run: its one "pagewalk: layout"
 * line (our driver's) into r->layout, checked for its mode's form and
 * against the master record; and the init's "pagewalk: end" marker. 0, or
 * -1 with d holding one sentence. */
int linuxrec_console(struct linuxrec *r, const char *text, size_t len, struct diag *d);

/* What the kernel was built from (the run's params.txt): source is
 * "PACKAGE VERSION", variant and key its build variant and pagewalk.key.
 * 0, or -1 with d (one missing, or out of memory). */
int linuxrec_set_build(struct linuxrec *r, const char *source, const char *variant,
		       const char *key, struct diag *d);

/* Check every fault of r against QEMU's log w (witness_qemu_log), one
 * to one and in order: vector 14, error code, cr2, ip, cpl and cr3. Also
 * fails when a fault never finished. Returns 0, or -1 with d holding one
 * sentence (no location) naming the first difference. */
int linuxrec_verify(const struct linuxrec *r, const struct witness *w, struct diag *d);
/* The sentence for records that passed linuxrec_verify() (the trace
 * header's `verified:`), into buf. */
void linuxrec_verify_summary(const struct linuxrec *r, const struct witness *w, char *buf,
			     size_t len);

/* The name of level l ("pgd" ... "pte"); -1 from parse when unknown. */
const char *linuxrec_level_name(enum linuxrec_level l);
int linuxrec_level_parse(const char *s);

#endif
