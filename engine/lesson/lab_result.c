/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_result.c - a lab's result as JSON, and reading one back strictly
 * (see lab.h; the format is docs/lab-format.md). */
#include "lesson/lab.h"

#include <stdlib.h>
#include <string.h>

#include "util/file.h"
#include "util/json.h"

static void put_kv_str(FILE *f, const char *indent, const char *key, const char *v)
{
	fprintf(f, "%s\"%s\": ", indent, key);
	json_put_string(f, v);
	fputs(",\n", f);
}

static void put_question(FILE *f, const struct lab_question *q, bool last)
{
	char expect[LAB_ANSWER_MAX + 1];

	quiz_answer_typed(&q->qi, expect, sizeof expect);
	fprintf(f, "    {\n      \"step\": %zu,\n", q->step + 1);
	put_kv_str(f, "      ", "kind", quiz_kind_name(q->qi.kind));
	put_kv_str(f, "      ", "prompt", text_get(&q->qi.question, LANG_EN));
	put_kv_str(f, "      ", "expected", expect);
	fputs("      \"attempts\": [", f);
	for (int i = 0; i < q->tries; i++) {
		fputs(i ? ",\n        {\"answer\": " : "\n        {\"answer\": ", f);
		json_put_string(f, q->attempt[i].answer);
		fprintf(f, ", \"right\": %s, \"ms\": %llu}", q->attempt[i].right ? "true" : "false",
			(unsigned long long)q->attempt[i].ms);
	}
	fprintf(f, "%s],\n", q->tries ? "\n      " : "");
	fprintf(f, "      \"tries\": %d,\n      \"right\": %s,\n      \"ms\": %llu\n    }%s\n",
		q->tries, q->right ? "true" : "false", (unsigned long long)q->ms, last ? "" : ",");
}

int lab_result_write(const struct lab *lab, const char *version, const char *started,
		     FILE *f, struct diag *d)
{
	uint64_t ms = 0;

	for (size_t i = 0; i < lab->nq; i++)
		ms += lab->q[i].ms;
	fputs("{\n", f);
	put_kv_str(f, "  ", "format", LAB_FORMAT);
	fprintf(f, "  \"format_version\": %d,\n", LAB_FORMAT_VERSION);
	put_kv_str(f, "  ", "pagewalk", version);
	put_kv_str(f, "  ", "student", lab->student);
	fprintf(f, "  \"seed\": %llu,\n  \"seed_given\": %s,\n", (unsigned long long)lab->seed,
		lab->seed_given ? "true" : "false");
	put_kv_str(f, "  ", "lesson", lab->lesson->name);
	put_kv_str(f, "  ", "lesson_hash", lab->lesson_hash);
	put_kv_str(f, "  ", "started", started);
	fprintf(f, "  \"tries_allowed\": %d,\n  \"score\": %zu,\n  \"max\": %zu,\n"
		"  \"ms\": %llu,\n  \"questions\": [\n", LAB_TRIES, lab_score(lab), lab->nq,
		(unsigned long long)ms);
	for (size_t i = 0; i < lab->nq; i++)
		put_question(f, &lab->q[i], i + 1 == lab->nq);
	fputs("  ]\n}\n", f);
	if (fflush(f) != 0 || ferror(f)) {
		diag_set(d, NULL, 0, 0, "cannot write the lab result");
		return -1;
	}
	return 0;
}

/* ---- reading ---- */

struct rd {
	const char *path;
	struct diag *d;
};

static int bad(struct rd *rd, const struct json *at, const char *msg)
{
	diag_set(rd->d, rd->path, at->line, at->col, "%s", msg);
	return -1;
}

/* "\"key\" why" at a value. */
static int badk(struct rd *rd, const struct json *at, const char *key, const char *why)
{
	diag_set(rd->d, rd->path, at->line, at->col, "\"%s\" %s", key, why);
	return -1;
}

/* The member key of obj, of type t; NULL with d filled when absent or of
 * another type. */
