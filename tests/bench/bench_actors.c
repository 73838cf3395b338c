/*
 * bench_actors.c - dictionary load time and actor matching speed.
 *
 * usage: bench_actors DATA_DIR CORPUS.conllu [SECONDS]
 * Loads khaldun's dictionaries from DATA_DIR/dictionaries three ways
 * (compiling the text files, writing the cache, mapping the cache) and
 * times each; tags the words of the CoNLL-U corpus once with the models
 * of DATA_DIR; then finds the actors of every sentence repeatedly in five
 * trials sharing SECONDS (default 4) and prints the median trial's
 * words/s, with the number of actors found per pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "code/actor.h"
#include "lex/load.h"
#include "syntax/syntax.h"
#include "syntax/treebank.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Loads the default set; returns the seconds it took. */
static double load(lexicon *lx, const char *data, int no_cache, int *cached)
{
    lex_set set = {0};
    set.no_cache = no_cache;
    buf err = BUF_INIT, warn = BUF_INIT;
    double t0 = now();
    if (lex_load_set(lx, data, &set, &err, &warn, cached) != 0) {
        fprintf(stderr, "bench_actors: %s\n", err.p ? err.p : "cannot load the dictionaries");
        exit(1);
    }
    double t = now() - t0;
    buf_free(&err);
    buf_free(&warn);
    return t;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_actors DATA_DIR CORPUS.conllu [SECONDS]\n");
        return 2;
    }
    double seconds = argc > 3 ? atof(argv[3]) : 4.0;
    lexicon lx;
    int cached;
    double compile_s = load(&lx, argv[1], 1, &cached);
    lex_free(&lx);
    double write_s = load(&lx, argv[1], 0, &cached); /* writes the cache when there is none */
    lex_free(&lx);
    double map_s = load(&lx, argv[1], 0, &cached);
    printf("dictionaries: %u entries, %u phrases\n", lx.nentries, lx.nphrases);
    printf("  load from text   %8.1f ms\n", compile_s * 1000);
    printf("  first cached run %8.1f ms (compiles and writes the cache if it is missing)\n", write_s * 1000);
    printf("  load from cache  %8.1f ms%s\n", map_s * 1000, cached ? "" : " (no cache could be written)");

    syn_models m;
    buf err = BUF_INIT;
    treebank tb;
    tb_init(&tb);
    if (syn_open(&m, argv[1], &err) != 0 || !m.has_tagger || tb_read(&tb, argv[2], &err) <= 0) {
        fprintf(stderr, "bench_actors: %s\n", err.p ? err.p : "no tagger or corpus");
        return 1;
    }
    arena a;
    arena_init(&a, 0);
    uint8_t **pos = calloc(tb.n, sizeof *pos);
    actor *out = malloc(4096 * sizeof *out);
    for (size_t k = 0; k < tb.n; k++) {
        if (tagger_tag(&m.tagger, tb.s[k].w, tb.s[k].n, &a) != 0)
            return 1;
        pos[k] = malloc(tb.s[k].n + 1);
        for (uint32_t i = 0; i < tb.s[k].n; i++)
            pos[k][i] = actor_pos_of(tagger_upos(&m.tagger, tb.s[k].w[i].tag));
    }
    enum { TRIALS = 5 };
    double rate[TRIALS];
    size_t actors = 0;
    for (int t = 0; t < TRIALS; t++) {
        double t0 = now(), words = 0;
        do {
            actors = 0;
            for (size_t k = 0; k < tb.n; k++) {
                uint32_t n = tb.s[k].n < 4096 ? tb.s[k].n : 4096;
                actors += actor_find(&lx, tb.s[k].w, pos[k], n, 18288, out, 4096);
                words += n;
            }
        } while (now() - t0 < seconds / TRIALS);
        rate[t] = words / (now() - t0);
    }
    qsort(rate, TRIALS, sizeof rate[0], by_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("actor matching and resolution on %zu sentences, %zu words (%zu actors a pass):\n", tb.n, tb.words,
           actors);
    printf("  words/s %12.0f   (slowest trial %.0f, fastest %.0f)\n", rate[TRIALS / 2], rate[0], rate[TRIALS - 1]);
    printf("  peak memory %8.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    for (size_t k = 0; k < tb.n; k++)
        free(pos[k]);
    free(pos);
    free(out);
    arena_free(&a);
    tb_free(&tb);
    syn_close(&m);
    lex_free(&lx);
    buf_free(&err);
    return 0;
}
