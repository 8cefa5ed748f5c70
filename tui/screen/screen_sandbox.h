/* SPDX-License-Identifier: GPL-2.0-only */
/* screen_sandbox.h - the sandbox: the learner's own address and arch
 * (optionally over a memory image), the walk shown step by step and a
 * fill-in table (index, entry address, entry value per level, then the
 * physical address) checked field by field by the engine (sandbox.h).
 */
#ifndef PAGEWALK_SCREEN_SANDBOX_H
#define PAGEWALK_SCREEN_SANDBOX_H

#include "screen/app.h"
#include "lesson/sandbox.h"

/* Open the sandbox on addr for arch a (NULL: x86-32), or on img (owned from
 * now on, even on failure; img_shown: its name for the title bar). An
 * address a cannot hold becomes a's first kernel address. Returns 0, or -1
 * out of memory. */
extern const struct screen screen_sandbox_ops;

int screen_sandbox_open(struct app *app, const struct arch *a, uint64_t addr,
			struct memimage *img, const char *img_shown);

#endif
