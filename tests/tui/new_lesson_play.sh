#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/new_lesson_play.sh - the lesson `pagewalk new-lesson` writes plays in
# the player: every step visited in order (English, 80x24), the walk and
# fault animate to their results, the quiz grades an answer, the replay
# step opens the replayer and comes back.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
L=$TUI_TMP/my-lesson.yaml
"$PAGEWALK" new-lesson "$L" >/dev/null
check "new-lesson wrote the lesson" test -s "$L"

tui_start 80 24 "PAGEWALK_TRACES=$PAGEWALK_ROOT/traces $PAGEWALK --lang en lesson $L"
check_screen "title bar" "My lesson: one address, two levels"
check_screen "step 1/8: text" "step 1/8"
check_screen "text step heading" "What this lesson does"
tui_keys n
check_screen "step 2/8: split" "step 2/8"
check_prose "split text filled by the engine" "0xc0101234 has pgd index 768, pte index 257 and offset 0x234."
tui_keys n
check_screen "step 3/8: walk" "step 3/8"
tui_keys .
check_screen "walk result" "0x00345000 + 0x234 = 0x00345234 (4 KiB page)"
check_prose "walk text filled by the engine" "pgd entry 0x100c00 -> pte entry 0x101404 -> 0x345234."
tui_keys n
check_screen "step 4/8: compare" "step 4/8"
check_screen "compare: the PAE split" "x86-32, 3-level (PAE)"
tui_keys n
check_screen "step 5/8: code" "step 5/8"
check_screen "code pane: our guest's file" "guest/pgtable.h"
check_screen "code pane: the guest's macro" "#define pgd_index(a)"
tui_keys n
check_screen "step 6/8: quiz" "step 6/8"
check_screen "quiz question" "what is the pgd index of"
# the pgd index of a kernel address on x86-32 is 768..1023: 1 is always wrong
tui_keys 1 Enter
check_screen "quiz grades a wrong answer" "✗ Not the pgd index"
tui_keys Escape n
check_screen "step 7/8: fault" "step 7/8"
tui_keys .
check_prose "fault text: the route and the sync" "do_page_fault takes vmalloc_fault, and vmalloc_sync_one says copied."
tui_keys n
check_screen "step 8/8: replay" "step 8/8"
check_screen "replay step names the trace" "vmalloc-2level-qemu.yaml"
tui_keys r
check_screen "r opens the replayer" "pagewalk replay"
tui_keys q
check_screen "q comes back to the step" "step 8/8"
tui_keys q
check_screen "quit exits 0" "EXITED 0"
