/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz_grade_number.c - grading a number answer (index, entry, phys,
 * offset, error code, macro): a bare number read as decimal or hex, and for
 * a wrong one the reason this quiz kind gives (the other level's index, the
 * wrong table, the missing bits, the other macro or arch the value belongs
 * to, ...).
 */
#include "quiz_int.h"
#include "paging/arm64.h"

#include <stdio.h>
#include <string.h>

/* Bits lo..hi of v. */
static uint64_t bits_of(uint64_t v, unsigned lo, unsigned hi)
{
	unsigned w = hi - lo + 1;
	return (v >> lo) & (w >= 64 ? UINT64_MAX : (1ULL << w) - 1);
}

/* The first field (pgd .. pte, then offset) in which x and y differ when
 * both are cut like a linear address of a; LEVEL_COUNT for the offset,
 * -1 when they are equal in every field. */
static int first_field_diff(const struct arch *a, uint64_t x, uint64_t y)
{
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		unsigned lo, hi;
		if (a->level[lv].folded)
			continue;
		addr_bits(a, (enum level)lv, &lo, &hi);
		if (lv == LEVEL_PGD)
			hi = 63;  /* anything above the pgd field counts as pgd */
		if (bits_of(x, lo, hi) != bits_of(y, lo, hi))
			return lv;
	}
	return bits_of(x, 0, a->page_shift - 1) != bits_of(y, 0, a->page_shift - 1) ?
	       LEVEL_COUNT : -1;
}

static void grade_index(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	const struct arch *a = qi->arch;
	enum level lv = qi->level;
	unsigned lo, hi;

	g->wrong_level = lv;
	if (a->level[lv].folded) {
		quiz_say(g, LANG_EN, "On %s the %s level is folded: %s is 1, so its index "
			 "is always 0.", a->name, level_name(lv), level_ptrs_macro(lv));
		quiz_say(g, LANG_JA, "%s では %s は折りたたまれています (%s は 1)。インデックス"
			 "は常に 0 です。", a->name, level_name(lv), level_ptrs_macro(lv));
		return;
	}
	if (quiz_diagnose_index(a, lv, qi->addr, v, g))
		return;
	addr_bits(a, lv, &lo, &hi);
	if (v >= a->level[lv].ptrs) {
		quiz_say(g, LANG_EN, "A %s index is below %s = %u: it is bits %u..%u of "
			 "the address.", level_name(lv), level_ptrs_macro(lv), a->level[lv].ptrs, hi, lo);
		quiz_say(g, LANG_JA, "%s インデックスは %s = %u 未満です。アドレスのビット "
			 "%u..%u を見てください。", level_name(lv), level_ptrs_macro(lv), a->level[lv].ptrs,
			 hi, lo);
		return;
	}
	for (int o = 0; o < LEVEL_COUNT; o++) {
		if (o == (int)lv || a->level[o].folded || qi->fields.index[o] != v)
			continue;
		quiz_say(g, LANG_EN, "That is the %s index. The %s index is bits %u..%u.",
			 level_name((enum level)o), level_name(lv), hi, lo);
		quiz_say(g, LANG_JA, "それは %s のインデックスです。%s のインデックスはビット %u..%u "
			 "です。", level_name((enum level)o), level_name(lv), hi, lo);
		return;
	}
	quiz_say(g, LANG_EN, "Not the %s index: take bits %u..%u of the address (shift right by "
		 "%u, keep %u bits).", level_name(lv), hi, lo, lo, hi - lo + 1);
	quiz_say(g, LANG_JA, "%s のインデックスではありません。アドレスのビット %u..%u (右へ %u "
		 "シフトして下位 %u ビット) です。", level_name(lv), hi, lo, lo, hi - lo + 1);
}

/* The bytes a table page of level lv spans: 4 KiB, or more (arm64's 16K
 * and 64K granules). */
static uint64_t table_bytes(const struct arch *a, enum level lv)
{
	uint64_t b = (uint64_t)a->level[lv].ptrs * a->entry_size;

	return b > 4096 ? b : 4096;
}

