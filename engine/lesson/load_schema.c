/* SPDX-License-Identifier: GPL-2.0-only */
/* load_schema.c - the lesson schema's basic values: the failure helper, text,
 * arch, numbers, addresses, levels, access and the step key lists. */
#include "load_int.h"
#include "paging/arm64.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fill the diag at node n's mark; returns -1 for `return FAILN(...)`. */
int ld_fail(struct ld *ld, const struct ynode *n, const char *fmt, ...)
{
	char msg[sizeof ld->d->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(ld->d, ld->path, n ? n->line : 0, n ? n->col : 0, "%s", msg);
	return -1;
}

bool ld_key_eq(const struct ynode *k, const char *s)
{
	size_t n = strlen(s);
	return k->kind == YNODE_SCALAR && k->len == n && memcmp(k->str, s, n) == 0;
}

/* ---- basic values ------------------------------------------------------------ */

int ld_text(struct ld *ld, const struct ynode *n, bool newlines,
		    const char *what, struct text *out)
{
	static const char *const langs[] = { "en", "ja", NULL };

	if (n->kind == YNODE_SCALAR)
		return ynode_string(n, newlines, what, ld->path, ld->d, &out->s[LANG_EN]);
	if (n->kind != YNODE_MAP)
		return FAILN(ld, n, "%s must be a string or a map {en: ..., ja: ...}, not %s",
			     what, ynode_kind_name(n->kind));
	if (ynode_known_keys(n, langs, what, ld->path, ld->d) < 0 ||
	    ynode_require(n, "en", what, ld->path, ld->d) < 0)
		return -1;
	for (int i = 0; i < LANG_COUNT; i++) {
		const struct ynode *v = ynode_get(n, langs[i]);
		if (v && ynode_string(v, newlines, what, ld->path, ld->d, &out->s[i]) < 0)
			return -1;
	}
	return 0;
}

int ld_arch(struct ld *ld, const struct ynode *n, const struct arch **out)
{
	char q[64], why[400];

	if (n->kind != YNODE_SCALAR)
		return FAILN(ld, n, "arch must be a string, not %s", ynode_kind_name(n->kind));
	if (!memchr(n->str, '\0', n->len) && (*out = arch_by_name(n->str)))
		return 0;
	if (!memchr(n->str, '\0', n->len) && arm64_refusal(n->str, why, sizeof why))
		return FAILN(ld, n, "%s", why);
	ynode_quote(n, q, sizeof q);
	return FAILN(ld, n, "unknown arch %s (%s)", q, arch_names());
}

/* The step's arch: its own `arch:` or the lesson's. */
int ld_step_arch(struct ld *ld, const struct ynode *m, const struct arch **out)
{
	const struct ynode *n = ynode_get(m, "arch");

	*out = ld->l->arch;
	return n ? ld_arch(ld, n, out) : 0;
}

int ld_u64(struct ld *ld, const struct ynode *n, uint64_t max, const char *what,
		   uint64_t *out)
{
	return ynode_u64(n, max, what, ld->path, ld->d, out);
}

/* A linear address that fits arch a (canonical on x86-64). */
int ld_addr(struct ld *ld, const struct ynode *n, const struct arch *a,
		    const char *what, uint64_t *out)
{
	struct addr_fields f;
	struct diag ad = { 0 };

	if (ld_u64(ld, n, UINT64_MAX, what, out) < 0)
		return -1;
	if (addr_split(a, *out, &f, &ad) < 0)
		return FAILN(ld, n, "%s: %s", what, ad.msg);
	return 0;
}

uint64_t ld_pa_max(const struct arch *a)
{
	return a->pa_bits >= 64 ? UINT64_MAX : (1ULL << a->pa_bits) - 1;
}

uint64_t ld_entry_max(const struct arch *a)
{
	return a->entry_size == 4 ? 0xffffffffULL : UINT64_MAX;
}

const char *const ld_level_words[] = { "pgd", "p4d", "pud", "pmd", "pte", NULL };

int ld_level(struct ld *ld, const struct ynode *n, enum level *out)
{
	int i;

	if (ynode_enum(n, ld_level_words, "level", ld->path, ld->d, &i) < 0)
		return -1;
	*out = (enum level)i;
	return 0;
}

int ld_access(struct ld *ld, const struct ynode *m, struct access *out)
{
	static const char *const kinds[] = { "read", "write", "exec", NULL };
	const struct ynode *n;
	int k;

	out->kind = ACCESS_READ;
	out->user = false;
	if ((n = ynode_get(m, "access"))) {
		if (ynode_enum(n, kinds, "access", ld->path, ld->d, &k) < 0)
			return -1;
		out->kind = (enum access_kind)k;
	}
	if ((n = ynode_get(m, "user")) && ynode_bool(n, "user", ld->path, ld->d, &out->user) < 0)
		return -1;
	return 0;
}

/* ---- steps ------------------------------------------------------------------------ */

static const char *const common_keys[] = { "kind", "heading", "text", "code" };
#define NCOMMON 4

/* Check m's keys: the common ones plus extra[]. */
int ld_step_keys(struct ld *ld, const struct ynode *m, const char *const *extra,
		     const char *kind)
{
	const char *all[40];
	size_t n = 0;
	char what[40];

	for (size_t i = 0; i < NCOMMON; i++)
		all[n++] = common_keys[i];
	for (size_t i = 0; extra && extra[i] && n < 39; i++)
		all[n++] = extra[i];
	all[n] = NULL;
	snprintf(what, sizeof what, "a %s step", kind);
	return ynode_known_keys(m, all, what, ld->path, ld->d);
}

int ld_need(struct ld *ld, const struct ynode *m, const char *key, const char *kind)
{
	char what[40];

	snprintf(what, sizeof what, "a %s step", kind);
	return ynode_require(m, key, what, ld->path, ld->d);
}
