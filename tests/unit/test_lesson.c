/* SPDX-License-Identifier: GPL-2.0-only */
/* test_lesson.c - the lesson loader: every step kind computed by the engine,
 * placeholders filled, bad input rejected with its location, lesson names. */
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
#include "lesson/placeholder.h"

#define ALL_KINDS "tests/lessons/good/all-kinds.yaml"

static struct lesson *load_ok(const char *path)
{
	struct diag d = { 0 };
	struct lesson *l = lesson_load(path, &d);

	if (!l)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	return l;
}

static void test_all_kinds_model(void **state)
{
	struct lesson *l = load_ok(ALL_KINDS);
	static const enum step_kind kinds[] = {
		STEP_TEXT, STEP_SPLIT, STEP_WALK, STEP_WALK, STEP_WALK, STEP_COMPARE, STEP_CODE,
		STEP_CODE, STEP_FAULT, STEP_FAULT,
	};

	(void)state;
	assert_string_equal(l->name, "all-kinds");
	assert_string_equal(text_get(&l->title, LANG_EN), "Every step kind");
	assert_string_equal(text_get(&l->title, LANG_JA), "すべての種類のステップ");
	assert_string_equal(l->arch->name, "x86-32-pae");
	assert_int_equal(l->nsteps, 21);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		assert_int_equal(l->steps[i].kind, kinds[i]);
	for (size_t i = 10; i < l->nsteps; i++)
		assert_int_equal(l->steps[i].kind, STEP_QUIZ);
	/* step 0: paragraphs kept, braces literal in text steps */
	assert_string_equal(text_get(&l->steps[0].body, LANG_EN),
			    "A paragraph with `code` and {braces}.\n\nSecond paragraph.\n");
	assert_string_equal(text_get(&l->steps[0].heading, LANG_JA), "はじめ");
	assert_int_equal(l->steps[0].line, 14);
	lesson_free(l);
}

static void test_split_and_placeholders(void **state)
{
	struct lesson *l = load_ok(ALL_KINDS);
	const struct step *s = &l->steps[1];

	(void)state;
	/* PAE: pgd bits 31..30, pmd 29..21, pte 20..12 (Linux pgtable-3level) */
	assert_int_equal(s->u.split.fields.index[LEVEL_PGD], 3);
	assert_int_equal(s->u.split.fields.index[LEVEL_PMD], 0);
	assert_int_equal(s->u.split.fields.index[LEVEL_PTE], 0x101);
	assert_int_equal(s->u.split.fields.offset, 0x234);
	assert_string_equal(text_get(&s->body, LANG_EN),
			    "pgd 3, pmd 0, pte 257 (0x101), offset 0x234; {literal}");
	lesson_free(l);
}

static void test_walk_from_mappings(void **state)
{
	struct lesson *l = load_ok(ALL_KINDS);
	const struct step_walk *w = &l->steps[2].u.walk;

	(void)state;
	assert_string_equal(w->setup.arch->name, "x86-64");
	assert_int_equal(w->setup.cr3, 0x200000);
	assert_int_equal(w->walk.status, WALK_OK);
	assert_int_equal(w->walk.nsteps, 5);          /* p4d folded, still a step */
	assert_true(w->walk.step[1].folded);
	assert_int_equal(w->walk.step[1].level, LEVEL_P4D);
	assert_int_equal(w->walk.step[4].entry_pa, 0x203000);
	assert_int_equal(w->walk.step[4].entry, 0x1234007);  /* P RW US */
	assert_int_equal(w->walk.phys, 0x1234abc);
	/* tables allocated 4 KiB apart from tables_at: pgd, pud, pmd, pte, ... */
	assert_true(w->setup.npages >= 4);
	assert_int_equal(w->setup.pages[0].pa, 0x200000);
	assert_int_equal(w->setup.pages[0].level, LEVEL_PGD);
	assert_int_equal(w->setup.pages[1].level, LEVEL_PUD);
	assert_string_equal(text_get(&l->steps[2].body, LANG_EN),
			    "cr3 0x200000: pgd entry 0x200000, pte entry 0x203000 = 0x1234007; "
			    "phys 0x1234abc, ok.");
	/* the code attachment */
	assert_non_null(l->steps[2].code.ex);
	assert_string_equal(l->steps[2].code.ex->file, "arch/x86/mm/fault.c");
	assert_true(code_view_highlighted(&l->steps[2].code, 175));
	assert_false(code_view_highlighted(&l->steps[2].code, 176));
	assert_true(code_view_highlighted(&l->steps[2].code, 183));
	/* raw entries on 2-level */
	assert_int_equal(l->steps[3].u.walk.walk.phys, 0x5000);
	/* protection fault: user write to a read-only page */
	assert_int_equal(l->steps[4].u.walk.walk.status, WALK_PROTECTION);
	assert_int_equal(l->steps[4].u.walk.walk.error_code, PF_PROT | PF_WRITE | PF_USER);
	assert_string_equal(text_get(&l->steps[4].body, LANG_EN), "protection: error code 0x7");
	lesson_free(l);
}

