/*
 * test_lemma.c - unit tests of the lemmatiser: the rules on regular forms
 * of every inflected tag, the built-in irregulars, contractions and
 * pronouns, case handling (proper nouns, "I", UTF-8), exceptions learned
 * from a handmade list of triples, the payload round trip, refusal of
 * corrupt payloads, output capacity (0, 1, short, 1,000-byte forms),
 * determinism of training, and running out of memory while training.
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
#include "core/buf.h"
#include "syntax/lemma.h"

/* A word, its tags and its expected lemma. */
typedef struct wcase {
    const char *form, *xpos, *upos, *lemma;
} wcase;

#define NCASES(a) (sizeof(a) / sizeof((a)[0]))

/* Lemmatises every case with model m (or none) and checks the lemma. */
static void check_cases(const lem_model *m, const wcase *c, size_t n)
{
    char out[256];
    for (size_t i = 0; i < n; i++) {
        size_t len = lem_lemmatize(m, c[i].form, strlen(c[i].form), c[i].xpos, c[i].upos, out, sizeof out);
        if (strcmp(out, c[i].lemma) != 0)
            fail_msg("%s/%s/%s: got \"%s\", want \"%s\"", c[i].form, c[i].xpos, c[i].upos, out, c[i].lemma);
        assert_int_equal(len, strlen(c[i].lemma));
    }
}

static void test_rules_nouns(void **state)
{
    (void)state;
    static const wcase c[] = {
        {"cities", "NNS", "NOUN", "city"},       {"boxes", "NNS", "NOUN", "box"},
        {"churches", "NNS", "NOUN", "church"},   {"classes", "NNS", "NOUN", "class"},
        {"wishes", "NNS", "NOUN", "wish"},       {"heroes", "NNS", "NOUN", "hero"},
        {"toes", "NNS", "NOUN", "toe"},          {"days", "NNS", "NOUN", "day"},
        {"sizes", "NNS", "NOUN", "size"},        {"houses", "NNS", "NOUN", "house"},
        {"causes", "NNS", "NOUN", "cause"},      {"headaches", "NNS", "NOUN", "headache"},
        {"analyses", "NNS", "NOUN", "analysis"}, {"hypotheses", "NNS", "NOUN", "hypothesis"},
        {"policemen", "NNS", "NOUN", "policeman"}, {"ties", "NNS", "NOUN", "tie"},
        {"archives", "NNS", "NOUN", "archive"},  {"Iraqis", "NNPS", "PROPN", "Iraqi"},
        {"States", "NNPS", "PROPN", "State"},    {"1990s", "NNS", "NOUN", "1990s"},
        {"80's", "NNS", "NOUN", "80s"},          {"status", "NNS", "NOUN", "status"},
        {"rockets", "NNS", "NOUN", "rocket"},    {"militias", "NNS", "NOUN", "militia"},
    };
    check_cases(NULL, c, NCASES(c));
}

