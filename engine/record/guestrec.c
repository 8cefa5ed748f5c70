/* SPDX-License-Identifier: GPL-2.0-only */
/* guestrec.c - the guest's records -> a trace; the emulator's log -> a witness.
 *
 * The guest prints one record per line, "tag key=value ...". A fault is the
 * records from "fault n=K" to "done n=K": its walk through the current table
 * ("walk tbl=cur"), for vmalloc_fault the walk through the master table
 * ("walk tbl=master"), the handler's decisions, entry writes ("set"), the
 * master entry a sync copied ("sync"), frames taken ("alloc"); "retry n=K"
 * later says how the retried access went. Writes and allocations outside a
 * fault become map events; scenario steps, processes, vmas, vmalloc and
 * pgd_alloc copies become notes; a new process running becomes a switch.
 *
 * The recorder tracks every entry's last known value. When a walk (or a
 * write's old value) shows an entry differing from it only by A or D being
 * set, the CPU did that: an "accessed" event before the fault says so.
 * Any other difference is a contradiction and fails the parse.
 */
#include "record/guestrec.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXKV 24
#define MAXLINE 600
#define MAXPIDS 256
#define PEND_MAX 64

struct rec {
	const char *tag;
	const char *key[MAXKV], *val[MAXKV];
	int n;
	char buf[MAXLINE];
};

/* pa -> last known value, open addressing. */
struct emap {
	uint64_t *pa, *val;
	unsigned char *used;
	size_t cap, n;
};

struct pend_step { enum level lv; uint64_t table, entry, value; uint32_t index; };
struct pend_write { uint64_t pa, old, nw, from; };

struct gr {
	struct trace *t;
	const char *name;
	struct diag *d;
	int line;
	struct emap st;
	/* the fault being read */
	bool in_fault;
	unsigned fault_n, nfaults;
	struct trace_event f;
	struct pend_step cur[LEVEL_COUNT], mst[LEVEL_COUNT];
	int ncur, nmst;
	struct pend_write wr[PEND_MAX];
	int nwr;
	uint64_t fr[PEND_MAX];
	int nfr;
	bool decided_vmalloc, decided_mm;
	/* the fault whose retry is awaited: event index + 1, or 0 */
	size_t retry_ev;
	unsigned retry_n;
	bool map_open;
	size_t ad_ev;           /* events in the trace when "ad" records last
				 * made an accessed event (0: none open) */
	unsigned ctx_pid, running_pid;
	uint64_t pgd_of[MAXPIDS];
	bool begun, ended;
};

static int fail(struct gr *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct gr *g, const char *fmt, ...)
{
	char msg[400], *safe;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Messages quote record values: escape them like any text from a file. */
	safe = text_escape(msg, strlen(msg), false);
	diag_set(g->d, g->name, g->line, 0, "%s", safe ? safe : "out of memory");
	free(safe);
	return -1;
}

/* ---- entry map ---- */

static size_t ehash(uint64_t pa, size_t cap)
{
	return (size_t)((pa * 0x9e3779b97f4a7c15ULL) >> 17) & (cap - 1);
}

static int emap_put(struct emap *m, uint64_t pa, uint64_t v)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct emap nm = { 0 };
		nm.cap = m->cap ? m->cap * 2 : 256;
		nm.pa = malloc(nm.cap * sizeof *nm.pa);
		nm.val = malloc(nm.cap * sizeof *nm.val);
		nm.used = calloc(nm.cap, 1);
		if (!nm.pa || !nm.val || !nm.used) {
			free(nm.pa);
			free(nm.val);
			free(nm.used);
			return -1;
		}
		for (size_t j = 0; j < m->cap; j++)
			if (m->used[j]) {
				size_t k = ehash(m->pa[j], nm.cap);
				while (nm.used[k])
					k = (k + 1) & (nm.cap - 1);
				nm.used[k] = 1;
				nm.pa[k] = m->pa[j];
				nm.val[k] = m->val[j];
			}
		nm.n = m->n;
		free(m->pa);
		free(m->val);
		free(m->used);
		*m = nm;
	}
	i = ehash(pa, m->cap);
	while (m->used[i] && m->pa[i] != pa)
		i = (i + 1) & (m->cap - 1);
	if (!m->used[i]) {
		m->used[i] = 1;
		m->pa[i] = pa;
		m->n++;
	}
	m->val[i] = v;
	return 0;
}

