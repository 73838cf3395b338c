/*
 * attach.h - the date of each event of a sentence: the temporal
 * expression (time/timex.h) attached to the event's clause in the
 * dependency parse, else the one expression of its sentence, else the
 * document's publication date.
 *
 * An expression belongs to an event when the word it hangs from (the head
 * of its own head word) is the event's head word or one of the verbs that
 * govern it ("Rockets hit the embassy on Sunday", "Police said on Sunday
 * they arrested ..."), the nearest first, or when it hangs inside the
 * event's own phrases without crossing a clause ("killed the general on
 * Sunday" parsed with "Sunday" under "general"; "the Sunday attack").
 * A date inside a clause of its own is that clause's ("paid compensation
 * for goods seized in 2001": 2001 is the seizing's).  Without an attached
 * one, an expression elsewhere in the sentence is used when it is the
 * only one there in no clause of its own (the parse left it out of the
 * event's tree).  Expressions counted from an earlier event ("two days later")
 * are resolved against the date of the previous event of the document
 * whose date its text gave (date_doc.last), in the order of the events'
 * head words, when that event is in the same sentence or the one before
 * (further back, the earlier event the text means is not known: the
 * expression gives no date).  An event whose verb has "will" or "shall" is in the
 * future: "on Tuesday" is then the coming Tuesday.  The time of day comes
 * from a time expression attached the same way, else from the date's own
 * ("on Sunday night").
 *
 * Work per sentence is bounded by the number of events times the number
 * of expressions times a few steps up the tree.  Ownership: everything in
 * caller memory.
 */
#ifndef KH_DATE_ATTACH_H
#define KH_DATE_ATTACH_H

#include <stdint.h>

#include "syntax/words.h"
#include "time/timex.h"

/* What the dating of a document has seen: its publication date and the
 * date of its latest event dated by the text. */
typedef struct date_doc {
    int32_t pub;      /* publication date (days since 1970-01-01) when has_pub */
    int has_pub;
    date_value last;  /* when has_last */
    int has_last;
    uint32_t last_sentence; /* the sentence of that event (date_sentence.index) */
} date_doc;

/* Starts a document published on pub_iso ("YYYY-MM-DD", or NULL or
 * anything unreadable: no publication date, so only fully written dates
 * such as "January 5, 2020" give events a date). */
void date_doc_start(date_doc *dd, const char *pub_iso);

/* A parsed sentence and its expressions (date_find). */
typedef struct date_sentence {
    const word *w;
    const char *const *rel; /* the relation name of each word ("obl", "root") */
    uint32_t n;
    const date_expr *x;
    uint32_t nx;
    uint32_t index; /* its place in the document (0, 1, ...) */
} date_sentence;

/* The date of one event. */
typedef struct event_date {
    int has_date;       /* 0: neither the text nor the document gives one */
    int from_text;      /* the date was resolved from expression `expr` */
    date_value v;       /* the date (the publication date, precision day, when not from_text) */
    int32_t expr;       /* the expression that gave the date, or -1 */
    int32_t time_expr;  /* the expression that gave the time of day, or -1 */
} event_date;

/* Dates the events whose head words are heads[0..ne) into out[0..ne) and
 * moves dd->last to the latest of them dated by the text. */
void date_events(date_doc *dd, const date_sentence *s, const uint32_t *heads, uint32_t ne, event_date *out);

#endif
