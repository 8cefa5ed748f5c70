# SPDX-License-Identifier: GPL-2.0-only
# guest/linux/trace.py - pagewalk's page-fault tracer for Linux 6.1, run
# by `gdb -batch` (guest/gdb.args) in a run directory that
# `pagewalk record --kernel linux` prepared (engine/record/linuxrun.c;
# docs/linux.md says why gdb and what is recorded).
#
# Reads params.txt (the plan, the kernel, the paging geometry from
# engine/paging) and starts QEMU with qemu.sh (-S, its gdbstub on a Unix socket).
# Writes records.txt (docs/linux.md, "Records"), or on a failure
# records.txt.err (one line). What the tracer needs from the kernel image
# (addresses, offsets, the code of the handlers' source files) is looked up
# once per kernel build and kept beside it (build-VARIANT/pagewalk/).
#
# Stops, per page fault:
#   - exc_page_fault's first instruction: cr2, cr3, cr4, the error code,
#     regs->ip/cs, the task's pid, and the walk of cr2 read from physical
#     memory (Qqemu.PhyMemMode:1); a write watchpoint on every entry of
#     that walk above the pte level that links no table yet and on the 16
#     ptes around cr2's (the most do_fault's fault-around maps); QEMU
#     starts logging the code it runs (monitor: log exec,nochain) until
#     the fault's end. Once the init runs, x86 faults are caught without
#     that breakpoint (QEMU empties its translation cache at every
#     breakpoint stop): from user mode by a read watchpoint on the CPU's
#     entry stack, as the entry code copies the frame (EntryWatch), from
#     kernel mode at the first instruction of a path only such a fault
#     takes (kernel_entries);
#   - each write into a watched entry (gdb's watchpoint, QEMU's Z2): the
#     entry (level, index, old and new value) and the call chain at the
#     writing instruction; a table a write linked is watched in turn;
#   - a route breakpoint, for what writes nothing: a SIGSEGV
#     (__bad_area_nosemaphore, bad_area_access_error), an oops
#     (page_fault_oops), the stack's growth (expand_downwards);
#   - exc_page_fault's jump to irqentry_exit (a task killed by the fault
#     never returns from irqentry_exit): the walk again; an entry that
#     changed unseen (a watched one, or an upper one that linked a table)
#     fails the run.
# And, once the init runs, at every flush_tlb_mm_range() (inside a fault
# or not: COW, mprotect, munmap, fork, exit all flush through it): the
# range, the task and the callers (function names only: no line of a
# flush is lit, and QEMU logs no code outside a fault); and at each
# `mov REG,%cr3` of the C functions that write cr3 (load_new_mm_cr3,
# switch_mm_irqs_off on i386, native_flush_tlb_local,
# initialize_tlbstate_and_flush): cr3 before, the value written, the task
# and the callers. The entry code's cr3 writes (PTI's, at every kernel
# entry and exit) are not stopped at.
# arm64 (params format=arm64): the entry is do_mem_abort(far, esr, regs),
# with FAR_EL1, ESR_EL1, TTBR0/TTBR1_EL1 and TCR_EL1 read by name, the walk
# from the base register VA bit 55 picks; the handler's end is
# do_mem_abort's return (the return address at its entry); the SIGSEGV
# route is arm64_force_sig_fault (its si_code says map or access error),
# an oops die_kernel_fault; the binutils are the cross ones (cross=).
# Faults before the init's first user-mode fault (the kernel's boot) get
# their registers only. After the run every chain becomes functions with
# file:line (addr2line, inline frames included), and each frame's line is
# checked against the code QEMU logged as run in that fault (see lines()),
# the code of interrupts taken meanwhile left out (execlog.py).
import functools
import json
import os
import re
import subprocess
import sys
import time
import zlib

import gdb

sys.path.insert(0, os.getcwd())
import execlog  # noqa: E402  (QEMU's code log cut per fault, written beside this file)
import hwwalk  # noqa: E402  (the one page walker, written beside this file)


def read_params(path):
    """params.txt: KEY=VALUE lines ('level' repeated), '#' comments."""
    out = {"level": []}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            k, _, v = line.partition("=")
            if k == "level":
                out["level"].append(v)
            else:
                out[k] = v
    return out


P = read_params("params.txt")
MODE = P["mode"]
OUT = "records.txt"
VMLINUX = P["vmlinux"]
BUILD = P["build"]
with open("params.txt") as f:
    GEOM = hwwalk.Geometry(f)    # the mode's levels, from engine/paging
ARM = GEOM.format == "arm64"
CROSS = P.get("cross", "")
WORD = GEOM.word
WIDE = WORD == 8
PS = 0x80
MASK = (1 << (8 * WORD)) - 1
REAL = GEOM.real
PTE_SIZE = GEOM.entry_size

# Breakpoints for routes no page-table write names: a SIGSEGV, an oops,
# the stack's growth. Faults that map something are told apart by the
# chains of their writes (do_anonymous_page, do_wp_page, do_fault,
# vmalloc_sync_one ...).
# A file's page is read (filemap_fault) and made writable (do_page_mkwrite,
# fault_dirty_shared_page) before or after the write that maps it: those
# stops put them in the chain (docs/linux.md, the file scenario).
ROUTES = ["__bad_area_nosemaphore", "bad_area_access_error", "page_fault_oops",
          "expand_downwards", "filemap_fault", "do_page_mkwrite", "fault_dirty_shared_page"]
if ARM:
    ROUTES = ["arm64_force_sig_fault", "die_kernel_fault", "expand_downwards",
              "filemap_fault", "do_page_mkwrite", "fault_dirty_shared_page"]

# The source files whose code QEMU's log is read for: every function a
# fault's chain can pass through (a frame elsewhere gets no line, saying
# so), and the page-table helpers' headers, whose inline functions the
# compiler may emit out of line (native_set_p4d on x86_64).
TRACED = re.compile(r"(^|/)(arch/x86/mm/(fault|pgtable)\.c|mm/(memory|filemap|mmap|"
                    r"pgtable-generic|huge_memory)\.c|arch/x86/include/asm/(pgtable|pgalloc)"
                    r"[a-z0-9_]*\.h|include/linux/(mm|pgtable)\.h|include/asm-generic/pgalloc\.h|"
                    r"arch/arm64/mm/(fault|mmu)\.c|arch/arm64/kernel/traps\.c|"
                    r"arch/arm64/include/asm/(pgtable|pgalloc)"
                    r"[a-z0-9_]*\.h)$")


# ---- the kernel, looked up once per build ----

# What the tracer caches changes with it: a new CACHE_VERSION leaves the
# old files unread.
CACHE_VERSION = 10


def cache_base():
    """The cache's name: the tracer's version, the build, and the files it
    traces and the routes it stops at (a changed TRACED or ROUTES makes
    another cache: the code or the breakpoints differ)."""
    st = os.stat(VMLINUX)
    return os.path.join(BUILD, "pagewalk", "tracer%d-%s-%08x-%d-%d"
                        % (CACHE_VERSION, P["key"],
                           zlib.crc32((TRACED.pattern + " ".join(ROUTES)).encode()),
                           st.st_size, int(st.st_mtime)))


def lookup_symbols():
    """Everything the tracer needs from vmlinux at its stops (gdb's DWARF
    lookups: slow the first time)."""
    s = {}
    ev = lambda e: int(gdb.parse_and_eval(e))
    if ARM:
        return arm64_symbols(s, ev)
    s["entry"] = ev("(unsigned long)&exc_page_fault")
    s["exits"] = exit_points()
    if not s["exits"]:
        raise gdb.GdbError("no jump to irqentry_exit in exc_page_fault")
    try:
        s["early"] = ev("(unsigned long)&do_early_exception")
    except gdb.error:
        s["early"] = 0
    s["current"] = ev("(unsigned long)&current_task")
    s["pid"] = ev("(unsigned long)&((struct task_struct *)0)->pid")
    s["regs-ip"] = ev("(unsigned long)&((struct pt_regs *)0)->ip")
    s["regs-cs"] = ev("(unsigned long)&((struct pt_regs *)0)->cs")
    s["regs-orig"] = ev("(unsigned long)&((struct pt_regs *)0)->orig_ax")
    s["regs-nr"] = s["regs-orig"]
    user_regs(s, ev)
    for name, expr in (("page-offset-base", "page_offset_base"), ("swapper", "swapper_pg_dir")):
        try:
            s[name] = ev("(unsigned long)&" + expr)
        except gdb.error:
            s[name] = 0
    s["routes"] = {}
    for name in ROUTES:
        try:
            b = gdb.Breakpoint(name, internal=True)
        except gdb.error:
            continue          # not in this kernel
        s["routes"][name] = sorted({loc.address for loc in b.locations})
        b.delete()
    try:
        s["flush"] = ev("(unsigned long)&flush_tlb_mm_range")
    except gdb.error:
        s["flush"] = 0
    try:
        s["caps"] = ev("(unsigned long)&boot_cpu_data.x86_capability")
    except gdb.error:
        s["caps"] = 0
    s["banner"] = kernel_banner()
    s["code"] = traced_code()
    entry_watch_symbols(s, ev)
    return s


