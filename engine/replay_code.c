/* replay_code.c - the handler's code shown beside a replayed fault.
 *
 * An abridged rendering, in our own words, of the i386 page-fault path of
 * Linux 2.6.24 (arch/x86/mm/fault_32.c: do_page_fault, vmalloc_fault,
 * vmalloc_sync_one) and of mm/memory.c's handle_mm_fault. Declarations,
 * locking, stack growth, kprobes and statistics are left out; what is kept
 * follows the kernel's control flow and names. Each line says which code
 * points of the replay (enum replay_code) highlight it.
 */
#include "replay.h"

#define B(c) (1u << (c))

static const struct replay_code_line fault_lines[] = {
	{ "void do_page_fault(struct pt_regs *regs, unsigned long error_code)", B(RC_ENTRY) },
	{ "{", 0 },
	{ "\tstruct mm_struct *mm = current->mm;", 0 },
	{ "\tunsigned long address = read_cr2();   /* where it faulted */", B(RC_ENTRY) },
	{ "", 0 },
	{ "\t/* kernel half, not a user access, page not present: */", B(RC_KERNEL_TEST) },
	{ "\tif (unlikely(address >= TASK_SIZE)) {", B(RC_KERNEL_TEST) },
	{ "\t\tif (!(error_code & 0x0000000d) &&   /* RSVD|U|P */", B(RC_KERNEL_TEST) },
	{ "\t\t    vmalloc_fault(address) >= 0)", B(RC_KERNEL_TEST) | B(RC_VMALLOC_FAULT) },
	{ "\t\t\treturn;                 /* synced: retry */", B(RC_SYNC_PTE) },
	{ "\t\tgoto bad_area_nosemaphore;", 0 },
	{ "\t}", 0 },
	{ "\tvma = find_vma(mm, address);", B(RC_FIND_VMA) },
	{ "\tif (!vma || vma->vm_start > address)", B(RC_FIND_VMA) },
	{ "\t\tgoto bad_area;          /* (stack growth left out) */", 0 },
	{ "good_area:", 0 },
	{ "\tif (write ? !(vma->vm_flags & VM_WRITE)", B(RC_FIND_VMA) },
	{ "\t          : !(vma->vm_flags & (VM_READ|VM_EXEC)))", B(RC_FIND_VMA) },
	{ "\t\tgoto bad_area;", 0 },
	{ "\tfault = handle_mm_fault(mm, vma, address, write);", B(RC_HANDLE_MM) },
	{ "\treturn;                         /* the access is retried */", 0 },
	{ "bad_area:", B(RC_BAD_AREA) },
	{ "bad_area_nosemaphore:", B(RC_BAD_AREA) },
	{ "\tif (error_code & 4) {           /* U: from user mode */", B(RC_BAD_AREA) },
	{ "\t\tforce_sig_info_fault(SIGSEGV, SEGV_MAPERR, address, current);", B(RC_BAD_AREA) },
	{ "\t\treturn;", 0 },
	{ "\t}", 0 },
	{ "no_context:", B(RC_NO_CONTEXT) },
	{ "\tif (fixup_exception(regs))", B(RC_NO_CONTEXT) },
	{ "\t\treturn;", 0 },
	{ "\t/* \"BUG: unable to handle kernel paging request\" */", B(RC_NO_CONTEXT) },
	{ "\tdie(\"Oops\", regs, error_code);", B(RC_NO_CONTEXT) },
	{ "}", 0 },
	{ "", 0 },
	{ "static int vmalloc_fault(unsigned long address)", B(RC_VMALLOC_FAULT) },
	{ "{", 0 },
	{ "\t/* the table cr3 points at now: current->mm may not be it */", B(RC_VMALLOC_FAULT) },
	{ "\tunsigned long pgd_paddr = read_cr3();", B(RC_VMALLOC_FAULT) },
	{ "\tpmd_t *pmd_k = vmalloc_sync_one(__va(pgd_paddr), address);", B(RC_VMALLOC_FAULT) },
	{ "\tif (!pmd_k)", 0 },
	{ "\t\treturn -1;", 0 },
	{ "\tpte_t *pte_k = pte_offset_kernel(pmd_k, address);", B(RC_SYNC_PTE) },
	{ "\tif (!pte_present(*pte_k))", B(RC_SYNC_PTE) },
	{ "\t\treturn -1;", 0 },
	{ "\treturn 0;", B(RC_SYNC_PTE) },
	{ "}", 0 },
	{ "", 0 },
	{ "static pmd_t *vmalloc_sync_one(pgd_t *pgd, unsigned long address)", B(RC_SYNC_ONE) },
	{ "{", 0 },
	{ "\tunsigned index = pgd_index(address);", B(RC_SYNC_ONE) },
	{ "\tpgd_t *pgd_k = init_mm.pgd + index;  /* the master table */", B(RC_SYNC_ONE) },
	{ "\tpgd += index;", B(RC_SYNC_ONE) },
	{ "\tif (!pgd_present(*pgd_k))", 0 },
	{ "\t\treturn NULL;", 0 },
	{ "\t/* pud (and on 2-level pmd) are folded: the same pointer */", B(RC_SYNC_ONE) },
	{ "\tpud = pud_offset(pgd, address);  pud_k = pud_offset(pgd_k, address);", B(RC_SYNC_ONE) },
	{ "\tpmd = pmd_offset(pud, address);  pmd_k = pmd_offset(pud_k, address);", B(RC_SYNC_ONE) },
	{ "\tif (!pmd_present(*pmd_k))       /* not in the master either */", B(RC_SYNC_ONE) },
	{ "\t\treturn NULL;", 0 },
	{ "\tif (!pmd_present(*pmd))", B(RC_SET_PMD) },
	{ "\t\tset_pmd(pmd, *pmd_k);       /* copy the master's entry */", B(RC_SET_PMD) },
	{ "\telse", 0 },
	{ "\t\tBUG_ON(pmd_page(*pmd) != pmd_page(*pmd_k));", 0 },
	{ "\treturn pmd_k;", 0 },
	{ "}", 0 },
};

