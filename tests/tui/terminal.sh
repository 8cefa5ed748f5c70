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
	wait_any "$WAIT_SECS" "step 1/5" "TTY-END"
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
# (tmux hands a resize to the pane a moment later: wait for the whole
# picture at 80x24, the title's right end included, and no message)
storm_over() { on_screen "SPLITTEXT pgd 3, pmd 5" && on_screen "step 2/5" && off_screen "too small"; }
poll "$WAIT_SECS" storm_over || diag "the storm's end not drawn in $WAIT_SECS s"
check_screen "storm: 20 resizes: the step is drawn again" "SPLITTEXT pgd 3, pmd 5"
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
# tmux's view of the pane: "ALT=1 CURSOR=0" while the player owns it.
pane_modes() { tui display -p 'ALT=#{alternate_on} CURSOR=#{cursor_flag}'; }
modes_are() { [ "$(pane_modes)" = "$1" ]; }
# tty_modes TTY: its icanon and echo flags, "-icanon -echo " when raw.
tty_modes() { stty -F "$1" -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' '; }
tty_modes_are() { [ "$(tty_modes "$1")" = "$2" ]; }
for signum in INT:2 TERM:15 HUP:1 QUIT:3 USR1:10 PIPE:13 ALRM:14; do
	sig=${signum%:*} num=${signum#*:}
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
			check_eq "SIG$sig: alternate screen off, cursor shown" "ALT=0 CURSOR=1" "$(pane_modes)"
			check_contains "SIG$sig: exit status 128+N" "$scr" "RC=$((128 + num))"
		else
			not_ok "SIG$sig: pagewalk exits"; tui_screen | diag "$(cat)"
			kill -9 "$pid" 2>/dev/null
		fi
	else
		not_ok "SIG$sig: found the player's pid"
	fi
done

# ---- Ctrl-Z (SIGTSTP), fg (SIGCONT): suspend gives the terminal back, resume repaints ----
# The pane's shell runs with job control (set -m), as an interactive one does:
# when the player stops, the shell prints the tty modes and reads a line
# (cooked input works), then `fg` resumes the player.
cat >"$TUI_TMP/jobctl.sh" <<EOF
set -m
"$PAGEWALK" lesson "$SIGL"
echo SUSPENDED; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)\$' | tr '\\n' ' '; echo MODES-END
read line; echo "READ:\$line"
fg >/dev/null
$AFTER
EOF
tui_start 80 24 "sh $TUI_TMP/jobctl.sh"
check_screen "Ctrl-Z: player up" "step 1/5"
tui_keys n
check_screen "Ctrl-Z: step 2" "step 2/5"
tui_keys C-z
if wait_for "MODES-END" 5; then
	ok "Ctrl-Z: the player stops, the shell has the terminal"
	check_contains "Ctrl-Z: the tty is back in cooked mode" "$(tui_screen)" "icanon echo MODES-END"
	check_eq "Ctrl-Z: alternate screen off, cursor shown" "ALT=0 CURSOR=1" "$(pane_modes)"
	tui_keys "typed" Enter
	check_screen "fg: the step is drawn again" "step 2/5"
	check_poll "fg: alternate screen on, cursor hidden" "$WAIT_SECS" modes_are "ALT=1 CURSOR=0"
	tui_keys n
	check_screen "fg: keys work" "step 3/5"
	tui_keys q
	if wait_for "TTY-END" 5; then
		scr=$(tui_screen)
		check_contains "Ctrl-Z: the shell read a cooked line meanwhile" "$scr" "READ:typed"
		check_contains "fg: quits 0" "$scr" "RC=0"
		check_contains "fg: terminal restored at exit" "$scr" "icanon echo TTY-END"
	else
		not_ok "fg: quits"; tui_screen | diag "$(cat)"
	fi
else
	not_ok "Ctrl-Z: the player stops, the shell has the terminal"; tui_screen | diag "$(cat)"
fi

# ---- SIGSTOP from outside, modes changed meanwhile, SIGCONT: raw again ----
SIGL=$TUI_TMP/sigstop-$$.yaml
cp "$LESSON" "$SIGL"
tui_start 80 24 "$PAGEWALK lesson $SIGL; $AFTER"
check_screen "SIGSTOP: player up" "step 1/5"
pid=$(pgrep -f "^$PAGEWALK lesson $SIGL" | head -n 1)
tty=$(tui display -p '#{pane_tty}')
if [ -n "$pid" ]; then
	kill -s STOP "$pid"
	wait_until "SIGSTOP: the player is stopped" "$WAIT_SECS" proc_stopped "$pid"
	stty -F "$tty" icanon echo
	check_eq "SIGSTOP: the modes changed meanwhile" "icanon echo " "$(tty_modes "$tty")"
	kill -s CONT "$pid"
	check_poll "SIGCONT: the player sets raw mode again" "$WAIT_SECS" tty_modes_are "$tty" "-icanon -echo "
	tui_keys n
	check_screen "SIGCONT: keys work" "step 2/5"
	tui_keys q
	check_screen "SIGCONT: quits" "TTY-END"
else
	not_ok "SIGSTOP: found the player's pid"
fi
exit 0
