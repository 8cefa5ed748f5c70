/* SPDX-License-Identifier: GPL-2.0-only */
/* test_linuxrec.c - the Linux tracer's records: parse real recordings
 * (tests/linux/fixtures/MODE-SCENARIO: kept runs of Linux 6.1 under QEMU,
 * 2-level vmalloc and 4-level demand: the records, params.txt, the
 * console's pagewalk lines, the -d int log cut to its page faults), check
 * them against QEMU's log, reject broken ones with their line, build
 * traces whose every write says who wrote it.
 *
 * With LINUX_RUN=DIR (tests/linux/record.sh sets it) it checks a fresh
 * kept run instead. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record/linuxrec.h"
#include "record/linuxtrace.h"

#define FIX "tests/linux/fixtures/"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* A Linux run's directory (a fixture, or a kept run): its records joined
 * with its console (the layout line) and params.txt (what the kernel was
 * built from), as linuxrun_convert does. */
static struct linuxrec *load(const char *dir)
{
	char path[1024], *text, *params, src[128] = "", var[64] = "", key[64] = "";
	size_t len, pn;
	struct diag d = { 0 };
	struct linuxrec *r;

	snprintf(path, sizeof path, "%s/records.txt", dir);
	text = slurp(path, &len);
	r = linuxrec_parse(text, len, path, &d);
	if (!r)
		fail_msg("%s:%d: %s", d.path, d.line, d.msg);
	free(text);
	snprintf(path, sizeof path, "%s/serial.txt", dir);
	text = slurp(path, &len);
	if (linuxrec_console(r, text, len, &d) < 0)
		fail_msg("%s: %s", path, d.msg);
	free(text);
	snprintf(path, sizeof path, "%s/params.txt", dir);
	params = slurp(path, &pn);
	for (char *l = strtok(params, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strncmp(l, "source=", 7))
			snprintf(src, sizeof src, "%s", l + 7);
		if (!strncmp(l, "variant=", 8))
			snprintf(var, sizeof var, "%s", l + 8);
		if (!strncmp(l, "key=", 4))
			snprintf(key, sizeof key, "%s", l + 4);
	}
	free(params);
	assert_int_equal(linuxrec_set_build(r, src, var, key, &d), 0);
	return r;
}

/* verify r against the QEMU log of run dir; returns verify's result, msg filled. */
static int verify(const struct linuxrec *r, const char *dir, char *msg, size_t len)
{
	size_t n;
	char path[1024];
	snprintf(path, sizeof path, "%s/int.log", dir);
	char *text = slurp(path, &n);
	struct witness w = { 0 };
	int st;

	/* arm64's log says "Taking exception", x86's "v=0e" */
	assert_int_equal((r->arm64 ? witness_qemu_arm64_log : witness_qemu_log)(text, n, &w), 0);
	struct diag d = { 0 };
	st = linuxrec_verify(r, &w, &d);
	if (st == 0)
		linuxrec_verify_summary(r, &w, msg, len);
	else
		snprintf(msg, len, "%s", d.msg);
	assert_string_equal(d.path, "");
	witness_clear(&w);
	free(text);
	return st;
}

/* linuxrec_verify against w, its sentence (or the summary) into msg. */
static int verify_diag(const struct linuxrec *r, const struct witness *w, char *msg,
		       size_t len)
{
	struct diag d = { 0 };
	int st = linuxrec_verify(r, w, &d);

	if (st == 0) {
		assert_string_equal(d.msg, "");
		linuxrec_verify_summary(r, w, msg, len);
	} else {
		assert_int_equal(d.line, 0);
		snprintf(msg, len, "%s", d.msg);
	}
	return st;
}

/* Does any stop's chain of fault f pass through fn? */
static bool passes(const struct linuxrec *r, const struct linuxrec_fault *f, const char *fn)
{
	for (uint32_t i = f->hit0; i < f->hit0 + f->nhits; i++)
		for (uint32_t k = 0; k < r->hits[i].nframes; k++)
			if (strcmp(r->frames[r->hits[i].frame0 + k].fn, fn) == 0)
				return true;
	return false;
}

