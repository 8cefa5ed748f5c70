/* SPDX-License-Identifier: GPL-2.0-only */
/* prose_arm64.c - the forms of numbers in prose about arm64, and what they
 * must equal (docs/lesson-format.md, "Numbers in prose"):
 *
 *   ESR 0x92000046, ESR_EL1 = 0x...   an abort's syndrome the model can
 *                                     produce (EC, IL, WnR, FSC; nothing
 *                                     else set), agreeing with the words of
 *                                     its clause (a write, EL0, level 2,
 *                                     translation ...)
 *   EC 0x24                           an abort's exception class, agreeing
 *                                     with the ESR before it in the sentence
 *                                     and with the words after it
 *   DFSC 0x06, IFSC, FSC, status code a fault status code the model reports,
 *                                     agreeing with the ESR and with "level N"
 *                                     and the kind of fault named after it
 *   WnR 1                             0 or 1, the ESR's bit when one is named
 *   AP[2:1] = 01, AP=11               two binary digits, agreeing with
 *                                     "read-only", "EL1 only", "EL0 ..." after
 *   level 2 (pmd), pmd (level 2)      a translation level 0..3; with a
 *                                     level's name beside it, that level's
 *   NAME (bit N), NAME is bit N       a descriptor or ESR field's bit
 *   bit N, bits N..M (arm64 in scope) by what the sentence is about: the
 *                                     TTBR choice 55; the tag (TBI) 63..56;
 *                                     ESR's fields 31, 26, 25, 6, 5, 0; the
 *                                     output address 47..PAGE_SHIFT; else
 *                                     the address's 63, 55, VA_BITS,
 *                                     VA_BITS - 1, PAGE_SHIFT - 1
 *   VA_BITS = 39, CONFIG_PGTABLE_LEVELS = 3, TASK_SIZE (arm64)
 *   N levels, N 段                    the real levels of the arch in scope
 *
 * prose_arm64() runs before the other rules; it returns 1 when the number
 * is in one of these forms (checked: 0 or prose_fail's -1 in *rc).
 */
#include "load_prose_int.h"
#include "paging/arm64.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The clause after byte e (up to ". ", ";", "。", a blank line or 200
 * bytes), lines joined, into buf. */
static void clause_after(const struct prose *p, size_t e, char *buf, size_t len)
{
	const char *q = p->line + e;
	size_t k = 0;

	while (*q && k + 1 < len && k < 200) {
		if ((q[0] == '.' && (q[1] == ' ' || q[1] == '\n' || !q[1])) || *q == ';' ||
		    strncmp(q, "。", 3) == 0 || (q[0] == '\n' && q[1] == '\n'))
			break;
		buf[k++] = *q == '\n' ? ' ' : *q;
		q++;
	}
	buf[k] = '\0';
}

/* The sentence before byte s, into buf. */
static void clause_before(const struct prose *p, size_t s, char *buf, size_t len)
{
	const char *from = prose_sentence_start(p, s), *to = p->line + s;
	size_t k = 0;

	for (; from < to && k + 1 < len; from++)
		buf[k++] = *from == '\n' ? ' ' : *from;
	buf[k] = '\0';
}

static bool has(const char *text, const char *w)
{
	return strstr(text, w) != NULL;
}

/* The number right after "w " (or "w = ", "w is ") in text, or -1. */
static int64_t number_after(const char *text, const char *w)
{
	const char *q = strstr(text, w);
	char *end;

	if (!q)
		return -1;
	q += strlen(w);
	while (*q == ' ' || *q == '=' || (q[0] == 'i' && q[1] == 's' && q[2] == ' '))
		q += *q == 'i' ? 3 : 1;
	if (!(*q >= '0' && *q <= '9'))
		return -1;
	return (int64_t)strtoull(q, &end, 0);
}

static bool arm64_in_scope(const struct prose *p, size_t s)
{
	const struct arch *a[ARCH_COUNT];
	size_t n = prose_scope(p, s, a);

	for (size_t i = 0; i < n; i++)
		if (a[i]->family == FAMILY_ARM64)
			return true;
	return false;
}

