/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_app.c - what the full-screen commands share: the table of screens
 * they hand to the app (the screen layer names none itself), the app set
 * up from the global options, and its run, a terminal it could not use
 * reported as "pagewalk: ...". */
#include <stdio.h>

#include "cmd/cmd.h"
#include "screen/screen_home.h"
#include "screen/screen_lab.h"
#include "screen/screen_lesson.h"
#include "screen/screen_replay.h"
#include "screen/screen_sandbox.h"

static const struct screen *const screens[SCREEN_COUNT] = {
	[SCREEN_HOME] = &screen_home_ops,
	[SCREEN_LESSON] = &screen_lesson_ops,
	[SCREEN_REPLAY] = &screen_replay_ops,
	[SCREEN_LAB] = &screen_lab_ops,
	[SCREEN_SANDBOX] = &screen_sandbox_ops,
};

void cmd_app_init(struct app *app, const struct globals *g)
{
	struct app_setup s = {
		.lang = g->lang, .lang_note = g->lang_note, .utf8 = g->utf8, .env = g->env,
		.screens = screens,
	};

	app_init(app, &s);
}

int cmd_app_run(struct app *app)
{
	int rc = app_run(app);

	if (app->error[0])
		cmd_error(rc, "%s", app->error);
	return rc;
}
