/* SPDX-License-Identifier: GPL-2.0-only */
/* diag.h - a caller-owned diagnostic: where input went wrong and why.
 *
 * The engine never prints. A function that rejects input fills a struct diag
 * and returns an error; the front end prints "path:line:col: message"
 * (or "pagewalk: message" when there is no file). line/col are 1-based;
 * 0 means "unknown" and is left out when printed.
 */
#ifndef PAGEWALK_DIAG_H
#define PAGEWALK_DIAG_H

#include <stddef.h>

struct diag {
	char path[512];
	int line, col;
	char msg[512];
};

/* Fill d (if not NULL) with a location and a printf-style message. */
void diag_set(struct diag *d, const char *path, int line, int col,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Format d as "path:line:col: message" into buf (always NUL-terminated). */
void diag_format(const struct diag *d, char *buf, size_t len);

#endif