static void test_compare_code_fault(void **state)
{
	struct lesson *l = load_ok(ALL_KINDS);
	const struct step_compare *c = &l->steps[5].u.compare;
	const struct step_fault *f = &l->steps[8].u.fault;
	const struct code_view *cv = &l->steps[7].code;

	(void)state;
	assert_int_equal(c->narch, 3);
	assert_int_equal(c->fields[0].index[LEVEL_PGD], 768);
	assert_int_equal(c->fields[1].index[LEVEL_PGD], 3);
	assert_true(c->fits[2]);
	assert_int_equal(c->fields[2].index[LEVEL_PUD], 3);
	/* excerpt: a reference (file, v6.1, lines, symbol), no text until resolved */
	assert_string_equal(l->steps[6].code.ex->file, "arch/x86/mm/fault.c");
	assert_string_equal(l->steps[6].code.ex->version, "v6.1");
	assert_string_equal(l->steps[6].code.ex->symbol, "vmalloc_sync_one");
	assert_int_equal(l->steps[6].code.ex->first_line, 173);
	assert_int_equal(l->steps[6].code.ex->last_line, 214);
	assert_null(l->steps[6].code.ex->lines);
	assert_int_equal(cv->ex->first_line, 123);
	assert_int_equal(cv->ex->last_line, 141);
	assert_true(code_view_highlighted(cv, 128) && code_view_highlighted(cv, 134));
	assert_false(code_view_highlighted(cv, 127) || code_view_highlighted(cv, 135));
	/* vmalloc fault: process pgd slot empty, master has it, sync copies it */
	assert_true(f->faulted);
	assert_int_equal(f->error_code, PF_WRITE);
	assert_int_equal(f->path, FAULT_VMALLOC_SYNC);
	assert_true(f->synced);
	assert_int_equal(f->sync.result, SYNC_COPIED);
	assert_int_equal(f->after.status, WALK_OK);
	assert_int_equal(f->after.phys, 0x300010);
	assert_int_equal(f->setup.master_cr3, 0x100000);
	assert_int_equal(f->setup.cr3, 0x101000);
	/* the master's memory is untouched, the copy has the process entry set */
	assert_int_equal(physmem_read(f->setup.mem, 0x101000 + (0xd0800010 >> 22) * 4, 4), 0);
	assert_int_equal(physmem_read(f->mem_after, 0x101000 + (0xd0800010 >> 22) * 4, 4),
			 physmem_read(f->mem_after, 0x100000 + (0xd0800010 >> 22) * 4, 4));
	assert_string_equal(text_get(&l->steps[8].body, LANG_EN),
			    "0x2 -> vmalloc_fault -> copied -> 0x300010");
	assert_int_equal(l->steps[9].u.fault.path, FAULT_ZERO_PAGE);
	lesson_free(l);
}

struct bad_case {
	const char *yaml;
	int line, col;
	const char *msg;   /* substring */
};

