/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_int.h - engine-internal helpers shared by lesson_load.c, lesson.c
 * and quiz.c. Not for the front end. */
#ifndef PAGEWALK_LESSON_INT_H
#define PAGEWALK_LESSON_INT_H

#include "lesson.h"

/* A placeholder's value: a number (printed decimal or hex) or a string. */
struct ph_value {
	bool is_num;
	uint64_t num;
	bool hex;                /* default format of the number */
	const char *str;
};

/* Resolve the placeholder name[0..len): 0 with *out filled, or -1 with why
 * filled ("unknown placeholder", "the walk does not reach pte"). */
typedef int ph_resolve_fn(void *ctx, const char *name, size_t len,
			  struct ph_value *out, char *why, size_t whylen);

/* Replace {name}, {name:x}, {name:d} in `in`; "{{" and "}}" are braces.
 * Returns 0 with a malloc'd *out, -1 with why filled, -2 out of memory. */
int text_expand(const char *in, ph_resolve_fn *fn, void *ctx, char **out,
		char *why, size_t whylen);
/* Expand every language of t in place. Same returns. */
int text_expand_all(struct text *t, ph_resolve_fn *fn, void *ctx, char *why,
		    size_t whylen);

void table_setup_clear(struct table_setup *s);
void step_clear(struct step *s);

/* The kernel / user half of a's addresses, inclusive. */
void arch_half(const struct arch *a, bool kernel, uint64_t *lo, uint64_t *hi);

#endif
