/*
 * cli.h - the khaldun command and its subcommands.
 *
 * Every subcommand is a function of (argc, argv, io) that reads from
 * io->in, writes to io->out and io->err, and returns the process exit
 * status: 0 success, 1 when some input was skipped or failed, 2 for a usage
 * error.  Nothing here calls exit(), so the golden-test runner can call any
 * subcommand in-process with captured streams.
 */
#ifndef KH_CLI_H
#define KH_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "io/input.h"
#include "lib/handle.h"

typedef struct cli_io {
    FILE *in, *out, *err;
} cli_io;

/* Runs the subcommand named by argv[0] ("code", "sentences", ...). */
int cli_dispatch(int argc, char **argv, cli_io *io);

int cmd_code(int argc, char **argv, cli_io *io);
int cmd_sentences(int argc, char **argv, cli_io *io);
int cmd_test(int argc, char **argv, cli_io *io);
int cmd_train(int argc, char **argv, cli_io *io);
int cmd_parse(int argc, char **argv, cli_io *io);
int cmd_actors(int argc, char **argv, cli_io *io);
int cmd_validate(int argc, char **argv, cli_io *io);
int cmd_gazetteer(int argc, char **argv, cli_io *io);
int cmd_places(int argc, char **argv, cli_io *io);
int cmd_export(int argc, char **argv, cli_io *io);
int cmd_query(int argc, char **argv, cli_io *io);

/* ---- option parsing ---- */

typedef enum opt_type { OPT_FLAG, OPT_STRING, OPT_SIZE } opt_type;

typedef struct opt_spec {
    const char *name; /* long name without dashes */
    opt_type type;
    void *dest;       /* int* for flags, const char** for strings, size_t* for sizes */
    const char *help;
} opt_spec;

/* Parses argv[1..] against specs (terminated by a NULL name).  Positional
 * arguments are collected in order into pos (room for argc entries) and
 * counted in *npos.  Prints a message to io->err and returns 2 on a usage
 * error; returns 1 after printing help for --help; 0 otherwise. */
int opts_parse(int argc, char **argv, const opt_spec *specs, const char *usage, char **pos,
               int *npos, cli_io *io);

/* ---- the document loop shared by commands that read documents ---- */

typedef struct doc_loop doc_loop;
typedef int (*doc_fn)(doc_loop *L, const doc *d, void *ud);

struct doc_loop {
    cli_io *io;
    /* options */
    const char *date, *id, *input, *data_dir;
    size_t max_doc_bytes;
    int stats, rules_only;
    /* per-document callback and the output buffer it fills */
    doc_fn on_doc;
    void *ud;
    buf out;
    /* counters */
    unsigned long docs, sents, toks, warnings, skipped;
    double seconds;
    khaldun *kh; /* the handle documents go through (set by doc_loop_run) */
    /* documents in parallel (--jobs): each worker works on its own copy of
     * ud (ud_clone), merged back at the end (ud_merge, which also frees the
     * copy); without both, documents are coded one by one */
    size_t jobs;
    void *(*ud_clone)(void *ud);
    void (*ud_merge)(void *ud, void *clone);
    struct pool *pool;
    /* where each document's output goes instead of io->out, in input
     * order, from the main thread (NULL: io->out); it returns 0, or -1 to
     * stop reading (stopped is set and the run fails) */
    int (*sink)(void *ctx, const char *p, size_t n);
    void *sink_ctx;
    int stopped;
};

/* The options every document-reading command takes; dest fields point into L. */
#define DOC_LOOP_OPTIONS(L)                                                                      \
    {"date", OPT_STRING, &(L).date, "publication date YYYY-MM-DD for documents without one"},    \
        {"id", OPT_STRING, &(L).id, "document id for a .txt or .html input"},                     \
        {"input", OPT_STRING, &(L).input, "input format: txt, jsonl or html (default: by extension; - is jsonl)"}, \
        {"max-doc-bytes", OPT_SIZE, &(L).max_doc_bytes, "refuse documents larger than this (default 8M)"}, \
        {"stats", OPT_FLAG, &(L).stats, "print counts of documents, sentences, tokens, warnings to stderr"}, \
        {"data", OPT_STRING, &(L).data_dir, "folder of models and dictionaries (default: $KHALDUN_DATA or the build's data/)"}, \
        {"rules-only", OPT_FLAG, &(L).rules_only, "split sentences by rules alone, without the learned model"}

/* ---- dictionaries ---- */

#include "code/actor.h"
#include "lex/load.h"

