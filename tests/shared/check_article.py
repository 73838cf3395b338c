#!/usr/bin/env python3
"""check_article.py - the acceptance article of ../shared splits as a careful
reader would: times and abbreviations stay inside their sentences, the two
photo-caption lines are their own segments, the credit and copyright lines
are boilerplate, the repeated caption is flagged as a repeat.

usage: check_article.py KHALDUN ARTICLE.txt
"""
import json
import subprocess
import sys


def main():
    binary, article = sys.argv[1], sys.argv[2]
    out = subprocess.run([binary, "sentences", "--id", "embassy-attack", article],
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    sents = [json.loads(line) for line in out.splitlines()]
    by_text = {s["text"]: s for s in sents}
    failures = []

    def expect(cond, what):
        if not cond:
            failures.append(what)

    caption = "Anti-government protesters converged at Tahrir square in Baghdad on Sunday"
    expect(any(s["text"].endswith("at 7.30 pm.") and s["text"].startswith("Bombs were fired")
               for s in sents), "'7.30 pm' sentence kept whole")
    expect(caption in by_text and "line" in by_text[caption]["flags"]
           and not by_text[caption]["boilerplate"], "first caption line is its own segment, not boilerplate")
    rep = by_text.get(caption + ".")
    expect(rep is not None and "repeat" in rep["flags"], "repeated caption flagged as a repeat")
    credit = by_text.get("Anadolu Agency via getty images")
    expect(credit is not None and credit["boilerplate"] and credit["reason"] == "credit",
           "photo credit flagged as boilerplate")
    cr = [s for s in sents if s["text"].startswith("©") or s["text"] in
          ("All rights reserved.", "Do not reproduce without permission.")]
    expect(len(cr) == 3 and all(s["boilerplate"] and s["reason"] == "copyright" for s in cr),
           "copyright line flagged as boilerplate")
    expect(any(s["text"].startswith("Three rockets were hurled at the embassy—one hit") for s in sents),
           "em-dash clause kept inside its sentence")
    expect(any(s["text"].startswith("As per a recent report; “three rockets") and s["text"].endswith("country.”")
               for s in sents), "quotation ending a sentence kept with it")
    expect(not any(s["boilerplate"] for s in sents if s["text"].startswith(("The Sunday", "Three", "Bombs"))),
           "news sentences are not boilerplate")
    for f in failures:
        print("FAIL acceptance article: " + f)
    print("acceptance article: %d sentences, %d checks failed" % (len(sents), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
