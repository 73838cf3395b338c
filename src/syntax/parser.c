/*
 * parser.c - arc-hybrid parser: configuration, features, decoding, the
 * dynamic oracle and training.
 */
#include "syntax/parser.h"

#include <string.h>

#define NONE UINT32_MAX     /* no word at a position */
#define NO_LABEL 0xFFFFu
#define EDGE_W 0x3C6EF372u   /* feature value for a missing word */
#define ROOT_W 0xA54FF53Au   /* feature value for the root pseudo-word */
#define PARSE_NFEAT 68
/* Weights of at most this quantised magnitude (1/64 of the largest) are
 * dropped at export: the model shrinks by half and parses faster for about
 * 0.2 UAS. */
#define PARSE_PRUNE (AP_QMAX / 64)

/* ---- the configuration ---- */

typedef struct pstate {
    const word *w;
    uint32_t n;             /* words; n is the root pseudo-word */
    uint32_t *stack, sp;
    uint32_t b;             /* first buffer word (n = only the root left) */
    uint32_t *head;         /* NONE until attached; n for the root */
    uint16_t *label;
    uint32_t *lc1, *lc2, *rc1, *rc2; /* leftmost, second leftmost, rightmost, second rightmost child */
    uint8_t *nleft, *nright;
    uint64_t *lset, *rset;  /* labels of left and right children, as bits */
} pstate;

static int state_init(pstate *s, const word *w, uint32_t n, arena *a)
{
    size_t m = (size_t)n + 1;
    s->w = w;
    s->n = n;
    s->sp = 0;
    s->b = 0;
    s->stack = arena_alloc(a, m * sizeof(uint32_t));
    s->head = arena_alloc(a, m * sizeof(uint32_t));
    s->label = arena_alloc(a, m * sizeof(uint16_t));
    s->lc1 = arena_alloc(a, 4 * m * sizeof(uint32_t));
    s->nleft = arena_alloc(a, 2 * m);
    s->lset = arena_alloc(a, 2 * m * sizeof(uint64_t));
    if (!s->stack || !s->head || !s->label || !s->lc1 || !s->nleft || !s->lset)
        return -1;
    s->lc2 = s->lc1 + m;
    s->rc1 = s->lc2 + m;
    s->rc2 = s->rc1 + m;
    s->nright = s->nleft + m;
    s->rset = s->lset + m;
    memset(s->head, 0xFF, m * sizeof(uint32_t));
    memset(s->label, 0xFF, m * sizeof(uint16_t));
    memset(s->lc1, 0xFF, 4 * m * sizeof(uint32_t));
    memset(s->nleft, 0, 2 * m);
    memset(s->lset, 0, 2 * m * sizeof(uint64_t));
    return 0;
}

static int finished(const pstate *s) { return s->b == s->n && s->sp == 0; }

static void attach(pstate *s, uint32_t dep, uint32_t hd, uint16_t lab)
{
    s->head[dep] = hd;
    s->label[dep] = lab;
    if (dep < hd) {
        if (s->lc1[hd] == NONE || dep < s->lc1[hd]) {
            s->lc2[hd] = s->lc1[hd];
            s->lc1[hd] = dep;
        } else if (s->lc2[hd] == NONE || dep < s->lc2[hd]) {
            s->lc2[hd] = dep;
        }
        s->nleft[hd] = (uint8_t)(s->nleft[hd] < 255 ? s->nleft[hd] + 1 : 255);
        s->lset[hd] |= 1ull << (lab & 63);
    } else {
        if (s->rc1[hd] == NONE || dep > s->rc1[hd]) {
            s->rc2[hd] = s->rc1[hd];
            s->rc1[hd] = dep;
        } else if (s->rc2[hd] == NONE || dep > s->rc2[hd]) {
            s->rc2[hd] = dep;
        }
        s->nright[hd] = (uint8_t)(s->nright[hd] < 255 ? s->nright[hd] + 1 : 255);
        s->rset[hd] |= 1ull << (lab & 63);
    }
}

/* Classes: 0 SHIFT, 1 + l LEFT-l, 1 + L + l RIGHT-l. */
enum { SHIFT = 0 };

