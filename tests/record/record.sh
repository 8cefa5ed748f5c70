#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/record/record.sh - `pagewalk record` under QEMU and Bochs.
#
# Re-records every shipped trace of our guest (the Linux ones:
# tests/linux/record.sh) and checks it equals the shipped one in
# everything deterministic (all but recorded-at and the command line, which
# names a temporary directory): the recordings are shared with
# tests/guest/scenarios.sh (lib.sh's guest_boot), made once a make check;
# then the failure paths: a hung guest, a
# missing emulator, an existing target without --force, a walk entry or
# register the emulator's debugger (QEMU's gdbstub, Bochs's own debugger)
# did not see at the fault entry, and a doctored emulator log (a kept run
# converted again with --from).
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
PAGEWALK_GUEST=$PAGEWALK_ROOT/$BUILD/guest/guest.elf
export PAGEWALK_GUEST
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pw-record-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
: "${PW_SHARED:=$tmp/shared}"

if [ ! -f "$PAGEWALK_GUEST" ]; then
	not_ok "guest kernel built ($PAGEWALK_GUEST missing: make guest)"
	exit 0
fi

norm() { grep -v -e '^  recorded-at: ' -e '^  command: ' "$1"; }

# ---- every shipped trace re-records to the same thing ----
for f in traces/*-*-*.yaml; do
	b=$(basename "$f" .yaml)
	case $b in linux-*) continue ;; esac   # Linux's: tests/linux re-records them
	emu=${b##*-} rest=${b%-*}
	mode=${rest##*-} scen=${rest%-*}
	guest_boot "$emu" "$mode" "$scen"
	new=$BOOT_TRACE RC=$BOOT_RC ERR=$BOOT_ERR
	if [ "$RC" != 0 ]; then
		not_ok "re-record $b"; diag "exit $RC" "$ERR"; continue
	fi
	norm "$f" >"$tmp/old.n"; norm "$new" >"$tmp/new.n"
	if cmp -s "$tmp/old.n" "$tmp/new.n"; then ok "re-record $b equals the shipped trace"
	else not_ok "re-record $b equals the shipped trace"; diag "$(diff "$tmp/old.n" "$tmp/new.n" | head -20)"; fi
	check_contains "re-record $b: verified against the $emu log" "$ERR" "page faults match the"
	if [ "$emu" = qemu ]; then
		check_contains "re-record $b: its header says every walk entry was checked in QEMU's memory" \
			"$(grep '^  verified: ' "$new")" "every entry of its walk and master walk equals QEMU's physical memory there"
	else
		check_contains "re-record $b: its header says every walk entry was checked in Bochs's memory and by its own translation" \
			"$(grep '^  verified: ' "$new")" "every entry of its walk and master walk equals Bochs's physical memory there (xp), and Bochs's own translation of cr2 (page) read the same entries"
	fi
done

# ---- a hung guest: timeout, exit 1, no file, no emulator left, no work dir left ----
for emu in qemu bochs; do
	mkdir -p "$tmp/work-$emu"
	TMPDIR=$tmp/work-$emu run_pw record --emulator $emu --mode 2level --scenario demand \
		--guest-args hang=1 --timeout 4 -o "$tmp/hang-$emu.yaml"
	check_eq "hang under $emu: exit 1" 1 "$RC"
	check_contains "hang under $emu: says it timed out" "$ERR" "did not finish within 4 s"
	check "hang under $emu: no trace written" test ! -e "$tmp/hang-$emu.yaml"
	left=$(procs_in "$tmp/work-$emu")
	check_eq "hang under $emu: no emulator process left" "" "$left"
	check_eq "hang under $emu: work directory removed" "" "$(ls -A "$tmp/work-$emu")"
done

# ---- a relative TMPDIR: the run and its helpers (grub-mkrescue makes its
# temporary files under TMPDIR after the chdir into the run) still work ----
mkdir -p "$tmp/rel/t"
(cd "$tmp/rel" && TMPDIR=t "$PAGEWALK" record --emulator bochs --mode 2level --scenario demand \
	-o "$tmp/rel/out.yaml" >"$tmp/rel/o" 2>"$tmp/rel/e"; echo $? >"$tmp/rel/rc")
check_eq "relative TMPDIR under Bochs: exit 0" 0 "$(cat "$tmp/rel/rc")"
check_contains "relative TMPDIR under Bochs: verified" "$(cat "$tmp/rel/e")" "page faults match the Bochs log"
check_eq "relative TMPDIR under Bochs: its work directory removed" "" "$(ls -A "$tmp/rel/t")"

# ---- the emulator is missing ----
mkdir -p "$tmp/emptybin"
for emu in qemu bochs; do
	env PATH="$tmp/emptybin" "$PAGEWALK" record --emulator $emu --mode pae --scenario demand \
		-o "$tmp/missing.yaml" >"$tmp/out" 2>"$tmp/err"
	check_eq "no $emu on PATH: exit 1" 1 "$?"
	prog=qemu-system-i386; [ $emu = bochs ] && prog=bochs
	check_eq "no $emu on PATH: message" \
		"pagewalk: record: $prog is not on PATH: recording under $( [ $emu = qemu ] && echo QEMU || echo Bochs ) needs it (Debian: apt-get install $( [ $emu = qemu ] && echo qemu-system-x86 || echo bochs bochsbios vgabios))" \
		"$(cat "$tmp/err")"
	check "no $emu on PATH: no trace written" test ! -e "$tmp/missing.yaml"
done

# ---- no guest kernel ----
PAGEWALK_GUEST=$tmp/nope.elf run_pw record --emulator qemu --mode pae --scenario demand -o "$tmp/ng.yaml"
check_eq "no guest kernel: exit 1" 1 "$RC"
check_contains "no guest kernel: says how to build it" "$ERR" "make guest"

# ---- an existing target is left alone without --force ----
echo "keep me" >"$tmp/exists.yaml"
run_pw record --emulator qemu --mode 2level --scenario demand -o "$tmp/exists.yaml"
check_eq "existing target: exit 1" 1 "$RC"
check_eq "existing target: message" "pagewalk: $tmp/exists.yaml exists (use --force to overwrite it)" "$ERR"
check_eq "existing target: untouched" "keep me" "$(cat "$tmp/exists.yaml")"
run_pw record --emulator qemu --mode 2level --scenario demand -o "$tmp/exists.yaml" --force
check_eq "existing target with --force: exit 0" 0 "$RC"
run_pw dump "$tmp/exists.yaml"
check_eq "existing target with --force: a valid trace now" 0 "$RC"

# ---- usage errors ----
check_run "record without -o: exit 2" 2 record --emulator qemu --mode pae --scenario demand
check_run "record --mode 5level: exit 2" 2 record --emulator qemu --mode 5level --scenario demand -o "$tmp/u.yaml"
check_run "record --emulator vmware: exit 2" 2 record --emulator vmware --mode pae --scenario demand -o "$tmp/u.yaml"

# ---- a kept run converts again; a doctored log fails verification ----
for emu in qemu bochs; do
	mkdir -p "$tmp/keep-$emu"
	TMPDIR=$tmp/keep-$emu run_pw record --emulator $emu --mode pae --scenario vmalloc --keep -o "$tmp/kept-$emu.yaml"
	check_eq "--keep under $emu: exit 0" 0 "$RC"
	dir=$(printf '%s\n' "$ERR" | sed -n 's/^pagewalk: kept the run in //p')
	check "--keep under $emu: the run directory exists" test -d "$dir"
	run_pw record --from "$dir" -o "$tmp/from-$emu.yaml"
	check_eq "--from a kept $emu run: exit 0" 0 "$RC"
	norm "$tmp/kept-$emu.yaml" >"$tmp/a.n"; norm "$tmp/from-$emu.yaml" >"$tmp/b.n"
	check "--from a kept $emu run: the same trace" cmp -s "$tmp/a.n" "$tmp/b.n"
	# A walk entry the guest reports that the emulator's memory did not
	# hold at the fault's entry (the guard page's pte, with W set, in both
	# walks of fault 2: the records stay consistent, only the witness can
	# tell); then a cr3 the debugger did not see at the first fault's entry.
	recs=e9.txt; [ $emu = bochs ] && recs=bochs.out
	name=QEMU; [ $emu = bochs ] && name=Bochs
	cp "$dir/$recs" "$dir/recs.orig"
	sed 's/entry=00125010 val=0000000000000000/entry=00125010 val=0000000000000002/' \
		"$dir/recs.orig" >"$dir/$recs"
	check_eq "tampered $emu walk: both walks of fault 2 edited" 2 \
		"$(grep -c 'entry=00125010 val=0000000000000002' "$dir/$recs")"
	run_pw record --from "$dir" -o "$tmp/tampered-$emu.yaml"
	check_eq "tampered $emu walk: exit 1" 1 "$RC"
	check_eq "tampered $emu walk: the sentence names event, level, entry and both values" \
		"pagewalk: record: verification failed: event 28 (fault 2): its walk's pte entry at 0x00125010 is 0x0000000000000002 in the trace but 0x0000000000000000 in $name's physical memory at the fault entry (walks.txt line 7)" \
		"$ERR"
	check "tampered $emu walk: no trace written" test ! -e "$tmp/tampered-$emu.yaml"
	mv "$dir/recs.orig" "$dir/$recs"
	cp "$dir/walks.txt" "$dir/walks.orig"
	awk '/^pf n=1 / { sub(/cr3=[0-9a-f]+/, "cr3=abc000") } { print }' \
		"$dir/walks.orig" >"$dir/walks.txt"
	run_pw record --from "$dir" -o "$tmp/tampered-$emu.yaml"
	check_eq "tampered $emu stop: exit 1" 1 "$RC"
	check_contains "tampered $emu stop: the sentence names the fault and both cr3" "$ERR" \
		"fault 1 (event 23) differs from the $name debugger's stop at its entry (walks.txt line 1): the trace says cr2=0xc2800000 err=0x0000 eip=0xc01039b0 cpl=0 cr3=0x00114000, the stop cr2=0xc2800000 err=0x0000 eip=0xc01039b0 cpl=0 cr3=0x00abc000"
	check "tampered $emu stop: no trace written" test ! -e "$tmp/tampered-$emu.yaml"
	mv "$dir/walks.orig" "$dir/walks.txt"
	if [ $emu = qemu ]; then
		# The second #PF's CR2 in QEMU's log becomes another address.
		awk '/ v=0e / { n++; if (n == 2) sub(/CR2=[0-9a-f]+/, "CR2=c2803000") } { print }' \
			"$dir/qemu.log" >"$dir/log.new" && mv "$dir/log.new" "$dir/qemu.log"
		want="fault 2 differs"
	else
		# Drop the last #PF from Bochs's log.
		last=$(grep -n 'exception(0x0e)' "$dir/bochs.log" | tail -1 | cut -d: -f1)
		sed "${last}d" "$dir/bochs.log" >"$dir/log.new" && mv "$dir/log.new" "$dir/bochs.log"
		want="the guest reports 4 page faults, the Bochs log only 3"
	fi
	run_pw record --from "$dir" -o "$tmp/doctored-$emu.yaml"
	check_eq "doctored $emu log: exit 1" 1 "$RC"
	check_contains "doctored $emu log: verification failed" "$ERR" "pagewalk: record: verification failed: "
	check_contains "doctored $emu log: names the difference" "$ERR" "$want"
	check "doctored $emu log: no trace written" test ! -e "$tmp/doctored-$emu.yaml"
	check_eq "doctored $emu log: no temporary file left" "" "$(ls "$tmp" | grep "doctored-$emu.yaml.tmp" || true)"
	rm -rf "$dir"
done
exit 0
