# SPDX-License-Identifier: GPL-2.0-only
"""tests/lint_waits.py - the suites' waiting rules, checked in their text.

    /usr/bin/python3 tests/lint_waits.py FILE...

Prints one line per broken rule, "FILE:LINE: rule: the line", and exits 1
when there is any (0 when none). tests/cli/waits.sh runs it over every
suite script; tests/README.md ("Waiting") explains the rules:

  sleep     no `sleep` as a command: a test waits by polling for what it
            waits for (lib.sh's poll and the waits built on it). Text in
            quotes is not a command here (a fake emulator's script, the
            command a tmux pane runs); a line that must sleep for another
            reason says why in a comment starting "not a wait:".
  probe     a probe (poll, on_screen, on_prose, ...) returns a status and
            prints nothing: its status must be used (if, while, until, !,
            &&, ||, or returned as the last command of a function).
  hidden    a wait or a check whose output is thrown away (>/dev/null) or
            captured ($(...)) would hide its "not ok" line (a test of the
            helpers themselves says "output checked:" in a comment).
  either    a reporting wait with an alternative after it (wait_for A ||
            wait_for B): the first prints "not ok" when B is what came
            (poll 10 on_any A B, or wait_any, waits for either).
  instant   (tests/tui) after keys, a start or a signal, the screen is read
            at once (tui_screen, check_not_screen, a helper that reads it)
            before any wait has shown the program took them.
"""
import re
import sys

PROBES = {"poll", "on_screen", "off_screen", "on_screen_re", "on_prose", "on_joined",
          "on_any", "on_unspaced", "screen_is", "screen_is_not", "proc_stopped", "press_until"}
REPORTERS = {"wait_for", "wait_gone", "wait_any", "wait_until", "keys_until", "check",
             "check_eq", "check_contains", "check_run", "check_screen", "check_prose",
             "check_not_screen", "check_poll", "check_keys", "ok", "not_ok"}
SENDERS = {"tui_keys", "tui_start", "kill"}
WAITERS = {"poll", "wait_for", "wait_gone", "wait_any", "wait_until", "keys_until",
           "press_until", "check_keys", "check_screen", "check_prose", "check_poll"}
READERS = {"tui_screen", "capture-pane", "check_not_screen", "on_screen", "off_screen",
           "on_screen_re", "on_prose", "on_joined", "on_any", "on_unspaced", "screen_is",
           "screen_is_not", "tui_prose", "show_screen"}
WORD = re.compile(r"(?<![\w.-])([A-Za-z_][\w-]*)(?![\w-])")


def split_lines(text):
    """Each line as (number, code, bare, comment, dq): code without its
    comment, bare also without quoted text, dq without single-quoted text
    only; lines of here-documents are left out."""
    out = []
    quote = None               # None, "'" or '"'
    heredoc = None
    for n, line in enumerate(text.split("\n"), 1):
        if heredoc is not None:
            if line.strip("\t") == heredoc:
                heredoc = None
            continue
        code, bare, dq, comment = [], [], [], ""
        i = 0
        while i < len(line):
            c = line[i]
            if quote == "'":
                code.append(c)
                bare.append(" ")
                dq.append(" ")
                if c == "'":
                    quote = None
            elif quote == '"':
                code.append(c)
                bare.append(" ")
                dq.append(c)
                if c == "\\" and i + 1 < len(line):
                    code.append(line[i + 1])
                    bare.append(" ")
                    dq.append(line[i + 1])
                    i += 1
                elif c == '"':
                    quote = None
            elif c == "\\" and i + 1 < len(line):
                code.append(line[i:i + 2])
                bare.append(line[i:i + 2])
                dq.append(line[i:i + 2])
                i += 1
            elif c in "'\"":
                quote = c
                code.append(c)
                bare.append(" ")
                dq.append(" " if c == "'" else c)
            elif c == "#" and (i == 0 or line[i - 1] in " \t;"):
                comment = line[i:]
                break
            else:
                code.append(c)
                bare.append(c)
                dq.append(c)
            i += 1
        code, bare, dq = "".join(code), "".join(bare), "".join(dq)
        # the delimiter is read from code: quoted ('FAKE') it is blank in bare
        m = re.search(r"<<-?", bare)
        m = m and re.match(r"\s*['\"]?(\w+)['\"]?", code[m.end():])
        if m and quote is None:
            heredoc = m.group(1)
        out.append((n, code, bare, comment, dq))
    return out


def segments(bare):
    """The simple commands of a line: split at ; & | ( ) { } and the
    keywords that start a command."""
    parts = re.split(r";|&&|\|\||[|&(){}]|`", bare)
    for p in parts:
        p = re.sub(r"^\s*((then|do|else|elif|if|while|until|!)\s+)*", "", p)
        if p.strip():
            yield p


def functions(lines):
    """name -> (first line index, last line index) of each function body."""
    found = {}
    i = 0
    while i < len(lines):
        _, code, bare, _, _ = lines[i]
        m = re.match(r"\s*([A-Za-z_]\w*)\s*\(\)\s*\{?", bare)
        if m:
            name = m.group(1)
            if re.search(r"\}\s*$", bare) and bare.count("{") <= bare.count("}"):
                found[name] = (i, i)          # a one-line function
            else:
                j = i + 1
                while j < len(lines) and not re.match(r"\}", lines[j][2]):
                    j += 1
                found[name] = (i, j)
                i = j
        i += 1
    return found


