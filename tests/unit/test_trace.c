/* SPDX-License-Identifier: GPL-2.0-only */
/* test_trace.c - the trace model: build, validate, write, load, state at any event. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "trace/trace.h"
#include "trace/trace_state.h"

/* x86-32 2-level: master pgd 0x1000, process pgd 0x2000.
 *  1 fault: user write to 0x08049000, pgd[32] empty -> demand: pte table 0x3000, page 0x4000
 *  2 map:   vmalloc maps 0xd0000000 in the master only: pgd_k[832] -> 0x5000, pte -> 0x6000
 *  3 fault: kernel read of 0xd0000000 through the process pgd -> vmalloc-sync copies pgd_k[832]
 *  4 fault: user read of 0 -> bad-area, SIGSEGV
 *  5 note */
static struct trace *sample(const struct arch *a)
{
	struct trace *t = trace_new(a);
	struct trace_event *e;

	assert_non_null(t);
	assert_int_equal(trace_set_text(&t->h.source, "pagewalk-guest"), 0);
	assert_int_equal(trace_set_text(&t->h.emulator, "qemu"), 0);
	assert_int_equal(trace_set_text(&t->h.emulator_version, "QEMU emulator version 7.2.0"), 0);
	assert_int_equal(trace_set_text(&t->h.command, "qemu-system-i386 -kernel \"g.elf\""), 0);
	assert_int_equal(trace_set_text(&t->h.guest_build, "abc123"), 0);
	assert_int_equal(trace_set_text(&t->h.scenario, "unit\x1b[2J"), 0);
	assert_int_equal(trace_set_text(&t->h.recorded_at, "2025-01-01T00:00:00Z"), 0);
	assert_int_equal(trace_set_text(&t->h.verified, "by hand"), 0);
	t->h.master_pgd = 0x1000;
	t->h.task_size = 0xc0000000;
	t->h.vmalloc_start = 0xc8800000;
	t->h.vmalloc_end = 0xff7fe000;

	e = trace_add_event(t, TRACE_FAULT);
	e->pid = 1; e->vector = 14; e->error_code = 6; e->cr2 = 0x08049000; e->ip = 0x08048010;
	e->cs = 0x1b; e->cpl = 3; e->cr3 = 0x2000; e->path = FAULT_NEW_PAGE;
	e->outcome = TRACE_OUT_RETRIED;
	assert_int_equal(trace_add_step(t, LEVEL_PGD, 0x2000, 32, 0x2080, 0), 0);
	assert_int_equal(trace_add_write(t, 0x2080, 0, 0x3067, TRACE_NO_ADDR), 0);
	assert_int_equal(trace_add_write(t, 0x3124, 0, 0x4067, TRACE_NO_ADDR), 0);
	assert_int_equal(trace_add_frame(t, 0x3000), 0);
	assert_int_equal(trace_add_frame(t, 0x4000), 0);

	e = trace_add_event(t, TRACE_MAP);
	assert_int_equal(trace_set_text(&e->note, "vmalloc"), 0);
	assert_int_equal(trace_add_write(t, 0x1d00, 0, 0x5063, TRACE_NO_ADDR), 0);
	assert_int_equal(trace_add_write(t, 0x5000, 0, 0x6063, TRACE_NO_ADDR), 0);

	e = trace_add_event(t, TRACE_FAULT);
	e->pid = 1; e->vector = 14; e->error_code = 0; e->cr2 = 0xd0000000; e->ip = 0xc0100abc;
	e->cs = 0x08; e->cpl = 0; e->cr3 = 0x2000; e->path = FAULT_VMALLOC_SYNC;
	e->outcome = TRACE_OUT_RETRIED;
	assert_int_equal(trace_add_step(t, LEVEL_PGD, 0x2000, 832, 0x2d00, 0), 0);
	assert_int_equal(trace_add_write(t, 0x2d00, 0, 0x5063, 0x1d00), 0);

	e = trace_add_event(t, TRACE_FAULT);
	e->pid = 1; e->vector = 14; e->error_code = 4; e->cr2 = 0; e->ip = 0x08048020;
	e->cs = 0x1b; e->cpl = 3; e->cr3 = 0x2000; e->path = FAULT_BAD_AREA;
	e->outcome = TRACE_OUT_SIGSEGV;
	assert_int_equal(trace_add_step(t, LEVEL_PGD, 0x2000, 0, 0x2000, 0), 0);