static void test_rules_verbs(void **state)
{
    (void)state;
    static const wcase c[] = {
        {"goes", "VBZ", "VERB", "go"},           {"tries", "VBZ", "VERB", "try"},
        {"passes", "VBZ", "VERB", "pass"},       {"uses", "VBZ", "VERB", "use"},
        {"fixes", "VBZ", "VERB", "fix"},         {"watches", "VBZ", "VERB", "watch"},
        {"analyzes", "VBZ", "VERB", "analyze"},  {"says", "VBZ", "VERB", "say"},
        {"stopped", "VBD", "VERB", "stop"},      {"tried", "VBD", "VERB", "try"},
        {"agreed", "VBD", "VERB", "agree"},      {"liked", "VBD", "VERB", "like"},
        {"walked", "VBD", "VERB", "walk"},       {"created", "VBN", "VERB", "create"},
        {"visited", "VBD", "VERB", "visit"},     {"united", "VBN", "VERB", "unite"},
        {"controlled", "VBN", "VERB", "control"}, {"travelled", "VBD", "VERB", "travel"},
        {"called", "VBD", "VERB", "call"},       {"added", "VBD", "VERB", "add"},
        {"argued", "VBD", "VERB", "argue"},      {"died", "VBD", "VERB", "die"},
        {"played", "VBD", "VERB", "play"},       {"needed", "VBD", "VERB", "need"},
        {"hoped", "VBD", "VERB", "hope"},        {"hopped", "VBD", "VERB", "hop"},
        {"changed", "VBD", "VERB", "change"},    {"belonged", "VBD", "VERB", "belong"},
        {"focused", "VBN", "VERB", "focus"},     {"used", "VBN", "VERB", "use"},
        {"opened", "VBD", "VERB", "open"},       {"occurred", "VBD", "VERB", "occur"},
        {"offered", "VBD", "VERB", "offer"},     {"panicked", "VBD", "VERB", "panic"},
        {"echoed", "VBD", "VERB", "echo"},       {"freed", "VBN", "VERB", "free"},
        {"determined", "VBN", "VERB", "determine"}, {"developed", "VBN", "VERB", "develop"},
        {"quoted", "VBN", "VERB", "quote"},      {"acquired", "VBN", "VERB", "acquire"},
        {"evaluated", "VBN", "VERB", "evaluate"}, {"handled", "VBN", "VERB", "handle"},
        {"killed", "VBN", "VERB", "kill"},       {"fired", "VBD", "VERB", "fire"},
        {"making", "VBG", "VERB", "make"},       {"running", "VBG", "VERB", "run"},
        {"seeing", "VBG", "VERB", "see"},        {"trying", "VBG", "VERB", "try"},
        {"continuing", "VBG", "VERB", "continue"}, {"bringing", "VBG", "VERB", "bring"},
        {"changing", "VBG", "VERB", "change"},   {"hanging", "VBG", "VERB", "hang"},
        {"using", "VBG", "VERB", "use"},         {"writing", "VBG", "VERB", "write"},
        {"visiting", "VBG", "VERB", "visit"},    {"buzzing", "VBG", "VERB", "buzz"},
        {"trafficking", "VBG", "VERB", "traffic"}, {"agreeing", "VBG", "VERB", "agree"},
        {"goin'", "VBG", "VERB", "go"},          {"findin", "VBG", "VERB", "find"},
        {"grandchildren", "NNS", "NOUN", "grandchild"}, {"doing", "VBG", "VERB", "do"},
    };
    check_cases(NULL, c, NCASES(c));
}

static void test_rules_degrees(void **state)
{
    (void)state;
    static const wcase c[] = {
        {"bigger", "JJR", "ADJ", "big"},         {"largest", "JJS", "ADJ", "large"},
        {"happier", "JJR", "ADJ", "happy"},      {"simpler", "JJR", "ADJ", "simple"},
        {"freer", "JJR", "ADJ", "free"},         {"stronger", "JJR", "ADJ", "strong"},
        {"younger", "JJR", "ADJ", "young"},      {"hottest", "JJS", "ADJ", "hot"},
        {"strangest", "JJS", "ADJ", "strange"},  {"earlier", "RBR", "ADV", "early"},
        {"later", "RBR", "ADV", "late"},         {"fastest", "RBS", "ADV", "fast"},
        {"better", "JJR", "ADJ", "good"},        {"better", "RBR", "ADV", "well"},
        {"best", "JJS", "ADJ", "good"},          {"worse", "JJR", "ADJ", "bad"},
        {"more", "JJR", "ADJ", "more"},          {"most", "RBS", "ADV", "most"},
        {"further", "RBR", "ADV", "far"},        {"less", "JJR", "ADJ", "less"},
    };
    check_cases(NULL, c, NCASES(c));
}

static void test_irregulars(void **state)
{
    (void)state;
    static const wcase c[] = {
        {"went", "VBD", "VERB", "go"},        {"gone", "VBN", "VERB", "go"},
        {"was", "VBD", "AUX", "be"},          {"were", "VBD", "AUX", "be"},
        {"been", "VBN", "AUX", "be"},         {"is", "VBZ", "AUX", "be"},
        {"am", "VBP", "AUX", "be"},           {"are", "VBP", "AUX", "be"},
        {"has", "VBZ", "AUX", "have"},        {"had", "VBD", "AUX", "have"},
        {"did", "VBD", "AUX", "do"},          {"done", "VBN", "VERB", "do"},
        {"made", "VBN", "VERB", "make"},      {"said", "VBD", "VERB", "say"},
        {"took", "VBD", "VERB", "take"},      {"taken", "VBN", "VERB", "take"},
        {"fled", "VBD", "VERB", "flee"},      {"struck", "VBD", "VERB", "strike"},
        {"children", "NNS", "NOUN", "child"}, {"men", "NNS", "NOUN", "man"},
        {"women", "NNS", "NOUN", "woman"},    {"people", "NNS", "NOUN", "people"},
        {"feet", "NNS", "NOUN", "foot"},      {"teeth", "NNS", "NOUN", "tooth"},
        {"mice", "NNS", "NOUN", "mouse"},     {"wolves", "NNS", "NOUN", "wolf"},
        {"lives", "NNS", "NOUN", "life"},     {"lives", "VBZ", "VERB", "live"},
        {"buses", "NNS", "NOUN", "bus"},      {"crises", "NNS", "NOUN", "crisis"},
        {"found", "VBD", "VERB", "find"},     {"found", "VB", "VERB", "found"},
        {"saw", "VBD", "VERB", "see"},        {"saw", "NN", "NOUN", "saw"},
        {"left", "VBN", "VERB", "leave"},     {"left", "JJ", "ADJ", "left"},
        {"dying", "VBG", "VERB", "die"},      {"born", "VBN", "VERB", "bear"},
        {"'", "POS", "PART", "'s"},           {"wrought", "VBN", "VERB", "work"},
        {"\xE2\x80\x9D", "''", "PUNCT", "\""}, {"wrung", "VBD", "VERB", "wring"},
    };
    check_cases(NULL, c, NCASES(c));
}