static void grade_entry(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	const struct arch *a = qi->arch;
	const struct walk *w = &qi->walk;
	const struct walk_step *want = NULL;
	uint64_t table;

	for (int i = 0; i < w->nsteps; i++)
		if (w->step[i].level == qi->level)
			want = &w->step[i];
	if (!want)
		return;
	g->wrong_level = qi->level;
	if (quiz_diagnose_entry(a, w, qi->level, v, g))
		return;
	table = quiz_level_table(qi);
	/* a small number is an index, not an address */
	for (int o = 0; o < LEVEL_COUNT && v < 4096; o++) {
		if (a->level[o].folded || qi->fields.index[o] != v)
			continue;
		quiz_say(g, LANG_EN, "%llu is the %s index, not an address: the entry is at the %s "
			 "table's base + index * %u bytes.", (unsigned long long)v,
			 level_name((enum level)o), level_name(qi->level), a->entry_size);
		quiz_say(g, LANG_JA, "%llu は %s のインデックスで、アドレスではありません。エントリは "
			 "%s テーブルの先頭 + インデックス * %u バイトにあります。", (unsigned long long)v,
			 level_name((enum level)o), level_name(qi->level), a->entry_size);
		return;
	}
	if (v < 4096 && table >= 4096) {
		quiz_say(g, LANG_EN, "%llu looks like an index; the question asks for the entry's physical "
			 "address: table base + index * %u.", (unsigned long long)v, a->entry_size);
		quiz_say(g, LANG_JA, "%llu はインデックスのようです。問われているのはエントリの物理アドレス "
			 "(テーブルの先頭 + インデックス * %u) です。", (unsigned long long)v, a->entry_size);
		return;
	}
	if (v < table || v >= table + table_bytes(a, qi->level)) {
		for (int i = 0; i < w->nsteps; i++) {
			const struct walk_step *s = &w->step[i];
			if (s->table == table || v < s->table || v >= s->table + table_bytes(a, s->level))
				continue;
			quiz_say(g, LANG_EN, "That address is in the %s table (at 0x%llx). The %s table is "
				 "the one the entry above it points to%s.", level_name(s->level),
				 (unsigned long long)s->table, level_name(qi->level),
				 qi->level == LEVEL_PGD ? " (cr3)" : "");
			quiz_say(g, LANG_JA, "そのアドレスは %s テーブル (0x%llx) の中です。%s テーブルは"
				 "一つ上のエントリ%sが指すテーブルです。", level_name(s->level),
				 (unsigned long long)s->table, level_name(qi->level),
				 qi->level == LEVEL_PGD ? " (cr3)" : "");
			return;
		}
		quiz_say(g, LANG_EN, "The table base is wrong: the %s table starts where %s points.",
			 level_name(qi->level), qi->level == LEVEL_PGD ? "cr3" : "the entry above");
		quiz_say(g, LANG_JA, "テーブルの先頭が違います。%s テーブルは %s が指す場所から始まります。",
			 level_name(qi->level), qi->level == LEVEL_PGD ? "cr3" : "一つ上のエントリ");
		return;
	}
	if ((v - table) % a->entry_size) {
		quiz_say(g, LANG_EN, "Entries are %u bytes on %s: the entry is at table + index * %u.",
			 a->entry_size, a->name, a->entry_size);
		quiz_say(g, LANG_JA, "%s のエントリは %u バイトです。エントリのアドレスは テーブル + "
			 "インデックス * %u です。", a->name, a->entry_size, a->entry_size);
		return;
	}
	uint64_t idx = (v - table) / a->entry_size;
	for (int o = 0; o < LEVEL_COUNT; o++) {
		if (o == (int)qi->level || a->level[o].folded || qi->fields.index[o] != idx)
			continue;
		quiz_say(g, LANG_EN, "Right table, but you used the %s index (%llu). Use the %s index.",
			 level_name((enum level)o), (unsigned long long)idx, level_name(qi->level));
		quiz_say(g, LANG_JA, "テーブルは正しいですが、%s のインデックス (%llu) を使っています。"
			 "%s のインデックスを使ってください。", level_name((enum level)o),
			 (unsigned long long)idx, level_name(qi->level));
		return;
	}
	quiz_say(g, LANG_EN, "Right table, wrong index: entry %llu is not the %s index of the "
		 "address.", (unsigned long long)idx, level_name(qi->level));
	quiz_say(g, LANG_JA, "テーブルは正しいですが、インデックスが違います。%llu 番はアドレスの "
		 "%s インデックスではありません。", (unsigned long long)idx, level_name(qi->level));
}

