/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64_walk.c - what an arm64 MMU does for one access, over simulated
 * memory, and the abort it reports (arm64.h states the rules). The order
 * of the checks is the architecture's: the address's range, then each
 * descriptor's validity down the levels, then the access flag, then the
 * permissions, so a page that is both old and read-only takes an access
 * flag fault on a write.
 */
#include "paging/arm64.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void reason(struct walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reason(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->reason, sizeof w->reason, fmt, ap);
	va_end(ap);
}

uint32_t arm64_esr_make(struct access acc, unsigned fsc)
{
	unsigned ec = acc.kind == ACCESS_EXEC ? (acc.user ? ESR_EC_IABT_LOW : ESR_EC_IABT_CUR)
					      : (acc.user ? ESR_EC_DABT_LOW : ESR_EC_DABT_CUR);
	uint32_t esr = (uint32_t)ec << ESR_EC_SHIFT | ESR_IL | (fsc & ESR_FSC);

	if (acc.kind == ACCESS_WRITE)
		esr |= ESR_WNR;
	return esr;
}

/* The walk stops with an abort of kind fsc at step i (-1: before any). */
static int abort_at(struct walk *out, enum walk_status st, int i, unsigned fsc)
{
	out->status = st;
	out->fail = i;
	out->esr = arm64_esr_make(out->access, fsc);
	out->far = out->addr;
	out->frame = out->page_size = out->phys = 0;
	return -1;
}

static const char *level_word(enum level lv)
{
	return level_name(lv);
}

/* Read the descriptor of the real level lv from table into the next step.
 * Returns its step index, or -1 when the walk stops there (a translation
 * fault: out says why). */
static int walk_level(const struct arch *a, const struct physmem *pm,
		      const struct addr_fields *f, enum level lv, uint64_t table,
		      struct walk *out)
{
	struct walk_step *s = &out->step[out->nsteps];
	unsigned hw = a->level[lv].hw_level;
	int i = out->nsteps++;

	s->level = lv;
	s->table = table;
	s->index = f->index[lv];
	s->entry_pa = table + (uint64_t)s->index * 8;
	s->entry = physmem_read(pm, s->entry_pa, 8);
	s->present = (s->entry & A64_VALID) != 0;
	switch (arm64_desc_type(a, lv, s->entry)) {
	case A64_DESC_INVALID:
		reason(out, "the %s entry %u (at 0x%" PRIx64 ") is invalid (bit 0 clear): "
		       "a level %u translation fault.", level_word(lv), s->index, s->entry_pa, hw);
		return abort_at(out, WALK_NOT_PRESENT, i, ESR_FSC_FAULT | hw);
	case A64_DESC_RESERVED:
		if (lv == LEVEL_PTE)
			reason(out, "the %s entry %u has bits[1:0] = 01, reserved at level 3: a "
			       "level 3 translation fault.", level_word(lv), s->index);
		else
			reason(out, "the %s entry %u is a block, which level %u cannot hold with "
			       "%uK pages: a level %u translation fault.", level_word(lv),
			       s->index, hw, 1u << (a->page_shift - 10), hw);
		return abort_at(out, WALK_NOT_PRESENT, i, ESR_FSC_FAULT | hw);
	case A64_DESC_TABLE:
		s->next = arm64_desc_addr(a, s->entry);
		return i;
	case A64_DESC_BLOCK:
	case A64_DESC_PAGE: {
		uint64_t size = 1ULL << a->level[lv].shift;
		s->leaf = true;
		s->next = arm64_desc_addr(a, s->entry) & ~(size - 1);
		out->page_size = size;
		out->frame = s->next;
		return i;
	}
	}
	return -1;
}

/* The real step (not folded) whose table descriptor sets bit, or -1. */
static int table_with(const struct walk *w, uint64_t bit)
{
	for (int i = 0; i < w->nsteps; i++)
		if (!w->step[i].folded && !w->step[i].leaf && (w->step[i].entry & bit))
			return i;
	return -1;
}

/* The permissions of the leaf at step li for out->access; a permission
 * fault at the leaf's level when they refuse it. */
