#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A Linux replay reads as the kernel ran: a function reached again at a new
# line is the same call moving on, one row of the chain ("879 → 912"), not
# a deeper call; the list counts calls, not stops.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
T=$PAGEWALK_ROOT/traces/linux-all-5level-qemu.yaml

tui_start 132 43 "$PAGEWALK" replay "$T"
check_screen "132x43: the trace opens" "event 1/"
tui_keys g 2 3 Enter
check_screen "132x43: event 23" "event 23/"
check_screen "132x43: before the handler runs, the chain is not given away" "the handler has not run yet"
for i in 1 2 3 4 5 6 7 8 9 10; do tui_keys Right; done
check_screen "132x43: six calls (seven stops: bad_area_access_error twice)" "call chain, 6 calls"
check_screen "132x43: bad_area_access_error at 879" "▶ bad_area_access_error  arch/x86/mm/fault.c:879"
tui_keys Right
check_screen "132x43: ... moves on to 912 in the same row" "▶ bad_area_access_error  fault.c:912 (879 → 912)"
check_eq "132x43: one row for bad_area_access_error" 1 "$(tui_screen | grep -c 'bad_area_access_error  ')"
tui_stop
