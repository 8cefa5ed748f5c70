/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_text.c - what the replayer says about a stage, in English and in
 * Japanese. The engine composes the sentence from the cursor; the TUI only
 * picks the language and draws it. */
#include "trace/replay.h"
#include "paging/arm64.h"
#include "paging/fault.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Pick the sentence for lang. */
#define L(lang, en, ja) ((lang) == LANG_JA ? (ja) : (en))

static int addr_digits(const struct trace *t)
{
	return (int)t->h.arch->word_bits / 4;
}

static int entry_digits(const struct trace *t)
{
	return (int)t->h.arch->entry_size * 2;
}

void replay_walk_reason(const struct walk *wk, enum lang lang, char *buf, size_t len)
{
	const struct walk_step *st = wk->fail >= 0 && wk->fail < wk->nsteps
				     ? &wk->step[wk->fail] : NULL;
	const char *lv = st ? level_name(st->level) : "?";
	unsigned idx = st ? st->index : 0;

	if (lang != LANG_JA) {
		snprintf(buf, len, "%s", wk->reason);
		return;
	}
	if (wk->esr) {           /* an arm64 walk's abort */
		arm64_walk_reason_ja(wk, buf, len);
		return;
	}
	switch (wk->status) {
	case WALK_NOT_PRESENT:
		snprintf(buf, len, "%s のエントリ %u が存在しません", lv, idx);
		break;
	case WALK_PROTECTION:
		snprintf(buf, len, "%s のエントリ %u がこのアクセスを許していません", lv, idx);
		break;
	case WALK_RESERVED:
		snprintf(buf, len, "%s のエントリ %u に予約ビットが立っています", lv, idx);
		break;
	case WALK_BAD_ADDRESS:
		snprintf(buf, len, "アドレスがこのアーキテクチャに収まりません");
		break;
	default:
		snprintf(buf, len, "エラーコードを参照");
		break;
	}
}

static const char *access_word(const struct trace *t, const struct trace_event *ev,
			       enum lang lang)
{
	if (t->h.arch->family == FAMILY_ARM64) {   /* ESR: the class, then WnR */
		struct access acc = trace_event_access(t, ev);
		return acc.kind == ACCESS_EXEC ? L(lang, "fetch", "命令フェッチ")
		       : acc.kind == ACCESS_WRITE ? L(lang, "write", "書き込み")
		       : L(lang, "read", "読み出し");
	}
	if (ev->error_code & PF_INSTR)
		return L(lang, "fetch", "命令フェッチ");
	if (ev->error_code & PF_WRITE)
		return L(lang, "write", "書き込み");
	return L(lang, "read", "読み出し");
}

/* Up to this many tables per level are followed when naming a table. */
#define NAME_FANOUT 64

/* The present entries of table P (at level lv) that point at a next table:
 * their addresses into out[] (at most max, no duplicates), now or as ev
 * writes them. Returns the count. */
static size_t children(const struct replay *r, const struct trace_event *ev, uint64_t P,
		       enum level lv, uint64_t *out, size_t n, size_t max)
{
	const struct trace *t = replay_trace(r);
	const struct arch *a = t->h.arch;

	for (unsigned i = 0; i < a->level[lv].ptrs && n < max; i++) {
		uint64_t pa = P + (uint64_t)i * a->entry_size, v, c;
		bool dup = false;
		if (!replay_entry(r, pa, &v))
			v = 0;
		for (uint32_t j = 0; j < ev->nwrites; j++)
			if (t->writes[ev->write0 + j].pa == pa)
				v = t->writes[ev->write0 + j].new_value;
		if (!(v & 1))
			continue;
		c = walk_entry_addr(a, v);
		for (size_t k = 0; k < n; k++)
			dup |= out[k] == c;
		if (!dup)
			out[n++] = c;
	}
	return n;
}

/* The level of table T under the pgd at root, or LEVEL_COUNT when T is not
 * reached from it. */
static enum level level_under(const struct replay *r, const struct trace_event *ev,
			      uint64_t root, uint64_t T)
{
	const struct arch *a = replay_trace(r)->h.arch;
	uint64_t cur[NAME_FANOUT], next[NAME_FANOUT];
	size_t ncur = 1, nnext;
	enum level lv = LEVEL_PGD;

	if (root == T)
		return LEVEL_PGD;
	cur[0] = root;
	for (int below = LEVEL_PGD + 1; below < LEVEL_COUNT; below++) {
		if (a->level[below].folded)
			continue;
		nnext = 0;
		for (size_t i = 0; i < ncur; i++)
			nnext = children(r, ev, cur[i], lv, next, nnext, NAME_FANOUT);
		for (size_t i = 0; i < nnext; i++)
			if (next[i] == T)
				return (enum level)below;
		memcpy(cur, next, nnext * sizeof *next);
		ncur = nnext;
		lv = (enum level)below;
	}
	return LEVEL_COUNT;
}

/* Name the page-table page T written by ev: "init_mm.pgd (the master)",
 * "pid 1's pgd", "init_mm's pmd table", "pid 1's pte table", or "the table
 * at 0x...". The roots are the master pgd and the cr3 of every switch. */
static void table_name(const struct replay *r, const struct trace_event *ev, uint64_t T,
		       enum lang lang, char *buf, size_t len)
{
	const struct trace *t = replay_trace(r);
	uint64_t page = ~(uint64_t)0xfff;
	enum level lv = level_under(r, ev, t->h.master_pgd & page, T);

	if (lv == LEVEL_PGD) {
		snprintf(buf, len, "%s", L(lang, "init_mm.pgd (the master)", "init_mm.pgd(マスター)"));
		return;
	}
	if (lv != LEVEL_COUNT) {
		snprintf(buf, len, L(lang, "init_mm's %s table", "init_mm の %s テーブル"), level_name(lv));
		return;
	}
	for (size_t k = 0; k < t->nevents; k++) {
		const struct trace_event *e = &t->events[k];
		if (e->kind != TRACE_SWITCH)
			continue;
		lv = level_under(r, ev, e->cr3 & page, T);
		if (lv == LEVEL_PGD) {
			snprintf(buf, len, L(lang, "pid %u's pgd", "pid %u の pgd"), e->pid);
			return;
		}
		if (lv != LEVEL_COUNT) {
			snprintf(buf, len, L(lang, "pid %u's %s table", "pid %u の %s テーブル"), e->pid,
				 level_name(lv));
			return;
		}
	}
	snprintf(buf, len, L(lang, "the table at 0x%0*" PRIx64, "0x%0*" PRIx64 " のテーブル"),
		 addr_digits(t), T);
}

