#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Print the part of a Linux tracer run (guest/linux/trace.py records)
that must not change between runs of the same kernel and scenario: the
kernel's source, config key and layout line (init_mm.pgd is placed at
link time); every fault's pid, cr2, error code, ip, cs, cpl; its walks'
levels, indices, folded levels and entry flags (low 12 bits and NX); its
writes' flags; its route hits and frames (function, file:line). Physical addresses (cr3, tables,
entry addresses, frame numbers) are left out: they depend on the page
allocator's state, which timing under gdb changes (docs/linux.md).

usage: shape.py RECORDS
"""
import re
import sys

FLAGS = 0x8000000000000fff


def flags(m):
    return "%s=%#x" % (m.group(1), int(m.group(2), 16) & FLAGS)


for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if line.startswith(("kernel ", "end faults=")):
        continue                       # build stamp, a gdb count
    line = re.sub(r" (cr3|table|pa)=0x[0-9a-f]+", "", line)
    line = re.sub(r"(value|old|new)=(0x[0-9a-f]+)", flags, line)
    print(line)
