/*
 * ap.c - averaged perceptron: sparse training rows, quantised sparse export.
 */
#include "syntax/ap.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

#include "core/mem.h"

static int cpu_has_avx2(void);

/* ---- training ---- */

typedef struct tentry {
    double total;  /* sum of the weight over the steps before ts */
    float w;       /* current weight */
    uint32_t ts;   /* step of the last change */
    uint32_t cls;
} tentry;

typedef struct row {
    uint32_t off; /* first entry in the pool */
    uint16_t len, cap;
} row;

struct ap_trainer {
    uint32_t nclasses;
    uint32_t step;
    int holds_sums; /* ap_merge target: totals are final weights */
    /* feature hash -> row index + 1 (0 = empty slot) */
    uint32_t *keys, *vals;
    uint32_t mask, used;
    row *rows;
    uint32_t nrows, rows_cap;
    tentry *pool;
    uint32_t pool_len, pool_cap;
};

ap_trainer *ap_trainer_new(uint32_t nclasses)
{
    if (nclasses == 0 || nclasses > AP_MAX_CLASSES)
        return NULL;
    ap_trainer *t = mem_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->nclasses = nclasses;
    t->step = 1;
    t->mask = (1u << 16) - 1;
    t->keys = mem_calloc(t->mask + 1, sizeof(uint32_t));
    t->vals = mem_calloc(t->mask + 1, sizeof(uint32_t));
    if (!t->keys || !t->vals) {
        ap_trainer_free(t);
        return NULL;
    }
    return t;
}

void ap_trainer_free(ap_trainer *t)
{
    if (!t)
        return;
    mem_free(t->keys);
    mem_free(t->vals);
    mem_free(t->rows);
    mem_free(t->pool);
    mem_free(t);
}

size_t ap_trainer_features(const ap_trainer *t) { return t->nrows; }

void ap_tick(ap_trainer *t) { t->step++; }

static uint32_t find_slot(const uint32_t *keys, uint32_t mask, uint32_t f)
{
    uint32_t i = hash_fmix32(f) & mask;
    while (keys[i] && keys[i] != f)
        i = (i + 1) & mask;
    return i;
}

/* The row of feature f, or -1 when it has none. */
static int64_t lookup_row(const ap_trainer *t, uint32_t f)
{
    uint32_t i = find_slot(t->keys, t->mask, f);
    return t->keys[i] ? (int64_t)t->vals[i] - 1 : -1;
}

static int grow_table(ap_trainer *t)
{
    uint32_t nmask = t->mask * 2 + 1;
    uint32_t *keys = mem_calloc((size_t)nmask + 1, sizeof(uint32_t));
    uint32_t *vals = mem_calloc((size_t)nmask + 1, sizeof(uint32_t));
    if (!keys || !vals) {
        mem_free(keys);
        mem_free(vals);
        return -1;
    }
    for (uint32_t i = 0; i <= t->mask; i++) {
        if (!t->keys[i])
            continue;
        uint32_t j = find_slot(keys, nmask, t->keys[i]);
        keys[j] = t->keys[i];
        vals[j] = t->vals[i];
    }
    mem_free(t->keys);
    mem_free(t->vals);
    t->keys = keys;
    t->vals = vals;
    t->mask = nmask;
    return 0;
}

/* Reserves n entries at the end of the pool; returns their offset or -1. */
static int64_t pool_take(ap_trainer *t, uint32_t n)
{
    if (t->pool_len + n > t->pool_cap) {
        uint32_t cap = t->pool_cap ? t->pool_cap : 1024;
        while (cap < t->pool_len + n)
            cap *= 2;
        tentry *p = mem_realloc(t->pool, (size_t)cap * sizeof(tentry));
        if (!p)
            return -1;
        t->pool = p;
        t->pool_cap = cap;
    }
    uint32_t off = t->pool_len;
    t->pool_len += n;
    return off;
}