def events(code, kinds):
    """The waiting-relevant words of a line, in order: (kind, word)."""
    ev = []
    for m in WORD.finditer(code):
        w = m.group(1)
        if w == "tui" and re.match(r"tui\s+(resize-window|send-keys)", code[m.start():]):
            ev.append(("send", w))
        elif w == "tui" and re.match(r"tui\s+(capture-pane|display)", code[m.start():]):
            ev.append(("read", w))
        elif w in kinds:
            ev.append((kinds[w], w))
    return ev


def lint(path, text):
    lines = split_lines(text)
    problems = []
    tui_script = "/tui/" in path and path.endswith(".sh")

    def say(n, rule, code):
        problems.append("%s:%d: %s: %s" % (path, n, rule, code.strip()))

    for k, (n, code, bare, comment, dq) in enumerate(lines):
        segs = list(segments(bare))
        sleeps = any(re.match(r"\s*((exec|env|timeout\s+\S+|command)\s+)*sleep(\s|$)", g) for g in segs)
        if sleeps and "not a wait:" not in comment:
            say(n, "sleep", code)
        for s, seg in enumerate(segs):
            first = seg.split()[0] if seg.split() else ""
            if first not in PROBES:
                continue
            if re.match(r"\s*[A-Za-z_]\w*\s*\(\)", bare):
                continue                      # a definition's name
            if re.search(r"&&|\|\||(^|\s)(if|while|until|!)\s", bare):
                continue
            rest = lines[k + 1:]
            last = s == len(segs) - 1
            nxt = next((b for _, _, b, _, _ in rest if b.strip()), "")
            if (last and re.match(r"\s*\}", nxt)) or re.search(re.escape(seg) + r"\s*;?\s*\}\s*$", bare):
                continue                      # returned by its function
            say(n, "probe", code)
        for seg in re.split(r";|&&|\|\||\|", bare):
            seg = re.sub(r"^\s*((then|do|else|elif|if|while|until|!|\{|\()\s*)*", "", seg)
            words = seg.split()
            if (words and words[0] in REPORTERS and "output checked:" not in comment
                    and re.search(r"(?<![0-9&])>\s*/dev/null|>&-", seg)):
                say(n, "hidden", code)
                break
        if re.search(r"(?<![\w-])(wait_for|wait_gone|wait_any|wait_until|keys_until)(?![\w-])[^;&|]*\|\|\s*"
                     r"(wait_\w+|keys_until|poll|on_\w+|press_until)(?![\w-])", bare):
            say(n, "either", code)
        if (re.search(r"\$\(\s*(%s)\b" % "|".join(sorted(REPORTERS - {"ok", "not_ok"})), dq)
                and "output checked:" not in comment):
            say(n, "hidden", code)

    if not tui_script:
        return problems
    # instant: classify the script's own functions by what their bodies do
    kinds = {w: "send" for w in SENDERS}
    kinds.update({w: "read" for w in READERS})
    kinds.update({w: "wait" for w in WAITERS})
    funcs = functions(lines)
    summary = {}
    for _ in range(3):                        # helpers calling helpers
        for name, (a, b) in funcs.items():
            ev = []
            for _, code, _, _, _ in lines[a:b + 1]:
                body = re.sub(r"^\s*[A-Za-z_]\w*\s*\(\)\s*", "", code) if a == b else code
                ev += events(body, kinds)
            ev = [e for e in ev if e[1] != name]
            first = next((e[0] for e in ev if e[0] in ("read", "wait")), None)
            lastsend = max([i for i, e in enumerate(ev) if e[0] == "send"], default=-1)
            lastwait = max([i for i, e in enumerate(ev) if e[0] == "wait"], default=-1)
            if first == "wait" or (lastwait >= 0 and first != "read"):
                kind = "wait" if lastwait > lastsend else "send"
            elif first == "read":
                kind = "read"
            elif lastsend >= 0:
                kind = "send"
            else:
                continue
            summary[name] = kind
        for name, kind in summary.items():
            if name not in SENDERS | READERS | WAITERS:
                kinds[name] = kind
    owner = {}
    for name, (a, b) in funcs.items():
        for k in range(a, b + 1):
            owner[k] = name
    pending = {None: False}                   # the script's flow, and each body's
    for k, (n, code, bare, _, _) in enumerate(lines):
        where = owner.get(k)
        if where is not None and funcs[where][0] == k:
            pending[where] = False
            code = re.sub(r"^\s*[A-Za-z_]\w*\s*\(\)\s*", "", code)
        for kind, w in events(code, kinds):
            if w == where:
                continue
            if kind == "send":
                pending[where] = True
            elif kind == "wait":
                pending[where] = False
            elif kind == "read" and pending[where]:
                say(n, "instant", code)
                pending[where] = False
                break
    return problems


def main(argv):
    problems = []
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            problems += lint(path, f.read())
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
