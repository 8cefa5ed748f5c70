/* SPDX-License-Identifier: GPL-2.0-only */
/* replay.c - the replay cursor: events cut into stages, moved anywhere
 * through the trace_state cursor (O(1) moves). */
#include "trace/replay.h"
#include "trace/trace_calls.h"
#include "trace/trace_state.h"
#include "util/array.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct replay {
	const struct trace *t;
	struct trace_state *st;     /* kept before the current event */
	size_t ev, stage;
	struct replay_stage *stages;
	size_t nstages, cap;
	struct walk walk, retry, uwalk;
	/* fault events by mark: sorted event indices */
	size_t *marks[RM_COUNT];
	size_t nmarks[RM_COUNT];
};

enum replay_mark replay_mark_of(const struct trace_event *ev)
{
	if (ev->kind != TRACE_FAULT)
		return RM_NONE;
	switch (ev->path) {
	case FAULT_ZERO_PAGE:
	case FAULT_NEW_PAGE:
	case FAULT_COW:
	case FAULT_HUGE_ZERO:
	case FAULT_HUGE_NEW:
	case FAULT_ACCESS_FLAG:
	case FAULT_FILE_PAGE: return RM_DEMAND;
	case FAULT_VMALLOC_SYNC: return RM_VMALLOC;
	case FAULT_PROTECTION:
	case FAULT_BAD_AREA: return RM_BAD_AREA;
	case FAULT_OOPS: return RM_OOPS;
	default: return RM_NONE;
	}
}

static int push(struct replay *r, enum replay_stage_kind k, int arg)
{
	struct replay_stage *s = array_grow(r->stages, &r->cap, r->nstages + 1, sizeof *s, 32);

	if (!s)
		return -1;
	r->stages = s;
	r->stages[r->nstages++] = (struct replay_stage){ k, arg };
	return 0;
}

/* The writes of event ev as stages: a copy then the write for a sync. */
static int push_writes(struct replay *r, const struct trace_event *ev, bool sync_only,
		       bool skip_sync)
{
	for (uint32_t j = 0; j < ev->nwrites; j++) {
		bool sync = r->t->writes[ev->write0 + j].from != TRACE_NO_ADDR;
		if ((sync_only && !sync) || (skip_sync && sync))
			continue;
		if (sync && (push(r, RS_PATH, RC_SET_PMD) < 0 || push(r, RS_COPY, (int)j) < 0))
			return -1;
		if (push(r, RS_WRITE, (int)j) < 0)
			return -1;
	}
	return 0;
}

/* A demand fault's writes: the ones above the pte level (handle_mm_fault's
 * new page table: the entry that now points at it) when upper, else the
 * rest (do_anonymous_page's or do_wp_page's pte). An entry written by the
 * event that a later write of the same event writes into is upper. */
static int push_writes_level(struct replay *r, const struct trace_event *ev, bool upper)
{
	const struct trace_write *w = r->t->writes + ev->write0;

	for (uint32_t j = 0; j < ev->nwrites; j++) {
		bool is_upper = false;
		for (uint32_t i = 0; i < ev->nwrites; i++)
			if (i != j && walk_entry_addr(r->t->h.arch, w[j].new_value) ==
			    (w[i].pa & ~(uint64_t)0xfff) && (w[j].new_value & PTE_P))
				is_upper = true;
		if (is_upper == upper && push(r, RS_WRITE, (int)j) < 0)
			return -1;
	}
	return 0;
}

/* A fault's recorded call chain: one stage per frame, each write (a copy
 * before a synced entry's write) right after the frame that wrote it
 * (format 4: the write's call), or, when the trace does not say, all of
 * them after the deepest frame. */
static int push_calls(struct replay *r, const struct trace_event *ev)
{
	size_t deep = trace_calls_deepest(r->t, ev) - ev->call0;

	for (uint32_t i = 0; i < ev->ncalls; i++) {
		if (push(r, RS_CALL, (int)i) < 0)
			return -1;
		for (uint32_t j = 0; j < ev->nwrites; j++) {
			const struct trace_write *w = &r->t->writes[ev->write0 + j];
			bool sync = w->from != TRACE_NO_ADDR;
			if (w->call == TRACE_NO_CALL ? i != deep : w->call != i)
				continue;
			if ((sync && push(r, RS_COPY, (int)j) < 0) || push(r, RS_WRITE, (int)j) < 0)
				return -1;
		}
	}
	return 0;
}

