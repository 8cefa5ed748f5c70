#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# One Japanese word per term: every "not" word of docs/glossary-ja.md is
# absent from the lessons, the program's strings, the README and the docs.
# (What the Japanese screens really show is checked by tests/tui/fit.sh
# with tests/tui/ja_words.py.)
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
G=docs/glossary-ja.md

rows=$(grep '^| [^E-][^|]* | [^|]* | `' "$G")
check "glossary has its rows" test "$(printf '%s\n' "$rows" | grep -c .)" -ge 10
files=$(ls lessons/*.yaml tui/*.c tui/*/*.c tui/*/*.h engine/*/*.c engine/*/*.h README.md docs/*.md docs/pagewalk.1 |
	grep -v "^$G\$")
printf '%s\n' "$rows" | while IFS='|' read -r _ en ja not _; do
	en=$(echo "$en" | sed 's/^ *//; s/ *$//')
	ja=$(echo "$ja" | sed 's/^ *//; s/ *$//')
	# each `...` of the "not" column is one pattern
	echo "$not" | grep -o '`[^`]*`' | tr -d '`' | while read -r re; do
		hits=$(grep -nE "$re" $files)
		if [ -z "$hits" ]; then ok "glossary: $en is $ja, never /$re/"
		else not_ok "glossary: $en is $ja, never /$re/"; diag "$hits"; fi
	done
done
