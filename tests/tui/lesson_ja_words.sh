#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# No English fragments inside the Japanese lesson screens: the folded-levels
# note of the address bar, the vmalloc_sync_one result line and the {sync}
# and {status} placeholders in the text are in Japanese.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"   # start at step 1, not where the last run stopped
	tui_start "$W" "$H" env PAGEWALK_SEED=1 "$PAGEWALK" --lang ja lesson 08
	wait_for "ステップ 1/"
	tui_keys g 5 Enter .
	check_screen "$size: lesson 08 step 5: folded note in Japanese" "(p4d, pud, pmd は折りたたみ)"
	check_screen "$size: lesson 08 step 5: the sync result in Japanese" "vmalloc_sync_one [834]: コピー、pmd"
	check_not_screen "$size: lesson 08 step 5: no English 'folded)'" "folded)"
	check_not_screen "$size: lesson 08 step 5: no English 'copied;'" "copied;"
	check_not_screen "$size: lesson 08 step 5: no \"コピーした;\"" "コピーした;"
	check_prose "$size: lesson 08 step 5: {status} in Japanese" "変換は止まり(存在しない)"
	check_not_screen "$size: lesson 08 step 5: no English 'not-present'" "not-present"
	tui_keys g 1 2 Enter .
	check_screen "$size: lesson 08 step 12: no master entry, in Japanese" "マスターにエントリなし"
	check_not_screen "$size: lesson 08 step 12: no English 'no master entry'" "no master"
	tui_stop
done
