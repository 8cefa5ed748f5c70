#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A lit line is a line that ran (issue 22): for every route of the `all`
# scenario (do_fault, the zero page, a new page, do_wp_page's copy and
# reuse, bad_area_access_error, bad_area_nosemaphore, the stack's growth,
# the vmalloc fault) in each mode the suite's kernels run (2level, 4level,
# 5level), a fresh recording's lit lines are checked by an independent run:
# the same kernel and init under plain gdb, single-stepping each sampled
# fault's handler (tests/linux/linecheck.py: the executed instructions, the
# kernel's C source around each line). Every lit line must be a statement
# that ran; no sampled fault may be missed. The check is seen to fail: the
# lines the tracer used to light (issue 22: the munmap fault's fault.c:1396
# merged call, do_anonymous_page's hoisted `return VM_FAULT_SIGBUS;`) are
# rejected.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$PAGEWALK_ROOT/$BUILD/test-linux-lines
rm -rf "$OUT"
mkdir -p "$OUT/tmp"
export TMPDIR="$OUT/tmp"
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)
SRC=${PAGEWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk}/linux-$ver/src

if ! make --no-print-directory linux LINUX_VARIANTS="2level x86_64" >"$OUT/make-linux.log" 2>&1; then
	not_ok "make linux"
	diag "$(tail -5 "$OUT/make-linux.log")"
	exit 0
fi

# lines MODE WRONG: record `all` (kept), check its lit lines.
lines() {
	d=$OUT/$1 log=$OUT/$1.log
	mkdir -p "$d"
	"$PAGEWALK" record --kernel linux --mode "$1" --scenario all --keep -o "$d/all.yaml" >"$log" 2>&1
	run=$(sed -n 's/^pagewalk: kept the run in //p' "$log")
	if [ ! -f "$d/all.yaml" ]; then
		not_ok "$1: record --kernel linux --scenario all"
		diag "$(cat "$log")"
		return
	fi
	(cd "$d" && RUN=$run TRACE=$d/all.yaml SRC=$SRC OUT=$d/report.txt WRONG=$2 \
		timeout 900 gdb -batch -nx -q "$(sed -n 's/^vmlinux=//p' "$run/params.txt")" \
		-x "$PAGEWALK_ROOT/tests/linux/linecheck.py" >"$d/gdb.log" 2>&1)
	r=$d/report.txt
	nok=$(grep -c '^ok ' "$r" 2>/dev/null) nbad=$(grep -c '^bad ' "$r" 2>/dev/null)
	routes=$(sed -n 's/^sampled \(.*\) seq=.*/\1/p' "$r" 2>/dev/null | sort -u | tr '\n' ',' | sed 's/,$//; s/,/, /g')
	if [ "${nok:-0}" -gt 0 ] && [ "${nbad:-1}" = 0 ] && ! grep -q '^missed ' "$r"; then
		ok "$1: $nok lit lines in $(grep -c '^sampled ' "$r") faults ran, by single-stepping ($routes)"
	else
		not_ok "$1: every lit line ran ($nok confirmed, $nbad not)"
		diag "$(grep '^bad \|^missed ' "$r" 2>/dev/null | head -10)" "$(tail -3 "$d/gdb.log")"
	fi
	for route in $(sed -n 's/^sampled \([^ ]*\) .*/\1/p' "$r" | sort -u); do
		n=$(grep -c "^ok $route " "$r")
		echo "# $1 $route: $n lit lines confirmed"
	done
	printf '%s\n' "$2" | tr ';' '\n' | while read -r route fn at; do
		[ -n "$route" ] || continue
		if grep -q "^rejected $route seq=[0-9]* $fn $at " "$r" &&
		   ! grep -q "^accepted $route seq=[0-9]* $fn $at " "$r"; then
			ok "the check rejects $fn at $at for a $route fault (a line that did not run: $(grep -m1 "^rejected $route seq=[0-9]* $fn $at " "$r" | cut -d' ' -f6-))"
		else
			not_ok "the check rejects $fn at $at for $route"
			diag "$(grep " $fn $at" "$r" | head -3)"
		fi
	done
}

lines 2level "bad_area_nosemaphore do_user_addr_fault arch/x86/mm/fault.c:1396"
lines 4level "do_anonymous_page/zero_page do_anonymous_page mm/memory.c:4146; do_anonymous_page/new_page do_anonymous_page mm/memory.c:4146"
lines 5level ""
if [ -n "${LINES_PAE:-}" ]; then
	lines pae ""
fi
exit 0
