/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_code.c - the handler's code shown beside a replayed fault.
 *
 * An abridged rendering, in our own words, of the i386 page-fault path of
 * Linux 2.6.24 (arch/x86/mm/fault_32.c: do_page_fault, vmalloc_fault,
 * vmalloc_sync_one) and of mm/memory.c's handle_mm_fault. Declarations,
 * locking, stack growth, kprobes and statistics are left out; what is kept
 * follows the kernel's control flow and names. Each line says which code
 * points of the replay (enum replay_code) highlight it.
 */
#include "replay.h"

#define B(c) (1u << (c))

static const struct replay_code_line fault_lines[] = {
	{ "void do_page_fault(struct pt_regs *regs, unsigned long error_code)", B(RC_ENTRY), NULL },
	{ "{", 0, NULL },
	{ "\tstruct mm_struct *mm = current->mm;", 0, NULL },
	{ "\tunsigned long address = read_cr2();   /* where it faulted */", B(RC_ENTRY), "\tunsigned long address = read_cr2(); /* フォルトしたアドレス */" },
	{ "", 0, NULL },
	{ "\t/* kernel half, not a user access, page not present: */", B(RC_KERNEL_TEST), "\t/* カーネル側、ユーザーのアクセスでない、ページ不在なら: */" },
	{ "\tif (unlikely(address >= TASK_SIZE)) {", B(RC_KERNEL_TEST), NULL },
	{ "\t\tif (!(error_code & 0x0000000d) &&   /* RSVD|U|P */", B(RC_KERNEL_TEST), NULL },
	{ "\t\t    vmalloc_fault(address) >= 0)", B(RC_KERNEL_TEST) | B(RC_VMALLOC_FAULT), NULL },
	{ "\t\t\treturn;                 /* synced: retry */", B(RC_SYNC_PTE), "\t\t\treturn; /* 同期した: 再実行 */" },
	{ "\t\tgoto bad_area_nosemaphore;", 0, NULL },
	{ "\t}", 0, NULL },
	{ "\tvma = find_vma(mm, address);", B(RC_FIND_VMA), NULL },
	{ "\tif (!vma || vma->vm_start > address)", B(RC_FIND_VMA), NULL },
	{ "\t\tgoto bad_area;          /* (stack growth left out) */", 0, "\t\tgoto bad_area; /*（スタックの伸長は省略）*/" },
	{ "good_area:", 0, NULL },
	{ "\tif (write ? !(vma->vm_flags & VM_WRITE)", B(RC_FIND_VMA), NULL },
	{ "\t          : !(vma->vm_flags & (VM_READ|VM_EXEC)))", B(RC_FIND_VMA), NULL },
	{ "\t\tgoto bad_area;", 0, NULL },
	{ "\tfault = handle_mm_fault(mm, vma, address, write);", B(RC_HANDLE_MM), NULL },
	{ "\treturn;                         /* the access is retried */", 0, "\treturn; /* アクセスは再実行される */" },
	{ "bad_area:", B(RC_BAD_AREA), NULL },
	{ "bad_area_nosemaphore:", B(RC_BAD_AREA), NULL },
	{ "\tif (error_code & 4) {           /* U: from user mode */", B(RC_BAD_AREA), "\tif (error_code & 4) { /* U: ユーザーモードから */" },
	{ "\t\tforce_sig_info_fault(SIGSEGV, SEGV_MAPERR, address, current);", B(RC_BAD_AREA), NULL },
	{ "\t\treturn;", 0, NULL },
	{ "\t}", 0, NULL },
	{ "no_context:", B(RC_NO_CONTEXT), NULL },
	{ "\tif (fixup_exception(regs))", B(RC_NO_CONTEXT), NULL },
	{ "\t\treturn;", 0, NULL },
	{ "\t/* \"BUG: unable to handle kernel paging request\" */", B(RC_NO_CONTEXT), NULL },
	{ "\tdie(\"Oops\", regs, error_code);", B(RC_NO_CONTEXT), NULL },
	{ "}", 0, NULL },
	{ "", 0, NULL },
	{ "static int vmalloc_fault(unsigned long address)", B(RC_VMALLOC_FAULT), NULL },
	{ "{", 0, NULL },
	{ "\t/* the table cr3 points at now: current->mm may not be it */", B(RC_VMALLOC_FAULT), "\t/* いま cr3 が指すテーブル（current->mm のものとは限らない）*/" },
	{ "\tunsigned long pgd_paddr = read_cr3();", B(RC_VMALLOC_FAULT), NULL },
	{ "\tpmd_t *pmd_k = vmalloc_sync_one(__va(pgd_paddr), address);", B(RC_VMALLOC_FAULT), NULL },
	{ "\tif (!pmd_k)", 0, NULL },
	{ "\t\treturn -1;", 0, NULL },
	{ "\tpte_t *pte_k = pte_offset_kernel(pmd_k, address);", B(RC_SYNC_PTE), NULL },
	{ "\tif (!pte_present(*pte_k))", B(RC_SYNC_PTE), NULL },
	{ "\t\treturn -1;", 0, NULL },
	{ "\treturn 0;", B(RC_SYNC_PTE), NULL },
	{ "}", 0, NULL },
	{ "", 0, NULL },
	{ "static pmd_t *vmalloc_sync_one(pgd_t *pgd, unsigned long address)", B(RC_SYNC_ONE), NULL },
	{ "{", 0, NULL },
	{ "\tunsigned index = pgd_index(address);", B(RC_SYNC_ONE), NULL },
	{ "\tpgd_t *pgd_k = init_mm.pgd + index;  /* the master table */", B(RC_SYNC_ONE), "\tpgd_t *pgd_k = init_mm.pgd + index; /* マスターテーブル */" },
	{ "\tpgd += index;", B(RC_SYNC_ONE), NULL },
	{ "\tif (!pgd_present(*pgd_k))", 0, NULL },
	{ "\t\treturn NULL;", 0, NULL },
	{ "\t/* pud (and on 2-level pmd) are folded: the same pointer */", B(RC_SYNC_ONE), "\t/* pud（2段では pmd も）は折りたたまれ、同じポインタになる */" },
	{ "\tpud = pud_offset(pgd, address);  pud_k = pud_offset(pgd_k, address);", B(RC_SYNC_ONE), NULL },
	{ "\tpmd = pmd_offset(pud, address);  pmd_k = pmd_offset(pud_k, address);", B(RC_SYNC_ONE), NULL },
	{ "\tif (!pmd_present(*pmd_k))       /* not in the master either */", B(RC_SYNC_ONE), "\tif (!pmd_present(*pmd_k)) /* マスターにもない */" },
	{ "\t\treturn NULL;", 0, NULL },
	{ "\tif (!pmd_present(*pmd))", B(RC_SET_PMD), NULL },
	{ "\t\tset_pmd(pmd, *pmd_k);       /* copy the master's entry */", B(RC_SET_PMD), "\t\tset_pmd(pmd, *pmd_k); /* マスターからコピー */" },
	{ "\telse", 0, NULL },
	{ "\t\tBUG_ON(pmd_page(*pmd) != pmd_page(*pmd_k));", 0, NULL },
	{ "\treturn pmd_k;", 0, NULL },
	{ "}", 0, NULL },
};

