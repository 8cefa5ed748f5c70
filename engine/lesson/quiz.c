/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz.c - concrete quiz questions from a seed (see quiz.h): the arch,
 * level, macro or error code picked among the step's candidates, a fresh
 * address meeting its constraints, the answer computed by the engine, and
 * the question and hints with their placeholders filled. Grading is in
 * quiz_grade.c and quiz_grade_number.c, the worked solution in
 * quiz_answer.c (quiz_int.h lists them).
 */
#include "lesson/quiz.h"

#include <stdio.h>
#include <string.h>

#include "lesson/placeholder.h"
#include "paging/arm64.h"

#define MAX_TRIES 2000

uint64_t quiz_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform value in [lo, hi]. */
static uint64_t rand_in(uint64_t *st, uint64_t lo, uint64_t hi)
{
	uint64_t span = hi - lo;

	if (span == UINT64_MAX)
		return quiz_rand(st);
	return lo + quiz_rand(st) % (span + 1);
}

void quiz_instance_clear(struct quiz_instance *qi)
{
	if (!qi)
		return;
	text_clear(&qi->question);
	for (size_t i = 0; i < qi->nhints; i++)
		text_clear(&qi->hints[i]);
	qi->nhints = 0;
}

/* ---- building an instance ---------------------------------------------------------- */

/* Does addr give this kind of quiz something to ask? Fills the answer. */
static bool compute(const struct step_quiz *q, struct quiz_instance *qi)
{
	const struct arch *a = qi->arch;

	if (addr_split(a, qi->addr, &qi->fields, NULL) < 0)
		return false;
	switch (qi->kind) {
	case QUIZ_INDEX:
		qi->type = ANSWER_NUMBER;
		qi->answer = qi->fields.index[qi->level];
		snprintf(qi->answer_text, sizeof qi->answer_text, "%llu (0x%llx)",
			 (unsigned long long)qi->answer, (unsigned long long)qi->answer);
		return true;
	case QUIZ_OFFSET:
		qi->type = ANSWER_NUMBER;
		qi->answer = qi->fields.offset;
		snprintf(qi->answer_text, sizeof qi->answer_text, "0x%llx",
			 (unsigned long long)qi->answer);
		return true;
	case QUIZ_SPLIT: {
		size_t used = 0;
		qi->type = ANSWER_FIELDS;
		qi->answer_text[0] = '\0';
		for (int lv = 0; lv < LEVEL_COUNT; lv++) {
			if (a->level[lv].folded)
				continue;
			used += (size_t)snprintf(qi->answer_text + used, sizeof qi->answer_text - used,
						 "%u ", qi->fields.index[lv]);
		}
		snprintf(qi->answer_text + used, sizeof qi->answer_text - used, "0x%llx",
			 (unsigned long long)qi->fields.offset);
		return true;
	}
	case QUIZ_TTBR:
		qi->type = ANSWER_NUMBER;
		qi->answer = qi->fields.ttbr;
		snprintf(qi->answer_text, sizeof qi->answer_text, "%u (TTBR%u_EL1)", qi->fields.ttbr,
			 qi->fields.ttbr);
		return true;
	case QUIZ_ENTRY:
	case QUIZ_PHYS:
	case QUIZ_ERROR_CODE:
	case QUIZ_ESR:
		walk_run_any(a, q->setup.mem, q->setup.cr3, q->setup.ttbr1, qi->addr, q->access,
			     &qi->walk);
		qi->type = ANSWER_NUMBER;
		if (qi->kind == QUIZ_PHYS) {
			if (qi->walk.status != WALK_OK)
				return false;
			qi->answer = qi->walk.phys;
		} else if (qi->kind == QUIZ_ERROR_CODE) {
			if (qi->walk.status == WALK_OK || qi->walk.status == WALK_BAD_ADDRESS)
				return false;
			qi->answer = qi->walk.error_code;
		} else if (qi->kind == QUIZ_ESR) {
			if (qi->walk.status == WALK_OK)
				return false;
			qi->answer = qi->walk.esr;
			snprintf(qi->answer_text, sizeof qi->answer_text, "0x%08llx",
				 (unsigned long long)qi->answer);
			return true;
		} else {
			int found = -1;
			for (int i = 0; i < qi->walk.nsteps; i++)
				if (qi->walk.step[i].level == qi->level)
					found = i;
			if (found < 0)
				return false;
			qi->answer = qi->walk.step[found].entry_pa;
		}
		snprintf(qi->answer_text, sizeof qi->answer_text, "0x%llx",
			 (unsigned long long)qi->answer);
		return true;
	case QUIZ_FAULT_PATH: {
		struct fault_in in = { .addr = qi->addr, .error_code = qi->error_code,
				       .task_size = q->task_size, .vmas = q->vmas,
				       .nvmas = q->nvmas };
		qi->type = ANSWER_WORD;
		const struct fault_path_info *pi;
		qi->path = fault_route(&in);
		pi = fault_path_info(qi->path);
		/* the branch asked for, then the route the kernel takes from there
		 * (a 6.1 question: both by Linux 6.1's functions) */
		const char *branch = q->linux61 ? fault_branch_kernel_name(pi->branch)
						: fault_branch_name(pi->branch);
		const char *route = q->linux61 ? fault_path_kernel_name(qi->path) : pi->name;
		if (strcmp(branch, route) == 0)
			snprintf(qi->answer_text, sizeof qi->answer_text, "%s", route);
		else
			snprintf(qi->answer_text, sizeof qi->answer_text, "%s (%s)", branch, route);
		return true;
	}
	default:
		return false;
	}
}

