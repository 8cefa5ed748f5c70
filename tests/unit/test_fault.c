/* SPDX-License-Identifier: GPL-2.0-only */
/* test_fault.c - error-code words, do_page_fault routing, vmalloc_sync_one.
 *
 * Routing follows v2.6.2x arch/x86/mm/fault.c (i386): a kernel address with
 * none of RSVD/U/P goes to vmalloc_fault; otherwise bad_area_nosemaphore.
 * A user address needs a vma and, in good_area, (error_code & 3): write ->
 * VM_WRITE; present read -> bad; not-present read -> VM_READ|VM_EXEC|VM_WRITE.
 * vmalloc_sync_one copies the master's pmd into the process's table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "paging/fault.h"

static void test_pf_bits(void **state)
{
	static const struct { uint32_t mask; const char *name; } want[] = {
		{ 1u << 0, "P" }, { 1u << 1, "W" }, { 1u << 2, "U" }, { 1u << 3, "RSVD" },
		{ 1u << 4, "I" }, { 1u << 5, "PK" }, { 1u << 6, "SHSTK" }, { 1u << 15, "SGX" },
	};
	size_t n = 0;
	const struct pf_bit *b = pf_bits(&n);

	(void)state;
	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(b[i].mask, want[i].mask);
		assert_string_equal(b[i].name, want[i].name);
		assert_non_null(b[i].if_set);
	}
	assert_string_equal(b[0].if_clear, "page not present");
	assert_string_equal(b[0].if_set, "protection violation");
}

struct words_case {
	uint32_t err;
	const char *names;
	const char *describe;
};

static const struct words_case words[] = {
	{ 0x0, "-", "P=0 page not present, W=0 read, U=0 kernel mode" },
	{ 0x2, "W", "P=0 page not present, W=1 write, U=0 kernel mode" },
	{ 0x6, "W U", "P=0 page not present, W=1 write, U=1 user mode" },
	{ 0x7, "P W U", "P=1 protection violation, W=1 write, U=1 user mode" },
	{ 0x9, "P RSVD", "P=1 protection violation, W=0 read, U=0 kernel mode, "
		"RSVD=1 reserved bit set in an entry" },
	{ 0x15, "P U I", "P=1 protection violation, W=0 read, U=1 user mode, "
		"I=1 instruction fetch" },
	{ 0x8020, "PK SGX", "P=0 page not present, W=0 read, U=0 kernel mode, "
		"PK=1 protection key denied, SGX=1 SGX access violation" },
	{ 0x40, "SHSTK", "P=0 page not present, W=0 read, U=0 kernel mode, "
		"SHSTK=1 shadow stack access" },
	{ 0x80, "-", "P=0 page not present, W=0 read, U=0 kernel mode, bit7=1 (unknown)" },
};

static void test_pf_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		char buf[256];
		pf_names(words[i].err, buf, sizeof buf);
		assert_string_equal(buf, words[i].names);
		pf_describe(words[i].err, buf, sizeof buf);
		assert_string_equal(buf, words[i].describe);
	}
	char small[12];
	pf_describe(0x7, small, sizeof small);
	assert_string_equal(small, "P=1 protect");
}

/* A 2.6-style user address space: text r-x, data rw-, a PROT_NONE guard. */
static const struct vma vmas[] = {
	{ 0x08048000, 0x08049000, true, false, true },
	{ 0x08049000, 0x0804b000, true, true, false },
	{ 0x10000000, 0x10001000, false, false, false },
	{ 0xbffdf000, 0xc0000000, true, true, false },
};

struct route_case {
	uint64_t addr;
	uint32_t err;
	enum fault_path want;
};

