#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The README shows what the program shows: every screen capture in it is
# regenerated from the real program (tests/readme-captures.sh --check) and
# must match; every lessons/ and traces/ file the README and docs/ name exists
# (placeholders such as traces/NAME.yaml, lessons/08-x.yaml, NN-... aside).
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

out=$(tests/readme-captures.sh --check 2>&1)
if [ $? -eq 0 ]; then ok "README captures match the program ($out)"
else not_ok "README captures have drifted (tests/readme-captures.sh --update)"; diag "$out"; fi

# A copy with one changed character must be caught: the check can fail.
copy=$(mktemp)
sed 's/step 8\//step 9\//' README.md >"$copy"
# (the drifted capture never matches: no need to wait long for it)
if WAIT_SECS=2 tests/readme-captures.sh --check "$copy" >/dev/null 2>&1; then
	not_ok "a drifted capture is detected"
else ok "a drifted capture is detected"; fi
rm -f "$copy"

for f in $(grep -ohE '(lessons|traces)/[A-Za-z0-9_.-]+\.yaml' README.md docs/*.md docs/pagewalk.1 |
	grep -vE '(/|-)x\.yaml$|NAME|/NN-' | sort -u); do
	if [ -f "$f" ]; then ok "docs name an existing file: $f"
	else not_ok "docs name a missing file: $f"; grep -nF "$f" README.md docs/*.md docs/pagewalk.1 | diag "$(cat)"; fi
done
