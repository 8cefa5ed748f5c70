/* SPDX-License-Identifier: GPL-2.0-only */
/* lab.c - the lab session: questions from a lesson and a seed, attempts,
 * score; ids, names, seeds, nonces and times (see lab.h). */
#include "lab_int.h"
#include "util/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
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

bool lab_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > LAB_NAME_MAX || name[0] == ' ' || name[n - 1] == ' ')
		return false;
	return text_is_safe(name, false);
}

bool lab_lesson_name_valid(const char *name)
{
	return name[0] && !strchr(name, '/') && name[0] != '.' && name[0] != '-' &&
	       strlen(name) <= 255 && text_is_safe(name, false);
}

uint64_t lab_session_seed(const char *student, const char *nonce)
{
	uint64_t h = fnv1a(FNV_OFFSET, "pagewalk-lab:", 13);

	h = fnv1a(h, student, strlen(student));
	h = fnv1a(h, ":", 1);
	h = fnv1a(h, nonce, strlen(nonce));
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

int lab_nonce_random(char out[LAB_NONCE_LEN + 1], struct diag *d)
{
	uint64_t v;
	ssize_t n;

	do
		n = getrandom(&v, sizeof v, 0);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof v) {
		diag_set(d, NULL, 0, 0, "lab: no random numbers for the session (getrandom: %s)",
			 n < 0 ? strerror(errno) : "short read");
		return -1;
	}
	snprintf(out, LAB_NONCE_LEN + 1, "%016llx", (unsigned long long)v);
	return 0;
}

bool lab_nonce_valid(const char *s)
{
	size_t n = strlen(s);

	if (n != LAB_NONCE_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

void lab_time_format(int64_t t, char out[LAB_TIME_LEN])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || strftime(out, LAB_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, LAB_TIME_LEN, "1970-01-01T00:00:00Z");
}

/* n decimal digits at *s into *v (advancing *s); -1 when they are not. */
static int digits(const char **s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if ((*s)[i] < '0' || (*s)[i] > '9')
			return -1;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return 0;
}

int lab_time_parse(const char *s, int64_t *t)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct tm tm = { 0 };
	int y, mo, da, h, mi, se = 0, oh = 0, om = 0, sign = 0;
	time_t v;

	if (digits(&s, 4, &y) < 0 || *s++ != '-' || digits(&s, 2, &mo) < 0 || *s++ != '-' ||
	    digits(&s, 2, &da) < 0 || (*s != 'T' && *s != ' '))
		return -1;
	s++;
	if (digits(&s, 2, &h) < 0 || *s++ != ':' || digits(&s, 2, &mi) < 0)
		return -1;
	if (*s == ':' && (s++, digits(&s, 2, &se) < 0))
		return -1;
	if (*s == 'Z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (digits(&s, 2, &oh) < 0 || *s++ != ':' || digits(&s, 2, &om) < 0 ||
		    oh > 23 || om > 59)
			return -1;
	} else {
		return -1;
	}
	if (*s || mo < 1 || mo > 12 || da < 1 || da > mdays[mo - 1] || h > 23 || mi > 59 ||
	    se > 60)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = da;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	v = timegm(&tm);
	if (v == (time_t)-1 || tm.tm_mday != da)   /* 2026-02-29 normalised away */
		return -1;
	*t = (int64_t)v - sign * (oh * 3600 + om * 60);
	return 0;
}

struct lab *lab_new(const struct lesson *l, const char *student, const char *name,
		    uint64_t seed, bool seed_given, const char *nonce, struct diag *d)
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
	lab->session = 1;
	if (!lab_student_valid(student)) {
		diag_set(d, NULL, 0, 0, "bad student id (1-%d characters of A-Z a-z 0-9 . _ -, "
			 "starting with a letter or digit)", LAB_STUDENT_MAX);
		goto fail;
	}
	if (name && name[0] && !lab_name_valid(name)) {
		diag_set(d, NULL, 0, 0, "bad name (1-%d bytes of printable UTF-8, no control "
			 "characters, no space at either end)", LAB_NAME_MAX);
		goto fail;
	}
	if (!lab_lesson_name_valid(l->name)) {
		diag_set(d, l->path, 0, 0, "a lab result names its lesson by its file name, and "
			 "this one cannot be recorded (it starts with '.' or '-'): rename the file");
		goto fail;
	}
	strcpy(lab->student, student);
	snprintf(lab->name, sizeof lab->name, "%s", name ? name : "");
	snprintf(lab->nonce, sizeof lab->nonce, "%s", nonce ? nonce : "");
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
	lab_journal_close(lab->journal);
	free(lab->result_path);
	free(lab->q);
	free(lab);
}

/* Count a graded try on q (nothing recorded here). */
void lab_count_try(struct lab_question *q, const char *typed, bool right, uint64_t ms,
		   const char *at)
{
	struct lab_attempt *a = &q->attempt[q->tries++];

	snprintf(a->answer, sizeof a->answer, "%s", typed);
	a->right = right;
	a->ms = ms;
	snprintf(a->at, sizeof a->at, "%s", at);
	q->right = right;
	q->closed = right || q->tries >= LAB_TRIES;
}

int lab_answer(struct lab *lab, size_t i, const char *typed, uint64_t ms, int64_t now,
	       struct grade *g, struct diag *d)
{
	struct lab_question *q = &lab->q[i];
	char at[LAB_TIME_LEN];

	if (q->closed || q->tries >= LAB_TRIES || lab->handed_in[0]) {
		memset(g, 0, sizeof *g);
		g->result = GRADE_UNPARSED;
		for (int lg = 0; lg < LANG_COUNT; lg++)
			snprintf(g->feedback[lg], sizeof g->feedback[lg], "%s",
				 lg == LANG_JA ? "この問題は終わっています。"
					       : "This question is closed.");
		return 0;
	}
	quiz_grade(&q->qi, typed, g);
	if (g->result != GRADE_RIGHT && g->result != GRADE_WRONG)
		return 0;
	lab_time_format(now, at);
	if (lab->journal && lab_journal_try(lab->journal, i, typed, g->result == GRADE_RIGHT, ms,
					    at, d) < 0)
		return -1;
	lab_count_try(q, typed, g->result == GRADE_RIGHT, ms, at);
	return 0;
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
