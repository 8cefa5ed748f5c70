/* SPDX-License-Identifier: GPL-2.0-only */
/* num.c - the number grammar of num.h. */
#include "util/num.h"

#include <stdbool.h>

int num_is_hex(const char *s, size_t len)
{
	return len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
}

static int digit_value(char c, unsigned base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum num_status num_parse_u64(const char *s, size_t len, uint64_t *out, size_t *at)
{
	unsigned base = num_is_hex(s, len) ? 16 : 10;
	size_t i = base == 16 ? 2 : 0, digits = 0;
	uint64_t v = 0;

	for (; i < len; i++) {
		int dv = digit_value(s[i], base);

		if (s[i] == '_' && digits > 0 && i + 1 < len && digit_value(s[i + 1], base) >= 0)
			continue;
		if (dv < 0) {
			if (at)
				*at = i;
			return NUM_BAD_CHAR;
		}
		if (v > (UINT64_MAX - (unsigned)dv) / base)
			return NUM_OVERFLOW;
		v = v * base + (unsigned)dv;
		digits++;
	}
	if (digits == 0)
		return NUM_EMPTY;
	*out = v;
	return NUM_OK;
}
