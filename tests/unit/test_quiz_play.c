/* SPDX-License-Identifier: GPL-2.0-only */
/* test_quiz_play.c - every quiz of every shipped lesson, played by a learner
 * who believes what the lesson said.
 *
 * The learner knows the rules the lessons state (an index is (addr >>
 * SHIFT) & (PTRS_PER - 1), a folded level's index is 0, an entry is at
 * table + index * entry size, a folded level's entry is the entry of the
 * level it folds into, the physical address is the frame plus the offset,
 * the error-code bits, do_page_fault's first decision) and the facts the
 * question states (quiz_facts(), which test_quiz_facts.c shows are on
 * screen). For each quiz and 200 seeds it works the answer out from those
 * alone, written here independently of the engine, and types it in every
 * spelling a learner might (decimal, hex, the split with or without the
 * folded levels): the grader must accept each. A question that lists its
 * choices "(a, b, c)" has each choice graded: right exactly when it is
 * do_page_fault's branch for the fault (or the label it jumps to first),
 * and at least one listed choice is right.
 *
 * The rules are first checked against every split, walk and compare step
 * of the same lesson, so the learner's rules are the lesson's statements:
 * a quiz that grades by another rule contradicts an earlier step.
 *
 * arm64 (lessons 12-15) is played by arm64's rules: bit 55 picks TTBR0_EL1
 * or TTBR1_EL1 (the top bits must all equal it, or neither translates), the
 * granule sets PAGE_SHIFT and each real level's (PAGE_SHIFT - 3) index bits,
 * the walk starts at the TTBR's table and each table or block descriptor
 * gives the next base in bits 47..PAGE_SHIFT, and an abort reports FAR_EL1 =
 * the address and ESR_EL1 = EC << 26 | IL | WnR (a data write) | DFSC, the
 * DFSC the stated fault's kind (translation 0x04, access flag 0x08,
 * permission 0x0c) plus its level. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>
#include <cmocka.h>

#include "lesson/lesson.h"
#include "lesson/quiz.h"

#define SEEDS 200

/* Linux's numbers, written out here (not read from arch.c). */
struct rules {
	const char *name;
	unsigned shift[LEVEL_COUNT];    /* 0: folded */
	unsigned ptrs[LEVEL_COUNT];
	unsigned entry;
	enum level into[LEVEL_COUNT];   /* the real level a folded one folds into */
	unsigned page_shift;            /* 0: 12 (x86) */
	unsigned va_bits;               /* arm64 only: VA_BITS */
};

/* arm64 folds p4d (and pud, pmd) into the pgd: pgd's into[] entries */
#define A64_2 { LEVEL_PGD, LEVEL_PGD, LEVEL_PGD, LEVEL_PGD, LEVEL_PTE }
#define A64_3 { LEVEL_PGD, LEVEL_PGD, LEVEL_PGD, LEVEL_PMD, LEVEL_PTE }
#define A64_4 { LEVEL_PGD, LEVEL_PGD, LEVEL_PUD, LEVEL_PMD, LEVEL_PTE }

