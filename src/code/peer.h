/*
 * peer.h - what TABARI does with a sentence's events once its verbs have
 * coded them: which verbs it codes (SET: CODE BY CLAUSE, SENTENCE or ALL,
 * over its clauses: the stretches between conjunctions), and how it
 * settles the codes (TABARI's manual, 5.2 and 5.7): a discard code
 * ("###") or a complex one ("+++") leaves the sentence uncoded, a null
 * code ("---") is no event, a dominant code ("031!") cancels every other
 * event, any plain code cancels the subordinate ones ("023?"), and an
 * event whose source is its target is dropped.
 *
 * Ownership: the caller's arrays, changed in place.
 */
#ifndef KH_PEER_H
#define KH_PEER_H

#include <stdint.h>

#include "code/event.h"

/* TABARI's SET: CODE BY options. */
enum peer_code_by { PEER_BY_CLAUSE = 0, PEER_BY_SENTENCE = 1, PEER_CODE_ALL = 2 };

/* One event as the peer writes it: codes, the word that coded it and its
 * code's mark ('?', '!' or 0). */
typedef struct peer_event {
    char source[ACTOR_CODE_MAX], target[ACTOR_CODE_MAX], code[8];
    uint32_t head;
    char mark;
} peer_event;

/* TABARI's clauses of sentence s: clause[i] gets the number (from 0) of
 * the clause of word i.  A conjunction ("and", "but", "or", "nor") that
 * is neither the first nor the last word ends a clause, unless it joins
 * actors ("Gondor and the evil Arnor"), nouns ("sheep and evil goats") or
 * adjectives.  Returns the number of clauses. */
uint32_t peer_clauses(const ev_sentence *s, uint32_t *clause);

/* Is word i of s a third-person subject pronoun ("he", "she", "it",
 * "they"), one TABARI's FORWARD replaces? */
int peer_third_person(const ev_sentence *s, uint32_t i);

/* TABARI's COMPLEX: VERBS[verbs] CONJ[conj] NOACTPRIOR test of sentence
 * s, whose verbs event_find has marked (s->verbs): 1 when it has at least
 * verbs verbs or conj conjunctions outside compound actors (a limit of 0
 * is none), or, with actor_prior, no actor before its first verb that is
 * not null-coded (with forwarding, a third-person pronoun there counts as
 * one: TABARI's FORWARD puts an actor in its place first); else 0. */
int peer_complex(const ev_sentence *s, int verbs, int conj, int actor_prior, int forwarding);

/* Keeps of ev[0..n) the events TABARI codes with option by (enum
 * peer_code_by): by clause, in each clause the events of its verbs up to
 * the first that coded an event without the subordinate mark; by
 * sentence, those up to the first such verb of the sentence; all, every
 * event.  clause as peer_clauses wrote it.  Returns how many are kept (at
 * the front, in their order). */
uint32_t peer_code_by(peer_event *ev, uint32_t n, const uint32_t *clause, int by);

/* Settles the codes of ev[0..n) as TABARI does (see the top); returns how
 * many events are left (at the front), 0 when a discard or complex code
 * leaves the sentence uncoded. */
uint32_t peer_settle(peer_event *ev, uint32_t n);

#endif
