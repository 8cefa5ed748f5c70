#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/run.sh - run every suite, count TAP lines, end with "N passed, N failed".
#
# Suites: cmocka unit binaries ($BUILD/tests/unit/test_*), then every executable
# tests/<suite>/*.sh in the order below. SUITES="cli tui" narrows the run.
# Each suite's full output is kept in $BUILD/test-logs/.

cd "$(dirname "$0")/.." || exit 2
PAGEWALK_ROOT=$(pwd)
: "${BUILD:=build}"
: "${PAGEWALK:=$PAGEWALK_ROOT/$BUILD/pagewalk}"
: "${SUITES:=unit cli lessons traces tui guest record fuzz}"
export PAGEWALK_ROOT BUILD PAGEWALK
logs=$BUILD/test-logs
mkdir -p "$logs"
pass=0 fail=0

# count LOG: add the log's ok / not ok lines to the totals, show the failures.
count() {
	p=$(grep -c '^ok ' "$1")
	f=$(grep -c '^not ok ' "$1")
	pass=$((pass + p)) fail=$((fail + f))
	grep -A6 '^not ok ' "$1" | sed 's/^/    /'
	printf '  %-28s %4d passed, %d failed\n' "$2" "$p" "$f"
}

for suite in $SUITES; do
	if [ "$suite" = unit ]; then
		for t in "$BUILD"/tests/unit/test_*; do
			[ -x "$t" ] || continue
			name=$(basename "$t")
			CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$logs/$name.log" 2>&1
			rc=$?
			# A crashed binary prints no plan: count that as a failure.
			grep -q '^1\.\.' "$logs/$name.log" || echo "not ok - $name did not finish (exit $rc)" >>"$logs/$name.log"
			count "$logs/$name.log" "unit/$name"
		done
		continue
	fi
	for t in tests/"$suite"/*.sh; do
		[ -x "$t" ] || continue
		name=$suite-$(basename "$t" .sh)
		start=$(date +%s)
		"$t" >"$logs/$name.log" 2>&1
		rc=$?
		[ $rc -eq 0 ] || echo "not ok - $t exited $rc" >>"$logs/$name.log"
		count "$logs/$name.log" "$suite/$(basename "$t" .sh) ($(( $(date +%s) - start ))s)"
	done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