/* Cut event k into stages (r->stages). */
static int build_stages(struct replay *r, size_t k)
{
	const struct trace_event *ev = &r->t->events[k];
	bool kernel_addr, sync_try;
	int rc = 0;

	r->nstages = 0;
	if (ev->kind != TRACE_FAULT) {
		if (push(r, RS_EVENT, 0) < 0)
			return -1;
		return push_writes(r, ev, false, false);
	}
	kernel_addr = ev->cr2 >= r->t->h.task_size;
	/* arm64: the kernel half is TTBR1's, shared: nothing to sync */
	sync_try = kernel_addr && r->t->h.arch->family != FAMILY_ARM64 &&
		   !(ev->error_code & (PF_RSVD | PF_USER | PF_PROT));
	rc |= push(r, RS_ACCESS, 0);
	for (int i = 0; i < r->walk.nsteps; i++)
		rc |= push(r, RS_WALK, i);
	rc |= push(r, RS_FAULTED, 0);
	if (r->uwalk.nsteps) {   /* PTI: the two cr3s, the two pgd entries, why two */
		rc |= push(r, RS_USER_WALK, 0);
		rc |= push(r, RS_USER_WALK, 1);
		for (int i = 0; ev->x && ev->x->ntops && i < 3; i++)   /* the kernel half of both */
			rc |= push(r, RS_USER_TOP, i);
		rc |= push(r, RS_USER_WALK, 2);
	}
	if (replay_has_calls(ev)) {   /* what Linux ran, not our guest's route */
		rc |= push_calls(r, ev);
		goto end;
	}
	rc |= push(r, RS_PATH, RC_ENTRY);
	rc |= push(r, RS_PATH, RC_KERNEL_TEST);
	if (rc)
		return -1;
	switch (ev->path) {
	case FAULT_VMALLOC_SYNC:
		rc |= push(r, RS_PATH, RC_VMALLOC_FAULT);
		rc |= push(r, RS_PATH, RC_SYNC_ONE);
		rc |= push_writes(r, ev, true, false);
		rc |= push_writes(r, ev, false, true);
		rc |= push(r, RS_PATH, RC_SYNC_PTE);
		break;
	case FAULT_ZERO_PAGE:
	case FAULT_NEW_PAGE:
	case FAULT_COW:
		rc |= push(r, RS_PATH, RC_FIND_VMA);
		rc |= push(r, RS_PATH, RC_HANDLE_MM);
		/* handle_mm_fault's own writes (a new page table) come first */
		rc |= push_writes_level(r, ev, true);
		rc |= push(r, RS_PATH, ev->path == FAULT_COW ? RC_WP_PAGE : RC_ANON_PAGE);
		rc |= push_writes_level(r, ev, false);
		break;
	case FAULT_HUGE_ZERO:   /* Linux's only, as do_fault */
	case FAULT_HUGE_NEW:
	case FAULT_ACCESS_FLAG: /* arm64: no code point of our guest either */
	case FAULT_FILE_PAGE:   /* no code point of our guest: its writes */
		rc |= push(r, RS_PATH, RC_FIND_VMA);
		rc |= push(r, RS_PATH, RC_HANDLE_MM);
		rc |= push_writes(r, ev, false, false);
		break;
	case FAULT_PROTECTION:
	case FAULT_BAD_AREA:
		if (!kernel_addr)
			rc |= push(r, RS_PATH, RC_FIND_VMA);
		rc |= push(r, RS_PATH, RC_BAD_AREA);
		rc |= push_writes(r, ev, false, false);
		break;
	case FAULT_OOPS:
	default:
		if (sync_try) {
			rc |= push(r, RS_PATH, RC_VMALLOC_FAULT);
			rc |= push(r, RS_PATH, RC_SYNC_ONE);
		} else if (!kernel_addr) {
			rc |= push(r, RS_PATH, RC_FIND_VMA);
		}
		rc |= push_writes(r, ev, false, false);
		rc |= push(r, RS_PATH, RC_NO_CONTEXT);
		break;
	}
end:
	rc |= push(r, ev->outcome == TRACE_OUT_RETRIED || ev->outcome == TRACE_OUT_REFAULT
		     ? RS_RETRY : RS_END, 0);
	return rc ? -1 : 0;
}

