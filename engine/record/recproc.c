/* SPDX-License-Identifier: GPL-2.0-only */
/* recproc.c - a child process in a scope that catches every descendant. */
#include "record/recproc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double recproc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* SIGKILL every process whose parent is us; returns how many. */
static int kill_children(void)
{
	DIR *proc = opendir("/proc");
	struct dirent *de;
	pid_t self = getpid();
	int n = 0;

	if (!proc)
		return 0;
	while ((de = readdir(proc))) {
		char path[300], buf[512], *rp;
		int fd;
		ssize_t len;
		long ppid;
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = 0;
		/* "pid (comm) S ppid ...": comm may hold spaces and ')'. */
		rp = strrchr(buf, ')');
		if (rp && sscanf(rp + 1, " %*c %ld", &ppid) == 1 && ppid == self) {
			kill((pid_t)atol(de->d_name), SIGKILL);
			n++;
		}
	}
	closedir(proc);
	return n;
}

/* End the scope: SIGTERM the child's session (when still running), give it
 * a second, then SIGKILL and reap every descendant until none is left. */
static void end_scope(pid_t pid, bool running, int *status)
{
	if (running) {
		kill(-pid, SIGTERM);
		for (int i = 0; i < 50 && waitpid(pid, status, WNOHANG) == 0; i++)
			nap(20);
	}
	kill(-pid, SIGKILL);
	for (int round = 0; round < 500; round++) {
		int st;
		pid_t w;
		kill_children();
		while ((w = waitpid(-1, &st, WNOHANG)) > 0)
			if (w == pid)
				*status = st;
		if (w < 0 && errno == ECHILD)
			return;
		nap(10);
	}
}

/* In the child: killed when the recorder (parent) dies, even by SIGKILL;
 * own session, default signals, files, exec. Reports an exec failure's
 * errno on fd (close-on-exec). */
static void child(const struct recproc *p, int fd, pid_t parent)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT };
	sigset_t none;
	int in, o, e, err;

	/* PR_SET_PDEATHSIG survives exec; a parent gone before it was set is
	 * seen as a new parent */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0 || getppid() != parent)
		_exit(125);
	setsid();
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	in = open("/dev/null", O_RDONLY);
	o = open(p->out, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
	e = strcmp(p->out, p->err) == 0 ? dup(o) :
		open(p->err, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
	if (in < 0 || o < 0 || e < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0 ||
	    (p->dir && (chdir(p->dir) < 0 || setenv("TMPDIR", p->dir, 1) < 0))) {
		err = errno;
		(void)!write(fd, &err, sizeof err);
		_exit(126);
	}
	execvp(p->argv[0], p->argv);
	err = errno;
	(void)!write(fd, &err, sizeof err);
	_exit(127);
}

/* Sleep until pid ends or ms pass (or a signal comes: *p->stop): on the
 * process's pidfd, so its end wakes us at once; 20 ms naps where the
 * kernel has no pidfd_open (before Linux 5.3). */
static void await_end(int pidfd, long ms)
{
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

	if (pidfd < 0 || poll(&pfd, 1, (int)ms) < 0)
		nap(ms < 20 ? ms : 20);
}

/* Wait for pid, ticking; RECPROC_EXITED with *status, or why it stopped. */
static enum recproc_end watch(const struct recproc *p, pid_t pid, int *status)
{
	double t0 = recproc_now(), last = 0;
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	enum recproc_end end;

	for (;;) {
		pid_t w = waitpid(pid, status, WNOHANG);
		double el = recproc_now() - t0, left;
		if (w == pid) {
			end = RECPROC_EXITED;
			break;
		}
		if (p->stop && *p->stop) {
			end = RECPROC_STOPPED;
			break;
		}
		if (el > p->limit) {
			end = RECPROC_TIMEOUT;
			break;
		}
		if (p->tick && el - last >= 0.2) {
			last = el;
			p->tick(p->ctx, el);
		}
		/* the next tick or the limit, and at most 100 ms: a stop request
		 * made between its check and the poll waits no longer */
		left = p->limit - el + 0.001;
		if (p->tick && last + 0.2 - el < left)
			left = last + 0.2 - el;
		await_end(pidfd, left < 0.001 ? 1 : left > 0.1 ? 100 : (long)(left * 1000) + 1);
	}
	if (pidfd >= 0)
		close(pidfd);
	return end;
}

enum recproc_end recproc_run(const struct recproc *p, int *status, struct diag *d)
{
	int fds[2], err = 0;
	enum recproc_end end;
	pid_t pid, self = getpid();
	ssize_t n;

	*status = 0;
	if (p->stop && *p->stop)
		return RECPROC_STOPPED;
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	if (pipe(fds) < 0 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(fds[1], F_SETFD, FD_CLOEXEC) < 0) {
		diag_set(d, "", 0, 0, "cannot start %s: %s", p->argv[0], strerror(errno));
		return RECPROC_ERROR;
	}
	pid = fork();
	if (pid < 0) {
		diag_set(d, "", 0, 0, "cannot start %s: %s", p->argv[0], strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return RECPROC_ERROR;
	}
	if (pid == 0)
		child(p, fds[1], self);
	close(fds[1]);
	do
		n = read(fds[0], &err, sizeof err);
	while (n < 0 && errno == EINTR);
	close(fds[0]);
	if (n == sizeof err) {
		end_scope(pid, false, status);
		diag_set(d, "", 0, 0, "cannot run %s: %s", p->argv[0], strerror(err));
		return RECPROC_ERROR;
	}
	end = watch(p, pid, status);
	end_scope(pid, end != RECPROC_EXITED, status);
	return end;
}
