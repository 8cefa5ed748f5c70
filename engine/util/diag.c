/* SPDX-License-Identifier: GPL-2.0-only */
/* diag.c - filling and formatting struct diag. */
#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* When s (of size bytes) was cut short, drop a UTF-8 sequence the cut left
 * incomplete at its end, so a long message never ends in invalid UTF-8. */
static void trim_cut(char *s, size_t size, int n)
{
	size_t len, i, need;

	if (n < 0 || (size_t)n < size)
		return;
	len = strlen(s);
	i = len;
	while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0 || ((unsigned char)s[i - 1] & 0x80) == 0)
		return;
	need = ((unsigned char)s[i - 1] & 0xe0) == 0xc0 ? 2 :
	       ((unsigned char)s[i - 1] & 0xf0) == 0xe0 ? 3 :
	       ((unsigned char)s[i - 1] & 0xf8) == 0xf0 ? 4 : 1;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

void diag_set(struct diag *d, const char *path, int line, int col,
	      const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!d)
		return;
	n = snprintf(d->path, sizeof d->path, "%s", path ? path : "");
	trim_cut(d->path, sizeof d->path, n);
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	n = vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
	trim_cut(d->msg, sizeof d->msg, n);
}

void diag_format(const struct diag *d, char *buf, size_t len)
{
	if (!d->path[0])
		snprintf(buf, len, "pagewalk: %s", d->msg);
	else if (d->line > 0 && d->col > 0)
		snprintf(buf, len, "%s:%d:%d: %s", d->path, d->line, d->col, d->msg);
	else if (d->line > 0)
		snprintf(buf, len, "%s:%d: %s", d->path, d->line, d->msg);
	else
		snprintf(buf, len, "%s: %s", d->path, d->msg);
}
