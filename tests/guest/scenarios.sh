#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The guest under QEMU and Bochs: every scenario in both paging modes
# boots and ends by itself in bounded time, its records parse, the end
# marker is there, the guest says pass, and every fault it reports is
# in the emulator's own exception log, one to one, in order, and at its
# entry the debugger saw the same registers and the same walk entries in
# memory. These runs are `pagewalk record --keep` runs shared with
# tests/record/record.sh (lib.sh's guest_boot): booted once a make check,
# their records checked here, their traces there.
# Then: the same run twice gives byte-identical records; the shipped
# ISO's default entry boots; hang=1 hangs (the host timeout ends it);
# the watchdog ends a stuck scenario; a bad command line fails cleanly;
# the cross-check catches a missing fault.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

ELF=$BUILD/guest/guest.elf
ISO=$BUILD/guest/guest.iso
OUT=$BUILD/test-guest
CHECK="python3 tests/guest/check_records.py"
BOCHS_LIMIT=60                  # a run takes 1-3
if [ ! -f "$ELF" ] || [ ! -f "$ISO" ]; then
	not_ok "guest built ($ELF, $ISO: run make guest)"
	exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT"
: "${PW_SHARED:=$PAGEWALK_ROOT/$OUT/shared}"
PAGEWALK_GUEST=$PAGEWALK_ROOT/$ELF
export PAGEWALK_GUEST

# run EMU DIR ARGS LIMIT: run the guest; sets RC and SECS.
run() {
	_t0=$(date +%s.%N)
	guest/run-$1.sh "$ELF" "$2" "$3" "$4" >/dev/null 2>&1
	RC=$?
	SECS=$(echo "$(date +%s.%N) - $_t0" | bc 2>/dev/null || echo "?")
}

log_of() {
	if [ "$1" = qemu ]; then echo "$2/qemu.log"; else echo "$2/bochs.log"; fi
}

# The 16 recordings are made in two lanes (QEMU's, Bochs's) beside the runs
# below; guest_boot's lock makes each check wait for its own recording.
for emu in qemu bochs; do
	(
		for mode in 2level pae; do
			for sc in demand vmalloc protection all; do guest_boot $emu $mode $sc; done
		done
	) &
done

# The ISO make guest builds: its default entry is mode=2level scenario=all.
dir=$OUT/bochs-iso-default
PW_ISO=$ISO guest/run-bochs.sh "$ELF" "$dir" "" $BOCHS_LIMIT >/dev/null 2>&1
RC=$?
check_eq "bochs: build/guest/guest.iso default entry passes" 33 "$RC"
check_contains "bochs: ISO default is 2level/all" "$(head -1 "$dir/e9.txt")" "mode=2level scenario=all"

# hang=1: the guest prints its header and spins; only the timeout ends it.
dir=$OUT/qemu-hang
run qemu "$dir" "mode=2level scenario=all hang=1" 3
check_eq "qemu hang=1: runs until the host timeout (124)" 124 "$RC"
check "qemu hang=1: header, no end marker" sh -c \
	"grep -q '^begin ' '$dir/e9.txt' && ! grep -q '^end ' '$dir/e9.txt'"
dir=$OUT/bochs-hang
run bochs "$dir" "mode=pae scenario=all hang=1" 6
check_eq "bochs hang=1: runs until the host timeout (124)" 124 "$RC"
check_eq "bochs: no process (Bochs, its witness) left behind after the timeout" "" \
	"$(procs_in "$dir")"

# The watchdog ends a stuck scenario as failed.
for emu in qemu bochs; do
	dir=$OUT/$emu-stall
	run $emu "$dir" "mode=2level scenario=stall watchdog=1" 30
	check_eq "$emu stall: watchdog ends the run with fail status" 35 "$RC"
	check "$emu stall: end reason=watchdog" grep -q '^end status=fail faults=0 reason=watchdog$' "$dir/e9.txt"
	$CHECK --name "$emu stall" --emu $emu --expect fail "$dir/e9.txt" "$(log_of $emu "$dir")" | grep 'records parse'
done