#define HDR "title: T\narch: x86-32\n"
static const struct bad_case bad_cases[] = {
	{ HDR "steps:\n  - {kind: text, text: \"\\e[2J\"}\n", 0, 0, NULL }, /* good: escaped */
	{ HDR "steps:\n  - {kind: split, addr: 0x1000, expect: {pte: 2}}\n", 4, 47,
	  "the engine computes 0x1 (1), not 0x2 (2)" },
	{ HDR "steps:\n  - {kind: walk, cr3: 0x1000, addr: 0, expect: {status: ok}}\n", 4, 57,
	  "the engine says not-present" },
	{ HDR "steps:\n  - {kind: walk, cr3: 0x1000, addr: 0, expect: {phys: 0}}\n", 4, 49,
	  "does not reach a page" },
	{ HDR "steps:\n  - {kind: split, addr: 0x1000, text: \"{pte.entry}\"}\n", 4, 39,
	  "unknown placeholder {pte.entry}" },
	{ HDR "steps:\n  - {kind: split, addr: 0x1000, text: \"{pte\"}\n", 4, 39, "not closed" },
	{ HDR "steps:\n  - {kind: quiz, ask: index, question: \"{foo}\", level: pte, addr: 1}\n",
	  4, 40, "unknown placeholder {foo} in a quiz" },
	{ HDR "steps:\n  - {kind: compare, addr: 0x1000, archs: [x86-32]}\n", 4, 42,
	  "2 to 4 archs" },
	{ HDR "steps:\n  - {kind: walk, mappings: [{va: 0, pa: 0, size: 4m}, {va: 0x1000, pa: 0}],"
	  " addr: 0}\n", 4, 55, "overlaps a large page" },
	{ HDR "steps:\n  - {kind: quiz, ask: macro, question: q, macro: PMD_SIZ}\n", 4, 50,
	  "unknown macro \"PMD_SIZ\"" },
	{ "title: T\narch: x86-32-pae\nsteps:\n  - {kind: walk, cr3: 0x1020, addr: 0}\n", 0, 0,
	  NULL },  /* PAE cr3 32-byte aligned: fine */
	{ HDR "steps:\n  - {kind: walk, cr3: 0x1020, addr: 0}\n", 4, 23, "not aligned" },
};

static void test_bad_buffers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		struct diag d = { 0 };
		struct lesson *l = lesson_load_buffer("mem.yaml", c->yaml, strlen(c->yaml), &d);
		if (!c->msg) {
			if (!l)
				fail_msg("case %zu: %d:%d: %s", i, d.line, d.col, d.msg);
			lesson_free(l);
			continue;
		}
		if (l)
			fail_msg("case %zu loaded", i);
		if (!strstr(d.msg, c->msg) || d.line != c->line || d.col != c->col)
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col, d.msg);
		assert_string_equal(d.path, "mem.yaml");
	}
}

static void test_escape_kept_out(void **state)
{
	const char *y = HDR "steps:\n  - {kind: text, text: \"a\\e[2Jb\\x9bc\"}\n";
	struct diag d = { 0 };
	struct lesson *l = lesson_load_buffer("mem.yaml", y, strlen(y), &d);

	(void)state;
	assert_non_null(l);
	assert_string_equal(text_get(&l->steps[0].body, LANG_EN), "a\\x1b[2Jb\\u009bc");
	lesson_free(l);
}

static int ph_test(void *ctx, const char *name, size_t len, struct ph_value *out,
		   struct diag *d)
{
	(void)ctx;
	if (len == 1 && name[0] == 'n') {
		*out = (struct ph_value){ .is_num = true, .num = 255 };
		return 0;
	}
	diag_set(d, NULL, 0, 0, "no");
	return -1;
}

static void test_text_expand(void **state)
{
	char *o;
	struct diag d = { 0 };

	(void)state;
	assert_int_equal(text_expand("{n} {n:x} {{n}} }", ph_test, NULL, &o, &d), 0);
	assert_string_equal(o, "255 0xff {n} }");
	free(o);
	assert_int_equal(text_expand("{m}", ph_test, NULL, &o, &d), -1);
	assert_int_equal(text_expand("{n:q}", ph_test, NULL, &o, &d), -1);
}

/* arm64 walk placeholders: the TTBRs, the ESR's fields (the status code
 * with two digits, as esr.h and translate write it), FAR, the fault's name
 * and Linux's route. */