static const struct rules RULES[] = {
	{ "x86-32", { 22, 0, 0, 0, 12 }, { 1024, 1, 1, 1, 1024 }, 4,
	  { LEVEL_PGD, LEVEL_PGD, LEVEL_PGD, LEVEL_PGD, LEVEL_PTE }, 12, 0 },
	{ "x86-32-pae", { 30, 0, 0, 21, 12 }, { 4, 1, 1, 512, 512 }, 8,
	  { LEVEL_PGD, LEVEL_PGD, LEVEL_PGD, LEVEL_PMD, LEVEL_PTE }, 12, 0 },
	{ "x86-64", { 39, 0, 30, 21, 12 }, { 512, 1, 512, 512, 512 }, 8,
	  { LEVEL_PGD, LEVEL_PGD, LEVEL_PUD, LEVEL_PMD, LEVEL_PTE }, 12, 0 },
	{ "x86-64-la57", { 48, 39, 30, 21, 12 }, { 512, 512, 512, 512, 512 }, 8,
	  { LEVEL_PGD, LEVEL_P4D, LEVEL_PUD, LEVEL_PMD, LEVEL_PTE }, 12, 0 },
	/* arm64 (Linux 6.1 pgtable-hwdef.h): PAGE_SHIFT 12/14/16, each real
	 * level PAGE_SHIFT - 3 bits, the pgd the VA_BITS left over */
	{ "arm64-4k-39", { 30, 0, 0, 21, 12 }, { 512, 1, 1, 512, 512 }, 8, A64_3, 12, 39 },
	{ "arm64-4k-48", { 39, 0, 30, 21, 12 }, { 512, 1, 512, 512, 512 }, 8, A64_4, 12, 48 },
	{ "arm64-16k-36", { 25, 0, 0, 0, 14 }, { 2048, 1, 1, 1, 2048 }, 8, A64_2, 14, 36 },
	{ "arm64-16k-47", { 36, 0, 0, 25, 14 }, { 2048, 1, 1, 2048, 2048 }, 8, A64_3, 14, 47 },
	{ "arm64-16k-48", { 47, 0, 36, 25, 14 }, { 2, 1, 2048, 2048, 2048 }, 8, A64_4, 14, 48 },
	{ "arm64-64k-42", { 29, 0, 0, 0, 16 }, { 8192, 1, 1, 1, 8192 }, 8, A64_2, 16, 42 },
	{ "arm64-64k-48", { 42, 0, 0, 29, 16 }, { 64, 1, 1, 8192, 8192 }, 8, A64_3, 16, 48 },
	{ "arm64-64k-52", { 42, 0, 0, 29, 16 }, { 1024, 1, 1, 8192, 8192 }, 8, A64_3, 16, 52 },
};

static const struct rules *rules_of(const struct arch *a)
{
	for (size_t i = 0; i < sizeof RULES / sizeof RULES[0]; i++)
		if (strcmp(RULES[i].name, a->name) == 0)
			return &RULES[i];
	fail_msg("no rules for %s", a->name);
	return NULL;
}

/* The page offset's mask: PAGE_SIZE - 1. */
static uint64_t rule_offset_mask(const struct rules *r)
{
	return (1ULL << (r->page_shift ? r->page_shift : 12)) - 1;
}

/* arm64: "bit 55 picks the base register, and the bits from VA_BITS up
 * (below the tag byte of a TTBR0 address) must all equal it": 0, 1, or -1
 * for neither. */
static int rule_ttbr(const struct rules *r, uint64_t addr)
{
	int b55 = (int)((addr >> 55) & 1);
	uint64_t top = b55 ? addr >> r->va_bits : (addr << 8) >> (8 + r->va_bits);
	uint64_t ones = b55 ? ~0ULL >> r->va_bits : 0;

	return top == ones ? b55 : -1;
}

/* arm64: the base a table or block descriptor gives, bits 47..PAGE_SHIFT. */
static uint64_t rule_desc_base(const struct rules *r, uint64_t e)
{
	return e & 0x0000ffffffffffffULL & ~rule_offset_mask(r);
}

/* arm64: the ESR_EL1 of an abort, from the access and the fault's name as
 * the lesson states it ("level 3 permission fault"): EC 0x24/0x25 for a
 * data abort from EL0/EL1, 0x20/0x21 for an instruction abort; IL set (a
 * 32-bit instruction); WnR for a data write; the DFSC. 0 when the name is
 * not one of those. */
