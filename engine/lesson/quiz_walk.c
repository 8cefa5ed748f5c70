/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz_walk.c - predictions about a walk graded as quizzes (quiz.h): one
 * level's index, entry address or entry value, the physical address, and
 * do_page_fault's route. A prediction becomes the quiz instance that asks
 * the same thing about the same walk, so the feedback (and the known
 * mistakes it names) is the quizzes' own.
 */
#include "quiz_int.h"

#include <stdio.h>
#include <string.h>

/* The quiz instance asking kind at level lv of w (its question empty: only
 * the grader reads it). */
static void as_quiz(const struct arch *a, const struct walk *w, enum quiz_kind kind, enum level lv,
		    uint64_t answer, struct quiz_instance *qi)
{
	memset(qi, 0, sizeof *qi);
	qi->kind = kind;
	qi->arch = a;
	qi->addr = w->addr;
	qi->level = lv;
	qi->type = ANSWER_NUMBER;
	qi->answer = answer;
	addr_split(a, w->addr, &qi->fields, NULL);
	qi->walk = *w;
	snprintf(qi->answer_text, sizeof qi->answer_text, kind == QUIZ_INDEX ? "%llu" : "0x%llx",
		 (unsigned long long)answer);
}

static void say_both(struct grade *g, enum grade_result r, const char *en, const char *ja)
{
	g->result = r;
	quiz_say(g, LANG_EN, "%s", en);
	quiz_say(g, LANG_JA, "%s", ja);
}

/* The value field: right, another entry's value of the same table, or
 * where to read it. */
static void grade_value(const struct arch *a, const struct walk_step *s, const struct physmem *pm,
			const char *typed, struct grade *g)
{
	uint64_t v;

	if (quiz_parse_num(typed, &v) < 0 && quiz_bare_hex(typed, &v) < 0) {
		say_both(g, GRADE_UNPARSED, "Type the entry's value: hex with 0x (0x1007).",
			 "エントリの値を入力してください: 16 進は 0x 付き (0x1007)。");
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
	for (unsigned i = 0; pm && v && i < a->level[s->level].ptrs; i++) {
		uint64_t pa = s->table + (uint64_t)i * a->entry_size;
		if (pa == s->entry_pa || physmem_read(pm, pa, a->entry_size) != v)
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

void quiz_grade_walk(const struct arch *a, const struct walk *w, const struct physmem *pm,
		     int i, enum walk_field f, const char *typed, struct grade *g)
{
	struct quiz_instance qi;
	const struct walk_step *s;
	char t[200];

	memset(g, 0, sizeof *g);
	g->wrong_level = -1;
	if (i < 0 || i >= w->nsteps || (unsigned)f >= WALK_FIELDS) {
		say_both(g, GRADE_UNPARSED, "The walk does not read that level.",
			 "この変換はその段を読みません。");
		return;
	}
	s = &w->step[i];
	if (f == WALK_FIELD_VALUE) {
		size_t n;
		snprintf(t, sizeof t, "%s", typed + strspn(typed, " \t"));
		for (n = strlen(t); n && (t[n - 1] == ' ' || t[n - 1] == '\t'); n--)
			t[n - 1] = '\0';
		grade_value(a, s, pm, t, g);
		return;
	}
	as_quiz(a, w, f == WALK_FIELD_INDEX ? QUIZ_INDEX : QUIZ_ENTRY, s->level,
		f == WALK_FIELD_INDEX ? (uint64_t)s->index : s->entry_pa, &qi);
	if (f == WALK_FIELD_INDEX && s->folded)
		qi.answer = 0;   /* a folded level's index, as the lessons say */
	quiz_grade(&qi, typed, g);
}

void quiz_grade_walk_phys(const struct arch *a, const struct walk *w, const char *typed,
			  struct grade *g)
{
	struct quiz_instance qi;

	if (w->status != WALK_OK) {
		memset(g, 0, sizeof *g);
		g->wrong_level = -1;
		g->result = GRADE_UNPARSED;
		quiz_say(g, LANG_EN, "The walk does not reach a page: it faults (error code 0x%x).",
			 w->error_code);
		quiz_say(g, LANG_JA, "この変換はページに到達せず、フォルトします (エラーコード 0x%x)。",
			 w->error_code);
		return;
	}
	as_quiz(a, w, QUIZ_PHYS, LEVEL_PTE, w->phys, &qi);
	quiz_grade(&qi, typed, g);
}

void quiz_grade_route(enum fault_path want, uint64_t addr, uint64_t task_size,
		      const char *typed, struct grade *g)
{
	const struct fault_path_info *pi = fault_path_info(want);
	char s[200];
	size_t n;
	int p, b;

	memset(g, 0, sizeof *g);
	g->wrong_level = -1;
	snprintf(s, sizeof s, "%s", typed + strspn(typed, " \t"));
	for (n = strlen(s); n && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
		s[n - 1] = '\0';
	for (char *q = s; *q; q++)
		*q = (char)(*q >= 'A' && *q <= 'Z' ? *q - 'A' + 'a' : *q);
	p = fault_path_parse(s);
	b = fault_branch_parse(s);
	if (!pi) {
		say_both(g, GRADE_UNPARSED, "This event has no route.", "このイベントに経路はありません。");
		return;
	}
	if (p < 0 && b < 0) {
		say_both(g, GRADE_UNPARSED,
			 "Name a route: vmalloc_fault, handle_mm_fault, bad_area or oops (or the "
			 "function: do_anonymous_page, do_wp_page ...).",
			 "経路を答えてください: vmalloc_fault、handle_mm_fault、bad_area、oops "
			 "(または関数名: do_anonymous_page、do_wp_page ...)。");
		return;
	}
	if (p == (int)want || b == (int)pi->branch ||
	    (addr >= task_size && want != FAULT_VMALLOC_SYNC && b == BRANCH_BAD_AREA)) {
		g->result = GRADE_RIGHT;
		quiz_say(g, LANG_EN, "Right: %s (%s).", pi->chain, pi->name);
		quiz_say(g, LANG_JA, "正解: %s (%s)。", pi->chain, pi->name);
		return;
	}
	g->result = GRADE_WRONG;
	quiz_say(g, LANG_EN, "Not %s: the kernel went %s (%s): %s.", s, pi->chain, pi->name,
		 pi->what[LANG_EN]);
	quiz_say(g, LANG_JA, "%s ではありません。カーネルは %s (%s) に進みました: %s。", s, pi->chain,
		 pi->name, pi->what[LANG_JA]);
}