/* The address range a random address is drawn from for arch a. full64:
 * the whole canonical space of a 64-bit arch (drawn by sign extension). */
static void pick_range(const struct addr_constraint *c, const struct arch *a, uint64_t *lo,
		       uint64_t *hi, bool *full64)
{
	*full64 = false;
	if (c->has_range) {
		*lo = c->lo;
		*hi = c->hi;
	} else if (c->kernel || c->user) {
		arch_half(a, c->kernel, lo, hi);
	} else if (a->va_bits <= 32) {
		*lo = 0;
		*hi = 0xffffffffULL;
	} else {
		*lo = 0;
		*hi = UINT64_MAX;
		*full64 = true;
	}
}

/* Draw an address meeting q's constraints for which compute() succeeds. */
static int pick_addr(const struct step_quiz *q, struct quiz_instance *qi, uint64_t *st)
{
	const struct addr_constraint *c = &q->random;
	const struct arch *a = qi->arch;
	uint64_t lo, hi;
	bool full64;

	pick_range(c, a, &lo, &hi, &full64);
	for (int t = 0; t < MAX_TRIES; t++) {
		uint64_t v, rlo = lo, rhi = hi;
		bool ok = true;

		if (c->mapped) {
			const uint64_t *r = q->mapped[quiz_rand(st) % q->nmapped];
			rlo = r[0] > lo ? r[0] : lo;
			rhi = r[1] - 1 < hi ? r[1] - 1 : hi;
			if (rlo > rhi)
				continue;
			v = rand_in(st, rlo, rhi);
		} else if (full64 && a->family == FAMILY_ARM64) {
			/* either TTBR range: VA_BITS bits, the top ones set for TTBR1 */
			uint64_t r = quiz_rand(st), low = (1ULL << a->va_bits) - 1;
			v = (r & low) | ((r >> 63) ? ~low : 0);
		} else if (full64) {
			unsigned sh = 64 - a->va_bits;
			v = (uint64_t)((int64_t)(quiz_rand(st) << sh) >> sh);
		} else {
			v = rand_in(st, lo, hi);
		}
		v &= ~(c->align - 1);
		for (int lv = 0; lv < LEVEL_COUNT && ok; lv++) {
			uint64_t bit;
			if (c->parity[lv] < 0)
				continue;
			if (a->level[lv].folded) {
				ok = c->parity[lv] == 0;   /* a folded index is always 0 */
				continue;
			}
			bit = 1ULL << a->level[lv].shift;
			if (((v & bit) != 0) != (c->parity[lv] == 1))
				v ^= bit;
			if (bit < c->align)
				ok = c->parity[lv] == 0;   /* alignment clears the bit */
		}
		if (!ok || v < rlo || v > rhi)
			continue;
		qi->addr = v;
		if (compute(q, qi))
			return 0;
	}
	return -1;
}

