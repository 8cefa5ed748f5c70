/* SPDX-License-Identifier: GPL-2.0-only */
/* prose_facts.c - more forms of numbers in lesson prose:
 *
 *   N bits, N-bit, N ビット        a width of the arch: an index field, a shift,
 *                                 PAGE_SHIFT, the address or word width, 64 - va
 *   N bits, M GiB                 2^N bytes is M GiB
 *   bit N, ビット N                the top bit of the offset, of 32 bits, of the
 *                                 address or of 64 bits
 *   N bytes, N バイト              an entry or a page
 *   entries A to B, entry N       the pgd indices bounding the user/kernel halves
 *   0x... (>= 0x1000)             a macro value, a half's bound, a vma bound
 *   N of them, N 個, エントリが N つ   PTRS_PER
 *   N-level x86-32, N段の x86-64   that arch's real levels; N回のメモリ読み出し too
 *   exception N, CPL N            14 (#PF), 3 (user mode)
 *   value N ... P, RW and US      the OR of the flags named
 *   0 = the page was not present  error-code bit states; `x_none()` always says
 *                                 0, `x_present()` 1, a folded index always 0
 */
#include "load_prose_int.h"
#include "paging/fault.h"
#include "paging/walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool width_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
	if (a->family == FAMILY_ARM64 && v == 8)
		return true;            /* the tag byte TBI0 ignores */
	for (int lv = 0; lv < LEVEL_COUNT; lv++)
		if (!a->level[lv].folded && (v == arch_index_bits(a, (enum level)lv) ||
					     v == a->level[lv].shift))
			return true;
	return v == a->page_shift || v == a->va_bits || v == a->word_bits || v == 32 ||
	       v == 64 || v == a->entry_size * 8ULL || (a->word_bits == 64 && v == 64 - a->va_bits);
}

static bool position_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
	return v == a->page_shift - 1ULL || v == 31 || v == a->va_bits - 1ULL || v == 63;
}

static bool bytes_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
	return v == a->entry_size || v == 1ULL << a->page_shift;
}

/* pgd indices that bound the user and kernel halves: 0, k-1, k, last. */
static bool half_index_is(const struct arch *a, uint64_t v, const void *arg)
{
	uint64_t lo, hi, k;

	(void)arg;
	arch_half(a, true, &lo, &hi);
	k = (lo >> a->level[LEVEL_PGD].shift) & (a->level[LEVEL_PGD].ptrs - 1);
	return v == 0 || v == k - 1 || v == k || v == a->level[LEVEL_PGD].ptrs - 1ULL;
}

/* A user/kernel range of pgd entries: (0, k-1) or (k, last); arg: the end. */
static bool half_range_is(const struct arch *a, uint64_t v, const void *arg)
{
	uint64_t lo, hi, k, b = *(const uint64_t *)arg;

	arch_half(a, true, &lo, &hi);
	k = (lo >> a->level[LEVEL_PGD].shift) & (a->level[LEVEL_PGD].ptrs - 1);
	return (v == 0 && b == k - 1) || (v == k && b == a->level[LEVEL_PGD].ptrs - 1ULL);
}

/* An address the arch or the step names: a macro's value, the bounds of the
 * user and kernel halves, a vma bound of the step. */
static bool address_is(const struct arch *a, uint64_t v, const void *arg)
{
	const struct step *st = arg;
	struct macro m[ARCH_MACROS_MAX];
	int n = arch_macros(a, m);
	uint64_t b[4];

	for (int i = 0; i < n; i++)
		if (m[i].value == v)
			return true;
	arch_half(a, false, &b[0], &b[1]);
	arch_half(a, true, &b[2], &b[3]);
	for (int i = 0; i < 4; i++)
		if (b[i] == v)
			return true;
	if (st && st->kind == STEP_QUIZ)
		for (size_t i = 0; i < st->u.quiz.nvmas; i++)
			if (st->u.quiz.vmas[i].start == v || st->u.quiz.vmas[i].end == v)
				return true;
	return false;
}

