// SPDX-License-Identifier: GPL-2.0-only
// tests/bench/programs/pages.c - `make bench`'s marginal cost a fault:
// first-touches N pages (its argument, at most 1000) of a fresh mapping,
// one page fault each. Recorded with N = 1 and N = 400, the difference in
// time over the difference in faults is what one more fault costs the
// recorder, its fixed costs (gdb, the boot, the lines) left out.
#include <stdlib.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;
	char *p;

	if (n < 1 || n > 1000)
		return 2;
	p = mmap(0, (size_t)n * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 1;
	for (int i = 0; i < n; i++)
		((volatile char *)p)[i * 4096] = 1;
	return 0;
}
