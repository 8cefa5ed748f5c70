/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxtrace.c - the Linux tracer's records as a pagewalk trace. */
#include "record/linuxtrace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paging/arch.h"
#include "record/linuxtab.h"
#include "util/array.h"

/* The last value the trace knows for each entry it has shown. */
struct known {
	uint64_t *pa, *value;
	size_t n, cap;
};

static long known_find(const struct known *k, uint64_t pa)
{
	for (size_t i = 0; i < k->n; i++)
		if (k->pa[i] == pa)
			return (long)i;
	return -1;
}

static int known_set(struct known *k, uint64_t pa, uint64_t value)
{
	long i = known_find(k, pa);
	if (i >= 0) {
		k->value[i] = value;
		return 0;
	}
	if (k->n == k->cap) {   /* pa and value grow together */
		size_t c = k->cap;
		uint64_t *p = array_grow(k->pa, &c, k->n + 1, sizeof *p, 64), *v;
		if (!p)
			return -1;
		k->pa = p;
		c = k->cap;
		if (!(v = array_grow(k->value, &c, k->n + 1, sizeof *v, 64)))
			return -1;
		k->value = v;
		k->cap = c;
	}
	k->pa[k->n] = pa;
	k->value[k->n++] = value;
	return 0;
}

static const struct {
	const char *mode, *arch;
} modes[] = {
	{ "2level", "x86-32" },
	{ "pae", "x86-32-pae" },
	{ "4level", "x86-64" },
	{ "5level", "x86-64-la57" },
	{ "arm64-4k-39", "arm64-4k-39" },
	{ "arm64-4k-48", "arm64-4k-48" },
	{ "arm64-64k-42", "arm64-64k-42" },
};

bool linuxtrace_from_user(const struct linuxrec *r, const struct linuxrec_fault *f)
{
	return r->arm64 ? f->cpl == 0 : f->cpl == 3;
}

/* arm64: did fault f reach arm64_force_sig_fault with that si_code? */
static bool sig_hit(const struct linuxrec *r, const struct linuxrec_fault *f, int32_t code)
{
	for (uint32_t i = f->hit0; i < f->hit0 + f->nhits; i++)
		if (r->hits[i].fn && strcmp(r->hits[i].fn, "arm64_force_sig_fault") == 0 &&
		    r->hits[i].si_code == code)
			return true;
	return false;
}

/* Did the fault pass through function fn: a route breakpoint on it, or a
 * frame of any stop's chain (a write's or a route's)? */
static bool hit(const struct linuxrec *r, const struct linuxrec_fault *f, const char *fn)
{
	for (uint32_t i = f->hit0; i < f->hit0 + f->nhits; i++) {
		const struct linuxrec_hit *h = &r->hits[i];
		if (h->fn && strcmp(h->fn, fn) == 0)
			return true;
		for (uint32_t k = h->frame0; k < h->frame0 + h->nframes; k++)
			if (strcmp(r->frames[k].fn, fn) == 0)
				return true;
	}
	return false;
}

/* The route (fault.h) and outcome of a Linux fault, from the functions its
 * stops passed through (trace.py: the chains of its writes and its route
 * breakpoints): the route names the function that handled it.
 * do_anonymous_page maps the zero page for a read and a new page for a
 * write (its FAULT_FLAG_WRITE test, from the error code's W), and
 * do_huge_pmd_anonymous_page the huge zero page or a new huge page the
 * same way. -1 when the
 * chains name no route pagewalk knows. */