/* "pid 1's pgd (0x00112000) and pid 1's pte table (0x00114000)": the distinct
 * tables ev writes, two named, the rest counted. */
static void tables_written(const struct replay *r, const struct trace_event *ev, enum lang lang,
			   char *buf, size_t len)
{
	const struct trace *t = replay_trace(r);
	uint64_t seen[4];
	size_t nseen = 0, more = 0, k = 0;

	buf[0] = '\0';
	for (uint32_t j = 0; j < ev->nwrites; j++) {
		uint64_t T = t->writes[ev->write0 + j].pa & ~(uint64_t)0xfff;
		bool dup = false;
		char name[80];
		for (size_t i = 0; i < nseen; i++)
			dup |= seen[i] == T;
		if (dup)
			continue;
		if (nseen == 2) {
			more++;
			continue;
		}
		seen[nseen++] = T;
		table_name(r, ev, T, lang, name, sizeof name);
		k += (size_t)snprintf(buf + k, len > k ? len - k : 0, "%s%s", nseen > 1
				      ? L(lang, " and ", " と ") : "", name);
	}
	if (more && k < len)
		snprintf(buf + k, len - k, L(lang, " and %zu more", " ほか %zu 個"), more);
}

/* The scenario's note just before ev (same process or the kernel's), or NULL:
 * the guest says what it is about to do, which is why the tables change. */
static const char *note_before(const struct trace *t, size_t k)
{
	const struct trace_event *ev = &t->events[k];

	for (size_t back = 1; back <= 2 && back <= k; back++) {
		const struct trace_event *p = &t->events[k - back];
		/* "scenario NAME" opens the trace: it says nothing about this event */
		if (p->kind == TRACE_NOTE && p->note && (p->pid == ev->pid || p->pid == 0) &&
		    strncmp(p->note, "scenario ", 9) != 0)
			return p->note;
		if (p->kind != TRACE_NOTE)
			break;
	}
	return NULL;
}

/* "pid 1" or "the kernel" */
static void who(const struct trace_event *ev, enum lang lang, char *buf, size_t len)
{
	if (ev->pid)
		snprintf(buf, len, "pid %u", ev->pid);
	else
		snprintf(buf, len, "%s", L(lang, "the kernel", "カーネル"));
}

static void map_text(const struct replay *r, const struct trace_event *ev, enum lang lang,
		     char *buf, size_t len)
{
	const struct trace *t = replay_trace(r);
	const char *why = note_before(t, replay_event(r));
	char tables[300];
	size_t k = 0;

	tables_written(r, ev, lang, tables, sizeof tables);
	if (ev->nwrites && lang == LANG_JA)
		k = (size_t)snprintf(buf, len, "カーネルが %s に %u 個のエントリを書き込みます",
				     tables, ev->nwrites);
	else if (ev->nwrites)
		k = (size_t)snprintf(buf, len, "The kernel writes %u entr%s into %s",
				     ev->nwrites, ev->nwrites == 1 ? "y" : "ies", tables);
	else
		k = (size_t)snprintf(buf, len, "%s", L(lang, "No entry is written yet",
						       "エントリはまだ書き込まれません"));
	if (ev->nframes && k < len)
		k += (size_t)snprintf(buf + k, len - k, L(lang, "; it takes %u new page frame%s (",
							  "。新しいページフレームを %u 個確保します%s("),
				      ev->nframes, lang == LANG_JA || ev->nframes == 1 ? "" : "s");
	for (uint32_t j = 0; ev->nframes && j < ev->nframes && j < 3 && k < len; j++)
		k += (size_t)snprintf(buf + k, len - k, "%s0x%0*" PRIx64, j ? ", " : "",
				      addr_digits(t), t->frames[ev->frame0 + j]);
	if (ev->nframes && k < len)
		k += (size_t)snprintf(buf + k, len - k, "%s%s", ev->nframes > 3 ? ", ..." : "",
				      L(lang, ")", ")"));
	if (k < len)
		k += (size_t)snprintf(buf + k, len - k, "%s", L(lang, ".", "。"));
	if (why && k < len)
		k += (size_t)snprintf(buf + k, len - k, L(lang, " Why: %s.", "理由:「%s」。"), why);
	if (ev->nwrites && k < len)
		snprintf(buf + k, len - k, "%s", L(lang, " Right shows each write.",
						   "→ で書き込みを順に示します。"));
}

/* A flush event: who flushed what, and why this change needs it. */
/* Is there a range flush with reason exit (exit_mmap: an address space
 * torn down) among events [lo, hi), of pid (any pid but not_pid when pid
 * is 0)? */
static bool exit_between(const struct trace *t, size_t lo, size_t hi, uint32_t pid,
			 uint32_t not_pid)
{
	for (size_t k = lo; k < hi && k < t->nevents; k++) {
		const struct trace_event *e = &t->events[k];
		if (e->kind == TRACE_FLUSH && !e->x->cr3_write && e->x->reason == TRACE_FLUSH_EXIT &&
		    (pid ? e->pid == pid : e->pid != not_pid))
			return true;
	}
	return false;
}

/* Whose table cr3 value c is at cr3 write ev: init_mm's (the header's
 * master-pgd), or the process of the nearest switch or fault on it before
 * and after ev, when no exit between tells of another owner (a freed
 * table's frame is reused) and the two agree; "" when that is not known. */
static void cr3_owner(const struct trace *t, const struct trace_event *ev, uint64_t c,
		      enum lang lang, char *buf, size_t len)
{
	size_t at = (size_t)(ev - t->events), k;
	const struct trace_event *fwd = NULL, *bwd = NULL;