static void test_contractions_and_pronouns(void **state)
{
    (void)state;
    static const wcase c[] = {
        {"'s", "VBZ", "AUX", "be"},        {"'s", "POS", "PART", "'s"},
        {"'s", "PRP", "PRON", "we"},       {"\xE2\x80\x99s", "POS", "PART", "'s"},
        {"'re", "VBP", "AUX", "be"},       {"'m", "VBP", "AUX", "be"},
        {"'ve", "VBP", "AUX", "have"},     {"'ll", "MD", "AUX", "will"},
        {"'d", "MD", "AUX", "would"},      {"'d", "VBD", "AUX", "have"},
        {"n't", "RB", "PART", "not"},      {"n\xE2\x80\x99t", "RB", "PART", "not"},
        {"N'T", "RB", "PART", "not"},      {"ca", "MD", "AUX", "can"},
        {"wo", "MD", "AUX", "will"},       {"gon", "VBG", "VERB", "go"},
        {"na", "TO", "PART", "to"},        {"me", "PRP", "PRON", "I"},
        {"Me", "PRP", "PRON", "I"},        {"us", "PRP", "PRON", "we"},
        {"him", "PRP", "PRON", "he"},      {"her", "PRP", "PRON", "she"},
        {"her", "PRP$", "PRON", "her"},    {"them", "PRP", "PRON", "they"},
        {"mine", "PRP", "PRON", "my"},     {"An", "DT", "DET", "a"},
        {"these", "DT", "DET", "this"},    {"those", "DT", "PRON", "that"},
        {"\xE2\x80\x9C", "``", "PUNCT", "\""}, {"\xE2\x80\x99", "''", "PUNCT", "'"},
        {"me", "_", "PRON", "I"},          {"is", "_", "AUX", "be"},
    };
    check_cases(NULL, c, NCASES(c));
}

static void test_case_handling(void **state)
{
    (void)state;
    static const wcase c[] = {
        {"Obama", "NNP", "PROPN", "Obama"},      {"NASA", "NNP", "PROPN", "NASA"},
        {"United", "NNP", "VERB", "Unite"},      {"Men", "NNPS", "PROPN", "Man"},
        {"I", "PRP", "PRON", "I"},               {"i", "PRP", "PRON", "I"},
        {"The", "DT", "DET", "the"},             {"Running", "VBG", "VERB", "run"},
        {"American", "JJ", "ADJ", "American"},   {"French", "JJ", "ADJ", "French"},
        {"Great", "JJ", "ADJ", "great"},         {"CDs", "NNS", "NOUN", "CD"},
        {"TV", "NN", "NOUN", "TV"},              {"X", "NN", "NOUN", "X"},
        {"IV", "CD", "NUM", "IV"},               {"200,000", "CD", "NUM", "200000"},
        {"3,202.61", "CD", "NUM", "3202.61"},    {"12,34", "CD", "NUM", "12,34"},
        {"Mother", "_", "PROPN", "Mother"},      {"PM", "NN", "NOUN", "p.m."},
        {"Sept.", "NNP", "PROPN", "September"},  {"Z\xC3\xBCrich", "NNP", "PROPN", "Z\xC3\xBCrich"},
        {"\xC3\x9C" "BER", "NN", "NOUN", "\xC3\xBC" "ber"},
        {"caf\xC3\xA9s", "NNS", "NOUN", "caf\xC3\xA9"},
        {"\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1", "FW", "X", "\xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1"},
        {"\xFF\xFE" "ABC", "NN", "NOUN", "\xFF\xFE" "abc"}, /* not UTF-8: bytes kept */
    };
    check_cases(NULL, c, NCASES(c));
}

