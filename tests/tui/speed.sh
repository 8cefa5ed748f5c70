#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# One speed scale for lessons and replays: both show speed N/7 with the same
# milliseconds per frame or stage, one handler keeps it within 1..7 at both
# ends on both screens, and a change in a lesson holds in the replayer it
# opens (and back).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1
STEP=$(grep -E "^  - kind:" lessons/08-kernel-fault.yaml | awk '$3 == "replay" { print NR; exit }')

# ends SCREEN FORMAT: from speed 5, up to 7 a press at a time (each
# waited for), one + more then - must give 6 (clamped at 7, not 8 - 1);
# down to 1, one - more then + must give 2 (clamped at 1, not 0 + 1).
ends() {
	for n in 6 7; do
		tui_keys +
		wait_for "$(printf "$2" $n)" || not_ok "$1: + to $n"
	done
	tui_keys + -
	check_screen "$1: + past the top stays at 7 (then - gives 6)" "$(printf "$2" 6)"
	for n in 5 4 3 2 1; do
		tui_keys -
		wait_for "$(printf "$2" $n)" || not_ok "$1: - to $n"
	done
	tui_keys - +
	check_screen "$1: - past the bottom stays at 1 (then + gives 2)" "$(printf "$2" 2)"
}

for size in 132x43 80x24; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK" lesson tests/tui/fixtures/reflow.yaml
	check_screen "$size: a lesson starts at speed 4/7" "speed 4/7"
	tui_keys +
	check_screen "$size: + in a lesson: 5/7, with its milliseconds" "Animation speed 5/7"
	if [ "$size" = 80x24 ]; then   # the ends, once
		ends "lesson" "Animation speed %d/7"
	fi
	tui_stop

	tui_start "$W" "$H" "$PAGEWALK" replay traces/vmalloc-2level-qemu.yaml
	# (at 80 columns the key bar keeps its keys: the speed without its word)
	if [ "$size" = 80x24 ]; then sp="paused 4/7"; else sp="speed 4/7"; fi
	check_screen "$size: a replay starts at speed 4/7 too" "$sp"
	tui_keys +
	check_screen "$size: + in a replay: 5/7, 300 ms a stage" "Speed 5/7: 300 ms a stage."
	if [ "$size" = 80x24 ]; then
		ends "replay" "Speed %d/7: "
	fi
	tui_stop
done

tui_start 132 43 "$PAGEWALK" lesson 08
wait_for "step 1/"
tui_keys g $(echo "$STEP" | sed 's/./& /g') Enter - -
check_screen "lesson 08: slower twice: 2/7" "speed 2/7"
tui_keys r
check_screen "the replayer opened from the lesson" "event "
check_screen "the replayer keeps the lesson's speed" "speed 2/7"
tui_keys + q
check_screen "back in the lesson, the replayer's change holds" "speed 3/7"
tui_stop
