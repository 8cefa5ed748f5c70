# SPDX-License-Identifier: GPL-2.0-only
# tests/lib.sh - helpers for the shell test suites (sourced, POSIX sh).
#
# Every check prints one TAP-style line, "ok - NAME" or "not ok - NAME";
# diagnostics go on lines starting with "# ". tests/run.sh counts the lines.
# A suite script exits 0 even when checks fail: the runner does the counting.

: "${PAGEWALK_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BUILD:=build}"
: "${PAGEWALK:=$PAGEWALK_ROOT/$BUILD/pagewalk}"
export PAGEWALK_ROOT BUILD PAGEWALK

ok()     { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
diag()   { printf '%s\n' "$@" | sed 's/^/# /'; }

# check NAME CMD...: run CMD; ok when it exits 0.
check() {
	_name=$1; shift
	if "$@"; then ok "$_name"; else not_ok "$_name"; fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1"; diag "expected: $2" "actual:   $3"; fi
}

# check_contains NAME HAYSTACK NEEDLE
check_contains() {
	case "$2" in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1"; diag "missing: $3" "in: $2" ;;
	esac
}

# run_pw ARGS...: run pagewalk; sets OUT, ERR, RC.
run_pw() {
	_o=$(mktemp) _e=$(mktemp)
	"$PAGEWALK" "$@" >"$_o" 2>"$_e"; RC=$?
	OUT=$(cat "$_o"); ERR=$(cat "$_e")
	rm -f "$_o" "$_e"
}

# check_run NAME WANT_RC ARGS...: run pagewalk and check its exit status.
check_run() {
	_name=$1 _want=$2; shift 2
	run_pw "$@"
	if [ "$RC" = "$_want" ]; then ok "$_name"
	else not_ok "$_name"; diag "exit $RC, wanted $_want" "stderr: $ERR"; fi
}

# ---- waiting ----------------------------------------------------------
# A test never sleeps to let something happen: it polls for it with a
# deadline and fails loudly when the deadline passes. tests/cli/waits.sh
# holds every suite script to that (tests/README.md, "Waiting").
#
#   poll SECS CMD...            a probe: run CMD every 0.05 s until it
#                               succeeds (0) or SECS seconds pass (1); its
#                               status must be used (if, while, &&, ||)
#   wait_until WHAT SECS CMD... poll; silent when CMD succeeds, else a
#                               "not ok - WHAT" line (so a timeout is counted
#                               even when the caller ignores the status), 1
#   check_poll NAME SECS CMD... poll; "ok - NAME" or "not ok - NAME"
# Deadlines are generous (a loaded machine is slow, a passing wait ends
# at once); WAIT_SECS (default 10) is the usual one.
: "${WAIT_SECS:=10}"

poll() {
	_poll_end=$(( $(date +%s%N) / 1000000 + $1 * 1000 )); shift
	while ! "$@"; do
		[ "$(( $(date +%s%N) / 1000000 ))" -lt "$_poll_end" ] || return 1
		sleep 0.05   # not a wait: the poll's interval
	done
}

wait_until() {
	_wu_what=$1 _wu_secs=$2; shift 2
	poll "$_wu_secs" "$@" && return 0
	not_ok "$_wu_what (waited $_wu_secs s)"
	return 1
}

check_poll() {
	_cp_name=$1 _cp_secs=$2; shift 2
	if poll "$_cp_secs" "$@"; then ok "$_cp_name"
	else not_ok "$_cp_name (waited $_cp_secs s)"; fi
}

# quietly CMD...: CMD with its output thrown away, for `check NAME quietly
# CMD` (redirecting the check itself would throw its ok line away).
quietly() { "$@" >/dev/null 2>&1; }

# rec_guest_up DIR: a recording run under DIR (its TMPDIR) has the guest's
# begin record: the guest is up and running.
rec_guest_up() { grep -qs '^begin ' "$1"/pagewalk-rec.*/e9.txt "$1"/pagewalk-rec.*/bochs.out; }

# proc_stopped PID: the process is stopped (state T in /proc/PID/stat).
proc_stopped() { [ "$(sed 's/^.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" = T ]; }

# procs_in DIR: the pids of processes running in DIR (their working
# directory is DIR or below it) or naming it on their command line; the
# recorder runs its emulators in their work directory.
procs_in() {
	for _p in /proc/[0-9]*; do
		_c=$(readlink "$_p/cwd" 2>/dev/null) || continue
		case "$_c" in "$1" | "$1"/*) echo "${_p#/proc/}" ;; esac
	done
	pgrep -f "$1" || true
}
