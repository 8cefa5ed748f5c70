/* SPDX-License-Identifier: GPL-2.0-only */
/* text.h - translated text and terminal-safe strings.
 *
 * Lesson and trace text comes from files people share, so every string the
 * loaders keep has passed through text_escape(): no control character, no
 * escape sequence and no invalid UTF-8 reaches the model, let alone the
 * terminal. Escaped bytes are shown as \xNN (C0, DEL, bad UTF-8) or \u00NN
 * (C1 controls); a tab becomes a space; '\n' is kept where lines are allowed.
 * Characters that are invisible or reorder text on screen (bidi embeddings,
 * overrides and isolates such as U+202E and U+2066..U+2069, LRM/RLM,
 * zero-width space and joiners, word joiner, a BOM inside the text, line and
 * paragraph separators) are shown by name, as <U+202E>, so a name cannot
 * pretend to be another.
 */
#ifndef PAGEWALK_TEXT_H
#define PAGEWALK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum lang { LANG_EN, LANG_JA, LANG_COUNT };

/* A string in each language; s[LANG_EN] is always set, others may be NULL. */
struct text {
	char *s[LANG_COUNT];
};

/* The text in lang, falling back to English; "" when t has none. */
const char *text_get(const struct text *t, enum lang lang);
/* Free the strings of t (not t itself); t may be NULL. */
void text_clear(struct text *t);
/* "en" -> LANG_EN, "ja" -> LANG_JA; -1 when unknown. */
int lang_parse(const char *s);
/* "en", "ja". */
const char *lang_code(enum lang lang);

/* Decode the UTF-8 sequence at s (n bytes left): its length, with the code
 * point in *cp, or 0 when invalid (overlong, surrogate, above U+10FFFF,
 * truncated). */
size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

/* Is cp one of the invisible or text-reordering characters shown as
 * <U+XXXX>? */
bool text_is_invisible(unsigned cp);
/* Japanese line-breaking rules (kinsoku): may a line begin with cp? Not
 * closing punctuation (。、，．」』）］｝〉》】), the prolonged sound mark ー,
 * the iteration marks, small kana (ぁぃぅ..., ァィゥ..., っッ) or the
 * middle dot, nor the full-width ！？：；. */
bool text_may_start_line(unsigned cp);
/* May a line end with cp? Not opening brackets: 「『（［｛〈《【. */
bool text_may_end_line(unsigned cp);

/* A malloc'd escaped copy of the len bytes at s (see above); keep '\n'
 * when newlines is true. NULL when out of memory. */
char *text_escape(const char *s, size_t len, bool newlines);
/* True when s (NUL-terminated) needs no escaping. */
bool text_is_safe(const char *s, bool newlines);

/* Columns from one tab stop to the next in source code shown on screen:
 * 8, Linux's (and our guest's, which follows its style). The lesson's
 * code pane and the replayer's use it alike. */
#define TEXT_TAB 8
/* A malloc'd copy of the len bytes at s with every tab replaced by the
 * spaces up to the next TEXT_TAB stop (columns counted in UTF-8
 * characters); nothing else changes (escape it after). NULL when out of
 * memory. */
char *text_expand_tabs(const char *s, size_t len);

#endif
