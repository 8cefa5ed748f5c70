/* SPDX-License-Identifier: GPL-2.0-only */
/* progress.c - per-lesson progress files, written atomically. */
#include "lesson/progress.h"
#include "util/file.h"
#include "util/file_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/env.h"

#define PROGRESS_MAGIC_V1 "pagewalk-progress 1"
#define PROGRESS_MAGIC_V2 "pagewalk-progress 2"
#define PROGRESS_MAGIC "pagewalk-progress 3"
#define PROGRESS_MAX_FILE 8192

int progress_dir(char *out, size_t len, struct diag *d)
{
	const char *xdg = env_get()->xdg_state_home, *home = env_get()->home;
	int n;

	/* the XDG spec: a relative path is invalid and must be ignored (else
	 * state would land under whatever directory pagewalk runs in) */
	if (xdg && xdg[0] == '/')
		n = snprintf(out, len, "%s/pagewalk", xdg);
	else if (home && home[0] == '/')
		n = snprintf(out, len, "%s/.local/state/pagewalk", home);
	else {
		diag_set(d, NULL, 0, 0, "cannot keep progress: neither XDG_STATE_HOME nor HOME "
			 "is an absolute path");
		return -1;
	}
	if (n < 0 || (size_t)n >= len) {
		diag_set(d, NULL, 0, 0, "cannot keep progress: the state directory path is too long");
		return -1;
	}
	return 0;
}

/* A lesson name usable as a file name: not empty, no '/', not starting
 * with '.', printable ASCII or UTF-8 only. */
static bool name_ok(const char *name)
{
	if (!name[0] || name[0] == '.' || strlen(name) > 200)
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p == '/' || *p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static int file_path(char *out, size_t len, const char *dir, const char *name,
		     const char *suffix, struct diag *d)
{
	int n;

	if (!name_ok(name)) {
		diag_set(d, NULL, 0, 0, "cannot keep progress for a lesson named \"%s\"", name);
		return -1;
	}
	n = snprintf(out, len, "%s/%s.progress%s", dir, name, suffix);
	if (n < 0 || (size_t)n >= len) {
		diag_set(d, NULL, 0, 0, "cannot keep progress: path too long");
		return -1;
	}
	return 0;
}

/* Parse "KEY VALUE" with VALUE a decimal below 100000; returns 0 or -1. */
static int parse_num(const char *line, const char *key, unsigned *out)
{
	size_t k = strlen(key);
	char *end;
	unsigned long v;

	if (strncmp(line, key, k) != 0 || line[k] != ' ' || line[k + 1] < '0' || line[k + 1] > '9')
		return -1;
	errno = 0;
	v = strtoul(line + k + 1, &end, 10);
	if (errno || *end || v > 100000)
		return -1;
	*out = (unsigned)v;
	return 0;
}

struct progress_quiz *progress_quiz_of(struct progress *p, unsigned step)
{
	for (size_t i = 0; i < p->nquiz; i++)
		if (p->quiz[i].step == step)
			return &p->quiz[i];
	if (p->nquiz == PROGRESS_QUIZZES)
		return NULL;
	memset(&p->quiz[p->nquiz], 0, sizeof p->quiz[0]);
	p->quiz[p->nquiz].step = step;
	return &p->quiz[p->nquiz++];
}

void progress_quiz_wrong(struct progress_quiz *q)
{
	if (q->tries < 1000)
		q->tries++;
}

void progress_quiz_end(struct progress_quiz *q, enum quiz_result r)
{
	q->result = r;
	if (q->first == QUIZ_OPEN && r != QUIZ_OPEN) {
		q->first = r;
		q->first_tries = q->tries;
	}
}

void progress_quiz_retry(struct progress_quiz *q)
{
	if (q->first == QUIZ_OPEN && (q->result != QUIZ_OPEN || q->tries || q->hints)) {
		q->first = q->result == QUIZ_OPEN ? QUIZ_SHOWN : q->result;
		q->first_tries = q->tries;
	}
	q->tries = q->hints = 0;
	q->result = QUIZ_OPEN;
	if (q->attempt < 1000)
		q->attempt++;
}

bool progress_quiz_first_right(const struct progress_quiz *q)
{
	return q->first == QUIZ_RIGHT && q->first_tries == 0;
}

void progress_score(const struct progress *p, struct progress_score *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < p->nquiz; i++) {
		const struct progress_quiz *q = &p->quiz[i];
		out->answered += q->first != QUIZ_OPEN;
		out->first_right += progress_quiz_first_right(q);
		out->retried += q->attempt > 0;
	}
}

static const char *const result_words[] = { "open", "right", "shown" };

static size_t p_words(void)
{
	return sizeof result_words / sizeof result_words[0];
}

/* A result word's index, or -1. */
static int result_of(const char *word)
{
	for (size_t i = 0; i < p_words(); i++)
		if (strcmp(word, result_words[i]) == 0)
			return (int)i;
	return -1;
}

/* A line after the first four: "seed N", "predict yes" (version 3), or
 * "quiz STEP TRIES HINTS RESULT" with, in version 3, "ATTEMPT FIRST
 * FIRST_TRIES" after it. Returns 0, or -1 when it is none of them. */
