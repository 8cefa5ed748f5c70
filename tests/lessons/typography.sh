#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Typography of the lessons' words, as a learner reads them (code spans
# aside): no space before a full stop, comma, semicolon or colon, no two
# spaces inside a line; no
# paragraph of a step's text ending mid-sentence (a stray blank line that
# cuts a sentence in two); in Japanese no space after 、 or 。 inside a
# line and none before them, and the half-width parentheses the lessons use
# (never （）). The checker is shown to catch each kind on a planted copy.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

cat >"$T/typo.py" <<'PY'
import re, sys, yaml

def texts(x, path=''):
    """(path, lang, text) of every text field: title, summary, heading, text,
    question, hints, in English and Japanese."""
    if isinstance(x, dict):
        for k, v in x.items():
            if k in ('en', 'ja') and isinstance(v, str):
                yield path, k, v
            elif isinstance(v, str) and k in ('title', 'summary', 'heading', 'text', 'question'):
                yield path + '/' + str(k), 'en', v
            else:
                yield from texts(v, path + '/' + str(k))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from texts(v, path + '/' + str(i))

bad = 0
for f in sys.argv[1:]:
    for path, lang, t in texts(yaml.safe_load(open(f, encoding='utf-8'))):
        flat = re.sub(r'`[^`]*`', '`c`', t)
        where = '%s %s (%s)' % (f, path, lang)
        if '/text' in path:
            paras = [p.strip() for p in re.split(r'\n\s*\n', t) if p.strip()]
            for para in paras[:-1]:
                last = para.splitlines()[-1].strip()
                if last.startswith(('-', '*', '\u2022')) or re.match(r'\d+\. ', last):
                    continue
                if not re.search(r'[.:?!)`\u3002\u300d]$', last):
                    print('%s: a paragraph ends mid-sentence: ...%s' % (where, last[-40:]))
                    bad += 1
        for m in re.finditer(r'[^ \n]  +[^ \n]', flat):
            print('%s: two spaces inside a line: %r' % (where, flat[max(0, m.start() - 20):m.end() + 5]))
            bad += 1
        for m in re.finditer(r'[^ \n] [.,;:](?=\s|$)', flat):
            print('%s: a space before punctuation: %r' % (where, flat[max(0, m.start() - 20):m.end() + 5]))
            bad += 1
        if lang == 'ja':
            for m in re.finditer(r'[\u3001\u3002] (?=\S)| [\u3001\u3002]|[\uff08\uff09]', flat):
                print('%s: Japanese spacing or full-width parenthesis: %r' % (where, flat[max(0, m.start() - 15):m.end() + 10]))
                bad += 1
sys.exit(1 if bad else 0)
PY

out=$(/usr/bin/python3 "$T/typo.py" lessons/*.yaml 2>&1)
if [ -z "$out" ]; then ok "lessons: typography of every text field, en and ja"
else not_ok "lessons: typography of every text field, en and ja"; diag "$out"; fi

# the checker catches each kind (planted in a copy of lesson 01)
plant() {   # NAME SED-SCRIPT WANT
	sed "$2" lessons/01-pages-and-addresses.yaml >"$T/planted.yaml"
	if cmp -s lessons/01-pages-and-addresses.yaml "$T/planted.yaml"; then
		not_ok "witness: $1 (the plant changed nothing)"; return
	fi
	out=$(/usr/bin/python3 "$T/typo.py" "$T/planted.yaml" 2>&1)
	check_contains "witness: $1" "$out" "$3"
}
plant "a space before a full stop" '0,/\([a-z]\)\. /s//\1 . /' "a space before punctuation"
plant "two spaces inside a line" 's/Paging is the step where/Paging is the  step where/' "two spaces"
plant "a paragraph cut mid-sentence" '0,/^        \([A-Z][a-z]* [a-z]*\) /s//        \1\n\n        /' "ends mid-sentence"
plant "a space after 、" '0,/、\([^ ]\)/s//、 \1/' "Japanese spacing"
plant "a full-width parenthesis" "s/線形アドレス(フラット/線形アドレス（フラット/" "full-width"
