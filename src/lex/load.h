/*
 * load.h - the set of dictionaries khaldun codes with, compiled once and
 * cached.
 *
 * Without file options the set is every *.txt file of DATA/dictionaries
 * (khaldun's format), in name order.  Otherwise it is the files named:
 * dict (khaldun's format), actors, agents, discards (TABARI or PETRARCH,
 * told apart by their names: lex/import.h), each a comma-separated list.
 *
 * The compiled lexicon is cached (lex/cache.h) in $KHALDUN_CACHE, else
 * $XDG_CACHE_HOME/khaldun, else ~/.cache/khaldun, under a name made from
 * the files' contents and a checksum of the running program; KHALDUN_CACHE=none turns the
 * cache off.  A cache that cannot be written or read only costs time.
 */
#ifndef KH_LEX_LOAD_H
#define KH_LEX_LOAD_H

#include "core/buf.h"
#include "lex/lexicon.h"

typedef struct lex_set {
    const char *dict, *actors, *agents, *discards; /* comma-separated file lists, or NULL */
    int no_cache;                                  /* compile even when a cache exists (warnings wanted) */
} lex_set;

/* Loads the set o names into lx (not initialised before).  Errors go to
 * err, warnings (phrases defined twice) to warn; *from_cache says whether
 * the cache served it.  Returns 0; 1 when the set is the default one and
 * DATA/dictionaries does not exist (lx is then an empty lexicon and err
 * says so); -1 on errors (then lx holds nothing). */
int lex_load_set(lexicon *lx, const char *data_dir, const lex_set *o, buf *err, buf *warn, int *from_cache);

/* The paths of the *.txt files of dir, in name order, in *out (free with
 * lex_list_free).  Returns 0, 1 when dir cannot be opened, -1 (memory). */
int lex_list_txt(const char *dir, char ***out, int *n);
void lex_list_free(char **names, int n);

#endif
