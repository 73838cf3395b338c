/*
 * cmd_train.c - `khaldun train-sbd`: trains the sentence-boundary model from
 * documents with gold sentence ends and writes it as a model file.
 *
 * Input files hold one JSON object per line: {"id": ..., "text": ...,
 * "ends": [code-point offsets where gold sentences end]};
 * scripts/sbd_data.py makes them from CoNLL-U treebanks.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/model.h"
#include "text/sbd_train.h"

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Reads the gold ends of a record into a sorted array; NULL on error. */
static uint32_t *gold_ends(json_t *ends, size_t *n)
{
    *n = json_array_size(ends);
    uint32_t *g = mem_calloc(*n ? *n : 1, sizeof *g);
    if (!g)
        return NULL;
    for (size_t k = 0; k < *n; k++) {
        json_t *v = json_array_get(ends, k);
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > UINT32_MAX) {
            mem_free(g);
            return NULL;
        }
        g[k] = (uint32_t)json_integer_value(v);
    }
    qsort(g, *n, sizeof *g, cmp_u32);
    return g;
}

/* Collects the examples of every record of path into data. */
static int collect_file(const char *path, sbd_data *data, cli_io *io)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(io->err, "khaldun train-sbd: %s: cannot open\n", path);
        return -1;
    }
    arena a;
    arena_init(&a, 0);
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0;
    int rc = 0;
    while (rc == 0 && getline(&line, &cap, f) >= 0) {
        lineno++;
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        json_t *text = o ? json_object_get(o, "text") : NULL;
        size_t n = 0;
        uint32_t *g = (text && json_is_string(text)) ? gold_ends(json_object_get(o, "ends"), &n) : NULL;
        if (!g) {
            fprintf(io->err, "khaldun train-sbd: %s:%lu: expected {\"text\": ..., \"ends\": [...]}\n", path, lineno);
            rc = -1;
        } else if (sbd_collect(data, &a, json_string_value(text), json_string_length(text), g, n) != 0) {
            fprintf(io->err, "khaldun train-sbd: out of memory\n");
            rc = -1;
        }
        mem_free(g);
        json_decref(o);
    }
    free(line);
    fclose(f);
    arena_free(&a);
    return rc;
}

static void report(cli_io *io, const char *what, const sbd_report *rep)
{
    fprintf(io->out,
            "sentence model %s: %zu training gaps (%zu boundaries), %zu dev gaps (%zu boundaries)\n"
            "dev sentence-boundary F1: rules %.4f, rules + model %.4f (threshold %.3f)\n",
            what, rep->train_examples, rep->train_positive, rep->dev_examples, rep->dev_positive,
            rep->dev_f1_rules, rep->dev_f1_model, rep->threshold);
}

int cmd_train_sbd(int argc, char **argv, cli_io *io)
{
    const char *train = NULL, *dev = NULL, *out = NULL, *fixed = NULL;
    size_t epochs = 8, bits = 17, seed = 20261125;
    int final = 0;
    opt_spec specs[] = {
        {"train", OPT_STRING, &train, "training documents (JSON lines with gold sentence ends)"},
        {"dev", OPT_STRING, &dev, "development documents, for the decision threshold"},
        {"out", OPT_STRING, &out, "the model file to write"},
        {"epochs", OPT_SIZE, &epochs, "passes over the training data (default 8)"},
        {"bits", OPT_SIZE, &bits, "log2 of the number of weights (default 17)"},
        {"seed", OPT_SIZE, &seed, "seed of the example order (default fixed)"},
        {"threshold", OPT_STRING, &fixed, "use this decision threshold instead of tuning it on --dev"},
        {"final", OPT_FLAG, &final, "tune the threshold on --dev, then retrain on --train and --dev together"},
        {NULL, OPT_FLAG, NULL, NULL}};
    char **pos = mem_calloc((size_t)argc + 1, sizeof *pos);
    int npos = 0;
    int rc = pos ? opts_parse(argc, argv, specs, "khaldun train-sbd --train FILE --dev FILE --out MODEL",
                              pos, &npos, io)
                 : 2;
    mem_free(pos);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (!train || !dev || !out || npos || bits < 8 || bits > 24 || epochs > 100) {
        fprintf(io->err, "usage: khaldun train-sbd --train FILE --dev FILE --out MODEL [--epochs N] [--bits 8-24]\n");
        return 2;
    }
    sbd_data tr = {0}, dv = {0};
    buf payload = BUF_INIT, err = BUF_INIT;
    sbd_report rep;
    rc = 1;
    char *end = NULL;
    float threshold = fixed ? strtof(fixed, &end) : 0;
    if (fixed && (end == fixed || *end)) {
        fprintf(io->err, "khaldun train-sbd: --threshold wants a number, not '%s'\n", fixed);
        return 2;
    }
    int trained = 0;
    if (collect_file(train, &tr, io) == 0 && collect_file(dev, &dv, io) == 0) {
        trained = sbd_train(&tr, &dv, (unsigned)bits, (int)epochs, (uint32_t)seed, fixed ? &threshold : NULL,
                            &payload, &rep) == 0;
        if (trained)
            report(io, "trained on --train", &rep);
        if (trained && final) {
            threshold = rep.threshold;
            buf_clear(&payload);
            trained = collect_file(dev, &tr, io) == 0 &&
                      sbd_train(&tr, &dv, (unsigned)bits, (int)epochs, (uint32_t)seed, &threshold, &payload,
                                &rep) == 0;
            if (trained)
                fprintf(io->out, "final model: retrained on --train and --dev (%zu gaps), threshold %.3f\n",
                        rep.train_examples, rep.threshold);
        }
        if (!trained)
            fprintf(io->err, "khaldun train-sbd: training failed (no examples, or out of memory)\n");
        else if (model_write(out, SBD_KIND, payload.p, payload.len, &err) != 0)
            fprintf(io->err, "khaldun train-sbd: %s\n", err.p);
        else
            rc = 0;
    }
    if (rc == 0)
        fprintf(io->out, "wrote %s\n", out);
    sbd_data_free(&tr);
    sbd_data_free(&dv);
    buf_free(&payload);
    buf_free(&err);
    return rc;
}
