/* SPDX-License-Identifier: GPL-2.0-only */
/* yamlout.h - writing YAML double-quoted scalars (for the lesson and trace
 * writers, which lay their files out with plain fprintf). */
#ifndef PAGEWALK_YAMLOUT_H
#define PAGEWALK_YAMLOUT_H

#include <stdbool.h>
#include <stdio.h>

/* Write s (NULL as "") escaped for the inside of a double-quoted scalar:
 * '"' and '\\' backslashed, '\n' and '\t' as \n and \t, other C0 controls
 * and DEL as \xNN; with braces, '{' and '}' doubled (lesson placeholders). */
void yamlout_chars(FILE *f, const char *s, bool braces);
/* The same between double quotes. */
void yamlout_quoted(FILE *f, const char *s, bool braces);

#endif
