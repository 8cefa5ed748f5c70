/* SPDX-License-Identifier: GPL-2.0-only */
/* test_replay.c - the replay cursor: stages, forward and back, seek,
 * markers, search, the entry values a stage shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"
#include "source/linuxsrc.h"
#include "trace/replay.h"
#include "trace/trace_calls.h"
#include "trace/trace_state.h"

/* x86-32: master pgd 0x1000, process pgd 0x2000.
 *  0 fault  user write 0x08049000, demand: two writes
 *  1 map    vmalloc 0xd0000000 in the master: pgd_k[832], pte
 *  2 fault  kernel read 0xd0000000: vmalloc-sync copies pgd_k[832]
 *  3 fault  user read 0: bad-area, SIGSEGV
 *  4 note   "done" */
static struct trace *sample(void)
{
	struct trace *t = trace_new(arch_get(ARCH_X86_32));
	struct trace_event *e;
	struct diag d;

	assert_non_null(t);
	trace_set_text(&t->h.source, "test");
	trace_set_text(&t->h.emulator, "none");
	trace_set_text(&t->h.emulator_version, "none");
	trace_set_text(&t->h.command, "none");
	trace_set_text(&t->h.guest_build, "none");
	trace_set_text(&t->h.scenario, "unit");
	trace_set_text(&t->h.recorded_at, "now");
	trace_set_text(&t->h.verified, "no");
	t->h.master_pgd = 0x1000;
	t->h.task_size = 0xc0000000;
	t->h.vmalloc_start = 0xc8800000;
	t->h.vmalloc_end = 0xff7fe000;

	e = trace_add_event(t, TRACE_FAULT);
	e->pid = 1; e->vector = 14; e->error_code = 6; e->cr2 = 0x08049000; e->ip = 0x08048010;
	e->cs = 0x1b; e->cpl = 3; e->cr3 = 0x2000; e->path = FAULT_NEW_PAGE;
	e->outcome = TRACE_OUT_RETRIED;
	trace_add_step(t, LEVEL_PGD, 0x2000, 32, 0x2080, 0);
	trace_add_write(t, 0x2080, 0, 0x3067, TRACE_NO_ADDR);
	trace_add_write(t, 0x3124, 0, 0x4067, TRACE_NO_ADDR);
	trace_add_frame(t, 0x3000);
	trace_add_frame(t, 0x4000);

	e = trace_add_event(t, TRACE_MAP);
	trace_set_text(&e->note, "vmalloc area");
	trace_add_write(t, 0x1d00, 0, 0x5063, TRACE_NO_ADDR);
	trace_add_write(t, 0x5000, 0, 0x6063, TRACE_NO_ADDR);

	e = trace_add_event(t, TRACE_FAULT);
	e->pid = 1; e->vector = 14; e->error_code = 0; e->cr2 = 0xd0000000; e->ip = 0xc0100abc;
	e->cs = 0x08; e->cpl = 0; e->cr3 = 0x2000; e->path = FAULT_VMALLOC_SYNC;
	e->outcome = TRACE_OUT_RETRIED;
	trace_add_step(t, LEVEL_PGD, 0x2000, 832, 0x2d00, 0);
	trace_add_write(t, 0x2d00, 0, 0x5063, 0x1d00);

	e = trace_add_event(t, TRACE_FAULT);
	e->pid = 1; e->vector = 14; e->error_code = 4; e->cr2 = 0; e->ip = 0x08048020;
	e->cs = 0x1b; e->cpl = 3; e->cr3 = 0x2000; e->path = FAULT_BAD_AREA;
	e->outcome = TRACE_OUT_SIGSEGV;
	trace_add_step(t, LEVEL_PGD, 0x2000, 0, 0x2000, 0);

	e = trace_add_event(t, TRACE_NOTE);
	trace_set_text(&e->note, "done");
	assert_int_equal(trace_snapshot(t), 0);
	if (trace_validate(t, "mem", &d) < 0)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	return t;
}