	buf[0] = 0;
	if (c == t->h.master_pgd) {
		snprintf(buf, len, "%s", L(lang, "init_mm.pgd, the kernel's own",
					   "init_mm.pgd、カーネル自身のもの"));
		return;
	}
	for (k = at + 1; k < t->nevents && !fwd; k++)
		if ((t->events[k].kind == TRACE_SWITCH || t->events[k].kind == TRACE_FAULT) &&
		    t->events[k].cr3 == c && t->events[k].pid)
			fwd = &t->events[k];
	for (k = at; k > 0 && !bwd; k--)
		if ((t->events[k - 1].kind == TRACE_SWITCH || t->events[k - 1].kind == TRACE_FAULT) &&
		    t->events[k - 1].cr3 == c && t->events[k - 1].pid)
			bwd = &t->events[k - 1];
	if (fwd && exit_between(t, at, (size_t)(fwd - t->events), 0, fwd->pid))
		fwd = NULL;
	if (bwd && exit_between(t, (size_t)(bwd - t->events), at, bwd->pid, 0))
		bwd = NULL;
	if (fwd && bwd && fwd->pid != bwd->pid)
		return;
	if (fwd || bwd)
		snprintf(buf, len, L(lang, "pid %u's pgd", "pid %u の pgd"), (fwd ? fwd : bwd)->pid);
}

/* The flush_tlb_mm_range event a cr3 write by flush_tlb_func carries out:
 * the last range flush of the same process before it; NULL when none. */
static const struct trace_event *carried_flush(const struct trace *t, const struct trace_event *ev)
{
	if (!ev->x->via || !strstr(ev->x->via, "flush_tlb_func"))
		return NULL;
	for (const struct trace_event *p = ev; p > t->events; ) {
		p--;
		if (p->kind == TRACE_FLUSH && p->pid == ev->pid && !p->x->cr3_write)
			return p;
	}
	return NULL;
}

/* The cr3 write that carries out range flush ev: the next cr3 write of
 * the process, by flush_tlb_func, before its next range flush; NULL. */
static const struct trace_event *carrying_write(const struct trace *t, const struct trace_event *ev)
{
	for (const struct trace_event *p = ev + 1; p < t->events + t->nevents; p++) {
		if (p->kind != TRACE_FLUSH || p->pid != ev->pid)
			continue;
		if (!p->x->cr3_write)
			return NULL;
		if (carried_flush(t, p) == ev)
			return p;
	}
	return NULL;
}

/* A flush by a cr3 write: who wrote what over what, why, and what a cr3
 * write does to the TLB (Linux 6.1 arch/x86/mm/tlb.c). */
static void cr3_write_text(const struct trace *t, const struct trace_event *ev,
			   const char *const (*why)[2], enum lang lang, char *buf, size_t len)
{
	int ad = addr_digits(t);
	const struct trace_event *f = carried_flush(t, ev);
	enum trace_flush_reason r = ev->x->reason;
	char to[80], from[80], what[200] = "", asked[300] = "";
	size_t k;

	cr3_owner(t, ev, ev->cr3, lang, to, sizeof to);
	cr3_owner(t, ev, ev->x->old_cr3, lang, from, sizeof from);
	if (f && f->x->end == TRACE_FLUSH_ALL)
		snprintf(what, sizeof what, "%s", L(lang, "every address", "全アドレス"));
	else if (f)
		snprintf(what, sizeof what, "0x%0*" PRIx64 "-0x%0*" PRIx64, ad & 31, f->x->start,
			 ad & 31, f->x->end);
	if (f && lang == LANG_JA)
		snprintf(asked, sizeof asked, "flush_tlb_mm_range(イベント %" PRIu64 ")が pid %u の"
			 " %s のフラッシュを求めました。理由: %s。", f->seq, ev->pid, what, why[r][1]);
	else if (f)
		snprintf(asked, sizeof asked, "flush_tlb_mm_range (event %" PRIu64 ") asked to flush "
			 "%s of pid %u. Why: %s. ", f->seq, what, ev->pid, why[r][0]);
	k = 0;
	buf[0] = 0;
	if (r == TRACE_FLUSH_SWITCH || r == TRACE_FLUSH_EXEC || r == TRACE_FLUSH_RELOAD) {
		if (lang == LANG_JA)
			k = (size_t)snprintf(buf, len, "%s が cr3 に 0x%0*" PRIx64 "%s%s%s を書きます"
				"(前は 0x%0*" PRIx64 "%s%s%s)。%s", ev->x->flush_fn, ad, ev->cr3,
				to[0] ? "(" : "", to, to[0] ? ")" : "", ad, ev->x->old_cr3,
				from[0] ? "(" : "", from, from[0] ? ")" : "",
				r == TRACE_FLUSH_SWITCH ? "コンテキストスイッチで別のプロセスのテーブルに"
				"切り替えます。前のプロセスの変換が次のプロセスのアドレスに使われては"
				"いけません(QEMU の qemu32 と qemu64 には変換を区別する PCID がありません)。"
				: r == TRACE_FLUSH_EXEC ? "execve の exec_mmap が新しいアドレス空間を"
				"読み込みます。"
				: "同じテーブルをもう一度読み込みます。lazy だったこの CPU はその間の"
				"フラッシュを逃しました。");
		else
			k = (size_t)snprintf(buf, len, "%s writes cr3 0x%0*" PRIx64 "%s%s%s over 0x%0*"
				PRIx64 "%s%s%s. %s", ev->x->flush_fn, ad, ev->cr3, to[0] ? " (" : "", to,
				to[0] ? ")" : "", ad, ev->x->old_cr3, from[0] ? " (" : "", from,
				from[0] ? ")" : "",
				r == TRACE_FLUSH_SWITCH ? "A context switch: the old process's "
				"translations must not serve the next one's addresses (no PCID tells them "
				"apart: QEMU's qemu32 and qemu64 CPUs lack it)."
				: r == TRACE_FLUSH_EXEC ? "execve's exec_mmap loads the new address space."
				: "The same table again: this CPU was lazy and missed a flush of it.");
	} else if (trace_cr3_switcher(ev->x->flush_fn)) {
		/* flush_tlb_func on a lazy CPU: init_mm's table instead of a flush */
		if (lang == LANG_JA)
			k = (size_t)snprintf(buf, len, "%sこの CPU は lazy(終わるタスクが mm を手放し"
				"ました)なので、flush_tlb_func はフラッシュの代わりに init_mm のテーブルへ"
				"切り替えます: %s が cr3 に 0x%0*" PRIx64 " を書きます(前は 0x%0*" PRIx64
				")。", asked, ev->x->flush_fn, ad, ev->cr3, ad, ev->x->old_cr3);
		else
			k = (size_t)snprintf(buf, len, "%sThis CPU is lazy (the exiting task gave up its "
				"mm), so flush_tlb_func switches to init_mm's table instead of flushing: "
				"%s writes cr3 0x%0*" PRIx64 "%s%s%s over 0x%0*" PRIx64 ".", asked,
				ev->x->flush_fn, ad, ev->cr3, to[0] ? " (" : "", to, to[0] ? ")" : "", ad,
				ev->x->old_cr3);
	} else {
		/* native_flush_tlb_local: flush_tlb_func's full flush */
		if (lang == LANG_JA)
			k = (size_t)snprintf(buf, len, "%s%s が cr3 に自分の値 0x%0*" PRIx64 " を書き戻し"
				"ます: 全体のフラッシュです。TLB_FLUSH_ALL や 33 ページ"
				"(tlb_single_page_flush_ceiling)を超える範囲では、1 ページずつの "
				"invlpg よりこちらを選びます。", asked, ev->x->flush_fn, ad, ev->cr3);
		else
			k = (size_t)snprintf(buf, len, "%sIt is done by a full flush: %s writes cr3's own "
				"value 0x%0*" PRIx64 " back. flush_tlb_func picks that over invlpg page by "
				"page for TLB_FLUSH_ALL or a range over 33 pages "
				"(tlb_single_page_flush_ceiling).", asked, ev->x->flush_fn, ad, ev->cr3);
	}
	if (k < len)
		snprintf(buf + k, len - k, "%s", L(lang, " A cr3 write empties every TLB entry not "
			"marked global; global ones (G, with CR4.PGE: kernel mappings, the same in every "
			"table) stay.", "cr3 への書き込みは global でない TLB エントリをすべて消します。"
			"global なもの(G、CR4.PGE 有効時: どのテーブルでも同じカーネルの対応)は"
			"残ります。"));
	k = strlen(buf);
	if (ev->x->via && k + 1 < len)
		snprintf(buf + k, len - k, L(lang, " Callers: %s.", "呼び出し元: %s。"), ev->x->via);
}

