/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz_answer.c - a quiz instance's answer as the learner sees it: the
 * worked solution the engine computed, step by step, the base a number
 * answer is expected in, and the answer as it would be typed.
 */
#include "lesson/quiz.h"
#include "paging/arm64.h"
#include "trace/replay.h"

#include <stdio.h>
#include <string.h>

#define SAY(...) (k += (size_t)snprintf(buf + k, k < len ? len - k : 0, __VA_ARGS__))
#define LJ(en, ja) (lang == LANG_JA ? (ja) : (en))

static const char *const upper_name[LEVEL_COUNT] = { "PGD", "P4D", "PUD", "PMD", "PTE" };

static size_t solve_index(const struct quiz_instance *qi, enum level lv, enum lang lang,
			  char *buf, size_t len, size_t k)
{
	const struct arch *a = qi->arch;
	unsigned lo, hi;

	if (a->level[lv].folded)
		return SAY(LJ("%s: folded on %s, PTRS_PER_%s = 1: index 0\n",
			      "%s: %s では折りたたまれていて PTRS_PER_%s = 1: インデックス 0\n"),
			   level_name(lv), a->name, upper_name[lv]), k;
	addr_bits(a, lv, &lo, &hi);
	SAY(LJ("%s: 0x%llx >> %u = 0x%llx, & %u (PTRS_PER_%s - 1) = %u (0x%x): bits %u..%u\n",
	       "%s: 0x%llx >> %u = 0x%llx、& %u (PTRS_PER_%s - 1) = %u (0x%x): ビット %u..%u\n"),
	    level_name(lv), (unsigned long long)qi->addr, lo, (unsigned long long)(qi->addr >> lo),
	    a->level[lv].ptrs - 1, upper_name[lv], qi->fields.index[lv], qi->fields.index[lv], hi, lo);
	return k;
}

static size_t solve_walk(const struct quiz_instance *qi, enum lang lang, char *buf, size_t len,
			 size_t k)
{
	const struct arch *a = qi->arch;
	const struct walk *w = &qi->walk;
	bool arm64 = a->family == FAMILY_ARM64;
	char flags[96];

	if (arm64 && w->ttbr < 0)
		return SAY(LJ("0x%llx is in neither range: level 0 translation fault, ESR 0x%08x\n",
			      "0x%llx はどちらの範囲にもありません: レベル 0 の変換フォルト、ESR 0x%08x\n"),
			   (unsigned long long)qi->addr, w->esr), k;
	if (arm64)
		SAY(LJ("bit 55 is %d: TTBR%d_EL1 = 0x%llx\n", "ビット 55 は %d: TTBR%d_EL1 = 0x%llx\n"),
		    w->ttbr, w->ttbr, (unsigned long long)w->cr3);
	else
		SAY("cr3 = 0x%llx\n", (unsigned long long)w->cr3);
	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *st = &w->step[i];
		if (st->folded) {
			SAY(LJ("%s: folded, the same entry again: 0x%llx\n",
			       "%s: 折りたたみ、同じエントリをもう一度: 0x%llx\n"),
			    level_name(st->level), (unsigned long long)st->entry_pa);
			continue;
		}
		walk_step_flags(a, st, false, flags, sizeof flags);
		SAY(LJ("%s: index %u, entry at 0x%llx + %u * %u = 0x%llx, holds 0x%llx (%s)\n",
		       "%s: インデックス %u、エントリは 0x%llx + %u * %u = 0x%llx、値 0x%llx (%s)\n"),
		    level_name(st->level), st->index, (unsigned long long)st->table, st->index,
		    a->entry_size, (unsigned long long)st->entry_pa, (unsigned long long)st->entry, flags);
	}
	if (w->status == WALK_OK)
		SAY(LJ("frame 0x%llx + offset 0x%llx = 0x%llx\n", "フレーム 0x%llx + オフセット 0x%llx = 0x%llx\n"),
		    (unsigned long long)w->frame, (unsigned long long)(w->phys - w->frame),
		    (unsigned long long)w->phys);
	else {
		char why[200];
		replay_walk_reason(w, lang, why, sizeof why);
		if (arm64)
			SAY(LJ("abort: %s, ESR 0x%08x (%s): %s\n", "アボート: %s、ESR 0x%08x (%s): %s\n"),
			    lang == LANG_JA ? arm64_fsc_name_ja(w->esr & ESR_FSC) : arm64_fsc_name(w->esr & ESR_FSC),
			    w->esr, lang == LANG_JA ? arm64_ec_name_ja(ESR_EC(w->esr)) : arm64_ec_name(ESR_EC(w->esr)),
			    why);
		else
			SAY(LJ("#PF, error code 0x%x: %s\n", "#PF、エラーコード 0x%x: %s\n"), w->error_code, why);
	}
	return k;
}

/* do_page_fault's decision for a fault-path quiz: the half of the address
 * space, then (user half) the vma that holds it and what it allows. */
