/* SPDX-License-Identifier: GPL-2.0-only */
/* arm64.h - arm64's translation regime as Linux 6.1 sets it up: the
 * profiles, the address rules, the descriptors, the walk and the abort.
 *
 * Profiles. One per page size (the translation granule: 4K, 16K, 64K) and
 * VA size that arch/arm64/Kconfig of Linux 6.1 offers: arm64-4k-39,
 * arm64-4k-48, arm64-16k-36 (needs EXPERT), arm64-16k-47, arm64-16k-48,
 * arm64-64k-42, arm64-64k-48, arm64-64k-52. Their macros are what
 * arch/arm64/include/asm/pgtable-hwdef.h and page-def.h compute:
 *
 *   PAGE_SHIFT       = CONFIG_ARM64_PAGE_SHIFT (12, 14, 16)
 *   levels           = ARM64_HW_PGTABLE_LEVELS(VA_BITS)
 *                    = (VA_BITS - 4) / (PAGE_SHIFT - 3) (CONFIG_PGTABLE_LEVELS)
 *   a level n entry  maps ARM64_HW_PGTABLE_LEVEL_SHIFT(n)
 *                    = (PAGE_SHIFT - 3) * (4 - n) + 3 bits
 *   PMD_SHIFT        = LEVEL_SHIFT(2) (levels > 2), PUD_SHIFT = LEVEL_SHIFT(1)
 *                      (levels > 3), PGDIR_SHIFT = LEVEL_SHIFT(4 - levels)
 *   PTRS_PER_PTE/PMD/PUD = 1 << (PAGE_SHIFT - 3)
 *   PTRS_PER_PGD     = 1 << (VA_BITS - PGDIR_SHIFT)
 *
 * and the levels not there are folded as on x86 (pgtable-types.h includes
 * asm-generic/pgtable-nopmd.h for 2 levels, -nopud.h for 3, -nop4d.h for
 * 4): 64K/42-bit is pgd (level 2) -> pte, 4K/39-bit pgd (level 1) -> pmd ->
 * pte, 4K/48-bit pgd (level 0) -> pud -> pmd -> pte. The pte is always
 * hardware level 3. Combinations 6.1 cannot build (4K or 16K with 52 bits,
 * a VA size another page size owns) are refused with a sentence saying so.
 *
 * Addresses. Bit 55 picks the base register: 0 TTBR0_EL1 (user), 1
 * TTBR1_EL1 (kernel). Linux sets TCR_EL1.TBI0 (arch/arm64/mm/proc.S), so
 * bits 63..56 of a TTBR0 address are a tag the MMU ignores; bits 55..VA_BITS
 * must be 0. TBI1 is clear (no KASAN_SW_TAGS, no MTE), so bits
 * 63..VA_BITS of a TTBR1 address must all be 1. Anything else is in
 * neither range: a level 0 translation fault (Arm ARM, the out-of-range
 * check before the walk). T0SZ = T1SZ = 64 - VA_BITS (vabits_actual =
 * VA_BITS: a 52-bit profile assumes a CPU with FEAT_LVA).
 *
 * Walk (EL1&0 stage 1, the Arm ARM's VMSAv8-64 rules, with what Linux and
 * QEMU's cortex-a57 leave off: no PAN, no WXN, no hardware AF/DBM update,
 * ARM64_HW_AFDBM being off in tinyconfig; 48-bit physical addresses):
 * bits[1:0] of a descriptor: x0 invalid; 11 a table (levels 0-2) or a
 * page (level 3); 01 a block where the granule allows one (4K: levels 1
 * and 2; 16K and 64K: level 2), else it is invalid. The output address is
 * bits 47..PAGE_SHIFT (the rest masked). Then AF must be set (else an
 * access flag fault), then the permissions: AP[2:1] with the tables'
 * APTable above (APTable[0] takes away EL0 access, APTable[1] write), UXN
 * and PXN with the tables' UXNTable and PXNTable; EL1 may not execute what
 * EL0 may write. Faults are reported as ESR_EL1 and FAR_EL1.
 */
#ifndef PAGEWALK_ARM64_H
#define PAGEWALK_ARM64_H

#include "paging/walk.h"

