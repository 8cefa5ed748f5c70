/* SPDX-License-Identifier: GPL-2.0-only */
/* trace.c - the trace model: names, building, snapshot, validation. */
#include "trace/trace.h"
#include "trace/trace_calls.h"
#include "trace/trace_state.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/text.h"

static const char *const kind_names[TRACE_KIND_COUNT] = {
	"fault", "map", "switch", "note", "accessed",
};
/* Version 1's coarse path words, read only to upgrade old files. */
static const char *const v1_paths[TRACE_V1_PATHS] = {
	"vmalloc-sync", "demand", "bad-area", "oops",
};
static const char *const outcome_names[TRACE_OUT_COUNT] = {
	"", "retried", "sigsegv", "oops", "refault",
};

const char *trace_kind_name(enum trace_kind k)
{
	return (unsigned)k < TRACE_KIND_COUNT ? kind_names[k] : "?";
}

int trace_kind_parse(const char *s)
{
	for (int i = 0; i < TRACE_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	return -1;
}

int trace_v1_path_parse(const char *s)
{
	for (int i = 0; i < TRACE_V1_PATHS; i++)
		if (strcmp(s, v1_paths[i]) == 0)
			return TRACE_V1_PATH0 + i;
	return -1;
}

/* The route a version-1 path word stands for, from the error code: see
 * trace.h. */
static enum fault_path v1_route(const struct trace *t, const struct trace_event *ev)
{
	uint32_t e = ev->error_code;

	switch (ev->path - TRACE_V1_PATH0) {
	case 0: return FAULT_VMALLOC_SYNC;
	case 1:
		if ((e & (PF_PROT | PF_WRITE)) == (PF_PROT | PF_WRITE))
			return FAULT_COW;
		return (e & PF_WRITE) ? FAULT_NEW_PAGE : FAULT_ZERO_PAGE;
	case 2:
		return ev->cr2 < t->h.task_size && (e & PF_PROT) ? FAULT_PROTECTION : FAULT_BAD_AREA;
	default: return FAULT_OOPS;
	}
}

void trace_upgrade_v1(struct trace *t)
{
	for (size_t k = 0; k < t->nevents; k++) {
		struct trace_event *ev = &t->events[k];
		if (ev->kind == TRACE_FAULT && (int)ev->path >= TRACE_V1_PATH0 &&
		    (int)ev->path < TRACE_V1_PATH0 + TRACE_V1_PATHS)
			ev->path = v1_route(t, ev);
	}
	t->h.version = 2;
}

const char *trace_outcome_name(enum trace_outcome o)
{
	return (unsigned)o < TRACE_OUT_COUNT ? outcome_names[o] : "?";
}

int trace_outcome_parse(const char *s)
{
	for (int i = 1; i < TRACE_OUT_COUNT; i++)
		if (strcmp(s, outcome_names[i]) == 0)
			return i;
	return -1;
}

/* ---- building ---- */

struct trace *trace_new(const struct arch *a)
{
	struct trace *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->h.version = TRACE_VERSION;
	t->h.arch = a;
	return t;
}

void trace_free(struct trace *t)
{
	if (!t)
		return;
	free(t->h.source);
	free(t->h.emulator);
	free(t->h.emulator_version);
	free(t->h.command);
	free(t->h.guest_build);
	free(t->h.scenario);
	free(t->h.recorded_at);
	free(t->h.verified);
	free(t->h.kernel_source);
	free(t->h.kernel_config);
	trace_program_free(t->h.program);
	trace_calls_free(t);
	for (size_t i = 0; i < t->nevents; i++)
		free(t->events[i].note);
	for (size_t i = 0; i < t->nplaces; i++) {
		free(t->places[i].fn);
		free(t->places[i].syscall);
	}
	free(t->places);
	free(t->events);
	free(t->entries);
	free(t->steps);
	free(t->writes);
	free(t->frames);
	free(t);
}

int trace_set_text(char **field, const char *s)
{
	char *c = text_escape(s, strlen(s), false);

	if (!c)
		return -1;
	free(*field);
	*field = c;
	return 0;
}

/* Loading fills tens of megabytes of fresh memory. A page fault per 4 KiB
 * page costs more than the parsing on some machines (virtualised ones),
 * while asking the kernel for a range at once (MADV_POPULATE_WRITE, Linux
 * 5.14) is several times cheaper. So an array being filled pre-faults the
 * PREFAULT bytes ahead of it, and a big array that grows is copied into a
 * pre-faulted block. Only a hint: where it is not supported the pages fault
 * one by one as before. */
#define PREFAULT (1u << 20)
static void prefault(void *base, size_t from, size_t to)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t pg = 4096;
	uintptr_t a0 = ((uintptr_t)base + from) & ~(pg - 1);
	uintptr_t a1 = ((uintptr_t)base + to) & ~(pg - 1);

	if (a1 > a0)
		(void)madvise((void *)a0, a1 - a0, MADV_POPULATE_WRITE);
#else
	(void)base, (void)from, (void)to;
#endif
}

