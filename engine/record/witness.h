/* SPDX-License-Identifier: GPL-2.0-only */
/* witness.h - the emulator as witness: the page faults QEMU or Bochs logged
 * themselves, and the verify step that checks a recorded trace against
 * them (docs/guest-protocol.md section 6).
 *
 * Two kinds of witness: the emulator's exception log (every #PF it
 * delivered), and its debugger stopped at the guest's #PF entry (the
 * registers there and both walks read from physical memory: QEMU's
 * gdbstub, Bochs's own debugger).
 *
 * Pure parsing: nothing here opens, runs or prints anything. The
 * witness_*() parsers (our guest's recorder and the Linux recorder share
 * them) fill a caller-owned struct witness, freed
 * with witness_clear(). Cost: one pass over each file, O(faults) memory.
 */
#ifndef PAGEWALK_WITNESS_H
#define PAGEWALK_WITNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "trace/trace.h"

/* One exception the emulator itself reported. */
struct witness_pf {
	uint32_t vector, error_code;
	uint64_t cr2;
	uint64_t ip;             /* QEMU: the faulting eip; Bochs: not known (0) */
	uint64_t cr3;            /* QEMU only */
	unsigned cpl;            /* QEMU only */
	int line;                /* in the log */
};

/* One entry of a walk, as the emulator's physical memory held it. */
struct witness_step {
	uint64_t table, entry, value;
	uint32_t index;
	uint8_t level;           /* enum level: LEVEL_PGD, LEVEL_PMD or LEVEL_PTE */
};

/* The machine as the emulator's debugger saw it, stopped at the first
 * instruction of the guest's #PF vector (before the handler ran). */
struct witness_stop {
	uint32_t error_code, cs; /* the words the CPU pushed */
	uint64_t ip, cr2, cr3;
	uint32_t step0, nsteps;  /* the walk from cr3: into steps */
	uint32_t mstep0, nmsteps;/* the walk from the master table */
	int line;                /* in its file */
};

struct witness {
	struct witness_pf *pf;   /* page faults (vector 14) in order */
	size_t n, cap;
	bool has_ip_cr3_cpl;     /* QEMU: ip, cr3 and cpl are known */
	/* the debugger's stops at the #PF entry, when the run had them */
	struct witness_stop *stop;
	size_t nstop, capstop;
	struct witness_step *steps;
	size_t nsteps, capsteps;
	bool has_stops;          /* stops were collected (QEMU gdb, Bochs debugger) */
	bool has_walks;          /* ... with the walks read from memory */
	const char *stop_file;   /* the file the stops came from, for messages */
};

/* Collect the page faults from QEMU's `-d int` log. 0, or -1 (OOM). */
int witness_qemu_log(const char *text, size_t len, struct witness *w);
/* qemu-system-aarch64's -d int log: every data or instruction abort
 * ("Taking exception 4 [Data Abort]", 3 [Prefetch Abort]) as a witness_pf:
 * vector 3 or 4, error_code ESR, cr2 FAR, ip ELR, cpl the EL it came from;
 * cr3 is not logged (0). An abort whose ESR, FAR or ELR line is missing is
 * kept with line set and those fields 0 (the comparison then fails). */
int witness_qemu_arm64_log(const char *text, size_t len, struct witness *w);
/* Collect them from a Bochs 2.7 log with `debug: action=ignore, cpu0=report`:
 * "page fault for address A @ NEXT_EIP" then "exception(0x0e): error_code=E". */
int witness_bochs_log(const char *text, size_t len, struct witness *w);
void witness_clear(struct witness *w);
/* The next line of text from *pos into buf (NUL-terminated, cut to len);
 * false at the end. For the witness parsers. */
bool witness_next_line(const char *text, size_t n, size_t *pos, char *buf, size_t len);

/* ---- witness_stop.c: the debuggers' stops at the fault entry ---- */

/* Collect the debugger's stops from walks.txt, written by
 * guest/walkwitness.py under gdb (QEMU) or guest/bochswitness.py (Bochs's
 * debugger): registers and both walks of each #PF (docs/guest-protocol.md
 * section 6); emulator names it in messages ("QEMU"). 0, or -1 with d set
 * to one sentence (a malformed line, no final "end" line, out of
 * memory). */
int witness_walks(const char *text, size_t len, const char *emulator, struct witness *w,
		  struct diag *d);

/* ---- witness_verify.c ---- */

/* Check every fault of t against w, in order: same count, and for each the
 * vector, error code and cr2 (and ip, cpl, cr3 when the log has them);
 * with stops, the stop's error code, cr2, cr3, eip and cpl and every step
 * of the fault's walk and master walk (level, table, index, entry,
 * value). Returns 0, or -1 with d set (no location) to one sentence
 * naming the first difference. */
int guestrec_verify(const struct trace *t, const struct witness *w, const char *emulator,
		    struct diag *d);
/* The sentence for a trace that passed guestrec_verify() (the header's
 * verified: value) into buf, always NUL-terminated. */
void guestrec_verify_summary(const struct trace *t, const struct witness *w,
			     const char *emulator, char *buf, size_t len);

#endif
