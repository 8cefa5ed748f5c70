/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_arch.h - the --arch option shared by the commands that take one. */
#ifndef PAGEWALK_ARCH_OPT_H
#define PAGEWALK_ARCH_OPT_H

#include "paging/arch.h"

/* The value of --arch (or -a) as given to command cmd: set *out to the
 * profile and return 0; on an unknown arch print "pagewalk: CMD: unknown
 * arch 'V'; valid archs: ..." to stderr (for an arm64 profile Linux 6.1
 * cannot build, why: arm64_refusal) and return EXIT_USAGE. */
int cmd_arch_opt(const char *cmd, const char *v, const struct arch **out);

/* "x86-32, x86-32-pae, x86-64, x86-64-la57, arm64-4k-39, ... (aliases: ...)"
 * (static storage). */
const char *cmd_arch_names(void);

#endif
