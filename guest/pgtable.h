/* SPDX-License-Identifier: GPL-2.0-only */
// Linux-style page-table helpers for the two i386 paging modes.
//
// The mode is chosen on the kernel command line, so one kernel image
// must handle 4-byte entries (2-level) and 8-byte entries (PAE). The
// entry "pointers" pgd_t *, pud_t *, pmd_t *, pte_t * are therefore
// opaque: they hold the kernel virtual address of one entry, are moved
// only by the *_offset() helpers, and are read and written through
// the helpers below (Linux writes *pgd; we write pgd_val(pgd)).
// Raw entry values are always carried as 64-bit numbers; on 2-level
// the high half is zero.
//
// Folding (include/asm-generic/pgtable-nopud.h, pgtable-nopmd.h):
//   2-level: pgd -> pud (folded) -> pmd (folded) -> pte
//   PAE:     pgd -> pud (folded) -> pmd -> pte
// A folded level has one entry, and its *_offset() returns the
// pointer it was given: pud_offset(pgd, a) is the pgd entry itself.

#ifndef GUEST_PGTABLE_H
#define GUEST_PGTABLE_H

#include <stdint.h>
#include "mmu.h"

typedef struct pgd_s pgd_t;
typedef struct pud_s pud_t;
typedef struct pmd_s pmd_t;
typedef struct pte_s pte_t;
typedef uint64_t pteval_t;

extern int pae_mode;            // 0: 2-level, 1: PAE; set once at boot

#define __va(pa)        ((void *)((uintptr_t)(pa) + PAGE_OFFSET))
#define __pa(va)        ((uint32_t)(uintptr_t)(va) - PAGE_OFFSET)

#define PGDIR_SHIFT     (pae_mode ? 30 : 22)
#define PMD_SHIFT       (pae_mode ? 21 : 22)     // == PGDIR_SHIFT when folded
#define PTRS_PER_PGD    (pae_mode ? 4u : 1024u)
#define PTRS_PER_PUD    1u
#define PTRS_PER_PMD    (pae_mode ? 512u : 1u)
#define PTRS_PER_PTE    (pae_mode ? 512u : 1024u)
#define PMD_SIZE        (1u << PMD_SHIFT)
#define PMD_MASK        (~(PMD_SIZE - 1))
#define ENTRY_SIZE      (pae_mode ? 8u : 4u)
#define KERNEL_PGD_BOUNDARY  (PAGE_OFFSET >> PGDIR_SHIFT)  // first kernel pgd slot
// Physical frame bits of an entry (PAE: bits 12..51).
#define ENTRY_PFN_MASK  (pae_mode ? 0x000FFFFFFFFFF000ull : 0xFFFFF000ull)

#define pgd_index(a)    (((uint32_t)(a) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pmd_index(a)    (((uint32_t)(a) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(a)    (((uint32_t)(a) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

// Read or write one entry of either width.
static inline pteval_t entry_read(const void *p)
{
	if (pae_mode)
		return *(const volatile uint64_t *)p;
	return *(const volatile uint32_t *)p;
}

static inline void entry_write(void *p, pteval_t v)
{
	if (pae_mode) {
		// High half first while the low half (with P) is still
		// the old value: the same order Linux's set_pte uses.
		volatile uint32_t *w = p;
		w[1] = (uint32_t)(v >> 32);
		w[0] = (uint32_t)v;
	} else {
		*(volatile uint32_t *)p = (uint32_t)v;
	}
}

#define pgd_val(p)      entry_read(p)
#define pud_val(p)      entry_read(p)
#define pmd_val(p)      entry_read(p)
#define pte_val(p)      entry_read(p)
#define entry_present(v) (((v) & _PAGE_PRESENT) != 0)
// Folded levels are always "present" (Linux: pgd_present() is 1 under
// pgtable-nopud.h, pud_present() is 1 under pgtable-nopmd.h); the real
// test happens at the level the entry really belongs to.
#define pgd_present(p)  ((void)(p), 1)
#define pud_present(p)  (pae_mode ? entry_present(pud_val(p)) : 1)
#define pmd_present(p)  entry_present(pmd_val(p))
#define pte_present(p)  entry_present(pte_val(p))
#define pmd_none(p)     ((uint32_t)pmd_val(p) == 0)   // low word only, as Linux does
#define pte_none(p)     (pte_val(p) == 0)
#define pmd_large(p)    ((pmd_val(p) & _PAGE_PSE) != 0)
#define entry_phys(v)   ((uint32_t)((v) & ENTRY_PFN_MASK))
#define pmd_page(p)     entry_phys(pmd_val(p))

// Physical address of the entry p points at (for the records).
#define entry_pa(p)     __pa(p)

struct mm_struct;
pgd_t *pgd_offset(struct mm_struct *mm, uint32_t address);
pgd_t *pgd_offset_pgd(void *pgd_base, uint32_t address);
pud_t *pud_offset(pgd_t *pgd, uint32_t address);
pmd_t *pmd_offset(pud_t *pud, uint32_t address);
pte_t *pte_offset_kernel(pmd_t *pmd, uint32_t address);
void set_pgd(pgd_t *pgd, pteval_t v);
void set_pmd(pmd_t *pmd, pteval_t v);
void set_pte(pte_t *pte, pteval_t v);

#endif