static void test_arm64_placeholders(void **state)
{
	struct lesson *l = load_ok("tests/lessons/good/arm64-all-kinds.yaml");

	(void)state;
	assert_string_equal(l->steps[0].body.s[LANG_EN], "TTBR1_EL1: pgd 256 (level 1), pmd 0, "
			    "pte 257, offset 0x234; VA_BITS 39, 3 levels");
	assert_string_equal(l->steps[1].body.s[LANG_EN], "0x200000 0x201000: access-flag-fault, "
			    "ESR 0x9200004b (EC 0x24, WnR 1, FSC 0x0b), FAR 0x401010: level 3 "
			    "access flag fault, do_page_fault");
	lesson_free(l);
}

/* ---- replay steps and sync placeholders ---- */

#define RP_HEAD "title: r\narch: x86-32\nsteps:\n"

static struct lesson *load_buf(const char *path, const char *buf, struct diag *d)
{
	memset(d, 0, sizeof *d);
	return lesson_load_buffer(path, buf, strlen(buf), d);
}

static void test_replay_step(void **state)
{
	const char *y = RP_HEAD
		"  - kind: replay\n"
		"    trace: traces/vmalloc-2level-qemu.yaml\n"
		"    first: vmalloc_fault\n"
		"    text: \"{event} {cr2} {error_code} {cr3} {path} pgd {pgd} at {pgd.entry} = "
		"{pgd.value}; {sync.entry} <- {sync.master_entry} = {sync.value} was {sync.old}; "
		"{master_cr3}\"\n"
		"  - kind: replay\n"
		"    trace: traces/vmalloc-pae-qemu.yaml\n"
		"    event: 23\n"
		"    path: vmalloc_fault\n"
		"    text: \"{pgd} {pmd} {pmd.entry} {sync.entry} <- {sync.master_entry} = {sync.value}\"\n";
	struct diag d;
	struct lesson *l = load_buf("lessons/rp.yaml", y, &d);
	const struct step_replay *r;

	(void)state;
	if (!l)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_int_equal(l->steps[0].kind, STEP_REPLAY);
	r = &l->steps[0].u.replay;
	/* lessons/../traces/...: found beside the lesson tree */
	assert_string_equal(r->trace_path, "traces/vmalloc-2level-qemu.yaml");
	assert_int_equal(r->seq, 21);
	assert_int_equal(r->event, 20);
	assert_int_equal(r->cr2, 0xc2800000);
	assert_int_equal(r->cr3, 0x114000);
	assert_int_equal(r->path, FAULT_VMALLOC_SYNC);
	assert_true(r->synced);
	assert_int_equal(r->sync.pa, 0x114c28);      /* 0x114000 + 778 * 4 */
	assert_int_equal(r->sync.from, 0x10dc28);    /* init_mm.pgd + 778 * 4 */
	assert_int_equal(r->sync.new_value, 0x11d063);
	assert_int_equal(r->walk.status, WALK_NOT_PRESENT);
	assert_int_equal(r->walk.step[0].index, 778);
	assert_string_equal(text_get(&l->steps[0].body, LANG_EN),
			    "21 0xc2800000 0x0 0x114000 vmalloc_fault pgd 778 at 0x114c28 = 0x0; "
			    "0x114c28 <- 0x10dc28 = 0x11d063 was 0x0; 0x10d000");
	/* PAE: the copy is a pmd entry of the process's own kernel pmd page */
	r = &l->steps[1].u.replay;
	assert_string_equal(r->arch->name, "x86-32-pae");
	assert_string_equal(text_get(&l->steps[1].body, LANG_EN),
			    "3 20 0x1180a0 0x1180a0 <- 0x1100a0 = 0x125063");
	lesson_free(l);
}

static void expect_bad(const char *step, int line, const char *msg_part)
{
	char buf[2048];
	struct diag d;
	struct lesson *l;

	snprintf(buf, sizeof buf, RP_HEAD "%s", step);
	l = load_buf("lessons/rp.yaml", buf, &d);
	if (l) {
		lesson_free(l);
		fail_msg("loaded: %s", step);
	}
	if (!strstr(d.msg, msg_part))
		fail_msg("%d:%d: %s (wanted \"%s\")", d.line, d.col, d.msg, msg_part);
	assert_string_equal(d.path, "lessons/rp.yaml");
	assert_int_equal(d.line, line);
}

