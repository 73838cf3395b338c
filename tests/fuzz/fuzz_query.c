/*
 * fuzz_query.c - libFuzzer harness for the query filters of `khaldun
 * query` (store/query.h): arbitrary option values read by query_set,
 * then the filter run against a small store (events and counts by every
 * key), the full-text query checked first as the command does.
 *
 * Input: lines "NAME=VALUE" (the filter's name, then its value); the
 * first byte also chooses the count key.  Checks that a refused value
 * says which option, that an accepted filter never makes SQLite fail
 * (apart from a full-text query FTS5 refuses), and that no event comes
 * back twice.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/out.h"
#include "store/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static db *store;

/* A store of a few invented events, written once per process. */
static db *open_store(void)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/khaldun-fuzz-query-%d.db", (int)getpid());
    db *d = NULL;
    if (db_open(&d, path, NULL) != DB_OK)
        abort();
    static const char *const codes[][4] = {{"190", "SYRREB", "SYRMIL", "2031-05-04"},
                                           {"0211", "TURGOV", NULL, "2031-05-12"},
                                           {"1414", NULL, "EGYGOV", NULL},
                                           {"075A", "IGOUNO", "SYR", "2031-06-30"}};
    for (int k = 0; k < 4; k++) {
        char id[8];
        snprintf(id, sizeof id, "d%d", k);
        db_doc doc = {id, "2031-07-01", NULL, "Wire", NULL, (uint64_t)k + 1, 1};
        int skip;
        db_event e = {0};
        e.evidence = k % 2 ? "Troops shelled the border town at dawn." : "Crowds marched on the capital.";
        e.cameo = codes[k][0], e.source_code = codes[k][1], e.target_code = codes[k][2], e.date = codes[k][3];
        e.has_place = k < 3, e.place_name = "Town", e.place_country = k ? "TUR" : "SYR";
        e.lat = 36 + k, e.lon = 37 - 80 * k, e.killed = e.wounded = -1;
        if (db_doc_begin(d, &doc, &skip) != DB_OK || db_add_event(d, &e, NULL) != DB_OK || db_doc_end(d) != DB_OK)
            abort();
    }
    if (db_close(d) != DB_OK || db_open_read(&d, path) != DB_OK)
        abort();
    /* the open connection keeps them: nothing is left behind */
    static const char *const ends[] = {"", "-wal", "-shm"};
    for (int k = 0; k < 3; k++) {
        char name[80];
        snprintf(name, sizeof name, "%s%s", path, ends[k]);
        unlink(name);
    }
    return d;
}

static int seen_event(const out_event *e, int64_t key, void *ctx)
{
    int64_t *last = ctx;
    if (key <= *last || !e->cameo)
        abort(); /* in the order stored, each once */
    *last = key;
    return 0;
}

static int seen_count(const char *value, int64_t events, int64_t mentions, void *ctx)
{
    (void)value;
    (void)ctx;
    if (events < 1 || mentions < events)
        abort();
    return 0;
}

/* Reads the "NAME=VALUE" lines of text into f; 0 when all were accepted. */
static int read_filters(query_filter *f, char *text)
{
    buf err = BUF_INIT;
    int refused = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        buf_clear(&err);
        int r = query_set(f, line, eq + 1, &err);
        if (r == -1 && (!err.p || !strstr(err.p, line)))
            abort(); /* a refusal names the option */
        refused |= r != 0;
    }
    buf_free(&err);
    return refused;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!store)
        store = open_store();
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    query_key key = (query_key)(size ? data[0] % QK_NKEYS : 0);
    query_filter f;
    query_filter_init(&f);
    read_filters(&f, text);
    if (!f.text || query_check_text(store, f.text) == DB_OK) {
        int64_t last = 0;
        if (query_events(store, &f, seen_event, &last) != DB_OK)
            abort();
        if (key != QK_NONE && query_counts(store, &f, key, seen_count, NULL) != DB_OK)
            abort();
    }
    free(text);
    return 0;
}
