/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxsrc_text.c - a source file's lines, its symbols and functions.
 *
 * Function lookup is by an index built at the first lookup in one pass
 * over the file: each column-0 line that can start a definition, with the
 * column-0 braces of its body found from a table of "the next closing
 * brace" made backwards, gives every identifier on it followed by a
 * parenthesis its range (the first such line of a name wins). A replay of
 * a trace naming 20,000 functions of one 70,000-line header so costs one
 * pass and 20,000 hash probes, not 20,000 passes.
 */
#include "linuxsrc_int.h"

#include <stdlib.h>
#include <string.h>

#define BODY_WITHIN 12          /* lines from a definition's name to its "{" */

struct fnent {
	const char *name;       /* into the file's buffer; NULL: free slot */
	size_t len;
	unsigned first, last;
};
struct linuxsrc_fnindex {
	struct fnent *tab;
	size_t cap, n;          /* cap a power of two */
};

int lxtext_split(struct linuxsrc_file *f, char *buf, size_t len)
{
	size_t n = 1, k = 0;

	f->buf = buf;
	f->fns = NULL;
	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\n';
	if (!(f->lines = calloc(n, sizeof *f->lines))) {
		free(buf);
		f->buf = NULL;
		return -1;
	}
	for (char *p = buf, *end = buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		f->lines[k++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	f->nlines = k;
	return 0;
}

int linuxsrc_file_from(struct linuxsrc_file *f, char *buf, size_t len)
{
	memset(f, 0, sizeof *f);
	if (len && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	return lxtext_split(f, buf, len);
}

void linuxsrc_file_free(struct linuxsrc_file *f)
{
	if (!f)
		return;
	if (f->fns)
		free(f->fns->tab);
	free(f->fns);
	free(f->lines);
	free(f->buf);
	memset(f, 0, sizeof *f);
}

static bool ident_char(char c)
{
	return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where name occurs in s as a whole word, or NULL. */
static const char *word_in(const char *s, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = s; n && (p = strstr(p, name)); p++)
		if ((p == s || !ident_char(p[-1])) && !ident_char(p[n]))
			return p;
	return NULL;
}

static bool comment_line(const char *s)
{
	s += strspn(s, " \t");
	return !strncmp(s, "/*", 2) || !strncmp(s, "//", 2) || (s[0] == '*' && s[1] != '(');
}

unsigned linuxsrc_find_symbol(const struct linuxsrc_file *f, const char *name,
			      unsigned first, unsigned last)
{
	for (unsigned ln = first ? first : 1; ln <= last && ln <= f->nlines; ln++)
		if (!comment_line(f->lines[ln - 1]) && word_in(f->lines[ln - 1], name))
			return ln;
	return 0;
}

/* ---- the function index ---- */

static size_t hash(const char *s, size_t n)
{
	size_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct fnent *slot(const struct linuxsrc_fnindex *x, const char *s, size_t n)
{
	struct fnent *e = &x->tab[hash(s, n) & (x->cap - 1)];

	while (e->name && (e->len != n || memcmp(e->name, s, n)))
		e = e + 1 == x->tab + x->cap ? x->tab : e + 1;
	return e;
}

/* Add name (n bytes) with its range unless it is there. 0, or -1. */
static int fn_add(struct linuxsrc_fnindex *x, const char *s, size_t n, unsigned first,
		  unsigned last)
{
	struct fnent *e;

	if (2 * (x->n + 1) > x->cap) {
		struct linuxsrc_fnindex g = { .cap = x->cap ? 2 * x->cap : 64 };
		if (!(g.tab = calloc(g.cap, sizeof *g.tab)))
			return -1;
		for (size_t i = 0; i < x->cap; i++)
			if (x->tab[i].name) {
				*slot(&g, x->tab[i].name, x->tab[i].len) = x->tab[i];
				g.n++;
			}
		free(x->tab);
		*x = g;
	}
	e = slot(x, s, n);
	if (!e->name) {
		*e = (struct fnent){ s, n, first, last };
		x->n++;
	}
	return 0;
}

/* Can line l start a definition (column 0, not a comment, a directive or
 * a declaration ending in ';')? */
static bool def_line(const char *l)
{
	size_t len = strlen(l);

	return l[0] && l[0] != ' ' && l[0] != '\t' && l[0] != '#' && !comment_line(l) &&
	       l[len - 1] != ';';
}

static int index_build(struct linuxsrc_file *f)
{
	struct linuxsrc_fnindex *x = calloc(1, sizeof *x);
	size_t *close = malloc((f->nlines + 1) * sizeof *close), none = f->nlines;

	if (!x || !close)
		goto fail;
	close[f->nlines] = none;
	for (size_t j = f->nlines; j-- > 0;)
		close[j] = !strcmp(f->lines[j], "}") ? j : close[j + 1];
	for (size_t i = 0; i < f->nlines; i++) {
		const char *l = f->lines[i];
		size_t j;
		if (!def_line(l))
			continue;
		for (j = i; j < f->nlines && j < i + BODY_WITHIN; j++) {
			size_t lj = strlen(f->lines[j]);
			if (!strcmp(f->lines[j], "{"))
				break;
			if (lj && f->lines[j][lj - 1] == ';')
				j = f->nlines;
		}
		if (j >= f->nlines || j >= i + BODY_WITHIN || close[j] == none)
			continue;
		for (const char *p = l; *p;) {
			const char *s = p;
			if (!ident_char(*p)) {
				p++;
				continue;
			}
			while (ident_char(*p))
				p++;
			if ((*p == '(' || *p == ')') &&
			    fn_add(x, s, (size_t)(p - s), (unsigned)i + 1, (unsigned)close[j] + 1) < 0)
				goto fail;
		}
	}
	free(close);
	f->fns = x;
	return 0;
fail:
	if (x)
		free(x->tab);
	free(x);
	free(close);
	return -1;
}

int linuxsrc_find_function(struct linuxsrc_file *f, const char *name, unsigned *first,
			   unsigned *last)
{
	const struct fnent *e;

	if (!f->fns && index_build(f) < 0)
		return -1;
	if (!f->fns->cap)
		return -1;
	e = slot(f->fns, name, strlen(name));
	if (!e->name)
		return -1;
	*first = e->first;
	*last = e->last;
	return 0;
}
