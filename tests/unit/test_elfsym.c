/* SPDX-License-Identifier: GPL-2.0-only */
/* test_elfsym.c - a symbol's address from our guest's ELF32 (elfsym.c):
 * the value nm gives, and no read outside the image however it is cut or
 * damaged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record/elfsym.h"

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The guest ELF `make guest` builds (the recorder's Bochs breakpoint). */
static const char *guest_elf(void)
{
	static char path[1024];
	const char *b = getenv("BUILD");

	snprintf(path, sizeof path, "%s/guest/guest.elf", b && *b ? b : "build");
	return path;
}

static void test_nm_agrees(void **state)
{
	size_t n;
	unsigned char *elf = slurp(guest_elf(), &n);
	char cmd[1200], line[256];
	unsigned long want = 0;
	uint32_t got = 0;
	FILE *p;

	(void)state;
	if (!elf)
		fail_msg("%s: build it with make guest", guest_elf());
	snprintf(cmd, sizeof cmd, "nm %s", guest_elf());
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof line, p))
		if (strstr(line, " vector14\n"))
			want = strtoul(line, NULL, 16);
	pclose(p);
	assert_true(want != 0);
	assert_int_equal(elfsym_find(elf, n, "vector14", &got), 0);
	assert_int_equal(got, want);
	assert_int_equal(elfsym_find(elf, n, "no_such_symbol_here", &got), -1);
	/* a name that is a prefix of a real one is not it */
	assert_int_equal(elfsym_find(elf, n, "vecto", &got), -1);
	free(elf);
}

/* Cut short anywhere, or with a header field damaged: never a read out of
 * the image (the sanitizer build checks), and the right answer or none. */
static void test_damaged(void **state)
{
	size_t n;
	unsigned char *elf = slurp(guest_elf(), &n), *copy;
	uint32_t good = 0, got;

	(void)state;
	assert_non_null(elf);
	assert_int_equal(elfsym_find(elf, n, "vector14", &good), 0);
	for (size_t cut = 0; cut < n; cut += cut < 256 ? 1 : 997) {
		copy = malloc(cut ? cut : 1);
		memcpy(copy, elf, cut);
		got = 0;
		if (elfsym_find(copy, cut, "vector14", &got) == 0)
			assert_int_equal(got, good);
		free(copy);
	}
	/* e_shoff (32), e_shentsize (46), e_shnum (48), e_shstrndx (50) bytes */
	for (size_t off = 28; off < 52; off++)
		for (unsigned v = 0; v < 256; v += 51) {
			copy = malloc(n);
			memcpy(copy, elf, n);
			copy[off] = (unsigned char)v;
			elfsym_find(copy, n, "vector14", &got);
			free(copy);
		}
	assert_int_equal(elfsym_find((const unsigned char *)"\177ELF", 4, "x", &got), -1);
	free(elf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nm_agrees),
		cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
