/*
 * verbimport.h - PETRARCH and TABARI verb dictionaries turned into khaldun patterns
 * (docs/patterns.md), so that the peers' validation suites can run with
 * their own dictionaries.
 *
 * What carries over: every verb block ("--- BREAK [1717] ---" with its
 * verbs, "BREAK {BROKE BROKEN}"), each verb coded with the block's code;
 * synonym sets ("&TIETYPES" with "+WORD" lines); "{ A | B }" alternatives
 * (one pattern each); and pattern lines, read as the peers read them, in
 * order around the verb: each word after the verb becomes a post= slot,
 * and a word joined by "_" to the one before it a next= slot; a
 * preposition before "+" names the phrase of the target; small synonym
 * sets after the verb are spelt out member by member: "- NOT * RELATIONS
 * [1717]" becomes "break pre=not post=relations|relation => 1717", "- *
 * WITH + [031]" "arrange with:T => 031", "- * NEW_TIES" "... post=new
 * next=ties|tie".  The words before the verb (at most six) keep the
 * peers' connectors, nearest the verb first: a word joined by "_" (or
 * TABARI's "~_", a stem) to the next is the word right before it
 * (prior=), another a word among those before the verb (pre=); a small
 * synonym set there is spelt out too (PETRARCH: only one joined by "_" to
 * a word, its member's words one after the other; TABARI: any, its member
 * free to stand anywhere before the next word).  Where the actors stand:
 * "+" before the verb makes the subject the target (subj:T), "$" there
 * the first actor back from the words after it (earlier:S), "+" between
 * the words before the verb and the verb the nearest actor before the
 * verb ("- ANTI- + *", earlier:T), "$" or "+" after the verb the first
 * actor after the words before it (later:S, later:T; "PESO_$" in a
 * synonym set, the actor after the member), "^" after it an actor passed
 * over (later; with TABARI the words after it are read in order, "AT ^
 * WITH +" post=at later post=with later:T), TABARI's "^" before it one
 * passed over back from the words after it (earlier, "$ ^ FOR *"), "%"
 * before it a coordinated subject (compound; with TABARI, "%" after the
 * verb too).  TABARI's patterns get its length as
 * their rank (letters, digits, "_" and "'"; an alternative as long as it
 * is, a synonym set's member as long as it is less one), and its verbs
 * and their forms written without "_" are stems as well ("actuality*").
 * Paired codes "[032:033]" stay pairs, TABARI's lettered codes "[075A]"
 * stay as written, and so do the marks of its subordinate and dominant
 * codes ("[023?]", "[031!]") and its codes of no event, "[---]", "[###]",
 * "[+++]" (docs/patterns.md).  What does not carry over: PETRARCH's "^"
 * before the verb (gaps are allowed anyway), other codes, and a pattern
 * that would have more than PATTERN_MAX_SLOTS (12) words after its head
 * (no peer file has one).  Each pattern
 * keeps a comment naming the file and line it came from.
 */
#ifndef KH_VERBIMPORT_H
#define KH_VERBIMPORT_H

#include <stddef.h>

#include "core/buf.h"

/* Appends the patterns of the PETRARCH verb dictionary text[0..len),
 * named name, to out.  Returns the number of patterns written, or -1
 * with a reason in err (memory). */
long verbs_from_petrarch(const char *name, const char *text, size_t len, buf *out, buf *err);

/* The same for a TABARI verbs file (TABARI.Demo.verbs): every verb line
 * is a block of its own with its code ("ABANDON [345]"), its first word the
 * verb (forms are lemmatised, stems without a final "_" completed), the
 * rest a pattern; "- ..." lines are patterns as in PETRARCH; <SYNSETS> are
 * synonym sets; <TIME> is skipped; "[###]" on a verb line makes the line's
 * words a discard phrase; comments start with ";". */
long verbs_from_tabari(const char *name, const char *text, size_t len, buf *out, buf *err);

/* The phrases of the <TIME> section of a TABARI verbs file text[0..len)
 * whose code is no shift of the date but a code of no event, "[###]" (the
 * sentence is discarded) or "[+++]" (too complex to code): one line each
 * appended to out, the phrase's words in lower case separated by blanks,
 * a tab and the code ("kan wa ma kan\t###").  Returns the number of
 * lines, or -1 when out ran out of memory. */
long verbs_tabari_times(const char *text, size_t len, buf *out);

#endif
