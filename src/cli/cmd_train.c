/*
 * cmd_train.c - `khaldun train KIND`: trains a model and writes it as a
 * model file (core/model.h), deterministically for a given seed.
 *
 *   khaldun train sbd --train F --dev F --out MODEL     sentence boundaries
 *   khaldun train tagger --dev F --out MODEL TRAIN...    part-of-speech tags
 *   khaldun train parser --tagger T --dev F --out MODEL TRAIN...
 *   khaldun train lemma --dev F --out MODEL TRAIN...
 *
 * The sentence-boundary data are JSON lines {"id", "text", "ends": [code
 * points where gold sentences end]} made by scripts/sbd_data.py; the
 * tagger and the parser read CoNLL-U treebanks.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/model.h"
#include "syntax/syntax.h"
#include "syntax/treebank.h"
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
        fprintf(io->err, "khaldun train sbd: %s: cannot open\n", path);
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
            fprintf(io->err, "khaldun train sbd: %s:%lu: expected {\"text\": ..., \"ends\": [...]}\n", path, lineno);
            rc = -1;
        } else if (sbd_collect(data, &a, json_string_value(text), json_string_length(text), g, n) != 0) {
            fprintf(io->err, "khaldun train sbd: out of memory\n");
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

static int train_sbd(int argc, char **argv, cli_io *io)
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
    int rc = pos ? opts_parse(argc, argv, specs, "khaldun train sbd --train FILE --dev FILE --out MODEL",
                              pos, &npos, io)
                 : 2;
    mem_free(pos);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (!train || !dev || !out || npos || bits < 8 || bits > 24 || epochs > 100) {
        fprintf(io->err, "usage: khaldun train sbd --train FILE --dev FILE --out MODEL [--epochs N] [--bits 8-24]\n");
        return 2;
    }
    sbd_data tr = {0}, dv = {0};
    buf payload = BUF_INIT, err = BUF_INIT;
    sbd_report rep;
    rc = 1;
    char *end = NULL;
    float threshold = fixed ? strtof(fixed, &end) : 0;
    if (fixed && (end == fixed || *end)) {
        fprintf(io->err, "khaldun train sbd: --threshold wants a number, not '%s'\n", fixed);
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
            fprintf(io->err, "khaldun train sbd: training failed (no examples, or out of memory)\n");
        else if (model_write(out, SBD_KIND, payload.p, payload.len, &err) != 0)
            fprintf(io->err, "khaldun train sbd: %s\n", err.p);
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

/* ---- tagger and parser ---- */

enum { TAGGER_BAGS = 3 };

/* Headline style: an all-caps copy of every CAPS_EVERY-th training sentence
 * of at most CAPS_MAX_WORDS words joins the tagger's and parser's training
 * data. */
enum { CAPS_EVERY = 10, CAPS_MAX_WORDS = 30 };

typedef struct train_opts {
    const char *dev, *out, *tagger_path;
    size_t epochs, seed, folds, bags;
    int no_caps;
} train_opts;

/* Reads the treebank at path into tb; reports problems. */
static int read_treebank(treebank *tb, const char *path, cli_io *io)
{
    buf err = BUF_INIT;
    int64_t got = tb_read(tb, path, &err);
    if (err.len)
        fprintf(io->err, "%s", err.p);
    buf_free(&err);
    return got < 0 ? -1 : 0;
}

/* Reads the treebanks named by files[0..n) into tb. */
static int read_treebanks(treebank *tb, char **files, int n, cli_io *io)
{
    for (int k = 0; k < n; k++)
        if (read_treebank(tb, files[k], io) != 0)
            return -1;
    return 0;
}

/* Reads the training treebanks and adds their all-caps copies. */
static int read_training(treebank *tb, char **files, int n, int caps, cli_io *io)
{
    if (read_treebanks(tb, files, n, io) != 0)
        return -1;
    int64_t copies = caps ? tb_add_caps_copies(tb, CAPS_EVERY, CAPS_MAX_WORDS) : 0;
    if (copies < 0)
        return -1;
    fprintf(io->out, "training data: %zu sentences (%lld all-caps copies)\n", tb->n, (long long)copies);
    return 0;
}

/* Tag classes in the tagger's own table format. */
static tag_names *to_tag_names(const tb_names *classes)
{
    tag_names *names = mem_calloc(classes->n ? classes->n : 1, sizeof *names);
    for (uint32_t c = 0; names && c < classes->n; c++)
        sscanf(classes->name[c], "%7s %7s", names[c].upos, names[c].xpos);
    return names;
}

static tag_sent *tag_sents(treebank *tb)
{
    tag_sent *ts = mem_calloc(tb->n ? tb->n : 1, sizeof *ts);
    for (size_t k = 0; ts && k < tb->n; k++)
        ts[k] = (tag_sent){tb->s[k].w, tb->s[k].tag, tb->s[k].n};
    return ts;
}