def entry_watch_symbols(s, ev):
    """What the entry watch (EntryWatch) needs: where the CPU's entry stack
    top is kept (the TSS's sp0), where the frame is copied to, which caller of
    error_entry is asm_exc_page_fault's (x86_64), the saved function slot
    (i386: pt_regs->gs holds the C handler), and the first instruction of
    each kernel-mode-only path of exc_page_fault (kernel_entries). Any
    of them missing: 0, and the tracer stops at exc_page_fault instead."""
    s["watch"] = 0
    try:
        s["tss-sp0"] = ev("(unsigned long)&cpu_tss_rw.x86_tss.sp0")
        # where the frame is copied to: x86_64 sync_regs, below
        # cpu_current_top_of_stack; i386 SWITCH_TO_KERNEL_STACK, below the
        # TSS's sp1 (the top less TOP_OF_KERNEL_STACK_PADDING)
        s["stack-top"] = ev("(unsigned long)&cpu_current_top_of_stack" if WIDE else
                            "(unsigned long)&cpu_tss_rw.x86_tss.sp1")
        s["regs-gs"] = 0 if WIDE else ev("(unsigned long)&((struct pt_regs *)0)->gs")
        # the slot watched: one the entry's copy reads and nothing else
        # does. x86_64: r15 (the way back to user mode reads the frame's
        # top six words off the entry stack: the iret frame and rdi);
        # i386: orig_ax (the way back skips it)
        s["watch-slot"] = ev("(unsigned long)&((struct pt_regs *)0)->r15" if WIDE else
                             "(unsigned long)&((struct pt_regs *)0)->orig_ax")
    except gdb.error:
        return
    s["pf-ret"] = 0
    if WIDE:
        lines = gdb.execute("disassemble asm_exc_page_fault", to_string=True).splitlines()
        for i, line in enumerate(lines[:-1]):
            if "call" in line and "<error_entry>" in line:
                s["pf-ret"] = int(re.search(r"0x[0-9a-f]+", lines[i + 1]).group(0), 16)
                break
        if not s["pf-ret"]:
            return
    s["kernel-entries"] = kernel_entries()
    s["watch"] = 1 if s["kernel-entries"] else 0


def kernel_entries():
    """The addresses where a kernel-mode page fault first takes a path of
    its own in exc_page_fault (arch/x86/mm/fault.c): do_kern_addr_fault
    (a kernel address), and do_user_addr_fault's branch for a fault not
    from user mode (the line after `} else {` of `if (user_mode(regs))`);
    [] when the source does not read that way."""
    text = source("arch/x86/mm/fault.c")
    start = next((i for i, l in enumerate(text) if "do_user_addr_fault(" in l and
                  not l.rstrip().endswith(";")), None)
    line = None
    for i in range(start or 0, len(text) - 2 if start is not None else 0):
        if "if (user_mode(regs))" in text[i]:
            for j in range(i + 1, min(i + 12, len(text) - 1)):
                if text[j].strip() == "} else {":
                    line = j + 2      # 1-based: the statement after the else
                    break
            break
    if line is None:
        return []
    out = []
    for spec in ("do_kern_addr_fault", "arch/x86/mm/fault.c:%d" % line):
        try:
            b = gdb.Breakpoint(spec, internal=True)
        except gdb.error:
            return []
        out += [loc.address for loc in b.locations]
        b.delete()
    return sorted(set(out))


def user_regs(s, ev):
    """syscall_of's: where a task's user registers are and the system
    calls' table (gdb's first look at a struct costs a second of DWARF
    reading: never inside a stop)."""
    s["task-stack"] = ev("(unsigned long)&((struct task_struct *)0)->stack")
    s["pt-regs-size"] = ev("sizeof(struct pt_regs)")
    try:
        s["syscalls"] = ev("(unsigned long)&sys_call_table")
    except gdb.error:
        s["syscalls"] = 0


def arm64_symbols(s, ev):
    """lookup_symbols for arm64: do_mem_abort, struct pt_regs's pc and
    pstate, the task's pid (current is SP_EL0 in the kernel), the linear
    map's PHYS_OFFSET (memstart_addr)."""
    s["entry"] = ev("(unsigned long)&do_mem_abort")
    s["exits"], s["early"], s["current"] = arm64_returns(), 0, 0
    if not s["exits"]:
        raise gdb.GdbError("no call of do_mem_abort in arch/arm64/kernel/entry-common.c")
    s["pid"] = ev("(unsigned long)&((struct task_struct *)0)->pid")
    s["regs-ip"] = ev("(unsigned long)&((struct pt_regs *)0)->pc")
    s["regs-cs"] = ev("(unsigned long)&((struct pt_regs *)0)->pstate")
    s["memstart"] = ev("(unsigned long)&memstart_addr")
    s["regs-nr"] = ev("(unsigned long)&((struct pt_regs *)0)->syscallno")
    user_regs(s, ev)
    # on_main's: the per-cpu task pointer the kernel entry loads
    try:
        s["entry-task"] = ev("(unsigned long)&__entry_task")
    except gdb.error:
        s["entry-task"] = 0
    s["page-offset-base"], s["swapper"] = 0, 0
    s["flush"], s["caps"] = 0, 0   # no flush followed, no PTI: x86's (linux.tab's tlb, pti)
    s["routes"] = {}
    for name in ROUTES:
        try:
            b = gdb.Breakpoint(name, internal=True)
        except gdb.error:
            continue
        s["routes"][name] = sorted({loc.address for loc in b.locations})
        b.delete()
    s["banner"] = kernel_banner()
    s["code"] = traced_code()
    return s


def arm64_returns():
    """The return addresses of do_mem_abort's calls (the exception
    entries el0_da, el0_ia, el1_abort of entry-common.c): set before the
    run, as a breakpoint made inside a stop may not be in place in time."""
    out = []
    for fn in ("el0_da", "el0_ia", "el1_abort"):
        try:
            text = gdb.execute("disassemble " + fn, to_string=True)
        except gdb.error:
            continue
        for line in text.splitlines():
            if "<do_mem_abort>" in line and re.search(r"\bbl\b", line):
                out.append(int(line.split()[0].lstrip("=>").strip() or line.split()[1], 16) + 4)
    return out


def traced_code():
    """The instructions of every function of the TRACED files:
    {addr: [length, mnemonic, target or 0]} (objdump), with the ranges."""
    syms = subprocess.run([CROSS + "nm", "-S", "--defined-only", VMLINUX], check=True,
                          capture_output=True, text=True).stdout.split("\n")
    funcs = []
    for line in syms:
        f = line.split()
        if len(f) == 4 and f[2] in "tTwW":
            funcs.append((int(f[0], 16), int(f[1], 16)))
    # a function's own file: the outermost of its first instruction's
    # chain (that instruction may be an inlined helper's, from a header)
    out = subprocess.run([CROSS + "addr2line", "-f", "-i", "-a", "-e", VMLINUX]
                         + ["%#x" % a for a, _ in funcs],
                         check=True, capture_output=True, text=True).stdout.split("\n")
    files = []
    for line in out:
        if line.startswith("0x"):
            files.append("")
        elif files and ":" in line:
            files[-1] = line
    ranges = sorted((a, a + n) for (a, n), f in zip(funcs, files)
                    if n and TRACED.search(f.split(":")[0]))
    merged = []
    for a, e in ranges:
        if merged and a <= merged[-1][1] + 64:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([a, e])
    code = {}
    pat = re.compile(r"^\s*([0-9a-f]+):\t(.*)$")
    for a, e in merged:
        out = subprocess.run([CROSS + "objdump", "-d", "--no-show-raw-insn", "--start-address=%#x" % a,
                              "--stop-address=%#x" % e, VMLINUX], check=True,
                             capture_output=True, text=True).stdout.split("\n")
        prev = None
        for line in out:
            m = pat.match(line)
            if not m:
                continue
            addr, asm = int(m.group(1), 16), m.group(2).strip()
            words = [w for w in asm.split() if w not in ("lock", "rep", "repz", "repnz",
                                                         "notrack", "bnd", "cs", "ds")]
            mn = words[0] if words else "?"
            t = re.search(r"\b([0-9a-f]{6,16}) <", asm)
            if "<__x86_return_thunk>" in asm:
                # a kernel with return thunks (RETHUNK: the thppti variant's
                # mitigations) returns through this jump, which the kernel
                # patches back to a ret when the CPU needs no mitigation
                mn, t = "ret", None
            code[addr] = [0, mn, int(t.group(1), 16) if t and (is_jump(mn) or is_call(mn))
                          else 0]
            if prev is not None:
                code[prev][0] = addr - prev
            prev = addr
        if prev is not None:
            code[prev][0] = max(1, e - prev)
    return {"ranges": merged, "insns": code}


def load_symbols():
    path = cache_base() + ".json"
    try:
        with open(path) as f:
            s = json.load(f)
        s["code"]["insns"] = {int(k): v for k, v in s["code"]["insns"].items()}
        return s
    except (OSError, ValueError, KeyError):
        pass
    s = lookup_symbols()
    tmp = "%s.tmp%d" % (path, os.getpid())
    try:
        with open(tmp, "w") as f:
            json.dump(s, f)
        os.rename(tmp, path)
        # another build's caches are dead (another vmlinux: its key, size,
        # time); another tracer version's or traced list's for this build
        # are kept: checkouts of two tracers sharing the cache would remove
        # each other's, and each recording would look everything up again
        build = "-".join(os.path.basename(cache_base()).split("-")[i] for i in (1, 3, 4))
        d = os.path.dirname(path)
        for name in os.listdir(d):
            f = name[:-len(".json")].split("-")
            if name.startswith("tracer") and name.endswith(".json") and \
                    "-".join(f[i] for i in (1, 3, 4) if i < len(f)) != build:
                os.unlink(os.path.join(d, name))
        # and gdb's index of another vmlinux (guest/gdb.args: gdb-index/,
        # a file per build-id)
        idx, bid = os.path.join(d, "gdb-index"), gdb.objfiles()[0].build_id
        for name in os.listdir(idx) if bid and os.path.isdir(idx) else []:
            if name.endswith(".gdb-index") and name != bid + ".gdb-index":
                os.unlink(os.path.join(idx, name))
    except OSError:
        pass                  # a read-only cache: look up again next time
    return s


def exit_points():
    """The instructions of exc_page_fault that call or jump to
    irqentry_exit: the handler's work is done there."""
    text = gdb.execute("disassemble exc_page_fault", to_string=True)
    out = []
    for line in text.splitlines():
        if "<irqentry_exit>" in line and ("call" in line or "jmp" in line):
            out.append(int(line.split()[0].lstrip("=>").strip() or line.split()[1], 16))
    return out