static int route(const struct linuxrec *r, const struct linuxrec_fault *f,
		 struct trace_event *e)
{
	e->outcome = TRACE_OUT_RETRIED;
	if (r->arm64) {
		/* arch/arm64/mm/fault.c (6.1): do_page_fault signals a user task
		 * with arm64_force_sig_fault(SIGSEGV, SEGV_ACCERR (2) when the vma
		 * forbids the access, SEGV_MAPERR (1) when there is none);
		 * __do_kernel_fault ends in die_kernel_fault */
		if (hit(r, f, "die_kernel_fault")) {
			e->path = FAULT_OOPS;
			e->outcome = TRACE_OUT_OOPS;
			return 0;
		}
		if (linuxtrace_from_user(r, f) && (sig_hit(r, f, 1) || sig_hit(r, f, 2))) {
			e->path = sig_hit(r, f, 2) ? FAULT_PROTECTION : FAULT_BAD_AREA;
			e->outcome = TRACE_OUT_SIGSEGV;
			return 0;
		}
	}
	if (hit(r, f, "vmalloc_sync_one") || hit(r, f, "vmalloc_fault")) {
		e->path = FAULT_VMALLOC_SYNC;
	} else if (hit(r, f, "page_fault_oops")) {
		e->path = FAULT_OOPS;
		e->outcome = TRACE_OUT_OOPS;
	} else if (f->cpl == 3 && hit(r, f, "__bad_area_nosemaphore")) {
		e->path = hit(r, f, "bad_area_access_error") ? FAULT_PROTECTION : FAULT_BAD_AREA;
		e->outcome = TRACE_OUT_SIGSEGV;
	} else if (hit(r, f, "do_wp_page")) {
		e->path = FAULT_COW;
	} else if (hit(r, f, "do_huge_pmd_anonymous_page")) {
		e->path = (r->arm64 ? e->error_code >> 6 & 1 : e->error_code & PF_WRITE)
			  ? FAULT_HUGE_NEW : FAULT_HUGE_ZERO;
	} else if (hit(r, f, "do_anonymous_page")) {
		/* arm64: ESR's WnR (bit 6) says write */
		e->path = (r->arm64 ? e->error_code >> 6 & 1 : e->error_code & PF_WRITE)
			  ? FAULT_NEW_PAGE : FAULT_ZERO_PAGE;
	} else if (hit(r, f, "do_fault")) {
		e->path = FAULT_FILE_PAGE;
	} else if (r->arm64 && hit(r, f, "ptep_set_access_flags")) {
		e->path = FAULT_ACCESS_FLAG;
	} else {
		return -1;
	}
	return 0;
}

/* Do frames a and b name the same function at the same place? */
static bool same_frame(const struct linuxrec_frame *a, const struct linuxrec_frame *b)
{
	return strcmp(a->fn, b->fn) == 0 && strcmp(a->at, b->at) == 0;
}

/* One frame into the trace's chain ("fn", "file:line", its why; line 0:
 * none lit): 0, -1 out of memory, 1 when its place is not FILE:LINE or a
 * frame without a line says not why. */
static int add_call(struct trace *t, const struct linuxrec_frame *fr, uint32_t depth)
{
	char file[256], at[300];
	uint32_t line = 0;
	size_t n = strcspn(fr->at, ":");

	if (strcmp(fr->at + n, ":0") == 0) {
		snprintf(at, sizeof at, "%.*s", (int)n, fr->at);   /* FILE alone: no line */
		if (!fr->why || trace_call_parse_at(at, file, sizeof file, &line) < 0)
			return 1;
	} else if (trace_call_parse_at(fr->at, file, sizeof file, &line) < 0) {
		return 1;
	}
	if (trace_add_call(t, fr->fn, file, line, depth) < 0 ||
	    (fr->why && trace_set_call_why(t, fr->why) < 0))
		return -1;
	return 0;
}

/* The fault's call chain: each stop's chain (outermost first), the frames
 * it shares with the stop before left out, so the chain reads as the
 * handler went: down to the first stop, then on from where the next one
 * parted (a stop in a frame the one before had gone deeper from adds that
 * frame again: the handler came back to it). Each stop's last frame (its
 * index among the fault's calls) into last[], for its write. 0, -1 out of
 * memory, 1 with *bad the frame addr2line could not place. */
static int add_calls(struct trace *t, const struct linuxrec *r, const struct linuxrec_fault *f,
		     uint32_t call0, uint32_t *last, const struct linuxrec_frame **bad)
{
	const struct linuxrec_hit *prev = NULL;

	for (uint32_t h = f->hit0; h < f->hit0 + f->nhits; h++) {
		const struct linuxrec_hit *x = &r->hits[h];
		uint32_t same = 0;
		while (prev && same < x->nframes && same < prev->nframes &&
		       same_frame(&r->frames[x->frame0 + same], &r->frames[prev->frame0 + same]))
			same++;
		if (prev && same == x->nframes && x->nframes < prev->nframes && same)
			same--;
		for (uint32_t i = same; i < x->nframes; i++) {
			int rc = add_call(t, &r->frames[x->frame0 + i], i);
			if (rc > 0)
				*bad = &r->frames[x->frame0 + i];
			if (rc)
				return rc;
		}
		last[h - f->hit0] = (uint32_t)(t->ncalls - call0 - 1);
		if (x->nframes)
			prev = x;
	}
	return 0;
}

/* Did only the CPU change this entry: Accessed or Dirty set, nothing else? */
static bool cpu_only(uint64_t before, uint64_t after)
{
	return !((before ^ after) & ~(uint64_t)(PTE_A | PTE_D)) && !(before & ~after);
}

