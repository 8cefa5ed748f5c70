/* SPDX-License-Identifier: GPL-2.0-only */
/* recfile.c - bounded reads, the live fault count, the -o target, the
 * atomic write and the run directory's removal. */
#include "record/recfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "util/file_write.h"
#include "util/text.h"

const char *recfile_quote(const char *s, char *buf, size_t len)
{
	char *e = text_escape(s, strlen(s), false);
	size_t n;

	if (!e) {
		snprintf(buf, len, "?");
		return buf;
	}
	n = strlen(e);
	if (n >= len) {
		/* cut before a UTF-8 continuation byte, never inside a character */
		n = len - 1;
		while (n > 0 && ((unsigned char)e[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, e, n);
	buf[n] = 0;
	free(e);
	return buf;
}

int recfile_read(const char *path, size_t limit, char **text, size_t *len, bool *missing,
		 struct diag *d)
{
	char q[600];
	size_t n;
	int e;

	/* file.c opens and reads; here only the recorder's wording */
	*text = file_read_prefix(path, limit, &n, NULL);
	e = *text ? 0 : errno;
	if (missing)
		*missing = e == ENOENT;
	if (*text) {
		if (len)
			*len = n;
		return 0;
	}
	recfile_quote(path, q, sizeof q);
	if (e == EINVAL)
		diag_set(d, "", 0, 0, "%s is not a regular file: a run's files must be", q);
	else if (e == EFBIG)
		diag_set(d, "", 0, 0, "%s is larger than %zu MiB: not a run's file", q, limit >> 20);
	else if (e == ENOMEM)
		diag_set(d, "", 0, 0, "out of memory reading %s", q);
	else
		diag_set(d, "", 0, 0, "cannot read %s: %s", q, strerror(e));
	return -1;
}

void recfile_tail_poll(struct recfile_tail *t, const char *path)
{
	static const char want[] = "fault ";
	char buf[65536];
	size_t budget = 16u << 20;
	struct stat sb;
	int fd = file_open_regular(path, &sb, NULL);

	if (fd < 0)
		return;
	if (sb.st_size < t->pos)
		*t = (struct recfile_tail){ 0 };
	while (budget > 0) {
		ssize_t r = pread(fd, buf, sizeof buf, t->pos);
		if (r <= 0)
			break;
		for (ssize_t i = 0; i < r; i++) {
			if (buf[i] == '\n') {
				t->state = 0;
			} else if (t->state >= 0 && t->state < 6) {
				t->state = buf[i] == want[t->state] ? t->state + 1 : -1;
				if (t->state == 6)
					t->faults++;
			}
		}
		t->pos += r;
		budget -= (size_t)r < budget ? (size_t)r : budget;
	}
	close(fd);
}

int recfile_check_target(const char *path, bool force, struct diag *d)
{
	char q[600], dq[600], dir[4096];
	struct stat sb;
	const char *slash;

	if (!*path) {
		diag_set(d, "", 0, 0, "-o wants a file name");
		return -1;
	}
	recfile_quote(path, q, sizeof q);
	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode)) {
			diag_set(d, "", 0, 0, "%s is a symbolic link: record writes only to a regular "
				 "file or a new name (name the link's target instead)", q);
			return -1;
		}
		if (!S_ISREG(sb.st_mode)) {
			diag_set(d, "", 0, 0, "%s is not a regular file: record never replaces a "
				 "device, FIFO, socket or directory, even with --force", q);
			return -1;
		}
		if (!force) {
			diag_set(d, "", 0, 0, "%s exists (use --force to overwrite it)", q);
			return -1;
		}
	} else if (errno != ENOENT) {
		diag_set(d, "", 0, 0, "cannot use %s: %s", q, strerror(errno));
		return -1;
	}
	slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	recfile_quote(dir, dq, sizeof dq);
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_set(d, "", 0, 0, "cannot write %s: no directory %s", q, dq);
		return -1;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		diag_set(d, "", 0, 0, "cannot write %s: directory %s: %s", q, dq, strerror(errno));
		return -1;
	}
	return 0;
}

static int put_trace(FILE *f, const void *t)
{
	return trace_write(t, f);
}

int recfile_write_trace(const struct trace *t, const char *path, bool force,
			volatile sig_atomic_t *stop, struct diag *d)
{
	char q[600];
	struct diag wd;
	int e;

	if (recfile_check_target(path, force, d) < 0)
		return -1;
	if (file_write_atomic(path, force ? FILE_REPLACE : FILE_KEEP, 0644, put_trace,
			      t, stop, &wd) == 0)
		return 0;
	/* file_write.c did the work; here only the recorder's wording */
	e = errno;
	recfile_quote(path, q, sizeof q);
	if (e == ECANCELED)
		diag_set(d, "", 0, 0, "interrupted: %s not written", q);
	else if (e == EEXIST)
		diag_set(d, "", 0, 0, "%s exists (use --force to overwrite it)", q);
	else if (e != EINVAL || recfile_check_target(path, force, d) == 0)
		diag_set(d, "", 0, 0, "cannot write %s: %s", q, wd.msg);
	return -1;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void recfile_remove_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Remove the run directories under tmpdir named PREFIX.PID.* that belong
 * to us and whose PID is gone. A PID taken again by another process keeps
 * its directory until that process is gone too: never a live run's. */
static void sweep_runs(const char *tmpdir, const char *prefix)
{
	DIR *dir = opendir(tmpdir);
	size_t n = strlen(prefix);
	struct dirent *e;

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		char path[1200], *end;
		struct stat sb;
		long pid;
		if (strncmp(e->d_name, prefix, n) != 0 || e->d_name[n] != '.')
			continue;
		pid = strtol(e->d_name + n + 1, &end, 10);
		if (end == e->d_name + n + 1 || *end != '.' || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == geteuid())
			recfile_remove_tree(path);
	}
	closedir(dir);
}

int recfile_run_dir(const char *tmpdir, const char *prefix, bool keep, char *buf, size_t len,
		    struct diag *d)
{
	char owner[32] = "kept";

	sweep_runs(tmpdir, prefix);
	if (!keep)
		snprintf(owner, sizeof owner, "%ld", (long)getpid());
	if (snprintf(buf, len, "%s/%s.%s.XXXXXX", tmpdir, prefix, owner) >= (int)len) {
		diag_set(d, "", 0, 0, "the work directory's name is too long");
		return -1;
	}
	if (!mkdtemp(buf)) {
		diag_set(d, "", 0, 0, "cannot make a work directory: %s", strerror(errno));
		return -1;
	}
	return 0;
}
