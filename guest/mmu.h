/* SPDX-License-Identifier: GPL-2.0-only */
// Hardware definitions for the i386 MMU, segments and the few
// devices the guest touches. Everything the CPU defines lives here;
// Linux-style paging helpers built on top of it live in pgtable.h.

#ifndef GUEST_MMU_H
#define GUEST_MMU_H

// Constants are unsigned in C; the assembler takes them bare (Linux _AC).
#ifdef __ASSEMBLER__
#define _U(x)           x
#else
#define _U(x)           x##u
#endif

// Memory split (3G/1G), as in Linux's default i386 configuration.
#define PAGE_OFFSET     _U(0xC0000000)
#define TASK_SIZE       PAGE_OFFSET
#define PAGE_SHIFT      12
#define PAGE_SIZE       (_U(1) << PAGE_SHIFT)
#define PAGE_MASK       (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(a)   (((a) + PAGE_SIZE - 1) & PAGE_MASK)

// Page-table entry bits (the same low 12 bits in 2-level and PAE entries).
#define _PAGE_PRESENT   _U(0x001)
#define _PAGE_RW        _U(0x002)
#define _PAGE_USER      _U(0x004)
#define _PAGE_PWT       _U(0x008)
#define _PAGE_PCD       _U(0x010)
#define _PAGE_ACCESSED  _U(0x020)
#define _PAGE_DIRTY     _U(0x040)
#define _PAGE_PSE       _U(0x080)          // large page in a pgd (2-level) or pmd (PAE) entry
#define _PAGE_GLOBAL    _U(0x100)

// Entries pointing at page tables, as Linux builds them.
#define _PAGE_TABLE     (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define _KERNPG_TABLE   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
// Leaf protections used by the guest.
#define PAGE_KERNEL       (_PAGE_PRESENT | _PAGE_RW)
#define PAGE_KERNEL_LARGE (_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#define PAGE_USER_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)
#define PAGE_USER_RO      (_PAGE_PRESENT | _PAGE_USER)
// A PAE page-directory-pointer entry: only P may be set.
#define PAE_PGD_ENTRY   _PAGE_PRESENT

// Page-fault error code bits (Linux arch/x86/include/asm/trap_pf.h).
#define PF_PROT         _U(0x01)           // 0: page not present, 1: protection
#define PF_WRITE        _U(0x02)
#define PF_USER         _U(0x04)
#define PF_RSVD         _U(0x08)
#define PF_INSTR        _U(0x10)

// Control registers.
#define X86_CR0_PE      _U(0x00000001)
#define X86_CR0_WP      _U(0x00010000)
#define X86_CR0_PG      _U(0x80000000)
#define X86_CR4_PSE     _U(0x00000010)
#define X86_CR4_PAE     _U(0x00000020)

// EFLAGS.
#define X86_EFLAGS_TF   _U(0x00000100)
#define X86_EFLAGS_IF   _U(0x00000200)

// Segment selectors (GDT slots, see trap.c).
#define GDT_KERNEL_CS   1
#define GDT_KERNEL_DS   2
#define GDT_USER_CS     3
#define GDT_USER_DS     4
#define GDT_TSS         5
#define GDT_ENTRIES     6
#define __KERNEL_CS     (GDT_KERNEL_CS << 3)
#define __KERNEL_DS     (GDT_KERNEL_DS << 3)
#define __USER_CS       ((GDT_USER_CS << 3) | 3)
#define __USER_DS       ((GDT_USER_DS << 3) | 3)
#define TSS_SEL         (GDT_TSS << 3)

// Exception and interrupt vectors.
#define T_DEBUG         1
#define T_PGFLT         14
#define T_IRQ0          32              // PIC remapped here
#define T_SYSCALL       0x80

// I/O ports.
#define PORT_E9         0xE9            // debug console (QEMU -debugcon, Bochs port_e9_hack)
#define PORT_DEBUG_EXIT 0xF4            // QEMU isa-debug-exit
#define PORT_BOCHS_SHUTDOWN 0x8900      // Bochs: write "Shutdown"
#define PORT_PIC1_CMD   0x20
#define PORT_PIC1_DATA  0x21
#define PORT_PIC2_CMD   0xA0
#define PORT_PIC2_DATA  0xA1
#define PORT_PIT_CH0    0x40
#define PORT_PIT_CMD    0x43
#define PIT_HZ          _U(1193182)

// Values written to isa-debug-exit; QEMU exits with (v << 1) | 1.
#define EXIT_PASS       0x10            // QEMU status 33
#define EXIT_FAIL       0x11            // QEMU status 35

#endif
