#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/lesson_sync_tables.sh - lesson 08's fault steps draw
# vmalloc_sync_one as the replayer does: the process's pgd beside the master
# (init_mm.pgd), five slots around the synced one, the copied entry marked
# "◀── copied" with the same value on both sides; where the master has no
# entry, both slots show 0x00000000, nothing is marked copied and the
# call-out says so. 80x24 and 132x43, English and Japanese.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
L08=$PAGEWALK_ROOT/lessons/08-kernel-fault.yaml
N08=$(grep -c '^  - kind:' "$L08")    # its steps (it grows when steps are added)

# step_with TEXT: the number of the step whose YAML holds TEXT.
step_with() {
	awk -v t="$1" '/^  - kind:/ { n++ } index($0, t) { print n; exit }' "$L08"
}
# check_line NAME ERE: one screen line matches ERE (a whole-row picture; waits).
check_line() {
	if poll "$WAIT_SECS" on_screen_re "$2"; then ok "$1"
	else not_ok "$1"; diag "no screen line matches: $2"; show_screen; fi
}
COPIED=$(step_with "sync: copied")
NOMASTER=$(step_with "sync: no-master}")
check "lesson 08 has a copying step" test -n "$COPIED"
check "lesson 08 has a no-master step" test -n "$NOMASTER"

open_step() {   # W H LANG STEP: the step, its animation run to the end
	rm -rf "$XDG_STATE_HOME"
	tui_start "$1" "$2" "$PAGEWALK" --lang "$3" lesson 08
	wait_for " 1/$N08"
	tui_keys g
	tui_keys "$4" Enter
	tui_keys .
	wait_for " $4/$N08"
}

for size in "80 24" "132 43"; do
	for lang in en ja; do
		if [ $lang = en ]; then
			LT="process pgd" RT="init_mm.pgd (the master)" MARK="◀── copied"
			NONE="nothing copied"
		else
			LT="プロセスの pgd" RT="init_mm.pgd(マスター)" MARK="◀── コピー済み"
			NONE="コピー"
		fi
		at="$lang ${size% *}x${size#* }"
		open_step $size $lang "$COPIED"
		check_screen "$at copy: the process's table heading" "$LT"
		check_screen "$at copy: the master's heading" "$RT"
		check_screen "$at copy: the master is swapper_pg_dir" "swapper_pg_dir"
		check_line "$at copy: slot 834 both sides, the value copied, marked" \
			"▶\[ 834\] 0x00102007 +$MARK +▶\[ 834\] 0x00102007"
		check_line "$at copy: the slot beside it, empty on both sides" \
			"^ +\[ 835\] 0x00000000 +\[ 835\] 0x00000000"
		check_line "$at copy: the call-out names the slot and the value" \
			"(slot|スロット) 834 = pgd_index\(0xd0800010\): 0x00102007"
		tui_stop

		open_step $size $lang "$NOMASTER"
		check_screen "$at no master: the process's table heading" "$LT"
		check_screen "$at no master: the master's heading" "$RT"
		check_line "$at no master: slot 835 empty on both sides, nothing in between" \
			"▶\[ 835\] 0x00000000 +▶\[ 835\] 0x00000000"
		check_line "$at no master: the master's neighbour 834 is present" \
			"\[ 834\] 0x00000000 +\[ 834\] 0x00102007"
		check_not_screen "$at no master: no copied mark" "◀──"
		check_not_screen "$at no master: no value in flight" "◀══"
		check_line "$at no master: the call-out says nothing was copied" \
			"(slot|スロット) 835.*$NONE"
		tui_stop
	done
done

# The copy in flight: at the slowest speed the sync frame shows the value
# on its way from the master to the process.
rm -rf "$XDG_STATE_HOME"
tui_start 132 43 "$PAGEWALK" --lang en lesson 08
wait_for " 1/$N08"
for i in 1 2 3 4 5 6 7 8; do tui_keys -; done
tui_keys g
tui_keys "$COPIED" Enter
check_screen "en 132x43: the value in flight" "◀══ 0x00102007" 20
tui_stop
exit 0
