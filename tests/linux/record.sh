#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Real Linux 6.1 (docs/linux.md): `make linux` builds the 2level and x86_64
# kernels (or reuses the cache), then `pagewalk record --kernel linux
# --keep` records the 2-level vmalloc scenario and the 4-level demand
# scenario. Each kept run: every fault matches QEMU's own -d int log one to
# one and the records make a valid trace in which every write says its
# level, index and the frame that wrote it (test_linuxrec with LINUX_RUN),
# the vmalloc fault's write is set_pmd's in vmalloc_sync_one under
# vmalloc_fault, and the run equals the recording in tests/linux/fixtures
# on everything that does not depend on physical frame numbers
# (tests/linux/shape.py; docs/linux.md says what varies). Then `record
# --scenario all` on 2level and on 4level, each compared with the shipped
# trace traces/linux-all-MODE-qemu.yaml (tests/linux/traceshape.py: the
# kernel, the layout, each process's faults in order with cr2, error code,
# ip, walk shape, writes with their level, index and writer, route and
# call chain); a doctored copy of a shipped trace shows the comparison
# catches a changed route, walk and writer. A kept run whose console lost
# the kernel's layout line is refused by `record --from`; build.sh's
# refusals.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$BUILD/test-linux
UNIT=$BUILD/tests/unit/test_linuxrec
rm -rf "$OUT"
mkdir -p "$OUT"
export TMPDIR="$OUT/tmp"
mkdir -p "$TMPDIR"

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

# kept LOG: the run directory `record --keep` names on its last line.
kept() { sed -n 's/^pagewalk: kept the run in //p' "$1" | tail -1; }

# rec MODE SCENARIO: record with --keep, check the kept run; sets D.
rec() {
	fx=tests/linux/fixtures/$1-$2 log=$OUT/$1-$2.log
	t=$(date +%s.%N)
	"$PAGEWALK" record --kernel linux --mode "$1" --scenario "$2" --keep \
		-o "$OUT/$1-$2.yaml" >"$log" 2>&1
	rc=$? D=$(kept "$log")
	if [ $rc = 0 ] && [ -f "$D/records.txt" ]; then
		secs=$(awk -v a="$t" -v b="$(date +%s.%N)" "BEGIN { printf \"%.1f\", b - a }")
		ok "$1 $2: recorded ($(grep -c "^fault" "$D/records.txt") faults, $secs s), the run kept"
	else
		not_ok "$1 $2: record --kernel linux --keep (exit $rc)"
		diag "$(cat "$log")"
		return
	fi
	if LINUX_RUN=$D "$UNIT" >"$OUT/$1-$2.verify" 2>&1; then
		ok "$1 $2: $(grep -o '[0-9]* of [0-9]* page faults match the QEMU log' "$OUT/$1-$2.verify")"
		ok "$1 $2: the records make $(grep -o 'a valid trace: .*' "$OUT/$1-$2.verify") (trace_validate, written, loaded back; every write with its writer)"
	else
		not_ok "$1 $2: the faults match QEMU's -d int log, and make a valid trace"
		diag "$(grep -v '^\[' "$OUT/$1-$2.verify" | head -5)"
	fi
	/usr/bin/python3 tests/linux/shape.py "$fx/records.txt" >"$OUT/$1-$2.want"
	/usr/bin/python3 tests/linux/shape.py "$D/records.txt" >"$OUT/$1-$2.got"
	if diff -u "$OUT/$1-$2.want" "$OUT/$1-$2.got" >"$OUT/$1-$2.diff"; then
		ok "$1 $2: same faults, walks, writes, writers and routes as $fx"
	else
		not_ok "$1 $2: same as $fx (physical addresses aside)"
		diag "$(head -20 "$OUT/$1-$2.diff")"
	fi
}

