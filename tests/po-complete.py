#!/usr/bin/env python3
"""A Finnish machine gets Finnish (issue 13.7): every message the sources
mark for translation has its Finnish in po/fi.po (a key cap that stays the
same is translated as itself), and every source that marks one is in
po/POTFILES. An untranslated message is printed in English under
LANG=fi_FI.UTF-8, as the refusal of a database in /tmp once was. And
po/fi.po holds nothing else: an entry whose msgid no longer occurs in
the sources (or one already marked obsolete, #~) is dead weight a
translator would keep polishing (issue 13.6). The agreement score has one
Finnish term, "kannatusluku"; its short form "Kannatus" heads only the
narrow score column ("Score") or stands beside the term it abbreviates.

Usage: po-complete.py SRCDIR"""
import os
import re
import subprocess
import sys
import tempfile

MARK = re.compile(r'\b(?:N_|P_|_)\("')


def sources_not_listed(src):
    """The .c files under src/ that mark a message but are not in POTFILES."""
    with open(os.path.join(src, "po", "POTFILES"), encoding="utf-8") as f:
        listed = {line.strip() for line in f if line.strip()}
    missing = []
    for name in sorted(os.listdir(os.path.join(src, "src"))):
        path = "src/" + name
        if not name.endswith(".c") or path in listed:
            continue
        with open(os.path.join(src, path), encoding="utf-8") as f:
            if MARK.search(f.read()):
                missing.append(path)
    return missing


def msgid_before(lines, n):
    """The msgid of the entry whose msgstr msgcmp names at line n (1-based)
    of a .pot, as one line."""
    i = n - 1
    while i > 0 and not lines[i].startswith("msgid "):
        i -= 1
    text = [lines[i][6:].strip()]
    for line in lines[i + 1:]:
        if not line.startswith('"'):
            break
        text.append(line.strip())
    return "".join(t[1:-1] for t in text)


def fresh_pot(src, tmp):
    """The catalog template of the sources in po/POTFILES, as meson's
    update-po would extract it; returns its path."""
    pot = os.path.join(tmp, "tapla.pot")
    subprocess.run(["xgettext", "--keyword=_", "--keyword=N_",
                    "--keyword=P_:1,2", "--from-code=UTF-8", "-o", pot,
                    "-f", "po/POTFILES"], cwd=src, check=True)
    return pot


def untranslated(src):
    """The messages used in the sources that po/fi.po does not translate
    (missing, empty or fuzzy), as msgcmp finds them."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = fresh_pot(src, tmp)
        r = subprocess.run(["msgcmp", "po/fi.po", pot], cwd=src,
                           capture_output=True, text=True)
        with open(pot, encoding="utf-8") as f:
            lines = f.read().splitlines()
    bad = []
    for line in r.stderr.splitlines():
        m = re.match(re.escape(pot) + r":(\d+): this message is used but not", line)
        if m:
            bad.append(msgid_before(lines, int(m.group(1))))
    if r.returncode != 0 and not bad:
        bad.append("msgcmp failed: " + r.stderr.strip())
    return bad


def unused(src):
    """The msgids of po/fi.po that the sources no longer use: merged
    against a fresh template (no fuzzy guesses), they are the obsolete
    entries."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = fresh_pot(src, tmp)
        merged = os.path.join(tmp, "fi.po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching",
                        "-o", merged, "po/fi.po", pot], cwd=src, check=True)
        r = subprocess.run(["msgattrib", "--only-obsolete", "--no-wrap",
                            merged], capture_output=True, text=True,
                           check=True)
    ids, parts = [], None
    for line in r.stdout.splitlines():
        if line.startswith("#~ msgid "):
            parts = [line[len("#~ msgid "):]]
        elif parts is not None and line.startswith('#~ "'):
            parts.append(line[len("#~ "):])
        elif parts is not None:
            ids.append('"' + "".join(q[1:-1] for q in parts) + '"')
            parts = None
    return ids


def entries(path):
    """The (msgid, msgstr) pairs of a .po file's live entries, each as one
    line of PO-escaped text (the plural forms' msgstrs joined by "|")."""
    out, key, cur = [], None, {}

    def flush():
        if cur:
            strs = [v for k, v in sorted(cur.items()) if k.startswith("msgstr")]
            out.append((cur.get("msgid", ""), "|".join(strs)))
        cur.clear()

    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            m = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                key = m.group(1)
                if key == "msgid":
                    flush()
                cur[key] = cur.get(key, "") + m.group(2)
            elif line.startswith('"') and key:
                cur[key] += line[1:-1]
            else:
                key = None
    flush()
    return out


def term_mismatches(src):
    """The entries that name the agreement score otherwise than
    "kannatusluku": a message about the agreement score translated
    without it, or the short "kannatus" where neither the column head
    nor a definition beside the term."""
    bad = []
    for msgid, msgstr in entries(os.path.join(src, "po", "fi.po")):
        if not msgid:
            continue
        full = "kannatuslu" in msgstr.lower()
        short = re.search(r"kannatus(?!lu)", msgstr, re.I)
        if "agreement score" in msgid.lower() and not full:
            bad.append(f'"{msgid}" is "{msgstr}": say "kannatusluku"')
        elif short and not full and msgid != "Score":
            bad.append(f'"{msgid}" is "{msgstr}": "kannatus" is the score '
                       'column\'s head only; say "kannatusluku"')
    return bad


def main():
    src = sys.argv[1]
    missing = sources_not_listed(src)
    for path in missing:
        print(f"{path} marks messages but is not in po/POTFILES")
    bad = untranslated(src)
    for msgid in bad:
        print(f'no Finnish in po/fi.po for "{msgid}"')
    stale = unused(src)
    for msgid in stale:
        print(f"po/fi.po translates {msgid}, which no source uses any more: "
              "remove it")
    terms = term_mismatches(src)
    for line in terms:
        print("po/fi.po: " + line)
    return 1 if missing or bad or stale or terms else 0


if __name__ == "__main__":
    sys.exit(main())
