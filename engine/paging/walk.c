/* SPDX-License-Identifier: GPL-2.0-only */
/* walk.c - what the MMU does for one access, over simulated memory.
 *
 * Modes and their entry formats (Intel SDM vol. 3, ch. 4):
 *   2-level  32-bit entries, address bits 31..12; a PDE with PS maps 4 MiB
 *            (bits 31..22; bits 21..13 reserved with a 32-bit physical width).
 *   PAE      64-bit entries, address bits 51..12 (52-bit physical maximum),
 *            bits 62..52 reserved, bit 63 NX. cr3 points at a 32-byte
 *            aligned PDPT of 4 entries that may set only P, PWT, PCD and the
 *            address; a PDE with PS maps 2 MiB (bits 20..13 reserved).
 *   x86-64   64-bit entries, address bits 51..12, bit 63 NX; PS is reserved
 *            in PML5/PML4 entries, maps 1 GiB in a PDPTE (bits 29..13
 *            reserved) and 2 MiB in a PDE (bits 20..13 reserved).
 * Folded levels add a step that repeats the real level above them.
 */
#include "paging/walk.h"
#include "paging/arm64.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ADDR_MASK_32  0x00000000fffff000ULL
#define ADDR_MASK_64  0x000ffffffffff000ULL
#define HIGH_RSVD_PAE 0x7ff0000000000000ULL   /* bits 62..52 */

static bool is_2level(const struct arch *a)
{
	return a->entry_size == 4;
}

static bool is_pae(const struct arch *a)
{
	return a->entry_size == 8 && a->word_bits == 32;
}

uint64_t walk_cr3_base(const struct arch *a, uint64_t cr3)
{
	if (a->family == FAMILY_ARM64)
		return arm64_ttbr_base(a, cr3);
	if (is_2level(a))
		return cr3 & ADDR_MASK_32;
	if (is_pae(a))
		return cr3 & 0xffffffe0ULL;
	return cr3 & ADDR_MASK_64;
}

uint64_t walk_entry_addr(const struct arch *a, uint64_t entry)
{
	if (a->family == FAMILY_ARM64)
		return arm64_desc_addr(a, entry);
	return entry & (is_2level(a) ? ADDR_MASK_32 : ADDR_MASK_64);
}

const char *walk_size_name(uint64_t size)
{
	switch (size) {
	case 1ULL << 12: return "4 KiB";
	case 1ULL << 21: return "2 MiB";
	case 1ULL << 22: return "4 MiB";
	case 1ULL << 30: return "1 GiB";
	case 1ULL << 14: return "16 KiB";     /* arm64's granules and blocks */
	case 1ULL << 16: return "64 KiB";
	case 1ULL << 25: return "32 MiB";
	case 1ULL << 29: return "512 MiB";
	default: return "?";
	}
}

void walk_flags_format(const struct arch *a, uint64_t entry, char *buf, size_t len)
{
	static const struct { uint64_t bit; const char *name; } flags[] = {
		{ PTE_P, "P" }, { PTE_RW, "RW" }, { PTE_US, "US" }, { PTE_PWT, "PWT" },
		{ PTE_PCD, "PCD" }, { PTE_A, "A" }, { PTE_D, "D" }, { PTE_PS, "PS" },
		{ PTE_G, "G" }, { PTE_NX, "NX" },
	};
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		if (!(entry & flags[i].bit))
			continue;
		if (flags[i].bit == PTE_NX && a->entry_size != 8)
			continue;
		int n = snprintf(buf + used, len - used, "%s%s", used ? " " : "", flags[i].name);
		if (n < 0 || (size_t)n >= len - used)
			return;
		used += (size_t)n;
	}
	if (used == 0)
		snprintf(buf, len, "-");
}

void walk_step_flags(const struct arch *a, const struct walk_step *s, bool full,
		     char *buf, size_t len)
{
	if (a->family == FAMILY_ARM64)
		arm64_flags_format(a, s->level, s->entry, full, buf, len);
	else
		walk_flags_format(a, s->entry, buf, len);
}

/* The reserved bits of a present entry at level lv (given whether PS is set
 * where it means a large page). */
static uint64_t reserved_bits(const struct arch *a, enum level lv, uint64_t e)
{
	uint64_t r = 0;
	bool ps = (e & PTE_PS) && lv != LEVEL_PTE;

	if (is_2level(a)) {
		if (ps && arch_large_page(a, lv))
			r = 0x003fe000ULL;                    /* bits 21..13 */
		return e & r;
	}
	if (is_pae(a)) {
		r = HIGH_RSVD_PAE;
		if (lv == LEVEL_PGD)                          /* PDPT entry */
			r |= PTE_RW | PTE_US | PTE_A | PTE_D | PTE_PS | 0x100ULL | PTE_NX;
		else if (ps)
			r |= 0x001fe000ULL;                   /* bits 20..13 */
		return e & r;
	}
	if (ps && !arch_large_page(a, lv))
		r |= PTE_PS;                                  /* PS in a PML5E/PML4E */
	else if (ps && lv == LEVEL_PUD)
		r |= 0x3fffe000ULL;                           /* bits 29..13 */
	else if (ps && lv == LEVEL_PMD)
		r |= 0x001fe000ULL;                           /* bits 20..13 */
	return e & r;
}

