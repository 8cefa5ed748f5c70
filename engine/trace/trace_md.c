/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_md.c - a recorded fault as Markdown (see trace_md.h).
 *
 * Every string that came from outside (the trace's header, its call chain,
 * the narration built from them, the name the trace is shown under) goes
 * out through md_text() or md_code(): it can only ever be text, never
 * Markdown (emphasis, links, a code span it closes early, a table cell it
 * splits) nor HTML (a tag, an entity). tests/cli/dump_md.sh renders a
 * hostile trace's write-up with Python-Markdown and compares its elements
 * with a plain one's. */
#include "trace/trace_md.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "paging/arm64.h"
#include "trace/replay.h"
#include "util/text.h"

/* s as inline Markdown that renders as exactly these characters: HTML's
 * specials and the table's pipe as character references, the characters
 * inline Markdown reads as markup (code spans, emphasis, links, images,
 * attribute lists, escapes) backslash-escaped, the ones extensions take
 * (strikethrough, superscript, maths) as references too; a line break as
 * a space. */
static void md_text(FILE *f, const char *s)
{
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '|': fputs("&#124;", f); break;
		case '~': fputs("&#126;", f); break;
		case '^': fputs("&#94;", f); break;
		case '$': fputs("&#36;", f); break;
		case '\n': fputc(' ', f); break;
		case '\\': case '`': case '*': case '_': case '{': case '}':
		case '[': case ']': case '(': case ')': case '#': case '!':
			fputc('\\', f);
			fputc(*p, f);
			break;
		default:
			fputc(*p, f);
		}
	}
}

/* A code span holding s whatever backquotes it has: a fence one longer
 * than its longest run, padded when s starts or ends with one (inside it
 * nothing else is markup). An empty s is written as nothing. */
static void md_code(FILE *f, const char *s)
{
	size_t run = 0, best = 0, n = strlen(s);
	bool pad;

	if (!n)
		return;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	pad = n && (s[0] == '`' || s[n - 1] == '`');
	for (size_t i = 0; i <= best; i++)
		fputc('`', f);
	fprintf(f, "%s%s%s", pad ? " " : "", s, pad ? " " : "");
	for (size_t i = 0; i <= best; i++)
		fputc('`', f);
}

/* s in a table cell: a code span, but md_text() when s holds a pipe,
 * which splits a cell even inside a code span in some renderers
 * (GitHub's). */
static void md_cell(FILE *f, const char *s)
{
	if (strchr(s, '|'))
		md_text(f, s);
	else
		md_code(f, s);
}

static const char *hex(const struct arch *a, uint64_t v, int width_bytes, char *buf, size_t len)
{
	(void)a;
	snprintf(buf, len, "0x%0*" PRIx64, width_bytes * 2, v);
	return buf;
}

static void md_access(const struct trace *t, const struct trace_event *ev, FILE *f)
{
	const struct arch *a = t->h.arch;
	int aw = (int)a->word_bits / 8;
	char b1[24], b2[24], words[200];

	fputs("## The access\n\n| | |\n|---|---|\n", f);
	if (a->family == FAMILY_ARM64) {
		/* FAR in place of cr2, ESR decoded in place of the error code,
		 * ELR and EL, the TTBR that translated FAR in place of cr3 */
		arm64_esr_format(ev->error_code, words, sizeof words);
		fprintf(f, "| FAR_EL1 (the address) | `%s` (%s TASK_SIZE `%s`) |\n",
			hex(a, ev->cr2, aw, b1, sizeof b1),
			ev->cr2 >= t->h.task_size ? "at or above" : "below",
			hex(a, t->h.task_size, aw, b2, sizeof b2));
		fprintf(f, "| ESR_EL1 | `0x%08" PRIx32 "`: %s |\n", ev->error_code, words);
		fprintf(f, "| instruction (ELR) | `%s`, from EL%" PRIu32 " |\n",
			hex(a, ev->ip, aw, b1, sizeof b1), ev->cpl);
		fprintf(f, "| process | pid %" PRIu32 ", TTBR%u_EL1 `%s` (VA bit 55 is %u) |\n\n",
			ev->pid, ev->ttbr, hex(a, ev->cr3, 8, b1, sizeof b1),
			(unsigned)((ev->cr2 >> 55) & 1));
		return;
	}
	replay_error_words(ev->error_code, LANG_EN, words, sizeof words);
	fprintf(f, "| cr2 (the address) | `%s` (%s TASK_SIZE `%s`) |\n",
		hex(a, ev->cr2, aw, b1, sizeof b1), ev->cr2 >= t->h.task_size ? "at or above" : "below",
		hex(a, t->h.task_size, aw, b2, sizeof b2));
	fprintf(f, "| error code | `0x%" PRIx32 "`: %s |\n", ev->error_code, words);
	fprintf(f, "| instruction | `%s`, cpl %" PRIu32 " |\n", hex(a, ev->ip, aw, b1, sizeof b1), ev->cpl);
	fprintf(f, "| process | pid %" PRIu32 ", cr3 `%s` |\n\n", ev->pid,
		hex(a, ev->cr3, 4, b1, sizeof b1));
}

