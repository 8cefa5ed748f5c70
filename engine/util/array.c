/* SPDX-License-Identifier: GPL-2.0-only */
/* array.c - doubling growth for the engine's arrays (array.h). */
#include "util/array.h"

#include <stdint.h>
#include <stdlib.h>

void *array_grow(void *arr, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t ncap = *cap ? *cap : (first ? first : 1);
	void *p;

	if (need <= *cap && arr)
		return arr;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return NULL;
		ncap *= 2;
	}
	if (size == 0 || ncap > SIZE_MAX / size)
		return NULL;
	p = realloc(arr, ncap * size);
	if (!p)
		return NULL;
	*cap = ncap;
	return p;
}
