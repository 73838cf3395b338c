/*
 * fuzz_dict.c - libFuzzer harness for the dictionary readers: khaldun's
 * own format (lex/dict.h) and the TABARI and PETRARCH importers
 * (lex/import.h), each section, on arbitrary bytes.  A refusal must say
 * why; an accepted dictionary is then matched against a fixed sentence and
 * every match's code looked up on a date and without one, which must not
 * crash or read out of bounds.  The input is also read as a compiled
 * cache payload (lex/cache.h) whose key is its own first 8 bytes, so that
 * the checks of a mapped cache are what stands between corrupt bytes and
 * the matcher.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lex/cache.h"
#include "lex/dict.h"
#include "lex/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Matches a sentence with lx and looks up every match's codes. */
static void use(const lexicon *lx)
{
    static const char text[] = "The Iraqi security forces of Syria and the U.S. met Joe Tester on Iraq Street.";
    arena a;
    arena_init(&a, 0);
    word *w;
    int64_t n = lex_phrase_words(text, sizeof text - 1, &a, &w);
    if (n <= 0)
        abort();
    lex_match m[64];
    uint32_t k = lex_match_words(lx, w, (uint32_t)n, NULL, m, 64);
    for (uint32_t i = 0; i < k && i < 64; i++) {
        if (m[i].start >= m[i].end || m[i].end > (uint32_t)n || m[i].entry >= lx->nentries)
            abort();
        const char *c1 = lex_code_on(lx, m[i].entry, 11000), *c2 = lex_code_on(lx, m[i].entry, LEX_UNDATED);
        if ((c1 && strlen(c1) >= LEX_CODE_MAX) || (c2 && strlen(c2) >= LEX_CODE_MAX))
            abort();
    }
    arena_free(&a);
}

/* Loads the input with reader r (0: khaldun, 1: TABARI, 2: PETRARCH) as
 * section sec. */
static void try_reader(const char *text, size_t size, int r, unsigned sec)
{
    lexicon lx;
    if (lex_init(&lx) != 0)
        return;
    buf err = BUF_INIT, warn = BUF_INIT;
    int64_t n = r == 0 ? dict_load_text(&lx, "fuzz.dict", text, size, &err, &warn)
                       : import_text(&lx, "fuzz", text, size, sec, r == 1 ? IMPORT_TABARI : IMPORT_PETRARCH, &err,
                                     &warn);
    if (n < 0 && !err.len)
        abort(); /* a refusal says why */
    if (n >= 0)
        use(&lx);
    buf_free(&err);
    buf_free(&warn);
    lex_free(&lx);
}

/* The input as a cache payload, accepted if consistent, then used. */
static void try_cache(const uint8_t *data, size_t size)
{
    uint64_t *copy = malloc(size / 8 * 8 + 8); /* aligned as a mapping is */
    if (!copy)
        return;
    memcpy(copy, data, size);
    uint64_t key = 0;
    if (size >= 8)
        memcpy(&key, data, 8);
    lexicon lx;
    memset(&lx, 0, sizeof lx);
    buf err = BUF_INIT;
    int rc = lex_cache_from_payload(&lx, key ^ LEX_CACHE_LAYOUT, copy, size, &err);
    if (rc < 0 && !err.len)
        abort();
    if (rc == 0)
        use(&lx);
    buf_free(&err);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try_cache(data, size);
    const char *text = (const char *)data;
    try_reader(text, size, 0, LEX_ACTOR);
    for (int r = 1; r <= 2; r++)
        for (unsigned sec = 0; sec < LEX_NSECTIONS; sec++)
            try_reader(text, size, r, sec);
    return 0;
}
