/* SPDX-License-Identifier: GPL-2.0-only */
/* fault.h - the page-fault error code and the kernel's decisions about it.
 *
 * The model is the 2.6-era i386 path (arch/x86/mm/fault.c, v2.6.2x, with the
 * zero page mapped on a read fault as from v2.6.32, mm/memory.c):
 *
 *   do_page_fault(regs, error_code)
 *     address = read_cr2()
 *     if (address >= TASK_SIZE && !(error_code & (PF_RSVD|PF_USER|PF_PROT)))
 *         vmalloc_fault(address) == 0 ? return : bad_area_nosemaphore
 *     ... find_vma(mm, address) -> good_area -> handle_mm_fault / bad_area
 *
 * vmalloc_sync_one(pgd, address): copy the master (init_mm.pgd) entry for
 * address into the faulting process's table at the pmd level (on 2-level the
 * pmd is folded into the pgd slot; on PAE it is an entry of a pmd page).
 */
#ifndef PAGEWALK_FAULT_H
#define PAGEWALK_FAULT_H

#include "util/text.h"
#include "paging/walk.h"

/* One bit of the error code, for tables and help text. */
struct pf_bit {
	uint32_t mask;
	const char *name;        /* "P", "W", "U", "RSVD", "I", "PK", "SHSTK", "SGX" */
	const char *if_set;      /* "protection violation" */
	const char *if_clear;    /* "page not present"; NULL when clear says nothing */
	const char *linux_name;  /* Linux's name, enum x86_pf_error_code in
				  * arch/x86/include/asm/trap_pf.h: "X86_PF_PROT" */
	bool in_v6_1;            /* Linux 6.1's trap_pf.h has it (X86_PF_SHSTK came
				  * in 6.6); tests/lessons/facts.sh checks both
				  * against linux-source-6.1 */
};
/* The table of bits, low to high; *n gets its length. */
const struct pf_bit *pf_bits(size_t *n);
/* Words for err: "P=0 not present, W=1 write, U=1 user" style, into buf. */
void pf_describe(uint32_t err, char *buf, size_t len);
/* Short form: "W U" (names of set bits) or "-" when none. */
void pf_names(uint32_t err, char *buf, size_t len);

/* A user vma: [start, end) with its permissions. */
struct vma {
	uint64_t start, end;
	bool read, write, exec;
};

/* The route a fault takes through the modelled kernel (the 2.6.32+ i386
 * design our guest follows: a first read maps the shared zero page). The
 * name of a route is its ONE spelling: trace files (`path:`), `dump`, a
 * lesson's `expect: path:` and its {path} placeholder, quiz answers. */
enum fault_path {
	FAULT_VMALLOC_SYNC,  /* kernel address, !(RSVD|U|P): vmalloc_fault copies */
	FAULT_ZERO_PAGE,     /* first touch, read: do_anonymous_page maps the zero page */
	FAULT_NEW_PAGE,      /* first touch, write: do_anonymous_page, a new page */
	FAULT_COW,           /* write to the read-only zero page: do_wp_page copies it */
	FAULT_FILE_PAGE,     /* first touch of a file-backed page: do_fault (Linux
			      * traces only: our guest maps no files) */
	FAULT_PROTECTION,    /* a vma that forbids the access: bad_area, SIGSEGV */
	FAULT_BAD_AREA,      /* no vma, or a user access to a kernel address: SIGSEGV */
	FAULT_OOPS,          /* kernel mode, nothing can fix it: no_context, oops */
	FAULT_ACCESS_FLAG,   /* arm64 traces only: a mapped page whose access flag
			      * is clear (an access-flag fault): handle_pte_fault
			      * sets it with ptep_set_access_flags, no new page */
	/* transparent huge pages (Linux traces only: mm/huge_memory.c of 6.1) */
	FAULT_HUGE_ZERO,     /* first touch of a huge-page vma, read: the huge zero page */
	FAULT_HUGE_NEW,      /* first touch of a huge-page vma, write: a new 2 MiB page */
	FAULT_PATH_COUNT
};

/* do_page_fault's first decision (what a "where does it go?" quiz asks). */
enum fault_branch {
	BRANCH_VMALLOC_FAULT, BRANCH_HANDLE_MM_FAULT, BRANCH_BAD_AREA, BRANCH_NO_CONTEXT,
	BRANCH_COUNT
};

/* How a route ends. */
enum fault_end { FAULT_END_RETRY, FAULT_END_SIGSEGV, FAULT_END_OOPS };

