#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The sandbox (w on the home menu): any address and arch, the walk shown
# one level per s, and a fill-in table (index, entry address, entry value
# per real level, then the physical address) checked cell by cell by the
# engine, the known mistakes named; a memory image (o, the file translate
# --mem reads) walked instead of the tables built for the address. arm64:
# a cycles on from x86's four archs to arm64's eight Linux 6.1 profiles,
# bit 55 picks TTBR0_EL1 or TTBR1_EL1, an arm64 image gives both.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
IMG=$TUI_TMP/mem.yaml
cat >"$IMG" <<'YAML'
arch: x86-32
cr3: 0x00163000
entries:
  0x00163c00: 0x00171023
  0x00171404: 0x00200063
YAML

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK"
	check_screen "$size: the menu offers the sandbox" "w sandbox"
	tui_keys w
	check_screen "$size: w opens the sandbox" "Sandbox: your own walk"
	check_screen "$size: its address and cr3" "Address: 0xc0101234   cr3: 0x100000"
	check_screen "$size: a row per real level" "pte     ."
	check_not_screen "$size: the walk hidden at first" "0x00101007"
	# fill in the pgd row: the index, then the entry address (the cursor
	# moves on when a cell is right)
	tui_keys 7 6 8 Enter
	check_screen "$size: a right index" "768 ✓"
	tui_keys 0 x 1 0 0 c 0 4 Enter
	check_screen "$size: a wrong entry address: why" "Right table, wrong index"
	tui_keys Enter 0 x 1 0 0 c 0 0 Enter
	check_screen "$size: then right" "0x100c00 ✓"
	tui_keys s
	check_screen "$size: s shows the pgd level" "[ 768] = 0x00101007"
	check_not_screen "$size: ... not the pte yet" "[ 257]"
	tui_keys .
	check_screen "$size: . shows the whole walk" "[ 257] = 0x00345027"
	# another arch: PAE, where 4-byte entries are the known mistake
	tui_keys a
	check_screen "$size: a: the next arch" "x86-32-pae"
	# 0xc0101234 on PAE: pte index 257 in the pte table at 0x102000
	tui_keys j j 2 5 7 Enter
	check_screen "$size: PAE: the pte index right" "257 ✓"
	tui_keys 0 x 1 0 2 4 0 4 Enter
	check_screen "$size: PAE: 4-byte entries named" "You used 4-byte entries; on x86-32-pae entries are 8 bytes"
	# another address
	tui_keys Escape e 0 x 0 8 0 4 8 1 2 3 Enter
	check_screen "$size: e: another address" "Address: 0x8048123"
	# a memory image
	tui_keys o
	for c in $(printf '%s' "$IMG" | sed 's/./& /g'); do tui_keys "$c"; done
	tui_keys Enter
	check_screen "$size: o: the memory image's arch and cr3" "Memory image $IMG: x86-32, cr3 0x163000."
	tui_keys e 0 x c 0 1 0 1 2 3 4 Enter .
	check_screen "$size: ... its entries walked" "[ 768] = 0x00171023"
	tui_keys G
	tui_keys j j Enter 0 x 2 0 0 2 3 4 Enter
	check_screen "$size: the physical address over the image" "0x200234 ✓"
	tui_keys q
	check_screen "$size: q back to the menu" "Traces ("
	tui_keys q
	check_screen "$size: q quits" "EXITED 0"
done

# arm64: 0xc0101234 on arm64-4k-39 is a user address (bit 55 clear): pgd 3
# at 0x100018 = 0x101003, pmd 0 at 0x101000 = 0x102003, pte 257 at
# 0x102808 = 0x345f43 (page, AF, inner shareable, AP[1], nG)
A64=$TUI_TMP/mem-arm64.yaml
cat >"$A64" <<'YAML'
arch: arm64-4k-39
ttbr0: 0x00200000
ttbr1: 0x00300000
entries:
  0x00200000: 0x00201003
  0x00201010: 0x00202003
  0x00202000: 0x00400743
