#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""tests/lessons/facts.py - kernel facts the lessons state, checked against
Linux 6.1's own source (extracted from linux-source-6.1 by facts.sh).

usage: facts.py SRC LESSONS_DIR   (SRC: the directory holding linux-source-6.1/)

Prints TAP lines, one per fact:
  lesson 06  pte_none(), pmd_none() (pud_none(), p4d_none()) ignore A and
             D: they mask out _PAGE_KNL_ERRATUM_MASK, which
             pgtable_types.h makes D|A on x86-64 and PAE and 0 otherwise;
             pgd_none() does not mask it
  lesson 07  the error-code bits' names and numbers are enum
             x86_pf_error_code's in trap_pf.h, in both languages
  lesson 08  the oops line quoted for 6.1 is show_fault_oops()'s in
             arch/x86/mm/fault.c
  lesson 11  HPAGE_PMD_SHIFT is PMD_SHIFT (include/linux/huge_mm.h);
             PTI_USER_PGTABLE_MASK is (1 << PTI_USER_PGTABLE_BIT), that
             bit PAGE_SHIFT (arch/x86/entry/calling.h); its PTI quizzes'
             pgds are the kernel's copy and the page after it, as in the
             shipped PTI trace; the user copy's own pgd[511] is linked
             with _KERNPG_TABLE, which has no _USR, and pgd[508] is
             CPU_ENTRY_AREA_PGD (-4), cloned by pti_clone_p4d (arch/x86/mm/
             pti.c, pgtable_types.h, pgtable_64_types.h), as the shipped
             trace's user-top has them