/* Make room for one more element of size sz in *arr (count n, capacity *cap). */
static int grow(void *arr, size_t n, size_t *cap, size_t sz)
{
	void **p = arr;
	size_t ncap, off = n * sz, start;
	void *q;

	if (n < *cap) {
		/* element n is the last before a PREFAULT boundary: fault the
		 * next window in */
		start = (off + sz) / PREFAULT * PREFAULT;
		if (off / PREFAULT != (off + sz) / PREFAULT && start < *cap * sz)
			prefault(*p, start, start + PREFAULT < *cap * sz ? start + PREFAULT : *cap * sz);
		return 0;
	}
	ncap = *cap ? *cap * 2 : 64;
	if (ncap > SIZE_MAX / sz)
		return -1;
	if (ncap * sz < PREFAULT / 4) {
		q = realloc(*p, ncap * sz);
		if (!q)
			return -1;
	} else {
		q = malloc(ncap * sz);
		if (!q)
			return -1;
		prefault(q, 0, off + PREFAULT < ncap * sz ? off + PREFAULT : ncap * sz);
		memcpy(q, *p, off);
		free(*p);
	}
	*p = q;
	*cap = ncap;
	return 0;
}

int trace_add_entry(struct trace *t, uint64_t pa, uint64_t value)
{
	if (grow(&t->entries, t->nentries, &t->cap_entries, sizeof *t->entries))
		return -1;
	t->entries[t->nentries++] = (struct trace_entry){ .pa = pa, .value = value };
	return 0;
}

struct trace_event *trace_add_event(struct trace *t, enum trace_kind k)
{
	struct trace_event *e;
	uint64_t seq = t->nevents ? t->events[t->nevents - 1].seq + 1 : 1;

	if (t->nevents >= UINT32_MAX || grow(&t->events, t->nevents, &t->cap_events, sizeof *e))
		return NULL;
	e = &t->events[t->nevents++];
	memset(e, 0, sizeof *e);
	e->seq = seq;
	e->kind = k;
	e->step0 = (uint32_t)t->nsteps;
	e->write0 = (uint32_t)t->nwrites;
	e->frame0 = (uint32_t)t->nframes;
	e->call0 = (uint32_t)t->ncalls;
	e->mstep0 = (uint32_t)t->nsteps;
	return e;
}

static int add_step(struct trace *t, bool master, enum level lv, uint64_t table,
		    uint32_t index, uint64_t entry_pa, uint64_t value)
{
	struct trace_step *s;
	struct trace_event *e;

	if (!t->nevents || t->nsteps >= UINT32_MAX ||
	    grow(&t->steps, t->nsteps, &t->cap_steps, sizeof *s))
		return -1;
	e = &t->events[t->nevents - 1];
	if (!master && e->nmsteps)
		return -1;
	s = &t->steps[t->nsteps++];
	*s = (struct trace_step){ .table = table, .entry_pa = entry_pa, .value = value,
				  .index = index, .level = (uint8_t)lv };
	if (master) {
		e->nmsteps++;
	} else {
		e->nsteps++;
		e->mstep0++;
	}
	return 0;
}

int trace_add_step(struct trace *t, enum level lv, uint64_t table, uint32_t index,
		   uint64_t entry_pa, uint64_t value)
{
	return add_step(t, false, lv, table, index, entry_pa, value);
}

int trace_add_master_step(struct trace *t, enum level lv, uint64_t table, uint32_t index,
			  uint64_t entry_pa, uint64_t value)
{
	return add_step(t, true, lv, table, index, entry_pa, value);
}

int trace_add_write(struct trace *t, uint64_t pa, uint64_t old_value,
		    uint64_t new_value, uint64_t from)
{
	struct trace_write *w;

	if (!t->nevents || t->nwrites >= UINT32_MAX ||
	    grow(&t->writes, t->nwrites, &t->cap_writes, sizeof *w))
		return -1;
	w = &t->writes[t->nwrites++];
	*w = (struct trace_write){ .pa = pa, .old_value = old_value,
				   .new_value = new_value, .from = from, .level = LEVEL_COUNT,
				   .call = TRACE_NO_CALL };
	t->events[t->nevents - 1].nwrites++;
	return 0;
}

int trace_set_write_origin(struct trace *t, enum level lv, uint32_t index, uint32_t call)
{
	if (!t->nwrites)
		return -1;
	t->writes[t->nwrites - 1].level = (uint8_t)lv;
	t->writes[t->nwrites - 1].index = index;
	t->writes[t->nwrites - 1].call = call;
	return 0;
}