static int parse_extra(const char *line, struct progress *out, int version)
{
	unsigned long long seed;
	unsigned step, tries, hints, attempt = 0, ftries = 0;
	char word[8], fword[8] = "", tail;
	struct progress_quiz *q;
	int r, f, n;

	if (sscanf(line, "seed %llu%c", &seed, &tail) == 1 && !out->have_seed) {
		out->have_seed = true;
		out->seed = seed;
		return 0;
	}
	if (version >= 3 && strcmp(line, "predict yes") == 0 && !out->predict) {
		out->predict = true;
		return 0;
	}
	n = sscanf(line, "quiz %u %u %u %7s %u %7s %u%c", &step, &tries, &hints, word, &attempt,
		   fword, &ftries, &tail);
	if (n != (version >= 3 ? 7 : 4) || step < 1 || step > 100000 || tries > 1000 ||
	    hints > 1000 || attempt > 1000 || ftries > 1000 || (r = result_of(word)) < 0)
		return -1;
	f = version >= 3 ? result_of(fword) : r;
	if (f < 0 || out->nquiz == PROGRESS_QUIZZES)
		return -1;
	for (size_t k = 0; k < out->nquiz; k++)
		if (out->quiz[k].step == step)
			return -1;   /* twice */
	q = progress_quiz_of(out, step);
	q->tries = tries;
	q->hints = hints;
	q->result = (enum quiz_result)r;
	q->attempt = attempt;
	q->first = (enum quiz_result)f;
	q->first_tries = version >= 3 ? ftries : tries;
	return 0;
}

enum progress_status progress_load(const char *dir, const char *name,
				   struct progress *out, struct diag *d)
{
	char path[1024], *buf, *line, *save = NULL;
	size_t n;
	int lineno = 0;
	unsigned done = 2;
	int version = 3;

	memset(out, 0, sizeof *out);
	if (file_path(path, sizeof path, dir, name, "", d) < 0)
		return PROGRESS_CORRUPT;
	buf = file_read_regular(path, PROGRESS_MAX_FILE, &n, d);
	if (!buf) {
		if (errno == ENOENT)
			return PROGRESS_NONE;
		if (errno == EFBIG)
			diag_set(d, path, 0, 0, "progress file is too large; ignoring it");
		return PROGRESS_CORRUPT;
	}
	if (memchr(buf, '\0', n)) {
		diag_set(d, path, 1, 0, "progress file holds binary data; ignoring it");
		goto fail;
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (lineno == 1 && strcmp(line, PROGRESS_MAGIC_V1) == 0) {
			version = 1;
			continue;
		}
		if (lineno == 1 && strcmp(line, PROGRESS_MAGIC_V2) == 0) {
			version = 2;
			continue;
		}
		if (lineno == 1 ? strcmp(line, PROGRESS_MAGIC) != 0 :
		    lineno == 2 ? parse_num(line, "step", &out->step) < 0 :
		    lineno == 3 ? parse_num(line, "steps", &out->nsteps) < 0 :
		    lineno == 4 ? (strcmp(line, "done yes") == 0 ? (done = 1, 0) :
				   strcmp(line, "done no") == 0 ? (done = 0, 0) : -1) :
		    version < 2 ? -1 : parse_extra(line, out, version)) {
			diag_set(d, path, lineno, 0, "%s; ignoring the file",
				 lineno > 4 && version < 2 ? "unexpected extra line in progress file" :
				 lineno == 1 ? "not a pagewalk progress file" :
				 "unreadable line in progress file");
			goto fail;
		}
	}
	if (lineno < 4 || out->step < 1 || out->nsteps < 1 || out->step > out->nsteps) {
		diag_set(d, path, lineno ? lineno : 1, 0,
			 "%s; ignoring the file", lineno < 4 ? "progress file is cut short"
			 : "step number out of range in progress file");
		goto fail;
	}
	out->done = done == 1;
	free(buf);
	return PROGRESS_OK;
fail:
	memset(out, 0, sizeof *out);
	free(buf);
	return PROGRESS_CORRUPT;
}

/* mkdir -p for path (mode 0700 for what it creates). */
static int make_dirs(const char *path, struct diag *d)
{
	char buf[1024];
	size_t len = strlen(path);

	if (len >= sizeof buf) {
		diag_set(d, path, 0, 0, "cannot keep progress: path too long");
		return -1;
	}
	memcpy(buf, path, len + 1);
	for (size_t i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0700) < 0 && errno != EEXIST) {
			diag_set(d, buf, 0, 0, "cannot create the progress directory: %s",
				 strerror(errno));
			return -1;
		}
		buf[i] = path[i];
	}
	return 0;
}

int progress_save(const char *dir, const char *name, const struct progress *p,
		  struct diag *d)
{
	char path[1024], body[PROGRESS_MAX_FILE];
	struct diag wd;
	int n;

	if (file_path(path, sizeof path, dir, name, "", d) < 0 || make_dirs(dir, d) < 0)
		return -1;
	n = snprintf(body, sizeof body, PROGRESS_MAGIC "\nstep %u\nsteps %u\ndone %s\n",
		     p->step, p->nsteps, p->done ? "yes" : "no");
	if (p->have_seed)
		n += snprintf(body + n, sizeof body - (size_t)n, "seed %llu\n",
			      (unsigned long long)p->seed);
	if (p->predict)
		n += snprintf(body + n, sizeof body - (size_t)n, "predict yes\n");
	for (size_t i = 0; i < p->nquiz && i < PROGRESS_QUIZZES; i++)
		n += snprintf(body + n, sizeof body - (size_t)n, "quiz %u %u %u %s %u %s %u\n",
			      p->quiz[i].step, p->quiz[i].tries, p->quiz[i].hints,
			      result_words[p->quiz[i].result], p->quiz[i].attempt,
			      result_words[p->quiz[i].first], p->quiz[i].first_tries);
	if (file_write_bytes(path, FILE_REPLACE, 0600, body, (size_t)n, &wd) < 0) {
		diag_set(d, path, 0, 0, "cannot save progress: %s", wd.msg);
		return -1;
	}
	return 0;
}