/* Append a write to the event of kind k opened for this fault (*ev, NULL
 * until the first); events stay in kind order: accessed, then map. */
static int change(struct trace *t, enum trace_kind k, bool *opened, uint64_t pa,
		  uint64_t old, uint64_t new)
{
	if (!*opened && !trace_add_event(t, k))
		return -1;
	*opened = true;
	return trace_add_write(t, pa, old, new, TRACE_NO_ADDR);
}

/* The value of step st as the trace shows it. PAE: Linux writes a PDPT
 * entry with P and the address only (6.1 pud_populate,
 * arch/x86/mm/pgtable.c: the other bits are reserved at that level), and
 * the CPU walks from PDPTE registers loaded at the cr3 write; QEMU 7.2 then
 * sets the Accessed bit (0x20) in memory, which a PAE CPU never does and
 * which a PDPTE register may not hold (a cr3 load of such an entry would
 * be refused). A PDPT entry is shown as the kernel wrote it, without that
 * bit; the trace's first event says so (pae_note). */
static uint64_t step_value(const struct linuxrec *r, const struct linuxrec_step *st)
{
	if (st->level == LX_PGD && strcmp(r->mode, "pae") == 0)
		return st->value & ~(uint64_t)PTE_A;
	return st->value;
}

static int pae_note(struct trace *t)
{
	struct trace_event *e = trace_add_event(t, TRACE_NOTE);

	return e ? trace_set_text(&e->note, "QEMU 7.2 sets the Accessed bit (0x20) of PAE PDPT "
				  "entries in memory, which a PAE CPU never does; this trace shows "
				  "PDPT entries as Linux wrote them and the PDPTE registers hold them")
		 : -1;
}

/* Did fault f write w's entry before w? */
static bool written_before(const struct linuxrec *r, const struct linuxrec_fault *f,
			   const struct linuxrec_write *w)
{
	for (const struct linuxrec_write *x = &r->writes[f->write0]; x < w; x++)
		if (!x->known && x->pa == w->pa)
			return true;
	return false;
}

/* One kind of catch-up (see catch_up). */
static int catch_up_kind(struct trace *t, struct known *k, const struct linuxrec *r,
			 const struct linuxrec_fault *f, enum trace_kind kind)
{
	bool opened = false;

	for (uint32_t i = 0; i < f->nsteps + f->nwrites; i++) {
		uint64_t pa, seen;
		long at;
		if (i < f->nsteps) {
			const struct linuxrec_step *s = &r->steps[f->step0 + i];
			if (s->folded || s->when == LX_AFTER)
				continue;
			pa = s->pa, seen = step_value(r, s);
		} else {
			const struct linuxrec_write *w = &r->writes[f->write0 + i - f->nsteps];
			if (w->known || written_before(r, f, w))
				continue;   /* a second write's old value is the fault's own */
			pa = w->pa, seen = w->old_value;
		}
		at = known_find(k, pa);
		if (at < 0 || k->value[at] == seen) {
			if (at < 0 && kind == TRACE_MAP && known_set(k, pa, seen) < 0)
				return -1;
			continue;
		}
		if ((kind == TRACE_ACCESSED) != cpu_only(k->value[at], seen))
			continue;
		if (change(t, kind, &opened, pa, k->value[at], seen) < 0)
			return -1;
		k->value[at] = seen;
	}
	return 0;
}

/* The entries the fault's walk and writes find changed since the trace
 * last showed them: an accessed event for those where the CPU only set A
 * or D, then a map event for the kernel's changes; then remember what
 * they hold. */
static int catch_up(struct trace *t, struct known *k, const struct linuxrec *r,
		    const struct linuxrec_fault *f)
{
	for (int pass = 0; pass < 2; pass++)
		if (catch_up_kind(t, k, r, f, pass ? TRACE_MAP : TRACE_ACCESSED) < 0)
			return -1;
	return 0;
}



