/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_class.c - what only a whole class shows (see lab.h): the lesson the
 * results name most, seeds two results share, identical answer sets, and
 * how the class did on each question with its commonest wrong answers. */
#include "lab_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/array.h"

/* ---- shared seeds, identical answers ---- */

struct by_seed {
	uint64_t seed;
	size_t i;
};

static int cmp_seed(const void *a, const void *b)
{
	const struct by_seed *x = a, *y = b;

	if (x->seed != y->seed)
		return x->seed < y->seed ? -1 : 1;
	return x->i < y->i ? -1 : 1;
}

/* The answers of r in one string (questions apart), and whether one is
 * wrong and how many questions were answered. NULL when out of memory. */
static char *answers_of(const struct lab_result *r, bool *wrong, size_t *answered)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	*wrong = false;
	*answered = 0;
	if (!f)
		return NULL;
	for (size_t q = 0; q < r->nq; q++) {
		*answered += r->q[q].nattempt > 0;
		for (size_t a = 0; a < r->q[q].nattempt; a++) {
			fprintf(f, "%s\x1f", r->q[q].attempt[a].answer);
			*wrong = *wrong || !r->q[q].attempt[a].right;
		}
		fputc('\x1e', f);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

struct fp {
	char *s;
	size_t i;
	bool wrong;
	size_t answered;
};

static int cmp_fp(const void *a, const void *b)
{
	const struct fp *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c ? c : x->i < y->i ? -1 : 1;
}

static void cross_seeds(struct lab_result *const *rs, struct lab_check *cs, const size_t *idx,
			size_t m)
{
	struct by_seed *v = calloc(m ? m : 1, sizeof *v);

	if (!v)
		return;
	for (size_t k = 0; k < m; k++)
		v[k] = (struct by_seed){ rs[idx[k]]->seed, idx[k] };
	qsort(v, m, sizeof *v, cmp_seed);
	for (size_t a = 0; a < m;) {
		size_t b = a + 1;
		bool derived = !rs[v[a].i]->seed_given;
		while (b < m && v[b].seed == v[a].seed) {
			derived = derived || !rs[v[b].i]->seed_given;
			b++;
		}
		for (size_t k = a; derived && b - a > 1 && k < b; k++) {
			size_t other = v[k == a ? a + 1 : a].i;
			lab_check_flag(&cs[v[k].i], "seed %llu is also %s's: one result copied from "
				       "the other?", (unsigned long long)v[k].seed, rs[other]->student);
		}
		a = b;
	}
	free(v);
}

/* The tries of question q of r, one string (NULL when out of memory). */
static char *tries_of(const struct lab_result *r, size_t q)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	for (size_t a = 0; a < r->q[q].nattempt; a++)
		fprintf(f, "%s\x1f", r->q[q].attempt[a].answer);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* One question's tries of one result, for counting who else gave them. */
struct qtries {
	size_t q;
	char *s;
};

static int cmp_qtries(const void *a, const void *b)
{
	const struct qtries *x = a, *y = b;

	if (x->q != y->q)
		return x->q < y->q ? -1 : 1;
	return strcmp(x->s, y->s);
}

/* How many results gave the tries s to question q. */
static size_t tries_count(const struct qtries *v, size_t n, size_t q, const char *s)
{
	struct qtries key = { q, (char *)s };
	size_t lo = 0, hi = n, c = 0;

	while (lo < hi) {               /* the first not below key */
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_qtries(&v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo + c < n && cmp_qtries(&v[lo + c], &key) == 0)
		c++;
	return c;
}

/* The first question (1-based) where the results in fp[a..b) share tries
 * with a wrong one among them that no other result of the class gave; 0
 * when every such question's tries were also given by someone else (a
 * common mistake explains them, not copying). */
static size_t telling_question(struct lab_result *const *rs, const struct fp *fp, size_t a,
			       size_t b, const struct qtries *v, size_t nv)
{
	const struct lab_result *r = rs[fp[a].i];

	for (size_t q = 0; q < r->nq; q++) {
		bool wrong = false;
		char *s;
		size_t n;
		if (!r->q[q].nattempt)
			continue;
		for (size_t k = a; k < b; k++)
			for (size_t t = 0; q < rs[fp[k].i]->nq && t < rs[fp[k].i]->q[q].nattempt; t++)
				wrong = wrong || !rs[fp[k].i]->q[q].attempt[t].right;
		if (!wrong || !(s = tries_of(r, q)))
			continue;
		n = tries_count(v, nv, q, s);
		free(s);
		if (n <= b - a)
			return q + 1;
	}
	return 0;
}

static void cross_answers(struct lab_result *const *rs, struct lab_check *cs, const size_t *idx,
			  size_t m)
{
	struct fp *fp = calloc(m ? m : 1, sizeof *fp);
	struct qtries *v = NULL;
	size_t nf = 0, nv = 0, cap = 0;

	if (!fp)
		return;
	for (size_t k = 0; k < m; k++) {
		const struct lab_result *r = rs[idx[k]];
		fp[nf].i = idx[k];
		fp[nf].s = answers_of(r, &fp[nf].wrong, &fp[nf].answered);
		if (fp[nf].s)
			nf++;
		for (size_t q = 0; q < r->nq; q++) {
			if (!r->q[q].nattempt)
				continue;
			if (nv == cap) {
				struct qtries *nvp = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
				if (!nvp)
					goto out;
				v = nvp;
			}
			if (!(v[nv].s = tries_of(r, q)))
				goto out;
			v[nv++].q = q;
		}
	}
	if (nv)
		qsort(v, nv, sizeof *v, cmp_qtries);
	if (nf)
		qsort(fp, nf, sizeof *fp, cmp_fp);
	for (size_t a = 0; a < nf;) {
		size_t b = a + 1, q = 0;
		while (b < nf && strcmp(fp[b].s, fp[a].s) == 0)
			b++;
		/* the same answers to two or more questions, with wrong tries no
		 * one else in the class made: not chance */
		if (b - a > 1 && fp[a].wrong && fp[a].answered >= 2)
			q = telling_question(rs, fp, a, b, v, nv);
		for (size_t k = a; q && k < b; k++)
			lab_check_flag(&cs[fp[k].i], "the same answers as %s (%zu questions, wrong "
				       "ones included; no one else gave question %zu's tries)",
				       rs[fp[k == a ? a + 1 : a].i]->student, fp[a].answered, q);
		a = b;
	}
out:
	for (size_t k = 0; k < nv; k++)
		free(v[k].s);
	free(v);
	for (size_t k = 0; k < nf; k++)
		free(fp[k].s);
	free(fp);
}

/* Shared seeds and identical answers among the graded rows. */
static int class_cross(struct lab_class *cl, struct diag *d)
{
	struct lab_result **rs = calloc(cl->n ? cl->n : 1, sizeof *rs);
	struct lab_check *cs = calloc(cl->n ? cl->n : 1, sizeof *cs);
	size_t *idx = calloc(cl->n ? cl->n : 1, sizeof *idx), m = 0;

	if (!rs || !cs || !idx) {
		free(rs);
		free(cs);
		free(idx);
		diag_set(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < cl->n; i++) {
		rs[i] = cl->rows[i].graded ? cl->rows[i].r : NULL;
		cs[i] = cl->rows[i].c;         /* the flags come back below */
		if (rs[i])
			idx[m++] = i;
	}
	cross_seeds(rs, cs, idx, m);
	cross_answers(rs, cs, idx, m);
	for (size_t k = 0; k < m; k++)
		cl->rows[idx[k]].c = cs[idx[k]];
	free(rs);
	free(cs);
	free(idx);
	return 0;
}

/* ---- per-question statistics ---- */

struct wrong {
	char *key;                      /* what groups it */
	const char *answer;             /* borrowed from the result */
	char feedback[400];
};

static int cmp_wrong(const void *a, const void *b)
{
	return strcmp(((const struct wrong *)a)->key, ((const struct wrong *)b)->key);
}

/* The feedback with its numbers taken out: two diagnoses that differ only
 * in the addresses and indices they name group together. Caller frees. */
static char *diagnosis_key(const char *fb)
{
	char *out = malloc(strlen(fb) + 1), *o = out;

	if (!out)
		return NULL;
	for (const char *p = fb; *p;) {
		if (p[0] == '0' && p[1] == 'x') {
			p += 2;
			while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
			       (*p >= 'A' && *p <= 'F') || *p == '_')
				p++;
			*o++ = '#';
		} else if (*p >= '0' && *p <= '9') {
			while (*p >= '0' && *p <= '9')
				p++;
			*o++ = '#';
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

/* Whether every graded row that has question k has the same prompt. */
static bool same_prompt(const struct lab_class *cl, size_t k)
{
	const char *first = NULL;

	for (size_t i = 0; i < cl->n; i++) {
		const struct lab_row *w = &cl->rows[i];
		if (!w->graded || k >= w->r->nq || k >= w->c.nq || w->c.qstate[k] == LABQ_EDITED)
			continue;
		if (!first)
			first = w->r->q[k].prompt;
		else if (strcmp(first, w->r->q[k].prompt) != 0)
			return false;
	}
	return true;
}

/* Keep the LAB_COMMON_MAX biggest groups of the sorted w[0..nw). */
static void common_pick(struct wrong *w, size_t nw, bool by_answer, struct lab_qstats *st)
{
	for (size_t a = 0; a < nw;) {
		size_t b = a + 1, slot;
		while (b < nw && strcmp(w[b].key, w[a].key) == 0)
			b++;
		for (slot = 0; slot < st->ncommon && st->common[slot].count >= b - a; slot++)
			;
		if (slot < LAB_COMMON_MAX) {
			size_t last = st->ncommon < LAB_COMMON_MAX ? st->ncommon : LAB_COMMON_MAX - 1;
			memmove(&st->common[slot + 1], &st->common[slot],
				(last - slot) * sizeof st->common[0]);
			st->common[slot].count = b - a;
			st->common[slot].by_answer = by_answer;
			snprintf(st->common[slot].answer, sizeof st->common[slot].answer, "%s",
				 w[a].answer);
			memcpy(st->common[slot].feedback, w[a].feedback, sizeof w[a].feedback);
			if (st->ncommon < LAB_COMMON_MAX)
				st->ncommon++;
		}
		a = b;
	}
}

/* The statistics of question k (lesson step s). */
static int stats_one(const struct lab_class *cl, const struct lesson *l, size_t s, size_t k,
		     struct lab_qstats *st, struct diag *d)
{
	bool by_answer = same_prompt(cl, k);
	struct wrong *w = NULL;
	size_t nw = 0, cap = 0;
	int rc = -1;

	memset(st, 0, sizeof *st);
	for (size_t i = 0; i < cl->n; i++) {
		const struct lab_row *row = &cl->rows[i];
		const struct lab_check *c = &row->c;
		struct quiz_instance qi;
		if (!row->graded || k >= c->nq)
			continue;
		switch (c->qstate[k]) {
		case LABQ_RIGHT: *(c->qtries[k] == 1 ? &st->right1 : &st->right2) += 1; break;
		case LABQ_WRONG: st->wrong++; break;
		case LABQ_WRONG_SO_FAR: st->wrong_so_far++; break;
		case LABQ_OPEN: st->open++; break;
		case LABQ_EDITED: st->edited++; break;
		}
		if (c->qstate[k] == LABQ_EDITED || k >= row->r->nq)
			continue;
		if (quiz_instance(&l->steps[s], lab_question_seed(row->r->seed, s), &qi, d) < 0)
			goto out;
		for (size_t a = 0; a < row->r->q[k].nattempt; a++) {
			const struct lab_rattempt *at = &row->r->q[k].attempt[a];
			struct grade g;
			if (at->right)
				continue;
			struct wrong *more = array_grow(w, &cap, nw + 1, sizeof *w, 16);
			if (!more) {
				quiz_instance_clear(&qi);
				diag_set(d, NULL, 0, 0, "out of memory");
				goto out;
			}
			w = more;
			quiz_grade(&qi, at->answer, &g);
			memcpy(w[nw].feedback, g.feedback[LANG_EN], sizeof w[nw].feedback);
			w[nw].answer = at->answer;
			w[nw].key = by_answer ? strdup(at->answer) : diagnosis_key(w[nw].feedback);
			if (!w[nw].key) {
				quiz_instance_clear(&qi);
				diag_set(d, NULL, 0, 0, "out of memory");
				goto out;
			}
			nw++;
		}
		quiz_instance_clear(&qi);
	}
	if (nw)
		qsort(w, nw, sizeof *w, cmp_wrong);
	common_pick(w, nw, by_answer, st);
	rc = 0;
out:
	for (size_t i = 0; i < nw; i++)
		free(w[i].key);
	free(w);
	return rc;
}

int lab_class_stats(const struct lab_class *cl, const struct lesson *l, struct lab_qstats *out,
		    struct diag *d)
{
	size_t k = 0;

	for (size_t s = 0; s < l->nsteps; s++) {
		if (l->steps[s].kind != STEP_QUIZ)
			continue;
		if (stats_one(cl, l, s, k, &out[k], d) < 0)
			return -1;
		k++;
	}
	return 0;
}

/* ---- reading a class ---- */

struct entry {
	char *stem;
	bool json, journal;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->stem, y->stem);

	return c ? c : (int)x->journal - (int)y->journal;
}

/* The result and journal names in dir into *out, sorted by stem, one
 * entry per stem; *extra counts names past the listing bound. 0 or -1. */
static int list_dir(const char *dir, struct entry **out, size_t *n, size_t *extra,
		    struct diag *d)
{
	DIR *dp = opendir(dir);
	struct entry *e = NULL;
	struct dirent *de;
	size_t cap = 0, m = 0;

	*out = NULL;
	*n = *extra = 0;
	if (!dp) {
		diag_set(d, dir, 0, 0, "cannot open the directory: %s", strerror(errno));
		return -1;
	}
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name), sl;
		bool js = len > 5 && strcmp(de->d_name + len - 5, ".json") == 0;
		bool jr = len > 8 && strcmp(de->d_name + len - 8, ".journal") == 0;
		if (de->d_name[0] == '.' || (!js && !jr))
			continue;
		if (m == (size_t)(LAB_CLASS_MAX + LAB_CLASS_LIST_MAX) * 2) {
			(*extra)++;
			continue;
		}
		struct entry *more = array_grow(e, &cap, m + 1, sizeof *e, 64);
		if (!more)
			goto oom;
		e = more;
		sl = len - (js ? 5 : 8);
		if (!(e[m].stem = strndup(de->d_name, sl)))
			goto oom;
		e[m].json = js;
		e[m].journal = jr;
		m++;
	}
	closedir(dp);
	if (m)
		qsort(e, m, sizeof *e, cmp_entry);
	/* one entry per stem */
	for (size_t i = 0; i < m; i++) {
		if (*n && strcmp(e[*n - 1].stem, e[i].stem) == 0) {
			e[*n - 1].json |= e[i].json;
			e[*n - 1].journal |= e[i].journal;
			free(e[i].stem);
			continue;
		}
		e[(*n)++] = e[i];
	}
	*out = e;
	return 0;
oom:
	closedir(dp);
	for (size_t i = 0; i < m; i++)
		free(e[i].stem);
	free(e);
	diag_set(d, dir, 0, 0, "out of memory");
	return -1;
}

static char *join(const char *dir, const char *stem, const char *ext)
{
	size_t n = strlen(dir) + strlen(stem) + strlen(ext) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s%s", dir, stem, ext);
	return p;
}

/* Read the files of row w, named stem in dir; w->id is the stem made safe
 * to show (a file name can hold anything). */
static int row_read(const char *dir, const char *stem, struct lab_row *w, struct diag *d)
{
	char *jpath = w->has_journal ? join(dir, stem, ".journal") : NULL;

	w->id = text_escape(stem, strlen(stem), false);
	w->file = join(dir, stem, w->has_result ? ".json" : ".journal");
	if (!w->id) {
		free(jpath);
		diag_set(d, dir, 0, 0, "out of memory");
		return -1;
	}
	if (!w->file || (w->has_journal && !jpath)) {
		free(jpath);
		diag_set(d, dir, 0, 0, "out of memory");
		return -1;
	}
	if (w->has_result && !(w->r = lab_result_load(w->file, &w->bad)))
		w->bad_set = true;
	if (w->has_journal && !(w->j = lab_journal_load(jpath, &w->jbad)))
		w->jbad_set = true;
	free(jpath);
	return 0;
}

struct lab_class *lab_class_read(const char *dir, struct diag *d)
{
	struct lab_class *cl = calloc(1, sizeof *cl);
	size_t n = 0, extra = 0;
	struct entry *e = NULL;

	if (!cl || !(cl->dir = strdup(dir))) {
		diag_set(d, dir, 0, 0, "out of memory");
		goto fail;
	}
	if (list_dir(dir, &e, &n, &extra, d) < 0)
		goto fail;
	cl->rows = calloc(n < LAB_CLASS_MAX ? (n ? n : 1) : LAB_CLASS_MAX, sizeof *cl->rows);
	cl->skipped_ids = n > LAB_CLASS_MAX ? calloc(n - LAB_CLASS_MAX, sizeof *cl->skipped_ids)
					    : NULL;
	if (!cl->rows || (n > LAB_CLASS_MAX && !cl->skipped_ids)) {
		diag_set(d, dir, 0, 0, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		struct lab_row *w;
		if (i >= LAB_CLASS_MAX) {
			if (!(cl->skipped_ids[cl->nskipped_ids] = text_escape(e[i].stem,
									      strlen(e[i].stem),
									      false))) {
				diag_set(d, dir, 0, 0, "out of memory");
				goto fail;
			}
			cl->nskipped_ids++;
			free(e[i].stem);
			e[i].stem = NULL;
			continue;
		}
		w = &cl->rows[cl->n++];
		w->has_result = e[i].json;
		w->has_journal = e[i].journal;
		w->taken = -1;
		if (row_read(dir, e[i].stem, w, d) < 0)
			goto fail;
		free(e[i].stem);
		e[i].stem = NULL;
	}
	cl->skipped = (n > LAB_CLASS_MAX ? n - LAB_CLASS_MAX : 0) + extra;
	free(e);
	return cl;
fail:
	for (size_t i = 0; e && i < n; i++)
		free(e[i].stem);
	free(e);
	lab_class_free(cl);
	return NULL;
}

void lab_class_free(struct lab_class *cl)
{
	if (!cl)
		return;
	for (size_t i = 0; i < cl->n; i++) {
		struct lab_row *w = &cl->rows[i];
		lab_check_clear(&w->c);
		lab_result_free(w->r);
		lab_jfile_free(w->j);
		free(w->id);
		free(w->file);
	}
	for (size_t i = 0; i < cl->nskipped_ids; i++)
		free(cl->skipped_ids[i]);
	free(cl->skipped_ids);
	free(cl->rows);
	free(cl->dir);
	free(cl);
}

/* ---- the class's lesson, grading ---- */

/* The lesson name a row names, or NULL. */
static const char *row_lesson(const struct lab_row *w)
{
	if (w->r)
		return w->r->lesson;
	if (w->j && !w->has_result)
		return w->j->s[w->j->ns - 1].lesson;
	return NULL;
}

const char *lab_class_lesson(const struct lab_class *cl, size_t *votes, bool *tie)
{
	const char *best = NULL;
	size_t best_n = 0;

	*tie = false;
	for (size_t i = 0; i < cl->n; i++) {
		const char *name = row_lesson(&cl->rows[i]);
		size_t k = 0;
		bool before = false;
		if (!name)
			continue;
		for (size_t j = 0; j < i && !before; j++) {
			const char *o = row_lesson(&cl->rows[j]);
			before = o && strcmp(o, name) == 0;
		}
		if (before)
			continue;           /* counted at its first row */
		for (size_t j = i; j < cl->n; j++) {
			const char *o = row_lesson(&cl->rows[j]);
			k += o && strcmp(o, name) == 0;
		}
		if (k > best_n) {
			best = name;
			best_n = k;
			*tie = false;
		} else if (k == best_n) {
			*tie = true;
		}
	}
	*votes = best_n;
	return best;
}

/* Take the notes of c that start with prefix out. */
static void drop_note(struct lab_check *c, const char *prefix)
{
	size_t k = 0;

	for (size_t i = 0; i < c->nnotes; i++)
		if (strncmp(c->note[i], prefix, strlen(prefix)) != 0)
			memmove(c->note[k++], c->note[i], sizeof c->note[i]);
	c->nnotes = k;
}

/* Grade one row against l. */
static int row_grade(struct lab_row *w, const struct lesson *l, struct diag *d)
{
	if (!w->r && w->j && !w->has_result) {
		const struct lab_jsession *s = &w->j->s[w->j->ns - 1];
		if (strcmp(s->lesson, l->name) != 0) {
			diag_set(&w->jbad, w->file, s->line, 1, "a lab of lesson %s in progress, not "
				 "of %s", s->lesson, l->name);
			w->jbad_set = true;
			return 0;
		}
		if (!(w->r = lab_result_of_session(l, s, w->file, &w->jbad))) {
			w->jbad_set = true;
			return 0;
		}
	}
	if (!w->r)
		return 0;
	if (lab_regrade(l, w->r, w->j, &w->c, d) < 0)
		return -1;
	w->graded = true;
	if (w->jbad_set) {
		char why[LAB_FLAG_LEN];
		/* there is a journal: it is bad, not missing */
		drop_note(&w->c, "no journal beside it");
		diag_format(&w->jbad, why, sizeof why);
		lab_check_flag(&w->c, "its journal is unreadable: %s", why);
	}
	if (w->c.open)
		lab_check_note(&w->c, "not handed in: the journal's session %llu so far, "
			       "started %s", (unsigned long long)w->r->session, w->r->started);
	else if (w->r->from_journal)
		lab_check_note(&w->c, "handed in at %s, but %s.json is missing (pagewalk lab "
			       "writes it again from the journal)", w->r->handed_in, w->id);
	return 0;
}

int lab_class_grade(struct lab_class *cl, const struct lesson *l, struct diag *d)
{
	for (size_t i = 0; i < cl->n; i++)
		if (row_grade(&cl->rows[i], l, d) < 0)
			return -1;
	return class_cross(cl, d);
}

static int cmp_row(const void *a, const void *b)
{
	return strcmp(((const struct lab_row *)a)->id, ((const struct lab_row *)b)->id);
}

int lab_class_roster(struct lab_class *cl, const struct lab_roster *ro, struct diag *d)
{
	size_t add = 0;
	struct lab_row *rows;

	for (size_t i = 0; i < ro->n; i++) {
		bool found = false;
		for (size_t k = 0; k < cl->n && !found; k++)
			found = strcmp(cl->rows[k].id, ro->e[i].id) == 0;
		add += !found;
	}
	rows = realloc(cl->rows, (cl->n + add ? cl->n + add : 1) * sizeof *rows);
	if (!rows) {
		diag_set(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	cl->rows = rows;
	for (size_t k = 0; k < cl->n; k++) {
		struct lab_row *w = &cl->rows[k];
		const struct lab_roster_entry *e = lab_roster_find(ro, w->id);
		w->not_on_roster = !e;
		if (e && e->name[0])
			w->name = e->name;
		if (!e && w->graded)
			lab_check_flag(&w->c, "%s is not on the roster", w->id);
	}
	for (size_t i = 0, n0 = cl->n; i < ro->n; i++) {
		bool found = false;
		for (size_t k = 0; k < n0 && !found; k++)
			found = strcmp(cl->rows[k].id, ro->e[i].id) == 0;
		if (found)
			continue;
		memset(&cl->rows[cl->n], 0, sizeof cl->rows[0]);
		cl->rows[cl->n].missing = true;
		cl->rows[cl->n].taken = -1;
		cl->rows[cl->n].name = ro->e[i].name;
		if (!(cl->rows[cl->n].id = strdup(ro->e[i].id))) {
			diag_set(d, NULL, 0, 0, "out of memory");
			return -1;
		}
		cl->n++;
	}
	qsort(cl->rows, cl->n, sizeof *cl->rows, cmp_row);
	return 0;
}

void lab_class_times(struct lab_class *cl, int64_t deadline)
{
	for (size_t i = 0; i < cl->n; i++) {
		struct lab_row *w = &cl->rows[i];
		int64_t start, end = 0;
		size_t after = 0;
		if (!w->graded || lab_time_parse(w->r->started, &start) < 0)
			continue;
		if (w->r->handed_in[0] && lab_time_parse(w->r->handed_in, &end) == 0)
			w->taken = end - start;
		if (deadline < 0)
			continue;
		for (size_t q = 0; q < w->r->nq; q++)
			for (size_t a = 0; a < w->r->q[q].nattempt; a++) {
				int64_t t;
				after += lab_time_parse(w->r->q[q].attempt[a].at, &t) == 0 &&
					 t > deadline;
			}
		if (!w->r->handed_in[0]) {
			w->late = true;
			lab_check_note(&w->c, "late: not handed in by the deadline");
		} else if (end > deadline) {
			w->late = true;
			lab_check_note(&w->c, "late: handed in %lld min %lld s after the deadline, "
				       "%zu %s after it", (long long)((end - deadline) / 60),
				       (long long)((end - deadline) % 60), after,
				       after == 1 ? "try" : "tries");
		}
	}
}