/* Descriptor bits (Linux's names in pgtable-hwdef.h: PTE_VALID ...). */
#define A64_VALID      (1ULL << 0)
#define A64_TABLE      (1ULL << 1)    /* 1: table (levels 0-2) or page (level 3) */
#define A64_ATTRINDX(e) (((e) >> 2) & 7)  /* MAIR_EL1 index */
#define A64_NS         (1ULL << 5)
#define A64_AP1        (1ULL << 6)    /* AP[1], PTE_USER: EL0 may access */
#define A64_AP2        (1ULL << 7)    /* AP[2], PTE_RDONLY: read-only */
#define A64_SH(e)      (((e) >> 8) & 3)  /* 3: inner shareable (PTE_SHARED) */
#define A64_SH_INNER   (3ULL << 8)
#define A64_AF         (1ULL << 10)   /* access flag */
#define A64_NG         (1ULL << 11)   /* not global: tagged with the ASID */
#define A64_DBM        (1ULL << 51)   /* dirty bit modifier (Linux: PTE_WRITE) */
#define A64_CONT       (1ULL << 52)   /* contiguous hint */
#define A64_PXN        (1ULL << 53)
#define A64_UXN        (1ULL << 54)
#define A64_SW_DIRTY   (1ULL << 55)   /* Linux's software bits (pgtable-prot.h) */
#define A64_SW_SPECIAL (1ULL << 56)
#define A64_SW_DEVMAP  (1ULL << 57)
#define A64_SW_PROT_NONE (1ULL << 58)
#define A64_PXNTABLE   (1ULL << 59)   /* table descriptors only */
#define A64_UXNTABLE   (1ULL << 60)
#define A64_APTABLE0   (1ULL << 61)   /* APTable[0]: no EL0 access below */
#define A64_APTABLE1   (1ULL << 62)   /* APTable[1]: no write below */
#define A64_NSTABLE    (1ULL << 63)
#define A64_TABLE_ATTRS (A64_PXNTABLE | A64_UXNTABLE | A64_APTABLE0 | A64_APTABLE1 | A64_NSTABLE)
#define A64_OA_MASK    0x0000fffffffff000ULL  /* output address, bits 47..12 */

/* ESR_ELx (arch/arm64/include/asm/esr.h). */
#define ESR_EC_SHIFT   26
#define ESR_EC_IABT_LOW 0x20u         /* instruction abort from EL0 */
#define ESR_EC_IABT_CUR 0x21u         /* instruction abort from EL1 */
#define ESR_EC_DABT_LOW 0x24u         /* data abort from EL0 */
#define ESR_EC_DABT_CUR 0x25u         /* data abort from EL1 */
#define ESR_IL         (1u << 25)     /* a 32-bit instruction */
#define ESR_WNR        (1u << 6)      /* data abort: the access was a write */
#define ESR_FSC        0x3fu          /* DFSC / IFSC */
#define ESR_FSC_FAULT  0x04u          /* translation fault, | level */
#define ESR_FSC_ACCESS 0x08u          /* access flag fault, | level */
#define ESR_FSC_PERM   0x0cu          /* permission fault, | level */
#define ESR_EC(esr)    (((esr) >> ESR_EC_SHIFT) & 0x3f)

/* What a descriptor is at a hardware level. */
enum a64_desc {
	A64_DESC_INVALID,        /* bit 0 clear */
	A64_DESC_TABLE,          /* 11 at levels 0-2 */
	A64_DESC_BLOCK,          /* 01 where a block may sit */
	A64_DESC_PAGE,           /* 11 at level 3 */
	A64_DESC_RESERVED,       /* 01 where no block may sit (level 3, or a
	                            level the granule gives no blocks): invalid */
};

/* The profile for an arm64 id (ARCH_ARM64_FIRST <= id < ARCH_COUNT). */
const struct arch *arm64_arch_get(enum arch_id id);
/* When name has the form arm64-<4k|16k|64k>-<bits> but Linux 6.1 cannot
 * build that combination (or names no page size it has): a sentence that
 * says why and what 6.1 offers, into buf; returns buf. NULL otherwise. */
const char *arm64_refusal(const char *name, char *buf, size_t len);

/* 0 when addr is in the TTBR0 range, 1 in the TTBR1 range, -1 in neither
 * (see above). */
int arm64_ttbr_select(const struct arch *a, uint64_t addr);
/* addr_split for arm64 (arch.h): indices, offset and out->ttbr; -1 with d
 * filled (a sentence naming the bits) when addr is in neither range. */
