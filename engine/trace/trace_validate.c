/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_validate.c - a trace checked whole after loading (or building):
 * the header's ranges, the tables sorted and aligned, events in order with
 * their ranges following each other, every walk consistent with the arch
 * and with the entries' values at that event, every write's old value the
 * entry's, a sync's new value its master's; last the hardware's own walk
 * recomputed (trace_state.c). See trace_validate in trace.h.
 */
#include "trace/trace.h"
#include "trace/trace_calls.h"
#include "trace/trace_state.h"
#include "trace_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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
		if (!present || trace_entry_leaf(a, want, s->value))
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

/* A fault's user-walk under PTI (version 5): x86-64, a user-mode fault,
 * user-cr3 the kernel's cr3 with bit 12 set, and the same walk but for
 * the top table: the user copy's pgd entry equals the kernel copy's but
 * for NX (the kernel copy sets NX on user entries), and below the pgd both
 * copies share their tables (the same entries, the same values). */
static int check_user_walk(struct vstate *v, const struct trace_event *ev)
{
	const struct arch *a = v->t->h.arch;
	unsigned long long seq = (unsigned long long)ev->seq;

	if (a->id != ARCH_X86_64 && a->id != ARCH_X86_64_LA57)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: a user-walk (page-table isolation) is x86-64's only", seq);
	if (!trace_user_cr3(ev) || !ev->nusteps || ev->cpl != 3)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: user-cr3 and user-walk go together, on a user-mode fault", seq);
	if (ev->cr3 & TRACE_PTI_USER_BIT || trace_user_cr3(ev) != (ev->cr3 | TRACE_PTI_USER_BIT))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: user-cr3 0x%llx is not the kernel's cr3 0x%llx with bit 12 "
			   "(0x1000) set", seq, (unsigned long long)trace_user_cr3(ev),
			   (unsigned long long)ev->cr3);
	if (ev->nusteps != ev->nsteps)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: the user-walk has %u steps, the walk %u: the copies share "
			   "every table below the pgd", seq, ev->nusteps, ev->nsteps);
	for (uint32_t i = 0; i < ev->nusteps; i++) {
		const struct trace_step *u = &v->t->steps[ev->ustep0 + i];
		const struct trace_step *k = &v->t->steps[ev->step0 + i];
		bool ok = u->level == k->level && u->index == k->index;
		if (i == 0)
			ok = ok && u->table == walk_cr3_base(a, trace_user_cr3(ev)) &&
			     u->entry_pa == u->table + (uint64_t)u->index * 8 &&
			     (u->value & ~PTE_NX) == (k->value & ~PTE_NX);
		else
			ok = ok && u->table == k->table && u->entry_pa == k->entry_pa &&
			     u->value == k->value;
		if (!ok)
			return bad(v->d, v->path, u->line, u->col,
				   "event %llu: user-walk step %u: %s", seq, i + 1, i == 0
				   ? "the user copy's pgd entry must be read from user-cr3's table and "
				     "equal the kernel copy's but for NX (bit 63)"
				   : "below the pgd the copies share tables: the same entry as the walk's");
	}
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
	if ((ev->nusteps || trace_user_cr3(ev)) && check_user_walk(v, ev) < 0)
		return -1;
	if (v->t->h.arch->family == FAMILY_ARM64) {
		/* ESR's fault status: a translation fault (DFSC/IFSC 0x04-0x07)
		 * ends at an invalid descriptor; an access-flag (0x08-0x0b) or
		 * permission fault (0x0c-0x0f) reaches a valid page */
		unsigned fsc = ev->error_code & 0x3f;
		bool translation = fsc >= 0x04 && fsc <= 0x07;
		if (fsc < 0x04 || fsc > 0x0f)
			return bad(v->d, v->path, ev->line, ev->col,
				   "event %llu: ESR 0x%08x's fault status 0x%02x is not a translation, "
				   "access-flag or permission fault", (unsigned long long)ev->seq,
				   ev->error_code, fsc);
		if (present == translation)
			return bad(v->d, v->path, ev->line, ev->col,
				   "event %llu: ESR 0x%08x says %s fault, but the walk %s",
				   (unsigned long long)ev->seq, ev->error_code,
				   translation ? "a translation" : fsc < 0x0c ? "an access-flag" :
				   "a permission", present ? "reaches a valid page"
				   : "ends at an invalid descriptor");
		return 0;
	}
	if (!(ev->error_code & PF_RSVD) && present != !!(ev->error_code & PF_PROT))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: error code 0x%x says %s, but the walk %s",
			   (unsigned long long)ev->seq, ev->error_code,
			   (ev->error_code & PF_PROT) ? "protection violation" : "page not present",
			   present ? "reaches a present page" : "ends at a not-present entry");
	return 0;
}

