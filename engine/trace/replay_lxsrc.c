/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_lxsrc.c - the source files a Linux trace's call chains point
 * into, read from the user's own linux-source-6.1 (see replay.h).
 *
 * Every file any frame names is read once, whole (the code pane scrolls to
 * each frame's line), and each frame's function is looked up in it
 * (linuxsrc_find_function): on the upload the kernel was built from the
 * recorded line lies inside it; on another one the line may have moved,
 * and the replayer says so rather than guess where.
 */
#include "trace/replay.h"

#include <stdlib.h>
#include <string.h>

#include "source/linuxsrc.h"

#define LINUXSRC_MAX_FETCH_WORDS "64"   /* LINUXSRC_MAX_FETCH, for messages */
_Static_assert(LINUXSRC_MAX_FETCH == 64, "LINUXSRC_MAX_FETCH_WORDS");

struct lxsrc_file {
	const char *name;                /* borrowed from the trace */
	struct replay_excerpt *ex;       /* NULL: not read */
	char why[900];                   /* when not read */
};

struct lxsrc_check {
	int state;                       /* replay_lxsrc_check's result */
	unsigned first, last;
};

struct replay_lxsrc {
	char version[64];
	struct lxsrc_file *files;
	size_t nfiles;
	struct lxsrc_check *chk;         /* one per t->calls */
	size_t ncalls;
};

size_t replay_lxsrc_files(const struct trace *t, const char **files, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < t->ncalls; i++) {
		bool seen = false;
		for (size_t k = 0; k < n && !seen; k++)
			seen = !strcmp(files[k], t->calls[i].file);
		if (!seen && n < max)
			files[n++] = t->calls[i].file;
	}
	return n;
}

void replay_lxsrc_free(struct replay_lxsrc *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nfiles; i++)
		replay_linux_free(s->files[i].ex);
	free(s->files);
	free(s->chk);
	free(s);
}

/* A function's place, looked up once per name (a hash table: a trace may
 * hold a million frames). */
struct fn_slot {
	const char *fn;                  /* borrowed from the trace; NULL: free */
	unsigned first, last;
};

static size_t fn_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Where each frame of t in file f (read as raw) has its function. -1 when
 * out of memory. */
static int check_calls(struct replay_lxsrc *s, const struct trace *t, const char *file,
		       struct linuxsrc_file *f)
{
	size_t n = 0, cap = 16;
	struct fn_slot *tab;

	for (size_t i = 0; i < t->ncalls; i++)
		n += !strcmp(t->calls[i].file, file);
	while (cap < 2 * n)
		cap *= 2;
	if (!(tab = calloc(cap, sizeof *tab)))
		return -1;
	for (size_t i = 0; i < t->ncalls; i++) {
		const struct trace_call *c = &t->calls[i];
		struct lxsrc_check *k = &s->chk[i];
		struct fn_slot *e;
		char fn[128];

		if (strcmp(c->file, file))
			continue;
		for (e = &tab[fn_hash(c->fn) & (cap - 1)]; e->fn && strcmp(e->fn, c->fn);)
			e = e + 1 == tab + cap ? tab : e + 1;
		if (!e->fn) {
			e->fn = c->fn;
			replay_call_base(c->fn, fn, sizeof fn);
			if (linuxsrc_find_function(f, fn, &e->first, &e->last) < 0)
				e->first = e->last = 0;
		}
		k->first = e->first;
		k->last = e->last;
		k->state = !k->first ? -1 : c->line >= k->first && c->line <= k->last ? 0 : 1;
	}
	free(tab);
	return 0;
}

/* Read file i of s, or say why not (cause: why the extraction failed,
 * "" when none ran or it did not). */
static int read_one(struct replay_lxsrc *s, const struct trace *t, struct linuxsrc *src,
		    size_t i, const char *cause, struct diag *d)
{
	struct lxsrc_file *lf = &s->files[i];
	struct linuxsrc_file *f;
	struct diag why;
	int r = linuxsrc_get(src, lf->name, false, &f, &why);

	if (r == 2) {   /* never an extraction here */
		snprintf(lf->why, sizeof lf->why, "%s is not extracted from %s%s%s", lf->name,
			 LINUXSRC_PACKAGE, cause[0] ? ": " : "", cause);
		return 0;
	}
	if (r < 0) {
		diag_format(&why, lf->why, sizeof lf->why);
		return 0;
	}
	lf->ex = replay_linux_excerpt(f, lf->name, d);
	if (lf->ex && check_calls(s, t, lf->name, f) < 0) {
		diag_set(d, "", 0, 0, "out of memory");
		replay_linux_free(lf->ex);
		lf->ex = NULL;
	}
	return lf->ex ? 0 : -1;
}

