# SPDX-License-Identifier: GPL-2.0-only
# guest/linux/trace.py - pagewalk's page-fault tracer for Linux 6.1, run
# inside `gdb -batch` against QEMU's gdbstub (guest/linux/record.sh starts
# both; docs/linux.md says why gdb and what is recorded).
#
# Parameters come from the environment:
#   PW_PORT     QEMU's gdbstub port on 127.0.0.1 (QEMU started with -S)
#   PW_MODE     2level | pae | 4level | 5level
#   PW_VMLINUX  the kernel's vmlinux (symbols, DWARF; also for addr2line)
#   PW_OUT      where the records go (written to PW_OUT.tmp, renamed at the end)
#   PW_SERIAL   the console log (QEMU's -serial file): the kernel's layout line
#   PW_SOURCE   the kernel source: "linux-source-6.1 6.1.192-3" (package, version)
#   PW_VARIANT  the build variant (2level, pae, x86_64) and PW_KEY its
#               pagewalk.key (guest/linux/build.sh: what it was built from)
#
# At exc_page_fault's first instruction it reads cr2, cr3, cr4, the error
# code and regs->ip/cs, and walks cr2 through physical memory
# (Qqemu.PhyMemMode:1) from cr3; at the instruction its call returns to
# (same stack pointer) it walks again. Breakpoints on the deepest handler
# functions (inlined ones included: gdb resolves them from DWARF) record
# the call chain while a fault is open; addr2line -f -i -p resolves every
# chain to function names with file:line once the run is over. Each fault
# names the task it ran in (current_task->pid: the kernels are !SMP, so
# the per-cpu current_task is a plain variable). The kernel's layout
# (VMALLOC_START ...) comes from the line our driver prints at boot, copied
# from the console once QEMU has exited. The record format is
# docs/linux.md ("Records").
import os
import subprocess
import time
import gdb


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
WORD = int(P["word"])
WIDE = WORD == 8
CR3_MASK = int(P["cr3-mask"], 0)
ENTRY_MASK = int(P["entry-mask"], 0)


def geometry(specs):
    """The walk's levels from the top (params.txt, from engine/paging):
    (name, shift, index bits, entry size, large) for a real level, (name,)
    for a folded one."""
    out = []
    for spec in specs:
        f = spec.split(":")
        out.append((f[0],) if len(f) == 1 else
                   (f[0], int(f[1]), int(f[2]), int(f[3]), f[4] == "1"))
    return out


LEVELS = geometry(P["level"])

# Handler functions whose hits give the route. The chain above each hit
# (up to exc_page_fault) is recorded, so the deepest ones suffice.
# wp_page_reuse is left out on purpose: it is inlined at four call sites and
# -Os merges those copies into one block, which the DWARF line table gives
# to wp_pfn_shared; a stop there would show a private page's reuse as
# going through wp_pfn_shared. A do_wp_page fault that does not reach
# wp_page_copy ends its chain at do_wp_page, which is true.
HANDLERS = ["do_anonymous_page", "do_wp_page", "wp_page_copy",
            "do_fault", "do_swap_page", "vmalloc_fault", "vmalloc_sync_one",
            "__bad_area_nosemaphore", "expand_downwards", "bad_area_access_error",
            "do_kern_addr_fault", "page_fault_oops", "spurious_kernel_fault",
            "early_make_pgtable"]


def reg(name):
    v = int(gdb.parse_and_eval("$" + name))
    return v & (0xffffffffffffffff if WIDE else 0xffffffff)


def phys_mode(on):
    gdb.execute("maintenance packet Qqemu.PhyMemMode:%d" % (1 if on else 0),
                to_string=True)


def read_phys(pa, size):
    data = gdb.selected_inferior().read_memory(pa, size).tobytes()
    return int.from_bytes(data, "little")


def walk(cr3, va):
    """Walk va from cr3 in physical memory: a list of (level, table,
    index, entry_pa, value) for real levels, (level,) for folded ones;
    it stops after a not-present entry or a large page."""
    phys_mode(True)
    try:
        steps, table = [], cr3 & CR3_MASK
        for lv in LEVELS:
            if len(lv) == 1:
                steps.append(lv)
                continue
            name, shift, bits, size, large = lv
            index = (va >> shift) & ((1 << bits) - 1)
            pa = table + index * size
            value = read_phys(pa, size)
            steps.append((name, table, index, pa, value))
            if not value & 1 or name == "pte" or (large and value & 0x80):
                break
            table = value & ENTRY_MASK
        return steps
    finally:
        phys_mode(False)


class Fault:
    def __init__(self, seq, sp):
        self.seq, self.sp = seq, sp
        self.lines, self.chains = [], []


records = []      # finished faults, in order of entry
open_faults = []  # stack of faults whose handler has not returned
addrs = set()     # every pc of every chain, for addr2line