static uint32_t rule_esr(const struct access *ac, const char *fault)
{
	unsigned level, fsc;
	char kind[40];

	if (sscanf(fault, "level %u %39[a-z ]", &level, kind) != 2 || level > 3)
		return 0;
	if (strcmp(kind, "translation fault") == 0)
		fsc = 0x04;
	else if (strcmp(kind, "access flag fault") == 0)
		fsc = 0x08;
	else if (strcmp(kind, "permission fault") == 0)
		fsc = 0x0c;
	else
		return 0;
	unsigned ec = (ac->kind == ACCESS_EXEC ? 0x20 : 0x24) + (ac->user ? 0 : 1);
	return ec << 26 | 1u << 25 | (ac->kind == ACCESS_WRITE ? 1u << 6 : 0) | fsc | level;
}

/* The hardware level (0-3) of the real level lv: the pte is level 3, each
 * real level above one less. */
static unsigned rule_hw_level(const struct rules *r, enum level lv)
{
	unsigned below = 0;

	for (int l = lv + 1; l < LEVEL_COUNT; l++)
		below += r->shift[l] != 0;
	return 3 - below;
}

/* "The folded indices are 0": (addr >> SHIFT) & (PTRS_PER - 1), or 0. */
static uint64_t rule_index(const struct rules *r, enum level lv, uint64_t addr)
{
	return r->shift[lv] ? (addr >> r->shift[lv]) & (r->ptrs[lv] - 1) : 0;
}

/* An arm64 walk step states what the learner's arm64 rules give: the base
 * register bit 55 picks, its table, each next table (or the block or
 * page) in the descriptor's bits 47..PAGE_SHIFT, and on an abort FAR_EL1
 * and ESR_EL1. Returns the statements checked. */
static size_t check_arm64_walk(const struct lesson *l, size_t s, const struct step *st,
			       const struct rules *r)
{
	const struct walk *w = &st->u.walk.walk;
	const struct table_setup *su = &st->u.walk.setup;
	int sel = rule_ttbr(r, w->addr), prev = -1;
	size_t n = 0;

	if (w->ttbr != sel)
		fail_msg("%s:%d: step %zu walks 0x%llx from TTBR%d_EL1; bit 55 says %d",
			 l->path, st->line, s + 1, (unsigned long long)w->addr, w->ttbr, sel);
	n++;
	if (sel < 0) {
		assert_int_equal(w->status, WALK_BAD_ADDRESS);
		assert_int_equal(w->nsteps, 0);
	} else if (w->nsteps > 0) {
		uint64_t ttbr = sel ? su->ttbr1 : su->cr3;
		uint64_t top = (uint64_t)r->ptrs[LEVEL_PGD] * 8;
		uint64_t base = ttbr & 0x0000fffffffffffeULL & ~((top < 64 ? 64 : top) - 1);
		assert_int_equal(w->cr3, ttbr);
		assert_int_equal(w->step[0].table, base);
		n += 2;
	}
	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *ws = &w->step[i];
		if (ws->folded)
			continue;
		if (prev >= 0) {
			/* the table the last descriptor names */
			if (ws->table != rule_desc_base(r, w->step[prev].entry))
				fail_msg("%s:%d: step %zu reads the %s table at 0x%llx; the %s "
					 "descriptor 0x%llx names 0x%llx", l->path, st->line, s + 1,
					 level_name(ws->level), (unsigned long long)ws->table,
					 level_name(w->step[prev].level),
					 (unsigned long long)w->step[prev].entry,
					 (unsigned long long)rule_desc_base(r, w->step[prev].entry));
			n++;
		}
		prev = i;
	}
	if (w->status == WALK_OK) {
		/* a block or page keeps the address's low bits as the offset */
		assert_true(prev >= 0);
		assert_int_equal(w->phys, rule_desc_base(r, w->step[prev].entry) +
				 (w->addr & (w->page_size - 1)));
		assert_int_equal(w->esr, 0);
		n++;
	} else {
		char name[64];
		const char *kind = w->status == WALK_ACCESS_FLAG ? "access flag" :
				   w->status == WALK_PROTECTION ? "permission" : "translation";
		unsigned level = w->status == WALK_BAD_ADDRESS || w->fail < 0 ? 0 :
				 rule_hw_level(r, w->step[w->fail].level);
		snprintf(name, sizeof name, "level %u %s fault", level, kind);
		if (w->far != w->addr || w->esr != rule_esr(&st->u.walk.access, name))
			fail_msg("%s:%d: step %zu: the %s at 0x%llx reports FAR 0x%llx, ESR "
				 "0x%08x; the rules give FAR 0x%llx, ESR 0x%08x", l->path,
				 st->line, s + 1, name, (unsigned long long)w->addr,
				 (unsigned long long)w->far, w->esr,
				 (unsigned long long)w->addr, rule_esr(&st->u.walk.access, name));
		n += 2;
	}
	return n;
}

