/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson.c - the lesson model's helpers: names, freeing, placeholders,
 * finding a replay step's trace. Loading is in lesson_load.c; finding and
 * listing lesson files is the catalog's (engine/catalog). */
#include "lesson_int.h"
#include "datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *step_kind_name(enum step_kind k)
{
	static const char *const names[STEP_KIND_COUNT] = {
		"text", "split", "walk", "compare", "code", "quiz", "fault", "replay",
	};
	return (unsigned)k < STEP_KIND_COUNT ? names[k] : "?";
}

const char *quiz_kind_name(enum quiz_kind k)
{
	static const char *const names[QUIZ_KIND_COUNT] = {
		"index", "entry", "phys", "offset", "split", "macro", "fault-path",
		"error-bits", "error-code",
	};
	return (unsigned)k < QUIZ_KIND_COUNT ? names[k] : "?";
}

bool code_view_highlighted(const struct code_view *v, unsigned line)
{
	if (!v)
		return false;
	for (size_t i = 0; i < v->nhl; i++)
		if (line >= v->hl[i].first && line <= v->hl[i].last)
			return true;
	return false;
}

void arch_half(const struct arch *a, bool kernel, uint64_t *lo, uint64_t *hi)
{
	if (a->va_bits <= 32) {
		/* the default 3G/1G split: TASK_SIZE = PAGE_OFFSET = 0xC0000000 */
		*lo = kernel ? 0xc0000000ULL : 0;
		*hi = kernel ? 0xffffffffULL : 0xbfffffffULL;
	} else {
		uint64_t half = 1ULL << (a->va_bits - 1);
		*lo = kernel ? ~(half - 1) : 0;
		*hi = kernel ? ~0ULL : half - 1;
	}
}

/* ---- placeholders ---------------------------------------------------------- */

struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 64;
		char *p;
		while (ncap < b->len + n + 1)
			ncap *= 2;
		p = realloc(b->s, ncap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->s = p;
		b->cap = ncap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* How much of a placeholder name (n bytes) to quote in a message: at most
 * 40 bytes, never cutting a UTF-8 sequence in two. */
static int quote_len(const char *name, size_t n)
{
	size_t cut = n > 40 ? 40 : n;

	while (cut > 0 && cut < n && ((unsigned char)name[cut] & 0xc0) == 0x80)
		cut--;
	return (int)cut;
}

int text_expand(const char *in, ph_resolve_fn *fn, void *ctx, char **out,
		char *why, size_t whylen)
{
	struct sbuf b = { 0 };
	const char *p = in;

	sb_add(&b, "", 0);
	while (*p) {
		const char *open = strpbrk(p, "{}");
		if (!open) {
			sb_add(&b, p, strlen(p));
			break;
		}
		sb_add(&b, p, (size_t)(open - p));
		if (open[0] == '}') {
			sb_add(&b, "}", 1);
			p = open + (open[1] == '}' ? 2 : 1);
			continue;
		}
		if (open[1] == '{') {
			sb_add(&b, "{", 1);
			p = open + 2;
			continue;
		}
		const char *close = strchr(open + 1, '}');
		const char *nl = strchr(open + 1, '\n');
		if (!close || (nl && nl < close)) {
			snprintf(why, whylen, "a '{' is not closed (write {{ for a brace)");
			goto fail;
		}
		const char *name = open + 1;
		size_t nlen = (size_t)(close - name);
		const char *colon = memchr(name, ':', nlen);
		char fmt = 0;
		if (colon) {
			if (close - colon != 2 || (colon[1] != 'x' && colon[1] != 'd')) {
				snprintf(why, whylen, "placeholder {%.*s}: the format after ':' is x or d",
					 quote_len(name, nlen), name);
				goto fail;
			}
			fmt = colon[1];
			nlen = (size_t)(colon - name);
		}
		struct ph_value v = { 0 };
		if (nlen == 0 || nlen > 40) {
			snprintf(why, whylen, "unknown placeholder {%.*s} (write {{ for a brace)",
				 quote_len(name, nlen), name);
			goto fail;
		}
		if (fn(ctx, name, nlen, &v, why, whylen) < 0)
			goto fail;
		char num[32];
		if (v.is_num) {
			bool hex = fmt ? fmt == 'x' : v.hex;
			snprintf(num, sizeof num, hex ? "0x%llx" : "%llu", (unsigned long long)v.num);
			sb_add(&b, num, strlen(num));
		} else {
			if (fmt) {
				snprintf(why, whylen, "placeholder {%.*s} is not a number", (int)nlen, name);
				goto fail;
			}
			sb_add(&b, v.str, strlen(v.str));
		}
		p = close + 1;
	}
	if (b.oom) {
		free(b.s);
		return -2;
	}
	*out = b.s;
	return 0;
fail:
	free(b.s);
	return -1;
}

int text_expand_all(struct text *t, ph_resolve_fn *fn, void *ctx, char *why,
		    size_t whylen)
{
	for (int i = 0; i < LANG_COUNT; i++) {
		char *o;
		int rc;
		if (!t->s[i])
			continue;
		rc = text_expand(t->s[i], fn, ctx, &o, why, whylen);
		if (rc < 0)
			return rc;
		free(t->s[i]);
		t->s[i] = o;
	}
	return 0;
}

/* ---- freeing ----------------------------------------------------------------- */

void table_setup_clear(struct table_setup *s)
{
	physmem_free(s->mem);
	free(s->pages);
	s->mem = NULL;
	s->pages = NULL;
	s->npages = 0;
}

void step_clear(struct step *s)
{
	text_clear(&s->heading);
	text_clear(&s->body);
	free(s->code.hl);
	switch (s->kind) {
	case STEP_WALK:
		table_setup_clear(&s->u.walk.setup);
		break;
	case STEP_FAULT:
		if (s->u.fault.mem_after != s->u.fault.setup.mem)
			physmem_free(s->u.fault.mem_after);
		table_setup_clear(&s->u.fault.setup);
		free(s->u.fault.vmas);
		break;
	case STEP_REPLAY:
		free(s->u.replay.trace_path);
		free(s->u.replay.trace_shown);
		free(s->u.replay.source);
		break;
	case STEP_QUIZ: {
		struct step_quiz *q = &s->u.quiz;
		text_clear(&q->question);
		for (size_t i = 0; i < q->nhints; i++)
			text_clear(&q->hints[i]);
		free(q->hints);
		for (size_t i = 0; i < q->nmacros; i++)
			free(q->macros[i]);
		free(q->macros);
		free(q->error_codes);
		table_setup_clear(&q->setup);
		free(q->mapped);
		free(q->vmas);
		break;
	}
	default:
		break;
	}
	memset(s, 0, sizeof *s);
}

void lesson_free(struct lesson *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->nsteps; i++)
		step_clear(&l->steps[i]);
	free(l->steps);
	for (size_t i = 0; i < l->nexcerpts; i++) {
		struct excerpt *e = &l->excerpts[i];
		free(e->id);
		free(e->file);
		free(e->version);
		free(e->lang);
		for (size_t j = 0; j < e->nlines; j++)
			free(e->lines[j]);
		free(e->lines);
	}
	free(l->excerpts);
	text_clear(&l->title);
	text_clear(&l->summary);
	free(l->path);
	free(l->name);
	free(l);
}

