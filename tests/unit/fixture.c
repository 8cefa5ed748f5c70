/* SPDX-License-Identifier: GPL-2.0-only */
/* fixture.c - temporary directories, files, environment and Linux source
 * tarballs for the unit tests (fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "util/env.h"

void fx_tmp_new(struct fx_tmp *t, const char *name)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/pw-%s-XXXXXX", name);
	if (!mkdtemp(t->dir))
		fail_msg("cannot make %s", t->dir);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void fx_tmp_free(struct fx_tmp *t)
{
	if (!t->dir[0])
		return;
	/* depth first, not following links: a link to elsewhere is removed,
	 * never what it points at */
	if (nftw(t->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fail_msg("cannot remove %s", t->dir);
	t->dir[0] = '\0';
}

const char *fx_path(const struct fx_tmp *t, const char *rel, char *buf, size_t len)
{
	if ((size_t)snprintf(buf, len, "%s/%s", t->dir, rel) >= len)
		fail_msg("path too long: %s/%s", t->dir, rel);
	return buf;
}

void fx_write(const struct fx_tmp *t, const char *rel, const char *text)
{
	char path[1024];
	FILE *f;

	fx_path(t, rel, path, sizeof path);
	for (char *s = strchr(path + strlen(t->dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0755) < 0 && access(path, F_OK) < 0)
			fail_msg("cannot make %s", path);
		*s = '/';
	}
	if (!(f = fopen(path, "w")))
		fail_msg("cannot write %s", path);
	fputs(text, f);
	if (fclose(f) != 0)
		fail_msg("cannot write %s", path);
}

void fx_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

void fx_env(const char *name, const char *value)
{
	if (value)
		setenv(name, value, 1);
	else
		unsetenv(name);
	env_read();
}

const char *fx_tarball(const struct fx_tmp *t, const char *src, const char *name, char *buf,
		       size_t len)
{
	snprintf(buf, len, "%s/%s.tar.xz", t->dir, name);
	fx_sh("tar -cJf '%s' -C '%s/%s' linux-source-6.1", buf, t->dir, src);
	return buf;
}

void fx_use_tarball(const struct fx_tmp *t, const char *name)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s.tar.xz", t->dir, name);
	fx_env("PAGEWALK_LINUX_SOURCE", path);
}

const char *fx_cache(const struct fx_tmp *t, char *buf, size_t len)
{
	fx_path(t, "cache", buf, len);
	fx_sh("rm -rf '%s'", buf);
	fx_env("XDG_CACHE_HOME", buf);
	return buf;
}
