#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/fuzz/fuzz.sh - the fuzz suite of make check: every harness
# (build/fuzz/fuzz_NAME, see the Makefile's fuzz section) must survive its
# seed corpus (tests/fuzz/corpus/NAME/) and every regression input
# (tests/fuzz/regress/NAME/, one per crash found and fixed). Exploring for
# new inputs is `make fuzz` (FUZZ_SECONDS a harness, default 60), not part
# of make check: what it finds goes into regress/ and is replayed here.
. "$(dirname "$0")/../lib.sh"

FUZZ_DIR=$PAGEWALK_ROOT/build/fuzz
: "${FUZZ_CHECK_SECONDS:=15}"
NAMES="lesson trace guestrec labresult lxsrc"

if ! command -v clang >/dev/null; then
	not_ok "clang is installed (apt-get install clang libclang-rt-14-dev)"
	exit 0
fi
if ! make -C "$PAGEWALK_ROOT" --no-print-directory -s fuzz-build >/dev/null 2>"$FUZZ_DIR.err"; then
	not_ok "make fuzz-build"
	diag "$(tail -20 "$FUZZ_DIR.err")"
	exit 0
fi
rm -f "$FUZZ_DIR.err"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for n in $NAMES; do
	bin=$FUZZ_DIR/fuzz_$n
	seeds=$PAGEWALK_ROOT/tests/fuzz/corpus/$n
	check "fuzz_$n: harness built" test -x "$bin"
	[ -x "$bin" ] || continue
	nseeds=$(find "$seeds" -type f | wc -l)
	check "fuzz_$n: has a seed corpus ($nseeds inputs)" test "$nseeds" -gt 0

	# Every seed once (a directory argument with -runs=0 runs each input).
	if "$bin" -runs=0 -rss_limit_mb=2048 -timeout=20 "$seeds" >"$tmp/$n.seeds" 2>&1; then
		ok "fuzz_$n: every seed input loads without a crash"
	else
		not_ok "fuzz_$n: every seed input loads without a crash"
		diag "$(grep -E 'ERROR|fuzz:|#[0-9]+ 0x' "$tmp/$n.seeds" | head -15)"
	fi

	# Every regression input (a crash found once, fixed since).
	for f in "$PAGEWALK_ROOT"/tests/fuzz/regress/$n/*; do
		[ -f "$f" ] || continue
		if "$bin" -rss_limit_mb=2048 -timeout=20 "$f" >"$tmp/$n.reg" 2>&1; then
			ok "fuzz_$n: regression input $(basename "$f")"
		else
			not_ok "fuzz_$n: regression input $(basename "$f")"
			diag "$(grep -E 'ERROR|fuzz:|#[0-9]+ 0x' "$tmp/$n.reg" | head -15)"
		fi
	done
done