YAML
tui_start 80 24 "$PAGEWALK"
tui_keys w a a a a
check_screen "arm64: a reaches arm64's profiles" "arm64-4k-39"
check_screen "arm64: bit 55 picks TTBR0_EL1" "Address: 0xc0101234   bit 55 = 0: TTBR0_EL1: 0x100000"
check_screen "arm64: a row per real level (the pud folded)" "pmd     ."
tui_keys 3 Enter
check_screen "arm64: the pgd index" "3 ✓"
tui_keys 0 x 1 0 0 0 0 c Enter
check_screen "arm64: 4-byte entries named" "You used 4-byte entries; on arm64-4k-39 entries are 8 bytes"
tui_keys Enter 0 x 1 0 0 0 1 8 Enter
check_screen "arm64: the descriptor's address" "0x100018 ✓"
tui_keys 0 x 1 0 1 0 0 3 Enter
check_screen "arm64: the table descriptor" "0x101003 ✓"
tui_keys .
check_screen "arm64: the page descriptor in the walk" "[ 257] = 0x0000000000345f43"
tui_keys e 0 x f f f f f f c 0 1 2 3 4 5 6 7 8 Enter
check_screen "arm64: a kernel address: TTBR1_EL1" "bit 55 = 1: TTBR1_EL1: 0x100000"
tui_keys e 0 x 0 0 f f f f c 0 1 2 3 4 5 6 7 8 Enter
check_screen "arm64: an address in neither range is refused, why said" "neither"
check_screen "arm64: ... the kernel address kept" "Address: 0xffffffc012345678"
tui_keys a a a a a
check_screen "arm64: the 64K granule, 2 levels" "arm64-64k-42"
check_not_screen "arm64-64k-42: no pmd row" "pmd     ."
tui_keys a a a
check_screen "a after the last profile: x86-32 again" "x86-32  read"
tui_keys o
for c in $(printf '%s' "$A64" | sed 's/./& /g'); do tui_keys "$c"; done
tui_keys Enter
# (the status line wraps at 80 columns: two lines)
check_screen "arm64 image: its arch" "Memory image $A64: arm64-4k-39, TTBR0_EL1"
check_screen "arm64 image: its TTBRs" "0x200000, TTBR1_EL1 0x300000."
tui_keys e 0 x 4 0 0 1 2 3 Enter .
check_screen "arm64 image: its descriptors walked" "[   2] = 0x0000000000202003"
tui_keys j j j Enter 0 x 4 0 0 1 2 3 Enter
check_screen "arm64 image: the physical address" "0x400123 ✓"
tui_keys q q
check_screen "arm64: quits" "EXITED 0"

tui_start 80 24 "$PAGEWALK" --lang ja
tui_keys w
check_screen "ja: the sandbox in Japanese" "サンドボックス: 自分で変換"
check_screen "ja: the table's heading" "インデックス"
tui_keys 9 Enter
check_screen "ja: feedback in Japanese" "インデックス"
tui_keys Escape a a a a
check_screen "ja: arm64's base register" "ビット 55 = 0: TTBR0_EL1: 0x100000"
tui_keys q q
check_screen "ja: quits" "EXITED 0"

# A memory image at a long path: the title keeps the whole title and the
# end of the path (its file name) after "…", nothing cut unseen (the
# witness), the whole path in the status line.
LONG=$TUI_TMP/a-rather-long-directory-name-for-images/and-another-level-below-it
mkdir -p "$LONG"
cp "$IMG" "$LONG/mem-image.yaml"
for lang in en ja; do
	LOG=$TUI_TMP/sandbox-wit-$lang.log
	tui_start 80 24 "env PAGEWALK_DRAWCHECK=$LOG $PAGEWALK --lang $lang"
	check_screen "$lang long path: the menu" "pagewalk"
	tui_keys w o
	for c in $(printf '%s' "$LONG/mem-image.yaml" | sed 's/./& /g'); do tui_keys "$c"; done
	tui_keys Enter
	check_screen "$lang long path: loaded" "0x163000"
	check_screen "$lang long path: the status names the file" "/mem-image.yaml"
	title=$(tui_screen | head -1)
	if [ $lang = en ]; then t="Sandbox: your own walk"; else t="サンドボックス: 自分で変換"; fi
	case $title in *"$t"*"x86-32"*"…"*"/mem-image.yaml") ok "$lang long path: the title keeps the file name" ;;
	*) not_ok "$lang long path: the title keeps the file name"; diag "$title" ;; esac
	tui_keys q q
	check_screen "$lang long path: quits" "EXITED 0"
	check_eq "$lang long path: the witness reports nothing cut" "" "$(cat "$LOG" 2>/dev/null)"
	tui_stop
done
