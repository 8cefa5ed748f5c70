/* SPDX-License-Identifier: GPL-2.0-only */
/* arch_opt.c - parse --arch for translate, macros and friends. */
#include "cmd/arch_opt.h"

#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

const char *arch_opt_names(void)
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
		if (printable(v))
			cmd_error(EXIT_USAGE, "%s: unknown arch '%s'; valid archs: %s", cmd, v,
				  arch_opt_names());
		else
			cmd_error(EXIT_USAGE, "%s: unknown arch; valid archs: %s", cmd,
				  arch_opt_names());
		return -1;
	}
	return 1;
}