/* The row of feature f, created when missing; -1 on memory failure. */
static int64_t ensure_row(ap_trainer *t, uint32_t f)
{
    int64_t r = lookup_row(t, f);
    if (r >= 0)
        return r;
    if ((t->used + 1) * 2 > t->mask + 1 && grow_table(t) != 0)
        return -1;
    if (t->nrows == t->rows_cap) {
        uint32_t cap = t->rows_cap ? t->rows_cap * 2 : 4096;
        row *rows = mem_realloc(t->rows, (size_t)cap * sizeof(row));
        if (!rows)
            return -1;
        t->rows = rows;
        t->rows_cap = cap;
    }
    int64_t off = pool_take(t, 2);
    if (off < 0)
        return -1;
    row *nr = &t->rows[t->nrows];
    nr->off = (uint32_t)off;
    nr->len = 0;
    nr->cap = 2;
    uint32_t i = find_slot(t->keys, t->mask, f);
    t->keys[i] = f;
    t->vals[i] = ++t->nrows;
    t->used++;
    return t->nrows - 1;
}

/* The entry of class cls in row r, appended (moving the row when full). */
static tentry *row_entry(ap_trainer *t, uint32_t r, uint32_t cls)
{
    row *rw = &t->rows[r];
    for (uint32_t k = 0; k < rw->len; k++)
        if (t->pool[rw->off + k].cls == cls)
            return &t->pool[rw->off + k];
    if (rw->len == rw->cap) {
        uint32_t ncap = rw->cap * 2u > t->nclasses ? t->nclasses : rw->cap * 2u;
        int64_t off = pool_take(t, ncap);
        if (off < 0)
            return NULL;
        rw = &t->rows[r]; /* the pool may have moved, the rows did not */
        memcpy(&t->pool[off], &t->pool[rw->off], rw->len * sizeof(tentry));
        rw->off = (uint32_t)off;
        rw->cap = (uint16_t)ncap;
    }
    tentry *e = &t->pool[rw->off + rw->len++];
    e->total = 0;
    e->w = 0;
    e->ts = t->step;
    e->cls = cls;
    return e;
}

void ap_train_score(const ap_trainer *t, const uint32_t *feats, size_t nf, float *scores)
{
    for (size_t k = 0; k < nf; k++) {
        int64_t r = lookup_row(t, feats[k]);
        if (r < 0)
            continue;
        const row *rw = &t->rows[r];
        const tentry *e = &t->pool[rw->off];
        for (uint32_t j = 0; j < rw->len; j++)
            scores[e[j].cls] += e[j].w;
    }
}

static int change(ap_trainer *t, uint32_t f, uint32_t cls, float delta)
{
    int64_t r = ensure_row(t, f);
    if (r < 0)
        return -1;
    tentry *e = row_entry(t, (uint32_t)r, cls);
    if (!e)
        return -1;
    e->total += (double)e->w * (double)(t->step - e->ts);
    e->ts = t->step;
    e->w += delta;
    return 0;
}

int ap_update(ap_trainer *t, const uint32_t *feats, size_t nf, uint32_t gold, uint32_t guess)
{
    if (gold == guess || gold >= t->nclasses || guess >= t->nclasses)
        return 0;
    for (size_t k = 0; k < nf; k++) {
        if (change(t, feats[k], gold, 1.0f) != 0 || change(t, feats[k], guess, -1.0f) != 0)
            return -1;
    }
    return 0;
}

/* ---- export ----
 * payload: u32 nclasses, u32 nslots, u32 nentries, f32 scale, u32 ndense,
 *          u32 stride, u32 slots[2 * nslots], u32 entries[nentries],
 *          i16 dense[ndense * stride], padding to 4 bytes */

enum { AP_HEAD = 24 };

static double averaged(const ap_trainer *t, const tentry *e)
{
    if (t->holds_sums)
        return e->total;
    return (e->total + (double)e->w * (double)(t->step - e->ts)) / (double)t->step;
}

int ap_merge(ap_trainer *sum, const ap_trainer *t, double share)
{
    sum->holds_sums = 1;
    for (uint32_t i = 0; i <= t->mask; i++) {
        if (!t->keys[i])
            continue;
        const row *rw = &t->rows[t->vals[i] - 1];
        for (uint32_t k = 0; k < rw->len; k++) {
            const tentry *e = &t->pool[rw->off + k];
            int64_t r = ensure_row(sum, t->keys[i]);
            tentry *se = r < 0 ? NULL : row_entry(sum, (uint32_t)r, e->cls);
            if (!se)
                return -1;
            se->total += averaged(t, e) * share;
            rw = &t->rows[t->vals[i] - 1]; /* unchanged: t is not sum */
        }
    }
    return 0;
}

