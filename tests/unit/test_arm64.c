/* SPDX-License-Identifier: GPL-2.0-only */
/* test_arm64.c - the arm64 profiles against Linux 6.1's headers, the two
 * address ranges, and arm64_walk_run over hand-built tables.
 *
 * The macro values are typed in (generated once from the expressions
 * below, then checked by hand); each row names the header and the
 * expression it comes from. In arch/arm64/include/asm/:
 *   page-def.h        PAGE_SHIFT = CONFIG_ARM64_PAGE_SHIFT (12, 14, 16)
 *   pgtable-hwdef.h   ARM64_HW_PGTABLE_LEVELS(va) = ((va) - 4) / (PAGE_SHIFT - 3)
 *                     ARM64_HW_PGTABLE_LEVEL_SHIFT(n) = (PAGE_SHIFT - 3) * (4 - (n)) + 3
 *                     PMD_SHIFT (levels > 2), PUD_SHIFT (levels > 3), PGDIR_SHIFT,
 *                     PTRS_PER_PTE/PMD/PUD = 1 << (PAGE_SHIFT - 3),
 *                     PTRS_PER_PGD = 1 << (VA_BITS - PGDIR_SHIFT)
 * and include/asm-generic/pgtable-nop4d.h, -nopud.h, -nopmd.h for the
 * folded levels. tests/cli/arm64_headers.sh compiles the real headers.
 *
 * The walk cases state what the MMU does: the physical address, or the
 * step blamed and the ESR_EL1 the CPU writes: EC << 26 | IL (bit 25) |
 * WnR (bit 6) | DFSC; EC 0x24/0x25 data abort from EL0/EL1, 0x20/0x21
 * instruction abort; FSC 0x04+level translation, 0x08+level access flag,
 * 0x0c+level permission (arch/arm64/include/asm/esr.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "paging/arm64.h"

struct macro_case {
	const char *arch;
	const char *name;
	uint64_t value;
	const char *from;
};

static const struct macro_case linux_macros[] = {
	/* arm64-4k-39: PAGE_SHIFT 12, VA_BITS 39, CONFIG_PGTABLE_LEVELS 3 */
	{ "arm64-4k-39", "PAGE_SHIFT", 12, "page-def.h: CONFIG_ARM64_PAGE_SHIFT" },
	{ "arm64-4k-39", "PAGE_SIZE", 0x1000, "page-def.h: 1UL << PAGE_SHIFT" },
	{ "arm64-4k-39", "PAGE_MASK", 0xfffffffffffff000, "page-def.h: ~(PAGE_SIZE-1)" },
	{ "arm64-4k-39", "PMD_SHIFT", 21, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(2) = (12-3)*(4-2)+3" },
	{ "arm64-4k-39", "PMD_SIZE", 0x200000, "1UL << PMD_SHIFT" },
	{ "arm64-4k-39", "PMD_MASK", 0xffffffffffe00000, "~(PMD_SIZE-1)" },
	{ "arm64-4k-39", "PUD_SHIFT", 30, "pgtable-nopud.h: PUD_SHIFT = P4D_SHIFT" },
	{ "arm64-4k-39", "PUD_SIZE", 0x40000000, "1UL << PUD_SHIFT" },
	{ "arm64-4k-39", "PUD_MASK", 0xffffffffc0000000, "~(PUD_SIZE-1)" },
	{ "arm64-4k-39", "P4D_SHIFT", 30, "pgtable-nop4d.h: P4D_SHIFT = PGDIR_SHIFT" },
	{ "arm64-4k-39", "P4D_SIZE", 0x40000000, "1UL << P4D_SHIFT" },
	{ "arm64-4k-39", "P4D_MASK", 0xffffffffc0000000, "~(P4D_SIZE-1)" },
	{ "arm64-4k-39", "PGDIR_SHIFT", 30, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(4 - 3) = (12-3)*(4-1)+3" },
	{ "arm64-4k-39", "PGDIR_SIZE", 0x40000000, "1UL << PGDIR_SHIFT" },
	{ "arm64-4k-39", "PGDIR_MASK", 0xffffffffc0000000, "~(PGDIR_SIZE-1)" },
	{ "arm64-4k-39", "PTRS_PER_PGD", 512, "pgtable-hwdef.h: 1 << (VA_BITS - PGDIR_SHIFT) = 1 << (39 - 30)" },
	{ "arm64-4k-39", "PTRS_PER_P4D", 1, "pgtable-nop4d.h: 1" },
	{ "arm64-4k-39", "PTRS_PER_PUD", 1, "pgtable-nopud.h: 1" },
	{ "arm64-4k-39", "PTRS_PER_PMD", 512, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	{ "arm64-4k-39", "PTRS_PER_PTE", 512, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	/* arm64-4k-48: PAGE_SHIFT 12, VA_BITS 48, CONFIG_PGTABLE_LEVELS 4 */
	{ "arm64-4k-48", "PAGE_SHIFT", 12, "page-def.h: CONFIG_ARM64_PAGE_SHIFT" },
	{ "arm64-4k-48", "PAGE_SIZE", 0x1000, "page-def.h: 1UL << PAGE_SHIFT" },
	{ "arm64-4k-48", "PAGE_MASK", 0xfffffffffffff000, "page-def.h: ~(PAGE_SIZE-1)" },
	{ "arm64-4k-48", "PMD_SHIFT", 21, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(2) = (12-3)*(4-2)+3" },
	{ "arm64-4k-48", "PMD_SIZE", 0x200000, "1UL << PMD_SHIFT" },
	{ "arm64-4k-48", "PMD_MASK", 0xffffffffffe00000, "~(PMD_SIZE-1)" },
	{ "arm64-4k-48", "PUD_SHIFT", 30, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(1) = (12-3)*(4-1)+3" },
	{ "arm64-4k-48", "PUD_SIZE", 0x40000000, "1UL << PUD_SHIFT" },
	{ "arm64-4k-48", "PUD_MASK", 0xffffffffc0000000, "~(PUD_SIZE-1)" },
	{ "arm64-4k-48", "P4D_SHIFT", 39, "pgtable-nop4d.h: P4D_SHIFT = PGDIR_SHIFT" },
	{ "arm64-4k-48", "P4D_SIZE", 0x8000000000, "1UL << P4D_SHIFT" },
	{ "arm64-4k-48", "P4D_MASK", 0xffffff8000000000, "~(P4D_SIZE-1)" },
	{ "arm64-4k-48", "PGDIR_SHIFT", 39, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(4 - 4) = (12-3)*(4-0)+3" },
	{ "arm64-4k-48", "PGDIR_SIZE", 0x8000000000, "1UL << PGDIR_SHIFT" },
	{ "arm64-4k-48", "PGDIR_MASK", 0xffffff8000000000, "~(PGDIR_SIZE-1)" },
	{ "arm64-4k-48", "PTRS_PER_PGD", 512, "pgtable-hwdef.h: 1 << (VA_BITS - PGDIR_SHIFT) = 1 << (48 - 39)" },
	{ "arm64-4k-48", "PTRS_PER_P4D", 1, "pgtable-nop4d.h: 1" },
	{ "arm64-4k-48", "PTRS_PER_PUD", 512, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	{ "arm64-4k-48", "PTRS_PER_PMD", 512, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	{ "arm64-4k-48", "PTRS_PER_PTE", 512, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	/* arm64-16k-36: PAGE_SHIFT 14, VA_BITS 36, CONFIG_PGTABLE_LEVELS 2 */
	{ "arm64-16k-36", "PAGE_SHIFT", 14, "page-def.h: CONFIG_ARM64_PAGE_SHIFT" },
	{ "arm64-16k-36", "PAGE_SIZE", 0x4000, "page-def.h: 1UL << PAGE_SHIFT" },
	{ "arm64-16k-36", "PAGE_MASK", 0xffffffffffffc000, "page-def.h: ~(PAGE_SIZE-1)" },
	{ "arm64-16k-36", "PMD_SHIFT", 25, "pgtable-nopmd.h: PMD_SHIFT = PUD_SHIFT" },
	{ "arm64-16k-36", "PMD_SIZE", 0x2000000, "1UL << PMD_SHIFT" },
	{ "arm64-16k-36", "PMD_MASK", 0xfffffffffe000000, "~(PMD_SIZE-1)" },
	{ "arm64-16k-36", "PUD_SHIFT", 25, "pgtable-nopud.h: PUD_SHIFT = P4D_SHIFT" },
	{ "arm64-16k-36", "PUD_SIZE", 0x2000000, "1UL << PUD_SHIFT" },
	{ "arm64-16k-36", "PUD_MASK", 0xfffffffffe000000, "~(PUD_SIZE-1)" },
	{ "arm64-16k-36", "P4D_SHIFT", 25, "pgtable-nop4d.h: P4D_SHIFT = PGDIR_SHIFT" },
	{ "arm64-16k-36", "P4D_SIZE", 0x2000000, "1UL << P4D_SHIFT" },
	{ "arm64-16k-36", "P4D_MASK", 0xfffffffffe000000, "~(P4D_SIZE-1)" },
	{ "arm64-16k-36", "PGDIR_SHIFT", 25, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(4 - 2) = (14-3)*(4-2)+3" },
	{ "arm64-16k-36", "PGDIR_SIZE", 0x2000000, "1UL << PGDIR_SHIFT" },
	{ "arm64-16k-36", "PGDIR_MASK", 0xfffffffffe000000, "~(PGDIR_SIZE-1)" },
	{ "arm64-16k-36", "PTRS_PER_PGD", 2048, "pgtable-hwdef.h: 1 << (VA_BITS - PGDIR_SHIFT) = 1 << (36 - 25)" },
	{ "arm64-16k-36", "PTRS_PER_P4D", 1, "pgtable-nop4d.h: 1" },
	{ "arm64-16k-36", "PTRS_PER_PUD", 1, "pgtable-nopud.h: 1" },
	{ "arm64-16k-36", "PTRS_PER_PMD", 1, "pgtable-nopmd.h: 1" },
	{ "arm64-16k-36", "PTRS_PER_PTE", 2048, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	/* arm64-16k-47: PAGE_SHIFT 14, VA_BITS 47, CONFIG_PGTABLE_LEVELS 3 */
	{ "arm64-16k-47", "PAGE_SHIFT", 14, "page-def.h: CONFIG_ARM64_PAGE_SHIFT" },
	{ "arm64-16k-47", "PAGE_SIZE", 0x4000, "page-def.h: 1UL << PAGE_SHIFT" },
	{ "arm64-16k-47", "PAGE_MASK", 0xffffffffffffc000, "page-def.h: ~(PAGE_SIZE-1)" },
	{ "arm64-16k-47", "PMD_SHIFT", 25, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(2) = (14-3)*(4-2)+3" },
	{ "arm64-16k-47", "PMD_SIZE", 0x2000000, "1UL << PMD_SHIFT" },
	{ "arm64-16k-47", "PMD_MASK", 0xfffffffffe000000, "~(PMD_SIZE-1)" },
	{ "arm64-16k-47", "PUD_SHIFT", 36, "pgtable-nopud.h: PUD_SHIFT = P4D_SHIFT" },
	{ "arm64-16k-47", "PUD_SIZE", 0x1000000000, "1UL << PUD_SHIFT" },
	{ "arm64-16k-47", "PUD_MASK", 0xfffffff000000000, "~(PUD_SIZE-1)" },
	{ "arm64-16k-47", "P4D_SHIFT", 36, "pgtable-nop4d.h: P4D_SHIFT = PGDIR_SHIFT" },
	{ "arm64-16k-47", "P4D_SIZE", 0x1000000000, "1UL << P4D_SHIFT" },
	{ "arm64-16k-47", "P4D_MASK", 0xfffffff000000000, "~(P4D_SIZE-1)" },
	{ "arm64-16k-47", "PGDIR_SHIFT", 36, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(4 - 3) = (14-3)*(4-1)+3" },
	{ "arm64-16k-47", "PGDIR_SIZE", 0x1000000000, "1UL << PGDIR_SHIFT" },
	{ "arm64-16k-47", "PGDIR_MASK", 0xfffffff000000000, "~(PGDIR_SIZE-1)" },
	{ "arm64-16k-47", "PTRS_PER_PGD", 2048, "pgtable-hwdef.h: 1 << (VA_BITS - PGDIR_SHIFT) = 1 << (47 - 36)" },
	{ "arm64-16k-47", "PTRS_PER_P4D", 1, "pgtable-nop4d.h: 1" },
	{ "arm64-16k-47", "PTRS_PER_PUD", 1, "pgtable-nopud.h: 1" },
	{ "arm64-16k-47", "PTRS_PER_PMD", 2048, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	{ "arm64-16k-47", "PTRS_PER_PTE", 2048, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	/* arm64-16k-48: PAGE_SHIFT 14, VA_BITS 48, CONFIG_PGTABLE_LEVELS 4 */
	{ "arm64-16k-48", "PAGE_SHIFT", 14, "page-def.h: CONFIG_ARM64_PAGE_SHIFT" },
	{ "arm64-16k-48", "PAGE_SIZE", 0x4000, "page-def.h: 1UL << PAGE_SHIFT" },
	{ "arm64-16k-48", "PAGE_MASK", 0xffffffffffffc000, "page-def.h: ~(PAGE_SIZE-1)" },
	{ "arm64-16k-48", "PMD_SHIFT", 25, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(2) = (14-3)*(4-2)+3" },
	{ "arm64-16k-48", "PMD_SIZE", 0x2000000, "1UL << PMD_SHIFT" },
	{ "arm64-16k-48", "PMD_MASK", 0xfffffffffe000000, "~(PMD_SIZE-1)" },
	{ "arm64-16k-48", "PUD_SHIFT", 36, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(1) = (14-3)*(4-1)+3" },
	{ "arm64-16k-48", "PUD_SIZE", 0x1000000000, "1UL << PUD_SHIFT" },
	{ "arm64-16k-48", "PUD_MASK", 0xfffffff000000000, "~(PUD_SIZE-1)" },
	{ "arm64-16k-48", "P4D_SHIFT", 47, "pgtable-nop4d.h: P4D_SHIFT = PGDIR_SHIFT" },
	{ "arm64-16k-48", "P4D_SIZE", 0x800000000000, "1UL << P4D_SHIFT" },
	{ "arm64-16k-48", "P4D_MASK", 0xffff800000000000, "~(P4D_SIZE-1)" },
	{ "arm64-16k-48", "PGDIR_SHIFT", 47, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(4 - 4) = (14-3)*(4-0)+3" },
	{ "arm64-16k-48", "PGDIR_SIZE", 0x800000000000, "1UL << PGDIR_SHIFT" },
	{ "arm64-16k-48", "PGDIR_MASK", 0xffff800000000000, "~(PGDIR_SIZE-1)" },
	{ "arm64-16k-48", "PTRS_PER_PGD", 2, "pgtable-hwdef.h: 1 << (VA_BITS - PGDIR_SHIFT) = 1 << (48 - 47)" },
	{ "arm64-16k-48", "PTRS_PER_P4D", 1, "pgtable-nop4d.h: 1" },
	{ "arm64-16k-48", "PTRS_PER_PUD", 2048, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	{ "arm64-16k-48", "PTRS_PER_PMD", 2048, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	{ "arm64-16k-48", "PTRS_PER_PTE", 2048, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	/* arm64-64k-42: PAGE_SHIFT 16, VA_BITS 42, CONFIG_PGTABLE_LEVELS 2 */
	{ "arm64-64k-42", "PAGE_SHIFT", 16, "page-def.h: CONFIG_ARM64_PAGE_SHIFT" },
	{ "arm64-64k-42", "PAGE_SIZE", 0x10000, "page-def.h: 1UL << PAGE_SHIFT" },
	{ "arm64-64k-42", "PAGE_MASK", 0xffffffffffff0000, "page-def.h: ~(PAGE_SIZE-1)" },
	{ "arm64-64k-42", "PMD_SHIFT", 29, "pgtable-nopmd.h: PMD_SHIFT = PUD_SHIFT" },
	{ "arm64-64k-42", "PMD_SIZE", 0x20000000, "1UL << PMD_SHIFT" },
	{ "arm64-64k-42", "PMD_MASK", 0xffffffffe0000000, "~(PMD_SIZE-1)" },
	{ "arm64-64k-42", "PUD_SHIFT", 29, "pgtable-nopud.h: PUD_SHIFT = P4D_SHIFT" },
	{ "arm64-64k-42", "PUD_SIZE", 0x20000000, "1UL << PUD_SHIFT" },
	{ "arm64-64k-42", "PUD_MASK", 0xffffffffe0000000, "~(PUD_SIZE-1)" },
	{ "arm64-64k-42", "P4D_SHIFT", 29, "pgtable-nop4d.h: P4D_SHIFT = PGDIR_SHIFT" },
	{ "arm64-64k-42", "P4D_SIZE", 0x20000000, "1UL << P4D_SHIFT" },
	{ "arm64-64k-42", "P4D_MASK", 0xffffffffe0000000, "~(P4D_SIZE-1)" },
	{ "arm64-64k-42", "PGDIR_SHIFT", 29, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(4 - 2) = (16-3)*(4-2)+3" },
	{ "arm64-64k-42", "PGDIR_SIZE", 0x20000000, "1UL << PGDIR_SHIFT" },
	{ "arm64-64k-42", "PGDIR_MASK", 0xffffffffe0000000, "~(PGDIR_SIZE-1)" },
	{ "arm64-64k-42", "PTRS_PER_PGD", 8192, "pgtable-hwdef.h: 1 << (VA_BITS - PGDIR_SHIFT) = 1 << (42 - 29)" },
	{ "arm64-64k-42", "PTRS_PER_P4D", 1, "pgtable-nop4d.h: 1" },
	{ "arm64-64k-42", "PTRS_PER_PUD", 1, "pgtable-nopud.h: 1" },
	{ "arm64-64k-42", "PTRS_PER_PMD", 1, "pgtable-nopmd.h: 1" },
	{ "arm64-64k-42", "PTRS_PER_PTE", 8192, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	/* arm64-64k-48: PAGE_SHIFT 16, VA_BITS 48, CONFIG_PGTABLE_LEVELS 3 */
	{ "arm64-64k-48", "PAGE_SHIFT", 16, "page-def.h: CONFIG_ARM64_PAGE_SHIFT" },
	{ "arm64-64k-48", "PAGE_SIZE", 0x10000, "page-def.h: 1UL << PAGE_SHIFT" },
	{ "arm64-64k-48", "PAGE_MASK", 0xffffffffffff0000, "page-def.h: ~(PAGE_SIZE-1)" },
	{ "arm64-64k-48", "PMD_SHIFT", 29, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(2) = (16-3)*(4-2)+3" },
	{ "arm64-64k-48", "PMD_SIZE", 0x20000000, "1UL << PMD_SHIFT" },
	{ "arm64-64k-48", "PMD_MASK", 0xffffffffe0000000, "~(PMD_SIZE-1)" },
	{ "arm64-64k-48", "PUD_SHIFT", 42, "pgtable-nopud.h: PUD_SHIFT = P4D_SHIFT" },
	{ "arm64-64k-48", "PUD_SIZE", 0x40000000000, "1UL << PUD_SHIFT" },
	{ "arm64-64k-48", "PUD_MASK", 0xfffffc0000000000, "~(PUD_SIZE-1)" },
	{ "arm64-64k-48", "P4D_SHIFT", 42, "pgtable-nop4d.h: P4D_SHIFT = PGDIR_SHIFT" },
	{ "arm64-64k-48", "P4D_SIZE", 0x40000000000, "1UL << P4D_SHIFT" },
	{ "arm64-64k-48", "P4D_MASK", 0xfffffc0000000000, "~(P4D_SIZE-1)" },
	{ "arm64-64k-48", "PGDIR_SHIFT", 42, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(4 - 3) = (16-3)*(4-1)+3" },
	{ "arm64-64k-48", "PGDIR_SIZE", 0x40000000000, "1UL << PGDIR_SHIFT" },
	{ "arm64-64k-48", "PGDIR_MASK", 0xfffffc0000000000, "~(PGDIR_SIZE-1)" },
	{ "arm64-64k-48", "PTRS_PER_PGD", 64, "pgtable-hwdef.h: 1 << (VA_BITS - PGDIR_SHIFT) = 1 << (48 - 42)" },
	{ "arm64-64k-48", "PTRS_PER_P4D", 1, "pgtable-nop4d.h: 1" },
	{ "arm64-64k-48", "PTRS_PER_PUD", 1, "pgtable-nopud.h: 1" },
	{ "arm64-64k-48", "PTRS_PER_PMD", 8192, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	{ "arm64-64k-48", "PTRS_PER_PTE", 8192, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	/* arm64-64k-52: PAGE_SHIFT 16, VA_BITS 52, CONFIG_PGTABLE_LEVELS 3 */
	{ "arm64-64k-52", "PAGE_SHIFT", 16, "page-def.h: CONFIG_ARM64_PAGE_SHIFT" },
	{ "arm64-64k-52", "PAGE_SIZE", 0x10000, "page-def.h: 1UL << PAGE_SHIFT" },
	{ "arm64-64k-52", "PAGE_MASK", 0xffffffffffff0000, "page-def.h: ~(PAGE_SIZE-1)" },
	{ "arm64-64k-52", "PMD_SHIFT", 29, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(2) = (16-3)*(4-2)+3" },
	{ "arm64-64k-52", "PMD_SIZE", 0x20000000, "1UL << PMD_SHIFT" },
	{ "arm64-64k-52", "PMD_MASK", 0xffffffffe0000000, "~(PMD_SIZE-1)" },
	{ "arm64-64k-52", "PUD_SHIFT", 42, "pgtable-nopud.h: PUD_SHIFT = P4D_SHIFT" },
	{ "arm64-64k-52", "PUD_SIZE", 0x40000000000, "1UL << PUD_SHIFT" },
	{ "arm64-64k-52", "PUD_MASK", 0xfffffc0000000000, "~(PUD_SIZE-1)" },
	{ "arm64-64k-52", "P4D_SHIFT", 42, "pgtable-nop4d.h: P4D_SHIFT = PGDIR_SHIFT" },
	{ "arm64-64k-52", "P4D_SIZE", 0x40000000000, "1UL << P4D_SHIFT" },
	{ "arm64-64k-52", "P4D_MASK", 0xfffffc0000000000, "~(P4D_SIZE-1)" },
	{ "arm64-64k-52", "PGDIR_SHIFT", 42, "pgtable-hwdef.h: ARM64_HW_PGTABLE_LEVEL_SHIFT(4 - 3) = (16-3)*(4-1)+3" },
	{ "arm64-64k-52", "PGDIR_SIZE", 0x40000000000, "1UL << PGDIR_SHIFT" },
	{ "arm64-64k-52", "PGDIR_MASK", 0xfffffc0000000000, "~(PGDIR_SIZE-1)" },
	{ "arm64-64k-52", "PTRS_PER_PGD", 1024, "pgtable-hwdef.h: 1 << (VA_BITS - PGDIR_SHIFT) = 1 << (52 - 42)" },
	{ "arm64-64k-52", "PTRS_PER_P4D", 1, "pgtable-nop4d.h: 1" },
	{ "arm64-64k-52", "PTRS_PER_PUD", 1, "pgtable-nopud.h: 1" },
	{ "arm64-64k-52", "PTRS_PER_PMD", 8192, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
	{ "arm64-64k-52", "PTRS_PER_PTE", 8192, "pgtable-hwdef.h: 1 << (PAGE_SHIFT - 3)" },
};

static void test_macros_equal_linux(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof linux_macros / sizeof linux_macros[0]; i++) {
		const struct macro_case *c = &linux_macros[i];
		const struct arch *a = arch_by_name(c->arch);
		uint64_t v = 0;

		assert_non_null(a);
		assert_int_equal(a->family, FAMILY_ARM64);
		if (arch_macro_value(a, c->name, &v) < 0 || v != c->value)
			fail_msg("%s %s = 0x%llx, Linux (%s) says 0x%llx", c->arch, c->name,
				 (unsigned long long)v, c->from, (unsigned long long)c->value);
	}
	/* every profile has its 20 rows */
	assert_int_equal(sizeof linux_macros / sizeof linux_macros[0],
			 20 * (ARCH_COUNT - ARCH_ARM64_FIRST));
}

/* Linux's level names and what is folded, with the hardware level of each
 * real level (pgtable-types.h picks the nop header by CONFIG_PGTABLE_LEVELS). */
static const struct {
	const char *name;
	unsigned page_shift, va_bits, levels;
	int hw[LEVEL_COUNT];          /* -1: folded */
} shapes[] = {
	{ "arm64-4k-39", 12, 39, 3, { 1, -1, -1, 2, 3 } },
	{ "arm64-4k-48", 12, 48, 4, { 0, -1, 1, 2, 3 } },
	{ "arm64-16k-36", 14, 36, 2, { 2, -1, -1, -1, 3 } },
	{ "arm64-16k-47", 14, 47, 3, { 1, -1, -1, 2, 3 } },
	{ "arm64-16k-48", 14, 48, 4, { 0, -1, 1, 2, 3 } },
	{ "arm64-64k-42", 16, 42, 2, { 2, -1, -1, -1, 3 } },
	{ "arm64-64k-48", 16, 48, 3, { 1, -1, -1, 2, 3 } },
	{ "arm64-64k-52", 16, 52, 3, { 1, -1, -1, 2, 3 } },
};

static void test_shapes(void **state)
{
	(void)state;
	assert_int_equal(sizeof shapes / sizeof shapes[0], ARCH_COUNT - ARCH_ARM64_FIRST);
	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		const struct arch *a = arch_by_name(shapes[i].name);
		unsigned real = 0;

		assert_non_null(a);
		assert_ptr_equal(a, arch_get(a->id));
		assert_int_equal(a->page_shift, shapes[i].page_shift);
		assert_int_equal(a->va_bits, shapes[i].va_bits);
		assert_int_equal(a->real_levels, shapes[i].levels);
		assert_int_equal(a->entry_size, 8);
		assert_int_equal(a->word_bits, 64);
		for (int lv = 0; lv < LEVEL_COUNT; lv++) {
			if (shapes[i].hw[lv] < 0) {
				assert_true(a->level[lv].folded);
				assert_int_equal(a->level[lv].into, LEVEL_PGD);
				continue;
			}
			real++;
			assert_false(a->level[lv].folded);
			assert_int_equal(a->level[lv].hw_level, shapes[i].hw[lv]);
		}
		assert_int_equal(real, shapes[i].levels);
		/* the index widths and the offset fill VA_BITS */
		unsigned bits = a->page_shift;
		for (int lv = 0; lv < LEVEL_COUNT; lv++)
			bits += arch_index_bits(a, (enum level)lv);
		assert_int_equal(bits, a->va_bits);
	}
}

static void test_refusals(void **state)
{
	static const struct { const char *name, *says; } cases[] = {
		{ "arm64-4k-52", "arm64-4k-52: Linux 6.1 cannot build it: ARM64_VA_BITS_52 depends on "
		  "ARM64_64K_PAGES (arch/arm64/Kconfig); with 4K pages it offers VA sizes 39 and 48 "
		  "(arm64-4k-39, arm64-4k-48)" },
		{ "arm64-16k-52", "ARM64_VA_BITS_52 depends on ARM64_64K_PAGES" },
		{ "arm64-4k-42", "arm64-4k-42: Linux 6.1 cannot build it: arch/arm64/Kconfig has no "
		  "42-bit VA size with 4K pages; it offers 39 and 48 (arm64-4k-39, arm64-4k-48)" },
		{ "arm64-64k-39", "no 39-bit VA size with 64K pages; it offers 42, 48 and 52" },
		{ "arm64-16k-39", "it offers 36 (with EXPERT), 47 and 48" },
		{ "arm64-8k-48", "arm64-8k-48: Linux 6.1's arm64 has no 8K pages" },
	};
	char buf[400];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_null(arch_by_name(cases[i].name));
		assert_non_null(arm64_refusal(cases[i].name, buf, sizeof buf));
		if (!strstr(buf, cases[i].says))
			fail_msg("%s: %s", cases[i].name, buf);
		assert_ptr_equal(arch_unknown_why(cases[i].name, buf, sizeof buf), buf);
		assert_non_null(strstr(buf, cases[i].says));
	}
	/* real ones and other words are not refusals */
	assert_null(arm64_refusal("arm64-4k-39", buf, sizeof buf));
	assert_null(arm64_refusal("arm64-4k-39x", buf, sizeof buf));
	assert_null(arm64_refusal("x86-32", buf, sizeof buf));
	assert_null(arm64_refusal("arm64", buf, sizeof buf));
	arch_unknown_why("sparc", buf, sizeof buf);
	assert_non_null(strstr(buf, "unknown arch 'sparc'; valid archs: x86-32,"));
	assert_non_null(strstr(buf, "arm64-64k-52"));
}

struct split_case {
	const char *arch;
	uint64_t addr;
	int ttbr;                      /* -1: in neither range */
	unsigned pgd, pud, pmd, pte;
	uint64_t offset;
};

static const struct split_case splits[] = {
	{ "arm64-4k-39", 0x0000000000401234, 0, 0, 0, 2, 1, 0x234 },
	{ "arm64-4k-39", 0x0000007fffffffff, 0, 511, 0, 511, 511, 0xfff },
	{ "arm64-4k-39", 0x5a00000000401234, 0, 0, 0, 2, 1, 0x234 },   /* tag: TBI0 */
	{ "arm64-4k-39", 0xffffff8000000000, 1, 0, 0, 0, 0, 0 },
	{ "arm64-4k-39", 0xffffffc000101234, 1, 256, 0, 0, 257, 0x234 },
	{ "arm64-4k-39", 0x0000008000000000, -1, 0, 0, 0, 0, 0 },      /* bit 39 */
	{ "arm64-4k-39", 0x0080000000000000, -1, 0, 0, 0, 0, 0 },      /* bit 55 alone */
	{ "arm64-4k-39", 0xffbfff8000000000, -1, 0, 0, 0, 0, 0 },      /* TTBR1, bit 54 clear */
	{ "arm64-4k-39", 0xfeffff8000000000, -1, 0, 0, 0, 0, 0 },      /* no TBI1 */
	{ "arm64-4k-48", 0x0000ffffffffe123, 0, 511, 511, 511, 510, 0x123 },
	{ "arm64-4k-48", 0xffff000000000000, 1, 0, 0, 0, 0, 0 },
	{ "arm64-4k-48", 0xffff800008001000, 1, 256, 0, 64, 1, 0 },
	{ "arm64-4k-48", 0xfffe000000000000, -1, 0, 0, 0, 0, 0 },
	{ "arm64-16k-36", 0x0000000fffffc000, 0, 2047, 0, 0, 2047, 0 },
	{ "arm64-16k-47", 0xffff800000004001, 1, 0, 0, 0, 1, 1 },
	{ "arm64-16k-48", 0x0000800000000000, 0, 1, 0, 0, 0, 0 },
	{ "arm64-16k-48", 0xffff812345678000, 1, 1, 0x12, 0x1a2, 0x59e, 0 },
	{ "arm64-64k-42", 0x000003ffffff0000, 0, 8191, 0, 0, 8191, 0 },
	{ "arm64-64k-42", 0xfffffc0020011234, 1, 1, 0, 0, 1, 0x1234 },
	{ "arm64-64k-48", 0x0000fc0000000000, 0, 63, 0, 0, 0, 0 },
	{ "arm64-64k-52", 0x000ffc0000000000, 0, 1023, 0, 0, 0, 0 },
	{ "arm64-64k-52", 0xfff0000000000000, 1, 0, 0, 0, 0, 0 },
	{ "arm64-64k-52", 0xffe0000000000000, -1, 0, 0, 0, 0, 0 },
};

static void test_split(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof splits / sizeof splits[0]; i++) {
		const struct split_case *c = &splits[i];
		const struct arch *a = arch_by_name(c->arch);
		struct addr_fields f;
		struct diag d = { 0 };
		int rc = addr_split(a, c->addr, &f, &d);

		assert_int_equal(arm64_ttbr_select(a, c->addr), c->ttbr);
		assert_int_equal(arch_addr_canonical(a, c->addr), c->ttbr >= 0);
		if (c->ttbr < 0) {
			assert_int_equal(rc, -1);
			assert_non_null(strstr(d.msg, "is in neither range"));
			assert_non_null(strstr(d.msg, "level 0 translation fault"));
			continue;
		}
		if (rc != 0)
			fail_msg("%s 0x%llx: %s", c->arch, (unsigned long long)c->addr, d.msg);
		assert_int_equal(f.ttbr, (unsigned)c->ttbr);
		assert_int_equal(f.index[LEVEL_PGD], c->pgd);
		assert_int_equal(f.index[LEVEL_PUD], c->pud);
		assert_int_equal(f.index[LEVEL_PMD], c->pmd);
		assert_int_equal(f.index[LEVEL_PTE], c->pte);
		assert_int_equal(f.index[LEVEL_P4D], 0);
		assert_true(f.offset == c->offset);
	}
}

static void test_split_messages(void **state)
{
	const struct arch *a = arch_by_name("arm64-4k-39");
	struct addr_fields f;
	struct diag d = { 0 };

	(void)state;
	assert_int_equal(addr_split(a, 0x0000008000000000, &f, &d), -1);
	assert_string_equal(d.msg, "0x0000008000000000 is in neither range on arm64-4k-39: "
			    "bit 55 is 0 (TTBR0_EL1), so bits 55..39 must all be 0 (bits 63..56 "
			    "are a tag the MMU ignores, TBI0), but they are 0x1 (a level 0 "
			    "translation fault).");
	assert_int_equal(addr_split(a, 0xffbfff8000000000, &f, &d), -1);
	assert_string_equal(d.msg, "0xffbfff8000000000 is in neither range on arm64-4k-39: "
			    "bit 55 is 1 (TTBR1_EL1), so bits 63..39 must all be 1, but they are "
			    "0x1ff7fff (a level 0 translation fault).");
}

static void test_halves(void **state)
{
	uint64_t lo, hi;

	(void)state;
	arch_half(arch_by_name("arm64-4k-39"), false, &lo, &hi);
	assert_true(lo == 0 && hi == 0x0000007fffffffffULL);
	arch_half(arch_by_name("arm64-4k-39"), true, &lo, &hi);
	assert_true(lo == 0xffffff8000000000ULL && hi == ~0ULL);
	arch_half(arch_by_name("arm64-64k-52"), true, &lo, &hi);
	assert_true(lo == 0xfff0000000000000ULL);
}

/* ---- walks -------------------------------------------------------------- */

#define PAGE    (A64_VALID | A64_TABLE)
#define BLOCK   A64_VALID
#define TABLE   (A64_VALID | A64_TABLE)
#define NORM    (A64_AF | A64_SH_INNER)                 /* AttrIndx 0 */
#define U_RW    (NORM | A64_NG | A64_AP1 | A64_PXN | A64_UXN)          /* AP 01 */
#define U_RX    (NORM | A64_NG | A64_AP1 | A64_AP2 | A64_PXN)          /* AP 11 */
#define K_RW    (NORM | A64_PXN | A64_UXN)                            /* AP 00 */
#define K_RX    (NORM | A64_AP2 | A64_UXN)                            /* AP 10 */

static void put(struct physmem *pm, uint64_t pa, uint64_t v)
{
	assert_int_equal(physmem_write(pm, pa, v, 8), 0);
}

/* arm64-4k-39: TTBR0 -> 0x100000, TTBR1 -> 0x101000; user tables carry
 * PXNTable and kernel ones UXNTable, as Linux 6.1's pmd_populate() and
 * pmd_populate_kernel() write them (arch/arm64/include/asm/pgalloc.h). */
static void fix_4k39(struct physmem *pm)
{
	put(pm, 0x100000 + 0 * 8, 0x102000 | TABLE | A64_PXNTABLE);
	put(pm, 0x102000 + 2 * 8, 0x103000 | TABLE | A64_PXNTABLE);   /* 0x400000 */
	put(pm, 0x103000 + 1 * 8, 0x200000 | PAGE | U_RW);            /* 0x401000 rw- */
	put(pm, 0x103000 + 2 * 8, 0x201000 | PAGE | U_RX);            /* 0x402000 r-x */
	put(pm, 0x103000 + 3 * 8, 0x202000 | PAGE | (U_RW & ~A64_AF)); /* 0x403000 old */
	put(pm, 0x103000 + 4 * 8, 0x203000 | BLOCK | NORM);           /* 01 at level 3 */
	put(pm, 0x102000 + 3 * 8, 0x400000 | BLOCK | U_RW);           /* 0x600000: 2 MiB */
	put(pm, 0x102000 + 4 * 8, 0x104000 | TABLE | A64_PXNTABLE | A64_APTABLE1);
	put(pm, 0x104000 + 0 * 8, 0x205000 | PAGE | U_RW);            /* 0x800000 */
	put(pm, 0x102000 + 6 * 8, 0x107000 | TABLE | A64_APTABLE0);   /* 0xc00000 */
	put(pm, 0x107000 + 0 * 8, 0x206000 | PAGE | U_RW);
	put(pm, 0x100000 + 2 * 8, 0x3c0000000ULL | BLOCK | U_RW);     /* 0x80000000: 1 GiB */
	/* kernel: 0xffffffc000000000 = pgd 256 */
	put(pm, 0x101000 + 256 * 8, 0x105000 | TABLE | A64_UXNTABLE);
	put(pm, 0x105000 + 0 * 8, 0x106000 | TABLE | A64_UXNTABLE);
	put(pm, 0x106000 + 0 * 8, 0x300000 | PAGE | K_RW);
	put(pm, 0x106000 + 1 * 8, 0x301000 | PAGE | K_RX);
	put(pm, 0x106000 + 2 * 8, 0x302000 | PAGE | NORM | A64_AP1 | A64_UXN); /* EL0-writable */
	put(pm, 0x106000 + 3 * 8, 0x303000 | PAGE | NORM | A64_AP1);  /* UXN clear, UXNTable */
	put(pm, 0x105000 + 1 * 8, 0x600000 | BLOCK | K_RW);           /* ...200000: 2 MiB */
	put(pm, 0x105000 + 2 * 8, 0x608000 | BLOCK | K_RW | 0x7000ULL); /* low bits masked */
}

/* arm64-64k-42: pgd (level 2, 8192 entries = 64 KiB) -> pte; TTBR0 ->
 * 0x10000, TTBR1 -> 0x20000. */
static void fix_64k42(struct physmem *pm)
{
	put(pm, 0x10000 + 0 * 8, 0x30000 | TABLE | A64_PXNTABLE);
	put(pm, 0x30000 + 1 * 8, 0x50000 | PAGE | U_RW);              /* 0x10000 */
	put(pm, 0x10000 + 1 * 8, 0x60000000 | BLOCK | U_RW);          /* 0x20000000: 512 MiB */
	put(pm, 0x20000 + 1 * 8, 0x70000 | TABLE | A64_UXNTABLE);     /* 0xfffffc0020000000 */
	put(pm, 0x70000 + 2 * 8, 0x80000 | PAGE | K_RW);
}

/* arm64-4k-48: level 0 cannot hold a block; level 1 can (1 GiB). */
static void fix_4k48(struct physmem *pm)
{
	put(pm, 0x1000 + 0 * 8, 0x2000 | TABLE);
	put(pm, 0x2000 + 1 * 8, 0x40000000 | BLOCK | U_RW);           /* 0x40000000 */
	put(pm, 0x1000 + 1 * 8, 0x8000000000ULL | BLOCK | U_RW);      /* level 0 block */
}

/* arm64-16k-47: a level 1 block is reserved with 16K pages; level 2 holds 32 MiB. */
static void fix_16k47(struct physmem *pm)
{
	put(pm, 0x4000 + 0 * 8, 0x8000 | TABLE);
	put(pm, 0x8000 + 1 * 8, 0x2000000 | BLOCK | U_RW);            /* 0x2000000: 32 MiB */
	put(pm, 0x4000 + 1 * 8, 0x1000000000ULL | BLOCK | U_RW);      /* level 1 block */
}

typedef void fixture_fn(struct physmem *);

struct walk_case {
	const char *what;
	const char *arch;
	fixture_fn *fix;
	uint64_t ttbr0, ttbr1, addr;
	enum access_kind kind;
	bool user;
	enum walk_status status;
	uint32_t esr;
	uint64_t phys;                 /* when OK */
	int fail;                      /* step index blamed when not OK */
	const char *why;               /* part of the reason */
};

#define R ACCESS_READ
#define W ACCESS_WRITE
#define X ACCESS_EXEC
#define T0 0x100000, 0x101000

static const struct walk_case walks[] = {
	{ "user read", "arm64-4k-39", fix_4k39, T0, 0x401234, R, true, WALK_OK, 0, 0x200234, -1, "" },
	{ "user write", "arm64-4k-39", fix_4k39, T0, 0x401234, W, true, WALK_OK, 0, 0x200234, -1, "" },
	{ "tagged user read", "arm64-4k-39", fix_4k39, T0, 0x5a00000000401234, R, true, WALK_OK, 0,
	  0x200234, -1, "" },
	{ "user fetch UXN", "arm64-4k-39", fix_4k39, T0, 0x401234, X, true, WALK_PROTECTION,
	  0x8200000f, 0, 4, "has UXN set" },
	{ "kernel fetch PXN", "arm64-4k-39", fix_4k39, T0, 0x401234, X, false, WALK_PROTECTION,
	  0x8600000f, 0, 4, "has PXN set" },
	{ "user write AP 11", "arm64-4k-39", fix_4k39, T0, 0x402010, W, true, WALK_PROTECTION,
	  0x9200004f, 0, 4, "AP[2:1] = 11 (read-only)" },
	{ "user fetch r-x", "arm64-4k-39", fix_4k39, T0, 0x402010, X, true, WALK_OK, 0, 0x201010,
	  -1, "" },
	{ "kernel read user page", "arm64-4k-39", fix_4k39, T0, 0x402010, R, false, WALK_OK, 0,
	  0x201010, -1, "" },
	{ "old page read", "arm64-4k-39", fix_4k39, T0, 0x403000, R, true, WALK_ACCESS_FLAG,
	  0x9200000b, 0, 4, "AF clear" },
	{ "old page write: AF before permission", "arm64-4k-39", fix_4k39, T0, 0x403008, W, true,
	  WALK_ACCESS_FLAG, 0x9200004b, 0, 4, "level 3 access flag fault" },
	{ "01 at level 3", "arm64-4k-39", fix_4k39, T0, 0x404000, R, true, WALK_NOT_PRESENT,
	  0x92000007, 0, 4, "bits[1:0] = 01, reserved at level 3" },
	{ "pte invalid", "arm64-4k-39", fix_4k39, T0, 0x405000, R, true, WALK_NOT_PRESENT,
	  0x92000007, 0, 4, "is invalid (bit 0 clear): a level 3 translation fault" },
	{ "pmd block", "arm64-4k-39", fix_4k39, T0, 0x654321, R, true, WALK_OK, 0, 0x454321, -1, "" },
	{ "APTable[1] user write", "arm64-4k-39", fix_4k39, T0, 0x800000, W, true, WALK_PROTECTION,
	  0x9200004f, 0, 3, "sets APTable[1]" },
	{ "APTable[1] kernel write", "arm64-4k-39", fix_4k39, T0, 0x800000, W, false,
	  WALK_PROTECTION, 0x9600004f, 0, 3, "sets APTable[1]" },
	{ "APTable[1] user read", "arm64-4k-39", fix_4k39, T0, 0x800000, R, true, WALK_OK, 0,
	  0x205000, -1, "" },
	{ "APTable[0] user read", "arm64-4k-39", fix_4k39, T0, 0xc00000, R, true, WALK_PROTECTION,
	  0x9200000f, 0, 3, "sets APTable[0]" },
	{ "APTable[0] kernel write", "arm64-4k-39", fix_4k39, T0, 0xc00000, W, false, WALK_OK, 0,
	  0x206000, -1, "" },
	{ "pgd block 1 GiB", "arm64-4k-39", fix_4k39, T0, 0x80012345, R, true, WALK_OK, 0,
	  0x3c0012345ULL, -1, "" },
	{ "pgd invalid", "arm64-4k-39", fix_4k39, T0, 0x40000000, R, true, WALK_NOT_PRESENT,
	  0x92000005, 0, 0, "a level 1 translation fault" },
	{ "pmd invalid kernel write", "arm64-4k-39", fix_4k39, T0, 0xa00000, W, false,
	  WALK_NOT_PRESENT, 0x96000046, 0, 3, "a level 2 translation fault" },
	{ "kernel read", "arm64-4k-39", fix_4k39, T0, 0xffffffc000000010, R, false, WALK_OK, 0,
	  0x300010, -1, "" },
	{ "user read kernel page", "arm64-4k-39", fix_4k39, T0, 0xffffffc000000010, R, true,
	  WALK_PROTECTION, 0x9200000f, 0, 4, "AP[2:1] = 00 (EL1 only)" },
	{ "kernel text fetch", "arm64-4k-39", fix_4k39, T0, 0xffffffc000001000, X, false, WALK_OK, 0,
	  0x301000, -1, "" },
	{ "kernel text write", "arm64-4k-39", fix_4k39, T0, 0xffffffc000001000, W, false,
	  WALK_PROTECTION, 0x9600004f, 0, 4, "AP[2:1] = 10 (read-only)" },
	{ "EL1 fetch of EL0-writable", "arm64-4k-39", fix_4k39, T0, 0xffffffc000002000, X, false,
	  WALK_PROTECTION, 0x8600000f, 0, 4, "EL1 may not execute what EL0 may write" },
	{ "EL0 fetch under UXNTable", "arm64-4k-39", fix_4k39, T0, 0xffffffc000003000, X, true,
	  WALK_PROTECTION, 0x8200000f, 0, 0, "has UXNTable set" },
	{ "EL0 read under UXNTable", "arm64-4k-39", fix_4k39, T0, 0xffffffc000003000, R, true,
	  WALK_OK, 0, 0x303000, -1, "" },
	{ "kernel block", "arm64-4k-39", fix_4k39, T0, 0xffffffc000201234, R, false, WALK_OK, 0,
	  0x601234, -1, "" },
	{ "block address bits below 2 MiB masked", "arm64-4k-39", fix_4k39, T0,
	  0xffffffc000400010, R, false, WALK_OK, 0, 0x600010, -1, "" },
	{ "kernel pgd invalid", "arm64-4k-39", fix_4k39, T0, 0xffffff8000000000, R, false,
	  WALK_NOT_PRESENT, 0x96000005, 0, 0, "pgd entry 0" },
	{ "neither range, user", "arm64-4k-39", fix_4k39, T0, 0x0000008000000000, R, true,
	  WALK_BAD_ADDRESS, 0x92000004, 0, 0, "in neither range" },
	{ "neither range, kernel write", "arm64-4k-39", fix_4k39, T0, 0xffff000000000000, W, false,
	  WALK_BAD_ADDRESS, 0x96000044, 0, 0, "bit 55 is 1 (TTBR1_EL1)" },
	{ "64K page", "arm64-64k-42", fix_64k42, 0x10000, 0x20000, 0x11234, W, true, WALK_OK, 0,
	  0x51234, -1, "" },
	{ "64K 512 MiB block", "arm64-64k-42", fix_64k42, 0x10000, 0x20000, 0x3fedcba9, R, true,
	  WALK_OK, 0, 0x7fedcba9, -1, "" },
	{ "64K pte invalid", "arm64-64k-42", fix_64k42, 0x10000, 0x20000, 0x20000, R, true,
	  WALK_NOT_PRESENT, 0x92000007, 0, 4, "pte entry 2" },
	{ "64K pgd invalid", "arm64-64k-42", fix_64k42, 0x10000, 0x20000, 0x40000000, R, true,
	  WALK_NOT_PRESENT, 0x92000006, 0, 0, "a level 2 translation fault" },
	{ "64K kernel", "arm64-64k-42", fix_64k42, 0x10000, 0x20000, 0xfffffc0020020008, W, false,
	  WALK_OK, 0, 0x80008, -1, "" },
	{ "64K ASID bits ignored", "arm64-64k-42", fix_64k42, 0x10000, 0x0001000000020000,
	  0xfffffc0020020008, R, false, WALK_OK, 0, 0x80008, -1, "" },
	{ "4K level 1 block", "arm64-4k-48", fix_4k48, 0x1000, 0x9000, 0x40000123, R, true, WALK_OK,
	  0, 0x40000123, -1, "" },
	{ "4K level 0 block", "arm64-4k-48", fix_4k48, 0x1000, 0x9000, 0x8000000000, R, true,
	  WALK_NOT_PRESENT, 0x92000004, 0, 0, "which level 0 cannot hold with 4K pages" },
	{ "16K 32 MiB block", "arm64-16k-47", fix_16k47, 0x4000, 0xc000, 0x2345678, R, true, WALK_OK,
	  0, 0x2345678, -1, "" },
	{ "16K level 1 block", "arm64-16k-47", fix_16k47, 0x4000, 0xc000, 0x1000000000, R, true,
	  WALK_NOT_PRESENT, 0x92000005, 0, 0, "which level 1 cannot hold with 16K pages" },
};

static void test_walks(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof walks / sizeof walks[0]; i++) {
		const struct walk_case *c = &walks[i];
		const struct arch *a = arch_by_name(c->arch);
		struct physmem *pm = physmem_new();
		struct walk w;
		int rc;

		c->fix(pm);
		rc = walk_run_any(a, pm, c->ttbr0, c->ttbr1, c->addr,
				  (struct access){ c->kind, c->user }, &w);
		if (w.status != c->status || w.esr != c->esr || rc != (c->status == WALK_OK ? 0 : -1))
			fail_msg("%s: status %d esr 0x%x (want %d 0x%x): %s", c->what, w.status,
				 w.esr, c->status, c->esr, w.reason);
		if (c->status == WALK_OK) {
			if (w.phys != c->phys)
				fail_msg("%s: phys 0x%llx, want 0x%llx", c->what,
					 (unsigned long long)w.phys, (unsigned long long)c->phys);
			assert_int_equal(w.fail, -1);
			assert_true(w.far == 0);
		} else {
			if (w.fail != c->fail)
				fail_msg("%s: blamed step %d, want %d (%s)", c->what, w.fail, c->fail,
					 w.reason);
			assert_true(w.far == c->addr);
			if (!strstr(w.reason, c->why))
				fail_msg("%s: reason \"%s\" lacks \"%s\"", c->what, w.reason, c->why);
		}
		assert_int_equal(w.error_code, 0);
		if (c->status != WALK_BAD_ADDRESS)
			assert_int_equal(w.ttbr, (c->addr >> 55) & 1);
		else
			assert_int_equal(w.ttbr, -1);
		physmem_free(pm);
	}
}

/* Folded levels repeat the real one above, as on x86. */
static void test_walk_steps(void **state)
{
	const struct arch *a = arch_by_name("arm64-4k-39");
	struct physmem *pm = physmem_new();
	struct walk w;

	(void)state;
	fix_4k39(pm);
	assert_int_equal(walk_run_any(a, pm, T0, 0xffffffc000001234,
				      (struct access){ ACCESS_READ, false }, &w), 0);
	assert_int_equal(w.nsteps, 5);
	assert_true(w.cr3 == 0x101000);
	assert_int_equal(w.step[0].level, LEVEL_PGD);
	assert_true(w.step[0].entry_pa == 0x101800);
	assert_true(w.step[1].folded && w.step[2].folded);
	assert_true(w.step[1].entry == w.step[0].entry);
	assert_true(w.step[3].table == 0x105000 && w.step[3].index == 0);
	assert_true(w.step[4].leaf && w.step[4].next == 0x301000);
	assert_true(w.page_size == 0x1000);
	/* walk_run: one table for both halves */
	assert_int_equal(walk_run(a, pm, 0x101000, 0xffffffc000001234,
				  (struct access){ ACCESS_READ, false }, &w), 0);
	assert_true(w.phys == 0x301234);
	physmem_free(pm);
}

static void test_flags(void **state)
{
	const struct arch *a = arch_by_name("arm64-4k-39");
	char buf[128];

	(void)state;
	arm64_flags_format(a, LEVEL_PTE, 0, false, buf, sizeof buf);
	assert_string_equal(buf, "-");
	arm64_flags_format(a, LEVEL_PTE, 0x202000 | A64_SW_PROT_NONE, true, buf, sizeof buf);
	assert_string_equal(buf, "invalid PROT_NONE");
	arm64_flags_format(a, LEVEL_PMD, 0x102000 | TABLE | A64_PXNTABLE | A64_APTABLE1, true, buf,
			   sizeof buf);
	assert_string_equal(buf, "table PXNTable APTable=10");
	arm64_flags_format(a, LEVEL_PMD, 0x102000 | TABLE | A64_UXNTABLE | A64_APTABLE0, false, buf,
			   sizeof buf);
	assert_string_equal(buf, "table UXNT APT=01");
	arm64_flags_format(a, LEVEL_PTE, 0x200000 | PAGE | U_RW | A64_DBM | A64_SW_DIRTY, true, buf,
			   sizeof buf);
	assert_string_equal(buf, "page AF nG AP=01 SH=3 AttrIndx=0 PXN UXN DBM DIRTY");
	arm64_flags_format(a, LEVEL_PTE, 0x200000 | PAGE | K_RX | A64_CONT, false, buf, sizeof buf);
	assert_string_equal(buf, "page AF AP=10 UXN CONT");
	arm64_flags_format(a, LEVEL_PMD, 0x400000 | BLOCK | K_RW, false, buf, sizeof buf);
	assert_string_equal(buf, "block AF AP=00 PXN UXN");
	arm64_flags_format(a, LEVEL_PTE, 0x400000 | BLOCK | K_RW, false, buf, sizeof buf);
	assert_string_equal(buf, "reserved");
	/* a short buffer is cut, never overrun */
	char tiny[8];
	arm64_flags_format(a, LEVEL_PTE, 0x200000 | PAGE | U_RW, true, tiny, sizeof tiny);
	assert_int_equal(strlen(tiny), 7);
}

static void test_esr(void **state)
{
	char buf[160];

	(void)state;
	assert_int_equal(arm64_esr_make((struct access){ ACCESS_WRITE, true }, 0x06), 0x92000046);
	assert_int_equal(arm64_esr_make((struct access){ ACCESS_READ, false }, 0x0f), 0x9600000f);
	assert_int_equal(arm64_esr_make((struct access){ ACCESS_EXEC, true }, 0x07), 0x82000007);
	assert_int_equal(arm64_esr_make((struct access){ ACCESS_EXEC, false }, 0x0b), 0x8600000b);
	arm64_esr_format(0x92000046, buf, sizeof buf);
	assert_string_equal(buf, "EC 0x24 DABT (lower EL), IL, WnR 1, DFSC 0x06 level 2 "
			    "translation fault");
	arm64_esr_format(0x8600000f, buf, sizeof buf);
	assert_string_equal(buf, "EC 0x21 IABT (current EL), IL, IFSC 0x0f level 3 permission fault");
	arm64_esr_format(0x9600000b, buf, sizeof buf);
	assert_string_equal(buf, "EC 0x25 DABT (current EL), IL, WnR 0, DFSC 0x0b level 3 access "
			    "flag fault");
	assert_null(arm64_fsc_name(0x08));      /* "unknown 8" in fault_info[] */
	assert_null(arm64_fsc_name(0x0c));
	assert_null(arm64_fsc_name(0x40));
	assert_null(arm64_ec_name(0x15));
}

static void test_routes(void **state)
{
	const struct arch *a = arch_by_name("arm64-4k-39");

	(void)state;
	assert_string_equal(arm64_abort_route(a, 0x92000007, 0x401000),
			    "do_translation_fault > do_page_fault");
	assert_string_equal(arm64_abort_route(a, 0x92000007, 0x5a00000000401000),
			    "do_translation_fault > do_page_fault");      /* untagged_addr */
	assert_string_equal(arm64_abort_route(a, 0x96000006, 0xffffffc008000000),
			    "do_translation_fault > do_bad_area");        /* no vmalloc sync */
	assert_string_equal(arm64_abort_route(a, 0x92000004, 0x0000008000000000),
			    "do_translation_fault > do_bad_area");        /* >= TASK_SIZE */
	assert_string_equal(arm64_abort_route(a, 0x9200004b, 0x401000), "do_page_fault");
	assert_string_equal(arm64_abort_route(a, 0x9200004f, 0x401000), "do_page_fault");
	assert_string_equal(arm64_abort_route(a, 0x92000008, 0x401000), "do_bad");
}

static void test_ttbr_base(void **state)
{
	(void)state;
	/* the ASID (63..48) and CnP (bit 0) are not the address */
	assert_true(arm64_ttbr_base(arch_by_name("arm64-4k-39"), 0x0012000000101001ULL) == 0x101000);
	/* a 16-byte top table (16K, 48 bits: 2 entries) is aligned to 64 bytes */
	assert_true(arm64_ttbr_base(arch_by_name("arm64-16k-48"), 0x4048) == 0x4040);
	assert_true(arm64_top_table_size(arch_by_name("arm64-16k-48")) == 16);
	assert_true(arm64_top_table_size(arch_by_name("arm64-64k-42")) == 65536);
	assert_true(arm64_desc_addr(arch_by_name("arm64-64k-42"), 0xffff00000001f003ULL) == 0x10000);
	assert_true(arm64_desc_addr(arch_by_name("arm64-4k-39"), 0xfff0ffffffffffffULL) ==
		    0x0000fffffffff000ULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_macros_equal_linux),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_split_messages),
		cmocka_unit_test(test_halves),
		cmocka_unit_test(test_walks),
		cmocka_unit_test(test_walk_steps),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_esr),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_ttbr_base),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