/* The words of a clause that pin an ESR's fields: -1 where they say nothing. */
struct esr_words {
	int data;        /* 1 data abort, 0 instruction abort */
	int el0;         /* 1 from EL0, 0 from EL1 */
	int write;       /* 1 write, 0 read */
	int level;       /* 0..3 */
	int kind;        /* ESR_FSC_FAULT, ESR_FSC_ACCESS, ESR_FSC_PERM */
};

/* Where in t the first of the words ws (NULL-ended) is, or -1. */
static long first_of(const char *t, const char *const *ws)
{
	long best = -1;

	for (; *ws; ws++) {
		const char *q = strstr(t, *ws);
		if (q && (best < 0 || q - t < best))
			best = q - t;
	}
	return best;
}

/* Of two sets of words, which comes first in t: 1 the first set, 0 the
 * second, -1 neither. */
static int earlier(const char *t, const char *const *yes, const char *const *no)
{
	long a = first_of(t, yes), b = first_of(t, no);

	if (a < 0 && b < 0)
		return -1;
	return b < 0 || (a >= 0 && a < b);
}

/* The words that pin an ESR's fields, each the first the clause says. */
static struct esr_words words_of(const char *t)
{
	static const char *const data[] = { "data abort", "DABT", "データアボート", NULL };
	static const char *const insn[] = { "instruction", "IABT", "命令", "fetch", "フェッチ",
					    NULL };
	static const char *const el0[] = { "from EL0", "lower EL", "EL0 から", "EL0(", NULL };
	static const char *const el1[] = { "from EL1", "current EL", "EL1 から", "EL1(", NULL };
	static const char *const wr[] = { "write", "書き込み", NULL };
	static const char *const rd[] = { " read", "読み出し", NULL };
	static const char *const kinds[3][3] = {
		{ "translation", "変換フォルト", NULL },
		{ "access flag", "アクセスフラグ", NULL },
		{ "permission", "権限フォルト", NULL },
	};
	struct esr_words w = { -1, -1, -1, -1, -1 };
	int64_t lv = number_after(t, "level ");
	long best = -1;

	if (lv < 0)
		lv = number_after(t, "レベル ");
	w.data = earlier(t, data, insn);
	w.el0 = earlier(t, el0, el1);
	w.write = earlier(t, wr, rd);
	if (lv >= 0 && lv <= 3)
		w.level = (int)lv;
	for (int k = 0; k < 3; k++) {
		long at = first_of(t, kinds[k]);
		if (at >= 0 && (best < 0 || at < best)) {
			best = at;
			w.kind = (int)(ESR_FSC_FAULT + 4 * k);
		}
	}
	return w;
}

/* Does esr agree with the words? 0, or prose_fail at s, naming the value
 * as written: what (ESR, EC or status code) and its number. */
static int esr_agrees(struct prose *p, size_t s, uint32_t esr, struct esr_words w,
		      const char *what)
{
	unsigned ec = ESR_EC(esr), fsc = esr & ESR_FSC;
	uint32_t shown = strcmp(what, "EC") == 0 ? ec : strcmp(what, "ESR") == 0 ? esr : fsc;
	bool data = ec == ESR_EC_DABT_LOW || ec == ESR_EC_DABT_CUR;
	bool el0 = ec == ESR_EC_DABT_LOW || ec == ESR_EC_IABT_LOW;

	if (w.data >= 0 && w.data != data)
		return prose_fail(p, s, "%s 0x%02x is %s abort, not what the words say", what, shown,
				  data ? "a data" : "an instruction");
	if (w.el0 >= 0 && w.el0 != el0)
		return prose_fail(p, s, "%s 0x%02x is an abort from %s, not what the words say", what,
				  shown, el0 ? "EL0" : "EL1");
	if (w.write >= 0 && data && w.write != ((esr & ESR_WNR) != 0))
		return prose_fail(p, s, "%s 0x%02x has WnR %u: a %s", what, shown,
				  (esr & ESR_WNR) ? 1u : 0u, (esr & ESR_WNR) ? "write" : "read");
	if (w.level >= 0 && w.level != (int)(fsc & 3))
		return prose_fail(p, s, "%s 0x%02x is a level %u fault, not level %d", what, shown,
				  fsc & 3, w.level);
	if (w.kind >= 0 && (unsigned)w.kind != (fsc & 0x3c))
		return prose_fail(p, s, "%s 0x%02x is %s %s", what, shown,
				  "a", arm64_fsc_name(fsc));
	return 0;
}

