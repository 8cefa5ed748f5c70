/* SPDX-License-Identifier: GPL-2.0-only */
/* file_out.c - atomic, no-clobber output files (see file_out.h). */
#include "file_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

/* Print "pagewalk: cmd: PATH: why" with PATH escaped; returns EXIT_BADINPUT. */
static int out_error(const char *cmd, const char *path, const char *why)
{
	char *safe = text_escape(path, strlen(path), false);

	cmd_error(EXIT_BADINPUT, "%s: %s: %s", cmd, safe ? safe : "?", why);
	free(safe);
	return EXIT_BADINPUT;
}

/* Write data to a new temporary file next to path; its name into tmp. */
static int tmp_write(const char *path, const char *data, size_t len, char *tmp, size_t tmplen)
{
	int fd, e;

	if ((size_t)snprintf(tmp, tmplen, "%s.tmpXXXXXX", path) >= tmplen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		done += (size_t)n;
	}
	if (fchmod(fd, 0644) < 0 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
	return -1;
}

static const char *exists_msg(enum file_out_mode mode)
{
	return mode == FILE_OUT_NEW ? "exists; not overwriting it" :
		"exists (use --force to overwrite it)";
}

int file_out_check(const char *cmd, const char *path, enum file_out_mode mode)
{
	struct stat st;

	if (lstat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return out_error(cmd, path, "exists and is not a regular file; not writing it");
		if (mode != FILE_OUT_REPLACE)
			return out_error(cmd, path, exists_msg(mode));
	}
	return 0;
}

int file_out(const char *cmd, const char *path, const char *data, size_t len,
	     enum file_out_mode mode)
{
	const char *exists = exists_msg(mode);
	bool force = mode == FILE_OUT_REPLACE;
	char tmp[4200];
	int r;

	if (file_out_check(cmd, path, mode) != 0)
		return EXIT_BADINPUT;
	if (tmp_write(path, data, len, tmp, sizeof tmp) < 0)
		return out_error(cmd, path, strerror(errno));
	r = force ? rename(tmp, path) : link(tmp, path);
	if (r < 0) {
		int e = errno;
		unlink(tmp);
		return out_error(cmd, path, e == EEXIST ? exists : strerror(e));
	}
	if (!force)
		unlink(tmp);
	return 0;
}
