#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Japanese line breaking (kinsoku): wrapped Japanese text never begins a
# line with 。、」）ー or a small kana, and never ends one with 「（. The
# fixture's paragraph is dense with them, so at each width some break would
# land on one if the rule were not applied. A source line break after 、 or
# 。 joins the next line without a space.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
L=$PAGEWALK_ROOT/tests/tui/fixtures/kinsoku.yaml

# Lines of the screen (leading/trailing blanks dropped) that break a rule.
bad_lines() {
	tui_screen | sed 's/^ *//; s/ *$//' | grep -e '^[。、，．」』）〕】ーっッゃゅょャュョぁぃぅぇぉァィゥェォ]' -e '[「『（〔【]$'
}

for size in 80x24 132x43 66x24 73x30 77x24; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK" --lang ja lesson "$L"
	check_screen "$size: the Japanese paragraph is shown" "行0は、"
	joined=$(tui_screen | sed 's/^ *//; s/ *$//' | tr -d '\n')
	check_contains "$size: its last sentence is shown whole" "$joined" "行11は、ページ（表）を「読む」ことで、キャッシュとメモリーをつなぐ。"
	# a line break of the source after 、 or 。 joins without a space
	check_contains "$size: no space after 、 where the source breaks the line" "$joined" "22、PTRS_PER_PMD は 1 で"
	check_contains "$size: no space after 。 where the source breaks the line" "$joined" "たどります。cr3"
	bad=$(bad_lines)
	if [ -z "$bad" ]; then ok "$size: no line begins with 。、」）ー or small kana, none ends with 「（"
	else not_ok "$size: line-breaking rules broken"; diag "$bad" "screen:"; tui_screen | diag "$(cat)"; fi
	tui_stop
done
