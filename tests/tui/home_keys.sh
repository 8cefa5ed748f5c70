#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The home menu moves like a pager (j/k, PgDn/PgUp, g/Home first, G/End
# last) and shows that it scrolls: "items 1-17 of N ▼" (N lessons and traces). Lesson titles are
# whole at 80 columns (the number stands for the file name).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
export PAGEWALK_TRACES="$PAGEWALK_ROOT/traces"
cd "$PAGEWALK_ROOT" || exit 1
n_tr=$(ls traces/*.yaml | wc -l)
n_le=$(ls lessons/*.yaml | wc -l)
total=$((n_tr + n_le))
last=$(ls traces/*.yaml | tail -1); last=${last##*/}

tui_start 80 24 "$PAGEWALK"
check_screen "80x24: the first lesson is selected" "> 01  Pages, frames and the fields of an address"
check_screen "80x24: lesson 04's title is whole" "04  x86-32 with PAE: three levels and 64-bit entries"
check_screen "80x24: the menu says it scrolls" "items 1-17 of $total  ▼"
tui_keys G
check_screen "80x24: G selects the last trace" "> $last"
check_screen "80x24: at the end: more above only" "of $total ▲"
check_not_screen "80x24: at the end: the first lesson scrolled away" "01  Pages"
# the fixed heading names what is under it: traces, not "Lessons"
heading=$(tui_screen | sed -n 2p)
check_contains "80x24: at the end the heading says Traces" "$heading" "Traces ($PAGEWALK_TRACES)"
check_eq "80x24: ... and the traces' heading is not shown twice" 1 "$(tui_screen | grep -c 'Traces (')"
tui_keys Home
check_screen "80x24: Home selects the first lesson" "> 01  Pages"
tui_keys End
check_screen "80x24: End selects the last trace" "> $last"
tui_keys g
check_screen "80x24: g selects the first lesson" "> 01  Pages"
tui_keys NPage
check_screen "80x24: PgDn moves a page: both arrows" "▲▼"
check_not_screen "80x24: PgDn: the first lesson is no longer selected" "> 01  Pages"
tui_keys PPage
check_screen "80x24: PgUp comes back to the first lesson" "> 01  Pages"
tui_keys ?
check_screen "80x24: help lists G/End" "G End"
tui_stop

tui_start 132 60 "$PAGEWALK"
check_screen "132x60: menu shown" "> 01  Pages"
check_not_screen "132x60: everything fits: no scroll note" "items "
tui_keys G
check_screen "132x60: G selects the last trace" "> $last"
tui_stop

tui_start 80 24 "$PAGEWALK" --lang ja
check_screen "80x24 ja: the scroll note in Japanese" "1-17 件目 / $total 件"
tui_stop
