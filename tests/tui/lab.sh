#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/lab.sh - `pagewalk lab` played in tmux end to end, then graded:
# a right answer, a wrong one then right, tries used up, an unreadable
# answer that costs no try, Esc leaving the field so n navigates, the score
# page, the JSON and the journal written; `pagewalk grade` re-grades it to
# the same score and catches an edited copy; two students get other
# questions, a given seed the same ones; handing in early asks first. The
# journal under real signals: Ctrl-C and kill -9 in the middle, and the
# same command resumes with the tries spent; a practice run elsewhere gets
# other questions; a retake is shown by grade. The row of question states
# scrolls to keep the current one visible (20 questions, 80 and 100 columns).
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
L=$PAGEWALK_ROOT/tests/lessons/good/lab-quiz.yaml
D=$TUI_TMP/class
mkdir "$D"

# the third question's prompt line on the screen now
prompt3() { tui_screen | grep 'pgd index of the user address' | sed 's/^ *//'; }

tui_start 80 24 "$PAGEWALK --lang en lab $L --student alice --out $D"
check_screen "title bar: the lesson" " Lab: Lab fixture  "
check_screen "title bar: student and seed on the right" "student alice  |  seed "
check_screen "question 1" "Question 1 of 3 (macro)"
check_screen "tries are said" "try 1 of 2"
# Enter starts typing, Esc leaves the field: then n is navigation again
tui_keys Enter Escape n
check_screen "Esc left the field; n went to question 2" "Question 2 of 3 (offset)"
tui_keys p
check_screen "p back to question 1" "Question 1 of 3 (macro)"
# a digit starts typing; PMD_SHIFT on PAE is 21
tui_keys 2 1 Enter
check_screen "right answer: said right" "Right."
check_not_screen "the feedback is not shown during the lab" "PMD_SHIFT is"
tui_keys n
check_screen "question 2" "Question 2 of 3 (offset)"
# a word needs Enter first (a letter is not a digit: it does not start typing)
tui_keys Enter
tui_keys -l zz
tui_keys Enter
check_screen "an unreadable answer costs no try" "Not counted:"
check_screen "still the first try" "try 1 of 2"
tui_keys BSpace BSpace
tui_keys 1 Enter
check_screen "wrong answer: one try left" "Not right. 1 try left."
check_not_screen "the answer is not revealed" "0x234 "
tui_keys -l 0x234
tui_keys Enter
check_screen "right at the second try" "Right."
tui_keys n
check_screen "question 3" "Question 3 of 3 (index)"
P_ALICE=$(prompt3)
# a pgd index on PAE is 0..3: 7 and 8 are wrong
tui_keys 7 Enter
check_screen "wrong once" "Not right. 1 try left."
tui_keys 8 Enter
check_screen "tries used up: the score page" "Score: 2 of 3 right (66%)"
check_screen "score page: the answers typed and the answer" "your answers: 1, 0x234   answer: 0x234   ✓ right"
check_screen "score page: the wrong question's answers" "your answers: 7, 8   answer: "
# (8 is past PTRS_PER_PGD; when the right index is 1 it is also that
# entry's byte offset, the known mistake the engine names first)
feedback_a="A pgd index is below PTRS_PER_PGD" feedback_b="0x8 is the entry's byte offset in the table"
check_poll "score page: the engine's feedback at the end" 10 on_any "$feedback_a" "$feedback_b"
check_prose "score page: handed in, where the result is" "Handed in: the result is in $D/alice.json."
check "the result is written at the hand-in, before q" test -s "$D/alice.json"
tui_keys q
check_screen "q leaves, exit 0" "EXITED 0"
check_screen "summary printed" "lab: alice, seed "
check_screen "summary: the score" "2 of 3 right; handed in, result written to"

