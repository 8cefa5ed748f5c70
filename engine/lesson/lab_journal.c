/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_journal.c - the lab's journal: every try recorded as it is made, an
 * interrupted lab resumed from it, a retake kept beside the first sitting
 * (see lab.h; the records are in docs/lab-format.md).
 *
 * DIR/ID.journal holds one JSON object a line:
 *
 *   {"journal": "pagewalk-lab-journal", "version": 1, "event": "start",
 *    "session": 1, ...the session's student, name, lesson, seed, nonce...}
 *   {"event": "try", "session": 1, "question": 3, "answer": "7",
 *    "right": false, "ms": 5230, "at": "2026-11-30T15:31:02Z"}
 *   {"event": "resume", "session": 1, "at": ...}
 *   {"event": "hand-in", "session": 1, "score": 2, "at": ...}
 *
 * A record is one write() of a whole line to a file opened O_APPEND, then
 * fsync(): a try the screen has counted is on the disk. A write that fails
 * half-way is cut off again (ftruncate to the size before it); a record a
 * crash cut short (no newline at the end) is left out when read and cut
 * off when the lab resumes. The journal is flock'ed while a lab runs, so
 * two terminals cannot play the same student's lab at once.
 */
#include "lab_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "util/file_write.h"

struct lab_journal {
	int fd;
	char *path;
	unsigned session;
};

/* ---- writing ---- */

/* Append the len bytes of one record and sync; on a failed write, cut the
 * file back to where it was. 0, or -1 with d. */
static int append(struct lab_journal *j, const char *rec, size_t len, struct diag *d)
{
	struct stat st;
	size_t done = 0;
	int e;

	if (fstat(j->fd, &st) < 0) {
		e = errno;
		goto fail;
	}
	while (done < len) {
		ssize_t n = write(j->fd, rec + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			if (ftruncate(j->fd, st.st_size) != 0) { /* a torn record: read back as such */ }
			goto fail;
		}
		done += (size_t)n;
	}
	if (fsync(j->fd) != 0) {
		e = errno;
		goto fail;
	}
	return 0;
fail:
	diag_set(d, j->path, 0, 0, "cannot record in the journal: %s", strerror(e));
	return -1;
}

/* A record being built in memory. */
struct rec {
	char *buf;
	size_t len;
	FILE *f;
};

/* Start the record {"event": EVENT, "session": N (start records begin
 * with the journal's name and version first). 0, or -1 with d. */
static int rec_begin(struct rec *r, const struct lab_journal *j, const char *event,
		     struct diag *d)
{
	r->buf = NULL;
	r->len = 0;
	r->f = open_memstream(&r->buf, &r->len);
	if (!r->f) {
		diag_set(d, j->path, 0, 0, "out of memory");
		return -1;
	}
	fputc('{', r->f);
	if (strcmp(event, "start") == 0)
		fprintf(r->f, "\"journal\": \"%s\", \"version\": 1, ", LAB_JOURNAL_FORMAT);
	fprintf(r->f, "\"event\": \"%s\", \"session\": %u", event, j->session);
	return 0;
}

/* `, "key": "value"` with value JSON-escaped. */
static void rec_str(struct rec *r, const char *key, const char *v)
{
	fprintf(r->f, ", \"%s\": ", key);
	json_put_string(r->f, v);
}

/* Close the record and append it (one line). 0, or -1 with d. */
static int rec_end(struct rec *r, struct lab_journal *j, struct diag *d)
{
	int rc = -1;

	fputs("}\n", r->f);
	if (fclose(r->f) != 0 || !r->buf)
		diag_set(d, j->path, 0, 0, "out of memory");
	else
		rc = append(j, r->buf, r->len, d);
	free(r->buf);
	return rc;
}

static int record_start(struct lab_journal *j, const struct lab *lab, const char *version,
			struct diag *d)
{
	struct rec r;

	if (rec_begin(&r, j, "start", d) < 0)
		return -1;
	rec_str(&r, "pagewalk", version);
	rec_str(&r, "student", lab->student);
	rec_str(&r, "name", lab->name);
	rec_str(&r, "lesson", lab->lesson->name);
	rec_str(&r, "lesson_hash", lab->lesson_hash);
	fprintf(r.f, ", \"seed\": %llu, \"seed_given\": %s", (unsigned long long)lab->seed,
		lab->seed_given ? "true" : "false");
	rec_str(&r, "nonce", lab->nonce);
	rec_str(&r, "at", lab->started);
	return rec_end(&r, j, d);
}

int lab_journal_try(struct lab_journal *j, size_t i, const char *typed, bool right,
		    uint64_t ms, const char *at, struct diag *d)
{
	struct rec r;

	if (rec_begin(&r, j, "try", d) < 0)
		return -1;
	fprintf(r.f, ", \"question\": %zu", i + 1);
	rec_str(&r, "answer", typed);
	fprintf(r.f, ", \"right\": %s, \"ms\": %llu", right ? "true" : "false",
		(unsigned long long)ms);
	rec_str(&r, "at", at);
	return rec_end(&r, j, d);
}

/* A resume (at now) or a hand-in record (score, at now). */
static int record_event(struct lab_journal *j, const char *event, const struct lab *lab,
			const char *at, struct diag *d)
{
	struct rec r;

	if (rec_begin(&r, j, event, d) < 0)
		return -1;
	if (strcmp(event, "hand-in") == 0)
		fprintf(r.f, ", \"score\": %zu", lab_score(lab));
	rec_str(&r, "at", at);
	return rec_end(&r, j, d);
}

void lab_journal_close(struct lab_journal *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);     /* also drops the lock */
	free(j->path);
	free(j);
}

