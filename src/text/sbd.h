/*
 * sbd.h - the learned part of sentence splitting: a linear model (averaged
 * perceptron over hashed features) that decides, where the punctuation
 * rules found no boundary, whether a sentence ends anyway.  It learns what
 * rules cannot: e-mail headers and signatures, sign-offs, separator lines,
 * informal text without punctuation.
 *
 * The model is used in documents whose style (sbd_style) is informal or
 * message-like only; formal text such as news is split by the rules alone,
 * so that what holds in e-mail ("03:48 PM John" ends a header line) is never
 * applied to news ("British PM Boris Johnson").  Within such documents it
 * looks only at candidate gaps (sbd_candidate): white space between two
 * tokens where the rules put no boundary, except between a word and a
 * lower-case word.  Features are hashes of token forms, shapes and
 * suffixes around the gap; weights are 16-bit with one scale.
 *
 * Ownership: an sbd_model points into memory it does not own (a mapped
 * model file, or the trainer's buffer).
 */
#ifndef KH_SBD_H
#define KH_SBD_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "text/doc.h"

#define SBD_KIND "sbd"
#define SBD_NFEAT 20

typedef struct sbd_model {
    const int16_t *w;
    uint32_t mask;   /* number of buckets - 1 */
    float scale;     /* weight = w[i] * scale */
    float threshold; /* a boundary when the score is above this */
} sbd_model;

/* Reads a model from a payload (model.h) of n bytes.  Returns 0, or -1 with
 * the reason in err. */
int sbd_from_payload(sbd_model *m, const void *payload, size_t n, buf *err);

/* Size of the payload for 2^log2_buckets weights, and writing one. */
size_t sbd_payload_size(unsigned log2_buckets);
void sbd_write_payload(void *out, unsigned log2_buckets, float scale, float threshold, const int16_t *w);

/* True when the gap before token j (first < j < d->ntoks) is one the model
 * judges. */
int sbd_candidate(const doc *d, uint32_t first, uint32_t j);

/* The style of a document: 0 for formal text; bit 0 when it has e-mail or
 * message-header marks (addresses, clock times with AM/PM, slash dates);
 * bit 1 when it is informal (paragraphs ending without punctuation,
 * sentences starting in lower case after a full stop). */
unsigned sbd_style(const doc *d);

/* The SBD_NFEAT feature hashes of the gap before token j, in a sentence that
 * began at token first (style is reserved for style-specific features). */
void sbd_features(const doc *d, unsigned style, uint32_t first, uint32_t j, uint32_t out[SBD_NFEAT]);

/* The model's score of the gap before token j. */
float sbd_score(const sbd_model *m, const doc *d, unsigned style, uint32_t first, uint32_t j);

#endif
