#!/usr/bin/env python3
"""Tests of scripts/eval_syntax.py, the CoNLL 2018 style parse scorer.

Run: python3 tests/syntax/test_eval_syntax.py   (standard library only)

The sentences are made up for these tests.  When ../shared/data/ud holds the
English EWT treebank, its dev file is also scored against itself.
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(REPO, "scripts", "eval_syntax.py")
EWT_DEV = os.path.join(REPO, "..", "shared", "data", "ud", "en_ewt-ud-dev.conllu")

_spec = importlib.util.spec_from_file_location("eval_syntax", SCRIPT)
es = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(es)


def sent(rows):
    """One CoNLL-U sentence from rows of 8 white-space separated fields
    (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL); a row with 2 fields is a
    multiword token line (ID FORM).  DEPS and MISC are filled with '_'."""
    out = []
    for row in rows.strip().split("\n"):
        f = row.split()
        if len(f) == 2:
            f += ["_"] * 6
        assert len(f) == 8, row
        out.append("\t".join(f + ["_", "_"]))
    return "\n".join(out) + "\n\n"


# "Militias fired rockets at the base."
FIRED = """
1 Militias militia NOUN NNS Number=Plur 2 nsubj
2 fired fire VERB VBD Mood=Ind|Tense=Past|VerbForm=Fin 0 root
3 rockets rocket NOUN NNS Number=Plur 2 obj
4 at at ADP IN _ 6 case
5 the the DET DT Definite=Def|PronType=Art 6 det
6 base base NOUN NN Number=Sing 2 obl
7 . . PUNCT . _ 2 punct
"""

# "Talks resumed."
TALKS = """
1 Talks talk NOUN NNS Number=Plur 2 nsubj
2 resumed resume VERB VBD Mood=Ind|Tense=Past|VerbForm=Fin 0 root
3 . . PUNCT . _ 2 punct
"""

# "Police don't know." with "don't" split into two words.
POLICE_SPLIT = """
1 Police police NOUN NNS Number=Plur 4 nsubj
2-3 don't
2 do do AUX VBP Mood=Ind|Tense=Pres|VerbForm=Fin 4 aux
3 n't not PART RB Polarity=Neg 4 advmod
4 know know VERB VB VerbForm=Inf 0 root
5 . . PUNCT . _ 4 punct
"""

# The same with "don't" kept as one word.
POLICE_WHOLE = """
1 Police police NOUN NNS Number=Plur 3 nsubj
2 don't do AUX VBP Mood=Ind|Tense=Pres|VerbForm=Fin 3 aux
3 know know VERB VB VerbForm=Inf 0 root
4 . . PUNCT . _ 3 punct
"""

# "Iran-backed groups claimed the attack." with "Iran-backed" as three tokens...
IRAN_THREE = """
1 Iran Iran PROPN NNP Number=Sing 3 obl
2 - - PUNCT HYPH _ 3 punct
3 backed back VERB VBN Tense=Past|VerbForm=Part 4 amod
4 groups group NOUN NNS Number=Plur 5 nsubj
5 claimed claim VERB VBD Mood=Ind|Tense=Past|VerbForm=Fin 0 root
6 the the DET DT Definite=Def|PronType=Art 7 det
7 attack attack NOUN NN Number=Sing 5 obj
8 . . PUNCT . _ 5 punct
"""

# ... and as one.
IRAN_ONE = """
1 Iran-backed Iran-backed ADJ JJ Degree=Pos 2 amod
2 groups group NOUN NNS Number=Plur 3 nsubj
3 claimed claim VERB VBD Mood=Ind|Tense=Past|VerbForm=Fin 0 root
4 the the DET DT Definite=Def|PronType=Art 5 det
5 attack attack NOUN NN Number=Sing 3 obj
6 . . PUNCT . _ 3 punct
"""


def edit(rows, word_id, column, value):
    """rows with one field of word word_id replaced (column: 0-based index
    among the 8 fields)."""
    out = []
    for row in rows.strip().split("\n"):
        f = row.split()
        if f[0] == str(word_id):
            f[column] = value
        out.append(" ".join(f))
    return "\n".join(out)


UPOS, LEMMA, FEATS, HEAD, DEPREL = 3, 2, 5, 6, 7


class Scoring(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return path

    def score(self, gold_text, system_text):
        gold = self.write("gold.conllu", gold_text)
        system = self.write("system.conllu", system_text)
        result, _ = es.evaluate(gold, system)
        return result

    def run_cli(self, gold_text, system_text, *args):
        gold = self.write("gold.conllu", gold_text)
        system = self.write("system.conllu", system_text)
        return subprocess.run([sys.executable, SCRIPT, gold, system, *args],
                              capture_output=True, text=True, check=False)

    def assertScore(self, result, metric, precision, recall=None, f1=None, aligned=None):
        r = result[metric]
        recall = precision if recall is None else recall
        f1 = precision if f1 is None else f1
        self.assertAlmostEqual(r["precision"], precision, places=2, msg=metric + " precision")
        self.assertAlmostEqual(r["recall"], recall, places=2, msg=metric + " recall")
        self.assertAlmostEqual(r["f1"], f1, places=2, msg=metric + " F1")
        if aligned is not None:
            self.assertAlmostEqual(r["aligned_accuracy"], aligned, places=2,
                                   msg=metric + " aligned accuracy")

    def assertAllPerfect(self, result, skip=()):
        for metric in es.METRICS:
            if metric not in skip:
                self.assertScore(result, metric, 100.0)

    # -- the cases of the brief -------------------------------------------

    def test_identical_files(self):
        text = sent(FIRED) + sent(POLICE_SPLIT) + sent(IRAN_THREE)
        result = self.score(text, text)
        self.assertAllPerfect(result)
        for metric in es.METRICS:
            if metric in es.SPAN_METRICS:
                self.assertIsNone(result[metric]["aligned_accuracy"])
            else:
                self.assertEqual(result[metric]["aligned_accuracy"], 100.0)
        self.assertEqual(result["Words"]["gold"], 20)
        self.assertEqual(result["Tokens"]["gold"], 19)
        self.assertEqual(result["Sentences"]["gold"], 3)
        # content words: 4 + 3 (Police, n't, know) + 5
        self.assertEqual(result["CLAS"]["gold"], 12)

    def test_wrong_upos(self):
        result = self.score(sent(FIRED), sent(edit(FIRED, 3, UPOS, "VERB")))
        self.assertScore(result, "UPOS", 600 / 7, aligned=600 / 7)
        self.assertScore(result, "AllTags", 600 / 7)
        self.assertScore(result, "XPOS", 100.0)
        self.assertScore(result, "LAS", 100.0)
        self.assertScore(result, "CLAS", 100.0)
        # 4 content words (Militias, fired, rockets, base); rockets is wrong
        self.assertScore(result, "MLAS", 75.0)
        self.assertScore(result, "BLEX", 100.0)

    def test_wrong_head(self):
        # "at" attached to "fired" instead of "base"
        result = self.score(sent(FIRED), sent(edit(FIRED, 4, HEAD, "2")))
        self.assertScore(result, "UAS", 600 / 7)
        self.assertScore(result, "LAS", 600 / 7)
        # "at" is a function word: CLAS does not count it ...
        self.assertScore(result, "CLAS", 100.0)
        self.assertScore(result, "BLEX", 100.0)
        # ... but MLAS fails both "base" (lost a case dependent) and
        # "fired" (gained one)
        self.assertScore(result, "MLAS", 50.0)
        self.assertScore(result, "UPOS", 100.0)

    def test_wrong_head_of_content_word(self):
        result = self.score(sent(FIRED), sent(edit(FIRED, 3, HEAD, "6")))
        self.assertScore(result, "UAS", 600 / 7)
        self.assertScore(result, "CLAS", 75.0, aligned=75.0)
        self.assertScore(result, "MLAS", 75.0)
        self.assertScore(result, "BLEX", 75.0)

    def test_subtype_only_label_difference(self):
        system = edit(edit(FIRED, 1, DEPREL, "nsubj:pass"), 6, DEPREL, "obl:tmod")
        result = self.score(sent(FIRED), sent(system))
        self.assertAllPerfect(result)
        # and in the other direction
        result = self.score(sent(system), sent(FIRED))
        self.assertAllPerfect(result)

    def test_wrong_universal_label(self):
        result = self.score(sent(FIRED), sent(edit(FIRED, 1, DEPREL, "obj")))
        self.assertScore(result, "UAS", 100.0)
        self.assertScore(result, "LAS", 600 / 7)
        self.assertScore(result, "CLAS", 75.0)

    def test_punct_relation_is_not_content(self):
        # a wrong label on "." changes LAS but not CLAS
        result = self.score(sent(FIRED), sent(edit(FIRED, 7, DEPREL, "dep")))
        self.assertScore(result, "LAS", 600 / 7)
        # the system has one content word more than the gold
        self.assertScore(result, "CLAS", 80.0, 100.0, 800 / 9)

    def test_sentence_split_differently(self):
        merged = """