static int write_model(const char *path, const char *kind, const buf *payload, cli_io *io)
{
    buf err = BUF_INIT;
    int rc = model_write(path, kind, payload->p, payload->len, &err);
    if (rc != 0)
        fprintf(io->err, "khaldun train: %s\n", err.p);
    else
        fprintf(io->out, "wrote %s (%zu bytes)\n", path, payload->len + MODEL_HEADER_SIZE);
    buf_free(&err);
    return rc;
}

static int parse_train_opts(int argc, char **argv, train_opts *o, char ***files, int *nfiles, cli_io *io,
                            const char *usage)
{
    opt_spec specs[] = {
        {"dev", OPT_STRING, &o->dev, "development treebank (CoNLL-U)"},
        {"out", OPT_STRING, &o->out, "the model file to write"},
        {"tagger", OPT_STRING, &o->tagger_path, "tagger model whose classes and predictions the parser uses"},
        {"epochs", OPT_SIZE, &o->epochs, "passes over the training data"},
        {"seed", OPT_SIZE, &o->seed, "seed of the example order (default fixed)"},
        {"folds", OPT_SIZE, &o->folds, "parser: train on tags predicted by this many jackknife taggers (0: gold tags)"},
        {"bags", OPT_SIZE, &o->bags, "parser: average this many perceptrons trained in different orders"},
        {"no-caps", OPT_FLAG, &o->no_caps, "train without all-caps copies of short sentences"},
        {NULL, OPT_FLAG, NULL, NULL}};
    *files = mem_calloc((size_t)argc + 1, sizeof **files);
    if (!*files)
        return 2;
    int rc = opts_parse(argc, argv, specs, usage, *files, nfiles, io);
    if (rc == 0 && (!o->dev || !o->out || *nfiles == 0)) {
        fprintf(io->err, "usage: %s\n", usage);
        rc = 2;
    }
    return rc;
}

static int train_tagger(int argc, char **argv, cli_io *io)
{
    train_opts o = {NULL, NULL, NULL, 12, 20261125, 0, 3, 0};
    char **files = NULL;
    int nfiles = 0;
    int rc = parse_train_opts(argc, argv, &o, &files, &nfiles, io,
                              "khaldun train tagger --dev DEV.conllu --out MODEL TRAIN.conllu...");
    treebank tr, dv;
    tb_init(&tr);
    tb_init(&dv);
    tb_names classes = {0};
    tag_names *names = NULL;
    tag_sent *ts = NULL, *ds = NULL;
    buf payload = BUF_INIT;
    if (rc == 0) {
        rc = 1;
        if (read_training(&tr, files, nfiles, !o.no_caps, io) == 0 && read_treebank(&dv, o.dev, io) == 0 &&
            tb_tag_classes(&tr, AP_MAX_CLASSES - 1, &classes) == 0 && (names = to_tag_names(&classes))) {
            tb_assign_tags(&tr, &classes, (uint16_t)classes.n);
            tb_assign_tags(&dv, &classes, (uint16_t)classes.n);
            ts = tag_sents(&tr);
            ds = tag_sents(&dv);
            tag_report rep;
            if (ts && ds && tag_train(ts, tr.n, ds, dv.n, names, classes.n, (int)o.epochs, TAGGER_BAGS,
                                      (uint32_t)o.seed, &payload, &rep) == 0) {
                fprintf(io->out,
                        "tagger: %zu sentences, %zu words, %u classes, %zu features; dev UPOS %.4f XPOS %.4f\n",
                        tr.n, tr.words, classes.n, rep.features, rep.dev_upos, rep.dev_xpos);
                rc = write_model(o.out, TAG_KIND, &payload, io) == 0 ? 0 : 1;
            }
        }
        if (rc)
            fprintf(io->err, "khaldun train tagger: failed\n");
    }
    mem_free(names);
    mem_free(ts);
    mem_free(ds);
    tb_names_free(&classes);
    tb_free(&tr);
    tb_free(&dv);
    buf_free(&payload);
    mem_free(files);
    return rc;
}

enum { JACKKNIFE_TAGGER_EPOCHS = 12 };

/* The tagger's classes as a treebank name table ("UPOS XPOS"). */
static int tagger_classes(const tagger *t, tb_names *out)
{
    memset(out, 0, sizeof *out);
    out->name = mem_calloc(t->nclasses, sizeof *out->name);
    out->count = mem_calloc(t->nclasses, sizeof *out->count);
    if (!out->name || !out->count)
        return -1;
    for (uint32_t c = 0; c < t->nclasses; c++)
        snprintf(out->name[c], sizeof out->name[0], "%.7s %.7s", t->names[c].upos, t->names[c].xpos);
    out->n = out->cap = t->nclasses;
    return 0;
}