/* A fault's route and outcome agree (both families). */
static int check_outcome(struct vstate *v, const struct trace_event *ev)
{
	static const enum trace_outcome want_out[] = {
		[FAULT_END_RETRY] = TRACE_OUT_RETRIED, [FAULT_END_SIGSEGV] = TRACE_OUT_SIGSEGV,
		[FAULT_END_OOPS] = TRACE_OUT_OOPS,
	};
	const struct fault_path_info *pi = fault_path_info(ev->path);
	enum trace_outcome want;

	if (!pi)
		return bad(v->d, v->path, ev->line, ev->col, "event %llu: no handler path",
			   (unsigned long long)ev->seq);
	want = want_out[pi->end];
	if (ev->outcome != want &&
	    !(want == TRACE_OUT_RETRIED && ev->outcome == TRACE_OUT_REFAULT))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: a %s fault ends in %s, not %s", (unsigned long long)ev->seq,
			   pi->name, trace_outcome_name(want),
			   ev->outcome ? trace_outcome_name(ev->outcome) : "nothing");
	return 0;
}

/* An arm64 fault (trace.h: vector 3 or 4, ESR, FAR, ELR, EL, the TTBR):
 * ESR's class is an instruction or data abort from the EL given, VA bit
 * 55 of FAR picks the base register named, a signal goes to EL0 only,
 * and the walk agrees with ESR's fault status. */
static int check_abort(struct vstate *v, const struct trace_event *ev)
{
	const struct arch *a = v->t->h.arch;
	unsigned long long seq = (unsigned long long)ev->seq;
	unsigned ec = ev->error_code >> 26;

	if (ec != 0x20 && ec != 0x21 && ec != 0x24 && ec != 0x25)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: ESR 0x%08x's class 0x%02x is not an instruction or data "
			   "abort (0x20, 0x21, 0x24, 0x25)", seq, ev->error_code, ec);
	if (ev->vector != (ec < 0x24 ? 3u : 4u))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: ESR 0x%08x is %s abort", seq, ev->error_code,
			   ec < 0x24 ? "an instruction" : "a data");
	if (ev->cpl > 1 || ev->cpl != (ec & 1))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: ESR 0x%08x's class 0x%02x is an abort from %s, but el is %u",
			   seq, ev->error_code, ec, ec & 1 ? "EL1" : "EL0", ev->cpl);
	if (ev->ttbr != ((ev->cr2 >> 55) & 1))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: far 0x%llx is translated by TTBR%u (VA bit 55), not TTBR%u",
			   seq, (unsigned long long)ev->cr2, (unsigned)((ev->cr2 >> 55) & 1), ev->ttbr);
	if (!arch_addr_canonical(a, ev->cr2) || !arch_addr_canonical(a, ev->ip))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: far or elr is not an address of %s's %u-bit halves", seq,
			   a->name, a->va_bits);
	if (check_outcome(v, ev) < 0)
		return -1;
	if ((ev->outcome == TRACE_OUT_SIGSEGV) != (ev->cpl == 0 && (ev->path == FAULT_PROTECTION ||
						      ev->path == FAULT_BAD_AREA)))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: only an abort from EL0 ends in sigsegv", seq);
	if (ev->path == FAULT_VMALLOC_SYNC)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: arm64 has no vmalloc sync (the kernel half is TTBR1's)", seq);
	return check_fault_walk(v, ev);
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

	if (h->arch->family == FAMILY_ARM64)
		return check_abort(v, ev);
	if (ev->vector != 14)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: vector %u is not a page fault (14)", seq, ev->vector);
	if (ev->path == FAULT_ACCESS_FLAG)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: x86 sets Accessed itself: only arm64 takes the route %s", seq,
			   fault_path_name(ev->path));
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
	    (size_t)ev->nmsteps > t->nsteps - v->nst - ev->nsteps ||
	    ev->ustep0 != ev->mstep0 + ev->nmsteps ||
	    (size_t)ev->nusteps > t->nsteps - v->nst - ev->nsteps - ev->nmsteps)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: its ranges are out of order", seq);
	v->nst += ev->nsteps + ev->nmsteps + ev->nusteps;
	v->nwr += ev->nwrites;
	v->nfr += ev->nframes;
	v->nca += ev->ncalls;
	if (ev->kind != TRACE_FAULT && (ev->nsteps || ev->nmsteps || ev->nusteps))
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

/* The fault a flush came in, if any: an earlier fault of the same process. */
static int flush_in_fault(struct vstate *v, const struct trace_event *ev)
{
	const struct trace_event *f = NULL;

	if (!ev->x->in_fault)
		return 0;
	for (const struct trace_event *p = ev; p > v->t->events; ) {
		p--;
		if (p->seq == ev->x->in_fault) {
			f = p;
			break;
		}
	}
	if (!f || f->kind != TRACE_FAULT || f->pid != ev->pid)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: in-fault %llu is not an earlier fault of pid %u",
			   (unsigned long long)ev->seq, (unsigned long long)ev->x->in_fault, ev->pid);
	return 0;
}