bool trace_is_kernel(const struct trace *t)
{
	return t->h.kernel_source != NULL;
}

const char *trace_path_name(const struct trace *t, enum fault_path p)
{
	return trace_is_kernel(t) ? fault_path_kernel_name(p) : fault_path_name(p);
}

int trace_add_frame(struct trace *t, uint64_t pa)
{
	if (!t->nevents || t->nframes >= UINT32_MAX ||
	    grow(&t->frames, t->nframes, &t->cap_frames, sizeof *t->frames))
		return -1;
	t->frames[t->nframes++] = pa;
	t->events[t->nevents - 1].nframes++;
	return 0;
}

/* ---- snapshot ---- */

struct seen {
	uint64_t pa, value;
	size_t order;
};

static int seen_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;

	if (x->pa != y->pa)
		return x->pa < y->pa ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

int trace_snapshot(struct trace *t)
{
	size_t n = 0, cap = t->nsteps + 2 * t->nwrites, out = 0;
	struct seen *s = NULL;
	struct trace_entry *e = NULL;

	if (cap) {
		s = malloc(cap * sizeof *s);
		if (!s)
			goto fail;
	}
	for (size_t i = 0; i < t->nevents; i++) {
		const struct trace_event *ev = &t->events[i];
		for (uint32_t j = 0; j < ev->nsteps + ev->nmsteps; j++) {
			const struct trace_step *st = &t->steps[ev->step0 + j];
			s[n] = (struct seen){ st->entry_pa, st->value, n };
			n++;
		}
		for (uint32_t j = 0; j < ev->nwrites; j++) {
			const struct trace_write *w = &t->writes[ev->write0 + j];
			/* The master entry is read before the copy is written. */
			if (w->from != TRACE_NO_ADDR) {
				s[n] = (struct seen){ w->from, w->new_value, n };
				n++;
			}
			s[n] = (struct seen){ w->pa, w->old_value, n };
			n++;
		}
	}
	if (n)
		qsort(s, n, sizeof *s, seen_cmp);
	if (n) {
		e = malloc(n * sizeof *e);
		if (!e)
			goto fail;
	}
	for (size_t i = 0; i < n; i++)
		if (i == 0 || s[i].pa != s[i - 1].pa)
			e[out++] = (struct trace_entry){ .pa = s[i].pa, .value = s[i].value };
	free(t->entries);
	t->entries = e;
	t->nentries = t->cap_entries = out;
	free(s);
	return 0;
fail:
	free(s);
	free(e);
	return -1;
}

/* ---- validation ---- */

