/* SPDX-License-Identifier: GPL-2.0-only */
/* lxcache.c - the cache's directories, never through a symlink.
 *
 * The root ($XDG_CACHE_HOME, or $HOME/.cache) is the user's to place; below
 * it every part of pagewalk/linux-KEY/linux-source-6.1/DIR is opened with
 * O_NOFOLLOW, so nothing planted in the cache (a symlink to elsewhere, a
 * FIFO, a file where a directory goes) is written through or waited on.
 * A refusal names the part at fault and what it is.
 */
#include "linuxsrc_int.h"

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

#include "util/env.h"
#include "util/file.h"

/* Say why part (the first n bytes of rel) cannot be opened under dirfd. */
static void refuse(int dirfd, const char *base, const char *rel, size_t n, const char *part,
		   int err, struct diag *d)
{
	struct stat st;

	if (fstatat(dirfd, part, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
		diag_set(d, "", 0, 0, "cache: %s/%.*s is a symbolic link; pagewalk does not follow "
			 "links in its cache (remove it, or set XDG_CACHE_HOME to the directory it "
			 "points to)", base, (int)n, rel);
	else if (err == ENOTDIR ||
		 (fstatat(dirfd, part, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode)))
		diag_set(d, "", 0, 0, "cache: %s/%.*s is not a directory; remove it", base, (int)n, rel);
	else if (err == ENOENT)
		diag_set(d, "", 0, 0, "cache: no %s/%.*s", base, (int)n, rel);
	else
		diag_set(d, "", 0, 0, "cache: %s/%.*s: %s", base, (int)n, rel, strerror(err));
}

int lxcache_dir(int dirfd, const char *base, const char *rel, bool create, struct diag *d)
{
	char part[256];
	const char *p = rel;
	int fd = dup(dirfd);

	if (fd < 0)
		diag_set(d, "", 0, 0, "cache: %s", strerror(errno));
	while (fd >= 0 && *p) {
		size_t n = strcspn(p, "/");
		int nfd, err;
		if (n >= sizeof part)
			n = sizeof part - 1;
		memcpy(part, p, n);
		part[n] = '\0';
		if (create && mkdirat(fd, part, 0700) < 0 && errno != EEXIST) {
			diag_set(d, "", 0, 0, "cache: cannot create %s/%.*s: %s", base,
				 (int)((size_t)(p - rel) + n), rel, strerror(errno));
			close(fd);
			return -1;
		}
		nfd = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		err = errno;
		if (nfd < 0)
			refuse(fd, base, rel, (size_t)(p - rel) + n, part, err, d);
		p += n + (p[n] == '/');
		close(fd);
		fd = nfd;
	}
	return fd;
}

/* Why the cache's root cannot be made, in words that say what to do: the
 * directory it lives in does not exist (a HOME that is not there), or
 * errno's reason. */
static void cache_root_error(const char *root, struct diag *d)
{
	const char *x = env_get()->xdg_cache_home, *h = env_get()->home;
	int e = errno;
	bool from_home = !(x && x[0] == '/');

	if (e == ENOENT && from_home && h)
		diag_set(d, "", 0, 0, "cannot keep Linux's source in %s: HOME (%s) does not exist; "
			 "set XDG_CACHE_HOME to a directory you can write", root, h);
	else if (e == ENOENT)
		diag_set(d, "", 0, 0, "cannot keep Linux's source in %s: the directory above it "
			 "does not exist; set XDG_CACHE_HOME to a directory you can write", root);
	else
		diag_set(d, "", 0, 0, "cannot keep Linux's source in %s: %s; set XDG_CACHE_HOME to "
			 "a directory you can write", root, strerror(e));
}

int lxcache_dir_of(const char *root, const char *cache_rel, const char *file, bool create,
		   const char **leaf, struct diag *d)
{
	char rel[700];
	const char *slash = strrchr(file, '/');
	int rfd, fd;

	if (create && mkdir(root, 0700) < 0 && errno != EEXIST) {
		cache_root_error(root, d);
		return -1;
	}
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rfd < 0) {
		diag_set(d, "", 0, 0, errno == ENOENT ? "cache: no %s" : "cache: cannot open %s: %s",
			 root, strerror(errno));
		return -1;
	}
	snprintf(rel, sizeof rel, "%s/%s%s%.*s", cache_rel, LINUXSRC_TOP, slash ? "/" : "",
		 slash ? (int)(slash - file) : 0, file);
	fd = lxcache_dir(rfd, root, rel, create, d);
	close(rfd);
	*leaf = slash ? slash + 1 : file;
	return fd;
}

/* The directory of file in the cache, without creating it: its fd and
 * *leaf; -1 when a part is missing; -2 with d when a part is unusable. */
static int leaf_dir(const char *root, const char *cache_rel, const char *file, const char **leaf,
		    struct diag *d)
{
	struct diag tmp;
	int dfd = lxcache_dir_of(root, cache_rel, file, false, leaf, &tmp);

	if (dfd >= 0)
		return dfd;
	if (strstr(tmp.msg, ": no "))
		return -1;
	*d = tmp;
	return -2;
}

int lxcache_open(const char *root, const char *cache_rel, const char *file, struct diag *d)
{
	const char *leaf;
	int dfd = leaf_dir(root, cache_rel, file, &leaf, d), fd;

	if (dfd < 0)
		return dfd;
	fd = file_open_regular_at(dfd, leaf, true, NULL, NULL);
	close(dfd);
	return fd;
}

int lxcache_has(const char *root, const char *cache_rel, const char *file, struct diag *d)
{
	const char *leaf;
	struct stat st;
	int dfd = leaf_dir(root, cache_rel, file, &leaf, d), r;

	if (dfd < 0)
		return dfd == -1 ? 0 : -1;
	r = fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
	close(dfd);
	return r;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

void lxcache_rmtree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A temporary directory is named tmp-PID-XXXXXX after its extracting
 * process; one whose process is gone (SIGKILL, a power cut) is removed. */
void lxcache_sweep(const char *cache)
{
	DIR *dir = opendir(cache);
	struct dirent *e;

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		char path[1500], *end;
		long pid;
		if (strncmp(e->d_name, "tmp-", 4) != 0)
			continue;
		pid = strtol(e->d_name + 4, &end, 10);
		if (end == e->d_name + 4 || *end != '-' || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "%s/%s", cache, e->d_name);
		lxcache_rmtree(path);
	}
	closedir(dir);
}