/* A flush by a cr3 write (x86, Linux 6.1 arch/x86/mm/tlb.c): by a function
 * that writes cr3; both values table bases of the arch (what walks start
 * from: no PCID or flag bits). Only the context-switch code says switch,
 * exec (another table) or reload (the same one); it may also carry out a
 * flush (a lazy CPU leaving for init_mm's table: the flush's reason,
 * another table). The others carry out a flush by writing back the cr3
 * they read. */
static int validate_cr3_write(struct vstate *v, const struct trace_event *ev)
{
	const struct arch *a = v->t->h.arch;
	unsigned long long seq = (unsigned long long)ev->seq;
	const char *fn = ev->x->flush_fn;
	enum trace_flush_reason r = ev->x->reason;
	bool same;

	if (!trace_cr3_writer(fn))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: %s writes no cr3 (load_new_mm_cr3, switch_mm_irqs_off, "
			   "native_flush_tlb_local and initialize_tlbstate_and_flush do)", seq, fn);
	for (int k = 0; k < 2; k++) {
		uint64_t c = k ? ev->x->old_cr3 : ev->cr3;
		if (c & ~v->pmask || walk_cr3_base(a, c) != c)
			return bad(v->d, v->path, ev->line, ev->col,
				   "event %llu: %s 0x%llx is not a table base of %s (%s-aligned, "
				   "%u bits)", seq, k ? "old-cr3" : "cr3", (unsigned long long)c,
				   a->name, a->id == ARCH_X86_32_PAE ? "32-byte" : "page", a->pa_bits);
	}
	if (r >= TRACE_FLUSH_SWITCH && !trace_cr3_switcher(fn))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: reason %s is the context switch's (load_new_mm_cr3, "
			   "switch_mm_irqs_off), not %s's", seq, trace_flush_reason_name(r), fn);
	same = r == TRACE_FLUSH_RELOAD || !trace_cr3_switcher(fn);
	if ((ev->cr3 == ev->x->old_cr3) != same)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: %s writes cr3 0x%llx over 0x%llx: %s", seq, fn,
			   (unsigned long long)ev->cr3, (unsigned long long)ev->x->old_cr3,
			   same ? "it writes back the cr3 it read"
				: "only a reload loads the same table again");
	return 0;
}

/* A flush event (version 5): its function and callers are function names,
 * its range a range of the process's addresses (or all of them), and the
 * fault it came in, if any, an earlier fault of the same process. */
static int validate_flush(struct vstate *v, const struct trace_event *ev)
{
	const struct arch *a = v->t->h.arch;
	unsigned long long seq = (unsigned long long)ev->seq;

	if (!ev->x || !ev->x->flush_fn || !trace_fn_ok(ev->x->flush_fn))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: a flush names the function that flushed (flush: NAME)", seq);
	if (ev->x->via && !trace_chain_ok(ev->x->via))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: via must be function names joined by \" > \"", seq);
	if (ev->x->cr3_write)
		return validate_cr3_write(v, ev) < 0 ? -1 : flush_in_fault(v, ev);
	if (ev->x->reason >= TRACE_FLUSH_SWITCH)
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: reason %s is a cr3 write's (old-cr3, cr3)", seq,
			   trace_flush_reason_name(ev->x->reason));
	if (trace_cr3_writer(ev->x->flush_fn))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: %s flushes by writing cr3: say old-cr3 and cr3, not a range",
			   seq, ev->x->flush_fn);
	if (!arch_addr_canonical(a, ev->x->start) ||
	    (ev->x->end != TRACE_FLUSH_ALL && (ev->x->end <= ev->x->start ||
					     !arch_addr_canonical(a, ev->x->end - 1))))
		return bad(v->d, v->path, ev->line, ev->col,
			   "event %llu: flush range 0x%llx-0x%llx is no range of %s addresses "
			   "(end above start, or 0x%llx for all)", seq,
			   (unsigned long long)ev->x->start, (unsigned long long)ev->x->end, a->name,
			   (unsigned long long)TRACE_FLUSH_ALL);
	return flush_in_fault(v, ev);
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
		if (v->t->h.arch->family == FAMILY_ARM64)
			return ev->ttbr == 0 ? 0 : bad(v->d, v->path, ev->line, ev->col,
				"event %llu: a switch loads TTBR0 (TTBR1 is the kernel's)", seq);
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
	case TRACE_FLUSH:
		return validate_flush(v, ev);
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