static size_t find_stage(const struct replay *r, enum replay_stage_kind k, int arg)
{
	size_t n;
	const struct replay_stage *s = replay_stages(r, &n);

	for (size_t i = 0; i < n; i++)
		if (s[i].kind == k && (arg < 0 || s[i].arg == arg))
			return i;
	fail_msg("no stage %d/%d", k, arg);
	return 0;
}

/* A vmalloc sync: access, walk, faulted, the path through vmalloc_sync_one,
 * the copy then the write, the retry walking to the page. */
static void test_sync_stages(void **state)
{
	struct trace *t = sample();
	struct replay *r = replay_new(t);
	const struct replay_stage *s;
	size_t n, copy, write;
	uint64_t v;

	(void)state;
	assert_non_null(r);
	assert_int_equal(replay_seek(r, 2, 0), 0);
	s = replay_stages(r, &n);
	assert_int_equal(s[0].kind, RS_ACCESS);
	assert_int_equal(s[1].kind, RS_WALK);
	assert_int_equal(s[n - 1].kind, RS_RETRY);
	find_stage(r, RS_PATH, RC_VMALLOC_FAULT);
	find_stage(r, RS_PATH, RC_SYNC_ONE);
	copy = find_stage(r, RS_COPY, 0);
	write = find_stage(r, RS_WRITE, 0);
	assert_int_equal(write, copy + 1);
	assert_int_equal(replay_sync_write(r), 0);

	/* before the write: the process slot is empty, the master's is set */
	assert_int_equal(replay_seek(r, 2, copy), 0);
	assert_true(replay_entry(r, 0x2d00, &v));
	assert_int_equal(v, 0);
	assert_true(replay_entry(r, 0x1d00, &v));
	assert_int_equal(v, 0x5063);
	assert_int_equal(replay_applied(r), 0);
	assert_int_equal(replay_code_now(r), RC_SET_PMD);
	/* at the write: copied */
	assert_int_equal(replay_step(r, 1), 0);
	assert_true(replay_entry(r, 0x2d00, &v));
	assert_int_equal(v, 0x5063);
	assert_int_equal(replay_applied(r), 1);
	/* and back */
	assert_int_equal(replay_step(r, -1), 0);
	assert_true(replay_entry(r, 0x2d00, &v));
	assert_int_equal(v, 0);
	/* the retried walk reaches the vmalloc page */
	assert_int_equal(replay_walk(r)->status, WALK_NOT_PRESENT);
	assert_int_equal(replay_retry_walk(r)->status, WALK_OK);
	assert_int_equal(replay_retry_walk(r)->frame, 0x6000);
	assert_false(replay_entry(r, 0x9999000, &v));
	replay_free(r);
	replay_free(NULL);
	trace_free(t);
}

/* Stepping forward through everything and back again visits the same
 * (event, stage) pairs in reverse; the ends refuse to move. */
static void test_forward_back(void **state)
{
	struct trace *t = sample();
	struct replay *r = replay_new(t);
	size_t seen[256][2], n = 0;

	(void)state;
	assert_int_equal(replay_step(r, -1), -1);
	do {
		assert_true(n < 256);
		seen[n][0] = replay_event(r);
		seen[n][1] = replay_stage(r);
		n++;
	} while (replay_step(r, 1) == 0);
	assert_int_equal(replay_event(r), 4);
	assert_true(n > 20);
	for (size_t i = n; i-- > 0;) {
		assert_int_equal(replay_event(r), seen[i][0]);
		assert_int_equal(replay_stage(r), seen[i][1]);
		if (i)
			assert_int_equal(replay_step(r, -1), 0);
	}
	assert_int_equal(replay_step(r, -1), -1);
	/* events: next, previous (from a later stage: first its own start) */
	assert_int_equal(replay_step_event(r, 1), 0);
	assert_int_equal(replay_event(r), 1);
	assert_int_equal(replay_step(r, 1), 0);
	assert_int_equal(replay_step_event(r, -1), 0);
	assert_int_equal(replay_event(r), 1);
	assert_int_equal(replay_stage(r), 0);
	assert_int_equal(replay_step_event(r, -1), 0);
	assert_int_equal(replay_event(r), 0);
	/* a bad seek does not move */
	assert_int_equal(replay_seek(r, 5, 0), -1);
	assert_int_equal(replay_event(r), 0);
	assert_int_equal(replay_seek(r, 3, REPLAY_LAST), 0);
	assert_int_equal(replay_cur(r)->kind, RS_END);
	replay_free(r);
	trace_free(t);
}

