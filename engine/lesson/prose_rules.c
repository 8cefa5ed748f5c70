/* SPDX-License-Identifier: GPL-2.0-only */
/* prose_rules.c - the forms a number takes in lesson prose and what it must
 * equal: macro values, named bits, sizes, width sums, entry counts, shifts,
 * masks, index and offset widths, entry sizes (the table in load_prose.c).
 */
#include "load_prose_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool macro_is(const struct arch *a, uint64_t v, const void *arg)
{
	const char *name = arg;
	uint64_t want;

	if (strcmp(name, "TASK_SIZE") == 0 || strcmp(name, "PAGE_OFFSET") == 0) {
		uint64_t lo, hi;
		arch_half(a, true, &lo, &hi);
		return v == lo || (a->word_bits == 64 && strcmp(name, "TASK_SIZE") == 0);
	}
	return arch_macro_value(a, name, &want) == 0 && want == v;
}

bool prose_real_level_any(const struct arch *a, uint64_t v, const void *arg)
{
	int what = *(const int *)arg;   /* 0 ptrs, 1 ptrs-1, 2 shift, 3 index bits,
					   4 ptrs of any level, folded ones (1) too */

	if (what == 4) {
		for (int lv = 0; lv < LEVEL_COUNT; lv++)
			if (a->level[lv].ptrs == v)
				return true;
		return false;
	}
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		const struct level_info *li = &a->level[lv];
		uint64_t x = what == 0 ? li->ptrs : what == 1 ? li->ptrs - 1ULL :
			     what == 2 ? li->shift : arch_index_bits(a, (enum level)lv);
		if (!li->folded && x == v)
			return true;
	}
	return what == 2 && v == a->page_shift;
}

static bool page_shift_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
	return v == a->page_shift;
}

static bool entry_size_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
	return v == a->entry_size;
}

static bool size_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
	if (v == 1ULL << a->page_shift || v == 0x200000 || v == 0x400000 ||
	    v == 1ULL << a->va_bits || v == 1ULL << 32)
		return true;
	for (int lv = 0; lv < LEVEL_COUNT; lv++)
		if (!a->level[lv].folded && arch_level_size(a, (enum level)lv) == v)
			return true;
	return false;
}

/* A known macro name ends at line[0..at) (after ` and spaces)? */
static const char *macro_before(const struct prose *p, size_t at, char *buf, size_t len)
{
	static const char *const extra[] = { "TASK_SIZE", "PAGE_OFFSET" };
	struct macro m[ARCH_MACROS_MAX];
	size_t e = at, b;
	int n = arch_macros(arch_get(ARCH_X86_64), m);

	while (e > 0 && (p->line[e - 1] == ' ' || p->line[e - 1] == '`'))
		e--;
	for (b = e; b > 0 && prose_ident_ch(p->line[b - 1]); b--)
		;
	if (e == b || e - b >= len)
		return NULL;
	memcpy(buf, p->line + b, e - b);
	buf[e - b] = '\0';
	for (int i = 0; i < n; i++)
		if (strcmp(m[i].name, buf) == 0)
			return buf;
	for (size_t i = 0; i < 2; i++)
		if (strcmp(extra[i], buf) == 0)
			return buf;
	return NULL;
}

/* Does the number at s end its clause ("is 12.", "は 12、", "is 12`")? */
static bool sentence_ends(const struct prose *p, size_t s)
{
	static const char *const ends[] = { ".", ",", ";", ":", ")", "`", "。", "、", "）", " (" };
	char *end;
	size_t e;

	strtoull(p->line + s, &end, 0);
	e = (size_t)(end - p->line);
	if (e == p->len)
		return true;
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
		if (prose_starts(p, e, ends[i]))
			return true;
	return false;
}

/* MACRO = N and its spellings: the operator before the number at s. */
static const char *macro_rule(const struct prose *p, size_t s, char *buf, size_t len)
{
	static const char *const ops[] = { "=", "(", ":", " is", "は" };
	size_t at;

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (prose_ends(p, s, ops[i], true, &at)) {
			if (i >= 3 && !sentence_ends(p, s))
				return NULL;        /* "PAGE_SIZE は 1 を ..." */
			return macro_before(p, at, buf, len);
		}
	return NULL;
}

/* The error-code bit or entry flag called name[0..n) (an error-code bit
 * also by its Linux name, X86_PF_PROT): its bit, or -1. */
