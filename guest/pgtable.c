/* SPDX-License-Identifier: GPL-2.0-only */
// Page tables: the master kernel table swapper_pg_dir, the entry
// helpers of pgtable.h, and pgd_alloc for new processes.

#include "defs.h"
#include "x86.h"

int pae_mode;

// The master kernel page table, owned by init_mm. On 2-level it is the
// 1024-entry page directory; on PAE its first 32 bytes are the 4-entry
// page-directory-pointer table.
uint8_t swapper_pg_dir[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
// PAE only: the master's kernel pmd (for pgd slot 3, 0xC0000000-) and a
// pmd that identity-maps the first 2 MiB while paging is switched on.
static uint8_t swapper_pmd[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t ident_pmd[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

// Return the pgd entry for address in the table at pgd_base.
pgd_t *pgd_offset_pgd(void *pgd_base, uint32_t address)
{
	return (pgd_t *)((uint8_t *)pgd_base + pgd_index(address) * ENTRY_SIZE);
}

// Return the pgd entry for address in mm's table.
pgd_t *pgd_offset(struct mm_struct *mm, uint32_t address)
{
	return pgd_offset_pgd(mm->pgd, address);
}

// The pud level is folded in both modes: the pgd entry is the pud.
pud_t *pud_offset(pgd_t *pgd, uint32_t address)
{
	(void)address;
	return (pud_t *)pgd;
}

// Return the pmd entry for address under pud. 2-level: folded, the
// pud (that is, the pgd entry) is the pmd. PAE: an entry of the pmd
// page the pud points at.
pmd_t *pmd_offset(pud_t *pud, uint32_t address)
{
	if (!pae_mode)
		return (pmd_t *)pud;
	return (pmd_t *)((uint8_t *)__va(entry_phys(pud_val(pud))) +
			 pmd_index(address) * ENTRY_SIZE);
}

// Return the pte for address in the page table pmd points at.
pte_t *pte_offset_kernel(pmd_t *pmd, uint32_t address)
{
	return (pte_t *)((uint8_t *)__va(pmd_page(pmd)) +
			 pte_index(address) * ENTRY_SIZE);
}

// Write a pgd entry and report the write.
void set_pgd(pgd_t *pgd, pteval_t v)
{
	report_set("pgd", pgd, pgd_val(pgd), v);
	entry_write(pgd, v);
}

// Write a pmd entry and report the write. On 2-level this entry is
// the pgd entry (the pmd is folded into it).
void set_pmd(pmd_t *pmd, pteval_t v)
{
	report_set("pmd", pmd, pmd_val(pmd), v);
	entry_write(pmd, v);
}

// Write a pte and report the write.
void set_pte(pte_t *pte, pteval_t v)
{
	report_set("pte", pte, pte_val(pte), v);
	entry_write(pte, v);
}

// Return the pte for address under a kernel pmd, allocating the page
// table (mapped kernel-only) if the pmd is empty. Returns 0 when out
// of memory.
pte_t *pte_alloc_kernel(pmd_t *pmd, uint32_t address)
{
	if (pmd_none(pmd)) {
		void *table = get_zeroed_page("pte");
		if (!table)
			return 0;
		set_pmd(pmd, __pa(table) | _KERNPG_TABLE);
	}
	return pte_offset_kernel(pmd, address);
}

// Switch to the table pgd (a kernel virtual address).
void load_cr3(void *pgd)
{
	write_cr3(__pa(pgd));
}

// Build swapper_pg_dir for the chosen mode and turn paging on with it.
// The kernel's direct map uses large pages: 4 MiB PSE pages in 2-level
// mode, 2 MiB pages in PAE mode. While paging is switched, the first
// large page is also mapped at virtual 0, where paging_switch (entry.S)
// runs; that identity entry is removed again before returning.
void paging_init(int pae)
{
	pae_mode = pae;
	init_mm.pgd = swapper_pg_dir;
	if (!pae) {
		uint32_t *pd = (uint32_t *)swapper_pg_dir;
		pd[0] = 0 | PAGE_KERNEL_LARGE;
		for (uint32_t pa = 0; pa < LOWMEM_SIZE; pa += 0x400000)
			pd[(PAGE_OFFSET + pa) >> 22] = pa | PAGE_KERNEL_LARGE;
		paging_switch(__pa(swapper_pg_dir), read_cr4() | X86_CR4_PSE);
		pd[0] = 0;
	} else {
		uint64_t *pgd = (uint64_t *)swapper_pg_dir;
		uint64_t *kpmd = (uint64_t *)swapper_pmd;
		((uint64_t *)ident_pmd)[0] = 0 | PAGE_KERNEL_LARGE;
		pgd[0] = __pa(ident_pmd) | PAE_PGD_ENTRY;
		for (uint32_t pa = 0; pa < LOWMEM_SIZE; pa += 0x200000)
			kpmd[((PAGE_OFFSET + pa) >> 21) & 511] = pa | PAGE_KERNEL_LARGE;
		pgd[3] = __pa(swapper_pmd) | PAE_PGD_ENTRY;
		paging_switch(__pa(swapper_pg_dir), read_cr4() | X86_CR4_PAE);
		pgd[0] = 0;
	}
	load_cr3(swapper_pg_dir);       // PAE: reload the cached PDPT entries
}

// Allocate and fill the top-level table of a new process, as Linux's
// pgd_alloc does: the user part starts empty and the kernel part is a
// copy of the master's.
//
// 2-level: the kernel's 256 pgd entries are copied. Page tables the
// master gains later (vmalloc) are not in the copy: the process finds
// them through vmalloc_fault.
//
// PAE: the CPU caches the 4 pgd (PDPT) entries when cr3 is loaded, so,
// as Linux does since 2.6.24, every pmd page is allocated here, never
// on demand. For the kernel slot (3) Linux normally shares the master's
// pmd page (SHARED_KERNEL_PMD), and then a vmalloc fault never has a
// pmd entry to copy. This guest instead gives each process its own
// copy of the kernel pmd page (what Linux does when the kernel pmd is
// not shared, e.g. under Xen), so a vmalloc area in a new 2 MiB region
// makes a real fault that vmalloc_sync_one fixes with set_pmd().
void *pgd_alloc(struct mm_struct *mm)
{
	void *pgd = get_zeroed_page("pgd");
	if (!pgd)
		return 0;
	mm->pgd = pgd;
	if (!pae_mode) {
		uint32_t first = KERNEL_PGD_BOUNDARY * ENTRY_SIZE;
		memcpy((uint8_t *)pgd + first, swapper_pg_dir + first,
		       PTRS_PER_PGD * ENTRY_SIZE - first);
		kprintf("copy n=%u dst=%x src=%x len=%x why=pgd_alloc\n", fault_seq,
			__pa(pgd) + first, __pa(swapper_pg_dir) + first,
			PTRS_PER_PGD * ENTRY_SIZE - first);
		return pgd;
	}
	for (uint32_t i = 0; i < PTRS_PER_PGD; i++) {
		void *pmd = get_zeroed_page("pmd");
		if (!pmd)
			return 0;
		if (i >= KERNEL_PGD_BOUNDARY) {
			pgd_t *pgd_k = (pgd_t *)(swapper_pg_dir + i * ENTRY_SIZE);
			uint32_t src = entry_phys(pgd_val(pgd_k));
			memcpy(pmd, __va(src), PAGE_SIZE);
			kprintf("copy n=%u dst=%x src=%x len=%x why=pgd_alloc\n",
				fault_seq, __pa(pmd), src, PAGE_SIZE);
		}
		set_pgd((pgd_t *)((uint8_t *)pgd + i * ENTRY_SIZE),
			__pa(pmd) | PAE_PGD_ENTRY);
	}
	return pgd;
}
