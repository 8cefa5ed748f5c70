/* SPDX-License-Identifier: GPL-2.0-only */
/* guestrec.h - turn our guest's port-0xE9 records into a trace, and check
 * them against the emulator's own exception log.
 *
 * Pure parsing: the caller reads the files and passes their text; nothing
 * here opens, runs or prints anything. The record format is
 * docs/guest-protocol.md; what becomes of each record is docs/trace-format.md
 * ("Recording from the guest").
 *
 * Ownership: guestrec_parse() returns a new trace the caller frees with
 * trace_free(); guestrec_witness_*() fill a caller-owned struct witness freed
 * with witness_clear().
 */
#ifndef PAGEWALK_GUESTREC_H
#define PAGEWALK_GUESTREC_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "trace.h"

/* Parse the records in text (len bytes; name is used in messages). Lines
 * that are not records (an emulator's own output mixed in) are skipped.
 * Fails with d filled at the record's line when a record is malformed, the
 * run did not end with "end status=pass", or the records contradict each
 * other. The trace's header gets source, guest-build, arch, scenario and the
 * layout from the "begin" record; the caller fills emulator, command,
 * recorded-at and verified. The trace has its tables snapshot but has not
 * been through trace_validate(). */
struct trace *guestrec_parse(const char *text, size_t len, const char *name,
			     struct diag *d);

/* Count of "fault " records in a partial output (for progress). */
unsigned guestrec_count_faults(const char *text, size_t len);

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
 * Returns 0, or -1 with one sentence in msg naming the first difference. */
int guestrec_verify(const struct trace *t, const struct witness *w, const char *emulator,
		    char *msg, size_t len);

#endif
