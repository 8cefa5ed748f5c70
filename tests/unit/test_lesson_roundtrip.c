/* SPDX-License-Identifier: GPL-2.0-only */
/* test_lesson_roundtrip.c - lesson_write(): every good lesson file loads,
 * is written, loads again to an equal model, and writing that model again
 * gives the same bytes (run from the repo top). */
#include <glob.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lesson/lesson.h"
#include "lesson/quiz.h"

static char *write_mem(const struct lesson *l, size_t *len)
{
	char *buf = NULL;
	struct diag d = { 0 };
	FILE *f = open_memstream(&buf, len);
	assert_non_null(f);
	if (lesson_write(l, f, &d) < 0)
		fail_msg("%s: lesson_write: %s", l->path, d.msg);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void same_str(const char *a, const char *b, const char *what, const char *path,
		     size_t step)
{
	if (!a || !b) {
		if (a != b && !((!a && b && !*b) || (!b && a && !*a)))
			fail_msg("%s step %zu: %s: one side missing", path, step, what);
		return;
	}
	if (strcmp(a, b) != 0)
		fail_msg("%s step %zu: %s differs:\n[%s]\n[%s]", path, step, what, a, b);
}

static void same_text(const struct text *a, const struct text *b, const char *what,
		      const char *path, size_t step)
{
	for (int i = 0; i < LANG_COUNT; i++)
		same_str(a->s[i], b->s[i], what, path, step);
}

static void same_walk(const struct walk *a, const struct walk *b)
{
	assert_int_equal(a->cr3, b->cr3);
	assert_int_equal(a->addr, b->addr);
	assert_int_equal(a->access.kind, b->access.kind);
	assert_int_equal(a->access.user, b->access.user);
	assert_int_equal(a->nsteps, b->nsteps);
	for (int i = 0; i < a->nsteps; i++) {
		const struct walk_step *x = &a->step[i], *y = &b->step[i];
		assert_int_equal(x->level, y->level);
		assert_int_equal(x->folded, y->folded);
		assert_int_equal(x->table, y->table);
		assert_int_equal(x->index, y->index);
		assert_int_equal(x->entry_pa, y->entry_pa);
		assert_int_equal(x->entry, y->entry);
		assert_int_equal(x->present, y->present);
		assert_int_equal(x->leaf, y->leaf);
		assert_int_equal(x->next, y->next);
	}
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->fail, b->fail);
	assert_string_equal(a->reason, b->reason);
	assert_int_equal(a->error_code, b->error_code);
	assert_int_equal(a->frame, b->frame);
	assert_int_equal(a->page_size, b->page_size);
	assert_int_equal(a->phys, b->phys);
}

static void same_fields(const struct addr_fields *a, const struct addr_fields *b)
{
	assert_memory_equal(a, b, sizeof *a);
}

static void same_code(const struct code_view *a, const struct code_view *b,
		      const char *path, size_t i)
{
	assert_int_equal(a->ex == NULL, b->ex == NULL);
	if (!a->ex)
		return;
	same_str(a->ex->id, b->ex->id, "excerpt id", path, i);
	same_str(a->ex->file, b->ex->file, "excerpt file", path, i);
	same_str(a->ex->version, b->ex->version, "excerpt version", path, i);
	same_str(a->ex->lang, b->ex->lang, "excerpt lang", path, i);
	same_str(a->ex->symbol, b->ex->symbol, "excerpt symbol", path, i);
	assert_int_equal(a->ex->first_line, b->ex->first_line);
	assert_int_equal(a->ex->last_line, b->ex->last_line);
	assert_int_equal(a->nhl, b->nhl);
	for (size_t k = 0; k < a->nhl; k++) {
		assert_int_equal(a->hl[k].first, b->hl[k].first);
		assert_int_equal(a->hl[k].last, b->hl[k].last);
	}
}

static void same_vmas(const struct vma *a, size_t na, const struct vma *b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t k = 0; k < na; k++) {
		assert_int_equal(a[k].start, b[k].start);
		assert_int_equal(a[k].end, b[k].end);
		assert_int_equal(a[k].read, b[k].read);
		assert_int_equal(a[k].write, b[k].write);
		assert_int_equal(a[k].exec, b[k].exec);
	}
}

