#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/arm64_linux_tables.sh - translate --mem over real Linux 6.1 page
# tables (arm64-4k-39, arm64-4k-48 and arm64-64k-42 kernels from
# guest/linux/arm64-*.config on QEMU's cortex-a57), read from physical memory
# at EL0 and at EL1, against QEMU's own walk (monitor gva2gpa, which checks
# the current EL's permissions): the same physical address for every address
# QEMU maps, an abort for every one it does not. The fixtures, and how they
# were captured, are in tests/cli/fixtures/arm64-linux/ (capture.sh).
. "$(dirname "$0")/../lib.sh"

dir=$PAGEWALK_ROOT/tests/cli/fixtures/arm64-linux
for img in "$dir"/arm64-*-el[01].yaml; do
	name=$(basename "$img" .yaml)
	el=${name##*-el}
	user=; [ "$el" = 0 ] && user=--user
	check_contains "$name was read at EL$el" "$(head -1 "$img")" "(EL$el)"
	n=0 bad=0 faults=0
	while read -r addr qemu; do
		n=$((n + 1))
		run_pw translate --mem "$img" $user "$addr"
		got=$(printf '%s\n' "$OUT" | sed -n 's/^-> physical address \(0x[0-9a-f]*\) .*/\1/p')
		case $qemu in
		"gpa: "*)
			[ -n "$got" ] && [ $((got)) -eq $((${qemu#gpa: })) ] && continue ;;
		Unmapped)
			faults=$((faults + 1))
			[ -z "$got" ] && [ "$RC" = 0 ] && case $OUT in *"-> abort"*) continue;; esac ;;
		esac
		bad=$((bad + 1))
		diag "$name $addr: QEMU says $qemu, pagewalk:" "$OUT"
	done <"$img.qemu"
	check_eq "$name: $n addresses ($faults QEMU cannot reach at EL$el) agree with QEMU" "0" "$bad"
done

# The descriptors Linux wrote, decoded: the text page (read-only, PXN), the
# parent's data page after fork (write-protected, dirty in software) and the
# linear map's first block (kernel only, UXN and PXN).
img=$dir/arm64-4k-39-el0.yaml
run_pw translate --mem "$img" --user 0x400000
check_contains "user text: a read-only page Linux keeps from the kernel (PXN)" "$OUT" \
	"(page AF nG AP=11 SH=3 AttrIndx=0 PXN)"
run_pw translate --mem "$img" --user --access write 0x420000
check_contains "the parent's page after fork: AP[2:1] = 11, a write is a permission fault" "$OUT" \
	"ESR_EL1 0x9200004f: EC 0x24 DABT (lower EL), IL, WnR 1, DFSC 0x0f level 3 permission fault"
run_pw translate --mem "$img" 0xffffff8000000000
check_contains "the linear map: a 2 MiB block at PAGE_OFFSET" "$OUT" \
	"-> physical address 0x40000000 (2 MiB page at 0x40000000)"
