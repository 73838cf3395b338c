#!/usr/bin/env python3
"""Scores `khaldun actors` on the gold actors of PLOVER records.

usage: eval_actors.py [--verbose] [--min PERCENT] KHALDUN GOLD.json [-- KHALDUN OPTIONS...]

For every gold source and target actor of every record (its text span and
country code) whose text can be located in the sentence, the actor is found when some mention khaldun reports in the
record's sentence overlaps the gold span and has the gold country: the ISO
code, or for the gold code IGO (an international organisation) any code
starting with IGO.  Prints the share found and the misses by kind:
  no mention   - khaldun reports no actor over the span
  wrong code   - it reports one, with another country
  not located  - the gold text is not in the sentence (cannot be scored)
Standard library only."""
import json
import subprocess
import sys

# CAMEO's older country codes that some gold records use, and their ISO codes
LEGACY = {"JAP": "JPN", "GMY": "DEU", "UK": "GBR", "ROM": "ROU"}


def gold_actors(record):
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, list):
            for a in value:
                if isinstance(a, dict) and a.get("actorText") and a.get("code"):
                    yield role, a["actorText"], LEGACY.get(a["code"], a["code"])


def find_all(text, phrase):
    low, p = text.lower(), phrase.lower()
    out, i = [], low.find(p)
    while p and i >= 0:
        out.append((i, i + len(p)))
        i = low.find(p, i + 1)
    return out


def spans_of(text, phrase):
    """Every (start, end) of the gold phrase in text, ignoring case.  Gold
    markup sometimes doubles spaces, drops a closing parenthesis or joins two
    pieces with "..."; such phrases are found by their pieces."""
    p = " ".join(phrase.split())
    spans = find_all(text, p)
    if spans:
        return spans
    pieces = [" ".join(x.split()).strip(" ()") for x in p.replace("\u2026", "...").split("...")]
    pieces = [x for x in pieces if x]
    if len(pieces) > 1:
        first, last = find_all(text, pieces[0]), find_all(text, pieces[-1])
        return [(a, d) for a, b in first for c, d in last if c >= b]
    squeezed = " ".join(text.split())
    if squeezed != text and find_all(squeezed, p):  # the text itself has doubled spaces
        words = p.split()
        return [(a, b) for a, b in find_all(text, words[0])]
    return []


def run(binary, records, extra):
    docs = "".join(json.dumps({"id": r["id"], "date": r.get("date") or "2000-01-01", "text": r["text"]}) + "\n"
                   for r in records)
    out = subprocess.run([binary, "actors", "--input", "jsonl"] + extra + ["-"], input=docs.encode(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, check=False)
    if out.returncode not in (0, 1):
        sys.exit("khaldun actors failed: %s" % out.stderr.decode()[-2000:])
    mentions = {}
    for line in out.stdout.decode().splitlines():
        m = json.loads(line)
        mentions.setdefault(m["doc_id"], []).append(m)
    return mentions


def agrees(mention, code):
    if code == "IGO":
        return (mention.get("code") or "").startswith("IGO")
    if len(code) == 3 and mention.get("country"):
        return mention["country"] == code
    return (mention.get("code") or "").startswith(code)


def main(argv):
    extra = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1:]
    verbose = "--verbose" in argv
    args = [a for a in argv if a != "--verbose"]
    minimum = None
    if "--min" in args:
        k = args.index("--min")
        minimum = float(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    binary, gold_path = args
    records = [r for r in json.load(open(gold_path, encoding="utf-8")) if r.get("text")]
    mentions = run(binary, records, extra)
    total = found = 0
    misses = {"no mention": [], "wrong code": [], "not located": []}
    for r in records:
        for role, phrase, code in gold_actors(r):
            total += 1
            spans = spans_of(r["text"], phrase)
            if not spans:
                misses["not located"].append((r["id"], role, phrase, code, []))
                continue
            over = [m for m in mentions.get(r["id"], [])
                    if any(m["start"] < e and s < m["end"] for s, e in spans)]
            if any(agrees(m, code) for m in over):
                found += 1
            elif over:
                misses["wrong code"].append((r["id"], role, phrase, code, [(m["text"], m["code"]) for m in over]))
            else:
                misses["no mention"].append((r["id"], role, phrase, code, []))
    located = total - len(misses["not located"])
    print("gold actors: %d, %d of them located in their sentence; country found for %d: %.1f%% of those located, "
          "%.1f%% of all" % (total, located, found, 100.0 * found / max(located, 1), 100.0 * found / max(total, 1)))
    for kind, items in misses.items():
        print("  %-12s %d" % (kind, len(items)))
        if verbose:
            for rid, role, phrase, code, got in items:
                print("    %s %s %r gold %s got %s" % (rid, role, phrase, code, got))
    share = 100.0 * found / max(located, 1)
    if minimum is not None and share < minimum:
        print("FAIL actors: %.1f%% found, below the guard of %.1f%%" % (share, minimum))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
