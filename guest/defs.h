/* SPDX-License-Identifier: GPL-2.0-only */
// Kernel-wide structures and the functions each file exports.

#ifndef GUEST_DEFS_H
#define GUEST_DEFS_H

#include <stddef.h>
#include <stdint.h>
#include "pgtable.h"

// Layout of the kernel's part of the address space.
#define LOWMEM_SIZE     0x02000000u     // RAM mapped at PAGE_OFFSET (32 MiB)
#define high_memory     (PAGE_OFFSET + LOWMEM_SIZE)
#define VMALLOC_OFFSET  0x00800000u     // 8 MiB hole, as in Linux
#define VMALLOC_START   ((high_memory + 2 * VMALLOC_OFFSET - 1) & ~(VMALLOC_OFFSET - 1))
#define VMALLOC_END     0xE0000000u

// User address-space layout.
#define USER_TEXT       0x08048000u
#define USER_STACK_TOP  0xC0000000u
#define USER_STACK_SIZE 0x00002000u

// Registers saved on kernel entry, in Linux i386's pt_regs order.
struct pt_regs {
	uint32_t bx, cx, dx, si, di, bp, ax;
	uint32_t ds, es, fs, gs;
	uint32_t trapno, error_code;
	uint32_t ip, cs, flags;
	uint32_t sp, ss;                // only when entered from ring 3
};

// Callee-saved registers of a sleeping kernel thread (swtch.S).
struct context {
	uint32_t di, si, bx, bp, ip;
};

#define VM_READ   0x1u
#define VM_WRITE  0x2u
#define VM_EXEC   0x4u

struct vm_area_struct {
	uint32_t vm_start, vm_end;      // [vm_start, vm_end)
	uint32_t vm_flags;
	struct vm_area_struct *vm_next; // sorted by address
	const char *name;
};

struct mm_struct {
	void *pgd;                      // kernel virtual address of the top table
	struct vm_area_struct *mmap;
};

// One step of a process's script, run by the ring-3 interpreter (user.S).
enum step_op { OP_END, OP_UREAD, OP_UWRITE, OP_KREAD, OP_KWRITE, OP_USPIN };
struct step {
	enum step_op op;
	uint32_t addr;
	uint32_t value;                 // for writes
	int faults;                     // expected page faults while doing it
	int killed;                     // expected to end the process
};

struct task_struct {
	int pid;
	const char *comm;
	struct mm_struct *mm;
	struct context *context;
	void *kstack;                   // one page
	const struct step *steps;
	int nsteps, cur;                // cur: step in progress, -1 before the first
	int step_faults;                // page faults seen during the step in progress
	int dead;
};

// main.c
extern struct mm_struct init_mm;
extern struct task_struct *current;
extern const char *scenario_name;
extern unsigned nr_failures;
void end_run(int pass, const char *reason) __attribute__((noreturn));
extern unsigned watchdog_ticks, watchdog_limit;

// console.c
void cons_putc(int c);
void kprintf(const char *fmt, ...);

// report.c
extern unsigned fault_seq;      // number of the fault being handled, 0 outside faults
void report_header(const char *mode, const char *scenario);
void report_walk(const char *tbl, void *pgd_base, uint32_t address);
void report_seen(unsigned n);
void report_set(const char *level, void *entry, pteval_t old, pteval_t new);
void report_alloc(uint32_t pa, const char *what);
void report_end(int pass, const char *reason, unsigned faults);

// string.c
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int strncmp(const char *a, const char *b, size_t n);
size_t strlen(const char *s);

// kalloc.c
void kinit(uint32_t start_pa, uint32_t end_pa);
void *get_zeroed_page(const char *what);
extern void *empty_zero_page;

// pgtable.c
extern uint8_t swapper_pg_dir[];
void paging_init(int pae);
void *pgd_alloc(struct mm_struct *mm);
pte_t *pte_alloc_kernel(pmd_t *pmd, uint32_t address);
void load_cr3(void *pgd);

// vmalloc.c
void *vmalloc(uint32_t size);

// fault.c
void do_page_fault(struct pt_regs *regs, uint32_t error_code);
void do_debug(struct pt_regs *regs);
unsigned faults_taken(void);
int retry_in_progress(void);
int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    uint32_t address, int write);

// trap.c
void trap_init(void);
void tss_set_stack(uint32_t esp0);
void trap(struct pt_regs *regs);

// proc.c
struct task_struct *task_create(const char *comm, const struct step *steps, int nsteps);
void mm_add_vma(struct mm_struct *mm, uint32_t start, uint32_t end,
		uint32_t flags, const char *name);
struct vm_area_struct *find_vma(struct mm_struct *mm, uint32_t addr);
void run_task(struct task_struct *p);
void do_exit(const char *how) __attribute__((noreturn));
void step_check(struct task_struct *p, int killed);
void force_sig_segv(uint32_t address, const char *why) __attribute__((noreturn));

// syscall.c
void do_syscall(struct pt_regs *regs);

// assembly
void swtch(struct context **old, struct context *new);
void ret_from_fork(void);
void paging_switch(uint32_t cr3, uint32_t cr4) ;
extern char user_prog[], user_prog_end[];
extern char boot_cmdline[];
extern uint32_t boot_mem_upper;
extern uint32_t vectors[];
extern char _end[];

#endif
