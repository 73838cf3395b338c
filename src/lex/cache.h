/*
 * cache.h - compiled dictionaries kept on disk, so that starting khaldun
 * does not parse and cut 100,000 phrases again.
 *
 * A cache file is a model file (core/model.h) of kind "lexicon" whose
 * payload holds a key and the lexicon's arrays as they are in memory:
 *
 *     u64 key, u32 counts[7] (entries, codes, strings, slots, edges, nodes,
 *     phrases), u32 stems, u32 gaps, u32 0, then entries, codes, strings
 *     (padded to 8), edges, ends
 *
 * The key is a hash of the dictionary files' contents, of how each was
 * read, and of this khaldun's version and cache layout: any change to a
 * dictionary or to the program gives a new key, so a stale cache is never
 * used.  Mapped caches are read-only; the mapping is checked (sizes,
 * offsets, node numbers) so that a corrupt file cannot make matching read
 * out of bounds.
 */
#ifndef KH_LEX_CACHE_H
#define KH_LEX_CACHE_H

#include <stdint.h>

#include "core/buf.h"
#include "lex/lexicon.h"

#define LEX_CACHE_KIND "lexicon"
#define LEX_CACHE_LAYOUT 2 /* mixed into the stored key: bump when the layout changes */

/* Mixes n bytes into a running key (start from LEX_KEY_INIT). */
#define LEX_KEY_INIT 0xcbf29ce484222325ull
uint64_t lex_key_add(uint64_t key, const void *data, size_t n);

/* Writes lx to path under key.  Returns 0, or -1 with the reason in err. */
int lex_cache_write(const lexicon *lx, uint64_t key, const char *path, buf *err);

/* Maps the cache at path into lx (which must not be initialised) when it
 * holds key.  Returns 0 when loaded, 1 when the file is absent or holds
 * another key, -1 when it is unreadable or corrupt (reason in err). */
int lex_cache_map(lexicon *lx, uint64_t key, const char *path, buf *err);

/* The same on a payload already in memory (8-byte aligned), which lx
 * then points into: lx->mapped is set, lx->file is left empty, and the
 * payload must outlive lx (lex_free leaves it alone). */
int lex_cache_from_payload(lexicon *lx, uint64_t key, const void *payload, size_t n, buf *err);

#endif