static int flag_bit(const char *name, size_t n, bool pf_only)
{
	static const struct { const char *name; int bit; } flags[] = {
		{ "RW", 1 }, { "US", 2 }, { "PWT", 3 }, { "PCD", 4 }, { "A", 5 }, { "D", 6 },
		{ "PS", 7 }, { "G", 8 }, { "NX", 63 } };
	size_t nb;
	const struct pf_bit *b = pf_bits(&nb);

	for (size_t i = 0; i < nb; i++)
		if ((strlen(b[i].name) == n && memcmp(b[i].name, name, n) == 0) ||
		    (strlen(b[i].linux_name) == n && memcmp(b[i].linux_name, name, n) == 0))
			return __builtin_ctz(b[i].mask);
	for (size_t i = 0; !pf_only && i < sizeof flags / sizeof flags[0]; i++)
		if (strlen(flags[i].name) == n && memcmp(flags[i].name, name, n) == 0)
			return flags[i].bit;
	return -1;
}

/* "bit N (NAME)" / "bit N, NAME" / "ビット N(NAME)", NAME perhaps in
 * backquotes: -1 when not this form, else NAME's bit. */
static int bit_rule(const struct prose *p, size_t s, size_t e)
{
	size_t b;

	if (!prose_ends(p, s, "bit", true, NULL) && !prose_ends(p, s, "ビット", true, NULL))
		return -1;
	if (prose_starts(p, e, " ("))
		e += 2;
	else if (prose_starts(p, e, ", "))
		e += 2;
	else if (prose_starts(p, e, "("))
		e += 1;
	else if (prose_starts(p, e, "、"))
		e += 3;
	else if (prose_starts(p, e, "（"))
		e += 3;
	else
		return -1;
	if (prose_starts(p, e, "`"))
		e++;
	for (b = e; b < p->len && prose_ident_ch(p->line[b]); b++)
		;
	return b > e ? flag_bit(p->line + e, b - e, false) : -1;
}

/* "0x200000` (2 MiB)": 0 when the size in parentheses equals the number
 * before it, 1 (with *before) when not, -1 when not this form. */
static int paren_size(const struct prose *p, size_t s, size_t e, uint64_t v, size_t *before)
{
	static const char *const units[] = { " KiB", " MiB", " GiB", " TiB" };
	size_t at, b;
	uint64_t x;
	char *end;

	for (size_t u = 0; u < 4; u++) {
		if (!prose_starts(p, e, units[u]) || !prose_ends(p, s, "(", false, &at))
			continue;
		while (at > 0 && (p->line[at - 1] == ' ' || p->line[at - 1] == '`'))
			at--;
		for (b = at; b > 0 && prose_ident_ch(p->line[b - 1]); b--)
			;
		if (b == at || !(p->line[b] >= '0' && p->line[b] <= '9'))
			return -1;
		x = strtoull(p->line + b, &end, 0);
		if (end != p->line + at)
			return -1;
		*before = (size_t)x;
		return x == v << (10 * (u + 1)) ? 0 : 1;
	}
	return -1;
}

/* "A + B + ... + C [= T]" from the number at s: the index widths of the real
 * levels top down, then PAGE_SHIFT, and T the linear address width. */
static bool widths_are(const struct arch *a, uint64_t v, const void *arg)
{
	const uint64_t *w = arg;        /* w[0] count, w[1..] the terms, then T or ~0 */
	size_t k = 1;

	(void)v;
	for (int lv = 0; lv < LEVEL_COUNT; lv++)
		if (!a->level[lv].folded && (k > w[0] || w[k++] != arch_index_bits(a, (enum level)lv)))
			return false;
	if (k != w[0] || w[k] != a->page_shift)
		return false;
	return w[k + 1] == ~0ULL || w[k + 1] == a->va_bits;
}

/* 1 when a sum starts at s (checked; *fail set on a mismatch), 0 if none;
 * *skip gets the end of the sum. */
