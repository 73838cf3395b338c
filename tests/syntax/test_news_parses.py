#!/usr/bin/env python3
"""The constructions event coding depends on, parsed by the committed models.

Run: python3 tests/syntax/test_news_parses.py KHALDUN_BINARY   (standard library only)

Each test parses sentences written for these tests with
`khaldun parse --brief` and checks only the relations an event coder reads
(who is the subject, the passive agent, the object, which clause a speech
verb governs), so that retraining the models does not break the tests over
attachments nobody relies on.  Where the treebanks' guidelines allow two
analyses, both are accepted.
"""
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BINARY = os.path.join(REPO, "build", "khaldun")


class Word:
    def __init__(self, index, form, upos, deprel, head):
        self.index, self.form, self.upos, self.deprel, self.head = index, form, upos, deprel, head


def parse(text):
    """The words of each sentence of text: lists of Word (1-based heads)."""
    out = subprocess.run([BINARY, "parse", "--brief", "--input", "txt", "-"], input=text.encode(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    sentences = []
    for line in out.stdout.decode().splitlines():
        words = []
        for k, item in enumerate(line.split(" ")):
            front, head = item.rsplit(">", 1)
            form, upos, deprel = front.rsplit("/", 2)
            words.append(Word(k + 1, form, upos, deprel, int(head)))
        sentences.append(words)
    return sentences


def one(text):
    got = parse(text)
    assert len(got) == 1, "expected one sentence in %r, got %d" % (text, len(got))
    return got[0]


# (sentence, [(dependent, relations, head)]): parsed right when all hold
KNOWN_HARD = [
    ("The deal, which the two leaders signed in Geneva, ends the war.",
     [("deal", "nsubj", "ends"), ("signed", "acl:relcl", "deal"), ("leaders", "nsubj", "signed")]),
    ("The militia, which Tehran supports, attacked the base near Kirkuk.",
     [("supports", "acl:relcl", "militia"), ("militia", "nsubj", "attacked")]),
    ("Forces surrounded the district after gunmen who had fled the city attacked a checkpoint.",
     [("gunmen", "nsubj", "attacked"), ("attacked", "advcl", "surrounded")]),
]


class NewsParses(unittest.TestCase):
    def word(self, words, form, nth=1):
        seen = 0
        for w in words:
            if w.form == form:
                seen += 1
                if seen == nth:
                    return w
        self.fail("no word %r in %s" % (form, self.show(words)))

    def show(self, words):
        return " ".join("%s/%s/%s>%d" % (w.form, w.upos, w.deprel, w.head) for w in words)

    def holds(self, words, dependent, deprels, head):
        """Whether dependent hangs from head with one of deprels ("|"-separated)."""
        d, h = self.word(words, dependent), self.word(words, head)
        return d.head == h.index and d.deprel in deprels.split("|")

    def arc(self, words, dependent, deprels, head):
        """dependent hangs from head with one of deprels ("|"-separated)."""
        ok = self.holds(words, dependent, deprels, head)
        self.assertTrue(ok, "%s should be %s of %s in: %s" % (dependent, deprels, head, self.show(words)))

    def arc_any(self, words, dependent, choices):
        """dependent hangs by one of choices, (deprel, head) pairs."""
        d = self.word(words, dependent)
        ok = any(d.head == self.word(words, h).index and d.deprel == r for r, h in choices)
        self.assertTrue(ok, "%s should be one of %s in: %s" % (dependent, choices, self.show(words)))

    def root(self, words, form):
        w = self.word(words, form)
        self.assertTrue(w.head == 0 and w.deprel == "root", "%s should be the root of: %s" % (form, self.show(words)))

    def test_passive_with_agent_under_a_speech_verb(self):
        s = one("Officials said the attack was initiated by the United States.")
        self.root(s, "said")
        self.arc(s, "Officials", "nsubj", "said")
        self.arc(s, "initiated", "ccomp", "said")
        self.arc(s, "attack", "nsubj:pass", "initiated")
        self.arc(s, "States", "obl:agent", "initiated")

    def test_accused_of(self):
        s = one("The United States accused Iran of backing the militia.")
        self.arc(s, "States", "nsubj", "accused")
        self.arc(s, "Iran", "obj", "accused")
        self.arc(s, "backing", "advcl", "accused")
        self.arc(s, "militia", "obj", "backing")

    def test_prepositional_attachment(self):
        s = one("Rockets slammed into the embassy in Baghdad on Sunday.")
        self.root(s, "slammed")
        self.arc(s, "Rockets", "nsubj", "slammed")
        self.arc(s, "embassy", "obl", "slammed")
        self.arc_any(s, "Baghdad", [("nmod", "embassy"), ("obl", "slammed")])
        self.arc(s, "Sunday", "obl|obl:tmod", "slammed")

    def test_coordinated_verbs_share_the_subject(self):
        s = one("Police arrested two men and seized weapons in the raid.")
        self.arc(s, "Police", "nsubj", "arrested")
        self.arc(s, "men", "obj", "arrested")
        self.arc(s, "seized", "conj", "arrested")
        self.arc(s, "weapons", "obj", "seized")

    def test_coordinated_subjects(self):
        s = one("Turkey and Russia signed a ceasefire agreement on Thursday.")
        self.arc(s, "Turkey", "nsubj", "signed")
        self.arc(s, "Russia", "conj", "Turkey")
        self.arc(s, "agreement", "obj", "signed")

    def test_relative_clauses(self):
        s = one("Gunmen who stormed the hotel killed two guards.")
        self.arc(s, "Gunmen", "nsubj", "killed")
        self.arc(s, "stormed", "acl:relcl", "Gunmen")
        self.arc(s, "who", "nsubj", "stormed")
        self.arc(s, "guards", "obj", "killed")
        s = one("The militia, which is backed by Tehran, attacked the base near Kirkuk.")
        self.arc(s, "militia", "nsubj", "attacked")
        self.arc(s, "backed", "acl:relcl", "militia")
        self.arc(s, "Tehran", "obl:agent", "backed")

    def test_known_hard_constructions_are_reported(self):
        """Constructions the greedy parser gets right with some models and
        wrong with others: counted and printed, never failed, so that
        retraining shows its effect on them."""
        right = 0
        for text, checks in KNOWN_HARD:
            words = one(text)
            ok = all(self.holds(words, d, rels, h) for d, rels, h in checks)
            right += ok
            if not ok:
                sys.stderr.write("known hard, parsed wrong: %s\n  %s\n" % (text, self.show(words)))
        sys.stderr.write("known hard constructions: %d of %d parsed right\n" % (right, len(KNOWN_HARD)))

    def test_speech_verb_after_the_quote(self):
        s = one('"We will respond to any attack," the defence minister said on Monday.')
        self.arc(s, "minister", "nsubj", "said")
        said, respond = self.word(s, "said"), self.word(s, "respond")
        # UD English attaches either way round: quote as ccomp of said, or said as parataxis of the quote
        ok = (respond.head == said.index and respond.deprel == "ccomp") or (
            said.head == respond.index and said.deprel == "parataxis")
        self.assertTrue(ok, self.show(s))

    def test_mixed_case_headline(self):
        s = one("Protesters storm US embassy in Baghdad")
        self.root(s, "storm")
        self.arc(s, "Protesters", "nsubj", "storm")
        self.arc(s, "embassy", "obj", "storm")

    def test_all_caps_headline(self):
        s = one("IRAN THREATENS TO CLOSE STRAIT OF HORMUZ")
        self.root(s, "THREATENS")
        self.arc(s, "IRAN", "nsubj", "THREATENS")
        self.arc(s, "CLOSE", "xcomp", "THREATENS")
        self.arc(s, "STRAIT", "obj", "CLOSE")
        self.assertEqual(self.word(s, "TO").upos, "PART", self.show(s))

    def test_all_caps_headline_with_a_passive(self):
        s = one("TWO SOLDIERS KILLED IN ROADSIDE BOMBING")
        # a reduced passive: either the verb heads the headline, or it is a
        # reduced relative (acl) of the noun, as UD annotates many headlines
        self.arc_any(s, "SOLDIERS", [("nsubj", "KILLED"), ("nsubj:pass", "KILLED")]) if self.word(s, "KILLED").deprel == "root" \
            else self.arc(s, "KILLED", "acl", "SOLDIERS")
        self.arc(s, "BOMBING", "obl", "KILLED")

    def test_long_sentence_is_one_tree(self):
        text = ("The ministry said in a statement on Tuesday that security forces, backed by helicopters and "
                "armoured vehicles, had surrounded the district after gunmen who had fled the city overnight "
                "attacked a checkpoint, killing three soldiers and wounding at least seven civilians, and that "
                "the operation would continue until the area was secure and the roads to the north were reopened "
                "to traffic and to aid convoys.")
        s = one(text)
        self.assertGreaterEqual(len(s), 60)
        self.assertEqual([w.head for w in s].count(0), 1, self.show(s))
        for w in s:  # every word reaches the root without a cycle
            seen, h = set(), w.index
            while h != 0:
                self.assertNotIn(h, seen, self.show(s))
                seen.add(h)
                h = s[h - 1].head
        self.root(s, "said")
        self.arc(s, "ministry", "nsubj", "said")
        self.arc(s, "forces", "nsubj", "surrounded")
        self.arc(s, "checkpoint", "obj", "attacked")
        self.arc(s, "soldiers", "obj", "killing")

    def test_one_word_sentence(self):
        s = one("Ceasefire")
        self.assertEqual(len(s), 1)
        self.assertEqual((s[0].head, s[0].deprel), (0, "root"))


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main()
