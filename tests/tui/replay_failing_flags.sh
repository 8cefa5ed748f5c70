#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The failing entry keeps its flags where the walk is drawn narrow (132x43
# beside the call chain): on a protection fault the missing right is the
# point (5-level event 23: the pte has P US A D NX and no RW). The table's
# base goes first when the row is short.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
T=$PAGEWALK_ROOT/traces/linux-all-5level-qemu.yaml

tui_start 132 43 "$PAGEWALK" replay "$T"
check_screen "132x43: the trace opens" "event 1/"
tui_keys g 2 3 Enter
check_screen "132x43: event 23" "event 23/"
for i in 1 2 3 4 5 6; do tui_keys Right; done
check_screen "132x43: the pte is read" "[ 505] = 0x80000000017fd065"
check_screen "132x43: the failing pte keeps its flags (no RW)" "[ 505] = 0x80000000017fd065  P US A D NX  ✗"
check_screen "132x43: the other levels keep their table base" "table 0x000248000 [ 447]"
tui_stop
