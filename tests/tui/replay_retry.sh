#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay_retry.sh - the replayer never contradicts a recorded
# outcome: on the PAE QEMU traces (where QEMU sets the Accessed bit of the
# PDPT entries in memory after cr3 loaded them into the PDPTE registers),
# every fault recorded as retried ends with the retried walk going
# through, never with an invented #PF.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi

for f in vmalloc-pae-qemu all-pae-qemu; do
	TRACE=$PAGEWALK_ROOT/traces/$f.yaml
	# the faults the trace says were retried
	EVENTS=$("$PAGEWALK" dump "$TRACE" | awk '/ fault .*=> retried/ { print $1 }')
	check "$f: has retried faults" test -n "$EVENTS"
	tui_start 80 24 "$PAGEWALK replay $TRACE"
	check_screen "$f: replayer up" "event 1/"
	for k in $EVENTS; do
		tui_keys g
		tui_keys "$k" Enter
		check_screen "$f event $k: reached" "event $k/"
		check_keys "$f event $k: its last stage" Right 30 on_screen_re 'stage ([0-9]+)/\1 '
		check_screen "$f event $k: the retried walk goes through" \
			"The access is retried and the walk succeeds"
		check_not_screen "$f event $k: no invented fault" "faults again"
		check_not_screen "$f event $k: no invented #PF" "#PF 0x9"
		check_not_screen "$f event $k: no reserved-bit walk" "reserved bits"
	done
done
exit 0