static size_t solve_route(const struct quiz_instance *qi, enum lang lang, char *buf, size_t len,
			  size_t k)
{
	const struct step_quiz *q = &qi->step->u.quiz;
	const struct vma *v = NULL;
	unsigned long long a = (unsigned long long)qi->addr;

	if (qi->addr >= q->task_size) {
		SAY(LJ("0x%llx >= TASK_SIZE 0x%llx: the kernel half; vmalloc_fault is tried only "
		       "when U, P and RSVD are all 0\n",
		       "0x%llx >= TASK_SIZE 0x%llx: カーネル側。vmalloc_fault を試すのは U、P、RSVD が"
		       "すべて 0 のときだけ\n"), a, (unsigned long long)q->task_size);
	} else {
		for (size_t i = 0; i < q->nvmas && !v; i++)
			if (q->vmas[i].start <= qi->addr && qi->addr < q->vmas[i].end)
				v = &q->vmas[i];
		if (v)
			SAY(LJ("0x%llx < TASK_SIZE: the user half, in the vma 0x%08llx-0x%08llx %c%c%c\n",
			       "0x%llx < TASK_SIZE: ユーザー側、vma 0x%08llx-0x%08llx %c%c%c の中\n"), a,
			    (unsigned long long)v->start, (unsigned long long)v->end, v->read ? 'r' : '-',
			    v->write ? 'w' : '-', v->exec ? 'x' : '-');
		else
			SAY(LJ("0x%llx < TASK_SIZE: the user half, in no vma\n",
			       "0x%llx < TASK_SIZE: ユーザー側、どの vma にも入らない\n"), a);
	}
	return SAY(LJ("so do_page_fault goes to %s: %s\n", "したがって do_page_fault は %s へ: %s\n"),
		   qi->answer_text, fault_path_info(qi->path)->what[lang]), k;
}

/* "PMD_SHIFT = 12 + 9 = 21": a macro from the field widths. */
static size_t solve_macro(const struct quiz_instance *qi, enum lang lang, char *buf, size_t len,
			  size_t k)
{
	const struct arch *a = qi->arch;
	static const char *const pre[] = { "PGDIR", "P4D", "PUD", "PMD", "PTE" };
	int lv = -1;

	for (int i = 0; i < LEVEL_COUNT; i++)
		if (strncmp(qi->macro, pre[i], strlen(pre[i])) == 0 && qi->macro[strlen(pre[i])] == '_')
			lv = i;
	if (strncmp(qi->macro, "PTRS_PER_", 9) == 0) {
		for (int i = 0; i < LEVEL_COUNT; i++)
			if (strcmp(qi->macro + 9, i == 0 ? "PGD" : pre[i]) == 0)
				lv = i;
		if (lv >= 0 && a->level[lv].folded)
			return SAY(LJ("%s is folded on %s: one entry, %s = 1\n",
				      "%s は %s では折りたたまれています: エントリは 1 つ、%s = 1\n"),
				   level_name((enum level)lv), a->name, qi->macro), k;
		if (lv >= 0) {
			unsigned lo, hi;
			addr_bits(a, (enum level)lv, &lo, &hi);
			return SAY(LJ("the %s index is bits %u..%u, %u bits: %s = 1 << %u = %llu\n",
				      "%s のインデックスはビット %u..%u の %u ビット: %s = 1 << %u = %llu\n"),
				   level_name((enum level)lv), hi, lo, hi - lo + 1, qi->macro, hi - lo + 1,
				   (unsigned long long)qi->answer), k;
		}
	}
	if (lv >= 0 && strstr(qi->macro, "_SHIFT")) {
		SAY(LJ("%s = the address bits below the %s index: PAGE_SHIFT %u",
		       "%s = %s インデックスより下のアドレスのビット数: PAGE_SHIFT %u"),
		    qi->macro, level_name((enum level)lv), a->page_shift);
		for (int i = LEVEL_PTE; i > lv; i--) {
			unsigned lo, hi;
			if (a->level[i].folded)
				continue;
			addr_bits(a, (enum level)i, &lo, &hi);
			SAY(" + %s %u", level_name((enum level)i), hi - lo + 1);
		}
		if (a->level[lv].folded)
			SAY(LJ(" (folded: the same as the level above)", "(折りたたみ: 上の段と同じ)"));
		return SAY(" = %llu\n", (unsigned long long)qi->answer), k;
	}
	if (strstr(qi->macro, "_SIZE") || strstr(qi->macro, "_MASK")) {
		/* X_SIZE = 1 << X_SHIFT, X_MASK = ~(X_SIZE - 1) */
		int stem = (int)(strchr(qi->macro, '_') - qi->macro);
		unsigned shift = lv >= 0 ? a->level[lv].shift : a->page_shift;
		unsigned long long size = 1ULL << shift;
		if (strstr(qi->macro, "_SIZE"))
			return SAY("%s = 1 << %.*s_SHIFT = 1 << %u = 0x%llx\n", qi->macro, stem,
				   qi->macro, shift, size), k;
		return SAY("%s = ~(%.*s_SIZE - 1) = ~(0x%llx - 1) = 0x%llx\n", qi->macro, stem,
			   qi->macro, size, (unsigned long long)qi->answer), k;
	}
	return SAY("%s = %s\n", qi->macro, qi->answer_text), k;
}