/* Make k the current event: walks, stages, state before it. */
static int load_event(struct replay *r, size_t k)
{
	const struct trace_event *ev = &r->t->events[k];

	memset(&r->walk, 0, sizeof r->walk);
	memset(&r->retry, 0, sizeof r->retry);
	memset(&r->uwalk, 0, sizeof r->uwalk);
	r->walk.fail = r->retry.fail = r->uwalk.fail = -1;
	if (ev->kind == TRACE_FAULT) {
		trace_walk_recorded(r->t, k, &r->walk);
		if (ev->nusteps)
			trace_walk_recorded_user(r->t, k, &r->uwalk);
		if (trace_walk_retry(r->st, k, &r->retry) < 0)
			return -1;
	}
	if (trace_state_at(r->st, k, TRACE_BEFORE) < 0)
		return -1;
	r->ev = k;
	return build_stages(r, k);
}

static int add_mark(struct replay *r, enum replay_mark m, size_t k, size_t *cap)
{
	size_t *p = array_grow(r->marks[m], &cap[m], r->nmarks[m] + 1, sizeof *p, 64);

	if (!p)
		return -1;
	r->marks[m] = p;
	r->marks[m][r->nmarks[m]++] = k;
	return 0;
}

struct replay *replay_new(const struct trace *t)
{
	struct replay *r;
	size_t cap[RM_COUNT] = { 0 };

	if (!t->nevents)
		return NULL;
	r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->t = t;
	r->st = trace_state_new(t);
	if (!r->st)
		goto fail;
	for (size_t k = 0; k < t->nevents; k++) {
		enum replay_mark m = replay_mark_of(&t->events[k]);
		if (m != RM_NONE && add_mark(r, m, k, cap) < 0)
			goto fail;
	}
	if (load_event(r, 0) < 0)
		goto fail;
	return r;
fail:
	replay_free(r);
	return NULL;
}

void replay_free(struct replay *r)
{
	if (!r)
		return;
	trace_state_free(r->st);
	free(r->stages);
	for (int m = 0; m < RM_COUNT; m++)
		free(r->marks[m]);
	free(r);
}

const struct trace *replay_trace(const struct replay *r) { return r->t; }
size_t replay_event(const struct replay *r) { return r->ev; }
size_t replay_stage(const struct replay *r) { return r->stage; }

const struct replay_stage *replay_stages(const struct replay *r, size_t *n)
{
	*n = r->nstages;
	return r->stages;
}

const struct replay_stage *replay_cur(const struct replay *r)
{
	return &r->stages[r->stage];
}

int replay_seek(struct replay *r, size_t k, size_t stage)
{
	if (k >= r->t->nevents)
		return -1;
	if (k != r->ev || !r->nstages) {
		if (load_event(r, k) < 0) {
			r->nstages = 0;
			r->stage = 0;
			(void)load_event(r, 0);
			return -1;
		}
	}
	r->stage = stage >= r->nstages ? r->nstages - 1 : stage;
	return 0;
}

int replay_step(struct replay *r, int dir)
{
	if (dir > 0) {
		if (r->stage + 1 < r->nstages) {
			r->stage++;
			return 0;
		}
		return r->ev + 1 < r->t->nevents ? replay_seek(r, r->ev + 1, 0) : -1;
	}
	if (r->stage > 0) {
		r->stage--;
		return 0;
	}
	return r->ev > 0 ? replay_seek(r, r->ev - 1, REPLAY_LAST) : -1;
}

int replay_step_event(struct replay *r, int dir)
{
	if (dir > 0)
		return r->ev + 1 < r->t->nevents ? replay_seek(r, r->ev + 1, 0) : -1;
	if (r->stage > 0) {
		r->stage = 0;
		return 0;
	}
	return r->ev > 0 ? replay_seek(r, r->ev - 1, 0) : -1;
}

