/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_exercise.c - `pagewalk exercise`: a paper exercise sheet.
 *
 * Prints the CPU settings the answers assume, cr3, the non-zero entries of
 * the table pages the engine built for the seed, and COUNT linear
 * addresses to translate; -c adds the answers, each the engine's walk
 * printed as `translate --mem` prints it. The model comes from
 * exercise_new(); this file only lays it out.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd_arch.h"
#include "cmd/cmd.h"
#include "cmd/cmd_exercise_arm64.h"
#include "paging/exercise.h"
#include "cmd/cmd_file.h"
#include "cmd/cmd_print.h"

static void exercise_usage(FILE *f)
{
	fprintf(f, "usage: pagewalk exercise [--arch A] [--seed N] [-n COUNT] [-c] [--mem FILE]\n"
		"                         [--wp on|off] [--smep on|off] [--smap on|off]\n"
		"\n"
		"Print a paper exercise: the CPU settings it assumes, cr3, a dump of the\n"
		"page-table pages (non-zero entries only) and COUNT linear addresses\n"
		"(default %d, at most %d) to translate by hand. -c (--answers) adds the\n"
		"solution: each level's index, entry address and entry, then the physical\n"
		"address or the page fault and its error code. The same arch and seed\n"
		"(default 0) give the same sheet everywhere. --wp, --smep and --smap set\n"
		"CR0.WP (default on), CR4.SMEP and CR4.SMAP (default off), which decide\n"
		"what a kernel access may do; the tables and addresses stay the same.\n"
		"--mem FILE also writes the tables and settings as a memory image for\n"
		"`pagewalk translate --mem FILE` (never over an existing file).\n"
		"Archs: %s.\n",
		EXERCISE_COUNT_DEFAULT, EXERCISE_COUNT_MAX, cmd_arch_names());
}

/* Parse a decimal or 0x number option value; -1 (usage printed) when bad. */
static int number_opt(const char *opt, const char *v, uint64_t max, uint64_t *out)
{
	struct diag d = { 0 };

	if (addr_parse(v, out, &d) < 0 || *out > max) {
		cmd_error(EXIT_USAGE, "exercise: %s wants a number up to %" PRIu64, opt, max);
		return -1;
	}
	return 0;
}

/* "on"/"off" (or 1/0) for --wp, --smep, --smap; -1 (usage printed). */
static int onoff_opt(const char *opt, const char *v, bool *out)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "1") == 0) {
		*out = true;
		return 0;
	}
	if (strcmp(v, "off") == 0 || strcmp(v, "0") == 0) {
		*out = false;
		return 0;
	}
	cmd_error(EXIT_USAGE, "exercise: %s wants on or off", opt);
	return -1;
}

