/* SPDX-License-Identifier: GPL-2.0-only */
/* json.c - strict JSON reader and string writer (see json.h). */
#include "util/json.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"
#include "util/text.h"

struct jp {
	const char *path, *p, *end, *line_start;
	int line;
	size_t nodes;
	struct diag *d;
	bool failed;
};

static int col_of(const struct jp *jp, const char *at)
{
	return (int)(at - jp->line_start) + 1;
}

static void *jp_fail(struct jp *jp, const char *at, const char *msg)
{
	if (!jp->failed)
		diag_set(jp->d, jp->path, jp->line, col_of(jp, at), "%s", msg);
	jp->failed = true;
	return NULL;
}

static void skip_ws(struct jp *jp)
{
	while (jp->p < jp->end) {
		char c = *jp->p;
		if (c == '\n') {
			jp->line++;
			jp->line_start = jp->p + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		jp->p++;
	}
}

static struct json *node_new(struct jp *jp, enum json_type t)
{
	struct json *j;

	if (++jp->nodes > JSON_MAX_NODES)
		return jp_fail(jp, jp->p, "too many values");
	j = calloc(1, sizeof *j);
	if (!j)
		return jp_fail(jp, jp->p, "out of memory");
	j->type = t;
	j->line = jp->line;
	j->col = col_of(jp, jp->p);
	return j;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
		else return -1;
	}
	*out = v;
	return 0;
}

static size_t utf8_put(char *o, unsigned cp)
{
	if (cp < 0x80) { o[0] = (char)cp; return 1; }
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* One \uXXXX escape (with its low surrogate when it is a high one) at p
 * (after the backslash-u); the code point into *cp, the bytes used into *used. */
static const char *uescape(struct jp *jp, const char *p, unsigned *cp)
{
	unsigned hi, lo;

	if (jp->end - p < 4 || hex4(p, &hi) < 0)
		return jp_fail(jp, p, "bad \\u escape: four hex digits expected");
	p += 4;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return jp_fail(jp, p - 6, "lone low surrogate in \\u escape");
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (jp->end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) < 0 ||
		    lo < 0xdc00 || lo > 0xdfff)
			return jp_fail(jp, p - 6, "high surrogate without its low surrogate");
		hi = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
		p += 6;
	}
	if (hi == 0)
		return jp_fail(jp, p - 6, "\\u0000 is not allowed in strings");
	*cp = hi;
	return p;
}

/* A string at jp->p (on the opening quote): decoded into a malloc'd buffer. */
static char *parse_str(struct jp *jp, size_t *len)
{
	const char *p = jp->p + 1;
	char *out = malloc((size_t)(jp->end - p) + 1), *o = out;

	if (!out)
		return jp_fail(jp, jp->p, "out of memory");
	while (p < jp->end && *p != '"') {
		unsigned char c = (unsigned char)*p;
		unsigned cp;
		size_t n;
		if (c < 0x20) {
			free(out);
			return jp_fail(jp, p, "control character in string (escape it)");
		}
		if (c != '\\') {
			n = utf8_decode((const unsigned char *)p, (size_t)(jp->end - p), &cp);
			if (!n) {
				free(out);
				return jp_fail(jp, p, "invalid UTF-8 in string");
			}
			memcpy(o, p, n);
			o += n;
			p += n;
			continue;
		}
		if (++p >= jp->end)
			break;
		switch (*p) {
		case '"': case '\\': case '/': *o++ = *p; p++; continue;
		case 'b': *o++ = '\b'; p++; continue;
		case 'f': *o++ = '\f'; p++; continue;
		case 'n': *o++ = '\n'; p++; continue;
		case 'r': *o++ = '\r'; p++; continue;
		case 't': *o++ = '\t'; p++; continue;
		case 'u':
			p = uescape(jp, p + 1, &cp);
			if (!p) {
				free(out);
				return NULL;
			}
			o += utf8_put(o, cp);
			continue;
		default:
			free(out);
			return jp_fail(jp, p - 1, "unknown escape in string");
		}
	}
	if (p >= jp->end) {
		free(out);
		return jp_fail(jp, jp->p, "string not closed");
	}
	*o = '\0';
	*len = (size_t)(o - out);
	jp->p = p + 1;
	return out;
}