/* The first index in the sorted a[0..n) greater than k (n when none). */
static size_t upper(const size_t *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long replay_mark_next(const struct replay *r, enum replay_mark m, size_t k, int dir)
{
	size_t i;

	if (m <= RM_NONE || m >= RM_COUNT || !r->nmarks[m])
		return -1;
	if (dir > 0) {
		i = upper(r->marks[m], r->nmarks[m], k);
		return i < r->nmarks[m] ? (long)r->marks[m][i] : -1;
	}
	/* last index < k */
	i = upper(r->marks[m], r->nmarks[m], k ? k - 1 : 0);
	if (!k || i == 0)
		return -1;
	return r->marks[m][i - 1] < k ? (long)r->marks[m][i - 1] : -1;
}

int replay_step_marker(struct replay *r, int dir)
{
	enum replay_mark cur = replay_mark_of(&r->t->events[r->ev]);
	long best = -1;

	/* the nearest fault of another kind than the current event's (any
	 * kind from an event that is not a fault) */
	for (int m = RM_NONE + 1; m < RM_COUNT; m++) {
		long k = m == (int)cur ? -1 : replay_mark_next(r, (enum replay_mark)m, r->ev, dir);
		if (k >= 0 && (best < 0 || (dir > 0 ? k < best : k > best)))
			best = k;
	}
	if (best < 0)
		return -1;
	return replay_seek(r, (size_t)best, 0);
}

size_t replay_marks(const struct replay *r, enum replay_mark m, const size_t **events)
{
	if (m <= RM_NONE || m >= RM_COUNT) {
		*events = NULL;
		return 0;
	}
	*events = r->marks[m];
	return r->nmarks[m];
}

bool replay_mark_in(const struct replay *r, enum replay_mark m, size_t k0, size_t k1)
{
	size_t i;

	if (m <= RM_NONE || m >= RM_COUNT || !r->nmarks[m] || k1 <= k0)
		return false;
	i = k0 ? upper(r->marks[m], r->nmarks[m], k0 - 1) : 0;
	return i < r->nmarks[m] && r->marks[m][i] < k1;
}

/* ---- search ---- */

static bool word_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return !*a && !*b;
}

/* The route (or do_page_fault branch) word q names, any case: -1 when none. */
static int route_of(const char *q, bool branch)
{
	char low[64];
	size_t i;

	for (i = 0; q[i] && i + 1 < sizeof low; i++)
		low[i] = (char)tolower((unsigned char)q[i]);
	low[i] = '\0';
	return branch ? fault_branch_parse(low) : fault_path_parse(low);
}

static bool contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return false;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] &&
		       tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* An address query: 0x followed by hex digits only. */
static bool parse_addr(const char *q, uint64_t *out)
{
	uint64_t v = 0;
	int n = 0;

	if (q[0] != '0' || (q[1] != 'x' && q[1] != 'X'))
		return false;
	for (q += 2; *q; q++, n++) {
		int c = tolower((unsigned char)*q);
		if (n >= 16 || !isxdigit(c))
			return false;
		v = v * 16 + (uint64_t)(isdigit(c) ? c - '0' : c - 'a' + 10);
	}
	*out = v;
	return n > 0;
}

/* Is q a word naming a kind, path or outcome (then notes are not searched)? */
static bool kind_word(const char *q)
{
	static const char *const words[] = { "sync", "cow", "zero", "protection" };

	for (int k = 0; k < TRACE_KIND_COUNT; k++)
		if (word_eq(q, trace_kind_name((enum trace_kind)k)))
			return true;
	if (route_of(q, false) >= 0 || route_of(q, true) >= 0)
		return true;
	for (int o = TRACE_OUT_NONE + 1; o < TRACE_OUT_COUNT; o++)
		if (word_eq(q, trace_outcome_name((enum trace_outcome)o)))
			return true;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (word_eq(q, words[i]))
			return true;
	return false;
}

/* Did ev's handler go through function q (any case)? */
static bool call_named(const struct trace *t, const struct trace_event *ev, const char *q)
{
	for (uint32_t i = 0; i < ev->ncalls; i++) {
		char fn[128];
		replay_call_base(t->calls[ev->call0 + i].fn, fn, sizeof fn);
		if (word_eq(q, fn))
			return true;
	}
	return false;
}

/* A program's fault (format 5) whose place ("prog.c:12 main()") or system
 * call holds query. */
static bool program_named(const struct trace *t, const struct trace_event *ev, const char *query)
{
	char place[300];

	const struct trace_place *pl = trace_place_of(t, ev);

	if (!pl->has)
		return false;
	trace_event_place(t, ev, place, sizeof place);
	return contains_ci(place, query) || (pl->syscall && contains_ci(pl->syscall, query));
}