def on_entry(early):
    """exc_page_fault(regs, error_code) or, while the kernel boots,
    do_early_exception(regs, trapnr): open a fault."""
    sp = reg("rsp" if WIDE else "esp")
    ra = read_word(sp)
    if WIDE:
        regs, err = reg("rdi"), reg("rsi")
    else:
        regs, err = reg("eax"), reg("edx")
    if early:
        if err != 14:
            return        # another early exception, not a #PF
        err = int(gdb.parse_and_eval("((struct pt_regs *)%d)->orig_ax" % regs))
    cr2, cr3, cr4 = reg("cr2"), reg("cr3"), reg("cr4")
    ip = int(gdb.parse_and_eval("((struct pt_regs *)%d)->ip" % regs))
    pid = current_pid()
    cs = int(gdb.parse_and_eval("((struct pt_regs *)%d)->cs" % regs)) & 0xffff
    if open_faults and open_faults[-1].sp == sp and open_faults[-1].regs == regs:
        # The same entry reported again (QEMU's single-step over the
        # breakpoint can re-stop at it); a real nested fault has a deeper
        # stack, a refault comes after the return.
        dup_stops[0] += 1
        return
    f = Fault(len(records) + 1, sp)
    f.regs = regs
    f.cr2, f.cr3 = cr2, cr3
    f.lines.append("fault seq=%d pid=%d cr2=%#x cr3=%#x cr4=%#x error=%#x ip=%#x cs=%#x cpl=%d"
                   % (f.seq, pid, cr2, cr3, cr4, err, ip & (2**(8*WORD) - 1), cs, cs & 3))
    f.before = walk(cr3, cr2)
    t = leaf_table(f.before)
    f.leaf = (t, read_table(t)) if t is not None else None
    f.lines += ["walk before " + fmt_step(s) for s in f.before]
    records.append(f)
    open_faults.append(f)
    # An early fault ends where do_early_exception returns to; one
    # exc_page_fault ends at its jump to irqentry_exit (set up in main).
    if early and ra not in return_bps:
        return_bps[ra] = ReturnBreakpoint(ra)
    arm_handlers(True)


def on_return(sp, exact):
    """An exit breakpoint was hit with stack pointer sp: close the fault it
    belongs to, if any. exact: the return address in the entry code (sp is
    the entry's sp + WORD; other exceptions return there too on i386);
    else exc_page_fault's own call or jump to irqentry_exit (sp inside the
    fault's frame): a task killed by the fault never returns from
    irqentry_exit. Faults of other tasks stay open: a handler can sleep and
    let another task fault meanwhile."""
    for i in range(len(open_faults) - 1, -1, -1):
        f = open_faults[i]
        if (f.sp + WORD == sp) if exact else (f.sp - 512 < sp <= f.sp):
            del open_faults[i]
            if not open_faults:
                arm_handlers(False)
            after = walk(f.cr3, f.cr2)
            f.lines += ["walk after " + fmt_step(s) for s in after]
            hits = [name for name, _ in f.chains]
            synced = "vmalloc_sync_one" in hits
            f.lines += write_lines(f.before, after, synced, f.leaf)
            if synced and MASTER is not None:
                f.lines += ["walk master " + fmt_step(s) for s in walk(MASTER, f.cr2)]
            f.lines.append("end seq=%d" % f.seq)
            return


def read_table(table):
    """The whole page table at physical address table, as bytes."""
    phys_mode(True)
    try:
        return gdb.selected_inferior().read_memory(table, 4096).tobytes()
    finally:
        phys_mode(False)


def leaf_table(steps):
    """The pte table a walk reached (its physical address), or None."""
    last = steps[-1] if steps else None
    return last[1] if last and len(last) > 1 and last[0] == "pte" else None


def table_writes(table, old, new):
    """Every entry of one table that changed: a handler may map more than
    cr2's page (do_fault's fault-around maps the neighbours too)."""
    size = LEVELS[-1][3]
    out = []
    for off in range(0, 4096, size):
        o = int.from_bytes(old[off:off + size], "little")
        n = int.from_bytes(new[off:off + size], "little")
        if o != n:
            out.append("write pa=%#x old=%#x new=%#x" % (table + off, o, n))
    return out