/* Tags every sentence of tb with t (predicted tags in w[].tag). */
static int tag_all(const tagger *t, treebank *tb, size_t from, size_t to, size_t step, size_t skip)
{
    arena a;
    arena_init(&a, 0);
    int rc = 0;
    for (size_t k = from; k < to && rc == 0; k++) {
        if (step && k % step != skip)
            continue;
        arena_reset(&a);
        rc = tagger_tag(t, tb->s[k].w, tb->s[k].n, &a);
    }
    arena_free(&a);
    return rc;
}

/* Gives the training sentences tags predicted by taggers that did not see
 * them: sentence k belongs to fold k % folds. */
static int jackknife_tags(treebank *tr, const tagger *full, uint32_t folds, uint32_t seed, cli_io *io)
{
    tag_sent *all = tag_sents(tr), *part = mem_calloc(tr->n ? tr->n : 1, sizeof *part);
    int rc = (all && part) ? 0 : -1;
    for (uint32_t f = 0; f < folds && rc == 0; f++) {
        size_t m = 0;
        for (size_t k = 0; k < tr->n; k++)
            if (k % folds != f)
                part[m++] = all[k];
        buf payload = BUF_INIT;
        tag_report rep;
        tagger t;
        buf err = BUF_INIT;
        rc = tag_train(part, m, NULL, 0, full->names, full->nclasses, JACKKNIFE_TAGGER_EPOCHS, 1, seed + f,
                       &payload, &rep);
        if (rc == 0)
            rc = tagger_from_payload(&t, payload.p, payload.len, &err);
        if (rc == 0)
            rc = tag_all(&t, tr, 0, tr->n, folds, f);
        fprintf(io->out, "jackknife tagger %u/%u trained\n", f + 1, folds);
        buf_free(&payload);
        buf_free(&err);
    }
    mem_free(all);
    mem_free(part);
    return rc;
}

static void gold_tags(treebank *tb)
{
    for (size_t k = 0; k < tb->n; k++)
        for (uint32_t i = 0; i < tb->s[k].n; i++)
            tb->s[k].w[i].tag = tb->s[k].tag[i];
}

static dep_sent *dep_sents(treebank *tb)
{
    dep_sent *ds = mem_calloc(tb->n ? tb->n : 1, sizeof *ds);
    for (size_t k = 0; ds && k < tb->n; k++)
        ds[k] = (dep_sent){tb->s[k].w, tb->s[k].head, tb->s[k].label, tb->s[k].n};
    return ds;
}

static dep_names *to_dep_names(const tb_names *labels)
{
    dep_names *names = mem_calloc(labels->n ? labels->n : 1, sizeof *names);
    for (uint32_t l = 0; names && l < labels->n; l++)
        snprintf(names[l].name, sizeof names[l].name, "%s", labels->name[l]);
    return names;
}

static int train_parser(int argc, char **argv, cli_io *io)
{
    train_opts o = {NULL, NULL, NULL, 15, 20261125, 5, 1, 0};
    char **files = NULL;
    int nfiles = 0;
    int rc = parse_train_opts(argc, argv, &o, &files, &nfiles, io,
                              "khaldun train parser --tagger MODEL --dev DEV.conllu --out MODEL TRAIN.conllu...");
    if (rc == 0 && !o.tagger_path) {
        fprintf(io->err, "khaldun train parser: --tagger is needed (the parser works on its tags)\n");
        rc = 2;
    }
    treebank tr, dv;
    tb_init(&tr);
    tb_init(&dv);
    tb_names classes = {0}, labels = {0};
    model_file tf = {0};
    tagger full;
    dep_names *names = NULL;
    dep_sent *ts = NULL, *ds = NULL;
    buf payload = BUF_INIT, err = BUF_INIT;
    if (rc == 0) {
        rc = 1;
        if (syn_load_tagger(&tf, &full, o.tagger_path, &err) != 0)
            fprintf(io->err, "khaldun train parser: %s\n", err.p);
        else if (read_training(&tr, files, nfiles, !o.no_caps, io) == 0 && read_treebank(&dv, o.dev, io) == 0 &&
                 tagger_classes(&full, &classes) == 0 && tb_label_classes(&tr, (AP_MAX_CLASSES - 1) / 2, &labels) == 0 &&
                 (names = to_dep_names(&labels))) {
            tb_assign_tags(&tr, &classes, 0);
            tb_assign_labels(&tr, &labels, 0);
            tb_assign_labels(&dv, &labels, 0);
            gold_tags(&tr);
            int tagged = o.folds > 1 ? jackknife_tags(&tr, &full, (uint32_t)o.folds, (uint32_t)o.seed, io)
                                     : 0;
            tagged = tagged == 0 ? tag_all(&full, &dv, 0, dv.n, 0, 0) : -1;
            ts = dep_sents(&tr);
            ds = dep_sents(&dv);
            dep_report rep;
            if (tagged == 0 && ts && ds &&
                parser_train(ts, tr.n, ds, dv.n, names, labels.n, (int)o.epochs, (uint32_t)o.bags,
                             (uint32_t)o.seed, &payload, &rep) == 0) {
                fprintf(io->out, "parser: %zu sentences, %u labels, %zu features; dev UAS %.4f LAS %.4f\n", tr.n,
                        labels.n, rep.features, rep.dev_uas, rep.dev_las);
                rc = write_model(o.out, PARSE_KIND, &payload, io) == 0 ? 0 : 1;
            }
        }
        if (rc)
            fprintf(io->err, "khaldun train parser: failed\n");
    }
    model_unmap(&tf);
    mem_free(names);
    mem_free(ts);
    mem_free(ds);
    tb_names_free(&classes);
    tb_names_free(&labels);
    tb_free(&tr);
    tb_free(&dv);
    buf_free(&payload);
    buf_free(&err);
    mem_free(files);
    return rc;
}

