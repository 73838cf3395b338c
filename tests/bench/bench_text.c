/*
 * bench_text.c - throughput of the text stage (repair, normalise, tokenise,
 * split, mark boilerplate) on an in-memory corpus.
 *
 * usage: bench_text CORPUS.jsonl [SECONDS]
 * Loads every document of the JSON-lines corpus first, then processes the
 * whole corpus repeatedly through the public API in five trials sharing
 * SECONDS (default 5), and prints the median trial's documents/s,
 * sentences/s, tokens/s and MB/s, the slowest and fastest trial, and the
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

typedef struct trial {
    double docs, sents, toks, mb, seconds;
} trial;

/* Processes the corpus repeatedly for at least min_seconds. */
static int run_trial(khaldun *kh, const corpus *c, double min_seconds, trial *t)
{
    memset(t, 0, sizeof *t);
    double t0 = now();
    do {
        for (size_t i = 0; i < c->n; i++) {
            kh_input in = {NULL, NULL, c->text[i], c->len[i], KH_FORMAT_TEXT};
            kh_doc *d = NULL;
            if (kh_process(kh, &in, &d) != KH_OK) {
                fprintf(stderr, "bench_text: %s\n", kh_errmsg(kh));
                return -1;
            }
            t->docs += 1;
            t->sents += (double)kh_doc_sentence_count(d);
            t->toks += (double)kh_doc_token_count(d);
        }
        t->mb += (double)c->bytes / 1e6;
        t->seconds = now() - t0;
    } while (t->seconds < min_seconds);
    return 0;
}

static int by_rate(const void *a, const void *b)
{
    double x = ((const trial *)a)->mb / ((const trial *)a)->seconds;
    double y = ((const trial *)b)->mb / ((const trial *)b)->seconds;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_text CORPUS.jsonl [SECONDS]\n");
        return 2;
    }
    double min_seconds = argc > 2 ? atof(argv[2]) : 5.0;
    corpus c = {0};
    if (load(argv[1], &c) != 0 || c.n == 0) {
        fprintf(stderr, "bench_text: no documents in %s\n", argv[1]);
        return 1;
    }
    khaldun *kh = NULL;
    kh_options opts = {.max_doc_bytes = (size_t)64 << 20};
    if (kh_open(&kh, &opts) != KH_OK) {
        fprintf(stderr, "bench_text: %s\n", kh ? kh_errmsg(kh) : "out of memory");
        return 1;
    }
    enum { TRIALS = 5 };
    trial t[TRIALS];
    for (int k = 0; k < TRIALS; k++)
        if (run_trial(kh, &c, min_seconds / TRIALS, &t[k]) != 0)
            return 1;
    qsort(t, TRIALS, sizeof t[0], by_rate);
    const trial *med = &t[TRIALS / 2];
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("text stage: %zu documents, %.1f MB; %d trials of %.1f s, median shown (the machine's speed varies)\n",
           c.n, (double)c.bytes / 1e6, TRIALS, min_seconds / TRIALS);
    printf("  sentence model %s\n", kh_sentence_model(kh) ? kh_sentence_model(kh) : "none (rules alone)");
    printf("  documents/s  %12.0f\n", med->docs / med->seconds);
    printf("  sentences/s  %12.0f\n", med->sents / med->seconds);
    printf("  tokens/s     %12.0f\n", med->toks / med->seconds);
    printf("  MB/s         %12.1f   (slowest trial %.1f, fastest %.1f)\n", med->mb / med->seconds,
           t[0].mb / t[0].seconds, t[TRIALS - 1].mb / t[TRIALS - 1].seconds);
    printf("  peak memory  %12.1f MB (resident, whole process incl. the corpus)\n", (double)ru.ru_maxrss / 1024.0);
    kh_close(kh);
    for (size_t i = 0; i < c.n; i++)
        free(c.text[i]);
    free(c.text);
    free(c.len);
    return 0;
}
