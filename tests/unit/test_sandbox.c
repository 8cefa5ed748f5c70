/* SPDX-License-Identifier: GPL-2.0-only */
/* test_sandbox.c - the learner's own walk (sandbox.h): tables built for any
 * address on every arch, or a memory image's; the fill-in table's rows
 * (real levels only) and each field checked on its own, with the known
 * mistakes named. The numbers here are worked out by hand from the layout
 * sandbox.h states (tables 4 KiB apart from 0x100000, the page at 0x345000;
 * on arm64 a granule apart, from the TTBR bit 55 picks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lesson/sandbox.h"

static struct sandbox *open_sb(const char *arch, uint64_t addr, bool write)
{
	struct diag d = { 0 };
	struct access acc = { write ? ACCESS_WRITE : ACCESS_READ, true };
	struct sandbox *sb = sandbox_new(arch_by_name(arch), addr, acc, NULL, &d);

	if (!sb)
		fail_msg("%s 0x%llx: %s", arch, (unsigned long long)addr, d.msg);
	return sb;
}

static void want(const struct sandbox *sb, int row, enum walk_field f, const char *typed,
		 enum grade_result result, const char *en)
{
	struct grade g;

	sandbox_check(sb, row, f, typed, &g);
	if (g.result != result || !strstr(g.feedback[LANG_EN], en) || !g.feedback[LANG_JA][0])
		fail_msg("row %d field %d, typed %s: result %d (want %d): %s (want %s)", row, (int)f,
			 typed, (int)g.result, (int)result, g.feedback[LANG_EN], en);
}

/* x86-32, 0xc0101234: pgd 768 at 0x100c00 -> pte table 0x101000, pte 257 at
 * 0x101404 = 0x345027 -> 0x345234. Two rows: the folded levels have none. */
static void test_built_x86_32(void **state)
{
	struct sandbox *sb = open_sb("x86-32", 0xc0101234, false);
	struct grade g;

	(void)state;
	assert_int_equal(sb->walk.status, WALK_OK);
	assert_int_equal(sb->nrows, 2);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_INDEX), 768);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_ENTRY), 0x100c00);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_VALUE), 0x101007);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_ENTRY), 0x101404);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_VALUE), 0x345027);
	want(sb, 0, WALK_FIELD_INDEX, "768", GRADE_RIGHT, "Right");
	want(sb, 0, WALK_FIELD_INDEX, "0x300", GRADE_RIGHT, "Right");
	want(sb, 1, WALK_FIELD_INDEX, "768", GRADE_WRONG, "That is the pgd index");
	want(sb, 0, WALK_FIELD_ENTRY, "0x100c00", GRADE_RIGHT, "Right");
	want(sb, 0, WALK_FIELD_ENTRY, "0xc00", GRADE_WRONG, "byte offset");
	want(sb, 1, WALK_FIELD_ENTRY, "0x101808", GRADE_WRONG, "You used 8-byte entries");
	want(sb, 1, WALK_FIELD_VALUE, "0x345027", GRADE_RIGHT, "Right");
	want(sb, 1, WALK_FIELD_VALUE, "0x345000", GRADE_WRONG, "Read the pte entry at its address, 0x101404");
	want(sb, 2, WALK_FIELD_INDEX, "0", GRADE_UNPARSED, "does not read that level");
	sandbox_check_phys(sb, "0x345234", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	sandbox_check_phys(sb, "0xc0101234", &g);
	assert_int_equal(g.result, GRADE_WRONG);
	assert_non_null(strstr(g.feedback[LANG_EN], "linear address itself"));
	sandbox_free(sb);
}

/* PAE, 0x0804a123: PDPT 0x100000 [0] = 0x101001, pmd 0x101000 [64] at
 * 0x101200 = 0x102007, pte 0x102000 [74] at 0x102250 = 0x345027. */
