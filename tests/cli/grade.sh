#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/grade.sh - `pagewalk grade` over classes written here (results
# and journals made the way `pagewalk lab` writes them, for a lesson whose
# questions are fixed, so a script can answer them): bad files each
# reported with their location and given a CSV row; unknown keys refused;
# the class's lesson from the majority, not from one planted file; a wrong
# try shown as wrong so far; shared seeds and copied answers flagged in the
# table; CSV cells a spreadsheet keeps as text; names in UTF-8 with commas;
# per-question statistics; a roster; a deadline; more than 5000 students;
# `lab --review`. Real plays and the journal under signals are in
# tests/tui/lab.sh; every tampering kind in tests/unit/test_lab.c.
. "$(dirname "$0")/../lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
L=$PAGEWALK_ROOT/tests/lessons/good/lab-quiz.yaml
# a lesson with nothing random: its questions are known here
F=$tmp/fixed.yaml
cat >"$F" <<'Y'
title: "Fixed"
arch: x86-32-pae
steps:
  - kind: text
    text: "Two questions follow."
  - kind: quiz
    ask: macro
    macro: PMD_SHIFT
    question: "On {arch}, what is {macro}?"
  - kind: quiz
    ask: offset
    addr: 0xc0101234
    question: "What is the page offset of {addr}?"
Y

