# SPDX-License-Identifier: GPL-2.0-only
# tests/linux/linecheck.py - an independent check of a Linux trace's lit
# lines, run by `gdb -batch` (tests/linux/lines.sh): not the tracer's code,
# not its QEMU code log, not its line cache. The same kernel and init run
# again under plain gdb; at each sampled fault (a few of every route, the
# stack's growth and the kernel's vmalloc fault) gdb single-steps the
# handler from exc_page_fault's entry to its jump to irqentry_exit
# (stepping over the functions no frame of the fault names), and each lit
# line of the fault's calls must be a statement that ran:
#   - an instruction of that line, in that function, was executed;
#   - where a control statement around the line in the C source (read
#     from the kernel's tree: if, else if, for, while, switch) had its
#     condition run, the next instruction of that function to run was
#     inside its block (an instruction -Os hoisted out of a block its
#     condition skipped is not the block's line); a condition may not run
#     at all (the compiler knew its outcome on that path);
#   - coming to the line from the one that ran before it in that function,
#     no statement between them that runs whatever the conditions say had
#     code left unrun (a call another branch's then-part shares with this
#     line, reached by that branch's jump, is not this line's).
# arm64 runs (params format=arm64): the handler from do_mem_abort's entry
# to its return (the return addresses of its calls in el0_da, el0_ia,
# el1_abort, with the entry's sp), a fault known by FAR, ELR and ESR, the
# cross binutils (params cross=).
# Environment: RUN (a kept run: command.txt, params.txt), TRACE (the trace
# it made), SRC (the kernel's source tree), OUT (the report: one line per
# checked frame, "ok ..." or "bad ... why", and "sampled ..." lines).
# WRONG (optional): lines known not to have run, "ROUTE FN FILE:LINE" per
# line ("; " between), checked in the sampled faults of that route the
# same way, each reported "rejected ..." or "accepted ...": the check is
# seen to fail on them.
import os
import re
import subprocess

import gdb
import yaml

RUN, TRACE, SRC, OUT = (os.environ[k] for k in ("RUN", "TRACE", "SRC", "OUT"))
params = dict(l.rstrip("\n").partition("=")[::2] for l in open(os.path.join(RUN, "params.txt"))
              if "=" in l and not l.startswith("#"))
VMLINUX = params["vmlinux"]
WIDE = params["word"] == "8"
ARM = params.get("format") == "arm64"
CROSS = params.get("cross", "")
PC, SP = ("pc", "sp") if ARM else ("rip", "rsp") if WIDE else ("eip", "esp")
MASK = (1 << 64) - 1 if WIDE else (1 << 32) - 1
with open(TRACE) as f:
    trace = yaml.safe_load(f)
report = open(OUT, "w")
WRONG = [w.strip() for w in os.environ.get("WRONG", "").split(";") if w.strip()]


def say(text):
    report.write(text + "\n")
    report.flush()


def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & MASK


# ---- the faults to check: a few of every route ----

def samples():
    """{(cr2, ip, error, n): event} for the first and the last fault of each
    route (do_wp_page: of each chain end, copy or reuse), of the stack's
    growth and of every kernel-mode fault; n counts equal triples."""
    seen, keys, out = {}, {}, {}
    faults = [e for e in trace["events"] if e["kind"] == "fault"]
    for e in faults:
        t = (e["far"], e["elr"], e["esr"]) if ARM else (e["cr2"], e["ip"], e["error-code"])
        seen[t] = seen.get(t, 0) + 1
        fns = {c["fn"] for c in e.get("calls", [])}
        kind = e["path"]
        if kind == "do_wp_page":
            kind += "/copy" if "wp_page_copy" in fns else "/reuse"
        if "expand_downwards" in fns:
            kind = "stack growth"
        if (e["el"] == 1) if ARM else e["cpl"] == 0:
            kind = "kernel " + kind
        keys.setdefault(kind, []).append(t + (seen[t],))
        out[t + (seen[t],)] = (kind, e)
    chosen = {}
    for kind, ks in keys.items():
        for k in {ks[0], ks[-1]}:
            chosen[k] = out[k]
    return chosen


# ---- the kernel's code and lines (addr2line, gdb's blocks) ----

