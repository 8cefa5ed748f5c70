/* SPDX-License-Identifier: GPL-2.0-only */
/* test_trace_state.c - the trace cursor against a naive replay from the start.
 *
 * A generated trace with thousands of known entries and writes (some entries
 * written once, some only at the end, one written very often, events with
 * no writes): the cursor is moved to random events, forwards and backwards, before and
 * after, and every entry it shows (trace_state_entry, physmem reads of
 * entries, of bytes straddling entries and of gaps) must equal what applying
 * writes[0 .. pos) to the snapshot gives. */
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

enum { NENT = 3000, NEV = 6000, HOT = 17 };

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Entries at base + 3 slots apart (two unknown slots between neighbours),
 * crossing many pages. */
static uint64_t entry_pa(const struct arch *a, unsigned e)
{
	return 0x200000 + (uint64_t)e * 3 * a->entry_size;
}

static struct trace *generate(const struct arch *a)
{
	struct trace *t = trace_new(a);
	uint64_t *vals = calloc(NENT, sizeof *vals);
	uint64_t mask = a->entry_size == 8 ? UINT64_MAX : 0xffffffffu;
	struct diag d = { 0 };

	assert_non_null(t);
	assert_non_null(vals);
	trace_set_text(&t->h.source, "test");
	trace_set_text(&t->h.emulator, "none");
	trace_set_text(&t->h.emulator_version, "none");
	trace_set_text(&t->h.command, "none");
	trace_set_text(&t->h.guest_build, "none");
	trace_set_text(&t->h.scenario, "many");
	trace_set_text(&t->h.recorded_at, "now");
	trace_set_text(&t->h.verified, "no");
	for (unsigned k = 0; k < NEV; k++) {
		unsigned nw = (unsigned)(next() % 4);   /* 0..3 writes */
		struct trace_event *ev = trace_add_event(t, nw ? TRACE_MAP : TRACE_NOTE);
		assert_non_null(ev);
		if (!nw)
			assert_int_equal(trace_set_text(&ev->note, "nothing written"), 0);
		for (unsigned j = 0; j < nw; j++) {
			/* a third of the writes go to one hot entry; entries
			 * NENT-100.. only in the last event */
			unsigned e = next() % 3 == 0 ? HOT : (unsigned)(next() % (NENT - 100));
			uint64_t nv = (next() & mask & ~UINT64_C(0xfff)) | 0x67 | (k & 0xf00);
			if (nv == vals[e])
				nv ^= 0x1000;
			assert_int_equal(trace_add_write(t, entry_pa(a, e), vals[e], nv,
							 TRACE_NO_ADDR), 0);
			vals[e] = nv;
		}
	}
	/* the last event writes the untouched entries once */
	assert_non_null(trace_add_event(t, TRACE_MAP));
	for (unsigned e = NENT - 100; e < NENT; e++) {
		uint64_t nv = (e * 0x1000ULL & mask) | 0x63;
		assert_int_equal(trace_add_write(t, entry_pa(a, e), 0, nv, TRACE_NO_ADDR), 0);
	}
	free(vals);
	assert_int_equal(trace_snapshot(t), 0);
	if (trace_validate(t, "gen", &d) < 0) { char m[512]; diag_format(&d, m, sizeof m); fail_msg("%s", m); }
	return t;
}

/* The values of t->entries after writes[0 .. pos), the slow way. */
static void naive(const struct trace *t, size_t pos, uint64_t *vals)
{
	for (size_t e = 0; e < t->nentries; e++)
		vals[e] = t->entries[e].value;
	for (size_t i = 0; i < pos; i++) {
		long e = trace_entry_find(t, t->writes[i].pa);
		assert_true(e >= 0);
		vals[e] = t->writes[i].new_value;
	}
}

/* Every entry as the cursor shows it, and a few byte ranges compared with a
 * real physmem filled from the naive values. */
static void compare(const struct trace *t, struct trace_state *s, bool bytes)
{
	const struct physmem *pm = trace_state_physmem(s);
	unsigned es = t->h.arch->entry_size;
	uint64_t *vals = malloc(t->nentries * sizeof *vals);
	uint64_t v;

	assert_non_null(vals);
	naive(t, trace_state_pos(s), vals);
	for (size_t e = 0; e < t->nentries; e++) {
		assert_true(trace_state_entry(s, t->entries[e].pa, &v));
		assert_int_equal(v, vals[e]);
		assert_int_equal(physmem_read(pm, t->entries[e].pa, es), vals[e]);
		/* the unknown slot after it reads as zero */
		assert_false(trace_state_entry(s, t->entries[e].pa + es, &v));
		assert_int_equal(physmem_read(pm, t->entries[e].pa + es, es), 0);
	}
	if (bytes) {
		struct physmem *ref = physmem_new();
		uint8_t a[4096 + 64], b[sizeof a];
		assert_non_null(ref);
		for (size_t e = 0; e < t->nentries; e++)
			assert_int_equal(physmem_write(ref, t->entries[e].pa, vals[e], es), 0);
		for (int r = 0; r < 20; r++) {
			uint64_t pa = entry_pa(t->h.arch, (unsigned)(next() % NENT)) + next() % 16;
			unsigned sz = 1u << (next() % 4);
			assert_int_equal(physmem_read(pm, pa, sz), physmem_read(ref, pa, sz));
			physmem_read_bytes(pm, pa, a, sizeof a);
			physmem_read_bytes(ref, pa, b, sizeof b);
			assert_memory_equal(a, b, sizeof a);
		}
		physmem_free(ref);
	}
	free(vals);
}

