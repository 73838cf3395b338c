/*
 * tok.h - the tokenizer: normalised code points to tokens with offsets.
 *
 * Tokens follow the surface conventions of the Universal Dependencies
 * English treebanks where news needs nothing else: clitics stay on their
 * word ("Iraq's", "don't"; the parser splits them), numbers keep their
 * separators ("5,200", "1.5m", "7.30", "14:57", "07/06/2000"), hyphenated
 * compounds stay whole ("Iran-backed"), abbreviations keep their period
 * ("U.S.", "Gen."), URLs, e-mail addresses, @mentions and #hashtags are one
 * token, runs of the same punctuation ("...", "--", "?!") are one token.
 */
#ifndef KH_TOK_H
#define KH_TOK_H

#include "text/doc.h"

/* Tokenises doc->ncp into doc->toks/ntoks.  Returns 0, or -1 (memory). */
int tok_run(doc *d);

/* True when the lower-case word w (ASCII, no period) is a known
 * abbreviation; *kind gets 'T' for titles and honorifics, 'M' for months
 * and weekdays, 'N' for number prefixes ("No."), 'O' for the others. */
int tok_abbreviation(const char *w, size_t n, char *kind);

/* The normalised form of the code points ncp[b, e) of d (typographic quotes
 * and dashes folded), NUL-terminated, in arena a; *len gets its bytes. */
const char *tok_make_form(const doc *d, uint32_t b, uint32_t e, arena *a, uint32_t *len);

/* Hash of the shape of a form: X upper, x lower, d digit, u other letters,
 * punctuation as itself, runs collapsed, at most 6 symbols ("Xx", "dd:dd",
 * "X.X."). */
uint32_t tok_shape_hash(const char *form, uint32_t len);

/* The i-th entry of the abbreviation table, or NULL past its end (tests). */
const char *tok_abbreviation_at(size_t i);

#endif