static void reason(struct walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reason(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->reason, sizeof w->reason, fmt, ap);
	va_end(ap);
}

/* The first real step whose entry lacks bit (or has it, when set), or -1. */
static int first_step(const struct walk *w, const struct arch *a, uint64_t bit, bool set)
{
	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *s = &w->step[i];
		if (s->folded || (is_pae(a) && s->level == LEVEL_PGD))
			continue;
		if (((s->entry & bit) != 0) == set)
			return i;
	}
	return -1;
}

void walk_load_pdptes(const struct arch *a, const struct physmem *pm, uint64_t cr3,
		      struct walk_pdptes *out)
{
	uint64_t base = walk_cr3_base(a, cr3);

	for (unsigned i = 0; i < WALK_PDPTES; i++)
		out->e[i] = is_pae(a) ? physmem_read(pm, base + i * 8ULL, 8) : 0;
}

static int walk_do(const struct arch *a, const struct physmem *pm, uint64_t cr3,
		   const struct walk_pdptes *regs, uint64_t addr, struct access acc,
		   struct walk_cpu cpu, struct walk *out);

int walk_run(const struct arch *a, const struct physmem *pm, uint64_t cr3,
	     uint64_t addr, struct access acc, struct walk *out)
{
	return walk_do(a, pm, cr3, NULL, addr, acc, WALK_CPU_DEFAULT, out);
}

int walk_run_cpu(const struct arch *a, const struct physmem *pm, uint64_t cr3,
		 uint64_t addr, struct access acc, struct walk_cpu cpu, struct walk *out)
{
	return walk_do(a, pm, cr3, NULL, addr, acc, cpu, out);
}

int walk_run_any(const struct arch *a, const struct physmem *pm, uint64_t base0,
		 uint64_t base1, uint64_t addr, struct access acc, struct walk *out)
{
	if (a->family == FAMILY_ARM64)
		return arm64_walk_run(a, pm, base0, base1, addr, acc, out);
	return walk_run_regs(a, pm, base0, NULL, addr, acc, out);
}

/* Read and check the entry of one real level lv in table: fills the next step.
 * Returns its step index, or -1 when the walk stops there (not present or
 * reserved bits; out->status, fail and reason say which). */
static int walk_level(const struct arch *a, const struct physmem *pm,
		      const struct walk_pdptes *regs, const struct addr_fields *f, int lv,
		      uint64_t table, struct walk *out)
{
	const struct level_info *li = &a->level[lv];
	struct walk_step *s = &out->step[out->nsteps];
	int real;
	uint64_t rsvd;

	s->level = (enum level)lv;
	s->table = table;
	s->index = f->index[lv];
	s->entry_pa = table + (uint64_t)s->index * a->entry_size;
	if (regs && is_pae(a) && lv == LEVEL_PGD && s->index < WALK_PDPTES)
		s->entry = regs->e[s->index];   /* the PDPTE register */
	else
		s->entry = physmem_read(pm, s->entry_pa, a->entry_size);
	s->present = (s->entry & PTE_P) != 0;
	real = out->nsteps++;

	if (!s->present) {
		out->status = WALK_NOT_PRESENT;
		out->fail = real;
		reason(out, "the %s entry %u (at 0x%llx) is not present.",
		       level_name(s->level), s->index, (unsigned long long)s->entry_pa);
		return -1;
	}
	rsvd = reserved_bits(a, s->level, s->entry);
	if (rsvd) {
		out->status = WALK_RESERVED;
		out->fail = real;
		reason(out, "the %s entry %u (0x%0*llx) sets reserved bits 0x%llx%s.",
		       level_name(s->level), s->index, (int)a->entry_size * 2,
		       (unsigned long long)s->entry, (unsigned long long)rsvd,
		       is_pae(a) && lv == LEVEL_PGD ?
		       " (a PAE PDPT entry may set only P, PWT, PCD and the address)" : "");
		return -1;
	}
	s->leaf = lv == LEVEL_PTE || ((s->entry & PTE_PS) && arch_large_page(a, s->level));
	if (s->leaf) {
		uint64_t size = 1ULL << li->shift;
		s->next = walk_entry_addr(a, s->entry) & ~(size - 1);
		out->page_size = size;
		out->frame = s->next;
	} else {
		s->next = walk_entry_addr(a, s->entry);
	}
	return real;
}

/* A walk that reached a page: US, RW and NX must allow acc at every level,
 * and a kernel access to a user page what SMEP and SMAP allow. */
static void walk_check_rights(const struct arch *a, struct access acc, struct walk_cpu cpu,
			      struct walk *out)
{
	bool nx_possible = a->entry_size == 8;
	/* a user page: US at every level (PAE's PDPT entries have no US bit) */
	bool user_page = first_step(out, a, PTE_US, false) < 0;
	int i, leaf = out->nsteps - 1;

