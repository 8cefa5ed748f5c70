#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/waits.sh - the suites wait, never sleep (tests/README.md,
# "Waiting"): tests/lint_waits.py finds no bare sleep, no unused probe, no
# hidden wait and no screen read straight after keys in any suite script,
# and catches each of them planted in a script; wait_for, keys_until and
# wait_until fail loudly (a "not ok" line) when their deadline passes, even
# when the caller ignores their status, and are silent when they do not.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
LINT="/usr/bin/python3 tests/lint_waits.py"

# ---- the tree ------------------------------------------------------------
# shellcheck disable=SC2086
out=$($LINT tests/*.sh tests/*/*.sh tests/*/*.inc 2>&1); rc=$?
if [ $rc = 0 ] && [ -z "$out" ]; then
	ok "every suite script waits by polling (no sleep, probe, hidden wait or instant read)"
else
	not_ok "every suite script waits by polling: tests/lint_waits.py found"
	diag "$out"
fi

# ---- planted cases: each rule fires where it should, and only there -------
T=$(mktemp -d)
mkdir -p "$T/tui" "$T/record"
# planted FILE RULE LINE TEXT: FILE holds TEXT; the lint must say RULE at LINE
# (RULE and LINE "-": it must say nothing).
planted() {
	if [ $# -ne 4 ] || [ -z "$4" ]; then
		not_ok "planted $1: FILE RULE LINE TEXT, with a text"
		return
	fi
	printf '%s\n' "$4" >"$T/$1"
	_got=$($LINT "$T/$1")
	if [ "$2" = - ]; then
		check_eq "lint: $1 passes" "" "$_got"
	else
		check_contains "lint: $1: $2 at line $3" "$_got" "$T/$1:$3: $2:"
	fi
}
planted tui/sleep.sh sleep 2 'tui_keys n
sleep 0.3
check_screen "x" "step 2/"'
planted record/sleep-loop.sh sleep 1 'while [ ! -e "$f" ]; do sleep 0.1; done'
planted record/sleep-quoted.sh - - 'fake slow '"'"'sleep 6
exit 1'"'"'
tui_start 80 24 "$PAGEWALK; sleep 600"'
planted record/sleep-said.sh - - 'sleep 0.05   # not a wait: the poll interval'
planted record/heredoc-quoted.sh - - '{
	cat <<'"'"'FAKE'"'"'
poll 120 counted
sleep 1
FAKE
} >"$dir/fake"'
planted record/heredoc-after.sh sleep 4 'cat <<END
x
END
sleep 1'
planted tui/probe.sh probe 2 'tui_keys n
poll 5 on_screen "step 2/"'
planted tui/probe-used.sh - - 'if poll 5 on_screen "x"; then ok y; fi
poll 5 on_screen "x" || diag no
f() {
	poll 5 on_screen "x"
}
g() { on_screen "y"; }'
planted tui/hidden.sh hidden 1 'wait_for "1/21" >/dev/null'
planted tui/hidden-check.sh hidden 1 'check "valid" "$PAGEWALK" dump "$f" >/dev/null'
planted tui/hidden-capture.sh hidden 1 'x=$(wait_for "a")'
planted tui/either.sh either 1 'if wait_for "1 / 2" 10 || wait_for "try 1 of 2" 1; then ok x; fi'
planted tui/either-poll.sh - - 'if poll 10 on_any "1 / 2" "try 1 of 2"; then ok x; fi
wait_for "step 2/" || return'
planted tui/instant.sh instant 3 'check_screen "up" "event 1/"
tui_keys c
check_not_screen "no guest pane" "guest/fault.c"'
planted tui/instant-capture.sh instant 2 'tui_keys C-l
after=$(tui_screen)'
planted tui/instant-helper.sh instant 6 'hl() {
	tui capture-pane -e -p | grep -F "$1"
}
check_screen "up" "event 1/"
tui_keys c
hl set_pmd'
planted tui/instant-waited.sh - - 'tui_keys c
check_screen "the guest pane" "guest/fault.c"
check_not_screen "no Linux pane" "Linux v6.1"
tui_keys Right
keys_until Right 30 on_screen "copied"
after=$(tui_screen)'
planted tui/instant-helper-waits.sh - - 'right_until() { keys_until Right 40 on_unspaced "$1"; }
tui_keys / v m Enter
right_until "copied"
check_not_screen "x" "y"'

# ---- the waits fail loudly, and only when they time out --------------------
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"
trap 'tui_stop_all; rm -rf "$TUI_TMP" "$T"' EXIT
tui_start 40 10 "stty -echo; printf 'READY one two\\n'; sleep 600"
wait_for READY
out=$(wait_for READY 1; echo "rc=$?")   # output checked: below
check_eq "wait_for, the text there: silent, status 0" "rc=0" "$out"
out=$(wait_for NEVER 1; echo "rc=$?")   # output checked: below
check_contains "wait_for, a timeout: a not ok line" "$out" 'not ok - the screen shows "NEVER" (waited 1 s)'
check_contains "wait_for, a timeout: the screen shown" "$out" "# READY one two"
check_contains "wait_for, a timeout: status 1" "$out" "rc=1"
out=$(wait_gone READY 1; echo "rc=$?")   # output checked: below
check_contains "wait_gone, a timeout: a not ok line" "$out" 'not ok - "READY" leaves the screen (waited 1 s)'
check_contains "wait_gone, a timeout: status 1" "$out" "rc=1"
out=$(WAIT_SECS=1 keys_until x 3 on_screen NEVER; echo "rc=$?")   # output checked: below
check_contains "keys_until, a key that changes nothing: a not ok line" "$out" \
	"not ok - on_screen NEVER: press 1 of x changed nothing"
out=$(wait_any 1 NEVER NOR; echo "rc=$?")   # output checked: below
check_contains "wait_any, a timeout: a not ok line" "$out" "not ok - the screen shows one of: NEVER NOR (waited 1 s)"
out=$(wait_until "the file appears" 1 test -e "$T/none"; echo "rc=$?")   # output checked: below
check_eq "wait_until, a timeout: a not ok line, status 1" "not ok - the file appears (waited 1 s)
rc=1" "$out"
out=$(wait_until "the directory is there" 1 test -d "$T"; echo "rc=$?")   # output checked: below
check_eq "wait_until, at once: silent, status 0" "rc=0" "$out"
start=$(date +%s%N)
if poll 2 false; then rc=0; else rc=1; fi
took=$(( ($(date +%s%N) - start) / 1000000 ))
check "poll: status 1 when time runs out" test "$rc" = 1
# (never before its deadline; a loaded machine may stretch it)
check "poll: gives up after its deadline (2 s: took ${took} ms)" test "$took" -ge 2000 -a "$took" -le 10000
tui_stop
exit 0
