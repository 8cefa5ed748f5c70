/* SPDX-License-Identifier: GPL-2.0-only */
/* yamlnode.h - a small YAML document tree with source marks, for loaders.
 *
 * ynode_parse() runs libyaml over a buffer and builds a tree of scalars,
 * maps and sequences, each node carrying the 1-based line and column where
 * it starts. It refuses what a data file of ours never needs and a hostile
 * one could abuse: anchors, aliases and tags, more than one document,
 * non-scalar map keys, duplicate keys, nesting deeper than lim->max_depth,
 * scalars longer than lim->max_string, more than lim->max_nodes nodes,
 * invalid UTF-8 and control characters in the raw text (reported at their
 * line and column). The first problem fills the caller's struct diag and the
 * whole tree is dropped.
 *
 * The schema helpers below check a node and report "path:line:col: message"
 * on failure; values quoted in messages are escaped with text_escape().
 *
 * Ownership: ynode_parse()/ynode_load() return a tree the caller frees with
 * ynode_free() (NULL is a no-op); every node and string belongs to it.
 * Only this file's .c (and other loaders) include <yaml.h>.
 */
#ifndef PAGEWALK_YAMLNODE_H
#define PAGEWALK_YAMLNODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

enum ynode_kind { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

struct ynode {
	enum ynode_kind kind;
	int line, col;           /* 1-based start of the node */
	char *str;               /* scalar: its bytes, NUL-terminated (may hold NULs
	                            from "\0" escapes: use len) */
	size_t len;
	bool plain;              /* scalar written unquoted */
	struct ynode **items;    /* seq: n items; map: 2n nodes, key then value */
	size_t n;                /* seq: items; map: pairs */
};

struct ynode_limits {
	size_t max_bytes;        /* whole input (ynode_load) */
	unsigned max_depth;      /* nested maps/sequences */
	size_t max_string;       /* bytes in one scalar */
	size_t max_nodes;        /* nodes in the tree */
};

/* Parse len bytes of buf (path only names it in messages). An empty
 * document (no content at all) is an error "empty file". */
struct ynode *ynode_parse(const char *path, const char *buf, size_t len,
			  const struct ynode_limits *lim, struct diag *d);
/* Read the file at path (refusing directories, unreadable files and files
 * over lim->max_bytes) and parse it. */
struct ynode *ynode_load(const char *path, const struct ynode_limits *lim,
			 struct diag *d);
void ynode_free(struct ynode *n);

/* "a string", "a map", "a list". */
const char *ynode_kind_name(enum ynode_kind k);

/* Map lookups: the value (or key node) for key, NULL when absent or when
 * map is not a map. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);
const struct ynode *ynode_key(const struct ynode *map, const char *key);

/* Schema helpers. Each returns 0, or -1 with d filled at n's mark. */
/* n is of kind k; what names the field ("steps") in the message. */
int ynode_want(const struct ynode *n, enum ynode_kind k, const char *what,
	       const char *path, struct diag *d);
/* Every key of map is one of allowed[] (NULL-terminated): "unknown key
 * "x" in what". */
int ynode_known_keys(const struct ynode *map, const char *const *allowed,
		     const char *what, const char *path, struct diag *d);
/* key is present in map: "what needs "key"" at the map's mark. */
int ynode_require(const struct ynode *map, const char *key, const char *what,
		  const char *path, struct diag *d);
/* An unsigned number in num.h's grammar (decimal or 0x hex, '_' between
 * digits), <= max. */
int ynode_u64(const struct ynode *n, uint64_t max, const char *what,
	      const char *path, struct diag *d, uint64_t *out);
/* true/false (also yes/no, on/off). */
int ynode_bool(const struct ynode *n, const char *what, const char *path,
	       struct diag *d, bool *out);
/* A scalar matching one of words[] (NULL-terminated): *out gets its index. */
int ynode_enum(const struct ynode *n, const char *const *words, const char *what,
	       const char *path, struct diag *d, int *out);
/* A scalar as a malloc'd escaped string (text_escape; '\n' kept when
 * newlines). Rejects strings with NUL bytes only via the escape. */
int ynode_string(const struct ynode *n, bool newlines, const char *what,
		 const char *path, struct diag *d, char **out);

/* A short escaped quotable form of a scalar for messages (at most 40
 * characters, "..." when cut), into buf. */
void ynode_quote(const struct ynode *n, char *buf, size_t len);

#endif