J=$D/alice.json
check "the result is valid JSON with the fields" python3 - "$J" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["format"] == "pagewalk-lab-result" and r["format_version"] == 2
assert r["student"] == "alice" and r["seed_given"] is False and r["session"] == 1
assert r["resumed"] == 0 and len(r["nonce"]) == 16 and r["handed_in"] >= r["started"]
assert r["lesson"] == "lab-quiz" and r["lesson_hash"].startswith("fnv1a64:")
assert r["pagewalk"] and r["tries_allowed"] == 2 and r["score"] == 2 and r["max"] == 3
q = r["questions"]
assert [x["step"] for x in q] == [2, 3, 4]
assert [a["answer"] for a in q[0]["attempts"]] == ["21"]
assert [(a["answer"], a["right"]) for a in q[1]["attempts"]] == [("1", False), ("0x234", True)]
assert [(a["answer"], a["right"]) for a in q[2]["attempts"]] == [("7", False), ("8", False)]
assert [x["right"] for x in q] == [True, True, False] and q[2]["tries"] == 2
assert all(isinstance(x["ms"], int) for x in q)
PY
check "the journal holds the start, the five tries (not the unreadable one) and the hand-in" python3 - "$D/alice.journal" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert [r["event"] for r in recs] == ["start"] + ["try"] * 5 + ["hand-in"], recs
assert [(r["question"], r["answer"], r["right"]) for r in recs[1:6]] == \
    [(1, "21", True), (2, "1", False), (2, "0x234", True), (3, "7", False), (3, "8", False)]
assert recs[-1]["score"] == 2 and recs[0]["student"] == "alice"
PY
SEED=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seed"])' "$J")
case "$P_ALICE" in *"0x"*) ok "question 3 has an address" ;; *) not_ok "question 3 has an address"; diag "$P_ALICE" ;; esac

run_pw grade "$D"  --lesson "$L"
check_eq "grade: a clean result: exit 0" 0 "$RC"
check_contains "grade re-grades to the same score" "$OUT" "alice     1   2   x     2/3 "
check_contains "grade: CSV to DIR/grades.csv" "$(cat "$D/grades.csv")" \
	"alice,,\"=\"\"$SEED\"\"\",session,2,3,right1,right2,wrong,ok,"

# an edited copy: the third question's second try marked right
mkdir "$D/edited"
python3 - "$J" "$D/edited/alice.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
q = r["questions"][2]
q["attempts"][1]["right"] = True
q["right"] = True
r["score"] = 3
json.dump(r, open(sys.argv[2], "w"), indent=1)
PY
run_pw grade "$D/edited" --lesson "$L"
check_eq "grade: an edited result: exit 1" 1 "$RC"
check_contains "the edited question does not count" "$OUT" "alice     1   2   !     2/3 "
check_contains "... and the row is flagged" "$OUT" "FLAGGED"
check_contains "the flag says which" "$OUT" "question 3: attempt 2 is recorded as right, the engine grades it wrong"

# another student: other questions; hand in early (asks first)
tui_start 80 24 "$PAGEWALK --lang en lab $L --student bob --out $D"
check_screen "bob's lab" "student bob"
tui_keys n n
check_screen "bob: question 3" "Question 3 of 3 (index)"
P_BOB=$(prompt3)
if [ -n "$P_BOB" ] && [ "$P_BOB" != "$P_ALICE" ]; then ok "two students get other questions"
else not_ok "two students get other questions"; diag "alice: $P_ALICE" "bob: $P_BOB"; fi
tui_keys q
check_screen "hand in with open questions asks first" "3 question(s) still open. q again hands in"
tui_keys q
check_screen "second q: the score page" "Score: 0 of 3 right (0%)"
check_screen "unanswered questions say so" "your answers: (none)"
tui_keys q
check_screen "bob: exit 0" "EXITED 0"
check "bob's result written" test -s "$D/bob.json"

# a given seed: the same questions for anyone (and a retake with --force)
tui_start 80 24 "$PAGEWALK --lang en lab $L --student alice --seed $SEED --force --out $D"
check_screen "the given seed is shown" "student alice  |  seed $SEED"
check_screen "a retake says so" "A retake (session 2): new questions; grade shows it."
tui_keys n n
check_screen "alice again: question 3" "Question 3 of 3 (index)"
check_eq "a given seed: the same question" "$P_ALICE" "$(prompt3)"
tui_keys '?'
check_screen "help lists the lab's keys" "next question"
tui_keys Escape Enter Tab
check_screen "no hints in a lab" "A lab has no hints."
tui_keys Escape q q
check_screen "the retake handed in" "Score: 0 of 3 right"
tui_keys q
check_screen "the retake: exit 0" "EXITED 0"
run_pw grade "$D" --lesson "$L"
check_contains "grade shows the retake" "$OUT" "$D/alice.json: note: retake: session 2; before it 1 handed in, 0 abandoned"
tui_stop

