/* SPDX-License-Identifier: GPL-2.0-only */
/* test_file_write.c - the one atomic writer (file_write.h) and the reader
 * for growing files (file_read_prefix): what they refuse, what --force
 * means, the errno and message each error gives, no temporary file left. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "fixture.h"
#include "util/file.h"
#include "util/file_write.h"

static struct fx_tmp tmp;
static const char *const dir = tmp.dir;

static int setup(void **state)
{
	(void)state;
	fx_tmp_new(&tmp, "fw");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_tmp_free(&tmp);
	return 0;
}

static const char *in(const char *name)
{
	static char p[400];

	return fx_path(&tmp, name, p, sizeof p);
}

/* The names in dir, sorted, joined by spaces. */
static const char *listing(void)
{
	static char out[512];
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);

	out[0] = 0;
	for (int i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			strcat(out, out[0] ? " " : "");
			strcat(out, ents[i]->d_name);
		}
		free(ents[i]);
	}
	free(ents);
	return out;
}

static const char *contents(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = 0;
	return buf;
}

static void test_new_keep_replace(void **state)
{
	struct diag d;
	struct stat st;

	(void)state;
	assert_int_equal(file_write_bytes(in("a"), FILE_KEEP, 0644, "one\n", 4, &d), 0);
	assert_string_equal(contents(in("a")), "one\n");
	assert_int_equal(stat(in("a"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(file_write_bytes(in("a"), FILE_KEEP, 0644, "two\n", 4, &d), -1);
	assert_int_equal(errno, EEXIST);
	assert_string_equal(d.msg, "exists (use --force to overwrite it)");
	assert_int_equal(file_write_bytes(in("a"), FILE_NEW, 0644, "two\n", 4, &d), -1);
	assert_string_equal(d.msg, "exists; not overwriting it");
	assert_string_equal(contents(in("a")), "one\n");
	assert_int_equal(file_write_bytes(in("a"), FILE_REPLACE, 0600, "two\n", 4, &d), 0);
	assert_string_equal(contents(in("a")), "two\n");
	assert_int_equal(stat(in("a"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_string_equal(listing(), "a");
}

static void test_refuses_special_even_with_force(void **state)
{
	struct diag d;

	(void)state;
	assert_int_equal(mkfifo(in("fifo"), 0600), 0);
	assert_int_equal(symlink("a", in("link")), 0);
	assert_int_equal(mkdir(in("sub"), 0700), 0);
	const char *names[] = { "fifo", "link", "sub" };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(file_write_bytes(in(names[i]), FILE_REPLACE, 0644, "x", 1, &d), -1);
		assert_int_equal(errno, EINVAL);
		assert_string_equal(d.msg, "exists and is not a regular file; not writing it");
		assert_string_equal(d.path, in(names[i]));
	}
	assert_string_equal(listing(), "fifo link sub");
}

static int fail_fill(FILE *f, const void *arg)
{
	(void)arg;
	fputs("half", f);
	errno = ENOSPC;
	return -1;
}

static int ok_fill(FILE *f, const void *arg)
{
	fputs(arg, f);
	return 0;
}

static void test_errors_leave_nothing(void **state)
{
	volatile sig_atomic_t stop = 1;
	struct diag d;

	(void)state;
	assert_int_equal(file_write_atomic(in("t"), FILE_KEEP, 0644, fail_fill, NULL, NULL, &d),
			 -1);
	assert_int_equal(errno, ENOSPC);
	assert_string_equal(d.msg, strerror(ENOSPC));
	assert_string_equal(listing(), "");
	/* a stop flag set (by a signal handler) before publishing */
	assert_int_equal(file_write_atomic(in("t"), FILE_REPLACE, 0644, ok_fill, "x", &stop, &d),
			 -1);
	assert_int_equal(errno, ECANCELED);
	assert_string_equal(listing(), "");
	stop = 0;
	assert_int_equal(file_write_atomic(in("t"), FILE_REPLACE, 0644, ok_fill, "x", &stop, &d),
			 0);
	assert_string_equal(listing(), "t");
	/* no directory: the error names the target */
	assert_int_equal(file_write_bytes(in("no/t"), FILE_KEEP, 0644, "x", 1, &d), -1);
	assert_int_equal(errno, ENOENT);
	assert_string_equal(d.path, in("no/t"));
}

/* file_read_prefix reads a file that grows up to its size at open;
 * file_read_regular refuses one over its limit with EFBIG. */
static void test_prefix_and_limits(void **state)
{
	struct diag d;
	size_t len;
	char *s;

	(void)state;
	assert_int_equal(file_write_bytes(in("log"), FILE_KEEP, 0644, "12345", 5, &d), 0);
	s = file_read_prefix(in("log"), 5, &len, &d);
	assert_non_null(s);
	assert_int_equal(len, 5);
	assert_string_equal(s, "12345");
	free(s);
	assert_null(file_read_regular(in("log"), 4, &len, &d));
	assert_int_equal(errno, EFBIG);
	assert_null(file_read_prefix(in("missing"), 4, &len, &d));
	assert_int_equal(errno, ENOENT);
	assert_int_equal(mkfifo(in("pipe"), 0600), 0);
	assert_null(file_read_prefix(in("pipe"), 4, &len, &d));
	assert_int_equal(errno, EINVAL);
	assert_string_equal(d.msg, "not a regular file (a FIFO)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_keep_replace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_special_even_with_force, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_leave_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prefix_and_limits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