static void test_markers(void **state)
{
	struct trace *t = sample();
	struct replay *r = replay_new(t);
	const size_t *ev;

	(void)state;
	assert_int_equal(replay_marks(r, RM_VMALLOC, &ev), 1);
	assert_int_equal(ev[0], 2);
	assert_int_equal(replay_mark_next(r, RM_DEMAND, 0, 1), -1);
	assert_int_equal(replay_mark_next(r, RM_BAD_AREA, 0, 1), 3);
	assert_int_equal(replay_mark_next(r, RM_DEMAND, 2, -1), 0);
	assert_true(replay_mark_in(r, RM_VMALLOC, 1, 3));
	assert_false(replay_mark_in(r, RM_VMALLOC, 3, 5));
	/* ] skips the map event; [ comes back */
	assert_int_equal(replay_step_marker(r, 1), 0);
	assert_int_equal(replay_event(r), 2);
	assert_int_equal(replay_step_marker(r, 1), 0);
	assert_int_equal(replay_event(r), 3);
	assert_int_equal(replay_step_marker(r, 1), -1);
	assert_int_equal(replay_event(r), 3);
	assert_int_equal(replay_step_marker(r, -1), 0);
	assert_int_equal(replay_event(r), 2);
	assert_int_equal(replay_mark_of(&t->events[1]), RM_NONE);
	replay_free(r);
	trace_free(t);
}

/* A function reached again at a new line at the same depth moves on (5-level
 * event 23, the write to a read-only page: bad_area_access_error at 879,
 * then 912); a deeper call or another function does not. */
static void test_frame_moves_on(void **state)
{
	struct diag d = { 0 };
	struct trace *t = trace_load("traces/linux-all-5level-qemu.yaml", &d);
	const struct trace_event *ev = NULL;
	size_t moves = 0;

	(void)state;
	assert_non_null(t);
	for (size_t i = 0; i < t->nevents; i++)
		if (t->events[i].seq == 23)
			ev = &t->events[i];
	assert_non_null(ev);
	for (size_t k = 0; k < ev->ncalls; k++) {
		const struct trace_call *c = &t->calls[ev->call0 + k];
		bool on = trace_calls_moves_on(t, ev, k);
		if (on) {
			assert_string_equal(c->fn, "bad_area_access_error");
			assert_int_equal(c->line, 912);
			moves++;
		}
	}
	assert_int_equal(moves, 1);
	assert_false(trace_calls_moves_on(t, ev, 0));
	trace_free(t);
}

/* "match i of n": the matches counted, the current one's place. */
static void test_search_count(void **state)
{
	struct diag d = { 0 };
	struct trace *t = trace_load("traces/all-2level-qemu.yaml", &d);
	struct replay *r;
	size_t i, n;
	long k;

	(void)state;
	assert_non_null(t);
	r = replay_new(t);
	n = replay_search_count(r, "vmalloc", &i);
	assert_int_equal(n, 2);          /* events 55 and 65 */
	assert_int_equal(i, 0);          /* event 1 is not one of them */
	k = replay_search(r, "vmalloc", 1);
	assert_true(k >= 0);
	assert_int_equal(replay_seek(r, (size_t)k, 0), 0);
	assert_int_equal(replay_search_count(r, "vmalloc", &i), 2);
	assert_int_equal(i, 1);
	k = replay_search(r, "vmalloc", 1);
	assert_int_equal(replay_seek(r, (size_t)k, 0), 0);
	replay_search_count(r, "vmalloc", &i);
	assert_int_equal(i, 2);
	assert_int_equal(replay_search_count(r, "nothing-like-this", &i), 0);
	replay_free(r);
	trace_free(t);
}

