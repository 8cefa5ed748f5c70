/* SPDX-License-Identifier: GPL-2.0-only */
/* test_fixture.c - the unit tests' own fixture (fixture.h): a file is
 * written with its directories, the directory is removed whole without
 * following a link out of it, and the engine sees a variable only after
 * fx_env (the environment is read once: util/env.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture.h"
#include "util/env.h"

static void test_tmp(void **state)
{
	struct fx_tmp t, outside;
	char p[400], q[400], link[400];
	struct stat st;

	(void)state;
	fx_tmp_new(&t, "fixture");
	fx_tmp_new(&outside, "fixture-outside");
	fx_write(&t, "a/b/c.txt", "hello\n");
	assert_int_equal(stat(fx_path(&t, "a/b/c.txt", p, sizeof p), &st), 0);
	assert_int_equal(st.st_size, 6);
	/* a link to a file and one to a directory outside: removed, not followed */
	fx_write(&outside, "keep/me.txt", "keep\n");
	assert_int_equal(symlink(fx_path(&outside, "keep", q, sizeof q),
				 fx_path(&t, "a/dirlink", link, sizeof link)), 0);
	assert_int_equal(symlink(fx_path(&outside, "keep/me.txt", q, sizeof q),
				 fx_path(&t, "filelink", link, sizeof link)), 0);
	snprintf(p, sizeof p, "%s", t.dir);
	fx_tmp_free(&t);
	assert_string_equal(t.dir, "");
	assert_int_equal(stat(p, &st), -1);
	assert_int_equal(stat(fx_path(&outside, "keep/me.txt", q, sizeof q), &st), 0);
	fx_tmp_free(&outside);
	fx_tmp_free(&outside);   /* a no-op the second time */
}

static void test_env(void **state)
{
	(void)state;
	setenv("PAGEWALK_SEED", "41", 1);
	env_read();
	unsetenv("PAGEWALK_SEED");
	assert_string_equal(env_get()->seed, "41");   /* the snapshot, not getenv */
	fx_env("PAGEWALK_SEED", "42");
	assert_string_equal(env_get()->seed, "42");
	fx_env("PAGEWALK_SEED", NULL);
	assert_null(env_get()->seed);
	assert_null(env_nonempty(""));
	assert_string_equal(env_nonempty("x"), "x");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tmp),
		cmocka_unit_test(test_env),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
