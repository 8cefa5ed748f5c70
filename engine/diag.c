/* diag.c - filling and formatting struct diag. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void diag_set(struct diag *d, const char *path, int line, int col,
	      const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	snprintf(d->path, sizeof d->path, "%s", path ? path : "");
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
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
