/* SPDX-License-Identifier: GPL-2.0-only */
/* catalog.c - listing lessons and traces, finding a lesson by name. */
#include "catalog/catalog.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lesson/lesson.h"
#include "trace/trace.h"
#include "util/array.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool is_yaml(const char *name)
{
	return name[0] != '.' && strlen(name) > 5 && ends_with(name, ".yaml");
}

/* By stem: "04-pae.yaml" before "04-pae-more.yaml". */
static int cmp_stem(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t nx = strlen(x) - 5, ny = strlen(y) - 5;
	int r = strncmp(x, y, nx < ny ? nx : ny);

	return r ? r : nx < ny ? -1 : nx > ny;
}

static void names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The *.yaml file names (sorted by stem, at most CATALOG_MAX) of the first
 * directory of k's search order that holds any, into *names / *n, and that
 * directory into *dir (NULL: none). Returns 0, or -1 out of memory. */
static int scan(enum data_kind k, const char **dir, char ***names, size_t *n)
{
	const char *dirs[DATADIR_SEARCH_MAX];
	int nd = datadir_search(k, dirs);
	size_t cap = 0;

	*dir = NULL;
	*names = NULL;
	*n = 0;
	for (int i = 0; i < nd && !*n; i++) {
		DIR *dp = opendir(dirs[i]);
		struct dirent *de;
		if (!dp)
			continue;
		while (*n < CATALOG_MAX && (de = readdir(dp))) {
			if (!is_yaml(de->d_name))
				continue;
			char **p = array_grow(*names, &cap, *n + 1, sizeof *p, 16);
			if (!p)
				goto fail;
			*names = p;
			if (!((*names)[*n] = strdup(de->d_name)))
				goto fail;
			++*n;
		}
		closedir(dp);
		if (*n)
			*dir = dirs[i];
		continue;
fail:
		closedir(dp);
		names_free(*names, *n);
		*names = NULL;
		*n = 0;
		return -1;
	}
	if (*n)
		qsort(*names, *n, sizeof **names, cmp_stem);
	return 0;
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Fill e for the lesson file dir/name. Returns 0, -1 out of memory. */
static int lesson_entry_fill(void *entry, const char *dir, const char *name)
{
	struct catalog_lesson *e = entry;
	struct lesson *l;

	e->path = join(dir, name);
	e->name = text_escape(name, strlen(name) - 5, false);
	if (!e->path || !e->name)
		return -1;
	l = lesson_load(e->path, &e->diag);
	if (!l) {
		e->title.s[LANG_EN] = strdup(e->name);
		return e->title.s[LANG_EN] ? 0 : -1;
	}
	e->ok = true;
	for (size_t i = 0; i < l->nsteps; i++)
		e->nquiz += l->steps[i].kind == STEP_QUIZ;
	e->title = l->title;
	memset(&l->title, 0, sizeof l->title);
	lesson_free(l);
	return 0;
}

/* Fill e for the trace file dir/name. Returns 0, -1 out of memory. */
static int trace_entry_fill(void *entry, const char *dir, const char *name)
{
	struct catalog_trace *e = entry;
	struct stat sb;
	struct trace *t;

	if (!(e->path = join(dir, name)))
		return -1;
	e->name = e->path + strlen(dir) + 1;
	if (stat(e->path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		e->state = TRACE_INFO_NOT_FILE;
		return 0;
	}
	e->bytes = (uint64_t)sb.st_size;
	if (e->bytes > CATALOG_TRACE_INFO_MAX) {
		e->state = TRACE_INFO_LARGE;
		return 0;
	}
	t = trace_load(e->path, &e->diag);
	if (!t) {
		e->state = TRACE_INFO_BROKEN;
		return 0;
	}
	e->state = TRACE_INFO_OK;
	e->arch = t->h.arch->name;
	for (size_t i = 0; i < t->nevents; i++)
		e->faults += t->events[i].kind == TRACE_FAULT;
	if (t->h.scenario && !(e->scenario = strdup(t->h.scenario)))
		goto fail;
	if (t->h.emulator && !(e->emulator = strdup(t->h.emulator)))
		goto fail;
	trace_free(t);
	return 0;
fail:
	trace_free(t);
	return -1;
}

/* One entry of size bytes per file of kind k, filled by fill, in a new
 * array *arr; *count counts the entries to free, also after a failure. */
static int list_files(enum data_kind k, const char **dir, size_t size,
		      int (*fill)(void *e, const char *dir, const char *name), void **arr,
		      size_t *count)
{
	char **names;
	size_t n;

	if (scan(k, dir, &names, &n) < 0)
		return -1;
	if (n && !(*arr = calloc(n, size)))
		goto fail;
	for (; *count < n; (*count)++)
		if (fill((char *)*arr + *count * size, *dir, names[*count]) < 0) {
			(*count)++;   /* freed with the catalog */
			goto fail;
		}
	names_free(names, n);
	return 0;
fail:
	names_free(names, n);
	return -1;
}

struct catalog *catalog_new(struct diag *d)
{
	struct catalog *c = calloc(1, sizeof *c);
	void *lessons = NULL, *traces = NULL;
	int rc;

	if (!c)
		goto fail;
	rc = list_files(DATA_LESSONS, &c->lesson_dir, sizeof *c->lessons, lesson_entry_fill,
			&lessons, &c->nlessons);
	c->lessons = lessons;
	if (rc < 0)
		goto fail;
	rc = list_files(DATA_TRACES, &c->trace_dir, sizeof *c->traces, trace_entry_fill,
			&traces, &c->ntraces);
	c->traces = traces;
	if (rc < 0)
		goto fail;
	return c;
fail:
	catalog_free(c);
	diag_set(d, NULL, 0, 0, "out of memory listing lessons and traces");
	return NULL;
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nlessons; i++) {
		free(c->lessons[i].name);
		free(c->lessons[i].path);
		text_clear(&c->lessons[i].title);
	}
	for (size_t i = 0; i < c->ntraces; i++) {
		free(c->traces[i].path);
		free(c->traces[i].scenario);
		free(c->traces[i].emulator);
	}
	free(c->lessons);
	free(c->traces);
	free(c);
}

/* ---- finding a lesson by name ---------------------------------------------- */

/* Look for name in dir: exact NAME.yaml, else the one file starting with
 * name. 1 found, 0 not here, -1 ambiguous (d filled). */
static int find_in(const char *dir, const char *name, char *out, size_t outlen,
		   struct diag *d)
{
	char path[4096];
	DIR *dp;
	struct dirent *de;
	char first[256] = "";
	int matches = 0;
	struct stat st;

	snprintf(path, sizeof path, "%s/%s.yaml", dir, name);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		snprintf(out, outlen, "%s", path);
		return 1;
	}
	dp = opendir(dir);
	if (!dp)
		return 0;
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.' || !ends_with(de->d_name, ".yaml"))
			continue;
		if (strncmp(de->d_name, name, strlen(name)) != 0)
			continue;
		if (matches++ == 0)
			snprintf(first, sizeof first, "%s", de->d_name);
	}
	closedir(dp);
	if (matches == 0)
		return 0;
	if (matches > 1) {
		diag_set(d, NULL, 0, 0, "lesson name %s is ambiguous in %s (%d lessons start with it)",
			 name, dir, matches);
		return -1;
	}
	snprintf(out, outlen, "%s/%s", dir, first);
	return 1;
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(x, y);
}

