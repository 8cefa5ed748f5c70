#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/arm64_cli.sh - the arm64 profiles on the command line:
# translate's TTBR line and hardware levels (English and Japanese), macros,
# the refusals of what Linux 6.1 cannot build (exit 2), addresses in neither
# range (exit 1), arm64 memory images (ttbr0:, ttbr1:) and their errors,
# translate --mem's abort lines, and an exercise sheet whose printed dump
# alone gives the same answers.
. "$(dirname "$0")/../lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_pw translate --arch arm64-4k-39 0xffffffc000101234
check_eq "translate arm64-4k-39 kernel address" "\
ttbr   TTBR1_EL1   bit 55 = 1, bits 63..39 all 1
pgd    index 256   bits 38..30    level 1
p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
pud    folded into pgd (pud_offset(p4d, addr) == p4d)
pmd    index 0     bits 29..21    level 2
pte    index 257   bits 20..12    level 3
offset 0x234       bits 11..0" "$OUT"

run_pw translate --arch arm64-64k-42 0x000003ffffff1234
check_eq "translate arm64-64k-42: pgd (level 2) -> pte, pud and pmd folded" "\
ttbr   TTBR0_EL1   bit 55 = 0, bits 55..42 all 0
pgd    index 8191  bits 41..29    level 2
p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
pud    folded into pgd (pud_offset(p4d, addr) == p4d)
pmd    folded into pgd (pmd_offset(pud, addr) == pud)
pte    index 8191  bits 28..16    level 3
offset 0x1234      bits 15..0" "$OUT"

run_pw translate --arch arm64-16k-48 0xffff800000000000
check_contains "arm64-16k-48: a one-bit pgd index" "$OUT" "pgd    index 1     bits 47..47    level 0"

run_pw translate --arch arm64-4k-48 0x5a0000000040f123
check_contains "a tagged user address goes to TTBR0" "$OUT" \
	"ttbr   TTBR0_EL1   bit 55 = 0, bits 55..48 all 0 (tag 0x5a in bits 63..56 ignored: TBI0)"
LANG=C.UTF-8 run_pw --lang ja translate --arch arm64-4k-48 0x5a0000000040f123
check_eq "translate arm64 in Japanese" "\
ttbr   TTBR0_EL1   ビット 55 = 0、ビット 55..48 はすべて 0 (ビット 63..56 のタグ 0x5a は無視: TBI0)
pgd    インデックス 0     ビット 47..39    レベル 0
p4d    pgd に折りたたまれている (p4d_offset(pgd, addr) == pgd)
pud    インデックス 0     ビット 38..30    レベル 1
pmd    インデックス 2     ビット 29..21    レベル 2
pte    インデックス 15    ビット 20..12    レベル 3
オフセット 0x123          ビット 11..0" "$OUT"

# neither range: exit 1 with the bits named
check_run "bit 39 on arm64-4k-39 exits 1" 1 translate --arch arm64-4k-39 0x0000008000000000
check_eq "neither range message (TTBR0)" "pagewalk: translate: 0x0000008000000000 is in neither \
range on arm64-4k-39: bit 55 is 0 (TTBR0_EL1), so bits 55..39 must all be 0 (bits 63..56 are a \
tag the MMU ignores, TBI0), but they are 0x1 (a level 0 translation fault)." "$ERR"
check_run "bits 63..48 not all 1 exits 1" 1 translate --arch arm64-4k-48 0xfffe800000000000
check_contains "neither range message (TTBR1)" "$ERR" \
	"bit 55 is 1 (TTBR1_EL1), so bits 63..48 must all be 1, but they are 0xfffe"