	e = trace_add_event(t, TRACE_NOTE);
	assert_int_equal(trace_set_text(&e->note, "done \"quoted\" \\ back"), 0);
	assert_int_equal(trace_snapshot(t), 0);
	return t;
}

static char *to_text(const struct trace *t, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	assert_int_equal(trace_write(t, f), 0);
	fclose(f);
	return buf;
}

static void test_build_and_validate(void **state)
{
	struct trace *t = sample(arch_get(ARCH_X86_32));
	struct diag d = { 0 };

	(void)state;
	assert_int_equal(trace_validate(t, "mem", &d), 0);
	/* 0x1d00 0x2000 0x2080 0x2d00 0x3124 0x5000 */
	assert_int_equal(t->nentries, 6);
	assert_int_equal(t->entries[0].pa, 0x1d00);
	assert_string_equal(t->h.scenario, "unit\\x1b[2J");
	assert_int_equal(t->events[2].seq, 3);
	assert_int_equal(t->writes[4].entry, 3);
	trace_free(t);
	trace_free(NULL);
}

static void test_round_trip(void **state)
{
	struct trace *t = sample(arch_get(ARCH_X86_32)), *u;
	struct diag d = { 0 };
	size_t len, len2;
	char *a, *b;

	(void)state;
	assert_int_equal(trace_validate(t, "mem", &d), 0);
	a = to_text(t, &len);
	u = trace_load_buffer(a, len, "mem.yaml", &d);
	if (!u)
		fail_msg("%s:%d:%d: %s\n%s", d.path, d.line, d.col, d.msg, a);
	assert_int_equal(u->nevents, t->nevents);
	assert_int_equal(u->nentries, t->nentries);
	assert_int_equal(u->nwrites, t->nwrites);
	assert_int_equal(u->nframes, t->nframes);
	assert_int_equal(u->writes[4].from, 0x1d00);
	assert_int_equal(u->events[3].outcome, TRACE_OUT_SIGSEGV);
	assert_int_equal(u->events[2].path, FAULT_VMALLOC_SYNC);
	assert_string_equal(u->events[4].note, "done \"quoted\" \\ back");
	assert_string_equal(u->h.command, t->h.command);
	assert_ptr_equal(u->h.arch, t->h.arch);
	b = to_text(u, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(a, b, len);
	free(a);
	free(b);
	trace_free(t);
	trace_free(u);
}

/* A program given as an ELF without its source (format 5): its lines are
 * those of the source-file its DWARF named; the trace says so, holds no
 * text, reads back the same, and names the fault "prog.c:17 main()"
 * (the file's name, not the ELF's); no line text is made up. */
static void test_program_source_file(void **state)
{
	struct trace *t = sample(arch_get(ARCH_X86_32)), *u;
	struct diag d = { 0 };
	const char *args[] = { "one" };
	char place[64], line[64];
	size_t len;
	char *a;

	(void)state;
	assert_int_equal(trace_set_program_file(t, "prog.c"), -1);   /* no program yet */
	assert_int_equal(trace_set_program(t, "a.out", "0123456789abcdef0123456789abcdef"
					   "0123456789abcdef0123456789abcdef", NULL, args, 1,
					   "status 0"), 0);
	assert_int_equal(trace_set_program_file(t, "prog.c"), 0);
	assert_int_equal(trace_set_event_program(t, 0, "main", 17, false, NULL), 0);
	a = to_text(t, &len);
	assert_non_null(strstr(a, "    source-file: \"prog.c\"\n"));
	assert_null(strstr(a, "    source: "));
	u = trace_load_buffer(a, len, "mem.yaml", &d);
	if (!u)
		fail_msg("%s:%d:%d: %s\n%s", d.path, d.line, d.col, d.msg, a);
	assert_string_equal(u->h.program->source_file, "prog.c");
	assert_null(u->h.program->source);
	assert_string_equal(trace_program_file(u->h.program), "prog.c");
	trace_event_place(u, &u->events[0], place, sizeof place);
	assert_string_equal(place, "prog.c:17 main()");
	assert_false(trace_program_line(u->h.program, 17, line, sizeof line));
	free(a);
	trace_free(t);
	trace_free(u);
}

/* Calls (format 3): a trace with a call chain writes version 3 and reads
 * back the same chain; one without writes version 2 (older readers read
 * it); `dump` names the chain down to its deepest frame. */
static void test_calls(void **state)
{
	struct trace *t = sample(arch_get(ARCH_X86_32)), *u;
	struct diag d = { 0 };
	char line[1024], *a;
	size_t len;

	(void)state;
	a = to_text(t, &len);
	assert_non_null(strstr(a, "pagewalk-trace: 2\n"));
	free(a);
	/* event 1 (index 0) is a fault: give it a chain */
	assert_int_equal(trace_set_text(&t->h.kernel_source, "linux-source-6.1 6.1.192-3"), 0);
	t->nevents = 1;    /* trace_add_call appends to the last event */
	assert_int_equal(trace_add_call(t, "exc_page_fault", "arch/x86/mm/fault.c", 1482, 0), 0);
	assert_int_equal(trace_add_call(t, "do_user_addr_fault", "arch/x86/mm/fault.c", 1338, 1), 0);
	assert_int_equal(trace_add_call(t, "handle_mm_fault", "mm/memory.c", 5293, 2), 0);
	assert_int_equal(trace_add_call(t, "do_user_addr_fault", "arch/x86/mm/fault.c", 1340, 1), 0);
	for (size_t i = 1; i < 5; i++)
		t->events[i].call0 = 4;
	t->nevents = 5;
	assert_int_equal(trace_validate(t, "mem", &d), 0);
	a = to_text(t, &len);
	/* a real kernel's trace names its bad_area fault bad_area_nosemaphore,
	 * Linux 6.1's function: version 4 */
	assert_non_null(strstr(a, "pagewalk-trace: 4\n"));
	assert_non_null(strstr(a, "path: bad_area_nosemaphore\n"));
	assert_non_null(strstr(a, "{fn: handle_mm_fault, at: \"mm/memory.c:5293\", depth: 2}"));
	u = trace_load_buffer(a, len, "mem.yaml", &d);
	if (!u)
		fail_msg("%s:%d:%d: %s\n%s", d.path, d.line, d.col, d.msg, a);
	assert_int_equal(u->ncalls, 4);
	assert_int_equal(u->events[0].ncalls, 4);
	assert_string_equal(u->calls[2].file, "mm/memory.c");
	assert_int_equal(u->calls[2].line, 5293);
	assert_int_equal(u->calls[3].depth, 1);
	assert_string_equal(u->h.kernel_source, "linux-source-6.1 6.1.192-3");
	/* the deepest frame is handle_mm_fault; the chain to it skips nothing */
	trace_event_format(u, 0, line, sizeof line);
	assert_non_null(strstr(line, "via exc_page_fault > do_user_addr_fault > handle_mm_fault "
				     "(mm/memory.c:5293)"));
	free(a);
	trace_free(u);
	/* a chain that jumps two levels down is refused */
	t->calls[2].depth = 3;
	assert_int_equal(trace_validate(t, "mem", &d), -1);
	assert_non_null(strstr(d.msg, "depth goes down more than one level"));
	trace_free(t);
	assert_int_equal(trace_call_parse_at("mm/memory.c:0", line, sizeof line, &(uint32_t){ 0 }), -1);
	assert_int_equal(trace_call_parse_at("/etc/passwd:1", line, sizeof line, &(uint32_t){ 0 }), -1);
	assert_int_equal(trace_call_parse_at("mm/../x.c:1", line, sizeof line, &(uint32_t){ 0 }), -1);
	assert_int_equal(trace_call_parse_at("mm/memory.c:12a", line, sizeof line, &(uint32_t){ 0 }), -1);
	assert_int_equal(trace_call_parse_at("mm/memory.c:12", line, sizeof line, &(uint32_t){ 0 }), 0);
}

/* Change one thing in a valid trace: trace_validate must reject it with
 * a message containing want. */
struct spoil {
	const char *name;
	void (*apply)(struct trace *);
	const char *want;
};

static void sp_walk_value(struct trace *t) { t->steps[1].value = 0x3067; }
static void sp_index(struct trace *t) { t->steps[0].index = 33; t->steps[0].entry_pa = 0x2084; }
static void sp_seq(struct trace *t) { t->events[3].seq = 2; }
static void sp_old(struct trace *t) { t->writes[1].old_value = 5; }
static void sp_sync(struct trace *t) { t->writes[4].new_value = 0x5067; }
static void sp_table(struct trace *t) { t->steps[1].table = 0x3000; t->steps[1].entry_pa = 0x3d00; }
static void sp_user(struct trace *t) { t->events[0].cpl = 0; t->events[0].cs = 8; }
static void sp_vmpath(struct trace *t) { t->events[2].error_code = 1; }
static void sp_outcome(struct trace *t) { t->events[3].outcome = TRACE_OUT_RETRIED; }
static void sp_present(struct trace *t) { t->events[0].error_code = 7; }

static const struct spoil spoils[] = {
	{ "walk value", sp_walk_value, "but the entry holds" },
	{ "index", sp_index, "does not match cr2" },
	{ "seq", sp_seq, "must be in order" },
	{ "old", sp_old, "old value 0x5" },
	{ "sync", sp_sync, "not the master entry" },
	{ "table", sp_table, "not where the walk leads" },
	{ "user", sp_user, "U=1 but cpl is 0" },
	{ "vmalloc path", sp_vmpath, "vmalloc path only" },
	{ "outcome", sp_outcome, "ends in sigsegv" },
	{ "present", sp_present, "protection violation" },
};

static void test_validate_rejects(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof spoils / sizeof spoils[0]; i++) {
		struct trace *t = sample(arch_get(ARCH_X86_32));
		struct diag d = { 0 };
		spoils[i].apply(t);
		if (trace_validate(t, "mem", &d) == 0)
			fail_msg("%s: accepted", spoils[i].name);
		if (!strstr(d.msg, spoils[i].want))
			fail_msg("%s: message \"%s\" lacks \"%s\"", spoils[i].name, d.msg, spoils[i].want);
		trace_free(t);
	}
}

