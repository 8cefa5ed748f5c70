/* SPDX-License-Identifier: GPL-2.0-only */
/* test_lab.c - lab mode in the engine: the strict JSON reader, student ids,
 * names, seeds and times, a session's tries and score, the journal (resume,
 * retake, a record cut short, the lock), results that re-grade to the same
 * score, what a class shows (its lesson, shared seeds, copied answers,
 * statistics, roster, deadline), results lab writes that grade must read
 * (block scalars, long prompts, 400 questions), and every tampering kind
 * of docs/lab-format.md's table, row by row.
 *
 * The lesson is tests/lessons/good/lab-quiz.yaml: PMD_SHIFT on PAE (21),
 * the offset of 0xc0101234 (0x234), and a pgd index of a random user
 * address (0..2 on PAE, so 7 and 8 are always wrong).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture.h"
#include "util/json.h"
#include "lesson/lab.h"

#define LESSON "tests/lessons/good/lab-quiz.yaml"
#define T0 1764500000                  /* 2025-11-30T10:53:20Z */
#define NONCE_A "00000000000000a1"

static struct fx_tmp tmp;
static const char *const tmpdir = tmp.dir;

/* ---- files ---- */

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		fail_msg("cannot read %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* text with the first `from` replaced by `to` (caller frees). */
static char *edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *out;

	if (!at)
		fail_msg("edit: \"%s\" not found", from);
	out = malloc(strlen(text) + strlen(to) + 1);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	return out;
}

static void edit_file(const char *path, const char *from, const char *to)
{
	char *t = read_file(path), *e = edit(t, from, to);

	write_file(path, e);
	free(t);
	free(e);
}

static char *path_of(const char *dir, const char *name)
{
	static char p[8][256];
	static int k;

	k = (k + 1) % 8;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static char *mkdir_in(const char *name)
{
	static char p[4][256];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	assert_int_equal(mkdir(p[k], 0755), 0);
	return p[k];
}

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
	static const char *const ab[] = { "a", "b", NULL }, *const a_only[] = { "a", NULL };
	struct diag d;
	struct json *j = json_parse("t.json", t, strlen(t), &d);
	const struct json *a, *b;
	uint64_t v;
	int k;

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
	/* keys: the unknown one and where it is */
	assert_int_equal(json_unknown_key(j, ab), -1);
	k = json_unknown_key(j, a_only);
	assert_int_equal(k, 1);
	assert_int_equal(j->kmarks[k].line, 2);
	assert_int_equal(j->kmarks[k].col, 2);
	json_free(j);
	/* a piece of a JSON-lines file counts lines from where it starts */
	assert_null(json_parse_at("t.jsonl", "{\"a\": x}", 8, 7, &d));
	assert_int_equal(d.line, 7);
	assert_int_equal(d.col, 7);
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

/* ---- ids, names, seeds, times ---- */

static void test_lab_ids_and_seeds(void **state)
{
	int64_t t;
	char buf[LAB_TIME_LEN];

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
	/* display names: UTF-8 and commas, nothing that moves the terminal */
	assert_true(lab_name_valid("Anna M\xc3\xbcller"));
	assert_true(lab_name_valid("M\xc3\xbcller, Anna"));
	assert_true(lab_name_valid("\xe4\xbc\x8a\xe8\x97\xa4 \xe5\x92\x8c\xe5\xad\x90"));
	assert_false(lab_name_valid(""));
	assert_false(lab_name_valid(" Anna"));
	assert_false(lab_name_valid("Anna\x1b[2J"));
	assert_false(lab_name_valid("Anna\nBob"));
	assert_false(lab_name_valid("M\xfcller"));         /* Latin-1, not UTF-8 */
	assert_false(lab_name_valid("\xe2\x80\xae" "evil"));  /* U+202E reorders text */
	/* stable: a changed hash would change every student's questions */
	assert_int_equal(lab_session_seed("alice", NONCE_A), 4204277523u);
	assert_true(lab_session_seed("alice", NONCE_A) != lab_session_seed("bob", NONCE_A));
	assert_true(lab_session_seed("alice", NONCE_A) !=
		    lab_session_seed("alice", "00000000000000a2"));
	assert_true(lab_nonce_valid(NONCE_A));
	assert_false(lab_nonce_valid("00000000000000A1"));
	assert_false(lab_nonce_valid("0000000000000a1"));
	{
		char n1[LAB_NONCE_LEN + 1], n2[LAB_NONCE_LEN + 1];
		struct diag d;
		assert_int_equal(lab_nonce_random(n1, &d), 0);
		assert_int_equal(lab_nonce_random(n2, &d), 0);
		assert_true(lab_nonce_valid(n1));
		assert_string_not_equal(n1, n2);
	}
	/* times: the form written, offsets, and nonsense refused */
	lab_time_format(T0, buf);
	assert_string_equal(buf, "2025-11-30T10:53:20Z");
	assert_int_equal(lab_time_parse(buf, &t), 0);
	assert_int_equal(t, T0);
	assert_int_equal(lab_time_parse("2025-11-30 19:53+09:00", &t), 0);
	assert_int_equal(t, T0 - 20);
	assert_int_equal(lab_time_parse("2025-11-30T05:53:20-05:00", &t), 0);
	assert_int_equal(t, T0);
	assert_int_equal(lab_time_parse("2025-02-29T00:00Z", &t), -1);
	assert_int_equal(lab_time_parse("2025-11-30T10:53:20", &t), -1);   /* no zone */
	assert_int_equal(lab_time_parse("2025-13-01T00:00Z", &t), -1);
	assert_int_equal(lab_time_parse("2025-11-30T10:53:20Zx", &t), -1);
}

static struct lesson *lesson_at(const char *path)
{
	struct diag d;
	struct lesson *l = lesson_load(path, &d);

	if (!l)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	return l;
}

static struct lesson *lesson(void)
{
	return lesson_at(LESSON);
}

static struct lab *lab_of(const struct lesson *l, const char *student, const char *nonce)
{
	struct diag d;
	struct lab *lab = lab_new(l, student, NULL, lab_session_seed(student, nonce), false,
				  nonce, &d);

	if (!lab)
		fail_msg("lab_new: %s", d.msg);
	lab_time_format(T0, lab->started);
	return lab;
}

static void test_lab_questions_from_seed(void **state)
{
	struct lesson *l = lesson();
	struct diag d;
	struct lab *a = lab_of(l, "alice", NONCE_A), *a2 = lab_of(l, "alice", NONCE_A);
	struct lab *b = lab_of(l, "bob", NONCE_A), *a3 = lab_of(l, "alice", "00000000000000a2");
	bool differ = false, differ3 = false;

	(void)state;
	assert_int_equal(a->nq, 3);
	assert_int_equal(a->q[0].step, 1);
	for (size_t i = 0; i < a->nq; i++) {
		assert_string_equal(text_get(&a->q[i].qi.question, LANG_EN),
				    text_get(&a2->q[i].qi.question, LANG_EN));
		differ = differ || strcmp(text_get(&a->q[i].qi.question, LANG_EN),
					  text_get(&b->q[i].qi.question, LANG_EN)) != 0;
		differ3 = differ3 || strcmp(text_get(&a->q[i].qi.question, LANG_EN),
					    text_get(&a3->q[i].qi.question, LANG_EN)) != 0;
	}
	assert_true(differ);
	assert_true(differ3);   /* another session (a practice run): other questions */
	assert_null(lab_new(l, "../etc", NULL, 1, true, NONCE_A, &d));
	assert_non_null(strstr(d.msg, "bad student id"));
	assert_null(lab_new(l, "eve", "bad\x1b", 1, true, NONCE_A, &d));
	assert_non_null(strstr(d.msg, "bad name"));
	lab_free(a);
	lab_free(a2);
	lab_free(a3);
	lab_free(b);
	lesson_free(l);
}

static enum grade_result answer(struct lab *lab, size_t i, const char *typed, uint64_t ms)
{
	struct grade g;
	struct diag d;

	if (lab_answer(lab, i, typed, ms, T0 + (int64_t)ms / 1000, &g, &d) < 0)
		fail_msg("lab_answer: %s", d.msg);
	return g.result;
}

static void test_lab_tries(void **state)
{
	struct lesson *l = lesson();
	struct diag d;
	struct lab *lab = lab_new(l, "carol", NULL, 7, true, NONCE_A, &d);

	(void)state;
	assert_int_equal(answer(lab, 0, "21", 10), GRADE_RIGHT);
	assert_true(lab->q[0].closed);
	assert_int_equal(answer(lab, 0, "21", 11), GRADE_UNPARSED);   /* closed */
	assert_int_equal(lab->q[0].tries, 1);
	assert_int_equal(answer(lab, 1, "hello", 5), GRADE_UNPARSED); /* costs no try */
	assert_int_equal(lab->q[1].tries, 0);
	assert_int_equal(answer(lab, 1, "0x235", 5), GRADE_WRONG);
	assert_false(lab->q[1].closed);
	assert_int_equal(answer(lab, 1, "0x234", 9), GRADE_RIGHT);
	assert_int_equal(answer(lab, 2, "7", 1), GRADE_WRONG);
	assert_int_equal(answer(lab, 2, "7", 2), GRADE_WRONG);
	assert_true(lab->q[2].closed);
	assert_false(lab->q[2].right);
	assert_int_equal(lab_score(lab), 2);
	assert_int_equal(lab_closed(lab), 3);
	assert_string_equal(lab->q[1].attempt[1].answer, "0x234");
	assert_int_equal(lab->q[1].attempt[1].ms, 9);
	assert_string_equal(lab->q[1].attempt[1].at, "2025-11-30T10:53:20Z");
	lab_free(lab);
	lesson_free(l);
}

/* ---- results: write, read, re-grade ---- */

/* lab as result JSON text (caller frees), handed in at T0 + 100. */
static char *result_text(struct lab *lab)
{
	struct diag d;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	lab_time_format(T0 + 100, lab->handed_in);
	assert_int_equal(lab_result_write(lab, "0.1.0", f, &d), 0);
	fclose(f);
	return buf;
}

/* A played lab of dave as JSON text (caller frees): 21 right, 0x235 then
 * 0x234, 7 twice. */
static char *played(struct lesson *l)
{
	struct lab *lab = lab_of(l, "dave", NONCE_A);
	char *text;

	answer(lab, 0, "21", 1000);
	answer(lab, 1, "0x235", 2000);
	answer(lab, 1, "0x234", 3000);
	answer(lab, 2, "7", 4000);
	answer(lab, 2, "7", 5000);
	lab->q[0].ms = 1000;
	lab->q[1].ms = 3000;
	lab->q[2].ms = 5000;
	text = result_text(lab);
	lab_free(lab);
	return text;
}

/* Write text to tmpdir/name, load and re-grade it (no journal). */
static struct lab_result *regrade_text(const struct lesson *l, const char *name,
				       const char *text, struct lab_check *c)
{
	char *path = path_of(tmpdir, name);
	struct diag d;
	struct lab_result *r;

	write_file(path, text);
	r = lab_result_load(path, &d);
	if (!r)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	assert_int_equal(lab_regrade(l, r, NULL, c, &d), 0);
	return r;
}

static bool has(const char (*arr)[LAB_FLAG_LEN], size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(arr[i], what))
			return true;
	return false;
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
	if (c.nflags)
		fail_msg("flag: %s", c.flag[0]);
	assert_int_equal(c.qstate[0], LABQ_RIGHT);
	assert_int_equal(c.qtries[1], 2);
	assert_int_equal(c.qstate[2], LABQ_WRONG);
	assert_true(has(c.note, c.nnotes, "no journal beside it"));
	lab_check_clear(&c);
	lab_result_free(r);
	free(text);
	lesson_free(l);
}