static double max_weight(const ap_trainer *t)
{
    double max = 0;
    for (uint32_t r = 0; r < t->nrows; r++)
        for (uint32_t k = 0; k < t->rows[r].len; k++) {
            double a = fabs(averaged(t, &t->pool[t->rows[r].off + k]));
            if (a > max)
                max = a;
        }
    return max;
}

static void put32(buf *b, uint32_t v) { buf_append(b, &v, 4); }

int ap_export(const ap_trainer *t, buf *payload) { return ap_export_pruned(t, payload, 0); }

/* Rows with at least this many weights are stored densely (one weight per
 * class, added with vector instructions); shorter ones as sparse runs. */
#define AP_DENSE_MIN 10u

static uint32_t stride_of(uint32_t nclasses) { return (nclasses + 7u) & ~7u; }

/* The quantised weights of a row that survive pruning, as entries. */
static uint32_t row_entries(const ap_trainer *t, const row *rw, float scale, int min_abs, uint32_t *out)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < rw->len; k++) {
        long q = lrint(averaged(t, &t->pool[rw->off + k]) / scale);
        if (q > min_abs || q < -min_abs)
            out[n++] = t->pool[rw->off + k].cls << 16 | (uint16_t)(int16_t)q;
    }
    return n;
}

/* The home slot of feature f in a table of nslots slots (any number):
 * feature hashes are already mixed (ap_feature), so a multiply-shift will do. */
static uint32_t home_slot(uint32_t f, uint32_t nslots) { return (uint32_t)(((uint64_t)f * nslots) >> 32); }

/* The slot of f in keys[0..nslots): where it is, or the empty slot it
 * would take (linear probing, wrapping around). */
static uint32_t probe_slot(const uint32_t *keys, uint32_t nslots, uint32_t f)
{
    uint32_t i = home_slot(f, nslots);
    while (keys[i] && keys[i] != f)
        i = i + 1 == nslots ? 0 : i + 1;
    return i;
}

typedef struct export_tables {
    uint32_t *slots, *keys, *entries, *tmp;
    int16_t *dense;
    uint32_t nslots, nentries, ndense, stride;
} export_tables;

/* Places every surviving row of t into the tables. */
static void fill_tables(const ap_trainer *t, float scale, int min_abs, export_tables *x)
{
    for (uint32_t i = 0; i <= t->mask; i++) { /* table order: deterministic */
        if (!t->keys[i])
            continue;
        uint32_t n = row_entries(t, &t->rows[t->vals[i] - 1], scale, min_abs, x->tmp);
        if (!n)
            continue; /* every weight of the feature rounds to zero */
        uint32_t run;
        if (n == 1) {
            run = AP_INLINE | x->tmp[0]; /* class << 16 | weight, class < 256 */
        } else if (n >= AP_DENSE_MIN) {
            int16_t *d = x->dense + (size_t)x->ndense * x->stride;
            for (uint32_t k = 0; k < n; k++)
                d[x->tmp[k] >> 16] = (int16_t)(uint16_t)(x->tmp[k] & 0xFFFFu);
            run = AP_DENSE | x->ndense++;
        } else {
            memcpy(x->entries + x->nentries, x->tmp, n * sizeof(uint32_t));
            run = x->nentries << 8 | n;
            x->nentries += n;
        }
        uint32_t s = probe_slot(x->keys, x->nslots, t->keys[i]);
        x->keys[s] = t->keys[i];
        x->slots[2 * s] = t->keys[i];
        x->slots[2 * s + 1] = run;
    }
}

