/* SPDX-License-Identifier: GPL-2.0-only */
/* load_prose.c - numbers stated in a lesson's prose, checked against the engine.
 *
 * A text step cannot use {placeholders}, so the numbers its sentences state
 * about paging are checked here instead. Every line of a step's text, a
 * quiz's question and hints (en and ja) is scanned for numbers in these
 * forms, and each is compared with the arch in scope:
 *
 *   MACRO = N, MACRO is N, MACRO は N, MACRO (N), MACRO: N   the macro's value
 *   ... MACRO = 0x200000 (2 MiB)   a size in parentheses equals the number before it
 *   N KiB, N MiB                   a page size (4 KiB, 2 MiB, 4 MiB) or a level's SIZE
 *   A + B + ... + C [= T]          the index widths of the real levels and the offset
 *                                  (T: the linear address width)
 *   N entries, N-entry, N エントリ, エントリ N 個     PTRS_PER of a real level
 *   >> N                           a real level's SHIFT (or PAGE_SHIFT)
 *   & N, & (N)                     PTRS_PER - 1 of a real level
 *   N-bit ind.., N-bit field, index is N bits   a real level's index width
 *   N-bit offset, N bits of offset             PAGE_SHIFT
 *   N-byte entr.., entries are N bytes, * N, × N, N バイト   the entry size
 *   bit N (NAME), bit N, NAME      NAME's bit: an error-code bit or an entry flag
 *   NAME=N (error-code bit)        its value (1 << bit), or 0/1 as the bit's state
 *
 * The arch in scope is the last arch name (`x86-32-pae` ...) earlier on the
 * same line, else the step's `arch:`/`archs:` (any of them), else the
 * lesson's. A wrong number fails at its own FILE:LINE:COL. Numbers in no
 * such form (versions, years, lesson numbers, widths like "32-bit") are not
 * checked; tests/unit/test_prose_numbers.c counts both kinds.
 */
#include "load.h"
#include "fault.h"
#include "walk.h"

#define PF_VECTOR 14   /* the page-fault exception (#PF) */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct prose {
	struct ld *ld;
	const struct ynode *n;           /* the scalar being scanned */
	const struct arch *scope[ARCH_COUNT];
	size_t nscope;
	const char *line;                /* the current line of n->str */
	size_t len;
	size_t k;                        /* its index among n->str's lines */
	const struct step *step;         /* the loaded step (its vmas) */
};

/* ---- locating a byte of a scalar in the file ------------------------------------------ */

static size_t chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* The start of 1-based line `line` of the source, or NULL. */
static const char *src_line(const struct ld *ld, int line)
{
	const char *p = ld->src, *end = ld->src + ld->srclen;

	for (int i = 1; i < line && p; i++) {
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : NULL;
	}
	return p && p < end ? p : NULL;
}

/* Fail at byte off of the current line: block scalars (| >) map line k to
 * the k-th line after the indicator, at the block's indentation; flow
 * scalars are one line from their mark (+1 for the quote). */
