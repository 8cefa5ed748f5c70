/* SPDX-License-Identifier: GPL-2.0-only */
/* arch.h - Linux's paging profiles: levels, shifts, table sizes, masks.
 *
 * Two families. x86 below; arm64 (one profile per page size and VA size
 * Linux 6.1 can build, from arch/arm64/include/asm/pgtable-hwdef.h) is
 * described in arm64.h, whose file holds its profiles and its walk.
 *
 * Values equal Linux's (arch/x86/include/asm/pgtable-{2level,3level,64}_types.h,
 * include/asm-generic/pgtable-nop4d.h, pgtable-nopud.h, pgtable-nopmd.h):
 *
 *   arch         PGDIR P4D  PUD  PMD  | PTRS_PER pgd/p4d/pud/pmd/pte | entry
 *   x86-32        22   =22  =22  =22  | 1024/1/1/1/1024              | 4
 *   x86-32-pae    30   =30  =30   21  | 4/1/1/512/512                | 8
 *   x86-64        39   =39   30   21  | 512/1/512/512/512            | 8
 *   x86-64-la57   48    39   30   21  | 512/512/512/512/512          | 8
 *
 * A folded level has PTRS_PER 1 and the SHIFT of the level above it; its
 * *_offset() returns the pointer it was given. Profiles are static and const.
 */
#ifndef PAGEWALK_ARCH_H
#define PAGEWALK_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/text.h"

enum level { LEVEL_PGD, LEVEL_P4D, LEVEL_PUD, LEVEL_PMD, LEVEL_PTE, LEVEL_COUNT };

enum arch_id {
	ARCH_X86_32, ARCH_X86_32_PAE, ARCH_X86_64, ARCH_X86_64_LA57,
	/* arm64 (arm64.h): granule and VA size, as arch/arm64/Kconfig offers them */
	ARCH_ARM64_4K_39, ARCH_ARM64_4K_48, ARCH_ARM64_16K_36, ARCH_ARM64_16K_47,
	ARCH_ARM64_16K_48, ARCH_ARM64_64K_42, ARCH_ARM64_64K_48, ARCH_ARM64_64K_52,
	ARCH_COUNT
};
#define ARCH_ARM64_FIRST ARCH_ARM64_4K_39

/* Which hardware: the walk, the entry format and the fault report differ. */
enum arch_family { FAMILY_X86, FAMILY_ARM64 };

struct level_info {
	unsigned shift;     /* X_SHIFT; PAGE_SHIFT for the pte level */
	unsigned ptrs;      /* PTRS_PER_X */
	bool folded;        /* folded away (ptrs == 1) */
	enum level into;    /* folded: the real level it folds into (pgd, ...) */
	unsigned hw_level;  /* arm64: the translation level (0..3) of a real
	                       level, the pte's is 3; 0 on x86 */
};

struct arch {
	enum arch_id id;
	enum arch_family family;
	const char *name;       /* "x86-32", "x86-32-pae", "x86-64", "x86-64-la57",
	                           "arm64-4k-39" ... */
	const char *title;      /* "x86-32, 2-level (no PAE)" */
	unsigned va_bits;       /* linear address width: 32, 32, 48, 57; arm64's VA_BITS */
	unsigned pa_bits;       /* physical address width the entries can hold */
	unsigned word_bits;     /* width of unsigned long: 32 or 64 (masks print at it) */
	unsigned entry_size;    /* bytes per table entry: 4 or 8 */
	unsigned page_shift;    /* PAGE_SHIFT: 12 (arm64: 12, 14, 16, the granule) */
	unsigned real_levels;   /* hardware levels: 2, 3, 4, 5 (CONFIG_PGTABLE_LEVELS) */
	struct level_info level[LEVEL_COUNT];
};

/* The profile for id; never NULL for a valid id. */
const struct arch *arch_get(enum arch_id id);
/* The profile named name ("x86-32" ...), or NULL. Also accepts aliases
 * "2level" (x86-32), "pae" (x86-32-pae), "4level" (x86-64), "5level"/"la57". */
const struct arch *arch_by_name(const char *name);
/* The names arch_by_name knows, for messages: "x86-32, x86-32-pae, ...,
 * arm64-64k-52". */
const char *arch_names(void);
/* Why name is not an arch, as a sentence for a message: an arm64 page size
 * and VA size Linux 6.1 cannot build ("arm64-4k-52: ...") says what 6.1
 * offers instead; any other name lists the valid ones. Into buf; returns
 * buf. */
const char *arch_unknown_why(const char *name, char *buf, size_t len);
/* "pgd", "p4d", "pud", "pmd", "pte"; "offset" for LEVEL_COUNT. */
const char *level_name(enum level lv);
/* Upper-case macro stem: "PGDIR", "P4D", "PUD", "PMD", "PAGE". */
const char *level_macro(enum level lv);
/* The PTRS_PER_* macro of a level: "PTRS_PER_PGD", "PTRS_PER_P4D",
 * "PTRS_PER_PUD", "PTRS_PER_PMD", "PTRS_PER_PTE" (Linux's names: there is
 * no PTRS_PER_PGDIR). */