static void flush_text(const struct trace *t, const struct trace_event *ev, enum lang lang,
		       char *buf, size_t len)
{
	static const char *const why[TRACE_FLUSH_REASONS][2] = {
		[TRACE_FLUSH_COW] = {
			"copy-on-write: wp_page_copy replaces the read-only pte of the shared "
			"page with one for the copy, and a TLB may still hold the old one",
			"コピーオンライト: wp_page_copy が共有ページの読み出し専用 pte を"
			"コピーの pte に置き換えます。TLB には古い方が残っているかもしれません" },
		[TRACE_FLUSH_MPROTECT] = {
			"mprotect took rights away from ptes, and a TLB entry would still allow "
			"the old access",
			"mprotect が pte から権利を取り上げました。TLB のエントリは古いアクセスを"
			"まだ許してしまいます" },
		[TRACE_FLUSH_MUNMAP] = {
			"munmap cleared ptes and frees the pages: a stale TLB entry would reach "
			"memory the process no longer owns",
			"munmap が pte を消してページを解放します。古い TLB エントリはもう持ち主で"
			"ないメモリに届いてしまいます" },
		[TRACE_FLUSH_FORK] = {
			"fork write-protected the parent's writable ptes for copy-on-write, and "
			"its TLB may still hold them writable",
			"fork がコピーオンライトのため親の書き込み可 pte を書き込み禁止にしました。"
			"TLB にはまだ書き込み可のまま残っているかもしれません" },
		[TRACE_FLUSH_EXIT] = {
			"the address space is torn down: no entry may outlive its page tables "
			"and pages",
			"アドレス空間を壊します。エントリがページテーブルやページより長く"
			"残ってはいけません" },
		[TRACE_FLUSH_OTHER] = {
			"its callers below say why", "理由は下の呼び出し元が示します" },
	};
	int ad = addr_digits(t);
	unsigned r = ev->x->reason < TRACE_FLUSH_SWITCH ? ev->x->reason : TRACE_FLUSH_OTHER;
	const struct trace_event *w = carrying_write(t, ev);
	char range[300], in[96] = "", how[300] = "";
	size_t k;

	if (ev->x->cr3_write) {
		cr3_write_text(t, ev, why, lang, buf, len);
		return;
	}
	if (ev->x->end == TRACE_FLUSH_ALL)
		snprintf(range, sizeof range, "%s", L(lang, "every address", "全アドレス"));
	else
		snprintf(range, sizeof range, "0x%0*" PRIx64 "-0x%0*" PRIx64, ad & 31, ev->x->start,
			 ad & 31, ev->x->end);
	if (ev->x->in_fault)
		snprintf(in, sizeof in, L(lang, " (in fault %" PRIu64 "'s handler)",
					  "(イベント %" PRIu64 " のフォルト処理中)"), ev->x->in_fault);
	/* how (Linux 6.1 flush_tlb_mm_range, flush_tlb_func): a cr3 write the
	 * trace holds, or invlpg for a range within tlb_single_page_flush_ceiling */
	if (w)
		snprintf(how, sizeof how, L(lang, "It is carried out by a cr3 write (event %" PRIu64
					    "). ", "cr3 への書き込み(イベント %" PRIu64 ")で行われます。"),
			 w->seq);
	else if (ev->x->end != TRACE_FLUSH_ALL && (ev->x->end - ev->x->start) >> 12 <= 33)
		snprintf(how, sizeof how, "%s", L(lang, "Up to 33 pages go one by one with invlpg "
			 "(flush_tlb_one_user). ", "33 ページまでは invlpg で 1 ページずつ消します"
			 "(flush_tlb_one_user)。"));
	if (lang == LANG_JA)
		snprintf(buf, len, "pid %u の TLB をフラッシュ: %s(%s)%s。理由: %s。%s権利を減らす"
			 "変更(下げる変更)にはフラッシュが要り、存在しないエントリを埋めるだけの"
			 "変更(デマンドフォルト)には要りません。", ev->pid, ev->x->flush_fn, range, in,
			 why[r][1], how);
	else
		snprintf(buf, len, "%s flushes pid %u's TLB entries for %s%s. Why: %s. %sA downgrade "
			 "(fewer rights, another page, no page) needs a flush; an upgrade (a demand "
			 "fault filling a not-present entry) needs none.", ev->x->flush_fn, ev->pid,
			 range, in, why[r][0], how);
	k = strlen(buf);
	if (ev->x->via && k + 1 < len)
		snprintf(buf + k, len - k, L(lang, " Callers: %s.", "呼び出し元: %s。"), ev->x->via);
}

