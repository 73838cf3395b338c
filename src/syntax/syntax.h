/*
 * syntax.h - the syntax stage as a whole: the tagger, lemmatiser and parser
 * models of a data folder, and the analysis of one sentence's words.
 *
 * Ownership: a syn_models owns its mappings (syn_close).
 */
#ifndef KH_SYNTAX_H
#define KH_SYNTAX_H

#include "core/buf.h"
#include "core/model.h"
#include "syntax/lemma.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/words.h"

typedef struct syn_models {
    model_file tagger_file, parser_file, lemma_file;
    tagger tagger;
    parser parser;
    lem_model lemma;
    int has_tagger, has_parser, has_lemma;
} syn_models;

/* Maps DIR/models/tagger.bin, parser.bin and lemma.bin.  A missing file
 * leaves that model out (has_* = 0); a file that exists but cannot be used
 * is an error.  Returns 0, -1 with the reason in err, or -2 when memory
 * runs out. */
int syn_open(syn_models *m, const char *dir, buf *err);

void syn_close(syn_models *m);

/* Maps one model file and reads it as a tagger or a parser. */
int syn_load_tagger(model_file *f, tagger *t, const char *path, buf *err);
int syn_load_parser(model_file *f, parser *p, const char *path, buf *err);

/* Tags, lemmatises (lemmas in scratch) and parses w[0..n) with the models
 * present; without a lemma model, rules alone give the lemmas.  Returns 0,
 * or -1 when scratch runs out of memory. */
int syn_analyse(const syn_models *m, word *w, uint32_t n, arena *scratch);

/* Reads word i of the analysed w[0..n) as a verb (the VERB class its
 * ending suits: "departs" VBZ, "trashed" VBD, else VBP), lemmatises it
 * again and parses w[0..n) again.  Returns 0, 1 when the models cannot
 * (no tagger, parser or such class), -1 when scratch runs out. */
int syn_reparse_as_verb(const syn_models *m, word *w, uint32_t n, uint32_t i, arena *scratch);

#endif
