/* SPDX-License-Identifier: GPL-2.0-only */
/* load_prose_int.h - the parts of the prose-number check (load_prose.c).
 * Internal to the loader: load_prose.c scans and locates, prose_rules.c and
 * prose_facts.c hold the forms a number may take and what it must equal.
 * Positions are byte offsets into the current line of the scalar; a failing
 * rule returns prose_fail()'s -1 with the diag at that number's
 * FILE:LINE:COL, a passing or non-matching one 0. */
#ifndef PAGEWALK_LOAD_PROSE_H
#define PAGEWALK_LOAD_PROSE_H

#include "load_int.h"

#define PF_VECTOR 14   /* the page-fault exception (#PF) */

struct prose {
	struct ld *ld;
	const struct ynode *n;           /* the scalar being scanned */
	const struct arch *scope[ARCH_COUNT]; /* the step's archs */
	size_t nscope;
	const char *line;                /* the current line of n->str */
	size_t len;
	size_t k;                        /* its index among n->str's lines */
	const struct step *step;         /* the loaded step (its vmas) */
};

/* A value test for one arch (arg: the rule's own). */
typedef bool value_fn(const struct arch *a, uint64_t v, const void *arg);

/* ---- load_prose.c ---- */
/* The message is ASCII made of numbers and names the engine knows (never
 * the lesson's own text), so it is always terminal-safe. */
int prose_fail(struct prose *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool prose_ident_ch(char c);
/* Does the line end with s at byte at (skip: after spaces; with pos NULL a
 * number that opens a line reads the end of the line before)? */
bool prose_ends(const struct prose *p, size_t at, const char *s, bool skip, size_t *pos);
/* Does the text start with s at byte at (line breaks read as the player
 * joins them)? */
bool prose_starts(const struct prose *p, size_t at, const char *s);
const char *prose_sentence_start(const struct prose *p, size_t at);
/* The archs in scope at byte at into out[ARCH_COUNT]; returns how many. */
size_t prose_scope(const struct prose *p, size_t at, const struct arch **out);
/* fn holds for one arch in scope at byte at. */
bool prose_in_scope(const struct prose *p, size_t at, value_fn *fn, uint64_t v,
		    const void *arg);

/* ---- prose_rules.c: macros, bits, sizes, sums, entries, shifts, masks ---- */
/* what (*arg): 0 PTRS_PER, 1 PTRS_PER - 1, 2 SHIFT, 3 index width of a real
 * level; 4 PTRS_PER of any level */
bool prose_real_level_any(const struct arch *a, uint64_t v, const void *arg);
/* "A + B + ... + C [= T]" from byte s: 1 when a sum is there (*skip: its
 * end; *fail: -1 when it is wrong), 0 when not. */
int prose_sum(struct prose *p, size_t s, size_t *skip, int *fail);
/* Check the number line[s..e) = v against every form it is in. */
int prose_check_number(struct prose *p, size_t s, size_t e, uint64_t v);

/* ---- prose_facts.c: widths, positions, bytes, halves, addresses, states ---- */
int prose_more_rules(struct prose *p, size_t s, size_t e, uint64_t v);

/* ---- prose_arm64.c: ESR, EC, DFSC, WnR, AP[2:1], levels, named bits ---- */
/* 1 when the number is in one of arm64's forms (*rc: 0, or prose_fail's
 * -1), 0 when not. */
int prose_arm64(struct prose *p, size_t s, size_t e, uint64_t v, int *rc);

#endif
