/*
 * conllu.h - reading and writing CoNLL-U files (Universal Dependencies).
 *
 * The reader checks every sentence block and refuses bad ones with a
 * message "FILE:LINE: reason", then goes on with the next block:
 *  - every word or range line has ten tab-separated columns;
 *  - no column is empty ("_" stands for no value);
 *  - word IDs run 1..n; multiword-token ranges "a-b" have 1 <= a < b <= n,
 *    stand just before word a, do not overlap, and hold "_" in every column
 *    but FORM, FEATS (UD allows Typo=Yes there) and MISC; empty nodes "n.k"
 *    are skipped;
 *  - HEAD is an integer 0..n, or "_" in files without trees (then every
 *    head of the sentence must be "_"); no word is its own head; heads form
 *    a tree (every word reaches 0, no cycle);
 *  - lines are at most CONLLU_MAX_LINE bytes and sentences at most
 *    CONLLU_MAX_WORDS words (and 64 MiB of text, CONLLU_MAX_WORDS comment
 *    lines); longer ones are refused, memory stays bounded.
 * Comment lines go before the words and are kept; "# sent_id = ..." and
 * "# text = ..." are also given their own fields.  Line ends may be LF or
 * CRLF, a UTF-8 byte order mark may open the file, blank lines may repeat,
 * and a file that does not end with a blank line still yields its last
 * sentence.  Invalid UTF-8 and NUL bytes are replaced by U+FFFD, with a
 * warning "FILE:LINE: invalid UTF-8 repaired" in err, so every string handed
 * out is valid UTF-8; the sentence is still returned.
 *
 * Ownership: every string of a conllu_sent lives in the arena passed to
 * conllu_next() and stays valid until that arena is reset; a refused block
 * leaves nothing in the arena.  Messages are appended to the caller's buf,
 * separated by newlines (no final newline); err may be non-empty after
 * CONLLU_SENT (warnings), so clear it between calls.
 */
#ifndef KH_CONLLU_H
#define KH_CONLLU_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/mem.h"

#define CONLLU_MAX_LINE (1u << 20)
#define CONLLU_MAX_WORDS 10000u

typedef struct conllu_word {
    const char *form, *lemma, *upos, *xpos, *feats, *deprel, *deps, *misc; /* "_" stays "_" */
    int32_t head;        /* 0 for the root, -1 when the file gives "_" */
    uint8_t space_after; /* 0 when MISC holds SpaceAfter=No */
} conllu_word;

typedef struct conllu_range {
    uint32_t first, last; /* word IDs, 1-based, inclusive */
    const char *form;     /* the surface token, e.g. "don't" */
    const char *misc;
    uint8_t space_after;
    const char *feats;    /* "_" or e.g. "Typo=Yes"; NULL is written "_" */
} conllu_range;

typedef struct conllu_sent {
    conllu_word *words; /* words[0] is word ID 1 */
    uint32_t nwords;
    conllu_range *ranges;
    uint32_t nranges;
    const char **comments; /* whole comment lines, "#" included, no newline */
    uint32_t ncomments;
    const char *sent_id, *text; /* from "# sent_id = " and "# text = ", or NULL */
    unsigned long line;         /* line number of the block's first line */
} conllu_sent;

typedef struct conllu_reader conllu_reader;

/* Results of conllu_next(). */
enum { CONLLU_END = 0, CONLLU_SENT = 1, CONLLU_SKIP = 2, CONLLU_FAIL = 3 };

/* Starts reading f (not closed by the reader); name is used in messages.
 * Returns NULL when memory runs out (with a message in err). */
conllu_reader *conllu_open(FILE *f, const char *name, buf *err);

/* Reads the next sentence into *out.  Returns CONLLU_SENT, CONLLU_END,
 * CONLLU_SKIP (a bad block was refused; err says why; call again) or
 * CONLLU_FAIL (reading cannot go on: I/O error or out of memory). */
int conllu_next(conllu_reader *r, conllu_sent *out, arena *a, buf *err);

void conllu_close(conllu_reader *r);

/* Appends s to out in CoNLL-U: its comments, its ranges before their first
 * word, its words, then a blank line.  Heads of -1 are written as "_",
 * NULL or empty fields as "_".  space_after decides MISC: "SpaceAfter=No"
 * is added when it is 0 and missing, removed when it is 1.  sent_id and text
 * are written as comments when set but missing from the comments.  Ranges
 * must be sorted; those past the last word are not written.  Reading a
 * valid file and writing its sentences gives it back byte for byte, except
 * for empty nodes.  Out of memory: out->failed is set. */
void conllu_write(buf *out, const conllu_sent *s);

#endif
