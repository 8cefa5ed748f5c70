/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_calls.c - a fault's call chain (format 3): add, check, name.
 *
 * The frames are only names and places (function, file:line of the kernel
 * source the header names); the replayer reads the lines themselves from
 * the user's own copy of that source (engine/source). A trace never holds
 * source text.
 */
#include "trace/trace.h"
#include "trace/trace_calls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/linuxsrc.h"
#include "util/array.h"
#include "util/num.h"

#define CALL_LINE_MAX 9999999u
#define CALL_DEPTH_MAX 64u

int trace_add_call(struct trace *t, const char *fn, const char *file, uint32_t line,
		   uint32_t depth)
{
	struct trace_call *c;

	if (!t->nevents || t->ncalls >= UINT32_MAX)
		return -1;
	c = array_grow(t->calls, &t->cap_calls, t->ncalls + 1, sizeof *c, 64);
	if (!c)
		return -1;
	t->calls = c;
	c = &t->calls[t->ncalls];
	memset(c, 0, sizeof *c);
	if (trace_set_text(&c->fn, fn) < 0 || trace_set_text(&c->file, file) < 0) {
		free(c->fn);
		free(c->file);
		return -1;
	}
	c->line = line;
	c->depth = depth;
	t->ncalls++;
	t->events[t->nevents - 1].ncalls++;
	return 0;
}

int trace_set_call_why(struct trace *t, const char *why)
{
	if (!t->ncalls)
		return -1;
	if (!why) {
		free(t->calls[t->ncalls - 1].why);
		t->calls[t->ncalls - 1].why = NULL;
		return 0;
	}
	return trace_set_text(&t->calls[t->ncalls - 1].why, why);
}

unsigned trace_version_needed(const struct trace *t)
{
	if (t->h.program)
		return 5;
	for (size_t i = 0; i < t->nevents; i++)
		if (t->events[i].kind == TRACE_FLUSH || trace_user_cr3(&t->events[i]))
			return 5;
	for (size_t i = 0; i < t->nwrites; i++)
		if (t->writes[i].level != LEVEL_COUNT)
			return 4;
	for (size_t i = 0; i < t->ncalls; i++)
		if (t->calls[i].why || !t->calls[i].line)
			return 4;
	if (trace_is_kernel(t))
		for (size_t i = 0; i < t->nevents; i++)
			if (t->events[i].kind == TRACE_FAULT &&
			    strcmp(fault_path_name(t->events[i].path),
				   fault_path_kernel_name(t->events[i].path)) != 0)
				return 4;
	return t->ncalls || t->h.kernel_source || t->h.kernel_config ? 3 : 2;
}

bool trace_fn_ok(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
			return false;
	return true;
}

bool trace_chain_ok(const char *s)
{
	char name[128];

	for (;;) {
		size_t n = strcspn(s, " ");
		if (!n || n >= sizeof name)
			return false;
		memcpy(name, s, n);
		name[n] = 0;
		if (!trace_fn_ok(name))
			return false;
		if (!s[n])
			return true;
		if (strncmp(s + n, " > ", 3) != 0)
			return false;
		s += n + 3;
	}
}

/* A path inside a source tree: relative, no "..", no empty part. */
static bool path_ok(const char *s, size_t n)
{
	size_t part = 0;

	if (!n || n >= 256 || s[0] == '/')
		return false;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '/') {
			if (!part || (part == 2 && s[i - 1] == '.' && s[i - 2] == '.') ||
			    (part == 1 && s[i - 1] == '.'))
				return false;
			part = 0;
			continue;
		}
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr("_.-+", s[i])))
			return false;
		part++;
	}
	return true;
}

