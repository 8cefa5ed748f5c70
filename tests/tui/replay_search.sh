#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The replayer's search says "match i of n" and marks its hits on the
# timeline (in reverse video); the timeline's legend is on screen at every
# width ('.' too: beside the timeline when it fits, else on the status
# row); ] and [ go to the nearest fault of another kind.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
T=$PAGEWALK_ROOT/traces/all-2level-qemu.yaml

# reverse_cells: how many SGR sequences on the timeline's row turn reverse on
reverse_cells() {
	tui capture-pane -e -p | sed -n 2p | grep -o '\[[0-9;]*7m' | grep -c '[[;]7m'
}

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK" replay "$T"
	check_screen "$size: the trace opens" "event 1/101"
	check_screen "$size: the legend, '.' explained" "d demand v vmalloc s SIGSEGV o oops . other"
	# hits are drawn in reverse video on the timeline (row 2): none before
	# the search, two after (55 and 65)
	before=$(reverse_cells)
	tui_keys / v m a l l o c Enter
	check_screen "$size: the search says which match of how many" "match 1 of 2, event 55"
	after=$(reverse_cells)
	check_eq "$size: the timeline marks the hits in reverse" "0 2" "$before $after"
	tui_keys n
	check_screen "$size: n: the next match" "match 2 of 2, event 65"
	tui_keys Escape
	check_screen "$size: Esc ends the search" "n/p event"
	check_eq "$size: ... and its marks" 0 "$(reverse_cells)"
	# ] from the first demand fault skips the other demand faults
	tui_keys g 1 4 Enter
	check_screen "$size: event 14, a demand fault" "event 14/101"
	tui_keys ]
	check_screen "$size: ] goes to the SIGSEGV at 33, not the demand fault at 17" "event 33/101"
	tui_keys ]
	check_screen "$size: ] then the vmalloc fault at 55" "event 55/101"
	tui_keys [
	check_screen "$size: [ back to the SIGSEGV" "event 33/101"
	tui_stop
done
