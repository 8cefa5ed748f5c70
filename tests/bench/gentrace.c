/* SPDX-License-Identifier: GPL-2.0-only */
/* gentrace.c - synthesise a pagewalk trace (x86-32, 2-level) with the
 * engine's model and writer, for the replayer's bench and test fixtures.
 *
 *   gentrace [-n EVENTS] [-s SEED] > FILE
 *
 * A small deterministic "kernel" is simulated: a master table
 * (swapper_pg_dir) with the kernel's 4 MiB direct map, processes whose
 * pgd_alloc copies the master's kernel half, demand faults on user pages,
 * vmalloc mapping into the master only, the vmalloc faults that follow in
 * processes created earlier (vmalloc_sync_one copying the master entry),
 * user SIGSEGVs, an occasional kernel oops, switches and notes. Every event
 * is consistent with the tables, so trace_validate accepts the result. The
 * first dozen events are fixed, so a short trace always holds a vmalloc
 * sync. The header says the trace is synthetic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/trace.h"

#define MASTER 0x00101000ull
#define TASK_SIZE 0xc0000000ull
#define VM_START 0xd0800000ull
#define VM_END 0xff7fe000ull
#define E_TABLE 0x067ull         /* P RW US A D */
#define E_KTABLE 0x063ull        /* P RW A D */
#define E_KPAGE 0x163ull         /* P RW A D G */
#define E_BIG 0x1e3ull           /* P RW A D PS G */
#define MAXPROC 4096

/* ---- the simulated memory: pa -> value (open addressing) ---- */
static uint64_t *hkey, *hval;
static size_t hcap;

static size_t hslot(uint64_t pa)
{
	size_t i = (size_t)((pa * 0x9e3779b97f4a7c15ull) >> 20) & (hcap - 1);

	while (hkey[i] && hkey[i] != pa + 1)
		i = (i + 1) & (hcap - 1);
	return i;
}

static uint64_t rd(uint64_t pa)
{
	size_t i = hslot(pa);

	return hkey[i] ? hval[i] : 0;
}

static void wr_mem(uint64_t pa, uint64_t v)
{
	size_t i = hslot(pa);

	hkey[i] = pa + 1;
	hval[i] = v;
}

static struct trace *t;
static uint64_t next_frame = 0x00800000;
static uint64_t rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void die(const char *what)
{
	fprintf(stderr, "gentrace: %s\n", what);
	exit(1);
}

static uint64_t frame(void)
{
	uint64_t f = next_frame;

	next_frame += 0x1000;
	if (trace_add_frame(t, f) < 0)
		die("out of memory");
	return f;
}

static void write_entry(uint64_t pa, uint64_t v, uint64_t from)
{
	if (trace_add_write(t, pa, rd(pa), v, from) < 0)
		die("out of memory");
	wr_mem(pa, v);
}

static struct trace_event *event(enum trace_kind k)
{
	struct trace_event *e = trace_add_event(t, k);

	if (!e)
		die("out of memory");
	return e;
}

static void note(const char *s)
{
	struct trace_event *e = event(TRACE_NOTE);

	if (trace_set_text(&e->note, s) < 0)
		die("out of memory");
}

struct proc {
	unsigned pid;
	uint64_t pgd;
	unsigned pages;          /* user pages touched */
	bool alive;
};
static struct proc procs[MAXPROC];
static unsigned nprocs, cur;
static unsigned vm_pages;   /* vmalloc pages mapped */

static uint64_t pgd_pa(uint64_t pgd, uint64_t va)
{
	return pgd + (va >> 22) * 4;
}

/* Walk va from pgd as the CPU would, recording steps (as a fault saw it). */
static void walk_steps(uint64_t pgd, uint64_t va, bool master)
{
	uint64_t pde = rd(pgd_pa(pgd, va));
	int (*add)(struct trace *, enum level, uint64_t, uint32_t, uint64_t, uint64_t) =
		master ? trace_add_master_step : trace_add_step;

	if (add(t, LEVEL_PGD, pgd, (uint32_t)(va >> 22), pgd_pa(pgd, va), pde) < 0)
		die("out of memory");
	if ((pde & 1) && !(pde & 0x80)) {
		uint64_t pt = pde & ~0xfffull, pa = pt + ((va >> 12) & 0x3ff) * 4;
		if (add(t, LEVEL_PTE, pt, (uint32_t)((va >> 12) & 0x3ff), pa, rd(pa)) < 0)
			die("out of memory");
	}
}

