/* SPDX-License-Identifier: GPL-2.0-only */
/* suggest.c - the nearest word of a list (see suggest.h). */
#include "util/suggest.h"

#include <stdbool.h>
#include <string.h>

#define SUGGEST_MAX 64

unsigned suggest_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	unsigned d[SUGGEST_MAX + 1][SUGGEST_MAX + 1];

	if (n > SUGGEST_MAX - 1 || m > SUGGEST_MAX - 1)
		return 1000;
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			unsigned cost = a[i - 1] != b[j - 1], v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[n][m];
}

const char *suggest_word(const char *typed, const char *const *words, size_t n)
{
	const char *best = NULL;
	unsigned bd = 3;
	bool tie = false;

	for (size_t i = 0; i < n; i++) {
		unsigned dist = suggest_distance(typed, words[i]);
		if (dist < bd) {
			bd = dist;
			best = words[i];
			tie = false;
		} else if (dist == bd) {
			tie = true;
		}
	}
	return best && !tie ? best : NULL;
}
