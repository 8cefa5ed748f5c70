/* SPDX-License-Identifier: GPL-2.0-only */
// The page-fault handler, after Linux 2.6's arch/x86/mm/fault.c
// (i386) and mm/memory.c, plus the single-step that reports how the
// retried access went.

#include "defs.h"
#include "x86.h"

#define MAX_FAULTS 64           // more than any scenario takes: a fault loop

static unsigned nr_faults;      // faults taken so far in this run
static unsigned retry_pending;  // fault whose retried access is being single-stepped
static const char *fix_how;     // how the fault being handled was fixed
static const char *fail_why;    // why vmalloc_fault gave up

// Number of page faults taken so far.
unsigned faults_taken(void)
{
	return nr_faults;
}

// Report the handler's decision for fault n.
static void report_decide(const char *path, const char *reason)
{
	kprintf("decide n=%u path=%s reason=%s\n", fault_seq, path, reason);
}

// Copy the master's entry for address into the table at pgd, if the
// master has one and pgd lacks it. On i386 the copied entry is the pmd:
// on 2-level that is the pgd slot itself (pud and pmd fold into it), on
// PAE an entry of the pmd page. Returns the master's pmd entry, or 0 if
// the master has none (a bad access, not a lazy mapping).
static pmd_t *vmalloc_sync_one(void *pgd_base, uint32_t address)
{
	pgd_t *pgd, *pgd_k;
	pud_t *pud, *pud_k;
	pmd_t *pmd, *pmd_k;

	pgd = pgd_offset_pgd(pgd_base, address);
	pgd_k = pgd_offset_pgd(init_mm.pgd, address);
	if (!pgd_present(pgd_k))
		return 0;

	pud = pud_offset(pgd, address);
	pud_k = pud_offset(pgd_k, address);
	if (!pud_present(pud_k))
		return 0;

	pmd = pmd_offset(pud, address);
	pmd_k = pmd_offset(pud_k, address);
	if (!pmd_present(pmd_k))
		return 0;
	if (!pmd_present(pmd)) {
		set_pmd(pmd, pmd_val(pmd_k));
		kprintf("sync n=%u level=pmd entry=%x master=%x master_val=%e\n",
			fault_seq, entry_pa(pmd), entry_pa(pmd_k), pmd_val(pmd_k));
		fix_how = "vmalloc_sync";
	} else if (pmd_page(pmd) != pmd_page(pmd_k)) {
		end_run(0, "BUG_vmalloc_sync_one_pmd_differs");
	} else {
		fix_how = "vmalloc_present";
	}
	return pmd_k;
}

// Handle a kernel-mode fault on a kernel address with no entry: if the
// address is in the vmalloc area and the master table maps it, copy
// the master's entry into the current table (read from cr3) so the
// access can be retried. Returns 0 if fixed, -1 if the access is bad.
static int vmalloc_fault(uint32_t address)
{
	pmd_t *pmd_k;
	pte_t *pte_k;

	if (!(address >= VMALLOC_START && address < VMALLOC_END)) {
		fail_why = "not_vmalloc";
		return -1;
	}
	report_walk("master", init_mm.pgd, address);

	pmd_k = vmalloc_sync_one(__va(read_cr3() & PAGE_MASK), address);
	if (!pmd_k) {
		fail_why = "no_master_pmd";
		return -1;
	}
	pte_k = pte_offset_kernel(pmd_k, address);
	if (!pte_present(pte_k)) {
		fail_why = "no_master_pte";
		return -1;
	}
	return 0;
}

// Anonymous memory, write or read on an absent pte: a read maps the
// shared zero page read-only; a write maps a new zeroed page.
static int do_anonymous_page(struct vm_area_struct *vma, pte_t *pte, int write)
{
	if (!write) {
		set_pte(pte, __pa(empty_zero_page) | PAGE_USER_RO);
		fix_how = "anon_zero_page";
		return 0;
	}
	void *page = get_zeroed_page("anon");
	if (!page)
		return -1;
	set_pte(pte, __pa(page) | ((vma->vm_flags & VM_WRITE) ? PAGE_USER_RW : PAGE_USER_RO));
	fix_how = "anon_new_page";
	return 0;
}

// A write to a present read-only pte in a writable vma (here always
// the zero page): copy the page into a new one and map that writable.
static int do_wp_page(uint32_t address, pte_t *pte)
{
	void *page = get_zeroed_page("cow");
	if (!page)
		return -1;
	memcpy(page, __va(entry_phys(pte_val(pte))), PAGE_SIZE);
	set_pte(pte, __pa(page) | PAGE_USER_RW);
	invlpg(address);
	fix_how = "wp_copy";
	return 0;
}