/* The number after "to ", "-" or "〜" at e, or -1 (*at: where it starts). */
static int64_t range_end(const struct prose *p, size_t e, size_t *at)
{
	static const char *const seps[] = { " to ", "-", "〜", " から " };
	char *end;

	for (size_t i = 0; i < 4; i++)
		if (prose_starts(p, e, seps[i]) && p->line[e + strlen(seps[i])] >= '0' &&
		    p->line[e + strlen(seps[i])] <= '9') {
			*at = e + strlen(seps[i]);
			return (int64_t)strtoull(p->line + *at, &end, 0);
		}
	return -1;
}

/* "N bits, M GiB" / "N bits give M TiB": 2^N bytes is M units; 1 when this
 * form (*bad: the byte offset of a wrong number, or (size_t)-1). */
static int bits_size_pair(const struct prose *p, size_t s, size_t e, uint64_t v, size_t *bad)
{
	static const char *const mids[] = { " bits, ", " bits give ", " ビット、" };
	char *end;

	for (size_t i = 0; i < 3; i++) {
		size_t at = e + strlen(mids[i]);
		uint64_t m;
		char u;
		if (!prose_starts(p, e, mids[i]) || !(p->line[at] >= '1' && p->line[at] <= '9'))
			continue;
		m = strtoull(p->line + at, &end, 10);
		if (*end != ' ' || !end[1] || !strchr("KMGT", end[1]) || end[2] != 'i' ||
		    end[3] != 'B')
			continue;
		u = end[1];
		m <<= u == 'K' ? 10 : u == 'M' ? 20 : u == 'G' ? 30 : 40;
		if (v < 64 && (1ULL << v) == m)
			*bad = (size_t)-1;
		else            /* the one that is wrong: a size not a power of two, else N */
			*bad = (m & (m - 1)) ? at : s;
		return 1;
	}
	return 0;
}

static bool after_example(const struct prose *p, size_t s)
{
	const char *b = p->line;
	size_t n = s;
	const char *eg = NULL;

	for (size_t i = 0; i + 4 <= n; i++)
		if (strncmp(b + i, "e.g.", 4) == 0 || (i + 4 <= n && memcmp(b + i, "例:", 4) == 0))
			eg = b + i;
	return eg != NULL;
}

/* The last "_none()" or "_present()" of the sentence before byte s: the
 * constant a folded level's test returns (0 or 1), or -1. */
static int folded_test_value(const struct prose *p, size_t s)
{
	const char *from = prose_sentence_start(p, s), *to = p->line + s, *none = NULL, *pres = NULL;

	for (const char *q = from; q + 7 <= to; q++) {
		if (memcmp(q, "_none()", 7) == 0)
			none = q;
		if (q + 10 <= to && memcmp(q, "_present()", 10) == 0)
			pres = q;
	}
	if (!none && !pres)
		return -1;
	return none > pres ? 0 : 1;
}

/* The OR of the entry flags the rest of the sentence names ("means P, RW and
 * US are set"), or -1 when it names none. */
static int64_t flags_named_after(const struct prose *p, size_t e)
{
	static const struct { const char *name; uint64_t bit; } f[] = {
		{ "RW", PTE_RW }, { "US", PTE_US }, { "PWT", PTE_PWT }, { "PCD", PTE_PCD },
		{ "PS", PTE_PS }, { "P", PTE_P }, { "A", PTE_A }, { "D", PTE_D }, { "G", PTE_G } };
	const char *q = p->line + e;
	int64_t v = -1;

	for (; *q && *q != '.' && strncmp(q, "。", 3) != 0; q++) {
		if (prose_ident_ch(q[-1]))
			continue;
		for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
			size_t n = strlen(f[i].name);
			if (strncmp(q, f[i].name, n) == 0 && !prose_ident_ch(q[n])) {
				v = (v < 0 ? 0 : v) | (int64_t)f[i].bit;
				break;
			}
		}
	}
	return v;
}

/* "N-level x86-32", "N段の x86-64": the arch named right after, or NULL. */
static const struct arch *levels_of(const struct prose *p, size_t e)
{
	static const char *const mids[] = { "-level ", "段の ", "段ページングの " };
	static const char *const names[] = { "x86-64-la57", "x86-32-pae", "x86-64", "x86-32",
					     "arm64-4k-39", "arm64-4k-48", "arm64-16k-36",
					     "arm64-16k-47", "arm64-16k-48", "arm64-64k-42",
					     "arm64-64k-48", "arm64-64k-52" };

	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; prose_starts(p, e, mids[i]) && j < sizeof names / sizeof names[0];
		     j++) {
			const char *q = p->line + e + strlen(mids[i]);
			if (strncmp(q, names[j], strlen(names[j])) == 0)
				return arch_by_name(names[j]);
		}
	return NULL;
}

