#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/lesson_replay.sh - a lesson's replay step: the recorded fault's
# values on the step, r / Enter opens the replayer at that event, q comes
# back to the same step; English and Japanese, 80x24 and 132x43.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
cd "$PAGEWALK_ROOT" || exit 1
L08=lessons/08-kernel-fault.yaml
# the steps' numbers: the replay steps of lesson 08, 1-based
# (the step that replays a given trace)
step_of() { awk -v t="$1" '/^  - kind:/ { n++ } index($0, "trace: " t) { print n; exit }' $L08; }
STEP2=$(step_of traces/vmalloc-2level-qemu.yaml)
STEPPAE=$(step_of traces/vmalloc-pae-qemu.yaml)
NSTEPS=$(grep -c '^  - kind:' $L08)
check "lesson 08 has two replay steps" test -n "$STEP2" -a -n "$STEPPAE"

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"
	tui_start "$W" "$H" "$PAGEWALK lesson $L08"
	check_screen "$size: lesson 08 opens" "step 1/$NSTEPS"
	tui_keys g "$STEP2" Enter
	check_screen "$size: replay step" "step $STEP2/$NSTEPS"
	# values from traces/vmalloc-2level-qemu.yaml, event 20 (see pagewalk dump)
	check_screen "$size: trace and event named" "Recorded fault: traces/vmalloc-2level-qemu.yaml, event 21 of 36"
	check_screen "$size: recorded cr2 and cr3" "cr2 0xc2800000  cr3 0x00114000"
	if [ "$W" -ge 100 ]; then
		check_screen "$size: error code in words" "error code 0x0 (P=0 page not present, W=0 read, U=0 kernel mode)"
	else
		check_screen "$size: error code (bit names when narrow)" "error 0x0 (-)"
	fi
	check_screen "$size: route" "do_page_fault -> vmalloc_fault; retried"
	check_screen "$size: the write, old -> new" "set 0x00114c28: 0x00000000 -> 0x0011d063"
	if [ "$W" -ge 100 ]; then
		check_screen "$size: the master entry copied" "copied from init_mm entry 0x0010dc28"
	else   # the shorter form that fits 80 columns
		check_screen "$size: the master entry copied" "0x0011d063  copied from init_mm 0x0010dc28"
	fi
	check_screen "$size: text numbers from the trace" "wrote"
	check_prose "$size: text: sync values" "wrote 0x11d063 into 0x114c28, copied from the master's entry at 0x10dc28"
	check_screen "$size: key hint" "r/Enter open in the replayer"

	tui_keys r
	check_screen "$size: r opens the replayer" "pagewalk replay"
	check_screen "$size: replayer at the recorded event" "event 21/36  stage 1/"
	check_screen "$size: replayer shows the fault" "cr2 0xc2800000"
	check_screen "$size: the way back is said" "q returns to the lesson"
	tui_keys Right Right Right
	check_screen "$size: the replayer steps" "stage 4/"
	tui_keys q
	check_screen "$size: q returns to the lesson step" "step $STEP2/$NSTEPS"
	check_screen "$size: same step content" "Recorded fault: traces/vmalloc-2level-qemu.yaml"
	check_not_screen "$size: the replayer is gone" "pagewalk replay"

	tui_keys g "$STEPPAE" Enter
	check_screen "$size: PAE replay step" "vmalloc-pae-qemu.yaml, event 23 of 38"
	check_screen "$size: PAE pmd copy" "set 0x001180a0: 0x0000000000000000 -> 0x0000000000125063"
	if [ "$W" -ge 100 ]; then
		check_screen "$size: PAE master pmd entry" "copied from init_mm entry 0x001100a0"
		check_screen "$size: PAE recorded walk in boxes" "┌ pmd [20] ✗"
	else
		check_screen "$size: PAE copy marked (the short form at 80 columns)" "0x0000000000125063  copied"
		check_screen "$size: PAE recorded walk in rows" "pmd  table 0x000118000 [  20] = 0x0000000000000000"
	fi
	tui_keys Enter
	check_screen "$size: Enter opens the replayer" "event 23/38  stage 1/"
	tui_keys q
	check_screen "$size: back at the PAE step" "step $STEPPAE/$NSTEPS"
	tui_keys q
	check_screen "$size: q on the lesson quits" "EXITED 0"
done

# r on a step without a recorded fault says so
rm -rf "$XDG_STATE_HOME"
tui_start 80 24 "$PAGEWALK lesson $L08"
check_screen "r elsewhere: lesson opens" "step 1/$NSTEPS"
tui_keys r
check_screen "r elsewhere: a message, no replayer" "this step has none"
tui_keys '?'
check_screen "help lists r" "open a recorded fault in the replayer"
tui_keys q q
check_screen "r elsewhere: quits" "EXITED 0"

# Japanese
rm -rf "$XDG_STATE_HOME"
tui_start 132 43 "$PAGEWALK --lang ja lesson $L08"
tui_keys g "$STEP2" Enter
check_screen "ja: replay step" "記録されたフォルト: traces/vmalloc-2level-qemu.yaml のイベント 21 / 36"
check_screen "ja: text with trace numbers" "0x10dc28"
tui_keys r
check_screen "ja: replayer at the event" "イベント 21/36 "
check_screen "ja: the way back is said" "q でレッスンへ戻ります"
tui_keys q
check_screen "ja: back to the step" "ステップ $STEP2/$NSTEPS"

# the trace vanished after the lesson loaded: an error on the status line
rm -rf "$XDG_STATE_HOME"
tmp=$(mktemp -d)
mkdir "$tmp/lessons" "$tmp/traces"
cp $L08 "$tmp/lessons/"
cp traces/vmalloc-2level-qemu.yaml traces/vmalloc-pae-qemu.yaml "$tmp/traces/"
tui_start 80 24 "$PAGEWALK lesson $tmp/lessons/08-kernel-fault.yaml"
tui_keys g "$STEP2" Enter
check_screen "moved trace: the step loads from the lesson's tree" "event 21 of 36"
rm "$tmp/traces/vmalloc-2level-qemu.yaml"
tui_keys r
check_screen "moved trace: error names the file" "vmalloc-2level-qemu.yaml"
check_screen "moved trace: still on the step" "step $STEP2/$NSTEPS"
tui_keys q
check_screen "moved trace: quits" "EXITED 0"
rm -rf "$tmp"
