/* SPDX-License-Identifier: GPL-2.0-only */
/* walk.h - the hardware page walk over simulated physical memory.
 *
 * walk_run() does what the MMU does for one access: from cr3 down the
 * levels the arch has, reading each entry from physmem, until a leaf
 * (4 KiB pte, or a large page: 4 MiB PSE on 2-level, 2 MiB pmd, 1 GiB pud)
 * or a failure. The result lists one step per level, pgd first, folded
 * levels included as pass-throughs (they repeat the entry of the real level
 * they fold into, as pud_offset(pgd, addr) == (pud_t *)pgd).
 *
 * Permissions follow x86 with CR4.PSE=1 and, where entries are 64-bit,
 * EFER.NXE=1: a user access needs US at every level, a user write RW at
 * every level, an instruction fetch no NX at any level. What a kernel
 * (CPL 0) access may do depends on three more settings (struct walk_cpu):
 * with CR0.WP=1 a kernel write needs RW at every level too (with WP=0 it
 * writes through read-only entries); with CR4.SMEP=1 a kernel instruction
 * fetch from a user page (US at every level) faults; with CR4.SMAP=1 a
 * kernel data access to a user page faults (EFLAGS.AC taken as clear).
 * walk_run() assumes WP on, SMEP and SMAP off (WALK_CPU_DEFAULT).
 *
 * An arm64 profile walks by arm64's rules (arm64.h): the same struct walk,
 * with the TTBR it started from, and ESR/FAR instead of an error code.
 */
#ifndef PAGEWALK_WALK_H
#define PAGEWALK_WALK_H

#include "paging/arch.h"
#include "paging/physmem.h"

/* Entry bits (x86, all modes; NX only in 64-bit entries). */
#define PTE_P    0x001ULL
#define PTE_RW   0x002ULL
#define PTE_US   0x004ULL
#define PTE_PWT  0x008ULL
#define PTE_PCD  0x010ULL
#define PTE_A    0x020ULL
#define PTE_D    0x040ULL
#define PTE_PS   0x080ULL
#define PTE_G    0x100ULL
#define PTE_NX   (1ULL << 63)

/* Page-fault error code bits (arch/x86/include/asm/trap_pf.h). */
#define PF_PROT  (1u << 0)   /* P: 0 not-present page, 1 protection violation */
#define PF_WRITE (1u << 1)   /* W */
#define PF_USER  (1u << 2)   /* U */
#define PF_RSVD  (1u << 3)   /* RSVD: reserved bit set in an entry */
#define PF_INSTR (1u << 4)   /* I: instruction fetch */
#define PF_PK    (1u << 5)   /* PK: protection key */
#define PF_SHSTK (1u << 6)   /* SHSTK: shadow stack */
#define PF_SGX   (1u << 15)  /* SGX */

enum access_kind { ACCESS_READ, ACCESS_WRITE, ACCESS_EXEC };

struct access {
	enum access_kind kind;
	bool user;               /* CPL 3 */
};

struct walk_step {
	enum level level;
	bool folded;             /* pass-through of the real level above */
	uint64_t table;          /* physical base of the table read */
	unsigned index;          /* index into it */
	uint64_t entry_pa;       /* table + index * entry_size */
	uint64_t entry;          /* raw entry value */
	bool present;            /* P set (arm64: the valid bit) */
	bool leaf;               /* maps a page (pte, or PS set; arm64: a
	                            page or block descriptor) */
	uint64_t next;           /* next table's base, or the frame's base if leaf */
};

enum walk_status {
	WALK_OK,
	WALK_NOT_PRESENT,        /* an entry with P clear */
	WALK_PROTECTION,         /* present all the way, the access not allowed */
	WALK_RESERVED,           /* a reserved bit set (e.g. a PAE PDPT entry with RW) */
	WALK_BAD_ADDRESS,        /* the address does not fit the arch (arm64:
	                            in neither TTBR range, a level 0
	                            translation fault) */
	WALK_ACCESS_FLAG,        /* arm64: the page or block has AF clear */
};

struct walk {
	uint64_t cr3, addr;      /* arm64: cr3 holds the TTBR value used */
	struct access access;
	struct walk_step step[LEVEL_COUNT];
	int nsteps;              /* steps filled, pgd first */
	enum walk_status status;
	int fail;                /* step[] index where it stopped; -1 when OK */
	char reason[160];        /* one English sentence when not OK */
	uint32_t error_code;     /* the #PF error code the CPU would push; 0 when OK */
	uint64_t frame;          /* OK: physical base of the page */
	uint64_t page_size;      /* OK: 4 KiB, 2 MiB, 4 MiB or 1 GiB */
	uint64_t phys;           /* OK: frame + offset within the page */
	/* arm64 only (arm64.h) */
	int ttbr;                /* 0: TTBR0_EL1, 1: TTBR1_EL1, -1: neither */
	uint32_t esr;            /* ESR_EL1 of the abort; 0 when OK */
	uint64_t far;            /* FAR_EL1 of the abort (the address); 0 when OK */
};