int trace_call_parse_at(const char *s, char *file, size_t len, uint32_t *line)
{
	const char *colon = strrchr(s, ':');
	uint64_t v;

	if (!colon && path_ok(s, strlen(s)) && strlen(s) < len) {
		memcpy(file, s, strlen(s) + 1);       /* a file, no line (version 4) */
		*line = 0;
		return 0;
	}
	if (!colon || !path_ok(s, (size_t)(colon - s)) || (size_t)(colon - s) >= len)
		return -1;
	for (const char *p = colon + 1; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	if (num_parse_u64(colon + 1, strlen(colon + 1), &v, NULL) != NUM_OK || v < 1 ||
	    v > CALL_LINE_MAX)
		return -1;
	memcpy(file, s, (size_t)(colon - s));
	file[colon - s] = '\0';
	*line = (uint32_t)v;
	return 0;
}

static int bad_oom(const char *path, struct diag *d)
{
	diag_set(d, path, 0, 0, "out of memory");
	return -1;
}

int trace_calls_check(const struct trace *t, const struct trace_event *ev, const char *path,
		      struct diag *d)
{
	unsigned long long seq = (unsigned long long)ev->seq;

	if (ev->ncalls && ev->kind != TRACE_FAULT) {
		diag_set(d, path, ev->line, ev->col, "event %llu: only a fault has calls", seq);
		return -1;
	}
	if (ev->ncalls && !t->h.kernel_source) {
		diag_set(d, path, ev->line, ev->col,
			 "event %llu: calls need the header's \"kernel-source\" (the source "
			 "their file:line point into)", seq);
		return -1;
	}
	for (uint32_t i = 0; i < ev->ncalls; i++) {
		const struct trace_call *c = &t->calls[ev->call0 + i];
		uint32_t up = i ? t->calls[ev->call0 + i - 1].depth + 1 : 0;
		const char *why = !trace_fn_ok(c->fn) ? "fn is not a function name" :
				  !path_ok(c->file, strlen(c->file)) ? "at is not a file inside the source" :
				  c->line > CALL_LINE_MAX ? "the line is out of range" :
				  !c->line && !c->why ? "a frame without a line needs a why" :
				  c->why && t->h.version < 4 ? "why needs pagewalk-trace: 4" :
				  c->depth > up || c->depth >= CALL_DEPTH_MAX ?
				  (i ? "depth goes down more than one level" : "the first call has depth 0") :
				  NULL;
		if (why) {
			diag_set(d, path, c->fline, c->fcol, "event %llu: call %u: %s", seq, i + 1, why);
			return -1;
		}
	}
	return 0;
}

int trace_writes_check_origin(const struct trace *t, const struct trace_event *ev,
			      const char *path, struct diag *d)
{
	const struct arch *a = t->h.arch;
	unsigned long long seq = (unsigned long long)ev->seq;

	for (uint32_t i = 0; i < ev->nwrites; i++) {
		const struct trace_write *w = &t->writes[ev->write0 + i];
		const struct level_info *li;
		uint64_t table, align;
		const char *why = NULL;

		if (w->level == LEVEL_COUNT)
			continue;
		li = &a->level[w->level];
		align = w->level == LEVEL_PGD && a->level[LEVEL_PGD].ptrs * a->entry_size < 4096
			? a->level[LEVEL_PGD].ptrs * a->entry_size : 4096;   /* a PAE PDPT: 32 */
		table = w->pa - (uint64_t)w->index * a->entry_size;
		if (ev->kind != TRACE_FAULT)
			why = "only a fault's write says which frame wrote it";
		else if (li->folded)
			why = "the level is folded in this arch: no entry of its own";
		else if (w->index >= li->ptrs)
			why = "the index is out of the level's range";
		else if (w->index * (uint64_t)a->entry_size > w->pa || table % align)
			why = "the entry is not at that index of a table";
		else if (w->call >= ev->ncalls)
			why = "call is not one of the fault's calls";
		for (uint32_t k = 0; !why && k < ev->nsteps; k++) {
			const struct trace_step *st = &t->steps[ev->step0 + k];
			if (st->level == w->level && st->table != table)
				why = "the walk reads this level from another table";
		}
		if (why) {
			diag_set(d, path, w->line, w->col, "event %llu: write of 0x%llx (%s[%u]): %s",
				 seq, (unsigned long long)w->pa, level_name((enum level)w->level),
				 w->index, why);
			return -1;
		}
	}
	return 0;
}

void trace_calls_free(struct trace *t)
{
	for (size_t i = 0; i < t->ncalls; i++) {
		free(t->calls[i].fn);
		free(t->calls[i].file);
		free(t->calls[i].why);
	}
	free(t->calls);
	t->calls = NULL;
	t->ncalls = t->cap_calls = 0;
}

size_t trace_calls_deepest(const struct trace *t, const struct trace_event *ev)
{
	size_t best = ev->call0;

	for (uint32_t i = 0; i < ev->ncalls; i++)
		if (t->calls[ev->call0 + i].depth >= t->calls[best].depth)
			best = ev->call0 + i;
	return best;
}

bool trace_calls_moves_on(const struct trace *t, const struct trace_event *ev, size_t k)
{
	const struct trace_call *c, *p;

	if (k == 0 || k >= ev->ncalls)
		return false;
	c = &t->calls[ev->call0 + k];
	p = &t->calls[ev->call0 + k - 1];
	return c->depth == p->depth && strcmp(c->fn, p->fn) == 0;
}

void trace_calls_format(const struct trace *t, const struct trace_event *ev, char *buf,
			size_t len)
{
	size_t n = 0, last, k = 0, *keep;
	uint32_t under = UINT32_MAX;

	if (!len)
		return;
	buf[0] = '\0';
	if (!ev->ncalls)
		return;
	/* the chain down to the deepest frame: the frames still on the stack
	 * there, i.e. those deeper than nothing after them. One pass back
	 * from the deepest, keeping the least depth seen (linear: a fault's
	 * chain once cost its length squared) */
	last = trace_calls_deepest(t, ev);
	if (!(keep = malloc((last - ev->call0 + 1) * sizeof *keep))) {
		snprintf(buf, len, "%s", t->calls[last].fn);
		return;
	}
	for (size_t i = last + 1; i-- > ev->call0;)
		if (t->calls[i].depth < under) {
			keep[k++] = i;
			under = t->calls[i].depth;
		}
	while (k-- > 0 && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " > " : "", t->calls[keep[k]].fn);
	free(keep);
	if (n < len)
		snprintf(buf + n, len - n, " (%s:%u)", t->calls[last].file, t->calls[last].line);
}

/* ---- the files, against the package's listing ---- */

static size_t str_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Was t recorded on the upload the listing describes (its kernel-source
 * "linux-source-6.1 6.1.192-3" naming the same version)? */
static bool same_upload(const struct trace *t, const struct linuxsrc_listing *l)
{
	const char *ks = t->h.kernel_source, *sp = ks ? strrchr(ks, ' ') : NULL;

	return sp && !strcmp(sp + 1, linuxsrc_listing_upload(l));
}

int trace_calls_check_files(const struct trace *t, const char *path, struct diag *d)
{
	struct linuxsrc_listing *l;
	const char **seen;
	size_t cap = 16;
	char why[400];
	int rc = 0, r;
	bool same;

	if (!t->ncalls || !(l = linuxsrc_listing_open()))
		return 0;
	while (cap < 2 * t->ncalls && cap < SIZE_MAX / 4)
		cap *= 2;
	if (!(seen = calloc(cap, sizeof *seen))) {
		linuxsrc_listing_close(l);
		return bad_oom(path, d);
	}
	same = same_upload(t, l);
	for (size_t i = 0; i < t->ncalls && !rc; i++) {
		const struct trace_call *c = &t->calls[i];
		const char **e = &seen[str_hash(c->file) & (cap - 1)];
		while (*e && strcmp(*e, c->file))
			e = e + 1 == seen + cap ? seen : e + 1;
		if (*e)
			continue;    /* each file once */
		*e = c->file;
		r = linuxsrc_listing_check(l, c->file, why, sizeof why);
		if (r == -1 || (r == -2 && same)) {
			diag_set(d, path, c->fline, c->fcol, "calls: %s", why);
			rc = -1;
		}
	}
	free(seen);
	linuxsrc_listing_close(l);
	return rc;
}
