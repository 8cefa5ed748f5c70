/* SPDX-License-Identifier: GPL-2.0-only */
/* record.c - the recorder's pipeline: check, run, convert, write. */
#include "record/record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "paging/arch.h"
#include "record/guestrec.h"
#include "record/linuxrun.h"
#include "record/recfile.h"
#include "record/recproc.h"
#include "trace/trace.h"
#include "record/witness.h"
#include "util/env.h"

const char *const record_scenarios[] = { "demand", "vmalloc", "protection", "all", NULL };

/* Free bytes for us under dir, or -1 when unknown. */
static long long free_bytes(const char *dir)
{
	struct statvfs vs;

	if (statvfs(dir, &vs) != 0)
		return -1;
	return (long long)vs.f_bavail * (long long)vs.f_frsize;
}

int record_check_target(const struct record_opts *o, struct diag *d)
{
	return recfile_check_target(o->out, o->force, d);
}

static bool known_scenario(const char *s)
{
	for (size_t i = 0; record_scenarios[i]; i++)
		if (strcmp(s, record_scenarios[i]) == 0)
			return true;
	return strcmp(s, "stall") == 0;   /* test only (docs/guest-protocol.md) */
}

/* Mode, scenario and the extra kernel words. */
int record_check_words(const struct record_opts *o, struct diag *d)
{
	char q[600];

	if (o->kernel == RECORD_LINUX)
		return linuxrun_check_words(o, d);
	if (strcmp(o->mode, "2level") != 0 && strcmp(o->mode, "pae") != 0) {
		diag_set(d, "", 0, 0, "--mode %s: the modes are 2level and pae",
			 recfile_quote(o->mode, q, sizeof q));
		return -1;
	}
	if (!known_scenario(o->scenario)) {
		diag_set(d, "", 0, 0, "--scenario %s: the scenarios are demand, vmalloc, "
			 "protection and all", recfile_quote(o->scenario, q, sizeof q));
		return -1;
	}
	if (o->extra && strspn(o->extra, "abcdefghijklmnopqrstuvwxyz0123456789_=,. ") !=
	    strlen(o->extra)) {
		diag_set(d, "", 0, 0, "--guest-args takes plain words (a-z, 0-9, _=,.)");
		return -1;
	}
	return 0;
}

