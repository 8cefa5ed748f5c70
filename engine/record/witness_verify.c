/* SPDX-License-Identifier: GPL-2.0-only */
/* witness_verify.c - check a recorded trace against its witnesses: the
 * emulator's exception log, one to one and in order, then the debugger's
 * stops at each fault entry (registers, and every step of both walks
 * against physical memory). docs/guest-protocol.md section 6. */
#include "record/witness.h"

#include <stdio.h>
#include <string.h>

#include "paging/arch.h"

/* The number of fault events in t. */
static size_t trace_fault_count(const struct trace *t)
{
	size_t nf = 0;

	for (size_t i = 0; i < t->nevents; i++)
		nf += t->events[i].kind == TRACE_FAULT;
	return nf;
}

/* Fault k (1-based) of the guest, e, against the emulator's p: one sentence in d. */
static int verify_differs(const struct trace_event *e, const struct witness_pf *p,
			  const struct witness *w, size_t k, const char *emulator,
			  struct diag *d)
{
	char extra[128] = "";

	if (w->has_ip_cr3_cpl)
		snprintf(extra, sizeof extra, " eip=0x%08llx cpl=%u cr3=0x%08llx",
			 (unsigned long long)p->ip, p->cpl, (unsigned long long)p->cr3);
	diag_set(d, "", 0, 0, "fault %zu differs: the guest says cr2=0x%08llx err=0x%04x "
		 "eip=0x%08llx cpl=%u cr3=0x%08llx, the %s log (line %d) cr2=0x%08llx "
		 "err=0x%04x%s%s", k, (unsigned long long)e->cr2, e->error_code,
		 (unsigned long long)e->ip, e->cpl, (unsigned long long)e->cr3, emulator,
		 p->line, (unsigned long long)p->cr2, p->error_code,
		 w->has_ip_cr3_cpl ? "" : " (Bochs logs no eip/cr3)", extra);
	return -1;
}


/* The log: the same faults, one to one, in order. */
static int verify_log(const struct trace *t, const struct witness *w, const char *emulator,
		      struct diag *d)
{
	size_t k = 0, nf = trace_fault_count(t);

	for (size_t i = 0; i < t->nevents; i++) {
		const struct trace_event *e = &t->events[i];
		const struct witness_pf *p;
		if (e->kind != TRACE_FAULT)
			continue;
		if (k >= w->n) {
			diag_set(d, "", 0, 0, "the guest reports %zu page faults, the %s log only %zu",
				 nf, emulator, w->n);
			return -1;
		}
		p = &w->pf[k++];
		if (p->error_code != e->error_code || p->cr2 != e->cr2 ||
		    (w->has_ip_cr3_cpl && (p->ip != e->ip || p->cpl != e->cpl || p->cr3 != e->cr3)))
			return verify_differs(e, p, w, k, emulator, d);
	}
	if (k != w->n) {
		diag_set(d, "", 0, 0, "the %s log has %zu page faults, the guest reports only %zu",
			 emulator, w->n, nf);
		return -1;
	}
	return 0;
}

/* Fault k (event e) against the debugger's stop s at its entry. */
static int verify_stop(const struct trace_event *e, const struct witness_stop *s, size_t k,
		       const struct witness *w, const char *emulator, struct diag *d)
{
	if (s->error_code == e->error_code && s->cr2 == e->cr2 && s->cr3 == e->cr3 &&
	    s->ip == e->ip && (s->cs & 3) == e->cpl)
		return 0;
	diag_set(d, "", 0, 0, "fault %zu (event %llu) differs from the %s debugger's stop at "
		 "its entry (%s line %d): the trace says cr2=0x%08llx err=0x%04x eip=0x%08llx "
		 "cpl=%u cr3=0x%08llx, the stop cr2=0x%08llx err=0x%04x eip=0x%08llx cpl=%u "
		 "cr3=0x%08llx", k, (unsigned long long)e->seq, emulator, w->stop_file, s->line,
		 (unsigned long long)e->cr2, e->error_code, (unsigned long long)e->ip, e->cpl,
		 (unsigned long long)e->cr3, (unsigned long long)s->cr2, s->error_code,
		 (unsigned long long)s->ip, s->cs & 3, (unsigned long long)s->cr3);
	return -1;
}

struct walk_cmp {
	const struct trace_event *e;
	size_t k;                /* the fault's number */
	const char *which;       /* "walk" or "master walk" */
	const char *emulator;
	int width;               /* hex digits of an entry */
	int line;                /* the stop's line in walks.txt */
};

/* Step i of one walk: the trace's ts (or NULL past its end) against the
 * emulator's ws (or NULL). 0 when they agree, else -1 with d. */
