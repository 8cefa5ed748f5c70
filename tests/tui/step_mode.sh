#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Step mode: s drives a lesson's walk one level per press (the timer stops),
# the diagram showing only the levels reached, and says at each level the
# address of the entry read and its value; a folded level reads the same
# address again; the last press gives the result. 80x24, 132x43, en and ja.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1
# the first walk step of lesson 03 (x86-32 without PAE)
STEP=$(grep -E "^  - kind:" lessons/03-x86-32-two-level.yaml | awk '$3 == "walk" { print NR; exit }')

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"   # start at step 1, not where the last run stopped
	tui_start "$W" "$H" "$PAGEWALK" lesson 03
	wait_for "step 1/"
	tui_keys g $(echo "$STEP" | sed 's/./& /g') Enter
	wait_for "step $STEP/"
	tui_keys s
	wait_for "pgd: index 768"
	check_prose "$size: s: the pgd entry read, its address and value" "pgd: index 768, the entry at 0x800c00 (0x800000 + 768 * 4) holds 0x801007."
	check_not_screen "$size: the pte level is not shown yet" "0x00101103"
	tui_keys s
	wait_for "p4d: folded:"
	check_prose "$size: folded p4d: the same address again" "p4d: folded: p4d_offset() returns its argument, so the same entry at 0x800c00 is read again: 0x801007."
	tui_keys s s
	wait_for "pmd: folded:"
	check_prose "$size: folded pmd: the same address again" "pmd: folded: pmd_offset() returns its argument, so the same entry at 0x800c00 is read again"
	tui_keys s
	wait_for "pte: index 257"
	check_prose "$size: pte: a new table" "pte: index 257, the entry at 0x801404 (0x801000 + 257 * 4) holds 0x101103."
	tui_keys s
	wait_for "Result: frame"
	check_prose "$size: the result" "Result: frame 0x101000 + offset 0x234 = 0x101234."
	check_screen "$size: the whole walk now (the pte value shown)" "0x00101103"
	tui_stop
done

rm -rf "$XDG_STATE_HOME"
tui_start 80 24 "$PAGEWALK" --lang ja lesson 03
wait_for "ステップ 1/"
tui_keys g $(echo "$STEP" | sed 's/./& /g') Enter
wait_for "ステップ $STEP/"
tui_keys s s
check_screen "ja: folded p4d, the same address" "同じ 0x800c00"
tui_stop
