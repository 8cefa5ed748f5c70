/* SPDX-License-Identifier: GPL-2.0-only */
/* fault.c - error-code words, do_page_fault's routing, vmalloc_sync_one.
 *
 * The routing and the sync follow i386 arch/x86/mm/fault.c of the v2.6.2x
 * kernels (see fault.h); the sync also takes the later check that a large
 * master pmd needs no pte (pmd_large(*pmd_k) -> return 0 in vmalloc_fault).
 */
#include "paging/fault.h"

#include <stdio.h>
#include <string.h>

static const struct pf_bit bits[] = {
	{ PF_PROT,  "P",     "protection violation",  "page not present", "X86_PF_PROT", true },
	{ PF_WRITE, "W",     "write",                 "read",             "X86_PF_WRITE", true },
	{ PF_USER,  "U",     "user mode",             "kernel mode",      "X86_PF_USER", true },
	{ PF_RSVD,  "RSVD",  "reserved bit set in an entry", NULL,        "X86_PF_RSVD", true },
	{ PF_INSTR, "I",     "instruction fetch",     NULL,               "X86_PF_INSTR", true },
	{ PF_PK,    "PK",    "protection key denied", NULL,               "X86_PF_PK", true },
	{ PF_SHSTK, "SHSTK", "shadow stack access",   NULL,               "X86_PF_SHSTK", false },
	{ PF_SGX,   "SGX",   "SGX access violation",  NULL,               "X86_PF_SGX", true },
};
#define NBITS (sizeof bits / sizeof bits[0])

const struct pf_bit *pf_bits(size_t *n)
{
	*n = NBITS;
	return bits;
}

/* Append to buf at *used (snprintf-style; stops quietly when full). */
static void put(char *buf, size_t len, size_t *used, const char *s1, const char *s2,
		const char *s3)
{
	int n;

	if (*used >= len)
		return;
	n = snprintf(buf + *used, len - *used, "%s%s%s", s1, s2, s3);
	if (n < 0)
		return;
	*used += (size_t)n < len - *used ? (size_t)n : len - *used - 1;
}

void pf_describe(uint32_t err, char *buf, size_t len)
{
	size_t used = 0;
	uint32_t known = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < NBITS; i++) {
		bool set = (err & bits[i].mask) != 0;
		known |= bits[i].mask;
		if (!set && !bits[i].if_clear)
			continue;
		put(buf, len, &used, used ? ", " : "", bits[i].name, set ? "=1 " : "=0 ");
		put(buf, len, &used, set ? bits[i].if_set : bits[i].if_clear, "", "");
	}
	for (unsigned b = 0; b < 32; b++) {
		char name[16];
		if (!(err & ~known & (1u << b)))
			continue;
		snprintf(name, sizeof name, "bit%u", b);
		put(buf, len, &used, ", ", name, "=1 (unknown)");
	}
}

void pf_names(uint32_t err, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < NBITS; i++)
		if (err & bits[i].mask)
			put(buf, len, &used, used ? " " : "", bits[i].name, "");
	if (used == 0)
		snprintf(buf, len, "-");
}