struct fault_path_info {
	const char *name;            /* "do_wp_page": the one spelling in our model */
	/* Linux 6.1's own function for the route, where its name differs from
	 * the model's 2.6-era one (mm/memory.c, arch/x86/mm/fault.c of
	 * linux-source-6.1): "bad_area_nosemaphore", "page_fault_oops"; NULL
	 * where they agree. What a trace of that kernel shows and writes. */
	const char *linux61;
	const char *chain;           /* "do_page_fault -> handle_mm_fault -> do_wp_page" */
	const char *what[2];         /* en, ja: what the kernel does on this route */
	enum fault_branch branch;
	enum fault_end end;
	uint32_t err_mask, err_want; /* (error_code & mask) == want on this route */
};
/* The row of route p (p < FAULT_PATH_COUNT). */
const struct fault_path_info *fault_path_info(enum fault_path p);
const char *fault_path_name(enum fault_path p);        /* its name; "?" when out of range */
int fault_path_parse(const char *s);                   /* name -> route, -1 when unknown */
/* The route's name in Linux 6.1 (linux61, else name; "?" out of range),
 * and its parse: only 6.1's names (bad_area, no_context are -1). */
const char *fault_path_kernel_name(enum fault_path p);
int fault_path_parse_kernel(const char *s);
/* The route's name in Linux 6.1 on arm64 (arch/arm64/mm/fault.c, where it
 * differs from x86's: arm64_force_sig_fault/SEGV_ACCERR for the access
 * error, arm64_force_sig_fault/SEGV_MAPERR for no vma, die_kernel_fault
 * for the oops; else fault_path_kernel_name), and its parse. */
const char *fault_path_arm64_name(enum fault_path p);
int fault_path_parse_arm64(const char *s);
/* Can an arm64 trace take route p? Not vmalloc_fault (the kernel half is
 * TTBR1's), not the huge-page routes (our arm64 kernels have no THP). */
bool fault_path_on_arm64(enum fault_path p);
/* do_page_fault's branch: its function name ("vmalloc_fault", "handle_mm_fault",
 * "bad_area", "no_context"), and the words a learner may answer for it
 * ("oops", "sigsegv", "demand" ...): -1 when s names none. */
const char *fault_branch_name(enum fault_branch b);
int fault_branch_parse(const char *s);
/* The branch as Linux 6.1 takes it (arch/x86/mm/fault.c): an access
 * nothing can fix, from user or kernel mode, goes to
 * bad_area_nosemaphore() (which oopses, page_fault_oops(), for the
 * kernel); the others keep their name. */
const char *fault_branch_kernel_name(enum fault_branch b);

struct fault_in {
	uint64_t addr;           /* cr2 */
	uint32_t error_code;
	uint64_t task_size;      /* 0xC0000000 on the 3G/1G split */
	const struct vma *vmas;  /* the process's vmas, sorted by start */
	size_t nvmas;
};

/* Route a fault as do_page_fault does (before vmalloc_fault runs: a vmalloc
 * fault that finds no master entry becomes an oops, see fault_vmalloc_sync).
 * Inside a vma the error code says what handle_mm_fault finds: P=0 an
 * absent pte (do_anonymous_page), P=1 with W a read-only present pte, which
 * in this model is the zero page (do_wp_page). */
enum fault_path fault_route(const struct fault_in *in);

/* The outcome of vmalloc_sync_one. */
enum sync_result {
	SYNC_COPIED,          /* process pmd was empty: set_pmd(pmd, *pmd_k) */
	SYNC_ALREADY,         /* both present and equal: nothing to do */
	SYNC_NO_MASTER,       /* master pmd not present: fail (a real bad access) */
	SYNC_NO_MASTER_PTE,   /* master pmd present but its pte is not: fail
			       * (the pmd may still have been copied first, as
			       * in the kernel: compare old_value/new_value) */
	SYNC_BUG,             /* both present and different: BUG_ON; also a PAE
			       * process PDPT slot not present (pgd_alloc fills
			       * all four, so that is a broken invariant) */
};

struct sync_report {
	enum sync_result result;
	unsigned index;          /* pgd_index(address) */
	uint64_t pmd_pa;         /* the process's pmd entry's physical address */
	uint64_t pmd_k_pa;       /* the master's pmd entry's physical address */
	uint64_t old_value;      /* process entry before */
	uint64_t new_value;      /* process entry after (== master's when copied) */
};

/* Run vmalloc_sync_one on simulated memory: pgd_pa is the process's table,
 * pgd_k_pa the master's (init_mm.pgd); writes the process entry when it
 * copies. Returns 0 for SYNC_COPIED/SYNC_ALREADY, -1 otherwise or when
 * the arch is not 32-bit (x86-64 syncs at the pgd level: not modelled here;
 * out->result is then SYNC_NO_MASTER). The two entries are "different" when
 * their frame addresses differ (pmd_page), not merely their flags. A master
 * pmd with PS set maps a large page and needs no pte. */
int fault_vmalloc_sync(const struct arch *a, struct physmem *pm, uint64_t pgd_pa,
		       uint64_t pgd_k_pa, uint64_t addr, struct sync_report *out);
const char *sync_result_name(enum sync_result r);
/* The same in the learner's language, a noun phrase that reads after a
 * colon or in parentheses ("copied", "コピー"). */
const char *sync_result_words(enum sync_result r, enum lang lang);

#endif
