/* SPDX-License-Identifier: GPL-2.0-only */
/* test_linuxtab.c - guest/linux/linux.tab, the Linux recorder's one table
 * (engine/record/linuxtab.c): the compiled-in table is whole and agrees
 * with the init's steps; plans resolve a mode's, a scenario's and a
 * variant's rows; a broken table is refused at its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "paging/arch.h"
#include "record/linuxtab.h"

static void test_builtin(void **state)
{
	struct diag d = { 0 };
	struct linuxtab *t = linuxtab_builtin(&d);
	char names[300];

	(void)state;
	if (!t)
		fail_msg("%s:%d: %s", d.path, d.line, d.msg);
	linuxtab_names(t, "mode", names, sizeof names);
	assert_string_equal(names, "2level, pae, 4level, 5level, arm64-4k-39, arm64-4k-48 and "
			    "arm64-64k-42");
	linuxtab_names(t, "variant", names, sizeof names);
	assert_string_equal(names, "2level, pae, x86_64, thppti, arm64-4k-39, arm64-4k-48 and arm64-64k-42");
	/* every mode's paging model is one the engine has */
	for (size_t i = 0; linuxtab_nth(t, "mode", i); i++)
		assert_non_null(arch_by_name(linuxtab_value(linuxtab_nth(t, "mode", i), "paging")));
	linuxtab_free(t);
}

static void test_plans(void **state)
{
	struct diag d = { 0 };
	struct linuxtab *t = linuxtab_builtin(&d);
	struct linuxtab_plan p;

	(void)state;
	assert_int_equal(linuxtab_plan(t, "5level", "all", &p, &d), 0);
	assert_string_equal(p.paging, "x86-64-la57");
	assert_string_equal(p.variant, "x86_64");
	assert_string_equal(p.arch, "x86_64");
	assert_string_equal(p.qemu, "qemu-system-x86_64");
	assert_string_equal(p.cpu, "qemu64,+la57");
	assert_string_equal(p.cc, "-m64");
	assert_string_equal(p.steps, "demand,protection,fork,stack,munmap,vmalloc");
	/* the mode's words: x86_64 skips the IO-APIC timer test */
	assert_string_equal(p.append, "no_timer_check");
	assert_int_equal(p.mem, 128);
	assert_int_equal(linuxtab_plan(t, "2level", "vmalloc", &p, &d), 0);
	assert_string_equal(p.steps, "vmalloc");
	assert_int_equal(linuxtab_plan(t, "pae", "vmalloc", &p, &d), -1);
	assert_string_equal(d.msg, "--scenario vmalloc runs in 2level only: PAE and 64-bit kernels "
			    "share their kernel tables, so no vmalloc fault happens");
	assert_int_equal(linuxtab_plan(t, "3level", "all", &p, &d), -1);
	assert_string_equal(d.msg, "--mode 3level: Linux runs in 2level, pae, 4level, 5level, "
			    "arm64-4k-39, arm64-4k-48 and arm64-64k-42");
	/* an arm64 mode: the board, the cross prefix, gdb-multiarch */
	assert_int_equal(linuxtab_plan(t, "arm64-64k-42", "fork", &p, &d), 0);
	assert_string_equal(p.paging, "arm64-64k-42");
	assert_string_equal(p.arch, "arm64");
	assert_string_equal(p.qemu, "qemu-system-aarch64");
	assert_string_equal(p.machine, "virt");
	assert_string_equal(p.gdb, "gdb-multiarch");
	assert_string_equal(p.cross, "aarch64-linux-gnu-");
	assert_string_equal(p.image, "arch/arm64/boot/Image");
	/* x86: no board named, the host's gdb and gcc */
	assert_int_equal(linuxtab_plan(t, "4level", "fork", &p, &d), 0);
	assert_null(p.machine);
	assert_string_equal(p.gdb, "gdb");
	assert_string_equal(p.cross, "");
	assert_int_equal(linuxtab_plan(t, "2level", "nope", &p, &d), -1);
	assert_string_equal(d.msg, "--scenario nope: the Linux scenarios are demand, protection, "
			    "fork, stack, munmap, vmalloc, all, thp, file, pti and tlb");
	/* issue 23's scenarios: THP on the thppti kernel with 560 MiB (THP is
	 * off below 512 MiB), PTI with pti=on, file everywhere */
	assert_int_equal(linuxtab_plan(t, "5level", "thp", &p, &d), 0);
	assert_string_equal(p.variant, "thppti");
	assert_string_equal(p.cpu, "qemu64,+la57");
	assert_int_equal(p.mem, 560);
	assert_string_equal(p.append, "no_timer_check");
	assert_int_equal(linuxtab_plan(t, "2level", "thp", &p, &d), -1);
	assert_string_equal(d.msg, "--scenario thp runs in 4level, 5level only: transparent huge "
			    "pages are built into the x86_64 kernel only (its thppti variant)");
	assert_int_equal(linuxtab_plan(t, "4level", "pti", &p, &d), 0);
	assert_string_equal(p.variant, "thppti");
	assert_string_equal(p.append, "no_timer_check,pti=on");   /* the mode's, then the scenario's */
	assert_int_equal(p.mem, 128);
	assert_int_equal(linuxtab_plan(t, "2level", "all", &p, &d), 0);
	assert_string_equal(p.append, "");                        /* i386: no IO-APIC */
	assert_int_equal(linuxtab_plan(t, "5level", "pti", &p, &d), -1);
	assert_int_equal(linuxtab_plan(t, "2level", "file", &p, &d), 0);
	assert_string_equal(p.variant, "2level");
	assert_string_equal(p.steps, "file");
	/* an outside word is escaped in the message */
	assert_int_equal(linuxtab_plan(t, "2\x1b[2J", "all", &p, &d), -1);
	assert_null(strchr(d.msg, '\x1b'));
	linuxtab_free(t);
}

