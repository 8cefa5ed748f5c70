/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_file.c - a command's output file through engine/util/file_write.c,
 * its refusals printed as "pagewalk: CMD: PATH: why" (see cmd_file.h). */
#include "cmd/cmd_file.h"

#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

/* Print "pagewalk: cmd: PATH: why" with PATH escaped; returns EXIT_BADINPUT. */
static int out_error(const char *cmd, const char *path, const struct diag *d)
{
	char *safe = text_escape(path, strlen(path), false);

	cmd_error(EXIT_BADINPUT, "%s: %s: %s", cmd, safe ? safe : "?", d->msg);
	free(safe);
	return EXIT_BADINPUT;
}

int cmd_file_check(const char *cmd, const char *path, enum file_replace mode)
{
	struct diag d;

	return file_target_check(path, mode, &d) == 0 ? 0 : out_error(cmd, path, &d);
}

int cmd_file_out(const char *cmd, const char *path, const char *data, size_t len,
	     enum file_replace mode)
{
	struct diag d;

	if (file_write_bytes(path, mode, 0644, data, len, &d) < 0)
		return out_error(cmd, path, &d);
	return 0;
}