static int is_left(uint32_t c, uint32_t L) { return c >= 1 && c <= L; }
static uint16_t label_of(uint32_t c, uint32_t L) { return (uint16_t)(c <= L ? c - 1 : c - 1 - L); }

/* Whether class c can apply; root_label is the label only the root takes. */
static int valid(const pstate *s, uint32_t c, uint32_t L, uint16_t root_label)
{
    if (c == SHIFT)
        return s->b < s->n;
    if (is_left(c, L)) {
        if (s->sp < 1)
            return 0;
        if (s->b == s->n) /* the root pseudo-word takes the last word, labelled root */
            return s->sp == 1 && label_of(c, L) == root_label;
        return label_of(c, L) != root_label;
    }
    return s->sp >= 2 && label_of(c, L) != root_label;
}

static void apply(pstate *s, uint32_t c, uint32_t L)
{
    if (c == SHIFT) {
        s->stack[s->sp++] = s->b++;
        return;
    }
    uint32_t s0 = s->stack[--s->sp];
    if (is_left(c, L))
        attach(s, s0, s->b, label_of(c, L));
    else
        attach(s, s0, s->stack[s->sp - 1], label_of(c, L));
}

/* ---- features ---- */

static uint32_t at_stack(const pstate *s, uint32_t k) { return k < s->sp ? s->stack[s->sp - 1 - k] : NONE; }
static uint32_t at_buffer(const pstate *s, uint32_t k) { return s->b + k <= s->n ? s->b + k : NONE; }

static uint32_t wf(const pstate *s, uint32_t i)
{
    return i == NONE ? EDGE_W : i == s->n ? ROOT_W : s->w[i].hash;
}

static uint32_t tf(const pstate *s, uint32_t i)
{
    return i == NONE ? 0xFFFFu : i == s->n ? 0xFFFEu : s->w[i].tag;
}

static uint32_t lf(const pstate *s, uint32_t i) { return i == NONE ? 0xFFFFu : s->label[i]; }

/* The ambiguity class of a word (the tags it can take), so that a wrong
 * tag does not hide what the word could be. */
static uint32_t af(const pstate *s, uint32_t i)
{
    return i == NONE ? 0x1111u : i == s->n ? 0x2222u : s->w[i].ac;
}

static uint32_t child(const uint32_t *arr, uint32_t i) { return i == NONE ? NONE : arr[i]; }

static uint32_t distance_bucket(uint32_t a, uint32_t b)
{
    if (a == NONE || b == NONE)
        return 0;
    uint32_t d = b > a ? b - a : a - b;
    return d <= 4 ? d : d <= 6 ? 5 : d <= 9 ? 6 : 7;
}

