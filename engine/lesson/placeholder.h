/* SPDX-License-Identifier: GPL-2.0-only */
/* placeholder.h - `{name}` placeholders in lesson text, filled by a resolver.
 *
 * Depends only on util (text, diag): the lesson loader and quiz.c give it a
 * resolver for their own names. "{name}", "{name:x}", "{name:d}"; "{{" and
 * "}}" are literal braces.
 *
 * Ownership: text_expand() returns a malloc'd string the caller frees.
 * Errors: -1 with d->msg filled (no location: the caller knows the field and
 * relocates the message with its own mark); out of memory is such an error.
 * Cost: one pass over the text, one resolver call per placeholder.
 */
#ifndef PAGEWALK_PLACEHOLDER_H
#define PAGEWALK_PLACEHOLDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/text.h"

/* A placeholder's value: a number (printed decimal or hex) or a string. */
struct ph_value {
	bool is_num;
	uint64_t num;
	bool hex;                /* default format of the number */
	unsigned digits;         /* hex: at least this many digits (0x07), 0: as few as need */
	const char *str;
};

/* Resolve the placeholder name[0..len): 0 with *out filled, or -1 with
 * d->msg filled ("unknown placeholder", "the walk does not reach pte"). */
typedef int ph_resolve_fn(void *ctx, const char *name, size_t len,
			  struct ph_value *out, struct diag *d);

/* Replace the placeholders of `in`: 0 with a malloc'd *out, or -1 with d
 * filled ("a '{' is not closed", "placeholder {x} is not a number", the
 * resolver's message, "out of memory"). */
int text_expand(const char *in, ph_resolve_fn *fn, void *ctx, char **out,
		struct diag *d);
/* Expand every language of t in place. Same returns; t is unchanged on
 * error for the languages not yet expanded. */
int text_expand_all(struct text *t, ph_resolve_fn *fn, void *ctx, struct diag *d);

/* Does name[0..len) equal the NUL-terminated s? (for resolvers) */
bool ph_name_is(const char *name, size_t len, const char *s);

#endif
