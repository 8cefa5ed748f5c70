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
#include "source/linuxsrc.h"
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/env.h"

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
	const char *x = env_get()->xdg_cache_home, *h = env_get()->home;

	if (x && x[0] == '/')
		return snprintf(out, len, "%s", x) < (int)len ? 0 : -1;
	if (h && h[0] == '/')
		return snprintf(out, len, "%s/.cache", h) < (int)len ? 0 : -1;
	return -1;
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

int linuxsrc_open(struct linuxsrc *s, struct diag *d)
{
	const char *env = env_get()->linux_source;   /* LINUXSRC_ENV */
	char root[900];
	struct stat st;

	memset(s, 0, sizeof *s);
	snprintf(s->tarball, sizeof s->tarball, "%s", env && env[0] ? env : LINUXSRC_TARBALL);
	if (stat(s->tarball, &st) < 0 || !S_ISREG(st.st_mode)) {
		diag_set(d, "", 0, 0, "%s is not installed (%s: %s)", LINUXSRC_PACKAGE, s->tarball,
			 stat(s->tarball, &st) < 0 ? strerror(errno) : "not a regular file");
		return -1;
	}
	if (!(env && env[0]) && debian_version(s->debver, sizeof s->debver) == 0)
		snprintf(s->key, sizeof s->key, "%s", s->debver);
	else
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
		cache_root_error(root, d);
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

	if (dfd < 0) {
		if (strstr(tmp.msg, "not a directory")) {
			*d = tmp;
			return -2;
		}
		return -1;
	}
	fd = file_open_regular_at(dfd, leaf, true, NULL, NULL);
	close(dfd);
	return fd;
}

/* ---- extraction ---- */

