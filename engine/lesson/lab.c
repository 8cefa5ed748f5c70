/* SPDX-License-Identifier: GPL-2.0-only */
/* lab.c - the lab session: questions from a lesson and a seed, attempts,
 * score (see lab.h). */
#include "lesson/lab.h"
#include "util/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * FNV_PRIME;
	return h;
}

bool lab_student_valid(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > LAB_STUDENT_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return false;
	}
	return true;
}

uint64_t lab_default_seed(const char *student)
{
	uint64_t h = fnv1a(FNV_OFFSET, "pagewalk-lab:", 13);

	h = fnv1a(h, student, strlen(student));
	return (h ^ (h >> 32)) & 0xffffffffULL;
}

uint64_t lab_question_seed(uint64_t seed, size_t step)
{
	uint64_t st = seed ^ ((uint64_t)step * 0x9e3779b97f4a7c15ULL);

	return quiz_rand(&st);
}

int lab_file_hash(const char *path, char out[32], struct diag *d)
{
	unsigned char buf[8192];
	uint64_t h = FNV_OFFSET;
	int fd = file_open_regular(path, NULL, d);

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_set(d, path, 0, 0, "cannot read: %s", strerror(errno));
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		h = fnv1a(h, buf, (size_t)r);
	}
	close(fd);
	snprintf(out, 32, "fnv1a64:%016llx", (unsigned long long)h);
	return 0;
}

struct lab *lab_new(const struct lesson *l, const char *student, uint64_t seed,
		    bool seed_given, struct diag *d)
{
	struct lab *lab = calloc(1, sizeof *lab);
	size_t n = 0;

	if (!lab) {
		diag_set(d, l->path, 0, 0, "out of memory");
		return NULL;
	}
	lab->lesson = l;
	lab->seed = seed;
	lab->seed_given = seed_given;
	if (!lab_student_valid(student)) {
		diag_set(d, NULL, 0, 0, "bad student id (1-%d characters of A-Z a-z 0-9 . _ -, "
			 "starting with a letter or digit)", LAB_STUDENT_MAX);
		goto fail;
	}
	strcpy(lab->student, student);
	if (lab_file_hash(l->path, lab->lesson_hash, d) < 0)
		goto fail;
	for (size_t i = 0; i < l->nsteps; i++)
		n += l->steps[i].kind == STEP_QUIZ;
	if (n == 0) {
		diag_set(d, l->path, 0, 0, "the lesson has no quiz steps: nothing to test");
		goto fail;
	}
	lab->q = calloc(n, sizeof *lab->q);
	if (!lab->q) {
		diag_set(d, l->path, 0, 0, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < l->nsteps; i++) {
		struct lab_question *q = &lab->q[lab->nq];
		if (l->steps[i].kind != STEP_QUIZ)
			continue;
		if (quiz_instance(&l->steps[i], lab_question_seed(seed, i), &q->qi, d) < 0)
			goto fail;
		q->step = i;
		lab->nq++;
	}
	return lab;
fail:
	lab_free(lab);
	return NULL;
}

void lab_free(struct lab *lab)
{
	if (!lab)
		return;
	for (size_t i = 0; i < lab->nq; i++)
		quiz_instance_clear(&lab->q[i].qi);
	free(lab->q);
	free(lab);
}

enum grade_result lab_answer(struct lab *lab, size_t i, const char *typed, uint64_t ms,
			     struct grade *g)
{
	struct lab_question *q = &lab->q[i];
	struct lab_attempt *a;

	if (q->closed || q->tries >= LAB_TRIES) {
		memset(g, 0, sizeof *g);
		g->result = GRADE_UNPARSED;
		for (int lg = 0; lg < LANG_COUNT; lg++)
			snprintf(g->feedback[lg], sizeof g->feedback[lg], "%s",
				 lg == LANG_JA ? "この問題は終わっています。"
					       : "This question is closed.");
		return GRADE_UNPARSED;
	}
	quiz_grade(&q->qi, typed, g);
	if (g->result == GRADE_UNPARSED)
		return GRADE_UNPARSED;
	a = &q->attempt[q->tries++];
	snprintf(a->answer, sizeof a->answer, "%s", typed);
	a->right = g->result == GRADE_RIGHT;
	a->ms = ms;
	q->right = a->right;
	q->closed = a->right || q->tries >= LAB_TRIES;
	return g->result;
}

size_t lab_score(const struct lab *lab)
{
	size_t n = 0;

	for (size_t i = 0; i < lab->nq; i++)
		n += lab->q[i].right;
	return n;
}

size_t lab_closed(const struct lab *lab)
{
	size_t n = 0;

	for (size_t i = 0; i < lab->nq; i++)
		n += lab->q[i].closed;
	return n;
}
