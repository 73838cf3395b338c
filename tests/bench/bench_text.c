/*
 * bench_text.c - throughput of the text stage (repair, normalise, tokenise,
 * split, mark boilerplate) on an in-memory corpus.
 *
 * usage: bench_text CORPUS.jsonl [SECONDS]
 * Loads every document of the JSON-lines corpus first, then processes the
 * whole corpus repeatedly for at least SECONDS (default 3) through the
 * public API and prints documents/s, sentences/s, tokens/s, MB/s and the
 * peak resident memory.  Timings are reported, never judged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "io/input.h"
#include "khaldun.h"

typedef struct corpus {
    char **text;
    size_t *len;
    size_t n, cap, bytes;
} corpus;

static int corpus_add(corpus *c, const char *text, size_t len)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        char **t = realloc(c->text, cap * sizeof *t);
        size_t *l = realloc(c->len, cap * sizeof *l);
        if (!t || !l)
            return -1;
        c->text = t;
        c->len = l;
        c->cap = cap;
    }
    c->text[c->n] = malloc(len + 1);
    if (!c->text[c->n])
        return -1;
    memcpy(c->text[c->n], text, len);
    c->len[c->n++] = len;
    c->bytes += len;
    return 0;
}

static int load(const char *path, corpus *c)
{
    buf err = BUF_INIT, warn = BUF_INIT;
    in_reader *r = in_open(path, IN_JSONL, stdin, (size_t)64 << 20, &err);
    if (!r) {
        fprintf(stderr, "bench_text: %s\n", err.p);
        return -1;
    }
    arena a;
    arena_init(&a, 0);
    in_doc d;
    int got;
    while ((got = in_next(r, &d, &a, &err, &warn)) != IN_END) {
        if (got == IN_DOC && corpus_add(c, d.text, d.len) != 0)
            return -1;
        arena_reset(&a);
        buf_clear(&err);
    }
    arena_free(&a);
    in_close(r);
    buf_free(&err);
    buf_free(&warn);
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_text CORPUS.jsonl [SECONDS]\n");
        return 2;
    }
    double min_seconds = argc > 2 ? atof(argv[2]) : 3.0;
    corpus c = {0};
    if (load(argv[1], &c) != 0 || c.n == 0) {
        fprintf(stderr, "bench_text: no documents in %s\n", argv[1]);
        return 1;
    }
    khaldun *kh = NULL;
    kh_options opts = {(size_t)64 << 20};
    if (kh_open(&kh, &opts) != KH_OK)
        return 1;
    unsigned long rounds = 0, docs = 0, sents = 0, toks = 0;
    double t0 = now(), elapsed = 0;
    do {
        for (size_t i = 0; i < c.n; i++) {
            kh_input in = {NULL, NULL, c.text[i], c.len[i], KH_FORMAT_TEXT};
            kh_doc *d = NULL;
            if (kh_process(kh, &in, &d) != KH_OK) {
                fprintf(stderr, "bench_text: %s\n", kh_errmsg(kh));
                return 1;
            }
            docs++;
            sents += kh_doc_sentence_count(d);
            toks += kh_doc_token_count(d);
        }
        rounds++;
        elapsed = now() - t0;
    } while (elapsed < min_seconds);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = (double)c.bytes * (double)rounds / 1e6;
    printf("text stage: %zu documents, %.1f MB, %lu rounds in %.2f s\n", c.n, (double)c.bytes / 1e6,
           rounds, elapsed);
    printf("  documents/s  %12.0f\n", (double)docs / elapsed);
    printf("  sentences/s  %12.0f\n", (double)sents / elapsed);
    printf("  tokens/s     %12.0f\n", (double)toks / elapsed);
    printf("  MB/s         %12.1f\n", mb / elapsed);
    printf("  peak memory  %12.1f MB (resident, whole process incl. the corpus)\n", (double)ru.ru_maxrss / 1024.0);
    kh_close(kh);
    for (size_t i = 0; i < c.n; i++)
        free(c.text[i]);
    free(c.text);
    free(c.len);
    return 0;
}
