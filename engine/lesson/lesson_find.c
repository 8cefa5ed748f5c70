/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_find.c - where the trace a replay step names is: beside the lesson
 * tree, then the trace search directories (util/datadir.h). Only paths and
 * stat(): nothing here loads a file. Finding and listing lesson files is the
 * catalog's (engine/catalog). */
#include "lesson/lesson.h"
#include "util/datadir.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int lesson_trace_find(const char *lesson_path, const char *name, char *out,
		      size_t outlen)
{
	const char *slash = strrchr(lesson_path, '/');
	const char *base = strrchr(name, '/');
	const char *dirs[DATADIR_SEARCH_MAX];
	char first[4096];
	int n;

	if (name[0] == '/') {
		snprintf(out, outlen, "%s", name);
		return is_file(out) ? 0 : -1;
	}
	/* lessons/08.yaml -> NAME; a/lessons/08.yaml -> a/NAME; 08.yaml ->
	 * ../NAME; ../08.yaml -> ../../NAME (a "." or ".." directory is not
	 * dropped: its parent is DIR/..) */
	if (!slash) {
		snprintf(first, sizeof first, "../%s", name);
	} else {
		int dl = (int)(slash - lesson_path);
		const char *last = lesson_path + dl;
		while (last > lesson_path && last[-1] != '/')
			last--;
		int ll = (int)(lesson_path + dl - last);
		if (ll == 0 || (ll == 1 && last[0] == '.') ||
		    (ll == 2 && last[0] == '.' && last[1] == '.'))
			snprintf(first, sizeof first, "%.*s/../%s", dl, lesson_path, name);
		else if (last == lesson_path)
			snprintf(first, sizeof first, "%s", name);
		else
			snprintf(first, sizeof first, "%.*s%s", (int)(last - lesson_path),
				 lesson_path, name);
	}
	snprintf(out, outlen, "%s", first);
	if (is_file(out))
		return 0;
	base = base ? base + 1 : name;
	n = datadir_search(DATA_TRACES, dirs);
	for (int i = 0; i < n; i++) {
		snprintf(out, outlen, "%s/%s", dirs[i], base);
		if (is_file(out))
			return 0;
	}
	snprintf(out, outlen, "%s", first);
	return -1;
}