long trace_entry_find(const struct trace *t, uint64_t pa)
{
	size_t lo = 0, hi = t->nentries;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->entries[mid].pa == pa)
			return (long)mid;
		if (t->entries[mid].pa < pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int bad(struct diag *d, const char *path, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int bad(struct diag *d, const char *path, int line, int col, const char *fmt, ...)
{
	char msg[sizeof d->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(d, path, line, col, "%s", msg);
	return -1;
}

static uint64_t bits_mask(unsigned bits)
{
	return bits >= 64 ? UINT64_MAX : (1ULL << bits) - 1;
}

/* Does a present entry at level lv map a page (pte, or PS where allowed)? */
static bool entry_leaf(const struct arch *a, enum level lv, uint64_t e)
{
	if (lv == LEVEL_PTE)
		return true;
	return (e & PTE_PS) && arch_large_page(a, lv);
}

/* The real (not folded) levels of a, pgd first; returns their count. */
static int real_levels(const struct arch *a, enum level *out)
{
	int n = 0;

	for (int lv = 0; lv < LEVEL_COUNT; lv++)
		if (!a->level[lv].folded)
			out[n++] = (enum level)lv;
	return n;
}

static const char *const upper_names[LEVEL_COUNT] = { "PGD", "P4D", "PUD", "PMD", "PTE" };

struct vstate {
	const struct trace *t;
	const char *path;
	struct diag *d;
	uint64_t *cur;
	uint64_t pmask, emask;
	uint64_t prev;		/* seq of the last event checked */
	size_t nst, nwr, nfr, nca;	/* steps, writes, frames, calls claimed so far */
};

/* Check one walk of ev->cr2: n steps from first, from the table cr3 points to.
 * *present gets whether the last entry read is present. */
static int check_walk(struct vstate *v, const struct trace_event *ev, uint32_t first,
		      uint32_t n, uint64_t cr3, const char *which, bool *present_out)
{
	const struct arch *a = v->t->h.arch;
	enum level lv[LEVEL_COUNT];
	int nlv = real_levels(a, lv);
	struct addr_fields f;
	struct diag ad = { 0 };
	uint64_t table = walk_cr3_base(a, cr3);
	bool ended = false, present = false;

	if (addr_split(a, ev->cr2, &f, &ad) < 0)
		return bad(v->d, v->path, ev->line, ev->col, "event %llu: cr2 0x%llx: %s",
			   (unsigned long long)ev->seq, (unsigned long long)ev->cr2, ad.msg);
	if (n == 0)
		return bad(v->d, v->path, ev->line, ev->col, "event %llu: a fault needs its %s",
			   (unsigned long long)ev->seq, which);
	if (n > (uint32_t)nlv)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: %u steps in its %s, but %s has %d levels",
			   (unsigned long long)ev->seq, n, which, a->name, nlv);
	for (uint32_t i = 0; i < n; i++) {
		const struct trace_step *s = &v->t->steps[first + i];
		enum level want = lv[i];
		long ent;

		if (ended)
			return bad(v->d, v->path, s->line, s->col,
				   "event %llu: the %s goes on after a %s entry",
				   (unsigned long long)ev->seq, which, present ? "leaf" : "not-present");
		if (s->level != want)
			return bad(v->d, v->path, s->line, s->col,
				   "event %llu: %s step %u is the %s level, expected %s on %s",
				   (unsigned long long)ev->seq, which, i + 1, level_name((enum level)s->level),
				   level_name(want), a->name);
		if (s->index >= a->level[want].ptrs)
			return bad(v->d, v->path, s->line, s->col,
				   "index %u out of range: PTRS_PER_%s is %u on %s", s->index,
				   upper_names[want], a->level[want].ptrs, a->name);
		if (s->index != f.index[want])
			return bad(v->d, v->path, s->line, s->col,
				   "%s index %u does not match cr2 0x%llx (its %s index is %u)",
				   level_name(want), s->index, (unsigned long long)ev->cr2,
				   level_name(want), f.index[want]);
		if (s->table != table)
			return bad(v->d, v->path, s->line, s->col,
				   "%s table 0x%llx is not where the %s leads (0x%llx, from %s)",
				   level_name(want), (unsigned long long)s->table, which,
				   (unsigned long long)table, i ? "the entry above" :
				   first == ev->step0 ? "cr3" : "master-pgd");
		if (s->entry_pa != table + (uint64_t)s->index * a->entry_size)
			return bad(v->d, v->path, s->line, s->col,
				   "entry address 0x%llx is not table + index * %u (0x%llx)",
				   (unsigned long long)s->entry_pa, a->entry_size,
				   (unsigned long long)(table + (uint64_t)s->index * a->entry_size));
		if (s->value & ~v->emask)
			return bad(v->d, v->path, s->line, s->col,
				   "entry value 0x%llx does not fit a %u-byte entry",
				   (unsigned long long)s->value, a->entry_size);
		ent = trace_entry_find(v->t, s->entry_pa);
		if (ent < 0)
			return bad(v->d, v->path, s->line, s->col,
				   "entry 0x%llx is not in the tables section",
				   (unsigned long long)s->entry_pa);
		if (v->cur[ent] != s->value)
			return bad(v->d, v->path, s->line, s->col,
				   "%s reads 0x%llx at 0x%llx, but the entry holds 0x%llx at this event",
				   which, (unsigned long long)s->value, (unsigned long long)s->entry_pa,
				   (unsigned long long)v->cur[ent]);
		present = s->value & PTE_P;
		if (!present || entry_leaf(a, want, s->value))
			ended = true;
		table = walk_entry_addr(a, s->value);
	}
	if (!ended)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: the %s stops at a present table entry without reaching a page",
			   (unsigned long long)ev->seq, which);
	*present_out = present;
	return 0;
}

static int check_fault_walk(struct vstate *v, const struct trace_event *ev)
{
	bool present;

	if (check_walk(v, ev, ev->step0, ev->nsteps, ev->cr3, "walk", &present) < 0)
		return -1;
	if (ev->nmsteps && ev->path != FAULT_VMALLOC_SYNC && ev->path != FAULT_OOPS)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: only vmalloc_fault walks the master table",
			   (unsigned long long)ev->seq);
	if (ev->nmsteps && check_walk(v, ev, ev->mstep0, ev->nmsteps, v->t->h.master_pgd,
				      "master-walk", &(bool){ false }) < 0)
		return -1;
	if (!(ev->error_code & PF_RSVD) && present != !!(ev->error_code & PF_PROT))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: error code 0x%x says %s, but the walk %s",
			   (unsigned long long)ev->seq, ev->error_code,
			   (ev->error_code & PF_PROT) ? "protection violation" : "page not present",
			   present ? "reaches a present page" : "ends at a not-present entry");
	return 0;
}

