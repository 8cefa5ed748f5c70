#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check that a Linux trace of one of issue 23's scenarios shows the fault
paths it is for (docs/linux.md, "The init"), by Linux 6.1's own function
names in each fault's recorded chain:

  thp   a read of a madvised huge-page region maps the huge zero page (the
        walk ends at a not-present pmd; the pmd written is present, PS,
        read-only), a write a new huge page (PS, writable), and a 4 KiB
        write beside them is do_anonymous_page with a pte;
  file  a private read maps by fault-around (do_read_fault ->
        do_fault_around -> filemap_map_pages, no filemap_fault); a
        private write do_cow_fault -> __do_fault -> filemap_fault ->
        finish_fault; a shared write do_shared_fault -> filemap_fault,
        do_page_mkwrite, fault_dirty_shared_page; a shared read then
        write do_wp_page -> wp_page_shared;
  pti   every user-mode fault carries user-cr3 = cr3 | 0x1000 and a
        user-walk, and at least one user pgd entry differs from the
        kernel copy's in NX only; and a user-top: the user copy's kernel
        half is pgd[508] (the same as the kernel's) and pgd[511] (a table
        of its own, no US), the same at every fault, the kernel's more;
  tlb   flush events (flush_tlb_mm_range) for a COW (inside a do_wp_page
        fault), fork, mprotect and munmap; cr3 writes: a context switch
        from the fork's parent to one of its children and back (which one
        depends on the timer; load_new_mm_cr3 or
        switch_mm_irqs_off, reason switch, each process's own table), the
        fork's TLB_FLUSH_ALL carried out by native_flush_tlb_local
        (the next flush event of the parent, writing back its cr3), and
        no cr3 write after a flush of at most 33 pages (invlpg).

Prints one line per fact checked; exits 1 at the first that fails.

