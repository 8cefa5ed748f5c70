/* SPDX-License-Identifier: GPL-2.0-only */
// kmain: read the command line, set up paging in the chosen mode, run
// the chosen scenario(s), and end the emulator run with pass or fail.
//
// Command line (words separated by spaces; a first word without '=' is
// the kernel path QEMU puts there and is skipped):
//   mode=2level|pae                       paging mode (default 2level)
//   scenario=demand|vmalloc|protection|all|stall   (default all)
//   watchdog=SECONDS                      end a stuck run as failed (default 10)
//   hang=1                                test only: after the header, spin
//                                         forever with interrupts off and
//                                         no watchdog (tests the host's timeout)
// scenario=stall is test-only too: a process spins in ring 3 until the
// watchdog ends the run (tests the watchdog).

#include "defs.h"
#include "x86.h"

struct mm_struct init_mm;       // the kernel's mm: pgd = swapper_pg_dir
const char *scenario_name;
unsigned nr_failures;

// Write the end record and stop the emulator: QEMU's isa-debug-exit
// (exit status 33 pass, 35 fail), then Bochs's shutdown port. Never
// returns.
void end_run(int pass, const char *reason)
{
	cli();
	if (nr_failures)
		pass = 0;
	report_end(pass, reason, faults_taken());
	outb(PORT_DEBUG_EXIT, pass ? EXIT_PASS : EXIT_FAIL);
	for (const char *s = "Shutdown"; *s; s++)
		outb(PORT_BOCHS_SHUTDOWN, (uint8_t)*s);
	for (;;)
		__asm__ volatile("cli; hlt");
}

// The value of option key in the command line, copied into buf
// (size n), or 0 if absent.
static const char *cmdline_get(const char *key, char *buf, size_t n)
{
	size_t klen = strlen(key);
	const char *p = boot_cmdline;
	int first = 1;

	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		int has_eq = 0;
		while (*p && *p != ' ')
			has_eq |= *p++ == '=';
		if (first && !has_eq) {         // QEMU: "kernel-path ARGS"
			first = 0;
			continue;
		}
		first = 0;
		if ((size_t)(p - w) > klen && strncmp(w, key, klen) == 0 && w[klen] == '=') {
			size_t i = 0;
			for (w += klen + 1; w < p && i + 1 < n; w++)
				buf[i++] = *w;
			buf[i] = 0;
			return buf;
		}
	}
	return 0;
}

static int streq(const char *a, const char *b)
{
	return strncmp(a, b, 64) == 0;
}

static uint32_t parse_uint(const char *s)
{
	uint32_t v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (uint32_t)(*s++ - '0');
	return v;
}

// demand: anonymous memory on demand. The vma straddles 0x10000000, a
// page-table boundary in both modes (4 MiB on 2-level, 2 MiB on PAE),
// so the second half needs a new page table.
#define ANON_START 0x0FFFE000u
#define ANON_END   0x10002000u
static const struct step demand_steps[] = {
	{ OP_UREAD,  0x0FFFE000, 0, 1, 0 },             // absent, read: zero page
	{ OP_UWRITE, 0x0FFFE000, 0x11111111, 1, 0 },    // read-only zero page: copy
	{ OP_UWRITE, 0x0FFFF004, 0x22222222, 1, 0 },    // absent, write: new page
	{ OP_UREAD,  0x10000000, 0, 1, 0 },             // new page table, zero page
	{ OP_UWRITE, 0x10000008, 0x33333333, 1, 0 },    // copy
	{ OP_UWRITE, 0x10001000, 0x44444444, 1, 0 },    // new page
	{ OP_UREAD,  0x0FFFE000, 0, 0, 0 },             // mapped now: no fault
	{ OP_UREAD,  0x20000000, 0, 1, 1 },             // outside every vma: SIGSEGV
};

static void scenario_demand(void)
{
	kprintf("scenario name=demand\n");
	struct task_struct *p = task_create("demand", demand_steps,
					    sizeof(demand_steps) / sizeof(demand_steps[0]));
	mm_add_vma(p->mm, ANON_START, ANON_END, VM_READ | VM_WRITE, "anon");
	run_task(p);
}

// vmalloc: two processes exist, then the kernel vmallocs a buffer in a
// slot (2-level pgd entry / PAE pmd entry) the master table has not
// used before, so neither process's table has it. Each process touches
// the buffer in kernel mode: the first touch faults and is fixed by
// vmalloc_sync_one, the second (same slot) does not fault, and the last
// is a bad kernel access: A the guard page after the buffer (the master
// has the page table but no pte), B an address in a slot the master
// does not map at all. Both oops and kill the process.
static struct step vm_steps_a[3], vm_steps_b[3];

