/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_arch.c - parse --arch for translate, macros and friends. */
#include "cmd/cmd_arch.h"

#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

const char *cmd_arch_names(void)
{
	static char names[400];

	if (!names[0])
		snprintf(names, sizeof names, "%s (aliases: 2level, pae, 4level, 5level, la57)",
			 arch_names());
	return names;
}

int cmd_arch_opt(const char *cmd, const char *v, const struct arch **out)
{
	char why[400];

	*out = arch_by_name(v);
	if (*out)
		return 0;
	/* an arm64 profile Linux 6.1 cannot build says why; any other name is
	 * quoted back only when it is short printable ASCII */
	return cmd_error(EXIT_USAGE, "%s: %s", cmd, arch_unknown_why(v, why, sizeof why));
}
