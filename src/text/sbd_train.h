/*
 * sbd_train.h - training the sentence-boundary model (text/sbd.h).
 *
 * Training documents come with their gold sentence ends (code-point offsets
 * into the text).  sbd_collect() runs the text stage on one document with
 * the model replaced by the gold answer (teacher forcing), records the
 * features and label of every candidate gap, and counts how the punctuation
 * rules did.  sbd_train() runs an averaged perceptron over the collected
 * examples in a fixed pseudo-random order (deterministic for a seed),
 * quantises the weights to 16 bits and picks the threshold that maximises
 * sentence-boundary F1 on the development examples.
 *
 * Ownership: an sbd_data owns its arrays (mem_*), released by sbd_data_free.
 */
#ifndef KH_SBD_TRAIN_H
#define KH_SBD_TRAIN_H

#include "core/buf.h"
#include "text/doc.h"
#include "text/sbd.h"

typedef struct sbd_data {
    uint32_t *feats;  /* SBD_NFEAT per example */
    uint8_t *labels;  /* 1 = a sentence ends here */
    size_t n, cap;
    uint64_t gold_ends;     /* sentence ends in the gold standard */
    uint64_t rule_ends;     /* ends placed by the rules */
    uint64_t rule_correct;  /* of those, ends that are gold */
    int failed;             /* out of memory */
} sbd_data;

typedef struct sbd_report {
    size_t train_examples, train_positive, dev_examples, dev_positive;
    double dev_f1_rules, dev_f1_model; /* sentence-boundary F1 on dev */
    float threshold;
} sbd_report;

/* Runs the text stage on text[0..len) (arena a) and adds its candidate gaps
 * to data, labelled by gold_ends (sorted code-point offsets, n_gold of
 * them).  Returns 0, or -1 when memory runs out. */
int sbd_collect(sbd_data *data, arena *a, const char *text, size_t len, const uint32_t *gold_ends,
                size_t n_gold);

void sbd_data_free(sbd_data *data);

/* Trains on train, tunes the threshold on dev (or takes *fixed_threshold
 * when it is not NULL, still reporting dev F1), writes the model payload
 * (text/sbd.h) into payload.  Returns 0, or -1 (memory, or no examples). */
int sbd_train(const sbd_data *train, const sbd_data *dev, unsigned log2_buckets, int epochs,
              uint32_t seed, const float *fixed_threshold, buf *payload, sbd_report *rep);

#endif
