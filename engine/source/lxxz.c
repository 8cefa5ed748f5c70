/* SPDX-License-Identifier: GPL-2.0-only */
/* lxxz.c - the tarball's xz stream, read by block (liblzma).
 *
 * An xz file made by a multi-threaded xz is a row of independent blocks
 * (Debian's linux-source-6.1: 55 blocks of 24 MiB) with an index at the
 * end giving each block's place in the file and in the uncompressed
 * stream. lxxz_read decodes only the blocks that hold the wanted byte
 * ranges, each from its start only as far as the ranges need, on two
 * threads; lxxz_stream decodes everything in order (the map's one pass),
 * with liblzma's own threads.
 */
#include "linuxsrc_int.h"
#include "util/array.h"

#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (128u * 1024)

static const char *lzma_why(lzma_ret r)
{
	switch (r) {
	case LZMA_MEM_ERROR: return "out of memory";
	case LZMA_MEMLIMIT_ERROR: return "needs too much memory";
	case LZMA_FORMAT_ERROR: return "not an xz file";
	case LZMA_OPTIONS_ERROR: return "xz options this liblzma does not know";
	case LZMA_DATA_ERROR: return "damaged data";
	case LZMA_BUF_ERROR: return "truncated";
	default: return "damaged";
	}
}

int lxxz_open(struct lxxz *z, const char *path, char *why, size_t wlen)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_index *idx = NULL;
	uint8_t *buf = malloc(CHUNK);
	uint64_t pos = 0;
	struct stat st;
	lzma_ret r;

	memset(z, 0, sizeof *z);
	z->fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (!buf || z->fd < 0 || fstat(z->fd, &st) < 0) {
		snprintf(why, wlen, "%s: %s", path, buf ? strerror(errno) : "out of memory");
		goto fail;
	}
	z->csize = (uint64_t)st.st_size;
	r = lzma_file_info_decoder(&s, &idx, UINT64_MAX, z->csize);
	while (r == LZMA_OK) {
		if (s.avail_in == 0) {
			ssize_t n = pread(z->fd, buf, CHUNK, (off_t)pos);
			if (n < 0) {
				snprintf(why, wlen, "%s: %s", path, strerror(errno));
				goto fail_dec;
			}
			pos += (uint64_t)n;
			s.next_in = buf;
			s.avail_in = (size_t)n;
		}
		r = lzma_code(&s, LZMA_RUN);
		if (r == LZMA_SEEK_NEEDED) {
			pos = s.seek_pos;
			s.avail_in = 0;
			r = LZMA_OK;
		}
	}
	if (r != LZMA_STREAM_END) {
		snprintf(why, wlen, "%s is not a whole xz file (%s)", path, lzma_why(r));
		goto fail_dec;
	}
	lzma_end(&s);
	free(buf);
	z->index = idx;
	z->usize = lzma_index_uncompressed_size(idx);
	return 0;
fail_dec:
	lzma_end(&s);
fail:
	free(buf);
	if (z->fd >= 0)
		close(z->fd);
	z->fd = -1;
	return -1;
}

void lxxz_close(struct lxxz *z)
{
	if (z->fd >= 0)
		close(z->fd);
	z->fd = -1;
	lzma_index_end(z->index, NULL);
	z->index = NULL;
}

/* ---- some blocks, on threads ---- */

struct blk {
	uint64_t coff, total, unpadded;   /* in the file */
	uint64_t uoff, usize;             /* in the uncompressed stream */
	uint64_t need;                    /* bytes of output wanted from its start */
	lzma_check check;
};

struct rd {
	struct lxxz *z;
	struct lxxz_piece *p;
	size_t np;
	struct blk *b;
	size_t nb;
	atomic_size_t next;               /* the next block to take */
	const atomic_bool *cancel;
	atomic_bool failed;
	atomic_uint_fast64_t *done;
	pthread_mutex_t lock;
	char why[200];
};

/* The first failure is the one said; the other threads stop. */
static void rd_fail(struct rd *r, const char *what, uint64_t at)
{
	pthread_mutex_lock(&r->lock);
	if (!r->why[0])
		snprintf(r->why, sizeof r->why, "the tarball's xz block at byte %llu: %s",
			 (unsigned long long)at, what);
	pthread_mutex_unlock(&r->lock);
	atomic_store(&r->failed, true);
}

/* Copy what the output out (n bytes at stream offset pos) holds of each piece. */
static void rd_copy(struct rd *r, const uint8_t *out, size_t n, uint64_t pos)
{
	for (size_t i = 0; i < r->np; i++) {
		uint64_t lo = r->p[i].off > pos ? r->p[i].off : pos;
		uint64_t hi = r->p[i].off + r->p[i].len < pos + n ? r->p[i].off + r->p[i].len : pos + n;
		if (lo < hi)
			memcpy(r->p[i].dst + (lo - r->p[i].off), out + (lo - pos), (size_t)(hi - lo));
	}
}

