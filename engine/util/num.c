/* SPDX-License-Identifier: GPL-2.0-only */
/* num.c - the number grammar of num.h. */
#include "util/num.h"

#include <stdbool.h>

int num_is_hex(const char *s, size_t len)
{
	return len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

/* Each byte's value as a hex digit, -1 when it is none (a table: every
 * number of a trace goes through here). */
static const signed char hexval[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7,
	['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
	['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15,
	['F'] = 16,
};   /* stored + 1: 0 is "not a digit" */

static int digit_value(char c, unsigned base)
{
	int v = hexval[(unsigned char)c] - 1;

	return v >= (int)base ? -1 : v;
}

enum num_status num_parse_u64(const char *s, size_t len, uint64_t *out, size_t *at)
{
	unsigned base = num_is_hex(s, len) ? 16 : 10;
	size_t i = base == 16 ? 2 : 0, digits = 0;
	uint64_t v = 0;

	/* no division per digit: every number of a trace comes through here */
	for (; i < len; i++) {
		int dv = digit_value(s[i], base);

		if (dv < 0) {
			if (s[i] == '_' && digits > 0 && i + 1 < len && digit_value(s[i + 1], base) >= 0)
				continue;
			if (at)
				*at = i;
			return NUM_BAD_CHAR;
		}
		if (base == 16 ? v >> 60 != 0
			       : v > UINT64_MAX / 10 || (v == UINT64_MAX / 10 && (unsigned)dv > UINT64_MAX % 10))
			return NUM_OVERFLOW;
		v = base == 16 ? v << 4 | (unsigned)dv : v * 10 + (unsigned)dv;
		digits++;
	}
	if (digits == 0)
		return NUM_EMPTY;
	*out = v;
	return NUM_OK;
}