static void features(const pstate *s, uint32_t *f)
{
    uint32_t s0 = at_stack(s, 0), s1 = at_stack(s, 1), s2 = at_stack(s, 2);
    uint32_t b0 = at_buffer(s, 0), b1 = at_buffer(s, 1), b2 = at_buffer(s, 2);
    uint32_t s0L = child(s->lc1, s0), s0R = child(s->rc1, s0), s0L2 = child(s->lc2, s0), s0R2 = child(s->rc2, s0);
    uint32_t s1L = child(s->lc1, s1), s1R = child(s->rc1, s1);
    uint32_t b0L = b0 == s->n ? NONE : child(s->lc1, b0), b0L2 = b0 == s->n ? NONE : child(s->lc2, b0);
    uint32_t s0w = wf(s, s0), s0t = tf(s, s0), s1w = wf(s, s1), s1t = tf(s, s1), b0w = wf(s, b0), b0t = tf(s, b0);
    uint32_t b1w = wf(s, b1), b1t = tf(s, b1), b2t = tf(s, b2), s2t = tf(s, s2);
    uint32_t d = distance_bucket(s0, b0);
    uint32_t vl0 = s0 == NONE ? 0 : s->nleft[s0], vr0 = s0 == NONE ? 0 : s->nright[s0];
    uint32_t vlb = (b0 == NONE || b0 == s->n) ? 0 : s->nleft[b0];
    uint32_t k = 0;
    f[k++] = ap_feature(0, 0, 0, 0);
    f[k++] = ap_feature(1, s0w, 0, 0);
    f[k++] = ap_feature(2, s0t, 0, 0);
    f[k++] = ap_feature(3, s0w, s0t, 0);
    f[k++] = ap_feature(4, s1w, 0, 0);
    f[k++] = ap_feature(5, s1t, 0, 0);
    f[k++] = ap_feature(6, s1w, s1t, 0);
    f[k++] = ap_feature(7, b0w, 0, 0);
    f[k++] = ap_feature(8, b0t, 0, 0);
    f[k++] = ap_feature(9, b0w, b0t, 0);
    f[k++] = ap_feature(10, b1w, 0, 0);
    f[k++] = ap_feature(11, b1t, 0, 0);
    f[k++] = ap_feature(12, b1w, b1t, 0);
    f[k++] = ap_feature(13, wf(s, b2), 0, 0);
    f[k++] = ap_feature(14, b2t, 0, 0);
    f[k++] = ap_feature(15, s2t, 0, 0);
    /* pairs of the stack top and the buffer front */
    f[k++] = ap_feature(16, s0w, s0t, b0w * 31 + b0t);
    f[k++] = ap_feature(17, s0w, s0t, b0w);
    f[k++] = ap_feature(18, s0w, b0w, b0t);
    f[k++] = ap_feature(19, s0w, s0t, b0t);
    f[k++] = ap_feature(20, s0t, b0w, b0t);
    f[k++] = ap_feature(21, s0w, b0w, 0);
    f[k++] = ap_feature(22, s0t, b0t, 0);
    f[k++] = ap_feature(23, b0t, b1t, 0);
    f[k++] = ap_feature(24, s1w, s0w, 0);
    f[k++] = ap_feature(25, s1t, s0t, 0);
    /* triples of tags */
    f[k++] = ap_feature(26, b0t, b1t, b2t);
    f[k++] = ap_feature(27, s0t, b0t, b1t);
    f[k++] = ap_feature(28, s1t, s0t, b0t);
    f[k++] = ap_feature(29, s0t, tf(s, s0L), b0t);
    f[k++] = ap_feature(30, s0t, tf(s, s0R), b0t);
    f[k++] = ap_feature(31, s0t, b0t, tf(s, b0L));
    f[k++] = ap_feature(32, s1t, s0t, tf(s, s0R));
    f[k++] = ap_feature(33, s2t, s1t, s0t);
    f[k++] = ap_feature(34, s1t, tf(s, s1R), s0t);
    /* distance */
    f[k++] = ap_feature(35, s0w, d, 0);
    f[k++] = ap_feature(36, s0t, d, 0);
    f[k++] = ap_feature(37, b0w, d, 0);
    f[k++] = ap_feature(38, b0t, d, 0);
    f[k++] = ap_feature(39, s0t, b0t, d);
    /* valency */
    f[k++] = ap_feature(40, s0w, vr0, 0);
    f[k++] = ap_feature(41, s0t, vr0, 0);
    f[k++] = ap_feature(42, s0w, vl0, 0);
    f[k++] = ap_feature(43, s0t, vl0, 0);
    f[k++] = ap_feature(44, b0w, vlb, 0);
    f[k++] = ap_feature(45, b0t, vlb, 0);
    /* children */
    f[k++] = ap_feature(46, wf(s, s0L), tf(s, s0L), 0);
    f[k++] = ap_feature(47, lf(s, s0L), 0, 0);
    f[k++] = ap_feature(48, wf(s, s0R), tf(s, s0R), 0);
    f[k++] = ap_feature(49, lf(s, s0R), 0, 0);
    f[k++] = ap_feature(50, wf(s, b0L), tf(s, b0L), 0);
    f[k++] = ap_feature(51, lf(s, b0L), 0, 0);
    f[k++] = ap_feature(52, tf(s, s1L), lf(s, s1L), 0);
    f[k++] = ap_feature(53, tf(s, s1R), lf(s, s1R), 0);
    f[k++] = ap_feature(54, tf(s, s0L2), lf(s, s0L2), 0);
    f[k++] = ap_feature(55, tf(s, s0R2), lf(s, s0R2), 0);
    f[k++] = ap_feature(56, tf(s, b0L2), lf(s, b0L2), 0);
    f[k++] = ap_feature(57, s0t, tf(s, s0L), tf(s, s0L2));
    f[k++] = ap_feature(58, s0t, tf(s, s0R), tf(s, s0R2));
    f[k++] = ap_feature(59, b0t, tf(s, b0L), tf(s, b0L2));
    /* label sets */
    uint64_t ls = s0 == NONE ? 0 : s->lset[s0], rs = s0 == NONE ? 0 : s->rset[s0];
    uint64_t bs = (b0 == NONE || b0 == s->n) ? 0 : s->lset[b0];
    f[k++] = ap_feature(60, s0t, (uint32_t)ls, (uint32_t)(ls >> 32));
    f[k++] = ap_feature(61, s0t, (uint32_t)rs, (uint32_t)(rs >> 32));
    f[k++] = ap_feature(62, b0t, (uint32_t)bs, (uint32_t)(bs >> 32));
    f[k++] = ap_feature(63, s0w, b0w, s1t);
    f[k++] = ap_feature(64, af(s, s0), s0t, 0);
    f[k++] = ap_feature(65, af(s, b0), b0t, 0);
    f[k++] = ap_feature(66, af(s, s0), af(s, b0), 0);
    f[k++] = ap_feature(67, af(s, b1), b1t, af(s, b0));
}

