/* SPDX-License-Identifier: GPL-2.0-only */
/* env.h - every environment variable pagewalk reads, read once.
 *
 * env_read() is the one place in engine/ and tui/ that calls getenv(). The
 * program reads the environment once at start-up (tui/main.c) and passes
 * the struct down: struct globals to the commands, struct app to the
 * screens. The engine takes the same snapshot with env_get() where a value
 * decides a default deep inside it (where lessons, traces, Linux's source,
 * the caches and the progress live; the recorder's TMPDIR and PATH), so
 * lesson_load, linuxsrc_open and the catalog keep their signatures. Nothing
 * changes the snapshot after start-up: a test that sets a variable calls
 * env_read() again.
 *
 * A variable that is unset is NULL here; an empty one is "" (each user
 * says what empty means: for most it is the same as unset). The list, and
 * what each variable does, is docs/pagewalk.1's ENVIRONMENT section.
 *
 * Ownership: the strings point into the process environment; the struct
 * is static storage. Cost: a fixed number of getenv() calls.
 */
#ifndef PAGEWALK_ENV_H
#define PAGEWALK_ENV_H

#include <stdbool.h>

struct env {
	/* where data and state are */
	const char *lessons;          /* PAGEWALK_LESSONS: a lessons directory searched first */
	const char *traces;           /* PAGEWALK_TRACES: a traces directory searched first */
	const char *linux_source;     /* PAGEWALK_LINUX_SOURCE: Linux's source tarball */
	const char *home;             /* HOME */
	const char *xdg_state_home;   /* XDG_STATE_HOME: progress (else ~/.local/state) */
	const char *xdg_cache_home;   /* XDG_CACHE_HOME: Linux's lines (else ~/.cache) */
	const char *pagewalk_cache;   /* PAGEWALK_CACHE: make linux's kernels and source tree */
	/* the recorder */
	const char *guest;            /* PAGEWALK_GUEST: the guest kernel ELF */
	const char *build;            /* BUILD: make's build directory (build/guest/guest.elf) */
	const char *tmpdir;           /* TMPDIR: where a recording runs (else /tmp) */
	const char *path;             /* PATH: where the emulators are found */
	const char *cache;            /* PAGEWALK_CACHE: the Linux kernels' cache (make linux;
				       else $XDG_CACHE_HOME/pagewalk, ~/.cache/pagewalk) */
	/* the terminal and the language */
	const char *lc_all;           /* LC_ALL, LC_MESSAGES, LANG: the language (the */
	const char *lc_messages;      /*   first one set; Japanese when it starts with */
	const char *lang;             /*   "ja") and, with LC_CTYPE, the locale's name */
	const char *lc_ctype;         /*   in messages */
	const char *term;             /* TERM: in messages (curses reads it itself) */
	bool no_color;                /* NO_COLOR is set (any value, even empty) */
	/* for tests */
	const char *seed;             /* PAGEWALK_SEED: the lesson quizzes' seed */
	const char *drawcheck;        /* PAGEWALK_DRAWCHECK: where cut text is reported */
	const char *drawtext;         /* PAGEWALK_DRAWTEXT: where every string drawn goes
	                                 (with PAGEWALK_DRAWCHECK; the Japanese sweep) */
};

/* Read every variable above from the environment (again) into the
 * snapshot, and return it. */
const struct env *env_read(void);
/* The snapshot (read the first time it is asked for). */
const struct env *env_get(void);
/* s when it is set and not empty, else NULL. */
const char *env_nonempty(const char *s);

#endif