/* An ESR the model can produce: an abort EC, IL, a named FSC, WnR only on a
 * data abort, nothing else. */
static bool esr_valid(uint64_t v)
{
	unsigned ec = ESR_EC(v);
	bool data = ec == ESR_EC_DABT_LOW || ec == ESR_EC_DABT_CUR;

	if (v >> 32 || !arm64_ec_name(ec) || !(v & ESR_IL) || !arm64_fsc_name(v & ESR_FSC))
		return false;
	return (v & ~((uint64_t)0x3f << ESR_EC_SHIFT | ESR_IL | ESR_FSC | (data ? ESR_WNR : 0))) == 0;
}

/* The ESR value named earlier in the sentence ("ESR 0x..."), or -1. */
static int64_t esr_before(const struct prose *p, size_t s)
{
	char before[400];
	int64_t v;

	clause_before(p, s, before, sizeof before);
	v = number_after(before, "ESR_EL1");
	if (v < 0)
		v = number_after(before, "ESR");
	return v >= 0 && esr_valid((uint64_t)v) ? v : -1;
}

/* Cut the clause at the next field it names: the words after "DFSC 0x07"
 * in "DFSC 0x07 is a level 3 translation fault, DFSC 0x0b ..." are the
 * first one's only. */
static void cut_at_next_field(char *t)
{
	static const char *const keys[] = { "DFSC", "IFSC", "EC 0x", "ESR", "WnR", "状態コード" };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char *q = strstr(t + 1, keys[i]);
		if (q)
			*q = '\0';
	}
}

