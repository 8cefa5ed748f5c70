/* SPDX-License-Identifier: GPL-2.0-only */
/* arch.c - the four x86 paging profiles, their macros, and address splitting.
 *
 * The numbers are Linux's (see arch.h for the headers they come from). A
 * folded level keeps the SHIFT of the level above it and has one entry, as
 * include/asm-generic/pgtable-nop4d.h, pgtable-nopud.h and pgtable-nopmd.h
 * define it. The arm64 profiles and their address rules live in arm64.c;
 * the functions here hand an arm64 profile over to it.
 */
#include "paging/arch.h"
#include "paging/arm64.h"
#include "util/num.h"

#include <stdio.h>
#include <string.h>

#define REAL(s, n)      { .shift = (s), .ptrs = (n), .folded = false, .into = LEVEL_PGD }
#define FOLDED(s, lv)   { .shift = (s), .ptrs = 1, .folded = true, .into = (lv) }

static const struct arch arches[ARCH_ARM64_FIRST] = {
	[ARCH_X86_32] = {
		.id = ARCH_X86_32, .family = FAMILY_X86, .name = "x86-32", .title = "x86-32, 2-level (no PAE)",
		.va_bits = 32, .pa_bits = 32, .word_bits = 32, .entry_size = 4,
		.page_shift = 12, .real_levels = 2,
		.level = {
			[LEVEL_PGD] = REAL(22, 1024),
			[LEVEL_P4D] = FOLDED(22, LEVEL_PGD),
			[LEVEL_PUD] = FOLDED(22, LEVEL_PGD),
			[LEVEL_PMD] = FOLDED(22, LEVEL_PGD),
			[LEVEL_PTE] = REAL(12, 1024),
		},
	},
	[ARCH_X86_32_PAE] = {
		.id = ARCH_X86_32_PAE, .family = FAMILY_X86, .name = "x86-32-pae", .title = "x86-32, 3-level (PAE)",
		.va_bits = 32, .pa_bits = 52, .word_bits = 32, .entry_size = 8,
		.page_shift = 12, .real_levels = 3,
		.level = {
			[LEVEL_PGD] = REAL(30, 4),
			[LEVEL_P4D] = FOLDED(30, LEVEL_PGD),
			[LEVEL_PUD] = FOLDED(30, LEVEL_PGD),
			[LEVEL_PMD] = REAL(21, 512),
			[LEVEL_PTE] = REAL(12, 512),
		},
	},
	[ARCH_X86_64] = {
		.id = ARCH_X86_64, .family = FAMILY_X86, .name = "x86-64", .title = "x86-64, 4-level",
		.va_bits = 48, .pa_bits = 52, .word_bits = 64, .entry_size = 8,
		.page_shift = 12, .real_levels = 4,
		.level = {
			[LEVEL_PGD] = REAL(39, 512),
			[LEVEL_P4D] = FOLDED(39, LEVEL_PGD),
			[LEVEL_PUD] = REAL(30, 512),
			[LEVEL_PMD] = REAL(21, 512),
			[LEVEL_PTE] = REAL(12, 512),
		},
	},
	[ARCH_X86_64_LA57] = {
		.id = ARCH_X86_64_LA57, .family = FAMILY_X86, .name = "x86-64-la57", .title = "x86-64, 5-level (LA57)",
		.va_bits = 57, .pa_bits = 52, .word_bits = 64, .entry_size = 8,
		.page_shift = 12, .real_levels = 5,
		.level = {
			[LEVEL_PGD] = REAL(48, 512),
			[LEVEL_P4D] = REAL(39, 512),
			[LEVEL_PUD] = REAL(30, 512),
			[LEVEL_PMD] = REAL(21, 512),
			[LEVEL_PTE] = REAL(12, 512),
		},
	},
};

static const struct {
	const char *alias;
	enum arch_id id;
} aliases[] = {
	{ "2level", ARCH_X86_32 },
	{ "pae", ARCH_X86_32_PAE },
	{ "4level", ARCH_X86_64 },
	{ "5level", ARCH_X86_64_LA57 },
	{ "la57", ARCH_X86_64_LA57 },
};

const struct arch *arch_get(enum arch_id id)
{
	if ((unsigned)id >= ARCH_COUNT)
		return NULL;
	if (id >= ARCH_ARM64_FIRST)
		return arm64_arch_get(id);
	return &arches[id];
}

