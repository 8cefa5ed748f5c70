#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# arm64 Linux 6.1 (issue 26; docs/linux.md): `make linux` builds the
# arm64-4k-39 kernel (or reuses the cache; arm64-4k-48 and arm64-64k-42
# are built by `make linux` alone), then `pagewalk record --kernel linux
# --mode arm64-4k-39 --scenario all --keep`: every abort matches QEMU's own
# -d int log one to one (data or instruction abort, ESR, FAR, ELR, EL), the
# trace equals the shipped traces/linux-all-arm64-4k-39-qemu.yaml by
# traceshape.py's rules (the same as x86's; a process's faults by
# address), dump and the replayer show FAR, ESR decoded and the TTBR, and
# every lit line ran (linecheck.py single-stepping the same kernel).
# Then each check fails once on a mutation: the kept run converted again
# (record --from) with one abort's ESR changed in QEMU's log, one FAR
# changed in the tracer's records, one abort gone from the log; a doctored
# copy of the shipped trace (a route, a walk index, a writer); a TCR that
# is not the mode's, given to the walker.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$PAGEWALK_ROOT/$BUILD/test-linux-arm64
rm -rf "$OUT"
mkdir -p "$OUT"
export TMPDIR="$OUT/tmp"
mkdir -p "$TMPDIR"
M=arm64-4k-39

t0=$(date +%s)
if make --no-print-directory linux LINUX_VARIANTS=$M >"$OUT/make-linux.log" 2>&1; then
	ok "make linux: the $M kernel ready ($(( $(date +%s) - t0 )) s)"
else
	not_ok "make linux LINUX_VARIANTS=$M"
	diag "$(tail -5 "$OUT/make-linux.log")"
	exit 0
fi

# shape FILE OUT: traceshape.py's lines for a trace.
shape() { /usr/bin/python3 tests/linux/traceshape.py "$1" >"$2" 2>&1; }

shipped=traces/linux-all-$M-qemu.yaml new=$OUT/linux-all-$M.yaml
t=$(date +%s.%N)
if "$PAGEWALK" record --kernel linux --mode $M --scenario all --keep -o "$new" >"$new.log" 2>&1; then
	secs=$(awk -v a="$t" -v b="$(date +%s.%N)" "BEGIN { printf \"%.1f\", b - a }")
	ok "$M all: $(grep -o '[0-9]* faults; [0-9]* of [0-9]* aborts match the QEMU log' "$new.log") ($secs s)"
else
	not_ok "$M all: pagewalk record --kernel linux"
	diag "$(cat "$new.log")"
	exit 0
fi
D=$(sed -n 's/^pagewalk: kept the run in //p' "$new.log" | tail -1)
n=$(grep -c '^Taking exception [34] ' "$D/int.log")
check_eq "$M all: the QEMU log's aborts, one record each" "$n" "$(grep -c '^fault ' "$D/records.txt")"

shape "$shipped" "$new.want"
shape "$new" "$new.got"
if [ "$(head -3 "$new.want")" != "$(head -3 "$new.got")" ]; then
	not_ok "$M all: the kernel is the one $shipped was recorded from"
	diag "$(head -3 "$new.want")" "this machine's:" "$(head -3 "$new.got")" \
	     "record the shipped traces again (docs/linux.md, Shipped traces)"
elif diff -u "$new.want" "$new.got" >"$new.diff"; then
	ok "$M all: same kernel, layout, aborts per process, walks, writes and writers, routes and call chains as $shipped ($(grep -c '^fault ' "$new.got") faults)"
else
	not_ok "$M all: same as $shipped (physical addresses, fork order aside)"
	diag "$(head -30 "$new.diff")"
fi

# What a learner sees: dump's FAR, ESR decoded and the TTBR; the replayer's
# header (headless: the drawing code on a virtual 80x24 screen).
"$PAGEWALK" dump "$new" >"$OUT/dump.txt" 2>&1
check "dump: a data abort with FAR, ESR decoded (EC, WnR, DFSC), ELR, EL and TTBR0" grep -Eq \
	' fault pid=[0-9]+ far=0x[0-9a-f]{16} esr=0x92000047\(EC 0x24 DABT \(lower EL\), IL, WnR 1, DFSC 0x07 level 3 translation fault\) elr=0x[0-9a-f]{16} el=0 ttbr0=0x' \
	"$OUT/dump.txt"
