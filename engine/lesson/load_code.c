/* SPDX-License-Identifier: GPL-2.0-only */
/* load_code.c - code excerpts: the lesson's `code:` table and a step's
 * `code:` view (inline or by ref) with its highlighted lines.
 *
 * A lesson never holds kernel text. An excerpt names a file of Linux v6.1,
 * a line range and the symbol (function, macro, type) the range shows:
 *
 *   code:
 *     sync:
 *       file: arch/x86/mm/fault.c
 *       version: v6.1
 *       lines: 173-214
 *       symbol: vmalloc_sync_one
 *
 * Here the form is checked; lesson_excerpt.c reads the lines from the
 * installed linux-source-6.1 and checks range and symbol against it.
 */
#include "load_int.h"
#include "util/num.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/linuxsrc.h"

static const char *const excerpt_keys[] = { "file", "version", "lines", "symbol", "lang",
					    "first_line", "source", "symbol_line", NULL };

/* Our guest's own code, written in the lesson (it is ours): split into
 * escaped lines with tabs expanded to 8-column stops. */
static int guest_lines(struct ld *ld, const struct ynode *src, struct excerpt *e)
{
	const char *s = src->str, *end = src->str + src->len;
	size_t n = 1;

	if (src->kind != YNODE_SCALAR)
		return FAILN(ld, src, "source must be a string, not %s", ynode_kind_name(src->kind));
	while (end > s && end[-1] == '\n')
		end--;
	if (end == s)
		return FAILN(ld, src, "source is empty");
	for (const char *p = s; p < end; p++)
		n += *p == '\n';
	if (n > LESSON_MAX_LINES)
		return FAILN(ld, src, "source has %zu lines (at most %d)", n, LESSON_MAX_LINES);
	if (!(e->lines = calloc(n, sizeof *e->lines)))
		return FAILN(ld, src, "out of memory");
	for (const char *p = s; p <= end && e->nlines < n;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *exp = text_expand_tabs(p, len);
		size_t o = exp ? strlen(exp) : 0;

		e->lines[e->nlines] = exp ? text_escape(exp, o < LESSON_MAX_STRING ? o :
							 LESSON_MAX_STRING, false) : NULL;
		free(exp);
		if (!e->lines[e->nlines])
			return FAILN(ld, src, "out of memory");
		e->nlines++;
		p += len + 1;
	}
	return 0;
}

/* version: guest - our guest kernel's code (guest/...), its text in the
 * lesson; numbered from first_line. */
static int get_guest_excerpt(struct ld *ld, const struct ynode *m, struct excerpt *e)
{
	const struct ynode *n;
	uint64_t v = 1;

	if (strncmp(e->file, "guest/", 6))
		return FAILN(ld, ynode_get(m, "file"), "a guest excerpt is our guest's code: its file "
			     "is guest/..., not %s", e->file);
	if ((n = ynode_key(m, "lines")) || (n = ynode_key(m, "symbol")))
		return FAILN(ld, n, "a guest excerpt gives first_line and source, not \"%.*s\"",
			     (int)n->len, n->str);
	if (ynode_require(m, "source", "a guest excerpt", ld->path, ld->d) < 0)
		return -1;
	if ((n = ynode_get(m, "first_line")) && ld_u64(ld, n, 1000000, "first_line", &v) < 0)
		return -1;
	if (v == 0)
		return FAILN(ld, n, "first_line starts at 1");
	e->first_line = (unsigned)v;
	if (!(e->version = strdup("guest")))
		return FAILN(ld, m, "out of memory");
	if (guest_lines(ld, ynode_get(m, "source"), e) < 0)
		return -1;
	e->last_line = e->first_line + (unsigned)e->nlines - 1;
	return 0;
}

/* "A-B" (or a single number) into first..last; 0, or -1. */
static int parse_range(const struct ynode *n, unsigned *first, unsigned *last)
{
	const char *dash = n->kind == YNODE_SCALAR ? memchr(n->str, '-', n->len) : NULL;
	uint64_t a, b;

	if (n->kind != YNODE_SCALAR)
		return -1;
	if (dash) {
		if (num_parse_u64(n->str, (size_t)(dash - n->str), &a, NULL) != NUM_OK ||
		    num_parse_u64(dash + 1, n->len - (size_t)(dash - n->str) - 1, &b, NULL) != NUM_OK)
			return -1;
	} else {
		if (num_parse_u64(n->str, n->len, &a, NULL) != NUM_OK)
			return -1;
		b = a;
	}
	if (a == 0 || a > b || b > 1000000)
		return -1;
	*first = (unsigned)a;
	*last = (unsigned)b;
	return 0;
}

