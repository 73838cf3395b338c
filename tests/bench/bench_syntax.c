/*
 * bench_syntax.c - speed of tagging plus parsing, and model load time.
 *
 * usage: bench_syntax DATA_DIR CORPUS.conllu [SECONDS]
 * Maps the models of DATA_DIR (timing it), loads the words of the CoNLL-U
 * corpus, then tags and parses all its sentences repeatedly in five trials
 * sharing half of SECONDS (default 5), then the same with the lemmatiser,
 * and prints the median trial's words/s and sentences/s, the slowest and
 * fastest, and the peak resident memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "syntax/syntax.h"
#include "syntax/treebank.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct trial {
    double words, sents, seconds;
} trial;

static int by_rate(const void *a, const void *b)
{
    double x = ((const trial *)a)->words / ((const trial *)a)->seconds;
    double y = ((const trial *)b)->words / ((const trial *)b)->seconds;
    return (x > y) - (x < y);
}

/* Tags and parses (lemmas too when with_lemmas) one sentence. */
static int analyse(const syn_models *m, word *w, uint32_t n, arena *a, int with_lemmas)
{
    if (with_lemmas)
        return syn_analyse(m, w, n, a);
    if (tagger_tag(&m->tagger, w, n, a) != 0)
        return -1;
    return m->has_parser ? parser_parse(&m->parser, w, n, a) : 0;
}

static int run_trial(const syn_models *m, treebank *tb, double min_seconds, int with_lemmas, trial *t)
{
    arena a;
    arena_init(&a, 0);
    memset(t, 0, sizeof *t);
    double t0 = now();
    do {
        for (size_t k = 0; k < tb->n; k++) {
            arena_reset(&a);
            if (analyse(m, tb->s[k].w, tb->s[k].n, &a, with_lemmas) != 0)
                return -1;
            t->words += tb->s[k].n;
            t->sents += 1;
        }
        t->seconds = now() - t0;
    } while (t->seconds < min_seconds);
    arena_free(&a);
    return 0;
}

enum { TRIALS = 5 };

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_syntax DATA_DIR CORPUS.conllu [SECONDS]\n");
        return 2;
    }
    double seconds = argc > 3 ? atof(argv[3]) : 5.0;
    syn_models m;
    buf err = BUF_INIT;
    double t0 = now();
    if (syn_open(&m, argv[1], &err) != 0 || !m.has_tagger) {
        fprintf(stderr, "bench_syntax: %s\n", err.p ? err.p : "no tagger model");
        return 1;
    }
    double load = now() - t0;
    treebank tb;
    tb_init(&tb);
    if (tb_read(&tb, argv[2], &err) <= 0) {
        fprintf(stderr, "bench_syntax: cannot read %s\n", argv[2]);
        return 1;
    }
    printf("%s: %zu sentences, %zu words; %d trials each, median shown\n",
           m.has_parser ? "tagging + parsing" : "tagging alone", tb.n, tb.words, TRIALS);
    printf("  model load   %12.1f ms (tagger %.1f MB + parser %.1f MB, mapped and checked)\n", load * 1000,
           (double)m.tagger_file.map_size / 1e6, (double)m.parser_file.map_size / 1e6);
    for (int with_lemmas = 0; with_lemmas <= 1; with_lemmas++) {
        trial t[TRIALS];
        for (int k = 0; k < TRIALS; k++)
            if (run_trial(&m, &tb, seconds / TRIALS / 2, with_lemmas, &t[k]) != 0)
                return 1;
        qsort(t, TRIALS, sizeof t[0], by_rate);
        printf("  %s\n", with_lemmas ? "with the lemmatiser:" : "tagger and parser:");
        printf("    words/s      %12.0f   (slowest trial %.0f, fastest %.0f)\n",
               t[TRIALS / 2].words / t[TRIALS / 2].seconds, t[0].words / t[0].seconds,
               t[TRIALS - 1].words / t[TRIALS - 1].seconds);
        printf("    sentences/s  %12.0f\n", t[TRIALS / 2].sents / t[TRIALS / 2].seconds);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("  peak memory  %12.1f MB (resident, whole process incl. the corpus)\n", (double)ru.ru_maxrss / 1024.0);
    tb_free(&tb);
    syn_close(&m);
    buf_free(&err);
    return 0;
}