static void test_vmalloc_2level(void **state)
{
	struct linuxrec *r = load(FIX "2level-vmalloc");
	const struct linuxrec_fault *f = NULL;
	const struct linuxrec_hit *h;
	char msg[512];

	(void)state;
	assert_string_equal(r->mode, "2level");
	assert_non_null(strstr(r->kernel, "Linux version 6.1"));
	/* the kernel's own layout (x86-32: VMALLOC_END exclusive, as printed) */
	assert_true(r->has_layout);
	assert_int_equal(r->layout.task_size, 0xc0000000);
	assert_true(r->layout.vmalloc_start > r->layout.task_size);
	assert_int_equal(r->layout.vmalloc_end & 0xfff, 0);
	assert_string_equal(r->source_package, "linux-source-6.1");
	assert_non_null(strstr(r->source_version, "6.1."));
	assert_string_equal(r->variant, "2level");
	assert_int_equal(strlen(r->config_key), 16);
	/* the vmalloc fault: kernel mode, error code 0, in the vmalloc area */
	for (size_t i = 0; i < r->nfaults; i++)
		if (r->faults[i].cpl == 0 && r->faults[i].error_code == 0 &&
		    r->faults[i].cr2 >= 0xc0000000)
			f = &r->faults[i];
	assert_non_null(f);
	assert_true(f->finished);
	assert_true(f->cr2 >= r->layout.vmalloc_start && f->cr2 < r->layout.vmalloc_end);
	assert_int_equal(f->pid, 1);            /* the init read /proc/pagewalk_vmalloc */
	assert_int_equal(r->faults[0].pid, 0);  /* a boot fault: the idle task */
	/* its one write: the pgd slot, by set_pmd in vmalloc_sync_one; the chain
	 * exc_page_fault ... vmalloc_fault -> vmalloc_sync_one -> native_set_pmd */
	assert_int_equal(f->nwrites - 1, 1);   /* and the "known" pte under it */
	const struct linuxrec_write *wr = &r->writes[f->write0 + 1];
	assert_false(wr->known);
	assert_int_equal(wr->level, LX_PGD);
	assert_int_equal(wr->index, f->cr2 >> 22);
	h = &r->hits[wr->hit];
	assert_null(h->fn);
	assert_true(h->nframes >= 4);
	assert_string_equal(r->frames[h->frame0].fn, "exc_page_fault");
	assert_string_equal(r->frames[h->frame0 + h->nframes - 3].fn, "vmalloc_fault");
	assert_string_equal(r->frames[h->frame0 + h->nframes - 2].fn, "vmalloc_sync_one");
	assert_string_equal(r->frames[h->frame0 + h->nframes - 1].fn, "native_set_pmd");
	assert_non_null(strstr(r->frames[h->frame0 + h->nframes - 2].at, "arch/x86/mm/fault.c:"));
	/* 2-level: pgd real, p4d/pud/pmd folded, pte real; the pgd slot was
	 * empty before and holds the master's entry after */
	const struct linuxrec_step *b = &r->steps[f->step0];
	assert_int_equal(b->when, LX_BEFORE);
	assert_int_equal(b->level, LX_PGD);
	assert_int_equal(b->value, 0);
	uint64_t after = 0, master = 0;
	int folded = 0;
	for (uint32_t i = f->step0; i < f->step0 + f->nsteps; i++) {
		const struct linuxrec_step *s = &r->steps[i];
		if (s->when == LX_AFTER && s->level == LX_PGD)
			after = s->value;
		if (s->when == LX_MASTER && s->level == LX_PGD) {
			master = s->value;
			assert_int_equal(s->table, r->layout.master_pgd);
		}
		folded += s->when == LX_AFTER && s->folded;
	}
	assert_int_equal(folded, 3);
	assert_true(after & 1);
	assert_int_equal(after, master);
	assert_int_equal(wr->old_value, 0);
	assert_int_equal(wr->new_value, master);
	assert_int_equal(verify(r, FIX "2level-vmalloc", msg, sizeof msg), 0);
	assert_non_null(strstr(msg, "page faults match the QEMU log"));
	linuxrec_free(r);
}

