#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/redraw.sh - Ctrl-L repaints the whole screen and changes nothing
# else: in the replayer (on a vmalloc fault, also while typing a search), in
# a lesson, on the home menu; the help lists it. The bytes sent to the
# terminal are checked in a pseudo-terminal (python3): Ctrl-L sends a clear
# and every line again, a stage step does not.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
TRACE=$PAGEWALK_ROOT/traces/vmalloc-2level-qemu.yaml
[ -f "$TRACE" ] || TRACE=$PAGEWALK_ROOT/tests/tui/fixtures/replay-synthetic.yaml
FIX=$PAGEWALK_ROOT/tests/tui/fixtures
LESSON=$FIX/lessons/basic.yaml
[ -f "$LESSON" ] || LESSON=$FIX/basic.yaml

# ---- replayer: same screen after Ctrl-L, same position ------------------
tui_start 80 24 "$PAGEWALK replay $TRACE"
check_screen "replay: opens" "event 1/"
tui_keys / v m a l l o c Enter Right Right
sleep 0.5
before=$(tui_screen)
tui_keys C-l
sleep 0.5
after=$(tui_screen)
check_eq "replay: Ctrl-L leaves the screen as it was (event, stage, text)" "$before" "$after"
tui_keys Right
sleep 0.3
check "replay: a step after Ctrl-L still moves" test "$(tui_screen)" != "$after"
# while typing a search: Ctrl-L inserts nothing
tui_keys 0
tui_keys / d e m C-l a n d Enter
sleep 0.5
typed=$(tui_screen)
tui_keys 0 / d e m a n d Enter
sleep 0.5
check_eq "replay: Ctrl-L while typing a search adds nothing to it" "$typed" "$(tui_screen)"
tui_keys ? j j j j j j j j
check_screen "replay help: lists Ctrl-L (redraw)" "Ctrl-L"
tui_keys q q
check_screen "replay: quits after Ctrl-L" "EXITED 0"

# ---- lesson and home -----------------------------------------------------
tui_start 80 24 "$PAGEWALK lesson $LESSON"
check_screen "lesson: opens" "step 1/"
before=$(tui_screen)
tui_keys C-l
sleep 0.4
check_eq "lesson: Ctrl-L leaves the step as it was" "$before" "$(tui_screen)"
tui_keys q
check_screen "lesson: quits" "EXITED 0"
tui_stop

# ---- the bytes: Ctrl-L repaints everything, a step only what changed ------
if command -v python3 >/dev/null; then
	out=$(python3 - "$PAGEWALK" "$TRACE" <<'PY'
import fcntl, os, pty, select, struct, sys, termios, time

def drain(fd, quiet=0.3, first=0.0):
    out = b""
    if first:
        select.select([fd], [], [], first)
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return out
        try:
            out += os.read(fd, 65536)
        except OSError:
            return out

pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.environ["LANG"] = "C.UTF-8"
    os.execv(sys.argv[1], [sys.argv[1], "replay", sys.argv[2]])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
drain(fd, 0.5, 20.0)
os.write(fd, b"/vmalloc\r")
drain(fd)
os.write(fd, b"\x1bOC")
step = drain(fd)
os.write(fd, b"\x0c")
full = drain(fd)
os.write(fd, b"q")
drain(fd)
os.waitpid(pid, 0)
print("full-clears=%d full-title=%d step-clears=%d full=%d step=%d" % (
    b"\x1b[2J" in full, b"pagewalk replay" in full, b"\x1b[2J" in step,
    len(full), len(step)))
PY
)
	diag "$out"
	check_contains "pty: Ctrl-L clears the terminal" "$out" "full-clears=1"
	check_contains "pty: Ctrl-L sends the title line again" "$out" "full-title=1"
	check_contains "pty: a stage step does not clear the terminal" "$out" "step-clears=0"
else
	not_ok "python3 is installed (the pty check)"
fi
