/*
 * test_event.c - unit tests of event patterns and event assembly on
 * hand-parsed sentences (no models needed): the pattern format and its
 * errors, the most specific pattern winning, passives, coordinated actors,
 * negation, event nouns with their modifier as source, role reversal, the
 * subject of coordinated verbs, discards, and the CAMEO code table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "code/cameo.h"
#include "code/event.h"

static const char patterns[] =
    "# patterns written for these tests\n"
    "[verbs]\n"
    "attack|assault => 190\n"
    "fire at:T => 190\n"
    "fire obj=rocket|missile at:T => 195\n"
    "receive obj=aid from:S subj:T => 070\n"
    "arrest => 173\n"
    "seize => 190\n"
    "[nouns]\n"
    "strike on:T => 195\n"
    "[discards]\n"
    "Premier League\n";

static pattern_set ps;

static int setup(void **state)
{
    (void)state;
    buf err = BUF_INIT;
    assert_int_equal(pattern_init(&ps), 0);
    int64_t n = pattern_load_text(&ps, "test.patterns", patterns, sizeof patterns - 1, &err);
    if (n < 0)
        fprintf(stderr, "%s", err.p);
    assert_int_equal(n, 8);
    pattern_finish(&ps);
    buf_free(&err);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    pattern_free(&ps);
    return 0;
}

/* A sentence written as "form/lemma/POS/head/rel" items (head 0 = root,
 * 1-based), with actors given as "start-end=CODE" word ranges (1-based,
 * inclusive); returns the events as "SOURCE>TARGET:CODE" items. */
static const char *code_sentence(const char *spec, const char *actors_spec)
{
    static char out[256];
    static char storage[2048];
    static word w[32];
    static uint8_t pos[32];
    static const char *rel[32];
    actor a[8];
    uint32_t n = 0, na = 0;
    snprintf(storage, sizeof storage, "%s", spec);
    for (char *item = strtok(storage, " "); item && n < 32; item = strtok(NULL, " ")) {
        char *f[5];
        for (int k = 0; k < 5; k++) {
            f[k] = item;
            item = strchr(item, '/');
            if (item)
                *item++ = 0;
        }
        memset(&w[n], 0, sizeof w[n]);
        word_set_form(&w[n], f[0]);
        w[n].lemma = f[1];
        pos[n] = actor_pos_of(f[2]);
        w[n].head = atoi(f[3]) - 1;
        rel[n] = f[4];
        n++;
    }
    char acts[256];
    snprintf(acts, sizeof acts, "%s", actors_spec);
    memset(a, 0, sizeof a);
    for (char *item = strtok(acts, " "); item && na < 8; item = strtok(NULL, " ")) {
        unsigned b, e;
        char code[16];
        assert_int_equal(sscanf(item, "%u-%u=%15s", &b, &e, code), 3);
        a[na].start = b - 1;
        a[na].end = e;
        snprintf(a[na].code, sizeof a[na].code, "%s", code);
        na++;
    }
    ev_sentence s = {w, pos, rel, n, a, na, 0};
    event ev[16];
    uint32_t k = event_find(&ps, &s, ev, 16);
    out[0] = 0;
    for (uint32_t i = 0; i < k && i < 16; i++) {
        size_t len = strlen(out);
        snprintf(out + len, sizeof out - len, "%s%s>%s:%s", i ? " " : "", ev[i].source >= 0 ? a[ev[i].source].code : "-",
                 ev[i].target >= 0 ? a[ev[i].target].code : "-", ev[i].code);
    }
    return out;
}

static void test_most_specific_pattern_wins(void **state)
{
    (void)state;
    assert_string_equal(code_sentence("Rebels/rebel/NOUN/2/nsubj fired/fire/VERB/0/root rockets/rocket/NOUN/2/obj "
                                      "at/at/ADP/6/case the/the/DET/6/det embassy/embassy/NOUN/2/obl",
                                      "1-1=REB 6-6=USAGOV"),
                        "REB>USAGOV:195");
    assert_string_equal(code_sentence("Rebels/rebel/NOUN/2/nsubj fired/fire/VERB/0/root at/at/ADP/5/case "
                                      "the/the/DET/5/det embassy/embassy/NOUN/2/obl",
                                      "1-1=REB 5-5=USAGOV"),
                        "REB>USAGOV:190");
    /* no "at" phrase: "fire" alone is no event */
    assert_string_equal(code_sentence("Rebels/rebel/NOUN/2/nsubj fired/fire/VERB/0/root shots/shot/NOUN/2/obj", "1-1=REB"),
                        "");
}

static void test_passive_and_coordination(void **state)
{
    (void)state;
    assert_string_equal(code_sentence("The/the/DET/2/det embassy/embassy/NOUN/4/nsubj:pass was/be/AUX/4/aux:pass "
                                      "attacked/attack/VERB/0/root by/by/ADP/6/case rebels/rebel/NOUN/4/obl:agent",
                                      "2-2=USAGOV 6-6=REB"),
                        "REB>USAGOV:190");
    assert_string_equal(code_sentence("The/the/DET/2/det US/US/PROPN/5/nsubj and/and/CCONJ/4/cc Iran/Iran/PROPN/2/conj "
                                      "attacked/attack/VERB/0/root the/the/DET/7/det base/base/NOUN/5/obj",
                                      "2-2=USA 4-4=IRN"),
                        "USA>-:190 IRN>-:190");
    /* "Police arrested two men and seized weapons": the second verb takes the first one's subject */
    assert_string_equal(code_sentence("Police/police/NOUN/2/nsubj arrested/arrest/VERB/0/root two/two/NUM/4/nummod "
                                      "men/man/NOUN/2/obj and/and/CCONJ/6/cc seized/seize/VERB/2/conj "
                                      "guards/guard/NOUN/6/obj",
                                      "1-1=IRQCOP 7-7=IRQMIL"),
                        "IRQCOP>-:173 IRQCOP>IRQMIL:190");
}

