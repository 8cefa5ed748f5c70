/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_excerpt.c - a lesson's code excerpts against Linux's own source.
 *
 * An excerpt (load_code.c) names a file of Linux v6.1, a line range and the
 * symbol the range shows; the lesson file holds no kernel text.
 * lesson_excerpts_resolve() reads those lines from the installed
 * linux-source-6.1 (linuxsrc.h), checking that the range is inside the file
 * and holds the symbol, or leaves each excerpt a sentence saying which lines
 * of which file it would show and how to get them.
 */
#include "lesson/lesson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/linuxsrc.h"


/* ---- resolving against linux-source-6.1 ---- */

/* One source line for display: tabs expanded to TEXT_TAB stops, escaped,
 * at most LESSON_MAX_STRING bytes of it. NULL when out of memory. */
static char *display_line(const char *s)
{
	char *exp = text_expand_tabs(s, strlen(s)), *out;
	size_t n;

	if (!exp)
		return NULL;
	n = strlen(exp);
	out = text_escape(exp, n < LESSON_MAX_STRING ? n : LESSON_MAX_STRING, false);
	free(exp);
	return out;
}

/* Our guest's code: its lines came with the lesson. */
static bool excerpt_is_guest(const struct excerpt *e)
{
	return e->version && !strcmp(e->version, "guest");
}

static void excerpt_unresolve(struct excerpt *e)
{
	for (size_t j = 0; j < e->nlines; j++)
		free(e->lines[j]);
	free(e->lines);
	free(e->missing);
	e->lines = NULL;
	e->nlines = 0;
	e->missing = NULL;
	e->shift = 0;
	e->moved_in[0] = '\0';
}

/* Every excerpt without lines says why (msg, escaped). */
static void excerpts_missing(struct lesson *l, const char *msg)
{
	for (size_t i = 0; i < l->nexcerpts; i++) {
		struct excerpt *e = &l->excerpts[i];
		char buf[700];
		if (e->lines || excerpt_is_guest(e))
			continue;
		free(e->missing);
		if (msg)
			snprintf(buf, sizeof buf, "%s", msg);
		else
			linuxsrc_howto(e->file, e->first_line, e->last_line, buf, sizeof buf);
		e->missing = text_escape(buf, strlen(buf), false);
	}
}

/* The upload the lines are read from. */
struct upload {
	bool pinned;           /* LINUXSRC_PINNED: ranges are taken as written */
	char version[32];      /* "6.1.192-3", "6.1.200", or "" */
};

/* On another upload: how far e's lines moved, found by its symbol (see
 * lesson.h). 0 with *shift set, or -1 with d filled (the symbol is gone). */
static int excerpt_shift(const struct lesson *l, const struct excerpt *e,
			 const struct linuxsrc_file *f, const struct upload *u, int *shift,
			 struct diag *d)
{
	long best = -1, bestd = 0;

	for (unsigned ln = 1; (ln = linuxsrc_find_symbol(f, e->symbol, ln, f->nlines)); ln++) {
		long dist;
		if (e->symbol_line)
			dist = labs((long)ln - (long)e->symbol_line);
		else if (ln < e->first_line)
			dist = (long)e->first_line - (long)ln;
		else
			dist = ln > e->last_line ? (long)ln - (long)e->last_line : 0;
		if (best < 0 || dist < bestd) {
			best = ln;
			bestd = dist;
		}
	}
	if (best < 0) {
		diag_set(d, l->path, e->line, e->col, "%s is no longer in %s (%s %s; the lesson's "
			 "lines %u-%u are for %s)", e->symbol, e->file, LINUXSRC_PACKAGE, u->version,
			 e->first_line, e->last_line, LINUXSRC_PINNED);
		return -1;
	}
	if (e->symbol_line)
		*shift = (int)(best - (long)e->symbol_line);
	else if (best < (long)e->first_line)
		*shift = (int)(best - (long)e->first_line);
	else
		*shift = best > (long)e->last_line ? (int)(best - (long)e->last_line) : 0;
	return 0;
}

/* Check e's range against f (pinned: as written; else found again by the
 * symbol) and set e->shift. 0, or -1 with d filled. */
static int excerpt_place(const struct lesson *l, struct excerpt *e, const struct linuxsrc_file *f,
			 const struct upload *u, struct diag *d)
{
	e->shift = 0;
	e->moved_in[0] = '\0';
	if (!u->pinned) {
		if (excerpt_shift(l, e, f, u, &e->shift, d) < 0)
			return -1;
		if (e->shift)
			snprintf(e->moved_in, sizeof e->moved_in, "%s", u->version);
	}
	if ((long)e->first_line + e->shift < 1 || e->last_line + e->shift > f->nlines) {
		diag_set(d, l->path, e->line, e->col, "lines %ld-%ld are outside %s (%s has %zu lines)",
			 (long)e->first_line + e->shift, (long)e->last_line + e->shift, e->file,
			 LINUXSRC_PACKAGE, f->nlines);
		return -1;
	}
	if (!u->pinned)
		return 0;
	if (!linuxsrc_find_symbol(f, e->symbol, e->first_line, e->last_line)) {
		diag_set(d, l->path, e->line, e->col, "%s is not in lines %u-%u of %s (%s %s)",
			 e->symbol, e->first_line, e->last_line, e->file, LINUXSRC_PACKAGE,
			 u->version[0] ? u->version : LINUXSRC_VERSION);
		return -1;
	}
	if (e->symbol_line && linuxsrc_find_symbol(f, e->symbol, e->symbol_line,
						  e->symbol_line) != e->symbol_line) {
		diag_set(d, l->path, e->line, e->col, "%s is not on line %u of %s (its symbol_line)",
			 e->symbol, e->symbol_line, e->file);
		return -1;
	}
	return 0;
}

