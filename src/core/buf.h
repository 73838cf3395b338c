/*
 * buf.h - growable byte buffers and a JSON writer on top of them.
 *
 * Ownership: a buf owns its bytes (heap, via mem_realloc) until buf_free().
 * Appending never fails loudly: on allocation failure the buffer sets its
 * sticky `failed` flag and ignores further appends, so a writer checks once
 * at the end.  The contents are always NUL-terminated when non-empty.
 */
#ifndef KH_BUF_H
#define KH_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct buf {
    char *p;
    size_t len, cap;
    int failed;
} buf;

#define BUF_INIT {NULL, 0, 0, 0}

/* Makes room for `extra` more bytes; returns 0 on success, -1 (and sets failed). */
int buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const void *data, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends the UTF-8 encoding of code point cp (no validation of surrogates). */
void buf_put_cp(buf *b, uint32_t cp);
/* Empties the buffer, keeping its memory; clears failed. */
void buf_clear(buf *b);
void buf_free(buf *b);

/* ---- JSON writing ---- */

/* Appends s[0..n) as a JSON string literal with quotes.  s must be valid
 * UTF-8 (the text stage guarantees it); control characters are escaped. */
void json_str(buf *b, const char *s, size_t n);
/* Same for a NUL-terminated string; NULL writes null. */
void json_cstr(buf *b, const char *s);
/* Appends `"key":` (key is a literal without characters needing escapes). */
void json_key(buf *b, const char *key);
void json_uint(buf *b, uint64_t v);

#endif
