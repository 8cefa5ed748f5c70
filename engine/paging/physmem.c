/* SPDX-License-Identifier: GPL-2.0-only */
/* physmem.c - sparse physical memory: 4 KiB pages in a hash table.
 *
 * Pages are found by page number through an open-addressed table (linear
 * probing, power-of-two size, kept at most half full), so a read or write
 * costs O(1) however many pages exist. Pages are never freed one by one:
 * simulated memory only grows until physmem_free().
 */
#include "paging/physmem.h"

#include <stdlib.h>
#include <string.h>

#define PM_PAGE_SHIFT 12
#define PM_PAGE_SIZE (1u << PM_PAGE_SHIFT)

struct page {
	uint64_t pfn;
	uint8_t data[PM_PAGE_SIZE];
};

struct physmem {
	struct page **slot;   /* cap entries, NULL when empty */
	size_t cap;           /* a power of two */
	size_t count;         /* pages in use */
	physmem_reader *reader; /* a view: reads go here, no pages */
	const void *ctx;
};

static size_t pfn_hash(uint64_t pfn)
{
	/* splitmix64's finalizer: every input bit moves the low output bits,
	 * so strided page numbers do not pile up in one run of slots. */
	pfn ^= pfn >> 30;
	pfn *= 0xbf58476d1ce4e5b9ULL;
	pfn ^= pfn >> 27;
	pfn *= 0x94d049bb133111ebULL;
	pfn ^= pfn >> 31;
	return (size_t)pfn;
}

struct physmem *physmem_new(void)
{
	struct physmem *pm = calloc(1, sizeof *pm);

	if (!pm)
		goto fail;
	pm->cap = 64;
	pm->slot = calloc(pm->cap, sizeof *pm->slot);
	if (!pm->slot)
		goto fail;
	return pm;
fail:
	free(pm);
	return NULL;
}

struct physmem *physmem_new_view(physmem_reader *read, const void *ctx)
{
	struct physmem *pm = physmem_new();

	if (!pm)
		return NULL;
	pm->reader = read;
	pm->ctx = ctx;
	return pm;
}

void physmem_free(struct physmem *pm)
{
	if (!pm)
		return;
	for (size_t i = 0; i < pm->cap; i++)
		free(pm->slot[i]);
	free(pm->slot);
	free(pm);
}

/* The slot index holding pfn, or the empty slot where it would go. */
static size_t find_slot(struct page *const *slot, size_t cap, uint64_t pfn)
{
	size_t i = pfn_hash(pfn) & (cap - 1);

	while (slot[i] && slot[i]->pfn != pfn)
		i = (i + 1) & (cap - 1);
	return i;
}

static const struct page *lookup(const struct physmem *pm, uint64_t pfn)
{
	return pm->slot[find_slot(pm->slot, pm->cap, pfn)];
}

/* Double the table; returns 0, or -1 when out of memory (table unchanged). */
static int grow(struct physmem *pm)
{
	size_t cap = pm->cap * 2;
	struct page **slot = calloc(cap, sizeof *slot);

	if (!slot)
		return -1;
	for (size_t i = 0; i < pm->cap; i++)
		if (pm->slot[i])
			slot[find_slot(slot, cap, pm->slot[i]->pfn)] = pm->slot[i];
	free(pm->slot);
	pm->slot = slot;
	pm->cap = cap;
	return 0;
}

/* The page pfn, allocated (zeroed) if new; NULL when out of memory. */
static struct page *page_get(struct physmem *pm, uint64_t pfn)
{
	size_t i = find_slot(pm->slot, pm->cap, pfn);
	struct page *p;

	if (pm->slot[i])
		return pm->slot[i];
	if ((pm->count + 1) * 2 > pm->cap) {
		if (grow(pm) < 0)
			return NULL;
		i = find_slot(pm->slot, pm->cap, pfn);
	}
	p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->pfn = pfn;
	pm->slot[i] = p;
	pm->count++;
	return p;
}

struct physmem *physmem_clone(const struct physmem *pm)
{
	struct physmem *c = calloc(1, sizeof *c);

	if (!c)
		goto fail;
	c->reader = pm->reader;
	c->ctx = pm->ctx;
	c->cap = pm->cap;
	c->slot = calloc(c->cap, sizeof *c->slot);
	if (!c->slot)
		goto fail;
	for (size_t i = 0; i < pm->cap; i++) {
		if (!pm->slot[i])
			continue;
		c->slot[i] = malloc(sizeof *c->slot[i]);
		if (!c->slot[i])
			goto fail;
		memcpy(c->slot[i], pm->slot[i], sizeof *c->slot[i]);
		c->count++;
	}
	return c;
fail:
	physmem_free(c);
	return NULL;
}

