/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_guestrec.c - libFuzzer harness for the guest-record parser and the
 * emulator-log witness parsers.
 *
 * Input: text as the recorder reads it from port 0xE9 (or an emulator log).
 * guestrec_parse() either fails with a located, terminal-safe message or
 * returns a trace, which then goes through trace_validate() and, when valid,
 * the canonical writer and back through the trace loader (the recorder's
 * path to disk). The same bytes are read as a QEMU and a Bochs log and as
 * the debuggers' stops (QEMU's walks.txt, Bochs's stdout), and the trace
 * checked against those witnesses.
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "record/guestrec.h"
#include "trace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void roundtrip(const struct trace *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct diag d = { 0 };
	struct trace *back;

	if (!f)
		return;
	if (trace_write(t, f) != 0) {
		fclose(f);
		free(buf);
		return;
	}
	fclose(f);
	back = trace_load_buffer(buf, len, "roundtrip.yaml", &d);
	if (!back) {
		fprintf(stderr, "fuzz: written trace does not load back: %s:%d:%d: %s\n",
			d.path, d.line, d.col, d.msg);
		abort();
	}
	if (back->nevents != t->nevents || back->nentries != t->nentries) {
		fprintf(stderr, "fuzz: written trace loads back different\n");
		abort();
	}
	trace_free(back);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct diag d = { 0 }, vd;
	struct witness wq = { 0 }, wb = { 0 };
	struct trace *t;
	char msg[512];

	(void)guestrec_count_faults(text, size);
	witness_qemu_log(text, size, &wq);
	witness_bochs_log(text, size, &wb);
	/* the same bytes as the debuggers' stops (walks.txt, QEMU's or Bochs's) */
	if (witness_walks(text, size, "QEMU", &wq, &d) != 0)
		fuzz_safe("walks message", d.msg, 0);
	memset(&d, 0, sizeof d);
	if (witness_walks(text, size, "Bochs", &wb, &d) != 0)
		fuzz_safe("walks message", d.msg, 0);
	memset(&d, 0, sizeof d);
	t = guestrec_parse(text, size, "e9.txt", &d);
	if (!t) {
		fuzz_check_diag(&d);
	} else {
		memset(&vd, 0, sizeof vd);
		if (guestrec_verify(t, &wq, "qemu", &vd) != 0)
			fuzz_safe("verify message", vd.msg, 0);
		else
			guestrec_verify_summary(t, &wq, "qemu", msg, sizeof msg);
		memset(&vd, 0, sizeof vd);
		if (guestrec_verify(t, &wb, "bochs", &vd) != 0)
			fuzz_safe("verify message", vd.msg, 0);
		else
			guestrec_verify_summary(t, &wb, "bochs", msg, sizeof msg);
		if (trace_set_text(&t->h.emulator, "qemu") == 0 &&
		    trace_set_text(&t->h.command, "qemu-system-i386 -kernel guest.elf") == 0 &&
		    trace_set_text(&t->h.recorded_at, "2024-01-01T00:00:00Z") == 0 &&
		    trace_set_text(&t->h.verified, "fuzz") == 0) {
			if (trace_validate(t, "e9.txt", &d) == 0)
				roundtrip(t);
			else
				fuzz_check_diag(&d);
		}
		trace_free(t);
	}
	witness_clear(&wq);
	witness_clear(&wb);
	return 0;
}
