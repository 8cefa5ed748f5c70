#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay_scenarios.sh - issue 23's fault paths in the replayer,
# from the shipped traces: a huge page's walk ending at a PS pmd (the 2 MiB
# page and the 21-bit offset explained), PTI's two walks (the user copy's
# cr3 with bit 12, the NX difference at the pgd, the kernel half of both
# copies: the user's own pgd[511] without US, the shared cpu_entry_area,
# the kernel's own entries, why; why two copies), and TLB
# flush events with their reason (why a downgrade needs one and a demand
# fault none; invlpg for a short range, a cr3 write for the fork's full
# flush and for a context switch, and what a cr3 write empties). English
# and Japanese at 80x24.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
cd "$PAGEWALK_ROOT" || exit 1
THP=traces/linux-thp-4level-qemu.yaml
PTI=traces/linux-pti-4level-qemu.yaml
TLB=traces/linux-tlb-4level-qemu.yaml

# event N: press n until the event counter says N of the trace's events.
event() { keys_until n 60 on_screen_re " (event|イベント) $1/"; }
right_until() { keys_until Right 40 on_prose "$1"; }
right_until_joined() { keys_until Right 40 on_joined "$1"; }
# check_joined NAME TEXT: TEXT in the narrative, Japanese wrapped anywhere
check_joined() {
	if poll "$WAIT_SECS" on_joined "$2"; then ok "$1"
	else not_ok "$1"; diag "missing in the text: $2"; show_screen; fi
}

# ---- THP: the huge page's walk ends at the pmd, PS ----
tui_start 80 24 "$PAGEWALK --lang en replay $THP"
check_screen "thp: opens" "event 1/8"
event 5
check_screen "thp: the huge-page write fault" "cr2 0x00007ffff7c1abcd"
check_keys "thp: the walk stops at a not-present pmd" Right 10 on_screen \
	"[ 446] = 0x0000000000000000  -  ✗ failed here"
right_until "The access is retried"
check_screen "thp: its route, once the handler ran" "do_huge_pmd_anonymous_page/huge_page"
check_screen "thp: the retried walk ends at the pmd, PS set" "[ 446] = 0x80000000008000e7  P RW US A D PS NX"
check_screen "thp: a 2 MiB page" "(2 MiB page)"
check_prose "thp: the 21-bit offset explained" \
	"PS is set in the pmd: it maps a 2 MiB page itself, no table below; the low 21 bits of the address, 0x1abcd, are the offset in it."
check_not_screen "thp: no pte in the retried walk" "pte  table"
event 6
right_until "The access is retried"
check_screen "thp: the 4 KiB fault beside it ends at a pte" "(4 KiB page)"
check_prose "thp: and needs no TLB flush" "No TLB flush: the entry was not present"
tui_start 80 24 "$PAGEWALK --lang ja replay $THP"
check_screen "thp ja: opens" "イベント 1/8"
event 5
right_until_joined "アクセスが再実行され"
check_screen "thp ja: PS at the pmd" "P RW US A D PS NX"
check_joined "thp ja: the offset" "アドレスの下位 21 ビット 0x1abcd がその中のオフセットです。"

# ---- PTI: both cr3s and both walks ----
tui_start 80 24 "$PAGEWALK --lang en replay $PTI"
check_screen "pti: opens" "event 1/50"
event 4
check_screen "pti: the kernel copy's walk, from cr3 0x1c6000" "walk  cr3  0x0001c6000"
check_keys "pti: its pgd entry has NX" Right 10 on_screen "[   0] = 0x8000000000241067  P RW US A D NX"
right_until "Page-table isolation: in user mode the CPU walked the user copy"
check_prose "pti: the two cr3s, bit 12" "cr3 0x1c7000: the kernel's cr3 0x1c6000 with bit 12 set"
check_screen "pti: the user copy's walk" "walk from the user copy (PTI)  cr3  0x0001c7000"
check_screen "pti: its pgd entry without NX" "[   0] = 0x0000000000241067  P RW US A D"
tui_keys Right
check_prose "pti: the NX difference" "Its pgd[0] 0x241067 is the kernel copy's 0x8000000000241067 but for NX (bit 63)"
tui_keys Right
check_prose "pti: the user copy's own pgd[511], no US" \
	"Kernel half: the user copy's pgd[511] (kernel image) 0x141063 is its own table, not the kernel copy's 0x1821067, and has no US (bit 2)"
check_screen "pti: the kernel half side by side" "kernel half pgd[256..511] of both copies (PTI)"
check_screen "pti: pgd[511] in both copies" "[511]      0x0000000001821067  0x0000000000141063  own table, no US"
check_screen "pti: pgd[508] the same in both" "[508]      0x0000000007fd4067  0x0000000007fd4067  same table"
check_screen "pti: the vmalloc area's entries, the kernel copy's alone" "[402..465] 64 entries          -"
tui_keys Right
check_prose "pti: the shared cpu_entry_area, the kernel's alone" \
	"pgd[508] (cpu_entry_area) 0x7fd4067 is the same table in both copies. 66 entries (64 of them vmalloc's) are in the kernel copy only."
