/*
 * ap.c - averaged perceptron: sparse training rows, quantised sparse export.
 */
#include "syntax/ap.h"

#include <math.h>
#include <string.h>

#include "core/mem.h"

/* ---- hashing ---- */

static uint32_t fmix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

static uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

uint32_t ap_feature(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t h = (tmpl + 1) * 0x9E3779B1u;
    h = rotl(h ^ (a * 0x85EBCA77u), 13) * 0xC2B2AE3Du;
    h = rotl(h ^ (b * 0x27D4EB2Fu), 11) * 0x165667B1u;
    h = rotl(h ^ (c * 0xD3A2646Cu), 7);
    h = fmix(h);
    return h ? h : 1;
}

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
    uint32_t i = fmix(f) & mask;
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
 * payload: u32 nclasses, u32 nslots, u32 nentries, f32 scale,
 *          u32 slots[2 * nslots], u32 entries[nentries] */

enum { AP_HEAD = 16 };

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

int ap_export(const ap_trainer *t, buf *payload)
{
    double max = max_weight(t);
    float scale = max > 0 ? (float)(max / 32767.0) : 1.0f;
    uint32_t nslots = 16;
    while (nslots < t->nrows * 2u)
        nslots *= 2;
    uint32_t *slots = mem_calloc((size_t)nslots * 2, sizeof(uint32_t));
    uint32_t *keys = mem_calloc(nslots, sizeof(uint32_t));
    uint32_t *entries = mem_calloc(t->pool_len ? t->pool_len : 1, sizeof(uint32_t));
    int rc = -1;
    if (slots && keys && entries) {
        uint32_t nentries = 0;
        for (uint32_t i = 0; i <= t->mask; i++) { /* table order: deterministic */
            if (!t->keys[i])
                continue;
            const row *rw = &t->rows[t->vals[i] - 1];
            uint32_t first = nentries;
            for (uint32_t k = 0; k < rw->len; k++) {
                long q = lrint(averaged(t, &t->pool[rw->off + k]) / scale);
                if (q != 0)
                    entries[nentries++] = t->pool[rw->off + k].cls << 16 | (uint16_t)(int16_t)q;
            }
            if (nentries == first)
                continue; /* every weight of the feature rounds to zero */
            uint32_t s = find_slot(keys, nslots - 1, t->keys[i]);
            keys[s] = t->keys[i];
            slots[2 * s] = t->keys[i];
            slots[2 * s + 1] = first << 8 | (nentries - first);
        }
        put32(payload, t->nclasses);
        put32(payload, nslots);
        put32(payload, nentries);
        buf_append(payload, &scale, 4);
        buf_append(payload, slots, (size_t)nslots * 2 * sizeof(uint32_t));
        buf_append(payload, entries, (size_t)nentries * sizeof(uint32_t));
        rc = payload->failed ? -1 : 0;
    }
    mem_free(keys);
    mem_free(slots);
    mem_free(entries);
    return rc;
}

/* ---- inference ---- */

int ap_from_payload(ap_model *m, const void *payload, size_t n, size_t *used, buf *err)
{
    const unsigned char *p = payload;
    uint32_t head[4];
    if (n < AP_HEAD || ((uintptr_t)p & 3u)) {
        buf_puts(err, n < AP_HEAD ? "perceptron: payload too short" : "perceptron: misaligned payload");
        return -1;
    }
    memcpy(head, p, sizeof head);
    uint32_t nclasses = head[0], nslots = head[1], nentries = head[2];
    float scale;
    memcpy(&scale, &head[3], 4);
    size_t need = AP_HEAD + ((size_t)nslots * 2 + nentries) * sizeof(uint32_t);
    if (!nclasses || nclasses > AP_MAX_CLASSES || nslots < 16 || (nslots & (nslots - 1)) ||
        nslots > (1u << 28) || nentries > (1u << 24) || need > n || !(scale > 0 && scale < 1e9f)) {
        buf_puts(err, "perceptron: inconsistent table sizes");
        return -1;
    }
    const uint32_t *slots = (const uint32_t *)(const void *)(p + AP_HEAD);
    const uint32_t *entries = slots + (size_t)nslots * 2;
    uint32_t empty = 0;
    for (uint32_t s = 0; s < nslots; s++) {
        uint32_t v = slots[2 * s + 1];
        empty += slots[2 * s] == 0;
        if (slots[2 * s] && (uint64_t)(v >> 8) + (v & 0xFFu) > nentries) {
            buf_puts(err, "perceptron: an entry run points past the table");
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
    m->mask = nslots - 1;
    m->nentries = nentries;
    m->nclasses = nclasses;
    m->scale = scale;
    if (used)
        *used = need;
    return 0;
}

void ap_score(const ap_model *m, const uint32_t *feats, size_t nf, int32_t *scores)
{
    for (size_t k = 0; k < nf; k++) {
        uint32_t f = feats[k];
        uint32_t i = fmix(f) & m->mask;
        for (;;) {
            uint32_t key = m->slots[2 * i];
            if (key == f) {
                uint32_t v = m->slots[2 * i + 1];
                const uint32_t *e = m->entries + (v >> 8);
                for (uint32_t j = 0; j < (v & 0xFFu); j++)
                    scores[e[j] >> 16] += (int16_t)(uint16_t)(e[j] & 0xFFFFu);
                break;
            }
            if (!key)
                break;
            i = (i + 1) & m->mask;
        }
    }
}