/* ] and [ go to the nearest fault of another kind: from the first demand
 * fault of all-2level-qemu (events 14-29 are demand faults) ] lands on the
 * SIGSEGV at 33, then the vmalloc fault at 55, the oops at 60, the vmalloc
 * fault at 65; [ from there goes back to the oops at 60. */
static void test_markers_other_kind(void **state)
{
	struct diag d = { 0 };
	struct trace *t = trace_load("traces/all-2level-qemu.yaml", &d);
	struct replay *r;
	static const uint64_t seq[] = { 33, 55, 60, 65 };

	(void)state;
	assert_non_null(t);
	r = replay_new(t);
	assert_non_null(r);
	while (t->events[replay_event(r)].seq != 14)
		assert_int_equal(replay_step_event(r, 1), 0);
	for (size_t i = 0; i < sizeof seq / sizeof seq[0]; i++) {
		assert_int_equal(replay_step_marker(r, 1), 0);
		assert_int_equal(t->events[replay_event(r)].seq, seq[i]);
	}
	assert_int_equal(replay_step_marker(r, -1), 0);
	assert_int_equal(t->events[replay_event(r)].seq, 60);
	replay_free(r);
	trace_free(t);
}

static void test_search(void **state)
{
	struct trace *t = sample();
	struct replay *r = replay_new(t);

	(void)state;
	assert_int_equal(replay_search(r, "vmalloc", 1), 2);     /* kind, not the map's note */
	assert_int_equal(replay_search(r, "VMALLOC_FAULT", 1), 2);
	assert_int_equal(replay_search(r, "segv", 1), 3);
	assert_int_equal(replay_search(r, "map", 1), 1);
	assert_int_equal(replay_search(r, "area", 1), 1);        /* note text */
	assert_int_equal(replay_search(r, "0xd0000abc", 1), 2);  /* same page as cr2 */
	assert_int_equal(replay_search(r, "0x1d00", 1), 1);      /* entry written */
	assert_int_equal(replay_search(r, "0x3124", 1), 0);      /* wraps round to the current one */
	assert_int_equal(replay_search(r, "nothing-like-it", 1), -1);
	assert_int_equal(replay_search(r, "", 1), -1);
	/* from event 2: next fault forwards is 3, backwards 0 */
	assert_int_equal(replay_seek(r, 2, 0), 0);
	assert_int_equal(replay_search(r, "fault", 1), 3);
	assert_int_equal(replay_search(r, "fault", -1), 0);
	assert_int_equal(replay_search(r, "vmalloc", 1), 2);     /* only itself: found last */
	assert_int_equal(replay_search(r, "0x1d00", -1), 1);     /* the map before it writes it */
	assert_int_equal(replay_seek(r, 1, 0), 0);
	assert_int_equal(replay_search(r, "0x1d00", 1), 2);      /* the sync copies from it */
	assert_true(replay_match(r, 4, "DONE"));
	assert_false(replay_match(r, 9, "done"));
	replay_free(r);
	trace_free(t);
}

/* Seeking anywhere, in any order, shows the same entry values as stepping
 * there from the start. */