/* A program's fault (format 5): where in the learner's program it came
 * from, and that line of their source (their own text, not Linux's). */
static void md_program(const struct trace *t, const struct trace_event *ev, FILE *f)
{
	const struct trace_program *p = t->h.program;
	char place[300], line[TRACE_PROGRAM_LINE_MAX + 1];

	const struct trace_place *pl = trace_place_of(t, ev);

	if (!p || !pl->has)
		return;
	trace_event_place(t, ev, place, sizeof place);
	fputs("## Your program\n\n", f);
	if (pl->syscall) {
		fputs("The kernel faulted on a user address during the system call ", f);
		md_code(f, pl->syscall);
		fputs(" the program made", f);
		if (place[0]) {
			fputs(" from ", f);
			md_code(f, place);
		}
		fputs(".\n\n", f);
	} else if (place[0]) {
		fputs("The fault came from ", f);
		md_code(f, place);
		fputs(pl->line ? ".\n\n"
		      : p->source || p->source_file ? " (no line: the C library has no line table).\n\n"
		      : " (no line: the program was recorded as an ELF without debugging "
			"information).\n\n", f);
	} else {
		fputs("Nothing in the program names the faulting instruction.\n\n", f);
	}
	if (pl->startup)
		fputs("This was during the C library's start-up, before main.\n\n", f);
	if (pl->line && trace_program_line(p, pl->line, line, sizeof line)) {
		fprintf(f, "Line %u of ", pl->line);
		md_code(f, p->name);
		fputs(": ", f);
		md_code(f, line);
		fputs("\n\n", f);
	} else if (pl->line && p->source_file) {
		fputs("The trace does not hold the text of ", f);
		md_code(f, p->source_file);
		fputs(": the program was given as an ELF without its source.\n\n", f);
	}
}

/* The levels a walk read, one table row each (folded levels named below). */
static void md_walk(const struct arch *a, const struct walk *w, FILE *f)
{
	char b1[24], b2[24], b3[24], flags[64], folded[64] = "", why[300];

	fputs("| level | table | index | entry address | entry | flags |\n"
	      "|---|---|---|---|---|---|\n", f);
	for (int i = 0; i < w->nsteps; i++) {
		const struct walk_step *s = &w->step[i];
		if (s->folded) {
			size_t n = strlen(folded);
			snprintf(folded + n, sizeof folded - n, "%s%s", n ? ", " : "",
				 level_name(s->level));
			continue;
		}
		walk_step_flags(a, s, false, flags, sizeof flags);
		fprintf(f, "| %s | `%s` | %u | `%s` | `%s` | %s |\n", level_name(s->level),
			hex(a, s->table, 4, b1, sizeof b1), s->index,
			hex(a, s->entry_pa, 4, b2, sizeof b2),
			hex(a, s->entry, (int)a->entry_size, b3, sizeof b3), flags);
	}
	fputc('\n', f);
	if (folded[0])
		fprintf(f, "Folded levels (no table of their own): %s.\n\n", folded);
	if (w->status == WALK_OK) {
		fprintf(f, "Result: physical address `%s`.\n\n", hex(a, w->phys, 4, b1, sizeof b1));
	} else {
		replay_walk_reason(w, LANG_EN, why, sizeof why);
		size_t n = strlen(why);
		fputs("Result: ", f);
		md_text(f, why);
		fputs(n && why[n - 1] == '.' ? "\n\n" : ".\n\n", f);
	}
}

