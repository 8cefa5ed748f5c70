// SPDX-License-Identifier: GPL-2.0-only
// tests/linux/program.sh records this on 2level and 4level: every line
// marked "fault xN" must fault N times in main, and no other line of main
// may fault. Each marked line is a first touch of a page nobody touched.
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static char bss[4 * 4096] __attribute__((aligned(4096)));

int main(int argc, char **argv)
{
	char *p = mmap(0, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char *v = p;
	char c;
	int fd;

	v[0] = 1;                               // fault x1: a new page
	c = v[4096];                            // fault x1: the zero page
	v[4096] = c + 2;                        // fault x1: copy of the zero page
	for (int i = 0; i < 4 * 4096; i += 512)
		v[2 * 4096 + i] = 3;            // fault x4: every 4096 bytes, not every 512
	bss[2 * 4096] = 4;                      // fault x1: the program's bss
	fd = open("/args", O_RDONLY);
	if (read(fd, p + 7 * 4096, 16) < 0)     /* the kernel's copy faults: syscall read */
		return 1;
	printf("%s: %d arguments, %c\n", argv[0], argc, p[7 * 4096]);
	return 0;
}
