/* SPDX-License-Identifier: GPL-2.0-only */
/* test_replay_calls.c - a fault with a recorded call chain (a trace of real
 * Linux): its stages follow the frames, the writes come after the deepest
 * one, the stack and the words of each frame, the source files read from a
 * linux-source-6.1 tarball (one of our own, made by the test, laid out like
 * Debian's), where each frame's function is in them, the version check,
 * and the Markdown write-up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture.h"
#include "source/linuxsrc.h"
#include "trace/replay.h"
#include "trace/trace_md.h"

static struct fx_tmp tmp;
static const char *const dir = tmp.dir;
static char cache[300];

/* Our own file; the functions are named as the chain names them. */
static const char walker_c[] =
	"/* a file of our own */\n"               /* 1 */
	"static int helper(int x);\n"             /* 2 */
	"\n"                                      /* 3 */
	"int\n"                                   /* 4 */
	"handle_mm_fault(int x)\n"                /* 5 */
	"{\n"                                     /* 6 */
	"\tint y = helper(x);\n"                  /* 7 */
	"\treturn y + 1;\n"                       /* 8 */
	"}\n"                                     /* 9 */
	"\n"                                      /* 10 */
	"static int\n"                            /* 11 */
	"helper(int x)\n"                         /* 12 */
	"{\n"                                     /* 13 */
	"\treturn x * 2;\n"                       /* 14 */
	"}\n";                                    /* 15 */

/* A tarball NAME.tar.xz of linux-source-6.1/mm/walker.c, and a Makefile
 * saying 6.1.SUBLEVEL when sublevel > 0. */
