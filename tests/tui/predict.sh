#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Predict mode (P): a walk stops before each real level for the learner's
# guess, its index or its entry's address, graded as quizzes are (the
# known mistakes named), then shows the level; folded levels pass through;
# a fault stops before do_page_fault's route. The mode is kept in the
# progress file: a new run starts in it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"
	tui_start "$W" "$H" "$PAGEWALK" lesson 03
	check_screen "$size: lesson 03 opens" "step 1/"
	tui_keys P
	check_screen "$size: P says what predict mode does" "Predict mode: the walk stops before each level"
	check_screen "$size: the title bar says predict" "predict  step 1/"
	# step 8: the walk of 0xc0101234 from cr3 0x800000
	tui_keys g 8 Enter
	check_screen "$size: the walk stops before the pgd" "Predict pgd: its index, or its entry's address? _"
	check_not_screen "$size: ... the pgd entry not shown yet" "0x00801007"
	tui_keys 7 6 8 Enter
	check_screen "$size: a right index" "✓ Right: 768.  (guesses right: 1/1)"
	# the folded p4d, pud, pmd pass through; the pte is asked next
	check_screen "$size: the pte is asked next (folded levels pass)" "Predict pte: its index, or its entry's address? _"
	# 4-byte entries are right here; 8-byte ones are the known mistake
	tui_keys 0 x 8 0 1 8 0 8 Enter
	check_screen "$size: a wrong entry address: the mistake named" "You used 8-byte entries; on x86-32 entries are 4 bytes"
	check_screen "$size: ... and counted" "(guesses right: 1/2)"
	check_screen "$size: the level is shown after the guess" "0x101103"
	tui_keys q
	check_screen "$size: quits" "EXITED 0"

	# the mode is kept: a new run of the lesson predicts again
	tui_start "$W" "$H" "$PAGEWALK" lesson 03
	check_screen "$size: lesson 03 opens in predict mode again" "predict  step"
	tui_keys q
	# a fault step asks the route
	tui_start "$W" "$H" "$PAGEWALK" lesson 07
	check_screen "$size: lesson 07 opens" "step 1/"
	tui_keys P g 9 Enter
	check_screen "$size: the fault's walk stops at the pgd" "Predict pgd:"
	tui_keys Escape
	check_screen "$size: Esc shows the level without a guess" "Predict pte:"
	tui_keys Escape
	check_screen "$size: the route is asked before it is shown" "Predict: where does do_page_fault go?"
	check_not_screen "$size: ... the route not shown yet" "-> bad_area_access_error"
	tui_keys b a d _ a r e a Enter
	check_screen "$size: bad_area is the branch the route takes" "✓ Right: do_page_fault -> bad_area (bad_area_access_error)"
	tui_keys P
	check_screen "$size: P again: off" "Predict mode off."
	check_not_screen "$size: ... the title bar no longer says predict" "predict  step"
	tui_keys q
	tui_stop
done
grep -q "^predict yes" "$XDG_STATE_HOME/pagewalk/03-x86-32-two-level.progress" &&
	ok "the progress file keeps the mode" || not_ok "the progress file keeps the mode"