struct linuxsrc_job {
	struct linuxsrc s;
	char tmp[1100];                          /* the temporary directory */
	char files[LINUXSRC_MAX_FETCH + 1][256]; /* the missing files, the Makefile last */
	size_t n;
	pid_t pid;                               /* tar, leader of its process group */
	int errfd;                               /* tar's stderr (non-blocking) */
	char err[300];                           /* its first bytes */
	size_t got;
};

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static void job_free(struct linuxsrc_job *j)
{
	if (j->errfd >= 0)
		close(j->errfd);
	if (j->tmp[0])
		nftw(j->tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(j);
}

/* Start tar on j's files into j->tmp. 0, or -1 with d filled. */
static int tar_start(struct linuxsrc_job *j, struct diag *d)
{
	const char *argv[LINUXSRC_MAX_FETCH + 13];
	char members[LINUXSRC_MAX_FETCH + 1][300];
	size_t a = 0;
	int pfd[2];

	argv[a++] = "tar";
	argv[a++] = "-xJf";
	argv[a++] = j->s.tarball;
	argv[a++] = "-C";
	argv[a++] = j->tmp;
	argv[a++] = "--no-same-owner";
	argv[a++] = "--";
	for (size_t i = 0; i < j->n; i++) {
		snprintf(members[i], sizeof members[i], "%s/%s", LINUXSRC_TOP, j->files[i]);
		argv[a++] = members[i];
	}
	argv[a] = NULL;
	if (pipe2(pfd, O_CLOEXEC) < 0)
		goto fail;
	if ((j->pid = fork()) < 0) {
		close(pfd[0]);
		close(pfd[1]);
		goto fail;
	}
	if (j->pid == 0) {
		int null = open("/dev/null", O_RDWR);
		setpgid(0, 0);   /* cancel ends tar and its xz together */
		dup2(null, 0);
		dup2(null, 1);
		dup2(pfd[1], 2);
		execvp("tar", (char *const *)argv);
		_exit(127);
	}
	setpgid(j->pid, j->pid);
	close(pfd[1]);
	j->errfd = pfd[0];
	fcntl(j->errfd, F_SETFL, O_NONBLOCK);
	return 0;
fail:
	diag_set(d, "", 0, 0, "cannot run tar: %s", strerror(errno));
	return -1;
}

/* Keep the first bytes tar wrote to stderr, drain the rest. */
static void tar_read_err(struct linuxsrc_job *j)
{
	for (;;) {
		char buf[256];
		ssize_t r = read(j->errfd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;
		for (ssize_t i = 0; i < r && j->got + 1 < sizeof j->err; i++)
			j->err[j->got++] = buf[i];
		j->err[j->got] = '\0';
	}
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

/* tar has ended with status: put what came in place. 1, or -1 with d
 * filled. tar extracts what it has even when some member is missing: keep
 * those, and report the first file that did not come; a tarball without a
 * Makefile is only a tarball whose version is not known. */
static int job_finish(struct linuxsrc_job *j, int status, struct diag *d)
{
	bool tar_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0, bad = false;
	struct diag why;

	tar_read_err(j);
	j->err[strcspn(j->err, "\n")] = '\0';
	diag_set(&why, "", 0, 0, "tar could not extract from %s: %s", j->s.tarball,
		 WIFEXITED(status) && WEXITSTATUS(status) == 127 ? "tar is not installed"
		 : j->err[0] ? j->err : "it was stopped");
	for (size_t i = 0; i < j->n; i++) {
		struct diag one;
		if (install_one(&j->s, j->tmp, j->files[i], &one) == 0 ||
		    (!strcmp(j->files[i], LINUXSRC_MAKEFILE) && strstr(one.msg, "is not a file")))
			continue;
		if (!bad)
			*d = tar_ok || strstr(one.msg, "is not a file") ? one : why;
		bad = true;
	}
	if (!tar_ok && !bad && !strstr(j->err, "Not found in archive")) {
		*d = why;   /* a broken tarball */
		bad = true;
	}
	job_free(j);
	return bad ? -1 : 1;
}

/* The files of files[0..n) that are not cached, into j, and the Makefile
 * with them when it is not cached either. 0, or -1 with d filled. */
static int job_missing(struct linuxsrc_job *j, const char *const *files, size_t n,
		       struct diag *d)
{
	for (size_t i = 0; i <= n; i++) {
		const char *f = i < n ? files[i] : LINUXSRC_MAKEFILE;
		bool dup = false;
		int fd;
		if (i == n && !j->n)
			break;
		if (!linuxsrc_name_ok(f)) {
			diag_set(d, "", 0, 0, "not a source file name: %s", f);
			return -1;
		}
		for (size_t k = 0; k < j->n; k++)
			dup |= !strcmp(j->files[k], f);
		if (dup)
			continue;
		if ((fd = cached_open(&j->s, f, d)) >= 0) {
			close(fd);
			continue;
		}
		if (fd == -2)
			return -1;
		if (j->n == LINUXSRC_MAX_FETCH + (i == n)) {
			diag_set(d, "", 0, 0, "more than %d source files at once", LINUXSRC_MAX_FETCH);
			return -1;
		}
		snprintf(j->files[j->n++], sizeof j->files[0], "%s", f);
	}
	return 0;
}

bool linuxsrc_cached(const struct linuxsrc *s, const char *const *files, size_t n)
{
	struct linuxsrc_job *j = calloc(1, sizeof *j);
	struct diag d;
	bool all;

	if (!j)
		return false;
	j->s = *s;
	all = job_missing(j, files, n, &d) == 0 && j->n == 0;
	free(j);
	return all;
}

/* Remove what extractions left that were killed before they could clean
 * up (SIGKILL, a power cut): a temporary directory is named tmp-PID-XXXXXX
 * after its extracting process; one whose process is gone is removed. */
static void sweep_stale(const char *cache)
{
	DIR *dir = opendir(cache);
	struct dirent *e;

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		char path[1100], *end;
		long pid;
		if (strncmp(e->d_name, "tmp-", 4) != 0)
			continue;
		pid = strtol(e->d_name + 4, &end, 10);
		if (end == e->d_name + 4 || *end != '-' || pid <= 0 ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "%s/%s", cache, e->d_name);
		nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	}
	closedir(dir);
}

int linuxsrc_fetch_start(const struct linuxsrc *s, const char *const *files, size_t n,
			 struct linuxsrc_job **job, struct diag *d)
{
	struct linuxsrc_job *j = calloc(1, sizeof *j);
	const char *leaf;
	int dfd;

	*job = NULL;
	if (!j) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	j->s = *s;
	j->errfd = -1;
	if (job_missing(j, files, n, d) < 0)
		goto fail;
	if (!j->n) {
		free(j);
		return 0;
	}
	/* creates .../linux-KEY/linux-source-6.1 */
	if ((dfd = cache_dir_of(s, "", true, &leaf, d)) < 0)
		goto fail;
	close(dfd);
	sweep_stale(s->cache);
	snprintf(j->tmp, sizeof j->tmp, "%s/tmp-%ld-XXXXXX", s->cache, (long)getpid());
	if (!mkdtemp(j->tmp)) {
		diag_set(d, "", 0, 0, "cache %s: %s", s->cache, strerror(errno));
		j->tmp[0] = '\0';
		goto fail;
	}
	if (tar_start(j, d) < 0)
		goto fail;
	*job = j;
	return 0;
fail:
	job_free(j);
	return -1;
}

int linuxsrc_fetch_poll(struct linuxsrc_job *j, bool wait, struct diag *d)
{
	int status;
	pid_t r;

	tar_read_err(j);
	for (;;) {
		if (wait) {
			/* tar's stderr is read as it comes: a full pipe never stalls it */
			struct pollfd p = { .fd = j->errfd, .events = POLLIN };
			poll(&p, 1, 200);
			tar_read_err(j);
		}
		r = waitpid(j->pid, &status, WNOHANG);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_set(d, "", 0, 0, "tar: %s", strerror(errno));
			job_free(j);
			return -1;
		}
		if (r == j->pid)
			return job_finish(j, status, d);
		if (!wait)
			return 0;
	}
}

void linuxsrc_fetch_cancel(struct linuxsrc_job *j)
{
	if (!j)
		return;
	kill(-j->pid, SIGTERM);
	while (waitpid(j->pid, NULL, 0) < 0 && errno == EINTR)
		;
	job_free(j);
}

int linuxsrc_fetch(const struct linuxsrc *s, const char *const *files, size_t n, struct diag *d)
{
	struct linuxsrc_job *j;

	if (linuxsrc_fetch_start(s, files, n, &j, d) < 0)
		return -1;
	return j ? (linuxsrc_fetch_poll(j, true, d) < 0 ? -1 : 0) : 0;
}

/* ---- which upload ---- */

/* "V.P.S" from the cached Makefile's first assignments, or "". */
static void makefile_version(const struct linuxsrc *s, char *out, size_t len)
{
	static const char *const keys[] = { "VERSION", "PATCHLEVEL", "SUBLEVEL" };
	unsigned long v[3];
	int have = 0, fd = cached_open(s, LINUXSRC_MAKEFILE, &(struct diag){ 0 });
	char buf[2048];
	ssize_t r;

	out[0] = '\0';
	if (fd < 0)
		return;
	r = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[r > 0 ? r : 0] = '\0';
	for (char *line = buf; line && *line && have < 3;) {
		char *nl = strchr(line, '\n');
		size_t k = strlen(keys[have]);
		if (nl)
			*nl = '\0';
		if (!strncmp(line, keys[have], k) && !strncmp(line + k + strspn(line + k, " "), "=", 1)) {
			char *end, *num = line + k + strspn(line + k, " ") + 1;
			v[have] = strtoul(num, &end, 10);
			if (end == num)
				return;
			have++;
		}
		line = nl ? nl + 1 : NULL;
	}
	if (have == 3)
		snprintf(out, len, "%lu.%lu.%lu", v[0], v[1], v[2]);
}

void linuxsrc_version(const struct linuxsrc *s, char *out, size_t len)
{
	if (s->debver[0])
		snprintf(out, len, "%s", s->debver);
	else
		makefile_version(s, out, len);
}

bool linuxsrc_pinned(const struct linuxsrc *s)
{
	char v[64];
	size_t up = strcspn(LINUXSRC_PINNED, "-");

	if (s->debver[0])
		return !strcmp(s->debver, LINUXSRC_PINNED);
	makefile_version(s, v, sizeof v);
	return !v[0] || (strlen(v) == up && !strncmp(v, LINUXSRC_PINNED, up));
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
	size_t got;
	int fd;

	memset(out, 0, sizeof *out);
	if (linuxsrc_fetch(s, &file, 1, d) < 0)
		return -1;
	if ((fd = cached_open(s, file, d)) < 0) {
		if (fd == -1)
			diag_set(d, "", 0, 0, "cache %s: %s vanished", s->cache, file);
		return -1;
	}
	out->buf = file_read_fd(fd, file, LINUXSRC_MAX_FILE, false, &got, d);
	if (!out->buf) {
		if (errno == EFBIG)
			diag_set(d, "", 0, 0, "%s: larger than %u bytes", file, LINUXSRC_MAX_FILE);
		goto fail;
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
