/* SPDX-License-Identifier: GPL-2.0-only */
/* sandbox.c - the learner's own walk and its fill-in table (sandbox.h).
 * Grading goes through the quiz grader: a fill-in field is graded as the
 * index, entry or phys quiz about the same walk would be.
 */
#include "lesson/sandbox.h"
#include "quiz_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The flags of a table entry at real level lv (PAE PDPT entries: P only). */
static uint64_t table_flags(const struct arch *a, enum level lv)
{
	return a->id == ARCH_X86_32_PAE && lv == LEVEL_PGD ? PTE_P : PTE_P | PTE_RW | PTE_US;
}

/* Build the tables mapping addr's page at SANDBOX_FRAME into pm; *cr3. */
static int build(const struct arch *a, struct physmem *pm, uint64_t addr, uint64_t *cr3,
		 struct diag *d)
{
	struct addr_fields f;
	uint64_t table = SANDBOX_TABLES_AT, next = SANDBOX_TABLES_AT + 0x1000;

	if (addr_split(a, addr, &f, d) < 0)
		return -1;
	*cr3 = table;
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		uint64_t e;
		if (a->level[lv].folded)
			continue;
		e = lv == LEVEL_PTE ? SANDBOX_FRAME | PTE_P | PTE_RW | PTE_US | PTE_A
				    : next | table_flags(a, (enum level)lv);
		if (physmem_write(pm, table + (uint64_t)f.index[lv] * a->entry_size, e,
				  a->entry_size) < 0) {
			diag_set(d, NULL, 0, 0, "out of memory");
			return -1;
		}
		table = next;
		next += 0x1000;
	}
	return 0;
}

