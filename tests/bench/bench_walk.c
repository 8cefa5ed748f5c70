/* SPDX-License-Identifier: GPL-2.0-only */
/* bench_walk.c - how fast the engine walks and reads simulated memory.
 *
 * Prints figures only (no pass/fail): physmem reads and writes per second
 * over a sparse memory of many pages, and walk_run calls per second on
 * x86-32 (2-level), PAE and x86-64 tables. Run with `make bench`.
 */
#include <stdio.h>
#include <time.h>

#include "paging/walk.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Map npages 4 KiB pages at va 0x10000000.. for a (levels built as needed). */
static int map_pages(struct physmem *pm, const struct arch *a, uint64_t cr3, unsigned npages)
{
	uint64_t next = 0x100000;   /* page-table pages come from here */

	for (unsigned i = 0; i < npages; i++) {
		uint64_t va = 0x10000000ULL + (uint64_t)i * 4096, table = walk_cr3_base(a, cr3);
		struct addr_fields f;
		addr_split(a, va, &f, NULL);
		for (int lv = LEVEL_PGD; lv < LEVEL_PTE; lv++) {
			if (a->level[lv].folded)
				continue;
			uint64_t pa = table + (uint64_t)f.index[lv] * a->entry_size;
			uint64_t e = physmem_read(pm, pa, a->entry_size);
			if (!(e & PTE_P)) {
				e = next | PTE_P | (lv == LEVEL_PGD && a->real_levels == 3 ? 0 : PTE_RW | PTE_US);
				next += 4096;
				if (physmem_write(pm, pa, e, a->entry_size) < 0)
					return -1;
			}
			table = walk_entry_addr(a, e);
		}
		if (physmem_write(pm, table + (uint64_t)f.index[LEVEL_PTE] * a->entry_size,
				  (0x40000000ULL + (uint64_t)i * 4096) | PTE_P | PTE_RW | PTE_US,
				  a->entry_size) < 0)
			return -1;
	}
	return 0;
}

int main(void)
{
	struct physmem *pm = physmem_new();
	const unsigned npages = 30000;   /* 120 MiB of pages */
	volatile uint64_t sink = 0;
	double t;

	if (!pm)
		return 1;
	t = now();
	for (unsigned i = 0; i < npages; i++)
		physmem_write(pm, (uint64_t)i * 0x12345000ULL, i, 8);
	t = now() - t;
	printf("physmem: %u page-allocating writes in %.3f s (%.0f k/s)\n", npages, t, npages / t / 1e3);
	t = now();
	for (unsigned r = 0; r < 20; r++)
		for (unsigned i = 0; i < npages; i++)
			sink += physmem_read(pm, (uint64_t)i * 0x12345000ULL, 8);
	t = now() - t;
	printf("physmem: %u reads over %zu pages in %.3f s (%.1f M/s)\n", 20 * npages,
	       physmem_pages(pm), t, 20 * npages / t / 1e6);
	physmem_free(pm);

	const enum arch_id ids[] = { ARCH_X86_32, ARCH_X86_32_PAE, ARCH_X86_64 };
	for (size_t k = 0; k < 3; k++) {
		const struct arch *a = arch_get(ids[k]);
		const unsigned n = 20000, rounds = 50;
		struct walk w;

		pm = physmem_new();
		if (!pm || map_pages(pm, a, 0x1000, n) < 0)
			return 1;
		t = now();
		for (unsigned r = 0; r < rounds; r++)
			for (unsigned i = 0; i < n; i++) {
				walk_run(a, pm, 0x1000, 0x10000000ULL + (uint64_t)i * 4096 + r,
					 (struct access){ ACCESS_WRITE, true }, &w);
				sink += w.phys;
			}
		t = now() - t;
		printf("walk_run %-11s %u walks in %.3f s (%.2f M/s)\n", a->name, n * rounds, t,
		       n * rounds / t / 1e6);
		physmem_free(pm);
	}
	(void)sink;
	return 0;
}