static void test_built_pae(void **state)
{
	struct sandbox *sb = open_sb("x86-32-pae", 0x0804a123, true);

	(void)state;
	assert_int_equal(sb->walk.status, WALK_OK);
	assert_int_equal(sb->nrows, 3);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_VALUE), 0x101001);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_ENTRY), 0x101200);
	assert_int_equal(sandbox_want(sb, 2, WALK_FIELD_ENTRY), 0x102250);
	want(sb, 2, WALK_FIELD_ENTRY, "0x102128", GRADE_WRONG,
	     "You used 4-byte entries; on x86-32-pae entries are 8 bytes");
	want(sb, 1, WALK_FIELD_INDEX, "32", GRADE_WRONG, "the wrong shift. PMD_SHIFT is 21");
	want(sb, 2, WALK_FIELD_VALUE, "102007", GRADE_WRONG, "Read the pte entry");
	sandbox_free(sb);
}

/* Every arch: the walk reaches the frame, one row per real level. */
static void test_every_arch(void **state)
{
	static const struct { const char *arch; uint64_t addr; int rows; } c[] = {
		{ "x86-32", 0x08048123, 2 }, { "x86-32-pae", 0xc0201234, 3 },
		{ "x86-64", 0x00007f5a12345678ULL, 4 }, { "x86-64-la57", 0x00ff7f5a12345678ULL, 5 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		struct sandbox *sb = open_sb(c[i].arch, c[i].addr, false);
		assert_int_equal(sb->nrows, c[i].rows);
		assert_int_equal(sb->walk.phys, SANDBOX_FRAME + (c[i].addr & 0xfff));
		for (int r = 0; r < sb->nrows; r++) {
			char t[40];
			snprintf(t, sizeof t, "0x%llx", (unsigned long long)sandbox_want(sb, r, WALK_FIELD_ENTRY));
			want(sb, r, WALK_FIELD_ENTRY, t, GRADE_RIGHT, "Right");
		}
		sandbox_free(sb);
	}
}

/* A memory image: its arch and cr3; a walk that faults stops the rows. */
static void test_image(void **state)
{
	char path[] = "/tmp/pw-sandbox-XXXXXX";
	int fd = mkstemp(path);
	struct diag d = { 0 };
	struct memimage *img;
	struct sandbox *sb;
	struct grade g;
	static const char body[] =
		"arch: x86-32\n"
		"cr3: 0x00163000\n"
		"entries:\n"
		"  0x00163c00: 0x00171023\n"      /* pgd 768 -> 0x171000 */
		"  0x00171404: 0x00200063\n";     /* pte 257 -> 0x200000 */

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, body, sizeof body - 1), (ssize_t)(sizeof body - 1));
	close(fd);
	img = memimage_load(path, &d);
	assert_non_null(img);
	sb = sandbox_new(NULL, 0xc0101234, (struct access){ ACCESS_READ, false }, img, &d);
	assert_non_null(sb);
	assert_true(sb->from_image);
	assert_int_equal(sb->walk.phys, 0x200234);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_VALUE), 0x00200063);
	sandbox_free(sb);
	/* not mapped: the walk stops at the pgd, one row, no phys */
	sb = sandbox_new(NULL, 0x08048000, (struct access){ ACCESS_READ, true }, img, &d);
	assert_non_null(sb);
	assert_int_equal(sb->walk.status, WALK_NOT_PRESENT);
	assert_int_equal(sb->nrows, 1);
	sandbox_check_phys(sb, "0x0", &g);
	assert_int_equal(g.result, GRADE_UNPARSED);
	assert_non_null(strstr(g.feedback[LANG_EN], "faults (error code 0x4)"));
	sandbox_free(sb);
	/* an arch that is not the image's is refused */
	assert_null(sandbox_new(arch_by_name("x86-64"), 0, (struct access){ 0 }, img, &d));
	assert_non_null(strstr(d.msg, "the memory image is for x86-32, not x86-64"));
	/* an address the arch cannot hold */
	assert_null(sandbox_new(arch_by_name("x86-32"), 0x100000000ULL, (struct access){ 0 },
				NULL, &d));
	memimage_free(img);
	unlink(path);
}