static void test_state_moves(void **state)
{
	struct trace *t = sample(arch_get(ARCH_X86_32));
	struct trace_state *s;
	struct diag d = { 0 };
	uint64_t v;

	(void)state;
	assert_int_equal(trace_validate(t, "mem", &d), 0);
	s = trace_state_new(t);
	assert_non_null(s);
	assert_true(trace_state_entry(s, 0x2d00, &v));
	assert_int_equal(v, 0);
	assert_false(trace_state_entry(s, 0x2d04, &v));
	assert_int_equal(trace_state_at(s, 2, TRACE_AFTER), 0);
	assert_true(trace_state_entry(s, 0x2d00, &v));
	assert_int_equal(v, 0x5063);
	assert_int_equal(physmem_read(trace_state_physmem(s), 0x2d00, 4), 0x5063);
	assert_int_equal(trace_state_at(s, 0, TRACE_BEFORE), 0);
	assert_int_equal(physmem_read(trace_state_physmem(s), 0x2d00, 4), 0);
	assert_int_equal(physmem_read(trace_state_physmem(s), 0x2080, 4), 0);
	assert_int_equal(trace_state_at(s, 0, TRACE_AFTER), 0);
	assert_int_equal(physmem_read(trace_state_physmem(s), 0x2080, 4), 0x3067);
	assert_int_equal(trace_state_pos(s), 2);
	assert_int_equal(trace_state_at(s, 5, TRACE_BEFORE), -1);
	trace_state_free(s);
	trace_state_free(NULL);
	trace_free(t);
}

