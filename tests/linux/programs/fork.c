// SPDX-License-Identifier: GPL-2.0-only
// tests/linux/program.sh records this on 2level with two arguments that
// hold spaces: it reads its stdin (an empty pipe: read returns 0 at once,
// nothing waits), forks, and parent and child each write a page nobody
// touched; each of those faults must be placed on its own line, in its
// own process.
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static char buf[3 * 4096] __attribute__((aligned(4096)));

int main(int argc, char **argv)
{
	char in[16];
	ssize_t n = read(0, in, sizeof in);
	pid_t pid;

	buf[0] = 1;
	pid = fork();
	if (pid == 0) {
		buf[4096] = 2;                  // the child writes
		return 0;
	}
	buf[2 * 4096] = 3;                      // the parent writes
	waitpid(pid, NULL, 0);
	printf("stdin %zd, %d arguments: [%s] [%s]\n", n, argc, argc > 1 ? argv[1] : "",
	       argc > 2 ? argv[2] : "");
	return 0;
}
