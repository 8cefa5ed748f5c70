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

# scribble: write over the pane behind the program's back (its terminal
# shows it; the program does not know); Ctrl-L must paint it away.
scribble() {
	printf '\033[3;3HSCRIBBLED' >"$(tui display -p '#{pane_tty}')"
	wait_for SCRIBBLED
}

# ---- replayer: same screen after Ctrl-L, same position ------------------
tui_start 80 24 "$PAGEWALK replay $TRACE"
check_screen "replay: opens" "event 1/"
tui_keys / v m a l l o c Enter Right Right
wait_for "stage 3/"
before=$(tui_screen)
scribble
tui_keys C-l
wait_gone SCRIBBLED
check_poll "replay: Ctrl-L paints the screen as it was (event, stage, text)" "$WAIT_SECS" screen_is "$before"
after=$(tui_screen)
tui_keys Right
check_poll "replay: a step after Ctrl-L still moves" "$WAIT_SECS" screen_is_not "$after"
# while typing a search: Ctrl-L inserts nothing
tui_keys 0
wait_for "event 1/"
tui_keys / v m C-l a l l o c Enter
wait_for "/vmalloc: "
typed=$(tui_screen)
tui_keys 0
wait_gone "/vmalloc: "
tui_keys / v m a l l o c Enter
check_poll "replay: Ctrl-L while typing a search adds nothing to it" "$WAIT_SECS" screen_is "$typed"
tui_keys ? j j j j j j j j
check_screen "replay help: lists Ctrl-L (redraw)" "Ctrl-L"
tui_keys q q
check_screen "replay: quits after Ctrl-L" "EXITED 0"

# ---- lesson and home -----------------------------------------------------
tui_start 80 24 "$PAGEWALK lesson $LESSON"
check_screen "lesson: opens" "step 1/"
before=$(tui_screen)
scribble
tui_keys C-l
wait_gone SCRIBBLED
check_poll "lesson: Ctrl-L paints the step as it was" "$WAIT_SECS" screen_is "$before"
tui_keys q
check_screen "lesson: quits" "EXITED 0"
tui_stop

# ---- the bytes: Ctrl-L repaints everything, a step only what changed ------
if command -v python3 >/dev/null; then
	out=$(python3 - "$PAGEWALK" "$TRACE" <<'PY'
import fcntl, os, pty, select, struct, sys, termios, time

def idle(pid):
    """The program waits for a key: asleep in poll or select."""
    try:
        state = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()[0]
        wchan = open("/proc/%d/wchan" % pid).read()
    except OSError:
        return True
    return state == "S" and ("poll" in wchan or "select" in wchan)

def drain(fd, deadline=20.0):
    """What the program writes until it waits for a key with nothing
    more to write (never a pause taken as the end of the output)."""
    out = b""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                return out
        elif out and idle(pid) and not select.select([fd], [], [], 0)[0]:
            return out
    sys.exit("the program did not settle in %.0f s" % deadline)

pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm"
    os.environ["LANG"] = "C.UTF-8"
    os.execv(sys.argv[1], [sys.argv[1], "replay", sys.argv[2]])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
drain(fd)
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
