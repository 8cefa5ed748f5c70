#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/hostile.sh - text from files never reaches the terminal as
# control sequences: a lesson and a trace whose every text field carries
# ESC [ 2 J (clear screen), OSC 52 (clipboard write: ESC ] 52 ; c ; ... BEL)
# and a C1 CSI (U+009B) are shown escaped in the player, the replayer,
# `check` and `dump`; the screen is never cleared by them.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
H=$TUI_TMP/hostile
mkdir -p "$H"
ESC=$(printf '\033')
TRACE=$PAGEWALK_ROOT/traces/demand-2level-qemu.yaml
[ -f "$TRACE" ] || TRACE=$PAGEWALK_ROOT/tests/fuzz/corpus/trace/demand-2level-qemu.yaml

# X is the hostile payload as YAML double-quoted escapes: after parsing it
# holds the raw bytes ESC [2J, ESC ]52;c;aGk= BEL and C2 9B.
python3 - "$H" "$TRACE" <<'PY'
import re, sys
d, tracef = sys.argv[1], sys.argv[2]
X = r'\e[2J\e]52;c;aGk=\a\x9b'
def q(tag):
    return '"%s<%s>"' % (tag, X)
lesson = '''title: {en: %s, ja: %s}
summary: {en: %s, ja: %s}
arch: x86-32
code:
  ex:
    file: hostile/x.c
    version: v6.1
    lines: 1-2
    symbol: hostile_sym
steps:
  - kind: text
    heading: {en: %s, ja: %s}
    text: {en: %s, ja: %s}
  - kind: split
    heading: %s
    addr: 0xc0101234
    text: %s
    code: {ref: ex, highlight: [1]}
  - kind: quiz
    ask: offset
    arch: x86-32
    addr: 0xc0101234
    question: %s
    hints:
      - %s
''' % (q('TITLE'), q('TITLEJA'), q('SUMMARY'), q('SUMMARYJA'),
       q('HEAD'), q('HEADJA'), q('BODY'), q('BODYJA'), q('HEAD2'), q('SPLIT'),
       q('QUESTION'), q('HINT'))
open(d + '/hostile-lesson.yaml', 'w').write(lesson)
# A lesson naming a hostile file: rejected, the message escaped.
open(d + '/hostile-file.yaml', 'w').write(lesson.replace('file: hostile/x.c', 'file: ' + q('FILE')))
# The "package": a tarball whose source lines carry the payload as raw bytes
# (PAGEWALK_LINUX_SOURCE points pagewalk at it).
import os, subprocess
raw = '\x1b[2J\x1b]52;c;aGk=\x07\u009b'
os.makedirs(d + '/pkg/linux-source-6.1/hostile', exist_ok=True)
with open(d + '/pkg/linux-source-6.1/hostile/x.c', 'w', encoding='utf-8') as f:
    f.write('CODE1 %s hostile_sym\nCODE2 %s\n' % (raw, raw))
subprocess.run(['tar', '-cJf', d + '/linux-source-6.1.tar.xz', '-C', d + '/pkg',
                'linux-source-6.1'], check=True)
src = open(tracef).read()
n = [0]
def sub(m):
    n[0] += 1
    return '%s: "%s HX%d<%s>"' % (m.group(1), m.group(2), n[0], X)
out = re.sub(r'^(  [a-z-]+|    note): "(.*)"$', sub, src, flags=re.M)
open(d + '/hostile-trace.yaml', 'w').write(out)
# A raw ESC in the file: YAML refuses it, and the error must not carry it.
open(d + '/raw-esc.yaml', 'w').write('title: "T \x1b[2J"\narch: x86-32\nsteps:\n  - {kind: text, text: x}\n')
PY

