#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/run.sh - run the test suites, count TAP lines, end with "N passed, N failed".
#
#   sh tests/run.sh                      every suite, in the order of ALL_SUITES
#   SUITES="cli tui" sh tests/run.sh     only those suites
#   sh tests/run.sh tests/tui/lesson.sh build/tests/unit/test_walk
#                                        only those scripts / unit binaries
#
# Suites: cmocka unit binaries ($BUILD/tests/unit/test_*), then every
# tests/<suite>/*.sh. Each script's full output is kept in $BUILD/test-logs/.
# tests/README.md says which kind of test goes where.
#
# Mistakes in the tree fail loudly (a "not ok" line and a failed run),
# never silently skip tests: a *.sh in a suite that is not executable, a
# directory under tests/ that is neither a suite nor in NOT_SUITES, a name
# in SUITES that is not a suite, a suite with no scripts, a test_*.c whose
# binary was not built.

cd "$(dirname "$0")/.." || exit 2
PAGEWALK_ROOT=$(pwd)
: "${BUILD:=build}"
: "${PAGEWALK:=$PAGEWALK_ROOT/$BUILD/pagewalk}"
ALL_SUITES="unit cli lessons traces tui guest record linux fuzz"
NOT_SUITES="bench"          # tests/bench: `make bench` figures, not pass/fail
: "${SUITES:=$ALL_SUITES}"
export PAGEWALK_ROOT BUILD PAGEWALK
logs=$BUILD/test-logs

# Caches. Tests never write into the developer's ~/.cache/pagewalk, and no
# result depends on what is there: everything a test caches (Linux's
# source lines, linux-source-6.1's member map) goes to $BUILD/test-cache
# (XDG_CACHE_HOME, which pagewalk's source cache follows). The kernels of
# `make linux` are the one exception: the linux suite finds them (and
# builds them when missing) where make linux keeps them, $PAGEWALK_CACHE
# (else ~/.cache/pagewalk, as guest/linux/build.sh has it); every other
# suite gets a PAGEWALK_CACHE of its own under $BUILD/test-cache, so a
# make linux source tree on this machine is never read there.
KERNEL_CACHE=${PAGEWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk}
XDG_CACHE_HOME=$PAGEWALK_ROOT/$BUILD/test-cache
PAGEWALK_CACHE=$XDG_CACHE_HOME/kernels
export XDG_CACHE_HOME PAGEWALK_CACHE
mkdir -p "$PAGEWALK_CACHE"
mkdir -p "$logs"
pass=0 fail=0

# count LOG NAME: add the log's ok / not ok lines to the totals, show the failures.
count() {
	p=$(grep -c '^ok ' "$1")
	f=$(grep -c '^not ok ' "$1")
	pass=$((pass + p)) fail=$((fail + f))
	grep -A6 '^not ok ' "$1" | sed 's/^/    /'
	printf '  %-28s %4d passed, %d failed\n' "$2" "$p" "$f"
}

# broken WHAT: a mistake in the tree itself; counted as a failure, said on stderr.
broken() {
	echo "not ok - $*" >>"$logs/run.log"
	echo "tests/run.sh: $*" >&2
}

# unit BINARY: run one cmocka binary.
unit() {
	name=$(basename "$1")
	CMOCKA_MESSAGE_OUTPUT=TAP "$1" >"$logs/$name.log" 2>&1
	rc=$?
	# A crashed binary prints no plan: count that as a failure.
	grep -q '^1\.\.' "$logs/$name.log" || echo "not ok - $name did not finish (exit $rc)" >>"$logs/$name.log"
	# cmocka exits with its failure count; a failure whose "not ok" line was
	# glued to an unterminated message would not be counted: count it here.
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$logs/$name.log"; then
		printf '\nnot ok - %s exited %d with no "not ok" line of its own\n' "$name" "$rc" >>"$logs/$name.log"
	fi
	count "$logs/$name.log" "unit/$name"
}