static bool real_levels_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
	return v == a->real_levels;
}

/* Error-code bit states, levels counts, folded tests, the #PF vector, CPL. */
static int state_rules(struct prose *p, size_t s, size_t e, uint64_t v, bool *done)
{
	const struct arch *a;
	int64_t f;
	int t;

	*done = true;
	if ((a = levels_of(p, e)))
		return v == a->real_levels ? 0 :
		       prose_fail(p, s, "%s has %u levels, not %llu", a->name, a->real_levels,
				  (unsigned long long)v);
	if (prose_starts(p, e, "回のメモリ読み出し") || prose_starts(p, e, " memory reads"))
		return prose_in_scope(p, s, real_levels_is, v, NULL) ? 0 :
		       prose_fail(p, s, "a walk of the arch in scope reads %llu tables? no",
				  (unsigned long long)v);
	if (prose_ends(p, s, "exception", true, NULL) || prose_ends(p, s, "例外", true, NULL))
		return v == PF_VECTOR ? 0 : prose_fail(p, s, "the page fault is exception %d, "
						       "not %llu", PF_VECTOR, (unsigned long long)v);
	if (prose_ends(p, s, "CPL", true, NULL))
		return v == 3 ? 0 : prose_fail(p, s, "user mode is CPL 3, not %llu",
					       (unsigned long long)v);
	if ((prose_ends(p, s, "value", true, NULL) || prose_ends(p, s, "ビットの", true, NULL)) &&
	    (f = flags_named_after(p, e)) >= 0)
		return (uint64_t)f == v ? 0 : prose_fail(p, s, "those flags make 0x%llx, not %llu",
							 (unsigned long long)f, (unsigned long long)v);
	if (prose_starts(p, e, " = the page was not") || prose_starts(p, e, " = ページが存在しなかった") ||
	    prose_starts(p, e, " = read") || prose_starts(p, e, " なら読み出し"))
		return v == 0 ? 0 : prose_fail(p, s, "that is the bit clear (0), not %llu",
					       (unsigned long long)v);
	if (prose_starts(p, e, " = it was present") || prose_starts(p, e, " = 存在した"))
		return v == 1 ? 0 : prose_fail(p, s, "that is the bit set (1), not %llu",
					       (unsigned long long)v);
	if ((prose_ends(p, s, "always says", true, NULL) || prose_ends(p, s, "()` is", true, NULL) ||
	     prose_ends(p, s, "a constant", true, NULL) || prose_ends(p, s, "are always", true, NULL) ||
	     prose_ends(p, s, "()` は", true, NULL) || prose_ends(p, s, "常に", true, NULL)) &&
	    (t = folded_test_value(p, s)) >= 0)
		return v == (uint64_t)t ? 0 : prose_fail(p, s, "a folded level's %s() test is %d, "
							 "not %llu", t ? "present" : "none", t,
							 (unsigned long long)v);
	if ((prose_ends(p, s, "always", true, NULL) || prose_ends(p, s, "常に", true, NULL)) &&
	    (strstr(prose_sentence_start(p, s), "index") || strstr(prose_sentence_start(p, s), "インデックス")))
		return v == 0 ? 0 : prose_fail(p, s, "a folded level's index is 0, not %llu",
					       (unsigned long long)v);
	if ((prose_ends(p, s, "PTRS_PER", true, NULL) || prose_ends(p, s, "PTRS_PER is", true, NULL) ||
	     prose_ends(p, s, "PTRS_PER が", true, NULL)) && (strstr(p->line, "olded") ||
							    strstr(p->line, "折りたた")))
		return v == 1 ? 0 : prose_fail(p, s, "a folded level has PTRS_PER 1, not %llu",
					       (unsigned long long)v);
	if (prose_ends(p, s, "エントリが", true, NULL) && prose_starts(p, e, "つ"))
		return prose_in_scope(p, s, prose_real_level_any, v, &(int){ 4 }) ? 0 :
		       prose_fail(p, s, "%llu entries: no real level of the arch in scope has "
				  "PTRS_PER %llu", (unsigned long long)v, (unsigned long long)v);
	if (v < 0x1000 && (prose_starts(p, e, " up to") || prose_starts(p, e, " から 0x")))
		return v == 0 ? 0 :
		       prose_fail(p, s, "the user half starts at 0, not %llu", (unsigned long long)v);
	*done = false;
	return 0;
}