/* Issue 25 item 4: one wrong try of two is wrong so far, not unanswered. */
static void test_lab_wrong_so_far(void **state)
{
	struct lesson *l = lesson();
	struct lab *lab = lab_of(l, "fay", NONCE_A);
	struct lab_check c;
	struct lab_result *r;
	char *text;

	(void)state;
	answer(lab, 1, "0x235", 1000);          /* one wrong try, then handed in */
	text = result_text(lab);
	r = regrade_text(l, "fay.json", text, &c);
	assert_int_equal(c.nflags, 0);
	assert_int_equal(c.qstate[0], LABQ_OPEN);
	assert_int_equal(c.qstate[1], LABQ_WRONG_SO_FAR);
	assert_int_equal(c.qtries[1], 1);
	lab_check_clear(&c);
	lab_result_free(r);
	free(text);
	lab_free(lab);
	lesson_free(l);
}

/* ---- bad result files ---- */

static void bad_result(const char *name, const char *text, int line, int col, const char *msg)
{
	char *path = path_of(tmpdir, name);
	struct diag d = { 0 };

	write_file(path, text);
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
	e = edit(text, "\"format_version\": 2", "\"format_version\": 1");
	bad_result("a.json", e, 3, 21, "format_version 1 is not supported (this pagewalk reads 2)");
	free(e);
	e = edit(text, "\"student\": \"dave\"", "\"student\": \"../../etc/passwd\"");
	bad_result("a.json", e, 5, 14, "bad student id");
	free(e);
	e = edit(text, "\"student\": \"dave\"", "\"student\": \"\\u001b[2J\"");
	bad_result("a.json", e, 5, 14, "\"student\" holds control characters");
	free(e);
	e = edit(text, "\"name\": \"\"", "\"name\": \"Anna\\u202e\"");
	bad_result("a.json", e, 6, 11, "\"name\" holds control characters or invalid text");
	free(e);
	e = edit(text, "\"answer\": \"7\"", "\"answer\": \"7\\r\\n\"");
	bad_result("a.json", e, 52, 20, "\"answer\" holds control characters");
	free(e);
	e = edit(text, "\"seed\": ", "\"seed\": -");
	bad_result("a.json", e, 7, 11, "\"seed\" must be a whole number");
	free(e);
	e = edit(text, "\"lesson\": \"lab-quiz\"", "\"lesson\": \"../../x\"");
	bad_result("a.json", e, 10, 13, "must be a lesson name, not a path");
	free(e);
	e = edit(text, "\"tries\": 1", "\"tries\": \"1\"");
	bad_result("a.json", e, 29, 16, "\"tries\" must be a number, not a string");
	free(e);
	e = edit(text, "\"at\": \"2025-11-30T10:53:21Z\"}", "\"at\": \"2025-11-30T10:53:21Z\",}");
	bad_result("a.json", e, 27, 82, "object key");
	free(e);
	e = edit(text, "\"at\": \"2025-11-30T10:53:21Z\"}", "\"at\": \"yesterday\"}");
	bad_result("a.json", e, 27, 59, "\"at\" must be a UTC time");
	free(e);
	e = edit(text, "\"nonce\": \"" NONCE_A "\"", "\"nonce\": \"x\"");
	bad_result("a.json", e, 9, 12, "\"nonce\" must be 16 hex digits");
	free(e);
	/* issue 25 item 5: the shape is exact, at every level, at the key */
	e = edit(text, "\"format\": ", "\"graded_by\": \"me\",\n  \"format\": ");
	bad_result("a.json", e, 2, 3, "unknown key \"graded_by\" in a lab result");
	free(e);
	e = edit(text, "\"kind\": \"offset\"", "\"kind\": \"offset\", \"bonus\": 1");
	bad_result("a.json", e, 35, 25, "unknown key \"bonus\" in a question");
	free(e);
	e = edit(text, "\"right\": false, \"ms\": 2000", "\"right\": false, \"why\": 1, \"ms\": 2000");
	bad_result("a.json", e, 39, 45, "unknown key \"why\" in an attempt");
	free(e);
	free(text);
	lesson_free(l);
}

/* ---- issue 20 item 7: what check accepts, lab records and grade reads ---- */

