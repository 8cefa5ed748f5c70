/* SPDX-License-Identifier: GPL-2.0-only */
// System calls (int $0x80, number in eax). The ring-3 interpreter in
// user.S has one: step, which reports the next step of the process's
// script and either hands it back to be done in ring 3 (user reads and
// writes) or does it here in kernel mode (kernel reads and writes).

#include "defs.h"

#define SYS_step 1

static const char *const op_names[] = {
	[OP_END] = "end", [OP_UREAD] = "uread", [OP_UWRITE] = "uwrite",
	[OP_KREAD] = "kread", [OP_KWRITE] = "kwrite", [OP_USPIN] = "uspin",
};

// Kernel-mode accesses on behalf of the process; kept out of line so
// the faulting instruction is always in these functions.
__attribute__((noinline)) static uint32_t kernel_read(uint32_t addr)
{
	return *(volatile uint32_t *)addr;
}

__attribute__((noinline)) static void kernel_write(uint32_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

// step(i): finish step i-1 (check it), then start step i. Returns in
// eax the operation ring 3 must do (OP_UREAD, OP_UWRITE, OP_USPIN; 0
// for none),
// in ebx its address and in ecx the value to write; OP_USPIN makes
// ring 3 spin forever (the watchdog test).
static void sys_step(struct pt_regs *regs)
{
	struct task_struct *p = current;
	int i = (int)regs->bx;
	const struct step *s;

	step_check(p, 0);
	p->cur = i;
	p->step_faults = 0;
	regs->ax = 0;
	if (i < 0 || i >= p->nsteps) {
		kprintf("step pid=%u i=%d op=end addr=- value=-\n", p->pid, i);
		do_exit("exit");
	}
	s = &p->steps[i];
	kprintf("step pid=%u i=%d op=%s addr=%x value=%x\n", p->pid, i,
		op_names[s->op], s->addr, s->value);
	report_seen(0);                 // what ring 3 touched since the last step
	switch (s->op) {
	case OP_UREAD:
	case OP_UWRITE:
	case OP_USPIN:
		regs->ax = s->op;
		regs->bx = s->addr;
		regs->cx = s->value;
		break;
	case OP_KREAD:
		kprintf("kread pid=%u addr=%x value=%x\n", p->pid, s->addr,
			kernel_read(s->addr));
		break;
	case OP_KWRITE:
		kernel_write(s->addr, s->value);
		break;
	case OP_END:
		do_exit("exit");
	}
}

// Dispatch the system call in regs->ax.
void do_syscall(struct pt_regs *regs)
{
	switch (regs->ax) {
	case SYS_step:
		sys_step(regs);
		break;
	default:
		kprintf("note unknown_syscall=%u\n", regs->ax);
		regs->ax = (uint32_t)-1;
		break;
	}
}
