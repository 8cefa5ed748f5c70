/* SPDX-License-Identifier: GPL-2.0-only */
/* test_exercise_arm64.c - the arm64 exercise generator: the same sheet for
 * the same seed, every answer arm64_walk_run()'s over the sheet's memory,
 * the descriptors Linux 6.1 writes (user tables PXNTable, kernel tables
 * UXNTable), and every kind of answer across seeds for every profile. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "paging/arm64.h"
#include "paging/exercise.h"

static void same_model(const struct exercise *x, const struct exercise *y)
{
	assert_int_equal(x->cr3, y->cr3);
	assert_int_equal(x->ttbr1, y->ttbr1);
	assert_int_equal(x->ntables, y->ntables);
	for (size_t t = 0; t < x->ntables; t++) {
		assert_int_equal(x->tables[t].base, y->tables[t].base);
		assert_int_equal(x->tables[t].nentries, y->tables[t].nentries);
		assert_memory_equal(x->tables[t].entries, y->tables[t].entries,
				    x->tables[t].nentries * sizeof *x->tables[t].entries);
	}
	for (size_t i = 0; i < x->nquestions; i++) {
		assert_int_equal(x->questions[i].addr, y->questions[i].addr);
		assert_int_equal(x->questions[i].walk.esr, y->questions[i].walk.esr);
	}
}

/* The tables: in their tree, descriptors at base + index * 8, table
 * descriptors with PXNTable under TTBR0 and UXNTable under TTBR1. */
static void check_tables(const struct exercise *x)
{
	const struct arch *a = x->arch;
	size_t roots = 0;

	for (size_t t = 0; t < x->ntables; t++) {
		const struct exercise_table *tb = &x->tables[t];
		if (tb->level == LEVEL_PGD) {
			assert_int_equal(tb->base, tb->ttbr ? x->ttbr1 : x->cr3);
			roots++;
		}
		assert_int_equal(tb->base % (1ULL << a->page_shift), 0);
		for (size_t e = 0; e < tb->nentries; e++) {
			const struct exercise_entry *en = &tb->entries[e];
			assert_int_equal(en->pa, tb->base + (uint64_t)en->index * 8);
			assert_int_equal(physmem_read(x->mem, en->pa, 8), en->value);
			if (arm64_desc_type(a, tb->level, en->value) == A64_DESC_TABLE)
				assert_int_equal(en->value & (A64_PXNTABLE | A64_UXNTABLE),
						 tb->ttbr ? A64_UXNTABLE : A64_PXNTABLE);
		}
	}
	assert_int_equal(roots, 2);
}

static void test_all_profiles(void **state)
{
	(void)state;
	for (int id = ARCH_ARM64_FIRST; id < ARCH_COUNT; id++) {
		const struct arch *a = arch_get((enum arch_id)id);
		unsigned ok = 0, block = 0, trans = 0, af = 0, perm = 0, range = 0;

		for (uint64_t seed = 0; seed < 30; seed++) {
			struct diag d;
			struct exercise *x = exercise_new(a, seed, 16, WALK_CPU_DEFAULT, &d);
			struct exercise *y = exercise_new(a, seed, 16, WALK_CPU_DEFAULT, &d);
			assert_non_null(x);
			assert_non_null(y);
			same_model(x, y);
			check_tables(x);
			for (size_t i = 0; i < x->nquestions; i++) {
				const struct exercise_question *q = &x->questions[i];
				struct walk w;
				arm64_walk_run(a, x->mem, x->cr3, x->ttbr1, q->addr, q->access, &w);
				assert_int_equal(w.status, q->walk.status);
				assert_int_equal(w.esr, q->walk.esr);
				assert_true(w.phys == q->walk.phys);
				ok += w.status == WALK_OK && w.page_size == 1ULL << a->page_shift;
				block += w.status == WALK_OK && w.page_size > 1ULL << a->page_shift;
				trans += w.status == WALK_NOT_PRESENT;
				af += w.status == WALK_ACCESS_FLAG;
				perm += w.status == WALK_PROTECTION;
				range += w.status == WALK_BAD_ADDRESS;
			}
			exercise_free(x);
			exercise_free(y);
		}
		if (!(ok && block && trans && af && perm && range))
			fail_msg("%s: ok %u block %u translation %u access flag %u permission %u "
				 "range %u", a->name, ok, block, trans, af, perm, range);
	}
}

static void test_seeds_differ(void **state)
{
	struct diag d;
	const struct arch *a = arch_by_name("arm64-4k-48");
	struct exercise *x = exercise_new(a, 1, 6, WALK_CPU_DEFAULT, &d), *y = exercise_new(a, 2, 6, WALK_CPU_DEFAULT, &d);

	(void)state;
	assert_true(x->cr3 != y->cr3 || x->questions[0].addr != y->questions[0].addr);
	exercise_free(x);
	exercise_free(y);
	assert_null(exercise_new(a, 1, 0, WALK_CPU_DEFAULT, &d));
	assert_non_null(strstr(d.msg, "the count must be 1 to 64"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_profiles),
		cmocka_unit_test(test_seeds_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