/* arm64-4k-39, user 0x7f12345678 (bit 55 clear: TTBR0_EL1 = 0x100000):
 * pgd 508 at 0x100fe0 = 0x101003 (a table), pmd 145 at 0x101488 =
 * 0x102003, pte 325 at 0x102a28 = 0x345f43 (page, AF, SH inner, AP[1],
 * nG) -> 0x345678. Three rows: the pud is folded into the pgd. */
static void test_built_arm64_user(void **state)
{
	struct sandbox *sb = open_sb("arm64-4k-39", 0x0000007f12345678ULL, true);
	struct grade g;

	(void)state;
	assert_int_equal(sb->walk.status, WALK_OK);
	assert_int_equal(sb->cr3, 0x100000);
	assert_int_equal(sb->ttbr1, 0);
	assert_int_equal(sb->walk.ttbr, 0);
	assert_int_equal(sb->nrows, 3);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_INDEX), 508);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_ENTRY), 0x100fe0);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_VALUE), 0x101003);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_INDEX), 145);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_ENTRY), 0x101488);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_VALUE), 0x102003);
	assert_int_equal(sandbox_want(sb, 2, WALK_FIELD_INDEX), 325);
	assert_int_equal(sandbox_want(sb, 2, WALK_FIELD_ENTRY), 0x102a28);
	assert_int_equal(sandbox_want(sb, 2, WALK_FIELD_VALUE), 0x345f43);
	want(sb, 0, WALK_FIELD_INDEX, "508", GRADE_RIGHT, "Right");
	want(sb, 0, WALK_FIELD_INDEX, "0x1fc", GRADE_RIGHT, "Right");
	want(sb, 1, WALK_FIELD_INDEX, "508", GRADE_WRONG, "That is the pgd index");
	want(sb, 2, WALK_FIELD_ENTRY, "0x102a28", GRADE_RIGHT, "Right");
	want(sb, 2, WALK_FIELD_ENTRY, "0x102514", GRADE_WRONG, "You used 4-byte entries");
	want(sb, 2, WALK_FIELD_ENTRY, "0xa28", GRADE_WRONG, "byte offset");
	want(sb, 2, WALK_FIELD_VALUE, "0x345f43", GRADE_RIGHT, "Right");
	want(sb, 2, WALK_FIELD_VALUE, "0x345000", GRADE_WRONG, "Read the pte");
	sandbox_check_phys(sb, "0x345678", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	sandbox_free(sb);
}

/* arm64-64k-42, kernel 0xfffffdff12345678 (bit 55 set: TTBR1_EL1 =
 * 0x100000, TTBR0_EL1 0): two levels of 13 index bits over a 16-bit
 * offset; pgd 4088 at 0x107fc0 = 0x110003, pte 4660 at 0x1191a0 =
 * 0x340703 (kernel-only: no AP[1], no nG; the frame 0x345000 rounded
 * down to 64 KiB) -> 0x345678. */
static void test_built_arm64_kernel(void **state)
{
	struct diag d = { 0 };
	struct sandbox *sb = sandbox_new(arch_by_name("arm64-64k-42"), 0xfffffdff12345678ULL,
					 (struct access){ ACCESS_READ, false }, NULL, &d);
	struct grade g;

	(void)state;
	assert_non_null(sb);
	assert_int_equal(sb->walk.status, WALK_OK);
	assert_int_equal(sb->cr3, 0);
	assert_int_equal(sb->ttbr1, 0x100000);
	assert_int_equal(sb->walk.ttbr, 1);
	assert_int_equal(sb->nrows, 2);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_INDEX), 4088);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_ENTRY), 0x107fc0);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_VALUE), 0x110003);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_INDEX), 4660);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_ENTRY), 0x1191a0);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_VALUE), 0x340703);
	want(sb, 1, WALK_FIELD_INDEX, "0x1234", GRADE_RIGHT, "Right");
	want(sb, 1, WALK_FIELD_ENTRY, "0x1191a0", GRADE_RIGHT, "Right");
	sandbox_check_phys(sb, "0x345678", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	sandbox_free(sb);
	/* the same page read from EL0: kernel-only, a level 3 permission
	 * fault (the rows stay; no physical address) */
	sb = sandbox_new(arch_by_name("arm64-64k-42"), 0xfffffdff12345678ULL,
			 (struct access){ ACCESS_READ, true }, NULL, &d);
	assert_non_null(sb);
	assert_int_equal(sb->walk.status, WALK_PROTECTION);
	assert_int_equal(sb->walk.esr, 0x9200000fu);   /* DABT from EL0, IL, DFSC 0x0f */
	assert_int_equal(sb->walk.far, 0xfffffdff12345678ULL);
	assert_int_equal(sb->nrows, 2);
	sandbox_check_phys(sb, "0x345678", &g);
	assert_int_equal(g.result, GRADE_UNPARSED);
	sandbox_free(sb);
	/* an address in neither range (bit 55 set, bits 63..42 not all 1) */
	assert_null(sandbox_new(arch_by_name("arm64-64k-42"), 0x00fffdff12345678ULL,
				(struct access){ 0 }, NULL, &d));
}