static void test_lab_records_what_check_accepts(void **state)
{
	char *path = path_of(tmpdir, "big-lesson.yaml"), *rpath = path_of(tmpdir, "gus.json");
	FILE *f = fopen(path, "w");
	struct lesson *l;
	struct lab *lab;
	struct lab_result *r;
	struct lab_check c;
	struct diag d;
	char *text;
	struct stat st;

	(void)state;
	fprintf(f, "title: \"Big\"\narch: x86-32-pae\nsteps:\n");
	/* a question written as a block scalar, 12,000 bytes long */
	fprintf(f, "  - kind: quiz\n    ask: macro\n    macro: PMD_SHIFT\n    question: |\n");
	for (int i = 0; i < 150; i++)
		fprintf(f, "      Line %03d of a long question about {macro} on {arch}, %s\n", i,
			"with words to make it long.");
	/* 399 more, 400 questions: the result is far over 256 KiB */
	for (int i = 1; i < 400; i++)
		fprintf(f, "  - kind: quiz\n    ask: offset\n    addr: 0xc01%05x\n    question: |\n"
			"      Question %d. What is the page offset of {addr}? It is asked in a\n"
			"      block scalar, so its text ends with a newline, and it is long enough\n"
			"      that four hundred of them make a big result file. More words follow\n"
			"      to make it longer: the page offset is the low twelve bits of the\n"
			"      linear address, the part that no table translates, the same in the\n"
			"      linear and in the physical address. A student who knows that needs\n"
			"      no table at all here; the rest of the text is only length.\n", i * 16, i);
	fclose(f);
	l = lesson_at(path);
	lab = lab_of(l, "gus", NONCE_A);
	assert_int_equal(lab->nq, 400);
	assert_true(strlen(text_get(&lab->q[0].qi.question, LANG_EN)) > 8000);
	for (size_t i = 0; i < lab->nq; i++)
		answer(lab, i, i == 0 ? "21" : "0x1", 1000 + i);
	text = result_text(lab);
	write_file(rpath, text);
	assert_int_equal(stat(rpath, &st), 0);
	assert_true(st.st_size > 256 * 1024);
	r = lab_result_load(rpath, &d);
	if (!r)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	assert_int_equal(r->nq, 400);
	assert_non_null(strchr(r->q[0].prompt, '\n'));
	assert_int_equal(lab_regrade(l, r, NULL, &c, &d), 0);
	if (c.nflags)
		fail_msg("flagged: %s", c.flag[0]);
	assert_int_equal(c.score, lab_score(lab));
	lab_check_clear(&c);
	lab_result_free(r);
	free(text);
	lab_free(lab);
	lesson_free(l);
}

/* check refuses a question that would not fit once its placeholders are
 * filled (and so could not be recorded as it was asked). */
static void test_lab_check_refuses_unrecordable(void **state)
{
	size_t cap = 20000, n;
	char *buf = malloc(cap);
	struct diag d;

	(void)state;
	n = (size_t)snprintf(buf, cap, "title: t\narch: x86-32\nsteps:\n  - kind: quiz\n"
			     "    ask: offset\n    addr: 0xc0101234\n    question: \"");
	while (n < 16300)
		n += (size_t)snprintf(buf + n, cap - n, "{addr} ");
	n += (size_t)snprintf(buf + n, cap - n, "\"\n");
	assert_null(lesson_load_buffer("long.yaml", buf, n, &d));
	assert_int_equal(d.line, 7);
	assert_int_equal(d.col, 15);
	assert_non_null(strstr(d.msg, "with its placeholders filled, at most 16384"));
	free(buf);
}

/* ---- the journal ---- */

struct play {
	const char *student, *name, *nonce;
	const char *answers[3][LAB_TRIES];     /* per question, NULL-ended */
	bool hand_in;
	bool force;
};

/* Play p in dir: open (new, resumed or retake), the answers, hand in.
 * Times: the session starts at t, a try every 10 s, the hand-in after. */
static struct lab *play_in(const struct lesson *l, const char *dir, const struct play *p,
			   int64_t t, enum lab_how *how)
{
	struct lab_open_args a = {
		.dir = dir, .student = p->student, .name = p->name, .nonce = p->nonce,
		.now = t, .version = "0.1.0", .force = p->force,
	};
	struct diag d;
	enum lab_how h;
	struct lab *lab = lab_open(l, &a, how ? how : &h, &d);

	if (!lab)
		fail_msg("lab_open %s: %s: %s", p->student, d.path, d.msg);
	for (size_t q = 0; q < 3; q++)
		for (int k = 0; k < LAB_TRIES && p->answers[q][k]; k++) {
			struct grade g;
			t += 10;
			lab->q[q].ms += 10000;
			if (lab_answer(lab, q, p->answers[q][k], lab->q[q].ms, t, &g, &d) < 0)
				fail_msg("lab_answer: %s", d.msg);
		}
	if (p->hand_in && lab_hand_in(lab, t + 5, "0.1.0", &d) < 0)
		fail_msg("lab_hand_in: %s: %s", d.path, d.msg);
	return lab;
}

static void play_done(const struct lesson *l, const char *dir, const struct play *p, int64_t t)
{
	lab_free(play_in(l, dir, p, t, NULL));
}

/* The right answer to question 3 of student's session nonce. */
static const char *answer3(const struct lesson *l, const char *student, const char *nonce)
{
	static char buf[4][LAB_ANSWER_MAX + 1];
	static int k;
	struct lab *lab = lab_of(l, student, nonce);

	k = (k + 1) % 4;
	quiz_answer_typed(&lab->q[2].qi, buf[k], sizeof buf[k]);
	lab_free(lab);
	return buf[k];
}

static void test_lab_journal_resume(void **state)
{
	struct lesson *l = lesson();
	char *dir = mkdir_in("resume");
	struct play p = { .student = "erin", .nonce = NONCE_A,
			  .answers = { { "21" }, { "0x235" }, { NULL } } };
	struct lab_open_args a = { .dir = dir, .student = "erin", .nonce = "00000000000000b0",
				   .now = T0 + 500, .version = "0.1.0" };
	enum lab_how how;
	struct diag d;
	struct lab *lab;
	char *j;
	FILE *f;

	(void)state;
	/* first sitting: two tries, then the terminal closes (nothing handed in) */
	lab = play_in(l, dir, &p, T0, &how);
	assert_int_equal(how, LAB_NEW);
	/* while it runs, a second lab of the same student is refused */
	assert_null(lab_open(l, &a, &how, &d));
	assert_non_null(strstr(d.msg, "another pagewalk lab is running"));
	lab_free(lab);
	assert_int_equal(access(path_of(dir, "erin.json"), F_OK), -1);
	/* the same command again: the tries are spent, question 2 has one left */
	lab = lab_open(l, &a, &how, &d);
	if (!lab)
		fail_msg("%s", d.msg);
	assert_int_equal(how, LAB_RESUMED);
	assert_int_equal(lab->resumed, 1);
	assert_string_equal(lab->nonce, NONCE_A);   /* the first session's, not the new one */
	assert_true(lab->q[0].closed && lab->q[0].right);
	assert_int_equal(lab->q[1].tries, 1);
	assert_false(lab->q[1].closed);
	assert_string_equal(lab->q[1].attempt[0].answer, "0x235");
	assert_int_equal(lab->q[1].ms, 10000);
	lab_free(lab);
	/* a record cut short by a crash: left out, cut off on resume */
	f = fopen(path_of(dir, "erin.journal"), "a");
	fputs("{\"event\": \"try\", \"session\": 1, \"question\": 2, \"ans", f);
	fclose(f);
	lab = lab_open(l, &a, &how, &d);
	if (!lab)
		fail_msg("%s", d.msg);
	assert_int_equal(how, LAB_RESUMED);
	assert_int_equal(lab->resumed, 2);
	assert_int_equal(lab->q[1].tries, 1);
	lab_free(lab);
	j = read_file(path_of(dir, "erin.journal"));
	assert_null(strstr(j, "\"ans\n"));
	assert_non_null(strstr(j, "\"event\": \"resume\", \"session\": 1"));
	free(j);
	/* a --seed other than the session's is refused */
	a.seed_given = true;
	a.seed = 5;
	assert_null(lab_open(l, &a, &how, &d));
	assert_non_null(strstr(d.msg, "the lab in progress has seed"));
	a.seed_given = false;
	/* a journal edited so that a try does not reproduce: refused at its line */
	edit_file(path_of(dir, "erin.journal"), "\"answer\": \"0x235\", \"right\": false",
		  "\"answer\": \"0x234\", \"right\": false");
	assert_null(lab_open(l, &a, &how, &d));
	assert_int_equal(d.line, 3);
	assert_non_null(strstr(d.msg, "recorded as wrong; the engine grades it right"));
	edit_file(path_of(dir, "erin.journal"), "\"answer\": \"0x234\", \"right\": false",
		  "\"answer\": \"0x235\", \"right\": false");
	/* hand it in; then the command is refused, a lost result written again */
	lab = lab_open(l, &a, &how, &d);
	assert_non_null(lab);
	assert_int_equal(lab_hand_in(lab, T0 + 900, "0.1.0", &d), 0);
	lab_free(lab);
	j = read_file(path_of(dir, "erin.json"));
	assert_null(lab_open(l, &a, &how, &d));
	assert_non_null(strstr(d.msg, "the lab was handed in at 2025-11-30T11:08:20Z"));
	unlink(path_of(dir, "erin.json"));
	lab = lab_open(l, &a, &how, &d);
	assert_non_null(lab);
	assert_int_equal(how, LAB_REWRITE);
	assert_int_equal(lab_hand_in(lab, T0 + 2000, "0.1.0", &d), 0);
	lab_free(lab);
	{
		char *again = read_file(path_of(dir, "erin.json"));
		assert_string_equal(again, j);
		free(again);
	}
	free(j);
	/* a retake: a new session with a new nonce, other questions */
	a.force = true;
	lab = lab_open(l, &a, &how, &d);
	assert_non_null(lab);
	assert_int_equal(how, LAB_RETAKE);
	assert_int_equal(lab->session, 2);
	assert_string_equal(lab->nonce, "00000000000000b0");
	assert_int_equal(lab->q[0].tries, 0);
	lab_free(lab);
	lesson_free(l);
}

