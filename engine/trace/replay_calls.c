/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_calls.c - a fault's recorded call chain in the replayer: which
 * frame a stage is at, the frames alive there, and what each Linux
 * function does, in English and Japanese.
 *
 * The sentences are ours, one per function the tracer stops in or passes
 * through on x86 in Linux 6.1 (arch/x86/mm/fault.c, mm/memory.c,
 * mm/mmap.c); a function not listed is named with its file and line.
 * Linux's own text is never here (replay_lxsrc.c reads it from the user's
 * linux-source-6.1).
 */
#include "trace/replay.h"

#include <stdio.h>
#include <string.h>

#define L(lang, en, ja) ((lang) == LANG_JA ? (ja) : (en))

bool replay_has_calls(const struct trace_event *ev)
{
	return ev->kind == TRACE_FAULT && ev->ncalls > 0;
}

const struct trace_call *replay_call_now(const struct replay *r, size_t *i)
{
	const struct trace *t = replay_trace(r);
	const struct trace_event *ev = &t->events[replay_event(r)];
	size_t n;
	const struct replay_stage *st = replay_stages(r, &n);

	*i = 0;
	for (size_t k = replay_stage(r) + 1; k-- > 0;) {
		if (k < n && st[k].kind == RS_CALL && (uint32_t)st[k].arg < ev->ncalls) {
			*i = (size_t)st[k].arg;
			return &t->calls[ev->call0 + *i];
		}
	}
	return NULL;
}

size_t replay_call_stack(const struct trace *t, const struct trace_event *ev, size_t i,
			 size_t *out, size_t max)
{
	const struct trace_call *c = t->calls + ev->call0;
	size_t n = 0, k;
	uint32_t want;

	if (i >= ev->ncalls || !max)
		return 0;
	/* from i back: each first frame one level shallower than the last kept */
	want = c[i].depth;
	for (k = i + 1; k-- > 0 && n < max;) {
		if (c[k].depth != want)
			continue;
		out[n++] = k;
		if (!want--)
			break;
	}
	for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
		size_t x = out[a];
		out[a] = out[b];
		out[b] = x;
	}
	return n;
}

void replay_call_base(const char *fn, char *buf, size_t len)
{
	if (len)
		snprintf(buf, len, "%.*s", (int)strcspn(fn, "."), fn);
}

/* What a function of the fault path does, as the replayer says it. */
struct call_words {
	const char *fn;
	const char *en, *ja;
};

