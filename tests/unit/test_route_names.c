/* SPDX-License-Identifier: GPL-2.0-only */
/* test_route_names.c - every route name pagewalk shows for Linux is a
 * function of Linux 6.1 (issue 22: 6.1 has no bad_area() and no
 * no_context()). The names: each route as a trace of a real kernel names
 * it (trace_path_name: `dump`, `dump --format md`, the replayer's header,
 * a lesson's {path} for a Linux replay), each branch as Linux 6.1 takes it,
 * and what lesson 09's Linux 6.1 fault-path quiz asks and answers (its
 * choices, the answer of every instance over 64 seeds).
 *
 * In the unit suite: the names are the ones expected (a fixed list). With
 * LINUX_SRC=DIR (tests/linux/routes.sh, where the kernels' source tree is
 * at hand), each is also found defined as a C function in
 * arch/x86/mm/fault.c, mm/memory.c or (the huge-page routes)
 * mm/huge_memory.c of that tree
 * (linuxsrc_find_function, the replayer's own lookup). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lesson/lesson.h"
#include "lesson/quiz.h"
#include "paging/fault.h"
#include "source/linuxsrc.h"
#include "trace/trace.h"

#define MAXN 64

struct names {
	char name[MAXN][64];
	size_t n;
};

static void add(struct names *ns, const char *s, size_t len)
{
	char w[64];

	if (len == 0 || len >= sizeof w)
		return;
	memcpy(w, s, len);
	w[len] = 0;
	if (strchr(w, '/'))
		*strchr(w, '/') = 0;        /* do_anonymous_page/zero_page: the function */
	for (size_t i = 0; i < ns->n; i++)
		if (strcmp(ns->name[i], w) == 0)
			return;
	assert_true(ns->n < MAXN);
	snprintf(ns->name[ns->n++], sizeof ns->name[0], "%s", w);
}

/* Each identifier-like word of text (letters, digits, '_', '/'). */
static void add_words(struct names *ns, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz_0123456789/");
		if (n && strchr(p, '_') && strchr(p, '_') < p + n)
			add(ns, p, n);
		p += n ? n : 1;
	}
}

static void collect(struct names *ns)
{
	struct trace *t = trace_new(arch_get(ARCH_X86_32));
	struct diag d = { 0 };
	struct lesson *l;

	assert_non_null(t);
	assert_int_equal(trace_set_text(&t->h.kernel_source, "linux-source-6.1 6.1.192-3"), 0);
	for (int p = 0; p < FAULT_PATH_COUNT; p++) {
		const char *s = trace_path_name(t, (enum fault_path)p);
		if (p == FAULT_ACCESS_FLAG)
			continue;   /* arm64's only: an x86 trace never shows it */
		add(ns, s, strlen(s));
	}
	for (int b = 0; b < BRANCH_COUNT; b++) {
		const char *s = fault_branch_kernel_name((enum fault_branch)b);
		add(ns, s, strlen(s));
	}
	trace_free(t);
	l = lesson_load("lessons/09-what-changed.yaml", &d);
	if (!l)
		fail_msg("%s:%d: %s", d.path, d.line, d.msg);
	for (size_t i = 0; i < l->nsteps; i++) {
		const struct step *st = &l->steps[i];
		if (st->kind != STEP_QUIZ || st->u.quiz.kind != QUIZ_FAULT_PATH)
			continue;
		assert_true(st->u.quiz.linux61);
		/* the choices the question offers, in both languages */
		const char *en = text_get(&st->u.quiz.question, LANG_EN);
		add_words(ns, strchr(en, '(') ? strrchr(en, '(') : "");
		for (uint64_t seed = 0; seed < 64; seed++) {
			struct quiz_instance qi;
			if (quiz_instance(st, seed, &qi, &d) < 0)
				fail_msg("%s", d.msg);
			add_words(ns, qi.answer_text);
			quiz_instance_clear(&qi);
		}
	}
	lesson_free(l);
}

static bool listed(const struct names *ns, const char *w)
{
	for (size_t i = 0; i < ns->n; i++)
		if (strcmp(ns->name[i], w) == 0)
			return true;
	return false;
}

/* The names, as a fixed list: none is a 2.6-era function 6.1 lacks. */
static void test_the_names(void **state)
{
	static const char *const want[] = {
		"vmalloc_fault", "do_anonymous_page", "do_wp_page", "do_fault",
		"bad_area_access_error", "bad_area_nosemaphore", "page_fault_oops",
		"handle_mm_fault", "do_huge_pmd_anonymous_page",
	};
	struct names ns = { 0 };

	(void)state;
	collect(&ns);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!listed(&ns, want[i]))
			fail_msg("%s is not among the names shown", want[i]);
	for (size_t i = 0; i < ns.n; i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof want / sizeof want[0]; k++)
			known |= strcmp(ns.name[i], want[k]) == 0;
		if (!known)
			fail_msg("%s is shown for Linux, and is not one of the expected names",
				 ns.name[i]);
	}
	assert_false(listed(&ns, "bad_area"));
	assert_false(listed(&ns, "no_context"));
}

/* Read DIR/file as a linuxsrc_file (free with linuxsrc_file_free). */
static bool read_src(const char *dir, const char *file, struct linuxsrc_file *f)
{
	char path[1024], *buf;
	FILE *fp;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	if (!(fp = fopen(path, "rb")))
		return false;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	assert_int_equal(linuxsrc_file_from(f, buf, (size_t)n), 0);
	return true;
}

/* LINUX_SRC=DIR: each name is a function of that tree. */
static void test_in_the_source(void **state)
{
	static const char *const files[] = { "arch/x86/mm/fault.c", "mm/memory.c",
					     "mm/huge_memory.c" };
	const char *dir = getenv("LINUX_SRC");
	struct linuxsrc_file f[3];
	struct names ns = { 0 };

	(void)state;
	collect(&ns);
	for (int i = 0; i < 3; i++)
		if (!read_src(dir, files[i], &f[i]))
			fail_msg("%s/%s: cannot read it", dir, files[i]);
	for (size_t i = 0; i < ns.n; i++) {
		unsigned a, b;
		bool found = false;
		for (int k = 0; k < 3 && !found; k++)
			found = linuxsrc_find_function(&f[k], ns.name[i], &a, &b) == 0;
		if (!found)
			fail_msg("%s is shown for Linux 6.1, but no such function is in %s's "
				 "arch/x86/mm/fault.c, mm/memory.c or mm/huge_memory.c", ns.name[i], dir);
		print_message("%s: a function of Linux 6.1\n", ns.name[i]);
	}
	for (int i = 0; i < 3; i++)
		linuxsrc_file_free(&f[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_the_names) };
	const struct CMUnitTest src[] = { cmocka_unit_test(test_in_the_source) };
	const char *dir = getenv("LINUX_SRC");

	if (dir && *dir)
		return cmocka_run_group_tests(src, NULL, NULL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
