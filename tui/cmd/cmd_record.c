/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_record.c - `pagewalk record`: boot the guest, capture, verify, write.
 *
 *   pagewalk record --emulator qemu|bochs --mode 2level|pae --scenario NAME
 *                   -o FILE [--timeout S] [--force] [--guest ELF]
 *                   [--guest-args WORDS] [--keep]
 *   pagewalk record --from DIR -o FILE [--force]
 *   pagewalk record --kernel linux --mode 2level|pae|4level|5level --scenario NAME
 *                   -o FILE [--timeout S] [--force] [--keep]   (engine/record/linuxrun.h)
 *
 * Options are parsed here; the work is engine/record/ (record.h). The run
 * happens in a fresh directory under $TMPDIR. The guest's records
 * become a trace and every fault is checked against the
 * emulator's own exception log; the trace is validated like any loaded
 * file; only then is FILE written, through a temporary file and rename().
 * Any failure exits 1 with one message and leaves FILE as it was.
 * --keep keeps the run directory; --from DIR turns a kept run into a trace
 * again without an emulator (and re-verifies it).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "record/recfile.h"
#include "record/linuxrun.h"
#include "record/record.h"

static void record_usage(FILE *f)
{
	fputs("usage: pagewalk record --emulator qemu|bochs --mode 2level|pae --scenario NAME\n"
	      "                       -o FILE [--timeout S] [--force] [--guest ELF]\n"
	      "                       [--guest-args WORDS] [--keep]\n"
	      "       pagewalk record --from DIR -o FILE [--force]\n"
	      "       pagewalk record --kernel linux --mode 2level|pae|4level|5level\n"
	      "                       --scenario NAME -o FILE [--timeout S] [--force] [--keep]\n"
	      "\n"
	      "Boot the guest kernel headless under the emulator, turn its records into a\n"
	      "trace, check every page fault against the emulator's own log and against its\n"
	      "debugger at the fault's entry (the registers, every walked entry in memory),\n"
	      "and write FILE.\n"
	      "Scenarios: demand, vmalloc, protection, all. The guest kernel is --guest ELF,\n"
	      "else $PAGEWALK_GUEST, else build/guest/guest.elf (make guest builds it).\n"
	      "  --timeout S      stop a run that takes longer (default 30, Bochs 60)\n"
	      "  --force          overwrite FILE if it is a regular file (never a device,\n"
	      "                   FIFO, directory or symbolic link)\n"
	      "  --guest-args W   more kernel command-line words (for testing the guest)\n"
	      "  --keep           keep the run's directory (emulator logs) and print its path\n"
	      "  --from DIR       convert a kept run again, without an emulator\n"
	      "  --kernel linux   record Linux 6.1 under QEMU with gdb instead of the guest\n"
	      "                   (make linux builds it; scenarios demand, protection, fork,\n"
	      "                   stack, munmap, vmalloc (2level), all; docs/linux.md)\n", f);
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* SIGINT, SIGTERM and SIGHUP only set the flag the engine polls; it then
 * stops the emulator, removes its files and returns "interrupted". */
static void catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

static bool linux_kernel;   /* --kernel linux */

static void progress(void *ctx, const struct record_progress *p)
{
	(void)ctx;
	if (linux_kernel) {   /* the tracer's records come at the end */
		fprintf(stderr, "\rpagewalk: recording Linux under QEMU and gdb: %.1f s ", p->elapsed);
		return;
	}
	fprintf(stderr, "\rpagewalk: recording: %u fault%s seen, %.1f s ", p->faults,
		p->faults == 1 ? "" : "s", p->elapsed);
}

static void print_failure(const struct record_result *r, const struct diag *d)
{
	if (r->cause.msg[0])
		cmd_print_diag(&r->cause);
	cmd_error(EXIT_BADINPUT, "record: %s", d->msg);
}

/* After parsing: what must be given, and the words (usage errors). */
static int check_required(const struct record_opts *o, bool have_kind)
{
	struct diag d = { 0 };

	if (!o->out) {
		cmd_error(EXIT_USAGE, "record: -o FILE is required");
		return -1;
	}
	if (linux_kernel) {
		if (o->from || o->kind == EMU_BOCHS || !o->mode || !o->scenario) {
			cmd_error(EXIT_USAGE, "record: --kernel linux runs under QEMU and needs "
				  "--mode and --scenario (no --from)");
			return -1;
		}
		if (linuxrun_check_words(o, &d) < 0) {
			cmd_error(EXIT_USAGE, "record: %s", d.msg);
			return -1;
		}
		return 0;
	}
	if (o->from)
		return 0;
	if (!have_kind || !o->mode || !o->scenario) {
		cmd_error(EXIT_USAGE, "record: --emulator, --mode and --scenario are required");
		return -1;
	}
	/* Bad words are usage errors, found before anything starts. */
	if (record_check_words(o, &d) < 0) {
		cmd_error(EXIT_USAGE, "record: %s", d.msg);
		return -1;
	}
	return 0;
}

static int parse_opts(int argc, char **argv, struct record_opts *o)
{
	bool have_kind = false;
	char q[600];

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
			cmd_error(EXIT_USAGE, "record: %s needs a value", recfile_quote(a, q, sizeof q));
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
			have_kind = true;
			continue;
		}
		if (strcmp(a, "--kernel") == 0) {
			const char *v = argv[++i];
			if (strcmp(v, "linux") != 0 && strcmp(v, "guest") != 0) {
				cmd_error(EXIT_USAGE, "record: --kernel wants guest or linux");
				return -1;
			}
			linux_kernel = strcmp(v, "linux") == 0;
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
			cmd_error(EXIT_USAGE, "record: unknown option %s", recfile_quote(a, q, sizeof q));
			return -1;
		}
		*val = argv[++i];
	}
	return check_required(o, have_kind);
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
	struct record_opts o = { .stop = &stop };
	struct record_result r;
	struct diag d = { 0 };
	char gbuf[1100];
	bool tty = isatty(2);
	int rc;

	(void)g;
	rc = parse_opts(argc, argv, &o);
	if (rc)
		return rc > 0 ? 0 : (record_usage(stderr), EXIT_USAGE);
	catch_signals();
	if (!o.guest && !linux_kernel)
		o.guest = default_guest(gbuf, sizeof gbuf);
	if (record_check_target(&o, &d) < 0)
		return cmd_error(EXIT_BADINPUT, "%s", d.msg);
	if ((linux_kernel ? linuxrun_check(&o, &d) : record_check(&o, &d)) < 0)
		return cmd_error(EXIT_BADINPUT, "record: %s", d.msg);
	if (tty)
		o.progress = progress;
	rc = linux_kernel ? linuxrun_run(&o, &r, &d) : record_run(&o, &r, &d);
	if (tty && !o.from)
		fputc('\n', stderr);
	if (rc < 0)
		print_failure(&r, &d);
	else
		cmd_say(stderr, "pagewalk: wrote %s: %zu events, %zu faults; %s", o.out,
			r.events, r.faults, r.verified);
	if (r.kept[0])
		cmd_say(stderr, "pagewalk: kept the run in %s", r.kept);
	return rc < 0 ? EXIT_BADINPUT : 0;
}
