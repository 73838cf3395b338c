/*
 * test_conllu.c - unit tests of the CoNLL-U reader and writer: every check
 * with a small handwritten case, recovery after a refused block, line-end
 * and layout variants, UTF-8 repair, long sentences, out-of-memory and I/O
 * failures, and round trips (a handwritten file, and the EWT dev treebank
 * from ../shared when it is there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "khaldun.h"
#include "syntax/conllu.h"

#define NAME "t.conllu"
#define MAXR 16

/* What reading a whole stream gave: the result of each call, the sentences
 * returned (strings in `mem`) and every message. */
typedef struct run {
    int rc[MAXR];
    int n;
    conllu_sent sent[MAXR];
    int nsent;
    arena mem;
    buf err;
} run;

/* Reads data[0..len) to its end (at most MAXR calls) into *R. */
static void read_stream(run *R, const char *data, size_t len)
{
    memset(R, 0, sizeof *R);
    arena_init(&R->mem, 0);
    FILE *f = len ? fmemopen((void *)(uintptr_t)data, len, "r") : tmpfile();
    assert_non_null(f);
    conllu_reader *r = conllu_open(f, NAME, &R->err);
    assert_non_null(r);
    int got;
    size_t seen = 0;
    while (R->n < MAXR && (got = conllu_next(r, &R->sent[R->nsent], &R->mem, &R->err)) != CONLLU_END) {
        R->rc[R->n++] = got;
        if (got == CONLLU_SENT)
            R->nsent++;
        if (got == CONLLU_FAIL)
            break;
        if (R->err.len > seen) /* one call's messages end with a newline here */
            buf_putc(&R->err, '\n');
        seen = R->err.len;
    }
    conllu_close(r);
    fclose(f);
}

static void read_str(run *R, const char *data) { read_stream(R, data, strlen(data)); }

static void run_free(run *R)
{
    arena_free(&R->mem);
    buf_free(&R->err);
}

static const char *errs(const run *R) { return R->err.p ? R->err.p : ""; }

/* A valid block used after bad ones: its only word is "ok". */
#define GOOD "1\tok\tok\tINTJ\tUH\t_\t0\troot\t0:root\t_\n"

/* Reads `bad` followed by a blank line and GOOD: expects one refusal whose
 * message starts with "t.conllu:LINE: " and contains `why`, then the good
 * block, then the end. */
static void expect_refusal(const char *bad, unsigned long line, const char *why)
{
    size_t n = strlen(bad);
    char *data = malloc(n + sizeof "\n" GOOD);
    assert_non_null(data);
    memcpy(data, bad, n);
    strcpy(data + n, "\n" GOOD);
    run R;
    read_str(&R, data);
    char head[64];
    snprintf(head, sizeof head, NAME ":%lu: ", line);
    if (R.n != 2 || R.rc[0] != CONLLU_SKIP || strncmp(errs(&R), head, strlen(head)) != 0 ||
        !strstr(errs(&R), why))
        fail_msg("input:\n%s\ncalls %d, first %d, messages: %s (expected %s...%s)", bad, R.n, R.rc[0], errs(&R),
                 head, why);
    assert_int_equal(R.rc[1], CONLLU_SENT);
    assert_string_equal(R.sent[0].words[0].form, "ok");
    run_free(&R);
    free(data);
}

/* ---- reading valid input ---- */

static const char basic[] = "# newdoc id = d1\n"
                            "# sent_id = s1\n"
                            "# text = Rebels fired, police said.\n"
                            "1\tRebels\trebel\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t2:nsubj\t_\n"
                            "2\tfired\tfire\tVERB\tVBD\t_\t5\tccomp\t5:ccomp\tSpaceAfter=No\n"
                            "3\t,\t,\tPUNCT\t,\t_\t2\tpunct\t2:punct\t_\n"
                            "4\tpolice\tpolice\tNOUN\tNN\t_\t5\tnsubj\t5:nsubj\t_\n"
                            "5\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t0:root\tGloss=x|SpaceAfter=No\n"
                            "6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t5:punct\t_\n"
                            "\n";

