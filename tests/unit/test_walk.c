/* SPDX-License-Identifier: GPL-2.0-only */
/* test_walk.c - walk_run over hand-built tables for every arch.
 *
 * Each fixture writes its tables entry by entry at spelled-out physical
 * addresses; each case states what the MMU does: the physical address and
 * page size, or the failing step and the exact #PF error code it pushes
 * (P=1 W=2 U=4 RSVD=8 I=16, arch/x86/include/asm/trap_pf.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "paging/walk.h"

#define KRW   (PTE_P | PTE_RW)                /* kernel read-write */
#define URW   (PTE_P | PTE_RW | PTE_US)       /* user read-write */
#define URO   (PTE_P | PTE_US)                /* user read-only */

static void put(struct physmem *pm, const struct arch *a, uint64_t pa, uint64_t v)
{
	assert_int_equal(physmem_write(pm, pa, v, a->entry_size), 0);
}

/* x86-32 2-level, cr3 = 0x1000 (pgd entries are 4 bytes). */
static void fix_2level(struct physmem *pm, const struct arch *a)
{
	put(pm, a, 0x1000 + 768 * 4, 0x2000 | KRW);           /* 0xC0000000: kernel */
	put(pm, a, 0x2000 + 257 * 4, 0x00345000 | KRW);       /* 0xC0101000 -> 0x345000 */
	put(pm, a, 0x1000 + 32 * 4, 0x3000 | URW);            /* 0x08000000: user */
	put(pm, a, 0x3000 + 72 * 4, 0x00400000 | URO);        /* 0x08048000 read-only */
	put(pm, a, 0x3000 + 73 * 4, 0x00401000 | URW);        /* 0x08049000 read-write */
	put(pm, a, 0x1000 + 1 * 4, 0x00800000 | URW | PTE_PS); /* 0x00400000: 4 MiB */
	put(pm, a, 0x1000 + 3 * 4, 0x00c00000 | URW | PTE_PS | 0x200000); /* bit 21 */
	put(pm, a, 0x1000 + 4 * 4, 0x4000 | URO);             /* 0x01000000: pgd RO */
	put(pm, a, 0x4000 + 0 * 4, 0x00500000 | URW);
}

/* x86-32 PAE, cr3 = 0x1020: the PDPT is 32-byte aligned, not page aligned. */
static void fix_pae(struct physmem *pm, const struct arch *a)
{
	put(pm, a, 0x1020 + 3 * 8, 0x2000 | PTE_P);           /* PDPT[3]: 0xC0000000 */
	put(pm, a, 0x2000 + 0 * 8, 0x3000 | KRW);
	put(pm, a, 0x3000 + 257 * 8, 0x345000 | KRW | PTE_NX); /* 0xC0101000, no exec */
	put(pm, a, 0x2000 + 1 * 8, 0x6000 | KRW);             /* 0xC0200000 */
	put(pm, a, 0x6000 + 0 * 8, 0x8000001234567000ULL | KRW); /* high frame + NX */
	put(pm, a, 0x2000 + 2 * 8, 0x00e00000 | KRW | PTE_PS | 0x2000); /* bit 13 */
	put(pm, a, 0x1020 + 0 * 8, 0x4000 | PTE_P);           /* PDPT[0]: user half */
	put(pm, a, 0x4000 + 64 * 8, 0x00a00000 | URW | PTE_PS); /* 0x08000000: 2 MiB */
	put(pm, a, 0x4000 + 65 * 8, 0x7000 | URW);            /* 0x08200000 */
	put(pm, a, 0x7000 + 0 * 8, 0x00b00000 | URW);         /* 0x08200000 -> 0xb00000 */
	put(pm, a, 0x1020 + 1 * 8, 0x5000 | PTE_P | PTE_RW);  /* PDPT[1]: RW reserved */
}