/* A scenario row with its own variant, memory and kernel words. */
static void test_rows_not_code(void **state)
{
	static const char tab[] =
		"variant x86_64 arch=x86_64 configs=x86_64.config cc=-m64 image=bz\n"
		"variant x86_64-thp arch=x86_64 configs=x86_64.config,thp.config cc=-m64 image=bz\n"
		"variant 2level arch=i386 configs=2level.config cc=-m32 image=bz\n"
		"mode 4level paging=x86-64 variant=x86_64 qemu=q cpu=c console=ttyS0 mem=128\n"
		"mode 2level paging=x86-32 variant=2level qemu=q cpu=c console=ttyS0 mem=128\n"
		"scenario thp steps=thp variant=x86_64-thp mem=560 append=transparent_hugepage=madvise,x=1\n"
		"scenario bad steps=x variant=2level modes=4level\n";
	struct diag d = { 0 };
	struct linuxtab *t = linuxtab_parse(tab, "t.tab", &d);
	struct linuxtab_plan p;

	(void)state;
	if (!t)
		fail_msg("%s:%d: %s", d.path, d.line, d.msg);
	assert_int_equal(linuxtab_plan(t, "4level", "thp", &p, &d), 0);
	assert_string_equal(p.variant, "x86_64-thp");
	assert_int_equal(p.mem, 560);
	assert_string_equal(p.append, "transparent_hugepage=madvise,x=1");
	/* a variant of another ARCH cannot boot in that mode */
	assert_int_equal(linuxtab_plan(t, "2level", "thp", &p, &d), -1);
	assert_non_null(strstr(d.msg, "boots the x86_64-thp kernel, which cannot run in 2level"));
	assert_int_equal(linuxtab_plan(t, "4level", "bad", &p, &d), -1);
	linuxtab_free(t);
}

