# SPDX-License-Identifier: GPL-2.0-only
# guest/hwwalk.py - the walk of a virtual address through the guest's page
# tables as the x86 MMU does it, for the two walk witnesses (QEMU's
# guest/walkwitness.py, Bochs's guest/bochswitness.py). Each gives its own
# way to read physical memory; both write the same walks.txt lines
# (docs/guest-protocol.md section 6.2).
import os

KERNEL_BASE = 0xc0000000   # the guest's PAGE_OFFSET: its symbols' va - pa


def walk(read, top, va, pae):
    """The entries va's walk reads from the table at physical address top,
    as (level, table, index, entry, value) tuples: 2-level pgd [pte], PAE
    pgd [pmd [pte]]; the walk ends at an entry without P or with PS (never
    in a PDPT entry). read(address, size) returns the little-endian value
    at a physical address."""
    if pae:
        levels = [("pgd", 30, 3, 8), ("pmd", 21, 511, 8), ("pte", 12, 511, 8)]
        frame = 0x000ffffffffff000
    else:
        levels = [("pgd", 22, 1023, 4), ("pte", 12, 1023, 4)]
        frame = 0xfffff000
    out, table = [], top
    for name, shift, mask, size in levels:
        index = (va >> shift) & mask
        entry = table + index * size
        val = read(entry, size)
        out.append((name, table, index, entry, val))
        large = val & 0x80 and not (pae and name == "pgd")
        if not val & 1 or name == "pte" or large:
            break
        table = val & frame
    return out


def cr3_table(cr3, pae):
    """The physical address of the top table in cr3."""
    return cr3 & (0xffffffe0 if pae else 0xfffff000)


def pf_line(n, cr2, err, eip, cs, cr3, cr4):
    """walks.txt's line for the registers at fault n's entry."""
    return "pf n=%d cr2=%x err=%x eip=%x cs=%x cr3=%x cr4=%x" % (n, cr2, err, eip, cs, cr3,
                                                                  cr4)


def step_lines(n, tbl, steps):
    """walks.txt's lines for one walk (tbl: cur or master) of fault n."""
    return ["step n=%d tbl=%s level=%s table=%x index=%d entry=%x val=%x"
            % ((n, tbl) + s) for s in steps]


def write_walks(path, faults):
    """walks.txt: every fault's lines, then "end faults=N", written to a
    temporary file and renamed, so a reader never sees half of it."""
    with open(path + ".tmp", "w") as f:
        for lines in faults:
            f.write("\n".join(lines) + "\n")
        f.write("end faults=%d\n" % len(faults))
    os.rename(path + ".tmp", path)
