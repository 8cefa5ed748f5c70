/* SPDX-License-Identifier: GPL-2.0-only */
/* paging.h - engine/paging: the paging model of x86 and arm64. Include
 * this or the single header you need.
 *
 *   arch.h     Linux's paging profiles (levels, shifts, masks, macros), the
 *              address split and parse, which level may map a large page
 *   physmem.h  sparse simulated physical memory (and read-only views)
 *   walk.h     the MMU's walk over physmem: one access, every level
 *   fault.h    the error code, do_page_fault's route, vmalloc_sync_one
 *   arm64.h    arm64's profiles, its two address ranges, descriptors, walk
 *              and abort (ESR_EL1, FAR_EL1, do_mem_abort's route); arch.c
 *              and walk.c hand an arm64 profile over to it
 *   exercise.h, memimage.h  paper exercises and memory image files
 *
 * Contract of the group:
 * - Depends only on engine/util (diag). Knows nothing of lessons or traces.
 * - Errors: addr_split/addr_parse return -1 with the caller's struct diag
 *   filled (a sentence, no location: the caller adds its own). A walk that
 *   fails is not an error but a result: struct walk's status and reason say
 *   what the MMU did, in words a learner reads.
 * - Ownership: profiles are static const; physmem_new/physmem_clone return a
 *   handle the caller frees with physmem_free (NULL is a no-op); walks and
 *   fault results are caller-owned structs with no pointers to free.
 * - Cost: addr_split and a walk are O(levels); physmem reads and writes are
 *   O(1) (hashed pages); physmem_clone is O(pages written).
 */
#ifndef PAGEWALK_PAGING_H
#define PAGEWALK_PAGING_H

#include "paging/arch.h"
#include "paging/arm64.h"
#include "paging/fault.h"
#include "paging/physmem.h"
#include "paging/walk.h"

#endif
