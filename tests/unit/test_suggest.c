/* SPDX-License-Identifier: GPL-2.0-only */
/* test_suggest.c - "did you mean": the distance (a swap counts one) and the
 * nearest word, none when two are as near or all are far. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/suggest.h"

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(suggest_distance("lesson", "lesson"), 0);
	assert_int_equal(suggest_distance("lesosn", "lesson"), 1);   /* a swap */
	assert_int_equal(suggest_distance("lessn", "lesson"), 1);
	assert_int_equal(suggest_distance("lessons", "lesson"), 1);
	assert_int_equal(suggest_distance("replya", "replay"), 1);
	assert_int_equal(suggest_distance("", "abc"), 3);
	assert_int_equal(suggest_distance("kitten", "sitting"), 3);
}

static void test_word(void **state)
{
	static const char *const cmds[] = { "translate", "macros", "lesson", "replay", "dump",
					    "record", "exercise", "lab", "grade", "check" };
	(void)state;
	assert_string_equal(suggest_word("lesosn", cmds, 10), "lesson");
	assert_string_equal(suggest_word("trnaslate", cmds, 10), "translate");
	assert_string_equal(suggest_word("chek", cmds, 10), "check");
	assert_null(suggest_word("xyz", cmds, 10));          /* nothing near */
	assert_string_equal(suggest_word("lxb", cmds, 10), "lab");
	static const char *const two[] = { "ab", "ba" };
	assert_null(suggest_word("aa", two, 2));             /* two as near: no guess */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
