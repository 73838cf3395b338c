/*
 * actor.h - who the actors of a sentence are: dictionary phrases composed
 * into CAMEO actor codes over the tagged words of a sentence.
 *
 * The words of a sentence are cut into noun chunks (runs of determiners,
 * adjectives, nouns, proper nouns, numbers, possessive 's and the words of
 * dictionary phrases, with hyphens inside), and each chunk is resolved:
 *  - a named actor at the chunk's end (a person, group, organisation,
 *    body, country...) gives its code, valid on the document's date
 *    ("Iranian general Qasem Soleimani" -> IRNMIL);
 *  - an agent noun takes the country or organisation before it
 *    ("Iraqi security forces" -> IRQ + COP, "a State Department
 *    spokesperson" -> USAGOV), or one in a following "of Y" ("the
 *    Government of Iraq") or, for a chunk with no country, "in Y"
 *    ("military factions in Iraq");
 *  - "X-backed", "X-led", "X-sponsored" ... record X as the backer, not as
 *    the actor's country ("Iran-backed factions in Iraq" -> IRQ, backer
 *    IRN);
 *  - a title before an unknown name gives its sector ("Iraqi President
 *    Smith" -> IRQGOV); an unknown name followed by ", " and a resolved
 *    chunk takes its code (apposition);
 *  - places after a locative preposition ("in Baghdad", "at Tahrir
 *    Square") are flagged: event coding decides whether they act.
 * Coordinated actors ("the US and Iran") are separate chunks.
 *
 * Ownership: results are written into caller arrays.
 */
#ifndef KH_ACTOR_H
#define KH_ACTOR_H

#include <stdint.h>

#include "lex/lexicon.h"
#include "syntax/words.h"

#define ACTOR_CODE_MAX 32

typedef struct actor {
    uint32_t start, end;        /* words [start, end) of the sentence */
    char code[ACTOR_CODE_MAX];  /* "IRQCOP"; a sector alone ("OPP") when no country is known */
    char country[4];            /* ISO 3166-1 alpha-3, or "" */
    char backer[4];             /* the country of an "X-backed" modifier, or "" */
    uint32_t entry;             /* the dictionary entry that decided the code */
    uint8_t kind;               /* that entry's kind (enum lex_kind) */
    uint8_t place;              /* a place after a locative preposition ("in Baghdad"): where, maybe not who */
    uint8_t sector_only;        /* coded by an agent alone ("police"): no country or organisation known */
    uint8_t shared;             /* "the ambassadors of X, Y and Z": Y's and Z's code before the agent's sector */
                                /* was added to it (its length), or 0 */
} actor;

/* Universal part-of-speech classes the resolver looks at. */
enum actor_pos { AP_OTHER = 0, AP_NOUN, AP_PROPN, AP_ADJ, AP_DET, AP_NUM, AP_PRON, AP_ADP, AP_PUNCT, AP_PART, AP_VERB };

/* The class of a UPOS name ("NOUN" -> AP_NOUN). */
uint8_t actor_pos_of(const char *upos);

/* Finds the actors of the sentence w[0..n) with part-of-speech classes
 * pos[0..n), coding date-restricted entries for day (days since
 * 1970-01-01, or LEX_UNDATED).  Writes at most cap actors to out and
 * returns how many there were. */
uint32_t actor_find(const lexicon *lx, const word *w, const uint8_t *pos, uint32_t n, int32_t day, actor *out,
                    uint32_t cap);

/* What a document has said so far: the country-coded actors by the
 * lower-case form of their last word, so that a later "the embassy"
 * (coded only by its sector) is known to be "the US embassy". */
#define ACTOR_MEMORY 64
typedef struct actor_memory {
    uint32_t key[ACTOR_MEMORY];
    char code[ACTOR_MEMORY][ACTOR_CODE_MAX];
    uint32_t n, next;
} actor_memory;

/* Completes the sector-only actors of a sentence from the memory and
 * remembers its country-coded ones (call per sentence, in order). */
void actor_recall(actor_memory *m, const word *w, actor *a, uint32_t na);

/* 1 when the three letters at code are an ISO 3166-1 alpha-3 country
 * code (or XKX, Kosovo). */
int actor_is_country(const char *code);

#endif
