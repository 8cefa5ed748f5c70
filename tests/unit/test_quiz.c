/* SPDX-License-Identifier: GPL-2.0-only */
/* test_quiz.c - quiz instances (fixed seeds) answered by the engine, and
 * grading: equivalent forms accepted, feedback naming the wrong level. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lesson/lesson.h"
#include "lesson/quiz.h"

static struct lesson *L;

static int setup(void **state)
{
	struct diag d = { 0 };

	(void)state;
	L = lesson_load("tests/lessons/good/all-kinds.yaml", &d);
	if (!L)
		fprintf(stderr, "%s:%d:%d: %s\n", d.path, d.line, d.col, d.msg);
	return L ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	lesson_free(L);
	return 0;
}

static void inst(size_t step, uint64_t seed, struct quiz_instance *qi)
{
	struct diag d = { 0 };

	assert_int_equal(L->steps[step].kind, STEP_QUIZ);
	if (quiz_instance(&L->steps[step], seed, qi, &d) < 0)
		fail_msg("step %zu seed %llu: %s", step, (unsigned long long)seed, d.msg);
}

static void grade(const struct quiz_instance *qi, const char *typed, struct grade *g)
{
	quiz_grade(qi, typed, g);
}

/* Linux's constants, written out here independently of arch.c. */
static uint64_t index_of(const char *arch, enum level lv, uint64_t a)
{
	if (strcmp(arch, "x86-32") == 0)
		return lv == LEVEL_PGD ? a >> 22 : lv == LEVEL_PTE ? (a >> 12) & 1023 : 0;
	if (strcmp(arch, "x86-32-pae") == 0)
		return lv == LEVEL_PGD ? a >> 30 : lv == LEVEL_PMD ? (a >> 21) & 511 :
		       lv == LEVEL_PTE ? (a >> 12) & 511 : 0;
	/* x86-64 4-level */
	return lv == LEVEL_PGD ? (a >> 39) & 511 : lv == LEVEL_PUD ? (a >> 30) & 511 :
	       lv == LEVEL_PMD ? (a >> 21) & 511 : lv == LEVEL_PTE ? (a >> 12) & 511 : 0;
}

static void test_random_index_constraints(void **state)
{
	int archs_seen = 0, levels_seen = 0;
	uint64_t first = 0;
	bool varied = false;

	(void)state;
	for (uint64_t seed = 0; seed < 200; seed++) {
		struct quiz_instance qi, again;
		inst(10, seed, &qi);
		inst(10, seed, &again);
		assert_int_equal(qi.addr, again.addr);           /* same seed, same question */
		assert_ptr_equal(qi.arch, again.arch);
		if (seed == 0)
			first = qi.addr;
		else if (qi.addr != first)
			varied = true;
		/* kernel half, page aligned, odd pte index */
		if (qi.arch->va_bits == 32)
			assert_true(qi.addr >= 0xc0000000ULL && qi.addr <= 0xffffffffULL);
		else
			assert_true(qi.addr >= 0xffff800000000000ULL);
		assert_int_equal(qi.addr & 0xfff, 0);
		assert_int_equal(index_of(qi.arch->name, LEVEL_PTE, qi.addr) & 1, 1);
		assert_int_equal(qi.answer, index_of(qi.arch->name, qi.level, qi.addr));
		archs_seen |= 1 << qi.arch->id;
		levels_seen |= 1 << qi.level;
		/* the question is filled in */
		assert_null(strchr(text_get(&qi.question, LANG_EN), '{'));
		assert_non_null(strstr(text_get(&qi.question, LANG_JA), qi.arch->name));
		assert_int_equal(qi.nhints, 1);
		assert_non_null(strstr(text_get(&qi.hints[0], LANG_EN), level_name(qi.level)));
		quiz_instance_clear(&qi);
		quiz_instance_clear(&again);
	}
	assert_true(varied);
	assert_int_equal(archs_seen, (1 << ARCH_X86_32) | (1 << ARCH_X86_32_PAE) | (1 << ARCH_X86_64));
	assert_int_equal(levels_seen, (1 << LEVEL_PGD) | (1 << LEVEL_PTE));
}