def kernel_banner():
    """The "Linux version ..." line built into vmlinux (the longest of the
    strings that start so: the others are format strings)."""
    with open(VMLINUX, "rb") as f:
        data = f.read()
    best, i = "unknown", data.find(b"Linux version ")
    while i >= 0:
        j = i
        while j < len(data) and j - i < 300 and data[j] not in (0, 10):
            j += 1
        text = data[i:j].decode("ascii", "replace").strip()
        if len(text) > len(best):
            best = text
        i = data.find(b"Linux version ", i + 1)
    return best


def config_page_offset():
    """CONFIG_PAGE_OFFSET of the build's .config (i386), else None."""
    return config_value("CONFIG_PAGE_OFFSET")


def config_value(name):
    """A number of the build's .config, or None."""
    with open(os.path.join(BUILD, ".config")) as f:
        for line in f:
            if line.startswith(name + "="):
                return int(line.split("=", 1)[1], 0)
    return None


# ---- the target ----

inferior = None


def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & MASK


SP = "sp" if ARM else "rsp" if WIDE else "esp"
PC = "pc" if ARM else "rip" if WIDE else "eip"


def read(addr, size):
    return int.from_bytes(inferior.read_memory(addr, size).tobytes(), "little")


def read_bytes(addr, size):
    return inferior.read_memory(addr, size).tobytes()


def monitor(cmd):
    gdb.execute("monitor " + cmd, to_string=True)


class Phys:
    """Memory access by physical address for the with-block
    (Qqemu.PhyMemMode:1)."""
    def __enter__(self):
        gdb.execute("maintenance packet Qqemu.PhyMemMode:1", to_string=True)

    def __exit__(self, *exc):
        gdb.execute("maintenance packet Qqemu.PhyMemMode:0", to_string=True)
        # what gdb read of the kernel's addresses in the block came from
        # physical memory: not to be served again (KERNEL_CACHED)
        gdb.execute("maintenance flush dcache", to_string=True)


def walk(cr3, va):
    """Walk va from cr3 (inside a Phys block): hwwalk.walk's steps."""
    return hwwalk.walk(read, GEOM, cr3, va)


def fmt_step(s):
    if len(s) == 1:
        return "level=%s folded" % s[0]
    return "level=%s table=%#x index=%d pa=%#x value=%#x" % s


def level_of(name):
    return GEOM.level(name)


# ---- faults ----

class Fault:
    def __init__(self, seq, sp, regs):
        self.seq, self.sp, self.regs = seq, sp, regs
        self.lines, self.stops, self.watches = [], [], []
        self.before, self.done, self.last_route = [], False, None


class WatchBreakpoint(gdb.Breakpoint):
    def stop(self):
        return guarded(on_write, self.watch)


class Watch:
    """A watched region of a page table (entries of one level, from pa);
    its bytes as last seen."""
    def __init__(self, level, table, pa, size, data):
        self.level, self.table, self.pa, self.size, self.data = level, table, pa, size, data
        self.bp = WatchBreakpoint("*(unsigned char (*)[%d])%#x" % (size, (DIRECT + pa) & MASK),
                                  gdb.BP_WATCHPOINT, gdb.WP_WRITE, internal=True)
        self.bp.watch = self

    def remove(self):
        self.bp.delete()


records = []      # every fault, in order of entry
open_faults = []  # faults whose handler has not finished
addrs = set()     # every pc of every chain, for addr2line
dup_stops = [0]
traced = [False]  # the init has taken its first user-mode fault
PTI = [False]     # page-table isolation on (read at the first user fault)


def links_table(level, value):
    """Does this entry of a level above the pte link a table below it
    (x86: present and not a huge page's; arm64: a table descriptor)?"""
    if ARM:
        return value & 3 == 3
    return bool(value & 1) and not (level_of(level)[4] and value & PS)


def watch_path(f, steps):
    """Watch each entry of cr2's walk above the pte level that does not
    link a table yet (one the handler may fill: not present, or a huge
    page's) and the 16 ptes of the 64 KiB around cr2 (fault_around_bytes:
    the most do_fault maps at once) in the pte table it reaches (inside a
    Phys block). An entry that links a table is left to close(), which
    fails the run if it changed: a handler fills what is empty below it,
    and every watched value costs gdb a read at each stop and resume
    (watching them too made a fault 1.7 ms slower)."""
    have = {w.pa for w in f.watches}
    for s in steps:
        if len(s) == 1:
            continue
        name, table, index, pa, value = s
        if name == "pte":
            lo = table + (index & ~15) * PTE_SIZE
            if lo not in have:
                f.watches.append(Watch("pte", table, lo, 16 * PTE_SIZE,
                                       read_bytes(lo, 16 * PTE_SIZE)))
        elif pa not in have and not links_table(name, value):
            size = level_of(name)[3]
            f.watches.append(Watch(name, table, pa, size, value.to_bytes(size, "little")))


def chain():
    """The call chain at this stop, innermost first: the pc, then each
    caller's return address (inline frames come from addr2line later)."""
    out, frame = [], gdb.newest_frame()
    while frame is not None:
        if frame.type() != gdb.INLINE_FRAME:
            out.append(frame.pc())
            if ARM and len(out) == 2 and frame.name() != "do_mem_abort":
                # gdb's unwinder past here may skip do_mem_abort (from the
                # LL/SC atomics' out-of-line code): the kernel's frame
                # records (x29) from this caller on
                return out + frame_records(int(frame.read_register("x29")) & MASK)
        if frame.name() in ("exc_page_fault", "do_early_exception", "do_mem_abort"):
            break
        frame = frame.older()
    return out


def function_at(pc):
    """The name of the (outermost, not inlined) function holding pc, or None."""
    b = gdb.block_for_pc(pc)
    name = None
    while b is not None:
        if b.function is not None:
            name = b.function.name
        b = b.superblock
    return name


def frame_records(fp):
    """arm64: the chain from frame record fp (the caller's x29, then its
    return address) up to do_mem_abort's return address in it."""
    out = []
    for _ in range(32):
        if not fp:
            break
        ra = read(fp + 8, WORD)
        out.append(ra)
        if function_at(ra - 4) == "do_mem_abort":
            return out
        fp = read(fp, WORD)
    raise gdb.GdbError("no frame record leads back to do_mem_abort")


def owner(sp):
    """The open fault whose handler runs on this stack (sp below its entry)."""
    for f in reversed(open_faults):
        if f.sp - 16384 < sp < f.sp:
            return f
    return None


def arm64_entry():
    """do_mem_abort(far, esr, regs): open a fault (arm64). Its end is
    do_mem_abort's return: a breakpoint at the return address, with the
    entry's sp."""
    global DIRECT
    sp, far, esr, regs = reg("sp"), reg("x0"), reg("x1"), reg("x2")
    if open_faults and open_faults[-1].sp == sp and open_faults[-1].regs == regs:
        dup_stops[0] += 1         # QEMU reported the same entry again
        return
    if far != reg("FAR_EL1") or esr != reg("ESR_EL1"):
        raise gdb.GdbError("do_mem_abort's far/esr (%#x, %#x) are not FAR_EL1/ESR_EL1 "
                           "(%#x, %#x)" % (far, esr, reg("FAR_EL1"), reg("ESR_EL1")))
    t0, t1, tcr = reg("TTBR0_EL1"), reg("TTBR1_EL1"), reg("TCR_EL1")
    n, base = hwwalk.arm64_base(GEOM, far, t0, t1, tcr)
    ip = read(regs + SYM["regs-ip"], WORD)
    el = (read(regs + SYM["regs-cs"], WORD) >> 2) & 3
    f = Fault(len(records) + 1, sp, regs)
    f.cr2, f.cr3, f.early = far, base, False
    if el == 0 and not traced[0]:
        traced[0] = True
        traced_breakpoints()
        memstart = read(SYM["memstart"], WORD)
        DIRECT = (PAGE_OFFSET - memstart) & MASK
    f.full = traced[0]
    pid = read(reg("SP_EL0") + SYM["pid"], 4)
    if f.full and open_faults:
        o = open_faults[-1]
        raise gdb.GdbError("fault %d (far %#x, el %d, sp %#x, pid %d) came while fault %d's "
                           "handler ran (far %#x, sp %#x): the tracer reads one fault's code "
                           "at a time" % (f.seq, far, el, sp, pid, o.seq, o.cr2, o.sp))
    f.lines.append("fault seq=%d pid=%d far=%#x esr=%#x ttbr=%d base=%#x ttbr0=%#x ttbr1=%#x "
                   "tcr=%#x ip=%#x el=%d" % (f.seq, pid, far, esr, n, base, t0, t1, tcr, ip, el))
    if PROGRAM_MAIN is not None and f.full and el == 1 and pid and n == 0:
        f.lines.append(syscall_of())   # the kernel touched a user address for a system call
    records.append(f)
    open_faults.append(f)
    if reg("x30") not in SYM["exits"]:
        raise gdb.GdbError("do_mem_abort called from %#x, not from an exception entry the "
                           "tracer knows" % reg("x30"))
    start_walk(f, base, far)


def start_walk(f, top, va, user_top=None):
    """A fault just opened: for a full one, QEMU logs the code it runs from
    now on, and its walk of va from top is read and watched (and, under
    PTI, the walk from user_top, the user copy the CPU walked in user mode,
    is read too); the exit breakpoints (arm64, or an x86 kernel whose
    exits are not a pop and a jump) are armed and the entry's taken out."""
    if f.full:
        monitor("log int,exec,nochain")
        with Phys():
            f.before = walk(top, va)
            watch_path(f, f.before)
        f.lines += ["walk before " + fmt_step(s) for s in f.before]
        if user_top is not None:
            with Phys():
                f.lines += ["walk user " + fmt_step(s) for s in walk(user_top, va)]
                f.lines += kernel_half(top, user_top)
    arm(True)


