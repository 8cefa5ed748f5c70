/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_arch.c - parse --arch for translate, macros and friends. */
#include "cmd/cmd_arch.h"

#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

const char *cmd_arch_names(void)
{
	return "x86-32, x86-32-pae, x86-64, x86-64-la57 "
	       "(aliases: 2level, pae, 4level, 5level, la57)";
}

/* True when s is printable ASCII we can echo back without risk. */
static bool printable(const char *s)
{
	for (size_t n = 0; s[n]; n++)
		if ((unsigned char)s[n] < 0x20 || (unsigned char)s[n] >= 0x7f || n >= 64)
			return false;
	return true;
}

int cmd_arch_opt(const char *cmd, const char *v, const struct arch **out)
{
	*out = arch_by_name(v);
	if (*out)
		return 0;
	if (printable(v))
		return cmd_error(EXIT_USAGE, "%s: unknown arch '%s'; valid archs: %s", cmd, v,
				 cmd_arch_names());
	return cmd_error(EXIT_USAGE, "%s: unknown arch; valid archs: %s", cmd, cmd_arch_names());
}
