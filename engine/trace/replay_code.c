/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_code.c - what each code point of a replayed fault does, in words.
 *
 * The code itself is never here: the replayer shows our guest's own
 * guest/fault.c (replay_guest.c) and Linux v6.1's lines read from the
 * installed linux-source-6.1 (replay_linux.c). This file holds the one
 * sentence per code point that the stage line says, and the accessor for
 * an excerpt's lines.
 */
#include "trace/replay.h"

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
		"CPU が #PF(ベクタ 14)を発生させました。do_page_fault は cr2 からアドレスを読みます。" },
	[RC_KERNEL_TEST] = {
		"Is it a kernel address with RSVD, U and P all clear? Then it may be a vmalloc fault.",
		"カーネル空間のアドレスで、RSVD・U・P がすべて 0 でしょうか。そうなら vmalloc フォルトかもしれません。" },
	[RC_VMALLOC_FAULT] = {
		"vmalloc_fault: take the pgd cr3 points at, and sync it from the master table.",
		"vmalloc_fault: cr3 が指す pgd を取り、マスターテーブルから同期します。" },
	[RC_SYNC_ONE] = {
		"vmalloc_sync_one: the same slot in init_mm.pgd (swapper_pg_dir) and in the process's table.",
		"vmalloc_sync_one: init_mm.pgd(swapper_pg_dir)とプロセスのテーブルで同じスロットを求めます。" },
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
		"handle_mm_fault finds the pte for the address; if the pmd is empty it first allocates a page table (set_pmd).",
		"handle_mm_fault がアドレスの pte を求めます。pmd が空なら、まずページテーブルを確保します(set_pmd)。" },
	[RC_ANON_PAGE] = {
		"do_anonymous_page, a first touch: a read maps the shared zero page read-only, a write a new zeroed page writable.",
		"do_anonymous_page(初めてのアクセス): 読み出しなら共有のゼロページを読み出し専用で、書き込みならゼロで埋めた新しいページを書き込み可でマップします。" },
	[RC_WP_PAGE] = {
		"do_wp_page, copy-on-write: a write to the read-only zero page copies it to a new page and maps that writable.",
		"do_wp_page(コピーオンライト): 読み出し専用のゼロページへの書き込みなので、新しいページにコピーし、それを書き込み可でマップします。" },
	[RC_BAD_AREA] = {
		"No vma covers the address, or its vma does not allow this access: a user access gets SIGSEGV.",
		"アドレスを含む vma がないか、vma がこのアクセスを許しません。ユーザーモードのアクセスには SIGSEGV が送られます。" },
	[RC_NO_CONTEXT] = {
		"A kernel access nothing can fix: no exception fixup, so the kernel oopses.",
		"どうしても直せないカーネルのアクセスです。例外の修正(fixup)もないので、カーネルは oops になります。" },
};

const char *replay_code_says(enum replay_code c, enum lang lang)
{
	if ((unsigned)c >= RC_COUNT)
		return "";
	return says[c][lang == LANG_JA ? LANG_JA : LANG_EN];
}
