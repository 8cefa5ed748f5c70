/* SPDX-License-Identifier: GPL-2.0-only */
/* file.c - open and read input files: regular files only, never blocking. */
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *type_name(mode_t m)
{
	return S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
	       : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "a special file";
}

int file_open_regular(const char *path, struct stat *st, struct diag *d)
{
	return file_open_regular_at(AT_FDCWD, path, false, st, d);
}

int file_open_regular_at(int dfd, const char *path, bool nofollow, struct stat *st,
			 struct diag *d)
{
	struct stat sb;
	int fd, fl;

	if (!st)
		st = &sb;
	/* O_NONBLOCK: opening a FIFO with no writer would wait forever */
	fd = openat(dfd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
		    (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0) {
		diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, st) < 0) {
		int e = errno;
		diag_set(d, path, 0, 0, "cannot read: %s", strerror(e));
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		if (S_ISDIR(st->st_mode))
			diag_set(d, path, 0, 0, "is a directory, not a file");
		else
			diag_set(d, path, 0, 0, "not a regular file (%s)", type_name(st->st_mode));
		close(fd);
		errno = EINVAL;
		return -1;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		int e = errno;
		diag_set(d, path, 0, 0, "cannot read: %s", strerror(e));
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Read up to want bytes at buf; returns the count, or -1 on an error. */
static ssize_t read_full(int fd, char *buf, size_t want)
{
	size_t have = 0;

	while (have < want) {
		ssize_t r = read(fd, buf + have, want - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		have += (size_t)r;
	}
	return (ssize_t)have;
}

char *file_read_fd(int fd, const char *path, size_t max, bool whole, size_t *len,
		   struct diag *d)
{
	struct stat st;
	char *buf = NULL, extra;
	ssize_t got;
	size_t size;
	int e;

	if (fstat(fd, &st) < 0) {
		e = errno;
		diag_set(d, path, 0, 0, "cannot read: %s", strerror(e));
		goto fail;
	}
	if ((uint64_t)st.st_size > max) {
		diag_set(d, path, 0, 0, "file too large (%lld bytes, at most %zu)",
			 (long long)st.st_size, max);
		e = EFBIG;
		goto fail;
	}
	size = (size_t)st.st_size;
	buf = malloc(size + 1);
	if (!buf) {
		diag_set(d, path, 0, 0, "out of memory");
		e = ENOMEM;
		goto fail;
	}
	got = read_full(fd, buf, size);
	if (got < 0) {
		e = errno;
		diag_set(d, path, 0, 0, "cannot read: %s", strerror(e));
		goto fail;
	}
	/* the file may have shrunk or grown since fstat: one more byte tells */
	if (!whole) {
		size = (size_t)got;
	} else if ((size_t)got != size || read_full(fd, &extra, 1) != 0) {
		diag_set(d, path, 0, 0, "file changed while reading");
		e = EAGAIN;
		goto fail;
	}
	buf[size] = '\0';
	*len = size;
	return buf;
fail:
	free(buf);
	errno = e;
	return NULL;
}

static char *read_regular(const char *path, size_t max, size_t *len, bool whole,
			  struct diag *d)
{
	int fd = file_open_regular(path, NULL, d), e;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = file_read_fd(fd, path, max, whole, len, d);
	e = errno;
	close(fd);
	errno = e;
	return buf;
}

char *file_read_regular(const char *path, size_t max, size_t *len, struct diag *d)
{
	return read_regular(path, max, len, true, d);
}

char *file_read_prefix(const char *path, size_t max, size_t *len, struct diag *d)
{
	return read_regular(path, max, len, false, d);
}