static void test_seek_consistent(void **state)
{
	struct trace *t = sample();
	struct replay *a = replay_new(t), *b = replay_new(t);
	static const uint64_t pas[] = { 0x1d00, 0x2080, 0x2d00, 0x3124, 0x5000 };

	(void)state;
	do {
		size_t k = replay_event(a), st = replay_stage(a);
		assert_int_equal(replay_seek(b, (k * 3 + 2) % t->nevents, 0), 0);
		assert_int_equal(replay_seek(b, k, st), 0);
		for (size_t i = 0; i < 5; i++) {
			uint64_t va, vb;
			assert_true(replay_entry(a, pas[i], &va));
			assert_true(replay_entry(b, pas[i], &vb));
			assert_int_equal(va, vb);
		}
	} while (replay_step(a, 1) == 0);
	replay_free(a);
	replay_free(b);
	trace_free(t);
}

/* Is a line of function func (defined in column 0, up to its closing brace
 * in column 0) highlighted by mask in ex? */
static bool highlights_in(const struct replay_excerpt *ex, const char *func, unsigned mask)
{
	size_t n = strlen(func);
	bool in = false;

	for (size_t i = 0; i < ex->nlines; i++) {
		const char *t = ex->lines[i].text, *p = strstr(t, func);
		size_t len = strlen(t);
		if (!in && p && t[0] != ' ' && t[0] != '\t' && t[0] != '#' && t[0] != '/' &&
		    t[0] != ' ' && (p[n] == '(' || p[n] == ')') && (p == t || p[-1] == ' ' ||
		    p[-1] == '*' || p[-1] == '(') && len && t[len - 1] != ';')
			in = true;
		if (in && (ex->lines[i].codes & mask))
			return true;
		if (in && !strcmp(t, "}"))
			in = false;
	}
	return false;
}

/* Every code point says what it does, and highlights lines of Linux v6.1's
 * own source (read from linux-source-6.1) inside the function that does it;
 * without the package, replay_linux_new says so. */
static void test_code(void **state)
{
	struct replay_excerpt *fault, *mm;
	struct linuxsrc *src;
	struct diag d;

	(void)state;
	fx_env("PAGEWALK_LINUX_SOURCE", "/nonexistent/linux-source-6.1.tar.xz");
	assert_int_equal(linuxsrc_open(&src, &d), -1);
	assert_int_equal(replay_linux_new(src, true, &fault, &mm, &d), 1);
	assert_null(fault);
	assert_null(mm);
	fx_env("PAGEWALK_LINUX_SOURCE", NULL);
	if (linuxsrc_open(&src, &d) < 0 || replay_linux_new(src, true, &fault, &mm, &d) != 0)
		fail_msg("linux-source-6.1: %s", d.msg);
	linuxsrc_close(src);
	assert_string_equal(fault->title[LANG_EN], "arch/x86/mm/fault.c (Linux v6.1, from linux-source-6.1)");
	for (int c = 0; c < RC_COUNT; c++) {
		const char *en = replay_code_says((enum replay_code)c, LANG_EN);
		const char *ja = replay_code_says((enum replay_code)c, LANG_JA);
		for (uint32_t err = 0; err < 8; err++) {
			unsigned mask = replay_linux_marks((enum replay_code)c, err);
			const struct replay_excerpt *ex = c == RC_HANDLE_MM || c == RC_ANON_PAGE ||
							  c == RC_WP_PAGE ? mm : fault;
			const char *func = replay_linux_func((enum replay_code)c, err);
			/* the file named (dump --format md, the pane without the
			 * source) is the one whose lines the pane shows */
			assert_string_equal(replay_linux_file((enum replay_code)c, err),
					    ex == mm ? REPLAY_LX_MM_FILE : REPLAY_LX_FAULT_FILE);
			if (!highlights_in(ex, func, mask))
				fail_msg("code point %d (error 0x%x): no line of %s() highlighted", c, err, func);
			if (c == RC_HANDLE_MM)
				assert_string_equal(func, (err & 3) == 3 ? "do_wp_page" : "do_anonymous_page");
		}
		assert_true(strlen(en) > 10);
		assert_true(strlen(ja) > 10);
		assert_string_not_equal(en, ja);
	}
	/* the vmalloc path's lines are in the functions that do the work */
	for (size_t i = 0; i < fault->nlines; i++)
		if (fault->lines[i].codes & (1u << RC_SET_PMD)) {
			assert_non_null(strstr(fault->lines[i].text, "pmd"));
			break;
		}
	replay_linux_free(fault);
	replay_linux_free(mm);
}

