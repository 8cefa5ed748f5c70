#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/traces/trace_or_lesson.sh - issue 16 items 9 and 10.
#
# One decision, made by the engine (trace_is_trace), says whether a file is a
# trace or a lesson, and every command takes it: a shipped trace rewritten in
# flow style, with CR-only line endings, as UTF-16, and with a 10 MB line is
# a good trace to `check` and `dump`, loads in `replay` (which then only
# lacks a terminal), and `lesson` says it is a trace. Also: the traces under
# tests/traces/good/ (x86-64 and LA57 faults with canonical upper-half ip and
# vmalloc addresses) load everywhere.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TRACE=traces/demand-2level-qemu.yaml

python3 - "$TRACE" "$tmp" <<'PY'
import json, sys, yaml
src, d = sys.argv[1], sys.argv[2]
text = open(src).read()
doc = yaml.safe_load(text)
open(d + '/flow.yaml', 'w').write(json.dumps(doc))
open(d + '/cr-only.yaml', 'w', newline='').write(text.replace('\n', '\r'))
open(d + '/utf16.yaml', 'wb').write(text.encode('utf-16'))
open(d + '/long-comment.yaml', 'w').write('# ' + 'x' * (10 << 20) + '\n' + text)
open(d + '/long-note.yaml', 'w').write(
    text.replace('note: "scenario demand"', 'note: "' + 'n' * (10 << 20) + '"', 1))
PY

events=$("$PAGEWALK" dump "$TRACE" | grep -vc '^# ')
for f in flow cr-only utf16 long-comment long-note; do
	p=$tmp/$f.yaml
	run_pw check -v "$p"
	check_eq "$f: check calls it a good trace" "0|$p: ok (trace)|" "$RC|$OUT|$ERR"
	run_pw dump "$p"
	check_eq "$f: dump loads it" "0|" "$RC|$ERR"
	check_eq "$f: dump prints every event" "$events" "$(printf '%s\n' "$OUT" | grep -vc '^# ')"
	run_pw replay "$p" </dev/null
	check_contains "$f: replay loads it (then wants a terminal)" \
	"$RC|$ERR" "1|pagewalk: the replayer needs a terminal"
	run_pw lesson "$p"
	check_eq "$f: lesson says it is a trace" \
		"1|$p: a pagewalk trace, not a lesson (open it with pagewalk replay)" "$RC|$ERR"
done

# a trace with invalid UTF-8 or a control byte far below its first key:
# check reports exactly what dump reports
printf 'pagewalk-trace: 1\n' >"$tmp/bad-bytes.yaml"
sed -e '1,/^pagewalk-trace/d' -e 's/note: "scenario demand"/note: "bad \xff byte"/' "$TRACE" >>"$tmp/bad-bytes.yaml"
run_pw dump "$tmp/bad-bytes.yaml"; dump_err=$ERR
run_pw check "$tmp/bad-bytes.yaml"
check_eq "invalid UTF-8 in a trace: check says what dump says" "1|$dump_err" "$RC|$ERR"
check_contains "invalid UTF-8 in a trace: a trace error, not a lesson one" "$ERR" "not valid YAML"

# a lesson is a lesson to every command
L=tests/tui/fixtures/lessons/basic.yaml
run_pw check -v "$L"
check_eq "lesson: check calls it a lesson" "0|$L: ok (lesson)" "$RC|$OUT"
run_pw dump "$L"
check_contains "lesson: dump says it is not a trace" "$RC|$ERR" "1|$L:"
check_contains "lesson: dump's reason" "$ERR" "not a pagewalk trace"

# ---- canonical addresses per arch (item 9) ----
for f in tests/traces/good/*.yaml; do
	run_pw dump "$f"
	check_eq "$(basename "$f"): dump loads it" "0|" "$RC|$ERR"
	run_pw check "$f"
	check_eq "$(basename "$f"): check accepts it" "0|" "$RC|$ERR"
done
run_pw dump tests/traces/good/x86-64-kernel-ip.yaml
check_contains "x86-64 kernel ip shown" "$OUT" "ip=0xffffffff81000000"
# ---- bidi and invisible characters in a note are shown by code point (item 7) ----
sed 's/note: "scenario demand"/note: "ev\\u202elive\\u2066 zw\\u200bsp bom\\ufeff"/' "$TRACE" >"$tmp/bidi.yaml"
run_pw dump "$tmp/bidi.yaml"
check_contains "bidi note: dump shows code points" "$OUT" "ev<U+202E>live<U+2066> zw<U+200B>sp bom<U+FEFF>"
if printf '%s' "$OUT" | od -An -tx1 | tr -d ' \n' | grep -qE 'e280ae|e281a6|e2808b|efbbbf'; then
	not_ok "bidi note: no raw U+202E/U+2066/U+200B/U+FEFF in dump"
else
	ok "bidi note: no raw U+202E/U+2066/U+200B/U+FEFF in dump"
fi
exit 0
