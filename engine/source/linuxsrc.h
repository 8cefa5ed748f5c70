/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxsrc.h - Linux's own source lines, read from the user's installed
 * Debian linux-source-6.1 package.
 *
 * pagewalk never holds a copy of Linux's text. Where a lesson or the
 * replayer shows Linux's code it names a file and lines of v6.1, and this
 * module reads them from the package's tarball (LINUXSRC_TARBALL, or
 * $PAGEWALK_LINUX_SOURCE), extracting only the files asked for, once, into
 * a cache:
 *
 *   $XDG_CACHE_HOME/pagewalk/linux-<debian version>/linux-source-6.1/FILE
 *   ($HOME/.cache when XDG_CACHE_HOME is unset; the key is
 *   "local-<size>-<mtime>" when the Debian version is not known)
 *
 * Files arrive by `tar -xJf TARBALL -C TMP linux-source-6.1/FILE...` into a
 * fresh mkdtemp() directory beside them, then rename() into place: a reader
 * never sees a partial file. Directories of the cache are opened without
 * following symlinks; a cached file that is not a regular file (a symlink,
 * a FIFO, a directory left by someone) is never read or written through:
 * it is replaced by rename(), or reported when it cannot be.
 *
 * No curses, no printing. Errors go to the caller's struct diag; a missing
 * package is not a failure of the caller's input: linuxsrc_open() returns -1
 * and linuxsrc_howto() says how to get it.
 */
#ifndef PAGEWALK_LINUXSRC_H
#define PAGEWALK_LINUXSRC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

#define LINUXSRC_VERSION "v6.1"               /* the kernel version the package holds */
/* The one Debian upload of linux-source-6.1 every lesson's line ranges were
 * written against (docs/lesson-format.md). On it a range must hold its
 * symbol; on another upload the lines are found again by the symbol. */
#define LINUXSRC_PINNED  "6.1.192-3"
#define LINUXSRC_PACKAGE "linux-source-6.1"   /* Debian package */
#define LINUXSRC_TARBALL "/usr/src/linux-source-6.1.tar.xz"
#define LINUXSRC_TOP     "linux-source-6.1"   /* top directory inside the tarball */
#define LINUXSRC_ENV     "PAGEWALK_LINUX_SOURCE"  /* overrides the tarball's path */
#define LINUXSRC_MAX_FILE (8u * 1024 * 1024)  /* bytes of one source file */
#define LINUXSRC_MAX_FETCH 64                  /* files in one extraction */
/* Always extracted with the rest: its VERSION/PATCHLEVEL/SUBLEVEL say which
 * 6.1.N a tarball holds when dpkg does not know it. */
#define LINUXSRC_MAKEFILE "Makefile"

/* Where the source comes from and where it is cached. */
struct linuxsrc {
	char tarball[1024];    /* the package's tarball */
	char key[128];         /* "6.1.192-3", or "local-SIZE-MTIME" */
	char cache[1024];      /* $XDG_CACHE_HOME/pagewalk/linux-KEY */
	char debver[64];       /* dpkg's version of the package's own tarball, else "" */
};

/* One source file, split in lines (no '\n'; raw bytes as in the file,
 * tabs kept: the caller escapes them for display). */
struct linuxsrc_file {
	char *buf;             /* owned: the file's text */
	char **lines;          /* owned array; entries point into buf */
	size_t nlines;
};

/* Find the tarball and the cache. 0, or -1 with d filled when the package
 * is not installed (its tarball is missing or not a regular file) or no
 * cache directory is known ($HOME and $XDG_CACHE_HOME unset). */
int linuxsrc_open(struct linuxsrc *s, struct diag *d);

/* Is file a name linuxsrc accepts: relative, [A-Za-z0-9_.,+-/] only, no
 * empty, "." or ".." component, under 256 bytes? */
bool linuxsrc_name_ok(const char *file);

/* Make sure files[0..n) are in the cache, extracting the missing ones in
 * one run of tar (linuxsrc_fetch_start, waited for). 0, or -1 with d filled (a bad name, a file the tarball
 * does not hold, tar failed, the cache is unusable). */
int linuxsrc_fetch(const struct linuxsrc *s, const char *const *files, size_t n,
		   struct diag *d);

/* Are files[0..n) all in the cache already (nothing to extract)? */
bool linuxsrc_cached(const struct linuxsrc *s, const char *const *files, size_t n);

/* An extraction running in the background: a child tar (in its own
 * process group) writing into a temporary directory of the cache. The
 * caller polls it from its main loop; nothing reaches the cache until tar
 * has finished, so cancelling leaves no partial file. */
struct linuxsrc_job;

/* Start extracting the files of files[0..n) that are not cached, and the
 * Makefile, in one run of tar. 0 with *job set (NULL when nothing is
 * missing), or -1 with d filled (a bad name, more than LINUXSRC_MAX_FETCH
 * files, the cache is unusable, tar cannot be started). */
int linuxsrc_fetch_start(const struct linuxsrc *s, const char *const *files, size_t n,
			 struct linuxsrc_job **job, struct diag *d);
/* Has the job finished? 0: still running (never blocks unless wait);
 * 1: done, the files are in the cache; -1: failed, d says why. On 1 and
 * -1 the job is freed and its temporary directory removed. */
int linuxsrc_fetch_poll(struct linuxsrc_job *job, bool wait, struct diag *d);
/* Stop a job: end its tar (and the xz under it), wait for it, remove its
 * temporary directory, free it. NULL is a no-op. */
void linuxsrc_fetch_cancel(struct linuxsrc_job *job);

/* The version of the source s reads: dpkg's ("6.1.192-3") for the
 * package's own tarball, else "6.1.N" from the tarball's Makefile once it
 * is cached, else "". */
void linuxsrc_version(const struct linuxsrc *s, char *out, size_t len);
/* Is it the upload the lessons were written against (LINUXSRC_PINNED)?
 * With a Debian version: equal to the pin. Without (a tarball named by
 * $PAGEWALK_LINUX_SOURCE): its Makefile's 6.1.N equals the pin's upstream
 * part. A tarball whose version cannot be told counts as the pin. */
bool linuxsrc_pinned(const struct linuxsrc *s);

/* Read file (fetching it when it is not cached) into out. 0, or -1 with d
 * filled. Free with linuxsrc_file_free. */
int linuxsrc_read(const struct linuxsrc *s, const char *file, struct linuxsrc_file *out,
		  struct diag *d);
void linuxsrc_file_free(struct linuxsrc_file *f);

/* The first line of a definition of name within lines [first, last]
 * (1-based, inclusive): a line holding name as a whole word that is not a
 * comment line. 0 when there is none. */
unsigned linuxsrc_find_symbol(const struct linuxsrc_file *f, const char *name,
			      unsigned first, unsigned last);

/* The 1-based line range of the C function `name` defined in f: from the
 * column-0 line naming it (followed by an open or a close parenthesis, as
 * in a DEFINE_IDTENTRY macro) whose body's brace opens in column 0 within
 * a few lines, to the brace closing it in column 0. Returns 0 with first
 * and last set, or -1 when it is not found. */
int linuxsrc_find_function(const struct linuxsrc_file *f, const char *name,
			   unsigned *first, unsigned *last);

/* The sentence saying which lines of which file the pane would show and
 * how to get them (apt-get install linux-source-6.1), into buf. */
void linuxsrc_howto(const char *file, unsigned first, unsigned last, char *buf, size_t len);

#endif
