/* SPDX-License-Identifier: GPL-2.0-only */
/* witness_stop.c - the emulator's debugger stopped at the guest's #PF
 * entry: walks.txt, the registers and both walks read from physical
 * memory, written by guest/walkwitness.py (QEMU's gdbstub) or
 * guest/bochswitness.py (Bochs's internal debugger) in one format.
 * Pure parsing, as witness.c. */
#include "record/witness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paging/arch.h"
#include "util/array.h"

/* A new stop at the end of w->stop (zeroed, every field missing), or NULL. */
static struct witness_stop *stop_add(struct witness *w, int line)
{
	struct witness_stop *p = array_grow(w->stop, &w->capstop, w->nstop + 1, sizeof *p, 32);

	if (!p)
		return NULL;
	w->stop = p;
	struct witness_stop *s = &w->stop[w->nstop++];
	memset(s, 0, sizeof *s);
	s->step0 = (uint32_t)w->nsteps;
	s->line = line;
	return s;
}

static int step_add(struct witness *w, const struct witness_step *st)
{
	struct witness_step *p = array_grow(w->steps, &w->capsteps, w->nsteps + 1, sizeof *p, 64);

	if (!p)
		return -1;
	w->steps = p;
	w->steps[w->nsteps++] = *st;
	return 0;
}

static int level_of(const char *s)
{
	return strcmp(s, "pgd") == 0 ? LEVEL_PGD : strcmp(s, "pmd") == 0 ? LEVEL_PMD
	       : strcmp(s, "pte") == 0 ? LEVEL_PTE : -1;
}

/* "step n=N tbl=cur|master level=L table=X index=D entry=X val=X" of the
 * open stop s (fault n). 0, or -1 when malformed or out of order. */
static int walks_step(struct witness *w, struct witness_stop *s, unsigned n, const char *line)
{
	unsigned sn, index;
	unsigned long long table, entry, val;
	char tbl[8], lv[8];
	struct witness_step st;
	int level;

	if (sscanf(line, "step n=%u tbl=%7[a-z] level=%7[a-z] table=%llx index=%u entry=%llx "
		   "val=%llx", &sn, tbl, lv, &table, &index, &entry, &val) != 7 || sn != n ||
	    (level = level_of(lv)) < 0)
		return -1;
	st = (struct witness_step){ .table = table, .entry = entry, .value = val,
				    .index = index, .level = (uint8_t)level };
	if (strcmp(tbl, "cur") == 0) {
		if (s->nmsteps)
			return -1;          /* the master walk comes second */
		s->nsteps++;
	} else if (strcmp(tbl, "master") == 0) {
		if (!s->nmsteps)
			s->mstep0 = (uint32_t)w->nsteps;
		s->nmsteps++;
	} else {
		return -1;
	}
	return step_add(w, &st) < 0 ? -2 : 0;
}

/* One line of walks.txt. 1 at the "end" line, 0 on, -1 malformed, -2 OOM. */
static int walks_line(struct witness *w, const char *line, int ln, unsigned *n)
{
	unsigned k, err, cs;
	unsigned long long cr2, eip, cr3, cr4;
	struct witness_stop *s;

	if (sscanf(line, "pf n=%u cr2=%llx err=%x eip=%llx cs=%x cr3=%llx cr4=%llx", &k, &cr2,
		   &err, &eip, &cs, &cr3, &cr4) == 7) {
		if (k != *n + 1)
			return -1;
		*n = k;
		if (!(s = stop_add(w, ln)))
			return -2;
		*s = (struct witness_stop){ .error_code = err, .cs = cs, .ip = eip, .cr2 = cr2,
					    .cr3 = cr3, .step0 = s->step0, .line = ln };
		return 0;
	}
	if (strncmp(line, "step ", 5) == 0)
		return w->nstop ? walks_step(w, &w->stop[w->nstop - 1], *n, line) : -1;
	if (sscanf(line, "end faults=%u", &k) == 1)
		return k == *n ? 1 : -1;
	return -1;
}

int witness_walks(const char *text, size_t len, const char *emulator, struct witness *w,
		  struct diag *d)
{
	char line[512];
	size_t pos = 0;
	int ln = 0, r = 0;
	unsigned n = 0;

	w->has_stops = w->has_walks = true;
	w->stop_file = "walks.txt";
	while (r == 0 && witness_next_line(text, len, &pos, line, sizeof line)) {
		ln++;
		r = walks_line(w, line, ln, &n);
	}
	if (r == -2) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	if (r == -1) {
		diag_set(d, "", 0, 0, "%s's walk witness (walks.txt) line %d is malformed", emulator,
			 ln);
		return -1;
	}
	if (r == 0) {
		diag_set(d, "", 0, 0, "%s's walk witness (walks.txt) ends before its \"end\" "
			 "line: the run under its debugger did not finish", emulator);
		return -1;
	}
	return 0;
}