/* The recorded walk and walk_run over the state before each fault agree. */
static void test_walks_agree(void **state)
{
	struct trace *t = sample(arch_get(ARCH_X86_32));
	struct trace_state *s;
	struct diag d = { 0 };

	(void)state;
	assert_int_equal(trace_validate(t, "mem", &d), 0);
	s = trace_state_new(t);
	for (size_t k = 0; k < t->nevents; k++) {
		struct walk rec, run;
		if (t->events[k].kind != TRACE_FAULT) {
			assert_int_equal(trace_walk_recorded(t, k, &rec), -1);
			continue;
		}
		assert_int_equal(trace_walk_recorded(t, k, &rec), 0);
		assert_int_equal(trace_walk_recompute(s, k, &run), 0);
		assert_int_equal(rec.nsteps, run.nsteps);
		assert_int_equal(rec.status, run.status);
		for (int i = 0; i < rec.nsteps; i++) {
			assert_int_equal(rec.step[i].entry_pa, run.step[i].entry_pa);
			assert_int_equal(rec.step[i].entry, run.step[i].entry);
			assert_int_equal(rec.step[i].folded, run.step[i].folded);
		}
	}
	trace_state_free(s);
	trace_free(t);
}

/* Many writes to few entries: seeking anywhere in any order gives
 * the same state as replaying from the start. */
