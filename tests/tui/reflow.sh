#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Narrative text is reflowed to the pane: single line breaks inside a
# paragraph join (with a space, or nothing between two CJK characters);
# blank lines and list items keep their breaks.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
L=$PAGEWALK_ROOT/tests/tui/fixtures/reflow.yaml

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK" lesson "$L"
	check_screen "$size: lesson opens" "Reflow fixture"
	check_screen "$size: hand-wrapped lines joined on one line" "alpha beta gamma delta epsilon zeta eta theta."
	check_screen "$size: list item keeps its line" " - a list item"
	check_screen "$size: second list item on its own line" " - another item"
	check_screen "$size: numbered item on its own line" " 1. numbered"
	tui_stop

	tui_start "$W" "$H" "$PAGEWALK" --lang ja lesson "$L"
	check_screen "$size ja: CJK lines joined without a space" "ページテーブルはページフレームを指します。"
	check_screen "$size ja: list item keeps its line" " - 箇条書き"
	tui_stop
done
