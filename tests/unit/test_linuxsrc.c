/* SPDX-License-Identifier: GPL-2.0-only */
/* test_linuxsrc.c - source lines from a tarball through a cache that may be
 * hostile: symlinks and FIFOs in it never hang the reader or write through.
 * The tarball is one of our own, made by the test, laid out like Debian's
 * linux-source-6.1 (PAGEWALK_LINUX_SOURCE points at it). */
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
#include "source/linuxsrc.h"

static struct fx_tmp tmp;
static const char *const dir = tmp.dir;
static char tarball[300], cache[300];

static const char our_c[] =
	"/* a file of our own */\n"
	"static int helper(int x);\n"
	"\n"
	"static int\n"
	"walker(int x)\n"
	"{\n"
	"\treturn helper(x) + 1;\n"
	"}\n"
	"#define WALKER_MAX 4\n"
	"int last(void)\n"
	"{\n"
	"}\n";

static int setup(void **state)
{
	(void)state;
	fx_tmp_new(&tmp, "linuxsrc");
	fx_write(&tmp, "src/linux-source-6.1/mm/walker.c", our_c);
	fx_tarball(&tmp, "src", "linux-source-6.1", tarball, sizeof tarball);
	fx_env("PAGEWALK_LINUX_SOURCE", tarball);
	fx_cache(&tmp, cache, sizeof cache);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_tmp_free(&tmp);
	return 0;
}

/* A fresh cache for each test. */
static int fresh(void **state)
{
	(void)state;
	fx_cache(&tmp, cache, sizeof cache);
	return 0;
}

static void cached_path(const struct linuxsrc *s, const char *file, char *out, size_t len)
{
	snprintf(out, len, "%s/linux-source-6.1/%s", s->cache, file);
}

static void test_missing_package(void **state)
{
	struct linuxsrc s;
	struct diag d;
	char buf[400];

	(void)state;
	fx_env("PAGEWALK_LINUX_SOURCE", "/nonexistent/linux-source-6.1.tar.xz");
	assert_int_equal(linuxsrc_open(&s, &d), -1);
	assert_non_null(strstr(d.msg, "linux-source-6.1 is not installed"));
	fx_env("PAGEWALK_LINUX_SOURCE", tarball);
	linuxsrc_howto("mm/memory.c", 10, 20, buf, sizeof buf);
	assert_non_null(strstr(buf, "Lines 10-20 of mm/memory.c (Linux v6.1)"));
	assert_non_null(strstr(buf, "apt-get install linux-source-6.1"));
}

static void test_read_and_cache(void **state)
{
	struct linuxsrc s;
	struct linuxsrc_file f;
	struct diag d;
	char p[1400], moved[400];
	unsigned a, b;

	(void)state;
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	assert_int_equal(linuxsrc_read(&s, "mm/walker.c", &f, &d), 0);
	assert_int_equal(f.nlines, 12);
	assert_string_equal(f.lines[4], "walker(int x)");
	assert_string_equal(f.lines[11], "}");          /* the last line, without its newline */
	assert_int_equal(linuxsrc_find_function(&f, "last", &a, &b), 0);
	assert_int_equal(b, 12);
	assert_string_equal(f.lines[6], "\treturn helper(x) + 1;");
	assert_int_equal(linuxsrc_find_function(&f, "walker", &a, &b), 0);
	assert_int_equal(a, 5);
	assert_int_equal(b, 8);
	assert_int_equal(linuxsrc_find_function(&f, "helper", &a, &b), -1);  /* only declared */
	assert_int_equal(linuxsrc_find_symbol(&f, "WALKER_MAX", 1, 12), 9);
	assert_int_equal(linuxsrc_find_symbol(&f, "WALKER_MAX", 1, 8), 0);
	assert_int_equal(linuxsrc_find_symbol(&f, "own", 1, 12), 0);          /* comment only */
	linuxsrc_file_free(&f);
	/* once cached, the tarball is not needed any more */
	cached_path(&s, "mm/walker.c", p, sizeof p);
	assert_int_equal(access(p, R_OK), 0);
	snprintf(moved, sizeof moved, "%s.away", tarball);
	assert_int_equal(rename(tarball, moved), 0);
	assert_int_equal(linuxsrc_read(&s, "mm/walker.c", &f, &d), 0);
	assert_int_equal(f.nlines, 12);
	linuxsrc_file_free(&f);
	assert_int_equal(rename(moved, tarball), 0);
}

static void test_not_in_tarball(void **state)
{
	struct linuxsrc s;
	struct linuxsrc_file f;
	struct diag d;
	char p[1400];

	(void)state;
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	assert_int_equal(linuxsrc_read(&s, "mm/nothere.c", &f, &d), -1);
	assert_non_null(strstr(d.msg, "mm/nothere.c is not a file of linux-source-6.1"));
	cached_path(&s, "mm/nothere.c", p, sizeof p);
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(linuxsrc_read(&s, "../etc/passwd", &f, &d), -1);
	assert_non_null(strstr(d.msg, "not a source file name"));
	assert_false(linuxsrc_name_ok("/etc/passwd"));
	assert_false(linuxsrc_name_ok("mm//x.c"));
	assert_false(linuxsrc_name_ok("mm/./x.c"));
	assert_false(linuxsrc_name_ok("mm/x c"));
	assert_true(linuxsrc_name_ok("arch/x86/include/asm/pgtable-3level_types.h"));
}