static int esr_rules(struct prose *p, size_t s, size_t e, uint64_t v, int *rc)
{
	char after[256], own[256];
	int64_t esr;

	clause_after(p, e, after, sizeof after);
	memcpy(own, after, sizeof own);
	cut_at_next_field(own);       /* the words of this field alone */
	if (prose_ends(p, s, "EC <<", true, NULL)) {
		*rc = v == ESR_EC_SHIFT ? 0 : prose_fail(p, s, "EC sits at bit %d (ESR_ELx_EC_SHIFT), "
							 "not %llu", ESR_EC_SHIFT, (unsigned long long)v);
		return 1;
	}
	if (prose_ends(p, s, "ESR", true, NULL) || prose_ends(p, s, "ESR_EL1", true, NULL) ||
	    prose_ends(p, s, "ESR =", true, NULL) || prose_ends(p, s, "ESR_EL1 =", true, NULL) ||
	    prose_ends(p, s, "ESR_EL1 is", true, NULL) || prose_ends(p, s, "ESR_EL1 は", true, NULL)) {
		if (!esr_valid(v))
			*rc = prose_fail(p, s, "0x%llx is no ESR of an abort the model reports (EC "
					 "0x20/0x21/0x24/0x25, IL, WnR, a translation, access flag "
					 "or permission fault status)", (unsigned long long)v);
		else {   /* the whole sentence describes the syndrome */
			char all[700];
			clause_before(p, s, all, 400);
			strncat(all, after, sizeof all - strlen(all) - 1);
			*rc = esr_agrees(p, s, (uint32_t)v, words_of(all), "ESR");
		}
		return 1;
	}
	esr = esr_before(p, s);
	if (prose_ends(p, s, "EC", true, NULL) || prose_ends(p, s, "EC =", true, NULL) ||
	    prose_ends(p, s, "EC is", true, NULL) || prose_ends(p, s, "EC は", true, NULL)) {
		uint32_t as = (uint32_t)v << ESR_EC_SHIFT | ESR_IL | ESR_FSC_FAULT;
		if (!arm64_ec_name((unsigned)v))
			*rc = prose_fail(p, s, "EC 0x%llx is not an abort's class (0x20, 0x21, 0x24, "
					 "0x25)", (unsigned long long)v);
		else if (esr >= 0 && ESR_EC(esr) != v)
			*rc = prose_fail(p, s, "the ESR before it has EC 0x%02x", (unsigned)ESR_EC(esr));
		else {
			struct esr_words w = words_of(own);
			w.write = w.level = w.kind = -1;
			*rc = esr_agrees(p, s, as, w, "EC");
		}
		return 1;
	}
	if (prose_ends(p, s, "DFSC", true, NULL) || prose_ends(p, s, "IFSC", true, NULL) ||
	    prose_ends(p, s, "FSC", true, NULL) || prose_ends(p, s, "DFSC =", true, NULL) ||
	    prose_ends(p, s, "status code", true, NULL) || prose_ends(p, s, "状態コード", true, NULL)) {
		uint32_t as = (uint32_t)ESR_EC_DABT_LOW << ESR_EC_SHIFT | ESR_IL | (uint32_t)v;
		if (v > ESR_FSC || !arm64_fsc_name((unsigned)v))
			*rc = prose_fail(p, s, "0x%llx is no fault status code the model reports "
					 "(0x04-0x07, 0x09-0x0b, 0x0d-0x0f)", (unsigned long long)v);
		else if (esr >= 0 && (esr & ESR_FSC) != v)
			*rc = prose_fail(p, s, "the ESR before it has status code 0x%02x",
					 (unsigned)(esr & ESR_FSC));
		else {
			struct esr_words w = words_of(own);
			w.data = w.el0 = w.write = -1;
			*rc = esr_agrees(p, s, as, w, "status code");
		}
		return 1;
	}
	char before[400];
	size_t bl;
	clause_before(p, s, before, sizeof before);
	bl = strlen(before);
	if ((prose_ends(p, s, "書き込みなら", true, NULL) || prose_ends(p, s, "読み出しなら", true, NULL)) &&
	    strstr(before + (bl > 60 ? bl - 60 : 0), "WnR")) {
		unsigned want = prose_ends(p, s, "書き込みなら", true, NULL) ? 1 : 0;
		*rc = v == want ? 0 : prose_fail(p, s, "WnR is %u for a %s", want,
						 want ? "write" : "read");
		return 1;
	}
	if (prose_ends(p, s, "WnR", true, NULL) || prose_ends(p, s, "WnR =", true, NULL) ||
	    prose_ends(p, s, "WnR is", true, NULL) || prose_ends(p, s, "WnR は", true, NULL) ||
	    ((prose_ends(p, s, "is", true, NULL) || prose_ends(p, s, "は", true, NULL)) &&
	     strstr(before + (bl > 24 ? bl - 24 : 0), "WnR"))) {
		bool w = prose_starts(p, e, " for a write") || prose_starts(p, e, " なら書き込み");
		bool r = prose_starts(p, e, " for a read") || prose_starts(p, e, " なら読み出し");
		if ((w && v != 1) || (r && v != 0))
			*rc = prose_fail(p, s, "WnR is %d for a %s", w ? 1 : 0, w ? "write" : "read");
		else if (v > 1)
			*rc = prose_fail(p, s, "WnR is one bit: 0 or 1, not %llu", (unsigned long long)v);
		else if (esr >= 0 && ((esr & ESR_WNR) != 0) != (v == 1))
			*rc = prose_fail(p, s, "the ESR before it has WnR %u", (esr & ESR_WNR) ? 1u : 0u);
		else
			*rc = 0;
		return 1;
	}
	return 0;
}