static void event_text(const struct replay *r, const struct trace_event *ev, enum lang lang,
		       char *buf, size_t len)
{
	const struct trace *t = replay_trace(r);
	const struct trace_event *load = NULL;   /* a switch: the cr3 write that loaded it */
	int ad = addr_digits(t);
	char w[24], tables[300];

	who(ev, lang, w, sizeof w);
	switch (ev->kind) {
	case TRACE_MAP:
		map_text(r, ev, lang, buf, len);
		break;
	case TRACE_SWITCH:
		if (t->h.arch->family == FAMILY_ARM64) {   /* the user half's base register */
			if (lang == LANG_JA)
				snprintf(buf, len, "%s に切り替わります。カーネルは TTBR0_EL1 に %s の pgd の"
					 "物理アドレス 0x%0*" PRIx64 " を入れます。ユーザー側の以後のページウォークは"
					 "%s のテーブルから始まり、カーネル側(TTBR1_EL1)はそのままです。",
					 w, w, ad, ev->cr3, w);
			else
				snprintf(buf, len, "%s runs: the kernel loads TTBR0_EL1 with 0x%0*" PRIx64
					 ", the physical address of %s's pgd, so every walk of a user address "
					 "from now on starts in %s's tables; TTBR1_EL1, the kernel's half, "
					 "stays.", w, ad, ev->cr3, w, w);
			break;
		}
		for (const struct trace_event *p = ev; p > t->events && !load; ) {
			p--;
			if (p->kind == TRACE_FLUSH && p->x->cr3_write && p->cr3 == ev->cr3 &&
			    p->x->old_cr3 != p->cr3)
				load = p;
		}
		if (load && lang == LANG_JA)
			snprintf(buf, len, "%s が自分のテーブルで動きます。cr3 の 0x%0*" PRIx64 "(%s の pgd)"
				 "はイベント %" PRIu64 " で %s が書きました。以後のページウォークはすべて "
				 "%s のテーブルから始まります。", w, ad, ev->cr3, w, load->seq,
				 load->x->flush_fn, w);
		else if (load)
			snprintf(buf, len, "%s runs on its own table: cr3 0x%0*" PRIx64 ", %s's pgd, "
				 "written at event %" PRIu64 " by %s. Every walk from now on starts in "
				 "%s's tables.", w, ad, ev->cr3, w, load->seq, load->x->flush_fn, w);
		else if (lang == LANG_JA)
			snprintf(buf, len, "%s に切り替わります。カーネルは cr3 に %s の pgd の物理アドレス 0x%0*"
				 PRIx64 " を入れ、以後のページウォークはすべて %s のテーブルから始まります。",
				 w, w, ad, ev->cr3, w);
		else
			snprintf(buf, len, "%s runs: the kernel loads cr3 with 0x%0*" PRIx64 ", the physical "
				 "address of %s's pgd, so every walk from now on starts in %s's tables.",
				 w, ad, ev->cr3, w, w);
		break;
	case TRACE_FLUSH:
		flush_text(t, ev, lang, buf, len);
		break;
	case TRACE_NOTE:
		snprintf(buf, len, L(lang, "The guest notes what it does next (%s): \"%s\". "
				     "No page table changes.",
				     "ゲストのメモ(%s):「%s」。次に行うことを述べています。"
				     "ページテーブルは変わりません。"), w, ev->note ? ev->note : "");
		break;
	case TRACE_ACCESSED: {
		const struct trace_write *x = ev->nwrites ? &t->writes[ev->write0] : NULL;
		uint64_t diff = x ? x->old_value ^ x->new_value : 0;
		const char *bit = (diff & 0x60) == 0x60 ? L(lang, "Accessed and Dirty bits", "Accessed と Dirty ビット")
				  : diff & 0x40 ? L(lang, "Dirty bit", "Dirty ビット")
				  : L(lang, "Accessed bit", "Accessed ビット");
		if (!x) {
			snprintf(buf, len, "%s", L(lang, "The CPU set Accessed/Dirty bits while walking.",
						   "CPU がページウォーク中に Accessed/Dirty ビットを立てました。"));
			break;
		}
		table_name(r, ev, x->pa & ~(uint64_t)0xfff, lang, tables, sizeof tables);
		if (lang == LANG_JA)
			snprintf(buf, len, "CPU が %s のページウォーク中に %s のエントリ(0x%0*" PRIx64 ")の %s "
				 "を立てました。ほかは変わりません。", w, tables, ad, x->pa, bit);
		else
			snprintf(buf, len, "The CPU set the %s of an entry of %s (0x%0*" PRIx64 ") while "
				 "walking for %s; nothing else changed.", bit, tables, ad, x->pa, w);
		break;
	}
	default:
		snprintf(buf, len, "%s.", trace_kind_name(ev->kind));
		break;
	}
}

/* RS_WALK: what step s->arg of the walk read. */
static void walk_step_text(const struct trace *t, const struct walk *wk, int arg,
			   enum lang lang, char *buf, size_t len)
{
	const struct walk_step *st = &wk->step[arg];
	const char *lv = level_name(st->level);
	int ed = entry_digits(t);

	if (st->folded)
		snprintf(buf, len, L(lang, "%s is folded on %s: %s_offset() passes the entry through.",
				     "%s は %s では折りたたまれています。%s_offset() はエントリをそのまま渡します。"),
			 lv, t->h.arch->name, lv);
	else
		snprintf(buf, len, L(lang, "%s[%u] = 0x%0*" PRIx64 ": %s.", "%s[%u] = 0x%0*" PRIx64 ": %s。"),
			 lv, st->index, ed, st->entry,
			 !st->present ? L(lang, "not present", "存在しません")
			 : st->leaf ? L(lang, "maps the page", "ページをマップしています")
			 : L(lang, "next table", "次のテーブルを指しています"));
}

/* RS_PATH: the handler's code line code says. */
static void path_text(const struct trace *t, int code, enum lang lang, char *buf, size_t len)
{
	if (code == RC_SYNC_ONE && !t->h.arch->level[LEVEL_PMD].folded) {
		/* PAE: the tables on screen are pmd tables, not init_mm.pgd */
		if (lang == LANG_JA)
			snprintf(buf, len, "vmalloc_sync_one: init_mm とプロセスの pgd の同じスロットから、"
				 "それぞれの pmd テーブルへ下ります(画面の 2 つ)。");
		else
			snprintf(buf, len, "vmalloc_sync_one: the same pgd slot in init_mm and in the "
				 "process leads to a pmd table each: the two shown here.");
		return;
	}
	snprintf(buf, len, "%s", replay_code_says((enum replay_code)code, lang));
}

