/*
 * fuzz_model.c - libFuzzer harness for the model loaders: the container
 * checks (core/model.h) and the payloads of the sentence model (text/sbd.h),
 * the tagger and the parser (syntax/), on arbitrary bytes.  A payload that
 * is accepted is then used on a sentence, which must not crash or loop
 * whatever its weights.
 *
 * Seeds: corpus/model/tagger_tiny.bin and parser_tiny.bin are the payloads
 * (the model files minus their 40-byte container header) of a tagger and a
 * parser trained for 2 epochs on corpus/conllu/tiny_passive.conllu.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "text/doc.h"
#include "text/sbd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int decide(void *ctx, const doc *d, uint32_t first, uint32_t j)
{
    const sbd_model *m = ctx;
    return sbd_score(m, d, d->style, first, j) > m->threshold;
}

/* Tags and parses a fixed sentence with payload p, when it is accepted. */
static void try_syntax(const void *p, size_t n)
{
    static const char *const forms[] = {"Rebels", "seized", "the", "town", "on", "Sunday", "."};
    buf err = BUF_INIT;
    tagger t;
    parser ps;
    int is_tagger = tagger_from_payload(&t, p, n, &err) == 0;
    buf_clear(&err);
    int is_parser = parser_from_payload(&ps, p, n, &err) == 0;
    if ((!is_tagger || !is_parser) && !err.p)
        abort(); /* a refusal says why */
    arena a;
    arena_init(&a, 0);
    word w[7];
    memset(w, 0, sizeof w);
    for (uint32_t i = 0; i < 7; i++)
        word_set_form(&w[i], forms[i]);
    if (is_tagger && tagger_tag(&t, w, 7, &a) != 0)
        abort();
    if (is_parser) {
        for (uint32_t i = 0; i < 7; i++)
            w[i].tag = (uint16_t)(i * 3);
        if (parser_parse(&ps, w, 7, &a) != 0)
            abort();
        for (uint32_t i = 0; i < 7; i++)
            if (w[i].head >= 7)
                abort();
    }
    arena_free(&a);
    buf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* keep the payload 8-byte aligned, as a mapped file is */
    uint64_t *copy = malloc(size / 8 + 1 ? (size / 8 + 1) * 8 : 8);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    buf err = BUF_INIT;
    const void *payload;
    size_t n;
    sbd_model m;
    try_syntax(copy, size);
    int ok = model_check(copy, size, SBD_KIND, &payload, &n, &err) == 0;
    if (!ok)
        ok = sbd_from_payload(&m, copy, size, &err) == 0; /* the payload alone */
    else
        ok = sbd_from_payload(&m, payload, n, &err) == 0;
    if (!ok && !err.p)
        abort(); /* every refusal says why */
    if (ok) {
        arena a;
        arena_init(&a, 0);
        doc d;
        doc_reset(&d, &a);
        d.boundary = decide;
        d.boundary_ctx = &m;
        static const char text[] = "Thanks Maria 03/04/2001 10:12 AM John said PM Ali left: Yes";
        if (doc_process_text(&d, text, sizeof text - 1) != 0)
            abort();
        arena_free(&a);
    }
    buf_free(&err);
    free(copy);
    return 0;
}
