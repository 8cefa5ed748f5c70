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
 * The arch in scope is the last arch name (`x86-32-pae` ...) earlier in the
 * same sentence, else the step's `arch:`/`archs:` (any of them), else the
 * lesson's. A wrong number fails at its own FILE:LINE:COL. Numbers in no
 * such form (versions, years, lesson numbers, widths like "32-bit") are not
 * checked; tests/unit/test_prose_numbers.c counts both kinds. More forms
 * (widths, bit positions, byte counts, pgd half ranges, addresses, error-code
 * bit states, folded tests, level counts) are listed in prose_facts.c.
 *
 * This file scans and locates; the forms are in prose_rules.c and
 * prose_facts.c (load_prose_int.h).
 */
#include "load_prose_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
int prose_fail(struct prose *p, size_t off, const char *fmt, ...)
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

bool prose_ident_ch(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Does line[0..at) end with s (after skipping spaces when skip)? *pos gets
 * where s starts. */
bool prose_ends(const struct prose *p, size_t at, const char *s, bool skip,
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
bool prose_starts(const struct prose *p, size_t at, const char *s)
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
const char *prose_sentence_start(const struct prose *p, size_t at)
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
size_t prose_scope(const struct prose *p, size_t at, const struct arch **out)
{
	static const char *const names[] = { "x86-64-la57", "x86-32-pae", "x86-64", "x86-32",
					      "LA57", "arm64-4k-39", "arm64-4k-48", "arm64-16k-36",
					      "arm64-16k-47", "arm64-16k-48", "arm64-64k-42",
					      "arm64-64k-48", "arm64-64k-52" };
	const char *from = prose_sentence_start(p, at), *to = p->line + at, *best = NULL;
	const struct arch *a = NULL;

	for (const char *q = from; q < to; q++)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			size_t n = strlen(names[i]);
			if ((size_t)(to - q) < n || memcmp(q, names[i], n) != 0)
				continue;
			if (q[n] == '-' && prose_ident_ch(q[n + 1]))
				continue;       /* x86-32 inside x86-32-pae */
			if (q > from && (prose_ident_ch(q[-1]) || q[-1] == '-'))
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


/* v is right when fn says so for one arch in scope. */
bool prose_in_scope(const struct prose *p, size_t at, value_fn *fn, uint64_t v,
		     const void *arg)
{
	const struct arch *s[ARCH_COUNT];
	size_t n = prose_scope(p, at, s);

	for (size_t i = 0; i < n; i++)
		if (fn(s[i], v, arg))
			return true;
	return false;
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
		if (i > 0 && (prose_ident_ch(l[i - 1]) || l[i - 1] == '.' || l[i - 1] == '{' ||
			      l[i - 1] == '-' || l[i - 1] == ':' || l[i - 1] == '/' ||
			      l[i - 1] == '[')) {   /* AP[2:1]: part of a field's name */
			while (i < p->len && prose_ident_ch(l[i]))
				i++;
			continue;
		}
		if (prose_sum(p, i, &skip, &fail)) {
			if (fail)
				return -1;
			i = skip;
			continue;
		}
		v = strtoull(l + i, &end, 0);
		e = (size_t)(end - l);
		if ((e < p->len && (prose_ident_ch(l[e]) || l[e] == '}')) ||
		    (e + 1 < p->len && l[e] == '.' && l[e + 1] >= '0' && l[e + 1] <= '9')) {
			while (i < p->len && (prose_ident_ch(l[i]) || l[i] == '.'))
				i++;
			continue;
		}
		if (prose_check_number(p, i, e, v) < 0)
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