/* ---- the model ----
 * payload: u32 nlabels, u32 reserved, dep_names[nlabels], perceptron */

int parser_from_payload(parser *p, const void *payload, size_t n, buf *err)
{
    const unsigned char *b = payload;
    uint32_t head[2];
    if (n < sizeof head) {
        buf_puts(err, "parser: payload too short");
        return -1;
    }
    memcpy(head, b, sizeof head);
    size_t names = (size_t)head[0] * sizeof(dep_names);
    if (head[0] == 0 || 1 + 2 * head[0] > AP_MAX_CLASSES || sizeof head + names > n) {
        buf_puts(err, "parser: bad label table");
        return -1;
    }
    p->labels = (const dep_names *)(const void *)(b + sizeof head);
    p->nlabels = head[0];
    for (uint32_t l = 0; l < p->nlabels; l++)
        if (!memchr(p->labels[l].name, 0, DEP_NAME)) {
            buf_puts(err, "parser: a label name is not terminated");
            return -1;
        }
    size_t used;
    if (ap_from_payload(&p->ap, b + sizeof head + names, n - sizeof head - names, &used, err) != 0)
        return -1;
    if (p->ap.nclasses != 1 + 2 * p->nlabels) {
        buf_puts(err, "parser: the perceptron and the label table disagree");
        return -1;
    }
    return 0;
}

const char *parser_label(const parser *p, uint16_t label)
{
    return label < p->nlabels ? p->labels[label].name : "_";
}

static uint16_t find_root_label(const dep_names *labels, uint32_t nlabels)
{
    for (uint32_t l = 0; l < nlabels; l++)
        if (strcmp(labels[l].name, "root") == 0)
            return (uint16_t)l;
    return NO_LABEL;
}

/* The best class among [from, to) other than skip, given the best so far
 * (earlier classes win ties, as in a scan of all classes in order). */
static uint32_t best_in(const int32_t *scores, uint32_t from, uint32_t to, uint32_t skip, uint32_t best)
{
    for (uint32_t c = from; c < to; c++)
        if (c != skip && (best == NONE || scores[c] > scores[best]))
            best = c;
    return best;
}

/* The best valid class: the same choice as testing valid() on every class,
 * with the validity of each kind of transition worked out once. */
static uint32_t best_valid_i(const pstate *s, const int32_t *scores, uint32_t L, uint16_t root)
{
    uint32_t best = s->b < s->n ? SHIFT : NONE;
    if (s->sp >= 1 && s->b == s->n) {
        if (s->sp == 1 && root < L) /* a model without a root label cannot finish: its last word stays the root */
            best = best_in(scores, 1 + root, 2 + root, NONE, best);
    } else if (s->sp >= 1) {
        best = best_in(scores, 1, 1 + L, 1 + root, best);
    }
    if (s->sp >= 2)
        best = best_in(scores, 1 + L, 1 + 2 * L, 1 + L + root, best);
    return best;
}

