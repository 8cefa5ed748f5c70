#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/grade.sh - `pagewalk grade` and `pagewalk lab` on bad input:
# broken JSON, hostile strings, control characters, a huge file, a FIFO, a
# directory and a link to a device are each reported (FILE:LINE:COL or the
# file name), the rest of the class is still graded, exit 1, no crash, no
# raw control byte on the terminal; lab refuses bad ids and missing dirs
# before it starts. Real plays and re-grades are in tests/tui/lab.sh.
. "$(dirname "$0")/../lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
L=$PAGEWALK_ROOT/tests/lessons/good/lab-quiz.yaml
d=$tmp/class
mkdir "$d"

# a well-formed result with no questions recorded: graded, and flagged
cat >"$d/gus.json" <<'J'
{"format": "pagewalk-lab-result", "format_version": 1, "pagewalk": "0.1.0",
 "student": "gus", "seed": 1, "seed_given": true, "lesson": "lab-quiz",
 "lesson_hash": "fnv1a64:0000000000000000", "started": "2026-01-01T00:00:00Z",
 "tries_allowed": 2, "score": 0, "max": 3, "ms": 0, "questions": []}
J
printf '{"format": "pagewalk-lab-result",\n  "format_version": 1,,\n' >"$d/broken.json"
sed 's/"gus"/"\\u001b]0;pwned\\u0007"/' "$d/gus.json" >"$d/hostile.json"
printf '{"format": "pagewalk-lab-\033[2Jresult"}' >"$d/ctl.json"
sed 's/"student": "gus"/"student": "..\/..\/etc\/passwd"/' "$d/gus.json" >"$d/path.json"
python3 -c 'print("[" * 100000)' >"$d/deep.json"
head -c 400000 /dev/zero | tr '\0' ' ' >"$d/huge.json"
mkfifo "$d/fifo.json"
mkdir "$d/dir.json"
ln -s /dev/zero "$d/zero.json"
printf 'not json' >"$d/notes.txt"

run_pw grade "$d" --lesson "$L" --csv "$tmp/out.csv"
check_eq "grade: bad files make exit 1" 1 "$RC"
check_contains "broken JSON: FILE:LINE:COL" "$ERR" "$d/broken.json:2:23: object key (a string) expected"
check_contains "hostile student id: its location" "$ERR" "$d/hostile.json:2:13: \"student\" holds control characters"
check_contains "control byte in a raw string: its location" "$ERR" "$d/ctl.json:1:26: control character in string"
check_contains "a path as student id" "$ERR" "$d/path.json:2:13: bad student id"
check_contains "deep nesting" "$ERR" "$d/deep.json:1:33: nested too deeply"
check_contains "huge file" "$ERR" "$d/huge.json: file too large (400000 bytes"
check_contains "FIFO: not opened for reading, named" "$ERR" "$d/fifo.json: not a regular file"
check_contains "directory" "$ERR" "$d/dir.json: is a directory"
check_contains "link to a device" "$ERR" "$d/zero.json: not a regular file"
case "$ERR$OUT" in
*"$(printf '\033')"*|*"$(printf '\007')"*) not_ok "no raw control byte in the output" ;;
*) ok "no raw control byte in the output" ;;
esac
check_contains "the good file is still graded" "$OUT" "gus       .   .   .     0/3   FLAGGED"
check_contains "its flag says why" "$OUT" "$d/gus.json: flagged: 0 questions recorded, the lesson has 3"
check_contains "summary counts bad files" "$OUT" "1 student(s), lesson lab-quiz: mean 0.0 of 3; 1 flagged, 9 bad file(s)"
check_eq "CSV written where --csv says" "student,seed,seed_from,score,max,q1,q2,q3,status,flags" \
	"$(head -1 "$tmp/out.csv")"
check_contains "CSV row" "$(cat "$tmp/out.csv")" "gus,1,given,0,3,open,open,open,flagged,"
check "grade ignores files that are not *.json" test ! -e "$d/grades.csv"

rm -rf "$d"/*
printf '{' >"$d/a.json"
run_pw grade "$d" --lesson "$L"
check_eq "grade: nothing gradable: exit 1" 1 "$RC"
check_contains "says so" "$ERR" "pagewalk: grade: no lab result could be graded"
check_run "grade: no such directory: exit 1" 1 grade "$tmp/none"
check_run "grade: no DIR: usage, exit 2" 2 grade
check_run "grade --help: exit 0" 0 grade --help
check_contains "grade --help names the CSV default" "$OUT" "DIR/grades.csv"

# lab refuses bad input before curses starts
check_run "lab: bad student id: exit 2" 2 lab "$L" --student "../x" --out "$tmp"
check_contains "lab: says why" "$ERR" "bad student id"
check_run "lab: control characters in the id" 2 lab "$L" --student "$(printf 'a\033[2J')" --out "$tmp"
check_run "lab: no --out: exit 2" 2 lab "$L" --student ann
check_run "lab: --out not a directory: exit 1" 1 lab "$L" --student ann --out "$tmp/none"
check_contains "lab: names the directory" "$ERR" "lab: $tmp/none: not a directory"
: >"$tmp/ann.json"
check_run "lab: an earlier result is kept: exit 1" 1 lab "$L" --student ann --out "$tmp"
check_contains "lab: says --force" "$ERR" "use --force"
check_run "lab: a lesson without quizzes: exit 1" 1 lab "$PAGEWALK_ROOT/tests/tui/fixtures/lessons/second.yaml" --student bob --out "$tmp"
check_contains "lab: says why" "$ERR" "the lesson has no quiz steps"
check_run "lab: bad --seed: exit 2" 2 lab "$L" --student bob --seed zz --out "$tmp"
check_run "lab --help: exit 0" 0 lab --help
check_contains "lab --help names the tries" "$OUT" "2 tries per question"

# a lesson with 20 quizzes: the table continues in blocks, within 80 columns
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
cat >"$W/a-student-with-a-long-id-0123456.json" <<'J'
{"format": "pagewalk-lab-result", "format_version": 1, "pagewalk": "0.1.0",
 "student": "a-student-with-a-long-id-0123456", "seed": 1, "seed_given": true,
 "lesson": "twenty", "lesson_hash": "fnv1a64:0000000000000000",
 "started": "2026-01-01T00:00:00Z", "tries_allowed": 2, "score": 0, "max": 20,
 "ms": 0, "questions": []}
J
run_pw grade "$W" --lesson "$tmp/twenty.yaml"
long=$(printf '%s\n' "$OUT" | awk 'length($0) > 80' | grep -v 'flagged:\|student(s)')
check_eq "wide table: every table line fits 80 columns" "" "$long"
check_contains "wide table: first block" "$OUT" " Q1  Q2 "
check_contains "wide table: a later block starts with the student column again" "$OUT" "student                           Q8  Q9 "
check_contains "wide table: score and status in the last block" "$OUT" " Q20   score  status"
