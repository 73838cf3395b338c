#!/usr/bin/env python3
"""eval_syntax.py - scores a dependency parse against a gold treebank with
the metrics of the CoNLL 2018 shared task on Universal Dependencies parsing
(https://universaldependencies.org/conll18/evaluation.html).

usage: eval_syntax.py GOLD.conllu SYSTEM.conllu [--verbose] [--json]

Both files are CoNLL-U.  Words are the lines whose ID is an integer; a range
line "a-b" is a multiword token whose FORM is the surface token of words
a..b; empty nodes ("n.k") are ignored.  The surface tokens of both files,
with all white space removed, must spell the same text; the scorer stops
with an error naming the first place where they differ.  Every token gets
the span (start, end) it covers in that white-space-free text, and the words
of a multiword token share its span.

  Tokens     F1 of token spans (a multiword token counts once)
  Sentences  F1 of sentence spans (first token start, last token end)
  Words      F1 of aligned words: a word outside multiword tokens is aligned
             to the word with the same span; where a multiword token of
             either file overlaps, the words of that region are aligned by
             the longest common subsequence of their case-folded forms
  UPOS, XPOS, UFeats, AllTags (UPOS+XPOS+UFeats), Lemmas
             an aligned system word counts when the attribute matches;
             UFeats compares only the universal features of UD v2
             (language-specific features are dropped); a gold lemma "_"
             matches any system lemma
  UAS        the system head is the word aligned to the gold head (or both
             heads are the root)
  LAS        UAS and the same universal relation (subtypes after ':' ignored)
  CLAS       LAS over content words (relations other than the functional
             aux case cc clf cop det mark, punct, and unknown labels)
  MLAS       CLAS, and UPOS and UFeats match, and the functional dependents
             (aux case cc clf cop det mark) of the word are the same words,
             with the same relation, UPOS and UFeats
  BLEX       CLAS, and the lemma matches

Precision is correct / system words, recall correct / gold words; for the
CLAS family both counts are of content words (by each file's own relation).
AligndAcc is correct / aligned words (for CLAS, MLAS, BLEX: aligned words
whose gold relation is a content relation).

Output: the table of the shared task's verbose mode (--verbose adds the raw
counts and lists tree problems); --json prints one JSON object that maps
each metric to {"precision", "recall", "f1", "aligned_accuracy" (percent,
null for Tokens, Sentences and Words), "gold", "system", "correct",
"aligned"}.

Trees with several roots or a cycle are scored as they are (the shared task
rejected such files); a warning goes to standard error.  Exit status: 0, or 2
on a usage or format error (the message names the file and line) or when the
texts differ.

Python 3.11 standard library only.
"""
import argparse
import bisect
import json
import sys

PROG = "eval_syntax.py"

# The universal features of UD v2 as used in the CoNLL 2018 shared task.
UNIVERSAL_FEATURES = frozenset((
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr",
    "Gender", "Animacy", "Number", "Case", "Definite", "Degree",
    "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident",
    "Polarity", "Person", "Polite"))

# Function-word relations (their dependents are checked by MLAS).
FUNCTION_RELATIONS = frozenset(("aux", "case", "cc", "clf", "cop", "det", "mark"))

# Content relations: the UD v2 relations minus the functional ones and punct.
CONTENT_RELATIONS = frozenset((
    "nsubj", "obj", "iobj", "csubj", "ccomp", "xcomp", "obl", "vocative",
    "expl", "dislocated", "advcl", "advmod", "discourse", "nmod", "appos",
    "nummod", "acl", "amod", "conj", "fixed", "flat", "compound", "list",
    "parataxis", "orphan", "goeswith", "reparandum", "root", "dep"))

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats",
           "AllTags", "Lemmas", "UAS", "LAS", "CLAS", "MLAS", "BLEX")
SPAN_METRICS = ("Tokens", "Sentences", "Words")

ROOT = -1        # head index of a word attached to the root
UNALIGNED = -2   # gold index of a system word that has no partner