static void sheet_head(const struct exercise *ex)
{
	const struct arch *a = ex->arch;
	unsigned lo, hi;
	char buf[24];

	printf("Paging exercise: %s, seed %" PRIu64 "\n\n", a->title, ex->seed);
	printf("Translate each linear address below with the page tables dumped here:\n"
	       "give the index at each level, the entry's address and value, and the\n"
	       "physical address, or the page fault and its error code (P W U RSVD I\n"
	       "bits)%s.\n\n", a->word_bits == 64 ? ", or say why there is no walk at all" : "");
	printf("CPU: CR0.WP=%d, CR4.SMEP=%d, CR4.SMAP=%d (EFLAGS.AC=0), CR4.PSE=1%s.\n"
	       "(With WP=1 a kernel write needs RW at every level; with SMEP=1 a kernel\n"
	       "fetch from a user page faults, with SMAP=1 a kernel read or write of one.)\n",
	       ex->cpu.wp, ex->cpu.smep, ex->cpu.smap, a->entry_size == 8 ? ", EFER.NXE=1" : "");
	/* what is reserved depends on the physical-address width (SDM 4.1.4):
	 * with PSE-36 bits 20..13 of a 4 MiB entry would be address bits */
	if (a->entry_size == 4)
		printf("Physical addresses are 32 bits (MAXPHYADDR=32, no PSE-36): bits 21..13\n"
		       "of a 4 MiB entry are reserved.\n\n");
	else
		printf("MAXPHYADDR=52: an entry's address is bits 51..12%s.\n\n",
		       a->word_bits == 32 ? ", bits 62..52 are reserved" : "");
	printf("Tables are 4 KiB, entries %u bytes. Entry bits: P 0x1, RW 0x2, US 0x4,\n"
	       "A 0x20, D 0x40, PS 0x80 (large page), G 0x100%s.\n", a->entry_size,
	       a->entry_size == 8 ? ", NX bit 63" : "");
	printf("Address bits:");
	for (int lv = LEVEL_PGD, col = 13; lv <= LEVEL_COUNT; lv++) {
		char part[32];
		int n;
		if (lv < LEVEL_COUNT && a->level[lv].folded)
			continue;
		addr_bits(a, (enum level)lv, &lo, &hi);
		n = snprintf(part, sizeof part, "%s %u..%u%s", level_name((enum level)lv), hi, lo,
			     lv < LEVEL_COUNT ? "," : ".");
		if (col + 1 + n > 80) {          /* 5 levels: two lines */
			printf("\n ");
			col = 1;
		}
		printf(" %s", part);
		col += 1 + n;
	}
	printf("\n\ncr3 = %s\n", cmd_print_phys(ex->cr3, buf, sizeof buf));
}

static void sheet_tables(const struct exercise *ex)
{
	const struct arch *a = ex->arch;
	char buf[24];

	printf("\nTable pages (entries not listed are 0):\n");
	for (size_t t = 0; t < ex->ntables; t++) {
		const struct exercise_table *tb = &ex->tables[t];
		printf("  %s page at %s%s\n", level_name(tb->level),
		       cmd_print_phys(tb->base, buf, sizeof buf),
		       a->id == ARCH_X86_32_PAE && tb->level == LEVEL_PGD ? " (PDPT)" : "");
		for (size_t i = 0; i < tb->nentries; i++)
			printf("    [%4u] %s\n", tb->entries[i].index,
			       cmd_print_entry(a, tb->entries[i].value, buf, sizeof buf));
	}
}

static void sheet_questions(const struct exercise *ex, bool answers)
{
	char addr[24], acc[24];

	printf("\nAddresses (user = CPL 3, kernel = CPL 0):\n");
	for (size_t i = 0; i < ex->nquestions; i++) {
		const struct exercise_question *q = &ex->questions[i];
		printf("  %2zu. %s  %s\n", i + 1, cmd_print_addr(ex->arch, q->addr, addr, sizeof addr),
		       cmd_print_access(q->access, acc, sizeof acc));
	}
	if (!answers)
		return;
	printf("\nAnswers:\n");
	for (size_t i = 0; i < ex->nquestions; i++) {
		const struct exercise_question *q = &ex->questions[i];
		printf("  %2zu. %s  %s\n", i + 1, cmd_print_addr(ex->arch, q->addr, addr, sizeof addr),
		       cmd_print_access(q->access, acc, sizeof acc));
		cmd_print_walk(stdout, "      ", ex->arch, &q->walk);
	}
}

