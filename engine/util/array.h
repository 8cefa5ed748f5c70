/* SPDX-License-Identifier: GPL-2.0-only */
/* array.h - the one way a growing array gets more room.
 *
 * Every append-only array of the engine (stages, marks, calls, table
 * pages, witness stops, string buffers, ...) keeps a pointer, a count and
 * a capacity, and asks array_grow() for room before it writes past the
 * count. The capacity doubles (from `first` when the array is empty), so
 * n appends cost O(n) copying in all; the size arithmetic is checked for
 * overflow. Nothing else here: the caller keeps its own count and frees
 * the array with free().
 */
#ifndef PAGEWALK_ARRAY_H
#define PAGEWALK_ARRAY_H

#include <stddef.h>

/* Room for `need` elements of `size` bytes in arr (which has room for
 * *cap): arr itself when *cap >= need, else arr realloc'd to the first
 * capacity of first, 2*first, 4*first ... (or *cap doubled) that holds
 * need, with *cap updated. NULL when out of memory or when the size would
 * overflow; arr and *cap are then untouched (the caller still owns arr).
 * Usage:  p = array_grow(a->items, &a->cap, a->n + 1, sizeof *p, 16);
 *         if (!p) goto fail;  a->items = p;  a->items[a->n++] = x; */
void *array_grow(void *arr, size_t *cap, size_t need, size_t size, size_t first);

#endif
