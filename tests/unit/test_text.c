/*
 * test_text.c - unit tests of the text stage: repair, normalisation with
 * offsets, tokens and their flags, sentence flags.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "khaldun.h"
#include "text/doc.h"
#include "text/norm.h"
#include "text/sent.h"
#include "text/tok.h"

typedef struct fixture {
    arena a;
    doc d;
} fixture;

static int setup(void **state)
{
    static fixture f;
    arena_init(&f.a, 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    arena_free(&f->a);
    return 0;
}

static doc *run(void **state, const char *text, size_t len)
{
    fixture *f = *state;
    arena_reset(&f->a);
    doc_reset(&f->d, &f->a);
    assert_int_equal(doc_process_text(&f->d, text, len), 0);
    return &f->d;
}

static void test_repair_invalid_utf8(void **state)
{
    /* a lone continuation byte, a truncated 3-byte sequence, an overlong form */
    const char in[] = "a\x80" "b\xe2\x82" "c\xc0\xaf" "d";
    doc *d = run(state, in, sizeof in - 1);
    assert_string_equal(d->text, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd" "d");
    assert_int_equal(d->invalid_bytes, 5);
    assert_int_equal(d->text_cps, 8);
    assert_int_equal(d->nwarnings, 1);
    assert_non_null(strstr(d->warnings[0].msg, "at byte 1"));
}

static void test_repair_controls(void **state)
{
    const char in[] = "x\0y\x07z\x0cw";
    doc *d = run(state, in, sizeof in - 1);
    assert_memory_equal(d->text, "x y z\nw", 7);
    assert_int_equal(d->control_chars, 3);
}

static void test_nfc_offsets(void **state)
{
    /* "Cafe" + combining acute, then a word: offsets stay in original code points */
    const char in[] = "Cafe\xcc\x81 open";
    doc *d = run(state, in, sizeof in - 1);
    assert_int_equal(d->ntoks, 2);
    assert_string_equal(d->toks[0].form, "Caf\xc3\xa9");
    assert_int_equal(d->toks[0].start, 0);
    assert_int_equal(d->toks[0].end, 5);
    assert_int_equal(d->toks[1].start, 6);
    assert_int_equal(d->toks[1].end, 10);
}

static void test_invisible_characters_removed(void **state)
{
    const char in[] = "Bagh\xc2\xad" "dad \xe2\x80\x8bhit";
    doc *d = run(state, in, sizeof in - 1);
    assert_int_equal(d->ntoks, 2);
    assert_string_equal(d->toks[0].form, "Baghdad");
    assert_int_equal(d->toks[0].end, 8);
    assert_string_equal(d->toks[1].form, "hit");
    assert_int_equal(d->toks[1].start, 10);
}

static void test_typographic_folding(void **state)
{
    const char in[] = "\xe2\x80\x9cIraq\xe2\x80\x99s\xe2\x80\x9d \xe2\x80\x94 x";
    doc *d = run(state, in, sizeof in - 1);
    assert_int_equal(d->ntoks, 5);
    assert_string_equal(d->toks[0].form, "\"");
    assert_string_equal(d->toks[1].form, "Iraq's");
    assert_true(d->toks[1].flags & TF_CLITIC);
    assert_string_equal(d->toks[2].form, "\"");
    assert_string_equal(d->toks[3].form, "--");
    assert_int_equal(d->toks[3].pclass, PC_DASH);
}

static void test_token_kinds_and_flags(void **state)
{
    const char in[] = "U.S. Iran-backed 5,200 https://x.org/a, a@b.org @who #tag W.";
    doc *d = run(state, in, sizeof in - 1);
    assert_int_equal(d->ntoks, 9);
    assert_true(d->toks[0].flags & TF_ABBREV);
    assert_true(d->toks[1].flags & TF_HYPHEN);
    assert_int_equal(d->toks[2].kind, TK_NUMBER);
    assert_int_equal(d->toks[3].kind, TK_URL);
    assert_string_equal(d->toks[3].form, "https://x.org/a");
    assert_int_equal(d->toks[4].kind, TK_PUNCT);
    assert_int_equal(d->toks[5].kind, TK_EMAIL);
    assert_int_equal(d->toks[6].kind, TK_MENTION);
    assert_int_equal(d->toks[7].kind, TK_HASHTAG);
    assert_true(d->toks[8].flags & TF_INITIAL);
}

