/* SPDX-License-Identifier: GPL-2.0-only */
/* test_progress.c - progress files: round trip, XDG_STATE_HOME, corrupt
 * files reported (with their line) and ignored, atomic replacement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture.h"
#include "lesson/progress.h"

static struct fx_tmp tmp;

static int setup(void **state)
{
	(void)state;
	fx_tmp_new(&tmp, "progress");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fx_tmp_free(&tmp);
	return 0;
}

static void test_round_trip(void **state)
{
	char dir[400];
	struct progress p = { .step = 4, .nsteps = 12, .done = true }, q;
	struct diag d;
	struct stat st;

	(void)state;
	snprintf(dir, sizeof dir, "%s/a/b/pagewalk", tmp.dir);   /* parents created */
	assert_int_equal(progress_load(dir, "03-x86", &q, &d), PROGRESS_NONE);
	assert_int_equal(progress_save(dir, "03-x86", &p, &d), 0);
	assert_int_equal(progress_load(dir, "03-x86", &q, &d), PROGRESS_OK);
	assert_int_equal(q.step, 4);
	assert_int_equal(q.nsteps, 12);
	assert_true(q.done);
	/* no temp file left behind */
	snprintf(dir + strlen(dir), sizeof dir - strlen(dir), "/03-x86.progress.tmp");
	assert_int_not_equal(stat(dir, &st), 0);
}

/* Version 2 keeps the seed and each quiz's tries, hints and result; a
 * version 1 file (no such lines) still loads. */
static void test_quizzes(void **state)
{
	struct progress p = { .step = 5, .nsteps = 12, .have_seed = true, .seed = 987654321 }, q;
	struct progress_quiz *r;
	struct diag d;

	(void)state;
	r = progress_quiz_of(&p, 5);
	r->tries = 2;
	r->hints = 1;
	r->result = QUIZ_RIGHT;
	r = progress_quiz_of(&p, 9);
	r->tries = 3;
	r->result = QUIZ_SHOWN;
	assert_ptr_equal(progress_quiz_of(&p, 5), &p.quiz[0]);
	assert_int_equal(progress_save(tmp.dir, "q", &p, &d), 0);
	assert_int_equal(progress_load(tmp.dir, "q", &q, &d), PROGRESS_OK);
	assert_true(q.have_seed);
	assert_int_equal(q.seed, 987654321);
	assert_int_equal(q.nquiz, 2);
	assert_int_equal(q.quiz[0].step, 5);
	assert_int_equal(q.quiz[0].tries, 2);
	assert_int_equal(q.quiz[0].hints, 1);
	assert_int_equal(q.quiz[0].result, QUIZ_RIGHT);
	assert_int_equal(q.quiz[1].step, 9);
	assert_int_equal(q.quiz[1].result, QUIZ_SHOWN);

	fx_write(&tmp, "old.progress", "pagewalk-progress 1\nstep 3\nsteps 9\ndone no\n");
	assert_int_equal(progress_load(tmp.dir, "old", &q, &d), PROGRESS_OK);
	assert_int_equal(q.step, 3);
	assert_false(q.have_seed);
	assert_int_equal(q.nquiz, 0);
	/* version 1 has no extra lines; version 2 no unknown ones */
	fx_write(&tmp, "x.progress", "pagewalk-progress 1\nstep 3\nsteps 9\ndone no\nquiz 1 0 0 open\n");
	assert_int_equal(progress_load(tmp.dir, "x", &q, &d), PROGRESS_CORRUPT);
	fx_write(&tmp, "y.progress", "pagewalk-progress 2\nstep 3\nsteps 9\ndone no\nquiz 1 0 0 maybe\n");
	assert_int_equal(progress_load(tmp.dir, "y", &q, &d), PROGRESS_CORRUPT);
	assert_int_equal(d.line, 5);
}

/* Version 3: a retry with a fresh address keeps the first attempt's
 * outcome; the score counts quizzes right at the first try of those
 * answered; the predict option is remembered; version 2 lines still load,
 * their outcome taken as the first. */