typedef struct dict_opts {
    lex_set set;
    int warnings;
} dict_opts;

#define DICT_OPTIONS(o)                                                                                   \
    {"dict", OPT_STRING, &(o).set.dict, "khaldun dictionaries to use instead of DATA/dictionaries (comma-separated)"}, \
        {"actors", OPT_STRING, &(o).set.actors, "TABARI or PETRARCH actor dictionaries (comma-separated)"},   \
        {"agents", OPT_STRING, &(o).set.agents, "TABARI or PETRARCH agent dictionaries (comma-separated)"},   \
        {"discards", OPT_STRING, &(o).set.discards, "PETRARCH discard lists (comma-separated)"},              \
        {"dict-warnings", OPT_FLAG, &(o).warnings, "print the dictionaries' warnings (phrases defined twice)"}

/* Loads the dictionaries o names (lex/load.h) into lx, printing warnings
 * when asked and errors.  Returns 0 or -1 (then lx holds nothing). */
int lexicon_load(lexicon *lx, const char *data_dir, dict_opts *o, cli_io *io);

/* Finding actors in every sentence of the documents (cmd_actors.c). */
typedef struct actors_run {
    dict_opts dict;
    int brief, write;        /* write: print each mention (JSON, or TEXT -> CODE when brief) */
    lexicon lx;
    int loaded, failed;      /* dictionaries loaded with the first document; they could not be */
    unsigned long mentions;  /* actor mentions found */
    /* called for every sentence with its analysed words and actors (NULL: none) */
    int (*on_sentence)(doc_loop *L, const doc *d, uint32_t index, const word *w, const uint8_t *pos, uint32_t n,
                       const actor *actors, uint32_t nactors, arena *scratch, void *ctx);
    int (*on_document_end)(doc_loop *L, const doc *d, void *ctx); /* after its last sentence (NULL: none) */
    void *ctx;
} actors_run;

/* Opens a JSON object of the contract's records with its first fields,
 * '{"doc_id":...,"sentence":si,' (actors and events alike). */
void json_open_sentence(buf *b, const doc *d, uint32_t si);

/* A doc_fn: loads the dictionaries on the first document, then finds the
 * actors of every sentence of d (ud is an actors_run). */
int actors_scan(doc_loop *L, const doc *d, void *ud);

/* Runs a command that reads documents through actors_scan (with r's
 * callbacks): parses argv with specs, which hold DOC_LOOP_OPTIONS(*L) and
 * DICT_OPTIONS(r->dict), and reads every document.  Returns the exit
 * status. */
int actors_command(doc_loop *L, actors_run *r, const opt_spec *specs, const char *usage, int argc, char **argv,
                   cli_io *io);

/* Frees what actors_scan loaded. */
void actors_done(actors_run *r);

#include "code/event.h"

/* Fills *s with the sentence as the event coder sees it: w, pos and the
 * actors, the parse's relation names (in scratch), and peer as
 * ev_sentence.peer.  A sentence whose tagger took its verb for a noun
 * ("Estonia departs from Libya": code/event.h, event_misread_verb) is
 * parsed again with that word a verb, and kept so when the new parse
 * gives the word an actor subject; s then points at the new words.  In
 * TABARI's mode (EV_PEER_TABARI) actors coded "---" are left out.
 * Returns 0, or -1 when scratch runs out. */
int event_sentence(const khaldun *kh, const pattern_set *ps, const word *w, const uint8_t *pos, uint32_t n,
                   const actor *actors, uint32_t nactors, int peer, arena *scratch, ev_sentence *s);

/* ---- places (cmd_places.c) ---- */

#include "geo/gaz.h"

/* Opens the gazetteer named by opt (--gazetteer), else $KHALDUN_GAZETTEER,
 * else DATA/gazetteer.bin, printing what is wrong.  Returns 0; 1 when
 * missing_ok and the file found by default is missing (with a note when
 * note is set: the command goes on without places); -1 when it cannot be
 * used (the message says how to rebuild it). */
int geo_open_for(gaz *g, const char *opt, const char *data_dir, int missing_ok, int note, cli_io *io);

/* Appends a place's contract fields: "name":..,"country":..,"lat":..,"lon":..,"geonameid":.. */
void geo_write_place(buf *b, const gaz *g, int32_t place);

/* Reads every document of files[0..n) (standard input when n is 0) and
 * calls L->on_doc for each; writes L->out to io->out after each document.
 * Returns the exit status (0, or 1 when anything was skipped). */
int doc_loop_run(doc_loop *L, char **files, int n);

#endif