static void test_demand_4level(void **state)
{
	struct linuxrec *r = load(FIX "4level-demand");
	char msg[512];
	bool zero = false, cow = false;

	(void)state;
	assert_string_equal(r->mode, "4level");
	/* x86-64: VMALLOC_END is the last byte, kept exclusive; init_mm.pgd too */
	assert_int_equal(r->layout.vmalloc_start, 0xffffc90000000000);
	assert_int_equal(r->layout.vmalloc_end, 0xffffe90000000000);
	assert_int_equal(r->layout.task_size, 0x7ffffffff000);
	assert_true(r->layout.master_pgd != 0);
	assert_string_equal(r->variant, "x86_64");
	for (size_t i = 0; i < r->nfaults; i++) {
		const struct linuxrec_fault *f = &r->faults[i];
		if (f->cpl != 3 || f->cr2 < 0x7f0000000000)
			continue;         /* the mmap'd pages sit high, below the stack */
		assert_int_equal(f->pid, 1);
		zero |= (f->error_code & 2) == 0 && passes(r, f, "do_anonymous_page");
		cow |= f->error_code == 7 && passes(r, f, "do_wp_page");
		/* the writes' chains end at the instruction that wrote: a set_pte */
		for (uint32_t w = f->write0; w < f->write0 + f->nwrites; w++) {
			const struct linuxrec_hit *h = &r->hits[r->writes[w].hit];
			if (!r->writes[w].known)
				assert_non_null(strstr(r->frames[h->frame0 + h->nframes - 1].fn, "set_"));
		}
	}
	assert_true(zero);
	assert_true(cow);
	/* addresses above 4 GiB survive */
	assert_true(r->faults[0].cr2 > UINT32_MAX);
	assert_int_equal(verify(r, FIX "4level-demand", msg, sizeof msg), 0);
	linuxrec_free(r);
}

/* The same records against a log with one fault changed, or one missing. */
static void test_verify_catches(void **state)
{
	struct linuxrec *r = load(FIX "2level-vmalloc");
	struct witness w = { 0 };
	size_t n;
	char *text = slurp(FIX "2level-vmalloc/int.log", &n), msg[512];

	(void)state;
	assert_int_equal(witness_qemu_log(text, n, &w), 0);
	assert_int_equal(verify_diag(r, &w, msg, sizeof msg), 0);
	w.pf[1].error_code ^= 2;
	assert_int_equal(verify_diag(r, &w, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "fault 2 differs"));
	w.pf[1].error_code ^= 2;
	w.pf[2].cr3 += 0x1000;
	assert_int_equal(verify_diag(r, &w, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "fault 3 differs"));
	w.pf[2].cr3 -= 0x1000;
	w.n--;
	assert_int_equal(verify_diag(r, &w, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "the QEMU log only"));
	witness_clear(&w);
	free(text);
	linuxrec_free(r);
}

static void bad(const char *text, int line, const char *want)
{
	struct diag d = { 0 };
	struct linuxrec *r = linuxrec_parse(text, strlen(text), "r.txt", &d);
	assert_null(r);
	assert_int_equal(d.line, line);
	if (!strstr(d.msg, want))
		fail_msg("got \"%s\", want \"%s\"", d.msg, want);
}

/* A run's head: the records and the kernel. */
#define HEAD "linux-records 3 mode=2level\nkernel Linux version 6.1.192\n"
#define FAULT1 "fault seq=1 pid=1 cr2=0x1000 cr3=0x2000 cr4=0x90 error=0x4 ip=0x8049000 cs=0x73 cpl=3\n"
#define LAYOUT "pagewalk: layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fe000 " \
	"TASK_SIZE=0xc0000000 __pa(init_mm.pgd)=0x1251000\r\n"