/* The (form, tags, lemma) triples of a treebank, for the lemmatiser. */
static lem_example *lemma_examples(const treebank *tb, size_t *n)
{
    lem_example *ex = mem_calloc(tb->words ? tb->words : 1, sizeof *ex);
    *n = 0;
    for (size_t k = 0; ex && k < tb->n; k++)
        for (uint32_t i = 0; i < tb->s[k].n; i++)
            ex[(*n)++] = (lem_example){tb->s[k].w[i].form, tb->s[k].upos[i], tb->s[k].xpos[i], tb->s[k].lemma[i]};
    return ex;
}

/* Accuracy of the lemmatiser with gold tags on a treebank. */
static double lemma_accuracy(const lem_model *m, const treebank *tb)
{
    size_t right = 0;
    char out[512];
    for (size_t k = 0; k < tb->n; k++)
        for (uint32_t i = 0; i < tb->s[k].n; i++) {
            const word *w = &tb->s[k].w[i];
            lem_lemmatize(m, w->form, w->len, tb->s[k].xpos[i], tb->s[k].upos[i], out, sizeof out);
            right += strcmp(out, tb->s[k].lemma[i]) == 0;
        }
    return tb->words ? (double)right / (double)tb->words : 0;
}

static int train_lemma(int argc, char **argv, cli_io *io)
{
    train_opts o = {NULL, NULL, NULL, 0, 0, 0, 0, 0};
    char **files = NULL;
    int nfiles = 0;
    int rc = parse_train_opts(argc, argv, &o, &files, &nfiles, io,
                              "khaldun train lemma --dev DEV.conllu --out MODEL TRAIN.conllu...");
    treebank tr, dv;
    tb_init(&tr);
    tb_init(&dv);
    lem_example *ex = NULL;
    buf payload = BUF_INIT, err = BUF_INIT;
    if (rc == 0) {
        rc = 1;
        size_t n = 0;
        lem_report rep;
        lem_model m;
        if (read_treebanks(&tr, files, nfiles, io) == 0 && read_treebank(&dv, o.dev, io) == 0 &&
            (ex = lemma_examples(&tr, &n)) && lem_train(ex, n, &payload, &rep) == 0 &&
            lem_from_payload(&m, payload.p, payload.len, &err) == 0) {
            fprintf(io->out, "lemmatiser: %zu words, %zu exceptions; dev accuracy with gold tags %.4f (rules alone %.4f)\n",
                    rep.examples, rep.exceptions, lemma_accuracy(&m, &dv), lemma_accuracy(NULL, &dv));
            rc = write_model(o.out, LEM_KIND, &payload, io) == 0 ? 0 : 1;
        }
        if (rc)
            fprintf(io->err, "khaldun train lemma: failed\n");
    }
    mem_free(ex);
    tb_free(&tr);
    tb_free(&dv);
    buf_free(&payload);
    buf_free(&err);
    mem_free(files);
    return rc;
}

int cmd_train(int argc, char **argv, cli_io *io)
{
    const char *kind = argc > 1 ? argv[1] : "";
    if (strcmp(kind, "sbd") == 0)
        return train_sbd(argc - 1, argv + 1, io);
    if (strcmp(kind, "tagger") == 0)
        return train_tagger(argc - 1, argv + 1, io);
    if (strcmp(kind, "parser") == 0)
        return train_parser(argc - 1, argv + 1, io);
    if (strcmp(kind, "lemma") == 0)
        return train_lemma(argc - 1, argv + 1, io);
    fprintf(io->err, "usage: khaldun train sbd|tagger|parser|lemma [options] (see khaldun train KIND --help)\n");
    return 2;
}