check "dump: an access-flag fault, made young by ptep_set_access_flags" grep -Eq \
	'DFSC 0x0b level 3 access flag fault\) .* -> ptep_set_access_flags via do_mem_abort > do_page_fault > ' \
	"$OUT/dump.txt"

# The replayer at 80x24 in tmux: the abort's kind, FAR and the TTBR in the
# header, ESR decoded below it; the walk from TTBR0_EL1; the abort put in
# FAR_EL1 and ESR_EL1 (a trace of x86 shows none of these).
. tests/tui/tmux.sh.inc
ev=$(sed -n 's/^\([0-9]*\) fault pid=[0-9]* .* esr=0x92000047.*/\1/p' "$OUT/dump.txt" | head -1)
tui_start 80 24 "$PAGEWALK replay $new"
wait_for "pagewalk replay"
tui_keys g "$ev" Enter
check_screen "replay: a data abort's header (FAR, TTBR0, route)" "Data abort pid"
check_screen "replay: ESR decoded (EC, WnR, DFSC)" \
	"ESR 0x92000047  DABT (lower EL)  WnR 1  DFSC 0x07 level 3 translation fault"
check_prose "replay: the walk from TTBR0_EL1" "so the CPU walks the tables from TTBR0_EL1."
far_esr="puts the address in FAR_EL1, the syndrome in ESR_EL1, and takes a data abort."
check_keys "replay: the abort put in FAR_EL1 and ESR_EL1" Right 12 on_prose "$far_esr"
tui_stop

# record --from DIR after one change to the run: exit 1, the message, no file.
from() {   # NAME WANT
	err=$("$PAGEWALK" record --from "$R" -o "$OUT/from.yaml" 2>&1 >/dev/null); rc=$?
	if [ $rc = 1 ] && printf '%s' "$err" | grep -qF "$2" && [ ! -e "$OUT/from.yaml" ]; then
		ok "$1: record --from exits 1, says \"$2\""
	else
		not_ok "$1: exit $rc (want 1), said: $err"
	fi
}
# copy: a fresh copy of the kept run in $R
copy() { R=$OUT/run.$1; rm -rf "$R"; cp -r "$D" "$R"; }
copy good
if "$PAGEWALK" record --from "$R" -o "$OUT/from-good.yaml" >/dev/null 2>&1; then
	ok "the kept run converts again as it is"
else
	not_ok "the kept run converts again as it is"
fi
copy esr
# the third abort's ESR in QEMU's log, one bit of its fault status flipped
awk '/^Taking exception [34] / { n++ } n == 3 && /^\.\.\.with ESR / && !done { sub(/[0-9a-f]$/, "f"); done = 1 } { print }' \
	"$D/int.log" >"$R/int.log"
from "an ESR changed in QEMU's log" "fault 3 differs: the tracer says far="
copy far
awk '/^fault seq=4 / { sub(/far=0x[0-9a-f]*/, "far=0x1000") } { print }' "$D/records.txt" >"$R/records.txt"
from "a FAR changed in the tracer's records" "fault 4 differs: the tracer says far=0x1000"
copy drop
awk '/^Taking exception [34] / { n++ } n == 5 && /^\.\.\./ { next } n == 5 && /^Taking/ { n++; next } { print }' \
	"$D/int.log" >"$R/int.log"
from "an abort gone from QEMU's log" "differs"

# The comparison catches a changed route, walk index and writer.
d=$OUT/doctored.yaml
sed -e '0,/path: do_fault/s//path: do_anonymous_page\/zero_page/' \
    -e '0,/level: pte, table: \(0x[0-9a-f]*\), index: \([0-9]\)/s//level: pte, table: \1, index: 1\2/' \
    -e '0,/\(level: pte, index: [0-9]*, call: \)\([0-9]*\)}/s//\1 0}/' "$shipped" >"$d"
