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
 *   pud    folded into pgd (pud_offset(p4d, addr) == p4d)
 *   pmd    folded into pgd (pmd_offset(pud, addr) == pud)
 *   pte    index 257   bits 21..12
 *   offset 0x234       bits 11..0
 *
 * On arm64 a first line says which base register bit 55 picks (and the tag
 * TBI0 ignores) and each level in use names its hardware level:
 *
 *   ttbr   TTBR1_EL1   bit 55 = 1, bits 63..39 all 1
 *   pgd    index 256   bits 38..30  level 1
 *
 * With --mem FILE (a memory image, engine/paging/memimage.h) it then walks
 * ADDR from the image's cr3 (arm64: TTBR0_EL1 and TTBR1_EL1) with
 * walk_run_any() and prints each level's entry and the result as
 * cmd_print_walk() does (the same lines as `exercise -c`).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd_arch.h"
#include "cmd/cmd.h"
#include "paging/memimage.h"
#include "cmd/cmd_print.h"

static void translate_usage(FILE *f)
{
	fprintf(f, "usage: pagewalk translate [--arch A] ADDR\n"
		"       pagewalk translate --mem FILE [--access read|write|fetch] [--user] ADDR\n"
		"\n"
		"Split the linear address ADDR (0x... hex or decimal, '_' allowed\n"
		"between digits) into the table indices of each paging level and the\n"
		"page offset, as Linux's pgd_index() .. pte_index() do. Folded levels\n"
		"are shown as such. Default arch x86-32. Archs: %s.\n"
		"\n"
		"--mem FILE walks ADDR through the tables of a memory image (YAML: arch,\n"
		"cr3, entries; see pagewalk(1)) and prints each level's entry and the\n"
		"physical address, or the page fault and its error code. --access\n"
		"(default read) and --user (CPL 3; default kernel) set the access.\n",
		cmd_arch_names());
}

struct translate_opts {
	const struct arch *arch;
	bool arch_given;
	const char *addr;
	const char *mem;         /* --mem FILE */
	struct access access;
};

/* Parse argv; returns CMD_CONTINUE, or the exit status (help shown: 0,
 * a usage error printed: EXIT_USAGE). */
