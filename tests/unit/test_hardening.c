/* SPDX-License-Identifier: GPL-2.0-only */
/* test_hardening.c - regressions for bugs found by the hardening work
 * (fuzzing, hostile files); one test per bug, named after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <time.h>
#include <cmocka.h>

#include "fixture.h"
#include "paging/arch.h"
#include "util/file.h"
#include "record/guestrec.h"
#include "lesson/lesson.h"
#include "lesson/progress.h"
#include "trace/trace.h"
#include "util/text.h"
#include "util/yamlnode.h"

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

/* guestrec's error messages quoted record values raw: a record with an
 * escape sequence (or invalid UTF-8) in a value put it in the message the
 * recorder prints (found by fuzz_guestrec). */
static void test_guestrec_message_escaped(void **state)
{
	static const char recs[] =
		"begin proto=1 mode=2level scenario=demand build=f149df40 page_offset=c0000000 "
		"task_size=c0000000 vmalloc_start=c2800000 vmalloc_end=e0000000 "
		"swapper_pg_dir=0010c000 pgdir_shift=22 pmd_shift=22 ptrs_per_pgd=1024 "
		"ptrs_per_pmd=1 ptrs_per_pte=1024 entry_size=4\n"
		"copy n=0 dst=0\x1b[2J\xba src=0010cc00 len=00000400 why=pgd_alloc\n";
	struct diag d = { 0 };
	struct trace *t = guestrec_parse(recs, sizeof recs - 1, "e9.txt", &d);

	(void)state;
	assert_null(t);
	assert_int_equal(d.line, 2);
	assert_non_null(strstr(d.msg, "is not a number"));
	assert_true(text_is_safe(d.msg, false));
	assert_non_null(strstr(d.msg, "\\x1b[2J\\xba"));
}

/* A '{' closed on a later line made the "unknown placeholder" message
 * quote the text between, newline included: the one-line FILE:LINE:COL
 * error spilled over several lines (found by fuzz_lesson). */
static void test_placeholder_across_lines(void **state)
{
	static const char doc[] =
		"title: T\narch: x86-32\nsteps:\n  - kind: split\n    addr: 0x1000\n"
		"    text: |\n      a {pgd\n      b} c\n";
	struct diag d = { 0 };
	struct lesson *l = lesson_load_buffer("t.yaml", doc, sizeof doc - 1, &d);

	(void)state;
	assert_null(l);
	assert_null(strchr(d.msg, '\n'));
	assert_true(text_is_safe(d.msg, false));
	assert_non_null(strstr(d.msg, "not closed"));
}

/* The trace loader placed every libyaml reader error (a raw control
 * character, invalid UTF-8) at 1:1, whatever line it was on. */
static void test_trace_reader_error_located(void **state)
{
	static const char doc[] = "pagewalk-trace: 1\nheader:\n  scenario: \"a\x1b[2J\"\n";
	static const char bad8[] = "pagewalk-trace: 1\nheader:\n  scenario: \"\xe3\x83\x9a\xff\"\n";
	char path[] = "/tmp/pw-hardening-XXXXXX";
	struct diag d = { 0 };
	int fd;
	FILE *f;

	(void)state;
	assert_null(trace_load_buffer(doc, sizeof doc - 1, "t.yaml", &d));
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 15);
	assert_null(trace_load_buffer(bad8, sizeof bad8 - 1, "t.yaml", &d));
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 15);   /* one character for the three bytes of U+30DA */

	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(doc, f);
	fclose(f);
	assert_null(trace_load(path, &d));
	unlink(path);
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 15);
	assert_non_null(strstr(d.msg, "control characters"));
}

/* An unknown placeholder over 40 bytes was quoted cut at byte 40, even in
 * the middle of a UTF-8 character: the message held invalid UTF-8 (found
 * by fuzz_lesson). */
static void test_placeholder_quote_cut_on_a_character(void **state)
{
	/* "xy" then 20 three-byte characters: byte 40 is inside the 13th. */
	static const char doc[] =
		"title: T\narch: x86-32\nsteps:\n  - kind: split\n    addr: 0x1000\n"
		"    text: \"{xy\u30da\u30da\u30da\u30da\u30da\u30da\u30da\u30da\u30da\u30da"
		"\u30da\u30da\u30da\u30da\u30da\u30da\u30da\u30da\u30da\u30da}\"\n";
	struct diag d = { 0 };
	struct lesson *l = lesson_load_buffer("t.yaml", doc, sizeof doc - 1, &d);

	(void)state;
	assert_null(l);
	assert_non_null(strstr(d.msg, "unknown placeholder"));
	assert_true(text_is_safe(d.msg, false));
}