/* linuxrec_console of text on records r: 0, or -1 with want in the message. */
static void console(struct linuxrec *r, const char *text, const char *want)
{
	struct diag d = { 0 };
	int rc = linuxrec_console(r, text, strlen(text), &d);
	if (!want) {
		if (rc < 0)
			fail_msg("console: %s", d.msg);
		return;
	}
	assert_int_equal(rc, -1);
	if (!strstr(d.msg, want))
		fail_msg("got \"%s\", want \"%s\"", d.msg, want);
}

/* cr3 records (x86): each goes back to its place among the flush records
 * (after the first `flushes` of them), with its via lines; malformed or
 * misplaced ones are refused at their line. */
static void test_cr3_records(void **state)
{
	static const char *const body =
		"end seq=1\n"
		"flush after=1 fault=0 pid=1 start=0x0 end=0xffffffff\n"
		"via fn=dup_mmap\n"
		"flush after=1 fault=1 pid=1 start=0x1000 end=0x2000\n"
		"cr3 after=1 flushes=1 fault=0 pid=1 fn=native_flush_tlb_local old=0x2000 new=0x2000\n"
		"via fn=flush_tlb_func\n"
		"via fn=native_flush_tlb_local\n"
		"cr3 after=1 flushes=2 fault=0 pid=1 fn=switch_mm_irqs_off old=0x2000 new=0x5000\n"
		"end faults=1\n";
	char buf[1024];
	struct diag d = { 0 };
	struct linuxrec *r;

	(void)state;
	snprintf(buf, sizeof buf, HEAD FAULT1 "%s", body);
	r = linuxrec_parse(buf, strlen(buf), "r.txt", &d);
	if (!r)
		fail_msg("%s", d.msg);
	assert_int_equal(r->nflushes, 4);
	assert_string_equal(r->flushes[0].fn, "");
	assert_string_equal(r->flushes[0].via, "dup_mmap");
	assert_string_equal(r->flushes[1].fn, "native_flush_tlb_local");
	assert_string_equal(r->flushes[1].via, "flush_tlb_func > native_flush_tlb_local");
	assert_int_equal(r->flushes[1].line, 8);
	assert_int_equal(r->flushes[2].start, 0x1000);
	assert_null(r->flushes[2].via);
	assert_string_equal(r->flushes[3].fn, "switch_mm_irqs_off");
	assert_int_equal(r->flushes[3].old_cr3, 0x2000);
	assert_int_equal(r->flushes[3].new_cr3, 0x5000);
	linuxrec_free(r);
	/* more flushes than there are; after out of order; no fn; a flush after a cr3 */
	snprintf(buf, sizeof buf, HEAD FAULT1 "end seq=1\ncr3 after=1 flushes=1 fault=0 pid=1 "
		 "fn=f old=0x2000 new=0x2000\n");
	bad(buf, 5, "a cr3 record needs");
	snprintf(buf, sizeof buf, HEAD FAULT1 "end seq=1\nflush after=1 fault=0 pid=1 start=0x0 "
		 "end=0x1000\ncr3 after=0 flushes=1 fault=0 pid=1 fn=f old=0x2000 new=0x2000\n");
	bad(buf, 6, "after is out of order");
	snprintf(buf, sizeof buf, HEAD FAULT1 "end seq=1\ncr3 after=1 flushes=0 fault=0 pid=1 "
		 "old=0x2000 new=0x2000\n");
	bad(buf, 5, "a cr3 record needs");
	snprintf(buf, sizeof buf, HEAD FAULT1 "end seq=1\ncr3 after=1 flushes=0 fault=0 pid=1 "
		 "fn=f old=0x2000 new=0x2000\nflush after=1 fault=0 pid=1 start=0x0 end=0x1000\n");
	bad(buf, 6, "comes before every cr3 record");
	snprintf(buf, sizeof buf, HEAD FAULT1 "cr3 after=1 flushes=0 fault=0 pid=1 fn=f "
		 "old=0x2000 new=0x2000\n");
	bad(buf, 4, "a cr3 record needs");    /* inside an open fault */
}