const char *level_ptrs_macro(enum level lv);
/* How a folded level lv passes through, as Linux v6.1 writes the generic
 * helpers (include/linux/pgtable.h, asm-generic/pgtable-nop4d.h, -nopud.h,
 * -nopmd.h): each *_offset() takes the entry of the level right above it,
 * p4d_offset(pgd_t *pgd, addr), pud_offset(p4d_t *p4d, addr),
 * pmd_offset(pud_t *pud, addr), and a folded one returns that pointer.
 * The one source of this text for translate and the TUI. */
enum fold_style {
	FOLD_CALL,    /* "pud_offset(p4d, addr) == p4d" */
	FOLD_SHORT,   /* "pud_offset(p4d) == p4d" */
	FOLD_TIGHT,   /* "pud_offset(p4d)==p4d" */
};
void level_fold_text(enum level lv, enum fold_style st, char *buf, size_t len);

/* All-ones at the arch's word width (0xffffffff or ~0). */
uint64_t arch_word_mask(const struct arch *a);
/* The instruction pointer's name on a: "rip" (x86-64), "eip" (x86-32);
 * "ip" when a is NULL (not known). */
const char *arch_ip_name(const struct arch *a);
/* Is addr a linear address of a? At most 32 bits on x86-32; canonical on
 * x86-64 (bits 63..47, or 63..56 with LA57, all equal); on arm64 inside the
 * TTBR0 or the TTBR1 range (arm64_addr_split says how). */
bool arch_addr_canonical(const struct arch *a, uint64_t addr);
/* X_SIZE = 1 << X_SHIFT. */
uint64_t arch_level_size(const struct arch *a, enum level lv);
/* X_MASK = ~(X_SIZE - 1), cut to the word width. */
uint64_t arch_level_mask(const struct arch *a, enum level lv);
/* Number of index bits of a level: log2(PTRS_PER); 0 when folded. */
unsigned arch_index_bits(const struct arch *a, enum level lv);

/* One macro of the PAGE_SHIFT .. PTRS_PER_* family, for `pagewalk macros`. */
enum macro_format { MACRO_DEC, MACRO_HEX };
struct macro {
	const char *name;        /* "PMD_SHIFT" */
	uint64_t value;
	enum macro_format format; /* SHIFT and PTRS_PER decimal, SIZE and MASK hex */
};
#define ARCH_MACROS_MAX 24
/* Fill out[] (ARCH_MACROS_MAX long) in a fixed order: PAGE_*, PMD_*, PUD_*,
 * P4D_*, PGDIR_*, PTRS_PER_PGD/P4D/PUD/PMD/PTE. Returns the count. */
int arch_macros(const struct arch *a, struct macro *out);
/* Value of a macro by name; returns 0 when found, -1 when unknown. */
int arch_macro_value(const struct arch *a, const char *name, uint64_t *value);

/* A linear address split into per-level indices and the page offset. */
struct addr_fields {
	uint64_t addr;
	unsigned index[LEVEL_COUNT];  /* 0 for folded levels */
	uint64_t offset;              /* addr & ~PAGE_MASK */
	unsigned ttbr;                /* arm64: 0 (TTBR0_EL1) or 1 (TTBR1_EL1),
	                                 bit 55 of addr; 0 on x86 */
};

/* Whether addr is a linear address of a; when not, the sentence saying
 * why in lang into buf (addr_split's message in English). */
bool addr_fit_words(const struct arch *a, uint64_t addr, enum lang lang, char *buf, size_t len);
/* a's title in lang: "x86-32, 2-level (no PAE)", "x86-32、2段 (PAE なし)". */
const char *arch_title(const struct arch *a, enum lang lang);

/* Split addr for a. Returns 0, or -1 with d->msg (a full sentence; no
 * location) filled when the address is wider than the arch allows,
 * non-canonical on x86-64, or in neither TTBR range on arm64. d may be
 * NULL. */
int addr_split(const struct arch *a, uint64_t addr, struct addr_fields *out,
	       struct diag *d);
/* May a present entry at level lv map a page itself (a large page, PS set)?
 * The one statement of the rule: 4 MiB in a 2-level pgd (PSE), 2 MiB in a
 * PAE or x86-64 pmd, 1 GiB in an x86-64 pud. A pte always maps a page; at
 * every other level PS is not a leaf (reserved on x86-64 pgd/p4d). On
 * arm64, may a block descriptor sit at lv (arm64_block_ok). */
bool arch_large_page(const struct arch *a, enum level lv);
/* The kernel (kernel) or user half of a's addresses, lo..hi inclusive:
 * TASK_SIZE = PAGE_OFFSET = 0xC0000000 on 32-bit, the canonical halves on
 * 64-bit; on arm64 the TTBR0 range 0 .. 2^VA_BITS - 1 and the TTBR1 range
 * -(2^VA_BITS) .. ~0 (untagged). */
void arch_half(const struct arch *a, bool kernel, uint64_t *lo, uint64_t *hi);
/* Lowest and highest bit of a level's index field (or the offset for
 * LEVEL_COUNT): lo..hi inclusive. Undefined for folded levels. */
void addr_bits(const struct arch *a, enum level lv, unsigned *lo, unsigned *hi);
/* Parse s in num.h's grammar ("0x..." hex or decimal, '_' between digits)
 * into *out. Returns 0, or -1 with d->msg filled (empty, bad character and
 * its column, overflow). */
int addr_parse(const char *s, uint64_t *out, struct diag *d);

#endif
