/* SPDX-License-Identifier: GPL-2.0-only */
/* lxmap.c - the member map: where each member of the tarball is.
 *
 *   pagewalk-linux-map 1 size=S mtime=M usize=U members=N bytes=B upload=V crc=C
 *   arch/x86/mm/fault.c<TAB>f 1234567 45678 1669459964 9a8b7c6d
 *   ...
 *
 * One line per member below the top directory, sorted by name (bytewise):
 * kind (f d l h o), the offset of its ustar header in the uncompressed
 * stream, its size and time, and the CRC-32 of the line before it. The
 * header names the tarball (size and time, uncompressed size), the count
 * and the file's length; its own CRC ends it. A lookup is a binary search
 * over the mmap'd text touching about twenty lines, each checked: a map
 * that does not hold together is said to be damaged, never trusted.
 */
#include "linuxsrc_int.h"
#include "util/array.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- sorted listings ---- */

int lxlist_map(struct lxlist *l, const char *path, const char *magic, char *why, size_t wlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	void *p;
	const char *nl;

	memset(l, 0, sizeof *l);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		snprintf(why, wlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 1 ||
	    (uint64_t)st.st_size > (1ull << 30)) {
		snprintf(why, wlen, "%s is not a listing", path);
		close(fd);
		return -1;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		snprintf(why, wlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	l->buf = p;
	l->len = (size_t)st.st_size;
	nl = memchr(l->buf, '\n', l->len);
	if (strncmp(l->buf, magic, strlen(magic) < l->len ? strlen(magic) : l->len) ||
	    strlen(magic) > l->len || !nl) {
		snprintf(why, wlen, "%s is damaged (its first line)", path);
		lxlist_unmap(l);
		return -1;
	}
	l->body = (size_t)(nl - l->buf) + 1;
	return 0;
}

void lxlist_unmap(struct lxlist *l)
{
	if (l->buf)
		munmap((void *)l->buf, l->len);
	memset(l, 0, sizeof *l);
}

/* Where " key=" starts its value in the header line, or NULL. */
static const char *header_value(const struct lxlist *l, const char *key)
{
	size_t kl = strlen(key), end = l->body ? l->body - 1 : 0;

	for (size_t i = 0; i + kl + 2 <= end; i++)
		if (l->buf[i] == ' ' && !memcmp(l->buf + i + 1, key, kl) && l->buf[i + 1 + kl] == '=')
			return l->buf + i + kl + 2;
	return NULL;
}

int lxlist_header_u64(const struct lxlist *l, const char *key, uint64_t *v)
{
	const char *p = header_value(l, key), *end = l->buf + (l->body ? l->body - 1 : 0);

	*v = 0;
	if (!p || p >= end || *p < '0' || *p > '9')
		return -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (*v > (UINT64_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (uint64_t)(*p - '0');
	}
	return p == end || *p == ' ' ? 0 : -1;
}

int lxlist_header_word(const struct lxlist *l, const char *key, char *out, size_t len)
{
	const char *p = header_value(l, key), *end = l->buf + (l->body ? l->body - 1 : 0);
	size_t n = 0;

	if (!p)
		return -1;
	while (p + n < end && p[n] != ' ')
		n++;
	if (!n || n >= len)
		return -1;
	/* it goes into messages: a word of a version, nothing else */
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'z') ||
		      (p[i] >= 'A' && p[i] <= 'Z') || strchr(".+~-_:", p[i])))
			return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

int lxlist_find(const struct lxlist *l, const char *name, const char **line, size_t *n)
{
	size_t lo = l->body, hi = l->len, nl = strlen(name);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, ls = mid, tab;
		const char *le;
		int c;
		while (ls > lo && l->buf[ls - 1] != '\n')
			ls--;
		le = memchr(l->buf + ls, '\n', l->len - ls);
		if (!le)
			return -1;
		for (tab = ls; tab < (size_t)(le - l->buf) && l->buf[tab] != '\t'; tab++)
			;
		if (tab == (size_t)(le - l->buf))
			return -1;
		c = memcmp(name, l->buf + ls, nl < tab - ls ? nl : tab - ls);
		if (!c)
			c = nl < tab - ls ? -1 : nl > tab - ls;
		if (!c) {
			*line = l->buf + ls;
			*n = (size_t)(le - l->buf) - ls;
			return 1;
		}
		if (c < 0)
			hi = ls;
		else
			lo = (size_t)(le - l->buf) + 1;
	}
	return 0;
}