tui_keys Right
check_prose "pti: why the user copy holds so little" \
	"The user copy maps only what the entry code needs to switch cr3 (Linux 6.1 arch/x86/mm/pti.c), so a Meltdown-style read from user mode finds nothing more of the kernel."
tui_keys Right
check_prose "pti: why two copies" "Why two: since Meltdown (2018)"
tui_start 80 24 "$PAGEWALK --lang ja replay $PTI"
check_screen "pti ja: opens" "イベント 1/50"
event 4
right_until_joined "ページテーブル分離(PTI)"
check_screen "pti ja: the user copy's walk" "ユーザー用コピーからのウォーク(PTI)"
tui_keys Right
check_joined "pti ja: the NX difference" "NX(ビット 63)だけです"
tui_keys Right
check_joined "pti ja: the user copy's own pgd[511]" "ユーザー用の pgd[511](カーネルイメージ) 0x141063 はカーネル用 0x1821067 と別の自分の表で、US(ビット 2)がありません。"
check_screen "pti ja: the kernel half side by side" "両コピーのカーネル側 pgd[256..511](PTI)"
check_screen "pti ja: pgd[511], no US" "[511]      0x0000000001821067  0x0000000000141063  自分の表、US なし"
check_screen "pti ja: the columns line up" "番号       カーネル用 cr3      ユーザー用 user-cr3"
tui_keys Right
check_joined "pti ja: the shared one, the kernel's alone" "pgd[508](cpu_entry_area) 0x7fd4067 は両方で同じ表です。66 個(うち vmalloc 領域 64 個)はカーネル用だけにあります。"
tui_keys Right
check_joined "pti ja: why" "Meltdown 型の読み出しでもカーネルのそれ以上は見えません。"

# ---- TLB flushes: events with the why ----
tui_start 80 24 "$PAGEWALK --lang en replay $TLB"
check_screen "tlb: opens" "event 1/70"
event 6
check_screen "tlb: a flush event" "flush: the kernel flushes TLB entries  (pid 1)"
check_screen "tlb: its function, reason and range" \
	"flush_tlb_mm_range  cow  0x00007ffff7ff7000-0x00007ffff7ff8000"
check_prose "tlb: the why (COW)" "Why: copy-on-write: wp_page_copy replaces the read-only pte"
check_prose "tlb: a downgrade needs one, an upgrade none" \
	"A downgrade (fewer rights, another page, no page) needs a flush; an upgrade (a demand fault filling a not-present entry) needs none."
event 8
check_prose "tlb: munmap's flush" "Why: munmap cleared ptes and frees the pages"
check_prose "tlb: two pages go by invlpg" \
	"Up to 33 pages go one by one with invlpg (flush_tlb_one_user). A downgrade"
keys_until n 60 on_prose "Why: fork write-protected the parent's writable ptes"
check_screen "tlb: fork flushes every address" "flush_tlb_mm_range  fork  all addresses"
check_prose "tlb: by a cr3 write, the next event" "It is carried out by a cr3 write (event 12)."
tui_keys n
check_screen "tlb: a cr3 write" "flush: a cr3 write empties the TLB, global entries aside  (pid 1)"
check_screen "tlb: native_flush_tlb_local writes back cr3" "native_flush_tlb_local  fork  cr3 0x"
check_prose "tlb: the flush it carries out" \
	"flush_tlb_mm_range (event 11) asked to flush every address of pid 1. Why: fork"
check_prose "tlb: a full flush rather than invlpg" \
	"flush_tlb_func picks that over invlpg page by page for TLB_FLUSH_ALL or a range over 33 pages (tlb_single_page_flush_ceiling)."
check_prose "tlb: what a cr3 write empties, what stays" \
	"A cr3 write empties every TLB entry not marked global; global ones (G, with CR4.PGE: kernel mappings, the same in every table) stay."
keys_until n 60 on_prose "A context switch: the old process's translations must not serve the next one's addresses"
check_screen "tlb: the switch's cr3 write" "load_new_mm_cr3  switch  cr3 0x"
check_prose "tlb: from the parent's pgd to the child's" "(pid 15's pgd) over"
tui_keys n
check_prose "tlb: the child's switch names the write that loaded its table" \
	"pid 15 runs on its own table: cr3"
check_prose "tlb: ... event 15" "written at event 15 by load_new_mm_cr3."
keys_until n 60 on_prose "Why: mprotect took rights away from ptes"
check_screen "tlb: mprotect's flush" "flush_tlb_mm_range  mprotect"
tui_start 80 24 "$PAGEWALK --lang ja replay $TLB"
check_screen "tlb ja: opens" "イベント 1/70"
event 6
check_screen "tlb ja: a flush event" "flush: カーネルが TLB エントリをフラッシュします"
check_joined "tlb ja: the why" "理由: コピーオンライト"
event 12
check_screen "tlb ja: a cr3 write" "flush: cr3 への書き込みで TLB を空にします(global は残す)"
check_joined "tlb ja: a full flush" "全体のフラッシュです。"
check_joined "tlb ja: what a cr3 write empties" "cr3 への書き込みは global でない TLB エントリをすべて消します。"
event 15
check_joined "tlb ja: a context switch" "コンテキストスイッチで別のプロセスのテーブルに切り替えます。"
