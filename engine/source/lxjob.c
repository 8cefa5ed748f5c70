/* SPDX-License-Identifier: GPL-2.0-only */
/* lxjob.c - an extraction, in a thread of its own.
 *
 * With a member map that fits the tarball, the job decodes only the xz
 * blocks holding the wanted files (lxxz_read, two threads) and checks the
 * tar header in front of each against the map; without one (or when a
 * header disagrees) it makes the one full pass (lxxz_stream), which builds
 * the map and catches the wanted files on the way. Only one pagewalk
 * builds a given map at a time (flock on its linux-KEY directory); another
 * waits, then uses it. Each wanted file is written whole into the job's
 * temporary directory, then renamed into the cache.
 *
 * The caller's thread reads the progress (atomics) and may cancel: the
 * worker looks at the flag at least every 100 ms (liblzma's threads are
 * given that timeout), and the temporary directory goes with the job.
 */
#define _GNU_SOURCE
#include "linuxsrc_int.h"
#include "util/array.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define THREADS 2

struct want {
	const char *name;        /* spec.files[i] */
	char full[300];          /* as archived: linux-source-6.1/NAME */
	unsigned char *buf;      /* its header (512 bytes) then its data; NULL: not had */
	struct lxmap_ent e;      /* what the map or the pass says it is (type 0: not seen) */
};

struct linuxsrc_job {
	struct lxjob_spec spec;
	char tmp[1500];          /* the temporary directory */
	pthread_t th;
	bool running;
	int wake[2];             /* the worker writes a byte when it is done */
	atomic_bool cancel, over;
	atomic_int phase;
	atomic_uint phases;      /* bit per phase entered */
	atomic_uint_fast64_t done, total;
	atomic_uint nfiles;
	atomic_int reason;       /* enum linuxsrc_reason */
	struct want w[LINUXSRC_MAX_FETCH + 1];
	int rc;                  /* when over: 1 or -1 with d */
	struct diag d;
};

static void set_phase(struct linuxsrc_job *j, enum linuxsrc_phase ph)
{
	atomic_store(&j->phase, (int)ph);
	atomic_fetch_or(&j->phases, 1u << ph);
}

static void set_why(struct linuxsrc_job *j, enum linuxsrc_reason r)
{
	atomic_store(&j->reason, (int)r);
}

/* ---- the full pass ---- */

struct pass {
	struct linuxsrc_job *j;
	struct lxtar_walk tw;
	struct lxmap_rec *recs;
	size_t n, cap;
	char why[200];
};

/* The walker's callback: record the member, catch it when it is wanted. */
static unsigned char *pass_member(void *ctx, const struct lxtar_ent *e, int *stop)
{
	struct pass *p = ctx;
	struct lxmap_rec *g;
	size_t tl = strlen(LINUXSRC_TOP);
	char name[LXTAR_NAME_MAX];
	size_t n;

	if (strncmp(e->name, LINUXSRC_TOP "/", tl + 1) != 0)
		return NULL;
	snprintf(name, sizeof name, "%s", e->name + tl + 1);
	n = strlen(name);
	while (n && name[n - 1] == '/')
		name[--n] = '\0';
	if (!n)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return NULL;     /* never asked for: linuxsrc_name_ok refuses it */
	if (!(g = array_grow(p->recs, &p->cap, p->n + 1, sizeof *g, 4096)))
		goto oom;
	p->recs = g;
	if (!(p->recs[p->n].name = strdup(name)))
		goto oom;
	p->recs[p->n++].e = (struct lxmap_ent){ e->type, e->hdr, e->size, e->mtime };
	for (size_t i = 0; i < p->j->spec.n; i++) {
		struct want *w = &p->j->w[i];
		if (strcmp(w->name, name))
			continue;
		free(w->buf);    /* archived twice: the later one counts */
		w->buf = NULL;
		w->e = p->recs[p->n - 1].e;
		if (e->type != 'f' || e->size > LINUXSRC_MAX_FILE)
			return NULL;
		/* the header itself is not kept: the data goes after its room */
		if (!(w->buf = malloc(LXTAR_BLOCK + e->size + 1)))
			goto oom;
		return w->buf + LXTAR_BLOCK;
	}
	return NULL;
oom:
	snprintf(p->tw.err, sizeof p->tw.err, "out of memory");
	*stop = -1;
	return NULL;
}

