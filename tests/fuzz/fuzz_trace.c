/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_trace.c - libFuzzer harness for the trace loader.
 *
 * Input: a trace file's bytes. trace_load_buffer() either rejects it with a
 * located, terminal-safe message, or returns a validated trace whose strings
 * are terminal-safe; then every event is formatted as `dump` prints it, the
 * state cursor visits before/after every event, and every fault's walk is
 * rebuilt from the file and recomputed (what replay does). A loaded trace
 * is also a trace to trace_is_trace(), the decision check and lesson use.
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "trace/trace.h"
#include "trace/trace_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 };
	struct trace *t = trace_load_buffer((const char *)data, size, "fuzz.yaml", &d);
	struct trace_state *st;
	const struct trace_header *h;

	if (!t) {
		fuzz_check_diag(&d);
		return 0;
	}
	/* one decision: what loads as a trace is what every command calls one */
	if (!trace_is_trace((const char *)data, size))
		abort();
	h = &t->h;
	fuzz_safe("source", h->source, 0);
	fuzz_safe("emulator", h->emulator, 0);
	fuzz_safe("emulator-version", h->emulator_version, 0);
	fuzz_safe("command", h->command, 0);
	fuzz_safe("guest-build", h->guest_build, 0);
	fuzz_safe("scenario", h->scenario, 0);
	fuzz_safe("recorded-at", h->recorded_at, 0);
	fuzz_safe("verified", h->verified, 0);
	for (size_t k = 0; k < t->nevents; k++) {
		char line[1024];
		fuzz_safe("note", t->events[k].note, 0);
		trace_event_format(t, k, line, sizeof line);
		fuzz_safe("dump line", line, 0);
	}
	st = trace_state_new(t);
	if (st) {
		/* Bounded: a large trace visits its first 200 events. */
		for (size_t k = 0; k < t->nevents && k < 200; k++) {
			struct walk w;
			trace_state_at(st, k, TRACE_AFTER);
			trace_state_at(st, k, TRACE_BEFORE);
			if (t->events[k].kind == TRACE_FAULT) {
				trace_walk_recorded(t, k, &w);
				trace_walk_recompute(st, k, &w);
			}
		}
		trace_state_free(st);
	}
	trace_free(t);
	return 0;
}
