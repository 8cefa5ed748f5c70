/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_write.c - write a lesson model back as lesson YAML.
 *
 * The output loads (lesson_load_buffer) to an equal model. Walk tables are
 * written as the memory the loader built (`entries:` plus cr3; fault steps
 * put the master pgd at tables_at as the loader does); quiz tables keep
 * their `mappings:` (random: mapped needs their ranges), reconstructed from
 * the built tables, with the built memory as `entries:` over them. Strings
 * are YAML double-quoted scalars; a step's text is written as the file
 * wrote it (step.body_src, placeholders unfilled) so they fill again and the
 * numbers it states are checked as the author's were; text with no source
 * kept has its braces doubled so it reads back unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include "lesson/lesson.h"
#include "paging/arm64.h"
#include "lesson/quiz.h"
#include "util/array.h"
#include "util/yamlout.h"

static void put_str(FILE *f, const char *s, bool braces)
{
	yamlout_quoted(f, s, braces);
}

static void put_text(FILE *f, const struct text *t, bool braces)
{
	fputs("{en: ", f);
	put_str(f, t->s[LANG_EN], braces);
	if (t->s[LANG_JA]) {
		fputs(", ja: ", f);
		put_str(f, t->s[LANG_JA], braces);
	}
	fputc('}', f);
}

static bool has_text(const struct text *t)
{
	return t->s[LANG_EN] && t->s[LANG_EN][0];
}

static void put_hex(FILE *f, const char *ind, const char *key, uint64_t v)
{
	fprintf(f, "%s%s: 0x%llx\n", ind, key, (unsigned long long)v);
}

/* A Linux excerpt is a reference: file, version, lines, symbol (never
 * text). A guest excerpt is our own code: first_line and source. */
static void put_source(FILE *f, const struct excerpt *e, const char *ind)
{
	bool guest = !strcmp(e->version, "guest");

	fprintf(f, "%sfile: ", ind);
	put_str(f, e->file, false);
	fprintf(f, "\n%sversion: ", ind);
	put_str(f, e->version, false);
	fputc('\n', f);
	if (!guest) {
		fprintf(f, "%slines: \"%u-%u\"\n%ssymbol: ", ind, e->first_line, e->last_line, ind);
		put_str(f, e->symbol, false);
		fputc('\n', f);
		if (e->symbol_line)
			fprintf(f, "%ssymbol_line: %u\n", ind, e->symbol_line);
	}
	if (e->lang) {
		fprintf(f, "%slang: ", ind);
		put_str(f, e->lang, false);
		fputc('\n', f);
	}
	if (guest) {
		fprintf(f, "%sfirst_line: %u\n%ssource: \"", ind, e->first_line, ind);
		for (size_t i = 0; i < e->nlines; i++) {
			yamlout_chars(f, e->lines[i], false);
			fputs("\\n", f);
		}
		fputs("\"\n", f);
	}
}

static void put_code(FILE *f, const struct code_view *v)
{
	fputs("    code:\n", f);
	if (v->ex->id) {
		fputs("      ref: ", f);
		put_str(f, v->ex->id, false);
		fputc('\n', f);
	} else {
		put_source(f, v->ex, "      ");
	}
	if (v->nhl) {
		fputs("      highlight: [", f);
		for (size_t i = 0; i < v->nhl; i++) {
			if (v->hl[i].first == v->hl[i].last)
				fprintf(f, "%s%u", i ? ", " : "", v->hl[i].first);
			else
				fprintf(f, "%s\"%u-%u\"", i ? ", " : "", v->hl[i].first, v->hl[i].last);
		}
		fputs("]\n", f);
	}
}

/* ---- memory as entries: ---------------------------------------------- */

struct pages {
	uint64_t *pa;
	size_t n, cap;
	bool oom;
};