/* ---- reading ---- */

static const char *const start_keys[] = {
	"journal", "version", "event", "session", "pagewalk", "student", "name", "lesson",
	"lesson_hash", "seed", "seed_given", "nonce", "at", NULL
};
static const char *const try_keys[] = {
	"event", "session", "question", "answer", "right", "ms", "at", NULL
};
static const char *const resume_keys[] = { "event", "session", "at", NULL };
static const char *const handin_keys[] = { "event", "session", "score", "at", NULL };

static int read_start(struct lab_rd *rd, const struct json *o, struct lab_jsession *s)
{
	char *fmt = NULL;
	uint64_t v;
	int rc = -1;

	if (lab_rd_keys(rd, o, start_keys, "a start record") < 0 ||
	    lab_rd_str(rd, o, "journal", 64, false, &fmt) < 0)
		return -1;
	if (strcmp(fmt, LAB_JOURNAL_FORMAT) != 0) {
		lab_rd_bad(rd, json_get(o, "journal"), "not a lab journal");
		goto out;
	}
	if (lab_rd_u64(rd, o, "version", UINT64_MAX, &v) < 0)
		goto out;
	if (v != 1) {
		lab_rd_bad(rd, json_get(o, "version"), "journal version %llu is not supported "
			   "(this pagewalk reads 1)", (unsigned long long)v);
		goto out;
	}
	if (lab_rd_str(rd, o, "pagewalk", 64, false, &s->version) < 0 ||
	    lab_rd_str(rd, o, "student", 256, false, &s->student) < 0 ||
	    lab_rd_str(rd, o, "name", 256, false, &s->name) < 0 ||
	    lab_rd_str(rd, o, "lesson", 256, false, &s->lesson) < 0 ||
	    lab_rd_str(rd, o, "lesson_hash", 64, false, &s->lesson_hash) < 0 ||
	    lab_rd_u64(rd, o, "seed", UINT64_MAX, &s->seed) < 0 ||
	    lab_rd_bool(rd, o, "seed_given", &s->seed_given) < 0 ||
	    lab_rd_str(rd, o, "nonce", 64, false, &s->nonce) < 0 ||
	    lab_rd_time(rd, o, "at", s->started) < 0)
		goto out;
	if (!lab_student_valid(s->student))
		lab_rd_bad(rd, json_get(o, "student"), "bad student id");
	else if (s->name[0] && !lab_name_valid(s->name))
		lab_rd_bad(rd, json_get(o, "name"), "bad name");
	else if (!lab_lesson_name_valid(s->lesson))
		lab_rd_bad(rd, json_get(o, "lesson"), "\"lesson\" must be a lesson name, not a path");
	else if (!lab_nonce_valid(s->nonce))
		lab_rd_bad(rd, json_get(o, "nonce"), "\"nonce\" must be %d hex digits",
			   LAB_NONCE_LEN);
	else
		rc = 0;
out:
	free(fmt);
	return rc;
}