static const struct route_case routes[] = {
	/* kernel addresses */
	{ 0xD0000000, 0x0, FAULT_VMALLOC_SYNC },    /* vmalloc read */
	{ 0xD0000000, 0x2, FAULT_VMALLOC_SYNC },    /* vmalloc write */
	{ 0xC0000000, 0x0, FAULT_VMALLOC_SYNC },    /* == TASK_SIZE */
	{ 0xD0000000, 0x1, FAULT_OOPS },            /* kernel, protection */
	{ 0xD0000000, 0x3, FAULT_OOPS },
	{ 0xD0000000, 0x8, FAULT_OOPS },            /* RSVD */
	{ 0xD0000000, 0x4, FAULT_BAD_AREA },   /* user touching the kernel */
	{ 0xC0101234, 0x5, FAULT_BAD_AREA },
	/* user addresses */
	{ 0x08048010, 0x4, FAULT_ZERO_PAGE },       /* text, first touch */
	{ 0x08048010, 0x14, FAULT_ZERO_PAGE },         /* text, instruction fetch */
	{ 0x08048010, 0x6, FAULT_PROTECTION },   /* write to text */
	{ 0x08048010, 0x7, FAULT_PROTECTION },
	{ 0x08048010, 0x5, FAULT_PROTECTION },   /* read, present: protection */
	{ 0x08049010, 0x6, FAULT_NEW_PAGE },          /* data, first write */
	{ 0x08049010, 0x7, FAULT_COW },          /* copy-on-write */
	{ 0x0804affc, 0x2, FAULT_NEW_PAGE },          /* kernel writing user data */
	{ 0x0804b000, 0x4, FAULT_BAD_AREA },   /* one past the end */
	{ 0x10000010, 0x4, FAULT_PROTECTION },   /* PROT_NONE */
	{ 0x00000000, 0x4, FAULT_BAD_AREA },   /* NULL from user mode */
	{ 0x00000000, 0x0, FAULT_OOPS },            /* NULL from the kernel */
	{ 0x20000000, 0x6, FAULT_BAD_AREA },   /* between vmas */
	{ 0xbfffeff0, 0x6, FAULT_NEW_PAGE },          /* stack */
	{ 0xbfffeff0, 0x1, FAULT_OOPS },            /* kernel read, present */
};

static void test_route(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		struct fault_in in = {
			.addr = routes[i].addr, .error_code = routes[i].err,
			.task_size = 0xC0000000, .vmas = vmas, .nvmas = 4,
		};
		enum fault_path got = fault_route(&in);
		if (got != routes[i].want)
			fail_msg("%#llx err %#x: %s, want %s", (unsigned long long)routes[i].addr,
				 routes[i].err, fault_path_name(got), fault_path_name(routes[i].want));
	}
	struct fault_in none = { .addr = 0x1000, .error_code = 0x4, .task_size = 0xC0000000 };
	assert_int_equal(fault_route(&none), FAULT_BAD_AREA);
	assert_string_equal(fault_path_name(FAULT_VMALLOC_SYNC), "vmalloc_fault");
	assert_string_equal(fault_path_name(FAULT_COW), "do_wp_page");
	assert_string_equal(fault_path_name(FAULT_ZERO_PAGE), "do_anonymous_page/zero_page");
	assert_string_equal(fault_branch_name(fault_path_info(FAULT_COW)->branch), "handle_mm_fault");
}

/* One table: every route has one name, parsed back to itself, and the
 * error code each route claims is one fault_route gives it. */
static void test_route_table(void **state)
{
	(void)state;
	for (int p = 0; p < FAULT_PATH_COUNT; p++) {
		const struct fault_path_info *pi = fault_path_info((enum fault_path)p);
		assert_non_null(pi);
		assert_int_equal(fault_path_parse(pi->name), p);
		assert_non_null(strstr(pi->chain, fault_branch_name(pi->branch)));
		for (int q = 0; q < p; q++)
			assert_string_not_equal(pi->name, fault_path_info((enum fault_path)q)->name);
	}
	assert_null(fault_path_info(FAULT_PATH_COUNT));
	assert_int_equal(fault_path_parse("demand"), -1);
	assert_int_equal(fault_branch_parse("oops"), BRANCH_NO_CONTEXT);
	assert_int_equal(fault_branch_parse("segv"), BRANCH_BAD_AREA);
}

#define KRW (PTE_P | PTE_RW)
#define VADDR 0xD0801234ULL   /* pgd 834 (2-level); pgd 3, pmd 132 (PAE); pte 1 */

static void put(struct physmem *pm, const struct arch *a, uint64_t pa, uint64_t v)
{
	assert_int_equal(physmem_write(pm, pa, v, a->entry_size), 0);
}

/* 2-level: process pgd at 0x1000, master (swapper_pg_dir) at 0x2000. */
enum sync_setup { S_EMPTY, S_SAME, S_SAME_FRAME, S_OTHER, S_NO_MASTER, S_NO_PTE, S_LARGE,
		  S_SHARED_PMD, S_NO_MASTER_PUD, S_NO_PROC_PUD };

