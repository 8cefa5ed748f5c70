#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/macros.sh - `pagewalk macros`: every macro of every arch equals
# Linux's. The tables below are typed in from the v6.1 headers (page_types.h,
# pgtable-2level_types.h, pgtable-3level_types.h, pgtable_64_types.h and
# asm-generic/pgtable-nop4d.h, -nopud.h, -nopmd.h): SIZE = 1UL << SHIFT,
# MASK = ~(SIZE - 1) in a 32- or 64-bit unsigned long.
. "$(dirname "$0")/../lib.sh"

want_x86_32="\
PAGE_SHIFT = 12
PAGE_SIZE = 0x00001000
PAGE_MASK = 0xfffff000
PMD_SHIFT = 22
PMD_SIZE = 0x00400000
PMD_MASK = 0xffc00000
PUD_SHIFT = 22
PUD_SIZE = 0x00400000
PUD_MASK = 0xffc00000
P4D_SHIFT = 22
P4D_SIZE = 0x00400000
P4D_MASK = 0xffc00000
PGDIR_SHIFT = 22
PGDIR_SIZE = 0x00400000
PGDIR_MASK = 0xffc00000
PTRS_PER_PGD = 1024
PTRS_PER_P4D = 1
PTRS_PER_PUD = 1
PTRS_PER_PMD = 1
PTRS_PER_PTE = 1024"

want_pae="\
PAGE_SHIFT = 12
PAGE_SIZE = 0x00001000
PAGE_MASK = 0xfffff000
PMD_SHIFT = 21
PMD_SIZE = 0x00200000
PMD_MASK = 0xffe00000
PUD_SHIFT = 30
PUD_SIZE = 0x40000000
PUD_MASK = 0xc0000000
P4D_SHIFT = 30
P4D_SIZE = 0x40000000
P4D_MASK = 0xc0000000
PGDIR_SHIFT = 30
PGDIR_SIZE = 0x40000000
PGDIR_MASK = 0xc0000000
PTRS_PER_PGD = 4
PTRS_PER_P4D = 1
PTRS_PER_PUD = 1
PTRS_PER_PMD = 512
PTRS_PER_PTE = 512"

want_x86_64="\
PAGE_SHIFT = 12
PAGE_SIZE = 0x0000000000001000
PAGE_MASK = 0xfffffffffffff000
PMD_SHIFT = 21
PMD_SIZE = 0x0000000000200000
PMD_MASK = 0xffffffffffe00000
PUD_SHIFT = 30
PUD_SIZE = 0x0000000040000000
PUD_MASK = 0xffffffffc0000000
P4D_SHIFT = 39
P4D_SIZE = 0x0000008000000000
P4D_MASK = 0xffffff8000000000
PGDIR_SHIFT = 39
PGDIR_SIZE = 0x0000008000000000
PGDIR_MASK = 0xffffff8000000000
PTRS_PER_PGD = 512
PTRS_PER_P4D = 1
PTRS_PER_PUD = 512
PTRS_PER_PMD = 512
PTRS_PER_PTE = 512"

want_la57="\
PAGE_SHIFT = 12
PAGE_SIZE = 0x0000000000001000
PAGE_MASK = 0xfffffffffffff000
PMD_SHIFT = 21
PMD_SIZE = 0x0000000000200000
PMD_MASK = 0xffffffffffe00000
PUD_SHIFT = 30
PUD_SIZE = 0x0000000040000000
PUD_MASK = 0xffffffffc0000000
P4D_SHIFT = 39
P4D_SIZE = 0x0000008000000000
P4D_MASK = 0xffffff8000000000
PGDIR_SHIFT = 48
PGDIR_SIZE = 0x0001000000000000
PGDIR_MASK = 0xffff000000000000
PTRS_PER_PGD = 512
PTRS_PER_P4D = 512
PTRS_PER_PUD = 512
PTRS_PER_PMD = 512
PTRS_PER_PTE = 512"

run_pw macros
check_eq "macros (default x86-32) exit 0" 0 "$RC"
check_eq "macros default is x86-32" "$want_x86_32" "$OUT"

