/*
 * doc.h - one document as every stage sees it: repaired text, normalised
 * code points, tokens and sentences, all in the document's arena.
 *
 * Offsets.  `start`/`end` fields count Unicode code points into doc->text
 * (the repaired original), end exclusive.  The normalised view (ncp) may be
 * shorter than the original (NFC composition, zero-width characters
 * removed); norig maps a normalised index back to an original offset.
 *
 * Ownership: a doc owns nothing itself; everything hangs off the arena the
 * caller passed to doc_reset().  doc_reset() forgets the previous document.
 */
#ifndef KH_DOC_H
#define KH_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/mem.h"

/* Token kinds. */
enum tok_kind {
    TK_WORD = 0,
    TK_NUMBER,
    TK_PUNCT,
    TK_SYMBOL,
    TK_URL,
    TK_EMAIL,
    TK_MENTION, /* @user */
    TK_HASHTAG, /* #tag */
    TK_KIND_COUNT
};

/* Token flags. */
enum {
    TF_SPACE_BEFORE = 1u << 0, /* white space separates it from the previous token */
    TF_NEWLINE = 1u << 1,      /* first token of a line */
    TF_PARAGRAPH = 1u << 2,    /* first token after a blank line (or of the document) */
    TF_ABBREV = 1u << 3,       /* ends with a period that belongs to it ("U.S.", "Gen.") */
    TF_INITIAL = 1u << 4,      /* a single capital letter with its period ("W.") */
    TF_HYPHEN = 1u << 5,       /* contains an inner hyphen ("Iran-backed") */
    TF_CLITIC = 1u << 6        /* contains an apostrophe clitic ("Iraq's", "don't") */
};

/* Punctuation classes, so that later stages compare integers, not strings. */
enum tok_pclass {
    PC_NONE = 0,
    PC_STOP,      /* "." */
    PC_EXCLAIM,   /* "!", "?", "?!", ".?" */
    PC_ELLIPSIS,  /* "..", "...", U+2026 */
    PC_COMMA,     /* "," */
    PC_COLON,     /* ":" */
    PC_SEMICOLON, /* ";" */
    PC_QUOTE,     /* straight or typographic quotes, single or double */
    PC_OPEN,      /* "(", "[", "{" */
    PC_CLOSE,     /* ")", "]", "}" */
    PC_DASH,      /* "-", "--", en and em dashes */
    PC_OTHER
};

/* Letter case shape of a token. */
enum tok_shape {
    SHAPE_NONE = 0, /* no letters */
    SHAPE_LOWER,    /* all letters lower case */
    SHAPE_UPPER,    /* all letters upper case (two or more letters) */
    SHAPE_TITLE,    /* first letter upper case, the rest lower */
    SHAPE_MIXED     /* anything else ("iPhone", "McDonald", single "A") */
};

typedef struct tok {
    uint32_t start, end; /* code points into doc->text */
    uint32_t nb, ne;     /* indices into doc->ncp */
    const char *form;    /* normalised form, UTF-8, NUL-terminated */
    uint32_t form_len;   /* bytes */
    uint32_t hash;       /* FNV-1a hash of the form in ASCII lower case */
    uint8_t kind;        /* enum tok_kind */
    uint8_t shape;       /* enum tok_shape */
    uint8_t pclass;      /* enum tok_pclass */
    uint8_t pad_;
    uint16_t flags;      /* TF_* */
} tok;

/* The hash tok.hash holds, for a string already in ASCII lower case. */
uint32_t tok_hash_lower(const char *s, size_t n);

/* Sentence flags are the public KH_SENT_* values (khaldun.h). */
typedef struct sent {
    uint32_t tok_first, tok_count;
    uint32_t start, end; /* code points into doc->text */
    uint32_t flags;
    const char *reason;  /* boilerplate reason or NULL */
} sent;

struct doc;

/* A decision about a sentence boundary before token j, in a sentence that
 * began at token first, where the punctuation rules found none: 1 splits. */
typedef int (*doc_boundary_fn)(void *ctx, const struct doc *d, uint32_t first, uint32_t j);

typedef struct doc_warning {
    char *msg;
} doc_warning;

typedef struct doc {
    arena *mem;
    const char *id, *date, *title, *source, *url;

    /* the repaired original text: valid UTF-8, NUL and controls replaced */
    char *text;
    size_t text_len;   /* bytes */
    uint32_t text_cps; /* code points */
    uint32_t *cp_byte; /* byte offset of each code point (text_cps+1), NULL when ASCII */

    /* the normalised view */
    uint32_t *ncp;
    uint32_t ncp_len;
    uint32_t *norig; /* original offset of each normalised index (ncp_len+1), NULL = identity */

    tok *toks;
    uint32_t ntoks;
    sent *sents;
    uint32_t nsents;

    /* learned boundary decisions (text/sbd.h), or NULL for rules only */
    doc_boundary_fn boundary;
    void *boundary_ctx;
    uint8_t style; /* sbd_style(), set by the splitter when boundary is set */

    doc_warning *warnings;
    uint32_t nwarnings, warn_cap;
    uint32_t invalid_bytes;  /* invalid UTF-8 bytes replaced by U+FFFD */
    uint32_t control_chars;  /* NUL and control characters replaced by spaces */
} doc;

/* Forgets any previous content (the boundary decision too) and binds the
 * document to arena a. */
void doc_reset(doc *d, arena *a);

/* Adds a warning (printf-style).  Returns 0, or -1 when out of memory. */
int doc_warn(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Byte offset in doc->text of code point offset cp (cp <= text_cps). */
static inline size_t doc_byte_at(const doc *d, uint32_t cp)
{
    return d->cp_byte ? d->cp_byte[cp] : cp;
}

/* Original code-point offset of normalised index i (i <= ncp_len). */
static inline uint32_t doc_orig_at(const doc *d, uint32_t i)
{
    return d->norig ? d->norig[i] : i;
}

/* Runs the whole text stage on raw bytes: repair, normalise, tokenise,
 * split into sentences, mark boilerplate.  Returns 0, or -1 when the arena
 * ran out of memory. */
int doc_process_text(doc *d, const char *bytes, size_t len);

/* Name of a token kind ("word", "number", ...). */
const char *tok_kind_name(unsigned kind);

#endif
