#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""ptybench.py - bytes the replayer writes to the terminal, and CPU while paused.

    ptybench.py PAGEWALK TRACE

Runs `PAGEWALK replay TRACE` in a pseudo-terminal of 80x24 (TERM=xterm),
goes to a vmalloc fault (a busy screen), asks for a full repaint (Ctrl-L:
ncurses forgets what the terminal shows and sends every cell) and counts
its bytes; then counts the bytes of each of STEPS single-stage steps
(Right), which cross many events and every kind of stage; then pauses for
3 s and reads utime+stime from /proc/PID/stat before and after. Prints the
figures with their targets and "met" or "MISSED"; the exit status does not
depend on them.
"""
STEPS = 300
import fcntl, os, pty, select, signal, struct, sys, termios, time


def drain(fd, quiet=0.15, limit=3.0, first=0.0):
    """Read until the program has been silent for `quiet` seconds (waiting
    up to `first` seconds for the first byte)."""
    if first:
        select.select([fd], [], [], first)
    n, end, last = 0, time.time() + limit, time.time()
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            if time.time() - last >= quiet:
                break
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        n += len(data)
        last = time.time()
    return n


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])   # utime, stime


def main():
    pw, trace = sys.argv[1], sys.argv[2]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.environ["LANG"] = "C.UTF-8"
        os.execv(pw, [pw, "replay", trace])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    first = drain(fd, quiet=0.5, first=30.0)
    os.write(fd, b"/vmalloc\r")        # to a busy screen: a vmalloc fault
    drain(fd)
    os.write(fd, b"\x1bOC\x1bOC")      # into its stages
    drain(fd)
    fulls = []
    for _ in range(3):
        os.write(fd, b"\x0c")           # Ctrl-L: repaint every cell
        fulls.append(drain(fd, quiet=0.3))
    full = min(fulls)
    steps = []
    for _ in range(STEPS):
        os.write(fd, b"\x1bOC")          # Right (xterm keypad mode)
        steps.append(drain(fd, quiet=0.1))
    hz = os.sysconf("SC_CLK_TCK")
    c0 = cpu_ticks(pid)
    time.sleep(3)
    c1 = cpu_ticks(pid)
    os.write(fd, b"q")
    drain(fd, quiet=0.2)
    os.waitpid(pid, 0)
    mean = sum(steps) / len(steps)
    ratio = mean / max(full, 1)
    paused = c1 - c0
    print(f"terminal at 80x24: first paint {first} bytes; full repaint (Ctrl-L on a vmalloc "
          f"fault) {full} bytes")
    print(f"  bytes per step / full: {ratio:5.2f}       target < 0.25        "
          f"{'met' if ratio < 0.25 else 'MISSED'}")
    print(f"    ({len(steps)} steps (Right): mean {mean:.0f} bytes, max {max(steps)}, "
          f"min {min(steps)}; the max is {max(steps) / max(full, 1):.2f} of a full repaint)")
    print(f"  CPU while paused 3 s:  {paused:5d} ticks   target 0 ticks       "
          f"{'met' if paused == 0 else 'MISSED'}  ({paused / hz:.2f} s)")


if __name__ == "__main__":
    main()
