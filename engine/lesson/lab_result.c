/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_result.c - a lab's result as JSON, and reading one back in its exact
 * shape (see lab.h; the format is docs/lab-format.md). */
#include "lab_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/file.h"

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
		fprintf(f, ", \"right\": %s, \"ms\": %llu, \"at\": \"%s\"}",
			q->attempt[i].right ? "true" : "false",
			(unsigned long long)q->attempt[i].ms, q->attempt[i].at);
	}
	fprintf(f, "%s],\n", q->tries ? "\n      " : "");
	fprintf(f, "      \"tries\": %d,\n      \"right\": %s,\n      \"ms\": %llu\n    }%s\n",
		q->tries, q->right ? "true" : "false", (unsigned long long)q->ms, last ? "" : ",");
}

int lab_result_write(const struct lab *lab, const char *version, FILE *f, struct diag *d)
{
	uint64_t ms = 0;

	for (size_t i = 0; i < lab->nq; i++)
		ms += lab->q[i].ms;
	fputs("{\n", f);
	put_kv_str(f, "  ", "format", LAB_FORMAT);
	fprintf(f, "  \"format_version\": %d,\n", LAB_FORMAT_VERSION);
	put_kv_str(f, "  ", "pagewalk", version);
	put_kv_str(f, "  ", "student", lab->student);
	put_kv_str(f, "  ", "name", lab->name);
	fprintf(f, "  \"seed\": %llu,\n  \"seed_given\": %s,\n", (unsigned long long)lab->seed,
		lab->seed_given ? "true" : "false");
	put_kv_str(f, "  ", "nonce", lab->nonce);
	put_kv_str(f, "  ", "lesson", lab->lesson->name);
	put_kv_str(f, "  ", "lesson_hash", lab->lesson_hash);
	fprintf(f, "  \"session\": %u,\n  \"resumed\": %u,\n", lab->session, lab->resumed);
	put_kv_str(f, "  ", "started", lab->started);
	put_kv_str(f, "  ", "handed_in", lab->handed_in);
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

static const char *const top_keys[] = {
	"format", "format_version", "pagewalk", "student", "name", "seed", "seed_given",
	"nonce", "lesson", "lesson_hash", "session", "resumed", "started", "handed_in",
	"tries_allowed", "score", "max", "ms", "questions", NULL
};
static const char *const question_keys[] = {
	"step", "kind", "prompt", "expected", "attempts", "tries", "right", "ms", NULL
};
static const char *const attempt_keys[] = { "answer", "right", "ms", "at", NULL };

static int read_attempt(struct lab_rd *rd, const struct json *a, struct lab_rattempt *out)
{
	if (a->type != JSON_OBJECT)
		return lab_rd_bad(rd, a, "an attempt must be an object");
	out->line = a->line;
	out->col = a->col;
	if (lab_rd_keys(rd, a, attempt_keys, "an attempt") < 0 ||
	    lab_rd_str(rd, a, "answer", LAB_ANSWER_MAX, false, &out->answer) < 0 ||
	    lab_rd_bool(rd, a, "right", &out->right) < 0 ||
	    lab_rd_u64(rd, a, "ms", UINT64_MAX, &out->ms) < 0 ||
	    lab_rd_time(rd, a, "at", out->at) < 0)
		return -1;
	return 0;
}

static int read_question(struct lab_rd *rd, const struct json *q, struct lab_rquestion *out)
{
	const struct json *att;

	if (q->type != JSON_OBJECT)
		return lab_rd_bad(rd, q, "a question must be an object");
	out->line = q->line;
	out->col = q->col;
	if (lab_rd_keys(rd, q, question_keys, "a question") < 0 ||
	    lab_rd_u64(rd, q, "step", LESSON_MAX_STEPS, &out->step) < 0 ||
	    lab_rd_str(rd, q, "kind", 32, false, &out->kind) < 0 ||
	    lab_rd_str(rd, q, "prompt", LAB_PROMPT_MAX, true, &out->prompt) < 0 ||
	    lab_rd_str(rd, q, "expected", LAB_ANSWER_MAX, false, &out->expected) < 0 ||
	    !(att = lab_rd_member(rd, q, "attempts", JSON_ARRAY)) ||
	    lab_rd_u64(rd, q, "tries", UINT64_MAX, &out->tries) < 0 ||
	    lab_rd_bool(rd, q, "right", &out->right) < 0 ||
	    lab_rd_u64(rd, q, "ms", UINT64_MAX, &out->ms) < 0)
		return -1;
	if (att->n > 16)
		return lab_rd_bad(rd, att, "more attempts than any lab allows");
	out->attempt = calloc(att->n ? att->n : 1, sizeof *out->attempt);
	if (!out->attempt)
		return lab_rd_bad(rd, att, "out of memory");
	for (size_t i = 0; i < att->n; i++, out->nattempt++)
		if (read_attempt(rd, att->items[i], &out->attempt[i]) < 0) {
			out->nattempt++;    /* free what it holds */
			return -1;
		}
	return 0;
}

static int read_ids(struct lab_rd *rd, const struct json *j, struct lab_result *r)
{
	if (lab_rd_str(rd, j, "pagewalk", 64, false, &r->version) < 0 ||
	    lab_rd_str(rd, j, "student", 256, false, &r->student) < 0)
		return -1;
	if (!lab_student_valid(r->student))
		return lab_rd_bad(rd, json_get(j, "student"),
				  "bad student id (A-Z a-z 0-9 . _ -, at most 32)");
	if (lab_rd_str(rd, j, "name", 256, false, &r->name) < 0)
		return -1;
	if (r->name[0] && !lab_name_valid(r->name))
		return lab_rd_bad(rd, json_get(j, "name"), "bad name (at most %d bytes, no space "
				  "at either end)", LAB_NAME_MAX);
	if (lab_rd_u64(rd, j, "seed", UINT64_MAX, &r->seed) < 0 ||
	    lab_rd_bool(rd, j, "seed_given", &r->seed_given) < 0 ||
	    lab_rd_str(rd, j, "nonce", 64, false, &r->nonce) < 0)
		return -1;
	if (!lab_nonce_valid(r->nonce))
		return lab_rd_bad(rd, json_get(j, "nonce"), "\"nonce\" must be %d hex digits",
				  LAB_NONCE_LEN);
	if (lab_rd_str(rd, j, "lesson", 256, false, &r->lesson) < 0)
		return -1;
	if (!lab_lesson_name_valid(r->lesson))
		return lab_rd_bad(rd, json_get(j, "lesson"),
				  "\"lesson\" must be a lesson name, not a path");
	return 0;
}

static int read_top(struct lab_rd *rd, const struct json *j, struct lab_result *r)
{
	const struct json *v, *qs;
	char *format = NULL;
	uint64_t fv;
	int rc = -1;

	if (j->type != JSON_OBJECT)
		return lab_rd_bad(rd, j, "a lab result must be a JSON object");
	if (lab_rd_str(rd, j, "format", 64, false, &format) < 0)
		return -1;
	if (strcmp(format, LAB_FORMAT) != 0) {
		lab_rd_bad(rd, json_get(j, "format"),
			   "not a lab result (format is not \"" LAB_FORMAT "\")");
		goto out;
	}
	if (lab_rd_u64(rd, j, "format_version", UINT64_MAX, &fv) < 0)
		goto out;
	if (fv != LAB_FORMAT_VERSION) {
		lab_rd_bad(rd, json_get(j, "format_version"), "format_version %llu is not "
			   "supported (this pagewalk reads %d)", (unsigned long long)fv,
			   LAB_FORMAT_VERSION);
		goto out;
	}
	if (lab_rd_keys(rd, j, top_keys, "a lab result") < 0 || read_ids(rd, j, r) < 0)
		goto out;
	if (lab_rd_str(rd, j, "lesson_hash", 64, false, &r->lesson_hash) < 0 ||
	    lab_rd_u64(rd, j, "session", LAB_SESSIONS_MAX, &r->session) < 0 ||
	    lab_rd_u64(rd, j, "resumed", UINT64_MAX, &r->resumed) < 0 ||
	    lab_rd_time(rd, j, "started", r->started) < 0 ||
	    lab_rd_time(rd, j, "handed_in", r->handed_in) < 0 ||
	    lab_rd_u64(rd, j, "tries_allowed", UINT64_MAX, &r->tries_allowed) < 0 ||
	    lab_rd_u64(rd, j, "score", UINT64_MAX, &r->score) < 0 ||
	    lab_rd_u64(rd, j, "max", UINT64_MAX, &r->max) < 0 ||
	    lab_rd_u64(rd, j, "ms", UINT64_MAX, &r->ms) < 0 ||
	    !(qs = lab_rd_member(rd, j, "questions", JSON_ARRAY)))
		goto out;
	if (r->session == 0) {
		lab_rd_bad(rd, json_get(j, "session"), "\"session\" counts from 1");
		goto out;
	}
	v = json_get(j, "seed");
	r->seed_line = v->line;
	r->seed_col = v->col;
	if (qs->n > LESSON_MAX_STEPS) {
		lab_rd_bad(rd, qs, "more questions than a lesson has steps (%d)", LESSON_MAX_STEPS);
		goto out;
	}
	r->q = calloc(qs->n ? qs->n : 1, sizeof *r->q);
	if (!r->q) {
		lab_rd_bad(rd, qs, "out of memory");
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
	struct lab_rd rd = { .path = path, .d = d };
	struct lab_result *r = NULL;
	struct json *j;

	if (len > LAB_RESULT_MAX) {
		diag_set(d, path, 0, 0, "file too large (%zu bytes, at most %u)", len,
			 LAB_RESULT_MAX);
		return NULL;
	}
	j = json_parse(path, buf, len, d);
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

/* r's strings from the lab (a lab rebuilt from a journal session). */
static int result_of_lab(struct lab_result *r, const struct lab *lab)
{
	if (!(r->student = strdup(lab->student)) || !(r->name = strdup(lab->name)) ||
	    !(r->lesson = strdup(lab->lesson->name)) ||
	    !(r->lesson_hash = strdup(lab->lesson_hash)) || !(r->nonce = strdup(lab->nonce)))
		return -1;
	r->seed = lab->seed;
	r->seed_given = lab->seed_given;
	r->session = lab->session;
	r->resumed = lab->resumed;
	memcpy(r->started, lab->started, sizeof r->started);
	memcpy(r->handed_in, lab->handed_in, sizeof r->handed_in);
	r->tries_allowed = LAB_TRIES;
	r->score = lab_score(lab);
	r->max = lab->nq;
	r->q = calloc(lab->nq, sizeof *r->q);
	if (!r->q)
		return -1;
	for (size_t i = 0; i < lab->nq; i++, r->nq++) {
		const struct lab_question *q = &lab->q[i];
		struct lab_rquestion *rq = &r->q[i];
		rq->step = q->step + 1;
		rq->tries = (uint64_t)q->tries;
		rq->right = q->right;
		rq->ms = q->ms;
		r->ms += q->ms;
		char expect[LAB_ANSWER_MAX + 1];
		quiz_answer_typed(&q->qi, expect, sizeof expect);
		if (!(rq->kind = strdup(quiz_kind_name(q->qi.kind))) ||
		    !(rq->expected = strdup(expect)) ||
		    !(rq->prompt = strdup(text_get(&q->qi.question, LANG_EN))) ||
		    !(rq->attempt = calloc(LAB_TRIES, sizeof *rq->attempt)))
			return -1;
		for (int t = 0; t < q->tries; t++, rq->nattempt++) {
			rq->attempt[t].right = q->attempt[t].right;
			rq->attempt[t].ms = q->attempt[t].ms;
			memcpy(rq->attempt[t].at, q->attempt[t].at, sizeof rq->attempt[t].at);
			if (!(rq->attempt[t].answer = strdup(q->attempt[t].answer)))
				return -1;
		}
	}
	return 0;
}

struct lab_result *lab_result_of_session(const struct lesson *l,
					 const struct lab_jsession *s, const char *path,
					 struct diag *d)
{
	struct lab *lab = lab_of_session(l, s, path, d);
	struct lab_result *r = NULL;

	if (!lab)
		return NULL;
	r = calloc(1, sizeof *r);
	if (!r || !(r->path = strdup(path)) || !(r->version = strdup(s->version)) ||
	    result_of_lab(r, lab) < 0) {
		diag_set(d, path, 0, 0, "out of memory");
		lab_result_free(r);
		r = NULL;
	} else {
		r->from_journal = true;
	}
	lab_free(lab);
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
		free(r->q[i].expected);
	}
	free(r->q);
	free(r->path);
	free(r->student);
	free(r->name);
	free(r->lesson);
	free(r->lesson_hash);
	free(r->version);
	free(r->nonce);
	free(r);
}
