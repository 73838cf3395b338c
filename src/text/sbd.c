/*
 * sbd.c - features and scoring of the learned sentence-boundary model.
 */
#include "text/sbd.h"

#include <string.h>

#include "core/hash.h"
#include "text/tok.h"

enum {
    F_BIAS, F_W_2, F_W_1, F_W0, F_W1, F_S_1, F_S0, F_S1, F_S_1S0, F_W_1S0, F_S_1W0, F_NL,
    F_S_2S_1S0, F_W_1W0, F_W0W1, F_SUF_1, F_SUF0, F_LEN, F_W_2W_1, F_S0S1
};

#define EDGE_HASH 0x5BD1E995u /* stands for a token beyond the document */

/* The hash of template tmpl over values a, b, c: one multiply-rotate per
 * value and one final mix. */
static uint32_t feature(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t h = (tmpl + 1) * 0x9E3779B1u;
    h = hash_rotl32(h ^ (a * 0x85EBCA77u), 13) * 0xC2B2AE3Du;
    h = hash_rotl32(h ^ (b * 0x27D4EB2Fu), 11) * 0x165667B1u;
    h = hash_rotl32(h ^ (c * 0xD3A2646Cu), 7);
    return hash_fmix32(h);
}

static uint32_t shape_hash(const tok *t) { return tok_shape_hash(t->form, t->form_len); }