static int check_fault(struct vstate *v, const struct trace_event *ev)
{
	const struct trace_header *h = &v->t->h;
	unsigned long long seq = (unsigned long long)ev->seq;
	static const enum trace_outcome want_out[] = {
		[FAULT_END_RETRY] = TRACE_OUT_RETRIED, [FAULT_END_SIGSEGV] = TRACE_OUT_SIGSEGV,
		[FAULT_END_OOPS] = TRACE_OUT_OOPS,
	};
	const struct fault_path_info *pi = fault_path_info(ev->path);
	enum trace_outcome want;

	if (ev->vector != 14)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: vector %u is not a page fault (14)", seq, ev->vector);
	if (ev->error_code > 0xffff)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: error code 0x%x is wider than 16 bits", seq, ev->error_code);
	if (ev->cpl > 3 || (ev->cs & 3) != ev->cpl || ev->cs > 0xffff)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: cs 0x%x and cpl %u disagree", seq, ev->cs, ev->cpl);
	if (!!(ev->error_code & PF_USER) != (ev->cpl == 3))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: error code U=%d but cpl is %u", seq,
			   !!(ev->error_code & PF_USER), ev->cpl);
	if (!arch_addr_canonical(h->arch, ev->ip))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: ip 0x%llx is not canonical on %s", seq,
			   (unsigned long long)ev->ip, h->arch->name);
	if (ev->cr3 & ~v->pmask)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: cr3 0x%llx is wider than %u bits", seq,
			   (unsigned long long)ev->cr3, h->arch->pa_bits);
	if (!pi)
		return bad(v->d, v->path, ev->line, ev->col, "event %llu: no handler path", seq);
	want = want_out[pi->end];
	if (ev->outcome != want &&
	    !(want == TRACE_OUT_RETRIED && ev->outcome == TRACE_OUT_REFAULT))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: a %s fault ends in %s, not %s", seq,
			   pi->name, trace_outcome_name(want),
			   ev->outcome ? trace_outcome_name(ev->outcome) : "nothing");
	if (ev->path == FAULT_VMALLOC_SYNC &&
	    (ev->cr2 < h->task_size || (ev->error_code & (PF_RSVD | PF_USER | PF_PROT))))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: do_page_fault takes the vmalloc path only for a kernel "
			   "address (>= TASK_SIZE) with RSVD, U and P clear", seq);
	if (check_fault_walk(v, ev) < 0)
		return -1;
	if ((ev->error_code & pi->err_mask) != pi->err_want)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: error code 0x%x cannot take the route %s (%s)", seq,
			   ev->error_code, pi->name, pi->what[0]);
	return 0;
}

static int check_writes(struct vstate *v, const struct trace_event *ev)
{
	const struct arch *a = v->t->h.arch;

	for (uint32_t i = 0; i < ev->nwrites; i++) {
		struct trace_write *w = &((struct trace *)v->t)->writes[ev->write0 + i];
		long ent = trace_entry_find(v->t, w->pa);

		if (w->pa % a->entry_size)
			return bad(v->d, v->path, w->line, w->col,
				   "entry 0x%llx is not aligned to %u bytes",
				   (unsigned long long)w->pa, a->entry_size);
		if ((w->old_value | w->new_value) & ~v->emask)
			return bad(v->d, v->path, w->line, w->col,
				   "a value does not fit a %u-byte entry", a->entry_size);
		if (ent < 0)
			return bad(v->d, v->path, w->line, w->col,
				   "entry 0x%llx is not in the tables section",
				   (unsigned long long)w->pa);
		if (v->cur[ent] != w->old_value)
			return bad(v->d, v->path, w->line, w->col,
				   "old value 0x%llx, but entry 0x%llx holds 0x%llx at this event",
				   (unsigned long long)w->old_value, (unsigned long long)w->pa,
				   (unsigned long long)v->cur[ent]);
		if (w->from != TRACE_NO_ADDR) {
			long src = trace_entry_find(v->t, w->from);
			if (ev->kind != TRACE_FAULT || ev->path != FAULT_VMALLOC_SYNC)
				return bad(v->d, v->path, w->line, w->col,
					   "only a vmalloc-sync fault copies an entry ('from')");
			if (src < 0)
				return bad(v->d, v->path, w->line, w->col,
					   "master entry 0x%llx is not in the tables section",
					   (unsigned long long)w->from);
			if (v->cur[src] != w->new_value)
				return bad(v->d, v->path, w->line, w->col,
					   "new value 0x%llx is not the master entry's 0x%llx",
					   (unsigned long long)w->new_value,
					   (unsigned long long)v->cur[src]);
		}
		w->entry = (uint32_t)ent;
		v->cur[ent] = w->new_value;
	}
	return 0;
}

/* The header: version, arch, required fields, widths and the vmalloc range.
 * Sets v->pmask and v->emask. */
