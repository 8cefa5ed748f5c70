/* SPDX-License-Identifier: GPL-2.0-only */
/* draw_tables.h - a vmalloc sync drawn as the process's table beside the
 * master's, five slots around the one copied. The replayer (from a trace)
 * and lesson fault steps (from the engine's model) both fill a tables_view
 * with draw_tables_place and draw_tables_name, then call draw_tables. */
#ifndef PAGEWALK_DRAW_TABLES_H
#define PAGEWALK_DRAW_TABLES_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>

#include "paging/arch.h"
#include "draw/draw.h"
#include "draw/theme.h"

struct tables_view {
	const struct arch *arch;
	enum lang lang;                         /* of the words drawn */
	const char *left_title, *right_title;   /* "process pgd (pid 3)", "init_mm.pgd" */
	const char *right_sub;                  /* "swapper_pg_dir" (second row), or NULL */
	uint64_t left_table, right_table;       /* physical bases */
	unsigned index;                         /* the slot the sync copies */
	unsigned nslots;                        /* PTRS_PER of that table */
	/* Values of slots index-2 .. index+2 (known[i] false: not in the trace). */
	uint64_t left[5], right[5];
	bool left_known[5], right_known[5];
	enum { TV_BEFORE, TV_COPYING, TV_COPIED } phase;
	bool no_master;                         /* the master's entry is empty:
						   nothing is (or will be) copied */
	uint64_t value;                         /* the value copied */
	const char *slot_note;                  /* "pgd_index(0xd0800000) = 834" */
};

/* Reads the entry at pa of the process's table (left) or the master's;
 * false when the value is not known. */
typedef bool tables_reader(const void *ctx, bool left, uint64_t pa, uint64_t *val);

/* Fill v's arch, tables, slot and the five values around it from the
 * process's entry at pa and the master's at from (zeroing the rest). */
void draw_tables_place(struct tables_view *v, const struct arch *a, uint64_t pa, uint64_t from,
		       tables_reader *rd, const void *ctx);
/* Titles and the slot note for v->arch in lang: "process pgd (pid 3)" (no
 * pid when pid < 0) beside "init_mm.pgd (the master)", or the pmd tables
 * under PAE; addr is the faulting address, shown with ad hex digits. Points
 * v's strings at lt, rt (tlen bytes each) and note. */
void draw_tables_name(struct tables_view *v, enum lang lang, long pid, uint64_t addr, int ad,
		      char *lt, char *rt, size_t tlen, char *note, size_t notelen);
/* Rows draw_tables wants: two title rows, five slots, the call-out line;
 * given fewer rows (at least DRAW_TABLES_ROWS_MIN) it shows three slots. */
#define DRAW_TABLES_ROWS 8
#define DRAW_TABLES_ROWS_MIN 6
int draw_tables_height(void);
void draw_tables(WINDOW *w, struct rect r, const struct tables_view *v,
		 const struct theme *th);

#endif