# ---- the journal under real signals (issue 25 item 1) ------------------------
J=$TUI_TMP/signals
mkdir "$J"
# the pid of the lab in the pane (the pane's shell runs it)
labpid() { ps -o pid= --ppid "$(tui display-message -p '#{pane_pid}')" | tr -d ' ' | head -1; }
tui_start 80 24 "$PAGEWALK --lang en lab $L --student dave --out $J"
check_screen "dave's lab" "Question 1 of 3 (macro)"
tui_keys n n
check_screen "dave: question 3" "Question 3 of 3 (index)"
P_DAVE=$(prompt3)
tui_keys 7 Enter
check_screen "dave: one wrong try" "Not right. 1 try left."
tui_keys C-c
check_screen "Ctrl-C: exit 130" "EXITED 130"
check_screen "Ctrl-C: says the tries are kept" "interrupted before the hand-in: 1 try is recorded in the"
check "Ctrl-C: no result" test ! -e "$J/dave.json"
tui_start 80 24 "$PAGEWALK --lang en lab $L --student dave --out $J"
check_screen "the same command resumes" "Resumed where it stopped: 1 try already made counts."
tui_keys n n
check_screen "resumed: question 3" "Question 3 of 3 (index)"
check_eq "resumed: the same question" "$P_DAVE" "$(prompt3)"
check_screen "resumed: the try spent (try 2 of 2, not 1 of 2)" "try 2 of 2"
check_screen "resumed: marked ~ in the row" "3 ~"
tui_keys 8 Enter
check_screen "the second wrong try closes it" "No tries left"
pid=$(labpid)
if [ -n "$pid" ] && kill -9 "$pid"; then ok "kill -9 the lab ($pid)"; else not_ok "kill -9 the lab"; fi
check_screen "kill -9: the lab is gone" "Killed"
tui_start 80 24 "$PAGEWALK --lang en lab $L --student dave --out $J"
check_screen "after kill -9: resumed with both tries" "Resumed where it stopped: 2 tries already made count."
check_screen "after kill -9: opens at the first open question" "Question 1 of 3 (macro)"
check_screen "after kill -9: question 3 is out of tries" "3 ✗"
tui_keys q q
check_screen "dave hands in" "Score: 0 of 3 right"
tui_keys q
check_screen "dave: exit 0" "EXITED 0"
run_pw grade "$J" --lesson "$L"
check_contains "grade: dave's two interruptions noted" "$OUT" "$J/dave.json: note: resumed 2 time(s) after an interruption"
check_contains "grade: the tries of every sitting counted" "$OUT" "dave      .   .   x     0/3 "
check_eq "grade: dave's result agrees with the journal" 0 "$RC"
# a practice run elsewhere: other questions, so no free retries
P=$TUI_TMP/practice
mkdir "$P"
tui_start 80 24 "$PAGEWALK --lang en lab $L --student dave --out $P"
tui_keys n n
check_screen "practice: question 3" "Question 3 of 3 (index)"
P_PRACTICE=$(prompt3)
if [ -n "$P_PRACTICE" ] && [ "$P_PRACTICE" != "$P_DAVE" ]; then ok "a practice run elsewhere gets another question"
else not_ok "a practice run elsewhere gets another question"; diag "$P_DAVE" "$P_PRACTICE"; fi
tui_stop

