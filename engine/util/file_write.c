/* SPDX-License-Identifier: GPL-2.0-only */
/* file_write.c - atomic, no-clobber output files (see file_write.h). */
#include "util/file_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* -1 with d = (path, why) and errno = e. */
static int refuse(const char *path, int e, const char *why, struct diag *d)
{
	diag_set(d, path, 0, 0, "%s", why);
	errno = e;
	return -1;
}

int file_target_check(const char *path, enum file_replace mode, struct diag *d)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return 0;
	if (!S_ISREG(st.st_mode))
		return refuse(path, EINVAL, "exists and is not a regular file; not writing it", d);
	if (mode == FILE_NEW)
		return refuse(path, EEXIST, "exists; not overwriting it", d);
	if (mode == FILE_KEEP)
		return refuse(path, EEXIST, "exists (use --force to overwrite it)", d);
	return 0;
}

/* Fill the new file fd (tmp), set perm, fsync and close it; 0 or -1. */
static int fill_tmp(int fd, mode_t perm, file_fill_fn *fill, const void *arg)
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
	if (fill(f, arg) < 0 || fflush(f) != 0 || ferror(f) || fchmod(fileno(f), perm) != 0 ||
	    fsync(fileno(f)) != 0) {
		e = errno ? errno : EIO;
		fclose(f);
		errno = e;
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* Give tmp the target's name; *moved tells whether tmp is gone. */
static int publish(const char *tmp, const char *path, enum file_replace mode, bool *moved)
{
	struct stat st;

	if (mode == FILE_REPLACE) {
		*moved = rename(tmp, path) == 0;
		return *moved ? 0 : -1;
	}
	if (link(tmp, path) == 0)
		return 0;
	if ((errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS) && lstat(path, &st) != 0) {
		*moved = rename(tmp, path) == 0;   /* a file system without hard links */
		return *moved ? 0 : -1;
	}
	return -1;
}

int file_write_atomic(const char *path, enum file_replace mode, mode_t perm,
		      file_fill_fn *fill, const void *arg, volatile sig_atomic_t *stop,
		      struct diag *d)
{
	char tmp[4200];
	bool moved = false;
	int fd, e;

	if (file_target_check(path, mode, d) < 0)
		return -1;
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path) >= sizeof tmp)
		return refuse(path, ENAMETOOLONG, strerror(ENAMETOOLONG), d);
	fd = mkstemp(tmp);
	if (fd < 0)
		return refuse(path, errno, strerror(errno), d);
	if (fill_tmp(fd, perm, fill, arg) < 0) {
		e = errno;
		diag_set(d, path, 0, 0, "%s", strerror(e));
		goto fail;
	}
	if (stop && *stop) {
		e = ECANCELED;
		diag_set(d, path, 0, 0, "interrupted: not written");
		goto fail;
	}
	/* the target may have changed while the bytes were made */
	if (file_target_check(path, mode, d) < 0) {
		e = errno;
		goto fail;
	}
	if (publish(tmp, path, mode, &moved) < 0) {
		e = errno;
		diag_set(d, path, 0, 0, "%s", e == EEXIST ? (mode == FILE_NEW ?
			 "exists; not overwriting it" : "exists (use --force to overwrite it)")
			 : strerror(e));
		goto fail;
	}
	if (!moved)
		unlink(tmp);
	return 0;
fail:
	if (!moved)
		unlink(tmp);
	errno = e;
	return -1;
}

struct bytes {
	const char *data;
	size_t len;
};

static int put_bytes(FILE *f, const void *arg)
{
	const struct bytes *b = arg;

	return fwrite(b->data, 1, b->len, f) == b->len ? 0 : -1;
}

int file_write_bytes(const char *path, enum file_replace mode, mode_t perm,
		     const char *data, size_t len, struct diag *d)
{
	struct bytes b = { data, len };

	return file_write_atomic(path, mode, perm, put_bytes, &b, NULL, d);
}
