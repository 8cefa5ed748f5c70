/* SPDX-License-Identifier: GPL-2.0-only */
/* num.h - the one number grammar of lessons, traces, `translate` and typed
 * quiz answers.
 *
 *   number  = "0x" hexdigits | "0X" hexdigits | digits
 *   digits  = digit { ["_"] digit }         (hexdigits alike, a-f A-F)
 *
 * A '_' may stand only between two digits, once: 1_000 and 0xc000_0000
 * parse; _1, 1_, 1__0, 0x_1 and 0x do not. No sign, no spaces, no other
 * base. Values up to 2^64-1.
 *
 * Pure: no allocation, no global state; O(len).
 */
#ifndef PAGEWALK_NUM_H
#define PAGEWALK_NUM_H

#include <stddef.h>
#include <stdint.h>

enum num_status {
	NUM_OK = 0,
	NUM_EMPTY,       /* no digits at all ("", "0x") */
	NUM_BAD_CHAR,    /* s[*at] is not a digit, or a '_' out of place */
	NUM_OVERFLOW,    /* above 2^64-1 */
};

/* Parse s[0..len) (NUL bytes inside are bad characters). NUM_OK with *out
 * set; otherwise *out is untouched and, for NUM_BAD_CHAR, *at (if not NULL)
 * is the offset of the offending byte. */
enum num_status num_parse_u64(const char *s, size_t len, uint64_t *out, size_t *at);

/* Is the number hex (starts 0x / 0X)? For messages ("not a hex number"). */
int num_is_hex(const char *s, size_t len);

#endif
