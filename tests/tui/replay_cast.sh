#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay_cast.sh - `pagewalk replay FILE --cast OUT`: the file is asciicast
# v2 (python3 json: the header object and every event line [time, "o",
# data]), and its frames, played into a tmux pane of the cast's size, show
# the replayer's screens; the last frame held (--hold), the stages paced
# (--stage-time), and the whole cast played into a terminal leaves it
# restored (alternate screen off, cursor shown); sizes, event ranges,
# Japanese; no clobbering, no special files, nothing half-written; bad
# requests refused.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
cd "$PAGEWALK_ROOT" || exit 1
T=traces/vmalloc-2level-qemu.yaml
D=$TUI_TMP/out
mkdir -p "$D"

# castcheck CAST W H: "ok N" (N events) when the file is asciicast v2 as
# asciinema reads it, else what is wrong
castcheck() {
	python3 - "$@" <<'PY'
import json, sys
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = open(path, encoding="utf-8").read().split("\n")
assert lines[-1] == "", "no newline at the end"
head = json.loads(lines[0])
assert isinstance(head, dict), "header is not an object"
assert head["version"] == 2 and head["width"] == w and head["height"] == h, head
assert isinstance(head["timestamp"], int) and head["timestamp"] > 1500000000, head
assert isinstance(head["title"], str) and isinstance(head["env"], dict), head
assert head["env"]["TERM"] == "xterm-256color", head
last = 0.0
for n, l in enumerate(lines[1:-1], 2):
    e = json.loads(l)
    assert isinstance(e, list) and len(e) == 3, "line %d: %r" % (n, l[:60])
    assert isinstance(e[0], (int, float)) and e[0] >= last, "line %d: time %r" % (n, e[0])
    assert e[1] == "o" and isinstance(e[2], str), "line %d" % n
    last = e[0]
print("ok %d" % (len(lines) - 2))
PY
}

# frames CAST N OUT: the data of the first N events into OUT; N 0: every
# frame (all events but the last, the end); N -1: all events, the end too
frames() {
	python3 - "$@" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")[1:-1]]
n = int(sys.argv[2])
n = len(ev) - 1 if n == 0 else len(ev) if n < 0 else n
open(sys.argv[3], "w", encoding="utf-8").write("".join(e[2] for e in ev[:n]))
PY
}

# cast_times CAST: the events' times, one line
cast_times() {
	python3 -c 'import json,sys; print(" ".join("%.3f" % json.loads(l)[0] for l in open(sys.argv[1]).read().split("\n")[1:-1]))' "$1"
}

# pane_flags: "alternate_on cursor_flag" of the pane now
pane_flags() { tui display-message -p '#{alternate_on} #{cursor_flag}'; }

# play CAST N W H: show the first N frames in a W x H pane
play() {
	frames "$1" "$2" "$D/frames"
	tui_start "$3" "$4" "cat $D/frames; sleep 600"   # (the pane must not scroll)
}

# ---- one event, 80x24 -------------------------------------------------------
run_pw replay "$T" --cast "$D/a.cast" --events 21-21
check_eq "--cast exits 0, prints nothing" "0||" "$RC|$OUT|$ERR"
check_eq "a.cast is asciicast v2, one event per stage (12) and the end" "ok 13" "$(castcheck "$D/a.cast" 80 24 2>&1)"
check_contains "header title names the trace and events" "$(head -n 1 "$D/a.cast")" \
	'"title": "pagewalk replay vmalloc-2level-qemu.yaml, events 21-21"'
check_eq "events a second apart" "0.000 1.000 2.000" \
	"$(sed -n '2,4p' "$D/a.cast" | cut -d, -f1 | tr -d '[' | tr '\n' ' ' | sed 's/ $//')"
play "$D/a.cast" 1 80 24
check_screen "frame 1: the replayer's title bar (the file name at 80 columns)" "pagewalk replay  vmalloc-2level-qemu.yaml  x86-32"
check_screen "frame 1: event 21, stage 1 of 12" "event 21/36  stage 1/12"
check_screen "frame 1: the fault line (the route not yet said)" "#PF pid 1  cr2 0xc2800000  eip 0xc01039b0  error 0x0000  kernel side  route: ?"
check_screen "frame 1: the key hints" "Space play"
play "$D/a.cast" 9 80 24
check_screen "frame 9: stage 9" "event 21/36  stage 9/12"
play "$D/a.cast" 0 80 24
check_screen "last frame: stage 12 of 12" "event 21/36  stage 12/12"
check_screen "last frame: the retried walk's frame" "0x0011c000 + 0x0 = 0x0011c000 (4 KiB page)"
check_screen "last frame: the write old -> new" "writes: [0x00114c28] 0x0->0x11d063"
check_eq "the frames: in the alternate screen, the cursor hidden" "1 0" "$(pane_flags)"
# the whole cast into a terminal, as asciinema cat does: restored at the end
frames "$D/a.cast" -1 "$D/frames"
tui_start 80 24 "cat $D/frames; echo CAST-OVER; sleep 600"
check_screen "the whole cast played, then the shell's next line" "CAST-OVER"
check_eq "the whole cast: the alternate screen left, the cursor shown" "0 1" "$(pane_flags)"
t=$(cast_times "$D/a.cast")
check_eq "the end comes 3 s (--hold's default) after the last frame" \
	"11.000 14.000" "$(echo "$t" | awk '{ print $(NF - 1), $NF }')"
