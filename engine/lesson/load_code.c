/* SPDX-License-Identifier: GPL-2.0-only */
/* load_code.c - code excerpts: the lesson's `code:` table and a step's
 * `code:` view (inline or by ref) with its highlighted lines. */
#include "load.h"
#include "num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Split source into escaped lines with tabs expanded to 8-column stops. */
static int excerpt_lines(struct ld *ld, const struct ynode *src, struct excerpt *e)
{
	const char *s = src->str, *end = src->str + src->len;
	size_t n = 0;

	if (src->kind != YNODE_SCALAR)
		return FAILN(ld, src, "source must be a string, not %s", ynode_kind_name(src->kind));
	/* drop the final newline(s) of a block scalar */
	while (end > s && end[-1] == '\n')
		end--;
	if (end == s)
		return FAILN(ld, src, "source is empty");
	for (const char *p = s; p < end; p++)
		n += *p == '\n';
	n++;
	if (n > LESSON_MAX_LINES)
		return FAILN(ld, src, "source has %zu lines (at most %d)", n, LESSON_MAX_LINES);
	e->lines = calloc(n, sizeof *e->lines);
	if (!e->lines)
		return FAILN(ld, src, "out of memory");
	for (const char *p = s; p <= end && e->nlines < n;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char exp[LESSON_MAX_STRING + 1];
		size_t o = 0, colw = 0;

		for (size_t i = 0; i < len && o < sizeof exp - 9; i++) {
			if (p[i] == '\t') {
				do {
					exp[o++] = ' ';
					colw++;
				} while (colw % 8);
			} else {
				exp[o++] = p[i];
				if (((unsigned char)p[i] & 0xc0) != 0x80)
					colw++;
			}
		}
		e->lines[e->nlines] = text_escape(exp, o, false);
		if (!e->lines[e->nlines])
			return FAILN(ld, src, "out of memory");
		e->nlines++;
		p += len + 1;
	}
	return 0;
}

static const char *const excerpt_keys[] = { "file", "version", "first_line", "lang",
					    "source", NULL };

/* Fill e from an excerpt map (keys checked by the caller). */
static int get_excerpt(struct ld *ld, const struct ynode *m, struct excerpt *e)
{
	static const char *const langs[] = { "c", "asm", NULL };
	const struct ynode *n;
	uint64_t v = 1;
	int li = 0;

	if (ynode_require(m, "file", "a code excerpt", ld->path, ld->d) < 0 ||
	    ynode_require(m, "version", "a code excerpt", ld->path, ld->d) < 0 ||
	    ynode_require(m, "source", "a code excerpt", ld->path, ld->d) < 0)
		return -1;
	if (ynode_string(ynode_get(m, "file"), false, "file", ld->path, ld->d, &e->file) < 0 ||
	    ynode_string(ynode_get(m, "version"), false, "version", ld->path, ld->d,
			 &e->version) < 0)
		return -1;
	if ((n = ynode_get(m, "first_line")) && ld_u64(ld, n, 1000000, "first_line", &v) < 0)
		return -1;
	if (v == 0)
		return FAILN(ld, n, "first_line starts at 1");
	e->first_line = (unsigned)v;
	if ((n = ynode_get(m, "lang")) && ynode_enum(n, langs, "lang", ld->path, ld->d, &li) < 0)
		return -1;
	e->lang = strdup(langs[li]);
	if (!e->lang)
		return FAILN(ld, m, "out of memory");
	return excerpt_lines(ld, ynode_get(m, "source"), e);
}

static struct excerpt *new_excerpt(struct ld *ld, const struct ynode *at)
{
	if (ld->l->nexcerpts >= ld->excap) {
		FAILN(ld, at, "too many code excerpts");
		return NULL;
	}
	return &ld->l->excerpts[ld->l->nexcerpts++];
}

int ld_code_table(struct ld *ld, const struct ynode *m)
{
	if (ynode_want(m, YNODE_MAP, "code", ld->path, ld->d) < 0)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
		struct excerpt *e;

		if (ynode_want(v, YNODE_MAP, "a code excerpt", ld->path, ld->d) < 0 ||
		    ynode_known_keys(v, excerpt_keys, "a code excerpt", ld->path, ld->d) < 0)
			return -1;
		if (!(e = new_excerpt(ld, k)))
			return -1;
		if (ynode_string(k, false, "excerpt name", ld->path, ld->d, &e->id) < 0)
			return -1;
		if (get_excerpt(ld, v, e) < 0)
			return -1;
	}
	return 0;
}