static const struct call_words words[] = {
	{ "exc_page_fault",
	  "The #PF entry: exc_page_fault reads the faulting address from cr2 and hands it on.",
	  "#PF の入口: exc_page_fault が cr2 からフォルトしたアドレスを読み、先へ渡します。" },
	{ "handle_page_fault",
	  "handle_page_fault: a kernel address goes to do_kern_addr_fault, a user one to "
	  "do_user_addr_fault.",
	  "handle_page_fault: カーネルのアドレスは do_kern_addr_fault へ、ユーザーのものは "
	  "do_user_addr_fault へ。" },
	{ "do_kern_addr_fault",
	  "do_kern_addr_fault: RSVD, U and P all clear on x86-32? This pgd may lack a vmalloc "
	  "entry: vmalloc_fault.",
	  "do_kern_addr_fault: x86-32 で RSVD・U・P がすべて 0 なら、pgd に vmalloc の"
	  "エントリが欠けているかもしれません。" },
	{ "vmalloc_fault",
	  "vmalloc_fault: compares, for this address, the pgd cr3 points at with init_mm's "
	  "master (swapper_pg_dir).",
	  "vmalloc_fault: このアドレスについて、cr3 が指す pgd とマスター (swapper_pg_dir) "
	  "を比べます。" },
	{ "vmalloc_sync_one",
	  "vmalloc_sync_one: the master's entry is present and this pgd's is not: set_pmd "
	  "copies it across.",
	  "vmalloc_sync_one: マスターのエントリはあり、この pgd のものは空です。set_pmd が"
	  "コピーします。" },
	{ "do_user_addr_fault",
	  "do_user_addr_fault: a user address: find the vma covering it, check the access, "
	  "call handle_mm_fault.",
	  "do_user_addr_fault: ユーザーのアドレスです。vma を探してアクセスを確かめ、"
	  "handle_mm_fault を呼びます。" },
	{ "lock_mm_and_find_vma",
	  "lock_mm_and_find_vma: take mmap_lock and find the vma; just below the stack, grow "
	  "the stack.",
	  "lock_mm_and_find_vma: mmap_lock を取って vma を探します。スタックのすぐ下なら"
	  "スタックを伸ばします。" },
	{ "expand_stack_locked",
	  "expand_stack_locked: the address is just below the stack's vma, which may grow "
	  "down to it.",
	  "expand_stack_locked: アドレスはスタックの vma のすぐ下です。下へ伸ばせるか"
	  "調べます。" },
	{ "expand_downwards",
	  "expand_downwards: the stack's vma now starts at the faulting page.",
	  "expand_downwards: スタックの vma の先頭をフォルトしたページまで下げます。" },
	{ "handle_mm_fault",
	  "handle_mm_fault: the architecture-independent mm code takes over.",
	  "handle_mm_fault: ここからはアーキテクチャに依存しない mm のコードです。" },
	{ "__handle_mm_fault",
	  "__handle_mm_fault walks the tables in software, allocating any missing level on the "
	  "way down.",
	  "__handle_mm_fault がソフトウェアでテーブルをたどり、欠けた段を確保しながら"
	  "下ります。" },
	{ "do_fault",
	  "do_fault: a page of a file: find it in the page cache (reading it if need be) and "
	  "map it.",
	  "do_fault: ファイルのページです。ページキャッシュから探し(なければ読み)、"
	  "マップします。" },
	{ "do_read_fault",
	  "do_read_fault: a read of a file page: map it from the page cache.",
	  "do_read_fault: ファイルのページの読み出しです。ページキャッシュからマップします。" },
	{ "do_cow_fault",
	  "do_cow_fault: a write to a private file page: copy it and map the copy.",
	  "do_cow_fault: 非共有のファイルページへの書き込みです。コピーしてマップします。" },
	{ "do_shared_fault",
	  "do_shared_fault: a write to a shared file page: map the page itself, writable.",
	  "do_shared_fault: 共有のファイルページへの書き込みです。そのページを書き込み可で"
	  "マップします。" },
	{ "do_wp_page",
	  "do_wp_page: a write to a read-only page: reuse it if this process alone has it, "
	  "else copy it.",
	  "do_wp_page: 読み出し専用ページへの書き込みです。このプロセスだけのものなら再利用、"
	  "違えばコピー。" },
	{ "wp_page_copy",
	  "wp_page_copy: copy the page (the zero page: a new zeroed one) and map the copy "
	  "writable.",
	  "wp_page_copy: ページをコピーし(ゼロページなら新しいゼロのページ)、書き込み可で"
	  "マップします。" },
	{ "wp_page_reuse",
	  "wp_page_reuse: the page is this process's alone: its pte is made writable and dirty.",
	  "wp_page_reuse: ページはこのプロセスだけのものです。pte を書き込み可・dirty に"
	  "します。" },
	{ "wp_pfn_shared",
	  "wp_pfn_shared: a shared writable mapping: no copy, the pte is made writable.",
	  "wp_pfn_shared: 共有の書き込み可能なマッピングです。コピーせず pte を書き込み可に"
	  "します。" },
	{ "wp_page_shared",
	  "wp_page_shared: a shared writable mapping: no copy, the pte is made writable.",
	  "wp_page_shared: 共有の書き込み可能なマッピングです。コピーせず pte を書き込み可に"
	  "します。" },
	{ "access_error",
	  "access_error: does the vma allow this access (a write, a fetch)?",
	  "access_error: vma はこのアクセス(書き込み、命令フェッチ)を許しているでしょうか。" },
	{ "bad_area",
	  "bad_area: no vma covers the address: the process gets SIGSEGV.",
	  "bad_area: アドレスを含む vma がありません。プロセスに SIGSEGV が送られます。" },
	{ "bad_area_nosemaphore",
	  "bad_area_nosemaphore: no vma covers the address: the process gets SIGSEGV.",
	  "bad_area_nosemaphore: アドレスを含む vma がありません。SIGSEGV になります。" },
	{ "__bad_area",
	  "__bad_area: drop mmap_lock, then SIGSEGV for the access.",
	  "__bad_area: mmap_lock を放し、このアクセスに SIGSEGV を送ります。" },
	{ "bad_area_access_error",
	  "bad_area_access_error: the vma does not allow this access: SIGSEGV.",
	  "bad_area_access_error: vma がこのアクセスを許しません。SIGSEGV です。" },
	{ "__bad_area_nosemaphore",
	  "__bad_area_nosemaphore: a user access: force_sig_fault sends SIGSEGV.",
	  "__bad_area_nosemaphore: ユーザーのアクセスなので、force_sig_fault が SIGSEGV を"
	  "送ります。" },
	{ "kernelmode_fixup_or_oops",
	  "kernelmode_fixup_or_oops: a kernel access: an exception fixup, or an oops.",
	  "kernelmode_fixup_or_oops: カーネルのアクセスです。例外の修正か、oops か。" },
	{ "page_fault_oops",
	  "page_fault_oops: a kernel access nothing can fix: the kernel oopses.",
	  "page_fault_oops: 直しようのないカーネルのアクセスです。カーネルは oops になります。" },
};