/* Widths, bit positions, byte counts, pgd index ranges, addresses. */
int prose_more_rules(struct prose *p, size_t s, size_t e, uint64_t v)
{
	size_t at, bad;
	int64_t b;
	bool done;
	int r = state_rules(p, s, e, v, &done);

	if (done)
		return r;
	if (bits_size_pair(p, s, e, v, &bad))
		return bad == (size_t)-1 ? 0 : prose_fail(p, bad, "%llu bits and that size "
							  "disagree: 2^%llu bytes",
							  (unsigned long long)v, (unsigned long long)v);
	if (prose_starts(p, e, " bits") || prose_starts(p, e, "-bit") ||
	    prose_starts(p, e, " meaningful bits") ||
	    prose_starts(p, e, " ビット") || prose_starts(p, e, "ビット"))
		return prose_in_scope(p, s, width_is, v, NULL) ? 0 :
		       prose_fail(p, s, "%llu bits is no width of the arch in scope (its index "
				  "fields, shifts, offset, addresses or words)", (unsigned long long)v);
	if (prose_ends(p, s, "bit", true, NULL) || prose_ends(p, s, "ビット", true, NULL) ||
	    prose_ends(p, s, "bits", true, NULL) || prose_ends(p, s, "Bit", true, NULL) ||
	    prose_ends(p, s, "Bits", true, NULL))
		return prose_in_scope(p, s, position_is, v, NULL) ? 0 :
		       prose_fail(p, s, "bit %llu: not the top of the offset, of a 32-bit word, "
				  "of the linear address or of an entry", (unsigned long long)v);
	if (prose_starts(p, e, " bytes") || prose_starts(p, e, " バイト") || prose_starts(p, e, "バイト") ||
	    prose_starts(p, e, "-byte"))
		return prose_in_scope(p, s, bytes_is, v, NULL) ? 0 :
		       prose_fail(p, s, "%llu bytes: neither an entry nor a page of the arch in "
				  "scope", (unsigned long long)v);
	if (prose_starts(p, e, " of them") || prose_starts(p, e, " 個"))
		return prose_in_scope(p, s, prose_real_level_any, v, &(int){ 0 }) ? 0 :
		       prose_fail(p, s, "%llu entries: no real level of the arch in scope has "
				  "PTRS_PER %llu", (unsigned long long)v, (unsigned long long)v);
	if ((prose_ends(p, s, "entries", true, NULL) || prose_ends(p, s, "エントリ", true, NULL) ||
	     prose_ends(p, s, "entry", true, NULL)) && !prose_starts(p, e, "つ") &&
	    !prose_starts(p, e, " つ")) {
		if ((b = range_end(p, e, &at)) >= 0) {
			uint64_t end = (uint64_t)b;
			if (prose_in_scope(p, s, half_range_is, v, &end))
				return 0;
			return prose_fail(p, prose_in_scope(p, s, half_index_is, v, NULL) ? at : s,
					  "pgd entries %llu to %llu: not the user or the kernel half "
					  "of the arch in scope", (unsigned long long)v,
					  (unsigned long long)end);
		}
		return prose_in_scope(p, s, half_index_is, v, NULL) ? 0 :
		       prose_fail(p, s, "pgd entry %llu: not where the user or kernel half starts "
				  "or ends on the arch in scope", (unsigned long long)v);
	}
	if (p->line[s] == '0' && (p->line[s + 1] == 'x' || p->line[s + 1] == 'X') && v >= 0x1000 &&
	    !after_example(p, s))
		return prose_in_scope(p, s, address_is, v, p->step) ? 0 :
		       prose_fail(p, s, "0x%llx is no macro value, half boundary or vma bound of "
				  "the arch in scope", (unsigned long long)v);
	return 0;
}

