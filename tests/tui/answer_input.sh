#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Typing answers: a word question says Enter opens its field (a digit
# cannot start a word); bare hex with letters is right and said so, not
# silently; a split answer takes hex fields (55c) and says which token is
# not a number; a wrong field says why; a right answer is said once.
# PAGEWALK_SEED=1: lesson 01's split asks 0xd8d2e55c (867 302 0x55c), its
# phys quiz 0x804aa25 -> 0x77a25; lesson 07 step 13 a route.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"

tui_start 80 24 env PAGEWALK_SEED=1 "$PAGEWALK" lesson 07
check_screen "word quiz opens" "step 1/"
tui_keys g 1 3 Enter
check_screen "a word quiz: Enter to type (not 'a digit')" "Answer: Enter to type"
tui_stop

tui_start 80 24 env PAGEWALK_SEED=1 "$PAGEWALK" lesson 01
check_screen "lesson 01 opens" "step 1/"
tui_keys g 1 3 Enter
check_screen "the split quiz" "0xd8d2e55c"
tui_keys Enter 8 6 7 Space 3 0 2 Space z z Enter
check_screen "a split token that is not a number is named" '"zz" is not a number. Type 3 numbers: pgd pte offset.'
tui_keys Enter 8 6 7 Space 3 0 3 Space 0 x 5 5 c Enter
check_screen "a wrong field says why" "Wrong field: pte (pte is bits 21..12)."
tui_keys Enter 8 6 7 Space 3 0 2 Space 5 5 c Enter
check_screen "bare hex 55c in a split answer is read as hex: right" "✓ Right: 867 302 0x55c"
tui_keys n
check_screen "the phys quiz" "0x804aa25"
tui_keys 7 7 a 2 5 Enter
check_screen "bare hex with letters: right, and said so" "77a25 has hex letters, so it was read as 0x77a25"
check_screen "... the answer said once" "✓ Right: 0x77a25"
check_not_screen "... no empty field under it" "Answer:"
tui_stop

# An answer longer than its 30-column field: what is typed last stays in
# sight after "…", with the cursor.
tui_start 80 24 env PAGEWALK_SEED=1 "$PAGEWALK" lesson 01
check_screen "lesson 01 again" "step 1/"
tui_keys g 1 3 Enter r Enter
for c in 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 a b c d e f; do tui_keys $c; done
check_screen "a long answer shows its end and the cursor" "Answer: …9012345678901234567890abcdef_"
check_not_screen "... not its start" "Answer: 1234567890"
tui_stop
