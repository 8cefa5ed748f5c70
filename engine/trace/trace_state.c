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
#include "trace/trace_state.h"

#include <stdlib.h>
#include <string.h>

struct trace_state {
	const struct trace *t;
	struct physmem *pm;     /* a view over this state */
	/* PTI: while walking a user-mode fault of a trace with user-walks, the
	 * kernel copy's pgd entry the user copy mirrors (read without NX) */
	uint64_t user_top;
	uint32_t *hoff;         /* nentries + 1 offsets into hist */
	uint32_t *hist;         /* nwrites write indices, grouped by entry */
	size_t *load;           /* PAE: per event, the write position at which
				 * the PDPTE registers in use were loaded; NULL
				 * on other arches */
	size_t pos;
};

/* The value of entry e at write position pos. */
static uint64_t entry_value_at(const struct trace_state *s, size_t e, size_t pos)
{
	const uint32_t *h = s->hist + s->hoff[e];
	size_t lo = 0, hi = s->hoff[e + 1] - s->hoff[e];

	/* lo = the number of writes to e before pos */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? s->t->writes[h[lo - 1]].new_value : s->t->entries[e].value;
}

/* The value of entry e at the current position. */
static uint64_t entry_value(const struct trace_state *s, size_t e)
{
	return entry_value_at(s, e, s->pos);
}

/* PAE: where the PDPTE registers each event runs with were loaded. cr3 is
 * written at a switch; an event whose cr3 differs from the one last
 * loaded (a fault before any switch, say) loaded it just before itself. */
static int find_loads(struct trace_state *s)
{
	const struct trace *t = s->t;
	bool have = false;
	uint64_t cr3 = 0;
	size_t at = 0;

	s->load = malloc((t->nevents ? t->nevents : 1) * sizeof *s->load);
	if (!s->load)
		return -1;
	for (size_t k = 0; k < t->nevents; k++) {
		const struct trace_event *ev = &t->events[k];
		bool has_cr3 = ev->kind == TRACE_SWITCH || ev->kind == TRACE_FAULT;

		if (has_cr3 && (ev->kind == TRACE_SWITCH || !have || ev->cr3 != cr3)) {
			have = true;
			cr3 = ev->cr3;
			at = ev->write0;
		}
		s->load[k] = at;
	}
	return 0;
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
		return s->user_top && pa == s->user_top ? slot_value(s, pa) & ~PTE_NX
		       : slot_value(s, pa);
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
	if (t->h.arch->entry_size == 8 && t->h.arch->word_bits == 32 && find_loads(s) < 0)
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
	free(s->load);
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
	       s->t->nwrites * sizeof *s->hist +
	       (s->load ? s->t->nevents * sizeof *s->load : 0);
}

bool trace_state_pdptes(const struct trace_state *s, size_t k, struct walk_pdptes *out)
{
	const struct trace *t = s->t;
	uint64_t base;

	if (!s->load || k >= t->nevents)
		return false;
	base = walk_cr3_base(t->h.arch, t->events[k].cr3);
	for (unsigned i = 0; i < WALK_PDPTES; i++) {
		long e = trace_entry_find(t, base + i * 8ULL);
		out->e[i] = e < 0 ? 0 : entry_value_at(s, (size_t)e, s->load[k]);
	}
	return true;
}

/* Walk event k's access over the state the cursor is at, with the PDPTE
 * registers the event ran with. */
static void walk_event(struct trace_state *s, size_t k, struct walk *out)
{
	const struct trace_event *ev = &s->t->events[k];
	struct walk_pdptes regs;
	bool pae = trace_state_pdptes(s, k, &regs);

	/* PTI: a user-mode access walks the user copy, whose pgd entry is the
	 * kernel copy's without NX and whose lower tables are the kernel's
	 * (the loader checked both against the recorded user-walk) */
	if (trace_user_cr3(ev) && ev->nusteps)
		s->user_top = s->t->steps[ev->ustep0 + 0].index * 8ull +
			      walk_cr3_base(s->t->h.arch, ev->cr3);
	walk_run_regs(s->t->h.arch, s->pm, ev->cr3, pae ? &regs : NULL, ev->cr2,
		      trace_event_access(s->t, ev), out);
	s->user_top = 0;
}