/* ---- learning ---- */

/* A handmade training list: n copies of each triple. */
typedef struct triple {
    const char *form, *xpos, *upos, *lemma;
    int copies;
} triple;

static const triple TRIPLES[] = {
    {"troops", "NNS", "NOUN", "troops", 3},   /* rule says troop: stored */
    {"Regards", "NNS", "NOUN", "regards", 2}, /* stored (key lower-cased) */
    {"data", "NNS", "NOUN", "datum", 1},      /* once only: not stored */
    {"walked", "VBD", "VERB", "walk", 5},     /* rule right: not stored */
    {"foo", "NN", "NOUN", "bar", 2},          /* 50%: not stored */
    {"foo", "NN", "NOUN", "foo", 2},
    {"fled", "VBD", "VERB", "flead", 3},      /* a slip against a built-in: not stored */
    {"people", "NNS", "NOUN", "person", 6},   /* a convention against a built-in: stored */
    {"Beatles", "NNPS", "PROPN", "Beatles", 2}, /* rule says Beatle: stored */
};

/* Expands TRIPLES into *n examples (freed by the caller); rotated by shift. */
static lem_example *make_examples(size_t *n, size_t shift)
{
    size_t total = 0;
    for (size_t i = 0; i < NCASES(TRIPLES); i++)
        total += (size_t)TRIPLES[i].copies;
    lem_example *ex = calloc(total, sizeof *ex);
    assert_non_null(ex);
    size_t k = 0;
    for (size_t i = 0; i < NCASES(TRIPLES); i++)
        for (int c = 0; c < TRIPLES[i].copies; c++, k++) {
            const triple *t = &TRIPLES[i];
            ex[(k + shift) % total] = (lem_example){t->form, t->upos, t->xpos, t->lemma};
        }
    *n = total;
    return ex;
}

/* Trains on TRIPLES into payload; returns the report. */
static lem_report train_triples(buf *payload, size_t shift)
{
    size_t n;
    lem_example *ex = make_examples(&n, shift);
    lem_report rep;
    assert_int_equal(lem_train(ex, n, payload, &rep), 0);
    assert_int_equal(rep.examples, n);
    free(ex);
    return rep;
}

static void test_exceptions_learned(void **state)
{
    (void)state;
    buf payload = BUF_INIT, err = BUF_INIT;
    lem_report rep = train_triples(&payload, 0);
    assert_int_equal(rep.exceptions, 4);
    assert_int_equal(rep.rule_correct, 5 + 2); /* walked, and foo -> foo */
    lem_model m;
    assert_int_equal(lem_from_payload(&m, payload.p, payload.len, &err), 0);
    assert_int_equal(m.nentries, 4);
    static const wcase with[] = {
        {"troops", "NNS", "NOUN", "troops"},  {"TROOPS", "NNS", "NOUN", "troops"},
        {"regards", "NNS", "NOUN", "regards"}, {"data", "NNS", "NOUN", "data"},
        {"walked", "VBD", "VERB", "walk"},    {"foo", "NN", "NOUN", "foo"},
        {"fled", "VBD", "VERB", "flee"},      {"people", "NNS", "NOUN", "person"},
        {"Beatles", "NNPS", "PROPN", "Beatles"}, {"troops", "NN", "NOUN", "troops"},
        {"cities", "NNS", "NOUN", "city"},
    };
    check_cases(&m, with, NCASES(with));
    static const wcase without[] = {
        {"troops", "NNS", "NOUN", "troop"}, {"people", "NNS", "NOUN", "people"},
        {"Beatles", "NNPS", "PROPN", "Beatle"},
    };
    check_cases(NULL, without, NCASES(without));
    buf_free(&payload);
    buf_free(&err);
}

