#!/usr/bin/env python3
"""ptybench.py - bytes the replayer writes to the terminal, and CPU while paused.

    ptybench.py PAGEWALK TRACE

Runs `PAGEWALK replay TRACE` in a pseudo-terminal of 80x24 (TERM=xterm),
counts the bytes of the first full paint, then of each of 40 single-stage
steps (Right), and of a full repaint (a resize to 80x24 again: ncurses
redraws every cell); then pauses for 3 s and reads utime+stime from
/proc/PID/stat before and after. Prints figures, no pass/fail.
"""
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
    steps = []
    for _ in range(40):
        os.write(fd, b"\x1bOC")          # Right (xterm keypad mode)
        steps.append(drain(fd))
    # a full repaint: ncurses redraws everything after a size change
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 10, 40, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    drain(fd, quiet=0.3)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    full = drain(fd, quiet=0.3)
    hz = os.sysconf("SC_CLK_TCK")
    c0 = cpu_ticks(pid)
    time.sleep(3)
    c1 = cpu_ticks(pid)
    os.write(fd, b"q")
    drain(fd, quiet=0.2)
    os.waitpid(pid, 0)
    mean = sum(steps) / len(steps)
    full = max(full, first)
    print(f"first paint at 80x24:        {first} bytes")
    print(f"full repaint at 80x24:       {full} bytes (the larger of the first paint and a resize repaint)")
    print(f"one stage step:              mean {mean:.0f} bytes, max {max(steps)} "
          f"= {mean / max(full, 1):.2f} of a full repaint (target < 0.25)")
    print(f"CPU while paused for 3 s:    {(c1 - c0) / hz:.2f} s ({c1 - c0} ticks; target none)")


if __name__ == "__main__":
    main()