# A bad command line fails cleanly.
dir=$OUT/qemu-badmode
run qemu "$dir" "mode=4level scenario=all" 30
check_eq "qemu mode=4level: fail status" 35 "$RC"
check "qemu mode=4level: error and end records" sh -c \
	"grep -q '^error what=bad_mode$' '$dir/e9.txt' && grep -q '^end status=fail faults=0 reason=bad_cmdline$' '$dir/e9.txt'"

for emu in qemu bochs; do
	for mode in 2level pae; do
		for sc in demand vmalloc protection all; do
			name="$emu $mode $sc"
			guest_boot $emu $mode $sc
			dir=$BOOT_RUN
			case "$BOOT_ERR" in
			*"did not finish within"*) not_ok "$name: ends by itself within 60s"; diag "$BOOT_ERR" ;;
			*) ok "$name: ends by itself within 60s" ;;
			esac
			diag "$name: pagewalk record exit $BOOT_RC in ${BOOT_SECS}s"
			if [ "$BOOT_RC" = 0 ] && [ -d "$dir" ]; then
				ok "$name: recorded, the run kept"
			else
				not_ok "$name: recorded, the run kept"; diag "$BOOT_ERR"; continue
			fi
			# Bochs's records are among its stdout's lines: the record lines
			# from begin to end, as guest/run-bochs.sh takes them
			[ $emu = qemu ] || awk '/^(begin|error) /{on=1} on && /^([a-z]+( |$)|$)/{print} /^end /{if (on) exit}' \
				"$dir/bochs.out" >"$dir/e9.txt"
			$CHECK --name "$name" --emu $emu --walks "$dir/walks.txt" "$dir/e9.txt" \
				"$(log_of $emu "$dir")"
			# the runs below name them by the combination
			ln -sfn "$dir" "$OUT/$emu-$mode-$sc"
		done
	done
done

wait   # (the lanes are done: every recording was checked above)

# Determinism: a second run gives the same bytes.
for emu in qemu bochs; do
	dir=$OUT/$emu-pae-all-again
	run $emu "$dir" "mode=pae scenario=all" 60
	if cmp -s "$dir/e9.txt" "$OUT/$emu-pae-all/e9.txt"; then
		ok "$emu: same scenario twice gives identical records"
	else
		not_ok "$emu: same scenario twice gives identical records"
		diff "$OUT/$emu-pae-all/e9.txt" "$dir/e9.txt" | head -5 | sed 's/^/# /'
	fi
done

# The cross-check is not vacuous: drop one #PF from QEMU's log.
dir=$OUT/qemu-2level-demand
awk '/v=0e/ && !done {done=1; next} {print}' "$dir/qemu.log" > "$OUT/mutated.log"
if $CHECK --name x --emu qemu "$dir/e9.txt" "$OUT/mutated.log" | grep '^not ok - x: .* faults match' >/dev/null; then
	ok "checker: a fault missing from the emulator log is caught"
else
	not_ok "checker: a fault missing from the emulator log is caught"
fi
sed 's/^fault \(n=3 .*\)err=0006/fault \1err=0004/' "$dir/e9.txt" > "$OUT/mutated.txt"
if $CHECK --name x --emu qemu "$OUT/mutated.txt" "$dir/qemu.log" | grep '^not ok - x: .* faults match' >/dev/null; then
	ok "checker: a wrong error code is caught"
else
	not_ok "checker: a wrong error code is caught"
fi
# ... and a walk entry the emulator's memory did not hold: the second
# fault's first entry with another value (QEMU: gdb's walks.txt; Bochs:
# its debugger's).
for emu in qemu bochs; do
	dir=$OUT/$emu-2level-demand
	awk '/^step n=2 / && !done { sub(/val=[0-9a-f]+$/, "val=1234567"); done = 1 } { print }' \
		"$dir/walks.txt" > "$OUT/mutated-walks.txt"
	if $CHECK --name x --emu $emu --walks "$OUT/mutated-walks.txt" "$dir/e9.txt" \
		"$(log_of $emu "$dir")" | grep "^not ok - x: every fault's registers and walk entries match" >/dev/null; then
		ok "checker: a walk entry that differs from $emu's memory is caught"
	else
		not_ok "checker: a walk entry that differs from $emu's memory is caught"
	fi
done
exit 0