/* THE table of routes: every name, chain and sentence about a route. */
static const struct fault_path_info paths[FAULT_PATH_COUNT] = {
	[FAULT_VMALLOC_SYNC] = { "vmalloc_fault", NULL,
		"do_page_fault -> vmalloc_fault -> vmalloc_sync_one",
		{ "vmalloc_sync_one copies the master's (init_mm's) entry into this table",
		  "vmalloc_sync_one がマスター(init_mm)のエントリをこのテーブルにコピー" },
		BRANCH_VMALLOC_FAULT, FAULT_END_RETRY, PF_RSVD | PF_USER | PF_PROT, 0 },
	[FAULT_ZERO_PAGE] = { "do_anonymous_page/zero_page", NULL,
		"do_page_fault -> handle_mm_fault -> do_anonymous_page",
		{ "a first read: the shared zero page is mapped read-only",
		  "初めての読み出し: 共有のゼロページを読み出し専用でマップ" },
		BRANCH_HANDLE_MM_FAULT, FAULT_END_RETRY, PF_PROT | PF_WRITE, 0 },
	[FAULT_NEW_PAGE] = { "do_anonymous_page/new_page", NULL,
		"do_page_fault -> handle_mm_fault -> do_anonymous_page",
		{ "a first write: a new zeroed page is mapped writable",
		  "初めての書き込み: ゼロで埋めた新しいページを書き込み可でマップ" },
		BRANCH_HANDLE_MM_FAULT, FAULT_END_RETRY, PF_PROT | PF_WRITE, PF_WRITE },
	[FAULT_COW] = { "do_wp_page", NULL,
		"do_page_fault -> handle_mm_fault -> do_wp_page",
		{ "a write to the read-only zero page: copy-on-write to a new page",
		  "読み出し専用のゼロページへの書き込み: 新しいページへコピーオンライト" },
		BRANCH_HANDLE_MM_FAULT, FAULT_END_RETRY, PF_PROT | PF_WRITE, PF_PROT | PF_WRITE },
	/* our guest maps no files: only traces of Linux take this route, so its
	 * chain is Linux 6.1's (2.6.2x had do_linear_fault -> __do_fault) */
	[FAULT_FILE_PAGE] = { "do_fault", NULL,
		"exc_page_fault -> handle_mm_fault -> do_fault",
		{ "a first touch of a file-backed page (program text or data): mapped from the page cache",
		  "ファイルに裏付けられたページ(プログラムのテキストやデータ)への初めてのアクセス: ページキャッシュからマップ" },
		BRANCH_HANDLE_MM_FAULT, FAULT_END_RETRY, PF_PROT, 0 },
	[FAULT_PROTECTION] = { "bad_area_access_error", NULL,
		"do_page_fault -> bad_area",
		{ "the vma does not allow this access: SIGSEGV",
		  "vma がこのアクセスを許さない: SIGSEGV" },
		BRANCH_BAD_AREA, FAULT_END_SIGSEGV, PF_USER, PF_USER },
	/* 6.1 has no bad_area(): lock_mm_and_find_vma() finding no vma, or a
	 * user access to a kernel address (do_kern_addr_fault), calls
	 * bad_area_nosemaphore() (arch/x86/mm/fault.c) */
	[FAULT_BAD_AREA] = { "bad_area", "bad_area_nosemaphore",
		"do_page_fault -> bad_area",
		{ "no vma covers the address (or user mode touched the kernel): SIGSEGV",
		  "アドレスを含む vma がない(またはユーザーモードからカーネルへ): SIGSEGV" },
		BRANCH_BAD_AREA, FAULT_END_SIGSEGV, PF_USER, PF_USER },
	/* 6.1 has no no_context(): kernelmode_fixup_or_oops() calls
	 * page_fault_oops() (arch/x86/mm/fault.c) */
	[FAULT_OOPS] = { "no_context", "page_fault_oops",
		"do_page_fault -> no_context",
		{ "a kernel access nothing can fix: oops",
		  "どうしても直せないカーネルのアクセス: oops" },
		BRANCH_NO_CONTEXT, FAULT_END_OOPS, PF_USER, 0 },
	/* arm64 without hardware AF (tinyconfig: ARM64_HW_AFDBM off): a page
	 * made old (after fork, after reclaim's aging) faults on its next
	 * touch; handle_pte_fault (mm/memory.c) makes the pte young and
	 * ptep_set_access_flags (arch/arm64/mm/fault.c) writes it. x86 sets
	 * Accessed in hardware and never takes this route. */
	[FAULT_ACCESS_FLAG] = { "ptep_set_access_flags", NULL,
		"do_mem_abort -> do_page_fault -> handle_mm_fault -> handle_pte_fault -> "
		"ptep_set_access_flags",
		{ "arm64: the page is mapped but its access flag (AF) is clear: the kernel sets AF "
		  "and the access is retried",
		  "arm64: ページはマップ済みだがアクセスフラグ(AF)が立っていない: カーネルが AF を立てて再実行" },
		BRANCH_HANDLE_MM_FAULT, FAULT_END_RETRY, 0, 0 },
	/* transparent huge pages: 2.6.2x had none (THP came in 2.6.38), so
	 * only traces of Linux take these, and their chain is 6.1's
	 * (mm/memory.c create_huge_pmd, mm/huge_memory.c) */
	[FAULT_HUGE_ZERO] = { "do_huge_pmd_anonymous_page/huge_zero_page", NULL,
		"exc_page_fault -> handle_mm_fault -> create_huge_pmd -> do_huge_pmd_anonymous_page",
		{ "a first read in a huge-page region: the huge zero page is mapped read-only by the pmd",
		  "ヒュージページ領域での初めての読み出し: ヒュージゼロページを pmd で読み出し専用にマップ" },
		BRANCH_HANDLE_MM_FAULT, FAULT_END_RETRY, PF_PROT | PF_WRITE, 0 },
	[FAULT_HUGE_NEW] = { "do_huge_pmd_anonymous_page/huge_page", NULL,
		"exc_page_fault -> handle_mm_fault -> create_huge_pmd -> do_huge_pmd_anonymous_page",
		{ "a first write in a huge-page region: a new zeroed 2 MiB page, mapped by the pmd (PS)",
		  "ヒュージページ領域での初めての書き込み: ゼロで埋めた新しい 2 MiB ページを pmd（PS）でマップ" },
		BRANCH_HANDLE_MM_FAULT, FAULT_END_RETRY, PF_PROT | PF_WRITE, PF_WRITE },
};

