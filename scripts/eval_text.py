#!/usr/bin/env python3
"""eval_text.py - sentence and token boundary scores of `khaldun sentences`
against the Universal Dependencies English test treebanks.

The raw text of each treebank document is rebuilt the way the UD tools'
text extractor (used for the CoNLL 2018 shared task) does it: surface tokens
joined as their SpaceAfter says, paragraphs (`# newpar`) separated by a blank
line, lines wrapped at white space after at most 80 characters.  Gold sentence and
token spans are code-point offsets into that text (a token is a surface token:
a multiword token such as "Iraq's" counts once).  khaldun reads the documents
as JSON lines and its spans are compared with the gold ones:

  sentence-boundary F1  over the positions where sentences end
  sentence F1           over whole sentence spans (the CoNLL 2018 "Sentences" metric)
  token F1              over token spans (the CoNLL 2018 "Tokens" metric)

Each treebank is scored twice: as khaldun runs by default (punctuation rules
plus the learned sentence model), and with --rules-only.

Needs only the Python standard library.  Skips cleanly (exit 0) when the
treebanks are missing.
"""
import argparse
import json
import os
import subprocess
import sys

TEST_FILES = [("EWT test", "en_ewt-ud-test.conllu"), ("GUM test", "en_gum-ud-test.conllu")]


def read_conllu(path):
    """Documents of a CoNLL-U file: lists of paragraphs, each a list of
    sentences, each a list of (surface form, space_after) tokens."""
    docs, doc = [], None
    newpar = False
    sent = None
    skip_until = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc"):
                doc = {"id": line.split("=", 1)[1].strip() if "=" in line else str(len(docs)), "pars": []}
                docs.append(doc)
                newpar = True
            elif line.startswith("# newpar"):
                newpar = True
            elif line.startswith("#"):
                continue
            elif not line:
                sent = None
                skip_until = 0
            else:
                cols = line.split("\t")
                tid = cols[0]
                if "." in tid:
                    continue
                if "-" not in tid and int(tid) <= skip_until:
                    continue
                if "-" in tid:
                    skip_until = int(tid.split("-")[1])
                if sent is None:
                    if doc is None:
                        doc = {"id": "doc%d" % len(docs), "pars": []}
                        docs.append(doc)
                    if newpar or not doc["pars"]:
                        doc["pars"].append([])
                        newpar = False
                    sent = []
                    doc["pars"][-1].append(sent)
                misc = cols[9].split("|")
                sent.append((cols[1], "SpaceAfter=No" not in misc))
    return docs


def wrap(par, width=80):
    """Breaks a paragraph into lines of at most `width` characters at white
    space, as the UD tools' text extractor does: each break replaces one
    white-space character by a line feed, so offsets do not move."""
    chars = list(par)
    start = 0
    while len(chars) - start >= width:
        last = None
        for i in range(start, len(chars)):
            if i - start > width and last is not None:
                break
            if chars[i].isspace():
                last = i
        if last is None or last == start:
            break
        chars[last] = "\n"
        start = last + 1
    return "".join(chars)


def build(docs):
    """Raw text per document with gold sentence and token spans: tokens
    joined as their SpaceAfter says, paragraphs separated by a blank line,
    lines wrapped at 80 characters."""
    out = []
    for doc in docs:
        parts, sents, toks, pos = [], [], [], 0
        for pi, par in enumerate(doc["pars"]):
            if pi:
                parts.append("\n\n")
                pos += 2
            ptext = []
            for s in par:
                first = pos
                for form, space in s:
                    toks.append((pos, pos + len(form)))
                    ptext.append(form)
                    pos += len(form)
                    if space:
                        ptext.append(" ")
                        pos += 1
                sents.append((first, toks[-1][1]))
            parts.append(wrap("".join(ptext)))
        out.append({"id": doc["id"], "text": "".join(parts), "sents": sents, "toks": toks})
    return out


