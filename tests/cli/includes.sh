#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/includes.sh - includes say where a thing comes from (issue 21):
# the compiler searches only engine/ and tui/, so a file names another
# group's header by its group ("trace/trace.h", "screen/app.h"), and a
# group's private headers (*_int.h) are included by bare name from their
# own folder and from nowhere else. The checker is tested on a planted
# violation of each rule first, so it cannot pass by seeing nothing.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

# violations ROOT: one line per include that breaks a rule, under ROOT.
violations() {
	(cd "$1" && for f in engine/*/*.[ch] tui/*.[ch] tui/*/*.[ch] tests/*/*.c; do
		[ -f "$f" ] || continue
		d=$(dirname "$f")
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
		while IFS= read -r h; do
			case $h in
			*_int.h)
				case $h in */*) echo "$f: private header $h named through a path" ;; esac
				[ -f "$d/$h" ] || echo "$f: private header $h is not in its own folder $d" ;;
			*/*)
				[ -f "engine/$h" ] || [ -f "tui/$h" ] ||
					echo "$f: $h is neither engine/$h nor tui/$h" ;;
			*)
				case $f in tests/*) [ -f "$d/$h" ] && continue ;; esac
				echo "$f: bare include $h (name its group: \"group/$h\")" ;;
			esac
		done
	done)
}

check_eq "every include in engine/, tui/ and tests/ follows the rules" "" "$(violations .)"
check "the Makefile searches only engine/ and tui/ for headers" \
	sh -c "grep -q -- '-Iengine -Itui ' Makefile && ! grep -q -- '-Iengine/' Makefile"

# The checker sees each kind of violation (a scratch copy of two files).
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/engine/lesson" "$T/engine/trace" "$T/tui/cmd"
cp engine/lesson/load_int.h engine/lesson/lesson.h "$T/engine/lesson/"
cp engine/trace/trace.h "$T/engine/trace/"
printf '#include "lesson/load_int.h"\n' >"$T/engine/trace/a.c"
printf '#include "load_int.h"\n' >"$T/tui/cmd/b.c"
printf '#include "trace.h"\n' >"$T/tui/cmd/c.c"
printf '#include "lesson/nosuch.h"\n' >"$T/tui/cmd/d.c"
out=$(violations "$T")
check_contains "witness: a private header through another group's path" "$out" "engine/trace/a.c: private header lesson/load_int.h"
check_contains "witness: a private header from another folder" "$out" "tui/cmd/b.c: private header load_int.h is not in its own folder"
check_contains "witness: a bare include of a group header" "$out" "tui/cmd/c.c: bare include trace.h"
check_contains "witness: a header that is not there" "$out" "tui/cmd/d.c: lesson/nosuch.h is neither"