static int read_try(struct lab_rd *rd, const struct json *o, struct lab_jsession *s)
{
	struct lab_jtry *t, *more;

	if (s->ntries == (size_t)LESSON_MAX_STEPS * LAB_TRIES)
		return lab_rd_bad(rd, o, "more tries than any lab allows");
	more = realloc(s->tries, (s->ntries + 1) * sizeof *more);
	if (!more)
		return lab_rd_bad(rd, o, "out of memory");
	s->tries = more;
	t = &s->tries[s->ntries];
	memset(t, 0, sizeof *t);
	t->line = o->line;
	if (lab_rd_keys(rd, o, try_keys, "a try record") < 0 ||
	    lab_rd_u64(rd, o, "question", LESSON_MAX_STEPS, &t->question) < 0 ||
	    lab_rd_str(rd, o, "answer", LAB_ANSWER_MAX, false, &t->answer) < 0) {
		free(t->answer);
		return -1;
	}
	s->ntries++;          /* from here t->answer is freed with the session */
	if (lab_rd_bool(rd, o, "right", &t->right) < 0 ||
	    lab_rd_u64(rd, o, "ms", UINT64_MAX, &t->ms) < 0 || lab_rd_time(rd, o, "at", t->at) < 0)
		return -1;
	if (t->question == 0)
		return lab_rd_bad(rd, json_get(o, "question"), "\"question\" counts from 1");
	return 0;
}

/* One record (the object o) into jf. */
static int read_record(struct lab_rd *rd, const struct json *o, struct lab_jfile *jf)
{
	const struct json *ev;
	struct lab_jsession *s = jf->ns ? &jf->s[jf->ns - 1] : NULL;
	uint64_t session;
	char at[LAB_TIME_LEN];

	if (o->type != JSON_OBJECT)
		return lab_rd_bad(rd, o, "a journal record must be a JSON object");
	if (!(ev = lab_rd_member(rd, o, "event", JSON_STRING)) ||
	    lab_rd_u64(rd, o, "session", LAB_SESSIONS_MAX, &session) < 0)
		return -1;
	if (strcmp(ev->s, "start") == 0) {
		struct lab_jsession *more;
		if (session != jf->ns + 1)
			return lab_rd_bad(rd, json_get(o, "session"), "session %llu starts after "
					  "session %zu (sessions count from 1, one after another)",
					  (unsigned long long)session, jf->ns);
		more = realloc(jf->s, (jf->ns + 1) * sizeof *more);
		if (!more)
			return lab_rd_bad(rd, o, "out of memory");
		jf->s = more;
		s = &jf->s[jf->ns++];
		memset(s, 0, sizeof *s);
		s->session = (unsigned)session;
		s->line = o->line;
		return read_start(rd, o, s);
	}
	if (!s)
		return lab_rd_bad(rd, o, "a journal starts with a start record");
	if (session != s->session)
		return lab_rd_bad(rd, json_get(o, "session"), "a record of session %llu inside "
				  "session %u", (unsigned long long)session, s->session);
	if (s->handed_in)
		return lab_rd_bad(rd, o, "a record after the session's hand-in");
	if (strcmp(ev->s, "try") == 0)
		return read_try(rd, o, s);
	if (strcmp(ev->s, "resume") == 0) {
		if (lab_rd_keys(rd, o, resume_keys, "a resume record") < 0 ||
		    lab_rd_time(rd, o, "at", at) < 0)
			return -1;
		s->resumed++;
		return 0;
	}
	if (strcmp(ev->s, "hand-in") == 0) {
		if (lab_rd_keys(rd, o, handin_keys, "a hand-in record") < 0 ||
		    lab_rd_u64(rd, o, "score", LESSON_MAX_STEPS, &s->score) < 0 ||
		    lab_rd_time(rd, o, "at", s->handed_in_at) < 0)
			return -1;
		s->handed_in = true;
		return 0;
	}
	return lab_rd_bad(rd, ev, "unknown event (start, try, resume or hand-in)");
}

struct lab_jfile *lab_journal_load_buffer(const char *path, const char *buf, size_t len,
					  struct diag *d)
{
	struct lab_rd rd = { .path = path, .d = d };
	struct lab_jfile *jf = calloc(1, sizeof *jf);
	size_t at = 0;
	int line = 1;