/* x86-64 4-level, cr3 = 0x1000. */
static void fix_4level(struct physmem *pm, const struct arch *a)
{
	/* direct map 0xffff888000000000: pgd 273 */
	put(pm, a, 0x1000 + 273 * 8, 0x2000 | KRW);
	put(pm, a, 0x2000 + 0 * 8, 0x3000 | KRW);
	put(pm, a, 0x3000 + 0 * 8, 0x4000 | KRW);
	put(pm, a, 0x4000 + 1 * 8, 0x7000 | KRW | PTE_NX);   /* ...1000 -> 0x7000 */
	put(pm, a, 0x3000 + 1 * 8, 0x00600000 | KRW | PTE_PS); /* ...200000: 2 MiB */
	put(pm, a, 0x2000 + 1 * 8, 0x40000000 | KRW | PTE_PS); /* ...40000000: 1 GiB */
	put(pm, a, 0x2000 + 2 * 8, 0x80000000 | KRW | PTE_PS | 0x4000); /* bit 14 */
	/* user 0x400000.. : pgd 0, pud 0, pmd 2 / 3 */
	put(pm, a, 0x1000 + 0 * 8, 0x5000 | URW);
	put(pm, a, 0x5000 + 0 * 8, 0x6000 | URW);
	put(pm, a, 0x6000 + 2 * 8, 0x8000 | URW);
	put(pm, a, 0x8000 + 1 * 8, 0x9000 | URO);             /* 0x401000 text */
	put(pm, a, 0x6000 + 3 * 8, 0xb000 | URW | PTE_NX);    /* 0x600000 NX at pmd */
	put(pm, a, 0xb000 + 0 * 8, 0xc000 | URW);
	put(pm, a, 0x1000 + 1 * 8, 0xd000 | KRW | PTE_PS);   /* PS in a PML4E */
}

/* x86-64 LA57, cr3 = 0x1000: pgd (PML5) 273 -> p4d 0 -> pud 0/1 ... */
static void fix_5level(struct physmem *pm, const struct arch *a)
{
	put(pm, a, 0x1000 + 273 * 8, 0x2000 | KRW);
	put(pm, a, 0x2000 + 0 * 8, 0x3000 | KRW);
	put(pm, a, 0x3000 + 0 * 8, 0x4000 | KRW);
	put(pm, a, 0x4000 + 0 * 8, 0x5000 | KRW);
	put(pm, a, 0x5000 + 1 * 8, 0x9000 | KRW);             /* ...1000 -> 0x9000 */
	put(pm, a, 0x3000 + 1 * 8, 0xc0000000 | KRW | PTE_PS); /* 1 GiB */
	put(pm, a, 0x1000 + 274 * 8, 0x6000 | KRW);          /* p4d table empty */
}

typedef void fixture_fn(struct physmem *, const struct arch *);

struct walk_case {
	const char *what;
	const char *arch;
	fixture_fn *fix;
	uint64_t cr3, addr;
	enum access_kind kind;
	bool user;
	enum walk_status status;
	uint32_t error_code;
	uint64_t phys, page_size;  /* when OK */
	int fail;                  /* step index when not OK */
	int nsteps;
};

#define R ACCESS_READ
#define W ACCESS_WRITE
#define X ACCESS_EXEC