# ---- check / dump: escaped text, no raw ESC or C1 byte ------------------
no_raw() { ! printf '%s' "$2" | grep -q "$ESC" && ! printf '%s' "$2" | grep -q "$(printf '\302\233')"; }
export PAGEWALK_LINUX_SOURCE="$H/linux-source-6.1.tar.xz" XDG_CACHE_HOME="$H/cache"
run_pw check -v "$H/hostile-lesson.yaml"
check_eq "check hostile lesson: loads (exit 0)" 0 "$RC"
run_pw check "$H/hostile-file.yaml"
check_eq "check hostile file name: rejected (exit 1)" 1 "$RC"
check_contains "check hostile file name: shown escaped" "$ERR" 'not FILE<\x1b[2J'
check "check hostile file name: no raw ESC or C1 byte" no_raw err "$ERR"
run_pw check -v "$H/hostile-trace.yaml"
check_eq "check hostile trace: loads (exit 0)" 0 "$RC"
run_pw dump "$H/hostile-trace.yaml"
check_eq "dump hostile trace: exit 0" 0 "$RC"
check_contains "dump: note shown escaped" "$OUT" 'HX20<\x1b[2J\x1b]52;c;aGk=\x07\u009b>'
check_contains "dump: header shown escaped" "$OUT" 'pagewalk-guest HX1<\x1b[2J'
check "dump: no raw ESC or C1 byte on stdout" no_raw dump "$OUT"
run_pw check "$H/raw-esc.yaml"
check_eq "raw ESC in a lesson: exit 1" 1 "$RC"
check_contains "raw ESC in a lesson: located, shown escaped" "$ERR" 'raw-esc.yaml:1:11: control character \x1b'
check "raw ESC in a lesson: the message has no raw ESC" no_raw err "$ERR"
sed 's/scenario demand HX[0-9]*/scenario \x1b[2J/' "$H/hostile-trace.yaml" >"$H/raw-esc-trace.yaml"
run_pw dump "$H/raw-esc-trace.yaml"
check_eq "raw ESC in a trace: exit 1" 1 "$RC"
check_contains "raw ESC in a trace: located" "$ERR" 'raw-esc-trace.yaml:33:'
check "raw ESC in a trace: the message has no raw ESC" no_raw err "$ERR"

# ---- the lesson player ---------------------------------------------------
# A marker line is printed before pagewalk starts: ESC [2J would wipe it.
tui_start 100 30 "printf 'MARKER-BEFORE\\n'; $PAGEWALK lesson $H/hostile-lesson.yaml"
check_screen "lesson: title shown escaped" 'TITLE<\x1b[2J\x1b]52;c;aGk=\x07\u009b>'
check_screen "lesson: heading shown escaped" 'HEAD<\x1b[2J'
check_screen "lesson: body shown escaped" 'BODY<\x1b[2J\x1b]52;c;aGk=\x07\u009b>'
tui_keys n
check_screen "lesson: split heading escaped" 'HEAD2<\x1b[2J'
check_screen "lesson: split text escaped" 'SPLIT<\x1b[2J'
check_screen "lesson: code title from the excerpt" 'hostile/x.c lines 1-2'
check_screen "lesson: the package's code line escaped" 'CODE1 \x1b[2J'
tui_keys n
check_screen "lesson: quiz question escaped" 'QUESTION<\x1b[2J'
tui_keys Tab
check_screen "lesson: quiz hint escaped" 'HINT<\x1b[2J'
if tui capture-pane -p -e | grep -q "$(printf '\302\233')"; then
	not_ok "lesson: no raw C1 on the screen"
else ok "lesson: no raw C1 on the screen"; fi
tui_keys Escape q
check_screen "lesson: quits" "EXITED 0"
check_screen "lesson: the screen was never cleared by the text (marker kept)" "MARKER-BEFORE"
tui_start 100 30 "$PAGEWALK --lang ja lesson $H/hostile-lesson.yaml"
check_screen "lesson ja: title escaped" 'TITLEJA<\x1b[2J'
check_screen "lesson ja: body escaped" 'BODYJA<\x1b[2J'
tui_keys q
check_screen "lesson ja: quits" "EXITED 0"

# ---- the replayer ---------------------------------------------------------
tui_start 120 40 "printf 'MARKER-BEFORE\\n'; $PAGEWALK replay $H/hostile-trace.yaml"
check_screen "replay: header text escaped" 'qemu HX2<\x1b[2J\x1b]52;c;aGk=\x07' 5
tui_keys n
check_screen "replay: note shown escaped" 'scenario demand HX' 5
check_screen "replay: note's escaped form whole" '\x1b[2J\x1b]52;c;aGk=\x07\u009b>' 5
NEV=$("$PAGEWALK" dump "$H/hostile-trace.yaml" | grep -c '^[0-9]')
tui_keys g "$NEV" Enter
check_screen "replay: g goes to the last event" "event $NEV/$NEV "
check_screen "replay: last event's note escaped" '\x1b[2J' 5
tui_keys q
check_screen "replay: quits" "EXITED 0"
check_screen "replay: the screen was never cleared by the text (marker kept)" "MARKER-BEFORE"