	if (!jf || !(jf->path = strdup(path))) {
		diag_set(d, path, 0, 0, "out of memory");
		goto fail;
	}
	if (len > LAB_JOURNAL_MAX) {
		diag_set(d, path, 0, 0, "file too large (%zu bytes, at most %u)", len,
			 LAB_JOURNAL_MAX);
		goto fail;
	}
	while (at < len) {
		const char *nl = memchr(buf + at, '\n', len - at);
		struct json *o;
		int rc;
		if (!nl) {
			jf->torn = true;      /* cut short by a crash: not a record */
			break;
		}
		o = json_parse_at(path, buf + at, (size_t)(nl - (buf + at)), line, d);
		if (!o)
			goto fail;
		rc = read_record(&rd, o, jf);
		json_free(o);
		if (rc < 0)
			goto fail;
		at = (size_t)(nl - buf) + 1;
		jf->good_len = at;
		line++;
	}
	if (jf->ns == 0) {
		diag_set(d, path, 1, 1, "an empty journal (no start record)");
		goto fail;
	}
	return jf;
fail:
	lab_jfile_free(jf);
	return NULL;
}

struct lab_jfile *lab_journal_load(const char *path, struct diag *d)
{
	size_t len;
	char *buf = file_read_regular(path, LAB_JOURNAL_MAX, &len, d);
	struct lab_jfile *jf;

	if (!buf)
		return NULL;
	jf = lab_journal_load_buffer(path, buf, len, d);
	free(buf);
	return jf;
}

void lab_jfile_free(struct lab_jfile *jf)
{
	if (!jf)
		return;
	for (size_t i = 0; i < jf->ns; i++) {
		struct lab_jsession *s = &jf->s[i];
		for (size_t t = 0; t < s->ntries; t++)
			free(s->tries[t].answer);
		free(s->tries);
		free(s->version);
		free(s->student);
		free(s->name);
		free(s->lesson);
		free(s->lesson_hash);
		free(s->nonce);
	}
	free(jf->s);
	free(jf->path);
	free(jf);
}

/* ---- a session rebuilt ---- */

struct lab *lab_of_session(const struct lesson *l, const struct lab_jsession *s,
			   const char *path, struct diag *d)
{
	struct lab *lab = lab_new(l, s->student, s->name, s->seed, s->seed_given, s->nonce, d);

	if (!lab)
		return NULL;
	lab->session = s->session;
	lab->resumed = s->resumed;
	memcpy(lab->started, s->started, sizeof lab->started);
	if (s->handed_in)
		memcpy(lab->handed_in, s->handed_in_at, sizeof lab->handed_in);
	for (size_t i = 0; i < s->ntries; i++) {
		const struct lab_jtry *t = &s->tries[i];
		struct lab_question *q = t->question <= lab->nq ? &lab->q[t->question - 1] : NULL;
		struct grade g;
		if (!q || q->closed) {
			diag_set(d, path, t->line, 1, "a try at question %llu, which %s",
				 (unsigned long long)t->question, q ? "was already closed"
				 : "the lesson does not have");
			goto fail;
		}
		quiz_grade(&q->qi, t->answer, &g);
		if ((g.result != GRADE_RIGHT && g.result != GRADE_WRONG) ||
		    (g.result == GRADE_RIGHT) != t->right) {
			diag_set(d, path, t->line, 1, "the try \"%s\" at question %llu is recorded as "
				 "%s; the engine grades it %s", t->answer,
				 (unsigned long long)t->question, t->right ? "right" : "wrong",
				 g.result == GRADE_RIGHT ? "right" : g.result == GRADE_WRONG ?
				 "wrong" : "unreadable");
			goto fail;
		}
		lab_count_try(q, t->answer, t->right, t->ms, t->at);
		if (t->ms > q->ms)
			q->ms = t->ms;
	}
	return lab;
fail:
	lab_free(lab);
	return NULL;
}

/* ---- lab_open ---- */

/* "DIR/ID.EXT" into a malloc'd string. */
static char *path_in(const char *dir, const char *id, const char *ext)
{
	size_t n = strlen(dir) + strlen(id) + strlen(ext) + 3;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s.%s", dir, id, ext);
	return p;
}

/* Open (or with create, create) the journal at path for appending, and
 * lock it. The descriptor, -2 when it does not exist (and !create), or -1
 * with d. */
