/* SPDX-License-Identifier: GPL-2.0-only */
/* test_arch.c - the profiles' constants equal Linux's; addresses split right.
 *
 * The expected values are typed in from the Linux v6.1 headers, not computed:
 *   arch/x86/include/asm/page_types.h      PAGE_SHIFT 12, PAGE_SIZE, PAGE_MASK
 *   arch/x86/include/asm/pgtable-2level_types.h   PGDIR_SHIFT 22,
 *                                          PTRS_PER_PGD 1024, PTRS_PER_PTE 1024
 *   arch/x86/include/asm/pgtable-3level_types.h   PGDIR_SHIFT 30, PTRS_PER_PGD 4,
 *                                          PMD_SHIFT 21, PTRS_PER_PMD 512, PTRS_PER_PTE 512
 *   arch/x86/include/asm/pgtable_64_types.h       PGDIR_SHIFT 39 (48 with LA57),
 *                                          P4D_SHIFT 39, PUD_SHIFT 30, PMD_SHIFT 21,
 *                                          PTRS_PER_* 512 (PTRS_PER_P4D 1 without LA57)
 *   include/asm-generic/pgtable-nop4d.h    P4D_SHIFT = PGDIR_SHIFT, PTRS_PER_P4D 1
 *   include/asm-generic/pgtable-nopud.h    PUD_SHIFT = P4D_SHIFT, PTRS_PER_PUD 1
 *   include/asm-generic/pgtable-nopmd.h    PMD_SHIFT = PUD_SHIFT, PTRS_PER_PMD 1
 * SIZE is 1UL << SHIFT and MASK is ~(SIZE-1) in unsigned long (32 or 64 bits).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "paging/arch.h"

struct macro_case {
	const char *arch;
	const char *name;
	uint64_t value;
};

static const struct macro_case linux_macros[] = {
	/* x86-32, 2-level: pgtable-2level_types.h + nop4d/nopud/nopmd */
	{ "x86-32", "PAGE_SHIFT", 12 },
	{ "x86-32", "PAGE_SIZE", 0x1000 },
	{ "x86-32", "PAGE_MASK", 0xfffff000 },
	{ "x86-32", "PMD_SHIFT", 22 },
	{ "x86-32", "PMD_SIZE", 0x400000 },
	{ "x86-32", "PMD_MASK", 0xffc00000 },
	{ "x86-32", "PUD_SHIFT", 22 },
	{ "x86-32", "PUD_SIZE", 0x400000 },
	{ "x86-32", "PUD_MASK", 0xffc00000 },
	{ "x86-32", "P4D_SHIFT", 22 },
	{ "x86-32", "P4D_SIZE", 0x400000 },
	{ "x86-32", "P4D_MASK", 0xffc00000 },
	{ "x86-32", "PGDIR_SHIFT", 22 },
	{ "x86-32", "PGDIR_SIZE", 0x400000 },
	{ "x86-32", "PGDIR_MASK", 0xffc00000 },
	{ "x86-32", "PTRS_PER_PGD", 1024 },
	{ "x86-32", "PTRS_PER_P4D", 1 },
	{ "x86-32", "PTRS_PER_PUD", 1 },
	{ "x86-32", "PTRS_PER_PMD", 1 },
	{ "x86-32", "PTRS_PER_PTE", 1024 },
	/* x86-32 PAE: pgtable-3level_types.h + nop4d/nopud */
	{ "x86-32-pae", "PAGE_SHIFT", 12 },
	{ "x86-32-pae", "PAGE_SIZE", 0x1000 },
	{ "x86-32-pae", "PAGE_MASK", 0xfffff000 },
	{ "x86-32-pae", "PMD_SHIFT", 21 },
	{ "x86-32-pae", "PMD_SIZE", 0x200000 },
	{ "x86-32-pae", "PMD_MASK", 0xffe00000 },
	{ "x86-32-pae", "PUD_SHIFT", 30 },
	{ "x86-32-pae", "PUD_SIZE", 0x40000000 },
	{ "x86-32-pae", "PUD_MASK", 0xc0000000 },
	{ "x86-32-pae", "P4D_SHIFT", 30 },
	{ "x86-32-pae", "P4D_SIZE", 0x40000000 },
	{ "x86-32-pae", "P4D_MASK", 0xc0000000 },
	{ "x86-32-pae", "PGDIR_SHIFT", 30 },
	{ "x86-32-pae", "PGDIR_SIZE", 0x40000000 },
	{ "x86-32-pae", "PGDIR_MASK", 0xc0000000 },
	{ "x86-32-pae", "PTRS_PER_PGD", 4 },
	{ "x86-32-pae", "PTRS_PER_P4D", 1 },
	{ "x86-32-pae", "PTRS_PER_PUD", 1 },
	{ "x86-32-pae", "PTRS_PER_PMD", 512 },
	{ "x86-32-pae", "PTRS_PER_PTE", 512 },
	/* x86-64 4-level: pgtable_64_types.h (!pgtable_l5_enabled) + nop4d at runtime */
	{ "x86-64", "PAGE_SHIFT", 12 },
	{ "x86-64", "PAGE_SIZE", 0x1000 },
	{ "x86-64", "PAGE_MASK", 0xfffffffffffff000 },
	{ "x86-64", "PMD_SHIFT", 21 },
	{ "x86-64", "PMD_SIZE", 0x200000 },
	{ "x86-64", "PMD_MASK", 0xffffffffffe00000 },
	{ "x86-64", "PUD_SHIFT", 30 },
	{ "x86-64", "PUD_SIZE", 0x40000000 },
	{ "x86-64", "PUD_MASK", 0xffffffffc0000000 },
	{ "x86-64", "P4D_SHIFT", 39 },
	{ "x86-64", "P4D_SIZE", 0x8000000000 },
	{ "x86-64", "P4D_MASK", 0xffffff8000000000 },
	{ "x86-64", "PGDIR_SHIFT", 39 },
	{ "x86-64", "PGDIR_SIZE", 0x8000000000 },
	{ "x86-64", "PGDIR_MASK", 0xffffff8000000000 },
	{ "x86-64", "PTRS_PER_PGD", 512 },
	{ "x86-64", "PTRS_PER_P4D", 1 },
	{ "x86-64", "PTRS_PER_PUD", 512 },
	{ "x86-64", "PTRS_PER_PMD", 512 },
	{ "x86-64", "PTRS_PER_PTE", 512 },
	/* x86-64 LA57: pgtable_64_types.h with pgtable_l5_enabled() */
	{ "x86-64-la57", "PAGE_SHIFT", 12 },
	{ "x86-64-la57", "PAGE_SIZE", 0x1000 },
	{ "x86-64-la57", "PAGE_MASK", 0xfffffffffffff000 },
	{ "x86-64-la57", "PMD_SHIFT", 21 },
	{ "x86-64-la57", "PMD_SIZE", 0x200000 },
	{ "x86-64-la57", "PMD_MASK", 0xffffffffffe00000 },
	{ "x86-64-la57", "PUD_SHIFT", 30 },
	{ "x86-64-la57", "PUD_SIZE", 0x40000000 },
	{ "x86-64-la57", "PUD_MASK", 0xffffffffc0000000 },
	{ "x86-64-la57", "P4D_SHIFT", 39 },
	{ "x86-64-la57", "P4D_SIZE", 0x8000000000 },
	{ "x86-64-la57", "P4D_MASK", 0xffffff8000000000 },
	{ "x86-64-la57", "PGDIR_SHIFT", 48 },
	{ "x86-64-la57", "PGDIR_SIZE", 0x1000000000000 },
	{ "x86-64-la57", "PGDIR_MASK", 0xffff000000000000 },
	{ "x86-64-la57", "PTRS_PER_PGD", 512 },
	{ "x86-64-la57", "PTRS_PER_P4D", 512 },
	{ "x86-64-la57", "PTRS_PER_PUD", 512 },
	{ "x86-64-la57", "PTRS_PER_PMD", 512 },
	{ "x86-64-la57", "PTRS_PER_PTE", 512 },
};
#define N_LINUX_MACROS (sizeof linux_macros / sizeof linux_macros[0])

