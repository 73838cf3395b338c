/*
 * input.h - reading documents from files and standard input.
 *
 * A source is a path ("-" for standard input) and a format: a .txt file is
 * one document, a .jsonl file (and standard input) one document per line,
 * an .html file one document whose article text is extracted later.
 *
 * Memory stays bounded whatever the input: a document larger than the
 * configured limit, or a JSON line longer than that limit plus slack, is
 * refused with a message and skipped without being held in memory.
 *
 * Ownership: strings of an in_doc live in the arena passed to in_next()
 * and stay valid until that arena is reset.  Messages are written into the
 * caller's buf, prefixed "FILE:LINE: " or "FILE: ".
 */
#ifndef KH_INPUT_H
#define KH_INPUT_H

#include <stddef.h>
#include <stdio.h>

#include "core/buf.h"
#include "core/mem.h"

typedef enum in_format { IN_AUTO = 0, IN_TXT, IN_JSONL, IN_HTML } in_format;

typedef struct in_doc {
    const char *id, *date, *title, *source, *url; /* NULL when absent */
    const char *text;
    size_t len;
    in_format format;   /* IN_TXT or IN_HTML: how to read text */
    unsigned long line; /* JSONL line number, 0 for whole files */
} in_doc;

typedef struct in_reader in_reader;

/* Results of in_next(). */
enum { IN_END = 0, IN_DOC = 1, IN_SKIP = 2, IN_FAIL = 3 };

/* Format from a file name's extension (".jsonl", ".html" ...); IN_TXT for
 * anything else and IN_JSONL for "-". */
in_format in_format_for(const char *path);

/* Parses "txt", "jsonl", "html"; IN_AUTO for anything else. */
in_format in_format_parse(const char *name);

/* Opens path ("-" = stdin_file) for reading in format fmt (IN_AUTO: by
 * extension).  max_doc_bytes bounds a document.  Returns NULL when the file
 * cannot be opened or memory runs out, with the reason in err. */
in_reader *in_open(const char *path, in_format fmt, FILE *stdin_file, size_t max_doc_bytes, buf *err);

/* Reads the next document into *out (strings in arena a).  Returns IN_DOC,
 * IN_END, IN_SKIP (a record was refused; err says why; call again) or
 * IN_FAIL (the source cannot be read further; err says why).  Repairs that
 * keep a record (invalid UTF-8 in a JSON line, a bad date) append
 * warnings, one per line, to warn. */
int in_next(in_reader *r, in_doc *out, arena *a, buf *err, buf *warn);

/* The name used in messages ("news.jsonl", "<stdin>"). */
const char *in_name(const in_reader *r);

void in_close(in_reader *r);

/* Describes why bytes look like a binary or non-UTF-8 file ("a PDF
 * document", "UTF-16 text", "binary data (NUL at byte 12)"), or NULL when
 * they look like text.  Only the first 64 KiB are examined. */
const char *in_sniff_binary(const unsigned char *s, size_t n, char *why, size_t why_size);

/* Checks a YYYY-MM-DD date (the first ten characters of an ISO timestamp
 * are accepted too) and copies its normalised form into out[11].  Returns
 * 1 when valid. */
int in_valid_date(const char *s, char out[11]);

#endif
