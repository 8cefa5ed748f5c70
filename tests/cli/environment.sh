#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/environment.sh - the environment is read in one place (issue
# 21): engine/util/env.c is the only file of engine/ and tui/ that calls
# getenv(), and every variable it reads is in the man page's ENVIRONMENT
# section. Both checks are shown a planted violation first.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

# readers ROOT: the files under ROOT's engine/ and tui/ that call getenv,
# other than engine/util/env.c (comment lines left out).
readers() {
	(cd "$1" && grep -ln 'getenv[[:space:]]*(' engine/*/*.c tui/*.c tui/*/*.c 2>/dev/null |
		grep -v '^engine/util/env\.c$' | while IFS= read -r f; do
			grep -v '^[[:space:]]*\(/\*\|\*\)' "$f" | grep -q 'getenv[[:space:]]*(' && echo "$f"
		done)
}

# undocumented ENVC PAGE: the variables ENVC reads that PAGE's ENVIRONMENT
# section does not name.
undocumented() {
	section=$(sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$2" | sed 's/\\-/-/g')
	sed -n 's/.*getenv("\([A-Z_]*\)").*/\1/p' "$1" | while IFS= read -r v; do
		case $section in *"$v"*) ;; *) echo "$v" ;; esac
	done
}

check_eq "only engine/util/env.c calls getenv in engine/ and tui/" "" "$(readers .)"
check_eq "every variable env.c reads is in pagewalk(1)'s ENVIRONMENT" "" \
	"$(undocumented engine/util/env.c docs/pagewalk.1)"
n=$(grep -c 'getenv("' engine/util/env.c)
check "env.c reads the variables (at least 15: $n)" test "$n" -ge 15

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/engine/util" "$T/tui/screen"
cp engine/util/env.c "$T/engine/util/"
printf 'static const char *x(void) { return getenv("HOME"); }\n' >"$T/tui/screen/planted.c"
printf '/* getenv("HOME") in a comment is not a call */\n' >"$T/tui/screen/comment.c"
check_eq "witness: a getenv outside env.c is found (and a comment is not)" \
	"tui/screen/planted.c" "$(readers "$T")"
printf '\te->x = getenv("PAGEWALK_PLANTED");\n' >>"$T/engine/util/env.c"
check_eq "witness: an undocumented variable is found" "PAGEWALK_PLANTED" \
	"$(undocumented "$T/engine/util/env.c" docs/pagewalk.1)"
