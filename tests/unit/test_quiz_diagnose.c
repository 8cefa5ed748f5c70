/* SPDX-License-Identifier: GPL-2.0-only */
/* test_quiz_diagnose.c - a wrong answer made by a known mistake is named
 * as that mistake, before any generic message.
 *
 * One row per diagnosis: a quiz (fixed address, so the numbers are
 * written out here), the number a learner gets by making exactly that
 * mistake, and words the feedback must hold in English and in Japanese.
 * The mistakes: entries of the wrong size (4 bytes where they are 8), the
 * entry's byte offset typed as the address or as the index, the index
 * added without the entry size, the wrong base (cr3, the table's own base,
 * the entry value with its flag bits), another level's index, the wrong
 * shift, the mask forgotten, a folded level taken as a table of its own,
 * a number in the other base; and the reasons a split answer's wrong
 * field is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lesson/lesson.h"
#include "lesson/quiz.h"

/* PAE: PDPT at 0x100000, pmd page 0x101000, pte page 0x102000.
 * 0x0804a123: pgd 0, pmd 64, pte 74 (0x4a), offset 0x123. */
static const char LESSON[] =
	"title: diagnoses\n"
	"arch: x86-32-pae\n"
	"steps:\n"
	"  - kind: quiz\n"                                   /* 0: PAE pte entry */
	"    ask: entry\n"
	"    level: pte\n"
	"    question: \"{addr}: the pte table is at {table}. Where is the entry?\"\n"
	"    tables_at: 0x100000\n"
	"    mappings: [{va: 0x0804a000, pa: 0x00300000}]\n"
	"    addr: 0x0804a123\n"
	"  - kind: quiz\n"                                   /* 1: x86-32 pte index */
	"    ask: index\n"
	"    arch: x86-32\n"
	"    level: pte\n"
	"    question: \"The {level} index of {addr} on {arch}?\"\n"
	"    addr: 0xc0101234\n"
	"  - kind: quiz\n"                                   /* 2: x86-32 folded pmd entry */
	"    ask: entry\n"
	"    arch: x86-32\n"
	"    levels: [pmd, pgd]\n"
	"    question: \"cr3 = {cr3}; {addr}: the pmd entry?\"\n"
	"    tables_at: 0x100000\n"
	"    mappings: [{va: 0xc0101000, pa: 0x00101000}]\n"
	"    addr: 0xc0101234\n"
	"  - kind: quiz\n"                                   /* 3: PAE split */
	"    ask: split\n"
	"    question: \"Split {addr} on {arch}.\"\n"
	"    addr: 0xec35eb6f\n"
	"  - kind: quiz\n"                                   /* 4: PAE pmd index */
	"    ask: index\n"
	"    level: pmd\n"
	"    question: \"The {level} index of {addr} on {arch}?\"\n"
	"    addr: 0x0804a123\n";

static struct lesson *L;

static int setup(void **state)
{
	struct diag d = { 0 };

	(void)state;
	L = lesson_load_buffer("diagnoses.yaml", LESSON, sizeof LESSON - 1, &d);
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

struct row {
	size_t step;
	const char *typed;
	enum grade_result result;
	const char *en, *ja;         /* words the feedback must hold */
};

static void run(const struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		struct quiz_instance qi;
		struct diag d = { 0 };
		struct grade g;

		/* quiz 2 asks the pmd or the pgd: the first seed that asks the pmd */
		for (uint64_t seed = 1;; seed++) {
			assert_int_equal(quiz_instance(&L->steps[r->step], seed, &qi, &d), 0);
			if (r->step != 2 || qi.level == LEVEL_PMD)
				break;
			quiz_instance_clear(&qi);
			assert_true(seed < 100);
		}
		quiz_grade(&qi, r->typed, &g);
		if (g.result != r->result || !strstr(g.feedback[LANG_EN], r->en) ||
		    !strstr(g.feedback[LANG_JA], r->ja))
			fail_msg("quiz %zu (answer %s), typed %s: result %d (want %d)\n  en: %s\n"
				 "  want: %s\n  ja: %s\n  want: %s", r->step, qi.answer_text, r->typed,
				 (int)g.result, (int)r->result, g.feedback[LANG_EN], r->en,
				 g.feedback[LANG_JA], r->ja);
		quiz_instance_clear(&qi);
	}
}

