/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_common.h - shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c).
 *
 * The property every harness checks besides "no crash, no leak, no UB":
 * whatever a loader keeps from a file, and whatever it says about a bad
 * one, is terminal-safe (text_is_safe), because the front end prints it.
 */
#ifndef PAGEWALK_FUZZ_COMMON_H
#define PAGEWALK_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/text.h"

/* Abort (a crash libFuzzer records) when s is not terminal-safe. */
static inline void fuzz_safe(const char *what, const char *s, int newlines)
{
	if (s && !text_is_safe(s, newlines != 0)) {
		fprintf(stderr, "fuzz: unsafe text in %s\n", what);
		abort();
	}
}

static inline void fuzz_safe_text(const char *what, const struct text *t, int newlines)
{
	for (int i = 0; i < LANG_COUNT; i++)
		fuzz_safe(what, t->s[i], newlines);
}

/* A rejected input's message must be safe and located (a path at least). */
static inline void fuzz_check_diag(const struct diag *d)
{
	char buf[1100];

	diag_format(d, buf, sizeof buf);
	fuzz_safe("diag", buf, 0);
	if (d->msg[0] == '\0') {
		fprintf(stderr, "fuzz: rejected without a message\n");
		abort();
	}
}

#endif
