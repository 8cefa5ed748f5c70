/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz_diagnose.c - the known mistakes behind a wrong index or entry
 * address, named before any generic message.
 *
 * Each mistake is a way of computing the answer that a learner gets wrong
 * in one known place: entries taken as 4 bytes where they are 8 (or 8
 * where 4), the byte offset of the entry (index * size) typed for the index
 * or for the address, the index added without the entry size, the wrong
 * base (cr3, another level's table, the entry value with its flag bits),
 * another level's index, the wrong shift, the mask forgotten. A diagnosis
 * recomputes the answer with that one mistake and compares: when the typed
 * number is what the mistake gives, the feedback names it. The order is
 * the order of the checks below (first match wins): the most specific
 * first, so a number two mistakes would both give gets the nearer one.
 */
#include "quiz_int.h"

#include <stdio.h>

/* index of addr at level lv when shifted by sh and masked to the level's
 * PTRS_PER (mask false: not masked, what >> alone gives) */
static uint64_t index_with(const struct arch *a, enum level lv, uint64_t addr, unsigned sh,
			   bool mask)
{
	uint64_t v = sh >= 64 ? 0 : addr >> sh;

	return mask ? v & (a->level[lv].ptrs - 1) : v;
}

/* The real level lv folds into (lv itself when real). */
static enum level real_of(const struct arch *a, enum level lv)
{
	return a->level[lv].folded ? a->level[lv].into : lv;
}

/* A wrong shift: v is the lv index taken with another shift (another
 * level's, or one bit off). Names that shift; true when it did. */
static bool wrong_shift(const struct arch *a, enum level lv, uint64_t addr, uint64_t v,
			const char *what_en, const char *what_ja, struct grade *g)
{
	unsigned sh = a->level[lv].shift;
	unsigned cand[LEVEL_COUNT + 2];
	int n = 0;

	cand[n++] = sh + 1;
	cand[n++] = sh - 1;
	for (int o = 0; o < LEVEL_COUNT; o++)
		if (!a->level[o].folded && a->level[o].shift != sh)
			cand[n++] = a->level[o].shift;
	for (int i = 0; i < n; i++) {
		if (cand[i] == 0 || cand[i] >= a->va_bits ||
		    index_with(a, lv, addr, cand[i], true) != v)
			continue;
		quiz_say(g, LANG_EN, "%s (addr >> %u) & %u: the wrong shift. %s_SHIFT is %u on "
			 "%s: (addr >> %u) & %u.", what_en, cand[i], a->level[lv].ptrs - 1,
			 level_macro(lv), sh, a->name, sh, a->level[lv].ptrs - 1);
		quiz_say(g, LANG_JA, "%s(addr >> %u) & %u で、シフトが違います。%s では %s_SHIFT "
			 "は %u です: (addr >> %u) & %u。", what_ja, cand[i], a->level[lv].ptrs - 1,
			 a->name, level_macro(lv), sh, sh, a->level[lv].ptrs - 1);
		return true;
	}
	return false;
}

bool quiz_diagnose_index(const struct arch *a, enum level lv, uint64_t addr, uint64_t v,
			 struct grade *g)
{
	struct addr_fields f;
	unsigned sh = a->level[lv].shift, sz = a->entry_size;
	uint64_t idx;

	if (a->level[lv].folded || addr_split(a, addr, &f, NULL) < 0)
		return false;
	idx = f.index[lv];
	if (idx && v == idx * sz) {
		quiz_say(g, LANG_EN, "0x%llx is the entry's byte offset in the table (index * %u), "
			 "not the index: divide by %u.", (unsigned long long)v, sz, sz);
		quiz_say(g, LANG_JA, "0x%llx はテーブル内でのエントリのバイトオフセット (インデックス "
			 "× %u) で、インデックスではありません。%u で割ってください。",
			 (unsigned long long)v, sz, sz);
		return true;
	}
	if (v != idx && v == index_with(a, lv, addr, sh, false)) {
		quiz_say(g, LANG_EN, "That is addr >> %u with the bits above the %s field still in "
			 "it: keep the low %u bits, & (%s - 1) = & %u.", sh, level_name(lv),
			 arch_index_bits(a, lv), level_ptrs_macro(lv), a->level[lv].ptrs - 1);
		quiz_say(g, LANG_JA, "それは addr >> %u で、%s フィールドより上のビットが残っています。"
			 "下位 %u ビットだけを残してください: & (%s - 1) = & %u。", sh, level_name(lv),
			 arch_index_bits(a, lv), level_ptrs_macro(lv), a->level[lv].ptrs - 1);
		return true;
	}
	for (int o = 0; o < LEVEL_COUNT; o++)
		if (o != (int)lv && !a->level[o].folded && f.index[o] == v)
			return false;     /* another level's index: the caller names it */
	return wrong_shift(a, lv, addr, v, "That is", "それは", g);
}

/* The entry's address computed from a wrong base: which base. */
static bool wrong_base(const struct arch *a, const struct walk *w, enum level lv,
		       uint64_t table, uint64_t idx, uint64_t v, struct grade *g)
{
	uint64_t off = idx * a->entry_size;
	const char *ln = level_name(lv);

	if (v < off)
		return false;
	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *s = &w->step[i];
		/* the entry above's raw value, flag bits and all */
		if (s->next == table && !s->leaf && s->entry != s->next && v - off == s->entry) {
			quiz_say(g, LANG_EN, "You took the %s entry's value 0x%llx as the base, flag "
				 "bits and all: the table is at 0x%llx (the value & PAGE_MASK).",
				 level_name(s->level), (unsigned long long)s->entry,
				 (unsigned long long)table);
			quiz_say(g, LANG_JA, "%s エントリの値 0x%llx をフラグのビットごと先頭にしています。"
				 "テーブルは 0x%llx (値 & PAGE_MASK) にあります。", level_name(s->level),
				 (unsigned long long)s->entry, (unsigned long long)table);
			return true;
		}
	}
	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *s = &w->step[i];
		if (s->folded || s->table == table || v - off != s->table)
			continue;
		quiz_say(g, LANG_EN, "Right index, wrong table: 0x%llx is the %s table%s. The %s "
			 "table is the one the entry above points to%s.",
			 (unsigned long long)s->table, level_name(s->level),
			 s->level == LEVEL_PGD ? " (cr3)" : "", ln, lv == LEVEL_PGD ? " (cr3)" : "");
		quiz_say(g, LANG_JA, "インデックスは正しいのですが、テーブルが違います。0x%llx は %s "
			 "テーブル%sです。%s テーブルは%sが指すテーブルです。",
			 (unsigned long long)s->table, level_name(s->level),
			 s->level == LEVEL_PGD ? " (cr3) " : "", ln,
			 lv == LEVEL_PGD ? "cr3" : "一つ上のエントリ");
		return true;
	}
	return false;
}