static void same_quiz(const struct step *sa, const struct step *sb, const char *path, size_t i)
{
	const struct step_quiz *a = &sa->u.quiz, *b = &sb->u.quiz;
	assert_int_equal(a->kind, b->kind);
	same_text(&a->question, &b->question, "question", path, i);
	assert_int_equal(a->nhints, b->nhints);
	for (size_t k = 0; k < a->nhints; k++)
		same_text(&a->hints[k], &b->hints[k], "hint", path, i);
	assert_int_equal(a->narchs, b->narchs);
	for (size_t k = 0; k < a->narchs; k++)
		assert_ptr_equal(a->archs[k], b->archs[k]);
	assert_int_equal(a->nlevels, b->nlevels);
	for (size_t k = 0; k < a->nlevels; k++)
		assert_int_equal(a->levels[k], b->levels[k]);
	assert_int_equal(a->fixed_addr, b->fixed_addr);
	if (a->fixed_addr)
		assert_int_equal(a->addr, b->addr);
	else
		assert_memory_equal(&a->random, &b->random, sizeof a->random);
	assert_int_equal(a->nmacros, b->nmacros);
	for (size_t k = 0; k < a->nmacros; k++)
		assert_string_equal(a->macros[k], b->macros[k]);
	assert_int_equal(a->nerror_codes, b->nerror_codes);
	for (size_t k = 0; k < a->nerror_codes; k++)
		assert_int_equal(a->error_codes[k], b->error_codes[k]);
	assert_int_equal(a->has_tables, b->has_tables);
	if (a->has_tables) {
		assert_int_equal(a->access.kind, b->access.kind);
		assert_int_equal(a->access.user, b->access.user);
		assert_int_equal(a->setup.cr3, b->setup.cr3);
	}
	assert_int_equal(a->nmapped, b->nmapped);
	for (size_t k = 0; k < a->nmapped; k++) {
		assert_int_equal(a->mapped[k][0], b->mapped[k][0]);
		assert_int_equal(a->mapped[k][1], b->mapped[k][1]);
	}
	assert_int_equal(a->task_size, b->task_size);
	assert_int_equal(a->linux61, b->linux61);
	same_vmas(a->vmas, a->nvmas, b->vmas, b->nvmas);
	for (uint64_t seed = 1; seed <= 10; seed++) {
		struct quiz_instance qa, qb;
		struct diag d = { 0 };
		if (quiz_instance(sa, seed, &qa, &d) < 0)
			fail_msg("%s step %zu: %s", path, i, d.msg);
		if (quiz_instance(sb, seed, &qb, &d) < 0)
			fail_msg("%s step %zu (written): %s", path, i, d.msg);
		assert_ptr_equal(qa.arch, qb.arch);
		assert_int_equal(qa.addr, qb.addr);
		assert_int_equal(qa.level, qb.level);
		assert_int_equal(qa.error_code, qb.error_code);
		assert_int_equal(qa.type, qb.type);
		assert_int_equal(qa.answer, qb.answer);
		assert_int_equal(qa.path, qb.path);
		same_fields(&qa.fields, &qb.fields);
		assert_string_equal(qa.answer_text, qb.answer_text);
		same_text(&qa.question, &qb.question, "instance question", path, i);
		quiz_instance_clear(&qa);
		quiz_instance_clear(&qb);
	}
}

static void same_step(const struct step *a, const struct step *b, const char *path, size_t i)
{
	assert_int_equal(a->kind, b->kind);
	same_text(&a->heading, &b->heading, "heading", path, i);
	same_text(&a->body, &b->body, "text", path, i);
	same_code(&a->code, &b->code, path, i);
	switch (a->kind) {
	case STEP_SPLIT:
		assert_ptr_equal(a->u.split.arch, b->u.split.arch);
		assert_int_equal(a->u.split.addr, b->u.split.addr);
		same_fields(&a->u.split.fields, &b->u.split.fields);
		break;
	case STEP_COMPARE:
		assert_int_equal(a->u.compare.addr, b->u.compare.addr);
		assert_int_equal(a->u.compare.narch, b->u.compare.narch);
		for (size_t k = 0; k < a->u.compare.narch; k++) {
			assert_ptr_equal(a->u.compare.arch[k], b->u.compare.arch[k]);
			assert_int_equal(a->u.compare.fits[k], b->u.compare.fits[k]);
			if (a->u.compare.fits[k])
				same_fields(&a->u.compare.fields[k], &b->u.compare.fields[k]);
			else
				assert_string_equal(a->u.compare.why[k], b->u.compare.why[k]);
		}
		break;
	case STEP_WALK:
		assert_ptr_equal(a->u.walk.setup.arch, b->u.walk.setup.arch);
		assert_int_equal(a->u.walk.setup.cr3, b->u.walk.setup.cr3);
		assert_int_equal(a->u.walk.addr, b->u.walk.addr);
		same_walk(&a->u.walk.walk, &b->u.walk.walk);
		break;
	case STEP_FAULT: {
		const struct step_fault *x = &a->u.fault, *y = &b->u.fault;
		assert_ptr_equal(x->setup.arch, y->setup.arch);
		assert_int_equal(x->setup.cr3, y->setup.cr3);
		assert_int_equal(x->setup.master_cr3, y->setup.master_cr3);
		assert_int_equal(x->addr, y->addr);
		assert_int_equal(x->task_size, y->task_size);
		same_vmas(x->vmas, x->nvmas, y->vmas, y->nvmas);
		same_walk(&x->before, &y->before);
		assert_int_equal(x->error_code, y->error_code);
		assert_int_equal(x->faulted, y->faulted);
		assert_int_equal(x->path, y->path);
		assert_int_equal(x->synced, y->synced);
		if (x->synced) {
			assert_memory_equal(&x->sync, &y->sync, sizeof x->sync);
			same_walk(&x->after, &y->after);
		}
		break;
	}
	case STEP_REPLAY: {
		char *ra = realpath(a->u.replay.trace_path, NULL);
		char *rb = realpath(b->u.replay.trace_path, NULL);
		assert_non_null(ra);
		assert_non_null(rb);
		assert_string_equal(ra, rb);
		free(ra);
		free(rb);
		assert_int_equal(a->u.replay.event, b->u.replay.event);
		assert_int_equal(a->u.replay.seq, b->u.replay.seq);
		assert_int_equal(a->u.replay.cr2, b->u.replay.cr2);
		assert_int_equal(a->u.replay.error_code, b->u.replay.error_code);
		assert_int_equal(a->u.replay.path, b->u.replay.path);
		same_walk(&a->u.replay.walk, &b->u.replay.walk);
		break;
	}
	case STEP_QUIZ:
		same_quiz(a, b, path, i);
		break;
	default:
		break;
	}
}