static void bad(const char *text, int line, const char *want)
{
	struct diag d = { 0 };
	struct linuxtab *t = linuxtab_parse(text, "t.tab", &d);

	assert_null(t);
	assert_int_equal(d.line, line);
	if (!strstr(d.msg, want))
		fail_msg("got \"%s\", want \"%s\"", d.msg, want);
}

#define V "variant v arch=i386 configs=a.config cc=-m32 image=bz\n"
#define M "mode m paging=x86-32 variant=v qemu=q cpu=c console=ttyS0 mem=128\n"

static void test_bad_tables(void **state)
{
	(void)state;
	bad("# a comment\nvariant\n", 2, "a kind and a name");
	bad(V "model m paging=x86-32\n", 2, "unknown kind");
	bad(V "mode m paging=x86-32 variant=v qemu=q cpu=c mem=128\n", 2,
	    "a mode row needs paging, variant, qemu, cpu, console and mem");
	bad("variant v arch=i386 configs=a cc=-m32\n", 1, "a variant row needs");
	bad(V M "scenario s\n", 3, "a scenario row needs steps");
	bad(V M "scenario s steps=a colour=red\n", 3, "a key this kind of row does not have");
	bad(V M "scenario s steps=a steps=b\n", 3, "a key given twice");
	bad(V M "scenario s steps\n", 3, "KEY=VALUE");
	bad(V M "scenario s steps=\n", 3, "KEY=VALUE");
	bad(V V, 2, "a second row of this kind with this name");
	bad(V "mode m paging=x86-32 variant=w qemu=q cpu=c console=ttyS0 mem=128\n", 2,
	    "the mode's variant has no variant row");
	bad(V "mode m paging=x86-48 variant=v qemu=q cpu=c console=ttyS0 mem=128\n", 2,
	    "paging model is not one pagewalk knows");
	bad(V M "scenario s steps=a modes=m,n\n", 3, "names a mode that has no mode row");
	bad(V M "scenario s steps=a variant=w\n", 3, "the scenario's variant has no variant row");
	bad(V "mode m paging=x86-32 variant=v qemu=q cpu=c console=ttyS0 mem=8\n", 2,
	    "mem= is MiB, 16 to 65536");
	bad(V M "scenario s steps=a\x1b[2J\n", 3, "control character");
}

/* The steps the table's scenarios name are the init's (guest/linux/init.c:
 * its table of steps), and each of the init's steps is used. */
static void test_init_steps(void **state)
{
	FILE *f = fopen("guest/linux/init.c", "r");
	char line[512], init[512] = ",";
	struct diag d = { 0 };
	struct linuxtab *t = linuxtab_builtin(&d);
	const struct linuxtab_row *r;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof line, f))
		for (char *p = line; (p = strstr(p, "{ \"")); p += 3) {
			size_t n = strcspn(p + 3, "\"");
			strncat(init, p + 3, n);
			strcat(init, ",");
		}
	fclose(f);
	assert_string_equal(init, ",demand,protection,fork,stack,munmap,vmalloc,thp,file,");
	for (size_t i = 0; (r = linuxtab_nth(t, "scenario", i)); i++) {
		char steps[256], *s;
		/* a row chosen by an option runs its own init: --program's
		 * guest/linux/progrun.c takes steps=program and nothing else */
		if (linuxtab_value(r, "by")) {
			assert_string_equal(r->name, "program");
			assert_string_equal(linuxtab_value(r, "steps"), "program");
			continue;
		}
		snprintf(steps, sizeof steps, "%s", linuxtab_value(r, "steps"));
		for (s = strtok(steps, ","); s; s = strtok(NULL, ",")) {
			char want[80];
			snprintf(want, sizeof want, ",%s,", s);
			if (!strstr(init, want))
				fail_msg("scenario %s: step %s is not one of the init's (%s)", r->name, s,
					 init);
		}
	}
	linuxtab_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_plans),
		cmocka_unit_test(test_rows_not_code),
		cmocka_unit_test(test_bad_tables),
		cmocka_unit_test(test_init_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
