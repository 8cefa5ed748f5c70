/* SPDX-License-Identifier: GPL-2.0-only */
/* asciicast.c - asciicast v2 header and event lines (see asciicast.h). */
#include "util/asciicast.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

void asciicast_json_string(FILE *f, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n;
		if (p[i] < 0x80) {
			unsigned char c = p[i++];
			switch (c) {
			case '"': fputs("\\\"", f); break;
			case '\\': fputs("\\\\", f); break;
			case '\n': fputs("\\n", f); break;
			case '\r': fputs("\\r", f); break;
			case '\t': fputs("\\t", f); break;
			case '\b': fputs("\\b", f); break;
			case '\f': fputs("\\f", f); break;
			default:
				if (c < 0x20 || c == 0x7f)
					fprintf(f, "\\u%04x", c);
				else
					fputc(c, f);
			}
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0) {
			fputs("\\ufffd", f);       /* not UTF-8: the replacement character */
			i++;
			continue;
		}
		fwrite(p + i, 1, n, f);
		i += n;
	}
	fputc('"', f);
}

int asciicast_header_write(FILE *f, const struct asciicast_header *h)
{
	/* a player shows the title as text: its control bytes (a file name's
	 * ESC or BEL) escaped before JSON, so none comes back out decoded */
	char *title = text_escape(h->title, strlen(h->title), false);

	if (!title)
		return -1;
	fprintf(f, "{\"version\": 2, \"width\": %u, \"height\": %u, \"timestamp\": %" PRId64
		", \"title\": ", h->width, h->height, h->timestamp);
	asciicast_json_string(f, title, strlen(title));
	free(title);
	fputs(", \"env\": {\"TERM\": ", f);
	asciicast_json_string(f, h->term, strlen(h->term));
	fputs(", \"SHELL\": \"/bin/sh\"}}\n", f);
	return ferror(f) ? -1 : 0;
}

int asciicast_output_write(FILE *f, uint64_t ms, const char *data, size_t len)
{
	/* integer arithmetic: a locale's decimal comma never reaches the JSON */
	fprintf(f, "[%" PRIu64 ".%03u, \"o\", ", ms / 1000, (unsigned)(ms % 1000));
	asciicast_json_string(f, data, len);
	fputs("]\n", f);
	return ferror(f) ? -1 : 0;
}
