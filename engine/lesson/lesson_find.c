/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson_find.c - where lesson files and the traces they name are: the
 * search directories ($PAGEWALK_LESSONS, ./lessons, the data directory).
 * Only paths and stat(): nothing here loads a file. */
#include "lesson.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef PAGEWALK_DATADIR
#define PAGEWALK_DATADIR "/usr/local/share/pagewalk"
#endif

int lesson_dirs(const char *dirs[3])
{
	int n = 0;
	const char *env = getenv("PAGEWALK_LESSONS");

	if (env && *env)
		dirs[n++] = env;
	dirs[n++] = "lessons";
	dirs[n++] = PAGEWALK_DATADIR "/lessons";
	return n;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

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

int lesson_find(const char *name, char *out, size_t outlen, struct diag *d)
{
	const char *dirs[3];
	int n = lesson_dirs(dirs);

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
	diag_set(d, NULL, 0, 0, "no lesson named %s (looked in %s%s%s%s%s)", name,
		 dirs[0], n > 1 ? ", " : "", n > 1 ? dirs[1] : "", n > 2 ? ", " : "",
		 n > 2 ? dirs[2] : "");
	return -1;
}

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
	const char *env = getenv("PAGEWALK_TRACES");
	const char *dirs[3];
	char first[4096];
	int n = 0;

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
	if (env && *env)
		dirs[n++] = env;
	dirs[n++] = "traces";
	dirs[n++] = PAGEWALK_DATADIR "/traces";
	for (int i = 0; i < n; i++) {
		snprintf(out, outlen, "%s/%s", dirs[i], base);
		if (is_file(out))
			return 0;
	}
	snprintf(out, outlen, "%s", first);
	return -1;
}
