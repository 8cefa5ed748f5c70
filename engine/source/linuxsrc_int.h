/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxsrc_int.h - engine/source's private parts (linuxsrc.h is the
 * contract): the handle, the cache's directories, the tar and xz readers,
 * the member map, make linux's tree, the extraction job.
 *
 *   linuxsrc.c        the handle: where things are, reading a file, versions
 *   linuxsrc_text.c   lines of a file, symbols, the function index
 *   lxcache.c         the cache's directories (no symlink followed), install
 *   lxtar.c           tar headers, and a walker over a stream of tar bytes
 *   lxxz.c            the xz stream's index, decoding byte ranges by block
 *   lxmap.c           the member map: build (the full pass), write, look up
 *   lxtree.c          make linux's tree and its listing
 *   lxjob.c           the extraction thread, progress, cancel
 */
#ifndef PAGEWALK_LINUXSRC_INT_H
#define PAGEWALK_LINUXSRC_INT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "source/linuxsrc.h"

/* ---- sorted listings (the map and the tree's listing share the shape) ----
 * A text file: one header line, then one line per member sorted by name
 * (bytewise), "NAME\tFIELDS\n"; names hold no byte below 0x20. */
struct lxlist {
	const char *buf;       /* the whole file (mmap'd) */
	size_t len;
	size_t body;           /* offset of the first member line */
};
/* Find name's line: 1 with *line and *n set (the line without its '\n'),
 * 0 when there is none, -1 when the listing is damaged (a line without
 * its end). */
int lxlist_find(const struct lxlist *l, const char *name, const char **line, size_t *n);
/* mmap path read-only into l (the header line must start with magic).
 * 0, 1 when there is no such file, -1 with why when it is not one. */
int lxlist_map(struct lxlist *l, const char *path, const char *magic, char *why, size_t wlen);
void lxlist_unmap(struct lxlist *l);
/* The value of "key=" in the header line, as a number. 0, or -1. */
int lxlist_header_u64(const struct lxlist *l, const char *key, uint64_t *v);
/* The same as a word, into out. 0, or -1. */
int lxlist_header_word(const struct lxlist *l, const char *key, char *out, size_t len);

/* ---- the member map ---- */
#define LXMAP_MAGIC "pagewalk-linux-map 1 "
#define LXMAP_NAME  "members.map"
struct lxmap_ent {
	char type;             /* f regular, d directory, l symlink, h hard link, o other */
	uint64_t hdr;          /* its ustar header's offset in the uncompressed stream */
	uint64_t size;         /* bytes of data */
	int64_t mtime;
};
struct lxmap {
	struct lxlist l;
	uint64_t tsize, usize; /* the tarball's size, its uncompressed size */
	int64_t tmtime;
	char upload[64];       /* the Debian version or the tarball's key */
};
/* Open the map at path for the tarball of size tsize and time tmtime.
 * 0; 1 when there is none; -1 with why when it is stale (another
 * tarball) or damaged. */
int lxmap_open(struct lxmap *m, const char *path, uint64_t tsize, int64_t tmtime, char *why,
	       size_t wlen);
/* The same from a buffer (the fuzzer): no identity check. */
int lxmap_from_buffer(struct lxmap *m, const char *buf, size_t len, char *why, size_t wlen);
void lxmap_close(struct lxmap *m);
/* 1 with *e, 0 when name is not a member, -1 when its line is damaged. */
int lxmap_find(const struct lxmap *m, const char *name, struct lxmap_ent *e);
/* The word for a kind: "a directory", "a symbolic link", ... */
const char *lxmap_kind_name(char type);

/* One member seen by the full pass. */
struct lxmap_rec {
	char *name;            /* below the top directory, no trailing '/' */
	struct lxmap_ent e;
};
/* Write recs[0..n) (sorted and de-duplicated here, the later of two
 * same names kept) as a map for the tarball to fd. 0, or -1 with errno. */
int lxmap_write(int fd, struct lxmap_rec *recs, size_t n, uint64_t tsize, int64_t tmtime,
		uint64_t usize, const char *upload);