/* "AP[2:1] = 01", "AP=11": the digits as written, binary. */
static int ap_rule(struct prose *p, size_t s, size_t e, int *rc)
{
	char after[256];
	unsigned ap2, ap1;

	if (!prose_ends(p, s, "AP[2:1] =", true, NULL) && !prose_ends(p, s, "AP=", false, NULL) &&
	    !prose_ends(p, s, "AP[2:1]", true, NULL) && !prose_ends(p, s, "AP[2:1] が", true, NULL))
		return 0;
	if (e != s + 2 || (p->line[s] != '0' && p->line[s] != '1') ||
	    (p->line[s + 1] != '0' && p->line[s + 1] != '1')) {
		*rc = prose_fail(p, s, "AP[2:1] is two binary digits: 00, 01, 10 or 11");
		return 1;
	}
	ap2 = (unsigned)(p->line[s] - '0');
	ap1 = (unsigned)(p->line[s + 1] - '0');
	clause_after(p, e, after, sizeof after);
	*rc = 0;
	if ((has(after, "read-only") || has(after, "読み出し専用")) && !ap2)
		*rc = prose_fail(p, s, "AP[2:1] = %u%u: AP[2] clear is writable", ap2, ap1);
	else if ((has(after, "read-write") || has(after, "読み書き")) && ap2)
		*rc = prose_fail(p, s, "AP[2:1] = %u%u: AP[2] set is read-only", ap2, ap1);
	else if ((has(after, "EL1 only") || has(after, "EL1 だけ") || has(after, "EL0 cannot")) && ap1)
		*rc = prose_fail(p, s, "AP[2:1] = %u%u: AP[1] set lets EL0 in", ap2, ap1);
	else if ((has(after, "EL0 too") || has(after, "EL0 も") || has(after, "EL0 may")) && !ap1)
		*rc = prose_fail(p, s, "AP[2:1] = %u%u: AP[1] clear keeps EL0 out", ap2, ap1);
	return 1;
}

/* A level's name right beside "level N": "pmd (level 2)", "level 2 (pmd)",
 * "pmd is level 2", "pmd at level 2", "pmd はレベル 2". LEVEL_COUNT when none. */
static enum level level_beside(const struct prose *p, size_t s, size_t e)
{
	static const char *const pre[] = { " (level", " is level", " at level", " はレベル",
					   "(level", " = level", " (レベル" };
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		const char *n = level_name((enum level)lv);
		char want[32];
		for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
			snprintf(want, sizeof want, "%s%s", n, pre[i]);
			if (prose_ends(p, s, want, true, NULL))
				return (enum level)lv;
		}
		snprintf(want, sizeof want, " (%s)", n);
		if (prose_starts(p, e, want))
			return (enum level)lv;
		snprintf(want, sizeof want, "（%s）", n);
		if (prose_starts(p, e, want))
			return (enum level)lv;
	}
	return LEVEL_COUNT;
}

static bool hw_level_is(const struct arch *a, uint64_t v, const void *arg)
{
	enum level lv = *(const enum level *)arg;

	return a->family == FAMILY_ARM64 && !a->level[lv].folded && a->level[lv].hw_level == v;
}

static int level_rule(struct prose *p, size_t s, size_t e, uint64_t v, int *rc)
{
	enum level lv;

	if (!prose_ends(p, s, "level", true, NULL) && !prose_ends(p, s, "レベル", true, NULL) &&
	    !prose_ends(p, s, "Level", true, NULL))
		return 0;
	if (!arm64_in_scope(p, s))
		return 0;
	lv = level_beside(p, s, e);
	if (v > 3)
		*rc = prose_fail(p, s, "arm64's translation levels are 0 to 3, not %llu",
				 (unsigned long long)v);
	else if (lv < LEVEL_COUNT && !prose_in_scope(p, s, hw_level_is, v, &lv))
		*rc = prose_fail(p, s, "the %s is not read at level %llu on the arch in scope",
				 level_name(lv), (unsigned long long)v);
	else
		*rc = 0;
	return 1;
}

