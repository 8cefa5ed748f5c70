/* SPDX-License-Identifier: GPL-2.0-only */
/* test_prose_numbers.c - every number the shipped lessons state in prose,
 * mutated one at a time (+1, in its own spelling), and what `check` says.
 *
 * The prose of a lesson is each step's text, a quiz's question and hints
 * (en and ja). For every number in it (not a version like 2.6.24, not part
 * of a name like x86-32 or PTRS_PER_P4D, not inside a {placeholder}), the
 * lesson is loaded with that one number changed: either the loader rejects
 * it at exactly that number's FILE:LINE:COL (the number is checked), or it
 * loads (unchecked). Rejected anywhere else fails the test, and so does an
 * unchecked number that is not in one of the classes below, which are not
 * numbers about a macro, index, address or entry (or are checked another
 * way): lesson numbers, years and months, example answers, other
 * architectures' page shifts (not modelled), Japanese counters (1つ, 2段,
 * 4回 ...), layout names (2-level), formula constants (1 << X, X - 1,
 * log base 2) and zero as "empty" or a return value. Lesson 03's
 * `PTRS_PER_PGD = 1024` must be caught, and the course must have at least
 * MIN_CHECKED checked numbers. PROSE_VERBOSE=1 lists the unchecked ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>
#include <cmocka.h>

#include "lesson/lesson.h"
#include "util/file.h"
#include "util/yamlnode.h"

#define MIN_CHECKED 150

static size_t total, checked;
static int verbose;

static const char *const classes[] = { "lesson number", "year or month", "example answer",
	"other architecture", "Japanese counter", "layout name", "formula constant",
	"zero (empty / returns)" };
static size_t nclass[8];

static int prefix_is(const char *ls, const char *at, const char *s)
{
	size_t n = strlen(s);

	while (at > ls && at[-1] == ' ')
		at--;
	return (size_t)(at - ls) >= n && memcmp(at - n, s, n) == 0;
}

/* The lesson being scanned teaches arm64 (its arch: is arm64-...): "other
 * architecture" then excuses nothing, arm64 being the lesson's own. */
static int arm64_lesson;

/* Why an unchecked number at buf[s..e) of the line ls needs no check: a
 * class index, or -1. */
static int unchecked_class(const char *ls, const char *s, const char *e, uint64_t v)
{
	static const char *const counters[] = { "つ", "枚", "度", "回", "種類", "段", "命令", "進",
		"桁", "プロセス", "ページ", "番目", NULL };
	const char *f = *e == ' ' ? e + 1 : e;
	size_t ll = strcspn(ls, "\n");
	char line[512];

	snprintf(line, sizeof line, "%.*s", (int)(ll < 511 ? ll : 511), ls);
	if (prefix_is(ls, s, "lesson") || prefix_is(ls, s, "Lesson") || prefix_is(ls, s, "レッスン"))
		return 0;
	if ((v >= 1990 && v < 2040) || strncmp(f, "月", 3) == 0)
		return 1;
	if ((strstr(line, "e.g.") && strstr(line, "e.g.") - line < s - ls) ||
	    (strstr(line, "例:") && strstr(line, "例:") - line < s - ls))
		return 2;
	if (!arm64_lesson && (strstr(line, "ARM") || strstr(line, "PowerPC") || strstr(line, "16K")))
		return 3;
	for (int i = 0; counters[i]; i++)
		if (strncmp(f, counters[i], strlen(counters[i])) == 0)
			return 4;
	if (strncmp(e, "-level", 6) == 0)
		return 5;
	if (strncmp(e, " <<", 3) == 0 || strncmp(f, "を底", 6) == 0 ||
	    strncmp(f, "を `PAGE_SHIFT`", strlen("を `PAGE_SHIFT`")) == 0 || prefix_is(ls, s, "-"))
		return 6;
	if (v == 0)
		return 7;
	return -1;
}