// Resolve a fault at address inside vma (whose permissions allow the
// access): allocate the page table if the pmd is empty, then the page.
// Returns 0 when the access can be retried, -1 when out of memory.
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    uint32_t address, int write)
{
	pgd_t *pgd = pgd_offset(mm, address);
	pud_t *pud = pud_offset(pgd, address);
	pmd_t *pmd;
	pte_t *pte;

	if (!pud_present(pud))          // PAE preallocates every pmd page
		return -1;
	pmd = pmd_offset(pud, address);
	if (pmd_none(pmd)) {
		void *table = get_zeroed_page("pte");
		if (!table)
			return -1;
		set_pmd(pmd, __pa(table) | _PAGE_TABLE);
	}
	pte = pte_offset_kernel(pmd, address);

	if (!pte_present(pte))
		return do_anonymous_page(vma, pte, write);
	if (write && !(pte_val(pte) & _PAGE_RW))
		return do_wp_page(address, pte);
	fix_how = "spurious";
	return 0;
}

// The page-fault exception (vector 14). error_code is the CPU's: P
// (protection, else not present), W (write), U (from ring 3), RSVD.
void do_page_fault(struct pt_regs *regs, uint32_t error_code)
{
	uint32_t address = read_cr2();
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk ? tsk->mm : 0;
	struct vm_area_struct *vma;
	int write = (error_code & PF_WRITE) != 0;
	const char *why;

	if (retry_pending) {
		kprintf("retry n=%u result=fault eip=-\n", retry_pending);
		retry_pending = 0;
	}
	fault_seq = ++nr_faults;
	if (nr_faults > MAX_FAULTS)
		end_run(0, "too_many_faults");
	kprintf("fault n=%u pid=%u cr2=%x err=%h eip=%x cs=%h cr3=%x mode=%s\n",
		fault_seq, tsk ? tsk->pid : 0, address, error_code, regs->ip,
		regs->cs & 0xFFFF, read_cr3(), (regs->cs & 3) ? "user" : "kernel");
	report_walk("cur", __va(read_cr3() & PAGE_MASK), address);
	if (tsk)
		tsk->step_faults++;
	fix_how = "-";

	/*
	 * A kernel access to the kernel's half of the address space that
	 * found no entry (not U, not P, not RSVD): the address may be in a
	 * vmalloc area this process's table has not caught up with yet.
	 * Only the master table is sure to map it.
	 */
	if (address >= TASK_SIZE && !(error_code & (PF_RSVD | PF_USER | PF_PROT))) {
		report_decide("vmalloc_fault", "-");
		if (vmalloc_fault(address) >= 0)
			goto fixed;
		why = fail_why;
		goto no_context;
	}
	if (address >= TASK_SIZE) {
		why = "kernel_address";
		goto bad_area;
	}
	if (!mm) {
		why = "no_mm";
		goto bad_area;
	}
	vma = find_vma(mm, address);
	if (!vma || vma->vm_start > address) {
		why = "no_vma";
		goto bad_area;
	}
	if (write) {
		if (!(vma->vm_flags & VM_WRITE)) {
			why = "vma_not_writable";
			goto bad_area;
		}
	} else {
		if (error_code & PF_PROT) {     // read of a present page
			why = "read_protection";
			goto bad_area;
		}
		if (!(vma->vm_flags & (VM_READ | VM_EXEC))) {
			why = "vma_not_readable";
			goto bad_area;
		}
	}
	report_decide("handle_mm_fault", "-");
	if (handle_mm_fault(mm, vma, address, write) < 0) {
		why = "out_of_memory";
		goto no_context;
	}

fixed:
	// Retry the access with the trap flag set: the debug trap after
	// that one instruction (do_debug) reports that it went through.
	kprintf("done n=%u result=fixed how=%s\n", fault_seq, fix_how);
	regs->flags |= X86_EFLAGS_TF;
	retry_pending = fault_seq;
	fault_seq = 0;
	return;

bad_area:
	report_decide("bad_area", why);
	if (error_code & PF_USER) {
		kprintf("done n=%u result=sigsegv how=%s\n", fault_seq, why);
		force_sig_segv(address, why);
	}
	// A kernel access to a bad user address: no fixup table here.
no_context:
	report_decide("no_context", why);
	kprintf("done n=%u result=oops how=%s\n", fault_seq, why);
	kprintf("oops n=%u pid=%u eip=%x cr2=%x err=%h\n", fault_seq,
		tsk ? tsk->pid : 0, regs->ip, address, error_code);
	if (!tsk)
		end_run(0, "oops_without_process");
	do_exit("oops");
}

// The debug exception (vector 1): the single-step after a fixed fault's
// retried access. Report it and stop single-stepping.
void do_debug(struct pt_regs *regs)
{
	if (!retry_pending)
		end_run(0, "unexpected_debug_trap");
	kprintf("retry n=%u result=ok eip=%x\n", retry_pending, regs->ip);
	report_seen(retry_pending);     // the A/D bits the retried access set
	retry_pending = 0;
	regs->flags &= ~X86_EFLAGS_TF;
}

// Nonzero while a fixed fault's retried access has not completed.
int retry_in_progress(void)
{
	return retry_pending != 0;
}