const struct arch *arch_by_name(const char *name)
{
	if (!name)
		return NULL;
	for (int i = 0; i < ARCH_COUNT; i++)
		if (strcmp(name, arch_get((enum arch_id)i)->name) == 0)
			return arch_get((enum arch_id)i);
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(name, aliases[i].alias) == 0)
			return &arches[aliases[i].id];
	return NULL;
}

const char *arch_names(void)
{
	return "x86-32, x86-32-pae, x86-64, x86-64-la57, arm64-4k-39, arm64-4k-48, "
	       "arm64-16k-36, arm64-16k-47, arm64-16k-48, arm64-64k-42, arm64-64k-48, "
	       "arm64-64k-52";
}

/* True when s is short printable ASCII, safe to quote back in a message. */
static bool quotable(const char *s);

const char *arch_unknown_why(const char *name, char *buf, size_t len)
{
	if (name && arm64_refusal(name, buf, len))
		return buf;
	if (name && quotable(name))
		snprintf(buf, len, "unknown arch '%s'; valid archs: %s", name, arch_names());
	else
		snprintf(buf, len, "unknown arch; valid archs: %s", arch_names());
	return buf;
}

const char *level_name(enum level lv)
{
	static const char *const names[LEVEL_COUNT] = { "pgd", "p4d", "pud", "pmd", "pte" };

	return (unsigned)lv < LEVEL_COUNT ? names[lv] : "offset";
}

const char *level_macro(enum level lv)
{
	static const char *const names[LEVEL_COUNT] = { "PGDIR", "P4D", "PUD", "PMD", "PAGE" };

	return (unsigned)lv < LEVEL_COUNT ? names[lv] : "?";
}

const char *level_ptrs_macro(enum level lv)
{
	static const char *const names[LEVEL_COUNT] = {
		"PTRS_PER_PGD", "PTRS_PER_P4D", "PTRS_PER_PUD", "PTRS_PER_PMD", "PTRS_PER_PTE",
	};

	return (unsigned)lv < LEVEL_COUNT ? names[lv] : "?";
}

void level_fold_text(enum level lv, enum fold_style st, char *buf, size_t len)
{
	const char *name = level_name(lv);
	const char *up = lv > LEVEL_PGD && lv < LEVEL_COUNT ? level_name((enum level)(lv - 1)) : "?";

	if (!len)
		return;
	switch (st) {
	case FOLD_CALL:
		snprintf(buf, len, "%s_offset(%s, addr) == %s", name, up, up);
		break;
	case FOLD_SHORT:
		snprintf(buf, len, "%s_offset(%s) == %s", name, up, up);
		break;
	default:
		snprintf(buf, len, "%s_offset(%s)==%s", name, up, up);
		break;
	}
}

uint64_t arch_word_mask(const struct arch *a)
{
	return a->word_bits >= 64 ? ~0ULL : (1ULL << a->word_bits) - 1;
}

const char *arch_ip_name(const struct arch *a)
{
	return !a ? "ip" : a->word_bits >= 64 ? "rip" : "eip";
}

bool arch_addr_canonical(const struct arch *a, uint64_t addr)
{
	uint64_t upper;

	if (a->family == FAMILY_ARM64)
		return arm64_ttbr_select(a, addr) >= 0;
	if (a->word_bits < 64)
		return addr <= arch_word_mask(a);
	upper = addr >> (a->va_bits - 1);           /* bits 63..47 (or 63..56) */
	return upper == 0 || upper == (1ULL << (65 - a->va_bits)) - 1;
}

uint64_t arch_level_size(const struct arch *a, enum level lv)
{
	return 1ULL << a->level[lv].shift;
}

uint64_t arch_level_mask(const struct arch *a, enum level lv)
{
	return ~(arch_level_size(a, lv) - 1) & arch_word_mask(a);
}

unsigned arch_index_bits(const struct arch *a, enum level lv)
{
	unsigned n = 0;

	if (a->level[lv].folded)
		return 0;
	while ((1u << n) < a->level[lv].ptrs)
		n++;
	return n;
}

