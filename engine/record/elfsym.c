/* SPDX-License-Identifier: GPL-2.0-only */
/* elfsym.c - a symbol's address from an ELF32 image (.symtab). */
#include "record/elfsym.h"

#include <string.h>

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* Section header i of the image (40 bytes), or NULL when outside it. */
static const unsigned char *section(const unsigned char *elf, size_t n, unsigned i)
{
	uint32_t off = rd32(elf + 32);
	uint16_t size = rd16(elf + 46), count = rd16(elf + 48);

	if (i >= count || size < 40 || off > n || (size_t)i * size + 40 > n - off)
		return NULL;
	return elf + off + (size_t)i * size;
}

/* Look name up in the symbol table sh (its strings in section link). */
static int in_symtab(const unsigned char *elf, size_t n, const unsigned char *sh,
		     const char *name, uint32_t *addr)
{
	uint32_t off = rd32(sh + 16), size = rd32(sh + 20), ent = rd32(sh + 36);
	const unsigned char *str = section(elf, n, rd32(sh + 24));
	size_t want = strlen(name);

	if (!str || ent < 16 || off > n || size > n - off)
		return -1;
	uint32_t soff = rd32(str + 16), ssize = rd32(str + 20);
	if (soff > n || ssize > n - soff)
		return -1;
	for (uint32_t i = 0; i + ent <= size; i += ent) {
		const unsigned char *sym = elf + off + i;
		uint32_t nm = rd32(sym);
		if (nm < ssize && ssize - nm > want && memcmp(elf + soff + nm, name, want + 1) == 0) {
			*addr = rd32(sym + 4);
			return 0;
		}
	}
	return -1;
}

int elfsym_find(const unsigned char *elf, size_t n, const char *name, uint32_t *addr)
{
	const unsigned char *sh;

	if (n < 52 || memcmp(elf, "\177ELF", 4) != 0 || elf[4] != 1 || elf[5] != 1)
		return -1;
	for (unsigned i = 0; (sh = section(elf, n, i)); i++)
		if (rd32(sh + 4) == 2 && in_symtab(elf, n, sh, name, addr) == 0)   /* SHT_SYMTAB */
			return 0;
	return -1;
}