/* A try the journal cannot record (the file may not grow: a full disk)
 * does not count, and the half-written record is cut off again. */
static void test_lab_journal_full(void **state)
{
	struct lesson *l = lesson();
	char *dir = mkdir_in("full");
	struct lab_open_args a = { .dir = dir, .student = "ivy", .nonce = NONCE_A, .now = T0,
				   .version = "0.1.0" };
	struct rlimit old, lim;
	struct stat before, after;
	enum lab_how how;
	struct grade g;
	struct diag d;
	struct lab *lab = lab_open(l, &a, &how, &d);

	(void)state;
	assert_non_null(lab);
	assert_int_equal(stat(path_of(dir, "ivy.journal"), &before), 0);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = (rlim_t)before.st_size + 20;     /* room for part of a record */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(lab_answer(lab, 0, "21", 100, T0 + 1, &g, &d), -1);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, SIG_DFL);
	assert_non_null(strstr(d.msg, "cannot record in the journal"));
	assert_int_equal(lab->q[0].tries, 0);            /* not counted */
	assert_int_equal(stat(path_of(dir, "ivy.journal"), &after), 0);
	assert_int_equal(after.st_size, before.st_size); /* nothing half-written */
	assert_int_equal(lab_answer(lab, 0, "21", 100, T0 + 1, &g, &d), 0);   /* room again */
	assert_int_equal(lab->q[0].tries, 1);
	lab_free(lab);
	lesson_free(l);
}

/* A journal is read strictly, every record at its line. */
#define START "{\"journal\": \"pagewalk-lab-journal\", \"version\": 1, \"event\": \"start\", " \
	"\"session\": 1, \"pagewalk\": \"0.1.0\", \"student\": \"x\", \"name\": \"\", " \
	"\"lesson\": \"l\", \"lesson_hash\": \"h\", \"seed\": 1, \"seed_given\": true, " \
	"\"nonce\": \"" NONCE_A "\", \"at\": \"2025-11-30T10:53:20Z\"}\n"
static void test_lab_journal_bad(void **state)
{
	static const struct { const char *text; int line, col; const char *msg; } bad[] = {
		{ "", 1, 1, "an empty journal" },
		{ "{\"event\": \"try\", \"session\": 1}\n", 1, 1, "starts with a start record" },
		{ "[1]\n", 1, 1, "must be a JSON object" },
		{ "{\"event\": \"start\", \"session\": 2}\n", 1, 31, "session 2 starts after session 0" },
		{ START "{\"event\": \"dance\", \"session\": 1}\n", 2, 11, "unknown event" },
		{ START "{\"event\": \"try\", \"session\": 2}\n", 2, 29, "a record of session 2 inside session 1" },
		{ START "{\"event\": \"hand-in\", \"session\": 1, \"score\": 0, \"at\": "
		  "\"2025-11-30T10:53:20Z\"}\n{\"event\": \"resume\", \"session\": 1, \"at\": "
		  "\"2025-11-30T10:53:20Z\"}\n", 3, 1, "a record after the session's hand-in" },
		{ "{\"event\": \"start\", \"session\": 1, \"journal\": \"pagewalk-lab-journal\", "
		  "\"version\": 1, \"x\": 1}\n", 1, 83, "unknown key \"x\" in a start record" },
	};
	struct diag d;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct lab_jfile *j = lab_journal_load_buffer("j", bad[i].text,
							      strlen(bad[i].text), &d);
		assert_null(j);
		if (d.line != bad[i].line || d.col != bad[i].col || !strstr(d.msg, bad[i].msg))
			fail_msg("case %zu: got %d:%d: %s", i, d.line, d.col, d.msg);
	}
}

/* ---- a class ---- */

/* A class of four in a new directory name: alice 2/3, bob 1/3 (one wrong
 * try, one question open), carol 3/3, hank not handed in. */
static char *class_new(const struct lesson *l, const char *name)
{
	char *dir = mkdir_in(name);
	struct play alice = { .student = "alice", .name = "Alice M\xc3\xbcller", .nonce = NONCE_A,
			      .answers = { { "21" }, { "1", "0x234" }, { "7", "8" } },
			      .hand_in = true };
	struct play bob = { .student = "bob", .nonce = "00000000000000c1",
			    .answers = { { "22" }, { "0x234" }, { NULL } }, .hand_in = true };
	struct play carol = { .student = "carol", .nonce = "00000000000000d1",
			      .answers = { { "21" }, { "0x234" }, { NULL } }, .hand_in = true };
	struct play hank = { .student = "hank", .nonce = "00000000000000e1",
			     .answers = { { "21" }, { NULL }, { NULL } } };

	carol.answers[2][0] = answer3(l, "carol", "00000000000000d1");
	play_done(l, dir, &alice, T0);
	play_done(l, dir, &bob, T0 + 10);
	play_done(l, dir, &carol, T0 + 20);
	play_done(l, dir, &hank, T0 + 30);
	return dir;
}

static struct lab_class *grade_dir(const char *dir, const struct lesson *l)
{
	struct diag d;
	struct lab_class *cl = lab_class_read(dir, &d);

	if (!cl)
		fail_msg("lab_class_read: %s", d.msg);
	if (lab_class_grade(cl, l, &d) < 0)
		fail_msg("lab_class_grade: %s", d.msg);
	return cl;
}

static struct lab_row *row_of(struct lab_class *cl, const char *id)
{
	for (size_t i = 0; i < cl->n; i++)
		if (strcmp(cl->rows[i].id, id) == 0)
			return &cl->rows[i];
	fail_msg("no row %s", id);
	return NULL;
}

static void no_flags(struct lab_row *w)
{
	if (!w->graded)
		fail_msg("%s: not graded: %s", w->id, w->bad_set ? w->bad.msg : w->jbad.msg);
	if (w->c.nflags)
		fail_msg("%s: flagged: %s", w->id, w->c.flag[0]);
}