static void setup_2level(struct physmem *pm, const struct arch *a, enum sync_setup s)
{
	uint64_t slot = 834 * 4;

	if (s != S_NO_MASTER)
		put(pm, a, 0x2000 + slot, (s == S_LARGE ? 0x00400000 | PTE_PS : 0x5000) | KRW);
	if (s != S_NO_PTE)
		put(pm, a, 0x5000 + 1 * 4, 0x9000 | KRW);
	if (s == S_SAME)
		put(pm, a, 0x1000 + slot, 0x5000 | KRW);
	if (s == S_SAME_FRAME)
		put(pm, a, 0x1000 + slot, 0x5000 | KRW | PTE_A);
	if (s == S_OTHER)
		put(pm, a, 0x1000 + slot, 0x6000 | KRW);
}

/* PAE: process PDPT 0x1000 -> pmd page 0x3000; master PDPT 0x2000 -> 0x4000. */
static void setup_pae(struct physmem *pm, const struct arch *a, enum sync_setup s)
{
	uint64_t slot = 132 * 8;

	if (s != S_NO_PROC_PUD)
		put(pm, a, 0x1000 + 3 * 8, (s == S_SHARED_PMD ? 0x4000 : 0x3000) | PTE_P);
	if (s != S_NO_MASTER_PUD)
		put(pm, a, 0x2000 + 3 * 8, 0x4000 | PTE_P);
	if (s != S_NO_MASTER)
		put(pm, a, 0x4000 + slot, (s == S_LARGE ? 0x00c00000 | PTE_PS : 0x5000) | KRW);
	if (s != S_NO_PTE)
		put(pm, a, 0x5000 + 1 * 8, 0x9000 | KRW);
	if (s == S_SAME)
		put(pm, a, 0x3000 + slot, 0x5000 | KRW);
	if (s == S_SAME_FRAME)
		put(pm, a, 0x3000 + slot, 0x5000 | KRW | PTE_A | PTE_NX);
	if (s == S_OTHER)
		put(pm, a, 0x3000 + slot, 0x6000 | KRW);
}

struct sync_case {
	const char *what;
	enum arch_id arch;
	enum sync_setup setup;
	int rc;
	enum sync_result result;
	uint64_t pmd_pa, pmd_k_pa, old_value, new_value;
	bool walk_ok_after;       /* the process's own walk reaches the page */
};

static const struct sync_case syncs[] = {
	{ "2l copied", ARCH_X86_32, S_EMPTY, 0, SYNC_COPIED,
	  0x1000 + 834 * 4, 0x2000 + 834 * 4, 0, 0x5003, true },
	{ "2l already", ARCH_X86_32, S_SAME, 0, SYNC_ALREADY,
	  0x1000 + 834 * 4, 0x2000 + 834 * 4, 0x5003, 0x5003, true },
	{ "2l same frame, other flags", ARCH_X86_32, S_SAME_FRAME, 0, SYNC_ALREADY,
	  0x1000 + 834 * 4, 0x2000 + 834 * 4, 0x5023, 0x5023, true },
	{ "2l BUG", ARCH_X86_32, S_OTHER, -1, SYNC_BUG,
	  0x1000 + 834 * 4, 0x2000 + 834 * 4, 0x6003, 0x6003, false },
	{ "2l no master", ARCH_X86_32, S_NO_MASTER, -1, SYNC_NO_MASTER,
	  0x1000 + 834 * 4, 0x2000 + 834 * 4, 0, 0, false },
	{ "2l no master pte (copied anyway)", ARCH_X86_32, S_NO_PTE, -1, SYNC_NO_MASTER_PTE,
	  0x1000 + 834 * 4, 0x2000 + 834 * 4, 0, 0x5003, false },
	{ "2l large master pmd", ARCH_X86_32, S_LARGE, 0, SYNC_COPIED,
	  0x1000 + 834 * 4, 0x2000 + 834 * 4, 0, 0x400083, true },
	{ "pae copied", ARCH_X86_32_PAE, S_EMPTY, 0, SYNC_COPIED,
	  0x3000 + 132 * 8, 0x4000 + 132 * 8, 0, 0x5003, true },
	{ "pae already", ARCH_X86_32_PAE, S_SAME, 0, SYNC_ALREADY,
	  0x3000 + 132 * 8, 0x4000 + 132 * 8, 0x5003, 0x5003, true },
	{ "pae same frame, other flags", ARCH_X86_32_PAE, S_SAME_FRAME, 0, SYNC_ALREADY,
	  0x3000 + 132 * 8, 0x4000 + 132 * 8, 0x8000000000005023ULL, 0x8000000000005023ULL, true },
	{ "pae shared kernel pmd", ARCH_X86_32_PAE, S_SHARED_PMD, 0, SYNC_ALREADY,
	  0x4000 + 132 * 8, 0x4000 + 132 * 8, 0x5003, 0x5003, true },
	{ "pae BUG", ARCH_X86_32_PAE, S_OTHER, -1, SYNC_BUG,
	  0x3000 + 132 * 8, 0x4000 + 132 * 8, 0x6003, 0x6003, false },
	{ "pae no master", ARCH_X86_32_PAE, S_NO_MASTER, -1, SYNC_NO_MASTER,
	  0x3000 + 132 * 8, 0x4000 + 132 * 8, 0, 0, false },
	{ "pae no master pud", ARCH_X86_32_PAE, S_NO_MASTER_PUD, -1, SYNC_NO_MASTER,
	  0, 0, 0, 0, false },
	{ "pae no process pud", ARCH_X86_32_PAE, S_NO_PROC_PUD, -1, SYNC_BUG,
	  0, 0x4000 + 132 * 8, 0, 0, false },
	{ "pae no master pte", ARCH_X86_32_PAE, S_NO_PTE, -1, SYNC_NO_MASTER_PTE,
	  0x3000 + 132 * 8, 0x4000 + 132 * 8, 0, 0x5003, false },
	{ "pae large master pmd", ARCH_X86_32_PAE, S_LARGE, 0, SYNC_COPIED,
	  0x3000 + 132 * 8, 0x4000 + 132 * 8, 0, 0xc00083, true },
};

