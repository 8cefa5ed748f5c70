/* SPDX-License-Identifier: GPL-2.0-only */
/* load_replay.c - replay steps: one fault event of a recorded trace, found
 * and loaded, with its placeholders. */
#include "load_int.h"
#include "trace/trace_calls.h"
#include "util/array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct rp_ctx {
	const struct step_replay *r;
	struct addr_fields f;
};

static int rp_resolve(void *vctx, const char *name, size_t len, struct ph_value *out,
		      struct diag *d)
{
	const struct rp_ctx *c = vctx;
	const struct step_replay *r = c->r;
	struct ph_ctx pc = { .a = r->arch, .addr = r->cr2, .f = &c->f, .w = &r->walk,
			     .cr3 = r->cr3 };
	uint64_t v;
	bool hex = true;

	if (ph_name_is(name, len, "cr2"))
		v = r->cr2;
	else if (ph_name_is(name, len, "cr3"))
		v = r->cr3;
	else if (ph_name_is(name, len, "ip"))
		v = r->ip;
	else if (ph_name_is(name, len, "error_code"))
		v = r->error_code;
	else if (ph_name_is(name, len, "master_cr3"))
		v = r->master_pgd;
	else if (ph_name_is(name, len, "event")) {
		v = r->seq;
		hex = false;
	} else if (ph_name_is(name, len, "pid")) {
		v = r->pid;
		hex = false;
	} else if (ph_name_is(name, len, "path")) {
		/* a trace of Linux (its call chain recorded) names the route by
		 * Linux's own function */
		*out = (struct ph_value){ .str = r->calls[0] ? fault_path_kernel_name(r->path)
							     : fault_path_name(r->path) };
		return 0;
	} else if (ph_name_is(name, len, "calls")) {
		if (!r->calls[0]) {
			diag_set(d, NULL, 0, 0, "placeholder {calls}: event %llu has no call chain "
				 "(only traces of Linux record one)", (unsigned long long)r->seq);
			return -1;
		}
		*out = (struct ph_value){ .str = r->calls };
		return 0;
	} else if (ph_name_is(name, len, "program") || ph_name_is(name, len, "program.line")) {
		bool line = len > 7;
		if (!(line ? r->program_line : r->program)[0]) {
			diag_set(d, NULL, 0, 0, "placeholder {%s}: event %llu has no %s (only traces of "
				 "a program, record --program, name one)", line ? "program.line" : "program",
				 (unsigned long long)r->seq, line ? "program line" : "place in a program");
			return -1;
		}
		*out = (struct ph_value){ .str = line ? r->program_line : r->program };
		return 0;
	} else if (ph_name_is(name, len, "trace")) {
		*out = (struct ph_value){ .str = r->trace_shown };
		return 0;
	} else if (len > 5 && memcmp(name, "sync.", 5) == 0) {
		const struct trace_write *w = &r->sync;
		if (ph_name_is(name, len, "sync.entry"))
			v = w->pa;
		else if (ph_name_is(name, len, "sync.master_entry"))
			v = w->from;
		else if (ph_name_is(name, len, "sync.value"))
			v = w->new_value;
		else if (ph_name_is(name, len, "sync.old"))
			v = w->old_value;
		else
			goto unknown;
		if (!r->synced) {
			diag_set(d, NULL, 0, 0, "placeholder {%.*s}: event %llu copies no master entry "
				 "(its path is %s)", (int)len, name, (unsigned long long)r->seq,
				 fault_path_name(r->path));
			return -1;
		}
	} else if (ph_name_is(name, len, "phys") || ph_name_is(name, len, "frame") ||
		   ph_name_is(name, len, "page_size") || ph_name_is(name, len, "sync")) {
		goto unknown;   /* the recorded walk faulted: nothing to say */
	} else {
		return ld_ph_resolve(&pc, name, len, out, d);
	}
	*out = (struct ph_value){ .is_num = true, .num = v, .hex = hex };
	return 0;
unknown:
	diag_set(d, NULL, 0, 0, "unknown placeholder {%.*s} in a replay step (cr2, cr3, error_code, "
		 "path, calls, event, pid, master_cr3, sync.entry, sync.master_entry, sync.value, "
		 "sync.old, pgd, pgd.entry ...)", (int)len, name);
	return -1;
}

/* ---- the traces a lesson replays: each loaded once, all bounded together ---- */

struct trace_cache {
	struct cached_trace {
		char *path;              /* as found by lesson_trace_find */
		dev_t dev;               /* the file, however the steps spell it */
		ino_t ino;
		struct trace *t;
	} *items;
	size_t n, cap;
	uint64_t bytes;              /* file bytes loaded so far */
};

void ld_traces_free(struct trace_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].path);
		trace_free(c->items[i].t);
	}
	free(c->items);
	free(c);
}

