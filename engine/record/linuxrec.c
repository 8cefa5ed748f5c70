/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxrec.c - the Linux tracer's records: parse, check against QEMU. */
#include "record/linuxrec.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/trace.h"
#include "util/text.h"
#include "util/array.h"

static const char *const level_names[LX_LEVELS] = { "pgd", "p4d", "pud", "pmd", "pte" };

const char *linuxrec_level_name(enum linuxrec_level l)
{
	return (unsigned)l < LX_LEVELS ? level_names[l] : "?";
}

int linuxrec_level_parse(const char *s)
{
	for (int i = 0; i < LX_LEVELS; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

/* Append one zeroed element to *arr (n elements, *cap room). */
static void *grow(void *arrp, size_t *n, size_t *cap, size_t size)
{
	void **arr = arrp;
	void *p = array_grow(*arr, cap, *n + 1, size, 16);

	if (!p)
		return NULL;
	*arr = p;
	char *e = (char *)*arr + (*n)++ * size;
	memset(e, 0, size);
	return e;
}

struct caps {
	size_t faults, steps, writes, hits, frames, flushes, mains, tops;
	size_t cr3s, last_flush;   /* cr3 records so far; the flush a "via" extends */
};

/* The value of " key=" in line (or at its start), up to the next space;
 * NULL when absent. */
static const char *field(const char *line, const char *key, char *buf, size_t len)
{
	size_t kl = strlen(key);
	for (const char *p = line; (p = strstr(p, key)); p++) {
		if ((p == line || p[-1] == ' ') && p[kl] == '=') {
			size_t n = strcspn(p + kl + 1, " ");
			if (n >= len)
				return NULL;
			memcpy(buf, p + kl + 1, n);
			buf[n] = 0;
			return buf;
		}
	}
	return NULL;
}

static bool num(const char *line, const char *key, uint64_t *v)
{
	char buf[40], *end;
	if (!field(line, key, buf, sizeof buf) || !buf[0])
		return false;
	*v = strtoull(buf, &end, 0);
	return *end == 0;
}

static bool num32(const char *line, const char *key, uint32_t *v)
{
	uint64_t x;
	if (!num(line, key, &x) || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

static struct linuxrec_fault *last_fault(struct linuxrec *r)
{
	return r->nfaults ? &r->faults[r->nfaults - 1] : NULL;
}

/* Linux's largest pid (PID_MAX_LIMIT on 64-bit; less on 32-bit). */
#define LX_PID_MAX 4194304

static int parse_fault(struct linuxrec *r, struct caps *c, const char *s, int ln,
		       const char **why)
{
	struct linuxrec_fault *f = grow(&r->faults, &r->nfaults, &c->faults, sizeof *f);
	if (!f)
		return -1;
	if (!num32(s, "pid", &f->pid) || f->pid > LX_PID_MAX) {
		*why = "a fault record needs the task's pid= (a number, 0 to 4194304)";
		return -2;
	}
	if (r->arm64) {
		uint64_t esr;
		*why = "an arm64 fault record needs seq (next in order), far, esr, ttbr (0 or 1), "
		       "base, ttbr0, ttbr1, tcr, ip, el (0 or 1)";
		if (!num(s, "seq", &f->seq) || !num(s, "far", &f->cr2) || !num(s, "esr", &esr) ||
		    esr > 0xffffffff || !num32(s, "ttbr", &f->ttbr) || f->ttbr > 1 ||
		    !num(s, "base", &f->cr3) || !num(s, "ttbr0", &f->ttbr0) ||
		    !num(s, "ttbr1", &f->ttbr1) || !num(s, "tcr", &f->cr4) || !num(s, "ip", &f->ip) ||
		    !num32(s, "el", &f->cpl) || f->cpl > 1 || f->seq != r->nfaults ||
		    f->cr3 != (f->ttbr ? f->ttbr1 : f->ttbr0))
			return -2;
		f->error_code = (uint32_t)esr;
		f->cs = 0;
	} else if (!num(s, "seq", &f->seq) || !num(s, "cr2", &f->cr2) || !num(s, "cr3", &f->cr3) ||
	    !num(s, "cr4", &f->cr4) || !num32(s, "error", &f->error_code) ||
	    !num(s, "ip", &f->ip) || !num32(s, "cs", &f->cs) || !num32(s, "cpl", &f->cpl) ||
	    f->seq != r->nfaults)
		return -2;
	f->line = ln;
	f->step0 = (uint32_t)r->nsteps;
	f->write0 = (uint32_t)r->nwrites;
	f->hit0 = (uint32_t)r->nhits;
	f->top0 = (uint32_t)r->ntops;
	return 0;
}

/* "VMALLOC_START=.. VMALLOC_END=.. TASK_SIZE=.. __pa(init_mm.pgd)=..":
 * the kernel's own values (guest/linux/pagewalk_vmalloc.c prints them),
 * checked for the form each has in this mode. */
static int parse_layout(struct linuxrec *r, const char *s, const char **why)
{
	struct linuxrec_layout *l = &r->layout;
	bool wide = r->mode[0] == '4' || r->mode[0] == '5';
	uint64_t end;

	*why = "a layout line needs VMALLOC_START, VMALLOC_END, TASK_SIZE and "
	       "__pa(init_mm.pgd), each a number";
	if (!num(s, "VMALLOC_START", &l->vmalloc_start) || !num(s, "VMALLOC_END", &end) ||
	    !num(s, "TASK_SIZE", &l->task_size) || !num(s, "__pa(init_mm.pgd)", &l->master_pgd))
		return -2;
	/* x86-64's VMALLOC_END is the area's last byte, x86-32's its end */
	*why = wide ? "the layout's VMALLOC_END is not an area's last byte (x86-64: 0x...fff)"
		    : r->arm64 ? "the layout's VMALLOC_END is not a page boundary (arm64: the area's end)"
		    : "the layout's VMALLOC_END is not a page boundary (x86-32: the area's end)";
	if ((end & 0xfff) != (wide ? 0xfff : 0))
		return -2;
	l->vmalloc_end = wide ? end + 1 : end;
	*why = "the layout's VMALLOC_START, TASK_SIZE or __pa(init_mm.pgd) is not page aligned";
	if ((l->vmalloc_start | l->task_size | l->master_pgd) & 0xfff || !l->task_size)
		return -2;
	*why = "the layout's vmalloc area is empty, or below TASK_SIZE";
	if (l->vmalloc_start >= l->vmalloc_end || l->vmalloc_start < l->task_size)
		return -2;
	*why = "the layout's __pa(init_mm.pgd) is not where swapper_pg_dir's symbol says";
	if (r->has_master && r->master_pa != l->master_pgd)
		return -2;
	r->has_layout = true;
	return 0;
}

int linuxrec_console(struct linuxrec *r, const char *text, size_t len, struct diag *d)
{
	static const char tag[] = "pagewalk: layout ";
	const char *why = NULL;
	size_t nfound = 0, pos = 0;
	bool end = false;
	char line[1024];

	while (witness_next_line(text, len, &pos, line, sizeof line)) {
		const char *at = strstr(line, tag);
		line[strcspn(line, "\r")] = 0;      /* the serial console ends lines with CR LF */
		if (at && ++nfound == 1 && parse_layout(r, at + sizeof tag - 1, &why) < 0) {
			char *q = text_escape(at + sizeof tag - 1, strlen(at + sizeof tag - 1), false);
			diag_set(d, "", 0, 0, "%s (the console's line: %.200s)", why, q ? q : "?");
			free(q);
			return -1;
		}
		if (strncmp(line, "pagewalk: end", 13) == 0)
			end = true;
	}
	if (nfound != 1) {
		diag_set(d, "", 0, 0, "the console has %zu \"pagewalk: layout\" lines, want 1 "
			 "(guest/linux/pagewalk_vmalloc.c prints it at boot)", nfound);
		return -1;
	}
	if (!end) {
		diag_set(d, "", 0, 0, "the init did not reach its end (no \"pagewalk: end\" on the "
			 "console)");
		return -1;
	}
	return 0;
}

int linuxrec_set_build(struct linuxrec *r, const char *source, const char *variant,
		       const char *key, struct diag *d)
{
	char pkg[128], ver[128];

	if (sscanf(source, "%127s %127s", pkg, ver) != 2 || !variant[0] || !key[0]) {
		diag_set(d, "", 0, 0, "the run does not say what the kernel was built from "
			 "(params.txt: source, variant, key)");
		return -1;
	}
	free(r->source_package);
	free(r->source_version);
	free(r->variant);
	free(r->config_key);
	r->source_package = strdup(pkg);
	r->source_version = strdup(ver);
	r->variant = strdup(variant);
	r->config_key = strdup(key);
	if (!r->source_package || !r->source_version || !r->variant || !r->config_key) {
		diag_set(d, "", 0, 0, "out of memory");
		return -1;
	}
	return 0;
}

static int parse_walk(struct linuxrec *r, struct caps *c, const char *s)
{
	char when[8], lv[8];
	struct linuxrec_step *st;
	int l;

	if (sscanf(s, "walk %7s level=%7s", when, lv) != 2 || (l = linuxrec_level_parse(lv)) < 0)
		return -2;
	st = grow(&r->steps, &r->nsteps, &c->steps, sizeof *st);
	if (!st)
		return -1;
	st->level = (uint8_t)l;
	if (strcmp(when, "before") == 0)
		st->when = LX_BEFORE;
	else if (strcmp(when, "after") == 0)
		st->when = LX_AFTER;
	else if (strcmp(when, "master") == 0)
		st->when = LX_MASTER;
	else if (strcmp(when, "user") == 0 && r->pti)
		st->when = LX_USER;
	else
		return -2;
	if (strstr(s, " folded")) {
		st->folded = true;
		return 0;
	}
	if (!num(s, "table", &st->table) || !num32(s, "index", &st->index) ||
	    !num(s, "pa", &st->pa) || !num(s, "value", &st->value))
		return -2;
	return 0;
}

/* A stop: a route breakpoint (fn) or a write's (fn NULL). */
static int add_hit(struct linuxrec *r, struct caps *c, const char *fn)
{
	struct linuxrec_hit *h = grow(&r->hits, &r->nhits, &c->hits, sizeof *h);
	if (!h || (fn && !(h->fn = strdup(fn))))
		return -1;
	h->si_code = -1;
	h->frame0 = (uint32_t)r->nframes;
	return 0;
}

/* "write level=L index=N pa=X old=X new=X" (a stop of its own, its frames
 * follow) or "known pa=X value=X". */
static int parse_write(struct linuxrec *r, struct caps *c, const char *s, bool known)
{
	struct linuxrec_write *w = grow(&r->writes, &r->nwrites, &c->writes, sizeof *w);
	char lv[8];
	int l;
	if (!w)
		return -1;
	w->known = known;
	if (known)
		return num(s, "pa", &w->pa) && num(s, "value", &w->new_value) ? 0 : -2;
	if (!num(s, "pa", &w->pa) || !num(s, "old", &w->old_value) ||
	    !num(s, "new", &w->new_value) || !num32(s, "index", &w->index) ||
	    !field(s, "level", lv, sizeof lv) || (l = linuxrec_level_parse(lv)) < 0)
		return -2;
	w->level = (uint8_t)l;
	w->hit = (uint32_t)r->nhits;
	return add_hit(r, c, NULL);
}

static int parse_hit(struct linuxrec *r, struct caps *c, const char *s)
{
	char fn[128];
	uint32_t code;
	int rc;
	if (!field(s, "hit", fn, sizeof fn) || !fn[0])
		return -2;
	if ((rc = add_hit(r, c, fn)) == 0 && num32(s, "si_code", &code))
		r->hits[r->nhits - 1].si_code = (int32_t)(code & 0x7fffffff);
	return rc;
}

/* "frame fn=F at=FILE:LINE[ why=TEXT TO THE END]" */
static int parse_frame(struct linuxrec *r, struct caps *c, const char *s)
{
	char fn[128], at[300];
	const char *why = strstr(s, " why=");
	struct linuxrec_frame *fr;
	if (!r->nhits || !field(s, "fn", fn, sizeof fn) || !fn[0] ||
	    !field(s, "at", at, sizeof at) || !strchr(at, ':') || (why && !why[5]))
		return -2;
	if (!(fr = grow(&r->frames, &r->nframes, &c->frames, sizeof *fr)) ||
	    !(fr->fn = strdup(fn)) || !(fr->at = strdup(at)) || (why && !(fr->why = strdup(why + 5))))
		return -1;
	r->hits[r->nhits - 1].nframes++;
	return 0;
}

/* "flush after=K fault=S pid=P start=X end=X": a flush, once every fault
 * before it has ended; its "via" lines follow. */
static int parse_flush(struct linuxrec *r, struct caps *c, const char *s, int ln,
		       const char **why)
{
	struct linuxrec_flush *fl;
	const struct linuxrec_fault *f = r->nfaults ? &r->faults[r->nfaults - 1] : NULL;
	uint64_t pid;

	*why = "a flush record needs after (at most the faults so far), fault, pid, start, end";
	if (f && !f->closed)
		return -2;
	if (c->cr3s) {
		*why = "a flush record comes before every cr3 record";
		return -2;
	}
	if (!(fl = grow(&r->flushes, &r->nflushes, &c->flushes, sizeof *fl)))
		return -1;
	memset(fl, 0, sizeof *fl);
	fl->line = ln;
	if (!num(s, "after", &fl->after) || !num(s, "fault", &fl->fault) ||
	    !num(s, "pid", &pid) || pid > UINT32_MAX || !num(s, "start", &fl->start) ||
	    !num(s, "end", &fl->end) || fl->after > r->nfaults || fl->fault > fl->after ||
	    (r->nflushes > 1 && fl->after < r->flushes[r->nflushes - 2].after)) {
		r->nflushes--;
		return -2;
	}
	fl->pid = (uint32_t)pid;
	c->last_flush = r->nflushes - 1;
	return 0;
}

/* "cr3 after=K flushes=F fault=S pid=P fn=NAME old=X new=X": a cr3 write
 * after the first F flush records (all of which come before the first cr3
 * record), put in its place among them; r->flushes[*last] is it (its "via"
 * lines follow). */
static int parse_cr3(struct linuxrec *r, struct caps *c, const char *s, int ln, size_t *last,
		     const char **why)
{
	struct linuxrec_flush w = { 0 }, *fl;
	const struct linuxrec_fault *f = r->nfaults ? &r->faults[r->nfaults - 1] : NULL;
	uint64_t pid, nfl, seen = 0;
	size_t at = 0;

	*why = "a cr3 record needs after, flushes (at most the flush records so far), fault, "
	       "pid, fn (a function name), old, new";
	if ((f && !f->closed) || !num(s, "after", &w.after) || !num(s, "flushes", &nfl) ||
	    !num(s, "fault", &w.fault) || !num(s, "pid", &pid) || pid > UINT32_MAX ||
	    !field(s, "fn", w.fn, sizeof w.fn) || !trace_fn_ok(w.fn) ||
	    !num(s, "old", &w.old_cr3) || !num(s, "new", &w.new_cr3) ||
	    w.after > r->nfaults || w.fault > w.after)
		return -2;
	w.pid = (uint32_t)pid;
	/* its place: after the nfl-th flush record and after every cr3 record */
	for (size_t i = 0; i < r->nflushes; i++) {
		if (r->flushes[i].fn[0] || seen < nfl)
			at = i + 1;
		seen += !r->flushes[i].fn[0];
	}
	if (nfl > seen)
		return -2;
	*why = "a cr3 record's after is out of order with the records around it";
	if ((at && w.after < r->flushes[at - 1].after) ||
	    (at < r->nflushes && w.after > r->flushes[at].after))
		return -2;
	if (!(fl = grow(&r->flushes, &r->nflushes, &c->flushes, sizeof *fl)))
		return -1;
	memmove(&r->flushes[at + 1], &r->flushes[at], (r->nflushes - 1 - at) * sizeof *fl);
	r->flushes[at] = w;
	r->flushes[at].line = ln;
	*last = at;
	return 0;
}

/* "via fn=NAME": the next caller (outermost first) of the last flush. */
static int add_via(struct linuxrec_flush *fl, const char *s)
{
	char fn[128];
	size_t n = fl->via ? strlen(fl->via) : 0;
	char *v;

	if (!field(s, "fn", fn, sizeof fn) || !fn[0] || !trace_fn_ok(fn))
		return -2;
	if (!(v = realloc(fl->via, n + strlen(fn) + 4)))
		return -1;
	sprintf(v + n, "%s%s", n ? " > " : "", fn);
	fl->via = v;
	return 0;
}

/* "top index=N kernel=X user=X" (PTI, a user-mode fault): an entry of
 * the kernel half of both top tables, indices increasing from 256 to
 * 511, one set at least. */
static int parse_top(struct linuxrec *r, struct caps *c, const struct linuxrec_fault *f,
		     const char *s, const char **why)
{
	struct linuxrec_top *tp;

	*why = "a top record (PTI, a user-mode fault) needs index= (256..511, increasing), "
	       "kernel= and user=, one of them set";
	if (!r->pti || f->cpl != 3 || !(tp = grow(&r->tops, &r->ntops, &c->tops, sizeof *tp)))
		return !r->pti || f->cpl != 3 ? -2 : -1;
	if (!num32(s, "index", &tp->index) || !num(s, "kernel", &tp->kernel) ||
	    !num(s, "user", &tp->user) || tp->index < 256 || tp->index > 511 ||
	    (!tp->kernel && !tp->user) ||
	    (r->ntops - 1 > f->top0 && tp->index <= tp[-1].index)) {
		r->ntops--;
		return -2;
	}
	return 0;
}

/* One record line inside the run; 0, -1 (OOM) or -2 (malformed, *why set). */
static int parse_line(struct linuxrec *r, struct caps *c, const char *s, int ln,
		      const char **why, bool *done)
{
	struct linuxrec_fault *f = last_fault(r);
	uint64_t seq;
	int st;

	if (strncmp(s, "fault ", 6) == 0) {
		*why = "a fault record needs seq (next in order), cr2, cr3, cr4, error, ip, cs, cpl";
		if (f && !f->closed) {
			*why = "a fault starts before the last one ended";
			return -2;
		}
		return parse_fault(r, c, s, ln, why);
	}
	if (strncmp(s, "kernel ", 7) == 0) {
		free(r->kernel);
		return (r->kernel = strdup(s + 7)) ? 0 : -1;
	}
	if (strcmp(s, "pti user-cr3-bit=0x1000") == 0) {
		*why = "a pti record comes once, before the faults";
		if (r->pti || r->nfaults)
			return -2;
		r->pti = true;
		return 0;
	}
	if (strncmp(s, "master ", 7) == 0) {
		*why = "a master record needs pa= (once)";
		if (r->has_master || !num(s, "pa", &r->master_pa))
			return -2;
		r->has_master = true;
		return 0;
	}
	if (strncmp(s, "end faults=", 11) == 0) {
		uint64_t n = 0, dup = 0;
		*why = "the run's count does not match its faults";
		if ((f && !f->closed) || !num(s, "faults", &n) || n != r->nfaults)
			return -2;
		*why = "the records do not name the kernel (a kernel record)";
		if (!r->kernel)
			return -2;
		if (num(s, "duplicate-stops", &dup))
			r->duplicate_stops = (unsigned)dup;
		*done = true;
		return 0;
	}
	if (strncmp(s, "flush ", 6) == 0)
		return parse_flush(r, c, s, ln, why);
	if (strncmp(s, "cr3 ", 4) == 0) {
		if ((st = parse_cr3(r, c, s, ln, &c->last_flush, why)) == 0)
			c->cr3s++;
		return st;
	}
	if (strncmp(s, "via ", 4) == 0) {
		*why = "a via record needs a flush or cr3 record before it, and fn= a function name";
		return r->nflushes ? add_via(&r->flushes[c->last_flush], s) : -2;
	}
	if (strncmp(s, "main ", 5) == 0) {
		struct linuxrec_main *m;
		*why = "a main record needs pid= (a program's task, once) and after= (faults so far)";
		if ((f && !f->closed) || !(m = grow(&r->mains, &r->nmains, &c->mains, sizeof *m)))
			return f && !f->closed ? -2 : -1;
		if (!num32(s, "pid", &m->pid) || m->pid > LX_PID_MAX || !num(s, "after", &m->after) ||
		    m->after > r->nfaults)
			return -2;
		for (size_t i = 0; i + 1 < r->nmains; i++)
			if (r->mains[i].pid == m->pid)
				return -2;
		return 0;
	}
	*why = "a record outside a fault";
	if (!f || f->closed)
		return -2;
	if (strncmp(s, "syscall ", 8) == 0) {
		uint64_t nr;
		*why = "a syscall record needs nr=, name= (a word) and ip=, once, before the walk";
		if (f->syscall[0] || f->nsteps || r->nsteps != f->step0 || !num(s, "nr", &nr) ||
		    !num(s, "ip", &f->syscall_ip) ||
		    !field(s, "name", f->syscall, sizeof f->syscall) || !f->syscall[0])
			return -2;
		for (const char *p = f->syscall; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' ||
			      *p == '?'))
				return -2;
		return 0;
	}
	if (strncmp(s, "end seq=", 8) == 0 || strncmp(s, "unfinished seq=", 15) == 0) {
		*why = "the fault's end names another fault";
		if (!num(s, "seq", &seq) || seq != f->seq)
			return -2;
		f->finished = s[0] == 'e';
		f->closed = true;
		f->nsteps = (uint32_t)(r->nsteps - f->step0);
		f->nwrites = (uint32_t)(r->nwrites - f->write0);
		f->nhits = (uint32_t)(r->nhits - f->hit0);
		f->ntops = (uint32_t)(r->ntops - f->top0);
		return 0;
	}
	if (strncmp(s, "top ", 4) == 0)
		return parse_top(r, c, f, s, why);
	*why = "a malformed record";
	if (strncmp(s, "walk ", 5) == 0)
		st = parse_walk(r, c, s);
	else if (strncmp(s, "write ", 6) == 0)
		st = parse_write(r, c, s, false);
	else if (strncmp(s, "known ", 6) == 0)
		st = parse_write(r, c, s, true);
	else if (strncmp(s, "route ", 6) == 0)
		st = parse_hit(r, c, s);
	else if (strncmp(s, "frame ", 6) == 0)
		st = parse_frame(r, c, s);
	else {
		*why = "an unknown record";
		st = -2;
	}
	return st;
}

struct linuxrec *linuxrec_parse(const char *text, size_t len, const char *name,
				struct diag *d)
{
	struct linuxrec *r = calloc(1, sizeof *r);
	struct caps c = { 0 };
	size_t pos = 0;
	int ln = 0;
	bool done = false;
	char line[1024];

	if (!r) {
		diag_set(d, name, 0, 0, "out of memory");
		return NULL;
	}
	while (pos < len && !done) {
		size_t n = 0;
		const char *why = "a malformed record";
		int st;
		while (pos + n < len && text[pos + n] != '\n')
			n++;
		ln++;
		if (n >= sizeof line) {
			diag_set(d, name, ln, 1, "line too long (over %zu bytes)", sizeof line - 1);
			goto fail;
		}
		memcpy(line, text + pos, n);
		line[n] = 0;
		pos += n + 1;
		if (memchr(line, 0, n)) {
			diag_set(d, name, ln, 1, "a NUL byte in the records");
			goto fail;
		}
		if (ln == 1) {
			char mode[16];
			if (sscanf(line, "linux-records 3 mode=%15s", mode) != 1 ||
			    (strcmp(mode, "2level") && strcmp(mode, "pae") &&
			     strcmp(mode, "4level") && strcmp(mode, "5level") &&
			     strcmp(mode, "arm64-4k-39") && strcmp(mode, "arm64-4k-48") &&
			     strcmp(mode, "arm64-64k-42"))) {
				diag_set(d, name, ln, 1, "not pagewalk Linux records (expected "
					 "\"linux-records 3 mode=2level|pae|4level|5level|arm64-4k-39|"
					 "arm64-4k-48|arm64-64k-42\")");
				goto fail;
			}
			memcpy(r->mode, mode, sizeof r->mode);
			r->arm64 = strncmp(mode, "arm64-", 6) == 0;
			continue;
		}
		st = parse_line(r, &c, line, ln, &why, &done);
		if (st == -1) {
			diag_set(d, name, ln, 1, "out of memory");
			goto fail;
		}
		if (st < 0) {
			diag_set(d, name, ln, 1, "%s", why);
			goto fail;
		}
	}
	if (!done) {
		diag_set(d, name, ln, 0, "the records end early (no \"end faults=N\" line)");
		goto fail;
	}
	return r;
fail:
	linuxrec_free(r);
	return NULL;
}

void linuxrec_free(struct linuxrec *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nhits; i++)
		free(r->hits[i].fn);
	for (size_t i = 0; i < r->nframes; i++) {
		free(r->frames[i].fn);
		free(r->frames[i].at);
		free(r->frames[i].why);
	}
	for (size_t i = 0; i < r->nflushes; i++)
		free(r->flushes[i].via);
	free(r->flushes);
	free(r->kernel);
	free(r->source_package);
	free(r->source_version);
	free(r->variant);
	free(r->config_key);
	free(r->faults);
	free(r->steps);
	free(r->writes);
	free(r->hits);
	free(r->frames);
	free(r->mains);
	free(r->tops);
	free(r);
}

int linuxrec_verify(const struct linuxrec *r, const struct witness *w, struct diag *d)
{
	for (size_t k = 0; k < r->nfaults; k++) {
		const struct linuxrec_fault *f = &r->faults[k];
		const struct witness_pf *p;
		if (!f->finished) {
			diag_set(d, "", 0, 0, "fault %zu (%s=0x%" PRIx64 ") never finished: the tracer "
				 "did not see its handler end", k + 1, r->arm64 ? "far" : "cr2", f->cr2);
			return -1;
		}
		if (k >= w->n) {
			diag_set(d, "", 0, 0, "the tracer saw %zu page faults, the QEMU log only %zu",
				 r->nfaults, w->n);
			return -1;
		}
		p = &w->pf[k];
		if (r->arm64) {
			/* the abort's kind (3 instruction, 4 data) is ESR's class
			 * (EC 0x20/0x21, 0x24/0x25); QEMU logs no TTBR */
			unsigned ec = f->error_code >> 26;
			if (p->vector != (ec >> 2 == 8 ? 3u : 4u) || p->error_code != f->error_code ||
			    p->cr2 != f->cr2 || p->ip != f->ip || p->cpl != f->cpl) {
				diag_set(d, "", 0, 0, "fault %zu differs: the tracer says far=0x%" PRIx64
					 " esr=0x%x elr=0x%" PRIx64 " el=%u, the QEMU log (line %d) "
					 "exception %u far=0x%" PRIx64 " esr=0x%x elr=0x%" PRIx64 " el=%u",
					 k + 1, f->cr2, f->error_code, f->ip, f->cpl, p->line, p->vector,
					 p->cr2, p->error_code, p->ip, p->cpl);
				return -1;
			}
			continue;
		}
		/* PTI: a user-mode fault came in on the user copy (cr3 with bit
		 * 12), which QEMU logs; the entry code switched to the kernel's
		 * copy before exc_page_fault, where the tracer read cr3 */
		uint64_t want_cr3 = r->pti && f->cpl == 3 ? f->cr3 | 0x1000 : f->cr3;
		if (p->vector != 14 || p->error_code != f->error_code || p->cr2 != f->cr2 ||
		    p->ip != f->ip || p->cpl != f->cpl || p->cr3 != want_cr3 ||
		    (r->pti && (f->cr3 & 0x1000))) {
			diag_set(d, "", 0, 0, "fault %zu differs: the tracer says cr2=0x%" PRIx64
				 " err=0x%x ip=0x%" PRIx64 " cpl=%u cr3=0x%" PRIx64 ", the QEMU log "
				 "(line %d) cr2=0x%" PRIx64 " err=0x%x ip=0x%" PRIx64 " cpl=%u cr3=0x%"
				 PRIx64, k + 1, f->cr2, f->error_code, f->ip, f->cpl, f->cr3, p->line,
				 p->cr2, p->error_code, p->ip, p->cpl, p->cr3);
			return -1;
		}
	}
	if (r->nfaults != w->n) {
		diag_set(d, "", 0, 0, "the QEMU log has %zu page faults, the tracer saw only %zu",
			 w->n, r->nfaults);
		return -1;
	}
	return 0;
}

void linuxrec_verify_summary(const struct linuxrec *r, const struct witness *w, char *buf,
			     size_t len)
{
	if (r->arm64) {
		snprintf(buf, len, "%zu of %zu aborts match the QEMU log (-d int: data or "
			 "instruction abort, ESR, FAR, ELR, EL), in order; every walk was read from "
			 "QEMU's physical memory through its gdbstub at do_mem_abort's entry and at "
			 "its return, from the TTBR that VA bit 55 picks; every entry write was "
			 "caught as it happened by a QEMU write watchpoint, with the writing "
			 "instruction's call chain; every frame's line was checked against QEMU's "
			 "log of the code the fault ran", r->nfaults, w->n);
		return;
	}
	snprintf(buf, len, "%zu of %zu page faults match the QEMU log (-d int: vector, error "
		 "code, cr2, ip, cpl, cr3), in order; every walk was read from QEMU's physical "
		 "memory through its gdbstub as the fault came in, before the handler wrote, and "
		 "at the handler's end; "
		 "every entry write was caught as it happened by a QEMU write watchpoint, with "
		 "the writing instruction's call chain; every frame's line was checked against "
		 "QEMU's log of the code the fault ran%s", r->nfaults, w->n,
		 r->pti ? "; page-table isolation: each user-mode fault's cr3 in the QEMU log is "
		 "the user copy's, the kernel's with bit 12 set, and the user copy's walk was read "
		 "too" : "");
}
