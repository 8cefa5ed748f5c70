/* SPDX-License-Identifier: GPL-2.0-only */
/* memimage.h - a memory image file: an arch, a cr3 and raw table entries.
 *
 * The file is YAML in the lesson's `entries:` form, so a teacher can write
 * one by hand or copy the dump of a paper exercise into it:
 *
 *   arch: x86-32                 # required: x86-32, x86-32-pae, x86-64, x86-64-la57
 *   cr3: 0x00163000              # required: the top table (PAE: 32-byte aligned)
 *   entries:                     # physical address -> entry value
 *     0x00163c00: 0x00171023
 *   cpu: {wp: true, smep: false, smap: false}   # optional: walk.h's struct walk_cpu
 *
 * An arm64 image (arch: arm64-4k-39 ...) gives its two base registers
 * instead of cr3, both required: `ttbr0:` (TTBR0_EL1, the user half) and
 * `ttbr1:` (TTBR1_EL1, the kernel half), each aligned to the top table's
 * size; the ASID bits (63..48) may be set and are ignored by the walk.
 *
 * Every number is checked as a lesson's are (addresses within the arch's
 * physical width and aligned to the entry size, values within the entry
 * size, no address twice); memory not listed reads as zero. The first
 * problem fills d as "FILE:LINE:COL: message" and nothing is returned.
 * The caller frees the image with memimage_free() (NULL is a no-op).
 */
#ifndef PAGEWALK_MEMIMAGE_H
#define PAGEWALK_MEMIMAGE_H

#include "util/diag.h"
#include "paging/physmem.h"
#include "paging/arch.h"
#include "paging/walk.h"

#define MEMIMAGE_MAX_FILE (1u << 20)
#define MEMIMAGE_MAX_ENTRIES 65536

struct memimage {
	const struct arch *arch;
	uint64_t cr3;            /* x86: cr3; arm64: TTBR0_EL1 */
	uint64_t ttbr1;          /* arm64: TTBR1_EL1; 0 on x86 */
	struct physmem *mem;
	struct walk_cpu cpu;         /* WALK_CPU_DEFAULT unless `cpu:` says otherwise */
	bool cpu_given;
};

struct memimage *memimage_load(const char *path, struct diag *d);
void memimage_free(struct memimage *img);

#endif
