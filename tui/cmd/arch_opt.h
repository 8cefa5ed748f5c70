/* SPDX-License-Identifier: GPL-2.0-only */
/* arch_opt.h - the --arch option shared by the commands that take one. */
#ifndef PAGEWALK_ARCH_OPT_H
#define PAGEWALK_ARCH_OPT_H

#include "paging/arch.h"

/* If argv[*i] is "--arch A", "--arch=A" or "-a A": set *out to the profile,
 * advance *i past the value and return 1. Return 0 when argv[*i] is some
 * other argument. On a missing or unknown arch print "pagewalk: ..." with
 * the valid names to stderr and return -1 (the caller exits 2). */
int arch_opt(const char *cmd, int argc, char **argv, int *i, const struct arch **out);

/* "x86-32, x86-32-pae, x86-64, x86-64-la57" (static storage). */
const char *arch_opt_names(void);

#endif
