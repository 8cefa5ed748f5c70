/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_program.c - the learner's program in a trace (format 5): its name,
 * digest, arguments, exit and C source, and each fault's place in it.
 *
 * The source is the learner's own text, carried so that a trace replays on
 * another machine; it is never the kernel's (the kernel's lines are read
 * from the user's linux-source-6.1, engine/source).
 */
#include "trace/trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/text.h"

void trace_program_free(struct trace_program *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->sha256);
	free(p->source);
	free(p->source_file);
	free(p->exit);
	for (size_t i = 0; i < p->nargs; i++)
		free(p->args[i]);
	free(p->args);
	free(p);
}

int trace_set_program(struct trace *t, const char *name, const char *sha256,
		      const char *source, const char *const *args, size_t nargs,
		      const char *exit)
{
	struct trace_program *p = calloc(1, sizeof *p);

	if (!p || !(p->args = calloc(nargs + 1, sizeof *p->args)))
		goto fail;
	if (trace_set_text(&p->name, name) < 0 || trace_set_text(&p->sha256, sha256) < 0 ||
	    trace_set_text(&p->exit, exit) < 0)
		goto fail;
	if (source) {
		if (!(p->source = text_escape(source, strlen(source), true)))
			goto fail;
		p->nlines = 0;
		for (const char *c = p->source; *c; c++)
			p->nlines += *c == '\n' || !c[1];
	}
	for (; p->nargs < nargs; p->nargs++)
		if (trace_set_text(&p->args[p->nargs], args[p->nargs]) < 0)
			goto fail;
	trace_program_free(t->h.program);
	t->h.program = p;
	return 0;
fail:
	trace_program_free(p);
	return -1;
}

int trace_set_program_file(struct trace *t, const char *file)
{
	if (!t->h.program)
		return -1;
	return trace_set_text(&t->h.program->source_file, file);
}

const char *trace_program_file(const struct trace_program *p)
{
	return p->source_file ? p->source_file : p->name;
}

bool trace_program_line(const struct trace_program *p, uint32_t n, char *buf, size_t len)
{
	const char *s = p && p->source ? p->source : NULL;

	if (!s || n == 0 || len == 0)
		return false;
	for (uint32_t i = 1; i < n; i++) {
		if (!(s = strchr(s, '\n')))
			return false;
		s++;
	}
	if (!*s)
		return false;
	size_t k = strcspn(s, "\n");
	if (k >= len)
		k = len - 1;
	memcpy(buf, s, k);
	buf[k] = 0;
	return true;
}

struct trace_place *trace_place_new(struct trace *t, size_t k)
{
	if (k >= t->nevents)
		return NULL;
	if (k >= t->nplaces) {   /* grown by half or more each time: linear in all */
		struct trace_place *p = array_grow(t->places, &t->cap_places, k + 1, sizeof *p, 64);
		if (!p)
			return NULL;
		memset(p + t->nplaces, 0, (k + 1 - t->nplaces) * sizeof *p);
		t->places = p;
		t->nplaces = k + 1;
	}
	t->places[k].has = true;
	return &t->places[k];
}

int trace_set_event_program(struct trace *t, size_t k, const char *fn, uint32_t line,
			    bool startup, const char *syscall)
{
	struct trace_place *p = trace_place_new(t, k);

	if (!p)
		return -1;
	p->line = line;
	p->startup = startup;
	if ((fn && trace_set_text(&p->fn, fn) < 0) ||
	    (syscall && trace_set_text(&p->syscall, syscall) < 0))
		return -1;
	return 0;
}

const struct trace_place *trace_place_of(const struct trace *t, const struct trace_event *ev)
{
	static const struct trace_place none;
	size_t k = (size_t)(ev - t->events);

	return k < t->nplaces ? &t->places[k] : &none;
}

void trace_event_place(const struct trace *t, const struct trace_event *ev, char *buf,
		       size_t len)
{
	const struct trace_program *p = t->h.program;

	if (!len)
		return;
	buf[0] = 0;
	const struct trace_place *pl = trace_place_of(t, ev);

	if (!p || !pl->has)
		return;
	if (pl->line && pl->fn)
		snprintf(buf, len, "%s:%u %s()", trace_program_file(p), pl->line, pl->fn);
	else if (pl->line)
		snprintf(buf, len, "%s:%u", trace_program_file(p), pl->line);
	else if (pl->fn)
		snprintf(buf, len, "%s()", pl->fn);
}