/* Load the trace at found (named name at node tn) unless this lesson has
 * loaded that file already (by device and inode: another spelling or a
 * link to it is the same trace). The files a lesson replays count together against
 * LESSON_MAX_TRACE_BYTES, so many steps or traces cannot multiply the work
 * of one load. The trace stays owned by the cache. */
static const struct trace *trace_get(struct ld *ld, const struct ynode *tn,
				     const char *name, const char *found)
{
	struct trace_cache *c = ld->traces;
	struct cached_trace *p;
	struct diag td = { 0 };
	char msg[1100];
	struct stat st;
	struct trace *t;
	bool known = stat(found, &st) == 0;

	for (size_t i = 0; c && i < c->n; i++)
		if (known ? c->items[i].dev == st.st_dev && c->items[i].ino == st.st_ino :
		    strcmp(c->items[i].path, found) == 0)
			return c->items[i].t;
	if (!c && !(c = ld->traces = calloc(1, sizeof *c)))
		goto oom;
	if (!(p = array_grow(c->items, &c->cap, c->n + 1, sizeof *p, 4)))
		goto oom;
	c->items = p;
	if (known && c->bytes + (uint64_t)st.st_size > LESSON_MAX_TRACE_BYTES) {
		FAILN(ld, tn, "trace %s: the traces this lesson replays are over %u MiB "
		      "together (load fewer or smaller traces)", name,
		      LESSON_MAX_TRACE_BYTES >> 20);
		return NULL;
	}
	if (!(t = trace_load(found, &td))) {
		diag_format(&td, msg, sizeof msg);
		FAILN(ld, tn, "trace %s does not load: %s", name, msg);
		return NULL;
	}
	c->items[c->n].path = strdup(found);
	c->items[c->n].dev = known ? st.st_dev : 0;
	c->items[c->n].ino = known ? st.st_ino : 0;
	c->items[c->n].t = t;
	if (!c->items[c->n].path) {
		trace_free(t);
		goto oom;
	}
	c->n++;
	c->bytes += known ? (uint64_t)st.st_size : 0;
	return t;
oom:
	FAILN(ld, tn, "out of memory");
	return NULL;
}

/* ---- the step ---------------------------------------------------------------- */

/* The event a step names: event: N (checked against path: when given), or
 * the first fault that took the path first: names. Sets r->event. */
static const struct trace_event *pick_event(struct ld *ld, const struct ynode *en,
					    const struct ynode *fn, const struct ynode *pn,
					    int want, const char *const *pwords,
					    const struct trace *t, const char *name,
					    struct step_replay *r)
{
	const struct trace_event *ev = NULL;
	uint64_t seq;

	if (!en) {
		for (size_t k = 0; k < t->nevents && !ev; k++)
			if (t->events[k].kind == TRACE_FAULT &&
			    t->events[k].path == (enum fault_path)want) {
				ev = &t->events[k];
				r->event = k;
			}
		if (!ev)
			FAILN(ld, fn, "trace %s has no %s fault", name, pwords[want]);
		return ev;
	}
	if (ld_u64(ld, en, UINT64_MAX, "event", &seq) < 0)
		return NULL;
	for (size_t k = 0; k < t->nevents; k++)
		if (t->events[k].seq == seq) {
			ev = &t->events[k];
			r->event = k;
		}
	if (!ev)
		FAILN(ld, en, "trace %s has no event %llu (its events are %llu-%llu)", name,
		      (unsigned long long)seq,
		      (unsigned long long)(t->nevents ? t->events[0].seq : 0),
		      (unsigned long long)(t->nevents ? t->events[t->nevents - 1].seq : 0));
	else if (ev->kind != TRACE_FAULT)
		FAILN(ld, en, "event %llu of %s is a %s event, not a fault",
		      (unsigned long long)seq, name, trace_kind_name(ev->kind));
	else if (want >= 0 && ev->path != (enum fault_path)want)
		FAILN(ld, pn, "event %llu of %s took the %s path, not %s",
		      (unsigned long long)seq, name, fault_path_name(ev->path), pwords[want]);
	else
		return ev;
	return NULL;
}

