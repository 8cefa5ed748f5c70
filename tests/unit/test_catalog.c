/* SPDX-License-Identifier: GPL-2.0-only */
/* test_catalog.c - the catalog: one search order for lessons and traces,
 * finding a lesson by name, listing both with what the menu shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "catalog/catalog.h"
#include "fixture.h"

static void test_search_order(void **state)
{
	const char *dirs[DATADIR_SEARCH_MAX];
	char want[1024];

	(void)state;
	fx_env("PAGEWALK_LESSONS", NULL);
	fx_env("PAGEWALK_TRACES", NULL);
	for (int k = 0; k < DATA_KINDS; k++) {
		const char *what = k == DATA_LESSONS ? "lessons" : "traces";
		assert_int_equal(datadir_search(k, dirs), 2);
		assert_string_equal(dirs[0], what);
		snprintf(want, sizeof want, "%s/%s", datadir_installed(), what);
		assert_string_equal(dirs[1], want);
	}
	fx_env("PAGEWALK_TRACES", "/some/traces");
	assert_int_equal(datadir_search(DATA_TRACES, dirs), 3);
	assert_string_equal(dirs[0], "/some/traces");
	assert_string_equal(dirs[1], "traces");
	assert_int_equal(datadir_search(DATA_LESSONS, dirs), 2);   /* the other kind's own */
	fx_env("PAGEWALK_TRACES", "");                         /* empty: not set */
	assert_int_equal(datadir_search(DATA_TRACES, dirs), 2);
	fx_env("PAGEWALK_TRACES", NULL);
}

static void test_find_and_list(void **state)
{
	char path[4096], out[4096];
	struct fx_tmp t;
	const char *dir = t.dir;
	struct diag d = { 0 };
	struct catalog *c;

	(void)state;
	fx_tmp_new(&t, "lessons");
	fx_write(&t, "03-two-level.yaml",
		 "title: {en: Two, ja: 二}\narch: x86-32\nsteps: [{kind: text, text: t}]\n");
	fx_write(&t, "04-pae.yaml", "title: Four\narch: x86-32-pae\nsteps: [{kind: text, text: t}]\n");
	fx_write(&t, "04-pae-more.yaml", "title: [broken\n");
	fx_env("PAGEWALK_LESSONS", dir);

	assert_int_equal(catalog_lesson_find("03", out, sizeof out, &d), 0);
	snprintf(path, sizeof path, "%s/03-two-level.yaml", dir);
	assert_string_equal(out, path);
	assert_int_equal(catalog_lesson_find("04-pae", out, sizeof out, &d), 0);  /* exact wins */
	snprintf(path, sizeof path, "%s/04-pae.yaml", dir);
	assert_string_equal(out, path);
	assert_int_equal(catalog_lesson_find("04-pae-", out, sizeof out, &d), 0);
	assert_int_equal(catalog_lesson_find("04", out, sizeof out, &d), -1);
	assert_non_null(strstr(d.msg, "ambiguous"));
	assert_int_equal(catalog_lesson_find("99", out, sizeof out, &d), -1);
	assert_non_null(strstr(d.msg, "no lesson named 99"));
	assert_int_equal(catalog_lesson_find("x/y.yaml", out, sizeof out, &d), 0);
	assert_string_equal(out, "x/y.yaml");

	c = catalog_new(&d);
	assert_non_null(c);
	assert_string_equal(c->lesson_dir, dir);
	assert_int_equal(c->nlessons, 3);
	assert_string_equal(c->lessons[0].name, "03-two-level");
	assert_true(c->lessons[0].ok);
	assert_string_equal(text_get(&c->lessons[0].title, LANG_JA), "二");
	assert_string_equal(c->lessons[1].name, "04-pae");
	assert_string_equal(c->lessons[2].name, "04-pae-more");
	assert_false(c->lessons[2].ok);
	assert_true(c->lessons[2].diag.line > 0);
	catalog_free(c);

	fx_env("PAGEWALK_LESSONS", NULL);
	fx_tmp_free(&t);
}

/* Traces are listed like lessons, each described (or said to be broken). */
static void test_traces(void **state)
{
	struct fx_tmp t;
	const char *dir = t.dir;
	struct diag d = { 0 };
	struct catalog *c;

	(void)state;
	fx_tmp_new(&t, "traces");
	fx_sh("cp traces/vmalloc-2level-qemu.yaml '%s/b-good.yaml' && "
	      "head -c 2000 traces/demand-pae-bochs.yaml > '%s/a-cut.yaml' && "
	      "mkdir '%s/c-dir.yaml' && touch '%s/.hidden.yaml' '%s/notes.txt'",
	      dir, dir, dir, dir, dir);
	fx_env("PAGEWALK_TRACES", dir);
	c = catalog_new(&d);
	assert_non_null(c);
	assert_string_equal(c->trace_dir, dir);
	assert_int_equal(c->ntraces, 3);
	assert_string_equal(c->traces[0].name, "a-cut.yaml");
	assert_int_equal(c->traces[0].state, TRACE_INFO_BROKEN);
	assert_true(c->traces[0].diag.line > 0);
	assert_string_equal(c->traces[1].name, "b-good.yaml");
	assert_int_equal(c->traces[1].state, TRACE_INFO_OK);
	assert_string_equal(c->traces[1].scenario, "vmalloc");
	assert_string_equal(c->traces[1].emulator, "qemu");
	assert_string_equal(c->traces[1].arch, "x86-32");
	assert_true(c->traces[1].faults > 0);
	assert_int_equal(c->traces[2].state, TRACE_INFO_NOT_FILE);
	catalog_free(c);

	/* an empty $PAGEWALK_TRACES: the next place in the order (the clone's) */
	fx_tmp_free(&t);
	fx_tmp_new(&t, "traces");
	fx_env("PAGEWALK_TRACES", dir);
	c = catalog_new(&d);
	assert_non_null(c);
	assert_string_equal(c->trace_dir, "traces");
	assert_true(c->ntraces > 0);
	catalog_free(c);
	fx_env("PAGEWALK_TRACES", NULL);
	fx_tmp_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_order),
		cmocka_unit_test(test_find_and_list),
		cmocka_unit_test(test_traces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
