/* SPDX-License-Identifier: GPL-2.0-only */
/* json.h - a small strict JSON reader (RFC 8259) and string writer.
 *
 * For lab result files (engine/lesson/lab_result.c): json_parse() turns a
 * buffer into a tree with a line:column mark on every value, or rejects it
 * whole with the first error's location. Strict: no comments, no trailing
 * commas, no duplicate keys, no NUL (\u0000) in strings, valid UTF-8 only,
 * nesting at most JSON_MAX_DEPTH, at most JSON_MAX_NODES values. Numbers
 * keep their text; json_u64() reads a non-negative integer exactly.
 *
 * Ownership: json_parse() returns a tree the caller frees with json_free();
 * strings and keys point into it. Files are read with file_read_regular()
 * (file.h): regular files only, never blocking, bounded.
 */
#ifndef PAGEWALK_JSON_H
#define PAGEWALK_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/diag.h"

#define JSON_MAX_DEPTH 32
#define JSON_MAX_NODES 100000

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json_mark {
	int line, col;               /* 1-based */
};

struct json {
	enum json_type type;
	int line, col;               /* 1-based mark of the value's first byte */
	bool b;                      /* JSON_BOOL */
	char *s;                     /* JSON_STRING (decoded, NUL-free) or JSON_NUMBER text */
	size_t len;                  /* bytes of s */
	struct json **items;         /* JSON_ARRAY / JSON_OBJECT values */
	char **keys;                 /* JSON_OBJECT keys (decoded) */
	struct json_mark *kmarks;    /* JSON_OBJECT: where each key starts */
	size_t n;
	size_t cap;                  /* room in items (and keys, kmarks) */
};

/* Parse len bytes of buf; path names the file in messages. NULL with d
 * filled ("path:line:col: message") on any error. */
struct json *json_parse(const char *path, const char *buf, size_t len, struct diag *d);
/* The same for a piece of a file that starts on line `line` (a line of a
 * JSON-lines file): marks and messages count from there. */
struct json *json_parse_at(const char *path, const char *buf, size_t len, int line,
			   struct diag *d);
void json_free(struct json *j);
/* The value of key in an object, or NULL (absent, or obj is not an object). */
const struct json *json_get(const struct json *obj, const char *key);
/* The index of the first key of obj that is not in allowed[] (NULL-
 * terminated), or -1 when every key is (or obj is not an object): for
 * readers of an exact shape; obj->kmarks[i] says where it is. */
int json_unknown_key(const struct json *obj, const char *const *allowed);
/* A non-negative integer number without fraction or exponent: 0 and *out,
 * else -1. */
int json_u64(const struct json *v, uint64_t *out);
/* "null", "true or false", "a number", "a string", "an array", "an object". */
const char *json_type_name(enum json_type t);

/* Write s as a JSON string literal (quotes, escapes; bytes >= 0x80 are
 * passed through, so s must be UTF-8). */
void json_put_string(FILE *f, const char *s);

#endif
