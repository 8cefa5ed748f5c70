/* SPDX-License-Identifier: GPL-2.0-only */
/* suggest.h - "did you mean ...?": the word of a list nearest a typo.
 *
 * The distance is Damerau-Levenshtein's (a swap of two neighbours counts
 * one, as in lesosn for lesson); a word is suggested when it is at most
 * two edits away and nearer than every other. Nothing allocated.
 */
#ifndef PAGEWALK_SUGGEST_H
#define PAGEWALK_SUGGEST_H

#include <stddef.h>

/* Edits from a to b (insert, delete, replace, swap two neighbours); words
 * longer than 63 bytes count as far. */
unsigned suggest_distance(const char *a, const char *b);
/* The word of words[0..n) nearest typed when it is at most two edits away
 * and the only one that near; NULL otherwise. */
const char *suggest_word(const char *typed, const char *const *words, size_t n);

#endif
