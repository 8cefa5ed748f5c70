/* SPDX-License-Identifier: GPL-2.0-only */
/* load_placeholders.c - {placeholders} of split, walk and fault steps,
 * resolved from the engine's results. */
#include "load_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static int ph_level(const char *name, size_t len, enum level *lv, const char **rest)
{
	for (int i = 0; i < LEVEL_COUNT; i++)
		if (len >= 3 && memcmp(name, ld_level_words[i], 3) == 0) {
			*lv = (enum level)i;
			*rest = name + 3;
			return 0;
		}
	return -1;
}

const char *ld_status_word(enum walk_status s)
{
	static const char *const w[] = { "ok", "not-present", "protection", "reserved",
					 "bad-address", "access-flag" };
	return (unsigned)s < 6 ? w[s] : "?";
}

/* {status} in the learner's language: the word as `expect: status:` spells
 * it in English, a Japanese word in Japanese text. */
static const char *status_words(enum walk_status s, enum lang lang)
{
	static const char *const ja[] = { "成功", "存在しない", "保護違反", "予約ビット",
					  "不正なアドレス" };
	return lang == LANG_JA && (unsigned)s < 5 ? ja[s] : ld_status_word(s);
}

/* {sync.entry} {sync.master_entry} {sync.value} {sync.old} {sync.index} of a
 * fault step: what vmalloc_sync_one read and wrote. */
static int ph_sync(const struct step_fault *f, const char *name, size_t len,
		   struct ph_value *out, struct diag *d)
{
	const struct sync_report *r = &f->sync;
	uint64_t v;

	if (ph_name_is(name, len, "sync.entry"))
		v = r->pmd_pa;
	else if (ph_name_is(name, len, "sync.master_entry"))
		v = r->pmd_k_pa;
	else if (ph_name_is(name, len, "sync.value"))
		v = r->new_value;
	else if (ph_name_is(name, len, "sync.old"))
		v = r->old_value;
	else if (ph_name_is(name, len, "sync.index"))
		v = r->index;
	else {
		diag_set(d, NULL, 0, 0, "unknown placeholder {%.*s} (sync.entry, sync.master_entry, "
			 "sync.value, sync.old, sync.index)", (int)len, name);
		return -1;
	}
	if (!f->synced || r->result == SYNC_NO_MASTER) {
		diag_set(d, NULL, 0, 0, "placeholder {%.*s}: vmalloc_sync_one %s here", (int)len,
			 name, f->synced ? "finds no master entry" : "does not run");
		return -1;
	}
	*out = (struct ph_value){ .is_num = true, .num = v, .hex = !ph_name_is(name, len, "sync.index") };
	return 0;
}

#define PH_NUM(v) ((struct ph_value){ .is_num = true, .num = (v), .hex = true })

/* The sub-resolvers return 0 (resolved), -1 (d filled) or 1 (not theirs). */

/* {pgd} (an index), {pgd.entry}, {pgd.value}, {pgd.table} (walk steps). */
static int ph_per_level(const struct ph_ctx *c, const char *name, size_t len,
			struct ph_value *out, struct diag *d)
{
	const struct walk *w = c->w;
	enum level lv;
	const char *rest;
	size_t rl = len - 3;

	if (ph_level(name, len, &lv, &rest) < 0)
		return 1;
	if (rl == 0) {
		*out = (struct ph_value){ .is_num = true, .num = c->f->index[lv] };
		return 0;
	}
	if (!w || (!ph_name_is(rest, rl, ".entry") && !ph_name_is(rest, rl, ".value") &&
		   !ph_name_is(rest, rl, ".table")))
		return 1;
	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *s = &w->step[i];
		if (s->level != lv)
			continue;
		*out = PH_NUM(rest[1] == 'e' && rest[2] == 'n' ? s->entry_pa :
			      rest[1] == 'v' ? s->entry : s->table);
		return 0;
	}
	diag_set(d, NULL, 0, 0, "placeholder {%.*s}: the walk does not reach the %s level",
		 (int)len, name, level_name(lv));
	return -1;
}

/* {cr3} {status} {error_code} {phys} {frame} {page_size} of a walk. */
static int ph_walk(const struct ph_ctx *c, const char *name, size_t len,
		   struct ph_value *out, struct diag *d)
{
	const struct walk *w = c->w, *r = w;