static void test_payload_round_trip(void **state)
{
    (void)state;
    buf payload = BUF_INIT, err = BUF_INIT;
    lem_report rep = train_triples(&payload, 0);
    lem_model m;
    assert_int_equal(lem_from_payload(&m, payload.p, payload.len, &err), 0);
    assert_int_equal(m.nentries, rep.exceptions);
    assert_int_equal(m.table_size + 16, payload.len);
    assert_int_equal(err.len, 0);
    /* an empty training set gives an empty table that loads */
    buf empty = BUF_INIT;
    lem_report r0;
    assert_int_equal(lem_train(NULL, 0, &empty, &r0), 0);
    assert_int_equal(r0.exceptions, 0);
    assert_int_equal(empty.len, 16);
    assert_int_equal(lem_from_payload(&m, empty.p, empty.len, &err), 0);
    assert_int_equal(m.nentries, 0);
    char out[32];
    lem_lemmatize(&m, "troops", 6, "NNS", "NOUN", out, sizeof out);
    assert_string_equal(out, "troop");
    buf_free(&payload);
    buf_free(&empty);
    buf_free(&err);
}

/* Expects lem_from_payload to refuse p[0..n) with a message. */
static void refused(const void *p, size_t n)
{
    buf err = BUF_INIT;
    lem_model m;
    assert_int_equal(lem_from_payload(&m, p, n, &err), -1);
    assert_true(err.len > 0);
    assert_non_null(strstr(err.p, "lemma model"));
    assert_int_equal(m.nentries, 0);
    buf_free(&err);
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* A copy of the payload with u32 number i (0 = version) set to v, refused. */
static void refused_with_u32(const buf *payload, size_t at, uint32_t v)
{
    unsigned char *c = malloc(payload->len);
    assert_non_null(c);
    memcpy(c, payload->p, payload->len);
    put32(c + at, v);
    refused(c, payload->len);
    free(c);
}

static void test_corrupt_payloads(void **state)
{
    (void)state;
    buf payload = BUF_INIT;
    train_triples(&payload, 0);
    const unsigned char *p = (const unsigned char *)payload.p;
    refused(p, 0);
    refused(NULL, 0);
    for (size_t n = 1; n < payload.len; n++) /* every truncation */
        refused(p, n);
    refused_with_u32(&payload, 0, 2);          /* version */
    refused_with_u32(&payload, 4, 5);          /* one entry too many */
    refused_with_u32(&payload, 4, 0xFFFFFFFFu); /* far too many */
    refused_with_u32(&payload, 8, 3);          /* pool size */
    refused_with_u32(&payload, 12, 1);         /* flags */
    refused_with_u32(&payload, 16, 0xFFFFFFF0u); /* offset past the pool */
    refused_with_u32(&payload, 16 + 4 * 3, (uint32_t)(payload.len - 16 - 16 - 1)); /* last byte */
    uint32_t o0 = (uint32_t)p[16] | (uint32_t)p[17] << 8, o1 = (uint32_t)p[20] | (uint32_t)p[21] << 8;
    refused_with_u32(&payload, 16, o1); /* entries out of order (duplicate) */
    unsigned char *c = malloc(payload.len);
    assert_non_null(c);
    memcpy(c, p, payload.len);
    put32(c + 16, o1); /* swapped: out of order */
    put32(c + 20, o0);
    refused(c, payload.len);
    memcpy(c, p, payload.len);
    c[16 + 16 + o0] = 0; /* an empty form */
    refused(c, payload.len);
    memcpy(c, p, payload.len);
    c[payload.len - 1 - 6] = 250; /* a length running past the end (the last lemma is "troops") */
    refused(c, payload.len);
    free(c);
    buf_free(&payload);
}

/* Every single-byte change of a payload is refused or gives a model that
 * lemmatises without reading out of bounds (the sanitizers watch). */
static void test_flipped_bytes(void **state)
{
    (void)state;
    buf payload = BUF_INIT, err = BUF_INIT;
    train_triples(&payload, 0);
    unsigned char *c = malloc(payload.len);
    assert_non_null(c);
    char out[64];
    for (size_t i = 0; i < payload.len; i++) {
        for (int bit = 0; bit < 8; bit++) {
            memcpy(c, payload.p, payload.len);
            c[i] ^= (unsigned char)(1u << bit);
            lem_model m;
            if (lem_from_payload(&m, c, payload.len, &err) == 0) {
                lem_lemmatize(&m, "troops", 6, "NNS", "NOUN", out, sizeof out);
                lem_lemmatize(&m, "zzz", 3, "NN", "NOUN", out, sizeof out);
            }
            buf_clear(&err);
        }
    }
    free(c);
    buf_free(&payload);
    buf_free(&err);
}

static void test_capacity(void **state)
{
    (void)state;
    char out[1100];
    memset(out, 'x', sizeof out);
    assert_int_equal(lem_lemmatize(NULL, "running", 7, "VBG", "VERB", NULL, 0), 3); /* cap 0 */
    assert_int_equal(lem_lemmatize(NULL, "running", 7, "VBG", "VERB", out, 1), 3);
    assert_int_equal(out[0], '\0');
    assert_int_equal(out[1], 'x');
    assert_int_equal(lem_lemmatize(NULL, "running", 7, "VBG", "VERB", out, 3), 3);
    assert_string_equal(out, "ru");
    assert_int_equal(out[3], 'x');
    assert_int_equal(lem_lemmatize(NULL, "running", 7, "VBG", "VERB", out, 4), 3);
    assert_string_equal(out, "run");
    assert_int_equal(lem_lemmatize(NULL, "", 0, "NN", "NOUN", out, sizeof out), 0);
    assert_string_equal(out, "");
    assert_int_equal(lem_lemmatize(NULL, NULL, 5, "NN", "NOUN", out, sizeof out), 0);
    assert_int_equal(lem_lemmatize(NULL, "Cities", 6, NULL, NULL, out, sizeof out), 6);
    assert_string_equal(out, "cities");
    /* a 1,000-byte form, lower-cased whole or cut at cap */
    char form[1000];
    memset(form, 'A', sizeof form);
    memcpy(form + sizeof form - 3, "ING", 3);
    memset(out, 'x', sizeof out);
    assert_int_equal(lem_lemmatize(NULL, form, sizeof form, "VBG", "VERB", out, sizeof out), 1000);
    assert_int_equal(strlen(out), 1000);
    assert_int_equal(out[0], 'a');
    assert_memory_equal(out + 997, "ing", 3);
    assert_int_equal(lem_lemmatize(NULL, form, sizeof form, "NNP", "PROPN", out, 10), 1000);
    assert_string_equal(out, "AAAAAAAAA");
    assert_int_equal(out[10], 'a'); /* untouched past cap */
    /* a form of 255 bytes still gets the rules, one of 256 does not */
    char mid[256];
    memset(mid, 'b', sizeof mid);
    memcpy(mid + 248, "stopped", 7);
    assert_int_equal(lem_lemmatize(NULL, mid, 255, "VBD", "VERB", out, sizeof out), 252);
    assert_string_equal(out + 248, "stop");
    mid[255] = 'd';
    assert_int_equal(lem_lemmatize(NULL, mid, 256, "VBD", "VERB", out, sizeof out), 256);
}

static void test_determinism(void **state)
{
    (void)state;
    buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
    train_triples(&a, 0);
    train_triples(&b, 0);
    train_triples(&c, 7); /* the order of the examples does not matter */
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.p, b.p, a.len);
    assert_int_equal(a.len, c.len);
    assert_memory_equal(a.p, c.p, a.len);
    buf_free(&a);
    buf_free(&b);
    buf_free(&c);
}