/* Descriptor and ESR fields by name: their bit. */
static int field_bit(const char *name, size_t n)
{
	static const struct { const char *name; int bit; } f[] = {
		{ "PTE_VALID", 0 }, { "PTE_TABLE_BIT", 1 }, { "PTE_USER", 6 }, { "PTE_RDONLY", 7 },
		{ "AF", 10 }, { "PTE_AF", 10 }, { "nG", 11 }, { "PTE_NG", 11 }, { "DBM", 51 },
		{ "PTE_DBM", 51 }, { "PTE_WRITE", 51 }, { "PTE_CONT", 52 }, { "PXN", 53 },
		{ "PTE_PXN", 53 }, { "UXN", 54 }, { "PTE_UXN", 54 }, { "PTE_DIRTY", 55 },
		{ "PXNTable", 59 }, { "UXNTable", 60 }, { "WnR", 6 }, { "IL", 25 },
	};

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (strlen(f[i].name) == n && memcmp(f[i].name, name, n) == 0)
			return f[i].bit;
	return -1;
}

/* "NAME (bit N)", "NAME, bit N", "NAME is bit N", "NAME はビット N", and
 * "bit N (NAME)" for the names above. */
static int named_bit_rule(struct prose *p, size_t s, size_t e, uint64_t v, int *rc)
{
	static const char *const seps[] = { " (bit", ", bit", " is bit", " はビット", "（ビット",
					    " (ビット", "(ビット", "(bit" };
	int bit = -1;
	size_t at, b;

	for (size_t i = 0; i < sizeof seps / sizeof seps[0] && bit < 0; i++) {
		if (!prose_ends(p, s, seps[i], true, &at))
			continue;
		for (b = at; b > 0 && prose_ident_ch(p->line[b - 1]); b--)
			;
		if (b < at)
			bit = field_bit(p->line + b, at - b);
	}
	if (bit < 0 && (prose_ends(p, s, "bit", true, NULL) || prose_ends(p, s, "Bit", true, NULL) ||
			prose_ends(p, s, "ビット", true, NULL))) {
		const char *t = p->line + e, *u;
		if (*t == ' ' || *t == '\n')     /* the name may open the next line */
			t++;
		if (*t == '(' || *t == ',')
			t++;
		else if (strncmp(t, "（", 3) == 0)
			t += 3;
		else
			return 0;
		while (*t == ' ' || *t == '\n')
			t++;
		for (u = t; prose_ident_ch(*u); u++)
			;
		bit = u > t ? field_bit(t, (size_t)(u - t)) : -1;
	}
	if (bit < 0)
		return 0;
	*rc = v == (uint64_t)bit ? 0 : prose_fail(p, s, "that field is bit %d, not bit %llu", bit,
						  (unsigned long long)v);
	return 1;
}

/* What "bit N" may be in an arm64 sentence (see the top). */
static bool position_arm64(const struct arch *a, uint64_t v, const void *arg)
{
	const char *t = arg;

	if (a->family != FAMILY_ARM64)
		return false;
	if (has(t, "TTBR") || has(t, "pick") || has(t, "select") || has(t, "決ま") || has(t, "選"))
		return v == 55;
	if (has(t, "tag") || has(t, "TBI") || has(t, "タグ"))
		return v == 63 || v == 56;
	if (has(t, "ESR") || has(t, "EC") || has(t, "FSC") || has(t, "WnR") || has(t, "ISS"))
		return v == 31 || v == 26 || v == 25 || v == 6 || v == 5 || v == 0;
	if (has(t, "output address") || has(t, "出力アドレス"))
		return v == 47 || v == a->page_shift;
	return v == 63 || v == 55 || v == a->va_bits || v == a->va_bits - 1ULL ||
	       v == a->page_shift - 1ULL;
}

/* "EC (bits 31..26)", "bits 5..0, DFSC", "DFSC (bits 5..0)": a field of
 * ESR_EL1 named beside the top of its range. */
