/* SPDX-License-Identifier: GPL-2.0-only */
/* lxtree.c - the source tree `make linux` extracted, read when it is
 * provably the installed tarball's.
 *
 * guest/linux/build.sh writes src/.pagewalk-files right after extracting
 * the tarball, before it copies our driver in or edits a Makefile:
 *
 *   pagewalk-linux-tree 1 debian=6.1.192-3 size=S mtime=M entries=N
 *   arch/x86/mm/fault.c<TAB>f INODE SIZE MTIME
 *   ...
 *
 * sorted by name. The tree is used only when that header names the
 * tarball installed now (its size and time), and a file only while it has
 * the inode, size and time listed: a file changed since (our build's
 * Makefile line, an edit) or added (our driver) is read from the tarball.
 */
#include "linuxsrc_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"

int lxtree_open(struct lxtree *t, const char *kcache, uint64_t tsize, int64_t tmtime, char *other,
		size_t olen)
{
	DIR *dir = opendir(kcache);
	struct dirent *e;
	int rc = 1;

	memset(t, 0, sizeof *t);
	if (olen)
		other[0] = '\0';
	if (!dir)
		return 1;
	while (rc && (e = readdir(dir))) {
		char path[1500], w[300];
		uint64_t size, mtime;
		if (strncmp(e->d_name, "linux-", 6) != 0 || strlen(e->d_name) > 100)
			continue;
		snprintf(t->src, sizeof t->src, "%s/%s/src", kcache, e->d_name);
		snprintf(path, sizeof path, "%s/%s", t->src, LXTREE_LIST);
		if (lxlist_map(&t->l, path, LXTREE_MAGIC, w, sizeof w) != 0)
			continue;
		if (lxlist_header_u64(&t->l, "size", &size) == 0 &&
		    lxlist_header_u64(&t->l, "mtime", &mtime) == 0 &&
		    lxlist_header_word(&t->l, "debian", t->upload, sizeof t->upload) == 0 &&
		    size == tsize && (int64_t)mtime == tmtime) {
			rc = 0;
			break;
		}
		if (olen && t->upload[0])
			snprintf(other, olen, "%s", t->upload);
		lxlist_unmap(&t->l);
	}
	closedir(dir);
	if (rc)
		memset(t, 0, sizeof *t);
	return rc;
}

void lxtree_close(struct lxtree *t)
{
	lxlist_unmap(&t->l);
}

/* Parse name's line: kind, inode, size, time. 1, 0 (not listed), -1. */
static int tree_line(const struct lxtree *t, const char *name, char *kind, uint64_t v[3])
{
	const char *line, *p, *end;
	size_t n;
	int r = lxlist_find(&t->l, name, &line, &n);

	if (r <= 0)
		return r;
	end = line + n;
	p = line + strlen(name) + 1;
	if (end - p < 2 || p[1] != ' ')
		return -1;
	*kind = p[0];
	p += 2;
	for (int i = 0; i < 3; i++) {
		char *e;
		if (p >= end || *p < '0' || *p > '9')
			return -1;
		v[i] = strtoull(p, &e, 10);
		if (e > end || (i < 2 && (e == end || *e != ' ')) || (i == 2 && e != end))
			return -1;
		p = e + 1;
	}
	return 1;
}

int lxtree_kind(const struct lxtree *t, const char *name)
{
	uint64_t v[3];
	char k;
	int r = tree_line(t, name, &k, v);

	if (r <= 0)
		return r;
	return k == 'f' || k == 'd' || k == 'l' ? k : 'o';
}

/* Open (or, when fd is NULL, only look at) name in the tree. 0 when it is
 * the file the listing describes, else -1. */
static int tree_file(const struct lxtree *t, const char *name, int *fd)
{
	const char *slash = strrchr(name, '/'), *leaf = slash ? slash + 1 : name;
	char dir[300];
	uint64_t v[3];
	struct stat st;
	struct diag d;
	char k;
	int root, dfd, f = -1, r;

	if (tree_line(t, name, &k, v) != 1 || k != 'f')
		return -1;
	root = open(t->src, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -1;
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - name) : 0, name);
	dfd = lxcache_dir(root, t->src, dir, false, &d);
	close(root);
	if (dfd < 0)
		return -1;
	if (fd)
		r = (f = file_open_regular_at(dfd, leaf, true, &st, NULL)) < 0 ? -1 : 0;
	else
		r = fstatat(dfd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) ? 0 : -1;
	close(dfd);
	if (r == 0 && ((uint64_t)st.st_ino != v[0] || (uint64_t)st.st_size != v[1] ||
		       (uint64_t)st.st_mtime != v[2] || st.st_mtim.tv_nsec != 0))
		r = -1;
	if (r < 0 && f >= 0)
		close(f);
	if (fd)
		*fd = r < 0 ? -1 : f;
	return r;
}

int lxtree_open_file(const struct lxtree *t, const char *name)
{
	int fd;

	return tree_file(t, name, &fd) < 0 ? -1 : fd;
}

bool lxtree_has(const struct lxtree *t, const char *name)
{
	return tree_file(t, name, NULL) == 0;
}