static void test_entry_mistakes(void **state)
{
	static const struct row rows[] = {
		{ 0, "0x102250", GRADE_RIGHT, "Right: 0x102250", "正解" },
		/* 4-byte entries where they are 8 (lesson 05's 0x1003f8) */
		{ 0, "0x102128", GRADE_WRONG, "You used 4-byte entries; on x86-32-pae entries are 8 bytes",
		  "4 バイトのエントリで計算しています" },
		/* the byte offset typed as the address */
		{ 0, "0x250", GRADE_WRONG, "0x250 is the entry's byte offset in the table (index 74 * 8)",
		  "バイトオフセット" },
		/* the byte offset with 4-byte entries */
		{ 0, "0x128", GRADE_WRONG, "entries are not that size here", "その大きさではありません" },
		/* the index added without the entry size */
		{ 0, "0x10204a", GRADE_WRONG, "You added the index itself", "インデックスをそのまま足して" },
		/* the wrong base: cr3's table */
		{ 0, "0x100250", GRADE_WRONG, "Right index, wrong table: 0x100000 is the pgd table",
		  "テーブルが違います" },
		/* the wrong base: the table's base alone */
		{ 0, "0x102000", GRADE_WRONG, "0x102000 is the pte table's base", "テーブルの先頭 (エントリ 0)" },
		/* the wrong base: the pmd entry's value, flags and all (0x102007) */
		{ 0, "0x102257", GRADE_WRONG, "You took the pmd entry's value 0x102007 as the base",
		  "フラグのビットごと" },
		/* another level's index */
		{ 0, "0x102200", GRADE_WRONG, "you used the pmd index (64)", "pmd のインデックス (64)" },
		/* the wrong shift: (addr >> 11) & 511 = 148 */
		{ 0, "0x1024a0", GRADE_WRONG, "(addr >> 11) & 511: the wrong shift. PAGE_SHIFT is 12",
		  "シフトが違います" },
		/* a folded level taken as a table of its own: pgd table + 0 */
		{ 2, "0x100c00", GRADE_RIGHT, "Right", "正解" },
		{ 2, "0x100000", GRADE_WRONG, "the pmd is folded: pmd_offset() returns the pointer",
		  "折りたたまれています" },
		{ 2, "0x100c04", GRADE_WRONG, "On x86-32 the pmd is folded: its entry is the pgd entry",
		  "pgd のエントリ" },
	};
	(void)state;
	run(rows, sizeof rows / sizeof rows[0]);
}

static void test_index_mistakes(void **state)
{
	static const struct row rows[] = {
		{ 1, "257", GRADE_RIGHT, "Right: 257", "正解" },
		/* the entry's byte offset (257 * 4) typed for the index */
		{ 1, "1028", GRADE_WRONG, "0x404 is the entry's byte offset in the table (index * 4)",
		  "インデックスではありません" },
		/* the mask forgotten: addr >> 12 */
		{ 1, "0xc0101", GRADE_WRONG, "That is addr >> 12 with the bits above the pte field",
		  "ビットが残っています" },
		/* the wrong shift */
		{ 1, "128", GRADE_WRONG, "That is (addr >> 13) & 1023: the wrong shift", "シフトが違います" },
		/* another level's index */
		{ 1, "768", GRADE_WRONG, "That is the pgd index", "pgd のインデックス" },
		/* PAE pmd: PGDIR_SHIFT used for the pmd, one too many bits (>> 22) */
		{ 4, "32", GRADE_WRONG, "(addr >> 22) & 511: the wrong shift. PMD_SHIFT is 21",
		  "PMD_SHIFT" },
	};
	(void)state;
	run(rows, sizeof rows / sizeof rows[0]);
}