static void test_vmalloc_sync(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof syncs / sizeof syncs[0]; i++) {
		const struct sync_case *c = &syncs[i];
		const struct arch *a = arch_get(c->arch);
		struct physmem *pm = physmem_new();
		struct sync_report r;
		struct walk w;
		int rc;

		if (c->arch == ARCH_X86_32)
			setup_2level(pm, a, c->setup);
		else
			setup_pae(pm, a, c->setup);
		rc = fault_vmalloc_sync(a, pm, 0x1000, 0x2000, VADDR, &r);
		if (rc != c->rc || r.result != c->result)
			fail_msg("%s: rc %d %s, want %d %s", c->what, rc, sync_result_name(r.result),
				 c->rc, sync_result_name(c->result));
		assert_int_equal(r.index, c->arch == ARCH_X86_32 ? 834 : 3);
		if (r.pmd_pa != c->pmd_pa || r.pmd_k_pa != c->pmd_k_pa ||
		    r.old_value != c->old_value || r.new_value != c->new_value)
			fail_msg("%s: pmd %#llx pmd_k %#llx old %#llx new %#llx", c->what,
				 (unsigned long long)r.pmd_pa, (unsigned long long)r.pmd_k_pa,
				 (unsigned long long)r.old_value, (unsigned long long)r.new_value);
		if (c->pmd_pa)   /* memory holds what the report says */
			assert_true(physmem_read(pm, c->pmd_pa, a->entry_size) == c->new_value);
		rc = walk_run(a, pm, 0x1000, VADDR, (struct access){ ACCESS_READ, false }, &w);
		if ((rc == 0) != c->walk_ok_after)
			fail_msg("%s: walk after sync: %s", c->what, w.reason);
		physmem_free(pm);
	}
}

static void test_vmalloc_sync_64bit(void **state)
{
	struct physmem *pm = physmem_new();
	struct sync_report r;

	(void)state;
	assert_int_equal(fault_vmalloc_sync(arch_get(ARCH_X86_64), pm, 0x1000, 0x2000,
					    0xffffc90000000000ULL, &r), -1);
	assert_int_equal(physmem_pages(pm), 0);
	assert_string_equal(sync_result_name(SYNC_COPIED), "copied");
	assert_string_equal(sync_result_name(SYNC_BUG), "BUG: entries differ");
	physmem_free(pm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pf_bits),
		cmocka_unit_test(test_pf_words),
		cmocka_unit_test(test_route),
		cmocka_unit_test(test_route_table),
		cmocka_unit_test(test_vmalloc_sync),
		cmocka_unit_test(test_vmalloc_sync_64bit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
