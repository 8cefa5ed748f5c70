/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_lab_int.h - `pagewalk lab`'s parts: cmd_lab.c plays a lab (options,
 * the journal's start or resume, the screen, the hand-in); cmd_lab_review.c
 * shows a graded result to its student again (--review). */
#ifndef PAGEWALK_CMD_LAB_INT_H
#define PAGEWALK_CMD_LAB_INT_H

#include "cmd/cmd.h"
#include "lesson/lab.h"

/* Print the result file with each question, the answers and the worked
 * solution (lesson: --lesson, or NULL for the result's own); the exit
 * status. */
int cmd_lab_review(const struct globals *g, const char *file, const char *lesson);

#endif
