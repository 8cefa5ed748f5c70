#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The tracer's cut of QEMU's code log per fault (guest/linux/execlog.py),
# on real logs (tests/linux/fixtures/execlog; no kernel needed): an
# interrupt's code is never read as the fault's. arm64-irq.log is the
# arm64-4k-39 SIGSEGV fault whose chain came out without do_mem_abort: a
# timer interrupt was taken at do_mem_abort+8, right after the entry
# breakpoint, and its kfree (mm.h's virt_to_folio, traced code) ran in
# between, so the block after it looked reached by a jump from another
# function and the line check dropped the frame. 2level-irq.log is a
# 2-level stack fault with five timer interrupts, two of them stopping
# traced code and three untraced code (maple tree, slob); its .code file is
# what the tracer takes from that vmlinux for the log's addresses (traced
# or not, after a call). x86-traced-irq.log is written by hand in QEMU's
# format for what the recordings here have not shown: an interrupt of
# traced code whose handler runs traced code, a nested one, and a block
# entered and left before its first instruction.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

FX=tests/linux/fixtures/execlog
cut_log() { /usr/bin/python3 tests/linux/execlog_cut.py "$@" 2>&1; }

a=$(cut_log $FX/arm64-irq.log --arm | sed -n 's/^fault 1: //p')
check_eq "arm64: the interrupt's code (virt_to_folio at ffffffc0080a89e4, ffffffc0080a8a08) is not the fault's" \
	"" "$(printf '%s\n' $a | grep -x 'ffffffc0080a89e4\|ffffffc0080a8a08')"
check_eq "arm64: do_mem_abort's entry, the two blocks gdb stepped, then the block the interrupt came back to, once" \
	"ffffffc00801ac78 ffffffc00801ac7c ffffffc00801ac80 ffffffc00801ac84" \
	"$(printf '%s\n' $a | head -4 | tr '\n' ' ' | sed 's/ $//')"
check_eq "arm64: every other block of the fault kept, in order (the log's $(grep -c '^Trace ' $FX/arm64-irq.log) less the 2 of the interrupt and the one left unrun)" \
	"$(( $(grep -c '^Trace ' $FX/arm64-irq.log) - 3 ))" "$(printf '%s\n' $a | grep -c .)"

x=$(cut_log $FX/2level-irq.log $FX/2level-irq.code | sed -n 's/^fault 1: //p')
naive=$(grep '^Trace ' $FX/2level-irq.log | sed 's|^[^/]*/0*\([0-9a-f]*\)/.*|\1|')
check_eq "2level: the interrupts of traced code ran none: every block kept ($(printf '%s\n' $naive | grep -c .))" \
	"$(printf '%s\n' $naive | tr '\n' ' ')" "$(printf '%s\n' $x | grep -vx -- - | tr '\n' ' ')"
check_eq "2level: a break before each block that may be an interrupt's (kfree's virt_to_folio after vma_mas_store's call into the maple tree, and after slob_free)" \
	"c106a78d - c1077191 - c1077191" \
	"$(printf '%s\n' $x | grep -x -B1 -A1 -- - | tr '\n' ' ' | sed 's/ -- / /g; s/ $//')"
check_eq "2level: no break where the untraced code came back after a call (the interrupt in slob: expand_downwards at c106bf87)" \
	"" "$(printf '%s\n' $x | grep -x -B1 c106bf87 | grep -x -- -)"

t=$(cut_log $FX/x86-traced-irq.log $FX/x86-traced-irq.code | sed -n 's/^fault 1: //p')
check_eq "x86: a traced handler's blocks left out until the interrupted block, a nested interrupt inside, an unrun block dropped" \
	"c1000000 c1000010 c1000020 c1000030" "$t"
