/* SPDX-License-Identifier: GPL-2.0-only */
/* catalog.h - the lessons and traces pagewalk can open, found in one place.
 *
 * Both kinds are looked for in the order of datadir.h: $PAGEWALK_LESSONS /
 * $PAGEWALK_TRACES, then ./lessons / ./traces, then the installed data
 * directory. A listing takes the first directory of that order that exists
 * and holds *.yaml files (so a clone's own lessons hide the installed ones,
 * never mixing two versions).
 *
 * Ownership: catalog_new() returns a struct catalog the caller frees with
 * catalog_free() (NULL is a no-op); every string in it belongs to it.
 * Errors: NULL / -1 with the caller's struct diag filled (out of memory;
 * lesson name not found or ambiguous). A lesson or trace that does not load
 * is not an error of the catalog: its entry says so (ok false, diag why).
 * Cost: catalog_new() loads every listed lesson (for its title) and every
 * trace up to CATALOG_TRACE_INFO_MAX bytes (for its summary).
 */
#ifndef PAGEWALK_CATALOG_H
#define PAGEWALK_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/datadir.h"
#include "util/diag.h"
#include "util/text.h"

/* The most files listed of each kind. */
#define CATALOG_MAX 1000
/* The largest trace loaded to describe it (bigger ones are only named). */
#define CATALOG_TRACE_INFO_MAX (4u << 20)

struct catalog_lesson {
	char *name;                  /* file stem, escaped */
	char *path;
	struct text title;           /* from the file; the stem if it does not load */
	bool ok;                     /* false: the file does not load (see diag) */
	struct diag diag;            /* why, when !ok */
	size_t nquiz;                /* its quiz steps (for the score: progress.h) */
};

enum catalog_trace_state {
	TRACE_INFO_OK,               /* loaded: the summary fields are set */
	TRACE_INFO_LARGE,            /* larger than CATALOG_TRACE_INFO_MAX: only bytes is set */
	TRACE_INFO_NOT_FILE,         /* not a regular file */
	TRACE_INFO_BROKEN,           /* does not load: diag says why */
};

struct catalog_trace {
	char *path;
	const char *name;            /* the file name: points into path */
	enum catalog_trace_state state;
	struct diag diag;            /* TRACE_INFO_BROKEN: why */
	uint64_t bytes;              /* file size */
	char *scenario, *emulator;   /* TRACE_INFO_OK: NULL when the header has none */
	const char *arch;            /* TRACE_INFO_OK: the arch's name (static) */
	size_t faults;               /* TRACE_INFO_OK: fault events */
};

struct catalog {
	struct catalog_lesson *lessons;  /* sorted by name */
	size_t nlessons;
	const char *lesson_dir;          /* where they were found; NULL: none */
	struct catalog_trace *traces;    /* sorted by name */
	size_t ntraces;
	const char *trace_dir;           /* where they were found; NULL: none */
};

/* List the lessons and the traces. Returns the catalog (possibly empty),
 * or NULL with d filled when out of memory. */
struct catalog *catalog_new(struct diag *d);
void catalog_free(struct catalog *c);

/* Find the lesson file for name: a path (contains '/' or ends in .yaml or
 * .yml) is used as is; otherwise NAME.yaml, or the only file starting with
 * NAME ("03" -> "03-x86-32-two-level.yaml"), in the lesson search order;
 * the first directory that has it wins. Returns 0 with the path in out, or
 * -1 with d filled (no name, not found, ambiguous prefix). */
int catalog_lesson_find(const char *name, char *out, size_t outlen, struct diag *d);

#endif
