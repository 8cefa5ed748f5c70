#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# / searches the lesson's text: the next step whose heading, text or
# question holds the words (case aside, wrapping round); / Enter finds the
# next one; no match is said; Japanese words work under --lang ja.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
export PAGEWALK_LESSONS="$PAGEWALK_ROOT/tests/tui/fixtures/course"

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"
	tui_start "$W" "$H" "$PAGEWALK" lesson 01
	wait_for "FIRSTTEXT"
	tui_keys /
	check_screen "$size: / opens the search line" "/_"
	tui_keys -l "page OFFSET"
	tui_keys Enter
	check_screen "$size: found in the question of step 3" "QUIZTWO What is the page offset"
	check_screen "$size: says where" "\"page OFFSET\" in step 3 of 4 (/ Enter: the next one)."
	tui_keys /
	tui_keys -l "quiz"
	tui_keys Enter
	check_screen "$size: the next match after step 3 wraps round" "step 1/4"
	tui_keys / Enter
	check_screen "$size: / Enter repeats: the next one" "QUIZONE"
	tui_keys /
	tui_keys -l "no such words"
	tui_keys Enter
	check_screen "$size: no match is said" "No step mentions \"no such words\"."
	tui_stop
done

rm -rf "$XDG_STATE_HOME"
tui_start 80 24 "$PAGEWALK" --lang ja lesson 01
wait_for "FIRSTTEXT"
tui_keys /
tui_keys -l "これで全部"
tui_keys Enter
check_screen "ja: a Japanese word is found" "LASTTEXT これで全部です。"
tui_stop
