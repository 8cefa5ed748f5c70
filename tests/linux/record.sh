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
# Then `pagewalk record --kernel linux --scenario all` on 2level and on
# 4level, each compared with the shipped trace traces/linux-all-MODE-qemu.yaml
# (tests/linux/traceshape.py: the kernel, the layout, each process's
# faults in order with cr2, error code, ip, walk shape, route and call
# chain); a doctored copy of a shipped trace shows the comparison catches
# a changed route and walk. Last: a hung kernel is stopped at the timeout
# with nothing left behind.
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

# The recordings run side by side (each waits on its kernel far more than
# it computes), their lines printed in this order once all are done.
{
	rec 2level vmalloc
	r=$OUT/2level-vmalloc/records.txt
	if grep -q '^route hit=vmalloc_sync_one' "$r" 2>/dev/null &&
	   grep -q '^frame fn=vmalloc_fault at=arch/x86/mm/fault.c:' "$r"; then
		ok "2level vmalloc: the kernel fault took vmalloc_fault -> vmalloc_sync_one (file:line)"
	else
		not_ok "2level vmalloc: vmalloc_fault -> vmalloc_sync_one in the route"
	fi
} >"$OUT/part-1" 2>&1 &
rec 4level demand >"$OUT/part-2" 2>&1 &

# shape FILE OUT: traceshape.py's lines for a trace.
shape() { python3 tests/linux/traceshape.py "$1" >"$2" 2>&1; }

# recall MODE: record `all` with pagewalk, compare with the shipped trace.
recall() {
	m=$1 shipped=traces/linux-all-$1-qemu.yaml new=$OUT/linux-all-$1.yaml
	t=$(date +%s.%N)
	if "$PAGEWALK" record --kernel linux --mode "$m" --scenario all -o "$new" >"$new.log" 2>&1; then
		secs=$(awk -v a="$t" -v b="$(date +%s.%N)" "BEGIN { printf \"%.1f\", b - a }")
		ok "$m all: pagewalk record --kernel linux: $(grep -o '[0-9]* faults; [0-9]* of [0-9]* page faults match the QEMU log' "$new.log") ($secs s)"
	else
		not_ok "$m all: pagewalk record --kernel linux"
		diag "$(cat "$new.log")"
		return
	fi
	shape "$shipped" "$new.want"
	shape "$new" "$new.got"
	# the same kernel first: another source or config changes ip and lines
	if [ "$(head -3 "$new.want")" != "$(head -3 "$new.got")" ]; then
		not_ok "$m all: the kernel is the one $shipped was recorded from"
		diag "$(head -3 "$new.want")" "this machine's:" "$(head -3 "$new.got")" \
		     "record the shipped traces again (traces/README.md)"
		return
	fi
	if diff -u "$new.want" "$new.got" >"$new.diff"; then
		ok "$m all: same kernel, layout, faults per process, walks, routes and call chains as $shipped ($(grep -c '^fault ' "$new.got") faults)"
	else
		not_ok "$m all: same as $shipped (physical addresses, fork order aside)"
		diag "$(head -30 "$new.diff")"
	fi
}
recall 2level >"$OUT/part-3" 2>&1 &
recall 4level >"$OUT/part-4" 2>&1 &

# The comparison fails when a route or a walk changed: a copy of the
# shipped trace with one fault's route and one walk index doctored.
{
	d=$OUT/doctored.yaml
	sed -e '0,/path: do_fault/s//path: do_anonymous_page\/zero_page/' \
	    -e '0,/level: pte, table: \(0x[0-9a-f]*\), index: \([0-9]\)/s//level: pte, table: \1, index: 1\2/' \
	    traces/linux-all-2level-qemu.yaml >"$d"
	shape traces/linux-all-2level-qemu.yaml "$d.want"
	shape "$d" "$d.got"
	n=$(diff "$d.want" "$d.got" | grep -c '^>')
	if grep -q 'do_anonymous_page/zero_page' "$d.got" && [ "$n" = 2 ]; then
		ok "a changed route and a changed walk index show in the comparison ($n lines)"
	else
		not_ok "the comparison catches a changed route and walk: $n lines differ (want 2)"
		diag "$(diff "$d.want" "$d.got" | head -10)"
	fi
} >"$OUT/part-5" 2>&1

# The kernel's layout line is required: the tracer reading a console
# without it (/dev/null) fails the run with a clear line, no records.
d=$OUT/nolayout
printf '%s\n' '# SPDX-License-Identifier: GPL-2.0-only' 'import os' \
	'os.environ["PW_SERIAL"] = os.devnull' \
	'exec(open(os.environ["PW_REAL_TRACER"]).read())' >"$OUT/nolayout.py"
{
	PW_TRACER=$OUT/nolayout.py PW_REAL_TRACER=guest/linux/trace.py \
		sh guest/linux/record.sh 2level demand "$d" 120 >"$d.log" 2>&1
	rc=$?
	if [ $rc = 1 ] && grep -q 'tracer: the console has 0 "pagewalk: layout" lines, want 1' "$d.log" &&
	   [ ! -e "$d/records.txt" ]; then
		ok "a console without the kernel's layout line: exit 1, says so, no records"
	else
		not_ok "no layout line: exit $rc (want 1), records: $(ls "$d" 2>/dev/null | tr '\n' ' ')"
		diag "$(cat "$d.log")"
	fi
} >"$OUT/part-6" 2>&1 &
wait
for i in 1 2 3 4 5 6; do cat "$OUT/part-$i"; done

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
left=$(procs_in "$d" | wc -l)   # (QEMU names $d, gdb has it in PW_OUT)
if [ $rc = 124 ] && [ ! -e "$d/records.txt" ] && [ ! -e "$d/records.txt.tmp" ] && [ "$left" = 0 ]; then
	ok "a run past --timeout: exit 124, no records, no QEMU or gdb left"
else
	not_ok "timeout: exit $rc (want 124), records $(ls "$d" | tr '\n' ' '), $left processes left"
fi
