#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A lesson's text scrolls by the key table's numbers: j/k and the arrows
# one row, PgDn/PgUp five (keys.c), never past either end; the heading's
# mark says where ("j 6/N"). Each press is waited for before the next.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
L=$PAGEWALK_ROOT/tests/tui/fixtures/scroll.yaml

tui_start 80 24 "$PAGEWALK" lesson "$L"
check_screen "the text is longer than its pane: the mark shows 1/N" "j 1/"
n=$(tui_screen | sed -n 's/.*j 1\/\([0-9]*\).*/\1/p' | head -1)
press() {   # KEY WANT NAME
	tui_keys "$1"
	check_screen "$3" "$2"
}
press NPage "j 6/$n" "PgDn scrolls five rows"
press j "j 7/$n" "j scrolls one row"
press PPage "j 2/$n" "PgUp scrolls five rows back"
press Up "j 1/$n" "Up scrolls one row back"
press PPage "j 1/$n" "PgUp at the top stays there"
check_prose "the first paragraph is shown again" "Paragraph 01 of forty."
tui_keys NPage NPage NPage NPage NPage NPage NPage NPage NPage NPage
check_screen "PgDn past the end stops at the last row" "k $n/$n"
tui_stop