static void test_macros_equal_linux(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_LINUX_MACROS; i++) {
		const struct macro_case *c = &linux_macros[i];
		const struct arch *a = arch_by_name(c->arch);
		uint64_t v = 0;

		assert_non_null(a);
		if (arch_macro_value(a, c->name, &v) != 0)
			fail_msg("%s: no macro %s", c->arch, c->name);
		if (v != c->value)
			fail_msg("%s %s = %#llx, Linux has %#llx", c->arch, c->name,
				 (unsigned long long)v, (unsigned long long)c->value);
	}
}

/* arch_macros lists exactly the 20 macros above, in the documented order. */
static void test_macro_list_order(void **state)
{
	static const char *const order[] = {
		"PAGE_SHIFT", "PAGE_SIZE", "PAGE_MASK", "PMD_SHIFT", "PMD_SIZE", "PMD_MASK",
		"PUD_SHIFT", "PUD_SIZE", "PUD_MASK", "P4D_SHIFT", "P4D_SIZE", "P4D_MASK",
		"PGDIR_SHIFT", "PGDIR_SIZE", "PGDIR_MASK", "PTRS_PER_PGD", "PTRS_PER_P4D",
		"PTRS_PER_PUD", "PTRS_PER_PMD", "PTRS_PER_PTE",
	};
	(void)state;
	for (int id = 0; id < ARCH_COUNT; id++) {
		struct macro m[ARCH_MACROS_MAX];
		int n = arch_macros(arch_get((enum arch_id)id), m);

		assert_int_equal(n, 20);
		for (int i = 0; i < n; i++) {
			assert_string_equal(m[i].name, order[i]);
			bool dec = strstr(m[i].name, "SHIFT") || strstr(m[i].name, "PTRS_PER");
			assert_int_equal(m[i].format, dec ? MACRO_DEC : MACRO_HEX);
		}
	}
	uint64_t v;
	assert_int_equal(arch_macro_value(arch_get(ARCH_X86_32), "PTE_SHIFT", &v), -1);
}

