/* SPDX-License-Identifier: GPL-2.0-only */
// Page-frame allocator: hands out 4 KiB frames of the directly mapped
// low memory, in increasing address order, and never frees them. A
// scenario allocates a few dozen frames, and a fixed order makes every
// run allocate the same frames, so records are reproducible.

#include "defs.h"

static uint32_t next_pa, limit_pa;
void *empty_zero_page;          // mapped read-only for anonymous read faults

// Make the frames in [start_pa, end_pa) available.
void kinit(uint32_t start_pa, uint32_t end_pa)
{
	next_pa = PAGE_ALIGN(start_pa);
	limit_pa = end_pa & PAGE_MASK;
}

// Allocate one frame, fill it with zeros and return its kernel
// virtual address; report the allocation with what it is for.
// Returns 0 when memory is exhausted.
void *get_zeroed_page(const char *what)
{
	if (next_pa >= limit_pa)
		return 0;
	uint32_t pa = next_pa;
	next_pa += PAGE_SIZE;
	report_alloc(pa, what);
	return memset(__va(pa), 0, PAGE_SIZE);
}