# what Linux 6.1 cannot build: usage errors that say why
check_run "arm64-4k-52 exits 2" 2 translate --arch arm64-4k-52 0
check_eq "arm64-4k-52 is refused with Kconfig's reason" "pagewalk: translate: arm64-4k-52: Linux \
6.1 cannot build it: ARM64_VA_BITS_52 depends on ARM64_64K_PAGES (arch/arm64/Kconfig); with 4K \
pages it offers VA sizes 39 and 48 (arm64-4k-39, arm64-4k-48)" "$ERR"
check_run "arm64-16k-42 exits 2" 2 macros --arch arm64-16k-42
check_contains "arm64-16k-42 names the 16K sizes" "$ERR" \
	"no 42-bit VA size with 16K pages; it offers 36 (with EXPERT), 47 and 48"
check_run "arm64-8k-48 exits 2" 2 exercise --arch arm64-8k-48
check_contains "arm64-8k-48: no such page size" "$ERR" "Linux 6.1's arm64 has no 8K pages"
check_run "unknown arch lists the arm64 ones" 2 macros --arch arm
check_contains "the list ends with arm64-64k-52" "$ERR" "arm64-64k-48, arm64-64k-52"

run_pw macros --arch arm64-16k-47
check_eq "macros arm64-16k-47" "\
PAGE_SHIFT = 14
PAGE_SIZE = 0x0000000000004000
PAGE_MASK = 0xffffffffffffc000
PMD_SHIFT = 25
PMD_SIZE = 0x0000000002000000
PMD_MASK = 0xfffffffffe000000
PUD_SHIFT = 36
PUD_SIZE = 0x0000001000000000
PUD_MASK = 0xfffffff000000000
P4D_SHIFT = 36
P4D_SIZE = 0x0000001000000000
P4D_MASK = 0xfffffff000000000
PGDIR_SHIFT = 36
PGDIR_SIZE = 0x0000001000000000
PGDIR_MASK = 0xfffffff000000000
PTRS_PER_PGD = 2048
PTRS_PER_P4D = 1
PTRS_PER_PUD = 1
PTRS_PER_PMD = 2048
PTRS_PER_PTE = 2048" "$OUT"

# A memory image: user tables with PXNTable, kernel ones with UXNTable.
cat >"$tmp/img.yaml" <<'Y'
arch: arm64-4k-39
ttbr0: 0x100000
ttbr1: 0x0042000000101000        # ASID 0x42 in bits 63..48
entries:
  0x100000: 0x0800000000102003   # pgd 0: table, PXNTable
  0x102010: 0x0800000000103003   # pmd 2: table, PXNTable
  0x103008: 0x00e8000000200f43   # pte 1: page AF nG AP=01 PXN UXN DBM DIRTY
  0x103010: 0x0068000000201fc3   # pte 2: AP=11 (clean: PTE_RDONLY with PTE_WRITE)
  0x103018: 0x0068000000202b43   # pte 3: AF clear (old)
  0x101800: 0x1000000000104003   # pgd 256: table, UXNTable
  0x104000: 0x0060000000400701   # pmd 0: block 2 MiB, AP=00
Y
run_pw translate --mem "$tmp/img.yaml" --access write --user 0x401234
check_eq "translate --mem arm64: a user write" "\
ttbr   TTBR0_EL1   bit 55 = 0, bits 55..39 all 0
pgd    index 0     bits 38..30    level 1
p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
pud    folded into pgd (pud_offset(p4d, addr) == p4d)
pmd    index 2     bits 29..21    level 2
pte    index 1     bits 20..12    level 3
offset 0x234       bits 11..0

walk from TTBR0_EL1 0x00100000, user write:
pgd  index 0     entry 0x00100000 = 0x0800000000102003 (table PXNTable)
pmd  index 2     entry 0x00102010 = 0x0800000000103003 (table PXNTable)
pte  index 1     entry 0x00103008 = 0x00e8000000200f43 (page AF nG AP=01 SH=3 AttrIndx=0 PXN UXN DBM DIRTY)
-> physical address 0x00200234 (4 KiB page at 0x00200000)" "$OUT"
run_pw translate --mem "$tmp/img.yaml" --access write --user 0x402000
check_contains "a write to a clean page: permission fault, WnR" "$OUT" "\
-> abort: an EL0 write needs AP[2] clear; the pte entry 2 has AP[2:1] = 11 (read-only): a level 3 permission fault.
   ESR_EL1 0x9200004f: EC 0x24 DABT (lower EL), IL, WnR 1, DFSC 0x0f level 3 permission fault
   FAR_EL1 0x0000000000402000; do_mem_abort > do_page_fault"
