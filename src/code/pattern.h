/*
 * pattern.h - event patterns (docs/patterns.md): a verb or noun lemma with
 * conditions on the words around it in the dependency parse, and the
 * CAMEO code the event gets.
 *
 * Patterns are kept sorted by (section, head lemma, number of slots
 * descending), so that the patterns of a head are one run, most specific
 * first.  Lemmas, particles and prepositions are stored as hashes of
 * their lower-case form (pattern_hash).  Discard phrases go into a
 * lexicon of their own (lex/lexicon.h).
 *
 * Ownership: a pattern_set owns its arrays (pattern_free).
 */
#ifndef KH_PATTERN_H
#define KH_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#include "code/patlimits.h"
#include "core/buf.h"
#include "lex/lexicon.h"

enum pat_slot_kind {
    PS_PRT = 1, PS_OBJ, PS_PREP, PS_TOVERB, PS_THAT, PS_SUBJ, PS_PRE, PS_POST, PS_NEXT, PS_COMPOUND, PS_LATER, PS_FORM,
    PS_PRIOR, PS_EARLIER
};
enum pat_role { PR_NONE = 0, PR_SOURCE = 'S', PR_TARGET = 'T' };

typedef struct pat_slot {
    uint8_t kind, role;
    uint16_t nlemmas;  /* 0: any word */
    uint32_t word;     /* PS_PRT: the particle; PS_PREP: the preposition ("on behalf of" as one hash) */
    uint32_t lemma0;   /* first of its lemmas in pattern_set.lemmas */
} pat_slot;

typedef struct pattern {
    uint32_t head;     /* hash of the head lemma */
    uint8_t noun;      /* 1: an event noun */
    uint8_t nslots;
    uint8_t nlisted;   /* slots with a lemma list: of two patterns with as many slots, the more listed is tried first */
    uint8_t rank;      /* "rank=N": of a head's patterns, higher ranks are tried first (the peers' order) */
    uint32_t slot0;    /* first of its slots in pattern_set.slots */
    char code[5];      /* CAMEO code */
    char back[5];      /* the code of the reverse event (target -> source) of a pair "031:032", or "" */
    uint8_t mark;      /* TABARI's "023?" (subordinate: '?') or "031!" (dominant: '!'), or 0 */
    uint32_t source;   /* offset of its file's name in strings */
    uint32_t line;
} pattern;

typedef struct pattern_set {
    pattern *p;
    pat_slot *slots;
    uint32_t *lemmas;
    char *strings;
    uint32_t n, nslots, nlemmas, nstrings;
    uint32_t cap, slots_cap, lemmas_cap, strings_cap;
    lexicon discards;
    int sorted;
    uint32_t *known;   /* every lemma the patterns name (heads and slot lists), sorted */
    uint32_t nknown;
} pattern_set;

/* The hash patterns use for a word or lemma: FNV-1a of its ASCII lower
 * case (the same as word.hash of the form). */
uint32_t pattern_hash(const char *s, size_t n);

int pattern_init(pattern_set *ps);
void pattern_free(pattern_set *ps);

/* Reads len bytes of pattern text named name.  Errors ("name:line:
 * reason", at most 20) go to err.  Returns the patterns added, or -1. */
int64_t pattern_load_text(pattern_set *ps, const char *name, const char *text, size_t len, buf *err);

/* The same for a file. */
int64_t pattern_load_file(pattern_set *ps, const char *path, buf *err);

/* Sorts the patterns for lookup; call once after loading. */
void pattern_finish(pattern_set *ps);

/* 1 when some pattern names the lemma with this hash (as a head or in a
 * slot's list); after pattern_finish. */
int pattern_knows(const pattern_set *ps, uint32_t lemma);

/* The run of patterns of head (a lemma hash) in the section noun:
 * *first and the count returned. */
uint32_t pattern_find(const pattern_set *ps, int noun, uint32_t head, uint32_t *first);

#endif
