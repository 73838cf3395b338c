#!/usr/bin/env python3
"""sbd_data.py - training and development data for the sentence-boundary
model: the raw text of UD English treebank documents, rebuilt as in
eval_text.py, with the code-point offsets where their sentences end.

usage: sbd_data.py SHARED OUTDIR
writes OUTDIR/train.jsonl (EWT and GUM train) and OUTDIR/dev.jsonl (EWT and
GUM dev); the test files are never read.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval_text  # noqa: E402

SPLITS = {"train": ["en_ewt-ud-train.conllu", "en_gum-ud-train.conllu"],
          "dev": ["en_ewt-ud-dev.conllu", "en_gum-ud-dev.conllu"]}


def main():
    shared, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for split, names in SPLITS.items():
        n = 0
        with open(os.path.join(outdir, split + ".jsonl"), "w", encoding="utf-8") as out:
            for name in names:
                for d in eval_text.build(eval_text.read_conllu(os.path.join(shared, "data", "ud", name))):
                    ends = sorted({e for _, e in d["sents"]})
                    out.write(json.dumps({"id": d["id"], "text": d["text"], "ends": ends}, ensure_ascii=False) + "\n")
                    n += 1
        print("sbd data: %s: %d documents" % (split, n))


if __name__ == "__main__":
    main()