/* Every arm64 profile, a user and a kernel address: one row per real level
 * (CONFIG_PGTABLE_LEVELS), each entry address typed right is right, the
 * walk reaches the granule-aligned frame plus the offset. */
static void test_every_arm64_arch(void **state)
{
	static const char *const names[] = { "arm64-4k-39", "arm64-4k-48", "arm64-16k-36",
		"arm64-16k-47", "arm64-16k-48", "arm64-64k-42", "arm64-64k-48", "arm64-64k-52" };
	static const unsigned levels[] = { 3, 4, 2, 3, 4, 2, 3, 3 };
	static const unsigned shift[] = { 12, 12, 14, 14, 14, 16, 16, 16 };

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		for (int kernel = 0; kernel < 2; kernel++) {
			const struct arch *a = arch_by_name(names[i]);
			uint64_t lo, hi, addr;
			struct diag d = { 0 };
			struct sandbox *sb;
			arch_half(a, kernel, &lo, &hi);
			addr = lo + 0x12345678;
			sb = sandbox_new(a, addr, (struct access){ ACCESS_READ, !kernel }, NULL, &d);
			if (!sb)
				fail_msg("%s 0x%llx: %s", names[i], (unsigned long long)addr, d.msg);
			assert_int_equal(sb->walk.status, WALK_OK);
			assert_int_equal(sb->walk.ttbr, kernel);
			assert_int_equal(sb->nrows, levels[i]);
			assert_int_equal(sb->walk.phys, (SANDBOX_FRAME & ~((1ULL << shift[i]) - 1)) +
					 (addr & ((1ULL << shift[i]) - 1)));
			for (int r = 0; r < sb->nrows; r++) {
				char t[40];
				snprintf(t, sizeof t, "0x%llx",
					 (unsigned long long)sandbox_want(sb, r, WALK_FIELD_ENTRY));
				want(sb, r, WALK_FIELD_ENTRY, t, GRADE_RIGHT, "Right");
			}
			sandbox_free(sb);
		}
}