static void check_basic(const conllu_sent *s, unsigned long line)
{
    assert_int_equal(s->nwords, 6);
    assert_int_equal(s->ncomments, 3);
    assert_int_equal(s->nranges, 0);
    assert_string_equal(s->comments[0], "# newdoc id = d1");
    assert_string_equal(s->sent_id, "s1");
    assert_string_equal(s->text, "Rebels fired, police said.");
    assert_int_equal(s->line, line);
    const conllu_word *w = s->words;
    assert_string_equal(w[0].form, "Rebels");
    assert_string_equal(w[0].lemma, "rebel");
    assert_string_equal(w[0].upos, "NOUN");
    assert_string_equal(w[0].xpos, "NNS");
    assert_string_equal(w[0].feats, "Number=Plur");
    assert_string_equal(w[0].deprel, "nsubj");
    assert_string_equal(w[0].deps, "2:nsubj");
    assert_string_equal(w[0].misc, "_");
    assert_int_equal(w[0].head, 2);
    assert_int_equal(w[0].space_after, 1);
    assert_int_equal(w[1].space_after, 0);
    assert_int_equal(w[4].head, 0);
    assert_int_equal(w[4].space_after, 0);
    assert_string_equal(w[4].misc, "Gloss=x|SpaceAfter=No");
}

static void test_basic(void **state)
{
    (void)state;
    run R;
    read_str(&R, basic);
    assert_int_equal(R.n, 1);
    assert_int_equal(R.rc[0], CONLLU_SENT);
    assert_string_equal(errs(&R), "");
    check_basic(&R.sent[0], 1);
    run_free(&R);
}

/* CRLF line ends and a byte order mark give the same sentence. */
static void test_crlf_and_bom(void **state)
{
    (void)state;
    buf in = BUF_INIT;
    buf_puts(&in, "\xEF\xBB\xBF");
    for (const char *p = basic; *p; p++) {
        if (*p == '\n')
            buf_putc(&in, '\r');
        buf_putc(&in, *p);
    }
    run R;
    read_str(&R, in.p);
    assert_int_equal(R.n, 1);
    assert_string_equal(errs(&R), "");
    check_basic(&R.sent[0], 1);
    run_free(&R);
    buf_free(&in);
}

/* Blank lines repeat, the last block has no final blank line; the line of
 * each block is right. */
static void test_layout(void **state)
{
    (void)state;
    run R;
    read_str(&R, "\n\n" GOOD "\n\n \n\n" GOOD "\n" GOOD);
    assert_int_equal(R.n, 3);
    assert_int_equal(R.nsent, 3);
    assert_int_equal(R.sent[0].line, 3);
    assert_int_equal(R.sent[1].line, 8);
    assert_int_equal(R.sent[2].line, 10);
    assert_string_equal(errs(&R), "");
    run_free(&R);
    /* without any final line end */
    read_str(&R, "1\tend\t_\t_\t_\t_\t0\troot\t_\t_");
    assert_int_equal(R.nsent, 1);
    assert_string_equal(R.sent[0].words[0].form, "end");
    assert_string_equal(R.sent[0].words[0].misc, "_");
    run_free(&R);
}

static void test_empty_input(void **state)
{
    (void)state;
    run R;
    read_str(&R, "");
    assert_int_equal(R.n, 0);
    run_free(&R);
    read_str(&R, "\n\r\n\n");
    assert_int_equal(R.n, 0);
    assert_string_equal(errs(&R), "");
    run_free(&R);
    read_str(&R, "\xEF\xBB\xBF");
    assert_int_equal(R.n, 0);
    run_free(&R);
}

/* Comments may stand anywhere before the words, mixed with blank-free
 * layouts; sent_id and text are found wherever they are. */
static void test_comments(void **state)
{
    (void)state;
    run R;
    read_str(&R, "# text = Hi\n# a note\n# sent_id = x-7\n" GOOD);
    assert_int_equal(R.nsent, 1);
    assert_int_equal(R.sent[0].ncomments, 3);
    assert_string_equal(R.sent[0].text, "Hi");
    assert_string_equal(R.sent[0].sent_id, "x-7");
    run_free(&R);
    read_str(&R, GOOD);
    assert_null(R.sent[0].sent_id);
    assert_null(R.sent[0].text);
    assert_null(R.sent[0].comments);
    run_free(&R);
}

