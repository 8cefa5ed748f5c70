/* SPDX-License-Identifier: GPL-2.0-only */
/* sandbox.c - the learner's own walk and its fill-in table (sandbox.h).
 * Grading is quiz_grade_walk's: a fill-in field is graded as the index,
 * entry or phys quiz about the same walk would be.
 */
#include "lesson/sandbox.h"
#include "paging/arm64.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The flags of a table entry at real level lv (PAE PDPT entries: P only). */
static uint64_t table_flags(const struct arch *a, enum level lv)
{
	return a->id == ARCH_X86_32_PAE && lv == LEVEL_PGD ? PTE_P : PTE_P | PTE_RW | PTE_US;
}

/* The descriptor at the real level lv pointing at next (arm64, sandbox.h):
 * a table descriptor, or at the pte the page descriptor. */
static uint64_t arm64_desc(enum level lv, uint64_t next, bool user)
{
	if (lv != LEVEL_PTE)
		return next | A64_VALID | A64_TABLE;
	return next | A64_VALID | A64_TABLE | A64_AF | A64_SH_INNER | (user ? A64_AP1 | A64_NG : 0);
}

/* Build the tables mapping addr's page at SANDBOX_FRAME (arm64: rounded
 * down to the granule) into pm; *base0 and *base1 (cr3; arm64 TTBR0_EL1
 * and TTBR1_EL1, the one bit 55 does not pick 0). */
static int build(const struct arch *a, struct physmem *pm, uint64_t addr, uint64_t *base0,
		 uint64_t *base1, struct diag *d)
{
	struct addr_fields f;
	bool arm64 = a->family == FAMILY_ARM64;
	uint64_t step = arm64 ? 1ULL << a->page_shift : 0x1000;
	uint64_t table = SANDBOX_TABLES_AT, next = SANDBOX_TABLES_AT + step;
	uint64_t frame = SANDBOX_FRAME & ~(step - 1);

	if (addr_split(a, addr, &f, d) < 0)
		return -1;
	*base0 = table;
	*base1 = 0;
	if (arm64 && f.ttbr == 1) {
		*base0 = 0;
		*base1 = table;
	}
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		uint64_t e;
		if (a->level[lv].folded)
			continue;
		if (arm64)
			e = arm64_desc((enum level)lv, lv == LEVEL_PTE ? frame : next, f.ttbr == 0);
		else
			e = lv == LEVEL_PTE ? frame | PTE_P | PTE_RW | PTE_US | PTE_A
					    : next | table_flags(a, (enum level)lv);
		if (physmem_write(pm, table + (uint64_t)f.index[lv] * a->entry_size, e,
				  a->entry_size) < 0) {
			diag_set(d, NULL, 0, 0, "out of memory");
			return -1;
		}
		table = next;
		next += step;
	}
	return 0;
}

struct sandbox *sandbox_new(const struct arch *a, uint64_t addr, struct access acc,
			    const struct memimage *img, struct diag *d)
{
	struct sandbox *sb = calloc(1, sizeof *sb);

	if (!sb) {
		diag_set(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (img && a && a != img->arch) {
		diag_set(d, NULL, 0, 0, "the memory image is for %s, not %s", img->arch->name,
			 a->name);
		goto fail;
	}
	sb->arch = img ? img->arch : a;
	sb->addr = addr;
	sb->access = acc;
	sb->from_image = img != NULL;
	if (addr_split(sb->arch, addr, &sb->fields, d) < 0)
		goto fail;
	sb->mem = img ? physmem_clone(img->mem) : physmem_new();
	if (!sb->mem) {
		diag_set(d, NULL, 0, 0, "out of memory");
		goto fail;
	}
	if (img) {
		sb->cr3 = img->cr3;
		sb->ttbr1 = img->ttbr1;
	} else if (build(sb->arch, sb->mem, addr, &sb->cr3, &sb->ttbr1, d) < 0) {
		goto fail;
	}
	walk_run_any(sb->arch, sb->mem, sb->cr3, sb->ttbr1, addr, acc, &sb->walk);
	for (int i = 0; i < sb->walk.nsteps; i++)
		if (!sb->walk.step[i].folded)
			sb->rows[sb->nrows++] = i;
	return sb;
fail:
	sandbox_free(sb);
	return NULL;
}

void sandbox_free(struct sandbox *sb)
{
	if (!sb)
		return;
	physmem_free(sb->mem);
	free(sb);
}

uint64_t sandbox_want(const struct sandbox *sb, int r, enum walk_field f)
{
	const struct walk_step *s;

	if (r < 0 || r >= sb->nrows)
		return 0;
	s = &sb->walk.step[sb->rows[r]];
	return f == WALK_FIELD_INDEX ? s->index : f == WALK_FIELD_ENTRY ? s->entry_pa : s->entry;
}

void sandbox_check(const struct sandbox *sb, int r, enum walk_field f, const char *typed,
		   struct grade *g)
{
	quiz_grade_walk(sb->arch, &sb->walk, sb->mem, r >= 0 && r < sb->nrows ? sb->rows[r] : -1,
			f, typed, g);
}

void sandbox_check_phys(const struct sandbox *sb, const char *typed, struct grade *g)
{
	quiz_grade_walk_phys(sb->arch, &sb->walk, typed, g);
}