static int validate_header(struct vstate *v)
{
	const struct trace_header *h = &v->t->h;
	const struct arch *a = h->arch;
	struct diag *d = v->d;
	const char *path = v->path;

	if (h->version < 2 || h->version > TRACE_VERSION)
		return bad(d, path, 0, 0, "unknown trace version %u (this pagewalk reads 1 to %d)",
			   h->version, TRACE_VERSION);
	if (!a)
		return bad(d, path, 0, 0, "header: no arch");
	if (!h->source || !h->emulator || !h->emulator_version || !h->command ||
	    !h->guest_build || !h->scenario || !h->recorded_at || !h->verified)
		return bad(d, path, 0, 0, "header: a field is missing");
	v->pmask = bits_mask(a->pa_bits);
	v->emask = bits_mask(a->entry_size * 8);
	if (h->master_pgd & ~v->pmask)
		return bad(d, path, 0, 0, "header: master-pgd is wider than %u bits", a->pa_bits);
	if ((h->task_size | h->vmalloc_start | h->vmalloc_end) & ~bits_mask(a->word_bits))
		return bad(d, path, 0, 0, "header: an address is wider than %u bits", a->word_bits);
	if (!arch_addr_canonical(a, h->vmalloc_start) || !arch_addr_canonical(a, h->vmalloc_end))
		return bad(d, path, 0, 0, "header: vmalloc-start or vmalloc-end is not canonical on %s",
			   a->name);
	if (h->vmalloc_start > h->vmalloc_end)
		return bad(d, path, 0, 0, "header: vmalloc-start is above vmalloc-end");
	return 0;
}

/* The tables section: sorted, unique, aligned entry addresses with values that fit. */
static int validate_tables(const struct vstate *v)
{
	const struct trace *t = v->t;
	const struct arch *a = t->h.arch;

	for (size_t i = 0; i < t->nentries; i++) {
		const struct trace_entry *e = &t->entries[i];
		if (i && e->pa <= t->entries[i - 1].pa)
			return bad(v->d, v->path, e->line, e->col,
				   "tables: entry 0x%llx is %s", (unsigned long long)e->pa,
				   e->pa == t->entries[i - 1].pa ? "listed twice" : "out of order (sort by address)");
		if (e->pa % a->entry_size || e->pa > v->pmask)
			return bad(v->d, v->path, e->line, e->col,
				   "tables: 0x%llx is not an entry address on %s",
				   (unsigned long long)e->pa, a->name);
		if (e->value & ~v->emask)
			return bad(v->d, v->path, e->line, e->col,
				   "tables: value 0x%llx does not fit a %u-byte entry",
				   (unsigned long long)e->value, a->entry_size);
	}
	return 0;
}

/* One event's seq order and its step, write and frame ranges, which must follow
 * the previous event's; advances v->prev, v->nst, v->nwr and v->nfr. */
static int validate_ranges(struct vstate *v, const struct trace_event *ev)
{
	const struct trace *t = v->t;
	unsigned long long seq = (unsigned long long)ev->seq;

	if (ev->seq <= v->prev)
		return bad(v->d, v->path, ev->line, ev->col,
			   "seq %llu after %llu: events must be in order", seq,
			   (unsigned long long)v->prev);
	v->prev = ev->seq;
	if (ev->step0 != v->nst || ev->write0 != v->nwr || ev->frame0 != v->nfr ||
	    ev->call0 != v->nca || (size_t)ev->nsteps > t->nsteps - v->nst ||
	    (size_t)ev->nwrites > t->nwrites - v->nwr ||
	    (size_t)ev->nframes > t->nframes - v->nfr || (size_t)ev->ncalls > t->ncalls - v->nca)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: its ranges are out of order", seq);
	if (ev->mstep0 != v->nst + ev->nsteps ||
	    (size_t)ev->nmsteps > t->nsteps - v->nst - ev->nsteps)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: its ranges are out of order", seq);
	v->nst += ev->nsteps + ev->nmsteps;
	v->nwr += ev->nwrites;
	v->nfr += ev->nframes;
	v->nca += ev->ncalls;
	if (ev->kind != TRACE_FAULT && (ev->nsteps || ev->nmsteps))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: only a fault has a walk", seq);
	return 0;
}

/* An accessed event: writes only, each setting just A and D. */
static int validate_accessed(const struct vstate *v, const struct trace_event *ev)
{
	if (!ev->nwrites || ev->nframes)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: an accessed event has writes and nothing else",
			   (unsigned long long)ev->seq);
	for (uint32_t j = 0; j < ev->nwrites; j++) {
		const struct trace_write *w = &v->t->writes[ev->write0 + j];
		if (((w->old_value ^ w->new_value) & ~(PTE_A | PTE_D)) ||
		    (w->old_value & ~w->new_value))
			return bad(v->d, v->path, w->line, w->col,
				   "the CPU only sets A and D: 0x%llx -> 0x%llx changes more",
				   (unsigned long long)w->old_value,
				   (unsigned long long)w->new_value);
	}
	return 0;
}

