/*
 * tagger.h - part-of-speech tagging: a greedy left-to-right averaged
 * perceptron predicting one joint class per word, a (UPOS, XPOS) pair as
 * found in the training treebanks, so the two tags always agree.
 *
 * Features are the ones the literature found best for English (the word,
 * its lower-case form with its shape, prefixes and suffixes up to four
 * characters, two words of context on each side, the suffixes and shapes
 * of the neighbours, the two previous tags and their combinations with the
 * word).  The model file (kind TAG_KIND) holds the class names and the
 * perceptron (syntax/ap.h).
 *
 * Ownership: a tagger points into a payload it does not own.
 */
#ifndef KH_TAGGER_H
#define KH_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/mem.h"
#include "syntax/ap.h"
#include "syntax/words.h"

#define TAG_KIND "tagger"
#define TAG_NFEAT 32
#define TAG_NAME 8 /* bytes for a tag name, NUL included */

typedef struct tag_names {
    char upos[TAG_NAME], xpos[TAG_NAME];
} tag_names;

/* The ambiguity class of a word: the tags it took in training. */
typedef struct tag_lex {
    uint32_t word; /* tok_hash_lower of the form */
    uint32_t ac;   /* hash of its set of UPOS tags */
} tag_lex;

typedef struct tagger {
    ap_model ap;
    const tag_names *names; /* nclasses of them */
    uint32_t nclasses;
    const tag_lex *lex;     /* sorted by word */
    uint32_t nlex;
} tagger;

/* Reads a tagger payload.  Returns 0, or -1 with the reason in err. */
int tagger_from_payload(tagger *t, const void *payload, size_t n, buf *err);

/* Tags w[0..n) (sets w[i].tag), using scratch for per-sentence tables.
 * Returns 0, or -1 when scratch runs out of memory. */
int tagger_tag(const tagger *t, word *w, uint32_t n, arena *scratch);

const char *tagger_upos(const tagger *t, uint16_t tag);
const char *tagger_xpos(const tagger *t, uint16_t tag);

/* ---- training ---- */

typedef struct tag_sent {
    word *w;             /* forms set (word_set_form); .tag is overwritten */
    const uint16_t *gold; /* gold classes, nclasses for "unknown" */
    uint32_t n;
} tag_sent;

typedef struct tag_report {
    size_t features;
    double dev_upos, dev_xpos, dev_joint; /* accuracies after the last epoch */
} tag_report;

/* Trains bags perceptrons on train[0..ntrain), each for epochs passes in
 * its own seeded order, averages them, reports accuracy on dev, and
 * appends the payload to out.  Returns 0 or -1. */
int tag_train(tag_sent *train, size_t ntrain, tag_sent *dev, size_t ndev, const tag_names *names,
              uint32_t nclasses, int epochs, uint32_t bags, uint32_t seed, buf *out, tag_report *rep);

#endif
