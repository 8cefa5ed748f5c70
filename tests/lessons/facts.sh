#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/lessons/facts.sh - kernel facts the lessons state, checked against
# Linux 6.1's source read from the installed linux-source-6.1 at test time
# (never from a copy): tests/lessons/facts.py reads what lessons 06, 07, 08
# and 11 say and what pgtable.h, pgtable_types.h, trap_pf.h, fault.c,
# huge_mm.h, entry/calling.h, mm/pti.c and pgtable_64_types.h hold.
# Then the engine: a lesson written here from trap_pf.h's enum (every
# "bit N, `X86_PF_NAME`") passes `pagewalk check`, so the engine's error-code
# table (engine/paging/fault.c) knows 6.1's names at their bits, and the
# same lesson with two names swapped is refused. Each check is shown to
# fail once on a lesson edited back to a wrong fact.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

PY=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pw-facts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$LINUX_TARBALL" ]; then
	not_ok "linux-source-6.1 is installed (make check installs it)"
	exit 0
fi
# pgtable.h, pgtable_types.h, trap_pf.h and fault.c: lib.sh's linux_ref
# extracts them (once a run, with what the other scripts read)
: "${PW_SHARED:=$tmp/shared}"
linux_ref
check "extracted the four files from $LINUX_TARBALL" test -f "$LINUX_REF/arch/x86/include/asm/trap_pf.h" \
	-a -f "$LINUX_REF/arch/x86/include/asm/pgtable.h" -a -f "$LINUX_REF/arch/x86/include/asm/pgtable_types.h" \
	-a -f "$LINUX_REF/arch/x86/mm/fault.c"
REF=$(dirname "$LINUX_REF")

"$PY" tests/lessons/facts.py "$REF" lessons

# The checks are not vacuous: each lesson edited back to a wrong fact.
mkdir -p "$tmp/wrong"
cp lessons/*.yaml "$tmp/wrong/"
sed -i 's/bit 4, `X86_PF_INSTR`/bit 4, `I`/' "$tmp/wrong/07-page-fault.yaml"
sed -i 's/`_PAGE_KNL_ERRATUM_MASK`, which/the bits, which/' "$tmp/wrong/06-entry-types.yaml"
sed -i 's/"BUG: unable to handle page fault/"BUG: unable to handle kernel paging request/' \
	"$tmp/wrong/08-kernel-fault.yaml"
sed -i 's/`(1 << PTI_USER_PGTABLE_BIT)`/`(1 << PGDIR_SHIFT)`/' "$tmp/wrong/11-huge-pages-two-tables.yaml"
sed -i 's/^    tables_at: 0x1c7000$/    tables_at: 0x1c8000/' "$tmp/wrong/11-huge-pages-two-tables.yaml"
sed -i 's/`CPU_ENTRY_AREA_PGD` is `-4`/`CPU_ENTRY_AREA_PGD` is `-2`/' "$tmp/wrong/11-huge-pages-two-tables.yaml"
"$PY" tests/lessons/facts.py "$REF" "$tmp/wrong" >"$tmp/wrong.out"
for what in "07-page-fault.yaml (en): the bits listed" "06-entry-types.yaml (en): pte_none()" \
	"08-kernel-fault.yaml (en): the oops line" \
	"11-huge-pages-two-tables.yaml (en): PTI_USER_PGTABLE_MASK" \
	"11-huge-pages-two-tables.yaml: the user-mode quiz walks the page after" \
	"11-huge-pages-two-tables.yaml (en): the user copy's own pgd"; do
	check "a lesson with a wrong fact fails: $what" grep -q "^not ok - $what" "$tmp/wrong.out"
done

# The engine holds lesson 07's names: a lesson listing 6.1's enum.
enum=$(sed -n 's/^[[:space:]]*\(X86_PF_[A-Z]*\)[[:space:]]*=[[:space:]]*1 << \([0-9]*\),.*/\2 \1/p' \
	"$LINUX_REF/arch/x86/include/asm/trap_pf.h")
check "trap_pf.h's enum read ($(echo "$enum" | wc -l) names)" test "$(echo "$enum" | wc -l)" -ge 7
{
	printf 'title: Facts\narch: x86-32\nsteps:\n  - kind: text\n    text: |\n'
	printf '      Linux 6.1 names the error-code bits:\n\n'
	echo "$enum" | while read -r bit name; do printf '      - bit %s, `%s`: one of them\n' "$bit" "$name"; done
} >"$tmp/names.yaml"
run_pw check "$tmp/names.yaml"
check_eq "the engine knows every 6.1 trap_pf.h name at its bit (pagewalk check)" "0 " "$RC $ERR"
sed -e 's/`X86_PF_WRITE`/`X86_PF_TMP`/' -e 's/`X86_PF_USER`/`X86_PF_WRITE`/' \
	-e 's/`X86_PF_TMP`/`X86_PF_USER`/' "$tmp/names.yaml" >"$tmp/swapped.yaml"
run_pw check "$tmp/swapped.yaml"
check_eq "... and refuses two of them swapped" 1 "$RC"
check_contains "... at the first swapped name" "$ERR" "swapped.yaml:9:13: that flag is bit 2, not bit 1"
exit 0