static void copy_result(const pstate *s, word *w, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        w[i].head = (s->head[i] == NONE || s->head[i] == n) ? -1 : (int32_t)s->head[i];
        w[i].deprel = s->label[i];
    }
}

int parser_parse(const parser *p, word *w, uint32_t n, arena *scratch)
{
    pstate s;
    if (state_init(&s, w, n, scratch) != 0)
        return -1;
    uint32_t L = p->nlabels;
    uint16_t root = find_root_label(p->labels, L);
    int32_t scores[AP_SCORES];
    uint32_t f[PARSE_NFEAT];
    while (!finished(&s)) {
        features(&s, f);
        memset(scores, 0, sizeof scores);
        ap_score(&p->ap, f, PARSE_NFEAT, scores);
        uint32_t c = best_valid_i(&s, scores, L, root);
        if (c == NONE)
            break; /* cannot happen: some transition is always valid */
        apply(&s, c, L);
    }
    copy_result(&s, w, n);
    return 0;
}

/* ---- the dynamic oracle ---- */

typedef struct gold {
    const uint32_t *head; /* gold head of each word, n for the root */
    const uint16_t *label;
} gold;

static int in_stack_below_top(const pstate *s, uint32_t k)
{
    for (uint32_t j = 0; j + 1 < s->sp; j++)
        if (s->stack[j] == k)
            return 1;
    return 0;
}

/* Gold arcs the transition makes unreachable (plus one for a wrong label
 * on a right attachment). */
static uint32_t cost(const pstate *s, const gold *g, uint32_t c, uint32_t L)
{
    uint32_t n = s->n, cost_ = 0;
    if (c == SHIFT) {
        uint32_t b = s->b;
        for (uint32_t j = 0; j < s->sp; j++)
            cost_ += g->head[s->stack[j]] == b;
        return cost_ + (uint32_t)in_stack_below_top(s, g->head[b]);
    }
    uint32_t s0 = s->stack[s->sp - 1];
    uint32_t hd = is_left(c, L) ? s->b : s->stack[s->sp - 2];
    uint32_t gh = g->head[s0];
    for (uint32_t k = s->b; k < n; k++)
        cost_ += g->head[k] == s0;
    if (gh == hd)
        return cost_ + (label_of(c, L) != g->label[s0]);
    if (is_left(c, L))
        return cost_ + ((s->sp >= 2 && gh == s->stack[s->sp - 2]) || gh > s->b);
    return cost_ + (gh >= s->b);
}

/* ---- training ---- */

static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

typedef struct trainer_ctx {
    ap_trainer *tr;
    uint32_t L, nclasses;
    uint16_t root;
    int explore;
    uint32_t rng;
} trainer_ctx;

static int train_sentence(trainer_ctx *t, const dep_sent *ds, arena *a)
{
    arena_reset(a);
    pstate s;
    uint32_t *gh = arena_alloc(a, ((size_t)ds->n + 1) * sizeof *gh);
    if (!gh || state_init(&s, ds->w, ds->n, a) != 0)
        return -1;
    for (uint32_t i = 0; i < ds->n; i++)
        gh[i] = ds->head[i] < 0 ? ds->n : (uint32_t)ds->head[i];
    gold g = {gh, ds->label};
    float scores[AP_SCORES];
    uint32_t costs[AP_MAX_CLASSES], f[PARSE_NFEAT];
    while (!finished(&s)) {
        features(&s, f);
        memset(scores, 0, t->nclasses * sizeof scores[0]);
        ap_train_score(t->tr, f, PARSE_NFEAT, scores);
        uint32_t pred = NONE, best = NONE, min_cost = NONE;
        for (uint32_t c = 0; c < t->nclasses; c++) {
            if (!valid(&s, c, t->L, t->root))
                continue;
            costs[c] = cost(&s, &g, c, t->L);
            if (pred == NONE || scores[c] > scores[pred])
                pred = c;
            if (costs[c] < min_cost || (costs[c] == min_cost && scores[c] > scores[best])) {
                min_cost = costs[c];
                best = c;
            }
        }
        if (pred == NONE)
            break;
        if (costs[pred] > min_cost && ap_update(t->tr, f, PARSE_NFEAT, best, pred) != 0)
            return -1;
        ap_tick(t->tr);
        int follow_pred = t->explore && costs[pred] > min_cost && next_random(&t->rng) % 10 != 0;
        apply(&s, follow_pred ? pred : best, t->L);
    }
    return 0;
}