/* ---- tar ---- */
#define LXTAR_BLOCK 512
#define LXTAR_NAME_MAX 4096
/* A tar member as the walker reports it. */
struct lxtar_ent {
	const char *name;      /* full name as archived ("linux-source-6.1/mm/x.c") */
	char type;             /* as lxmap_ent */
	uint64_t hdr, data;    /* offsets of its ustar header and its data */
	uint64_t size;
	int64_t mtime;
};
/* Called for each member; returns where its data goes (size bytes) or
 * NULL to skip it; -1 in *stop ends the walk with an error. */
typedef unsigned char *(*lxtar_fn)(void *ctx, const struct lxtar_ent *e, int *stop);
struct lxtar_walk {
	uint64_t pos;          /* stream offset of the next byte fed */
	int state;
	unsigned char hdr[LXTAR_BLOCK];
	size_t got;
	uint64_t left, pad;    /* data bytes still to come, then padding */
	unsigned char *cap;    /* where the current data goes, or NULL */
	uint64_t cap_at;
	char *ext;             /* a GNU long name or pax record being read (owned) */
	size_t ext_len, ext_cap;
	char ext_kind;         /* 'L' or 'x' */
	char longname[LXTAR_NAME_MAX];
	bool have_long;
	bool pax_path, pax_size, pax_mtime;
	uint64_t pax_sz;
	int64_t pax_mt;
	int zeros;
	bool done;             /* the two zero blocks were seen */
	lxtar_fn fn;
	void *ctx;
	char err[200];
};
void lxtar_init(struct lxtar_walk *w, lxtar_fn fn, void *ctx);
void lxtar_fini(struct lxtar_walk *w);
/* Feed the next n bytes of the stream. 0, or -1 with w->err. */
int lxtar_feed(struct lxtar_walk *w, const unsigned char *buf, size_t n);
/* Does the 512-byte header h describe a regular file of size and mtime
 * whose name (as far as a ustar header holds it) is name? */
bool lxtar_header_is(const unsigned char *h, const char *name, uint64_t size, int64_t mtime);

/* ---- xz ---- */
struct lxxz {
	int fd;
	uint64_t csize, usize; /* compressed (the file) and uncompressed sizes */
	void *index;           /* lzma_index * */
};
/* Open the tarball's xz stream(s) and read their index. 0, or -1 with why
 * (not xz, truncated, damaged). */
int lxxz_open(struct lxxz *z, const char *path, char *why, size_t wlen);
void lxxz_close(struct lxxz *z);
/* A byte range of the uncompressed stream wanted into dst. */
struct lxxz_piece {
	uint64_t off;
	size_t len;
	unsigned char *dst;
};
/* Decode only the blocks that hold p[0..n), on up to threads threads,
 * copying each piece in place. *total gets the bytes that will be
 * decoded (before any is); *done counts them as they are. Stops when
 * *cancel. 0, or -1 with why (damaged data, cancelled, out of memory; a
 * piece past the stream's end: "... member map ..."). */
int lxxz_read(struct lxxz *z, struct lxxz_piece *p, size_t n, int threads,
	      const atomic_bool *cancel, atomic_uint_fast64_t *done, atomic_uint_fast64_t *total,
	      char *why, size_t wlen);

/* Decode the whole stream in order on up to threads threads, handing
 * each piece of output to fn. 0, or -1 with why. */
int lxxz_stream(struct lxxz *z, int threads, int (*fn)(void *ctx, const unsigned char *b, size_t n),
		void *ctx, const atomic_bool *cancel, atomic_uint_fast64_t *done, char *why,
		size_t wlen);

/* ---- make linux's tree ---- */
#define LXTREE_MAGIC "pagewalk-linux-tree 1 "
#define LXTREE_LIST ".pagewalk-files"
struct lxtree {
	struct lxlist l;
	char src[1024];        /* the tree's directory */
	char upload[64];
};
/* The tree of make linux's cache (kcache: its root) whose listing names
 * the tarball of size tsize and time tmtime. 0; 1 when there is none
 * (other gets the version of a tree of another tarball, else ""). */
