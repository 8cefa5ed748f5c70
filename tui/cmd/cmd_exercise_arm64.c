/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_exercise_arm64.c - the arm64 exercise sheet (see cmd_exercise_arm64.h). */
#include "cmd/cmd_exercise_arm64.h"

#include <inttypes.h>

#include "cmd/cmd_print.h"

/* "EL0 read", "EL1 fetch". */
static const char *access_words(struct access acc, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s", acc.user ? "EL0" : "EL1", exercise_access_name(acc.kind));
	return buf;
}

static void sheet_head(const struct exercise *ex)
{
	const struct arch *a = ex->arch;
	unsigned lo, hi;
	char buf[24];

	printf("Paging exercise: %s, seed %" PRIu64 "\n\n", a->title, ex->seed);
	printf("Translate each virtual address below with the translation tables dumped\n"
	       "here: say which base register bit 55 picks (TTBR0_EL1 or TTBR1_EL1), give\n"
	       "the index at each level, the descriptor's address and value, and the\n"
	       "physical address, or the abort: ESR_EL1 (EC, WnR, DFSC) and FAR_EL1.\n\n");
	printf("Granule %s, descriptors 8 bytes; an address in neither range (bits\n"
	       "55..%u not all 0 under TTBR0, bits 63..%u not all 1 under TTBR1) takes a\n"
	       "level 0 translation fault. Descriptor bits: 1..0 type (11 table or page,\n"
	       "01 block, x0 invalid), AP[2:1] 7..6, AF 10, nG 11, PXN 53, UXN 54; in a\n"
	       "table descriptor PXNTable 59, UXNTable 60, APTable 62..61. Output address\n"
	       "bits 47..%u.\n", walk_size_name(1ULL << a->page_shift),
	       a->va_bits, a->va_bits, a->page_shift);
	printf("Address bits:\n");
	for (int lv = LEVEL_PGD; lv <= LEVEL_COUNT; lv++) {
		char bits[16];
		if (lv < LEVEL_COUNT && a->level[lv].folded)
			continue;
		addr_bits(a, (enum level)lv, &lo, &hi);
		snprintf(bits, sizeof bits, "%u..%u", hi, lo);
		if (lv < LEVEL_COUNT)
			printf("  %-6s %-7s level %u\n", level_name((enum level)lv), bits,
			       a->level[lv].hw_level);
		else
			printf("  %-6s %s\n", "offset", bits);
	}
	printf("\nTTBR0_EL1 = %s\n", cmd_print_phys(ex->cr3, buf, sizeof buf));
	printf("TTBR1_EL1 = %s\n", cmd_print_phys(ex->ttbr1, buf, sizeof buf));
}

static void sheet_tables(const struct exercise *ex)
{
	const struct arch *a = ex->arch;
	char buf[24];

	printf("\nTables (descriptors not listed are 0):\n");
	for (size_t t = 0; t < ex->ntables; t++) {
		const struct exercise_table *tb = &ex->tables[t];
		printf("  %s table at %s (TTBR%u tree)\n", level_name(tb->level),
		       cmd_print_phys(tb->base, buf, sizeof buf), tb->ttbr);
		for (size_t i = 0; i < tb->nentries; i++)
			printf("    [%4u] %s\n", tb->entries[i].index,
			       cmd_print_entry(a, tb->entries[i].value, buf, sizeof buf));
	}
}

void cmd_exercise_arm64_sheet(const struct exercise *ex, bool answers)
{
	char addr[24], acc[24];

	sheet_head(ex);
	sheet_tables(ex);
	printf("\nAddresses (EL0 = user, EL1 = kernel):\n");
	for (size_t i = 0; i < ex->nquestions; i++) {
		const struct exercise_question *q = &ex->questions[i];
		printf("  %2zu. %s  %s\n", i + 1, cmd_print_addr(ex->arch, q->addr, addr, sizeof addr),
		       access_words(q->access, acc, sizeof acc));
	}
	if (!answers)
		return;
	printf("\nAnswers:\n");
	for (size_t i = 0; i < ex->nquestions; i++) {
		const struct exercise_question *q = &ex->questions[i];
		printf("  %2zu. %s  %s", i + 1, cmd_print_addr(ex->arch, q->addr, addr, sizeof addr),
		       access_words(q->access, acc, sizeof acc));
		if (q->walk.ttbr >= 0)
			printf(", TTBR%d_EL1\n", q->walk.ttbr);
		else
			printf(", neither range\n");
		cmd_print_walk(stdout, "      ", ex->arch, &q->walk);
	}
}

void cmd_exercise_arm64_image_head(FILE *f, const struct exercise *ex)
{
	char v[24];

	fprintf(f, "ttbr0: %s\n", cmd_print_phys(ex->cr3, v, sizeof v));
	fprintf(f, "ttbr1: %s\n", cmd_print_phys(ex->ttbr1, v, sizeof v));
}
