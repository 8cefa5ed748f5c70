#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/terminal.sh - hostile terminal conditions: TERM=dumb and an
# unknown TERM, a non-UTF-8 locale, a resize storm, and SIGINT/SIGTERM/SIGHUP
# while the player runs (the process exits and the terminal is restored:
# icanon and echo back on, the alternate screen left).
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
FIX=$PAGEWALK_ROOT/tests/tui/fixtures
LESSON=$FIX/lessons/basic.yaml
[ -f "$LESSON" ] || LESSON=$FIX/basic.yaml

# After pagewalk exits the pane prints its status and the tty modes.
AFTER="echo RC=\$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)\$' | tr '\\n' ' '; echo TTY-END"

# ---- TERM=dumb, TERM=unknown: a clear message or a degraded screen ------
for term in dumb unknown-xyz; do
	tui_start 80 24 "TERM=$term $PAGEWALK lesson $LESSON; $AFTER"
	wait_for "step 1/5" 3 || wait_for "TTY-END" 2
	before=$(tui_screen)
	tui_keys q
	if wait_for "TTY-END" 5; then
		scr=$(tui_screen)
		case "$scr" in
		*"RC=0"*|*"RC=1"*) ok "TERM=$term: exits 0 or 1 (no crash)" ;;
		*) not_ok "TERM=$term: exits 0 or 1 (no crash)"; diag "$scr" ;;
		esac
		case "$scr" in
		*"RC=1"*) check_contains "TERM=$term: the message names TERM" "$scr" "TERM=$term" ;;
		*) check_contains "TERM=$term: degraded screen showed the lesson" "$before" "step 1/5" ;;
		esac
		check_contains "TERM=$term: terminal restored (icanon echo)" "$scr" "icanon echo "
	else
		not_ok "TERM=$term: pagewalk exits"; tui_screen | diag "$(cat)"
	fi
done

# ---- non-UTF-8 locale ---------------------------------------------------
TUI_LANG=C
tui_start 80 24 "$PAGEWALK lesson $LESSON"
check_screen "LANG=C: the lesson opens (ASCII)" "step 1/5"
tui_keys q
check_screen "LANG=C: quits" "EXITED 0"
tui_start 80 24 "$PAGEWALK --lang ja lesson $LESSON"
check_screen "LANG=C --lang ja: a clear notice about the locale" "not UTF-8"
tui_keys q
check_screen "LANG=C --lang ja: quits" "EXITED 0"
unset TUI_LANG

# ---- a resize storm, then the screen is right -----------------------------
tui_start 80 24 "$PAGEWALK lesson $LESSON"
check_screen "storm: lesson open" "step 1/5"
tui_keys n
check_screen "storm: split step" "SPLITTEXT"
i=0
for sz in 40x10 120x40 30x5 200x60 81x25 20x3 100x30 60x15 132x43 45x12 \
          90x20 10x2 150x50 70x22 79x23 33x9 110x35 41x11 95x28 80x24; do
	tui resize-window -x "${sz%x*}" -y "${sz#*x}"
	i=$((i + 1))
done
check_screen "storm: 20 resizes: the step is drawn again" "SPLITTEXT pgd 3, pmd 5" 5
check_screen "storm: the title bar is back" "step 2/5"
check_not_screen "storm: no too-small message left" "too small"
tui_keys n
check_screen "storm: keys still work" "WALKTEXT"
tui_keys q
check_screen "storm: quits" "EXITED 0"

# ---- progress directory that cannot be created: the lesson still plays -------
: >"$TUI_TMP/a-file"
tui_start 80 24 "XDG_STATE_HOME=$TUI_TMP/a-file/state $PAGEWALK lesson $LESSON"
check_screen "unwritable progress dir: a notice" "cannot create the progress directory" 5
check_screen "unwritable progress dir: the lesson plays" "step 1/5"
tui_keys n
check_screen "unwritable progress dir: next step" "step 2/5"
tui_keys q
check_screen "unwritable progress dir: quits 0" "EXITED 0"

# ---- signals: the process exits, the terminal is restored -----------------
SIGL=$TUI_TMP/signal-$$.yaml
cp "$LESSON" "$SIGL"
for sig in INT TERM HUP; do
	tui_start 80 24 "$PAGEWALK lesson $SIGL; $AFTER"
	check_screen "SIG$sig: player up" "step 1/5"
	pid=$(pgrep -f "^$PAGEWALK lesson $SIGL" | head -n 1)
	if [ -n "$pid" ]; then
		kill -s "$sig" "$pid"
		if wait_for "TTY-END" 5; then
			ok "SIG$sig: pagewalk exits"
			scr=$(tui_screen)
			check_contains "SIG$sig: icanon and echo back on" "$scr" "icanon echo "
			check_not_screen "SIG$sig: alternate screen left (player gone)" "step 1/5"
		else
			not_ok "SIG$sig: pagewalk exits"; tui_screen | diag "$(cat)"
			kill -9 "$pid" 2>/dev/null
		fi
	else
		not_ok "SIG$sig: found the player's pid"
	fi
done
exit 0
