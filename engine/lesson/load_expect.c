/* SPDX-License-Identifier: GPL-2.0-only */
/* load_expect.c - `expect:` checks: an author's stated values compared
 * with what the engine computes. */
#include "load_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static int expect_num(struct ld *ld, const struct ynode *n, const char *what, uint64_t got)
{
	uint64_t want;

	if (ld_u64(ld, n, UINT64_MAX, what, &want) < 0)
		return -1;
	if (want != got)
		return FAILN(ld, n, "expect %s: the engine computes 0x%llx (%llu), not 0x%llx (%llu)",
			     what, (unsigned long long)got, (unsigned long long)got,
			     (unsigned long long)want, (unsigned long long)want);
	return 0;
}

int ld_expect_word(struct ld *ld, const struct ynode *n, const char *what,
		       const char *got)
{
	if (n->kind == YNODE_SCALAR && strlen(got) == n->len && memcmp(n->str, got, n->len) == 0)
		return 0;
	char q[64];
	if (n->kind != YNODE_SCALAR)
		return FAILN(ld, n, "expect %s must be a word, not %s", what, ynode_kind_name(n->kind));
	ynode_quote(n, q, sizeof q);
	return FAILN(ld, n, "expect %s: the engine says %s, not %s", what, got, q);
}

/* Index and offset keys shared by split, walk and compare expects. */
static int expect_field(struct ld *ld, const struct ynode *k, const struct ynode *v,
			const struct addr_fields *f, bool *handled)
{
	*handled = true;
	for (int i = 0; i < LEVEL_COUNT; i++)
		if (ld_key_eq(k, ld_level_words[i])) {
			char what[32];
			snprintf(what, sizeof what, "%s index", ld_level_words[i]);
			return expect_num(ld, v, what, f->index[i]);
		}
	if (ld_key_eq(k, "offset"))
		return expect_num(ld, v, "offset", f->offset);
	*handled = false;
	return 0;
}

int ld_expect_fields(struct ld *ld, const struct ynode *e, const struct addr_fields *f)
{
	static const char *const keys[] = { "pgd", "p4d", "pud", "pmd", "pte", "offset", NULL };
	bool h;

	if (ynode_want(e, YNODE_MAP, "expect", ld->path, ld->d) < 0 ||
	    ynode_known_keys(e, keys, "expect", ld->path, ld->d) < 0)
		return -1;
	for (size_t i = 0; i < e->n; i++)
		if (expect_field(ld, e->items[2 * i], e->items[2 * i + 1], f, &h) < 0)
			return -1;
	return 0;
}

/* expect entry:/value:/table: {LEVEL: N}. */
static int expect_per_level(struct ld *ld, const struct ynode *m, const struct walk *w,
			    int which)
{
	static const char *const names[] = { "entry", "value", "table" };

	if (ynode_want(m, YNODE_MAP, names[which], ld->path, ld->d) < 0 ||
	    ynode_known_keys(m, ld_level_words, names[which], ld->path, ld->d) < 0)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		enum level lv = LEVEL_PGD;
		int found = -1;
		char what[40];

		ld_level(ld, k, &lv);
		for (int j = 0; j < w->nsteps; j++)
			if (w->step[j].level == lv)
				found = j;
		if (found < 0)
			return FAILN(ld, k, "expect %s: the walk does not reach the %s level",
				     names[which], level_name(lv));
		const struct walk_step *s = &w->step[found];
		snprintf(what, sizeof what, "%s %s", level_name(lv), names[which]);
		if (expect_num(ld, v, what, which == 0 ? s->entry_pa : which == 1 ? s->entry :
			       s->table) < 0)
			return -1;
	}
	return 0;
}

/* Walk expects; `after` is the walk phys/frame/page_size refer to. */
int ld_expect_walk_key(struct ld *ld, const struct ynode *k, const struct ynode *v,
			   const struct addr_fields *f, const struct walk *w,
			   const struct walk *after, uint32_t error_code, bool *handled)
{
	if (expect_field(ld, k, v, f, handled) < 0)
		return -1;
	if (*handled)
		return 0;
	*handled = true;
	if (ld_key_eq(k, "entry"))
		return expect_per_level(ld, v, w, 0);
	if (ld_key_eq(k, "value"))
		return expect_per_level(ld, v, w, 1);
	if (ld_key_eq(k, "table"))
		return expect_per_level(ld, v, w, 2);
	if (ld_key_eq(k, "status"))
		return ld_expect_word(ld, v, "status", ld_status_word(w->status));
	if (ld_key_eq(k, "error_code"))
		return expect_num(ld, v, "error_code", error_code);
	if (ld_key_eq(k, "levels"))
		return expect_num(ld, v, "levels", (uint64_t)w->nsteps);
	if (ld_key_eq(k, "phys") || ld_key_eq(k, "frame") || ld_key_eq(k, "page_size")) {
		if (after->status != WALK_OK)
			return FAILN(ld, k, "expect %.*s: the walk does not reach a page (%s: %s)",
				     (int)k->len, k->str, ld_status_word(after->status), after->reason);
		return expect_num(ld, v, ld_key_eq(k, "phys") ? "phys" : ld_key_eq(k, "frame") ?
				  "frame" : "page_size", ld_key_eq(k, "phys") ? after->phys :
				  ld_key_eq(k, "frame") ? after->frame : after->page_size);
	}
	*handled = false;
	return 0;
}

