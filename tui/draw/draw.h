/* SPDX-License-Identifier: GPL-2.0-only */
/* draw.h - tui/draw, the group: reusable drawing parts (text, the
 * address bar, the walk diagram, the code pane, the tables view) and the
 * theme. The group's contract.
 *
 * The group (tui/draw/): draw_text.c (strings, wrapped text, measures),
 * draw_addr.c, draw_walk.c, draw_code.c, draw_tables.c (draw_tables.h),
 * theme.c (theme.h), draw_check.c (PAGEWALK_DRAWCHECK's report). It calls
 * curses and the engine's paging and util, nothing else of ours: no
 * screen, no command. Names: draw_*, drawcheck_*, theme_*.
 *
 * Every part draws into a rectangle of a curses window from const engine
 * structs and a theme; none of them keeps state or changes its inputs, so
 * the lesson player and the trace replayer can share them. A part never
 * draws outside its rectangle (it clears it first) and never moves the
 * cursor anywhere that matters. Strings are UTF-8 from the engine, already
 * free of control characters; they are measured by display width (wcwidth),
 * so Japanese text is wrapped and clipped without splitting a character.
 *
 * Ownership: a part borrows what it draws for the call; the caller owns
 * it. Errors: none to report: text that does not fit is cut (and reported
 * to the draw check when one is open, the group's one global). Cost: linear
 * in the text drawn; a wrapped text is laid out once per draw.
 */
#ifndef PAGEWALK_DRAW_H
#define PAGEWALK_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>

#include "paging/arch.h"
#include "util/text.h"
#include "draw/theme.h"
#include "paging/walk.h"

struct rect {
	int y, x, h, w;
};

/* ---- draw_check.c: reporting text that does not fit (see there) -------- */

struct drawcheck;
/* Open the report file (appended to); NULL when it cannot be opened. */
struct drawcheck *drawcheck_open(const char *path);
void drawcheck_close(struct drawcheck *dc);
/* The open one (the last drawcheck_open'ed), or NULL. */
struct drawcheck *drawcheck_current(void);
/* What the frames from now on show, for the reports ("lesson 07 step 9"). */
/* Also write every string drawn (source lines aside) to path: 0, or -1. */
int drawcheck_log_text(struct drawcheck *dc, const char *path);
/* Source lines are being drawn (on) or not: they are not logged as text. */
void drawcheck_code(struct drawcheck *dc, bool on);
void drawcheck_where(struct drawcheck *dc, const char *where);
/* A new frame of lines x cols starts: no cell is drawn yet. */
void drawcheck_frame(struct drawcheck *dc, int lines, int cols);
/* Internal to the draw_*.c files: a string starts (its number), one cell of
 * it is drawn, a rectangle is cleared, a cut is reported. All no-ops when
 * dc is NULL. */
unsigned drawcheck_begin(struct drawcheck *dc, const char *s);
void drawcheck_cell(struct drawcheck *dc, int y, int x, wchar_t c);
void drawcheck_clear(struct drawcheck *dc, struct rect r);
void drawcheck_report(struct drawcheck *dc, const char *what, int y, int x, int width,
		      const char *s);

/* Clear r (spaces in attribute a). */
void draw_clear(WINDOW *w, struct rect r, attr_t a);
/* Draw one line of s at y, x, clipped to maxw columns (never half a wide
 * character); '\n' and control characters show as spaces / '?'. Returns the
 * columns used. */
int draw_str(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a,
	     const struct theme *th);
/* draw_str for a caller that clips on purpose and shows that it did (the
 * code pane's '>'): not reported by PAGEWALK_DRAWCHECK. */
int draw_str_clip(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a,
		  const struct theme *th);
/* Draw the first of forms (NULL-terminated, longest first) that fits maxw
 * columns; the last one, clipped, when none does. Returns the columns used. */
int draw_first_fit(WINDOW *w, int y, int x, int maxw, attr_t a, const struct theme *th,
		   const char *const *forms);
