/*
 * event.h - events from a parsed sentence: event patterns (code/pattern.h)
 * matched on the dependency tree, with the sentence's actors
 * (code/actor.h) as sources and targets.
 *
 * For every verb whose lemma heads patterns, the most specific pattern
 * whose slots all hold gives the code.  The source is the subject (the
 * "by" phrase of a passive, whose subject is the object), the target the
 * object, unless the pattern names other slots (":S", ":T", "subj:T").  A
 * verb without its own subject takes the subject of the verb it is
 * coordinated with or complements ("Police arrested two men and seized
 * weapons"; "Iran threatened to attack"), and a relative clause whose
 * relative pronoun is the subject takes the noun it modifies.  Event nouns
 * ("attack on X", "a US drone strike") take their source from an actor
 * modifying them or from the subject of the verb that has them as object
 * ("launched an attack on").  Coordinated actors give one event each
 * ("the US and Iran").  Negated verbs ("did not attack") give no event, and
 * a sentence holding a discard phrase gives none at all.
 *
 * Ownership: results go into caller arrays.
 */
#ifndef KH_EVENT_H
#define KH_EVENT_H

#include <stdint.h>

#include "code/actor.h"
#include "code/pattern.h"
#include "syntax/words.h"

typedef struct event {
    uint32_t head;           /* the verb or event noun */
    int32_t source, target;  /* indices into the actors, or -1 */
    uint32_t pattern;        /* index into the pattern set */
    char code[5];
    /* the actors' codes for this event: an actor known only by its sector
     * ("police") takes the country of the other actor when that one has
     * one (events inside a country are the common case: "Burmese troops
     * captured a guerrilla stronghold" -> MMRMIL, MMRREB) */
    char source_code[ACTOR_CODE_MAX], target_code[ACTOR_CODE_MAX];
} event;

/* ev_sentence.peer: khaldun's own coding (0), or a peer's conventions;
 * TABARI reads its verbs in the words' order, whatever their part of
 * speech ("loudly raised its voice for X": VOICE is the verb). */
enum { EV_PEER_PETRARCH = 1, EV_PEER_TABARI = 2 };

/* What the sentence looks like to the event coder: its words with their
 * lemmas and heads, and per word the part-of-speech class (actor.h) and
 * dependency relation name. */
typedef struct ev_sentence {
    const word *w;
    const uint8_t *pos;
    const char *const *rel;
    uint32_t n;
    const actor *actors;
    uint32_t nactors;
    int peer; /* codes as TABARI and PETRARCH write them (EV_PEER_*): no country inferred, "---" for an unknown one */
    uint8_t *verbs; /* EV_PEER_TABARI, or NULL: event_find marks the words TABARI reads as its verbs (n bytes):
                     * 1, or 2 for a verb whose own code is null ("RENEW [---]") */
} ev_sentence;

/* Finds the events of s with the patterns of ps (sorted: pattern_finish).
 * Writes at most cap events to out and returns how many there were.  An
 * event has a source or a target, or (EV_PEER_TABARI, whose DEFAULT codes
 * may stand in for both) neither. */
uint32_t event_find(const pattern_set *ps, const ev_sentence *s, event *out, uint32_t cap);

/* "Estonia departs from Libya ..." tagged with "departs" a noun and the
 * actor its compound modifier: the word to read as the verb (a noun the
 * verb patterns know, in lower case, right after an actor that modifies
 * it, the subject or root of the parse, before any verb of the sentence,
 * the actor not after a determiner), or UINT32_MAX.  The caller parses
 * again with that word a verb (syntax/syntax.h: syn_reparse_as_verb) and
 * keeps the new parse when event_verb_has_actor_subject holds of it. */
uint32_t event_misread_verb(const pattern_set *ps, const ev_sentence *s);

/* Has word v an nsubj child within an actor? */
int event_verb_has_actor_subject(const ev_sentence *s, uint32_t v);

#endif
