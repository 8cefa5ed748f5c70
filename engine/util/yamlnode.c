/* SPDX-License-Identifier: GPL-2.0-only */
/* yamlnode.c - libyaml events to a marked node tree, and schema helpers. */
#include "util/yamlnode.h"
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "util/array.h"
#include "util/num.h"
#include "util/text.h"

/* ---- raw text checks -------------------------------------------------- */

/* Check the raw bytes: valid UTF-8, no control characters but tab, LF, CR.
 * Columns count characters, as libyaml's marks do. */
static int check_raw(const char *path, const char *buf, size_t len, struct diag *d)
{
	const unsigned char *s = (const unsigned char *)buf;
	int line = 1, col = 1;
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			diag_set(d, path, line, col, "invalid UTF-8 (byte \\x%02x)", s[i]);
			return -1;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f) {
			diag_set(d, path, line, col, "control character \\x%02x is not allowed", cp);
			return -1;
		}
		if (cp >= 0x80 && cp <= 0x9f) {
			diag_set(d, path, line, col, "control character \\u%04x is not allowed", cp);
			return -1;
		}
		if (cp == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		i += n;
	}
	return 0;
}

/* ---- tree ------------------------------------------------------------- */

void ynode_free(struct ynode *n)
{
	if (!n)
		return;
	if (n->kind == YNODE_SCALAR) {
		free(n->str);
	} else {
		size_t count = n->kind == YNODE_MAP ? 2 * n->n : n->n;
		for (size_t i = 0; i < count; i++)
			ynode_free(n->items[i]);
		free(n->items);
	}
	free(n);
}

const char *ynode_kind_name(enum ynode_kind k)
{
	switch (k) {
	case YNODE_SCALAR: return "a string";
	case YNODE_MAP: return "a map";
	case YNODE_SEQ: return "a list";
	}
	return "?";
}

struct frame {
	struct ynode *node;      /* an open map or sequence */
	size_t used, cap;        /* items filled / allocated */
};

struct builder {
	const char *path;
	const struct ynode_limits *lim;
	struct diag *d;
	struct frame *stack;     /* lim->max_depth frames */
	size_t depth;
	size_t nodes;
	struct ynode *root;
	/* the last quoted scalar that spanned lines: where it began and ended
	 * (0-based), for a syntax error its missing closing quote causes */
	size_t q_line, q_col, q_end_line;
	bool q_multi;
};


/* Append child to the open container (or make it the root). 0, or -1 with
 * d filled; child is owned by the tree either way (freed on failure). */
