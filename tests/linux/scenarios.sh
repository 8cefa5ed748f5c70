#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The fault paths of issue 23 under real Linux 6.1 (docs/linux.md, "The
# init"): `make linux` builds (or reuses) the 2level, x86_64, thppti and
# arm64-4k-39 kernels; then the thp (4level, 5level), file (2level,
# 4level, arm64-4k-39), pti
# (4level) and tlb (4level) scenarios are recorded again with --keep. Each
# kept run: every fault matches QEMU's own -d int log one to one, PTI's
# user-mode faults with the user copy's cr3 (bit 12) there, and the
# records make a valid trace (test_linuxrec with LINUX_RUN); the fresh
# trace equals the shipped traces/linux-SCENARIO-MODE-qemu.yaml on
# everything that does not depend on physical frames (traceshape.py) and
# shows the paths it is for (scenariocheck.py: the PS pmd of a huge page,
# each file fault's chain, both cr3s and walks under PTI and the kernel
# half of both pgd copies (user-top), the COW, fork, mprotect and munmap
# flushes; the cr3 writes of a switch between the fork's parent and child
# and of the fork's full flush, none after a short one). Each check is
# also shown failing once: a
# -d int log whose user cr3 lost bit 12, and a doctored copy of each
# shipped trace.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$BUILD/test-linux-scenarios
UNIT=$BUILD/tests/unit/test_linuxrec
rm -rf "$OUT"
mkdir -p "$OUT"
export TMPDIR="$OUT/tmp"
mkdir -p "$TMPDIR"

t0=$(date +%s)
if make --no-print-directory linux LINUX_VARIANTS="2level x86_64 thppti arm64-4k-39" >"$OUT/make-linux.log" 2>&1; then
	ok "make linux: 2level, x86_64, thppti and arm64-4k-39 kernels ready ($(( $(date +%s) - t0 )) s)"
else
	not_ok "make linux"
	diag "$(tail -5 "$OUT/make-linux.log")"
	exit 0
fi

kept() { sed -n 's/^pagewalk: kept the run in //p' "$1" | tail -1; }
shape() { /usr/bin/python3 tests/linux/traceshape.py "$1" >"$2" 2>&1; }

# rec SCENARIO MODE: record with --keep; the run against QEMU's log, the
# trace against the shipped one and against what the scenario is for.
rec() {
	s=$1 m=$2 new=$OUT/$1-$2.yaml shipped=traces/linux-$1-$2-qemu.yaml
	"$PAGEWALK" record --kernel linux --mode "$m" --scenario "$s" --keep -o "$new" \
		>"$new.log" 2>&1
	rc=$? D=$(kept "$new.log")
	if [ $rc != 0 ] || [ ! -f "$D/records.txt" ]; then
		not_ok "$s $m: record --kernel linux --keep (exit $rc)"
		diag "$(cat "$new.log")"
		return
	fi
	echo "$D" >"$OUT/$s-$m.dir"
	if LINUX_RUN=$D "$UNIT" >"$new.verify" 2>&1; then
		ok "$s $m: $(grep -Eo '[0-9]* of [0-9]* (page faults|aborts) match the QEMU log' "$new.verify"), $(grep -o 'a valid trace: .*' "$new.verify")"
	else
		not_ok "$s $m: the faults match QEMU's -d int log, and make a valid trace"
		diag "$(grep -v '^\[' "$new.verify" | head -5)"
	fi
	shape "$shipped" "$new.want"
	shape "$new" "$new.got"
	if diff -u "$new.want" "$new.got" >"$new.diff"; then
		ok "$s $m: same faults, walks, writers, routes and chains as $shipped"
	else
		not_ok "$s $m: same as $shipped (physical addresses, fork order aside)"
		diag "$(head -30 "$new.diff")"
	fi
	if /usr/bin/python3 tests/linux/scenariocheck.py "$s" "$new" >"$new.check" 2>&1; then
		ok "$s $m: $(tr '\n' ';' <"$new.check" | sed 's/;$//; s/;/; /g')"
	else
		not_ok "$s $m: the scenario's paths"
		diag "$(cat "$new.check")"
	fi
}

# Two lanes: each recording waits on QEMU and gdb far more than it computes.
{ rec thp 4level; rec file 2level; rec pti 4level; } >"$OUT/part-1" 2>&1 &
{ rec thp 5level; rec file 4level; rec tlb 4level; rec file arm64-4k-39; } >"$OUT/part-2" 2>&1 &
wait
cat "$OUT/part-1" "$OUT/part-2"

