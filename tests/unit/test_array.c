/* SPDX-License-Identifier: GPL-2.0-only */
/* test_array.c - array_grow (engine/util/array.h): the one growth of the
 * engine's arrays doubles from its first size, makes room for a large
 * request at once, keeps the array when there is room, and refuses a size
 * that would overflow without touching the array or its capacity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/array.h"

/* 1000 appends: the capacities seen are 16, 32, ... 1024, each a double
 * of the last, and every element written survives each move. */
static void test_doubling(void **state)
{
	size_t cap = 0, n = 0, grows = 0, last = 0;
	uint32_t *a = NULL;

	(void)state;
	for (uint32_t i = 0; i < 1000; i++) {
		uint32_t *p = array_grow(a, &cap, n + 1, sizeof *p, 16);
		assert_non_null(p);
		if (cap != last) {
			assert_int_equal(cap, last ? last * 2 : 16);
			last = cap;
			grows++;
		}
		a = p;
		a[n++] = i * 7;
	}
	assert_int_equal(cap, 1024);
	assert_int_equal(grows, 7);
	for (uint32_t i = 0; i < 1000; i++)
		assert_int_equal(a[i], i * 7);
	free(a);
}

/* With room, the same pointer back and the capacity as it was. */
static void test_room_kept(void **state)
{
	size_t cap = 0;
	char *s = array_grow(NULL, &cap, 10, 1, 64), *t;

	(void)state;
	assert_non_null(s);
	assert_int_equal(cap, 64);
	t = array_grow(s, &cap, 64, 1, 64);
	assert_ptr_equal(s, t);
	assert_int_equal(cap, 64);
	/* a request past twice the capacity: one move, to the first power
	 * of two times the capacity that holds it */
	t = array_grow(s, &cap, 1000, 1, 64);
	assert_non_null(t);
	assert_int_equal(cap, 1024);
	free(t);
}

/* A size that would overflow: NULL, the array and *cap untouched. */
static void test_overflow(void **state)
{
	size_t cap = 0;
	uint64_t *a = array_grow(NULL, &cap, 4, sizeof *a, 4), *b;

	(void)state;
	assert_non_null(a);
	a[3] = 42;
	b = array_grow(a, &cap, SIZE_MAX / 4, sizeof *a, 4);
	assert_null(b);
	assert_int_equal(cap, 4);
	b = array_grow(a, &cap, SIZE_MAX, 1, 4);
	assert_null(b);
	assert_int_equal(cap, 4);
	assert_int_equal(a[3], 42);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doubling),
		cmocka_unit_test(test_room_kept),
		cmocka_unit_test(test_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