void quiz_solution(const struct quiz_instance *qi, enum lang lang, char *buf, size_t len)
{
	size_t k = 0;
	char words[200];

	if (!len)
		return;
	buf[0] = '\0';
	switch (qi->kind) {
	case QUIZ_INDEX:
		k = solve_index(qi, qi->level, lang, buf, len, k);
		break;
	case QUIZ_OFFSET:
		SAY(LJ("offset: 0x%llx & ~PAGE_MASK (0x%llx) = 0x%llx: bits %u..0\n",
		       "オフセット: 0x%llx & ~PAGE_MASK (0x%llx) = 0x%llx: ビット %u..0\n"),
		    (unsigned long long)qi->addr, (unsigned long long)((1ULL << qi->arch->page_shift) - 1),
		    (unsigned long long)qi->fields.offset, qi->arch->page_shift - 1);
		break;
	case QUIZ_SPLIT:
		for (int lv = 0; lv < LEVEL_COUNT; lv++)
			if (!qi->arch->level[lv].folded)
				k = solve_index(qi, (enum level)lv, lang, buf, len, k);
		SAY(LJ("offset: bits %u..0 = 0x%llx\n", "オフセット: ビット %u..0 = 0x%llx\n"),
		    qi->arch->page_shift - 1, (unsigned long long)qi->fields.offset);
		break;
	case QUIZ_ENTRY:
	case QUIZ_PHYS:
	case QUIZ_ERROR_CODE:
		k = solve_walk(qi, lang, buf, len, k);
		break;
	case QUIZ_ESR: {
		uint32_t e = qi->walk.esr;
		k = solve_walk(qi, lang, buf, len, k);
		SAY(LJ("EC 0x%02x (%s) << 26 | IL 1 << 25 | WnR %u << 6 | FSC 0x%02x = 0x%08x\n",
		       "EC 0x%02x (%s) << 26 | IL 1 << 25 | WnR %u << 6 | FSC 0x%02x = 0x%08x\n"),
		    ESR_EC(e), arm64_ec_name(ESR_EC(e)), (e & ESR_WNR) ? 1u : 0u, e & ESR_FSC, e);
		break;
	}
	case QUIZ_TTBR:
		SAY(LJ("bit 55 of 0x%llx is %u: TTBR%u_EL1\n", "0x%llx のビット 55 は %u: TTBR%u_EL1\n"),
		    (unsigned long long)qi->addr, qi->fields.ttbr, qi->fields.ttbr);
		break;
	case QUIZ_MACRO:
		k = solve_macro(qi, lang, buf, len, k);
		break;
	case QUIZ_FAULT_PATH:
	case QUIZ_ERROR_BITS:
		replay_error_words(qi->error_code, lang, words, sizeof words);
		SAY(LJ("error code 0x%x: %s\n", "エラーコード 0x%x: %s\n"), qi->error_code, words);
		if (qi->kind == QUIZ_FAULT_PATH)
			k = solve_route(qi, lang, buf, len, k);
		break;
	default:
		break;
	}
	if (k && k <= len && buf[k - 1] == '\n')
		buf[k - 1] = '\0';
}

#undef SAY
#undef LJ

enum quiz_base quiz_base(const struct quiz_instance *qi)
{
	if (qi->type != ANSWER_NUMBER)
		return QUIZ_BASE_NONE;
	return strncmp(qi->answer_text, "0x", 2) == 0 ? QUIZ_BASE_HEX : QUIZ_BASE_DEC;
}

const char *quiz_base_text(const struct quiz_instance *qi, enum lang lang)
{
	switch (quiz_base(qi)) {
	case QUIZ_BASE_HEX:
		return lang == LANG_JA ? "16 進で、0x を付けて答えてください(例 0x1f)。"
				       : "Answer in hex, with 0x (e.g. 0x1f).";
	case QUIZ_BASE_DEC:
		return lang == LANG_JA ? "10 進で答えてください(16 進なら 0x を付けて)。"
				       : "Answer in decimal (or in hex with 0x).";
	default:
		return "";
	}
}

void quiz_answer_typed(const struct quiz_instance *qi, char *buf, size_t len)
{
	const char *paren = strstr(qi->answer_text, " (");
	int n = paren ? (int)(paren - qi->answer_text) : (int)strlen(qi->answer_text);

	snprintf(buf, len, "%.*s", n, qi->answer_text);
}