/* Fill e from an excerpt map (keys already checked). */
static int get_excerpt(struct ld *ld, const struct ynode *m, struct excerpt *e)
{
	static const char *const langs[] = { "c", "asm", NULL };
	static const char *const versions[] = { LINUXSRC_VERSION, NULL };
	const struct ynode *n;
	char q[64];
	int li = 0, vi = 0;

	e->line = m->line;
	e->col = m->col;
	if ((n = ynode_get(m, "file"))) {
		e->file_line = n->line;
		e->file_col = n->col;
	}
	if (ynode_require(m, "file", "a code excerpt", ld->path, ld->d) < 0 ||
	    ynode_require(m, "version", "a code excerpt", ld->path, ld->d) < 0 ||
	    ynode_string(ynode_get(m, "file"), false, "file", ld->path, ld->d, &e->file) < 0)
		return -1;
	if (!linuxsrc_name_ok(e->file))
		return FAILN(ld, ynode_get(m, "file"), "file must be a relative path in "
			    "Linux's tree ([A-Za-z0-9_.,+-/], no \"..\"), not %s", e->file);
	if ((n = ynode_get(m, "lang")) && ynode_enum(n, langs, "lang", ld->path, ld->d, &li) < 0)
		return -1;
	if (!(e->lang = strdup(langs[li])))
		return FAILN(ld, m, "out of memory");
	n = ynode_get(m, "version");
	if (n->kind == YNODE_SCALAR && n->len == 5 && !memcmp(n->str, "guest", 5))
		return get_guest_excerpt(ld, m, e);
	if ((n = ynode_key(m, "source")))
		return FAILN(ld, n, "source is only for our guest's own code (version: guest): "
			     "Linux's lines are read from %s; name them with lines and symbol",
			     LINUXSRC_PACKAGE);
	if ((n = ynode_key(m, "first_line")))
		return FAILN(ld, n, "a Linux excerpt gives lines: \"A-B\", not first_line");
	if (ynode_require(m, "lines", "a code excerpt", ld->path, ld->d) < 0 ||
	    ynode_require(m, "symbol", "a code excerpt", ld->path, ld->d) < 0 ||
	    ynode_string(ynode_get(m, "symbol"), false, "symbol", ld->path, ld->d, &e->symbol) < 0)
		return -1;
	n = ynode_get(m, "version");
	if (ynode_enum(n, versions, "version", ld->path, ld->d, &vi) < 0) {
		ynode_quote(n, q, sizeof q);
		return FAILN(ld, n, "version must be %s (the Debian package %s), not %s: "
			    "pagewalk shows no other version's code as Linux's", LINUXSRC_VERSION,
			    LINUXSRC_PACKAGE, q);
	}
	n = ynode_get(m, "lines");
	if (parse_range(n, &e->first_line, &e->last_line) < 0) {
		ynode_quote(n, q, sizeof q);
		return FAILN(ld, n, "lines must be \"A-B\" with 1 <= A <= B, not %s", q);
	}
	if (e->last_line - e->first_line + 1 > LESSON_MAX_LINES)
		return FAILN(ld, n, "an excerpt shows at most %d lines", LESSON_MAX_LINES);
	/* the line of the pinned upload holding the symbol: how far the
	 * lines moved in another upload (lesson_excerpt.c) */
	if ((n = ynode_get(m, "symbol_line")) &&
	    (parse_range(n, &e->symbol_line, &(unsigned){ 0 }) < 0 ||
	     e->symbol_line < e->first_line || e->symbol_line > e->last_line)) {
		ynode_quote(n, q, sizeof q);
		return FAILN(ld, n, "symbol_line must be a line of lines %u-%u, not %s",
			     e->first_line, e->last_line, q);
	}
	if (!(e->version = strdup(versions[vi])))
		return FAILN(ld, m, "out of memory");
	return 0;
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
		if (ynode_string(k, false, "excerpt name", ld->path, ld->d, &e->id) < 0 ||
		    get_excerpt(ld, v, e) < 0)
			return -1;
	}
	return 0;
}

