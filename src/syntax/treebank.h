/*
 * treebank.h - gold-annotated sentences in memory, for training and
 * evaluation: CoNLL-U files read into words (syntax/words.h) with their
 * gold tags, heads and relations, and the class tables built from them.
 *
 * Ownership: a treebank owns everything it holds (tb_free).
 */
#ifndef KH_TREEBANK_H
#define KH_TREEBANK_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/mem.h"
#include "syntax/words.h"

typedef struct tb_sent {
    word *w;            /* forms set; .tag and .deprel hold gold class ids once assigned */
    const char **upos, **xpos, **deprel, **lemma; /* gold strings */
    int32_t *head;      /* gold heads: word index, -1 for the root */
    uint16_t *tag;      /* gold joint tag classes (tb_assign_tags) */
    uint16_t *label;    /* gold relation classes (tb_assign_labels) */
    uint32_t n;
} tb_sent;

typedef struct treebank {
    tb_sent *s;
    size_t n, cap;
    size_t words;
    arena mem;
} treebank;

void tb_init(treebank *tb);
void tb_free(treebank *tb);

/* Reads every sentence of the CoNLL-U file at path into tb; refused blocks
 * are reported into err (one line each) and skipped.  Returns the number
 * of sentences added, or -1 when the file cannot be read. */
int64_t tb_read(treebank *tb, const char *path, buf *err);

/* Appends an all-caps copy of every every-th sentence of at most
 * max_words words (headline style: "IRAN THREATENS TO CLOSE STRAIT OF
 * HORMUZ"), with the same gold annotation, so that models learn to tag and
 * parse text whose letter case says nothing.  Call before assigning
 * classes or after: the copies carry the originals' classes.  Returns the
 * number of copies, or -1 when memory runs out. */
int64_t tb_add_caps_copies(treebank *tb, uint32_t every, uint32_t max_words);

/* A table of names (tags or relations) by descending frequency. */
typedef struct tb_names {
    char (*name)[16];
    uint32_t *count;
    uint32_t n, cap;
} tb_names;

void tb_names_free(tb_names *t);

/* Builds the joint "UPOS XPOS" classes of tb (most frequent first, at most
 * max of them) into names; returns 0 or -1. */
int tb_tag_classes(const treebank *tb, uint32_t max, tb_names *names);

/* Builds the relation classes of tb into names; returns 0 or -1. */
int tb_label_classes(const treebank *tb, uint32_t max, tb_names *names);

/* Sets s->tag from the gold UPOS and XPOS using the classes (names hold
 * "UPOS XPOS"); unknown pairs get missing.  Same for labels. */
void tb_assign_tags(treebank *tb, const tb_names *classes, uint16_t missing);
void tb_assign_labels(treebank *tb, const tb_names *labels, uint16_t missing);

#endif