# labgen DIR LESSON ID NAME SEED_GIVEN ANSWERS... : DIR/ID.json and
# DIR/ID.journal as pagewalk lab writes them. ANSWERS: per question, the
# tries separated by '/', '-' for none. SEED_GIVEN: a seed, or "session".
labgen() {
	/usr/bin/python3 - "$@" <<'PY'
import json, sys
d, lesson, sid, name, given = sys.argv[1:6]
answers = [[] if a == "-" else a.split("/") for a in sys.argv[6:]]
def fnv(h, b):
    for x in b:
        h = ((h ^ x) * 0x100000001b3) & 0xffffffffffffffff
    return h
nonce = "%016x" % (fnv(0xcbf29ce484222325, sid.encode()) & 0xffffffffffff)
if given == "session":
    h = fnv(fnv(fnv(fnv(0xcbf29ce484222325, b"pagewalk-lab:"), sid.encode()), b":"), nonce.encode())
    seed, seed_given = (h ^ (h >> 32)) & 0xffffffff, False
else:
    seed, seed_given = int(given), True
lb = open(lesson, "rb").read()
lhash = "fnv1a64:%016x" % fnv(0xcbf29ce484222325, lb)
qs = [("macro", 2, "On x86-32-pae, what is PMD_SHIFT?", "21"),
      ("offset", 3, "What is the page offset of 0xc0101234?", "0x234")]
def t(s):
    return "2026-01-05T09:%02d:%02dZ" % (s // 60, s % 60)
clock, questions, tries, score = 0, [], [], 0
for k, (kind, step, prompt, want) in enumerate(qs):
    att = []
    for a in answers[k]:
        clock += 7
        right = a.lower() == want
        att.append({"answer": a, "right": right, "ms": clock * 1000, "at": t(clock)})
        tries.append({"event": "try", "session": 1, "question": k + 1, "answer": a,
                      "right": right, "ms": clock * 1000, "at": t(clock)})
    right = any(x["right"] for x in att)
    score += right
    questions.append({"step": step, "kind": kind, "prompt": prompt, "expected": want,
                      "attempts": att, "tries": len(att), "right": right,
                      "ms": att[-1]["ms"] if att else 0})
end = clock + 3
r = {"format": "pagewalk-lab-result", "format_version": 2, "pagewalk": "0.1.0",
     "student": sid, "name": name, "seed": seed, "seed_given": seed_given, "nonce": nonce,
     "lesson": "fixed", "lesson_hash": lhash, "session": 1, "resumed": 0,
     "started": t(0), "handed_in": t(end), "tries_allowed": 2, "score": score,
     "max": len(qs), "ms": sum(q["ms"] for q in questions), "questions": questions}
json.dump(r, open("%s/%s.json" % (d, sid), "w"), indent=2, ensure_ascii=False)
start = {"journal": "pagewalk-lab-journal", "version": 1, "event": "start", "session": 1,
         "pagewalk": "0.1.0", "student": sid, "name": name, "lesson": "fixed",
         "lesson_hash": lhash, "seed": seed, "seed_given": seed_given, "nonce": nonce,
         "at": t(0)}
with open("%s/%s.journal" % (d, sid), "w") as j:
    for rec in [start] + tries + [{"event": "hand-in", "session": 1, "score": score,
                                   "at": t(end)}]:
        j.write(json.dumps(rec, ensure_ascii=False) + "\n")
PY
}

# csvcell FILE ROW COLUMN: one cell of a CSV as python's csv module reads it
csvcell() {
	/usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
print([x for x in r if x["student"].strip("=\"") == sys.argv[2]][0][sys.argv[3]])' "$@"
}

# ---- bad files: each reported where it is bad, each a CSV row -------------
d=$tmp/class
mkdir "$d"
labgen "$d" "$F" gus "" session 21 0x234
printf '{"format": "pagewalk-lab-result",\n  "format_version": 2,,\n' >"$d/broken.json"
sed 's/"student": "gus"/"student": "\\u001b]0;pwned\\u0007"/' "$d/gus.json" >"$d/hostile.json"
printf '{"format": "pagewalk-lab-\033[2Jresult"}' >"$d/ctl.json"
sed 's/"student": "gus"/"student": "..\/..\/etc\/passwd"/' "$d/gus.json" >"$d/path.json"
sed 's/"format_version": 2/"format_version": 1/' "$d/gus.json" >"$d/old.json"
sed 's/"score": 2,/"score": 2, "graded_by": "me",/' "$d/gus.json" >"$d/extra.json"
python3 -c 'print("[" * 100000)' >"$d/deep.json"
truncate -s 41M "$d/huge.json"
mkfifo "$d/fifo.json"
mkdir "$d/dir.json"
ln -s /dev/zero "$d/zero.json"
printf 'not json' >"$d/notes.txt"
printf '{' >"$d/$(printf 'esc\033]0;t\007')".json

run_pw grade "$d" --lesson "$F" --csv "$tmp/out.csv"
check_eq "grade: bad files make exit 1" 1 "$RC"
check_contains "broken JSON: FILE:LINE:COL" "$ERR" "$d/broken.json:2:23: object key (a string) expected"
check_contains "hostile student id: its location" "$ERR" "$d/hostile.json:5:14: \"student\" holds control characters"
check_contains "control byte in a raw string: its location" "$ERR" "$d/ctl.json:1:26: control character in string"
check_contains "a path as student id" "$ERR" "$d/path.json:5:14: bad student id"
check_contains "an old format: said so" "$ERR" "$d/old.json:3:21: format_version 1 is not supported (this pagewalk reads 2)"
check_contains "an unknown key: refused at the key" "$ERR" "unknown key \"graded_by\" in a lab result"
check_contains "deep nesting" "$ERR" "$d/deep.json:1:33: nested too deeply"
check_contains "huge file" "$ERR" "$d/huge.json: file too large (42991616 bytes, at most 41943040)"
check_contains "FIFO: not opened for reading, named" "$ERR" "$d/fifo.json: not a regular file"
check_contains "directory" "$ERR" "$d/dir.json: is a directory"
check_contains "link to a device" "$ERR" "$d/zero.json: not a regular file"
case "$ERR$OUT$(cat "$tmp/out.csv")" in
*"$(printf '\033')"*|*"$(printf '\007')"*) not_ok "no raw control byte in the output or the CSV" ;;
*) ok "no raw control byte in the output or the CSV" ;;
esac
check_contains "the good file is graded, with its journal" "$OUT" "gus               1   1     2/2      0:17  ok"
check_contains "a bad file is a row of the table" "$OUT" "extra             -   -       -         -  BAD"
check_contains "summary counts bad files" "$OUT" "1 student(s), lesson fixed: mean 2.0 of 2; 0 flagged, 12 bad file(s)"
check_contains "a file name with control bytes: shown escaped in the table" "$OUT" 'esc\x1b]0;t\x07'
check_contains "... and on stderr" "$ERR" 'esc\x1b]0;t\x07.json:1:2: object key'

check_eq "CSV header" "student,name,seed,seed_from,score,max,q1,q2,status,seconds,started,handed_in,flags,notes" \
	"$(head -1 "$tmp/out.csv")"
check_eq "every file is a CSV row (13)" 13 "$(/usr/bin/python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1])))))' "$tmp/out.csv")"
check_eq "a bad file's row says why" "$d/extra.json:17:15: unknown key \"graded_by\" in a lab result" \
	"$(csvcell "$tmp/out.csv" extra flags)"