/* The learner's rules agree with every index the lesson's steps state. */
static size_t check_statements(const struct lesson *l)
{
	size_t n = 0;

	for (size_t s = 0; s < l->nsteps; s++) {
		const struct step *st = &l->steps[s];
		const struct addr_fields *f[COMPARE_MAX] = { 0 };
		const struct arch *a[COMPARE_MAX] = { 0 };
		size_t k = 0;

		if (st->kind == STEP_SPLIT) {
			f[k] = &st->u.split.fields;
			a[k++] = st->u.split.arch;
		} else if (st->kind == STEP_COMPARE) {
			for (size_t i = 0; i < st->u.compare.narch; i++)
				if (st->u.compare.fits[i]) {
					f[k] = &st->u.compare.fields[i];
					a[k++] = st->u.compare.arch[i];
				}
		} else if (st->kind == STEP_WALK) {
			/* every level read: entry = table + index * size, and a
			 * folded level's entry is the one it folds into */
			const struct walk *w = &st->u.walk.walk;
			const struct rules *r = rules_of(st->u.walk.setup.arch);
			if (r->va_bits)
				n += check_arm64_walk(l, s, st, r);
			for (int i = 0; i < w->nsteps; i++) {
				const struct walk_step *ws = &w->step[i];
				enum level lv = ws->level;
				if (r->shift[lv]) {
					assert_int_equal(ws->index, rule_index(r, lv, w->addr));
					assert_int_equal(ws->entry_pa,
							 ws->table + (uint64_t)ws->index * r->entry);
				} else {
					for (int j = 0; j < w->nsteps; j++)
						if (w->step[j].level == r->into[lv])
							assert_int_equal(ws->entry_pa, w->step[j].entry_pa);
				}
				n++;
			}
		}
		for (size_t i = 0; i < k; i++) {
			const struct rules *r = rules_of(a[i]);
			for (int lv = 0; lv < LEVEL_COUNT; lv++) {
				if (f[i]->index[lv] != rule_index(r, (enum level)lv, f[i]->addr))
					fail_msg("%s:%d: step %zu says the %s index of 0x%llx is %u",
						 l->path, st->line, s + 1, level_name((enum level)lv),
						 (unsigned long long)f[i]->addr, f[i]->index[lv]);
				n++;
			}
		}
	}
	return n;
}

/* The English words of a word fact of qi by name, or NULL. */
static const char *fact_word(const struct quiz_instance *qi, const char *name)
{
	static struct quiz_fact fs[QUIZ_MAX_FACTS];
	size_t n = quiz_facts(qi, fs);

	for (size_t i = 0; i < n; i++)
		if (strcmp(fs[i].name, name) == 0 && fs[i].kind == FACT_WORD)
			return fs[i].words[LANG_EN][0];
	return NULL;
}

/* A fact of qi by name (quiz_facts: what the question states). */
static bool fact(const struct quiz_instance *qi, const char *name, uint64_t *num)
{
	struct quiz_fact fs[QUIZ_MAX_FACTS];
	size_t n = quiz_facts(qi, fs);

	for (size_t i = 0; i < n; i++)
		if (strcmp(fs[i].name, name) == 0) {
			if (num)
				*num = fs[i].num;
			return true;
		}
	return false;
}