/* Branch names first, then the other words a learner may answer. */
static const char *const branch_words[BRANCH_COUNT][7] = {
	[BRANCH_VMALLOC_FAULT] = { "vmalloc_fault", "vmalloc", "vmalloc_sync_one", "vmalloc fault", NULL },
	[BRANCH_HANDLE_MM_FAULT] = { "handle_mm_fault", "demand", "good_area", "demand paging", NULL },
	[BRANCH_BAD_AREA] = { "bad_area", "bad_area (sigsegv)", "sigsegv", "segv",
			      "bad_area_nosemaphore", NULL },
	[BRANCH_NO_CONTEXT] = { "no_context", "oops", "no_context (oops)", "bug",
				"page_fault_oops", NULL },
};

const struct fault_path_info *fault_path_info(enum fault_path p)
{
	return (unsigned)p < FAULT_PATH_COUNT ? &paths[p] : NULL;
}

const char *fault_path_name(enum fault_path p)
{
	return (unsigned)p < FAULT_PATH_COUNT ? paths[p].name : "?";
}

int fault_path_parse(const char *s)
{
	for (int p = 0; p < FAULT_PATH_COUNT; p++)
		if (strcmp(s, paths[p].name) == 0)
			return p;
	return -1;
}

const char *fault_path_kernel_name(enum fault_path p)
{
	if ((unsigned)p >= FAULT_PATH_COUNT)
		return "?";
	return paths[p].linux61 ? paths[p].linux61 : paths[p].name;
}

const char *fault_path_arm64_name(enum fault_path p)
{
	switch (p) {
	case FAULT_PROTECTION: return "arm64_force_sig_fault/SEGV_ACCERR";
	case FAULT_BAD_AREA: return "arm64_force_sig_fault/SEGV_MAPERR";
	case FAULT_OOPS: return "die_kernel_fault";
	default: return fault_path_kernel_name(p);
	}
}

bool fault_path_on_arm64(enum fault_path p)
{
	return p != FAULT_VMALLOC_SYNC && p != FAULT_HUGE_ZERO && p != FAULT_HUGE_NEW;
}

int fault_path_parse_arm64(const char *s)
{
	for (int p = 0; p < FAULT_PATH_COUNT; p++)
		if (fault_path_on_arm64((enum fault_path)p) &&
		    strcmp(s, fault_path_arm64_name((enum fault_path)p)) == 0)
			return p;
	return -1;
}

int fault_path_parse_kernel(const char *s)
{
	for (int p = 0; p < FAULT_PATH_COUNT; p++)
		if (strcmp(s, fault_path_kernel_name((enum fault_path)p)) == 0)
			return p;
	return -1;   /* the model's bad_area is no function of Linux 6.1 */
}

const char *fault_branch_name(enum fault_branch b)
{
	return (unsigned)b < BRANCH_COUNT ? branch_words[b][0] : "?";
}

const char *fault_branch_kernel_name(enum fault_branch b)
{
	if (b == BRANCH_BAD_AREA || b == BRANCH_NO_CONTEXT)
		return "bad_area_nosemaphore";
	return fault_branch_name(b);
}

int fault_branch_parse(const char *s)
{
	for (int b = 0; b < BRANCH_COUNT; b++)
		for (int i = 0; branch_words[b][i]; i++)
			if (strcmp(s, branch_words[b][i]) == 0)
				return b;
	return -1;
}

/* find_vma(): the first vma with end > addr, or NULL. */
static const struct vma *find_vma(const struct fault_in *in)
{
	for (size_t i = 0; i < in->nvmas; i++)
		if (in->vmas[i].end > in->addr)
			return &in->vmas[i];
	return NULL;
}

enum fault_path fault_route(const struct fault_in *in)
{
	uint32_t err = in->error_code;
	bool user = err & PF_USER;
	const struct vma *v;