static void test_lab_class(void **state)
{
	struct lesson *l = lesson();
	char *dir = class_new(l, "class");
	struct lab_class *cl = grade_dir(dir, l);
	struct lab_qstats st[3];
	struct lab_row *w;
	struct diag d;
	size_t votes;
	bool tie;

	(void)state;
	assert_int_equal(cl->n, 4);
	assert_string_equal(lab_class_lesson(cl, &votes, &tie), "lab-quiz");
	assert_int_equal(votes, 4);
	assert_false(tie);
	for (size_t i = 0; i < cl->n; i++)
		no_flags(&cl->rows[i]);
	w = row_of(cl, "alice");
	assert_int_equal(w->c.score, 2);
	assert_string_equal(w->r->name, "Alice M\xc3\xbcller");
	w = row_of(cl, "bob");
	assert_int_equal(w->c.qstate[0], LABQ_WRONG_SO_FAR);
	assert_int_equal(w->c.qstate[2], LABQ_OPEN);
	w = row_of(cl, "hank");
	assert_true(w->c.open);
	assert_false(w->has_result);
	assert_true(has(w->c.note, w->c.nnotes, "not handed in"));
	assert_int_equal(row_of(cl, "carol")->c.score, 3);
	/* statistics: question 2 is the same for all, so grouped by answer */
	assert_int_equal(lab_class_stats(cl, l, st, &d), 0);
	assert_int_equal(st[0].right1, 3);
	assert_int_equal(st[0].wrong_so_far, 1);
	assert_int_equal(st[1].right1, 2);
	assert_int_equal(st[1].right2, 1);
	assert_int_equal(st[1].open, 1);
	assert_int_equal(st[1].ncommon, 1);
	assert_true(st[1].common[0].by_answer);
	assert_string_equal(st[1].common[0].answer, "1");
	assert_non_null(strstr(st[1].common[0].feedback, "offset"));
	assert_int_equal(st[2].wrong, 1);
	assert_int_equal(st[2].open, 2);
	assert_false(st[2].common[0].by_answer);     /* other addresses: by diagnosis */
	assert_int_equal(st[2].common[0].count, 2);  /* 7 and 8, one diagnosis */
	/* times and a deadline: hank has not handed in */
	lab_class_times(cl, T0 + 45);
	assert_int_equal(row_of(cl, "alice")->taken, 55);
	assert_int_equal(row_of(cl, "bob")->taken, 25);
	assert_true(row_of(cl, "alice")->late);
	assert_true(has(row_of(cl, "alice")->c.note, row_of(cl, "alice")->c.nnotes,
			"late: handed in 0 min 10 s after the deadline, 1 try after it"));
	assert_false(row_of(cl, "bob")->late);
	assert_true(row_of(cl, "hank")->late);
	assert_int_equal(row_of(cl, "hank")->taken, -1);
	lab_class_free(cl);
	lesson_free(l);
}

static void test_lab_roster(void **state)
{
	struct lesson *l = lesson();
	char *dir = class_new(l, "rostered"), *rp = path_of(tmpdir, "roster.csv");
	struct lab_class *cl = grade_dir(dir, l);
	struct lab_roster *ro;
	struct diag d;

	(void)state;
	write_file(rp, "\xef\xbb\xbfstudent,name\r\n# the class\r\nalice,\"M\xc3\xbcller, Alice\"\r\n"
		   "bob\r\ncarol, Carol Chen\r\nzed,Zed\r\n");
	ro = lab_roster_load(rp, &d);
	if (!ro)
		fail_msg("%s:%d:%d: %s", d.path, d.line, d.col, d.msg);
	assert_int_equal(ro->n, 4);
	assert_string_equal(ro->e[0].name, "M\xc3\xbcller, Alice");
	assert_string_equal(ro->e[2].name, "Carol Chen");
	assert_int_equal(lab_class_roster(cl, ro, &d), 0);
	assert_int_equal(cl->n, 5);
	assert_true(row_of(cl, "zed")->missing);
	assert_string_equal(row_of(cl, "zed")->name, "Zed");
	assert_true(row_of(cl, "hank")->not_on_roster);
	assert_true(has(row_of(cl, "hank")->c.flag, row_of(cl, "hank")->c.nflags,
			"hank is not on the roster"));
	assert_string_equal(row_of(cl, "alice")->name, "M\xc3\xbcller, Alice");
	assert_string_equal(cl->rows[4].id, "zed");    /* sorted */
	lab_roster_free(ro);
	lab_class_free(cl);
	/* bad rosters: where */
	write_file(rp, "alice\nbob\nalice\n");
	assert_null(lab_roster_load(rp, &d));
	assert_int_equal(d.line, 3);
	assert_non_null(strstr(d.msg, "student alice is on the roster twice (line 1)"));
	write_file(rp, "alice\nb/ob,Bob\n");
	assert_null(lab_roster_load(rp, &d));
	assert_int_equal(d.line, 2);
	assert_non_null(strstr(d.msg, "bad student id"));
	write_file(rp, "alice,\"Anna\n");
	assert_null(lab_roster_load(rp, &d));
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 7);
	assert_non_null(strstr(d.msg, "not closed"));
	lesson_free(l);
}

/* Issue 20 item 10: more than LAB_CLASS_MAX students: the first ones by
 * name are graded, the rest counted and named, the same every time. */
static void test_lab_class_skips(void **state)
{
	char *dir = mkdir_in("many");
	struct lab_class *cl;
	struct diag d;

	(void)state;
	for (int i = LAB_CLASS_MAX + 2; i >= 0; i--) {
		char name[64];
		FILE *f;
		snprintf(name, sizeof name, "%s/s%05d.json", dir, i);
		f = fopen(name, "w");
		fclose(f);
	}
	cl = lab_class_read(dir, &d);
	assert_non_null(cl);
	assert_int_equal(cl->n, LAB_CLASS_MAX);
	assert_int_equal(cl->skipped, 3);
	assert_int_equal(cl->nskipped_ids, 3);
	assert_string_equal(cl->rows[0].id, "s00000");
	assert_string_equal(cl->rows[LAB_CLASS_MAX - 1].id, "s04999");
	assert_string_equal(cl->skipped_ids[0], "s05000");
	assert_string_equal(cl->skipped_ids[2], "s05002");
	assert_true(cl->rows[0].bad_set);
	assert_non_null(strstr(cl->rows[0].bad.msg, "unexpected end of file"));
	lab_class_free(cl);
}

/* ---- docs/lab-format.md's tampering table, row by row ---- */

/* What grade makes of the tampered student's row. */
enum outcome { FLAGGED, NOTED, REFUSED, MISSED };
static const char *const outcome_word[] = { "flagged", "noted", "refused", "not caught" };

struct tamper {
	const char *id;
	const char *student;                 /* whose row shows it */
	enum outcome want;
	const char *why;                     /* in a flag, a note, or the refusal */
	void (*apply)(const struct lesson *l, const char *dir);
	const char *also;                    /* another row it flags ("" none) */
};

#define J(dir, id) path_of(dir, id ".json")
#define JR(dir, id) path_of(dir, id ".journal")

static void t_right_on_wrong(const struct lesson *l, const char *dir)
{
	(void)l;   /* alice's q3 second try (8) marked right, with the question and score */
	edit_file(J(dir, "alice"), "{\"answer\": \"8\", \"right\": false",
		  "{\"answer\": \"8\", \"right\": true");
	edit_file(J(dir, "alice"), "\"tries\": 2,\n      \"right\": false",
		  "\"tries\": 2,\n      \"right\": true");
	edit_file(J(dir, "alice"), "\"score\": 2", "\"score\": 3");
}

static void t_question_right(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"tries\": 2,\n      \"right\": false",
		  "\"tries\": 2,\n      \"right\": true");
}

static void t_answer_changed(const struct lesson *l, const char *dir)
{
	(void)l;   /* alice's wrong "1" at question 2 becomes the right answer, flag left */
	edit_file(J(dir, "alice"), "{\"answer\": \"1\", \"right\": false",
		  "{\"answer\": \"0x234\", \"right\": false");
}

/* alice's question 2: "1" (wrong) then "0x234" becomes "0x234" at the
 * first try, the result consistent throughout. */
static void first_try_right(const char *path)
{
	char *t = read_file(path), *from = strstr(t, "{\"answer\": \"1\", \"right\": false"),
	     *to = strstr(from, "{\"answer\": \"0x234\"");
	char *o = malloc(strlen(t) + 1);

	memcpy(o, t, (size_t)(from - t));
	strcpy(o + (from - t), to);
	write_file(path, o);
	edit_file(path, "\"tries\": 2,\n      \"right\": true", "\"tries\": 1,\n      \"right\": true");
	free(t);
	free(o);
}