static int range_rule(struct prose *p, size_t s, size_t e, uint64_t v, int *rc)
{
	static const struct { const char *name; unsigned hi; } f[] = {
		{ "EC", 31 }, { "DFSC", 5 }, { "IFSC", 5 }, { "FSC", 5 }, { "ISS", 24 },
	};
	size_t b;

	if (!prose_starts(p, e, "..") || !arm64_in_scope(p, s))
		return 0;
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		static const char *const seps[] = { ", ", " (", "、つまり ", "、", "(", " の " };
		char pre[24], pre2[32], post[32];
		bool named;
		snprintf(pre, sizeof pre, "%s (bits", f[i].name);
		snprintf(pre2, sizeof pre2, "%s(ビット", f[i].name);
		named = prose_ends(p, s, pre, true, NULL) || prose_ends(p, s, pre2, true, NULL);
		snprintf(pre, sizeof pre, "%s in bits", f[i].name);
		named = named || prose_ends(p, s, pre, true, NULL);
		if (!named && (prose_ends(p, s, "bits", true, NULL) || prose_ends(p, s, "Bits", true, NULL) ||
			       prose_ends(p, s, "ビット", true, NULL))) {
			for (b = e + 2; b < p->len && p->line[b] >= '0' && p->line[b] <= '9'; b++)
				;
			for (size_t k = 0; k < sizeof seps / sizeof seps[0] && !named; k++) {
				snprintf(post, sizeof post, "%s%s", seps[k], f[i].name);
				named = prose_starts(p, b, post);
			}
		}
		if (!named)
			continue;
		*rc = v == f[i].hi ? 0 : prose_fail(p, s, "%s is bits %u..%u of ESR_EL1, not from bit "
						    "%llu", f[i].name, f[i].hi, i == 0 ? 26 : 0,
						    (unsigned long long)v);
		return 1;
	}
	return 0;
}

static int position_rule(struct prose *p, size_t s, size_t e, uint64_t v, int *rc)
{
	char before[400], after[256], all[660];

	if (!prose_ends(p, s, "bit", true, NULL) && !prose_ends(p, s, "bits", true, NULL) &&
	    !prose_ends(p, s, "Bit", true, NULL) && !prose_ends(p, s, "Bits", true, NULL) &&
	    !prose_ends(p, s, "ビット", true, NULL))
		return 0;
	if (!arm64_in_scope(p, s))
		return 0;
	clause_before(p, s, before, sizeof before);
	clause_after(p, e, after, sizeof after);
	snprintf(all, sizeof all, "%s %s", before, after);
	*rc = prose_in_scope(p, s, position_arm64, v, all) ? 0 :
	      prose_fail(p, s, "bit %llu is not what this sentence is about on the arch in scope "
			 "(55 picks the TTBR, 63..56 the tag, VA_BITS the first bit that must "
			 "match, ESR's fields, the output address)", (unsigned long long)v);
	return 1;
}

/* "UXN は 0", "PXN is 1", "AF = 0": a one-bit field's value is 0 or 1. */
static int one_bit_rule(struct prose *p, size_t s, uint64_t v, int *rc)
{
	static const char *const ops[] = { " は", " is", " =", "=" };
	size_t at = 0, b;
	bool op = false;

	for (size_t j = 0; j < sizeof ops / sizeof ops[0] && !op; j++)
		op = prose_ends(p, s, ops[j], true, &at);
	if (!op)
		return 0;
	while (at > 0 && (p->line[at - 1] == ' ' || p->line[at - 1] == '`'))
		at--;
	for (b = at; b > 0 && prose_ident_ch(p->line[b - 1]); b--)
		;
	if (b == at || field_bit(p->line + b, at - b) < 0 || (at - b == 3 &&
	    memcmp(p->line + b, "WnR", 3) == 0))
		return 0;
	*rc = v <= 1 ? 0 : prose_fail(p, s, "%.*s is one bit: 0 or 1, not %llu", (int)(at - b),
				      p->line + b, (unsigned long long)v);
	return 1;
}

static bool arm64_macro_is(const struct arch *a, uint64_t v, const void *arg)
{
	const char *name = arg;

	if (a->family != FAMILY_ARM64)
		return false;
	if (strcmp(name, "VA_BITS") == 0)
		return v == a->va_bits;
	if (strcmp(name, "CONFIG_PGTABLE_LEVELS") == 0)
		return v == a->real_levels;
	return v == 1ULL << a->va_bits;            /* TASK_SIZE */
}