static int pass_feed(void *ctx, const unsigned char *b, size_t n)
{
	struct pass *p = ctx;

	if (lxtar_feed(&p->tw, b, n) < 0) {
		snprintf(p->why, sizeof p->why, "%s", p->tw.err);
		return -1;
	}
	return 0;
}

/* Write the map p built into the cache, atomically. 0, or -1 with d. */
static int map_install(struct linuxsrc_job *j, struct pass *p, uint64_t usize)
{
	char tmp[1600], dst[1400];
	int fd, rc;

	snprintf(tmp, sizeof tmp, "%s/map", j->tmp);
	snprintf(dst, sizeof dst, "%s/%s", j->spec.cache, LXMAP_NAME);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	rc = lxmap_write(fd, p->recs, p->n, j->spec.tsize, j->spec.tmtime, usize, j->spec.key);
	if (close(fd) < 0 || rc < 0 || rename(tmp, dst) < 0)
		goto fail;
	return 0;
fail:
	diag_set(&j->d, "", 0, 0, "cache %s: cannot write its member map: %s", j->spec.cache,
		 strerror(errno));
	unlink(tmp);
	return -1;
}

/* The one full pass: the map, and the wanted files on the way. */
static int full_pass(struct linuxsrc_job *j, struct lxxz *z)
{
	struct pass p = { .j = j };
	int rc = -1;

	set_phase(j, LINUXSRC_INDEXING);
	atomic_store(&j->done, 0);
	atomic_store(&j->total, z->usize);
	lxtar_init(&p.tw, pass_member, &p);
	if (lxxz_stream(z, THREADS, pass_feed, &p, &j->cancel, &j->done, p.why, sizeof p.why) < 0) {
		diag_set(&j->d, "", 0, 0, "%s: %s", j->spec.tarball, p.why);
		goto out;
	}
	if (!p.tw.done) {
		diag_set(&j->d, "", 0, 0, "%s: the tar archive ends without its end blocks "
			 "(truncated)", j->spec.tarball);
		goto out;
	}
	rc = map_install(j, &p, z->usize);
out:
	lxtar_fini(&p.tw);
	for (size_t i = 0; i < p.n; i++)
		free(p.recs[i].name);
	free(p.recs);
	return rc;
}

/* ---- with the map: only some blocks ---- */

/* Decode the wanted files' blocks and check each header against the map.
 * 0; 1 when the map is wrong (set_why said so); -1 with d. */
static int from_blocks(struct linuxsrc_job *j, struct lxxz *z, const struct lxmap *m)
{
	struct lxxz_piece p[LINUXSRC_MAX_FETCH + 1];
	char why[200];
	size_t np = 0;

	for (size_t i = 0; i < j->spec.n; i++) {
		struct want *w = &j->w[i];
		int r = lxmap_find(m, w->name, &w->e);
		if (r < 0) {
			set_why(j, LINUXSRC_DAMAGED);
			return 1;
		}
		if (r == 0 || w->e.type != 'f' || w->e.size > LINUXSRC_MAX_FILE)
			continue;    /* said after the map is settled */
		if (!(w->buf = malloc(LXTAR_BLOCK + w->e.size + 1)))
			goto oom;
		p[np++] = (struct lxxz_piece){ w->e.hdr, LXTAR_BLOCK + (size_t)w->e.size, w->buf };
	}
	set_phase(j, LINUXSRC_EXTRACTING);
	atomic_store(&j->done, 0);
	if (lxxz_read(z, p, np, THREADS, &j->cancel, &j->done, &j->total, why, sizeof why) < 0) {
		if (strstr(why, "member map")) {
			set_why(j, LINUXSRC_DAMAGED);
			return 1;
		}
		diag_set(&j->d, "", 0, 0, "%s: %s", j->spec.tarball, why);
		return -1;
	}
	for (size_t i = 0; i < j->spec.n; i++) {
		struct want *w = &j->w[i];
		if (w->buf && !lxtar_header_is(w->buf, w->full, w->e.size, w->e.mtime)) {
			set_why(j, LINUXSRC_DAMAGED);
			return 1;
		}
	}
	return 0;
oom:
	diag_set(&j->d, "", 0, 0, "out of memory");
	return -1;
}