static void grade_phys(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	const struct walk *w = &qi->walk;
	uint64_t psz = w->page_size, omask = psz - 1;
	const struct walk_step *leaf = &w->step[w->nsteps - 1];
	int f;

	if ((v & omask) != (w->phys & omask)) {
		g->wrong_level = LEVEL_COUNT;
		quiz_say(g, LANG_EN, "The offset is wrong: the low bits of the address (%llu KiB page: "
			 "bits %d..0) carry over unchanged.", (unsigned long long)(psz >> 10),
			 __builtin_ctzll(psz) - 1);
		quiz_say(g, LANG_JA, "オフセットが違います。アドレスの下位ビット (%llu KiB ページなら "
			 "ビット %d..0) はそのまま物理アドレスに入ります。", (unsigned long long)(psz >> 10),
			 __builtin_ctzll(psz) - 1);
		return;
	}
	g->wrong_level = leaf->level;
	if (v == qi->addr) {
		quiz_say(g, LANG_EN, "That is the linear address itself: the frame comes from the "
			 "%s entry.", level_name(leaf->level));
		quiz_say(g, LANG_JA, "それは線形アドレスそのものです。フレームは %s エントリから取り"
			 "ます。", level_name(leaf->level));
		return;
	}
	for (int i = 0; i < w->nsteps - 1; i++) {
		const struct walk_step *s = &w->step[i];
		if ((v & ~omask) != (s->next & ~omask) || s->folded)
			continue;
		quiz_say(g, LANG_EN, "That uses the table the %s entry points to, not the page: the "
			 "walk goes on to the %s entry.", level_name(s->level), level_name(leaf->level));
		quiz_say(g, LANG_JA, "それは %s エントリが指すテーブルで、ページではありません。%s "
			 "エントリまで進んでください。", level_name(s->level), level_name(leaf->level));
		return;
	}
	f = first_field_diff(qi->arch, v, w->phys);
	quiz_say(g, LANG_EN, "The frame is wrong (first differing field: %s): take it from the %s "
		 "entry%s.", quiz_field_name(f), level_name(leaf->level),
		 leaf->leaf && leaf->level != LEVEL_PTE ? " (a large page)" : "");
	quiz_say(g, LANG_JA, "フレームが違います (最初に違うフィールド: %s)。%s エントリ%sから"
		 "取ります。", quiz_field_name(f), level_name(leaf->level),
		 leaf->leaf && leaf->level != LEVEL_PTE ? " (大きなページ)" : "");
}

void quiz_grade_bits(uint32_t want, uint32_t got, struct grade *g, bool numeric)
{
	size_t n;
	const struct pf_bit *b = pf_bits(&n);
	char miss[100] = "", extra[100] = "";
	size_t um = 0, ue = 0;

	for (size_t i = 0; i < n; i++) {
		if ((want & b[i].mask) && !(got & b[i].mask))
			um += (size_t)snprintf(miss + um, sizeof miss - um, "%s%s", um ? " " : "",
					       b[i].name);
		else if (!(want & b[i].mask) && (got & b[i].mask))
			ue += (size_t)snprintf(extra + ue, sizeof extra - ue, "%s%s", ue ? " " : "",
					       b[i].name);
		if (um >= sizeof miss || ue >= sizeof extra)
			break;
	}
	if ((got & ~want) && !ue)
		snprintf(extra, sizeof extra, "unknown bits");
	quiz_say(g, LANG_EN, "%s%s%s%s%s%s", numeric ? "Check each bit. " : "",
		 miss[0] ? "Missing: " : "", miss, miss[0] && extra[0] ? "; " : "",
		 extra[0] ? "not set: " : "", extra);
	quiz_say(g, LANG_JA, "%s%s%s%s%s%s", numeric ? "ビットごとに確かめてください。" : "",
		 miss[0] ? "足りないビット: " : "", miss, miss[0] && extra[0] ? "、" : "",
		 extra[0] ? "立っていないビット: " : "", extra);
}

/* s (trimmed) read as bare hex digits without 0x: 0 with *v, -1 when it is
 * not that (a prefix, a sign, another character, too long). */