static void test_bad_records(void **state)
{
	const char *h = HEAD;
	char buf[512];

	(void)state;
	/* the head parses */
	snprintf(buf, sizeof buf, "%s" FAULT1 "end seq=1\nend faults=1\n", h);
	struct linuxrec *ok = linuxrec_parse(buf, strlen(buf), "r.txt", &(struct diag){ 0 });
	assert_non_null(ok);
	assert_int_equal(ok->faults[0].pid, 1);
	console(ok, LAYOUT "pagewalk: end\r\n", NULL);
	assert_int_equal(ok->layout.vmalloc_end, 0xff7fe000);
	linuxrec_free(ok);
	bad("linux-records 2 mode=2level\n", 1, "not pagewalk Linux records");
	bad("linux-records 3 mode=3level\n", 1, "not pagewalk Linux records");
	bad("hello\n", 1, "not pagewalk Linux records");
	snprintf(buf, sizeof buf, "%s" FAULT1 "walk before level=pxd folded\n", h);
	bad(buf, 4, "malformed");
	snprintf(buf, sizeof buf, "%sfault seq=2 pid=1 cr2=0x1000 cr3=0x2000 cr4=0x90 error=0x4 "
		 "ip=0x8049000 cs=0x73 cpl=3\n", h);
	bad(buf, 3, "seq (next in order)");
	snprintf(buf, sizeof buf, "%swrite level=pte index=4 pa=0x10 old=0x0 new=0x1\n", h);
	bad(buf, 3, "outside a fault");
	snprintf(buf, sizeof buf, "%s" FAULT1 "write level=pte pa=0x10 old=0x0 new=0x1\n", h);
	bad(buf, 4, "malformed");     /* a write says its level and index */
	snprintf(buf, sizeof buf, "%s" FAULT1 "write level=pxe index=4 pa=0x10 old=0x0 new=0x1\n",
		 h);
	bad(buf, 4, "malformed");
	snprintf(buf, sizeof buf, "%s" FAULT1 "end seq=1\nend faults=2\n", h);
	bad(buf, 5, "count does not match");
	snprintf(buf, sizeof buf, "%s" FAULT1 "end seq=1\n", h);
	bad(buf, 4, "end early");
	snprintf(buf, sizeof buf, "%s" FAULT1 "frame fn=x at=a.c:1\n", h);
	bad(buf, 4, "malformed");     /* a frame belongs to a stop */
	snprintf(buf, sizeof buf, "%s" FAULT1 "route hit=x\nframe fn=x at=a.c\n", h);
	bad(buf, 5, "malformed");     /* FILE:LINE */
	snprintf(buf, sizeof buf, "linux-records 3 mode=2level\n" FAULT1 "end seq=1\nend faults=1\n");
	bad(buf, 4, "do not name the kernel");
	/* the task's pid: missing, not a number, negative, past Linux's limit */
	static const char *const pids[] = { "", "pid=x ", "pid=-1 ", "pid=4194305 ", "pid= " };
	for (size_t i = 0; i < sizeof pids / sizeof pids[0]; i++) {
		snprintf(buf, sizeof buf, "%sfault seq=1 %scr2=0x1000 cr3=0x2000 cr4=0x90 "
			 "error=0x4 ip=0x8049000 cs=0x73 cpl=3\n", h, pids[i]);
		bad(buf, 3, "needs the task's pid=");
	}
	/* the console's layout line: missing, twice, garbled, not the kernel's form;
	 * the init's end marker */
	snprintf(buf, sizeof buf, "%s" FAULT1 "end seq=1\nend faults=1\n", h);
	struct linuxrec *r = linuxrec_parse(buf, strlen(buf), "r.txt", &(struct diag){ 0 });
	assert_non_null(r);
	console(r, "pagewalk: end\n", "the console has 0 \"pagewalk: layout\" lines, want 1");
	console(r, LAYOUT LAYOUT "pagewalk: end\n", "has 2 \"pagewalk: layout\" lines");
	console(r, LAYOUT, "did not reach its end");
	static const struct { const char *line, *want; } layouts[] = {
		{ "pagewalk: layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fe000 TASK_SIZE=0xc0000000\n",
		  "needs VMALLOC_START, VMALLOC_END, TASK_SIZE and __pa(init_mm.pgd)" },
		{ "pagewalk: layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fe000 TASK_SIZE=0xc0000000 "
		  "__pa(init_mm.pgd)=0x12g1000\n", "each a number" },
		{ "pagewalk: layout garbage\n", "needs VMALLOC_START" },
		/* x86-32's VMALLOC_END is the end, never a last byte */
		{ "pagewalk: layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fdfff TASK_SIZE=0xc0000000 "
		  "__pa(init_mm.pgd)=0x1251000\n", "not a page boundary" },
		{ "pagewalk: layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fe000 TASK_SIZE=0xc0000000 "
		  "__pa(init_mm.pgd)=0x1251020\n", "not page aligned" },
		{ "pagewalk: layout VMALLOC_START=0xff7fe000 VMALLOC_END=0xc87e0000 TASK_SIZE=0xc0000000 "
		  "__pa(init_mm.pgd)=0x1251000\n", "empty, or below TASK_SIZE" },
	};
	for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
		console(r, layouts[i].line, layouts[i].want);
	linuxrec_free(r);
	/* the master record (swapper_pg_dir) must agree with the kernel's line */
	snprintf(buf, sizeof buf, "%smaster pa=0x1252000\n" FAULT1 "end seq=1\nend faults=1\n", h);
	r = linuxrec_parse(buf, strlen(buf), "r.txt", &(struct diag){ 0 });
	assert_non_null(r);
	console(r, LAYOUT "pagewalk: end\n", "not where swapper_pg_dir's symbol says");
	linuxrec_free(r);
	/* x86-64's VMALLOC_END is the last byte: a page boundary is not the kernel's */
	snprintf(buf, sizeof buf, "linux-records 3 mode=4level\nkernel Linux\nend faults=0\n");
	r = linuxrec_parse(buf, strlen(buf), "r.txt", &(struct diag){ 0 });
	assert_non_null(r);
	console(r, "pagewalk: layout VMALLOC_START=0xffffc90000000000 VMALLOC_END=0xffffe90000000000 "
		"TASK_SIZE=0x7ffffffff000 __pa(init_mm.pgd)=0x181d000\npagewalk: end\n",
		"not an area's last byte");
	/* what the kernel was built from: params.txt's source, variant and key */
	struct diag d = { 0 };
	assert_int_equal(linuxrec_set_build(r, "linux-source-6.1", "x86_64", "abc", &d), -1);
	assert_non_null(strstr(d.msg, "what the kernel was built from"));
	assert_int_equal(linuxrec_set_build(r, "linux-source-6.1 6.1.192-3", "", "abc", &d), -1);
	assert_int_equal(linuxrec_set_build(r, "linux-source-6.1 6.1.192-3", "x86_64", "abc", &d), 0);
	linuxrec_free(r);
	/* an unfinished fault parses, and fails the check */
	snprintf(buf, sizeof buf, "%s" FAULT1 "unfinished seq=1\nend faults=1\n", h);
	r = linuxrec_parse(buf, strlen(buf), "r.txt", &d);
	assert_non_null(r);
	struct witness w = { 0 };
	char msg[256];
	assert_int_equal(verify_diag(r, &w, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "never finished"));
	linuxrec_free(r);
}