/* RS_USER_WALK arg: the user copy's walk under PTI beside the kernel's:
 * 0 the two cr3s, 1 the two pgd entries, 2 why the kernel keeps two. */
static void user_walk_text(const struct replay *r, const struct trace_event *ev, int arg,
			   enum lang lang, char *buf, size_t len)
{
	const struct walk *u = replay_user_walk(r), *k = replay_walk(r);
	uint64_t uv = u->nsteps ? u->step[0].entry : 0, kv = k->nsteps ? k->step[0].entry : 0;
	unsigned idx = u->nsteps ? u->step[0].index : 0;

	if (arg == 0)
		snprintf(buf, len, L(lang, "Page-table isolation: in user mode the CPU walked the user "
				     "copy of the tables, cr3 0x%" PRIx64 ": the kernel's cr3 0x%" PRIx64
				     " with bit 12 set (the next page).",
				     "ページテーブル分離(PTI): ユーザーモードの CPU はテーブルのユーザー用"
				     "コピー(cr3 0x%" PRIx64 ")をたどりました。カーネル用 0x%" PRIx64
				     " にビット 12 を立てた値です。"), trace_user_cr3(ev), ev->cr3);
	else if (arg == 1 && uv == kv)
		snprintf(buf, len, L(lang, "Its pgd[%u] holds 0x%" PRIx64 " in both copies. Below the "
				     "pgd the two copies share the same tables.",
				     "pgd[%u] はどちらのコピーでも 0x%" PRIx64 " です。pgd より下の表は"
				     "両方で共有です。"), idx, uv);
	else if (arg == 1)
		snprintf(buf, len, L(lang, "Its pgd[%u] 0x%" PRIx64 " is the kernel copy's 0x%" PRIx64
				     " but for NX (bit 63): user code never runs with the kernel's copy "
				     "loaded. Below the pgd both copies share tables.",
				     "pgd[%u] 0x%" PRIx64 " とカーネル用 0x%" PRIx64 " の違いは NX(ビット"
				     " 63)だけです。pgd より下の表は共有です。"), idx, uv, kv);
	else
		snprintf(buf, len, L(lang, "Why two: since Meltdown (2018) user mode can read whatever "
				     "its tables map, so the user copy maps almost none of the kernel. "
				     "The entry code loaded the kernel's copy before exc_page_fault.",
				     "なぜ二つ: Meltdown(2018 年)以来、ユーザーモードはテーブルが"
				     "マップするものを読めるので、ユーザー用コピーにはカーネルをほとんど"
				     "載せません。入口でカーネル用に切り替えます。"));
}

/* The name of pgd index i of the kernel half where Linux 6.1 fixes it
 * on 4-level x86-64 (arch/x86/include/asm/pgtable_64_types.h:
 * CPU_ENTRY_AREA_PGD -4, __START_KERNEL_map in pgd 511), else NULL. */
static const char *top_name(const struct trace *t, uint32_t i, enum lang lang)
{
	if (t->h.arch->id != ARCH_X86_64)
		return NULL;
	return i == 508 ? "cpu_entry_area" : i == 511 ? L(lang, "kernel image", "カーネルイメージ")
	       : NULL;
}

/* RS_USER_TOP arg: the kernel half of both pgd copies (PTI, user-top):
 * 0 the user copy's own entry (pgd[511] on 4-level: its own table, no
 * US), 1 the entry the copies share (cpu_entry_area) and how many are the
 * kernel copy's alone, 2 why. Each fits three rows of 78 columns. */
static void user_top_text(const struct trace *t, const struct trace_event *ev, int arg,
			  enum lang lang, char *buf, size_t len)
{
	struct trace_top_row rows[TRACE_TOP_LAST - TRACE_TOP_FIRST + 1];
	size_t n = trace_top_rows(ev, rows, sizeof rows / sizeof rows[0]), at = 0;
	const struct trace_top_row *own = NULL, *same = NULL;
	struct trace_top_count c;
	char lab[64];
	const char *nm;

	trace_top_count(t, ev, &c);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].kind == TOP_DIFFER)
			own = &rows[i];      /* the last: pgd[511] on 4-level */
		if (rows[i].kind == TOP_SAME && !same)
			same = &rows[i];
	}
#define PUT(...) do { if (at < len) at += (size_t)snprintf(buf + at, len - at, __VA_ARGS__); } while (0)
	buf[0] = 0;
	if (arg == 0 && own) {
		nm = top_name(t, own->first, lang);
		snprintf(lab, sizeof lab, nm ? L(lang, " (%s)", "(%s)") : "%s", nm ? nm : "");
		if (!(own->user & PTE_US))
			PUT(L(lang, "Kernel half: the user copy's pgd[%u]%s 0x%" PRIx64 " is its own "
			      "table, not the kernel copy's 0x%" PRIx64 ", and has no US (bit 2): "
			      "nothing under it is reachable from user mode.",
			      "ユーザー用の pgd[%u]%s 0x%" PRIx64 " はカーネル用 0x%" PRIx64
			      " と別の自分の表で、US(ビット 2)がありません。その下にはユーザー"
			      "モードから届きません。"), own->first, lab, own->user, own->kernel);
		else
			PUT(L(lang, "Kernel half: the user copy's pgd[%u]%s 0x%" PRIx64 " is its own "
			      "table, not the kernel copy's 0x%" PRIx64 ".",
			      "ユーザー用の pgd[%u]%s 0x%" PRIx64 " はカーネル用 0x%" PRIx64
			      " と別の自分の表です。"), own->first, lab, own->user, own->kernel);
	} else if (arg == 0) {
		PUT("%s", L(lang, "Kernel half: no entry is the user copy's own here.",
			    "カーネル側の半分: ユーザー用だけの項目はありません。"));
	} else if (arg == 1) {
		if (same) {
			nm = top_name(t, same->first, lang);
			snprintf(lab, sizeof lab, nm ? L(lang, " (%s)", "(%s)") : "%s", nm ? nm : "");
			PUT(L(lang, "pgd[%u]%s 0x%" PRIx64 " is the same table in both copies. ",
			      "pgd[%u]%s 0x%" PRIx64 " は両方で同じ表です。"), same->first, lab,
			    same->kernel);
		}
		if (c.kernel_vmalloc)
			PUT(L(lang, "%u entries (%u of them vmalloc's) are in the kernel copy only.",
			      "%u 個(うち vmalloc 領域 %u 個)はカーネル用だけにあります。"),
			    c.kernel_only, c.kernel_vmalloc);
		else
			PUT(L(lang, "%u entries are in the kernel copy only.",
			      "%u 個はカーネル用だけにあります。"), c.kernel_only);
	} else {
		PUT("%s", L(lang, "The user copy maps only what the entry code needs to switch cr3 "
			    "(Linux 6.1 arch/x86/mm/pti.c), so a Meltdown-style read from user mode "
			    "finds nothing more of the kernel.",
			    "ユーザー用が載せるのは入口のコードが cr3 の切り替えに要るものだけです"
			    "(Linux 6.1 arch/x86/mm/pti.c)。Meltdown 型の読み出しでもカーネルの"
			    "それ以上は見えません。"));
	}
