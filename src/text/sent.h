/*
 * sent.h - sentence and segment splitting for news text.
 *
 * Works on the tokens of a document.  A boundary falls:
 *  - at every blank line, and at every line break unless the text is
 *    hard-wrapped (most lines of one paragraph near one width), so that
 *    headlines, captions and credit lines stay their own segments;
 *  - after a dateline ("BAGHDAD (Reuters) -", "WASHINGTON --");
 *  - after ".", "!", "?", "..." and their closing quotes and brackets when
 *    the next token can start a sentence; after ambiguous abbreviations
 *    ("U.S.", "p.m.", initials, months) only when the next word is one that
 *    commonly starts sentences; never after titles ("Gen.", "Dr.");
 *  - where none of these apply, when d->boundary (the learned model of
 *    text/sbd.h) says so at a candidate gap.
 */
#ifndef KH_SENT_H
#define KH_SENT_H

#include "text/doc.h"

/* Splits doc->toks into doc->sents.  Returns 0 or -1 (memory). */
int sent_split(doc *d);

/* True when the token form w commonly starts an English sentence
 * ("The", "But", "Officials" is not one). */
int sent_starter_word(const char *w);

#endif