static void make_tarball(const char *name, int sublevel)
{
	char cmd[1024], path[600];
	FILE *f;

	snprintf(cmd, sizeof cmd, "rm -rf %s/src && mkdir -p %s/src/linux-source-6.1/mm", dir, dir);
	fx_sh("%s", cmd);
	snprintf(path, sizeof path, "%s/src/linux-source-6.1/mm/walker.c", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs(walker_c, f);
	fclose(f);
	if (sublevel > 0) {
		snprintf(path, sizeof path, "%s/src/linux-source-6.1/Makefile", dir);
		assert_non_null(f = fopen(path, "w"));
		fprintf(f, "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = %d\nEXTRAVERSION =\n", sublevel);
		fclose(f);
	}
	snprintf(cmd, sizeof cmd, "tar -cJf %s/%s.tar.xz -C %s/src linux-source-6.1", dir, name, dir);
	fx_sh("%s", cmd);
}

static void use_tarball(const char *name)
{
	fx_use_tarball(&tmp, name);
}

static int setup(void **state)
{
	(void)state;
	fx_tmp_new(&tmp, "replay-calls");
	make_tarball("plain", 0);
	make_tarball("v200", 200);
	make_tarball("v192", 192);
	fx_cache(&tmp, cache, sizeof cache);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_tmp_free(&tmp);
	return 0;
}

static int fresh(void **state)
{
	(void)state;
	fx_cache(&tmp, cache, sizeof cache);
	use_tarball("plain");
	return 0;
}

/* x86-32: a user write to 0x08049000 (pgd 0x2000 slot 32 empty), two
 * writes (the pte table, the pte), the chain:
 *   0 handle_mm_fault  mm/walker.c:7   depth 0
 *   1 helper.isra.0    mm/walker.c:14  depth 1
 *   2 handle_mm_fault  mm/walker.c:8   depth 0  (back)
 *   3 helper           mm/walker.c:3   depth 1  (outside helper)
 *   4 nowhere          mm/walker.c:10  depth 2  (no such function)
 *   5 nowhere          mm/walker.c:11  depth 2  (further)
 *   6 far_away         mm/missing.c:1  depth 2  (the deepest; no such file)
 * then a note. */
static struct trace *sample(const char *kernel_source)
{
	struct trace *t = trace_new(arch_get(ARCH_X86_32));
	struct trace_event *e;
	struct diag d;

	assert_non_null(t);
	trace_set_text(&t->h.source, "linux");
	trace_set_text(&t->h.emulator, "qemu");
	trace_set_text(&t->h.emulator_version, "none");
	trace_set_text(&t->h.command, "none");
	trace_set_text(&t->h.guest_build, "Linux version 6.1.192 (someone@somewhere) #1");
	trace_set_text(&t->h.scenario, "unit");
	trace_set_text(&t->h.recorded_at, "now");
	trace_set_text(&t->h.verified, "no");
	trace_set_text(&t->h.kernel_source, kernel_source);
	t->h.master_pgd = 0x1000;
	t->h.task_size = 0xc0000000;

	e = trace_add_event(t, TRACE_FAULT);
	e->pid = 1; e->vector = 14; e->error_code = 6; e->cr2 = 0x08049000; e->ip = 0x08048010;
	e->cs = 0x73; e->cpl = 3; e->cr3 = 0x2000; e->path = FAULT_NEW_PAGE;
	e->outcome = TRACE_OUT_RETRIED;
	trace_add_step(t, LEVEL_PGD, 0x2000, 32, 0x2080, 0);
	trace_add_write(t, 0x2080, 0, 0x3067, TRACE_NO_ADDR);
	trace_add_write(t, 0x3124, 0, 0x4067, TRACE_NO_ADDR);
	assert_int_equal(trace_add_call(t, "handle_mm_fault", "mm/walker.c", 7, 0), 0);
	assert_int_equal(trace_add_call(t, "helper.isra.0", "mm/walker.c", 14, 1), 0);
	assert_int_equal(trace_add_call(t, "handle_mm_fault", "mm/walker.c", 8, 0), 0);
	assert_int_equal(trace_add_call(t, "helper", "mm/walker.c", 3, 1), 0);
	assert_int_equal(trace_add_call(t, "nowhere", "mm/walker.c", 10, 2), 0);
	assert_int_equal(trace_add_call(t, "nowhere", "mm/walker.c", 11, 2), 0);
	assert_int_equal(trace_add_call(t, "far_away", "mm/missing.c", 1, 2), 0);

	e = trace_add_event(t, TRACE_NOTE);
	trace_set_text(&e->note, "done");
	assert_int_equal(trace_snapshot(t), 0);
	if (trace_validate(t, "mem", &d) < 0)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	return t;
}

/* The stages: the frames in order, the writes after the deepest (the
 * last one), no code point of our guest's. */
static void test_stages(void **state)
{
	struct trace *t = sample("linux-source-6.1 6.1.192-3");
	struct replay *r = replay_new(t);
	static const struct { enum replay_stage_kind k; int arg; } want[] = {
		{ RS_ACCESS, 0 }, { RS_WALK, 0 }, { RS_FAULTED, 0 },
		{ RS_CALL, 0 }, { RS_CALL, 1 }, { RS_CALL, 2 }, { RS_CALL, 3 }, { RS_CALL, 4 },
		{ RS_CALL, 5 }, { RS_CALL, 6 }, { RS_WRITE, 0 }, { RS_WRITE, 1 }, { RS_RETRY, 0 },
	};
	const struct replay_stage *s;
	size_t n, i;

	(void)state;
	assert_non_null(r);
	assert_true(replay_has_calls(&t->events[0]));
	assert_false(replay_has_calls(&t->events[1]));
	s = replay_stages(r, &n);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(s[k].kind, want[k].k);
		assert_int_equal(s[k].arg, want[k].arg);
	}
	/* the frame of each stage: none before the chain, the latest after */
	assert_null(replay_call_now(r, &i));
	assert_int_equal(replay_seek(r, 0, 4), 0);
	assert_string_equal(replay_call_now(r, &i)->fn, "helper.isra.0");
	assert_int_equal(i, 1);
	assert_int_equal(replay_seek(r, 0, 11), 0);         /* the second write */
	assert_string_equal(replay_call_now(r, &i)->fn, "far_away");
	assert_int_equal(replay_applied(r), 2);
	assert_int_equal(replay_code_now(r), RC_COUNT);     /* no guest code point */
	replay_free(r);
	trace_free(t);
}

static void test_stack(void **state)
{
	struct trace *t = sample("linux-source-6.1 6.1.192-3");
	size_t st[8], n;

	(void)state;
	n = replay_call_stack(t, &t->events[0], 1, st, 8);
	assert_int_equal(n, 2);
	assert_int_equal(st[0], 0);
	assert_int_equal(st[1], 1);
	n = replay_call_stack(t, &t->events[0], 5, st, 8);   /* 2 > 3 > 5 */
	assert_int_equal(n, 3);
	assert_int_equal(st[0], 2);
	assert_int_equal(st[1], 3);
	assert_int_equal(st[2], 5);
	assert_int_equal(replay_call_stack(t, &t->events[0], 7, st, 8), 0);
	assert_int_equal(replay_call_stack(t, &t->events[1], 0, st, 8), 0);
	trace_free(t);
}

