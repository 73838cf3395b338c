#!/usr/bin/env python3
"""test_readme.py - runs the console examples of a Markdown file.

In each ```console block, a line starting with "$ " is a shell command run
from the repository root with `khaldun` standing for the binary under test;
the lines after it, up to the next command or the end of the block, are its
expected output (standard output only, unless the command redirects).

usage: test_readme.py KHALDUN README.md
"""
import os
import re
import subprocess
import sys


def examples(path):
    block, cmd, out, lineno = False, None, [], 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("```"):
                if block and cmd is not None:
                    yield lineno, cmd, out
                block = line.strip() == "```console"
                cmd, out = None, []
            elif block and line.startswith("$ "):
                if cmd is not None:
                    yield lineno, cmd, out
                cmd, out, lineno = line[2:], [], n
            elif block and cmd is not None:
                out.append(line)


def main():
    binary, readme = os.path.abspath(sys.argv[1]), sys.argv[2]
    bindir = os.path.join(os.path.dirname(binary), ".readme-bin")
    os.makedirs(bindir, exist_ok=True)
    link = os.path.join(bindir, "khaldun")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(binary, link)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
    passed = failed = 0
    for lineno, cmd, want in examples(readme):
        p = subprocess.run(["sh", "-c", cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                           check=False)
        got = p.stdout.decode("utf-8").rstrip("\n").split("\n") if p.stdout else []
        if got == [w for w in want] and p.returncode == 0:
            passed += 1
        else:
            failed += 1
            print("FAIL %s:%d: $ %s" % (readme, lineno, cmd))
            print("  exit status %d; expected:\n    %s\n  got:\n    %s" % (
                p.returncode, "\n    ".join(want), "\n    ".join(got)))
            if p.stderr:
                print("  stderr: " + p.stderr.decode("utf-8", "replace"))
    print("readme examples: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