bool replay_match(const struct replay *r, size_t k, const char *query)
{
	const struct trace *t = r->t;
	const struct trace_event *ev;
	uint64_t a;

	if (k >= t->nevents || !query || !*query)
		return false;
	ev = &t->events[k];
	if (parse_addr(query, &a)) {
		uint64_t page = ~(uint64_t)((1u << t->h.arch->page_shift) - 1);
		if (ev->kind == TRACE_FAULT && (ev->cr2 & page) == (a & page))
			return true;
		if ((ev->kind == TRACE_FAULT || ev->kind == TRACE_SWITCH) && ev->cr3 == a)
			return true;
		for (uint32_t j = 0; j < ev->nwrites; j++) {
			const struct trace_write *w = &t->writes[ev->write0 + j];
			if (w->pa == a || w->from == a)
				return true;
		}
		return false;
	}
	if (!kind_word(query))
		return (ev->note && contains_ci(ev->note, query)) || call_named(t, ev, query) ||
		       program_named(t, ev, query);
	if (word_eq(query, trace_kind_name(ev->kind)))
		return true;
	if (ev->kind == TRACE_FAULT) {
		const struct fault_path_info *pi = fault_path_info(ev->path);
		if (word_eq(query, pi->name) || route_of(query, true) == (int)pi->branch ||
		    (ev->path == FAULT_VMALLOC_SYNC && word_eq(query, "sync")) ||
		    (ev->path == FAULT_COW && word_eq(query, "cow")) ||
		    (ev->path == FAULT_ZERO_PAGE && word_eq(query, "zero")) ||
		    (ev->path == FAULT_PROTECTION && word_eq(query, "protection")))
			return true;
		if (ev->outcome != TRACE_OUT_NONE && word_eq(query, trace_outcome_name(ev->outcome)))
			return true;
	}
	return false;
}

long replay_search(const struct replay *r, const char *query, int dir)
{
	size_t n = r->t->nevents;

	for (size_t i = 1; i <= n; i++) {
		size_t k = dir > 0 ? (r->ev + i) % n : (r->ev + n - i % n) % n;
		if (replay_match(r, k, query))
			return (long)k;
	}
	return -1;
}

size_t replay_search_count(const struct replay *r, const char *query, size_t *index)
{
	size_t n = 0;

	*index = 0;
	for (size_t k = 0; k < r->t->nevents; k++)
		if (replay_match(r, k, query)) {
			n++;
			if (k == r->ev)
				*index = n;
		}
	return n;
}

/* ---- what the stage shows ---- */

const struct walk *replay_walk(const struct replay *r) { return &r->walk; }
const struct walk *replay_user_walk(const struct replay *r) { return &r->uwalk; }
const struct walk *replay_retry_walk(const struct replay *r) { return &r->retry; }

size_t replay_applied(const struct replay *r)
{
	size_t n = 0;

	/* Writes are applied in stage order (syncs first): count the write
	 * stages passed, the current one included. */
	for (size_t i = 0; i <= r->stage && i < r->nstages; i++)
		if (r->stages[i].kind == RS_WRITE)
			n++;
	return n;
}

bool replay_entry(const struct replay *r, uint64_t pa, uint64_t *value)
{
	const struct trace_event *ev = &r->t->events[r->ev];
	bool known = trace_state_entry(r->st, pa, value);

	/* apply the write stages passed so far, in stage order */
	for (size_t i = 0; i <= r->stage && i < r->nstages; i++) {
		const struct trace_write *w;
		if (r->stages[i].kind != RS_WRITE)
			continue;
		w = &r->t->writes[ev->write0 + (uint32_t)r->stages[i].arg];
		if (w->pa == pa) {
			*value = w->new_value;
			known = true;
		}
	}
	return known;
}

enum replay_code replay_code_now(const struct replay *r)
{
	for (size_t i = r->stage + 1; i-- > 0;)
		if (r->stages[i].kind == RS_PATH)
			return (enum replay_code)r->stages[i].arg;
	return RC_COUNT;
}

int replay_sync_write(const struct replay *r)
{
	const struct trace_event *ev = &r->t->events[r->ev];

	for (uint32_t j = 0; j < ev->nwrites; j++)
		if (r->t->writes[ev->write0 + j].from != TRACE_NO_ADDR)
			return (int)j;
	return -1;
}
