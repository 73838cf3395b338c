/*
 * boiler.h - marks sentences that are page furniture rather than news:
 * copyright lines, photo credits, bylines and reporting credits, promotion
 * lines ("Read more", "Advertisement") and sentences repeated verbatim in
 * the same document.  Marked sentences stay in the list with
 * KH_SENT_BOILERPLATE and a reason; later stages never code them.
 */
#ifndef KH_BOILER_H
#define KH_BOILER_H

#include "text/doc.h"

/* Sets flags and reasons on doc->sents.  Returns 0 or -1 (memory). */
int boil_mark(doc *d);

#endif