struct profile_case {
	const char *name;
	enum arch_id id;
	unsigned va_bits, word_bits, entry_size, real_levels;
	bool folded[LEVEL_COUNT];
	enum level into[LEVEL_COUNT];
};

static const struct profile_case profiles[] = {
	{ "x86-32", ARCH_X86_32, 32, 32, 4, 2,
	  { false, true, true, true, false }, { 0, LEVEL_PGD, LEVEL_PGD, LEVEL_PGD, 0 } },
	{ "x86-32-pae", ARCH_X86_32_PAE, 32, 32, 8, 3,
	  { false, true, true, false, false }, { 0, LEVEL_PGD, LEVEL_PGD, 0, 0 } },
	{ "x86-64", ARCH_X86_64, 48, 64, 8, 4,
	  { false, true, false, false, false }, { 0, LEVEL_PGD, 0, 0, 0 } },
	{ "x86-64-la57", ARCH_X86_64_LA57, 57, 64, 8, 5,
	  { false, false, false, false, false }, { 0 } },
};

static void test_profiles(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		const struct profile_case *c = &profiles[i];
		const struct arch *a = arch_by_name(c->name);
		unsigned real = 0;

		assert_non_null(a);
		assert_ptr_equal(a, arch_get(c->id));
		assert_int_equal(a->id, c->id);
		assert_string_equal(a->name, c->name);
		assert_int_equal(a->va_bits, c->va_bits);
		assert_int_equal(a->word_bits, c->word_bits);
		assert_int_equal(a->entry_size, c->entry_size);
		assert_int_equal(a->page_shift, 12);
		assert_int_equal(a->real_levels, c->real_levels);
		for (int lv = 0; lv < LEVEL_COUNT; lv++) {
			assert_int_equal(a->level[lv].folded, c->folded[lv]);
			if (c->folded[lv]) {
				assert_int_equal(a->level[lv].ptrs, 1);
				assert_int_equal(a->level[lv].into, c->into[lv]);
				/* a folded level has the SHIFT of the level above */
				assert_int_equal(a->level[lv].shift, a->level[lv - 1].shift);
				assert_int_equal(arch_index_bits(a, (enum level)lv), 0);
			} else {
				real++;
			}
		}
		assert_int_equal(real, c->real_levels);
	}
}