usage: scenariocheck.py thp|file|pti|tlb TRACE
"""
import sys

import yaml

PS, RW, P, US, NX = 0x80, 0x2, 0x1, 0x4, 1 << 63


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def fns(ev):
    return [c["fn"] for c in ev.get("calls", [])]


def faults(t):
    return [e for e in t["events"] if e["kind"] == "fault"]


def thp(t):
    by = {}
    for e in faults(t):
        by.setdefault(e["path"], []).append(e)
    for route, rw in (("do_huge_pmd_anonymous_page/huge_zero_page", False),
                      ("do_huge_pmd_anonymous_page/huge_page", True)):
        if route not in by:
            fail("no %s fault" % route)
        e = by[route][0]
        if e["walk"][-1]["level"] != "pmd" or e["walk"][-1]["value"] & P:
            fail("%s: the walk does not end at a not-present pmd" % route)
        w = [x for x in e.get("writes", []) if x.get("level") == "pmd"]
        if not w or not (w[-1]["new"] & PS and w[-1]["new"] & P) or \
                bool(w[-1]["new"] & RW) != rw:
            fail("%s: no present PS pmd written%s" % (route, " writable" if rw else " read-only"))
        if "create_huge_pmd" not in fns(e):
            fail("%s: create_huge_pmd is not in the chain" % route)
        print("%s: walk ends at pmd[%d]; pmd written %#x (PS, %s), 2 MiB page, 21-bit offset"
              % (route, e["walk"][-1]["index"], w[-1]["new"], "writable" if rw else "read-only"))
    small = [e for e in by.get("do_anonymous_page/new_page", [])
             if any(x.get("level") == "pte" for x in e.get("writes", []))]
    if not small:
        fail("no 4 KiB do_anonymous_page/new_page fault with a pte write")
    print("a 4 KiB fault beside them: do_anonymous_page/new_page writes a pte")


def file_(t):
    want = [
        ("private read (fault-around)", ["do_read_fault", "do_fault_around", "filemap_map_pages"],
         ["filemap_fault"]),
        ("private write", ["do_cow_fault", "__do_fault", "filemap_fault", "finish_fault"], []),
        ("shared write", ["do_shared_fault", "filemap_fault", "do_page_mkwrite",
                          "fault_dirty_shared_page"], []),
        ("shared read then write", ["do_wp_page", "wp_page_shared"], []),
    ]
    fs = faults(t)
    for what, need, never in want:
        hit = [e for e in fs if all(f in fns(e) for f in need) and
               not any(f in fns(e) for f in never)]
        if not hit:
            fail("%s: no fault whose chain has %s%s" % (what, " > ".join(need),
                                                          " and not " + never[0] if never else ""))
        # x86's cr2, arm64's far
        addr = hit[-1]["cr2"] if "cr2" in hit[-1] else hit[-1]["far"]
        print("%s: %s (address %#x)" % (what, " > ".join(need), addr))


def pti(t):
    n = nx = 0
    for e in faults(t):
        if e["cpl"] != 3:
            continue
        n += 1
        if e.get("user-cr3") != e["cr3"] | 0x1000 or e["cr3"] & 0x1000 or not e.get("user-walk"):
            fail("fault %d: user-cr3 %#x is not cr3 %#x | 0x1000, or no user-walk" % (
                e["seq"], e.get("user-cr3") or 0, e["cr3"]))
        u, k = e["user-walk"][0]["value"], e["walk"][0]["value"]
        if u != k:
            if u ^ k != NX or not k & NX:
                fail("fault %d: pgd entries %#x (user) and %#x (kernel) differ beyond NX"
                     % (e["seq"], u, k))
            nx += 1
    if not n or not nx:
        fail("%d user-mode faults, %d with the NX difference" % (n, nx))
    print("%d user-mode faults, each with user-cr3 = cr3 | 0x1000 and both walks; "
          "%d show the kernel copy's NX at the pgd" % (n, nx))
    pti_top(t)


def pti_top(t):
    """The kernel half of both pgd copies (user-top), as Linux 6.1 builds
    it on 4-level (arch/x86/mm/pti.c): the user copy holds pgd[508] (the
    cpu_entry_area, CPU_ENTRY_AREA_PGD -4), the same entry as the kernel's
    (pti_clone_p4d), and pgd[511] (the kernel image), a table of its own
    without US (pti_user_pagetable_walk_p4d: _KERNPG_TABLE), and nothing
    else; every process's user copy the same (pgd_ctor's clone_pgd_range);
    the kernel copy holds more."""
    seen = None
    for e in faults(t):
        if e["cpl"] != 3:
            continue
        top = e.get("user-top")
        if not top:
            fail("fault %d: no user-top" % e["seq"])
        ix = [x["index"] for x in top]
        if ix != sorted(set(ix)) or ix[0] < 256 or ix[-1] > 511:
            fail("fault %d: user-top indices %s" % (e["seq"], ix))
        by = {x["index"]: x for x in top}
        user = sorted(i for i in by if "user" in by[i])
        if user != [508, 511]:
            fail("fault %d: the user copy's kernel half holds %s, not pgd[508] and pgd[511]"
                 % (e["seq"], user))
        own, cea = by[511], by[508]
        if "kernel" not in own or own["user"] & ~0xfff == own["kernel"] & ~0xfff:
            fail("fault %d: pgd[511] is not a table of the user copy's own (%#x, kernel %#x)"
                 % (e["seq"], own["user"], own.get("kernel", 0)))
        if own["user"] & US or not own["user"] & P:
            fail("fault %d: the user copy's pgd[511] %#x has US or lacks P" % (e["seq"], own["user"]))
        if cea.get("kernel") != cea["user"]:
            fail("fault %d: pgd[508] differs: kernel %#x, user %#x"
                 % (e["seq"], cea.get("kernel", 0), cea["user"]))
        konly = [i for i in by if "user" not in by[i]]
        if not konly:
            fail("fault %d: no entry of the kernel copy's alone" % e["seq"])
        mine = [(i, by[i]["user"]) for i in user]
        if seen is not None and mine != seen:
            fail("fault %d: the user copy's kernel half %s is not the other faults' %s"
                 % (e["seq"], mine, seen))
        seen = mine
    print("user-top: the user copy's kernel half is pgd[508] (as the kernel's, %#x) and "
          "pgd[511], its own table %#x without US (the kernel's %#x), at every user-mode "
          "fault; %d entries in the kernel copy only"
          % (cea["user"], own["user"], own["kernel"], len(konly)))


def tlb(t):
    evs = {e["seq"]: e for e in t["events"]}
    seen = {}
    for e in t["events"]:
        if e["kind"] == "flush" and "start" in e:
            seen.setdefault(e["reason"], e)
    for r in ("cow", "fork", "mprotect", "munmap"):
        if r not in seen:
            fail("no %s flush (reasons seen: %s)" % (r, ", ".join(sorted(seen))))
    cow = seen["cow"]
    f = evs.get(cow.get("in-fault"))
    if not f or f["path"] != "do_wp_page" or "wp_page_copy" not in cow.get("via", ""):
        fail("the cow flush is not in a do_wp_page fault via wp_page_copy")
    print("flushes: %s; the cow one in fault %d (do_wp_page), via wp_page_copy"
          % (", ".join(sorted(seen)), f["seq"]))
    cr3_writes(t, seen["fork"])


def cr3_writes(t, fork):
    """The cr3 writes around the first fork (fork: its flush event)."""
    table = {}
    for e in t["events"]:
        if e["kind"] == "fault":
            table.setdefault(e["pid"], e["cr3"])
    parent = fork["pid"]
    kids = sorted(p for p in table if p > parent)
    if parent not in table or not kids:
        fail("no faults of the fork's parent and a child")
    writes = [e for e in t["events"] if e["kind"] == "flush" and "cr3" in e]
    switches = {(e["old-cr3"], e["cr3"]) for e in writes if e["reason"] == "switch" and
                e["flush"] in ("load_new_mm_cr3", "switch_mm_irqs_off")}
    # a child the parent switched to and back from while it had its table:
    # which one depends on the timer (a child that runs to its exit leaves
    # through init_mm's table), so any of the scenario's children
    both = [c for c in kids if (table[parent], table[c]) in switches and
            (table[c], table[parent]) in switches]
    child = both[0] if both else kids[0]
    for a, b in ((parent, child), (child, parent)):
        if (table[a], table[b]) not in switches:
            fail("no cr3 write switching from pid %d's table %#x to pid %d's %#x"
                 % (a, table[a], b, table[b]))
    small = 0
    for e in t["events"]:
        if e["kind"] != "flush" or "start" not in e or e["end"] == 0xffffffffffffffff or \
                (e["end"] - e["start"]) >> 12 > 33:
            continue
        nxt = [x for x in t["events"] if x["seq"] > e["seq"] and x["kind"] == "flush" and
               x["pid"] == e["pid"]]
        if nxt and nxt[0].get("flush") == "native_flush_tlb_local":
            fail("a cr3 write (event %d) carries out the %d-page flush of event %d: "
                 "invlpg expected" % (nxt[0]["seq"], (e["end"] - e["start"]) >> 12, e["seq"]))
        small += 1
    after = [e for e in t["events"] if e["seq"] > fork["seq"] and e["kind"] == "flush" and
             e["pid"] == parent]
    full = after[0] if after else {}
    if fork["end"] != 0xffffffffffffffff or full.get("flush") != "native_flush_tlb_local" or \
            full.get("reason") != "fork" or full.get("cr3") != table[parent] or \
            full.get("old-cr3") != table[parent] or \
            "flush_tlb_mm_range > flush_tlb_func" not in full.get("via", ""):
        fail("the fork's TLB_FLUSH_ALL (event %d) is not carried out next by "
             "native_flush_tlb_local writing back pid %d's cr3 %#x"
             % (fork["seq"], parent, table[parent]))
    print("cr3 writes: %d; pid %d <-> pid %d switched (%#x, %#x); the fork's TLB_FLUSH_ALL "
          "by native_flush_tlb_local (event %d); %d flushes of at most 33 pages without one"
          % (len(writes), parent, child, table[parent], table[child], full["seq"], small))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("thp", "file", "pti", "tlb"):
        sys.exit(__doc__)
    with open(sys.argv[2]) as fh:
        t = yaml.safe_load(fh)
    {"thp": thp, "file": file_, "pti": pti, "tlb": tlb}[sys.argv[1]](t)


main()