static void test_base_mistakes(void **state)
{
	static const struct row rows[] = {
		/* the decimal index written with 0x: not a try */
		{ 1, "0x257", GRADE_OTHER_BASE, "0x257 is hex, 599; the decimal number 257 is right",
		  "回数には数えません" },
		/* hex digits typed bare: read as decimal first, hex is right */
		{ 1, "101", GRADE_OTHER_BASE, "read as hex, 0x101 = 257 is right", "回数には数えません" },
		/* hex letters typed bare: right, and said so */
		{ 0, "102250", GRADE_OTHER_BASE, "read as hex", "16 進" },
		{ 0, "10225a", GRADE_WRONG, "", "" },
	};
	(void)state;
	run(rows, sizeof rows / sizeof rows[0]);
}

static void test_split_reasons(void **state)
{
	/* 0xec35eb6f on PAE: 3 353 350 0xb6f */
	static const struct row rows[] = {
		{ 3, "3 353 350 0xb6f", GRADE_RIGHT, "Right", "正解" },
		{ 3, "3 353 350 b6f", GRADE_RIGHT, "Right", "正解" },
		{ 3, "3 350 350 0xb6f", GRADE_WRONG, "Wrong field: pmd (pmd: 350 is the pte index)",
		  "350 は pte のインデックス" },
		{ 3, "3 353 350 0xb6e", GRADE_WRONG, "offset is bits 11..0", "offset はビット 11..0" },
		{ 3, "3 352 350 0xb6f", GRADE_WRONG, "pmd is bits 29..21", "pmd はビット 29..21" },
		{ 3, "3 3z3 350 0xb6f", GRADE_UNPARSED, "\"3z3\" is not a number. Type 4 numbers: "
		  "pgd pmd pte offset", "「3z3」は数ではありません" },
		{ 3, "3 353", GRADE_UNPARSED, "That is 2 numbers; type 4", "2 個の数が入力されました" },
	};
	(void)state;
	run(rows, sizeof rows / sizeof rows[0]);
}

/* The worked solution shown after three wrong tries is in the learner's
 * language: lesson 07's quizzes (error code, route) in Japanese hold none
 * of the English words (the walk's reason, the error-code bits' words, the
 * route's sentence), and the route says why (the half, the vma). */
static void test_solutions_ja(void **state)
{
	static const char *const english[] = { "not present", "protection", "write", "read",
					       "user mode", "kernel mode", "so do_page_fault", "the ",
					       "has US clear", "needs", NULL };
	struct diag d = { 0 };
	struct lesson *l = lesson_load("lessons/07-page-fault.yaml", &d);
	size_t n = 0, routes = 0;

	(void)state;
	assert_non_null(l);
	for (size_t s = 0; s < l->nsteps; s++) {
		if (l->steps[s].kind != STEP_QUIZ)
			continue;
		for (uint64_t seed = 1; seed <= 20; seed++) {
			struct quiz_instance qi;
			char sol[1600], en[1600];
			assert_int_equal(quiz_instance(&l->steps[s], seed, &qi, &d), 0);
			quiz_solution(&qi, LANG_JA, sol, sizeof sol);
			quiz_solution(&qi, LANG_EN, en, sizeof en);
			for (int i = 0; english[i]; i++)
				if (strstr(sol, english[i]))
					fail_msg("step %zu seed %llu: \"%s\" in the Japanese solution:\n%s", s + 1,
						 (unsigned long long)seed, english[i], sol);
			if (qi.kind == QUIZ_FAULT_PATH) {
				assert_true(strstr(sol, "カーネル側") || strstr(sol, "ユーザー側"));
				assert_true(strstr(en, "the kernel half") || strstr(en, "the user half"));
				routes++;
			}
			n++;
			quiz_instance_clear(&qi);
		}
	}
	lesson_free(l);
	assert_true(n > 60);
	assert_true(routes > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_mistakes),
		cmocka_unit_test(test_index_mistakes),
		cmocka_unit_test(test_base_mistakes),
		cmocka_unit_test(test_split_reasons),
		cmocka_unit_test(test_solutions_ja),
	};
	const char *root = getenv("PAGEWALK_ROOT");

	if (root && chdir(root) != 0)
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