static void test_names_and_aliases(void **state)
{
	(void)state;
	assert_ptr_equal(arch_by_name("2level"), arch_get(ARCH_X86_32));
	assert_ptr_equal(arch_by_name("pae"), arch_get(ARCH_X86_32_PAE));
	assert_ptr_equal(arch_by_name("4level"), arch_get(ARCH_X86_64));
	assert_ptr_equal(arch_by_name("5level"), arch_get(ARCH_X86_64_LA57));
	assert_ptr_equal(arch_by_name("la57"), arch_get(ARCH_X86_64_LA57));
	assert_null(arch_by_name("x86"));
	assert_null(arch_by_name(""));
	assert_null(arch_by_name(NULL));
	assert_null(arch_by_name("X86-32"));
	assert_string_equal(level_name(LEVEL_PGD), "pgd");
	assert_string_equal(level_name(LEVEL_P4D), "p4d");
	assert_string_equal(level_name(LEVEL_PUD), "pud");
	assert_string_equal(level_name(LEVEL_PMD), "pmd");
	assert_string_equal(level_name(LEVEL_PTE), "pte");
	assert_string_equal(level_macro(LEVEL_PGD), "PGDIR");
	assert_string_equal(level_macro(LEVEL_PTE), "PAGE");
	assert_true(arch_word_mask(arch_get(ARCH_X86_32_PAE)) == 0xffffffffULL);
	assert_true(arch_word_mask(arch_get(ARCH_X86_64)) == ~0ULL);
}

struct split_case {
	const char *arch;
	uint64_t addr;
	unsigned index[LEVEL_COUNT];   /* pgd p4d pud pmd pte */
	uint64_t offset;
};

static const struct split_case splits[] = {
	{ "x86-32", 0xC0101234, { 768, 0, 0, 0, 257 }, 0x234 },
	{ "x86-32", 0x08048000, { 32, 0, 0, 0, 72 }, 0 },
	{ "x86-32", 0xffffffff, { 1023, 0, 0, 0, 1023 }, 0xfff },
	{ "x86-32", 0, { 0, 0, 0, 0, 0 }, 0 },
	{ "x86-32-pae", 0xC0101234, { 3, 0, 0, 0, 257 }, 0x234 },
	{ "x86-32-pae", 0xBFFFF000, { 2, 0, 0, 511, 511 }, 0 },
	{ "x86-32-pae", 0x08048123, { 0, 0, 0, 64, 72 }, 0x123 },
	{ "x86-64", 0xffff888000001234, { 273, 0, 0, 0, 1 }, 0x234 },
	{ "x86-64", 0xffff888040123456, { 273, 0, 1, 0, 291 }, 0x456 },
	{ "x86-64", 0x00007fffffffe123, { 255, 0, 511, 511, 510 }, 0x123 },
	{ "x86-64", 0x401000, { 0, 0, 0, 2, 1 }, 0 },
	{ "x86-64-la57", 0xff11000000001234, { 273, 0, 0, 0, 1 }, 0x234 },
	{ "x86-64-la57", 0xff11000040123456, { 273, 0, 1, 0, 291 }, 0x456 },
	{ "x86-64-la57", 0x00ff800000000000, { 255, 256, 0, 0, 0 }, 0 },
};

