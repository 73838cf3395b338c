/*
 * norm.h - from raw bytes to the repaired text and its normalised view.
 *
 * txt_repair() makes doc->text valid UTF-8 of the same code-point layout as
 * the input: each invalid byte sequence (a maximal subpart, as Unicode
 * recommends) becomes U+FFFD, NUL and other control characters become a
 * space (vertical tab, form feed and NEL a line feed).  Each kind of repair
 * adds one warning to the document naming the byte offset of the first case.
 *
 * txt_normalise() builds doc->ncp from doc->text for matching: NFC (via
 * utf8proc), typographic spaces to U+0020, line and paragraph separators to
 * line feeds, tabs to spaces, zero-width characters and soft hyphens removed.
 * Quotes and dashes stay as they are in ncp; txt_fold_cp() maps them when
 * token forms are written.
 */
#ifndef KH_NORM_H
#define KH_NORM_H

#include <stddef.h>
#include <stdint.h>

#include "text/doc.h"

/* Repairs s[0..n) into doc->text, doc->text_cps and doc->cp_byte.  Returns 0,
 * or -1 when the arena is out of memory. */
int txt_repair(doc *d, const unsigned char *s, size_t n);

/* Builds doc->ncp/ncp_len/norig from doc->text.  Returns 0 or -1 (memory). */
int txt_normalise(doc *d);

/* True when s[0..n) is ASCII without control characters other than tab,
 * CR and LF: text that needs no repair. */
int txt_clean_ascii(const unsigned char *s, size_t n);

/* Counts the bytes of s[0..n) that are not valid UTF-8 or are control
 * characters other than tab, CR and LF (within the first `limit` bytes). */
size_t txt_count_suspect_bytes(const unsigned char *s, size_t n, size_t limit);

/* Length (1-4) of the valid UTF-8 sequence at s[0..n), or 0 when it is
 * invalid; then *bad gets the length of the maximal subpart that one U+FFFD
 * replaces. */
size_t txt_utf8_seq(const unsigned char *s, size_t n, size_t *bad);

/* The ASCII replacement of a typographic code point for matching, or NULL
 * when cp needs none: curly quotes to ' or ", dashes to - or --, the
 * ellipsis to "...", etc. */
const char *txt_fold_cp(uint32_t cp);

#endif
