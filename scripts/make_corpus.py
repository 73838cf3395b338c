#!/usr/bin/env python3
"""make_corpus.py - writes the fixed benchmark corpus as JSON lines.

With the UD English treebanks present (SHARED/data/ud), the corpus is their
raw text: one document per `# newdoc`, paragraphs separated by blank lines,
sentences of a paragraph joined by spaces, every file in name order.
Without them, a generated corpus of news-like sentences (fixed seed) of
about the same size stands in.

usage: make_corpus.py SHARED OUT.jsonl
"""
import glob
import json
import os
import random
import sys


def ud_documents(ud):
    for path in sorted(glob.glob(os.path.join(ud, "*.conllu"))):
        pars, doc_id = [], None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("# newdoc"):
                    if pars:
                        yield doc_id, "\n\n".join(" ".join(p) for p in pars)
                    doc_id, pars = line.split("=", 1)[-1].strip(), []
                elif line.startswith("# newpar") or (line.startswith("# text = ") and not pars):
                    if line.startswith("# newpar"):
                        pars.append([])
                    else:
                        pars.append([line[9:].rstrip("\n")])
                elif line.startswith("# text = "):
                    pars[-1].append(line[9:].rstrip("\n"))
        if pars:
            yield doc_id, "\n\n".join(" ".join(p) for p in pars)


def generated_documents(n_docs=6000):
    rng = random.Random(20261125)
    actors = ["Rebels", "The army", "Police", "Protesters", "The U.S. embassy", "Gen. Okafor",
              "Iran-backed militias", "The U.N. mission", "Security forces", "The ministry"]
    verbs = ["attacked", "condemned", "met", "accused", "fired on", "praised", "warned", "visited"]
    targets = ["the town of Qaim", "government troops", "the capital", "the border post",
               "Iraq's prime minister", "a convoy near Mosul", "demonstrators in Basra"]
    tails = ["on Sunday", "at 7.30 pm", "late on Tuesday", "officials said", "according to witnesses",
             "killing 5,200 people", "wounding three", "in a statement"]
    for d in range(n_docs):
        pars = []
        for _ in range(rng.randint(3, 8)):
            sents = []
            for _ in range(rng.randint(1, 4)):
                s = "%s %s %s %s." % (rng.choice(actors), rng.choice(verbs), rng.choice(targets),
                                      rng.choice(tails))
                if rng.random() < 0.2:
                    s = "\u201c%s\u201d a spokesperson said." % s[:-1]
                sents.append(s)
            pars.append(" ".join(sents))
        yield "gen-%05d" % d, "\n\n".join(pars)


def main():
    shared, out = sys.argv[1], sys.argv[2]
    ud = os.path.join(shared, "data", "ud")
    docs = ud_documents(ud) if os.path.isdir(ud) else generated_documents()
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for doc_id, text in docs:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
            n += 1
    print("corpus: %d documents from %s" % (n, "the UD treebanks" if os.path.isdir(ud) else "the generator"))


if __name__ == "__main__":
    main()
