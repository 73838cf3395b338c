#!/usr/bin/env python3
"""The actors of the acceptance article (../shared/acceptance/embassy-attack),
coded on its publication date with khaldun's own dictionaries: each phrase
below must be reported, somewhere in the article, with the code or country
given (issue 4's acceptance list).  The article is read in place, never
copied.

usage: check_actors.py KHALDUN ARTICLE"""
import json
import subprocess
import sys

# (text of the mention, field, expected value)
EXPECTED = [
    ("US embassy", "code", "USAGOV"),
    ("Iraqi security forces", "code", "IRQCOP"),
    ("Washington", "country", "USA"),
    ("United States", "country", "USA"),
    ("Government of Iraq", "code", "IRQGOV"),
    ("State Department spokesperson", "code", "USAGOV"),
    ("military factions in Iraq", "country", "IRQ"),
    ("military factions in Iraq", "backer", "IRN"),
    ("Kataeb Hezbollah", "country", "IRQ"),
    ("Qasem Soleimani", "code", "IRNMIL"),
    ("Abu Mahdi al-Muhandis", "code", "IRQMIL"),
    ("Islamic State group", "code", "IMGMUSISI"),
    ("American contractor", "country", "USA"),
]


def main(binary, article):
    out = subprocess.run([binary, "actors", "--date", "2020-01-27", article], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, check=False)
    mentions = [json.loads(line) for line in out.stdout.decode().splitlines()]
    failed = 0
    for text, field, value in EXPECTED:
        got = [m.get(field) for m in mentions if m["text"].endswith(text)]
        if value not in got:
            failed += 1
            print("FAIL actors: %r should have %s %s; got %s" % (text, field, value, got or "no mention"))
    print("acceptance actors: %d checks, %d failed" % (len(EXPECTED), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]) if len(sys.argv) == 3 else __doc__)
