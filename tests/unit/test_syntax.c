/*
 * test_syntax.c - the syntax layer: word splitting, the averaged perceptron
 * (training, export with sparse and dense rows, loading, scoring, refusal
 * of corrupt payloads), and small tagger and parser trainings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "syntax/ap.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/words.h"

/* ---- words ---- */

static int64_t split(const char *text, arena *a, doc *d, word **w)
{
    arena_reset(a);
    doc_reset(d, a);
    assert_int_equal(doc_process_text(d, text, strlen(text)), 0);
    assert_int_equal(d->nsents, 1);
    return words_of_sentence(d, &d->sents[0], a, w);
}

static void test_word_splitting(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    doc d;
    word *w;
    int64_t n = split("Iraq's army didn't cannot", &a, &d, &w);
    assert_int_equal(n, 7);
    assert_string_equal(w[0].form, "Iraq");
    assert_true(w[0].mwt && w[0].mwt_first);
    assert_string_equal(w[1].form, "'s");
    assert_true(w[1].mwt && !w[1].mwt_first);
    assert_int_equal(w[0].start, 0);
    assert_int_equal(w[0].end, 4);
    assert_int_equal(w[1].end, 6);
    assert_string_equal(w[3].form, "did");
    assert_string_equal(w[4].form, "n't");
    assert_string_equal(w[5].form, "can");
    assert_string_equal(w[6].form, "not");
    n = split("Iran-backed anti-government U.S.-led workers'", &a, &d, &w);
    assert_int_equal(n, 9);
    assert_string_equal(w[0].form, "Iran");
    assert_string_equal(w[1].form, "-");
    assert_false(w[1].space_after);
    assert_string_equal(w[2].form, "backed");
    assert_true(w[2].space_after);
    assert_string_equal(w[3].form, "anti-government"); /* a prefix the treebanks keep */
    assert_string_equal(w[4].form, "U.S.");
    assert_string_equal(w[5].form, "-");
    assert_string_equal(w[6].form, "led");
    assert_string_equal(w[7].form, "workers");
    assert_true(w[7].mwt_first);
    assert_string_equal(w[8].form, "'");
    n = split("Iraq\xe2\x80\x99s", &a, &d, &w);
    assert_int_equal(n, 2);
    assert_string_equal(w[1].form, "'s"); /* folded like the tokenizer folds */
    assert_string_equal(word_fold("\xe2\x80\x9cno\xe2\x80\x9d", &a), "\"no\"");
    arena_free(&a);
}

/* ---- the perceptron ---- */

/* A toy problem: class = the value of feature 1 mod 3; feature 2 is noise.
 * Many features so that some rows are dense. */
static void test_perceptron_roundtrip(void **state)
{
    (void)state;
    ap_trainer *t = ap_trainer_new(40);
    assert_non_null(t);
    uint32_t f[3];
    for (int epoch = 0; epoch < 5; epoch++)
        for (uint32_t i = 0; i < 400; i++) {
            f[0] = ap_feature(0, 0, 0, 0);
            f[1] = ap_feature(1, i % 40, 0, 0);
            f[2] = ap_feature(2, i % 7, 0, 0);
            float sc[AP_SCORES] = {0};
            ap_train_score(t, f, 3, sc);
            uint32_t best = 0;
            for (uint32_t c = 1; c < 40; c++)
                if (sc[c] > sc[best])
                    best = c;
            assert_int_equal(ap_update(t, f, 3, i % 40, best), 0);
            ap_tick(t);
        }
    buf payload = BUF_INIT;
    assert_int_equal(ap_export(t, &payload), 0);
    ap_model m;
    buf err = BUF_INIT;
    size_t used;
    assert_int_equal(ap_from_payload(&m, payload.p, payload.len, &used, &err), 0);
    assert_int_equal(used, payload.len);
    assert_true(m.ndense > 0); /* the bias feature touched every class */
    for (uint32_t i = 0; i < 40; i++) {
        f[0] = ap_feature(0, 0, 0, 0);
        f[1] = ap_feature(1, i, 0, 0);
        f[2] = ap_feature(2, i % 7, 0, 0);
        int32_t sc[AP_SCORES] = {0};
        ap_score(&m, f, 3, sc);
        uint32_t best = 0;
        for (uint32_t c = 1; c < 40; c++)
            if (sc[c] > sc[best])
                best = c;
        assert_int_equal(best, i);
    }
    /* every way of adding dense rows (four at a time in 16 bits, one at a
     * time with AVX2, with SSE2) gives the same scores */
    assert_int_equal(m.group4, m.wide); /* export keeps every weight within AP_QMAX */
    ap_model one_by_one = m, plain = m;
    one_by_one.group4 = 0;
    plain.group4 = plain.wide = 0;
    for (uint32_t i = 0; i < 40; i++) {
        uint32_t g[11];
        for (uint32_t k = 0; k < 11; k++)
            g[k] = k % 3 == 0 ? ap_feature(0, 0, 0, 0) : k % 3 == 1 ? ap_feature(1, (i + k) % 40, 0, 0) : ap_feature(2, (i + k) % 7, 0, 0);
        int32_t a[AP_SCORES] = {0}, b[AP_SCORES] = {0}, c[AP_SCORES] = {0};
        ap_score(&m, g, 11, a);
        ap_score(&one_by_one, g, 11, b);
        ap_score(&plain, g, 11, c);
        assert_memory_equal(a, b, sizeof a);
        assert_memory_equal(a, c, sizeof a);
    }
    /* corrupt payloads are refused */
    assert_int_equal(ap_from_payload(&m, payload.p, 10, NULL, &err), -1);
    assert_int_equal(ap_from_payload(&m, payload.p, payload.len - 8, NULL, &err), -1);
    uint32_t *words = (uint32_t *)(void *)payload.p;
    uint32_t saved = words[1];
    words[1] = 12345; /* a table size the payload does not have */
    assert_int_equal(ap_from_payload(&m, payload.p, payload.len, NULL, &err), -1);
    words[1] = saved;
    words[6 + 1] = 0xFFFFFF00u; /* a run far past the entries (slot 0's value, if used) */
    words[6] = 7;
    assert_int_equal(ap_from_payload(&m, payload.p, payload.len, NULL, &err), -1);
    buf_free(&payload);
    buf_free(&err);
    ap_trainer_free(t);
}

