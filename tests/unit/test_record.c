/* SPDX-License-Identifier: GPL-2.0-only */
/* test_record.c - the recorder's parsers over real emulator output: the
 * guest's records (QEMU's debugcon file, Bochs's stdout with its banner
 * mixed in), QEMU's `-d int` log, Bochs's debug report, the debuggers'
 * stops at each #PF entry (QEMU's walks.txt, Bochs's stdout), the verify step,
 * the live fault count, bounded reads of run files and the configuration
 * built from guest/'s templates. The fixtures are real runs captured by
 * tests/unit/fixtures/record/capture.sh. */
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
#include "paging/arch.h"
#include "record/emu.h"
#include "record/guestrec.h"
#include "record/recfile.h"
#include "trace/trace.h"
#include "record/witness.h"

static char *fixture(const char *name, size_t *len)
{
	const char *root = getenv("PAGEWALK_ROOT");
	char path[1024];
	struct diag d = { 0 };
	char *text = NULL;

	snprintf(path, sizeof path, "%s/tests/unit/fixtures/record/%s", root ? root : ".", name);
	if (recfile_read(path, 1u << 20, &text, len, NULL, &d) < 0)
		fail_msg("%s: %s", path, d.msg);
	return text;
}

static const struct trace_event *nth_fault(const struct trace *t, size_t n)
{
	for (size_t i = 0; i < t->nevents; i++)
		if (t->events[i].kind == TRACE_FAULT && n-- == 0)
			return &t->events[i];
	fail_msg("no fault %zu", n);
	return NULL;
}

static size_t count_faults(const struct trace *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nevents; i++)
		n += t->events[i].kind == TRACE_FAULT;
	return n;
}

/* QEMU, pae, demand: the records as the debugcon file holds them. */
static void test_guestrec_qemu_records(void **state)
{
	size_t n;
	char *text = fixture("qemu-pae-demand.e9.txt", &n);
	struct diag d = { 0 };
	struct trace *t = guestrec_parse(text, n, "e9.txt", &d);
	const struct trace_event *f;

	(void)state;
	assert_non_null(t);
	assert_string_equal(t->h.arch->name, "x86-32-pae");
	assert_string_equal(t->h.scenario, "demand");
	assert_int_equal(t->h.master_pgd, 0x0010d000);
	assert_int_equal(count_faults(t), 7);
	assert_int_equal(guestrec_count_faults(text, n), 7);
	/* "fault n=1 pid=1 cr2=0fffe000 err=0004 eip=0804801d cs=001b cr3=00114000" */
	f = nth_fault(t, 0);
	assert_int_equal(f->cr2, 0x0fffe000);
	assert_int_equal(f->error_code, 0x4);
	assert_int_equal(f->ip, 0x0804801d);
	assert_int_equal(f->cpl, 3);
	assert_int_equal(f->cr3, 0x00114000);
	f = nth_fault(t, 2);
	assert_int_equal(f->cr2, 0x0ffff004);
	assert_int_equal(f->error_code, 0x6);
	trace_free(t);
	free(text);
}

/* Bochs, 2level, demand: its stdout, banner and debugger lines included. */
static void test_guestrec_bochs_stdout(void **state)
{
	size_t n;
	char *text = fixture("bochs-2level-demand.bochs.out", &n);
	struct diag d = { 0 };
	struct trace *t;

	(void)state;
	assert_non_null(strstr(text, "Bochs x86 Emulator"));
	t = guestrec_parse(text, n, "bochs.out", &d);
	assert_non_null(t);
	assert_string_equal(t->h.arch->name, "x86-32");
	assert_int_equal(count_faults(t), 7);
	assert_int_equal(nth_fault(t, 0)->cr2, 0x0fffe000);
	assert_int_equal(nth_fault(t, 1)->error_code, 0x7);
	trace_free(t);
	free(text);
}