static const struct walk_case cases[] = {
	/* x86-32 2-level */
	{ "2l kernel read", "x86-32", fix_2level, 0x1000, 0xC0101234, R, false, WALK_OK, 0, 0x345234, 0x1000, -1, 5 },
	{ "2l user read ro", "x86-32", fix_2level, 0x1000, 0x08048010, R, true, WALK_OK, 0, 0x400010, 0x1000, -1, 5 },
	{ "2l user exec (no NX)", "x86-32", fix_2level, 0x1000, 0x08048010, X, true, WALK_OK, 0, 0x400010, 0x1000, -1, 5 },
	{ "2l user write rw", "x86-32", fix_2level, 0x1000, 0x08049ffc, W, true, WALK_OK, 0, 0x401ffc, 0x1000, -1, 5 },
	{ "2l 4M page", "x86-32", fix_2level, 0x1000, 0x00512345, W, true, WALK_OK, 0, 0x912345, 0x400000, -1, 4 },
	{ "2l user on supervisor", "x86-32", fix_2level, 0x1000, 0xC0101234, R, true, WALK_PROTECTION, 0x5, 0, 0, 0, 5 },
	{ "2l user write ro pte", "x86-32", fix_2level, 0x1000, 0x08048010, W, true, WALK_PROTECTION, 0x7, 0, 0, 4, 5 },
	{ "2l kernel write ro pte (WP=1)", "x86-32", fix_2level, 0x1000, 0x08048010, W, false, WALK_PROTECTION, 0x3, 0, 0, 4, 5 },
	{ "2l write ro pgd", "x86-32", fix_2level, 0x1000, 0x01000000, W, true, WALK_PROTECTION, 0x7, 0, 0, 0, 5 },
	{ "2l pgd not present", "x86-32", fix_2level, 0x1000, 0x00800000, R, true, WALK_NOT_PRESENT, 0x4, 0, 0, 0, 1 },
	{ "2l pgd not present kernel write", "x86-32", fix_2level, 0x1000, 0xD0000000, W, false, WALK_NOT_PRESENT, 0x2, 0, 0, 0, 1 },
	{ "2l pte not present", "x86-32", fix_2level, 0x1000, 0xC0102000, R, false, WALK_NOT_PRESENT, 0x0, 0, 0, 4, 5 },
	{ "2l pte not present user write", "x86-32", fix_2level, 0x1000, 0x0804a000, W, true, WALK_NOT_PRESENT, 0x6, 0, 0, 4, 5 },
	{ "2l 4M reserved bit 21", "x86-32", fix_2level, 0x1000, 0x00c00000, R, false, WALK_RESERVED, 0x9, 0, 0, 0, 1 },
	{ "2l too wide", "x86-32", fix_2level, 0x1000, 0x100000000, R, false, WALK_BAD_ADDRESS, 0, 0, 0, 0, 0 },
	/* x86-32 PAE */
	{ "pae kernel read", "x86-32-pae", fix_pae, 0x1020, 0xC0101234, R, false, WALK_OK, 0, 0x345234, 0x1000, -1, 5 },
	{ "pae exec NX pte", "x86-32-pae", fix_pae, 0x1020, 0xC0101234, X, false, WALK_PROTECTION, 0x11, 0, 0, 4, 5 },
	{ "pae high frame, NX kept out", "x86-32-pae", fix_pae, 0x1020, 0xC0200abc, R, false, WALK_OK, 0, 0x1234567abc, 0x1000, -1, 5 },
	{ "pae 2M page", "x86-32-pae", fix_pae, 0x1020, 0x08048123, W, true, WALK_OK, 0, 0xa48123, 0x200000, -1, 4 },
	{ "pae user exec 4K", "x86-32-pae", fix_pae, 0x1020, 0x08200010, X, true, WALK_OK, 0, 0xb00010, 0x1000, -1, 5 },
	{ "pae user on supervisor", "x86-32-pae", fix_pae, 0x1020, 0xC0101234, W, true, WALK_PROTECTION, 0x7, 0, 0, 3, 5 },
	{ "pae PDPT RW reserved", "x86-32-pae", fix_pae, 0x1020, 0x40000000, R, true, WALK_RESERVED, 0xd, 0, 0, 0, 1 },
	{ "pae PDPT not present", "x86-32-pae", fix_pae, 0x1020, 0x80000000, W, false, WALK_NOT_PRESENT, 0x2, 0, 0, 0, 1 },
	{ "pae pmd not present", "x86-32-pae", fix_pae, 0x1020, 0xC0800000, R, false, WALK_NOT_PRESENT, 0x0, 0, 0, 3, 4 },
	{ "pae pte not present exec", "x86-32-pae", fix_pae, 0x1020, 0x08201000, X, true, WALK_NOT_PRESENT, 0x14, 0, 0, 4, 5 },
	{ "pae 2M reserved bit 13", "x86-32-pae", fix_pae, 0x1020, 0xC0400000, R, false, WALK_RESERVED, 0x9, 0, 0, 3, 4 },
	/* x86-64 4-level */
	{ "64 kernel read 4K", "x86-64", fix_4level, 0x1000, 0xffff888000001234, R, false, WALK_OK, 0, 0x7234, 0x1000, -1, 5 },
	{ "64 kernel exec NX pte", "x86-64", fix_4level, 0x1000, 0xffff888000001234, X, false, WALK_PROTECTION, 0x11, 0, 0, 4, 5 },
	{ "64 2M page", "x86-64", fix_4level, 0x1000, 0xffff888000212345, W, false, WALK_OK, 0, 0x612345, 0x200000, -1, 4 },
	{ "64 1G page", "x86-64", fix_4level, 0x1000, 0xffff888040123456, R, false, WALK_OK, 0, 0x40123456, 0x40000000, -1, 3 },
	{ "64 1G reserved bit 14", "x86-64", fix_4level, 0x1000, 0xffff888080000000, R, false, WALK_RESERVED, 0x9, 0, 0, 2, 3 },
	{ "64 PS in PML4E reserved", "x86-64", fix_4level, 0x1000, 0x0000008000000000, W, true, WALK_RESERVED, 0xf, 0, 0, 0, 1 },
	{ "64 user exec text", "x86-64", fix_4level, 0x1000, 0x401000, X, true, WALK_OK, 0, 0x9000, 0x1000, -1, 5 },
	{ "64 user write text", "x86-64", fix_4level, 0x1000, 0x401000, W, true, WALK_PROTECTION, 0x7, 0, 0, 4, 5 },
	{ "64 user read kernel", "x86-64", fix_4level, 0x1000, 0xffff888000001234, R, true, WALK_PROTECTION, 0x5, 0, 0, 0, 5 },
	{ "64 user exec NX pmd", "x86-64", fix_4level, 0x1000, 0x600000, X, true, WALK_PROTECTION, 0x15, 0, 0, 3, 5 },
	{ "64 user read NX pmd", "x86-64", fix_4level, 0x1000, 0x600000, R, true, WALK_OK, 0, 0xc000, 0x1000, -1, 5 },
	{ "64 pgd not present", "x86-64", fix_4level, 0x1000, 0xffff900000000000, R, false, WALK_NOT_PRESENT, 0x0, 0, 0, 0, 1 },
	{ "64 pud not present", "x86-64", fix_4level, 0x1000, 0x0000000040000000, R, true, WALK_NOT_PRESENT, 0x4, 0, 0, 2, 3 },
	{ "64 pmd not present", "x86-64", fix_4level, 0x1000, 0x800000, W, true, WALK_NOT_PRESENT, 0x6, 0, 0, 3, 4 },
	{ "64 pte not present", "x86-64", fix_4level, 0x1000, 0x402000, X, true, WALK_NOT_PRESENT, 0x14, 0, 0, 4, 5 },
	{ "64 non-canonical", "x86-64", fix_4level, 0x1000, 0x0000800000000000, R, false, WALK_BAD_ADDRESS, 0, 0, 0, 0, 0 },
	/* x86-64 LA57 */
	{ "57 kernel read 4K", "x86-64-la57", fix_5level, 0x1000, 0xff11000000001234, R, false, WALK_OK, 0, 0x9234, 0x1000, -1, 5 },
	{ "57 1G page", "x86-64-la57", fix_5level, 0x1000, 0xff11000040123456, R, false, WALK_OK, 0, 0xc0123456, 0x40000000, -1, 3 },
	{ "57 p4d not present", "x86-64-la57", fix_5level, 0x1000, 0xff12000000000000, R, false, WALK_NOT_PRESENT, 0, 0, 0, 1, 2 },
	{ "57 pgd not present", "x86-64-la57", fix_5level, 0x1000, 0x0000000000001000, R, true, WALK_NOT_PRESENT, 0x4, 0, 0, 0, 1 },
	{ "57 user on supervisor", "x86-64-la57", fix_5level, 0x1000, 0xff11000000001234, R, true, WALK_PROTECTION, 0x5, 0, 0, 0, 5 },
};

