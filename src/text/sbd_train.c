/*
 * sbd_train.c - collection of examples and averaged-perceptron training for
 * the sentence-boundary model.
 */
#include "text/sbd_train.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct collector {
    sbd_data *data;
    const uint32_t *gold;
    size_t n_gold;
    uint64_t forced; /* boundaries the gold answer added */
} collector;

static int is_gold_end(const collector *c, uint32_t end)
{
    size_t lo = 0, hi = c->n_gold;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->gold[mid] == end)
            return 1;
        if (c->gold[mid] < end)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int add_example(sbd_data *data, const uint32_t *f, int label)
{
    if (data->n == data->cap) {
        size_t cap = data->cap ? data->cap * 2 : 4096;
        uint32_t *feats = mem_realloc(data->feats, cap * SBD_NFEAT * sizeof(uint32_t));
        if (!feats)
            return -1;
        data->feats = feats;
        uint8_t *labels = mem_realloc(data->labels, cap);
        if (!labels)
            return -1;
        data->labels = labels;
        data->cap = cap;
    }
    memcpy(data->feats + data->n * SBD_NFEAT, f, SBD_NFEAT * sizeof(uint32_t));
    data->labels[data->n++] = (uint8_t)(label != 0);
    return 0;
}

/* The boundary decision while collecting: record, then answer from gold. */
static int collect_decide(void *ctx, const doc *d, uint32_t first, uint32_t j)
{
    collector *c = ctx;
    uint32_t f[SBD_NFEAT];
    sbd_features(d, d->style, first, j, f);
    int label = is_gold_end(c, d->toks[j - 1].end);
    if (add_example(c->data, f, label) != 0)
        c->data->failed = 1;
    c->forced += (uint64_t)label;
    return label;
}

int sbd_collect(sbd_data *data, arena *a, const char *text, size_t len, const uint32_t *gold_ends,
                size_t n_gold)
{
    collector c = {data, gold_ends, n_gold, 0};
    doc d;
    arena_reset(a);
    doc_reset(&d, a);
    d.boundary = collect_decide;
    d.boundary_ctx = &c;
    if (doc_process_text(&d, text, len) != 0 || data->failed)
        return -1;
    uint64_t correct = 0;
    for (uint32_t i = 0; i < d.nsents; i++)
        correct += (uint64_t)is_gold_end(&c, d.sents[i].end);
    data->gold_ends += n_gold;
    data->rule_ends += d.nsents - c.forced;
    data->rule_correct += correct - c.forced;
    return 0;
}

void sbd_data_free(sbd_data *data)
{
    mem_free(data->feats);
    mem_free(data->labels);
    memset(data, 0, sizeof *data);
}

/* ---- training ---- */

#define SBD_BAGS 5u

static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static void shuffle(size_t *order, size_t n, uint32_t *state)
{
    for (size_t i = n; i > 1; i--) {
        size_t k = next_random(state) % i;
        size_t t = order[i - 1];
        order[i - 1] = order[k];
        order[k] = t;
    }
}

typedef struct perceptron {
    float *w;    /* weights */
    double *acc; /* step-weighted sums of the updates, for averaging */
    uint32_t mask;
    double step;
} perceptron;

static float raw_score(const perceptron *p, const uint32_t *f)
{
    float s = 0;
    for (int k = 0; k < SBD_NFEAT; k++)
        s += p->w[f[k] & p->mask];
    return s;
}

static void update(perceptron *p, const uint32_t *f, float delta)
{
    for (int k = 0; k < SBD_NFEAT; k++) {
        uint32_t b = f[k] & p->mask;
        p->w[b] += delta;
        p->acc[b] += p->step * delta;
    }
}

static void run_epochs(perceptron *p, const sbd_data *train, int epochs, uint32_t seed, size_t *order)
{
    uint32_t state = seed ? seed : 1;
    for (size_t i = 0; i < train->n; i++)
        order[i] = i;
    for (int e = 0; e < epochs; e++) {
        shuffle(order, train->n, &state);
        for (size_t i = 0; i < train->n; i++) {
            const uint32_t *f = train->feats + order[i] * SBD_NFEAT;
            float y = train->labels[order[i]] ? 1.0f : -1.0f;
            if (raw_score(p, f) * y <= 0)
                update(p, f, y);
            p->step += 1;
        }
    }
}

/* Quantises the weights w into q; returns the scale. */
static float quantise(const float *w, int16_t *q, size_t n)
{
    float max = 0;
    for (size_t i = 0; i < n; i++)
        if (fabsf(w[i]) > max)
            max = fabsf(w[i]);
    float scale = max > 0 ? max / 32767.0f : 1.0f;
    for (size_t i = 0; i < n; i++)
        q[i] = (int16_t)lrintf(w[i] / scale);
    return scale;
}

