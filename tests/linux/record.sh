#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Real Linux 6.1 (issue 13): `make linux` builds the 2level and x86_64
# kernels (or reuses the cache), then the tracer re-records the 2-level
# vmalloc scenario and the 4-level demand scenario under QEMU. Each run:
# the init reached its end marker, every fault matches QEMU's own -d int
# log one to one and the records make a valid pagewalk trace
# (test_linuxrec with LINUX_RUN), the vmalloc fault took
# vmalloc_fault -> vmalloc_sync_one, and the run equals the recording in
# tests/linux/fixtures on everything that does not depend on physical
# frame numbers (tests/linux/shape.py; docs/linux.md says what varies).
# Then: a hung kernel is stopped at the timeout with nothing left behind.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$BUILD/test-linux
UNIT=$BUILD/tests/unit/test_linuxrec
rm -rf "$OUT"
mkdir -p "$OUT"

t0=$(date +%s)
if make --no-print-directory linux LINUX_VARIANTS="2level x86_64" >"$OUT/make-linux.log" 2>&1; then
	ok "make linux: 2level and x86_64 kernels ready ($(( $(date +%s) - t0 )) s)"
else
	not_ok "make linux"
	diag "$(tail -5 "$OUT/make-linux.log")"
	exit 0
fi

# Nothing changed: both reused, said so, quickly.
t0=$(date +%s)
make --no-print-directory linux LINUX_VARIANTS="2level x86_64" >"$OUT/make-linux2.log" 2>&1
if grep -q '2level: up to date' "$OUT/make-linux2.log" &&
   grep -q 'x86_64: up to date' "$OUT/make-linux2.log" && [ $(( $(date +%s) - t0 )) -lt 30 ]; then
	ok "make linux again: both kernels reused ($(( $(date +%s) - t0 )) s)"
else
	not_ok "make linux again: reused"
	diag "$(cat "$OUT/make-linux2.log")"
fi

# rec MODE SCENARIO: record into $OUT/MODE-SCENARIO, check it.
rec() {
	d=$OUT/$1-$2 fx=tests/linux/fixtures/records-$1-$2.txt
	t=$(date +%s.%N)
	if sh guest/linux/record.sh "$1" "$2" "$d" 120 >"$d.log" 2>&1; then
		secs=$(awk -v a="$t" -v b="$(date +%s.%N)" "BEGIN { printf \"%.1f\", b - a }")
		ok "$1 $2: recorded, the init reached its end ($(grep -c "^fault" "$d/records.txt") faults, $secs s)"
	else
		not_ok "$1 $2: record.sh"
		diag "$(cat "$d.log")"
		return
	fi
	if LINUX_RUN=$d "$UNIT" >"$d.verify" 2>&1; then
		ok "$1 $2: $(grep -o '[0-9]* of [0-9]* page faults match the QEMU log' "$d.verify")"
		ok "$1 $2: the records make $(grep -o 'a valid trace: .*' "$d.verify") (trace_validate, written, loaded back)"
	else
		not_ok "$1 $2: the faults match QEMU's -d int log, and make a valid trace"
		diag "$(grep -v '^\[' "$d.verify" | head -5)"
	fi
	python3 tests/linux/shape.py "$fx" >"$d.want"
	python3 tests/linux/shape.py "$d/records.txt" >"$d.got"
	if diff -u "$d.want" "$d.got" >"$d.diff"; then
		ok "$1 $2: same faults, walks, writes and routes as $fx"
	else
		not_ok "$1 $2: same as $fx (physical addresses aside)"
		diag "$(head -20 "$d.diff")"
	fi
}

rec 2level vmalloc
r=$OUT/2level-vmalloc/records.txt
if grep -q '^route hit=vmalloc_sync_one' "$r" 2>/dev/null &&
   grep -q '^frame fn=vmalloc_fault at=arch/x86/mm/fault.c:' "$r"; then
	ok "2level vmalloc: the kernel fault took vmalloc_fault -> vmalloc_sync_one (file:line)"
else
	not_ok "2level vmalloc: vmalloc_fault -> vmalloc_sync_one in the route"
fi
rec 4level demand

# Refusals, before anything runs: each exit 1 with its one line.
refuse() {   # NAME WANT COMMAND...
	name=$1 want=$2; shift 2
	err=$("$@" 2>&1 >/dev/null); rc=$?
	if [ $rc = 1 ] && printf '%s' "$err" | grep -qF "$want"; then
		ok "$name: exit 1, says \"$want\""
	else
		not_ok "$name: exit $rc (want 1), said: $err"
	fi
}
refuse "record.sh vmalloc on pae" "the vmalloc scenario runs on 2level only" \
	sh guest/linux/record.sh pae vmalloc "$OUT/x" 10
refuse "record.sh unknown mode" "unknown mode '3level'" sh guest/linux/record.sh 3level all "$OUT/x" 10
refuse "build.sh unknown variant" "unknown variant 'arm64'" sh guest/linux/build.sh arm64
# Too little disk for a fresh cache (a df that reports 100 MB free): the
# message says how much is needed and where, and nothing is extracted.
mkdir -p "$OUT/bin" "$OUT/cache"
printf '#!/bin/sh\necho "Filesystem 1024-blocks Used Available Capacity Mounted"\necho "x 1000000 900000 102400 90%% /"\n' >"$OUT/bin/df"
chmod +x "$OUT/bin/df"
refuse "make linux, little disk" "not enough free disk space" \
	env PATH="$OUT/bin:$PATH" PAGEWALK_CACHE="$OUT/cache" sh guest/linux/build.sh 2level
if [ -z "$(find "$OUT/cache" -name src -o -name 'build-*' | head -1)" ]; then
	ok "make linux, little disk: nothing extracted or built"
else
	not_ok "make linux, little disk: left $(find "$OUT/cache" -maxdepth 2 | tr '\n' ' ')"
fi

# A time limit shorter than the boot: exit 124, no records, no QEMU or gdb left.
d=$OUT/timeout
sh guest/linux/record.sh 2level all "$d" 1 >"$d.log" 2>&1
rc=$?
left=$(pgrep -f "$d/|linux/trace[.]py" | wc -l)
if [ $rc = 124 ] && [ ! -e "$d/records.txt" ] && [ ! -e "$d/records.txt.tmp" ] && [ "$left" = 0 ]; then
	ok "a run past --timeout: exit 124, no records, no QEMU or gdb left"
else
	not_ok "timeout: exit $rc (want 124), records $(ls "$d" | tr '\n' ' '), $left processes left"
fi
