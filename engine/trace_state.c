/* trace_state.c - a cursor over a trace's page-table history.
 *
 * The state at a position p (the number of writes applied) is the snapshot
 * with writes[0..p) applied. The cursor keeps the values of all known
 * entries in an array (cur, indexed like trace.entries) and mirrors them in
 * a physmem for walk_run(). Checkpoints hold the whole array every `every`
 * writes; `every` grows with the trace so that checkpoints stay within about
 * CKPT_BUDGET bytes. A move costs at most about nentries + every/2 entry
 * updates, whatever the distance.
 */
#include "trace_state.h"

#include <stdlib.h>
#include <string.h>

#define CKPT_MIN_EVERY 256
#define CKPT_BUDGET (32u << 20)

struct trace_state {
	const struct trace *t;
	struct physmem *pm;
	uint64_t *cur;          /* nentries values at pos */
	size_t pos;
	uint64_t *ckpt;         /* nckpt rows of nentries values; row j is pos j*every */
	size_t nckpt, every;
};

static void set_entry(struct trace_state *s, uint32_t i, uint64_t v)
{
	if (s->cur[i] == v)
		return;
	s->cur[i] = v;
	/* Never fails: every known entry's page was written at creation. */
	(void)physmem_write(s->pm, s->t->entries[i].pa, v, s->t->h.arch->entry_size);
}

/* Apply or undo writes one by one from s->pos to target. */
static void step_to(struct trace_state *s, size_t target)
{
	const struct trace_write *w = s->t->writes;

	while (s->pos < target) {
		set_entry(s, w[s->pos].entry, w[s->pos].new_value);
		s->pos++;
	}
	while (s->pos > target) {
		s->pos--;
		set_entry(s, w[s->pos].entry, w[s->pos].old_value);
	}
}

struct trace_state *trace_state_new(const struct trace *t)
{
	struct trace_state *s = calloc(1, sizeof *s);
	size_t n = t->nentries;

	if (!s)
		return NULL;
	s->t = t;
	s->pm = physmem_new();
	s->cur = calloc(n ? n : 1, sizeof *s->cur);
	if (!s->pm || !s->cur)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		s->cur[i] = t->entries[i].value;
		if (physmem_write(s->pm, t->entries[i].pa, s->cur[i], t->h.arch->entry_size) < 0)
			goto fail;
	}
	s->every = CKPT_MIN_EVERY;
	if (n && t->nwrites / s->every * n * sizeof(uint64_t) > CKPT_BUDGET)
		s->every = t->nwrites / (CKPT_BUDGET / (n * sizeof(uint64_t)) + 1) + 1;
	if (n && t->nwrites > s->every) {
		s->nckpt = t->nwrites / s->every + 1;
		s->ckpt = malloc(s->nckpt * n * sizeof *s->ckpt);
		if (!s->ckpt)
			goto fail;
		for (size_t j = 0; j < s->nckpt; j++) {
			step_to(s, j * s->every);
			memcpy(s->ckpt + j * n, s->cur, n * sizeof *s->cur);
		}
		step_to(s, 0);
	}
	return s;
fail:
	trace_state_free(s);
	return NULL;
}

void trace_state_free(struct trace_state *s)
{
	if (!s)
		return;
	physmem_free(s->pm);
	free(s->cur);
	free(s->ckpt);
	free(s);
}

static void move_to(struct trace_state *s, size_t target)
{
	size_t dist = target > s->pos ? target - s->pos : s->pos - target;
	size_t n = s->t->nentries;

	if (s->nckpt && dist > s->every + n) {
		size_t j = (target + s->every / 2) / s->every;
		const uint64_t *row;
		if (j >= s->nckpt)
			j = s->nckpt - 1;
		row = s->ckpt + j * n;
		for (size_t i = 0; i < n; i++)
			set_entry(s, (uint32_t)i, row[i]);
		s->pos = j * s->every;
	}
	step_to(s, target);
}

int trace_state_at(struct trace_state *s, size_t k, enum trace_when when)
{
	const struct trace_event *ev;

	if (k >= s->t->nevents)
		return -1;
	ev = &s->t->events[k];
	move_to(s, ev->write0 + (when == TRACE_AFTER ? ev->nwrites : 0));
	return 0;
}

size_t trace_state_pos(const struct trace_state *s)
{
	return s->pos;
}

const struct physmem *trace_state_physmem(const struct trace_state *s)
{
	return s->pm;
}

bool trace_state_entry(const struct trace_state *s, uint64_t pa, uint64_t *value)
{
	long i = trace_entry_find(s->t, pa);

	if (i < 0)
		return false;
	*value = s->cur[i];
	return true;
}

int trace_walk_recompute(struct trace_state *s, size_t k, struct walk *out)
{
	const struct trace_event *ev;

	if (k >= s->t->nevents || s->t->events[k].kind != TRACE_FAULT)
		return -1;
	ev = &s->t->events[k];
	trace_state_at(s, k, TRACE_BEFORE);
	walk_run(s->t->h.arch, s->pm, ev->cr3, ev->cr2, trace_fault_access(ev->error_code), out);
	return 0;
}
