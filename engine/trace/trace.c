/* SPDX-License-Identifier: GPL-2.0-only */
/* trace.c - the trace model: names, building, snapshot, looking at
 * events. Validation is trace_validate.c. */
#include "trace/trace.h"
#include "trace/trace_calls.h"
#include "trace_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "paging/arm64.h"
#include "util/text.h"

static const char *const kind_names[TRACE_KIND_COUNT] = {
	"fault", "map", "switch", "note", "accessed", "flush",
};
static const char *const reason_names[TRACE_FLUSH_REASONS] = {
	"cow", "mprotect", "munmap", "fork", "exit", "other", "switch", "exec", "reload",
};

bool trace_cr3_switcher(const char *fn)
{
	return fn && (strcmp(fn, "load_new_mm_cr3") == 0 || strcmp(fn, "switch_mm_irqs_off") == 0);
}

bool trace_cr3_writer(const char *fn)
{
	return trace_cr3_switcher(fn) || (fn && (strcmp(fn, "native_flush_tlb_local") == 0 ||
					  strcmp(fn, "initialize_tlbstate_and_flush") == 0));
}

const char *trace_flush_reason_name(enum trace_flush_reason r)
{
	return (unsigned)r < TRACE_FLUSH_REASONS ? reason_names[r] : "?";
}

int trace_flush_reason_parse(const char *s)
{
	for (int i = 0; i < TRACE_FLUSH_REASONS; i++)
		if (strcmp(s, reason_names[i]) == 0)
			return i;
	return -1;
}
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
	for (size_t i = 0; i < t->nevents; i++) {
		free(t->events[i].note);
		if (t->events[i].x) {
			free(t->events[i].x->flush_fn);
			free(t->events[i].x->via);
			free(t->events[i].x->tops);
			free(t->events[i].x);
		}
	}
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
	e->ustep0 = (uint32_t)t->nsteps;
	return e;
}

static int add_step(struct trace *t, int which, enum level lv, uint64_t table,
		    uint32_t index, uint64_t entry_pa, uint64_t value)
{
	struct trace_step *s;
	struct trace_event *e;

	if (!t->nevents || t->nsteps >= UINT32_MAX ||
	    grow(&t->steps, t->nsteps, &t->cap_steps, sizeof *s))
		return -1;
	e = &t->events[t->nevents - 1];
	/* in order: walk, master walk, user walk */
	if ((which == 0 && (e->nmsteps || e->nusteps)) || (which == 1 && e->nusteps))
		return -1;
	s = &t->steps[t->nsteps++];
	*s = (struct trace_step){ .table = table, .entry_pa = entry_pa, .value = value,
				  .index = index, .level = (uint8_t)lv };
	if (which == 2) {
		e->nusteps++;
	} else if (which == 1) {
		e->nmsteps++;
		e->ustep0++;
	} else {
		e->nsteps++;
		e->mstep0++;
		e->ustep0++;
	}
	return 0;
}

int trace_add_step(struct trace *t, enum level lv, uint64_t table, uint32_t index,
		   uint64_t entry_pa, uint64_t value)
{
	return add_step(t, 0, lv, table, index, entry_pa, value);
}

int trace_add_user_step(struct trace *t, enum level lv, uint64_t table, uint32_t index,
			uint64_t entry_pa, uint64_t value)
{
	return add_step(t, 2, lv, table, index, entry_pa, value);
}

int trace_add_master_step(struct trace *t, enum level lv, uint64_t table, uint32_t index,
			  uint64_t entry_pa, uint64_t value)
{
	return add_step(t, 1, lv, table, index, entry_pa, value);
}

int trace_add_top(struct trace *t, uint32_t index, uint64_t kernel, uint64_t user)
{
	struct trace_event *e;
	struct trace_top *p;
	uint32_t n;

	if (!t->nevents)
		return -1;
	e = &t->events[t->nevents - 1];
	if (!e->x && !(e->x = calloc(1, sizeof *e->x)))
		return -1;
	n = e->x->ntops;
	if (n >= TRACE_TOP_LAST + 1)
		return -1;
	if ((n & (n - 1)) == 0) {   /* 0, 1, 2, 4 ...: room for twice as many */
		p = realloc(e->x->tops, (n ? 2 * n : 1) * sizeof *p);
		if (!p)
			return -1;
		e->x->tops = p;
	}
	e->x->tops[e->x->ntops++] = (struct trace_top){ .index = index, .kernel = kernel,
							.user = user };
	return 0;
}

/* Which copies hold kernel-half entry tp, and alike or not. */
static enum trace_top_kind top_kind(const struct trace_top *tp)
{
	return !tp->user ? TOP_KERNEL_ONLY : !tp->kernel ? TOP_USER_ONLY
	       : tp->kernel == tp->user ? TOP_SAME : TOP_DIFFER;
}

