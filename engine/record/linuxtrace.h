/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxtrace.h - turn the Linux tracer's records (linuxrec.h) into a
 * pagewalk trace (trace.h).
 *
 * The trace starts at the init's first fault (the first with cpl 3): the
 * faults of the kernel's boot are checked against QEMU with the rest but
 * left out of the trace. Each fault becomes a fault event: its walk is the
 * walk before the handler (real levels; Linux's folded levels are the
 * arch's folded levels), its writes the entries the handler changed, a
 * vmalloc sync's master walk its master walk (the sync's write copies
 * from the master entry). A cr3 not loaded before becomes a switch
 * event. An entry a walk reads with another value than the trace last
 * knew was changed by the kernel between faults (exec, fork, munmap,
 * exit): a map event just before the fault says so, from the last known
 * value to the one read.
 *
 * Routes: each fault's route (fault.h) is named from the deepest handler
 * functions it hit (do_wp_page, do_anonymous_page, do_fault,
 * vmalloc_fault, __bad_area_nosemaphore ...); its call chain (function,
 * file:line, format 3 `calls`) is the chains of those hits, merged. A fault
 * whose hits name no route, or a frame without file:line, fails the build:
 * a trace never guesses.
 *
 * The header's layout (VMALLOC_START, VMALLOC_END, TASK_SIZE, init_mm.pgd)
 * is the kernel's own, from the records' layout line. Fault and switch
 * events carry the task's pid; map and accessed events, changes seen
 * between faults whoever made them, stay the kernel's (pid 0).
 *
 * Ownership: linuxtrace_build() returns a new trace (trace_free) with its
 * tables snapshot; the caller fills emulator, emulator_version, command,
 * recorded_at and verified, then runs trace_validate().
 */
#ifndef PAGEWALK_LINUXTRACE_H
#define PAGEWALK_LINUXTRACE_H

#include "util/diag.h"
#include "record/linuxrec.h"
#include "trace/trace.h"

/* Is fault i of r in the trace: from the first user-mode fault on, and in
 * a --program run (r->program) only the program's, not our init's (the
 * faults in pid 1's address spaces: the program runs from vfork, so
 * nothing it does before execve is in one of its own)? */
bool linuxtrace_keeps(const struct linuxrec *r, size_t i);
/* Did fault f of r come from user mode (x86: cpl 3; arm64: EL0)? */
bool linuxtrace_from_user(const struct linuxrec *r, const struct linuxrec_fault *f);

/* Build the trace of r for scenario (a name, e.g. "vmalloc"). NULL with d
 * filled (named name, at the fault's record line) when r has no user fault,
 * a fault has no route or an unplaced frame, or memory runs out. */
struct trace *linuxtrace_build(const struct linuxrec *r, const char *scenario,
			       const char *name, struct diag *d);

#endif
