#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay.sh - the trace replayer end to end in tmux: a corrupt
# trace, then on a vmalloc trace at 80x24 and 132x43: search, step forward
# and back across the vmalloc sync (process and master tables, the copied
# value), play and pause, markers, goto, tenths, help, resize, quit.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
# A recorded vmalloc trace when the repository has one, else the fixture.
TRACE=$PAGEWALK_ROOT/traces/vmalloc-2level-qemu.yaml
[ -f "$TRACE" ] || TRACE=$PAGEWALK_ROOT/tests/tui/fixtures/replay-synthetic.yaml
diag "trace: $TRACE"

# ---- a corrupt trace: the loader's error, exit 1, terminal untouched ----
BAD=$TUI_TMP/bad.yaml
printf 'pagewalk-trace: 1\nheader:\n  source: "x"\n  arch: [oops\n' > "$BAD"
run_pw replay "$BAD"
check_eq "corrupt trace: exit 1" 1 "$RC"
check_eq "corrupt trace: nothing on stdout (curses never started)" "" "$OUT"
check_contains "corrupt trace: FILE:LINE:COL error" "$ERR" "bad.yaml:"
tui_start 80 24 "$PAGEWALK replay $BAD"
check_screen "corrupt trace in a terminal: exits 1" "EXITED 1"
check_screen "corrupt trace in a terminal: error shown" "bad.yaml:"
check_eq "corrupt trace in a terminal: no alternate screen left on" 0 \
	"$(tui display-message -p '#{alternate_on}')"
run_pw replay
check_eq "replay without a file: usage, exit 2" 2 "$RC"

# What the file says: the first vmalloc sync (its position and the value
# copied) and the first fault after it.
DUMP=$("$PAGEWALK" dump "$TRACE" | grep '^[0-9]')
SYNC_LINE=$(printf '%s\n' "$DUMP" | grep -n ' -> vmalloc_fault ' | head -1)
SYNC_K=${SYNC_LINE%%:*}
COPIED=$(printf '%s\n' "$SYNC_LINE" | sed -n 's/.*->\(0x[0-9a-f]*\) (from master.*/\1/p')
NEXT_FAULT=$(printf '%s\n' "$DUMP" | grep -n ' fault ' | awk -F: -v k="$SYNC_K" '$1 > k { print $1; exit }')
NEVENTS=$(printf '%s\n' "$DUMP" | wc -l | tr -d ' ')
check "the trace has a vmalloc sync with a copied value" test -n "$SYNC_K" -a -n "$COPIED"
diag "sync at event $SYNC_K copies $COPIED; next fault $NEXT_FAULT; $NEVENTS events"

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK replay $TRACE"
	check_screen "$size: title bar" "pagewalk replay"
	check_screen "$size: timeline" "event 1/$NEVENTS "
	check_screen "$size: paused at start" "|| paused"

	# search for the vmalloc fault
	tui_keys / v m a l l o c Enter
	check_screen "$size: search finds the vmalloc sync" "event $SYNC_K/$NEVENTS "
	# stage 1 gives nothing away: the route once the handler runs, the
	# outcome once the event is over
	check_screen "$size: the faulting access" "error 0x0000  kernel side  route: ?"
	check_not_screen "$size: stage 1: no route, no outcome" "vmalloc_fault: retried"
	check_not_screen "$size: stage 1: no writes line yet" "writes:"
	for i in 1 2 3 4 5 6 7 8 9 10 11; do tui_keys Right; done
	check_screen "$size: the last stage: the route and the outcome" "vmalloc_fault: retried"
	check_screen "$size: ... and the write made" "writes: [0x"
	for i in 1 2 3 4 5 6 7 8 9 10 11; do tui_keys Left; done
	check_screen "$size: back at stage 1" "stage 1/"
	check_screen "$size: error code in words" "P=0 page not present"
	check_screen "$size: the faulting instruction is x86-32's eip" " eip 0x"
	check_screen "$size: search hint: n/N match" "n/N match"

	# forward through the stages to the copy
	keys_until Right 30 on_screen "on its way"
	check_screen "$size: process table shown" "process p"
	check_screen "$size: master table shown" "init_mm"
	check_screen "$size: the copy in flight" "$COPIED"
	check_screen "$size: code pane at set_pmd" "set_pmd(pmd, *pmd_k)"
	check_not_screen "$size: not yet copied" "copied ("
	tui_keys Right
	check_screen "$size: the copied value called out" "$COPIED copied ("
	check_screen "$size: the slot's index called out" "slot "
	tui_keys Left
	check_screen "$size: back one stage: in flight again" "on its way"
	tui_keys Right Right Right
	check_screen "$size: the retried walk succeeds" "The access is retried and the walk succeeds"
	# back across the sync to the event before it, and forward again
	tui_keys p
	check_screen "$size: p goes to the event's first stage" "event $SYNC_K/$NEVENTS  stage 1/"
	tui_keys Left
	check_screen "$size: Left crosses into the previous event" "event $((SYNC_K - 1))/$NEVENTS "

	# Esc ends the search: n is the next event again
	tui_keys Escape
	check_screen "$size: search ended" "n/p event"
	tui_keys n
	check_screen "$size: n: next event" "event $SYNC_K/$NEVENTS  stage 1/"
	if [ -n "$NEXT_FAULT" ]; then
		tui_keys ']'
		check_screen "$size: ] next fault marker" "event $NEXT_FAULT/$NEVENTS "
		tui_keys '['
		check_screen "$size: [ previous fault marker" "event $SYNC_K/$NEVENTS "
	fi

	tui_keys g 3 Enter
	check_screen "$size: goto event 3" "event 3/$NEVENTS "
	tui_keys g 9 9 9 9 9 9 Enter
	check_screen "$size: goto out of range: message" "give a number from 1 to $NEVENTS"
	tui_keys 5
	check_screen "$size: 5 jumps to the middle" "event $((NEVENTS * 5 / 10 + 1))/$NEVENTS "
	tui_keys 0
	check_screen "$size: 0 jumps to the start" "event 1/$NEVENTS "

	tui_keys + +
	check_screen "$size: speed shown" " 6/7"
	tui_keys ' '
	check_screen "$size: playing" "> playing"
	check_screen "$size: playing moves on" "event 2/$NEVENTS "
	tui_keys ' '
	check_screen "$size: paused" "|| paused"

	tui_keys '?'
	check_screen "$size: help from the key table" "next match (while a search is active)"
	check_screen "$size: help lists shift-right" "S-Right n"
	check_screen "$size: help offers c (a guest trace: its source can be shown)" \
		"code pane: guest/fault.c or Linux v6.1"
	tui_keys Escape
	[ "$W" -ge 132 ] && check_screen "$size: the key bar offers c" "c code"
	check_screen "$size: help closes" "|| paused"

	tui resize-window -x 100 -y 30
	check_screen "$size: after resize to 100x30" "pagewalk replay"
	check_screen "$size: after resize: still paused" "|| paused"
	tui_keys q
	check_screen "$size: q quits with status 0" "EXITED 0"
done
tui_stop
