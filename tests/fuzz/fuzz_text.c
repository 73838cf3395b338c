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
#include "text/doc.h"
#include "text/norm.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 0);
    doc d;
    doc_reset(&d, &a);
    if (doc_process_text(&d, (const char *)data, size) != 0)
        abort(); /* no allocation limit here: failure would be a bug */
    check_utf8(&d);
    check_tokens(&d);
    check_sentences(&d);
    arena_free(&a);
    return 0;
}
