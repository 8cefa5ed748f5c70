#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/layers.sh - tui/ is layered, has no call cycle and names its
# exports for their layer (issue 21):
#
#   main.c -> tui/cmd (commands) -> tui/screen (screens, the app loop,
#   keys) -> tui/draw (drawing)
#
# A file may call and include what is below it, never what is above it,
# and no set of tui objects calls itself around in a loop: the symbols each
# built object defines and the ones it needs (nm) make the call graph, the
# #include lines the include graph. Each checker is first shown a planted
# cycle and a planted upward include, so it cannot pass by seeing nothing.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
OBJ=$PAGEWALK_ROOT/$BUILD/tui

# calls DIR SRC: "FILE: ..." lines for every call cycle among the objects
# under DIR (one line per cycle: its objects) and every call from a layer
# to one above it; objects whose source is no longer in SRC (a renamed
# file's stale object in a build directory) are left out.
calls() {
	(cd "$1" && for o in *.o */*.o; do
		[ -f "$o" ] && [ -f "$2/${o%.o}.c" ] || continue
		nm "$o" | awk -v o="$o" '$1 == "U" { print o, "U", $2; next }
			NF == 3 && $2 ~ /^[TDRBCGS]$/ { print o, "D", $3 }'
	done) | /usr/bin/python3 -c '
import sys
defs, uses = {}, {}
for line in sys.stdin:
    o, kind, sym = line.split()
    uses.setdefault(o, set())
    if kind == "D":
        defs[sym] = o
    else:
        uses[o].add(sym)
edges = {o: sorted({defs[s] for s in u if s in defs and defs[s] != o}) for o, u in uses.items()}
def rank(o):
    return {"cmd": 1, "screen": 2, "draw": 3}.get(o.split("/")[0], 0) if "/" in o else 0
for o in sorted(edges):
    for t in edges[o]:
        if rank(t) < rank(o):
            print("%s: calls %s, a layer above it" % (o, t))
# Tarjan: every strongly connected set of two or more objects is a cycle
index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = n[0]; n[0] += 1
    stack.append(v); on.add(v)
    for w in edges.get(v, []):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            out.append(sorted(comp))
sys.setrecursionlimit(10000)
for v in sorted(edges):
    if v not in index:
        visit(v)
for c in out:
    print("%s: in a call cycle of %d objects: %s" % (c[0], len(c), " ".join(c)))
'
}

# names DIR SRC: one line per symbol a tui object under DIR exports that
# does not carry its layer's prefix (cmd_ in tui/cmd; app_, keys_,
# keybar_ or screen_ in tui/screen; draw_, drawcheck_ or theme_ in
# tui/draw), so no tui name can be taken for the engine's (replay_*,
# lesson_*, text_* ...).
names() {
	(cd "$1" && for o in *.o */*.o; do
		[ -f "$o" ] && [ -f "$2/${o%.o}.c" ] || continue
		nm "$o" | awk -v o="$o" 'NF == 3 && $2 ~ /^[TDRBCGS]$/ { print o, $3 }'
	done) | awk '{ n = split($1, p, "/"); l = n == 1 ? "main" : p[1]; s = $2
		sub(/^__odr_asan\./, "", s)   # make sanitize: ASan marks the global s so
		if (l == "main" && s == "main") next
		if (l == "cmd" && s ~ /^cmd_/) next
		if (l == "screen" && s ~ /^(app|keys|keybar|screen)_/) next
		if (l == "draw" && s ~ /^(draw|drawcheck|theme)_/) next
		print $1 ": exports " s ", not named for its layer" }'
}

# includes ROOT: one line per #include under ROOT/tui of a header from a
# layer above the including file's.
includes() {
	(cd "$1" && for f in tui/*.[ch] tui/*/*.[ch]; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z]*\)\/[^"]*".*/\1/p' "$f" |
		while IFS= read -r g; do
			echo "$f $g"
		done
	done) | awk '
		function rank(g) { return g == "cmd" ? 1 : g == "screen" ? 2 : g == "draw" ? 3 : -1 }
		{ split($1, p, "/"); from = p[3] == "" ? 0 : rank(p[2]); to = rank($2)
		  if (to >= 0 && to < from) print $1 ": includes a " $2 "/ header, a layer above it" }'
}

if [ ! -f "$OBJ/main.o" ]; then
	not_ok "tui objects are built ($OBJ/main.o)"
	exit 0
fi
check_eq "no call cycle among tui objects, no call to a layer above" "" "$(calls "$OBJ" "$PAGEWALK_ROOT/tui")"
check_eq "no tui file includes a header of a layer above it" "" "$(includes .)"
check_eq "every name a tui object exports carries its layer's prefix" "" \
	"$(names "$OBJ" "$PAGEWALK_ROOT/tui")"

# Witnesses: a copy of the objects with draw_text.o rebuilt to call
# app_status (the app loop draws text: a cycle, and draw calling screen),
# and a copy of two sources with an upward include.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cp -r "$OBJ" "$T/obj"
cp tui/draw/draw_text.c "$T/draw_text.c"
printf 'void app_status(void);\nvoid planted_call(void);\nvoid planted_call(void) { app_status(); }\n' \
	>>"$T/draw_text.c"
# shellcheck disable=SC2046
if cc -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -Iengine -Itui \
	$(pkg-config --cflags ncursesw 2>/dev/null) -c "$T/draw_text.c" -o "$T/obj/draw/draw_text.o" 2>"$T/cc.err"; then
	out=$(calls "$T/obj" "$PAGEWALK_ROOT/tui")
	check_contains "witness: a planted call from draw to app_status is a cycle" "$out" "in a call cycle of"
	check_contains "witness: ... and draw/draw_text.o is in it" "$out" "draw/draw_text.o"
	check_contains "witness: ... and it is a call to a layer above" "$out" \
		"draw/draw_text.o: calls screen/app"
	check_eq "witness: its planted_call is not named for the draw layer" \
		"draw/draw_text.o: exports planted_call, not named for its layer" \
		"$(names "$T/obj" "$PAGEWALK_ROOT/tui")"
else
	not_ok "witness: the planted object builds"
	diag "$(cat "$T/cc.err")"
fi
mkdir -p "$T/src/tui/draw" "$T/src/tui/screen"
printf '#include "screen/app.h"\n' >"$T/src/tui/draw/planted.c"
printf '#include "cmd/cmd.h"\n#include "draw/draw.h"\n' >"$T/src/tui/screen/planted.h"
out=$(includes "$T/src")
check_contains "witness: draw including a screen/ header is found" "$out" \
	"tui/draw/planted.c: includes a screen/ header"
check_contains "witness: screen including a cmd/ header is found" "$out" \
	"tui/screen/planted.h: includes a cmd/ header"
check "witness: screen including a draw/ header is allowed" \
	sh -c "! printf '%s\n' \"\$1\" | grep -q 'draw/ header'" _ "$out"