static void collect_page(void *ctx, uint64_t pa)
{
	struct pages *p = ctx;
	uint64_t *np = array_grow(p->pa, &p->cap, p->n + 1, sizeof *np, 16);

	if (!np) {
		p->oom = true;
		return;
	}
	p->pa = np;
	p->pa[p->n++] = pa;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int put_entries(FILE *f, const struct physmem *mem, const struct arch *a)
{
	struct pages p = { 0 };
	bool any = false;

	physmem_each(mem, collect_page, &p);
	if (p.oom) {
		free(p.pa);
		return -1;
	}
	qsort(p.pa, p.n, sizeof *p.pa, cmp_u64);
	for (size_t i = 0; i < p.n; i++) {
		for (uint64_t off = 0; off < 4096; off += a->entry_size) {
			uint64_t v = physmem_read(mem, p.pa[i] + off, a->entry_size);
			if (!v)
				continue;
			if (!any)
				fputs("    entries:\n", f);
			any = true;
			fprintf(f, "      0x%llx: 0x%llx\n", (unsigned long long)(p.pa[i] + off),
				(unsigned long long)v);
		}
	}
	if (!any)
		fputs("    entries: {}\n", f);
	free(p.pa);
	return 0;
}

static void put_access(FILE *f, struct access acc)
{
	static const char *const kinds[] = { "read", "write", "exec" };
	fprintf(f, "    access: %s\n    user: %s\n", kinds[acc.kind], acc.user ? "true" : "false");
}

static void put_vmas(FILE *f, const struct vma *v, size_t n)
{
	if (!n)
		return;
	fputs("    vmas:\n", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "      - {start: 0x%llx, end: 0x%llx, perm: \"%c%c%c\"}\n",
			(unsigned long long)v[i].start, (unsigned long long)v[i].end,
			v[i].read ? 'r' : '-', v[i].write ? 'w' : '-', v[i].exec ? 'x' : '-');
}

/* The top tables of a setup: cr3, or arm64's ttbr0 and ttbr1. */
static void put_roots(FILE *f, const struct table_setup *t)
{
	if (t->arch->family == FAMILY_ARM64) {
		put_hex(f, "    ", "ttbr0", t->cr3);
		put_hex(f, "    ", "ttbr1", t->ttbr1);
	} else {
		put_hex(f, "    ", "cr3", t->cr3);
	}
}

/* An arm64 quiz's mapping i: its size word and flags from the leaf. */
static int put_mapping_arm64(FILE *f, const struct step_quiz *q, size_t i)
{
	static const struct { uint64_t bit; const char *name; } fl[] = {
		{ A64_AP1, "user" }, { A64_AP2, "ro" }, { A64_UXN, "uxn" }, { A64_PXN, "pxn" },
		{ A64_NG, "ng" }, { A64_CONT, "cont" }, { A64_DBM, "dbm" }, { A64_SW_DIRTY, "dirty" },
	};
	const struct arch *a = q->setup.arch;
	uint64_t va = q->mapped[i][0], size = q->mapped[i][1] - va, leaf;
	char sz[24];
	struct walk w;
	size_t k = 0;

	walk_run_any(a, q->setup.mem, q->setup.cr3, q->setup.ttbr1, va,
		     (struct access){ ACCESS_READ, false }, &w);
	/* the leaf read, also when the access would abort (AF clear) */
	if (w.nsteps < 1 || !w.step[w.nsteps - 1].leaf ||
	    arch_level_size(a, w.step[w.nsteps - 1].level) != size)
		return -1;
	leaf = w.step[w.nsteps - 1].entry;
	snprintf(sz, sizeof sz, "%llu%c", (unsigned long long)(size >> (size >= 1ULL << 30 ? 30 :
			     size >= 1ULL << 20 ? 20 : 10)),
		 size >= 1ULL << 30 ? 'g' : size >= 1ULL << 20 ? 'm' : 'k');
	fprintf(f, "      - {va: 0x%llx, pa: 0x%llx, size: %s, flags: \"", (unsigned long long)va,
		(unsigned long long)w.step[w.nsteps - 1].next, sz);
	for (size_t j = 0; j < sizeof fl / sizeof fl[0]; j++)
		if (leaf & fl[j].bit)
			fprintf(f, "%s%s", k++ ? " " : "", fl[j].name);
	if (!(leaf & A64_AF))
		fprintf(f, "%sold", k++ ? " " : "");
	fputs("\"}\n", f);
	return 0;
}

/* A quiz's mappings, rebuilt from its ranges and the built tables. */
static int put_mappings(FILE *f, const struct step_quiz *q)
{
	static const struct { uint64_t bit; const char *name; } fl[] = {
		{ PTE_RW, "rw" }, { PTE_US, "us" }, { PTE_NX, "nx" }, { PTE_G, "g" },
		{ PTE_A, "a" }, { PTE_D, "d" }, { PTE_PWT, "pwt" }, { PTE_PCD, "pcd" },
	};
	const struct arch *a = q->setup.arch;

	fputs("    mappings:\n", f);
	for (size_t i = 0; i < q->nmapped; i++) {
		uint64_t va = q->mapped[i][0], size = q->mapped[i][1] - va, leaf;
		if (a->family == FAMILY_ARM64) {
			if (put_mapping_arm64(f, q, i) < 0)
				return -1;
			continue;
		}
		struct walk w;
		const char *sz = size == 0x1000 ? "4k" : size == 0x200000 ? "2m" :
				 size == 0x400000 ? "4m" : size == 0x40000000 ? "1g" : NULL;
		walk_run(a, q->setup.mem, q->setup.cr3, va, (struct access){ ACCESS_READ, false },
			 &w);
		if (!sz || w.status != WALK_OK || w.nsteps < 1)
			return -1;
		leaf = w.step[w.nsteps - 1].entry;
		fprintf(f, "      - {va: 0x%llx, pa: 0x%llx, size: %s, flags: \"",
			(unsigned long long)va, (unsigned long long)w.frame, sz);
		for (size_t j = 0, k = 0; j < sizeof fl / sizeof fl[0]; j++)
			if (leaf & fl[j].bit)
				fprintf(f, "%s%s", k++ ? " " : "", fl[j].name);
		fputs("\"}\n", f);
	}
	return 0;
}

/* ---- steps ------------------------------------------------------------ */

static bool expands_text(enum step_kind k)
{
	return k == STEP_SPLIT || k == STEP_WALK || k == STEP_COMPARE || k == STEP_FAULT ||
	       k == STEP_REPLAY;
}

static void put_levels(FILE *f, const char *key, const signed char *par, int want)
{
	bool any = false;
	for (int lv = 0; lv < LEVEL_COUNT; lv++) {
		if (par[lv] != want)
			continue;
		fprintf(f, "%s%s", any ? ", " : key, level_name((enum level)lv));
		any = true;
	}
	if (any)
		fputc(']', f);
}

/* The candidate lists of a quiz: archs, levels, macros, error codes. */
static void put_quiz_lists(FILE *f, const struct step_quiz *q)
{
	fputs("    archs: [", f);
	for (size_t i = 0; i < q->narchs; i++)
		fprintf(f, "%s%s", i ? ", " : "", q->archs[i]->name);
	fputs("]\n", f);
	if (q->nlevels) {
		fputs("    levels: [", f);
		for (size_t i = 0; i < q->nlevels; i++)
			fprintf(f, "%s%s", i ? ", " : "", level_name(q->levels[i]));
		fputs("]\n", f);
	}
	if (q->nmacros) {
		fputs("    macros: [", f);
		for (size_t i = 0; i < q->nmacros; i++) {
			fputs(i ? ", " : "", f);
			put_str(f, q->macros[i], false);
		}
		fputs("]\n", f);
	}
	if (q->nerror_codes) {
		fputs("    error_codes: [", f);
		for (size_t i = 0; i < q->nerror_codes; i++)
			fprintf(f, "%s0x%x", i ? ", " : "", (unsigned)q->error_codes[i]);
		fputs("]\n", f);
	}
}

static void put_random(FILE *f, const struct addr_constraint *c)
{
	fputs("    random: {", f);
	fprintf(f, "align: 0x%llx", (unsigned long long)c->align);
	if (c->has_range)
		fprintf(f, ", range: [0x%llx, 0x%llx]", (unsigned long long)c->lo,
			(unsigned long long)c->hi);
	if (c->kernel)
		fputs(", kernel: true", f);
	if (c->user)
		fputs(", user: true", f);
	if (c->mapped)
		fputs(", mapped: true", f);
	put_levels(f, ", odd: [", c->parity, 1);
	put_levels(f, ", even: [", c->parity, 0);
	fputs("}\n", f);
}

/* expect: the engine's answer as typed, for a quiz with nothing random. */
static int put_quiz_expect(FILE *f, const struct step *s, struct diag *d, const char *path)
{
	struct quiz_instance qi;
	struct diag qd = { 0 };
	char typed[sizeof qi.answer_text];

	if (quiz_instance(s, 0, &qi, &qd) < 0) {
		diag_set(d, path, s->line, s->col, "quiz cannot be asked: %s", qd.msg);
		return -1;
	}
	quiz_answer_typed(&qi, typed, sizeof typed);
	fputs("    expect: ", f);
	put_str(f, typed, false);
	fputc('\n', f);
	quiz_instance_clear(&qi);
	return 0;
}

static int put_quiz(FILE *f, const struct step *s, struct diag *d, const char *path)
{
	const struct step_quiz *q = &s->u.quiz;
	bool want_addr = q->kind != QUIZ_MACRO && q->kind != QUIZ_ERROR_BITS;

	fprintf(f, "    ask: %s\n    question: ", quiz_kind_name(q->kind));
	put_text(f, &q->question, false);
	fputc('\n', f);
	if (q->nhints) {
		fputs("    hints:\n", f);
		for (size_t i = 0; i < q->nhints; i++) {
			fputs("      - ", f);
			put_text(f, &q->hints[i], false);
			fputc('\n', f);
		}
	}
	put_quiz_lists(f, q);
	if (q->has_tables) {
		const struct table_setup *t = &q->setup;
		put_roots(f, t);
		if (q->nmapped) {
			/* the lower tables start after the top ones (one on x86, two on arm64) */
			size_t roots = t->arch->family == FAMILY_ARM64 ? 2 : 1;
			uint64_t at = t->npages > roots && t->pages[0].pa == walk_cr3_base(t->arch, t->cr3) ?
				      t->pages[roots].pa : t->cr3;
			put_hex(f, "    ", "tables_at", at);
			if (put_mappings(f, q) < 0) {
				diag_set(d, path, s->line, s->col, "a quiz's mappings cannot be "
					 "rebuilt from its tables");
				return -1;
			}
		}
		if (put_entries(f, t->mem, t->arch) < 0) {
			diag_set(d, path, s->line, s->col, "out of memory");
			return -1;
		}
		put_access(f, q->access);
	}
	if (want_addr && q->fixed_addr)
		put_hex(f, "    ", "addr", q->addr);
	else if (want_addr)
		put_random(f, &q->random);
	if (q->kind == QUIZ_FAULT_PATH) {
		put_hex(f, "    ", "task_size", q->task_size);
		put_vmas(f, q->vmas, q->nvmas);
		if (q->linux61)
			fputs("    names: linux-6.1\n", f);
	}
	if ((q->fixed_addr || !want_addr) && q->narchs == 1 && q->nlevels <= 1 &&
	    q->nmacros <= 1 && q->nerror_codes <= 1)
		return put_quiz_expect(f, s, d, path);
	return 0;
}

static int put_step(FILE *f, const struct step *s, struct diag *d, const char *path)
{
	fprintf(f, "  - kind: %s\n", step_kind_name(s->kind));
	if (has_text(&s->heading)) {
		fputs("    heading: ", f);
		put_text(f, &s->heading, false);
		fputc('\n', f);
	}
	if (has_text(&s->body_src)) {   /* as written: its placeholders fill again */
		fputs("    text: ", f);
		put_text(f, &s->body_src, false);
		fputc('\n', f);
	} else if (has_text(&s->body)) {
		fputs("    text: ", f);
		put_text(f, &s->body, expands_text(s->kind));
		fputc('\n', f);
	}
	if (s->code.ex)
		put_code(f, &s->code);
	switch (s->kind) {
	case STEP_TEXT:
	case STEP_CODE:
	case STEP_KIND_COUNT:
		break;
	case STEP_SPLIT:
		fprintf(f, "    arch: %s\n", s->u.split.arch->name);
		put_hex(f, "    ", "addr", s->u.split.addr);
		break;
	case STEP_COMPARE:
		put_hex(f, "    ", "addr", s->u.compare.addr);
		fputs("    archs: [", f);
		for (size_t i = 0; i < s->u.compare.narch; i++)
			fprintf(f, "%s%s", i ? ", " : "", s->u.compare.arch[i]->name);
		fputs("]\n", f);
		break;
	case STEP_WALK: {
		const struct step_walk *w = &s->u.walk;
		fprintf(f, "    arch: %s\n", w->setup.arch->name);
		put_roots(f, &w->setup);
		if (put_entries(f, w->setup.mem, w->setup.arch) < 0)
			goto oom;
		put_hex(f, "    ", "addr", w->addr);
		put_access(f, w->access);
		break;
	}
	case STEP_FAULT: {
		const struct step_fault *fl = &s->u.fault;
		fprintf(f, "    arch: %s\n", fl->setup.arch->name);
		put_hex(f, "    ", "tables_at", fl->setup.master_cr3);
		put_hex(f, "    ", "cr3", fl->setup.cr3);
		if (put_entries(f, fl->setup.mem, fl->setup.arch) < 0)
			goto oom;
		put_hex(f, "    ", "addr", fl->addr);
		put_access(f, fl->access);
		put_hex(f, "    ", "task_size", fl->task_size);
		put_vmas(f, fl->vmas, fl->nvmas);
		break;
	}
	case STEP_REPLAY: {
		char *abs = realpath(s->u.replay.trace_path, NULL);
		fputs("    trace: ", f);
		put_str(f, abs ? abs : s->u.replay.trace_path, false);
		free(abs);
		fprintf(f, "\n    event: %llu\n", (unsigned long long)s->u.replay.seq);
		break;
	}
	case STEP_QUIZ:
		return put_quiz(f, s, d, path);
	}
	return 0;
oom:
	diag_set(d, path, s->line, s->col, "out of memory");
	return -1;
}

int lesson_write(const struct lesson *l, FILE *f, struct diag *d)
{
	bool any = false;

	fputs("# written by pagewalk (lesson_write)\ntitle: ", f);
	put_text(f, &l->title, false);
	fputc('\n', f);
	if (has_text(&l->summary)) {
		fputs("summary: ", f);
		put_text(f, &l->summary, false);
		fputc('\n', f);
	}
	fprintf(f, "arch: %s\n", l->arch->name);
	for (size_t i = 0; i < l->nexcerpts; i++) {
		const struct excerpt *e = &l->excerpts[i];
		if (!e->id)
			continue;
		if (!any)
			fputs("code:\n", f);
		any = true;
		fputs("  ", f);
		put_str(f, e->id, false);
		fputs(":\n", f);
		put_source(f, e, "    ");
	}
	fputs("steps:\n", f);
	for (size_t i = 0; i < l->nsteps; i++)
		if (put_step(f, &l->steps[i], d, l->path) < 0)
			return -1;
	if (fflush(f) != 0 || ferror(f)) {
		diag_set(d, l->path, 0, 0, "cannot write the lesson");
		return -1;
	}
	return 0;
}