Each lesson's own words are read from its YAML (python3-yaml), so a lesson
that says something else fails here.
"""
import os
import re
import sys

import yaml

TOP = "linux-source-6.1"


def tap(good, name, diags=()):
    """One TAP line; the diagnostics (each line "# ") only on a failure."""
    print(("ok - " if good else "not ok - ") + name)
    for d in () if good else diags:
        for line in str(d).split("\n"):
            print("# " + line)


def source(src, path):
    with open(os.path.join(src, TOP, path), encoding="utf-8", errors="replace") as f:
        return f.read()


def function(text, name):
    """The body of C function name: the lines between the "{" after its
    definition's first line and the next lone "}"; "" when the file
    defines no such function."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"^(?:[a-z_].*[ *])?%s\(" % re.escape(name), line) and \
                not line.rstrip().endswith(";"):
            j = next((k for k in range(i + 1, min(i + 4, len(lines))) if lines[k] == "{"), None)
            if j is not None and "}" in lines[j:]:
                return "\n".join(lines[j + 1:lines.index("}", j)])
    return ""


def lesson(dirname, prefix):
    for f in sorted(os.listdir(dirname)):
        if f.startswith(prefix) and f.endswith(".yaml"):
            with open(os.path.join(dirname, f), encoding="utf-8") as fh:
                return f, yaml.safe_load(fh)
    raise SystemExit("no lesson %s* in %s" % (prefix, dirname))


def texts(doc, lang):
    """Every step's text in lang, in order."""
    for st in doc.get("steps", []):
        t = st.get("text")
        if isinstance(t, dict) and lang in t:
            yield t[lang]


def step_with(doc, lang, needle):
    """The first step text in lang holding needle, as written."""
    return next((t for t in texts(doc, lang) if needle in t), "")


def flat(text, lang):
    """text with its line breaks gone (a space in English, nothing in
    Japanese), so a phrase is found wherever the lines were wrapped."""
    return text.replace("\n", " " if lang == "en" else "")


def check_06(src, lessons):
    """pte_none/pmd_none mask A and D on PAE and x86-64."""
    name, doc = lesson(lessons, "06-")
    pgt = source(src, "arch/x86/include/asm/pgtable.h")
    types = source(src, "arch/x86/include/asm/pgtable_types.h")
    mask = "_PAGE_KNL_ERRATUM_MASK"
    m = re.search(r"#if defined\(CONFIG_X86_64\) \|\| defined\(CONFIG_X86_PAE\)\n"
                  r"#define %s \(_PAGE_DIRTY \| _PAGE_ACCESSED\)\n#else\n#define %s 0\n#endif"
                  % (mask, mask), types)
    tap(bool(m), "6.1 pgtable_types.h: %s is D|A on x86-64 and PAE, 0 otherwise" % mask)
    for fn in ("pte_none", "pmd_none", "pud_none", "p4d_none"):
        body = function(pgt, fn)
        tap(mask in body, "6.1 pgtable.h: %s() masks out %s" % (fn, mask), [body.strip()[:200]])
    body = function(pgt, "pgd_none")
    tap(body and mask not in body,
        "6.1 pgtable.h: pgd_none() does not mask it")
    for lang, words in (("en", ("`pte_none()`", mask, "PAE", "x86-64", "2-level", "A or D")),
                        ("ja", ("`pte_none()`", mask, "PAE", "x86-64", "2段", "A や D"))):
        t = flat(step_with(doc, lang, "`pte_present()`"), lang)
        missing = [w for w in words if w not in t]
        tap(t and not missing and "whole entry zero" not in t and "全体が 0 か" not in t,
            "%s (%s): pte_none() is said to ignore A and D on PAE and x86-64 only" % (name, lang),
            ["missing: %s" % missing] if missing else [])
        t = flat(step_with(doc, lang, "`pmd_none()` "), lang)
        want = "ignores A and D" if lang == "en" else "A と D を無視"
        tap(want in t, "%s (%s): pmd_none() is said to ignore A and D too" % (name, lang))
        t = flat(step_with(doc, lang, "`pgtable_l5_enabled()`"), lang)
        want = "does not ignore A and D" if lang == "en" else "A と D を無視しません"
        tap(want in t and "`pud_none()`" in t and "`p4d_none()`" in t,
            "%s (%s): pgd_none() is said not to ignore them, unlike pud_none() and "
            "p4d_none()" % (name, lang))


def check_07(src, lessons):
    """The error-code bits' names are trap_pf.h's."""
    name, doc = lesson(lessons, "07-")
    text = source(src, "arch/x86/include/asm/trap_pf.h")
    enum = re.search(r"enum x86_pf_error_code \{(.*?)\};", text, re.S)
    bits = [(n, int(b)) for n, b in re.findall(r"(X86_PF_\w+)\s*=\s*1 << (\d+),",
                                               enum.group(1) if enum else "")]
    tap(len(bits) >= 7, "6.1 trap_pf.h: enum x86_pf_error_code read (%d names)" % len(bits))
    for lang, later in (("en", "Later kernels"), ("ja", "もっと新しいカーネル")):
        t = step_with(doc, lang, "enum x86_pf_error_code")
        listed = [(n, int(b)) for b, n in
                  re.findall(r"^- (?:bit|ビット) (\d+)(?:, |、)`(X86_PF_\w+)`", t, re.M)]
        tap(listed == [(n, b) for n, b in bits],
            "%s (%s): the bits listed for 6.1 are trap_pf.h's names and numbers, in order"
            % (name, lang), ["lesson %s" % listed, "6.1    %s" % bits])
        others = set(re.findall(r"X86_PF_\w+", t)) - {n for n, _ in bits}
        where = t.find(later)
        tap(all(where >= 0 and t.find(o) > where for o in others),
            "%s (%s): a name 6.1 lacks (%s) is said to be a later kernel's"
            % (name, lang, ", ".join(sorted(others)) or "none"))


def check_08(src, lessons):
    """The oops line quoted for 6.1 is show_fault_oops()'s."""
    name, doc = lesson(lessons, "08-")
    body = function(source(src, "arch/x86/mm/fault.c"), "show_fault_oops")
    formats = re.findall(r'pr_alert\("([^"\\]*)', body)
    for lang in ("en", "ja"):
        t = flat(step_with(doc, lang, "show_fault_oops()"), lang)
        quoted = re.findall(r"[\"「](BUG: [^\"」]*)[\"」]", t)
        tap(quoted and all(any(f.startswith(q) for f in formats) for q in quoted),
            "%s (%s): the oops line quoted (%s) is a pr_alert of 6.1's show_fault_oops()"
            % (name, lang, "; ".join(quoted) or "none"), ["6.1: %s" % formats])
        tap("arch/x86/mm/fault.c" in t, "%s (%s): names the file" % (name, lang))
    every = "\n".join(list(texts(doc, "en")) + list(texts(doc, "ja")))
    tap("kernel paging request" not in every,
        "%s: 2.6's \"unable to handle kernel paging request\" is not quoted for 6.1" % name)


def check_11(src, lessons):
    """Lesson 11: HPAGE_PMD_SHIFT is PMD_SHIFT (include/linux/huge_mm.h),
    PTI_USER_PGTABLE_MASK is 1 << PTI_USER_PGTABLE_BIT and that bit
    PAGE_SHIFT (arch/x86/entry/calling.h), in both languages; its two PTI
    quizzes' tables are the kernel's copy and the page after it (the
    user's), as the shipped PTI trace's faults have them."""
    name, doc = lesson(lessons, "11-")
    hmm = source(src, "include/linux/huge_mm.h")
    calling = source(src, "arch/x86/entry/calling.h")
    facts = [
        ("HPAGE_PMD_SHIFT", "PMD_SHIFT",
         re.search(r"#define HPAGE_PMD_SHIFT PMD_SHIFT\b", hmm)),
        ("PTI_USER_PGTABLE_MASK", "(1 << PTI_USER_PGTABLE_BIT)",
         re.search(r"#define PTI_USER_PGTABLE_MASK\s+\(1 << PTI_USER_PGTABLE_BIT\)", calling)),
        ("PTI_USER_PGTABLE_BIT", "PAGE_SHIFT",
         re.search(r"#define PTI_USER_PGTABLE_BIT\s+PAGE_SHIFT\b", calling)),
    ]
    for lang in ("en", "ja"):
        every = flat("\n".join(texts(doc, lang)), lang)
        for macro, value, in_src in facts:
            says = "`%s`" % macro in every and "`%s`" % value in every
            tap(says and bool(in_src), "%s (%s): %s is %s, as Linux 6.1 defines it"
                % (name, lang, macro, value), ["the lesson says it: %s; 6.1 defines it: %s"
                                               % (says, bool(in_src))])
    pti = [st for st in doc["steps"] if st.get("kind") == "quiz" and st.get("ask") == "entry"]
    user = [st for st in pti if st.get("user")]
    kern = [st for st in pti if not st.get("user")]
    ok = len(user) == 1 and len(kern) == 1 and \
        user[0]["tables_at"] == kern[0]["tables_at"] + (1 << 12)
    tap(ok, "%s: the user-mode quiz walks the page after the kernel-mode quiz's pgd "
        "(PTI_USER_PGTABLE_MASK, PAGE_SHIFT 12)" % name,
        ["tables_at: user %s, kernel %s" % ([q.get("tables_at") for q in user],
                                            [q.get("tables_at") for q in kern])])
    trace = os.path.join(os.path.dirname(os.path.abspath(lessons)), "traces",
                         "linux-pti-4level-qemu.yaml")
    if not os.path.exists(trace):
        trace = os.path.join("traces", "linux-pti-4level-qemu.yaml")
    with open(trace, encoding="utf-8") as fh:
        t = yaml.safe_load(fh)
    first = next(e for e in t["events"] if e["kind"] == "fault" and e["cpl"] == 3)
    tap(ok and first["cr3"] == kern[0]["tables_at"] and
        first.get("user-cr3") == user[0]["tables_at"],
        "%s: the quizzes' two pgds are the shipped PTI trace's (cr3 %#x, user-cr3 %#x)"
        % (name, first["cr3"], first.get("user-cr3") or 0))
    check_11_top(src, name, doc, t)


def check_11_top(src, name, doc, t):
    """Lesson 11's kernel half of the user copy: pti_user_pagetable_walk_p4d()
    links the user copy's own table with `_KERNPG_TABLE` (arch/x86/mm/pti.c),
    which has no _USR (pgtable_types.h); pti_clone_p4d() is called for
    CPU_ENTRY_AREA_BASE, whose CPU_ENTRY_AREA_PGD is -4 (pgtable_64_types.h),
    pgd[508] of 512; in both languages; and the shipped PTI trace's user-top
    has them: pgd[511] the user copy's own without US, pgd[508] the same."""
    pti = source(src, "arch/x86/mm/pti.c")
    types = source(src, "arch/x86/include/asm/pgtable_types.h")
    t64 = source(src, "arch/x86/include/asm/pgtable_64_types.h")
    walk = re.search(r"static p4d_t \*pti_user_pagetable_walk_p4d\(.*?\n}\n", pti, re.S)
    kern = re.search(r"#define _KERNPG_TABLE\s+\(([^)]*)\)", types)
    cea = re.search(r"#define CPU_ENTRY_AREA_PGD\s+_AC\((-?\d+), UL\)", t64)
    in_src = bool(walk and "set_pgd(pgd, __pgd(_KERNPG_TABLE | __pa(new_p4d_page)))" in
                  walk.group(0) and kern and "_USR" not in kern.group(1) and cea and
                  cea.group(1) == "-4" and "pti_clone_p4d(CPU_ENTRY_AREA_BASE);" in pti)
    for lang in ("en", "ja"):
        every = flat("\n".join(texts(doc, lang)), lang)
        says = all(w in every for w in ("`_KERNPG_TABLE`", "`CPU_ENTRY_AREA_PGD`", "`-4`",
                                        "pgd[511]", "pgd[508]", "pti_user_pagetable_walk_p4d()",
                                        "pti_clone_p4d()", "arch/x86/mm/pti.c"))
        tap(says and in_src, "%s (%s): the user copy's own pgd[511] (_KERNPG_TABLE, no US) and "
            "the shared pgd[508] (CPU_ENTRY_AREA_PGD -4), as Linux 6.1 has them" % (name, lang),
            ["the lesson says it: %s; 6.1 has it: %s" % (says, in_src)])
    bad = []
    for e in t["events"]:
        if e["kind"] != "fault" or e["cpl"] != 3:
            continue
        by = {x["index"]: x for x in e.get("user-top", [])}
        own, shared = by.get(511, {}), by.get(508, {})
        if not own.get("user") or own["user"] & 4 or own.get("kernel", 0) >> 12 == own["user"] >> 12 \
                or not shared.get("user") or shared.get("kernel") != shared["user"]:
            bad.append(e["seq"])
    tap(not bad, "%s: the shipped PTI trace's user-top has them at every user-mode fault "
        "(pgd[511] the user copy's own without US, pgd[508] the same)" % name,
        ["faults that do not: %s" % bad])


def main():
    src, lessons = sys.argv[1], sys.argv[2]
    check_06(src, lessons)
    check_07(src, lessons)
    check_08(src, lessons)
    check_11(src, lessons)
    return 0


if __name__ == "__main__":
    sys.exit(main())