1 Talks talk NOUN NNS Number=Plur 2 nsubj
2 resumed resume VERB VBD Mood=Ind|Tense=Past|VerbForm=Fin 0 root
3 . . PUNCT . _ 2 punct
4 Police police NOUN NNS Number=Plur 7 nsubj
5-6 don't
5 do do AUX VBP Mood=Ind|Tense=Pres|VerbForm=Fin 7 aux
6 n't not PART RB Polarity=Neg 7 advmod
7 know know VERB VB VerbForm=Inf 2 parataxis
8 . . PUNCT . _ 7 punct
"""
        gold = sent(FIRED) + sent(TALKS) + sent(POLICE_SPLIT)
        system = sent(FIRED) + sent(merged)
        result = self.score(gold, system)
        self.assertScore(result, "Sentences", 50.0, 100 / 3, 40.0)
        for metric in ("Tokens", "Words", "UPOS", "Lemmas"):
            self.assertScore(result, metric, 100.0)
        # only "know" is attached differently (15 words)
        self.assertScore(result, "UAS", 1400 / 15)
        self.assertScore(result, "LAS", 1400 / 15)

    def test_multiword_split_in_gold_only(self):
        result = self.score(sent(POLICE_SPLIT), sent(POLICE_WHOLE))
        self.assertScore(result, "Tokens", 100.0)
        self.assertScore(result, "Sentences", 100.0)
        # gold: Police do n't know . / system: Police don't know .
        self.assertScore(result, "Words", 75.0, 60.0, 600 / 9)
        self.assertEqual(result["Words"]["correct"], 3)
        self.assertScore(result, "UAS", 75.0, 60.0, 600 / 9, aligned=100.0)
        self.assertScore(result, "UPOS", 75.0, 60.0, 600 / 9, aligned=100.0)
        # content words: gold Police, n't (advmod), know; system Police, know
        self.assertScore(result, "CLAS", 100.0, 200 / 3, 80.0)
        # "know" lost its aux dependent "do" (not aligned)
        self.assertScore(result, "MLAS", 50.0, 100 / 3, 40.0)

    def test_multiword_split_in_system_only(self):
        result = self.score(sent(POLICE_WHOLE), sent(POLICE_SPLIT))
        self.assertScore(result, "Tokens", 100.0)
        self.assertScore(result, "Words", 60.0, 75.0, 600 / 9)
        self.assertScore(result, "UAS", 60.0, 75.0, 600 / 9)
        self.assertScore(result, "CLAS", 200 / 3, 100.0, 80.0)

    def test_multiword_split_differently(self):
        # the system splits "don't" as "DO" + "not": "do" aligns (case is
        # folded), "not" does not
        system = POLICE_SPLIT.replace("2 do do", "2 DO do").replace("3 n't not", "3 not not")
        result = self.score(sent(POLICE_SPLIT), sent(system))
        self.assertScore(result, "Tokens", 100.0)
        self.assertScore(result, "Words", 80.0)
        self.assertEqual(result["Words"]["correct"], 4)
        self.assertScore(result, "LAS", 80.0, aligned=100.0)

    def test_multiword_aligned_by_forms(self):
        # the same split in both files: every word aligns
        system = POLICE_SPLIT.replace("2 do do", "2 Do do")
        result = self.score(sent(POLICE_SPLIT), sent(system))
        self.assertAllPerfect(result)

    def test_multiword_head_through_alignment(self):
        # "n't" attached to "do" in the system: heads compare through the
        # alignment inside the multiword token
        result = self.score(sent(POLICE_SPLIT), sent(edit(POLICE_SPLIT, 3, HEAD, "2")))
        self.assertScore(result, "UAS", 80.0)
        self.assertScore(result, "Words", 100.0)

    def test_tokenisation_difference(self):
        result = self.score(sent(IRAN_THREE), sent(IRAN_ONE))
        # gold 8 tokens, system 6, 5 in common (groups claimed the attack .)
        self.assertScore(result, "Tokens", 500 / 6, 62.5, 1000 / 14)
        self.assertScore(result, "Words", 500 / 6, 62.5, 1000 / 14)
        self.assertScore(result, "Sentences", 100.0)
        self.assertScore(result, "UAS", 500 / 6, 62.5, 1000 / 14, aligned=100.0)
        # content: gold Iran backed groups claimed attack; system
        # Iran-backed groups claimed attack; 3 right
        self.assertScore(result, "CLAS", 75.0, 60.0, 600 / 9)
        self.assertScore(result, "MLAS", 75.0, 60.0, 600 / 9)
        # and the other way round
        result = self.score(sent(IRAN_ONE), sent(IRAN_THREE))
        self.assertScore(result, "Tokens", 62.5, 500 / 6, 1000 / 14)

    def test_head_on_unaligned_word(self):
        # the system attaches "groups" to "Iran-backed", which has no gold
        # partner: the head is wrong
        result = self.score(sent(IRAN_THREE), sent(edit(IRAN_ONE, 2, HEAD, "1")))
        self.assertEqual(result["UAS"]["correct"], 4)

    def test_lemma_underscore_in_gold_matches_anything(self):
        gold = edit(FIRED, 3, LEMMA, "_")
        result = self.score(sent(gold), sent(edit(FIRED, 3, LEMMA, "rocketry")))
        self.assertScore(result, "Lemmas", 100.0)
        self.assertScore(result, "BLEX", 100.0)
        # but not the other way round
        result = self.score(sent(FIRED), sent(edit(FIRED, 3, LEMMA, "_")))
        self.assertScore(result, "Lemmas", 600 / 7)
        self.assertScore(result, "BLEX", 75.0)

    def test_ufeats_universal_features_only_and_order(self):
        system = edit(FIRED, 2, FEATS, "VerbForm=Fin|Tense=Past|Mood=Ind|Foo=Bar")
        result = self.score(sent(FIRED), sent(system))
        self.assertAllPerfect(result)
        system = edit(FIRED, 2, FEATS, "Mood=Ind|Tense=Pres|VerbForm=Fin")
        result = self.score(sent(FIRED), sent(system))
        self.assertScore(result, "UFeats", 600 / 7)
        self.assertScore(result, "MLAS", 75.0)

    def test_whitespace_does_not_matter(self):
        # CRLF line ends, blank lines around, a trailing no-break space in a
        # form, a token with an inner space against two gold tokens
        gold = sent(FIRED) + sent("""
