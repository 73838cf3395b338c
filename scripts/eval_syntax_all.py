#!/usr/bin/env python3
"""eval_syntax_all.py - `make eval-syntax`: tagging, lemmatisation and
parsing scores of khaldun on the UD English test treebanks, with the CoNLL
2018 definitions (scripts/eval_syntax.py), in two settings:

  gold tokens  khaldun parse --input conllu on the treebank's own words
  raw text     khaldun parse on the raw text rebuilt as eval_text.py does
               (its own sentences, tokens and words, aligned by the scorer)

usage: eval_syntax_all.py --khaldun BIN --shared DIR [--keep DIR]
Skips cleanly (exit 0) when the treebanks are missing.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import eval_text  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TEST_FILES = [("EWT test", "en_ewt-ud-test.conllu"), ("GUM test", "en_gum-ud-test.conllu")]
METRICS = ["Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas", "UAS", "LAS", "CLAS"]


def run(cmd, stdin=None, out=None):
    t = time.perf_counter()
    with open(out, "wb") if out else open(os.devnull, "wb") as f:
        p = subprocess.run(cmd, input=stdin, stdout=f, stderr=subprocess.PIPE, check=False)
    if p.returncode not in (0, 1):
        sys.exit("eval-syntax: %s failed:\n%s" % (cmd[0], p.stderr.decode("utf-8", "replace")))
    return time.perf_counter() - t


def score(gold, system):
    p = subprocess.run([sys.executable, os.path.join(HERE, "eval_syntax.py"), "--json", gold, system],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode != 0:
        sys.exit("eval-syntax: scoring failed:\n" + p.stderr.decode("utf-8", "replace"))
    return json.loads(p.stdout)


def f1(scores, metric):
    m = scores.get(metric) or scores.get(metric.lower()) or {}
    for key in ("f1", "F1", "f1_score"):
        if key in m:
            return m[key]
    return float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--khaldun", default="build/khaldun")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--keep", help="keep the system files in this folder")
    args = ap.parse_args()
    ud = os.path.join(args.shared, "data", "ud")
    if not os.path.isdir(ud):
        print("eval-syntax: %s not found; skipped" % ud)
        return 0
    work = args.keep or tempfile.mkdtemp(prefix="khaldun-eval-syntax-")
    os.makedirs(work, exist_ok=True)
    print("%-22s" % "setting" + "".join("%9s" % m for m in METRICS) + "   words/s")
    for label, name in TEST_FILES:
        gold = os.path.join(ud, name)
        if not os.path.exists(gold):
            continue
        base = os.path.join(work, name.replace(".conllu", ""))
        dt = run([args.khaldun, "parse", "--input", "conllu", gold], out=base + ".gold-tok.conllu")
        s = score(gold, base + ".gold-tok.conllu")
        words = s.get("Words", {}).get("gold", 0) or sum(1 for _ in open(gold) if _[:1].isdigit())
        print("%-22s" % (label + ", gold tokens") + "".join("%9.2f" % f1(s, m) for m in METRICS)
              + "   %7.0f" % (words / dt if dt else 0))
        docs = eval_text.build(eval_text.read_conllu(gold))
        lines = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
        dt = run([args.khaldun, "parse", "--input", "jsonl", "-"], stdin=lines.encode("utf-8"),
                 out=base + ".raw.conllu")
        s = score(gold, base + ".raw.conllu")
        print("%-22s" % (label + ", raw text") + "".join("%9.2f" % f1(s, m) for m in METRICS)
              + "   %7.0f" % (words / dt if dt else 0))
    print("(F1 scores as the CoNLL 2018 shared task defines them; words/s includes process start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