def kernel_half(top, user_top):
    """PTI (inside a Phys block): the kernel half of both copies' top
    table, pgd[256..511], one 2 KiB read each; a "top" line for each index
    set in either copy (0: none there)."""
    half = 256 * 8
    k = read_bytes((top & GEOM.cr3_mask) + half, half)
    u = read_bytes((user_top & GEOM.cr3_mask) + half, half)
    out = []
    for i in range(256):
        kv = int.from_bytes(k[i * 8:i * 8 + 8], "little")
        uv = int.from_bytes(u[i * 8:i * 8 + 8], "little")
        if kv or uv:
            out.append("top index=%d kernel=%#x user=%#x" % (256 + i, kv, uv))
    return out


WRITERS = []      # cr3_lookup's, for traced_breakpoints


def traced_breakpoints():
    """At the init's first user-mode fault (a breakpoint stop): the route,
    flush and cr3 breakpoints. Before it, all three are passed over, and
    QEMU runs each instruction of a page holding a breakpoint as a block of
    its own: out of the boot, they spare it that."""
    for name, pcs in SYM["routes"].items():
        for pc in pcs:
            RouteBreakpoint(pc, name)
    if SYM["flush"]:
        FlushBreakpoint(SYM["flush"])
    for pc, fn, src in WRITERS:
        Cr3Breakpoint(pc, fn, src)


def on_entry(early):
    """exc_page_fault(regs, error_code) or, while the kernel boots,
    do_early_exception(regs, trapnr): open a fault. From the init's first
    user-mode fault on, the entry watch takes over where it can
    (watch_entries)."""
    if ARM:
        return arm64_entry()
    sp = reg(SP)
    regs, err = (reg("rdi"), reg("rsi")) if WIDE else (reg("eax"), reg("edx"))
    if early:
        if err != 14:
            return                # another early exception, not a #PF
        err = read(regs + SYM["regs-orig"], WORD)
    if open_faults and open_faults[-1].sp == sp and open_faults[-1].regs == regs:
        dup_stops[0] += 1         # QEMU reported the same entry again
        return
    ip, cs = ip_cs(regs)
    open_fault(sp, regs, err, ip, cs, early)
    if traced[0] and SYM.get("watch") and EXIT_READS and not entry_top:
        watch_entries()


def ip_cs(regs):
    """regs->ip and regs->cs (next to each other in pt_regs: one read)."""
    lo = min(SYM["regs-ip"], SYM["regs-cs"])
    both = read_bytes(regs + lo, abs(SYM["regs-cs"] - SYM["regs-ip"]) + WORD)
    ip = int.from_bytes(both[SYM["regs-ip"] - lo:][:WORD], "little")
    cs = int.from_bytes(both[SYM["regs-cs"] - lo:][:WORD], "little") & 0xffff
    return ip, cs


entry_top = []    # the entry stack's top (the TSS's sp0), once the entry watch is on


def watch_entries():
    """At a breakpoint stop (the init's first user-mode fault), x86: catch
    page faults from now on without a breakpoint at exc_page_fault. QEMU
    7.2 empties its translation cache at every breakpoint stop, and
    translating the fault's code and the program's again was 35% of a
    400-fault recording's samples (perf: tb_gen_code; 8% without). A
    fault from user mode is
    caught by a read watchpoint on a slot of the CPU's entry stack
    (EntryWatch); one from kernel mode, which stays on the kernel
    stack it came on, by breakpoints on the paths only such a fault takes
    (kernel_entries). Inserted here, at a breakpoint stop, so no code QEMU
    translated before misses them."""
    entry_top.append(read(SYM["tss-sp0"], WORD))
    EntryWatch(entry_top[0] - SYM["pt-regs-size"] + SYM["watch-slot"])
    for pc in SYM["kernel-entries"]:
        KernelEntryBreakpoint(pc)
    for b in entries:
        b.enabled = False
    entries.clear()


class EntryWatch(gdb.Breakpoint):
    """A read watchpoint on a slot of the frame a user-mode entry leaves
    on the CPU's entry stack (watch-slot): read once per entry, when the
    frame is copied to the task's stack (x86_64 sync_regs, i386
    SWITCH_TO_KERNEL_STACK), before the C handler runs. A watchpoint stop
    leaves QEMU's translation cache."""
    def __init__(self, addr):
        # one byte: x86_64's copy reads the slot as two dwords (rep movsl)
        super().__init__("*(unsigned char *)%#x" % addr,
                         gdb.BP_WATCHPOINT, gdb.WP_READ, internal=True)

    def stop(self):
        return guarded(on_user_entry)


def on_user_entry():
    """A user-mode entry's frame is being copied off the entry stack: a
    page fault (x86_64: error_entry's return address is the one in
    asm_exc_page_fault; i386: the frame's gs slot holds the C handler,
    exc_page_fault) opens here, its regs where the copy goes (the task's
    stack top minus a pt_regs) and exc_page_fault's sp a word below; an
    interrupt or a system call goes on."""
    pt = SYM["pt-regs-size"]
    lo = entry_top[0] - pt - WORD          # error_entry's return address, then pt_regs
    frame = read_bytes(lo, pt + WORD)

    def word(off):
        return int.from_bytes(frame[off:off + WORD], "little")
    if WIDE and word(0) != SYM["pf-ret"] or \
            not WIDE and word(WORD + SYM["regs-gs"]) != SYM["entry"]:
        return
    regs = read(SYM["stack-top"], WORD) - pt
    open_fault(regs - WORD, regs, word(WORD + SYM["regs-orig"]), word(WORD + SYM["regs-ip"]),
               word(WORD + SYM["regs-cs"]) & 0xffff, False)


class KernelEntryBreakpoint(gdb.Breakpoint):
    def __init__(self, addr):
        super().__init__("*%#x" % addr, internal=True)

    def stop(self):
        return guarded(on_kernel_entry)


def on_kernel_entry():
    """exc_page_fault took a path only a fault from kernel mode takes (or,
    for do_kern_addr_fault, a user-mode access to a kernel address, opened
    already at its entry): open the fault, with regs and error_code, the
    handler's arguments, read from its frame. Nothing before here writes a
    page table; QEMU logs the fault's code from here on (the frames' calls
    come later)."""
    fr = gdb.newest_frame()
    while fr is not None and (fr.name() != "exc_page_fault" or fr.type() == gdb.INLINE_FRAME):
        fr = fr.older()
    if fr is None:
        raise gdb.GdbError("no exc_page_fault frame at %#x" % reg(PC))
    regs = int(fr.read_var("regs")) & MASK
    err = int(fr.read_var("error_code")) & MASK
    if open_faults and open_faults[-1].regs == regs:
        return
    ip, cs = ip_cs(regs)
    open_fault(regs - WORD, regs, err, ip, cs, False)


def open_fault(sp, regs, err, ip, cs, early):
    """A page fault (exc_page_fault's sp at its entry, its regs and error
    code; regs->ip and cs) opens: its record, its walk and watches."""
    global DIRECT
    while spent:
        spent.pop().delete()
    cr2, cr3, cr4 = reg("cr2"), reg("cr3"), reg("cr4")
    f = Fault(len(records) + 1, sp, regs)
    f.cr2, f.cr3, f.early = cr2, cr3, early
    if cs & 3 and not traced[0]:
        traced[0] = True
        traced_breakpoints()
        DIRECT = read(SYM["page-offset-base"], WORD) if SYM["page-offset-base"] else PAGE_OFFSET
        # X86_FEATURE_PTI, word 7 bit 11 (arch/x86/include/asm/cpufeatures.h)
        PTI[0] = bool(WIDE and SYM["caps"] and read(SYM["caps"] + 7 * 4, 4) >> 11 & 1)
    f.full = traced[0] and not early
    if f.full and open_faults:
        raise gdb.GdbError("fault %d came while fault %d's handler ran: the tracer reads one "
                           "fault's code at a time" % (f.seq, open_faults[-1].seq))
    pid = read(read(SYM["current"], WORD) + SYM["pid"], 4)
    f.lines.append("fault seq=%d pid=%d cr2=%#x cr3=%#x cr4=%#x error=%#x ip=%#x cs=%#x cpl=%d"
                   % (f.seq, pid, cr2, cr3, cr4, err, ip, cs, cs & 3))
    if PROGRAM_MAIN is not None and f.full and not cs & 3 and pid and cr2 < USER_END:
        f.lines.append(syscall_of())
    records.append(f)
    open_faults.append(f)
    if early:
        ra = read(sp, WORD)
        if ra not in early_returns:
            early_returns[ra] = ReturnBreakpoint(ra, exact=True)
        return
    if EXIT_READS:
        f.exit = ExitWatch(f)
    start_walk(f, cr3, cr2, cr3 | 0x1000 if PTI[0] and cs & 3 else None)


def on_write(w):
    """The watchpoint of region w fired (one store wrote into it): record
    each entry that changed with the chain that wrote it; watch the tables
    a write linked. The other regions are compared at the fault's end
    (close): a change there no watchpoint saw fails the run."""
    f = owner(reg(SP))
    pc = reg(PC)
    if f is None:
        raise gdb.GdbError("a page-table write at %#x outside any fault's handler" % pc)
    if w not in f.watches:
        raise gdb.GdbError("fault %d: a write at %#x to a table watched for another fault"
                           % (f.seq, pc))
    ch = chain()
    linked = False
    # the region as the store left it, through the address the watchpoint
    # is on (the kernel's direct map): no switch to physical reads
    now = read_bytes((DIRECT + w.pa) & MASK, w.size)
    lv = level_of(w.level)
    size = lv[3]
    for off in range(0, w.size, size):
        o = int.from_bytes(w.data[off:off + size], "little")
        n = int.from_bytes(now[off:off + size], "little")
        if o == n:
            continue
        index = (w.pa + off - w.table) // size
        f.stops.append(("write level=%s index=%d pa=%#x old=%#x new=%#x"
                        % (w.level, index, w.pa + off, o, n), ch))
        addrs.update(ch)
        linked |= w.level != "pte" and links_table(w.level, n)
    w.data = now
    if linked:
        with Phys():
            watch_path(f, walk(f.cr3, f.cr2))   # through the table just linked