/* ---- the map ---- */

/* Parse a decimal number at *p (up to end), moving *p past it. */
static int dec(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;

	*v = 0;
	if (s >= end || *s < '0' || *s > '9' || (*s == '0' && s + 1 < end && s[1] >= '0' && s[1] <= '9'))
		return -1;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (*v > (UINT64_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	return 0;
}

static int hex32(const char *s, const char *end, uint32_t *v)
{
	*v = 0;
	if (end - s != 8)
		return -1;
	for (; s < end; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		*v = *v << 4 | (uint32_t)d;
	}
	return 0;
}

/* Check the header line of m->l: magic, fields, its CRC, the length. */
static int header_check(struct lxmap *m, char *why, size_t wlen)
{
	const char *crc = header_value(&m->l, "crc"), *end = m->l.buf + m->l.body - 1;
	uint64_t bytes, members;
	uint32_t want;

	if (!crc || hex32(crc, end, &want) < 0 ||
	    lzma_crc32((const uint8_t *)m->l.buf, (size_t)(crc - 5 - m->l.buf), 0) != want) {
		snprintf(why, wlen, "its first line is damaged");
		return -1;
	}
	if (lxlist_header_u64(&m->l, "size", &m->tsize) < 0 ||
	    lxlist_header_u64(&m->l, "mtime", (uint64_t *)&m->tmtime) < 0 ||
	    lxlist_header_u64(&m->l, "usize", &m->usize) < 0 ||
	    lxlist_header_u64(&m->l, "members", &members) < 0 ||
	    lxlist_header_u64(&m->l, "bytes", &bytes) < 0 ||
	    lxlist_header_word(&m->l, "upload", m->upload, sizeof m->upload) < 0) {
		snprintf(why, wlen, "its first line lacks a field");
		return -1;
	}
	if (bytes != m->l.len || m->l.buf[m->l.len - 1] != '\n') {
		snprintf(why, wlen, "it is %zu bytes long, its first line says %llu", m->l.len,
			 (unsigned long long)bytes);
		return -1;
	}
	return 0;
}

int lxmap_from_buffer(struct lxmap *m, const char *buf, size_t len, char *why, size_t wlen)
{
	const char *nl = memchr(buf, '\n', len);

	memset(m, 0, sizeof *m);
	if (!nl || len < strlen(LXMAP_MAGIC) || memcmp(buf, LXMAP_MAGIC, strlen(LXMAP_MAGIC))) {
		snprintf(why, wlen, "not a member map");
		return -1;
	}
	m->l = (struct lxlist){ .buf = buf, .len = len, .body = (size_t)(nl - buf) + 1 };
	if (header_check(m, why, wlen) < 0) {
		memset(m, 0, sizeof *m);
		return -1;
	}
	return 0;
}

int lxmap_open(struct lxmap *m, const char *path, uint64_t tsize, int64_t tmtime, char *why,
	       size_t wlen)
{
	char w[300];
	int r;

	memset(m, 0, sizeof *m);
	r = lxlist_map(&m->l, path, LXMAP_MAGIC, w, sizeof w);
	if (r) {
		if (r < 0)
			snprintf(why, wlen, "its member map is damaged (%s)", w);
		return r;
	}
	if (header_check(m, w, sizeof w) < 0) {
		snprintf(why, wlen, "its member map is damaged (%s)", w);
		goto fail;
	}
	if (m->tsize != tsize || m->tmtime != tmtime) {
		snprintf(why, wlen, "its member map is of another tarball (%llu bytes, time %lld)",
			 (unsigned long long)m->tsize, (long long)m->tmtime);
		goto fail;
	}
	return 0;
fail:
	lxmap_close(m);
	return -1;
}

void lxmap_close(struct lxmap *m)
{
	lxlist_unmap(&m->l);
}

int lxmap_find(const struct lxmap *m, const char *name, struct lxmap_ent *e)
{
	const char *line, *p, *end;
	size_t n;
	uint64_t mt;
	uint32_t crc;
	int r = lxlist_find(&m->l, name, &line, &n);

	if (r <= 0)
		return r;
	end = line + n;
	p = line + strlen(name) + 1;
	if (end - p < 12 || !strchr("fdlho", p[0]) || p[1] != ' ')
		return -1;
	e->type = p[0];
	p += 2;
	if (dec(&p, end, &e->hdr) < 0 || *p++ != ' ' || dec(&p, end, &e->size) < 0 ||
	    *p++ != ' ' || dec(&p, end, &mt) < 0 || *p != ' ' || hex32(p + 1, end, &crc) < 0)
		return -1;
	e->mtime = (int64_t)mt;
	if (lzma_crc32((const uint8_t *)line, (size_t)(p - line), 0) != crc ||
	    e->hdr % LXTAR_BLOCK || e->hdr + LXTAR_BLOCK + e->size > m->usize)
		return -1;
	return 1;
}

const char *lxmap_kind_name(char type)
{
	switch (type) {
	case 'f': return "a regular file";
	case 'd': return "a directory";
	case 'l': return "a symbolic link";
	case 'h': return "a hard link";
	default: return "a special file";
	}
}

/* ---- writing ---- */

static int rec_cmp(const void *a, const void *b)
{
	const struct lxmap_rec *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : x->e.hdr < y->e.hdr ? -1 : x->e.hdr > y->e.hdr;
}

/* Append to the buffer *out (length *n, capacity *cap). */
static int put(char **out, size_t *n, size_t *cap, const char *s, size_t len)
{
	char *g = array_grow(*out, cap, *n + len + 1, 1, 1 << 20);

	if (!g)
		return -1;
	*out = g;
	memcpy(*out + *n, s, len);
	*n += len;
	return 0;
}

int lxmap_write(int fd, struct lxmap_rec *recs, size_t n, uint64_t tsize, int64_t tmtime,
		uint64_t usize, const char *upload)
{
	char *body = NULL, line[LXTAR_NAME_MAX + 128], head[400];
	size_t blen = 0, bcap = 0, members = 0, hlen, digits;
	uint64_t total;
	int rc = -1;

	qsort(recs, n, sizeof *recs, rec_cmp);
	for (size_t i = 0; i < n; i++) {
		int len;
		if (i + 1 < n && !strcmp(recs[i].name, recs[i + 1].name))
			continue;    /* archived again later: the later one counts */
		len = snprintf(line, sizeof line, "%s\t%c %" PRIu64 " %" PRIu64 " %" PRId64, recs[i].name,
			       recs[i].e.type, recs[i].e.hdr, recs[i].e.size, recs[i].e.mtime);
		if (len < 0 || (size_t)len + 10 >= sizeof line)
			continue;
		len += snprintf(line + len, sizeof line - (size_t)len, " %08x\n",
				(unsigned)lzma_crc32((const uint8_t *)line, (size_t)len, 0));
		if (put(&body, &blen, &bcap, line, (size_t)len) < 0)
			goto out;
		members++;
	}
	/* the header holds the file's length, its own included */
	hlen = (size_t)snprintf(head, sizeof head, "%ssize=%" PRIu64 " mtime=%" PRId64 " usize=%"
				PRIu64 " members=%zu bytes=", LXMAP_MAGIC, tsize, tmtime, usize, members);
	for (digits = 1;; digits++) {
		char tail[200];
		total = hlen + digits + (size_t)snprintf(tail, sizeof tail, " upload=%s crc=00000000\n",
							 upload) + blen;
		if (snprintf(tail, sizeof tail, "%" PRIu64, total) == (int)digits)
			break;
	}
	hlen += (size_t)snprintf(head + hlen, sizeof head - hlen, "%" PRIu64 " upload=%s", total, upload);
	hlen += (size_t)snprintf(head + hlen, sizeof head - hlen, " crc=%08x\n",
				 (unsigned)lzma_crc32((const uint8_t *)head, hlen, 0));
	for (size_t off = 0; off < hlen + blen;) {
		const char *src = off < hlen ? head + off : body + (off - hlen);
		size_t left = off < hlen ? hlen - off : hlen + blen - off;
		ssize_t w = write(fd, src, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto out;
		off += (size_t)w;
	}
	rc = 0;
out:
	free(body);
	return rc;
}
