/* SPDX-License-Identifier: GPL-2.0-only */
// Processes: address spaces (mm_struct with a list of vm_area_struct),
// creation, running one to completion in ring 3, and exit.

#include "defs.h"
#include "x86.h"

#define NTASK 8
#define NVMA  32

static struct task_struct tasks[NTASK];
static struct mm_struct mms[NTASK];
static struct vm_area_struct vmas[NVMA];
static int ntasks, nvmas;
static struct context *scheduler_context;

struct task_struct *current;

// Add the vma [start, end) with flags to mm, keeping the list sorted.
void mm_add_vma(struct mm_struct *mm, uint32_t start, uint32_t end,
		uint32_t flags, const char *name)
{
	struct vm_area_struct *v, **pp;

	if (nvmas == NVMA)
		end_run(0, "out_of_vmas");
	v = &vmas[nvmas++];
	v->vm_start = start;
	v->vm_end = end;
	v->vm_flags = flags;
	v->name = name;
	for (pp = &mm->mmap; *pp && (*pp)->vm_start < start; pp = &(*pp)->vm_next)
		;
	v->vm_next = *pp;
	*pp = v;
	kprintf("vma pid=%u start=%x end=%x flags=%s%s%s name=%s\n",
		(unsigned)(mm - mms) + 1, start, end,
		(flags & VM_READ) ? "r" : "-", (flags & VM_WRITE) ? "w" : "-",
		(flags & VM_EXEC) ? "x" : "-", name);
}

// Return the first vma of mm that ends above addr, or 0 (Linux's
// find_vma: the caller still checks vm_start <= addr).
struct vm_area_struct *find_vma(struct mm_struct *mm, uint32_t addr)
{
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		if (addr < v->vm_end)
			return v;
	return 0;
}

// Map the frame at pa at user address addr of mm with protection prot,
// allocating the page table if needed. Used to load the program text.
static void install_page(struct mm_struct *mm, uint32_t addr, uint32_t pa,
			 pteval_t prot)
{
	pud_t *pud = pud_offset(pgd_offset(mm, addr), addr);
	pmd_t *pmd = pmd_offset(pud, addr);
	if (pmd_none(pmd)) {
		void *table = get_zeroed_page("pte");
		if (!table)
			end_run(0, "out_of_memory");
		set_pmd(pmd, __pa(table) | _PAGE_TABLE);
	}
	set_pte(pte_offset_kernel(pmd, addr), pa | prot);
}

// Create a process named comm that will run the script steps[0..n):
// a new mm (pgd_alloc), the interpreter text mapped at USER_TEXT, an
// (untouched) stack vma, and a kernel stack set up to enter ring 3.
// Scenario code adds the data vmas afterwards.
struct task_struct *task_create(const char *comm, const struct step *steps, int n)
{
	struct task_struct *p;
	struct pt_regs *regs;
	struct context *ctx;
	void *text;

	if (ntasks == NTASK)
		end_run(0, "out_of_tasks");
	p = &tasks[ntasks];
	p->mm = &mms[ntasks];
	p->pid = ++ntasks;
	p->comm = comm;
	p->steps = steps;
	p->nsteps = n;
	p->cur = -1;
	if (!pgd_alloc(p->mm))
		end_run(0, "out_of_memory");
	kprintf("proc pid=%u comm=%s pgd=%x\n", p->pid, comm, __pa(p->mm->pgd));

	mm_add_vma(p->mm, USER_TEXT, USER_TEXT + PAGE_SIZE, VM_READ | VM_EXEC, "text");
	text = get_zeroed_page("text");
	if (!text)
		end_run(0, "out_of_memory");
	memcpy(text, user_prog, (size_t)(user_prog_end - user_prog));
	install_page(p->mm, USER_TEXT, __pa(text), PAGE_USER_RO);
	mm_add_vma(p->mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP,
		   VM_READ | VM_WRITE, "stack");

	// Kernel stack: [context][pt_regs] at the top. swtch() pops the
	// context and returns into ret_from_fork, which pops pt_regs and
	// irets to ring 3.
	p->kstack = get_zeroed_page("kstack");
	if (!p->kstack)
		end_run(0, "out_of_memory");
	regs = (struct pt_regs *)((uint8_t *)p->kstack + PAGE_SIZE) - 1;
	regs->ds = regs->es = regs->fs = regs->gs = __USER_DS;
	regs->ss = __USER_DS;
	regs->cs = __USER_CS;
	regs->ip = USER_TEXT;
	regs->sp = USER_STACK_TOP;
	regs->flags = X86_EFLAGS_IF | 0x2;
	ctx = (struct context *)regs - 1;
	ctx->ip = (uint32_t)ret_from_fork;
	p->context = ctx;
	return p;
}

// Run p on its own page table until it exits or is killed.
void run_task(struct task_struct *p)
{
	current = p;
	tss_set_stack((uint32_t)p->kstack + PAGE_SIZE);
	load_cr3(p->mm->pgd);
	swtch(&scheduler_context, p->context);
	load_cr3(init_mm.pgd);
	current = 0;
}

// Compare what happened during p's step in progress with what its
// script expects; killed says whether the step ended the process.
void step_check(struct task_struct *p, int killed)
{
	const struct step *s;
	int good;

	if (p->cur < 0 || p->cur >= p->nsteps)
		return;
	s = &p->steps[p->cur];
	report_seen(0);                 // the A/D bits the step's accesses set
	good = p->step_faults == s->faults && killed == s->killed &&
	       !retry_in_progress() && (!killed || p->cur == p->nsteps - 1);
	kprintf("check pid=%u step=%d faults=%d want_faults=%d killed=%d want_killed=%d result=%s\n",
		p->pid, p->cur, p->step_faults, s->faults, killed, s->killed,
		good ? "ok" : "fail");
	if (!good)
		nr_failures++;
}

// End the current process (how: "exit", "sigsegv" or "oops") and go
// back to the scheduler. Does not return.
void do_exit(const char *how)
{
	struct task_struct *p = current;
	int killed = strncmp(how, "exit", 5) != 0;

	step_check(p, killed);
	p->cur = p->nsteps;
	p->dead = 1;
	kprintf("exit pid=%u how=%s\n", p->pid, how);
	swtch(&p->context, scheduler_context);
	end_run(0, "dead_task_ran");
}

// Kill the current process for a bad user access (SIGSEGV).
void force_sig_segv(uint32_t address, const char *why)
{
	kprintf("kill pid=%u sig=11 addr=%x why=%s\n", current->pid, address, why);
	do_exit("sigsegv");
}