struct where {
	const struct lesson *l;
	size_t step;
	uint64_t seed;
};

static void expect_right(const struct where *at, const struct quiz_instance *qi,
			 const char *typed)
{
	struct grade g;

	quiz_grade(qi, typed, &g);
	if (g.result != GRADE_RIGHT)
		fail_msg("%s step %zu seed %llu: \"%s\" is what the lesson's rules give, graded "
			 "%s:\n  Q: %s\n  feedback: %s", at->l->path, at->step + 1,
			 (unsigned long long)at->seed, typed,
			 g.result == GRADE_WRONG ? "wrong" : "not read",
			 text_get(&qi->question, LANG_EN), g.feedback[LANG_EN]);
}

/* A number typed in decimal and in hex. */
static void expect_number(const struct where *at, const struct quiz_instance *qi, uint64_t v)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
	expect_right(at, qi, buf);
	snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
	expect_right(at, qi, buf);
}

/* do_page_fault's first decision, as lessons 07 and 08 teach it (2.6,
 * i386): the words a right answer may use. */
static bool branch_right(const struct quiz_instance *qi, const char *choice)
{
	const struct step_quiz *q = &qi->step->u.quiz;
	uint32_t e = qi->error_code;
	bool user = e & 4, write = e & 2, prot = e & 1;
	const char *right[3] = { NULL, NULL, NULL };

	if (qi->addr >= q->task_size) {
		if (!(e & (8 | 4 | 1))) {
			right[0] = "vmalloc_fault";
		} else {
			right[0] = "bad_area";           /* goto bad_area_nosemaphore */
			right[1] = user ? NULL : "oops";
		}
	} else {
		const struct vma *v = NULL;
		for (size_t i = 0; i < q->nvmas; i++)
			if (q->vmas[i].start <= qi->addr && qi->addr < q->vmas[i].end)
				v = &q->vmas[i];
		bool ok = v && (write ? v->write : !prot && (v->read || v->write || v->exec));
		right[0] = ok ? "handle_mm_fault" : user ? "bad_area" : "oops";
	}
	/* `names: linux-6.1`: 6.1's functions (do_kern_addr_fault goes to
	 * bad_area_nosemaphore, which in kernel mode ends in page_fault_oops;
	 * do_user_addr_fault, finding no vma, calls bad_area_nosemaphore too:
	 * arch/x86/mm/fault.c in 6.1.192, after lock_mm_and_find_vma) */
	for (int i = 0; q->linux61 && i < 3; i++)
		if (right[i] && strcmp(right[i], "bad_area") == 0)
			right[i] = "bad_area_nosemaphore";
		else if (right[i] && strcmp(right[i], "oops") == 0)
			right[i] = "page_fault_oops";
	for (int i = 0; i < 3; i++)
		if (right[i] && strcmp(right[i], choice) == 0)
			return true;
	return false;
}

/* The choices a question lists at its end, "(a, b, c)" (、 in Japanese). */
static size_t listed_choices(const char *q, char out[][40], size_t max)
{
	const char *open = strrchr(q, '('), *close;
	size_t n = 0;

	if (!open || !(close = strchr(open, ')')))
		return 0;
	for (const char *p = open + 1; p < close && n < max;) {
		size_t len = 0;
		while (p < close && (*p == ' ' || *p == ','))
			p++;
		if (strncmp(p, "、", 3) == 0) {
			p += 3;
			continue;
		}
		while (p + len < close && p[len] != ',' && strncmp(p + len, "、", 3) != 0)
			len++;
		while (len && p[len - 1] == ' ')
			len--;
		if (len && len < 40) {
			memcpy(out[n], p, len);
			out[n++][len] = '\0';
		}
		p += len;
	}
	return n;
}

