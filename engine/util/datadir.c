/* SPDX-License-Identifier: GPL-2.0-only */
/* datadir.c - the search order for lessons and traces. */
#include "util/datadir.h"

#include <stdlib.h>

#include "util/env.h"

#ifndef PAGEWALK_DATADIR
#define PAGEWALK_DATADIR "/usr/local/share/pagewalk"
#endif

static const char *const local_dirs[DATA_KINDS] = { "lessons", "traces" };
static const char *const installed_dirs[DATA_KINDS] = {
	PAGEWALK_DATADIR "/lessons", PAGEWALK_DATADIR "/traces",
};

int datadir_search(enum data_kind k, const char *dirs[DATADIR_SEARCH_MAX])
{
	const struct env *e = env_get();
	const char *env = k == DATA_LESSONS ? e->lessons : e->traces;
	int n = 0;

	if (env && *env)
		dirs[n++] = env;
	dirs[n++] = local_dirs[k];
	dirs[n++] = installed_dirs[k];
	return n;
}

const char *datadir_installed(void)
{
	return PAGEWALK_DATADIR;
}
