# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/sdm_walk.py - an x86 page walker written from the Intel SDM
# (vol. 3A, 4.3-4.7: the entry formats, reserved bits, access rights with
# CR0.WP, CR4.SMEP and CR4.SMAP, the page-fault error code, canonical
# addresses), sharing nothing with pagewalk's engine. It reads an exercise
# sheet as a student would (the CPU settings, MAXPHYADDR, the table dump,
# the addresses) and checks every answer the sheet gives.
#
#   sdm_walk.py SHEET...   each a file holding `pagewalk exercise -c` output
#
# Prints "N answers, M wrong" and one line per wrong answer; exit 0 when
# every answer is the SDM's, 1 otherwise (also for a sheet it cannot read).
import re
import sys

P, RW, US, PS, NX = 1, 2, 4, 0x80, 1 << 63

# The levels of each mode: (shift, index bits), from the top.
MODES = {
    "x86-32": [(22, 10), (12, 10)],
    "x86-32-pae": [(30, 2), (21, 9), (12, 9)],
    "x86-64": [(39, 9), (30, 9), (21, 9), (12, 9)],
    "x86-64-la57": [(48, 9), (39, 9), (30, 9), (21, 9), (12, 9)],
}


def bits(hi, lo):
    return ((1 << (hi + 1)) - 1) & ~((1 << lo) - 1) if hi >= lo else 0


def read_sheet(text):
    head, _, rest = text.partition("\nAddresses")
    title = re.search(r"^Paging exercise: (.*), seed \d+$", head, re.M).group(1)
    arch = {"x86-32, 2-level (no PAE)": "x86-32", "x86-32, 3-level (PAE)": "x86-32-pae",
            "x86-64, 4-level": "x86-64", "x86-64, 5-level (LA57)": "x86-64-la57"}.get(title)
    if not arch:
        raise ValueError("unknown paging mode %r" % title)
    cpu = re.search(r"CR0\.WP=(\d), CR4\.SMEP=(\d), CR4\.SMAP=(\d) \(EFLAGS\.AC=0\), CR4\.PSE=1"
                    r"(, EFER\.NXE=1)?", head)
    m = re.search(r"MAXPHYADDR=(\d+)", head)
    if not cpu or not m:
        raise ValueError("the sheet does not state the CPU settings and MAXPHYADDR")
    cpu = {"wp": cpu.group(1) == "1", "smep": cpu.group(2) == "1", "smap": cpu.group(3) == "1",
           "nxe": cpu.group(4) is not None, "maxphy": int(m.group(1))}
    cr3 = int(re.search(r"^cr3 = (0x[0-9a-f]+)", head, re.M).group(1), 16)
    mem, table = {}, None
    for line in head.splitlines():
        t = re.match(r"\s+\w+ page at (0x[0-9a-f]+)", line)
        if t:
            table = int(t.group(1), 16)
            continue
        e = re.match(r"\s+\[\s*(\d+)\] (0x[0-9a-f]+)", line)
        if e:
            mem[(table, int(e.group(1)))] = int(e.group(2), 16)
    asked, _, answers = rest.partition("\nAnswers:")
    qs = re.findall(r"^\s+\d+\. (0x[0-9a-f]+)  (user|kernel) (read|write|fetch)$", asked, re.M)
    blocks = re.split(r"^\s+\d+\. 0x[0-9a-f]+  \w+ \w+$", answers, flags=re.M)[1:]
    given = [re.findall(r"^\s+-> (.*)$", b, re.M)[0] for b in blocks]
    if not qs or len(qs) != len(given):
        raise ValueError("%d addresses, %d answers" % (len(qs), len(given)))
    return arch, cpu, cr3, mem, [(int(a, 16), u == "user", k) for a, u, k in qs], given


