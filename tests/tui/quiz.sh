#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Quizzes as a learner meets them: the answer field has explicit focus (a
# digit or Enter starts typing, Enter submits and leaves, Esc leaves, ? is
# help, n and p navigate); each question says its base; a bare number right
# only in hex is said so without using a try; tries, hints and the result
# stay across revisits and runs (saved progress); the lesson ends with a
# summary and opens the next lesson. 80x24 and 132x43, English and Japanese.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
export PAGEWALK_LESSONS="$PAGEWALK_ROOT/tests/tui/fixtures/course"

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"
	tui_start "$W" "$H" "$PAGEWALK" lesson 01
	check_screen "$size: lesson opens" "FIRSTTEXT"
	tui_keys n
	check_screen "$size: on the quiz" "QUIZONE What is the pmd index of 0x23000000?"
	check_screen "$size: the field waits for a digit or Enter" "Answer: a digit or Enter"
	check_screen "$size: the question says its base" "Answer in decimal (or in hex with 0x)."
	tui_keys n
	check_screen "$size: n on an unanswered quiz goes on (not typed)" "QUIZTWO"
	check_screen "$size: the hex question says so" "Answer in hex, with 0x (e.g. 0x1f)."
	tui_keys p
	check_screen "$size: p comes back" "QUIZONE"
	check_not_screen "$size: p was not typed" "Answer: p"
	check_screen "$size: still the first try" "try 1, answer shown after 3"
	tui_keys 1
	check_screen "$size: a digit starts the answer" "Answer: 1_"
	tui_keys '?'
	check_screen "$size: ? is help while typing" "this help"
	tui_keys Escape
	check_screen "$size: the answer is still there after the help" "Answer: 1_"
	tui_keys 1 8 Enter
	check_screen "$size: bare 118: right only as hex, said so" "118 read as decimal is 118"
	check_screen "$size: ... and no try used" "try 1, answer shown after 3"
	tui_keys 5 Enter
	check_screen "$size: a wrong answer uses a try" "try 2, answer shown after 3"
	tui_keys Tab
	check_screen "$size: a hint" "Hint 1: Shift right by 21"
	tui_keys n p
	check_screen "$size: back again: the try is kept" "try 2, answer shown after 3"
	check_screen "$size: back again: the hint is kept" "Hint 1: Shift right by 21"
	tui_keys q
	check_screen "$size: quits" "EXITED 0"

	# a new run: the saved progress has the quiz's tries and the question
	tui_start "$W" "$H" "$PAGEWALK" lesson 01
	check_screen "$size: resumed at the quiz" "QUIZONE"
	check_screen "$size: the tries are kept across runs" "try 2, answer shown after 3"
	tui_keys Enter
	check_screen "$size: Enter opens the field" "Answer: _"
	tui_keys Escape
	check_screen "$size: Esc leaves the field" "Answer: a digit or Enter"
	tui_keys 2 8 0 Enter
	check_screen "$size: right" "✓ Right: 280 (0x118)"
	tui_keys n
	tui_keys 1 4 8 Enter
	wait_for "read as decimal is 148"
	check_prose "$size: bare 148 for 0x148: said so" "read as hex, 0x148 = 328 is right"
	tui_keys 0 x 1 4 8 Enter
	check_screen "$size: 0x148 right at the first try: said once" "✓ Right: 0x148  n: next step  r: a new question"
	check_not_screen "$size: no empty answer field after a right answer" "Answer:"
	check_screen "$size: the bar of an answered quiz: r, no Enter" "r new question"
	check_not_screen "$size: the bar of an answered quiz: no Enter answer" "Enter answer"
	tui_keys p
	check_screen "$size: the answered quiz says how it went" "Answered right after 1 wrong try."
	tui_keys n n n
	check_screen "$size: the end: a summary" "You reached the end of \"Quiz fixture\"."
	check_prose "$size: the summary scores" "Score: 1 of 2 quizzes right at the first try (2 answered)."
	check_prose "$size: the summary lists the quiz missed" "To review (r goes to the first, g NUMBER Enter to any): - step 2: right after 1 wrong try"
	check_screen "$size: the summary's bar says what Enter does" "Enter next lesson  r review missed"
	check_not_screen "$size: the summary's bar: no 'Enter answer'" "Enter answer"
	check_prose "$size: the summary says what it covered" "What it covered: an index and an offset, asked; Start; Done."
	check_prose "$size: the summary offers the next lesson" "Next: \"The next fixture lesson\". Enter opens it."
	tui_keys r
	check_screen "$size: r on the summary: the quiz missed" "QUIZONE"
	check_screen "$size: ... its answer kept" "Right: 280 (0x118)"
	tui_keys r
	check_screen "$size: r on it: the question again (its address is fixed)" "The question again"
	check_not_screen "$size: ... unanswered" "Right: 280"
	tui_keys g 4 Enter n
	check_screen "$size: back at the end" "You reached the end of"
	tui_keys Enter
	check_screen "$size: Enter opens the next lesson" "NEXTTEXT"
	tui_keys q
	tui_stop
done

rm -rf "$XDG_STATE_HOME"
tui_start 80 24 "$PAGEWALK" --lang ja lesson 01
check_screen "ja: lesson opens" "FIRSTTEXT"
tui_keys n
check_screen "ja: the field waits" "数字か Enter で入力"
check_screen "ja: the base" "10 進で答えてください"
tui_keys 1 1 8 Enter
check_screen "ja: bare 118 said so" "0x118 と入力してください"
tui_keys 2 8 0 Enter n 0 x 1 4 8 Enter n n
check_screen "ja: the summary" "「クイズの試験」の終わりまで来ました。"
check_screen "ja: the next lesson offered" "次は「次の試験レッスン」です。"
tui_stop

# after the last try: the engine's computation, step by step
for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"
	tui_start "$W" "$H" "$PAGEWALK" lesson 01
	wait_for "FIRSTTEXT"
	tui_keys n 1 Enter 2 Enter 3 Enter
	check_screen "$size: the answer after three tries" "The answer: 280 (0x118)  n: next step"
	check_prose "$size: the worked solution" "pmd: 0x23000000 >> 21 = 0x118, & 511 (PTRS_PER_PMD - 1) = 280 (0x118): bits 29..21"
	tui_stop
done
