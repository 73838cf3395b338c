/*
 * fuzz_lemma.c - libFuzzer harness for the lemmatiser.
 *
 * (a) The input as a payload: when lem_from_payload accepts it, a few words
 *     (and pieces of the input itself) are lemmatised with the model.
 * (b) The input as "form NUL xpos NUL upos": lemmatised without a model at
 *     several capacities; the output must be NUL-terminated within cap,
 *     leave the bytes past cap alone, report the same length whatever the
 *     cap, and be a prefix of the full output.
 * (c) The input as lines of "form TAB xpos TAB upos TAB lemma": trained on
 *     twice, the payloads must be identical and accepted, and the model
 *     must lemmatise every training form.
 * abort() on any violation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "syntax/lemma.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CANARY 0x5A
#define BIG 2048

static void check(int ok)
{
    if (!ok)
        abort();
}

/* Lemmatises form[0..len) into a buffer of cap bytes plus canaries and
 * checks the promises of lem_lemmatize; full is the output at cap BIG. */
static void check_cap(const lem_model *m, const char *form, size_t len, const char *xpos, const char *upos,
                      size_t cap, const char *full, size_t full_len)
{
    char out[BIG + 16];
    memset(out, CANARY, sizeof out);
    size_t n = lem_lemmatize(m, form, len, xpos, upos, cap ? out : NULL, cap);
    check(n == full_len);
    for (size_t i = cap; i < sizeof out; i++)
        check(out[i] == CANARY);
    if (cap == 0)
        return;
    size_t w = n < cap - 1 ? n : cap - 1;
    check(out[w] == '\0');
    check(memcmp(out, full, w) == 0);
}

/* Runs one (form, xpos, upos) through lem_lemmatize at several caps. */
static void lemmatize_checked(const lem_model *m, const char *form, size_t len, const char *xpos,
                              const char *upos)
{
    char full[BIG]; /* a longer output is cut, which the caps below never reach */
    size_t n = lem_lemmatize(m, form, len, xpos, upos, full, sizeof full);
    check(full[n < sizeof full ? n : sizeof full - 1] == '\0');
    static const size_t caps[] = {0, 1, 2, 3, 5, 8, 64};
    for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++)
        check_cap(m, form, len, xpos, upos, caps[i], full, n);
}

/* (a) */
static void as_payload(const uint8_t *data, size_t size)
{
    lem_model m;
    buf err = BUF_INIT;
    if (lem_from_payload(&m, data, size, &err) == 0) {
        static const char *const words[][3] = {
            {"troops", "NNS", "NOUN"}, {"running", "VBG", "VERB"}, {"'s", "VBZ", "AUX"},
            {"people", "NNS", "NOUN"}, {"United", "NNP", "VERB"},  {"a", "_", "_"},
        };
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            lemmatize_checked(&m, words[i][0], strlen(words[i][0]), words[i][1], words[i][2]);
        for (size_t i = 0; i + 1 < size && i < 256; i += 7)
            lemmatize_checked(&m, (const char *)data + i, size - i < 12 ? size - i : 12, "NNS", "NOUN");
    } else {
        check(err.len > 0);
    }
    buf_free(&err);
}

/* Copies the NUL-terminated field at *at (at most max bytes) into dst. */
static void take_field(const uint8_t *data, size_t size, size_t *at, char *dst, size_t max)
{
    size_t k = 0;
    while (*at < size && data[*at] != 0 && k < max - 1)
        dst[k++] = (char)data[(*at)++];
    dst[k] = '\0';
    while (*at < size && data[*at] != 0)
        (*at)++;
    if (*at < size)
        (*at)++;
}

/* (b) */
static void as_word(const uint8_t *data, size_t size)
{
    size_t form_len = 0;
    while (form_len < size && data[form_len] != 0)
        form_len++;
    size_t at = form_len < size ? form_len + 1 : size;
    char xpos[16], upos[16];
    take_field(data, size, &at, xpos, sizeof xpos);
    take_field(data, size, &at, upos, sizeof upos);
    lemmatize_checked(NULL, (const char *)data, form_len, xpos, upos);
    lemmatize_checked(NULL, (const char *)data, size, xpos, upos); /* with the NULs in the form */
}

/* Splits data into at most max examples of "form\txpos\tupos\tlemma" lines,
 * strings copied into store (NUL-terminated in place). */
static size_t split_triples(char *store, size_t size, lem_example *ex, size_t max)
{
    size_t n = 0;
    char *line = store, *end = store + size;
    while (line < end && n < max) {
        char *nl = memchr(line, '\n', (size_t)(end - line));
        char *stop = nl ? nl : end;
        *stop = '\0';
        char *col[4] = {line, NULL, NULL, NULL};
        for (int k = 1; k < 4 && col[k - 1]; k++) {
            char *tab = strchr(col[k - 1], '\t');
            if (tab) {
                *tab = '\0';
                col[k] = tab + 1;
            }
        }
        if (col[3])
            ex[n++] = (lem_example){col[0], col[2], col[1], col[3]};
        line = stop + 1;
    }
    return n;
}

/* (c) */
static void as_training(const uint8_t *data, size_t size)
{
    char *store = malloc(size + 1);
    lem_example ex[64];
    if (!store)
        return;
    memcpy(store, data, size);
    store[size] = '\0';
    size_t n = split_triples(store, size, ex, 64);
    buf a = BUF_INIT, b = BUF_INIT, err = BUF_INIT;
    lem_report rep;
    check(lem_train(ex, n, &a, &rep) == 0);
    check(lem_train(ex, n, &b, NULL) == 0);
    check(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
    check(rep.examples == n && rep.rule_correct <= n && rep.exceptions <= n);
    lem_model m;
    check(lem_from_payload(&m, a.p, a.len, &err) == 0);
    check(m.nentries == rep.exceptions);
    for (size_t i = 0; i < n; i++)
        lemmatize_checked(&m, ex[i].form, strlen(ex[i].form), ex[i].xpos, ex[i].upos);
    buf_free(&a);
    buf_free(&b);
    buf_free(&err);
    free(store);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    as_payload(data, size);
    as_word(data, size);
    as_training(data, size);
    return 0;
}