size_t trace_top_rows(const struct trace_event *ev, struct trace_top_row *rows, size_t max)
{
	size_t n = 0;
	struct trace_top_row cur = { 0 };

	for (uint32_t i = 0; ev->x && i < ev->x->ntops; i++) {
		const struct trace_top *tp = &ev->x->tops[i];
		enum trace_top_kind k = top_kind(tp);
		if (n && (k == TOP_KERNEL_ONLY || k == TOP_USER_ONLY) && cur.kind == k &&
		    cur.last + 1 == tp->index) {
			cur.last = tp->index;    /* the run goes on */
		} else {
			cur = (struct trace_top_row){ .first = tp->index, .last = tp->index, .kind = k,
						      .kernel = tp->kernel, .user = tp->user };
			n++;
		}
		if (n <= max)
			rows[n - 1] = cur;
	}
	return n;
}

uint64_t trace_top_addr(const struct trace *t, uint32_t index)
{
	const struct arch *a = t->h.arch;
	uint64_t v = (uint64_t)index << a->level[LEVEL_PGD].shift;

	if (a->va_bits < 64 && (v >> (a->va_bits - 1) & 1))
		v |= ~0ull << a->va_bits;
	return v;
}

void trace_top_count(const struct trace *t, const struct trace_event *ev,
		     struct trace_top_count *out)
{
	*out = (struct trace_top_count){ 0 };
	for (uint32_t i = 0; ev->x && i < ev->x->ntops; i++) {
		const struct trace_top *tp = &ev->x->tops[i];
		uint64_t va = trace_top_addr(t, tp->index);
		switch (top_kind(tp)) {
		case TOP_KERNEL_ONLY:
			out->kernel_only++;
			if (va >= t->h.vmalloc_start && va < t->h.vmalloc_end)
				out->kernel_vmalloc++;
			break;
		case TOP_USER_ONLY: out->user_only++; break;
		case TOP_SAME: out->same++; break;
		default: out->differ++; break;
		}
	}
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
	if (t->h.arch && t->h.arch->family == FAMILY_ARM64)
		return fault_path_arm64_name(p);
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

/* ---- entries ---- */

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

/* ---- looking at events ---- */

/* Does a present entry at level lv map a page (pte, or PS where allowed)? */
bool trace_entry_leaf(const struct arch *a, enum level lv, uint64_t e)
{
	if (lv == LEVEL_PTE)
		return true;
	if (a->family == FAMILY_ARM64)      /* a block descriptor: bits 1:0 = 01 */
		return (e & 3) == 1 && arch_large_page(a, lv);
	return (e & PTE_PS) && arch_large_page(a, lv);
}


struct access trace_fault_access(uint32_t error_code)
{
	struct access acc = { .kind = ACCESS_READ, .user = error_code & PF_USER };

	if (error_code & PF_INSTR)
		acc.kind = ACCESS_EXEC;
	else if (error_code & PF_WRITE)
		acc.kind = ACCESS_WRITE;
	return acc;
}

struct access trace_event_access(const struct trace *t, const struct trace_event *ev)
{
	struct access acc = { .kind = ACCESS_READ, .user = ev->cpl == 0 };

