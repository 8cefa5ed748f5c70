#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/lesson_vmalloc_oops.sh - lesson 08's failing vmalloc faults:
# where vmalloc_sync_one finds no master entry (or no master pte), the
# text says vmalloc_fault fails and the kernel oopses, and the picture
# must say the same: no retried walk, no "copied from init_mm" where
# nothing was copied; the oops line instead. English and Japanese.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
L08=$PAGEWALK_ROOT/lessons/08-kernel-fault.yaml

# step_with TEXT: the number of the step whose YAML holds TEXT.
step_with() {
	awk -v t="$1" '/^  - kind:/ { n++ } index($0, t) { print n; exit }' "$L08"
}
NOMASTER=$(step_with "sync: no-master}")
NOPTE=$(step_with "sync: no-master-pte}")
check "lesson 08 has a no-master step" test -n "$NOMASTER"
check "lesson 08 has a no-master-pte step" test -n "$NOPTE"

for lang in en ja; do
	for k in $NOMASTER $NOPTE; do
		rm -rf "$XDG_STATE_HOME"
		tui_start 100 40 "$PAGEWALK" --lang $lang lesson 08
		tui_keys g
		tui_keys "$k" Enter
		tui_keys .
		if [ $lang = en ]; then
			check_screen "en step $k: the oops, not a retry" "vmalloc_fault returns -1: no retry"
			check_not_screen "en step $k: no retried walk" "│ retry"
		else
			check_screen "ja step $k: the oops, not a retry" "vmalloc_fault は -1 を返す: 再試行なし"
			check_not_screen "ja step $k: no retried walk" "│ 再試行 "
		fi
		if [ "$k" = "$NOMASTER" ]; then
			check_not_screen "$lang step $k: nothing copied" "copied from init_mm"
			check_not_screen "$lang step $k: nothing copied (ja)" "init_mm からコピー"
			check_not_screen "$lang step $k: no copy arrow" "<- init_mm"
		else
			# the pmd is copied before the pte check fails, as the text says
			check_screen "$lang step $k: the copy happened" "<- init_mm"
		fi
		tui_stop
	done
done
exit 0
