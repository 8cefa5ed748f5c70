/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_record.c - `pagewalk record`: boot the guest, capture, verify, write.
 *
 *   pagewalk record --emulator qemu|bochs --mode 2level|pae --scenario NAME
 *                   -o FILE [--timeout S] [--force] [--guest ELF]
 *                   [--guest-args WORDS] [--keep]
 *   pagewalk record --from DIR -o FILE [--force]
 *
 * The run happens in a fresh directory under $TMPDIR. The guest's records
 * become a trace (engine/guestrec.c); every fault is checked against the
 * emulator's own exception log; the trace is validated like any loaded
 * file; only then is FILE written, through a temporary file and rename().
 * Any failure exits 1 with one message and leaves FILE as it was.
 * --keep keeps the run directory; --from DIR turns a kept run into a trace
 * again without an emulator (and re-verifies it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "guestrec.h"
#include "record_emu.h"
#include "trace.h"

struct rec_opts {
	enum emu_kind kind;
	bool have_kind;
	const char *mode, *scenario, *out, *guest, *extra, *from;
	double timeout;
	bool force, keep;
};

static void record_usage(FILE *f)
{
	fputs("usage: pagewalk record --emulator qemu|bochs --mode 2level|pae --scenario NAME\n"
	      "                       -o FILE [--timeout S] [--force] [--guest ELF]\n"
	      "                       [--guest-args WORDS] [--keep]\n"
	      "       pagewalk record --from DIR -o FILE [--force]\n"
	      "\n"
	      "Boot the guest kernel headless under the emulator, turn its records into a\n"
	      "trace, check every page fault against the emulator's own log, and write FILE.\n"
	      "Scenarios: demand, vmalloc, protection, all. The guest kernel is --guest ELF,\n"
	      "else $PAGEWALK_GUEST, else build/guest/guest.elf (make guest builds it).\n"
	      "  --timeout S      stop a run that takes longer (default 30, Bochs 60)\n"
	      "  --force          overwrite FILE if it exists\n"
	      "  --guest-args W   more kernel command-line words (for testing the guest)\n"
	      "  --keep           keep the run's directory (emulator logs) and print its path\n"
	      "  --from DIR       convert a kept run again, without an emulator\n", f);
}

static void progress(void *ctx, const char *dir, double elapsed)
{
	char path[1100];
	size_t n = 0;
	char *text;
	unsigned faults = 0;

	(void)ctx;
	if (!isatty(2))
		return;
	snprintf(path, sizeof path, "%s/e9.txt", dir);
	text = emu_read_file(path, &n);
	if (!text) {
		snprintf(path, sizeof path, "%s/bochs.out", dir);
		text = emu_read_file(path, &n);
	}
	if (text)
		faults = guestrec_count_faults(text, n);
	free(text);
	fprintf(stderr, "\rpagewalk: recording: %u faults seen, %.1f s ", faults, elapsed);
}

static int parse_opts(int argc, char **argv, struct rec_opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			record_usage(stdout);
			return 1;
		}
		if (strcmp(a, "--force") == 0) {
			o->force = true;
			continue;
		}
		if (strcmp(a, "--keep") == 0) {
			o->keep = true;
			continue;
		}
		if (i + 1 >= argc) {
			cmd_error(EXIT_USAGE, "record: %s needs a value", a);
			return -1;
		}
		if (strcmp(a, "--emulator") == 0) {
			const char *v = argv[++i];
			if (strcmp(v, "qemu") == 0)
				o->kind = EMU_QEMU;
			else if (strcmp(v, "bochs") == 0)
				o->kind = EMU_BOCHS;
			else {
				cmd_error(EXIT_USAGE, "record: --emulator wants qemu or bochs");
				return -1;
			}
			o->have_kind = true;
			continue;
		}
		if (strcmp(a, "--timeout") == 0) {
			char *end;
			o->timeout = strtod(argv[++i], &end);
			if (*end || !(o->timeout > 0) || o->timeout > 86400) {
				cmd_error(EXIT_USAGE, "record: --timeout wants seconds (> 0)");
				return -1;
			}
			continue;
		}
		if (strcmp(a, "--mode") == 0)
			val = &o->mode;
		else if (strcmp(a, "--scenario") == 0)
			val = &o->scenario;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			val = &o->out;
		else if (strcmp(a, "--guest") == 0)
			val = &o->guest;
		else if (strcmp(a, "--guest-args") == 0)
			val = &o->extra;
		else if (strcmp(a, "--from") == 0)
			val = &o->from;
		if (!val) {
			cmd_error(EXIT_USAGE, "record: unknown option %s", a);
			return -1;
		}
		*val = argv[++i];
	}
	if (!o->out) {
		cmd_error(EXIT_USAGE, "record: -o FILE is required");
		return -1;
	}
	if (o->from)
		return 0;
	if (!o->have_kind || !o->mode || !o->scenario) {
		cmd_error(EXIT_USAGE, "record: --emulator, --mode and --scenario are required");
		return -1;
	}
	if (strcmp(o->mode, "2level") != 0 && strcmp(o->mode, "pae") != 0) {
		cmd_error(EXIT_USAGE, "record: --mode wants 2level or pae");
		return -1;
	}
	for (const char *p = o->scenario; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
			cmd_error(EXIT_USAGE, "record: --scenario wants a word (demand, vmalloc, ...)");
			return -1;
		}
	if (o->extra)
		for (const char *p = o->extra; *p; p++)
			if (*p == '"' || *p == '\n' || *p == '\\' || *p == '\'' || *p == ';') {
				cmd_error(EXIT_USAGE, "record: --guest-args takes plain words");
				return -1;
			}
	return 0;
}

