/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_translate.c - `pagewalk translate [--arch A] ADDR`: the walk fields.
 *
 * One line per level, pgd first: a level in use shows its index (decimal)
 * and the address bits it comes from; a folded level says which real level
 * it folds into and the *_offset() identity that folds it. The last line is
 * the offset within the 4 KiB page, in hex. Example (x86-32):
 *
 *   pgd    index 768   bits 31..22
 *   p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
 *   pud    folded into pgd (pud_offset(pgd, addr) == pgd)
 *   pmd    folded into pgd (pmd_offset(pud, addr) == pud)
 *   pte    index 257   bits 21..12
 *   offset 0x234       bits 11..0
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arch_opt.h"
#include "cmd.h"

static void translate_usage(FILE *f)
{
	fprintf(f, "usage: pagewalk translate [--arch A] ADDR\n"
		"\n"
		"Split the linear address ADDR (0x... hex or decimal, '_' allowed\n"
		"between digits) into the table indices of each paging level and the\n"
		"page offset, as Linux's pgd_index() .. pte_index() do. Folded levels\n"
		"are shown as such. Default arch x86-32. Archs: %s.\n", arch_opt_names());
}

/* The pointer a folded level's *_offset() is given, named as in the 2.6-era
 * signatures: pud_offset() takes the pgd when p4d is folded too. */
static const char *fold_arg(const struct arch *a, enum level lv)
{
	switch (lv) {
	case LEVEL_P4D: return "pgd";
	case LEVEL_PUD: return a->level[LEVEL_P4D].folded ? "pgd" : "p4d";
	case LEVEL_PMD: return "pud";
	default: return "?";
	}
}

int cmd_translate(const struct globals *g, int argc, char **argv)
{
	const struct arch *a = arch_get(ARCH_X86_32);
	const char *addr_arg = NULL;
	struct addr_fields f;
	struct diag ad = { 0 };
	uint64_t addr;
	unsigned lo, hi;

	(void)g;
	for (int i = 1; i < argc; i++) {
		int r = arch_opt("translate", argc, argv, &i, &a);
		if (r < 0)
			return EXIT_USAGE;
		if (r > 0)
			continue;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			translate_usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--") == 0 && i + 1 < argc && !addr_arg) {
			addr_arg = argv[++i];
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error(EXIT_USAGE, "translate: unknown option %s", argv[i]);
			translate_usage(stderr);
			return EXIT_USAGE;
		}
		if (addr_arg) {
			cmd_error(EXIT_USAGE, "translate: one address only, got %s and %s",
				  addr_arg, argv[i]);
			return EXIT_USAGE;
		}
		addr_arg = argv[i];
	}
	if (!addr_arg) {
		cmd_error(EXIT_USAGE, "translate: missing ADDR");
		translate_usage(stderr);
		return EXIT_USAGE;
	}
	if (addr_parse(addr_arg, &addr, &ad) < 0 || addr_split(a, addr, &f, &ad) < 0)
		return cmd_error(EXIT_BADINPUT, "translate: %s", ad.msg);

	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++) {
		const struct level_info *l = &a->level[lv];
		const char *name = level_name((enum level)lv);
		if (l->folded) {
			const char *arg = fold_arg(a, (enum level)lv);
			printf("%-6s folded into %s (%s_offset(%s, addr) == %s)\n", name,
			       level_name(l->into), name, arg, arg);
			continue;
		}
		addr_bits(a, (enum level)lv, &lo, &hi);
		printf("%-6s index %-4u  bits %u..%u\n", name, f.index[lv], hi, lo);
	}
	char off[24];
	snprintf(off, sizeof off, "0x%" PRIx64, f.offset);
	addr_bits(a, LEVEL_COUNT, &lo, &hi);
	printf("%-6s %-11s bits %u..%u\n", "offset", off, hi, lo);
	return fflush(stdout) == 0 ? 0 : EXIT_BADINPUT;
}