run_pw replay "$T" --cast "$D/paced.cast" --events 21 --stage-time 0.25 --hold 1.5
check_eq "--stage-time 0.25 --hold 1.5: the times" \
	"0.000 0.250 0.500 0.750 1.000 1.250 1.500 1.750 2.000 2.250 2.500 2.750 4.250" \
	"$(cast_times "$D/paced.cast")"
run_pw replay "$T" --cast "$D/one.cast" --events 1 --stage-time 0.05 --hold 0
check_eq "--hold 0: the end right after the last frame" 0 "$RC"
run_pw replay "$T" --cast "$D/e1.cast" --events 1
last=$(cast_times "$D/e1.cast" | awk '{ print $NF }')
check "--events 1: a duration above zero ($last s)" awk -v t="$last" 'BEGIN { exit !(t > 0) }'

# ---- all events, another size ---------------------------------------------
run_pw replay traces/demand-2level-qemu.yaml --cast "$D/all.cast" --size 100x30
check_eq "all events at 100x30: exit 0" 0 "$RC"
res=$(castcheck "$D/all.cast" 100 30 2>&1)
check_contains "all.cast is asciicast v2 at 100x30" "$res" "ok "
nev=$("$PAGEWALK" dump traces/demand-2level-qemu.yaml | grep -vc '^#')
check "all.cast has at least one frame per event ($nev)" test "${res#ok }" -ge "$nev"
play "$D/all.cast" 0 100 30
check_screen "100x30: the last event's last stage" "event $nev/$nev"
play "$D/all.cast" 1 100 30
check_screen "100x30: starts at event 1" "event 1/$nev  stage 1/"

# ---- Japanese ---------------------------------------------------------------
run_pw --lang ja replay "$T" --cast "$D/ja.cast" --events 21
check_eq "ja: exit 0 and valid" "0 ok 13" "$RC $(castcheck "$D/ja.cast" 80 24 2>&1)"
play "$D/ja.cast" 0 80 24
check_screen "ja: Japanese key hints in the frames" "ヘルプ"

# ---- never clobbers, never half-writes --------------------------------------
cp "$D/a.cast" "$D/keep"
run_pw replay "$T" --cast "$D/a.cast" --events 20-21
check_eq "existing OUT: exit 1" 1 "$RC"
check_eq "existing OUT: message" "pagewalk: replay: $D/a.cast: exists (use --force to overwrite it)" "$ERR"
check "existing OUT: unchanged" cmp -s "$D/keep" "$D/a.cast"
run_pw replay "$T" --cast "$D/a.cast" --events 20-21 --force
check_eq "--force replaces it" "0 ok 15" "$RC $(castcheck "$D/a.cast" 80 24 2>&1)"
check_run "/dev/null refused even with --force" 1 replay "$T" --cast /dev/null --force
check_contains "special file: message" "$ERR" "exists and is not a regular file"
mkdir "$D/dir"
check_run "a directory refused" 1 replay "$T" --cast "$D/dir" --force
ln -s "$D/keep" "$D/link.cast"
check_run "a symbolic link refused" 1 replay "$T" --cast "$D/link.cast" --force
check_run "a bad trace: exit 1" 1 replay "$D/none.yaml" --cast "$D/none.cast"
check "a bad trace: no cast written" test ! -e "$D/none.cast"
check_run "events outside the trace: exit 1" 1 replay "$T" --cast "$D/x.cast" --events 40-50
check_eq "events outside the trace: message" "pagewalk: replay: --events 40-50: the trace has 36 events" "$ERR"
check "events outside: no cast written" test ! -e "$D/x.cast"
check_run "a missing directory: exit 1" 1 replay "$T" --cast "$D/no/such.cast"
check_eq "no temporary files left" "" "$(ls -a "$D" | grep tmp)"

# ---- usage ------------------------------------------------------------------
check_run "--events 5-3: exit 2" 2 replay "$T" --cast "$D/y.cast" --events 5-3
check_run "--events x: exit 2" 2 replay "$T" --cast "$D/y.cast" --events x
check_run "--size 10x10: exit 2" 2 replay "$T" --cast "$D/y.cast" --size 10x10
check_contains "--size message" "$ERR" "--size wants WxH, from 60x20 to 400x200"
check_run "--events without --cast: exit 2" 2 replay "$T" --events 1-2
check_run "--hold without --cast: exit 2" 2 replay "$T" --hold 2
check_run "--hold x: exit 2" 2 replay "$T" --cast "$D/y.cast" --hold x
check_contains "--hold message" "$ERR" "replay: --hold wants SECONDS (like 2 or 0.5; 0 to 600)"
check_run "--stage-time 0: exit 2" 2 replay "$T" --cast "$D/y.cast" --stage-time 0
check_run "--stage-time 0.0001: exit 2" 2 replay "$T" --cast "$D/y.cast" --stage-time 0.0001
check_run "--hold 601: exit 2" 2 replay "$T" --cast "$D/y.cast" --hold 601
check_run "--cast without a value: exit 2" 2 replay "$T" --cast
check_run "replay --help: exit 0" 0 replay --help
check_contains "replay --help names --cast" "$OUT" "--cast OUT.cast [--events A-B]"
