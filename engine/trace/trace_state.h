/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_state.h - the page tables as a trace shows them at any event.
 *
 * A trace knows a set of page-table entries (trace.entries, with their values
 * before event 1) and every write to them (trace.writes, in event order, each
 * with its old and new value). A struct trace_state is a cursor over that
 * history: trace_state_at() moves it to the state just before or just after
 * any event, forwards or backwards, and offers a struct physmem reading the
 * known entries at their values then (every other byte reads as zero), so
 * walk_run() can walk it.
 *
 * Moving costs O(1) whatever the distance: nothing is copied. Each entry
 * keeps the list of writes to it, so reading an entry (through
 * trace_state_entry or the physmem) is a binary search, O(log writes).
 * The cursor's memory is 4 bytes per write and per known entry.
 *
 * Ownership: trace_state_new() borrows the trace (it must outlive the state)
 * and owns everything else; trace_state_free(NULL) is a no-op. The physmem
 * returned by trace_state_physmem() belongs to the state and changes when it
 * moves.
 */
#ifndef PAGEWALK_TRACE_STATE_H
#define PAGEWALK_TRACE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "paging/physmem.h"
#include "trace/trace.h"
#include "paging/walk.h"

struct trace_state;

enum trace_when {
	TRACE_BEFORE,   /* what the event saw: before its writes */
	TRACE_AFTER,    /* after its writes */
};

/* A cursor positioned before event 0 (the snapshot). t must have passed
 * trace_validate (trace_load does it). NULL when out of memory. */
struct trace_state *trace_state_new(const struct trace *t);
void trace_state_free(struct trace_state *s);

/* Move to the state before or after event k. Returns 0, or -1 when k is out
 * of range (the cursor does not move). */
int trace_state_at(struct trace_state *s, size_t k, enum trace_when when);
/* Number of writes applied at the current position (0 .. trace.nwrites). */
size_t trace_state_pos(const struct trace_state *s);
/* Move to the state after writes[0 .. pos). Returns 0, or -1 when pos >
 * trace.nwrites (the cursor does not move). */
int trace_state_set_pos(struct trace_state *s, size_t pos);
/* Bytes of memory the cursor holds (the trace itself not counted). */
size_t trace_state_bytes(const struct trace_state *s);

/* The memory at the current position: a read-only view (writes to it
 * fail); it follows the cursor as it moves. */
const struct physmem *trace_state_physmem(const struct trace_state *s);
/* The value of the entry at pa now; false when the trace does not know it. */
bool trace_state_entry(const struct trace_state *s, uint64_t pa, uint64_t *value);

/* PAE: the PDPTE registers event k runs with (walk.h): the PDPT entries as
 * memory held them when cr3 was last written - at the latest switch event,
 * or, for a fault whose cr3 is not the one last loaded, just before it.
 * Later writes to the PDPT in memory (QEMU's Accessed bit) do not reach
 * them. false (and *out untouched) on other arches or k out of range. */
bool trace_state_pdptes(const struct trace_state *s, size_t k, struct walk_pdptes *out);

/* Event k's walk recomputed by walk_run_regs() over the state before it, for
 * the event's cr2, cr3, access (from its error code) and, on PAE, its PDPTE
 * registers. Moves the cursor to before event k. Returns 0 when the walk
 * ran (its own result is in *out), -1 when event k is not a fault or k is
 * out of range. */
int trace_walk_recompute(struct trace_state *s, size_t k, struct walk *out);
/* The same access retried over the state after event k's writes (the
 * handler's fix), with the same PDPTE registers: the handler does not
 * write cr3. Moves the cursor to after event k. */
int trace_walk_retry(struct trace_state *s, size_t k, struct walk *out);

/* Does every fault's recomputed walk agree with what the trace recorded?
 * The walk must fault where the recorded one stops with the recorded error
 * code's P and RSVD bits, and a fault the trace says was retried must walk
 * through after its writes (a refault must not). Returns 0, or -1 with d
 * filled at the event (path:line:col: event N: ...). */
int trace_check_walks(const struct trace *t, const char *path, struct diag *d);

#endif
