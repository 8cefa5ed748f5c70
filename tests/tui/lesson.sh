#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/lesson.sh - the lesson player end to end in tmux: open, step,
# animate, help, quiz right and wrong, resize mid-animation, too small,
# quit, progress in the home menu, Japanese, monochrome.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
FIX=$PAGEWALK_ROOT/tests/tui/fixtures
LESSON=$FIX/lessons/basic.yaml
: "${PW_SHARED:=$TUI_TMP/shared}"
linux_ref || not_ok "Linux 6.1's files from linux-source-6.1 (make check installs it)"

# ---- a bad lesson fails before curses starts --------------------------
run_pw lesson "$FIX/does-not-exist.yaml"
check_eq "missing lesson: exit 1" 1 "$RC"
check_eq "missing lesson: nothing on stdout (curses never started)" "" "$OUT"
check_contains "missing lesson: message names the file" "$ERR" "does-not-exist"

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	rm -rf "$XDG_STATE_HOME"
	tui_start "$W" "$H" "$PAGEWALK lesson $LESSON"
	check_screen "$size: title bar" "TUI test: PAE walk"
	check_screen "$size: step counter" "step 1/5"
	check_screen "$size: first step text" "This fixture lesson walks one address"
	check_screen "$size: key hints" "? help"

	tui_keys '?'
	check_screen "$size: help overlay lists next" "Space Right l n"
	check_screen "$size: help overlay lists the quiz hint key" "quiz: show a hint"
	tui_keys '?'
	check_screen "$size: help closes" "This fixture lesson"

	tui_keys n
	check_screen "$size: split step" "SPLITTEXT pgd 3, pmd 5, pte 1, offset 0x234"
	check_screen "$size: address bar labels" "pmd 5"
	check_screen "$size: folded levels named" "(p4d, pud folded)"
	check_screen "$size: code pane" "include/linux/pgtable.h lines 69-72 (Linux v6.1, pmd_index)"
	# the line as the installed linux-source-6.1 has it, with its number
	check_screen "$size: code pane line, from the package" \
		"71         $(sed -n 71p "$LINUX_REF/include/linux/pgtable.h" | sed 's/^[[:space:]]*//')"

	tui_keys n
	check_screen "$size: walk step" "WALKTEXT"
	tui_keys .      # the end of the animation
	check_screen "$size: walk result" "0x000345234 (4 KiB page)"
	check_screen "$size: folded pud pass-through" "pud: folded"
	if [ "$W" -ge 100 ]; then
		# room for the boxed diagram: boxes, arrows, a bridge for p4d and pud
		check_screen "$size: pmd box with its index" "┌ pmd [5] ─"
		check_screen "$size: cr3 box" "┌ cr3 ─"
		check_screen "$size: box entry value" "│ 0x0000000000102007 │"
		check_screen "$size: arrow between boxes" "│──▶│"
		check_screen "$size: folded bridge label" "pud_offset(p4d)==p4d"
		check_screen "$size: folded bridge" "══════"
		check_screen "$size: box bottom corners" "└────"
		check_screen "$size: frame box" "┌ frame ─"
	else
		check_screen "$size: pmd entry row" "pmd  table"
		check_not_screen "$size: no boxes at 80 columns" "┌ pmd"
	fi

	# replay, then resize while it animates
	tui_keys '-' '-' a
	if [ "$W" -ge 100 ]; then
		check_screen "$size: replay starts (levels hidden)" "┌ pte ─" 2
	else
		check_screen "$size: replay starts (levels hidden)" "pte  ..." 2
	fi
	tui resize-window -x 100 -y 30
	check_screen "resize mid-animation: redrawn at the new size" "step 3/5" 3
	tui_keys + + + + +     # (the rest of it at the fastest speed)
	check_screen "resize mid-animation: animation still ends" "(4 KiB page)" 15
	tui resize-window -x 40 -y 10
	check_screen "$size: too-small message" "Terminal too small: 40x10"
	tui resize-window -x "$W" -y "$H"
	check_screen "$size: recovers when enlarged" "WALKTEXT"
	check_not_screen "$size: no too-small message after recovery" "too small"

	tui_keys n
	check_screen "$size: quiz question" "QUIZTEXT What is the pmd index of"
	# Enter opens the field; its hint bar comes from the key table, ? included
	tui_keys Enter
	check_screen "$size: quiz field hints" "type the answer  Enter submit  Tab hint  Esc leave the field  ? help"
	tui_keys 7 Enter
	check_screen "$size: wrong answer said" "✗"
	check_screen "$size: try counter" "try 2"
	tui_keys Tab
	check_screen "$size: hint shown" "Hint 1: Shift right by PMD_SHIFT"
	tui_keys BSpace 5 Enter
	check_screen "$size: right answer said" "✓"
	check_screen "$size: the answer said once" "✓ Right: 5 (0x5)  n: next step"
	check_not_screen "$size: no empty answer field after it" "Answer:"

	tui_keys g 5 Enter
	check_screen "$size: go to step 5" "LASTTEXT"
	check_screen "$size: step 5/5" "step 5/5"
	tui_keys q
	check_screen "$size: quit exits 0" "EXITED 0"
	check_not_screen "$size: terminal restored (no title bar left)" "step 5/5"