static int add_child(struct builder *b, struct ynode *child)
{
	struct ynode **items;
	struct frame *f;

	if (b->depth == 0) {
		b->root = child;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	if (f->node->kind == YNODE_MAP && f->used % 2 == 0 && child->kind != YNODE_SCALAR) {
		diag_set(b->d, b->path, child->line, child->col,
			 "a key must be a plain string, not %s", ynode_kind_name(child->kind));
		ynode_free(child);
		return -1;
	}
	items = array_grow(f->node->items, &f->cap, f->used + 1, sizeof *items, 8);
	if (!items) {
		diag_set(b->d, b->path, child->line, child->col, "out of memory");
		ynode_free(child);
		return -1;
	}
	f->node->items = items;
	f->node->items[f->used++] = child;
	if (f->node->kind == YNODE_SEQ)
		f->node->n = f->used;
	else
		f->node->n = f->used / 2;
	return 0;
}

/* Order key nodes by their bytes. */
static int cmp_keys(const void *a, const void *b)
{
	const struct ynode *x = *(struct ynode *const *)a, *y = *(struct ynode *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->str, y->str, n);

	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Sort the keys of map to find duplicates; report the later of a pair. */
static int check_duplicates(struct builder *b, const struct ynode *map)
{
	size_t n = map->n;
	struct ynode **keys;
	int rc = 0;

	if (n < 2)
		return 0;
	keys = malloc(n * sizeof *keys);
	if (!keys) {
		diag_set(b->d, b->path, map->line, map->col, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		keys[i] = map->items[2 * i];
	qsort(keys, n, sizeof *keys, cmp_keys);
	for (size_t i = 1; i < n && rc == 0; i++) {
		const struct ynode *x = keys[i - 1], *y = keys[i];
		if (x->len == y->len && memcmp(x->str, y->str, x->len) == 0) {
			const struct ynode *later = (y->line > x->line ||
				(y->line == x->line && y->col > x->col)) ? y : x;
			char q[64];
			ynode_quote(later, q, sizeof q);
			diag_set(b->d, b->path, later->line, later->col, "duplicate key %s", q);
			rc = -1;
		}
	}
	free(keys);
	return rc;
}

static struct ynode *node_new(struct builder *b, enum ynode_kind k, yaml_mark_t m)
{
	struct ynode *n;

	if (++b->nodes > b->lim->max_nodes) {
		diag_set(b->d, b->path, (int)m.line + 1, (int)m.column + 1,
			 "too many nodes (more than %zu)", b->lim->max_nodes);
		return NULL;
	}
	n = calloc(1, sizeof *n);
	if (!n) {
		diag_set(b->d, b->path, (int)m.line + 1, (int)m.column + 1, "out of memory");
		return NULL;
	}
	n->kind = k;
	n->line = (int)m.line + 1;
	n->col = (int)m.column + 1;
	return n;
}

/* Line and column (characters) of byte offset off in buf. */
static void offset_mark(const char *buf, size_t len, size_t off, int *line, int *col)
{
	const unsigned char *s = (const unsigned char *)buf;

	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((s[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static void parser_error(struct builder *b, const yaml_parser_t *p,
			 const char *buf, size_t len)
{
	int line, col;
	const char *problem = p->problem ? p->problem : "cannot parse";

	if (p->error == YAML_READER_ERROR) {
		offset_mark(buf, len, p->problem_offset, &line, &col);
	} else {
		line = (int)p->problem_mark.line + 1;
		col = (int)p->problem_mark.column + 1;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		diag_set(b->d, b->path, line, col, "out of memory");
	} else if (p->error == YAML_PARSER_ERROR && b->q_multi &&
		   p->problem_mark.line == b->q_end_line) {
		/* a quote left open runs to the next quote, lines later, and the
		 * error is found there: say where the string began */
		diag_set(b->d, b->path, (int)b->q_line + 1, (int)b->q_col + 1,
			 "YAML syntax error: this quoted string runs on to line %d (\"%s\" "
			 "there): is its closing quote missing?", line, problem);
	} else if (p->context && strstr(p->context, "quoted scalar") &&
		   strstr(problem, "end of stream")) {
		/* libyaml reports where the file ends: the quote is where it opens */
		diag_set(b->d, b->path, (int)p->context_mark.line + 1,
			 (int)p->context_mark.column + 1,
			 "YAML syntax error: this quoted string is never closed (the file ends "
			 "inside it)");
	} else if (p->error == YAML_PARSER_ERROR && p->context &&
		   (strstr(p->context, "flow mapping") || strstr(p->context, "flow sequence")) &&
		   p->context_mark.line < p->problem_mark.line) {
		/* an unclosed { or [ is noticed lines later: say where it opens */
		bool map = strstr(p->context, "flow mapping") != NULL;

		diag_set(b->d, b->path, (int)p->context_mark.line + 1,
			 (int)p->context_mark.column + 1,
			 "YAML syntax error: this '%c' is not closed: line %d column %d has no "
			 "',' or '%c' where one was expected", map ? '{' : '[', line, col,
			 map ? '}' : ']');
	} else if (p->context)
		diag_set(b->d, b->path, line, col, "YAML syntax error: %s (%s)", problem,
			 p->context);
	else
		diag_set(b->d, b->path, line, col, "YAML syntax error: %s", problem);
}

/* Refuse anchors and tags on a node event. */
static int no_anchor_tag(struct builder *b, const yaml_event_t *ev,
			 const yaml_char_t *anchor, const yaml_char_t *tag)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;

	if (anchor) {
		diag_set(b->d, b->path, line, col,
			 "anchors (&name) are not allowed here: write the value out");
		return -1;
	}
	if (tag) {
		diag_set(b->d, b->path, line, col, "tags (!name) are not allowed here");
		return -1;
	}
	return 0;
}

/* A scalar event: a new YNODE_SCALAR holding a copy of its text. */
static int build_scalar(struct builder *b, const yaml_event_t *ev, int line, int col)
{
	struct ynode *n;

	if (no_anchor_tag(b, ev, ev->data.scalar.anchor, ev->data.scalar.tag) < 0)
		return -1;
	if (ev->data.scalar.length > b->lim->max_string) {
		diag_set(b->d, b->path, line, col, "string too long (%zu bytes, at most %zu)",
			 ev->data.scalar.length, b->lim->max_string);
		return -1;
	}
	n = node_new(b, YNODE_SCALAR, ev->start_mark);
	if (!n)
		return -1;
	n->str = malloc(ev->data.scalar.length + 1);
	if (!n->str) {
		ynode_free(n);
		diag_set(b->d, b->path, line, col, "out of memory");
		return -1;
	}
	memcpy(n->str, ev->data.scalar.value, ev->data.scalar.length);
	n->str[ev->data.scalar.length] = '\0';
	n->len = ev->data.scalar.length;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return add_child(b, n);
}

/* A sequence or mapping start: a new node, pushed so later events fill it. */
static int build_open(struct builder *b, const yaml_event_t *ev, int line, int col)
{
	int is_map = ev->type == YAML_MAPPING_START_EVENT;
	struct ynode *n;

	if (no_anchor_tag(b, ev,
			  is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor,
			  is_map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag) < 0)
		return -1;
	if (b->depth >= b->lim->max_depth) {
		diag_set(b->d, b->path, line, col, "nested too deeply (more than %u levels)",
			 b->lim->max_depth);
		return -1;
	}
	n = node_new(b, is_map ? YNODE_MAP : YNODE_SEQ, ev->start_mark);
	if (!n)
		return -1;
	if (add_child(b, n) < 0)
		return -1;
	b->stack[b->depth].node = n;
	b->stack[b->depth].used = 0;
	b->stack[b->depth].cap = 0;
	b->depth++;
	return 0;
}

/* One parser event into the tree. Returns 1 at the stream's end, 0 to go on,
 * -1 with b->d set. *docs counts the documents seen. */
static int build_event(struct builder *b, const yaml_event_t *ev, int *docs)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;

	switch (ev->type) {
	case YAML_STREAM_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
	case YAML_NO_EVENT:
		return 0;
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			diag_set(b->d, b->path, line, col, "only one YAML document is allowed");
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		diag_set(b->d, b->path, line, col,
			 "aliases (*name) are not allowed: write the value out");
		return -1;
	case YAML_SCALAR_EVENT:
		return build_scalar(b, ev, line, col);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return build_open(b, ev, line, col);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (b->depth == 0)
			return -1; /* libyaml never does this */
		b->depth--;
		if (b->stack[b->depth].node->kind == YNODE_MAP &&
		    check_duplicates(b, b->stack[b->depth].node) < 0)
			return -1;
		return 0;
	}
	return 0;
}

struct ynode *ynode_parse(const char *path, const char *buf, size_t len,
			  const struct ynode_limits *lim, struct diag *d)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder b = { .path = path, .lim = lim, .d = d };
	int docs = 0, done = 0, ok = 0;

	if (check_raw(path, buf, len, d) < 0)
		return NULL;
	b.stack = calloc(lim->max_depth + 1, sizeof *b.stack);
	if (!b.stack) {
		diag_set(d, path, 0, 0, "out of memory");
		return NULL;
	}
	if (!yaml_parser_initialize(&parser)) {
		free(b.stack);
		diag_set(d, path, 0, 0, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(&b, &parser, buf, len);
			goto fail;
		}
		if (ev.type == YAML_SCALAR_EVENT) {
			b.q_multi = ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
				    ev.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE;
			b.q_multi = b.q_multi && ev.end_mark.line > ev.start_mark.line;
			b.q_line = ev.start_mark.line;
			b.q_col = ev.start_mark.column;
			b.q_end_line = ev.end_mark.line;
		}
		done = build_event(&b, &ev, &docs);
		yaml_event_delete(&ev);
		if (done < 0)
			goto fail;
	}
	if (!b.root) {
		diag_set(d, path, 1, 1, "empty file");
		goto fail;
	}
	ok = 1;
fail:
	yaml_parser_delete(&parser);
	if (!ok) {
		/* an open map may hold a key still waiting for its value: the
		 * tree counts pairs only, so free that key here */
		for (size_t i = 0; i < b.depth; i++)
			if (b.stack[i].node->kind == YNODE_MAP && b.stack[i].used % 2)
				ynode_free(b.stack[i].node->items[b.stack[i].used - 1]);
		ynode_free(b.root);
		free(b.stack);
		return NULL;
	}
	free(b.stack);
	return b.root;
}

struct ynode *ynode_load(const char *path, const struct ynode_limits *lim,
			 struct diag *d)
{
	size_t len;
	char *buf = file_read_regular(path, lim->max_bytes, &len, d);
	struct ynode *root;

	if (!buf)
		return NULL;
	root = ynode_parse(path, buf, len, lim, d);
	free(buf);
	return root;
}

/* ---- lookups and schema helpers ------------------------------------------ */

static bool key_is(const struct ynode *k, const char *key)
{
	size_t n = strlen(key);
	return k->len == n && memcmp(k->str, key, n) == 0;
}

const struct ynode *ynode_key(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (key_is(map->items[2 * i], key))
			return map->items[2 * i];
	return NULL;
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (key_is(map->items[2 * i], key))
			return map->items[2 * i + 1];
	return NULL;
}

void ynode_quote(const struct ynode *n, char *buf, size_t len)
{
	size_t take = n->len, cut = 0;
	char *e;

	/* cut at 40 bytes, then back to a UTF-8 boundary */
	if (take > 40) {
		take = 40;
		while (take > 0 && ((unsigned char)n->str[take] & 0xc0) == 0x80)
			take--;
		cut = 1;
	}
	e = text_escape(n->str, take, false);
	snprintf(buf, len, "\"%s%s\"", e ? e : "?", cut ? "..." : "");
	free(e);
}

int ynode_want(const struct ynode *n, enum ynode_kind k, const char *what,
	       const char *path, struct diag *d)
{
	if (n->kind == k)
		return 0;
	diag_set(d, path, n->line, n->col, "%s must be %s, not %s", what,
		 ynode_kind_name(k), ynode_kind_name(n->kind));
	return -1;
}

int ynode_known_keys(const struct ynode *map, const char *const *allowed,
		     const char *what, const char *path, struct diag *d)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->items[2 * i];
		size_t j;
		for (j = 0; allowed[j]; j++)
			if (key_is(k, allowed[j]))
				break;
		if (!allowed[j]) {
			char q[64];
			ynode_quote(k, q, sizeof q);
			diag_set(d, path, k->line, k->col, "unknown key %s in %s", q, what);
			return -1;
		}
	}
	return 0;
}

int ynode_require(const struct ynode *map, const char *key, const char *what,
		  const char *path, struct diag *d)
{
	if (ynode_key(map, key))
		return 0;
	diag_set(d, path, map->line, map->col, "%s needs \"%s\"", what, key);
	return -1;
}

int ynode_u64(const struct ynode *n, uint64_t max, const char *what,
	      const char *path, struct diag *d, uint64_t *out)
{
	uint64_t v;
	enum num_status st;
	char q[64];

	if (n->kind != YNODE_SCALAR) {
		diag_set(d, path, n->line, n->col, "%s must be a number, not %s", what,
			 ynode_kind_name(n->kind));
		return -1;
	}
	ynode_quote(n, q, sizeof q);
	st = num_parse_u64(n->str, n->len, &v, NULL);
	if (st != NUM_OK) {
		if (st == NUM_OVERFLOW)
			diag_set(d, path, n->line, n->col, "%s %s does not fit 64 bits", what, q);
		else
			diag_set(d, path, n->line, n->col,
				 "%s must be a number (decimal or 0x hex), not %s", what, q);
		return -1;
	}
	if (v > max) {
		diag_set(d, path, n->line, n->col, "%s %s is too large (at most 0x%llx)",
			 what, q, (unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;
}

int ynode_bool(const struct ynode *n, const char *what, const char *path,
	       struct diag *d, bool *out)
{
	static const char *const words[] = { "false", "true", "no", "yes", "off", "on", NULL };
	int i;

	if (n->kind == YNODE_SCALAR) {
		for (i = 0; words[i]; i++)
			if (key_is(n, words[i])) {
				*out = i % 2 == 1;
				return 0;
			}
	}
	if (n->kind != YNODE_SCALAR) {
		diag_set(d, path, n->line, n->col, "%s must be true or false, not %s", what,
			 ynode_kind_name(n->kind));
	} else {
		char q[64];
		ynode_quote(n, q, sizeof q);
		diag_set(d, path, n->line, n->col, "%s must be true or false, not %s", what, q);
	}
	return -1;
}

int ynode_enum(const struct ynode *n, const char *const *words, const char *what,
	       const char *path, struct diag *d, int *out)
{
	char list[256] = "";
	char q[64];
	size_t used = 0;

	if (n->kind == YNODE_SCALAR) {
		for (int i = 0; words[i]; i++)
			if (key_is(n, words[i])) {
				*out = i;
				return 0;
			}
	}
	for (int i = 0; words[i] && used < sizeof list; i++) {
		int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", words[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	if (n->kind != YNODE_SCALAR) {
		diag_set(d, path, n->line, n->col, "%s must be one of %s, not %s", what, list,
			 ynode_kind_name(n->kind));
	} else {
		ynode_quote(n, q, sizeof q);
		diag_set(d, path, n->line, n->col, "unknown %s %s (one of %s)", what, q, list);
	}
	return -1;
}

int ynode_string(const struct ynode *n, bool newlines, const char *what,
		 const char *path, struct diag *d, char **out)
{
	char *s;

	if (n->kind != YNODE_SCALAR) {
		diag_set(d, path, n->line, n->col, "%s must be a string, not %s", what,
			 ynode_kind_name(n->kind));
		return -1;
	}
	s = text_escape(n->str, n->len, newlines);
	if (!s) {
		diag_set(d, path, n->line, n->col, "out of memory");
		return -1;
	}
	*out = s;
	return 0;
}