/* The tables as a memory image (engine/paging/memimage.h), written whole. */
static int mem_write(const struct exercise *ex, const char *path)
{
	char *buf = NULL, v[24];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (!f)
		return cmd_error(EXIT_BADINPUT, "exercise: out of memory");
	fprintf(f, "# pagewalk exercise --arch %s --seed %" PRIu64 ": the page tables\n"
		"arch: %s\n", ex->arch->name, ex->seed, ex->arch->name);
	if (ex->arch->family == FAMILY_ARM64)
		cmd_exercise_arm64_image_head(f, ex);
	else
		fprintf(f, "cr3: %s\ncpu: {wp: %s, smep: %s, smap: %s}\n",
			cmd_print_phys(ex->cr3, v, sizeof v), ex->cpu.wp ? "true" : "false",
			ex->cpu.smep ? "true" : "false", ex->cpu.smap ? "true" : "false");
	fprintf(f, "entries:\n");
	for (size_t t = 0; t < ex->ntables; t++)
		for (size_t i = 0; i < ex->tables[t].nentries; i++) {
			const struct exercise_entry *e = &ex->tables[t].entries[i];
			fprintf(f, "  %s: ", cmd_print_phys(e->pa, v, sizeof v));
			fprintf(f, "%s\n", cmd_print_entry(ex->arch, e->value, v, sizeof v));
		}
	if (fclose(f) != 0) {
		free(buf);
		return cmd_error(EXIT_BADINPUT, "exercise: out of memory");
	}
	rc = cmd_file_out("exercise", path, buf, len, FILE_NEW);
	free(buf);
	return rc;
}

int cmd_exercise(const struct globals *g, int argc, char **argv)
{
	const struct arch *a = arch_get(ARCH_X86_32);
	struct walk_cpu cpu = WALK_CPU_DEFAULT;
	uint64_t seed = 0, count = EXERCISE_COUNT_DEFAULT;
	bool answers = false;
	const char *mem = NULL, *cpu_opt = NULL;
	struct exercise *ex;
	struct diag d;
	static const struct option longs[] = {
		{ "arch", required_argument, NULL, 'a' },
		{ "answers", no_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "mem", required_argument, NULL, 'm' },
		{ "wp", required_argument, NULL, 'W' },
		{ "smep", required_argument, NULL, 'E' },
		{ "smap", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;
	int c;

	(void)g;
	cmd_opt_begin(&p, "exercise", argc, argv, "a:chn:s:", longs, exercise_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		switch (c) {
		case 'a':
			if (cmd_arch_opt("exercise", p.arg, &a) != 0)
				return EXIT_USAGE;
			break;
		case 'c':
			answers = true;
			break;
		case 's':
			if (number_opt(p.name, p.arg, UINT64_MAX, &seed) < 0)
				return EXIT_USAGE;
			break;
		case 'm':
			mem = p.arg;
			break;
		case 'W':
		case 'E':
		case 'A':
			if (onoff_opt(p.name, p.arg, c == 'W' ? &cpu.wp : c == 'E' ? &cpu.smep
								: &cpu.smap) < 0)
				return EXIT_USAGE;
			cpu_opt = c == 'W' ? "--wp" : c == 'E' ? "--smep" : "--smap";
			break;
		case 'n':
			if (number_opt(p.name, p.arg, EXERCISE_COUNT_MAX, &count) < 0)
				return EXIT_USAGE;
			if (count == 0)
				return cmd_error(EXIT_USAGE, "exercise: %s wants 1 to %d", p.name,
						 EXERCISE_COUNT_MAX);
			break;
		case CMD_OPT_ARG:
			return cmd_opt_extra(&p, p.arg);
		default:
			return p.status;
		}
	}
	if (cpu_opt && a->family == FAMILY_ARM64)
		return cmd_error(EXIT_USAGE, "exercise: %s is an x86 setting (CR0.WP, CR4.SMEP, "
				 "CR4.SMAP); %s has none", cpu_opt, a->name);
	ex = exercise_new(a, seed, (unsigned)count, cpu, &d);
	if (!ex) {
		cmd_print_diag(&d);
		return EXIT_BADINPUT;
	}
	if (mem && mem_write(ex, mem) != 0) {
		exercise_free(ex);
		return EXIT_BADINPUT;
	}
	if (a->family == FAMILY_ARM64) {
		cmd_exercise_arm64_sheet(ex, answers);
	} else {
		sheet_head(ex);
		sheet_tables(ex);
		sheet_questions(ex, answers);
	}
	exercise_free(ex);
	return cmd_finish_stdout();
}