static void test_words(void **state)
{
	struct trace *t = sample("linux-source-6.1 6.1.192-3");
	struct replay *r = replay_new(t);
	char buf[400];

	(void)state;
	replay_call_text(t, &t->events[0], 0, LANG_EN, buf, sizeof buf);
	assert_string_equal(buf, "handle_mm_fault: the architecture-independent mm code takes over.");
	replay_call_text(t, &t->events[0], 1, LANG_EN, buf, sizeof buf);
	assert_string_equal(buf, "The handler is in helper(), mm/walker.c:14.");
	replay_call_text(t, &t->events[0], 2, LANG_EN, buf, sizeof buf);
	assert_string_equal(buf, "Back in handle_mm_fault, line 8: it calls helper.");
	replay_call_text(t, &t->events[0], 5, LANG_EN, buf, sizeof buf);
	assert_string_equal(buf, "Further in nowhere, line 11.");
	replay_call_text(t, &t->events[0], 2, LANG_JA, buf, sizeof buf);
	assert_string_equal(buf, "handle_mm_fault に戻り(8 行目)、helper を呼びます。");
	/* the stage's sentence is the frame's */
	assert_int_equal(replay_seek(r, 0, 5), 0);
	replay_stage_text(r, LANG_EN, buf, sizeof buf);
	assert_string_equal(buf, "Back in handle_mm_fault, line 8: it calls helper.");
	replay_call_base("wp_page_copy.constprop.0", buf, sizeof buf);
	assert_string_equal(buf, "wp_page_copy");
	/* a search finds a fault by a function of its chain */
	assert_true(replay_match(r, 0, "far_away"));
	assert_true(replay_match(r, 0, "HELPER"));
	assert_false(replay_match(r, 0, "far"));
	assert_false(replay_match(r, 1, "far_away"));
	replay_free(r);
	trace_free(t);
}

/* replay_lxsrc_new through a handle of its own, closed after. */
static int lxsrc_new(const struct trace *t, enum replay_lxsrc_how how, struct replay_lxsrc **s,
		     struct diag *d)
{
	struct linuxsrc *src = NULL;
	int rc;

	(void)linuxsrc_open(&src, d);
	rc = replay_lxsrc_new(src, t, how, "", s, d);
	linuxsrc_close(src);
	return rc;
}

/* The files, where each frame's function is, a file the tarball lacks. */
static void test_source(void **state)
{
	struct trace *t = sample("linux-source-6.1 6.1.192-3");
	struct replay_lxsrc *s;
	const struct replay_excerpt *ex;
	const char *files[4];
	unsigned first, last;
	struct diag d;

	(void)state;
	assert_int_equal(replay_lxsrc_files(t, files, 4), 2);
	assert_string_equal(files[0], "mm/walker.c");
	assert_string_equal(files[1], "mm/missing.c");
	/* a cold cache: nothing read without extracting */
	assert_int_equal(lxsrc_new(t, REPLAY_LXSRC_CACHED, &s, &d), 2);
	assert_null(s);
	assert_int_equal(lxsrc_new(t, REPLAY_LXSRC_FETCH, &s, &d), 0);
	ex = replay_lxsrc_file(s, "mm/walker.c");
	assert_non_null(ex);
	assert_int_equal(ex->nlines, 15);
	assert_string_equal(ex->lines[13].text, "\treturn x * 2;");
	assert_null(replay_lxsrc_file(s, "mm/missing.c"));
	assert_non_null(strstr(replay_lxsrc_why(s, "mm/missing.c"), "mm/missing.c"));
	assert_string_equal(replay_lxsrc_why(s, "mm/walker.c"), "");
	assert_int_equal(replay_lxsrc_check(s, 0, &first, &last), 0);      /* line 7 */
	assert_int_equal(first, 5);
	assert_int_equal(last, 9);
	assert_int_equal(replay_lxsrc_check(s, 1, &first, &last), 0);      /* helper.isra.0 */
	assert_int_equal(first, 12);
	assert_int_equal(replay_lxsrc_check(s, 3, &first, &last), 1);      /* line 3 */
	assert_int_equal(replay_lxsrc_check(s, 4, &first, &last), -1);     /* nowhere */
	assert_int_equal(first, 0);
	assert_int_equal(replay_lxsrc_check(s, 6, &first, &last), -1);     /* no file */
	assert_int_equal(replay_lxsrc_check(s, 99, &first, &last), -1);
	replay_lxsrc_free(s);
	/* warm now: read from the cache alone */
	assert_int_equal(lxsrc_new(t, REPLAY_LXSRC_CACHED, &s, &d), 2);  /* missing.c */
	assert_int_equal(lxsrc_new(t, REPLAY_LXSRC_AS_IS, &s, &d), 0);
	assert_non_null(replay_lxsrc_file(s, "mm/walker.c"));
	replay_lxsrc_free(s);
	replay_lxsrc_free(NULL);
	/* no package */
	fx_env("PAGEWALK_LINUX_SOURCE", "/nonexistent/linux-source-6.1.tar.xz");
	assert_int_equal(lxsrc_new(t, REPLAY_LXSRC_FETCH, &s, &d), 1);
	assert_non_null(strstr(d.msg, "linux-source-6.1 is not installed"));
	trace_free(t);
}