/* Eight processes saving the same lesson's progress at once, 200 times
 * each: the file is always one complete version some writer wrote, and no
 * temporary file is left behind. */
static void test_progress_concurrent_writers(void **state)
{
	struct fx_tmp t;
	const char *dir = t.dir;
	struct progress got;
	struct diag d = { 0 };
	pid_t pid[8];
	int status;

	(void)state;
	fx_tmp_new(&t, "progress");
	for (int w = 0; w < 8; w++) {
		pid[w] = fork();
		assert_true(pid[w] >= 0);
		if (pid[w] == 0) {
			int bad = 0;
			for (int i = 0; i < 200; i++) {
				/* writer w always writes step w+1 of 8+w steps */
				struct progress p = { .step = (unsigned)w + 1, .nsteps = 8u + (unsigned)w, .done = w % 2 == 0 };
				struct progress r;
				struct diag dd = { 0 };
				bad |= progress_save(dir, "lesson", &p, &dd) != 0;
				if (progress_load(dir, "lesson", &r, &dd) != PROGRESS_OK ||
				    r.nsteps != r.step + 7 || r.done != ((r.step - 1) % 2 == 0))
					bad = 1;
			}
			_exit(bad);
		}
	}
	for (int w = 0; w < 8; w++) {
		assert_int_equal(waitpid(pid[w], &status, 0), pid[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(progress_load(dir, "lesson", &got, &d), PROGRESS_OK);
	assert_true(got.step >= 1 && got.step <= 8);
	assert_int_equal(got.nsteps, got.step + 7);
	fx_sh("test \"$(ls -A %s)\" = lesson.progress", dir);
	fx_tmp_free(&t);
}

/* A directory that cannot be created (its parent is a file): save fails
 * with a message, load says there is nothing, neither crashes. */
static void test_progress_unwritable_dir(void **state)
{
	char file[] = "/tmp/pw-progress-file-XXXXXX";
	char dir[300];
	struct progress p = { .step = 2, .nsteps = 5, .done = false }, got;
	struct diag d = { 0 };
	int fd = mkstemp(file);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	snprintf(dir, sizeof dir, "%s/pagewalk", file);
	assert_int_equal(progress_save(dir, "lesson", &p, &d), -1);
	assert_true(d.msg[0] != '\0');
	assert_int_not_equal(progress_load(dir, "lesson", &got, &d), PROGRESS_OK);
	unlink(file);
}

/* diag_set cut a long message at 511 bytes even in the middle of a UTF-8
 * character: the message ended in invalid UTF-8 (found by fuzz_guestrec,
 * a record value of many escaped bytes and then 4-byte characters). */
static void test_diag_cut_on_a_character(void **state)
{
	char long_ja[700];
	struct diag d;

	(void)state;
	for (size_t k = 0; k < 3; k++) {      /* the cut at each byte of a character */
		memset(long_ja, 'a', k);
		for (size_t i = k; i + 3 < sizeof long_ja; i += 3)
			memcpy(long_ja + i, "\xe3\x83\x9a", 3);
		long_ja[k + (sizeof long_ja - 1 - k) / 3 * 3] = '\0';
		diag_set(&d, "f", 1, 1, "%s", long_ja);
		assert_true(text_is_safe(d.msg, false));
		assert_true(strlen(d.msg) >= sizeof d.msg - 3);
	}
	diag_set(&d, "f", 1, 1, "short \xe3\x83\x9a");
	assert_string_equal(d.msg, "short \xe3\x83\x9a");
}

/* Issue 16 item 1: a FIFO (no writer) or a device given as a file blocked
 * the open, or read without bound; now refused at once by type. */
static void test_special_files_refused_at_once(void **state)
{
	struct fx_tmp t;
	const char *dir = t.dir;
	char fifo[400];
	struct diag d = { 0 };
	size_t len;
	time_t t0 = time(NULL);

	(void)state;
	fx_tmp_new(&t, "hard");
	fx_path(&t, "f.yaml", fifo, sizeof fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_null(file_read_regular(fifo, 1024, &len, &d));
	assert_int_equal(errno, EINVAL);
	assert_string_equal(d.msg, "not a regular file (a FIFO)");
	assert_int_equal(file_open_regular(fifo, NULL, &d), -1);
	assert_null(trace_load(fifo, &d));
	assert_string_equal(d.msg, "not a regular file (a FIFO)");
	assert_null(lesson_load(fifo, &d));
	assert_string_equal(d.msg, "not a regular file (a FIFO)");
	assert_null(file_read_regular("/dev/zero", 1024, &len, &d));
	assert_string_equal(d.msg, "not a regular file (a character device)");
	assert_null(file_read_regular(dir, 1024, &len, &d));
	assert_string_equal(d.msg, "is a directory, not a file");
	assert_true(time(NULL) - t0 < 5);
	fx_tmp_free(&t);
}

/* Issue 16 item 7: bidi and invisible characters are shown by code point. */
static void test_bidi_shown_by_code_point(void **state)
{
	static const char in[] = "ev\xe2\x80\xaelive\xe2\x81\xa6 z\xe2\x80\x8bw j\xe2\x80\x8d b\xef\xbb\xbf";
	char *out = text_escape(in, sizeof in - 1, false);

	(void)state;
	assert_non_null(out);
	assert_string_equal(out, "ev<U+202E>live<U+2066> z<U+200B>w j<U+200D> b<U+FEFF>");
	assert_false(text_is_safe(in, false));
	assert_true(text_is_safe(out, false));
	assert_true(text_is_safe("日本語 ok", false));
	free(out);
}

/* Issue 16 item 9: addresses are checked by canonical form per arch. */
static void test_canonical_per_arch(void **state)
{
	const struct arch *a64 = arch_get(ARCH_X86_64), *la57 = arch_get(ARCH_X86_64_LA57);
	const struct arch *a32 = arch_get(ARCH_X86_32);

	(void)state;
	assert_true(arch_addr_canonical(a64, 0xffffffff81000000ULL));
	assert_true(arch_addr_canonical(a64, 0x00007fffffffffffULL));
	assert_true(arch_addr_canonical(a64, 0xffff800000000000ULL));
	assert_false(arch_addr_canonical(a64, 0x0000800000000000ULL));
	assert_false(arch_addr_canonical(a64, 0xff00000000000000ULL));
	assert_true(arch_addr_canonical(la57, 0xff00000000000000ULL));
	assert_true(arch_addr_canonical(la57, 0x00ffffffffffffffULL));
	assert_false(arch_addr_canonical(la57, 0x0100000000000000ULL));
	assert_true(arch_addr_canonical(a32, 0xffffffffULL));
	assert_false(arch_addr_canonical(a32, 0x100000000ULL));
}

/* Issue 16 items 10 and 11: one decision whether a buffer is a trace. */
static void test_trace_decision(void **state)
{
	static const char flow[] = "{\"pagewalk-trace\": 1, \"header\": {}}";
	static const char cr[] = "# c\rpagewalk-trace: 1\rheader: {}\r";
	static const char nul[] = "\"pagewalk-trace\\0x\": 1\n";
	static const char lesson[] = "title: x\npagewalk-trace: 1\n";
	static const char u16[] = "\xff\xfep\0a\0g\0e\0w\0a\0l\0k\0-\0t\0r\0a\0c\0e\0:\0 \0001\0\n\0";

	(void)state;
	assert_true(trace_is_trace(flow, sizeof flow - 1));
	assert_true(trace_is_trace(cr, sizeof cr - 1));
	assert_true(trace_is_trace(u16, sizeof u16 - 1));
	assert_false(trace_is_trace(nul, sizeof nul - 1));
	assert_false(trace_is_trace(lesson, sizeof lesson - 1));
	assert_false(trace_is_trace("", 0));
	assert_false(trace_is_trace("[", 1));
	/* a bad byte after the first key does not hide it */
	static const char bad_t[] = "pagewalk-trace: 1\nnote: \"\xff\"\n";
	static const char bad_l[] = "title: 1\nnote: \"\xff\"\n";

	assert_true(trace_is_trace(bad_t, sizeof bad_t - 1));
	assert_false(trace_is_trace(bad_l, sizeof bad_l - 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u64_nul_is_not_a_number),
		cmocka_unit_test(test_guestrec_message_escaped),
		cmocka_unit_test(test_placeholder_across_lines),
		cmocka_unit_test(test_trace_reader_error_located),
		cmocka_unit_test(test_placeholder_quote_cut_on_a_character),
		cmocka_unit_test(test_diag_cut_on_a_character),
		cmocka_unit_test(test_progress_concurrent_writers),
		cmocka_unit_test(test_progress_unwritable_dir),
		cmocka_unit_test(test_special_files_refused_at_once),
		cmocka_unit_test(test_bidi_shown_by_code_point),
		cmocka_unit_test(test_canonical_per_arch),
		cmocka_unit_test(test_trace_decision),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