/* Write t to path through a temporary file in the same directory. */
static int write_atomic(const struct trace *t, const char *path, bool force)
{
	char tmp[4200];
	FILE *f;
	int fd;

	snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		return cmd_error(EXIT_BADINPUT, "cannot write %s: %s", path, strerror(errno));
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return cmd_error(EXIT_BADINPUT, "cannot write %s: %s", path, strerror(errno));
	}
	if (trace_write(t, f) < 0 || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		int e = errno;
		fclose(f);
		unlink(tmp);
		return cmd_error(EXIT_BADINPUT, "cannot write %s: %s", path, strerror(e));
	}
	fchmod(fileno(f), 0644);
	if (fclose(f) != 0) {
		unlink(tmp);
		return cmd_error(EXIT_BADINPUT, "cannot write %s: %s", path, strerror(errno));
	}
	if (!force && access(path, F_OK) == 0) {
		unlink(tmp);
		return cmd_error(EXIT_BADINPUT, "%s exists (use --force to overwrite it)", path);
	}
	if (rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return cmd_error(EXIT_BADINPUT, "cannot write %s: %s", path, strerror(e));
	}
	return 0;
}

/* Build, verify and write the trace from a finished run in dir. */
static int convert(const struct rec_opts *o, enum emu_kind kind, const char *dir,
		   const char *command, const char *version)
{
	char path[1100], msg[1200];
	const char *recname = kind == EMU_QEMU ? "e9.txt" : "bochs.out";
	const char *logname = kind == EMU_QEMU ? "qemu.log" : "bochs.log";
	struct witness w = { 0 };
	struct diag d = { 0 };
	struct trace *t = NULL;
	char *text = NULL, *log = NULL;
	size_t n, ln;
	int rc = EXIT_BADINPUT;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	snprintf(path, sizeof path, "%s/%s", dir, recname);
	text = emu_read_file(path, &n);
	if (!text) {
		cmd_error(EXIT_BADINPUT, "record: the guest wrote nothing (%s missing)", path);
		goto out;
	}
	t = guestrec_parse(text, n, path, &d);
	if (!t) {
		cmd_print_diag(&d);
		cmd_error(EXIT_BADINPUT, "record: the guest's records cannot make a trace");
		goto out;
	}
	snprintf(path, sizeof path, "%s/%s", dir, logname);
	log = emu_read_file(path, &ln);
	if (!log) {
		cmd_error(EXIT_BADINPUT, "record: no emulator log %s to verify against", path);
		goto out;
	}
	if ((kind == EMU_QEMU ? guestrec_witness_qemu(log, ln, &w)
			      : guestrec_witness_bochs(log, ln, &w)) < 0) {
		cmd_error(EXIT_BADINPUT, "record: out of memory");
		goto out;
	}
	if (guestrec_verify(t, &w, kind == EMU_QEMU ? "QEMU" : "Bochs", msg, sizeof msg) < 0) {
		cmd_error(EXIT_BADINPUT, "record: verification failed: %s", msg);
		goto out;
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (trace_set_text(&t->h.emulator, kind == EMU_QEMU ? "qemu" : "bochs") < 0 ||
	    trace_set_text(&t->h.emulator_version, version[0] ? version : "unknown") < 0 ||
	    trace_set_text(&t->h.command, command) < 0 ||
	    trace_set_text(&t->h.recorded_at, stamp) < 0 ||
	    trace_set_text(&t->h.verified, msg) < 0) {
		cmd_error(EXIT_BADINPUT, "record: out of memory");
		goto out;
	}
	if (trace_validate(t, o->out, &d) < 0) {
		cmd_print_diag(&d);
		cmd_error(EXIT_BADINPUT, "record: the recorded trace is inconsistent; nothing written");
		goto out;
	}
	if (write_atomic(t, o->out, o->force) != 0)
		goto out;
	{
		size_t faults = 0;
		for (size_t k = 0; k < t->nevents; k++)
			faults += t->events[k].kind == TRACE_FAULT;
		fprintf(stderr, "pagewalk: wrote %s: %zu events, %zu faults; %s\n", o->out,
			t->nevents, faults, msg);
	}
	rc = 0;
out:
	witness_clear(&w);
	trace_free(t);
	free(text);
	free(log);
	return rc;
}

static int record_from(const struct rec_opts *o)
{
	char path[1100], version[256] = "", command[2048] = "";
	enum emu_kind kind;
	struct stat sb;
	char *s;

	if (stat(o->from, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return cmd_error(EXIT_BADINPUT, "record: --from %s: not a kept run directory", o->from);
	snprintf(path, sizeof path, "%s/qemu.log", o->from);
	kind = access(path, F_OK) == 0 ? EMU_QEMU : EMU_BOCHS;
	snprintf(path, sizeof path, "%s/meta.txt", o->from);
	s = emu_read_file(path, NULL);
	if (s) {
		char *nl = strchr(s, '\n');
		if (nl) {
			*nl = 0;
			snprintf(version, sizeof version, "%s", s);
			snprintf(command, sizeof command, "%s", nl + 1);
			nl = strchr(command, '\n');
			if (nl)
				*nl = 0;
		}
		free(s);
	}
	return convert(o, kind, o->from, command[0] ? command : "unknown", version);
}

static const char *default_guest(char *buf, size_t len)
{
	const char *g = getenv("PAGEWALK_GUEST");
	const char *b = getenv("BUILD");

	if (g && *g)
		return g;
	snprintf(buf, len, "%s/guest/guest.elf", b && *b ? b : "build");
	return buf;
}

int cmd_record(const struct globals *g, int argc, char **argv)
{
	struct rec_opts o = { .timeout = 0 };
	char msg[1200], dir[1100], args[600], gbuf[1100], elfpath[4096];
	struct emu_job j = { 0 };
	const char *tmp = getenv("TMPDIR");
	struct stat sb;
	int r, rc = EXIT_BADINPUT;

	(void)g;
	r = parse_opts(argc, argv, &o);
	if (r)
		return r > 0 ? 0 : (record_usage(stderr), EXIT_USAGE);
	if (!o.force && access(o.out, F_OK) == 0)
		return cmd_error(EXIT_BADINPUT, "%s exists (use --force to overwrite it)", o.out);
	if (o.from)
		return record_from(&o);
	if (!o.guest)
		o.guest = default_guest(gbuf, sizeof gbuf);
	if (emu_check_tools(o.kind, msg, sizeof msg) < 0)
		return cmd_error(EXIT_BADINPUT, "record: %s", msg);
	if (stat(o.guest, &sb) != 0 || !S_ISREG(sb.st_mode))
		return cmd_error(EXIT_BADINPUT, "record: no guest kernel at %s: build it with "
				 "`make guest` (or give --guest ELF)", o.guest);
	/* The emulator runs in the work directory: give it an absolute path. */
	if (!realpath(o.guest, elfpath))
		return cmd_error(EXIT_BADINPUT, "record: %s: %s", o.guest, strerror(errno));
	o.guest = elfpath;
	snprintf(dir, sizeof dir, "%s/pagewalk-rec.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return cmd_error(EXIT_BADINPUT, "record: cannot make a work directory: %s",
				 strerror(errno));
	snprintf(args, sizeof args, "mode=%s scenario=%s%s%s", o.mode, o.scenario,
		 o.extra ? " " : "", o.extra ? o.extra : "");
	j.kind = o.kind;
	j.elf = o.guest;
	j.args = args;
	j.timeout = o.timeout > 0 ? o.timeout : (o.kind == EMU_QEMU ? 30 : 60);
	j.dir = dir;
	j.progress = progress;
	r = emu_run(&j, msg, sizeof msg);
	if (isatty(2))
		fputc('\n', stderr);
	if (r < 0) {
		cmd_error(EXIT_BADINPUT, "record: %s", msg);
		goto out;
	}
	{
		char meta[1200];
		FILE *f;
		snprintf(meta, sizeof meta, "%s/meta.txt", dir);
		f = fopen(meta, "w");
		if (f) {
			fprintf(f, "%s\n%s\n", j.version, j.command);
			fclose(f);
		}
	}
	rc = convert(&o, o.kind, dir, j.command, j.version);
out:
	if (o.keep)
		fprintf(stderr, "pagewalk: kept the run in %s\n", dir);
	else
		emu_remove_dir(dir);
	return rc;
}