static const struct replay_code_line mm_lines[] = {
	{ "int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,", B(RC_HANDLE_MM), NULL },
	{ "\t\tunsigned long address, int write_access)", 0, NULL },
	{ "{", 0, NULL },
	{ "\tpgd_t *pgd = pgd_offset(mm, address);", B(RC_HANDLE_MM), NULL },
	{ "\tpud_t *pud = pud_alloc(mm, pgd, address);   /* folded: pgd */", B(RC_HANDLE_MM), "\tpud_t *pud = pud_alloc(mm, pgd, address); /* 折りたたみ: pgd のまま */" },
	{ "\tpmd_t *pmd = pmd_alloc(mm, pud, address);   /* folded on 2-level */", B(RC_HANDLE_MM), "\tpmd_t *pmd = pmd_alloc(mm, pud, address); /* 2段では折りたたみ */" },
	{ "\tif (!pud || !pmd)", 0, NULL },
	{ "\t\treturn VM_FAULT_OOM;", 0, NULL },
	{ "\t/* no pte table yet: allocate one, pmd_populate() points at it */", B(RC_HANDLE_MM), "\t/* pte テーブルがなければ確保し、pmd_populate() で指す */" },
	{ "\tpte_t *pte = pte_alloc_map(mm, pmd, address);", B(RC_HANDLE_MM), NULL },
	{ "\tif (!pte)", 0, NULL },
	{ "\t\treturn VM_FAULT_OOM;", 0, NULL },
	{ "\treturn handle_pte_fault(mm, vma, address, pte, pmd, write_access);", B(RC_HANDLE_MM), NULL },
	{ "}", 0, NULL },
	{ "", 0, NULL },
	{ "/* handle_pte_fault -> do_anonymous_page (a first touch): */", 0, "/* handle_pte_fault -> do_anonymous_page（初めてのアクセス）: */" },
	{ "\tpage = alloc_zeroed_user_highpage(vma, address);", B(RC_HANDLE_MM), NULL },
	{ "\tentry = mk_pte(page, vma->vm_page_prot);", B(RC_HANDLE_MM), NULL },
	{ "\tif (write_access)", 0, NULL },
	{ "\t\tentry = pte_mkwrite(pte_mkdirty(entry));", 0, NULL },
	{ "\tset_pte_at(mm, address, page_table, entry);", B(RC_HANDLE_MM), NULL },
};