struct qctx {
	const struct quiz_instance *qi;
	enum lang lang;
	char buf[256];               /* a placeholder's text built for it ({vmas}) */
};

/* The walk step of qi's level (entry quizzes), or NULL. */
static const struct walk_step *level_step(const struct quiz_instance *qi)
{
	const struct walk_step *found = NULL;

	for (int i = 0; i < qi->walk.nsteps; i++)
		if (qi->walk.step[i].level == qi->level)
			found = &qi->walk.step[i];
	return found;
}

/* What the walk of an error-code quiz found, in the words {present} gives:
 * not present, or present and which right it lacks for this access. */
static const char *present_words(const struct quiz_instance *qi, enum lang lang)
{
	static const char *const words[][LANG_COUNT] = {
		{ "not present", "存在しない" },
		{ "present", "存在する" },
		{ "present but read-only", "存在するが読み取り専用である" },
		{ "present but kernel-only (no US)", "存在するがカーネル専用(US なし)である" },
		{ "present but not executable (NX)", "存在するが実行禁止(NX)である" },
	};
	const struct walk *w = &qi->walk;
	int k = 1;

	if (w->status != WALK_OK && w->status != WALK_PROTECTION && w->status != WALK_RESERVED &&
	    w->status != WALK_ACCESS_FLAG)
		return words[0][lang];
	/* the rights named are x86's entry bits; arm64's say "present" only */
	if (w->status == WALK_PROTECTION && w->fail >= 0 && qi->arch->family == FAMILY_X86) {
		/* the right the failing entry lacks, in walk_check_rights' order */
		uint64_t e = w->step[w->fail].entry;
		if (w->access.user && !(e & PTE_US))
			k = 3;
		else if (w->access.kind == ACCESS_WRITE && !(e & PTE_RW))
			k = 2;
		else if (w->access.kind == ACCESS_EXEC)
			k = 4;
	}
	return words[k][lang];
}

/* The step's vmas as "0x08048000-0x08049000 r-x, ..." into buf ({vmas}). */
static void vmas_words(const struct step_quiz *q, enum lang lang, char *buf, size_t len)
{
	size_t u = 0;

	buf[0] = '\0';
	if (q->nvmas == 0)
		snprintf(buf, len, "%s", lang == LANG_JA ? "なし" : "none");
	for (size_t i = 0; i < q->nvmas && u < len; i++) {
		const struct vma *v = &q->vmas[i];
		int n = snprintf(buf + u, len - u, "%s0x%08llx-0x%08llx %c%c%c",
				 i == 0 ? "" : lang == LANG_JA ? "、" : ", ",
				 (unsigned long long)v->start, (unsigned long long)v->end,
				 v->read ? 'r' : '-', v->write ? 'w' : '-', v->exec ? 'x' : '-');
		if (n < 0)
			break;
		u += (size_t)n;
	}
}

uint64_t quiz_level_table(const struct quiz_instance *qi)
{
	const struct walk_step *ws = level_step(qi);

	if (!ws)
		return qi->walk.cr3;
	return ws->folded ? ws->entry_pa : ws->table;
}

/* The placeholders that state a quiz's tables: {cr3}, {table} (the table
 * an entry quiz's {level} entry is read from, quiz_level_table), {frame}
 * (the page's frame, phys quizzes) and {present} (whether the walk found
 * the page present, and if so which right it lacks). 1 when name is not one
 * of them. */