static void t_consistent_edit(const struct lesson *l, const char *dir)
{
	(void)l;
	first_try_right(J(dir, "alice"));
}

static void t_consistent_edit_and_journal(const struct lesson *l, const char *dir)
{
	char *t, *from, *to;

	(void)l;
	first_try_right(J(dir, "alice"));
	/* and the journal: the wrong try's line taken out, the right one as it was */
	t = read_file(JR(dir, "alice"));
	from = strstr(t, "{\"event\": \"try\", \"session\": 1, \"question\": 2, \"answer\": \"1\"");
	to = strchr(from, '\n') + 1;
	memmove(from, to, strlen(to) + 1);
	write_file(JR(dir, "alice"), t);
	free(t);
}

static void t_score(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"score\": 2", "\"score\": 3");
}

static void t_max(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"max\": 3", "\"max\": 2");
}

static void t_question_dropped(const struct lesson *l, const char *dir)
{
	char *t, *from, *to;

	(void)l;   /* the last question cut out of the array */
	t = read_file(J(dir, "alice"));
	from = strstr(t, ",\n    {\n      \"step\": 4");
	to = strstr(from + 1, "\n    }") + 6;
	memmove(from, to, strlen(to) + 1);
	write_file(J(dir, "alice"), t);
	free(t);
	edit_file(J(dir, "alice"), "\"max\": 3", "\"max\": 2");
}

static void t_third_try(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "{\"answer\": \"8\", \"right\": false, \"ms\": 20000, "
		  "\"at\": \"2025-11-30T10:54:10Z\"}",
		  "{\"answer\": \"8\", \"right\": false, \"ms\": 20000, \"at\": "
		  "\"2025-11-30T10:54:10Z\"}, {\"answer\": \"2\", \"right\": false, \"ms\": 1, "
		  "\"at\": \"2025-11-30T10:54:10Z\"}");
}

static void t_tries(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"tries\": 2,\n      \"right\": false",
		  "\"tries\": 1,\n      \"right\": false");
}

static void t_after_right(const struct lesson *l, const char *dir)
{
	(void)l;   /* carol's right q1 followed by another try */
	edit_file(J(dir, "carol"), "{\"answer\": \"21\", \"right\": true, \"ms\": 10000, \"at\": "
		  "\"2025-11-30T10:53:50Z\"}", "{\"answer\": \"21\", \"right\": true, \"ms\": 10000, "
		  "\"at\": \"2025-11-30T10:53:50Z\"}, {\"answer\": \"22\", \"right\": false, \"ms\": "
		  "10000, \"at\": \"2025-11-30T10:53:50Z\"}");
}

static void seed_edit(const char *path, const char *student, const char *nonce, uint64_t to,
		      bool given)
{
	char from[64], nw[64];

	snprintf(from, sizeof from, "\"seed\": %llu,\n  \"seed_given\": false",
		 (unsigned long long)lab_session_seed(student, nonce));
	snprintf(nw, sizeof nw, "\"seed\": %llu,\n  \"seed_given\": %s", (unsigned long long)to,
		 given ? "true" : "false");
	edit_file(path, from, nw);
}

static void t_seed(const struct lesson *l, const char *dir)
{
	(void)l;
	seed_edit(J(dir, "alice"), "alice", NONCE_A, 1234, false);
}

static void t_seed_given(const struct lesson *l, const char *dir)
{
	(void)l;
	seed_edit(J(dir, "alice"), "alice", NONCE_A, 1234, true);
}

static void t_student(const struct lesson *l, const char *dir)
{
	(void)l;   /* alice's file becomes eve's (renamed too) */
	edit_file(J(dir, "alice"), "\"student\": \"alice\"", "\"student\": \"eve\"");
	rename(J(dir, "alice"), J(dir, "eve"));
	rename(JR(dir, "alice"), JR(dir, "eve"));
}

static void t_renamed(const struct lesson *l, const char *dir)
{
	(void)l;
	rename(J(dir, "alice"), J(dir, "eve"));
}

/* alice's result copied as dave's, student and seed_given set (issue 25
 * item 2's case). */
static void t_copy_seed_given(const struct lesson *l, const char *dir)
{
	char *t = read_file(J(dir, "alice")), *e = edit(t, "\"student\": \"alice\"",
							 "\"student\": \"dave\"");

	(void)l;
	write_file(J(dir, "dave"), e);
	seed_edit(J(dir, "dave"), "alice", NONCE_A, lab_session_seed("alice", NONCE_A), true);
	free(t);
	free(e);
}

static void t_copy_journal_too(const struct lesson *l, const char *dir)
{
	char *t = read_file(JR(dir, "alice")), *e = edit(t, "\"student\": \"alice\"",
							  "\"student\": \"dave\"");

	t_copy_seed_given(l, dir);
	write_file(JR(dir, "dave"), e);
	free(t);
	free(e);
	edit_file(JR(dir, "dave"), "\"seed_given\": false", "\"seed_given\": true");
}

/* dave sits the lab himself and types alice's answers, wrong ones too. */
static void t_copied_answers(const struct lesson *l, const char *dir)
{
	struct play dave = { .student = "dave", .nonce = "00000000000000f1",
			     .answers = { { "21" }, { "1", "0x234" }, { "7", "8" } },
			     .hand_in = true };

	play_done(l, dir, &dave, T0 + 40);
}

static void t_prompt(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "What is the page offset of", "What is the offset of");
}

static void t_step(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"step\": 3", "\"step\": 5");
}

static void t_expected(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"expected\": \"0x234\"", "\"expected\": \"1\"");
}

static void t_lesson_hash(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"lesson_hash\": \"fnv1a64:", "\"lesson_hash\": \"fnv1a64:0");
}

static void t_lesson_name(const struct lesson *l, const char *dir)
{
	(void)l;   /* the file that sorts first names another lesson (issue 25 item 3) */
	edit_file(J(dir, "alice"), "\"lesson\": \"lab-quiz\"", "\"lesson\": \"01-pages-and-addresses\"");
}

static void t_ms(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"ms\": 50000,\n", "\"ms\": 600,\n");
}

static void t_attempt_time(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"at\": \"2025-11-30T10:54:10Z\"",
		  "\"at\": \"2025-11-30T12:00:00Z\"");
}

static void t_handed_in(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"handed_in\": \"2025-11-30T10:54:15Z\"",
		  "\"handed_in\": \"2025-11-30T10:54:11Z\"");
}

static void t_handed_in_both(const struct lesson *l, const char *dir)
{
	t_handed_in(l, dir);
	edit_file(JR(dir, "alice"), "\"at\": \"2025-11-30T10:54:15Z\"",
		  "\"at\": \"2025-11-30T10:54:11Z\"");
}

static void t_nonce(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"nonce\": \"" NONCE_A "\"", "\"nonce\": \"00000000000000a9\"");
}

static void t_resumed(const struct lesson *l, const char *dir)
{
	(void)l;   /* bob was resumed once; his result says never */
	edit_file(J(dir, "bob"), "\"resumed\": 1", "\"resumed\": 0");
}

static void t_session(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"session\": 1", "\"session\": 2");
}

static void t_journal_deleted(const struct lesson *l, const char *dir)
{
	(void)l;
	unlink(JR(dir, "alice"));
}

static void t_hand_made(const struct lesson *l, const char *dir)
{
	(void)l;   /* a consistent result written by hand, no journal */
	first_try_right(J(dir, "alice"));
	unlink(JR(dir, "alice"));
}

static void t_retake(const struct lesson *l, const char *dir)
{
	struct play p = { .student = "carol", .nonce = "00000000000000d2", .force = true,
			  .answers = { { "21" }, { "0x234" }, { NULL } }, .hand_in = true };

	p.answers[2][0] = answer3(l, "carol", "00000000000000d2");
	play_done(l, dir, &p, T0 + 200);
}

static void t_old_result_back(const struct lesson *l, const char *dir)
{
	/* carol keeps her first result, retakes, then puts the first back */
	char *first = read_file(J(dir, "carol"));
	struct play p = { .student = "carol", .nonce = "00000000000000d2", .force = true,
			  .answers = { { "22" } }, .hand_in = true };

	play_done(l, dir, &p, T0 + 200);
	write_file(J(dir, "carol"), first);
	free(first);
}