/* Fill e's lines from f, checking the range and the symbol. */
static int excerpt_fill(const struct lesson *l, struct excerpt *e, const struct linuxsrc_file *f,
			const struct upload *u, struct diag *d)
{
	size_t n = e->last_line - e->first_line + 1;

	if (excerpt_place(l, e, f, u, d) < 0)
		return -1;
	if (!(e->lines = calloc(n, sizeof *e->lines)))
		goto oom;
	for (; e->nlines < n; e->nlines++)
		if (!(e->lines[e->nlines] = display_line(
			      f->lines[e->first_line + e->shift - 1 + e->nlines])))
			goto oom;
	return 0;
oom:
	diag_set(d, l->path, e->line, e->col, "out of memory");
	return -1;
}

int lesson_excerpts_files(const struct lesson *l, const char **files, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < l->nexcerpts; i++) {
		bool seen = excerpt_is_guest(&l->excerpts[i]);
		for (size_t j = 0; j < n; j++)
			seen |= !strcmp(files[j], l->excerpts[i].file);
		if (!seen && n < max)
			files[n++] = l->excerpts[i].file;
	}
	return (int)n;
}

/* Read l's files through src, each once: 0, 2 when one is not there
 * without extracting and fetch is false, -1 with why. */
static int excerpts_read(struct linuxsrc *src, const char *const *files, int nf, bool fetch,
			 struct linuxsrc_file **f, struct diag *why)
{
	bool missing = false;
	int r;

	for (int k = 0; k < nf; k++) {
		if ((r = linuxsrc_get(src, files[k], false, &f[k], why)) < 0)
			return -1;
		missing |= r == 2;
	}
	if (!missing)
		return 0;
	if (!fetch)
		return 2;
	/* one extraction for every file not there yet */
	if (linuxsrc_fetch(src, files, (size_t)nf, why) < 0)
		return -1;
	for (int k = 0; k < nf; k++)
		if (!f[k] && linuxsrc_get(src, files[k], false, &f[k], why) != 0)
			return -1;
	return 0;
}

/* Resolve l's excerpts; fetch: extract missing files (else 2 when some
 * are not there without extracting). */
static int excerpts_resolve(struct lesson *l, bool fetch, struct diag *d)
{
	const char *files[LINUXSRC_MAX_FETCH];
	struct linuxsrc_file *f[LINUXSRC_MAX_FETCH] = { 0 };
	struct linuxsrc *src;
	struct upload u;
	struct diag why;
	int nf, rc = 0;
	bool any = false;

	for (size_t i = 0; i < l->nexcerpts; i++)
		if (!excerpt_is_guest(&l->excerpts[i])) {
			excerpt_unresolve(&l->excerpts[i]);
			any = true;
		}
	if (!any)
		return 0;
	if (linuxsrc_open(&src, &why) < 0) {
		excerpts_missing(l, strstr(why.msg, "not installed") ? NULL : why.msg);
		return 1;
	}
	nf = lesson_excerpts_files(l, files, LINUXSRC_MAX_FETCH);
	rc = excerpts_read(src, files, nf, fetch, f, &why);
	if (rc == 2)
		goto out;
	if (rc < 0) {
		diag_set(d, l->path, 0, 0, "%s", why.msg);
		excerpts_missing(l, why.msg);
		goto out;
	}
	u.pinned = linuxsrc_pinned(src);
	linuxsrc_version(src, u.version, sizeof u.version);
	for (int k = 0; k < nf; k++)
		for (size_t i = 0; i < l->nexcerpts; i++) {
			struct excerpt *e = &l->excerpts[i];
			if (excerpt_is_guest(e) || strcmp(e->file, files[k]))
				continue;
			if (excerpt_fill(l, e, f[k], &u, rc ? &why : d) < 0) {
				excerpt_unresolve(e);
				rc = -1;
			}
		}
	if (rc < 0) {
		char msg[sizeof d->msg + 64];
		diag_format(d, msg, sizeof msg);
		excerpts_missing(l, msg);
	}
out:
	linuxsrc_close(src);
	return rc;
}

int lesson_excerpts_resolve(struct lesson *l, struct diag *d)
{
	return excerpts_resolve(l, true, d);
}

int lesson_excerpts_resolve_cached(struct lesson *l, struct diag *d)
{
	return excerpts_resolve(l, false, d);
}

void lesson_excerpt_clear(struct excerpt *e)
{
	excerpt_unresolve(e);
	free(e->id);
	free(e->file);
	free(e->version);
	free(e->lang);
	free(e->symbol);
}
