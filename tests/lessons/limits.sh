#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/lessons/limits.sh - hostile sizes and shapes for both loaders: a
# 50 MB file, 10^6 nested '[', an alias bomb, 100 000 steps/events, a 10 MB
# line, invalid UTF-8, huge numbers, 500 replay steps naming one 35 MB trace
# (loaded once: 500 loads would pass the hang guard), two 35 MB traces in
# one lesson (over the per-lesson bound). Each is generated here and given to
# `pagewalk check` (and `dump` for traces) under a 512 MB address-space limit:
# rejected with exit 1 and a FILE[:LINE:COL] message, or (a big but valid
# trace) loaded. `timeout` is only a hang guard, never a speed test.
. "$(dirname "$0")/../lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
TRACE=$PAGEWALK_ROOT/traces/demand-2level-qemu.yaml
[ -f "$TRACE" ] || TRACE=$PAGEWALK_ROOT/tests/fuzz/corpus/trace/demand-2level-qemu.yaml

# ASan reserves terabytes of address space: no ulimit -v for a sanitizer build.
case "$BUILD" in *san*) VLIMIT=unlimited ;; *) VLIMIT=524288 ;; esac

# limited NAME WANT_RC PATTERN CMD...: run pagewalk CMD under the limits.
limited() {
	_n=$1 _want=$2 _pat=$3; shift 3
	( ulimit -v "$VLIMIT"; exec timeout 120 "$PAGEWALK" "$@" ) >"$T/out" 2>"$T/err"
	_rc=$?
	_msg=$(head -c 300 "$T/err")
	if [ "$_rc" = "$_want" ] && { [ -z "$_pat" ] || grep -q -e "$_pat" "$T/err"; } && ! grep -q "$(printf '\033')" "$T/err"; then
		ok "$_n"
	else
		not_ok "$_n"
		diag "exit $_rc (wanted $_want), stderr: $_msg" "wanted stderr matching: $_pat"
	fi
}

python3 - "$T" "$TRACE" <<'PY'
import sys
d, tracef = sys.argv[1], sys.argv[2]
def w(name, data):
    with open(d + '/' + name, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())
head = 'title: T\narch: x86-32\nsteps:\n'
step = '  - {kind: text, text: "x"}\n'
w('l-50mb.yaml', head + step * 2000000)
w('l-nest-1e6.yaml', 'title: T\narch: x86-32\nsteps: ' + '[' * 1000000 + ']' * 1000000 + '\n')
w('l-nest-deep.yaml', 'title: T\narch: x86-32\nsteps: ' + '[' * 400000 + ']' * 400000 + '\n')
bomb = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
for i in range(1, 10):
    bomb += 'a%d: &a%d [%s]\n' % (i, i, ','.join(['*a%d' % (i - 1)] * 9))
w('l-bomb.yaml', 'title: T\narch: x86-32\n' + bomb + 'steps: *a9\n')
w('l-alias.yaml', 'title: T\narch: x86-32\nsteps: *a9\n')
w('l-100k-steps.yaml', head + step * 100000)
w('l-600-steps.yaml', head + step * 600)
w('l-10mb-line.yaml', head + '  - {kind: text, text: "' + 'x' * (10 << 20) + '"}\n')
w('l-long-string.yaml', head + '  - {kind: text, text: "' + 'x' * 20000 + '"}\n')
w('l-bad-utf8.yaml', b'title: "T \xff\xfe"\narch: x86-32\nsteps:\n' + step.encode())
w('l-huge-number.yaml', 'title: T\narch: x86-64\nsteps:\n  - {kind: split, addr: 0x' + 'f' * 5000 + ', text: "x"}\n')
w('l-huge-decimal.yaml', 'title: T\narch: x86-64\nsteps:\n  - {kind: split, addr: 18446744073709551616, text: "x"}\n')

src = open(tracef).read()
top = src.split('events:')[0] + 'events:\n'
def notes(n):
    return top + ''.join('  - {seq: %d, kind: note, note: "n"}\n' % (i + 1) for i in range(n)) + 'end: %d\n' % n
w('t-50mb.yaml', notes(1250000))
w('t-100k-events.yaml', notes(100000))
w('t-80mb.yaml', notes(2000000))
w('t-nest-1e6.yaml', top + '  - {seq: 1, kind: note, note: ' + '[' * 1000000 + ']' * 1000000 + '}\nend: 1\n')
w('t-bomb.yaml', src.replace('  scenario: "demand"', '  scenario: &s "demand"').replace('note: "scenario demand"', 'note: *s'))
w('t-alias.yaml', src.replace('note: "scenario demand"', 'note: *s'))
w('t-10mb-line.yaml', top + '  - {seq: 1, kind: note, note: "' + 'x' * (10 << 20) + '"}\nend: 1\n')
w('t-bad-utf8.yaml', src.replace('note: "scenario demand"', 'note: "scenario \udcff"').encode('utf-8', 'surrogateescape'))
w('t-huge-number.yaml', src.replace('task-size: 0xc0000000', 'task-size: 0x' + 'f' * 5000))
w('t-huge-seq.yaml', src.replace('  - seq: 1\n', '  - seq: 99999999999999999999999\n', 1))

