/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_home.h - the home menu (`pagewalk` with no command): the lessons
 * found (lessons/, $PAGEWALK_LESSONS, the installed ones) with each one's
 * saved progress, then the traces; Enter opens one over the menu, which
 * stays loaded underneath and is listed again when it shows.
 *
 * The menu's state (struct home_state) is private to screen_home.c; it
 * owns the catalog it lists (engine/catalog) and the progress it read.
 */
#ifndef PAGEWALK_SCREEN_HOME_H
#define PAGEWALK_SCREEN_HOME_H

#include "screen/app.h"

/* The home menu's row of the screen table. */
extern const struct screen screen_home_ops;

/* Open the home menu and fill its lists. Returns 0, or -1 out of memory
 * (the status line says so). */
int screen_home_open(struct app *app);

#endif
