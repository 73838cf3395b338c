#!/usr/bin/env python3
"""Cross-checks khaldun's CAMEO code table (data/cameo/codes.txt) against the
published tables in ../shared (read in place): every code of the CAMEO 1.1b3
list is in the table, every Goldstein value equals GDELT's, and every PLOVER
type equals the CAMEO-to-PLOVER table's where it gives one.

usage: check_cameo.py SHARED_DIR"""
import os
import re
import sys


def ours():
    table = {}
    for line in open("data/cameo/codes.txt", encoding="utf-8"):
        line = re.split(r"(?:^|\s)#", line, 1)[0].strip()
        if line:
            f = [x.strip() for x in line.split("|")]
            table[f[0]] = {"goldstein": float(f[2]), "plover": f[3]}
    return table


def main(shared):
    cameo = os.path.join(shared, "data/peer-dicts/cameo")
    plover = os.path.join(shared, "data/peer-dicts/plover/CAMEO2PLOVER-2021.txt")
    table, failed = ours(), 0
    for line in open(os.path.join(cameo, "CAMEO.eventcodes.extracted-from-manual-1.1b3.tsv"), encoding="utf-8"):
        code = line.split("\t")[0].strip()
        if code.isdigit() and code not in table:
            failed += 1
            print("FAIL cameo: code %s is missing" % code)
    for line in open(os.path.join(cameo, "CAMEO.goldsteinscale.txt"), encoding="utf-8"):
        f = line.split()
        if len(f) == 2 and f[0].isdigit() and f[0] in table and abs(table[f[0]]["goldstein"] - float(f[1])) > 1e-6:
            failed += 1
            print("FAIL cameo: Goldstein of %s is %s, published %s" % (f[0], table[f[0]]["goldstein"], f[1]))
    for line in open(plover, encoding="utf-8"):
        m = re.match(r"^(\d+):\s*([A-Z]+)", line)
        if m and m.group(1) in table and table[m.group(1)]["plover"] not in (m.group(2), "-"):
            if len(m.group(1)) > 2:  # root lines of the PLOVER table disagree with themselves (08)
                failed += 1
                print("FAIL cameo: PLOVER type of %s is %s, the table says %s" % (m.group(1), table[m.group(1)]["plover"],
                                                                                 m.group(2)))
    print("cameo table: %d codes, %d checks failed" % (len(table), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]) if len(sys.argv) == 2 else __doc__)
