/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_load.c - YAML lesson files to the checked lesson model.
 *
 * The file becomes a node tree (yamlnode.c: limits, no aliases, marks),
 * then each part is checked against the schema of docs/lesson-format.md.
 * Walks, splits and faults are computed here with the engine, authors'
 * `expect:` values are compared with the results and `{placeholders}` are
 * filled; quizzes are instantiated with 64 fixed seeds to prove they can
 * always be asked and answered. Any problem rejects the file; with
 * lesson_load_all() every independent one is reported (the lesson's keys,
 * then the first problem of each step), for `check`.
 *
 * This file reads the file and dispatches steps; the parts are load_*.c
 * (see load_int.h).
 */
#include "load_int.h"
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ynode_limits lesson_limits = {
	.max_bytes = LESSON_MAX_FILE,
	.max_depth = LESSON_MAX_DEPTH,
	.max_string = LESSON_MAX_STRING,
	.max_nodes = 200000,
};

/* ---- step dispatch and the top level ------------------------------------------------ */

static const char *const kind_words[] = { "text", "split", "walk", "compare", "code", "quiz",
					  "fault", "replay", NULL };

static int load_step_kind(struct ld *ld, const struct ynode *m, struct step *s);

/* Load the step, then check the numbers its prose states (load_prose.c). */
static int load_step(struct ld *ld, const struct ynode *m, struct step *s)
{
	if (load_step_kind(ld, m, s) < 0)
		return -1;
	return ld_prose(ld, m, s);
}

static int load_step_kind(struct ld *ld, const struct ynode *m, struct step *s)
{
	const struct ynode *n;
	int k;

	if (ynode_want(m, YNODE_MAP, "a step", ld->path, ld->d) < 0 ||
	    ynode_require(m, "kind", "a step", ld->path, ld->d) < 0)
		return -1;
	if (ynode_enum(ynode_get(m, "kind"), kind_words, "step kind", ld->path, ld->d, &k) < 0)
		return -1;
	s->kind = (enum step_kind)k;
	s->line = m->line;
	s->col = m->col;
	if ((n = ynode_get(m, "heading")) && ld_text(ld, n, false, "heading", &s->heading) < 0)
		return -1;
	if ((n = ynode_get(m, "text")) && ld_text(ld, n, true, "text", &s->body) < 0)
		return -1;
	if ((n = ynode_get(m, "code")) && ld_code_view(ld, n, &s->code) < 0)
		return -1;
	switch (s->kind) {
	case STEP_TEXT:
		if (ld_step_keys(ld, m, NULL, "text") < 0 || ld_need(ld, m, "text", "text") < 0)
			return -1;
		return 0;
	case STEP_CODE:
		if (ld_step_keys(ld, m, NULL, "code") < 0 || ld_need(ld, m, "code", "code") < 0)
			return -1;
		return 0;
	case STEP_SPLIT:
		return ld_split(ld, m, s);
	case STEP_WALK:
		return ld_walk(ld, m, s);
	case STEP_COMPARE:
		return ld_compare(ld, m, s);
	case STEP_QUIZ:
		return ld_quiz(ld, m, s);
	case STEP_FAULT:
		return ld_fault(ld, m, s);
	case STEP_REPLAY:
		return ld_replay(ld, m, s);
	default:
		break;
	}
	return FAILN(ld, m, "internal: step kind");
}

/* The file stem of path: "lessons/03-x.yaml" -> "03-x". */
static char *path_stem(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(b + n - 4, ".yml") == 0)
		n -= 4;
	return text_escape(b, n, false);
}

/* Where a load's errors go: the first max kept, all counted. */
struct errs {
	struct diag *v;
	size_t max, n;
};

/* Keep the error in *d (and clear d for the next check). Whether the load
 * goes on to look for more. */
static bool keep(struct errs *e, struct diag *d)
{
	if (e->n < e->max)
		e->v[e->n] = *d;
	e->n++;
	memset(d, 0, sizeof *d);
	return e->max > 1;
}

