/* SPDX-License-Identifier: GPL-2.0-only */
// The few C library routines the compiler and kernel need.

#include "defs.h"

// Fill n bytes at d with the byte c; return d.
void *memset(void *d, int c, size_t n)
{
	uint8_t *p = d;
	while (n--)
		*p++ = (uint8_t)c;
	return d;
}

// Copy n bytes from s to d (they must not overlap); return d.
void *memcpy(void *d, const void *s, size_t n)
{
	uint8_t *p = d;
	const uint8_t *q = s;
	while (n--)
		*p++ = *q++;
	return d;
}

// Compare at most n bytes of two strings, as the C library does.
int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (uint8_t)*a - (uint8_t)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

// Length of the string s.
size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}
