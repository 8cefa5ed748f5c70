/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_state.c - a cursor over a trace's page-table history.
 *
 * The state at a position p (the number of writes applied) is the snapshot
 * with writes[0..p) applied. Nothing is copied when the cursor moves: each
 * known entry has its own history, the indices of the writes to it in
 * ascending order (hist[hoff[e] .. hoff[e+1]), built once in
 * trace_state_new), so its value at p is the new value of its last write
 * before p, found by binary search, or its snapshot value when there is
 * none. Moving is O(1), reading an entry O(log n) (finding the entry among
 * the sorted known entries, then the write in its history), and the memory
 * is 4 bytes per write and per entry. The physmem the cursor hands to
 * walk_run() is a view answering reads this way; bytes no entry covers
 * read as zero.
 */
#include "trace_state.h"

#include <stdlib.h>
#include <string.h>

struct trace_state {
	const struct trace *t;
	struct physmem *pm;     /* a view over this state */
	uint32_t *hoff;         /* nentries + 1 offsets into hist */
	uint32_t *hist;         /* nwrites write indices, grouped by entry */
	size_t pos;
};

/* The value of entry e at the current position. */
static uint64_t entry_value(const struct trace_state *s, size_t e)
{
	const uint32_t *h = s->hist + s->hoff[e];
	size_t lo = 0, hi = s->hoff[e + 1] - s->hoff[e];

	/* lo = the number of writes to e before pos */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h[mid] < s->pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? s->t->writes[h[lo - 1]].new_value : s->t->entries[e].value;
}

/* The entry-sized slot at an aligned pa: its value, 0 when unknown. */
static uint64_t slot_value(const struct trace_state *s, uint64_t pa)
{
	unsigned size = s->t->h.arch->entry_size;
	long e = trace_entry_find(s->t, pa);
	uint64_t v;

	if (e < 0)
		return 0;
	v = entry_value(s, (size_t)e);
	return size >= 8 ? v : v & ((UINT64_C(1) << (size * 8)) - 1);
}

/* physmem_reader for the view: little-endian bytes of the known entries. */
static uint64_t state_read(const void *ctx, uint64_t pa, unsigned size)
{
	const struct trace_state *s = ctx;
	uint64_t es = s->t->h.arch->entry_size, v = 0;

	if (size == es && (pa & (es - 1)) == 0)
		return slot_value(s, pa);
	for (unsigned i = size; i-- > 0;) {
		uint64_t b = pa + i, slot = b & ~(es - 1);
		v = (v << 8) | ((slot_value(s, slot) >> ((b - slot) * 8)) & 0xff);
	}
	return v;
}

struct trace_state *trace_state_new(const struct trace *t)
{
	struct trace_state *s = calloc(1, sizeof *s);
	size_t n = t->nentries;

	if (!s)
		return NULL;
	s->t = t;
	s->hoff = calloc(n + 1, sizeof *s->hoff);
	s->hist = malloc((t->nwrites ? t->nwrites : 1) * sizeof *s->hist);
	s->pm = physmem_new_view(state_read, s);
	if (!s->hoff || !s->hist || !s->pm)
		goto fail;
	/* counting sort of the write indices by entry: ascending within each */
	for (size_t i = 0; i < t->nwrites; i++)
		s->hoff[t->writes[i].entry + 1]++;
	for (size_t e = 0; e < n; e++)
		s->hoff[e + 1] += s->hoff[e];
	for (size_t i = 0; i < t->nwrites; i++)
		s->hist[s->hoff[t->writes[i].entry]++] = (uint32_t)i;
	/* each hoff[e] now holds the end of e's run: shift back by one */
	memmove(s->hoff + 1, s->hoff, n * sizeof *s->hoff);
	s->hoff[0] = 0;
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
	free(s->hoff);
	free(s->hist);
	free(s);
}

int trace_state_at(struct trace_state *s, size_t k, enum trace_when when)
{
	const struct trace_event *ev;

	if (k >= s->t->nevents)
		return -1;
	ev = &s->t->events[k];
	s->pos = ev->write0 + (when == TRACE_AFTER ? ev->nwrites : 0);
	return 0;
}

int trace_state_set_pos(struct trace_state *s, size_t pos)
{
	if (pos > s->t->nwrites)
		return -1;
	s->pos = pos;
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
	*value = entry_value(s, (size_t)i);
	return true;
}

size_t trace_state_bytes(const struct trace_state *s)
{
	return sizeof *s + (s->t->nentries + 1) * sizeof *s->hoff +
	       s->t->nwrites * sizeof *s->hist;
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
