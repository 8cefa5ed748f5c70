#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/play_every_lesson.sh - every shipped lesson plays from its first
# step to its last at 80x24, in English and in Japanese: each step's
# counter appears, no loader/quiz error (FILE:LINE:COL) or size complaint
# is ever on screen, every quiz grades a typed answer, the last step ends
# the lesson and q quits; nothing drawn on the way is cut (the draw-check
# witness). Headless (tests/tui/headless.c, as tests/tui/fit.sh), with
# another quiz seed than fit.sh's; lesson.sh plays a lesson in tmux.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/headless.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1

for f in lessons/[0-9][0-9]-*.yaml; do
	for lang in en ja; do
		sweep 7 80 24 "$lang" "$lang: $f" lesson "$f"
	done
done
exit 0