/* ---- the worker ---- */

/* Take the map's lock (flock on the cache directory itself, so no lock
 * file is left), waiting (and cancellable) when another process holds it.
 * The fd, -1 when cancelled, -2 when no lock can be had (no waiting). */
static int map_lock(struct linuxsrc_job *j)
{
	int fd = open(j->spec.cache, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -2;
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			return -2;
		}
		set_phase(j, LINUXSRC_WAITING);
		if (atomic_load(&j->cancel)) {
			close(fd);
			return -1;
		}
		nanosleep(&(struct timespec){ 0, 50 * 1000000L }, NULL);
	}
	return fd;
}

static void drop_buffers(struct linuxsrc_job *j)
{
	for (size_t i = 0; i < j->spec.n; i++) {
		free(j->w[i].buf);
		j->w[i].buf = NULL;
	}
}

/* Try the map at mpath: the blocks of the wanted files. 0 done, 1 when
 * the full pass must make it (why set unless quiet), -1 with d. */
static int try_map(struct linuxsrc_job *j, struct lxxz *z, const char *mpath, bool quiet)
{
	char why[300];
	struct lxmap m;
	int r = lxmap_open(&m, mpath, j->spec.tsize, j->spec.tmtime, why, sizeof why);

	if (r == 0 && m.usize != z->usize) {
		lxmap_close(&m);
		r = -1;
		snprintf(why, sizeof why, "another tarball");
	}
	if (r != 0) {
		if (!quiet)
			set_why(j, r > 0 ? LINUXSRC_FIRST : strstr(why, "another tarball")
				? LINUXSRC_STALE : LINUXSRC_DAMAGED);
		return 1;
	}
	r = from_blocks(j, z, &m);
	lxmap_close(&m);
	if (r == 1) {
		unlink(mpath);
		drop_buffers(j);
	}
	return r;
}

/* Get every wanted file into j->w[].buf, by the map or the full pass.
 * 0, or -1 with d. */
static int extract(struct linuxsrc_job *j)
{
	char mpath[1400], why[300];
	struct lxxz z;
	int r, lock;

	if (lxxz_open(&z, j->spec.tarball, why, sizeof why) < 0) {
		diag_set(&j->d, "", 0, 0, "%s cannot be read: %s", LINUXSRC_PACKAGE, why);
		return -1;
	}
	snprintf(mpath, sizeof mpath, "%s/%s", j->spec.cache, LXMAP_NAME);
	r = try_map(j, &z, mpath, false);
	if (r == 1) {
		/* one pagewalk builds it; another waits, then uses it */
		lock = map_lock(j);
		if (lock == -1) {
			diag_set(&j->d, "", 0, 0, "cancelled");
			r = -1;
		} else {
			r = try_map(j, &z, mpath, true);
			if (r == 1)
				r = full_pass(j, &z);
		}
		if (lock >= 0)
			close(lock);
	}
	lxxz_close(&z);
	return r < 0 ? -1 : 0;
}

/* Write w's data whole into the temporary directory, then rename it into
 * the cache. 0, or -1 with d. */
static int install(struct linuxsrc_job *j, size_t i, struct diag *d)
{
	struct want *w = &j->w[i];
	char tmp[1600];
	const char *leaf;
	size_t off = 0;
	int fd, dfd, rc;

	snprintf(tmp, sizeof tmp, "%s/f%zu", j->tmp, i);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	while (off < w->e.size) {
		ssize_t n = write(fd, w->buf + LXTAR_BLOCK + off, (size_t)w->e.size - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			goto fail;
		}
		off += (size_t)n;
	}
	if (close(fd) < 0)
		goto fail;
	if ((dfd = lxcache_dir_of(j->spec.root, j->spec.cache_rel, w->name, true, &leaf, d)) < 0)
		return -1;
	rc = renameat(AT_FDCWD, tmp, dfd, leaf);
	if (rc < 0)
		diag_set(d, "", 0, 0, "cache %s: cannot put %s in place: %s", j->spec.cache, w->name,
			 strerror(errno));
	close(dfd);
	return rc;
fail:
	diag_set(d, "", 0, 0, "cache %s: cannot write %s: %s", j->spec.cache, w->name,
		 strerror(errno == 0 ? EIO : errno));
	unlink(tmp);
	return -1;
}

