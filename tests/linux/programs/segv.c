// SPDX-License-Identifier: GPL-2.0-only
// A program that writes an escape sequence, more output than a recording
// keeps, then dies of SIGSEGV (tests/linux/program.sh).
#include <stdio.h>
#include <string.h>

static char lots[20000];

int main(void)
{
	volatile int *p = (int *)16;

	printf("\033[2J\033]0;title\007red\n");
	memset(lots, 'x', sizeof lots);
	fwrite(lots, 1, sizeof lots, stdout);
	fflush(stdout);
	*p = 1;                                 // fault x1: no vma there: SIGSEGV
	return 0;
}
