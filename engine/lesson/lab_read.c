/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_read.c - reading one exact JSON shape: the lab's result and journal
 * records (see lab_int.h). Every problem is reported at the mark of the
 * value (or key) it is about. */
#include "lab_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int lab_rd_bad(struct lab_rd *rd, const struct json *at, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(rd->d, rd->path, at ? at->line : 0, at ? at->col : 0, "%s", msg);
	return -1;
}

int lab_rd_keys(struct lab_rd *rd, const struct json *obj, const char *const *allowed,
		const char *what)
{
	int i = json_unknown_key(obj, allowed);
	char *safe;

	if (i < 0)
		return 0;
	safe = text_escape(obj->keys[i], strlen(obj->keys[i]), false);
	diag_set(rd->d, rd->path, obj->kmarks[i].line, obj->kmarks[i].col,
		 "unknown key \"%.60s\" in %s", safe ? safe : "?", what);
	free(safe);
	return -1;
}

const struct json *lab_rd_member(struct lab_rd *rd, const struct json *obj, const char *key,
				 enum json_type t)
{
	const struct json *v = json_get(obj, key);

	if (!v) {
		diag_set(rd->d, rd->path, obj->line, obj->col, "missing \"%s\"", key);
		return NULL;
	}
	if (v->type != t) {
		diag_set(rd->d, rd->path, v->line, v->col, "\"%s\" must be %s, not %s", key,
			 json_type_name(t), json_type_name(v->type));
		return NULL;
	}
	return v;
}

int lab_rd_u64(struct lab_rd *rd, const struct json *obj, const char *key, uint64_t max,
	       uint64_t *out)
{
	const struct json *v = lab_rd_member(rd, obj, key, JSON_NUMBER);

	if (!v)
		return -1;
	if (json_u64(v, out) < 0)
		return lab_rd_bad(rd, v, "\"%s\" must be a whole number from 0 to 2^64-1", key);
	if (*out > max)
		return lab_rd_bad(rd, v, "\"%s\" must be at most %llu", key,
				  (unsigned long long)max);
	return 0;
}

int lab_rd_bool(struct lab_rd *rd, const struct json *obj, const char *key, bool *out)
{
	const struct json *v = lab_rd_member(rd, obj, key, JSON_BOOL);

	if (!v)
		return -1;
	*out = v->b;
	return 0;
}

int lab_rd_str(struct lab_rd *rd, const struct json *obj, const char *key, size_t max,
	       bool newlines, char **out)
{
	const struct json *v = lab_rd_member(rd, obj, key, JSON_STRING);

	if (!v)
		return -1;
	if (v->len > max)
		return lab_rd_bad(rd, v, "\"%s\" is too long (%zu bytes, at most %zu)", key,
				  v->len, max);
	if (!text_is_safe(v->s, newlines))
		return lab_rd_bad(rd, v, "\"%s\" holds control characters or invalid text", key);
	*out = strdup(v->s);
	if (!*out)
		return lab_rd_bad(rd, v, "out of memory");
	return 0;
}

int lab_rd_time(struct lab_rd *rd, const struct json *obj, const char *key,
		char out[LAB_TIME_LEN])
{
	const struct json *v = lab_rd_member(rd, obj, key, JSON_STRING);
	int64_t t;
	char back[LAB_TIME_LEN];

	if (!v)
		return -1;
	/* exactly the form written: parse, format again, compare */
	if (v->len != LAB_TIME_LEN - 1 || lab_time_parse(v->s, &t) < 0 ||
	    (lab_time_format(t, back), strcmp(back, v->s) != 0))
		return lab_rd_bad(rd, v, "\"%s\" must be a UTC time like 2026-11-30T15:25:25Z", key);
	memcpy(out, v->s, LAB_TIME_LEN);
	return 0;
}