static void check_arch(enum arch_id id)
{
	const struct arch *a = arch_get(id);
	struct trace *t = generate(a);
	struct trace_state *s = trace_state_new(t);
	size_t prev = 0;

	assert_non_null(s);
	assert_true(t->nentries > NENT / 2 && t->nwrites > NEV);
	assert_int_equal(trace_state_pos(s), 0);
	compare(t, s, true);
	/* random seeks: big jumps both ways, and short steps */
	for (int r = 0; r < 120; r++) {
		size_t k = r % 3 == 2 ? (prev + t->nevents - 1) % t->nevents  /* one back */
					: (size_t)(next() % t->nevents);
		enum trace_when w = next() & 1 ? TRACE_AFTER : TRACE_BEFORE;
		const struct trace_event *ev = &t->events[k];
		assert_int_equal(trace_state_at(s, k, w), 0);
		assert_int_equal(trace_state_pos(s),
				 ev->write0 + (w == TRACE_AFTER ? ev->nwrites : 0));
		compare(t, s, r % 10 == 0);
		prev = k;
	}
	/* every event in order forwards then backwards (the hot entry) */
	for (int dir = 0; dir < 2; dir++) {
		uint64_t *vals = malloc(t->nentries * sizeof *vals);
		long hot = trace_entry_find(t, entry_pa(a, HOT));
		assert_non_null(vals);
		assert_true(hot >= 0);
		for (size_t i = 0; i < t->nevents; i += 37) {
			size_t k = dir ? t->nevents - 1 - i : i;
			uint64_t v;
			assert_int_equal(trace_state_at(s, k, TRACE_AFTER), 0);
			naive(t, trace_state_pos(s), vals);
			assert_true(trace_state_entry(s, entry_pa(a, HOT), &v));
			assert_int_equal(v, vals[hot]);
		}
		free(vals);
	}
	/* out of range: refused, the cursor stays */
	assert_int_equal(trace_state_at(s, 5, TRACE_AFTER), 0);
	prev = trace_state_pos(s);
	assert_int_equal(trace_state_at(s, t->nevents, TRACE_BEFORE), -1);
	assert_int_equal(trace_state_pos(s), prev);
	assert_int_equal(trace_state_set_pos(s, t->nwrites + 1), -1);
	assert_int_equal(trace_state_pos(s), prev);
	assert_int_equal(trace_state_set_pos(s, t->nwrites), 0);
	compare(t, s, true);
	assert_int_equal(trace_state_set_pos(s, 0), 0);
	compare(t, s, false);
	/* the view is read-only */
	assert_int_equal(physmem_write((struct physmem *)trace_state_physmem(s),
				       t->entries[0].pa, 1, a->entry_size), -1);
	/* memory: 4 bytes per write and per entry, and a little more */
	assert_true(trace_state_bytes(s) >= 4 * (t->nwrites + t->nentries));
	assert_true(trace_state_bytes(s) < 4 * (t->nwrites + t->nentries) + 1024);
	trace_state_free(s);
	trace_free(t);
}

static void test_x86_64(void **state)
{
	(void)state;
	check_arch(ARCH_X86_64);
}

static void test_x86_32(void **state)
{
	(void)state;
	check_arch(ARCH_X86_32);
}

/* A trace with no writes at all (notes only): nothing known, zeros. */
static void test_no_writes(void **state)
{
	struct trace *t = trace_new(arch_get(ARCH_X86_32_PAE));
	struct trace_state *s;
	struct diag d = { 0 };

	(void)state;
	trace_set_text(&t->h.source, "test");
	trace_set_text(&t->h.emulator, "none");
	trace_set_text(&t->h.emulator_version, "none");
	trace_set_text(&t->h.command, "none");
	trace_set_text(&t->h.guest_build, "none");
	trace_set_text(&t->h.scenario, "empty");
	trace_set_text(&t->h.recorded_at, "now");
	trace_set_text(&t->h.verified, "no");
	for (int k = 0; k < 2; k++) {
		struct trace_event *ev = trace_add_event(t, TRACE_NOTE);
		assert_non_null(ev);
		assert_int_equal(trace_set_text(&ev->note, "a note"), 0);
	}
	assert_int_equal(trace_snapshot(t), 0);
	assert_int_equal(trace_validate(t, "empty", &d), 0);
	s = trace_state_new(t);
	assert_non_null(s);
	assert_int_equal(trace_state_at(s, 1, TRACE_AFTER), 0);
	assert_int_equal(trace_state_pos(s), 0);
	assert_int_equal(physmem_read(trace_state_physmem(s), 0x1000, 8), 0);
	trace_state_free(s);
	trace_free(t);
}

