// SPDX-License-Identifier: GPL-2.0-only
// pages.c - lesson 10's program: which line faults, why once a page, and
// what fork shares. pagewalk record --kernel linux --mode 2level
// --program docs/examples/pages.c -o pages.yaml; pagewalk replay pages.yaml
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	char *p = mmap(0, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	for (int i = 0; i < 4 * 4096; i += 1024)
		p[i] = 1;               /* a fault on the first write of each page */
	char c = p[1024];               /* no fault: that page is mapped now */
	if (fork() == 0) {
		p[0] = 2;               /* the child writes a page it shares */
		_exit(0);
	}
	wait(0);
	p[4096] = 3;                    /* so does the parent */
	printf("%d %d %d\n", c, p[0], p[4096]);
	return 0;
}