/* The mistakes behind a wrong entry address v of real level lv, read from
 * table at index idx: true with g filled when one of them gives v. */
static bool entry_mistake(const struct arch *a, const struct walk *w, enum level lv,
			  uint64_t table, uint64_t idx, uint64_t v, struct grade *g)
{
	struct addr_fields f;
	uint64_t sz = a->entry_size, osz = sz == 8 ? 4 : 8;

	if (addr_split(a, w->addr, &f, NULL) < 0)
		return false;
	if (idx && (v == idx * sz || v == idx * osz)) {
		quiz_say(g, LANG_EN, "0x%llx is the entry's byte offset in the table (index %llu * "
			 "%llu); the entry's address adds the %s table's base.%s",
			 (unsigned long long)v, (unsigned long long)idx,
			 (unsigned long long)(v / idx), level_name(lv),
			 v == idx * osz ? " And entries are not that size here." : "");
		quiz_say(g, LANG_JA, "0x%llx はテーブル内でのエントリのバイトオフセット (インデックス "
			 "%llu × %llu) です。エントリのアドレスには %s テーブルの先頭を足します。%s",
			 (unsigned long long)v, (unsigned long long)idx,
			 (unsigned long long)(v / idx), level_name(lv),
			 v == idx * osz ? "また、ここのエントリはその大きさではありません。" : "");
		return true;
	}
	if (idx && v == table + idx * osz) {
		quiz_say(g, LANG_EN, "You used %llu-byte entries; on %s entries are %llu bytes: "
			 "table + index * %llu.", (unsigned long long)osz, a->name,
			 (unsigned long long)sz, (unsigned long long)sz);
		quiz_say(g, LANG_JA, "%llu バイトのエントリで計算しています。%s のエントリは %llu "
			 "バイトです: テーブル + インデックス × %llu。", (unsigned long long)osz, a->name,
			 (unsigned long long)sz, (unsigned long long)sz);
		return true;
	}
	if (idx > 1 && v == table + idx) {
		quiz_say(g, LANG_EN, "You added the index itself: an entry is %llu bytes, so the "
			 "entry is at table + index * %llu.", (unsigned long long)sz,
			 (unsigned long long)sz);
		quiz_say(g, LANG_JA, "インデックスをそのまま足しています。エントリは %llu バイトなので、"
			 "アドレスは テーブル + インデックス × %llu です。", (unsigned long long)sz,
			 (unsigned long long)sz);
		return true;
	}
	if (wrong_base(a, w, lv, table, idx, v, g))
		return true;
	if (idx && v == table) {
		quiz_say(g, LANG_EN, "0x%llx is the %s table's base, its entry 0: add the %s index "
			 "* %llu.", (unsigned long long)v, level_name(lv), level_name(lv),
			 (unsigned long long)sz);
		quiz_say(g, LANG_JA, "0x%llx は %s テーブルの先頭 (エントリ 0) です。%s インデックス "
			 "× %llu を足してください。", (unsigned long long)v, level_name(lv),
			 level_name(lv), (unsigned long long)sz);
		return true;
	}
	if (v < table || (v - table) % sz || (v - table) / sz >= a->level[lv].ptrs)
		return false;
	idx = (v - table) / sz;
	for (int o = 0; o < LEVEL_COUNT; o++)
		if (o != (int)lv && !a->level[o].folded && f.index[o] == idx)
			return false;     /* another level's index: the caller names it */
	return wrong_shift(a, lv, w->addr, idx, "Right table, but that entry's index is",
			   "テーブルは正しいのですが、そのエントリのインデックスは", g);
}