def chains(pcs):
    """addr2line -f -i for pcs: {pc: [(fn, file, line)] innermost first}."""
    pcs = sorted(set(pcs))
    res, k = {}, -1
    for i in range(0, len(pcs), 2000):
        part = pcs[i:i + 2000]
        out = subprocess.run([CROSS + "addr2line", "-f", "-i", "-p", "-e", VMLINUX] +
                             ["%#x" % a for a in part], check=True, capture_output=True,
                             text=True).stdout.splitlines()
        k = -1
        for line in out:
            inl = line.startswith(" (inlined by) ")
            text = line[len(" (inlined by) "):] if inl else line
            fn, _, where = text.partition(" at ")
            file, _, n = where.split(" (discriminator")[0].rpartition(":")
            j = file.find("/src/")
            frame = (fn, file[j + 5:] if j >= 0 else file, int(n) if n.isdigit() else 0)
            if inl:
                res[part[k]].append(frame)
            else:
                k += 1
                res[part[k]] = [frame]
    return res


def real_function(pc):
    b = gdb.block_for_pc(pc)
    while b is not None and b.superblock is not None and b.superblock.function is not None:
        b = b.superblock
    return b.function.name if b is not None and b.function is not None else "?"


def exit_points():
    if ARM:   # do_mem_abort's return addresses in the exception entries
        out = set()
        for fn in ("el0_da", "el0_ia", "el1_abort"):
            for l in gdb.execute("disassemble " + fn, to_string=True).splitlines():
                if "<do_mem_abort>" in l and re.search(r"\bbl\b", l):
                    out.add(int(l.split()[0].lstrip("=>").strip() or l.split()[1], 16) + 4)
        return out
    text = gdb.execute("disassemble exc_page_fault", to_string=True)
    return {int(l.split()[0].lstrip("=>").strip() or l.split()[1], 16) for l in text.splitlines()
            if "<irqentry_exit>" in l and ("call" in l or "jmp" in l)}


# ---- stepping one fault ----

def step_handler(names, exits, sp0):
    """Single-step from here to the handler's jump to irqentry_exit: the
    pcs run, in order. A call into a function no frame names is stepped
    over (a breakpoint at its return address)."""
    pcs, frame_sp = [], sp0
    arch = gdb.selected_inferior().architecture()
    while True:
        pc = reg(PC)
        sp = reg(SP)
        if pc in exits and (sp == sp0 if ARM else sp0 - 1024 < sp <= sp0):
            return pcs
        pcs.append(pc)
        insn = arch.disassemble(pc)[0]["asm"]
        gdb.execute("stepi", to_string=True)
        if insn.split()[0] in ("bl", "blr") if ARM else insn.split()[0].startswith("call"):
            npc = reg(PC)
            if real_function(npc) not in names:
                ra = pc + arch.disassemble(pc)[0]["length"]
                b = gdb.Breakpoint("*%#x" % ra, internal=True, temporary=True)
                gdb.execute("continue", to_string=True)
                if b.is_valid():
                    b.delete()
        if len(pcs) > 200000:
            raise gdb.GdbError("the handler did not end within 200000 instructions")


# ---- the C source's control statements around a line ----

SRC_CACHE = {}


def source(file):
    """The file's lines with comments blanked (line numbers kept)."""
    if file not in SRC_CACHE:
        with open(os.path.join(SRC, file), errors="replace") as f:
            text = f.read()
        text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text,
                      flags=re.S)
        SRC_CACHE[file] = [re.sub(r"//.*$", "", l) for l in text.split("\n")]
    return SRC_CACHE[file]


def indent(text):
    n = 0
    for ch in text:
        if ch == "\t":
            n += 8
        elif ch == " ":
            n += 1
        else:
            break
    return n


def code(text):
    t = re.sub(r"/\*.*?\*/|//.*$", "", text).strip()
    return t


def stmt_start(lines, n):
    """The first line of the statement line n is in (n 1-based); a complete
    control header without a brace (`if (x)` above its statement) is a
    line of its own."""
    while n > 1:
        prev = code(lines[n - 2])
        if not prev or prev.endswith((";", "{", "}", ":")) or prev.startswith("#"):
            break
        if re.match(r"^(\}?\s*else\b|(if|for|while|switch)\s*\()", prev) and \
                prev.count("(") == prev.count(")"):
            break
        n -= 1
    return n