/* PTI's "top" records: the kernel half of a user-mode fault's two top
 * tables; refused without the pti record, on a kernel-mode fault, outside
 * 256..511, out of order or twice, with neither value or a value missing. */
static void test_top_records(void **state)
{
#define PTI_HEAD "linux-records 3 mode=4level\nkernel Linux version 6.1.192\n" \
	"pti user-cr3-bit=0x1000\n"
#define PTI_FAULT(cpl) "fault seq=1 pid=1 cr2=0x1000 cr3=0x1c6000 cr4=0x90 error=0x4 " \
	"ip=0x401000 cs=0x33 cpl=" #cpl "\n"
	static const struct { const char *tops; int line; } bad_tops[] = {
		{ "top index=255 kernel=0x1 user=0x0\n", 5 },
		{ "top index=512 kernel=0x1 user=0x0\n", 5 },
		{ "top index=511 kernel=0x1 user=0x2\ntop index=508 kernel=0x1 user=0x1\n", 6 },
		{ "top index=508 kernel=0x1 user=0x1\ntop index=508 kernel=0x1 user=0x1\n", 6 },
		{ "top index=300 kernel=0x0 user=0x0\n", 5 },
		{ "top index=300 kernel=0x1\n", 5 },
		{ "top kernel=0x1 user=0x1\n", 5 },
	};
	char buf[512];
	struct diag d = { 0 };
	struct linuxrec *r;

	(void)state;
	snprintf(buf, sizeof buf, PTI_HEAD PTI_FAULT(3) "top index=273 kernel=0x1a00067 user=0x0\n"
		 "top index=508 kernel=0x7fd4067 user=0x7fd4067\n"
		 "top index=511 kernel=0x1821067 user=0x141063\nend seq=1\nend faults=1\n");
	r = linuxrec_parse(buf, strlen(buf), "r.txt", &d);
	if (!r)
		fail_msg("%d: %s", d.line, d.msg);
	assert_true(r->pti);
	assert_int_equal(r->faults[0].ntops, 3);
	assert_int_equal(r->tops[r->faults[0].top0 + 2].index, 511);
	assert_int_equal(r->tops[r->faults[0].top0 + 2].user, 0x141063);
	assert_int_equal(r->tops[r->faults[0].top0].user, 0);
	linuxrec_free(r);
	for (size_t i = 0; i < sizeof bad_tops / sizeof bad_tops[0]; i++) {
		snprintf(buf, sizeof buf, PTI_HEAD PTI_FAULT(3) "%send seq=1\nend faults=1\n",
			 bad_tops[i].tops);
		bad(buf, bad_tops[i].line, "a top record (PTI, a user-mode fault) needs index=");
	}
	/* a kernel-mode fault, and a run without page-table isolation */
	snprintf(buf, sizeof buf, PTI_HEAD PTI_FAULT(0) "top index=511 kernel=0x1 user=0x2\n");
	bad(buf, 5, "a top record (PTI, a user-mode fault)");
	snprintf(buf, sizeof buf, HEAD FAULT1 "top index=511 kernel=0x1 user=0x2\n");
	bad(buf, 4, "a top record (PTI, a user-mode fault)");
#undef PTI_HEAD
#undef PTI_FAULT
}