# ---- the row of question states scrolls (issue 25 item 8) -------------------
{
	printf 'title: "Twenty"\narch: x86-32\nsteps:\n'
	i=1
	while [ $i -le 20 ]; do
		printf '  - kind: quiz\n    ask: macro\n    macro: PGDIR_SHIFT\n    question: "Q%d: {macro}?"\n' $i
		i=$((i + 1))
	done
} >"$TUI_TMP/twenty.yaml"
for cols in 80 100; do
	R=$TUI_TMP/row$cols
	mkdir "$R"
	tui_start $cols 24 "$PAGEWALK --lang en lab $TUI_TMP/twenty.yaml --student eve --out $R"
	check_screen "$cols cols: question 1" "Question 1 of 20"
	check_screen "$cols cols: more questions to the right" " >"
	tui_keys 2 2 Enter n n n n n n n n n n n n n n n n
	check_screen "$cols cols: question 17" "Question 17 of 20"
	row=$(tui_screen | grep 'Questions: ')
	case $row in *"17 ·"*) ok "$cols cols: question 17 is in the row" ;;
	*) not_ok "$cols cols: question 17 is in the row"; diag "$row" ;; esac
	case $row in *"Questions: < "*) ok "$cols cols: the row says questions are off to the left" ;;
	*) not_ok "$cols cols: the row says questions are off to the left"; diag "$row" ;; esac
	tui_keys n n n
	check_screen "$cols cols: question 20" "Question 20 of 20"
	row=$(tui_screen | grep 'Questions: ')
	case $row in *"20 ·"*) ok "$cols cols: the last question is in the row" ;;
	*) not_ok "$cols cols: the last question is in the row"; diag "$row" ;; esac
	tui_keys n
	check_screen "$cols cols: n wraps to question 1" "Question 1 of 20"
	row=$(tui_screen | grep 'Questions: ')
	case $row in *"Questions: 1 ✓  2 ·"*) ok "$cols cols: back at the start of the row" ;;
	*) not_ok "$cols cols: back at the start of the row"; diag "$row" ;; esac
	case $row in *" >") ok "$cols cols: the row ends in > (more to the right)" ;;
	*) not_ok "$cols cols: the row ends in > (more to the right)"; diag "$row" ;; esac
	tui_stop
done

# Japanese, at the smallest size the screens support
tui_start 60 20 "$PAGEWALK --lang ja lab $L --student carol --out $D"
check_screen "ja: title bar" "ラボ: ラボ用フィクスチャ"
check_screen "ja: the question heading" "問題 1 / 3 (マクロ)"
check_screen "ja: tries" "1 / 2 回目"
tui_keys 9 Enter
check_screen "ja: wrong, one try left" "正しくありません。あと 1 回。"
check_screen "ja: a question tried once is marked ~" "問題: 1 ~"
tui_stop

# ---- the title bar at 80 columns, under the fit witness ---------------------
# Lesson 04's title is long: the student and the seed stay whole (a cut seed
# is another number), the title gives way and says so with "..."; with
# PAGEWALK_DRAWCHECK set nothing is cut unseen, on a question and on the
# score page (the lab screen crashed the witness before).
for lang in en ja; do
	W=$TUI_TMP/wit-$lang
	mkdir "$W"
	LOG=$TUI_TMP/wit-$lang.log
	ID=s2026-0123456789abcdefghijklmno
	tui_start 80 24 "env PAGEWALK_DRAWCHECK=$LOG $PAGEWALK --lang $lang lab 04 --student $ID --out $W"
	if poll 10 on_any "1 / 2" "try 1 of 2"; then ok "$lang: lab 04 under the witness shows question 1"
	else not_ok "$lang: lab 04 under the witness shows question 1"; tui_screen | diag "$(cat)"; fi
	S=$(sed -n 's/.*"seed": \([0-9]*\),.*/\1/p' "$W/$ID.journal" | head -1)
	title=$(tui_screen | head -1)
	case $title in *" $ID  |  "*" $S") ok "$lang: the title bar ends with the whole id and seed" ;;
	*) not_ok "$lang: the title bar ends with the whole id and seed"; diag "seed $S: $title" ;; esac
	case $title in *"..."*) ok "$lang: the long title is cut with ..." ;;
	*) not_ok "$lang: the long title is cut with ..."; diag "$title" ;; esac
	tui_keys q
	if [ $lang = en ]; then confirm="q again hands in"; else confirm="もう一度 q で提出"; fi
	check_screen "$lang: q asks first" "$confirm"
	tui_keys q
	check_screen "$lang: the score page" "$W/$ID.json"
	tui_keys q
	check_screen "$lang: the lab ends, exit 0" "EXITED 0"
	check_eq "$lang: the witness reports nothing cut" "" "$(cat "$LOG" 2>/dev/null)"
	tui_stop
done

# ---- the score page at 80 columns: an answer too long to share a line ------
# "your answers: A, B   answer: C   ✓ right" does not fit: the answer goes
# under the answers typed, whole ("✓" never ends a line with "right" on the
# next, as it did).
cat >"$TUI_TMP/split5.yaml" <<'Y'
title: "Five levels"
arch: x86-64-la57
steps:
  - kind: quiz
    ask: split
    addr: 0xffffffffc0101234
    question: "Split {addr} for {arch}."
