/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64.c - the arm64 profiles Linux 6.1 can build, the two address
 * ranges, and what a descriptor is (arm64.h says the rules and where they
 * come from). The walk and the abort are in arm64_walk.c.
 */
#include "paging/arm64.h"

#include <stdio.h>
#include <string.h>

/* ARM64_HW_PGTABLE_LEVEL_SHIFT(n) of pgtable-hwdef.h for PAGE_SHIFT ps:
 * the bits an entry at hardware level n maps. */
#define HW_SHIFT(ps, n)   (((ps) - 3) * (4 - (n)) + 3)
/* PTRS_PER_PTE (and PMD, PUD): one page of 8-byte descriptors. */
#define PTRS(ps)          (1u << ((ps) - 3))
/* PTRS_PER_PGD = 1 << (VA_BITS - PGDIR_SHIFT), PGDIR_SHIFT the level's. */
#define PGD_PTRS(ps, va, n) (1u << ((va) - HW_SHIFT(ps, n)))

#define REAL(s, n, hw)  { .shift = (s), .ptrs = (n), .folded = false, .into = LEVEL_PGD, \
			  .hw_level = (hw) }
#define FOLDED(s)       { .shift = (s), .ptrs = 1, .folded = true, .into = LEVEL_PGD, \
			  .hw_level = 0 }

/* CONFIG_PGTABLE_LEVELS 2: pgd at level 2 -> pte (asm-generic/pgtable-nopmd.h). */
#define LEVELS2(ps, va) { \
	[LEVEL_PGD] = REAL(HW_SHIFT(ps, 2), PGD_PTRS(ps, va, 2), 2), \
	[LEVEL_P4D] = FOLDED(HW_SHIFT(ps, 2)), \
	[LEVEL_PUD] = FOLDED(HW_SHIFT(ps, 2)), \
	[LEVEL_PMD] = FOLDED(HW_SHIFT(ps, 2)), \
	[LEVEL_PTE] = REAL(ps, PTRS(ps), 3) }
/* 3: pgd at level 1 -> pmd -> pte (pgtable-nopud.h). */
#define LEVELS3(ps, va) { \
	[LEVEL_PGD] = REAL(HW_SHIFT(ps, 1), PGD_PTRS(ps, va, 1), 1), \
	[LEVEL_P4D] = FOLDED(HW_SHIFT(ps, 1)), \
	[LEVEL_PUD] = FOLDED(HW_SHIFT(ps, 1)), \
	[LEVEL_PMD] = REAL(HW_SHIFT(ps, 2), PTRS(ps), 2), \
	[LEVEL_PTE] = REAL(ps, PTRS(ps), 3) }
/* 4: pgd at level 0 -> pud -> pmd -> pte (pgtable-nop4d.h). */
#define LEVELS4(ps, va) { \
	[LEVEL_PGD] = REAL(HW_SHIFT(ps, 0), PGD_PTRS(ps, va, 0), 0), \
	[LEVEL_P4D] = FOLDED(HW_SHIFT(ps, 0)), \
	[LEVEL_PUD] = REAL(HW_SHIFT(ps, 1), PTRS(ps), 1), \
	[LEVEL_PMD] = REAL(HW_SHIFT(ps, 2), PTRS(ps), 2), \
	[LEVEL_PTE] = REAL(ps, PTRS(ps), 3) }

#define PROFILE(id_, name_, title_, ps, va, n) [id_ - ARCH_ARM64_FIRST] = { \
	.id = id_, .family = FAMILY_ARM64, .name = name_, .title = title_, \
	.va_bits = va, .pa_bits = 48, .word_bits = 64, .entry_size = 8, \
	.page_shift = ps, .real_levels = n, .level = LEVELS##n(ps, va) }

static const struct arch profiles[ARCH_COUNT - ARCH_ARM64_FIRST] = {
	PROFILE(ARCH_ARM64_4K_39, "arm64-4k-39", "arm64, 4K pages, 39-bit VA (3 levels)", 12, 39, 3),
	PROFILE(ARCH_ARM64_4K_48, "arm64-4k-48", "arm64, 4K pages, 48-bit VA (4 levels)", 12, 48, 4),
	PROFILE(ARCH_ARM64_16K_36, "arm64-16k-36", "arm64, 16K pages, 36-bit VA (2 levels)", 14, 36, 2),
	PROFILE(ARCH_ARM64_16K_47, "arm64-16k-47", "arm64, 16K pages, 47-bit VA (3 levels)", 14, 47, 3),
	PROFILE(ARCH_ARM64_16K_48, "arm64-16k-48", "arm64, 16K pages, 48-bit VA (4 levels)", 14, 48, 4),
	PROFILE(ARCH_ARM64_64K_42, "arm64-64k-42", "arm64, 64K pages, 42-bit VA (2 levels)", 16, 42, 2),
	PROFILE(ARCH_ARM64_64K_48, "arm64-64k-48", "arm64, 64K pages, 48-bit VA (3 levels)", 16, 48, 3),
	PROFILE(ARCH_ARM64_64K_52, "arm64-64k-52", "arm64, 64K pages, 52-bit VA (3 levels)", 16, 52, 3),
};

const struct arch *arm64_arch_get(enum arch_id id)
{
	if (id < ARCH_ARM64_FIRST || id >= ARCH_COUNT)
		return NULL;
	return &profiles[id - ARCH_ARM64_FIRST];
}