/* A multiword token and an empty node (dropped; DEPS may still name it). */
static void test_ranges_and_empty_nodes(void **state)
{
    (void)state;
    run R;
    read_str(&R, "1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t3:nsubj\t_\n"
                 "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                 "2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t3:aux\t_\n"
                 "3\tn't\tnot\tPART\tRB\t_\t0\troot\t0:root\t_\n"
                 "3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t0:root\tCopyOf=3\n"
                 "4-5\tgonna\t_\t_\t_\tTypo=Yes\t_\t_\t_\t_\n"
                 "4\tgon\tgo\tVERB\tVBG\t_\t3\txcomp\t3.1:xcomp\t_\n"
                 "5\tna\tto\tPART\tTO\t_\t4\tmark\t4:mark\t_\n");
    assert_int_equal(R.nsent, 1);
    const conllu_sent *s = &R.sent[0];
    assert_int_equal(s->nwords, 5);
    assert_int_equal(s->nranges, 2);
    assert_int_equal(s->ranges[0].first, 2);
    assert_int_equal(s->ranges[0].last, 3);
    assert_string_equal(s->ranges[0].form, "don't");
    assert_int_equal(s->ranges[0].space_after, 0);
    assert_string_equal(s->ranges[0].feats, "_");
    assert_string_equal(s->ranges[1].feats, "Typo=Yes");
    assert_int_equal(s->ranges[1].space_after, 1);
    assert_string_equal(s->words[3].form, "gon");
    assert_string_equal(s->words[3].deps, "3.1:xcomp");
    run_free(&R);
}

/* Files without trees: every head "_" gives -1. */
static void test_no_heads(void **state)
{
    (void)state;
    run R;
    read_str(&R, "1\tA\ta\tDET\tDT\t_\t_\t_\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t_\t_\t_\t_\n");
    assert_int_equal(R.nsent, 1);
    assert_int_equal(R.sent[0].words[0].head, -1);
    assert_int_equal(R.sent[0].words[1].head, -1);
    run_free(&R);
}

/* A word whose FORM is "_" (EWT has them) and a very long MISC (longer than
 * the reader's 64 KiB chunk). */
static void test_underscore_form_and_long_misc(void **state)
{
    (void)state;
    size_t misc_len = 200000;
    buf in = BUF_INIT;
    buf_puts(&in, "1\t_\t_\tPUNCT\tNFP\t_\t0\troot\t0:root\tX=");
    for (size_t k = 0; k < misc_len; k++)
        buf_putc(&in, (char)('a' + k % 26));
    buf_puts(&in, "|SpaceAfter=No\n");
    run R;
    read_str(&R, in.p);
    assert_int_equal(R.nsent, 1);
    assert_string_equal(R.sent[0].words[0].form, "_");
    assert_int_equal(strlen(R.sent[0].words[0].misc), misc_len + 2 + 14);
    assert_int_equal(R.sent[0].words[0].space_after, 0);
    run_free(&R);
    buf_free(&in);
}

/* ---- refusals, each followed by a good block that must come through ---- */

static void test_refuse_columns(void **state)
{
    (void)state;
    expect_refusal("# sent_id = a\n1\tx\tx\tX\tX\t_\t0\troot\t_\n", 2, "9 columns where 10 were expected");
    expect_refusal("1\tx\tx\tX\tX\t_\t0\troot\t_\t_\t_\n", 1, "11 columns");
    expect_refusal("1 x x X X _ 0 root _ _\n", 1, "1 column where 10");
    expect_refusal("1\tx\t\tX\tX\t_\t0\troot\t_\t_\n", 1, "column 3 (LEMMA) is empty");
}

static void test_refuse_ids(void **state)
{
    (void)state;
    expect_refusal(GOOD "3\tx\tx\tX\tX\t_\t1\tdep\t_\t_\n", 2, "word ID 3 where 2 was expected");
    expect_refusal("2\tx\tx\tX\tX\t_\t0\troot\t_\t_\n", 1, "word ID 2 where 1");
    expect_refusal("x\tx\tx\tX\tX\t_\t0\troot\t_\t_\n", 1, "bad ID \"x\"");
    expect_refusal("01\tx\tx\tX\tX\t_\t0\troot\t_\t_\n", 1, "bad ID \"01\"");
    expect_refusal(GOOD "1.x\tx\tx\tX\tX\t_\t_\t_\t_\t_\n", 2, "bad ID \"1.x\"");
}