static const struct json *member(struct rd *rd, const struct json *obj, const char *key,
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

static int get_u64(struct rd *rd, const struct json *obj, const char *key, uint64_t *out)
{
	const struct json *v = member(rd, obj, key, JSON_NUMBER);

	if (!v)
		return -1;
	if (json_u64(v, out) < 0)
		return badk(rd, v, key, "must be a whole number from 0 to 2^64-1");
	return 0;
}

static int get_bool(struct rd *rd, const struct json *obj, const char *key, bool *out)
{
	const struct json *v = member(rd, obj, key, JSON_BOOL);

	if (!v)
		return -1;
	*out = v->b;
	return 0;
}

/* A string member: printable text (no control characters, at most max
 * bytes), copied. */
static int get_str(struct rd *rd, const struct json *obj, const char *key, size_t max,
		   char **out)
{
	const struct json *v = member(rd, obj, key, JSON_STRING);

	if (!v)
		return -1;
	if (v->len > max)
		return badk(rd, v, key, "is too long");
	if (!text_is_safe(v->s, false))
		return badk(rd, v, key, "holds control characters or invalid text");
	*out = strdup(v->s);
	if (!*out)
		return badk(rd, v, key, ": out of memory");
	return 0;
}

static int read_attempt(struct rd *rd, const struct json *a, struct lab_rattempt *out)
{
	if (a->type != JSON_OBJECT)
		return bad(rd, a, "an attempt must be an object");
	out->line = a->line;
	out->col = a->col;
	if (get_str(rd, a, "answer", LAB_ANSWER_MAX, &out->answer) < 0 ||
	    get_bool(rd, a, "right", &out->right) < 0 || get_u64(rd, a, "ms", &out->ms) < 0)
		return -1;
	return 0;
}

static int read_question(struct rd *rd, const struct json *q, struct lab_rquestion *out)
{
	const struct json *att;

	if (q->type != JSON_OBJECT)
		return bad(rd, q, "a question must be an object");
	out->line = q->line;
	out->col = q->col;
	if (get_u64(rd, q, "step", &out->step) < 0 ||
	    get_str(rd, q, "kind", 32, &out->kind) < 0 ||
	    get_str(rd, q, "prompt", 4096, &out->prompt) < 0 ||
	    !(att = member(rd, q, "attempts", JSON_ARRAY)) ||
	    get_u64(rd, q, "tries", &out->tries) < 0 || get_bool(rd, q, "right", &out->right) < 0 ||
	    get_u64(rd, q, "ms", &out->ms) < 0)
		return -1;
	if (att->n > 16)
		return bad(rd, att, "more attempts than any lab allows");
	out->attempt = calloc(att->n ? att->n : 1, sizeof *out->attempt);
	if (!out->attempt)
		return bad(rd, att, "out of memory");
	for (size_t i = 0; i < att->n; i++, out->nattempt++)
		if (read_attempt(rd, att->items[i], &out->attempt[i]) < 0) {
			out->nattempt++;    /* free what it holds */
			return -1;
		}
	return 0;
}

static int read_top(struct rd *rd, const struct json *j, struct lab_result *r)
{
	const struct json *v, *qs;
	char *format = NULL;
	uint64_t fv;
	int rc = -1;

	if (j->type != JSON_OBJECT)
		return bad(rd, j, "a lab result must be a JSON object");
	if (get_str(rd, j, "format", 64, &format) < 0)
		return -1;
	if (strcmp(format, LAB_FORMAT) != 0) {
		bad(rd, json_get(j, "format"), "not a lab result (format is not \"" LAB_FORMAT "\")");
		goto out;
	}
	if (get_u64(rd, j, "format_version", &fv) < 0)
		goto out;
	if (fv != LAB_FORMAT_VERSION) {
		bad(rd, json_get(j, "format_version"), "this format_version is not supported (1 is)");
		goto out;
	}
	if (get_str(rd, j, "pagewalk", 64, &r->version) < 0 ||
	    get_str(rd, j, "student", 256, &r->student) < 0)
		goto out;
	if (!lab_student_valid(r->student)) {
		bad(rd, json_get(j, "student"), "bad student id (A-Z a-z 0-9 . _ -, at most 32)");
		goto out;
	}
	if (get_u64(rd, j, "seed", &r->seed) < 0 || get_bool(rd, j, "seed_given", &r->seed_given) < 0 ||
	    get_str(rd, j, "lesson", 256, &r->lesson) < 0)
		goto out;
	if (!r->lesson[0] || strchr(r->lesson, '/') || r->lesson[0] == '.' || r->lesson[0] == '-') {
		bad(rd, json_get(j, "lesson"), "\"lesson\" must be a lesson name, not a path");
		goto out;
	}
	if (
	    get_str(rd, j, "lesson_hash", 64, &r->lesson_hash) < 0 ||
	    get_str(rd, j, "started", 64, &r->started) < 0 ||
	    get_u64(rd, j, "tries_allowed", &r->tries_allowed) < 0 ||
	    get_u64(rd, j, "score", &r->score) < 0 || get_u64(rd, j, "max", &r->max) < 0 ||
	    get_u64(rd, j, "ms", &r->ms) < 0 || !(qs = member(rd, j, "questions", JSON_ARRAY)))
		goto out;
	v = json_get(j, "seed");
	r->seed_line = v->line;
	r->seed_col = v->col;
	if (qs->n > 1000) {
		bad(rd, qs, "too many questions");
		goto out;
	}
	r->q = calloc(qs->n ? qs->n : 1, sizeof *r->q);
	if (!r->q) {
		bad(rd, qs, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < qs->n; i++, r->nq++)
		if (read_question(rd, qs->items[i], &r->q[i]) < 0) {
			r->nq++;    /* free what it holds */
			goto out;
		}
	rc = 0;
out:
	free(format);
	return rc;
}

struct lab_result *lab_result_load_buffer(const char *path, const char *buf, size_t len,
					  struct diag *d)
{
	struct rd rd = { .path = path, .d = d };
	struct lab_result *r = NULL;
	struct json *j = json_parse(path, buf, len, d);

	if (!j)
		return NULL;
	r = calloc(1, sizeof *r);
	if (!r || !(r->path = strdup(path))) {
		diag_set(d, path, 0, 0, "out of memory");
		goto fail;
	}
	if (read_top(&rd, j, r) < 0)
		goto fail;
	json_free(j);
	return r;
fail:
	lab_result_free(r);
	json_free(j);
	return NULL;
}

struct lab_result *lab_result_load(const char *path, struct diag *d)
{
	size_t len;
	char *buf = file_read_regular(path, LAB_RESULT_MAX, &len, d);
	struct lab_result *r;

	if (!buf)
		return NULL;
	r = lab_result_load_buffer(path, buf, len, d);
	free(buf);
	return r;
}

void lab_result_free(struct lab_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nq; i++) {
		for (size_t k = 0; k < r->q[i].nattempt; k++)
			free(r->q[i].attempt[k].answer);
		free(r->q[i].attempt);
		free(r->q[i].kind);
		free(r->q[i].prompt);
	}
	free(r->q);
	free(r->path);
	free(r->student);
	free(r->lesson);
	free(r->lesson_hash);
	free(r->version);
	free(r->started);
	free(r);
}
