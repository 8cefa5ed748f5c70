#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay_routes.sh - a replayed fault names the function the
# kernel ran: on the demand trace the copy-on-write faults (P W U) are
# do_wp_page copying the zero page, in the header, the narration and the
# guest's code pane; the first read is do_anonymous_page mapping the zero
# page. Also `pagewalk dump` prints the same route names.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
TRACE=$PAGEWALK_ROOT/traces/demand-2level-qemu.yaml
DUMP=$("$PAGEWALK" dump "$TRACE")
COW=$(printf '%s\n' "$DUMP" | awk '/ fault .*err=0x0007/ && / -> do_wp_page / { print $1 }')
ZERO=$(printf '%s\n' "$DUMP" | awk '/ fault .*err=0x0004/ && / -> do_anonymous_page\/zero_page / { print $1; exit }')
check "dump: the P W U faults are do_wp_page" test "$(echo $COW | wc -w)" -eq 2
check "dump: a first read is do_anonymous_page/zero_page" test -n "$ZERO"
check "dump: no fault is 'demand'" sh -c "! printf '%s\n' \"\$1\" | grep -q ' -> demand '" x "$DUMP"

tui_start 100 40 "$PAGEWALK replay $TRACE"
check_screen "replayer up" "pagewalk replay"
for k in $COW; do
	tui_keys g
	tui_keys "$k" Enter
	check_screen "cow event $k: reached" "event $k/"
	check_screen "cow event $k: stage 1: the header does not name the route yet" "route: ?"
	check_keys "cow event $k: the narration reaches do_wp_page" Right 30 on_screen "do_wp_page, copy-on-write"
	check_screen "cow event $k: then the header names do_wp_page" "user side  do_wp_page"
	check_screen "cow event $k: Linux v6.1's do_wp_page in the pane" "do_wp_page"
	tui_keys c
	check_screen "cow event $k: c: the guest's do_wp_page is in the pane" "memcpy(page"
	tui_keys c
	check_screen "cow event $k: c again: Linux v6.1's pane" "(c: the guest's own source)"
	check_not_screen "cow event $k: not a first touch" "first touch"
	check_not_screen "cow event $k: no invented Linux pane" "Linux 2.6.24"
done
tui_keys g
tui_keys "$ZERO" Enter
check_screen "zero-page event $ZERO: reached" "event $ZERO/"
check_screen "zero-page event $ZERO: stage 1: no route yet" "route: ?"
check_keys "zero-page event $ZERO: the narration reaches do_anonymous_page" \
	Right 30 on_screen "do_anonymous_page, a first touch"
check_screen "zero-page event $ZERO: then the header names it" "do_anonymous_page/zero_page"
tui_keys c
check_screen "zero-page event $ZERO: c: the guest's zero page line" "empty_zero_page"
tui_keys c
tui_keys q
check_screen "quits" "EXITED 0"
exit 0
