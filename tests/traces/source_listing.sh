#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/traces/source_listing.sh - a trace's frames name regular files of
# linux-source-6.1: once the package's listing is known (its member map,
# made by the first use), a frame at a directory (`at: "drivers:1"`, which
# once had tar write 1.2 GB of a subtree) or a symlink is refused when the
# trace loads, at the frame's FILE:LINE:COL, before anything is extracted;
# a name the package lacks too, when the trace says it was recorded on
# this very upload. Without a listing the trace loads, and the extraction
# writes only the regular files asked for.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

need_source
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
GOOD=tests/traces/good/linux-calls.yaml

# the package's listing: the member map of this test cache (made once)
run_pw check lessons/08-kernel-fault.yaml
check "the member map is made" test -s "$XDG_CACHE_HOME/pagewalk/linux-$VER/members.map"

# at FILE SOURCE OUT: the good trace, its third frame at FILE, its
# kernel-source SOURCE
at() {
	sed -e "s|^  kernel-source: .*|  kernel-source: \"$2\"|" \
	    -e '0,/do_user_addr_fault, at: "arch\/x86\/mm\/fault.c:1338"/s||do_user_addr_fault, at: "'"$1"':1"|' \
	    "$GOOD" >"$3"
}
line=$(grep -n 'do_user_addr_fault, at:' "$GOOD" | head -1 | cut -d: -f1)

for d in drivers fs include arch; do
	at "$d" "linux-source-6.1" "$T/$d.yaml"
	run_pw dump "$T/$d.yaml"
	check_eq "a frame at $d: exit 1" 1 "$RC"
	check_eq "a frame at $d: refused at its place" \
		"$T/$d.yaml:$line:9: calls: $d is a directory of linux-source-6.1 $VER, not a file" "$ERR"
done
at Documentation/Changes "linux-source-6.1" "$T/link.yaml"
run_pw check "$T/link.yaml"
check_eq "a frame at a symlink: refused" \
	"$T/link.yaml:$line:9: calls: Documentation/Changes is a symbolic link of linux-source-6.1 $VER, not a file" "$ERR"
at mm/nothere.c "linux-source-6.1 $VER" "$T/gone.yaml"
run_pw check "$T/gone.yaml"
check_eq "a name this upload lacks, in a trace of this upload: refused" \
	"$T/gone.yaml:$line:9: calls: mm/nothere.c is not in linux-source-6.1 $VER" "$ERR"
at mm/nothere.c "linux-source-6.1 6.1.999-1" "$T/other.yaml"
run_pw check "$T/other.yaml"
check_eq "the same name in a trace of another upload: it loads (the pane will say)" 0 "$RC"

# ---- no listing yet: it loads; only regular files asked for are written ----
C=$T/cold
XDG_CACHE_HOME=$C PAGEWALK_CACHE=$T/kcache run_pw check "$T/drivers.yaml"
check_eq "no listing yet: a frame at drivers loads" 0 "$RC"
XDG_CACHE_HOME=$C PAGEWALK_CACHE=$T/kcache run_pw replay "$T/drivers.yaml" --cast "$T/d.cast"
check_eq "no listing yet: the cast is made" 0 "$RC"
# what the replayer and the catalog's lessons show, and the map: no subtree
{ source_files | sed 's|^|./linux-source-6.1/|'; echo ./members.map; } >"$T/want"
(cd "$C/pagewalk/linux-$VER" && find . -type f) >"$T/got"
check_eq "no listing yet: nothing of drivers/ written" "" "$(find "$C" -path '*/drivers*')"
check_eq "no listing yet: only regular files pagewalk shows, and the map" "" \
	"$(grep -vxF -f "$T/want" "$T/got")"
check "no listing yet: (the check sees the files)" grep -q 'mm/memory.c$' "$T/got"
check_contains "no listing yet: the replayer was told why" "$(cat "$T/d.cast")" "drivers is a directory of linux-source-6.1"
exit 0