1 New New PROPN NNP Number=Sing 2 compound
2 York York PROPN NNP Number=Sing 3 nsubj
3 waits wait VERB VBZ Mood=Ind|Tense=Pres|VerbForm=Fin 0 root
""")
        rows = sent(FIRED).replace("3\trockets\t", "3\trockets\u00a0\t").split("\n")
        system = "\r\n".join(["", "# text =   Militias fired rockets at the base.  "] + rows)
        system += "\t".join(["1", "New York", "New York", "PROPN", "NNP", "Number=Sing",
                             "2", "nsubj", "_", "_"]) + "\r\n"
        system += "\t".join(["2", "waits", "wait", "VERB", "VBZ",
                             "Mood=Ind|Tense=Pres|VerbForm=Fin", "0", "root", "_", "_"])
        system += "\r\n\r\n\r\n"
        result = self.score(gold, system)
        self.assertScore(result, "Sentences", 100.0)
        # gold 10 tokens, system 9; only "New York" against "New" "York" differs
        self.assertScore(result, "Tokens", 800 / 9, 80.0, 1600 / 19)
        self.assertEqual(result["Words"]["correct"], 8)
        self.assertEqual(result["LAS"]["correct"], 8)

    def test_empty_nodes_and_comments_are_ignored(self):
        with_empty = sent(TALKS).replace(
            "3\t.", "2.1\tresumed\tresume\tVERB\tVBD\t_\t_\t_\t0:root\t_\n3\t.")
        self.assertIn("2.1", with_empty)
        result = self.score("# newdoc id = x\n# sent_id = 1\n" + sent(TALKS), with_empty)
        self.assertAllPerfect(result)

    # -- the command line ---------------------------------------------------

    def test_cli_table_and_json(self):
        text = sent(FIRED)
        proc = self.run_cli(text, sent(edit(FIRED, 3, UPOS, "VERB")))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(lines[0].split("|")[0].strip(), "Metric")
        self.assertIn("AligndAcc", lines[0])
        self.assertEqual(len(lines), 2 + len(es.METRICS))
        upos = [l for l in lines if l.startswith("UPOS ")][0]
        self.assertEqual([c.strip() for c in upos.split("|")],
                         ["UPOS", "85.71", "85.71", "85.71", "85.71"])
        tokens = [l for l in lines if l.startswith("Tokens ")][0]
        self.assertEqual(tokens.split("|")[4].strip(), "")
        proc = self.run_cli(text, text, "--json")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        data = json.loads(proc.stdout)
        self.assertEqual(list(data), list(es.METRICS))
        self.assertEqual(data["LAS"]["f1"], 100.0)
        self.assertEqual(data["LAS"]["gold"], 7)
        proc = self.run_cli(text, text, "--verbose")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("Aligned", proc.stdout.splitlines()[0])

    def test_text_differs_is_an_error(self):
        system = FIRED.replace("3 rockets rocket", "3 rocket rocket")
        proc = self.run_cli(sent(FIRED), sent(system))
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(proc.stdout, "")
        self.assertIn("differ", proc.stderr)
        # character 19 is the "s" of "rockets"; both files' lines are named
        self.assertIn("character 19", proc.stderr)
        self.assertIn("gold.conllu:3:", proc.stderr)
        self.assertIn("system.conllu:4:", proc.stderr)
        # a system that stops early
        proc = self.run_cli(sent(FIRED) + sent(TALKS), sent(FIRED))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("system.conllu ends there", proc.stderr)

    def test_format_errors(self):
        bad = {
            "columns": sent(FIRED).replace("\tcase\t_\t_", "\tcase\t_"),
            "head": sent(FIRED).replace("\t6\tcase", "\tx\tcase"),
            "head range": sent(FIRED).replace("\t6\tcase", "\t9\tcase"),
            "word order": sent(FIRED).replace("5\tthe", "6\tthe"),
            "range": sent(POLICE_SPLIT).replace("2-3\t", "2-6\t"),
        }
        lines = {"columns": 4, "head": 4, "head range": 4, "word order": 5, "range": 2}
        for what, text in bad.items():
            proc = self.run_cli(sent(FIRED) if what != "range" else sent(POLICE_SPLIT), text)
            self.assertEqual(proc.returncode, 2, what)
            self.assertIn("system.conllu:%d:" % lines[what], proc.stderr, what)
        proc = subprocess.run([sys.executable, SCRIPT, "/nonexistent/gold.conllu",
                               self.write("s.conllu", sent(FIRED))],
                              capture_output=True, text=True, check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("/nonexistent/gold.conllu", proc.stderr)
        proc = subprocess.run([sys.executable, SCRIPT, "only-one-file"],
                              capture_output=True, text=True, check=False)
        self.assertEqual(proc.returncode, 2)

    def test_malformed_tree_is_scored_with_a_warning(self):
        cyclic = edit(edit(TALKS, 2, HEAD, "1"), 2, DEPREL, "acl")
        proc = self.run_cli(sent(TALKS), sent(cyclic))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("warning", proc.stderr)


@unittest.skipUnless(os.path.exists(EWT_DEV), "../shared/data/ud/en_ewt-ud-dev.conllu not found")
class Treebank(unittest.TestCase):
    def test_ewt_dev_against_itself(self):
        began = time.monotonic()
        proc = subprocess.run([sys.executable, SCRIPT, EWT_DEV, EWT_DEV, "--json"],
                              capture_output=True, text=True, check=False)
        took = time.monotonic() - began
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stderr, "")
        data = json.loads(proc.stdout)
        for metric in es.METRICS:
            for key in ("precision", "recall", "f1"):
                self.assertEqual(data[metric][key], 100.0, metric)
        self.assertGreater(data["Words"]["gold"], 20000)
        self.assertLess(took, 10.0)


if __name__ == "__main__":
    unittest.main()