static void test_walk_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct walk_case *c = &cases[i];
		const struct arch *a = arch_by_name(c->arch);
		struct physmem *pm = physmem_new();
		struct walk w;
		int rc;

		assert_non_null(pm);
		c->fix(pm, a);
		rc = walk_run(a, pm, c->cr3, c->addr, (struct access){ c->kind, c->user }, &w);
		if (w.status != c->status || w.error_code != c->error_code)
			fail_msg("%s: status %d err %#x, want %d err %#x (%s)", c->what,
				 w.status, w.error_code, c->status, c->error_code, w.reason);
		assert_int_equal(rc, c->status == WALK_OK ? 0 : -1);
		if (w.nsteps != c->nsteps)
			fail_msg("%s: %d steps, want %d", c->what, w.nsteps, c->nsteps);
		if (c->status == WALK_OK) {
			if (w.phys != c->phys || w.page_size != c->page_size)
				fail_msg("%s: phys %#llx size %#llx, want %#llx size %#llx", c->what,
					 (unsigned long long)w.phys, (unsigned long long)w.page_size,
					 (unsigned long long)c->phys, (unsigned long long)c->page_size);
			assert_int_equal(w.fail, -1);
			assert_string_equal(w.reason, "");
		} else {
			if (w.fail != c->fail)
				fail_msg("%s: failed at step %d, want %d", c->what, w.fail, c->fail);
			assert_true(strlen(w.reason) > 10);
		}
		/* steps are in level order; a folded step repeats the real one above */
		for (int s = 0; s < w.nsteps; s++) {
			assert_int_equal(w.step[s].level, s);
			assert_int_equal(w.step[s].folded, a->level[s].folded);
			if (w.step[s].folded) {
				const struct walk_step *up = &w.step[a->level[s].into];
				assert_true(w.step[s].entry_pa == up->entry_pa);
				assert_true(w.step[s].entry == up->entry);
				assert_int_equal(w.step[s].leaf, up->leaf);
				assert_true(w.step[s].next == up->next);
			}
		}
		physmem_free(pm);
	}
}