static void scenario_vmalloc(void)
{
	kprintf("scenario name=vmalloc\n");
	struct task_struct *a = task_create("A", vm_steps_a, 3);
	struct task_struct *b = task_create("B", vm_steps_b, 3);
	uint32_t buf = (uint32_t)vmalloc(2 * PAGE_SIZE);
	if (!buf)
		end_run(0, "vmalloc_failed");
	uint32_t hole = (buf & ~(VMALLOC_OFFSET - 1)) + VMALLOC_OFFSET;

	vm_steps_a[0] = (struct step){ OP_KREAD, buf, 0, 1, 0 };
	vm_steps_a[1] = (struct step){ OP_KWRITE, buf + PAGE_SIZE, 0xAAAAAAAA, 0, 0 };
	vm_steps_a[2] = (struct step){ OP_KREAD, buf + 2 * PAGE_SIZE, 0, 1, 1 };
	vm_steps_b[0] = (struct step){ OP_KWRITE, buf + 4, 0xBBBBBBBB, 1, 0 };
	vm_steps_b[1] = (struct step){ OP_KREAD, buf + PAGE_SIZE, 0, 0, 0 };
	vm_steps_b[2] = (struct step){ OP_KREAD, hole, 0, 1, 1 };
	run_task(a);
	run_task(b);
}

// protection: faults on present pages. R writes to a page it may only
// read (P|W|U); K reads a kernel page from ring 3 (P|U).
#define RO_START 0x20000000u
static const struct step prot_steps_r[] = {
	{ OP_UREAD,  RO_START, 0, 1, 0 },               // zero page, read-only
	{ OP_UWRITE, RO_START, 0x55555555, 1, 1 },      // vma not writable: SIGSEGV
};
static const struct step prot_steps_k[] = {
	{ OP_UREAD,  PAGE_OFFSET + 0x100000, 0, 1, 1 }, // kernel text from ring 3
};

static void scenario_protection(void)
{
	kprintf("scenario name=protection\n");
	struct task_struct *r = task_create("R", prot_steps_r, 2);
	mm_add_vma(r->mm, RO_START, RO_START + PAGE_SIZE, VM_READ, "rodata");
	struct task_struct *k = task_create("K", prot_steps_k, 1);
	run_task(r);
	run_task(k);
}

// stall (test only): a process spins in ring 3 until the watchdog ends
// the run as failed.
static const struct step stall_steps[] = {
	{ OP_USPIN, 0, 0, 0, 0 },
};

static void scenario_stall(void)
{
	kprintf("scenario name=stall\n");
	run_task(task_create("S", stall_steps, 1));
}

// Entered from entry.S on the boot stack, paging on with the boot table.
void kmain(void)
{
	char mode[16], scen[16], num[16];
	int pae;

	if (!cmdline_get("mode", mode, sizeof(mode)))
		memcpy(mode, "2level", 7);
	if (!cmdline_get("scenario", scen, sizeof(scen)))
		memcpy(scen, "all", 4);
	if (streq(mode, "2level")) {
		pae = 0;
	} else if (streq(mode, "pae")) {
		pae = 1;
	} else {
		kprintf("\nerror what=bad_mode\n");
		end_run(0, "bad_cmdline");
	}
	if (!streq(scen, "demand") && !streq(scen, "vmalloc") && !streq(scen, "protection") &&
	    !streq(scen, "all") && !streq(scen, "stall")) {
		kprintf("\nerror what=bad_scenario\n");
		end_run(0, "bad_cmdline");
	}
	scenario_name = scen;

	paging_init(pae);
	kinit(__pa(_end), LOWMEM_SIZE);
	trap_init();
	report_header(mode, scen);

	if (cmdline_get("hang", num, sizeof(num)) && streq(num, "1")) {
		kprintf("note hang=1: spinning with interrupts off, no watchdog\n");
		for (;;)
			cli();
	}
	watchdog_limit = 100 * 10;
	if (cmdline_get("watchdog", num, sizeof(num)))
		watchdog_limit = 100 * parse_uint(num);
	sti();

	empty_zero_page = get_zeroed_page("zero_page");
	if (streq(scen, "demand") || streq(scen, "all"))
		scenario_demand();
	if (streq(scen, "vmalloc") || streq(scen, "all"))
		scenario_vmalloc();
	if (streq(scen, "protection") || streq(scen, "all"))
		scenario_protection();
	if (streq(scen, "stall"))
		scenario_stall();
	end_run(1, "-");
}