static void test_refuse_ranges(void **state)
{
    (void)state;
    const char *w2 = "2\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
    char in[512];
    snprintf(in, sizeof in, GOOD "2-1\tba\t_\t_\t_\t_\t_\t_\t_\t_\n%s", w2);
    expect_refusal(in, 2, "bad range 2-1 (the first ID must be below the last)");
    snprintf(in, sizeof in, GOOD "2-x\tba\t_\t_\t_\t_\t_\t_\t_\t_\n%s", w2);
    expect_refusal(in, 2, "bad range \"2-x\"");
    snprintf(in, sizeof in, GOOD "%s1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n", w2);
    expect_refusal(in, 3, "range 1-2 must stand just before word 1, not after word 2");
    snprintf(in, sizeof in, GOOD "2-4\tbcd\t_\t_\t_\t_\t_\t_\t_\t_\n%s", w2);
    expect_refusal(in, 2, "range 2-4 goes beyond the last word (2)");
    snprintf(in, sizeof in, "1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1-3\tabc\t_\t_\t_\t_\t_\t_\t_\t_\n" GOOD "%s", w2);
    expect_refusal(in, 2, "range 1-3 overlaps range 1-2");
    snprintf(in, sizeof in, "1-2\tab\tab\t_\t_\t_\t_\t_\t_\t_\n" GOOD "%s", w2);
    expect_refusal(in, 1, "range 1-2: column 3 (LEMMA) must be \"_\"");
}

static void test_refuse_heads(void **state)
{
    (void)state;
    expect_refusal(GOOD "2\tb\tb\tX\tX\t_\t7\tdep\t_\t_\n3\tc\tc\tX\tX\t_\t1\tdep\t_\t_\n", 2,
                   "HEAD 7 out of range (the sentence has 3 words)");
    expect_refusal(GOOD "2\tb\tb\tX\tX\t_\tone\tdep\t_\t_\n", 2, "HEAD \"one\" is not a number");
    expect_refusal(GOOD "2\tb\tb\tX\tX\t_\t-1\tdep\t_\t_\n", 2, "HEAD \"-1\" is not a number");
    expect_refusal(GOOD "2\tb\tb\tX\tX\t_\t99999\tdep\t_\t_\n", 2, "HEAD 99999 out of range");
    expect_refusal(GOOD "2\tb\tb\tX\tX\t_\t2\tdep\t_\t_\n", 2, "word 2 is its own head");
    expect_refusal(GOOD "2\tb\tb\tX\tX\t_\t_\tdep\t_\t_\n", 2, "HEAD is \"_\" but the words before have numbers");
    expect_refusal("1\ta\ta\tX\tX\t_\t_\t_\t_\t_\n2\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n", 2,
                   "HEAD is a number but the words before have \"_\"");
}

static void test_refuse_cycle(void **state)
{
    (void)state;
    expect_refusal(GOOD "2\tb\tb\tX\tX\t_\t3\tdep\t_\t_\n3\tc\tc\tX\tX\t_\t4\tdep\t_\t_\n"
                        "4\td\td\tX\tX\t_\t2\tdep\t_\t_\n",
                   2, "heads form a cycle: 2 -> 3 -> 4 -> 2 (word 2 never reaches the root)");
}

static void test_refuse_layout(void **state)
{
    (void)state;
    expect_refusal("# only a comment\n# and another\n", 1, "block with no words");
    expect_refusal("# c\n1.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n", 1, "block with no words");
    expect_refusal(GOOD "# late\n", 2, "comment line after the words");
}

/* A line over CONLLU_MAX_LINE bytes is refused with its own line number, and
 * is not stored. */
static void test_refuse_long_line(void **state)
{
    (void)state;
    buf in = BUF_INIT;
    buf_puts(&in, "# c\n1\tx\tx\tX\tX\t_\t0\troot\t_\t");
    for (size_t k = 0; k <= CONLLU_MAX_LINE; k++)
        buf_putc(&in, 'm');
    buf_puts(&in, "\n2\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n");
    expect_refusal(in.p, 2, "line too long (over 1048576 bytes)");
    buf_free(&in);
}

