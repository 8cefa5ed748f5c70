#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/traces/corpus.sh - the trace loader against bad files, and the shipped traces.
#
# Each tests/traces/bad/NAME.yaml must be rejected whole: `pagewalk dump`
# exits 1, prints nothing on stdout, and its one stderr line equals
# NAME.err (with FILE standing for the path). Every traces/*.yaml must load.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

for f in tests/traces/bad/*.yaml; do
	name=$(basename "$f" .yaml)
	"$PAGEWALK" dump "$f" >"$out" 2>"$err"
	rc=$?
	check_eq "bad/$name: exit 1" 1 "$rc"
	check_eq "bad/$name: nothing on stdout" "" "$(cat "$out")"
	check_eq "bad/$name: error line" "$(sed "s|^FILE|$f|" "${f%.yaml}.err")" "$(cat "$err")"
done

n=0
for f in traces/*.yaml; do
	n=$((n + 1))
	"$PAGEWALK" dump "$f" >"$out" 2>"$err"
	check_eq "$f loads" "0:" "$?:$(cat "$err")"
	events=$(grep -c '^  - seq: ' "$f")
	lines=$(grep -vc '^# ' "$out")
	check_eq "$f: dump prints one line per event" "$events" "$lines"
done
check "traces/ holds the 16 shipped traces" test "$n" -ge 16

# dump's own usage errors
check_run "dump without FILE: exit 2" 2 dump
check_run "dump of a missing file: exit 1" 1 dump tests/traces/bad/no-such-file.yaml
check_eq "dump of a missing file: message" \
	"tests/traces/bad/no-such-file.yaml: cannot open: No such file or directory" "$ERR"
exit 0