static void test_perceptron_merge(void **state)
{
    (void)state;
    ap_trainer *a = ap_trainer_new(2), *b = ap_trainer_new(2), *sum = ap_trainer_new(2);
    uint32_t f = ap_feature(5, 1, 2, 3);
    assert_int_equal(ap_update(a, &f, 1, 0, 1), 0);
    ap_tick(a);
    assert_int_equal(ap_update(b, &f, 1, 1, 0), 0);
    ap_tick(b);
    assert_int_equal(ap_merge(sum, a, 0.5), 0);
    assert_int_equal(ap_merge(sum, b, 0.5), 0);
    buf payload = BUF_INIT;
    assert_int_equal(ap_export(sum, &payload), 0);
    ap_model m;
    buf err = BUF_INIT;
    assert_int_equal(ap_from_payload(&m, payload.p, payload.len, NULL, &err), 0);
    int32_t sc[AP_SCORES] = {0};
    ap_score(&m, &f, 1, sc);
    assert_int_equal(sc[0], sc[1]); /* the two models cancel out */
    buf_free(&payload);
    buf_free(&err);
    ap_trainer_free(a);
    ap_trainer_free(b);
    ap_trainer_free(sum);
}

/* ---- a tiny tagger and parser ---- */

static word *make_words(arena *a, const char *const *forms, uint32_t n)
{
    word *w = arena_calloc(a, n, sizeof *w);
    for (uint32_t i = 0; i < n; i++)
        word_set_form(&w[i], forms[i]);
    return w;
}