/* PTI's kernel half (user-top): pgd[256..511] of both copies, a row an
 * entry both hold or a run one copy holds alone. */
static void md_user_top(const struct trace *t, const struct trace_event *ev, FILE *f)
{
	const struct arch *a = t->h.arch;
	struct trace_top_row rows[TRACE_TOP_LAST - TRACE_TOP_FIRST + 1];
	size_t n = trace_top_rows(ev, rows, sizeof rows / sizeof rows[0]);
	char b1[24], b2[24];

	if (!n)
		return;
	fputs("## The kernel half of both copies (PTI)\n\n"
	      "The top table's entries 256 to 511 in the kernel's copy (`cr3`) and in the user's "
	      "(`user-cr3`), as they were when the fault came in; a run of entries one copy holds "
	      "alone is one row.\n\n"
	      "| pgd index | kernel copy | user copy | |\n|---|---|---|---|\n", f);
	for (size_t i = 0; i < n && i < sizeof rows / sizeof rows[0]; i++) {
		const struct trace_top_row *x = &rows[i];
		uint32_t cnt = x->last - x->first + 1;
		if (cnt > 1) {
			fprintf(f, "| %u..%u | %s | %s | %u entries in the %s copy only |\n", x->first,
				x->last, x->kernel ? "present" : "-", x->user ? "present" : "-", cnt,
				x->kernel ? "kernel" : "user");
			continue;
		}
		fprintf(f, "| %u | %s%s%s | %s%s%s | %s |\n", x->first, x->kernel ? "`" : "",
			x->kernel ? hex(a, x->kernel, (int)a->entry_size, b1, sizeof b1) : "-",
			x->kernel ? "`" : "", x->user ? "`" : "",
			x->user ? hex(a, x->user, (int)a->entry_size, b2, sizeof b2) : "-",
			x->user ? "`" : "",
			x->kind == TOP_SAME ? "the same table in both"
			: x->kind == TOP_DIFFER ? (x->user & PTE_US ? "the user copy's own table"
						    : "the user copy's own table, no US (bit 2)")
			: x->kernel ? "in the kernel copy only" : "in the user copy only");
	}
	fputc('\n', f);
}

/* The replayer's narration of every stage of the event, numbered. */
static int md_route(struct replay *r, size_t k, const struct trace_event *ev, FILE *f)
{
	size_t n;
	char text[1200];

	fprintf(f, "## The route\n\n`%s` -> %s; outcome: %s.\n\n",
		replay_trace(r)->h.arch->family == FAMILY_ARM64 ? "do_mem_abort"
		: replay_has_calls(ev) ? "exc_page_fault" : "do_page_fault",
		trace_path_name(replay_trace(r), ev->path), trace_outcome_name(ev->outcome));
	replay_stages(r, &n);
	for (size_t i = 0; i < n; i++) {
		if (replay_seek(r, k, i) < 0)
			return -1;
		replay_stage_text(r, LANG_EN, text, sizeof text);
		fprintf(f, "%zu. ", i + 1);
		md_text(f, text);   /* it quotes the trace: function names, notes */
		fputc('\n', f);
	}
	fputc('\n', f);
	return 0;
}

/* A Linux fault's recorded call chain, one row a frame (names and places
 * only: the lines are in the reader's own linux-source-6.1). */
