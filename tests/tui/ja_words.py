#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every word a Japanese screen showed, checked (tests/tui/fit.sh).

Reads PAGEWALK_DRAWTEXT logs ("[WHERE] TEXT": every string drawn, source
lines aside) of runs with --lang ja and prints one line per problem:

- a word of docs/glossary-ja.md's "not" column (the glossary, extended
  from the files to what the screens really show);
- a full-width parenthesis （ or ）: the screens write ( ) as the lessons do,
  so one screen never mixes the two;
- an English word: one the English side of the program and the lessons
  uses (the English halves of TR(...), L(...), LJ(...) and of quiz_say
  pairs, the lessons' en texts) that no Japanese text uses. Identifiers
  (with _ . / or digits next to them), `code spans`, text in "double
  quotes" or 「」 (a kernel message, a recorded note quoted), all-capital
  names and the names of keys (Space, Enter, Left ...) are not words.

Exit status 1 when there is any problem. Usage: ja_words.py ROOT LOG...
"""
import glob
import re
import sys

import yaml

# names that are data, shown as they are typed: the scenarios of `pagewalk
# record --scenario` in the home menu's trace rows, and a flush event's
# reason (trace format 5's words)
DATA = {'all', 'demand', 'protection', 'vmalloc', 'fork', 'stack', 'munmap', 'thp', 'file',
        'pti', 'tlb', 'cow', 'mprotect', 'exit', 'other'}
KEYS = {'Space', 'Enter', 'Esc', 'Tab', 'Left', 'Right', 'Up', 'Down', 'Home', 'End',
        'PgUp', 'PgDn', 'Ctrl', 'Shift', 'Backspace'}
WORD = re.compile(r'(?<![\w./\\-])[A-Za-z]+(?:-[A-Za-z]+)*(?![\w(/.\\-])')


def words(text):
    text = re.sub(r'`[^`]*`', ' ', text)
    text = re.sub(r'"[^"]*"', ' ', text)
    text = re.sub(r'\u300c[^\u300d]*\u300d', ' ', text)
    text = re.sub(r'^(\u30c8\u30ec\u30fc\u30b9) \(.*\)$', ' ', text)   # トレース (the directory)
    return [w for w in WORD.findall(text) if not w.isupper() and w not in KEYS and w not in DATA]


def lesson_texts(x, lang):
    if isinstance(x, dict):
        for k, v in x.items():
            if k == lang and isinstance(v, str):
                yield v
            elif lang == 'en' and isinstance(v, str) and k in ('title', 'summary', 'heading', 'text', 'question'):
                yield v
            else:
                yield from lesson_texts(v, lang)
    elif isinstance(x, list):
        for v in x:
            yield from lesson_texts(v, lang)


def c_pairs(root):
    """(en, ja) string pairs of the C sources: TR(app, "en", "ja"), L(lang,
    "en", "ja"), LJ("en", "ja"), and adjacent literals joined."""
    en, ja = [], []
    lit = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'
    pair = re.compile(r'\b(?:TR|L|LJ)\s*\(\s*(?:[a-z>\-]+\s*,\s*)?' + lit + r',\s*' + lit + r'\)')
    for f in glob.glob(root + '/tui/**/*.c', recursive=True) + glob.glob(root + '/engine/**/*.c', recursive=True):
        src = open(f, encoding='utf-8').read()
        for m in pair.finditer(src):
            en.append(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))))
            ja.append(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))))
        for m in re.finditer(r'quiz_say\(g, LANG_(EN|JA),\s*' + lit, src):
            s = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
            (en if m.group(1) == 'EN' else ja).append(s)
    return en, ja


def main():
    root, logs = sys.argv[1], sys.argv[2:]
    en_texts, ja_texts = c_pairs(root)
    for f in sorted(glob.glob(root + '/lessons/*.yaml')):
        d = yaml.safe_load(open(f, encoding='utf-8'))
        en_texts += list(lesson_texts(d, 'en'))
        ja_texts += list(lesson_texts(d, 'ja'))
    japanese = {w.lower() for t in ja_texts for w in words(t)}
    english = {w.lower() for t in en_texts for w in words(t)} - japanese
    english = {w for w in english if len(w) >= 2 and '%' not in w}
    nots = []
    for line in open(root + '/docs/glossary-ja.md', encoding='utf-8'):
        m = re.match(r'^\| ([^|]*) \| ([^|]*) \| (`.*)\|\s*$', line)
        if m and not m.group(1).startswith('English'):
            nots += [(m.group(1).strip(), m.group(2).strip(), re.compile(p))
                     for p in re.findall(r'`([^`]*)`', m.group(3))]
    bad = {}      # (kind, word) -> [count, first example]

    def add(key, example):
        if key in bad:
            bad[key][0] += 1
        else:
            bad[key] = [1, example]
    for log in logs:
        for line in open(log, encoding='utf-8', errors='replace'):
            m = re.match(r'^\[([^\]]*)\] (.*)$', line.rstrip('\n'))
            if not m:
                continue
            where, text = m.groups()
            for w in words(text):
                if w.lower() in english:
                    add(('English', w), '%s: %s' % (where, text[:120]))
            if '\uff08' in text or '\uff09' in text:
                add(('full-width parenthesis', '（）'), '%s: %s' % (where, text[:120]))
            for en, ja, p in nots:
                if p.search(text):
                    add(('glossary: %s is %s, not' % (en, ja), p.pattern), '%s: %s' % (where, text[:120]))
    # one line per word: how often, and where first
    for (kind, w), (n, example) in sorted(bad.items()):
        print('%s "%s" (%d times), first at %s' % (kind, w, n, example))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
