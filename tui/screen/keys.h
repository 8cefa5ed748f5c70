/* SPDX-License-Identifier: GPL-2.0-only */
/* keys.h - the one key table: keys -> named actions, and the help text.
 *
 * Every key a screen reacts to is a row of the table in keys.c (like tig's
 * enum request and get_keybinding). Screens never compare key codes
 * themselves: they ask for a key's action (keys_action) and, where keys of
 * one action differ in how far they go, for its number (keys_arg); only
 * the text typed into an input field is taken as characters. The help
 * overlay and the key hint bars (keybar.c) are generated from the same
 * table, so they cannot drift from what keys do.
 */
#ifndef PAGEWALK_KEYS_H
#define PAGEWALK_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/text.h"

enum action {
	ACT_NONE,
	/* lesson */
	ACT_NEXT, ACT_BACK, ACT_GOTO, ACT_REPLAY, ACT_FINISH, ACT_FASTER, ACT_SLOWER,
	ACT_SCROLL_DOWN, ACT_SCROLL_UP, ACT_ANSWER, ACT_MENU, ACT_OPEN_TRACE, ACT_STEP_LEVEL,
	ACT_RETRY, ACT_PREDICT, ACT_REVIEW,
	/* quiz input field */
	ACT_SUBMIT, ACT_HINT, ACT_ERASE, ACT_LEAVE,
	/* home menu */
	ACT_UP, ACT_DOWN, ACT_OPEN, ACT_FIRST, ACT_LAST, ACT_PAGE_DOWN, ACT_PAGE_UP,
	/* trace replayer */
	ACT_PLAY, ACT_STEP_FWD, ACT_STEP_BACK, ACT_EVENT_NEXT, ACT_EVENT_PREV,
	ACT_MARK_NEXT, ACT_MARK_PREV, ACT_TENTH, ACT_SEARCH, ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV, ACT_SEARCH_CLEAR, ACT_CODE_VIEW,
	/* lab mode */
	ACT_HAND_IN,
	/* a quiz's or a lab's question, the sandbox's cell: a digit starts typing */
	ACT_TYPE,
	/* sandbox */
	ACT_SB_ADDR, ACT_SB_FILE, ACT_SB_ARCH, ACT_SB_ACCESS, ACT_SB_USER, ACT_SANDBOX,
	/* everywhere */
	ACT_HELP, ACT_QUIT, ACT_EXIT, ACT_REDRAW,
	ACT_COUNT
};

/* Where a binding applies (a bit mask). */
enum key_ctx {
	CTX_LESSON = 1 << 0,   /* lesson screen, no input field focused */
	CTX_INPUT  = 1 << 1,   /* typing an answer or a step number */
	CTX_HOME   = 1 << 2,   /* home menu */
	CTX_HELP   = 1 << 3,   /* help overlay shown */
	CTX_REPLAY = 1 << 4,   /* trace replayer, no input field focused */
	CTX_RSEARCH = 1 << 5,  /* trace replayer with a search active (with CTX_REPLAY) */
	CTX_RINPUT = 1 << 6,   /* trace replayer: typing an event number or a search */
	CTX_LAB    = 1 << 7,   /* lab mode (screen_lab.c), no input field focused */
	CTX_QUIZ   = 1 << 8,   /* lesson screen on a quiz step (with CTX_LESSON) */
	CTX_SUMMARY = 1 << 9,  /* lesson screen past the last step (with CTX_LESSON) */
	CTX_SANDBOX = 1 << 10, /* the sandbox, no field being typed in */
	/* Capabilities, never a context alone: a binding that carries one is
	 * offered (help overlay, hint bars) only when the screen's contexts
	 * have it too; its key still works (and says why it cannot act). */
	CTX_RCODE  = 1 << 11,  /* the replayer can switch its code pane (a guest trace) */
	CTX_HINT   = 1 << 12,  /* the screen gives hints (a lesson; never a lab) */
};
#define CTX_CAPS (CTX_RCODE | CTX_HINT)

#define KEYS_PER_ACTION 5

struct keybind {
	unsigned ctx;                 /* CTX_* mask */
	enum action action;
	int keys[KEYS_PER_ACTION];    /* curses key codes, 0-terminated */
	const char *help[LANG_COUNT]; /* one line: what it does; NULL: not in the help */
	const char *bar[LANG_COUNT];  /* a word or two for hint bars; NULL: never in one */
};

/* The action of key in contexts ctx (CTX_* bits; the first matching row
 * wins), or ACT_NONE. */
enum action keys_action(unsigned ctx, int key);
/* How far key goes in contexts ctx, where keys of one action differ: 5
 * for PgDn's scroll (1 for j), 3 for the digit 3's tenth of the trace; 1
 * for any other bound key, 0 for an unbound one. */
int keys_arg(unsigned ctx, int key);
/* The row that binds key in contexts ctx, or NULL. */
const struct keybind *keys_binding(unsigned ctx, int key);
/* Is b offered (listed in the help and hint bars) in contexts now: it
 * needs no capability (CTX_CAPS), or now has the one it needs? */
bool keys_offered(const struct keybind *b, unsigned now);
/* The table, in help order; *n gets its length. */
const struct keybind *keys_table(size_t *n);
/* "Space Right l n" style names of a binding's keys into buf. */
void keys_names(const struct keybind *b, char *buf, size_t len);
/* A short name of one key: "Space", "Right", "Enter", "Tab", "q" ... */
const char *keys_key_name(int key, char *buf, size_t len);

#endif
