/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_print.h - a finished walk as text lines, for exercise and translate.
 *
 * Both `pagewalk exercise -c` and `pagewalk translate --mem` print walks
 * with these functions, so a test can compare the two line by line.
 */
#ifndef PAGEWALK_PRINT_WALK_H
#define PAGEWALK_PRINT_WALK_H

#include <stdio.h>

#include "paging/walk.h"

/* "user read", "kernel write", "user fetch". */
const char *cmd_print_access(struct access acc, char *buf, size_t len);
/* An address at the arch's width: 0x%08x on 32-bit archs, 0x%016x else. */
const char *cmd_print_addr(const struct arch *a, uint64_t addr, char *buf, size_t len);
/* A physical address: 0x%08x, wider only when it needs to be. */
const char *cmd_print_phys(uint64_t pa, char *buf, size_t len);
/* An entry value at the entry's width. */
const char *cmd_print_entry(const struct arch *a, uint64_t value, char *buf, size_t len);
/* One line per real level the walk read, then the result line, each
 * starting with indent:
 *   pgd  index 35    entry 0x0016308c = 0x00171027 (P RW US A)
 *   -> physical address 0x00345123 (4 KiB page at 0x00345000)
 *   -> page fault, error code 0x6 (W U): the pte entry 3 (at 0x102018) is not present.
 * On arm64 the flags are the descriptor's (arm64_flags_format, full) and
 * an abort takes three lines:
 *   -> abort: the pte entry 3 (at 0x102018) is invalid (bit 0 clear): a level 3 translation fault.
 *      ESR_EL1 0x92000007: EC 0x24 DABT (lower EL), IL, WnR 0, DFSC 0x07 level 3 translation fault
 *      FAR_EL1 0x0000000000403123; do_mem_abort > do_translation_fault > do_page_fault */
void cmd_print_walk(FILE *f, const char *indent, const struct arch *a, const struct walk *w);

#endif
