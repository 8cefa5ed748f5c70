// SPDX-License-Identifier: GPL-2.0-only
/*
 * pagewalk_layout.c - pagewalk's driver in its arm64 test kernels.
 *
 * At boot it prints the kernel's own layout on the console, the same line
 * pagewalk_vmalloc.c prints on x86, which pagewalk's tracer copies into its
 * records for the trace header:
 *
 *   pagewalk: layout VMALLOC_START=0x... VMALLOC_END=0x... TASK_SIZE=0x...
 *            __pa(init_mm.pgd)=0x...
 *
 * each the macro's value as this kernel computes it (arm64: from VA_BITS,
 * the module area and the vmemmap). VMALLOC_END is printed as the macro
 * says: on arm64 it is the end (exclusive), VMEMMAP_START less a guard.
 * init_mm.pgd is swapper_pg_dir, the kernel half's table that TTBR1 holds
 * for every task: arm64 has nothing like x86-32's vmalloc_sync_one, so
 * there is no trigger here. Built only into pagewalk's test kernels.
 */
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/printk.h>
#include <asm/memory.h>
#include <asm/pgtable.h>

static int __init pw_layout_init(void)
{
	pr_info("pagewalk: layout VMALLOC_START=0x%lx VMALLOC_END=0x%lx TASK_SIZE=0x%lx "
		"__pa(init_mm.pgd)=0x%llx\n", (unsigned long)VMALLOC_START,
		(unsigned long)VMALLOC_END, (unsigned long)TASK_SIZE,
		(unsigned long long)__pa(init_mm.pgd));
	return 0;
}
late_initcall(pw_layout_init);
