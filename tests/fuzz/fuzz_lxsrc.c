/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_lxsrc.c - libFuzzer harness for the source reader's parsers: the
 * member map (a file of the user's cache) and tar headers (the tarball).
 *
 * Input: its first byte picks the parser, the rest is the file. A member
 * map either is refused or answers lookups (each of its own lines' names,
 * a directory, a name it lacks) with a terminal-safe sentence; a damaged
 * line is "cannot tell", never a crash or a wrong answer read past the
 * buffer. The tar walker either counts members or says why not, safely.
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "source/linuxsrc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void map(const char *buf, size_t len)
{
	struct linuxsrc_listing *l = linuxsrc_listing_from(buf, len);
	const char *p, *end = buf + len;
	char why[400], name[300];
	int lines = 0;

	if (!l)
		return;
	fuzz_safe("upload", linuxsrc_listing_upload(l), 0);
	for (p = memchr(buf, '\n', len); p && ++p < end && lines < 64; lines++) {
		const char *tab = memchr(p, '\t', (size_t)(end - p)), *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = tab && (!nl || tab < nl) ? (size_t)(tab - p) : 0;
		if (n && n < sizeof name) {
			memcpy(name, p, n);
			name[n] = '\0';
			if (linuxsrc_name_ok(name) && linuxsrc_listing_check(l, name, why, sizeof why) < 0)
				fuzz_safe("why", why, 0);
		}
		p = nl;
	}
	if (linuxsrc_listing_check(l, "mm", why, sizeof why) < 0)
		fuzz_safe("why", why, 0);
	if (linuxsrc_listing_check(l, "zz/not/there.c", why, sizeof why) < 0)
		fuzz_safe("why", why, 0);
	linuxsrc_listing_close(l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[300];
	char *copy;

	if (size < 1)
		return 0;
	if (data[0] & 1) {
		if (linuxsrc_tar_scan(data + 1, size - 1, why, sizeof why) < 0)
			fuzz_safe("tar why", why, 0);
		return 0;
	}
	/* an exact-size copy: a read past the end is ASan's to see */
	copy = malloc(size - 1 ? size - 1 : 1);
	memcpy(copy, data + 1, size - 1);
	map(copy, size - 1);
	free(copy);
	return 0;
}
