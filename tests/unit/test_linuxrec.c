/* SPDX-License-Identifier: GPL-2.0-only */
/* test_linuxrec.c - the Linux tracer's records: parse real recordings
 * (tests/linux/fixtures: Linux 6.1 under QEMU, 2-level vmalloc and 4-level
 * demand; the -d int logs cut to their page faults), check them against
 * QEMU's log, reject broken ones with their line.
 *
 * With LINUX_RUN=DIR (tests/linux/record.sh sets it) it also checks a
 * fresh recording: DIR/records.txt against DIR/int.log. */
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

static struct linuxrec *load(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	struct diag d = { 0 };
	struct linuxrec *r = linuxrec_parse(text, len, path, &d);
	if (!r)
		print_error("%s:%d: %s\n", d.path, d.line, d.msg);
	free(text);
	assert_non_null(r);
	return r;
}

/* verify r against the QEMU log at path; returns verify's result, msg filled. */
static int verify(const struct linuxrec *r, const char *path, char *msg, size_t len)
{
	size_t n;
	char *text = slurp(path, &n);
	struct witness w = { 0 };
	int st;

	assert_int_equal(guestrec_witness_qemu(text, n, &w), 0);
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

static const struct linuxrec_hit *hit_named(const struct linuxrec *r,
					    const struct linuxrec_fault *f, const char *fn)
{
	for (uint32_t i = f->hit0; i < f->hit0 + f->nhits; i++)
		if (strcmp(r->hits[i].fn, fn) == 0)
			return &r->hits[i];
	return NULL;
}

static void test_vmalloc_2level(void **state)
{
	struct linuxrec *r = load(FIX "records-2level-vmalloc.txt");
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
	h = hit_named(r, f, "vmalloc_sync_one");
	assert_non_null(h);
	/* its chain: exc_page_fault ... vmalloc_fault -> vmalloc_sync_one, with file:line */
	assert_true(h->nframes >= 3);
	assert_string_equal(r->frames[h->frame0].fn, "exc_page_fault");
	assert_string_equal(r->frames[h->frame0 + h->nframes - 2].fn, "vmalloc_fault");
	assert_string_equal(r->frames[h->frame0 + h->nframes - 1].fn, "vmalloc_sync_one");
	assert_non_null(strstr(r->frames[h->frame0 + h->nframes - 1].at, "arch/x86/mm/fault.c:"));
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
	assert_true(f->nwrites >= 1);
	assert_int_equal(r->writes[f->write0].old_value, 0);
	assert_int_equal(r->writes[f->write0].new_value, master);
	assert_int_equal(verify(r, FIX "int-2level-vmalloc.log", msg, sizeof msg), 0);
	assert_non_null(strstr(msg, "page faults match the QEMU log"));
	linuxrec_free(r);
}

static void test_demand_4level(void **state)
{
	struct linuxrec *r = load(FIX "records-4level-demand.txt");
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
		zero |= (f->error_code & 2) == 0 && hit_named(r, f, "do_anonymous_page");
		cow |= f->error_code == 7 && hit_named(r, f, "do_wp_page");
	}
	assert_true(zero);
	assert_true(cow);
	/* addresses above 4 GiB survive */
	assert_true(r->faults[0].cr2 > UINT32_MAX);
	assert_int_equal(verify(r, FIX "int-4level-demand.log", msg, sizeof msg), 0);
	linuxrec_free(r);
}