static int walk_resolve(const struct quiz_instance *qi, enum lang lang, const char *name,
			size_t len, struct ph_value *out, struct diag *d)
{
	const struct step_quiz *q = &qi->step->u.quiz;

	if (!ph_name_is(name, len, "cr3") && !ph_name_is(name, len, "table") &&
	    !ph_name_is(name, len, "frame") && !ph_name_is(name, len, "present") &&
	    !ph_name_is(name, len, "ttbr0") && !ph_name_is(name, len, "ttbr1") &&
	    !ph_name_is(name, len, "fault"))
		return 1;
	if (!q->has_tables || (qi->walk.nsteps == 0 && qi->walk.status != WALK_BAD_ADDRESS)) {
		diag_set(d, NULL, 0, 0, "{%.*s} needs a quiz with tables (entry, phys, "
			 "error-code, esr)", (int)len, name);
		return -1;
	}
	bool is_ttbr = ph_name_is(name, len, "ttbr0") || ph_name_is(name, len, "ttbr1");
	bool arm64 = qi->arch->family == FAMILY_ARM64;
	if ((ph_name_is(name, len, "cr3") && arm64) || (is_ttbr && !arm64)) {
		diag_set(d, NULL, 0, 0, "{%.*s}: %s %s", (int)len, name, qi->arch->name,
			 qi->arch->family == FAMILY_ARM64 ? "has no cr3: {ttbr0} and {ttbr1}"
			 : "has one cr3 ({cr3}), no TTBR0_EL1 and TTBR1_EL1");
		return -1;
	}
	if (ph_name_is(name, len, "fault")) {
		unsigned fsc = qi->walk.esr & ESR_FSC;
		const char *fn = !qi->walk.esr ? NULL : lang == LANG_JA ? arm64_fsc_name_ja(fsc) :
				 arm64_fsc_name(fsc);
		if (!fn) {
			diag_set(d, NULL, 0, 0, "{fault}: the walk does not abort on arm64");
			return -1;
		}
		*out = (struct ph_value){ .str = fn };
	} else if (is_ttbr) {
		*out = (struct ph_value){ .is_num = true, .hex = true,
					  .num = name[4] == '0' ? q->setup.cr3 : q->setup.ttbr1 };
	} else if (ph_name_is(name, len, "cr3")) {
		*out = (struct ph_value){ .is_num = true, .num = qi->walk.cr3, .hex = true };
	} else if (ph_name_is(name, len, "table")) {
		if (qi->kind != QUIZ_ENTRY || !level_step(qi)) {
			diag_set(d, NULL, 0, 0, "{table} is for entry quizzes");
			return -1;
		}
		*out = (struct ph_value){ .is_num = true, .num = quiz_level_table(qi), .hex = true };
	} else if (ph_name_is(name, len, "frame")) {
		if (qi->walk.status != WALK_OK) {
			diag_set(d, NULL, 0, 0, "{frame}: the walk does not reach a page");
			return -1;
		}
		*out = (struct ph_value){ .is_num = true, .num = qi->walk.frame, .hex = true };
	} else {
		*out = (struct ph_value){ .str = present_words(qi, lang) };
	}
	return 0;
}

static int quiz_resolve(void *vctx, const char *name, size_t len, struct ph_value *out,
			struct diag *d)
{
	struct qctx *c = vctx;
	const struct quiz_instance *qi = c->qi;
	int r = walk_resolve(qi, c->lang, name, len, out, d);

	if (r <= 0)
		return r;
#define IS(s) (strlen(s) == len && memcmp(name, s, len) == 0)
	if (IS("vmas")) {
		if (qi->kind != QUIZ_FAULT_PATH) {
			diag_set(d, NULL, 0, 0, "{vmas} is for fault-path quizzes");
			return -1;
		}
		vmas_words(&qi->step->u.quiz, c->lang, c->buf, sizeof c->buf);
		*out = (struct ph_value){ .str = c->buf };
	} else if (IS("addr")) {
		*out = (struct ph_value){ .is_num = true, .num = qi->addr, .hex = true };
	} else if (IS("arch")) {
		*out = (struct ph_value){ .str = qi->arch->name };
	} else if (IS("level")) {
		*out = (struct ph_value){ .str = level_name(qi->level) };
	} else if (IS("macro")) {
		*out = (struct ph_value){ .str = qi->macro ? qi->macro : "" };
	} else if (IS("error_code")) {
		*out = (struct ph_value){ .is_num = true, .num = qi->error_code, .hex = true };
	} else {
		diag_set(d, NULL, 0, 0, "unknown placeholder {%.*s}", (int)len, name);
		return -1;
	}
#undef IS
	return 0;
}