def run_khaldun(binary, docs, extra=()):
    lines = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
    proc = subprocess.run([binary, "sentences", "--input", "jsonl", "-"] + list(extra), input=lines.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 1):
        sys.exit("eval_text: khaldun failed: %s" % proc.stderr.decode("utf-8", "replace"))
    sents, toks = {}, {}
    for line in proc.stdout.decode("utf-8").splitlines():
        o = json.loads(line)
        sents.setdefault(o["doc_id"], []).append((o["start"], o["end"]))
        toks.setdefault(o["doc_id"], []).extend((t["start"], t["end"]) for t in o["tokens"])
    return sents, toks


def f1(gold, pred):
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs, sents, toks, show_errors):
    g_end, p_end, g_sent, p_sent, g_tok, p_tok = set(), set(), set(), set(), set(), set()
    for d in docs:
        i = d["id"]
        g_sent |= {(i,) + s for s in d["sents"]}
        p_sent |= {(i,) + s for s in sents.get(i, [])}
        g_end |= {(i, s[1]) for s in d["sents"]}
        p_end |= {(i, s[1]) for s in sents.get(i, [])}
        g_tok |= {(i,) + t for t in d["toks"]}
        p_tok |= {(i,) + t for t in toks.get(i, [])}
    if show_errors:
        texts = {d["id"]: d["text"] for d in docs}
        show("missed sentence ends", sorted(g_end - p_end), texts, show_errors, ends=True)
        show("spurious sentence ends", sorted(p_end - g_end), texts, show_errors, ends=True)
        show("missed tokens", sorted(g_tok - p_tok), texts, show_errors)
        show("spurious tokens", sorted(p_tok - g_tok), texts, show_errors)
    return f1(g_end, p_end), f1(g_sent, p_sent), f1(g_tok, p_tok), len(g_sent), len(g_tok)


def show(title, items, texts, n, ends=False):
    print("--- %s (%d)" % (title, len(items)))
    for it in items[:n]:
        t = texts[it[0]]
        if ends:
            e = it[1]
            print("   %r | %r" % (t[max(0, e - 50):e], t[e:e + 30]))
        else:
            s, e = it[1], it[2]
            print("   %r in %r" % (t[s:e], t[max(0, s - 25):e + 25]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--khaldun", default="build/khaldun")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--errors", type=int, default=0, help="show this many errors of each kind")
    ap.add_argument("--file", help="only this treebank file name")
    ap.add_argument("--min-boundary-f1", type=float, default=0.0,
                    help="exit 1 when a treebank's sentence-boundary F1 is below this")
    ap.add_argument("--min-token-f1", type=float, default=0.0,
                    help="exit 1 when a treebank's token F1 is below this")
    args = ap.parse_args()
    ud = os.path.join(args.shared, "data", "ud")
    if not os.path.isdir(ud):
        print("eval-text: %s not found; skipped" % ud)
        return 0
    print("%-15s %9s %9s %9s %9s %9s  %s" % ("treebank", "sent-bnd", "sent-P", "sent-R", "sent-span", "token", ""))
    status = 0
    for label, name in TEST_FILES:
        if args.file and args.file != name:
            continue
        path = os.path.join(ud, name)
        if not os.path.exists(path):
            print("%-9s missing; skipped" % label)
            continue
        docs = build(read_conllu(path))
        for mode, extra in (("", ()), (" rules", ("--rules-only",))):
            sents, toks = run_khaldun(args.khaldun, docs, extra)
            (bp, br, bf), (_, _, sf), (tp, tr, tf), ns, nt = score(docs, sents, toks, args.errors if not mode else 0)
            print("%-15s %9.5f %9.5f %9.5f %9.5f %9.5f  (%d sentences, %d tokens; token P %.4f R %.4f)"
                  % (label + mode, bf, bp, br, sf, tf, ns, nt, tp, tr))
            if not mode and (bf < args.min_boundary_f1 or tf < args.min_token_f1):
                print("FAIL %s: below the floor (sentence boundary F1 %.2f, token F1 %.2f)"
                      % (label, args.min_boundary_f1, args.min_token_f1))
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