/* An arm64 memory image: its TTBRs; a hole faults where it is. */
static void test_arm64_image(void **state)
{
	char path[] = "/tmp/pw-sandbox-XXXXXX";
	int fd = mkstemp(path);
	struct diag d = { 0 };
	struct memimage *img;
	struct sandbox *sb;
	static const char body[] =
		"arch: arm64-4k-39\n"
		"ttbr0: 0x00200000\n"
		"ttbr1: 0x00300000\n"
		"entries:\n"
		"  0x00200000: 0x00201003\n"      /* pgd 0 -> pmd table 0x201000 */
		"  0x00201010: 0x00202003\n"      /* pmd 2 -> pte table 0x202000 */
		"  0x00202000: 0x00400743\n";     /* pte 0: page 0x400000, AF SH AP[1] */

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, body, sizeof body - 1), (ssize_t)(sizeof body - 1));
	close(fd);
	img = memimage_load(path, &d);
	if (!img)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	sb = sandbox_new(NULL, 0x400123, (struct access){ ACCESS_READ, true }, img, &d);
	assert_non_null(sb);
	assert_int_equal(sb->cr3, 0x200000);
	assert_int_equal(sb->ttbr1, 0x300000);
	assert_int_equal(sb->walk.phys, 0x400123);
	assert_int_equal(sandbox_want(sb, 1, WALK_FIELD_ENTRY), 0x201010);
	sandbox_free(sb);
	/* a kernel address: TTBR1_EL1's table is empty, a level 1
	 * translation fault, one row */
	sb = sandbox_new(NULL, 0xffffffc000400000ULL, (struct access){ ACCESS_READ, false }, img, &d);
	assert_non_null(sb);
	assert_int_equal(sb->walk.status, WALK_NOT_PRESENT);
	assert_int_equal(sb->walk.esr, 0x96000005u);   /* DABT from EL1, IL, level 1 */
	assert_int_equal(sb->nrows, 1);
	assert_int_equal(sandbox_want(sb, 0, WALK_FIELD_ENTRY), 0x300800);   /* pgd 256 */
	sandbox_free(sb);
	memimage_free(img);
	unlink(path);
}

/* Predictions (the predict mode's grading): a folded level's index is 0,
 * as the lessons say; the route by its name or by do_page_fault's branch. */
static void test_predictions(void **state)
{
	struct sandbox *sb = open_sb("x86-32", 0xc0101234, false);
	struct grade g;
	int pmd = -1;

	(void)state;
	for (int i = 0; i < sb->walk.nsteps; i++)
		if (sb->walk.step[i].level == LEVEL_PMD)
			pmd = i;
	assert_true(pmd > 0 && sb->walk.step[pmd].folded);
	quiz_grade_walk(sb->arch, &sb->walk, sb->mem, pmd, WALK_FIELD_INDEX, "0", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	quiz_grade_walk(sb->arch, &sb->walk, sb->mem, pmd, WALK_FIELD_ENTRY, "0x100c00", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	sandbox_free(sb);

	quiz_grade_route(FAULT_PROTECTION, 0x08048100, 0xc0000000, "bad_area", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	quiz_grade_route(FAULT_PROTECTION, 0x08048100, 0xc0000000, "Bad_Area_Access_Error", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	quiz_grade_route(FAULT_COW, 0x08048100, 0xc0000000, "handle_mm_fault", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	quiz_grade_route(FAULT_COW, 0x08048100, 0xc0000000, "do_anonymous_page/new_page", &g);
	assert_int_equal(g.result, GRADE_WRONG);
	assert_non_null(strstr(g.feedback[LANG_EN], "do_wp_page"));
	quiz_grade_route(FAULT_OOPS, 0xd0000000, 0xc0000000, "oops", &g);
	assert_int_equal(g.result, GRADE_RIGHT);
	quiz_grade_route(FAULT_OOPS, 0xd0000000, 0xc0000000, "bad_area", &g);
	assert_int_equal(g.result, GRADE_RIGHT);    /* goto bad_area_nosemaphore first */
	quiz_grade_route(FAULT_VMALLOC_SYNC, 0xd0000000, 0xc0000000, "bad_area", &g);
	assert_int_equal(g.result, GRADE_WRONG);
	quiz_grade_route(FAULT_VMALLOC_SYNC, 0xd0000000, 0xc0000000, "somewhere", &g);
	assert_int_equal(g.result, GRADE_UNPARSED);
	assert_non_null(g.feedback[LANG_JA][0] ? "ja" : NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_built_x86_32),
		cmocka_unit_test(test_built_pae),
		cmocka_unit_test(test_every_arch),
		cmocka_unit_test(test_image),
		cmocka_unit_test(test_built_arm64_user),
		cmocka_unit_test(test_built_arm64_kernel),
		cmocka_unit_test(test_every_arm64_arch),
		cmocka_unit_test(test_arm64_image),
		cmocka_unit_test(test_predictions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