/* Copy what the step shows of event ev of t into r. */
static void copy_event(struct step_replay *r, const struct trace *t,
		       const struct trace_event *ev)
{
	r->arch = t->h.arch;
	r->seq = ev->seq;
	r->nevents = t->nevents;
	r->pid = ev->pid;
	r->cr2 = ev->cr2;
	r->cr3 = ev->cr3;
	r->ip = ev->ip;
	r->error_code = ev->error_code;
	r->cpl = ev->cpl;
	r->path = ev->path;
	r->outcome = ev->outcome;
	r->master_pgd = t->h.master_pgd;
	trace_walk_recorded(t, r->event, &r->walk);
	trace_calls_format(t, ev, r->calls, sizeof r->calls);
	if (ev->ncalls) {
		const struct trace_call *c = &t->calls[trace_calls_deepest(t, ev)];
		snprintf(r->deepest, sizeof r->deepest, "%s (%s:%u)", c->fn, c->file, c->line);
	}
	trace_event_place(t, ev, r->program, sizeof r->program);
	if (trace_place_of(t, ev)->line) {
		char line[TRACE_PROGRAM_LINE_MAX + 1];
		const char *b = line;
		if (trace_program_line(t->h.program, trace_place_of(t, ev)->line, line, sizeof line)) {
			while (*b == ' ')
				b++;
			snprintf(r->program_line, sizeof r->program_line, "%.199s", b);
		}
	}
	r->nwrites_all = ev->nwrites;
	for (uint32_t i = 0; i < ev->nwrites; i++) {
		const struct trace_write *w = &t->writes[ev->write0 + i];
		if (i < REPLAY_STEP_MAX_WRITES)
			r->writes[r->nwrites++] = *w;
		if (!r->synced && w->from != TRACE_NO_ADDR) {
			r->synced = true;
			r->sync = *w;
		}
	}
}

/* The step's keys: trace (its name in *name), event/first/path (the wanted
 * path in *want, -1 when none). */
static int replay_keys(struct ld *ld, const struct ynode *m, const char *const *pwords,
		       char **name, int *want)
{
	static const char *const keys[] = { "trace", "event", "first", "path", NULL };
	const struct ynode *tn, *en, *fn, *pn;

	if (ld_step_keys(ld, m, keys, "replay") < 0 || ld_need(ld, m, "trace", "replay") < 0)
		return -1;
	tn = ynode_get(m, "trace");
	en = ynode_get(m, "event");
	fn = ynode_get(m, "first");
	pn = ynode_get(m, "path");
	if (en && fn)
		return FAILN(ld, ynode_key(m, "first"), "give event or first, not both");
	if (!en && !fn)
		return FAILN(ld, m, "a replay step needs event: N or first: KIND "
			     "(a fault route: vmalloc_fault, do_wp_page, bad_area ...)");
	if (pn && !en)
		return FAILN(ld, ynode_key(m, "path"), "path checks an event: N; first: names "
			     "the kind itself");
	if ((fn && ynode_enum(fn, pwords, "first", ld->path, ld->d, want) < 0) ||
	    (pn && ynode_enum(pn, pwords, "path", ld->path, ld->d, want) < 0))
		return -1;
	if (ynode_string(tn, false, "trace", ld->path, ld->d, name) < 0)
		return -1;
	if (!**name)
		return FAILN(ld, tn, "trace is empty: name a trace file (traces/NAME.yaml)");
	return 0;
}

int ld_replay(struct ld *ld, const struct ynode *m, struct step *s)
{
	const char *pwords[FAULT_PATH_COUNT + 1];
	struct step_replay *r = &s->u.replay;
	const struct ynode *tn = ynode_get(m, "trace");
	const struct trace *t;
	const struct trace_event *ev;
	char *name = NULL, found[4096], src[1100];
	struct rp_ctx c = { .r = r };
	int want = -1;

	for (int i = 0; i < FAULT_PATH_COUNT; i++)
		pwords[i] = fault_path_name((enum fault_path)i);
	pwords[FAULT_PATH_COUNT] = NULL;
	if (replay_keys(ld, m, pwords, &name, &want) < 0)
		goto fail;
	if (lesson_trace_find(ld->path, name, found, sizeof found) < 0) {
		FAILN(ld, tn, "trace %s: no such file (tried %s, then $PAGEWALK_TRACES, ./traces "
		      "and the installed traces)", name, found);
		goto fail;
	}
	if (!(t = trace_get(ld, tn, name, found)) ||
	    !(ev = pick_event(ld, ynode_get(m, "event"), ynode_get(m, "first"),
			      ynode_get(m, "path"), want, pwords, t, name, r)))
		goto fail;
	r->trace_path = strdup(found);
	r->trace_shown = name;
	name = NULL;
	snprintf(src, sizeof src, "%s%s%s", t->h.source ? t->h.source : "?",
		 t->h.emulator ? "/" : "", t->h.emulator ? t->h.emulator : "");
	r->source = strdup(src);
	if (!r->trace_path || !r->source) {
		FAILN(ld, tn, "out of memory");
		goto fail;
	}
	copy_event(r, t, ev);
	addr_split(r->arch, r->cr2, &c.f, NULL);
	return ld_expand_text(ld, m, s, rp_resolve, &c);
fail:
	free(name);
	return -1;
}