static const struct replay_code_line mm_lines[] = {
	{ "int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,", B(RC_HANDLE_MM) },
	{ "\t\tunsigned long address, int write_access)", 0 },
	{ "{", 0 },
	{ "\tpgd_t *pgd = pgd_offset(mm, address);", B(RC_HANDLE_MM) },
	{ "\tpud_t *pud = pud_alloc(mm, pgd, address);   /* folded: pgd */", B(RC_HANDLE_MM) },
	{ "\tpmd_t *pmd = pmd_alloc(mm, pud, address);   /* folded on 2-level */", B(RC_HANDLE_MM) },
	{ "\tif (!pud || !pmd)", 0 },
	{ "\t\treturn VM_FAULT_OOM;", 0 },
	{ "\t/* no pte table yet: allocate one, pmd_populate() points at it */", B(RC_HANDLE_MM) },
	{ "\tpte_t *pte = pte_alloc_map(mm, pmd, address);", B(RC_HANDLE_MM) },
	{ "\tif (!pte)", 0 },
	{ "\t\treturn VM_FAULT_OOM;", 0 },
	{ "\treturn handle_pte_fault(mm, vma, address, pte, pmd, write_access);", B(RC_HANDLE_MM) },
	{ "}", 0 },
	{ "", 0 },
	{ "/* handle_pte_fault -> do_anonymous_page (a first touch): */", 0 },
	{ "\tpage = alloc_zeroed_user_highpage(vma, address);", B(RC_HANDLE_MM) },
	{ "\tentry = mk_pte(page, vma->vm_page_prot);", B(RC_HANDLE_MM) },
	{ "\tif (write_access)", 0 },
	{ "\t\tentry = pte_mkwrite(pte_mkdirty(entry));", 0 },
	{ "\tset_pte_at(mm, address, page_table, entry);", B(RC_HANDLE_MM) },
};

static const struct replay_excerpt fault_excerpt = {
	"arch/x86/mm/fault_32.c (Linux 2.6.24, abridged)",
	fault_lines, sizeof fault_lines / sizeof fault_lines[0], 1,
};
static const struct replay_excerpt mm_excerpt = {
	"mm/memory.c (Linux 2.6.24, abridged)",
	mm_lines, sizeof mm_lines / sizeof mm_lines[0], 1,
};

const struct replay_excerpt *replay_excerpt(enum replay_code c)
{
	return c == RC_HANDLE_MM ? &mm_excerpt : &fault_excerpt;
}

const char *replay_code_says(enum replay_code c)
{
	switch (c) {
	case RC_ENTRY:
		return "The CPU raised #PF (vector 14): do_page_fault reads the address from cr2.";
	case RC_KERNEL_TEST:
		return "Is it a kernel address with RSVD, U and P all clear? Then it may be a vmalloc fault.";
	case RC_VMALLOC_FAULT:
		return "vmalloc_fault: take the pgd cr3 points at, and sync it from the master table.";
	case RC_SYNC_ONE:
		return "vmalloc_sync_one: the same slot in init_mm.pgd (swapper_pg_dir) and in the process's table.";
	case RC_SET_PMD:
		return "The process's entry is empty and the master's is present: set_pmd copies it across.";
	case RC_SYNC_PTE:
		return "The master's pte for the address is present: return 0, and the access is retried.";
	case RC_FIND_VMA:
		return "A user address: find_vma looks for the area that covers it and checks the access.";
	case RC_HANDLE_MM:
		return "handle_mm_fault allocates the missing tables and the page and writes the entries.";
	case RC_BAD_AREA:
		return "No area allows this access: a user access gets SIGSEGV.";
	case RC_NO_CONTEXT:
		return "A kernel access nothing can fix: no exception fixup, so the kernel oopses.";
	default:
		return "";
	}
}
