/* SPDX-License-Identifier: GPL-2.0-only */
/* guestrec.h - turn our guest's port-0xE9 records into a trace, and check
 * them against the emulator's own exception log (witness.h).
 *
 * Pure parsing: the caller reads the files and passes their text; nothing
 * here opens, runs or prints anything. The record format is
 * docs/guest-protocol.md; what becomes of each record is docs/trace-format.md
 * ("Recording from the guest").
 *
 * Ownership: guestrec_parse() returns a new trace the caller frees with
 * trace_free().
 */
#ifndef PAGEWALK_GUESTREC_H
#define PAGEWALK_GUESTREC_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "trace/trace.h"
#include "record/witness.h"

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

#endif