/* One highlight item: N or "A-B", inside the excerpt's range. */
static int get_range(struct ld *ld, const struct ynode *n, const struct excerpt *e,
		     struct line_range *r)
{
	char q[64];

	if (parse_range(n, &r->first, &r->last) < 0) {
		ynode_quote(n, q, sizeof q);
		return FAILN(ld, n, "a highlight must be a line number or \"A-B\", not %s", q);
	}
	if (r->first < e->first_line || r->last > e->last_line)
		return FAILN(ld, n, "highlighted line %u is outside the excerpt (lines %u-%u)",
			    r->first < e->first_line ? r->first : r->last, e->first_line, e->last_line);
	return 0;
}

static int find_ref(struct ld *ld, const struct ynode *m, struct code_view *v)
{
	const struct ynode *ref = ynode_get(m, "ref"), *other;
	char q[64];

	for (const char *const *k = excerpt_keys; *k; k++)
		if ((other = ynode_key(m, *k)))
			return FAILN(ld, other, "code with ref takes only highlight, not \"%s\"", *k);
	if (ref->kind != YNODE_SCALAR)
		return FAILN(ld, ref, "ref must be a string, not %s", ynode_kind_name(ref->kind));
	for (size_t i = 0; i < ld->l->nexcerpts; i++) {
		const struct excerpt *e = &ld->l->excerpts[i];
		if (e->id && strlen(e->id) == ref->len && memcmp(e->id, ref->str, ref->len) == 0)
			v->ex = e;
	}
	if (!v->ex) {
		ynode_quote(ref, q, sizeof q);
		return FAILN(ld, ref, "no code excerpt named %s (define it under code:)", q);
	}
	return 0;
}

int ld_code_view(struct ld *ld, const struct ynode *m, struct code_view *v)
{
	static const char *const keys[] = { "ref", "highlight", "file", "version", "lines",
					    "symbol", "lang", "first_line", "source", NULL };
	const struct ynode *hl;

	if (ynode_want(m, YNODE_MAP, "code", ld->path, ld->d) < 0 ||
	    ynode_known_keys(m, keys, "code", ld->path, ld->d) < 0)
		return -1;
	if (ynode_get(m, "ref")) {
		if (find_ref(ld, m, v) < 0)
			return -1;
	} else {
		struct excerpt *e = new_excerpt(ld, m);
		if (!e || get_excerpt(ld, m, e) < 0)
			return -1;
		v->ex = e;
	}
	if (!(hl = ynode_get(m, "highlight")))
		return 0;
	if (hl->kind == YNODE_SCALAR) {
		if (!(v->hl = calloc(1, sizeof *v->hl)))
			return FAILN(ld, hl, "out of memory");
		v->nhl = 1;
		return get_range(ld, hl, v->ex, &v->hl[0]);
	}
	if (ynode_want(hl, YNODE_SEQ, "highlight", ld->path, ld->d) < 0)
		return -1;
	if (!(v->hl = calloc(hl->n ? hl->n : 1, sizeof *v->hl)))
		return FAILN(ld, hl, "out of memory");
	for (size_t i = 0; i < hl->n; i++, v->nhl++)
		if (get_range(ld, hl->items[i], v->ex, &v->hl[i]) < 0)
			return -1;
	return 0;
}

int ld_code_files(struct ld *ld)
{
	struct linuxsrc_listing *lx = NULL;
	char why[400];
	int rc = 0, r;

	for (size_t i = 0; i < ld->l->nexcerpts && !rc; i++) {
		const struct excerpt *e = &ld->l->excerpts[i];
		if (e->version && !strcmp(e->version, "guest"))
			continue;
		if (!lx && !(lx = linuxsrc_listing_open()))
			break;       /* no listing known: checked when extracted */
		r = linuxsrc_listing_check(lx, e->file, why, sizeof why);
		if (r == -1 || (r == -2 && !strcmp(linuxsrc_listing_upload(lx), LINUXSRC_PINNED))) {
			diag_set(ld->d, ld->path, e->file_line, e->file_col, "%s", why);
			rc = -1;
		}
	}
	linuxsrc_listing_close(lx);
	return rc;
}