/* A copy of t with placeholders filled for qi. */
static int fill_text(const struct text *t, const struct quiz_instance *qi, struct text *out,
		     struct diag *d)
{
	struct qctx c = { qi, LANG_EN, "" };

	for (int i = 0; i < LANG_COUNT; i++) {
		if (!t->s[i])
			continue;
		c.lang = (enum lang)i;
		if (text_expand(t->s[i], quiz_resolve, &c, &out->s[i], d) < 0) {
			text_clear(out);
			return -1;
		}
	}
	return 0;
}

int quiz_instance(const struct step *step, uint64_t seed, struct quiz_instance *out,
		  struct diag *d)
{
	const struct step_quiz *q = &step->u.quiz;
	uint64_t st = seed ^ 0x70616765776b6c6bULL;  /* "pagewalk" */
	struct diag pd = { 0 };

	memset(out, 0, sizeof *out);
	if (step->kind != STEP_QUIZ) {
		diag_set(d, NULL, step->line, step->col, "not a quiz step");
		return -1;
	}
	out->step = step;
	out->kind = q->kind;
	quiz_rand(&st);
	out->arch = q->archs[q->narchs > 1 ? quiz_rand(&st) % q->narchs : 0];
	if (q->nlevels)
		out->level = q->levels[q->nlevels > 1 ? quiz_rand(&st) % q->nlevels : 0];
	if (q->nmacros)
		out->macro = q->macros[q->nmacros > 1 ? quiz_rand(&st) % q->nmacros : 0];
	if (q->nerror_codes)
		out->error_code = q->error_codes[q->nerror_codes > 1 ?
						 quiz_rand(&st) % q->nerror_codes : 0];

	if (q->kind == QUIZ_MACRO) {
		out->type = ANSWER_NUMBER;
		if (arch_macro_value(out->arch, out->macro, &out->answer) < 0) {
			diag_set(d, NULL, step->line, step->col, "unknown macro %s on %s", out->macro,
				 out->arch->name);
			return -1;
		}
		snprintf(out->answer_text, sizeof out->answer_text,
			 strstr(out->macro, "SHIFT") || strstr(out->macro, "PTRS_PER") ?
			 "%llu" : "0x%llx", (unsigned long long)out->answer);
	} else if (q->kind == QUIZ_ERROR_BITS) {
		out->type = ANSWER_BITS;
		out->answer = out->error_code;
		pf_names(out->error_code, out->answer_text, sizeof out->answer_text);
	} else if (q->fixed_addr) {
		out->addr = q->addr;
		if (!compute(q, out)) {
			const char *what = q->kind == QUIZ_PHYS ? "is not mapped" :
				q->kind == QUIZ_ERROR_CODE || q->kind == QUIZ_ESR ? "does not fault" :
				q->kind == QUIZ_ENTRY ? "is not walked down to that level" :
				"does not fit the arch";
			diag_set(d, NULL, step->line, step->col, "address 0x%llx %s on %s",
				 (unsigned long long)out->addr, what, out->arch->name);
			return -1;
		}
	} else if (pick_addr(q, out, &st) < 0) {
		diag_set(d, NULL, step->line, step->col,
			 "no address on %s meets the random: constraints%s", out->arch->name,
			 q->kind == QUIZ_PHYS ? " and is mapped" :
			 q->kind == QUIZ_ERROR_CODE || q->kind == QUIZ_ESR ? " and faults" :
			 q->kind == QUIZ_ENTRY ? " and is walked to that level" : "");
		return -1;
	}
	if (fill_text(&q->question, out, &out->question, &pd) < 0)
		goto fail;
	for (size_t i = 0; i < q->nhints && i < LESSON_MAX_HINTS; i++) {
		out->nhints = i + 1;
		if (fill_text(&q->hints[i], out, &out->hints[i], &pd) < 0)
			goto fail;
	}
	return 0;
fail:
	diag_set(d, NULL, step->line, step->col, "%s", pd.msg);
	quiz_instance_clear(out);
	return -1;
}