int prose_sum(struct prose *p, size_t s, size_t *skip, int *fail)
{
	uint64_t w[LEVEL_COUNT + 4];
	size_t at = s, pos[LEVEL_COUNT + 4];
	char *end;

	w[0] = 0;
	for (;;) {
		if (w[0] >= LEVEL_COUNT + 1 || !(p->line[at] >= '0' && p->line[at] <= '9'))
			return 0;
		pos[w[0] + 1] = at;
		w[++w[0]] = strtoull(p->line + at, &end, 10);
		at = (size_t)(end - p->line);
		if (!prose_starts(p, at, " + "))
			break;
		at += 3;
	}
	if (w[0] < 3)
		return 0;
	w[w[0] + 1] = ~0ULL;
	if (prose_starts(p, at, " = ")) {
		w[w[0] + 1] = strtoull(p->line + at + 3, &end, 10);
		at = (size_t)(end - p->line);
	}
	*skip = at;
	*fail = 0;
	if (!prose_in_scope(p, s, widths_are, 0, w)) {
		const struct arch *a[ARCH_COUNT];
		uint64_t want[LEVEL_COUNT + 2];
		size_t n = 0, i;
		prose_scope(p, s, a);
		for (int lv = 0; lv < LEVEL_COUNT; lv++)
			if (!a[0]->level[lv].folded)
				want[n++] = arch_index_bits(a[0], (enum level)lv);
		want[n++] = a[0]->page_shift;
		want[n] = a[0]->va_bits;
		for (i = 1; i <= w[0] && i <= n && w[i] == want[i - 1]; i++)
			;
		if (i > w[0] && w[0] == n) {  /* the terms hold: the total is wrong */
			char *e;
			at = (size_t)(strstr(p->line + pos[w[0]], " = ") - p->line) + 3;
			strtoull(p->line + at, &e, 10);
			*fail = prose_fail(p, at, "%llu bits: %s addresses are %u bits wide",
					   (unsigned long long)w[w[0] + 1], a[0]->name, a[0]->va_bits);
		} else {
			*fail = prose_fail(p, pos[i > w[0] ? w[0] : i], "the widths of a %s address "
					   "are the real levels' index bits and PAGE_SHIFT, not this sum",
					   a[0]->name);
		}
	}
	return 1;
}

static int fail_macro(struct prose *p, size_t s, const char *macro, uint64_t v)
{
	const struct arch *a[ARCH_COUNT];
	uint64_t want = 0;

	prose_scope(p, s, a);
	if (arch_macro_value(a[0], macro, &want) < 0)
		arch_half(a[0], true, &want, &(uint64_t){ 0 });
	if (strstr(macro, "SHIFT") || strstr(macro, "PTRS_PER"))
		return prose_fail(p, s, "%s is %llu on %s, not %llu", macro,
				  (unsigned long long)want, a[0]->name, (unsigned long long)v);
	return prose_fail(p, s, "%s is 0x%llx on %s, not 0x%llx", macro,
			  (unsigned long long)want, a[0]->name, (unsigned long long)v);
}

/* Entry counts, shifts, masks, index and offset widths, entry sizes. */
static int shape_rules(struct prose *p, size_t s, size_t e, uint64_t v)
{
	static const int PTRS = 0, PTRS1 = 1, SHIFT = 2, BITS = 3;

	if (prose_starts(p, e, " entries") || prose_starts(p, e, "-entry") ||
	    prose_starts(p, e, " four-byte entries") || prose_starts(p, e, " eight-byte entries") ||
	    prose_starts(p, e, " エントリ") || prose_starts(p, e, "エントリ") ||
	    (prose_ends(p, s, "エントリ", true, NULL) && (prose_starts(p, e, " 個") ||
							 prose_starts(p, e, "個"))))
		return prose_in_scope(p, s, prose_real_level_any, v, &PTRS) ? 0 :
		       prose_fail(p, s, "%llu entries: no real level of the arch in scope has "
				  "PTRS_PER %llu", (unsigned long long)v, (unsigned long long)v);
	if (prose_ends(p, s, ">>", true, NULL))
		return prose_in_scope(p, s, prose_real_level_any, v, &SHIFT) ? 0 :
		       prose_fail(p, s, ">> %llu: no real level of the arch in scope has that "
				  "SHIFT", (unsigned long long)v);
	if (prose_ends(p, s, "&", true, NULL) || prose_ends(p, s, "& (", false, NULL) ||
	    prose_ends(p, s, "(&", true, NULL))
		return prose_in_scope(p, s, prose_real_level_any, v, &PTRS1) ? 0 :
		       prose_fail(p, s, "& %llu: no real level of the arch in scope has "
				  "PTRS_PER - 1 = %llu", (unsigned long long)v, (unsigned long long)v);
	if (prose_starts(p, e, "-bit ind") || prose_starts(p, e, "-bit field") ||
	    prose_starts(p, e, " index bits") ||
	    prose_starts(p, e, " ビットのインデックス") || prose_ends(p, s, "index is", true, NULL) ||
	    prose_ends(p, s, "index field is", true, NULL))
		return prose_in_scope(p, s, prose_real_level_any, v, &BITS) ? 0 :
		       prose_fail(p, s, "%llu-bit index: no real level of the arch in scope has "
				  "one that wide", (unsigned long long)v);
	if (prose_starts(p, e, "-bit offset") || prose_starts(p, e, " bits of offset") ||
	    prose_starts(p, e, " ビットのオフセット"))
		return prose_in_scope(p, s, page_shift_is, v, NULL) ? 0 :
		       prose_fail(p, s, "the offset is PAGE_SHIFT bits wide, not %llu",
				  (unsigned long long)v);
	if (prose_starts(p, e, "-byte entr") || prose_starts(p, e, "-byte word") ||
	    prose_starts(p, e, " バイトのエントリ") || prose_starts(p, e, "バイトのエントリ") ||
	    prose_ends(p, s, "entries are", true, NULL) || prose_ends(p, s, "entry is", true, NULL) ||
	    prose_ends(p, s, "*", true, NULL) || prose_ends(p, s, "×", true, NULL) ||
	    (prose_ends(p, s, "エントリは", true, NULL) && (prose_starts(p, e, "バイト") ||
							 prose_starts(p, e, " バイト"))))
		return prose_in_scope(p, s, entry_size_is, v, NULL) ? 0 :
		       prose_fail(p, s, "an entry of the arch in scope is not %llu bytes",
				  (unsigned long long)v);
	return prose_more_rules(p, s, e, v);
}