static void test_tagger_and_parser_learn(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    /* "rebels attacked the town ." and the like: DET NOUN VERB ... */
    static const char *const s1[] = {"rebels", "attacked", "the", "town", "."};
    static const char *const s2[] = {"police", "closed", "the", "road", "."};
    static const char *const s3[] = {"troops", "left", "the", "city", "."};
    static const uint16_t tags[] = {0, 1, 2, 0, 3};
    static const int32_t heads[] = {1, -1, 3, 1, 1};
    static const uint16_t labels[] = {0, 1, 2, 3, 4};
    tag_names names[4] = {{"NOUN", "NNS"}, {"VERB", "VBD"}, {"DET", "DT"}, {"PUNCT", "."}};
    dep_names dn[5] = {{"nsubj"}, {"root"}, {"det"}, {"obj"}, {"punct"}};
    tag_sent ts[12];
    dep_sent ds[12];
    for (int k = 0; k < 12; k++) {
        const char *const *f = k % 3 == 0 ? s1 : k % 3 == 1 ? s2 : s3;
        word *w = make_words(&a, f, 5);
        ts[k] = (tag_sent){w, tags, 5};
        ds[k] = (dep_sent){w, heads, labels, 5};
    }
    buf tp = BUF_INIT, pp = BUF_INIT, err = BUF_INIT;
    tag_report tr;
    assert_int_equal(tag_train(ts, 12, ts, 3, names, 4, 5, 2, 7, &tp, &tr), 0);
    assert_true(tr.dev_upos > 0.99);
    tagger tg;
    assert_int_equal(tagger_from_payload(&tg, tp.p, tp.len, &err), 0);
    for (int k = 0; k < 12; k++)
        for (uint32_t i = 0; i < 5; i++)
            ts[k].w[i].tag = tags[i];
    dep_report dr;
    assert_int_equal(parser_train(ds, 12, ds, 3, dn, 5, 8, 2, 7, &pp, &dr), 0);
    assert_true(dr.dev_uas > 0.99);
    assert_true(dr.dev_las > 0.99);
    parser ps;
    assert_int_equal(parser_from_payload(&ps, pp.p, pp.len, &err), 0);
    /* a sentence seen in training comes out as taught */
    word *w = make_words(&a, s2, 5);
    arena scratch;
    arena_init(&scratch, 0);
    assert_int_equal(tagger_tag(&tg, w, 5, &scratch), 0);
    assert_string_equal(tagger_upos(&tg, w[1].tag), "VERB");
    assert_int_equal(parser_parse(&ps, w, 5, &scratch), 0);
    for (uint32_t i = 0; i < 5; i++)
        assert_int_equal(w[i].head, heads[i]);
    assert_string_equal(parser_label(&ps, w[1].deprel), "root");
    /* unseen words: still one tree; then degenerate lengths */
    static const char *const s4[] = {"militants", "seized", "the", "base", "."};
    w = make_words(&a, s4, 5);
    assert_int_equal(tagger_tag(&tg, w, 5, &scratch), 0);
    assert_int_equal(parser_parse(&ps, w, 5, &scratch), 0);
    uint32_t roots = 0;
    for (uint32_t i = 0; i < 5; i++)
        roots += w[i].head < 0;
    assert_int_equal(roots, 1);
    word *one = make_words(&a, s4, 1);
    assert_int_equal(tagger_tag(&tg, one, 1, &scratch), 0);
    assert_int_equal(parser_parse(&ps, one, 1, &scratch), 0);
    assert_int_equal(one[0].head, -1);
    assert_int_equal(parser_parse(&ps, one, 0, &scratch), 0);
    /* the label table must agree with the perceptron */
    assert_int_equal(parser_from_payload(&ps, tp.p, tp.len, &err), -1);
    arena_free(&scratch);
    buf_free(&tp);
    buf_free(&pp);
    buf_free(&err);
    arena_free(&a);
}

/* A 2,000-word sentence parses into one tree. */
static void test_long_sentence(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    static const char *const s1[] = {"a", "b"};
    static const uint16_t tags[] = {0, 1};
    static const int32_t heads[] = {1, -1};
    static const uint16_t labels[] = {0, 1};
    dep_names dn[2] = {{"dep"}, {"root"}};
    word *w2 = make_words(&a, s1, 2);
    for (uint32_t i = 0; i < 2; i++)
        w2[i].tag = tags[i];
    dep_sent ds = {w2, heads, labels, 2};
    buf pp = BUF_INIT, err = BUF_INIT;
    dep_report dr;
    assert_int_equal(parser_train(&ds, 1, &ds, 1, dn, 2, 2, 1, 1, &pp, &dr), 0);
    parser ps;
    assert_int_equal(parser_from_payload(&ps, pp.p, pp.len, &err), 0);
    enum { N = 2000 };
    word *w = arena_calloc(&a, N, sizeof *w);
    for (uint32_t i = 0; i < N; i++) {
        word_set_form(&w[i], i % 2 ? "b" : "a");
        w[i].tag = (uint16_t)(i % 2);
    }
    arena scratch;
    arena_init(&scratch, 0);
    assert_int_equal(parser_parse(&ps, w, N, &scratch), 0);
    uint32_t roots = 0;
    for (uint32_t i = 0; i < N; i++) {
        roots += w[i].head < 0;
        /* every word reaches the root within N steps: no cycle */
        int32_t h = w[i].head;
        uint32_t steps = 0;
        while (h >= 0 && steps++ < N)
            h = w[h].head;
        assert_true(steps < N);
    }
    assert_int_equal(roots, 1);
    arena_free(&scratch);
    buf_free(&pp);
    buf_free(&err);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_splitting),
        cmocka_unit_test(test_perceptron_roundtrip),
        cmocka_unit_test(test_perceptron_merge),
        cmocka_unit_test(test_tagger_and_parser_learn),
        cmocka_unit_test(test_long_sentence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
