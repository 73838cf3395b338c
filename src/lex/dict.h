/*
 * dict.h - reading khaldun's own dictionary files (docs/dictionaries.md)
 * into a lexicon.
 *
 * Every malformed line is an error naming the file and line; a file with
 * errors is refused as a whole (what it added stays in the lexicon, so the
 * caller throws the lexicon away).  Redefining a phrase is allowed (the
 * later entry wins) and reported as a warning.
 */
#ifndef KH_DICT_H
#define KH_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "lex/lexicon.h"

/* Longest line a dictionary may have, in bytes. */
#define DICT_MAX_LINE 65536

/* Reads len bytes of dictionary text, named name in messages, into lx.
 * Errors (one line each, "name:line: reason") go to err, at most 20 of
 * them; warnings to warn.  Returns the number of entries added, or -1 when
 * there was an error. */
int64_t dict_load_text(lexicon *lx, const char *name, const char *text, size_t len, buf *err, buf *warn);

/* The same for the file at path (errors also when it cannot be read). */
int64_t dict_load_file(lexicon *lx, const char *path, buf *err, buf *warn);

/* How dict_add_phrase reads a phrase: '!' marks (khaldun's own files);
 * TABARI's blanks and '_' ("PRINCE DOL_AMROTH": words may come between
 * PRINCE and DOL, none between DOL and AMROTH). */
enum { DICT_MARKS = 1, DICT_GAPS = 2 };

/* Adds the phrase s[0..n) to entry e of lx: its words cut as khaldun cuts
 * text (marks: DICT_* or 0; with DICT_MARKS, a trailing '!' on a
 * space-separated piece makes its words case-exact), and the same without the hyphens between its words
 * ("al-Qaeda" also as "al Qaeda"); stem as for lex_add_phrase.  *replaced
 * as lex_add_phrase.  Returns 0, 1 when the phrase has no words, 2 when it
 * has too many, -1 when memory runs out. */
int dict_add_phrase(lexicon *lx, uint32_t e, const char *s, size_t n, int marks, int stem, arena *scratch,
                    uint32_t *replaced);

/* Reads a whole file into memory (NUL-terminated); NULL with a message in
 * err when it cannot be read or is larger than max bytes. */
char *dict_read_file(const char *path, size_t max, size_t *len, buf *err);

/* Reads a peer's dictionary (TABARI's, PETRARCH's: files older than
 * UTF-8): like dict_read_file, then dict_check_text, except that bytes
 * that are not UTF-8 are read as Latin-1 (the whole file converted),
 * with a line in warn naming the first such line and how many bytes.
 * Control characters still make it no text: NULL with the message in
 * err, as out of memory does. */
char *dict_read_legacy(const char *path, size_t max, size_t *len, buf *warn, buf *err);

/* dict_read_legacy's check of text already read: raw[0..*len) (allocated
 * with mem_*, NUL-terminated) is returned as it is, or freed and replaced
 * by its Latin-1 reading (*len updated), or freed and NULL with err. */
char *dict_legacy_text(const char *name, char *raw, size_t *len, buf *warn, buf *err);

/* 0 when text[0..len) is text (valid UTF-8, no control bytes but tabs,
 * carriage returns and line ends); else -1 with "name:line: reason (is
 * this a text file?)" in err.  For files handed to the importers. */
int dict_check_text(const char *name, const char *text, size_t len, buf *err);

#endif