int arch_macros(const struct arch *a, struct macro *out)
{
	static const enum level order[] = { LEVEL_PTE, LEVEL_PMD, LEVEL_PUD, LEVEL_P4D, LEVEL_PGD };
	static const char *const shift_names[LEVEL_COUNT] = {
		"PGDIR_SHIFT", "P4D_SHIFT", "PUD_SHIFT", "PMD_SHIFT", "PAGE_SHIFT" };
	static const char *const size_names[LEVEL_COUNT] = {
		"PGDIR_SIZE", "P4D_SIZE", "PUD_SIZE", "PMD_SIZE", "PAGE_SIZE" };
	static const char *const mask_names[LEVEL_COUNT] = {
		"PGDIR_MASK", "P4D_MASK", "PUD_MASK", "PMD_MASK", "PAGE_MASK" };
	static const char *const ptrs_names[LEVEL_COUNT] = {
		"PTRS_PER_PGD", "PTRS_PER_P4D", "PTRS_PER_PUD", "PTRS_PER_PMD", "PTRS_PER_PTE" };
	int n = 0;

	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		enum level lv = order[i];
		out[n++] = (struct macro){ shift_names[lv], a->level[lv].shift, MACRO_DEC };
		out[n++] = (struct macro){ size_names[lv], arch_level_size(a, lv), MACRO_HEX };
		out[n++] = (struct macro){ mask_names[lv], arch_level_mask(a, lv), MACRO_HEX };
	}
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++)
		out[n++] = (struct macro){ ptrs_names[lv], a->level[lv].ptrs, MACRO_DEC };
	return n;
}

int arch_macro_value(const struct arch *a, const char *name, uint64_t *value)
{
	struct macro m[ARCH_MACROS_MAX];
	int n = arch_macros(a, m);

	for (int i = 0; i < n; i++)
		if (strcmp(m[i].name, name) == 0) {
			*value = m[i].value;
			return 0;
		}
	return -1;
}

const char *arch_title(const struct arch *a, enum lang lang)
{
	static const char *const ja[ARCH_COUNT] = {
		[ARCH_X86_32] = "x86-32、2段 (PAE なし)",
		[ARCH_X86_32_PAE] = "x86-32、3段 (PAE)",
		[ARCH_X86_64] = "x86-64、4段",
		[ARCH_X86_64_LA57] = "x86-64、5段 (LA57)",
		[ARCH_ARM64_4K_39] = "arm64、4K ページ、39 ビット VA (3段)",
		[ARCH_ARM64_4K_48] = "arm64、4K ページ、48 ビット VA (4段)",
		[ARCH_ARM64_16K_36] = "arm64、16K ページ、36 ビット VA (2段)",
		[ARCH_ARM64_16K_47] = "arm64、16K ページ、47 ビット VA (3段)",
		[ARCH_ARM64_16K_48] = "arm64、16K ページ、48 ビット VA (4段)",
		[ARCH_ARM64_64K_42] = "arm64、64K ページ、42 ビット VA (2段)",
		[ARCH_ARM64_64K_48] = "arm64、64K ページ、48 ビット VA (3段)",
		[ARCH_ARM64_64K_52] = "arm64、64K ページ、52 ビット VA (3段)",
	};
	return lang == LANG_JA && ja[a->id] ? ja[a->id] : a->title;
}

bool addr_fit_words(const struct arch *a, uint64_t addr, enum lang lang, char *buf, size_t len)
{
	bool ja = lang == LANG_JA;

	if (a->family == FAMILY_ARM64) {
		/* arm64's own rules (a half, its VA size); said in English */
		struct addr_fields f;
		struct diag d;
		if (arm64_addr_split(a, addr, &f, &d) < 0) {
			snprintf(buf, len, "%s", d.msg);
			return false;
		}
		if (len)
			buf[0] = '\0';
		return true;
	}
	if (a->word_bits == 32 && addr > 0xffffffffULL) {
		snprintf(buf, len, ja ? "0x%llx は 32 ビットより広いアドレスです。%s の線形アドレスは "
			 "0x0 から 0xffffffff までです。" : "0x%llx is wider than 32 bits: %s linear "
			 "addresses go from 0x0 to 0xffffffff.", (unsigned long long)addr, a->name);
		return false;
	}
	if (a->word_bits == 64) {
		unsigned top = a->va_bits - 1;              /* 47, or 56 with LA57 */
		uint64_t upper = addr >> top;               /* bits 63..top */
		uint64_t ones = (1ULL << (64 - top)) - 1;

		if (upper != 0 && upper != ones) {
			unsigned sign = (unsigned)(upper & 1);
			snprintf(buf, len, ja ? "0x%016llx は %s の正規アドレスではありません。ビット "
				 "63..%u はすべてビット %u (%u) と等しくなければなりませんが、ビット "
				 "63..%u は 0x%llx です。" : "0x%016llx is not canonical on %s: bits "
				 "63..%u must all equal bit %u, which is %u, but bits 63..%u are 0x%llx.",
				 (unsigned long long)addr, a->name, top + 1, top, sign, top + 1,
				 (unsigned long long)(upper >> 1));
			return false;
		}
	}
	if (len)
		buf[0] = '\0';
	return true;
}