# PTI's cross-check is exact: the same kept run with one user-mode fault's
# cr3 in the QEMU log without bit 12 (as if QEMU had logged the kernel
# copy) is refused.
D=$(cat "$OUT/pti-4level.dir" 2>/dev/null)
if [ -n "$D" ] && [ -d "$D" ]; then
	cp -r "$D" "$OUT/pti-doctored"
	/usr/bin/python3 - "$D/int.log" >"$OUT/pti-doctored/int.log" <<'PY'
import re, sys
user = done = False
for line in open(sys.argv[1]):
    if " v=0e " in line:
        user = " cpl=3 " in line
    elif user and not done and "CR3=" in line:
        v = re.search(r"CR3=([0-9a-f]+)", line).group(1)
        line = line.replace("CR3=" + v, "CR3=%0*x" % (len(v), int(v, 16) & ~0x1000))
        done = True
    sys.stdout.write(line)
PY
	err=$("$PAGEWALK" record --from "$OUT/pti-doctored" -o "$OUT/pti-doctored.yaml" 2>&1); rc=$?
	if [ $rc = 1 ] && printf '%s' "$err" | grep -q 'differs: the tracer says .* cr3=0x[0-9a-f]*, the QEMU log'; then
		ok "pti: a QEMU log whose user-mode cr3 lacks bit 12 fails the cross-check"
	else
		not_ok "pti: a doctored QEMU log (bit 12 cleared): exit $rc (want 1)"
		diag "$err"
	fi
fi

# Each scenario check fails on a doctored copy of its shipped trace.
doctor() {   # NAME SCENARIO TRACE SED
	sed "$4" "$3" >"$OUT/$1.yaml"
	if /usr/bin/python3 tests/linux/scenariocheck.py "$2" "$OUT/$1.yaml" >"$OUT/$1.out" 2>&1; then
		not_ok "$1: the $2 check passes a doctored trace"
	else
		ok "$1: the $2 check fails ($(grep "^FAIL" "$OUT/$1.out"))"
	fi
}
doctor thp-no-ps thp traces/linux-thp-4level-qemu.yaml 's/new: 0x80000000008000e7/new: 0x8000000000800067/'
doctor file-no-mkwrite file traces/linux-file-4level-qemu.yaml '/fn: do_page_mkwrite,/d'
doctor file-arm64-no-cow file traces/linux-file-arm64-4k-39-qemu.yaml 's/fn: do_cow_fault,/fn: do_cow_fault_x,/'
doctor pti-bit12 pti traces/linux-pti-4level-qemu.yaml '0,/user-cr3: 0x\(0*\)1c7000/s//user-cr3: 0x\11c6000/'
# the kernel half (user-top): the user copy's pgd[511] with US, pgd[508]
# apart, pgd[511] the kernel's own table, pgd[511] gone
doctor pti-top-us pti traces/linux-pti-4level-qemu.yaml '0,/\(index: 511, kernel: 0x[0-9a-f]*, user: 0x[0-9a-f]*\)63}/s//\167}/'
doctor pti-top-508 pti traces/linux-pti-4level-qemu.yaml '0,/\(index: 508, kernel: 0x[0-9a-f]*, user: 0x[0-9a-f]*\)67}/s//\1e7}/'
doctor pti-top-own pti traces/linux-pti-4level-qemu.yaml '0,/index: 511, kernel: 0x\([0-9a-f]*\)67, user: 0x[0-9a-f]*}/s//index: 511, kernel: 0x\167, user: 0x\163}/'
doctor pti-top-gone pti traces/linux-pti-4level-qemu.yaml '/{index: 511, kernel: /d'
doctor tlb-no-mprotect tlb traces/linux-tlb-4level-qemu.yaml 's/reason: mprotect/reason: other/'
doctor tlb-no-switch tlb traces/linux-tlb-4level-qemu.yaml 's/reason: switch/reason: reload/'
doctor tlb-cr3-after-invlpg tlb traces/linux-tlb-4level-qemu.yaml \
	'0,/end: 0xffffffffffffffff/s//end: 0x0000000000001000/'
doctor tlb-no-full-flush tlb traces/linux-tlb-4level-qemu.yaml \
	's/flush: native_flush_tlb_local/flush: initialize_tlbstate_and_flush/'
