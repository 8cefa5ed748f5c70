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