int quiz_bare_hex(const char *s, uint64_t *v)
{
	size_t n = 0;

	*v = 0;
	if (!*s || (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
		return -1;
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
			: *s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;
		if (d < 0 || ++n > 16)
			return -1;
		*v = *v << 4 | (uint64_t)d;
	}
	return 0;
}

/* A bare number: digits only is decimal; with a-f it can only be hex. Fills
 * g and returns true when the grading is done here: right read as hex but
 * typed without 0x, where decimal was wrong (no try used). */
static bool grade_bare(const struct quiz_instance *qi, const char *s, uint64_t *v,
		       bool *have, bool *lettered, struct grade *g)
{
	uint64_t h;

	if (quiz_bare_hex(s, &h) < 0)
		return false;
	if (quiz_parse_num(s, v) < 0) {   /* 1ff: hex letters, so hex it is */
		*v = h;
		*have = true;
		*lettered = true;
		return false;
	}
	*have = true;
	if (*v == qi->answer || h != qi->answer)
		return false;
	g->result = GRADE_OTHER_BASE;
	quiz_say(g, LANG_EN, "%s read as decimal is %llu, which is not it; read as hex, 0x%s = %llu is right. "
		 "A bare number is decimal: type 0x%s. (This did not count as a try.)", s,
		 (unsigned long long)*v, s, (unsigned long long)h, s);
	quiz_say(g, LANG_JA, "%s は 10 進として読むと %llu で、正解ではありません。16 進の 0x%s = %llu なら正解です。"
		 "0x のない数は 10 進です: 0x%s と入力してください(回数には数えません)。", s,
		 (unsigned long long)*v, s, (unsigned long long)h, s);
	return true;
}

/* The other way round: 0x with decimal digits, wrong as hex but right as
 * the decimal those digits spell (0x285 for the index 285). Fills g and
 * returns true then (no try used). */
static bool grade_hex_decimal(const struct quiz_instance *qi, const char *s, uint64_t v,
			      struct grade *g)
{
	uint64_t d = 0;
	const char *p = s + 2;

	if (!(s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) || !*p || v == qi->answer)
		return false;
	for (; *p; p++) {
		if (*p == '_')
			continue;
		if (*p < '0' || *p > '9' || d > UINT64_MAX / 10)
			return false;
		d = d * 10 + (uint64_t)(*p - '0');
	}
	if (d != qi->answer)
		return false;
	g->result = GRADE_OTHER_BASE;
	quiz_say(g, LANG_EN, "%s is hex, %llu; the decimal number %llu is right, or 0x%llx in hex. "
		 "(This did not count as a try.)", s, (unsigned long long)v,
		 (unsigned long long)d, (unsigned long long)d);
	quiz_say(g, LANG_JA, "%s は 16 進で %llu です。10 進の %llu (16 進なら 0x%llx) なら正解です"
		 "(回数には数えません)。", s, (unsigned long long)v, (unsigned long long)d,
		 (unsigned long long)d);
	return true;
}

/* The rule for a QUIZ_MACRO when the wrong number matches no other macro. */
static void grade_macro_rule(const struct quiz_instance *qi, struct grade *g)
{
	if (strstr(qi->macro, "_SHIFT")) {
		/* not "from the SHIFT": the SHIFT is what is asked */
		quiz_say(g, LANG_EN, "Not %s on %s. A SHIFT counts the address bits below that "
			 "level's index: PAGE_SHIFT (%u) plus the index bits of each real level "
			 "below it.", qi->macro, qi->arch->name, qi->arch->page_shift);
		quiz_say(g, LANG_JA, "%s の %s ではありません。SHIFT はその段のインデックスより下の "
			 "アドレスのビット数です: PAGE_SHIFT (%u) に、下にある実在の段のインデックスの"
			 "ビット数を足します。", qi->arch->name, qi->macro, qi->arch->page_shift);
	} else if (strncmp(qi->macro, "PTRS_PER_", 9) == 0) {
		quiz_say(g, LANG_EN, "Not %s on %s. PTRS_PER_X is how many entries a table holds: "
			 "1 << (the bits of the X index); 1 when X is folded.", qi->macro,
			 qi->arch->name);
		quiz_say(g, LANG_JA, "%s の %s ではありません。PTRS_PER_X はテーブル 1 つのエントリ数で、"
			 "1 << (X インデックスのビット数) です。折りたたまれた段は 1 です。",
			 qi->arch->name, qi->macro);
	} else {
		quiz_say(g, LANG_EN, "Not %s on %s. Work it out from the SHIFT: SIZE = 1 << SHIFT, "
			 "MASK = ~(SIZE - 1).", qi->macro, qi->arch->name);
		quiz_say(g, LANG_JA, "%s の %s ではありません。SHIFT から SIZE = 1 << SHIFT、"
			 "MASK = ~(SIZE - 1) と求めてください。", qi->arch->name, qi->macro);
	}
}

/* A wrong number for a QUIZ_MACRO: name the macro or arch it belongs to, else the rule. */
static void grade_macro(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	struct macro ms[ARCH_MACROS_MAX];
	int n = arch_macros(qi->arch, ms);
	uint64_t wm = arch_word_mask(qi->arch);

	for (int i = 0; i < n; i++)
		if (ms[i].value == v && strcmp(ms[i].name, qi->macro) != 0) {
			quiz_say(g, LANG_EN, "That is %s on %s, not %s.", ms[i].name, qi->arch->name,
				 qi->macro);
			quiz_say(g, LANG_JA, "それは %s の %s です。%s ではありません。",
				 qi->arch->name, ms[i].name, qi->macro);
			return;
		}
	if (strstr(qi->macro, "MASK") && v == (~qi->answer & wm)) {
		quiz_say(g, LANG_EN, "That is SIZE - 1, the inverse: a MASK keeps the high bits, "
			 "~(SIZE - 1).");
		quiz_say(g, LANG_JA, "それは SIZE - 1 (反転したもの) です。MASK は上位ビットを残す "
			 "~(SIZE - 1) です。");
		return;
	}
	for (int id = 0; id < ARCH_COUNT; id++) {
		const struct arch *o = arch_get((enum arch_id)id);
		uint64_t ov;
		if (o != qi->arch && arch_macro_value(o, qi->macro, &ov) == 0 && ov == v) {
			quiz_say(g, LANG_EN, "That is %s on %s, not on %s.", qi->macro, o->name,
				 qi->arch->name);
			quiz_say(g, LANG_JA, "それは %s の %s です。%s の値ではありません。", o->name,
				 qi->macro, qi->arch->name);
			return;
		}
	}
	grade_macro_rule(qi, g);
}

/* A wrong ESR: name the fields that differ (EC, IL, WnR, the fault status code). */
static void grade_esr(const struct quiz_instance *qi, uint64_t v, struct grade *g)
{
	uint32_t want = (uint32_t)qi->answer;
	char en[300] = "", ja[300] = "";
	size_t ue = 0, uj = 0;

	if (v >> 32) {
		quiz_say(g, LANG_EN, "ESR_EL1's fields are bits 31..0 (EC, IL, ISS); the answer is a "
			 "32-bit value.");
		quiz_say(g, LANG_JA, "ESR_EL1 のフィールドはビット 31..0 (EC、IL、ISS) で、答えは 32 "
			 "ビットの値です。");
		return;
	}
	if (ESR_EC(v) != ESR_EC(want)) {
		ue += (size_t)snprintf(en + ue, sizeof en - ue, "EC (bits 31..26) is 0x%02x, %s: "
				       "the access is %s at %s. ", ESR_EC(want),
				       arm64_ec_name(ESR_EC(want)),
				       qi->walk.access.kind == ACCESS_EXEC ? "a fetch" : "data",
				       qi->walk.access.user ? "EL0" : "EL1");
		uj += (size_t)snprintf(ja + uj, sizeof ja - uj, "EC (ビット 31..26) は 0x%02x、%s "
				       "です (%s、%s)。", ESR_EC(want), arm64_ec_name_ja(ESR_EC(want)),
				       qi->walk.access.kind == ACCESS_EXEC ? "命令フェッチ" : "データ",
				       qi->walk.access.user ? "EL0" : "EL1");
	}
	if (ue < sizeof en && uj < sizeof ja && (v & ESR_IL) != (want & ESR_IL)) {
		ue += (size_t)snprintf(en + ue, sizeof en - ue, "IL (bit 25) is 1: a 32-bit "
				       "instruction. ");
		uj += (size_t)snprintf(ja + uj, sizeof ja - uj, "IL (ビット 25) は 1 (32 ビット命令)"
				       "です。");
	}
	if (ue < sizeof en && uj < sizeof ja && (v & ESR_WNR) != (want & ESR_WNR)) {
		ue += (size_t)snprintf(en + ue, sizeof en - ue, "WnR (bit 6) is %u. ",
				       (want & ESR_WNR) ? 1u : 0u);
		uj += (size_t)snprintf(ja + uj, sizeof ja - uj, "WnR (ビット 6) は %u です。",
				       (want & ESR_WNR) ? 1u : 0u);
	}
	if (ue < sizeof en && uj < sizeof ja && (v & ESR_FSC) != (want & ESR_FSC)) {
		ue += (size_t)snprintf(en + ue, sizeof en - ue, "The status code (bits 5..0) is "
				       "0x%02x, a %s.", want & ESR_FSC, arm64_fsc_name(want & ESR_FSC));
		uj += (size_t)snprintf(ja + uj, sizeof ja - uj, "状態コード (ビット 5..0) は 0x%02x "
				       "(%s) です。", want & ESR_FSC, arm64_fsc_name_ja(want & ESR_FSC));
	}
	if (!ue) {
		snprintf(en, sizeof en, "Bits other than EC, IL, WnR and the status code are 0 here.");
		snprintf(ja, sizeof ja, "EC、IL、WnR、状態コード以外のビットはここでは 0 です。");
	}
	quiz_say(g, LANG_EN, "%s", en);
	quiz_say(g, LANG_JA, "%s", ja);
}

/* A number answer: parse it, then say why a wrong one is wrong for this quiz kind. */
void quiz_grade_number(const struct quiz_instance *qi, const char *s, struct grade *g)
{
	bool have = false, lettered = false;
	uint64_t v;

	if (grade_bare(qi, s, &v, &have, &lettered, g))
		return;
	if (!have && quiz_parse_num(s, &v) < 0) {
		g->result = GRADE_UNPARSED;
		quiz_say(g, LANG_EN, "Type a number: hex with 0x (0x1f) or decimal (31).");
		quiz_say(g, LANG_JA, "数を入力してください: 16進は 0x 付き (0x1f)、10進 (31)。");
		return;
	}
	if (grade_hex_decimal(qi, s, v, g))
		return;
	if (v == qi->answer && lettered) {
		/* said, not silent: the learner may not know it was read as hex */
		g->result = GRADE_RIGHT;
		quiz_say(g, LANG_EN, "Right: %s. (%s has hex letters, so it was read as 0x%s; "
			 "write the 0x to be sure.)", qi->answer_text, s, s);
		quiz_say(g, LANG_JA, "正解: %s。(%s には 16 進の文字があるので 0x%s と読みました。"
			 "確実にするには 0x を付けてください。)", qi->answer_text, s, s);
		return;
	}
	if (v == qi->answer) {
		g->result = GRADE_RIGHT;
		quiz_say(g, LANG_EN, "Right: %s.", qi->answer_text);
		quiz_say(g, LANG_JA, "正解: %s。", qi->answer_text);
		return;
	}
	g->result = GRADE_WRONG;
	switch (qi->kind) {
	case QUIZ_INDEX:
		grade_index(qi, v, g);
		break;
	case QUIZ_ENTRY:
		grade_entry(qi, v, g);
		break;
	case QUIZ_PHYS:
		grade_phys(qi, v, g);
		break;
	case QUIZ_OFFSET:
		g->wrong_level = LEVEL_COUNT;
		quiz_say(g, LANG_EN, "The offset is the low %u bits of the address (& ~PAGE_MASK).",
			 qi->arch->page_shift);
		quiz_say(g, LANG_JA, "オフセットはアドレスの下位 %u ビット (& ~PAGE_MASK) です。",
			 qi->arch->page_shift);
		break;
	case QUIZ_ERROR_CODE:
		quiz_grade_bits((uint32_t)qi->answer, (uint32_t)v, g, true);
		break;
	case QUIZ_MACRO:
		grade_macro(qi, v, g);
		break;
	case QUIZ_ESR:
		grade_esr(qi, v, g);
		break;
	case QUIZ_TTBR:
		quiz_say(g, LANG_EN, "Bit 55 picks the base register: 0 is TTBR0_EL1, 1 is TTBR1_EL1.");
		quiz_say(g, LANG_JA, "ベースレジスタはビット 55 で決まります: 0 なら TTBR0_EL1、1 なら "
			 "TTBR1_EL1 です。");
		break;
	default:
		break;
	}
}