static int ident(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static size_t chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Mutate the number at buf[s..e) to +1 and load; classify. */
static void mutate(const char *path, const char *buf, size_t len, size_t s, size_t e,
		   int line, const char *linestart)
{
	char num[64], *m;
	uint64_t v = strtoull(buf + s, NULL, 0);
	int hex = buf[s] == '0' && e > s + 1 && (buf[s + 1] == 'x' || buf[s + 1] == 'X');
	size_t nl = (size_t)snprintf(num, sizeof num, hex ? "0x%llx" : "%llu",
				     (unsigned long long)(v + 1));
	struct diag d = { 0 };
	struct lesson *l;
	int col = (int)chars(linestart, (size_t)(buf + s - linestart)) + 1;

	m = malloc(len + nl + 1);
	assert_non_null(m);
	memcpy(m, buf, s);
	memcpy(m + s, num, nl);
	memcpy(m + s + nl, buf + e, len - e);
	l = lesson_load_buffer(path, m, len - (e - s) + nl, &d);
	total++;
	if (l) {
		const char *le = strchr(buf + s, '\n');
		int c = unchecked_class(linestart, buf + s, buf + e, v);
		if (verbose)
			print_message("unchecked %s:%d:%d %.*s (%s) | %.*s\n", path, line, col,
				      (int)(e - s), buf + s, c < 0 ? "NO CLASS" : classes[c],
				      (int)(le - linestart), linestart);
		lesson_free(l);
		if (c < 0)
			fail_msg("%s:%d:%d: %.*s -> %s loads: a number no rule checks and no class "
				 "excuses: %.*s", path, line, col, (int)(e - s), buf + s, num,
				 (int)(le - linestart), linestart);
		nclass[c]++;
	} else if (d.line == line && d.col == col) {
		checked++;
	} else {
		fail_msg("%s:%d:%d: mutant %.*s -> %s rejected elsewhere: %s:%d:%d: %s", path, line,
			 col, (int)(e - s), buf + s, num, d.path, d.line, d.col, d.msg);
	}
	free(m);
}

/* Every number on file lines first..last (from column col0 on the first). */
static void scan_lines(const char *path, const char *buf, size_t len, int first, int last,
		       int col0)
{
	const char *p = buf;
	int line = 1;

	while (line < first && (p = strchr(p, '\n')))
		p++, line++;
	for (; p && line <= last; line++) {
		const char *ls = p, *end = strchr(p, '\n');
		size_t i = 0;
		if (!end)
			end = buf + len;
		if (line == first)
			for (int c = 1; c < col0 && ls + i < end; c++)
				i++;
		for (; ls + i < end; i++) {
			size_t s = (size_t)(ls + i - buf), e = s;
			char c = buf[s];
			if (c < '0' || c > '9')
				continue;
			if (ls + i > ls && (ident(buf[s - 1]) || strchr(".{-:/[", buf[s - 1]))) {
				while (ls + i < end && (ident(ls[i]) || ls[i] == '.'))
					i++;
				continue;
			}
			while (e < len && (ident(buf[e])))
				e++;
			if ((e < len && buf[e] == '}') || (e + 1 < len && buf[e] == '.' &&
			    buf[e + 1] >= '0' && buf[e + 1] <= '9')) {
				while (ls + i < end && (ident(ls[i]) || ls[i] == '.'))
					i++;
				continue;
			}
			if (strtoull(buf + s, NULL, 0) == 0 && e - s > 1 && buf[s + 1] != 'x')
				continue;
			{
				char *q;
				strtoull(buf + s, &q, 0);
				if (q != buf + e)   /* "4K", "9bit": not a number token */
					{ i = e - (size_t)(ls - buf) - 1; continue; }
			}
			mutate(path, buf, len, s, e, line, ls);
			i = e - (size_t)(ls - buf) - 1;
		}
		p = *end ? end + 1 : NULL;
	}
}

static void scan_scalar(const char *path, const char *buf, size_t len, const struct ynode *n)
{
	const char *ls = buf;

	if (!n || n->kind != YNODE_SCALAR)
		return;
	for (int l = 1; l < n->line; l++)
		ls = strchr(ls, '\n') + 1;
	if (ls[n->col - 1] == '|' || ls[n->col - 1] == '>') {
		int lines = 1;
		for (const char *q = n->str; *q; q++)
			lines += *q == '\n' && q[1];
		scan_lines(path, buf, len, n->line + 1, n->line + lines, 1);
	} else {
		scan_lines(path, buf, len, n->line, n->line, n->col);
	}
}

static void scan_text(const char *path, const char *buf, size_t len, const struct ynode *n)
{
	if (n && n->kind == YNODE_MAP) {
		for (size_t i = 0; i < n->n; i++)
			scan_scalar(path, buf, len, n->items[2 * i + 1]);
	} else {
		scan_scalar(path, buf, len, n);
	}
}

static void test_mutants(void **state)
{
	static const struct ynode_limits lim = { 1 << 20, 16, 16384, 200000 };
	glob_t g;

	(void)state;
	verbose = getenv("PROSE_VERBOSE") != NULL;
	assert_int_equal(glob("lessons/[0-9][0-9]-*.yaml", 0, NULL, &g), 0);
	for (size_t f = 0; f < g.gl_pathc; f++) {
		struct diag d = { 0 };
		size_t len, before = checked, tbefore = total;
		char *buf = file_read_regular(g.gl_pathv[f], 1 << 20, &len, &d);
		struct ynode *root = buf ? ynode_parse(g.gl_pathv[f], buf, len, &lim, &d) : NULL;
		const struct ynode *steps;
		assert_non_null(root);
		arm64_lesson = ynode_get(root, "arch") &&
			       strncmp(ynode_get(root, "arch")->str, "arm64-", 6) == 0;
		steps = ynode_get(root, "steps");
		for (size_t s = 0; s < steps->n; s++) {
			const struct ynode *m = steps->items[s], *h;
			scan_text(g.gl_pathv[f], buf, len, ynode_get(m, "text"));
			scan_text(g.gl_pathv[f], buf, len, ynode_get(m, "question"));
			if ((h = ynode_get(m, "hints")))
				for (size_t i = 0; i < h->n; i++)
					scan_text(g.gl_pathv[f], buf, len, h->items[i]);
		}
		print_message("%s: %zu numbers in prose, %zu checked\n", g.gl_pathv[f],
			      total - tbefore, checked - before);
		ynode_free(root);
		free(buf);
	}
	globfree(&g);
	print_message("all lessons: %zu numbers in prose, %zu checked, %zu unchecked\n", total,
		      checked, total - checked);
	for (size_t i = 0; i < 8; i++)
		print_message("  unchecked, %s: %zu\n", classes[i], nclass[i]);
	assert_true(checked >= MIN_CHECKED);
}

/* The example: lesson 03 teaching PTRS_PER_PGD = 1000. */
static void test_ptrs_per_pgd_1000(void **state)
{
	struct diag d = { 0 };
	glob_t g;
	size_t len;
	char *buf, *at;
	struct lesson *l;

	(void)state;
	assert_int_equal(glob("lessons/03-*.yaml", 0, NULL, &g), 0);
	buf = file_read_regular(g.gl_pathv[0], 1 << 20, &len, &d);
	assert_non_null(buf);
	at = strstr(buf, "`PTRS_PER_PGD = 1024`");
	assert_non_null(at);
	memcpy(at + 16, "1000", 4);
	l = lesson_load_buffer(g.gl_pathv[0], buf, len, &d);
	assert_null(l);
	assert_string_equal(d.msg, "PTRS_PER_PGD is 1024 on x86-32, not 1000");
	int line = 1;
	for (char *q = buf; q < at; q++)
		line += *q == '\n';
	assert_int_equal(d.line, line);
	free(buf);
	globfree(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ptrs_per_pgd_1000),
		cmocka_unit_test(test_mutants),
	};
	const char *root = getenv("PAGEWALK_ROOT");

	if (root && chdir(root) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