/* The lesson's own keys: title, summary, arch and the steps list. Each
 * independent error is kept; -1 when the steps cannot be checked, -2 when
 * they can be but the lesson's arch is missing or unknown (see
 * steps_any_arch). */
static int load_top(struct ld *ld, const struct ynode *root, struct errs *e)
{
	static const char *const top_keys[] = { "title", "summary", "arch", "code", "steps", NULL };
	static const char *const needed[] = { "title", "arch", "steps" };
	struct lesson *l = ld->l;
	const struct ynode *n, *steps;
	bool arch_ok = true, steps_ok = true;

	if (ynode_known_keys(root, top_keys, "a lesson", ld->path, ld->d) < 0 && !keep(e, ld->d))
		return -1;
	for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++)
		if (ynode_require(root, needed[i], "a lesson", ld->path, ld->d) < 0) {
			arch_ok = arch_ok && strcmp(needed[i], "title") == 0;
			steps_ok = steps_ok && strcmp(needed[i], "steps") != 0;
			if (!keep(e, ld->d))
				return -1;
		}
	if ((n = ynode_get(root, "title")) && ld_text(ld, n, false, "title", &l->title) < 0 &&
	    !keep(e, ld->d))
		return -1;
	if ((n = ynode_get(root, "summary")) && ld_text(ld, n, false, "summary", &l->summary) < 0 &&
	    !keep(e, ld->d))
		return -1;
	if ((n = ynode_get(root, "arch")) && ld_arch(ld, n, &l->arch) < 0) {
		keep(e, ld->d);
		arch_ok = false;
	}
	if (!steps_ok)
		return -1;
	steps = ynode_get(root, "steps");
	if (ynode_want(steps, YNODE_SEQ, "steps", ld->path, ld->d) < 0)
		return keep(e, ld->d), -1;
	if (steps->n == 0) {
		FAILN(ld, steps, "steps is empty: a lesson has at least one step");
		return keep(e, ld->d), -1;
	}
	if (steps->n > LESSON_MAX_STEPS) {
		FAILN(ld, steps->items[LESSON_MAX_STEPS], "too many steps (at most %d)",
		      LESSON_MAX_STEPS);
		return keep(e, ld->d), -1;
	}
	return arch_ok ? 0 : -2;
}

/* The lesson's arch is missing or unknown, and a step may depend on it:
 * load each step once under every arch, and keep the error all of them
 * give (the same place and words), which the arch cannot have caused. A
 * step that loads under one arch has no error of its own. Whether the
 * search goes on. */
static bool steps_any_arch(struct ld *ld, const struct ynode *steps, struct errs *e)
{
	struct lesson *l = ld->l;

	for (size_t i = 0; i < steps->n; i++) {
		struct diag first = { 0 };
		bool same = true;
		for (int a = 0; a < ARCH_COUNT && same; a++) {
			struct step tmp = { 0 };
			size_t nex = l->nexcerpts;
			int rc;
			l->arch = arch_get((enum arch_id)a);
			rc = load_step(ld, steps->items[i], &tmp);
			step_clear(&tmp);
			while (l->nexcerpts > nex)         /* its own excerpts go too */
				lesson_excerpt_clear(&l->excerpts[--l->nexcerpts]);
			if (rc == 0)
				same = false;
			else if (a == 0)
				first = *ld->d;
			else
				same = first.line == ld->d->line && first.col == ld->d->col &&
				       strcmp(first.msg, ld->d->msg) == 0;
			memset(ld->d, 0, sizeof *ld->d);
		}
		if (same && !keep(e, &first))
			return false;
	}
	l->arch = NULL;
	return true;
}

