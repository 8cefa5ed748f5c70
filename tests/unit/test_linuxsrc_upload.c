/* SPDX-License-Identifier: GPL-2.0-only */
/* test_linuxsrc_upload.c - lessons' line ranges are pinned to one Debian
 * upload (LINUXSRC_PINNED); another upload whose lines moved shows the
 * moved lines, found by the symbol. And extraction in the background: one
 * tar run for many files, cancelled without leaving anything in the cache.
 *
 * The tarballs are our own text, laid out like linux-source-6.1 with a
 * Makefile saying which 6.1.N they hold (PAGEWALK_LINUX_SOURCE points at
 * them: dpkg does not describe them, their Makefile does). */
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
#include "lesson/lesson.h"
#include "source/linuxsrc.h"

static struct fx_tmp tmp;
static const char *const dir = tmp.dir;
static char cache[300];
static int ntar;

/* The lesson: lines 4-8 of mm/walker.c in 6.1.192, walk_one on line 5. */
static const char lesson_yaml[] =
	"title: Upload\n"
	"arch: x86-32\n"
	"code:\n"
	"  w:\n"
	"    file: mm/walker.c\n"
	"    version: v6.1\n"
	"    lines: 4-8\n"
	"    symbol: walk_one\n"
	"%s"
	"steps:\n"
	"  - kind: code\n"
	"    code: {ref: w, highlight: [5]}\n";

/* A tarball of 6.1.SUBLEVEL whose mm/walker.c has pad blank lines before
 * our text and names the function fn; PAGEWALK_LINUX_SOURCE points at it,
 * the cache is empty. */
static void tarball(unsigned sublevel, unsigned pad, const char *fn)
{
	char top[400], p[500], cmd[1200];
	FILE *f;

	snprintf(top, sizeof top, "%s/t%d/linux-source-6.1", dir, ++ntar);
	snprintf(cmd, sizeof cmd, "mkdir -p %s/mm %s/arch/x86/mm && rm -rf %s", top, top, cache);
	fx_sh("%s", cmd);
	snprintf(p, sizeof p, "%s/Makefile", top);
	assert_non_null(f = fopen(p, "w"));
	fprintf(f, "# SPDX-License-Identifier: GPL-2.0\nVERSION = 6\nPATCHLEVEL = 1\n"
		"SUBLEVEL = %u\nEXTRAVERSION =\nNAME = Test\n", sublevel);
	fclose(f);
	snprintf(p, sizeof p, "%s/mm/walker.c", top);
	assert_non_null(f = fopen(p, "w"));
	for (unsigned i = 0; i < pad; i++)
		fputc('\n', f);
	fprintf(f, "/* our own text */\n#define WALK_SHIFT 12\n\nstatic int\n%s(int x)\n{\n"
		"\treturn x + WALK_SHIFT;\n}\n", fn);
	fclose(f);
	snprintf(p, sizeof p, "%s/arch/x86/mm/other.c", top);
	assert_non_null(f = fopen(p, "w"));
	fputs("int other;\n", f);
	fclose(f);
	snprintf(p, sizeof p, "%s/t%d/linux-source-6.1.tar.xz", dir, ntar);
	snprintf(cmd, sizeof cmd, "tar -cJf %s -C %s/t%d linux-source-6.1", p, dir, ntar);
	fx_sh("%s", cmd);
	fx_env("PAGEWALK_LINUX_SOURCE", p);
}

static struct lesson *lesson(const char *extra)
{
	char buf[1000];
	struct diag d;
	struct lesson *l;

	snprintf(buf, sizeof buf, lesson_yaml, extra);
	l = lesson_load_buffer("upload.yaml", buf, strlen(buf), &d);
	if (!l)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	return l;
}

static int setup(void **state)
{
	(void)state;
	fx_tmp_new(&tmp, "upload");
	fx_cache(&tmp, cache, sizeof cache);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_tmp_free(&tmp);
	fx_env("PAGEWALK_LINUX_SOURCE", NULL);
	return 0;
}

/* The pinned upload: the range as written; the version from the Makefile. */
static void test_pinned(void **state)
{
	struct lesson *l = lesson("    symbol_line: 5\n");
	struct linuxsrc *s;
	struct diag d;
	char v[64];

	(void)state;
	tarball(192, 0, "walk_one");
	assert_int_equal(lesson_excerpts_resolve(l, &d), 0);
	assert_int_equal(l->excerpts[0].shift, 0);
	assert_string_equal(l->excerpts[0].moved_in, "");
	assert_int_equal(l->excerpts[0].nlines, 5);
	assert_string_equal(l->excerpts[0].lines[1], "walk_one(int x)");
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	linuxsrc_version(s, v, sizeof v);
	assert_string_equal(v, "6.1.192");
	assert_true(linuxsrc_pinned(s));
	linuxsrc_close(s);
	lesson_free(l);
}

