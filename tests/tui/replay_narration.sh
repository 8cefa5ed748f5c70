#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The replayer's narration of non-fault events says what happened: which
# tables a map event writes (named: init_mm.pgd, pid N's pgd, init_mm's pmd
# table ...) and why (the guest's note before it), what a switch loads into
# cr3, that a note changes nothing; in the PAE replay vmalloc_sync_one names
# the pmd tables that are on screen, not only init_mm.pgd; a Linux frame's
# sentence reads as one.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
T2=$PAGEWALK_ROOT/traces/vmalloc-2level-qemu.yaml
TP=$PAGEWALK_ROOT/traces/vmalloc-pae-qemu.yaml

goto() { tui_keys g; for d in $(echo "$1" | sed 's/./& /g'); do tui_keys "$d"; done; tui_keys Enter; }

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK" replay "$T2"
	wait_for "event 1/"
	goto 7
	wait_for "event 7/"
	check_prose "$size: map names the tables it writes" "The kernel writes 2 entries into pid 1's pgd and pid 1's pte table"
	check_prose "$size: map says which frames it takes" "it takes 2 new page frames (0x00115000, 0x00116000)"
	check_prose "$size: map says why (the guest's note)" "Why: pid 1 vma 0x08048000-0x08049000 r-x text."
	check_not_screen "$size: no bare 'map event'" "map event"
	goto 17
	wait_for "event 17/"
	check_prose "$size: the vmalloc map writes the master" "into init_mm.pgd (the master) and init_mm's pte table"
	check_prose "$size: ... because vmalloc maps the master only" "Why: vmalloc 0xc2800000, 0x2000 bytes: mapped in the master table only."
	goto 18
	wait_for "event 18/"
	check_prose "$size: switch says what cr3 gets" "pid 1 runs: the kernel loads cr3 with 0x00114000, the physical address of pid 1's pgd"
	check_not_screen "$size: no bare 'switch event'" "switch event"
	goto 5
	wait_for "event 5/"
	check_prose "$size: a note is quoted and changes nothing" "The guest notes what it does next (pid 1): \"pid 1 (A) created, its pgd at 0x00114000\". No page table changes."
	tui_stop

	tui_start "$W" "$H" "$PAGEWALK" replay "$TP"
	wait_for "event 1/"
	goto 19
	wait_for "event 19/"
	check_prose "$size PAE: the vmalloc map writes init_mm's pmd and pte tables" "into init_mm's pmd table and init_mm's pte table"
	goto 23
	wait_for "event 23/"
	tui_keys Right Right Right Right Right Right Right Right Right
	wait_for "stage 10/"
	check_prose "$size PAE: vmalloc_sync_one names the pmd tables on screen" "the same pgd slot in init_mm and in the process leads to a pmd table each: the two shown here."
	tui_stop

	# a Linux frame's sentence: vmalloc_fault compares (the verb was missing)
	tui_start "$W" "$H" "$PAGEWALK" replay "$PAGEWALK_ROOT/traces/linux-all-2level-qemu.yaml"
	wait_for "event 1/"
	goto 122
	wait_for "event 122/"
	verb="vmalloc_fault: compares, for this address, the pgd cr3 points at with init_mm's master"
	check_keys "$size Linux: vmalloc_fault's sentence has its verb" Right 12 on_prose "$verb"
	tui_stop

	tui_start "$W" "$H" "$PAGEWALK" --lang ja replay "$T2"
	wait_for "イベント 1/"
	goto 18
	wait_for "イベント 18/"
	check_screen "$size ja: switch in Japanese" "pid 1 に切り替わります。"
	goto 7
	wait_for "イベント 7/"
	check_screen "$size ja: map in Japanese" "カーネルが pid 1 の pgd と pid 1 の pte"
	tui_stop
done
