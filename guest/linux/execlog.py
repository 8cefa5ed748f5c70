# SPDX-License-Identifier: GPL-2.0-only
# guest/linux/execlog.py - QEMU's log of the code a Linux guest ran
# (-d int,exec,nochain with -dfilter on the traced functions), cut per page
# fault, for the tracer (trace.py, which `pagewalk record --kernel linux`
# writes beside it) and for tests/linux/execlog.sh. No gdb here: only the
# log's text.
#
# A fault's code is not alone in the log: an interrupt taken while the
# handler runs (timer, virtio: more of them the longer gdb keeps QEMU
# stopped, so more of them under load) runs its own code, and some of it
# lies in the traced ranges (slab's kfree starts with mm.h's
# virt_to_folio). Read as the fault's, those blocks make the block after
# them look reached by a jump from another function, and the tracer's line
# check then took a real frame for merged code and dropped it. So the
# interrupt's code is left out:
#   - arm64: QEMU logs the interrupt ("Taking exception 5 [IRQ]") and its
#     end ("Exception return from ... PC ..."): every block between the two
#     (nested ones counted) is the interrupt's;
#   - x86: QEMU logs the interrupt ("v=NN ... cpl=0 IP=...:PC pc=PC") but
#     not its iret. When PC is in the traced code, the interrupted code
#     resumes with a block starting at PC: the blocks before it are the
#     interrupt's. When it is not (the fault's code had called a function
#     the log does not cover: clear_page, a lock, rmap.c), the traced code
#     comes back where a call returns: if the next traced block starts
#     right after a call instruction, the interrupt ran no traced code (its
#     code starts outside the traced files, so the first traced block it
#     runs is a function's entry) and nothing is left out; if another block
#     comes first, it is the interrupt's or the untraced function's own
#     call into traced code, which the log cannot tell apart: a BREAK goes
#     into the list before it, and the tracer reads nothing across it (a
#     frame whose block starts there keeps the line of its own
#     instruction).
# A block that QEMU entered but left before its first instruction (an
# interrupt was pending: "Stopped execution of TB chain before ... [PC]"
# right after its "Trace" line) did not run and is not listed.
import re

BREAK = None      # in a fault's list: code ran here that the log does not show

X86_INT = re.compile(r" v=([0-9a-f]{2,}) e=[0-9a-f]+ i=(\d) cpl=(\d) IP=[0-9a-f]+:[0-9a-f]+ "
                     r"pc=([0-9a-f]+)")


def is_fault(line, arm):
    """Does this log line start a page fault (x86 vector 14, an arm64 data
    or instruction abort)?"""
    if arm:
        return line.startswith("Taking exception ") and \
            ("[Data Abort]" in line or "[Prefetch Abort]" in line)
    return " v=0e " in line


def cut(lines, arm, traced, after_call):
    """The log's lines (an iterable of text lines) cut per page fault: for
    the k-th fault, the start addresses of the blocks its code ran in the
    traced ranges (traced(pc) says whether pc is there) until the next
    fault, without the interrupts' code, BREAK where the log cannot say
    where an interrupt's code ended (above). after_call(pc): does the
    instruction before pc call?"""
    per, cur = [], None
    depth = 0         # arm64: interrupts taken and not returned from
    resume = []       # x86: the traced pc interrupted
    back = False      # x86: an untraced pc interrupted, no traced block since
    last = None       # the block last listed, for a "Stopped" line after it
    for line in lines:
        if line.startswith("Trace "):
            last = None
            if cur is None:
                continue
            pc = int(line.split("/", 2)[1], 16)
            if depth:
                continue
            if resume:
                if pc != resume[0]:
                    continue          # the interrupt's code
                resume = []           # back where the interrupt came
            if back:
                if not after_call(pc) and cur and cur[-1] is not BREAK:
                    cur.append(BREAK)
                back = False
            cur.append(pc)
            last = pc
        elif line.startswith("Stopped execution of TB chain before "):
            m = re.search(r"\[([0-9a-f]+)\]", line)
            if m and last is not None and int(m.group(1), 16) == last and cur and cur[-1] == last:
                cur.pop()             # entered and left before its first instruction
            last = None
        elif is_fault(line, arm):
            cur, depth, resume, back, last = [], 0, [], False, None
            per.append(cur)
        elif cur is None:
            continue
        elif arm:
            if line.startswith("Taking exception "):
                depth += 1
                last = None
            elif line.startswith("...handled as PSCI call") and depth:
                depth -= 1            # QEMU itself answered it: no return follows
            elif line.startswith("Exception return from ") and depth:
                depth -= 1
        else:
            m = X86_INT.search(line)
            if not m or int(m.group(1), 16) < 0x20 or m.group(2) != "0" or m.group(3) != "0":
                continue              # not a hardware interrupt of kernel code
            last = None
            if resume or back:
                continue              # inside an interrupt already: its end is as said
            pc = int(m.group(4), 16)
            if traced(pc):
                resume = [pc]
            else:
                back = True
    return per