static int prose_fail(struct prose *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int prose_fail(struct prose *p, size_t off, const char *fmt, ...)
{
	const struct ynode *n = p->n;
	const char *l = p->ld->src ? src_line(p->ld, n->line) : NULL;
	int line = n->line, col = n->col;
	char msg[256];
	va_list ap;

	if (l) {
		const char *ind = l;
		for (int c = 1; c < n->col && *ind && *ind != '\n'; c++)
			ind++;
		if (*ind == '|' || *ind == '>') {
			const char *b = src_line(p->ld, n->line + 1);
			int indent = 0;
			while (b && b[indent] == ' ')
				indent++;
			line = n->line + 1 + (int)p->k;
			col = indent + 1 + (int)chars(p->line, off);
		} else {
			col = n->col + (*ind == '"' || *ind == '\'') + (int)chars(p->line, off);
		}
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(p->ld->d, p->ld->path, line, col, "%s", msg);
	return -1;
}

/* ---- reading around a number ---------------------------------------------------------- */

static bool ident_ch(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Does line[0..at) end with s (after skipping spaces when skip)? *pos gets
 * where s starts. */
static bool ends_with(const struct prose *p, size_t at, const char *s, bool skip,
		      size_t *pos)
{
	size_t n = strlen(s);

	while (skip && at > 0 && p->line[at - 1] == ' ')
		at--;
	if (skip && !pos && at == 0 && p->line > p->n->str) {
		/* the number opens a line: read the end of the line before */
		const char *q = p->line - 1;        /* its '\n' */
		while (q > p->n->str && q[-1] == ' ')
			q--;
		return (size_t)(q - p->n->str) >= n && memcmp(q - n, s, n) == 0;
	}
	if (at < n || memcmp(p->line + at - n, s, n) != 0)
		return false;
	if (pos)
		*pos = at - n;
	return true;
}

/* Does the text from byte at start with s? A line break in the scalar
 * reads as a space, or as nothing before a wide character (as the player
 * joins lines), so "512 of\nthem" starts " of them" at the 512's end. */
static bool starts_with(const struct prose *p, size_t at, const char *s)
{
	const char *q = p->line + at;

	for (; *s; s++, q++) {
		if (*q == '\n' && *s == ' ')
			continue;
		if (*q == '\n' && (unsigned char)*s >= 0x80)
			q++;
		if (*q != *s)
			return false;
	}
	return true;
}

/* Where the sentence holding byte at of the current line starts, in the
 * scalar: after the last ". ", ".\n", "。" or blank line before it. */
static const char *sentence_start(const struct prose *p, size_t at)
{
	const char *str = p->n->str, *q = p->line + at;

	for (; q > str; q--) {
		if ((q[-1] == ' ' || q[-1] == '\n') && q - 1 > str && q[-2] == '.')
			return q;
		if (q[-1] == '\n' && q - 1 > str && q[-2] == '\n')
			return q;
		if (q - str >= 3 && memcmp(q - 3, "。", 3) == 0)
			return q;
	}
	return str;
}

/* The archs in scope at byte `at`: the last arch named before it in the same
 * sentence (LA57 names x86-64-la57), else the step's. */
static size_t scope_at(const struct prose *p, size_t at, const struct arch **out)
{
	static const char *const names[] = { "x86-64-la57", "x86-32-pae", "x86-64", "x86-32",
					      "LA57" };
	const char *from = sentence_start(p, at), *to = p->line + at, *best = NULL;
	const struct arch *a = NULL;

	for (const char *q = from; q < to; q++)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			size_t n = strlen(names[i]);
			if ((size_t)(to - q) < n || memcmp(q, names[i], n) != 0)
				continue;
			if (q[n] == '-' && ident_ch(q[n + 1]))
				continue;       /* x86-32 inside x86-32-pae */
			if (q > from && (ident_ch(q[-1]) || q[-1] == '-'))
				continue;
			if (!best || q >= best) {
				best = q;
				a = arch_by_name(i == 4 ? "x86-64-la57" : names[i]);
			}
			break;
		}
	if (a) {
		out[0] = a;
		return 1;
	}
	memcpy(out, p->scope, p->nscope * sizeof *out);
	return p->nscope;
}

/* ---- the rules -------------------------------------------------------------------------- */

typedef bool value_fn(const struct arch *a, uint64_t v, const void *arg);

/* v is right when fn says so for one arch in scope. */
static bool in_scope(const struct prose *p, size_t at, value_fn *fn, uint64_t v,
		     const void *arg)
{
	const struct arch *s[ARCH_COUNT];
	size_t n = scope_at(p, at, s);

	for (size_t i = 0; i < n; i++)
		if (fn(s[i], v, arg))
			return true;
	return false;
}

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

static bool real_level_any(const struct arch *a, uint64_t v, const void *arg)
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
	for (b = e; b > 0 && ident_ch(p->line[b - 1]); b--)
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
		if (starts_with(p, e, ends[i]))
			return true;
	return false;
}

/* MACRO = N and its spellings: the operator before the number at s. */
static const char *macro_rule(const struct prose *p, size_t s, char *buf, size_t len)
{
	static const char *const ops[] = { "=", "(", ":", " is", "は" };
	size_t at;

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (ends_with(p, s, ops[i], true, &at)) {
			if (i >= 3 && !sentence_ends(p, s))
				return NULL;        /* "PAGE_SIZE は 1 を ..." */
			return macro_before(p, at, buf, len);
		}
	return NULL;
}

/* The error-code bit or entry flag called name[0..n): its bit, or -1. */
static int flag_bit(const char *name, size_t n, bool pf_only)
{
	static const struct { const char *name; int bit; } flags[] = {
		{ "RW", 1 }, { "US", 2 }, { "PWT", 3 }, { "PCD", 4 }, { "A", 5 }, { "D", 6 },
		{ "PS", 7 }, { "G", 8 }, { "NX", 63 } };
	size_t nb;
	const struct pf_bit *b = pf_bits(&nb);

	for (size_t i = 0; i < nb; i++)
		if (strlen(b[i].name) == n && memcmp(b[i].name, name, n) == 0)
			return __builtin_ctz(b[i].mask);
	for (size_t i = 0; !pf_only && i < sizeof flags / sizeof flags[0]; i++)
		if (strlen(flags[i].name) == n && memcmp(flags[i].name, name, n) == 0)
			return flags[i].bit;
	return -1;
}

/* "bit N (NAME)" / "bit N, NAME" / "ビット N(NAME)": -1 when not this form,
 * else NAME's bit. */
static int bit_rule(const struct prose *p, size_t s, size_t e)
{
	size_t b;

	if (!ends_with(p, s, "bit", true, NULL) && !ends_with(p, s, "ビット", true, NULL))
		return -1;
	if (starts_with(p, e, " ("))
		e += 2;
	else if (starts_with(p, e, ", "))
		e += 2;
	else if (starts_with(p, e, "("))
		e += 1;
	else if (starts_with(p, e, "、"))
		e += 3;
	else if (starts_with(p, e, "（"))
		e += 3;
	else
		return -1;
	for (b = e; b < p->len && ident_ch(p->line[b]); b++)
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
		if (!starts_with(p, e, units[u]) || !ends_with(p, s, "(", false, &at))
			continue;
		while (at > 0 && (p->line[at - 1] == ' ' || p->line[at - 1] == '`'))
			at--;
		for (b = at; b > 0 && ident_ch(p->line[b - 1]); b--)
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
static int sum_rule(struct prose *p, size_t s, size_t *skip, int *fail)
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
		if (!starts_with(p, at, " + "))
			break;
		at += 3;
	}
	if (w[0] < 3)
		return 0;
	w[w[0] + 1] = ~0ULL;
	if (starts_with(p, at, " = ")) {
		w[w[0] + 1] = strtoull(p->line + at + 3, &end, 10);
		at = (size_t)(end - p->line);
	}
	*skip = at;
	*fail = 0;
	if (!in_scope(p, s, widths_are, 0, w)) {
		const struct arch *a[ARCH_COUNT];
		uint64_t want[LEVEL_COUNT + 2];
		size_t n = 0, i;
		scope_at(p, s, a);
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

	scope_at(p, s, a);
	if (arch_macro_value(a[0], macro, &want) < 0)
		arch_half(a[0], true, &want, &(uint64_t){ 0 });
	return prose_fail(p, s, "%s is 0x%llx (%llu) on %s, not %llu (0x%llx)", macro,
			  (unsigned long long)want, (unsigned long long)want, a[0]->name,
			  (unsigned long long)v, (unsigned long long)v);
}

static bool width_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
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
		if (starts_with(p, e, seps[i]) && p->line[e + strlen(seps[i])] >= '0' &&
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
		if (!starts_with(p, e, mids[i]) || !(p->line[at] >= '1' && p->line[at] <= '9'))
			continue;
		m = strtoull(p->line + at, &end, 10);
		if (*end != ' ' || !strchr("KMGT", end[1]) || end[2] != 'i' || end[3] != 'B')
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
		if (memcmp(b + i, "e.g.", 4) == 0 || (i + 4 <= n && memcmp(b + i, "例:", 4) == 0))
			eg = b + i;
	return eg != NULL;
}

/* The last "_none()" or "_present()" of the sentence before byte s: the
 * constant a folded level's test returns (0 or 1), or -1. */
static int folded_test_value(const struct prose *p, size_t s)
{
	const char *from = sentence_start(p, s), *to = p->line + s, *none = NULL, *pres = NULL;

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

	for (; *q && *q != '.' && memcmp(q, "。", 3) != 0; q++) {
		if (ident_ch(q[-1]))
			continue;
		for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
			size_t n = strlen(f[i].name);
			if (memcmp(q, f[i].name, n) == 0 && !ident_ch(q[n])) {
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
	static const char *const names[] = { "x86-64-la57", "x86-32-pae", "x86-64", "x86-32" };

	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; starts_with(p, e, mids[i]) && j < 4; j++) {
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
	if (starts_with(p, e, "回のメモリ読み出し") || starts_with(p, e, " memory reads"))
		return in_scope(p, s, real_levels_is, v, NULL) ? 0 :
		       prose_fail(p, s, "a walk of the arch in scope reads %llu tables? no",
				  (unsigned long long)v);
	if (ends_with(p, s, "exception", true, NULL) || ends_with(p, s, "例外", true, NULL))
		return v == PF_VECTOR ? 0 : prose_fail(p, s, "the page fault is exception %d, "
						       "not %llu", PF_VECTOR, (unsigned long long)v);
	if (ends_with(p, s, "CPL", true, NULL))
		return v == 3 ? 0 : prose_fail(p, s, "user mode is CPL 3, not %llu",
					       (unsigned long long)v);
	if ((ends_with(p, s, "value", true, NULL) || ends_with(p, s, "ビットの", true, NULL)) &&
	    (f = flags_named_after(p, e)) >= 0)
		return (uint64_t)f == v ? 0 : prose_fail(p, s, "those flags make 0x%llx, not %llu",
							 (unsigned long long)f, (unsigned long long)v);
	if (starts_with(p, e, " = the page was not") || starts_with(p, e, " = ページが存在しなかった") ||
	    starts_with(p, e, " = read") || starts_with(p, e, " なら読み出し"))
		return v == 0 ? 0 : prose_fail(p, s, "that is the bit clear (0), not %llu",
					       (unsigned long long)v);
	if (starts_with(p, e, " = it was present") || starts_with(p, e, " = 存在した"))
		return v == 1 ? 0 : prose_fail(p, s, "that is the bit set (1), not %llu",
					       (unsigned long long)v);
	if ((ends_with(p, s, "always says", true, NULL) || ends_with(p, s, "()` is", true, NULL) ||
	     ends_with(p, s, "a constant", true, NULL) || ends_with(p, s, "are always", true, NULL) ||
	     ends_with(p, s, "()` は", true, NULL) || ends_with(p, s, "常に", true, NULL)) &&
	    (t = folded_test_value(p, s)) >= 0)
		return v == (uint64_t)t ? 0 : prose_fail(p, s, "a folded level's %s() test is %d, "
							 "not %llu", t ? "present" : "none", t,
							 (unsigned long long)v);
	if ((ends_with(p, s, "always", true, NULL) || ends_with(p, s, "常に", true, NULL)) &&
	    (strstr(sentence_start(p, s), "index") || strstr(sentence_start(p, s), "インデックス")))
		return v == 0 ? 0 : prose_fail(p, s, "a folded level's index is 0, not %llu",
					       (unsigned long long)v);
	if ((ends_with(p, s, "PTRS_PER", true, NULL) || ends_with(p, s, "PTRS_PER is", true, NULL) ||
	     ends_with(p, s, "PTRS_PER が", true, NULL)) && (strstr(p->line, "olded") ||
							    strstr(p->line, "折りたた")))
		return v == 1 ? 0 : prose_fail(p, s, "a folded level has PTRS_PER 1, not %llu",
					       (unsigned long long)v);
	if (ends_with(p, s, "エントリが", true, NULL) && starts_with(p, e, "つ"))
		return in_scope(p, s, real_level_any, v, &(int){ 4 }) ? 0 :
		       prose_fail(p, s, "%llu entries: no real level of the arch in scope has "
				  "PTRS_PER %llu", (unsigned long long)v, (unsigned long long)v);
	if (v < 0x1000 && (starts_with(p, e, " up to") || starts_with(p, e, " から 0x")))
		return v == 0 ? 0 :
		       prose_fail(p, s, "the user half starts at 0, not %llu", (unsigned long long)v);
	*done = false;
	return 0;
}

/* Widths, bit positions, byte counts, pgd index ranges, addresses. */
static int more_rules(struct prose *p, size_t s, size_t e, uint64_t v)
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
	if (starts_with(p, e, " bits") || starts_with(p, e, "-bit") ||
	    starts_with(p, e, " meaningful bits") ||
	    starts_with(p, e, " ビット") || starts_with(p, e, "ビット"))
		return in_scope(p, s, width_is, v, NULL) ? 0 :
		       prose_fail(p, s, "%llu bits is no width of the arch in scope (its index "
				  "fields, shifts, offset, addresses or words)", (unsigned long long)v);
	if (ends_with(p, s, "bit", true, NULL) || ends_with(p, s, "ビット", true, NULL) ||
	    ends_with(p, s, "bits", true, NULL))
		return in_scope(p, s, position_is, v, NULL) ? 0 :
		       prose_fail(p, s, "bit %llu: not the top of the offset, of a 32-bit word, "
				  "of the linear address or of an entry", (unsigned long long)v);
	if (starts_with(p, e, " bytes") || starts_with(p, e, " バイト") || starts_with(p, e, "バイト") ||
	    starts_with(p, e, "-byte"))
		return in_scope(p, s, bytes_is, v, NULL) ? 0 :
		       prose_fail(p, s, "%llu bytes: neither an entry nor a page of the arch in "
				  "scope", (unsigned long long)v);
	if (starts_with(p, e, " of them") || starts_with(p, e, " 個"))
		return in_scope(p, s, real_level_any, v, &(int){ 0 }) ? 0 :
		       prose_fail(p, s, "%llu entries: no real level of the arch in scope has "
				  "PTRS_PER %llu", (unsigned long long)v, (unsigned long long)v);
	if ((ends_with(p, s, "entries", true, NULL) || ends_with(p, s, "エントリ", true, NULL) ||
	     ends_with(p, s, "entry", true, NULL)) && !starts_with(p, e, "つ") &&
	    !starts_with(p, e, " つ")) {
		if ((b = range_end(p, e, &at)) >= 0) {
			uint64_t end = (uint64_t)b;
			if (in_scope(p, s, half_range_is, v, &end))
				return 0;
			return prose_fail(p, in_scope(p, s, half_index_is, v, NULL) ? at : s,
					  "pgd entries %llu to %llu: not the user or the kernel half "
					  "of the arch in scope", (unsigned long long)v,
					  (unsigned long long)end);
		}
		return in_scope(p, s, half_index_is, v, NULL) ? 0 :
		       prose_fail(p, s, "pgd entry %llu: not where the user or kernel half starts "
				  "or ends on the arch in scope", (unsigned long long)v);
	}
	if (p->line[s] == '0' && (p->line[s + 1] == 'x' || p->line[s + 1] == 'X') && v >= 0x1000 &&
	    !after_example(p, s))
		return in_scope(p, s, address_is, v, p->step) ? 0 :
		       prose_fail(p, s, "0x%llx is no macro value, half boundary or vma bound of "
				  "the arch in scope", (unsigned long long)v);
	return 0;
}

/* Check the number at line[s..e) = v. */
static int check_number(struct prose *p, size_t s, size_t e, uint64_t v)
{
	static const int PTRS = 0, PTRS1 = 1, SHIFT = 2, BITS = 3;
	char name[32];
	const char *macro = macro_rule(p, s, name, sizeof name);
	size_t at;
	int bit;

	if (macro) {
		if (!in_scope(p, s, macro_is, v, macro))
			return fail_macro(p, s, macro, v);
		return 0;
	}
	if ((bit = bit_rule(p, s, e)) >= 0) {
		if ((uint64_t)bit != v)
			return prose_fail(p, s, "that flag is bit %d, not bit %llu",
					  bit, (unsigned long long)v);
		return 0;
	}
	if (ends_with(p, s, "=", false, &at) && at > 0) {
		size_t b = at;
		while (b > 0 && ident_ch(p->line[b - 1]))
			b--;
		bit = b < at ? flag_bit(p->line + b, at - b, true) : -1;
		if (bit >= 0 && (starts_with(p, e, " if") || starts_with(p, e, " for") ||
				 starts_with(p, e, " from") || ends_with(p, b, "なら", true, NULL) ||
				 ends_with(p, b, "れば", true, NULL)))
			return v == 1 ? 0 : prose_fail(p, s, "a set bit is 1, not %llu",
						       (unsigned long long)v);
		if (bit >= 0 && v != 0 && v != 1 && v != 1ULL << bit)
			return prose_fail(p, s, "error-code bit %d is worth 0x%llx, not 0x%llx",
					  bit, 1ULL << bit, (unsigned long long)v);
		if (bit >= 0)
			return 0;
	}
	if (paren_size(p, s, e, v, &at) == 1)
		return prose_fail(p, s, "%llu%s is not the 0x%llx just before it",
				  (unsigned long long)v, p->line + e, (unsigned long long)at);
	if (paren_size(p, s, e, v, &at) == 0)
		return 0;
	if (starts_with(p, e, " KiB") || starts_with(p, e, " MiB") || starts_with(p, e, " GiB") ||
	    starts_with(p, e, " TiB") || starts_with(p, e, "KiB") || starts_with(p, e, "MiB") ||
	    starts_with(p, e, "GiB") || starts_with(p, e, "TiB")) {
		char u = p->line[e + (p->line[e] == ' ')];
		if (ends_with(p, s, "bits,", true, NULL) || ends_with(p, s, "bits give", true, NULL) ||
		    ends_with(p, s, "ビット、", true, NULL))
			return 0;       /* the second half of bits_size_pair() */
		uint64_t size = v << (u == 'K' ? 10 : u == 'M' ? 20 : u == 'G' ? 30 : 40);
		if (!in_scope(p, s, size_is, size, NULL))
			return prose_fail(p, s, "0x%llx bytes is no page size, level SIZE or "
					  "address-space size of the arch in scope", (unsigned long long)size);
		return 0;
	}
	if (starts_with(p, e, " entries") || starts_with(p, e, "-entry") ||
	    starts_with(p, e, " four-byte entries") || starts_with(p, e, " eight-byte entries") ||
	    starts_with(p, e, " エントリ") || starts_with(p, e, "エントリ") ||
	    (ends_with(p, s, "エントリ", true, NULL) && (starts_with(p, e, " 個") ||
							 starts_with(p, e, "個"))))
		return in_scope(p, s, real_level_any, v, &PTRS) ? 0 :
		       prose_fail(p, s, "%llu entries: no real level of the arch in scope has "
				  "PTRS_PER %llu", (unsigned long long)v, (unsigned long long)v);
	if (ends_with(p, s, ">>", true, NULL))
		return in_scope(p, s, real_level_any, v, &SHIFT) ? 0 :
		       prose_fail(p, s, ">> %llu: no real level of the arch in scope has that "
				  "SHIFT", (unsigned long long)v);
	if (ends_with(p, s, "&", true, NULL) || ends_with(p, s, "& (", false, NULL) ||
	    ends_with(p, s, "(&", true, NULL))
		return in_scope(p, s, real_level_any, v, &PTRS1) ? 0 :
		       prose_fail(p, s, "& %llu: no real level of the arch in scope has "
				  "PTRS_PER - 1 = %llu", (unsigned long long)v, (unsigned long long)v);
	if (starts_with(p, e, "-bit ind") || starts_with(p, e, "-bit field") ||
	    starts_with(p, e, " index bits") ||
	    starts_with(p, e, " ビットのインデックス") || ends_with(p, s, "index is", true, NULL) ||
	    ends_with(p, s, "index field is", true, NULL))
		return in_scope(p, s, real_level_any, v, &BITS) ? 0 :
		       prose_fail(p, s, "%llu-bit index: no real level of the arch in scope has "
				  "one that wide", (unsigned long long)v);
	if (starts_with(p, e, "-bit offset") || starts_with(p, e, " bits of offset") ||
	    starts_with(p, e, " ビットのオフセット"))
		return in_scope(p, s, page_shift_is, v, NULL) ? 0 :
		       prose_fail(p, s, "the offset is PAGE_SHIFT bits wide, not %llu",
				  (unsigned long long)v);
	if (starts_with(p, e, "-byte entr") || starts_with(p, e, "-byte word") ||
	    starts_with(p, e, " バイトのエントリ") || starts_with(p, e, "バイトのエントリ") ||
	    ends_with(p, s, "entries are", true, NULL) || ends_with(p, s, "entry is", true, NULL) ||
	    ends_with(p, s, "*", true, NULL) || ends_with(p, s, "×", true, NULL) ||
	    (ends_with(p, s, "エントリは", true, NULL) && (starts_with(p, e, "バイト") ||
							 starts_with(p, e, " バイト"))))
		return in_scope(p, s, entry_size_is, v, NULL) ? 0 :
		       prose_fail(p, s, "an entry of the arch in scope is not %llu bytes",
				  (unsigned long long)v);
	return more_rules(p, s, e, v);
}

/* Scan one line for numbers (decimal or 0x hex, not inside a word, a
 * version "2.6.24", a path "x86/mm/32" or a {placeholder}). */
static int check_line(struct prose *p)
{
	const char *l = p->line;

	for (size_t i = 0; i < p->len; i++) {
		size_t e, skip;
		uint64_t v;
		char *end;
		int fail;

		if (!(l[i] >= '0' && l[i] <= '9'))
			continue;
		if (i > 0 && (ident_ch(l[i - 1]) || l[i - 1] == '.' || l[i - 1] == '{' ||
			      l[i - 1] == '-' || l[i - 1] == ':' || l[i - 1] == '/')) {
			while (i < p->len && ident_ch(l[i]))
				i++;
			continue;
		}
		if (sum_rule(p, i, &skip, &fail)) {
			if (fail)
				return -1;
			i = skip;
			continue;
		}
		v = strtoull(l + i, &end, 0);
		e = (size_t)(end - l);
		if ((e < p->len && (ident_ch(l[e]) || l[e] == '}')) ||
		    (e + 1 < p->len && l[e] == '.' && l[e + 1] >= '0' && l[e + 1] <= '9')) {
			while (i < p->len && (ident_ch(l[i]) || l[i] == '.'))
				i++;
			continue;
		}
		if (check_number(p, i, e, v) < 0)
			return -1;
		i = e;
	}
	return 0;
}

static int check_scalar(struct prose *p, const struct ynode *n)
{
	const char *s;

	if (!n || n->kind != YNODE_SCALAR)
		return 0;
	p->n = n;
	p->k = 0;
	for (s = n->str; ; p->k++) {
		const char *nl = strchr(s, '\n');
		p->line = s;
		p->len = nl ? (size_t)(nl - s) : strlen(s);
		if (check_line(p) < 0)
			return -1;
		if (!nl)
			return 0;
		s = nl + 1;
	}
}

/* A text: a string or a map of languages. */
static int check_text(struct prose *p, const struct ynode *n)
{
	if (!n)
		return 0;
	if (n->kind == YNODE_MAP) {
		for (size_t i = 0; i < n->n; i++)
			if (check_scalar(p, n->items[2 * i + 1]) < 0)
				return -1;
		return 0;
	}
	return check_scalar(p, n);
}

int ld_prose(struct ld *ld, const struct ynode *m, const struct step *st)
{
	struct prose p = { .ld = ld, .step = st };
	const struct arch *a = st->kind == STEP_REPLAY ? st->u.replay.arch : NULL;
	const struct ynode *n;

	if (a)
		p.scope[p.nscope++] = a;

	if (!p.nscope && (n = ynode_get(m, "archs")) && n->kind == YNODE_SEQ) {
		for (size_t i = 0; i < n->n && p.nscope < ARCH_COUNT; i++) {
			const struct arch *na = arch_by_name(n->items[i]->str ? n->items[i]->str : "");
			if (na)
				p.scope[p.nscope++] = na;
		}
	}
	if (!p.nscope && ld_step_arch(ld, m, &p.scope[0]) == 0)
		p.nscope = 1;
	if (!p.nscope)
		return 0;
	if (check_text(&p, ynode_get(m, "text")) < 0 ||
	    check_text(&p, ynode_get(m, "question")) < 0)
		return -1;
	if ((n = ynode_get(m, "hints")) && n->kind == YNODE_SEQ)
		for (size_t i = 0; i < n->n; i++)
			if (check_text(&p, n->items[i]) < 0)
				return -1;
	return 0;
}