static struct lesson *load_tree(const char *path, const struct ynode *root, const char *src,
				size_t srclen, struct errs *e)
{
	struct diag d = { 0 };
	struct ld ld = { .path = path, .d = &d, .src = src, .srclen = srclen };
	const struct ynode *steps, *code;
	struct lesson *l = calloc(1, sizeof *l);
	int rc;

	if (!l) {
		diag_set(&d, path, 0, 0, "out of memory");
		keep(e, &d);
		return NULL;
	}
	ld.l = l;
	l->path = strdup(path);
	l->name = path_stem(path);
	if (!l->path || !l->name) {
		diag_set(&d, path, 0, 0, "out of memory");
		goto fail;
	}
	if (root->kind != YNODE_MAP) {
		FAILN(&ld, root, "a lesson is a map with title, arch and steps, not %s",
		      ynode_kind_name(root->kind));
		goto fail;
	}
	if ((rc = load_top(&ld, root, e)) == -1)
		goto out;
	steps = ynode_get(root, "steps");
	code = ynode_get(root, "code");
	ld.excap = steps->n + (code && code->kind == YNODE_MAP ? code->n : 0);
	l->excerpts = calloc(ld.excap, sizeof *l->excerpts);
	l->steps = calloc(steps->n, sizeof *l->steps);
	if (!l->excerpts || !l->steps) {
		diag_set(&d, path, 0, 0, "out of memory");
		goto fail;
	}
	/* the steps' code: refers to this table: it must load first */
	if (code && ld_code_table(&ld, code) < 0)
		goto fail;
	if (rc == -2) {        /* no arch: the errors no arch explains */
		steps_any_arch(&ld, steps, e);
		goto out;
	}
	/* steps are independent of each other: each one's first error */
	for (size_t i = 0; i < steps->n; i++) {
		l->nsteps = i + 1;
		if (load_step(&ld, steps->items[i], &l->steps[i]) < 0 && !keep(e, &d))
			goto out;
	}
	if (e->n)
		goto out;
	/* last: every Linux excerpt's file against the package's listing */
	if (ld_code_files(&ld) < 0)
		goto fail;
	ld_traces_free(ld.traces);
	return l;
fail:
	keep(e, &d);
out:
	ld_traces_free(ld.traces);
	lesson_free(l);
	return NULL;
}

struct lesson *lesson_load_all(const char *path, const char *buf, size_t len,
			       struct diag *errs, size_t max, size_t *nerrs)
{
	struct errs e = { .v = errs, .max = max ? max : 1 };
	struct diag d = { 0 };
	struct ynode *root;
	struct lesson *l = NULL;

	if (len > LESSON_MAX_FILE) {
		diag_set(&d, path, 0, 0, "file too large (%zu bytes, at most %d)", len,
			 LESSON_MAX_FILE);
		keep(&e, &d);
	} else if (trace_is_trace(buf, len)) {
		diag_set(&d, path, 0, 0, "a pagewalk trace, not a lesson (open it with pagewalk replay)");
		keep(&e, &d);
	} else if (!(root = ynode_parse(path, buf, len, &lesson_limits, &d))) {
		keep(&e, &d);
	} else {
		l = load_tree(path, root, buf, len, &e);
		ynode_free(root);
	}
	*nerrs = e.n;
	return l;
}

struct lesson *lesson_load_buffer(const char *path, const char *buf, size_t len,
				  struct diag *d)
{
	struct diag first;
	size_t n;
	struct lesson *l = lesson_load_all(path, buf, len, &first, 1, &n);

	if (!l && d)
		*d = first;
	return l;
}

struct lesson *lesson_load(const char *path, struct diag *d)
{
	size_t len;
	char *buf = file_read_regular(path, LESSON_MAX_FILE, &len, d);
	struct lesson *l;

	if (!buf) {
		/* too big for a lesson: say so unless it is a trace (one decision) */
		if (errno == EFBIG && trace_file_is_trace(path))
			diag_set(d, path, 0, 0, "a pagewalk trace, not a lesson (open it with pagewalk replay)");
		return NULL;
	}
	l = lesson_load_buffer(path, buf, len, d);
	free(buf);
	return l;
}