def write_lines(before, after, synced, leaf_before):
    """The entries the handler changed: on cr2's path above the pte
    level, and anywhere in the pte table cr2's walk reaches after the
    handler. "write" gives the old and new value. Entries of a table
    this fault linked were not read before: a table the handler
    allocated was zeroed (old 0); a table a vmalloc sync linked is the
    master's, already filled ("known", cr2's entry only)."""
    out = []
    table = leaf_table(after)
    for i, a in enumerate(after):
        if len(a) == 2 or len(a) == 1:
            continue
        if a[0] == "pte" and not synced:
            if leaf_before is not None and leaf_before[0] == table:
                old = leaf_before[1]
            else:
                old = bytes(4096)     # a table this fault allocated
            out += table_writes(table, old, read_table(table))
            continue
        b = before[i] if i < len(before) else None
        if b is not None and len(b) > 1 and b[3] == a[3]:
            if b[4] != a[4]:
                out.append("write pa=%#x old=%#x new=%#x" % (a[3], b[4], a[4]))
        elif synced:
            out.append("known pa=%#x value=%#x" % (a[3], a[4]))
        elif a[4] != 0:
            out.append("write pa=%#x old=0x0 new=%#x" % (a[3], a[4]))
    return out


def fmt_step(s):
    if len(s) == 1:
        return "level=%s folded" % s[0]
    return "level=%s table=%#x index=%d pa=%#x value=%#x" % s


def read_word(addr):
    data = gdb.selected_inferior().read_memory(addr, WORD).tobytes()
    return int.from_bytes(data, "little")


CURRENT = None    # &current_task (a plain variable: !SMP)
PID_OFF = None    # offsetof(struct task_struct, pid)


def current_pid():
    """The pid of the task the CPU runs (pid_t, 32 bits)."""
    data = gdb.selected_inferior().read_memory(read_word(CURRENT) + PID_OFF, 4).tobytes()
    return int.from_bytes(data, "little", signed=True)


def on_handler(name):
    sp = reg("rsp" if WIDE else "esp")
    # Only hits inside an open fault's handler count: vmalloc_sync_one is
    # also called eagerly at every vmap, outside any fault.
    for f in reversed(open_faults):
        if f.sp - 16384 < sp < f.sp:
            chain, frame, first = [], gdb.newest_frame(), True
            while frame is not None:
                if frame.type() != gdb.INLINE_FRAME:
                    pc = frame.pc() if first else frame.pc() - 1
                    chain.append(pc)
                    addrs.add(pc)
                    first = False
                if frame.name() in ("exc_page_fault", "do_early_exception"):
                    break
                frame = frame.older()
            # QEMU may report one breakpoint hit twice (as at the entry):
            # the same handler at the same stack pointer with the same
            # return addresses, right after itself, is dropped as that.
            # (A real second call like it would take a retry of the whole
            # fault, VM_FAULT_RETRY after waiting on a page: our scenarios'
            # pages are never waited for.)
            if getattr(f, "last_hit", None) == (name, chain, sp):
                dup_stops[0] += 1
                return
            f.last_hit = (name, chain, sp)
            f.chains.append((name, chain))
            return


failure = []      # the first error inside a stop, if any


def guarded(fn, *args):
    """Run a stop handler; an error stops the run (return True) instead of
    being lost in gdb's output."""
    try:
        fn(*args)
        return False
    except Exception as e:  # gdb.error, MemoryError, ...
        failure.append("%s: %s" % (fn.__name__, e))
        return True


class EntryBreakpoint(gdb.Breakpoint):
    def __init__(self, where, early):
        super().__init__(where, internal=True)
        self.early = early

    def stop(self):
        return guarded(on_entry, self.early)


class ReturnBreakpoint(gdb.Breakpoint):
    def __init__(self, ra, exact=True):
        super().__init__("*%#x" % ra, internal=True)
        self.exact = exact

    def stop(self):
        return guarded(lambda: on_return(reg("rsp" if WIDE else "esp"), self.exact))


def exit_points():
    """The instructions of exc_page_fault that call or jump to
    irqentry_exit: the handler's work is done there."""
    text = gdb.execute("disassemble exc_page_fault", to_string=True)
    out = []
    for line in text.splitlines():
        if "<irqentry_exit>" in line and ("call" in line or "jmp" in line):
            out.append(int(line.split()[0].lstrip("=>").strip() or line.split()[1], 16))
    return out


class HandlerBreakpoint(gdb.Breakpoint):
    def __init__(self, name):
        super().__init__(name, internal=True)
        self.fn = name

    def stop(self):
        return guarded(on_handler, self.fn)


return_bps = {}
handler_bps = []


def arm_handlers(on):
    """Handler breakpoints are armed only while a fault is open: most of
    their hits come from elsewhere (vmalloc_sync_one at every vmap), and
    every stop costs a QEMU round trip."""
    for b in handler_bps:
        if b.enabled != on:
            b.enabled = on
dup_stops = [0]   # entry stops seen twice (dropped)
MASTER = None     # physical address of swapper_pg_dir (i386 only)