Y
tui_start 80 24 "$PAGEWALK --lang en lab $TUI_TMP/split5.yaml --student ivy --out $D"
check_screen "split quiz" "Question 1 of 1 (split)"
tui_keys Enter
tui_keys -l "1 2 3 4 5 0x234"
tui_keys Enter
check_screen "split: wrong once" "Not right. 1 try left."
tui_keys -l "511 511 511 0 257 0x234"
tui_keys Enter
check_screen "split: the score page" "Score: 1 of 1 right"
check_screen "the answers typed, whole" "your answers: 1 2 3 4 5 0x234, 511 511 511 0 257 0x234"
check_screen "the answer on the next line, with its mark and word" "    answer: 511 511 511 0 257 0x234   ✓ right"
case $(tui_screen) in *"✓
"*) not_ok "no line ends in the mark"; tui_screen | diag "$(cat)" ;;
*) ok "no line ends in the mark" ;; esac
tui_stop

# ---- the lab's help overlay: true and whole at 80x24 ------------------------
# A lab gives no hints: the help does not offer Tab's hint (a lesson's does);
# the keys of "next question" and every description fit, under the witness.
for lang in en ja; do
	LOG=$TUI_TMP/help-$lang.log
	H=$TUI_TMP/help-$lang
	mkdir "$H"
	tui_start 80 24 "env PAGEWALK_DRAWCHECK=$LOG $PAGEWALK --lang $lang lab 07 --student hal --out $H"
	if [ $lang = en ]; then q="Question 1 of 4"; k="Keys (j/k scroll; any other key closes)"; hint="show a hint"
	else q="問題 1 / 4"; k="キー (j/k でスクロール、ほかのキーで閉じる)"; hint="ヒントを表示"; fi
	check_screen "$lang: lab 07" "$q" 10
	tui_keys '?'
	check_screen "$lang: the help overlay" "$k"
	check_screen "$lang: next question's keys whole" "Space Right l n Down "
	check_not_screen "$lang: no hint offered in a lab" "$hint"
	check_eq "$lang: the witness reports nothing cut in the lab's help" "" "$(cat "$LOG" 2>/dev/null)"
	tui_stop
done
tui_start 80 24 "$PAGEWALK --lang en lesson 01"
check_screen "a lesson" "step 1/"
tui_keys '?'
check_screen "a lesson's help still offers the hint" "quiz: show a hint"
tui_stop

# ---- a question longer than the screen scrolls (j/k), the rest stays -------
LL=$PAGEWALK_ROOT/tests/lessons/good/lab-long-question.yaml
for lang in en ja; do
	LOG=$TUI_TMP/long-$lang.log
	H=$TUI_TMP/long-$lang
	mkdir "$H"
	tui_start 80 24 "env PAGEWALK_DRAWCHECK=$LOG $PAGEWALK --lang $lang lab $LL --student lee --out $H"
	if [ $lang = en ]; then where='-- lines 1-13 of [0-9]+: j/k scroll --'
	else where='-- 1-13 行目 / [0-9]+ 行: j/k でスクロール --'; fi
	check_screen "$lang: a long question: its first line" "Fact 01 of the long question"
	if poll "$WAIT_SECS" on_screen_re "$where"; then ok "$lang: a long question says where the view is"
	else not_ok "$lang: a long question says where the view is"; show_screen; fi
	check_not_screen "$lang: a long question: its last line is below" "What is the page offset"
	check_screen "$lang: the key bar offers j/k" "j/k"
	check_keys "$lang: j scrolls to the question's end" j 40 on_screen "What is the page offset"
	if [ $lang = en ]; then try="try 1 of 2"; else try="1 / 2 回目"; fi
	check_screen "$lang: the answer field stays" "$try"
	check_not_screen "$lang: the first lines scrolled away" "Fact 01 of the long question"
	tui_keys j j j
	check_screen "$lang: j stops at the end (the asking line stays)" "What is the page offset"
	check_keys "$lang: k scrolls back to the first line" k 40 on_screen "Fact 01 of the long question"
	tui_keys n
	check_screen "$lang: the next, short question has no scroll line" "PMD_SHIFT"
	check_not_screen "$lang: ... and no j/k note" "j/k"
	check_eq "$lang: the witness reports nothing cut on the long question" "" "$(cat "$LOG" 2>/dev/null)"
	tui_stop
done
