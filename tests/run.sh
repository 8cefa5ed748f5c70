#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/run.sh - run the test suites, count TAP lines, end with "N passed, N failed".
#
#   sh tests/run.sh                      every suite, in the order of ALL_SUITES
#   SUITES="cli tui" sh tests/run.sh     only those suites
#   sh tests/run.sh tests/tui/lesson.sh build/tests/unit/test_walk
#                                        only those scripts / unit binaries
#   JOBS=1 sh tests/run.sh               one at a time (default: JOBS scripts
#                                        side by side, see below)
#
# Suites: cmocka unit binaries ($BUILD/tests/unit/test_*), then every
# tests/<suite>/*.sh. Each script's full output is kept in $BUILD/test-logs/.
# tests/README.md says which kind of test goes where.
#
# Side by side: most scripts wait (on tmux screens, on an emulator), so up
# to JOBS of them (default: the CPUs plus two) run at once, each with its
# own log, tmux server and temporary directory. The longest ones start
# first (the time each took last run is kept in $BUILD/test-logs/times);
# results are printed in suite order as soon as the ones before are done.
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
: "${JOBS:=$(( $(nproc 2>/dev/null || echo 1) + 2 ))}"
# what scripts share in this run: guest recordings, Linux's reference
# files (lib.sh's guest_boot, linux_ref)
PW_SHARED=$PAGEWALK_ROOT/$BUILD/test-shared
rm -rf "$PW_SHARED"
export PAGEWALK_ROOT BUILD PAGEWALK PW_SHARED
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
rm -f "$logs"/*.t "$logs"/.done.*

# broken WHAT: a mistake in the tree itself; counted as a failure, said on stderr.
broken() {
	echo "not ok - $*" >>"$logs/run.log"
	echo "tests/run.sh: $*" >&2
}

# ---- what to run: one line per job, "KIND SUITE PATH", in suite order ----
jobs=$logs/.jobs
: >"$jobs"
: >"$logs/run.log"
for d in tests/*/; do
	d=$(basename "$d")
	case " $ALL_SUITES $NOT_SUITES " in
	*" $d "*) ;;
	*) broken "tests/$d/ is not a suite tests/run.sh knows (add it to ALL_SUITES or NOT_SUITES)" ;;
	esac
done

# add KIND SUITE PATH
add() { echo "$1 $2 $3" >>"$jobs"; }

