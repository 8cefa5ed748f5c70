# SPDX-License-Identifier: GPL-2.0-only
# guest/bochswitness.py - Bochs as the witness of every walk. Run by
# python3 in the run directory (guest/bochswitness.args), it starts Bochs
# with the command line in bochs.cmd (guest/bochs.args, one argument a
# line) and talks to Bochs's own debugger on its stdin and stdout: a
# breakpoint at the guest's #PF entry (vector14: the CPU has delivered the
# fault, the handler has not run), and at each stop
#   creg           cr2, cr3, cr4
#   x /3wx esp     the error code, eip and cs the CPU pushed
#   xp /1wx ADDR   (/2wx in PAE) each entry of cr2's walk from cr3 and
#                  from the master table (swapper_pg_dir), in physical
#                  memory, walked as guest/hwwalk.py walks with the mode's
#                  levels in walk.txt (`pagewalk macros --walk`)
#   page CR2       Bochs's own translation of cr2: the entries its MMU
#                  code reads (in PAE from the PDPTE registers, which it
#                  does not print) must be the walk's pmd/pte values
# then continues. `pagewalk record` compares every fault of the guest's
# records with these, as with QEMU's (docs/guest-protocol.md section 6).
#
# usage: python3 bochswitness.py PFENTRY MASTER
#   PFENTRY, MASTER: vector14's and swapper_pg_dir's addresses (hex) in the
#   guest's symbols.
# Writes
#   bochs.out     what Bochs wrote to its stdout while the guest ran: its
#                 banner, the guest's records (port 0xE9), each stop's
#                 "Breakpoint" lines; written as it comes, so the records
#                 can be counted live
#   bochs.dbg     all Bochs wrote to its stdout, the debugger's dialog at
#                 each stop (its prompts, the commands it echoes, its
#                 answers) included
#   bochs.status  Bochs's exit status (128 + N when signal N ended it)
#   walks.txt     one block per #PF, then "end faults=N" (guest/hwwalk.py,
#                 the format of QEMU's); on a failure walks.txt.err (one
#                 line) instead
# Bochs's stderr goes where this script's goes.
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True   # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hwwalk  # noqa: E402  (beside this script: guest/, or the run directory)

PROMPT = re.compile(rb"<bochs:\d+> \Z")
OUT = "walks.txt"


class Broken(Exception):
    """A stop the debugger did not answer as expected: its sentence."""