static uint8_t physmem_read8(const struct physmem *pm, uint64_t pa)
{
	const struct page *p;

	if (pm->reader)
		return (uint8_t)pm->reader(pm->ctx, pa, 1);
	p = lookup(pm, pa >> PM_PAGE_SHIFT);
	return p ? p->data[pa & (PM_PAGE_SIZE - 1)] : 0;
}

uint64_t physmem_read(const struct physmem *pm, uint64_t pa, unsigned size)
{
	uint64_t v = 0;
	unsigned off = (unsigned)(pa & (PM_PAGE_SIZE - 1));

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return 0;
	if (pm->reader)
		return pm->reader(pm->ctx, pa, size);
	if (off + size <= PM_PAGE_SIZE) {
		const struct page *p = lookup(pm, pa >> PM_PAGE_SHIFT);
		if (!p)
			return 0;
		for (unsigned i = size; i-- > 0;)
			v = (v << 8) | p->data[off + i];
		return v;
	}
	/* Straddles two pages: byte by byte. */
	for (unsigned i = size; i-- > 0;)
		v = (v << 8) | physmem_read8(pm, pa + i);
	return v;
}

int physmem_write(struct physmem *pm, uint64_t pa, uint64_t value, unsigned size)
{
	unsigned off = (unsigned)(pa & (PM_PAGE_SIZE - 1));

	if ((size != 1 && size != 2 && size != 4 && size != 8) || pm->reader)
		return -1;
	if (off + size <= PM_PAGE_SIZE) {
		struct page *p = page_get(pm, pa >> PM_PAGE_SHIFT);
		if (!p)
			return -1;
		for (unsigned i = 0; i < size; i++, value >>= 8)
			p->data[off + i] = (uint8_t)value;
		return 0;
	}
	/* Straddles two pages: make sure both exist before changing either. */
	if (!page_get(pm, pa >> PM_PAGE_SHIFT) || !page_get(pm, (pa + size - 1) >> PM_PAGE_SHIFT))
		return -1;
	for (unsigned i = 0; i < size; i++, value >>= 8)
		page_get(pm, (pa + i) >> PM_PAGE_SHIFT)->data[(pa + i) & (PM_PAGE_SIZE - 1)] =
			(uint8_t)value;
	return 0;
}

int physmem_write_bytes(struct physmem *pm, uint64_t pa, const void *buf, size_t len)
{
	const uint8_t *b = buf;

	if (pm->reader && len)
		return -1;
	while (len > 0) {
		unsigned off = (unsigned)(pa & (PM_PAGE_SIZE - 1));
		size_t n = PM_PAGE_SIZE - off < len ? PM_PAGE_SIZE - off : len;
		struct page *p = page_get(pm, pa >> PM_PAGE_SHIFT);
		if (!p)
			return -1;
		memcpy(p->data + off, b, n);
		b += n;
		pa += n;
		len -= n;
	}
	return 0;
}

void physmem_read_bytes(const struct physmem *pm, uint64_t pa, void *buf, size_t len)
{
	uint8_t *b = buf;

	if (pm->reader) {
		for (size_t i = 0; i < len; i++)
			b[i] = physmem_read8(pm, pa + i);
		return;
	}
	while (len > 0) {
		unsigned off = (unsigned)(pa & (PM_PAGE_SIZE - 1));
		size_t n = PM_PAGE_SIZE - off < len ? PM_PAGE_SIZE - off : len;
		const struct page *p = lookup(pm, pa >> PM_PAGE_SHIFT);
		if (p)
			memcpy(b, p->data + off, n);
		else
			memset(b, 0, n);
		b += n;
		pa += n;
		len -= n;
	}
}

size_t physmem_pages(const struct physmem *pm)
{
	return pm ? pm->count : 0;
}

void physmem_each(const struct physmem *pm, physmem_page_fn *fn, void *ctx)
{
	if (!pm || !pm->slot)
		return;
	for (size_t i = 0; i < pm->cap; i++)
		if (pm->slot[i])
			fn(ctx, pm->slot[i]->pfn << PM_PAGE_SHIFT);
}