static void t_journal_deleted_retry(const struct lesson *l, const char *dir)
{
	/* hank (not handed in) removes his journal and sits the lab again:
	 * other questions, fresh tries */
	struct play p = { .student = "hank", .nonce = "00000000000000e2",
			  .answers = { { "21" }, { "0x234" } }, .hand_in = true };

	unlink(JR(dir, "hank"));
	play_done(l, dir, &p, T0 + 200);
}

static void t_unknown_key(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"format\": ", "\"graded\": \"A+\",\n  \"format\": ");
}

static void t_duplicate_key(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"score\": 2,", "\"score\": 2,\n  \"score\": 3,");
}

static void t_journal_edited(const struct lesson *l, const char *dir)
{
	(void)l;   /* the journal's wrong try made right */
	edit_file(JR(dir, "alice"), "\"answer\": \"7\", \"right\": false",
		  "\"answer\": \"7\", \"right\": true");
}

static void t_interrupted(const struct lesson *l, const char *dir)
{
	(void)l;
	(void)dir;  /* bob's lab was interrupted once (the class plays it so) */
}

static void t_name(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"name\": \"\"", "\"name\": \"Someone Else\"");
}

static void t_name_both(const struct lesson *l, const char *dir)
{
	t_name(l, dir);
	edit_file(JR(dir, "alice"), "\"name\": \"\"", "\"name\": \"Someone Else\"");
}

static void t_tries_allowed(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"tries_allowed\": 2", "\"tries_allowed\": 3");
}

static void t_journal_extra_try(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(JR(dir, "alice"), "{\"event\": \"hand-in\"",
		  "{\"event\": \"try\", \"session\": 1, \"question\": 9, \"answer\": \"1\", "
		  "\"right\": false, \"ms\": 1, \"at\": \"2025-11-30T10:54:00Z\"}\n"
		  "{\"event\": \"hand-in\"");
}

static void t_journal_cut(const struct lesson *l, const char *dir)
{
	char *t = read_file(JR(dir, "alice"));

	(void)l;    /* the hand-in record half written, as a crash would leave it */
	t[strlen(t) - 20] = '\0';
	write_file(JR(dir, "alice"), t);
	free(t);
}

static void t_journal_dir(const struct lesson *l, const char *dir)
{
	(void)l;
	assert_int_equal(unlink(JR(dir, "alice")), 0);
	assert_int_equal(mkdir(JR(dir, "alice"), 0755), 0);
}

static void t_journal_link(const struct lesson *l, const char *dir)
{
	(void)l;
	assert_int_equal(unlink(JR(dir, "alice")), 0);
	assert_int_equal(symlink("bob.journal", JR(dir, "alice")), 0);
}

static void t_float(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"score\": 2,", "\"score\": 2.0,");
}

static void t_bom(const struct lesson *l, const char *dir)
{
	char *t = read_file(J(dir, "alice")), *e = malloc(strlen(t) + 4);

	(void)l;
	sprintf(e, "\xef\xbb\xbf%s", t);
	write_file(J(dir, "alice"), e);
	free(t);
	free(e);
}

static void t_time_zone(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"started\": \"2025-11-30T10:53:20Z\"",
		  "\"started\": \"2025-11-30T11:53:20+01:00\"");
}

static void t_time_impossible(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"started\": \"2025-11-30T10:53:20Z\"",
		  "\"started\": \"2025-11-31T10:53:20Z\"");
}

static void t_surrogate(const struct lesson *l, const char *dir)
{
	(void)l;
	edit_file(J(dir, "alice"), "\"name\": \"\"", "\"name\": \"\\ud800\"");
}

static const struct tamper tampers[] = {
	{ "T01", "alice", FLAGGED, "attempt 2 is recorded as right, the engine grades it wrong",
	  t_right_on_wrong, NULL },
	{ "T02", "alice", FLAGGED, "recorded as right, the engine grades it wrong", t_question_right, NULL },
	{ "T03", "alice", FLAGGED, "attempt 1 is recorded as wrong, the engine grades it right",
	  t_answer_changed, NULL },
	{ "T04", "alice", FLAGGED, "attempt 1 is not the one the journal recorded", t_consistent_edit, NULL },
	{ "T05", "alice", MISSED, NULL, t_consistent_edit_and_journal, NULL },
	{ "T06", "alice", FLAGGED, "recorded score 3/3, the engine's 2/3", t_score, NULL },
	{ "T07", "alice", FLAGGED, "recorded score 2/2, the engine's 2/3", t_max, NULL },
	{ "T08", "alice", FLAGGED, "questions recorded: 2, the lesson has 3", t_question_dropped, NULL },
	{ "T09", "alice", FLAGGED, "3 attempts, only 2 allowed", t_third_try, NULL },
	{ "T10", "alice", FLAGGED, "\"tries\" is 1 but 2 attempts are recorded", t_tries, NULL },
	{ "T11", "carol", FLAGGED, "an attempt after the right answer", t_after_right, NULL },
	{ "T12", "alice", FLAGGED, "seed 1234 is not the one of student alice's session", t_seed, NULL },
	{ "T13", "alice", FLAGGED, "question 3: the prompt is not the one seed 1234 gives",
	  t_seed_given, NULL },
	{ "T14", "eve", FLAGGED, "is not the one of student eve's session", t_student, NULL },
	{ "T15", "eve", FLAGGED, "the file name is not the student id's (alice.json)", t_renamed,
	  "alice" },
	{ "T16", "dave", FLAGGED, "is also alice's: one result copied from the other?",
	  t_copy_seed_given, "alice" },
	{ "T17", "dave", FLAGGED, "is also alice's: one result copied from the other?",
	  t_copy_journal_too, "alice" },
	{ "T18", "dave", FLAGGED, "the same answers as alice (3 questions, wrong ones included; "
	  "no one else gave question 2's tries)",
	  t_copied_answers, "alice" },
	{ "T19", "alice", FLAGGED, "question 2: the prompt is not the one seed", t_prompt, NULL },
	{ "T20", "alice", FLAGGED, "question 2: recorded as step 5 (offset)", t_step, NULL },
	{ "T21", "alice", FLAGGED, "question 2: \"expected\" is not the engine's answer",
	  t_expected, NULL },
	{ "T22", "alice", FLAGGED, "the lesson file changed since the lab", t_lesson_hash, NULL },
	{ "T23", "alice", FLAGGED, "the result is for lesson 01-pages-and-addresses, not lab-quiz",
	  t_lesson_name, NULL },
	{ "T24", "alice", FLAGGED, "\"ms\" is 600, the questions' add up to 50000", t_ms, NULL },
	{ "T25", "alice", FLAGGED, "is outside the session", t_attempt_time, NULL },
	{ "T26", "alice", FLAGGED, "the journal says 2025-11-30T10:54:15Z", t_handed_in, NULL },
	{ "T27", "alice", MISSED, NULL, t_handed_in_both, NULL },
	{ "T28", "alice", FLAGGED, "is not the one of student alice's session", t_nonce, NULL },
	{ "T29", "bob", FLAGGED, "resumed 0 time(s), the journal says 1", t_resumed, NULL },
	{ "T30", "alice", FLAGGED, "session 2, but the journal has 1", t_session, NULL },
	{ "T31", "alice", FLAGGED, "is not the one the journal recorded", t_journal_edited, NULL },
	{ "T32", "alice", NOTED, "no journal beside it", t_journal_deleted, NULL },
	{ "T33", "alice", NOTED, "no journal beside it", t_hand_made, NULL },
	{ "T34", "carol", NOTED, "retake: session 2; before it 1 handed in", t_retake, NULL },
	{ "T35", "carol", FLAGGED, "a later session (2) was handed in", t_old_result_back, NULL },
	{ "T36", "bob", NOTED, "resumed 1 time(s) after an interruption", t_interrupted, NULL },
	{ "T37", "hank", MISSED, NULL, t_journal_deleted_retry, NULL },
	{ "T38", "alice", REFUSED, "unknown key \"graded\" in a lab result", t_unknown_key, NULL },
	{ "T39", "alice", REFUSED, "duplicate key in object", t_duplicate_key, NULL },
	{ "T40", "alice", FLAGGED, "its session is not the one the journal started", t_name, NULL },
	{ "T41", "alice", MISSED, NULL, t_name_both, NULL },
	{ "T42", "alice", FLAGGED, "tries_allowed is 3, labs allow 2", t_tries_allowed, NULL },
	{ "T43", "alice", FLAGGED, "a try at question 9, which the result does not have",
	  t_journal_extra_try, NULL },
	{ "T44", "alice", FLAGGED, "the journal has no hand-in of session 1", t_journal_cut, NULL },
	{ "T45", "alice", FLAGGED, "alice.journal: is a directory, not a file", t_journal_dir, NULL },
	{ "T46", "alice", FLAGGED, "its session is not the one the journal started", t_journal_link,
	  NULL },
	{ "T47", "alice", REFUSED, "\"score\" must be a whole number", t_float, NULL },
	{ "T48", "alice", REFUSED, "byte order mark", t_bom, NULL },
	{ "T49", "alice", REFUSED, "\"started\" must be a UTC time", t_time_zone, NULL },
	{ "T50", "alice", REFUSED, "\"started\" must be a UTC time", t_time_impossible, NULL },
	{ "T51", "alice", REFUSED, "high surrogate without its low surrogate", t_surrogate, NULL },
};

