/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_check.c - `pagewalk check [-v] FILE...`: validate lesson and trace files.
 *
 * Each file is loaded by the engine exactly as the player would load it; a
 * bad file prints its error as "FILE:LINE:COL: message" on stderr. A file
 * whose first key is `pagewalk-trace` is a trace, anything else a lesson.
 * Exit status: 0 all good, 1 any file bad, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lesson.h"
#include "trace.h"
#include "yamlnode.h"

/* Largest file read at all (traces may be big; lessons stop at 1 MiB). */
#define CHECK_MAX_FILE (64u * 1024 * 1024)

/* Is buf's first key `pagewalk-trace`? Skips a BOM, blank lines, comments,
 * directives and a "---" document start. */
static bool looks_like_trace(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	static const char key[] = "pagewalk-trace";

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *q = p;
		while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q == le || *q == '#' || *q == '%' ||
		    (le - q >= 3 && memcmp(q, "---", 3) == 0 && (le - q == 3 || q[3] == ' ' ||
								 q[3] == '\r'))) {
			p = le + 1;
			continue;
		}
		if (*q == '"' || *q == '\'')
			q++;
		return (size_t)(le - q) >= sizeof key - 1 && memcmp(q, key, sizeof key - 1) == 0;
	}
	return false;
}

static int check_one(const char *path, bool verbose)
{
	struct diag d = { 0 };
	size_t len;
	char *buf = ynode_read_file(path, CHECK_MAX_FILE, &len, &d);
	bool ok;
	const char *what = "lesson";

	if (!buf) {
		cmd_print_diag(&d);
		return 1;
	}
	if (looks_like_trace(buf, len)) {
		struct trace *t = trace_load_buffer(buf, len, path, &d);
		what = "trace";
		ok = t != NULL;
		trace_free(t);
	} else {
		struct lesson *l = lesson_load_buffer(path, buf, len, &d);
		ok = l != NULL;
		lesson_free(l);
	}
	free(buf);
	if (!ok) {
		cmd_print_diag(&d);
		return 1;
	}
	if (verbose)
		printf("%s: ok (%s)\n", path, what);
	return 0;
}

int cmd_check(const struct globals *g, int argc, char **argv)
{
	bool verbose = false;
	int i = 1, bad = 0;

	(void)g;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
			verbose = true;
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			printf("usage: pagewalk check [-v] FILE...\n"
			       "Validate lesson and trace files; print each error as FILE:LINE:COL: "
			       "message.\nExit status 0 when every file is good, 1 otherwise.\n");
			return 0;
		} else {
			return cmd_error(EXIT_USAGE, "check: unknown option %s", argv[i]);
		}
	}
	if (i >= argc)
		return cmd_error(EXIT_USAGE, "usage: pagewalk check [-v] FILE...");
	for (; i < argc; i++)
		bad |= check_one(argv[i], verbose);
	return bad ? EXIT_BADINPUT : 0;
}
