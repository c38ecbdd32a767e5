#!/usr/bin/env python3
"""Every counted message, rendered with 0, 1 and 2 in English and Finnish
(issue 13.6): a count that meets a word goes through ngettext, and no
rendering says "1 dots", "2 dot", "1 täplää" or "2 täplä".

Usage: plurals.py SRCDIR
The messages are extracted from the sources listed in po/POTFILES with
xgettext (as the catalog is); the Finnish comes from po/fi.po."""
import os
import re
import subprocess
import sys
import tempfile

# Count words: singular and plural forms, English then Finnish.
WORDS = {
    "en": [("dot", "dots"), ("person", "people"), ("participant", "participants"),
           ("note", "notes"), ("ballot", "ballots"), ("sheet", "sheets"),
           ("SWOT note", "SWOT notes"), ("line", "lines"), ("session", "sessions"),
           ("minute", "minutes"), ("vote", "votes"), ("has", "have")],
    "fi": [("täplä", "täplää"), ("henkilö", "henkilöä"),
           ("osallistuja", "osallistujaa"), ("merkintä", "merkintää"),
           ("SWOT-merkintä", "SWOT-merkintää"), ("ääni", "ääntä"),
           ("arkki", "arkkia"), ("rivi", "riviä"), ("istunto", "istuntoa"),
           ("minuutti", "minuuttia")],
}
COUNT_WORDS = "|".join(re.escape(w) for p in WORDS["en"] for w in p
                       if p[0] != "has")
# Counts that are never 1 where they meet a word: the upper end of a
# range or a fixed limit ("1 to %d sheets", "at most %d notes").
NEVER_ONE = (
    "Give two to %d session ids.",
    "At most %d notes go with one ballot.",
    "A session needs 1 to %d sheets",
    "A budget of %d dots is not possible: give 1 to %d.",
    "A column total must be 0 to %d dots.",
    "“%s” is not a column total: write LEVEL=DOTS or LEVEL=DOTS/PEOPLE, 0 to %d dots",
    "Groups of fewer than %d people",
    "A group must have at least %d people",
    "The ballot is for %d sheets; session %lld has %d.",
)
CONV = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.\d+)?(hh|h|ll|l|z|j|t)?([diouxXsfgc%])")


def parse_po(text):
    """Entries of a .po/.pot: dicts with msgid, msgid_plural, msgstr[...]."""
    entries, cur, key = [], {}, None
    for line in text.splitlines() + [""]:
        line = line.strip()
        if not line:
            if cur:
                entries.append(cur)
            cur, key = {}, None
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                cur["flags"] = line
            continue
        m = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d\])?)\s+"(.*)"$', line)
        if m:
            key = m.group(1)
            cur[key] = unescape(m.group(2))
        elif line.startswith('"') and key:
            cur[key] += unescape(line[1:-1])
    return [e for e in entries if e.get("msgid")]


def unescape(s):
    """A C string's escapes (\\n, \\t, \\", \\\\) resolved."""
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def render(fmt, n):
    """fmt with every number n and every string "X"."""
    def sub(m):
        c = m.group(2)
        if c == "%":
            return "%"
        if c == "s":
            return "X"
        if c in "fg":
            return str(n)
        return str(n)
    return CONV.sub(sub, fmt)


def bad(lang, text, n):
    """The wrong form of a count word after n in text, or None."""
    for one, many in WORDS[lang]:
        wrong = many if n == 1 else one
        right = one if n == 1 else many
        if wrong == right:
            continue
        # "1 dots", "2 dot " (but "2 dots" contains "2 dot": match whole words)
        if re.search(r"(?<![\d,.])%d %s(?![\wäöå-])" % (n, re.escape(wrong)), text):
            return "%d %s" % (n, wrong)
    return None


def main():
    src = sys.argv[1]
    files = [l.strip() for l in open(os.path.join(src, "po", "POTFILES"), encoding="utf-8")
             if l.strip() and not l.startswith("#")]
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "tapla.pot")
        subprocess.run(["xgettext", "--keyword=_", "--keyword=N_", "--keyword=P_:1,2",
                        "--from-code=UTF-8", "-o", pot] + files, cwd=src, check=True)
        msgs = parse_po(open(pot, encoding="utf-8").read())
    fi = {e["msgid"]: e for e in parse_po(open(os.path.join(src, "po", "fi.po"), encoding="utf-8").read())}
    problems = []
    for e in msgs:
        mid, plural = e["msgid"], e.get("msgid_plural")
        counted = re.search(r"%(?:l|ll|z)?d (?:" + COUNT_WORDS + r")\b", mid) is not None
        if not plural:
            if counted and not mid.startswith(NEVER_ONE):
                problems.append("not through ngettext: %r" % mid)
            continue
        tr = fi.get(mid)
        if not tr or not tr.get("msgstr[0]") or not tr.get("msgstr[1]"):
            problems.append("no Finnish plural forms for %r" % mid)
            continue
        for n in (0, 1, 2):
            for lang, fmt in (("en", mid if n == 1 else plural),
                              ("fi", tr["msgstr[0]"] if n == 1 else tr["msgstr[1]"])):
                out = render(fmt, n)
                w = bad(lang, out, n)
                if w:
                    problems.append("%s n=%d says %r: %r" % (lang, n, w, out))
    for p in problems:
        print(p)
    print("%d counted messages checked, %d problems" %
          (sum(1 for e in msgs if e.get("msgid_plural")), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