/* An allocator that fails from the (limit+1)-th call on. */
typedef struct failing {
    int calls, limit;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t size)
{
    failing *f = ud;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (f->calls++ >= f->limit)
        return NULL;
    return realloc(ptr, size);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    size_t n;
    lem_example *ex = make_examples(&n, 0);
    int ok = 0;
    for (int limit = 0; limit < 64 && !ok; limit++) {
        failing f = {0, limit};
        buf payload = BUF_INIT;
        kh_set_allocator(failing_alloc, &f);
        int rc = lem_train(ex, n, &payload, NULL);
        kh_set_allocator(NULL, NULL);
        ok = rc == 0;
        if (!ok)
            assert_int_equal(rc, -1);
        buf_free(&payload);
    }
    assert_true(ok);
    free(ex);
}

/* The built-in list is searched by bisection: it must stay sorted by bytes. */
static void test_builtin_list_sorted(void **state)
{
    (void)state;
    size_t n = 0;
    for (size_t i = 1; lem_builtin_form(i); i++, n++)
        assert_true(strcmp(lem_builtin_form(i - 1), lem_builtin_form(i)) <= 0);
    assert_true(n > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_list_sorted),
        cmocka_unit_test(test_rules_nouns),
        cmocka_unit_test(test_rules_verbs),
        cmocka_unit_test(test_rules_degrees),
        cmocka_unit_test(test_irregulars),
        cmocka_unit_test(test_contractions_and_pronouns),
        cmocka_unit_test(test_case_handling),
        cmocka_unit_test(test_exceptions_learned),
        cmocka_unit_test(test_payload_round_trip),
        cmocka_unit_test(test_corrupt_payloads),
        cmocka_unit_test(test_flipped_bytes),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