/* A chain of n words, each the head of the next. */
static void chain(buf *in, uint32_t n)
{
    for (uint32_t k = 1; k <= n; k++)
        buf_printf(in, "%u\tw%u\tw\tX\tX\t_\t%u\tdep\t_\t_\n", k, k, k - 1);
}

static void test_refuse_too_many_words(void **state)
{
    (void)state;
    buf in = BUF_INIT;
    chain(&in, CONLLU_MAX_WORDS + 1);
    expect_refusal(in.p, CONLLU_MAX_WORDS + 1, "sentence too long (over 10000 words)");
    buf_free(&in);
}

/* After a refused block the reader goes on with the next one, and every
 * message names the line. */
static void test_recovery(void **state)
{
    (void)state;
    run R;
    read_str(&R, GOOD "\n1\tbad\n2\tmore\n\n" GOOD "\n# x\n1\ta\ta\tX\tX\t_\t5\tdep\t_\t_\n\n" GOOD);
    assert_int_equal(R.n, 5);
    int want[5] = {CONLLU_SENT, CONLLU_SKIP, CONLLU_SENT, CONLLU_SKIP, CONLLU_SENT};
    for (int k = 0; k < 5; k++)
        assert_int_equal(R.rc[k], want[k]);
    assert_int_equal(R.nsent, 3);
    assert_int_equal(R.sent[1].line, 6);
    assert_int_equal(R.sent[2].line, 11);
    assert_string_equal(errs(&R), NAME ":3: 2 columns where 10 were expected (columns are separated by tabs)\n" NAME
                                       ":9: HEAD 5 out of range (the sentence has 1 word)\n");
    run_free(&R);
}

/* ---- UTF-8 repair ---- */

static void test_invalid_utf8(void **state)
{
    (void)state;
    static const char in[] = "# text = caf\xC3\n"
                             "1\tcaf\xC3\xA9\t\xFF\tX\tX\t_\t0\troot\t_\t_\n"
                             "2\ta\xE2\x82\tb\x00z\tX\tX\t_\t1\tdep\t_\t_\n";
    run R;
    read_stream(&R, in, sizeof in - 1);
    assert_int_equal(R.n, 1);
    assert_int_equal(R.rc[0], CONLLU_SENT);
    const conllu_sent *s = &R.sent[0];
    assert_string_equal(s->text, "caf\xEF\xBF\xBD");
    assert_string_equal(s->words[0].form, "caf\xC3\xA9");
    assert_string_equal(s->words[0].lemma, "\xEF\xBF\xBD");
    assert_string_equal(s->words[1].form, "a\xEF\xBF\xBD");
    assert_string_equal(s->words[1].lemma, "b\xEF\xBF\xBDz");
    assert_string_equal(errs(&R), NAME ":1: invalid UTF-8 repaired\n" NAME ":2: invalid UTF-8 repaired\n" NAME
                                       ":3: invalid UTF-8 repaired\n" NAME ":3: NUL byte repaired\n");
    run_free(&R);
}

/* ---- long sentences ---- */

static void test_long_chains(void **state)
{
    (void)state;
    buf in = BUF_INIT;
    chain(&in, 2000);
    run R;
    read_str(&R, in.p);
    assert_int_equal(R.nsent, 1);
    assert_int_equal(R.sent[0].nwords, 2000);
    assert_int_equal(R.sent[0].words[1999].head, 1999);
    assert_string_equal(R.sent[0].words[1999].form, "w2000");
    run_free(&R);
    /* the longest allowed, as deep as a tree can be */
    buf_clear(&in);
    chain(&in, CONLLU_MAX_WORDS);
    read_str(&R, in.p);
    assert_int_equal(R.nsent, 1);
    assert_int_equal(R.sent[0].nwords, CONLLU_MAX_WORDS);
    run_free(&R);
    /* and the same closed into one long cycle */
    buf_clear(&in);
    for (uint32_t k = 1; k <= CONLLU_MAX_WORDS; k++)
        buf_printf(&in, "%u\tw\tw\tX\tX\t_\t%u\tdep\t_\t_\n", k, k == 1 ? CONLLU_MAX_WORDS : k - 1);
    read_str(&R, in.p);
    assert_int_equal(R.n, 1);
    assert_int_equal(R.rc[0], CONLLU_SKIP);
    assert_non_null(strstr(errs(&R), "heads form a cycle: 1 -> 10000 -> 9999"));
    assert_non_null(strstr(errs(&R), " -> ... -> 1 (word 1 never reaches the root)"));
    run_free(&R);
    buf_free(&in);
}