static void test_retry_and_score(void **state)
{
	struct progress p = { .step = 9, .nsteps = 12, .predict = true }, q;
	struct progress_score sc;
	struct progress_quiz *a, *b, *c;
	struct diag d;

	(void)state;
	a = progress_quiz_of(&p, 5);             /* right at once, then retried */
	progress_quiz_end(a, QUIZ_RIGHT);
	progress_quiz_retry(a);
	progress_quiz_wrong(a);
	progress_quiz_wrong(a);
	assert_int_equal(a->first, QUIZ_RIGHT);
	assert_int_equal(a->first_tries, 0);
	assert_int_equal(a->tries, 2);
	assert_int_equal(a->attempt, 1);
	assert_int_equal(a->result, QUIZ_OPEN);
	b = progress_quiz_of(&p, 7);             /* wrong, gave up, right on retry */
	progress_quiz_wrong(b);
	progress_quiz_retry(b);
	progress_quiz_end(b, QUIZ_RIGHT);
	assert_int_equal(b->first, QUIZ_SHOWN);
	assert_int_equal(b->first_tries, 1);
	assert_int_equal(b->result, QUIZ_RIGHT);
	assert_false(progress_quiz_first_right(b));
	c = progress_quiz_of(&p, 8);             /* right after a wrong answer */
	progress_quiz_wrong(c);
	progress_quiz_end(c, QUIZ_RIGHT);
	assert_false(progress_quiz_first_right(c));
	progress_quiz_of(&p, 11);                /* not answered */
	progress_score(&p, &sc);
	assert_int_equal(sc.answered, 3);
	assert_int_equal(sc.first_right, 1);
	assert_int_equal(sc.retried, 2);

	assert_int_equal(progress_save(tmp.dir, "r", &p, &d), 0);
	assert_int_equal(progress_load(tmp.dir, "r", &q, &d), PROGRESS_OK);
	assert_true(q.predict);
	assert_int_equal(q.nquiz, 4);
	assert_int_equal(q.quiz[0].attempt, 1);
	assert_int_equal(q.quiz[0].first, QUIZ_RIGHT);
	assert_int_equal(q.quiz[0].tries, 2);
	assert_int_equal(q.quiz[1].first, QUIZ_SHOWN);
	assert_int_equal(q.quiz[1].first_tries, 1);
	progress_score(&q, &sc);
	assert_int_equal(sc.answered, 3);
	assert_int_equal(sc.first_right, 1);

	/* version 2: no attempts; the outcome on file is the first */
	fx_write(&tmp, "v2.progress", "pagewalk-progress 2\nstep 3\nsteps 9\ndone no\n"
		   "quiz 4 0 0 right\nquiz 6 2 0 right\n");
	assert_int_equal(progress_load(tmp.dir, "v2", &q, &d), PROGRESS_OK);
	assert_false(q.predict);
	assert_int_equal(q.quiz[0].first, QUIZ_RIGHT);
	assert_int_equal(q.quiz[1].first_tries, 2);
	progress_score(&q, &sc);
	assert_int_equal(sc.first_right, 1);
	assert_int_equal(sc.answered, 2);
	/* a version 2 file cannot say predict, a version 3 quiz line needs all
	 * seven fields */
	fx_write(&tmp, "p2.progress", "pagewalk-progress 2\nstep 3\nsteps 9\ndone no\npredict yes\n");
	assert_int_equal(progress_load(tmp.dir, "p2", &q, &d), PROGRESS_CORRUPT);
	fx_write(&tmp, "q3.progress", "pagewalk-progress 3\nstep 3\nsteps 9\ndone no\nquiz 4 0 0 right\n");
	assert_int_equal(progress_load(tmp.dir, "q3", &q, &d), PROGRESS_CORRUPT);
	fx_write(&tmp, "f3.progress", "pagewalk-progress 3\nstep 3\nsteps 9\ndone no\n"
		   "quiz 4 0 0 right 0 maybe 0\n");
	assert_int_equal(progress_load(tmp.dir, "f3", &q, &d), PROGRESS_CORRUPT);
}

