#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/play_every_lesson.sh - every shipped lesson plays from its first step to
# its last in tmux at 80x24, in English and in Japanese: each step's counter
# appears, no loader/quiz error (FILE:LINE:COL) or size complaint is ever on
# screen, every quiz shows its answer field and grades a typed answer, and
# the last step ends the lesson.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
cd "$PAGEWALK_ROOT" || exit 1

# bad_screen: prints what is wrong with the screen now, nothing if fine.
bad_screen() {
	_s=$(tui_screen)
	case "$_s" in
	*".yaml:"[0-9]*) echo "an error location is on screen" ;;
	*"too small"*|*"小さすぎ"*) echo "terminal too small" ;;
	*"EXITED"*) echo "the player exited" ;;
	esac
}

# play FILE LANG: step through the lesson; one ok/not ok line for the lesson.
play() {
	_f=$1 _lang=$2
	if [ "$_lang" = ja ]; then _word="ステップ" _ans="答え:" _end="レッスンの終わり"
	else _word="step" _ans="Answer:" _end="End of the lesson"; fi
	rm -rf "$XDG_STATE_HOME"
	_i=$((_i + 1)) TUI_SOCK=pw$$-$_i    # a fresh tmux server per run
	tui_start 80 24 "PAGEWALK_SEED=7 $PAGEWALK --lang $_lang lesson $_f"
	wait_for "$_word 1/" || return
	_n=$(tui_screen | sed -n "s|.*$_word 1/\([0-9]*\).*|\1|p" | head -1)
	_k=1 _why=
	while [ "$_k" -le "$_n" ]; do
		if ! poll "$WAIT_SECS" on_screen "$_word $_k/$_n"; then _why="step $_k/$_n never shown"; break; fi
		_why=$(bad_screen)
		[ -n "$_why" ] && { _why="step $_k: $_why"; break; }
		case "$(tui_screen)" in
		*"$_ans"*)      # a quiz: type an answer, see it graded, leave the field
			tui_keys Enter 0 Enter
			if ! poll "$WAIT_SECS" on_any "✗" "✓" "•"; then
				_why="step $_k: quiz answer not graded"; break
			fi
			tui_keys Escape ;;
		esac
		if [ "$_k" -eq "$_n" ]; then
			tui_keys n
			poll "$WAIT_SECS" on_screen "$_end" || _why="last step: no end-of-lesson message"
			break
		fi
		_t=0     # n finishes an animation first, then moves on
		while [ $_t -lt 4 ]; do
			tui_keys n
			poll 1 on_screen "$_word $((_k + 1))/$_n" && break
			_t=$((_t + 1))
		done
		_k=$((_k + 1))
	done
	if [ -z "$_why" ]; then
		ok "$_lang: $_f plays all $_n steps"
	else
		not_ok "$_lang: $_f plays to the end"
		diag "$_why" "screen:"; tui_screen | diag "$(cat)"
	fi
	tui_keys q
	check_screen "$_lang: $_f quits cleanly" "EXITED 0"
	tui_stop
}

_i=0

for f in lessons/[0-9][0-9]-*.yaml; do
	play "$f" en
	play "$f" ja
done
