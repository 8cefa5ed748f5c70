/* test_hardening.c - regressions for bugs found by the hardening work
 * (fuzzing, hostile files); one test per bug, named after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "yamlnode.h"

/* Leave non-zero garbage on the stack where the next call's locals go, so
 * a read of an uninitialised flag there sees "true". */
static void __attribute__((noinline)) dirty_stack(void)
{
	volatile unsigned char junk[512];

	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = 0xff;
}

/* ynode_u64 read its `overflow` flag uninitialised when the scalar held a
 * NUL byte (a "\0" escape), and could say "does not fit 64 bits" for a
 * string that is simply not a number. */
static void test_u64_nul_is_not_a_number(void **state)
{
	static const char doc[] = "n: \"1\\0\"\n";
	const struct ynode_limits lim = { 4096, 8, 256, 100 };
	struct diag d = { 0 };
	struct ynode *root = ynode_parse("t.yaml", doc, sizeof doc - 1, &lim, &d);
	uint64_t v;

	(void)state;
	assert_non_null(root);
	dirty_stack();
	assert_int_equal(ynode_u64(ynode_get(root, "n"), UINT64_MAX, "n", "t.yaml", &d, &v), -1);
	assert_non_null(strstr(d.msg, "must be a number"));
	assert_null(strstr(d.msg, "64 bits"));
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 4);
	ynode_free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64_nul_is_not_a_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