/* handle_pte_fault and do_anonymous_page: by what the fault was. */
static bool words_of_route(const struct trace_event *ev, const char *fn, enum lang lang,
			   char *buf, size_t len)
{
	bool write = ev->error_code & PF_WRITE;

	if (!strcmp(fn, "do_anonymous_page")) {
		snprintf(buf, len, "%s", write
			 ? L(lang, "do_anonymous_page, a first write: a new zeroed page, mapped writable.",
			     "do_anonymous_page(初めての書き込み): ゼロで埋めた新しいページを書き込み可で"
			     "マップします。")
			 : L(lang, "do_anonymous_page, a first read: the shared zero page, mapped read-only.",
			     "do_anonymous_page(初めての読み出し): 共有のゼロページを読み出し専用で"
			     "マップします。"));
		return true;
	}
	if (strcmp(fn, "handle_pte_fault"))
		return false;
	switch (ev->path) {
	case FAULT_COW:
		snprintf(buf, len, "%s", L(lang, "handle_pte_fault: the pte is there but read-only, and this "
					   "is a write: do_wp_page.",
					   "handle_pte_fault: pte はありますが読み出し専用で、これは書き込み"
					   "です。do_wp_page へ。"));
		break;
	case FAULT_ZERO_PAGE:
	case FAULT_NEW_PAGE:
		snprintf(buf, len, "%s", L(lang, "handle_pte_fault: no pte yet, and the vma is anonymous "
					   "memory: do_anonymous_page.",
					   "handle_pte_fault: pte はまだなく、vma は無名メモリです。"
					   "do_anonymous_page へ。"));
		break;
	case FAULT_ACCESS_FLAG:
		snprintf(buf, len, "%s", L(lang, "handle_pte_fault: the pte is there and allows this "
					   "access, but its access flag is clear: make it young "
					   "(ptep_set_access_flags).",
					   "handle_pte_fault: pte はあり、このアクセスも許しますが、アクセス"
					   "フラグが立っていません。young にします(ptep_set_access_flags)。"));
		break;
	case FAULT_FILE_PAGE:
		snprintf(buf, len, "%s", L(lang, "handle_pte_fault: no pte yet, and the vma maps a file: "
					   "do_fault.",
					   "handle_pte_fault: pte はまだなく、vma はファイルをマップして"
					   "います。do_fault へ。"));
		break;
	default:
		snprintf(buf, len, "%s", L(lang, "handle_pte_fault: no pte yet, or one that does not allow "
					   "this access.",
					   "handle_pte_fault: pte がまだないか、このアクセスを許さない pte "
					   "です。"));
		break;
	}
	return true;
}

