/* SPDX-License-Identifier: GPL-2.0-only */
/* fault.h - the page-fault error code and the kernel's decisions about it.
 *
 * The model is the 2.6-era i386 path (arch/x86/mm/fault.c, v2.6.2x):
 *
 *   do_page_fault(regs, error_code)
 *     address = read_cr2()
 *     if (address >= TASK_SIZE && !(error_code & (PF_RSVD|PF_USER|PF_PROT)))
 *         vmalloc_fault(address) == 0 ? return : bad_area_nosemaphore
 *     ... find_vma(mm, address) -> good_area -> handle_mm_fault / bad_area
 *
 * vmalloc_sync_one(pgd, address): copy the master (init_mm.pgd) entry for
 * address into the faulting process's table at the pmd level (on 2-level the
 * pmd is folded into the pgd slot; on PAE it is an entry of a pmd page).
 */
#ifndef PAGEWALK_FAULT_H
#define PAGEWALK_FAULT_H

#include "text.h"
#include "walk.h"

/* One bit of the error code, for tables and help text. */
struct pf_bit {
	uint32_t mask;
	const char *name;        /* "P", "W", "U", "RSVD", "I", "PK", "SHSTK", "SGX" */
	const char *if_set;      /* "protection violation" */
	const char *if_clear;    /* "page not present"; NULL when clear says nothing */
};
/* The table of bits, low to high; *n gets its length. */
const struct pf_bit *pf_bits(size_t *n);
/* Words for err: "P=0 not present, W=1 write, U=1 user" style, into buf. */
void pf_describe(uint32_t err, char *buf, size_t len);
/* Short form: "W U" (names of set bits) or "-" when none. */
void pf_names(uint32_t err, char *buf, size_t len);

/* A user vma: [start, end) with its permissions. */
struct vma {
	uint64_t start, end;
	bool read, write, exec;
};

/* What do_page_fault decides. */
enum fault_path {
	FAULT_VMALLOC_SYNC,   /* kernel address, !(RSVD|U|P): vmalloc_fault */
	FAULT_DEMAND,         /* in a vma, access allowed: handle_mm_fault */
	FAULT_BAD_AREA_USER,  /* user mode, no vma or not allowed: SIGSEGV */
	FAULT_OOPS,           /* kernel mode, no fixup: oops (no_context) */
};
const char *fault_path_name(enum fault_path p); /* "vmalloc_fault", ... */

struct fault_in {
	uint64_t addr;           /* cr2 */
	uint32_t error_code;
	uint64_t task_size;      /* 0xC0000000 on the 3G/1G split */
	const struct vma *vmas;  /* the process's vmas, sorted by start */
	size_t nvmas;
};

/* Route a fault as do_page_fault does (before vmalloc_fault runs: a vmalloc
 * fault that finds no master entry becomes an oops, see fault_vmalloc_sync). */
enum fault_path fault_route(const struct fault_in *in);

/* The outcome of vmalloc_sync_one. */
enum sync_result {
	SYNC_COPIED,          /* process pmd was empty: set_pmd(pmd, *pmd_k) */
	SYNC_ALREADY,         /* both present and equal: nothing to do */
	SYNC_NO_MASTER,       /* master pmd not present: fail (a real bad access) */
	SYNC_NO_MASTER_PTE,   /* master pmd present but its pte is not: fail
			       * (the pmd may still have been copied first, as
			       * in the kernel: compare old_value/new_value) */
	SYNC_BUG,             /* both present and different: BUG_ON; also a PAE
			       * process PDPT slot not present (pgd_alloc fills
			       * all four, so that is a broken invariant) */
};

struct sync_report {
	enum sync_result result;
	unsigned index;          /* pgd_index(address) */
	uint64_t pmd_pa;         /* the process's pmd entry's physical address */
	uint64_t pmd_k_pa;       /* the master's pmd entry's physical address */
	uint64_t old_value;      /* process entry before */
	uint64_t new_value;      /* process entry after (== master's when copied) */
};

/* Run vmalloc_sync_one on simulated memory: pgd_pa is the process's table,
 * pgd_k_pa the master's (init_mm.pgd); writes the process entry when it
 * copies. Returns 0 for SYNC_COPIED/SYNC_ALREADY, -1 otherwise or when
 * the arch is not 32-bit (x86-64 syncs at the pgd level: not modelled here;
 * out->result is then SYNC_NO_MASTER). The two entries are "different" when
 * their frame addresses differ (pmd_page), not merely their flags. A master
 * pmd with PS set maps a large page and needs no pte. */
int fault_vmalloc_sync(const struct arch *a, struct physmem *pm, uint64_t pgd_pa,
		       uint64_t pgd_k_pa, uint64_t addr, struct sync_report *out);
const char *sync_result_name(enum sync_result r);
/* The same in the learner's language ("copied", "コピーした"). */
const char *sync_result_words(enum sync_result r, enum lang lang);

#endif
