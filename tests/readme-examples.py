#!/usr/bin/python3
"""The README's examples run as written (issue 13.7).

Usage: readme-examples.py README.md  (TAPLA_BINARY names the built binary)

Every ```sh block of the Usage sections (from "## Usage" to the next "## "
heading) is run line by line: each line that starts with `tapla` goes to
bash as written, with `tapla` found on PATH as the built binary. Each block
gets a fresh folder (the working directory, HOME and the database), so the
ids a block names are the ones its own lines make (sessions 1, 2...). The
files the examples read (rivit.csv, toinen.db) are made here first. A line
that starts the full-screen app (`tapla`, `tapla run`, `tapla screen`,
`tapla serve`) is checked with --help only, and says so. A line fails when
its exit status is not 0 or it prints "tapla:" on stderr; the test names
the README line.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

FULL_SCREEN = {'run', 'screen', 'serve'}


# The README's ```sh blocks under "## Usage", each as (line number, text).
def usage_blocks(path):
    blocks, block, in_usage, in_sh = [], None, False, False
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not in_sh and line.startswith('## '):
                in_usage = line.strip() == '## Usage'
            elif in_usage and not in_sh and line.strip() == '```sh':
                in_sh, block = True, []
            elif in_sh and line.strip() == '```':
                in_sh = False
                if block:
                    blocks.append(block)
            elif in_sh and re.match(r'tapla(\s|$)', line):
                block.append((number, line))
    return blocks


# Whether a line's words start the full-screen app (checked with --help).
def is_full_screen(words):
    return len(words) == 1 or words[1] in FULL_SCREEN


# Runs one command in the block's folder; returns (status, stdout, stderr).
def run(argv_or_line, env, cwd):
    if isinstance(argv_or_line, str):
        argv_or_line = ['bash', '-c', argv_or_line]
    p = subprocess.run(argv_or_line, env=env, cwd=cwd, capture_output=True,
                       text=True, timeout=60, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


# Makes a setup step or gives up with why: the test's own lines must work.
def must(argv, env, cwd):
    status, out, err = run(argv, env, cwd)
    if status != 0:
        sys.exit('setup failed: %s: %s' % (shlex.join(argv), err.strip()))
    return out


# The files the examples read, made in the block's folder from a database
# of their own: rivit.csv (an export's CSV of another participant) and
# toinen.db (another laptop's session).
def make_inputs(env, cwd):
    for db, name in (('toinen.db', 'Toinen kone'), ('lahde.db', 'Lähde')):
        must(['tapla', '--db', db, 'new', name, '--lang', 'fi'], env, cwd)
        must(['tapla', '--db', db, 'vote', '1', '--name', 'Matti Virtanen',
              '1:agree=4', '2:neutral=3', '3:disagree=3'], env, cwd)
    must(['tapla', '--db', 'lahde.db', 'export', '1', '--format', 'csv',
          '-o', 'rivit.csv'], env, cwd)
    os.remove(os.path.join(cwd, 'lahde.db'))


# A block that names a session before making one gets session 1 first.
def needs_session(block):
    for _, line in block:
        words = shlex.split(line, comments=True)
        if is_full_screen(words):
            continue
        return words[1] not in ('new', 'demo')
    return False


# Whether stderr carries an error: a "tapla:" line that is not a note.
def has_error(err):
    return any(line.startswith('tapla:') and
               not line.startswith('tapla: Note:')
               for line in err.splitlines())


# Runs one block in a fresh folder; returns the failures' descriptions.
def run_block(block, readme):
    failures = []
    with tempfile.TemporaryDirectory(prefix='tapla-readme-') as tmp:
        os.chmod(tmp, 0o700)
        env = dict(os.environ)
        binary = os.path.abspath(os.environ['TAPLA_BINARY'])
        env['PATH'] = os.path.dirname(binary) + os.pathsep + env.get('PATH', '')
        env['HOME'] = tmp
        env['XDG_DATA_HOME'] = os.path.join(tmp, 'share')
        env['TAPLA_DB'] = os.path.join(tmp, 'tapla.db')
        env.pop('TAPLA_LANG', None)
        make_inputs(env, tmp)
        if needs_session(block):
            must(['tapla', 'new', 'Valmiiksi tehty'], env, tmp)
        for number, line in block:
            words = shlex.split(line, comments=True)
            if is_full_screen(words):
                shown = shlex.join(words + ['--help'])
                print('%s:%d: %s  (full screen: checked with --help only)'
                      % (readme, number, shlex.join(words)))
                status, out, err = run(words + ['--help'], env, tmp)
            else:
                shown = line
                print('%s:%d: %s' % (readme, number, line))
                status, out, err = run(line, env, tmp)
            for text in (out, err):
                if text.strip():
                    print('    ' + '\n    '.join(text.strip().split('\n')[:4]))
            if status != 0 or has_error(err):
                failures.append('%s:%d: `%s` exited with %d: %s'
                                % (readme, number, shown, status,
                                   err.strip() or '(no message)'))
    return failures


# Every block, then every failure named by its README line.
def main():
    readme = sys.argv[1]
    blocks = usage_blocks(readme)
    if not blocks or sum(len(b) for b in blocks) < 10:
        sys.exit('%s: found too few examples under "## Usage"' % readme)
    failures = []
    for block in blocks:
        failures += run_block(block, readme)
    for failure in failures:
        print('FAIL ' + failure, file=sys.stderr)
    print('%d examples in %d blocks, %d failed'
          % (sum(len(b) for b in blocks), len(blocks), len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
