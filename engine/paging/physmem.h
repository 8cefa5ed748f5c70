/* SPDX-License-Identifier: GPL-2.0-only */
/* physmem.h - sparse simulated physical memory for walks and lessons.
 *
 * Memory is stored a 4 KiB page at a time, allocated on first write; a read
 * of memory never written returns zeros. The caller owns the handle:
 * physmem_new() / physmem_free(); physmem_free(NULL) is a no-op. Lookups
 * are O(1) (hashed by page number). A size other than 1/2/4/8 reads as 0
 * and fails to write.
 *
 * A view (physmem_new_view) holds no pages: every read is answered by a
 * function of the caller's (a trace cursor answers from its write history
 * without copying the tables), and writes to it fail.
 */
#ifndef PAGEWALK_PHYSMEM_H
#define PAGEWALK_PHYSMEM_H

#include <stddef.h>
#include <stdint.h>

struct physmem;

struct physmem *physmem_new(void);
void physmem_free(struct physmem *pm);
/* A read-only view whose reads of 1, 2, 4 or 8 bytes at pa return
 * read(ctx, pa, size). ctx is borrowed (it must outlive the view); writes
 * return -1. NULL when out of memory. */
typedef uint64_t physmem_reader(const void *ctx, uint64_t pa, unsigned size);
struct physmem *physmem_new_view(physmem_reader *read, const void *ctx);
/* A deep copy (for checkpoints; a view's copy is a view with the same
 * reader); NULL when out of memory. */
struct physmem *physmem_clone(const struct physmem *pm);

/* Read a little-endian value of size 1, 2, 4 or 8 bytes at pa. */
uint64_t physmem_read(const struct physmem *pm, uint64_t pa, unsigned size);
/* Write a little-endian value; returns 0, or -1 when out of memory. */
int physmem_write(struct physmem *pm, uint64_t pa, uint64_t value, unsigned size);
/* Copy len bytes from buf to pa (any alignment, may cross pages); returns 0,
 * or -1 when out of memory (pages already written keep the new bytes). */
int physmem_write_bytes(struct physmem *pm, uint64_t pa, const void *buf, size_t len);
/* Copy len bytes at pa into buf; memory never written reads as zeros. */
void physmem_read_bytes(const struct physmem *pm, uint64_t pa, void *buf, size_t len);
/* Call fn(ctx, pa) once for the base address of every allocated 4 KiB page,
 * in no particular order (a view has none). For writers that dump memory. */
typedef void physmem_page_fn(void *ctx, uint64_t pa);
void physmem_each(const struct physmem *pm, physmem_page_fn *fn, void *ctx);
/* Number of 4 KiB pages allocated (0 for a view). */
size_t physmem_pages(const struct physmem *pm);

#endif
