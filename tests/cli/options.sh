#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/options.sh - one option syntax for every command (issue 21):
# "--opt=value" and "--opt value" give the same result, options and
# arguments come in any order, -h/--help prints the usage on stdout and
# exits 0, and every bad option (unknown, ambiguous, missing its value,
# given a value it does not take) is one "pagewalk: CMD: ..." line, the
# usage after it, exit 2, nothing on stdout.
. "$(dirname "$0")/../lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
T=$PAGEWALK_ROOT/traces/demand-pae-qemu.yaml
L=$PAGEWALK_ROOT/lessons/01-pages-and-addresses.yaml

# same NAME "ARGS A" "ARGS B": both exit 0 with the same stdout.
same() {
	_n=$1
	# shellcheck disable=SC2086
	run_pw $2; _oa=$OUT _ra=$RC
	# shellcheck disable=SC2086
	run_pw $3; _ob=$OUT _rb=$RC
	if [ "$_ra|$_rb" = "0|0" ] && [ -n "$_oa" ] && [ "$_oa" = "$_ob" ]; then
		ok "$_n"
	else
		not_ok "$_n"
		diag "'$2': exit $_ra" "'$3': exit $_rb" "stderr: $ERR"
	fi
}

same "translate --arch=A as --arch A" "translate --arch=x86-64 0xffff888000001000" \
	"translate --arch x86-64 0xffff888000001000"
same "translate: options after ADDR" "translate 0xc0001000 --arch=pae" \
	"translate -a pae 0xc0001000"
same "macros --arch=A as -a A" "macros --arch=x86-64-la57" "macros -a x86-64-la57"
same "exercise --seed=N --count=N as --seed N -n N" "exercise --seed=7 --count=3 -c" \
	"exercise --seed 7 -n 3 --answers"
same "dump --format=md --event=N as --format md --event N" \
	"dump --format=md --event=15 $T" "dump $T --format md --event 15"
same "check --verbose as -v" "check --verbose $L" "check $L -v"
same "global --lang=ja as --lang ja" "--lang=ja macros" "--lang ja macros"

run_pw replay "$T" --cast="$tmp/a.cast" --events=1-2 --size=80x24
check_eq "replay --cast=OUT --events=A-B --size=WxH: exit 0" "0" "$RC"
check "replay --cast=OUT: the cast is written" test -s "$tmp/a.cast"
run_pw translate -- 0xc0001000
check_eq "translate -- ADDR: the argument after --" "0" "$RC"

# Every command: --help and -h on stdout, exit 0, nothing on stderr.
for cmd in translate macros lesson replay dump record exercise lab grade new-lesson check; do
	run_pw "$cmd" --help
	check_eq "$cmd --help: exit 0, usage on stdout, stderr silent" "0|usage: pagewalk|" \
		"$RC|$(printf '%s' "$OUT" | head -1 | grep -o '^usage: pagewalk')|$ERR"
	run_pw "$cmd" -h
	check_eq "$cmd -h: exit 0" "0" "$RC"
done

# bad CMD WANT ARGS...: exit 2, stdout empty, the first stderr line is WANT
# and the usage follows it.
bad() {
	_want=$1; shift
	run_pw "$@"
	_first=$(printf '%s\n' "$ERR" | head -1)
	if [ "$RC" = 2 ] && [ -z "$OUT" ] && [ "$_first" = "$_want" ] &&
	   printf '%s\n' "$ERR" | sed -n 2p | grep -q 'usage: pagewalk'; then
		ok "$* -> $_want"
	else
		not_ok "$* -> $_want"
		diag "exit $RC" "stdout: $OUT" "stderr: $ERR"
	fi
}

for cmd in translate macros lesson replay dump record exercise lab grade new-lesson check; do
	bad "pagewalk: $cmd: unknown option --frobnicate" "$cmd" --frobnicate
	bad "pagewalk: $cmd: --help takes no value" "$cmd" --help=yes
done
bad "pagewalk: translate: --arch wants a value" translate 0x1000 --arch
bad "pagewalk: macros: -a wants a value" macros -a
bad "pagewalk: dump: --format wants a value" dump "$T" --format
bad "pagewalk: exercise: --seed wants a value" exercise --seed
bad "pagewalk: exercise: unknown option -x" exercise -cx
bad "pagewalk: exercise: ambiguous option --a" exercise --a
bad "pagewalk: exercise: --answers takes no value" exercise --answers=1
bad "pagewalk: grade: --csv wants a value" grade "$tmp" --csv
bad "pagewalk: lab: --student wants a value" lab "$L" --student
bad "pagewalk: record: --mode wants a value" record --emulator qemu --mode
bad "pagewalk: record: -o wants a value" record -o
bad "pagewalk: record: --emulator wants qemu or bochs" record --emulator=vmware -o x
bad "pagewalk: replay: --cast wants a value" replay "$T" --cast
bad "pagewalk: unknown option --frobnicate" --frobnicate
bad "pagewalk: --lang wants a value" --lang
bad "pagewalk: macros: unexpected argument 0x1000" macros 0x1000
