/*
 * lemma.h - the lemmatiser: the lemma of an English word given its tags.
 *
 * Regular inflection is handled by rules keyed on the Penn tag (XPOS):
 * plural nouns, third-person, past and participle verb forms, comparative
 * and superlative adjectives and adverbs, with the usual spelling changes
 * (tries -> try, stopped -> stop, making -> make, bigger -> big).  A small
 * built-in list covers irregular forms (went -> go, children -> child,
 * better -> good, 's -> be/have by tag, n't -> not).  On top, an exception
 * table learned from treebank triples (form, XPOS, lemma) stores only the
 * cases where the rules and the built-in list are wrong and the treebank is
 * consistent, so the model stays small.  Case follows the treebank
 * conventions (lemmas of proper nouns keep their capitals, others are
 * lower-cased, except "I").
 *
 * Ownership: a lem_model points into memory it does not own (a mapped
 * model file, or a payload buffer).  Output goes into the caller's buffer.
 */
#ifndef KH_LEMMA_H
#define KH_LEMMA_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define LEM_KIND "lemma"

typedef struct lem_model {
    const void *table; /* the exception table inside the payload */
    size_t table_size;
    uint32_t nentries;
} lem_model;

typedef struct lem_example {
    const char *form, *upos, *xpos, *lemma;
} lem_example;

typedef struct lem_report {
    size_t examples;     /* triples seen */
    size_t rule_correct; /* of those, lemmatised right by rules + built-ins alone */
    size_t exceptions;   /* entries stored */
} lem_report;

/* Learns the exception table from n triples and appends the payload (for a
 * model file of kind LEM_KIND) to payload.  Deterministic.  Returns 0, or
 * -1 when memory runs out. */
int lem_train(const lem_example *ex, size_t n, buf *payload, lem_report *rep);

/* Reads a payload of n bytes.  Returns 0, or -1 with the reason in err
 * (truncated or inconsistent tables are refused, never read out of bounds). */
int lem_from_payload(lem_model *m, const void *payload, size_t n, buf *err);

/* Writes the lemma of form[0..len) with the given tags (NUL-terminated Penn
 * XPOS and UD UPOS; either may be "_") into out, NUL-terminated, and returns
 * its length; when cap is too small, writes what fits and returns the full
 * length (as snprintf does).  m may be NULL: rules and built-ins only. */
size_t lem_lemmatize(const lem_model *m, const char *form, size_t len, const char *xpos, const char *upos,
                     char *out, size_t cap);

/* The form of the i-th entry of the built-in irregular list, or NULL past
 * its end (tests check the list stays sorted: lookups search it). */
const char *lem_builtin_form(size_t i);

#endif