/* Why a wanted file did not come, from what the map or the pass saw. */
static void not_had(const struct linuxsrc_job *j, const struct want *w, struct diag *d)
{
	const char *up = j->spec.upload;

	if (w->e.type == 0)
		diag_set(d, "", 0, 0, "%s is not a file of %s %s", w->name, LINUXSRC_PACKAGE, up);
	else if (w->e.type != 'f')
		diag_set(d, "", 0, 0, "%s is %s of %s %s, not a file", w->name,
			 lxmap_kind_name(w->e.type), LINUXSRC_PACKAGE, up);
	else
		diag_set(d, "", 0, 0, "%s: larger than %u bytes", w->name, LINUXSRC_MAX_FILE);
}

static void *job_main(void *arg)
{
	struct linuxsrc_job *j = arg;
	bool bad = false;

	if (extract(j) < 0) {
		j->rc = -1;
		goto out;
	}
	for (size_t i = 0; i < j->spec.n; i++) {
		struct diag one;
		if (!j->w[i].buf) {
			/* a tarball without a Makefile is one whose version is not known */
			if (!strcmp(j->w[i].name, LINUXSRC_MAKEFILE) && i == j->spec.n - 1)
				continue;
			not_had(j, &j->w[i], &one);
		} else if (install(j, i, &one) == 0) {
			continue;
		}
		if (!bad)
			j->d = one;
		bad = true;
	}
	if (!bad && j->spec.refused[0]) {
		diag_set(&j->d, "", 0, 0, "%s", j->spec.refused);
		bad = true;
	}
	j->rc = bad ? -1 : 1;
out:
	drop_buffers(j);
	atomic_store(&j->over, true);
	(void)!write(j->wake[1], "x", 1);
	return NULL;
}

/* ---- the caller's side ---- */

static void job_free(struct linuxsrc_job *j)
{
	if (j->running)
		pthread_join(j->th, NULL);
	drop_buffers(j);
	if (j->tmp[0])
		lxcache_rmtree(j->tmp);
	if (j->wake[0] >= 0)
		close(j->wake[0]);
	if (j->wake[1] >= 0)
		close(j->wake[1]);
	free(j);
}

/* Start a job on spec (its files all wanted): the temporary directory,
 * the thread. 0 with *out, or -1 with d. */
int lxjob_start(const struct lxjob_spec *spec, struct linuxsrc_job **out, struct diag *d)
{
	struct linuxsrc_job *j = calloc(1, sizeof *j);

	*out = NULL;
	if (!j) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	j->spec = *spec;
	j->wake[0] = j->wake[1] = -1;
	atomic_init(&j->reason, LINUXSRC_FIRST);
	atomic_init(&j->cancel, false);
	atomic_init(&j->over, false);
	atomic_init(&j->phase, LINUXSRC_EXTRACTING);
	atomic_init(&j->phases, 0);
	atomic_init(&j->done, 0);
	atomic_init(&j->total, 0);
	atomic_init(&j->nfiles, (unsigned)spec->n);
	for (size_t i = 0; i < spec->n; i++) {
		j->w[i].name = j->spec.files[i];
		snprintf(j->w[i].full, sizeof j->w[i].full, "%s/%s", LINUXSRC_TOP, j->spec.files[i]);
	}
	lxcache_sweep(spec->cache);
	snprintf(j->tmp, sizeof j->tmp, "%s/tmp-%ld-XXXXXX", spec->cache, (long)getpid());
	if (!mkdtemp(j->tmp)) {
		diag_set(d, "", 0, 0, "cache %s: %s", spec->cache, strerror(errno));
		j->tmp[0] = '\0';
		goto fail;
	}
	if (pipe2(j->wake, O_CLOEXEC | O_NONBLOCK) < 0 ||
	    pthread_create(&j->th, NULL, job_main, j) != 0) {
		diag_set(d, "", 0, 0, "cannot start an extraction: %s", strerror(errno));
		goto fail;
	}
	j->running = true;
	*out = j;
	return 0;
fail:
	job_free(j);
	return -1;
}

