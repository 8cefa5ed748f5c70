/* SPDX-License-Identifier: GPL-2.0-only */
/* test_exercise.c - exercise_new (paper exercises) and the asciicast writer.
 *
 * For every arch and a range of seeds: the same seed builds the same model,
 * every question's stored walk equals a fresh walk_run over the model's
 * memory, every dumped entry is what the memory holds, the questions cover
 * a mapped page, a large page, a not-present and a protection fault; a bad
 * count is refused. The asciicast lines escape what JSON needs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/asciicast.h"
#include "paging/exercise.h"

static void same_model(const struct exercise *x, const struct exercise *y)
{
	assert_int_equal(x->cr3, y->cr3);
	assert_int_equal(x->ntables, y->ntables);
	assert_int_equal(x->nquestions, y->nquestions);
	for (size_t t = 0; t < x->ntables; t++) {
		assert_int_equal(x->tables[t].base, y->tables[t].base);
		assert_int_equal(x->tables[t].nentries, y->tables[t].nentries);
		assert_memory_equal(x->tables[t].entries, y->tables[t].entries,
				    x->tables[t].nentries * sizeof *x->tables[t].entries);
	}
	for (size_t i = 0; i < x->nquestions; i++) {
		assert_int_equal(x->questions[i].addr, y->questions[i].addr);
		assert_int_equal(x->questions[i].walk.error_code, y->questions[i].walk.error_code);
	}
}

static void test_exercise_all_archs(void **state)
{
	(void)state;
	/* x86; the arm64 generator has its own test (test_exercise_arm64.c) */
	for (int id = 0; id < ARCH_ARM64_FIRST; id++) {
		const struct arch *a = arch_get((enum arch_id)id);
		unsigned seen_ok = 0, seen_large = 0, seen_np = 0, seen_prot = 0;
		for (uint64_t seed = 0; seed < 40; seed++) {
			struct diag d;
			struct exercise *x = exercise_new(a, seed, 12, &d);
			struct exercise *y = exercise_new(a, seed, 12, &d);
			assert_non_null(x);
			assert_non_null(y);
			same_model(x, y);
			assert_true(x->ntables >= (size_t)(1 + 2 * (a->real_levels - 1)));
			for (size_t t = 0; t < x->ntables; t++)
				for (size_t e = 0; e < x->tables[t].nentries; e++) {
					const struct exercise_entry *en = &x->tables[t].entries[e];
					assert_int_equal(en->pa, x->tables[t].base +
							 (uint64_t)en->index * a->entry_size);
					assert_int_equal(physmem_read(x->mem, en->pa, a->entry_size),
							 en->value);
					assert_true(en->value != 0);
				}
			for (size_t i = 0; i < x->nquestions; i++) {
				const struct exercise_question *q = &x->questions[i];
				struct walk w;
				walk_run(a, x->mem, x->cr3, q->addr, q->access, &w);
				assert_int_equal(w.status, q->walk.status);
				assert_int_equal(w.error_code, q->walk.error_code);
				assert_int_equal(w.phys, q->walk.phys);
				assert_int_equal(w.nsteps, q->walk.nsteps);
				assert_true(w.status != WALK_BAD_ADDRESS);
				seen_ok += w.status == WALK_OK && w.page_size == 4096;
				seen_large += w.status == WALK_OK && w.page_size > 4096;
				seen_np += w.status == WALK_NOT_PRESENT;
				seen_prot += w.status == WALK_PROTECTION;
			}
			exercise_free(x);
			exercise_free(y);
		}
		assert_true(seen_ok && seen_large && seen_np && seen_prot);
	}
}

static void test_exercise_seeds_differ(void **state)
{
	struct diag d;
	struct exercise *x = exercise_new(arch_get(ARCH_X86_64), 1, 6, &d);
	struct exercise *y = exercise_new(arch_get(ARCH_X86_64), 2, 6, &d);

	(void)state;
	assert_true(x->cr3 != y->cr3 || x->questions[0].addr != y->questions[0].addr);
	exercise_free(x);
	exercise_free(y);
	exercise_free(NULL);
}

static void test_exercise_count(void **state)
{
	struct diag d;

	(void)state;
	assert_null(exercise_new(arch_get(ARCH_X86_32), 1, 0, &d));
	assert_string_equal(d.msg, "exercise: the count must be 1 to 64, not 0");
	assert_null(exercise_new(arch_get(ARCH_X86_32), 1, EXERCISE_COUNT_MAX + 1, &d));
	struct exercise *x = exercise_new(arch_get(ARCH_X86_32), 1, EXERCISE_COUNT_MAX, &d);
	assert_non_null(x);
	assert_int_equal(x->nquestions, EXERCISE_COUNT_MAX);
	exercise_free(x);
}

static void test_asciicast_lines(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct asciicast_header h = { 80, 24, 1700000000, "a \"t\"\\", "xterm-256color" };

	(void)state;
	assert_int_equal(asciicast_header_write(f, &h), 0);
	assert_int_equal(asciicast_output_write(f, 1500, "\x1b[H\r\n\t\x7f\xff\xe3\x81\x82", 11), 0);
	fclose(f);
	assert_string_equal(buf,
		"{\"version\": 2, \"width\": 80, \"height\": 24, \"timestamp\": 1700000000, "
		"\"title\": \"a \\\"t\\\"\\\\\", \"env\": {\"TERM\": \"xterm-256color\", "
		"\"SHELL\": \"/bin/sh\"}}\n"
		"[1.500, \"o\", \"\\u001b[H\\r\\n\\t\\u007f\\ufffd\xe3\x81\x82\"]\n");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exercise_all_archs),
		cmocka_unit_test(test_exercise_seeds_differ),
		cmocka_unit_test(test_exercise_count),
		cmocka_unit_test(test_asciicast_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
