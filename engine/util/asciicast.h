/* SPDX-License-Identifier: GPL-2.0-only */
/* asciicast.h - the asciicast v2 format (asciinema's recordings), as text.
 *
 * A cast is a header line, a JSON object:
 *   {"version": 2, "width": 80, "height": 24, "timestamp": 1764500000,
 *    "title": "...", "env": {"TERM": "xterm-256color", "SHELL": "/bin/sh"}}
 * then one line per output event, a JSON array [time, "o", data]: seconds
 * since the start and the bytes the terminal received. Strings are JSON:
 * '"', '\\' and control bytes escaped (\n, \r, \t, \b, \f, else \u00XX),
 * invalid UTF-8 bytes replaced by U+FFFD so every line parses.
 *
 * The functions write to a FILE the caller opened (a memory stream before an
 * atomic write); they return 0, or -1 when the stream reports an error.
 */
#ifndef PAGEWALK_ASCIICAST_H
#define PAGEWALK_ASCIICAST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct asciicast_header {
	unsigned width, height;
	int64_t timestamp;       /* Unix seconds */
	const char *title;
	const char *term;        /* env TERM */
};

/* The header line; the title goes through text_escape() first (players
 * show it). 0, or -1 on a stream error or out of memory. */
int asciicast_header_write(FILE *f, const struct asciicast_header *h);
/* One output event at ms milliseconds (written as seconds, "1.500") with
 * len bytes of data. */
int asciicast_output_write(FILE *f, uint64_t ms, const char *data, size_t len);
/* A JSON string literal of len bytes of s, quotes included. */
void asciicast_json_string(FILE *f, const char *s, size_t len);

#endif
