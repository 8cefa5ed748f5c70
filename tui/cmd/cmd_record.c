/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_record.c - `pagewalk record`: boot the guest, capture, verify, write.
 *
 *   pagewalk record --emulator qemu|bochs --mode 2level|pae --scenario NAME
 *                   -o FILE [--timeout S] [--force] [--guest ELF]
 *                   [--guest-args WORDS] [--keep]
 *   pagewalk record --from DIR -o FILE [--force]
 *   pagewalk record --kernel linux --mode MODE --scenario NAME
 *                   -o FILE [--timeout S] [--force] [--keep]   (engine/record/linuxrun.h)
 *   pagewalk record --kernel linux --mode MODE --program FILE [-- ARGS...]
 *                   -o FILE [--timeout S] [--force] [--keep]   (engine/record/linuxprog.h)
 *
 * The kernel chosen is record_opts.kernel; the engine dispatches on it.
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
#include "record/linuxtab.h"
#include "record/record.h"
#include "util/text.h"

/* "label: words", indented 19 columns, wrapped at a space within 79. */
static void put_wrapped(FILE *f, const char *label, const char *words)
{
	const char *p = words;
	int col = fprintf(f, "                   %s:", label);

	while (*p) {
		size_t n = strcspn(p, " ");
		if (col + 1 + (int)n > 79)
			col = fprintf(f, "\n                     ") - 1;
		col += fprintf(f, " %.*s", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
	}
	fputc('\n', f);
}

/* The Linux recorder's modes and scenarios, from its table (linux.tab). */
static void linux_words(FILE *f)
{
	struct diag d = { 0 };
	struct linuxtab *t = linuxtab_builtin(&d);
	char buf[512];

	if (!t)
		return;
	linuxtab_names(t, "mode", buf, sizeof buf);
	put_wrapped(f, "Linux modes", buf);
	linuxtab_names(t, "scenario", buf, sizeof buf);
	put_wrapped(f, "Linux scenarios", buf);
	linuxtab_free(t);
}

static void record_usage(FILE *f)
{
	fputs("usage: pagewalk record --emulator qemu|bochs --mode 2level|pae --scenario NAME\n"
	      "                       -o FILE [--timeout S] [--force] [--guest ELF]\n"
	      "                       [--guest-args WORDS] [--keep]\n"
	      "       pagewalk record --from DIR -o FILE [--force]\n"
	      "       pagewalk record --kernel linux --mode MODE (2level ... arm64-64k-42)\n"
	      "                       --scenario NAME -o FILE [--timeout S] [--force] [--keep]\n"
	      "       pagewalk record --kernel linux --mode MODE --program FILE [-- ARGS...]\n"
	      "                       -o FILE [--timeout S] [--force] [--keep]\n"
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
	      "                   (make linux builds it; docs/linux.md)\n"
	      "  --program FILE   run your own program in Linux instead of a scenario: C\n"
	      "                   source (compiled static with gcc) or a static ELF; ARGS\n"
	      "                   after -- are its arguments; its output is shown after\n"
	      "                   the recording\n", f);
	linux_words(f);
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

static void progress(void *ctx, const struct record_progress *p)
{
	const struct record_opts *o = ctx;

	if (o->kernel == RECORD_LINUX) {   /* the tracer's records come at the end */
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

/* "pagewalk: record: MSG" and the usage on stderr; EXIT_USAGE. */
static int bad_usage(const char *msg)
{
	cmd_error(EXIT_USAGE, "record: %s", msg);
	record_usage(stderr);
	return EXIT_USAGE;
}

/* After parsing: what must be given, and the words (usage errors);
 * CMD_CONTINUE or EXIT_USAGE. */
static int check_required(const struct record_opts *o, bool have_kind)
{
	struct diag d = { 0 };

	if (!o->out)
		return bad_usage("-o FILE is required");
	if (o->from)
		return CMD_CONTINUE;
	if (o->kernel == RECORD_LINUX) {
		if (o->kind == EMU_BOCHS || o->guest || o->extra || !o->mode || !o->scenario)
			return bad_usage("--kernel linux runs under QEMU and needs --mode and "
					 "--scenario or --program (no --guest, --guest-args)");
		if (record_check_words(o, &d) < 0)
			return bad_usage(d.msg);
		return CMD_CONTINUE;
	}
	if (o->program)
		return bad_usage("--program needs --kernel linux");
	if (!have_kind || !o->mode || !o->scenario)
		return bad_usage("--emulator, --mode and --scenario are required");
	/* Bad words are usage errors, found before anything starts. */
	if (record_check_words(o, &d) < 0)
		return bad_usage(d.msg);
	return CMD_CONTINUE;
}

/* The program's arguments (after --). */
#define PROGRAM_ARGS 256
static char *program_args[PROGRAM_ARGS];

/* CMD_CONTINUE, or the exit status (help shown: 0; usage error: 2). */
static int parse_opts(int argc, char **argv, struct record_opts *o)
{
	static const struct option longs[] = {
		{ "emulator", required_argument, NULL, 'e' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "mode", required_argument, NULL, 'm' },
		{ "scenario", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "timeout", required_argument, NULL, 't' },
		{ "guest", required_argument, NULL, 'g' },
		{ "guest-args", required_argument, NULL, 'G' },
		{ "from", required_argument, NULL, 'F' },
		{ "force", no_argument, NULL, 'f' },
		{ "keep", no_argument, NULL, 'K' },
		{ "program", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool have_kind = false;
	struct cmd_opt p;
	char *end;
	int c;

	cmd_opt_begin(&p, "record", argc, argv, "ho:", longs, record_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		const char *v = p.arg;
		switch (c) {
		case 'f':
			o->force = true;
			break;
		case 'K':
			o->keep = true;
			break;
		case 'e':
			if (strcmp(v, "qemu") != 0 && strcmp(v, "bochs") != 0)
				return bad_usage("--emulator wants qemu or bochs");
			o->kind = strcmp(v, "qemu") == 0 ? EMU_QEMU : EMU_BOCHS;
			have_kind = true;
			break;
		case 'k':
			if (strcmp(v, "linux") != 0 && strcmp(v, "guest") != 0)
				return bad_usage("--kernel wants guest or linux");
			o->kernel = strcmp(v, "linux") == 0 ? RECORD_LINUX : RECORD_GUEST;
			break;
		case 't':
			o->timeout = strtod(v, &end);
			if (*end || !(o->timeout > 0) || o->timeout > 86400)
				return bad_usage("--timeout wants seconds (> 0)");
			break;
		case 'm':
			o->mode = v;
			break;
		case 's':
			o->scenario = v;
			break;
		case 'o':
			o->out = v;
			break;
		case 'g':
			o->guest = v;
			break;
		case 'G':
			o->extra = v;
			break;
		case 'F':
			o->from = v;
			break;
		case 'P':
			o->program = v;
			break;
		case CMD_OPT_ARG:
			if (!p.rest || !o->program)
				return cmd_opt_extra(&p, v);
			if (o->nprogram_args == PROGRAM_ARGS)
				return bad_usage("too many arguments for the program");
			program_args[o->nprogram_args++] = (char *)v;
			o->program_args = program_args;
			break;
		default:
			return p.status;
		}
	}
	if (o->program && !o->scenario && o->kernel == RECORD_LINUX)
		o->scenario = "program";
	return check_required(o, have_kind);
}

/* The guest kernel when --guest is not given: $PAGEWALK_GUEST, else
 * $BUILD/guest/guest.elf (make's build directory), else build/guest/guest.elf. */
static const char *default_guest(const struct env *e, char *buf, size_t len)
{
	const char *b = env_nonempty(e->build);

	if (env_nonempty(e->guest))
		return e->guest;
	snprintf(buf, len, "%s/guest/guest.elf", b ? b : "build");
	return buf;
}

/* The program as the user named it ("the program" when a kept run is
 * read again with --from). */
static const char *prog_name(const struct record_opts *o)
{
	return o->program ? o->program : "the program";
}

/* A --program run's end: how the program ended and what it wrote (its
 * output escaped on stdout, so no byte of it reaches the terminal as a
 * control sequence). */
static void print_program(const struct record_opts *o, const struct record_result *r)
{
	unsigned sig = 0;
	char *out;

	if (!r->program_exit[0])
		return;
	if (sscanf(r->program_exit, "signal %u", &sig) == 1)
		cmd_say(stderr, "pagewalk: %s was killed by signal %u%s%s%s", prog_name(o), sig,
			sig == 11 ? " (SIGSEGV)" : sig == 9 ? " (SIGKILL)" : sig == 6 ? " (SIGABRT)" : "",
			sig == 11 && r->program_segv[0] ? " at its fault " : "",
			sig == 11 ? r->program_segv : "");
	else
		cmd_say(stderr, "pagewalk: %s exited with %s", prog_name(o), r->program_exit);
	if (!r->output_len) {
		cmd_say(stderr, "pagewalk: it wrote nothing");
		return;
	}
	cmd_say(stderr, "pagewalk: its output (%zu bytes, escaped):", r->output_len);
	fflush(stderr);
	if ((out = text_escape(r->output, r->output_len, true))) {
		fputs(out, stdout);
		if (out[0] && out[strlen(out) - 1] != '\n')
			fputc('\n', stdout);
		free(out);
	}
	fflush(stdout);
	if (r->output_cut)
		cmd_say(stderr, "pagewalk: its output was cut at %d bytes (%llu more not kept)",
			RECORD_OUTPUT_MAX, r->output_cut);
}

/* A --program recording written: the program's faults by where they
 * came from (they add up to the trace's), the run's others left out,
 * then the check of every fault of the run, and a note on its lines. */
static void print_program_faults(const struct record_opts *o, const struct record_result *r)
{
	size_t kept = r->prog_startup + r->prog_main + r->prog_kernel;
	char others[100] = "";

	if (r->run_faults > kept)
		snprintf(others, sizeof others, "; the run's other %zu (its init's) are not in the "
			 "trace", r->run_faults - kept);
	if (r->prog_no_main)
		cmd_say(stderr, "pagewalk: wrote %s: %zu events; %s took %zu page faults: %zu in "
			"user mode (it has no main in its symbols: its start-up cannot be told "
			"apart), %zu in the kernel on its behalf (in its system calls)%s", o->out,
			r->events, prog_name(o), kept, r->prog_main, r->prog_kernel, others);
	else
		cmd_say(stderr, "pagewalk: wrote %s: %zu events; %s took %zu page faults: %zu "
			"before main (the C library's start-up), %zu from main on, %zu in the "
			"kernel on its behalf (in its system calls)%s", o->out, r->events,
			prog_name(o), kept, r->prog_startup, r->prog_main, r->prog_kernel, others);
	cmd_say(stderr, "pagewalk: verified: %s", r->verified);
	if (r->program_note[0])
		cmd_say(stderr, "pagewalk: note: %s", r->program_note);
}

int cmd_record(const struct globals *g, int argc, char **argv)
{
	struct record_opts o = { .stop = &stop };
	static struct record_result r;
	struct diag d = { 0 };
	char gbuf[1100];
	bool tty = isatty(2);
	int rc;

	if ((rc = parse_opts(argc, argv, &o)) != CMD_CONTINUE)
		return rc;
	catch_signals();
	if (!o.guest && o.kernel == RECORD_GUEST)
		o.guest = default_guest(g->env, gbuf, sizeof gbuf);
	if (record_check_target(&o, &d) < 0)
		return cmd_error(EXIT_BADINPUT, "%s", d.msg);
	if (record_check(&o, &d) < 0)
		return cmd_error(EXIT_BADINPUT, "record: %s", d.msg);
	if (tty) {
		o.progress = progress;
		o.ctx = &o;
	}
	rc = record_run(&o, &r, &d);
	if (tty && !o.from)
		fputc('\n', stderr);
	if (r.detail[0])
		fprintf(stderr, "%s%s", r.detail, r.detail[strlen(r.detail) - 1] == '\n' ? "" : "\n");
	if (rc < 0)
		print_failure(&r, &d);
	else if (r.program_exit[0])   /* a --program run (or one read again by --from) */
		print_program_faults(&o, &r);
	else
		cmd_say(stderr, "pagewalk: wrote %s: %zu events, %zu faults; %s", o.out,
			r.events, r.faults, r.verified);
	if (o.program || r.program_exit[0])
		print_program(&o, &r);
	if (r.kept[0])
		cmd_say(stderr, "pagewalk: kept the run in %s", r.kept);
	return rc < 0 ? EXIT_BADINPUT : 0;
}
