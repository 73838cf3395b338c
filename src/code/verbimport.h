/*
 * verbimport.h - PETRARCH and TABARI verb dictionaries turned into khaldun patterns
 * (docs/patterns.md), so that the peers' validation suites can run with
 * its own dictionaries.
 *
 * What carries over: every verb block ("--- BREAK [1717] ---" with its
 * verbs, "BREAK {BROKE BROKEN}"), each verb coded with the block's code;
 * synonym sets ("&TIETYPES" with "+WORD" lines); and pattern lines whose
 * part after the verb is a word or a synonym set, optionally behind a
 * preposition, with "+" marking the target: "- * RELATIONS [1717]" becomes
 * "break obj=relations|relation => 1717", "- * WITH + [031]" becomes
 * "arrange with:T => 031".  What does not (yet): words before the verb,
 * "$" sources away from the subject, "%" compounds, "^" skips, the null
 * code "[---]", codes that are not 2 to 4 digits (the first of a pair
 * "[032:033]" is kept).  Each pattern keeps a comment naming the file and
 * line it came from.
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

#endif