run_pw translate --mem "$tmp/img.yaml" --access write --user 0x403010
check_contains "a write to an old page: access flag fault first" "$OUT" \
	"ESR_EL1 0x9200004b: EC 0x24 DABT (lower EL), IL, WnR 1, DFSC 0x0b level 3 access flag fault"
run_pw translate --mem "$tmp/img.yaml" --access fetch 0xffffffc000001000
check_contains "a kernel fetch from the block (ASID ignored): PXN" "$OUT" "\
walk from TTBR1_EL1 0x42000000101000, kernel fetch:"
check_contains "PXN abort" "$OUT" \
	"ESR_EL1 0x8600000e: EC 0x21 IABT (current EL), IL, IFSC 0x0e level 2 permission fault"
run_pw translate --mem "$tmp/img.yaml" 0xffffffc040000000
check_contains "a missing kernel pmd: do_bad_area, no vmalloc sync" "$OUT" \
	"do_mem_abort > do_translation_fault > do_bad_area"
check_run "--arch disagreeing with the image exits 2" 2 translate --arch x86-64 --mem "$tmp/img.yaml" 0
run_pw translate --mem "$tmp/img.yaml" 0x0000008000001000
check_eq "translate --mem: an address in neither range walks to a level 0 fault" "\
walk from neither TTBR0_EL1 nor TTBR1_EL1, kernel read:
-> abort: bit 55 is 0 (TTBR0_EL1) but bits 55..39 are not all 0: in neither range, a level 0 translation fault.
   ESR_EL1 0x96000004: EC 0x25 DABT (current EL), IL, WnR 0, DFSC 0x04 level 0 translation fault
   FAR_EL1 0x0000008000001000; do_mem_abort > do_translation_fault > do_bad_area" "$OUT"

# image errors: FILE:LINE:COL, exit 1
printf 'arch: arm64-4k-39\ncr3: 0x1000\n' >"$tmp/b1.yaml"
check_run "cr3 in an arm64 image exits 1" 1 translate --mem "$tmp/b1.yaml" 0
check_eq "cr3 in an arm64 image" "$tmp/b1.yaml:2:6: arm64-4k-39 has no cr3: give ttbr0: \
(TTBR0_EL1) and ttbr1: (TTBR1_EL1)" "$ERR"
printf 'arch: arm64-4k-39\nttbr0: 0x1000\n' >"$tmp/b2.yaml"
check_run "ttbr1 missing exits 1" 1 translate --mem "$tmp/b2.yaml" 0
check_eq "ttbr1 missing" "$tmp/b2.yaml:1:1: an arm64 memory image needs \"ttbr1\"" "$ERR"
printf 'arch: arm64-64k-42\nttbr0: 0x1000\nttbr1: 0x20000\n' >"$tmp/b3.yaml"
check_run "a misaligned ttbr0 exits 1" 1 translate --mem "$tmp/b3.yaml" 0
check_eq "a misaligned ttbr0" "$tmp/b3.yaml:2:8: ttbr0 0x1000 is not aligned for \
arm64-64k-42's top table (65536 bytes)" "$ERR"
printf 'arch: x86-64\ncr3: 0x1000\nttbr1: 0x1000\n' >"$tmp/b4.yaml"
check_run "ttbr1 in an x86 image exits 1" 1 translate --mem "$tmp/b4.yaml" 0
check_eq "ttbr1 in an x86 image" "$tmp/b4.yaml:3:8: x86-64 has no ttbr1: give cr3:" "$ERR"
printf 'arch: arm64-4k-39\nttbr0: 0x1000\nttbr1: 0x2000\ncpu: {wp: false}\n' >"$tmp/b6.yaml"
check_run "cpu: in an arm64 image exits 1" 1 translate --mem "$tmp/b6.yaml" 0
check_eq "cpu: in an arm64 image" "$tmp/b6.yaml:4:6: arm64-4k-39 has no cpu: (CR0.WP, CR4.SMEP \
and CR4.SMAP are x86's)" "$ERR"
check_run "exercise --smap on arm64 exits 2" 2 exercise --arch arm64-4k-48 --smap on
check_eq "exercise --smap on arm64" "pagewalk: exercise: --smap is an x86 setting (CR0.WP, \
CR4.SMEP, CR4.SMAP); arm64-4k-48 has none" "$ERR"
printf 'arch: arm64-16k-52\nttbr0: 0\nttbr1: 0\n' >"$tmp/b5.yaml"
check_run "a refused profile in an image exits 1" 1 translate --mem "$tmp/b5.yaml" 0
check_contains "a refused profile in an image" "$ERR" \
	"$tmp/b5.yaml:1:7: arm64-16k-52: Linux 6.1 cannot build it"

