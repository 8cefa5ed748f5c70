#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/lessons/corpus.sh - the lesson loader against its bad-input corpus.
#
# Every tests/lessons/bad/NAME.yaml must make `pagewalk check` exit 1 with
# exactly the line stored in NAME.err on stderr (FILE:LINE:COL: message) and
# nothing on stdout. Every tests/lessons/good/*.yaml and lessons/*.yaml must
# pass (exit 0, no output). Cases that cannot live in git (a directory, a
# missing file, files over the size limits) are made in a temporary dir.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

for f in tests/lessons/bad/*.yaml; do
	name=$(basename "$f" .yaml)
	want=$(cat "tests/lessons/bad/$name.err")
	run_pw check "$f"
	if [ "$RC" = 1 ] && [ "$ERR" = "$want" ] && [ -z "$OUT" ]; then
		ok "bad lesson $name"
	else
		not_ok "bad lesson $name"
		diag "exit $RC (want 1)" "want: $want" "got:  $ERR" "stdout: $OUT"
	fi
done

for f in tests/lessons/good/*.yaml lessons/*.yaml; do
	[ -e "$f" ] || continue
	run_pw check "$f"
	if [ "$RC" = 0 ] && [ -z "$ERR" ] && [ -z "$OUT" ]; then
		ok "good lesson $f"
	else
		not_ok "good lesson $f"
		diag "exit $RC" "stderr: $ERR"
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/dir.yaml"
run_pw check "$tmp/dir.yaml"
check_eq "a directory is rejected" "1|$tmp/dir.yaml: is a directory, not a file" "$RC|$ERR"

run_pw check "$tmp/missing.yaml"
check_eq "a missing file is rejected" "1|$tmp/missing.yaml: cannot open: No such file or directory" "$RC|$ERR"

# one byte over 1 MiB, all comment
python3 -c 'import sys; sys.stdout.write("#" * (1024 * 1024) + "\n")' >"$tmp/big.yaml"
run_pw check "$tmp/big.yaml"
check_eq "a file over 1 MiB is rejected" "1|$tmp/big.yaml: file too large (1048577 bytes, at most 1048576)" "$RC|$ERR"

python3 -c 'print("title: " + "x" * 16385 + "\narch: x86-32\nsteps: [{kind: text, text: hi}]")' >"$tmp/long.yaml"
run_pw check "$tmp/long.yaml"
check_eq "a string over 16 KiB is rejected" "1|$tmp/long.yaml:1:8: string too long (16385 bytes, at most 16384)" "$RC|$ERR"

# several files: every bad one reported, status 1; -v names the good ones
run_pw check -v tests/lessons/good/doc-example.yaml tests/lessons/bad/bad-arch.yaml tests/lessons/bad/alias.yaml
check_eq "several files: status 1" 1 "$RC"
check_eq "several files: each error once" 2 "$(printf '%s\n' "$ERR" | grep -c .)"
check_eq "-v says ok for the good file" "tests/lessons/good/doc-example.yaml: ok (lesson)" "$OUT"

check_run "check without files is a usage error" 2 check