/* Can every file be read without extracting? */
static bool all_there(struct linuxsrc *src, const char *const *names, size_t n)
{
	struct linuxsrc_file *f;
	struct diag why;

	for (size_t i = 0; i < n; i++)
		if (linuxsrc_get(src, names[i], false, &f, &why) == 2)
			return false;
	return true;
}

int replay_lxsrc_new(struct linuxsrc *src, const struct trace *t, enum replay_lxsrc_how how,
		     const char *cause, struct replay_lxsrc **out, struct diag *d)
{
	struct replay_lxsrc *s;
	struct diag fd = { 0 };
	const char **names;
	size_t n;

	*out = NULL;
	if (!src) {
		diag_set(d, "", 0, 0, "%s is not installed", LINUXSRC_PACKAGE);
		return 1;
	}
	if (!(s = calloc(1, sizeof *s)) || !(names = calloc(t->ncalls + 1, sizeof *names))) {
		free(s);
		goto oom;
	}
	/* one extraction takes at most LINUXSRC_MAX_FETCH files */
	n = replay_lxsrc_files(t, names, LINUXSRC_MAX_FETCH);
	if (how == REPLAY_LXSRC_CACHED && !all_there(src, names, n)) {
		free(names);
		free(s);
		return 2;
	}
	/* a file the package lacks fails the run, but the rest still come */
	if (how == REPLAY_LXSRC_FETCH && linuxsrc_fetch(src, names, n, &fd) < 0)
		cause = fd.msg;
	s->files = calloc(n ? n : 1, sizeof *s->files);
	s->chk = calloc(t->ncalls ? t->ncalls : 1, sizeof *s->chk);
	if (!s->files || !s->chk) {
		free(names);
		replay_lxsrc_free(s);
		goto oom;
	}
	s->ncalls = t->ncalls;
	for (size_t i = 0; i < t->ncalls; i++)
		s->chk[i].state = -1;
	for (; s->nfiles < n; s->nfiles++) {
		s->files[s->nfiles].name = names[s->nfiles];
		if (read_one(s, t, src, s->nfiles, cause ? cause : "", d) < 0) {
			s->nfiles++;
			free(names);
			replay_lxsrc_free(s);
			return -1;
		}
	}
	free(names);
	linuxsrc_version(src, s->version, sizeof s->version);
	*out = s;
	return 0;
oom:
	diag_set(d, "", 0, 0, "out of memory");
	return -1;
}

static const struct lxsrc_file *file_of(const struct replay_lxsrc *s, const char *file)
{
	for (size_t i = 0; s && i < s->nfiles; i++)
		if (!strcmp(s->files[i].name, file))
			return &s->files[i];
	return NULL;
}

const struct replay_excerpt *replay_lxsrc_file(const struct replay_lxsrc *s, const char *file)
{
	const struct lxsrc_file *f = file_of(s, file);

	return f ? f->ex : NULL;
}

const char *replay_lxsrc_why(const struct replay_lxsrc *s, const char *file)
{
	const struct lxsrc_file *f = file_of(s, file);

	return !f ? "more files than pagewalk reads for one trace (" LINUXSRC_MAX_FETCH_WORDS ")"
		  : f->ex ? "" : f->why;
}

const char *replay_lxsrc_version(const struct replay_lxsrc *s)
{
	return s->version;
}

void replay_lxsrc_trace_version(const struct trace *t, char *buf, size_t len)
{
	const char *ks = t->h.kernel_source, *gb = t->h.guest_build, *p;
	size_t n;

	if (!len)
		return;
	buf[0] = '\0';
	if (ks && (p = strchr(ks, ' '))) {
		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n) {
			snprintf(buf, len, "%.*s", (int)n, p);
			return;
		}
	}
	if (gb && (p = strstr(gb, "Linux version ")) && (n = strcspn(p + 14, " ")))
		snprintf(buf, len, "%.*s", (int)n, p + 14);
}

bool replay_lxsrc_differs(const struct replay_lxsrc *s, const struct trace *t)
{
	char theirs[64];
	size_t a, b;

	replay_lxsrc_trace_version(t, theirs, sizeof theirs);
	if (!theirs[0] || !s->version[0])
		return false;
	if (strchr(theirs, '-') && strchr(s->version, '-'))
		return strcmp(theirs, s->version) != 0;
	/* one side has only the upstream version ("6.1.192") */
	a = strcspn(theirs, "-");
	b = strcspn(s->version, "-");
	return a != b || strncmp(theirs, s->version, a) != 0;
}

int replay_lxsrc_check(const struct replay_lxsrc *s, size_t c, unsigned *first, unsigned *last)
{
	*first = *last = 0;
	if (!s || c >= s->ncalls)
		return -1;
	*first = s->chk[c].first;
	*last = s->chk[c].last;
	return s->chk[c].state;
}