/* The lesson names of the first directory that holds any ("01 02 ... 09",
 * a numbered file by its number, another by its stem) into buf, sorted. */
static void lesson_names(const char *const *dirs, int n, char *buf, size_t len)
{
	char names[64][64];
	size_t k = 0, u = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && !k; i++) {
		DIR *dp = opendir(dirs[i]);
		struct dirent *de;
		if (!dp)
			continue;
		while ((de = readdir(dp)) && k < 64) {
			size_t digits = strspn(de->d_name, "0123456789");
			if (de->d_name[0] == '.' || !ends_with(de->d_name, ".yaml"))
				continue;
			if (digits && de->d_name[digits] == '-')
				snprintf(names[k++], sizeof names[0], "%.*s", (int)digits, de->d_name);
			else
				snprintf(names[k++], sizeof names[0], "%.*s",
					 (int)(strlen(de->d_name) - 5), de->d_name);
		}
		closedir(dp);
	}
	qsort(names, k, sizeof names[0], name_cmp);
	for (size_t i = 0; i < k && u < len; i++) {
		int m = snprintf(buf + u, len - u, "%s%s", i ? " " : "", names[i]);
		if (m < 0)
			break;
		u += (size_t)m;
	}
}

int catalog_lesson_find(const char *name, char *out, size_t outlen, struct diag *d)
{
	char names[400];
	const char *dirs[DATADIR_SEARCH_MAX];
	int n = datadir_search(DATA_LESSONS, dirs);

	if (!name || !*name) {
		diag_set(d, NULL, 0, 0, "no lesson name given");
		return -1;
	}
	if (strchr(name, '/') || ends_with(name, ".yaml") || ends_with(name, ".yml")) {
		snprintf(out, outlen, "%s", name);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		int r = find_in(dirs[i], name, out, outlen, d);
		if (r != 0)
			return r > 0 ? 0 : -1;
	}
	/* say which lessons there are (`pagewalk lesson 10` learns the names)
	 * and where they were looked for */
	lesson_names(dirs, n, names, sizeof names);
	if (names[0])
		diag_set(d, NULL, 0, 0, "no lesson named %s; the lessons are %s (looked in "
			 "%s%s%s%s%s; pagewalk lesson NAME, or a file)", name, names, dirs[0],
			 n > 1 ? ", " : "", n > 1 ? dirs[1] : "", n > 2 ? ", " : "",
			 n > 2 ? dirs[2] : "");
	else
		diag_set(d, NULL, 0, 0, "no lesson named %s (looked in %s%s%s%s%s)", name,
			 dirs[0], n > 1 ? ", " : "", n > 1 ? dirs[1] : "", n > 2 ? ", " : "",
			 n > 2 ? dirs[2] : "");
	return -1;
}
