/*
 * fuzz_model.c - libFuzzer harness for the model loader: the container
 * checks (core/model.h) and the sentence-model payload (text/sbd.h) on
 * arbitrary bytes.  A model that passes both is then used to split a
 * sentence, which must not crash whatever its weights.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "text/doc.h"
#include "text/sbd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int decide(void *ctx, const doc *d, uint32_t first, uint32_t j)
{
    const sbd_model *m = ctx;
    return sbd_score(m, d, d->style, first, j) > m->threshold;
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