#undef PUT
}

/* RS_RETRY: the retried access rw of ev, which succeeds or faults again. */
static void retry_text(const struct trace *t, const struct trace_event *ev,
		       const struct walk *rw, enum lang lang, char *buf, size_t len)
{
	int ad = addr_digits(t);
	char why[200];

	if (rw->status == WALK_OK) {
		snprintf(buf, len, L(lang, "The access is retried and the walk succeeds: 0x%0*" PRIx64
				     " -> 0x%" PRIx64 ".",
				     "アクセスが再実行され、今度はページウォークが成功します: 0x%0*" PRIx64
				     " -> 0x%" PRIx64 "。"),
			 ad, ev->cr2, rw->phys);
		/* a large page: its PS entry ends the walk, the offset is wider */
		if (rw->page_size > 4096 && strlen(buf) < len) {
			unsigned bits = 0;
			while ((1ull << bits) < rw->page_size)
				bits++;
			snprintf(buf + strlen(buf), len - strlen(buf),
				 L(lang, " PS is set in the %s: it maps a %s page itself, no table below; "
				   "the low %u bits of the address, 0x%" PRIx64 ", are the offset in it.",
				   "%s の PS が立っています。%s のページを直接マップし、下の表はありません。"
				   "アドレスの下位 %u ビット 0x%" PRIx64 " がその中のオフセットです。"),
				 level_name(rw->step[rw->nsteps - 1].level),
				 rw->page_size == (2u << 20) ? "2 MiB" : rw->page_size == (4u << 20) ? "4 MiB"
				 : "1 GiB", bits, ev->cr2 & (rw->page_size - 1));
		} else if (trace_is_kernel(t) && !(ev->error_code & PF_PROT) && strlen(buf) < len)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s",
				 L(lang, " No TLB flush: the entry was not present, and x86 never "
				   "caches a not-present entry, so an upgrade needs none.",
				   "TLB のフラッシュは不要です。エントリは存在せず、x86 は存在しない"
				   "エントリをキャッシュしないので、権利を増やすだけなら要りません。"));
	} else if (lang == LANG_JA) {
		replay_walk_reason(rw, LANG_JA, why, sizeof why);
		snprintf(buf, len, "アクセスが再実行されますが、再びフォルトします(%s)。", why);
	} else {
		/* the reason without its closing remark: the rule is in the walk */
		char rs[sizeof rw->reason];
		snprintf(rs, sizeof rs, "%s", rw->reason);
		if (strstr(rs, " (a "))
			*strstr(rs, " (a ") = 0;
		snprintf(buf, len, "The access is retried and faults again (%s).", rs);
	}
}

