#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""An arm64 stage 1 walk (EL1&0 regime), written from the Arm ARM's rules
for VMSAv8-64 and not from pagewalk's C: the test compares the two.

What it models, as Linux 6.1 sets the MMU up: TCR_EL1.TBI0 = 1 and
TBI1 = 0, T0SZ = T1SZ = 64 - VA_BITS, TG0/TG1 the granule, no hardware
access flag or dirty update, PSTATE.PAN = 0, SCTLR_EL1.WXN = 0, 48-bit
output addresses.

  arm64_walker.py walk IMAGE            queries on stdin, results on stdout
  arm64_walker.py random ARCH SEED IMAGE QUERIES
                                        a random image and queries to walk

A query line is "ADDR read|write|fetch EL0|EL1"; a result line is
"ok PHYS", "abort ESR FAR" (hex) or "range ESR FAR" for an address in
neither TTBR range.
"""
import random
import sys

import yaml

GRANULE = {"4k": 12, "16k": 14, "64k": 16}


def arch_params(name):
    """Granule bits and input size from a name like arm64-16k-47."""
    _, gran, bits = name.split("-")
    return GRANULE[gran], int(bits)


def start_level(gbits, inputsize):
    """The first lookup level: each level resolves gbits - 3 bits, the
    last one gbits more (Arm ARM: the level a walk starts at is fixed by
    the granule and the input address size)."""
    stride = gbits - 3
    level = 3
    covered = gbits + stride
    while covered < inputsize:
        level -= 1
        covered += stride
    return level


def bits(value, hi, lo):
    return (value >> lo) & ((1 << (hi - lo + 1)) - 1)


def block_allowed(gbits, level):
    # with 48-bit output addresses and no LPA2: 4K blocks at levels 1
    # and 2, 16K and 64K blocks at level 2 only
    if gbits == 12:
        return level in (1, 2)
    return level == 2


def esr_of(access, el, fsc):
    if access == "fetch":
        ec = 0x20 if el == "EL0" else 0x21
    else:
        ec = 0x24 if el == "EL0" else 0x25
    esr = (ec << 26) | (1 << 25) | fsc
    if access == "write":
        esr |= 1 << 6
    return esr


def walk(arch, ttbr0, ttbr1, mem, addr, access, el):
    gbits, inputsize = arch_params(arch)
    stride = gbits - 3
    # which half: bit 55; the tag byte ignored under TBI0 only
    if (addr >> 55) & 1:
        if bits(addr, 63, inputsize) != (1 << (64 - inputsize)) - 1:
            return ("range", esr_of(access, el, 0x04), addr)
        ttbr = ttbr1
    else:
        if bits(addr, 55, inputsize) != 0:
            return ("range", esr_of(access, el, 0x04), addr)
        ttbr = ttbr0
    first = level = start_level(gbits, inputsize)
    top_index_bits = inputsize - (gbits + (3 - level) * stride)
    table_bytes = max(64, 8 << top_index_bits)
    table = bits(ttbr, 47, 0) & ~(table_bytes - 1)
    ap_table = 0
    xn_table = pxn_table = 0
    while True:
        shift = gbits + (3 - level) * stride
        width = top_index_bits if level == first else stride
        index = bits(addr, shift + width - 1, shift)
        desc = mem.get(table + 8 * index, 0)
        kind = desc & 3
        if kind in (0, 2):
            return ("abort", esr_of(access, el, 0x04 | level), addr)
        if kind == 1 and (level == 3 or not block_allowed(gbits, level)):
            return ("abort", esr_of(access, el, 0x04 | level), addr)
        if kind == 3 and level < 3:
            pxn_table |= bits(desc, 59, 59)
            xn_table |= bits(desc, 60, 60)
            ap_table |= bits(desc, 62, 61)
            table = bits(desc, 47, gbits) << gbits
            level += 1
            continue
        break
    # a block or a page at this level
    out = bits(desc, 47, shift) << shift
    phys = out | bits(addr, shift - 1, 0)
    if not bits(desc, 10, 10):
        return ("abort", esr_of(access, el, 0x08 | level), addr)
    ap = bits(desc, 7, 6)
    if ap_table & 1:
        ap &= 0b10
    if ap_table & 2:
        ap |= 0b10
    uxn = bits(desc, 54, 54) | xn_table
    pxn = bits(desc, 53, 53) | pxn_table
    el0_read = ap in (0b01, 0b11)
    el0_write = ap == 0b01
    el1_write = ap in (0b00, 0b01)
    if el == "EL0":
        allowed = {"read": el0_read, "write": el0_write, "fetch": not uxn}[access]
    else:
        allowed = {"read": True, "write": el1_write,
                   "fetch": not pxn and not el0_write}[access]
    if not allowed:
        return ("abort", esr_of(access, el, 0x0c | level), addr)
    return ("ok", phys)


def load_image(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    mem = {int(k): int(v) for k, v in (doc.get("entries") or {}).items()}
    return doc["arch"], int(doc["ttbr0"]), int(doc["ttbr1"]), mem


def cmd_walk(path):
    arch, t0, t1, mem = load_image(path)
    for line in sys.stdin:
        if not line.strip():
            continue
        addr, access, el = line.split()
        r = walk(arch, t0, t1, mem, int(addr, 16), access, el)
        if r[0] == "ok":
            print("ok 0x%08x" % r[1])
        else:
            print("%s 0x%08x 0x%016x" % r)


def cmd_random(arch, seed, image_path, queries_path):
    """A tree of random descriptors under each TTBR: tables (some with
    APTable, UXNTable, PXNTable), blocks where allowed and where not,
    pages with any AP, AF, UXN, PXN, and invalid slots; then addresses
    that follow the tree, stray into holes, or leave both ranges."""
    rnd = random.Random(seed)
    gbits, inputsize = arch_params(arch)
    stride = gbits - 3
    first = start_level(gbits, inputsize)
    gran = 1 << gbits
    mem = {}
    next_frame = [0x100000 // gran + 1]

    def frame():
        next_frame[0] += 1 + rnd.randrange(4)
        return next_frame[0] * gran

    paths = []

    def fill(half, table, level, prefix, nslots):
        shift = gbits + (3 - level) * stride
        for _ in range(3):
            index = rnd.randrange(nslots)
            va = prefix | (index << shift)
            roll = rnd.random()
            if level < 3 and roll < 0.45:
                nxt = frame()
                d = nxt | 3
                for b, p in ((59, 0.2), (60, 0.2), (61, 0.15), (62, 0.15)):
                    if rnd.random() < p:
                        d |= 1 << b
                mem[table + 8 * index] = d
                fill(half, nxt, level + 1, va, 1 << stride)
                continue
            leaf = (frame() if level == 3 else (rnd.randrange(1, 64) << shift)) & ((1 << 48) - 1)
            d = leaf | (3 if level == 3 else 1)
            if rnd.random() < 0.1:
                d ^= 2                               # a reserved or odd encoding
            if rnd.random() < 0.85:
                d |= 1 << 10                         # AF
            d |= rnd.randrange(4) << 6               # AP[2:1]
            d |= (3 << 8) | (rnd.randrange(2) << 11)
            for b in (51, 52, 53, 54, 55):
                if rnd.random() < 0.4:
                    d |= 1 << b
            if rnd.random() < 0.05:
                d &= ~1                              # invalid
            mem[table + 8 * index] = d
            paths.append((half, va, shift))

    roots = []
    for half in range(2):
        root = frame()
        roots.append(root | (rnd.randrange(1 << 16) << 48 if half else 0))
        top = inputsize - (gbits + (3 - first) * stride)
        fill(half, root, first, 0, 1 << top)
    with open(image_path, "w") as f:
        f.write("arch: %s\nttbr0: 0x%x\nttbr1: 0x%x\nentries:\n" % (arch, roots[0], roots[1]))
        for pa in sorted(mem):
            f.write("  0x%x: 0x%016x\n" % (pa, mem[pa]))
    with open(queries_path, "w") as f:
        for _ in range(40):
            kernel_bits = ((1 << 64) - 1) ^ ((1 << inputsize) - 1)
            roll = rnd.random()
            if roll < 0.7 and paths:
                half, va, shift = rnd.choice(paths)
                va |= rnd.randrange(1 << shift)
            elif roll < 0.9:
                half, va = rnd.randrange(2), rnd.randrange(1 << inputsize)
            else:
                half, va = 0, rnd.randrange(1 << 64)  # mostly in neither range
            if half:
                va |= kernel_bits
            elif rnd.random() < 0.2:
                va |= rnd.randrange(256) << 56        # a tag (TBI0), or bit 55: neither
            f.write("%x %s %s\n" % (va, rnd.choice(["read", "write", "fetch"]),
                                    rnd.choice(["EL0", "EL1"])))


def main(argv):
    if len(argv) == 3 and argv[1] == "walk":
        cmd_walk(argv[2])
    elif len(argv) == 6 and argv[1] == "random":
        cmd_random(argv[2], int(argv[3]), argv[4], argv[5])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
