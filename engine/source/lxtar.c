/* SPDX-License-Identifier: GPL-2.0-only */
/* lxtar.c - tar headers (ustar, GNU and pax), read from a stream of bytes.
 *
 * The walker is fed the uncompressed tarball in pieces of any size and
 * reports each member with the offset of its header, so the member map
 * can send a later reader straight to it. It understands what GNU tar
 * writes: ustar headers, GNU long names ('L', 'K'), pax records ('x',
 * 'g': path, size, mtime), base-256 numbers; every header's checksum is
 * checked. Anything else is an error with its offset, never a guess.
 */
#include "linuxsrc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXT_MAX (1u << 20)     /* bytes of a long name or a pax header */

enum { W_HDR, W_DATA, W_PAD, W_END };

/* A numeric field: octal (spaces and NULs around it), or base-256 when
 * its first byte has the top bit. 0, or -1. */
static int num_field(const unsigned char *f, size_t n, uint64_t *v)
{
	size_t i = 0;

	*v = 0;
	if (f[0] & 0x80) {
		if (f[0] != 0x80)
			return -1;       /* negative, or more than 64 bits */
		for (i = 1; i < n; i++) {
			if (*v >> 56)
				return -1;
			*v = *v << 8 | f[i];
		}
		return 0;
	}
	while (i < n && f[i] == ' ')
		i++;
	for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
		if (*v >> 61)
			return -1;
		*v = *v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < n; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	return 0;
}

/* Is the header's checksum right (summed as unsigned or as signed bytes)? */
static bool sum_ok(const unsigned char *h)
{
	uint64_t want;
	long u = 0, s = 0;

	if (num_field(h + 148, 8, &want) < 0)
		return false;
	for (int i = 0; i < LXTAR_BLOCK; i++) {
		int c = i >= 148 && i < 156 ? ' ' : h[i];
		u += c;
		s += i >= 148 && i < 156 ? ' ' : (signed char)h[i];
	}
	return (uint64_t)u == want || (uint64_t)s == want;
}

static bool all_zero(const unsigned char *h)
{
	for (int i = 0; i < LXTAR_BLOCK; i++)
		if (h[i])
			return false;
	return true;
}

/* The name a ustar header holds: POSIX "ustar\0" may split it into
 * prefix/name; GNU's magic has no prefix field. */
static void header_name(const unsigned char *h, char *out, size_t len)
{
	int nn = (int)strnlen((const char *)h, 100);
	int pn = !memcmp(h + 257, "ustar\0", 6) ? (int)strnlen((const char *)h + 345, 155) : 0;

	if (pn)
		snprintf(out, len, "%.*s/%.*s", pn, (const char *)h + 345, nn, (const char *)h);
	else
		snprintf(out, len, "%.*s", nn, (const char *)h);
}

static char kind_of(unsigned char t)
{
	switch (t) {
	case '0': case '\0': case '7': return 'f';
	case '1': return 'h';
	case '2': return 'l';
	case '5': return 'd';
	default: return 'o';
	}
}

bool lxtar_header_is(const unsigned char *h, const char *name, uint64_t size, int64_t mtime)
{
	char hn[300];
	uint64_t sz, mt;
	size_t hl;

	if (!sum_ok(h) || kind_of(h[156]) != 'f' || num_field(h + 124, 12, &sz) < 0 ||
	    num_field(h + 136, 12, &mt) < 0 || sz != size || (int64_t)mt != mtime)
		return false;
	header_name(h, hn, sizeof hn);
	hl = strlen(hn);
	/* a name too long for the header is there cut short */
	return hl && !strncmp(name, hn, hl) && (name[hl] == '\0' || hl >= 90);
}

void lxtar_init(struct lxtar_walk *w, lxtar_fn fn, void *ctx)
{
	memset(w, 0, sizeof *w);
	w->fn = fn;
	w->ctx = ctx;
	w->state = W_HDR;
}

void lxtar_fini(struct lxtar_walk *w)
{
	free(w->ext);
	w->ext = NULL;
}

static int bad(struct lxtar_walk *w, const char *what)
{
	snprintf(w->err, sizeof w->err, "not a tar archive GNU tar can write: %s at byte %llu",
		 what, (unsigned long long)(w->pos - w->got));
	return -1;
}

/* Apply the pax records in w->ext to the next header. */
static int pax_apply(struct lxtar_walk *w)
{
	size_t i = 0;

	while (i < w->ext_len) {
		char *end, *rec = w->ext + i, *eq;
		unsigned long n = strtoul(rec, &end, 10);
		if (end == rec || *end != ' ' || n < 5 || n > w->ext_len - i || rec[n - 1] != '\n')
			return bad(w, "a broken pax record");
		rec[n - 1] = '\0';
		eq = strchr(end + 1, '=');
		if (!eq)
			return bad(w, "a pax record without '='");
		*eq = '\0';
		if (!strcmp(end + 1, "path")) {
			snprintf(w->longname, sizeof w->longname, "%s", eq + 1);
			w->pax_path = true;
		} else if (!strcmp(end + 1, "size")) {
			w->pax_sz = strtoull(eq + 1, NULL, 10);
			w->pax_size = true;
		} else if (!strcmp(end + 1, "mtime")) {
			w->pax_mt = strtoll(eq + 1, NULL, 10);
			w->pax_mtime = true;
		}
		i += n;
	}
	return 0;
}