static void md_calls(const struct trace *t, const struct trace_event *ev, FILE *f)
{
	fputs("## The calls\n\nThe functions Linux's handler went through, in the order the "
	      "tracer saw them (a frame no deeper than the one before: the handler had "
	      "returned there and went on), in the source ", f);
	md_code(f, t->h.kernel_source);
	fputs(":\n\n| depth | function | at | note |\n|---|---|---|---|\n", f);
	for (uint32_t i = 0; i < ev->ncalls; i++) {
		const struct trace_call *c = &t->calls[ev->call0 + i];
		char at[300], why[400];
		fprintf(f, "| %" PRIu32 " | ", c->depth);
		for (uint32_t d = 0; d < c->depth && d < 16; d++)
			fputs("&nbsp;&nbsp;", f);
		md_cell(f, c->fn);
		fputs(" | ", f);
		if (c->line)
			snprintf(at, sizeof at, "%s:%" PRIu32, c->file, c->line);
		else
			snprintf(at, sizeof at, "%s", c->file);   /* no line lit */
		md_cell(f, at);
		fputs(" | ", f);
		replay_call_why(c, LANG_EN, why, sizeof why);
		md_text(f, why);
		fputs(" |\n", f);
	}
	fputc('\n', f);
}

static void md_writes(const struct trace *t, const struct trace_event *ev, FILE *f)
{
	const struct arch *a = t->h.arch;
	char b1[24], b2[24], b3[24];

	fputs("## The writes\n\n", f);
	if (!ev->nwrites) {
		fputs("The handler wrote no page-table entry.\n\n", f);
		return;
	}
	fputs("| entry address | entry | old | new | written by | copied from |\n"
	      "|---|---|---|---|---|---|\n", f);
	for (uint32_t j = 0; j < ev->nwrites; j++) {
		const struct trace_write *w = &t->writes[ev->write0 + j];
		fprintf(f, "| `%s` | ", hex(a, w->pa, 4, b1, sizeof b1));
		if (w->level != LEVEL_COUNT) {    /* format 4: who wrote it */
			const struct trace_call *c = &t->calls[ev->call0 + w->call];
			char at[300];
			fprintf(f, "%s[%" PRIu32 "] | ", level_name((enum level)w->level), w->index);
			fprintf(f, "`%s` | `%s` | ", hex(a, w->old_value, (int)a->entry_size, b2, sizeof b2),
				hex(a, w->new_value, (int)a->entry_size, b3, sizeof b3));
			md_cell(f, c->fn);
			snprintf(at, sizeof at, c->line ? "%s:%" PRIu32 : "%s", c->file, c->line);
			fputs(" ", f);
			md_cell(f, at);
			fputs(" | ", f);
		} else {
			fprintf(f, "- | `%s` | `%s` | - | ",
				hex(a, w->old_value, (int)a->entry_size, b2, sizeof b2),
				hex(a, w->new_value, (int)a->entry_size, b3, sizeof b3));
		}
		if (w->from != TRACE_NO_ADDR)
			fprintf(f, "master (`init_mm.pgd`) entry `%s` |\n",
				hex(a, w->from, 4, b1, sizeof b1));
		else
			fputs("- |\n", f);
	}
	fputc('\n', f);
}

/* Runs of lines of ex that code point c highlights, as [lo, hi] indices
 * (lines up to three apart share a run, with the lines between). */
static size_t code_runs(const struct replay_excerpt *ex, enum replay_code c,
			size_t lo[], size_t hi[], size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < ex->nlines; i++) {
		if (!(ex->lines[i].codes & (1u << c)))
			continue;
		if (n && hi[n - 1] + 4 >= i)      /* a short gap: one run */
			hi[n - 1] = i;
		else if (n < max)
			lo[n] = hi[n] = i, n++;
	}
	return n;
}

/* One code point: what it does, our guest's lines (quoted: our code), and
 * where it is in Linux v6.1 (file and function only: Linux's text is read
 * from linux-source-6.1 by the replayer, never written here). */
/* The cr3 write that loaded the table fault ev ran on (the last one
 * before it that wrote ev's cr3 over another), in a trace that has one. */