/* A record cut in the middle (the run died) names its line. */
static void test_guestrec_truncated(void **state)
{
	size_t n;
	char *text = fixture("qemu-pae-demand.e9.txt", &n);
	char *cut = strstr(text, "\nend ");
	struct diag d = { 0 };

	(void)state;
	assert_non_null(cut);
	assert_null(guestrec_parse(text, (size_t)(cut - text) + 1, "e9.txt", &d));
	assert_string_equal(d.path, "e9.txt");
	assert_true(d.msg[0] != 0);
	free(text);
}

/* QEMU's -d int log: only vector 14, with eip, cpl and the cr3 of the
 * register dump that follows; other interrupts are skipped. */
static void test_witness_qemu(void **state)
{
	size_t n;
	char *log = fixture("qemu-pae-demand.qemu.log", &n);
	struct witness w = { 0 };

	(void)state;
	assert_non_null(strstr(log, " v=80 "));        /* system calls are in the log too */
	assert_int_equal(witness_qemu_log(log, n, &w), 0);
	assert_true(w.has_ip_cr3_cpl);
	assert_int_equal(w.n, 7);
	assert_int_equal(w.pf[0].vector, 14);
	assert_int_equal(w.pf[0].error_code, 0x4);
	assert_int_equal(w.pf[0].cr2, 0x0fffe000);
	assert_int_equal(w.pf[0].ip, 0x0804801d);
	assert_int_equal(w.pf[0].cpl, 3);
	assert_int_equal(w.pf[0].cr3, 0x00114000);
	assert_int_equal(w.pf[0].line, 439);
	assert_int_equal(w.pf[2].cr2, 0x0ffff004);
	assert_int_equal(w.pf[2].error_code, 0x6);
	witness_clear(&w);
	free(log);
}

/* Bochs's debug report: "page fault for address" then "exception(0x0e)". */
static void test_witness_bochs(void **state)
{
	size_t n;
	char *log = fixture("bochs-2level-demand.bochs.log", &n);
	struct witness w = { 0 };

	(void)state;
	assert_int_equal(witness_bochs_log(log, n, &w), 0);
	assert_false(w.has_ip_cr3_cpl);
	assert_int_equal(w.n, 7);
	assert_int_equal(w.pf[0].cr2, 0x0fffe000);
	assert_int_equal(w.pf[0].error_code, 0x4);
	assert_int_equal(w.pf[0].line, 52);
	assert_int_equal(w.pf[1].error_code, 0x7);
	witness_clear(&w);
	free(log);
}

/* The debuggers' stops at the #PF entry. QEMU (gdb, walks.txt): the
 * registers and both walks, steps in order. */
static void test_witness_walks(void **state)
{
	size_t n;
	char *text = fixture("qemu-pae-demand.walks.txt", &n);
	struct witness w = { 0 };
	struct diag d = { 0 };
	const struct witness_stop *s;

	(void)state;
	assert_int_equal(witness_walks(text, n, "QEMU", &w, &d), 0);
	assert_true(w.has_stops && w.has_walks);
	assert_int_equal(w.nstop, 7);
	s = &w.stop[1];
	/* "pf n=2 cr2=fffe000 err=7 eip=8048021 cs=1b cr3=114000 cr4=30" */
	assert_int_equal(s->cr2, 0x0fffe000);
	assert_int_equal(s->error_code, 0x7);
	assert_int_equal(s->ip, 0x08048021);
	assert_int_equal(s->cs, 0x1b);
	assert_int_equal(s->cr3, 0x00114000);
	assert_int_equal(s->nsteps, 3);
	assert_int_equal(s->nmsteps, 1);
	/* "step n=2 tbl=cur level=pte table=11c000 index=510 entry=11cff0 val=113025" */
	assert_int_equal(w.steps[s->step0 + 2].level, LEVEL_PTE);
	assert_int_equal(w.steps[s->step0 + 2].table, 0x0011c000);
	assert_int_equal(w.steps[s->step0 + 2].index, 510);
	assert_int_equal(w.steps[s->step0 + 2].entry, 0x0011cff0);
	assert_int_equal(w.steps[s->step0 + 2].value, 0x00113025);
	assert_int_equal(w.steps[s->mstep0].entry, 0x0010d000);
	witness_clear(&w);

	/* cut before its end line: the run under gdb did not finish */
	assert_int_equal(witness_walks(text, (size_t)(strstr(text, "end ") - text),
						"QEMU", &w, &d), -1);
	assert_string_equal(d.msg, "QEMU's walk witness (walks.txt) ends before its \"end\" "
			    "line: the run under its debugger did not finish");
	witness_clear(&w);
	memcpy(strstr(text, "step n=2"), "step n=5", 8);
	assert_int_equal(witness_walks(text, n, "QEMU", &w, &d), -1);
	assert_string_equal(d.msg, "QEMU's walk witness (walks.txt) line 6 is malformed");
	witness_clear(&w);
	free(text);
}