static struct json *parse_value(struct jp *jp, int depth);

static int add_item(struct jp *jp, struct json *j, struct json *item, char *key,
		    struct json_mark kmark)
{
	size_t cap = j->cap;   /* items, keys and their marks grow together */
	struct json **items = array_grow(j->items, &cap, j->n + 1, sizeof *items, 8);
	char **keys = NULL;
	struct json_mark *kmarks = NULL;

	if (items)
		j->items = items;
	if (items && j->type == JSON_OBJECT) {
		cap = j->cap;
		keys = array_grow(j->keys, &cap, j->n + 1, sizeof *keys, 8);
		if (keys)
			j->keys = keys;
		cap = j->cap;
		kmarks = keys ? array_grow(j->kmarks, &cap, j->n + 1, sizeof *kmarks, 8) : NULL;
		if (kmarks)
			j->kmarks = kmarks;
	}
	if (!items || (j->type == JSON_OBJECT && (!keys || !kmarks))) {
		jp_fail(jp, jp->p, "out of memory");
		return -1;
	}
	j->cap = cap;
	j->items[j->n] = item;
	if (keys) {
		j->keys[j->n] = key;
		j->kmarks[j->n] = kmark;
	}
	j->n++;
	return 0;
}

/* An object member's key and ':' at jp->p; the key, or NULL. */
static char *parse_key(struct jp *jp, const struct json *obj)
{
	const char *at = jp->p;
	size_t len;
	char *key;

	if (jp->p >= jp->end || *jp->p != '"')
		return jp_fail(jp, jp->p, "object key (a string) expected");
	key = parse_str(jp, &len);
	if (!key)
		return NULL;
	if (strlen(key) != len || json_get(obj, key)) {
		free(key);
		return jp_fail(jp, at, "duplicate key in object");
	}
	skip_ws(jp);
	if (jp->p >= jp->end || *jp->p != ':') {
		free(key);
		return jp_fail(jp, jp->p, "':' expected after the key");
	}
	jp->p++;
	return key;
}

/* An array or object at jp->p (on '[' or '{'). */
static struct json *parse_container(struct jp *jp, int depth)
{
	bool obj = *jp->p == '{';
	char close = obj ? '}' : ']';
	struct json *j = node_new(jp, obj ? JSON_OBJECT : JSON_ARRAY);

	if (!j)
		return NULL;
	if (depth >= JSON_MAX_DEPTH) {
		jp_fail(jp, jp->p, "nested too deeply");
		goto fail;
	}
	jp->p++;
	skip_ws(jp);
	if (jp->p < jp->end && *jp->p == close) {
		jp->p++;
		return j;
	}
	for (;;) {
		char *key = NULL;
		struct json *v;
		struct json_mark km;
		skip_ws(jp);
		km.line = jp->line;
		km.col = col_of(jp, jp->p);
		if (obj && !(key = parse_key(jp, j)))
			goto fail;
		v = parse_value(jp, depth + 1);
		if (!v || add_item(jp, j, v, key, km) < 0) {
			free(key);
			json_free(v);
			goto fail;
		}
		skip_ws(jp);
		if (jp->p < jp->end && *jp->p == ',') {
			jp->p++;
			continue;
		}
		if (jp->p < jp->end && *jp->p == close) {
			jp->p++;
			return j;
		}
		jp_fail(jp, jp->p, obj ? "',' or '}' expected" : "',' or ']' expected");
		goto fail;
	}
fail:
	json_free(j);
	return NULL;
}

static struct json *parse_number(struct jp *jp)
{
	const char *p = jp->p, *start = p;
	struct json *j;