int arm64_addr_split(const struct arch *a, uint64_t addr, struct addr_fields *out,
		     struct diag *d);
/* May a block descriptor sit at the real level lv (4K: hardware levels 1
 * and 2, 16K and 64K: level 2)? */
bool arm64_block_ok(const struct arch *a, enum level lv);
/* What descriptor e is at the real level lv. */
enum a64_desc arm64_desc_type(const struct arch *a, enum level lv, uint64_t e);
/* The table TTBRn points to: BADDR, bits 47..1 with the ASID (63..48) and
 * CnP (bit 0) dropped, aligned to the top table's size (at least 64
 * bytes). */
uint64_t arm64_ttbr_base(const struct arch *a, uint64_t ttbr);
/* The output address of a descriptor: bits 47..PAGE_SHIFT. */
uint64_t arm64_desc_addr(const struct arch *a, uint64_t e);
/* Bytes of the top table: PTRS_PER_PGD * 8. */
uint64_t arm64_top_table_size(const struct arch *a);

/* The walk (see above) from ttbr0 or ttbr1, as bit 55 of addr picks. Fills
 * *out in every case (out->cr3 holds the TTBR value used, out->ttbr which
 * one, -1 for neither); returns 0 when the access succeeds, -1 when it
 * aborts: out->status says how (WALK_NOT_PRESENT for a translation fault,
 * WALK_ACCESS_FLAG, WALK_PROTECTION for a permission fault,
 * WALK_BAD_ADDRESS for an address in neither range, a level 0 translation
 * fault), out->esr and out->far what the CPU reports. */
int arm64_walk_run(const struct arch *a, const struct physmem *pm, uint64_t ttbr0,
		   uint64_t ttbr1, uint64_t addr, struct access acc, struct walk *out);

/* The flags of descriptor e at level lv, for drawing and printing:
 * "table PXNTable UXNTable APTable=01 NSTable", "page AF nG AP=01 UXN PXN
 * CONT DBM", "invalid", or "-" for 0. full adds SH, AttrIndx and Linux's
 * software bits (DIRTY, SPECIAL, DEVMAP, PROT_NONE); compact (!full)
 * writes APTable=01 as APT=01. */
void arm64_flags_format(const struct arch *a, enum level lv, uint64_t e, bool full,
			char *buf, size_t len);
/* The ESR of an abort of kind fsc (ESR_FSC_FAULT/ACCESS/PERM | level) for
 * access acc: EC from the access (instruction or data, EL0 or EL1), IL
 * set, WnR for a data write, ISV clear. */
uint32_t arm64_esr_make(struct access acc, unsigned fsc);
/* Linux's name of a fault status code as fault_info[] in
 * arch/arm64/mm/fault.c gives it ("level 3 translation fault",
 * "level 2 access flag fault", "level 1 permission fault"); NULL for a
 * code the model never reports. */
const char *arm64_fsc_name(unsigned fsc);
/* Linux's short name of an EC (esr_class_str[] in
 * arch/arm64/kernel/traps.c): "DABT (lower EL)" ...; NULL for others. */
const char *arm64_ec_name(unsigned ec);
/* The same in Japanese: "DABT (下位の EL から)" ...; NULL for others. */
const char *arm64_ec_name_ja(unsigned ec);
/* The fault of status code fsc in Japanese: "レベル 3 の変換フォルト",
 * "レベル 2 のアクセスフラグフォルト", "レベル 1 の権限フォルト"; NULL as
 * arm64_fsc_name. */
const char *arm64_fsc_name_ja(unsigned fsc);
/* Why arm64 walk w aborted, in Japanese (the walk's reason is English). */
void arm64_walk_reason_ja(const struct walk *w, char *buf, size_t len);
/* esr decoded on one line: "EC 0x24 DABT (lower EL), IL, WnR 1, DFSC 0x07
 * level 3 translation fault". */
void arm64_esr_format(uint32_t esr, char *buf, size_t len);
/* Where Linux 6.1's do_mem_abort sends an abort with this esr at far
 * (arch/arm64/mm/fault.c): fault_info[FSC].fn, and for a translation
 * fault where do_translation_fault goes (do_page_fault for a TTBR0
 * address, else do_bad_area): "do_translation_fault > do_page_fault",
 * "do_translation_fault > do_bad_area", "do_page_fault". */
const char *arm64_abort_route(const struct arch *a, uint32_t esr, uint64_t far);

#endif
