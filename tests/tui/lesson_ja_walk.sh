#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The lesson player's walk diagram speaks the learner's language: lesson 08's
# first fault step under --lang ja, as rows (80x24) and as boxes (132x43).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1

rm -rf "$XDG_STATE_HOME"   # start at step 1, not where the last run stopped
tui_start 80 24 "$PAGEWALK" --lang ja lesson 08
check_screen "ja 80x24: lesson opens" "ステップ 1/"
tui_keys n n n n .
check_screen "ja 80x24: on the fault step" "ステップ 5/"
check_screen "ja 80x24: error code in Japanese" "do_page_fault: エラーコード 0x2"
check_screen "ja 80x24: the sync in Japanese" "vmalloc_sync_one [834]: コピー、pmd"
check_screen "ja 80x24: the master table named in Japanese" "init_mm.pgd(マスター)"
check_not_screen "ja 80x24: no English 'copied'" "copied"
tui_stop

# At 80x24 lesson 08's fault steps show the two tables at rest (the walk runs
# in the animation), so the walk rows are checked on lesson 07's kernel-address
# protection fault, which has no sync.
rm -rf "$XDG_STATE_HOME"
tui_start 80 24 "$PAGEWALK" --lang ja lesson 07
check_screen "ja 80x24: lesson 07 opens" "ステップ 1/"
tui_keys g 1 0 Enter .
check_screen "ja 80x24: on the protection fault step" "ステップ 10/"
check_screen "ja 80x24: failing level marked in Japanese" "ここで失敗"
check_screen "ja 80x24: failure reason in Japanese" "#PF 0x5: pgd のエントリ 768"
check_screen "ja 80x24: folded level in Japanese" "pud: 折りたたみ"
check_screen "ja 80x24: error code in Japanese" "do_page_fault: エラーコード 0x5"
check_not_screen "ja 80x24: no English 'failed here'" "failed here"
tui_stop

rm -rf "$XDG_STATE_HOME"   # start at step 1, not where the last run stopped
tui_start 132 43 "$PAGEWALK" --lang ja lesson 08
check_screen "ja 132x43: lesson opens" "ステップ 1/"
tui_keys n n n n .
check_screen "ja 132x43: frame box titled in Japanese" "┌ フレーム"
check_screen "ja 132x43: folded bridge in Japanese" "p4d, pud, pmd: 折りたたみ"
check_screen "ja 132x43: the master table named in Japanese" "init_mm.pgd(マスター)"
check_not_screen "ja 132x43: no English 'frame' box" "┌ frame"
tui_stop

rm -rf "$XDG_STATE_HOME"   # start at step 1, not where the last run stopped
tui_start 80 24 "$PAGEWALK" --lang en lesson 07
tui_keys g 1 0 Enter .
check_screen "en 80x24: the same step in English" "failed here"
check_screen "en 80x24: English reason" "the pgd entry 768 has US clear"
tui_stop