def on_route(name):
    sp = reg(SP)
    f = owner(sp)
    if f is None or not f.full:
        return
    ch = chain()
    if f.last_route == (name, ch, sp):
        dup_stops[0] += 1       # QEMU reported one hit twice
        return
    f.last_route = (name, ch, sp)
    # arm64_force_sig_fault(signo, si_code, ...): SEGV_MAPERR 1, SEGV_ACCERR 2
    arg = " si_code=%d" % (reg("x1") & 0xffffffff) if name == "arm64_force_sig_fault" else ""
    f.stops.append(("route hit=%s%s" % (name, arg), ch))
    addrs.update(ch)


flushes = []      # (faults entered so far, fault seq or 0, pid, start, end, pcs)


def callers():
    """The pcs of this stop's chain, innermost first: the pc, then the
    callers' return addresses minus one (the call's own chain), up to the
    fault's or system call's entry (the unwinder may stop before)."""
    pcs, frame = [], gdb.newest_frame()
    try:
        while frame is not None and len(pcs) < 24:
            if frame.type() != gdb.INLINE_FRAME:
                pcs.append(frame.pc())
            if frame.name() in ("exc_page_fault", "do_syscall_64", "do_int80_syscall_32",
                                "__do_fast_syscall_32"):
                break
            frame = frame.older()
    except gdb.error:
        pass                  # the unwinder stops at the entry code
    return pcs[:1] + [pc - 1 for pc in pcs[1:] if pc > 0xfff]   # not an unwinder's 0


def on_flush():
    """flush_tlb_mm_range(mm, start, end, stride_shift, freed_tables): the
    range and the callers (i386: regparm(3), eax edx ecx)."""
    if not traced[0]:
        return
    if WIDE:
        start, end = reg("rsi"), reg("rdx")
    else:
        start, end = reg("edx"), reg("ecx")
    f = owner(reg("rsp" if WIDE else "esp"))
    pid = read(read(SYM["current"], WORD) + SYM["pid"], 4)
    pcs = callers()
    addrs.update(pcs)
    flushes.append((len(records), f.seq if f is not None and f.full else 0, pid, start,
                    end, pcs))


# ---- cr3 writes (x86): a full flush of every non-global TLB entry ----

# The C functions that write cr3 once the kernel runs (Linux 6.1
# arch/x86/mm/tlb.c): load_new_mm_cr3 (a switch to another mm; inlined
# into switch_mm_irqs_off on i386), native_flush_tlb_local (flush_tlb_func's
# full flush: TLB_FLUSH_ALL or a range over tlb_single_page_flush_ceiling)
# and initialize_tlbstate_and_flush (a CPU's start). The entry code's
# writes (PTI: every kernel entry and exit) are too many to stop at.
CR3_WRITERS = ("load_new_mm_cr3", "switch_mm_irqs_off", "native_flush_tlb_local",
               "initialize_tlbstate_and_flush")
cr3s = []         # (faults so far, flushes so far, fault seq or 0, pid, fn, old, new, pcs)


def cr3_lookup():
    """[(address, function, source register)] of every `mov REG,%cr3` in
    CR3_WRITERS, from gdb's disassembly (none on arm64); kept per kernel
    build beside the tracer's symbols (cr3-*.json)."""
    if ARM:
        return []
    path = cache_base() + "-cr3.json"
    try:
        with open(path) as f:
            return [tuple(x) for x in json.load(f)]
    except (OSError, ValueError):
        pass
    out = []
    for fn in CR3_WRITERS:
        try:
            text = gdb.execute("disassemble " + fn, to_string=True)
        except gdb.error:
            continue          # not in this kernel (inlined)
        for line in text.splitlines():
            m = re.search(r"(0x[0-9a-f]+) <\+\d+>:\s+mov\s+%(\w+),%cr3\b", line)
            if m:
                out.append((int(m.group(1), 16), fn, m.group(2)))
    fns = {fn for _, fn, _ in out}
    if "native_flush_tlb_local" not in fns or not fns & {"load_new_mm_cr3", "switch_mm_irqs_off"}:
        raise gdb.GdbError("no mov to cr3 in native_flush_tlb_local and load_new_mm_cr3 "
                           "(or switch_mm_irqs_off): found %s" % (sorted(fns) or "none"))
    tmp = "%s.tmp%d" % (path, os.getpid())
    try:
        with open(tmp, "w") as f:
            json.dump(out, f)
        os.rename(tmp, path)
    except OSError:
        pass                  # a read-only cache: look up again next time
    return out


def on_cr3(fn, src):
    """A `mov src,%cr3` of fn is about to run (once the init runs): cr3
    now, the value written, the task, the fault it is in and the callers."""
    if not traced[0]:
        return
    f = owner(reg(SP))
    pid = read(read(SYM["current"], WORD) + SYM["pid"], 4)
    pcs = callers()
    addrs.update(pcs)
    cr3s.append((len(records), len(flushes), f.seq if f is not None and f.full else 0, pid,
                 fn, reg("cr3"), reg(src), pcs))


class Cr3Breakpoint(gdb.Breakpoint):
    def __init__(self, addr, fn, src):
        super().__init__("*%#x" % addr, internal=True)
        self.fn, self.src = fn, src

    def stop(self):
        return guarded(on_cr3, self.fn, self.src)


def via_names(pcs, lx):
    """The function names of a stop's chain, outermost first, inline
    frames included, a repeat and a pc addr2line cannot name ("??", "??
    ??:0": a user address on a signal's way out) left out."""
    names = []
    for pc in reversed(pcs):
        for fn, _, _ in reversed(lx.chain(pc)):
            if re.match(r"[A-Za-z_][A-Za-z0-9_.]*$", fn) and (not names or names[-1] != fn):
                names.append(fn)
    return names


def close(f):
    open_faults.remove(f)
    if not open_faults:
        arm(False)
    f.done = True
    if not f.full:
        return
    monitor("log int")
    with Phys():
        after = walk(f.cr3, f.cr2)
        # an entry the walk just read is not read again
        read_now = {st[3]: st[4] for st in after if len(st) > 1}
        for w in f.watches:
            size = level_of(w.level)[3]
            now = read_now[w.pa].to_bytes(size, "little") if w.size == size and \
                w.pa in read_now else read_bytes(w.pa, w.size)
            if now != w.data:
                raise gdb.GdbError("fault %d: an entry of the %s table at %#x changed without "
                                   "a write the watchpoint saw" % (f.seq, w.level, w.table))
        # the entries that linked a table, not watched (watch_path)
        watched = {w.pa for w in f.watches}
        for st in f.before:
            if len(st) > 1 and st[0] != "pte" and st[3] not in watched and \
                    read_now.get(st[3], st[4]) != st[4]:
                raise gdb.GdbError("fault %d: an entry of the %s table at %#x changed without "
                                   "a write the watchpoint saw" % (f.seq, st[0], st[1]))
        master = walk(MASTER, f.cr2) if MASTER is not None and f.cr2 >= PAGE_OFFSET else []
    for w in f.watches:
        w.remove()
    f.lines += ["walk after " + fmt_step(s) for s in after]
    # entries the walk after the handler reads that it did not read before
    # and no write changed: under a table the handler linked
    seen = {s[3] for s in f.before if len(s) > 1}
    seen |= {int(h.split(" pa=")[1].split()[0], 0) for h, _ in f.stops if h.startswith("write ")}
    f.lines += ["known pa=%#x value=%#x" % (s[3], s[4]) for s in after
                if len(s) > 1 and s[3] not in seen]
    f.lines += ["walk master " + fmt_step(s) for s in master]


class ExitWatch(gdb.Breakpoint):
    """x86: the end of fault f's handler, as a read watchpoint on the
    stack slot of the register exc_page_fault saves first (just below its
    return address): the epilogue's last pop reads it, right before the
    jump to irqentry_exit (EXIT_READS). A watchpoint stop, unlike a
    breakpoint's, leaves QEMU's translation cache, and needs no step over
    an inserted breakpoint to resume."""
    def __init__(self, f):
        super().__init__("*(unsigned char (*)[%d])%#x" % (WORD, f.sp - WORD),
                         gdb.BP_WATCHPOINT, gdb.WP_READ, internal=True)
        self.f = f

    def stop(self):
        return guarded(on_exit_read, self)


def on_exit_read(w):
    pc, sp = reg(PC), reg(SP)
    if pc not in SYM["exits"] or sp != w.f.sp:
        raise gdb.GdbError("fault %d: exc_page_fault's saved register at %#x was read at %#x "
                           "(sp %#x), not by its epilogue" % (w.f.seq, w.f.sp - WORD, pc, sp))
    w.enabled = False     # deleted at the next fault's entry, outside its own stop
    spent.append(w)
    close(w.f)


spent = []        # exit watchpoints hit, to delete


def on_return(sp, exact):
    """An exit breakpoint was hit with stack pointer sp: close the fault it
    belongs to, if any. exact: the return address of an early fault (sp is
    its entry's sp + WORD); else exc_page_fault's jump to irqentry_exit
    (sp inside the fault's frame)."""
    for f in reversed(open_faults):
        if ARM and exact:
            if f.sp == sp:      # do_mem_abort returned: sp as at its entry
                close(f)
                return
            continue
        if (f.sp + WORD == sp) if exact else (f.sp - 512 < sp <= f.sp):
            close(f)
            return


# ---- the learner's program (pagewalk record --program) ----

# params.txt's main=ADDR: the program's main; its first entry in each task
# is recorded ("main pid=N after=SEQ": N faults had come in before), so
# the converter can tell glibc's start-up faults from main's.
PROGRAM_MAIN = int(P["main"], 0) if "main" in P else None
USER_END = 1 << 47 if WIDE else 0xc0000000
mains = {}        # pid -> faults seen when main started
SYSCALL_NAMES = {}  # a system call's function -> its name