done

# ---- progress shows in the home menu on the next start ----------------
TRACES=$TUI_TMP/traces
mkdir -p "$TRACES" && cp "$PAGEWALK_ROOT/traces/demand-2level-qemu.yaml" "$TRACES/"
tui_start 80 24 "PAGEWALK_LESSONS=$FIX/lessons PAGEWALK_TRACES=$TRACES $PAGEWALK"
check_screen "home: lessons heading" "Lessons"
check_screen "home: lesson title listed" "TUI test: PAE walk"
# its one quiz was right after one wrong try: 0 of 1 right at the first try
check_screen "home: the finished lesson's score" "0/1 right"
check_not_screen "home: not just 'done'" "done"
check_screen "home: other lesson is new" "new"
check_screen "home: traces listed" "demand-2level-qemu.yaml"
tui_keys j Enter
check_screen "home: opens the selected lesson" "Second fixture"
check_screen "home: the lesson's bar: q goes to the menu" "q menu"
tui_keys n q
check_screen "home: q in a lesson goes back to the menu" "Lessons"
check_screen "home: ... the menu" "Traces ("
tui_keys q
check_screen "home: q on the menu quits, status 0" "EXITED 0"
tui_start 80 24 "PAGEWALK_LESSONS=$FIX/lessons PAGEWALK_TRACES=$TRACES $PAGEWALK"
check_screen "home: partial progress shown" "step 2 of 3"
tui_keys j Enter
check_screen "home: m goes back to the menu" "TWO"
tui_keys m
check_screen "home: back in the menu" "Lessons"
tui_keys j Enter
check_screen "home: Enter on a trace opens the replayer" "event 1/"
check_not_screen "home: the trace loaded without error" "demand-2level-qemu.yaml:"
tui_keys q
check_screen "home: q in the replayer goes back to the menu" "Traces ("
tui_keys q
check_screen "home: q on the menu quits" "EXITED 0"

# ---- a corrupt progress file is reported, not fatal --------------------
printf 'garbage\n' >"$XDG_STATE_HOME/pagewalk/basic.progress"
tui_start 80 24 "$PAGEWALK lesson $LESSON"
check_screen "corrupt progress: reported" "not a pagewalk progress"
check_screen "corrupt progress: lesson still opens" "step 1/5"
tui_keys n q
check_screen "corrupt progress: quits cleanly" "EXITED 0"
check_eq "corrupt progress: replaced by a good file" "pagewalk-progress 3" \
	"$(head -n 1 "$XDG_STATE_HOME/pagewalk/basic.progress")"

# ---- Japanese --------------------------------------------------------
rm -rf "$XDG_STATE_HOME"
tui_start 80 24 "$PAGEWALK --lang ja lesson $LESSON"
check_screen "ja: title" "TUI テスト: PAE のウォーク"
check_screen "ja: heading" "ようこそ"
check_screen "ja: wrapped Japanese paragraph" "二つ目の段落です"
check_screen "ja: key hints" "ヘルプ"
tui_keys n n n
check_screen "ja: quiz question" "インデックスは"
tui_keys q
check_screen "ja: quits" "EXITED 0"

# ---- monochrome: NO_COLOR leaves no colour sequences --------------------
rm -rf "$XDG_STATE_HOME"
tui_start 80 24 "NO_COLOR=1 $PAGEWALK lesson $LESSON"
wait_for "step 1/5"
if tui capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m"; then
	not_ok "NO_COLOR: no colour on screen"
else
	ok "NO_COLOR: no colour on screen"
fi
tui_keys q
check_screen "NO_COLOR: quits" "EXITED 0"
tui_start 80 24 "$PAGEWALK lesson $LESSON"
wait_for "step 1/5"
if tui capture-pane -p -e | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m"; then
	ok "colour terminal: colours used"
else
	not_ok "colour terminal: colours used"
fi
tui_keys q
tui_stop
exit 0
