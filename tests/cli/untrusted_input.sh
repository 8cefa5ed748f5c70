#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/untrusted_input.sh - issue 16: special files never hang a command, every
# byte from outside (file names, arguments) is shown escaped, and a failed
# write of the output is an error.
#
# Every command runs under `timeout 10`: a hang is exit 124, a failure.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TRACE=traces/demand-2level-qemu.yaml
LESSON=tests/tui/fixtures/lessons/basic.yaml

# tpw ARGS...: run_pw under a hang guard, stdin from /dev/null.
tpw() {
	_o=$(mktemp) _e=$(mktemp)
	timeout 10 "$PAGEWALK" "$@" >"$_o" 2>"$_e" </dev/null; RC=$?
	OUT=$(cat "$_o"); ERR=$(cat "$_e")
	rm -f "$_o" "$_e"
}

# no_raw NAME TEXT: TEXT holds no ESC or BEL byte.
no_raw() {
	if printf '%s' "$2" | od -An -c | grep -qE '033|\\a|007'; then
		not_ok "$1"; diag "raw control byte in: $2"
	else
		ok "$1"
	fi
}

# ---- special files as FILE: refused at once, never opened blocking --------
mkfifo "$tmp/fifo.yaml"
ln -s /dev/zero "$tmp/zero.yaml"
for cmd in check dump lesson replay; do
	tpw "$cmd" "$tmp/fifo.yaml"
	check_eq "$cmd FIFO: exit 1 at once (no hang)" 1 "$RC"
	check_eq "$cmd FIFO: says what it is" "$tmp/fifo.yaml: not a regular file (a FIFO)" "$ERR"
	tpw "$cmd" "$tmp/zero.yaml"
	check_eq "$cmd link to /dev/zero: exit 1" 1 "$RC"
	check_eq "$cmd link to /dev/zero: says what it is" \
		"$tmp/zero.yaml: not a regular file (a character device)" "$ERR"
done
# a FIFO named like a lesson in PAGEWALK_LESSONS
mkdir "$tmp/lessons"
mkfifo "$tmp/lessons/99-fifo.yaml"
PAGEWALK_LESSONS=$tmp/lessons tpw lesson 99
check_eq "lesson NAME that is a FIFO in PAGEWALK_LESSONS: exit 1" 1 "$RC"
check_contains "lesson NAME FIFO: refused as not regular" "$ERR" "99-fifo.yaml: not a regular file (a FIFO)"
PAGEWALK_LESSONS=$tmp/lessons tpw lesson 99-fifo
check_eq "lesson exact NAME that is a FIFO: exit 1" 1 "$RC"

# ---- bytes from outside are escaped --------------------------------------
osc=$(printf 'a\033]52;c;aGk=\007b')
cp "$TRACE" "$tmp/$osc.yaml"
tpw check -v "$tmp/$osc.yaml"
check_eq "check -v hostile name: exit 0" 0 "$RC"
check_eq "check -v prints the name escaped" "$tmp/a\\x1b]52;c;aGk=\\x07b.yaml: ok (trace)" "$OUT"
no_raw "check -v: no raw ESC or BEL on stdout" "$OUT"
tpw "$osc"
check_eq "unknown command with ESC: exit 2" 2 "$RC"
check_contains "unknown command shown escaped" "$ERR" 'unknown command a\x1b]52;c;aGk=\x07b'
no_raw "unknown command: no raw bytes" "$ERR"
tpw "--$osc"
check_eq "unknown global option with ESC: exit 2" 2 "$RC"
check_contains "unknown global option shown escaped" "$ERR" 'unknown option --a\x1b]52'
no_raw "unknown global option: no raw bytes" "$ERR"
tpw --lang "$osc" macros
check_eq "--lang hostile value: exit 2" 2 "$RC"
check_contains "--lang value shown escaped" "$ERR" 'not a\x1b]52;c;aGk=\x07b'
no_raw "--lang: no raw bytes" "$ERR"
for cmd in check dump translate macros; do
	tpw "$cmd" "-$osc"
	check_eq "$cmd unknown option with ESC: exit 2" 2 "$RC"
	no_raw "$cmd unknown option: no raw bytes" "$ERR"
done
tpw translate --arch "$osc" 0x1000
no_raw "translate --arch: no raw bytes" "$ERR"
tpw translate "0x$osc"
check_eq "translate hostile ADDR: exit 1" 1 "$RC"
no_raw "translate hostile ADDR: no raw bytes" "$ERR"
tpw lesson "$osc"
check_eq "lesson hostile NAME: exit 1" 1 "$RC"
no_raw "lesson hostile NAME: no raw bytes" "$ERR"
# new-lesson's "wrote NAME"
tpw new-lesson "$tmp/$osc-new.yaml"
check_eq "new-lesson hostile name: exit 0" 0 "$RC"
check_eq "new-lesson: wrote NAME, escaped" \
	"wrote $tmp/a\\x1b]52;c;aGk=\\x07b-new.yaml: edit it, then run pagewalk check on it" "$OUT"
no_raw "new-lesson: no raw ESC or BEL on stdout" "$OUT"
# a cast's title: its JSON holds the name escaped, so a player decoding
# it never gets an ESC or BEL back
tpw replay "$tmp/$osc.yaml" --cast "$tmp/t.cast" --events 1-1
check_eq "replay --cast of a hostile name: exit 0" 0 "$RC"
check_eq "the cast's title, decoded, is the name escaped" \
	"pagewalk replay a\\x1b]52;c;aGk=\\x07b.yaml, events 1-1" \
	"$(head -n 1 "$tmp/t.cast" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["title"])')"
# bidi and invisible characters in a name are shown by code point
rlo=$(printf 'ev\342\200\256live\342\201\246')
cp "$TRACE" "$tmp/$rlo.yaml"
tpw check -v "$tmp/$rlo.yaml"
check_eq "check -v bidi name shown as <U+...>" "$tmp/ev<U+202E>live<U+2066>.yaml: ok (trace)" "$OUT"
tpw "$rlo"
check_contains "unknown command with U+202E shown by code point" "$ERR" "unknown command ev<U+202E>live<U+2066>"

# ---- a full disk (or /dev/full) on stdout: a message and exit 1 ---------
if [ -w /dev/full ]; then
	for args in "dump $TRACE" "translate 0xc0001000" "macros --arch x86-64" "check -v $LESSON"; do
		# shellcheck disable=SC2086
		timeout 10 "$PAGEWALK" $args >/dev/full 2>"$tmp/err"; rc=$?
		check_eq "${args%% *} >/dev/full: exit 1" 1 "$rc"
		check_eq "${args%% *} >/dev/full: says why" \
			"pagewalk: cannot write the output: No space left on device" "$(cat "$tmp/err")"
	done
else
	not_ok "/dev/full is writable (needed for the full-disk checks)"
fi
exit 0