static bool emap_get(const struct emap *m, uint64_t pa, uint64_t *v)
{
	size_t i;

	if (!m->cap)
		return false;
	i = ehash(pa, m->cap);
	while (m->used[i]) {
		if (m->pa[i] == pa) {
			*v = m->val[i];
			return true;
		}
		i = (i + 1) & (m->cap - 1);
	}
	return false;
}

static void emap_free(struct emap *m)
{
	free(m->pa);
	free(m->val);
	free(m->used);
}

/* ---- records ---- */

/* Split a line into tag and key=value words. Returns 0, or -1 when the
 * line is not shaped like a record. */
static int rec_split(const char *line, size_t len, struct rec *r)
{
	char *p;

	if (len >= MAXLINE)
		return -1;
	memcpy(r->buf, line, len);
	r->buf[len] = 0;
	r->n = 0;
	p = r->buf;
	r->tag = p;
	while (*p && *p != ' ')
		p++;
	while (*p == ' ') {
		*p++ = 0;
		if (!*p)
			break;
		if (r->n == MAXKV)
			return -1;
		r->key[r->n] = p;
		while (*p && *p != ' ' && *p != '=')
			p++;
		if (*p != '=')
			return -1;
		*p++ = 0;
		r->val[r->n++] = p;
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}

static const char *kv(const struct rec *r, const char *key)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->key[i], key) == 0)
			return r->val[i];
	return NULL;
}

static int need_str(struct gr *g, const struct rec *r, const char *key, const char **out)
{
	*out = kv(r, key);
	if (!*out)
		return fail(g, "\"%s\" record without %s=", r->tag, key);
	return 0;
}

static int need_num(struct gr *g, const struct rec *r, const char *key, int base, uint64_t *out)
{
	const char *v = kv(r, key);
	char *end;

	if (!v)
		return fail(g, "\"%s\" record without %s=", r->tag, key);
	if (!*v || *v == '-' || *v == '+' || *v == ' ')
		return fail(g, "\"%s\" record: %s=%s is not a number", r->tag, key, v);
	*out = strtoull(v, &end, base);
	if (*end)
		return fail(g, "\"%s\" record: %s=%s is not a number", r->tag, key, v);
	return 0;
}

