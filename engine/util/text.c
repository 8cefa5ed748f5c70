/* SPDX-License-Identifier: GPL-2.0-only */
/* text.c - translated text lookup and escaping of untrusted strings. */
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *text_get(const struct text *t, enum lang lang)
{
	if (!t)
		return "";
	if (lang >= 0 && lang < LANG_COUNT && t->s[lang])
		return t->s[lang];
	return t->s[LANG_EN] ? t->s[LANG_EN] : "";
}

void text_clear(struct text *t)
{
	if (!t)
		return;
	for (int i = 0; i < LANG_COUNT; i++) {
		free(t->s[i]);
		t->s[i] = NULL;
	}
}

int lang_parse(const char *s)
{
	if (!s)
		return -1;
	if (strcmp(s, "en") == 0)
		return LANG_EN;
	if (strcmp(s, "ja") == 0)
		return LANG_JA;
	return -1;
}

const char *lang_code(enum lang lang)
{
	return lang == LANG_JA ? "ja" : "en";
}

size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], need, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		need = 1, min = 0x80, c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		need = 2, min = 0x800, c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		need = 3, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (n < need + 1)
		return 0;
	for (unsigned i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return need + 1;
}

bool text_is_invisible(unsigned cp)
{
	return cp == 0x061c ||                    /* arabic letter mark */
	       (cp >= 0x200b && cp <= 0x200f) ||  /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
	       (cp >= 0x2028 && cp <= 0x202e) ||  /* separators, embeddings, overrides */
	       (cp >= 0x2060 && cp <= 0x2064) ||  /* word joiner, invisible operators */
	       (cp >= 0x2066 && cp <= 0x206f) ||  /* isolates, deprecated format chars */
	       cp == 0xfeff;                      /* BOM / zero-width no-break space */
}

/* Append the escaped form of s to out (which has room: 6 bytes per input
 * byte at most; <U+XXXX> is 8 bytes for a 3-byte character); returns the
 * new end. */
static char *escape_into(char *out, const unsigned char *s, size_t len, bool newlines)
{
	size_t i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			out += sprintf(out, "\\x%02x", s[i]);
			i++;
		} else if (cp == '\n' && newlines) {
			*out++ = '\n';
			i++;
		} else if (cp == '\t') {
			*out++ = ' ';
			i++;
		} else if (cp < 0x20 || cp == 0x7f) {
			out += sprintf(out, "\\x%02x", cp);
			i++;
		} else if (cp >= 0x80 && cp <= 0x9f) {
			out += sprintf(out, "\\u%04x", cp);
			i += n;
		} else if (text_is_invisible(cp)) {
			out += sprintf(out, "<U+%04X>", cp);
			i += n;
		} else {
			memcpy(out, s + i, n);
			out += n;
			i += n;
		}
	}
	*out = '\0';
	return out;
}

char *text_escape(const char *s, size_t len, bool newlines)
{
	char *out;

	if (len > ((size_t)-1 - 1) / 6)
		return NULL;
	out = malloc(len * 6 + 1);
	if (!out)
		return NULL;
	escape_into(out, (const unsigned char *)s, len, newlines);
	return out;
}

bool text_is_safe(const char *s, bool newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_decode(p + i, len - i, &cp);

		if (n == 0 || cp == '\t' || (cp == '\n' && !newlines) ||
		    (cp < 0x20 && cp != '\n') || cp == 0x7f ||
		    (cp >= 0x80 && cp <= 0x9f) || text_is_invisible(cp))
			return false;
		i += n;
	}
	return true;
}

/* Code points that never begin a line (JIS X 4051 line-start prohibited
 * characters, the strict set: small kana included). */
static const unsigned no_start[] = {
	0x3001, 0x3002, 0xff0c, 0xff0e, 0x300d, 0x300f, 0xff09, 0xff3d, 0xff5d,
	0x3009, 0x300b, 0x3011, 0x3015, 0x3017, 0x3019, 0x301f, 0x30fc, 0x30fb,
	0x309d, 0x309e, 0x30fd, 0x30fe, 0x3005, 0xff01, 0xff1f, 0xff1a, 0xff1b,
	0x2019, 0x201d, 0x30a0, 0x301c, 0x2026, 0x2025,
	/* ASCII closing punctuation after a Japanese character */
	')', ']', '}', ',', '.', ':', ';', '!', '?', '%',
	/* small hiragana */
	0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087,
	0x308e, 0x3095, 0x3096,
	/* small katakana */
	0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3, 0x30e3, 0x30e5, 0x30e7,
	0x30ee, 0x30f5, 0x30f6,
};

/* Code points that never end a line: opening brackets. */
static const unsigned no_end[] = {
	0x300c, 0x300e, 0xff08, 0xff3b, 0xff5b, 0x3008, 0x300a, 0x3010, 0x3014,
	0x3016, 0x3018, 0x301d, 0x2018, 0x201c, '(', '[', '{',
};

static bool in_set(const unsigned *set, size_t n, unsigned cp)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == cp)
			return true;
	return false;
}

bool text_may_start_line(unsigned cp)
{
	return !in_set(no_start, sizeof no_start / sizeof no_start[0], cp);
}

bool text_may_end_line(unsigned cp)
{
	return !in_set(no_end, sizeof no_end / sizeof no_end[0], cp);
}

char *text_expand_tabs(const char *s, size_t len)
{
	size_t n = 0, col = 0;
	char *out;

	for (size_t i = 0; i < len; i++)
		n += s[i] == '\t' ? TEXT_TAB : 1;
	if (!(out = malloc(n + 1)))
		return NULL;
	n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\t') {
			do
				out[n++] = ' ';
			while (++col % TEXT_TAB);
		} else {
			out[n++] = s[i];
			col += ((unsigned char)s[i] & 0xc0) != 0x80;
		}
	}
	out[n] = '\0';
	return out;
}
