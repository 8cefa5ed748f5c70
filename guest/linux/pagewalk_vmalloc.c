// SPDX-License-Identifier: GPL-2.0-only
/*
 * pagewalk_vmalloc.c - pagewalk's driver in its test kernels (all variants).
 *
 * At boot it prints the kernel's own layout on the console, one line that
 * pagewalk's tracer copies into its records for the trace header:
 *
 *   pagewalk: layout VMALLOC_START=0x... VMALLOC_END=0x... TASK_SIZE=0x...
 *            __pa(init_mm.pgd)=0x...
 *
 * each the macro's value as this kernel computes it at run time (x86-32:
 * from high_memory and the fixmap; x86-64: vmalloc_base and the paging mode
 * picked at boot). VMALLOC_END is printed as the macro says: the end
 * (exclusive) on x86-32, the last byte on x86-64.
 *
 * On x86-32 2-level it also makes vmalloc_fault() run on purpose.
 * Since v5.8 the kernel syncs vmalloc mappings into every page directory
 * when it maps them, so a vmalloc fault no longer happens by itself. Reading
 * /proc/pagewalk_vmalloc vmallocs a page, clears the pgd slot (the folded pmd)
 * that maps it in the current process's table, flushes that TLB entry and
 * reads the page: the CPU faults in kernel mode with error code 0, and
 * exc_page_fault -> vmalloc_fault -> vmalloc_sync_one copies the slot back
 * from init_mm.pgd (swapper_pg_dir). Built only into pagewalk's test kernels.
 */
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/mm_types.h>
#include <linux/printk.h>
#include <asm/page.h>
#include <asm/pgtable.h>

static ssize_t pw_vmalloc_read(struct file *file, char __user *buf,
			       size_t len, loff_t *pos)
{
	volatile char *page;
	unsigned long addr;
	pmd_t *pmd;
	char seen;

	if (*pos || !len)
		return 0;
	page = vmalloc(PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	page[0] = 'v';
	addr = (unsigned long)page;
	pmd = pmd_offset(pud_offset(p4d_offset(pgd_offset(current->active_mm,
							  addr), addr), addr), addr);
	pmd_clear(pmd);
	asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
	seen = page[0];			/* faults: vmalloc_fault() */
	vfree((void *)page);
	if (copy_to_user(buf, &seen, 1))
		return -EFAULT;
	*pos = 1;
	return 1;
}

static const struct proc_ops pw_vmalloc_ops = {
	.proc_read = pw_vmalloc_read,
};

static int __init pw_vmalloc_init(void)
{
	pr_info("pagewalk: layout VMALLOC_START=0x%lx VMALLOC_END=0x%lx TASK_SIZE=0x%lx "
		"__pa(init_mm.pgd)=0x%llx\n", (unsigned long)VMALLOC_START,
		(unsigned long)VMALLOC_END, (unsigned long)TASK_SIZE,
		(unsigned long long)__pa(init_mm.pgd));
	/*
	 * With PAE the kernel's pmd pages are shared by every page directory:
	 * clearing the entry would unmap the vmalloc area for all, and nothing
	 * syncs it back; x86-64 shares them too. Offer the trigger on 2-level
	 * paging only.
	 */
	if (!IS_ENABLED(CONFIG_X86_32) || IS_ENABLED(CONFIG_X86_PAE))
		return 0;
	proc_create("pagewalk_vmalloc", 0444, NULL, &pw_vmalloc_ops);
	return 0;
}
late_initcall(pw_vmalloc_init);
