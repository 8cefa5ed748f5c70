#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check one guest run: its records (docs/guest-protocol.md, version 1)
and the emulator's own exception log.

usage: check_records.py --name NAME --emu qemu|bochs [--walks WALKS] RECORDS LOG

Prints TAP lines ("ok - NAME: ..." / "not ok - NAME: ...") with "# "
diagnostics, one per check: records parse, end marker present, status
pass, faults match the emulator's log one to one in order; with --walks
(walks.txt: QEMU's from guest/walkwitness.py under gdb, Bochs's from
guest/bochswitness.py and its debugger) every fault's registers and walk
entries match what the debugger read at its entry. Exits 0.
"""
import argparse
import re
import sys

H8 = r"[0-9a-f]{8}"
H4 = r"[0-9a-f]{4}"
DEC = r"-?[0-9]+"
WORD = r"[a-z0-9_]+"


def opt(rx):
    return r"(?:%s|-)" % rx


# Every record: its fields in order, each with the pattern of its value.
# "E" is a page-table entry: 8 hex digits (2-level) or 16 (PAE).
SCHEMA = {
    "begin": [("proto", DEC), ("mode", "2level|pae"), ("scenario", WORD),
              ("build", H8), ("page_offset", H8), ("task_size", H8),
              ("vmalloc_start", H8), ("vmalloc_end", H8),
              ("swapper_pg_dir", H8), ("pgdir_shift", DEC), ("pmd_shift", DEC),
              ("ptrs_per_pgd", DEC), ("ptrs_per_pmd", DEC),
              ("ptrs_per_pte", DEC), ("entry_size", "4|8")],
    "error": [("what", WORD)],
    "scenario": [("name", WORD)],
    "alloc": [("n", DEC), ("pa", H8), ("what", WORD)],
    "copy": [("n", DEC), ("dst", H8), ("src", H8), ("len", H8), ("why", WORD)],
    "set": [("n", DEC), ("level", "pgd|pmd|pte"), ("entry", H8), ("old", "E"), ("new", "E")],
    "sync": [("n", DEC), ("level", "pmd"), ("entry", H8), ("master", H8), ("master_val", "E")],
    "proc": [("pid", DEC), ("comm", r"[A-Za-z0-9_]+"), ("pgd", H8)],
    "vma": [("pid", DEC), ("start", H8), ("end", H8), ("flags", "[r-][w-][x-]"), ("name", WORD)],
    "vmalloc": [("addr", H8), ("size", H8), ("guard", H8)],
    "step": [("pid", DEC), ("i", DEC), ("op", "uread|uwrite|kread|kwrite|uspin|end"),
             ("addr", opt(H8)), ("value", opt(H8))],
    "kread": [("pid", DEC), ("addr", H8), ("value", H8)],
    "fault": [("n", DEC), ("pid", DEC), ("cr2", H8), ("err", H4), ("eip", H8),
              ("cs", H4), ("cr3", H8), ("mode", "user|kernel")],
    "walk": [("n", DEC), ("tbl", "cur|master"), ("level", "pgd|pud|pmd|pte"),
             ("fold", "-|pgd|pud"), ("base", H8), ("index", DEC), ("entry", H8), ("val", "E")],
    "xlate": [("n", DEC), ("tbl", "cur|master"), ("va", H8), ("pa", opt(H8)), ("size", opt(H8))],
    "decide": [("n", DEC), ("path", "vmalloc_fault|handle_mm_fault|bad_area|no_context"),
               ("reason", opt(WORD))],
    "done": [("n", DEC), ("result", "fixed|sigsegv|oops"), ("how", opt(WORD))],
    "retry": [("n", DEC), ("result", "ok|fault"), ("eip", opt(H8))],
    "ad": [("n", DEC), ("entry", H8), ("old", "E"), ("new", "E")],
    "kill": [("pid", DEC), ("sig", DEC), ("addr", H8), ("why", WORD)],
    "oops": [("n", DEC), ("pid", DEC), ("eip", H8), ("cr2", H8), ("err", H4)],
    "check": [("pid", DEC), ("step", DEC), ("faults", DEC), ("want_faults", DEC),
              ("killed", "0|1"), ("want_killed", "0|1"), ("result", "ok|fail")],
    "exit": [("pid", DEC), ("how", "exit|sigsegv|oops")],
    "watchdog": [("ticks", DEC), ("pid", DEC), ("eip", H8)],
    "trap": [("vector", DEC), ("err", H4), ("eip", H8), ("cs", H4), ("pid", DEC)],
    "end": [("status", "pass|fail"), ("faults", DEC), ("reason", opt(WORD))],
}


def parse(lines):
    """Return (records, errors); a record is (tag, {field: value})."""
    recs, errs = [], []
    ent = None
    for no, line in enumerate(lines, 1):
        if line == "":
            continue
        tag, _, rest = line.partition(" ")
        if tag == "note":
            continue
        if tag not in SCHEMA:
            errs.append("line %d: unknown record %r" % (no, line[:60]))
            continue
        fields = rest.split(" ") if rest else []
        want = SCHEMA[tag]
        if len(fields) != len(want):
            errs.append("line %d: %s has %d fields, want %d" % (no, tag, len(fields), len(want)))
            continue
        vals = {}
        for f, (key, rx) in zip(fields, want):
            k, eq, v = f.partition("=")
            if rx == "E":
                rx = "[0-9a-f]{%d}" % (16 if ent == 8 else 8)
            if k != key or not eq or not re.fullmatch(rx, v):
                errs.append("line %d: field %r, want %s=%s" % (no, f, key, rx))
                break
            vals[k] = v
        else:
            if tag == "begin":
                ent = int(vals["entry_size"])
                if no != 1 and any(l for l in lines[:no - 1]):
                    errs.append("line %d: begin is not the first record" % no)
            recs.append((tag, vals))
    if recs and recs[0][0] not in ("begin", "error"):
        errs.append("first record is %s, not begin" % recs[0][0])
    if recs and recs[-1][0] != "end":
        errs.append("last record is %s, not end" % recs[-1][0])
    # Fault numbers count 1, 2, 3...; per-fault records name the fault
    # being handled (or 0 outside one); end counts the faults.
    seq = 0
    for tag, v in recs:
        if tag == "fault":
            seq += 1
            if int(v["n"]) != seq:
                errs.append("fault n=%s, expected %d" % (v["n"], seq))
        elif tag in ("walk", "xlate", "decide", "done", "sync", "oops"):
            if int(v["n"]) != seq:
                errs.append("%s n=%s outside fault %d" % (tag, v["n"], seq))
        elif tag == "ad":
            # the CPU set A (0x20) or D (0x40) in an entry a record showed
            old, new = int(v["old"], 16), int(v["new"], 16)
            if int(v["n"]) not in (0, seq):
                errs.append("ad n=%s is neither 0 nor fault %d" % (v["n"], seq))
            if (old ^ new) & ~0x60 or old & ~new or old == new:
                errs.append("ad entry=%s changes more than A/D: %s -> %s"
                            % (v["entry"], v["old"], v["new"]))
        elif tag == "end" and int(v["faults"]) != seq:
            errs.append("end faults=%s but %d fault records" % (v["faults"], seq))
    return recs, errs


def qemu_witness(text):
    """(err, cr2, eip, cpl, cr3) of every #PF in a QEMU -d int log."""
    out = []
    cur = None
    for line in text.splitlines():
        m = re.search(r"\bv=0e e=([0-9a-f]{4}) i=\d+ cpl=(\d) IP=[0-9a-f]{4}:([0-9a-f]{8}) .*CR2=([0-9a-f]+)", line)
        if m:
            cur = {"err": m.group(1), "cpl": int(m.group(2)), "eip": m.group(3),
                   "cr2": "%08x" % int(m.group(4), 16)}
            out.append(cur)
            continue
        m = re.search(r"\bv=[0-9a-f]+ ", line)
        if m:
            cur = None
            continue
        m = re.search(r"\bCR3=([0-9a-f]+)", line)
        if m and cur is not None and "cr3" not in cur:
            cur["cr3"] = "%08x" % int(m.group(1), 16)
    return out