/* The fault event itself: registers, walk, master walk, writes. */
static int add_fault(struct trace *t, struct known *k, const struct linuxrec *r,
		     const struct linuxrec_fault *f, const struct linuxrec_frame **bad)
{
	struct trace_event *e = trace_add_event(t, TRACE_FAULT);
	uint64_t from = TRACE_NO_ADDR, synced = 0;
	uint32_t *last = calloc(f->nhits + 1, sizeof *last), call0 = (uint32_t)t->ncalls;
	int rc;

	if (!e || !last) {
		free(last);
		return -1;
	}
	e->vector = r->arm64 ? (f->error_code >> 28 == 8 ? 3 : 4) : 14;  /* arm64: EC 0x2x */
	e->ttbr = (uint8_t)f->ttbr;
	e->error_code = f->error_code;
	e->cr2 = f->cr2;
	e->ip = f->ip;
	e->cs = f->cs;
	e->cpl = f->cpl;
	e->cr3 = f->cr3;
	if (route(r, f, e) < 0) {
		free(last);
		return 1;
	}
	if (r->pti && f->cpl == 3) {
		if (!(e->x = calloc(1, sizeof *e->x))) {
			free(last);
			return -1;
		}
		e->x->user_cr3 = f->cr3 | TRACE_PTI_USER_BIT;
	}
	if ((rc = add_calls(t, r, f, call0, last, bad)) != 0) {
		free(last);
		return rc < 0 ? -1 : 2;
	}
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t i = f->step0; i < f->step0 + f->nsteps; i++) {
			const struct linuxrec_step *s = &r->steps[i];
			if (s->folded || s->when != (pass ? LX_MASTER : LX_BEFORE))
				continue;
			if ((pass ? trace_add_master_step : trace_add_step)(t, (enum level)s->level,
				s->table, s->index, s->pa, step_value(r, s)) < 0) {
				free(last);
				return -1;
			}
			if (pass && from == TRACE_NO_ADDR)
				from = s->pa, synced = step_value(r, s);  /* the entry vmalloc_sync_one copies */
		}
	for (uint32_t i = f->step0; trace_user_cr3(e) && i < f->step0 + f->nsteps; i++) {
		const struct linuxrec_step *s = &r->steps[i];
		if (!s->folded && s->when == LX_USER &&
		    trace_add_user_step(t, (enum level)s->level, s->table, s->index, s->pa,
					s->value) < 0) {
			free(last);
			return -1;
		}
	}
	for (uint32_t i = f->top0; trace_user_cr3(e) && i < f->top0 + f->ntops; i++)
		if (trace_add_top(t, r->tops[i].index, r->tops[i].kernel, r->tops[i].user) < 0) {
			free(last);
			return -1;
		}
	for (uint32_t i = f->write0; i < f->write0 + f->nwrites; i++) {
		const struct linuxrec_write *w = &r->writes[i];
		if (w->known) {
			if (known_set(k, w->pa, w->new_value) < 0)
				goto oom;
			continue;
		}
		if (trace_add_write(t, w->pa, w->old_value, w->new_value,
				    from != TRACE_NO_ADDR && w->new_value == synced ? from
				    : TRACE_NO_ADDR) < 0 ||
		    trace_set_write_origin(t, (enum level)w->level, w->index,
					   last[w->hit - f->hit0]) < 0 ||
		    known_set(k, w->pa, w->new_value) < 0)
			goto oom;
	}
	free(last);
	return 0;
oom:
	free(last);
	return -1;
}

/* Does the chain via (names joined by " > ") name function fn? */
static bool via_has(const char *via, const char *fn)
{
	size_t n = strlen(fn);
	for (const char *p = via; p && (p = strstr(p, fn)); p += n)
		if ((p == via || p[-1] == ' ') && (!p[n] || p[n] == ' '))
			return true;
	return false;
}

/* Why a flush happened, from its callers (Linux 6.1's functions):
 * wp_page_copy's ptep_clear_flush (a COW), mprotect_fixup's
 * change_protection, dup_mmap's flush_tlb_mm (fork write-protected the
 * parent's ptes), exit_mmap, an unmap. */
static enum trace_flush_reason flush_reason(const char *via)
{
	if (via_has(via, "wp_page_copy"))
		return TRACE_FLUSH_COW;
	if (via_has(via, "dup_mmap"))
		return TRACE_FLUSH_FORK;
	if (via_has(via, "do_mprotect_pkey") || via_has(via, "mprotect_fixup") ||
	    via_has(via, "change_protection"))
		return TRACE_FLUSH_MPROTECT;
	if (via_has(via, "exit_mmap"))
		return TRACE_FLUSH_EXIT;
	if (via_has(via, "__do_munmap") || via_has(via, "do_vmi_munmap") ||
	    via_has(via, "unmap_region") || via_has(via, "__vm_munmap"))
		return TRACE_FLUSH_MUNMAP;
	return TRACE_FLUSH_OTHER;
}

