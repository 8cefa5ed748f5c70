/* SPDX-License-Identifier: GPL-2.0-only */
/* test_text.c - text_escape keeps hostile bytes away from the terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/text.h"

struct escape_case {
	const char *in;
	size_t len;
	bool newlines;
	const char *want;
};

static const struct escape_case escape_cases[] = {
	{ "plain ascii", 11, false, "plain ascii" },
	{ "\x1b[2J", 4, false, "\\x1b[2J" },                         /* clear screen */
	{ "\x1b]52;c;aGk=\x07", 12, false, "\\x1b]52;c;aGk=\\x07" },   /* OSC 52 */
	{ "\xc2\x9b" "31m", 5, false, "\\u009b31m" },                 /* C1 CSI */
	{ "a\nb", 3, true, "a\nb" },
	{ "a\nb", 3, false, "a\\x0ab" },
	{ "tab\there", 8, false, "tab here" },
	{ "\xff\xfe", 2, false, "\\xff\\xfe" },                       /* invalid UTF-8 */
	{ "\xc0\xaf", 2, false, "\\xc0\\xaf" },                       /* overlong '/' */
	{ "\xed\xa0\x80", 3, false, "\\xed\\xa0\\x80" },              /* surrogate */
	{ "\xe3\x83\x9a\xe3\x83\xbc\xe3\x82\xb8", 9, false, "ページ" }, /* kept */
	{ "nul\0x", 5, false, "nul\\x00x" },
	{ "del\x7f", 4, false, "del\\x7f" },
};

static void test_escape_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof escape_cases / sizeof escape_cases[0]; i++) {
		const struct escape_case *c = &escape_cases[i];
		char *got = text_escape(c->in, c->len, c->newlines);

		assert_non_null(got);
		assert_string_equal(got, c->want);
		assert_true(text_is_safe(got, c->newlines));
		free(got);
	}
}

static void test_is_safe(void **state)
{
	(void)state;
	assert_true(text_is_safe("pgd_offset(mm, addr)", false));
	assert_false(text_is_safe("\x1b[31m", false));
	assert_false(text_is_safe("\xc2\x9b", false));
	assert_false(text_is_safe("line\nbreak", false));
	assert_true(text_is_safe("line\nbreak", true));
}

/* Japanese line-breaking: 。、」）ー and small kana never begin a line,
 * 「（ never end one; ordinary kana, kanji and letters may do both. */
static void test_kinsoku(void **state)
{
	static const unsigned no_start[] = { 0x3002, 0x3001, 0x300d, 0xff09, 0x30fc,
					     0x3063, 0x30c3, 0x3083, 0x30a1, ')' };
	static const unsigned no_end[] = { 0x300c, 0xff08, '(' };
	static const unsigned free_[] = { 0x3042, 0x30a2, 0x8868, 'a', '0' };

	(void)state;
	for (size_t i = 0; i < sizeof no_start / sizeof no_start[0]; i++)
		assert_false(text_may_start_line(no_start[i]));
	for (size_t i = 0; i < sizeof no_end / sizeof no_end[0]; i++)
		assert_false(text_may_end_line(no_end[i]));
	for (size_t i = 0; i < sizeof free_ / sizeof free_[0]; i++) {
		assert_true(text_may_start_line(free_[i]));
		assert_true(text_may_end_line(free_[i]));
	}
}

static void test_text_get_falls_back(void **state)
{
	char en[] = "page", ja[] = "ページ";
	struct text t = { { en, NULL } };

	(void)state;
	assert_string_equal(text_get(&t, LANG_JA), "page");
	t.s[LANG_JA] = ja;
	assert_string_equal(text_get(&t, LANG_JA), "ページ");
	assert_string_equal(text_get(NULL, LANG_EN), "");
	assert_int_equal(lang_parse("ja"), LANG_JA);
	assert_int_equal(lang_parse("fr"), -1);
}

/* Source tabs stop every 8 columns (Linux's), counted in characters,
 * whichever pane shows the line. */
static void test_expand_tabs(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "\treturn 0;", "        return 0;" },
		{ "\t\tx", "                x" },
		{ "if (a)\t/* b */", "if (a)  /* b */" },
		{ "abcdefgh\tz", "abcdefgh        z" },
		{ "é\tx", "é       x" },      /* one column, two bytes */
		{ "", "" },
	};

	(void)state;
	assert_int_equal(TEXT_TAB, 8);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = text_expand_tabs(cases[i].in, strlen(cases[i].in));
		assert_non_null(got);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand_tabs),
		cmocka_unit_test(test_escape_table),
		cmocka_unit_test(test_is_safe),
		cmocka_unit_test(test_text_get_falls_back),
		cmocka_unit_test(test_kinsoku),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