/* On the pinned upload a range whose symbol_line does not hold the symbol
 * is an error, located at the excerpt. */
static void test_pinned_wrong_line(void **state)
{
	struct lesson *l = lesson("    symbol_line: 5\n");
	struct diag d;

	(void)state;
	tarball(192, 3, "walk_one");   /* walk_one on line 8: still in 4-8 */
	assert_int_equal(lesson_excerpts_resolve(l, &d), -1);
	assert_string_equal(d.path, "upload.yaml");
	assert_int_equal(d.line, 5);
	assert_int_equal(d.col, 5);
	assert_string_equal(d.msg, "walk_one is not on line 5 of mm/walker.c (its symbol_line)");
	lesson_free(l);
}

/* Another upload whose lines moved by 3: the moved lines, and the note. */
static void test_moved(void **state)
{
	struct lesson *l = lesson("    symbol_line: 5\n");
	struct linuxsrc *s;
	struct diag d;

	(void)state;
	tarball(200, 3, "walk_one");
	assert_int_equal(lesson_excerpts_resolve(l, &d), 0);
	assert_int_equal(l->excerpts[0].shift, 3);
	assert_string_equal(l->excerpts[0].moved_in, "6.1.200");
	assert_int_equal(l->excerpts[0].first_line, 4);   /* the lesson's numbers stay */
	assert_string_equal(l->excerpts[0].lines[0], "static int");
	assert_string_equal(l->excerpts[0].lines[1], "walk_one(int x)");
	assert_string_equal(l->excerpts[0].lines[4], "}");
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	assert_false(linuxsrc_pinned(s));
	linuxsrc_close(s);
	/* the same upload with the lines where they were: nothing moved */
	tarball(200, 0, "walk_one");
	assert_int_equal(lesson_excerpts_resolve(l, &d), 0);
	assert_int_equal(l->excerpts[0].shift, 0);
	assert_string_equal(l->excerpts[0].moved_in, "");
	lesson_free(l);
}

/* Another upload without the symbol: an error saying so. */
static void test_symbol_gone(void **state)
{
	struct lesson *l = lesson("    symbol_line: 5\n");
	struct diag d;

	(void)state;
	tarball(200, 0, "walk_two");
	assert_int_equal(lesson_excerpts_resolve(l, &d), -1);
	assert_int_equal(d.line, 5);
	assert_non_null(strstr(d.msg, "walk_one is no longer in mm/walker.c (linux-source-6.1 "
			       "6.1.200; the lesson's lines 4-8 are for " LINUXSRC_PINNED ")"));
	assert_null(l->excerpts[0].lines);
	assert_non_null(strstr(l->excerpts[0].missing, "no longer in"));
	lesson_free(l);
}

/* Without symbol_line: the smallest move that puts the symbol in the range. */
static void test_moved_no_symbol_line(void **state)
{
	struct lesson *l = lesson("");
	struct diag d;

	(void)state;
	tarball(200, 10, "walk_one");   /* walk_one on line 15 */
	assert_int_equal(lesson_excerpts_resolve(l, &d), 0);
	assert_int_equal(l->excerpts[0].shift, 7);
	assert_string_equal(l->excerpts[0].lines[4], "walk_one(int x)");
	/* a range that still holds it does not move */
	tarball(200, 1, "walk_one");
	assert_int_equal(lesson_excerpts_resolve(l, &d), 0);
	assert_int_equal(l->excerpts[0].shift, 0);
	lesson_free(l);
}

/* symbol_line outside the range: rejected when loading. */
static void test_symbol_line_outside(void **state)
{
	char buf[1000];
	struct diag d;

	(void)state;
	snprintf(buf, sizeof buf, lesson_yaml, "    symbol_line: 9\n");
	assert_null(lesson_load_buffer("upload.yaml", buf, strlen(buf), &d));
	assert_int_equal(d.line, 9);
	assert_int_equal(d.col, 18);
	assert_string_equal(d.msg, "symbol_line must be a line of lines 4-8, not \"9\"");
}

static bool cached(const struct linuxsrc *s, const char *file)
{
	char p[1400];

	snprintf(p, sizeof p, "%s/linux-source-6.1/%s", linuxsrc_cache_dir(s), file);
	return access(p, F_OK) == 0;
}