static int verify_step(const struct walk_cmp *c, const struct trace_step *ts,
		       const struct witness_step *ws, unsigned i, struct diag *d)
{
	unsigned long long seq = c->e->seq;

	if (ts && ws && ts->level == ws->level && ts->table == ws->table &&
	    ts->index == ws->index && ts->entry_pa == ws->entry && ts->value == ws->value)
		return 0;
	if (ts && ws && ts->entry_pa == ws->entry)
		diag_set(d, "", 0, 0, "event %llu (fault %zu): its %s's %s entry at 0x%08llx is "
			 "0x%0*llx in the trace but 0x%0*llx in %s's physical memory at the fault "
			 "entry (walks.txt line %d)", seq, c->k, c->which, level_name(ts->level),
			 (unsigned long long)ts->entry_pa, c->width, (unsigned long long)ts->value,
			 c->width, (unsigned long long)ws->value, c->emulator, c->line);
	else if (ts && ws)
		diag_set(d, "", 0, 0, "event %llu (fault %zu): entry %u of its %s is the %s entry "
			 "at 0x%08llx (0x%0*llx) in the trace but the %s entry at 0x%08llx "
			 "(0x%0*llx) in %s's physical memory (walks.txt line %d)", seq, c->k, i + 1,
			 c->which, level_name(ts->level), (unsigned long long)ts->entry_pa, c->width,
			 (unsigned long long)ts->value, level_name(ws->level),
			 (unsigned long long)ws->entry, c->width, (unsigned long long)ws->value,
			 c->emulator, c->line);
	else if (ts)
		diag_set(d, "", 0, 0, "event %llu (fault %zu): its %s's %s entry at 0x%08llx "
			 "(0x%0*llx in the trace) is not on the walk through %s's physical memory, "
			 "which ends after %u entries (walks.txt line %d)", seq, c->k, c->which,
			 level_name(ts->level), (unsigned long long)ts->entry_pa, c->width,
			 (unsigned long long)ts->value, c->emulator, i, c->line);
	else
		diag_set(d, "", 0, 0, "event %llu (fault %zu): its %s ends after %u entries in the "
			 "trace, but in %s's physical memory it goes on to the %s entry at 0x%08llx "
			 "= 0x%0*llx (walks.txt line %d)", seq, c->k, c->which, i, c->emulator,
			 level_name(ws->level), (unsigned long long)ws->entry, c->width,
			 (unsigned long long)ws->value, c->line);
	return -1;
}

/* One walk, step by step: the trace's n steps from ts, the emulator's m from ws. */
static int verify_walk(const struct walk_cmp *c, const struct trace_step *ts, uint32_t n,
		       const struct witness_step *ws, uint32_t m, struct diag *d)
{
	for (uint32_t i = 0; i < n || i < m; i++)
		if (verify_step(c, i < n ? &ts[i] : NULL, i < m ? &ws[i] : NULL, i, d) < 0)
			return -1;
	return 0;
}

/* Every fault against the debugger's stop at its entry, and its walks. */
static int verify_stops(const struct trace *t, const struct witness *w, const char *emulator,
			struct diag *d)
{
	size_t k = 0, nf = trace_fault_count(t);
	int width = t->h.arch ? (int)t->h.arch->entry_size * 2 : 16;

	if (w->nstop != nf) {
		diag_set(d, "", 0, 0, "the guest reports %zu page faults, the %s debugger stopped "
			 "at %zu fault entries (%s)", nf, emulator, w->nstop, w->stop_file);
		return -1;
	}
	for (size_t i = 0; i < t->nevents; i++) {
		const struct trace_event *e = &t->events[i];
		const struct witness_stop *s;
		if (e->kind != TRACE_FAULT)
			continue;
		s = &w->stop[k++];
		if (verify_stop(e, s, k, w, emulator, d) < 0)
			return -1;
		if (!w->has_walks)
			continue;
		struct walk_cmp c = { e, k, "walk", emulator, width, s->line };
		if (verify_walk(&c, t->steps ? t->steps + e->step0 : NULL, e->nsteps,
				w->steps ? w->steps + s->step0 : NULL, s->nsteps, d) < 0)
			return -1;
		c.which = "master walk";
		if (e->nmsteps && verify_walk(&c, t->steps + e->mstep0, e->nmsteps,
					      w->steps ? w->steps + s->mstep0 : NULL, s->nmsteps,
					      d) < 0)
			return -1;
	}
	return 0;
}

int guestrec_verify(const struct trace *t, const struct witness *w, const char *emulator,
		    struct diag *d)
{
	if (verify_log(t, w, emulator, d) < 0)
		return -1;
	return w->has_stops ? verify_stops(t, w, emulator, d) : 0;
}

void guestrec_verify_summary(const struct trace *t, const struct witness *w,
			     const char *emulator, char *buf, size_t len)
{
	const char *log = w->has_ip_cr3_cpl ? "QEMU -d int: vector, error code, cr2, eip, cpl, cr3"
			  : "Bochs debug report: vector, error code, cr2";
	bool pae = t->h.arch && t->h.arch->id == ARCH_X86_32_PAE;
	bool bochs = strcmp(emulator, "Bochs") == 0;
	char more[512];

	if (w->has_walks && bochs)
		snprintf(more, sizeof more, "; at each fault's entry Bochs's debugger showed the "
			 "same error code, cr2, eip, cpl and cr3, every entry of its walk and master "
			 "walk equals Bochs's physical memory there (xp), and Bochs's own "
			 "translation of cr2 (page) read the same entries%s", pae ? " (a pgd entry "
			 "as memory holds it; Bochs's translation starts from its PDPTE registers)"
			 : "");
	else if (w->has_walks)
		snprintf(more, sizeof more, "; at each fault's entry QEMU's gdbstub showed the same "
			 "error code, cr2, eip, cpl and cr3, and every entry of its walk and master "
			 "walk equals QEMU's physical memory there%s", pae ? " (a pgd entry as memory "
			 "holds it, not the PDPTE register)" : "");
	else if (w->has_ip_cr3_cpl)
		snprintf(more, sizeof more, "; walks not compared");
	else
		snprintf(more, sizeof more, "; not compared: eip (Bochs logs the next instruction), "
			 "cpl and cr3 (not in its log), walks");
	snprintf(buf, len, "%zu of %zu page faults match the %s log (%s), in order%s",
		 trace_fault_count(t), w->n, emulator, log, more);
}
