/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_macros.c - `pagewalk macros [--arch A] [--walk]`: Linux's paging
 * macros.
 *
 * One "NAME = VALUE" line per macro, in arch_macros() order. SHIFT and
 * PTRS_PER values are decimal; SIZE and MASK are hex at the arch's word
 * width (8 digits on x86-32, 16 on x86-64), as unsigned long holds them.
 * --walk prints instead the levels as the recorders' gdb scripts walk
 * them (engine/record/walkgeom.h; guest/run-qemu.sh reads it).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd_arch.h"
#include "cmd/cmd.h"
#include "record/walkgeom.h"

static void macros_usage(FILE *f)
{
	fprintf(f, "usage: pagewalk macros [--arch A] [--walk]\n"
		"\n"
		"Print Linux's PAGE_SHIFT, PAGE_SIZE, PAGE_MASK, PMD_*, PUD_*, P4D_*,\n"
		"PGDIR_* and PTRS_PER_* for an arch (default x86-32), one NAME = VALUE\n"
		"per line. Archs: %s.\n"
		"  --walk   the levels as the recorders' gdb scripts walk them instead\n"
		"           (level=NAME:SHIFT:BITS:ENTRY-SIZE:LARGE-PAGE, folded levels\n"
		"           by name alone)\n", cmd_arch_names());
}

/* What the macro name means, in Japanese (the comment after each line
 * under --lang ja). */
static const char *gloss_ja(const char *name)
{
	if (strcmp(name, "PAGE_SHIFT") == 0)
		return "ページ内オフセットのビット数";
	if (strcmp(name, "PAGE_SIZE") == 0)
		return "1 ページのバイト数 (1 << PAGE_SHIFT)";
	if (strcmp(name, "PAGE_MASK") == 0)
		return "ページ境界に切り捨てるマスク ~(PAGE_SIZE - 1)";
	if (strncmp(name, "PTRS_PER_", 9) == 0)
		return "このレベルのテーブル 1 つのエントリ数";
	if (strstr(name, "_SHIFT"))
		return "このレベルのエントリ 1 つが覆う範囲のビット数";
	if (strstr(name, "_SIZE"))
		return "このレベルのエントリ 1 つが覆うバイト数 (1 << *_SHIFT)";
	if (strstr(name, "_MASK"))
		return "その境界に切り捨てるマスク ~(*_SIZE - 1)";
	return "";
}

int cmd_macros(const struct globals *g, int argc, char **argv)
{
	const struct arch *a = arch_get(ARCH_X86_32);
	struct macro m[ARCH_MACROS_MAX];
	static const struct option longs[] = {
		{ "arch", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "walk", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;
	bool walk = false;
	int n, c;

	cmd_opt_begin(&p, "macros", argc, argv, "a:h", longs, macros_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		if (c == 'a' && cmd_arch_opt("macros", p.arg, &a) != 0)
			return EXIT_USAGE;
		if (c == CMD_OPT_ARG)
			return cmd_opt_extra(&p, p.arg);
		if (c == CMD_OPT_STOP)
			return p.status;
		if (c == 'w')
			walk = true;
	}
	if (walk) {
		char geom[1024];
		walkgeom_text(a, geom, sizeof geom);
		fputs(geom, stdout);
		return cmd_finish_stdout();
	}
	n = arch_macros(a, m);
	for (int i = 0; i < n; i++) {
		char line[80];
		if (m[i].format == MACRO_DEC)
			snprintf(line, sizeof line, "%s = %" PRIu64, m[i].name, m[i].value);
		else
			snprintf(line, sizeof line, "%s = 0x%0*" PRIx64, m[i].name,
				 (int)(a->word_bits / 4), m[i].value);
		if (g->lang == LANG_JA)
			printf("%-36s # %s\n", line, gloss_ja(m[i].name));
		else
			printf("%s\n", line);
	}
	return cmd_finish_stdout();
}
