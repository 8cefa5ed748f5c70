/* SPDX-License-Identifier: GPL-2.0-only */
/* exercise.h - paper exercises: page tables and addresses to translate.
 *
 * exercise_new() builds, from a seed, a small set of page tables in a
 * physmem of its own (a user region and a kernel region, a few 4 KiB pages
 * each, a large page, a 1 GiB page on x86-64, and a large-page entry with a
 * reserved bit set) and picks count addresses with an access each: some
 * mapped, some not present at the pte or an upper level, some that the
 * entries' RW/US/NX bits refuse, some through the reserved-bit entry and,
 * on x86-64, some not canonical (no walk: a #GP). What a kernel access may
 * do depends on the CPU settings the sheet assumes (struct walk_cpu:
 * CR0.WP, CR4.SMEP, CR4.SMAP), which the caller gives and the sheet prints.
 * Every answer is the engine's walk_run_cpu() over that memory; nothing is
 * computed twice.
 *
 * The generator uses its own PRNG (splitmix64), never rand(): the same arch,
 * seed and count give the same exercise on every libc and machine.
 *
 * An arm64 profile gets its own generator (exercise_arm64.c): two trees,
 * the user one under TTBR0_EL1 and the kernel one under TTBR1_EL1, with
 * Linux 6.1's descriptors (user tables PXNTable, kernel tables UXNTable,
 * pages and one block with AP, UXN/PXN, nG, AF as Linux maps them, one
 * user page old, AF clear); the questions add an access flag fault and an
 * address in neither range. The answers are arm64_walk_run()'s.
 *
 * Ownership: the caller frees the model with exercise_free() (NULL is a
 * no-op); the tables, entries, questions and physmem belong to it. The
 * engine prints nothing: the front end lays the sheet out.
 */
#ifndef PAGEWALK_EXERCISE_H
#define PAGEWALK_EXERCISE_H

#include "util/diag.h"
#include "paging/walk.h"

#define EXERCISE_COUNT_DEFAULT 8
#define EXERCISE_COUNT_MAX 64

/* One non-zero entry of a table page. */
struct exercise_entry {
	unsigned index;
	uint64_t pa;             /* table base + index * entry size */
	uint64_t value;
};

/* A table page the walks may read, with its non-zero entries by index. */
struct exercise_table {
	enum level level;        /* the real level it serves (pgd = the root) */
	uint64_t base;           /* physical base */
	struct exercise_entry *entries;
	size_t nentries;
	unsigned ttbr;           /* arm64: the tree it is in, TTBR0 or TTBR1; 0 on x86 */
};

struct exercise_question {
	uint64_t addr;
	struct access access;
	struct walk walk;        /* walk_run()'s answer */
};

struct exercise {
	const struct arch *arch;
	uint64_t seed;
	struct walk_cpu cpu;     /* the settings every answer assumes */
	uint64_t cr3;
	struct physmem *mem;     /* the tables (data pages are never written) */
	struct exercise_table *tables;   /* sorted by level, then base */
	size_t ntables;
	struct exercise_question *questions;
	size_t nquestions;
	uint64_t ttbr1;          /* arm64: TTBR1_EL1 (cr3 holds TTBR0_EL1); 0 on x86 */
};

/* Build the exercise for arch a, seed and count (1..EXERCISE_COUNT_MAX),
 * answered for the CPU settings cpu (the tables and addresses depend on
 * the seed alone). NULL with d filled ("pagewalk: message", no file) on a
 * bad count or when out of memory. */
struct exercise *exercise_new(const struct arch *a, uint64_t seed, unsigned count,
			      struct walk_cpu cpu, struct diag *d);
/* exercise_new for an arm64 profile (exercise_new hands it over; cpu is x86's). */
struct exercise *exercise_arm64_new(const struct arch *a, uint64_t seed, unsigned count,
				    struct diag *d);
void exercise_free(struct exercise *ex);

/* "read", "write" or "fetch". */
const char *exercise_access_name(enum access_kind k);

#endif