def block_end(lines, n):
    """The line that ends the block or single statement header line n opens."""
    if code(lines[n - 1]).endswith("{"):
        depth = 0
        for k in range(n, len(lines) + 1):
            t = code(lines[k - 1])
            depth += t.count("{") - t.count("}")
            if depth <= 0 and k > n:
                return k
        return len(lines)
    k = n + 1
    while k <= len(lines) and not code(lines[k - 1]).endswith(";"):
        k += 1
    return k


def headers(lines, n):
    """The control statements around line n, innermost first: (kind, first
    line, last line of the header, last line of the block)."""
    out, s = [], stmt_start(lines, n)
    level = indent(lines[s - 1])
    k = s - 1
    while k >= 1 and level > 0:
        t = code(lines[k - 1])
        if not t or t.startswith("#") or re.match(r"^\w+:$", t) or indent(lines[k - 1]) >= level:
            k -= 1
            continue
        first = stmt_start(lines, k)
        head = " ".join(code(l) for l in lines[first - 1:k])
        level = indent(lines[first - 1])
        m = re.match(r"^\}?\s*(else\s+if|if|else|for|while|switch|do)\b", head)
        if m:
            out.append((m.group(1).replace("  ", " "), first, k, block_end(lines, k)))
        elif re.match(r"^(case\b|default\b)", head):
            out.append(("case", first, k, n))
        k = first - 1
    return out


# ---- checking one lit line ----

def has_code(file, n):
    """Does line n of file have an instruction (gdb's line tables)?"""
    key = (file, n)
    if key not in HAS_CODE:
        try:
            out = gdb.execute("info line %s:%d" % (file, n), to_string=True)
        except gdb.error:
            out = ""
        HAS_CODE[key] = "starts at address" in out and "contains no code" not in out
    return HAS_CODE[key]


HAS_CODE = {}


def check_frame(fn, file, line, run, lx):
    """Did line `line` of `file` run as a statement of fn in this fault?
    run: the pcs stepped, in order. None, or why not."""
    mine = [i for i, pc in enumerate(run)
            if any(f == fn and fl == file for f, fl, _ in lx[pc])]

    def line_of(i):
        for f, fl, n in lx[run[i]]:
            if f == fn and fl == file:
                return n
        return 0
    at = [i for i in mine if line_of(i) == line]
    if not at:
        return "no instruction of %s:%d in %s ran" % (file, line, fn)
    lines = source(file)
    around = headers(lines, line)
    for kind, first, last, end in around:
        if kind in ("do", "case", "else"):
            continue
        cond = [i for i in mine if first <= line_of(i) <= last and i < at[-1]]
        if not cond:
            if kind in ("if", "else if") and [i for i in mine if first <= line_of(i) <= last]:
                return ("line %d ran only before the condition of the %s at line %d was "
                        "tested (an instruction moved out of its block)" % (line, kind, first))
            continue          # resolved at compile time on this path
        # (an earlier statement's instruction the compiler moved down, next
        # to where its value is used, is not where the branch went)
        nxt = [i for i in mine if i > cond[-1] and line_of(i) > last]
        if nxt and not (last < line_of(nxt[0]) <= end):
            return ("after the %s at line %d the code went on at line %d, outside its block "
                    "(%d-%d)" % (kind, first, line_of(nxt[0]), last + 1, end))
    prev = [i for i in mine if i < at[0] and line_of(i) != line]
    if prev:
        p = line_of(prev[-1])
        if 0 < p < line:
            lim = min(indent(lines[stmt_start(lines, p) - 1]),
                      indent(lines[stmt_start(lines, line) - 1]))
            skip = {k for _, a, b, _ in around for k in range(a, b + 1)}
            for _, a, _, _ in around:       # an else's if-chain is around too
                skip |= set(range(a - 40 if a > 40 else 1, a))
            ran = {line_of(i) for i in mine}
            start = block_end(lines, p) + 1 if code(lines[p - 1]).endswith("{") else p + 1
            for k in range(start, line):    # a goto may land on a label: from there
                if re.match(r"^\w+:$", code(lines[k - 1])):
                    start = k + 1
            for k in range(start, line):
                t = code(lines[k - 1])
                # a call made whatever the conditions say (an if's condition
                # may be known at compile time and have no code on a path)
                if (k in skip or indent(lines[k - 1]) > lim or stmt_start(lines, k) != k or
                        not re.match(r"^(\w+\s*=\s*)?\w+\s*\(.*\)\s*;$",
                                     " ".join(code(l) for l in lines[k - 1:block_end(lines, k)]))
                        or re.match(r"^(if|for|while|switch|return)\b", t)):
                    continue
                if has_code(file, k) and k not in ran:
                    return ("coming from line %d, line %d (%s) would have run first, and "
                            "did not" % (p, k, t[:40]))
    return None


