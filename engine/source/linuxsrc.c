/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxsrc.c - Linux's source lines from the installed linux-source-6.1.
 *
 * Extraction runs GNU tar (fork/exec, no shell): tar is part of every Debian
 * system, reads the package's .tar.xz as it is, and takes the members to
 * extract as arguments, so one run decompresses the tarball once for all
 * the files a lesson needs. (libarchive would add a library dependency for
 * the same single pass.)
 */
#define _GNU_SOURCE
#include "linuxsrc.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define DPKG_STATUS "/var/lib/dpkg/status"

/* ---- where things are ---- */

/* The installed package's Debian version, from dpkg's status file. */
static int debian_version(char *out, size_t len)
{
	FILE *f = fopen(DPKG_STATUS, "re");
	char line[512];
	bool ours = false;
	int rc = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		if (!strncmp(line, "Package: ", 9))
			ours = !strcmp(line + 9, LINUXSRC_PACKAGE "\n");
		else if (ours && !strncmp(line, "Version: ", 9)) {
			size_t n = strcspn(line + 9, "\n");
			if (n >= len)
				n = len - 1;
			memcpy(out, line + 9, n);
			out[n] = '\0';
			rc = 0;
			break;
		}
	}
	fclose(f);
	return rc;
}

static void key_clean(char *k)
{
	for (; *k; k++)
		if (!((*k >= '0' && *k <= '9') || (*k >= 'a' && *k <= 'z') ||
		      (*k >= 'A' && *k <= 'Z') || strchr(".+~-", *k)))
			*k = '_';
}

/* The cache's root directory ($XDG_CACHE_HOME or $HOME/.cache). */
static int cache_root(char *out, size_t len)
{
	const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");

	if (x && x[0] == '/')
		return snprintf(out, len, "%s", x) < (int)len ? 0 : -1;
	if (h && h[0] == '/')
		return snprintf(out, len, "%s/.cache", h) < (int)len ? 0 : -1;
	return -1;
}

int linuxsrc_open(struct linuxsrc *s, struct diag *d)
{
	const char *env = getenv(LINUXSRC_ENV);
	char root[900];
	struct stat st;

	memset(s, 0, sizeof *s);
	snprintf(s->tarball, sizeof s->tarball, "%s", env && env[0] ? env : LINUXSRC_TARBALL);
	if (stat(s->tarball, &st) < 0 || !S_ISREG(st.st_mode)) {
		diag_set(d, "", 0, 0, "%s is not installed (%s: %s)", LINUXSRC_PACKAGE, s->tarball,
			 stat(s->tarball, &st) < 0 ? strerror(errno) : "not a regular file");
		return -1;
	}
	if ((env && env[0]) || debian_version(s->key, sizeof s->key) < 0)
		snprintf(s->key, sizeof s->key, "local-%lld-%lld", (long long)st.st_size,
			 (long long)st.st_mtime);
	key_clean(s->key);
	if (cache_root(root, sizeof root) < 0) {
		diag_set(d, "", 0, 0, "no cache directory for %s: set XDG_CACHE_HOME or HOME",
			 LINUXSRC_PACKAGE);
		return -1;
	}
	if (snprintf(s->cache, sizeof s->cache, "%.*s/pagewalk/linux-%.100s", 800, root, s->key)
	    >= (int)sizeof s->cache) {
		diag_set(d, "", 0, 0, "cache directory name too long");
		return -1;
	}
	return 0;
}

bool linuxsrc_name_ok(const char *file)
{
	size_t n = strlen(file), comp = 0;

	if (n == 0 || n >= 256 || file[0] == '/')
		return false;
	for (size_t i = 0; i <= n; i++) {
		char c = file[i];
		if (c == '/' || c == '\0') {
			if (comp == 0 || (comp == 1 && file[i - 1] == '.') ||
			    (comp == 2 && file[i - 1] == '.' && file[i - 2] == '.'))
				return false;
			comp = 0;
			continue;
		}
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      strchr("_.,+-", c)))
			return false;
		comp++;
	}
	return true;
}

/* ---- the cache's directories, never through a symlink ---- */