/* A symlink where the cached file goes: replaced, its target untouched. */
static void test_hostile_symlink(void **state)
{
	struct linuxsrc s;
	struct linuxsrc_file f;
	struct diag d;
	char p[1400], victim[400], cmd[3000];
	struct stat st;
	FILE *v;

	(void)state;
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	snprintf(victim, sizeof victim, "%s/victim", dir);
	assert_non_null(v = fopen(victim, "w"));
	fputs("keep me\n", v);
	fclose(v);
	cached_path(&s, "mm/walker.c", p, sizeof p);
	snprintf(cmd, sizeof cmd, "mkdir -p %s/linux-source-6.1/mm && ln -s %s %s", s.cache, victim, p);
	fx_sh("%s", cmd);
	assert_int_equal(linuxsrc_read(&s, "mm/walker.c", &f, &d), 0);
	assert_string_equal(f.lines[4], "walker(int x)");
	linuxsrc_file_free(&f);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(stat(victim, &st), 0);
	assert_int_equal(st.st_size, 8);
}

/* A FIFO where the cached file goes: never opened for a blocking read. */
static void test_hostile_fifo(void **state)
{
	struct linuxsrc s;
	struct linuxsrc_file f;
	struct diag d;
	char p[1400], cmd[3000];
	struct stat st;

	(void)state;
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	cached_path(&s, "mm/walker.c", p, sizeof p);
	snprintf(cmd, sizeof cmd, "mkdir -p %s/linux-source-6.1/mm", s.cache);
	fx_sh("%s", cmd);
	assert_int_equal(mkfifo(p, 0600), 0);
	alarm(20);   /* a hang fails the test instead of blocking the suite */
	assert_int_equal(linuxsrc_read(&s, "mm/walker.c", &f, &d), 0);
	alarm(0);
	assert_int_equal(f.nlines, 12);
	linuxsrc_file_free(&f);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
}

/* A symlinked directory in the cache: reported, nothing written through. */
static void test_hostile_dir_symlink(void **state)
{
	struct linuxsrc s;
	struct linuxsrc_file f;
	struct diag d;
	char elsewhere[400], cmd[6000];

	(void)state;
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere", dir);
	snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s %s/linux-source-6.1 && ln -s %s %s/linux-source-6.1/mm",
		 elsewhere, elsewhere, s.cache, elsewhere, s.cache);
	fx_sh("%s", cmd);
	assert_int_equal(linuxsrc_read(&s, "mm/walker.c", &f, &d), -1);
	assert_non_null(strstr(d.msg, "is not a directory"));
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A %s)\"", elsewhere);
	fx_sh("%s", cmd);
}

/* A broken tarball: an error, no partial file, no temporary left. */
static void test_broken_tarball(void **state)
{
	struct linuxsrc s;
	struct linuxsrc_file f;
	struct diag d;
	char bad[400], cmd[3000], p[1400];

	(void)state;
	snprintf(bad, sizeof bad, "%s/broken.tar.xz", dir);
	snprintf(cmd, sizeof cmd, "head -c 100 %s > %s", tarball, bad);
	fx_sh("%s", cmd);
	fx_env("PAGEWALK_LINUX_SOURCE", bad);
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	assert_int_equal(linuxsrc_read(&s, "mm/walker.c", &f, &d), -1);
	assert_non_null(strstr(d.msg, "broken.tar.xz"));
	cached_path(&s, "mm/walker.c", p, sizeof p);
	assert_int_equal(access(p, F_OK), -1);
	snprintf(cmd, sizeof cmd, "! ls -d %s/tmp-* 2>/dev/null", s.cache);
	fx_sh("%s", cmd);
	fx_env("PAGEWALK_LINUX_SOURCE", tarball);
}

/* An extraction killed with SIGKILL leaves its tmp-PID-XXXXXX directory;
 * the next extraction removes it (its process is gone), and never one
 * whose process still runs (another pagewalk extracting right now). */
static void test_stale_tmp_swept(void **state)
{
	struct linuxsrc s;
	struct linuxsrc_file f;
	struct diag d;
	char cmd[6000];

	(void)state;
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	snprintf(cmd, sizeof cmd,
		 "mkdir -p %s/tmp-999999999-dead/linux-source-6.1/mm %s/tmp-%ld-live && "
		 "echo x > %s/tmp-999999999-dead/linux-source-6.1/mm/half.c",
		 s.cache, s.cache, (long)getpid(), s.cache);
	fx_sh("%s", cmd);
	assert_int_equal(linuxsrc_read(&s, "mm/walker.c", &f, &d), 0);
	linuxsrc_file_free(&f);
	snprintf(cmd, sizeof cmd, "! test -e %s/tmp-999999999-dead && test -d %s/tmp-%ld-live",
		 s.cache, s.cache, (long)getpid());
	fx_sh("%s", cmd);
	snprintf(cmd, sizeof cmd, "rmdir %s/tmp-%ld-live", s.cache, (long)getpid());
	fx_sh("%s", cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_missing_package, fresh),
		cmocka_unit_test_setup(test_read_and_cache, fresh),
		cmocka_unit_test_setup(test_not_in_tarball, fresh),
		cmocka_unit_test_setup(test_hostile_symlink, fresh),
		cmocka_unit_test_setup(test_hostile_fifo, fresh),
		cmocka_unit_test_setup(test_hostile_dir_symlink, fresh),
		cmocka_unit_test_setup(test_broken_tarball, fresh),
		cmocka_unit_test_setup(test_stale_tmp_swept, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