/* Parse errors the coder repairs. */
static void test_repaired_parses(void **state)
{
    (void)state;
    /* "Iraq indicated it should have attacked Iran" with "it" parsed as the object of "indicated" */
    assert_string_equal(code_sentence("Iraq/Iraq/PROPN/2/nsubj indicated/indicate/VERB/0/root it/it/PRON/2/obj "
                                      "should/should/AUX/6/aux have/have/AUX/6/aux attacked/attack/VERB/2/ccomp "
                                      "Iran/Iran/PROPN/6/obj",
                                      "1-1=IRQ 7-7=IRN"),
                        "IRQ>IRN:190");
}

static void test_negation_nouns_roles_discards(void **state)
{
    (void)state;
    assert_string_equal(code_sentence("Rebels/rebel/NOUN/4/nsubj did/do/AUX/4/aux not/not/PART/4/advmod "
                                      "attack/attack/VERB/0/root the/the/DET/6/det base/base/NOUN/4/obj",
                                      "1-1=REB 6-6=IRQMIL"),
                        "");
    assert_string_equal(code_sentence("a/a/DET/3/det US/US/PROPN/3/compound strike/strike/NOUN/0/root on/on/ADP/5/case "
                                      "Baghdad/Baghdad/PROPN/3/nmod",
                                      "2-2=USA 5-5=IRQ"),
                        "USA>IRQ:195");
    assert_string_equal(code_sentence("Iraq/Iraq/PROPN/2/nsubj received/receive/VERB/0/root aid/aid/NOUN/2/obj "
                                      "from/from/ADP/5/case Japan/Japan/PROPN/2/obl",
                                      "1-1=IRQ 5-5=JPN"),
                        "JPN>IRQ:070");
    assert_string_equal(code_sentence("The/the/DET/2/det striker/striker/NOUN/3/nsubj attacked/attack/VERB/0/root "
                                      "in/in/ADP/7/case the/the/DET/7/det Premier/Premier/PROPN/7/compound "
                                      "League/League/PROPN/3/obl",
                                      "2-2=ENG"),
                        "");
}

/* Loads text as patterns and checks the error message. */
static void refused(const char *text, const char *message)
{
    pattern_set p;
    buf err = BUF_INIT;
    assert_int_equal(pattern_init(&p), 0);
    assert_int_equal(pattern_load_text(&p, "bad.patterns", text, strlen(text), &err), -1);
    if (!err.p || !strstr(err.p, message))
        fail_msg("expected \"%s\" in: %s", message, err.p ? err.p : "(nothing)");
    buf_free(&err);
    pattern_free(&p);
}

static void test_pattern_errors(void **state)
{
    (void)state;
    refused("attack => 190\nfire at:T 190\n", "bad.patterns:2: expected HEAD SLOT... => CODE");
    refused("fire at:X => 190\n", "bad.patterns:1: \"at:X\" is not a slot");
    refused("fire => 19x\n", "bad.patterns:1: the code is a CAMEO event code");
    refused("fire => 19000\n", "the code is a CAMEO event code");
    refused("Fire => 190\n", "the head is a lower-case lemma");
    refused("[nouns]\nstrike obj => 190\n", "bad.patterns:2: event nouns take no obj or subj slot");
    refused("[adjectives]\n", "unknown section");
    refused("fire => 190 => 191\n", "more than one '=>'");
    refused("prt=out => 190\n", "the head is a lower-case lemma");
    refused("call prt=OUT => 190\n", "is not a slot");
    refused("fire subj => 190\n", "is not a slot");
    refused("fire\x01 => 190\n", "a control character");
}

static void test_code_table(void **state)
{
    (void)state;
    static const char table[] = "# codes written for this test\n"
                                "190 | 4 | -10.0 | ASSAULT | - | Military force\n"
                                "0211 | 1 | 3.4 | - | - | Appeal for aid\n";
    cameo_table t;
    buf err = BUF_INIT;
    assert_int_equal(cameo_load_text(&t, "codes", table, sizeof table - 1, &err), 0);
    const cameo_code *c = cameo_find(&t, "190");
    assert_non_null(c);
    assert_int_equal(c->quad, 4);
    assert_true(c->goldstein < -9.9f);
    assert_string_equal(c->plover, "ASSAULT");
    assert_string_equal(c->mode, "");
    assert_null(cameo_find(&t, "191"));
    cameo_free(&t);
    static const char bad[] = "190 | 5 | -10.0 | ASSAULT | - | Military force\n";
    assert_int_equal(cameo_load_text(&t, "codes", bad, sizeof bad - 1, &err), -1);
    assert_non_null(strstr(err.p, "codes:1: QuadClass"));
    static const char twice[] = "190 | 4 | -10.0 | ASSAULT | - | A\n190 | 4 | -10.0 | ASSAULT | - | B\n";
    assert_int_equal(cameo_load_text(&t, "codes", twice, sizeof twice - 1, &err), -1);
    assert_non_null(strstr(err.p, "listed twice"));
    buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_most_specific_pattern_wins),
        cmocka_unit_test(test_passive_and_coordination),
        cmocka_unit_test(test_negation_nouns_roles_discards),
        cmocka_unit_test(test_repaired_parses),
        cmocka_unit_test(test_pattern_errors),
        cmocka_unit_test(test_code_table),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