static void test_state_checkpoints(void **state)
{
	const struct arch *a = arch_get(ARCH_X86_32_PAE);
	struct trace *t = trace_new(a);
	struct trace_state *s;
	struct diag d = { 0 };
	uint64_t vals[16] = { 0 };
	enum { N = 3000 };
	static uint64_t expect[N][16];

	(void)state;
	trace_set_text(&t->h.source, "test");
	trace_set_text(&t->h.emulator, "none");
	trace_set_text(&t->h.emulator_version, "none");
	trace_set_text(&t->h.command, "none");
	trace_set_text(&t->h.guest_build, "none");
	trace_set_text(&t->h.scenario, "many");
	trace_set_text(&t->h.recorded_at, "now");
	trace_set_text(&t->h.verified, "no");
	for (int k = 0; k < N; k++) {
		struct trace_event *e = trace_add_event(t, TRACE_MAP);
		unsigned i = (unsigned)(k * 7) % 16;
		uint64_t nv = ((uint64_t)k << 12) | 0x63;
		assert_non_null(e);
		trace_add_write(t, 0x10000 + i * 8, vals[i], nv, TRACE_NO_ADDR);
		vals[i] = nv;
		memcpy(expect[k], vals, sizeof vals);
	}
	assert_int_equal(trace_snapshot(t), 0);
	assert_int_equal(trace_validate(t, "mem", &d), 0);
	s = trace_state_new(t);
	assert_non_null(s);
	for (int r = 0; r < 200; r++) {
		size_t k = (size_t)(r * 7919) % N;
		assert_int_equal(trace_state_at(s, k, TRACE_AFTER), 0);
		for (unsigned i = 0; i < 16; i++)
			assert_int_equal(physmem_read(trace_state_physmem(s), 0x10000 + i * 8, 8),
					 expect[k][i]);
	}
	trace_state_free(s);
	trace_free(t);
}

static void test_load_errors(void **state)
{
	static const struct { const char *text; const char *want; } cases[] = {
		{ "", "1:1: empty file" },
		{ "pagewalk-trace: 6\n", "1:17: unknown trace version 6" },
		{ "header: {}\n", "1:1: not a pagewalk trace" },
		{ "pagewalk-trace: 1\nevents: []\n", "2:1: \"header\" must come before \"events\"" },
		{ "pagewalk-trace: 1\nend: 0\n", "2:1: \"header\" must come before \"end\"" },
		{ "pagewalk-trace: 1\nheader: &a {}\n", "anchors" },
		{ "pagewalk-trace: 1\nheader: {source: \"x\n", "not valid YAML" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag d = { 0 };
		char buf[1200];
		struct trace *t = trace_load_buffer(cases[i].text, strlen(cases[i].text), "x.yaml", &d);
		assert_null(t);
		diag_format(&d, buf, sizeof buf);
		if (!strstr(buf, cases[i].want))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, buf, cases[i].want);
	}
}

/* PTI's kernel half (user-top, format 5): a fault's items load with their
 * places, come back the same from trace_write, group into rows (a run of
 * entries one copy holds alone is one row) and count; the loader refuses
 * each broken item at its line and column. */
