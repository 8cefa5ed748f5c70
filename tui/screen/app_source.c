/* SPDX-License-Identifier: GPL-2.0-only */
/* app_source.c - Linux's source lines, extracted in the background.
 *
 * The first time a screen needs Linux v6.1's lines and they are not in the
 * cache, every file any lesson of the catalog or the replayer shows is
 * extracted in one run of tar (one decompression of linux-source-6.1's
 * tarball) while the main loop keeps reading keys; the panes say what is
 * happening. When tar ends, the open screens read their lines again. q or a
 * signal stops it: app_free cancels the job, and nothing partial is left in
 * the cache (linuxsrc.h).
 */
#include "screen/app.h"
#include "catalog/catalog.h"
#include "source/linuxsrc.h"
#include "trace/replay.h"

#include <stdlib.h>
#include <string.h>

/* Add what l shows to files[0..*n) (owned copies, no duplicates). */
static void add_files(const struct lesson *l, char **files, size_t *n)
{
	const char *f[LINUXSRC_MAX_FETCH];
	int nf = l ? lesson_excerpts_files(l, f, LINUXSRC_MAX_FETCH) : 0;

	for (int i = 0; i < nf; i++) {
		bool seen = false;
		for (size_t k = 0; k < *n; k++)
			seen |= !strcmp(files[k], f[i]);
		if (!seen && *n < LINUXSRC_MAX_FETCH && (files[*n] = strdup(f[i])))
			(*n)++;
	}
}

/* Every file the replayer (the open trace's call chains too), the lessons
 * of the catalog and `also` show. */
static size_t all_files(const struct app *app, const struct lesson *also, char **files)
{
	static const char *const replayer[] = { REPLAY_LX_FAULT_FILE, REPLAY_LX_MM_FILE };
	struct catalog *c = catalog_new(&(struct diag){ 0 });
	size_t n = 0;

	const char *calls[LINUXSRC_MAX_FETCH];
	size_t nc = 0;

	for (int i = 0; i < app->depth; i++) {   /* what the open screens show */
		const struct screen *s = app->screens[app->stack[i]];
		if (s->source_files)
			nc += s->source_files(app, calls + nc, LINUXSRC_MAX_FETCH - nc);
	}

	for (size_t i = 0; i < 2 + nc && n < LINUXSRC_MAX_FETCH; i++) {
		const char *f = i < 2 ? replayer[i] : calls[i - 2];
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= !strcmp(files[k], f);
		if (!seen && (files[n] = strdup(f)))
			n++;
	}
	add_files(also, files, &n);
	for (size_t i = 0; c && i < c->nlessons; i++) {
		struct lesson *l = c->lessons[i].ok ? lesson_load(c->lessons[i].path,
								   &(struct diag){ 0 }) : NULL;
		add_files(l, files, &n);
		lesson_free(l);
	}
	catalog_free(c);
	return n;
}

/* An extraction ended: the open screens read their lines again, bottom
 * first (a lesson before the replayer opened over it). */
static void sources_ready(struct app *app)
{
	for (int i = 0; i < app->depth; i++) {
		const struct screen *s = app->screens[app->stack[i]];
		if (s->source_ready)
			s->source_ready(app);
	}
}

void app_source_fetch(struct app *app, const struct lesson *also)
{
	char *files[LINUXSRC_MAX_FETCH];
	struct linuxsrc src;
	struct diag d;
	size_t n;
	int rc;

	if (app->srcjob || linuxsrc_open(&src, &d) < 0)
		return;
	n = all_files(app, also, files);
	rc = linuxsrc_fetch_start(&src, (const char *const *)files, n, &app->srcjob, &d);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	/* a failure is said by the panes that lack their lines (the files
	 * of other lessons may be what is missing); the status line is only
	 * borrowed when it is free */
	app->src_err[0] = '\0';
	if (rc < 0)
		snprintf(app->src_err, sizeof app->src_err, "%s", d.msg);
	else if (app->srcjob && !app->status[0])
		app_status(app, ROLE_STATUS, "%s", app_source_note(app));
}

bool app_source_poll(struct app *app)
{
	struct diag d;
	int rc;

	if (!app->srcjob || (rc = linuxsrc_fetch_poll(app->srcjob, false, &d)) == 0)
		return false;
	if (!strcmp(app->status, app_source_note(app)))
		app->status[0] = '\0';
	app->srcjob = NULL;
	if (rc < 0)
		snprintf(app->src_err, sizeof app->src_err, "%s", d.msg);
	sources_ready(app);
	return true;
}

void app_source_finish(struct app *app)
{
	struct diag d;

	/* a screen may start one more extraction for files the first lacked */
	for (int round = 0; round < 3; round++) {
		if (app->srcjob && linuxsrc_fetch_poll(app->srcjob, true, &d) < 0)
			snprintf(app->src_err, sizeof app->src_err, "%s", d.msg);
		app->srcjob = NULL;
		sources_ready(app);
		if (!app->srcjob)
			break;
	}
	app_source_stop(app);
}

void app_source_stop(struct app *app)
{
	linuxsrc_fetch_cancel(app->srcjob);
	app->srcjob = NULL;
}

const char *app_source_note(const struct app *app)
{
	if (app->srcjob)
		return TR(app, "Reading Linux 6.1 from " LINUXSRC_PACKAGE " (first time only) ...",
			  LINUXSRC_PACKAGE " から Linux 6.1 を読み込んでいます (初回のみ)...");
	return app->src_err;
}
