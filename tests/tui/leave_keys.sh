#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# q and m move like tig and htop: q goes back to the screen a lesson or a
# trace was opened from (the menu, the lesson) and quits only from the menu
# or from a screen opened alone; m is on the key bar and opens the menu
# from anywhere, also from a lesson or a trace opened from the command line
# (the menu takes its place). The help says how it closes, once.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"

# a lesson opened alone: q quits, m opens the menu in its place
tui_start 80 24 "$PAGEWALK" lesson 01
check_screen "alone: the lesson opens" "step 1/"
check_screen "alone: m and q on the key bar" "m menu"
check_screen "alone: q says it quits" "q quit"
tui_keys m
check_screen "alone: m opens the menu" "Traces ("
check_screen "alone: ... with the lessons" "Pages, frames and the fields of an address"
tui_keys Enter
check_screen "menu: Enter opens the lesson again" "step 1/"
check_screen "menu: now q goes back to the menu (the bar says so)" "q menu"
check_not_screen "menu: ... and m is not said twice" "m menu"
tui_keys q
check_screen "menu: q went back to the menu" "Traces ("
tui_keys q
check_screen "menu: q on the menu quits" "EXITED 0"

# a trace opened alone: the same
tui_start 80 24 "$PAGEWALK" replay "$PAGEWALK_ROOT/traces/demand-2level-qemu.yaml"
check_screen "alone: the replayer opens" "event 1/"
tui_keys m
check_screen "alone: m in the replayer opens the menu" "Traces ("
tui_keys q
check_screen "alone: ... and q there quits" "EXITED 0"

# a replay step's trace: q back to the lesson, m to the menu
tui_start 132 43 "$PAGEWALK" lesson 08
check_screen "lesson 08 opens" "step 1/"
tui_keys g 1 5 Enter r
check_screen "r opens the replay step's trace" "event 21/"
check_screen "over a lesson the bar says q goes to the lesson" "q lesson"
tui_keys q
check_screen "q: back at the lesson's step" "step 15/"
tui_keys r
check_screen "r again" "event 21/"
tui_keys m
check_screen "m: the menu, in place of both" "Traces ("
tui_keys q
check_screen "q on it quits" "EXITED 0"

# Ctrl-C quits from a lesson opened from the menu (the signal: 128 + 2)
tui_start 80 24 "$PAGEWALK"
check_screen "menu opens" "Traces ("
tui_keys Enter
check_screen "a lesson from the menu" "step 1/"
tui_keys C-c
check_screen "Ctrl-C quits from anywhere" "EXITED 130"

# the help says one thing about how it closes
tui_start 80 24 "$PAGEWALK" lesson 01
check_screen "help: opens" "step 1/"
tui_keys '?'
check_screen "help: its title says how it closes" "Keys (j/k scroll; any other key closes)"
check_not_screen "help: no other rule ('? or Esc closes')" "Esc closes"
tui_keys j j j j j j j j j j
check_screen "help: j scrolls it to q's row, which says where q goes" "back where it was opened from (alone: quit)"
tui_keys x
check_poll "help: any other key closes it" 5 off_screen "Keys (j/k"
tui_keys q
check_screen "help: q after it quits (opened alone)" "EXITED 0"