/* The guest kernel: a regular file; its absolute path into o->guest_path. */
static int check_guest(struct record_opts *o, struct diag *d)
{
	char q[600];
	struct stat sb;

	recfile_quote(o->guest, q, sizeof q);
	if (stat(o->guest, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		diag_set(d, "", 0, 0, "no guest kernel at %s: build it with `make guest` "
			 "(or give --guest ELF)", q);
		return -1;
	}
	if (!realpath(o->guest, o->guest_path)) {
		diag_set(d, "", 0, 0, "%s: %s", q, strerror(errno));
		return -1;
	}
	return 0;
}

/* $TMPDIR (or /tmp): an existing, writable directory with room for a run
 * (a Linux run's logs hold QEMU's trace of the handlers' code). */
static int check_tmpdir(struct record_opts *o, struct diag *d)
{
	const char *t = env_get()->tmpdir;
	long long need = o->kernel == RECORD_LINUX ? 64ll << 20
			 : o->kind == EMU_QEMU ? 4ll << 20 : 16ll << 20, have;
	char q[600];
	struct stat sb;

	if (!t || !*t)
		t = "/tmp";
	recfile_quote(t, q, sizeof q);
	if (!realpath(t, o->tmpdir) || stat(o->tmpdir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_set(d, "", 0, 0, "TMPDIR %s is not a directory", q);
		return -1;
	}
	if (strlen(o->tmpdir) > RECORD_DIR_MAX) {
		diag_set(d, "", 0, 0, "TMPDIR %s: the path is too long", q);
		return -1;
	}
	if (access(o->tmpdir, W_OK | X_OK) != 0) {
		diag_set(d, "", 0, 0, "cannot make a work directory in %s: %s", q, strerror(errno));
		return -1;
	}
	have = free_bytes(o->tmpdir);
	if (have >= 0 && have < need) {
		diag_set(d, "", 0, 0, "no space left in TMPDIR %s: %lld KiB free, a %s run needs "
			 "about %lld MiB", q, have >> 10,
			 o->kernel == RECORD_LINUX ? "Linux" : emu_name(o->kind), need >> 20);
		return -1;
	}
	return 0;
}

int record_check(struct record_opts *o, struct diag *d)
{
	char q[600];
	struct stat sb;

	if (o->from) {
		if (stat(o->from, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			diag_set(d, "", 0, 0, "--from %s: not a kept run directory",
				 recfile_quote(o->from, q, sizeof q));
			return -1;
		}
		if (strlen(o->from) > RECORD_DIR_MAX) {
			diag_set(d, "", 0, 0, "--from %s: the path is too long",
				 recfile_quote(o->from, q, sizeof q));
			return -1;
		}
		return 0;
	}
	if (o->kernel == RECORD_LINUX)
		return linuxrun_check(o, d) < 0 || check_tmpdir(o, d) < 0 ? -1 : 0;
	if (record_check_words(o, d) < 0 || emu_check_tools(o->kind, d) < 0 || check_guest(o, d) < 0 ||
	    check_tmpdir(o, d) < 0)
		return -1;
	return 0;
}

/* Read a run file that must exist. */
static int read_run_file(const char *dir, const char *name, const char *what, char **text,
			 size_t *len, struct record_result *r, struct diag *d)
{
	char path[1100], q[600];
	bool missing = false;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (recfile_read(path, RECORD_FILE_MAX, text, len, &missing, &r->cause) == 0)
		return 0;
	if (missing) {
		r->cause = (struct diag){ 0 };
		diag_set(d, "", 0, 0, "%s (%s missing)", what, recfile_quote(path, q, sizeof q));
	} else {
		diag_set(d, "", 0, 0, "%s", r->cause.msg);
		r->cause = (struct diag){ 0 };
	}
	return -1;
}

/* The debugger's stops at each #PF entry: walks.txt, QEMU's or Bochs's. */
static int read_stops(enum emu_kind kind, const char *dir, struct witness *w,
		      struct record_result *r, struct diag *d)
{
	struct diag vd = { 0 };
	char *text = NULL;
	size_t len = 0;
	int rc = -1;

	if (read_run_file(dir, emu_stops_file(kind), "no walk witness to verify against", &text,
			  &len, r, d) < 0)
		return -1;
	if (witness_walks(text, len, emu_name(kind), w, &vd) < 0)
		diag_set(d, "", 0, 0, "verification failed: %s", vd.msg);
	else
		rc = 0;
	free(text);
	return rc;
}

/* Build, verify, stamp, validate and write the trace of a finished run. */
static int convert(const struct record_opts *o, enum emu_kind kind, const char *dir,
		   const char *command, const char *version, struct record_result *r,
		   struct diag *d)
{
	struct witness w = { 0 };
	struct diag vd = { 0 };
	struct trace *t = NULL;
	struct record_stamp st;
	char *text = NULL, *log = NULL, name[1100];
	size_t n = 0, ln = 0;
	int rc = -1;

	/* Name the records by a path only when it outlives the run. */
	if (o->from || o->keep)
		snprintf(name, sizeof name, "%s/%s", dir, emu_records_file(kind));
	else
		snprintf(name, sizeof name, "(the guest's records)");
	if (read_run_file(dir, emu_records_file(kind), "the guest wrote nothing", &text, &n,
			  r, d) < 0)
		goto fail;
	t = guestrec_parse(text, n, name, &r->cause);
	if (!t) {
		diag_set(d, "", 0, 0, "the guest's records cannot make a trace");
		goto fail;
	}
	if (read_run_file(dir, emu_log_file(kind), "no emulator log to verify against", &log,
			  &ln, r, d) < 0)
		goto fail;
	if ((kind == EMU_QEMU ? witness_qemu_log(log, ln, &w)
			      : witness_bochs_log(log, ln, &w)) < 0) {
		diag_set(d, "", 0, 0, "out of memory");
		goto fail;
	}
	if (read_stops(kind, dir, &w, r, d) < 0)
		goto fail;
	if (guestrec_verify(t, &w, emu_name(kind), &vd) < 0) {
		diag_set(d, "", 0, 0, "verification failed: %s", vd.msg);
		goto fail;
	}
	guestrec_verify_summary(t, &w, emu_name(kind), r->verified, sizeof r->verified);
	st = (struct record_stamp){ kind == EMU_QEMU ? "qemu" : "bochs", version, command,
				    r->verified };
	if (record_finish(t, &st, o, r, d) < 0)
		goto fail;
	rc = 0;
fail:
	witness_clear(&w);
	trace_free(t);
	free(text);
	free(log);
	return rc;
}

/* A kept run: its kind from its files, version and command from meta.txt. */
static int run_from(const struct record_opts *o, struct record_result *r, struct diag *d)
{
	char path[1100], version[256] = "", command[2048] = "";
	enum emu_kind kind;
	struct stat sb;
	char *s = NULL;

	snprintf(path, sizeof path, "%s/records.txt", o->from);
	if (lstat(path, &sb) == 0)      /* a Linux run's tracer records */
		return linuxrun_convert(o, o->from, r, d);
	snprintf(path, sizeof path, "%s/qemu.log", o->from);
	kind = lstat(path, &sb) == 0 ? EMU_QEMU : EMU_BOCHS;
	snprintf(path, sizeof path, "%s/meta.txt", o->from);
	if (recfile_read(path, 1u << 16, &s, NULL, NULL, NULL) == 0) {
		char *nl = strchr(s, '\n');
		if (nl) {
			*nl = 0;
			snprintf(version, sizeof version, "%s", s);
			snprintf(command, sizeof command, "%s", nl + 1);
			command[strcspn(command, "\n")] = 0;
		}
		free(s);
	}
	return convert(o, kind, o->from, command[0] ? command : "unknown", version, r, d);
}

static void on_tick(void *ctx, unsigned faults, double elapsed)
{
	const struct record_opts *o = ctx;
	struct record_progress p = { RECORD_RUN, faults, elapsed };

	o->progress(o->ctx, &p);
}

/* meta.txt: the version and command line, for --from later. */
static void write_meta(const char *dir, const struct emu_job *j)
{
	char path[1100];
	FILE *f;

	snprintf(path, sizeof path, "%s/meta.txt", dir);
	f = fopen(path, "wx");
	if (f) {
		fprintf(f, "%s\n%s\n", j->version, j->command);
		fclose(f);
	}
}

int record_finish(struct trace *t, const struct record_stamp *s, const struct record_opts *o,
		  struct record_result *r, struct diag *d)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (trace_set_text(&t->h.emulator, s->emulator) < 0 ||
	    trace_set_text(&t->h.emulator_version, s->version[0] ? s->version : "unknown") < 0 ||
	    trace_set_text(&t->h.command, s->command) < 0 ||
	    trace_set_text(&t->h.recorded_at, when) < 0 ||
	    trace_set_text(&t->h.verified, s->verified) < 0) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	if (trace_validate(t, o->out, &r->cause) < 0) {
		diag_set(d, "", 0, 0, "the recorded trace is inconsistent; nothing written");
		return -1;
	}
	if (o->stop && *o->stop) {
		diag_set(d, "", 0, 0, "interrupted: nothing written");
		return -1;
	}
	if (recfile_write_trace(t, o->out, o->force, o->stop, d) < 0)
		return -1;
	r->events = t->nevents;
	for (size_t k = 0; k < t->nevents; k++)
		r->faults += t->events[k].kind == TRACE_FAULT;
	return 0;
}

/* After a failure: if the work directory's file system is full, say that. */
static void blame_space(const struct record_opts *o, struct record_result *r, struct diag *d)
{
	long long have = free_bytes(o->tmpdir);
	char q[600];

	if (have < 0 || have >= 64 << 10)
		return;
	if (!r->cause.msg[0])
		diag_set(&r->cause, "", 0, 0, "%s", d->msg);
	diag_set(d, "", 0, 0, "no space left in TMPDIR %s during the run (%lld KiB free)",
		 recfile_quote(o->tmpdir, q, sizeof q), have >> 10);
}

int record_run(const struct record_opts *o, struct record_result *r, struct diag *d)
{
	char dir[RECORD_DIR_MAX + 64], args[700];
	struct emu_job j = { 0 };
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (o->from)
		return run_from(o, r, d);
	if (o->kernel == RECORD_LINUX)
		return linuxrun_run(o, r, d);
	if (recfile_run_dir(o->tmpdir, "pagewalk-rec", o->keep, dir, sizeof dir, d) < 0)
		return -1;
	snprintf(args, sizeof args, "mode=%s scenario=%s%s%s", o->mode, o->scenario,
		 o->extra ? " " : "", o->extra ? o->extra : "");
	j.kind = o->kind;
	j.arch = arch_by_name(o->mode);     /* "2level", "pae": checked words */
	j.elf = o->guest_path;
	j.args = args;
	j.timeout = o->timeout > 0 ? o->timeout : emu_default_timeout(o->kind);
	j.dir = dir;
	j.stop = o->stop;
	j.tick = o->progress ? on_tick : NULL;
	j.ctx = (void *)o;
	if (emu_run(&j, d) == 0) {
		write_meta(dir, &j);
		rc = convert(o, o->kind, dir, j.command, j.version, r, d);
	}
	if (rc < 0 && !(o->stop && *o->stop))
		blame_space(o, r, d);
	if (o->keep)
		snprintf(r->kept, sizeof r->kept, "%s", dir);
	else
		recfile_remove_tree(dir);
	return rc;
}