if [ $# -gt 0 ]; then
	for t in "$@"; do
		case $t in
		*/tests/unit/test_*|tests/unit/test_*)
			if [ -x "$t" ] && [ -f "$t" ]; then add unit unit "$t"
			else broken "$t is not a built unit test binary"; fi ;;
		tests/*/*.sh)
			if [ ! -f "$t" ]; then broken "$t: no such script"
			elif [ ! -x "$t" ]; then broken "$t is not executable (chmod +x it, or it is never run)"
			else add script "$(basename "$(dirname "$t")")" "$t"; fi ;;
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
			if [ -x "$b" ]; then add unit unit "$b"
			else broken "$c has no binary $b (make $b)"; fi
		done
		continue
	fi
	found=0
	for t in tests/"$suite"/*.sh; do
		[ -e "$t" ] || continue
		found=1
		if [ -x "$t" ]; then add script "$suite" "$t"
		else broken "$t is not executable (chmod +x it, or it is never run)"; fi
	done
	[ $found = 1 ] || broken "suite $suite has no tests/$suite/*.sh"
done

# ---- running one job ---------------------------------------------------
# name_of KIND SUITE PATH: the log's name (test_NAME or SUITE-NAME).
name_of() {
	if [ "$1" = unit ]; then basename "$3"; else echo "$2-$(basename "$3" .sh)"; fi
}

# run_job KIND SUITE PATH: run it into its log; append the checks a crash
# or a non-zero exit would otherwise lose; its seconds into NAME.t.
run_job() {
	_name=$(name_of "$@") _start=$(date +%s)
	if [ "$1" = unit ]; then
		CMOCKA_MESSAGE_OUTPUT=TAP "$3" >"$logs/$_name.log" 2>&1 3>&-
		_rc=$?
		# A crashed binary prints no plan: count that as a failure.
		grep -q '^1\.\.' "$logs/$_name.log" ||
			echo "not ok - $_name did not finish (exit $_rc)" >>"$logs/$_name.log"
		# cmocka exits with its failure count; a failure whose "not ok" line was
		# glued to an unterminated message would not be counted: count it here.
		if [ $_rc -ne 0 ] && ! grep -q '^not ok ' "$logs/$_name.log"; then
			printf '\nnot ok - %s exited %d with no "not ok" line of its own\n' "$_name" "$_rc" \
				>>"$logs/$_name.log"
		fi
	else
		# the linux suite alone gets make linux's kernels (see Caches)
		_kc=$PAGEWALK_CACHE
		[ "$2" != linux ] || _kc=$KERNEL_CACHE
		PAGEWALK_CACHE=$_kc "$3" >"$logs/$_name.log" 2>&1 3>&-
		_rc=$?
		[ $_rc -eq 0 ] || echo "not ok - $3 exited $_rc" >>"$logs/$_name.log"
	fi
	# seconds, and the CPU seconds of what it waited for (times: children)
	times >"$logs/$_name.cpu"       # (no pipe: a subshell has no children of its own)
	echo "$(( $(date +%s) - _start )) $(tail -n 1 "$logs/$_name.cpu" | tr 'ms' '  ' |
		awk '{ printf "%.0f", $1 * 60 + $2 + $3 * 60 + $4 }')" >"$logs/$_name.t"
	rm -f "$logs/$_name.cpu"
}

# report KIND SUITE PATH: its result lines (the failures, then the count).
report() {
	_name=$(name_of "$@") _log=$logs/$(name_of "$@").log
	_p=$(grep -c '^ok ' "$_log") _f=$(grep -c '^not ok ' "$_log")
	grep -A6 '^not ok ' "$_log" | sed 's/^/    /'
	if [ "$1" = unit ]; then _shown=unit/$_name
	else _shown="$2/$(basename "$3" .sh) ($(cut -d' ' -f1 "$logs/$_name.t")s)"; fi
	printf '  %-28s %4d passed, %d failed\n' "$_shown" "$_p" "$_f"
}

# ---- the pool ------------------------------------------------------------
# Start order: longest first by last run's times (unknown ones first, in
# suite order), then the rest in suite order.
times=$logs/times
touch "$times"
awk -v times="$times" 'FILENAME == times { t[$1] = $2; next }
     { n = $3; sub(/.*\//, "", n)
       if ($1 != "unit") { sub(/\.sh$/, "", n); n = $2 "-" n }
       printf "%d %d %s\n", (n in t) ? t[n] : 100000, FNR, $0 }' "$times" "$jobs" |
	sort -k1,1nr -k2,2n | cut -d' ' -f2- >"$logs/.order"
njobs=$(wc -l <"$jobs")

fifo=$logs/.done
rm -f "$fifo"
mkfifo "$fifo" || exit 2
exec 3<>"$fifo"
rm -f "$fifo"

running=0 printed=0
# collect: wait for one job to end; print every result now in order.
collect() {
	read -r _done <&3
	touch "$logs/.done.$_done"
	running=$((running - 1))
	while [ $printed -lt "$njobs" ] && [ -e "$logs/.done.$((printed + 1))" ]; do
		printed=$((printed + 1))
		# shellcheck disable=SC2046
		report $(sed -n "${printed}p" "$jobs")
	done
}

while read -r idx kind suite path; do
	[ $running -lt "$JOBS" ] || collect
	( run_job "$kind" "$suite" "$path"; echo "$idx" >&3 ) </dev/null &
	running=$((running + 1))
done <"$logs/.order"
while [ $running -gt 0 ]; do collect; done
exec 3>&-
rm -f "$logs"/.done.*

# the times for the next run's order: NAME SECONDS CPU-SECONDS
for t in "$logs"/*.t; do
	[ -e "$t" ] && echo "$(basename "$t" .t) $(cat "$t")"
done | sort >"$times.new" && mv "$times.new" "$times"
rm -f "$logs"/*.t

if [ -s "$logs/run.log" ]; then
	sed 's/^/    /' "$logs/run.log"
	printf '  %-28s %4d passed, %d failed\n' "run.sh (the tree)" 0 "$(grep -c '^not ok ' "$logs/run.log")"
fi
pass=0 fail=0
while read -r kind suite path; do
	_log=$logs/$(name_of "$kind" "$suite" "$path").log
	pass=$((pass + $(grep -c '^ok ' "$_log" 2>/dev/null))) fail=$((fail + $(grep -c '^not ok ' "$_log" 2>/dev/null)))
done <"$jobs"
fail=$((fail + $(grep -c '^not ok ' "$logs/run.log")))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