static int check_rights(const struct arch *a, int li, struct walk *out)
{
	const struct walk_step *s = &out->step[li];
	const struct walk_step *t;
	uint64_t e = s->entry;
	unsigned hw = a->level[s->level].hw_level, ap = (unsigned)(e >> 6) & 3;
	unsigned fsc = ESR_FSC_PERM | hw;
	int ti0 = table_with(out, A64_APTABLE0), ti1 = table_with(out, A64_APTABLE1);
	int tu = table_with(out, A64_UXNTABLE), tp = table_with(out, A64_PXNTABLE);
	struct access acc = out->access;
	const char *who = acc.user ? "EL0" : "EL1";
	const char *what = acc.kind == ACCESS_WRITE ? "write" : acc.kind == ACCESS_EXEC ? "fetch" : "read";

	if (ti0 >= 0)
		ap &= ~1u;                /* APTable[0]: no EL0 access below */
	if (ti1 >= 0)
		ap |= 2u;                 /* APTable[1]: read-only below */
	if (acc.user && acc.kind != ACCESS_EXEC && !(ap & 1)) {
		t = ti0 >= 0 && (e & A64_AP1) ? &out->step[ti0] : s;
		if (t != s)
			reason(out, "an EL0 %s needs AP[1] set; the %s entry %u sets APTable[0] "
			       "(no EL0 access below it): a level %u permission fault.", what,
			       level_word(t->level), t->index, hw);
		else
			reason(out, "an EL0 %s needs AP[1] set; the %s entry %u has AP[2:1] = %u%u "
			       "(EL1 only): a level %u permission fault.", what, level_word(s->level),
			       s->index, (unsigned)(e >> 7) & 1, (unsigned)(e >> 6) & 1, hw);
		return abort_at(out, WALK_PROTECTION, (int)(t - out->step), fsc);
	}
	if (acc.kind == ACCESS_WRITE && (ap & 2)) {
		t = ti1 >= 0 && !(e & A64_AP2) ? &out->step[ti1] : s;
		if (t != s)
			reason(out, "an %s write needs AP[2] clear; the %s entry %u sets APTable[1] "
			       "(no write below it): a level %u permission fault.", who,
			       level_word(t->level), t->index, hw);
		else
			reason(out, "an %s write needs AP[2] clear; the %s entry %u has AP[2:1] = "
			       "%u%u (read-only): a level %u permission fault.", who,
			       level_word(s->level), s->index, (unsigned)(e >> 7) & 1,
			       (unsigned)(e >> 6) & 1, hw);
		return abort_at(out, WALK_PROTECTION, (int)(t - out->step), fsc);
	}
	if (acc.kind != ACCESS_EXEC)
		return 0;
	if (acc.user && ((e & A64_UXN) || tu >= 0)) {
		t = (e & A64_UXN) ? s : &out->step[tu];
		reason(out, "an EL0 fetch needs UXN clear; the %s entry %u has %s set: a level %u "
		       "permission fault.", level_word(t->level), t->index,
		       t == s ? "UXN" : "UXNTable", hw);
		return abort_at(out, WALK_PROTECTION, (int)(t - out->step), fsc);
	}
	if (!acc.user && ((e & A64_PXN) || tp >= 0)) {
		t = (e & A64_PXN) ? s : &out->step[tp];
		reason(out, "an EL1 fetch needs PXN clear; the %s entry %u has %s set: a level %u "
		       "permission fault.", level_word(t->level), t->index,
		       t == s ? "PXN" : "PXNTable", hw);
		return abort_at(out, WALK_PROTECTION, (int)(t - out->step), fsc);
	}
	if (!acc.user && ap == 1) {
		reason(out, "EL1 may not execute what EL0 may write; the %s entry %u has AP[2:1] = "
		       "01: a level %u permission fault.", level_word(s->level), s->index, hw);
		return abort_at(out, WALK_PROTECTION, li, fsc);
	}
	return 0;
}

int arm64_walk_run(const struct arch *a, const struct physmem *pm, uint64_t ttbr0,
		   uint64_t ttbr1, uint64_t addr, struct access acc, struct walk *out)
{
	struct addr_fields f;
	uint64_t table;
	int real = -1;

	memset(out, 0, sizeof *out);
	out->addr = addr;
	out->access = acc;
	out->fail = -1;
	out->ttbr = arm64_ttbr_select(a, addr);
	if (out->ttbr < 0 || arm64_addr_split(a, addr, &f, NULL) < 0) {
		if ((addr >> 55) & 1)
			reason(out, "bit 55 is 1 (TTBR1_EL1) but bits 63..%u are not all 1: in "
			       "neither range, a level 0 translation fault.", a->va_bits);
		else
			reason(out, "bit 55 is 0 (TTBR0_EL1) but bits 55..%u are not all 0: in "
			       "neither range, a level 0 translation fault.", a->va_bits);
		out->ttbr = -1;
		abort_at(out, WALK_BAD_ADDRESS, 0, ESR_FSC_FAULT | 0);
		return -1;
	}
	out->cr3 = out->ttbr ? ttbr1 : ttbr0;
	table = arm64_ttbr_base(a, out->cr3);
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++) {
		struct walk_step *s = &out->step[out->nsteps];

		if (a->level[lv].folded) {
			/* pmd_offset(pud, addr) == (pmd_t *)pud: the same entry again */
			*s = out->step[real];
			s->level = (enum level)lv;
			s->folded = true;
			out->nsteps++;
			continue;
		}
		if (real >= 0 && out->step[real].leaf)
			break;                      /* a block ended the walk above */
		real = walk_level(a, pm, &f, (enum level)lv, table, out);
		if (real < 0)
			return -1;
		table = out->step[real].next;
	}
	if (!(out->step[real].entry & A64_AF)) {
		unsigned hw = a->level[out->step[real].level].hw_level;
		reason(out, "the %s entry %u has AF clear (not accessed since it was made or "
		       "made old): a level %u access flag fault.",
		       level_word(out->step[real].level), out->step[real].index, hw);
		return abort_at(out, WALK_ACCESS_FLAG, real, ESR_FSC_ACCESS | hw);
	}
	if (check_rights(a, real, out) < 0)
		return -1;
	out->phys = out->frame + (addr & (out->page_size - 1));
	return 0;
}