/* The same records against a log with one fault changed, or one missing. */
static void test_verify_catches(void **state)
{
	struct linuxrec *r = load(FIX "records-2level-vmalloc.txt");
	struct witness w = { 0 };
	size_t n;
	char *text = slurp(FIX "int-2level-vmalloc.log", &n), msg[512];

	(void)state;
	assert_int_equal(guestrec_witness_qemu(text, n, &w), 0);
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

/* A run's head: the records, what the kernel was built from, its layout. */
#define HEAD "linux-records 2 mode=2level\nkernel Linux version 6.1.192\n" \
	"source package=linux-source-6.1 version=6.1.192-3\nconfig variant=2level key=abc\n"
#define LAYOUT "layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fe000 TASK_SIZE=0xc0000000 " \
	"__pa(init_mm.pgd)=0x1251000\n"
#define FAULT1 "fault seq=1 pid=1 cr2=0x1000 cr3=0x2000 cr4=0x90 error=0x4 ip=0x8049000 cs=0x73 cpl=3\n"

static void test_bad_records(void **state)
{
	const char *h = HEAD LAYOUT;
	char buf[512];

	(void)state;
	/* the head parses */
	snprintf(buf, sizeof buf, "%s" FAULT1 "end seq=1\nend faults=1\n", h);
	struct linuxrec *ok = linuxrec_parse(buf, strlen(buf), "r.txt", &(struct diag){ 0 });
	assert_non_null(ok);
	assert_int_equal(ok->faults[0].pid, 1);
	assert_int_equal(ok->layout.vmalloc_end, 0xff7fe000);
	linuxrec_free(ok);
	bad("linux-records 1 mode=2level\n", 1, "not pagewalk Linux records");
	bad("linux-records 1 mode=3level\n", 1, "not pagewalk Linux records");
	bad("hello\n", 1, "not pagewalk Linux records");
	snprintf(buf, sizeof buf, "%s" FAULT1 "walk before level=pxd folded\n", h);
	bad(buf, 7, "malformed");
	snprintf(buf, sizeof buf, "%sfault seq=2 pid=1 cr2=0x1000 cr3=0x2000 cr4=0x90 error=0x4 "
		 "ip=0x8049000 cs=0x73 cpl=3\n", h);
	bad(buf, 6, "seq (next in order)");
	snprintf(buf, sizeof buf, "%swrite pa=0x10 old=0x0 new=0x1\n", h);
	bad(buf, 6, "outside a fault");
	snprintf(buf, sizeof buf, "%s" FAULT1 "end seq=1\nend faults=2\n", h);
	bad(buf, 8, "count does not match");
	snprintf(buf, sizeof buf, "%s" FAULT1 "end seq=1\n", h);
	bad(buf, 7, "end early");
	snprintf(buf, sizeof buf, "%s" FAULT1 "frame fn=x at=a.c:1\n", h);
	bad(buf, 7, "malformed");
	/* the task's pid: missing, not a number, negative, past Linux's limit */
	static const char *const pids[] = { "", "pid=x ", "pid=-1 ", "pid=4194305 ", "pid= " };
	for (size_t i = 0; i < sizeof pids / sizeof pids[0]; i++) {
		snprintf(buf, sizeof buf, "%sfault seq=1 %scr2=0x1000 cr3=0x2000 cr4=0x90 "
			 "error=0x4 ip=0x8049000 cs=0x73 cpl=3\n", h, pids[i]);
		bad(buf, 6, "needs the task's pid=");
	}
	/* the layout line: missing, twice, garbled, not the kernel's form */
	snprintf(buf, sizeof buf, "%s" FAULT1 "end seq=1\nend faults=1\n", HEAD);
	bad(buf, 7, "no layout record");
	snprintf(buf, sizeof buf, "%s%s", h, LAYOUT);
	bad(buf, 6, "a second layout record");
	static const struct { const char *line, *want; } layouts[] = {
		{ "layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fe000 TASK_SIZE=0xc0000000\n",
		  "needs VMALLOC_START, VMALLOC_END, TASK_SIZE and __pa(init_mm.pgd)" },
		{ "layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fe000 TASK_SIZE=0xc0000000 "
		  "__pa(init_mm.pgd)=0x12g1000\n", "each a number" },
		{ "layout garbage\n", "needs VMALLOC_START" },
		/* x86-32's VMALLOC_END is the end, never a last byte */
		{ "layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fdfff TASK_SIZE=0xc0000000 "
		  "__pa(init_mm.pgd)=0x1251000\n", "not a page boundary" },
		{ "layout VMALLOC_START=0xc87e0000 VMALLOC_END=0xff7fe000 TASK_SIZE=0xc0000000 "
		  "__pa(init_mm.pgd)=0x1251020\n", "not page aligned" },
		{ "layout VMALLOC_START=0xff7fe000 VMALLOC_END=0xc87e0000 TASK_SIZE=0xc0000000 "
		  "__pa(init_mm.pgd)=0x1251000\n", "empty, or below TASK_SIZE" },
	};
	for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
		snprintf(buf, sizeof buf, "%s%s", HEAD, layouts[i].line);
		bad(buf, 5, layouts[i].want);
	}
	/* x86-64's VMALLOC_END is the last byte: a page boundary is not the kernel's */
	bad("linux-records 2 mode=4level\nlayout VMALLOC_START=0xffffc90000000000 "
	    "VMALLOC_END=0xffffe90000000000 TASK_SIZE=0x7ffffffff000 "
	    "__pa(init_mm.pgd)=0x181d000\n", 2, "not an area's last byte");
	/* what the kernel was built from: both records, once each */
	snprintf(buf, sizeof buf, "linux-records 2 mode=2level\nkernel Linux\n%s" FAULT1
		 "end seq=1\nend faults=1\n", LAYOUT);
	bad(buf, 6, "what the kernel was built from");
	snprintf(buf, sizeof buf, "%sconfig variant=2level\n", h);
	bad(buf, 6, "config record needs variant= and key=");
	snprintf(buf, sizeof buf, "%ssource package=linux-source-6.1 version=1\n", h);
	bad(buf, 6, "source record needs package= and version= (once)");
	/* an unfinished fault parses, and fails the check */
	snprintf(buf, sizeof buf, "%s" FAULT1 "unfinished seq=1\nend faults=1\n", h);
	struct diag d = { 0 };
	struct linuxrec *r = linuxrec_parse(buf, strlen(buf), "r.txt", &d);
	assert_non_null(r);
	struct witness w = { 0 };
	char msg[256];
	assert_int_equal(verify_diag(r, &w, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "never finished"));
	linuxrec_free(r);
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
	trace_of(FIX "records-2level-vmalloc.txt", "vmalloc", &nf, &ns, &nm, &vm);
	assert_int_equal(nf, 3);
	assert_true(vm);
	assert_true(ns >= 1);
	/* 4level demand: 3 early boot faults left out */
	trace_of(FIX "records-4level-demand.txt", "demand", &nf, &ns, &nm, &vm);
	assert_int_equal(nf, 5);
	assert_false(vm);
}

/* LINUX_RUN=DIR: a fresh recording by guest/linux/record.sh. */
static void test_fresh_run(void **state)
{
	const char *dir = getenv("LINUX_RUN");
	char rec[1024], log[1024], msg[512];

	(void)state;
	snprintf(rec, sizeof rec, "%s/records.txt", dir);
	snprintf(log, sizeof log, "%s/int.log", dir);
	struct linuxrec *r = load(rec);
	int st = verify(r, log, msg, sizeof msg);
	size_t nf, ns, nm;
	bool vm;
	print_message("%s: %s\n", dir, msg);
	assert_int_equal(st, 0);
	linuxrec_free(r);
	trace_of(rec, "fresh", &nf, &ns, &nm, &vm);
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
		cmocka_unit_test(test_to_trace),
	};
	const struct CMUnitTest fresh[] = { cmocka_unit_test(test_fresh_run) };
	const char *dir = getenv("LINUX_RUN");

	if (dir && *dir)
		return cmocka_run_group_tests(fresh, NULL, NULL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
