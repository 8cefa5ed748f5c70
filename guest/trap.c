/* SPDX-License-Identifier: GPL-2.0-only */
// Segments (GDT, TSS), the interrupt table, the PIC and the timer,
// and trap(), where every vector from trapasm.S arrives.

#include "defs.h"
#include "x86.h"

#define NVECTORS 49             // 0..47 and the system call (entry 48)

struct segdesc {
	uint16_t limit_lo, base_lo;
	uint8_t base_mid, access, limit_hi_flags, base_hi;
} __attribute__((packed));

struct gatedesc {
	uint16_t off_lo, sel;
	uint8_t zero, type_attr;
	uint16_t off_hi;
} __attribute__((packed));

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

struct descptr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static struct segdesc gdt[GDT_ENTRIES];
static struct gatedesc idt[256];
static struct tss tss;
unsigned watchdog_ticks, watchdog_limit;

// Fill GDT slot i: a flat 4 GiB segment with access byte access, or a
// byte-granular one of the given base and limit when limit != 0.
static void set_seg(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	gdt[i].limit_lo = (uint16_t)limit;
	gdt[i].base_lo = (uint16_t)base;
	gdt[i].base_mid = (uint8_t)(base >> 16);
	gdt[i].access = access;
	gdt[i].limit_hi_flags = (uint8_t)(((limit >> 16) & 0xF) | (flags << 4));
	gdt[i].base_hi = (uint8_t)(base >> 24);
}

// Point IDT entry v at handler: an interrupt gate (IF cleared on entry)
// callable from privilege level dpl.
static void set_gate(int v, uint32_t handler, int dpl)
{
	idt[v].off_lo = (uint16_t)handler;
	idt[v].sel = __KERNEL_CS;
	idt[v].zero = 0;
	idt[v].type_attr = (uint8_t)(0x8E | (dpl << 5));
	idt[v].off_hi = (uint16_t)(handler >> 16);
}

// Set the kernel stack the CPU switches to on entry from ring 3.
void tss_set_stack(uint32_t esp0)
{
	tss.esp0 = esp0;
}

// Remap the PICs to vectors 32..47, unmask only the timer (IRQ 0) and
// program the PIT for 100 Hz.
static void timer_init(void)
{
	outb(PORT_PIC1_CMD, 0x11);
	outb(PORT_PIC2_CMD, 0x11);
	outb(PORT_PIC1_DATA, T_IRQ0);
	outb(PORT_PIC2_DATA, T_IRQ0 + 8);
	outb(PORT_PIC1_DATA, 4);
	outb(PORT_PIC2_DATA, 2);
	outb(PORT_PIC1_DATA, 1);
	outb(PORT_PIC2_DATA, 1);
	outb(PORT_PIC1_DATA, 0xFE);
	outb(PORT_PIC2_DATA, 0xFF);
	uint32_t div = PIT_HZ / 100;
	outb(PORT_PIT_CMD, 0x34);
	outb(PORT_PIT_CH0, (uint8_t)div);
	outb(PORT_PIT_CH0, (uint8_t)(div >> 8));
}

// Load the GDT (kernel and user segments, the TSS) and the IDT.
// Interrupts stay disabled; the caller enables them.
void trap_init(void)
{
	struct descptr d;

	set_seg(GDT_KERNEL_CS, 0, 0xFFFFF, 0x9A, 0xC);
	set_seg(GDT_KERNEL_DS, 0, 0xFFFFF, 0x92, 0xC);
	set_seg(GDT_USER_CS, 0, 0xFFFFF, 0xFA, 0xC);
	set_seg(GDT_USER_DS, 0, 0xFFFFF, 0xF2, 0xC);
	tss.ss0 = __KERNEL_DS;
	tss.iomap_base = sizeof(tss);   // no I/O bitmap: ring 3 has no ports
	set_seg(GDT_TSS, (uint32_t)&tss, sizeof(tss) - 1, 0x89, 0x0);

	d.limit = sizeof(gdt) - 1;
	d.base = (uint32_t)gdt;
	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "mov %2, %%ax\n\t"
			 "mov %%ax, %%ds\n\t"
			 "mov %%ax, %%es\n\t"
			 "mov %%ax, %%ss\n\t"
			 "mov %%ax, %%fs\n\t"
			 "mov %%ax, %%gs\n\t"
			 "mov %3, %%ax\n\t"
			 "ltr %%ax"
			 : : "m"(d), "i"(__KERNEL_CS), "i"(__KERNEL_DS), "i"(TSS_SEL)
			 : "eax", "memory");

	for (int v = 0; v < NVECTORS - 1; v++)
		set_gate(v, vectors[v], 0);
	set_gate(T_SYSCALL, vectors[NVECTORS - 1], 3);
	d.limit = sizeof(idt) - 1;
	d.base = (uint32_t)idt;
	__asm__ volatile("lidt %0" : : "m"(d));
	timer_init();
}

// Every interrupt and exception arrives here with the registers saved
// in regs (trapasm.S).
void trap(struct pt_regs *regs)
{
	switch (regs->trapno) {
	case T_PGFLT:
		do_page_fault(regs, regs->error_code);
		return;
	case T_DEBUG:
		do_debug(regs);
		return;
	case T_SYSCALL:
		do_syscall(regs);
		return;
	case T_IRQ0:
		outb(PORT_PIC1_CMD, 0x20);
		if (watchdog_limit && ++watchdog_ticks >= watchdog_limit) {
			kprintf("\nwatchdog ticks=%u pid=%u eip=%x\n", watchdog_ticks,
				current ? current->pid : 0, regs->ip);
			end_run(0, "watchdog");
		}
		return;
	default:
		if (regs->trapno > T_IRQ0 && regs->trapno < T_IRQ0 + 16) {
			if (regs->trapno >= T_IRQ0 + 8)
				outb(PORT_PIC2_CMD, 0x20);
			outb(PORT_PIC1_CMD, 0x20);
			return;
		}
		kprintf("trap vector=%u err=%h eip=%x cs=%h pid=%u\n", regs->trapno,
			regs->error_code, regs->ip, regs->cs, current ? current->pid : 0);
		end_run(0, "unexpected_trap");
	}
}
