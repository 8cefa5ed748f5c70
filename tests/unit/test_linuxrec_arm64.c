/* SPDX-License-Identifier: GPL-2.0-only */
/* test_linuxrec_arm64.c - the arm64 side of the Linux recorder's checks:
 * qemu-system-aarch64's -d int log read as aborts (witness_qemu_arm64_log:
 * data and instruction aborts, not SVCs or IRQs), the tracer's arm64
 * records (far=, esr=, ttbr=, el=) parsed, refused when broken, and
 * checked one to one against the log: each check shown failing once on a
 * changed ESR, FAR, ELR, EL or abort kind. The lines are the form of a
 * real run (tests/linux/arm64.sh records one and checks it whole). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record/linuxrec.h"
#include "record/witness.h"

/* Two aborts as QEMU 7.2 logs them, with an SVC and an IRQ between. */
static const char qlog[] =
	"Taking exception 3 [Prefetch Abort] on CPU 0\n"
	"...from EL0 to EL1\n"
	"...with ESR 0x20/0x82000007\n"
	"...with FAR 0x400120\n"
	"...with ELR 0x400120\n"
	"...to EL1 PC 0xffffffc008010c00 PSTATE 0x3c5\n"
	"Exception return from AArch64 EL1 to AArch64 EL0 PC 0x400120\n"
	"Taking exception 2 [SVC] on CPU 0\n"
	"...from EL0 to EL1\n"
	"...with ESR 0x15/0x56000000\n"
	"...with ELR 0x400200\n"
	"Taking exception 5 [IRQ] on CPU 0\n"
	"...from EL1 to EL1\n"
	"...with ELR 0xffffffc008175590\n"
	"Taking exception 4 [Data Abort] on CPU 0\n"
	"...from EL0 to EL1\n"
	"...with ESR 0x24/0x92000047\n"
	"...with FAR 0x7ff7ffb000\n"
	"...with ELR 0x4005cc\n"
	"...to EL1 PC 0xffffffc008010c00 PSTATE 0x3c5\n";

#define HEAD "linux-records 3 mode=arm64-4k-39\nkernel Linux version 6.1.192\n"
#define F1 "fault seq=1 pid=1 far=0x400120 esr=0x82000007 ttbr=0 base=0x409be000 " \
	   "ttbr0=0x409be000 ttbr1=0x1000040425000 tcr=0x34b5593519 ip=0x400120 el=0\n"
#define F2 "fault seq=2 pid=1 far=0x7ff7ffb000 esr=0x92000047 ttbr=0 base=0x409be000 " \
	   "ttbr0=0x409be000 ttbr1=0x1000040425000 tcr=0x34b5593519 ip=0x4005cc el=0\n"
#define TAIL "end faults=2 duplicate-stops=0\n"

static void test_log(void **state)
{
	struct witness w = { 0 };

	(void)state;
	assert_int_equal(witness_qemu_arm64_log(qlog, strlen(qlog), &w), 0);
	assert_int_equal(w.n, 2);             /* the SVC and the IRQ are no aborts */
	assert_int_equal(w.pf[0].vector, 3);
	assert_int_equal(w.pf[0].error_code, 0x82000007);
	assert_int_equal(w.pf[0].cr2, 0x400120);
	assert_int_equal(w.pf[0].ip, 0x400120);
	assert_int_equal(w.pf[0].cpl, 0);
	assert_int_equal(w.pf[0].line, 1);
	assert_int_equal(w.pf[1].vector, 4);
	assert_int_equal(w.pf[1].error_code, 0x92000047);
	assert_int_equal(w.pf[1].cr2, 0x7ff7ffb000);
	assert_int_equal(w.pf[1].ip, 0x4005cc);
	assert_int_equal(w.pf[1].line, 15);
	witness_clear(&w);
}

/* records (two faults, each finished) against qlog: rc and the message. */
static int verify(const char *f1, const char *f2, const char *log, char *msg, size_t len)
{
	char text[2048];
	struct diag d = { 0 };
	struct witness w = { 0 };
	struct linuxrec *r;
	int rc;

	snprintf(text, sizeof text, HEAD "%send seq=1\n%send seq=2\n" TAIL, f1, f2);
	r = linuxrec_parse(text, strlen(text), "r.txt", &d);
	if (!r)
		fail_msg("%s:%d: %s", d.path, d.line, d.msg);
	assert_int_equal(witness_qemu_arm64_log(log, strlen(log), &w), 0);
	rc = linuxrec_verify(r, &w, &d);
	snprintf(msg, len, "%s", d.msg);
	witness_clear(&w);
	linuxrec_free(r);
	return rc;
}

