#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/lessons/excerpts.sh - every lesson's code excerpt is a reference into
# Linux v6.1 that holds what the lesson says, checked two ways against the
# installed linux-source-6.1: by `pagewalk check` (the engine) and here with
# tar, sed and grep (independently of the engine). Lessons hold no kernel
# text. A lesson whose excerpt points at the wrong lines is rejected with
# FILE:LINE:COL; without the package, check says what it could not verify.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

TARBALL=/usr/src/linux-source-6.1.tar.xz
VER=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"   # a cold cache of our own

if [ ! -f "$TARBALL" ]; then
	not_ok "linux-source-6.1 is installed (make check installs it)"
	exit 0
fi

# "LESSON FILE FIRST LAST SYMBOL" for every excerpt of the `code:` tables.
awk '
FNR == 1 { incode = 0 }
/^code:/ { incode = 1; next }
/^[a-z]/ { incode = 0 }
incode && /^    file:/ { file = $2 }
incode && /^    lines:/ { gsub(/"/, "", $2); split($2, r, "-"); first = r[1]; last = r[2] }
incode && /^    symbol:/ { print FILENAME, file, first, last, $2 }
' lessons/*.yaml >"$tmp/refs"
n=$(wc -l <"$tmp/refs")
check "the lessons name excerpts ($n)" test "$n" -ge 20

# No lesson holds kernel text: no `source:` key, every excerpt is v6.1.
check "no lesson has a source: block" sh -c '! grep -n "^ *source:" lessons/*.yaml'
check "every excerpt is v6.1" sh -c '! grep -n "^    version:" lessons/*.yaml | grep -v "version: v6.1$"'

# Independently: each range is inside its file and holds its symbol.
# (lib.sh's linux_ref extracts them, once a run, with what others read)
awk '{ print "linux-source-6.1/" $2 }' "$tmp/refs" | sort -u >"$tmp/members"
: "${PW_SHARED:=$tmp/shared}"
linux_ref || not_ok "the excerpts' files from $TARBALL"
while read -r lesson file first last symbol; do
	src=$LINUX_REF/$file
	total=$(wc -l <"$src")
	if [ "$last" -le "$total" ] && sed -n "${first},${last}p" "$src" | grep -qw -- "$symbol"; then
		ok "$lesson: $file $first-$last holds $symbol"
	else
		not_ok "$lesson: $file $first-$last holds $symbol"
		diag "file has $total lines" "$(sed -n "${first},${last}p" "$src" | head -3)"
	fi
done <"$tmp/refs"

# The engine agrees, from a cold cache, and extracts only what it needs.
run_pw check -v lessons/*.yaml
check_eq "check: every lesson verified" 0 "$RC"
check "check -v does not say 'not verified'" sh -c "! printf '%s' \"\$1\" | grep -q 'not verified'" sh "$OUT"
# ... and the replayer's, in the same run (not the Makefile: dpkg says
# which 6.1.N the package's own tarball is):
# the player's first lesson or replay opens without extracting
{ cat "$tmp/members"; printf 'linux-source-6.1/%s\n' arch/x86/mm/fault.c mm/memory.c; } |
	sort -u >"$tmp/wanted"
(cd "$tmp"/cache/pagewalk/linux-* && find linux-source-6.1 -type f | sort) >"$tmp/got"
check_eq "the cache holds exactly the files the lessons and the replayer name" \
	"$(cat "$tmp/wanted")" "$(cat "$tmp/got")"
check "no temporary directory left in the cache" sh -c "! ls -d '$tmp'/cache/pagewalk/linux-*/tmp-* 2>/dev/null"

# The package's listing (its member map, made above) refuses a directory,
# a symlink, or a name the pinned upload lacks, at the file's place, when
# the lesson loads: nothing is extracted (a `file: Documentation` once had
# tar write 27 s of a subtree, then failed without a place).
for f in Documentation Documentation/Changes mm/nothere.c; do
	printf '%s\n' 'title: Dir' 'arch: x86-32' 'code:' \
		"  f: {file: $f, version: v6.1, lines: 1-2, symbol: x}" \
		'steps:' '  - kind: code' '    code: {ref: f, highlight: [1]}' >"$tmp/dir.yaml"
	before=$(find "$tmp/cache" -type f | wc -l)
	run_pw check "$tmp/dir.yaml"
	check_eq "file: $f: exit 1" 1 "$RC"
	case $f in
	Documentation) why="is a directory of linux-source-6.1 $VER, not a file" ;;
	*/Changes) why="is a symbolic link of linux-source-6.1 $VER, not a file" ;;
	*) why="is not in linux-source-6.1 $VER" ;;
	esac
	check_eq "file: $f: refused at its place" "$tmp/dir.yaml:4:13: $f $why" "$ERR"
	check_eq "file: $f: nothing extracted" "$before" "$(find "$tmp/cache" -type f | wc -l)"
