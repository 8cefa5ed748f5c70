/* SPDX-License-Identifier: GPL-2.0-only */
/* recfile.c - bounded reads, the live fault count, the -o target, the
 * atomic write and the run directory's removal. */
#include "recfile.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

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

/* Open path for reading without blocking and check it is a regular file. */
static int open_regular(const char *path, struct stat *sb, bool *missing, struct diag *d)
{
	char q[600];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (missing)
		*missing = fd < 0 && errno == ENOENT;
	if (fd < 0) {
		diag_set(d, "", 0, 0, "cannot read %s: %s", recfile_quote(path, q, sizeof q),
			 strerror(errno));
		return -1;
	}
	if (fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode)) {
		diag_set(d, "", 0, 0, "%s is not a regular file: a run's files must be",
			 recfile_quote(path, q, sizeof q));
		close(fd);
		return -1;
	}
	return fd;
}

int recfile_read(const char *path, size_t limit, char **text, size_t *len, bool *missing,
		 struct diag *d)
{
	char q[600];
	struct stat sb;
	size_t n = 0, cap;
	char *buf;
	int fd = open_regular(path, &sb, missing, d);

	*text = NULL;
	if (fd < 0)
		return -1;
	if ((unsigned long long)sb.st_size > limit) {
		diag_set(d, "", 0, 0, "%s is larger than %zu MiB: not a run's file",
			 recfile_quote(path, q, sizeof q), limit >> 20);
		goto fail;
	}
	cap = (size_t)sb.st_size + 1;
	buf = malloc(cap);
	if (!buf) {
		diag_set(d, "", 0, 0, "out of memory reading %s", recfile_quote(path, q, sizeof q));
		goto fail;
	}
	/* The file may grow after fstat: read at most what it had. */
	while (n + 1 < cap) {
		ssize_t r = read(fd, buf + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_set(d, "", 0, 0, "cannot read %s: %s", recfile_quote(path, q, sizeof q),
				 strerror(errno));
			free(buf);
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = 0;
	*text = buf;
	if (len)
		*len = n;
	return 0;
fail:
	close(fd);
	return -1;
}

void recfile_tail_poll(struct recfile_tail *t, const char *path)
{
	static const char want[] = "fault ";
	char buf[65536];
	size_t budget = 16u << 20;
	struct stat sb;
	int fd = open_regular(path, &sb, NULL, NULL);

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

/* Write and fsync t into the new file tmp; 0, or -1 with errno. */
static int write_tmp(const struct trace *t, const char *tmp, int fd)
{
	FILE *f = fdopen(fd, "w");
	int e;

	if (!f) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	errno = 0;
	if (trace_write(t, f) < 0 || fflush(f) != 0 || fsync(fileno(f)) != 0 ||
	    fchmod(fileno(f), 0644) != 0) {
		e = errno ? errno : EIO;
		fclose(f);
		errno = e;
		return -1;
	}
	(void)tmp;
	return fclose(f) == 0 ? 0 : -1;
}

/* Put the finished tmp at path: rename over a regular file with force,
 * else link (no clobbering a file that appeared meanwhile). */
static int publish(const char *tmp, const char *path, bool force, struct diag *d)
{
	char q[600];
	struct stat sb;

	recfile_quote(path, q, sizeof q);
	if (recfile_check_target(path, force, d) < 0)
		return -1;     /* the target changed while recording */
	if (force) {
		if (rename(tmp, path) == 0)
			return 0;
	} else if (link(tmp, path) == 0) {
		return 0;
	} else if (errno == EEXIST) {
		diag_set(d, "", 0, 0, "%s exists (use --force to overwrite it)", q);
		return -1;
	} else if ((errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS) &&
		   lstat(path, &sb) != 0 && rename(tmp, path) == 0) {
		return 0;   /* a file system without hard links */
	}
	diag_set(d, "", 0, 0, "cannot write %s: %s", q, strerror(errno));
	return -1;
}

int recfile_write_trace(const struct trace *t, const char *path, bool force,
			volatile sig_atomic_t *stop, struct diag *d)
{
	char tmp[4200], q[600];
	int fd, rc;

	if (snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path) >= (int)sizeof tmp) {
		diag_set(d, "", 0, 0, "cannot write %s: the name is too long",
			 recfile_quote(path, q, sizeof q));
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_set(d, "", 0, 0, "cannot write %s: %s", recfile_quote(path, q, sizeof q),
			 strerror(errno));
		return -1;
	}
	if (write_tmp(t, tmp, fd) < 0) {
		diag_set(d, "", 0, 0, "cannot write %s: %s", recfile_quote(path, q, sizeof q),
			 strerror(errno));
		rc = -1;
	} else if (stop && *stop) {
		diag_set(d, "", 0, 0, "interrupted: %s not written", recfile_quote(path, q, sizeof q));
		rc = -1;
	} else {
		rc = publish(tmp, path, force, d);
	}
	unlink(tmp);
	return rc;
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