def syscall_of():
    """A kernel-mode fault on a user address: the system call the task
    made (its user registers at the top of its kernel stack, as
    task_pt_regs() finds them; the call's number in orig_ax, its name from
    sys_call_table) and the user instruction after it."""
    # THREAD_SIZE and TOP_OF_KERNEL_STACK_PADDING (arch/x86/include/asm/
    # page_{32,64}_types.h, thread_info.h; no KASAN, no VM86); arm64:
    # THREAD_SIZE 16 KiB without VMAP_STACK and KASAN (arch/arm64/
    # include/asm/memory.h), the number in regs->syscallno
    top = (16384 if WIDE else 8192) - (0 if WIDE else 8) - SYM["pt-regs-size"]
    task = reg("SP_EL0") if ARM else read(SYM["current"], WORD)
    regs = read(task + SYM["task-stack"], WORD) + top
    nr, ip = read(regs + SYM["regs-nr"], 4 if ARM else WORD), read(regs + SYM["regs-ip"], WORD)
    name = "?"
    if nr < 512 and SYM["syscalls"]:
        fn = read(SYM["syscalls"] + nr * WORD, WORD)
        if fn not in SYSCALL_NAMES:
            m = re.match(r"(\w+)", gdb.execute("info symbol %#x" % fn, to_string=True))
            SYSCALL_NAMES[fn] = re.sub(r"^(__x64_sys_|__ia32_sys_|__arm64_sys_|__se_sys_|sys_)",
                                       "", m.group(1)) if m else "?"
        name = SYSCALL_NAMES[fn]
    return "syscall nr=%d name=%s ip=%#x" % (nr, name, ip)


def on_main():
    if ARM:
        # in EL0 SP_EL0 is the user's stack: the task is the per-cpu
        # __entry_task the kernel entry loads it from (arch/arm64/kernel/
        # entry.S; TPIDR_EL1 the per-cpu offset)
        if not SYM["entry-task"]:
            raise gdb.GdbError("no __entry_task in this kernel")
        # both in the linear map, read by their physical addresses: the
        # debugger's virtual reads of them fail in EL0
        entry = (SYM["entry-task"] + reg("TPIDR_EL1")) & MASK
        with Phys():
            task = read((entry - DIRECT) & MASK, WORD)
            pid = read((task + SYM["pid"] - DIRECT) & MASK, 4)
    else:
        pid = read(read(SYM["current"], WORD) + SYM["pid"], 4)
    if pid != 1 and pid not in mains:
        mains[pid] = len(records)


class MainBreakpoint(gdb.Breakpoint):
    def __init__(self, addr):
        super().__init__("*%#x" % addr, internal=True)

    def stop(self):
        return guarded(on_main)


failure = []      # the first error inside a stop, if any


STOPS = {}        # handler name -> [stops, seconds in it], for make bench


def guarded(fn, *args):
    """Run a stop handler; an error stops the run (return True) instead of
    being lost in gdb's output."""
    t = time.time()
    try:
        fn(*args)
        return False
    except Exception as e:  # gdb.error, MemoryError, ...
        failure.append("%s: %s" % (fn.__name__, e))
        return True
    finally:
        st = STOPS.setdefault(fn.__name__[3:], [0, 0.0])
        st[0] += 1
        st[1] += time.time() - t


class EntryBreakpoint(gdb.Breakpoint):
    def __init__(self, addr, early):
        super().__init__("*%#x" % addr, internal=True)
        self.early = early

    def stop(self):
        return guarded(on_entry, self.early)


class ReturnBreakpoint(gdb.Breakpoint):
    def __init__(self, ra, exact):
        super().__init__("*%#x" % ra, internal=True)
        self.exact = exact

    def stop(self):
        return guarded(on_return, reg(SP), self.exact)


class FlushBreakpoint(gdb.Breakpoint):
    def __init__(self, addr):
        super().__init__("*%#x" % addr, internal=True)

    def stop(self):
        return guarded(on_flush)


class RouteBreakpoint(gdb.Breakpoint):
    def __init__(self, addr, name):
        super().__init__("*%#x" % addr, internal=True)
        self.fn = name

    def stop(self):
        return guarded(on_route, self.fn)


early_returns = {}
armed = []        # exit breakpoints, enabled only while a fault is open
entries = []      # the entry breakpoint, enabled only while none is


def arm(on):
    """The exit and route breakpoints are enabled only while a fault is
    open, the entry breakpoint only while none is: QEMU 7.2 empties its
    translation cache at every breakpoint stop (its gdbstub's state
    change), and resuming from an inserted breakpoint is a second stop
    (gdb steps over it), so a breakpoint disabled as it is hit saves that
    stop and that cache. Called at breakpoint stops only: a breakpoint
    inserted at a watchpoint stop may be missed by code QEMU translated
    before. A fault that comes while the entry is disabled is not in the
    records, and the recorder's check against QEMU's log fails. Once the
    entry watch is on (watch_entries), entries is empty."""
    for b in armed:
        if b.enabled != on:
            b.enabled = on
    for b in entries:
        if b.enabled == on:
            b.enabled = not on


# ---- after the run: which code each fault ran, and each frame's line ----

@functools.lru_cache(maxsize=None)   # a few mnemonics, asked for every instruction
def is_jump(mn):
    if ARM:
        return mn in ("b", "br", "cbz", "cbnz", "tbz", "tbnz") or mn.startswith("b.")
    return mn.startswith("j")


@functools.lru_cache(maxsize=None)
def is_call(mn):
    return mn in ("bl", "blr") if ARM else mn.startswith("call")


@functools.lru_cache(maxsize=None)
def is_ret(mn):
    if ARM:
        return mn in ("ret", "eret")
    return mn.startswith("ret") or mn.startswith("iret")


@functools.lru_cache(maxsize=None)
def is_uncond(mn):
    """A jump that never falls through."""
    return mn in ("b", "br") if ARM else mn == "jmp"


@functools.lru_cache(maxsize=None)
def is_branch(mn):
    return is_jump(mn) or is_call(mn) or is_ret(mn) or mn in ("ud2", "hlt", "int3", "brk", "udf")


def exec_log():
    """QEMU's log (int.log) cut per fault: for the k-th page fault (its
    "v=0e" line, an arm64 abort) the start addresses of the translation
    blocks QEMU ran in the traced code until the next page fault, the
    interrupts' code left out (execlog.py: execlog.BREAK where the log
    cannot say where an interrupt's code ended)."""
    with open("int.log", errors="replace") as f:
        return execlog.cut(f, ARM, lambda pc: pc in INSNS, after_call)


def after_call(pc):
    """Does the traced instruction before pc call (pc a return address)?"""
    a = insn_before(pc)
    return a is not None and is_call(INSNS[a][1])


def path_of(tbs):
    """The instructions of the traced code run, in order, from the blocks'
    starts: each block runs from its start to its first branch, or to where
    the next block starts (QEMU re-runs a store that hit a watchpoint as a
    block of its own). execlog.BREAK stays in the path: what ran there is
    not known."""
    out = []
    for i, s in enumerate(tbs):
        if s is execlog.BREAK:
            if out and out[-1] is not execlog.BREAK:
                out.append(s)
            continue
        if s not in INSNS:
            continue
        nxt = tbs[i + 1] if i + 1 < len(tbs) else None
        a, n = s, 0
        while a in INSNS and n < 1000:
            out.append(a)
            n += 1
            length, mn, _ = INSNS[a]
            if is_branch(mn) or a + length == nxt:
                break
            a += length
    return out


def insn_at(pc):
    """The instruction that holds pc (a return address minus one), or None."""
    for a in range(pc, pc - 16, -1):
        if a in INSNS and a + INSNS[a][0] > pc:
            return a
    return None


def insn_before(pc):
    """The instruction that ends at pc, or None."""
    for a in range(pc - 1, pc - 16, -1):
        if a in INSNS and a + INSNS[a][0] == pc:
            return a
    return None


def block_start(path, k):
    """Back from path[k] over straight-line code (a call to code the trace
    does not hold counts as straight-line; so does a traced callee: its
    return leads back to its call): (index of the first instruction, index
    of the one that jumped there or -1)."""
    b = k
    while b > 0:
        prev = path[b - 1]
        if prev is execlog.BREAK:
            return b, -1      # the log cannot say how the block was entered
        length, mn, _ = INSNS[prev]
        if prev + length == path[b] and not is_jump(mn) and not is_ret(mn):
            b -= 1
            continue
        if is_ret(mn):
            # back over the callee to its call, the instruction before path[b]
            c = b - 1
            call = insn_before(path[b])
            while c >= 0 and path[c] != call:
                c -= 1
            if c >= 0 and call is not None and is_call(INSNS[call][1]):
                b = c
                continue
        return b, b - 1
    return 0, -1


class Lines:
    """addr2line's inline chains, [(fn, file, line)] innermost first, for
    instruction addresses; kept per kernel build (lines-*.json beside the
    tracer's symbols), so a run asks addr2line only for new addresses."""
    def __init__(self):
        self.path = cache_base() + "-lines.json"
        try:
            with open(self.path) as f:
                self.known = {int(k): [tuple(x) for x in v] for k, v in json.load(f).items()}
        except (OSError, ValueError):
            self.known = {}
        self.added = False

    def need(self, pcs):
        pcs = sorted(a for a in set(pcs) if a is not None and a not in self.known)
        if not pcs:
            return
        out = subprocess.run([CROSS + "addr2line", "-f", "-i", "-p", "-e", VMLINUX] +
                             ["%#x" % a for a in pcs], check=True,
                             capture_output=True, text=True).stdout.splitlines()
        k = -1
        for line in out:
            if line.startswith(" (inlined by) "):
                self.known[pcs[k]].append(parse_frame(line[len(" (inlined by) "):]))
            else:
                k += 1
                self.known[pcs[k]] = [parse_frame(line)]
        self.added = True

    def chain(self, pc):
        return self.known.get(pc) or [("??", "??", 0)]

    def line(self, pc):
        return self.chain(pc)[0]

    def save(self):
        if not self.added:
            return
        tmp = "%s.tmp%d" % (self.path, os.getpid())
        try:
            with open(tmp, "w") as f:
                json.dump({str(k): v for k, v in self.known.items()}, f)
            os.rename(tmp, self.path)
        except OSError:
            pass


