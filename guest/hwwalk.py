# SPDX-License-Identifier: GPL-2.0-only
# guest/hwwalk.py - the one page walker of pagewalk's scripts: the walk of
# a virtual address through page tables as the MMU does it, for our
# guest's two walk witnesses (QEMU's guest/walkwitness.py, Bochs's
# guest/bochswitness.py: each gives its own way to read physical memory,
# both write the same walks.txt lines, docs/guest-protocol.md section 6.2)
# and the Linux tracer (guest/linux/trace.py).
#
# It knows no arch: the levels come from pagewalk's engine
# (engine/record/walkgeom.h; `pagewalk macros --arch MODE --walk`), as
# lines
#   format=x86|arm64  (x86: P and PS; arm64: valid, table or block; the
#                      base register by VA bit 55, checked against TCR)
#   word=BYTES  cr3-mask=0x..  entry-mask=0x..
#   level=NAME:SHIFT:BITS:SIZE:LARGE  (a real level, from the top)
#   level=NAME                        (a folded one)
import os

KERNEL_BASE = 0xc0000000   # our guest's PAGE_OFFSET: its symbols' va - pa


class Geometry:
    """A paging mode's walk, from its lines (other KEY=VALUE lines are
    skipped: a script's params file may hold more)."""
    def __init__(self, lines):
        self.levels = []
        self.format = "x86"
        vals = {}
        for line in lines:
            k, _, v = line.strip().partition("=")
            if k == "level":
                f = v.split(":")
                self.levels.append((f[0],) if len(f) == 1 else
                                   (f[0], int(f[1]), int(f[2]), int(f[3]), f[4] == "1"))
            elif k in ("word", "cr3-mask", "entry-mask"):
                vals[k] = int(v, 0)
            elif k == "format":
                if v not in ("x86", "arm64"):
                    raise ValueError("this walker reads x86 or arm64 entries, not %s's" % v)
                self.format = v
        if not self.levels or len(vals) != 3:
            raise ValueError("not a walk geometry (pagewalk macros --walk)")
        self.word = vals["word"]
        self.cr3_mask = vals["cr3-mask"]
        self.entry_mask = vals["entry-mask"]
        self.real = [lv for lv in self.levels if len(lv) > 1]
        self.entry_size = self.real[-1][3]

    def level(self, name):
        """(name, shift, bits, size, large) of a real level, or None."""
        for lv in self.real:
            if lv[0] == name:
                return lv
        return None


def load(path="walk.txt"):
    """The geometry the recorder wrote beside the script."""
    with open(path) as f:
        return Geometry(f)


def arm64_base(g, va, ttbr0, ttbr1, tcr):
    """arm64: (n, value) of the base register that translates va (VA bit
    55: TTBR1 for the kernel half), after checking that TCR_EL1's granule
    (TG0/TG1) and size (T0SZ/T1SZ) for that half are the geometry's (the
    engine's profile of the kernel's configuration)."""
    hi = (va >> 55) & 1
    tsz = (tcr >> (16 if hi else 0)) & 63
    tg = (tcr >> (30 if hi else 14)) & 3
    shift = ({1: 14, 2: 12, 3: 16} if hi else {0: 12, 1: 16, 2: 14}).get(tg)
    top = g.real[0]
    if shift != g.real[-1][1] or 64 - tsz != top[1] + top[2]:
        raise ValueError("TCR_EL1 %#x (TG%d, T%dSZ=%d) is not this mode's %d-bit VA with "
                         "%d KiB pages" % (tcr, hi, hi, tsz, top[1] + top[2],
                                           (1 << g.real[-1][1]) >> 10))
    return (1, ttbr1) if hi else (0, ttbr0)


def walk(read, g, top, va):
    """Walk va from the table at physical address top (a cr3 value: its
    low bits are masked) through memory read(pa, size) -> int: a list of
    (level, table, index, entry_pa, value) for real levels, (level,) for
    folded ones; it stops after a not-present entry or one that maps a
    page (a pte, or PS where the level allows a large page; arm64: a
    block descriptor). The next table is the entry masked by entry-mask
    (arm64: bits 47:12 or 47:16, so PXNTable and the other table
    attributes above are dropped)."""
    steps, table = [], top & g.cr3_mask
    for lv in g.levels:
        if len(lv) == 1:
            steps.append(lv)
            continue
        name, shift, bits, size, large = lv
        index = (va >> shift) & ((1 << bits) - 1)
        pa = table + index * size
        value = read(pa, size)
        steps.append((name, table, index, pa, value))
        if g.format == "arm64":
            # invalid (bit 0 clear), a page (the last level) or a block
            # (bits 1:0 = 01 above it) ends the walk
            if not value & 1 or lv is g.real[-1] or (large and value & 3 == 1):
                break
        elif not value & 1 or lv is g.real[-1] or (large and value & 0x80):
            break
        table = value & g.entry_mask
    return steps


def pf_line(n, cr2, err, eip, cs, cr3, cr4):
    """walks.txt's line for the registers at fault n's entry."""
    return "pf n=%d cr2=%x err=%x eip=%x cs=%x cr3=%x cr4=%x" % (n, cr2, err, eip, cs, cr3,
                                                                  cr4)


def step_lines(n, tbl, steps):
    """walks.txt's lines for one walk (tbl: cur or master) of fault n: its
    real levels' steps."""
    return ["step n=%d tbl=%s level=%s table=%x index=%d entry=%x val=%x"
            % ((n, tbl) + s) for s in steps if len(s) > 1]


def write_walks(path, faults):
    """walks.txt: every fault's lines, then "end faults=N", written to a
    temporary file and renamed, so a reader never sees half of it."""
    with open(path + ".tmp", "w") as f:
        for lines in faults:
            f.write("\n".join(lines) + "\n")
        f.write("end faults=%d\n" % len(faults))
    os.rename(path + ".tmp", path)
