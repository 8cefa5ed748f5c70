/* SPDX-License-Identifier: GPL-2.0-only */
/* yamlout.c - YAML double-quoted scalars for the writers. */
#include "util/yamlout.h"

void yamlout_chars(FILE *f, const char *s, bool braces)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\x%02x", *p);
		else if (braces && (*p == '{' || *p == '}'))
			fprintf(f, "%c%c", *p, *p);
		else
			fputc(*p, f);
	}
}

void yamlout_quoted(FILE *f, const char *s, bool braces)
{
	fputc('"', f);
	yamlout_chars(f, s, braces);
	fputc('"', f);
}