static void test_user_top(void **state)
{
	static const char path[] = "tests/fuzz/corpus/trace/linux-v5-pti.yaml";
	static const char item[] = "      - {index: 402, kernel: 0x0000000000100067}\n";
	static const struct { const char *with, *want; } bad[] = {
		{ "      - {index: 255, kernel: 0x1}\n", "x.yaml:76:9: user-top: index 255 is not in the "
		  "kernel half (256 to 511)" },
		{ "      - {index: 512, kernel: 0x1}\n", "x.yaml:76:17: index: 0x200 is out of range" },
		{ "      - {index: 273, kernel: 0x1}\n", "x.yaml:76:9: user-top: index 273 given twice" },
		{ "      - {index: 260, kernel: 0x1}\n", "x.yaml:76:9: user-top: index 260 after 273: "
		  "the indices must increase" },
		{ "      - {index: 402}\n", "x.yaml:76:9: user-top: index 402 needs \"kernel\", "
		  "\"user\" or both" },
		{ "      - {index: 402, kernel: 0}\n", "x.yaml:76:30: user-top: kernel 0: a copy without" },
		{ "      - {user: 0x1}\n", "x.yaml:76:9: a user-top item needs \"index\"" },
		{ "      - {index: 402, user: 0x1, pgd: 0x1}\n", "x.yaml:76:33: user-top item: unknown "
		  "key \"pgd\"" },
		{ "      - [402, 0x1]\n", "x.yaml:76:9: user-top: expected a map {index: N" },
	};
	struct diag d = { 0 };
	struct trace *t = trace_load(path, &d), *u;
	struct trace_top_row rows[8];
	struct trace_top_count c;
	const struct trace_event *ev = NULL;
	char *text, *file, *at, buf[1200];
	size_t len;

	(void)state;
	if (!t)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	for (size_t k = 0; k < t->nevents && !ev; k++)
		if (t->events[k].x && t->events[k].x->ntops)
			ev = &t->events[k];
	assert_non_null(ev);
	assert_int_equal(ev->x->ntops, 5);
	assert_int_equal(ev->x->tops[4].index, 511);
	assert_int_equal(ev->x->tops[4].kernel, 0x1821067);
	assert_int_equal(ev->x->tops[4].user, 0x141063);
	assert_int_equal(ev->x->tops[0].user, 0);
	assert_int_equal(ev->x->tops[0].line, 75);
	assert_int_equal(ev->x->tops[0].col, 9);
	/* 273 alone, 402..403 a run of the kernel copy's, 508 shared, 511 the user's own */
	assert_int_equal(trace_top_rows(ev, rows, 8), 4);
	assert_int_equal(trace_top_rows(ev, NULL, 0), 4);
	assert_int_equal(rows[1].first, 402);
	assert_int_equal(rows[1].last, 403);
	assert_int_equal(rows[1].kind, TOP_KERNEL_ONLY);
	assert_int_equal(rows[2].kind, TOP_SAME);
	assert_int_equal(rows[3].kind, TOP_DIFFER);
	trace_top_count(t, ev, &c);
	assert_int_equal(c.kernel_only, 3);
	assert_int_equal(c.kernel_vmalloc, 2);   /* 402 and 403: 0xffffc9..., 0xffffc98... */
	assert_int_equal(c.same, 1);
	assert_int_equal(c.differ, 1);
	assert_int_equal(trace_top_addr(t, 508), 0xfffffe0000000000ull);   /* CPU_ENTRY_AREA_BASE */
	/* written and loaded back: the same items */
	text = to_text(t, &len);
	u = trace_load_buffer(text, len, "w.yaml", &d);
	assert_non_null(u);
	for (size_t k = 0; k < t->nevents; k++) {
		const struct trace_event *a = &t->events[k], *b = &u->events[k];
		assert_int_equal(a->x && a->x->ntops ? a->x->ntops : 0,
				 b->x && b->x->ntops ? b->x->ntops : 0);
		for (uint32_t i = 0; a->x && i < a->x->ntops; i++) {
			assert_int_equal(a->x->tops[i].index, b->x->tops[i].index);
			assert_int_equal(a->x->tops[i].kernel, b->x->tops[i].kernel);
			assert_int_equal(a->x->tops[i].user, b->x->tops[i].user);
		}
	}
	trace_free(u);
	free(text);
	trace_free(t);
	/* each broken item in place of the second (line 76) */
	{
		FILE *f = fopen(path, "rb");
		assert_non_null(f);
		file = calloc(1, 1 << 16);
		assert_non_null(file);
		len = fread(file, 1, (1 << 16) - 1, f);
		fclose(f);
	}
	at = strstr(file, item);
	assert_non_null(at);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *m = malloc(len + 200);
		size_t head = (size_t)(at - file);
		assert_non_null(m);
		memcpy(m, file, head);
		strcpy(m + head, bad[i].with);
		strcat(m + head, at + strlen(item));
		d = (struct diag){ 0 };
		t = trace_load_buffer(m, strlen(m), "x.yaml", &d);
		assert_null(t);
		diag_format(&d, buf, sizeof buf);
		if (!strstr(buf, bad[i].want))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, buf, bad[i].want);
		free(m);
	}
	free(file);
}

