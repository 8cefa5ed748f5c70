/* SPDX-License-Identifier: GPL-2.0-only */
/* placeholder.c - filling {placeholders} in lesson text (placeholder.h). */
#include "lesson/placeholder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"

bool ph_name_is(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(name, s, len) == 0;
}

struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	char *p = array_grow(b->s, &b->cap, b->len + n + 1, 1, 64);

	if (!p) {
		b->oom = true;
		return;
	}
	b->s = p;
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
		struct diag *d)
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
			diag_set(d, NULL, 0, 0, "a '{' is not closed (write {{ for a brace)");
			goto fail;
		}
		const char *name = open + 1;
		size_t nlen = (size_t)(close - name);
		const char *colon = memchr(name, ':', nlen);
		char fmt = 0;
		if (colon) {
			if (close - colon != 2 || (colon[1] != 'x' && colon[1] != 'd')) {
				diag_set(d, NULL, 0, 0, "placeholder {%.*s}: the format after ':' is x or d",
					 quote_len(name, nlen), name);
				goto fail;
			}
			fmt = colon[1];
			nlen = (size_t)(colon - name);
		}
		struct ph_value v = { 0 };
		if (nlen == 0 || nlen > 40) {
			diag_set(d, NULL, 0, 0, "unknown placeholder {%.*s} (write {{ for a brace)",
				 quote_len(name, nlen), name);
			goto fail;
		}
		if (fn(ctx, name, nlen, &v, d) < 0)
			goto fail;
		char num[32];
		if (v.is_num) {
			bool hex = fmt ? fmt == 'x' : v.hex;
			if (hex)
				snprintf(num, sizeof num, "0x%0*llx", (int)v.digits,
					 (unsigned long long)v.num);
			else
				snprintf(num, sizeof num, "%llu", (unsigned long long)v.num);
			sb_add(&b, num, strlen(num));
		} else {
			if (fmt) {
				diag_set(d, NULL, 0, 0, "placeholder {%.*s} is not a number", (int)nlen, name);
				goto fail;
			}
			sb_add(&b, v.str, strlen(v.str));
		}
		p = close + 1;
	}
	if (b.oom) {
		diag_set(d, NULL, 0, 0, "out of memory");
		goto fail;
	}
	*out = b.s;
	return 0;
fail:
	free(b.s);
	return -1;
}

int text_expand_all(struct text *t, ph_resolve_fn *fn, void *ctx, struct diag *d)
{
	for (int i = 0; i < LANG_COUNT; i++) {
		char *o;
		if (!t->s[i])
			continue;
		if (text_expand(t->s[i], fn, ctx, &o, d) < 0)
			return -1;
		free(t->s[i]);
		t->s[i] = o;
	}
	return 0;
}