def parse_frame(text):
    fn, _, where = text.partition(" at ")
    where = where.split(" (discriminator")[0]
    file, _, line = where.rpartition(":")
    i = file.find("/src/")
    file = file[i + 5:] if i >= 0 else file
    try:
        n = int(line)
    except ValueError:
        n = 0
    return (fn, file, n)


INSTANCES = {}


def instances(pc):
    """The function blocks gdb knows at pc, innermost first: (name, start)
    (an inlined function's block is its instance there)."""
    if pc not in INSTANCES:
        out, b = [], gdb.block_for_pc(pc)
        while b is not None:
            if b.function is not None:
                out.append((b.function.name, b.start))
            b = b.superblock
        INSTANCES[pc] = out
    return INSTANCES[pc]


def place_stops(f, path):
    """Each stop's position in the fault's path: the store a write
    watchpoint caught (QEMU runs it again as a block of its own), a route
    breakpoint's first instruction; in order, each after the one before."""
    pos, at = [], 0
    for head, ch in f.stops:
        want = insn_before(ch[0]) if head.startswith("write") else ch[0]
        k = at
        while k < len(path) and path[k] != want:
            k += 1
        pos.append(k if k < len(path) else None)
        at = k if k < len(path) else at
    return pos


class Frame:
    """One physical frame of a stop: its instruction, where the path ran it
    (k) and, when the block it ends was reached by a jump, that block's
    first instruction and the jump."""
    def __init__(self, ins, k, path, route):
        self.ins, self.k, self.route, self.path = ins, k, route, path
        self.b0 = self.jump = self.fall = self.target = self.first = None
        if k is None:
            return
        if route:
            # the first branch or call the path ran from the entry on
            j = k
            while j < len(path) and path[j] is not execlog.BREAK and \
                    not is_branch(INSNS[path[j]][1]):
                j += 1
            j = j if j < len(path) and path[j] is not execlog.BREAK else len(path)
            self.first = path[j] if j < len(path) else None
            return
        b, j = block_start(path, k)
        if j < 0:
            return
        if ARM and path[b] == SYM["entry"] + 4:
            # do_mem_abort's first block after the entry breakpoint: QEMU
            # resumes there, after the stop; the breakpoint's instruction
            # fell into it, whatever the log holds before
            return
        self.b0, self.jump = path[b], path[j]
        self.fall = insn_before(self.b0)
        if self.fall is not None and is_jump(INSNS[self.fall][1]) and \
                not is_uncond(INSNS[self.fall][1]):
            self.target = INSNS[self.fall][2] or None

    def pcs(self):
        return [self.ins, self.b0, self.jump, self.fall, self.target, self.first]


def frames_of(ch, pos, path, route):
    """The stop's physical frames (innermost first) located in the path."""
    out = []
    for depth, raw in enumerate(ch):
        if depth == 0:
            ins = raw if route else insn_before(raw)
        else:
            ins = insn_at(raw - 1)
        k = None
        if ins is not None and pos is not None:
            k = pos
            while k >= 0 and path[k] != ins:
                k -= 1
            k = k if k >= 0 else None
        out.append(Frame(ins if ins is not None else raw, k, path, route and depth == 0))
    return out


def lines(fr, lx):
    """Frame fr's frames (fn, file, line, why), innermost first: addr2line's
    chain of its instruction, each line checked against the path.
      - An instruction that is not in QEMU's log of the fault's code: no
        line ("not in QEMU's log of this fault's code").
      - A route breakpoint at a function's entry: the line of the first
        branch or call the path ran there (-Os may put an instruction of a
        later statement first).
      - A block the path reached by a jump, but that the compiler shares:
        it is the then-part of the branch that falls into it (whose target,
        the else-part, comes later in the same function), or it lies inside
        an inlined function the path did not enter at its start, or the
        jump skipped, in the C source between its line and the block's, a
        call made whatever the conditions say (so the block's line cannot
        be where the path went: another statement's identical code was
        merged into it). The frames the jump came from take the place of
        the shared code's ("the branch taken at FILE:N led to code the
        compiler shares with line M"); an inlined function the path never
        entered is no frame."""
    chain_ = [(fn, file, line, "") for fn, file, line in lx.chain(fr.ins)]
    if fr.k is None:
        return [(fn, file, 0, "its code is not in QEMU's log of this fault's code")
                for fn, file, _, _ in chain_]
    if fr.route:
        if fr.first is not None and instances(fr.first)[:1] == instances(fr.ins)[:1]:
            fn, file, line = lx.line(fr.first)
            chain_[0] = (chain_[0][0], file, line, "")
        return chain_
    if fr.jump is None:
        return chain_
    inst_b, inst_j = instances(fr.b0), instances(fr.jump)
    if inst_b and inst_b[-1] not in inst_j and inst_b[-1][1] != fr.b0:
        # the block is in another function than the jump and is not its
        # entry: no jump leads there, the log misses what ran between (an
        # interrupt's code). The function is a frame of the stack all the
        # same: it keeps its instruction's line, never dropped
        return chain_
    fake = {name for name, start in inst_b if (name, start) not in inst_j and start != fr.b0}
    shared = bool(fake)
    if fr.target is not None and instances(fr.target)[:1] == inst_b[:1]:
        lf, lj = lx.line(fr.fall), lx.line(fr.jump)
        lb, lt = lx.line(fr.b0), lx.line(fr.target)
        shared |= lf[2] != lj[2] and lb[1] == lt[1] and lb[2] < lt[2]
    jf = list(reversed(lx.chain(fr.jump)))      # outermost first
    if not shared:
        # the deepest function the jump's and the block's chains share
        pf, k = list(reversed(chain_)), 0
        while k < len(jf) and k < len(pf) and jf[k][0] == pf[k][0]:
            k += 1
        if k and jf[k - 1][1] == pf[k - 1][1] and jf[k - 1][2] < pf[k - 1][2]:
            fn, file = pf[k - 1][0], pf[k - 1][1]
            ran = LazySet(lambda: {n for pc in fr.path[:fr.k] for f, fl, n in lx.chain(pc)
                                   if (f, fl) == (fn, file)})
            shared = skips_a_call(file, jf[k - 1][2], pf[k - 1][2], ran)
    if not shared:
        return chain_
    out, same = [], True
    for i, (fn, file, line, _) in enumerate(reversed(chain_)):
        same = same and i < len(jf) and jf[i][0] == fn
        if same:
            src = jf[i]
            why = "" if (src[1], src[2]) == (file, line) else \
                "the branch taken at %s:%d led to code the compiler shares with line %d" \
                % (src[1], src[2], line)
            out.append((fn, src[1], src[2], why))
        elif fn not in fake:
            out.append((fn, file, line, ""))
    return list(reversed(out))


class LazySet:
    """A set made by make() when first asked (the lines a path ran in a
    function: most frames never need them)."""
    def __init__(self, make):
        self.make, self.items = make, None

    def __contains__(self, x):
        if self.items is None:
            self.items = self.make()
        return x in self.items


# ---- the C source, for a jump that skips what must run ----

SOURCES = {}
CODE_LINES = {}


def source(file):
    """The kernel source file's lines (the tree the kernel was built from),
    comments blanked, line numbers kept; [] when it cannot be read."""
    if file not in SOURCES:
        try:
            with open(os.path.join(os.path.dirname(BUILD), "src", file), errors="replace") as f:
                text = f.read()
        except OSError:
            text = ""
        text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text,
                      flags=re.S)
        SOURCES[file] = [re.sub(r"//.*$", "", l).rstrip() for l in text.split("\n")]
    return SOURCES[file]


def has_code(file, n):
    """Has line n of file any instruction (gdb's line table)?"""
    if (file, n) not in CODE_LINES:
        try:
            out = gdb.execute("info line %s:%d" % (file, n), to_string=True)
        except gdb.error:
            out = ""
        CODE_LINES[(file, n)] = "starts at address" in out and "contains no code" not in out
    return CODE_LINES[(file, n)]


def col(text):
    """Indentation in columns (tabs of 8)."""
    n = 0
    for ch in text:
        if ch not in "\t ":
            break
        n += 8 if ch == "\t" else 1
    return n


def first_line(lines, n):
    """The first line of the statement line n (1-based) is part of (a whole
    control header without a brace is a statement of its own)."""
    while n > 1:
        prev = lines[n - 2].strip()
        if not prev or prev.endswith((";", "{", "}", ":")) or prev.startswith("#") or \
                (re.match(r"^(\}?\s*else\b|(if|for|while|switch)\s*\()", prev) and
                 prev.count("(") == prev.count(")")):
            break
        n -= 1
    return n


