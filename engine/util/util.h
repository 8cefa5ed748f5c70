/* SPDX-License-Identifier: GPL-2.0-only */
/* util.h - engine/util: what every other group builds on. Include this or
 * the single header you need.
 *
 *   diag.h      struct diag: the one error type of the engine
 *   env.h       every environment variable, read once at start-up (the
 *               one getenv of engine/ and tui/)
 *   array.h     array_grow: the one doubling growth of the engine's arrays
 *   num.h       the one number grammar (decimal, 0x hex, '_' between digits)
 *   text.h      UTF-8 and escaping: nothing raw reaches a terminal
 *   yamlnode.h  YAML to a checked node tree with marks, and schema helpers
 *   yamlout.h   escaped YAML strings for the writers
 *   json.h      a strict JSON reader and string writer (lab results)
 *   file.h      the one safe reader: regular files only, never blocking
 *   file_write.h  the one atomic writer: temp file, fsync, rename/link
 *
 * Contract of the group:
 * - Depends on nothing else of ours (libc and libyaml only).
 * - Errors: a function that can reject input returns -1 (or NULL) and fills
 *   the caller's struct diag (may be NULL where documented); nothing prints.
 *   Out of memory is such an error ("out of memory"). num.h alone returns a
 *   status code, because callers word the message for their own field.
 * - Ownership: what a function returns malloc'd (text_escape, ynode_parse,
 *   file_read_regular, ynode_string) the caller frees with free() or the
 *   matching x_free(); x_free(NULL) is a no-op. struct diag is caller-owned
 *   storage.
 * - Cost: every call is linear in its input; ynode_parse/file_read_regular
 *   refuse input past the caller's limits (bytes, depth, string, nodes)
 *   before doing more work.
 */
#ifndef PAGEWALK_UTIL_H
#define PAGEWALK_UTIL_H

#include "util/array.h"
#include "util/diag.h"
#include "util/env.h"
#include "util/num.h"
#include "util/text.h"
#include "util/yamlnode.h"
#include "util/yamlout.h"
#include "util/json.h"
#include "util/file.h"
#include "util/file_write.h"

#endif
