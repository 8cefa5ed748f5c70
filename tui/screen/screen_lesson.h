/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lesson.h - the lesson player (`pagewalk lesson FILE|NAME`, and
 * lessons opened from the home menu): one step at a time, walks animated
 * level by level, quizzes typed and graded by the engine, progress saved
 * after every step. Its state and its files are screen_lesson_int.h's.
 */
#ifndef PAGEWALK_SCREEN_LESSON_H
#define PAGEWALK_SCREEN_LESSON_H

#include "screen/app.h"

/* The lesson player's row of the screen table. */
extern const struct screen screen_lesson_ops;

/* Take ownership of l (even on failure) and open it at its saved step,
 * over the current screen (the lesson opened before it, if any, is closed
 * first). Returns 0, or -1 out of memory (the screen is then unchanged). */
int screen_lesson_open(struct app *app, struct lesson *l);

#endif