/* ---- words ------------------------------------------------------------ */

/* Append " word" (or "word" at the start) to buf of len, used so far. */
static void add(char *buf, size_t len, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used >= len)
		return;
	if (*used) {
		n = snprintf(buf + *used, len - *used, " ");
		*used += n > 0 ? (size_t)n : 0;
		if (*used >= len)
			return;
	}
	va_start(ap, fmt);
	n = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	*used += n > 0 ? (size_t)n : 0;
}

void arm64_flags_format(const struct arch *a, enum level lv, uint64_t e, bool full,
			char *buf, size_t len)
{
	size_t used = 0;

	if (!len)
		return;
	buf[0] = '\0';
	switch (arm64_desc_type(a, lv, e)) {
	case A64_DESC_INVALID:
		add(buf, len, &used, "%s", e ? "invalid" : "-");
		if (full && (e & A64_SW_PROT_NONE))
			add(buf, len, &used, "PROT_NONE");
		return;
	case A64_DESC_RESERVED:
		add(buf, len, &used, "reserved");
		return;
	case A64_DESC_TABLE:
		add(buf, len, &used, "table");
		if (e & A64_PXNTABLE)
			add(buf, len, &used, full ? "PXNTable" : "PXNT");
		if (e & A64_UXNTABLE)
			add(buf, len, &used, full ? "UXNTable" : "UXNT");
		if (e & (A64_APTABLE0 | A64_APTABLE1))
			add(buf, len, &used, "%s=%u%u", full ? "APTable" : "APT",
			    (unsigned)(e >> 62) & 1, (unsigned)(e >> 61) & 1);
		if (e & A64_NSTABLE)
			add(buf, len, &used, full ? "NSTable" : "NST");
		return;
	case A64_DESC_BLOCK:
	case A64_DESC_PAGE:
		break;
	}
	add(buf, len, &used, "%s", lv == LEVEL_PTE ? "page" : "block");
	if (e & A64_AF)
		add(buf, len, &used, "AF");
	if (e & A64_NG)
		add(buf, len, &used, "nG");
	add(buf, len, &used, "AP=%u%u", (unsigned)(e >> 7) & 1, (unsigned)(e >> 6) & 1);
	if (full) {
		add(buf, len, &used, "SH=%u", (unsigned)A64_SH(e));
		add(buf, len, &used, "AttrIndx=%u", (unsigned)A64_ATTRINDX(e));
	}
	if (e & A64_PXN)
		add(buf, len, &used, "PXN");
	if (e & A64_UXN)
		add(buf, len, &used, "UXN");
	if (e & A64_CONT)
		add(buf, len, &used, "CONT");
	if (e & A64_DBM)
		add(buf, len, &used, "DBM");
	if (full) {
		static const struct { uint64_t bit; const char *name; } sw[] = {
			{ A64_SW_DIRTY, "DIRTY" }, { A64_SW_SPECIAL, "SPECIAL" },
			{ A64_SW_DEVMAP, "DEVMAP" }, { A64_SW_PROT_NONE, "PROT_NONE" },
		};
		for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++)
			if (e & sw[i].bit)
				add(buf, len, &used, "%s", sw[i].name);
	}
}

const char *arm64_fsc_name(unsigned fsc)
{
	static const char *const names[16] = {
		[0x04] = "level 0 translation fault", [0x05] = "level 1 translation fault",
		[0x06] = "level 2 translation fault", [0x07] = "level 3 translation fault",
		[0x09] = "level 1 access flag fault", [0x0a] = "level 2 access flag fault",
		[0x0b] = "level 3 access flag fault",
		[0x0d] = "level 1 permission fault", [0x0e] = "level 2 permission fault",
		[0x0f] = "level 3 permission fault",
	};

	return fsc < 16 ? names[fsc] : NULL;
}