class InputError(Exception):
    """A usage or format problem; the message names the file and line."""


class Word:
    """One syntactic word of a treebank."""
    __slots__ = ("form", "lemma", "upos", "xpos", "feats", "head", "rel",
                 "start", "end", "in_mwt", "line", "content", "fdeps", "index")

    def key_form(self):
        return self.form.casefold()


class Treebank:
    """The words, tokens and sentences of one CoNLL-U file."""

    def __init__(self, path):
        self.path = path
        self.words = []
        self.tokens = []          # (start, end) of every surface token
        self.token_lines = []     # line number of every surface token
        self.token_forms = []     # FORM of every surface token
        self.sentences = []       # (start, end) of every sentence
        self.text = ""            # the surface text without white space
        self.problems = []        # (line, message) of malformed trees


def _universal_feats(column):
    if column == "_" or not column:
        return ""
    kept = [f for f in column.split("|") if f.split("=", 1)[0] in UNIVERSAL_FEATURES]
    kept.sort()
    return "|".join(kept)


class _Reader:
    """Reads a CoNLL-U file line by line into a Treebank."""

    def __init__(self, path):
        self.tb = Treebank(path)
        self.pieces = []
        self.offset = 0
        self.sentence = []        # words of the open sentence
        self.first_token = 0      # index of the open sentence's first token
        self.next_id = 1
        self.mwt_last = 0         # last word id of the open multiword token
        self.mwt_span = None
        self.mwt_line = 0

    def fail(self, line, message):
        raise InputError("%s:%d: %s" % (self.tb.path, line, message))

    def add_token(self, form, line):
        text = "".join(form.split())
        if not text:
            self.fail(line, "FORM %r is empty once white space is removed" % form)
        start = self.offset
        self.offset += len(text)
        self.pieces.append(text)
        span = (start, self.offset)
        self.tb.tokens.append(span)
        self.tb.token_lines.append(line)
        self.tb.token_forms.append(form)
        return span

    def feed(self, line, number):
        if not line.strip():
            self.close(number)
            return
        if line.startswith("#"):
            return
        cols = line.split("\t")
        if len(cols) != 10:
            self.fail(number, "expected 10 tab-separated columns, found %d" % len(cols))
        ident = cols[0]
        if "." in ident:
            return                      # empty node of the enhanced graph
        if "-" in ident:
            first, _, last = ident.partition("-")
            try:
                first, last = int(first), int(last)
            except ValueError:
                self.fail(number, "bad multiword token ID %r" % ident)
            if self.next_id <= self.mwt_last:
                self.fail(number, "multiword token %s starts inside another one" % ident)
            if first != self.next_id or last < first:
                self.fail(number, "multiword token %s where word %d was expected"
                          % (ident, self.next_id))
            self.mwt_span = self.add_token(cols[1], number)
            self.mwt_last = last
            self.mwt_line = number
            return
        try:
            wid = int(ident)
        except ValueError:
            self.fail(number, "bad word ID %r" % ident)
        if wid != self.next_id:
            self.fail(number, "word ID %d where %d was expected" % (wid, self.next_id))
        self.next_id += 1
        try:
            head = int(cols[6])
        except ValueError:
            self.fail(number, "HEAD %r is not a number" % cols[6])
        if head < 0:
            self.fail(number, "HEAD %d is negative" % head)
        w = Word()
        w.form = cols[1]
        w.lemma = cols[2]
        w.upos = cols[3]
        w.xpos = cols[4]
        w.feats = _universal_feats(cols[5])
        w.head = head
        w.rel = cols[7].split(":", 1)[0]
        w.line = number
        w.content = w.rel in CONTENT_RELATIONS
        w.fdeps = None
        if wid <= self.mwt_last:
            w.in_mwt = True
            w.start, w.end = self.mwt_span
        else:
            w.in_mwt = False
            w.start, w.end = self.add_token(cols[1], number)
        self.sentence.append(w)

    def close(self, number):
        tb = self.tb
        if self.mwt_last >= self.next_id:
            self.fail(self.mwt_line, "multiword token ends at word %d but the sentence "
                      "ends at word %d" % (self.mwt_last, self.next_id - 1))
        words = self.sentence
        if words:
            base = len(tb.words)
            count = len(words)
            roots = 0
            for k, w in enumerate(words):
                w.index = base + k
                if w.head > count:
                    self.fail(w.line, "HEAD %d is beyond the last word (%d)" % (w.head, count))
                if w.head == 0:
                    w.head = ROOT
                    roots += 1
                else:
                    w.head = base + w.head - 1
            tb.words.extend(words)
            trouble = []
            if roots != 1:
                trouble.append("%d root words" % roots)
            if self._has_cycle(base, count):
                trouble.append("the heads form a cycle")
            if trouble:
                tb.problems.append((words[0].line, ", ".join(trouble)))
            tb.sentences.append((tb.tokens[self.first_token][0], tb.tokens[-1][1]))
        elif len(tb.tokens) > self.first_token:
            self.fail(number, "a sentence has tokens but no words")
        self.sentence = []
        self.first_token = len(tb.tokens)
        self.next_id = 1
        self.mwt_last = 0

    def _has_cycle(self, base, count):
        words = self.tb.words
        state = [0] * count       # 0 unseen, 1 on the current path, 2 reaches the root
        for k in range(count):
            path = []
            j = base + k
            while j != ROOT and state[j - base] == 0:
                state[j - base] = 1
                path.append(j - base)
                j = words[j].head
            if j != ROOT and state[j - base] == 1:
                return True
            for p in path:
                state[p] = 2
        return False

    def finish(self, number):
        self.close(number)
        self.tb.text = "".join(self.pieces)
        for w in self.tb.words:   # functional dependents, for MLAS
            if w.rel in FUNCTION_RELATIONS and w.head != ROOT:
                parent = self.tb.words[w.head]
                if parent.fdeps is None:
                    parent.fdeps = []
                parent.fdeps.append(w)
        return self.tb