int ap_export_pruned(const ap_trainer *t, buf *payload, int min_abs)
{
    double max = max_weight(t);
    float scale = max > 0 ? (float)(max / AP_QMAX) : 1.0f;
    uint32_t *tmp = mem_calloc(t->nclasses, sizeof *tmp);
    if (!tmp)
        return -1;
    uint32_t kept = 0, dense_rows = 0; /* rows left with a weight size the tables */
    for (uint32_t r = 0; r < t->nrows; r++) {
        uint32_t n = row_entries(t, &t->rows[r], scale, min_abs, tmp);
        kept += n > 0;
        dense_rows += n >= AP_DENSE_MIN;
    }
    export_tables x = {0};
    x.nslots = kept * 2 + 16; /* a load of about 0.5: measured fastest (fewer probes, table still cache-friendly) */
    x.stride = stride_of(t->nclasses);
    x.tmp = tmp;
    x.slots = mem_calloc((size_t)x.nslots * 2, sizeof(uint32_t));
    x.keys = mem_calloc(x.nslots, sizeof(uint32_t));
    x.entries = mem_calloc(t->pool_len ? t->pool_len : 1, sizeof(uint32_t));
    x.dense = mem_calloc((size_t)dense_rows * x.stride + 1, sizeof(int16_t));
    int rc = -1;
    if (x.slots && x.keys && x.entries && x.dense) {
        fill_tables(t, scale, min_abs, &x);
        put32(payload, t->nclasses);
        put32(payload, x.nslots);
        put32(payload, x.nentries);
        buf_append(payload, &scale, 4);
        put32(payload, x.ndense);
        put32(payload, x.stride);
        buf_append(payload, x.slots, (size_t)x.nslots * 2 * sizeof(uint32_t));
        buf_append(payload, x.entries, (size_t)x.nentries * sizeof(uint32_t));
        buf_append(payload, x.dense, (size_t)x.ndense * x.stride * sizeof(int16_t));
        if (payload->len % 4) /* keep whatever follows aligned */
            buf_append(payload, "\0\0", 4 - payload->len % 4);
        rc = payload->failed ? -1 : 0;
    }
    mem_free(x.keys);
    mem_free(x.slots);
    mem_free(x.entries);
    mem_free(x.dense);
    mem_free(tmp);
    return rc;
}

/* ---- inference ---- */

/* The largest magnitude among w[0..n). */
static int32_t dense_max_abs(const int16_t *w, size_t n)
{
    int32_t max = 0;
    for (size_t k = 0; k < n; k++) {
        int32_t v = w[k] < 0 ? -(int32_t)w[k] : w[k];
        max = v > max ? v : max;
    }
    return max;
}

int ap_from_payload(ap_model *m, const void *payload, size_t n, size_t *used, buf *err)
{
    const unsigned char *p = payload;
    uint32_t head[6];
    if (n < AP_HEAD || ((uintptr_t)p & 3u)) {
        buf_puts(err, n < AP_HEAD ? "perceptron: payload too short" : "perceptron: misaligned payload");
        return -1;
    }
    memcpy(head, p, sizeof head);
    uint32_t nclasses = head[0], nslots = head[1], nentries = head[2], ndense = head[4], stride = head[5];
    float scale;
    memcpy(&scale, &head[3], 4);
    size_t need = AP_HEAD + ((size_t)nslots * 2 + nentries) * sizeof(uint32_t) +
                  (size_t)ndense * stride * sizeof(int16_t);
    need = (need + 3u) & ~(size_t)3u;
    if (!nclasses || nclasses > AP_MAX_CLASSES || nslots < 16 || nslots > (1u << 28) || nentries > (1u << 23) || ndense > (1u << 22) || stride != stride_of(nclasses) ||
        need > n || !(scale > 0 && scale < 1e9f)) {
        buf_puts(err, "perceptron: inconsistent table sizes");
        return -1;
    }
    const uint32_t *slots = (const uint32_t *)(const void *)(p + AP_HEAD);
    const uint32_t *entries = slots + (size_t)nslots * 2;
    uint32_t empty = 0;
    for (uint32_t s = 0; s < nslots; s++) {
        uint32_t v = slots[2 * s + 1];
        empty += slots[2 * s] == 0;
        int bad = (v & AP_DENSE)    ? (v & ~AP_DENSE) >= ndense
                  : (v & AP_INLINE) ? ((v & ~AP_INLINE) >> 16) >= nclasses
                                    : (uint64_t)(v >> 8) + (v & 0xFFu) > nentries;
        if (slots[2 * s] && bad) {
            buf_puts(err, "perceptron: a row points past its table");
            return -1;
        }
    }
    if (!empty) { /* lookups stop at an empty slot: there must be one */
        buf_puts(err, "perceptron: the feature table has no empty slot");
        return -1;
    }
    for (uint32_t e = 0; e < nentries; e++) {
        if ((entries[e] >> 16) >= nclasses) {
            buf_puts(err, "perceptron: a class number is out of range");
            return -1;
        }
    }
    m->slots = slots;
    m->entries = entries;
    m->dense = (const int16_t *)(const void *)(entries + nentries);
    m->nslots = nslots;
    m->nentries = nentries;
    m->ndense = ndense;
    m->stride = stride;
    m->nclasses = nclasses;
    m->scale = scale;
    m->wide = cpu_has_avx2() != 0;
    m->group4 = m->wide && dense_max_abs(m->dense, (size_t)ndense * stride) <= AP_QMAX;
    if (used)
        *used = need;
    return 0;
}