static void test_verify(void **state)
{
	char msg[512], log[sizeof qlog + 16];   /* room for a longer line */
	char *p;

	(void)state;
	assert_int_equal(verify(F1, F2, qlog, msg, sizeof msg), 0);
	/* the tracer's ESR, FAR, ELR or EL changed: that fault differs */
	assert_int_equal(verify(F1, "fault seq=2 pid=1 far=0x7ff7ffb000 esr=0x9200004f ttbr=0 "
		"base=0x409be000 ttbr0=0x409be000 ttbr1=0x1 tcr=0x1 ip=0x4005cc el=0\n",
		qlog, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "fault 2 differs: the tracer says far=0x7ff7ffb000 esr=0x9200004f"));
	assert_int_equal(verify("fault seq=1 pid=1 far=0x400124 esr=0x82000007 ttbr=0 "
		"base=0x1000 ttbr0=0x1000 ttbr1=0x2000 tcr=0x1 ip=0x400120 el=0\n", F2,
		qlog, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "fault 1 differs"));
	assert_int_equal(verify(F1, "fault seq=2 pid=1 far=0x7ff7ffb000 esr=0x92000047 ttbr=0 "
		"base=0x409be000 ttbr0=0x409be000 ttbr1=0x1 tcr=0x1 ip=0x4005d0 el=0\n",
		qlog, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "elr=0x4005d0"));
	assert_int_equal(verify(F1, "fault seq=2 pid=1 far=0x7ff7ffb000 esr=0x92000047 ttbr=0 "
		"base=0x409be000 ttbr0=0x409be000 ttbr1=0x1 tcr=0x1 ip=0x4005cc el=1\n",
		qlog, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "el=1"));
	/* the log's abort kind changed (a data abort logged as a prefetch
	 * abort): ESR's class no longer says it */
	memcpy(log, qlog, sizeof qlog);
	p = strstr(log, "Taking exception 4 [Data Abort]");
	memcpy(p, "Taking exception 3 [Prefetch Abort]", 35);
	memmove(p + 35, p + 31, strlen(p + 31) + 1);   /* keep the rest */
	assert_int_equal(verify(F1, F2, log, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "exception 3"));
	/* an abort gone from the log */
	assert_int_equal(verify(F1, F2, strstr(qlog, "Exception return"), msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "fault 1 differs"));
}

static void test_bad_records(void **state)
{
	static const char *const bad[] = {
		/* esr wider than 32 bits */
		"fault seq=1 pid=1 far=0x1 esr=0x100000000 ttbr=0 base=0x1 ttbr0=0x1 ttbr1=0x2 tcr=0x1 ip=0x1 el=0\n",
		/* ttbr 2 */
		"fault seq=1 pid=1 far=0x1 esr=0x1 ttbr=2 base=0x1 ttbr0=0x1 ttbr1=0x2 tcr=0x1 ip=0x1 el=0\n",
		/* base is not the TTBR named */
		"fault seq=1 pid=1 far=0x1 esr=0x1 ttbr=1 base=0x1 ttbr0=0x1 ttbr1=0x2 tcr=0x1 ip=0x1 el=0\n",
		/* EL 2 */
		"fault seq=1 pid=1 far=0x1 esr=0x1 ttbr=0 base=0x1 ttbr0=0x1 ttbr1=0x2 tcr=0x1 ip=0x1 el=2\n",
		/* an x86 record in an arm64 run */
		"fault seq=1 pid=1 cr2=0x1 cr3=0x1 cr4=0x1 error=0x1 ip=0x1 cs=0x1 cpl=0\n",
	};
	char text[1024];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct diag d = { 0 };
		snprintf(text, sizeof text, HEAD "%send seq=1\nend faults=1 duplicate-stops=0\n", bad[i]);
		assert_null(linuxrec_parse(text, strlen(text), "r.txt", &d));
		assert_int_equal(d.line, 3);
		assert_non_null(strstr(d.msg, "an arm64 fault record needs"));
	}
	{   /* an unknown mode on the first line */
		struct diag d = { 0 };
		snprintf(text, sizeof text, "linux-records 3 mode=arm64-16k-36\n" TAIL);
		assert_null(linuxrec_parse(text, strlen(text), "r.txt", &d));
		assert_int_equal(d.line, 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_bad_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