/* Bochs (its debugger driven by guest/bochswitness.py, walks.txt in the
 * same format): the registers and both walks of a 2-level run. */
static void test_witness_bochs_walks(void **state)
{
	size_t n;
	char *text = fixture("bochs-2level-demand.walks.txt", &n);
	struct witness w = { 0 };
	struct diag d = { 0 };
	const struct witness_stop *s;

	(void)state;
	assert_int_equal(witness_walks(text, n, "Bochs", &w, &d), 0);
	assert_true(w.has_stops && w.has_walks);
	assert_int_equal(w.nstop, 7);
	s = &w.stop[0];
	assert_int_equal(s->cr2, 0x0fffe000);
	assert_int_equal(s->cr3, 0x00114000);
	assert_int_equal(s->error_code, 0x4);
	assert_int_equal(s->ip, 0x0804801d);
	assert_int_equal(s->cs, 0x1b);
	assert_int_equal(w.stop[1].error_code, 0x7);
	/* "step n=2 tbl=cur level=pte table=118000 index=1022 entry=118ff8 val=113025" */
	s = &w.stop[1];
	assert_int_equal(s->nsteps, 2);
	assert_int_equal(s->nmsteps, 1);
	assert_int_equal(w.steps[s->step0 + 1].level, LEVEL_PTE);
	assert_int_equal(w.steps[s->step0 + 1].index, 1022);
	assert_int_equal(w.steps[s->step0 + 1].entry, 0x00118ff8);
	assert_int_equal(w.steps[s->step0 + 1].value, 0x00113025);
	witness_clear(&w);
	memcpy(strstr(text, "end faults="), "end fault=", 10);
	assert_int_equal(witness_walks(text, n, "Bochs", &w, &d), -1);
	assert_non_null(strstr(d.msg, "Bochs's walk witness (walks.txt) line "));
	witness_clear(&w);
	free(text);
}

/* One file of a verify() run and an edit to make in it. */
enum which { IN_RECORDS, IN_LOG, IN_STOPS };
struct edit {
	enum which in;
	const char *from, *to;   /* same length; to NULL: cut at the last from */
	bool every;              /* edit every occurrence, not only the first */
};

static void apply(char *text, size_t *len, const struct edit *e)
{
	char *p = strstr(text, e->from);

	assert_non_null(p);
	if (e->to) {
		assert_int_equal(strlen(e->to), strlen(e->from));
		do
			memcpy(p, e->to, strlen(e->to));
		while (e->every && (p = strstr(p, e->from)));
		return;
	}
	for (char *q = p; (q = strstr(q + 1, e->from)); p = q)
		;
	*len = (size_t)(p - text);
}

/* verify(records, log, stops): 0 with the summary sentence, or -1 with the
 * diag's sentence naming the difference. stops: the debugger's walks.txt
 * (QEMU's or Bochs's), or NULL for the log alone. */
