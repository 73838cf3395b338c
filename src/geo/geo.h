/*
 * geo.h - toponyms: finding place names in parsed sentences and resolving
 * them to places of the gazetteer (geo/gaz.h), a document at a time.
 *
 * Recognition, per sentence (geo_sentence):
 *  - runs of capitalised words (proper nouns for a single word; "of",
 *    "de", "al", "upon" and hyphens may come inside) whose key the
 *    gazetteer knows, the longest first; a lower-case generic word after
 *    them when the whole is a name ("Tahrir square", "the Baghdad
 *    airport"); a direction word before them when the whole is a name
 *    ("northern Iraq");
 *  - demonyms (the actor dictionaries' {demonym} phrases: "Iraqi" ->
 *    Iraq), and a direction before one ("a northern Iraqi base" -> the
 *    area "northern Iraq" when the gazetteer has it);
 *  - descriptions: "Iraq's capital", "the Iraqi capital" -> the country's
 *    capital;
 *  - not names inside actors that are people or groups ("Qasem
 *    Soleimani", "Kataeb Hezbollah"); names inside organisations' names
 *    ("the U.S. Senate") are mentions flagged in_name, never an event's
 *    location; place names that are the
 *    subject of a verb and act ("Washington attributes ...") are kept as
 *    metonyms: listed, flagged, never an event's location.
 * "X, Y" and "X in Y" mark Y as X's container.
 *
 * Resolution, per document (geo_resolve): every candidate of a mention is
 * scored by a prior (log population, kind of place, own or alternate name)
 * plus the document's context (smoothed log-probabilities of the
 * candidate's country and region under the document's other mentions and
 * actors), its container ("X, Y", "X in Y") and its distance to the other
 * places; the scores are settled in three rounds, each using the places
 * the last one chose.  The model and its constants are described in geo.c.
 *
 * Ownership: a geo_doc owns its mentions (geo_doc_free); the gazetteer
 * and lexicon are the caller's.
 */
#ifndef KH_GEO_H
#define KH_GEO_H

#include <stdint.h>

#include "code/actor.h"
#include "geo/gaz.h"
#include "lex/lexicon.h"
#include "syntax/words.h"

enum geo_how { GM_NAME = 0, GM_DEMONYM, GM_CAPITAL, GM_NEAR };

typedef struct geo_mention {
    uint32_t sent;          /* sentence index */
    uint32_t start, end;    /* code points into the document */
    uint32_t w0, w1;        /* its words [w0, w1) in the sentence */
    uint32_t head;          /* the word of the sentence that stands for it in the parse */
    uint32_t first, n;      /* its candidates: gazetteer name entries [first, first + n) */
    int32_t fixed;          /* a place given without candidates (demonyms, descriptions), or -1 */
    int32_t place;          /* the place it resolves to, or -1 */
    int32_t container;      /* the mention it is in ("X, Y", "X in Y"), or -1 */
    uint8_t how;            /* enum geo_how */
    uint8_t metonym;        /* the subject of a verb, acting: an actor rather than a place */
    uint8_t in_actor;       /* inside a country-coded actor ("the Government of Iraq") */
    uint8_t locative;       /* after a locative preposition (in, at, near, outside ...) */
    uint8_t area;           /* after a direction ("Northeast Georgia"): a region, country or area only */
    uint8_t in_name;        /* a word of an organisation's name ("the U.S. Senate"): never an event's place */
    uint8_t person;         /* written as a person's name ("Sheila Williams, 41,", "said Baker", "Mr. Hamilton") */
    uint8_t feature;        /* a feature the gazetteer lacks, named with a generic ("Rego Park", "Lake Harriet",
                               "Neches River"): its candidates are its name's */
    int32_t dict_capital;   /* the actor dictionaries call these very words a country's capital ("Washington"
                               => USA {capital}): that capital's place, which the ranking favours; or -1 */
} geo_mention;

typedef struct geo_doc {
    geo_mention *m;
    uint32_t n, cap;
    /* the document's actors' countries */
    char actor_country[64][4];
    uint16_t actor_count[64];
    uint32_t nactor_countries;
    int oom;
} geo_doc;

void geo_doc_reset(geo_doc *gd);
void geo_doc_free(geo_doc *gd);

/* Finds the place mentions of sentence si (words w[0..n), part-of-speech
 * classes pos, relation names rel, actors) and appends them to gd.
 * lx may be NULL (no demonyms).  Returns 0, or -1 when memory runs out. */
int geo_sentence(const gaz *g, const lexicon *lx, uint32_t si, const word *w, const uint8_t *pos,
                 const char *const *rel, uint32_t n, const actor *actors, uint32_t nactors, geo_doc *gd);

/* Resolves every mention of the document (sets mention.place). */
void geo_resolve(const gaz *g, geo_doc *gd);

/* The document's focus: its most mentioned city or landmark, else region,
 * else country (names, not demonyms, metonyms or features); a mention
 * index or -1. */
int32_t geo_focus(const gaz *g, const geo_doc *gd);

/* The mention where an event with head word `head` of sentence si
 * happened: a place attached to the head through a locative preposition
 * (up to three steps up the parse: "outside the Baghdad airport", "into the
 * embassy in Iraq's capital"), else the nearest place of the sentence that
 * is a name and not an actor, else -1.  Mentions [m0, m1) are the
 * sentence's; skip[k] (n words) marks words of the event's own actors. */
int32_t geo_event_mention(const geo_doc *gd, uint32_t m0, uint32_t m1, const word *w, const char *const *rel,
                          uint32_t n, uint32_t head, const uint8_t *skip);

/* "city", "region", "country" or "landmark": the precision of place p. */
const char *geo_precision(const gaz_place *p);

/* The first-level region (admin1) place p lies in, p itself when it is
 * one: its place index + 1, or 0 for a country, an area, a landmark and a
 * place whose region the gazetteer does not know. */
uint32_t geo_region(const gaz *g, const gaz_place *p);

#endif