static void test_replay_bad(void **state)
{
	FILE *f;

	(void)state;
	expect_bad("  - kind: replay\n    trace: traces/nope.yaml\n    event: 1\n", 5,
		   "trace traces/nope.yaml: no such file");
	expect_bad("  - kind: replay\n    trace: traces/vmalloc-2level-qemu.yaml\n    event: 99\n",
		   6, "has no event 99 (its events are 1-36)");
	expect_bad("  - kind: replay\n    trace: traces/vmalloc-2level-qemu.yaml\n    event: 18\n",
		   6, "event 18 of traces/vmalloc-2level-qemu.yaml is a switch event, not a fault");
	expect_bad("  - kind: replay\n    trace: traces/vmalloc-2level-qemu.yaml\n    event: 26\n"
		   "    path: vmalloc_fault\n", 7, "took the no_context path, not vmalloc_fault");
	expect_bad("  - kind: replay\n    trace: traces/vmalloc-2level-qemu.yaml\n    first: do_wp_page\n",
		   6, "has no do_wp_page fault");
	expect_bad("  - kind: replay\n    trace: traces/vmalloc-2level-qemu.yaml\n    first: sometimes\n",
		   6, "first");
	expect_bad("  - kind: replay\n    trace: traces/vmalloc-2level-qemu.yaml\n", 4,
		   "needs event: N or first: KIND");
	/* an oops copied nothing: {sync.value} has no value */
	expect_bad("  - kind: replay\n    trace: traces/vmalloc-2level-qemu.yaml\n    event: 26\n"
		   "    text: \"{sync.value}\"\n", 7, "event 26 copies no master entry");
	expect_bad("  - kind: replay\n    trace: traces/vmalloc-2level-qemu.yaml\n    event: 21\n"
		   "    text: \"{phys}\"\n", 7, "unknown placeholder {phys}");
	/* a broken trace file: its own error, quoted */
	f = fopen("build/test-broken-trace.yaml", "w");
	assert_non_null(f);
	fputs("pagewalk-trace: 1\narch: x86-99\n", f);
	fclose(f);
	{
		char cwd[1024], step[1400];
		assert_non_null(getcwd(cwd, sizeof cwd));
		snprintf(step, sizeof step, "  - kind: replay\n    trace: %s/build/test-broken-trace.yaml\n"
			 "    event: 1\n", cwd);
		expect_bad(step, 5, "does not load: ");
		expect_bad(step, 5, "test-broken-trace.yaml:2:");
	}
	unlink("build/test-broken-trace.yaml");
}

static void test_trace_search_dirs(void **state)
{
	char out[4096];

	(void)state;
	/* not beside the lesson: ./traces by the name's last part */
	assert_int_equal(lesson_trace_find("/nonexistent/lessons/x.yaml",
					   "traces/vmalloc-pae-bochs.yaml", out, sizeof out), 0);
	assert_string_equal(out, "traces/vmalloc-pae-bochs.yaml");
	fx_env("PAGEWALK_TRACES", "tests/traces");
	assert_int_equal(lesson_trace_find("/nonexistent/x.yaml", "nope/none.yaml", out,
					   sizeof out), -1);
	assert_string_equal(out, "/nope/none.yaml");
	/* a lesson in ./ or ../: DIR/.. */
	assert_int_equal(lesson_trace_find("./x.yaml", "none.yaml", out, sizeof out), -1);
	assert_string_equal(out, "./../none.yaml");
	assert_int_equal(lesson_trace_find("a/b/lessons/x.yaml", "traces/n.yaml", out, sizeof out),
			 -1);
	assert_string_equal(out, "a/b/traces/n.yaml");
	/* beside the lesson tree before the search directories */
	fx_env("PAGEWALK_TRACES", "/nonexistent");
	assert_int_equal(lesson_trace_find("tests/lessons/bad/x.yaml", "../traces/bad/alias.yaml",
					   out, sizeof out), 0);
	assert_string_equal(out, "tests/lessons/../traces/bad/alias.yaml");
	fx_env("PAGEWALK_TRACES", NULL);
}

