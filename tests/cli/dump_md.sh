#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/dump_md.sh - `pagewalk dump FILE --format md --event N`: for
# every fault of four shipped traces, the write-up holds the values the
# plain `pagewalk dump` line of that event gives (cr2, error code, ip, cpl,
# cr3, each walk entry, each write old -> new and its master entry, the
# outcome); a known event is checked in full; a trace of real Linux lists
# every fault's call chain; bad requests are refused.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# (the write-ups are made first, then one python run reads them all)
for t in traces/vmalloc-2level-qemu.yaml traces/demand-pae-qemu.yaml \
	 traces/protection-2level-qemu.yaml traces/all-pae-bochs.yaml; do
	"$PAGEWALK" dump "$t" >"$tmp/plain"
	rm -f "$tmp"/md.* "$tmp"/rc.*
	for n in $(awk '$2 == "fault" { print $1 }' "$tmp/plain"); do
		"$PAGEWALK" dump "$t" --format md --event "$n" >"$tmp/md.$n" 2>"$tmp/err"
		echo $? >"$tmp/rc.$n"
	done
	python3 - "$tmp/plain" "$tmp" >"$tmp/res" <<'PY'
import os, re, sys
plain, tmp = sys.argv[1], sys.argv[2]
for line in open(plain):
    if len(line.split()) < 2 or line.split()[1] != "fault":
        continue
    n = line.split()[0]
    md = open(os.path.join(tmp, "md." + n)).read()
    f = dict(re.findall(r"(\w+)=(0x[0-9a-f]+|\d+)", line.split(" walk ")[0]))
    want = [
        "# Page fault at `%s`: event %s of" % (f["cr2"], n),
        "| cr2 (the address) | `%s`" % f["cr2"],
        "| error code | `0x%x`:" % int(f["err"], 16),
        "| instruction | `%s`, cpl %s |" % (f["ip"], f["cpl"]),
        ", cr3 `%s` |" % f["cr3"],
        "outcome: %s." % line.split("=> ")[1].split()[0],
    ]
    walk = line.split(" walk ")[1].split(" -> ")[0]
    for lvl, idx, val in re.findall(r"(\w+)\[(\d+)\]=(0x[0-9a-f]+)", walk):
        want.append("| %s | `" % lvl)
        want.append("` | %s | `" % idx)
        want.append("` | `%s` |" % val)
    for pa, old, new, frm in re.findall(r"set (0x[0-9a-f]+): (0x[0-9a-f]+)->(0x[0-9a-f]+)( \(from master 0x[0-9a-f]+\))?", line):
        # our guest's traces do not say which entry or who wrote it: "-"
        row = "| `%s` | - | `%s` | `%s` | - | " % (pa, old, new)
        if frm:
            row += "master (`init_mm.pgd`) entry `%s` |" % frm.split()[-1].rstrip(")")
        want.append(row)
    missing = [w for w in want if w not in md]
    print(n, "ok" if not missing and len(want) > 8 else "missing: %r" % missing)
PY
	for n in $(awk '$2 == "fault" { print $1 }' "$tmp/plain"); do
		check_eq "$t event $n: md exits 0 with the dump's values" "0 ok" \
			"$(cat "$tmp/rc.$n") $(sed -n "s/^$n //p" "$tmp/res")"
	done
done

# one event in full: the vmalloc sync of traces/vmalloc-2level-qemu.yaml
run_pw dump traces/vmalloc-2level-qemu.yaml --format md --event 21
check_contains "event 21: the walk row" "$OUT" "| pgd | \`0x00114000\` | 778 | \`0x00114c28\` | \`0x00000000\` | - |"
check_contains "event 21: folded levels named" "$OUT" "Folded levels (no table of their own): p4d, pud, pmd."
check_contains "event 21: the route" "$OUT" "\`do_page_fault\` -> vmalloc_fault; outcome: retried."
check_contains "event 21: the set_pmd stage" "$OUT" "set_pmd copies it across."
check_contains "event 21: the retried walk reaches the page" "$OUT" "Result: physical address \`0x0011c000\`."
check_contains "event 21: our guest's code, by file:line and function" "$OUT" "Our guest, \`guest/fault.c:"
check_contains "event 21: the guest's vmalloc_sync_one named with its file" "$OUT" "\`, in \`vmalloc_sync_one()\`:"
check_contains "event 21: our guest's set_pmd line" "$OUT" "set_pmd(pmd, pmd_val(pmd_k));"
check_contains "event 21: Linux v6.1 by file and function only" "$OUT" \
	"Linux v6.1: \`vmalloc_sync_one()\` in \`arch/x86/mm/fault.c\`"