/* The VA sizes arch/arm64/Kconfig (6.1) offers with each page size: the
 * ARM64_VA_BITS_* choices and their `depends on`. */
static const struct {
	unsigned kib;
	const char *bits;
} offered[] = {
	{ 4, "39 and 48 (arm64-4k-39, arm64-4k-48)" },
	{ 16, "36 (with EXPERT), 47 and 48 (arm64-16k-36, arm64-16k-47, arm64-16k-48)" },
	{ 64, "42, 48 and 52 (arm64-64k-42, arm64-64k-48, arm64-64k-52)" },
};

const char *arm64_refusal(const char *name, char *buf, size_t len)
{
	unsigned kib = 0, bits = 0;
	int used = 0;

	if (strncmp(name, "arm64-", 6) != 0 ||
	    sscanf(name + 6, "%uk-%u%n", &kib, &bits, &used) != 2 ||
	    (size_t)used != strlen(name + 6) || strlen(name) > 24)
		return NULL;
	for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
		if (strcmp(name, profiles[i].name) == 0)
			return NULL;                    /* not refused: it exists */
	for (size_t i = 0; i < sizeof offered / sizeof offered[0]; i++) {
		if (offered[i].kib != kib)
			continue;
		if (bits == 52)
			snprintf(buf, len, "%s: Linux 6.1 cannot build it: ARM64_VA_BITS_52 depends "
				 "on ARM64_64K_PAGES (arch/arm64/Kconfig); with %uK pages it offers "
				 "VA sizes %s", name, kib, offered[i].bits);
		else
			snprintf(buf, len, "%s: Linux 6.1 cannot build it: arch/arm64/Kconfig has "
				 "no %u-bit VA size with %uK pages; it offers %s", name, bits, kib,
				 offered[i].bits);
		return buf;
	}
	snprintf(buf, len, "%s: Linux 6.1's arm64 has no %uK pages: its page sizes are 4K, 16K "
		 "and 64K (ARM64_4K_PAGES, ARM64_16K_PAGES, ARM64_64K_PAGES in "
		 "arch/arm64/Kconfig)", name, kib);
	return buf;
}

int arm64_ttbr_select(const struct arch *a, uint64_t addr)
{
	unsigned va = a->va_bits;

	if ((addr >> 55) & 1)                           /* TTBR1: bits 63..va all 1 */
		return (addr >> va) == (~0ULL >> va) ? 1 : -1;
	return ((addr << 8) >> (8 + va)) == 0 ? 0 : -1; /* TTBR0: bits 55..va all 0 */
}

int arm64_addr_split(const struct arch *a, uint64_t addr, struct addr_fields *out,
		     struct diag *d)
{
	int sel = arm64_ttbr_select(a, addr);

	if (sel < 0 && ((addr >> 55) & 1)) {
		diag_set(d, NULL, 0, 0, "0x%016llx is in neither range on %s: bit 55 is 1 "
			 "(TTBR1_EL1), so bits 63..%u must all be 1, but they are 0x%llx "
			 "(a level 0 translation fault).", (unsigned long long)addr, a->name,
			 a->va_bits, (unsigned long long)(addr >> a->va_bits));
		return -1;
	}
	if (sel < 0) {
		diag_set(d, NULL, 0, 0, "0x%016llx is in neither range on %s: bit 55 is 0 "
			 "(TTBR0_EL1), so bits 55..%u must all be 0 (bits 63..56 are a tag the "
			 "MMU ignores, TBI0), but they are 0x%llx (a level 0 translation fault).",
			 (unsigned long long)addr, a->name, a->va_bits,
			 (unsigned long long)((addr << 8) >> (8 + a->va_bits)));
		return -1;
	}
	memset(out, 0, sizeof *out);
	out->addr = addr;
	out->ttbr = (unsigned)sel;
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++) {
		const struct level_info *l = &a->level[lv];
		if (!l->folded)
			out->index[lv] = (unsigned)((addr >> l->shift) & (l->ptrs - 1));
	}
	out->offset = addr & ((1ULL << a->page_shift) - 1);
	return 0;
}

bool arm64_block_ok(const struct arch *a, enum level lv)
{
	unsigned hw = a->level[lv].hw_level;

	if (lv >= LEVEL_PTE || a->level[lv].folded)
		return false;
	return hw == 2 || (hw == 1 && a->page_shift == 12);
}

enum a64_desc arm64_desc_type(const struct arch *a, enum level lv, uint64_t e)
{
	if (!(e & A64_VALID))
		return A64_DESC_INVALID;
	if (e & A64_TABLE)
		return lv == LEVEL_PTE ? A64_DESC_PAGE : A64_DESC_TABLE;
	return arm64_block_ok(a, lv) ? A64_DESC_BLOCK : A64_DESC_RESERVED;
}

uint64_t arm64_top_table_size(const struct arch *a)
{
	return (uint64_t)a->level[LEVEL_PGD].ptrs * 8;
}

uint64_t arm64_ttbr_base(const struct arch *a, uint64_t ttbr)
{
	uint64_t size = arm64_top_table_size(a);

	if (size < 64)
		size = 64;
	return ttbr & 0x0000ffffffffffffULL & ~(size - 1);
}

uint64_t arm64_desc_addr(const struct arch *a, uint64_t e)
{
	return e & A64_OA_MASK & ~((1ULL << a->page_shift) - 1);
}