# The recordings run side by side (each waits on its kernel far more than
# it computes), their lines printed in this order once all are done.
{
	rec 2level vmalloc
	r=$D/records.txt
	if grep -q '^write level=pgd ' "$r" 2>/dev/null &&
	   grep -A20 '^write level=pgd ' "$r" | grep -q '^frame fn=vmalloc_sync_one at=arch/x86/mm/fault.c:' &&
	   grep -A20 '^write level=pgd ' "$r" | grep -q '^frame fn=vmalloc_fault at=arch/x86/mm/fault.c:'; then
		ok "2level vmalloc: the kernel fault's pgd write is vmalloc_sync_one's, under vmalloc_fault (file:line)"
	else
		not_ok "2level vmalloc: vmalloc_fault -> vmalloc_sync_one writes the pgd entry"
	fi
	# The kernel's layout line is required: the kept run converted again
	# (record --from) once its console lost that line fails, saying so.
	vm=$D
	if [ -n "$vm" ] && [ -d "$vm" ]; then
		grep -v 'pagewalk: layout' "$vm/serial.txt" >"$vm/serial.cut" && mv "$vm/serial.cut" "$vm/serial.txt"
		err=$("$PAGEWALK" record --from "$vm" -o "$OUT/nolayout.yaml" 2>&1 >/dev/null); rc=$?
		if [ $rc = 1 ] && printf '%s' "$err" | grep -q 'the console has 0 "pagewalk: layout" lines, want 1' &&
		   [ ! -e "$OUT/nolayout.yaml" ]; then
			ok "a console without the kernel's layout line: record --from exits 1, says so, writes nothing"
		else
			not_ok "no layout line: exit $rc (want 1)"
			diag "$err"
		fi
	fi
} >"$OUT/part-1" 2>&1 &
rec 4level demand >"$OUT/part-2" 2>&1 &

# shape FILE OUT: traceshape.py's lines for a trace.
shape() { /usr/bin/python3 tests/linux/traceshape.py "$1" >"$2" 2>&1; }

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
		ok "$m all: same kernel, layout, faults per process, walks, writes and writers, routes and call chains as $shipped ($(grep -c '^fault ' "$new.got") faults)"
	else
		not_ok "$m all: same as $shipped (physical addresses, fork order aside)"
		diag "$(head -30 "$new.diff")"
	fi
}
recall 2level >"$OUT/part-3" 2>&1 &
recall 4level >"$OUT/part-4" 2>&1 &

# The comparison fails when a route, a walk or a writer changed: a copy of
# the shipped trace with one fault's route, one walk index and one
# write's frame doctored.
{
	d=$OUT/doctored.yaml
	sed -e '0,/path: do_fault/s//path: do_anonymous_page\/zero_page/' \
	    -e '0,/level: pte, table: \(0x[0-9a-f]*\), index: \([0-9]\)/s//level: pte, table: \1, index: 1\2/' \
	    -e '0,/\(level: pte, index: [0-9]*, call: \)\([0-9]*\)}/s//\1 0}/' \
	    traces/linux-all-2level-qemu.yaml >"$d"
	shape traces/linux-all-2level-qemu.yaml "$d.want"
	shape "$d" "$d.got"
	n=$(diff "$d.want" "$d.got" | grep -c '^>')
	if grep -q 'do_anonymous_page/zero_page' "$d.got" && [ "$n" = 3 ]; then
		ok "a changed route, walk index and writer show in the comparison ($n lines)"
	else
		not_ok "the comparison catches a changed route, walk and writer: $n lines differ (want 3)"
		diag "$(diff "$d.want" "$d.got" | head -10)"
	fi
} >"$OUT/part-5" 2>&1
wait
for i in 1 2 3 4 5; do cat "$OUT/part-$i"; done

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
refuse "build.sh unknown variant" "unknown variant 'arm64' (2level, pae, x86_64, " sh guest/linux/build.sh arm64
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
# No kernel in the cache: the recorder says to run make linux.
refuse "record, no kernel in the cache" "no 2level kernel in the cache" \
	env PAGEWALK_CACHE="$OUT/cache" "$PAGEWALK" record --kernel linux --mode 2level \
	--scenario demand -o "$OUT/none.yaml"