void replay_call_text(const struct trace *t, const struct trace_event *ev, size_t i,
		      enum lang lang, char *buf, size_t len)
{
	const struct trace_call *c = t->calls + ev->call0;
	char fn[128], next[128] = "";

	if (!len)
		return;
	buf[0] = '\0';
	if (i >= ev->ncalls)
		return;
	replay_call_base(c[i].fn, fn, sizeof fn);
	if (i + 1 < ev->ncalls && c[i + 1].depth > c[i].depth)
		replay_call_base(c[i + 1].fn, next, sizeof next);
	/* the same function again: further on in it, or back in it after a
	 * call returned (what it calls next, when the chain says) */
	if (i && c[i].depth <= c[i - 1].depth) {
		bool back = c[i].depth < c[i - 1].depth;
		size_t k = i - 1;
		while (k > 0 && c[k].depth > c[i].depth)
			k--;
		if (c[k].depth == c[i].depth && !strcmp(c[k].fn, c[i].fn)) {
			if (next[0])
				snprintf(buf, len, back ? L(lang, "Back in %s, line %u: it calls %s.",
							    "%s に戻り(%u 行目)、%s を呼びます。")
					 : L(lang, "Further in %s, line %u: it calls %s.",
					     "%s の %u 行目へ進み、%s を呼びます。"), fn, c[i].line, next);
			else
				snprintf(buf, len, back ? L(lang, "Back in %s, line %u.",
							    "%s に戻ります(%u 行目)。")
					 : L(lang, "Further in %s, line %u.", "%s の %u 行目へ進みます。"),
					 fn, c[i].line);
			return;
		}
	}
	if (words_of_route(ev, fn, lang, buf, len))
		return;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (!strcmp(words[k].fn, fn)) {
			snprintf(buf, len, "%s", L(lang, words[k].en, words[k].ja));
			return;
		}
	snprintf(buf, len, L(lang, "The handler is in %s(), %s:%u.", "ハンドラは %s()(%s:%u)にいます。"),
		 fn, c[i].file, c[i].line);
}

void replay_call_why(const struct trace_call *c, enum lang lang, char *buf, size_t len)
{
	char file[256];
	unsigned at, shared;

	if (!len)
		return;
	buf[0] = '\0';
	if (!c->why)
		return;
	/* the tracer's two sentences (guest/linux/trace.py), in the learner's language */
	if (sscanf(c->why, "the branch taken at %255[^:]:%u led to code the compiler shares "
		   "with line %u", file, &at, &shared) == 3)
		snprintf(buf, len, L(lang, "Line %u: the branch taken there led to code the compiler "
				     "shares with line %u (which did not run).",
				     "%u 行目: ここで分岐した先は、コンパイラが %u 行目と共有しているコード"
				     "です (%u 行目は実行されていません)。"),
			 at, shared, shared);
	else if (strcmp(c->why, "its code is not in QEMU's log of this fault's code") == 0)
		snprintf(buf, len, "%s", L(lang, "No line is lit: QEMU's log of the code this fault "
					   "ran does not hold this function's.",
					   "行は示しません。このフォルトで実行されたコードの QEMU の"
					   "記録に、この関数のコードがありません。"));
	else
		snprintf(buf, len, L(lang, "%s%s.", "%s%s。"),
			 c->line ? "" : L(lang, "No line is lit: ", "行は示しません: "), c->why);
}
