/* SPDX-License-Identifier: GPL-2.0-only */
/* env.c - the environment, read in one place (env.h). */
#include "util/env.h"

#include <stdlib.h>

static struct env snapshot;
static bool have;

const struct env *env_read(void)
{
	struct env *e = &snapshot;

	e->lessons = getenv("PAGEWALK_LESSONS");
	e->traces = getenv("PAGEWALK_TRACES");
	e->linux_source = getenv("PAGEWALK_LINUX_SOURCE");
	e->home = getenv("HOME");
	e->xdg_state_home = getenv("XDG_STATE_HOME");
	e->xdg_cache_home = getenv("XDG_CACHE_HOME");
	e->pagewalk_cache = getenv("PAGEWALK_CACHE");
	e->guest = getenv("PAGEWALK_GUEST");
	e->build = getenv("BUILD");
	e->tmpdir = getenv("TMPDIR");
	e->path = getenv("PATH");
	e->cache = getenv("PAGEWALK_CACHE");
	e->lc_all = getenv("LC_ALL");
	e->lc_messages = getenv("LC_MESSAGES");
	e->lang = getenv("LANG");
	e->lc_ctype = getenv("LC_CTYPE");
	e->term = getenv("TERM");
	e->no_color = getenv("NO_COLOR") != NULL;
	e->seed = getenv("PAGEWALK_SEED");
	e->drawcheck = getenv("PAGEWALK_DRAWCHECK");
	e->drawtext = getenv("PAGEWALK_DRAWTEXT");
	have = true;
	return e;
}

const struct env *env_get(void)
{
	return have ? &snapshot : env_read();
}

const char *env_nonempty(const char *s)
{
	return s && *s ? s : NULL;
}