def reserved(arch, cpu, depth, nlevels, e, large):
    """The reserved bits of present entry e at depth (0: the top)."""
    m = cpu["maxphy"]
    if arch == "x86-32":
        # 4 MiB PDE: bits (M-20)..13 are address bits 32 and up, 21..(M-19) reserved
        return e & bits(21, m - 19) if large else 0
    r = bits(51, m)
    if arch == "x86-32-pae":
        r |= bits(62, m)
        if depth == 0:                  # PDPTE: bits 2:1, 8:5 and 63 too
            return e & (r | 0x6 | 0x1e0 | NX)
    if not cpu["nxe"]:
        r |= NX
    if large:
        shift = MODES[arch][depth][0]
        if arch.startswith("x86-64") and depth < nlevels - 3:
            r |= PS                     # no large page in a PML5E or PML4E
        else:
            r |= bits(shift - 1, 13)    # bits below the page's base, above PAT
    return e & r


def walk(arch, cpu, cr3, mem, va, user, kind):
    levels = MODES[arch]
    if arch.startswith("x86-64"):
        top = levels[0][0] + levels[0][1]       # 48 or 57
        high = va >> (top - 1)
        if high not in (0, (1 << (65 - top)) - 1):
            return "GP"
    amask = 0xfffff000 if arch == "x86-32" else bits(cpu["maxphy"] - 1, 12)
    ec = (2 if kind == "write" else 0) | (4 if user else 0)
    if kind == "fetch" and (cpu["nxe"] or cpu["smep"]):
        ec |= 0x10
    if arch == "x86-32-pae":
        table, first = cr3 & ~0x1f, (cr3 & 0xfe0) // 8
        table &= ~0xfff
    else:
        table, first = cr3 & ~0xfff, 0
    allus = allrw = True
    xd = False
    for depth, (shift, nbits) in enumerate(levels):
        idx = (va >> shift) & ((1 << nbits) - 1)
        e = mem.get((table, first + idx), 0)
        first = 0
        if not e & P:
            return "PF 0x%x" % ec
        last = depth == len(levels) - 1
        large = bool(e & PS) and not last and not (arch == "x86-32-pae" and depth == 0)
        if reserved(arch, cpu, depth, len(levels), e, large):
            return "PF 0x%x" % (ec | 1 | 8)
        if not (arch == "x86-32-pae" and depth == 0):   # a PDPTE holds no rights
            allus = allus and bool(e & US)
            allrw = allrw and bool(e & RW)
            xd = xd or (cpu["nxe"] and bool(e & NX))
        if large or last:
            pa = (e & amask & ~((1 << shift) - 1)) | (va & ((1 << shift) - 1))
            break
        table = e & amask
    # SDM 4.6: user accesses need US everywhere (and RW to write, no XD to
    # fetch); a supervisor access to a user page (US everywhere) is refused
    # by SMAP (data) or SMEP (fetch); WP=1 makes a supervisor write need RW.
    if user:
        ok = allus and (kind != "write" or allrw) and (kind != "fetch" or not xd)
    elif kind == "fetch":
        ok = not (allus and cpu["smep"]) and not xd
    elif kind == "read":
        ok = not (allus and cpu["smap"])
    else:
        ok = not (allus and cpu["smap"]) and (not cpu["wp"] or allrw)
    return "PA 0x%x" % pa if ok else "PF 0x%x" % (ec | 1)


def normal(answer):
    m = re.match(r"physical address (0x[0-9a-f]+)", answer)
    if m:
        return "PA 0x%x" % int(m.group(1), 16)
    m = re.match(r"page fault, error code (0x[0-9a-f]+)", answer)
    if m:
        return "PF 0x%x" % int(m.group(1), 16)
    if answer.startswith("no walk"):
        return "GP"
    return "? " + answer


def main():
    n = wrong = 0
    for path in sys.argv[1:]:
        try:
            arch, cpu, cr3, mem, qs, given = read_sheet(open(path, encoding="utf-8").read())
        except (ValueError, AttributeError) as e:
            print("%s: cannot read the sheet: %s" % (path, e))
            return 1
        for (va, user, kind), answer in zip(qs, given):
            n += 1
            mine = walk(arch, cpu, cr3, mem, va, user, kind)
            if mine != normal(answer):
                wrong += 1
                print("%s: %#x %s %s: the SDM gives %s, the sheet %s"
                      % (path, va, "user" if user else "kernel", kind, mine, answer))
    print("%d answers, %d wrong" % (n, wrong))
    return 1 if wrong or not n else 0


sys.exit(main())
