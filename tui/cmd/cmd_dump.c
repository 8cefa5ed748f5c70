/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_dump.c - `pagewalk dump FILE`: a trace as plain text.
 *
 * Four header lines starting with "# " (what produced the trace, how it was
 * verified, the layout), then one line per event, as trace_event_format()
 * writes it. The trace is loaded and validated first: a bad file prints its
 * FILE:LINE:COL: error and nothing else, exit 1.
 *
 * --format md --event N prints a Markdown write-up of fault N instead
 * (engine/trace/trace_md.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "trace/trace.h"
#include "trace/trace_md.h"

static void dump_usage(FILE *f)
{
	fputs("usage: pagewalk dump FILE\n"
	      "       pagewalk dump FILE --format md --event N\n"
	      "\n"
	      "Print a recorded trace as text: a short header, then one line per event\n"
	      "(sequence number, kind, and for a fault: cr2, error code, the walk, the\n"
	      "handler's path, the entries it wrote, the frames it took, the outcome).\n"
	      "\n"
	      "--format md --event N prints a Markdown write-up of fault event N (its\n"
	      "number in the plain dump) for handouts: the access, each level's entry,\n"
	      "the route, the writes old -> new and the code (our guest's lines; Linux\n"
	      "by file and function; a trace of Linux: its call chain, file:line).\n", f);
}

int cmd_dump(const struct globals *g, int argc, char **argv)
{
	const char *file = NULL;
	struct diag d = { 0 };
	struct trace *t;
	char line[4096];
	unsigned long long event = 0;
	bool md = false;
	static const struct option longs[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "event", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;
	int c;

	(void)g;
	cmd_opt_begin(&p, "dump", argc, argv, "h", longs, dump_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		const char *v = p.arg;
		char *end;
		switch (c) {
		case 'f':
			if (strcmp(v, "md") != 0 && strcmp(v, "text") != 0)
				return cmd_error(EXIT_USAGE, "dump: --format wants md or text");
			md = strcmp(v, "md") == 0;
			break;
		case 'e':
			if (!(v[0] >= '0' && v[0] <= '9') ||
			    (event = strtoull(v, &end, 10), *end) || event == 0)
				return cmd_error(EXIT_USAGE, "dump: --event wants an event number (1, 2, ...)");
			break;
		case CMD_OPT_ARG:
			if (file)
				return cmd_error(EXIT_USAGE, "dump: one FILE only");
			file = v;
			break;
		default:
			return p.status;
		}
	}
	if (md != (event != 0))
		return cmd_error(EXIT_USAGE, "dump: --format md and --event N go together");
	if (!file) {
		dump_usage(stderr);
		return EXIT_USAGE;
	}
	t = trace_load(file, &d);
	if (!t) {
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	if (md) {
		int rc = trace_md_write(t, (size_t)event - 1, file, stdout, &d);
		trace_free(t);
		if (rc < 0) {
			cmd_print_diag(&d);
			return EXIT_BADINPUT;
		}
		return cmd_finish_stdout();
	}
	{
		const struct trace_header *h = &t->h;
		int aw = (int)(h->arch->word_bits / 4);
		size_t faults = 0;
		for (size_t k = 0; k < t->nevents; k++)
			faults += t->events[k].kind == TRACE_FAULT;
		printf("# %s, scenario %s: %zu events, %zu faults, %zu known entries\n",
		       h->arch->name, h->scenario, t->nevents, faults, t->nentries);
		printf("# source %s under %s (%s), build %s, recorded %s\n", h->source,
		       h->emulator, h->emulator_version, h->guest_build, h->recorded_at);
		printf("# verified: %s\n", h->verified);
		printf("# master pgd 0x%0*llx, TASK_SIZE 0x%0*llx, vmalloc 0x%0*llx-0x%0*llx\n",
		       aw, (unsigned long long)h->master_pgd, aw, (unsigned long long)h->task_size,
		       aw, (unsigned long long)h->vmalloc_start, aw,
		       (unsigned long long)h->vmalloc_end);
		if (h->program) {
			const struct trace_program *pr = h->program;
			printf("# program %s, exit %s, ", pr->name, pr->exit);
			if (pr->source)
				printf("its source in the trace (%u lines)\n", pr->nlines);
			else if (pr->source_file)
				printf("its lines are %s's, whose text was not given\n", pr->source_file);
			else
				printf("given as an ELF without lines: functions only\n");
		}
	}
	for (size_t k = 0; k < t->nevents; k++) {
		trace_event_format(t, k, line, sizeof line);
		puts(line);
	}
	trace_free(t);
	return cmd_finish_stdout();
}