# the guest lines quoted are the file's lines at the numbers given
ref=$(printf '%s\n' "$OUT" | sed -n 's/^Our guest, `guest\/fault.c:\([0-9]*\)-\([0-9]*\)`, in `[a-z_]*()`:$/\1 \2/p' | head -n 1)
set -- $ref
quoted=$(printf '%s\n' "$OUT" | awk -v h="Our guest, \`guest/fault.c:$1-$2\`," '
	index($0, h) == 1 { on = 1; next } on && /^```c$/ { in_ = 1; next } in_ && /^```$/ { exit } in_ { print }')
check_eq "event 21: quoted guest lines $1-$2 equal guest/fault.c" "$(sed -n "$1,$2p" guest/fault.c)" "$quoted"
# no Linux text: the abridged Linux rendering's lines never appear
check_eq "event 21: no line of the replayer's Linux rendering" "" \
	"$(printf '%s\n' "$OUT" | grep -F -e 'unsigned long pgd_paddr = read_cr3();' -e 'force_sig_info_fault')"

# a trace of real Linux: every fault's recorded call chain, frame by frame
# in the file's order, as "| depth | fn | `FILE:LINE` |" rows; the route
# starts at exc_page_fault; no code of our guest, no line of Linux's
L=tests/tui/fixtures/linux-all-4level.yaml
"$PAGEWALK" dump "$L" >"$tmp/plain"
rm -f "$tmp"/md.*
bad=
for n in $(awk '$2 == "fault" { print $1 }' "$tmp/plain"); do
	"$PAGEWALK" dump "$L" --format md --event "$n" >"$tmp/md.$n" 2>&1 || bad="$bad $n(rc)"
done
nf=$(awk '$2 == "fault"' "$tmp/plain" | wc -l)
bad="$bad$(python3 - "$L" "$tmp/plain" "$tmp" <<'PY'
import os, re, sys
text, plain, tmp = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
events = re.split(r"\n  - seq: ", text)
for line in open(plain):
    if len(line.split()) < 2 or line.split()[1] != "fault":
        continue
    n = int(line.split()[0])
    md = open(os.path.join(tmp, "md.%d" % n)).read()
    ev = events[n].split("\n    calls:\n")[1].split("\n    writes:")[0].split("\n    outcome:")[0]
    rows = ["| %s | %s`%s` | `%s` |" % (d, "&nbsp;&nbsp;" * int(d), fn, at)
            for fn, at, d in re.findall(r'\{fn: (\S+), at: "([^"]+)", depth: (\d+)\}', ev)]
    at, res = 0, "ok"
    for r in rows:
        at = md.find(r, at)
        if at < 0:
            res = "missing: " + r
            break
        at += len(r)
    if res == "ok" and not (rows and "`exc_page_fault` -> " in md and "Our guest" not in md):
        res = "no chain"
    if res != "ok":
        sys.stdout.write(" %d(%s)" % (n, res))
PY
)"
check_eq "Linux trace: $nf faults, each md lists its calls in order" "" "$bad"
check "Linux trace: its faults were written up ($nf)" test "$nf" -gt 50
run_pw dump "$L" --format md --event 5
check_contains "Linux event 5: the calls' heading" "$OUT" "## The calls"
check_contains "Linux event 5: wp_page_copy by file:line" "$OUT" "\`wp_page_copy\` | \`mm/memory.c:3130\` |"
check_contains "Linux event 5: says where the lines are" "$OUT" \
	"\`pagewalk replay\` shows it, highlighted, from the installed linux-source-6.1"
check_eq "Linux event 5: no line of mm/memory.c" "" "$(printf '%s\n' "$OUT" | grep -F 'return wp_page_copy(vmf);')"

# ---- trace strings are only ever text (issue 20 items 8 and 9) ----
# A hostile copy of a Linux trace and of a guest trace: header strings with
# a backquote that would close a code span, an HTML tag with a handler, a
# javascript: link, emphasis, a pipe, strikethrough; the file named with an
# OSC 52 sequence and markup. Python-Markdown (Debian's python3-markdown)
# renders each write-up and its plain twin's: the same elements with the
# same attributes, one for one (none came from the trace), the hostile
# strings there as text, and no control byte in the Markdown.
render() {   # PLAIN.md HOSTILE.md STRING...: "ok" or what differs
	/usr/bin/python3 - "$@" <<'PY'
import sys
from html.parser import HTMLParser
import markdown

class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(attrs))))
    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(attrs))))
    def handle_data(self, data):
        self.text.append(data)