def bochs_witness(text):
    """(err, cr2) of every #PF in a Bochs log (debug: cpu0=report)."""
    out, addr = [], None
    for line in text.splitlines():
        m = re.search(r"page fault for address ([0-9a-f]+) @", line)
        if m:
            addr = "%08x" % int(m.group(1), 16)
            continue
        m = re.search(r"exception\(0x0e\): error_code=([0-9a-f]{4})", line)
        if m:
            out.append({"err": m.group(1), "cr2": addr})
            addr = None
    return out


def witness_walks(text):
    """The debugger's stops from walks.txt: [{err, cr2, eip, cpl, cr3, cur, master}],
    each walk a list of (level, table, index, entry, val), or None when
    the file has no end line."""
    out, done = [], False
    for line in text.splitlines():
        tag, _, rest = line.partition(" ")
        v = dict(f.split("=", 1) for f in rest.split(" ") if "=" in f)
        if tag == "pf":
            out.append({"err": "%04x" % int(v["err"], 16), "cr2": "%08x" % int(v["cr2"], 16),
                        "eip": "%08x" % int(v["eip"], 16), "cpl": int(v["cs"], 16) & 3,
                        "cr3": "%08x" % int(v["cr3"], 16), "cur": [], "master": []})
        elif tag == "step" and out:
            out[-1][v["tbl"]].append((v["level"], int(v["table"], 16), int(v["index"]),
                                      int(v["entry"], 16), int(v["val"], 16)))
        elif tag == "end":
            done = int(v["faults"]) == len(out)
    return out if done else None