const char *arm64_ec_name(unsigned ec)
{
	switch (ec) {
	case ESR_EC_IABT_LOW: return "IABT (lower EL)";
	case ESR_EC_IABT_CUR: return "IABT (current EL)";
	case ESR_EC_DABT_LOW: return "DABT (lower EL)";
	case ESR_EC_DABT_CUR: return "DABT (current EL)";
	default: return NULL;
	}
}

const char *arm64_ec_name_ja(unsigned ec)
{
	switch (ec) {
	case ESR_EC_IABT_LOW: return "IABT (下位の EL から)";
	case ESR_EC_IABT_CUR: return "IABT (同じ EL)";
	case ESR_EC_DABT_LOW: return "DABT (下位の EL から)";
	case ESR_EC_DABT_CUR: return "DABT (同じ EL)";
	default: return NULL;
	}
}

void arm64_esr_format(uint32_t esr, char *buf, size_t len)
{
	unsigned ec = ESR_EC(esr), fsc = esr & ESR_FSC;
	bool data = ec == ESR_EC_DABT_LOW || ec == ESR_EC_DABT_CUR;
	const char *en = arm64_ec_name(ec), *fn = arm64_fsc_name(fsc);
	size_t used = 0;

	if (!len)
		return;
	buf[0] = '\0';
	add(buf, len, &used, "EC 0x%02x %s,", ec, en ? en : "(not an abort)");
	if (esr & ESR_IL)
		add(buf, len, &used, "IL,");
	if (data)
		add(buf, len, &used, "WnR %u,", (esr & ESR_WNR) ? 1u : 0u);
	add(buf, len, &used, "%s 0x%02x %s", data ? "DFSC" : "IFSC", fsc, fn ? fn : "(unknown)");
}

const char *arm64_abort_route(const struct arch *a, uint32_t esr, uint64_t far)
{
	unsigned fsc = esr & ESR_FSC;
	uint64_t addr = far;

	if ((fsc & 0x3c) == ESR_FSC_FAULT) {
		/* do_translation_fault: untagged_addr(far) (memory.h: sign-extend
		 * bit 55, and with it), then is_ttbr0_addr: addr < TASK_SIZE */
		if (!((addr >> 55) & 1))
			addr &= (1ULL << 56) - 1;
		return addr < (1ULL << a->va_bits) ? "do_translation_fault > do_page_fault"
						   : "do_translation_fault > do_bad_area";
	}
	if (((fsc & 0x3c) == ESR_FSC_ACCESS || (fsc & 0x3c) == ESR_FSC_PERM) && (fsc & 3))
		return "do_page_fault";
	return "do_bad";
}

const char *arm64_fsc_name_ja(unsigned fsc)
{
	static const char *const names[16] = {
		[0x04] = "レベル 0 の変換フォルト", [0x05] = "レベル 1 の変換フォルト",
		[0x06] = "レベル 2 の変換フォルト", [0x07] = "レベル 3 の変換フォルト",
		[0x09] = "レベル 1 のアクセスフラグフォルト",
		[0x0a] = "レベル 2 のアクセスフラグフォルト",
		[0x0b] = "レベル 3 のアクセスフラグフォルト",
		[0x0d] = "レベル 1 の権限フォルト", [0x0e] = "レベル 2 の権限フォルト",
		[0x0f] = "レベル 3 の権限フォルト",
	};

	return fsc < 16 ? names[fsc] : NULL;
}

void arm64_walk_reason_ja(const struct walk *w, char *buf, size_t len)
{
	const struct walk_step *st = w->fail >= 0 && w->fail < w->nsteps ? &w->step[w->fail] : NULL;
	const char *lv = st ? level_name(st->level) : "?";
	unsigned idx = st ? st->index : 0;
	const char *kind = arm64_fsc_name_ja(w->esr & ESR_FSC);

	if (!kind)
		kind = "フォルト";
	switch (w->status) {
	case WALK_BAD_ADDRESS:
		snprintf(buf, len, "TTBR0 と TTBR1 のどちらの範囲にもありません: %s", kind);
		break;
	case WALK_NOT_PRESENT:
		snprintf(buf, len, "%s のエントリ %u が%s: %s", lv, idx,
			 st && st->present ? "このレベルでは使えない種類です" : "無効です", kind);
		break;
	case WALK_ACCESS_FLAG:
		snprintf(buf, len, "%s のエントリ %u の AF が 0 です: %s", lv, idx, kind);
		break;
	case WALK_PROTECTION:
		snprintf(buf, len, "%s のエントリ %u がこのアクセスを許していません: %s", lv, idx, kind);
		break;
	default:
		snprintf(buf, len, "%s", kind);
		break;
	}
}
