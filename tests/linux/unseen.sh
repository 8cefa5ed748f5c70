#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The tracer's check at a handler's end (guest/linux/trace.py close();
# docs/linux.md): an entry of the fault's walk that changed with no write
# a watchpoint saw fails the run, whether its watchpoint was on (the pte
# block around cr2) or it was an upper entry that already linked a table
# (not watched: compared at the end instead). A kept 2level recording of
# tests/bench/programs/pages.c is traced again by gdb in its own run
# directory, its trace.py changed to write one bit into such an entry in
# physical memory just before the end's walk (gdb's write is no CPU
# store: no watchpoint sees it), each run bounded at 120 s (a hung guest
# fails it, exit 124). Each run must fail, naming the table;
# the unchanged tracer, run the same way, must not.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$BUILD/test-linux-unseen
fresh_out "$OUT"

if ! make --no-print-directory linux LINUX_VARIANTS=2level >"$OUT/make-linux.log" 2>&1; then
	not_ok "make linux LINUX_VARIANTS=2level"
	diag "$(tail -5 "$OUT/make-linux.log")"
	exit 0
fi
"$PAGEWALK" record --kernel linux --mode 2level --program tests/bench/programs/pages.c --keep \
	-o "$OUT/pages.yaml" -- 4 >"$OUT/rec.log" 2>&1
k=$(sed -n 's/^pagewalk: kept the run in //p' "$OUT/rec.log")
if [ -z "$k" ] || [ ! -f "$k/trace.py" ]; then
	not_ok "record --keep pages.c on 2level"
	diag "$(tail -3 "$OUT/rec.log")"
	exit 0
fi
cp "$k/trace.py" "$OUT/trace.py"

# again CASE: trace the kept run again with trace.py changed for CASE
# (none, upper, pte); sets RC and ERR.
again() {
	/usr/bin/python3 - "$1" "$OUT/trace.py" "$k/trace.py" <<'EOF'
import sys
case, src, dst = sys.argv[1:]
s = open(src).read()
anchor = "    with Phys():\n        after = walk(f.cr3, f.cr2)\n"
assert s.count(anchor) == 1, "close()'s walk after is not where this test expects"
# the first traced fault whose walk has an entry of the case's kind
inject = {
    "none": "",
    "upper": """        if not DONE:
            st = [s for s in f.before if len(s) > 1 and s[0] != "pte" and links_table(s[0], s[4])
                  and s[3] not in {w.pa for w in f.watches}]
            if st:
                inferior.write_memory(st[0][3], (st[0][4] ^ 0x200).to_bytes(level_of(st[0][0])[3], "little"))
                DONE.append(st[0][0])
""",
    "pte": """        if not DONE:
            ws = [w for w in f.watches if w.level == "pte"]
            if ws:
                w = ws[0]
                off = w.size - PTE_SIZE
                v = int.from_bytes(w.data[off:], "little") ^ 0x200
                inferior.write_memory(w.pa + off, v.to_bytes(PTE_SIZE, "little"))
                DONE.append("pte")
""",
}[case]
s = s.replace(anchor, "    with Phys():\n" + inject + "        after = walk(f.cr3, f.cr2)\n")
s = s.replace("\ndef close(f):", "\nDONE = []\n\n\ndef close(f):", 1)
open(dst, "w").write(s)
EOF
	(cd "$k" && rm -f records.txt records.txt.err gdb.sock &&
	 timeout -k 5 120 gdb -batch -nx -q "$(sed -n 's/^vmlinux=//p' params.txt)" -x trace.py \
		>gdb.out 2>gdb.err)
	RC=$? ERR=$(cat "$k/records.txt.err" 2>/dev/null)
}

again none
if [ $RC = 0 ] && [ -s "$k/records.txt" ] && [ -z "$ERR" ]; then
	ok "the kept run traced again by the unchanged tracer: exit 0, records written"
else
	not_ok "the unchanged tracer, again: exit $RC, $ERR"
	diag "$(tail -3 "$k/gdb.err")"
fi
for c in upper pte; do
	again $c
	case $c in upper) t=pgd what="an upper entry that links a table" ;; *) t=pte what="a watched pte" ;; esac
	if [ $RC = 2 ] && [ ! -f "$k/records.txt" ] &&
	   echo "$ERR" | grep -q "^on_exit_read: fault [0-9]*: an entry of the $t table at 0x[0-9a-f]* changed without a write the watchpoint saw$"; then
		ok "an unseen change to $what ($t) fails the run: $ERR"
	else
		not_ok "an unseen change to $what: exit $RC, '$ERR'"
		diag "$(tail -3 "$k/gdb.err")"
	fi
done
rm -rf "$k"