/* Japanese text: some Japanese in it, and no English sentence left (none
 * of the little words every English sentence here has). */
static void assert_japanese(const char *s)
{
	static const char *const english[] = {
		" the ", " a ", " is ", " are ", " and ", " to ", " its ", " it ",
		"The ", "Not ", " gets ", " faults", " from ", " on ",
	};
	bool wide = false;

	for (const char *p = s; *p; p++)
		wide |= (unsigned char)*p >= 0x80;
	if (!wide)
		fail_msg("no Japanese in \"%s\"", s);
	for (size_t i = 0; i < sizeof english / sizeof english[0]; i++)
		if (strstr(s, english[i]))
			fail_msg("English \"%s\" left in \"%s\"", english[i], s);
}

/* Every stage of every event has a sentence in both languages. */
static void test_stage_text(void **state)
{
	struct trace *t = sample();
	struct replay *r = replay_new(t);
	char en[400], ja[400];
	size_t n = 0;

	(void)state;
	assert_non_null(r);
	do {
		replay_stage_text(r, LANG_EN, en, sizeof en);
		replay_stage_text(r, LANG_JA, ja, sizeof ja);
		assert_true(strlen(en) > 5);
		assert_string_not_equal(en, ja);
		assert_japanese(ja);
		n++;
	} while (replay_step(r, 1) == 0);
	assert_true(n > 20);
	/* the copy stage names the copied value in both */
	assert_int_equal(replay_seek(r, 2, 0), 0);
	while (replay_cur(r)->kind != RS_COPY)
		assert_int_equal(replay_step(r, 1), 0);
	replay_stage_text(r, LANG_EN, en, sizeof en);
	replay_stage_text(r, LANG_JA, ja, sizeof ja);
	assert_non_null(strstr(en, "0x00005063"));
	assert_non_null(strstr(ja, "0x00005063"));
	assert_non_null(strstr(ja, "set_pmd"));
	replay_error_words(0x6, LANG_EN, en, sizeof en);
	replay_error_words(0x6, LANG_JA, ja, sizeof ja);
	assert_string_equal(en, "P=0 page not present, W=1 write, U=1 user mode");
	assert_string_equal(ja, "P=0 ページ不在、W=1 書き込み、U=1 ユーザーモード");
	replay_free(r);
	trace_free(t);
}

/* The guest's lines: for each code point, the function of the guest the
 * stage is in and a statement one of its highlighted lines must contain
 * (a test that fails when guest/fault.c renames the function or moves the
 * statement out of it). */
static const struct {
	enum replay_code c;
	const char *func, *has;
} guest_expect[] = {
	{ RC_ENTRY, "do_page_fault", "read_cr2()" },
	{ RC_KERNEL_TEST, "do_page_fault", "TASK_SIZE" },
	{ RC_VMALLOC_FAULT, "vmalloc_fault", "vmalloc_sync_one(" },
	{ RC_SYNC_ONE, "vmalloc_sync_one", "init_mm.pgd" },
	{ RC_SET_PMD, "vmalloc_sync_one", "set_pmd(" },
	{ RC_SYNC_PTE, "vmalloc_fault", "pte_present(" },
	{ RC_FIND_VMA, "do_page_fault", "find_vma(" },
	{ RC_HANDLE_MM, "handle_mm_fault", "handle_mm_fault(" },
	{ RC_ANON_PAGE, "do_anonymous_page", "empty_zero_page" },
	{ RC_WP_PAGE, "do_wp_page", "memcpy(" },
	{ RC_BAD_AREA, "do_page_fault", "force_sig_segv(" },
	{ RC_NO_CONTEXT, "do_page_fault", "no_context:" },
};

