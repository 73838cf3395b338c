/*
 * words.h - syntactic words: what the tagger and the parser work on.
 *
 * Tokens are split the way the Universal Dependencies English treebanks
 * split them, so that models trained there apply:
 *  - clitics become words of one multiword token: "Iraq's" -> Iraq 's,
 *    "don't" -> do n't, "can't" -> ca n't, "workers'" -> workers ',
 *    "cannot" -> can not, "gonna" -> gon na;
 *  - hyphenated compounds become separate tokens, hyphens included
 *    ("Iran-backed" -> Iran - backed), unless the first part is a prefix
 *    the treebanks keep attached ("anti-government", "e-mail", "co-op").
 * Every word keeps a code-point span inside its token, so output can still
 * point at the original text.
 *
 * Ownership: word arrays and forms live in the arena given to the builder.
 */
#ifndef KH_WORDS_H
#define KH_WORDS_H

#include <stdint.h>

#include "core/mem.h"
#include "text/doc.h"

typedef struct word {
    const char *form;    /* normalised form, NUL-terminated */
    uint32_t len;        /* bytes */
    uint32_t hash;       /* FNV-1a of the form in ASCII lower case (tok_hash_lower) */
    uint32_t start, end; /* code points into the document text; 0 for CoNLL-U input */
    uint32_t tok;        /* the token it comes from (index in the document) */
    uint8_t mwt;         /* 1: a word of a token split into clitics */
    uint8_t mwt_first;   /* 1: the first word of such a token */
    uint8_t space_after; /* white space follows the word's token */
    uint8_t pad_;
    uint16_t tag;        /* tagger output: joint UPOS+XPOS class */
    uint32_t ac;         /* tagger output: the word's ambiguity class (0 when unknown) */
    uint16_t deprel;     /* parser output */
    int32_t head;        /* parser output: index of the head word, -1 for the root */
    const char *lemma;   /* lemmatiser output, or NULL */
} word;

/* The words of sentence s of document d, in arena a.  Returns the number
 * of words (at least the number of tokens), or -1 when memory runs out. */
int64_t words_of_sentence(const doc *d, const sent *s, arena *a, word **out);

/* Fills the derived fields of w (len, hash) from its form. */
void word_set_form(word *w, const char *form);

/* form with typographic quotes, dashes and the ellipsis folded as the
 * tokenizer folds them (text/norm.h), so that words read from a treebank
 * look like words cut from raw text: form itself when nothing changes,
 * else a copy in arena a (NULL when memory runs out). */
const char *word_fold(const char *form, arena *a);

#endif
