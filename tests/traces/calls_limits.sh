#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/traces/calls_limits.sh - a trace's call chains are bounded: at most
# TRACE_MAX_CALLS_FAULT (256) frames in one fault and TRACE_MAX_CALLS
# (262144) in one trace; past either the loader says so at the first frame
# past it, with its line and column, and stops reading there (a fault of
# 300,000 frames once took `dump` 58 s: its chain was summed up in time
# squared). Within the bound, dump sums a chain up as before.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
GOOD=tests/traces/good/linux-calls.yaml

# with_calls N OUT: the good trace with event 2's chain replaced by N
# frames, all at depth 0 (each leaves the one before).
with_calls() {
	awk -v n="$1" '
	/^    calls:$/ && !done { print; for (i = 0; i < n; i++)
		printf "      - {fn: f%d, at: \"mm/memory.c:%d\", depth: 0}\n", i, i + 1
		skip = 1; done = 1; next }
	skip && /^      - \{fn:/ { next }
	{ skip = 0; print }' "$GOOD" >"$2"
}
# line of the first call past the bound in FILE: the (bound+1)th "{fn:"
nth_call() { grep -n '^      - {fn:' "$1" | sed -n "$2p" | cut -d: -f1; }

with_calls 256 "$T/ok256.yaml"
run_pw check "$T/ok256.yaml"
check_eq "256 frames in one fault: loads" 0 "$RC"

with_calls 257 "$T/257.yaml"
run_pw check "$T/257.yaml"
check_eq "257 frames in one fault: exit 1" 1 "$RC"
check_eq "257 frames: FILE:LINE:COL at the 257th" \
	"$T/257.yaml:$(nth_call "$T/257.yaml" 257):9: calls: more than 256 in one fault (a chain of handlers is a dozen frames)" "$ERR"

with_calls 300000 "$T/300k.yaml"
run_pw dump "$T/300k.yaml"
check_eq "300,000 frames in one fault: dump refuses it (exit 1)" 1 "$RC"
check_contains "300,000 frames: at the 257th" "$ERR" "$T/300k.yaml:$(nth_call "$T/300k.yaml" 257):9: calls: more than 256"

# 1025 faults of 256 frames: past the trace's bound at its 262,145th frame
awk '
/^end: / { next }
/^  - seq: 3$/ { infault = 1 }
infault { body = body $0 "\n"; next }
{ print }
END {
	sub(/\n$/, "", body)
	for (k = 0; k < 1025; k++) {
		b = body
		sub(/seq: 3/, "seq: " (k + 3), b)
		n = split(b, line, "\n")
		for (i = 1; i <= n; i++) {
			if (line[i] ~ /^      - \{fn:/) continue
			print line[i]
			if (line[i] ~ /^    calls:$/)
				for (j = 0; j < 256; j++)
					printf "      - {fn: g%d, at: \"mm/memory.c:%d\", depth: 0}\n", j, j + 1
		}
	}
	print "end: 1027"
}' "$GOOD" >"$T/many.yaml"
run_pw check "$T/many.yaml"
check_eq "262,145 frames in one trace: exit 1" 1 "$RC"
check_eq "262,145 frames: FILE:LINE:COL at the 262,145th" \
	"$T/many.yaml:$(nth_call "$T/many.yaml" 262145):9: calls: more than 262144 in one trace" "$ERR"

# the summary of a chain, one frame a depth: the stack at the deepest frame
printf '%s\n' '      - {fn: exc_page_fault, at: "arch/x86/mm/fault.c:1482", depth: 0}' \
	'      - {fn: a, at: "mm/memory.c:1", depth: 1}' \
	'      - {fn: b, at: "mm/memory.c:2", depth: 2}' \
	'      - {fn: c, at: "mm/memory.c:3", depth: 1}' \
	'      - {fn: d, at: "mm/memory.c:4", depth: 2}' \
	'      - {fn: e, at: "mm/memory.c:5", depth: 3}' \
	'      - {fn: f, at: "mm/memory.c:6", depth: 2}' >"$T/chain"
awk -v chain="$T/chain" '
/^    calls:$/ && !done { print; while ((getline l < chain) > 0) print l; skip = 1; done = 1; next }
skip && /^      - \{fn:/ { next }
{ skip = 0; print }' "$GOOD" >"$T/chain.yaml"
run_pw dump "$T/chain.yaml"
check_contains "dump: the stack down to the deepest frame" "$OUT" \
	"via exc_page_fault > c > d > e (mm/memory.c:5)"
exit 0
