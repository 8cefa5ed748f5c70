#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/lessons/new_lesson_tutorial.sh - `pagewalk new-lesson` and the tutorial at the
# top of docs/lesson-format.md: the template passes check and has each step
# kind once, the command never overwrites, and the check output the docs
# quote is what the program prints for the mistake they describe (this test
# fails when either drifts).
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
DOC=docs/lesson-format.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PAGEWALK_TRACES="$PAGEWALK_ROOT/traces"

# ---- the template --------------------------------------------------------
run_pw new-lesson "$tmp/my.yaml"
check_eq "new-lesson exits 0" 0 "$RC"
check_eq "new-lesson says what it wrote" "wrote $tmp/my.yaml: edit it, then run pagewalk check on it" "$OUT"
check "new-lesson writes docs/new-lesson.yaml" cmp -s docs/new-lesson.yaml "$tmp/my.yaml"
run_pw check "$tmp/my.yaml"
check_eq "the template passes check (exit 0, silent)" "0||" "$RC|$OUT|$ERR"
run_pw check -v "$tmp/my.yaml"
check_eq "check -v calls it a lesson" "$tmp/my.yaml: ok (lesson)" "$OUT"
for k in text split walk compare code quiz fault replay; do
	check_eq "the template has one $k step" 1 "$(grep -c "^  - kind: $k\$" "$tmp/my.yaml")"
done
check_eq "the template has eight steps" 8 "$(grep -c '^  - kind: ' "$tmp/my.yaml")"
# its code step quotes our guest: the lines must be the guest's lines 48..50
first=$(sed -n 's/^      first_line: //p' "$tmp/my.yaml")
sed -n '/^      source: |/,/^      highlight:/p' "$tmp/my.yaml" | sed '1d;$d' | sed 's/^        //' >"$tmp/src"
n=$(wc -l <"$tmp/src")
sed -n "${first},$((first + n - 1))p" guest/pgtable.h >"$tmp/guest"
check "the template's code step equals guest/pgtable.h:$first.." cmp -s "$tmp/src" "$tmp/guest"

# ---- outside the clone (issue 25 item 11) --------------------------------
# no traces reachable from there: the replay step is written commented out,
# and the template still passes check where it was written
mkdir "$tmp/away"
(cd "$tmp/away" && env -u PAGEWALK_TRACES "$PAGEWALK" new-lesson my.yaml >"$tmp/away.out" 2>&1)
check_contains "outside the clone: says the replay step is commented out" "$(cat "$tmp/away.out")" \
	"(its replay step is commented out: no recorded trace was found from there"
(cd "$tmp/away" && env -u PAGEWALK_TRACES "$PAGEWALK" check my.yaml >"$tmp/away.chk" 2>&1)
check_eq "outside the clone: the template passes check there" "0|" "$?|$(cat "$tmp/away.chk")"
check_eq "outside the clone: seven steps, the replay one kept as a comment" "7 1" \
	"$(grep -c '^  - kind: ' "$tmp/away/my.yaml") $(grep -c '^  # - kind: replay$' "$tmp/away/my.yaml")"
sed 's/^  # \(-\|  \)/  \1/' "$tmp/away/my.yaml" >"$tmp/away/back.yaml"
(cd "$tmp/away" && PAGEWALK_TRACES="$PAGEWALK_ROOT/traces" "$PAGEWALK" check back.yaml >"$tmp/away.chk" 2>&1)
check_eq "outside the clone: uncommented, with PAGEWALK_TRACES, it passes too" "0|" "$?|$(cat "$tmp/away.chk")"
rm -rf "$tmp/away" "$tmp/away.out" "$tmp/away.chk"
run_pw new-lesson "$tmp/$(printf 'x\033]0;t\007.yaml')"
case "$OUT" in *"$(printf '\033')"*) not_ok "new-lesson: no raw control byte in \"wrote\"" ;;
*) ok "new-lesson: no raw control byte in \"wrote\"" ;; esac
rm -f "$tmp"/x*

