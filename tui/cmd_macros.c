/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_macros.c - `pagewalk macros [--arch A]`: Linux's paging macros.
 *
 * One "NAME = VALUE" line per macro, in arch_macros() order. SHIFT and
 * PTRS_PER values are decimal; SIZE and MASK are hex at the arch's word
 * width (8 digits on x86-32, 16 on x86-64), as unsigned long holds them.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arch_opt.h"
#include "cmd.h"

static void macros_usage(FILE *f)
{
	fprintf(f, "usage: pagewalk macros [--arch A]\n"
		"\n"
		"Print Linux's PAGE_SHIFT, PAGE_SIZE, PAGE_MASK, PMD_*, PUD_*, P4D_*,\n"
		"PGDIR_* and PTRS_PER_* for an arch (default x86-32), one NAME = VALUE\n"
		"per line. Archs: %s.\n", arch_opt_names());
}

int cmd_macros(const struct globals *g, int argc, char **argv)
{
	const struct arch *a = arch_get(ARCH_X86_32);
	struct macro m[ARCH_MACROS_MAX];
	int n;

	(void)g;
	for (int i = 1; i < argc; i++) {
		int r = arch_opt("macros", argc, argv, &i, &a);
		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			macros_usage(stdout);
			return 0;
		}
		if (argv[i][0] == '-')
			cmd_error(EXIT_USAGE, "macros: unknown option %s", argv[i]);
		else
			cmd_error(EXIT_USAGE, "macros: unexpected argument %s", argv[i]);
		macros_usage(stderr);
		return EXIT_USAGE;
	}
	n = arch_macros(a, m);
	for (int i = 0; i < n; i++) {
		if (m[i].format == MACRO_DEC)
			printf("%s = %" PRIu64 "\n", m[i].name, m[i].value);
		else
			printf("%s = 0x%0*" PRIx64 "\n", m[i].name, (int)(a->word_bits / 4),
			       m[i].value);
	}
	return cmd_finish_stdout();
}