static int translate_parse(int argc, char **argv, struct translate_opts *o)
{
	static const struct option longs[] = {
		{ "arch", required_argument, NULL, 'a' },
		{ "mem", required_argument, NULL, 'm' },
		{ "access", required_argument, NULL, 'A' },
		{ "user", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_opt p;
	int c;

	cmd_opt_begin(&p, "translate", argc, argv, "a:h", longs, translate_usage);
	while ((c = cmd_opt_next(&p)) != CMD_OPT_END) {
		const char *v = p.arg;
		switch (c) {
		case 'a':
			if (cmd_arch_opt("translate", v, &o->arch) != 0)
				return EXIT_USAGE;
			o->arch_given = true;
			break;
		case 'm':
			o->mem = v;
			break;
		case 'A':
			if (strcmp(v, "read") != 0 && strcmp(v, "write") != 0 &&
			    strcmp(v, "fetch") != 0 && strcmp(v, "exec") != 0)
				return cmd_error(EXIT_USAGE, "translate: --access wants read, "
						 "write or fetch");
			o->access.kind = v[0] == 'r' ? ACCESS_READ :
				v[0] == 'w' ? ACCESS_WRITE : ACCESS_EXEC;
			break;
		case 'u':
			o->access.user = true;
			break;
		case CMD_OPT_ARG:
			if (o->addr)
				return cmd_error(EXIT_USAGE, "translate: one address only, got %s "
						 "and %s", o->addr, v);
			o->addr = v;
			break;
		default:
			return p.status;
		}
	}
	if (!o->addr) {
		cmd_error(EXIT_USAGE, "translate: missing ADDR");
		translate_usage(stderr);
		return EXIT_USAGE;
	}
	return CMD_CONTINUE;
}

/* arm64: the base register bit 55 picks, and why the address is in its
 * range. */
static void ttbr_print(const struct arch *a, const struct addr_fields *f, bool ja)
{
	unsigned tag = (unsigned)(f->addr >> 56);

	if (f->ttbr)
		printf(ja ? "ttbr   TTBR1_EL1   ビット 55 = 1、ビット 63..%u はすべて 1\n"
			  : "ttbr   TTBR1_EL1   bit 55 = 1, bits 63..%u all 1\n", a->va_bits);
	else if (tag)
		printf(ja ? "ttbr   TTBR0_EL1   ビット 55 = 0、ビット 55..%u はすべて 0 (ビット 63..56 のタグ 0x%02x は無視: TBI0)\n"
			  : "ttbr   TTBR0_EL1   bit 55 = 0, bits 55..%u all 0 (tag 0x%02x in bits 63..56 ignored: TBI0)\n",
		       a->va_bits, tag);
	else
		printf(ja ? "ttbr   TTBR0_EL1   ビット 55 = 0、ビット 55..%u はすべて 0\n"
			  : "ttbr   TTBR0_EL1   bit 55 = 0, bits 55..%u all 0\n", a->va_bits);
}

/* The walk fields of f, one line per level, then the offset. */
static void fields_print(const struct arch *a, const struct addr_fields *f, bool ja)
{
	bool arm64 = a->family == FAMILY_ARM64;
	unsigned lo, hi;
	char off[24];

	if (arm64)
		ttbr_print(a, f, ja);
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++) {
		const struct level_info *l = &a->level[lv];
		const char *name = level_name((enum level)lv);
		if (l->folded) {
			char how[64];
			level_fold_text((enum level)lv, FOLD_CALL, how, sizeof how);
			printf(ja ? "%-6s %s に折りたたまれている (%s)\n" : "%-6s folded into %s (%s)\n",
			       name, level_name(l->into), how);
			continue;
		}
		addr_bits(a, (enum level)lv, &lo, &hi);
		if (arm64)
			printf(ja ? "%-6s インデックス %-4u  ビット %u..%-5u レベル %u\n"
				  : "%-6s index %-4u  bits %u..%-5u level %u\n", name, f->index[lv],
			       hi, lo, l->hw_level);
		else
			printf(ja ? "%-6s インデックス %-4u  ビット %u..%u\n"
				  : "%-6s index %-4u  bits %u..%u\n", name, f->index[lv], hi, lo);
	}
	snprintf(off, sizeof off, "0x%" PRIx64, f->offset);
	addr_bits(a, LEVEL_COUNT, &lo, &hi);
	if (ja)   /* "オフセット" is 10 columns wide: the bits line up with the rows above */
		printf("オフセット %-13s  ビット %u..%u\n", off, hi, lo);
	else
		printf("%-6s %-11s bits %u..%u\n", "offset", off, hi, lo);
}

int cmd_translate(const struct globals *g, int argc, char **argv)
{
	struct translate_opts o = { .arch = arch_get(ARCH_X86_32) };
	struct memimage *img = NULL;
	struct addr_fields f;
	struct diag d;
	struct walk w;
	char buf[24], acc[24];
	uint64_t addr;
	int rc;

	if ((rc = translate_parse(argc, argv, &o)) != CMD_CONTINUE)
		return rc;
	if (o.mem) {
		if (!(img = memimage_load(o.mem, &d))) {
			cmd_print_diag(&d);
			return EXIT_BADINPUT;
		}
		if (o.arch_given && o.arch != img->arch) {
			rc = cmd_error(EXIT_USAGE, "translate: --arch %s, but the memory image "
				       "is %s", o.arch->name, img->arch->name);
			goto out;
		}
		o.arch = img->arch;
	}
	rc = EXIT_BADINPUT;
	struct diag ad = { 0 };
	if (addr_parse(o.addr, &addr, &ad) < 0) {
		cmd_error(EXIT_BADINPUT, "translate: %s", ad.msg);
		goto out;
	}
	/* an address that does not split has no fields; with --mem the walk
	 * still says what the CPU does with it (a #GP on x86-64, a level 0
	 * translation fault on arm64) */
	if (addr_split(o.arch, addr, &f, &ad) < 0 && !img) {
		cmd_error(EXIT_BADINPUT, "translate: %s", ad.msg);
		goto out;
	}
	if (!ad.msg[0])
		fields_print(o.arch, &f, g->lang == LANG_JA);
	if (img && img->arch->family == FAMILY_ARM64) {
		walk_run_any(img->arch, img->mem, img->cr3, img->ttbr1, addr, o.access, &w);
		if (w.ttbr < 0)
			printf("%swalk from neither TTBR0_EL1 nor TTBR1_EL1, %s:\n",
			       ad.msg[0] ? "" : "\n", cmd_print_access(o.access, acc, sizeof acc));
		else
			printf("%swalk from TTBR%d_EL1 %s, %s:\n", ad.msg[0] ? "" : "\n", w.ttbr,
			       cmd_print_phys(w.cr3, buf, sizeof buf),
			       cmd_print_access(o.access, acc, sizeof acc));
		cmd_print_walk(stdout, "", o.arch, &w);
	} else if (img) {
		walk_run_cpu(img->arch, img->mem, img->cr3, addr, o.access, img->cpu, &w);
		printf("%swalk from cr3 %s, %s", ad.msg[0] ? "" : "\n",
		       cmd_print_phys(img->cr3, buf, sizeof buf),
		       cmd_print_access(o.access, acc, sizeof acc));
		if (img->cpu_given)
			printf(" (CR0.WP=%d CR4.SMEP=%d CR4.SMAP=%d)", img->cpu.wp, img->cpu.smep,
			       img->cpu.smap);
		printf(":\n");
		cmd_print_walk(stdout, "", o.arch, &w);
	}
	rc = cmd_finish_stdout();
out:
	memimage_free(img);
	return rc;
}
