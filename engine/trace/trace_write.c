/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_write.c - write a trace as YAML, in the one canonical layout.
 *
 * Plain fprintf into the caller's FILE: the layout is fixed (docs/
 * trace-format.md), strings are double-quoted with every byte that YAML
 * would not take literally escaped, numbers are hex at the width of their
 * kind (addresses at the arch's word width, entries at the entry size).
 * Writing a loaded canonical file gives back the same bytes.
 */
#include "trace/trace.h"
#include "util/yamlout.h"

#include <string.h>

struct wr {
	FILE *f;
	int aw;   /* hex digits of an address */
	int ew;   /* hex digits of an entry value */
};

/* Strings in a loaded trace have passed text_escape: no raw newline or tab. */
static void put_str(FILE *f, const char *s)
{
	yamlout_quoted(f, s, false);
}

static void put_field(FILE *f, const char *key, const char *s)
{
	fprintf(f, "  %s: ", key);
	put_str(f, s);
	fputc('\n', f);
}

static void put_steps(const struct wr *w, const struct trace *t, const char *key,
		      uint32_t first, uint32_t n)
{
	fprintf(w->f, "    %s:\n", key);
	for (uint32_t i = 0; i < n; i++) {
		const struct trace_step *s = &t->steps[first + i];
		fprintf(w->f, "      - {level: %s, table: 0x%0*llx, index: %u, entry: 0x%0*llx, "
			"value: 0x%0*llx}\n", level_name((enum level)s->level),
			w->aw, (unsigned long long)s->table, s->index, w->aw,
			(unsigned long long)s->entry_pa, w->ew, (unsigned long long)s->value);
	}
}

static void put_event(const struct wr *w, const struct trace *t, const struct trace_event *ev)
{
	FILE *f = w->f;

	fprintf(f, "  - seq: %llu\n    kind: %s\n", (unsigned long long)ev->seq,
		trace_kind_name(ev->kind));
	if (ev->pid || ev->kind == TRACE_FAULT)
		fprintf(f, "    pid: %u\n", ev->pid);
	if (t->h.arch->family == FAMILY_ARM64) {
		/* arm64: ESR, FAR, ELR, EL and the base register by name */
		if (ev->kind == TRACE_FAULT)
			fprintf(f, "    esr: 0x%08x\n    far: 0x%0*llx\n    elr: 0x%0*llx\n    el: %u\n",
				ev->error_code, w->aw, (unsigned long long)ev->cr2, w->aw,
				(unsigned long long)ev->ip, ev->cpl);
		if (ev->kind == TRACE_FAULT || ev->kind == TRACE_SWITCH ||
		    (ev->kind == TRACE_MAP && ev->cr3))
			fprintf(f, "    ttbr%u: 0x%016llx\n", ev->ttbr, (unsigned long long)ev->cr3);
	} else if (ev->kind == TRACE_FAULT) {
		fprintf(f, "    vector: %u\n    error-code: 0x%04x\n", ev->vector, ev->error_code);
		fprintf(f, "    cr2: 0x%0*llx\n    ip: 0x%0*llx\n", w->aw, (unsigned long long)ev->cr2,
			w->aw, (unsigned long long)ev->ip);
		fprintf(f, "    cs: 0x%04x\n    cpl: %u\n", ev->cs, ev->cpl);
	}
	if (ev->kind == TRACE_FLUSH) {
		fprintf(f, "    flush: %s\n    reason: %s\n", ev->x->flush_fn,
			trace_flush_reason_name(ev->x->reason));
		if (ev->x->cr3_write)
			fprintf(f, "    old-cr3: 0x%0*llx\n    cr3: 0x%0*llx\n", w->aw,
				(unsigned long long)ev->x->old_cr3, w->aw, (unsigned long long)ev->cr3);
		else if (ev->x->end == TRACE_FLUSH_ALL)
			fprintf(f, "    start: 0x%0*llx\n    end: 0x%llx\n", w->aw,
				(unsigned long long)ev->x->start, (unsigned long long)ev->x->end);
		else
			fprintf(f, "    start: 0x%0*llx\n    end: 0x%0*llx\n", w->aw,
				(unsigned long long)ev->x->start, w->aw, (unsigned long long)ev->x->end);
		if (ev->x->via)
			fprintf(f, "    via: \"%s\"\n", ev->x->via);
		if (ev->x->in_fault)
			fprintf(f, "    in-fault: %llu\n", (unsigned long long)ev->x->in_fault);
	}
	if (t->h.arch->family != FAMILY_ARM64 && (ev->kind == TRACE_FAULT ||
	    ev->kind == TRACE_SWITCH || (ev->kind == TRACE_MAP && ev->cr3)))
		fprintf(f, "    cr3: 0x%0*llx\n", w->aw, (unsigned long long)ev->cr3);
	if (ev->kind == TRACE_FAULT) {
		put_steps(w, t, "walk", ev->step0, ev->nsteps);
		if (ev->nmsteps)
			put_steps(w, t, "master-walk", ev->mstep0, ev->nmsteps);
		if (trace_user_cr3(ev))
			fprintf(f, "    user-cr3: 0x%0*llx\n", w->aw, (unsigned long long)trace_user_cr3(ev));
		if (ev->nusteps)
			put_steps(w, t, "user-walk", ev->ustep0, ev->nusteps);
		if (ev->x && ev->x->ntops) {
			fputs("    user-top:\n", f);
			for (uint32_t i = 0; i < ev->x->ntops; i++) {
				const struct trace_top *tp = &ev->x->tops[i];
				fprintf(f, "      - {index: %u", tp->index);
				if (tp->kernel)
					fprintf(f, ", kernel: 0x%0*llx", w->ew,
						(unsigned long long)tp->kernel);
				if (tp->user)
					fprintf(f, ", user: 0x%0*llx", w->ew, (unsigned long long)tp->user);
				fputs("}\n", f);
			}
		}
		fprintf(f, "    path: %s\n", trace_version_needed(t) >= 4 ? trace_path_name(t, ev->path)
							       : fault_path_name(ev->path));
	}
	if (ev->ncalls) {
		fputs("    calls:\n", f);
		for (uint32_t i = 0; i < ev->ncalls; i++) {
			const struct trace_call *c = &t->calls[ev->call0 + i];
			if (c->line)
				fprintf(f, "      - {fn: %s, at: \"%s:%u\", depth: %u", c->fn, c->file,
					c->line, c->depth);
			else
				fprintf(f, "      - {fn: %s, at: \"%s\", depth: %u", c->fn, c->file,
					c->depth);
			if (c->why) {
				fputs(", why: ", f);
				put_str(f, c->why);
			}
			fputs("}\n", f);
		}
	}
	if (ev->nwrites) {
		fputs("    writes:\n", f);
		for (uint32_t i = 0; i < ev->nwrites; i++) {
			const struct trace_write *x = &t->writes[ev->write0 + i];
			fprintf(f, "      - {entry: 0x%0*llx, old: 0x%0*llx, new: 0x%0*llx",
				w->aw, (unsigned long long)x->pa, w->ew, (unsigned long long)x->old_value,
				w->ew, (unsigned long long)x->new_value);
			if (x->from != TRACE_NO_ADDR)
				fprintf(f, ", from: 0x%0*llx", w->aw, (unsigned long long)x->from);
			if (x->level != LEVEL_COUNT)
				fprintf(f, ", level: %s, index: %u, call: %u",
					level_name((enum level)x->level), x->index, x->call);
			fputs("}\n", f);
		}
	}
	if (ev->nframes) {
		fputs("    frames: [", f);
		for (uint32_t i = 0; i < ev->nframes; i++)
			fprintf(f, "%s0x%0*llx", i ? ", " : "", w->aw,
				(unsigned long long)t->frames[ev->frame0 + i]);
		fputs("]\n", f);
	}
	if (ev->kind == TRACE_FAULT)
		fprintf(f, "    outcome: %s\n", trace_outcome_name(ev->outcome));
	const struct trace_place *pl = trace_place_of(t, ev);
	if (pl->has) {
		const char *sep = "";
		fputs("    program: {", f);
		if (pl->fn) {
			fprintf(f, "fn: %s", pl->fn);
			sep = ", ";
		}
		if (pl->line) {
			fprintf(f, "%sline: %u", sep, pl->line);
			sep = ", ";
		}
		fprintf(f, "%sstart-up: %s", sep, pl->startup ? "true" : "false");
		if (pl->syscall)
			fprintf(f, ", syscall: %s", pl->syscall);
		fputs("}\n", f);
	}
	if (ev->note) {
		fputs("    note: ", f);
		put_str(f, ev->note);
		fputc('\n', f);
	}
}

int trace_write(const struct trace *t, FILE *f)
{
	const struct trace_header *h = &t->h;
	const struct arch *a = h->arch;
	struct wr w = { .f = f, .aw = (int)(a->word_bits / 4), .ew = (int)(a->entry_size * 2) };

	fprintf(f, "# pagewalk trace: see docs/trace-format.md\n");
	fprintf(f, "pagewalk-trace: %u\n", trace_version_needed(t));
	fputs("header:\n", f);
	put_field(f, "source", h->source);
	put_field(f, "emulator", h->emulator);
	put_field(f, "emulator-version", h->emulator_version);
	put_field(f, "command", h->command);
	put_field(f, "guest-build", h->guest_build);
	fprintf(f, "  arch: %s\n", a->name);
	put_field(f, "scenario", h->scenario);
	fprintf(f, "  master-pgd: 0x%0*llx\n", w.aw, (unsigned long long)h->master_pgd);
	fprintf(f, "  task-size: 0x%0*llx\n", w.aw, (unsigned long long)h->task_size);
	fprintf(f, "  vmalloc-start: 0x%0*llx\n", w.aw, (unsigned long long)h->vmalloc_start);
	fprintf(f, "  vmalloc-end: 0x%0*llx\n", w.aw, (unsigned long long)h->vmalloc_end);
	put_field(f, "recorded-at", h->recorded_at);
	put_field(f, "verified", h->verified);
	if (h->kernel_source)
		put_field(f, "kernel-source", h->kernel_source);
	if (h->kernel_config)
		put_field(f, "kernel-config", h->kernel_config);
	if (h->program) {
		const struct trace_program *p = h->program;
		fputs("  program:\n", f);
		put_field(f, "  name", p->name);
		put_field(f, "  sha256", p->sha256);
		fputs("    args: [", f);
		for (size_t i = 0; i < p->nargs; i++) {
			fputs(i ? ", " : "", f);
			put_str(f, p->args[i]);
		}
		fputs("]\n", f);
		put_field(f, "  exit", p->exit);
		if (p->source)
			put_field(f, "  source", p->source);
		if (p->source_file)
			put_field(f, "  source-file", p->source_file);
	}
	fputs(t->nentries ? "tables:\n" : "tables: []\n", f);
	for (size_t i = 0; i < t->nentries; i++)
		fprintf(f, "  - {entry: 0x%0*llx, value: 0x%0*llx}\n", w.aw,
			(unsigned long long)t->entries[i].pa, w.ew,
			(unsigned long long)t->entries[i].value);
	fputs(t->nevents ? "events:\n" : "events: []\n", f);
	for (size_t i = 0; i < t->nevents; i++)
		put_event(&w, t, &t->events[i]);
	fprintf(f, "end: %zu\n", t->nevents);
	return ferror(f) ? -1 : 0;
}