	if (in->addr >= in->task_size) {
		if (!(err & (PF_RSVD | PF_USER | PF_PROT)))
			return FAULT_VMALLOC_SYNC;
		/* bad_area_nosemaphore: SIGSEGV from user mode, else no_context. */
		return user ? FAULT_BAD_AREA : FAULT_OOPS;
	}
	v = find_vma(in);
	if (!v || v->start > in->addr)     /* no vma (stack growth not modelled) */
		return user ? FAULT_BAD_AREA : FAULT_OOPS;
	/* good_area: switch (error_code & 3) */
	if (err & PF_WRITE) {
		if (!v->write)
			return user ? FAULT_PROTECTION : FAULT_OOPS;
		return (err & PF_PROT) ? FAULT_COW : FAULT_NEW_PAGE;
	}
	if ((err & PF_PROT) || !(v->read || v->write || v->exec))
		return user ? FAULT_PROTECTION : FAULT_OOPS;   /* read of a present page */
	return FAULT_ZERO_PAGE;
}

const char *sync_result_words(enum sync_result r, enum lang lang)
{
	if (lang != LANG_JA)
		return sync_result_name(r);
	switch (r) {
	case SYNC_COPIED: return "コピー";
	case SYNC_ALREADY: return "すでに存在";
	case SYNC_NO_MASTER: return "マスターにエントリなし";
	case SYNC_NO_MASTER_PTE: return "マスターに pte なし";
	case SYNC_BUG: return "BUG: エントリが不一致";
	}
	return "?";
}

const char *sync_result_name(enum sync_result r)
{
	switch (r) {
	case SYNC_COPIED: return "copied";
	case SYNC_ALREADY: return "already present";
	case SYNC_NO_MASTER: return "no master entry";
	case SYNC_NO_MASTER_PTE: return "no master pte";
	case SYNC_BUG: return "BUG: entries differ";
	}
	return "?";
}

int fault_vmalloc_sync(const struct arch *a, struct physmem *pm, uint64_t pgd_pa,
		       uint64_t pgd_k_pa, uint64_t addr, struct sync_report *out)
{
	struct addr_fields f;
	unsigned es = a->entry_size;
	uint64_t pmd_k;

	memset(out, 0, sizeof *out);
	out->result = SYNC_NO_MASTER;
	if (a->word_bits != 32 || addr_split(a, addr, &f, NULL) < 0)
		return -1;
	out->index = f.index[LEVEL_PGD];

	if (a->level[LEVEL_PMD].folded) {
		/* 2-level: pud and pmd fold into the pgd slot itself. */
		out->pmd_pa = pgd_pa + (uint64_t)out->index * es;
		out->pmd_k_pa = pgd_k_pa + (uint64_t)out->index * es;
	} else {
		/* PAE: pud_offset(pgd) == pgd; the pmd is an entry of the pmd
		 * page the PDPT slot points to, in each table. */
		uint64_t pud = physmem_read(pm, pgd_pa + (uint64_t)out->index * es, es);
		uint64_t pud_k = physmem_read(pm, pgd_k_pa + (uint64_t)out->index * es, es);
		uint64_t pmd_off = (uint64_t)f.index[LEVEL_PMD] * es;

		if (!(pud_k & PTE_P))
			return -1;                   /* !pud_present(*pud_k) */
		out->pmd_k_pa = walk_entry_addr(a, pud_k) + pmd_off;
		if (!(pud & PTE_P)) {
			/* pgd_alloc always fills the 4 PDPT slots: a broken invariant. */
			out->result = SYNC_BUG;
			return -1;
		}
		out->pmd_pa = walk_entry_addr(a, pud) + pmd_off;
	}

	pmd_k = physmem_read(pm, out->pmd_k_pa, es);
	out->old_value = out->new_value = physmem_read(pm, out->pmd_pa, es);
	if (!(pmd_k & PTE_P))
		return -1;                           /* SYNC_NO_MASTER */
	if (!(out->old_value & PTE_P)) {
		if (physmem_write(pm, out->pmd_pa, pmd_k, es) < 0)
			return -1;
		out->new_value = pmd_k;
		out->result = SYNC_COPIED;
	} else if (walk_entry_addr(a, out->old_value) != walk_entry_addr(a, pmd_k)) {
		out->result = SYNC_BUG;              /* BUG_ON(pmd_page != pmd_page_k) */
		return -1;
	} else {
		out->result = SYNC_ALREADY;
	}

	/* vmalloc_fault: the master's pte must be present (a large pmd maps). */
	if (!(pmd_k & PTE_PS)) {
		uint64_t pte_pa = walk_entry_addr(a, pmd_k) + (uint64_t)f.index[LEVEL_PTE] * es;
		if (!(physmem_read(pm, pte_pa, es) & PTE_P)) {
			out->result = SYNC_NO_MASTER_PTE;
			return -1;
		}
	}
	return 0;
}