static void test_split(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof splits / sizeof splits[0]; i++) {
		const struct split_case *c = &splits[i];
		struct addr_fields f;
		struct diag d = { 0 };

		if (addr_split(arch_by_name(c->arch), c->addr, &f, &d) != 0)
			fail_msg("%s %#llx: %s", c->arch, (unsigned long long)c->addr, d.msg);
		assert_true(f.addr == c->addr);
		for (int lv = 0; lv < LEVEL_COUNT; lv++)
			if (f.index[lv] != c->index[lv])
				fail_msg("%s %#llx: %s index %u, want %u", c->arch,
					 (unsigned long long)c->addr, level_name((enum level)lv),
					 f.index[lv], c->index[lv]);
		assert_true(f.offset == c->offset);
	}
}

struct bad_case {
	const char *arch;
	uint64_t addr;
	const char *why;     /* a piece the sentence must contain */
};

static const struct bad_case bad_addrs[] = {
	{ "x86-32", 0x100000000, "wider than 32 bits" },
	{ "x86-32-pae", 0xffffffffC0000000, "wider than 32 bits" },
	{ "x86-64", 0x0000800000000000, "bits 63..48 must all equal bit 47, which is 1" },
	{ "x86-64", 0xffff7fffffffffff, "bits 63..48 must all equal bit 47, which is 0" },
	{ "x86-64", 0x0001000000000000, "not canonical on x86-64" },
	{ "x86-64-la57", 0x0100000000000000, "bits 63..57 must all equal bit 56, which is 1" },
	{ "x86-64-la57", 0x8000000000000000, "bits 63..57 must all equal bit 56, which is 0" },
};

static void test_split_rejects(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_addrs / sizeof bad_addrs[0]; i++) {
		const struct bad_case *c = &bad_addrs[i];
		struct addr_fields f;
		struct diag d = { 0 };

		assert_int_equal(addr_split(arch_by_name(c->arch), c->addr, &f, &d), -1);
		if (!strstr(d.msg, c->why))
			fail_msg("%s %#llx: \"%s\" lacks \"%s\"", c->arch,
				 (unsigned long long)c->addr, d.msg, c->why);
	}
	/* the edges of the canonical halves are fine */
	struct addr_fields f;
	assert_int_equal(addr_split(arch_get(ARCH_X86_64), 0x00007fffffffffff, &f, NULL), 0);
	assert_int_equal(addr_split(arch_get(ARCH_X86_64), 0xffff800000000000, &f, NULL), 0);
	assert_int_equal(addr_split(arch_get(ARCH_X86_64_LA57), 0x00ffffffffffffff, &f, NULL), 0);
	assert_int_equal(addr_split(arch_get(ARCH_X86_64_LA57), 0xff00000000000000, &f, NULL), 0);
	assert_int_equal(addr_split(arch_get(ARCH_X86_32), 0xffffffff, &f, NULL), 0);
}

struct bits_case {
	const char *arch;
	enum level lv;          /* LEVEL_COUNT: the offset */
	unsigned lo, hi;
};

static const struct bits_case bit_ranges[] = {
	{ "x86-32", LEVEL_PGD, 22, 31 },
	{ "x86-32", LEVEL_PTE, 12, 21 },
	{ "x86-32", LEVEL_COUNT, 0, 11 },
	{ "x86-32-pae", LEVEL_PGD, 30, 31 },
	{ "x86-32-pae", LEVEL_PMD, 21, 29 },
	{ "x86-32-pae", LEVEL_PTE, 12, 20 },
	{ "x86-64", LEVEL_PGD, 39, 47 },
	{ "x86-64", LEVEL_PUD, 30, 38 },
	{ "x86-64-la57", LEVEL_PGD, 48, 56 },
	{ "x86-64-la57", LEVEL_P4D, 39, 47 },
};

