/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxsrc.c - Linux's source lines from the installed linux-source-6.1:
 * the handle, where a file comes from, which upload it is (linuxsrc.h).
 */
#define _GNU_SOURCE
#include "linuxsrc_int.h"
#include "util/array.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/env.h"
#include "util/file.h"

#define DPKG_STATUS "/var/lib/dpkg/status"
#define DPKG_MAX (256u << 20)

/* ---- where things are ---- */

/* The installed package's Debian version, from dpkg's status file (read
 * once, whole, and searched). 0, or -1 when it is not installed. */
static int debian_version(char *out, size_t len)
{
	static const char pkg[] = "\nPackage: " LINUXSRC_PACKAGE "\n";
	size_t n;
	char *buf = file_read_regular(DPKG_STATUS, DPKG_MAX, &n, NULL), *p, *end, *v;
	int rc = -1;

	if (!buf)
		return -1;
	if (!strncmp(buf, pkg + 1, sizeof pkg - 2))
		p = buf;
	else if ((p = memmem(buf, n, pkg, sizeof pkg - 1)))
		p++;
	if (p) {
		/* the stanza ends at a blank line */
		end = strstr(p, "\n\n");
		if (!end)
			end = buf + n;
		*end = '\0';
		if ((v = strstr(p, "\nVersion: ")) && strstr(p, "\nStatus: install ok installed")) {
			v += 10;
			n = strcspn(v, "\n");
			if (n && n < len) {
				memcpy(out, v, n);
				out[n] = '\0';
				rc = 0;
			}
		}
	}
	free(buf);
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

/* make linux's cache: $PAGEWALK_CACHE, else the root's pagewalk/. */
static void kcache_root(char *out, size_t len)
{
	const char *k = env_get()->pagewalk_cache;   /* LINUXSRC_KCACHE_ENV */
	char root[900];

	if (k && k[0] == '/')
		snprintf(out, len, "%s", k);
	else if (cache_root(root, sizeof root) == 0)
		snprintf(out, len, "%s/pagewalk", root);
	else
		out[0] = '\0';
}

/* The tarball's path (its env var or the package's), and its stat. 0,
 * or -1 with d filled (not installed). */
static int tarball_of(char *path, size_t len, struct stat *st, struct diag *d)
{
	const char *env = env_get()->linux_source;   /* LINUXSRC_ENV */

	snprintf(path, len, "%s", env && env[0] ? env : LINUXSRC_TARBALL);
	if (stat(path, st) < 0 || !S_ISREG(st->st_mode)) {
		diag_set(d, "", 0, 0, "%s is not installed (%s: %s)", LINUXSRC_PACKAGE, path,
			 stat(path, st) < 0 ? strerror(errno) : "not a regular file");
		return -1;
	}
	return 0;
}

int linuxsrc_open(struct linuxsrc **out, struct diag *d)
{
	struct linuxsrc *s = calloc(1, sizeof *s);
	const char *env = env_get()->linux_source;
	struct stat st;

	*out = NULL;
	if (!s) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	if (tarball_of(s->tarball, sizeof s->tarball, &st, d) < 0)
		goto fail;
	s->tsize = (uint64_t)st.st_size;
	s->tmtime = (int64_t)st.st_mtime;
	if (!(env && env[0]) && debian_version(s->debver, sizeof s->debver) == 0)
		snprintf(s->key, sizeof s->key, "%s", s->debver);
	else
		snprintf(s->key, sizeof s->key, "local-%lld-%lld", (long long)st.st_size,
			 (long long)st.st_mtime);
	key_clean(s->key);
	if (cache_root(s->root, sizeof s->root) < 0) {
		diag_set(d, "", 0, 0, "no cache directory for %s: set XDG_CACHE_HOME or HOME",
			 LINUXSRC_PACKAGE);
		goto fail;
	}
	snprintf(s->cache_rel, sizeof s->cache_rel, "pagewalk/linux-%.100s", s->key);
	snprintf(s->cache, sizeof s->cache, "%s/%s", s->root, s->cache_rel);
	kcache_root(s->kcache, sizeof s->kcache);
	*out = s;
	return 0;
fail:
	free(s);
	return -1;
}

void linuxsrc_close(struct linuxsrc *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nfiles; i++) {
		free(s->files[i]->name);
		linuxsrc_file_free(&s->files[i]->f);
		free(s->files[i]);
	}
	free(s->files);
	if (s->tree_state > 0)
		lxtree_close(&s->tree);
	free(s);
}

const char *linuxsrc_cache_dir(const struct linuxsrc *s)
{
	return s->cache;
}

const char *linuxsrc_tarball(const struct linuxsrc *s)
{
	return s->tarball;
}