static int verify(const char *recs, const char *logname, const char *stops,
		  const struct edit *e, char *msg, size_t len)
{
	size_t n, ln, sn = 0;
	char *text = fixture(recs, &n), *log = fixture(logname, &ln);
	char *st = stops ? fixture(stops, &sn) : NULL;
	struct diag d = { 0 }, vd = { 0 };
	struct witness w = { 0 };
	struct trace *t;
	bool qemu = strstr(logname, "qemu") != NULL;
	int rc;

	if (e)
		apply(e->in == IN_RECORDS ? text : e->in == IN_LOG ? log : st,
		      e->in == IN_RECORDS ? &n : e->in == IN_LOG ? &ln : &sn, e);
	t = guestrec_parse(text, n, recs, &d);
	assert_non_null(t);
	assert_int_equal(qemu ? witness_qemu_log(log, ln, &w)
			      : witness_bochs_log(log, ln, &w), 0);
	if (st)
		assert_int_equal(witness_walks(st, sn, qemu ? "QEMU" : "Bochs", &w, &d), 0);
	rc = guestrec_verify(t, &w, qemu ? "QEMU" : "Bochs", &vd);
	if (rc == 0) {
		assert_string_equal(vd.msg, "");
		guestrec_verify_summary(t, &w, qemu ? "QEMU" : "Bochs", msg, len);
	} else {
		/* the sentence comes back in the diag, with no location of its own */
		assert_string_equal(vd.path, "");
		assert_int_equal(vd.line, 0);
		snprintf(msg, len, "%s", vd.msg);
	}
	witness_clear(&w);
	trace_free(t);
	free(text);
	free(log);
	free(st);
	return rc;
}

#define QEMU_RUN "qemu-pae-demand.e9.txt", "qemu-pae-demand.qemu.log"
#define BOCHS_RUN "bochs-2level-demand.bochs.out", "bochs-2level-demand.bochs.log"

static void test_verify_real_runs(void **state)
{
	char msg[512];

	(void)state;
	assert_int_equal(verify(QEMU_RUN, NULL, NULL, msg, sizeof msg), 0);
	assert_string_equal(msg, "7 of 7 page faults match the QEMU log (QEMU -d int: vector, "
			    "error code, cr2, eip, cpl, cr3), in order; walks not compared");
	assert_int_equal(verify(QEMU_RUN, "qemu-pae-demand.walks.txt", NULL, msg, sizeof msg), 0);
	assert_string_equal(msg, "7 of 7 page faults match the QEMU log (QEMU -d int: vector, "
			    "error code, cr2, eip, cpl, cr3), in order; at each fault's entry "
			    "QEMU's gdbstub showed the same error code, cr2, eip, cpl and cr3, and "
			    "every entry of its walk and master walk equals QEMU's physical memory "
			    "there (a pgd entry as memory holds it, not the PDPTE register)");
	assert_int_equal(verify(BOCHS_RUN, NULL, NULL, msg, sizeof msg), 0);
	assert_string_equal(msg, "7 of 7 page faults match the Bochs log (Bochs debug report: "
			    "vector, error code, cr2), in order; not compared: eip (Bochs logs the "
			    "next instruction), cpl and cr3 (not in its log), walks");
	assert_int_equal(verify(BOCHS_RUN, "bochs-2level-demand.walks.txt", NULL, msg, sizeof msg),
			 0);
	assert_string_equal(msg, "7 of 7 page faults match the Bochs log (Bochs debug report: "
			    "vector, error code, cr2), in order; at each fault's entry Bochs's "
			    "debugger showed the same error code, cr2, eip, cpl and cr3, every entry "
			    "of its walk and master walk equals Bochs's physical memory there (xp), "
			    "and Bochs's own translation of cr2 (page) read the same entries");
}

static void test_verify_doctored_logs(void **state)
{
	char msg[512];
	/* the first #PF's error code in QEMU's log becomes 0005 */
	const struct edit err = { IN_LOG, "v=0e e=0004", "v=0e e=0005", false };
	/* Bochs's log ends before the last fault */
	const struct edit cut = { IN_LOG, "exception(0x0e)", NULL, false };

	(void)state;
	assert_int_equal(verify(QEMU_RUN, NULL, &err, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "fault 1 differs"));
	assert_non_null(strstr(msg, "err=0x0005"));
	assert_int_equal(verify(BOCHS_RUN, NULL, &cut, msg, sizeof msg), -1);
	assert_string_equal(msg, "the guest reports 7 page faults, the Bochs log only 6");
}

/* A walk entry that is not what the emulator's memory held at the fault
 * entry fails, whichever side holds the other value; so do the
 * debugger's registers. */