static void test_index_grading(void **state)
{
	struct quiz_instance qi;
	struct grade g;

	(void)state;
	inst(11, 7, &qi);   /* PAE, pmd index of 0xc0201234 = 1 */
	assert_int_equal(qi.answer, 1);
	grade(&qi, "1", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	grade(&qi, " 0x1 ", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	grade(&qi, "0x_01", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	grade(&qi, "3", &g);                      /* the pgd index */
	assert_int_equal(g.result, GRADE_WRONG);
	assert_int_equal(g.wrong_level, LEVEL_PMD);
	assert_non_null(strstr(g.feedback[LANG_EN], "That is the pgd index"));
	assert_non_null(strstr(g.feedback[LANG_JA], "pgd のインデックス"));
	grade(&qi, "600", &g);
	assert_non_null(strstr(g.feedback[LANG_EN], "PTRS_PER_PMD = 512"));
	grade(&qi, "one", &g);
	assert_int_equal(g.result, GRADE_UNPARSED);
	/* the pgd and pte levels use Linux's macro names (no PTRS_PER_PGDIR) */
	qi.level = LEVEL_PGD;
	qi.answer = qi.fields.index[LEVEL_PGD];
	grade(&qi, "9", &g);
	assert_non_null(strstr(g.feedback[LANG_EN], "PTRS_PER_PGD = 4"));
	assert_null(strstr(g.feedback[LANG_EN], "PGDIR"));
	assert_null(strstr(g.feedback[LANG_JA], "PGDIR"));
	qi.level = LEVEL_PTE;
	qi.answer = qi.fields.index[LEVEL_PTE];
	grade(&qi, "600", &g);
	assert_non_null(strstr(g.feedback[LANG_EN], "PTRS_PER_PTE = 512"));
	qi.level = LEVEL_PUD;
	qi.answer = 0;
	grade(&qi, "1", &g);
	assert_non_null(strstr(g.feedback[LANG_EN], "PTRS_PER_PUD is 1"));
	quiz_instance_clear(&qi);
}

/* A bare number that is right only read as hex is not a wrong try: the
 * feedback says which base; a number with hex letters can only be hex. Each
 * number question says which base it wants. */
static void test_bare_hex(void **state)
{
	struct quiz_instance qi;
	struct grade g;
	char typed[64];
	uint64_t seed = 1;

	(void)state;
	/* an offset (answered in hex) whose hex digits are all decimal digits
	 * and read as decimal give another number */
	do {
		inst(12, seed++, &qi);
		snprintf(typed, sizeof typed, "%llx", (unsigned long long)qi.answer);
		if (strspn(typed, "0123456789") == strlen(typed) && qi.answer >= 10)
			break;
		quiz_instance_clear(&qi);
	} while (seed < 200);
	assert_true(seed < 200);
	assert_int_equal(quiz_base(&qi), QUIZ_BASE_HEX);
	assert_non_null(strstr(quiz_base_text(&qi, LANG_EN), "hex, with 0x"));
	assert_non_null(strstr(quiz_base_text(&qi, LANG_JA), "16 進"));
	grade(&qi, typed, &g);
	assert_int_equal(g.result, GRADE_OTHER_BASE);
	assert_non_null(strstr(g.feedback[LANG_EN], "read as decimal"));
	assert_non_null(strstr(g.feedback[LANG_EN], "did not count as a try"));
	assert_non_null(strstr(g.feedback[LANG_JA], "回数には数えません"));
	snprintf(typed, sizeof typed, "0x%llx", (unsigned long long)qi.answer);
	grade(&qi, typed, &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	/* hex letters, no 0x: read as hex, graded as an answer */
	snprintf(typed, sizeof typed, "%llx", (unsigned long long)(qi.answer ^ 0xa00));
	if (strpbrk(typed, "abcdef")) {
		grade(&qi, typed, &g);
		assert_int_equal(g.result, GRADE_WRONG);
	}
	quiz_instance_clear(&qi);

	inst(11, 7, &qi);   /* an index: decimal */
	assert_int_equal(quiz_base(&qi), QUIZ_BASE_DEC);
	assert_non_null(strstr(quiz_base_text(&qi, LANG_EN), "decimal"));
	quiz_instance_clear(&qi);
}

/* After the last try the engine shows its computation; an index typed for
 * an entry's address is called an index; a SHIFT is never explained "from
 * the SHIFT"; another arch's value is named as such. */
static void test_solutions_and_diagnoses(void **state)
{
	struct quiz_instance qi;
	struct grade g;
	char sol[1600], typed[32], want[64];
	bool shift_seen = false;

	(void)state;
	inst(11, 7, &qi);   /* PAE, pmd index of 0xc0201234 */
	quiz_solution(&qi, LANG_EN, sol, sizeof sol);
	assert_non_null(strstr(sol, "pmd: 0xc0201234 >> 21 = 0x601, & 511 (PTRS_PER_PMD - 1) = 1"));
	assert_non_null(strstr(sol, "bits 29..21"));
	quiz_solution(&qi, LANG_JA, sol, sizeof sol);
	assert_non_null(strstr(sol, "ビット 29..21"));
	quiz_instance_clear(&qi);

	inst(14, 1, &qi);   /* x86-32: where is the pte entry */
	snprintf(typed, sizeof typed, "%u", qi.fields.index[LEVEL_PGD]);
	grade(&qi, typed, &g);
	assert_int_equal(g.result, GRADE_WRONG);
	assert_non_null(strstr(g.feedback[LANG_EN], "is the pgd index, not an address"));
	assert_null(strstr(g.feedback[LANG_EN], "table base is wrong"));
	quiz_solution(&qi, LANG_EN, sol, sizeof sol);
	snprintf(want, sizeof want, "= 0x%llx, holds", (unsigned long long)qi.answer);
	assert_non_null(strstr(sol, want));
	assert_non_null(strstr(sol, "cr3 = 0x"));
	quiz_instance_clear(&qi);

	for (uint64_t seed = 0; seed < 40 && !shift_seen; seed++) {
		inst(17, seed, &qi);
		if (strcmp(qi.macro, "PMD_SHIFT") == 0 && qi.arch->word_bits == 32) {
			shift_seen = true;
			grade(&qi, "22", &g);   /* PMD_SHIFT without PAE */
			assert_non_null(strstr(g.feedback[LANG_EN], "That is PMD_SHIFT on x86-32, not on x86-32-pae"));
			grade(&qi, "23", &g);
			assert_null(strstr(g.feedback[LANG_EN], "from the SHIFT"));
			assert_non_null(strstr(g.feedback[LANG_EN], "A SHIFT counts the address bits"));
			quiz_solution(&qi, LANG_EN, sol, sizeof sol);
			assert_non_null(strstr(sol, "PAGE_SHIFT 12 + pte 9 = 21"));
		}
		quiz_instance_clear(&qi);
	}
	assert_true(shift_seen);
}

/* A SIZE and a MASK are worked out from their SHIFT, not just named: the
 * expected lines are computed here from the answer alone. */
static void test_size_mask_solutions(void **state)
{
	const char *y = "title: T\narch: x86-32\nsteps:\n"
			"  - {kind: quiz, ask: macro, question: q, archs: [x86-32, x86-32-pae, x86-64],\n"
			"     macros: [PAGE_SIZE, PAGE_MASK, PMD_SIZE, PMD_MASK, PGDIR_SIZE, PGDIR_MASK]}\n";
	struct diag d = { 0 };
	struct lesson *l = lesson_load_buffer("m.yaml", y, strlen(y), &d);
	struct quiz_instance qi;
	char sol[1600], want[128];
	unsigned seen = 0;

	(void)state;
	assert_non_null(l);
	for (uint64_t seed = 0; seed < 200; seed++) {
		int stem;
		assert_int_equal(quiz_instance(&l->steps[0], seed, &qi, &d), 0);
		stem = (int)(strchr(qi.macro, '_') - qi.macro);
		quiz_solution(&qi, LANG_EN, sol, sizeof sol);
		if (strstr(qi.macro, "_MASK")) {
			uint64_t size = (~qi.answer + 1) & (qi.arch->word_bits == 32 ? 0xffffffffULL
										 : ~0ULL);
			snprintf(want, sizeof want, "%s = ~(%.*s_SIZE - 1) = ~(0x%llx - 1) = 0x%llx",
				 qi.macro, stem, qi.macro, (unsigned long long)size,
				 (unsigned long long)qi.answer);
			seen |= 1;
		} else {
			int n = 0;
			while (n < 63 && (1ULL << n) != qi.answer)
				n++;
			snprintf(want, sizeof want, "%s = 1 << %.*s_SHIFT = 1 << %d = 0x%llx", qi.macro,
				 stem, qi.macro, n, (unsigned long long)qi.answer);
			seen |= 2;
		}
		if (!strstr(sol, want))
			fail_msg("%s on %s: \"%s\" has no \"%s\"", qi.macro, qi.arch->name, sol, want);
		quiz_instance_clear(&qi);
	}
	assert_int_equal(seen, 3);
	lesson_free(l);
}

static void test_offset_and_split(void **state)
{
	struct quiz_instance qi;
	struct grade g;
	char typed[200];

	(void)state;
	inst(12, 3, &qi);
	assert_true(qi.addr >= 0x1000 && qi.addr <= 0x2000);
	assert_int_equal(qi.answer, qi.addr & 0xfff);
	quiz_instance_clear(&qi);

	inst(13, 5, &qi);  /* la57 user half: 5 real levels */
	assert_true(qi.addr < (1ULL << 56));
	assert_int_equal(qi.type, ANSWER_FIELDS);
	snprintf(typed, sizeof typed, "%llu %llu %llu %llu %llu 0x%llx",
		 (unsigned long long)(qi.addr >> 48) & 511, (unsigned long long)(qi.addr >> 39) & 511,
		 (unsigned long long)(qi.addr >> 30) & 511, (unsigned long long)(qi.addr >> 21) & 511,
		 (unsigned long long)(qi.addr >> 12) & 511, (unsigned long long)qi.addr & 0xfff);
	grade(&qi, typed, &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	/* break the pud and the offset fields */
	snprintf(typed, sizeof typed, "%llu, %llu, %llu, %llu, %llu, %llu",
		 (unsigned long long)(qi.addr >> 48) & 511, (unsigned long long)(qi.addr >> 39) & 511,
		 (unsigned long long)((qi.addr >> 30) & 511) ^ 1,
		 (unsigned long long)(qi.addr >> 21) & 511, (unsigned long long)(qi.addr >> 12) & 511,
		 (unsigned long long)(qi.addr & 0xfff) ^ 4);
	grade(&qi, typed, &g);
	assert_int_equal(g.result, GRADE_WRONG);
	assert_int_equal(g.wrong_mask, (1u << LEVEL_PUD) | (1u << LEVEL_COUNT));
	assert_int_equal(g.wrong_level, LEVEL_PUD);
	assert_string_equal(g.feedback[LANG_EN], "Wrong fields: pud, offset (pud is bits 38..30; "
			    "offset is bits 11..0).");
	grade(&qi, "1 2 3", &g);
	assert_int_equal(g.result, GRADE_UNPARSED);
	assert_non_null(strstr(g.feedback[LANG_EN], "pgd p4d pud pmd pte offset"));
	quiz_instance_clear(&qi);
}

static void test_entry_and_phys(void **state)
{
	struct quiz_instance qi;
	struct grade g;
	char typed[64];
	bool saw_4m = false, saw_4k = false;

	(void)state;
	for (uint64_t seed = 0; seed < 40; seed++) {
		inst(14, seed, &qi);   /* x86-32, pte entry of a mapped address */
		assert_true(qi.addr >= 0x08048000 && qi.addr < 0x0804a000);
		/* tables from 0x100000: pgd page, then the page table */
		assert_int_equal(qi.answer, 0x101000 + ((qi.addr >> 12) & 1023) * 4);
		snprintf(typed, sizeof typed, "%llu", (unsigned long long)qi.answer);
		grade(&qi, typed, &g);
		assert_int_equal(g.result, GRADE_RIGHT);
		/* the pgd index used in the right table */
		snprintf(typed, sizeof typed, "0x%llx", 0x101000ULL + (qi.addr >> 22) * 4);
		grade(&qi, typed, &g);
		assert_int_equal(g.result, GRADE_WRONG);
		assert_int_equal(g.wrong_level, LEVEL_PTE);
		assert_non_null(strstr(g.feedback[LANG_EN], "you used the pgd index"));
		/* the pgd table */
		snprintf(typed, sizeof typed, "0x%llx", 0x100000ULL + ((qi.addr >> 12) & 1023) * 4);
		grade(&qi, typed, &g);
		assert_non_null(strstr(g.feedback[LANG_EN], "wrong table: 0x100000 is the pgd table"));
		grade(&qi, "0x101002", &g);
		assert_non_null(strstr(g.feedback[LANG_EN], "Entries are 4 bytes"));
		quiz_instance_clear(&qi);
	}
	for (uint64_t seed = 0; seed < 40; seed++) {
		inst(15, seed, &qi);   /* phys: 4 KiB page at 0x08048000 or the 4 MiB page */
		if (qi.addr >= 0xc0000000) {
			saw_4m = true;
			assert_int_equal(qi.answer, qi.addr - 0xc0000000);
			assert_int_equal(qi.walk.page_size, 4u << 20);
		} else {
			saw_4k = true;
			assert_int_equal(qi.answer, 0x200000 + (qi.addr & 0xfff));
			/* wrong offset: named as the offset */
			snprintf(typed, sizeof typed, "0x%llx", (unsigned long long)qi.answer ^ 0x10);
			grade(&qi, typed, &g);
			assert_int_equal(g.wrong_level, LEVEL_COUNT);
			assert_non_null(strstr(g.feedback[LANG_EN], "offset is wrong"));
			/* stopped at the page table */
			snprintf(typed, sizeof typed, "0x%llx", 0x101000ULL + (qi.addr & 0xfff));
			grade(&qi, typed, &g);
			assert_int_equal(g.wrong_level, LEVEL_PTE);
			assert_non_null(strstr(g.feedback[LANG_EN], "table the pgd entry points to"));
			/* the virtual address */
			snprintf(typed, sizeof typed, "0x%llx", (unsigned long long)qi.addr);
			grade(&qi, typed, &g);
			assert_non_null(strstr(g.feedback[LANG_EN], "linear address itself"));
		}
		quiz_instance_clear(&qi);
	}
	assert_true(saw_4m && saw_4k);
}

static void test_error_code_macro_path_bits(void **state)
{
	struct quiz_instance qi;
	struct grade g;

	(void)state;
	inst(16, 0, &qi);     /* user write to a read-only user page: P W U */
	assert_int_equal(qi.answer, 7);
	grade(&qi, "0x7", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	grade(&qi, "6", &g);
	assert_int_equal(g.result, GRADE_WRONG);
	assert_non_null(strstr(g.feedback[LANG_EN], "Missing: P"));
	quiz_instance_clear(&qi);

	inst(18, 0, &qi);     /* PMD_MASK on PAE (the seed says 0xffe00000) */
	assert_int_equal(qi.answer, 0xffe00000ULL);
	grade(&qi, "4292870144", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	grade(&qi, "0x1fffff", &g);
	assert_non_null(strstr(g.feedback[LANG_EN], "SIZE - 1"));
	grade(&qi, "0x200000", &g);
	assert_non_null(strstr(g.feedback[LANG_EN], "That is PMD_SIZE"));
	quiz_instance_clear(&qi);

	for (uint64_t seed = 0; seed < 30; seed++) {
		uint64_t want;
		inst(17, seed, &qi);
		want = strcmp(qi.macro, "PMD_SHIFT") == 0 ? 21 :
		       strcmp(qi.macro, "PTRS_PER_PTE") == 0 ? 512 :
		       qi.arch->word_bits == 32 ? 0xffe00000ULL : 0xffffffffffe00000ULL;
		assert_int_equal(qi.answer, want);
		assert_non_null(strstr(text_get(&qi.question, LANG_EN), qi.macro));
		quiz_instance_clear(&qi);
	}

	for (uint64_t seed = 0; seed < 30; seed++) {
		inst(19, seed, &qi);  /* kernel address, error code 0 or 2: vmalloc_fault */
		assert_true(qi.addr >= 0xc0000000);
		assert_int_equal(qi.path, FAULT_VMALLOC_SYNC);
		grade(&qi, "vmalloc_fault", &g);
		assert_int_equal(g.result, GRADE_RIGHT);
		grade(&qi, "  VMALLOC_FAULT ", &g);
		assert_int_equal(g.result, GRADE_RIGHT);
		grade(&qi, "handle_mm_fault", &g);
		assert_int_equal(g.result, GRADE_WRONG);
		assert_non_null(strstr(g.feedback[LANG_EN], "TASK_SIZE"));
		grade(&qi, "page_fault", &g);
		assert_int_equal(g.result, GRADE_UNPARSED);
		quiz_instance_clear(&qi);
	}

	inst(20, 0, &qi);     /* bits of 6 */
	assert_string_equal(qi.answer_text, "W U");
	grade(&qi, "u w", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	grade(&qi, "W,U", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	grade(&qi, "0x6", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	grade(&qi, "P W", &g);
	assert_int_equal(g.result, GRADE_WRONG);
	assert_string_equal(g.feedback[LANG_EN], "Missing: U; not set: P");
	grade(&qi, "W X", &g);
	assert_int_equal(g.result, GRADE_UNPARSED);
	quiz_instance_clear(&qi);
}

static void test_unsatisfiable_is_reported(void **state)
{
	const char *y = "title: T\narch: x86-32\nsteps:\n"
			"  - {kind: quiz, ask: phys, question: q, cr3: 0x1000, random: {kernel: true}}\n";
	struct diag d = { 0 };
	struct lesson *l = lesson_load_buffer("m.yaml", y, strlen(y), &d);

	(void)state;
	assert_null(l);
	assert_int_equal(d.line, 4);
	assert_non_null(strstr(d.msg, "no address on x86-32 meets the random: constraints and is mapped"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_index_constraints),
		cmocka_unit_test(test_index_grading),
		cmocka_unit_test(test_offset_and_split),
		cmocka_unit_test(test_size_mask_solutions),
		cmocka_unit_test(test_bare_hex),
		cmocka_unit_test(test_solutions_and_diagnoses),
		cmocka_unit_test(test_entry_and_phys),
		cmocka_unit_test(test_error_code_macro_path_bits),
		cmocka_unit_test(test_unsatisfiable_is_reported),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