# compare_macros ARCH WANT: the whole output, then each line on its own so a
# failure names the macro.
compare_macros() {
	run_pw macros --arch "$1"
	check_eq "macros --arch $1 exit 0" 0 "$RC"
	check_eq "macros --arch $1 prints 20 lines" 20 "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')"
	printf '%s\n' "$2" | while IFS= read -r line; do
		name=${line%% =*}
		got=$(printf '%s\n' "$OUT" | grep "^$name = ")
		check_eq "macros $1 $name" "$line" "$got"
	done
}
compare_macros x86-32 "$want_x86_32"
compare_macros x86-32-pae "$want_pae"
compare_macros x86-64 "$want_x86_64"
compare_macros x86-64-la57 "$want_la57"

run_pw macros --arch=pae
check_eq "macros --arch=pae (alias) equals x86-32-pae" "$want_pae" "$OUT"
run_pw macros -a 5level
check_eq "macros -a 5level equals x86-64-la57" "$want_la57" "$OUT"

check_run "macros unknown arch exits 2" 2 macros --arch ia64
check_contains "macros unknown arch lists the valid ones" "$ERR" \
	"unknown arch 'ia64'; valid archs: x86-32, x86-32-pae, x86-64, x86-64-la57"
check_run "macros --arch without value exits 2" 2 macros --arch
check_run "macros stray argument exits 2" 2 macros 0x1000
check_contains "macros stray argument message" "$ERR" "pagewalk: macros: unexpected argument 0x1000"
check_run "macros unknown option exits 2" 2 macros --hex
check_run "macros --help exits 0" 0 macros --help
check_contains "macros --help shows usage" "$OUT" "usage: pagewalk macros [--arch A] [--walk]"

# --lang ja: each line says what the macro means, in Japanese.
LANG=C.UTF-8 run_pw --lang ja macros --arch x86-32-pae
check_eq "macros --lang ja exit 0" 0 "$RC"
check_contains "macros --lang ja: PAGE_SHIFT explained" "$OUT" \
	"PAGE_SHIFT = 12                      # ページ内オフセットのビット数"
check_contains "macros --lang ja: PMD_MASK explained" "$OUT" \
	"PMD_MASK = 0xffe00000                # その境界に切り捨てるマスク ~(*_SIZE - 1)"
check_contains "macros --lang ja: PTRS_PER_PGD explained" "$OUT" \
	"PTRS_PER_PGD = 4                     # このレベルのテーブル 1 つのエントリ数"
LANG=C LC_ALL= run_pw --lang ja macros
check_contains "macros --lang ja under LANG=C warns" "$ERR" "is not UTF-8, so Japanese cannot be shown"
check_contains "macros --lang ja under LANG=C: plain lines" "$OUT" "PAGE_SHIFT = 12"

# --walk: the levels as the recorders' gdb scripts walk them (guest/hwwalk.py),
# from the engine's profiles: folded levels by name, PS a leaf where the
# arch allows a large page (2-level pgd, PAE and x86-64 pmd, x86-64 pud).
run_pw macros --arch x86-32 --walk
check_eq "macros --walk x86-32" "format=x86
word=4
cr3-mask=0xfffff000
entry-mask=0xfffff000
level=pgd:22:10:4:1
level=p4d
level=pud
level=pmd
level=pte:12:10:4:0" "$OUT"
run_pw macros --arch pae --walk
check_contains "macros --walk pae: a 32-byte aligned PDPT, no PS in it" "$OUT" \
	"cr3-mask=0xffffffe0
entry-mask=0xffffffffff000
level=pgd:30:2:8:0"
run_pw macros --arch la57 --walk
check_contains "macros --walk la57: five real levels, 1 GiB and 2 MiB pages" "$OUT" \
	"level=pgd:48:9:8:0
level=p4d:39:9:8:0
level=pud:30:9:8:1
level=pmd:21:9:8:1
level=pte:12:9:8:0"
run_pw macros --arch arm64-4k-48 --walk
check_contains "macros --walk arm64: says its entries are arm64's" "$OUT" "format=arm64"