struct sandbox *sandbox_new(const struct arch *a, uint64_t addr, struct access acc,
			    const struct memimage *img, struct diag *d)
{
	struct sandbox *sb = calloc(1, sizeof *sb);

	if (!sb) {
		diag_set(d, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (img && a && a != img->arch) {
		diag_set(d, NULL, 0, 0, "the memory image is for %s, not %s", img->arch->name,
			 a->name);
		goto fail;
	}
	sb->arch = img ? img->arch : a;
	sb->addr = addr;
	sb->access = acc;
	sb->from_image = img != NULL;
	if (addr_split(sb->arch, addr, &sb->fields, d) < 0)
		goto fail;
	sb->mem = img ? physmem_clone(img->mem) : physmem_new();
	if (!sb->mem) {
		diag_set(d, NULL, 0, 0, "out of memory");
		goto fail;
	}
	if (img)
		sb->cr3 = img->cr3;
	else if (build(sb->arch, sb->mem, addr, &sb->cr3, d) < 0)
		goto fail;
	walk_run(sb->arch, sb->mem, sb->cr3, addr, acc, &sb->walk);
	for (int i = 0; i < sb->walk.nsteps; i++)
		if (!sb->walk.step[i].folded)
			sb->rows[sb->nrows++] = i;
	return sb;
fail:
	sandbox_free(sb);
	return NULL;
}

void sandbox_free(struct sandbox *sb)
{
	if (!sb)
		return;
	physmem_free(sb->mem);
	free(sb);
}

uint64_t sandbox_want(const struct sandbox *sb, int r, enum sandbox_field f)
{
	const struct walk_step *s;

	if (r < 0 || r >= sb->nrows)
		return 0;
	s = &sb->walk.step[sb->rows[r]];
	return f == SANDBOX_INDEX ? s->index : f == SANDBOX_ENTRY ? s->entry_pa : s->entry;
}

/* A quiz instance about the sandbox's walk asking kind at level lv (its
 * question empty: only the grader reads it). */
static void as_quiz(const struct sandbox *sb, enum quiz_kind kind, enum level lv, uint64_t answer,
		    struct quiz_instance *qi)
{
	memset(qi, 0, sizeof *qi);
	qi->kind = kind;
	qi->arch = sb->arch;
	qi->addr = sb->addr;
	qi->level = lv;
	qi->type = ANSWER_NUMBER;
	qi->answer = answer;
	qi->fields = sb->fields;
	qi->walk = sb->walk;
	snprintf(qi->answer_text, sizeof qi->answer_text, kind == QUIZ_INDEX ? "%llu" : "0x%llx",
		 (unsigned long long)answer);
}

/* The value field: another entry's value of the same table, or read it. */
static void check_value(const struct sandbox *sb, const struct walk_step *s, const char *typed,
			struct grade *g)
{
	const struct arch *a = sb->arch;
	uint64_t v;

	if (quiz_parse_num(typed, &v) < 0 && quiz_bare_hex(typed, &v) < 0) {
		g->result = GRADE_UNPARSED;
		quiz_say(g, LANG_EN, "Type the entry's value: hex with 0x (0x1007).");
		quiz_say(g, LANG_JA, "エントリの値を入力してください: 16 進は 0x 付き (0x1007)。");
		return;
	}
	if (v == s->entry) {
		g->result = GRADE_RIGHT;
		quiz_say(g, LANG_EN, "Right: 0x%llx.", (unsigned long long)v);
		quiz_say(g, LANG_JA, "正解: 0x%llx。", (unsigned long long)v);
		return;
	}
	g->result = GRADE_WRONG;
	g->wrong_level = s->level;
	for (unsigned i = 0; i < a->level[s->level].ptrs && v; i++) {
		uint64_t pa = s->table + (uint64_t)i * a->entry_size;
		if (pa == s->entry_pa || physmem_read(sb->mem, pa, a->entry_size) != v)
			continue;
		quiz_say(g, LANG_EN, "That is the value of entry %u (at 0x%llx), not of entry %u.", i,
			 (unsigned long long)pa, s->index);
		quiz_say(g, LANG_JA, "それはエントリ %u (0x%llx) の値で、エントリ %u の値ではありません。",
			 i, (unsigned long long)pa, s->index);
		return;
	}
	quiz_say(g, LANG_EN, "Read the %s entry at its address, 0x%llx, in the table.",
		 level_name(s->level), (unsigned long long)s->entry_pa);
	quiz_say(g, LANG_JA, "テーブルの中の %s エントリをそのアドレス 0x%llx で読んでください。",
		 level_name(s->level), (unsigned long long)s->entry_pa);
}

void sandbox_check(const struct sandbox *sb, int r, enum sandbox_field f, const char *typed,
		   struct grade *g)
{
	struct quiz_instance qi;
	const struct walk_step *s;

	memset(g, 0, sizeof *g);
	g->wrong_level = -1;
	if (r < 0 || r >= sb->nrows || (unsigned)f >= SANDBOX_FIELDS) {
		g->result = GRADE_UNPARSED;
		quiz_say(g, LANG_EN, "The walk does not read that level.");
		quiz_say(g, LANG_JA, "この変換はその段を読みません。");
		return;
	}
	s = &sb->walk.step[sb->rows[r]];
	if (f == SANDBOX_VALUE) {
		char t[200];
		snprintf(t, sizeof t, "%s", typed);
		for (char *p = t + strlen(t); p > t && (p[-1] == ' ' || p[-1] == '\t'); p--)
			p[-1] = '\0';
		check_value(sb, s, t + strspn(t, " \t"), g);
		return;
	}
	as_quiz(sb, f == SANDBOX_INDEX ? QUIZ_INDEX : QUIZ_ENTRY, s->level,
		sandbox_want(sb, r, f), &qi);
	quiz_grade(&qi, typed, g);
}

void sandbox_check_phys(const struct sandbox *sb, const char *typed, struct grade *g)
{
	struct quiz_instance qi;

	if (sb->walk.status != WALK_OK) {
		memset(g, 0, sizeof *g);
		g->wrong_level = -1;
		g->result = GRADE_UNPARSED;
		quiz_say(g, LANG_EN, "The walk does not reach a page: it faults (error code 0x%x).",
			 sb->walk.error_code);
		quiz_say(g, LANG_JA, "この変換はページに到達せず、フォルトします (エラーコード 0x%x)。",
			 sb->walk.error_code);
		return;
	}
	as_quiz(sb, QUIZ_PHYS, LEVEL_PTE, sb->walk.phys, &qi);
	quiz_grade(&qi, typed, g);
}
