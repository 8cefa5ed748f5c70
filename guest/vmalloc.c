/* SPDX-License-Identifier: GPL-2.0-only */
// vmalloc: virtually contiguous kernel memory above the direct map.
// Like Linux, it maps the pages into the master table (init_mm) only;
// processes pick up new page tables lazily, through vmalloc_fault.

#include "defs.h"

static uint32_t vmalloc_next = VMALLOC_START;

// Allocate size bytes (rounded up to pages) of kernel virtual space in
// [VMALLOC_START, VMALLOC_END), followed by one unmapped guard page,
// back every page with a fresh zeroed frame and map it in swapper_pg_dir.
// Returns the start address, or 0 if space or memory ran out.
void *vmalloc(uint32_t size)
{
	uint32_t addr, start;

	size = PAGE_ALIGN(size);
	start = vmalloc_next;
	if (size == 0 || VMALLOC_END - start < size + PAGE_SIZE)
		return 0;
	vmalloc_next = start + size + PAGE_SIZE;
	kprintf("vmalloc addr=%x size=%x guard=%x\n", start, size, start + size);

	for (addr = start; addr < start + size; addr += PAGE_SIZE) {
		void *page = get_zeroed_page("vmalloc");
		pgd_t *pgd = pgd_offset(&init_mm, addr);
		pud_t *pud = pud_offset(pgd, addr);
		pmd_t *pmd;
		pte_t *pte;

		if (!page || !pud_present(pud))
			return 0;
		pmd = pmd_offset(pud, addr);
		pte = pte_alloc_kernel(pmd, addr);
		if (!pte)
			return 0;
		set_pte(pte, __pa(page) | PAGE_KERNEL);
	}
	return (void *)start;
}