static void evaluate(const parser *p, dep_sent *dev, size_t ndev, arena *a, dep_report *rep)
{
    size_t words = 0, uas = 0, las = 0;
    for (size_t k = 0; k < ndev; k++) {
        arena_reset(a);
        if (parser_parse(p, dev[k].w, dev[k].n, a) != 0)
            continue;
        for (uint32_t i = 0; i < dev[k].n; i++) {
            words++;
            if (dev[k].w[i].head == dev[k].head[i]) {
                uas++;
                las += dev[k].w[i].deprel == dev[k].label[i];
            }
        }
    }
    rep->dev_uas = words ? (double)uas / (double)words : 0;
    rep->dev_las = words ? (double)las / (double)words : 0;
}

/* Trains one perceptron (into t->tr) over the epochs in a seeded order. */
static int train_one(trainer_ctx *t, dep_sent *train, size_t ntrain, int epochs, uint32_t seed, size_t *order,
                     arena *a)
{
    uint32_t shuffle_state = (seed ? seed : 1) ^ 0x5A5A5A5Au;
    t->rng = seed ? seed : 1;
    for (size_t k = 0; k < ntrain; k++)
        order[k] = k;
    for (int e = 0; e < epochs; e++) {
        t->explore = e > 0;
        for (size_t k = ntrain; k > 1; k--) {
            size_t j = next_random(&shuffle_state) % k, tmp = order[k - 1];
            order[k - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t k = 0; k < ntrain; k++)
            if (train_sentence(t, &train[order[k]], a) != 0)
                return -1;
    }
    return 0;
}

int parser_train(dep_sent *train, size_t ntrain, dep_sent *dev, size_t ndev, const dep_names *labels,
                 uint32_t nlabels, int epochs, uint32_t bags, uint32_t seed, buf *out, dep_report *rep)
{
    memset(rep, 0, sizeof *rep);
    if (nlabels == 0 || 1 + 2 * nlabels > AP_MAX_CLASSES)
        return -1;
    uint32_t nclasses = 1 + 2 * nlabels;
    uint16_t root = find_root_label(labels, nlabels);
    ap_trainer *sum = bags > 1 ? ap_trainer_new(nclasses) : NULL;
    size_t *order = mem_calloc(ntrain ? ntrain : 1, sizeof *order);
    arena a;
    arena_init(&a, 0);
    int rc = (order && root != NO_LABEL && (bags <= 1 || sum)) ? 0 : -1;
    ap_trainer *last = NULL;
    for (uint32_t bag = 0; bag < (bags ? bags : 1) && rc == 0; bag++) {
        trainer_ctx t = {ap_trainer_new(nclasses), nlabels, nclasses, root, 0, 1};
        rc = t.tr ? train_one(&t, train, ntrain, epochs, seed + bag * 7919u, order, &a) : -1;
        if (rc == 0 && sum)
            rc = ap_merge(sum, t.tr, 1.0 / bags);
        if (t.tr && ap_trainer_features(t.tr) > rep->features)
            rep->features = ap_trainer_features(t.tr);
        ap_trainer_free(last);
        last = t.tr;
    }
    if (rc == 0) {
        size_t start = out->len;
        uint32_t head[2] = {nlabels, 0};
        buf_append(out, head, sizeof head);
        buf_append(out, labels, (size_t)nlabels * sizeof(dep_names));
        rc = ap_export_pruned(sum ? sum : last, out, PARSE_PRUNE);
        parser p;
        buf err = BUF_INIT;
        if (rc == 0 && (rc = parser_from_payload(&p, out->p + start, out->len - start, &err)) == 0)
            evaluate(&p, dev, ndev, &a, rep);
        buf_free(&err);
    }
    ap_trainer_free(last);
    ap_trainer_free(sum);
    arena_free(&a);
    mem_free(order);
    return rc;
}