def parse(path):
    md = open(path, encoding="utf-8").read()
    p = Elements()
    p.feed(markdown.markdown(md, extensions=["tables"]))
    return md, p

plain_md, plain = parse(sys.argv[1])
md, hostile = parse(sys.argv[2])
text = "".join(hostile.text)
bad = []
if plain.tags != hostile.tags:
    extra = [t for t in hostile.tags if t not in plain.tags]
    bad.append("elements differ (%d plain, %d hostile; new: %s)"
               % (len(plain.tags), len(hostile.tags), extra[:5]))
for s in sys.argv[3:]:
    if s not in text:
        bad.append("not shown as text: %r" % s)
if any(ord(c) < 32 and c not in "\n\t" for c in md):
    bad.append("a control byte in the Markdown")
print("ok" if not bad else "; ".join(bad))
PY
}
hostile() {   # TRACE OUT: the trace with hostile header strings
	sed -e 's/^  scenario: "\(.*\)"$/  scenario: "\1<img src=x onerror=alert(1)>"/' \
	    -e 's/^  emulator: "\(.*\)"$/  emulator: "\1 *em* _u_ | ~~s~~ `c`"/' \
	    -e 's/^  kernel-source: ".*"$/  kernel-source: "linux-`source`<b>x<\/b>[x](javascript:alert(1))"/' \
	    "$1" >"$2"
}
osc=$(printf '\033]52;c;aGk=\007')
for case in "$L 5 kernel" "traces/vmalloc-2level-qemu.yaml 21 guest"; do
	set -- $case
	strings="<img src=x onerror=alert(1)>
