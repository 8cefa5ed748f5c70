/* SPDX-License-Identifier: GPL-2.0-only */
/* elfsym.c - a symbol's address from an ELF32 image (.symtab).
 *
 * The image is a buffer of bytes read from a file: every header and symbol
 * is copied out of it (memcpy into <elf.h>'s Elf32_* types, never a
 * pointer cast into the buffer, whose alignment is unknown) after checking
 * that it lies inside. Our guest is little-endian i386, as is the host the
 * recorder runs on; the image's EI_DATA must say so. */
#include "record/elfsym.h"

#include <elf.h>
#include <string.h>

/* Copy size bytes at off out of the image (n bytes) into out; false when
 * they are not all inside it. */
static bool take(const unsigned char *elf, size_t n, uint64_t off, size_t size, void *out)
{
	if (off > n || size > n - off)
		return false;
	memcpy(out, elf + off, size);
	return true;
}

/* Section header i of the image into sh. */
static bool section(const unsigned char *elf, size_t n, const Elf32_Ehdr *eh, unsigned i,
		    Elf32_Shdr *sh)
{
	if (i >= eh->e_shnum || eh->e_shentsize < sizeof *sh)
		return false;
	return take(elf, n, eh->e_shoff + (uint64_t)i * eh->e_shentsize, sizeof *sh, sh);
}

/* Look name up in the symbol table sh (its strings in section sh_link). */
static int in_symtab(const unsigned char *elf, size_t n, const Elf32_Ehdr *eh,
		     const Elf32_Shdr *sh, const char *name, uint32_t *addr)
{
	size_t want = strlen(name);
	Elf32_Shdr str;

	if (!section(elf, n, eh, sh->sh_link, &str) || sh->sh_entsize < sizeof(Elf32_Sym) ||
	    sh->sh_offset > n || sh->sh_size > n - sh->sh_offset ||
	    str.sh_offset > n || str.sh_size > n - str.sh_offset)
		return -1;
	for (uint32_t i = 0; i + sh->sh_entsize <= sh->sh_size; i += sh->sh_entsize) {
		Elf32_Sym sym;
		take(elf, n, (uint64_t)sh->sh_offset + i, sizeof sym, &sym);
		if (sym.st_name < str.sh_size && str.sh_size - sym.st_name > want &&
		    memcmp(elf + str.sh_offset + sym.st_name, name, want + 1) == 0) {
			*addr = sym.st_value;
			return 0;
		}
	}
	return -1;
}

int elfsym_find(const unsigned char *elf, size_t n, const char *name, uint32_t *addr)
{
	Elf32_Ehdr eh;
	Elf32_Shdr sh;

	if (!take(elf, n, 0, sizeof eh, &eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return -1;
	for (unsigned i = 0; section(elf, n, &eh, i, &sh); i++)
		if (sh.sh_type == SHT_SYMTAB && in_symtab(elf, n, &eh, &sh, name, addr) == 0)
			return 0;
	return -1;
}