/* What each kind of event must hold. */
static int validate_kind(struct vstate *v, const struct trace_event *ev)
{
	unsigned long long seq = (unsigned long long)ev->seq;

	switch (ev->kind) {
	case TRACE_FAULT:
		return check_fault(v, ev);
	case TRACE_MAP:
		if (!ev->nwrites && !ev->nframes)
			return bad(v->d, v->path, ev->line, ev->col,
				   "event %llu: a map event needs writes or frames", seq);
		return 0;
	case TRACE_ACCESSED:
		return validate_accessed(v, ev);
	case TRACE_SWITCH:
		if (ev->cr3 & ~v->pmask)
			return bad(v->d, v->path, ev->line, ev->col,
				   "event %llu: cr3 0x%llx is wider than %u bits",
				   seq, (unsigned long long)ev->cr3, v->t->h.arch->pa_bits);
		return 0;
	case TRACE_NOTE:
		if (!ev->note)
			return bad(v->d, v->path, ev->line, ev->col,
				   "event %llu: a note needs its text", seq);
		return 0;
	default:
		return bad(v->d, v->path, ev->line, ev->col, "event %llu: unknown kind", seq);
	}
}

/* One event: ranges, kind, writes (which update v->cur), then its frames. */
static int validate_event(struct vstate *v, const struct trace_event *ev)
{
	if (validate_ranges(v, ev) < 0 || validate_kind(v, ev) < 0 || check_writes(v, ev) < 0 ||
	    trace_calls_check(v->t, ev, v->path, v->d) < 0 ||
	    trace_writes_check_origin(v->t, ev, v->path, v->d) < 0)
		return -1;
	for (uint32_t j = 0; j < ev->nframes; j++) {
		uint64_t fr = v->t->frames[ev->frame0 + j];
		if (fr & 0xfff || fr > v->pmask)
			return bad(v->d, v->path, ev->line, ev->col,
				   "event %llu: frame 0x%llx is not a page frame",
				   (unsigned long long)ev->seq, (unsigned long long)fr);
	}
	return 0;
}

int trace_validate(struct trace *t, const char *path, struct diag *d)
{
	struct vstate v = { .t = t, .path = path, .d = d };
	int rc = -1;

	if (validate_header(&v) < 0 || validate_tables(&v) < 0)
		return -1;
	if (t->nentries) {
		v.cur = malloc(t->nentries * sizeof *v.cur);
		if (!v.cur)
			return bad(d, path, 0, 0, "out of memory");
		for (size_t i = 0; i < t->nentries; i++)
			v.cur[i] = t->entries[i].value;
	}
	for (size_t i = 0; i < t->nevents; i++)
		if (validate_event(&v, &t->events[i]) < 0)
			goto out;
	if (v.nst != t->nsteps || v.nwr != t->nwrites || v.nfr != t->nframes ||
	    v.nca != t->ncalls) {
		bad(d, path, 0, 0, "walk steps, writes, frames or calls belong to no event");
		goto out;
	}
	/* entry indices are resolved: the hardware's own view can be replayed */
	rc = trace_check_walks(t, path, d);
out:
	free(v.cur);
	return rc;
}

/* ---- looking at events ---- */

struct access trace_fault_access(uint32_t error_code)
{
	struct access acc = { .kind = ACCESS_READ, .user = error_code & PF_USER };

	if (error_code & PF_INSTR)
		acc.kind = ACCESS_EXEC;
	else if (error_code & PF_WRITE)
		acc.kind = ACCESS_WRITE;
	return acc;
}