/* Decode block b from its start as far as b->need. 0, or -1 (r failed). */
static int rd_block(struct rd *r, const struct blk *b, uint8_t *in, uint8_t *out)
{
	lzma_filter filters[LZMA_FILTERS_MAX + 1];
	lzma_block blk = { .version = 1, .check = b->check, .filters = filters };
	lzma_stream s = LZMA_STREAM_INIT;
	uint8_t hdr[LZMA_BLOCK_HEADER_SIZE_MAX];
	uint64_t at, left, pos = b->uoff;
	lzma_ret ret;
	int rc = -1;

	filters[0].id = LZMA_VLI_UNKNOWN;
	if (pread(r->z->fd, hdr, 1, (off_t)b->coff) != 1) {
		rd_fail(r, "truncated", b->coff);
		return -1;
	}
	blk.header_size = lzma_block_header_size_decode(hdr[0]);
	if (hdr[0] == 0 || blk.header_size > b->total ||
	    pread(r->z->fd, hdr + 1, blk.header_size - 1, (off_t)b->coff + 1) !=
	    (ssize_t)blk.header_size - 1) {
		rd_fail(r, "damaged header", b->coff);
		return -1;
	}
	ret = lzma_block_header_decode(&blk, NULL, hdr);
	if (ret == LZMA_OK)
		ret = lzma_block_compressed_size(&blk, b->unpadded);
	if (ret == LZMA_OK)
		ret = lzma_block_decoder(&s, &blk);
	if (ret != LZMA_OK) {
		rd_fail(r, lzma_why(ret), b->coff);
		goto out;
	}
	at = b->coff + blk.header_size;
	left = b->total - blk.header_size;
	while (pos - b->uoff < b->need) {
		size_t made;
		if (atomic_load(r->cancel) || atomic_load(&r->failed))
			goto out;
		if (s.avail_in == 0 && left) {
			size_t want = left < CHUNK ? (size_t)left : CHUNK;
			ssize_t n = pread(r->z->fd, in, want, (off_t)at);
			if (n <= 0) {
				rd_fail(r, "truncated", b->coff);
				goto out;
			}
			at += (uint64_t)n;
			left -= (uint64_t)n;
			s.next_in = in;
			s.avail_in = (size_t)n;
		}
		s.next_out = out;
		s.avail_out = CHUNK;
		ret = lzma_code(&s, left ? LZMA_RUN : LZMA_FINISH);
		made = CHUNK - s.avail_out;
		rd_copy(r, out, made, pos);
		pos += made;
		atomic_fetch_add(r->done, made);
		if (ret == LZMA_STREAM_END)
			break;
		if (ret != LZMA_OK) {
			rd_fail(r, lzma_why(ret), b->coff);
			goto out;
		}
	}
	if (pos - b->uoff < b->need) {
		rd_fail(r, "ends early", b->coff);
		goto out;
	}
	rc = 0;
out:
	lzma_end(&s);
	for (int i = 0; filters[i].id != LZMA_VLI_UNKNOWN; i++)
		free(filters[i].options);
	return rc;
}

static void *rd_thread(void *arg)
{
	struct rd *r = arg;
	uint8_t *in = malloc(CHUNK), *out = malloc(CHUNK);

	if (!in || !out) {
		rd_fail(r, "out of memory", 0);
	} else {
		for (size_t k; !atomic_load(&r->failed) && (k = atomic_fetch_add(&r->next, 1)) < r->nb;)
			if (rd_block(r, &r->b[k], in, out) < 0)
				break;
	}
	free(in);
	free(out);
	return NULL;
}

/* Add the blocks piece p touches to b[0..*nb) (capacity cap). */
static int blocks_of(const lzma_index *idx, const struct lxxz_piece *p, struct blk **b, size_t *nb,
		     size_t *cap)
{
	lzma_index_iter it;
	uint64_t end = p->off + p->len;

	lzma_index_iter_init(&it, idx);
	if (lzma_index_iter_locate(&it, p->off))
		return -1;       /* past the end */
	do {
		uint64_t bend = it.block.uncompressed_file_offset + it.block.uncompressed_size;
		uint64_t need = (end < bend ? end : bend) - it.block.uncompressed_file_offset;
		size_t k = 0;
		for (; k < *nb && (*b)[k].coff != it.block.compressed_file_offset; k++)
			;
		if (k == *nb) {
			struct blk *g = array_grow(*b, cap, *nb + 1, sizeof **b, 16);
			if (!g)
				return -1;
			*b = g;
			(*b)[k] = (struct blk){ .coff = it.block.compressed_file_offset,
						.total = it.block.total_size,
						.unpadded = it.block.unpadded_size,
						.uoff = it.block.uncompressed_file_offset,
						.usize = it.block.uncompressed_size,
						.check = it.stream.flags->check };
			(*nb)++;
		}
		if (need > (*b)[k].need)
			(*b)[k].need = need;
		if (bend >= end)
			return 0;
	} while (!lzma_index_iter_next(&it, LZMA_INDEX_ITER_NONEMPTY_BLOCK));
	return -1;               /* the piece runs past the stream */
}

