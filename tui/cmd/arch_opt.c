/* SPDX-License-Identifier: GPL-2.0-only */
/* arch_opt.c - parse --arch for translate, macros and friends. */
#include "cmd/arch_opt.h"

#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

const char *arch_opt_names(void)
{
	static char names[400];

	if (!names[0])
		snprintf(names, sizeof names, "%s (aliases: 2level, pae, 4level, 5level, la57)",
			 arch_names());
	return names;
}

int arch_opt(const char *cmd, int argc, char **argv, int *i, const struct arch **out)
{
	const char *a = argv[*i], *v;

	if (strcmp(a, "--arch") == 0 || strcmp(a, "-a") == 0) {
		if (*i + 1 >= argc) {
			cmd_error(EXIT_USAGE, "%s: %s wants an arch: %s", cmd, a, arch_opt_names());
			return -1;
		}
		v = argv[++*i];
	} else if (strncmp(a, "--arch=", 7) == 0) {
		v = a + 7;
	} else {
		return 0;
	}
	*out = arch_by_name(v);
	if (!*out) {
		char why[400];
		cmd_error(EXIT_USAGE, "%s: %s", cmd, arch_unknown_why(v, why, sizeof why));
		return -1;
	}
	return 1;
}