	if (p < jp->end && *p == '-')
		p++;
	if (p < jp->end && *p == '0')
		p++;
	else if (p < jp->end && *p >= '1' && *p <= '9')
		while (p < jp->end && *p >= '0' && *p <= '9')
			p++;
	else
		return jp_fail(jp, start, "unexpected character (a value was expected)");
	if (p < jp->end && *p == '.') {
		if (++p >= jp->end || *p < '0' || *p > '9')
			return jp_fail(jp, p, "digit expected after '.'");
		while (p < jp->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < jp->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < jp->end && (*p == '+' || *p == '-'))
			p++;
		if (p >= jp->end || *p < '0' || *p > '9')
			return jp_fail(jp, p, "digit expected in exponent");
		while (p < jp->end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p - start > 64)
		return jp_fail(jp, start, "number too long");
	j = node_new(jp, JSON_NUMBER);
	if (!j)
		return NULL;
	j->s = strndup(start, (size_t)(p - start));
	if (!j->s) {
		json_free(j);
		return jp_fail(jp, start, "out of memory");
	}
	j->len = (size_t)(p - start);
	jp->p = p;
	return j;
}

static struct json *parse_word(struct jp *jp, const char *w, enum json_type t, bool b)
{
	size_t n = strlen(w);
	struct json *j;

	if ((size_t)(jp->end - jp->p) < n || memcmp(jp->p, w, n) != 0)
		return jp_fail(jp, jp->p, "unexpected word (true, false or null?)");
	j = node_new(jp, t);
	if (j)
		j->b = b;
	jp->p += n;
	return j;
}

static struct json *parse_value(struct jp *jp, int depth)
{
	struct json *j;

	skip_ws(jp);
	if (jp->p >= jp->end)
		return jp_fail(jp, jp->p, "unexpected end of file (a value was expected)");
	switch (*jp->p) {
	case '{': case '[':
		return parse_container(jp, depth);
	case '"':
		j = node_new(jp, JSON_STRING);
		if (j && !(j->s = parse_str(jp, &j->len))) {
			json_free(j);
			return NULL;
		}
		return j;
	case 't': return parse_word(jp, "true", JSON_BOOL, true);
	case 'f': return parse_word(jp, "false", JSON_BOOL, false);
	case 'n': return parse_word(jp, "null", JSON_NULL, false);
	default: return parse_number(jp);
	}
}

struct json *json_parse(const char *path, const char *buf, size_t len, struct diag *d)
{
	return json_parse_at(path, buf, len, 1, d);
}

struct json *json_parse_at(const char *path, const char *buf, size_t len, int line,
			   struct diag *d)
{
	struct jp jp = { .path = path, .p = buf, .end = buf + len, .line_start = buf,
			 .line = line, .d = d };
	struct json *j;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return jp_fail(&jp, buf, "byte order mark at the start (save as plain UTF-8)");
	j = parse_value(&jp, 0);
	if (!j)
		return NULL;
	skip_ws(&jp);
	if (jp.p < jp.end) {
		json_free(j);
		return jp_fail(&jp, jp.p, "text after the end of the JSON value");
	}
	return j;
}

void json_free(struct json *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n; i++) {
		json_free(j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->kmarks);
	free(j->s);
	free(j);
}

const struct json *json_get(const struct json *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

int json_unknown_key(const struct json *obj, const char *const *allowed)
{
	if (!obj || obj->type != JSON_OBJECT)
		return -1;
	for (size_t i = 0; i < obj->n; i++) {
		size_t k = 0;
		while (allowed[k] && strcmp(allowed[k], obj->keys[i]) != 0)
			k++;
		if (!allowed[k])
			return (int)i;
	}
	return -1;
}

int json_u64(const struct json *v, uint64_t *out)
{
	uint64_t x = 0;

	if (!v || v->type != JSON_NUMBER || v->len == 0 || v->len > 20)
		return -1;
	for (size_t i = 0; i < v->len; i++) {
		unsigned dgt;
		if (v->s[i] < '0' || v->s[i] > '9')
			return -1;
		dgt = (unsigned)(v->s[i] - '0');
		if (x > (UINT64_MAX - dgt) / 10)
			return -1;
		x = x * 10 + dgt;
	}
	*out = x;
	return 0;
}

const char *json_type_name(enum json_type t)
{
	static const char *const names[] = { "null", "true or false", "a number", "a string",
					     "an array", "an object" };
	return names[t];
}

void json_put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}