static void roundtrip(const char *path)
{
	struct diag d = { 0 };
	struct lesson *a = lesson_load(path, &d), *b;
	char *t1, *t2;
	size_t n1, n2;

	if (!a)
		fail_msg("%s: %s:%d:%d: %s", path, d.path, d.line, d.col, d.msg);
	t1 = write_mem(a, &n1);
	b = lesson_load_buffer(path, t1, n1, &d);
	if (!b)
		fail_msg("%s written does not load: %d:%d: %s\n%s", path, d.line, d.col, d.msg, t1);
	same_text(&a->title, &b->title, "title", path, 0);
	same_text(&a->summary, &b->summary, "summary", path, 0);
	assert_ptr_equal(a->arch, b->arch);
	assert_int_equal(a->nsteps, b->nsteps);
	for (size_t i = 0; i < a->nsteps; i++)
		same_step(&a->steps[i], &b->steps[i], path, i);
	t2 = write_mem(b, &n2);
	if (n1 != n2 || memcmp(t1, t2, n1) != 0)
		fail_msg("%s: writing the reloaded lesson gives other bytes", path);
	free(t1);
	free(t2);
	lesson_free(a);
	lesson_free(b);
}

static void roundtrip_glob(const char *pattern, size_t at_least)
{
	glob_t g;
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= at_least);
	for (size_t i = 0; i < g.gl_pathc; i++)
		roundtrip(g.gl_pathv[i]);
	globfree(&g);
}

static void test_good_fixtures(void **state)
{
	(void)state;
	roundtrip_glob("tests/lessons/good/*.yaml", 2);
}

static void test_shipped_lessons(void **state)
{
	(void)state;
	roundtrip_glob("lessons/*.yaml", 9);
}

/* Text with quotes, backslashes, braces and both languages survives. */
static void test_escapes(void **state)
{
	static const char src[] =
		"title: {en: \"a \\\"q\\\" \\\\ b\", ja: \"日本\"}\n"
		"arch: x86-32\n"
		"steps:\n"
		"  - kind: split\n"
		"    addr: 0x1234\n"
		"    text: \"{{x}} is {offset} \\\\n\"\n"
		"  - kind: text\n"
		"    text: \"line1\\n\\nline2 {y} \\\" ' :#\"\n";
	struct diag d = { 0 };
	struct lesson *a = lesson_load_buffer("t.yaml", src, sizeof src - 1, &d), *b;
	char *t;
	size_t n;
	(void)state;
	if (!a)
		fail_msg("%d:%d: %s", d.line, d.col, d.msg);
	assert_string_equal(a->steps[0].body.s[LANG_EN], "{x} is 0x234 \\n");
	t = write_mem(a, &n);
	b = lesson_load_buffer("t.yaml", t, n, &d);
	if (!b)
		fail_msg("%d:%d: %s\n%s", d.line, d.col, d.msg, t);
	assert_string_equal(b->title.s[LANG_EN], "a \"q\" \\ b");
	assert_string_equal(b->title.s[LANG_JA], "日本");
	assert_string_equal(b->steps[0].body.s[LANG_EN], "{x} is 0x234 \\n");
	assert_string_equal(b->steps[1].body.s[LANG_EN], "line1\n\nline2 {y} \" ' :#");
	free(t);
	lesson_free(a);
	lesson_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_fixtures),
		cmocka_unit_test(test_shipped_lessons),
		cmocka_unit_test(test_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