/* printf then draw_str. */
int draw_fmt(WINDOW *w, int y, int x, int maxw, attr_t a, const struct theme *th,
	     const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Display width of s in columns (as draw_str would draw it). */
int draw_text_width(const char *s, const struct theme *th);
/* The end of s that fits maxw columns, written to out (size n): s itself
 * when it fits, else "…" ("..." without UTF-8) and as much of s's tail as
 * fits after it, cut between characters (a long path keeps its file name).
 * Returns out. */
char *draw_tail_fit(const char *s, int maxw, const struct theme *th, char *out, size_t n);
/* A text field's contents s at y, x: its end when s is wider than maxw - 1
 * columns (draw_tail_fit), so that what is being typed and the cursor
 * after it (the caller's, in the column left) stay in sight. Returns the
 * columns used. */
int draw_input(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a,
	       const struct theme *th);

/* ---- draw_text.c: wrapped narrative ----------------------------------- */

/* Lines s takes when wrapped to width columns: '\n' ends a line, words wrap
 * at spaces, CJK text may break between any two wide characters, a word
 * longer than the width is cut between characters. `code` spans (between
 * backquotes) lose their backquotes and are drawn in ROLE_CODE_SPAN. */
int draw_text_lines(const char *s, int width, const struct theme *th);
/* Draw s wrapped into r, starting at wrapped line `scroll`, in attribute
 * base. Returns the total number of wrapped lines. */
int draw_text(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
	      const struct theme *th);

/* draw_text for a scrolling pane that shows where it is (the lesson's
 * narrative): lines below r are not reported as cut. */
int draw_text_scroll(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
		     const struct theme *th);

/* The same without `code` spans: backquotes are ordinary characters (for
 * messages about files, which may contain any character). */
int draw_text_lines_plain(const char *s, int width, const struct theme *th);
int draw_text_plain(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
		    const struct theme *th);
/* draw_text_plain for a pane that scrolls (the lab's score page): lines
 * below r are not reported as cut. */
int draw_text_plain_scroll(WINDOW *w, struct rect r, const char *s, int scroll, attr_t base,
			   const struct theme *th);

/* ---- draw_addr.c: the address bar ------------------------------------- */

struct addr_view {
	const struct arch *arch;
	const struct addr_fields *f;
	int highlight;   /* a level to highlight (ROLE_CURRENT), LEVEL_COUNT for
	                    the offset, -1 for none */
	enum lang lang;  /* of the folded-levels note */
};
/* Rows the address bar wants at width w: 2 (bits + labels) or 1 (compact,
 * when the bits do not fit). */
int draw_addr_height(const struct addr_view *v, int width);
/* The address in hex, then its bits grouped and coloured per level with
 * "pgd 3" style labels under them; folded levels are named in a note. */
void draw_addr(WINDOW *w, struct rect r, const struct addr_view *v,
	       const struct theme *th);

/* ---- draw_walk.c: the walk diagram ------------------------------------ */

struct walk_view {
	const struct arch *arch;
	const struct walk *walk;
	int revealed;        /* steps shown, 0..nsteps; beyond nsteps the result
	                        line too; -1 shows everything */
	int current;         /* step index drawn as the one being animated; -1 none */
	int mark;            /* step index whose entry is marked (ROLE_MARK); -1 none */
	const char *mark_note; /* short note after the marked entry, or NULL */
	const char *title;   /* optional label before cr3 ("process", "init_mm") */
	bool boxes;          /* the caller made room for the boxed layout
	                        (draw_walk_box_height rows): draw boxes when they
	                        fit the rectangle, else the rows */
	enum lang lang;      /* words of the rows layout ("table", "folded",
	                        "failed here", the result line); 0: English */
	const char *reason;  /* why the walk failed, shown instead of the walk's
	                        English reason (NULL: the walk's) */
};
/* Rows the diagram wants: cr3, one per step (folded ones too), the result. */
int draw_walk_height(const struct walk_view *v);
/* Rows the boxed layout takes at width columns: boxes 5 rows high, chained
 * left to right and wrapped onto more rows of boxes, then the result line
 * (and a line for mark_note). 0 when it cannot be drawn that narrow. */
int draw_walk_box_height(const struct walk_view *v, int width);
/* The rows draw_walk uses at width: the boxed height when v->boxes and it
 * fits, else draw_walk_height. */
int draw_walk_rows(const struct walk_view *v, int width);
/* cr3 -> pgd -> ... -> frame, one row per level: table base, [index], entry
 * value, flags; folded levels as "pud: folded — pud_offset(p4d) == p4d";
 * the failing step marked "failed here" with the walk's reason. */
void draw_walk(WINDOW *w, struct rect r, const struct walk_view *v,
	       const struct theme *th);

/* With v->boxes and room (draw_walk_box_height <= r.h): the same as a chain
 *   ┌ cr3 ──┐   ┌ pgd [768] ──────┐                         ┌ pte [1] ...
 *   │access │   │table 0x00101000 │ p4d, pud, pmd: folded  │
 *   │0x00101│──▶│0x00102067       │═══════════════════════▶│
 *   └───────┘   │P RW US A D      │ pud_offset(p4d)==p4d   │
 *               └─────────────────┘                         └ ...
 * the animated box drawn in ROLE_CURRENT, the failing one in ROLE_ERROR,
 * unrevealed ones dim with "...", folded levels as a ═ bridge with their
 * *_offset() == pass-through labels, then the result line. */

/* ---- draw_code.c: the code pane --------------------------------------- */

struct code_lines {
	const char *title;         /* "arch/x86/mm/fault.c lines 236-266 (Linux v6.1)" or NULL */
	const char *note;          /* a row under the title ("lines moved in ..."), or NULL */
	char *const *lines;        /* nlines strings without '\n' */
	size_t nlines;
	unsigned first_line;       /* file line number of lines[0] */
	int number_shift;          /* shown numbers are first_line + number_shift + i (lines
				      moved in another upload; highlights keep first_line's) */
	/* Highlight test: true when file line `line` is highlighted. */
	bool (*highlighted)(const void *ctx, unsigned line);
	const void *ctx;
	const char *message;       /* nlines == 0: said instead (wrapped), e.g.
	                              how to get linux-source-6.1 */
};
/* First line index to show so the first highlighted line is visible with a
 * little context above it, for a pane of h rows. */
int draw_code_top(const struct code_lines *c, int h);
/* Title row, the note's row, then line numbers and lines from index top, highlighted lines
 * in ROLE_CODE_HL; long lines are cut with a '>' mark. */
void draw_code(WINDOW *w, struct rect r, const struct code_lines *c, int top,
	       const struct theme *th);

#endif
