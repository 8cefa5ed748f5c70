/* SPDX-License-Identifier: GPL-2.0-only */
/* walkgeom.h - the paging geometry the recorders' gdb scripts walk with.
 *
 * guest/hwwalk.py is the one page walker of the recorders' scripts (our
 * guest's walk witnesses, guest/walkwitness.py under gdb and
 * guest/bochswitness.py driving Bochs's debugger, and the Linux tracer,
 * guest/linux/trace.py). It knows no arch: it reads these lines, made here
 * from engine/paging's profiles, so the scripts hold no copy of the levels.
 *
 *   format=x86|arm64         how an entry says present and leaf: x86's P
 *                            and PS bits (the walker reads only this one
 *                            today: arm64's descriptors, valid and
 *                            table/block, are for the arm64 recorder)
 *   word=BYTES               unsigned long
 *   cr3-mask=0x...           cr3 -> the top table (PAE: 32-byte aligned)
 *   entry-mask=0x...         an entry -> the next table's address
 *   level=NAME:SHIFT:BITS:SIZE:LARGE   a real level, from the top; LARGE 1
 *                            when PS there maps a page
 *   level=NAME               a folded level
 *
 * Pure formatting: nothing opens or prints.
 */
#ifndef PAGEWALK_WALKGEOM_H
#define PAGEWALK_WALKGEOM_H

#include <stddef.h>

#include "paging/arch.h"

/* a's geometry lines into buf (NUL-terminated). The length the text
 * needs (as snprintf), so a short buf is seen. */
size_t walkgeom_text(const struct arch *a, char *buf, size_t len);

#endif