check_eq "a bad file's row: status bad" bad "$(csvcell "$tmp/out.csv" extra status)"
check "grade ignores files that are not *.json or *.journal" test ! -e "$d/grades.csv"

rm -rf "$d"/*
printf '{' >"$d/a.json"
run_pw grade "$d"
check_eq "grade: nothing gradable: exit 1" 1 "$RC"
check_contains "says so" "$ERR" "pagewalk: grade: no lab result could be graded"
check_run "grade: no such directory: exit 1" 1 grade "$tmp/none"
check_contains "grade: no such directory: says why" "$ERR" "$tmp/none: cannot open the directory"
check_run "grade: no DIR: usage, exit 2" 2 grade
check_run "grade: a bad --deadline: exit 2" 2 grade "$d" --deadline tomorrow
check_run "grade --help: exit 0" 0 grade --help
check_contains "grade --help names the CSV default" "$OUT" "DIR/grades.csv"

# ---- a class: lesson, wrong so far, names, copies, CSV, stats -------------
# the lesson is found by the name the results give, as lessons are
export PAGEWALK_LESSONS="$tmp"
C=$tmp/c
mkdir "$C"
labgen "$C" "$F" alice "Müller, Anna" session 21 1/0x234
labgen "$C" "$F" bob "" session 22 -                  # one wrong try, handed in
labgen "$C" "$F" carol "伊藤 和子" session 21 0x234
labgen "$C" "$F" 00123 "" session 21 0x234
labgen "$C" "$F" 1-12 "=HYPERLINK(\"x\")" session 22/21 1/2
labgen "$C" "$F" 1e5 "" 18446744073709551615 21 0x234
labgen "$C" "$F" fred "" session 22 1/3            # copies erin's wrong answers
labgen "$C" "$F" erin "" session 22 1/3            # (1/3: no one else's tries)
cp "$F" "$tmp/other.yaml"
# the file that sorts first names another lesson (issue 25 item 3)
labgen "$C" "$tmp/other.yaml" 0aaa "" session 21 0x234
sed -i 's/"lesson": "fixed"/"lesson": "other"/' "$C/0aaa.json" "$C/0aaa.journal"
run_pw grade "$C" --deadline 2026-01-05T18:00:25+09:00
check_eq "a class with a planted file: exit 1" 1 "$RC"
check_contains "the class's lesson is the majority's" "$OUT" "student(s), lesson fixed:"
check_contains "the planted file is the one flagged" "$OUT" "$C/0aaa.json: flagged: the result is for lesson other, not fixed"
check_contains "the others are not: alice ok" "$OUT" "alice   Müller, Anna      1   2     2/2      0:24  ok"
check_contains "a wrong try, handed in: wrong so far (~), not unanswered" "$OUT" "bob                       ~   .     0/2      0:10  ok"
check_eq "wrong so far in the CSV" wrong_so_far "$(csvcell "$C/grades.csv" bob q1)"
check_contains "a Japanese name in its columns" "$OUT" "carol   伊藤 和子         1   1     2/2      0:17  ok"
check_contains "copied wrong answers flagged in the table" "$OUT" "fred                      ~   x     0/2      0:24  FLAGGED"
check_contains "copied answers: says whose, and which tries no one else gave" "$OUT" \
	"$C/fred.json: flagged: the same answers as erin (2 questions, wrong ones included; no one else gave question 2's tries)"
check_contains "a deadline given with its zone: late" "$OUT" "1-12    =HYPERLINK(\"x\")   2   x     1/2      0:31  late"
check_contains "late: by how much" "$OUT" "$C/1-12.json: note: late: handed in 0 min 6 s after the deadline, 1 try after it"
check_contains "per question: the counts" "$OUT" "Q2 (step 3, offset): right at try 1: 4, at try 2: 1; wrong: 3, wrong so far: 0; not answered: 1"
check_contains "per question: the commonest wrong answer, grouped by answer" "$OUT" "   \"1\" (4): The offset is the low 12 bits of the address"
check_contains "per question: the engine's diagnosis of it" "$(printf '%s\n' "$OUT" | grep -A1 '"22" (4)')" "That is PMD_SHIFT on x86-32, not on x86-32-pae."
# The same answers by chance: a common mistake is not copying. ann and
# ben answer alike, but cat made their first wrong try too, and ida their
# second question's: nothing tells them apart from chance. gil and hal
# share a wrong try no one else made: flagged.
C2=$tmp/common
mkdir "$C2"
labgen "$C2" "$F" ann "" session 22/21 1/0x234
labgen "$C2" "$F" ben "" session 22/21 1/0x234
labgen "$C2" "$F" cat "" session 22/21 0x234
labgen "$C2" "$F" ida "" session 21 1/0x234
labgen "$C2" "$F" gil "" session 23/21 0x234
labgen "$C2" "$F" hal "" session 23/21 0x234
run_pw grade "$C2" --lesson "$F"
check_contains "the same common mistakes: ann not flagged" "$OUT" "ann       2   2     2/2      0:31  ok"
check_contains "... nor ben" "$OUT" "ben       2   2     2/2      0:31  ok"
check_contains "a shared mistake no one else made: gil flagged" "$OUT" \
	"$C2/gil.json: flagged: the same answers as hal (2 questions, wrong ones included; no one else gave question 1's tries)"
check_contains "... and hal" "$OUT" "$C2/hal.json: flagged: the same answers as gil"
check_contains "two flagged, not four" "$OUT" "6 student(s), lesson fixed: mean 2.0 of 2; 2 flagged"

# CSV: cells a spreadsheet would change stay text (issue 25 item 6)
check_eq "CSV: 00123 kept as text" '="00123"' "$(csvcell "$C/grades.csv" 00123 student)"
check_eq "CSV: 1-12 kept as text" '="1-12"' "$(csvcell "$C/grades.csv" 1-12 student)"
check_eq "CSV: 1e5 kept as text" '="1e5"' "$(csvcell "$C/grades.csv" 1e5 student)"
check_eq "CSV: a 64-bit seed kept as text" '="18446744073709551615"' "$(csvcell "$C/grades.csv" 1e5 seed)"
check_eq "CSV: a formula in a name defused" "'=HYPERLINK(\"x\")" "$(csvcell "$C/grades.csv" 1-12 name)"
check_eq "CSV: a name with a comma and UTF-8" "Müller, Anna" "$(csvcell "$C/grades.csv" alice name)"
check_eq "CSV: a plain id stays plain" "alice" "$(csvcell "$C/grades.csv" alice student)"
check_contains "CSV: the raw line quotes the formula" "$(cat "$C/grades.csv")" '"=""00123""",'
# times: a spreadsheet reads 2026-01-05T09:00:00Z as a date and may show
# the day alone (Gnumeric does), the time of a hand-in gone
check_eq "CSV: the start time kept as text" '="2026-01-05T09:00:00Z"' "$(csvcell "$C/grades.csv" alice started)"
check_eq "CSV: the hand-in time kept as text" '="2026-01-05T09:00:24Z"' "$(csvcell "$C/grades.csv" alice handed_in)"
# --csv replaces only a CSV of grades: a student's result or the lesson
# named by mistake is refused before any work, and left as it was (it was
# replaced by the CSV before)
cp "$C/alice.json" "$tmp/alice.keep"
run_pw grade "$C" --csv "$C/alice.json"
check_eq "--csv naming a result: exit 1" 1 "$RC"
check_contains "--csv naming a result: said why" "$ERR" \
	"pagewalk: grade: $C/alice.json: exists and is not a CSV of grades"
check "--csv naming a result: the result is untouched" cmp -s "$C/alice.json" "$tmp/alice.keep"
cp "$F" "$tmp/fixed.keep"
run_pw grade "$C" --csv "$F"
check_eq "--csv naming the lesson: exit 1, the lesson untouched" "1 same" \
	"$RC $(cmp -s "$F" "$tmp/fixed.keep" && echo same)"
run_pw grade "$C" --csv "$C/grades.csv"
check_contains "--csv over an earlier CSV of grades: replaced" "$OUT" "CSV: $C/grades.csv"
# more cells spreadsheets turn into values: (42) is -42 to Excel and
# LibreOffice, "5 €" money, full-width １２３ a number and 1月2日 a date to a
# Japanese spreadsheet, "3 pm" a time, "#N/A" an error value; text beside
# them stays plain (fails on the previous build)
C3=$tmp/cells
mkdir "$C3"
labgen "$C3" "$F" s1 "(42)" session 21 0x234
labgen "$C3" "$F" s2 "5 €" session 21 0x234
labgen "$C3" "$F" s3 "１２３" session 21 0x234
labgen "$C3" "$F" s4 "1月2日" session 21 0x234
labgen "$C3" "$F" s5 "3 pm" session 21 0x234
labgen "$C3" "$F" s6 "#N/A" session 21 0x234
labgen "$C3" "$F" a1 "p42" session 21 0x234
labgen "$C3" "$F" s7 "伊藤 3組" session 21 0x234
run_pw grade "$C3" --lesson "$F"
for c in "s1 (42)" "s2 5 €" "s3 １２３" "s4 1月2日" "s5 3 pm" "s6 #N/A"; do
	check_eq "CSV: the name ${c#* } kept as text" "=\"${c#* }\"" "$(csvcell "$C3/grades.csv" "${c%% *}" name)"
done
check_eq "CSV: an id with a letter first stays plain" "a1" "$(csvcell "$C3/grades.csv" a1 student)"
check_eq "CSV: ... and a name like p42" "p42" "$(csvcell "$C3/grades.csv" a1 name)"
check_eq "CSV: a Japanese name with a digit stays plain" "伊藤 3組" "$(csvcell "$C3/grades.csv" s7 name)"

# copying a classmate's file as in issue 25 item 2: seed_given set
sed -e 's/"student": "alice"/"student": "dave"/' -e 's/"seed_given": false/"seed_given": true/' \
	"$C/alice.json" >"$C/dave.json"
run_pw grade "$C" --lesson fixed
check_contains "a shared seed flags the copy" "$OUT" "$C/dave.json: flagged: seed"
check_contains "... and the original" "$OUT" "is also dave's: one result copied from the other?"
check_contains "... in the table" "$OUT" "dave    Müller, Anna      1   2     2/2      0:24  FLAGGED"
rm "$C/dave.json" "$C/0aaa.json" "$C/0aaa.journal"

# a roster: missing students, students not on it, names from it
printf 'student,name\nalice,"Müller, Anna"\nbob,Bob Brown\nzoe,Zoë\n' >"$tmp/roster.csv"
run_pw grade "$C" --roster "$tmp/roster.csv"
check_contains "roster: a missing student is a row" "$OUT" "zoe     Zoë               -   -       -         -  missing"
check_contains "roster: said below the table" "$OUT" "zoe: missing: on the roster, no result"
check_contains "roster: names from it" "$OUT" "bob     Bob Brown         ~   ."
check_contains "roster: who is not on it" "$OUT" "$C/carol.json: flagged: carol is not on the roster"
check_eq "roster: the missing student in the CSV" missing "$(csvcell "$C/grades.csv" zoe status)"
printf 'alice\nal/ice\n' >"$tmp/bad-roster"
check_run "a bad roster: exit 1" 1 grade "$C" --roster "$tmp/bad-roster"
check_contains "a bad roster: where" "$ERR" "$tmp/bad-roster:2:1: bad student id"

# a tie between two lessons is not decided by file order
T=$tmp/tie
mkdir "$T"
labgen "$T" "$F" ann "" session 21 -
labgen "$T" "$F" ben "" session 21 -
sed -i 's/"lesson": "fixed"/"lesson": "other"/' "$T/ben.json" "$T/ben.journal"
check_run "two lessons as often: exit 1" 1 grade "$T"
check_contains "... and says to choose" "$ERR" "say which with --lesson"

# ---- more than 5000 students (issue 20 item 10) ---------------------------
M=$tmp/many
mkdir "$M"
(cd "$M" && i=0 && while [ $i -lt 5003 ]; do : >"s$(printf %05d $i).json"; i=$((i + 1)); done)
labgen "$M" "$F" s00000 "" session 21 0x234
run_pw grade "$M" --lesson "$F"
check_contains "over 5000: said, with the first skipped" "$ERR" "more than 5000 students: the first 5000 by name are graded, 3 skipped (the first skipped: s05000)"
check_contains "over 5000: in the summary" "$OUT" "4999 bad file(s), 3 skipped (over 5000)"
check_eq "over 5000: the skipped have CSV rows" skipped "$(csvcell "$M/grades.csv" s05002 status)"
run_pw grade "$M" --lesson "$F"
check_contains "over 5000: the same every time" "$ERR" "(the first skipped: s05000)"

# ---- lab --review ----------------------------------------------------------
run_pw lab --review "$C/alice.json"
check_eq "review: exit 0" 0 "$RC"
check_contains "review: who and the score" "$OUT" "Lab review: fixed (Fixed), student alice (Müller, Anna), seed"
check_contains "review: the engine's score" "$OUT" "Handed in 2026-01-05T09:00:24Z: 2 of 2 right (the engine's grading)"
check_contains "review: each question and how it went" "$OUT" "Question 2 / 2 (offset): right at try 2"
check_contains "review: the answers, the wrong one with the engine's word" "$OUT" "1. 1: The offset is the low 12 bits of the address (& ~PAGE_MASK)."
check_contains "review: the worked solution" "$OUT" "offset: 0xc0101234 & ~PAGE_MASK (0xfff) = 0x234: bits 11..0"
run_pw --lang ja lab --review "$C/alice.json"
check_contains "review in Japanese" "$OUT" "解き方:"
sed -i 's/"score": 2/"score": 1/' "$C/carol.json"
run_pw lab --review "$C/carol.json"
check_contains "review: an edited result says so" "$OUT" "Note: this result does not reproduce: recorded score 1/2, the engine's 2/2"
check_run "review: a bad file: exit 1" 1 lab --review "$d/a.json"
check_run "review: with --student: exit 2" 2 lab --review "$C/alice.json" --student x

# ---- lab refuses bad input before curses starts -----------------------------
check_run "lab: bad student id: exit 2" 2 lab "$L" --student "../x" --out "$tmp"
check_contains "lab: says why" "$ERR" "bad student id"
check_run "lab: control characters in the id" 2 lab "$L" --student "$(printf 'a\033[2J')" --out "$tmp"
check_run "lab: control characters in the name" 2 lab "$L" --student ann --name "$(printf 'A\033[2J')" --out "$tmp"
check_run "lab: no --out: exit 2" 2 lab "$L" --student ann
check_run "lab: --out not a directory: exit 1" 1 lab "$L" --student ann --out "$tmp/none"
check_contains "lab: names the directory" "$ERR" "lab: $tmp/none: not a directory"
: >"$tmp/ann.json"
check_run "lab: an earlier result is kept: exit 1" 1 lab "$L" --student ann --out "$tmp"
check_contains "lab: says a retake needs --force" "$ERR" "$tmp/ann.json: exists: the lab was handed in (a retake needs --force)"
ln -s /dev/null "$tmp/bea.journal"
check_run "lab: a journal that is a symbolic link: exit 1" 1 lab "$L" --student bea --out "$tmp"
check_contains "lab: says so" "$ERR" "$tmp/bea.journal: is a symbolic link; not using it"
check_run "lab: a lesson without quizzes: exit 1" 1 lab "$PAGEWALK_ROOT/tests/tui/fixtures/lessons/second.yaml" --student bob --out "$tmp"
check_contains "lab: says why" "$ERR" "the lesson has no quiz steps"
check "lab: a refused start leaves no journal" test ! -e "$tmp/bob.journal"
check_run "lab: bad --seed: exit 2" 2 lab "$L" --student bob --seed zz --out "$tmp"
check_run "lab --help: exit 0" 0 lab --help
check_contains "lab --help names the tries" "$OUT" "2 tries per question"

# ---- a lesson with 20 quizzes: the table continues in blocks, within 80 columns
W=$tmp/wide
mkdir "$W"
{
	printf 'title: "Twenty"\narch: x86-32\nsteps:\n'
	i=0
	while [ $i -lt 20 ]; do
		printf '  - kind: quiz\n    ask: macro\n    macro: PGDIR_SHIFT\n    question: "Q%d: {macro}?"\n' $i
		i=$((i + 1))
	done
} >"$tmp/twenty.yaml"
labgen "$W" "$F" a-student-with-a-long-id-0123456 "A name far too long for its column" session 21 -
run_pw grade "$W" --lesson "$tmp/twenty.yaml"
long=$(printf '%s\n' "$OUT" | sed -n '1,/^1\/2: right/p' | awk 'length($0) > 80')
check_eq "wide table: every table line fits 80 columns" "" "$long"
check_contains "wide table: a later block starts with the student column again" "$OUT" "student                          name              Q2 "
check_contains "wide table: a long name is cut to its column" "$OUT" "A name far too ~"
check_contains "wide table: score, time and status in the last block" "$OUT" " Q20   score     time  status"
