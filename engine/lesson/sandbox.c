/* SPDX-License-Identifier: GPL-2.0-only */
/* sandbox.c - the learner's own walk and its fill-in table (sandbox.h).
 * Grading is quiz_grade_walk's: a fill-in field is graded as the index,
 * entry or phys quiz about the same walk would be.
 */
#include "lesson/sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The flags of a table entry at real level lv (PAE PDPT entries: P only). */
static uint64_t table_flags(const struct arch *a, enum level lv)
{
	return a->id == ARCH_X86_32_PAE && lv == LEVEL_PGD ? PTE_P : PTE_P | PTE_RW | PTE_US;
}

/* Build the tables mapping addr's page at SANDBOX_FRAME into pm; *cr3. */
static int build(const struct arch *a, struct physmem *pm, uint64_t addr, uint64_t *cr3,
		 struct diag *d)
{
	struct addr_fields f;
	uint64_t table = SANDBOX_TABLES_AT, next = SANDBOX_TABLES_AT + 0x1000;

	if (addr_split(a, addr, &f, d) < 0)
		return -1;
	*cr3 = table;
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		uint64_t e;
		if (a->level[lv].folded)
			continue;
		e = lv == LEVEL_PTE ? SANDBOX_FRAME | PTE_P | PTE_RW | PTE_US | PTE_A
				    : next | table_flags(a, (enum level)lv);
		if (physmem_write(pm, table + (uint64_t)f.index[lv] * a->entry_size, e,
				  a->entry_size) < 0) {
			diag_set(d, NULL, 0, 0, "out of memory");
			return -1;
		}
		table = next;
		next += 0x1000;
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
	if (sb->arch->family != FAMILY_X86) {
		/* its tables and its fill-in are x86's (cr3, error codes) */
		diag_set(d, NULL, 0, 0, "the sandbox walks x86 tables only, not %s "
			 "(pagewalk translate --arch %s shows an arm64 walk)", sb->arch->name,
			 sb->arch->name);
		goto fail;
	}
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
	if (img)
		sb->cr3 = img->cr3;
	else if (build(sb->arch, sb->mem, addr, &sb->cr3, d) < 0)
		goto fail;
	walk_run(sb->arch, sb->mem, sb->cr3, addr, acc, &sb->walk);
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