static void test_verify_tampered_walks(void **state)
{
	char msg[512];
	/* fault 2's pte as QEMU's memory held it, changed in walks.txt */
	const struct edit mem = { IN_STOPS, "entry=11cff0 val=113025", "entry=11cff0 val=113005", false };
	/* the guest claims Dirty in fault 2's pmd entry from there on (its
	 * records stay consistent: only memory says otherwise) */
	const struct edit rec = { IN_RECORDS, "entry=001153f8 val=000000000011c027",
				  "entry=001153f8 val=000000000011c067", true };
	/* QEMU's walk of fault 1 goes on where the guest's stopped */
	const struct edit more = { IN_STOPS, "index=127 entry=1153f8 val=0\n",
				   "index=127 entry=1153f8 val=1\n", false };
	/* Bochs's debugger saw another cr3 at fault 1's entry */
	const struct edit cr3 = { IN_STOPS, "cs=1b cr3=114000", "cs=1b cr3=118000", false };
	/* Bochs's memory held another pte at fault 2's entry */
	const struct edit bpte = { IN_STOPS, "entry=118ff8 val=113025", "entry=118ff8 val=113005",
				   false };

	(void)state;
	assert_int_equal(verify(QEMU_RUN, "qemu-pae-demand.walks.txt", &mem, msg, sizeof msg), -1);
	assert_string_equal(msg, "event 18 (fault 2): its walk's pte entry at 0x0011cff0 is "
			    "0x0000000000113025 in the trace but 0x0000000000113005 in QEMU's "
			    "physical memory at the fault entry (walks.txt line 5)");
	assert_int_equal(verify(QEMU_RUN, "qemu-pae-demand.walks.txt", &rec, msg, sizeof msg), -1);
	assert_string_equal(msg, "event 19 (fault 2): its walk's pmd entry at 0x001153f8 is "
			    "0x000000000011c067 in the trace but 0x000000000011c027 in QEMU's "
			    "physical memory at the fault entry (walks.txt line 5)");
	/* without the walk witness the same records pass (the log alone) */
	assert_int_equal(verify(QEMU_RUN, NULL, &rec, msg, sizeof msg), 0);
	assert_int_equal(verify(QEMU_RUN, "qemu-pae-demand.walks.txt", &more, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "(fault 1): its walk's pmd entry at 0x001153f8 is "
			   "0x0000000000000000 in the trace but 0x0000000000000001 in QEMU's"));
	assert_int_equal(verify(BOCHS_RUN, "bochs-2level-demand.walks.txt", &cr3, msg, sizeof msg),
			 -1);
	assert_non_null(strstr(msg, "fault 1 (event "));
	assert_non_null(strstr(msg, "differs from the Bochs debugger's stop at its entry "
			   "(walks.txt line 1)"));
	assert_non_null(strstr(msg, "cr3=0x00114000, the stop cr2=0x0fffe000 err=0x0004 "
			   "eip=0x0804801d cpl=3 cr3=0x00118000"));
	assert_int_equal(verify(BOCHS_RUN, "bochs-2level-demand.walks.txt", &bpte, msg, sizeof msg),
			 -1);
	assert_non_null(strstr(msg, "(fault 2): its walk's pte entry at 0x00118ff8 is 0x00113025 "
			   "in the trace but 0x00113005 in Bochs's physical memory at the fault "
			   "entry (walks.txt line 4)"));
}

/* The live count reads only what was added, across cuts inside a record. */
static void test_tail_incremental(void **state)
{
	size_t n, cuts[] = { 1, 7, 300, 301, 302, 2000, 4000, 5000 };
	char *text = fixture("qemu-pae-demand.e9.txt", &n);
	char path[] = "/tmp/pw-test-tail.XXXXXX";
	struct recfile_tail t = { 0 };
	int fd = mkstemp(path);
	size_t done = 0;

	(void)state;
	assert_true(fd >= 0);
	for (size_t i = 0; i <= sizeof cuts / sizeof cuts[0]; i++) {
		size_t to = i < sizeof cuts / sizeof cuts[0] ? cuts[i] : n;
		assert_int_equal(write(fd, text + done, to - done), (ssize_t)(to - done));
		done = to;
		recfile_tail_poll(&t, path);
		assert_int_equal(t.faults, guestrec_count_faults(text, done));
		assert_int_equal(t.pos, (off_t)done);
	}
	recfile_tail_poll(&t, path);
	assert_int_equal(t.faults, 7);
	close(fd);
	unlink(path);
	free(text);
}

