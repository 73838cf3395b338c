/*
 * fuzz_jsonl.c - libFuzzer harness for the JSON-lines reader.
 *
 * Feeds arbitrary bytes as a JSON-lines stream (with a small document limit
 * so that the too-long-line path is reached) and runs the text stage on
 * every document read.  Checks that documents are NUL-terminated strings of
 * the length they claim and that messages name the stream.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/input.h"
#include "khaldun.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One handle for the whole run, with the sentence model when it is found. */
static khaldun *handle(void)
{
    static khaldun *kh;
    if (!kh && kh_open(&kh, NULL) != KH_OK)
        abort();
    return kh;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)(uintptr_t)data, size, "r");
    if (!f)
        return 0;
    buf err = BUF_INIT, warn = BUF_INIT;
    in_reader *r = in_open("-", IN_JSONL, f, 4096, &err);
    khaldun *kh = handle();
    if (!r)
        abort();
    arena a;
    arena_init(&a, 0);
    int got;
    in_doc d;
    while ((got = in_next(r, &d, &a, &err, &warn)) != IN_END) {
        if (got == IN_DOC) {
            if (d.text[d.len] != '\0')
                abort();
            kh_input in = {d.id, d.date, d.text, d.len, KH_FORMAT_TEXT};
            kh_doc *doc = NULL;
            kh_result rc = kh_process(kh, &in, &doc);
            if (rc != KH_OK && rc != KH_INVALID)
                abort();
        } else if (!err.p || strncmp(err.p, "<stdin>", 7) != 0) {
            abort(); /* every refusal says where */
        }
        if (got == IN_FAIL)
            break;
        buf_clear(&err);
        buf_clear(&warn);
        arena_reset(&a);
    }
    arena_free(&a);
    in_close(r);
    fclose(f);
    buf_free(&err);
    buf_free(&warn);
    return 0;
}
