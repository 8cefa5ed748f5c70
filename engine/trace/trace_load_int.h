/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_load_int.h - the trace loader's private parts, shared by its
 * schema (trace_load.c) and its reader of libyaml events
 * (trace_load_yaml.c). Every function taking a struct tload fails with the
 * loader's diag filled at a mark ("path:line:col: message") and -1.
 */
#ifndef PAGEWALK_TRACE_LOAD_INT_H
#define PAGEWALK_TRACE_LOAD_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <yaml.h>

#include "trace/trace.h"

/* One load: the parser, its current event, where errors go. */
struct tload {
	yaml_parser_t p;
	yaml_event_t ev;
	bool have;
	const char *path;
	struct diag *d;
	struct trace *t;
	const char *buf;   /* the input, to place reader errors: a buffer ... */
	size_t len;
	FILE *f;           /* ... or a file */
};

/* 1-based line and column of a mark. */
static inline int tload_line(const yaml_mark_t *m) { return (int)m->line + 1; }
static inline int tload_col(const yaml_mark_t *m) { return (int)m->column + 1; }

/* Fill l's diag at m (NULL: no place); returns -1. */
int tload_fail(struct tload *l, const yaml_mark_t *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Fetch the next event into l->ev; aliases and anchors are refused. */
int tload_next(struct tload *l);
/* What event e is, for messages: "a string", "a list", "a map", "nothing". */
const char *tload_found(const yaml_event_t *e);
/* A short quotable form of the current scalar, escaped. */
void tload_quote(const struct tload *l, char *buf, size_t len);
/* The current event is a plain number without a tag: *out, or -1. */
int tload_scalar_u64(struct tload *l, const char *what, uint64_t *out);
/* The next node: a plain number <= max (*out), a string (an escaped copy
 * in *out, the old one freed), a word parse() knows (choices names them
 * for the error; NULL: every fault route). */
int tload_u64(struct tload *l, const char *what, uint64_t max, uint64_t *out);
int tload_u32(struct tload *l, const char *what, uint64_t max, uint32_t *out);
int tload_str(struct tload *l, const char *what, char **out);
int tload_word(struct tload *l, const char *what, int (*parse)(const char *),
	       const char *choices, int *out);
/* After a MAPPING_START: the next key (1, *idx its index in the
 * NULL-terminated keys, its bit set in *seen, *where its mark), 0 at
 * MAPPING_END, -1 on a repeated or unknown key. */
int tload_key(struct tload *l, const char *const *keys, const char *what,
	      uint64_t *seen, int *idx, yaml_mark_t *where);
/* The next node must start a map or a list (type). */
int tload_start(struct tload *l, yaml_event_type_t type, const char *what);
/* The first key of keys[] in need but not in seen, as an error at m. */
int tload_missing(struct tload *l, const yaml_mark_t *m, const char *what,
		  const char *const *keys, uint64_t need, uint64_t seen);

#endif
