/* SPDX-License-Identifier: GPL-2.0-only */
/* test_text.c - text_escape keeps hostile bytes away from the terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_table),
		cmocka_unit_test(test_is_safe),
		cmocka_unit_test(test_text_get_falls_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
