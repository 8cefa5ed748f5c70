/* SPDX-License-Identifier: GPL-2.0-only */
/* elfsym.h - one symbol's address from our guest's ELF32 symbol table
 * (the Bochs debugger's breakpoint at the #PF entry needs it before the
 * run). Pure parsing of a buffer the caller read; every offset is checked
 * against its size. */
#ifndef PAGEWALK_ELFSYM_H
#define PAGEWALK_ELFSYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value of symbol name in the ELF32 little-endian image elf (n bytes)
 * into *addr. 0, or -1 when the image is not such an ELF, has no symbol
 * table or no symbol of that name. */
int elfsym_find(const unsigned char *elf, size_t n, const char *name, uint32_t *addr);

#endif