void replay_stage_text(const struct replay *r, enum lang lang, char *buf, size_t len)
{
	const struct trace *t = replay_trace(r);
	const struct trace_event *ev = &t->events[replay_event(r)];
	const struct replay_stage *s = replay_cur(r);
	const struct walk *wk = replay_walk(r), *rw = replay_retry_walk(r);
	int ad = addr_digits(t), ed = entry_digits(t);
	char why[200];

	if (!len)
		return;
	buf[0] = '\0';
	switch (s->kind) {
	case RS_EVENT:
		event_text(r, ev, lang, buf, len);
		break;
	case RS_ACCESS:
		if (t->h.arch->family == FAMILY_ARM64) {
			/* arm64: VA bit 55 picks the base register */
			unsigned n = (unsigned)((ev->cr2 >> 55) & 1);
			if (lang == LANG_JA)
				snprintf(buf, len, "EL%u の%s(0x%0*" PRIx64 ")でアボートが起きます。"
					 "VA のビット 55 が %u なので、CPU は TTBR%u_EL1 からページテーブルを"
					 "たどります。", ev->cpl, access_word(t, ev, lang), ad, ev->cr2, n, n);
			else
				snprintf(buf, len, "An EL%u %s of 0x%0*" PRIx64 " aborts: VA bit 55 is %u, so "
					 "the CPU walks the tables from TTBR%u_EL1.", ev->cpl,
					 access_word(t, ev, lang), ad, ev->cr2, n, n);
			break;
		}
		if (lang == LANG_JA)
			snprintf(buf, len, "%sモードの%s(0x%0*" PRIx64 ")でフォルトが起きます。"
				 "CPU は cr3 からページテーブルをたどります。",
				 ev->cpl == 3 ? "ユーザー" : "カーネル", access_word(t, ev, lang), ad, ev->cr2);
		else
			snprintf(buf, len, "A %s %s access to 0x%0*" PRIx64 " faults: the CPU walks the tables from cr3.",
				 ev->cpl == 3 ? "user" : "kernel", access_word(t, ev, lang), ad, ev->cr2);
		break;
	case RS_WALK:
		walk_step_text(t, wk, s->arg, lang, buf, len);
		break;
	case RS_FAULTED:
		if (t->h.arch->family == FAMILY_ARM64) {
			bool instr = ev->vector == 3;
			replay_walk_reason(wk, lang, why, sizeof why);
			if (lang == LANG_JA)
				snprintf(buf, len, "ページウォークが失敗します(%s)。CPU はアドレスを FAR_EL1 に、"
					 "理由を ESR_EL1 に入れ、%sアボートを起こします。", why,
					 instr ? "命令" : "データ");
			else
				snprintf(buf, len, "The walk fails (%s): the CPU puts the address in FAR_EL1, "
					 "the syndrome in ESR_EL1, and takes %s abort.", why,
					 instr ? "an instruction" : "a data");
			break;
		}
		if (lang == LANG_JA) {
			replay_walk_reason(wk, LANG_JA, why, sizeof why);
			snprintf(buf, len, "ページウォークが失敗します(%s)。CPU はアドレスを cr2 に入れ、"
				 "#PF を発生させます。", why);
		} else {
			snprintf(buf, len, "The walk fails (%s): the CPU puts the address in cr2 and raises #PF.",
				 wk->reason[0] ? wk->reason : "see the error code");
		}
		break;
	case RS_PATH:
		path_text(t, s->arg, lang, buf, len);
		break;
	case RS_CALL:
		replay_call_text(t, ev, (size_t)s->arg, lang, buf, len);
		break;
	case RS_COPY: {
		const struct trace_write *x = &t->writes[ev->write0 + (uint32_t)s->arg];
		snprintf(buf, len, L(lang, "set_pmd: the master's 0x%0*" PRIx64 " on its way to 0x%0*" PRIx64 ".",
				     "set_pmd: マスターの値 0x%0*" PRIx64 " を 0x%0*" PRIx64 " のエントリへコピーしています。"),
			 ed, x->new_value, ad, x->pa);
		break;
	}
	case RS_WRITE: {
		const struct trace_write *x = &t->writes[ev->write0 + (uint32_t)s->arg];
		bool copied = x->from != TRACE_NO_ADDR;
		if (x->level != LEVEL_COUNT) {     /* who wrote it (format 4) */
			const struct trace_call *c = &t->calls[ev->call0 + x->call];
			char fn[128];
			replay_call_base(c->fn, fn, sizeof fn);
			snprintf(buf, len, L(lang, "%s writes %s[%u] (0x%0*" PRIx64 "): 0x%0*" PRIx64
					     " -> 0x%0*" PRIx64 "%s",
					     "%s が %s[%u] (0x%0*" PRIx64 ") を書き換えます: 0x%0*" PRIx64
					     " -> 0x%0*" PRIx64 "%s"),
				 fn, level_name((enum level)x->level), x->index, ad, x->pa, ed,
				 x->old_value, ed, x->new_value,
				 copied ? L(lang, " (copied from init_mm).", " (init_mm からのコピー)。")
				 : L(lang, ".", "。"));
			break;
		}
		snprintf(buf, len, L(lang, "write 0x%0*" PRIx64 ": 0x%0*" PRIx64 " -> 0x%0*" PRIx64 "%s",
				     "0x%0*" PRIx64 " への書き込み: 0x%0*" PRIx64 " -> 0x%0*" PRIx64 "%s"),
			 ad, x->pa, ed, x->old_value, ed, x->new_value,
			 copied ? L(lang, " (copied from init_mm)", "(init_mm からのコピー)")
			 : L(lang, ".", "。"));
		break;
	}
	case RS_RETRY:
		retry_text(t, ev, rw, lang, buf, len);
		break;
	case RS_USER_WALK:
		user_walk_text(r, ev, s->arg, lang, buf, len);
		break;
	case RS_USER_TOP:
		user_top_text(t, ev, s->arg, lang, buf, len);
		break;
	case RS_END:
		snprintf(buf, len, "%s", ev->outcome == TRACE_OUT_SIGSEGV
			 ? L(lang, "Not retried: the process gets SIGSEGV.",
			     "再実行はされません。プロセスに SIGSEGV が送られます。")
			 : replay_has_calls(ev)
			 ? L(lang, "Not retried: the kernel oopses (page_fault_oops).",
			     "再実行はされません。カーネルは oops になります(page_fault_oops)。")
			 : L(lang, "Not retried: the kernel oopses (no_context).",
			     "再実行はされません。カーネルは oops になります(no_context)。"));
		break;
	default:
		break;
	}
}

/* Japanese words for the error-code bits, in pf_bits() order by mask. */
static const struct {
	uint32_t mask;
	const char *if_set, *if_clear;
} ja_bits[] = {
	{ PF_PROT,  "保護違反",                 "ページ不在" },
	{ PF_WRITE, "書き込み",                 "読み出し" },
	{ PF_USER,  "ユーザーモード",           "カーネルモード" },
	{ PF_RSVD,  "エントリに予約ビット",     NULL },
	{ PF_INSTR, "命令フェッチ",             NULL },
	{ PF_PK,    "保護キーによる拒否",       NULL },
	{ PF_SHSTK, "シャドウスタックへのアクセス", NULL },
	{ PF_SGX,   "SGX のアクセス違反",       NULL },
};

const char *replay_outcome_words(enum trace_outcome o, enum lang lang)
{
	const char *en = trace_outcome_name(o);

	if (lang != LANG_JA || !*en)
		return en;
	if (!strcmp(en, "retried"))
		return "再実行";
	if (!strcmp(en, "sigsegv"))
		return "SIGSEGV";
	if (!strcmp(en, "refault"))
		return "再フォルト";
	return en;   /* oops */
}

void replay_error_words(uint32_t err, enum lang lang, char *buf, size_t len)
{
	size_t n, used = 0;
	const struct pf_bit *bits = pf_bits(&n);
	uint32_t known = 0;

	if (lang != LANG_JA) {
		pf_describe(err, buf, len);
		return;
	}
	if (!len)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		bool set = (err & bits[i].mask) != 0;
		const char *word = NULL;
		int k;
		known |= bits[i].mask;
		for (size_t j = 0; j < sizeof ja_bits / sizeof ja_bits[0]; j++)
			if (ja_bits[j].mask == bits[i].mask)
				word = set ? ja_bits[j].if_set : ja_bits[j].if_clear;
		if (!word && !set)
			continue;
		if (used >= len)
			break;
		k = snprintf(buf + used, len - used, "%s%s=%d %s", used ? "、" : "", bits[i].name,
			     set, word ? word : (set ? bits[i].if_set : ""));
		if (k < 0)
			break;
		used += (size_t)k < len - used ? (size_t)k : len - used - 1;
	}
	for (unsigned b = 0; b < 32 && used + 1 < len; b++) {
		int k;
		if (!(err & ~known & (1u << b)))
			continue;
		k = snprintf(buf + used, len - used, "、bit%u=1(不明)", b);
		if (k < 0)
			break;
		used += (size_t)k < len - used ? (size_t)k : len - used - 1;
	}
}
