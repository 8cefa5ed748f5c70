# SPDX-License-Identifier: GPL-2.0-only
# guest/walkwitness.py - QEMU as the witness of every walk. Run inside
# `gdb -batch` (guest/gdb.args) in the run directory, it starts QEMU with
# its gdbstub on a pipe, stops at each entry of the guest's #PF vector
# (the ELF's vector14: the CPU has delivered the fault, the handler has
# not run) and walks cr2 through QEMU's physical memory
# (Qqemu.PhyMemMode:1), from cr3 and from the master table
# (swapper_pg_dir). `pagewalk record` compares every step of every
# fault's walk in the guest's records with these (docs/guest-protocol.md
# section 6).
#
# Reads qemu.cmd (a shell command line that runs QEMU with -S -gdb stdio)
# and walk.txt (the paging mode's levels from pagewalk's engine: `pagewalk
# macros --arch MODE --walk`); walks with guest/hwwalk.py, the one
# walker (beside this file). Writes
#   qemu.status  QEMU's exit status (the shell around it writes it)
#   qemu.err     QEMU's stderr
#   walks.txt    one block per #PF, then "end faults=N"; on a failure
#                walks.txt.err (one line) instead
# walks.txt lines (numbers hex, but n and index decimal):
#   pf n=N cr2=X err=X eip=X cs=X cr3=X cr4=X
#   step n=N tbl=cur|master level=pgd|pmd|pte table=X index=D entry=X val=X
# err, eip and cs are the words the CPU pushed. A PAE pgd step is the
# PDPT entry as memory holds it at the stop; the CPU walks from the PDPTE
# registers it loaded at the last cr3 write (the guest writes no PDPT
# entry of a loaded cr3 before reloading it).
import os
import sys
import time

import gdb

sys.dont_write_bytecode = True   # no __pycache__ beside the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hwwalk  # noqa: E402  (beside this script: guest/, or the run directory)

OUT = "walks.txt"
GEOM = hwwalk.load("walk.txt")
faults = []                # (n, lines) for every #PF entry, in order
failure = []


def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & 0xffffffff   # gdb sign-extends cr2


def read(addr, size):
    data = gdb.selected_inferior().read_memory(addr, size).tobytes()
    return int.from_bytes(data, "little")


def phys_mode(on):
    gdb.execute("maintenance packet Qqemu.PhyMemMode:%d" % (1 if on else 0),
                to_string=True)


def on_fault():
    # The guest counts its faults (nr_faults) first thing in its handler:
    # a stop with the count of the one before is the same entry again.
    n = int(gdb.parse_and_eval("*(unsigned int *)&nr_faults")) + 1
    if faults and faults[-1][0] == n:
        return
    esp = reg("esp")
    err, eip, cs = read(esp, 4), read(esp + 4, 4), read(esp + 8, 4) & 0xffff
    cr2, cr3, cr4 = reg("cr2"), reg("cr3"), reg("cr4")
    if bool(cr4 & 0x20) != (GEOM.entry_size == 8):
        raise gdb.GdbError("cr4.PAE is %d, but walk.txt is the geometry of another mode"
                           % bool(cr4 & 0x20))
    master = int(gdb.parse_and_eval("(unsigned int)&swapper_pg_dir")) - hwwalk.KERNEL_BASE
    lines = [hwwalk.pf_line(n, cr2, err, eip, cs, cr3, cr4)]
    phys_mode(True)
    try:
        lines += hwwalk.step_lines(n, "cur", hwwalk.walk(read, GEOM, cr3, cr2))
        lines += hwwalk.step_lines(n, "master", hwwalk.walk(read, GEOM, master, cr2))
    finally:
        phys_mode(False)
    faults.append((n, lines))


class FaultEntry(gdb.Breakpoint):
    def stop(self):
        try:
            on_fault()
        except Exception as e:  # gdb.error, MemoryError, ...
            failure.append("at the entry of fault %d: %s" % (len(faults) + 1, e))
            return True        # stop: main() reports it
        return False


def wait_for_qemu():
    """Until QEMU has ended (the shell wrote its status): gdb must not end
    first, or its run would look finished while QEMU still writes."""
    while not os.path.exists("qemu.status"):
        time.sleep(0.05)


def write_out():
    if failure:
        with open(OUT + ".err", "w") as f:
            f.write(failure[0] + "\n")
        return
    hwwalk.write_walks(OUT, [lines for _, lines in faults])


def main():
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    # a QEMU slow to start on a loaded machine answers qSupported late:
    # without a long timeout gdb sends it again and misreads the answers
    gdb.execute("set remotetimeout 60")
    try:
        # QEMU in a session of its own; when it has ended, end whatever it
        # left holding the pipe (that process group): gdb sees the end
        # only when every writer is gone.
        gdb.execute("target remote | exec setsid -w sh -c 'sh ./qemu.cmd 2>qemu.err; "
                    "echo $? >qemu.status; kill -KILL 0'", to_string=True)
        FaultEntry("*vector14", internal=True)
        gdb.execute("continue", to_string=True)
    except gdb.error as e:
        # QEMU ended (the remote side closed), or never spoke gdb's
        # protocol: its status and the fault count tell which.
        print("walkwitness: %s" % e)
    if failure:
        try:
            gdb.execute("kill", to_string=True)
        except gdb.error:
            pass
    wait_for_qemu()
    write_out()


main()
