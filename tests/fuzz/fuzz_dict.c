/*
 * fuzz_dict.c - libFuzzer harness for the dictionary readers: khaldun's
 * own format (lex/dict.h) and the TABARI and PETRARCH importers
 * (lex/import.h), each section, on arbitrary bytes.  A refusal must say
 * why; an accepted dictionary is then matched against a fixed sentence and
 * every match's code looked up on a date and without one, which must not
 * crash or read out of bounds.  The input is also read as event patterns
 * (code/pattern.h), matched on a fixed parsed sentence, as a CAMEO code
 * table (code/cameo.h), and as a PETRARCH verb dictionary whose converted
 * patterns must read back (code/verbimport.h).  And it is read as a compiled
 * cache payload (lex/cache.h) whose key is its own first 8 bytes, so that
 * the checks of a mapped cache are what stands between corrupt bytes and
 * the matcher.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "code/cameo.h"
#include "code/event.h"
#include "code/verbimport.h"
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

/* The input as a PETRARCH or TABARI verb dictionary: what the importers
 * write must be patterns khaldun reads. */
static void try_verbs(const char *text, size_t size, int tabari)
{
    buf out = BUF_INIT, err = BUF_INIT;
    long n = (tabari ? verbs_from_tabari : verbs_from_petrarch)("fuzz.verbs", text, size, &out, &err);
    if (n >= 0) {
        pattern_set ps;
        if (pattern_init(&ps) == 0) {
            buf perr = BUF_INIT;
            if (pattern_load_text(&ps, "converted", out.p ? out.p : "", out.len, &perr) < 0)
                abort(); /* the converter wrote a pattern the reader refuses */
            pattern_free(&ps);
            buf_free(&perr);
        }
    }
    buf_free(&out);
    buf_free(&err);
}

/* The input as patterns, used on "Rebels fired rockets at the embassy". */
static void try_patterns(const char *text, size_t size)
{
    pattern_set ps;
    if (pattern_init(&ps) != 0)
        return;
    buf err = BUF_INIT;
    int64_t n = pattern_load_text(&ps, "fuzz.patterns", text, size, &err);
    if (n < 0 && !err.len)
        abort();
    if (n >= 0) {
        pattern_finish(&ps);
        static const char *const forms[] = {"Rebels", "fired", "rockets", "at", "the", "embassy", "."};
        static const char *const lemmas[] = {"rebel", "fire", "rocket", "at", "the", "embassy", "."};
        static const int32_t heads[] = {1, -1, 1, 5, 5, 1, 1};
        static const char *const rels[] = {"nsubj", "root", "obj", "case", "det", "obl", "punct"};
        static const uint8_t pos[] = {AP_NOUN, AP_VERB, AP_NOUN, AP_ADP, AP_DET, AP_NOUN, AP_PUNCT};
        word w[7];
        memset(w, 0, sizeof w);
        for (int i = 0; i < 7; i++) {
            word_set_form(&w[i], forms[i]);
            w[i].lemma = lemmas[i];
            w[i].head = heads[i];
        }
        actor a[2];
        memset(a, 0, sizeof a);
        a[0] = (actor){.start = 0, .end = 1, .code = "REB"};
        a[1] = (actor){.start = 5, .end = 6, .code = "GOV"};
        ev_sentence s = {w, pos, rels, 7, a, 2, 0};
        event ev[16];
        uint32_t k = event_find(&ps, &s, ev, 16);
        for (uint32_t i = 0; i < k && i < 16; i++)
            if (ev[i].pattern >= ps.n || ev[i].head >= 7 || ev[i].source >= 2 || ev[i].target >= 2)
                abort();
    }
    buf_free(&err);
    pattern_free(&ps);
    cameo_table t;
    buf_clear(&err);
    if (cameo_load_text(&t, "fuzz.codes", text, size, &err) == 0) {
        cameo_find(&t, "190");
        cameo_free(&t);
    } else if (!err.len && size) {
        abort();
    }
    buf_free(&err);
}

/* The Latin-1 reading of a peer's file: valid UTF-8 out, or an error. */
static void try_legacy(const char *data, size_t size)
{
    char *raw = mem_alloc(size + 1);
    if (!raw)
        return;
    memcpy(raw, data, size);
    raw[size] = 0;
    size_t len = size;
    buf warn = BUF_INIT, err = BUF_INIT;
    char *text = dict_legacy_text("fuzz.verbs", raw, &len, &warn, &err);
    if (text ? dict_check_text("fuzz.verbs", text, len, &err) != 0 : !err.len)
        abort(); /* what is returned is text; what is refused says why */
    mem_free(text);
    buf_free(&warn);
    buf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try_legacy((const char *)data, size);
    try_verbs((const char *)data, size, 0);
    try_verbs((const char *)data, size, 1);
    try_patterns((const char *)data, size);
    try_cache(data, size);
    const char *text = (const char *)data;
    try_reader(text, size, 0, LEX_ACTOR);
    for (int r = 1; r <= 2; r++)
        for (unsigned sec = 0; sec < LEX_NSECTIONS; sec++)
            try_reader(text, size, r, sec);
    return 0;
}