/* Records -> trace: validated, written, loaded back equal in shape. */
static void trace_of(const char *path, const char *scenario, size_t *nfault, size_t *nswitch,
		     size_t *nmap, bool *vmalloc)
{
	struct linuxrec *r = load(path);
	struct diag d = { 0 };
	struct trace *t = linuxtrace_build(r, scenario, "built.yaml", &d), *u;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (!t)
		fail_msg("%s", d.msg);
	assert_int_equal(trace_set_text(&t->h.emulator, "qemu"), 0);
	assert_int_equal(trace_set_text(&t->h.emulator_version, "QEMU emulator version 7.2"), 0);
	assert_int_equal(trace_set_text(&t->h.command, "qemu-system"), 0);
	assert_int_equal(trace_set_text(&t->h.recorded_at, "2026-11-30T00:00:00Z"), 0);
	assert_int_equal(trace_set_text(&t->h.verified, "QEMU -d int, one to one"), 0);
	if (trace_validate(t, "built.yaml", &d) < 0)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	/* the header holds the kernel's layout; each fault its task */
	assert_int_equal(t->h.vmalloc_start, r->layout.vmalloc_start);
	assert_int_equal(t->h.vmalloc_end, r->layout.vmalloc_end);
	assert_int_equal(t->h.task_size, r->layout.task_size);
	assert_int_equal(t->h.master_pgd, r->layout.master_pgd);
	*nfault = *nswitch = *nmap = 0;
	*vmalloc = false;
	/* every write of a fault says its level, index and the frame that wrote
	 * it, and that frame's chain reaches a function that writes entries */
	for (size_t i = 0; i < t->nevents; i++) {
		const struct trace_event *e = &t->events[i];
		for (uint32_t k = 0; e->kind == TRACE_FAULT && k < e->nwrites; k++) {
			const struct trace_write *w = &t->writes[e->write0 + k];
			assert_int_not_equal(w->level, LEVEL_COUNT);
			assert_true(w->call < e->ncalls);
			/* the writer or one of its callers (arm64's atomics
			 * write for ptep_set_access_flags, ptep_get_and_clear) */
			const struct trace_call *c = &t->calls[e->call0];
			uint32_t depth = c[w->call].depth + 1;
			bool named = false;
			for (uint32_t j = w->call + 1; j-- > 0 && !named;) {
				if (c[j].depth >= depth)
					continue;
				depth = c[j].depth;
				named = strstr(c[j].fn, "set_") || strstr(c[j].fn, "populate") ||
					strstr(c[j].fn, "clear");
			}
			if (!named)
				fail_msg("event %zu: write %u by %s", i + 1, k, c[w->call].fn);
		}
	}
	for (size_t i = 0; i < t->nevents; i++) {
		if (t->events[i].kind == TRACE_FAULT || t->events[i].kind == TRACE_SWITCH)
			assert_true(t->events[i].pid >= 1);   /* the init or its children */
		*nfault += t->events[i].kind == TRACE_FAULT;
		*nswitch += t->events[i].kind == TRACE_SWITCH;
		*nmap += t->events[i].kind == TRACE_MAP;
		*vmalloc |= t->events[i].path == FAULT_VMALLOC_SYNC && t->events[i].nmsteps > 0;
	}
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(trace_write(t, f), 0);
	fclose(f);
	u = trace_load_buffer(buf, len, "written.yaml", &d);
	if (!u)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	assert_int_equal(u->nevents, t->nevents);
	assert_int_equal(u->h.vmalloc_end, t->h.vmalloc_end);
	for (size_t i = 0; i < u->nevents; i++)
		assert_int_equal(u->events[i].pid, t->events[i].pid);
	assert_int_equal(u->nwrites, t->nwrites);
	trace_free(u);
	free(buf);
	trace_free(t);
	linuxrec_free(r);
}