	if (!w)
		return 1;
	if (ph_name_is(name, len, "cr3")) {
		*out = PH_NUM(c->cr3);
	} else if (ph_name_is(name, len, "status")) {
		*out = (struct ph_value){ .str = status_words(w->status, c->lang) };
	} else if (ph_name_is(name, len, "error_code")) {
		*out = PH_NUM(c->fault ? c->fault->error_code : w->error_code);
	} else if (ph_name_is(name, len, "phys") || ph_name_is(name, len, "frame") ||
		   ph_name_is(name, len, "page_size")) {
		if (c->fault && c->fault->synced)
			r = &c->fault->after;
		if (r->status != WALK_OK) {
			diag_set(d, NULL, 0, 0, "placeholder {%.*s}: the walk of 0x%llx does not "
				 "reach a page (%s)", (int)len, name, (unsigned long long)c->addr,
				 ld_status_word(r->status));
			return -1;
		}
		*out = PH_NUM(name[0] == 'p' && name[1] == 'h' ? r->phys :
			      name[0] == 'f' ? r->frame : r->page_size);
	} else {
		return 1;
	}
	return 0;
}

/* {path} {sync} {master_cr3} {sync.*} of a fault step. */
static int ph_fault(const struct ph_ctx *c, const char *name, size_t len,
		    struct ph_value *out, struct diag *d)
{
	const struct step_fault *f = c->fault;

	if (!f)
		return 1;
	if (ph_name_is(name, len, "path"))
		*out = (struct ph_value){ .str = f->faulted ? fault_path_name(f->path) :
					  c->lang == LANG_JA ? "なし" : "none" };
	else if (ph_name_is(name, len, "sync"))
		*out = (struct ph_value){ .str = f->synced ? sync_result_words(f->sync.result, c->lang) :
					  c->lang == LANG_JA ? "なし" : "none" };
	else if (ph_name_is(name, len, "master_cr3"))
		*out = PH_NUM(f->setup.master_cr3);
	else if (len > 5 && memcmp(name, "sync.", 5) == 0)
		return ph_sync(f, name, len, out, d);
	else
		return 1;
	return 0;
}

int ld_ph_resolve(void *vctx, const char *name, size_t len, struct ph_value *out,
		  struct diag *d)
{
	const struct ph_ctx *c = vctx;
	int rc;

	if (ph_name_is(name, len, "addr")) {
		*out = PH_NUM(c->addr);
		return 0;
	}
	if (ph_name_is(name, len, "arch")) {
		*out = (struct ph_value){ .str = c->a->name };
		return 0;
	}
	if (ph_name_is(name, len, "offset")) {
		*out = PH_NUM(c->f->offset);
		return 0;
	}
	if ((rc = ph_per_level(c, name, len, out, d)) <= 0 ||
	    (rc = ph_walk(c, name, len, out, d)) <= 0 ||
	    (rc = ph_fault(c, name, len, out, d)) <= 0)
		return rc;
	diag_set(d, NULL, 0, 0, "unknown placeholder {%.*s} (write {{ for a brace)", (int)len,
		 name);
	return -1;
}

int ld_expand_text(struct ld *ld, const struct ynode *m, struct step *s,
		   ph_resolve_fn *fn, void *ctx)
{
	const struct ynode *tn = ynode_get(m, "text");
	struct diag pd = { 0 };

	if (!tn)
		return 0;
	/* one language at a time: a struct ph_ctx learns which ({sync} words) */
	for (int i = 0; i < LANG_COUNT; i++) {
		struct text one = { 0 };
		if (!s->body.s[i])
			continue;
		if (fn == ld_ph_resolve || fn == ld_ph_resolve_arm64)
			((struct ph_ctx *)ctx)->lang = (enum lang)i;
		if (!s->body_src.s[i] && !(s->body_src.s[i] = strdup(s->body.s[i])))
			return FAILN(ld, tn, "out of memory");
		one.s[LANG_EN] = s->body.s[i];
		if (text_expand_all(&one, fn, ctx, &pd) < 0)
			return FAILN(ld, tn, "%s", pd.msg);
		s->body.s[i] = one.s[LANG_EN];
	}
	return 0;
}
