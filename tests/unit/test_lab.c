/* SPDX-License-Identifier: GPL-2.0-only */
/* test_lab.c - lab mode in the engine: the strict JSON reader, student ids
 * and seeds, a session's tries and score, and results that re-grade to the
 * same score while edited ones are flagged.
 *
 * The lesson is tests/lessons/good/lab-quiz.yaml: PMD_SHIFT on PAE (21),
 * the offset of 0xc0101234 (0x234), and a pgd index of a random user
 * address (0..2 on PAE, so 7 is always wrong).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture.h"
#include "lesson/lab.h"
#include "util/json.h"

#define LESSON "tests/lessons/good/lab-quiz.yaml"

/* ---- json ---- */

static void bad_json(const char *text, int line, int col, const char *msg)
{
	struct diag d = { 0 };
	struct json *j = json_parse("t.json", text, strlen(text), &d);

	assert_null(j);
	assert_int_equal(d.line, line);
	assert_int_equal(d.col, col);
	assert_non_null(strstr(d.msg, msg));
}

static void test_json_reads(void **state)
{
	const char *t = "{\"a\": [1, 2.5e3, -0, true, null],\n \"b\": \"x\\u00e9\\ud83d\\ude00\\n\"}";
	struct diag d;
	struct json *j = json_parse("t.json", t, strlen(t), &d);
	const struct json *a, *b;
	uint64_t v;

	(void)state;
	assert_non_null(j);
	a = json_get(j, "a");
	b = json_get(j, "b");
	assert_int_equal(a->n, 5);
	assert_int_equal(json_u64(a->items[0], &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(json_u64(a->items[1], &v), -1);   /* not a whole number */
	assert_int_equal(json_u64(a->items[2], &v), -1);   /* negative */
	assert_true(a->items[3]->b);
	assert_int_equal(a->items[4]->type, JSON_NULL);
	assert_string_equal(b->s, "x\xc3\xa9\xf0\x9f\x98\x80\n");
	assert_int_equal(b->line, 2);
	assert_int_equal(b->col, 7);
	json_free(j);
}

static void test_json_rejects(void **state)
{
	char deep[100];

	(void)state;
	bad_json("{\"a\": 1,}", 1, 9, "object key");
	bad_json("[1, 2,]", 1, 7, "a value was expected");
	bad_json("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key");
	bad_json("\n  [\"a\tb\"]", 2, 6, "control character");
	bad_json("[\"\\u0000\"]", 1, 3, "\\u0000");
	bad_json("[\"\xff\"]", 1, 3, "invalid UTF-8");
	bad_json("[\"\\ud800x\"]", 1, 3, "surrogate");
	bad_json("{} x", 1, 4, "text after the end");
	bad_json("[\"abc", 1, 2, "not closed");
	bad_json("", 1, 1, "unexpected end");
	bad_json("[01]", 1, 3, "',' or ']' expected");
	bad_json("// c\n{}", 1, 1, "unexpected character");
	memset(deep, '[', sizeof deep);
	deep[sizeof deep - 1] = '\0';
	bad_json(deep, 1, JSON_MAX_DEPTH + 1, "nested too deeply");
}

/* ---- ids, seeds, sessions ---- */

static void test_lab_ids_and_seeds(void **state)
{
	(void)state;
	assert_true(lab_student_valid("alice"));
	assert_true(lab_student_valid("s2026.k-ito_3"));
	assert_false(lab_student_valid(""));
	assert_false(lab_student_valid(".hidden"));
	assert_false(lab_student_valid("-rf"));
	assert_false(lab_student_valid("../x"));
	assert_false(lab_student_valid("a/b"));
	assert_false(lab_student_valid("a b"));
	assert_false(lab_student_valid("a\x1b[2J"));
	assert_false(lab_student_valid("abcdefghijabcdefghijabcdefghijabc"));  /* 33 */
	/* stable: a changed hash would change every student's questions */
	assert_int_equal(lab_default_seed("alice"), 945743452);
	assert_true(lab_default_seed("alice") != lab_default_seed("bob"));
	assert_true(lab_default_seed("x") <= 0xffffffffULL);
}

static struct lesson *lesson(void)
{
	struct diag d;
	struct lesson *l = lesson_load(LESSON, &d);

	if (!l)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	return l;
}

static void test_lab_questions_from_seed(void **state)
{
	struct lesson *l = lesson();
	struct diag d;
	struct lab *a = lab_new(l, "alice", lab_default_seed("alice"), false, &d);
	struct lab *a2 = lab_new(l, "alice", lab_default_seed("alice"), false, &d);
	struct lab *b = lab_new(l, "bob", lab_default_seed("bob"), false, &d);
	bool differ = false;

	(void)state;
	assert_non_null(a);
	assert_non_null(a2);
	assert_non_null(b);
	assert_int_equal(a->nq, 3);
	assert_int_equal(a->q[0].step, 1);
	for (size_t i = 0; i < a->nq; i++) {
		assert_string_equal(text_get(&a->q[i].qi.question, LANG_EN),
				    text_get(&a2->q[i].qi.question, LANG_EN));
		differ = differ || strcmp(text_get(&a->q[i].qi.question, LANG_EN),
					  text_get(&b->q[i].qi.question, LANG_EN)) != 0;
	}
	assert_true(differ);
	assert_null(lab_new(l, "../etc", 1, true, &d));
	assert_non_null(strstr(d.msg, "bad student id"));
	lab_free(a);
	lab_free(a2);
	lab_free(b);
	lesson_free(l);
}

static void test_lab_tries(void **state)
{
	struct lesson *l = lesson();
	struct diag d;
	struct lab *lab = lab_new(l, "carol", 7, true, &d);
	struct grade g;

	(void)state;
	assert_int_equal(lab_answer(lab, 0, "21", 10, &g), GRADE_RIGHT);
	assert_true(lab->q[0].closed);
	assert_int_equal(lab_answer(lab, 0, "21", 11, &g), GRADE_UNPARSED);   /* closed */
	assert_int_equal(lab->q[0].tries, 1);
	assert_int_equal(lab_answer(lab, 1, "hello", 5, &g), GRADE_UNPARSED); /* costs no try */
	assert_int_equal(lab->q[1].tries, 0);
	assert_int_equal(lab_answer(lab, 1, "0x235", 5, &g), GRADE_WRONG);
	assert_false(lab->q[1].closed);
	assert_int_equal(lab_answer(lab, 1, "0x234", 9, &g), GRADE_RIGHT);
	assert_int_equal(lab_answer(lab, 2, "7", 1, &g), GRADE_WRONG);
	assert_int_equal(lab_answer(lab, 2, "7", 2, &g), GRADE_WRONG);
	assert_true(lab->q[2].closed);
	assert_false(lab->q[2].right);
	assert_int_equal(lab_score(lab), 2);
	assert_int_equal(lab_closed(lab), 3);
	assert_string_equal(lab->q[1].attempt[1].answer, "0x234");
	assert_int_equal(lab->q[1].attempt[1].ms, 9);
	lab_free(lab);
	lesson_free(l);
}

/* ---- results: write, read, re-grade ---- */

static struct fx_tmp tmp;

/* A played lab of dave as JSON text (caller frees): 21 right, 0x235 then
 * 0x234, 7 twice. */
static char *played(struct lesson *l)
{
	struct diag d;
	struct lab *lab = lab_new(l, "dave", lab_default_seed("dave"), false, &d);
	struct grade g;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(lab);
	lab_answer(lab, 0, "21", 100, &g);
	lab_answer(lab, 1, "0x235", 100, &g);
	lab_answer(lab, 1, "0x234", 200, &g);
	lab_answer(lab, 2, "7", 100, &g);
	lab_answer(lab, 2, "7", 300, &g);
	assert_int_equal(lab_result_write(lab, "0.1.0", "2026-01-01T00:00:00Z", f, &d), 0);
	fclose(f);
	lab_free(lab);
	return buf;
}

/* Write text to the temporary directory as name, load and re-grade it. */
static struct lab_result *regrade_text(const struct lesson *l, const char *name,
				       const char *text, struct lab_check *c)
{
	char path[400];
	struct diag d;
	struct lab_result *r;

	fx_write(&tmp, name, text);
	fx_path(&tmp, name, path, sizeof path);
	r = lab_result_load(path, &d);
	if (!r)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	assert_int_equal(lab_regrade(l, r, c, &d), 0);
	return r;
}

/* text with the first `from` replaced by `to` (caller frees). */
static char *edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *out;

	assert_non_null(at);
	out = malloc(strlen(text) + strlen(to) + 1);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	return out;
}

static void test_lab_regrade_same_score(void **state)
{
	struct lesson *l = lesson();
	char *text = played(l);
	struct lab_check c;
	struct lab_result *r = regrade_text(l, "dave.json", text, &c);

	(void)state;
	assert_int_equal(r->score, 2);
	assert_int_equal(c.score, 2);
	assert_int_equal(c.max, 3);
	assert_int_equal(c.nflags, 0);
	assert_int_equal(c.qstate[0], LABQ_RIGHT);
	assert_int_equal(c.qtries[1], 2);
	assert_int_equal(c.qstate[2], LABQ_WRONG);
	lab_check_clear(&c);
	lab_result_free(r);
	free(text);
	lesson_free(l);
}

/* An edit, the flag it must raise and the score the engine gives. */
static void caught(const struct lesson *l, const char *text, const char *name,
		   const char *from, const char *to, const char *why, size_t score)
{
	char *e = edit(text, from, to);
	struct lab_check c;
	struct lab_result *r = regrade_text(l, name, e, &c);
	bool found = false;

	for (size_t i = 0; i < c.nflags; i++)
		found = found || strstr(c.flag[i], why);
	if (!found)
		fail_msg("edit %s -> %s: no flag with \"%s\" (%zu flags)", from, to, why, c.nflags);
	assert_int_equal(c.score, score);
	lab_check_clear(&c);
	lab_result_free(r);
	free(e);
}

static void test_lab_edits_caught(void **state)
{
	struct lesson *l = lesson();
	char *text = played(l);
	char seed[64], other[64];

	(void)state;
	/* the last question's second try marked right */
	caught(l, text, "dave.json", "{\"answer\": \"7\", \"right\": false, \"ms\": 300}",
	       "{\"answer\": \"7\", \"right\": true, \"ms\": 300}",
	       "attempt 2 is recorded as right, the engine grades it wrong", 2);
	/* the question marked right, attempts unchanged */
	caught(l, text, "dave.json", "\"tries\": 2,\n      \"right\": false",
	       "\"tries\": 2,\n      \"right\": true", "recorded as right, the engine grades it wrong", 2);
	/* a wrong answer changed, its flag left */
	caught(l, text, "dave.json", "\"0x235\", \"right\": false", "\"0x234\", \"right\": false",
	       "attempt 1 is recorded as wrong, the engine grades it right", 1);
	/* only the score */
	caught(l, text, "dave.json", "\"score\": 2", "\"score\": 3", "recorded score 3/3", 2);
	/* a third try added */
	caught(l, text, "dave.json", "{\"answer\": \"7\", \"right\": false, \"ms\": 300}",
	       "{\"answer\": \"7\", \"right\": false, \"ms\": 300}, {\"answer\": \"1\", \"right\": "
	       "false, \"ms\": 400}", "3 attempts, only 2 allowed", 2);
	/* another seed: the prompts no longer match, nor the student's seed */
	snprintf(seed, sizeof seed, "\"seed\": %llu", (unsigned long long)lab_default_seed("dave"));
	snprintf(other, sizeof other, "\"seed\": %llu", (unsigned long long)lab_default_seed("dave") + 1);
	caught(l, text, "dave.json", seed, other, "is not the one of student dave", 2);
	caught(l, text, "dave.json", seed, other, "question 3: the prompt is not the one seed", 2);
	/* another student's name: the seed is dave's, and the file is dave's */
	caught(l, text, "erin.json", "\"student\": \"dave\"", "\"student\": \"erin\"",
	       "is not the one of student erin", 2);
	caught(l, text, "dave.json", "\"student\": \"dave\"", "\"student\": \"erin\"",
	       "the file name is not the student id's (erin.json)", 2);
	/* the lesson changed since */
	caught(l, text, "dave.json", "\"lesson_hash\": \"fnv1a64:", "\"lesson_hash\": \"fnv1a64:0",
	       "the lesson file changed since the lab", 2);
	/* a question dropped */
	caught(l, text, "dave.json", "\"max\": 3", "\"max\": 2", "recorded score 2/2", 2);
	free(text);
	lesson_free(l);
}

/* ---- bad result files ---- */

static void bad_result(const char *name, const char *text, int line, int col, const char *msg)
{
	char path[400];
	struct diag d = { 0 };

	fx_write(&tmp, name, text);
	fx_path(&tmp, name, path, sizeof path);
	assert_null(lab_result_load(path, &d));
	if (d.line != line || d.col != col || !strstr(d.msg, msg))
		fail_msg("%s: got %d:%d: %s; wanted %d:%d: %s", name, d.line, d.col, d.msg,
			 line, col, msg);
}

static void test_lab_bad_results(void **state)
{
	struct lesson *l = lesson();
	char *text = played(l), *e;

	(void)state;
	bad_result("a.json", "[]", 1, 1, "must be a JSON object");
	bad_result("a.json", "{\"format\": \"x\"}", 1, 12, "not a lab result");
	e = edit(text, "\"student\": \"dave\"", "\"student\": \"../../etc/passwd\"");
	bad_result("a.json", e, 5, 14, "bad student id");
	free(e);
	e = edit(text, "\"student\": \"dave\"", "\"student\": \"\\u001b[2J\"");
	bad_result("a.json", e, 5, 14, "\"student\" holds control characters");
	free(e);
	e = edit(text, "\"answer\": \"7\"", "\"answer\": \"7\\r\\n\"");
	bad_result("a.json", e, 47, 20, "\"answer\" holds control characters");
	free(e);
	e = edit(text, "\"seed\": ", "\"seed\": -");
	bad_result("a.json", e, 6, 11, "\"seed\" must be a whole number");
	free(e);
	e = edit(text, "\"lesson\": \"lab-quiz\"", "\"lesson\": \"../../x\"");
	bad_result("a.json", e, 8, 13, "must be a lesson name, not a path");
	free(e);
	e = edit(text, "\"tries\": 1", "\"tries\": \"1\"");
	bad_result("a.json", e, 24, 16, "\"tries\" must be a number, not a string");
	free(e);
	e = edit(text, "\"ms\": 100}", "\"ms\": 100,}");
	bad_result("a.json", e, 22, 51, "object key");
	free(e);
	free(text);
	lesson_free(l);
}

static int setup(void **state)
{
	(void)state;
	fx_tmp_new(&tmp, "lab");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_tmp_free(&tmp);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_reads),
		cmocka_unit_test(test_json_rejects),
		cmocka_unit_test(test_lab_ids_and_seeds),
		cmocka_unit_test(test_lab_questions_from_seed),
		cmocka_unit_test(test_lab_tries),
		cmocka_unit_test(test_lab_regrade_same_score),
		cmocka_unit_test(test_lab_edits_caught),
		cmocka_unit_test(test_lab_bad_results),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
