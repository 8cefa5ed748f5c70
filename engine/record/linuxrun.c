/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxrun.c - record a scenario on Linux 6.1: run, verify, convert, write. */
#include "record/linuxrun.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "record/linuxrec.h"
#include "record/linuxtrace.h"
#include "record/recfile.h"
#include "record/recproc.h"
#include "record/witness.h"
#include "util/env.h"

const char *const linuxrun_scenarios[] = {
	"demand", "protection", "fork", "stack", "munmap", "vmalloc", "all", NULL
};

static const char *const modes[] = { "2level", "pae", "4level", "5level", NULL };

static bool listed(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

int linuxrun_check_words(const struct record_opts *o, struct diag *d)
{
	char q[600];

	if (!listed(modes, o->mode)) {
		diag_set(d, "", 0, 0, "--mode %s: Linux runs in 2level, pae, 4level and 5level",
			 recfile_quote(o->mode, q, sizeof q));
		return -1;
	}
	if (!listed(linuxrun_scenarios, o->scenario)) {
		diag_set(d, "", 0, 0, "--scenario %s: the Linux scenarios are demand, protection, "
			 "fork, stack, munmap, vmalloc and all", recfile_quote(o->scenario, q, sizeof q));
		return -1;
	}
	if (strcmp(o->scenario, "vmalloc") == 0 && strcmp(o->mode, "2level") != 0) {
		diag_set(d, "", 0, 0, "--scenario vmalloc runs on 2level only (PAE and 64-bit "
			 "kernels share their kernel tables: no vmalloc fault)");
		return -1;
	}
	return 0;
}

int linuxrun_check(struct record_opts *o, struct diag *d)
{
	const char *dir = o->guest ? o->guest : "guest/linux", *t = env_get()->tmpdir;
	char path[4200], q[600];
	struct stat sb;

	if (linuxrun_check_words(o, d) < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, i ? "trace.py" : "record.sh");
		if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			diag_set(d, "", 0, 0, "no %s: run pagewalk from its clone, or give --guest DIR "
				 "(the clone's guest/linux)", recfile_quote(path, q, sizeof q));
			return -1;
		}
	}
	if (!realpath(dir, o->guest_path)) {
		diag_set(d, "", 0, 0, "%s: %s", recfile_quote(dir, q, sizeof q), strerror(errno));
		return -1;
	}
	if (!t || !*t)
		t = "/tmp";
	if (!realpath(t, o->tmpdir) || strlen(o->tmpdir) > RECORD_DIR_MAX ||
	    access(o->tmpdir, W_OK | X_OK) != 0) {
		diag_set(d, "", 0, 0, "TMPDIR %s is not a writable directory",
			 recfile_quote(t, q, sizeof q));
		return -1;
	}
	return 0;
}

static void on_tick(void *ctx, double elapsed)
{
	const struct record_opts *o = ctx;
	struct record_progress p = { RECORD_RUN, 0, elapsed };

	o->progress(o->ctx, &p);
}

/* record.sh MODE SCENARIO DIR/run TIMEOUT; its own limit ends a hung
 * kernel (exit 124), recproc's a few seconds later is the backstop. */