# A lesson can name one big trace in many replay steps: loaded once per
# lesson. Two different big traces together are over the per-lesson bound.
last = int(src.rstrip().rsplit('end: ', 1)[1])
def big(n):
    body = src.rstrip().rsplit('end: ', 1)[0]
    return body + ''.join('  - {seq: %d, kind: note, note: "n"}\n' % (last + 1 + i) for i in range(n)) + 'end: %d\n' % (last + n)
w('t-35mb-a.yaml', big(900000))
w('t-35mb-b.yaml', big(900000))
rp = '  - {kind: replay, trace: %s, first: do_anonymous_page/new_page, text: "{cr2}"}\n'
w('l-500-replays.yaml', head + rp % (d + '/t-35mb-a.yaml') * 500)
w('l-two-big-traces.yaml', head + rp % (d + '/t-35mb-a.yaml') + rp % (d + '/t-35mb-b.yaml'))
import os
os.symlink('t-35mb-a.yaml', d + '/t-35mb-link.yaml')
w('l-one-trace-two-names.yaml', head + rp % (d + '/t-35mb-a.yaml') + rp % (d + '/t-35mb-link.yaml') +
  rp % (d + '/./t-35mb-a.yaml'))
PY

L=$T
limited "lesson 50 MB: rejected as too large" 1 "l-50mb.yaml: file too large" check "$L/l-50mb.yaml"
limited "lesson 10^6 nested [: rejected (too large)" 1 "l-nest-1e6.yaml: file too large" check "$L/l-nest-1e6.yaml"
limited "lesson 400 000 nested [ (under the size limit): too deep at 3:" 1 "l-nest-deep.yaml:3:[0-9]*: nested too deeply" check "$L/l-nest-deep.yaml"
limited "lesson alias bomb: anchors refused at the first one" 1 "l-bomb.yaml:3:[0-9]*: anchors" check "$L/l-bomb.yaml"
limited "lesson alias: refused" 1 "l-alias.yaml:3:8: aliases" check "$L/l-alias.yaml"
limited "lesson 100 000 steps: rejected (too large)" 1 "l-100k-steps.yaml: file too large" check "$L/l-100k-steps.yaml"
limited "lesson 600 steps: too many steps, at the 501st" 1 "l-600-steps.yaml:504:5: too many steps" check "$L/l-600-steps.yaml"
limited "lesson 10 MB line: rejected (too large)" 1 "l-10mb-line.yaml: file too large" check "$L/l-10mb-line.yaml"
limited "lesson 20 KB string: string too long" 1 "l-long-string.yaml:4:[0-9]*: string too long" check "$L/l-long-string.yaml"
limited "lesson invalid UTF-8: located, byte shown escaped" 1 'l-bad-utf8.yaml:1:11: invalid UTF-8 (byte \\xff)' check "$L/l-bad-utf8.yaml"
limited "lesson 5000-digit number: does not fit 64 bits" 1 "l-huge-number.yaml:4:[0-9]*: .*does not fit 64 bits" check "$L/l-huge-number.yaml"
limited "lesson 2^64: does not fit 64 bits" 1 "l-huge-decimal.yaml:4:[0-9]*: .*does not fit 64 bits" check "$L/l-huge-decimal.yaml"

limited "lesson: 500 replay steps on one 35 MB trace load it once" 0 "" check "$L/l-500-replays.yaml"
limited "lesson: one 35 MB trace under three names counts once" 0 "" check "$L/l-one-trace-two-names.yaml"
limited "lesson: two 35 MB traces are over 64 MiB together, at the second" 1 "l-two-big-traces.yaml:5:[0-9]*: trace .*t-35mb-b.yaml: the traces this lesson replays are over 64 MiB together" check "$L/l-two-big-traces.yaml"

limited "trace 50 MB (1.25 M events): loads within 512 MB" 0 "" check "$L/t-50mb.yaml"
limited "trace 80 MB: rejected as too large" 1 "t-80mb.yaml: file too large" check "$L/t-80mb.yaml"
limited "trace 80 MB: dump refuses it too" 1 "t-80mb.yaml: file too large (over 64 MiB)" dump "$L/t-80mb.yaml"
limited "trace 100 000 events: dump prints them" 0 "" dump "$L/t-100k-events.yaml"
check_eq "trace 100 000 events: one line each" 100000 "$(grep -c '^[0-9]* note' "$T/out")"
limited "trace 10^6 nested [ in a note: expected a string" 1 "t-nest-1e6.yaml:28:[0-9]*: note: expected a string" check "$L/t-nest-1e6.yaml"
limited "trace anchor: refused" 1 "t-bomb.yaml:10:[0-9]*: anchors" check "$L/t-bomb.yaml"
limited "trace alias: refused" 1 "t-alias.yaml:33:[0-9]*: aliases" check "$L/t-alias.yaml"
limited "trace 10 MB line: loads" 0 "" check "$L/t-10mb-line.yaml"
limited "trace invalid UTF-8: located at its line and column" 1 "t-bad-utf8.yaml:33:21: not valid YAML" check "$L/t-bad-utf8.yaml"
limited "trace invalid UTF-8: dump fails the same way" 1 "t-bad-utf8.yaml:33:21: not valid YAML" dump "$L/t-bad-utf8.yaml"
limited "trace 5000-digit number: too big" 1 "t-huge-number.yaml:12:[0-9]*: task-size: number too big" check "$L/t-huge-number.yaml"
limited "trace 2^77 sequence number: too big" 1 "t-huge-seq.yaml:[0-9]*:[0-9]*: .*too big" check "$L/t-huge-seq.yaml"
