/* SPDX-License-Identifier: GPL-2.0-only */
/* sha256.h - SHA-256 (FIPS 180-4) of a buffer, as lowercase hex.
 *
 * The recorder names a learner's program by the digest of its bytes (the
 * trace's program sha256, which `sha256sum FILE` gives too). Pure: no
 * allocation, no I/O. Cost: linear in the buffer.
 */
#ifndef PAGEWALK_SHA256_H
#define PAGEWALK_SHA256_H

#include <stddef.h>

/* The digest of the n bytes at p as 64 hex digits and a NUL into hex. */
void sha256_hex(const void *p, size_t n, char hex[65]);

#endif