/* The steps of one 2-level walk in full: pgd, three folded, pte. */
static void test_2level_steps(void **state)
{
	const struct arch *a = arch_get(ARCH_X86_32);
	struct physmem *pm = physmem_new();
	struct walk w;

	(void)state;
	fix_2level(pm, a);
	assert_int_equal(walk_run(a, pm, 0x1000, 0xC0101234, (struct access){ ACCESS_READ, false }, &w), 0);
	assert_true(w.step[0].table == 0x1000);
	assert_int_equal(w.step[0].index, 768);
	assert_true(w.step[0].entry_pa == 0x1c00);
	assert_true(w.step[0].entry == (0x2000 | KRW));
	assert_true(w.step[0].present);
	assert_false(w.step[0].leaf);
	assert_true(w.step[0].next == 0x2000);
	for (int s = 1; s <= 3; s++) {
		assert_true(w.step[s].folded);
		assert_true(w.step[s].entry_pa == 0x1c00);
	}
	assert_true(w.step[4].table == 0x2000);
	assert_int_equal(w.step[4].index, 257);
	assert_true(w.step[4].entry_pa == 0x2404);
	assert_true(w.step[4].leaf);
	assert_true(w.step[4].next == 0x345000);
	assert_true(w.frame == 0x345000);

	/* a 4 MiB page: the pgd step is the leaf and the folded pmd says so too */
	assert_int_equal(walk_run(a, pm, 0x1000, 0x00512345, (struct access){ ACCESS_READ, true }, &w), 0);
	assert_true(w.step[0].leaf);
	assert_true(w.step[3].leaf);
	assert_true(w.step[3].next == 0x800000);
	physmem_free(pm);
}

static void test_pae_pdpt_reason(void **state)
{
	const struct arch *a = arch_get(ARCH_X86_32_PAE);
	struct physmem *pm = physmem_new();
	struct walk w;

	(void)state;
	fix_pae(pm, a);
	walk_run(a, pm, 0x1020, 0x40000000, (struct access){ ACCESS_READ, false }, &w);
	assert_int_equal(w.status, WALK_RESERVED);
	assert_int_equal(w.error_code, PF_PROT | PF_RSVD);
	assert_non_null(strstr(w.reason, "reserved bits 0x2"));
	assert_non_null(strstr(w.reason, "PDPT"));
	/* NX is reserved in a PDPT entry too */
	put(pm, a, 0x1020 + 2 * 8, 0x9000 | PTE_P | PTE_NX);
	walk_run(a, pm, 0x1020, 0x80000000, (struct access){ ACCESS_READ, false }, &w);
	assert_int_equal(w.status, WALK_RESERVED);
	/* PWT and PCD are allowed */
	put(pm, a, 0x1020 + 2 * 8, 0x9000 | PTE_P | PTE_PWT | PTE_PCD);
	walk_run(a, pm, 0x1020, 0x80000000, (struct access){ ACCESS_READ, false }, &w);
	assert_int_equal(w.status, WALK_NOT_PRESENT);
	assert_int_equal(w.fail, 3);
	physmem_free(pm);
}

static void test_entry_masks(void **state)
{
	(void)state;
	const struct arch *a2 = arch_get(ARCH_X86_32), *ap = arch_get(ARCH_X86_32_PAE),
			  *a4 = arch_get(ARCH_X86_64);
	assert_true(walk_entry_addr(a2, 0xfffff067) == 0xfffff000);
	assert_true(walk_entry_addr(ap, 0x800fffffffffffffULL) == 0x000ffffffffff000ULL);
	assert_true(walk_entry_addr(a4, 0xfff0000000001063ULL) == 0x1000);
	assert_true(walk_cr3_base(a2, 0x12345018) == 0x12345000);
	assert_true(walk_cr3_base(ap, 0x12345038) == 0x12345020);
	assert_true(walk_cr3_base(a4, 0x8000000000001000ULL) == 0x1000);  /* no-flush bit */
}

