#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --lang ja under LANG=C: the terminal cannot show Japanese, so the program
# says so once, on the status line, and shows English, never a screen of
# '?'; the language is decided once (main), so no second notice follows on
# the terminal after quitting (a line command says it on stderr instead:
# tests/cli/macros.sh, translate.sh).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"

TUI_LANG=C
tui_start 80 24 "$PAGEWALK" --lang ja lesson 01
check_screen "LANG=C --lang ja: the lesson is shown in English" "Pages, frames and the fields of an address"
check_screen "LANG=C --lang ja: the status line says why" "--lang ja: the locale (LANG=C) is not UTF-8, so Japanese cannot be shown:"
check_not_screen "LANG=C --lang ja: no run of '?' on the screen" "????"
tui_keys n
check_screen "LANG=C --lang ja: n: the next step, in English" "step 2/"
check_screen "LANG=C --lang ja: English key hints" "n next"
check_not_screen "LANG=C --lang ja: still no '?' after a key" "????"
tui_keys q
check_screen "LANG=C --lang ja: quits" "EXITED 0"
check_not_screen "LANG=C --lang ja: one notice: none left on the terminal after quitting" "not UTF-8"
tui_stop

# The same run outside tmux: stderr stays silent (the status line had it).
err=$(LANG=C "$PAGEWALK" --lang ja lesson 01 </dev/null 2>&1 >/dev/null)
check_eq "LANG=C --lang ja without a terminal: only the terminal error, no language notice" \
	"pagewalk: the lesson player needs a terminal (stdin and stdout must be a tty)" "$err"
err=$(LANG=C "$PAGEWALK" --lang ja macros 2>&1 >/dev/null)
check_eq "LANG=C --lang ja macros: the notice once on stderr" 1 \
	"$(printf '%s\n' "$err" | grep -c 'not UTF-8')"