static int journal_fd(const char *path, bool create, struct diag *d)
{
	int fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
		      (create ? O_CREAT | O_EXCL : 0), 0644);
	struct stat st;
	int e;

	if (fd < 0 && errno == ENOENT && !create)
		return -2;
	if (fd < 0) {
		e = errno;
		diag_set(d, path, 0, 0, "%s", e == ELOOP ? "is a symbolic link; not using it"
			 : e == EEXIST ? "appeared meanwhile (another lab?); run the lab again"
			 : strerror(e));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		diag_set(d, path, 0, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if (fcntl(fd, F_SETFL, O_RDWR | O_APPEND) < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
		e = errno;
		diag_set(d, path, 0, 0, "%s", e == EWOULDBLOCK ? "another pagewalk lab is running "
			 "for this student (the journal is locked)" : strerror(e));
		close(fd);
		return -1;
	}
	return fd;
}

/* fsync the directory of a new file, so its name survives a crash. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Whether the result at path exists: 1, 0 when not, -1 with d when it is
 * not a regular file. */
static int result_exists(const char *path, struct diag *d)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return 0;
	if (!S_ISREG(st.st_mode)) {
		diag_set(d, path, 0, 0, "exists and is not a regular file; not writing it");
		return -1;
	}
	return 1;
}

/* The checks before a session is resumed from the journal. */
static int resume_check(const struct lesson *l, const char *hash, const struct lab_jsession *s,
			const struct lab_open_args *a, const char *jpath, struct diag *d)
{
	if (strcmp(s->student, a->student) != 0) {
		diag_set(d, jpath, s->line, 1, "the journal is student %s's, not %s's", s->student,
			 a->student);
		return -1;
	}
	if (strcmp(s->lesson, l->name) != 0) {
		diag_set(d, jpath, s->line, 1, "the lab in progress is lesson %s, not %s: finish "
			 "it, or start over with --force (a retake)", s->lesson, l->name);
		return -1;
	}
	if (strcmp(s->lesson_hash, hash) != 0) {
		diag_set(d, jpath, s->line, 1, "the lesson file changed since this lab started "
			 "(%s, now %s): finish it with the same file, or start over with --force",
			 s->lesson_hash, hash);
		return -1;
	}
	if (a->seed_given && (!s->seed_given || s->seed != a->seed)) {
		diag_set(d, jpath, s->line, 1, "the lab in progress has seed %llu%s: resume it "
			 "without --seed, or start over with --force", (unsigned long long)s->seed,
			 s->seed_given ? "" : " (from the session)");
		return -1;
	}
	return 0;
}

/* A new session (number session) for a in jpath's journal (fd, -2 when it
 * is to be created). */
static struct lab *session_new(const struct lesson *l, const struct lab_open_args *a,
			       const char *name, unsigned session, int fd, const char *jpath,
			       struct diag *d)
{
	uint64_t seed = a->seed_given ? a->seed : lab_session_seed(a->student, a->nonce);
	struct lab *lab;
	bool created = false;

	if (!lab_nonce_valid(a->nonce)) {
		diag_set(d, NULL, 0, 0, "lab: internal: a session needs a nonce");
		return NULL;
	}
	lab = lab_new(l, a->student, name, seed, a->seed_given, a->nonce, d);
	if (!lab)
		return NULL;
	lab->session = session;
	lab_time_format(a->now, lab->started);
	if (fd == -2) {
		fd = journal_fd(jpath, true, d);
		if (fd < 0)
			goto fail;
		created = true;
	}
	lab->journal = calloc(1, sizeof *lab->journal);
	if (!lab->journal || !(lab->journal->path = strdup(jpath))) {
		if (lab->journal)
			lab->journal->fd = fd;
		else
			close(fd);
		diag_set(d, jpath, 0, 0, "out of memory");
		goto fail;
	}
	lab->journal->fd = fd;
	lab->journal->session = session;
	if (record_start(lab->journal, lab, a->version, d) < 0)
		goto fail;
	if (created)
		sync_dir(a->dir);
	return lab;
fail:
	if (created)
		unlink(jpath);
	lab_free(lab);
	return NULL;
}

/* Resume session s (the journal's last, not handed in) at fd. */
static struct lab *session_resume(const struct lesson *l, const struct lab_open_args *a,
				  const struct lab_jfile *jf, const struct lab_jsession *s, int fd,
				  struct diag *d)
{
	struct lab *lab = lab_of_session(l, s, jf->path, d);
	char at[LAB_TIME_LEN];

