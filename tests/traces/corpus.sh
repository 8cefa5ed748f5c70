#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/traces/corpus.sh - the trace loader against bad files, and the shipped traces.
#
# Each tests/traces/bad/NAME.yaml must be rejected whole: `pagewalk dump`
# exits 1, prints nothing on stdout, and its one stderr line equals
# NAME.err (with FILE standing for the path). Every traces/*.yaml must load.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

for f in tests/traces/bad/*.yaml; do
	name=$(basename "$f" .yaml)
	"$PAGEWALK" dump "$f" >"$out" 2>"$err"
	rc=$?
	check_eq "bad/$name: exit 1" 1 "$rc"
	check_eq "bad/$name: nothing on stdout" "" "$(cat "$out")"
	check_eq "bad/$name: error line" "$(sed "s|^FILE|$f|" "${f%.yaml}.err")" "$(cat "$err")"
done

n=0
for f in traces/*.yaml; do
	n=$((n + 1))
	"$PAGEWALK" dump "$f" >"$out" 2>"$err"
	check_eq "$f loads" "0:" "$?:$(cat "$err")"
	events=$(grep -c '^  - seq: ' "$f")
	lines=$(grep -vc '^# ' "$out")
	check_eq "$f: dump prints one line per event" "$events" "$lines"
done
check "traces/ holds the 20 shipped traces" test "$n" -ge 20

# The Linux 6.1 traces, one per paging mode: the arch, the kernel's own
# layout and names, every fault with a route and Linux's call chain from
# exc_page_fault; the 2-level one has the vmalloc fault. (tests/linux/
# record.sh records them again and compares.)
for m in 2level:x86-32 pae:x86-32-pae 4level:x86-64 5level:x86-64-la57; do
	f=traces/linux-all-${m%%:*}-qemu.yaml arch=${m#*:}
	"$PAGEWALK" dump "$f" >"$out" 2>"$err"
	check_contains "$f: $arch, scenario all" "$(head -1 "$out")" "# $arch, scenario all:"
	check_contains "$f: recorded from Linux under QEMU" "$(sed -n 2p "$out")" \
		"# source linux under qemu"
	check "$f: the kernel's source and config in the header" \
		grep -q '^  kernel-source: "linux-source-6.1 ' "$f"
	check "$f: kernel-config names the variant and its key" \
		grep -Eq '^  kernel-config: "(2level|pae|x86_64), key [0-9a-f]{16} ' "$f"
	check "$f: the kernel's vmalloc range in the header" \
		grep -Eq '^# master pgd 0x0*[1-9a-f][0-9a-f]*, TASK_SIZE 0x[0-9a-f]+, vmalloc 0x[0-9a-f]+-0x[0-9a-f]+$' "$out"
	faults=$(grep -c ' fault pid=' "$out")
	check "$f: over 60 faults" test "$faults" -gt 60
	check_eq "$f: every fault has a route and a chain from exc_page_fault" "$faults" \
		"$(grep -c ' fault pid=[1-9][0-9]* .* -> [a-z_/]* via exc_page_fault > ' "$out")"
	# routes by Linux 6.1's own functions (no bad_area in 6.1)
	for r in do_fault do_anonymous_page/zero_page do_anonymous_page/new_page do_wp_page \
	    bad_area_access_error bad_area_nosemaphore; do
		check "$f: a $r fault" grep -q " -> $r via " "$out"
	done
done
"$PAGEWALK" dump traces/linux-all-2level-qemu.yaml >"$out" 2>"$err"
check "linux-all-2level: the vmalloc fault, synced from init_mm.pgd" grep -q \
	'cpl=0 .* -> vmalloc_fault via .* > vmalloc_fault > vmalloc_sync_one > [a-z_]* ([a-z0-9/_.-]*:[0-9]*) set .* (pgd\[[0-9]*\] by [a-z_]* at [a-z0-9/_.-]*:[0-9]*) (from master ' \
	"$out"

# The arm64 Linux 6.1 traces (issue 26): the arch, FAR/ESR/ELR and the TTBR
# in dump's lines, every abort with a route and Linux's chain from
# do_mem_abort, the routes by arm64's own functions (the access-flag fault
# too: tinyconfig keeps AF in software), no vmalloc sync. (tests/linux/
# arm64.sh records arm64-4k-39 again and compares.)
for m in arm64-4k-39 arm64-4k-48 arm64-64k-42; do
	f=traces/linux-all-$m-qemu.yaml
	"$PAGEWALK" dump "$f" >"$out" 2>"$err"
	check_contains "$f: $m, scenario all" "$(head -1 "$out")" "# $m, scenario all:"
	check "$f: kernel-config names the variant, its key and arm64's fragments" \
		grep -Eq "^  kernel-config: \"$m, key [0-9a-f]{16} \(tinyconfig \+ guest/linux/arm64-common.config \+ $m.config\)\"" "$f"
	faults=$(grep -c ' fault pid=' "$out")
	check "$f: over 20 faults" test "$faults" -gt 20
	check_eq "$f: every abort: FAR, ESR decoded, ELR, EL, TTBR0, a route, a chain from do_mem_abort" \
		"$faults" "$(grep -Ec ' fault pid=[1-9][0-9]* far=0x[0-9a-f]{16} esr=0x[0-9a-f]{8}\(EC 0x2[0145] .*(DFSC|IFSC) 0x[0-9a-f]{2} [^)]*\) elr=0x[0-9a-f]{16} el=0 ttbr0=0x[0-9a-f]{16} walk .* -> [a-zA-Z0-9_/]* via do_mem_abort > ' "$out")"
	for r in do_fault do_anonymous_page/zero_page do_anonymous_page/new_page do_wp_page \
	    ptep_set_access_flags arm64_force_sig_fault/SEGV_ACCERR arm64_force_sig_fault/SEGV_MAPERR; do
		check "$f: a $r fault" grep -q " -> $r via " "$out"
	done
	check "$f: no vmalloc sync (the kernel half is TTBR1's)" sh -c "! grep -q vmalloc_fault '$f'"
done

# dump's own usage errors
check_run "dump without FILE: exit 2" 2 dump
check_run "dump of a missing file: exit 1" 1 dump tests/traces/bad/no-such-file.yaml
check_eq "dump of a missing file: message" \
	"tests/traces/bad/no-such-file.yaml: cannot open: No such file or directory" "$ERR"
exit 0