/* Open directory rel (a/b/c) under dirfd, creating missing components when
 * create. The fd, or -1 with d filled. Does not close dirfd. */
static int dir_open(int dirfd, const char *base, const char *rel, bool create, struct diag *d)
{
	char part[256];
	const char *p = rel;
	int fd = dup(dirfd);

	while (fd >= 0 && *p) {
		size_t n = strcspn(p, "/");
		int nfd;
		if (n >= sizeof part)
			n = sizeof part - 1;
		memcpy(part, p, n);
		part[n] = '\0';
		p += n + (p[n] == '/');
		if (create && mkdirat(fd, part, 0700) < 0 && errno != EEXIST) {
			diag_set(d, "", 0, 0, "cache %s: cannot create %s: %s", base, part, strerror(errno));
			close(fd);
			return -1;
		}
		nfd = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (nfd < 0) {
			if (errno != ENOENT || create)
				diag_set(d, "", 0, 0, "cache %s: %s is not a directory (%s); remove it",
					 base, rel, strerror(errno));
			else
				diag_set(d, "", 0, 0, "cache %s: no %s", base, rel);
		}
		close(fd);
		fd = nfd;
	}
	return fd;
}

/* Open the directory of `file` in the cache (created when create). The
 * fd, or -1 with d filled; *leaf points at the file's last component. */
static int cache_dir_of(const struct linuxsrc *s, const char *file, bool create,
			const char **leaf, struct diag *d)
{
	char root[900], rel[700];
	const char *slash = strrchr(file, '/');
	int rfd, fd;

	if (cache_root(root, sizeof root) < 0) {
		diag_set(d, "", 0, 0, "no cache directory: set XDG_CACHE_HOME or HOME");
		return -1;
	}
	if (create && mkdir(root, 0700) < 0 && errno != EEXIST) {
		diag_set(d, "", 0, 0, "cannot create %s: %s", root, strerror(errno));
		return -1;
	}
	rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rfd < 0) {
		diag_set(d, "", 0, 0, "cannot open %s: %s", root, strerror(errno));
		return -1;
	}
	snprintf(rel, sizeof rel, "pagewalk/linux-%s/%s%s%.*s", s->key, LINUXSRC_TOP,
		 slash ? "/" : "", slash ? (int)(slash - file) : 0, file);
	fd = dir_open(rfd, s->cache, rel, create, d);
	close(rfd);
	*leaf = slash ? slash + 1 : file;
	return fd;
}

/* Open the cached copy of file: the fd of a regular file, -1 when it is
 * not there (or not a regular file: it is then replaced by the next
 * fetch), -2 with d filled when the cache's directories are unusable. */