static void test_to_trace(void **state)
{
	size_t nf, ns, nm;
	bool vm;

	(void)state;
	/* 2level vmalloc: the boot fault left out, 3 faults of init, the vmalloc sync */
	trace_of(FIX "2level-vmalloc", "vmalloc", &nf, &ns, &nm, &vm);
	assert_int_equal(nf, 3);
	assert_true(vm);
	assert_true(ns >= 1);
	/* 4level demand: the early boot faults left out */
	trace_of(FIX "4level-demand", "demand", &nf, &ns, &nm, &vm);
	assert_int_equal(nf, 5);
	assert_false(vm);
}

/* LINUX_RUN=DIR: a fresh recording (`pagewalk record --kernel linux --keep`). */
static void test_fresh_run(void **state)
{
	const char *dir = getenv("LINUX_RUN");
	char msg[512];

	(void)state;
	struct linuxrec *r = load(dir);
	int st = verify(r, dir, msg, sizeof msg);
	size_t nf, ns, nm;
	bool vm;
	print_message("%s: %s\n", dir, msg);
	assert_int_equal(st, 0);
	linuxrec_free(r);
	trace_of(dir, "fresh", &nf, &ns, &nm, &vm);
	print_message("%s: a valid trace: %zu faults, %zu switches, %zu map events\n",
		      dir, nf, ns, nm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vmalloc_2level),
		cmocka_unit_test(test_demand_4level),
		cmocka_unit_test(test_verify_catches),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_cr3_records),
		cmocka_unit_test(test_top_records),
		cmocka_unit_test(test_to_trace),
	};
	const struct CMUnitTest fresh[] = { cmocka_unit_test(test_fresh_run) };
	const char *dir = getenv("LINUX_RUN");

	if (dir && *dir)
		return cmocka_run_group_tests(fresh, NULL, NULL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
