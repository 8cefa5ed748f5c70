#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Predict mode in the replayer: P; then each fault stops before each real
# level of its walk for the index or the entry's address (graded as the
# quizzes grade them, a known mistake named) and before its handler is
# shown for its route (as the lesson's route quiz); a word it cannot read
# is asked again; Esc shows it without a guess; playing stops there too;
# the mode is kept for the next visit (the progress directory's "replay").
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
T=$PAGEWALK_ROOT/traces/all-2level-qemu.yaml

# step_to TEXT: press the right arrow until TEXT is on the screen (30 at
# most, each press waited for; not ok when it never comes)
step_to() { keys_until Right 30 on_screen "$1"; }

# to_route: Right, and Esc past each level's question, until the route is
# asked (40 keys at most, each waited for)
to_route() {
	_n=0
	while [ $_n -lt 40 ]; do
		if on_screen "Predict: where does do_page_fault go?"; then return 0; fi
		if on_screen "its index, or its entry's address?"; then _k=Escape; else _k=Right; fi
		_before=$(tui_screen)
		tui_keys "$_k"
		poll "$WAIT_SECS" screen_is_not "$_before" || break
		_n=$((_n + 1))
	done
	not_ok "the route is asked (Right and Esc, $_n keys)"; show_screen
	return 1
}

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"    # off at first
	tui_start "$W" "$H" "$PAGEWALK" replay "$T"
	check_screen "$size: the trace opens" "event 1/101"
	tui_keys P
	check_screen "$size: P turns predict mode on" "Predict mode: each fault asks its levels and route first"
	tui_keys g 1 4 Enter
	check_screen "$size: event 14, a demand fault" "event 14/101"
	tui_keys Right
	check_screen "$size: the walk stops before its pgd level" "Predict pgd: its index, or its entry's address?"
	check_screen "$size: ... the bar says what to type" "an index, or an address (0x...)  Enter guess  Esc show it"
	tui_keys 0 x 1 1 4 1 f 8 Enter
	check_screen "$size: the mistake named (8-byte entries on x86-32)" "✗ You used 8-byte entries; on x86-32 entries are 4 bytes"
	check_screen "$size: ... the level shown after the guess" "stage 2/11"
	step_to "Predict: where does do_page_fault go?"
	check_screen "$size: it stops before the handler" "Predict: where does do_page_fault go?"
	check_screen "$size: the bar says what to type, and Esc" "vmalloc_fault, handle_mm_fault, bad_area, oops  Enter guess  Esc show it"
	check_screen "$size: ... and the route is not given away" "route: ?"
	tui_keys Right
	check_screen "$size: → while asked types nothing and moves nothing" "Predict: where does do_page_fault go?"
	tui_keys f o o Enter
	check_screen "$size: a word it cannot read is asked again" "Name a route"
	tui_keys h a n d l e _ m m _ f a u l t Enter
	check_screen "$size: the count and the route" "✓ Guesses right: 1/2. Right: it went do_anonymous_page/zero_page."
	check_screen "$size: the handler is shown after the guess" "stage 4/11"
	tui_keys Left
	wait_for "stage 3/11"
	tui_keys Right
	wait_for "stage 4/11"
	check_not_screen "$size: asked once per visit to the fault" "Predict: where"
	# the SIGSEGV at 33, by play (at the slowest speed): it stops there
	tui_keys g 3 3 Enter - - - - - -
	tui_keys ' '
	check_screen "$size: playing stops before event 33's pgd level" "Predict pgd: its index, or its entry's address?" 15
	tui_keys 1 2 8 Enter
	check_screen "$size: its index, right" "✓ Right: 128"
	check_screen "$size: ... then before its handler" "Predict: where does do_page_fault go?" 15
	tui_keys v m a l l o c _ f a u l t Enter
	check_screen "$size: a wrong guess says where it went" "✗ Guesses right: 2/4. Not vmalloc_fault: it went bad_area."
	check_screen "$size: and it plays on" "> playing"
	tui_keys ' '
	tui_stop
done

# kept: the next visit asks too; Esc shows the route without a guess; P off
tui_start 80 24 "$PAGEWALK" replay "$T"
check_screen "kept: the trace opens" "event 1/101"
tui_keys g 1 4 Enter
wait_for "event 14/101"
to_route
check_screen "kept: predict mode is still on" "Predict: where does do_page_fault go?"
tui_keys Escape
wait_gone "Predict: where"
check_not_screen "kept: Esc shows it without a guess" "Predict: where"
check_not_screen "kept: ... and counts no guess" "guesses right"
tui_keys P
check_screen "kept: P turns it off" "Predict mode off."
tui_keys g 1 7 Enter
step_to "stage 6/"
check_not_screen "kept: off, nothing asked" "Predict: where"
tui_stop

# Japanese
tui_start 80 24 "$PAGEWALK" --lang ja replay "$T"
check_screen "ja: the trace opens" "イベント 1/101"
tui_keys P
tui_keys g 1 4 Enter
wait_for "イベント 14/101"
tui_keys Right
check_screen "ja: the pgd level's question" "予想 pgd: インデックスか、エントリのアドレスは?"
tui_keys 6 3 Enter
check_screen "ja: its index, right" "✓ 正解: 63"
step_to "予想: do_page_fault の行き先は?"
check_screen "ja: the prompt" "予想: do_page_fault の行き先は?"
check_screen "ja: the bar" "Enter 予想する  Esc 表示"
tui_keys h a n d l e _ m m _ f a u l t Enter
check_screen "ja: the right guess" "✓ 予想の正解: 2/2。正解: do_anonymous_page/zero_page へ進みます。"
tui_stop

# a trace of real Linux: the question comes before the first frame of the
# handler's recorded call chain
tui_start 132 43 "$PAGEWALK" replay "$PAGEWALK_ROOT/tests/tui/fixtures/linux-all-4level.yaml"
check_screen "Linux: the trace opens" "event 1/84"
tui_keys g 5 Enter
wait_for "event 5/84"
to_route
check_screen "Linux: asked before the chain" "Predict: where does do_page_fault go?"
check_screen "Linux: the chain waits for the handler" "call chain (Linux 6.1): the handler has not run yet"
check_not_screen "Linux: ... and does not give the route away" "do_wp_page"
tui_keys d o _ w p _ p a g e Enter
check_screen "Linux: the function's name is a right answer too" "✓ Guesses right: 1/1."
tui_stop
tui_start 80 24 "$PAGEWALK" replay "$PAGEWALK_ROOT/tests/tui/fixtures/linux-all-4level.yaml"
check_screen "Linux 80x24: the trace opens" "event 1/84"
tui_keys g 5 Enter
wait_for "event 5/84"
to_route
check_not_screen "Linux 80x24: the breadcrumb does not give the route away" "do_wp_page"
tui_stop