/* One highlight item: N or "A-B", inside the excerpt. */
static int get_range(struct ld *ld, const struct ynode *n, const struct excerpt *e,
		     struct line_range *r)
{
	uint64_t a, b;
	char q[64];
	const char *dash;

	if (n->kind != YNODE_SCALAR)
		return FAILN(ld, n, "a highlight must be a line number or \"A-B\", not %s",
			     ynode_kind_name(n->kind));
	dash = memchr(n->str, '-', n->len);
	if (dash) {
		if (num_parse_u64(n->str, (size_t)(dash - n->str), &a, NULL) != NUM_OK ||
		    num_parse_u64(dash + 1, n->len - (size_t)(dash - n->str) - 1, &b, NULL) != NUM_OK)
			goto bad;
	} else {
		if (num_parse_u64(n->str, n->len, &a, NULL) != NUM_OK)
			goto bad;
		b = a;
	}
	if (a > b)
		goto bad;
	if (a < e->first_line || b >= e->first_line + e->nlines)
		return FAILN(ld, n, "highlighted line %llu is outside the excerpt (lines %u-%zu)",
			     (unsigned long long)(a < e->first_line ? a : b), e->first_line,
			     e->first_line + e->nlines - 1);
	r->first = (unsigned)a;
	r->last = (unsigned)b;
	return 0;
bad:
	ynode_quote(n, q, sizeof q);
	return FAILN(ld, n, "a highlight must be a line number or \"A-B\", not %s", q);
}

int ld_code_view(struct ld *ld, const struct ynode *m, struct code_view *v)
{
	static const char *const keys[] = { "ref", "highlight", "file", "version",
					    "first_line", "lang", "source", NULL };
	const struct ynode *ref, *hl;

	if (ynode_want(m, YNODE_MAP, "code", ld->path, ld->d) < 0 ||
	    ynode_known_keys(m, keys, "code", ld->path, ld->d) < 0)
		return -1;
	if ((ref = ynode_get(m, "ref"))) {
		const struct ynode *other;
		for (size_t i = 2; excerpt_keys[i - 2]; i++)
			if ((other = ynode_key(m, excerpt_keys[i - 2])))
				return FAILN(ld, other, "code with ref takes only highlight, not \"%s\"",
					     excerpt_keys[i - 2]);
		if (ref->kind != YNODE_SCALAR)
			return FAILN(ld, ref, "ref must be a string, not %s",
				     ynode_kind_name(ref->kind));
		for (size_t i = 0; i < ld->l->nexcerpts; i++) {
			const struct excerpt *e = &ld->l->excerpts[i];
			if (e->id && strlen(e->id) == ref->len && memcmp(e->id, ref->str, ref->len) == 0)
				v->ex = e;
		}
		if (!v->ex) {
			char q[64];
			ynode_quote(ref, q, sizeof q);
			return FAILN(ld, ref, "no code excerpt named %s (define it under code:)", q);
		}
	} else {
		struct excerpt *e = new_excerpt(ld, m);
		if (!e || get_excerpt(ld, m, e) < 0)
			return -1;
		v->ex = e;
	}
	if ((hl = ynode_get(m, "highlight"))) {
		if (hl->kind == YNODE_SCALAR) {
			v->hl = calloc(1, sizeof *v->hl);
			if (!v->hl)
				return FAILN(ld, hl, "out of memory");
			v->nhl = 1;
			return get_range(ld, hl, v->ex, &v->hl[0]);
		}
		if (ynode_want(hl, YNODE_SEQ, "highlight", ld->path, ld->d) < 0)
			return -1;
		v->hl = calloc(hl->n ? hl->n : 1, sizeof *v->hl);
		if (!v->hl)
			return FAILN(ld, hl, "out of memory");
		for (size_t i = 0; i < hl->n; i++, v->nhl++)
			if (get_range(ld, hl->items[i], v->ex, &v->hl[i]) < 0)
				return -1;
	}
	return 0;
}