/* The CPU settings a kernel access depends on (see above). */
struct walk_cpu {
	bool wp;                 /* CR0.WP */
	bool smep;               /* CR4.SMEP */
	bool smap;               /* CR4.SMAP, EFLAGS.AC clear */
};
#define WALK_CPU_DEFAULT ((struct walk_cpu){ .wp = true, .smep = false, .smap = false })

/* Walk addr from cr3 for access acc. Fills *out in every case; returns 0 when
 * the access succeeds, -1 otherwise (out->status says why). On PAE the four
 * PDPT entries are read from memory, as if cr3 had just been written. On
 * arm64 cr3 stands for both TTBR0_EL1 and TTBR1_EL1 (one table serves both
 * halves); walk_run_any gives each its own. */
int walk_run(const struct arch *a, const struct physmem *pm, uint64_t cr3,
	     uint64_t addr, struct access acc, struct walk *out);
/* The walk for any arch: on x86 from cr3 = base0 (base1 is not used), as
 * walk_run; on arm64 from TTBR0_EL1 = base0 or TTBR1_EL1 = base1, as bit
 * 55 of addr picks (arm64_walk_run). */
int walk_run_any(const struct arch *a, const struct physmem *pm, uint64_t base0,
		 uint64_t base1, uint64_t addr, struct access acc, struct walk *out);

/* walk_run with the CPU settings cpu instead of WALK_CPU_DEFAULT. */
int walk_run_cpu(const struct arch *a, const struct physmem *pm, uint64_t cr3,
		 uint64_t addr, struct access acc, struct walk_cpu cpu, struct walk *out);

/* PAE's PDPTE registers. A PAE CPU does not walk the PDPT in memory: it
 * loads the four entries into registers when cr3 is written (and at a task
 * switch) and every walk starts from those. A later write to a PDPT entry
 * in memory (QEMU 7.2 sets its Accessed bit there) changes nothing until
 * the next load. Intel SDM vol. 3, 4.4.1. */
#define WALK_PDPTES 4
struct walk_pdptes {
	uint64_t e[WALK_PDPTES];
};
/* Load the registers from the PDPT cr3 points to, as a write of cr3 does. */
void walk_load_pdptes(const struct arch *a, const struct physmem *pm, uint64_t cr3,
		      struct walk_pdptes *out);
/* walk_run, but on PAE the pgd level comes from the registers in regs (the
 * step still names the PDPT entry's address; its value is the register's).
 * regs NULL or a non-PAE arch: as walk_run. */
int walk_run_regs(const struct arch *a, const struct physmem *pm, uint64_t cr3,
		  const struct walk_pdptes *regs, uint64_t addr, struct access acc,
		  struct walk *out);

/* The physical base of the table cr3 points to (PAE: 32-byte aligned PDPT;
 * arm64: a TTBR's base address, arm64_ttbr_base). */
uint64_t walk_cr3_base(const struct arch *a, uint64_t cr3);
/* The address bits of an entry: next table or frame base (large pages
 * aligned to their size by the caller's level). */
uint64_t walk_entry_addr(const struct arch *a, uint64_t entry);
/* Names of the set flag bits, "P RW US A D PS G NX" order, space-separated,
 * or "-" when none; for drawing and `translate`. x86 only: an arm64
 * descriptor means different things at different levels (use
 * walk_step_flags). */
void walk_flags_format(const struct arch *a, uint64_t entry, char *buf, size_t len);
/* The flags of a step's entry, for any arch: walk_flags_format on x86,
 * arm64_flags_format (compact, or full) on arm64. */
void walk_step_flags(const struct arch *a, const struct walk_step *s, bool full,
		     char *buf, size_t len);
/* A page's size in words: "4 KiB", "2 MiB", "4 MiB", "1 GiB" and arm64's
 * "16 KiB", "64 KiB", "32 MiB", "512 MiB" (its granules and level 2 blocks;
 * 1 GiB is its level 1 block with 4K pages); "?" for any other (static
 * storage). */
const char *walk_size_name(uint64_t size);

#endif