static int note(struct gr *g, unsigned pid, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int note(struct gr *g, unsigned pid, const char *fmt, ...)
{
	char buf[300];
	struct trace_event *e;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	g->map_open = false;
	e = trace_add_event(g->t, TRACE_NOTE);
	if (!e || trace_set_text(&e->note, buf) < 0)
		return fail(g, "out of memory");
	e->pid = pid;
	return 0;
}

/* Compare what the guest shows at pa with the last known value; record a
 * CPU A/D update in acc (n entries). Unknown entries become known. */
static int observe(struct gr *g, uint64_t pa, uint64_t v, struct pend_write *acc, int *nacc,
		   const char *what)
{
	uint64_t known;

	if (emap_get(&g->st, pa, &known) && known != v) {
		if (((known ^ v) & ~(PTE_A | PTE_D)) || (known & ~v))
			return fail(g, "%s shows 0x%llx at 0x%llx, but the guest last wrote 0x%llx there",
				    what, (unsigned long long)v, (unsigned long long)pa,
				    (unsigned long long)known);
		for (int i = 0; i < *nacc; i++)
			if (acc[i].pa == pa)
				return fail(g, "entry 0x%llx changes twice by itself", (unsigned long long)pa);
		if (*nacc == PEND_MAX)
			return fail(g, "too many entries at once");
		acc[(*nacc)++] = (struct pend_write){ pa, known, v, TRACE_NO_ADDR };
	}
	if (emap_put(&g->st, pa, v) < 0)
		return fail(g, "out of memory");
	return 0;
}

static int add_accessed(struct gr *g, unsigned pid, const struct pend_write *acc, int nacc)
{
	struct trace_event *e;

	if (!nacc)
		return 0;
	g->map_open = false;
	e = trace_add_event(g->t, TRACE_ACCESSED);
	if (!e)
		return fail(g, "out of memory");
	e->pid = pid;
	for (int i = 0; i < nacc; i++)
		if (trace_add_write(g->t, acc[i].pa, acc[i].old, acc[i].nw, TRACE_NO_ADDR) < 0)
			return fail(g, "out of memory");
	return 0;
}

/* The done record's result= and how=: the fault's outcome and handler path. */
static int done_route(struct gr *g, const char *res, const char *how)
{
	if (strcmp(res, "fixed") == 0) {
		g->f.outcome = TRACE_OUT_RETRIED;
		if (g->decided_vmalloc)
			g->f.path = FAULT_VMALLOC_SYNC;
		else if (!g->decided_mm)
			return fail(g, "fault %u fixed without a decision", g->fault_n);
		else if (strcmp(how, "anon_zero_page") == 0)
			g->f.path = FAULT_ZERO_PAGE;
		else if (strcmp(how, "anon_new_page") == 0)
			g->f.path = FAULT_NEW_PAGE;
		else if (strcmp(how, "wp_copy") == 0)
			g->f.path = FAULT_COW;
		else
			return fail(g, "fault %u: handle_mm_fault fixed it as how=%s, a route "
				    "this recorder does not know", g->fault_n, how);
	} else if (strcmp(res, "sigsegv") == 0) {
		g->f.outcome = TRACE_OUT_SIGSEGV;
		/* access_error: a vma that does not allow the access */
		g->f.path = strncmp(how, "vma_not_", 8) == 0 || strcmp(how, "read_protection") == 0
			    ? FAULT_PROTECTION : FAULT_BAD_AREA;
	} else if (strcmp(res, "oops") == 0) {
		g->f.outcome = TRACE_OUT_OOPS;
		g->f.path = FAULT_OOPS;
	} else {
		return fail(g, "done: unknown result=%s", res);
	}
	return 0;
}

/* "done n=K": the fault is complete; emit [accessed] + fault. */
static int fault_end(struct gr *g, const struct rec *r)
{
	struct pend_write acc[PEND_MAX];
	int nacc = 0;
	const char *res, *how;
	struct trace_event *e;
	uint64_t n;

	if (need_num(g, r, "n", 10, &n) < 0 || need_str(g, r, "result", &res) < 0 ||
	    need_str(g, r, "how", &how) < 0)
		return -1;
	if (!g->in_fault || n != g->fault_n)
		return fail(g, "\"done n=%llu\" without its fault", (unsigned long long)n);
	if (done_route(g, res, how) < 0)
		return -1;
	if (!g->ncur)
		return fail(g, "fault %u has no walk records", g->fault_n);
	for (int i = 0; i < g->ncur; i++)
		if (observe(g, g->cur[i].entry, g->cur[i].value, acc, &nacc, "the walk") < 0)
			return -1;
	for (int i = 0; i < g->nmst; i++)
		if (observe(g, g->mst[i].entry, g->mst[i].value, acc, &nacc, "the master walk") < 0)
			return -1;
	for (int i = 0; i < g->nwr; i++) {
		if (observe(g, g->wr[i].pa, g->wr[i].old, acc, &nacc, "a set record's old value") < 0)
			return -1;
		if (emap_put(&g->st, g->wr[i].pa, g->wr[i].nw) < 0)
			return fail(g, "out of memory");
	}
	if (add_accessed(g, g->f.pid, acc, nacc) < 0)
		return -1;
	e = trace_add_event(g->t, TRACE_FAULT);
	if (!e)
		return fail(g, "out of memory");
	{
		uint64_t seq = e->seq;
		uint32_t s0 = e->step0, w0 = e->write0, f0 = e->frame0, m0 = e->mstep0;
		uint32_t u0 = e->ustep0;
		*e = g->f;
		e->seq = seq;
		e->step0 = s0;
		e->write0 = w0;
		e->frame0 = f0;
		e->mstep0 = m0;
		e->ustep0 = u0;
		e->x = NULL;     /* our guest has no PTI and records no flushes */
		e->nsteps = e->nmsteps = e->nusteps = e->nwrites = e->nframes = 0;
		e->kind = TRACE_FAULT;
	}
	for (int i = 0; i < g->ncur; i++)
		if (trace_add_step(g->t, g->cur[i].lv, g->cur[i].table, g->cur[i].index,
				   g->cur[i].entry, g->cur[i].value) < 0)
			return fail(g, "out of memory");
	for (int i = 0; i < g->nmst; i++)
		if (trace_add_master_step(g->t, g->mst[i].lv, g->mst[i].table, g->mst[i].index,
					  g->mst[i].entry, g->mst[i].value) < 0)
			return fail(g, "out of memory");
	for (int i = 0; i < g->nwr; i++)
		if (trace_add_write(g->t, g->wr[i].pa, g->wr[i].old, g->wr[i].nw, g->wr[i].from) < 0)
			return fail(g, "out of memory");
	for (int i = 0; i < g->nfr; i++)
		if (trace_add_frame(g->t, g->fr[i]) < 0)
			return fail(g, "out of memory");
	if (g->f.outcome == TRACE_OUT_RETRIED) {
		g->retry_ev = g->t->nevents;
		g->retry_n = g->fault_n;
	}
	g->in_fault = false;
	g->map_open = false;
	return 0;
}

static int check_retry_done(struct gr *g)
{
	if (g->retry_ev)
		return fail(g, "fault %u was fixed but no retry record says how its access went",
			    g->retry_n);
	return 0;
}

static int rec_begin(struct gr *g, const struct rec *r)
{
	struct trace_header *h = &g->t->h;
	const char *mode, *scen, *build;
	const struct arch *a;
	uint64_t proto, ts, vs, ve, swp, pgs, pms, ppg, ppm, ppt, es;

	if (g->begun)
		return fail(g, "a second begin record");
	if (need_num(g, r, "proto", 10, &proto) < 0 || need_str(g, r, "mode", &mode) < 0 ||
	    need_str(g, r, "scenario", &scen) < 0 || need_str(g, r, "build", &build) < 0 ||
	    need_num(g, r, "task_size", 16, &ts) < 0 || need_num(g, r, "vmalloc_start", 16, &vs) < 0 ||
	    need_num(g, r, "vmalloc_end", 16, &ve) < 0 || need_num(g, r, "swapper_pg_dir", 16, &swp) < 0 ||
	    need_num(g, r, "pgdir_shift", 10, &pgs) < 0 || need_num(g, r, "pmd_shift", 10, &pms) < 0 ||
	    need_num(g, r, "ptrs_per_pgd", 10, &ppg) < 0 || need_num(g, r, "ptrs_per_pmd", 10, &ppm) < 0 ||
	    need_num(g, r, "ptrs_per_pte", 10, &ppt) < 0 || need_num(g, r, "entry_size", 10, &es) < 0)
		return -1;
	if (proto != 1)
		return fail(g, "guest protocol %llu; this pagewalk reads protocol 1",
			    (unsigned long long)proto);
	if (strcmp(mode, "2level") == 0)
		a = arch_get(ARCH_X86_32);
	else if (strcmp(mode, "pae") == 0)
		a = arch_get(ARCH_X86_32_PAE);
	else
		return fail(g, "begin: unknown mode=%s", mode);
	if (pgs != a->level[LEVEL_PGD].shift || pms != a->level[LEVEL_PMD].shift ||
	    ppg != a->level[LEVEL_PGD].ptrs || ppm != a->level[LEVEL_PMD].ptrs ||
	    ppt != a->level[LEVEL_PTE].ptrs || es != a->entry_size)
		return fail(g, "the guest's paging constants do not match Linux's %s", a->name);
	h->arch = a;
	h->task_size = ts;
	h->vmalloc_start = vs;
	h->vmalloc_end = ve;
	h->master_pgd = swp;
	if (trace_set_text(&h->source, "pagewalk-guest") < 0 || trace_set_text(&h->scenario, scen) < 0 ||
	    trace_set_text(&h->guest_build, build) < 0)
		return fail(g, "out of memory");
	g->begun = true;
	return 0;
}

static int rec_fault(struct gr *g, const struct rec *r)
{
	uint64_t n, pid, cr2, err, eip, cs, cr3;

	if (g->in_fault)
		return fail(g, "fault %u has no done record before the next fault", g->fault_n);
	if (need_num(g, r, "n", 10, &n) < 0 || need_num(g, r, "pid", 10, &pid) < 0 ||
	    need_num(g, r, "cr2", 16, &cr2) < 0 || need_num(g, r, "err", 16, &err) < 0 ||
	    need_num(g, r, "eip", 16, &eip) < 0 || need_num(g, r, "cs", 16, &cs) < 0 ||
	    need_num(g, r, "cr3", 16, &cr3) < 0)
		return -1;
	if (n != g->nfaults + 1)
		return fail(g, "fault n=%llu after fault %u", (unsigned long long)n, g->nfaults);
	if (err > 0xffff || cs > 0xffff || pid > UINT32_MAX || cr2 > UINT32_MAX ||
	    eip > UINT32_MAX || cr3 > UINT32_MAX)
		return fail(g, "fault: a value is out of range");
	g->nfaults++;
	g->in_fault = true;
	g->fault_n = (unsigned)n;
	memset(&g->f, 0, sizeof g->f);
	g->f.kind = TRACE_FAULT;
	g->f.pid = (uint32_t)pid;
	g->f.vector = 14;
	g->f.error_code = (uint32_t)err;
	g->f.cr2 = cr2;
	g->f.ip = eip;
	g->f.cs = (uint32_t)cs;
	g->f.cpl = (uint32_t)(cs & 3);
	g->f.cr3 = cr3;
	g->ncur = g->nmst = g->nwr = g->nfr = 0;
	g->decided_vmalloc = g->decided_mm = false;
	return 0;
}

static int level_of(const char *s)
{
	for (int i = 0; i < LEVEL_COUNT; i++)
		if (strcmp(s, level_name((enum level)i)) == 0)
			return i;
	return -1;
}

static int rec_walk(struct gr *g, const struct rec *r)
{
	const char *tbl, *level, *fold;
	uint64_t n, base, index, entry, val;
	struct pend_step *s;
	int lv;

	if (need_num(g, r, "n", 10, &n) < 0 || need_str(g, r, "tbl", &tbl) < 0 ||
	    need_str(g, r, "level", &level) < 0 || need_str(g, r, "fold", &fold) < 0 ||
	    need_num(g, r, "base", 16, &base) < 0 || need_num(g, r, "index", 10, &index) < 0 ||
	    need_num(g, r, "entry", 16, &entry) < 0 || need_num(g, r, "val", 16, &val) < 0)
		return -1;
	if (!g->in_fault || n != g->fault_n)
		return fail(g, "walk record outside its fault");
	if (strcmp(fold, "-") != 0)
		return 0;       /* a folded level: the same entry again */
	lv = level_of(level);
	if (lv < 0)
		return fail(g, "walk: unknown level=%s", level);
	if (strcmp(tbl, "cur") == 0) {
		if (g->nmst)
			return fail(g, "walk of the current table after the master's");
		if (g->ncur == LEVEL_COUNT)
			return fail(g, "walk: too many levels");
		s = &g->cur[g->ncur++];
	} else if (strcmp(tbl, "master") == 0) {
		if (g->nmst == LEVEL_COUNT)
			return fail(g, "walk: too many levels");
		s = &g->mst[g->nmst++];
	} else {
		return fail(g, "walk: unknown tbl=%s", tbl);
	}
	*s = (struct pend_step){ (enum level)lv, base, entry, val, (uint32_t)index };
	return 0;
}

static int rec_set(struct gr *g, const struct rec *r)
{
	uint64_t pa, old, nw, known;

	if (need_num(g, r, "entry", 16, &pa) < 0 || need_num(g, r, "old", 16, &old) < 0 ||
	    need_num(g, r, "new", 16, &nw) < 0)
		return -1;
	if (g->in_fault) {
		if (g->nwr == PEND_MAX)
			return fail(g, "too many writes in one fault");
		g->wr[g->nwr++] = (struct pend_write){ pa, old, nw, TRACE_NO_ADDR };
		return 0;
	}
	if (emap_get(&g->st, pa, &known) && known != old) {
		struct pend_write acc[1];
		int nacc = 0;
		if (observe(g, pa, old, acc, &nacc, "a set record's old value") < 0 ||
		    add_accessed(g, g->ctx_pid, acc, nacc) < 0)
			return -1;
	}
	if (!g->map_open) {
		struct trace_event *e = trace_add_event(g->t, TRACE_MAP);
		if (!e)
			return fail(g, "out of memory");
		e->pid = g->ctx_pid;
		g->map_open = true;
	}
	if (trace_add_write(g->t, pa, old, nw, TRACE_NO_ADDR) < 0 || emap_put(&g->st, pa, nw) < 0)
		return fail(g, "out of memory");
	return 0;
}

static int rec_alloc(struct gr *g, const struct rec *r)
{
	uint64_t pa;

	if (need_num(g, r, "pa", 16, &pa) < 0)
		return -1;
	if (pa & 0xfff)
		return fail(g, "alloc: 0x%llx is not a page frame", (unsigned long long)pa);
	if (g->in_fault) {
		if (g->nfr == PEND_MAX)
			return fail(g, "too many frames in one fault");
		g->fr[g->nfr++] = pa;
		return 0;
	}
	if (!g->map_open) {
		struct trace_event *e = trace_add_event(g->t, TRACE_MAP);
		if (!e)
			return fail(g, "out of memory");
		e->pid = g->ctx_pid;
		g->map_open = true;
	}
	if (trace_add_frame(g->t, pa) < 0)
		return fail(g, "out of memory");
	return 0;
}

static int rec_sync(struct gr *g, const struct rec *r)
{
	uint64_t pa, master, mval;

	if (need_num(g, r, "entry", 16, &pa) < 0 || need_num(g, r, "master", 16, &master) < 0 ||
	    need_num(g, r, "master_val", 16, &mval) < 0)
		return -1;
	if (!g->in_fault)
		return fail(g, "sync record outside a fault");
	for (int i = g->nwr - 1; i >= 0; i--)
		if (g->wr[i].pa == pa) {
			if (g->wr[i].nw != mval)
				return fail(g, "sync: the copy 0x%llx is not the master's 0x%llx",
					    (unsigned long long)g->wr[i].nw, (unsigned long long)mval);
			g->wr[i].from = master;
			return 0;
		}
	return fail(g, "sync of 0x%llx without its set record", (unsigned long long)pa);
}

static int rec_retry(struct gr *g, const struct rec *r)
{
	const char *res;
	uint64_t n;

	if (need_num(g, r, "n", 10, &n) < 0 || need_str(g, r, "result", &res) < 0)
		return -1;
	if (!g->retry_ev || n != g->retry_n)
		return fail(g, "retry n=%llu for no fixed fault", (unsigned long long)n);
	if (strcmp(res, "ok") == 0)
		g->t->events[g->retry_ev - 1].outcome = TRACE_OUT_RETRIED;
	else if (strcmp(res, "fault") == 0)
		g->t->events[g->retry_ev - 1].outcome = TRACE_OUT_REFAULT;
	else
		return fail(g, "retry: unknown result=%s", res);
	g->retry_ev = 0;
	return 0;
}

/* "ad n=K entry=A old=V new=W": the guest re-read an entry it had shown
 * (after a retry, at the end of a step) and the CPU had set A or D in it.
 * Consecutive ones make one accessed event, right where they happened. */
static int rec_ad(struct gr *g, const struct rec *r)
{
	uint64_t n, pa, old, nw, known;
	struct pend_write acc[1];
	int nacc = 0;

	if (need_num(g, r, "n", 10, &n) < 0 || need_num(g, r, "entry", 16, &pa) < 0 ||
	    need_num(g, r, "old", 16, &old) < 0 || need_num(g, r, "new", 16, &nw) < 0)
		return -1;
	if (g->in_fault)
		return fail(g, "\"ad\" record inside fault %u", g->fault_n);
	if (!emap_get(&g->st, pa, &known))
		return fail(g, "ad: entry 0x%llx was never shown", (unsigned long long)pa);
	if (known != old)
		return fail(g, "ad: entry 0x%llx held 0x%llx, not 0x%llx", (unsigned long long)pa,
			    (unsigned long long)known, (unsigned long long)old);
	if (observe(g, pa, nw, acc, &nacc, "an ad record") < 0)
		return -1;
	if (!nacc)
		return 0;
	if (g->ad_ev && g->ad_ev == g->t->nevents) {
		if (trace_add_write(g->t, acc[0].pa, acc[0].old, acc[0].nw, TRACE_NO_ADDR) < 0)
			return fail(g, "out of memory");
		return 0;
	}
	if (add_accessed(g, g->ctx_pid, acc, nacc) < 0)
		return -1;
	g->ad_ev = g->t->nevents;
	return 0;
}

/* decide path=...: which way the handler went, for fault_end() to check. */
static int rec_decide(struct gr *g, const struct rec *r)
{
	const char *s1;

	if (need_str(g, r, "path", &s1) < 0)
		return -1;
	if (!g->in_fault)
		return fail(g, "decide record outside a fault");
	if (strcmp(s1, "vmalloc_fault") == 0)
		g->decided_vmalloc = true;
	else if (strcmp(s1, "handle_mm_fault") == 0)
		g->decided_mm = true;
	return 0;
}

/* proc pid= comm= pgd=: a new process and its page directory. */
static int rec_proc(struct gr *g, const struct rec *r)
{
	const char *s1;
	uint64_t a, b;

	if (need_num(g, r, "pid", 10, &a) < 0 || need_str(g, r, "comm", &s1) < 0 ||
	    need_num(g, r, "pgd", 16, &b) < 0)
		return -1;
	if (a >= MAXPIDS)
		return fail(g, "proc: pid %llu too large", (unsigned long long)a);
	g->pgd_of[a] = b;
	g->ctx_pid = (unsigned)a;
	return note(g, (unsigned)a, "pid %llu (%s) created, its pgd at 0x%08llx",
		    (unsigned long long)a, s1, (unsigned long long)b);
}

/* vma pid= start= end= flags= name=: one area of a process, as a note. */
static int rec_vma(struct gr *g, const struct rec *r)
{
	const char *s1, *s2;
	uint64_t a, b, c;

	if (need_num(g, r, "pid", 10, &a) < 0 || need_num(g, r, "start", 16, &b) < 0 ||
	    need_num(g, r, "end", 16, &c) < 0 || need_str(g, r, "flags", &s1) < 0 ||
	    need_str(g, r, "name", &s2) < 0)
		return -1;
	g->ctx_pid = (unsigned)a;
	return note(g, (unsigned)a, "pid %llu vma 0x%08llx-0x%08llx %s %s",
		    (unsigned long long)a, (unsigned long long)b, (unsigned long long)c, s1, s2);
}

/* step pid= i= op= addr=: a process runs a step; a new pid is a cr3 switch. */
static int rec_step(struct gr *g, const struct rec *r)
{
	const char *s1, *s2, *s3;
	uint64_t a;

	if (need_num(g, r, "pid", 10, &a) < 0 || need_str(g, r, "i", &s1) < 0 ||
	    need_str(g, r, "op", &s2) < 0 || need_str(g, r, "addr", &s3) < 0)
		return -1;
	if (a >= MAXPIDS)
		return fail(g, "step: pid %llu too large", (unsigned long long)a);
	if (a != g->running_pid) {
		struct trace_event *e;
		g->running_pid = (unsigned)a;
		g->map_open = false;
		e = trace_add_event(g->t, TRACE_SWITCH);
		if (!e)
			return fail(g, "out of memory");
		e->pid = (uint32_t)a;
		e->cr3 = g->pgd_of[a];
	}
	g->ctx_pid = (unsigned)a;
	if (strcmp(s2, "end") == 0)
		return note(g, (unsigned)a, "pid %llu: end of its steps", (unsigned long long)a);
	return note(g, (unsigned)a, "pid %llu step %s: %s 0x%s", (unsigned long long)a, s1, s2, s3);
}

/* end status= faults=: the run passed, outside a fault, with as many faults. */
static int rec_end(struct gr *g, const struct rec *r)
{
	const char *s1;
	uint64_t a;

	if (need_str(g, r, "status", &s1) < 0 || need_num(g, r, "faults", 10, &a) < 0)
		return -1;
	if (g->in_fault)
		return fail(g, "the run ended inside fault %u", g->fault_n);
	if (check_retry_done(g) < 0)
		return -1;
	if (strcmp(s1, "pass") != 0)
		return fail(g, "the guest run failed (end status=%s reason=%s)", s1,
			    kv(r, "reason") ? kv(r, "reason") : "?");
	if (a != g->nfaults)
		return fail(g, "the end record counts %llu faults, the records show %u",
			    (unsigned long long)a, g->nfaults);
	g->ended = true;
	return 0;
}

/* ---- the tags without a function of their own above ---- */

static int rec_fault_start(struct gr *g, const struct rec *r)
{
	return check_retry_done(g) < 0 ? -1 : rec_fault(g, r);
}

static int rec_ignore(struct gr *g, const struct rec *r)
{
	(void)g;
	(void)r;
	return 0;
}

static int rec_scenario(struct gr *g, const struct rec *r)
{
	const char *s1;

	return need_str(g, r, "name", &s1) < 0 ? -1 : note(g, 0, "scenario %s", s1);
}

/* pgd_alloc's copy of the kernel entries (inside a fault: a detail of it). */
static int rec_copy(struct gr *g, const struct rec *r)
{
	uint64_t a, b, c;

	if (g->in_fault)
		return 0;
	if (need_num(g, r, "dst", 16, &a) < 0 || need_num(g, r, "src", 16, &b) < 0 ||
	    need_num(g, r, "len", 16, &c) < 0)
		return -1;
	return note(g, g->ctx_pid, "pgd_alloc copies 0x%llx bytes of kernel entries "
		    "from the master at 0x%08llx to 0x%08llx",
		    (unsigned long long)c, (unsigned long long)b, (unsigned long long)a);
}

static int rec_vmalloc(struct gr *g, const struct rec *r)
{
	uint64_t a, b;

	if (need_num(g, r, "addr", 16, &a) < 0 || need_num(g, r, "size", 16, &b) < 0)
		return -1;
	g->ctx_pid = 0;
	return note(g, 0, "vmalloc 0x%08llx, 0x%llx bytes: mapped in the master table only",
		    (unsigned long long)a, (unsigned long long)b);
}

static int rec_kill(struct gr *g, const struct rec *r)
{
	const char *s1, *s2;
	uint64_t a;

	if (need_num(g, r, "pid", 10, &a) < 0 || need_str(g, r, "addr", &s1) < 0 ||
	    need_str(g, r, "why", &s2) < 0)
		return -1;
	return note(g, (unsigned)a, "pid %llu killed by SIGSEGV at 0x%s (%s)",
		    (unsigned long long)a, s1, s2);
}

static int rec_exit(struct gr *g, const struct rec *r)
{
	const char *s1;
	uint64_t a;

	if (need_num(g, r, "pid", 10, &a) < 0 || need_str(g, r, "how", &s1) < 0)
		return -1;
	return note(g, (unsigned)a, "pid %llu exits (%s)", (unsigned long long)a, s1);
}

static int rec_check(struct gr *g, const struct rec *r)
{
	const char *res = kv(r, "result");

	if (res && strcmp(res, "fail") == 0)
		return fail(g, "the guest's own check failed: %s", r->buf + strlen(r->tag) + 1);
	return 0;
}

/* trap, watchdog, error: the guest says it failed. */
static int rec_failure(struct gr *g, const struct rec *r)
{
	return fail(g, "the guest reported a failure: %s %s", r->tag,
		    r->n ? r->buf + strlen(r->tag) + 1 : "");
}

/* Every record tag after "begin" and what it does (docs/guest-protocol.md). */
static const struct {
	const char *tag;
	int (*fn)(struct gr *g, const struct rec *r);
} tags[] = {
	{ "fault", rec_fault_start }, { "walk", rec_walk }, { "decide", rec_decide },
	{ "set", rec_set }, { "alloc", rec_alloc }, { "sync", rec_sync },
	{ "done", fault_end }, { "retry", rec_retry }, { "ad", rec_ad },
	{ "xlate", rec_ignore }, { "copy", rec_copy }, { "scenario", rec_scenario },
	{ "proc", rec_proc }, { "vma", rec_vma }, { "vmalloc", rec_vmalloc },
	{ "step", rec_step }, { "kill", rec_kill }, { "exit", rec_exit },
	{ "check", rec_check }, { "trap", rec_failure }, { "watchdog", rec_failure },
	{ "error", rec_failure }, { "end", rec_end },
};

/* Process one record: "begin" first; after it, until "end", each tag by
 * the table. Unknown tags are not ours: skipped. */
static int record(struct gr *g, const struct rec *r)
{
	if (strcmp(r->tag, "begin") == 0)
		return rec_begin(g, r);
	if (!g->begun || g->ended)
		return 0;
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (strcmp(r->tag, tags[i].tag) == 0)
			return tags[i].fn(g, r);
	return 0;
}

struct trace *guestrec_parse(const char *text, size_t len, const char *name, struct diag *d)
{
	struct gr g = { .name = name, .d = d };
	size_t i = 0;

	g.t = trace_new(NULL);
	if (!g.t) {
		diag_set(d, name, 0, 0, "out of memory");
		return NULL;
	}
	while (i < len && !g.ended) {
		size_t j = i, l;
		struct rec r;
		while (j < len && text[j] != '\n')
			j++;
		l = j - i;
		if (l && text[i + l - 1] == '\r')
			l--;
		g.line++;
		if (l && rec_split(text + i, l, &r) == 0) {
			if (record(&g, &r) < 0)
				goto fail;
		}
		i = j + 1;
	}
	if (!g.begun) {
		diag_set(d, name, 0, 0, "no begin record: the guest did not start (or this is not its output)");
		goto fail;
	}
	if (!g.ended) {
		g.line++;
		fail(&g, "the records stop without an end record: the run did not finish");
		goto fail;
	}
	if (trace_snapshot(g.t) < 0) {
		diag_set(d, name, 0, 0, "out of memory");
		goto fail;
	}
	emap_free(&g.st);
	return g.t;
fail:
	emap_free(&g.st);
	trace_free(g.t);
	return NULL;
}

unsigned guestrec_count_faults(const char *text, size_t len)
{
	unsigned n = 0;

	for (size_t i = 0; i + 6 <= len; i++)
		if ((i == 0 || text[i - 1] == '\n') && memcmp(text + i, "fault ", 6) == 0)
			n++;
	return n;
}
