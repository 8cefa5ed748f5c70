/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_int.h - what the trace model (trace.c) and its validation
 * (trace_validate.c) share. */
#ifndef PAGEWALK_TRACE_INT_H
#define PAGEWALK_TRACE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "paging/arch.h"
#include "paging/walk.h"

/* Does a present entry value e at level lv map a page (the pte level, or
 * PS set where the arch allows a large page there)? */
bool trace_entry_leaf(const struct arch *a, enum level lv, uint64_t e);

#endif
