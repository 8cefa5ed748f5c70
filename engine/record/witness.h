/* SPDX-License-Identifier: GPL-2.0-only */
/* witness.h - the emulator as witness: the page faults QEMU or Bochs logged
 * themselves, and the verify step that checks a recorded trace against
 * them (docs/guest-protocol.md section 6).
 *
 * Pure parsing: nothing here opens, runs or prints anything. The
 * guestrec_witness_*() functions fill a caller-owned struct witness, freed
 * with witness_clear(). Cost: one pass over the log, O(faults) memory.
 */
#ifndef PAGEWALK_WITNESS_H
#define PAGEWALK_WITNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "trace.h"

/* One exception the emulator itself reported. */
struct witness_pf {
	uint32_t vector, error_code;
	uint64_t cr2;
	uint64_t ip;             /* QEMU: the faulting eip; Bochs: not known (0) */
	uint64_t cr3;            /* QEMU only */
	unsigned cpl;            /* QEMU only */
	int line;                /* in the log */
};

struct witness {
	struct witness_pf *pf;   /* page faults (vector 14) in order */
	size_t n, cap;
	bool has_ip_cr3_cpl;     /* QEMU: ip, cr3 and cpl are known */
};

/* Collect the page faults from QEMU's `-d int` log. 0, or -1 (OOM). */
int guestrec_witness_qemu(const char *text, size_t len, struct witness *w);
/* Collect them from a Bochs 2.7 log with `debug: action=ignore, cpu0=report`:
 * "page fault for address A @ NEXT_EIP" then "exception(0x0e): error_code=E". */
int guestrec_witness_bochs(const char *text, size_t len, struct witness *w);
void witness_clear(struct witness *w);

/* Check every fault of t against w, in order: same count, and for each the
 * vector, error code and cr2 (and ip, cpl, cr3 when the witness has them).
 * Returns 0, or -1 with d set (no location) to one sentence naming the first
 * difference. */
int guestrec_verify(const struct trace *t, const struct witness *w, const char *emulator,
		    struct diag *d);
/* The sentence for a trace that passed guestrec_verify() (the header's
 * verified: value) into buf, always NUL-terminated. */
void guestrec_verify_summary(const struct trace *t, const struct witness *w,
			     const char *emulator, char *buf, size_t len);

#endif
