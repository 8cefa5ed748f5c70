/* SPDX-License-Identifier: GPL-2.0-only */
/* theme.c - colour pairs and monochrome attributes for each role. */
#include "draw/theme.h"

#include <string.h>

void theme_init_mono(struct theme *th, bool utf8)
{
	memset(th, 0, sizeof *th);
	th->utf8 = utf8;
	th->attr[ROLE_NORMAL] = A_NORMAL;
	th->attr[ROLE_TITLE] = A_REVERSE | A_BOLD;
	th->attr[ROLE_HINT] = A_REVERSE;
	th->attr[ROLE_STATUS] = A_BOLD;
	th->attr[ROLE_ERROR] = A_BOLD | A_UNDERLINE;
	th->attr[ROLE_GOOD] = A_BOLD;
	th->attr[ROLE_HEADING] = A_BOLD;
	th->attr[ROLE_CODE_SPAN] = A_BOLD;
	th->attr[ROLE_CODE] = A_NORMAL;
	th->attr[ROLE_CODE_HL] = A_REVERSE;
	th->attr[ROLE_LINENO] = A_DIM;
	th->attr[ROLE_DIM] = A_DIM;
	th->attr[ROLE_CURRENT] = A_REVERSE | A_BOLD;
	th->attr[ROLE_MARK] = A_UNDERLINE | A_BOLD;
	th->attr[ROLE_SELECT] = A_REVERSE;
	th->attr[ROLE_INPUT] = A_UNDERLINE;
	/* fields: see theme_field */
}

/* Colour pair numbers, one per role that has a colour. */
enum {
	PAIR_TITLE = 1, PAIR_HINT, PAIR_ERROR, PAIR_GOOD, PAIR_HEADING, PAIR_SPAN,
	PAIR_CODE_HL, PAIR_CURRENT, PAIR_MARK, PAIR_SELECT, PAIR_INPUT,
	PAIR_PGD, PAIR_P4D, PAIR_PUD, PAIR_PMD, PAIR_PTE, PAIR_OFF,
};

void theme_init(struct theme *th, bool utf8, bool no_color)
{
	theme_init_mono(th, utf8);
	if (no_color || !has_colors() || start_color() == ERR || COLORS < 8)
		return;
	th->color = true;
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_HINT, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_GOOD, COLOR_GREEN, -1);
	init_pair(PAIR_HEADING, COLOR_YELLOW, -1);
	init_pair(PAIR_SPAN, COLOR_CYAN, -1);
	init_pair(PAIR_CODE_HL, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_CURRENT, COLOR_BLACK, COLOR_GREEN);
	init_pair(PAIR_MARK, COLOR_BLACK, COLOR_MAGENTA);
	init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_INPUT, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_PGD, COLOR_MAGENTA, -1);
	init_pair(PAIR_P4D, COLOR_RED, -1);
	init_pair(PAIR_PUD, COLOR_BLUE, -1);
	init_pair(PAIR_PMD, COLOR_CYAN, -1);
	init_pair(PAIR_PTE, COLOR_GREEN, -1);
	init_pair(PAIR_OFF, COLOR_YELLOW, -1);
	th->attr[ROLE_TITLE] = COLOR_PAIR(PAIR_TITLE) | A_BOLD;
	th->attr[ROLE_HINT] = COLOR_PAIR(PAIR_HINT);
	th->attr[ROLE_ERROR] = COLOR_PAIR(PAIR_ERROR) | A_BOLD;
	th->attr[ROLE_GOOD] = COLOR_PAIR(PAIR_GOOD) | A_BOLD;
	th->attr[ROLE_HEADING] = COLOR_PAIR(PAIR_HEADING) | A_BOLD;
	th->attr[ROLE_CODE_SPAN] = COLOR_PAIR(PAIR_SPAN);
	th->attr[ROLE_CODE_HL] = COLOR_PAIR(PAIR_CODE_HL);
	th->attr[ROLE_CURRENT] = COLOR_PAIR(PAIR_CURRENT) | A_BOLD;
	th->attr[ROLE_MARK] = COLOR_PAIR(PAIR_MARK) | A_BOLD;
	th->attr[ROLE_SELECT] = COLOR_PAIR(PAIR_SELECT);
	th->attr[ROLE_INPUT] = COLOR_PAIR(PAIR_INPUT);
	th->attr[ROLE_FIELD_PGD] = COLOR_PAIR(PAIR_PGD) | A_BOLD;
	th->attr[ROLE_FIELD_P4D] = COLOR_PAIR(PAIR_P4D) | A_BOLD;
	th->attr[ROLE_FIELD_PUD] = COLOR_PAIR(PAIR_PUD) | A_BOLD;
	th->attr[ROLE_FIELD_PMD] = COLOR_PAIR(PAIR_PMD) | A_BOLD;
	th->attr[ROLE_FIELD_PTE] = COLOR_PAIR(PAIR_PTE) | A_BOLD;
	th->attr[ROLE_FIELD_OFF] = COLOR_PAIR(PAIR_OFF) | A_BOLD;
}

attr_t theme_field(const struct theme *th, enum level lv, int nth)
{
	int r = lv >= LEVEL_COUNT ? ROLE_FIELD_OFF : ROLE_FIELD_PGD + (int)lv;

	if (th->color)
		return th->attr[r];
	return nth % 2 ? A_UNDERLINE : A_BOLD;
}
