/* SPDX-License-Identifier: GPL-2.0-only */
/* linuxtab.c - guest/linux/linux.tab: parse, look up, plan a run. */
#include "record/linuxtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paging/arch.h"
#include "record/recfile.h"
#include "util/text.h"

extern const char record_cfg_linux_linux_tab[];

struct linuxtab {
	char *text;                   /* the table, cut into words in place */
	struct linuxtab_row *rows;
	size_t nrows;
	const char **words;           /* every row's keys and values */
};

/* The keys each kind must have and the ones it may have. */
static const struct {
	const char *kind;
	const char *need[6];
	const char *may[5];
} kinds[] = {
	{ "variant", { "arch", "configs", "cc", "image", NULL }, { "cross", "base", "driver", NULL } },
	{ "mode", { "paging", "variant", "qemu", "cpu", "console", "mem" },
	  { "machine", "gdb", "append", NULL } },
	{ "scenario", { "steps", NULL }, { "modes", "variant", "mem", "append", "by" } },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static bool listed_in(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n && list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

bool linuxtab_listed(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);
		if (k == n && memcmp(p, word, n) == 0)
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

const char *linuxtab_value(const struct linuxtab_row *r, const char *key)
{
	for (size_t i = 0; r && i < r->nkeys; i++)
		if (strcmp(r->keys[i], key) == 0)
			return r->values[i];
	return NULL;
}

const struct linuxtab_row *linuxtab_find(const struct linuxtab *t, const char *kind,
					 const char *name)
{
	for (size_t i = 0; t && i < t->nrows; i++)
		if (strcmp(t->rows[i].kind, kind) == 0 && strcmp(t->rows[i].name, name) == 0)
			return &t->rows[i];
	return NULL;
}

const struct linuxtab_row *linuxtab_nth(const struct linuxtab *t, const char *kind, size_t n)
{
	for (size_t i = 0; t && i < t->nrows; i++)
		if (strcmp(t->rows[i].kind, kind) == 0 && n-- == 0)
			return &t->rows[i];
	return NULL;
}

void linuxtab_names(const struct linuxtab *t, const char *kind, char *buf, size_t len)
{
	size_t n = 0, count = 0, used = 0;
	const struct linuxtab_row *r;

	for (size_t i = 0; (r = linuxtab_nth(t, kind, i)); i++)
		count += !linuxtab_value(r, "by");
	buf[0] = 0;
	for (size_t i = 0; (r = linuxtab_nth(t, kind, i)) && used < len; i++) {
		if (linuxtab_value(r, "by"))
			continue;   /* chosen by an option, not by its name */
		const char *sep = n == 0 ? "" : n + 1 == count ? " and " : ", ";
		int w = snprintf(buf + used, len - used, "%s%s", sep, r->name);
		if (w < 0)
			break;
		used += (size_t)w;
		n++;
	}
	(void)n;
}

/* Split line (NUL-terminated, writable) into the row r: kind, name, then
 * KEY=VALUE words up to a lone ":" (the sentence after it). Keys and values
 * go to words[*nw...]. 0, or -1 with *why. */
static int split_row(char *line, struct linuxtab_row *r, const char **words, size_t *nw,
		     const char **why)
{
	char *w[64];
	size_t n = 0;
	char *p = line, *colon = strstr(line, " : ");

	r->why = "";
	if (colon) {
		*colon = 0;
		r->why = colon + 3;
	}
	while (*p && n < 64) {
		while (*p == ' ' || *p == '\t')
			*p++ = 0;
		if (!*p)
			break;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	if (n < 2) {
		*why = "a row needs a kind and a name";
		return -1;
	}
	r->kind = w[0];
	r->name = w[1];
	r->keys = words + *nw;
	r->values = words + *nw + (n - 2);
	r->nkeys = n - 2;
	for (size_t i = 2; i < n; i++) {
		char *eq = strchr(w[i], '=');
		if (!eq || eq == w[i] || !eq[1]) {
			*why = "a row's words after its name are KEY=VALUE (no spaces)";
			return -1;
		}
		*eq = 0;
		words[*nw + i - 2] = w[i];
		words[*nw + (n - 2) + i - 2] = eq + 1;
	}
	*nw += 2 * (n - 2);
	return 0;
}

/* The kind's keys: every needed one, no unknown one, none twice. */
static int check_keys(const struct linuxtab_row *r, const char **why)
{
	size_t k;

	for (k = 0; k < NKINDS; k++)
		if (strcmp(kinds[k].kind, r->kind) == 0)
			break;
	if (k == NKINDS) {
		*why = "unknown kind of row (variant, mode, scenario)";
		return -1;
	}
	for (size_t i = 0; i < 6 && kinds[k].need[i]; i++)
		if (!linuxtab_value(r, kinds[k].need[i])) {
			*why = r->kind[0] == 'v' ? "a variant row needs arch, configs, cc and image"
			       : r->kind[0] == 'm' ? "a mode row needs paging, variant, qemu, cpu, "
						     "console and mem"
			       : "a scenario row needs steps";
			return -1;
		}
	for (size_t i = 0; i < r->nkeys; i++) {
		if (!listed_in(kinds[k].need, 6, r->keys[i]) && !listed_in(kinds[k].may, 5, r->keys[i])) {
			*why = "a key this kind of row does not have";
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(r->keys[i], r->keys[j]) == 0) {
				*why = "a key given twice";
				return -1;
			}
	}
	return 0;
}

static bool is_mib(const char *s)
{
	char *end;
	long v = s ? strtol(s, &end, 10) : 0;

	return s && *s && !*end && v >= 16 && v <= 65536;
}

/* What rows refer to must exist: a mode's variant and paging model, a
 * scenario's modes and variant; MiB in range. */
static int check_refs(const struct linuxtab *t, const struct linuxtab_row *r, const char **why)
{
	const char *v;

	if (linuxtab_find(t, r->kind, r->name) != r) {
		*why = "a second row of this kind with this name";
		return -1;
	}
	if (strcmp(r->kind, "mode") == 0) {
		*why = "the mode's variant has no variant row";
		if (!linuxtab_find(t, "variant", linuxtab_value(r, "variant")))
			return -1;
		*why = "the mode's paging model is not one pagewalk knows (engine/paging/arch.h)";
		if (!arch_by_name(linuxtab_value(r, "paging")))
			return -1;
	}
	if (strcmp(r->kind, "scenario") == 0) {
		const char *modes = linuxtab_value(r, "modes");
		for (const char *p = modes; p && *p;) {
			char m[64];
			size_t k = strcspn(p, ",");
			snprintf(m, sizeof m, "%.*s", (int)(k < sizeof m ? k : sizeof m - 1), p);
			*why = "the scenario names a mode that has no mode row";
			if (!linuxtab_find(t, "mode", m))
				return -1;
			p += k + (p[k] == ',');
		}
		*why = "the scenario's variant has no variant row";
		if ((v = linuxtab_value(r, "variant")) && !linuxtab_find(t, "variant", v))
			return -1;
	}
	*why = "mem= is MiB, 16 to 65536";
	if (((v = linuxtab_value(r, "mem")) && !is_mib(v)))
		return -1;
	return 0;
}

struct linuxtab *linuxtab_parse(const char *text, const char *name, struct diag *d)
{
	struct linuxtab *t = calloc(1, sizeof *t);
	size_t len = strlen(text), lines = 1, nw = 0;
	const char *why = NULL;
	int ln = 0;

	if (!t || !(t->text = strdup(text)))
		goto oom;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	t->rows = calloc(lines, sizeof *t->rows);
	t->words = calloc(len + 1, sizeof *t->words);
	if (!t->rows || !t->words)
		goto oom;
	for (char *l = t->text; l && *l;) {
		char *nl = strchr(l, '\n');
		struct linuxtab_row *r = &t->rows[t->nrows];
		if (nl)
			*nl = 0;
		ln++;
		if (*l && *l != '#') {
			if (!text_is_safe(l, false) || split_row(l, r, t->words, &nw, &why) < 0 ||
			    check_keys(r, &why) < 0)
				goto bad;
			r->line = ln;
			t->nrows++;
		}
		l = nl ? nl + 1 : NULL;
	}
	for (size_t i = 0; i < t->nrows; i++)
		if (check_refs(t, &t->rows[i], &why) < 0) {
			ln = t->rows[i].line;
			goto bad;
		}
	return t;
bad:
	diag_set(d, name, ln, 1, "%s", why ? why : "a control character in the table");
	linuxtab_free(t);
	return NULL;
oom:
	diag_set(d, name, 0, 0, "out of memory");
	linuxtab_free(t);
	return NULL;
}

void linuxtab_free(struct linuxtab *t)
{
	if (!t)
		return;
	free(t->text);
	free(t->rows);
	free(t->words);
	free(t);
}

struct linuxtab *linuxtab_builtin(struct diag *d)
{
	return linuxtab_parse(record_cfg_linux_linux_tab, "guest/linux/linux.tab", d);
}

int linuxtab_plan(const struct linuxtab *t, const char *mode, const char *scenario,
		  struct linuxtab_plan *p, struct diag *d)
{
	const struct linuxtab_row *m = linuxtab_find(t, "mode", mode);
	const struct linuxtab_row *s = linuxtab_find(t, "scenario", scenario), *v;
	const char *modes, *mem, *ma, *sa;
	char names[300], q[600];

	memset(p, 0, sizeof *p);
	if (!m) {
		linuxtab_names(t, "mode", names, sizeof names);
		diag_set(d, "", 0, 0, "--mode %s: Linux runs in %s", recfile_quote(mode, q, sizeof q),
			 names);
		return -1;
	}
	if (!s) {
		linuxtab_names(t, "scenario", names, sizeof names);
		diag_set(d, "", 0, 0, "--scenario %s: the Linux scenarios are %s",
			 recfile_quote(scenario, q, sizeof q), names);
		return -1;
	}
	modes = linuxtab_value(s, "modes");
	if (modes && !linuxtab_listed(modes, mode)) {
		/* "4level,5level" said "4level, 5level" */
		for (size_t i = 0, k = 0; k + 2 < sizeof names; i++) {
			names[k++] = modes[i];
			if (!modes[i])
				break;
			if (modes[i] == ',')
				names[k++] = ' ';
			names[k] = '\0';
		}
		diag_set(d, "", 0, 0, "--scenario %s runs in %s only%s%s", s->name, names,
			 s->why[0] ? ": " : "", s->why);
		return -1;
	}
	p->mode = m->name;
	p->scenario = s->name;
	p->variant = linuxtab_value(s, "variant");
	if (!p->variant)
		p->variant = linuxtab_value(m, "variant");
	v = linuxtab_find(t, "variant", p->variant);
	/* a scenario's own variant must be built for the mode's Linux ARCH */
	if (strcmp(linuxtab_value(v, "arch"),
		   linuxtab_value(linuxtab_find(t, "variant", linuxtab_value(m, "variant")),
				  "arch")) != 0) {
		diag_set(d, "", 0, 0, "--scenario %s boots the %s kernel, which cannot run in %s",
			 s->name, p->variant, m->name);
		return -1;
	}
	p->paging = linuxtab_value(m, "paging");
	p->arch = linuxtab_value(v, "arch");
	p->qemu = linuxtab_value(m, "qemu");
	p->cpu = linuxtab_value(m, "cpu");
	p->console = linuxtab_value(m, "console");
	p->image = linuxtab_value(v, "image");
	p->cc = linuxtab_value(v, "cc");
	p->cross = linuxtab_value(v, "cross");
	if (!p->cross)
		p->cross = "";
	p->machine = linuxtab_value(m, "machine");
	p->gdb = linuxtab_value(m, "gdb");
	if (!p->gdb)
		p->gdb = "gdb";
	p->steps = linuxtab_value(s, "steps");
	ma = linuxtab_value(m, "append");
	sa = linuxtab_value(s, "append");
	if ((size_t)snprintf(p->appendbuf, sizeof p->appendbuf, "%s%s%s", ma ? ma : "",
			     ma && sa ? "," : "", sa ? sa : "") >= sizeof p->appendbuf) {
		diag_set(d, "", 0, 0, "--mode %s --scenario %s: the kernel words are too long",
			 m->name, s->name);
		return -1;
	}
	p->append = p->appendbuf;
	mem = linuxtab_value(s, "mem");
	p->mem = (unsigned)strtoul(mem ? mem : linuxtab_value(m, "mem"), NULL, 10);
	return 0;
}