static uint32_t suffix_hash(const tok *t)
{
    uint32_t n = t->form_len < 3 ? t->form_len : 3;
    char s[3];
    for (uint32_t k = 0; k < n; k++) {
        char c = t->form[t->form_len - n + k];
        s[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    return tok_hash_lower(s, n) ^ 0x3C3C3C3Cu;
}

static uint32_t word_at(const doc *d, int64_t k)
{
    return (k < 0 || k >= (int64_t)d->ntoks) ? EDGE_HASH : d->toks[k].hash;
}

static uint32_t shape_at(const doc *d, int64_t k)
{
    return (k < 0 || k >= (int64_t)d->ntoks) ? EDGE_HASH : shape_hash(&d->toks[k]);
}

/* A clock time followed by AM or PM, a slash date (07/06/2000), or an
 * e-mail address starting at token k. */
static int header_mark(const doc *d, uint32_t k)
{
    const tok *t = &d->toks[k];
    if (t->kind == TK_EMAIL)
        return 1;
    if (t->kind != TK_NUMBER)
        return 0;
    int colon = strchr(t->form, ':') != NULL, slashes = 0;
    for (const char *c = t->form; *c; c++)
        slashes += *c == '/';
    if (slashes == 2)
        return 1;
    if (!colon || k + 1 >= d->ntoks)
        return 0;
    const char *n = d->toks[k + 1].form;
    return (n[0] == 'A' || n[0] == 'P' || n[0] == 'a' || n[0] == 'p') && (n[1] == 'M' || n[1] == 'm') && !n[2];
}

static int terminal_token(const tok *t)
{
    return t->pclass == PC_STOP || t->pclass == PC_EXCLAIM || t->pclass == PC_ELLIPSIS ||
           t->pclass == PC_QUOTE || t->pclass == PC_CLOSE || (t->flags & TF_ABBREV);
}

unsigned sbd_style(const doc *d)
{
    unsigned marks = 0, paragraphs = 0, bare_ends = 0, lower_starts = 0;
    for (uint32_t k = 0; k < d->ntoks; k++) {
        const tok *t = &d->toks[k];
        marks += (unsigned)header_mark(d, k);
        if (k + 1 == d->ntoks || (d->toks[k + 1].flags & TF_PARAGRAPH)) {
            paragraphs++;
            bare_ends += !terminal_token(t);
        }
        if (k > 0 && d->toks[k - 1].pclass == PC_STOP && (t->flags & TF_SPACE_BEFORE) &&
            t->kind == TK_WORD && t->shape == SHAPE_LOWER)
            lower_starts++;
    }
    unsigned style = marks >= 2 ? 1u : 0u;
    if ((paragraphs >= 3 && bare_ends * 10 >= paragraphs * 3) || lower_starts >= 2)
        style |= 2u;
    return style;
}

void sbd_features(const doc *d, unsigned style, uint32_t first, uint32_t j, uint32_t out[SBD_NFEAT])
{
    int64_t i = j;
    uint32_t w_2 = word_at(d, i - 2), w_1 = word_at(d, i - 1), w0 = word_at(d, i), w1 = word_at(d, i + 1);
    uint32_t s_2 = shape_at(d, i - 2), s_1 = shape_at(d, i - 1), s0 = shape_at(d, i), s1 = shape_at(d, i + 1);
    uint32_t len = (j - first) / 5;
    (void)style;
    out[F_BIAS] = feature(F_BIAS, 0, 0, 0);
    out[F_W_2] = feature(F_W_2, w_2, 0, 0);
    out[F_W_1] = feature(F_W_1, w_1, 0, 0);
    out[F_W0] = feature(F_W0, w0, 0, 0);
    out[F_W1] = feature(F_W1, w1, 0, 0);
    out[F_S_1] = feature(F_S_1, s_1, 0, 0);
    out[F_S0] = feature(F_S0, s0, 0, 0);
    out[F_S1] = feature(F_S1, s1, 0, 0);
    out[F_S_1S0] = feature(F_S_1S0, s_1, s0, 0);
    out[F_W_1S0] = feature(F_W_1S0, w_1, s0, 0);
    out[F_S_1W0] = feature(F_S_1W0, s_1, w0, 0);
    out[F_NL] = feature(F_NL, (d->toks[j].flags & TF_NEWLINE) != 0, 0, 0);
    out[F_S_2S_1S0] = feature(F_S_2S_1S0, s_2, s_1, s0);
    out[F_W_1W0] = feature(F_W_1W0, w_1, w0, 0);
    out[F_W0W1] = feature(F_W0W1, w0, w1, 0);
    out[F_SUF_1] = feature(F_SUF_1, suffix_hash(&d->toks[j - 1]), 0, 0);
    out[F_SUF0] = feature(F_SUF0, suffix_hash(&d->toks[j]), 0, 0);
    out[F_LEN] = feature(F_LEN, len > 8 ? 8 : len, 0, 0);
    out[F_W_2W_1] = feature(F_W_2W_1, w_2, w_1, 0);
    out[F_S0S1] = feature(F_S0S1, s0, s1, 0);
}

int sbd_candidate(const doc *d, uint32_t first, uint32_t j)
{
    if (j <= first || j >= d->ntoks)
        return 0;
    const tok *t = &d->toks[j], *p = &d->toks[j - 1];
    if (!(t->flags & TF_SPACE_BEFORE) || (t->flags & TF_PARAGRAPH))
        return 0;
    int lower_word = t->kind == TK_WORD && t->form[0] >= 'a' && t->form[0] <= 'z';
    return !(lower_word && p->kind == TK_WORD);
}

float sbd_score(const sbd_model *m, const doc *d, unsigned style, uint32_t first, uint32_t j)
{
    uint32_t f[SBD_NFEAT];
    sbd_features(d, style, first, j, f);
    int32_t sum = 0;
    for (int k = 0; k < SBD_NFEAT; k++)
        sum += m->w[f[k] & m->mask];
    return (float)sum * m->scale;
}

/* ---- payload: u32 log2 buckets, f32 scale, f32 threshold, u32 features,
 * then the int16 weights ---- */

enum { PAYLOAD_HEAD = 16 };

size_t sbd_payload_size(unsigned log2_buckets)
{
    return PAYLOAD_HEAD + ((size_t)1 << log2_buckets) * sizeof(int16_t);
}

void sbd_write_payload(void *out, unsigned log2_buckets, float scale, float threshold, const int16_t *w)
{
    unsigned char *p = out;
    uint32_t nfeat = SBD_NFEAT;
    uint32_t log2 = log2_buckets;
    memcpy(p, &log2, 4);
    memcpy(p + 4, &scale, 4);
    memcpy(p + 8, &threshold, 4);
    memcpy(p + 12, &nfeat, 4);
    memcpy(p + PAYLOAD_HEAD, w, ((size_t)1 << log2_buckets) * sizeof(int16_t));
}

int sbd_from_payload(sbd_model *m, const void *payload, size_t n, buf *err)
{
    const unsigned char *p = payload;
    uint32_t log2, nfeat;
    if (n < PAYLOAD_HEAD) {
        buf_puts(err, "sentence model: payload too short");
        return -1;
    }
    memcpy(&log2, p, 4);
    memcpy(&m->scale, p + 4, 4);
    memcpy(&m->threshold, p + 8, 4);
    memcpy(&nfeat, p + 12, 4);
    if (log2 < 8 || log2 > 24 || n != sbd_payload_size(log2)) {
        buf_printf(err, "sentence model: %u-bit table does not match its %zu bytes", log2, n);
        return -1;
    }
    if (nfeat != SBD_NFEAT) {
        buf_printf(err, "sentence model: built for %u features, this khaldun uses %u", nfeat, SBD_NFEAT);
        return -1;
    }
    if (!(m->scale > 0.0f && m->scale < 1e6f) || !(m->threshold > -1e9f && m->threshold < 1e9f)) {
        buf_puts(err, "sentence model: scale or threshold out of range");
        return -1;
    }
    if (((uintptr_t)(p + PAYLOAD_HEAD)) % _Alignof(int16_t) != 0) {
        buf_puts(err, "sentence model: misaligned weights");
        return -1;
    }
    m->w = (const int16_t *)(const void *)(p + PAYLOAD_HEAD);
    m->mask = (1u << log2) - 1;
    return 0;
}
