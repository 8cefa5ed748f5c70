/* SPDX-License-Identifier: GPL-2.0-only */
/* test_exercise.c - exercise_new (paper exercises) and the asciicast writer.
 *
 * For every arch and a range of seeds: the same seed builds the same model,
 * every question's stored walk equals a fresh walk_run_cpu over the model's
 * memory, every dumped entry is what the memory holds, the questions cover
 * a mapped page, a large page, a 1 GiB page (x86-64), a not-present, a
 * protection and a reserved-bit fault and (x86-64) a non-canonical
 * address; the CPU settings change exactly the kernel accesses they
 * govern; a bad count is refused. The asciicast lines escape what JSON
 * needs.
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
		unsigned seen_ok = 0, seen_large = 0, seen_np = 0, seen_prot = 0, seen_1g = 0;
		unsigned seen_rsvd = 0, seen_bad = 0, default_rsvd = 0;
		for (uint64_t seed = 0; seed < 40; seed++) {
			struct diag d;
			struct exercise *x = exercise_new(a, seed, 12, WALK_CPU_DEFAULT, &d);
			struct exercise *y = exercise_new(a, seed, 12, WALK_CPU_DEFAULT, &d);
			struct exercise *z = exercise_new(a, seed, EXERCISE_COUNT_DEFAULT,
							  WALK_CPU_DEFAULT, &d);
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
				walk_run_cpu(a, x->mem, x->cr3, q->addr, q->access, x->cpu, &w);
				assert_int_equal(w.status, q->walk.status);
				assert_int_equal(w.error_code, q->walk.error_code);
				assert_int_equal(w.phys, q->walk.phys);
				assert_int_equal(w.nsteps, q->walk.nsteps);
				seen_ok += w.status == WALK_OK && w.page_size == 4096;
				seen_large += w.status == WALK_OK && w.page_size > 4096 &&
					      w.page_size < (1ULL << 30);
				seen_1g += w.status == WALK_OK && w.page_size == 1ULL << 30;
				seen_np += w.status == WALK_NOT_PRESENT;
				seen_prot += w.status == WALK_PROTECTION;
				seen_rsvd += w.status == WALK_RESERVED && (w.error_code & PF_RSVD);
				seen_bad += w.status == WALK_BAD_ADDRESS;
			}
			/* a default sheet (eight) has every kind: a reserved-bit fault too */
			for (size_t i = 0; i < z->nquestions; i++)
				default_rsvd += z->questions[i].walk.status == WALK_RESERVED;
			exercise_free(x);
			exercise_free(y);
			exercise_free(z);
		}
		assert_true(seen_ok && seen_large && seen_np && seen_prot && seen_rsvd);
		assert_int_equal(default_rsvd, 40);
		assert_true(a->word_bits == 64 ? seen_1g && seen_bad : !seen_1g && !seen_bad);
	}
}

static void test_exercise_seeds_differ(void **state)
{
	struct diag d;
	struct exercise *x = exercise_new(arch_get(ARCH_X86_64), 1, 6, WALK_CPU_DEFAULT, &d);
	struct exercise *y = exercise_new(arch_get(ARCH_X86_64), 2, 6, WALK_CPU_DEFAULT, &d);

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
	assert_null(exercise_new(arch_get(ARCH_X86_32), 1, 0, WALK_CPU_DEFAULT, &d));
	assert_string_equal(d.msg, "exercise: the count must be 1 to 64, not 0");
	assert_null(exercise_new(arch_get(ARCH_X86_32), 1, EXERCISE_COUNT_MAX + 1, WALK_CPU_DEFAULT, &d));
	struct exercise *x = exercise_new(arch_get(ARCH_X86_32), 1, EXERCISE_COUNT_MAX, WALK_CPU_DEFAULT, &d);
	assert_non_null(x);
	assert_int_equal(x->nquestions, EXERCISE_COUNT_MAX);
	exercise_free(x);
}

/* Whether the page q reaches (with the default settings) is a user page:
 * US at every real level. */
static bool user_page(const struct arch *a, const struct walk *w)
{
	for (int i = 0; i < w->nsteps; i++)
		if (!w->step[i].folded && !(a->id == ARCH_X86_32_PAE && w->step[i].level == LEVEL_PGD) &&
		    !(w->step[i].entry & PTE_US))
			return false;
	return true;
}

/* Issue 25 item 9: the same sheet under other CPU settings differs in
 * exactly the answers those settings govern, and in each x86 arch some do
 * (they are x86 settings: cmd_exercise refuses them for arm64). */
static void test_exercise_cpu_settings(void **state)
{
	(void)state;
	for (int id = 0; id < ARCH_ARM64_FIRST; id++) {
		const struct arch *a = arch_get((enum arch_id)id);
		unsigned wp = 0, smep = 0, smap = 0;
		for (uint64_t seed = 0; seed < 60; seed++) {
			struct diag d;
			struct walk_cpu c0 = WALK_CPU_DEFAULT, c1 = { .wp = false, .smep = true,
								      .smap = true };
			struct exercise *x = exercise_new(a, seed, 16, c0, &d);
			struct exercise *y = exercise_new(a, seed, 16, c1, &d);
			for (size_t i = 0; i < x->nquestions; i++) {
				const struct walk *w0 = &x->questions[i].walk, *w1 = &y->questions[i].walk;
				struct access acc = x->questions[i].access;
				bool reached = w0->status == WALK_OK ||
					       (w0->status == WALK_PROTECTION && !acc.user);
				bool up = reached && user_page(a, w0);
				bool want_diff =
					(!acc.user && acc.kind == ACCESS_WRITE && w0->status ==
					 WALK_PROTECTION && strstr(w0->reason, "CR0.WP=1")) ||
					(w0->status == WALK_OK && !acc.user && up) ||
					/* a fetch fault reports I with SMEP on even without NX */
					(acc.kind == ACCESS_EXEC && a->entry_size == 4 &&
					 w0->status != WALK_OK && w0->status != WALK_BAD_ADDRESS);
				assert_int_equal(x->questions[i].addr, y->questions[i].addr);
				if (want_diff != (w0->status != w1->status || w0->error_code !=
						  w1->error_code || strcmp(w0->reason, w1->reason) != 0))
					fail_msg("%s seed %llu question %zu: %s / %s", a->name,
						 (unsigned long long)seed, i + 1, w0->reason, w1->reason);
				wp += strstr(w0->reason, "CR0.WP=1") != NULL && w1->status == WALK_OK;
				smep += strstr(w1->reason, "SMEP") != NULL;
				smap += strstr(w1->reason, "SMAP") != NULL;
				if (strstr(w1->reason, "SMEP"))
					assert_int_equal(w1->error_code, PF_PROT | PF_INSTR);
			}
			exercise_free(x);
			exercise_free(y);
		}
		if (!wp || !smep || !smap)
			fail_msg("%s: wp %u smep %u smap %u", a->name, wp, smep, smap);
	}
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
		cmocka_unit_test(test_exercise_cpu_settings),
		cmocka_unit_test(test_exercise_count),
		cmocka_unit_test(test_asciicast_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
