#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/translate.sh - `pagewalk translate`: fields per level, folded
# levels, the offset line, and the exit statuses 1 (bad address) and 2 (usage).
. "$(dirname "$0")/../lib.sh"

# x86-32 (the default): a kernel address just above PAGE_OFFSET 0xC0000000.
run_pw translate 0xC0101234
check_eq "translate x86-32 0xC0101234 exit 0" 0 "$RC"
check_eq "translate x86-32 0xC0101234 output" "\
pgd    index 768   bits 31..22
p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
pud    folded into pgd (pud_offset(p4d, addr) == p4d)
pmd    folded into pgd (pmd_offset(pud, addr) == pud)
pte    index 257   bits 21..12
offset 0x234       bits 11..0" "$OUT"
check_eq "translate prints nothing on stderr" "" "$ERR"

run_pw translate --arch x86-32 0x08048000
check_eq "translate x86-32 0x08048000" "\
pgd    index 32    bits 31..22
p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
pud    folded into pgd (pud_offset(p4d, addr) == p4d)
pmd    folded into pgd (pmd_offset(pud, addr) == pud)
pte    index 72    bits 21..12
offset 0x0         bits 11..0" "$OUT"

run_pw translate --arch=x86-32-pae 0xBFFFF123
check_eq "translate pae 0xBFFFF123" "\
pgd    index 2     bits 31..30
p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
pud    folded into pgd (pud_offset(p4d, addr) == p4d)
pmd    index 511   bits 29..21
pte    index 511   bits 20..12
offset 0x123       bits 11..0" "$OUT"

run_pw translate --arch x86-64 0xffff888000001234
check_eq "translate x86-64 direct map" "\
pgd    index 273   bits 47..39
p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
pud    index 0     bits 38..30
pmd    index 0     bits 29..21
pte    index 1     bits 20..12
offset 0x234       bits 11..0" "$OUT"

run_pw translate 0x00007fffffffe123 --arch 4level
check_eq "translate x86-64 (alias, arch after ADDR)" "\
pgd    index 255   bits 47..39
p4d    folded into pgd (p4d_offset(pgd, addr) == pgd)
pud    index 511   bits 38..30
pmd    index 511   bits 29..21
pte    index 510   bits 20..12
offset 0x123       bits 11..0" "$OUT"

run_pw translate --arch x86-64-la57 0xff11000040123456
check_eq "translate la57" "\
pgd    index 273   bits 56..48
p4d    index 0     bits 47..39
pud    index 1     bits 38..30
pmd    index 0     bits 29..21
pte    index 291   bits 20..12
offset 0x456       bits 11..0" "$OUT"

run_pw translate 3221229568
check_contains "translate decimal 3221229568 (0xC0001000)" "$OUT" "pte    index 1     bits 21..12"
run_pw translate 0xC010_1234
check_contains "translate with _ separators" "$OUT" "pgd    index 768   bits 31..22"

# the first word of every line, in order
run_pw translate --arch pae 0
check_eq "translate line heads" "pgd p4d pud pmd pte offset" \
	"$(printf '%s\n' "$OUT" | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//')"

# bad addresses: exit 1, one "pagewalk: ..." line saying why
check_run "too wide for x86-32 exits 1" 1 translate 0x100000000
check_eq "too wide message" \
	"pagewalk: translate: 0x100000000 is wider than 32 bits: x86-32 linear addresses go from 0x0 to 0xffffffff." "$ERR"
check_eq "nothing on stdout after a bad address" "" "$OUT"
check_run "too wide for pae exits 1" 1 translate --arch pae 0x1_0000_0000
check_contains "pae too wide message" "$ERR" "wider than 32 bits: x86-32-pae"
check_run "non-canonical x86-64 exits 1" 1 translate --arch x86-64 0x0000800000000000
check_eq "non-canonical message" \
	"pagewalk: translate: 0x0000800000000000 is not canonical on x86-64: bits 63..48 must all equal bit 47, which is 1, but bits 63..48 are 0x0." "$ERR"
check_run "non-canonical la57 exits 1" 1 translate --arch la57 0x0100000000000000
check_contains "la57 names bits 63..57 and bit 56" "$ERR" "bits 63..57 must all equal bit 56"
check_run "bad digit exits 1" 1 translate 0xC01G
check_eq "bad digit message" "pagewalk: translate: 0xC01G is not a hex number: bad character 'G' at column 6." "$ERR"
check_run "overflow exits 1" 1 translate 0x1_0000_0000_0000_0000
check_contains "overflow message" "$ERR" "does not fit in 64 bits"
check_run "escape bytes are not echoed" 1 translate "0x1$(printf '\033')[2J"
case "$ERR" in *"$(printf '\033')"*) not_ok "no ESC in the error" ;; *) ok "no ESC in the error" ;; esac

# usage errors: exit 2
check_run "missing ADDR exits 2" 2 translate
check_contains "missing ADDR message" "$ERR" "pagewalk: translate: missing ADDR"
check_run "unknown arch exits 2" 2 translate --arch sparc 0x1000
check_contains "unknown arch lists the valid ones" "$ERR" \
	"pagewalk: translate: unknown arch 'sparc'; valid archs: x86-32, x86-32-pae, x86-64, x86-64-la57"
check_run "--arch without a value exits 2" 2 translate 0x1000 --arch
check_run "unknown option exits 2" 2 translate --frobnicate 0x1000
check_contains "unknown option message" "$ERR" "pagewalk: translate: unknown option --frobnicate"
check_run "two addresses exit 2" 2 translate 0x1000 0x2000
check_run "translate --help exits 0" 0 translate --help
check_contains "translate --help shows usage" "$OUT" "usage: pagewalk translate [--arch A] ADDR"

# --lang ja: the same fields in Japanese, columns lined up.
LANG=C.UTF-8 run_pw --lang ja translate 0xC0101234
check_eq "translate --lang ja exit 0" 0 "$RC"
check_eq "translate --lang ja prints Japanese" "\
pgd    インデックス 768   ビット 31..22
p4d    pgd に折りたたまれている (p4d_offset(pgd, addr) == pgd)
pud    pgd に折りたたまれている (pud_offset(p4d, addr) == p4d)
pmd    pgd に折りたたまれている (pmd_offset(pud, addr) == pud)
pte    インデックス 257   ビット 21..12
オフセット 0x234          ビット 11..0" "$OUT"

# Under LANG=C Japanese cannot be shown: a warning, then English.
LANG=C LC_ALL= run_pw --lang ja translate 0xC0101234
check_eq "translate --lang ja under LANG=C exit 0" 0 "$RC"
check_contains "translate --lang ja under LANG=C warns" "$ERR" \
	"pagewalk: --lang ja: the locale (LANG=C) is not UTF-8, so Japanese cannot be shown: English instead (try LANG=C.UTF-8)"
check_contains "translate --lang ja under LANG=C prints English" "$OUT" "pgd    index 768   bits 31..22"
case "$OUT" in *'?'*) not_ok "no '?' for Japanese under LANG=C"; diag "$OUT" ;; *) ok "no '?' for Japanese under LANG=C" ;; esac