typedef struct scored {
    float score;
    uint8_t label;
} scored;

static int by_score_desc(const void *a, const void *b)
{
    float x = ((const scored *)a)->score, y = ((const scored *)b)->score;
    return (x < y) - (x > y);
}

static double f1(double correct, double predicted, double gold)
{
    return (predicted > 0 && gold > 0 && correct > 0) ? 2 * correct / (predicted + gold) : 0;
}

/* Chooses the threshold that maximises boundary F1 on dev (rules plus
 * model); sets rep->dev_f1_*.  Returns the threshold. */
static float pick_threshold(const sbd_data *dev, const int16_t *q, uint32_t mask, float scale,
                            sbd_report *rep, int *ok)
{
    scored *s = mem_calloc(dev->n ? dev->n : 1, sizeof *s);
    *ok = s != NULL;
    if (!s)
        return 0;
    sbd_model m = {q, mask, scale, 0};
    for (size_t i = 0; i < dev->n; i++) {
        int32_t sum = 0;
        for (int k = 0; k < SBD_NFEAT; k++)
            sum += m.w[dev->feats[i * SBD_NFEAT + k] & mask];
        s[i].score = (float)sum * scale;
        s[i].label = dev->labels[i];
    }
    qsort(s, dev->n, sizeof *s, by_score_desc);
    double gold = (double)dev->gold_ends, correct = (double)dev->rule_correct, pred = (double)dev->rule_ends;
    double best = f1(correct, pred, gold);
    rep->dev_f1_rules = best;
    float threshold = dev->n ? s[0].score + 1.0f : 1e9f;
    for (size_t i = 0; i < dev->n; i++) {
        correct += s[i].label;
        pred += 1;
        double f = f1(correct, pred, gold);
        int cut = i + 1 == dev->n || s[i + 1].score < s[i].score;
        if (cut && f > best + 1e-9) {
            best = f;
            threshold = i + 1 < dev->n ? (s[i].score + s[i + 1].score) / 2 : s[i].score - 1.0f;
        }
    }
    rep->dev_f1_model = best;
    mem_free(s);
    return threshold;
}

int sbd_train(const sbd_data *train, const sbd_data *dev, unsigned log2_buckets, int epochs,
              uint32_t seed, const float *fixed_threshold, buf *payload, sbd_report *rep)
{
    memset(rep, 0, sizeof *rep);
    if (!train->n || log2_buckets < 8 || log2_buckets > 24)
        return -1;
    size_t nb = (size_t)1 << log2_buckets;
    perceptron p = {mem_calloc(nb, sizeof(float)), mem_calloc(nb, sizeof(double)), (uint32_t)(nb - 1), 1};
    float *sum = mem_calloc(nb, sizeof(float));
    size_t *order = mem_calloc(train->n, sizeof *order);
    int16_t *q = mem_calloc(nb, sizeof *q);
    int rc = -1, ok = 0;
    if (p.w && p.acc && sum && order && q) {
        /* average SBD_BAGS perceptrons trained in different example orders */
        for (uint32_t bag = 0; bag < SBD_BAGS; bag++) {
            memset(p.w, 0, nb * sizeof(float));
            memset(p.acc, 0, nb * sizeof(double));
            p.step = 1;
            run_epochs(&p, train, epochs, seed + bag * 7919u, order);
            for (size_t i = 0; i < nb; i++)
                sum[i] += (p.w[i] - (float)(p.acc[i] / p.step)) / SBD_BAGS;
        }
        memcpy(p.w, sum, nb * sizeof(float));
        float scale = quantise(p.w, q, nb);
        float threshold = pick_threshold(dev, q, p.mask, scale, rep, &ok);
        if (fixed_threshold)
            threshold = *fixed_threshold;
        if (ok && buf_reserve(payload, sbd_payload_size(log2_buckets)) == 0) {
            sbd_write_payload(payload->p + payload->len, log2_buckets, scale, threshold, q);
            payload->len += sbd_payload_size(log2_buckets);
            rep->threshold = threshold;
            rc = 0;
        }
    }
    for (size_t i = 0; i < train->n; i++)
        rep->train_positive += train->labels[i];
    for (size_t i = 0; i < dev->n; i++)
        rep->dev_positive += dev->labels[i];
    rep->train_examples = train->n;
    rep->dev_examples = dev->n;
    mem_free(p.w);
    mem_free(p.acc);
    mem_free(sum);
    mem_free(order);
    mem_free(q);
    return rc;
}