int trace_walk_recompute(struct trace_state *s, size_t k, struct walk *out)
{
	if (k >= s->t->nevents || s->t->events[k].kind != TRACE_FAULT)
		return -1;
	trace_state_at(s, k, TRACE_BEFORE);
	walk_event(s, k, out);
	return 0;
}

int trace_walk_retry(struct trace_state *s, size_t k, struct walk *out)
{
	if (k >= s->t->nevents || s->t->events[k].kind != TRACE_FAULT)
		return -1;
	trace_state_at(s, k, TRACE_AFTER);
	walk_event(s, k, out);
	return 0;
}

/* The level at which walk w stopped, or LEVEL_COUNT when it went through. */
static enum level stop_level(const struct walk *w)
{
	return w->status == WALK_OK || w->fail < 0 ? LEVEL_COUNT : w->step[w->fail].level;
}

/* Check fault k against its recomputed walks; -1 with d filled. */
static int check_fault(struct trace_state *s, size_t k, const char *path, struct diag *d)
{
	const struct trace_event *ev = &s->t->events[k];
	const uint32_t bits = PF_PROT | PF_RSVD;
	unsigned long long seq = (unsigned long long)ev->seq;
	struct walk rec, run;

	trace_walk_recorded(s->t, k, &rec);
	trace_walk_recompute(s, k, &run);
	if (run.status == WALK_OK) {
		diag_set(d, path, ev->line, ev->col, "event %llu: the trace records a #PF at "
			 "0x%llx, but the walk over the tables at this event reaches 0x%llx",
			 seq, (unsigned long long)ev->cr2, (unsigned long long)run.phys);
		return -1;
	}
	if (s->t->h.arch->family == FAMILY_ARM64) {
		/* arm64: ESR's fault status (kind and level) and, for a data
		 * abort, WnR, as the model's walk gives them */
		uint32_t m = 0x3f | (ev->error_code >> 28 == 8 ? 0 : 1u << 6);
		if ((run.esr & m) != (ev->error_code & m)) {
			diag_set(d, path, ev->line, ev->col, "event %llu: the trace records ESR "
				 "0x%08x, but the walk over the tables at this event gives 0x%08x "
				 "(%s)", seq, ev->error_code, run.esr, run.reason);
			return -1;
		}
	} else if ((run.error_code & bits) != (ev->error_code & bits) ||
	    (run.status == WALK_NOT_PRESENT && stop_level(&run) != stop_level(&rec))) {
		diag_set(d, path, ev->line, ev->col, "event %llu: the trace records error code "
			 "0x%x, but the walk over the tables at this event gives 0x%x (%s)",
			 seq, ev->error_code, run.error_code, run.reason);
		return -1;
	}
	trace_walk_retry(s, k, &run);
	if (ev->outcome == TRACE_OUT_RETRIED && run.status != WALK_OK) {
		diag_set(d, path, ev->line, ev->col, "event %llu: the trace says the access was "
			 "retried and went through, but after the handler's writes it faults "
			 "again (%s)", seq, run.reason);
		return -1;
	}
	if (ev->outcome == TRACE_OUT_REFAULT && run.status == WALK_OK) {
		diag_set(d, path, ev->line, ev->col, "event %llu: the trace says the retried "
			 "access faulted again, but after the handler's writes it goes through",
			 seq);
		return -1;
	}
	return 0;
}

int trace_check_walks(const struct trace *t, const char *path, struct diag *d)
{
	struct trace_state *s = trace_state_new(t);
	int rc = 0;

	if (!s) {
		diag_set(d, path, 0, 0, "out of memory");
		return -1;
	}
	for (size_t k = 0; k < t->nevents && rc == 0; k++)
		if (t->events[k].kind == TRACE_FAULT)
			rc = check_fault(s, k, path, d);
	trace_state_free(s);
	return rc;
}