# ---- home menu lists the hostile lesson's title escaped ------------------
mkdir -p "$H/lessons" && cp "$H/hostile-lesson.yaml" "$H/lessons/"
tui_start 100 30 "PAGEWALK_LESSONS=$H/lessons PAGEWALK_TRACES=$H/none $PAGEWALK"
check_screen "home: hostile title listed escaped" 'TITLE<\x1b[2J'
tui_keys q
check_screen "home: quits" "EXITED 0"
# ---- issue 16: special files, bidi text, a hostile TERM, relative HOME ----
FIXL=$PAGEWALK_ROOT/tests/tui/fixtures/lessons/basic.yaml
S=$TUI_TMP/special
mkdir -p "$S/lessons" "$S/state/pagewalk"
cp "$FIXL" "$S/lessons/01-basic.yaml"
mkfifo "$S/lessons/02-fifo.yaml"
# a lesson title with U+202E and U+2066 (written as YAML escapes)
sed -e 's/^  en: "TUI test: PAE walk"/  en: "BIDI ev\\u202elive\\u2066 end"/' "$FIXL" >"$S/lessons/03-bidi.yaml"
tui_start 100 30 "PAGEWALK_LESSONS=$S/lessons PAGEWALK_TRACES=$S/none $PAGEWALK"
check_screen "home: a FIFO among the lessons does not hang the menu" "02-fifo"
tui_keys j Enter
check_screen "home: opening the FIFO says it is not a regular file" "not a regular file (a FIFO)"
check_screen "home: the bidi title is shown by code point" "BIDI ev<U+202E>live<U+2066> end"
tui_keys q
check_screen "home with a FIFO lesson: quits" "EXITED 0"

# a progress file that is a FIFO: the lesson plays with a notice
mkfifo "$S/state/pagewalk/01-basic.progress"
tui_start 100 30 "XDG_STATE_HOME=$S/state $PAGEWALK lesson $S/lessons/01-basic.yaml"
check_screen "progress FIFO: the lesson opens (no hang)" "step 1/5"
tui_keys n
check_screen "progress FIFO: the lesson goes on" "step 2/5"
tui_keys q
check_screen "progress FIFO: quits" "EXITED 0"
tui_start 100 30 "XDG_STATE_HOME=$S/state PAGEWALK_LESSONS=$S/lessons PAGEWALK_TRACES=$S/none $PAGEWALK"
check_screen "progress FIFO: the home menu opens (no hang)" "01-basic"
tui_keys q
check_screen "progress FIFO: home quits" "EXITED 0"

# the lesson player shows the bidi title by code point
tui_start 100 30 "$PAGEWALK lesson $S/lessons/03-bidi.yaml"
check_screen "player: bidi title by code point" "BIDI ev<U+202E>live<U+2066> end"
tui_keys q
check_screen "player with bidi title: quits" "EXITED 0"

# TERM carrying OSC 52 is echoed escaped
tui_start 100 30 "TERM='x${ESC}]52;c;aGk=' $PAGEWALK lesson $FIXL"
check_screen "hostile TERM: named escaped" 'cannot use the terminal (TERM=x\x1b]52;c;aGk=)'
check_screen "hostile TERM: exit 1" "EXITED 1"

# relative HOME and XDG_STATE_HOME are ignored (XDG spec): nothing is
# created under the current directory
mkdir -p "$S/cwd"
tui_start 100 30 "sh -c 'cd $S/cwd && HOME=rel XDG_STATE_HOME=relx $PAGEWALK lesson $FIXL'"
check_screen "relative HOME: the lesson plays" "step 1/5"
check_screen "relative HOME: a notice about progress" "absolute path"
tui_keys n
check_screen "relative HOME: next step" "step 2/5"
tui_keys q
check_screen "relative HOME: quits" "EXITED 0"
check_eq "relative HOME: nothing created under the current directory" "" "$(ls -A "$S/cwd")"
exit 0