/* The longest decode first: two threads then end at about the same time. */
static int blk_cmp(const void *a, const void *b)
{
	const struct blk *x = a, *y = b;

	return x->need > y->need ? -1 : x->need < y->need;
}

int lxxz_read(struct lxxz *z, struct lxxz_piece *p, size_t n, int threads,
	      const atomic_bool *cancel, atomic_uint_fast64_t *done, atomic_uint_fast64_t *total,
	      char *why, size_t wlen)
{
	struct rd r = { .z = z, .p = p, .np = n, .cancel = cancel, .done = done };
	pthread_t th[4];
	uint64_t sum = 0;
	int started = 0;
	size_t cap = 0;

	for (size_t i = 0; i < n; i++)
		if (p[i].len && blocks_of(z->index, &p[i], &r.b, &r.nb, &cap) < 0) {
			snprintf(why, wlen, "the tarball holds no byte %llu (its member map is wrong)",
				 (unsigned long long)(p[i].off + p[i].len));
			free(r.b);
			return -1;
		}
	if (r.nb)
		qsort(r.b, r.nb, sizeof *r.b, blk_cmp);
	for (size_t k = 0; k < r.nb; k++)
		sum += r.b[k].need;
	atomic_store(total, sum);
	atomic_init(&r.next, 0);
	atomic_init(&r.failed, false);
	pthread_mutex_init(&r.lock, NULL);
	if (threads > 4)
		threads = 4;
	for (; started < threads - 1 && (size_t)started + 1 < r.nb; started++)
		if (pthread_create(&th[started], NULL, rd_thread, &r) != 0)
			break;
	rd_thread(&r);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&r.lock);
	free(r.b);
	if (atomic_load(cancel)) {
		snprintf(why, wlen, "cancelled");
		return -1;
	}
	if (atomic_load(&r.failed)) {
		snprintf(why, wlen, "%s", r.why);
		return -1;
	}
	return 0;
}

/* ---- the whole stream, in order ---- */

int lxxz_stream(struct lxxz *z, int threads, int (*fn)(void *ctx, const unsigned char *b, size_t n),
		void *ctx, const atomic_bool *cancel, atomic_uint_fast64_t *done, char *why,
		size_t wlen)
{
	lzma_mt mt = { .flags = LZMA_CONCATENATED, .threads = (uint32_t)threads, .timeout = 100,
		       .memlimit_threading = 512u << 20, .memlimit_stop = UINT64_MAX };
	lzma_stream s = LZMA_STREAM_INIT;
	uint8_t *in = malloc(CHUNK), *out = malloc(CHUNK);
	uint64_t at = 0;
	lzma_ret ret;
	int rc = -1;

	if (!in || !out) {
		snprintf(why, wlen, "out of memory");
		goto out;
	}
	ret = lzma_stream_decoder_mt(&s, &mt);
	if (ret != LZMA_OK)
		ret = lzma_stream_decoder(&s, UINT64_MAX, LZMA_CONCATENATED);
	if (ret != LZMA_OK) {
		snprintf(why, wlen, "liblzma: %s", lzma_why(ret));
		goto out;
	}
	for (;;) {
		size_t made;
		if (atomic_load(cancel)) {
			snprintf(why, wlen, "cancelled");
			goto out;
		}
		if (s.avail_in == 0 && at < z->csize) {
			ssize_t n = pread(z->fd, in, CHUNK, (off_t)at);
			if (n < 0) {
				snprintf(why, wlen, "reading the tarball: %s", strerror(errno));
				goto out;
			}
			if (n == 0)
				z->csize = at;   /* it shrank: decoding says what is missing */
			at += (uint64_t)n;
			s.next_in = in;
			s.avail_in = (size_t)n;
		}
		s.next_out = out;
		s.avail_out = CHUNK;
		ret = lzma_code(&s, at < z->csize ? LZMA_RUN : LZMA_FINISH);
		made = CHUNK - s.avail_out;
		if (made && fn(ctx, out, made) < 0)
			goto out;        /* fn said why */
		atomic_fetch_add(done, made);
		if (ret == LZMA_STREAM_END)
			break;
		if (ret != LZMA_OK) {
			snprintf(why, wlen, "the tarball is %s near byte %llu", lzma_why(ret),
				 (unsigned long long)at);
			goto out;
		}
	}
	rc = 0;
out:
	lzma_end(&s);
	free(in);
	free(out);
	return rc;
}
