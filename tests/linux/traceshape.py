#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Print the part of a Linux trace (`pagewalk record --kernel linux`) that
must not change between recordings of the same kernel and scenario, one
line per fault, grouped by process:

  the header's arch, scenario, kernel-source, kernel-config, the layout
  (task-size, vmalloc-start/end);
  per process (its rank among the trace's pids: pid numbers shift when the
  kernel starts a thread at another moment), its faults in order: cr2,
  error code, ip, cs, cpl, the walk's levels, indices and entry flags (low
  12 bits and NX), the route, the outcome, the writes' flags with their
  level, index and the frame that wrote them (function, file:line), and
  the call chain (function, file:line or the reason there is none, depth).

Left out (docs/linux.md, "What varies between runs"): physical addresses
(cr3, tables, entries, frame numbers), the order in which parent and child
run after fork (faults are grouped per process), the map and accessed
events the kernel's work between faults makes (they follow the physical
pages and that order), the build stamp and recorded-at, and which of
parent and child copies a page both share after fork: the first to write
takes do_wp_page -> wp_page_copy, the other then finds the page its own and
reuses it (its chain ends at do_wp_page). What the
chain does after entering do_wp_page is printed as "<copy or reuse>", and
its writes as one per entry, from the first old value to the last new one
(a copy clears the pte before it sets it, a reuse sets it at once); the
route (do_wp_page), the chain down to it and the walk stay compared.

usage: traceshape.py TRACE
"""
import sys

import yaml

FLAGS = 0x8000000000000fff
def calls_text(calls):
    """The chain, one frame a line; below do_wp_page's entry (the frames
    deeper than it, and do_wp_page's own lines, its first included: the
    copy's call or the reuse's branch) "<copy or reuse>"."""
    out, cow = [], None
    for c in calls:
        if cow is not None and (c["depth"] > cow or
                                (c["depth"] == cow and c["fn"] == "do_wp_page")):
            continue
        cow = None
        if c["fn"] == "do_wp_page":
            # its line is where it went: the copy's call or the reuse's branch
            out.append("  do_wp_page %s @%d" % (c["at"].split(":")[0], c["depth"]))
        else:
            out.append("  %s %s @%d%s" % (c["fn"], c["at"], c["depth"],
                                          " (%s)" % c["why"] if "why" in c else ""))
        if c["fn"] == "do_wp_page":
            cow = c["depth"]
            # a reuse ends the chain here, a copy goes on into wp_page_copy
            out.append("  <copy or reuse>")
    return out


def in_cow(calls, w):
    """Was write w made below do_wp_page (copy or reuse: which one varies
    with the fork order)?"""
    if "call" not in w or w["call"] >= len(calls):
        return False
    depth = calls[w["call"]]["depth"]
    for c in reversed(calls[:w["call"] + 1]):
        if c["depth"] <= depth:
            if c["fn"] == "do_wp_page":
                return True
            depth = c["depth"] - 1
    return False


def main(path):
    with open(path) as f:
        t = yaml.safe_load(f)
    h = t["header"]
    print("arch %s scenario %s" % (h["arch"], h["scenario"]))
    print("kernel-source %s" % h.get("kernel-source"))
    print("kernel-config %s" % h.get("kernel-config"))
    print("task-size %#x vmalloc %#x-%#x" % (h["task-size"], h["vmalloc-start"],
                                             h["vmalloc-end"]))
    faults = [e for e in t["events"] if e["kind"] == "fault"]
    pids = sorted({e["pid"] for e in faults})
    for rank, pid in enumerate(pids, 1):
        print("process %d" % rank)
        mine = [e for e in faults if e["pid"] == pid]
        if "far" in faults[0]:
            # arm64: a process's faults by address (then syndrome, then
            # elr): the stack's pages fault in an order that varies
            # between runs (tests/linux/arm64.sh)
            mine.sort(key=lambda e: (e["far"], e["esr"], e["elr"]))
        for e in mine:
            if "far" in e:    # arm64: ESR, FAR, ELR, EL and the TTBR used
                print("fault far=%#x esr=%#x elr=%#x el=%d ttbr%d -> %s => %s" % (
                    e["far"], e["esr"], e["elr"], e["el"], 1 if "ttbr1" in e else 0,
                    e["path"], e.get("outcome", "")))
            else:
                print("fault cr2=%#x error=%#x ip=%#x cs=%#x cpl=%d -> %s => %s" % (
                    e["cr2"], e["error-code"], e["ip"], e["cs"], e["cpl"], e["path"],
                    e.get("outcome", "")))
            for s in e.get("walk", []):
                print("  walk %s[%d] flags=%#x" % (s["level"], s["index"], s["value"] & FLAGS))
            for s in e.get("master-walk", []):
                print("  master %s[%d] flags=%#x" % (s["level"], s["index"],
                                                     s["value"] & FLAGS))
            if e.get("user-top"):
                # PTI's kernel half: each index and whether the copies hold
                # it alike (=), apart (!=) or one alone (k, u); and flags
                print("  user-top " + " ".join(
                    "%d%s" % (x["index"], "k" if "user" not in x else "u" if "kernel" not in x
                              else "=" if x["kernel"] == x["user"] else "!=%#x/%#x" % (
                                  x["kernel"] & FLAGS, x["user"] & FLAGS))
                    for x in e["user-top"]))
            calls = e.get("calls", [])
            cow = {}     # entry -> [first old, last new]: a copy clears the
            #              pte first (ptep_clear_flush), a reuse does not
            for w in e.get("writes", []):
                by = ""
                if "level" in w:
                    c = calls[w["call"]] if w["call"] < len(calls) else {"fn": "?", "at": "?"}
                    by = " %s[%d] by %s %s" % (w["level"], w["index"], c["fn"], c["at"])
                if in_cow(calls, w):
                    cow.setdefault(w["entry"], [w["old"], w["new"]])[1] = w["new"]
                    continue
                print("  write flags %#x -> %#x%s" % (w["old"] & FLAGS, w["new"] & FLAGS, by))
            for old, new in cow.values():
                print("  write flags %#x -> %#x <copy or reuse>" % (old & FLAGS, new & FLAGS))
            for line in calls_text(calls):
                print(line)


if __name__ == "__main__":
    main(sys.argv[1])
