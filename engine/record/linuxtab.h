/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxtab.h - the Linux recorder's one table (guest/linux/linux.tab):
 * kernel variants, paging modes, scenarios, and the plan of one run.
 *
 * The table is compiled in (the Makefile's recorder configuration,
 * record_cfg_linux_tab); guest/linux/build.sh reads the same file for its
 * variant rows. A row is "KIND NAME KEY=VALUE... [: sentence]"; the file's
 * header says what each key means. Adding a mode, a variant or a scenario
 * is adding a row (docs/linux.md, "Adding a mode, a variant, a scenario").
 *
 * Ownership: linuxtab_parse() returns a table the caller frees with
 * linuxtab_free() (NULL is a no-op); rows and plans point into it.
 * Errors: -1 or NULL with a struct diag ("NAME:LINE:COL: message" for the
 * table itself, a sentence for a plan that cannot be made). Pure: nothing
 * here opens, runs or prints anything.
 */
#ifndef PAGEWALK_LINUXTAB_H
#define PAGEWALK_LINUXTAB_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

struct linuxtab;

/* One row: its kind ("variant", "mode", "scenario"), name, KEY=VALUE
 * words and the sentence after " : " ("" when none). */
struct linuxtab_row {
	const char *kind, *name, *why;
	const char *const *keys, *const *values;
	size_t nkeys;
	int line;
};

/* What one recording runs: everything resolved from the mode's, the
 * scenario's and the variant's rows (strings point into the table). */
struct linuxtab_plan {
	const char *mode, *scenario, *variant;
	const char *paging;      /* pagewalk's arch name: the trace's arch */
	const char *arch;        /* Linux's ARCH of the variant */
	const char *qemu, *cpu, *console, *image, *cc;
	const char *cross;       /* the variant's CROSS_COMPILE prefix ("" the host's) */
	const char *machine;     /* QEMU's -machine (NULL: its default) */
	const char *gdb;         /* the gdb program ("gdb"; arm64: gdb-multiarch) */
	const char *steps;       /* the init's steps, comma-separated */
	const char *append;      /* more kernel words, comma-separated ("" none):
				  * the mode's, then the scenario's (in appendbuf) */
	char appendbuf[256];
	unsigned mem;            /* MiB */
};

/* Parse the table text (name for messages). Every row is checked: a known
 * kind, a name, the keys its kind needs, modes naming known variants and
 * paging models, scenarios naming known modes and variants. NULL with d
 * filled at the offending line. */
struct linuxtab *linuxtab_parse(const char *text, const char *name, struct diag *d);
void linuxtab_free(struct linuxtab *t);

/* The compiled-in table (guest/linux/linux.tab), parsed: NULL with d
 * filled when out of memory or when the build's table is broken. */
struct linuxtab *linuxtab_builtin(struct diag *d);

/* The row of that kind and name, or NULL. */
const struct linuxtab_row *linuxtab_find(const struct linuxtab *t, const char *kind,
					 const char *name);
/* The i-th row of that kind (in file order), or NULL past the last. */
const struct linuxtab_row *linuxtab_nth(const struct linuxtab *t, const char *kind, size_t i);
/* The value of key in row r, or NULL when the row has no such key. */
const char *linuxtab_value(const struct linuxtab_row *r, const char *key);
/* Is word one of the comma-separated items of list? */
bool linuxtab_listed(const char *list, const char *word);
/* The names of every row of kind as English prose into buf: "2level, pae,
 * 4level and 5level" (not a scenario chosen by an option: its by=). */
void linuxtab_names(const struct linuxtab *t, const char *kind, char *buf, size_t len);

/* The plan of a recording of scenario in mode. 0, or -1 with d holding
 * one sentence: an unknown mode or scenario (naming the known ones), or a
 * scenario its row does not run in that mode (with the row's sentence). */
int linuxtab_plan(const struct linuxtab *t, const char *mode, const char *scenario,
		  struct linuxtab_plan *p, struct diag *d);

#endif