/* Why the context-switch code wrote cr3 (load_new_mm_cr3; inlined into
 * switch_mm_irqs_off on i386), Linux 6.1 arch/x86/mm/tlb.c: inside
 * flush_tlb_func, a lazy CPU (its task gave up its mm: exit_mm) leaves the
 * mm for init_mm's table rather than flush it, which carries out its
 * caller's flush (that reason); execve's exec_mmap loading the new mm;
 * the same table again (switch_mm_irqs_off's lazy CPU that missed a
 * flush); else a switch to another process's tables. */
static enum trace_flush_reason switch_reason(const struct linuxrec_flush *fl)
{
	if (via_has(fl->via, "flush_tlb_func"))
		return flush_reason(fl->via);
	if (via_has(fl->via, "exec_mmap"))
		return TRACE_FLUSH_EXEC;
	return fl->new_cr3 == fl->old_cr3 ? TRACE_FLUSH_RELOAD : TRACE_FLUSH_SWITCH;
}

/* The flushes and cr3 writes the tracer saw once `after` faults had come
 * in, as flush events; seqs[k] is the trace's seq of record fault k (0:
 * not in it). A cr3 write by native_flush_tlb_local carries out the flush
 * of its caller (flush_tlb_func's full flush) and keeps that reason. */
static int add_flushes(struct trace *t, const struct linuxrec *r, size_t *next, uint64_t after,
		       const uint64_t *seqs)
{
	const struct arch *a = t->h.arch;
	for (; *next < r->nflushes && r->flushes[*next].after <= after; (*next)++) {
		const struct linuxrec_flush *fl = &r->flushes[*next];
		struct trace_event *e;
		/* a --program trace keeps the program's flushes, not its init's;
		 * but every cr3 write: the init's load and leave the program's
		 * table, and the CPU's cr3 stays a chain of writes */
		if (r->program && fl->pid == 1 && !fl->fn[0])
			continue;
		e = trace_add_event(t, TRACE_FLUSH);
		if (!e || !(e->x = calloc(1, sizeof *e->x)) ||
		    !(e->x->flush_fn = strdup(fl->fn[0] ? fl->fn : "flush_tlb_mm_range")) ||
		    (fl->via && !(e->x->via = strdup(fl->via))))
			return -1;
		e->pid = fl->pid;
		e->x->in_fault = fl->fault ? seqs[fl->fault - 1] : 0;
		if (fl->fn[0]) {
			e->x->cr3_write = true;
			e->x->reason = trace_cr3_switcher(fl->fn) ? switch_reason(fl)
								  : flush_reason(fl->via);
			e->cr3 = fl->new_cr3;
			e->x->old_cr3 = fl->old_cr3;
			continue;
		}
		e->x->reason = flush_reason(fl->via);
		e->x->start = fl->start;
		e->x->end = fl->end == arch_word_mask(a) ? TRACE_FLUSH_ALL : fl->end;
	}
	return 0;
}

/* The header from the records: the layout as the kernel printed it
 * (linuxrec made VMALLOC_END exclusive); the kernel's source package and
 * version, and its build variant and config key (guest/linux/build.sh). */
static int fill_header(struct trace *t, const struct linuxrec *r, const char *scenario)
{
	char src[300], cfg[400], frags[200];
	struct diag td = { 0 };
	struct linuxtab *tab = linuxtab_builtin(&td);
	const struct linuxtab_row *row = tab ? linuxtab_find(tab, "variant", r->variant) : NULL;
	const char *cf = row ? linuxtab_value(row, "configs") : NULL;
	size_t n = 0;

	/* the variant's fragments as linux.tab lists them: "x86_64.config + thppti.config" */
	if (cf)
		for (const char *p = cf; *p && n + 4 < sizeof frags; p++)
			n += (size_t)snprintf(frags + n, sizeof frags - n, *p == ',' ? " + " : "%c", *p);
	else
		snprintf(frags, sizeof frags, "%s.config", r->variant);
	linuxtab_free(tab);

	t->h.task_size = r->layout.task_size;
	t->h.master_pgd = r->layout.master_pgd;
	t->h.vmalloc_start = r->layout.vmalloc_start;
	t->h.vmalloc_end = r->layout.vmalloc_end;
	snprintf(src, sizeof src, "%s %s", r->source_package, r->source_version);
	snprintf(cfg, sizeof cfg, "%s, key %s (tinyconfig + guest/linux/%scommon.config + %s)",
		 r->variant, r->config_key, r->arm64 ? "arm64-" : "", frags);
	return trace_set_text(&t->h.source, "linux") < 0 ||
	       trace_set_text(&t->h.kernel_source, src) < 0 ||
	       trace_set_text(&t->h.kernel_config, cfg) < 0 ||
	       trace_set_text(&t->h.guest_build, r->kernel ? r->kernel : "Linux") < 0 ||
	       trace_set_text(&t->h.scenario, scenario) < 0 ? -1 : 0;
}