def record_walks(recs):
    """Every fault's walks from the records: {n: {"cur": [...], "master": [...]}}
    with the real levels only (fold=-), as witness_walks gives them."""
    out = {}
    for tag, v in recs:
        if tag == "walk" and v["fold"] == "-" and int(v["n"]) > 0:
            w = out.setdefault(int(v["n"]), {"cur": [], "master": []})
            w[v["tbl"]].append((v["level"], int(v["base"], 16), int(v["index"]),
                                int(v["entry"], 16), int(v["val"], 16)))
    return out


def check_stops(faults, stops, walks, name, what):
    """The records' faults against the debugger's stops (and walks)."""
    diags = []
    if stops is None:
        stops = []
        diags.append("%s has no end line" % what)
    if len(stops) != len(faults):
        diags.append("%d faults reported, %d stops in %s" % (len(faults), len(stops), what))
    for i, (f, s) in enumerate(zip(faults, stops), 1):
        want = {"err": f["err"], "cr2": f["cr2"], "eip": f["eip"],
                "cpl": int(f["cs"], 16) & 3, "cr3": f["cr3"]}
        got = {k: s.get(k) for k in want}
        if got != want:
            diags.append("fault %d: guest %s, stop %s" % (i, want, got))
        rw = walks.get(i, {"cur": [], "master": []})
        if rw["cur"] != s["cur"]:
            diags.append("fault %d walk: guest %s, memory %s" % (i, rw["cur"], s["cur"]))
        if rw["master"] and rw["master"] != s["master"]:
            diags.append("fault %d master walk: guest %s, memory %s"
                         % (i, rw["master"], s["master"]))
    tap(not diags, name, diags)


def tap(good, name, diags=()):
    print(("ok - " if good else "not ok - ") + name)
    for d in list(diags)[:10]:
        print("# " + d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--emu", choices=("qemu", "bochs"), required=True)
    ap.add_argument("--expect", choices=("pass", "fail"), default="pass")
    ap.add_argument("--walks", help="walks.txt (guest/walkwitness.py, bochswitness.py)")
    ap.add_argument("records")
    ap.add_argument("log")
    a = ap.parse_args()
    try:
        lines = open(a.records, encoding="ascii").read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        lines = []
        print("# cannot read records: %s" % e)
    if lines and lines[-1] == "":
        lines.pop()
    recs, errs = parse(lines)
    tap(not errs and bool(recs), a.name + ": records parse", errs)
    end = [v for t, v in recs if t == "end"]
    tap(len(end) == 1, a.name + ": end marker present")
    status = end[0]["status"] if end else "none"
    tap(status == a.expect, a.name + ": status %s" % a.expect,
        ["end status=%s reason=%s" % (status, end[0]["reason"] if end else "-")])

    faults = [v for t, v in recs if t == "fault"]
    try:
        log = open(a.log, errors="replace").read()
    except OSError as e:
        log = ""
        print("# cannot read log: %s" % e)
    wit = qemu_witness(log) if a.emu == "qemu" else bochs_witness(log)
    diags = []
    if len(wit) != len(faults):
        diags.append("%d faults reported, %d in the %s log" % (len(faults), len(wit), a.emu))
    for i, (f, w) in enumerate(zip(faults, wit), 1):
        want = {"err": f["err"], "cr2": f["cr2"]}
        if a.emu == "qemu":
            want.update(eip=f["eip"], cpl=int(f["cs"], 16) & 3, cr3=f["cr3"])
        got = {k: w.get(k) for k in want}
        if got != want:
            diags.append("fault %d: guest %s, %s log %s" % (i, want, a.emu, got))
    tap(not diags and (len(faults) > 0 or a.expect == "fail"),
        a.name + ": %d faults match the %s log one to one" % (len(faults), a.emu), diags)
    if a.walks:
        emu = "QEMU" if a.emu == "qemu" else "Bochs"
        check_stops(faults, witness_walks(read_text(a.walks)), record_walks(recs),
                    a.name + ": every fault's registers and walk entries match %s's "
                    "memory at its entry" % emu, "walks.txt")
    return 0


def read_text(path):
    try:
        return open(path, errors="replace").read()
    except OSError as e:
        print("# cannot read %s: %s" % (path, e))
        return ""


if __name__ == "__main__":
    sys.exit(main())