	if (!lab) {
		close(fd);
		return NULL;
	}
	if (jf->torn && ftruncate(fd, (off_t)jf->good_len) != 0) {
		diag_set(d, jf->path, 0, 0, "cannot cut off a record cut short: %s",
			 strerror(errno));
		close(fd);
		goto fail;
	}
	lab->journal = calloc(1, sizeof *lab->journal);
	if (!lab->journal || !(lab->journal->path = strdup(jf->path))) {
		if (lab->journal)
			lab->journal->fd = fd;
		else
			close(fd);
		diag_set(d, jf->path, 0, 0, "out of memory");
		goto fail;
	}
	lab->journal->fd = fd;
	lab->journal->session = s->session;
	lab->resumed++;
	lab_time_format(a->now, at);
	if (record_event(lab->journal, "resume", lab, at, d) < 0)
		goto fail;
	return lab;
fail:
	lab_free(lab);
	return NULL;
}

struct lab *lab_open(const struct lesson *l, const struct lab_open_args *a,
		     enum lab_how *how, struct diag *d)
{
	char *jpath = path_in(a->dir, a->student, "journal");
	char *rpath = path_in(a->dir, a->student, "json");
	char hash[32], *buf = NULL;
	struct lab_jfile *jf = NULL;
	const struct lab_jsession *last;
	struct lab *lab = NULL;
	size_t len;
	int fd, ex;

	if (!jpath || !rpath) {
		diag_set(d, NULL, 0, 0, "out of memory");
		goto out;
	}
	if (!lab_student_valid(a->student)) {
		diag_set(d, NULL, 0, 0, "bad student id");
		goto out;
	}
	if ((ex = result_exists(rpath, d)) < 0 || lab_file_hash(l->path, hash, d) < 0)
		goto out;
	fd = journal_fd(jpath, false, d);
	if (fd == -1)
		goto out;
	if (fd == -2) {
		if (ex && !a->force) {
			diag_set(d, rpath, 0, 0, "exists: the lab was handed in (a retake needs "
				 "--force)");
			goto out;
		}
		*how = LAB_NEW;
		lab = session_new(l, a, a->name, 1, -2, jpath, d);
		goto out;
	}
	buf = file_read_fd(fd, jpath, LAB_JOURNAL_MAX, true, &len, d);
	if (!buf || !(jf = lab_journal_load_buffer(jpath, buf, len, d))) {
		close(fd);
		goto out;
	}
	last = &jf->s[jf->ns - 1];
	if (a->force) {
		if (jf->ns >= LAB_SESSIONS_MAX) {
			diag_set(d, jpath, 0, 0, "%d sessions already: no more retakes",
				 LAB_SESSIONS_MAX);
			close(fd);
			goto out;
		}
		if (jf->torn && ftruncate(fd, (off_t)jf->good_len) != 0) { /* read back as torn */ }
		*how = LAB_RETAKE;
		lab = session_new(l, a, a->name && a->name[0] ? a->name : last->name,
				  last->session + 1, fd, jpath, d);
		goto out;
	}
	if (!last->handed_in) {
		if (resume_check(l, hash, last, a, jpath, d) < 0) {
			close(fd);
			goto out;
		}
		*how = LAB_RESUMED;
		lab = session_resume(l, a, jf, last, fd, d);
		goto out;
	}
	close(fd);
	if (ex) {
		diag_set(d, rpath, 0, 0, "exists: the lab was handed in at %s (a retake needs "
			 "--force)", last->handed_in_at);
		goto out;
	}
	/* handed in, its result gone: write it again from the journal */
	*how = LAB_REWRITE;
	lab = lab_of_session(l, last, jpath, d);
out:
	if (lab) {
		lab->result_path = rpath;
		rpath = NULL;
	}
	lab_jfile_free(jf);
	free(buf);
	free(jpath);
	free(rpath);
	return lab;
}

static int fill_result(FILE *f, const void *arg)
{
	const void *const *p = arg;
	struct diag d;

	return lab_result_write(p[0], p[1], f, &d);
}

int lab_hand_in(struct lab *lab, int64_t now, const char *version, struct diag *d)
{
	const void *arg[2] = { lab, version };

	if (!lab->handed_in[0]) {
		char at[LAB_TIME_LEN];
		lab_time_format(now, at);
		if (lab->journal && record_event(lab->journal, "hand-in", lab, at, d) < 0)
			return -1;
		memcpy(lab->handed_in, at, sizeof at);
	}
	if (!lab->result_path)
		return 0;
	return file_write_atomic(lab->result_path, FILE_REPLACE, 0644, fill_result, arg, NULL, d);
}