/* ---- writing ---- */

static const char handwritten[] = "# newdoc\n"
                                  "# sent_id = hw-1\n"
                                  "# text = We can't go, they said\n"
                                  "# note\twith a tab\n"
                                  "1\tWe\twe\tPRON\tPRP\tCase=Nom|Number=Plur\t4\tnsubj\t4:nsubj\t_\n"
                                  "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                  "2\tca\tcan\tAUX\tMD\tVerbForm=Fin\t4\taux\t4:aux\t_\n"
                                  "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n"
                                  "4\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t7\tccomp\t7:ccomp\tSpaceAfter=No\n"
                                  "5\t,\t,\tPUNCT\t,\t_\t7\tpunct\t7:punct\t_\n"
                                  "6\tthey\tthey\tPRON\tPRP\t_\t7\tnsubj\t7:nsubj\t_\n"
                                  "7\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t0:root\tSpaceAfter=No|Sub=1\n"
                                  "\n"
                                  "# sent_id = hw-2\n"
                                  "1-2\tgimme\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                                  "1\tgim\tgive\tVERB\tVB\t_\t0\troot\t0:root\t_\n"
                                  "2\tme\tI\tPRON\tPRP\t_\t1\tiobj\t1:iobj\t_\n"
                                  "3\t_\t_\tPUNCT\tNFP\t_\t1\tpunct\t1:punct\t_\n"
                                  "\n"
                                  "1\tno\tno\tINTJ\tUH\t_\t_\t_\t_\t_\n"
                                  "\n";

static void test_roundtrip_handwritten(void **state)
{
    (void)state;
    run R;
    read_str(&R, handwritten);
    assert_int_equal(R.nsent, 3);
    buf out = BUF_INIT;
    for (int k = 0; k < R.nsent; k++)
        conllu_write(&out, &R.sent[k]);
    assert_false(out.failed);
    assert_string_equal(out.p, handwritten);
    buf_free(&out);
    run_free(&R);
}

/* A sentence built by hand: NULL and empty fields, head -1, space_after
 * against MISC, sent_id and text without comments. */
static void test_write_built(void **state)
{
    (void)state;
    conllu_word w[4] = {
        {"Hi", NULL, "INTJ", "", NULL, "root", NULL, "_", 0, 0},
        {"there", "there", "ADV", "RB", "_", "advmod", "_", "Foo=1", 1, 0},
        {"now", "now", "ADV", "RB", "_", "advmod", "_", "SpaceAfter=No|Bar=2", 1, 1},
        {"!", "!", "PUNCT", ".", "_", "punct", "_", "SpaceAfter=No", -1, 1},
    };
    conllu_range g = {2, 3, "therenow", NULL, 0, NULL};
    conllu_sent s = {w, 4, &g, 1, NULL, 0, "b-1", "Hi therenow!", 0};
    buf out = BUF_INIT;
    conllu_write(&out, &s);
    assert_string_equal(out.p, "# sent_id = b-1\n"
                               "# text = Hi therenow!\n"
                               "1\tHi\t_\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
                               "2-3\ttherenow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
                               "2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tFoo=1|SpaceAfter=No\n"
                               "3\tnow\tnow\tADV\tRB\t_\t1\tadvmod\t_\tBar=2\n"
                               "4\t!\t!\tPUNCT\t.\t_\t_\tpunct\t_\t_\n"
                               "\n");
    buf_free(&out);
}

/* ---- failures ---- */

static void test_read_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/null", "w");
    assert_non_null(f);
    buf err = BUF_INIT;
    arena a;
    arena_init(&a, 0);
    conllu_reader *r = conllu_open(f, NAME, &err);
    assert_non_null(r);
    conllu_sent s;
    assert_int_equal(conllu_next(r, &s, &a, &err), CONLLU_FAIL);
    assert_non_null(strstr(err.p, NAME ": read error"));
    assert_int_equal(conllu_next(r, &s, &a, &err), CONLLU_FAIL);
    conllu_close(r);
    fclose(f);
    arena_free(&a);
    buf_free(&err);
}