done

# A wrong symbol or a range outside the file: rejected, with the excerpt's place.
sed 's/symbol: vmalloc_fault$/symbol: no_such_function/' lessons/08-kernel-fault.yaml >"$tmp/08-wrong.yaml"
line=$(grep -n "symbol: no_such_function" "$tmp/08-wrong.yaml" | cut -d: -f1)
run_pw check "$tmp/08-wrong.yaml"
check_eq "wrong symbol: exit 1" 1 "$RC"
check_contains "wrong symbol: FILE:LINE:COL and the range" "$ERR" \
	"$tmp/08-wrong.yaml:$((line - 3)):5: no_such_function is not in lines"
printf '%s\n' 'title: Outside' 'arch: x86-32' 'code:' \
	'  f: {file: arch/x86/mm/fault.c, version: v6.1, lines: 99000-99010, symbol: vmalloc_fault}' \
	'steps:' '  - kind: code' '    code: {ref: f, highlight: [99001]}' >"$tmp/08-outside.yaml"
run_pw check "$tmp/08-outside.yaml"
check_eq "range outside the file: exit 1" 1 "$RC"
check_contains "range outside the file: said so" "$ERR" \
	"$tmp/08-outside.yaml:4:6: lines 99000-99010 are outside arch/x86/mm/fault.c"

# Without the package the lessons still load; check says what it could not do.
PAGEWALK_LINUX_SOURCE=$tmp/none.tar.xz run_pw check -v lessons/08-kernel-fault.yaml
check_eq "no package: check still passes" 0 "$RC"
check_contains "no package: says the excerpts are not verified" "$OUT" \
	"code excerpts not verified: linux-source-6.1 is not installed"

# ---- another Debian upload: the lessons' ranges are for LINUXSRC_PINNED ----
# A tarball of our making from the files above, its Makefile saying
# 6.1.SUB, with five lines inserted at the top of fault.c
# (PAGEWALK_LINUX_SOURCE: its version comes from its Makefile).
# upload SUB SED: build it, sed applied to fault.c
upload() {
	rm -rf "$tmp/up" "$tmp/upcache"
	mkdir -p "$tmp/up"
	cp -r "$LINUX_REF" "$tmp/up/"
	printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = %s\nEXTRAVERSION =\n' "$1" \
		>"$tmp/up/linux-source-6.1/Makefile"
	sed -i "$2" "$tmp/up/linux-source-6.1/arch/x86/mm/fault.c"
	tar -cJf "$tmp/up/linux-source-6.1.tar.xz" -C "$tmp/up" linux-source-6.1
}
shift5='1i\
\
\
\
\
'
vline=$(grep -n "^  vfault:" lessons/08-kernel-fault.yaml | cut -d: -f1)
upload 200 "$shift5"
XDG_CACHE_HOME=$tmp/upcache PAGEWALK_LINUX_SOURCE=$tmp/up/linux-source-6.1.tar.xz \
	run_pw check lessons/08-kernel-fault.yaml
check_eq "6.1.200, lines moved: check passes (exit 0)" 0 "$RC"
check_contains "6.1.200, lines moved: a warning at the excerpt, with the new lines" "$ERR" \
	"lessons/08-kernel-fault.yaml:$((vline + 1)):5: warning: arch/x86/mm/fault.c lines 173-260 (vmalloc_fault) moved in linux-source-6.1 6.1.200: now 178-265 (the lessons' lines are for 6.1.192-3)"
check "6.1.200: pgtable.c did not move, no warning for it" sh -c "! printf '%s' \"\$1\" | grep -q pgtable.c" sh "$ERR"
# the same text claiming to be the pinned upload: the ranges must hold
upload 192 "$shift5"
XDG_CACHE_HOME=$tmp/upcache PAGEWALK_LINUX_SOURCE=$tmp/up/linux-source-6.1.tar.xz \
	run_pw check lessons/08-kernel-fault.yaml
check_eq "6.1.192 with moved lines: exit 1" 1 "$RC"
check_contains "6.1.192 with moved lines: the excerpt's symbol_line is wrong" "$ERR" \
	"lessons/08-kernel-fault.yaml:$((vline + 1)):5: vmalloc_fault is not on line"
# another upload without the function: an error
upload 200 's/vmalloc_fault/vmalloc_fixup/g'
XDG_CACHE_HOME=$tmp/upcache PAGEWALK_LINUX_SOURCE=$tmp/up/linux-source-6.1.tar.xz \
	run_pw check lessons/08-kernel-fault.yaml
check_eq "6.1.200 without vmalloc_fault: exit 1" 1 "$RC"
check_contains "6.1.200 without vmalloc_fault: said so" "$ERR" \
	"lessons/08-kernel-fault.yaml:$((vline + 1)):5: vmalloc_fault is no longer in arch/x86/mm/fault.c (linux-source-6.1 6.1.200"