/* The run of feature f (see ap_model), or 0 when it has none; i is its
 * home slot. */
static uint32_t find_run(const ap_model *m, uint32_t f, uint32_t i)
{
    for (;;) {
        uint32_t key = m->slots[2 * i];
        if (key == f)
            return m->slots[2 * i + 1];
        if (!key)
            return 0;
        i = i + 1 == m->nslots ? 0 : i + 1;
    }
}

enum { AP_BATCH = 64 };



/* scores[0..stride) += weights[0..stride): 8 classes at a time with SSE2. */
static void add_dense(int32_t *scores, const int16_t *weights, uint32_t stride)
{
#ifdef __SSE2__
    for (uint32_t c = 0; c < stride; c += 8) {
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(weights + c));
        __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(w, w), 16);
        __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(w, w), 16);
        __m128i *s0 = (__m128i *)(void *)(scores + c), *s1 = (__m128i *)(void *)(scores + c + 4);
        _mm_storeu_si128(s0, _mm_add_epi32(_mm_loadu_si128(s0), lo));
        _mm_storeu_si128(s1, _mm_add_epi32(_mm_loadu_si128(s1), hi));
    }
#else
    for (uint32_t c = 0; c < stride; c++)
        scores[c] += weights[c];
#endif
}

/* The same as add_dense, 16 classes at a time with AVX2 (the stride is a
 * multiple of 8: a last half step takes 8 classes). */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2"))) static void add_dense_avx2(int32_t *scores, const int16_t *weights, uint32_t stride)
{
    uint32_t c = 0;
    for (; c + 16 <= stride; c += 16) {
        __m256i w = _mm256_loadu_si256((const __m256i *)(const void *)(weights + c));
        __m256i lo = _mm256_cvtepi16_epi32(_mm256_castsi256_si128(w));
        __m256i hi = _mm256_cvtepi16_epi32(_mm256_extracti128_si256(w, 1));
        __m256i *s0 = (__m256i *)(void *)(scores + c), *s1 = (__m256i *)(void *)(scores + c + 8);
        _mm256_storeu_si256(s0, _mm256_add_epi32(_mm256_loadu_si256(s0), lo));
        _mm256_storeu_si256(s1, _mm256_add_epi32(_mm256_loadu_si256(s1), hi));
    }
    if (c < stride) { /* the stride is a multiple of 8: one half step is left */
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(weights + c));
        __m256i *s0 = (__m256i *)(void *)(scores + c);
        _mm256_storeu_si256(s0, _mm256_add_epi32(_mm256_loadu_si256(s0), _mm256_cvtepi16_epi32(w)));
    }
}

/* scores[0..stride) += the four rows w[0..4), summed 16 classes at a time
 * in 16 bits (exact when every weight is at most AP_QMAX in magnitude,
 * which group4 models guarantee) and widened once. */