int linuxsrc_fetch_poll(struct linuxsrc_job *j, bool wait, struct diag *d)
{
	int rc;

	if (!atomic_load(&j->over) && !wait)
		return 0;
	pthread_join(j->th, NULL);
	j->running = false;
	rc = j->rc;
	if (rc < 0)
		*d = j->d;
	job_free(j);
	return rc;
}

void linuxsrc_fetch_progress(const struct linuxsrc_job *j, struct linuxsrc_progress *p)
{
	memset(p, 0, sizeof *p);
	p->phase = (enum linuxsrc_phase)atomic_load(&j->phase);
	p->phases = atomic_load(&j->phases);
	p->reason = (enum linuxsrc_reason)atomic_load(&j->reason);
	p->done = atomic_load(&j->done);
	p->total = atomic_load(&j->total);
	p->files = atomic_load(&j->nfiles);
	snprintf(p->upload, sizeof p->upload, "%s", j->spec.upload);
	snprintf(p->tree, sizeof p->tree, "%s", j->spec.tree_other);
	if (p->done > p->total)
		p->done = p->total;
}

void linuxsrc_progress_text(const struct linuxsrc_progress *p, enum lang lang, bool pct,
			    char *buf, size_t len)
{
	bool ja = lang == LANG_JA, local = p->upload[0] == '/';
	int per = p->total ? (int)(p->done * 100 / p->total) : 0;
	char num[16] = "", tree[200] = "";

	if (pct && p->phases)
		snprintf(num, sizeof num, ": %d%%", per);
	if (p->tree[0])
		snprintf(tree, sizeof tree, ja ? " (make linux のソースツリーは %s のもので、使えません)"
			 : " (make linux's source tree is of %s, so it is not read)", p->tree);
	switch (p->phase) {
	case LINUXSRC_WAITING:
		snprintf(buf, len, ja ? "別の pagewalk が %s %s のインデックスを作っています。終わるのを待っています..."
			 : "Waiting for another pagewalk indexing %s %s ...", LINUXSRC_PACKAGE,
			 p->upload);
		break;
	case LINUXSRC_INDEXING:
		snprintf(buf, len, ja ? "%s %s のインデックスを作っています (%s)%s%s ..."
			 : "Indexing %s %s (%s)%s%s ...", LINUXSRC_PACKAGE, p->upload,
			 p->reason == LINUXSRC_FIRST
			 ? (ja ? (local ? "この tarball で一度だけ" : "この版で一度だけ")
			    : (local ? "once per tarball" : "once per upload"))
			 : p->reason == LINUXSRC_STALE
			 ? (ja ? "前のインデックスは別の tarball のものでした" : "its index was of another tarball")
			 : (ja ? "前のインデックスが壊れていました" : "its index was damaged"), tree, num);
		break;
	default:
		snprintf(buf, len, ja ? "%s から Linux 6.1 を読み込んでいます%s ..."
			 : "Reading Linux 6.1 from %s%s ...", LINUXSRC_PACKAGE, num);
		break;
	}
}

int linuxsrc_fetch_wait(struct linuxsrc_job *j, const volatile sig_atomic_t *stop,
			void (*progress)(void *ctx, const struct linuxsrc_progress *p), void *ctx,
			struct diag *d)
{
	struct linuxsrc_progress p;

	/* once more after the end: the caller sees every phase it went through */
	for (bool over = false; !over;) {
		struct pollfd pf = { .fd = j->wake[0], .events = POLLIN };
		over = atomic_load(&j->over);
		if (stop && *stop) {
			linuxsrc_fetch_cancel(j);
			diag_set(d, "", 0, 0, "interrupted");
			return -1;
		}
		if (progress) {
			linuxsrc_fetch_progress(j, &p);
			progress(ctx, &p);
		}
		if (!over)
			poll(&pf, 1, 200);   /* a signal ends it early (EINTR) */
	}
	return linuxsrc_fetch_poll(j, true, d);
}

void linuxsrc_fetch_cancel(struct linuxsrc_job *j)
{
	if (!j)
		return;
	atomic_store(&j->cancel, true);
	job_free(j);
}
