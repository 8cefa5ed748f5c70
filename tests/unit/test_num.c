/* SPDX-License-Identifier: GPL-2.0-only */
/* test_num.c - one number grammar (num.h) for lessons, traces, `translate`
 * and typed answers: each front door accepts and rejects the same spellings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lesson/lesson.h"
#include "paging/paging.h"
#include "trace/trace.h"
#include "util/util.h"

/* A trace header with every key; %s is task-size, then master-pgd. */
#define TRACE_HEAD "pagewalk-trace: 1\nheader:\n  source: \"t\"\n  emulator: \"qemu\"\n" \
	"  emulator-version: \"v\"\n  command: \"c\"\n  guest-build: \"b\"\n" \
	"  arch: x86-32\n  scenario: \"s\"\n  master-pgd: %s\n  task-size: %s\n" \
	"  vmalloc-start: 0xc2800000\n  vmalloc-end: 0xe0000000\n" \
	"  recorded-at: \"2026-11-22T04:41:11Z\"\n  verified: \"v\"\ntables: []\n" \
	"events:\n  - {seq: 1, kind: note, note: \"n\"}\nend: 1\n"

struct num_case {
	const char *in;
	enum num_status want;
	uint64_t value;
	size_t at;               /* for NUM_BAD_CHAR */
};

static const struct num_case cases[] = {
	{ "0", NUM_OK, 0, 0 },
	{ "1048576", NUM_OK, 1048576, 0 },
	{ "0x100000", NUM_OK, 0x100000, 0 },
	{ "0x0100000", NUM_OK, 0x100000, 0 },
	{ "0XfF", NUM_OK, 0xff, 0 },
	{ "1_000", NUM_OK, 1000, 0 },
	{ "0xc000_0000", NUM_OK, 0xc0000000, 0 },
	{ "0x1_2_3", NUM_OK, 0x123, 0 },
	{ "18446744073709551615", NUM_OK, UINT64_MAX, 0 },
	{ "0xffff_ffff_ffff_ffff", NUM_OK, UINT64_MAX, 0 },
	{ "", NUM_EMPTY, 0, 0 },
	{ "0x", NUM_EMPTY, 0, 0 },
	{ "_1", NUM_BAD_CHAR, 0, 0 },
	{ "1_", NUM_BAD_CHAR, 0, 1 },
	{ "0x_1", NUM_BAD_CHAR, 0, 2 },
	{ "1__0", NUM_BAD_CHAR, 0, 1 },
	{ "0x1_g", NUM_BAD_CHAR, 0, 3 },
	{ "12a", NUM_BAD_CHAR, 0, 2 },
	{ "-1", NUM_BAD_CHAR, 0, 0 },
	{ "+1", NUM_BAD_CHAR, 0, 0 },
	{ " 1", NUM_BAD_CHAR, 0, 0 },
	{ "0b101", NUM_BAD_CHAR, 0, 1 },
	{ "18446744073709551616", NUM_OVERFLOW, 0, 0 },
	{ "0x1_0000_0000_0000_0000", NUM_OVERFLOW, 0, 0 },
};

static void test_grammar(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct num_case *c = &cases[i];
		uint64_t v = 7;
		size_t at = 99;
		enum num_status st = num_parse_u64(c->in, strlen(c->in), &v, &at);

		if (st != c->want)
			fail_msg("\"%s\": status %d, want %d", c->in, st, c->want);
		if (st == NUM_OK && v != c->value)
			fail_msg("\"%s\": %llu, want %llu", c->in, (unsigned long long)v,
				 (unsigned long long)c->value);
		if (st != NUM_OK && v != 7)
			fail_msg("\"%s\": *out changed on error", c->in);
		if (st == NUM_BAD_CHAR && at != c->at)
			fail_msg("\"%s\": bad byte at %zu, want %zu", c->in, at, c->at);
	}
}

/* A NUL inside the length is a bad byte, not the end. */
static void test_nul_inside(void **state)
{
	uint64_t v;
	size_t at = 0;

	(void)state;
	assert_int_equal(num_parse_u64("12\0" "3", 4, &v, &at), NUM_BAD_CHAR);
	assert_int_equal(at, 2);
}

/* The lesson loader, the trace loader and addr_parse agree on every case. */
static void test_same_everywhere(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct num_case *c = &cases[i];
		bool ok = c->want == NUM_OK;
		char buf[600];
		struct diag d = { 0 };
		struct lesson *l;
		struct trace *t;
		uint64_t v;

		if (!c->in[0] || strchr(c->in, ' '))
			continue;   /* YAML reads these as other things */
		snprintf(buf, sizeof buf, "title: T\narch: x86-64\nsteps:\n"
			 "  - {kind: split, addr: %s, text: \"x\"}\n", c->in);
		l = lesson_load_buffer("n.yaml", buf, strlen(buf), &d);
		if ((l != NULL) != (ok && (c->value < (1ULL << 47) ||
					 c->value >= 0xffff800000000000ULL)))
			fail_msg("lesson addr %s: %s", c->in, l ? "accepted" : d.msg);
		lesson_free(l);

		snprintf(buf, sizeof buf, TRACE_HEAD, "0x1000", c->in);
		t = trace_load_buffer(buf, strlen(buf), "n.yaml", &d);
		if ((t != NULL) != (ok && c->value <= 0xffffffffULL))
			fail_msg("trace task-size %s: %s", c->in, t ? "accepted" : d.msg);
		trace_free(t);

		if ((addr_parse(c->in, &v, &d) == 0) != ok)
			fail_msg("addr_parse %s: %s", c->in, ok ? d.msg : "accepted");
	}
}

/* Tags on numbers: refused in traces as in lessons. */
static void test_tags(void **state)
{
	static const char *const tagged[] = { "!!int 4096", "!!str 4096", "!foo 4096" };
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char buf[600];
		struct diag d = { 0 };
		struct trace *t;
		struct lesson *l;

		snprintf(buf, sizeof buf, TRACE_HEAD, tagged[i], "0xc0000000");
		t = trace_load_buffer(buf, strlen(buf), "t.yaml", &d);
		assert_null(t);
		assert_int_equal(d.line, 10);
		assert_string_equal(d.msg, "master-pgd: tags (!name) are not allowed here");

		snprintf(buf, sizeof buf, "title: T\narch: x86-32\nsteps:\n"
			 "  - {kind: split, addr: %s, text: \"x\"}\n", tagged[i]);
		l = lesson_load_buffer("l.yaml", buf, strlen(buf), &d);
		assert_null(l);
		assert_int_equal(d.line, 4);
		assert_non_null(strstr(d.msg, "tags (!name) are not allowed"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grammar),
		cmocka_unit_test(test_nul_inside),
		cmocka_unit_test(test_same_everywhere),
		cmocka_unit_test(test_tags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
