/* SPDX-License-Identifier: GPL-2.0-only */
/* sandbox.h - the learner's own walk: any address on any arch, walked over
 * a memory image (memimage.h, the file `translate --mem` reads) or over
 * tables built for it, with a fill-in table the learner completes and has
 * checked field by field.
 *
 * Without an image, sandbox_new() builds the smallest tables that map the
 * address's 4 KiB page: one table per real level, allocated 4 KiB apart
 * from SANDBOX_TABLES_AT in walk order (the pgd, on PAE the PDPT, first),
 * the page at SANDBOX_FRAME; table entries P RW US (PAE PDPT entries P
 * only), the page P RW US A. On arm64 the tables are granule-sized
 * (4, 16 or 64 KiB apart) and hang from the base register bit 55 picks
 * (TTBR0_EL1 for a user address, TTBR1_EL1 for a kernel one; the other
 * register is 0): table descriptors 0b11, the page a page descriptor at
 * SANDBOX_FRAME rounded down to the granule with AF set, inner shareable,
 * for a TTBR0 address AP[1] (EL0 may read and write it) and nG, for a
 * TTBR1 address kernel-only (the Arm rules then decide: EL1 may not
 * execute what EL0 may write). With an image, its arch and cr3 (arm64:
 * TTBR0_EL1 and TTBR1_EL1) are used and nothing is built: the walk may
 * fault, and the table stops where it does.
 *
 * The fill-in table has a row per real level the walk read (folded levels
 * are pass-throughs: nothing to fill) with three fields, the index, the
 * entry's physical address and the value it holds, and a last row, the
 * physical address (when the walk reaches a page). sandbox_check() grades
 * one field (quiz_grade_walk) as a quiz does (quiz.h: hex or decimal, a bare number read as
 * the quiz reads it, the known mistakes named first: entry size, byte
 * offset vs index, wrong base, wrong shift), in both languages.
 *
 * Ownership: sandbox_new() returns a model the caller frees with
 * sandbox_free() (NULL is a no-op); it owns its memory (a copy of the
 * image's) and keeps no pointer to the image. Nothing prints.
 */
#ifndef PAGEWALK_SANDBOX_H
#define PAGEWALK_SANDBOX_H

#include "lesson/quiz.h"
#include "paging/memimage.h"

#define SANDBOX_TABLES_AT 0x100000ULL
#define SANDBOX_FRAME     0x345000ULL

struct sandbox {
	const struct arch *arch;
	uint64_t addr;
	struct access access;
	bool from_image;            /* walked over a memory image */
	struct physmem *mem;        /* owned */
	uint64_t cr3;               /* x86: cr3; arm64: TTBR0_EL1 */
	uint64_t ttbr1;             /* arm64: TTBR1_EL1; 0 on x86 */
	struct addr_fields fields;  /* addr_split */
	struct walk walk;           /* walk_run_any over mem from cr3 (and ttbr1) */
	int rows[LEVEL_COUNT];      /* walk.step[] index of each fill-in row */
	int nrows;                  /* real levels read */
};

/* The sandbox for addr on a (img NULL: tables built for it; else img's arch
 * and memory, a must be img's or NULL). NULL with d filled ("pagewalk:
 * message", no location) when addr does not fit the arch, the arch differs
 * from the image's, or memory runs out. */
struct sandbox *sandbox_new(const struct arch *a, uint64_t addr, struct access acc,
			    const struct memimage *img, struct diag *d);
void sandbox_free(struct sandbox *sb);

/* The expected value of field f of fill-in row r (0 .. nrows-1). */
uint64_t sandbox_want(const struct sandbox *sb, int r, enum walk_field f);
/* Grade typed for field f of row r into *g (always filled; GRADE_UNPARSED
 * for a row out of range). */
void sandbox_check(const struct sandbox *sb, int r, enum walk_field f, const char *typed,
		   struct grade *g);
/* Grade typed as the physical address the walk reaches (GRADE_UNPARSED
 * with a sentence when the walk faults). */
void sandbox_check_phys(const struct sandbox *sb, const char *typed, struct grade *g);

#endif