/* An allocator that fails from the n-th allocation on. */
static void *failing_alloc(void *ud, void *ptr, size_t size)
{
    long *left = ud;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (*left <= 0)
        return NULL;
    (*left)--;
    return realloc(ptr, size);
}

/* Reads `handwritten` with allocation failing at every possible point:
 * open returns NULL or reading ends in CONLLU_FAIL, never a crash. */
static void test_out_of_memory(void **state)
{
    (void)state;
    int completed = 0;
    for (long n = 0; n < 200 && !completed; n++) {
        long left = n;
        kh_set_allocator(failing_alloc, &left);
        buf err = BUF_INIT;
        arena a;
        arena_init(&a, 0);
        FILE *f = fmemopen((void *)(uintptr_t)handwritten, sizeof handwritten - 1, "r");
        conllu_reader *r = conllu_open(f, NAME, &err);
        int got = CONLLU_FAIL, nsent = 0;
        conllu_sent s;
        while (r && (got = conllu_next(r, &s, &a, &err)) == CONLLU_SENT)
            nsent++;
        if (r && got == CONLLU_END) {
            assert_int_equal(nsent, 3);
            completed = 1;
        } else if (r) {
            assert_int_equal(got, CONLLU_FAIL);
            assert_true(err.failed || (err.p && strstr(err.p, "out of memory")));
        }
        conllu_close(r);
        fclose(f);
        arena_free(&a);
        buf_free(&err);
        kh_set_allocator(NULL, NULL);
    }
    assert_true(completed);
}

/* ---- the EWT dev treebank, when ../shared is there ---- */

/* Loads a whole file into b; 0, or -1 when it cannot be opened. */
static int load(const char *path, buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        buf_append(b, tmp, n);
    fclose(f);
    return 0;
}

/* The lines of s[0..n) whose ID holds no '.' (empty nodes dropped). */
static void without_empty_nodes(const char *s, size_t n, buf *out)
{
    const char *end = s + n;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl + 1 : end;
        const char *tab = memchr(s, '\t', (size_t)(stop - s));
        if (s[0] == '#' || !tab || !memchr(s, '.', (size_t)(tab - s)))
            buf_append(out, s, (size_t)(stop - s));
        s = stop;
    }
}

static void test_ewt_dev_roundtrip(void **state)
{
    (void)state;
    const char *path = "../shared/data/ud/en_ewt-ud-dev.conllu";
    buf in = BUF_INIT, want = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
    if (load(path, &in) != 0) {
        buf_free(&in);
        skip();
    }
    FILE *f = fmemopen(in.p, in.len, "r");
    assert_non_null(f);
    conllu_reader *r = conllu_open(f, path, &err);
    assert_non_null(r);
    arena a;
    arena_init(&a, 0);
    conllu_sent s;
    int got;
    unsigned nsent = 0;
    while ((got = conllu_next(r, &s, &a, &err)) == CONLLU_SENT) {
        conllu_write(&out, &s);
        nsent++;
        arena_reset(&a);
    }
    assert_int_equal(got, CONLLU_END);
    assert_int_equal(err.len, 0);
    assert_true(nsent > 1000);
    without_empty_nodes(in.p, in.len, &want);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.p, want.p, want.len);
    conllu_close(r);
    fclose(f);
    arena_free(&a);
    buf_free(&in);
    buf_free(&want);
    buf_free(&out);
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_ranges_and_empty_nodes),
        cmocka_unit_test(test_no_heads),
        cmocka_unit_test(test_underscore_form_and_long_misc),
        cmocka_unit_test(test_refuse_columns),
        cmocka_unit_test(test_refuse_ids),
        cmocka_unit_test(test_refuse_ranges),
        cmocka_unit_test(test_refuse_heads),
        cmocka_unit_test(test_refuse_cycle),
        cmocka_unit_test(test_refuse_layout),
        cmocka_unit_test(test_refuse_long_line),
        cmocka_unit_test(test_refuse_too_many_words),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_long_chains),
        cmocka_unit_test(test_roundtrip_handwritten),
        cmocka_unit_test(test_write_built),
        cmocka_unit_test(test_read_error),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_ewt_dev_roundtrip),
    };
    return cmocka_run_group_tests_name("conllu", tests, NULL, NULL);
}
