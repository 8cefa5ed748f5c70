#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# --lang ja under LANG=C: the terminal cannot show Japanese, so the program
# says so and shows English, never a screen of '?'.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"

TUI_LANG=C
tui_start 80 24 "$PAGEWALK" --lang ja lesson 01
check_screen "LANG=C --lang ja: the lesson is shown in English" "Pages, frames and the fields of an address"
check_screen "LANG=C --lang ja: the status line says why" "--lang ja: the locale is not UTF-8, so Japanese cannot be shown"
check_not_screen "LANG=C --lang ja: no run of '?' on the screen" "????"
tui_keys n
check_screen "LANG=C --lang ja: n: the next step, in English" "step 2/"
check_screen "LANG=C --lang ja: English key hints" "n next"
check_not_screen "LANG=C --lang ja: still no '?' after a key" "????"
tui_keys q
check_screen "LANG=C --lang ja: the warning is left on the terminal after quitting" "pagewalk: --lang ja: the locale (LANG=C) is not UTF-8"
tui_stop