static void md_loaded(const struct trace *t, const struct trace_event *ev, FILE *f)
{
	int w = t->h.arch->word_bits > 32 ? 8 : 4;
	char b1[24], b2[24];

	for (const struct trace_event *p = ev; p > t->events; ) {
		p--;
		if (p->kind != TRACE_FLUSH || !p->x->cr3_write || p->cr3 != ev->cr3 ||
		    p->x->old_cr3 == p->cr3)
			continue;
		fprintf(f, "The table it ran on, cr3 `%s`, was loaded at event %" PRIu64 " by ",
			hex(t->h.arch, p->cr3, w, b1, sizeof b1), p->seq);
		md_code(f, p->x->flush_fn);
		fprintf(f, " (%s) over `%s`: a cr3 write, which empties every TLB entry not "
			"marked global.\n\n", trace_flush_reason_name(p->x->reason),
			hex(t->h.arch, p->x->old_cr3, w, b2, sizeof b2));
		return;
	}
}

/* The TLB flushes the fault's handler made (flush events naming it as
 * their fault, format 5), and the cr3 write that loaded its table. Said
 * only for a trace that records flushes. */
static void md_flushes(const struct trace *t, const struct trace_event *ev, FILE *f)
{
	const struct arch *a = t->h.arch;
	bool any = false, mine = false;
	int w = a->word_bits > 32 ? 8 : 4;
	char b1[24], b2[24];

	for (size_t i = 0; i < t->nevents; i++)
		if (t->events[i].kind == TRACE_FLUSH)
			any = true;
	if (!any)
		return;
	fputs("## TLB flushes\n\n", f);
	for (size_t i = 0; i < t->nevents; i++) {
		const struct trace_event *e = &t->events[i];
		if (e->kind != TRACE_FLUSH || !e->x || e->x->in_fault != ev->seq)
			continue;
		mine = true;
		fputs("- ", f);
		md_code(f, e->x->flush_fn);
		fprintf(f, " (%s) ", trace_flush_reason_name(e->x->reason));
		if (e->x->cr3_write)
			fprintf(f, "a cr3 write, `%s` over `%s`: every entry not marked global",
				hex(a, e->cr3, w, b1, sizeof b1), hex(a, e->x->old_cr3, w, b2, sizeof b2));
		else if (e->x->end == TRACE_FLUSH_ALL)
			fputs("every address of the process", f);
		else
			fprintf(f, "`%s`-`%s`", hex(a, e->x->start, w, b1, sizeof b1),
				hex(a, e->x->end, w, b2, sizeof b2));
		if (e->x->via) {
			fputs(", called by ", f);
			md_code(f, e->x->via);
		}
		fputs("\n", f);
	}
	fputs(mine ? "\n" : "The trace records no TLB flush made by this fault's handler "
	      "(it records the kernel's calls of its flush function).\n\n", f);
	md_loaded(t, ev, f);
}

static void md_code_point(enum replay_code c, const struct replay_excerpt *guest,
			  uint32_t error_code, FILE *f)
{
	const char *lfn = replay_linux_func(c, error_code);
	const char *file = replay_linux_file(c, error_code);
	size_t lo[16], hi[16], n = 0;
	char gfn[80] = "";

	/* the function is the one of the last line the point highlights
	 * (vmalloc_fault's lines follow the call in do_page_fault) */
	if (guest && (n = code_runs(guest, c, lo, hi, 16)))
		replay_guest_func_of(guest, hi[n - 1], gfn, sizeof gfn);
	fprintf(f, "### %s()\n\n%s\n\n", gfn[0] ? gfn : lfn, replay_code_says(c, LANG_EN));
	fprintf(f, "Linux v6.1: `%s()` in `%s` (`pagewalk replay` shows Linux's code from "
		"linux-source-6.1).\n\n", lfn, file);
	if (!guest)
		return;
	for (size_t j = 0; j < n; j++) {
		unsigned a = guest->first_line + (unsigned)lo[j], b = guest->first_line + (unsigned)hi[j];
		char in[80];
		replay_guest_func_of(guest, lo[j], in, sizeof in);
		if (a == b)
			fprintf(f, "Our guest, `%s:%u`", REPLAY_GUEST_FILE, a);
		else
			fprintf(f, "Our guest, `%s:%u-%u`", REPLAY_GUEST_FILE, a, b);
		if (in[0])
			fprintf(f, ", in `%s()`", in);
		fputs(":\n\n```c\n", f);
		for (size_t i = lo[j]; i <= hi[j]; i++)
			fprintf(f, "%s\n", replay_code_text(guest, i, LANG_EN));
		fputs("```\n\n", f);
	}
}