static void test_bits(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bit_ranges / sizeof bit_ranges[0]; i++) {
		const struct bits_case *c = &bit_ranges[i];
		unsigned lo, hi;

		addr_bits(arch_by_name(c->arch), c->lv, &lo, &hi);
		assert_int_equal(lo, c->lo);
		assert_int_equal(hi, c->hi);
	}
}

struct parse_case {
	const char *in;
	int rc;
	uint64_t value;
	const char *why;
};

static const struct parse_case parses[] = {
	{ "0xC0101234", 0, 0xC0101234, NULL },
	{ "0Xc0101234", 0, 0xC0101234, NULL },
	{ "4096", 0, 4096, NULL },
	{ "0", 0, 0, NULL },
	{ "0xC010_1234", 0, 0xC0101234, NULL },
	{ "1_000", 0, 1000, NULL },
	{ "0xffffffffffffffff", 0, 0xffffffffffffffff, NULL },
	{ "18446744073709551615", 0, 0xffffffffffffffff, NULL },
	{ "", -1, 0, "empty" },
	{ "0x", -1, 0, "no digits" },
	{ "0x_", -1, 0, "bad character '_'" },
	{ "12a", -1, 0, "bad character 'a' at column 3" },
	{ "1__0", -1, 0, "bad character '_'" },
	{ "10_", -1, 0, "bad character '_'" },
	{ "0x1_0000_0000_0000_0000", -1, 0, "does not fit in 64 bits" },
	{ "18446744073709551616", -1, 0, "does not fit in 64 bits" },
	{ "-1", -1, 0, "bad character '-'" },
	{ "0x1\x1b[2J", -1, 0, "the address is not a hex number: bad byte 0x1b" },
};

static void test_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof parses / sizeof parses[0]; i++) {
		const struct parse_case *c = &parses[i];
		uint64_t v = 0;
		struct diag d = { 0 };
		int rc = addr_parse(c->in, &v, &d);

		if (rc != c->rc)
			fail_msg("\"%s\": rc %d, want %d (%s)", c->in, rc, c->rc, d.msg);
		if (rc == 0)
			assert_true(v == c->value);
		else if (!strstr(d.msg, c->why))
			fail_msg("\"%s\": \"%s\" lacks \"%s\"", c->in, d.msg, c->why);
	}
}

/* The fold text every front end prints: v6.1's generic signatures, each
 * *_offset() given the level right above (pud_offset(p4d_t *p4d, ...)),
 * whatever else is folded; and Linux's PTRS_PER_* names. */
static void test_fold_text(void **state)
{
	char buf[64];

	(void)state;
	level_fold_text(LEVEL_PUD, FOLD_CALL, buf, sizeof buf);
	assert_string_equal(buf, "pud_offset(p4d, addr) == p4d");
	level_fold_text(LEVEL_PUD, FOLD_SHORT, buf, sizeof buf);
	assert_string_equal(buf, "pud_offset(p4d) == p4d");
	level_fold_text(LEVEL_P4D, FOLD_TIGHT, buf, sizeof buf);
	assert_string_equal(buf, "p4d_offset(pgd)==pgd");
	level_fold_text(LEVEL_PMD, FOLD_CALL, buf, sizeof buf);
	assert_string_equal(buf, "pmd_offset(pud, addr) == pud");
	assert_string_equal(level_ptrs_macro(LEVEL_PGD), "PTRS_PER_PGD");
	assert_string_equal(level_ptrs_macro(LEVEL_PTE), "PTRS_PER_PTE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_macros_equal_linux),
		cmocka_unit_test(test_macro_list_order),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_names_and_aliases),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_split_rejects),
		cmocka_unit_test(test_bits),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_fold_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