	while (leaf > 0 && out->step[leaf].folded)
		leaf--;
	if (acc.user && (i = first_step(out, a, PTE_US, false)) >= 0) {
		out->status = WALK_PROTECTION;
		out->fail = i;
		reason(out, "a user access needs US at every level; the %s entry %u "
		       "has US clear (supervisor only).", level_name(out->step[i].level),
		       out->step[i].index);
	} else if (acc.kind == ACCESS_WRITE && (acc.user || cpu.wp) &&
		   (i = first_step(out, a, PTE_RW, false)) >= 0) {
		out->status = WALK_PROTECTION;
		out->fail = i;
		reason(out, "%s needs RW at every level%s; the %s entry %u has RW clear "
		       "(read-only).", acc.user ? "a user write" : "a kernel write",
		       acc.user ? "" : " (CR0.WP=1)", level_name(out->step[i].level),
		       out->step[i].index);
	} else if (acc.kind == ACCESS_EXEC && nx_possible &&
		   (i = first_step(out, a, PTE_NX, true)) >= 0) {
		out->status = WALK_PROTECTION;
		out->fail = i;
		reason(out, "an instruction fetch needs NX clear at every level; the %s "
		       "entry %u has NX set.", level_name(out->step[i].level),
		       out->step[i].index);
	} else if (!acc.user && user_page && acc.kind == ACCESS_EXEC && cpu.smep) {
		out->status = WALK_PROTECTION;
		out->fail = leaf;
		reason(out, "a kernel instruction fetch from a user page (US at every level) "
		       "faults with CR4.SMEP=1.");
	} else if (!acc.user && user_page && acc.kind != ACCESS_EXEC && cpu.smap) {
		out->status = WALK_PROTECTION;
		out->fail = leaf;
		reason(out, "a kernel %s of a user page (US at every level) faults with "
		       "CR4.SMAP=1 (EFLAGS.AC clear).", acc.kind == ACCESS_WRITE ? "write" : "read");
	}
}

/* A walk that faults: no page, and the error code the CPU would push. */
static void walk_fault_code(const struct arch *a, struct access acc, struct walk_cpu cpu,
			    struct walk *out)
{
	/* I is reported with NX in use (64-bit entries, EFER.NXE=1) or with
	 * SMEP (Intel SDM vol. 3, 4.7) */
	bool nx_possible = a->entry_size == 8 || cpu.smep;

	out->frame = out->page_size = 0;
	if (out->status == WALK_PROTECTION || out->status == WALK_RESERVED)
		out->error_code |= PF_PROT;
	if (out->status == WALK_RESERVED)
		out->error_code |= PF_RSVD;
	if (acc.kind == ACCESS_WRITE)
		out->error_code |= PF_WRITE;
	if (acc.user)
		out->error_code |= PF_USER;
	if (acc.kind == ACCESS_EXEC && nx_possible)
		out->error_code |= PF_INSTR;
}

int walk_run_regs(const struct arch *a, const struct physmem *pm, uint64_t cr3,
		  const struct walk_pdptes *regs, uint64_t addr, struct access acc,
		  struct walk *out)
{
	return walk_do(a, pm, cr3, regs, addr, acc, WALK_CPU_DEFAULT, out);
}

static int walk_do(const struct arch *a, const struct physmem *pm, uint64_t cr3,
		   const struct walk_pdptes *regs, uint64_t addr, struct access acc,
		   struct walk_cpu cpu, struct walk *out)
{
	struct addr_fields f;
	struct diag ad = { 0 };
	uint64_t table = walk_cr3_base(a, cr3);
	int real = -1;                /* step[] index of the last real level */

	if (a->family == FAMILY_ARM64)
		return arm64_walk_run(a, pm, cr3, cr3, addr, acc, out);
	memset(out, 0, sizeof *out);
	out->cr3 = cr3;
	out->addr = addr;
	out->access = acc;
	out->fail = -1;

	if (addr_split(a, addr, &f, &ad) < 0) {
		/* not an error of the caller's: the walk's outcome, explained */
		snprintf(out->reason, sizeof out->reason, "%.*s", (int)sizeof out->reason - 1,
			 ad.msg);
		out->status = WALK_BAD_ADDRESS;
		out->fail = 0;
		return -1;
	}

	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++) {
		struct walk_step *s = &out->step[out->nsteps];

		if (a->level[lv].folded) {
			/* pud_offset(pgd, addr) == (pud_t *)pgd: the same entry again. */
			*s = out->step[real];
			s->level = (enum level)lv;
			s->folded = true;
			out->nsteps++;
			continue;
		}
		if (real >= 0 && out->step[real].leaf)
			break;        /* a large page ended the walk at the level above */
		real = walk_level(a, pm, regs, &f, lv, table, out);
		if (real < 0)
			break;
		table = out->step[real].next;
	}

	if (out->status == WALK_OK)
		walk_check_rights(a, acc, cpu, out);
	if (out->status == WALK_OK) {
		out->phys = out->frame + (addr & (out->page_size - 1));
		return 0;
	}
	walk_fault_code(a, acc, cpu, out);
	return -1;
}