	if (t->h.arch->family != FAMILY_ARM64)
		return trace_fault_access(ev->error_code);
	if (ev->error_code >> 28 == 8)           /* EC 0x20/0x21: instruction abort */
		acc.kind = ACCESS_EXEC;
	else if (ev->error_code & (1u << 6))     /* WnR */
		acc.kind = ACCESS_WRITE;
	return acc;
}

/* The walk of fault k from its recorded steps first..first+nsteps, from
 * cr3 (user: the user-walk, else the walk). */
static int walk_recorded(const struct trace *t, size_t k, bool user, struct walk *out)
{
	const struct arch *a = t->h.arch;
	const struct trace_event *ev;
	uint32_t first, nsteps;
	int n = 0;

	memset(out, 0, sizeof *out);
	if (k >= t->nevents || t->events[k].kind != TRACE_FAULT)
		return -1;
	ev = &t->events[k];
	first = user ? ev->ustep0 : ev->step0;
	nsteps = user ? ev->nusteps : ev->nsteps;
	out->cr3 = user ? trace_user_cr3(ev) : ev->cr3;
	out->addr = ev->cr2;
	out->access = trace_event_access(t, ev);
	out->fail = -1;
	out->status = WALK_OK;
	for (uint32_t i = 0; i < nsteps; i++) {
		const struct trace_step *s = &t->steps[first + i];
		enum level lv = (enum level)s->level;
		struct walk_step *w = &out->step[n++];

		w->level = lv;
		w->folded = false;
		w->table = s->table;
		w->index = s->index;
		w->entry_pa = s->entry_pa;
		w->entry = s->value;
		w->present = s->value & PTE_P;
		w->leaf = w->present && trace_entry_leaf(a, lv, s->value);
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
		if (a->family == FAMILY_ARM64) {
			/* ESR's fault status: access flag or permission */
			unsigned fsc = ev->error_code & ESR_FSC;
			if ((fsc & 0x3c) == ESR_FSC_ACCESS || (fsc & 0x3c) == ESR_FSC_PERM) {
				out->status = (fsc & 0x3c) == ESR_FSC_ACCESS ? WALK_ACCESS_FLAG
									   : WALK_PROTECTION;
				out->fail = n - 1;
			}
			out->esr = ev->error_code;
			out->far = ev->cr2;
		} else if (ev->error_code & PF_PROT) {
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
	else if (out->status == WALK_ACCESS_FLAG)
		snprintf(out->reason, sizeof out->reason, "the page's access flag (AF) is clear");
	else if (out->status != WALK_OK)
		snprintf(out->reason, sizeof out->reason, "the access is not allowed");
	if (a->family == FAMILY_ARM64 && out->status == WALK_NOT_PRESENT) {
		out->esr = ev->error_code;
		out->far = ev->cr2;
	}
	return 0;
}

int trace_walk_recorded(const struct trace *t, size_t k, struct walk *out)
{
	return walk_recorded(t, k, false, out);
}

int trace_walk_recorded_user(const struct trace *t, size_t k, struct walk *out)
{
	return walk_recorded(t, k, true, out);
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
		char names[160];
		if (a->family == FAMILY_ARM64) {
			/* FAR in place of cr2, ESR decoded in place of the error
			 * code, the TTBR that translated FAR in place of cr3 */
			arm64_esr_format(ev->error_code, names, sizeof names);
			APPEND(" far=0x%016llx esr=0x%08x(%s) elr=0x%016llx el=%u ttbr%u=0x%016llx walk",
			       (unsigned long long)ev->cr2, ev->error_code, names,
			       (unsigned long long)ev->ip, ev->cpl, ev->ttbr,
			       (unsigned long long)ev->cr3);
		} else {
		pf_names(ev->error_code, names, sizeof names);
		APPEND(" cr2=0x%0*llx err=0x%04x(%s) ip=0x%0*llx cpl=%u cr3=0x%0*llx walk",
		       aw, (unsigned long long)ev->cr2, ev->error_code, names, aw,
		       (unsigned long long)ev->ip, ev->cpl, aw, (unsigned long long)ev->cr3);
		}
		for (uint32_t i = 0; i < ev->nsteps; i++) {
			const struct trace_step *s = &t->steps[ev->step0 + i];
			APPEND(" %s[%u]=0x%0*llx", level_name((enum level)s->level), s->index, ew,
			       (unsigned long long)s->value);
		}
		if (trace_user_cr3(ev)) {
			APPEND(" user-cr3=0x%0*llx", aw, (unsigned long long)trace_user_cr3(ev));
			if (ev->nusteps)
				APPEND(" user-pgd[%u]=0x%0*llx", t->steps[ev->ustep0].index, ew,
				       (unsigned long long)t->steps[ev->ustep0].value);
		}
		if (ev->x && ev->x->ntops) {   /* the kernel half: what both copies hold */
			struct trace_top_count c;
			APPEND(" user-top:");
			for (uint32_t i = 0; i < ev->x->ntops; i++) {
				const struct trace_top *tp = &ev->x->tops[i];
				if (tp->kernel && tp->kernel == tp->user)
					APPEND(" pgd[%u]=0x%0*llx(both)", tp->index, ew,
					       (unsigned long long)tp->kernel);
				else if (tp->kernel && tp->user)
					APPEND(" pgd[%u]=0x%0*llx(kernel)/0x%0*llx(user)", tp->index, ew,
					       (unsigned long long)tp->kernel, ew,
					       (unsigned long long)tp->user);
			}
			trace_top_count(t, ev, &c);
			if (c.kernel_only)
				APPEND(" kernel-only=%u", c.kernel_only);
			if (c.user_only)
				APPEND(" user-only=%u", c.user_only);
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
		if (a->family == FAMILY_ARM64)
			APPEND(" ttbr0=0x%016llx", (unsigned long long)ev->cr3);
		else
			APPEND(" cr3=0x%0*llx", aw, (unsigned long long)ev->cr3);
		break;
	case TRACE_FLUSH:
		if (ev->x->cr3_write)
			APPEND(" %s (%s) cr3 0x%0*llx->0x%0*llx", ev->x->flush_fn,
			       trace_flush_reason_name(ev->x->reason), aw,
			       (unsigned long long)ev->x->old_cr3, aw, (unsigned long long)ev->cr3);
		else if (ev->x->end == TRACE_FLUSH_ALL)
			APPEND(" %s (%s) all", ev->x->flush_fn, trace_flush_reason_name(ev->x->reason));
		else
			APPEND(" %s (%s) 0x%0*llx-0x%0*llx", ev->x->flush_fn,
			       trace_flush_reason_name(ev->x->reason), aw, (unsigned long long)ev->x->start,
			       aw, (unsigned long long)ev->x->end);
		if (ev->x->in_fault)
			APPEND(" in fault %llu", (unsigned long long)ev->x->in_fault);
		if (ev->x->via)
			APPEND(" via %s", ev->x->via);
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