/* The class the table's rows start from: class_new's, bob resumed once. */
static char *tamper_class(const struct lesson *l, const char *name)
{
	char *dir = mkdir_in(name);
	struct play alice = { .student = "alice", .nonce = NONCE_A,
			      .answers = { { "21" }, { "1", "0x234" }, { "7", "8" } },
			      .hand_in = true };
	struct play bob1 = { .student = "bob", .nonce = "00000000000000c1",
			     .answers = { { "22" } } };
	struct play bob2 = { .student = "bob", .nonce = "00000000000000c1",
			     .answers = { { NULL }, { "0x234" } }, .hand_in = true };
	struct play carol = { .student = "carol", .nonce = "00000000000000d1",
			      .answers = { { "21" }, { "0x234" }, { NULL } }, .hand_in = true };
	struct play hank = { .student = "hank", .nonce = "00000000000000e1",
			     .answers = { { "21" } } };

	carol.answers[2][0] = answer3(l, "carol", "00000000000000d1");
	play_done(l, dir, &alice, T0);
	play_done(l, dir, &bob1, T0 + 10);
	play_done(l, dir, &bob2, T0 + 15);    /* the same command again: resumed */
	play_done(l, dir, &carol, T0 + 20);
	play_done(l, dir, &hank, T0 + 30);
	return dir;
}

/* The outcome docs/lab-format.md gives row id, or -1. */
static int doc_outcome(const char *doc, const char *id)
{
	char key[16];
	const char *at, *end, *last;

	snprintf(key, sizeof key, "\n| %s |", id);
	at = strstr(doc, key);
	if (!at)
		return -1;
	end = strchr(at + 1, '\n');
	for (last = end - 1; last > at && *last == ' '; last--)
		;
	if (*last == '|')
		last--;
	while (last > at && last[-1] != '|')
		last--;
	for (int o = 0; o < 4; o++) {
		size_t n = strlen(outcome_word[o]);
		const char *p = last;
		while (*p == ' ')
			p++;
		if (strncmp(p, outcome_word[o], n) == 0 && (p[n] == ' ' || p[n] == '|'))
			return o;
	}
	return -2;
}

static void test_lab_tamper_table(void **state)
{
	struct lesson *l = lesson();
	char *doc = read_file("docs/lab-format.md"), *base = strdup(tamper_class(l, "tamper-base"));
	size_t rows = 0;

	(void)state;
	/* the untouched class: nothing flagged */
	{
		struct lab_class *cl = grade_dir(base, l);
		for (size_t i = 0; i < cl->n; i++)
			no_flags(&cl->rows[i]);
		lab_class_free(cl);
	}
	for (size_t t = 0; t < sizeof tampers / sizeof tampers[0]; t++) {
		const struct tamper *tp = &tampers[t];
		char name[32], cmd[512], *dir;
		struct lab_class *cl;
		struct lab_row *w;
		enum outcome got = MISSED;
		int want_doc = doc_outcome(doc, tp->id);
		const char *lname;
		size_t votes;
		bool tie;

		snprintf(name, sizeof name, "tamper-%s", tp->id);
		dir = mkdir_in(name);
		snprintf(cmd, sizeof cmd, "cp -p '%s'/* '%s'/", base, dir);
		assert_int_equal(system(cmd), 0);
		tp->apply(l, dir);
		cl = grade_dir(dir, l);
		/* the class's lesson is the majority's, whatever one file says */
		lname = lab_class_lesson(cl, &votes, &tie);
		assert_string_equal(lname, "lab-quiz");
		w = row_of(cl, tp->student);
		if (w->bad_set)
			got = REFUSED;
		else if (!w->graded)
			fail_msg("%s: %s not graded", tp->id, tp->student);
		else if (w->c.nflags_all)
			got = FLAGGED;
		else if (tp->want == NOTED && has(w->c.note, w->c.nnotes, tp->why))
			got = NOTED;
		else
			got = MISSED;
		if (got != tp->want)
			fail_msg("%s: grade says %s, the table wants %s (%s)", tp->id,
				 outcome_word[got], outcome_word[tp->want],
				 w->graded && w->c.nflags ? w->c.flag[0] : w->bad.msg);
		if (got == FLAGGED && !has(w->c.flag, w->c.nflags, tp->why))
			fail_msg("%s: no flag with \"%s\" (first: %s)", tp->id, tp->why, w->c.flag[0]);
		if (got == FLAGGED && has(w->c.flag, w->c.nflags, "its journal is unreadable") &&
		    has(w->c.note, w->c.nnotes, "no journal beside it"))
			fail_msg("%s: a bad journal is also noted as missing", tp->id);
		if (got == REFUSED && !strstr(w->bad.msg, tp->why))
			fail_msg("%s: refused with \"%s\"", tp->id, w->bad.msg);
		if (want_doc != (int)tp->want)
			fail_msg("%s: docs/lab-format.md says %s, the test %s", tp->id,
				 want_doc < 0 ? "nothing" : outcome_word[want_doc],
				 outcome_word[tp->want]);
		/* the others in the class are untouched by it (the original of a
		 * copy is flagged with its copy) */
		for (size_t i = 0; i < cl->n; i++)
			if (cl->rows[i].graded && strcmp(cl->rows[i].id, tp->student) != 0 &&
			    cl->rows[i].c.nflags && (!tp->also || strcmp(tp->also, cl->rows[i].id)))
				fail_msg("%s: %s flagged too: %s", tp->id, cl->rows[i].id,
					 cl->rows[i].c.flag[0]);
			else if (tp->also && strcmp(tp->also, cl->rows[i].id) == 0 &&
				 !cl->rows[i].c.nflags)
				fail_msg("%s: %s not flagged with it", tp->id, tp->also);
		lab_class_free(cl);
		rows++;
	}
	/* and the table has no row without a test */
	for (int k = 1; k < 100; k++) {
		char id[8];
		bool tested = false;
		snprintf(id, sizeof id, "T%02d", k);
		for (size_t t = 0; t < sizeof tampers / sizeof tampers[0]; t++)
			tested = tested || strcmp(tampers[t].id, id) == 0;
		if (!tested && doc_outcome(doc, id) != -1)
			fail_msg("docs/lab-format.md row %s has no test", id);
	}
	assert_int_equal(rows, sizeof tampers / sizeof tampers[0]);
	free(base);
	free(doc);
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
		cmocka_unit_test(test_lab_wrong_so_far),
		cmocka_unit_test(test_lab_bad_results),
		cmocka_unit_test(test_lab_records_what_check_accepts),
		cmocka_unit_test(test_lab_check_refuses_unrecordable),
		cmocka_unit_test(test_lab_journal_resume),
		cmocka_unit_test(test_lab_journal_full),
		cmocka_unit_test(test_lab_journal_bad),
		cmocka_unit_test(test_lab_class),
		cmocka_unit_test(test_lab_roster),
		cmocka_unit_test(test_lab_class_skips),
		cmocka_unit_test(test_lab_tamper_table),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
