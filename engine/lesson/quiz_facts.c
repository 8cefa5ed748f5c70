/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz_facts.c - the inputs each kind of quiz's answer depends on.
 *
 * quiz_facts() lists, for one instance, every value the engine used to
 * compute the answer that the learner cannot derive from what the lesson
 * teaches in general (shifts, masks, error-code bits, do_page_fault's
 * rules): the arch, the address, the level, the macro, the error code, the
 * table bases, the page's frame, the access and mode, whether the page is
 * present, the vmas. tests/unit/test_quiz_facts.c checks that each shipped
 * quiz states all of them in its question or hints for many seeds, so the
 * facts on screen determine the one answer.
 */
#include "lesson/quiz.h"
#include "paging/arm64.h"

#include <string.h>

static void num(struct quiz_fact *f, size_t *n, const char *name, uint64_t v)
{
	f[(*n)++] = (struct quiz_fact){ .name = name, .kind = FACT_NUMBER, .num = v };
}

static void word(struct quiz_fact *f, size_t *n, const char *name, const char *en,
		 const char *ja, const char *ja2)
{
	f[*n] = (struct quiz_fact){ .name = name, .kind = FACT_WORD };
	f[*n].words[LANG_EN][0] = en;
	f[*n].words[LANG_JA][0] = ja;
	f[*n].words[LANG_JA][1] = ja2;
	(*n)++;
}

static void arch_fact(const struct quiz_instance *qi, struct quiz_fact *f, size_t *n)
{
	f[*n] = (struct quiz_fact){ .name = "arch", .kind = FACT_WORD,
				    .premise = qi->step->u.quiz.narchs == 1 };
	f[*n].words[LANG_EN][0] = qi->arch->name;
	f[*n].words[LANG_JA][0] = qi->arch->name;
	(*n)++;
}

static void access_facts(const struct quiz_instance *qi, struct quiz_fact *f, size_t *n)
{
	const struct access *ac = &qi->step->u.quiz.access;

	if (ac->kind == ACCESS_WRITE)
		word(f, n, "access", "write", "書き込", NULL);
	else if (ac->kind == ACCESS_EXEC) {
		word(f, n, "access", "execut", "実行", "取り出");   /* or "fetch" an instruction */
		f[*n - 1].words[LANG_EN][1] = "fetch";
	}
	else
		word(f, n, "access", "read", "読", NULL);
	if (qi->arch->family == FAMILY_ARM64) {   /* or by its exception level */
		word(f, n, "mode", ac->user ? "user" : "kernel", ac->user ? "ユーザー" : "カーネル",
		     ac->user ? "EL0" : "EL1");
		f[*n - 1].words[LANG_EN][1] = ac->user ? "EL0" : "EL1";
	} else if (ac->user)
		word(f, n, "mode", "user", "ユーザー", NULL);
	else
		word(f, n, "mode", "kernel", "カーネル", NULL);
}

/* The table an entry quiz's answer starts from: the level's own table,
 * or for a folded level the table of the real level it folds into (the
 * learner walks that level and its entry is the folded one's). */
static uint64_t level_table(const struct quiz_instance *qi)
{
	const struct walk_step *fold = NULL;

	for (int i = 0; i < qi->walk.nsteps; i++)
		if (qi->walk.step[i].level == qi->level && qi->walk.step[i].folded)
			fold = &qi->walk.step[i];
	return fold ? fold->table : quiz_level_table(qi);
}

static void vma_facts(const struct quiz_instance *qi, struct quiz_fact *f, size_t *n)
{
	const struct step_quiz *q = &qi->step->u.quiz;

	if (qi->addr >= q->task_size)
		return;
	for (size_t i = 0; i < q->nvmas && *n + 2 <= QUIZ_MAX_FACTS; i++) {
		num(f, n, "vma start", q->vmas[i].start);
		num(f, n, "vma end", q->vmas[i].end);
	}
}

size_t quiz_facts(const struct quiz_instance *qi, struct quiz_fact *f)
{
	size_t n = 0;

	switch (qi->kind) {
	case QUIZ_INDEX:
		arch_fact(qi, f, &n);
		num(f, &n, "addr", qi->addr);
		word(f, &n, "level", level_name(qi->level), level_name(qi->level), NULL);
		break;
	case QUIZ_OFFSET:
		num(f, &n, "addr", qi->addr);
		break;
	case QUIZ_SPLIT:
		arch_fact(qi, f, &n);
		num(f, &n, "addr", qi->addr);
		break;
	case QUIZ_MACRO:
		arch_fact(qi, f, &n);
		word(f, &n, "macro", qi->macro, qi->macro, NULL);
		break;
	case QUIZ_ERROR_BITS:
		num(f, &n, "error code", qi->error_code);
		break;
	case QUIZ_ENTRY:
		arch_fact(qi, f, &n);
		num(f, &n, "addr", qi->addr);
		word(f, &n, "level", level_name(qi->level), level_name(qi->level), NULL);
		num(f, &n, "table", level_table(qi));
		break;
	case QUIZ_PHYS:
		num(f, &n, "addr", qi->addr);
		num(f, &n, "frame", qi->walk.frame);
		break;
	case QUIZ_ERROR_CODE: {
		bool present = qi->walk.status == WALK_PROTECTION ||
			       qi->walk.status == WALK_RESERVED;
		access_facts(qi, f, &n);
		if (present)
			word(f, &n, "present", "is present", "は存在する", NULL);
		else
			word(f, &n, "present", "is not present", "は存在しない", NULL);
		/* present and faulting: which right the entry lacks */
		if (qi->walk.status == WALK_PROTECTION && qi->walk.fail >= 0) {
			uint64_t e = qi->walk.step[qi->walk.fail].entry;
			if (qi->walk.access.user && !(e & PTE_US))
				word(f, &n, "kernel-only", "kernel-only", "カーネル専用", NULL);
			else if (qi->walk.access.kind == ACCESS_WRITE && !(e & PTE_RW))
				word(f, &n, "read-only", "read-only", "読み取り専用", NULL);
			else
				word(f, &n, "no-execute", "not executable", "実行禁止", NULL);
		}
		if (qi->walk.status == WALK_RESERVED)   /* RSVD: which entry is bad */
			word(f, &n, "reserved", "reserved", "予約", NULL);
		break;
	}
	case QUIZ_FAULT_PATH:
		num(f, &n, "addr", qi->addr);
		num(f, &n, "error code", qi->error_code);
		vma_facts(qi, f, &n);
		break;
	case QUIZ_ESR:    /* the fault found (kind and level), the access, the EL */
		access_facts(qi, f, &n);
		word(f, &n, "fault", arm64_fsc_name(qi->walk.esr & ESR_FSC),
		     arm64_fsc_name_ja(qi->walk.esr & ESR_FSC), NULL);
		break;
	case QUIZ_TTBR:
		num(f, &n, "addr", qi->addr);
		break;
	default:
		break;
	}
	return n;
}