# exercise: the printed dump alone (tables by base and index, TTBR0_EL1,
# TTBR1_EL1) rebuilds an image whose walks equal the sheet's answers.
"$PAGEWALK" exercise --arch arm64-16k-47 --seed 5 -n 8 -c >"$tmp/sheet"
check_contains "the sheet names both base registers" "$(cat "$tmp/sheet")" "TTBR1_EL1 = 0x"
/usr/bin/python3 - "$tmp/sheet" >"$tmp/dump.yaml" <<'PY'
import re, sys
print("arch: arm64-16k-47")
for line in open(sys.argv[1]):
    m = re.match(r"TTBR([01])_EL1 = (0x[0-9a-f]+)$", line)
    if m:
        print("ttbr%s: %s" % (m.group(1), m.group(2)))
        if m.group(1) == "1":
            print("entries:")
    m = re.match(r"  [a-z0-9]+ table at (0x[0-9a-f]+)", line)
    if m:
        base = int(m.group(1), 16)
    m = re.match(r"    \[ *([0-9]+)\] (0x[0-9a-f]+)$", line)
    if m:
        print("  0x%x: %s" % (base + 8 * int(m.group(1)), m.group(2)))
PY
bad=0 n=0
sed -n '/^Answers:/,$p' "$tmp/sheet" | grep -E '^ +[0-9]+\. ' | tr -d ',' >"$tmp/qs"
while read -r num addr el kind rest; do
	n=$((n + 1))
	user=; [ "$el" = EL0 ] && user=--user
	"$PAGEWALK" translate --mem "$tmp/dump.yaml" --access "$kind" $user "$addr" >"$tmp/tr" 2>&1
	sed -n '/^walk from/,$p' "$tmp/tr" | tail -n +2 >"$tmp/got"
	sed -n '/^Answers:/,$p' "$tmp/sheet" | awk -v q="${num%.}" '
		/^ +[0-9]+\. / { on = ($1 == q "."); next } on { sub(/^      /, ""); print }' >"$tmp/want"
	cmp -s "$tmp/want" "$tmp/got" || { bad=1; diag "question $num:" "$(diff "$tmp/want" "$tmp/got")"; }
done <"$tmp/qs"
check_eq "8 arm64 answers equal translate --mem over the printed dump" "0 8" "$bad $n"
rm -f "$tmp/ex.yaml"
check_run "exercise --mem writes an arm64 image" 0 exercise --arch arm64-4k-48 --mem "$tmp/ex.yaml"
check_contains "the image has ttbr0: and ttbr1:" "$(sed -n 2,4p "$tmp/ex.yaml")" "arch: arm64-4k-48
ttbr0: 0x"