static void test_guest_lines(void **state)
{
	struct diag d;
	struct replay_excerpt *ex = replay_guest_new(&d);

	(void)state;
	if (!ex)
		fail_msg("%s:%d: %s", d.path, d.line, d.msg);
	assert_int_equal(sizeof guest_expect / sizeof guest_expect[0], RC_COUNT);
	for (size_t k = 0; k < RC_COUNT; k++) {
		unsigned bit = 1u << guest_expect[k].c;
		long first = -1;
		bool has = false;
		char fn[64];
		for (size_t i = 0; i < ex->nlines; i++) {
			if (!(ex->lines[i].codes & bit))
				continue;
			if (first < 0)
				first = (long)i;
			replay_guest_func_of(ex, i, fn, sizeof fn);
			if (strcmp(fn, guest_expect[k].func))
				fail_msg("code point %d: line %zu is in %s(), not %s()",
					 guest_expect[k].c, i + 1, fn, guest_expect[k].func);
			has |= strstr(ex->lines[i].text, guest_expect[k].has) != NULL;
		}
		if (first < 0 || !has)
			fail_msg("code point %d: no highlighted line in %s() with \"%s\"",
				 guest_expect[k].c, guest_expect[k].func, guest_expect[k].has);
	}
	replay_guest_free(ex);
	replay_guest_free(NULL);
}

/* Replace every from in s with to (a malloc'd copy). */
static char *replace(const char *s, const char *from, const char *to)
{
	size_t nf = strlen(from), nt = strlen(to), n = 0;
	char *out, *o;

	for (const char *p = strstr(s, from); p; p = strstr(p + nf, from))
		n++;
	out = malloc(strlen(s) + n * (nt > nf ? nt - nf : 0) + 1);
	assert_non_null(out);
	for (o = out; *s;) {
		if (!strncmp(s, from, nf)) {
			memcpy(o, to, nt);
			o += nt;
			s += nf;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

/* A renamed function or a rewritten statement: no excerpt, and an error
 * that names what is missing. */
static void test_guest_renamed(void **state)
{
	struct diag d;
	char *src;

	(void)state;
	src = replace(replay_guest_fault_c, "vmalloc_sync_one(", "vmalloc_copy_one(");
	assert_null(replay_guest_parse("fault.c", src, &d));
	assert_non_null(strstr(d.msg, "vmalloc_sync_one"));
	free(src);
	src = replace(replay_guest_fault_c, "set_pmd(pmd, pmd_val(pmd_k))", "copy_pmd(pmd, pmd_k)");
	assert_null(replay_guest_parse("fault.c", src, &d));
	assert_non_null(strstr(d.msg, "set_pmd"));
	assert_true(d.line > 0);
	free(src);
	assert_null(replay_guest_parse("empty.c", "", &d));
}

/* The built-in copy is guest/fault.c as it is now (the Makefile regenerates
 * it), and only our guest's traces get it. */
static void test_guest_embedded(void **state)
{
	const char *root = getenv("PAGEWALK_ROOT");
	char path[1024], *buf;
	FILE *f;
	long n;
	struct trace *t = sample();

	(void)state;
	snprintf(path, sizeof path, "%s/guest/fault.c", root ? root : ".");
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (run from the repository top)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	assert_string_equal(buf, replay_guest_fault_c);
	free(buf);
	assert_false(replay_is_guest(t));
	trace_set_text(&t->h.source, REPLAY_GUEST_SOURCE);
	assert_true(replay_is_guest(t));
	trace_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sync_stages),
		cmocka_unit_test(test_forward_back),
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_markers_other_kind),
		cmocka_unit_test(test_search_count),
		cmocka_unit_test(test_frame_moves_on),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_seek_consistent),
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_stage_text),
		cmocka_unit_test(test_guest_lines),
		cmocka_unit_test(test_guest_renamed),
		cmocka_unit_test(test_guest_embedded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