static void new_proc(void)
{
	struct proc *p;
	struct trace_event *e;
	char buf[64];

	if (nprocs == MAXPROC)
		nprocs = 0;     /* reuse slots (pids keep growing) */
	p = &procs[nprocs];
	p->pid = (unsigned)t->nevents + 2;
	p->pages = 0;
	p->alive = true;
	e = event(TRACE_MAP);
	e->pid = p->pid;
	snprintf(buf, sizeof buf, "pgd_alloc: pid %u", p->pid);
	if (trace_set_text(&e->note, buf) < 0)
		die("out of memory");
	p->pgd = frame();
	/* copy the kernel half of the master as it is now */
	for (unsigned i = (unsigned)(TASK_SIZE >> 22); i < 1024; i++) {
		uint64_t v = rd(MASTER + i * 4);
		if (v)
			write_entry(p->pgd + i * 4, v, TRACE_NO_ADDR);
	}
	cur = nprocs++;
}

static void switch_to(unsigned i)
{
	struct trace_event *e = event(TRACE_SWITCH);

	cur = i;
	e->pid = procs[i].pid;
	e->cr3 = procs[i].pgd;
}

static struct trace_event *fault(uint64_t va, uint32_t err, enum fault_path path,
				 enum trace_outcome out)
{
	struct proc *p = &procs[cur];
	struct trace_event *e = event(TRACE_FAULT);

	e->pid = p->pid;
	e->vector = 14;
	e->error_code = err;
	e->cr2 = va;
	e->cpl = (err & 4) ? 3 : 0;
	e->cs = (err & 4) ? 0x1b : 0x08;
	e->ip = (err & 4) ? 0x08048000 + rnd(0x1000) : 0xc0100000 + rnd(0x8000);
	e->cr3 = p->pgd;
	e->path = path;
	e->outcome = out;
	walk_steps(p->pgd, va, false);
	return e;
}

static void demand(void)
{
	struct proc *p = &procs[cur];
	uint64_t va = 0x08048000ull + (uint64_t)p->pages++ * 0x1000;
	uint64_t pde;

	if (va >= 0xb0000000ull)
		return;
	fault(va, 6, FAULT_NEW_PAGE, TRACE_OUT_RETRIED);
	pde = rd(pgd_pa(p->pgd, va));
	if (!(pde & 1)) {
		pde = frame() | E_TABLE;
		write_entry(pgd_pa(p->pgd, va), pde, TRACE_NO_ADDR);
	}
	write_entry((pde & ~0xfffull) + ((va >> 12) & 0x3ff) * 4, frame() | E_TABLE, TRACE_NO_ADDR);
}

static void vmalloc_map(void)
{
	uint64_t va = VM_START + (uint64_t)vm_pages * 0x1000;
	struct trace_event *e;
	uint64_t pde;

	if (va >= VM_END || vm_pages >= 8 * 1024)   /* at most 8 pgd slots: keeps pgd_alloc small */
		return;
	vm_pages += 1 + rnd(64);        /* leave guard gaps, reach new slots */
	e = event(TRACE_MAP);
	if (trace_set_text(&e->note, "vmalloc: mapped in init_mm only") < 0)
		die("out of memory");
	pde = rd(pgd_pa(MASTER, va));
	if (!(pde & 1)) {
		pde = frame() | E_KTABLE;
		write_entry(pgd_pa(MASTER, va), pde, TRACE_NO_ADDR);
	}
	write_entry((pde & ~0xfffull) + ((va >> 12) & 0x3ff) * 4, frame() | E_KPAGE, TRACE_NO_ADDR);
}

/* A kernel access to a vmalloc page the current process's pgd lacks. */
static void vmalloc_fault(void)
{
	struct proc *p = &procs[cur];

	/* a few candidates from a random start (a bounded search, so a long
	 * trace stays linear to generate) */
	for (unsigned n = 0, i = vm_pages > 64 ? rnd(vm_pages) : 0; n < 64 && i < vm_pages;
	     n++, i += 1 + rnd(8)) {
		uint64_t va = VM_START + (uint64_t)i * 0x1000;
		uint64_t m = rd(pgd_pa(MASTER, va));
		uint64_t pte_k;
		if (!(m & 1) || (rd(pgd_pa(p->pgd, va)) & 1))
			continue;
		pte_k = rd((m & ~0xfffull) + ((va >> 12) & 0x3ff) * 4);
		if (!(pte_k & 1))
			continue;
		fault(va, rnd(2) ? 2 : 0, FAULT_VMALLOC_SYNC, TRACE_OUT_RETRIED);
		walk_steps(MASTER, va, true);
		write_entry(pgd_pa(p->pgd, va), m, pgd_pa(MASTER, va));
		return;
	}
}