/* A whole header is in w->hdr: start its member (or its extension). */
static int header(struct lxtar_walk *w)
{
	const unsigned char *h = w->hdr;
	uint64_t size, mt;
	unsigned char t = h[156];
	struct lxtar_ent e;
	char name[LXTAR_NAME_MAX];
	int stop = 0;

	if (all_zero(h)) {
		if (++w->zeros == 2) {
			w->done = true;
			w->state = W_END;
		}
		return 0;
	}
	w->zeros = 0;
	if (!sum_ok(h))
		return bad(w, "a header with a wrong checksum");
	if (num_field(h + 124, 12, &size) < 0 || num_field(h + 136, 12, &mt) < 0)
		return bad(w, "a header with a broken number");
	w->left = size;
	w->pad = (LXTAR_BLOCK - size % LXTAR_BLOCK) % LXTAR_BLOCK;
	w->cap = NULL;
	w->state = W_DATA;
	if (t == 'L' || t == 'K' || t == 'x' || t == 'g') {
		w->ext_kind = (char)t;
		w->ext_len = 0;
		if (size > EXT_MAX)
			return bad(w, "a long name or pax header over 1 MiB");
		if (size + 1 > w->ext_cap) {
			char *p = realloc(w->ext, size + 1);
			if (!p)
				return bad(w, "out of memory");
			w->ext = p;
			w->ext_cap = size + 1;
		}
		return 0;
	}
	w->ext_kind = 0;
	if (t == 'V')
		return 0;        /* a volume label: not a member */
	if (w->pax_path || w->have_long)
		snprintf(name, sizeof name, "%s", w->longname);
	else
		header_name(h, name, sizeof name);
	if (w->pax_size) {
		w->left = w->pax_sz;
		w->pad = (LXTAR_BLOCK - w->left % LXTAR_BLOCK) % LXTAR_BLOCK;
	}
	e = (struct lxtar_ent){ .name = name, .type = kind_of(t), .hdr = w->pos - LXTAR_BLOCK,
				.data = w->pos, .size = w->left,
				.mtime = w->pax_mtime ? w->pax_mt : (int64_t)mt };
	w->have_long = w->pax_path = w->pax_size = w->pax_mtime = false;
	w->cap = w->fn(w->ctx, &e, &stop);
	w->cap_at = 0;
	if (stop < 0) {
		if (!w->err[0])
			snprintf(w->err, sizeof w->err, "stopped");
		return -1;
	}
	return 0;
}

/* The data of an extension header has all come. */
static int ext_done(struct lxtar_walk *w)
{
	w->ext[w->ext_len] = '\0';
	if (w->ext_kind == 'L') {
		snprintf(w->longname, sizeof w->longname, "%s", w->ext);
		w->have_long = true;
	} else if (w->ext_kind == 'x') {
		return pax_apply(w);
	}
	return 0;   /* 'K' (a long link target) and 'g' change nothing we keep */
}

int lxtar_feed(struct lxtar_walk *w, const unsigned char *buf, size_t n)
{
	while (n) {
		size_t k;
		switch (w->state) {
		case W_END:
			w->pos += n;
			return 0;
		case W_HDR:
			k = LXTAR_BLOCK - w->got < n ? LXTAR_BLOCK - w->got : n;
			memcpy(w->hdr + w->got, buf, k);
			w->got += k;
			w->pos += k;
			buf += k;
			n -= k;
			if (w->got == LXTAR_BLOCK) {
				int r = header(w);
				w->got = 0;
				if (r < 0)
					return -1;
			}
			break;
		case W_DATA:
			k = w->left < n ? (size_t)w->left : n;
			if (w->ext_kind) {
				memcpy(w->ext + w->ext_len, buf, k);
				w->ext_len += k;
			} else if (w->cap) {
				memcpy(w->cap + w->cap_at, buf, k);
				w->cap_at += k;
			}
			w->left -= k;
			w->pos += k;
			buf += k;
			n -= k;
			if (!w->left) {
				if (w->ext_kind && ext_done(w) < 0)
					return -1;
				w->ext_kind = 0;
				w->state = W_PAD;
			}
			break;
		default:   /* W_PAD */
			k = w->pad < n ? (size_t)w->pad : n;
			w->pad -= k;
			w->pos += k;
			buf += k;
			n -= k;
			if (!w->pad)
				w->state = W_HDR;
			break;
		}
	}
	return 0;
}