static void test_dir_from_env(void **state)
{
	char out[512];
	struct diag d;

	(void)state;
	fx_env("XDG_STATE_HOME", "/x/state");
	assert_int_equal(progress_dir(out, sizeof out, &d), 0);
	assert_string_equal(out, "/x/state/pagewalk");
	fx_env("XDG_STATE_HOME", "relative");   /* not absolute: ignored */
	fx_env("HOME", "/home/u");
	assert_int_equal(progress_dir(out, sizeof out, &d), 0);
	assert_string_equal(out, "/home/u/.local/state/pagewalk");
	fx_env("XDG_STATE_HOME", NULL);
	fx_env("HOME", NULL);
	assert_int_equal(progress_dir(out, sizeof out, &d), -1);
	/* a relative HOME would put state under the current directory */
	fx_env("HOME", "rel");
	fx_env("XDG_STATE_HOME", "relx");
	assert_int_equal(progress_dir(out, sizeof out, &d), -1);
	assert_non_null(strstr(d.msg, "absolute path"));
	fx_env("XDG_STATE_HOME", NULL);
	fx_env("HOME", NULL);
}

struct corrupt_case {
	const char *body;
	int line;
	const char *msg;
};

static const struct corrupt_case corrupt[] = {
	{ "garbage\n", 1, "not a pagewalk progress file" },
	{ "pagewalk-progress 1\nstep x\nsteps 3\ndone no\n", 2, "unreadable line" },
	{ "pagewalk-progress 1\nstep 2\nsteps 3\n", 3, "cut short" },
	{ "pagewalk-progress 1\nstep 9\nsteps 3\ndone no\n", 4, "out of range" },
	{ "pagewalk-progress 1\nstep 1\nsteps 3\ndone maybe\n", 4, "unreadable line" },
	{ "pagewalk-progress 1\nstep 1\nsteps 3\ndone no\nextra\n", 5, "extra line" },
	{ "pagewalk-progress 1\nstep 99999999999\nsteps 3\ndone no\n", 2, "unreadable line" },
	{ "", 1, "cut short" },
};

static void test_corrupt(void **state)
{
	struct progress p;
	struct diag d;

	(void)state;
	for (size_t i = 0; i < sizeof corrupt / sizeof corrupt[0]; i++) {
		fx_write(&tmp, "bad.progress", corrupt[i].body);
		memset(&d, 0, sizeof d);
		assert_int_equal(progress_load(tmp.dir, "bad", &p, &d), PROGRESS_CORRUPT);
		assert_int_equal(p.step, 0);            /* ignored: as if none */
		assert_int_equal(d.line, corrupt[i].line);
		assert_non_null(strstr(d.msg, corrupt[i].msg));
		assert_non_null(strstr(d.path, "bad.progress"));
	}
	/* the next save replaces the corrupt file */
	p = (struct progress){ .step = 1, .nsteps = 2 };
	assert_int_equal(progress_save(tmp.dir, "bad", &p, &d), 0);
	assert_int_equal(progress_load(tmp.dir, "bad", &p, &d), PROGRESS_OK);
}

static void test_bad_names(void **state)
{
	struct progress p = { .step = 1, .nsteps = 1 };
	struct diag d;

	(void)state;
	assert_int_equal(progress_save(tmp.dir, "../escape", &p, &d), -1);
	assert_int_equal(progress_save(tmp.dir, ".hidden", &p, &d), -1);
	assert_int_equal(progress_save(tmp.dir, "", &p, &d), -1);
	assert_int_equal(progress_load(tmp.dir, "a/b", &p, &d), PROGRESS_CORRUPT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test(test_dir_from_env),
		cmocka_unit_test_setup_teardown(test_quizzes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retry_and_score, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_names, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