/* Every shipped trace: writing it back gives the same bytes, and walk_run
 * over the state before each fault walks the same entries it recorded. */
static void test_shipped_traces(void **state)
{
	const char *names[] = { "demand", "vmalloc", "protection", "all" };
	const char *modes[] = { "2level", "pae" }, *emus[] = { "qemu", "bochs" };
	int seen = 0;

	(void)state;
	for (int i = 0; i < 4; i++)
		for (int m = 0; m < 2; m++)
			for (int e = 0; e < 2; e++) {
				char path[256], *text, *file;
				size_t len, flen;
				struct diag d = { 0 };
				struct trace *t;
				struct trace_state *s;
				FILE *f;
				snprintf(path, sizeof path, "traces/%s-%s-%s.yaml", names[i], modes[m], emus[e]);
				t = trace_load(path, &d);
				if (!t)
					fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
				seen++;
				text = to_text(t, &len);
				f = fopen(path, "rb");
				assert_non_null(f);
				file = malloc(len + 1);
				flen = fread(file, 1, len + 1, f);
				fclose(f);
				assert_int_equal(flen, len);
				assert_memory_equal(file, text, len);
				s = trace_state_new(t);
				assert_non_null(s);
				for (size_t k = 0; k < t->nevents; k++) {
					struct walk rec, run;
					if (t->events[k].kind != TRACE_FAULT)
						continue;
					assert_int_equal(trace_walk_recorded(t, k, &rec), 0);
					assert_int_equal(trace_walk_recompute(s, k, &run), 0);
					/* QEMU sets A in the PAE PDPT entries it walks, a bit the
					 * architecture reserves there; the walk starts from the
					 * PDPTE registers loaded at the switch, before that. */
					assert_int_equal(run.status != WALK_OK, 1);
					if (rec.nsteps != run.nsteps)
						fail_msg("%s event %llu: %d steps recorded, walk_run %d (%s)", path,
							 (unsigned long long)t->events[k].seq, rec.nsteps,
							 run.nsteps, run.reason);
					for (int j = 0; j < rec.nsteps; j++) {
						uint64_t want = rec.step[j].entry;
						assert_int_equal(rec.step[j].entry_pa, run.step[j].entry_pa);
						if (t->h.arch->id == ARCH_X86_32_PAE &&
						    run.step[j].entry_pa == run.step[0].entry_pa && e == 0)
							want &= ~PTE_A;
						assert_int_equal(want, run.step[j].entry);
					}
					/* the CPU's own error code for the walk */
					if (run.status != WALK_OK &&
					    run.error_code != t->events[k].error_code)
						fail_msg("%s event %llu: walk_run says error code 0x%x (%s), "
							 "the CPU said 0x%x", path,
							 (unsigned long long)t->events[k].seq, run.error_code,
							 run.reason, t->events[k].error_code);
				}
				trace_state_free(s);
				free(text);
				free(file);
				trace_free(t);
			}
	assert_int_equal(seen, 16);
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(trace_kind_parse("switch"), TRACE_SWITCH);
	assert_int_equal(trace_kind_parse("nope"), -1);
	assert_int_equal(fault_path_parse(fault_path_name(FAULT_OOPS)), FAULT_OOPS);
	assert_int_equal(trace_outcome_parse("retried"), TRACE_OUT_RETRIED);
	assert_int_equal(trace_outcome_parse(""), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_and_validate),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_program_source_file),
		cmocka_unit_test(test_calls),
		cmocka_unit_test(test_validate_rejects),
		cmocka_unit_test(test_state_moves),
		cmocka_unit_test(test_walks_agree),
		cmocka_unit_test(test_state_checkpoints),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_user_top),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_shipped_traces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