static const struct replay_excerpt fault_excerpt = {
	{ "arch/x86/mm/fault_32.c (Linux 2.6.24, abridged)",
	  "arch/x86/mm/fault_32.c（Linux 2.6.24 の要約）" },
	fault_lines, sizeof fault_lines / sizeof fault_lines[0], 1,
};
static const struct replay_excerpt mm_excerpt = {
	{ "mm/memory.c (Linux 2.6.24, abridged)", "mm/memory.c（Linux 2.6.24 の要約）" },
	mm_lines, sizeof mm_lines / sizeof mm_lines[0], 1,
};

const struct replay_excerpt *replay_excerpt(enum replay_code c)
{
	return c == RC_HANDLE_MM ? &mm_excerpt : &fault_excerpt;
}

const char *replay_code_text(const struct replay_excerpt *ex, size_t i, enum lang lang)
{
	if (i >= ex->nlines)
		return "";
	return lang == LANG_JA && ex->lines[i].ja ? ex->lines[i].ja : ex->lines[i].text;
}

/* What each code point does, in each language. */
static const char *const says[RC_COUNT][LANG_COUNT] = {
	[RC_ENTRY] = {
		"The CPU raised #PF (vector 14): do_page_fault reads the address from cr2.",
		"CPU が #PF（ベクタ 14）を発生させました。do_page_fault は cr2 からアドレスを読みます。" },
	[RC_KERNEL_TEST] = {
		"Is it a kernel address with RSVD, U and P all clear? Then it may be a vmalloc fault.",
		"カーネル空間のアドレスで、RSVD・U・P がすべて 0 でしょうか。そうなら vmalloc フォルトかもしれません。" },
	[RC_VMALLOC_FAULT] = {
		"vmalloc_fault: take the pgd cr3 points at, and sync it from the master table.",
		"vmalloc_fault: cr3 が指す pgd を取り、マスターテーブルから同期します。" },
	[RC_SYNC_ONE] = {
		"vmalloc_sync_one: the same slot in init_mm.pgd (swapper_pg_dir) and in the process's table.",
		"vmalloc_sync_one: init_mm.pgd（swapper_pg_dir）とプロセスのテーブルで同じスロットを求めます。" },
	[RC_SET_PMD] = {
		"The process's entry is empty and the master's is present: set_pmd copies it across.",
		"プロセスのエントリは空で、マスターのエントリは存在します。set_pmd がそれをコピーします。" },
	[RC_SYNC_PTE] = {
		"The master's pte for the address is present: return 0, and the access is retried.",
		"このアドレスに対するマスターの pte は存在します。0 を返し、アクセスが再実行されます。" },
	[RC_FIND_VMA] = {
		"A user address: find_vma looks for the area that covers it and checks the access.",
		"ユーザー空間のアドレスです。find_vma がそれを含む領域を探し、アクセスが許されるかを確かめます。" },
	[RC_HANDLE_MM] = {
		"handle_mm_fault allocates the missing tables and the page and writes the entries.",
		"handle_mm_fault が足りないページテーブルとページを確保し、エントリを書き込みます。" },
	[RC_BAD_AREA] = {
		"No area allows this access: a user access gets SIGSEGV.",
		"このアクセスを許す領域はありません。ユーザーモードのアクセスには SIGSEGV が送られます。" },
	[RC_NO_CONTEXT] = {
		"A kernel access nothing can fix: no exception fixup, so the kernel oopses.",
		"どうしても直せないカーネルのアクセスです。例外の修正（fixup）もないので、カーネルは oops になります。" },
};

const char *replay_code_says(enum replay_code c, enum lang lang)
{
	if ((unsigned)c >= RC_COUNT)
		return "";
	return says[c][lang == LANG_JA ? LANG_JA : LANG_EN];
}