int lxtree_open(struct lxtree *t, const char *kcache, uint64_t tsize, int64_t tmtime, char *other,
		size_t olen);
void lxtree_close(struct lxtree *t);
/* The member's kind in the listing: 'f', 'd', 'l', 'o', or 0 when it is
 * not listed, -1 when its line is damaged. */
int lxtree_kind(const struct lxtree *t, const char *name);
/* Open name in the tree when it is a regular file that still has the
 * inode, size and time the listing gives it: the fd, or -1. */
int lxtree_open_file(const struct lxtree *t, const char *name);
/* The same check without opening it: true when it would open. */
bool lxtree_has(const struct lxtree *t, const char *name);

/* ---- the cache's directories ---- */
/* Open the directory rel (a/b/c) under dirfd without following symlinks,
 * creating missing parts when create. The fd, or -1 with d filled,
 * naming the part that is not a directory (base names the top). */
int lxcache_dir(int dirfd, const char *base, const char *rel, bool create, struct diag *d);
/* Open the directory of file (relative to the top inside the cache) in the
 * cache dir `cache` under the root `root`. The fd and *leaf, or -1 with d. */
int lxcache_dir_of(const char *root, const char *cache_rel, const char *file, bool create,
		   const char **leaf, struct diag *d);
/* Open the cached copy of file: the fd of a regular file, -1 when it is
 * not there (or not a regular file), -2 with d filled when the cache's
 * directories are unusable. */
int lxcache_open(const char *root, const char *cache_rel, const char *file, struct diag *d);
/* Is the cached copy there (a regular file), without opening it? 1 yes,
 * 0 no, -1 with d when the cache's directories are unusable. */
int lxcache_has(const char *root, const char *cache_rel, const char *file, struct diag *d);
/* Remove the directory tree at path (no symlink followed). */
void lxcache_rmtree(const char *path);
/* Remove temporary directories of extractions whose process is gone. */
void lxcache_sweep(const char *cache);

/* ---- the handle ---- */
struct lxmemo {
	char *name;
	struct linuxsrc_file f;
};
struct linuxsrc {
	char tarball[1024];    /* the package's tarball */
	char key[128];         /* "6.1.192-3", or "local-SIZE-MTIME" */
	char root[900];        /* $XDG_CACHE_HOME (or $HOME/.cache) */
	char cache_rel[300];   /* "pagewalk/linux-KEY", under root */
	char cache[1300];      /* root/cache_rel */
	char kcache[1024];     /* make linux's cache root */
	char debver[64];       /* dpkg's version of the package's own tarball, else "" */
	uint64_t tsize;        /* the tarball's size and time */
	int64_t tmtime;
	int tree_state;        /* 0 not looked at, 1 usable, -1 none */
	struct lxtree tree;
	char tree_other[64];   /* a tree of another upload is there: its version */
	struct lxmemo **files; /* files read (linuxsrc_get), each its own block */
	size_t nfiles, capfiles;
};
/* The tree of s, looked up once. NULL when there is none. */
const struct lxtree *linuxsrc_tree(struct linuxsrc *s);
/* Split buf into f's lines (linuxsrc_text.c). */
int lxtext_split(struct linuxsrc_file *f, char *buf, size_t len);

/* ---- the job ---- */
/* What a job is asked and where it works (copied: the handle may go). */
struct lxjob_spec {
	char tarball[1024];
	char root[900];
	char cache_rel[300];
	char cache[1300];
	char key[128];         /* the map's upload word */
	char upload[300];      /* for messages: the Debian version or the tarball */
	char tree_other[64];
	uint64_t tsize;
	int64_t tmtime;
	char files[LINUXSRC_MAX_FETCH + 1][256];
	size_t n;
	char refused[400];     /* a name the listing refused (not extracted), or "" */
};
/* Start an extraction of spec's files, all of them wanted (lxjob.c): its
 * temporary directory, its thread. 0 with *out, or -1 with d. */
int lxjob_start(const struct lxjob_spec *spec, struct linuxsrc_job **out, struct diag *d);

#endif