static int macro_rule(struct prose *p, size_t s, uint64_t v, int *rc)
{
	static const char *const names[] = { "VA_BITS", "CONFIG_PGTABLE_LEVELS", "TASK_SIZE" };
	static const char *const ops[] = { "=", " is", "は", "を", "が" };
	size_t at = 0, b;
	bool op = false;

	if (!arm64_in_scope(p, s))
		return 0;
	for (size_t j = 0; j < sizeof ops / sizeof ops[0] && !op; j++)
		op = prose_ends(p, s, ops[j], true, &at);
	if (!op)
		return 0;
	while (at > 0 && (p->line[at - 1] == ' ' || p->line[at - 1] == '`'))
		at--;
	for (b = at; b > 0 && prose_ident_ch(p->line[b - 1]); b--)
		;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (at - b != strlen(names[i]) || memcmp(p->line + b, names[i], at - b) != 0)
			continue;
		*rc = prose_in_scope(p, s, arm64_macro_is, v, names[i]) ? 0 :
		      prose_fail(p, s, "%s is not %llu on the arch in scope", names[i],
				 (unsigned long long)v);
		return 1;
	}
	return 0;
}

static bool levels_is(const struct arch *a, uint64_t v, const void *arg)
{
	(void)arg;
	return v == a->real_levels;
}

int prose_arm64(struct prose *p, size_t s, size_t e, uint64_t v, int *rc)
{
	if (arm64_in_scope(p, s) && (prose_starts(p, e, " bits") || prose_starts(p, e, "-bit") ||
				     prose_starts(p, e, " ビット"))) {
		char before[400], after[256];
		clause_before(p, s, before, sizeof before);
		clause_after(p, e, after, sizeof after);
		if (has(before, "tag") || has(before, "TBI") || has(before, "タグ") ||
		    has(after, "tag") || has(after, "TBI") || has(after, "タグ")) {
			*rc = v == 8 ? 0 : prose_fail(p, s, "the tag TBI0 ignores is the top byte, 8 "
						      "bits, not %llu", (unsigned long long)v);
			return 1;
		}
		/* ESR_EL1's fields: EC and the status code are 6 bits, the level
		 * in the status code 2, the register 32 */
		if (has(before, "DFSC") || has(before, "FSC") || has(before, "ESR") ||
		    has(before, " EC") || prose_starts(p, e, " bits are the level") ||
		    prose_starts(p, e, " ビットがレベル")) {
			*rc = v == 2 || v == 6 || v == 32 ? 0 :
			      prose_fail(p, s, "%llu bits: ESR_EL1's fields are 6 bits (EC, the status "
					 "code), 2 (its level), 32 (the register)", (unsigned long long)v);
			return 1;
		}
	}
	for (unsigned k = 0; k < 2; k++) {     /* "1 for TTBR1_EL1", "TTBR1_EL1 なら 1" */
		char f[32], b[32];
		snprintf(f, sizeof f, " for TTBR%u", k);
		snprintf(b, sizeof b, "TTBR%u_EL1 なら", k);
		if (prose_starts(p, e, f) || prose_ends(p, s, b, true, NULL)) {
			*rc = v == k ? 0 : prose_fail(p, s, "TTBR%u_EL1 is register %u, not %llu", k, k,
						      (unsigned long long)v);
			return 1;
		}
	}
	if (esr_rules(p, s, e, v, rc) || ap_rule(p, s, e, rc) || level_rule(p, s, e, v, rc) ||
	    named_bit_rule(p, s, e, v, rc) || one_bit_rule(p, s, v, rc) ||
	    range_rule(p, s, e, v, rc) || position_rule(p, s, e, v, rc) ||
	    macro_rule(p, s, v, rc))
		return 1;
	if (arm64_in_scope(p, s) && (prose_starts(p, e, " levels") || prose_starts(p, e, " 段"))) {
		const struct arch *a[ARCH_COUNT];
		prose_scope(p, s, a);
		*rc = prose_in_scope(p, s, levels_is, v, NULL) ? 0 :
		      prose_fail(p, s, "%s has %u levels, not %llu", a[0]->name, a[0]->real_levels,
				 (unsigned long long)v);
		return 1;
	}
	return 0;
}
