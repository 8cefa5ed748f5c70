/* SPDX-License-Identifier: GPL-2.0-only */
/* slowio.c - an LD_PRELOAD shim for tests/record/interrupt.sh: holds
 * pagewalk (and nothing it starts) for 3 s inside fsync() or rename()/link()
 * (PW_SLOW=fsync|publish), after creating the file $PW_MARK, so that the
 * test can send a signal at exactly that point. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int is_pagewalk(void)
{
	char buf[64] = "";
	FILE *f = fopen("/proc/self/comm", "r");

	if (f) {
		if (!fgets(buf, sizeof buf, f))
			buf[0] = 0;
		fclose(f);
	}
	return strncmp(buf, "pagewalk", 8) == 0;
}

static void hold(const char *what)
{
	const char *want = getenv("PW_SLOW"), *mark = getenv("PW_MARK");
	struct timespec ts = { 3, 0 };

	if (!want || strcmp(want, what) != 0 || !mark || !is_pagewalk())
		return;
	close(open(mark, O_WRONLY | O_CREAT, 0644));
	nanosleep(&ts, NULL);     /* a signal ends the wait early, as it would */
}

int fsync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");

	hold("fsync");
	return real(fd);
}

int rename(const char *a, const char *b)
{
	int (*real)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");

	hold("publish");
	return real(a, b);
}

int link(const char *a, const char *b)
{
	int (*real)(const char *, const char *) =
		(int (*)(const char *, const char *))dlsym(RTLD_NEXT, "link");

	hold("publish");
	return real(a, b);
}