/* ---- finding a replay step's trace ------------------------------------------ */

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int lesson_trace_find(const char *lesson_path, const char *name, char *out,
		      size_t outlen)
{
	const char *slash = strrchr(lesson_path, '/');
	const char *base = strrchr(name, '/');
	const char *dirs[DATADIR_SEARCH_MAX];
	char first[4096];
	int n;

	if (name[0] == '/') {
		snprintf(out, outlen, "%s", name);
		return is_file(out) ? 0 : -1;
	}
	/* lessons/08.yaml -> NAME; a/lessons/08.yaml -> a/NAME; 08.yaml ->
	 * ../NAME; ../08.yaml -> ../../NAME (a "." or ".." directory is not
	 * dropped: its parent is DIR/..) */
	if (!slash) {
		snprintf(first, sizeof first, "../%s", name);
	} else {
		int dl = (int)(slash - lesson_path);
		const char *last = lesson_path + dl;
		while (last > lesson_path && last[-1] != '/')
			last--;
		int ll = (int)(lesson_path + dl - last);
		if (ll == 0 || (ll == 1 && last[0] == '.') ||
		    (ll == 2 && last[0] == '.' && last[1] == '.'))
			snprintf(first, sizeof first, "%.*s/../%s", dl, lesson_path, name);
		else if (last == lesson_path)
			snprintf(first, sizeof first, "%s", name);
		else
			snprintf(first, sizeof first, "%.*s%s", (int)(last - lesson_path),
				 lesson_path, name);
	}
	snprintf(out, outlen, "%s", first);
	if (is_file(out))
		return 0;
	base = base ? base + 1 : name;
	n = datadir_search(DATA_TRACES, dirs);
	for (int i = 0; i < n; i++) {
		snprintf(out, outlen, "%s/%s", dirs[i], base);
		if (is_file(out))
			return 0;
	}
	snprintf(out, outlen, "%s", first);
	return -1;
}
