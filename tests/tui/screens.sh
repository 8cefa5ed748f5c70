#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/screens.sh - a few key screens kept whole, as tig's tests keep
# them: each is driven in tmux at 80x24 and its text (tmux capture-pane,
# trailing blanks trimmed) must equal tests/tui/screens/NAME.txt byte for
# byte. The other tui tests look for pieces of screens; these catch any
# change anywhere on a screen (layout, a word, a column).
#
# After an intended change, regenerate and review the difference:
#     UPDATE=1 tests/tui/screens.sh && git diff tests/tui/screens/
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1

DIR=tests/tui/screens
TRACE=traces/vmalloc-2level-qemu.yaml

# settled: the screen has not changed for 1.5 s (the lesson's animation
# frames are 0.5 s apart at its default speed). Only UPDATE=1 uses it, to
# save a screen nobody has seen yet; a check waits for the saved screen.
settled() {
	_now=$(tui_screen) _t=$(date +%s%N)
	if [ "$_now" != "$_settle_prev" ]; then _settle_prev=$_now _settle_since=$_t; return 1; fi
	[ $(( (_t - _settle_since) / 1000000 )) -ge 1500 ]
}

# same NAME EXPECTED-FILE ACTUAL-FILE: ok when the files are byte for byte equal.
same() {
	if cmp -s "$2" "$3"; then ok "$1"
	else not_ok "$1"; diff -u "$2" "$3" | diag "$(cat)"; fi
}

# screen NAME LANG WAIT-TEXT CMD KEYS...: run CMD at 80x24 in LANG, wait for
# WAIT-TEXT, send KEYS, wait for the screen to equal DIR/NAME.LANG.txt (a
# diff when it never does); UPDATE=1: save it there once it has settled.
screen() {
	_name=$1 _lang=$2 _wait=$3 _cmd=$4; shift 4
	rm -rf "$XDG_STATE_HOME"
	# (no linux-source-6.1 for these: the saved screens must hold no Linux
	# text, so Linux's pane shows its how-to-get-it sentence instead)
	tui_start 80 24 env -u PAGEWALK_LESSONS -u PAGEWALK_TRACES PAGEWALK_SEED=1 \
		PAGEWALK_LINUX_SOURCE=/nonexistent/linux-source-6.1.tar.xz \
		"$PAGEWALK" --lang "$_lang" $_cmd
	wait_for "$_wait" || return
	[ $# -gt 0 ] && tui_keys "$@"
	if [ -n "$UPDATE" ]; then
		_settle_prev=
		wait_until "$_name.$_lang: the screen settles" 60 settled
		tui_screen >"$DIR/$_name.$_lang.txt"
		ok "$_name.$_lang: saved to $DIR/$_name.$_lang.txt"
	elif [ ! -f "$DIR/$_name.$_lang.txt" ]; then
		not_ok "$_name.$_lang: $DIR/$_name.$_lang.txt exists (UPDATE=1 saves it)"
	else
		poll "$WAIT_SECS" screen_is "$(cat "$DIR/$_name.$_lang.txt")" ||
			diag "(the screen was not the saved one in $WAIT_SECS s: the last one follows)"
		tui_screen >"$TUI_TMP/$_name.$_lang.txt"
		same "$_name.$_lang: the whole 80x24 screen" "$DIR/$_name.$_lang.txt" "$TUI_TMP/$_name.$_lang.txt"
	fi
	tui_keys q
}

for lang in en ja; do
	screen home "$lang" "Enter" ""
	screen lesson-01-step1 "$lang" "1/14" "lesson 01"
	screen lesson-help "$lang" "1/14" "lesson 01" '?'
	# event 20 (the first vmalloc fault), stage 4: the failed walk
	screen replay-stage "$lang" "pagewalk replay" "replay $TRACE" ']' Right Right Right
done

# The comparison itself: one character changed must fail it.
if [ -z "$UPDATE" ] && [ -f "$DIR/home.en.txt" ]; then
	sed '2s/./#/2' "$DIR/home.en.txt" >"$TUI_TMP/changed.txt"
	if cmp -s "$DIR/home.en.txt" "$TUI_TMP/changed.txt"; then
		not_ok "one changed character is a difference (the edit did not change the file)"
	elif (same x "$DIR/home.en.txt" "$TUI_TMP/changed.txt" | grep -q '^not ok'); then
		ok "one changed character is a difference"
	else
		not_ok "one changed character is a difference"
	fi
fi
tui_stop
exit 0
