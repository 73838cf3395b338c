/*
 * fuzz_export.c - libFuzzer harness for the event JSON-lines reader of
 * `khaldun export` (out_event_parse, store/out.h) and the layouts it feeds.
 *
 * Reads arbitrary bytes as lines; every line either is refused with a
 * message or gives an event that is written in the four layouts.  Checks
 * that a refusal says why, that the GDELT line has its 61 columns and the
 * Phoenix line its 26 on one line each, and that the JSON line written
 * reads back into the same JSON line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The number of tab-separated columns of a one-line record; -1 when it is
 * not one line ending with its newline. */
static int columns(const buf *b)
{
    if (!b->len || b->p[b->len - 1] != '\n' || memchr(b->p, '\n', b->len - 1))
        return -1;
    int n = 1;
    for (size_t k = 0; k < b->len; k++)
        n += b->p[k] == '\t';
    return n;
}

static void one_line(const char *line, size_t n)
{
    out_event e, back;
    buf err = BUF_INIT, out = BUF_INIT, again = BUF_INIT;
    if (out_event_parse(line, n, &e, &err) != 0) {
        if (!err.p || !err.len || e.owner)
            abort(); /* every refusal says why, and holds nothing */
        buf_free(&err);
        return;
    }
    out_gdelt(&out, &e, 1, NULL);
    if (!out.failed && columns(&out) != OUT_GDELT_COLUMNS)
        abort();
    buf_clear(&out);
    out_phoenix(&out, &e, 1);
    if (!out.failed && columns(&out) != OUT_PHOENIX_COLUMNS)
        abort();
    buf_clear(&out);
    out_csv(&out, &e, ',');
    out_csv(&out, &e, '\t');
    buf_clear(&out);
    out_jsonl(&out, &e);
    if (!out.failed) {
        if (out_event_parse(out.p, out.len - 1, &back, &err) != 0)
            abort();
        out_jsonl(&again, &back);
        if (!again.failed && (again.len != out.len || memcmp(again.p, out.p, out.len) != 0))
            abort();
        out_event_free(&back);
    }
    out_event_free(&e);
    buf_free(&err);
    buf_free(&out);
    buf_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        one_line(p, n);
        p += n + 1;
    }
    return 0;
}
