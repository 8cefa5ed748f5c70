/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_exercise_arm64.h - the arm64 exercise sheet (cmd_exercise.c prints the
 * x86 one and hands an arm64 profile over to these). */
#ifndef PAGEWALK_EXERCISE_ARM64_SHEET_H
#define PAGEWALK_EXERCISE_ARM64_SHEET_H

#include <stdbool.h>
#include <stdio.h>

#include "paging/exercise.h"

/* The sheet of ex (an arm64 exercise) on stdout: the layout and the
 * descriptor bits, TTBR0_EL1 and TTBR1_EL1, the tables of both trees, the
 * addresses (EL0 / EL1 and the access) and, with answers, each walk as
 * cmd_print_walk() prints it (the abort with ESR_EL1 and FAR_EL1). */
void cmd_exercise_arm64_sheet(const struct exercise *ex, bool answers);
/* The first lines of ex's memory image, the base registers:
 * "ttbr0: 0x...\nttbr1: 0x...\n". */
void cmd_exercise_arm64_image_head(FILE *f, const struct exercise *ex);

#endif
