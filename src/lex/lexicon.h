/*
 * lexicon.h - actor, agent and discard dictionaries compiled into one
 * phrase matcher over words.
 *
 * Entries come from khaldun's own dictionary files (lex/dict.h, format in
 * docs/dictionaries.md) or from TABARI and PETRARCH files (lex/import.h).
 * Each entry has phrases (sequences of words, cut as khaldun cuts text),
 * codes valid over date ranges, a section (actor, agent, discard) and a
 * kind (country, person, ...).  Phrases go into a word trie kept as one
 * open-addressing table of edges (parent node, word hash) -> child node,
 * so matching costs one probe per word and the whole lexicon is a handful
 * of flat arrays: it can be written to a cache file and mapped back
 * (lex/cache.h) without parsing the dictionaries again.
 *
 * Words match regardless of ASCII letter case, except words a dictionary
 * marks as case-exact ("US!").  Where phrases overlap, the longest wins.
 *
 * Ownership: a lexicon owns its arrays (lex_free) unless it was mapped
 * from a cache, in which case the cache's mapping holds them.
 */
#ifndef KH_LEXICON_H
#define KH_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/model.h"
#include "syntax/words.h"

enum lex_section { LEX_ACTOR = 0, LEX_AGENT = 1, LEX_DISCARD = 2, LEX_NSECTIONS = 3 };

enum lex_kind {
    LK_NONE = 0, LK_COUNTRY, LK_DEMONYM, LK_CAPITAL, LK_SEAT, LK_CITY, LK_REGION, LK_BODY, LK_PERSON,
    LK_IGO, LK_NGO, LK_GROUP, LK_PARTY, LK_MEDIA, LK_COMPANY, LK_TITLE, LK_NKINDS
};

/* The name of kind k ("country"), and the kind named by s (LK_NONE when
 * none is). */
const char *lex_kind_name(unsigned k);
unsigned lex_kind_of(const char *s, size_t n);

#define LEX_CODE_MAX 16 /* bytes for a code, NUL included */
#define LEX_UNDATED INT32_MIN /* lex_code.from of a code valid on any date no range covers */
#define LEX_OPEN_START (INT32_MIN + 1)
#define LEX_OPEN_END INT32_MAX

typedef struct lex_code {
    char code[LEX_CODE_MAX]; /* "IRQGOV"; "=" in an agent: the code of the actor it belongs to */
    int32_t from, to;        /* days since 1970-01-01, from included, to excluded; see LEX_UNDATED */
} lex_code;

typedef struct lex_entry {
    uint8_t section, kind;
    uint16_t ncodes;
    uint32_t code0;  /* first of its codes in lexicon.codes */
    uint32_t source; /* offset of its file's name in lexicon.strings */
    uint32_t line;   /* line of its file */
    uint32_t name;   /* offset of its first phrase, as written, in lexicon.strings */
} lex_entry;

typedef struct lex_edge {
    uint32_t parent; /* parent node << 1 | 1 when the word must match exactly; 0 = empty slot */
    uint32_t hash;   /* the word's hash: lower case (word.hash), or of its exact form */
    uint32_t child;
} lex_edge;

typedef struct lexicon {
    lex_entry *entries;
    lex_code *codes;
    char *strings;
    lex_edge *edges;    /* nslots, a power of two */
    uint32_t *ends;     /* per node, per section: the entry a phrase ending there belongs to, + 1 (0: none) */
    uint32_t nentries, ncodes, nstrings, nslots, nedges, nnodes;
    uint32_t entries_cap, codes_cap, strings_cap, ends_cap;
    uint32_t nphrases, nstems;
    uint32_t ngaps;     /* phrases' gaps (LEX_WORD_GAP): 0 spares matching the probes for them */
    int mapped;         /* arrays belong to a cache mapping (file): read-only */
    model_file file;
} lexicon;

/* An empty lexicon (node 0 is the root). Returns 0 or -1 (memory). */
int lex_init(lexicon *lx);
void lex_free(lexicon *lx);

/* Adds an entry (its codes follow with lex_add_code, its phrases with
 * lex_add_phrase); source and name are copied.  Returns its index, or -1. */
int64_t lex_add_entry(lexicon *lx, unsigned section, unsigned kind, const char *source, uint32_t line,
                      const char *name);

/* Adds a code to the last entry.  Returns 0 or -1. */
int lex_add_code(lexicon *lx, const char *code, int32_t from, int32_t to);

/* The flags of a phrase's word: it must match case exactly; other words
 * may come before it (TABARI's blank between the words of a phrase, "AL
 * GORE" for "Al 'The Weasel' Gore"): at most LEX_GAP_MAX of them, none a
 * comma, semicolon, colon, bracket or sentence end. */
enum { LEX_WORD_EXACT = 1, LEX_WORD_GAP = 2, LEX_GAP_MAX = 5 };

/* Adds the phrase w[0..n) (flags[k]: LEX_WORD_* of word k, NULL for none;
 * stem: the last word matches any word it begins, as in TABARI) to entry
 * e.  When another entry of the same section already ends there, the new
 * one takes its place and *replaced gets the old entry + 1 (else 0).
 * Returns 0, or -1 (memory). */
int lex_add_phrase(lexicon *lx, uint32_t e, const word *w, const uint8_t *flags, uint32_t n, int stem,
                   uint32_t *replaced);

/* The words of a phrase written in a dictionary, cut as khaldun cuts text
 * (tokens, then clitics and hyphens split); forms in arena a.  Returns the
 * number of words, 0 for none, -1 for memory. */
int64_t lex_phrase_words(const char *phrase, size_t len, arena *a, word **out);

/* A phrase found in a sentence: words [start, end) (with the words of its
 * gaps), the entry. */
typedef struct lex_match {
    uint32_t start, end;
    uint32_t entry;
} lex_match;

/* Finds phrases in w[0..n), left to right, the longest at each position,
 * of two as long the one with fewer gaps (a discard counts as a phrase and hides what it covers); exact_ok[i]
 * false forbids case-exact words at i (NULL: allowed everywhere).  Writes
 * at most cap matches to out and returns how many there were. */
uint32_t lex_match_words(const lexicon *lx, const word *w, uint32_t n, const uint8_t *exact_ok, lex_match *out,
                         uint32_t cap);

/* 1 when a discard phrase occurs anywhere in w[0..n). */
int lex_has_discard(const lexicon *lx, const word *w, uint32_t n);

/* The entry of a discard phrase in w[0..n) whose code is one character
 * of codes ("-+": TABARI and PETRARCH sentence and story discards; NULL:
 * any discard), or -1. */
int64_t lex_find_discard(const lexicon *lx, const word *w, uint32_t n, const char *codes);

/* The code of entry e valid on day (days since 1970-01-01; LEX_UNDATED
 * for "no date"): the first dated code whose range holds the day, else the
 * undated code, else NULL.  Without a day: the undated code, else the code
 * of the most recent range.  NULL also when the entry has no code. */
const char *lex_code_on(const lexicon *lx, uint32_t e, int32_t day);

/* Days since 1970-01-01 of "YYYY-MM-DD" (exactly 10 bytes at s); -1 with
 * *ok = 0 when it is not a valid date. */
int32_t lex_parse_day(const char *s, size_t n, int *ok);

static inline const char *lex_str(const lexicon *lx, uint32_t off) { return lx->strings + off; }

#endif
