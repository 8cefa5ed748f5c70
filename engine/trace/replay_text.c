/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_text.c - what the replayer says about a stage, in English and in
 * Japanese. The engine composes the sentence from the cursor; the TUI only
 * picks the language and draws it. */
#include "replay.h"
#include "fault.h"

#include <inttypes.h>
#include <stdio.h>

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

static const char *access_word(const struct trace_event *ev, enum lang lang)
{
	if (ev->error_code & PF_INSTR)
		return L(lang, "fetch", "命令フェッチ");
	if (ev->error_code & PF_WRITE)
		return L(lang, "write", "書き込み");
	return L(lang, "read", "読み出し");
}

static void event_text(const struct trace_event *ev, enum lang lang, char *buf, size_t len)
{
	const char *kind = trace_kind_name(ev->kind);

	if (lang != LANG_JA) {
		snprintf(buf, len, "%s event%s", kind,
			 ev->nwrites ? ": its writes follow (Right)" : ".");
		return;
	}
	snprintf(buf, len, "%s イベントです。%s", kind,
		 ev->nwrites ? "続いてその書き込みを順に示します（→）。" : "");
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
		event_text(ev, lang, buf, len);
		break;
	case RS_ACCESS:
		if (lang == LANG_JA)
			snprintf(buf, len, "%sモードの%s（0x%0*" PRIx64 "）でフォルトが起きます。"
				 "CPU は cr3 からページテーブルをたどります。",
				 ev->cpl == 3 ? "ユーザー" : "カーネル", access_word(ev, lang), ad, ev->cr2);
		else
			snprintf(buf, len, "A %s %s access to 0x%0*" PRIx64 " faults: the CPU walks the tables from cr3.",
				 ev->cpl == 3 ? "user" : "kernel", access_word(ev, lang), ad, ev->cr2);
		break;
	case RS_WALK: {
		const struct walk_step *st = &wk->step[s->arg];
		const char *lv = level_name(st->level);
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
		break;
	}
	case RS_FAULTED:
		if (lang == LANG_JA) {
			replay_walk_reason(wk, LANG_JA, why, sizeof why);
			snprintf(buf, len, "ページウォークが失敗します（%s）。CPU はアドレスを cr2 に入れ、"
				 "#PF を発生させます。", why);
		} else {
			snprintf(buf, len, "The walk fails (%s): the CPU puts the address in cr2 and raises #PF.",
				 wk->reason[0] ? wk->reason : "see the error code");
		}
		break;
	case RS_PATH:
		snprintf(buf, len, "%s", replay_code_says((enum replay_code)s->arg, lang));
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
		snprintf(buf, len, L(lang, "write 0x%0*" PRIx64 ": 0x%0*" PRIx64 " -> 0x%0*" PRIx64 "%s",
				     "0x%0*" PRIx64 " への書き込み: 0x%0*" PRIx64 " -> 0x%0*" PRIx64 "%s"),
			 ad, x->pa, ed, x->old_value, ed, x->new_value,
			 copied ? L(lang, " (copied from init_mm)", "（init_mm からのコピー）")
			 : L(lang, ".", "。"));
		break;
	}
	case RS_RETRY:
		if (rw->status == WALK_OK) {
			snprintf(buf, len, L(lang, "The access is retried and the walk succeeds: 0x%0*" PRIx64
					     " -> 0x%" PRIx64 ".",
					     "アクセスが再実行され、今度はページウォークが成功します: 0x%0*" PRIx64
					     " -> 0x%" PRIx64 "。"),
				 ad, ev->cr2, rw->phys);
		} else if (lang == LANG_JA) {
			replay_walk_reason(rw, LANG_JA, why, sizeof why);
			snprintf(buf, len, "アクセスが再実行されますが、再びフォルトします（%s）。", why);
		} else {
			snprintf(buf, len, "The access is retried and faults again (%s).", rw->reason);
		}
		break;
	case RS_END:
		snprintf(buf, len, "%s", ev->outcome == TRACE_OUT_SIGSEGV
			 ? L(lang, "Not retried: the process gets SIGSEGV.",
			     "再実行はされません。プロセスに SIGSEGV が送られます。")
			 : L(lang, "Not retried: the kernel oopses (no_context).",
			     "再実行はされません。カーネルは oops になります（no_context）。"));
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
		k = snprintf(buf + used, len - used, "、bit%u=1（不明）", b);
		if (k < 0)
			break;
		used += (size_t)k < len - used ? (size_t)k : len - used - 1;
	}
}
