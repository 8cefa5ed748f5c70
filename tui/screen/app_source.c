/* SPDX-License-Identifier: GPL-2.0-only */
/* app_source.c - Linux's source lines, extracted in the background.
 *
 * The first time a screen needs Linux v6.1's lines and they are not in the
 * cache (or make linux's tree), the files the open screens show are
 * extracted by a job (the xz blocks that hold them; the first time for an
 * upload, the one full pass that indexes the tarball) while the main loop
 * keeps reading keys; the panes say what is happening, with its progress.
 * When the job ends, the open screens read their lines again, and a
 * second job brings every file the catalog's lessons show, so the next
 * lesson opens with its lines. q or a signal stops it: app_free cancels
 * the job, and nothing partial is left in the cache (linuxsrc.h).
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

/* Every file the replayer (the open trace's call chains too) and `also`
 * show, and with catalog those of the catalog's lessons. */
static size_t all_files(const struct app *app, const struct lesson *also, bool catalog,
			char **files)
{
	static const char *const replayer[] = { REPLAY_LX_FAULT_FILE, REPLAY_LX_MM_FILE };
	struct catalog *c = catalog ? catalog_new(&(struct diag){ 0 }) : NULL;
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

/* Word the running job's progress into app->src_note (and the status
 * line when it is ours). True when the words changed. */
static bool note_update(struct app *app)
{
	struct linuxsrc_progress p;
	char note[sizeof app->src_note];

	linuxsrc_fetch_progress(app->srcjob, &p);
	linuxsrc_progress_text(&p, app->lang, true, note, sizeof note);
	if (!strcmp(note, app->src_note))
		return false;
	if (app->src_status && !strcmp(app->status, app->src_note))
		snprintf(app->status, sizeof app->status, "%s", note);
	snprintf(app->src_note, sizeof app->src_note, "%s", note);
	return true;
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

/* Start the job for what the open screens and `also` show, or (catalog)
 * for every lesson's too (app->srcjob; NULL when nothing is missing). 0;
 * 1 when the package is not installed; -1 with d. */
static int fetch(struct app *app, const struct lesson *also, bool catalog, struct diag *d)
{
	char *files[LINUXSRC_MAX_FETCH];
	struct linuxsrc *src;
	size_t n;
	int rc;

	if (linuxsrc_open(&src, d) < 0)
		return 1;
	n = all_files(app, also, catalog, files);
	rc = linuxsrc_fetch_start(src, (const char *const *)files, n, &app->srcjob, d);
	linuxsrc_close(src);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	return rc;
}

void app_source_fetch(struct app *app, const struct lesson *also)
{
	struct diag d;
	int rc;

	if (app->srcjob)
		return;
	/* what is on screen first (its blocks only: under a second once the
	 * map is made), then every lesson's, so the next lesson opens with
	 * its lines */
	rc = fetch(app, also, false, &d);
	if (rc == 1)
		return;
	app->src_more = rc == 0 && app->srcjob;
	if (rc == 0 && !app->srcjob)
		rc = fetch(app, NULL, true, &d);
	/* a failure is said by the panes that lack their lines (the files
	 * of other lessons may be what is missing); the status line is only
	 * borrowed when it is free */
	app->src_err[0] = app->src_note[0] = '\0';
	app->src_status = false;
	if (rc < 0)
		snprintf(app->src_err, sizeof app->src_err, "%s", d.msg);
	if (!app->srcjob)
		return;
	note_update(app);
	if (!app->status[0]) {
		app_status(app, ROLE_STATUS, "%s", app->src_note);
		app->src_status = true;
	}
}

bool app_source_poll(struct app *app)
{
	struct diag d;
	int rc;

	if (!app->srcjob)
		return false;
	if ((rc = linuxsrc_fetch_poll(app->srcjob, false, &d)) == 0)
		return note_update(app);
	if (app->src_status && !strcmp(app->status, app->src_note))
		app->status[0] = '\0';
	app->src_status = false;
	app->srcjob = NULL;
	if (rc < 0)
		snprintf(app->src_err, sizeof app->src_err, "%s", d.msg);
	sources_ready(app);
	/* then every lesson's files, quietly (the panes have their lines) */
	if (app->src_more && !app->srcjob && rc > 0)
		(void)fetch(app, NULL, true, &d);
	app->src_more = false;
	return true;
}

int app_source_finish(struct app *app, const volatile sig_atomic_t *stop,
		       void (*progress)(void *ctx, const struct linuxsrc_progress *p), void *ctx)
{
	struct diag d;

	/* a cast waits for what it shows, not for every lesson's files */
	app->src_more = false;
	/* a screen may start one more extraction for files the first lacked */
	for (int round = 0; round < 3; round++) {
		if (app->srcjob &&
		    linuxsrc_fetch_wait(app->srcjob, stop, progress, ctx, &d) < 0)
			snprintf(app->src_err, sizeof app->src_err, "%s", d.msg);
		app->srcjob = NULL;
		if (stop && *stop)
			return -1;
		sources_ready(app);
		if (!app->srcjob)
			break;
	}
	app_source_stop(app);
	return 0;
}

void app_source_stop(struct app *app)
{
	linuxsrc_fetch_cancel(app->srcjob);
	app->srcjob = NULL;
}

const char *app_source_note(const struct app *app)
{
	return app->srcjob ? app->src_note : app->src_err;
}