static void test_fault_sync_placeholders(void **state)
{
	const char *y = RP_HEAD
		"  - kind: fault\n"
		"    tables_at: 0x100000\n"
		"    mappings:\n"
		"      - {va: 0xc0000000, pa: 0x0, size: 4m, flags: rw g, in: both}\n"
		"      - {va: 0xd0800000, pa: 0x300000, flags: rw, in: master}\n"
		"    addr: 0xd0800010\n"
		"    access: write\n"
		"    text: \"{sync.entry} <- {sync.master_entry} = {sync.value} was {sync.old}, "
		"slot {sync.index}, master {master_cr3}, cr3 {cr3}\"\n";
	const char *bad = RP_HEAD
		"  - kind: fault\n"
		"    mappings:\n"
		"      - {va: 0x08048000, pa: 0x200000}\n"
		"    addr: 0x08049000\n"
		"    user: true\n"
		"    text: \"{sync.value}\"\n";
	struct diag d;
	struct lesson *l = load_buf("lessons/rp.yaml", y, &d);

	(void)state;
	if (!l)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	/* master pgd 0x100000, process pgd 0x101000, the vmalloc page table
	 * 0x102000 (P RW US); slot 834 = 0xd0800010 >> 22 */
	assert_string_equal(text_get(&l->steps[0].body, LANG_EN),
			    "0x101d08 <- 0x100d08 = 0x102007 was 0x0, slot 834, master 0x100000, "
			    "cr3 0x101000");
	lesson_free(l);
	l = load_buf("lessons/rp.yaml", bad, &d);
	assert_null(l);
	assert_non_null(strstr(d.msg, "vmalloc_sync_one does not run here"));
	assert_int_equal(d.line, 9);
}

/* Without whitespace, for comparing a tab-expanded line with the file's. */
static void squeeze(const char *in, char *out, size_t len)
{
	size_t o = 0;

	for (; *in && o + 1 < len; in++)
		if (*in != ' ' && *in != '\t')
			out[o++] = *in;
	out[o] = '\0';
}

/* Excerpts resolve against linux-source-6.1, or say how to get it. */
static void test_excerpt_resolve(void **state)
{
	struct lesson *l = load_ok(ALL_KINDS);
	const struct excerpt *e = l->steps[6].code.ex;
	struct linuxsrc *src;
	struct linuxsrc_file *f;
	struct diag d;
	char a[400], b[400];

	(void)state;
	fx_env("PAGEWALK_LINUX_SOURCE", "/nonexistent/linux-source-6.1.tar.xz");
	assert_int_equal(lesson_excerpts_resolve(l, &d), 1);
	fx_env("PAGEWALK_LINUX_SOURCE", NULL);
	assert_null(e->lines);
	assert_non_null(e->missing);
	assert_non_null(strstr(e->missing, "Lines 173-214 of arch/x86/mm/fault.c (Linux v6.1)"));
	assert_non_null(strstr(e->missing, "apt-get install linux-source-6.1"));
	/* the real package (make check installs it) */
	if (linuxsrc_open(&src, &d) < 0)
		fail_msg("linux-source-6.1 is not installed: %s", d.msg);
	assert_int_equal(lesson_excerpts_resolve(l, &d), 0);
	assert_null(e->missing);
	assert_int_equal(e->nlines, 42);
	assert_int_equal(linuxsrc_get(src, e->file, false, &f, &d), 0);
	for (size_t k = 0; k < e->nlines; k++) {
		squeeze(e->lines[k], a, sizeof a);
		squeeze(f->lines[e->first_line - 1 + k], b, sizeof b);
		assert_string_equal(a, b);
		assert_null(strchr(e->lines[k], '\t'));
	}
	linuxsrc_close(src);
	lesson_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_kinds_model),
		cmocka_unit_test(test_split_and_placeholders),
		cmocka_unit_test(test_arm64_placeholders),
		cmocka_unit_test(test_walk_from_mappings),
		cmocka_unit_test(test_compare_code_fault),
		cmocka_unit_test(test_excerpt_resolve),
		cmocka_unit_test(test_bad_buffers),
		cmocka_unit_test(test_escape_kept_out),
		cmocka_unit_test(test_text_expand),
		cmocka_unit_test(test_replay_step),
		cmocka_unit_test(test_replay_bad),
		cmocka_unit_test(test_trace_search_dirs),
		cmocka_unit_test(test_fault_sync_placeholders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
