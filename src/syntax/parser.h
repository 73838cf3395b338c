/*
 * parser.h - greedy transition-based dependency parsing (arc-hybrid).
 *
 * Configuration: a stack, a buffer of the words 0..n-1 followed by a root
 * pseudo-word n, and the arcs built so far.  Transitions: SHIFT (the first
 * buffer word goes onto the stack), LEFT-l (the stack top takes the first
 * buffer word as its head with label l, and is popped) and RIGHT-l (the
 * stack top takes the word below it as its head, and is popped).  The
 * root pseudo-word may take one dependent only, when it is the last word
 * left, so every parse is a single tree.  A perceptron scores the
 * 1 + 2 x labels transitions from features of the stack and buffer words,
 * their leftmost and rightmost children, labels, distance and valency (the
 * feature set of Zhang and Nivre 2011, adapted to arc-hybrid).
 *
 * Training follows the dynamic oracle of Goldberg and Nivre (2013): at
 * every step the best-scoring zero-cost transition is the target, and
 * after the first epoch the parser follows its own (possibly wrong)
 * predictions most of the time, learning to recover from its mistakes.
 *
 * Ownership: a parser points into a payload it does not own.
 */
#ifndef KH_PARSER_H
#define KH_PARSER_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/mem.h"
#include "syntax/ap.h"
#include "syntax/words.h"

#define PARSE_KIND "parser"
#define DEP_NAME 16 /* bytes for a relation name, NUL included */

typedef struct dep_names {
    char name[DEP_NAME];
} dep_names;

typedef struct parser {
    ap_model ap;
    const dep_names *labels;
    uint32_t nlabels;
} parser;

/* Reads a parser payload.  Returns 0, or -1 with the reason in err. */
int parser_from_payload(parser *p, const void *payload, size_t n, buf *err);

/* Parses w[0..n) (tags set by the tagger): sets w[i].head (-1 for the
 * root word) and w[i].deprel.  Uses scratch for the configuration.
 * Returns 0, or -1 when scratch runs out of memory. */
int parser_parse(const parser *p, word *w, uint32_t n, arena *scratch);

const char *parser_label(const parser *p, uint16_t label);

/* ---- training ---- */

typedef struct dep_sent {
    word *w;               /* forms and tags set */
    const int32_t *head;   /* gold heads: word index, -1 for the root */
    const uint16_t *label; /* gold labels */
    uint32_t n;
} dep_sent;

typedef struct dep_report {
    size_t features, skipped_nonprojective;
    double dev_uas, dev_las; /* on dev, punctuation included */
} dep_report;

/* Trains bags perceptrons for epochs passes each, in orders seeded from
 * seed, averages them, prunes small weights, reports UAS and LAS on dev
 * and appends the payload to out.  Returns 0 or -1. */
int parser_train(dep_sent *train, size_t ntrain, dep_sent *dev, size_t ndev, const dep_names *labels,
                 uint32_t nlabels, int epochs, uint32_t bags, uint32_t seed, buf *out, dep_report *rep);

#endif