# script SUITE PATH: run one suite script.
script() {
	name=$1-$(basename "$2" .sh)
	if [ ! -x "$2" ]; then
		broken "$2 is not executable (chmod +x it, or it is never run)"
		return
	fi
	start=$(date +%s)
	if [ "$1" = linux ]; then
		PAGEWALK_CACHE=$KERNEL_CACHE "$2" >"$logs/$name.log" 2>&1
	else
		"$2" >"$logs/$name.log" 2>&1
	fi
	rc=$?
	[ $rc -eq 0 ] || echo "not ok - $2 exited $rc" >>"$logs/$name.log"
	count "$logs/$name.log" "$1/$(basename "$2" .sh) ($(( $(date +%s) - start ))s)"
}

# Scripts that mostly wait (tmux screens, one after another) and take
# minutes run beside the rest of their suite when a whole suite runs:
# started first, counted when the suite's other scripts are done. Each
# has its own tmux server and temporary directory (tmux.sh.inc), so they
# do not meet. At most one per suite; BESIDE= (empty) runs everything one
# by one.
: "${BESIDE=tests/tui/fit.sh}"

# script_beside SUITE PATH: start it; script_join counts it.
script_beside() {
	bname=$1-$(basename "$2" .sh) bpath=$2 bsuite=$1 bstart=$(date +%s)
	if [ ! -x "$2" ]; then
		broken "$2 is not executable (chmod +x it, or it is never run)"
		bpath=
		return
	fi
	( "$2" >"$logs/$bname.log" 2>&1; echo $? >"$logs/$bname.rc" ) &
	bpid=$!
}

script_join() {
	[ -n "$bpath" ] || return
	wait "$bpid"
	rc=$(cat "$logs/$bname.rc" 2>/dev/null || echo 1)
	rm -f "$logs/$bname.rc"
	[ "$rc" -eq 0 ] || echo "not ok - $bpath exited $rc" >>"$logs/$bname.log"
	count "$logs/$bname.log" "$bsuite/$(basename "$bpath" .sh) ($(( $(date +%s) - bstart ))s, beside)"
	bpath=
}

: >"$logs/run.log"
for d in tests/*/; do
	d=$(basename "$d")
	case " $ALL_SUITES $NOT_SUITES " in
	*" $d "*) ;;
	*) broken "tests/$d/ is not a suite tests/run.sh knows (add it to ALL_SUITES or NOT_SUITES)" ;;
	esac
done

if [ $# -gt 0 ]; then
	for t in "$@"; do
		case $t in
		*/tests/unit/test_*|tests/unit/test_*)
			if [ -x "$t" ] && [ -f "$t" ]; then unit "$t"
			else broken "$t is not a built unit test binary"; fi ;;
		tests/*/*.sh)
			if [ -f "$t" ]; then script "$(basename "$(dirname "$t")")" "$t"
			else broken "$t: no such script"; fi ;;
		*) broken "$t: not a suite script (tests/SUITE/NAME.sh) or unit binary ($BUILD/tests/unit/test_NAME)" ;;
		esac
	done
	SUITES=
fi

for suite in $SUITES; do
	case " $ALL_SUITES " in
	*" $suite "*) ;;
	*) broken "SUITES: no suite named $suite (the suites: $ALL_SUITES)"; continue ;;
	esac
	if [ "$suite" = unit ]; then
		for c in tests/unit/test_*.c; do
			b=$BUILD/tests/unit/$(basename "$c" .c)
			if [ -x "$b" ]; then unit "$b"
			else broken "$c has no binary $b (make $b)"; fi
		done
		continue
	fi
	found=0 bpath=
	for t in tests/"$suite"/*.sh; do
		case " $BESIDE " in *" $t "*) [ -e "$t" ] && found=1 && script_beside "$suite" "$t" ;; esac
	done
	for t in tests/"$suite"/*.sh; do
		[ -e "$t" ] || continue
		case " $BESIDE " in *" $t "*) continue ;; esac
		found=1
		script "$suite" "$t"
	done
	script_join
	[ $found = 1 ] || broken "suite $suite has no tests/$suite/*.sh"
done
[ -s "$logs/run.log" ] && count "$logs/run.log" "run.sh (the tree)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