/* Check the number at line[s..e) = v. */
int prose_check_number(struct prose *p, size_t s, size_t e, uint64_t v)
{
	char name[32];
	const char *macro;
	size_t at;
	int bit, rc;

	if (prose_arm64(p, s, e, v, &rc))
		return rc;
	macro = macro_rule(p, s, name, sizeof name);
	if (macro) {
		if (!prose_in_scope(p, s, macro_is, v, macro))
			return fail_macro(p, s, macro, v);
		return 0;
	}
	if ((bit = bit_rule(p, s, e)) >= 0) {
		if ((uint64_t)bit != v)
			return prose_fail(p, s, "that flag is bit %d, not bit %llu",
					  bit, (unsigned long long)v);
		return 0;
	}
	if (prose_ends(p, s, "=", false, &at) && at > 0) {
		size_t b = at;
		while (b > 0 && prose_ident_ch(p->line[b - 1]))
			b--;
		bit = b < at ? flag_bit(p->line + b, at - b, true) : -1;
		if (bit >= 0 && (prose_starts(p, e, " if") || prose_starts(p, e, " for") ||
				 prose_starts(p, e, " from") || prose_ends(p, b, "なら", true, NULL) ||
				 prose_ends(p, b, "れば", true, NULL)))
			return v == 1 ? 0 : prose_fail(p, s, "a set bit is 1, not %llu",
						       (unsigned long long)v);
		if (bit >= 0 && v != 0 && v != 1 && v != 1ULL << bit)
			return prose_fail(p, s, "error-code bit %d is worth 0x%llx, not 0x%llx",
					  bit, 1ULL << bit, (unsigned long long)v);
		if (bit >= 0)
			return 0;
	}
	if (paren_size(p, s, e, v, &at) == 1)
		return prose_fail(p, s, "the size in parentheses (%llu %ciB) is not the 0x%llx "
				  "just before it", (unsigned long long)v,
				  p->line[e + 1] == 'K' || p->line[e + 1] == 'M' ||
				  p->line[e + 1] == 'G' ? p->line[e + 1] : 'T',
				  (unsigned long long)at);
	if (paren_size(p, s, e, v, &at) == 0)
		return 0;
	if (prose_starts(p, e, " KiB") || prose_starts(p, e, " MiB") || prose_starts(p, e, " GiB") ||
	    prose_starts(p, e, " TiB") || prose_starts(p, e, "KiB") || prose_starts(p, e, "MiB") ||
	    prose_starts(p, e, "GiB") || prose_starts(p, e, "TiB")) {
		char u = p->line[e + (p->line[e] == ' ')];
		if (prose_ends(p, s, "bits,", true, NULL) || prose_ends(p, s, "bits give", true, NULL) ||
		    prose_ends(p, s, "ビット、", true, NULL))
			return 0;       /* the second half of bits_size_pair() */
		uint64_t size = v << (u == 'K' ? 10 : u == 'M' ? 20 : u == 'G' ? 30 : 40);
		if (!prose_in_scope(p, s, size_is, size, NULL))
			return prose_fail(p, s, "0x%llx bytes is no page size, level SIZE or "
					  "address-space size of the arch in scope", (unsigned long long)size);
		return 0;
	}
	return shape_rules(p, s, e, v);
}

