/* SPDX-License-Identifier: GPL-2.0-only */
/* theme.h - colour pairs and their monochrome stand-ins.
 *
 * Every drawing function asks the theme for the attribute of a role
 * (title bar, a level's bit field, the current walk step ...) rather than
 * naming colours. With colour, a role is a colour pair plus maybe bold; in
 * monochrome (NO_COLOR set, or a terminal without colours) it is bold,
 * underline, reverse or dim, so nothing relies on colour alone.
 *
 * The theme also carries whether the terminal's locale is UTF-8 (decided
 * once, by main, and handed in): when it is not, drawing falls back to
 * ASCII (non-ASCII text shown as '?').
 */
#ifndef PAGEWALK_THEME_H
#define PAGEWALK_THEME_H

#include <curses.h>
#include <stdbool.h>

#include "paging/arch.h"

enum role {
	ROLE_NORMAL,
	ROLE_TITLE,        /* the title bar */
	ROLE_HINT,         /* the key-hint line */
	ROLE_STATUS,       /* a neutral status message */
	ROLE_ERROR,        /* an error message, a wrong answer, "failed here" */
	ROLE_GOOD,         /* a right answer, a completed walk */
	ROLE_HEADING,      /* a pane or step heading */
	ROLE_CODE_SPAN,    /* `inline code` in narrative text */
	ROLE_CODE,         /* code pane text */
	ROLE_CODE_HL,      /* highlighted code line */
	ROLE_LINENO,       /* code line numbers */
	ROLE_DIM,          /* not yet revealed, folded, secondary */
	ROLE_CURRENT,      /* the walk step being animated */
	ROLE_MARK,         /* an entry marked by the caller (e.g. copied) */
	ROLE_SELECT,       /* the selected menu row */
	ROLE_INPUT,        /* an input field */
	ROLE_FIELD_PGD,    /* address bit fields, one per level ... */
	ROLE_FIELD_P4D,
	ROLE_FIELD_PUD,
	ROLE_FIELD_PMD,
	ROLE_FIELD_PTE,
	ROLE_FIELD_OFF,    /* ... and the page offset */
	ROLE_COUNT
};

struct drawcheck;

struct theme {
	bool color;               /* colour pairs in use */
	bool utf8;                /* the locale's codeset is UTF-8 */
	attr_t attr[ROLE_COUNT];
	struct drawcheck *check;  /* PAGEWALK_DRAWCHECK: where cut text is reported, or NULL */
};

/* Fill th for the running terminal (call after initscr). Colour is used
 * when the terminal has colours and no_color is false (NO_COLOR unset: any
 * value, even empty, turns colour off). utf8: the locale's codeset is
 * UTF-8, as main decided it once. */
void theme_init(struct theme *th, bool utf8, bool no_color);
/* Monochrome theme without touching the terminal (for tests and before
 * curses starts). */
void theme_init_mono(struct theme *th, bool utf8);

/* The attribute of a role. */
static inline attr_t theme_attr(const struct theme *th, enum role r)
{
	return th->attr[r];
}
/* The role of a level's bit field in the address bar, by level. In
 * monochrome, adjacent fields alternate by their position `nth` among the
 * fields shown, so neighbours always look different. */
attr_t theme_field(const struct theme *th, enum level lv, int nth);

#endif
