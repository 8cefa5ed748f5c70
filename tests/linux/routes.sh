#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every route name shown for a Linux trace is a function of that kernel
# (issue 22): Linux 6.1 has no bad_area() and no no_context(). The names
# `pagewalk dump`, `dump --format md` and the replayer's header (its
# screens, through --cast) show for the shipped Linux traces, and the
# routes, branches and lesson 09's Linux 6.1 quiz (test_route_names with
# LINUX_SRC), are each found defined as a C function in the kernels'
# linux-source-6.1 tree (arch/x86/mm/fault.c, mm/memory.c or, for the
# huge-page routes, mm/huge_memory.c).
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$BUILD/test-linux-routes
rm -rf "$OUT"
mkdir -p "$OUT"
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)
SRC=${PAGEWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk}/linux-$ver/src
if [ ! -f "$SRC/mm/memory.c" ]; then
	make --no-print-directory linux LINUX_VARIANTS=2level >"$OUT/make-linux.log" 2>&1
fi

# defined NAME: a column-0 definition NAME( in fault.c, memory.c or (the
# huge-page routes) huge_memory.c (arm64's traces: arch/arm64/mm/fault.c,
# or traps.c for arm64_force_sig_fault).
defined() {
	grep -qE "^([a-z_]+ )*\**$1\(" "$SRC/arch/x86/mm/fault.c" "$SRC/mm/memory.c" \
		"$SRC/mm/huge_memory.c" "$SRC/arch/arm64/mm/fault.c" "$SRC/arch/arm64/kernel/traps.c" 2>/dev/null
}

# check WHERE NAMES: each name (its part before '/') a function of the tree.
check_names() {
	bad= n=0
	for name in $2; do
		fn=${name%%/*}
		n=$((n + 1))
		defined "$fn" || bad="$bad $name"
	done
	if [ "$n" -gt 0 ] && [ -z "$bad" ]; then
		ok "$1: each route name is a function of linux-source-6.1 ($(echo $2 | tr ' ' ','))"
	else
		not_ok "$1: route names that are no function of linux-source-6.1:${bad:- none shown}"
	fi
}

for t in traces/linux-*-qemu.yaml; do
	m=$(basename "$t" .yaml)
	names=$("$PAGEWALK" dump "$t" | sed -n 's/.* -> \([a-zA-Z0-9_/]*\) .*/\1/p' | sort -u)
	check_names "$m: dump" "$names"
	md=
	# one fault of each route
	for e in $("$PAGEWALK" dump "$t" | awk '$2 == "fault" { r = $0; sub(/.* -> /, "", r); sub(/ .*/, "", r); if (!seen[r]++) print $1 }'); do
		md="$md $("$PAGEWALK" dump --format md --event "$e" "$t" |
			sed -n 's/^`\(exc_page_fault\|do_mem_abort\)` -> \([a-zA-Z0-9_/]*\); .*/\2/p')"
	done
	check_names "$m: dump --format md" "$(echo $md | tr ' ' '\n' | sort -u)"
	# the header row (the third) at every stage, drawn by the replayer's
	# own code (tests/tui/headless.c): the route once the handler has run
	cast=$(env LANG=C.UTF-8 XDG_STATE_HOME="$OUT/state" PAGEWALK_DRAWCHECK="$OUT/$m.drawcheck" \
		"$BUILD/tests/tui/headless" --size 132x43 --print-row 2 replay "$t" |
		sed -n -e 's/^# row: *\(#PF\|Data abort\|Instruction abort\) .* \([a-zA-Z0-9_/]*\): \(retried\|sigsegv\|oops\|refault\)$/\2/p; t' \
		       -e 's/^# row: *\(#PF\|Data abort\|Instruction abort\) .* \([a-zA-Z0-9_/]*\)$/\2/p' | sort -u)
	check_names "$m: the replayer's header" "$cast"
done

if LINUX_SRC=$SRC "$BUILD/tests/unit/test_route_names" >"$OUT/unit.log" 2>&1; then
	ok "routes, branches and lesson 09's 6.1 quiz: $(grep -c 'a function of Linux 6.1' "$OUT/unit.log") names, each a function of linux-source-6.1"
else
	not_ok "routes, branches and lesson 09's quiz name functions of linux-source-6.1"
	diag "$(grep -v '^\[' "$OUT/unit.log" | head -5)"
fi