def load(path):
    """Reads a CoNLL-U file; raises InputError when it is malformed."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as err:
        raise InputError("%s: cannot read: %s" % (path, err.strerror)) from None
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise InputError("%s:%d: not valid UTF-8" % (path, line)) from None
    if data.startswith("\ufeff"):
        data = data[1:]
    reader = _Reader(path)
    number = 0
    for number, line in enumerate(data.split("\n"), 1):
        if line.endswith("\r"):
            line = line[:-1]
        reader.feed(line, number)
    return reader.finish(number)


def _first_difference(a, b):
    limit = min(len(a), len(b))
    pos, step = 0, 4096
    while pos < limit and a[pos:pos + step] == b[pos:pos + step]:
        pos += step
    pos = min(pos, limit)
    while pos < limit and a[pos] == b[pos]:
        pos += 1
    return pos


def _describe(tb, pos):
    if pos >= len(tb.text):
        return "%s ends there (after line %d)" % (
            tb.path, tb.token_lines[-1] if tb.token_lines else 0)
    k = bisect.bisect_right(tb.tokens, (pos, float("inf"))) - 1
    return "%s:%d: token %r, text from there %r" % (
        tb.path, tb.token_lines[k], tb.token_forms[k], tb.text[pos:pos + 20])


def check_same_text(gold, system):
    if gold.text == system.text:
        return
    pos = _first_difference(gold.text, system.text)
    raise InputError("the texts of the two files differ (white space ignored) at "
                     "character %d:\n  gold   %s\n  system %s"
                     % (pos, _describe(gold, pos), _describe(system, pos)))


def _align_by_forms(gold_words, sys_words, g0, s0, link):
    """Aligns two short word lists by the longest common subsequence of
    their case-folded forms; writes gold indices into link."""
    a = [w.key_form() for w in gold_words]
    b = [w.key_form() for w in sys_words]
    n, m = len(a), len(b)
    # best[i][j]: length of the LCS of a[i:] and b[j:]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        ai = a[i]
        for j in range(m - 1, -1, -1):
            if ai == b[j]:
                row[j] = below[j + 1] + 1
            else:
                row[j] = below[j] if below[j] >= row[j + 1] else row[j + 1]
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            link[s0 + j] = g0 + i
            i += 1
            j += 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1


def align(gold, system):
    """Maps every system word to the index of its gold word, or UNALIGNED.
    Returns the map and the number of multiword regions."""
    gw, sw = gold.words, system.words
    ng, ns = len(gw), len(sw)
    link = [UNALIGNED] * ns
    regions = 0
    i = j = 0
    while i < ng and j < ns:
        g, s = gw[i], sw[j]
        if not g.in_mwt and not s.in_mwt:
            if g.start == s.start and g.end == s.end:
                link[j] = i
                i += 1
                j += 1
            elif g.start < s.start or (g.start == s.start and g.end < s.end):
                i += 1
            else:
                j += 1
            continue
        # A multiword token is involved.  The region starts at the leftmost
        # current word; it takes every word that starts before its end,
        # and each multiword token taken in pushes the end further.
        lo = min(g.start, s.start)
        hi = lo
        i0, j0 = i, j
        while True:
            if i < ng and (gw[i].start < hi or (i == i0 and gw[i].start == lo)):
                if gw[i].in_mwt and gw[i].end > hi:
                    hi = gw[i].end
                i += 1
            elif j < ns and (sw[j].start < hi or (j == j0 and sw[j].start == lo)):
                if sw[j].in_mwt and sw[j].end > hi:
                    hi = sw[j].end
                j += 1
            else:
                break
        if i > i0 and j > j0:
            regions += 1
            _align_by_forms(gw[i0:i], sw[j0:j], i0, j0, link)
    return link, regions


class Count:
    __slots__ = ("gold", "system", "correct", "aligned")

    def __init__(self, gold, system, correct=0, aligned=None):
        self.gold, self.system, self.correct, self.aligned = gold, system, correct, aligned

    def as_dict(self):
        c = self.correct
        out = {
            "precision": 100.0 * c / self.system if self.system else 0.0,
            "recall": 100.0 * c / self.gold if self.gold else 0.0,
            "f1": 200.0 * c / (self.gold + self.system) if self.gold + self.system else 0.0,
            "aligned_accuracy": None,
            "gold": self.gold, "system": self.system, "correct": c, "aligned": self.aligned,
        }
        if self.aligned is not None:
            out["aligned_accuracy"] = 100.0 * c / self.aligned if self.aligned else 0.0
        return out


def score(gold, system):
    """All metrics of gold against system (texts already checked)."""
    link, regions = align(gold, system)
    gw, sw = gold.words, system.words
    ng, ns = len(gw), len(sw)

    counts = {}
    counts["Tokens"] = Count(len(gold.tokens), len(system.tokens),
                             len(set(gold.tokens).intersection(system.tokens)))
    counts["Sentences"] = Count(len(gold.sentences), len(system.sentences),
                                len(set(gold.sentences).intersection(system.sentences)))
    pairs = [(g, s) for s, g in enumerate(link) if g != UNALIGNED]
    n_aligned = len(pairs)
    counts["Words"] = Count(ng, ns, n_aligned)
    for name in ("UPOS", "XPOS", "UFeats", "AllTags", "Lemmas", "UAS", "LAS"):
        counts[name] = Count(ng, ns, 0, n_aligned)
    gold_content = sum(1 for w in gw if w.content)
    sys_content = sum(1 for w in sw if w.content)
    for name in ("CLAS", "MLAS", "BLEX"):
        counts[name] = Count(gold_content, sys_content, 0, 0)

    def sys_head(w):
        return ROOT if w.head == ROOT else link[w.head]

    def same_function_words(g, s):
        gd, sd = g.fdeps or (), s.fdeps or ()
        if len(gd) != len(sd):
            return False
        for a, b in zip(gd, sd):
            if link[b.index] != a.index or a.rel != b.rel or a.upos != b.upos or a.feats != b.feats:
                return False
        return True

    upos_ok = xpos_ok = feats_ok = all_ok = lemma_ok = uas = las = 0
    clas = mlas = blex = content_aligned = 0
    for gi, si in pairs:
        g, s = gw[gi], sw[si]
        u = g.upos == s.upos
        f = g.feats == s.feats
        lem = g.lemma == "_" or g.lemma == s.lemma
        upos_ok += u
        feats_ok += f
        lemma_ok += lem
        if g.xpos == s.xpos:
            xpos_ok += 1
            all_ok += u and f
        if g.head != sys_head(s):
            if g.content:
                content_aligned += 1
            continue
        uas += 1
        labelled = g.rel == s.rel
        las += labelled
        if g.content:
            content_aligned += 1
            if labelled:
                clas += 1
                blex += lem
                if u and f and (g.fdeps is s.fdeps is None or same_function_words(g, s)):
                    mlas += 1
    for name, value in (("UPOS", upos_ok), ("XPOS", xpos_ok), ("UFeats", feats_ok),
                        ("AllTags", all_ok), ("Lemmas", lemma_ok), ("UAS", uas), ("LAS", las),
                        ("CLAS", clas), ("MLAS", mlas), ("BLEX", blex)):
        counts[name].correct = value
    for name in ("CLAS", "MLAS", "BLEX"):
        counts[name].aligned = content_aligned
    result = {name: counts[name].as_dict() for name in METRICS}
    return result, regions


def evaluate(gold_path, system_path):
    """Scores two files; returns (metrics, details).  Raises InputError."""
    gold = load(gold_path)
    system = load(system_path)
    check_same_text(gold, system)
    result, regions = score(gold, system)
    details = {"multiword_regions": regions, "problems": {
        gold_path: gold.problems, system_path: system.problems}}
    return result, details


def format_table(result, verbose=False):
    head = "Metric     | Precision |    Recall |  F1 Score | AligndAcc"
    rule = "-----------+-----------+-----------+-----------+-----------"
    if verbose:
        head += " |      Gold |    System |   Correct |   Aligned"
        rule += "+-----------+-----------+-----------+-----------"
    lines = [head, rule]
    for name in METRICS:
        r = result[name]
        acc = r["aligned_accuracy"]
        row = "%-11s|%10.2f |%10.2f |%10.2f |%s" % (
            name, r["precision"], r["recall"], r["f1"],
            "%10.2f" % acc if acc is not None else "")
        if verbose:
            row = "%-58s |%10d |%10d |%10d |%10s" % (
                row, r["gold"], r["system"], r["correct"],
                r["aligned"] if r["aligned"] is not None else "")
        lines.append(row)
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog=PROG, description=__doc__.split("\n\n", 1)[0].split(" - ", 1)[1],
        epilog=__doc__.split("\n\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", metavar="GOLD.conllu")
    ap.add_argument("system", metavar="SYSTEM.conllu")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="also print the counts behind each score and every tree problem")
    ap.add_argument("--json", action="store_true", help="print the scores as a JSON object")
    args = ap.parse_args(argv)
    try:
        result, details = evaluate(args.gold, args.system)
    except InputError as err:
        print("%s: %s" % (PROG, err), file=sys.stderr)
        return 2
    for path, problems in details["problems"].items():
        if not problems:
            continue
        print("%s: warning: %s: %d sentence%s not a well-formed tree (scored as %s)"
              % (PROG, path, len(problems), " is" if len(problems) == 1 else "s are",
                 "it is" if len(problems) == 1 else "they are"), file=sys.stderr)
        if args.verbose:
            for line, message in problems[:50]:
                print("  %s:%d: %s" % (path, line, message), file=sys.stderr)
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(format_table(result, args.verbose))
        if args.verbose:
            print("%d regions with multiword tokens aligned by their forms"
                  % details["multiword_regions"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