static int run_script(const struct record_opts *o, const char *dir, struct diag *d)
{
	char script[4200], run[1100], limit[32], out[1100], err[1100], *msg = NULL, q[600];
	double secs = o->timeout > 0 ? o->timeout : 120;
	char *const argv[] = { (char *)"sh", script, (char *)o->mode, (char *)o->scenario,
			       run, limit, NULL };
	struct recproc p = { .argv = argv, .out = out, .err = err, .limit = secs + 10,
			     .stop = o->stop, .tick = o->progress ? on_tick : NULL,
			     .ctx = (void *)o };
	enum recproc_end end;
	int status = 0;

	snprintf(script, sizeof script, "%s/record.sh", o->guest_path);
	snprintf(run, sizeof run, "%s/run", dir);
	snprintf(limit, sizeof limit, "%.0f", secs < 1 ? 1 : secs);
	snprintf(out, sizeof out, "%s/record.out", dir);
	snprintf(err, sizeof err, "%s/record.err", dir);
	end = recproc_run(&p, &status, d);
	if (end == RECPROC_ERROR)
		return -1;
	if (end == RECPROC_STOPPED) {
		diag_set(d, "", 0, 0, "interrupted: nothing written");
		return -1;
	}
	if (end == RECPROC_TIMEOUT || (WIFEXITED(status) && WEXITSTATUS(status) == 124)) {
		diag_set(d, "", 0, 0, "the kernel did not finish within %s s (QEMU and gdb "
			 "stopped; nothing written)", limit);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	recfile_read(err, 1u << 16, &msg, NULL, NULL, NULL);
	if (msg)
		msg[strcspn(msg, "\n")] = 0;
	diag_set(d, "", 0, 0, "%s", msg && *msg ? recfile_quote(msg, q, sizeof q)
		 : "the Linux run failed");
	free(msg);
	return -1;
}

/* The first line of DIR/run/name into buf ("unknown" when absent). */
static void first_line(const char *dir, const char *name, char *buf, size_t len)
{
	char path[1100], *s = NULL;

	snprintf(path, sizeof path, "%s/run/%s", dir, name);
	snprintf(buf, len, "unknown");
	if (recfile_read(path, 1u << 16, &s, NULL, NULL, NULL) == 0 && s[0]) {
		s[strcspn(s, "\n")] = 0;
		snprintf(buf, len, "%s", s);
	}
	free(s);
}

static int stamp(struct trace *t, const char *dir, const char *verified)
{
	char when[32], version[256], command[2048];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	first_line(dir, "version.txt", version, sizeof version);
	first_line(dir, "command.txt", command, sizeof command);
	return trace_set_text(&t->h.emulator, "qemu") < 0 ||
	       trace_set_text(&t->h.emulator_version, version) < 0 ||
	       trace_set_text(&t->h.command, command) < 0 ||
	       trace_set_text(&t->h.recorded_at, when) < 0 ||
	       trace_set_text(&t->h.verified, verified) < 0 ? -1 : 0;
}

/* Records and log of a finished run -> the written trace. */
static int convert(const struct record_opts *o, const char *dir, struct record_result *r,
		   struct diag *d)
{
	char path[1100], name[1100];
	char *text = NULL, *log = NULL;
	size_t n = 0, ln = 0;
	struct linuxrec *lr = NULL;
	struct trace *t = NULL;
	struct witness w = { 0 };
	struct diag vd = { 0 };
	int rc = -1;

	snprintf(path, sizeof path, "%s/run/records.txt", dir);
	snprintf(name, sizeof name, "%s", o->keep ? path : "(the tracer's records)");
	if (recfile_read(path, RECORD_FILE_MAX, &text, &n, NULL, &r->cause) < 0) {
		diag_set(d, "", 0, 0, "the tracer wrote no records");
		goto fail;
	}
	snprintf(path, sizeof path, "%s/run/int.log", dir);
	if (recfile_read(path, RECORD_FILE_MAX, &log, &ln, NULL, &r->cause) < 0) {
		diag_set(d, "", 0, 0, "no QEMU log to verify against");
		goto fail;
	}
	if (!(lr = linuxrec_parse(text, n, name, &r->cause))) {
		diag_set(d, "", 0, 0, "the tracer's records cannot make a trace");
		goto fail;
	}
	if (guestrec_witness_qemu(log, ln, &w) < 0) {
		diag_set(d, "", 0, 0, "out of memory");
		goto fail;
	}
	if (linuxrec_verify(lr, &w, &vd) < 0) {
		diag_set(d, "", 0, 0, "verification failed: %s", vd.msg);
		goto fail;
	}
	linuxrec_verify_summary(lr, &w, r->verified, sizeof r->verified);
	if (!(t = linuxtrace_build(lr, o->scenario, o->out, &r->cause)) ||
	    stamp(t, dir, r->verified) < 0) {
		diag_set(d, "", 0, 0, "the records cannot make a trace");
		goto fail;
	}
	if (record_publish(t, o, r, d) < 0)
		goto fail;
	rc = 0;
fail:
	witness_clear(&w);
	trace_free(t);
	linuxrec_free(lr);
	free(text);
	free(log);
	return rc;
}

int linuxrun_run(const struct record_opts *o, struct record_result *r, struct diag *d)
{
	char dir[RECORD_DIR_MAX + 32];
	int rc = -1;

	memset(r, 0, sizeof *r);
	snprintf(dir, sizeof dir, "%.*s/pagewalk-linux.XXXXXX", RECORD_DIR_MAX, o->tmpdir);
	if (!mkdtemp(dir)) {
		diag_set(d, "", 0, 0, "cannot make a work directory: %s", strerror(errno));
		return -1;
	}
	if (run_script(o, dir, d) == 0)
		rc = convert(o, dir, r, d);
	if (o->keep)
		memcpy(r->kept, dir, sizeof dir);
	else
		recfile_remove_tree(dir);
	return rc;
}