const struct lxtree *linuxsrc_tree(struct linuxsrc *s)
{
	if (!s->tree_state)
		s->tree_state = s->kcache[0] && lxtree_open(&s->tree, s->kcache, s->tsize, s->tmtime,
							     s->tree_other, sizeof s->tree_other) == 0 ? 1 : -1;
	return s->tree_state > 0 ? &s->tree : NULL;
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

/* ---- the listing ---- */

struct linuxsrc_listing {
	bool have_map, have_tree;
	bool borrowed;         /* the map's bytes are the caller's (linuxsrc_listing_from) */
	struct lxmap map;
	struct lxtree tree;
	char upload[64];
};

/* The listing for the tarball of size tsize and time tmtime: the map of
 * the cache dir `cache` (or, when cache is NULL, any under root's
 * pagewalk/), else make linux's tree under kcache. */
static struct linuxsrc_listing *listing_for(const char *root, const char *cache,
					    const char *kcache, uint64_t tsize, int64_t tmtime)
{
	struct linuxsrc_listing *l = calloc(1, sizeof *l);
	char path[1500], why[300];

	if (!l)
		return NULL;
	if (cache) {
		snprintf(path, sizeof path, "%s/%s", cache, LXMAP_NAME);
		l->have_map = lxmap_open(&l->map, path, tsize, tmtime, why, sizeof why) == 0;
	} else if (root[0]) {
		DIR *dir;
		struct dirent *e;
		snprintf(path, sizeof path, "%s/pagewalk", root);
		if ((dir = opendir(path))) {
			while (!l->have_map && (e = readdir(dir))) {
				if (strncmp(e->d_name, "linux-", 6) || strlen(e->d_name) > 200)
					continue;
				snprintf(path, sizeof path, "%s/pagewalk/%s/%s", root, e->d_name, LXMAP_NAME);
				l->have_map = lxmap_open(&l->map, path, tsize, tmtime, why, sizeof why) == 0;
			}
			closedir(dir);
		}
	}
	if (l->have_map) {
		snprintf(l->upload, sizeof l->upload, "%s", l->map.upload);
		return l;
	}
	if (kcache[0] && lxtree_open(&l->tree, kcache, tsize, tmtime, why, 64) == 0) {
		l->have_tree = true;
		snprintf(l->upload, sizeof l->upload, "%s", l->tree.upload);
		return l;
	}
	free(l);
	return NULL;
}

struct linuxsrc_listing *linuxsrc_listing_open(void)
{
	char tarball[1024], root[900], kcache[1024];
	struct stat st;

	if (tarball_of(tarball, sizeof tarball, &st, NULL) < 0)
		return NULL;
	if (cache_root(root, sizeof root) < 0)
		root[0] = '\0';
	kcache_root(kcache, sizeof kcache);
	return listing_for(root, NULL, kcache, (uint64_t)st.st_size, (int64_t)st.st_mtime);
}

void linuxsrc_listing_close(struct linuxsrc_listing *l)
{
	if (!l)
		return;
	if (l->have_map && !l->borrowed)
		lxmap_close(&l->map);
	if (l->have_tree)
		lxtree_close(&l->tree);
	free(l);
}

int linuxsrc_listing_check(struct linuxsrc_listing *l, const char *file, char *why, size_t len)
{
	struct lxmap_ent e = { 0 };
	int r;

	if (l->have_map) {
		r = lxmap_find(&l->map, file, &e);
	} else {
		r = lxtree_kind(&l->tree, file);
		e.type = (char)(r > 0 ? r : 0);
		r = r > 0 ? 1 : r;
	}
	if (r < 0)
		return 1;
	if (r == 1 && e.type == 'f')
		return 0;
	if (r == 0) {
		snprintf(why, len, "%s is not in %s %s", file, LINUXSRC_PACKAGE, l->upload);
		return -2;
	}
	snprintf(why, len, "%s is %s of %s %s, not a file", file, lxmap_kind_name(e.type),
		 LINUXSRC_PACKAGE, l->upload);
	return -1;
}

struct linuxsrc_listing *linuxsrc_listing_from(const char *buf, size_t len)
{
	struct linuxsrc_listing *l = calloc(1, sizeof *l);
	char why[300];

	if (!l || lxmap_from_buffer(&l->map, buf, len, why, sizeof why) < 0) {
		free(l);
		return NULL;
	}
	l->have_map = l->borrowed = true;
	snprintf(l->upload, sizeof l->upload, "%s", l->map.upload);
	return l;
}

/* The walker's callback for linuxsrc_tar_scan: count, never keep. */
static unsigned char *count_member(void *ctx, const struct lxtar_ent *e, int *stop)
{
	(void)e, (void)stop;
	++*(long *)ctx;
	return NULL;
}

long linuxsrc_tar_scan(const unsigned char *buf, size_t len, char *why, size_t wlen)
{
	struct lxtar_walk w;
	long n = 0;
	int r;

	lxtar_init(&w, count_member, &n);
	r = lxtar_feed(&w, buf, len);
	if (r < 0)
		snprintf(why, wlen, "%s", w.err);
	else if (!w.done)
		snprintf(why, wlen, "it ends before its two zero blocks");
	lxtar_fini(&w);
	return r < 0 || !w.done ? -1 : n;
}

const char *linuxsrc_listing_upload(const struct linuxsrc_listing *l)
{
	return l->upload;
}

/* ---- reading ---- */

/* Read the regular file open at fd into a new memo of s. */
static struct linuxsrc_file *memo_add(struct linuxsrc *s, const char *file, int fd,
				      struct diag *d)
{
	struct lxmemo *m;
	size_t got;
	char *buf;
	struct lxmemo **g = array_grow(s->files, &s->capfiles, s->nfiles + 1, sizeof *g, 8);

	if (!g)
		goto oom;
	s->files = g;
	buf = file_read_fd(fd, file, LINUXSRC_MAX_FILE, true, &got, d);
	if (!buf) {
		if (errno == EFBIG)
			diag_set(d, "", 0, 0, "%s: larger than %u bytes", file, LINUXSRC_MAX_FILE);
		return NULL;
	}
	if (!(m = calloc(1, sizeof *m)) || !(m->name = strdup(file))) {
		free(m);
		free(buf);
		goto oom;
	}
	if (linuxsrc_file_from(&m->f, buf, got) < 0) {
		free(m->name);
		free(m);
		goto oom;
	}
	s->files[s->nfiles++] = m;
	return &m->f;
oom:
	diag_set(d, "", 0, 0, "out of memory");
	return NULL;
}

/* Open file from the cache or the tree: the fd, -1 when it is in neither,
 * -2 with d when the cache is unusable. */
static int open_had(struct linuxsrc *s, const char *file, struct diag *d)
{
	const struct lxtree *t;
	int fd = lxcache_open(s->root, s->cache_rel, file, d);

	if (fd != -1)
		return fd;
	t = linuxsrc_tree(s);
	return t ? lxtree_open_file(t, file) : -1;
}

int linuxsrc_get(struct linuxsrc *s, const char *file, bool fetch, struct linuxsrc_file **out,
		 struct diag *d)
{
	int fd;

	*out = NULL;
	if (!linuxsrc_name_ok(file)) {
		diag_set(d, "", 0, 0, "not a source file name: %s", file);
		return -1;
	}
	for (size_t i = 0; i < s->nfiles; i++)
		if (!strcmp(s->files[i]->name, file)) {
			*out = &s->files[i]->f;
			return 0;
		}
	fd = open_had(s, file, d);
	if (fd == -1 && !fetch)
		return 2;
	if (fd == -1) {
		if (linuxsrc_fetch(s, &file, 1, d) < 0)
			return -1;
		fd = open_had(s, file, d);
		if (fd == -1)
			diag_set(d, "", 0, 0, "cache %s: %s vanished", s->cache, file);
	}
	if (fd < 0)
		return -1;
	*out = memo_add(s, file, fd, d);
	close(fd);
	return *out ? 0 : -1;
}

/* ---- extracting ---- */

/* Is file there without extracting? 1 yes, 0 no, -1 with d. */
static int have(struct linuxsrc *s, const char *file, struct diag *d)
{
	const struct lxtree *t;
	int r;

	for (size_t i = 0; i < s->nfiles; i++)
		if (!strcmp(s->files[i]->name, file))
			return 1;
	r = lxcache_has(s->root, s->cache_rel, file, d);
	if (r)
		return r;
	t = linuxsrc_tree(s);
	return t && lxtree_has(t, file);
}

int linuxsrc_fetch_start(struct linuxsrc *s, const char *const *files, size_t n,
			 struct linuxsrc_job **job, struct diag *d)
{
	struct lxjob_spec *sp = calloc(1, sizeof *sp);
	struct linuxsrc_listing *l = NULL;
	const char *leaf;
	int rc = -1, dfd;

	*job = NULL;
	if (!sp) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	for (size_t i = 0; i <= n; i++) {
		const char *f = i < n ? files[i] : LINUXSRC_MAKEFILE;
		bool dup = false;
		char why[400];
		int r;
		/* the Makefile comes with other files, when only it can tell the
		 * version (dpkg does for the package's own tarball: then its
		 * block, a whole one, is not decoded for nothing) */
		if (i == n && (!sp->n || s->debver[0]))
			break;
		if (!linuxsrc_name_ok(f)) {
			diag_set(d, "", 0, 0, "not a source file name: %s", f);
			goto out;
		}
		for (size_t k = 0; k < sp->n; k++)
			dup |= !strcmp(sp->files[k], f);
		if (dup || (r = have(s, f, d)) > 0)
			continue;
		if (r < 0)
			goto out;
		/* what the listing says is not a regular file is never
		 * extracted; the others still are, and the job says why */
		if (!l)
			l = listing_for(s->root, s->cache, s->kcache, s->tsize, s->tmtime);
		if (l && i < n && linuxsrc_listing_check(l, f, why, sizeof why) < 0) {
			if (!sp->refused[0])
				snprintf(sp->refused, sizeof sp->refused, "%s", why);
			continue;
		}
		if (sp->n == LINUXSRC_MAX_FETCH + (i == n)) {
			diag_set(d, "", 0, 0, "more than %d source files at once", LINUXSRC_MAX_FETCH);
			goto out;
		}
		snprintf(sp->files[sp->n++], sizeof sp->files[0], "%s", f);
	}
	if (!sp->n && sp->refused[0]) {
		diag_set(d, "", 0, 0, "%s", sp->refused);
		goto out;
	}
	if (!sp->n) {
		rc = 0;
		goto out;
	}
	/* creates .../linux-KEY/linux-source-6.1 */
	if ((dfd = lxcache_dir_of(s->root, s->cache_rel, "", true, &leaf, d)) < 0)
		goto out;
	close(dfd);
	snprintf(sp->tarball, sizeof sp->tarball, "%s", s->tarball);
	snprintf(sp->root, sizeof sp->root, "%s", s->root);
	snprintf(sp->cache_rel, sizeof sp->cache_rel, "%s", s->cache_rel);
	snprintf(sp->cache, sizeof sp->cache, "%s", s->cache);
	snprintf(sp->key, sizeof sp->key, "%s", s->key);
	snprintf(sp->upload, sizeof sp->upload, "%.290s", s->debver[0] ? s->debver : s->tarball);
	linuxsrc_tree(s);
	snprintf(sp->tree_other, sizeof sp->tree_other, "%s", s->tree_other);
	sp->tsize = s->tsize;
	sp->tmtime = s->tmtime;
	rc = lxjob_start(sp, job, d);
out:
	linuxsrc_listing_close(l);
	free(sp);
	return rc;
}

int linuxsrc_fetch(struct linuxsrc *s, const char *const *files, size_t n, struct diag *d)
{
	struct linuxsrc_job *j;

	if (linuxsrc_fetch_start(s, files, n, &j, d) < 0)
		return -1;
	return j ? (linuxsrc_fetch_poll(j, true, d) < 0 ? -1 : 0) : 0;
}

/* ---- which upload ---- */

/* "V.P.S" from the Makefile's first assignments, or "" (also when a
 * number is not a plain one of at most five digits). */
static void makefile_version(struct linuxsrc *s, char *out, size_t len)
{
	static const char *const keys[] = { "VERSION", "PATCHLEVEL", "SUBLEVEL" };
	struct linuxsrc_file *f;
	unsigned long v[3];
	int have = 0;

	out[0] = '\0';
	if (linuxsrc_get(s, LINUXSRC_MAKEFILE, false, &f, &(struct diag){ 0 }) != 0)
		return;
	for (size_t i = 0; i < f->nlines && i < 64 && have < 3; i++) {
		const char *line = f->lines[i], *num;
		size_t k = strlen(keys[have]), digits;
		if (strncmp(line, keys[have], k))
			continue;
		num = line + k + strspn(line + k, " ");
		if (*num != '=')
			continue;
		num += 1 + strspn(num + 1, " ");
		digits = strspn(num, "0123456789");
		if (!digits || digits > 5 || num[digits + strspn(num + digits, " \t")])
			return;
		v[have++] = strtoul(num, NULL, 10);
	}
	if (have == 3)
		snprintf(out, len, "%lu.%lu.%lu", v[0], v[1], v[2]);
}

void linuxsrc_version(struct linuxsrc *s, char *out, size_t len)
{
	if (s->debver[0])
		snprintf(out, len, "%s", s->debver);
	else
		makefile_version(s, out, len);
}

const char *linuxsrc_debver(const struct linuxsrc *s)
{
	return s->debver;
}

bool linuxsrc_pinned(struct linuxsrc *s)
{
	char v[64];
	size_t up = strcspn(LINUXSRC_PINNED, "-");

	if (s->debver[0])
		return !strcmp(s->debver, LINUXSRC_PINNED);
	makefile_version(s, v, sizeof v);
	return !v[0] || (strlen(v) == up && !strncmp(v, LINUXSRC_PINNED, up));
}

void linuxsrc_howto(const char *file, unsigned first, unsigned last, char *buf, size_t len)
{
	snprintf(buf, len, "Lines %u-%u of %s (Linux %s) are read from the Debian package %s, "
		 "which is not installed. Get it with: apt-get install %s", first, last, file,
		 LINUXSRC_VERSION, LINUXSRC_PACKAGE, LINUXSRC_PACKAGE);
}