/* Every code point the route passes, once each, in route order. */
static void md_code_section(const struct replay *r, const struct trace *t, FILE *f,
			    struct diag *d)
{
	const struct replay_stage *st;
	struct replay_excerpt *guest = NULL;
	unsigned seen = 0;
	size_t n;

	fputs("## The code\n\n", f);
	if (replay_has_calls(&t->events[replay_event(r)])) {
		fputs("Each frame above is a line of Linux 6.1's own source. `pagewalk replay` "
		      "shows it, highlighted, from the installed linux-source-6.1 (apt-get install "
		      "linux-source-6.1); this write-up does not copy Linux's text.\n\n", f);
		return;
	}
	if (replay_is_guest(t) && !(guest = replay_guest_new(d)))
		fputs("(Our guest's source could not be located; Linux references only.)\n\n", f);
	st = replay_stages(r, &n);
	for (size_t i = 0; i < n; i++) {
		if (st[i].kind != RS_PATH || (seen & (1u << st[i].arg)))
			continue;
		seen |= 1u << st[i].arg;
		md_code_point((enum replay_code)st[i].arg, guest, t->events[replay_event(r)].error_code, f);
	}
	replay_guest_free(guest);
}

int trace_md_write(const struct trace *t, size_t k, const char *name, FILE *f,
		   struct diag *d)
{
	const struct trace_event *ev;
	struct replay *r = NULL;
	struct diag gd;
	char b[24], *safe = NULL;

	if (k >= t->nevents || t->events[k].kind != TRACE_FAULT) {
		diag_set(d, "", 0, 0, "event %zu is %s; --format md writes up a fault", k + 1,
			 k >= t->nevents ? "not in the trace" : "not a fault");
		return -1;
	}
	ev = &t->events[k];
	/* the name comes from the command line: its control bytes escaped */
	if (!(safe = text_escape(name, strlen(name), false)) || !(r = replay_new(t)) ||
	    replay_seek(r, k, 0) < 0)
		goto oom;
	fprintf(f, "# %s at `%s`: event %" PRIu64 " of ",
		t->h.arch->family != FAMILY_ARM64 ? "Page fault"
		: ev->vector == 3 ? "Instruction abort" : "Data abort",
		hex(t->h.arch, ev->cr2, (int)t->h.arch->word_bits / 8, b, sizeof b), ev->seq);
	md_code(f, safe);
	fputs("\n\nRecorded by ", f);
	md_code(f, t->h.source);
	fputs(" under ", f);
	md_code(f, t->h.emulator);
	fprintf(f, " on %s (%s), scenario ", t->h.arch->title, t->h.arch->name);
	md_code(f, t->h.scenario);
	fputs(".\n\n", f);
	md_access(t, ev, f);
	md_program(t, ev, f);
	fputs("## The walk\n\n", f);
	md_walk(t->h.arch, replay_walk(r), f);
	md_user_top(t, ev, f);
	if (md_route(r, k, ev, f) < 0)
		goto oom;
	if (replay_has_calls(ev))
		md_calls(t, ev, f);
	md_writes(t, ev, f);
	md_flushes(t, ev, f);
	if (ev->outcome == TRACE_OUT_RETRIED || ev->outcome == TRACE_OUT_REFAULT) {
		fputs("## The retry\n\nThe same access, walked again over the tables after "
		      "the writes:\n\n", f);
		md_walk(t->h.arch, replay_retry_walk(r), f);
	}
	md_code_section(r, t, f, &gd);
	replay_free(r);
	free(safe);
	if (ferror(f)) {
		diag_set(d, "", 0, 0, "cannot write the write-up");
		return -1;
	}
	return 0;
oom:
	replay_free(r);
	free(safe);
	diag_set(d, "", 0, 0, "out of memory");
	return -1;
}