static void segv(void)
{
	fault(0x00000010ull + rnd(0x100) * 4, 4, FAULT_BAD_AREA, TRACE_OUT_SIGSEGV);
	procs[cur].alive = false;
	note("the process was killed by SIGSEGV");
	new_proc();
	switch_to(cur);
}

static void oops(void)
{
	uint64_t va = VM_END - 0x100000ull;     /* nothing is ever mapped there */

	fault(va, 0, FAULT_OOPS, TRACE_OUT_OOPS);
	walk_steps(MASTER, va, true);
	note("oops: the process dies; the kernel goes on in the scenario");
	procs[cur].alive = false;
	new_proc();
	switch_to(cur);
}

static void header(void)
{
	trace_set_text(&t->h.source, "pagewalk-gentrace (synthetic)");
	trace_set_text(&t->h.emulator, "none");
	trace_set_text(&t->h.emulator_version, "none: synthesised by tests/bench/gentrace");
	trace_set_text(&t->h.command, "gentrace");
	trace_set_text(&t->h.guest_build, "none");
	trace_set_text(&t->h.scenario, "synthetic");
	trace_set_text(&t->h.recorded_at, "1970-01-01T00:00:00Z");
	trace_set_text(&t->h.verified, "not recorded: generated consistent with its own tables");
	t->h.master_pgd = MASTER;
	t->h.task_size = TASK_SIZE;
	t->h.vmalloc_start = VM_START;
	t->h.vmalloc_end = VM_END;
}

int main(int argc, char **argv)
{
	size_t n = 24;
	struct diag d;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			rng = strtoull(argv[++i], NULL, 10) | 1;
		else
			die("usage: gentrace [-n EVENTS] [-s SEED] > FILE");
	}
	hcap = 1;
	while (hcap < n * 32 + 4096)
		hcap <<= 1;
	hkey = calloc(hcap, sizeof *hkey);
	hval = calloc(hcap, sizeof *hval);
	t = trace_new(arch_get(ARCH_X86_32));
	if (!hkey || !hval || !t)
		die("out of memory");
	header();
	/* the kernel's direct map: 4 pgd slots of 4 MiB pages */
	for (unsigned i = 0; i < 4; i++)
		wr_mem(MASTER + (768 + i) * 4, ((uint64_t)i << 22) | E_BIG);

	/* a fixed start: two processes, vmalloc after both exist, a sync */
	note("boot: swapper_pg_dir maps the kernel; pid 2 starts");
	new_proc();
	switch_to(cur);
	demand();
	demand();
	new_proc();
	switch_to(cur);
	demand();
	vmalloc_map();
	vmalloc_fault();
	switch_to(0);
	vmalloc_fault();
	segv();
	while (t->nevents < n) {
		unsigned r = rnd(100);
		if (r < 55)
			demand();
		else if (r < 63)
			vmalloc_map();
		else if (r < 75)
			vmalloc_fault();
		else if (r < 85) {
			if (nprocs < 8 || rnd(16) == 0)
				new_proc();
			switch_to(rnd(nprocs));
			if (!procs[cur].alive) {
				new_proc();
				switch_to(cur);
			}
		} else if (r < 87) {
			segv();
		} else if (r < 91 && n > 1000) {
			oops();
		} else {
			char buf[80];
			snprintf(buf, sizeof buf, "scenario: step %zu", t->nevents);
			note(buf);
		}
	}
	if (trace_snapshot(t) < 0)
		die("out of memory");
	if (trace_validate(t, "gentrace", &d) < 0) {
		char buf[1200];
		diag_format(&d, buf, sizeof buf);
		fprintf(stderr, "gentrace: bug: %s\n", buf);
		return 1;
	}
	if (trace_write(t, stdout) < 0 || fflush(stdout) != 0)
		die("write error");
	trace_free(t);
	free(hkey);
	free(hval);
	return 0;
}
