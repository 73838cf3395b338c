/*
 * tagger.c - greedy averaged-perceptron tagger: features, decoding, training.
 */
#include "syntax/tagger.h"

#include <stdlib.h>
#include <string.h>

#include "text/tok.h"

/* What the features need of each word, computed once per sentence. */
typedef struct winfo {
    uint32_t lower, shape, suf[4], pre[3], ac;
} winfo;

enum {
    T_BIAS, T_W, T_W_SHAPE, T_SUF1, T_SUF2, T_SUF3, T_SUF4, T_PRE1, T_PRE2, T_PRE3, T_SHAPE,
    T_W_1, T_W_2, T_W1, T_W2, T_SUF3_1, T_SUF3P1, T_T_1, T_T_2, T_T_1T_2, T_T_1W, T_W_1W, T_WW1,
    T_SHAPE_1, T_SHAPE1, T_FIRST, T_T_1SHAPE, T_AC, T_AC1, T_AC2, T_AC_1, T_AC_AC1
};

#define EDGE 0x9A3F1C27u /* a word or tag beyond the sentence */

static uint32_t piece_hash(const char *s, uint32_t from, uint32_t n, uint32_t salt)
{
    char tmp[4];
    for (uint32_t k = 0; k < n; k++) {
        char c = s[from + k];
        tmp[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    return tok_hash_lower(tmp, n) ^ salt;
}

/* The lexicon entry of a word, or NULL when the lexicon does not know it. */
static const tag_lex *lexicon_entry(const tag_lex *lex, uint32_t nlex, uint32_t word_hash)
{
    uint32_t lo = 0, hi = nlex;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (lex[mid].word == word_hash)
            return &lex[mid];
        if (lex[mid].word < word_hash)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void word_info(const word *w, const tag_lex *lex, uint32_t nlex, winfo *out)
{
    out->lower = w->hash;
    const tag_lex *e = lexicon_entry(lex, nlex, w->hash);
    out->ac = e ? e->ac : 0;
    out->shape = tok_shape_hash(w->form, w->len);
    for (uint32_t k = 0; k < 4; k++) {
        uint32_t n = k + 1 <= w->len ? k + 1 : w->len;
        out->suf[k] = piece_hash(w->form, w->len - n, n, 0x51u * (k + 1));
        if (k < 3)
            out->pre[k] = piece_hash(w->form, 0, n, 0x9Eu * (k + 1));
    }
}

/* The features of word i given the tags decided before it. */
static void features(const winfo *wi, uint32_t n, uint32_t i, const uint32_t *tags, uint32_t *f)
{
    const winfo *w = &wi[i];
    uint32_t w_1 = i >= 1 ? wi[i - 1].lower : EDGE, w_2 = i >= 2 ? wi[i - 2].lower : EDGE;
    uint32_t w1 = i + 1 < n ? wi[i + 1].lower : EDGE, w2 = i + 2 < n ? wi[i + 2].lower : EDGE;
    uint32_t t_1 = i >= 1 ? tags[i - 1] : EDGE, t_2 = i >= 2 ? tags[i - 2] : EDGE;
    f[T_BIAS] = ap_feature(T_BIAS, 0, 0, 0);
    f[T_W] = ap_feature(T_W, w->lower, 0, 0);
    f[T_W_SHAPE] = ap_feature(T_W_SHAPE, w->lower, w->shape, 0);
    for (int k = 0; k < 4; k++)
        f[T_SUF1 + k] = ap_feature((uint32_t)(T_SUF1 + k), w->suf[k], 0, 0);
    for (int k = 0; k < 3; k++)
        f[T_PRE1 + k] = ap_feature((uint32_t)(T_PRE1 + k), w->pre[k], 0, 0);
    f[T_SHAPE] = ap_feature(T_SHAPE, w->shape, 0, 0);
    f[T_W_1] = ap_feature(T_W_1, w_1, 0, 0);
    f[T_W_2] = ap_feature(T_W_2, w_2, 0, 0);
    f[T_W1] = ap_feature(T_W1, w1, 0, 0);
    f[T_W2] = ap_feature(T_W2, w2, 0, 0);
    f[T_SUF3_1] = ap_feature(T_SUF3_1, i >= 1 ? wi[i - 1].suf[2] : EDGE, 0, 0);
    f[T_SUF3P1] = ap_feature(T_SUF3P1, i + 1 < n ? wi[i + 1].suf[2] : EDGE, 0, 0);
    f[T_T_1] = ap_feature(T_T_1, t_1, 0, 0);
    f[T_T_2] = ap_feature(T_T_2, t_2, 0, 0);
    f[T_T_1T_2] = ap_feature(T_T_1T_2, t_1, t_2, 0);
    f[T_T_1W] = ap_feature(T_T_1W, t_1, w->lower, 0);
    f[T_W_1W] = ap_feature(T_W_1W, w_1, w->lower, 0);
    f[T_WW1] = ap_feature(T_WW1, w->lower, w1, 0);
    f[T_SHAPE_1] = ap_feature(T_SHAPE_1, i >= 1 ? wi[i - 1].shape : EDGE, 0, 0);
    f[T_SHAPE1] = ap_feature(T_SHAPE1, i + 1 < n ? wi[i + 1].shape : EDGE, 0, 0);
    f[T_FIRST] = ap_feature(T_FIRST, i == 0, w->shape, 0);
    f[T_T_1SHAPE] = ap_feature(T_T_1SHAPE, t_1, w->shape, 0);
    uint32_t ac1 = i + 1 < n ? wi[i + 1].ac : EDGE;
    f[T_AC] = ap_feature(T_AC, w->ac, 0, 0);
    f[T_AC1] = ap_feature(T_AC1, ac1, 0, 0);
    f[T_AC2] = ap_feature(T_AC2, i + 2 < n ? wi[i + 2].ac : EDGE, 0, 0);
    f[T_AC_1] = ap_feature(T_AC_1, i >= 1 ? wi[i - 1].ac : EDGE, 0, 0);
    f[T_AC_AC1] = ap_feature(T_AC_AC1, w->ac, ac1, 0);
}

/* ---- the model ----
 * payload: u32 nclasses, u32 reserved, tag_names[nclasses], perceptron */

int tagger_from_payload(tagger *t, const void *payload, size_t n, buf *err)
{
    const unsigned char *p = payload;
    uint32_t head[2];
    if (n < sizeof head) {
        buf_puts(err, "tagger: payload too short");
        return -1;
    }
    memcpy(head, p, sizeof head);
    size_t names = (size_t)head[0] * sizeof(tag_names);
    if (head[0] == 0 || head[0] > AP_MAX_CLASSES || sizeof head + names > n) {
        buf_puts(err, "tagger: bad class table");
        return -1;
    }
    t->names = (const tag_names *)(const void *)(p + sizeof head);
    t->nclasses = head[0];
    for (uint32_t c = 0; c < t->nclasses; c++)
        if (memchr(t->names[c].upos, 0, TAG_NAME) == NULL || memchr(t->names[c].xpos, 0, TAG_NAME) == NULL) {
            buf_puts(err, "tagger: a tag name is not terminated");
            return -1;
        }
    size_t at = sizeof head + names;
    uint32_t nlex[2];
    if (at + sizeof nlex > n) {
        buf_puts(err, "tagger: no lexicon");
        return -1;
    }
    memcpy(nlex, p + at, sizeof nlex);
    at += sizeof nlex;
    if (nlex[0] > (n - at) / sizeof(tag_lex)) {
        buf_puts(err, "tagger: lexicon larger than the file");
        return -1;
    }
    t->lex = (const tag_lex *)(const void *)(p + at);
    t->nlex = nlex[0];
    at += (size_t)nlex[0] * sizeof(tag_lex);
    size_t used;
    if (ap_from_payload(&t->ap, p + at, n - at, &used, err) != 0)
        return -1;
    if (t->ap.nclasses != t->nclasses) {
        buf_puts(err, "tagger: the perceptron and the class table disagree");
        return -1;
    }
    return 0;
}

const char *tagger_upos(const tagger *t, uint16_t tag) { return tag < t->nclasses ? t->names[tag].upos : "_"; }
const char *tagger_xpos(const tagger *t, uint16_t tag) { return tag < t->nclasses ? t->names[tag].xpos : "_"; }

static uint32_t argmax_i32(const int32_t *s, uint32_t n)
{
    uint32_t best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (s[c] > s[best])
            best = c;
    return best;
}

int tagger_tag(const tagger *t, word *w, uint32_t n, arena *scratch)
{
    winfo *wi = arena_alloc(scratch, (size_t)n * sizeof *wi + 1);
    uint32_t *tags = arena_alloc(scratch, (size_t)n * sizeof *tags + 1);
    if (!wi || !tags)
        return -1;
    for (uint32_t i = 0; i < n; i++)
        word_info(&w[i], t->lex, t->nlex, &wi[i]);
    int32_t scores[AP_SCORES];
    uint32_t f[TAG_NFEAT];
    for (uint32_t i = 0; i < n; i++) {
        features(wi, n, i, tags, f);
        memset(scores, 0, sizeof scores);
        ap_score(&t->ap, f, TAG_NFEAT, scores);
        tags[i] = argmax_i32(scores, t->nclasses);
        w[i].tag = (uint16_t)tags[i];
        w[i].ac = wi[i].ac;
    }
    return 0;
}

/* ---- training ---- */

static uint32_t argmax_f(const float *s, uint32_t n)
{
    uint32_t best = 0;
    for (uint32_t c = 1; c < n; c++)
        if (s[c] > s[best])
            best = c;
    return best;
}

static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* ---- the lexicon of ambiguity classes ---- */

enum { LEX_MIN_COUNT = 2, LEX_MIN_SHARE = 10 /* percent */ };

typedef struct wordtag {
    uint32_t word, cls;
} wordtag;

static int by_word_then_class(const void *a, const void *b)
{
    const wordtag *x = a, *y = b;
    if (x->word != y->word)
        return x->word < y->word ? -1 : 1;
    return (x->cls > y->cls) - (x->cls < y->cls);
}

/* Index of the UPOS name of each class among the distinct UPOS names. */
static void upos_index(const tag_names *names, uint32_t nclasses, uint32_t *out)
{
    for (uint32_t c = 0; c < nclasses; c++) {
        out[c] = c;
        for (uint32_t d = 0; d < c; d++)
            if (strcmp(names[d].upos, names[c].upos) == 0) {
                out[c] = out[d];
                break;
            }
    }
}

/* Hash of the set of UPOS indices of one word (counts[u] occurrences each). */
static uint32_t class_hash(const uint32_t *counts, uint32_t n, uint32_t total)
{
    uint32_t h = 2166136261u;
    for (uint32_t u = 0; u < n; u++)
        if (counts[u] && counts[u] * 100 >= total * LEX_MIN_SHARE)
            h = (h ^ (u + 1)) * 16777619u;
    return h ? h : 1;
}

/* Builds the lexicon from the training sentences into *lex (mem_alloc). */
static int build_lexicon(const tag_sent *train, size_t ntrain, const tag_names *names, uint32_t nclasses,
                         tag_lex **lex, uint32_t *nlex)
{
    size_t n = 0;
    for (size_t k = 0; k < ntrain; k++)
        n += train[k].n;
    wordtag *wt = mem_calloc(n ? n : 1, sizeof *wt);
    tag_lex *out = mem_calloc(n ? n : 1, sizeof *out);
    uint32_t up[AP_MAX_CLASSES];
    if (!wt || !out) {
        mem_free(wt);
        mem_free(out);
        return -1;
    }
    upos_index(names, nclasses, up);
    size_t m = 0;
    for (size_t k = 0; k < ntrain; k++)
        for (uint32_t i = 0; i < train[k].n; i++)
            if (train[k].gold[i] < nclasses)
                wt[m++] = (wordtag){train[k].w[i].hash, train[k].gold[i]};
    qsort(wt, m, sizeof *wt, by_word_then_class);
    uint32_t counts[AP_MAX_CLASSES], nl = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        memset(counts, 0, sizeof counts);
        for (; j < m && wt[j].word == wt[i].word; j++)
            counts[up[wt[j].cls]]++;
        uint32_t total = (uint32_t)(j - i);
        if (total >= LEX_MIN_COUNT)
            out[nl++] = (tag_lex){wt[i].word, class_hash(counts, nclasses, total)};
        i = j;
    }
    mem_free(wt);
    *lex = out;
    *nlex = nl;
    return 0;
}

/* Tags one training sentence with the current weights, updating on every
 * mistake.  Returns 0 or -1 (memory). */
static int train_sentence(ap_trainer *tr, const tag_sent *s, uint32_t nclasses, const tag_lex *lex,
                          uint32_t nlex, arena *a)
{
    arena_reset(a);
    winfo *wi = arena_alloc(a, (size_t)s->n * sizeof *wi + 1);
    uint32_t *tags = arena_alloc(a, (size_t)s->n * sizeof *tags + 1);
    if (!wi || !tags)
        return -1;
    for (uint32_t i = 0; i < s->n; i++)
        word_info(&s->w[i], lex, nlex, &wi[i]);
    float scores[AP_SCORES];
    uint32_t f[TAG_NFEAT];
    for (uint32_t i = 0; i < s->n; i++) {
        features(wi, s->n, i, tags, f);
        memset(scores, 0, nclasses * sizeof scores[0]);
        ap_train_score(tr, f, TAG_NFEAT, scores);
        uint32_t guess = argmax_f(scores, nclasses);
        if (s->gold[i] < nclasses && ap_update(tr, f, TAG_NFEAT, s->gold[i], guess) != 0)
            return -1;
        ap_tick(tr);
        tags[i] = guess;
    }
    return 0;
}

static void evaluate(const tagger *t, tag_sent *dev, size_t ndev, arena *a, tag_report *rep)
{
    size_t words = 0, upos = 0, xpos = 0, joint = 0;
    for (size_t k = 0; k < ndev; k++) {
        arena_reset(a);
        if (tagger_tag(t, dev[k].w, dev[k].n, a) != 0)
            continue;
        for (uint32_t i = 0; i < dev[k].n; i++) {
            uint16_t g = dev[k].gold[i], p = dev[k].w[i].tag;
            words++;
            joint += g == p;
            if (g < t->nclasses) {
                upos += strcmp(t->names[g].upos, t->names[p].upos) == 0;
                xpos += strcmp(t->names[g].xpos, t->names[p].xpos) == 0;
            }
        }
    }
    rep->dev_upos = words ? (double)upos / (double)words : 0;
    rep->dev_xpos = words ? (double)xpos / (double)words : 0;
    rep->dev_joint = words ? (double)joint / (double)words : 0;
}

static void put_tables(buf *out, const tag_names *names, uint32_t nclasses, const tag_lex *lex, uint32_t nlex)
{
    uint32_t head[2] = {nclasses, 0}, lexhead[2] = {nlex, 0};
    buf_append(out, head, sizeof head);
    buf_append(out, names, (size_t)nclasses * sizeof(tag_names));
    buf_append(out, lexhead, sizeof lexhead);
    buf_append(out, lex, (size_t)nlex * sizeof(tag_lex));
}

/* Runs the epochs of one perceptron in the order given by seed. */
static int train_epochs(ap_trainer *tr, tag_sent *train, size_t ntrain, uint32_t nclasses, const tag_lex *lex,
                        uint32_t nlex, int epochs, uint32_t seed, size_t *order, arena *a)
{
    uint32_t state = seed ? seed : 1;
    for (size_t k = 0; k < ntrain; k++)
        order[k] = k;
    for (int e = 0; e < epochs; e++) {
        for (size_t k = ntrain; k > 1; k--) {
            size_t j = next_random(&state) % k, tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t k = 0; k < ntrain; k++)
            if (train_sentence(tr, &train[order[k]], nclasses, lex, nlex, a) != 0)
                return -1;
    }
    return 0;
}

/* Trains bags perceptrons in different orders and averages them. */
static int train_bagged(ap_trainer *sum, tag_sent *train, size_t ntrain, uint32_t nclasses, const tag_lex *lex,
                        uint32_t nlex, int epochs, uint32_t bags, uint32_t seed, size_t *order, arena *a,
                        size_t *features)
{
    for (uint32_t bag = 0; bag < bags; bag++) {
        ap_trainer *tr = ap_trainer_new(nclasses);
        int rc = tr ? train_epochs(tr, train, ntrain, nclasses, lex, nlex, epochs, seed + bag * 7919u, order, a)
                    : -1;
        if (rc == 0)
            rc = ap_merge(sum, tr, 1.0 / bags);
        if (tr && ap_trainer_features(tr) > *features)
            *features = ap_trainer_features(tr);
        ap_trainer_free(tr);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int tag_train(tag_sent *train, size_t ntrain, tag_sent *dev, size_t ndev, const tag_names *names,
              uint32_t nclasses, int epochs, uint32_t bags, uint32_t seed, buf *out, tag_report *rep)
{
    memset(rep, 0, sizeof *rep);
    ap_trainer *sum = ap_trainer_new(nclasses);
    size_t *order = mem_calloc(ntrain ? ntrain : 1, sizeof *order);
    tag_lex *lex = NULL;
    uint32_t nlex = 0;
    arena a;
    arena_init(&a, 0);
    int rc = -1;
    if (sum && order && build_lexicon(train, ntrain, names, nclasses, &lex, &nlex) == 0 &&
        train_bagged(sum, train, ntrain, nclasses, lex, nlex, epochs, bags ? bags : 1, seed, order, &a,
                     &rep->features) == 0) {
        size_t start = out->len;
        put_tables(out, names, nclasses, lex, nlex);
        rc = ap_export(sum, out);
        tagger t;
        buf err = BUF_INIT;
        if (rc == 0 && (rc = tagger_from_payload(&t, out->p + start, out->len - start, &err)) == 0)
            evaluate(&t, dev, ndev, &a, rep);
        buf_free(&err);
    }
    arena_free(&a);
    mem_free(order);
    mem_free(lex);
    ap_trainer_free(sum);
    return rc;
}
