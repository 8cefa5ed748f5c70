/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxsrc.h - Linux's own source lines, read from the user's installed
 * Debian linux-source-6.1 package.
 *
 * pagewalk never holds a copy of Linux's text. Where a lesson or the
 * replayer shows Linux's code it names a file and lines of v6.1, and this
 * module reads them, in this order, from:
 *
 * 1. the cache, where files extracted before are kept:
 *      $XDG_CACHE_HOME/pagewalk/linux-KEY/linux-source-6.1/FILE
 *    ($HOME/.cache when XDG_CACHE_HOME is unset; KEY is the Debian version,
 *    "6.1.192-3", or "local-SIZE-MTIME" for a tarball dpkg does not
 *    describe, named by $PAGEWALK_LINUX_SOURCE);
 * 2. the source tree `make linux` extracted (guest/linux/build.sh):
 *      $PAGEWALK_CACHE/linux-VERSION/src/FILE
 *    ($PAGEWALK_CACHE else $XDG_CACHE_HOME/pagewalk else ~/.cache/pagewalk),
 *    only when its listing (src/.pagewalk-files, written by build.sh right
 *    after the extraction) names the very tarball installed now (size and
 *    time) and the file still has the inode, size and time it had then: a
 *    file our build changed (arch/x86/mm/Makefile, our driver) never is;
 * 3. the package's tarball (LINUXSRC_TARBALL, or $PAGEWALK_LINUX_SOURCE),
 *    decompressing only the xz blocks that hold the wanted files (liblzma,
 *    the stream's own index) through a member map kept in the cache
 *    (linux-KEY/members.map: every member's kind, size, time and the
 *    offset of its tar header in the uncompressed stream). The map is
 *    built by the one full pass over the tarball, once per upload, which
 *    extracts the files asked for on the way; a map that does not match
 *    the tarball (size, time, length), whose line fails its checksum, or
 *    that disagrees with a tar header read back, is built again.
 *
 * Extracted files go to a fresh temporary directory of the cache
 * (tmp-PID-XXXXXX), then rename() into place: a reader never sees a
 * partial file, only regular files asked for are ever written, each at
 * most LINUXSRC_MAX_FILE bytes. Directories of the cache are opened without
 * following symlinks; a cached file that is not a regular file is never
 * read or written through (replaced by rename(), or reported). What a
 * killed extraction left is removed by the next one.
 *
 * Threads: an extraction runs in a thread of its own (two while it
 * decompresses blocks, two in liblzma while it builds the map); the
 * caller's thread only starts, polls and cancels it. A handle is used
 * from one thread.
 *
 * No curses, no printing, no global state. Errors go to the caller's
 * struct diag; a missing package is not a failure of the caller's input:
 * linuxsrc_open() returns -1 and linuxsrc_howto() says how to get it.
 */
#ifndef PAGEWALK_LINUXSRC_H
#define PAGEWALK_LINUXSRC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/text.h"

#define LINUXSRC_VERSION "v6.1"               /* the kernel version the package holds */
/* The one Debian upload of linux-source-6.1 every lesson's line ranges were
 * written against (docs/lesson-format.md). On it a range must hold its
 * symbol; on another upload the lines are found again by the symbol. */
#define LINUXSRC_PINNED  "6.1.192-3"
#define LINUXSRC_PACKAGE "linux-source-6.1"   /* Debian package */
#define LINUXSRC_TARBALL "/usr/src/linux-source-6.1.tar.xz"
#define LINUXSRC_TOP     "linux-source-6.1"   /* top directory inside the tarball */
#define LINUXSRC_ENV     "PAGEWALK_LINUX_SOURCE"  /* overrides the tarball's path */
#define LINUXSRC_KCACHE_ENV "PAGEWALK_CACHE"  /* make linux's cache (kernels, its tree) */
#define LINUXSRC_MAX_FILE (8u * 1024 * 1024)  /* bytes of one source file */
#define LINUXSRC_MAX_FETCH 64                  /* files in one extraction */
/* Extracted with the rest when dpkg does not know the tarball: its
 * VERSION/PATCHLEVEL/SUBLEVEL say which 6.1.N it holds. */
#define LINUXSRC_MAKEFILE "Makefile"

/* Where the source comes from and where it is cached (opaque). */
struct linuxsrc;

/* One source file, split in lines (no '\n'; raw bytes as in the file,
 * tabs kept: the caller escapes them for display). */
struct linuxsrc_file {
	char *buf;             /* owned: the file's text */
	char **lines;          /* owned array; entries point into buf */
	size_t nlines;
	struct linuxsrc_fnindex *fns;  /* owned: its functions, built at the first lookup */
};

/* Find the tarball and the cache: a new handle in *out (free with
 * linuxsrc_close). 0, or -1 with d filled and *out NULL when the package
 * is not installed (its tarball is missing or not a regular file) or no
 * cache directory is known ($HOME and $XDG_CACHE_HOME unset). Reads dpkg's
 * status once, for the Debian version. */
int linuxsrc_open(struct linuxsrc **out, struct diag *d);
/* Free s and every file it read. NULL is a no-op. */
void linuxsrc_close(struct linuxsrc *s);
/* The cache directory ($XDG_CACHE_HOME/pagewalk/linux-KEY) and the
 * tarball s reads. */
const char *linuxsrc_cache_dir(const struct linuxsrc *s);
const char *linuxsrc_tarball(const struct linuxsrc *s);

/* Is file a name linuxsrc accepts: relative, [A-Za-z0-9_.,+-/] only, no
 * empty, "." or ".." component, under 256 bytes? */
bool linuxsrc_name_ok(const char *file);

/* The file, read once per handle: from the cache or make linux's tree,
 * else (fetch) extracted now, synchronously. *out is owned by s and lives
 * until linuxsrc_close. 0; 2 when it is not there without extracting and
 * fetch is false; -1 with d filled (a bad name, not a regular file of the
 * package, the cache or the tarball unusable, too large). */
int linuxsrc_get(struct linuxsrc *s, const char *file, bool fetch, struct linuxsrc_file **out,
		 struct diag *d);

/* Make sure files[0..n) can be read without extracting, extracting the
 * missing ones at once (linuxsrc_fetch_start, waited for). 0, or -1 with d
 * filled (the first file that could not be had, and why). */
int linuxsrc_fetch(struct linuxsrc *s, const char *const *files, size_t n, struct diag *d);

/* An extraction running in the background, in a thread of its own,
 * writing into a temporary directory of the cache. The caller polls it
 * from its main loop; nothing reaches the cache until a file is whole, so
 * cancelling leaves no partial file. It does not borrow the handle. */
struct linuxsrc_job;

/* What an extraction is doing, for a progress line. */
enum linuxsrc_phase {
	LINUXSRC_WAITING,      /* for another pagewalk building the same map */
	LINUXSRC_INDEXING,     /* the one full pass: the member map */
	LINUXSRC_EXTRACTING,   /* only the blocks that hold the files */
};
/* Why the full pass runs. */
enum linuxsrc_reason {
	LINUXSRC_FIRST,        /* no map yet: the first use of this upload */
	LINUXSRC_STALE,        /* the map was of another tarball */
	LINUXSRC_DAMAGED,      /* the map was damaged, or disagreed with a tar header */
};
struct linuxsrc_progress {
	enum linuxsrc_phase phase;
	unsigned phases;       /* every phase so far, bit (1 << phase) */
	enum linuxsrc_reason reason;   /* LINUXSRC_INDEXING */
	uint64_t done, total;  /* bytes of the uncompressed stream */
	unsigned files;        /* files being extracted */
	char upload[300];      /* "6.1.192-3", or the tarball's path */
	char tree[64];         /* make linux's tree is of this other upload ("" when
				  there is none, or it is this one) */
};

/* Start extracting the files of files[0..n) that cannot be read without
 * it, and the Makefile when dpkg does not say the version. A name the package's listing (when one is known)
 * says is not a regular file of it is left out, and the job ends in -1
 * saying so once the others are in. 0 with *job set (NULL when nothing is
 * missing), or -1 with d filled (a bad name, every name refused, more
 * than LINUXSRC_MAX_FETCH files, the cache is unusable). */
int linuxsrc_fetch_start(struct linuxsrc *s, const char *const *files, size_t n,
			 struct linuxsrc_job **job, struct diag *d);
/* Has the job finished? 0: still running (never blocks unless wait);
 * 1: done, the files are in the cache; -1: failed, d says why (the files
 * that came are kept). On 1 and -1 the job is freed and its temporary
 * directory removed. */
int linuxsrc_fetch_poll(struct linuxsrc_job *job, bool wait, struct diag *d);
/* What the job is doing now. */
void linuxsrc_fetch_progress(const struct linuxsrc_job *job, struct linuxsrc_progress *p);
/* Wait for the job, calling progress (may be NULL) about five times a
 * second and once more when it is over. When *stop (may be NULL) becomes non-zero (the caller's signal
 * handler sets it) the job is cancelled: -1 with d "interrupted". Else as
 * linuxsrc_fetch_poll(job, true, d). The job is freed either way. The
 * engine installs no signal handler. */
int linuxsrc_fetch_wait(struct linuxsrc_job *job, const volatile sig_atomic_t *stop,
			void (*progress)(void *ctx, const struct linuxsrc_progress *p), void *ctx,
			struct diag *d);
/* The progress in words, in lang: "Indexing linux-source-6.1 6.1.192-3
 * (once per upload): 43% ...", "Reading Linux 6.1 from linux-source-6.1:
 * 80% ..."; pct: with the percentage. */
void linuxsrc_progress_text(const struct linuxsrc_progress *p, enum lang lang, bool pct,
			    char *buf, size_t len);
/* Stop a job: end its threads, remove its temporary directory, free it.
 * Returns within a few milliseconds. NULL is a no-op. */
void linuxsrc_fetch_cancel(struct linuxsrc_job *job);

/* The version of the source s reads: dpkg's ("6.1.192-3") for the
 * package's own tarball, else "6.1.N" from the tarball's Makefile once it
 * can be read without extracting, else "". */
void linuxsrc_version(struct linuxsrc *s, char *out, size_t len);
/* dpkg's version of the package's own tarball ("6.1.192-3"), the one
 * make linux builds from; "" for a tarball named by
 * $PAGEWALK_LINUX_SOURCE or one dpkg does not know. Owned by s. */
const char *linuxsrc_debver(const struct linuxsrc *s);
/* Is it the upload the lessons were written against (LINUXSRC_PINNED)?
 * With a Debian version: equal to the pin. Without (a tarball named by
 * $PAGEWALK_LINUX_SOURCE): its Makefile's 6.1.N equals the pin's upstream
 * part. A tarball whose version cannot be told counts as the pin. */
bool linuxsrc_pinned(struct linuxsrc *s);

/* ---- the package's listing, for loaders ----
 * Whether a name is a regular file of the package, told from the member
 * map or make linux's tree listing of the tarball installed now, without
 * extracting and without dpkg. NULL from linuxsrc_listing_open when no
 * listing is known yet (no package, no map built, no tree): the name is
 * then checked when it is extracted. */
struct linuxsrc_listing;
struct linuxsrc_listing *linuxsrc_listing_open(void);
void linuxsrc_listing_close(struct linuxsrc_listing *l);
/* 0: file is a regular file of the package; -1: the package holds it as
 * something else (why: "is a directory of linux-source-6.1 6.1.192-3, not
 * a file"); -2: the package does not hold it (why: "is not in ..."); 1:
 * cannot be told (a damaged listing). */
int linuxsrc_listing_check(struct linuxsrc_listing *l, const char *file, char *why, size_t len);
/* The upload the listing describes: its Debian version ("6.1.192-3"), or
 * "local-SIZE-MTIME" for a tarball dpkg does not describe. A loader
 * refuses a name the package lacks (-2) only when this is the upload its
 * file was written against: on another one, the pane says it is gone. */
const char *linuxsrc_listing_upload(const struct linuxsrc_listing *l);

/* ---- for the fuzzers and tests: the parsers alone ---- */

/* A listing from a member map's bytes (buf must outlive it; no check of
 * which tarball it names). NULL when they are not one. */
struct linuxsrc_listing *linuxsrc_listing_from(const char *buf, size_t len);
/* Walk the bytes of an uncompressed tar archive as the full pass does:
 * the count of members, or -1 with why when they are not an archive GNU
 * tar writes (a wrong checksum, a broken number, a pax record that does
 * not parse) or end before its two zero blocks. */
long linuxsrc_tar_scan(const unsigned char *buf, size_t len, char *why, size_t wlen);

/* ---- finding things in a file ---- */

/* The first line of a definition of name within lines [first, last]
 * (1-based, inclusive): a line holding name as a whole word that is not a
 * comment line. 0 when there is none. */
unsigned linuxsrc_find_symbol(const struct linuxsrc_file *f, const char *name,
			      unsigned first, unsigned last);

/* The 1-based line range of the C function `name` defined in f: from the
 * column-0 line naming it (followed by an open or a close parenthesis, as
 * in a DEFINE_IDTENTRY macro) whose body's brace opens in column 0 within
 * a few lines, to the brace closing it in column 0. Returns 0 with first
 * and last set, or -1 when it is not found (or out of memory). The first
 * lookup indexes every function of f (one pass over the file); each
 * lookup after it costs a hash probe. */
int linuxsrc_find_function(struct linuxsrc_file *f, const char *name, unsigned *first,
			   unsigned *last);

/* Split buf (len bytes, NUL at buf[len], owned by f after the call) into
 * f's lines; a final newline ends the last line. 0, or -1 when out of
 * memory (buf is freed). For tests and the fuzzers. */
int linuxsrc_file_from(struct linuxsrc_file *f, char *buf, size_t len);
/* Free what f owns and zero it (for files from linuxsrc_file_from). */
void linuxsrc_file_free(struct linuxsrc_file *f);

/* The sentence saying which lines of which file the pane would show and
 * how to get them (apt-get install linux-source-6.1), into buf. */
void linuxsrc_howto(const char *file, unsigned first, unsigned last, char *buf, size_t len);

#endif