shape "$shipped" "$d.want"
shape "$d" "$d.got"
n=$(diff "$d.want" "$d.got" | grep -c '^>')
if grep -q 'do_anonymous_page/zero_page' "$d.got" && [ "$n" -ge 3 ]; then
	ok "a changed route, walk index and writer show in the comparison ($n lines)"
else
	not_ok "the comparison catches a changed route, walk and writer: $n lines differ (want 3 or more)"
	diag "$(diff "$d.want" "$d.got" | head -10)"
fi

# A lit line is a line that ran (tests/linux/lines.sh's independent check,
# linecheck.py, as on x86): the same kernel and init under plain
# gdb-multiarch, each sampled fault's handler single-stepped from
# do_mem_abort's entry to its return; every lit line must be a statement
# that ran, none sampled missed; a line that did not run (do_anonymous_page's
# mm/memory.c:4146 for a zero-page fault) is rejected.
SRC=${PAGEWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk}/linux-$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)/src
wrong="do_anonymous_page/zero_page do_anonymous_page mm/memory.c:4146"
mkdir -p "$OUT/lines"
(cd "$OUT/lines" && RUN=$D TRACE=$new SRC=$SRC OUT=$OUT/lines/report.txt WRONG=$wrong \
	timeout 900 gdb-multiarch -batch -nx -q "$(sed -n 's/^vmlinux=//p' "$D/params.txt")" \
	-x "$PAGEWALK_ROOT/tests/linux/linecheck.py" >"$OUT/lines/gdb.log" 2>&1)
r=$OUT/lines/report.txt
nok=$(grep -c '^ok ' "$r" 2>/dev/null) nbad=$(grep -c '^bad ' "$r" 2>/dev/null)
if [ "${nok:-0}" -gt 0 ] && [ "${nbad:-1}" = 0 ] && ! grep -q '^missed ' "$r"; then
	ok "$M: $nok lit lines in $(grep -c '^sampled ' "$r") faults ran, by single-stepping ($(sed -n 's/^sampled \(.*\) seq=.*/\1/p' "$r" | sort -u | tr '\n' ',' | sed 's/,$//; s/,/, /g'))"
else
	not_ok "$M: every lit line ran ($nok confirmed, $nbad not)"
	diag "$(grep '^bad \|^missed ' "$r" 2>/dev/null | head -10)" "$(tail -3 "$OUT/lines/gdb.log")"
fi
if grep -q '^rejected do_anonymous_page/zero_page seq=[0-9]* do_anonymous_page mm/memory.c:4146 ' "$r" &&
   ! grep -q '^accepted ' "$r"; then
	ok "the line check rejects do_anonymous_page at mm/memory.c:4146 for a zero-page fault"
else
	not_ok "the line check rejects a line that did not run"
fi

# The walker takes granule and size from TCR_EL1 and refuses one that is
# not the mode's: the run's own TCR passes, T0SZ 16 (48 bits) does not.
tcr=$(sed -n 's/^fault seq=[0-9]* .* tcr=\(0x[0-9a-f]*\) .*/\1/p' "$D/records.txt" | head -1)
py="import sys; sys.path.insert(0, '$D'); import hwwalk
g = hwwalk.load('$D/params.txt')
tcr = int(sys.argv[1], 0)
print(hwwalk.arm64_base(g, 0x400000, 0x1000, 0x2000, tcr))
try:
    hwwalk.arm64_base(g, 0x400000, 0x1000, 0x2000, (tcr & ~0x3f) | 16)
    print('taken')
except ValueError as e:
    print('refused:', e)"
res=$(/usr/bin/python3 -c "$py" "$tcr" 2>&1)
check_eq "hwwalk: the run's TCR_EL1 ($tcr): TTBR0 for a user address" "(0, 4096)" "$(printf '%s\n' "$res" | head -1)"
check_contains "hwwalk: a TCR with T0SZ 16 is refused" "$res" "refused: TCR_EL1"
exit 0