static int cached_open(const struct linuxsrc *s, const char *file, struct diag *d)
{
	const char *leaf;
	struct diag tmp;
	int dfd = cache_dir_of(s, file, false, &leaf, &tmp), fd;
	struct stat st;

	if (dfd < 0) {
		if (strstr(tmp.msg, "not a directory")) {
			*d = tmp;
			return -2;
		}
		return -1;
	}
	fd = openat(dfd, leaf, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	close(dfd);
	if (fd >= 0 && (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* ---- extraction ---- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* Run tar on the missing files into tmp. 0, or -1 with d filled. */
static int run_tar(const struct linuxsrc *s, const char *tmp, const char *const *files,
		   size_t n, struct diag *d)
{
	const char *argv[LINUXSRC_MAX_FETCH + 12];
	char members[LINUXSRC_MAX_FETCH][300], err[300] = "";
	size_t a = 0, got = 0;
	int pfd[2], status;
	pid_t pid;

	argv[a++] = "tar";
	argv[a++] = "-xJf";
	argv[a++] = s->tarball;
	argv[a++] = "-C";
	argv[a++] = tmp;
	argv[a++] = "--no-same-owner";
	argv[a++] = "--";
	for (size_t i = 0; i < n; i++) {
		snprintf(members[i], sizeof members[i], "%s/%s", LINUXSRC_TOP, files[i]);
		argv[a++] = members[i];
	}
	argv[a] = NULL;
	if (pipe2(pfd, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		diag_set(d, "", 0, 0, "cannot run tar: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(pfd[1], 2);
		execvp("tar", (char *const *)argv);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		ssize_t r = read(pfd[0], err + got, got + 1 < sizeof err ? sizeof err - 1 - got : 0);
		char sink[256];
		if (r == 0 && got + 1 >= sizeof err)
			r = read(pfd[0], sink, sizeof sink);   /* drain the rest */
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (got + 1 < sizeof err)
			got += (size_t)r;
	}
	err[got] = '\0';
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			diag_set(d, "", 0, 0, "tar: %s", strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	err[strcspn(err, "\n")] = '\0';
	diag_set(d, "", 0, 0, "tar could not extract from %s: %s", s->tarball,
		 WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "tar is not installed" : err);
	return -1;
}

/* Move tmp/linux-source-6.1/FILE into the cache (replacing whatever is
 * there that is not a directory). 0, or -1 with d filled. */
static int install_one(const struct linuxsrc *s, const char *tmp, const char *file,
		       struct diag *d)
{
	char src[1400];
	const char *leaf;
	struct stat st;
	int dfd, rc;

	snprintf(src, sizeof src, "%s/%s/%s", tmp, LINUXSRC_TOP, file);
	if (lstat(src, &st) < 0 || !S_ISREG(st.st_mode)) {
		diag_set(d, "", 0, 0, "%s is not a file of %s (%s)", file, LINUXSRC_PACKAGE, s->tarball);
		return -1;
	}
	if ((dfd = cache_dir_of(s, file, true, &leaf, d)) < 0)
		return -1;
	rc = renameat(AT_FDCWD, src, dfd, leaf);
	if (rc < 0)
		diag_set(d, "", 0, 0, "cache %s: cannot put %s in place: %s", s->cache, file,
			 strerror(errno));
	close(dfd);
	return rc;
}

int linuxsrc_fetch(const struct linuxsrc *s, const char *const *files, size_t n, struct diag *d)
{
	const char *missing[LINUXSRC_MAX_FETCH];
	char tmp[1100];
	size_t m = 0;
	int rc = 0, fd;

	for (size_t i = 0; i < n; i++) {
		bool dup = false;
		if (!linuxsrc_name_ok(files[i])) {
			diag_set(d, "", 0, 0, "not a source file name: %s", files[i]);
			return -1;
		}
		for (size_t j = 0; j < m; j++)
			dup |= !strcmp(missing[j], files[i]);
		if (dup)
			continue;
		if ((fd = cached_open(s, files[i], d)) >= 0) {
			close(fd);
			continue;
		}
		if (fd == -2)
			return -1;
		if (m == LINUXSRC_MAX_FETCH) {
			diag_set(d, "", 0, 0, "more than %d source files at once", LINUXSRC_MAX_FETCH);
			return -1;
		}
		missing[m++] = files[i];
	}
	if (!m)
		return 0;
	{
		const char *leaf;
		int dfd = cache_dir_of(s, "", true, &leaf, d);   /* creates .../linux-KEY/linux-source-6.1 */
		if (dfd < 0)
			return -1;
		close(dfd);
	}
	snprintf(tmp, sizeof tmp, "%s/tmp-XXXXXX", s->cache);
	if (!mkdtemp(tmp)) {
		diag_set(d, "", 0, 0, "cache %s: %s", s->cache, strerror(errno));
		return -1;
	}
	/* tar extracts what it has even when some member is missing: keep
	 * those, and report the first file that did not come */
	rc = run_tar(s, tmp, missing, m, d);
	for (size_t i = 0, bad = rc < 0; i < m; i++) {
		struct diag why;
		if (install_one(s, tmp, missing[i], &why) < 0) {
			if (!bad || strstr(why.msg, "is not a file"))
				*d = why;
			bad = 2;
			rc = -1;
		}
	}
	nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* ---- reading ---- */

static int split_lines(struct linuxsrc_file *f, size_t len)
{
	size_t n = 1, k = 0;

	for (size_t i = 0; i < len; i++)
		n += f->buf[i] == '\n';
	if (!(f->lines = calloc(n, sizeof *f->lines)))
		return -1;
	for (char *p = f->buf, *end = f->buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		f->lines[k++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	f->nlines = k;
	return 0;
}

int linuxsrc_read(const struct linuxsrc *s, const char *file, struct linuxsrc_file *out,
		  struct diag *d)
{
	struct stat st;
	size_t got = 0;
	int fd;

	memset(out, 0, sizeof *out);
	if (linuxsrc_fetch(s, &file, 1, d) < 0)
		return -1;
	if ((fd = cached_open(s, file, d)) < 0) {
		if (fd == -1)
			diag_set(d, "", 0, 0, "cache %s: %s vanished", s->cache, file);
		return -1;
	}
	if (fstat(fd, &st) < 0 || st.st_size > (off_t)LINUXSRC_MAX_FILE) {
		diag_set(d, "", 0, 0, "%s: larger than %u bytes", file, LINUXSRC_MAX_FILE);
		goto fail;
	}
	if (!(out->buf = malloc((size_t)st.st_size + 1)))
		goto oom;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, out->buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	if (got && out->buf[got - 1] == '\n')
		got--;
	out->buf[got] = '\0';
	if (split_lines(out, got) < 0)
		goto oom;
	close(fd);
	return 0;
oom:
	diag_set(d, "", 0, 0, "out of memory");
fail:
	close(fd);
	linuxsrc_file_free(out);
	return -1;
}

void linuxsrc_file_free(struct linuxsrc_file *f)
{
	if (!f)
		return;
	free(f->lines);
	free(f->buf);
	memset(f, 0, sizeof *f);
}

/* ---- finding things in a file ---- */

static bool ident_char(char c)
{
	return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where name occurs in s as a whole word, or NULL. */
static const char *word_in(const char *s, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = s; n && (p = strstr(p, name)); p++)
		if ((p == s || !ident_char(p[-1])) && !ident_char(p[n]))
			return p;
	return NULL;
}

static bool comment_line(const char *s)
{
	s += strspn(s, " \t");
	return !strncmp(s, "/*", 2) || !strncmp(s, "//", 2) || (s[0] == '*' && s[1] != '(');
}

unsigned linuxsrc_find_symbol(const struct linuxsrc_file *f, const char *name,
			      unsigned first, unsigned last)
{
	for (unsigned ln = first ? first : 1; ln <= last && ln <= f->nlines; ln++)
		if (!comment_line(f->lines[ln - 1]) && word_in(f->lines[ln - 1], name))
			return ln;
	return 0;
}

int linuxsrc_find_function(const struct linuxsrc_file *f, const char *name,
			   unsigned *first, unsigned *last)
{
	for (size_t i = 0; i < f->nlines; i++) {
		const char *l = f->lines[i], *at = word_in(l, name);
		size_t j, len = strlen(l);

		if (!at || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || comment_line(l) ||
		    (at[strlen(name)] != '(' && at[strlen(name)] != ')') ||
		    (len && l[len - 1] == ';'))
			continue;
		/* the body's "{" in column 0 before any line ending a declaration */
		for (j = i; j < f->nlines && j < i + 12; j++) {
			size_t lj = strlen(f->lines[j]);
			if (!strcmp(f->lines[j], "{"))
				break;
			if (lj && f->lines[j][lj - 1] == ';') {
				j = f->nlines;
				break;
			}
		}
		if (j >= f->nlines || j >= i + 12)
			continue;
		for (; j < f->nlines; j++)
			if (!strcmp(f->lines[j], "}")) {
				*first = (unsigned)i + 1;
				*last = (unsigned)j + 1;
				return 0;
			}
	}
	return -1;
}

void linuxsrc_howto(const char *file, unsigned first, unsigned last, char *buf, size_t len)
{
	snprintf(buf, len, "Lines %u-%u of %s (Linux %s) are read from the Debian package %s, "
		 "which is not installed. Get it with: apt-get install %s", first, last, file,
		 LINUXSRC_VERSION, LINUXSRC_PACKAGE, LINUXSRC_PACKAGE);
}