bool quiz_diagnose_entry(const struct arch *a, const struct walk *w, enum level lv,
			 uint64_t v, struct grade *g)
{
	const struct walk_step *ws = NULL, *real = NULL;
	struct addr_fields f;
	uint64_t sz = a->entry_size;
	const char *ln = level_name(lv);

	for (int i = 0; i < w->nsteps; i++) {
		if (w->step[i].level == lv)
			ws = &w->step[i];
		if (w->step[i].level == real_of(a, lv))
			real = &w->step[i];
	}
	if (!ws || !real || addr_split(a, w->addr, &f, NULL) < 0)
		return false;
	/* a folded level's index (0) used in the real level's table */
	if (ws->folded && v == real->table) {
		quiz_say(g, LANG_EN, "On %s the %s is folded: %s_offset() returns the pointer it was "
			 "given, so the %s entry is the %s entry itself (the %s table + the %s index "
			 "* %llu), not the %s table's first entry.", a->name, ln, ln, ln,
			 level_name(real->level), level_name(real->level), level_name(real->level),
			 (unsigned long long)sz, level_name(real->level));
		quiz_say(g, LANG_JA, "%s では %s は折りたたまれています。%s_offset() は受け取った"
			 "ポインタを返すので、%s のエントリは %s のエントリそのもの (%s テーブル + %s "
			 "インデックス × %llu) で、%s テーブルの先頭のエントリではありません。", a->name, ln,
			 ln, ln, level_name(real->level), level_name(real->level),
			 level_name(real->level), (unsigned long long)sz, level_name(real->level));
		return true;
	}
	if (ws->folded) {
		/* the rest is about the real level's walk */
		if (entry_mistake(a, w, real->level, real->table, f.index[real->level], v, g))
			return true;
		quiz_say(g, LANG_EN, "On %s the %s is folded: its entry is the %s entry for this "
			 "address, at the %s table + the %s index * %llu.", a->name, ln,
			 level_name(real->level), level_name(real->level), level_name(real->level),
			 (unsigned long long)sz);
		quiz_say(g, LANG_JA, "%s では %s は折りたたまれています。そのエントリはこのアドレスの "
			 "%s のエントリで、%s テーブル + %s インデックス × %llu にあります。", a->name, ln,
			 level_name(real->level), level_name(real->level), level_name(real->level),
			 (unsigned long long)sz);
		return true;
	}
	return entry_mistake(a, w, lv, ws->table, f.index[lv], v, g);
}
