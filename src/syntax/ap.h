/*
 * ap.h - the multiclass averaged perceptron behind the tagger and the parser.
 *
 * Features are 32-bit hashes (0 is never a feature).  While training, each
 * feature seen in an update gets a short row of (class, weight) entries, so
 * memory follows what the data needs rather than features x classes; the
 * average of every weight over all steps is kept lazily (Daume's trick).
 * Exporting writes the averaged weights, quantised to 14 bits with one
 * scale and with zero entries dropped, as a payload: an open-addressing
 * table from feature hash to its entries.  Scoring with an exported model
 * touches one table slot and one short run of entries per feature.
 *
 * Ownership: an ap_trainer owns its memory (ap_trainer_free); an ap_model
 * points into a payload it does not own.
 */
#ifndef KH_AP_H
#define KH_AP_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/hash.h"

#define AP_MAX_CLASSES 255u
#define AP_SCORES 256u /* size of a score array: the classes rounded up to 8 */

typedef struct ap_trainer ap_trainer;

/* A trainer for nclasses classes (1..AP_MAX_CLASSES); NULL on failure. */
ap_trainer *ap_trainer_new(uint32_t nclasses);
void ap_trainer_free(ap_trainer *t);

/* Adds the current (not averaged) weights of feats[0..nf) to scores[class]
 * (the caller zeroes scores). */
void ap_train_score(const ap_trainer *t, const uint32_t *feats, size_t nf, float *scores);

/* One perceptron update: +1 for gold, -1 for guess, on every feature (no
 * change when they are equal).  Returns 0, or -1 when memory runs out. */
int ap_update(ap_trainer *t, const uint32_t *feats, size_t nf, uint32_t gold, uint32_t guess);

/* Advances the clock that weights are averaged over; call once per example. */
void ap_tick(ap_trainer *t);

/* Appends the averaged, quantised model to payload.  Returns 0 or -1. */
int ap_export(const ap_trainer *t, buf *payload);

/* The same, dropping every weight whose quantised magnitude is at most
 * min_abs (and features left with none): a smaller, faster model. */
int ap_export_pruned(const ap_trainer *t, buf *payload, int min_abs);

/* Adds share times the averaged weights of t into sum, a trainer used only
 * to hold sums (several models trained in different orders, averaged,
 * vary less than one); export sum as usual.  Returns 0 or -1. */
int ap_merge(ap_trainer *sum, const ap_trainer *t, double share);

/* Number of features with a row, for reports. */
size_t ap_trainer_features(const ap_trainer *t);

typedef struct ap_model {
    const uint32_t *slots;   /* pairs (key, run); key 0 = empty; run = offset << 8 | count,
                                AP_DENSE | index of a dense row, or AP_INLINE | the one entry */
    const uint32_t *entries; /* class << 16 | (uint16_t)weight */
    const int16_t *dense;    /* rows of stride weights, one per class (padding 0) */
    uint32_t nslots;         /* slots (any number: indices come from a multiply-shift) */
    uint32_t nentries, ndense, stride;
    uint32_t nclasses;
    float scale;             /* weight = entry weight * scale */
    int wide;                /* the CPU has AVX2 for the dense rows */
    int group4;              /* wide, and no dense weight above AP_QMAX: dense rows are summed four at a time */
} ap_model;

/* The largest quantised weight export writes: four of them still fit in
 * 16 bits, so dense rows can be summed four at a time before widening. */
#define AP_QMAX 8191

#define AP_DENSE 0x80000000u
#define AP_INLINE 0x40000000u

/* Reads a model from a payload of n bytes; on success *used gets the bytes
 * it took (payloads can be followed by more data).  Returns 0, or -1 with
 * the reason in err; offsets and counts are checked so that scoring can
 * never read out of bounds. */
int ap_from_payload(ap_model *m, const void *payload, size_t n, size_t *used, buf *err);

/* Adds the model's integer weights of feats[0..nf) to scores[class] (the
 * caller zeroes all AP_SCORES of them; multiply by m->scale for real
 * values). */
void ap_score(const ap_model *m, const uint32_t *feats, size_t nf, int32_t *scores);

/* Mixes a template number and up to three values into a feature hash
 * (never 0).  Inline: feature extraction calls it dozens of times per
 * word, mostly with constant template numbers and zeros. */
static inline uint32_t ap_feature(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t h = (tmpl + 1) * 0x9E3779B1u;
    h = hash_rotl32(h ^ (a * 0x85EBCA77u), 13) * 0xC2B2AE3Du;
    h = hash_rotl32(h ^ (b * 0x27D4EB2Fu), 11) * 0x165667B1u;
    h = hash_rotl32(h ^ (c * 0xD3A2646Cu), 7);
    h = hash_fmix32(h);
    return h ? h : 1;
}

#endif