/* Run files are read only when regular and within the limit. */
static void test_read_special_files(void **state)
{
	struct fx_tmp t;
	char fifo[600], big[600];
	struct diag d = { 0 };
	char *text = NULL;
	bool missing = false;

	(void)state;
	fx_tmp_new(&t, "special");
	fx_path(&t, "fifo", fifo, sizeof fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(recfile_read(fifo, 1024, &text, NULL, &missing, &d), -1);
	assert_non_null(strstr(d.msg, "is not a regular file"));
	assert_int_equal(recfile_read("/dev/zero", 1024, &text, NULL, &missing, &d), -1);
	assert_non_null(strstr(d.msg, "/dev/zero is not a regular file"));
	{
		char x[3001];
		memset(x, 'x', 3000);
		x[3000] = '\0';
		fx_write(&t, "big", x);
		fx_path(&t, "big", big, sizeof big);
	}
	assert_int_equal(recfile_read(big, 2048, &text, NULL, &missing, &d), -1);
	assert_null(text);
	assert_int_equal(recfile_read(big, 4096, &text, NULL, &missing, &d), 0);
	assert_int_equal(strlen(text), 3000);
	free(text);
	assert_int_equal(recfile_read("/nonexistent/x", 10, &text, NULL, &missing, &d), -1);
	assert_true(missing);
	fx_tmp_free(&t);
}

/* The configuration comes from guest/'s templates, placeholders filled. */
static void test_config_from_templates(void **state)
{
	const char *vars[] = { "ELF", "/g/guest.elf", "ARGS", "mode=pae scenario=demand",
			       "E9", "e9.txt", "LOG", "qemu.log", NULL };
	const char *bvars[] = { "ISO", "guest.iso", "LOG", "bochs.log", NULL };
	char **argv = emu_config_argv(record_cfg_qemu_args, vars);
	char *rc = emu_config_text(record_cfg_bochsrc_in, bvars);
	char *grub = emu_config_grub("mode=2level scenario=all");
	int i;

	(void)state;
	assert_non_null(argv);
	assert_string_equal(argv[0], "qemu-system-i386");
	for (i = 0; argv[i] && strcmp(argv[i], "-append") != 0; i++)
		;
	assert_non_null(argv[i]);
	assert_string_equal(argv[i + 1], "mode=pae scenario=demand");
	for (i = 0; argv[i] && strcmp(argv[i], "-debugcon") != 0; i++)
		;
	assert_string_equal(argv[i + 1], "file:e9.txt");
	for (i = 0; argv[i]; i++)
		assert_null(strchr(argv[i], '@'));
	assert_non_null(strstr(rc, "ata0-master: type=cdrom, path=\"guest.iso\", status=inserted\n"));
	assert_non_null(strstr(rc, "\nlog: bochs.log\n"));
	assert_null(strchr(rc, '@'));
	assert_non_null(strstr(grub, "set timeout=0\n"));
	assert_non_null(strstr(grub, "\tmultiboot /boot/guest.elf mode=2level scenario=all\n"));
	assert_null(strstr(grub, "\n@ENTRY@"));
	free(argv);
	free(rc);
	free(grub);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guestrec_qemu_records),
		cmocka_unit_test(test_guestrec_bochs_stdout),
		cmocka_unit_test(test_guestrec_truncated),
		cmocka_unit_test(test_witness_qemu),
		cmocka_unit_test(test_witness_bochs),
		cmocka_unit_test(test_witness_walks),
		cmocka_unit_test(test_witness_bochs_walks),
		cmocka_unit_test(test_verify_real_runs),
		cmocka_unit_test(test_verify_doctored_logs),
		cmocka_unit_test(test_verify_tampered_walks),
		cmocka_unit_test(test_tail_incremental),
		cmocka_unit_test(test_read_special_files),
		cmocka_unit_test(test_config_from_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