static void test_token_shapes_and_hash(void **state)
{
    const char in[] = "NATO Baghdad rebels iPhone";
    doc *d = run(state, in, sizeof in - 1);
    assert_int_equal(d->toks[0].shape, SHAPE_UPPER);
    assert_int_equal(d->toks[1].shape, SHAPE_TITLE);
    assert_int_equal(d->toks[2].shape, SHAPE_LOWER);
    assert_int_equal(d->toks[3].shape, SHAPE_MIXED);
    assert_int_equal(d->toks[1].hash, tok_hash_lower("baghdad", 7));
}

static void test_whitespace_flags(void **state)
{
    const char in[] = "One\nTwo\n\nThree";
    doc *d = run(state, in, sizeof in - 1);
    assert_true(d->toks[0].flags & TF_PARAGRAPH);
    assert_true(d->toks[1].flags & TF_NEWLINE);
    assert_false(d->toks[1].flags & TF_PARAGRAPH);
    assert_true(d->toks[2].flags & TF_PARAGRAPH);
}

static void test_sentence_flags(void **state)
{
    const char in[] = "Headline here\n\nBAGHDAD (Reuters) - Text follows. Copyright 2020 X. All rights reserved.";
    doc *d = run(state, in, sizeof in - 1);
    assert_int_equal(d->nsents, 5);
    assert_true(d->sents[0].flags & KH_SENT_LINE);
    assert_true(d->sents[1].flags & KH_SENT_DATELINE);
    assert_true(d->sents[1].flags & KH_SENT_PARAGRAPH);
    assert_int_equal(d->sents[1].flags & KH_SENT_BOILERPLATE, 0);
    assert_int_equal(d->sents[2].flags & KH_SENT_BOILERPLATE, 0); /* news before the notice is kept */
    assert_true(d->sents[3].flags & KH_SENT_BOILERPLATE);
    assert_string_equal(d->sents[3].reason, "copyright");
    assert_string_equal(d->sents[4].reason, "copyright");
}

static void test_sentences_cover_tokens(void **state)
{
    const char in[] = "A b. C d? E f! \"G h.\" (I j.) K";
    doc *d = run(state, in, sizeof in - 1);
    uint32_t next = 0;
    for (uint32_t i = 0; i < d->nsents; i++) {
        assert_int_equal(d->sents[i].tok_first, next);
        assert_true(d->sents[i].tok_count > 0);
        next += d->sents[i].tok_count;
    }
    assert_int_equal(next, d->ntoks);
    assert_int_equal(d->nsents, 6);
}

static void test_abbreviation_table(void **state)
{
    (void)state;
    char kind = 0;
    assert_true(tok_abbreviation("gen", 3, &kind));
    assert_int_equal(kind, 'T');
    assert_true(tok_abbreviation("jan", 3, &kind));
    assert_int_equal(kind, 'M');
    assert_false(tok_abbreviation("army", 4, &kind));
    for (size_t i = 0; tok_abbreviation_at(i); i++) {
        const char *w = tok_abbreviation_at(i);
        assert_true(tok_abbreviation(w, strlen(w), NULL));
        if (i > 0)
            assert_true(strcmp(tok_abbreviation_at(i - 1), w) < 0);
    }
    assert_true(sent_starter_word("The"));
    assert_false(sent_starter_word("Army"));
}

static void test_empty_and_space_only(void **state)
{
    doc *d = run(state, "", 0);
    assert_int_equal(d->ntoks, 0);
    assert_int_equal(d->nsents, 0);
    d = run(state, " \n\t\n ", 5);
    assert_int_equal(d->ntoks, 0);
    assert_int_equal(d->nsents, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repair_invalid_utf8),
        cmocka_unit_test(test_repair_controls),
        cmocka_unit_test(test_nfc_offsets),
        cmocka_unit_test(test_invisible_characters_removed),
        cmocka_unit_test(test_typographic_folding),
        cmocka_unit_test(test_token_kinds_and_flags),
        cmocka_unit_test(test_token_shapes_and_hash),
        cmocka_unit_test(test_whitespace_flags),
        cmocka_unit_test(test_sentence_flags),
        cmocka_unit_test(test_sentences_cover_tokens),
        cmocka_unit_test(test_abbreviation_table),
        cmocka_unit_test(test_empty_and_space_only),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