/* Is file either not in the cache or there whole (the same bytes as in
 * the last tarball made)? */
static bool whole_or_absent(const struct linuxsrc *s, const char *file)
{
	char a[1400], b[1400], cmd[3000];

	if (!cached(s, file))
		return true;
	snprintf(a, sizeof a, "%s/linux-source-6.1/%s", linuxsrc_cache_dir(s), file);
	snprintf(b, sizeof b, "%s/t%d/linux-source-6.1/%s", dir, ntar, file);
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
	return system(cmd) == 0;
}

/* Can file be read without extracting? */
static bool there(struct linuxsrc *s, const char *file)
{
	struct linuxsrc_file *f;
	struct diag d;

	return linuxsrc_get(s, file, false, &f, &d) == 0;
}

/* In the background: one job brings every file asked and the Makefile;
 * a file is in the cache only whole (the job's thread may have put it
 * there before the first poll: a small tarball takes microseconds). */
static void test_job(void **state)
{
	static const char *const files[] = { "mm/walker.c", "arch/x86/mm/other.c" };
	struct linuxsrc_job *j;
	struct linuxsrc *s;
	struct diag d;
	int rc;

	(void)state;
	tarball(192, 0, "walk_one");
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	assert_false(there(s, files[0]));
	assert_int_equal(linuxsrc_fetch_start(s, files, 2, &j, &d), 0);
	assert_non_null(j);
	assert_true(whole_or_absent(s, "mm/walker.c"));
	while ((rc = linuxsrc_fetch_poll(j, false, &d)) == 0)
		usleep(10000);
	assert_int_equal(rc, 1);
	assert_true(cached(s, "mm/walker.c"));
	assert_true(cached(s, "arch/x86/mm/other.c"));
	assert_true(cached(s, "Makefile"));
	assert_true(there(s, files[0]) && there(s, files[1]));
	/* nothing missing: no job */
	assert_int_equal(linuxsrc_fetch_start(s, files, 2, &j, &d), 0);
	assert_null(j);
	linuxsrc_close(s);
}

/* Cancelled: no partial file and no temporary directory left (what the
 * thread finished before the cancel came is whole). */
static void test_job_cancel(void **state)
{
	static const char *const files[] = { "mm/walker.c", "arch/x86/mm/other.c" };
	struct linuxsrc_job *j;
	struct linuxsrc *s;
	struct diag d;
	char cmd[2200];

	(void)state;
	tarball(192, 0, "walk_one");
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	assert_int_equal(linuxsrc_fetch_start(s, files, 2, &j, &d), 0);
	assert_non_null(j);
	linuxsrc_fetch_cancel(j);
	assert_true(whole_or_absent(s, "mm/walker.c"));
	assert_true(whole_or_absent(s, "arch/x86/mm/other.c"));
	assert_true(whole_or_absent(s, "Makefile"));
	snprintf(cmd, sizeof cmd, "test -d %s && ! ls -d %s/tmp-* 2>/dev/null", linuxsrc_cache_dir(s),
		 linuxsrc_cache_dir(s));
	fx_sh("%s", cmd);
	linuxsrc_fetch_cancel(NULL);
	linuxsrc_close(s);
}

/* A tarball without a Makefile: its version is not known; it reads as the
 * pin (the range as written). */
static void test_no_makefile(void **state)
{
	struct lesson *l = lesson("    symbol_line: 5\n");
	struct linuxsrc *s;
	struct diag d;
	char cmd[1200], v[64];

	(void)state;
	tarball(200, 0, "walk_one");
	snprintf(cmd, sizeof cmd, "cd %s/t%d && rm linux-source-6.1/Makefile && "
		 "tar -cJf linux-source-6.1.tar.xz linux-source-6.1", dir, ntar);
	fx_sh("%s", cmd);
	assert_int_equal(lesson_excerpts_resolve(l, &d), 0);
	assert_int_equal(linuxsrc_open(&s, &d), 0);
	linuxsrc_version(s, v, sizeof v);
	assert_string_equal(v, "");
	assert_true(linuxsrc_pinned(s));
	linuxsrc_close(s);
	assert_int_equal(l->excerpts[0].shift, 0);
	lesson_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinned),
		cmocka_unit_test(test_pinned_wrong_line),
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_symbol_gone),
		cmocka_unit_test(test_moved_no_symbol_line),
		cmocka_unit_test(test_symbol_line_outside),
		cmocka_unit_test(test_job),
		cmocka_unit_test(test_job_cancel),
		cmocka_unit_test(test_no_makefile),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