/* PAE: cr3 loads the PDPTE registers; QEMU then sets A (a reserved bit in
 * a PDPTE) in the PDPT in memory. The walks start from the registers, so
 * the retried access goes through; walking memory instead would show an
 * invented reserved-bit fault. If the A bit is already in memory when cr3
 * is loaded, the register holds it and the trace is inconsistent. */
static struct trace *pae_trace(bool accessed_before_switch)
{
	struct trace *t = trace_new(arch_get(ARCH_X86_32_PAE));
	struct trace_event *ev;

	trace_set_text(&t->h.source, "test");
	trace_set_text(&t->h.emulator, "none");
	trace_set_text(&t->h.emulator_version, "none");
	trace_set_text(&t->h.command, "none");
	trace_set_text(&t->h.guest_build, "none");
	trace_set_text(&t->h.scenario, "pdpte");
	trace_set_text(&t->h.recorded_at, "now");
	trace_set_text(&t->h.verified, "no");
	t->h.master_pgd = 0x9000;
	t->h.task_size = 0xc0000000;
	t->h.vmalloc_start = 0xc2800000;
	t->h.vmalloc_end = 0xe0000000;
	ev = trace_add_event(t, TRACE_MAP);       /* pgd_alloc: PDPT[0] */
	trace_add_write(t, 0x1000, 0, 0x2001, TRACE_NO_ADDR);
	if (accessed_before_switch) {
		trace_add_event(t, TRACE_ACCESSED);
		trace_add_write(t, 0x1000, 0x2001, 0x2021, TRACE_NO_ADDR);
	}
	ev = trace_add_event(t, TRACE_SWITCH);    /* mov cr3: registers loaded */
	ev->pid = 1;
	ev->cr3 = 0x1000;
	if (!accessed_before_switch) {
		trace_add_event(t, TRACE_ACCESSED);   /* QEMU sets A in memory */
		trace_add_write(t, 0x1000, 0x2001, 0x2021, TRACE_NO_ADDR);
	}
	ev = trace_add_event(t, TRACE_FAULT);     /* user read 0x1000: no pte table */
	ev->pid = 1; ev->vector = 14; ev->error_code = PF_USER; ev->cr2 = 0x1000;
	ev->ip = 0x08048000; ev->cs = 0x1b; ev->cpl = 3; ev->cr3 = 0x1000;
	ev->path = FAULT_ZERO_PAGE;
	ev->outcome = TRACE_OUT_RETRIED;
	trace_add_step(t, LEVEL_PGD, 0x1000, 0, 0x1000, 0x2021);
	trace_add_step(t, LEVEL_PMD, 0x2000, 0, 0x2000, 0);
	trace_add_write(t, 0x2000, 0, 0x3067, TRACE_NO_ADDR);
	trace_add_write(t, 0x3008, 0, 0x4065, TRACE_NO_ADDR);
	assert_int_equal(trace_snapshot(t), 0);
	return t;
}

static void test_pae_pdpte_registers(void **state)
{
	struct trace *t = pae_trace(false);
	struct walk_pdptes regs;
	struct trace_state *s;
	struct diag d = { 0 };
	struct walk w;
	size_t fault = t->nevents - 1;

	(void)state;
	assert_int_equal(trace_validate(t, "pdpte", &d), 0);
	s = trace_state_new(t);
	assert_non_null(s);
	/* the register holds what memory held at the switch */
	assert_true(trace_state_pdptes(s, fault, &regs));
	assert_int_equal(regs.e[0], 0x2001);
	assert_int_equal(trace_walk_retry(s, fault, &w), 0);
	assert_int_equal(w.status, WALK_OK);
	assert_int_equal(w.phys, 0x4000);
	assert_int_equal(w.step[0].entry, 0x2001);
	/* memory itself has A set: walked from memory it is a reserved bit */
	walk_run(t->h.arch, trace_state_physmem(s), 0x1000, 0x1000,
		 trace_fault_access(PF_USER), &w);
	assert_int_equal(w.status, WALK_RESERVED);
	assert_int_equal(w.error_code, PF_PROT | PF_RSVD | PF_USER);
	trace_state_free(s);
	trace_free(t);
}

static void test_pae_register_contradiction(void **state)
{
	struct trace *t = pae_trace(true);
	struct diag d = { 0 };
	char want[64];

	(void)state;
	assert_int_equal(trace_validate(t, "pdpte", &d), -1);
	assert_non_null(strstr(d.msg, "the trace records error code 0x4, but the walk "
			       "over the tables at this event gives 0xd"));
	assert_non_null(strstr(d.msg, "reserved bits 0x20"));
	snprintf(want, sizeof want, "event %llu:", (unsigned long long)t->events[t->nevents - 1].seq);
	assert_non_null(strstr(d.msg, want));
	trace_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x86_64),
		cmocka_unit_test(test_x86_32),
		cmocka_unit_test(test_no_writes),
		cmocka_unit_test(test_pae_pdpte_registers),
		cmocka_unit_test(test_pae_register_contradiction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