static void play_choices(const struct where *at, const struct quiz_instance *qi, size_t *listed)
{
	if (qi->kind != QUIZ_FAULT_PATH)
		return;
	for (int lang = 0; lang < LANG_COUNT; lang++) {
		char ch[8][40];
		size_t n = listed_choices(text_get(&qi->question, (enum lang)lang), ch, 8);
		size_t rights = 0;
		for (size_t i = 0; i < n; i++) {
			struct grade g;
			bool want = branch_right(qi, ch[i]);
			quiz_grade(qi, ch[i], &g);
			if ((g.result == GRADE_RIGHT) != want)
				fail_msg("%s step %zu seed %llu: the listed choice \"%s\" is %s but "
					 "graded %s:\n  Q: %s\n  feedback: %s", at->l->path,
					 at->step + 1, (unsigned long long)at->seed, ch[i],
					 want ? "right" : "wrong", want ? "wrong" : "right",
					 text_get(&qi->question, (enum lang)lang), g.feedback[LANG_EN]);
			rights += want;
		}
		if (n == 0)
			fail_msg("%s step %zu: a fault-path question lists no choices", at->l->path,
				 at->step + 1);
		if (n && !rights)
			fail_msg("%s step %zu seed %llu: no listed choice is right", at->l->path,
				 at->step + 1, (unsigned long long)at->seed);
		*listed += n;
	}
}

/* Work qi out from the lesson's rules and the stated facts; grade it. */
static void play(const struct where *at, const struct quiz_instance *qi)
{
	const struct rules *r = rules_of(qi->arch);
	char buf[200];
	uint64_t t = 0, frame = 0, e = 0;

	switch (qi->kind) {
	case QUIZ_INDEX:
		expect_number(at, qi, rule_index(r, qi->level, qi->addr));
		break;
	case QUIZ_OFFSET:
		expect_number(at, qi, qi->addr & rule_offset_mask(r));
		break;
	case QUIZ_SPLIT: {
		size_t u = 0, u5 = 0;
		char all[200];
		for (int lv = 0; lv < LEVEL_COUNT; lv++) {
			uint64_t i = rule_index(r, (enum level)lv, qi->addr);
			if (r->shift[lv])
				u += (size_t)snprintf(buf + u, sizeof buf - u, "%llu ",
						      (unsigned long long)i);
			u5 += (size_t)snprintf(all + u5, sizeof all - u5, "%llu ",
					       (unsigned long long)i);
		}
		snprintf(buf + u, sizeof buf - u, "0x%llx",
			 (unsigned long long)(qi->addr & rule_offset_mask(r)));
		snprintf(all + u5, sizeof all - u5, "0x%llx",
			 (unsigned long long)(qi->addr & rule_offset_mask(r)));
		expect_right(at, qi, buf);
		expect_right(at, qi, all);       /* folded levels typed as their 0 */
		break;
	}
	case QUIZ_ENTRY: {
		enum level real = r->into[qi->level];
		assert_true(fact(qi, "table", &t));
		if (r->shift[qi->level]) {
			expect_number(at, qi, t + rule_index(r, qi->level, qi->addr) * r->entry);
		} else {
			/* the stated table is the real level's; its entry is the folded one's */
			expect_number(at, qi, t + rule_index(r, real, qi->addr) * r->entry);
		}
		/* {table} as the question may state it, plus the index the lesson
		 * gives that level (0 when folded) */
		expect_number(at, qi, quiz_level_table(qi) +
			      rule_index(r, qi->level, qi->addr) * r->entry);
		break;
	}
	case QUIZ_PHYS:
		assert_true(fact(qi, "frame", &frame));
		expect_number(at, qi, frame + (qi->addr & (qi->walk.page_size - 1)));
		break;
	case QUIZ_ERROR_CODE: {
		const struct access *ac = &qi->step->u.quiz.access;
		e = (fact(qi, "read-only", NULL) || fact(qi, "kernel-only", NULL) ||
		     fact(qi, "no-execute", NULL) || fact(qi, "reserved", NULL)) ? 1 : 0;
		e |= ac->kind == ACCESS_WRITE ? 2 : 0;
		e |= ac->user ? 4 : 0;
		e |= fact(qi, "reserved", NULL) ? 8 : 0;
		e |= ac->kind == ACCESS_EXEC && r->entry == 8 ? 0x10 : 0;
		expect_number(at, qi, e);
		break;
	}
	case QUIZ_ERROR_BITS: {
		static const char *const names[] = { "P", "W", "U", "RSVD", "I", "PK" };
		size_t u = 0;
		assert_true(fact(qi, "error code", &e));
		buf[0] = '\0';
		for (int b = 0; b < 6; b++)
			if (e & (1u << b))
				u += (size_t)snprintf(buf + u, sizeof buf - u, "%s%s", u ? " " : "",
						      names[b]);
		expect_right(at, qi, u ? buf : "-");
		break;
	}
	case QUIZ_TTBR: {
		int sel = rule_ttbr(r, qi->addr);
		assert_true(fact(qi, "addr", NULL));
		if (sel < 0)
			fail_msg("%s step %zu seed %llu: 0x%llx is in neither TTBR range",
				 at->l->path, at->step + 1, (unsigned long long)at->seed,
				 (unsigned long long)qi->addr);
		expect_number(at, qi, (uint64_t)sel);
		break;
	}
	case QUIZ_ESR: {
		/* from the access, who makes it, and the fault the question names */
		const char *fault = fact_word(qi, "fault");
		uint32_t want;
		assert_non_null(fault);
		assert_non_null(fact_word(qi, "access"));
		assert_non_null(fact_word(qi, "mode"));
		want = rule_esr(&qi->step->u.quiz.access, fault);
		if (!want)
			fail_msg("%s step %zu seed %llu: the question names \"%s\", which the "
				 "lesson's rules do not turn into a DFSC", at->l->path, at->step + 1,
				 (unsigned long long)at->seed, fault);
		expect_number(at, qi, want);
		break;
	}
	case QUIZ_MACRO: {
		uint64_t v;
		assert_int_equal(arch_macro_value(qi->arch, qi->macro, &v), 0);
		expect_number(at, qi, v);
		break;
	}
	default:
		break;
	}
}