class Debugger:
    """Bochs under its debugger, on pipes: one command in, its answer out."""

    def __init__(self, argv):
        # TERM=dumb: readline (Bochs's prompt) writes no escape sequences.
        env = dict(os.environ, TERM="dumb")
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     env=env)
        self.out = open("bochs.out", "wb")
        self.dbg = open("bochs.dbg", "wb")

    def answer(self, live, echo=b""):
        """Bochs's output up to its next prompt, without it (None when
        Bochs ended first); live: copy it to bochs.out as it comes, but
        for the echo of the command readline starts it with."""
        text, written, echoed = b"", 0, not echo
        fd = self.proc.stdout.fileno()
        while True:
            m = PROMPT.search(text, max(0, len(text) - 32))
            if m:
                break
            data = os.read(fd, 65536)
            if not data:
                if live and echoed:
                    self.out.write(text[written:])
                return None
            self.dbg.write(data)
            text += data
            if not echoed and len(text) >= len(echo):
                echoed = True
                written = len(echo) if text.startswith(echo) else 0
            cut = text.rfind(b"\n") + 1
            if live and echoed and cut > written:
                self.out.write(text[written:cut])
                self.out.flush()
                written = cut
        if live:
            self.out.write(text[written:m.start()])
            self.out.flush()
        return text[:m.start()]

    def command(self, cmd, live=False):
        """Send one command; its answer without the echo and the prompt,
        or None when Bochs ended."""
        line = cmd.encode() + b"\n"
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except OSError:        # BrokenPipeError: Bochs has ended
            return None
        text = self.answer(live, line)
        if text is None:
            return None
        if text.startswith(line):   # readline echoes the command
            text = text[len(line):]
        return text.decode("ascii", "replace")

    def close(self):
        """End Bochs's debugger (at its prompt, the end of its input makes
        it quit) and wait for Bochs to end; its status as a shell gives
        it."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            st = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.terminate()          # `timeout` passes it on to Bochs
            st = self.proc.wait()
        self.out.close()
        self.dbg.close()
        return 128 - st if st < 0 else st


def hexfield(text, pattern, what):
    m = re.search(pattern, text, re.M)
    if not m:
        raise Broken("the debugger's answer shows no %s" % what)
    return int(m.group(1), 16)


def read_phys(bochs):
    """read(address, size) for hwwalk.walk: xp, 32-bit words (Bochs
    prints a 64-bit word without its leading zeros)."""
    def read(addr, size):
        words = size // 4
        text = bochs.command("xp /%dwx 0x%x" % (words, addr))
        if text is None:
            raise Broken("Bochs ended during the stop")
        m = re.search(r"^0x0*%x <[^>]*>:((?:\s+0x[0-9a-f]{8}){%d})\s*$" % (addr, words), text,
                      re.M)
        if not m:
            raise Broken("xp at 0x%x answered %r" % (addr, text.strip()[:200]))
        vals = [int(v, 16) for v in m.group(1).split()]
        return sum(v << (32 * i) for i, v in enumerate(vals))
    return read


def mmu_walk(bochs, cr2):
    """The entry values Bochs's own translation of cr2 read (`page`), in
    order, and the physical page it found (None: not mapped)."""
    text = bochs.command("page 0x%x" % cr2)
    if text is None:
        raise Broken("Bochs ended during the stop")
    vals = [int(v, 16) for v in re.findall(r"^ *(?:PML4|PDPE|PDE|PTE): 0x([0-9a-f]+)", text,
                                           re.M)]
    m = re.search(r"maps to physical page 0x([0-9a-f]+)", text)
    if not m and "physical address not available" not in text:
        raise Broken("page 0x%x answered %r" % (cr2, text.strip()[:200]))
    return vals, int(m.group(1), 16) if m else None


def check_mmu(steps, vals, pae):
    """Bochs's own walk against the one read from memory: the same pmd and
    pte values (2-level: pgd and pte; a PAE PDPTE is not printed)."""
    mine = [s[4] for s in steps if len(s) > 1 and not (pae and s[0] == "pgd")]
    if mine != vals:
        raise Broken("Bochs's own translation of cr2 (page) read the entries %s, its "
                     "physical memory on the same walk holds %s"
                     % ([hex(v) for v in vals] or "none", [hex(v) for v in mine] or "none"))


def on_stop(bochs, n, master, geom):
    """walks.txt's lines for the stop at fault n's entry."""
    regs = bochs.command("creg")
    stack = bochs.command("x /3wx esp")
    if regs is None or stack is None:
        raise Broken("Bochs ended during the stop")
    cr2 = hexfield(regs, r"^CR2=page fault laddr=0x([0-9a-f]+)", "CR2")
    cr3 = hexfield(regs, r"^CR3=0x([0-9a-f]+)", "CR3")
    cr4 = hexfield(regs, r"^CR4=0x([0-9a-f]+)", "CR4")
    m = re.search(r"^0x[0-9a-f]+ <[^>]*>:\s+0x([0-9a-f]{8})\s+0x([0-9a-f]{8})\s+"
                  r"0x([0-9a-f]{8})\s*$", stack, re.M)
    if not m:
        raise Broken("x /3wx esp answered %r" % stack.strip()[:200])
    err, eip, cs = (int(v, 16) for v in m.groups())
    cr2, cr3, cs, pae = cr2 & 0xffffffff, cr3 & 0xffffffff, cs & 0xffff, bool(cr4 & 0x20)
    if pae != (geom.entry_size == 8):
        raise Broken("cr4.PAE is %d, but walk.txt is the geometry of another mode" % pae)
    read = read_phys(bochs)
    cur = hwwalk.walk(read, geom, cr3, cr2)
    vals, _ = mmu_walk(bochs, cr2)
    check_mmu(cur, vals, pae)
    return ([hwwalk.pf_line(n, cr2, err, eip, cs, cr3, cr4)] + hwwalk.step_lines(n, "cur", cur)
            + hwwalk.step_lines(n, "master", hwwalk.walk(read, geom, master, cr2)))


def run(bochs, entry, master, geom):
    """Every stop until Bochs ends: the faults' lines, or raises Broken."""
    faults = []
    if bochs.answer(True) is None or bochs.command("lb 0x%x" % entry) is None:
        return faults
    while True:
        text = bochs.command("c", live=True)
        if text is None:
            return faults
        if "Breakpoint" not in text:
            raise Broken("Bochs's debugger stopped, not at the breakpoint: %r"
                         % text.strip()[-200:])
        try:
            faults.append(on_stop(bochs, len(faults) + 1, master, geom))
        except Broken as e:
            raise Broken("at the entry of fault %d: %s" % (len(faults) + 1, e))


def main():
    entry, master = int(sys.argv[1], 16), int(sys.argv[2], 16) - hwwalk.KERNEL_BASE
    geom = hwwalk.load("walk.txt")
    with open("bochs.cmd") as f:
        argv = [a for a in f.read().split("\n") if a]
    for name in (OUT, OUT + ".err", "bochs.status"):
        if os.path.exists(name):
            os.remove(name)
    try:
        bochs = Debugger(argv)
    except OSError as e:
        with open(OUT + ".err", "w") as f:
            f.write("cannot start Bochs (%s): %s\n" % (" ".join(argv), e))
        with open("bochs.status", "w") as f:
            f.write("127\n")
        return
    failure = None
    try:
        faults = run(bochs, entry, master, geom)
    except Broken as e:
        failure = str(e)
    status = bochs.close()
    if failure:
        with open(OUT + ".err", "w") as f:
            f.write(failure + "\n")
    else:
        hwwalk.write_walks(OUT, faults)
    with open("bochs.status", "w") as f:
        f.write("%d\n" % status)


main()