*em* _u_ | ~~s~~ \`c\`"
	[ "$3" = kernel ] && strings="$strings
[x](javascript:alert(1))
<b>x</b>
\`source\`"
	cp "$1" "$tmp/plain.yaml"
	hostile "$1" "$tmp/h${osc}\`x\`<i>.yaml"
	"$PAGEWALK" dump "$tmp/plain.yaml" --format md --event "$2" >"$tmp/plain.md"
	"$PAGEWALK" dump "$tmp/h${osc}\`x\`<i>.yaml" --format md --event "$2" >"$tmp/hostile.md" 2>"$tmp/err"
	check_eq "$(basename "$1") event $2, hostile strings: exit 0, silent" "0 " "$? $(cat "$tmp/err")"
	check_eq "$(basename "$1") event $2: no element of the write-up came from the trace" "ok" \
		"$(IFS='
'; set -f; render "$tmp/plain.md" "$tmp/hostile.md" $strings)"
	check_contains "$(basename "$1") event $2: the title's name with its ESC and BEL escaped" \
		"$(head -1 "$tmp/hostile.md")" '\x1b]52;c;aGk=\x07'
done
# the write-up says which file holds every function it names: Linux's in
# linux-source-6.1 (read here from the tarball), our guest's in guest/
# (lib.sh's linux_ref: the tarball's files, once a run)
: "${PW_SHARED:=$tmp/shared}"
if linux_ref; then
	for t in traces/*-qemu.yaml; do
		case $t in *linux-*) continue ;; esac
		"$PAGEWALK" dump "$t" | awk '$2 == "fault" { print $1 }' | while read -r n; do
			"$PAGEWALK" dump "$t" --format md --event "$n"
		done
	done >"$tmp/all.md"
	res=$(/usr/bin/python3 - "$tmp/all.md" "$LINUX_REF" guest/fault.c <<'PY'
import re, sys
md, lx, guest = open(sys.argv[1]).read(), sys.argv[2], open(sys.argv[3]).read().split("\n")
bad, n = [], 0
def defines(lines, fn, upto=None):
    """Line numbers (1-based) of the definitions of fn in lines."""
    pat = re.compile(r"^(?:[A-Za-z_][\w \*]*[ \*])?%s\(|^DEFINE_IDTENTRY\w*\(%s\)" % (fn, fn))
    return [i + 1 for i, l in enumerate(lines) if pat.match(l) and not l.rstrip().endswith(";")]
for fn, path in set(re.findall(r"^Linux v6\.1: `(\w+)\(\)` in `([\w/.]+)`", md, re.M)):
    n += 1
    if not defines(open("%s/%s" % (lx, path)).read().split("\n"), fn):
        bad.append("%s() is not defined in 6.1's %s" % (fn, path))
for f, a, b, fn in set(re.findall(r"^Our guest, `([\w/.]+):(\d+)(?:-(\d+))?`, in `(\w+)\(\)`:", md, re.M)):
    n += 1
    defs = defines(guest, fn)
    # the function defined nearest above line a is fn, and b is still before the next one
    above = max([d for d in sum((defines(guest, g) for g in set(re.findall(r"^\w[\w \*]*?(\w+)\(", "\n".join(guest), re.M))), []) if d <= int(a)], default=0)
    if f != "guest/fault.c" or not defs or above not in defs:
        bad.append("guest lines %s-%s are not in %s() of %s" % (a, b, fn, f))
print("ok %d" % n if not bad and n > 10 else "; ".join(bad) or "too few: %d" % n)
PY
)
	check_contains "every function the guest traces' write-ups name is in the file they name" "$res" "ok "
	diag "$res"
	check "no write-up puts do_wp_page or do_anonymous_page in fault.c" sh -c \
		"! grep -E '\`do_(wp|anonymous)_page\(\)\` in \`arch/x86/mm/fault.c\`' '$tmp/all.md'"
else
	not_ok "linux-source-6.1 is installed (make check installs it)"
fi

check_run "a non-fault event exits 1" 1 dump traces/vmalloc-2level-qemu.yaml --format md --event 1
check_eq "a non-fault event: message" "pagewalk: event 1 is not a fault; --format md writes up a fault" "$ERR"
check_run "an event past the end exits 1" 1 dump traces/vmalloc-2level-qemu.yaml --format md --event 999
check_contains "past the end: message" "$ERR" "event 999 is not in the trace"
check_run "--format md without --event exits 2" 2 dump traces/vmalloc-2level-qemu.yaml --format md
check_run "--event 0 exits 2" 2 dump traces/vmalloc-2level-qemu.yaml --format md --event 0
check_run "--format html exits 2" 2 dump traces/vmalloc-2level-qemu.yaml --format html --event 20
check_run "a bad trace exits 1" 1 dump "$tmp/none.yaml" --format md --event 1

# ---- a trace that records TLB flushes: each fault's write-up lists the
# flushes its handler made (every flush event naming that fault), or says
# there were none; a trace without flush records says nothing of them ----
t=traces/linux-tlb-4level-qemu.yaml
"$PAGEWALK" dump "$t" >"$tmp/tlb.plain"
for n in $(awk '$2 == "fault" { print $1 }' "$tmp/tlb.plain"); do
	"$PAGEWALK" dump "$t" --format md --event "$n" >"$tmp/tlb.$n"
	want=$(awk -v n="$n" '$2 == "flush" && / in fault / { for (i = 1; i < NF; i++) if ($i == "fault" && $(i + 1) == n && $(i - 1) == "in") print $1 }' "$tmp/tlb.plain" | wc -l)
	got=$(grep -c '^- `flush_tlb_mm_range`' "$tmp/tlb.$n")
	if [ "$want" = "$got" ]; then ok "tlb event $n: the write-up lists its $want flush(es)"
	else not_ok "tlb event $n: the write-up lists its $want flush(es)"; diag "got $got"; fi
	if [ "$want" = 0 ]; then
		check_contains "tlb event $n: says its handler flushed nothing" "$(cat "$tmp/tlb.$n")" \
			"The trace records no TLB flush made by this fault's handler"
	fi
done
run_pw dump "$t" --format md --event 5
check_contains "tlb event 5: the COW's flush, its range and callers" "$OUT" \
	"- \`flush_tlb_mm_range\` (cow) \`0x00007ffff7ff7000\`-\`0x00007ffff7ff8000\`, called by \`exc_page_fault > handle_page_fault"
run_pw dump traces/demand-pae-qemu.yaml --format md --event 15
check_eq "a trace without flush records: its write-up made" 0 "$RC"
case $OUT in *"TLB flush"*) not_ok "a trace without flush records: no TLB section" ;;
*) ok "a trace without flush records: no TLB section" ;; esac