# ---- never overwrites ----------------------------------------------------
printf 'mine\n' >"$tmp/keep.yaml"
check_run "an existing file: exit 1" 1 new-lesson "$tmp/keep.yaml"
check_eq "an existing file: message" "pagewalk: new-lesson: $tmp/keep.yaml: exists; not overwriting it" "$ERR"
check_eq "an existing file: unchanged" mine "$(cat "$tmp/keep.yaml")"
check_run "a directory: exit 1" 1 new-lesson "$tmp"
check_contains "a directory: message" "$ERR" "exists and is not a regular file"
check_run "a device: exit 1" 1 new-lesson /dev/null
ln -s "$tmp/keep.yaml" "$tmp/link.yaml"
check_run "a symbolic link: exit 1" 1 new-lesson "$tmp/link.yaml"
check_eq "a symbolic link: target unchanged" mine "$(cat "$tmp/keep.yaml")"
check_run "a missing directory: exit 1" 1 new-lesson "$tmp/no/such/dir.yaml"
check_eq "nothing half-written, no temporary file left" "guest keep.yaml link.yaml my.yaml src" \
	"$(ls "$tmp" | sort | tr '\n' ' ' | sed 's/ $//')"
check_run "missing FILE: exit 2" 2 new-lesson
check_run "two FILEs: exit 2" 2 new-lesson "$tmp/a.yaml" "$tmp/b.yaml"
check_run "unknown option: exit 2" 2 new-lesson --frob
check_run "new-lesson --help: exit 0" 0 new-lesson --help
check_contains "new-lesson --help" "$OUT" "usage: pagewalk new-lesson FILE"

# ---- the tutorial's quoted output ------------------------------------------
# console blocks of the tutorial part (before "## The format")
sed -n '1,/^## The format/p' "$DOC" | awk '
	/^```console/ { on = 1; n++; next }
	/^```/ { on = 0; next }
	on { print > (dir "/block" n) }' dir="$tmp"
check "the tutorial has two console blocks" test -s "$tmp/block1" -a -s "$tmp/block2"
check "the check output is marked for this test" grep -q '^<!-- check-output: tests/lessons/new_lesson_tutorial.sh' "$DOC"

# replay each block's commands in a fresh directory, as the reader would
mkdir "$tmp/reader"
transcript() {
	while IFS= read -r line; do
		case $line in
		'$ pagewalk '*)
			printf '%s\n' "$line"
			cmd=${line#'$ pagewalk '}
			case $cmd in lesson\ *) continue ;; esac   # the player: interactive
			(cd "$tmp/reader" && $PAGEWALK $cmd 2>&1) ;;
		esac
	done <"$1"
}
check_eq "tutorial block 1 is what new-lesson prints" "$(cat "$tmp/block1")" "$(transcript "$tmp/block1")"
# the mistake as the text describes it: the split step's expect with 767
bad=$(sed -n '1,/^## The format/p' "$DOC" | grep -o '`expect: {pgd: 767[^`]*}`' | tr -d '`')
check_eq "the tutorial states the edited line" "expect: {pgd: 767, pte: 257, offset: 0x234}" "$bad"
good=$(echo "$bad" | sed 's/767/768/')
check "the template holds the line the tutorial edits" grep -qF "$good" "$tmp/reader/my-lesson.yaml"
sed "s/$good/$bad/" "$tmp/reader/my-lesson.yaml" >"$tmp/reader/x" && mv "$tmp/reader/x" "$tmp/reader/my-lesson.yaml"
check_eq "tutorial block 2 is what check prints for the mistake" "$(cat "$tmp/block2")" "$(transcript "$tmp/block2")"
run_pw check "$tmp/reader/my-lesson.yaml"
check_eq "the mistake makes check exit 1" 1 "$RC"