static void test_play_every_quiz(void **state)
{
	glob_t g;
	size_t quizzes = 0, played = 0, listed = 0, statements = 0, arm64 = 0;

	(void)state;
	assert_int_equal(glob("lessons/[0-9][0-9]-*.yaml", 0, NULL, &g), 0);
	for (size_t f = 0; f < g.gl_pathc; f++) {
		struct diag d = { 0 };
		struct lesson *l = lesson_load(g.gl_pathv[f], &d);
		if (!l)
			fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
		if (l->arch->family == FAMILY_ARM64)
			arm64++;
		statements += check_statements(l);
		for (size_t s = 0; s < l->nsteps; s++) {
			if (l->steps[s].kind != STEP_QUIZ)
				continue;
			quizzes++;
			for (uint64_t seed = 1; seed <= SEEDS; seed++) {
				struct where at = { l, s, seed };
				struct quiz_instance qi;
				assert_int_equal(quiz_instance(&l->steps[s], seed, &qi, &d), 0);
				play(&at, &qi);
				play_choices(&at, &qi, &listed);
				played++;
				quiz_instance_clear(&qi);
			}
		}
		lesson_free(l);
	}
	globfree(&g);
	print_message("%zu quizzes, %zu instances played, %zu listed choices graded, %zu "
		      "statements checked, %zu arm64 lessons\n", quizzes, played, listed,
		      statements, arm64);
	assert_true(quizzes >= 30);
	assert_true(arm64 >= 4);         /* lessons 12-15 played too */
	assert_true(listed > 0);
	assert_true(statements > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_play_every_quiz),
	};
	const char *root = getenv("PAGEWALK_ROOT");

	if (root && chdir(root) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