def main():
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    # pending[(cr2, ip, error)]: the samples with that triple, in trace
    # order. A live fault with the triple is stepped, then matched to the
    # first pending sample whose every named function ran in it: after a
    # fork, parent and child fault on the same triple and either may be
    # first (the first writer copies, the second reuses), so the n-th
    # occurrence in this run need not be the trace's n-th.
    want = samples()
    pending = {}
    for key in sorted(want, key=lambda k: want[k][1]["seq"]):
        pending.setdefault(key[:3], []).append(key)
    exits = exit_points()
    entry = gdb.Breakpoint("*do_mem_abort" if ARM else "*exc_page_fault", internal=True)
    # the recorded command, its gdbstub on a pipe here (the tracer's is a
    # socket in its run directory)
    cmd = re.sub(r" -gdb \S+$", " -gdb stdio",
                 open(os.path.join(RUN, "command.txt")).read().strip())
    with open("qemu.cmd", "w") as f:
        f.write("exec %s 2>qemu.err\n" % cmd)
    # a QEMU slow to start on a loaded machine: no second qSupported
    gdb.execute("set remotetimeout 60")
    gdb.execute("target remote | exec setsid -w sh ./qemu.cmd", to_string=True)
    done = set()
    while len(done) < len(want):
        try:
            gdb.execute("continue", to_string=True)
        except gdb.error:
            break
        if ARM:   # do_mem_abort(far, esr, regs)
            regs, err, cr2 = reg("x2"), reg("x1"), reg("x0")
            ip = int(gdb.parse_and_eval("((struct pt_regs *)%d)->pc" % regs)) & MASK
        else:
            regs = reg("rdi" if WIDE else "eax")
            err = reg("rsi" if WIDE else "edx")
            cr2 = reg("cr2")
            ip = int(gdb.parse_and_eval("((struct pt_regs *)%d)->ip" % regs)) & MASK
        t = (cr2, ip, err)
        if not pending.get(t):
            continue
        # step over what none of the pending samples names
        names = {c["fn"] for k in pending[t] for c in want[k][1].get("calls", [])}
        entry.enabled = False
        run = step_handler(names, exits, reg(SP))
        entry.enabled = True
        lx = chains(run)
        ran = {f[0] for frames in lx.values() for f in frames}
        # (a frame with a lit line ran an instruction of it, which
        # addr2line -i names; a frame shown without a line may not)
        match = [k for k in pending[t]
                 if {c["fn"] for c in want[k][1].get("calls", [])
                     if c["at"].rpartition(":")[2].isdigit()} <= ran]
        if not match:
            say("skipped a fault at cr2=%#x ip=%#x: it took another route than the "
                "samples at that address" % (cr2, ip))
            continue
        key = match[0]
        pending[t].remove(key)
        kind, ev = want[key]
        done.add(key)
        n = 0
        for c in ev.get("calls", []):
            file, _, ln = c["at"].rpartition(":")
            if not ln.isdigit():
                continue          # no line lit: nothing to confirm
            n += 1
            why = check_frame(c["fn"], file, int(ln), run, lx)
            say("%s %s seq=%d %s %s%s" % ("bad" if why else "ok", kind, ev["seq"], c["fn"],
                                         c["at"], " " + why if why else ""))
        say("sampled %s seq=%d: %d instructions stepped, %d lit lines" % (kind, ev["seq"],
                                                                            len(run), n))
        for w in WRONG:
            route, fn, at = w.split()
            if route == kind:
                file, _, ln = at.rpartition(":")
                why = check_frame(fn, file, int(ln), run, lx)
                say("%s %s seq=%d %s %s %s" % ("rejected" if why else "accepted", kind,
                                               ev["seq"], fn, at, why or ""))
    for key in want:
        if key not in done:
            say("missed %s seq=%d (not met again in this run)" % (want[key][0],
                                                                 want[key][1]["seq"]))
    try:
        gdb.execute("kill", to_string=True)
    except gdb.error:
        pass


main()