/* Which source the kernel was built from, and whether the user's differs. */
static void test_versions(void **state)
{
	struct trace *t = sample("linux-source-6.1 6.1.192-3");
	struct trace *bare = sample("linux-source-6.1");
	struct replay_lxsrc *s;
	struct diag d;
	char v[64];

	(void)state;
	replay_lxsrc_trace_version(t, v, sizeof v);
	assert_string_equal(v, "6.1.192-3");
	replay_lxsrc_trace_version(bare, v, sizeof v);    /* from guest-build */
	assert_string_equal(v, "6.1.192");
	use_tarball("v200");
	assert_int_equal(lxsrc_new(t, REPLAY_LXSRC_FETCH, &s, &d), 0);
	assert_string_equal(replay_lxsrc_version(s), "6.1.200");
	assert_true(replay_lxsrc_differs(s, t));
	assert_true(replay_lxsrc_differs(s, bare));
	replay_lxsrc_free(s);
	fresh(NULL);      /* the cache key of a named tarball is its size and time */
	use_tarball("v192");
	assert_int_equal(lxsrc_new(t, REPLAY_LXSRC_FETCH, &s, &d), 0);
	assert_string_equal(replay_lxsrc_version(s), "6.1.192");
	assert_false(replay_lxsrc_differs(s, t));
	assert_false(replay_lxsrc_differs(s, bare));
	replay_lxsrc_free(s);
	fresh(NULL);                                      /* no Makefile: unknown */
	assert_int_equal(lxsrc_new(t, REPLAY_LXSRC_FETCH, &s, &d), 0);
	assert_false(replay_lxsrc_differs(s, t));
	replay_lxsrc_free(s);
	trace_free(bare);
	trace_free(t);
}

/* The write-up lists the chain, names the entry exc_page_fault, and holds
 * no line of the source. */
static void test_md(void **state)
{
	struct trace *t = sample("linux-source-6.1 6.1.192-3");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct diag d;

	(void)state;
	assert_non_null(f);
	assert_int_equal(trace_md_write(t, 0, "unit.yaml", f, &d), 0);
	fclose(f);
	assert_non_null(strstr(buf, "`exc_page_fault` -> do_anonymous_page/new_page"));
	assert_non_null(strstr(buf, "## The calls"));
	assert_non_null(strstr(buf, "| 1 | &nbsp;&nbsp;`helper.isra.0` | `mm/walker.c:14` |"));
	assert_non_null(strstr(buf, "| 2 | &nbsp;&nbsp;&nbsp;&nbsp;`far_away` | `mm/missing.c:1` |"));
	/* the narration quotes the trace: Markdown's punctuation escaped */
	assert_non_null(strstr(buf, "6. Back in handle\\_mm\\_fault, line 8: it calls helper."));
	assert_null(strstr(buf, "return x * 2"));
	assert_null(strstr(buf, "Our guest"));
	free(buf);
	trace_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_stages, fresh),
		cmocka_unit_test_setup(test_stack, fresh),
		cmocka_unit_test_setup(test_words, fresh),
		cmocka_unit_test_setup(test_source, fresh),
		cmocka_unit_test_setup(test_versions, fresh),
		cmocka_unit_test_setup(test_md, fresh),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