/* Why fault f has no place in the trace: its handler functions name no
 * route, or a frame of its chain (bad) has no file:line. */
static void unplaced(const struct linuxrec *r, const struct linuxrec_fault *f,
		     const struct linuxrec_frame *bad, const char *name, struct diag *d)
{
	char fns[256] = "";
	size_t n = 0;

	if (bad) {
		diag_set(d, name, f->line, 0, "fault %llu: frame %s at \"%s\" has no FILE:LINE",
			 (unsigned long long)f->seq, bad->fn, bad->at);
		return;
	}
	for (uint32_t i = f->hit0; i < f->hit0 + f->nhits && n < sizeof fns; i++)
		n += (size_t)snprintf(fns + n, sizeof fns - n, "%s%s", n ? ", " : "",
				      r->hits[i].fn ? r->hits[i].fn : "a write");
	diag_set(d, name, f->line, 0,
		 "fault %llu: the handler functions it hit (%s) name no route pagewalk knows",
		 (unsigned long long)f->seq, n ? fns : "none");
}

bool linuxtrace_keeps(const struct linuxrec *r, size_t i)
{
	size_t first = 0;

	while (first < r->nfaults && !linuxtrace_from_user(r, &r->faults[first]))
		first++;
	if (i < first || i >= r->nfaults)
		return false;
	if (!r->program)
		return true;
	/* the init never calls execve: one address space, its first fault's */
	for (size_t k = 0; k < r->nfaults; k++)
		if (r->faults[k].pid == 1)
			return r->faults[k].cr3 != r->faults[i].cr3;
	return true;
}

struct trace *linuxtrace_build(const struct linuxrec *r, const char *scenario,
			       const char *name, struct diag *d)
{
	const struct arch *a = NULL;
	struct trace *t = NULL;
	struct known k = { 0 };
	uint64_t cr3 = UINT64_MAX, *seqs = NULL;
	size_t first = 0, nextfl = 0;

	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(r->mode, modes[i].mode) == 0)
			a = arch_by_name(modes[i].arch);
	while (first < r->nfaults && !linuxtrace_keeps(r, first))
		first++;
	if (!a || first == r->nfaults) {
		diag_set(d, name, 0, 0, "%s", a ? "no user fault in the records" : "unknown mode");
		return NULL;
	}
	if (!(seqs = calloc(r->nfaults + 1, sizeof *seqs)) ||
	    !(t = trace_new(a)) || fill_header(t, r, scenario) < 0 ||
	    (strcmp(r->mode, "pae") == 0 && pae_note(t) < 0))
		goto oom;
	for (size_t i = first; i < r->nfaults; i++) {
		const struct linuxrec_fault *f = &r->faults[i];
		struct trace_event *e;
		if (!linuxtrace_keeps(r, i))
			continue;
		/* arm64: a switch loads TTBR0 (the user half); TTBR1 stays */
		uint64_t now = r->arm64 ? f->ttbr0 : f->cr3;
		if (now != cr3) {
			if (!(e = trace_add_event(t, TRACE_SWITCH)))
				goto oom;
			e->cr3 = cr3 = now;
			e->pid = f->pid;
		}
		const struct linuxrec_frame *bad = NULL;
		int rc;
		if (catch_up(t, &k, r, f) < 0 || (rc = add_fault(t, &k, r, f, &bad)) < 0)
			goto oom;
		if (rc) {
			unplaced(r, f, bad, name, d);
			goto fail;
		}
		/* the fault's task; catch-up events stay the kernel's (pid 0) */
		t->events[t->nevents - 1].pid = f->pid;
		seqs[i] = t->events[t->nevents - 1].seq;
		if (add_flushes(t, r, &nextfl, i + 1, seqs) < 0)
			goto oom;
	}
	free(seqs);
	seqs = NULL;
	free(k.pa);
	free(k.value);
	k.pa = k.value = NULL;
	if (trace_snapshot(t) < 0)
		goto oom;
	return t;
oom:
	diag_set(d, name, 0, 0, "out of memory");
fail:
	free(seqs);
	free(k.pa);
	free(k.value);
	trace_free(t);
	return NULL;
}
