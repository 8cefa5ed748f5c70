#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/arm64_headers.sh - `pagewalk macros --arch arm64-*` against what
# Linux 6.1's own headers compute: arch/arm64/include/asm/page-def.h,
# pgtable-hwdef.h and pgtable-types.h (which picks asm-generic/
# pgtable-nopmd.h, -nopud.h or -nop4d.h) from the installed
# linux-source-6.1, compiled with the host cc for each profile's
# CONFIG_ARM64_PAGE_SHIFT and CONFIG_ARM64_VA_BITS. CONFIG_PGTABLE_LEVELS
# is what the header's own ARM64_HW_PGTABLE_LEVELS(VA_BITS) gives.
# Two stubs stand for headers that would pull in the whole kernel:
# asm/memory.h holds only memory.h's own `#define VA_BITS` line (copied
# from the tarball at run time) and asm/types.h the u64 type.
. "$(dirname "$0")/../lib.sh"

tarball=${PAGEWALK_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
if [ ! -f "$tarball" ]; then
	not_ok "linux-source-6.1 is installed ($tarball; make deps installs it)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
S=linux-source-6.1
files="arch/arm64/include/asm/page-def.h arch/arm64/include/asm/pgtable-hwdef.h
arch/arm64/include/asm/pgtable-types.h arch/arm64/include/asm/memory.h
include/asm-generic/pgtable-nop4d.h include/asm-generic/pgtable-nopud.h
include/asm-generic/pgtable-nopmd.h include/linux/const.h include/vdso/const.h
include/uapi/linux/const.h"
# shellcheck disable=SC2086
(cd "$tmp" && tar -xJf "$tarball" $(for f in $files; do echo "$S/$f"; done)) ||
	not_ok "extract the headers from $tarball"
mkdir -p "$tmp/stub/asm"
grep -E '^#define VA_BITS[[:space:]]' "$tmp/$S/arch/arm64/include/asm/memory.h" \
	>"$tmp/stub/asm/memory.h"
check_eq "memory.h defines VA_BITS from CONFIG_ARM64_VA_BITS" 1 \
	"$(grep -c CONFIG_ARM64_VA_BITS "$tmp/stub/asm/memory.h")"
printf 'typedef unsigned long long u64;\n' >"$tmp/stub/asm/types.h"

cat >"$tmp/levels.c" <<'C'
#include <stdio.h>
#include <asm/page-def.h>
#include <asm/pgtable-hwdef.h>
int main(void) { printf("%d\n", ARM64_HW_PGTABLE_LEVELS(VA_BITS)); return 0; }
C
cat >"$tmp/macros.c" <<'C'
#include <stdio.h>
#include <asm/page-def.h>
#include <asm/pgtable-hwdef.h>
#include <asm/pgtable-types.h>
#define D(x) printf(#x " = %llu\n", (unsigned long long)(x))
#define H(x) printf(#x " = 0x%016llx\n", (unsigned long long)(x))
int main(void)
{
	D(PAGE_SHIFT); H(PAGE_SIZE); H(PAGE_MASK);
	D(PMD_SHIFT); H(PMD_SIZE); H(PMD_MASK);
	D(PUD_SHIFT); H(PUD_SIZE); H(PUD_MASK);
	D(P4D_SHIFT); H(P4D_SIZE); H(P4D_MASK);
	D(PGDIR_SHIFT); H(PGDIR_SIZE); H(PGDIR_MASK);
	D(PTRS_PER_PGD); D(PTRS_PER_P4D); D(PTRS_PER_PUD); D(PTRS_PER_PMD); D(PTRS_PER_PTE);
	return 0;
}
C
inc="-I$tmp/stub -I$tmp/$S/arch/arm64/include -I$tmp/$S/include"
for prof in 4k-39:12:3 4k-48:12:4 16k-36:14:2 16k-47:14:3 16k-48:14:4 64k-42:16:2 \
	    64k-48:16:3 64k-52:16:3; do
	name=arm64-${prof%%:*} rest=${prof#*:}
	shift_=${rest%%:*} want_levels=${rest#*:}
	va=${name##*-}
	defs="-DCONFIG_ARM64_PAGE_SHIFT=$shift_ -DCONFIG_ARM64_VA_BITS=$va"
	# shellcheck disable=SC2086
	cc $inc $defs "$tmp/levels.c" -o "$tmp/levels" && levels=$("$tmp/levels") || levels=?
	check_eq "$name: ARM64_HW_PGTABLE_LEVELS($va) with PAGE_SHIFT $shift_" "$want_levels" "$levels"
	# shellcheck disable=SC2086
	if cc -w $inc $defs -DCONFIG_PGTABLE_LEVELS="$levels" "$tmp/macros.c" -o "$tmp/m"; then
		"$tmp/m" >"$tmp/linux"
		"$PAGEWALK" macros --arch "$name" >"$tmp/ours"
		if cmp -s "$tmp/linux" "$tmp/ours"; then
			ok "$name: the 20 macros equal Linux 6.1's headers"
		else
			not_ok "$name: the 20 macros equal Linux 6.1's headers"
			diag "$(diff "$tmp/linux" "$tmp/ours")"
		fi
	else
		not_ok "$name: Linux's headers compile"
	fi
done