int trace_walk_recorded(const struct trace *t, size_t k, struct walk *out)
{
	const struct arch *a = t->h.arch;
	const struct trace_event *ev;
	int n = 0;

	memset(out, 0, sizeof *out);
	if (k >= t->nevents || t->events[k].kind != TRACE_FAULT)
		return -1;
	ev = &t->events[k];
	out->cr3 = ev->cr3;
	out->addr = ev->cr2;
	out->access = trace_fault_access(ev->error_code);
	out->fail = -1;
	out->status = WALK_OK;
	for (uint32_t i = 0; i < ev->nsteps; i++) {
		const struct trace_step *s = &t->steps[ev->step0 + i];
		enum level lv = (enum level)s->level;
		struct walk_step *w = &out->step[n++];

		w->level = lv;
		w->folded = false;
		w->table = s->table;
		w->index = s->index;
		w->entry_pa = s->entry_pa;
		w->entry = s->value;
		w->present = s->value & PTE_P;
		w->leaf = w->present && entry_leaf(a, lv, s->value);
		w->next = walk_entry_addr(a, s->value);
		/* Folded levels below this one pass the same entry through. */
		for (int f = lv + 1; f < LEVEL_COUNT && a->level[f].folded && n < LEVEL_COUNT; f++) {
			if (!w->present)
				break;
			out->step[n] = *w;
			out->step[n].level = (enum level)f;
			out->step[n].folded = true;
			n++;
			w = &out->step[n - 1];
		}
		if (!out->step[n - 1].present) {
			out->status = WALK_NOT_PRESENT;
			out->fail = n - 1;
		}
	}
	out->nsteps = n;
	out->error_code = ev->error_code;
	if (out->status == WALK_OK) {
		const struct walk_step *last = &out->step[n - 1];
		uint64_t size = arch_level_size(a, last->level);
		if (ev->error_code & PF_PROT) {
			out->status = (ev->error_code & PF_RSVD) ? WALK_RESERVED : WALK_PROTECTION;
			out->fail = n - 1;
		}
		out->page_size = size;
		out->frame = last->next & ~(size - 1);
		out->phys = out->frame | (ev->cr2 & (size - 1));
	}
	if (out->status == WALK_NOT_PRESENT)
		snprintf(out->reason, sizeof out->reason, "the %s entry is not present",
			 level_name(out->step[out->fail].level));
	else if (out->status != WALK_OK)
		snprintf(out->reason, sizeof out->reason, "the access is not allowed");
	return 0;
}

void trace_event_format(const struct trace *t, size_t k, char *buf, size_t len)
{
	const struct arch *a = t->h.arch;
	const struct trace_event *ev = &t->events[k];
	int aw = (int)(a->word_bits / 4), ew = (int)(a->entry_size * 2);
	size_t n;

#define APPEND(...) do { if (n < len) n += (size_t)snprintf(buf + n, len - n, __VA_ARGS__); } while (0)
	n = 0;
	if (!len)
		return;
	buf[0] = 0;
	APPEND("%llu %s pid=%u", (unsigned long long)ev->seq, trace_kind_name(ev->kind), ev->pid);
	switch (ev->kind) {
	case TRACE_FAULT: {
		char names[64];
		pf_names(ev->error_code, names, sizeof names);
		APPEND(" cr2=0x%0*llx err=0x%04x(%s) ip=0x%0*llx cpl=%u cr3=0x%0*llx walk",
		       aw, (unsigned long long)ev->cr2, ev->error_code, names, aw,
		       (unsigned long long)ev->ip, ev->cpl, aw, (unsigned long long)ev->cr3);
		for (uint32_t i = 0; i < ev->nsteps; i++) {
			const struct trace_step *s = &t->steps[ev->step0 + i];
			APPEND(" %s[%u]=0x%0*llx", level_name((enum level)s->level), s->index, ew,
			       (unsigned long long)s->value);
		}
		const struct trace_place *pl = trace_place_of(t, ev);
		if (pl->has) {
			char place[300];
			trace_event_place(t, ev, place, sizeof place);
			APPEND(" program=%s%s%s%s", place[0] ? place : "?",
			       pl->startup ? " start-up" : "",
			       pl->syscall ? " syscall=" : "",
			       pl->syscall ? pl->syscall : "");
		}
		APPEND(" -> %s", trace_path_name(t, ev->path));
		if (ev->ncalls && n < len) {
			APPEND(" via ");
			if (n < len)
				trace_calls_format(t, ev, buf + n, len - n);
			n += strlen(buf + n);
		}
		break;
	}
	case TRACE_SWITCH:
		APPEND(" cr3=0x%0*llx", aw, (unsigned long long)ev->cr3);
		break;
	default:
		break;
	}
	for (uint32_t i = 0; i < ev->nwrites; i++) {
		const struct trace_write *w = &t->writes[ev->write0 + i];
		APPEND(" set 0x%0*llx: 0x%0*llx->0x%0*llx", aw, (unsigned long long)w->pa, ew,
		       (unsigned long long)w->old_value, ew, (unsigned long long)w->new_value);
		if (w->level != LEVEL_COUNT) {
			const struct trace_call *c = &t->calls[ev->call0 + w->call];
			APPEND(" (%s[%u] by %s", level_name((enum level)w->level), w->index, c->fn);
			if (c->line)
				APPEND(" at %s:%u", c->file, c->line);
			APPEND(")");
		}
		if (w->from != TRACE_NO_ADDR)
			APPEND(" (from master 0x%0*llx)", aw, (unsigned long long)w->from);
	}
	for (uint32_t i = 0; i < ev->nframes; i++)
		APPEND(" frame=0x%0*llx", aw, (unsigned long long)t->frames[ev->frame0 + i]);
	if (ev->kind == TRACE_FAULT)
		APPEND(" => %s", trace_outcome_name(ev->outcome));
	if (ev->note)
		APPEND(" \"%s\"", ev->note);
#undef APPEND
}
