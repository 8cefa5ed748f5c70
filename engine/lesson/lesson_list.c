/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_list.c - the lessons of the first search directory that has any,
 * each loaded once for its title (or its error). */
#include "lesson.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int cmp_entries(const void *a, const void *b)
{
	const struct lesson_entry *x = a, *y = b;
	return strcmp(x->name, y->name);
}

void lesson_list_free(struct lesson_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].name);
		free(list->items[i].path);
		text_clear(&list->items[i].title);
	}
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

int lesson_list(struct lesson_list *out, struct diag *d)
{
	const char *dirs[3];
	int n = lesson_dirs(dirs);
	size_t cap = 0;

	out->items = NULL;
	out->n = 0;
	for (int i = 0; i < n; i++) {
		DIR *dp;
		struct dirent *de;

		if (!is_dir(dirs[i]) || !(dp = opendir(dirs[i])))
			continue;
		while ((de = readdir(dp))) {
			struct lesson_entry *e;
			size_t nl = strlen(de->d_name);
			char path[4096];
			struct lesson *l;

			if (de->d_name[0] == '.' || !ends_with(de->d_name, ".yaml"))
				continue;
			if (out->n == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				struct lesson_entry *p = realloc(out->items, ncap * sizeof *p);
				if (!p)
					goto oom;
				out->items = p;
				cap = ncap;
			}
			e = &out->items[out->n];
			memset(e, 0, sizeof *e);
			snprintf(path, sizeof path, "%s/%s", dirs[i], de->d_name);
			e->path = strdup(path);
			e->name = text_escape(de->d_name, nl - 5, false);
			if (!e->path || !e->name) {
				free(e->path);
				free(e->name);
				goto oom;
			}
			out->n++;
			l = lesson_load(path, &e->diag);
			if (l) {
				e->ok = true;
				e->title = l->title;
				memset(&l->title, 0, sizeof l->title);
				lesson_free(l);
			} else {
				e->title.s[LANG_EN] = strdup(e->name);
				if (!e->title.s[LANG_EN])
					goto oom;
			}
		}
		closedir(dp);
		if (out->n > 0)
			break;
		continue;
oom:
		closedir(dp);
		lesson_list_free(out);
		diag_set(d, NULL, 0, 0, "out of memory");
		return -1;
	}
	qsort(out->items, out->n, sizeof *out->items, cmp_entries);
	return 0;
}