__attribute__((target("avx2"))) static void add_dense4_avx2(int32_t *scores, const int16_t *const *w,
                                                           uint32_t stride)
{
    uint32_t c = 0;
    for (; c + 16 <= stride; c += 16) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(w[0] + c));
        __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(w[1] + c));
        __m256i d = _mm256_loadu_si256((const __m256i *)(const void *)(w[2] + c));
        __m256i e = _mm256_loadu_si256((const __m256i *)(const void *)(w[3] + c));
        __m256i sum = _mm256_adds_epi16(_mm256_add_epi16(a, b), _mm256_add_epi16(d, e));
        __m256i lo = _mm256_cvtepi16_epi32(_mm256_castsi256_si128(sum));
        __m256i hi = _mm256_cvtepi16_epi32(_mm256_extracti128_si256(sum, 1));
        __m256i *s0 = (__m256i *)(void *)(scores + c), *s1 = (__m256i *)(void *)(scores + c + 8);
        _mm256_storeu_si256(s0, _mm256_add_epi32(_mm256_loadu_si256(s0), lo));
        _mm256_storeu_si256(s1, _mm256_add_epi32(_mm256_loadu_si256(s1), hi));
    }
    if (c < stride) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(w[0] + c));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(w[1] + c));
        __m128i d = _mm_loadu_si128((const __m128i *)(const void *)(w[2] + c));
        __m128i e = _mm_loadu_si128((const __m128i *)(const void *)(w[3] + c));
        __m128i sum = _mm_adds_epi16(_mm_add_epi16(a, b), _mm_add_epi16(d, e));
        __m256i *s0 = (__m256i *)(void *)(scores + c);
        _mm256_storeu_si256(s0, _mm256_add_epi32(_mm256_loadu_si256(s0), _mm256_cvtepi16_epi32(sum)));
    }
}

static int cpu_has_avx2(void) { return __builtin_cpu_supports("avx2"); }
#else
static void add_dense_avx2(int32_t *scores, const int16_t *weights, uint32_t stride)
{
    add_dense(scores, weights, stride);
}

static void add_dense4_avx2(int32_t *scores, const int16_t *const *w, uint32_t stride)
{
    for (int k = 0; k < 4; k++)
        add_dense(scores, w[k], stride);
}

static int cpu_has_avx2(void) { return 0; }
#endif

/* Scores a batch of at most AP_BATCH features in three passes, so that the
 * memory reads of all of them overlap instead of waiting one by one:
 * prefetch the slots, find the runs and prefetch them, then add. */
static void score_batch(const ap_model *m, const uint32_t *feats, size_t nf, int32_t *scores)
{
    uint32_t slot[AP_BATCH], run[AP_BATCH];
    for (size_t k = 0; k < nf; k++) {
        slot[k] = home_slot(feats[k], m->nslots);
        __builtin_prefetch(&m->slots[2 * slot[k]]);
    }
    for (size_t k = 0; k < nf; k++) {
        run[k] = find_run(m, feats[k], slot[k]);
        if (run[k] & AP_DENSE)
            __builtin_prefetch(&m->dense[(size_t)(run[k] & ~AP_DENSE) * m->stride]);
        else if (!(run[k] & AP_INLINE))
            __builtin_prefetch(&m->entries[run[k] >> 8]);
    }
    const int16_t *group[4];
    uint32_t grouped = 0;
    for (size_t k = 0; k < nf; k++) {
        uint32_t r = run[k];
        if (r & AP_DENSE) {
            const int16_t *weights = m->dense + (size_t)(r & ~AP_DENSE) * m->stride;
            if (m->group4) {
                group[grouped++] = weights;
                if (grouped == 4) {
                    add_dense4_avx2(scores, group, m->stride);
                    grouped = 0;
                }
            } else if (m->wide) {
                add_dense_avx2(scores, weights, m->stride);
            } else {
                add_dense(scores, weights, m->stride);
            }
            continue;
        }
        if (r & AP_INLINE) {
            scores[(r >> 16) & 0xFFu] += (int16_t)(uint16_t)(r & 0xFFFFu);
            continue;
        }
        const uint32_t *e = m->entries + (r >> 8);
        for (uint32_t j = 0; j < (r & 0xFFu); j++)
            scores[e[j] >> 16] += (int16_t)(uint16_t)(e[j] & 0xFFFFu);
    }
    for (uint32_t k = 0; k < grouped; k++)
        add_dense_avx2(scores, group[k], m->stride);
}

void ap_score(const ap_model *m, const uint32_t *feats, size_t nf, int32_t *scores)
{
    for (size_t k = 0; k < nf; k += AP_BATCH)
        score_batch(m, feats + k, nf - k < AP_BATCH ? nf - k : AP_BATCH, scores);
}