def skips_a_call(file, lj, lb, ran):
    """Coming from line lj to line lb (lj < lb) of file: is there, between
    them, a call statement at a nesting no deeper than either's, outside
    the conditions around lb, that has code and is not among the lines ran
    (of that function, before)? Such a call runs whatever the conditions
    say, so a path from lj to lb's own code would have run it."""
    lines = source(file)
    if not lines or lb > len(lines):
        return False
    sj, sb = first_line(lines, lj), first_line(lines, lb)
    lim = min(col(lines[sj - 1]), col(lines[sb - 1]))
    start = lj + 1
    if lines[lj - 1].strip().endswith("{"):     # past the block lj opens
        depth, k = 0, lj
        while k <= lb:
            depth += lines[k - 1].count("{") - lines[k - 1].count("}")
            k += 1
            if depth <= 0:
                break
        start = k
    # a goto may land on a label: only what follows the last one counts
    for k in range(start, sb):
        if re.match(r"^\w+:$", lines[k - 1].strip()):
            start = k + 1
    # the headers of the blocks around lb (their conditions may have no code)
    around, level, k = set(), col(lines[sb - 1]), sb - 1
    while k >= start and level > lim:
        if lines[k - 1].strip() and col(lines[k - 1]) < level:
            f = first_line(lines, k)
            around.update(range(f, k + 1))
            level = col(lines[f - 1])
            k = f
        k -= 1
    for k in range(start, sb):
        t = lines[k - 1].strip()
        if k in around or col(lines[k - 1]) > lim or first_line(lines, k) != k:
            continue
        stmt, e = t, k
        while not stmt.endswith((";", "{", "}")) and e < sb:
            stmt += " " + lines[e].strip()
            e += 1
        if re.match(r"^(\w+\s*=\s*)?\w+\s*\(.*\)\s*;$", stmt) and k not in ran and \
                not re.match(r"^(if|for|while|switch|return)\b", stmt) and has_code(file, k):
            return True
    return False


def records_text(lx):
    out = ["linux-records 3 mode=%s" % MODE, "kernel %s" % SYM["banner"]]
    if MASTER is not None:
        out.append("master pa=%#x" % MASTER)
    if PTI[0]:
        out.append("pti user-cr3-bit=0x1000")
    paths = [path_of(t) for t in exec_log()]
    located = []
    for f in records:
        path = paths[f.seq - 1] if f.seq - 1 < len(paths) else []
        pos = place_stops(f, path)
        located.append([frames_of(ch, p, path, head.startswith("route"))
                        for (head, ch), p in zip(f.stops, pos)])
    lx.need([pc for stops in located for frs in stops for fr in frs for pc in fr.pcs()] +
            [pc for path in paths for pc in path] + [pc for fl in flushes for pc in fl[5]] +
            [pc for w in cr3s for pc in w[7]])
    for f, stops in zip(records, located):
        out += f.lines
        for (head, _), frs in zip(f.stops, stops):
            out.append(head)
            frames = []
            for fr in frs:
                frames = list(reversed(lines(fr, lx))) + frames
            for fn, file, line, why in frames:
                out.append("frame fn=%s at=%s:%d%s" % (fn, file, line,
                                                       " why=" + why if why else ""))
        out.append(("end seq=%d" if f.done else "unfinished seq=%d") % f.seq)
    for after, seq, pid, start, end, pcs in flushes:
        out.append("flush after=%d fault=%d pid=%d start=%#x end=%#x" % (after, seq, pid, start,
                                                                         end))
        out += ["via fn=%s" % fn for fn in via_names(pcs, lx)]
    for after, nfl, seq, pid, fn, old, new, pcs in cr3s:
        out.append("cr3 after=%d flushes=%d fault=%d pid=%d fn=%s old=%#x new=%#x"
                   % (after, nfl, seq, pid, fn, old, new))
        out += ["via fn=%s" % fn for fn in via_names(pcs, lx)]
    out += ["main pid=%d after=%d" % (pid, n) for pid, n in sorted(mains.items())]
    out.append("end faults=%d duplicate-stops=%d" % (len(records), dup_stops[0]))
    return "\n".join(out) + "\n"


MASTER = None     # physical address of swapper_pg_dir (i386 only)
PAGE_OFFSET = 0   # i386: CONFIG_PAGE_OFFSET (lowmem: virtual = PAGE_OFFSET + physical)
DIRECT = 0        # the kernel's direct map: virtual = DIRECT + physical
SYM = {}
INSNS = {}


QEMU = []          # qemu.sh's process


def connect():
    """Start QEMU under qemu.sh (guest/linux/qemu.sh.in) in a session of
    its own and connect to its gdbstub, the Unix socket gdb.sock in the run
    directory, once QEMU listens there. A socket, not `target remote |`:
    gdb reads a pipe target's stderr after every byte it reads from the
    stub, a system call per byte (a third of gdb's time in a recording).
    gdb sends a packet again when QEMU has not acknowledged it within
    remotetimeout (2 s): a QEMU still starting on a loaded machine then
    answers qSupported twice, and the second answer is read as the next
    packet's ("Remote replied unexpectedly to 'vMustReplyEmpty':
    PacketSize=..."), hence 60 s. The recorder's --timeout bounds the
    run anyway."""
    QEMU.append(subprocess.Popen(["sh", "./qemu.sh", str(os.getpid())],
                                 stdin=subprocess.DEVNULL, start_new_session=True))
    deadline = time.time() + 60
    while True:
        if QEMU[0].poll() is not None:
            raise gdb.GdbError("QEMU ended before it listened for gdb: %s" % qemu_err())
        if time.time() > deadline:
            raise gdb.GdbError("QEMU did not listen for gdb within 60 s of its start")
        if os.path.exists("gdb.sock"):
            try:
                gdb.execute("target remote ./gdb.sock", to_string=True)
                return
            except gdb.error as e:
                if "refused" not in str(e):
                    raise     # made (bind) but not yet listened on: again
        time.sleep(0.002)     # QEMU listens within milliseconds of starting


def qemu_err():
    try:
        with open("qemu.err", errors="replace") as f:
            return f.readline().strip() or "no message"
    except OSError:
        return "no message"


def exit_reads():
    """x86: is each exit of exc_page_fault a jump to irqentry_exit right
    after the pop of the register the function pushed first (so that the
    pop's read of its slot marks the handler's end: ExitWatch)?"""
    if ARM or not SYM["exits"]:
        return False
    first = INSNS.get(SYM["entry"])
    if first is None or first[1] != "push":
        return False
    for e in SYM["exits"]:
        before = insn_before(e)
        if INSNS.get(e, [0, ""])[1] != "jmp" or before is None or INSNS[before][1] != "pop":
            return False
    return True


EXIT_READS = False


def main():
    global inferior, MASTER, PAGE_OFFSET, SYM, INSNS, EXIT_READS
    t0 = time.time()
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute("set breakpoint always-inserted on")
    # the unwinder reads the stack (and the code) through gdb's cache, a
    # line per packet: with 1 KiB lines a chain takes one or two reads, not
    # about seven (15% fewer packets in a --program recording)
    gdb.execute("set dcache line-size 1024")
    # the unwinder's reads of the kernel's code come from vmlinux, not
    # through the stub (a packet per stop)
    gdb.execute("set trust-readonly-sections on")
    SYM = load_symbols()
    INSNS = SYM["code"]["insns"]
    offset = None if ARM else config_page_offset()
    if ARM:
        # the linear map starts at PAGE_OFFSET = -(1 << VA_BITS)
        PAGE_OFFSET = -(1 << config_value("CONFIG_ARM64_VA_BITS")) & MASK
    if offset is not None:
        PAGE_OFFSET = offset
        if SYM["swapper"]:
            # i386: swapper_pg_dir (init_mm.pgd) is in lowmem
            MASTER = SYM["swapper"] - offset
    # KERNEL_CACHED: the kernel's half of the address space is read
    # through gdb's cache, a 1 KiB line per packet, within one stop (gdb
    # empties it at every resume, and Phys blocks empty it): gdb re-reads
    # every watched value before each resume, and the entry's reads of
    # regs, current and pid share lines. Physical addresses, below
    # PAGE_OFFSET, are never cached.
    gdb.execute("set mem inaccessible-by-default off")
    gdb.execute("mem %#x 0 rw cache" % PAGE_OFFSET, to_string=True)
    writers = cr3_lookup()    # gdb disassembles vmlinux only before QEMU is attached
    dfilter = ",".join("%#x..%#x" % (a, e - 1) for a, e in SYM["code"]["ranges"])
    for name in ("qemu.sh", "command.txt"):
        with open(name) as f:
            text = f.read()
        with open(name, "w") as f:
            f.write(text.replace("@DFILTER@", dfilter))
    gdb.execute("set remotetimeout 60")
    try:
        connect()
    except (gdb.error, gdb.GdbError) as e:
        # the recorder shows the first line of OUT.err ("the tracer failed")
        with open(OUT + ".err", "w") as err:
            err.write("%s\n" % e)
        gdb.execute("quit 2")
    inferior = gdb.selected_inferior()
    entries.append(EntryBreakpoint(SYM["entry"], False))
    if SYM["early"]:
        EntryBreakpoint(SYM["early"], True)
    EXIT_READS = exit_reads()
    for pc in SYM["exits"] if not EXIT_READS else []:
        armed.append(ReturnBreakpoint(pc, exact=ARM))
    WRITERS.extend(writers)
    arm(False)
    if PROGRAM_MAIN is not None:
        MainBreakpoint(PROGRAM_MAIN)
    t1 = time.time()
    while not failure:
        try:
            gdb.execute("continue", to_string=True)
        except gdb.error:
            break                 # QEMU exited (the init rebooted, -no-reboot)
        break                     # a stop handler failed (failure says why)
    if failure:
        with open(OUT + ".err", "w") as err:
            err.write(failure[0] + "\n")
        try:
            gdb.execute("kill")     # QEMU may have exited already
        except gdb.error:
            pass
        gdb.execute("quit 2")
    try:
        QEMU[0].wait(10)      # qemu.sh writes qemu.status as QEMU ends
    except subprocess.TimeoutExpired:
        pass
    t2 = time.time()
    lx = Lines()
    text = records_text(lx)
    lx.save()
    t3 = time.time()
    # For `make bench` (gdb.out): where the time went.
    print("pagewalk-timing setup=%.2f run=%.2f lines=%.2f faults=%d stops=%s"
          % (t1 - t0, t2 - t1, t3 - t2, len(records),
             ",".join("%s:%d/%.2fs" % (k, v[0], v[1]) for k, v in sorted(STOPS.items()))))
    with open(OUT + ".tmp", "w") as out:
        out.write(text)
    os.rename(OUT + ".tmp", OUT)


main()