int addr_split(const struct arch *a, uint64_t addr, struct addr_fields *out,
	       struct diag *d)
{
	char why[sizeof d->msg];

	if (a->family == FAMILY_ARM64)
		return arm64_addr_split(a, addr, out, d);
	if (!addr_fit_words(a, addr, LANG_EN, why, sizeof why)) {
		diag_set(d, NULL, 0, 0, "%s", why);
		return -1;
	}
	memset(out, 0, sizeof *out);
	out->addr = addr;
	for (int lv = LEVEL_PGD; lv < LEVEL_COUNT; lv++) {
		const struct level_info *l = &a->level[lv];
		if (!l->folded)
			out->index[lv] = (unsigned)((addr >> l->shift) & (l->ptrs - 1));
	}
	out->offset = addr & ((1ULL << a->page_shift) - 1);
	return 0;
}

void addr_bits(const struct arch *a, enum level lv, unsigned *lo, unsigned *hi)
{
	if ((unsigned)lv >= LEVEL_COUNT) {
		*lo = 0;
		*hi = a->page_shift - 1;
		return;
	}
	*lo = a->level[lv].shift;
	*hi = a->level[lv].shift + arch_index_bits(a, lv) - 1;
}

/* True when s is short printable ASCII, safe to quote back in a message. */
static bool quotable(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f || n >= 40)
			return false;
	return true;
}

int addr_parse(const char *s, uint64_t *out, struct diag *d)
{
	const char *q, *base;
	size_t len, at = 0;
	unsigned char c;

	if (!s || !*s) {
		diag_set(d, NULL, 0, 0, "the address is empty.");
		return -1;
	}
	q = quotable(s) ? s : "the address";
	len = strlen(s);
	base = num_is_hex(s, len) ? "hex" : "decimal";
	switch (num_parse_u64(s, len, out, &at)) {
	case NUM_OK:
		return 0;
	case NUM_EMPTY:
		diag_set(d, NULL, 0, 0, "%s has no digits.", q);
		break;
	case NUM_OVERFLOW:
		diag_set(d, NULL, 0, 0, "%s does not fit in 64 bits.", q);
		break;
	case NUM_BAD_CHAR:
		c = (unsigned char)s[at];
		if (c >= 0x20 && c < 0x7f)
			diag_set(d, NULL, 0, 0, "%s is not a %s number: bad character '%c' at "
				 "column %zu.", q, base, c, at + 1);
		else
			diag_set(d, NULL, 0, 0, "%s is not a %s number: bad byte 0x%02x at "
				 "column %zu.", q, base, c, at + 1);
		break;
	}
	return -1;
}

/* The kernel / user half of a's addresses, inclusive: the default 3G/1G split
 * on 32-bit, the canonical halves on 64-bit. */
void arch_half(const struct arch *a, bool kernel, uint64_t *lo, uint64_t *hi)
{
	if (a->family == FAMILY_ARM64) {
		uint64_t size = 1ULL << a->va_bits;
		*lo = kernel ? ~(size - 1) : 0;
		*hi = kernel ? ~0ULL : size - 1;
	} else if (a->va_bits <= 32) {
		*lo = kernel ? 0xc0000000ULL : 0;
		*hi = kernel ? 0xffffffffULL : 0xbfffffffULL;
	} else {
		uint64_t half = 1ULL << (a->va_bits - 1);
		*lo = kernel ? ~(half - 1) : 0;
		*hi = kernel ? ~0ULL : half - 1;
	}
}

bool arch_large_page(const struct arch *a, enum level lv)
{
	if (a->family == FAMILY_ARM64)
		return arm64_block_ok(a, lv);
	switch (a->id) {
	case ARCH_X86_32:
		return lv == LEVEL_PGD;
	case ARCH_X86_32_PAE:
		return lv == LEVEL_PMD;
	default:
		return lv == LEVEL_PMD || lv == LEVEL_PUD;
	}
}
