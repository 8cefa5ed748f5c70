#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/man.sh - docs/pagewalk.1 renders cleanly and documents every
# command, option and exit status of the command line.
. "$(dirname "$0")/../lib.sh"

page=$PAGEWALK_ROOT/docs/pagewalk.1
check "man page exists" test -s "$page"
if command -v groff >/dev/null 2>&1; then
	warn=$(LC_ALL=C groff -man -ww -z "$page" 2>&1)
	check_eq "man page renders without groff warnings" "" "$warn"
	text=$(LC_ALL=C groff -man -Tascii -P-cbou "$page" 2>/dev/null)
else
	ok "# SKIP groff not installed"
	text=$(sed 's/\\-/-/g' "$page")
fi
for c in lesson replay record translate macros check dump exercise new-lesson lab grade; do
	check_contains "man page documents $c" "$text" "pagewalk $c"
done
for o in --lang --arch --help --version x86-32-pae x86-64-la57 XDG_STATE_HOME \
	 --cast --events --size --force --mem --access --user --seed --answers "--format md" \
	 --student --out --csv --lesson grades.csv lab-format.md \
	 --name --review --roster --deadline ID.journal --hold --stage-time --wp --smep --smap \
	 "EXIT STATUS" "home menu" lessons/ traces/; do
	check_contains "man page mentions $o" "$text" "$o"
done
# the home menu's example heading counts the lessons and traces of the tree
# (the menu lists them all: tests/tui/home_keys.sh)
n=$(ls "$PAGEWALK_ROOT"/lessons/*.yaml "$PAGEWALK_ROOT"/traces/*.yaml | wc -l)
check_contains "man page: the menu example counts the tree's $n lessons and traces" \
	"$(printf '%s\n' "$text" | tr '\n' ' ' | tr -s ' ')" "items 1-17 of $n\""
# the translate example in the page is what the program prints
run_pw translate 0xC0101234
flat=$(printf '%s\n' "$text" | sed 's/^ *//')
case "$flat" in
*"$OUT"*) ok "man page translate example is current" ;;
*) not_ok "man page translate example is current"; diag "pagewalk prints:" "$OUT" ;;
esac
