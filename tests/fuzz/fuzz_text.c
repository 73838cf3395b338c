/*
 * fuzz_text.c - libFuzzer harness for the text stage: UTF-8 repair,
 * normalisation, the tokenizer, the sentence splitter and boilerplate.
 *
 * Checks the invariants later stages rely on: the repaired text is valid
 * UTF-8 without NUL; token offsets are inside the text, non-empty and in
 * order; sentences cover the tokens exactly once, in order; every token form
 * is a NUL-terminated string of its stated length.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/model.h"
#include "text/doc.h"
#include "text/norm.h"
#include "text/sbd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const doc *d)
{
    size_t i = 0;
    uint32_t cps = 0;
    while (i < d->text_len) {
        size_t bad = 0, len = txt_utf8_seq((const unsigned char *)d->text + i, d->text_len - i, &bad);
        if (len == 0 || d->text[i] == '\0')
            abort();
        if (d->cp_byte && d->cp_byte[cps] != i)
            abort();
        i += len;
        cps++;
    }
    if (cps != d->text_cps)
        abort();
}

static void check_tokens(const doc *d)
{
    uint32_t prev_end = 0;
    for (uint32_t k = 0; k < d->ntoks; k++) {
        const tok *t = &d->toks[k];
        if (t->start >= t->end || t->end > d->text_cps || t->start < prev_end)
            abort();
        if (t->nb >= t->ne || t->ne > d->ncp_len)
            abort();
        if (strlen(t->form) != t->form_len || t->form_len == 0)
            abort();
        prev_end = t->end;
    }
}

static void check_sentences(const doc *d)
{
    uint32_t next = 0;
    for (uint32_t i = 0; i < d->nsents; i++) {
        const sent *s = &d->sents[i];
        if (s->tok_first != next || s->tok_count == 0)
            abort();
        if (s->start != d->toks[s->tok_first].start || s->end != d->toks[s->tok_first + s->tok_count - 1].end)
            abort();
        next += s->tok_count;
    }
    if (next != d->ntoks)
        abort();
}

/* The committed sentence model, mapped once; NULL when it is not found. */
static const sbd_model *sentence_model(void)
{
    static model_file file;
    static sbd_model m;
    static int tried, ok;
    if (!tried) {
        tried = 1;
        buf err = BUF_INIT;
        ok = model_map(&file, KH_DATA_DIR "/models/sbd.bin", SBD_KIND, &err) == 0 &&
             sbd_from_payload(&m, file.payload, file.payload_size, &err) == 0;
        buf_free(&err);
    }
    return ok ? &m : NULL;
}

static int decide(void *ctx, const doc *d, uint32_t first, uint32_t j)
{
    const sbd_model *m = ctx;
    return sbd_score(m, d, d->style, first, j) > m->threshold;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 0);
    doc d;
    doc_reset(&d, &a);
    const sbd_model *m = sentence_model();
    if (m && size && (data[0] & 1)) { /* half of the inputs with the learned model */
        d.boundary = decide;
        d.boundary_ctx = (void *)(uintptr_t)m;
    }
    if (doc_process_text(&d, (const char *)data, size) != 0)
        abort(); /* no allocation limit here: failure would be a bug */
    check_utf8(&d);
    check_tokens(&d);
    check_sentences(&d);
    arena_free(&a);
    return 0;
}
