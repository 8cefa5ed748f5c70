/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_lab.h - lab mode (`pagewalk lab`): a lesson's quizzes as a test.
 *
 * One question at a time (n/p move, a digit or Enter starts typing, Esc
 * leaves the field), LAB_TRIES tries each: after a try the screen says
 * only right or not right; answers and the engine's feedback are shown on
 * the score page at the end. q hands in (asking first while questions are
 * open); the lab is also over when every question is closed. Each try is
 * recorded in the lab's journal as it is made (lab_answer); the hand-in
 * (lab_hand_in) records it and writes the result before the score page
 * shows. The screen borrows the struct lab (engine/lesson/lab.h) from
 * cmd_lab.c. The row of question states scrolls to keep the current one in
 * view.
 */
#ifndef PAGEWALK_SCREEN_LAB_H
#define PAGEWALK_SCREEN_LAB_H

#include "screen/app.h"
#include "lesson/lab.h"

/* The lab screen's row of the screen table. */
extern const struct screen screen_lab_ops;

/* Open the lab screen on lab (borrowed); out_shown: where the result will
 * be written (escaped, for display). Returns 0, or -1 out of memory. */
int screen_lab_open(struct app *app, struct lab *lab, const char *out_shown);
/* Whether the student reached the score page (the lab was handed in). */
bool screen_lab_over(const struct app *app);
/* Why the hand-in could not be written ("" when it was, or not yet). */
void screen_lab_error(const struct app *app, char *buf, size_t len);

#endif