struct flags_case {
	enum arch_id arch;
	uint64_t entry;
	const char *want;
};

static const struct flags_case flag_cases[] = {
	{ ARCH_X86_32, 0, "-" },
	{ ARCH_X86_32, 0x1000 | PTE_P | PTE_RW | PTE_US, "P RW US" },
	{ ARCH_X86_32, 0x1e7, "P RW US A D PS G" },
	{ ARCH_X86_32, 0x18, "PWT PCD" },
	{ ARCH_X86_64, PTE_NX | PTE_P, "P NX" },
	{ ARCH_X86_32, 0x80000000 | PTE_P, "P" },
};

static void test_flags_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof flag_cases / sizeof flag_cases[0]; i++) {
		char buf[64];
		walk_flags_format(arch_get(flag_cases[i].arch), flag_cases[i].entry, buf, sizeof buf);
		assert_string_equal(buf, flag_cases[i].want);
	}
	char tiny[4];
	walk_flags_format(arch_get(ARCH_X86_64), 0x1e7, tiny, sizeof tiny);
	assert_true(strlen(tiny) < sizeof tiny);
}

/* The one name of each page size (translate --mem, exercise -c and the
 * walk diagram all print it). */
static void test_size_name(void **state)
{
	(void)state;
	assert_string_equal(walk_size_name(1ULL << 12), "4 KiB");
	assert_string_equal(walk_size_name(1ULL << 21), "2 MiB");
	assert_string_equal(walk_size_name(1ULL << 22), "4 MiB");
	assert_string_equal(walk_size_name(1ULL << 30), "1 GiB");
	/* arm64: the 16K and 64K granules and their level 2 blocks */
	assert_string_equal(walk_size_name(1ULL << 14), "16 KiB");
	assert_string_equal(walk_size_name(1ULL << 16), "64 KiB");
	assert_string_equal(walk_size_name(1ULL << 25), "32 MiB");
	assert_string_equal(walk_size_name(1ULL << 29), "512 MiB");
	assert_string_equal(walk_size_name(3), "?");
}

static void test_physmem(void **state)
{
	struct physmem *pm = physmem_new(), *c;

	(void)state;
	assert_non_null(pm);
	assert_true(physmem_read(pm, 0x1234, 8) == 0);
	assert_int_equal(physmem_pages(pm), 0);
	assert_int_equal(physmem_write(pm, 0x1ffe, 0x1122334455667788ULL, 8), 0); /* crosses */
	assert_int_equal(physmem_pages(pm), 2);
	assert_true(physmem_read(pm, 0x1ffe, 8) == 0x1122334455667788ULL);
	assert_true(physmem_read(pm, 0x2000, 2) == 0x5566);
	assert_true(physmem_read(pm, 0x1ffe, 1) == 0x88);
	assert_int_equal(physmem_write(pm, 0x10, 1, 3), -1);                 /* bad size */
	/* many pages far apart: every one reads back (grows the table) */
	for (uint64_t i = 0; i < 5000; i++)
		assert_int_equal(physmem_write(pm, i * 0x10001000ULL + 8, i, 4), 0);
	assert_int_equal(physmem_pages(pm), 5002);
	for (uint64_t i = 0; i < 5000; i++)
		assert_true(physmem_read(pm, i * 0x10001000ULL + 8, 4) == (uint32_t)i);
	c = physmem_clone(pm);
	assert_non_null(c);
	physmem_write(pm, 0x1ffe, 0, 8);
	assert_true(physmem_read(c, 0x1ffe, 8) == 0x1122334455667788ULL);
	assert_int_equal(physmem_pages(c), 5002);
	char buf[6000], back[6000];
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 7);
	assert_int_equal(physmem_write_bytes(c, 0xfff00ff0, buf, sizeof buf), 0);
	physmem_read_bytes(c, 0xfff00ff0, back, sizeof back);
	assert_memory_equal(buf, back, sizeof buf);
	physmem_free(c);
	physmem_free(pm);
	physmem_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_table),
		cmocka_unit_test(test_2level_steps),
		cmocka_unit_test(test_pae_pdpt_reason),
		cmocka_unit_test(test_entry_masks),
		cmocka_unit_test(test_flags_format),
		cmocka_unit_test(test_size_name),
		cmocka_unit_test(test_physmem),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
