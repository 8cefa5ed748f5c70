/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson.c - the lesson model's helpers: names and freeing. Loading is in
 * lesson_load.c and load_*.c, a replay step's trace is found in
 * lesson_find.c, placeholders are in placeholder.c; finding and listing
 * lesson files is the catalog's (engine/catalog). */
#include "lesson/lesson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *step_kind_name(enum step_kind k)
{
	static const char *const names[STEP_KIND_COUNT] = {
		"text", "split", "walk", "compare", "code", "quiz", "fault", "replay",
	};
	return (unsigned)k < STEP_KIND_COUNT ? names[k] : "?";
}

const char *quiz_kind_name(enum quiz_kind k)
{
	static const char *const names[QUIZ_KIND_COUNT] = {
		"index", "entry", "phys", "offset", "split", "macro", "fault-path",
		"error-bits", "error-code", "esr", "ttbr",
	};
	return (unsigned)k < QUIZ_KIND_COUNT ? names[k] : "?";
}

const char *quiz_kind_title(enum quiz_kind k, enum lang lang)
{
	static const char *const ja[QUIZ_KIND_COUNT] = {
		"インデックス", "エントリのアドレス", "物理アドレス", "オフセット", "アドレスの分割",
		"マクロ", "フォルトの行き先", "エラーコードのビット", "エラーコード", "ESR",
		"ベースレジスタ",
	};

	if (lang != LANG_JA || (unsigned)k >= QUIZ_KIND_COUNT)
		return quiz_kind_name(k);
	return ja[k];
}

bool code_view_highlighted(const struct code_view *v, unsigned line)
{
	if (!v)
		return false;
	for (size_t i = 0; i < v->nhl; i++)
		if (line >= v->hl[i].first && line <= v->hl[i].last)
			return true;
	return false;
}

/* ---- freeing ----------------------------------------------------------------- */

void table_setup_clear(struct table_setup *s)
{
	physmem_free(s->mem);
	free(s->pages);
	s->mem = NULL;
	s->pages = NULL;
	s->npages = 0;
}

void step_clear(struct step *s)
{
	text_clear(&s->heading);
	text_clear(&s->body);
	text_clear(&s->body_src);
	free(s->code.hl);
	switch (s->kind) {
	case STEP_WALK:
		table_setup_clear(&s->u.walk.setup);
		break;
	case STEP_FAULT:
		if (s->u.fault.mem_after != s->u.fault.setup.mem)
			physmem_free(s->u.fault.mem_after);
		table_setup_clear(&s->u.fault.setup);
		free(s->u.fault.vmas);
		break;
	case STEP_REPLAY:
		free(s->u.replay.trace_path);
		free(s->u.replay.trace_shown);
		free(s->u.replay.source);
		break;
	case STEP_QUIZ: {
		struct step_quiz *q = &s->u.quiz;
		text_clear(&q->question);
		for (size_t i = 0; i < q->nhints; i++)
			text_clear(&q->hints[i]);
		free(q->hints);
		for (size_t i = 0; i < q->nmacros; i++)
			free(q->macros[i]);
		free(q->macros);
		free(q->error_codes);
		table_setup_clear(&q->setup);
		free(q->mapped);
		free(q->vmas);
		break;
	}
	default:
		break;
	}
	memset(s, 0, sizeof *s);
}

void lesson_free(struct lesson *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nsteps; i++)
		step_clear(&l->steps[i]);
	free(l->steps);
	for (size_t i = 0; i < l->nexcerpts; i++) {
		lesson_excerpt_clear(&l->excerpts[i]);
	}
	free(l->excerpts);
	text_clear(&l->title);
	text_clear(&l->summary);
	free(l->path);
	free(l->name);
	free(l);
}