def resolve(addresses):
    """addr2line -f -i -p for every address: {pc: [frame text, ...]},
    innermost first ("fn at file:line", "(inlined by) fn at file:line")."""
    addresses = sorted(addresses)
    if not addresses:
        return {}
    out = subprocess.run(["addr2line", "-f", "-i", "-p", "-e", VMLINUX] +
                         ["%#x" % a for a in addresses], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    res, k = {}, -1
    for line in out:
        if line.startswith(" (inlined by) "):
            res[addresses[k]].append(line[len(" (inlined by) "):])
        else:
            k += 1
            res[addresses[k]] = [line]
    return res


def route_lines(f, names):
    out = []
    for name, chain in f.chains:
        frames = []
        for pc in chain:
            frames += names.get(pc, ["?? at ??:0"])
        out.append("route hit=%s" % name)
        # outermost first: exc_page_fault ... the handler function
        for text in reversed(frames):
            fn, _, where = text.partition(" at ")
            where = where.split(" (discriminator")[0]
            out.append("frame fn=%s at=%s" % (fn, shorten(where)))
    return out


def shorten(path):
    """file:line relative to the kernel tree (the build's -fmacro-prefix-map
    does not apply to DWARF line tables)."""
    i = path.find("/src/")
    return path[i + 5:] if i >= 0 else path


def config_page_offset():
    """CONFIG_PAGE_OFFSET of the build's .config (i386), else None."""
    with open(os.path.join(BUILD, ".config")) as f:
        for line in f:
            if line.startswith("CONFIG_PAGE_OFFSET="):
                return int(line.split("=", 1)[1], 0)
    return None


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


def main():
    t0 = time.time()
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute("set stack-cache off")
    gdb.execute("set code-cache off")
    global MASTER
    # Read from vmlinux itself, before the target is attached.
    banner = kernel_banner()
    exits = exit_points()     # from vmlinux, before the target is attached
    if not exits:
        raise gdb.GdbError("no call to irqentry_exit in exc_page_fault")
    global CURRENT, PID_OFF
    try:
        CURRENT = int(gdb.parse_and_eval("(unsigned long)&current_task"))
        PID_OFF = int(gdb.parse_and_eval(
            "(unsigned long)&((struct task_struct *)0)->pid"))
    except gdb.error as e:
        raise gdb.GdbError("no current_task in vmlinux (pagewalk's kernels are "
                           "!SMP): %s" % e)
    offset = config_page_offset()
    if offset is not None:
        # i386: swapper_pg_dir (init_mm.pgd) is in lowmem, mapped at
        # PAGE_OFFSET (the build's CONFIG_PAGE_OFFSET)
        MASTER = int(gdb.parse_and_eval("(unsigned long)&swapper_pg_dir")) - offset
    # QEMU in a session of its own, its gdbstub on the pipe; when it has
    # ended, end whatever it left holding the pipe (that process group):
    # gdb sees the end only when every writer is gone.
    gdb.execute("target remote | exec setsid -w sh -c 'sh ./qemu.cmd 2>qemu.err; "
                "echo $? >qemu.status; kill -KILL 0'", to_string=True)
    EntryBreakpoint("*exc_page_fault", False)
    # Faults before the IDT is set up go through the early handler (on
    # x86_64, early_make_pgtable maps the direct map on demand).
    try:
        EntryBreakpoint("*do_early_exception", True)
    except gdb.error:
        pass
    for pc in exits:
        ReturnBreakpoint(pc, exact=False)
    for name in HANDLERS:
        try:
            b = HandlerBreakpoint(name)
            b.enabled = False
            handler_bps.append(b)
        except gdb.error:
            pass          # not in this kernel (config, or fully optimised away)
    t1 = time.time()
    while not failure:
        try:
            gdb.execute("continue")
        except gdb.error:
            break         # QEMU exited (the init rebooted, -no-reboot)
    if failure:
        with open(OUT + ".err", "w") as err:
            err.write(failure[0] + "\n")
        try:
            gdb.execute("kill")     # QEMU may have exited already
        except gdb.error:
            pass
        gdb.execute("quit 2")
    t2 = time.time()
    names = resolve(addrs)
    t3 = time.time()
    # For `make bench` (record.sh's gdb.log): where the time went.
    print("pagewalk-timing setup=%.2f run=%.2f addr2line=%.2f faults=%d"
          % (t1 - t0, t2 - t1, t3 - t2, len(records)))
    with open(OUT + ".tmp", "w") as out:
        out.write("linux-records 3 mode=%s\n" % MODE)
        out.write("kernel %s\n" % banner)
        if MASTER is not None:
            out.write("master pa=%#x\n" % MASTER)
        for f in records:
            end = f.lines[-1].startswith("end ")
            for line in f.lines[:-1] if end else f.lines:
                out.write(line + "\n")
            for line in route_lines(f, names):
                out.write(line + "\n")
            out.write((f.lines[-1] if end else "unfinished seq=%d" % f.seq) + "\n")
        out.write("end faults=%d duplicate-stops=%d\n" % (len(records), dup_stops[0]))
    os.rename(OUT + ".tmp", OUT)


main()
